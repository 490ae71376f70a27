"""Markup in the data is shown as text everywhere and never runs."""

from __future__ import annotations

import csv
import json

import pytest
import yaml

from conftest import Watched, copy_project, serve, wait_ready
from magnitogorsk_atlas.site import build_site

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">'
SCRIPT = "<script>window.__pwned=(window.__pwned||0)+1</script>"
PAYLOAD = f"Evil {IMG} {SCRIPT} & \"quotes\""
FEATURE = "berezka"  # Berezka layer: a polygon or point in a small layer
EVENT_FEATURE = FEATURE


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("poisoned"))
    path = root / "geodata" / "berezka.geojson"
    data = json.loads(path.read_text())
    props = next(f for f in data["features"] if f["properties"]["id"] == FEATURE)["properties"]
    # every kind of text field a feature has (name_ru may hold no Latin letter, hence no tag: the
    # validator refuses markup there, tests/test_bad_data.py; here it carries quotes and an ampersand)
    # and a label holds no markup either (layers._check_label), but may hold quotes and ampersands.
    for field in ("name", "description", "location_basis", "conflicts"):
        props[field] = f"{field}: {PAYLOAD}"
    props["name_ru"] = 'Берёзка & "кавычки" ' + "'"
    props["label"] = 'Evil & "quotes" ' + "'"
    props["sources"][0]["note"] = f"note: {PAYLOAD}"
    props.setdefault("population", []).append(
        {"value": 1, "year": 1939, "what": f"what: {PAYLOAD}", "source": {"work": "kotkin1995", "pages": "130"}})
    path.write_text(json.dumps(data, ensure_ascii=False))
    chron = root / "geodata" / "chronology.yml"
    entries = yaml.safe_load(chron.read_text())
    entry = next(e for e in entries if FEATURE in e.get("features", []))
    for field in ("title", "summary", "conflict", "qualifier"):
        entry[field] = f"{field}: {PAYLOAD}"[:90] if field == "title" else f"{field}: {PAYLOAD}"
    chron.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False))
    site = build_site(root / "site", root / "mkdocs.yml")
    server = serve(site)
    yield site, f"http://127.0.0.1:{server.server_port}/", entry["id"]
    server.shutdown()


def no_injected_elements(page):
    return page.evaluate("""() => ({
        pwned: window.__pwned || 0,
        imgs: [...document.querySelectorAll('img')].filter(i => i.getAttribute('src') === 'x').length,
    })""")


def test_map_shows_markup_as_text(browser, poisoned_site):
    site, base, _ = poisoned_site
    context = browser.new_context()
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(f"{base}maps/berezka.html?feature={FEATURE}&year=1936")
    wait_ready(page)
    popup = page.locator(".leaflet-popup-content").inner_text()
    for field in ("name", "description", "location_basis", "conflicts", "note", "what"):
        assert f"{field}: Evil <img src=x" in popup, field
    assert "title: Evil <img" in popup  # the event list in the popup
    page.locator(".atlas-features summary").click()
    assert "name: Evil <img src=x" in page.locator(".atlas-list").inner_text()
    page.locator(f".atlas-list button[data-feature={FEATURE}]").hover()
    page.mouse.move(10, 10)
    page.evaluate(f"MagnitogorskAtlas.instances[0].byId['{FEATURE}'].leaf.openTooltip()")
    assert "Evil <img" in page.locator(".leaflet-tooltip").first.inner_text()
    assert no_injected_elements(page) == {"pwned": 0, "imgs": 0}
    context.close()


@pytest.mark.parametrize("page_name", ["chronology.html", "berezka.html", "sources.html", "population.html"])
def test_site_pages_show_markup_as_text(browser, poisoned_site, page_name):
    site, base, event_id = poisoned_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + page_name)
    text = page.locator(".md-content").inner_text()
    assert "Evil <img src=x" in text
    assert no_injected_elements(page) == {"pwned": 0, "imgs": 0}
    context.close()


def test_downloads_keep_the_text_verbatim(poisoned_site):
    site, _, _ = poisoned_site
    with open(site / "data" / "berezka.csv", encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if r["id"] == FEATURE)
    assert IMG in row["name"] and SCRIPT in row["description"]
    collection = json.loads((site / "data" / "berezka.geojson").read_text())
    assert any(IMG in f["properties"]["name"] for f in collection["features"])
    for page in site.rglob("*.html"):
        assert 'onerror="window.__pwned' not in page.read_text(), page
