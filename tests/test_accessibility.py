"""axe-core finds no serious or critical violation on the main kinds of page."""

from __future__ import annotations

from importlib import resources

import pytest

from conftest import wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_script():
    pytest.importorskip("axe_playwright_python")
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["index.html", "socialist-city.html", "chronology.html", "population.html",
                                  "maps/overview.html", "maps/compare-banks.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations(page, site_url, axe_script, path, scheme):
    p = page.page
    p.emulate_media(color_scheme=scheme)
    p.goto(site_url + path)
    if path.startswith("maps/"):
        wait_ready(p)
        p.locator(".atlas-features summary").first.click()  # check the feature list too
    p.evaluate(axe_script)
    results = p.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_pinch_zoom_is_never_disabled(site):
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "user-scalable=no" not in text and "maximum-scale=1" not in text, page
