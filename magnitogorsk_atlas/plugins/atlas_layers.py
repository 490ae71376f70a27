"""AtlasLayers: draws the atlas's validated layers on a folium map and keeps its state in the URL.

The drawing is in ``static/atlas/atlas-core.js``; this element only hands it the data. The controls
on the map are elements of their own (``controls.AtlasControl``), added after this one.
``tojson`` escapes ``<``, ``>`` and ``&``, so no text in the data can close the script tag.
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.template import Template


class AtlasLayers(JSCSSMixin):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = MagnitogorskAtlas.mount(
                {{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, config: dict, *, assets: str, layer_scripts: list[str]):
        super().__init__()
        self._name = "AtlasLayers"
        self.config = config
        # Instance lists: folium's class-level lists are shared, and mutating them leaks across maps.
        self.default_js = [("atlas_strings", f"{assets}atlas/strings.js"),
                           ("atlas_core", f"{assets}atlas/atlas-core.js"),
                           *((f"atlas_data_{url}", url) for url in layer_scripts)]
        self.default_css = [("atlas_css", f"{assets}atlas/atlas-map.css")]
