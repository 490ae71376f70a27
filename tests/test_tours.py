"""Guided tours: the data (geodata/tours.yml and its errors), the Tours page, and the tour player in
a real Chromium, at desktop size, at 360 px and in a sandboxed cross-origin frame of 320x250, with
a teacher's tour made, shared and reopened, and hostile tour links."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from contextlib import nullcontext
from html import escape
from pathlib import Path

import pytest
import yaml

from conftest import Watched, copy_project, serve, wait_ready
from magnitogorsk_atlas import ROOT
from magnitogorsk_atlas.errors import DataError
from magnitogorsk_atlas.tours import load_tours


# ---- the data ---------------------------------------------------------------------------------
def test_the_two_built_in_tours(atlas):
    tours = {t.id: t for t in atlas.tours}
    assert len(tours["decade"].steps) == 12
    housing = tours["housing"]
    assert 8 <= len(housing.steps) <= 20
    # barracks -> superblock -> Berezka -> special settlement, in that order
    order = [s.map for s in housing.steps]
    firsts = [order.index(m) for m in ("temporary-city", "socialist-city", "berezka", "special-settlement")]
    assert firsts == sorted(firsts)
    events = {e.id for e in atlas.events}
    for tour in atlas.tours:
        for step in tour.steps:
            assert 40 <= len(step.text.split()) <= 120
            assert step.pages and step.chronology and set(step.chronology) <= events
            spec = atlas.map(step.map)
            assert spec.years[0] <= step.year <= spec.years[1]
            assert step.feature or step.view


def _load(root: Path):
    from magnitogorsk_atlas import atlas as atlas_module
    return atlas_module.load(root)


def _break(root: Path, change) -> None:
    path = root / "geodata" / "tours.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["tours"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _set(tour: int, step: int, **fields):
    def change(tours):
        tours[tour]["steps"][step - 1].update(fields)
        for key, value in fields.items():
            if value is None:
                del tours[tour]["steps"][step - 1][key]
    return change


# name -> (how to break the copy, the error after the file name)
BAD = {
    "unknown-feature": (_set(0, 3, feature="nowhere"),
                        "tour 'decade', step 3, field 'feature': unknown feature 'nowhere' "
                        "(no such id in geodata/*.geojson)"),
    "unknown-map": (_set(0, 2, map="atlantis"), "tour 'decade', step 2, field 'map': unknown map 'atlantis'"),
    "year-outside-map": (_set(1, 1, year=1925), "tour 'housing', step 1, field 'year': 1925 is outside"),
    "feature-not-on-map": (_set(0, 1, feature="berezka"),
                           "tour 'decade', step 1, field 'feature': 'berezka' is in layer 'berezka', "
                           "which map 'temporary-city' does not show"),
    "feature-not-yet-built": (_set(0, 1, year=1929, feature="fifth_sector"),
                              "tour 'decade', step 1, field 'feature': 'fifth_sector' is not on the map in 1929"),
    "text-too-short": (_set(0, 4, text="Too short to teach anything."),
                       "tour 'decade', step 4, field 'text': has 5 words; a step has 40–120"),
    "text-too-long": (_set(0, 4, text="word " * 121), "tour 'decade', step 4, field 'text': has 121 words"),
    "missing-title": (_set(1, 2, title=None), "tour 'housing', step 2, field 'title': is missing (required)"),
    "neither-feature-nor-view": (_set(0, 5, feature=None),
                                 "tour 'decade', step 5, field 'feature': a step needs a 'feature' or a 'view'"),
    "year-not-a-number": (_set(0, 6, year="1932"), "tour 'decade', step 6, field 'year': '1932' is not of type"),
    "bad-page": (_set(0, 6, pages=["p. 12"]), "tour 'decade', step 6, field 'pages.0': 'p. 12' does not match"),
    "unknown-chronology": (_set(0, 7, chronology=["1933-no-such-entry"]),
                           "tour 'decade', step 7, field 'chronology': unknown chronology entry '1933-no-such-entry'"),
    "view-swapped": (_set(1, 11, view=[59.07, 53.42, 12]),
                     "tour 'housing', step 11, field 'view': [59.07, 53.42] is outside the atlas's region"),
    "unknown-field": (_set(0, 1, sound="siren.mp3"), "tour 'decade', step 1: Additional properties"),
    "too-few-steps": (lambda tours: tours[0].update(steps=tours[0]["steps"][:7]),
                      "tour 'decade', field 'steps': has 7 entries; at least 8 allowed"),
    "duplicate-tour": (lambda tours: tours[1].update(id="decade"), "tour 'decade', field 'id': duplicate tour id"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_tour_data_names_tour_step_and_field(tmp_path, case):
    root = copy_project(tmp_path / "project")
    change, expected = BAD[case]
    _break(root, change)
    with pytest.raises(DataError) as caught:
        _load(root)
    message = str(caught.value)
    assert message.startswith(str(root / "geodata" / "tours.yml") + ", "), message
    assert message.split("tours.yml, ", 1)[1].startswith(expected), message


@pytest.mark.parametrize("case", ["unknown-feature", "truncated"])
def test_bad_tours_file_stops_the_build_with_one_line(tmp_path, case):
    root = copy_project(tmp_path / "project")
    if case == "truncated":
        path = root / "geodata" / "tours.yml"
        path.write_text(path.read_text(encoding="utf-8")[:3000] + "\n  [", encoding="utf-8")
        expected = "tours.yml: not valid YAML"
    else:
        _break(root, BAD[case][0])
        expected = "tours.yml, " + BAD[case][1]
    result = subprocess.run([sys.executable, "build_maps.py", "check"], cwd=root, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and expected in lines[0], result.stderr


def test_load_tours_reads_the_shipped_file(atlas):
    tours = load_tours(ROOT / "geodata" / "tours.yml", atlas.maps, atlas.feature_by_id, atlas.events)
    assert [t.id for t in tours] == [t.id for t in atlas.tours]


# ---- the Tours page: the tour as text and posters, without JavaScript ---------------------------
def test_tours_page_is_the_tours_in_text(site, atlas):
    html = (site / "tours.html").read_text(encoding="utf-8")
    for tour in atlas.tours:
        assert f'id="tour-{tour.id}"' in html
        for n, step in enumerate(tour.steps, start=1):
            link = f'maps/{step.map}.html?tour={tour.id}&amp;step={n}'
            assert link in html
            assert (site / "maps" / f"{step.map}.html").is_file()
            assert f"Step {n} of {len(tour.steps)} · {step.year}" in html
            assert escape(step.text) in html
        # embed code: an iframe opening the tour, escaped inside the textarea
        assert f'&lt;iframe src=&quot;maps/{tour.steps[0].map}.html?tour={tour.id}&quot;' in html
    posters = set(re.findall(r'src="(maps/posters/[a-z-]+\.png)"', html))
    assert posters and all((site / p).is_file() for p in posters)
    assert 'href="tours.html"' in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_tours_script_is_a_script_not_a_fetch(site, atlas):
    text = (site / "maps" / "data" / "tours.js").read_text(encoding="utf-8")
    assert text.startswith("MagnitogorskAtlas.tours(")
    data = json.loads(text[len("MagnitogorskAtlas.tours("):-3])
    assert set(data["tours"]) == {t.id for t in atlas.tours}
    assert set(data["maps"]) == {m.id for m in atlas.maps}
    # only the player loads it, on demand: map pages do not
    page = (site / "maps" / "overview.html").read_text(encoding="utf-8")
    assert "atlas/tour.js" in page and "tours.js" not in page and "tour-player.js" not in page


# ---- the player ---------------------------------------------------------------------------------

STATE = """() => { const c = document.querySelector('.folium-map');
  return {year: c.dataset.year, feature: c.dataset.tourFeature || null,
          hits: document.querySelectorAll('path.atlas-tour-hit').length,
          count: document.querySelector('.atlas-tour-top').textContent,
          title: document.querySelector('.atlas-tour h2').textContent,
          search: location.search}; }"""


def _at_step(frame, tour, n):
    """Wait until ``frame`` shows step ``n`` (1-based) of ``tour`` and check what it shows."""
    step = tour.steps[n - 1]
    wait_ready(frame)
    frame.wait_for_function("t => document.querySelector('.atlas-tour h2') && "
                            "document.querySelector('.atlas-tour h2').textContent === t", arg=step.title)
    state = frame.evaluate(STATE)
    assert state["count"] == f"Step {n} of {len(tour.steps)} · {step.year}"
    assert state["year"] == str(step.year)
    if step.feature:
        assert state["feature"] == step.feature
        assert state["hits"] >= 1
    return state


def _turn(frame, tour, n, delta, key=False):
    """Go from step ``n`` to ``n + delta`` with Next/Previous (a click, or an arrow key on the button);
    a step on another map loads that map's page."""
    button = frame.locator(".atlas-tour-nav button").nth(1 if delta > 0 else 0)
    leaves = tour.steps[n - 1].map != tour.steps[n - 1 + delta].map
    with frame.expect_navigation() if leaves else nullcontext():
        if key:
            button.focus()
            button.press("ArrowRight" if delta > 0 else "ArrowLeft")
        else:
            button.click()


