"""Place names on the maps and uncertainty rings that recede (issue #12): real headless Chromium,
the posters, and the `label` fields' validation."""

from __future__ import annotations

import pytest

from conftest import copy_project, wait_ready
from magnitogorsk_atlas import atlas as atlas_module
from magnitogorsk_atlas import labels, posters
from magnitogorsk_atlas.errors import DataError
from test_bad_data import edit_feature

MAPS = ["overview", "temporary-city", "socialist-city", "berezka", "special-settlement", "labor-colony",
        "banks", "compare-banks"]
VIEWPORTS = [(1280, 800), (360, 640)]

# Every visible name with its box, and the boxes of the controls, in page pixels.
BOXES = """() => {
  const box = n => { const r = n.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  return {
    labels: [...document.querySelectorAll('.atlas-name:not([hidden])')].map(n => ({id: n.dataset.label, text: n.textContent, ...box(n)})),
    controls: [...document.querySelectorAll('.leaflet-control')].map(box).filter(b => b.w > 0),
    maps: [...document.querySelectorAll('.folium-map')].map(box),
  };
}"""
SHOWN_LABELS = "[...document.querySelectorAll('.atlas-name:not([hidden])')].map(n => n.dataset.label)"
ATLAS = "MagnitogorskAtlas.instances[0]"


def overlap(a, b) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


@pytest.fixture
def open_map(browser, site_url):
    contexts = []

    def opener(map_id, size=(1280, 800), query=""):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{site_url}maps/{map_id}.html{query}")
        wait_ready(page, ".folium-map[data-labels-shown]")
        page.errors = errors
        return page

    yield opener
    for context in contexts:
        context.close()


# ---- labels in the browser -------------------------------------------------------------------

@pytest.mark.parametrize("size", VIEWPORTS, ids=["1280x800", "360x640"])
@pytest.mark.parametrize("map_id", MAPS)
def test_names_never_overlap_each_other_or_the_controls(open_map, map_id, size):
    page = open_map(map_id, size)
    found = page.evaluate(BOXES)
    names = found["labels"]
    assert names, "every map names some of its places"
    for i, a in enumerate(names):
        assert a["w"] > 0 and a["text"].strip()
        assert any(m["x"] <= a["x"] and a["x"] + a["w"] <= m["x"] + m["w"] + 0.5 and
                   m["y"] <= a["y"] and a["y"] + a["h"] <= m["y"] + m["h"] + 0.5 for m in found["maps"]), a
        for b in names[i + 1:]:
            assert not overlap(a, b), (a, b)
        for c in found["controls"]:
            assert not overlap(a, c), (a, c)
    assert page.errors == []


@pytest.mark.parametrize("size, least", [((1280, 800), 12), ((360, 640), 5)], ids=["1280x800", "360x640"])
def test_the_overview_names_its_key_places(open_map, size, least):
    page = open_map("overview", size)
    shown = page.evaluate(SHOWN_LABELS)
    assert len(shown) >= least, shown
    assert int(page.get_attribute(".folium-map", "data-labels-shown")) == len(shown)


def test_the_base_is_named_first(open_map):
    page = open_map("overview")
    shown = page.evaluate(SHOWN_LABELS)
    for fid in ["ural_river", "industrial_lake", "steel_plant", "magnetic_mountain", "socialist_city_kirov_district",
                "berezka"]:
        assert fid in shown
    # the mountain is a peak, not one more dot among sixty
    assert page.locator(".atlas-peak").count() == 2  # Magnetic Mountain and Karadyrka hill


