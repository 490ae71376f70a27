"""MkDocs hooks: validate the data, add the generated files, expand the page directives.

Registered in mkdocs.yml under ``hooks:``. Validation runs in ``on_config``, before MkDocs
cleans the site directory, so bad data stops the build with the site untouched.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from . import atlas as atlas_module
from . import outputs, pages
from .errors import DataError

_state: dict = {}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        atlas = atlas_module.load(root)
        generated = outputs.generate(atlas)
    except DataError as exc:
        raise PluginError(f"bad data: {exc}") from None
    _state.update(atlas=atlas, generated=generated, root=root)
    return config


def on_files(files, config):
    for path, content in _state["generated"].items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    try:
        return pages.expand(markdown, page.file.src_uri, _state["atlas"], _state["generated"])
    except pages.DirectiveError as exc:
        raise PluginError(f"docs/{page.file.src_uri}: {exc}") from None


def on_serve(server, config, builder):
    # Rebuild when the data changes, not only the Markdown.
    server.watch(str(_state["root"] / "geodata"))
    return server
