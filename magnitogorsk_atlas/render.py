"""One standalone HTML page per map spec, rendered by folium from the validated layers.

What this changes in folium's defaults, and why:
- assets come from the site itself (vendored Leaflet, no jQuery/Bootstrap/Font Awesome): the
  maps must work offline and stay light;
- element ids are a per-map counter instead of random hex: builds are byte-identical;
- folium's viewport meta forbids pinch-zoom (``user-scalable=no``): replaced;
- the document gets ``lang``, a title, a description and a no-script poster.
"""

from __future__ import annotations

import html
import json
import itertools
import re
from contextlib import contextmanager

import folium
from branca.element import Element
from folium.plugins import DualMap

from . import i18n, labels
from .atlas import WORKS, Atlas
from .mapspec import ZOOMS, MapSpec
from .plugins import AtlasControl, AtlasLayers
from .styles import style_config
from .vendor import folder

ASSETS = "../assets/"  # map pages live in maps/, the site's assets in assets/
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />'
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport" content="width=device-width,\s+initial-scale=1\.0, '
                              r'maximum-scale=1\.0, user-scalable=no" />')
ATTRIBUTION = ('After Kotkin 1995 · <a href="../sources.html">sources</a> · river GSHHG · '
               "lake © OpenStreetMap contributors, ODbL")
COORD_DECIMALS = 5  # about 1 m: far finer than any position in the atlas is known
# The controls of a map, in the order they are added (static/atlas/<name>.js each). The second map
# of a pair follows the first: it has no year slider or share box of its own.
CONTROLS = ["title", "year", "legend", "features", "share", "tour", "wp-embed"]
FOLLOWER_CONTROLS = ["title", "legend", "features"]


@contextmanager
def stable_ids(prefix: str):
    """Give every branca element of one map a counter id instead of random hex."""
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{prefix}_{next(counter):03d}")
    try:
        yield
    finally:
        Element._generate_id = original


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(coords, COORD_DECIMALS)
    return [_round(c) for c in coords]


def _feature_for_browser(feature: dict) -> dict:
    geometry = dict(feature["geometry"], coordinates=_round(feature["geometry"]["coordinates"]))
    return {"type": "Feature", "geometry": geometry, "properties": feature["properties"]}


def citation(atlas: Atlas, spec: MapSpec, url: str | None = None) -> str:
    where = url or f"maps/{spec.id}.html"
    return (f"“{spec.title}”, map in Magnitogorsk 1929–1939: an atlas of the city of fragments, "
            f"{where}. After Stephen Kotkin, Magnetic Mountain (1995).")


def layer_script(atlas: Atlas, layer_id: str) -> bytes:
    """``maps/data/<layer>.js``: one layer's features and their events, shared (and cached) by every
    map that shows the layer. A script rather than JSON to fetch, so maps also open from file://."""
    features = atlas.layers[layer_id].features
    events = {f["properties"]["id"]: [{"id": e.id, "date": e.date_label(), "title": e.title,
                                       "pages": list(e.pages)}
                                      for e in atlas.events_by_feature.get(f["properties"]["id"], [])]
              for f in features}
    data = {"features": [_feature_for_browser(f) for f in features],
            "events": {fid: evs for fid, evs in events.items() if evs}}
    return (f"MagnitogorskAtlas.data({json.dumps(layer_id)}, "
            f"{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n").encode("utf-8")


def browser_config(atlas: Atlas, spec: MapSpec, side_index: int) -> dict:
    """The JSON the browser receives for one side of one map (the features come from the layer scripts)."""
    side = spec.sides[side_index]
    layers = [{"id": layer_id, "title": atlas.layers[layer_id].title, "visible": layer_id not in side.hidden,
               "count": len(atlas.layers[layer_id].features)}
              for layer_id in side.layers]
    return {
        "map": {"id": spec.id, "domId": f"{spec.id}-{side_index + 1}", "title": spec.title,
                "sideTitle": side.title if len(spec.sides) > 1 else None,
                "year": spec.year, "years": list(spec.years), "timeless": list(spec.timeless),
                "pageUrl": f"../{spec.page}.html", "chronologyUrl": "../chronology.html",
                # the map's page in the Russian edition, where there is one (title.js links it on ?lang=ru)
                "pageUrlRu": f"../{page_ru}.html" if (page_ru := i18n.edition_page(atlas.root, spec.page, "ru"))
                else None,
                "citation": citation(atlas, spec)},
        "follower": side_index > 0,
        "styles": style_config(),
        "works": {key: work["label"] for key, work in WORKS.items()},
        "layers": layers,
        "histogram": {str(y): n for y, n in atlas.histogram.items()},
        "attribution": ATTRIBUTION,
    }