def test_zooming_in_names_what_gave_way(open_map, atlas):
    page = open_map("overview")
    shown = set(page.evaluate(SHOWN_LABELS))
    # the points on screen whose names gave way at the opening zoom
    waiting = page.evaluate(f"""() => {{
      const a = {ATLAS}, size = a.map.getSize();
      return a.shown().filter(r => r.feature.geometry.type === 'Point').filter(r => {{
        const c = r.feature.geometry.coordinates, p = a.map.latLngToContainerPoint([c[1], c[0]]);
        return p.x > 300 && p.x < size.x - 360 && p.y > 150 && p.y < size.y - 150;
      }}).map(r => r.feature.properties.id);
    }}""")
    waiting = [fid for fid in waiting if fid not in shown]
    assert waiting, "at the opening zoom some names give way"
    fid = waiting[0]
    page.evaluate(f"""() => {{ const c = {ATLAS}.byId['{fid}'].feature.geometry.coordinates;
                       {ATLAS}.map.setView([c[1], c[0]], 17, {{animate: false}}); }}""")
    page.wait_for_function(f"{ATLAS}.map.getZoom() === 17")
    assert fid in page.evaluate(SHOWN_LABELS)


def test_names_follow_the_year(open_map, atlas):
    page = open_map("overview")
    later = [fid for fid in page.evaluate(SHOWN_LABELS)
             if (atlas.feature_by_id[fid]["properties"]["start"] or "0")[:4] > "1929"]
    assert later, "the 1938 overview names places founded after 1929"
    page.locator(".atlas-year input[type=range]").fill("1929")
    in_1929 = page.evaluate(SHOWN_LABELS)
    assert not set(later) & set(in_1929)
    assert all((atlas.feature_by_id[fid]["properties"]["start"] or "0")[:4] <= "1929" for fid in in_1929)


def test_names_follow_the_layer_switches(open_map, atlas):
    page = open_map("socialist-city")
    named = page.evaluate(SHOWN_LABELS)
    assert any(atlas.feature_layer[fid] == "superblocks" for fid in named)
    page.locator("#socialist-city-1-layer-superblocks").uncheck()
    assert not any(atlas.feature_layer[fid] == "superblocks" for fid in page.evaluate(SHOWN_LABELS))
    page.locator("#socialist-city-1-layer-superblocks").check()
    assert any(atlas.feature_layer[fid] == "superblocks" for fid in page.evaluate(SHOWN_LABELS))


def test_names_are_text_that_lets_clicks_through(open_map):
    page = open_map("overview")
    style = page.evaluate("getComputedStyle(document.querySelector('.atlas-name:not([hidden])')).pointerEvents")
    assert style == "none"
    # the lake lies in the base pane, under the overlay's svg, and under its own name: a click on
    # the name opens the lake's popup
    lake = page.locator(".atlas-name[data-label='industrial_lake']").bounding_box()
    page.mouse.click(lake["x"] + lake["width"] / 2, lake["y"] + lake["height"] / 2)
    page.wait_for_selector(".leaflet-popup-content h2")
    assert "Industrial lake" in page.text_content(".leaflet-popup-content h2")
    # the base's points are drawn above the lake, to be clicked
    page.locator(".leaflet-popup-close-button").click()
    page.mouse.click(*dot(page, "dam_second"))
    page.wait_for_function("document.querySelector('.leaflet-popup-content h2')?.textContent.includes('Second dam')")
    assert page.locator(".leaflet-atlas-base-pane path").count() >= 5


# ---- rings -----------------------------------------------------------------------------------

RING = """id => { const r = MagnitogorskAtlas.instances[0].byId[id].ring.getElement();
  return {fill: r.getAttribute('fill'), width: parseFloat(r.getAttribute('stroke-width'))}; }"""


def dot(page, fid):
    return page.evaluate(f"""() => {{ const c = {ATLAS}.byId['{fid}'].feature.geometry.coordinates,
        p = {ATLAS}.map.latLngToContainerPoint([c[1], c[0]]), m = {ATLAS}.map.getContainer().getBoundingClientRect();
        return [p.x + m.left, p.y + m.top]; }}""")


