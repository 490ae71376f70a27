"""AtlasControl: one control of a map page (year slider, legend, feature list, share box, ...).

Each control is one file, ``static/atlas/<name>.js``, which registers itself with
``MagnitogorskAtlas.control(name, ...)``; this element loads that file and, once the map is mounted by
``AtlasLayers``, hands the control the map and its options. One class serves every control, the way
folium's plugins pair one element with one script.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.template import Template

from .atlas_layers import AtlasLayers


class AtlasControl(JSCSSMixin):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            MagnitogorskAtlas.use({{ this.control|tojson }}, {{ this.atlas.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, name: str, atlas: AtlasLayers, *, assets: str, options: dict | None = None):
        super().__init__()
        self._name = "AtlasControl"
        self.control = name
        self.atlas = atlas
        self.options = options or {}
        self.default_js = [(f"atlas_{name}", f"{assets}atlas/{name}.js")]
        self.default_css = []