def _use_site_assets(m: folium.Map) -> None:
    leaflet = f"{ASSETS}{folder('leaflet')}"
    m.default_js = [("leaflet", f"{leaflet}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{leaflet}/leaflet.css")]


def _finish(page: str, spec: MapSpec, extra_head: str = "") -> str:
    page, n = _FOLIUM_VIEWPORT.subn("", page)
    if n == 0:
        raise RuntimeError("folium's viewport meta changed; update render._FOLIUM_VIEWPORT")
    description = html.escape(spec.description)
    head = (f"{VIEWPORT}\n"
            f'<meta name="description" content="{description}" />\n'
            f'<meta property="og:title" content="{html.escape(spec.title)}" />\n'
            f'<meta property="og:description" content="{description}" />\n'
            f'<meta property="og:image" content="posters/{spec.id}.png" />\n'
            '<link rel="icon" href="data:," />\n'
            f"{extra_head}")
    # The poster stands in where the live map cannot: without JavaScript, and on paper.
    poster = (f'<noscript><p><img src="posters/{spec.id}.png" alt="{description}" '
              f'style="max-width:100%"></p><p>This map needs JavaScript. The '
              f'<a href="../{spec.page}.html">atlas page</a> tells the same story in text.</p></noscript>\n'
              f'<img class="atlas-print-poster" src="posters/{spec.id}.png" alt="{description}" loading="lazy">')
    page = page.replace("<html>", '<html lang="en">', 1).replace("<head>", "<head>\n" + head, 1)
    page = page.replace("<body>", "<body>\n" + poster, 1)
    # folium indents generously; trailing spaces and blank lines only cost bytes.
    return "\n".join(line.rstrip() for line in page.splitlines() if line.strip()) + "\n"


def render_map(atlas: Atlas, spec: MapSpec, extra_head: str = "") -> str:
    """Render one map page to an HTML string; ``extra_head`` goes near the top of its <head> (the
    oEmbed discovery link: WordPress reads only a page's first 150 KB)."""
    options = dict(location=list(spec.center), zoom_start=spec.zoom, tiles=None, control_scale=True,
                   min_zoom=ZOOMS[0], max_zoom=ZOOMS[1])
    with stable_ids(spec.id.replace("-", "_")):
        if len(spec.sides) == 1:
            maps = [folium.Map(**options)]
            root = maps[0]
        else:
            root = DualMap(layout="horizontal", **options)
            root.default_js = [("Leaflet.Sync", f"{ASSETS}{folder('leaflet.sync')}/L.Map.Sync.js")]
            maps = [root.m1, root.m2]
        for index, m in enumerate(maps):
            _use_site_assets(m)
            if len(maps) > 1:
                m._name = "Map"
            layers = AtlasLayers(browser_config(atlas, spec, index), assets=ASSETS,
                                 layer_scripts=[f"data/{layer}.js" for layer in spec.sides[index].layers])
            layers.add_to(m)
            for name in FOLLOWER_CONTROLS if index else CONTROLS:
                AtlasControl(name, layers, assets=ASSETS).add_to(m)
            # Place names come last, so that they keep clear of the other controls' boxes.
            AtlasControl("labels", layers, assets=ASSETS,
                         options={"labels": labels.for_side(atlas, spec, index)}).add_to(m)
        figure = root.get_root()
        figure.title = html.escape(spec.title)
        page = figure.render()
    if len(spec.sides) > 1:
        page = page.replace('class="folium-map"', 'class="folium-map atlas-side"')
    return _finish(page, spec, extra_head)