def test_rings_rest_as_hairlines_and_show_on_hover_focus_and_selection(open_map):
    page = open_map("overview")
    fid = "ezhovka"  # a point of its own: no other dot on top of it
    rest = page.evaluate(RING, fid)
    assert rest["fill"] == "none" and rest["width"] < 1
    page.mouse.move(*dot(page, fid))
    hovered = page.evaluate(RING, fid)
    assert hovered["fill"] != "none" and hovered["width"] >= 2
    page.mouse.move(5, 400)
    assert page.evaluate(RING, fid) == rest
    page.mouse.click(*dot(page, fid))
    page.wait_for_selector(".leaflet-popup-content")
    page.mouse.move(5, 400)
    assert page.evaluate(RING, fid)["width"] >= 2  # selected: stays strong without the pointer
    page.locator(".leaflet-popup-close-button").click()
    page.wait_for_selector(".leaflet-popup", state="detached")
    assert page.evaluate(RING, fid) == rest
    page.locator(".atlas-features summary").click()
    page.locator(f".atlas-list button[data-feature='{fid}']").focus()
    assert page.evaluate(RING, fid)["width"] >= 2
    page.locator(".atlas-features summary").focus()
    assert page.evaluate(RING, fid) == rest


def test_every_ring_on_the_overview_rests(open_map):
    page = open_map("overview")
    rings = page.evaluate("[...document.querySelectorAll('path.atlas-ring')].map(p => [p.getAttribute('fill'), p.getAttribute('stroke-width')])")
    assert len(rings) > 30
    assert all(fill == "none" and float(width) < 1 for fill, width in rings)


def test_the_legend_explains_the_rings(open_map):
    page = open_map("overview")
    assert "thin ring" in page.text_content(".atlas-legend")


# ---- the order, the posters and the data -----------------------------------------------------

def test_priority_is_derived_from_kind_and_table5(atlas):
    spec = atlas.map("overview")
    order = [entry[0] for entry in labels.for_side(atlas, spec, 0)]
    assert order[:4] == ["ural_river", "industrial_lake", "magnetic_mountain", "steel_plant"]
    table5 = [fid for fid in order if labels.rank(atlas.feature_by_id[fid]["properties"]) == labels.TABLE5_RANK]
    pops = [labels.table5(atlas.feature_by_id[fid]["properties"]) for fid in table5]
    assert pops == sorted(pops, reverse=True) and pops[0] == 20925  # the Fifth Sector, Table 5's largest
    assert all(len(entry[1]) <= labels.LABEL_MAX for entry in labels.for_side(atlas, spec, 0))


def test_posters_name_places_without_overlap(atlas, monkeypatch):
    written = {}
    draw = posters.draw_labels

    def keep(fig, ax, entries, obstacles):
        texts = draw(fig, ax, entries, obstacles)
        renderer = fig.canvas.get_renderer()
        written["boxes"] = [t.get_window_extent(renderer) for t in texts]
        written["legend"] = [o.get_window_extent(renderer) for o in obstacles]
        return texts

    monkeypatch.setattr(posters, "draw_labels", keep)
    posters.render_poster(atlas, atlas.map("overview"))
    boxes = written["boxes"]
    assert len(boxes) >= 12
    for i, a in enumerate(boxes):
        assert not any(a.overlaps(b) for b in boxes[i + 1:] + written["legend"])


def _long_name(data, feature):
    feature["properties"].pop("label", None)
    feature["properties"]["name"] = "A name far too long to write on any map"


@pytest.mark.parametrize("change, words", [
    (lambda d, f: f["properties"].update(label="<b>Berezka</b>"), "plain text"),
    (lambda d, f: f["properties"].update(label="Berezka, the enclave of the plant's elite"), "is too long"),
    (lambda d, f: f["properties"].update(label=" "), "blank"),
    (_long_name, "add a short 'label'"),
    (lambda d, f: f["properties"].update(label_rank=0), "less than the minimum"),
], ids=["markup", "too-long", "blank", "long-name-without-label", "rank-out-of-range"])
def test_a_bad_label_gives_one_clear_error(tmp_path, change, words):
    root = copy_project(tmp_path)
    fid = edit_feature(root, "berezka", change)
    with pytest.raises(DataError) as caught:
        atlas_module.load(root)
    error = caught.value
    assert (error.item, error.field) == (fid, "label_rank" if "minimum" in words else "label")
    assert words in error.message
    assert str(error.path.relative_to(root)) == "geodata/berezka.geojson"
    assert f"feature '{fid}', field '{error.field}'" in str(error)
