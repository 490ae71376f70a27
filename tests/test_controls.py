"""One browser test (or more) per map control: each file in static/atlas/ and the element that loads it."""

from __future__ import annotations

import pytest

from conftest import Watched, open_map, serve, wait_ready
from magnitogorsk_atlas import STATIC
from magnitogorsk_atlas.outputs import embed_snippet
from magnitogorsk_atlas.render import CONTROLS, FOLLOWER_CONTROLS

pytestmark = pytest.mark.browser

ATLAS = "MagnitogorskAtlas.instances[0]"


def query(p) -> dict:
    return p.evaluate("Object.fromEntries(new URLSearchParams(location.search))")


def test_every_control_has_its_script_and_ships_minified(site):
    for name in {*CONTROLS, *FOLLOWER_CONTROLS}:
        source = STATIC / "atlas" / f"{name}.js"
        assert 'MagnitogorskAtlas' in source.read_text() and f'control("{name}"' in source.read_text()
        shipped = (site / "assets" / "atlas" / f"{name}.js").read_bytes()
        assert 0 < len(shipped) < len(source.read_bytes())  # comments and indentation stripped
    page = (site / "maps" / "compare-banks.html").read_text()
    # the follower map of the pair loads no year slider or share box of its own
    assert page.count('MagnitogorskAtlas.use("year"') == 1 and page.count('MagnitogorskAtlas.use("legend"') == 2


def test_title_control_names_the_map_and_leads_to_its_story(page, site_url, atlas):
    p = open_map(page, site_url, "berezka")
    assert p.locator(".atlas-title h1").inner_text() == atlas.map("berezka").title
    link = p.locator(".atlas-open")
    assert link.inner_text() == "About this map"  # not framed: the story around the map
    assert link.get_attribute("href") == f"../{atlas.map('berezka').page}.html"
    assert page.errors == []


def test_year_control_moves_the_map_through_time(page, site_url):
    p = open_map(page, site_url, "overview", "?year=1935")
    before = int(p.get_attribute(".folium-map", "data-features-shown"))
    slider = p.locator(".atlas-year input[type=range]")
    slider.focus()
    for _ in range(5):
        p.keyboard.press("ArrowLeft")
    assert p.get_attribute(".folium-map", "data-year") == "1930"
    assert query(p)["year"] == "1930"
    assert p.locator(".atlas-year output").inner_text() == "1930"
    shown = int(p.get_attribute(".folium-map", "data-features-shown"))
    assert shown < before
    assert slider.get_attribute("aria-valuetext") == f"1930: {shown} features shown"
    assert p.locator(".atlas-hist rect.current title").text_content().startswith("1930:")


def test_legend_switches_layers_and_follows_the_map(page, site_url):
    p = open_map(page, site_url, "overview")
    box = p.locator("#overview-1-layer-settlements")
    assert box.is_checked()
    box.uncheck()
    layers = set(p.evaluate(f"{ATLAS}.shown().map(r => r.layer)"))
    assert "settlements" not in layers
    assert "settlements" not in query(p)["layers"].split(",")
    # a feature chosen on a hidden layer switches its layer back on, and the box follows
    p.evaluate(f"{ATLAS}.focusFeature('fifth_sector', false)")
    assert box.is_checked()
    # the legend explains every certainty grade
    assert p.locator(".atlas-legend dd").count() >= 5


def test_feature_list_lists_what_is_shown_and_selects_it(page, site_url):
    p = open_map(page, site_url, "socialist-city", "?year=1933")
    shown = p.evaluate(f"{ATLAS}.shown().filter(r => r.layer !== 'context').length")
    p.locator(".atlas-features summary").click()
    assert p.locator(".atlas-list button").count() == shown
    assert p.locator(".atlas-features summary").inner_text() == f"Features in 1933 ({shown})"
    first = p.locator(".atlas-list button").first
    feature = first.get_attribute("data-feature")
    first.click()
    assert query(p)["feature"] == feature
    assert p.locator(".leaflet-popup-content").is_visible()


def test_share_box_gives_this_view_and_the_same_snippet_as_python(page, site_url, atlas):
    p = open_map(page, site_url, "berezka", "?year=1936")
    p.locator(".atlas-share summary").click()
    url = p.locator(".atlas-share input").input_value()
    assert url == p.evaluate("location.href.split('#')[0]") and "year=1936" in url
    code = p.locator(".atlas-share textarea").input_value()
    assert code == embed_snippet(atlas.map("berezka"), url)  # the twins agree


BLOG = """<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course</title></head>
<body><iframe src="{src}" title="map" width="800" height="500"></iframe></body></html>"""


def test_copy_link_works_in_a_cross_origin_frame_without_clipboard_permission(browser, site_url, tmp_path):
    (tmp_path / "index.html").write_text(BLOG.format(src=f"{site_url}maps/berezka.html"))
    server = serve(tmp_path)
    context = browser.new_context()
    watched = Watched(context.new_page())
    watched.page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
    frame = watched.page.frame_locator("iframe")
    wait_ready(watched.page.frames[1])
    frame.locator(".atlas-share summary").click()
    button = frame.locator(".atlas-share button").first
    button.click()
    # the asynchronous clipboard is refused in the frame: the selection copies, or the reader is told how
    watched.page.frames[1].wait_for_function(
        "['Copied', 'Press Ctrl+C to copy'].includes(document.querySelector('.atlas-share button').textContent)")
    assert button.inner_text() in ("Copied", "Press Ctrl+C to copy")
    assert watched.errors == [], watched.errors
    context.close()
    server.shutdown()


def test_unknown_control_is_a_clear_error(page, site_url):
    p = open_map(page, site_url, "berezka")
    message = p.evaluate(f"() => {{ try {{ MagnitogorskAtlas.use('nonesuch', {ATLAS}); }} "
                         "catch (e) { return e.message; } }")
    assert "no control 'nonesuch'" in message and "atlas/nonesuch.js" in message


def test_unknown_language_falls_back_to_english(page, site_url):
    p = open_map(page, site_url, "berezka", "?lang=xx")
    assert p.evaluate("document.documentElement.lang") == "en"
    assert p.locator(".atlas-share summary").inner_text() == "Link and embed this view"
    assert "lang" not in query(p)
