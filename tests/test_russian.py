"""The Russian edition: Russian pages and map UI, lang attributes, and a site search that finds a
place in either script (issue #14, parts 2 and 3)."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from importlib import resources

import pytest

from conftest import wait_ready
from magnitogorsk_atlas import STATIC, i18n
from magnitogorsk_atlas.errors import DataError
from magnitogorsk_atlas.pages import DirectiveError, Page
from magnitogorsk_atlas.styles import CERTAINTY, LAYERS

SCRIPTS = STATIC / "atlas"
RU_PAGES = ["ru/index.html", "ru/teachers.html", "ru/places.html", "ru/berezka.html"]


# ---- the map pages' strings ---------------------------------------------------------------------
def _call_arguments(source: str):
    """The first argument of every Atlas.t(...) / t(...) / say(...) call, as source text."""
    for match in re.finditer(r"(?<![\w.])(?:Atlas\.t|t|say)\(", source):
        depth, i, quote = 1, match.end(), None
        start = i
        while depth:
            c = source[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = None
            elif c in "\"'":
                quote = c
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            elif c == "," and depth == 1:
                break
            i += 1
        yield source[start:i]


def ui_keys() -> set[str]:
    """Every literal UI string the browser code asks Atlas.t for (keys built as "prefix." + id are
    checked through their ids below)."""
    keys = set()
    for path in SCRIPTS.glob("*.js"):
        if path.name == "strings.js":
            continue
        for argument in _call_arguments(path.read_text(encoding="utf-8")):
            for literal in re.finditer(r'"((?:[^"\\]|\\.)*)"(\s*\+)?', argument):
                if not literal.group(2):  # not a prefix such as "layer." + id
                    keys.add(literal.group(1).encode().decode("unicode_escape").encode("latin-1").decode())
    return keys


def test_the_key_finder_sees_the_calls_it_must():
    keys = ui_keys()
    # a plain call, a conditional key, a key through share.js's say(), a key with variables
    assert {"Layers and legend", "About this map", "Copied", "Features in {year} ({n})"} <= keys


def test_every_map_ui_string_has_russian(atlas):
    ru = i18n.ui_strings("ru")
    optional = ({f"layer.{layer}" for layer in LAYERS} | {f"grade.{grade}" for grade in CERTAINTY} |
                {f"map.{spec.id}" for spec in atlas.maps} |
                {f"side.{spec.id}-{i + 1}" for spec in atlas.maps if len(spec.sides) > 1
                 for i in range(len(spec.sides))})
    missing = sorted((ui_keys() | optional) - set(ru))
    assert missing == []
    # placeholders survive the translation
    for key, text in ru.items():
        assert sorted(re.findall(r"\{\w+\}", key)) == sorted(re.findall(r"\{\w+\}", text)), key


def test_russian_strings_are_cyrillic():
    ru = i18n.ui_strings("ru")
    english_left = [key for key, text in ru.items()
                    if re.search(r"[A-Za-z]{3}", key) and not re.search("[А-Яа-яЁё]", text)]
    assert english_left == []


def test_a_russian_page_without_russian_words_fails_to_build(atlas):
    page = Page(atlas, {}, "../", lang="ru")
    with pytest.raises(DirectiveError, match="no ru words for 'Not translated'"):
        page.say("Not translated")


# ---- name forms ---------------------------------------------------------------------------------
def test_name_forms_spell_yo_both_ways():
    forms = dict(i18n.name_forms({"name": "Berezka (Amerikanka)", "name_ru": "Берёзка",
                                  "name_translit": "Berezka", "label": "Berezka"}, ["Американка", "Amerikanka"]))
    assert forms == {"Berezka (Amerikanka)": "en", "Берёзка": "ru", "Березка": "ru", "Berezka": "ru-Latn",
                     "Американка": "ru", "Amerikanka": "en"}


def test_other_names_name_an_unknown_feature_in_one_line(tmp_path, atlas):
    (tmp_path / "geodata").mkdir()
    (tmp_path / "geodata" / "name_forms.yml").write_text("berezka: [Американка]\nberezkaa: [Amerikanka]\n")
    with pytest.raises(DataError, match=r"name_forms\.yml.*feature 'berezkaa'.*no feature has this id"):
        i18n.other_names(tmp_path, atlas.feature_by_id)
    assert i18n.other_names(atlas.root, atlas.feature_by_id)["berezka"]  # the real file loads


# ---- the built site -----------------------------------------------------------------------------
class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def test_russian_pages_say_they_are_russian(site):
    for name in RU_PAGES:
        found = tags(site / name)
        assert found[0] == ("html", {"lang": "ru", "class": "no-js"}), name
        text = (site / name).read_text(encoding="utf-8")
        assert "Switch to dark mode" not in text and "Permanent link" not in text, name
        assert 'placeholder="Поиск"' in text, name  # Material's own chrome in Russian
    for name in ["index.html", "teachers.html", "places.html"]:
        assert tags(site / name)[0][1]["lang"] == "en", name


def test_russian_pages_open_the_maps_in_russian(site):
    for name in RU_PAGES:
        links = [a.get("href") or a.get("src") for tag, a in tags(site / name) if tag in ("a", "iframe")]
        to_maps = [link for link in links if link and "maps/" in link and not link.endswith(".png")]
        assert to_maps, name
        assert all("lang=ru" in link for link in to_maps), (name, [m for m in to_maps if "lang=ru" not in m])
    english = [a.get("src") for tag, a in tags(site / "index.html") if tag == "iframe"]
    assert english and not any("lang=" in src for src in english)


def test_english_text_inside_russian_pages_is_marked_english(site, atlas):
    html = (site / "ru" / "index.html").read_text(encoding="utf-8")
    for spec in atlas.maps:
        assert f'<span lang="en">{escape(spec.description)}</span>' in html or \
            f'<td lang="en">{escape(spec.description)}</td>' in html, spec.id


def test_language_switch_leads_to_the_same_page(site):
    def alternates(name):
        return {a["hreflang"]: a["href"] for tag, a in tags(site / name)
                if tag == "a" and "md-select__link" in a.get("class", "")}
    assert alternates("teachers.html") == {"en": "teachers.html", "ru": "ru/teachers.html"}
    assert alternates("ru/teachers.html") == {"en": "../teachers.html", "ru": "teachers.html"}
    assert alternates("chronology.html")["ru"] == "ru/index.html"  # no Russian chronology yet


def test_each_language_has_its_own_navigation(site):
    def nav_links(name):
        return {a["href"] for tag, a in tags(site / name) if tag == "a" and "md-nav__link" in a.get("class", "")
                and not a["href"].startswith("#")}
    assert not any(link.startswith("ru/") for link in nav_links("index.html"))
    ru = nav_links("ru/index.html")
    assert "teachers.html" in ru and "places.html" in ru and not any(link.startswith("../") for link in ru)


def test_gazetteer_has_every_place_with_a_map_link(site, atlas):
    for name in ["places.html", "ru/places.html"]:
        found = tags(site / name)
        ids = {a.get("id") for tag, a in found if tag == "h3"}
        assert ids >= set(atlas.feature_by_id), name
    html = (site / "ru" / "places.html").read_text(encoding="utf-8")
    section = html[html.index('id="berezka"'):]
    section = section[:section.index("<h3")]
    for form in ["Берёзка", "Березка", "Berezka", "Amerikanka"]:
        assert form in section, form
    assert 'href="../maps/overview.html?lang=ru&amp;feature=berezka"' in section


# ---- in the browser -----------------------------------------------------------------------------
PLACE_ENTRY = re.compile(r"places\.html(\?h=[^#]*)?#berezka$")  # Material adds ?h= to highlight the terms


@pytest.mark.browser
@pytest.mark.parametrize("start", ["ru/index.html", "index.html"])
@pytest.mark.parametrize("query", ["Берёзка", "Березка", "Berezka", "Amerikanka"])
def test_site_search_finds_berezka_in_any_script_and_opens_its_map(page, site_url, start, query):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    p = page.page
    p.goto(site_url + start)
    box = p.locator("input.md-search__input")
    box.click()
    items = p.locator("li.md-search-result__item")
    box.fill(query)
    for _ in range(20):  # a query typed before the search worker has built its index goes unanswered
        try:
            items.first.wait_for(timeout=3000)
            break
        except PlaywrightTimeout:
            box.press("End")
            box.press("Space")
            box.press("Backspace")
    # Among the first four pages found, the gazetteer's entry for Berezka
    hrefs = [a.get_attribute("href") for item in items.all()[:4] for a in item.locator("a").all()]
    place = next((h for h in hrefs if PLACE_ENTRY.search(h)), None)
    assert place, hrefs
    p.evaluate("document.querySelectorAll('.md-search-result details').forEach(d => d.open = true)")
    p.locator(f".md-search-result a[href='{place}']").first.click()
    p.wait_for_url(PLACE_ENTRY)
    link = p.locator("#berezka ~ .atlas-place-meta a").first
    assert "feature=berezka" in link.get_attribute("href")
    link.click()
    wait_ready(p)
    assert p.evaluate("MagnitogorskAtlas.instances[0].feature") == "berezka"
    assert p.locator(".leaflet-popup-content").count() == 1
    assert page.errors == [] and page.outside == []


def _visible_ui_text(p) -> str:
    """The text of the map page a reader sees, without the parts in English on purpose (lang="en")."""
    return p.evaluate("""() => {
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll('[lang="en"], script, style, textarea').forEach(e => e.remove());
        const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder]')]
            .filter(e => !e.closest('[lang="en"]'))
            .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' '));
        return copy.textContent + '\\n' + attrs.join('\\n');
    }""")


def english_ui_phrases(atlas) -> set[str]:
    """The English UI words a Russian map page must not show: each string's pieces between its
    {placeholders} that hold a word, and the English layer, grade and map titles."""
    phrases = {piece.strip() for key in ui_keys() for piece in re.split(r"\{\w+\}", key)
               if re.search("[A-Za-z]{4}", piece)}
    phrases |= {meta["title"] for meta in LAYERS.values()} | {g["label"] for g in CERTAINTY.values()}
    phrases |= {spec.title for spec in atlas.maps}
    phrases |= {"After Kotkin", "contributors"}  # render.ATTRIBUTION
    return phrases


@pytest.mark.browser
@pytest.mark.parametrize("map_id", ["overview", "compare-banks"])
def test_russian_map_page_has_no_english_ui_left(page, site_url, atlas, map_id):
    p = page.page
    p.goto(site_url + f"maps/{map_id}.html?lang=ru&feature=berezka")
    wait_ready(p)
    p.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert p.evaluate("document.documentElement.lang") == "ru"
    text = _visible_ui_text(p)
    assert "Слои и легенда" in text
    page_of_map = {"overview": "ru/index.html", "compare-banks": "ru/compare.html"}[map_id]
    assert p.locator(".atlas-title a.atlas-open").first.get_attribute("href") == "../" + page_of_map
    assert sorted(phrase for phrase in english_ui_phrases(atlas) if phrase in text) == []
    scale = [line for line in p.locator(".folium-map").first.locator(".leaflet-control-scale-line").all()
             if line.is_visible()]
    assert len(scale) == 1 and re.fullmatch(r"\d+ к?м", scale[0].inner_text()), "metric only, in Russian"
    # the feature's own words stay English and say so
    assert p.locator(".leaflet-popup-content p[lang='en']").count() >= 1
    assert page.errors == []


@pytest.fixture(scope="module")
def axe_script():
    pytest.importorskip("axe_playwright_python")
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["ru/index.html", "ru/teachers.html", "ru/places.html",
                                  "maps/overview.html?lang=ru&feature=berezka"])
def test_no_serious_axe_violations_on_russian_pages(page, site_url, axe_script, path):
    p = page.page
    p.goto(site_url + path)
    if path.startswith("maps/"):
        wait_ready(p)
        p.locator(".atlas-features summary").first.click()
    p.evaluate(axe_script)
    results = p.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_every_place_link_opens_a_map_that_shows_the_place(atlas):
    from magnitogorsk_atlas.posters import shown_at
    page = Page(atlas, {}, "", lang="ru")
    for feature in atlas.features():
        props = feature["properties"]
        spec, link = page.place_map_link(props)
        assert props["layer"] in spec.sides[0].layers, props["id"]
        year = int(re.search(r"year=(\d+)", link).group(1)) if "year=" in link else spec.year
        assert shown_at(props, year, props["layer"] in spec.timeless), (props["id"], link)
        assert link.startswith(f"maps/{spec.id}.html?lang=ru&") and link.endswith(f"feature={props['id']}")
