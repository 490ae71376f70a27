"""MkDocs hooks: validate the data, add the generated files, expand the page directives.

Registered in mkdocs.yml under ``hooks:``. Validation runs in ``on_config``, before MkDocs
cleans the site directory, so bad data stops the build with the site untouched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from . import atlas as atlas_module
from . import i18n, oembed, outputs, pages
from .errors import DataError

log = logging.getLogger("mkdocs.hooks.magnitogorsk_atlas")
_state: dict = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        base = oembed.base_url(config.site_url)
    except ValueError as exc:
        raise PluginError(f"mkdocs.yml: {exc}") from None
    if base is None:
        log.info(oembed.OFF_NOTE)
    try:
        atlas = atlas_module.load(root)
        generated = outputs.generate(atlas, site_url=base)
    except DataError as exc:
        raise PluginError(f"bad data: {exc}") from None
    _state.update(atlas=atlas, generated=generated, root=root, base=base)
    return config


def on_files(files, config):
    for path, content in _state["generated"].items():
        files.append(File.generated(config, path, content=content))
    return i18n.on_files(files, config)


def on_page_markdown(markdown, page, config, files):
    shown = pages.maps_shown(markdown)
    if _state["base"] and len(shown) == 1:
        page.meta["atlas_oembed_map"] = shown[0]  # its URL then embeds that map (on_post_page)
    try:
        return pages.expand(markdown, page.file.src_uri, _state["atlas"], _state["generated"], _state["base"])
    except pages.DirectiveError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None


def on_post_page(output, page, config):
    output = i18n.on_post_page(output, page)
    map_id = page.meta.get("atlas_oembed_map")
    if not map_id:
        return output
    # Right after <head>: WordPress reads only the first 150 KB of a page.
    tag = oembed.link_tag(_state["atlas"].map(map_id), _state["base"], i18n.language(page.file.src_uri))
    return output.replace("<head>", "<head>\n" + tag, 1)


def on_env(env, config, files):
    return i18n.on_env(env, config, files)


def on_page_context(context, page, config, nav):
    return i18n.on_page_context(context, page, config, nav)


def on_serve(server, config, builder):
    # Rebuild when the data changes, not only the Markdown.
    server.watch(str(_state["root"] / "geodata"))
    return server
