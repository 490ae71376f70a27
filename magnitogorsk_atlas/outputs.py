"""Every file the atlas generates for the site, as {path in site: bytes}.

One function serves both ``mkdocs build`` (through the hook) and ``build_maps.py maps``, so the
standalone maps and the site's maps are the same bytes.
"""

from __future__ import annotations

import json
from html import escape

import rcssmin
import rjsmin

from . import ATLAS_TITLE, STATIC, downloads, oembed
from .atlas import Atlas
from .posters import alt_text, render_poster
from .render import citation, layer_script, render_map
from .tours import tours_script


def embed_snippet(spec, url: str, height: int = 480) -> str:
    """The iframe a teacher pastes into a course page, with a plain link as fallback.
    (static/atlas/share.js builds the same snippet for "embed this view".)"""
    return (f'<iframe src="{escape(url)}" title="{escape(spec.title)}" width="100%" height="{height}" '
            f'loading="lazy" style="border:0" allow="fullscreen; clipboard-write">'
            f'<a href="{escape(url)}">{escape(spec.title)}</a></iframe>')


def _minified(path) -> bytes:
    """The atlas's own scripts and styles ship minified (the sources stay commented); vendored
    files ship as published, so their checksums still match vendor.json."""
    if path.parent.name != "atlas" or path.suffix not in (".js", ".css"):
        return path.read_bytes()
    text = path.read_text(encoding="utf-8")
    return (rjsmin.jsmin(text) if path.suffix == ".js" else rcssmin.cssmin(text)).encode("utf-8")


def static_assets() -> dict[str, bytes]:
    return {f"assets/{p.relative_to(STATIC).as_posix()}": _minified(p)
            for p in sorted(STATIC.rglob("*")) if p.is_file() and p.name != "vendor.json"}


def map_index(atlas: Atlas) -> bytes:
    maps = [{
        "id": spec.id, "title": spec.title, "description": spec.description, "url": spec.url,
        "page": f"{spec.page}.html", "poster": f"maps/posters/{spec.id}.png",
        "poster_alt": alt_text(atlas, spec), "year": spec.year, "years": list(spec.years),
        "center": list(spec.center), "zoom": spec.zoom, "layers": list(spec.layers),
        "citation": citation(atlas, spec),
    } for spec in atlas.maps]
    return (json.dumps({"title": ATLAS_TITLE, "maps": maps}, ensure_ascii=False, indent=1) + "\n").encode()


def generate(atlas: Atlas, *, posters: bool = True, site_url: str | None = None) -> dict[str, bytes]:
    """``site_url``, the site's public address, turns on oEmbed (see oembed.py)."""
    base = oembed.base_url(site_url)
    out = static_assets()
    for layer_id in atlas.layers:
        out[f"maps/data/{layer_id}.js"] = layer_script(atlas, layer_id)
    out["maps/data/tours.js"] = tours_script(atlas.tours, atlas.maps)
    for spec in atlas.maps:
        head = oembed.link_tag(spec, base) + "\n" if base else ""
        out[spec.url] = render_map(atlas, spec, extra_head=head).encode("utf-8")
        poster = render_poster(atlas, spec) if posters else None
        if poster:
            out[f"maps/posters/{spec.id}.png"] = poster
        if base:
            for lang in oembed.LANGUAGES:
                out[oembed.json_path(spec, lang)] = oembed.document(spec, base, poster, lang)
    out["maps/index.json"] = map_index(atlas)
    out.update(downloads.generate(atlas))
    return out