def _play(frame_of, tour, keys, *, url_kept=True):
    """Step through the whole tour with Next (clicks, or the right arrow), then back one step."""
    for n in range(1, len(tour.steps) + 1):
        state = _at_step(frame_of(), tour, n)
        if url_kept:
            assert f"tour={tour.id}&step={n}" in state["search"]
        if n < len(tour.steps):
            _turn(frame_of(), tour, n, 1, key=keys and n % 2 == 1)
    assert frame_of().locator(".atlas-tour-nav button").last.is_disabled()
    _turn(frame_of(), tour, len(tour.steps), -1, key=keys)
    _at_step(frame_of(), tour, len(tour.steps) - 1)


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1100, 800), (360, 640)])
@pytest.mark.parametrize("tour_id", ["decade", "housing"])
def test_built_in_tour_plays_start_to_end(browser, site_url, atlas, tour_id, width, height):
    tour = next(t for t in atlas.tours if t.id == tour_id)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = Watched(context.new_page())
    page.page.goto(f"{site_url}maps/{tour.steps[0].map}.html?tour={tour.id}")
    _play(lambda: page.page, tour, keys=True)
    box = page.page.locator(".atlas-tour").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
    assert page.page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.errors == [] and page.outside == []
    context.close()


HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Course page</title></head><body><h1>Week 6</h1>
<iframe sandbox="allow-scripts" src="{src}" title="tour" width="320" height="250" style="border:0"></iframe>
</body></html>"""


@pytest.fixture(scope="module")
def host_page(tmp_path_factory):
    """A course page on another origin: the WordPress-like sandbox (scripts, no same origin)."""
    folder = tmp_path_factory.mktemp("host")
    server = serve(folder)

    def make(src: str) -> str:
        name = f"p{len(list(folder.iterdir()))}.html"
        (folder / name).write_text(HOST.format(src=src), encoding="utf-8")
        return f"http://127.0.0.1:{server.server_port}/{name}"
    yield make
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("tour_id", ["decade", "housing"])
def test_built_in_tour_plays_in_a_sandboxed_cross_origin_frame(browser, subpath_url, host_page, atlas, tour_id):
    tour = next(t for t in atlas.tours if t.id == tour_id)
    context = browser.new_context(viewport={"width": 800, "height": 600})
    page = Watched(context.new_page())
    page.page.goto(host_page(f"{subpath_url}maps/{tour.steps[0].map}.html?tour={tour.id}&step=1"))

    def frame():
        return page.page.frames[1]
    _play(frame, tour, keys=False, url_kept=False)  # an opaque origin may not rewrite its own URL
    # the panel fits the 320x250 frame and the attribution stays readable beside or below it
    panel = frame().locator(".atlas-tour").bounding_box()
    attribution = frame().locator(".leaflet-control-attribution").bounding_box()
    assert panel["y"] >= 0 and panel["y"] + panel["height"] <= attribution["y"] + 1
    assert page.errors == [] and page.outside == []
    context.close()


def _teacher_param(payload) -> str:
    raw = json.dumps(payload).encode()
    return "u1." + base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.browser
def test_a_teacher_tour_round_trips_through_its_url(browser, site_url):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = Watched(context.new_page())
    p = page.page
    dialogs = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.goto(f"{site_url}maps/overview.html?year=1936")
    wait_ready(p)
    p.evaluate("MagnitogorskAtlas.instances[0].byId['berezka'].leaf.openPopup()")
    p.locator(".atlas-tour-make summary").click()
    title = 'Class 9b <img src=x onerror="alert(1)">'
    note = "Compare with the barracks. <b>bold?</b><script>alert(2)</script>"
    p.locator(".atlas-tour-make input").first.fill(title)
    p.locator(".atlas-tour-make textarea").fill(note)
    p.locator(".atlas-tour-make button").click()
    p.wait_for_function("() => location.search.includes('tour=u1.')")
    assert p.locator(".atlas-tour p").filter(has_text="Compare").text_content() == note
    assert p.locator(".atlas-tour b, .atlas-tour script, .atlas-tour img").count() == 0
    assert p.get_attribute(".folium-map", "data-tour-feature") == "berezka"
    # go on to another map and add a second step there
    p.locator('.atlas-tour-make a[href^="socialist-city.html"]').click()
    wait_ready(p)
    p.wait_for_function("() => location.search.includes('tour=u1.')")
    p.locator(".atlas-year input[type=range]").fill("1934")
    p.locator(".atlas-tour-make summary").click()
    p.locator(".atlas-tour-make textarea").fill("The first superblock, begun but never finished.")
    p.locator(".atlas-tour-make button").click()
    p.wait_for_function("() => document.querySelector('.atlas-tour-top').textContent.startsWith('Step 2 of 2')")
    link = p.locator(".atlas-tour-make input[readonly]").input_value()
    assert "/maps/socialist-city.html?" in link and "step=2" in link
    param = re.search(r"tour=(u1\.[\w-]+)", link).group(1)
    decoded = json.loads(base64.urlsafe_b64decode(param[3:] + "=" * (-len(param[3:]) % 4)))
    assert decoded[0] == title and [s[0] for s in decoded[1]] == ["overview", "socialist-city"]
    assert decoded[1][0][5] == "berezka" and decoded[1][1][1] == 1934
    # a colleague opens the shared link in a fresh browser: step 2, then back to step 1 on the other map
    other = browser.new_context(viewport={"width": 360, "height": 640})
    q = other.new_page()
    q.goto(link)
    wait_ready(q)
    q.wait_for_function("() => document.querySelector('.atlas-tour-top').textContent === 'Step 2 of 2 · 1934'")
    assert q.get_attribute(".folium-map", "data-year") == "1934"
    q.keyboard.press("ArrowLeft")
    q.wait_for_url(re.compile(r"/maps/overview\.html\?"))
    wait_ready(q)
    q.wait_for_function("() => document.querySelector('.atlas-tour-top') && "
                        "document.querySelector('.atlas-tour-top').textContent === 'Step 1 of 2 · 1936'")
    assert q.locator(".atlas-tour-text p").first.text_content() == note
    assert q.get_attribute(".folium-map", "data-tour-feature") == "berezka"
    assert q.locator("path.atlas-tour-hit").count() >= 1
    assert q.evaluate("document.activeElement.tagName") == "H2"  # focus follows the tour to the new page
    assert dialogs == [] and page.errors == []
    other.close()
    context.close()


GOOD = ["Title", [["overview", 1933, 53.4, 59.05, 13, "first_superblock", "A note"]]]
HOSTILE = {
    "markup-as-id": ('<img src=x onerror="alert(1)">', "There is no tour called"),
    "prototype-id": ("__proto__", "There is no tour called"),
    "huge": ("u1." + "A" * 7000, "too long"),
    "truncated": (_teacher_param(GOOD)[:40], "damaged"),
    "wrong-version": (_teacher_param(GOOD).replace("u1.", "u9.", 1), "another version"),
    "not-base64": ("u1.%%%%<b>", "damaged"),
    "not-json": ("u1." + base64.urlsafe_b64encode(b"{not json").decode(), "damaged"),
    "wrong-types": (_teacher_param(["T", [["overview", "1933", 53.4, 59.05, 13, "", "n"]]]), "damaged"),
    "unknown-map": (_teacher_param(["T", [["../../etc", 1933, 53.4, 59.05, 13, "", "n"]]]), "damaged"),
    "constructor-map": (_teacher_param(["T", [["constructor", 1933, 53.4, 59.05, 13, "", "n"]]]), "damaged"),
    "unknown-feature": (_teacher_param(["T", [["overview", 1933, 53.4, 59.05, 13, "nowhere", "n"]]]), "damaged"),
    "too-many-steps": (_teacher_param(["T", [GOOD[1][0]] * 21]), "damaged"),
}


@pytest.mark.browser
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_tour_links_give_a_message_and_the_map_works(page, site_url, case):
    from urllib.parse import quote
    param, words = HOSTILE[case]
    p = page.page
    dialogs = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.goto(f"{site_url}maps/overview.html?year=1933&tour={quote(param, safe='')}&step=1")
    wait_ready(p)
    status = p.locator(".atlas-tour [role=status]")
    status.wait_for(state="visible")
    assert words in status.text_content()
    assert "<img" not in p.locator(".atlas-tour").inner_html().replace("&lt;img", "")
    assert p.locator(".atlas-tour h2").is_hidden()
    # the map works as without a tour, and the bad value is not written back into the URL
    assert int(p.get_attribute(".folium-map", "data-features-shown")) > 0
    p.locator(".atlas-year input[type=range]").fill("1937")
    assert p.get_attribute(".folium-map", "data-year") == "1937"
    assert "tour=" not in p.url
    p.locator(".atlas-tour-x").click()
    assert p.locator(".atlas-tour").is_hidden()
    assert dialogs == [] and page.errors == [] and page.outside == []


@pytest.mark.browser
def test_a_full_teacher_tour_is_refused_with_a_message(page, site_url):
    p = page.page
    long_note = "x" * 420
    steps = [["overview", 1933, 53.4, 59.05, 13, "", long_note]] * 9
    p.goto(f"{site_url}maps/overview.html?year=1933&tour=" + _teacher_param(["T", steps]))
    wait_ready(p)
    p.wait_for_function("() => document.querySelector('.atlas-tour-top').textContent.startsWith('Step 1 of 9')")
    p.locator(".atlas-tour-make summary").click()
    p.locator(".atlas-tour-make textarea").fill(long_note)
    p.locator(".atlas-tour-make button").click()
    status = p.locator(".atlas-tour [role=status]")
    status.wait_for(state="visible")
    assert "at most 6,000 characters" in status.text_content()
    assert "Step 1 of 9" in p.locator(".atlas-tour-top").text_content()  # the tour is kept as it was


@pytest.mark.browser
def test_tour_panel_has_no_serious_axe_violations(page, site_url):
    from importlib import resources
    pytest.importorskip("axe_playwright_python")
    axe = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    p = page.page
    p.goto(f"{site_url}maps/socialist-city.html?tour=housing&step=5")
    wait_ready(p)
    p.locator(".atlas-tour h2:not(:empty)").wait_for()
    p.locator(".atlas-tour-make summary").click()
    p.locator(".atlas-tour-make textarea").wait_for()
    p.evaluate(axe)
    results = p.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], [n["target"] for n in v["nodes"]][:3])
           for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


@pytest.mark.browser
def test_a_russian_tour_keeps_its_language_across_maps(page, site_url, atlas):
    tour = next(t for t in atlas.tours if t.id == "decade")
    p = page.page
    p.goto(f"{site_url}maps/overview.html?lang=ru&tour=decade&step=2")
    wait_ready(p)
    p.wait_for_function("() => document.querySelector('.atlas-tour-top') && "
                        "document.querySelector('.atlas-tour-top').textContent === 'Шаг 2 из 12 · 1930'")
    assert tour.steps[2].map != "overview"
    with p.expect_navigation():
        p.locator(".atlas-tour-nav button").last.click()
    wait_ready(p)
    assert f"/maps/{tour.steps[2].map}.html?" in p.url and "lang=ru" in p.url
    p.wait_for_function("() => document.querySelector('.atlas-tour-top') && "
                        "document.querySelector('.atlas-tour-top').textContent === 'Шаг 3 из 12 · 1930'")
    # the tour's own text is English, and says so to screen readers on a Russian page
    assert p.get_attribute(".atlas-tour h2", "lang") == "en"
    assert p.evaluate("document.documentElement.lang") == "ru"
    assert page.errors == []
