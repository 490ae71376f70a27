"""oEmbed: what lets a course blog turn a map's bare URL into the live map.

WordPress strips ``<iframe>`` from posts by authors without ``unfiltered_html`` (most students
and teachers on a course blog), but it embeds any URL alone on a line whose page announces an
oEmbed document. So every map page, and every atlas page that shows one map, carries
``<link rel="alternate" type="application/json+oembed" href="...">`` in its head, and the site
ships that document as a static file, ``<id>.oembed.json`` at the site root. (Not beside the maps
in maps/: Material's language switch fetches ``sitemap.xml`` next to every ``rel="alternate"``
link of a page, and only the root has one; anywhere else each atlas page showing a map would log
a 404.)

WordPress resolves neither relative hrefs nor relative ``src`` in the returned HTML, so all of it
needs the site's public address: ``site_url`` in mkdocs.yml, or the ``ATLAS_SITE_URL``
environment variable. Without it no oEmbed link or document is written at all (wrong URLs would
make WordPress cache a failure), and the build says so once (``OFF_NOTE``).
"""

from __future__ import annotations

import json
import struct
from html import escape
from urllib.parse import urlsplit

from . import ATLAS_TITLE, i18n
from .mapspec import MapSpec

ENV = "ATLAS_SITE_URL"
HEIGHT = 480   # the iframe's height until the map reports the height it wants (static/atlas/wp-embed.js)
WIDTH = 640    # oEmbed wants an integer; the iframe itself is width="100%"
OFF_NOTE = (f"oEmbed is off: site_url is not set (mkdocs.yml, or the {ENV} environment variable). "
            "WordPress needs the site's absolute address to embed a map from its URL, so no oEmbed "
            "links or *.oembed.json were written; the iframe embed code still works.")


def base_url(site_url: str | None) -> str | None:
    """The public address of the site root with a trailing slash, or None when oEmbed is off."""
    if not site_url:
        return None
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"site_url must be an absolute http(s) address, not '{site_url}'")
    return site_url if site_url.endswith("/") else site_url + "/"


# The map pages are one file for both languages (?lang=ru switches their UI), so their own head
# announces the English document; the Russian atlas pages (docs/ru/) announce a Russian one,
# whose iframe opens the map with ?lang=ru.
LANGUAGES = ("en", "ru")


def json_path(spec: MapSpec, lang: str = "en") -> str:
    return f"{spec.id}.oembed.json" if lang == "en" else f"{spec.id}.{lang}.oembed.json"


def title(spec: MapSpec, lang: str = "en") -> str:
    return spec.title if lang == "en" else i18n.ui_strings(lang).get(f"map.{spec.id}", spec.title)


def link_tag(spec: MapSpec, base: str, lang: str = "en") -> str:
    """The discovery link for a page's ``<head>`` (WordPress reads only its first 150 KB)."""
    return (f'<link rel="alternate" type="application/json+oembed" href="{escape(base + json_path(spec, lang))}" '
            f'title="{escape(title(spec, lang))}" />')


def embed_html(spec: MapSpec, base: str, lang: str = "en") -> str:
    """The HTML a consumer puts in the post. WordPress keeps only what its kses list allows
    (``style``, ``allow`` and ``loading`` go), sandboxes the iframe and hides it behind the
    blockquote until the map posts its height; the blockquote is also what makes WordPress load
    wp-embed.js, which follows the map's "link" messages."""
    url = escape(base + spec.url + ("" if lang == "en" else f"?lang={lang}"))
    name = escape(title(spec, lang))
    return (f'<blockquote><a href="{url}">{name}</a></blockquote>'
            f'<iframe src="{url}" width="100%" height="{HEIGHT}" title="{name}" frameborder="0"></iframe>')


def png_size(png: bytes) -> tuple[int, int]:
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return struct.unpack(">II", png[16:24])


def document(spec: MapSpec, base: str, poster: bytes | None, lang: str = "en") -> bytes:
    """``<id>.oembed.json``: static, so it ignores the query string consumers add."""
    data = {"version": "1.0", "type": "rich", "provider_name": ATLAS_TITLE, "provider_url": base,
            "title": title(spec, lang), "html": embed_html(spec, base, lang), "width": WIDTH, "height": HEIGHT}
    if poster is not None:
        width, height = png_size(poster)
        data.update(thumbnail_url=f"{base}maps/posters/{spec.id}.png", thumbnail_width=width,
                    thumbnail_height=height)
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
