"""Build the whole site atomically, and check that every link, asset and iframe in it resolves.

The site is built into a temporary folder beside ``site/`` and swapped in only when the build and
the link check both pass, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError

from . import ROOT


class BuildFailed(Exception):
    pass


class _Links(HTMLParser):
    ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        wanted = self.ATTRS.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.links.append((tag, value))


def check_links(site_dir: Path, tags: tuple[str, ...] = tuple(_Links.ATTRS)) -> list[str]:
    """Return 'page: tag -> target' for every internal link, asset or iframe that does not resolve."""
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        if page.name == "404.html" and page.parent == site_dir:
            # MkDocs writes the 404 page with root-absolute URLs on purpose: a server shows it at
            # any depth. It is the one page that needs site_url set when hosted under a sub-path.
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, target in parser.links:
            if tag not in tags:
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "mailto:", "data:", "javascript:")):
                continue
            if target.startswith("/"):
                broken.append(f"{page.relative_to(site_dir)}: {tag} -> {target} "
                              "(absolute path breaks under a sub-path)")
                continue
            path = (page.parent / unquote(parts.path)).resolve()
            if path.is_dir():
                path = path / "index.html"
            if not path.exists() or site_dir.resolve() not in path.parents:
                broken.append(f"{page.relative_to(site_dir)}: {tag} -> {target}")
    return broken


def build_site(site_dir: Path | str = ROOT / "site", config_file: Path | str = ROOT / "mkdocs.yml",
               site_url: str | None = None) -> Path:
    """Build into a temporary folder, check it, then swap it in place of ``site_dir``.
    ``site_url`` overrides mkdocs.yml's public address (which turns on oEmbed)."""
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(tmp), **({"site_url": site_url} if site_url else {}))
        try:
            build(config)
        except (Abort, BuildError) as exc:
            raise BuildFailed(_last_error() or str(exc)) from None
        broken = check_links(tmp)
        if broken:
            raise BuildFailed("broken links:\n  " + "\n  ".join(broken))
        old = None
        if site_dir.exists():
            old = site_dir.with_name(site_dir.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            site_dir.rename(old)
        tmp.rename(site_dir)
        if old:
            shutil.rmtree(old, ignore_errors=True)
        return site_dir
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class _Remember(logging.Handler):
    last: str | None = None

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            _Remember.last = record.getMessage()


logging.getLogger("mkdocs").addHandler(_Remember())


def _last_error() -> str | None:
    message, _Remember.last = _Remember.last, None
    return message
