"""Every map in a real headless Chromium: drawn, silent, offline, and driven by the URL."""

from __future__ import annotations


import pytest

from conftest import Watched, open_map, serve, wait_ready

pytestmark = pytest.mark.browser

SHOWN_IDS = "MagnitogorskAtlas.instances[0].shown().map(r => r.feature.properties.id)"


def map_ids(atlas):
    return [spec.id for spec in atlas.maps]


def test_at_least_seven_maps(atlas):
    assert len(atlas.maps) >= 7


@pytest.mark.parametrize("map_id", ["overview", "temporary-city", "socialist-city", "berezka",
                                    "special-settlement", "labor-colony", "banks", "compare-banks"])
def test_map_renders_offline_with_no_console_errors(page, site_url, atlas, map_id):
    p = open_map(page, site_url, map_id)
    drawn = p.evaluate("document.querySelectorAll('.leaflet-overlay-pane path').length")
    assert drawn > 0
    assert int(p.get_attribute(".folium-map", "data-features-shown")) > 0
    # every layer of the map that starts switched on has something on screen
    for layer in atlas.map(map_id).sides[0].layers:
        if layer not in atlas.map(map_id).sides[0].hidden and layer != "context":
            ids = p.evaluate(SHOWN_IDS)
            assert any(atlas.feature_layer[i] == layer for i in ids) or not any(
                atlas.feature_layer[i] == layer for i in atlas.feature_by_id), layer
    assert page.errors == []
    assert page.outside == []
    assert p.title() == atlas.map(map_id).title
    assert p.evaluate("document.documentElement.lang") == "en"


def test_year_in_the_url_filters_features(page, site_url, atlas):
    p = open_map(page, site_url, "overview", "?year=1931")
    early = set(p.evaluate(SHOWN_IDS))
    p = open_map(page, site_url, "overview", "?year=1938")
    late = set(p.evaluate(SHOWN_IDS))
    assert len(early) < len(late)


def test_a_feature_that_begins_in_1932_appears_in_1932(page, site_url, atlas):
    spec = atlas.map("overview")
    layers = [layer for layer in spec.sides[0].layers if layer not in spec.sides[0].hidden]
    begins = [f["properties"]["id"] for f in atlas.features()
              if (f["properties"]["start"] or "").startswith("1932") and f["properties"]["layer"] in layers
              and not (f["properties"]["end"] or "9999") < "1933"]
    assert begins, "the data should have a feature that begins in 1932"
    fid = begins[0]
    assert fid not in open_map(page, site_url, "overview", "?year=1931").evaluate(SHOWN_IDS)
    assert fid in open_map(page, site_url, "overview", "?year=1933").evaluate(SHOWN_IDS)


def test_moving_the_year_control_updates_the_url(page, site_url):
    p = open_map(page, site_url, "temporary-city")
    p.locator(".atlas-year input[type=range]").fill("1934")
    assert "year=1934" in p.url
    assert p.get_attribute(".folium-map", "data-year") == "1934"
    assert "1934" in p.locator(".atlas-year input[type=range]").get_attribute("aria-valuetext")


def test_url_restores_layers_view_and_feature(page, site_url, atlas):
    name = atlas.feature_by_id["berezka"]["properties"]["name"]
    p = open_map(page, site_url, "overview", "?year=1936&layers=context,berezka&view=53.44,59.09,15&feature=berezka")
    assert p.evaluate("MagnitogorskAtlas.instances[0].map.getZoom()") == 15
    shown_layers = set(p.evaluate("MagnitogorskAtlas.instances[0].shown().map(r => r.layer)"))
    assert shown_layers == {"context", "berezka"}
    assert name in p.locator(".leaflet-popup-content").inner_text()


def test_popup_shows_dates_sources_and_certainty(page, site_url, atlas):
    props = atlas.feature_by_id["first_superblock"]["properties"]
    p = open_map(page, site_url, "socialist-city", "?feature=first_superblock")
    text = p.locator(".leaflet-popup-content").inner_text()
    assert props["name"] in text
    assert "Kotkin 1995, p." in text
    assert "8,447" in text  # Table 5
    assert f"{props['certainty']}:" in text
    assert "Position:" in text


def test_feature_list_works_from_the_keyboard(page, site_url):
    p = open_map(page, site_url, "berezka")
    summary = p.locator(".atlas-features summary")
    summary.focus()
    p.keyboard.press("Enter")
    button = p.locator(".atlas-list button").first
    button.focus()
    p.keyboard.press("Enter")
    p.wait_for_selector(".leaflet-popup-content")
    assert p.locator(".leaflet-popup-content h2").inner_text().strip()


def test_chronology_link_opens_the_map_at_that_year_with_the_feature(page, site_url, atlas):
    page.page.goto(f"{site_url}chronology.html")
    event = next(e for e in atlas.events if e.features and 1930 <= e.year <= 1939
                 and atlas.feature_layer[e.features[0]] != "context")
    link = page.page.locator(f"#e-{event.id} a", has_text="See it on the map")
    link.click()
    wait_ready(page.page)
    assert f"year={event.year}" in page.page.url
    assert "feature=" in page.page.url
    fid = page.page.url.split("feature=")[1].split("&")[0]
    assert page.page.get_attribute(".folium-map", "data-year") == str(event.year)
    assert atlas.feature_by_id[fid]["properties"]["name"] in page.page.locator(".leaflet-popup-content").inner_text()


