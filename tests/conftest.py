"""Shared fixtures: a built site, loopback HTTP servers and headless Chromium.

The site is built once per session into a temporary folder (never into the repo's site/).
Browser tests use Debian's chromium through Playwright; nothing is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from magnitogorsk_atlas import ROOT
from magnitogorsk_atlas import atlas as atlas_module
from magnitogorsk_atlas.site import build_site

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str:
    for candidate in [os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")]:
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail("No Chromium found for the browser tests. Install Debian's package: "
                "'sudo apt-get install chromium' (Ubuntu: chromium-browser), or set CHROMIUM=/path/to/chromium. "
                "A browser downloaded by Playwright is not used.", pytrace=False)


PROJECT_FILES = ["geodata", "docs", "mkdocs.yml", "build_maps.py"]


def copy_project(dest: Path) -> Path:
    """A copy of the project (data, pages, config, entry point) that builds on its own."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def atlas():
    return atlas_module.load(ROOT)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built once for the session."""
    return build_site(tmp_path_factory.mktemp("build") / "site")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _SubPath(_Quiet):
    """Serves the site under a prefix such as /atlas/, as a course platform or a sub-site would."""
    prefix = "/atlas/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_found__")
        return super().translate_path("/" + path[len(self.prefix):])


def serve(directory: Path, handler=_Quiet):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site_url(site):
    """The site at the root of a loopback server."""
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def subpath_url(site):
    """The site under /atlas/ of another loopback server."""
    server = serve(site, _SubPath)
    yield f"http://127.0.0.1:{server.server_port}/atlas/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors, page errors and every request that leaves loopback."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request):
        url = request.url
        if not url.startswith(("http://127.0.0.1", "data:", "about:", "blob:")):
            self.outside.append(url)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    watched = Watched(context.new_page())
    yield watched
    context.close()


def wait_ready(page, selector=".folium-map[data-atlas-ready]"):
    page.wait_for_selector(selector, state="attached", timeout=15000)


def open_map(page, base, map_id, query=""):
    """Open maps/<map_id>.html on the watched ``page`` and wait until the atlas has drawn it."""
    page.page.goto(f"{base}maps/{map_id}.html{query}")
    wait_ready(page.page)
    return page.page