def test_comparison_maps_stay_in_sync(page, site_url):
    p = open_map(page, site_url, "compare-banks")
    before = p.evaluate("MagnitogorskAtlas.instances[1].map.getCenter().lng")
    box = p.locator(".folium-map").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6
    p.mouse.move(x, y)
    p.mouse.down()
    p.mouse.move(x - 150, y, steps=8)
    p.mouse.up()
    p.wait_for_timeout(400)
    centers = p.evaluate("MagnitogorskAtlas.instances.map(a => [a.map.getCenter().lat, a.map.getCenter().lng])")
    assert abs(centers[1][1] - before) > 0.005
    assert centers[0] == pytest.approx(centers[1], abs=1e-6)
    assert page.errors == []


BLOG = """<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>HIST 214: week 6</title></head>
<body><article><h1>Week 6: Magnitogorsk, the city of fragments</h1>
<p>Read Kotkin, chapter 3, then explore the maps below before the seminar.</p>
{frames}
<p>Question: why was the Socialist City never finished?</p></article></body></html>"""


@pytest.fixture(scope="module")
def course_blog(tmp_path_factory, subpath_url):
    """A course-blog-like page on another origin embedding maps from the site under /atlas/."""
    folder = tmp_path_factory.mktemp("blog")
    frames = [("overview", 800, 450), ("temporary-city", 320, 250), ("compare-banks", 640, 400),
              ("berezka", 320, 250)]
    html = "\n".join(f'<iframe src="{subpath_url}maps/{m}.html?year=1935" title="{m}" width="{w}" height="{h}" '
                     f'loading="lazy" style="border:0"></iframe>' for m, w, h in frames)
    (folder / "index.html").write_text(BLOG.format(frames=html))
    server = serve(folder)
    yield f"http://127.0.0.1:{server.server_port}/index.html", frames
    server.shutdown()


def test_maps_render_in_cross_origin_iframes_under_a_sub_path(browser, course_blog, subpath_url):
    url, frames = course_blog
    assert url.split("/")[2] != subpath_url.split("/")[2]  # another origin (port)
    context = browser.new_context(viewport={"width": 1000, "height": 1800})
    watched = Watched(context.new_page())
    watched.page.goto(url)
    for map_id, width, height in frames:
        watched.page.locator(f'iframe[title="{map_id}"]').scroll_into_view_if_needed()
        frame = watched.page.locator(f'iframe[title="{map_id}"]').element_handle().content_frame()
        frame.wait_for_load_state()
        assert f"/atlas/maps/{map_id}.html" in frame.url
        wait_ready(frame)
        assert frame.evaluate("document.querySelectorAll('.leaflet-overlay-pane path').length") > 0
        assert frame.get_attribute(".folium-map", "data-year") == "1935"
        size = frame.evaluate("[document.querySelector('.folium-map').clientWidth, "
                              "document.querySelector('.folium-map').clientHeight]")
        assert size[0] > 0 and size[1] > 0
        if width == 320:
            assert frame.evaluate("document.documentElement.scrollWidth") <= 320  # nothing spills sideways
            open_link = frame.locator(".atlas-open")
            assert open_link.get_attribute("target") == "_blank"
    assert watched.errors == []
    assert watched.outside == []
    context.close()


@pytest.mark.parametrize("layer", ["settlements", "superblocks", "berezka", "special_settlement", "labor_colony",
                                   "left_bank_plan", "right_bank_plan", "context"])
def test_each_layer_is_on_its_maps_with_its_popup(page, site_url, atlas, layer):
    feature = atlas.layers[layer].features[0]["properties"]
    spec = next(s for s in atlas.maps if layer in s.layers and layer not in s.sides[0].hidden)
    year = int((feature["start"] or "1935")[:4]) if layer not in spec.timeless else spec.year
    p = open_map(page, site_url, spec.id, f"?year={max(year, 1929)}&feature={feature['id']}")
    assert feature["id"] in p.evaluate(SHOWN_IDS)
    text = p.locator(".leaflet-popup-content").inner_text()
    assert feature["name"] in text and "Sources:" in text


def test_chronology_reads_without_javascript(browser, site_url, atlas):
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(f"{site_url}chronology.html")
    assert p.locator("article.atlas-entry").count() == len(atlas.events)
    assert p.locator("form.atlas-filter").is_hidden()
    context.close()


def test_chronology_filter_by_layer(page, site_url, atlas):
    p = page.page
    p.goto(f"{site_url}chronology.html")
    for box in p.locator("form.atlas-filter input[name=layer]").all():
        if box.get_attribute("value") != "berezka":
            box.uncheck()
    expected = sum(1 for e in atlas.events if "berezka" in e.layers)
    assert p.locator("article.atlas-entry:visible").count() == expected
    assert f"{expected} of {len(atlas.events)}" in p.locator(".atlas-filter-count").inner_text()


def test_search_works_offline(page, site_url):
    p = page.page
    p.goto(f"{site_url}index.html")
    p.locator("label.md-search__icon, .md-search__input").first.click()
    p.locator(".md-search__input").press_sequentially("Berezka", delay=30)  # Material listens to key events
    p.wait_for_selector(".md-search-result__item", timeout=15000)
    assert p.locator(".md-search-result__item").count() > 0
    assert page.outside == [] and page.errors == []


def test_copy_button_copies_an_absolute_embed_code(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    p = context.new_page()
    p.goto(f"{site_url}berezka.html")
    p.locator("button.atlas-copy").click()
    p.wait_for_function("document.querySelector('button.atlas-copy').textContent === 'Copied'")  # async clipboard
    copied = p.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f'<iframe src="{site_url}maps/berezka.html"')
    assert 'title="' in copied and 'loading="lazy"' in copied and "<a href=" in copied
    context.close()
