"""The Russian edition inside the one MkDocs build: pages under ``docs/ru/`` are Russian.

mkdocs-static-i18n was tried and left out: it builds the whole site again per language (it calls
``mkdocs build`` from ``on_post_build``), which reruns the atlas hook, renders every map and poster
twice and writes the generated files once per language. Here one build serves both languages; each
page gets, from its own language:

- Material's chrome strings and ``<html lang>`` (theme/partials/language.html reads ``page_language``);
- the site name, the navigation section of its language and the language switch
  (``extra.alternate``) pointing at the same page in the other language when it exists.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section

from .chronology import load_yaml
from .errors import DataError

LANGUAGES = ("en", "ru")
SITE_NAMES = {"ru": "Магнитогорск 1929–1939"}
THEME_OVERRIDES = Path(__file__).parent / "theme"


def language(src_uri: str) -> str:
    """The language of a page, from where its Markdown lives."""
    return "ru" if src_uri.startswith("ru/") else "en"


def counterpart(src_uri: str, lang: str) -> str:
    """The source path of ``src_uri`` in ``lang`` (it may not exist)."""
    base = src_uri[3:] if language(src_uri) == "ru" else src_uri
    return base if lang == "en" else f"ru/{base}"


def edition_page(root: Path, page: str, lang: str) -> str | None:
    """The page ``page`` (a docs path without .md) of the ``lang`` edition, where that edition has it."""
    if lang == "en":
        return page
    translated = f"{lang}/{page}"
    return translated if (root / "docs" / f"{translated}.md").is_file() else None


def on_env(env, config, files):
    # Our partials/language.html goes before Material's own.
    env.loader.searchpath.insert(0, str(THEME_OVERRIDES))
    return env


def _section_language(item) -> str | None:
    langs = {language(p.file.src_uri) for p in _pages(item)}
    return langs.pop() if len(langs) == 1 else None


def _pages(item):
    if isinstance(item, Section):
        for child in item.children:
            yield from _pages(child)
    elif getattr(item, "file", None) is not None:
        yield item


def navigation_for(nav: Navigation, lang: str) -> Navigation:
    """The site navigation as seen from a page in ``lang``: the English items on English pages, the
    children of the Russian section on Russian pages."""
    if lang == "en":
        items = [item for item in nav.items if _section_language(item) != "ru"]
        return Navigation(items, [p for p in nav.pages if language(p.file.src_uri) == "en"])
    section = next((item for item in nav.items if isinstance(item, Section) and _section_language(item) == lang),
                   None)
    if section is None:
        return nav
    pages = list(_pages(section))
    localized = Navigation(section.children, pages)
    localized.homepage = next((p for p in pages if p.file.src_uri == f"{lang}/index.md"), None)
    return localized


def on_page_context(context, page, config, nav):
    lang = language(page.file.src_uri)
    context["page_language"] = lang
    context["nav"] = navigation_for(nav, lang)
    for neighbour in ("previous_page", "next_page"):
        other = getattr(page, neighbour)
        if other is not None and language(other.file.src_uri) != lang:
            setattr(page, neighbour, None)
    # A per-page copy of the config: the site name and language switch of this page's language.
    local = copy.copy(config)
    local["site_name"] = SITE_NAMES.get(lang, config.site_name)
    documents = {f.src_uri: f for f in context["pages"]}
    alternate = []
    for alt in config.extra.get("alternate", []):
        target = documents.get(counterpart(page.file.src_uri, alt["lang"]))
        link = target.url if target is not None else alt["link"]
        alternate.append({**alt, "link": link})
    local["extra"] = {**config.extra, "alternate": alternate}
    context["config"] = local
    return context


# ---- words ------------------------------------------------------------------------------------
# The directives' own words on Russian pages (pages.py), keyed by the English text as in strings.js.
PAGE_TEXT = {"ru": {
    "Open the full map": "Открыть карту целиком",
    "Embed, cite or print it": "Встроить, процитировать или распечатать",
    "Embed code: paste it into a WordPress, Moodle or Canvas page (an HTML block).":
        "Код для встраивания: вставьте его в блок HTML на странице WordPress, Moodle или Canvas.",
    "<strong>WordPress</strong> (any author, students included): paste the map's address alone on a line "
    "of a post.":
        "<strong>WordPress</strong> (любой автор, в том числе студент): вставьте адрес карты отдельной "
        "строкой в запись.",
    "Copy the map's address": "Копировать адрес карты",
    "<strong>Platforms that accept HTML</strong> (Moodle, Canvas, a WordPress site's administrator): paste "
    "this embed code into an HTML block.":
        "<strong>Платформы, где можно вставлять HTML</strong> (Moodle, Canvas, администратор сайта на "
        "WordPress): вставьте этот код в блок HTML.",
    "Copy embed code": "Копировать код",
    "Full-window map": "Карта на всё окно",
    "Poster (PNG, for print or platforms without iframes)": "Плакат (PNG: для печати и для платформ без iframe)",
    "Cite this map:": "Как сослаться на карту:",
    "Map": "Карта",
    "Shows": "Что на ней",
    "Standalone page": "Отдельная страница",
    "On the map": "На карте",
    "Names": "Названия",
    "Years": "Годы",
    "Certainty": "Достоверность",
}}


def say(lang: str, text: str) -> str:
    """``text`` in ``lang``; KeyError when a Russian page would show English words."""
    return text if lang == "en" else PAGE_TEXT[lang][text]


_STATIC = Path(__file__).parent / "static" / "atlas"


@functools.cache
def ui_strings(lang: str) -> dict[str, str]:
    """The map pages' UI strings (static/atlas/strings.<lang>.js), for the site's pages to say the same.
    English is the keys themselves: an empty table."""
    path = _STATIC / f"strings.{lang}.js"
    if lang == "en" or not path.is_file():
        return {}
    table = re.search(r"^MagnitogorskAtlas\.strings\.\w+ = (\{\n.*?^\});$", path.read_text(encoding="utf-8"), re.M | re.S)
    # JSON, give or take whole-line // comments and a trailing comma
    text = re.sub(r",(\s*\})$", r"\1", re.sub(r"^\s*//.*$", "", table.group(1), flags=re.M))
    return json.loads(text)


# ---- place names --------------------------------------------------------------------------------
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def is_cyrillic(text: str | None) -> bool:
    return bool(text and _CYRILLIC.search(text))


def cyrillic_name(props: dict) -> str | None:
    """The place's Russian name in Cyrillic, when the data has one."""
    name = props.get("name_ru")
    return name if is_cyrillic(name) else None


def without_yo(text: str) -> str:
    """Russian as usually printed, with е for ё (a spelling rule, not a guess)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def name_forms(props: dict, others=()) -> list[tuple[str, str]]:
    """Every written form of a place's name, with its language: the English name and label, the
    Cyrillic name with ё and with е, the book's transliteration, then ``others`` (name_forms.yml)."""
    forms: dict[str, str] = {props["name"]: "en"}
    for name in filter(None, [props.get("name_ru"), props.get("name_translit")]):
        lang = "ru" if is_cyrillic(name) else "ru-Latn"
        forms.setdefault(name, lang)
        forms.setdefault(without_yo(name), lang)
    if props.get("label"):
        forms.setdefault(props["label"], "en")
    for name in others:
        lang = "ru" if is_cyrillic(name) else "en"
        forms.setdefault(name, lang)
        forms.setdefault(without_yo(name), lang)
    return list(forms.items())


def other_names(root: Path, feature_ids) -> dict[str, list[str]]:
    """geodata/name_forms.yml: feature id -> other written forms of its name."""
    path = root / "geodata" / "name_forms.yml"
    if not path.exists():
        return {}
    table = load_yaml(path, kind="file") or {}
    if not isinstance(table, dict):
        raise DataError(path, "must map feature ids to lists of names", kind="file")
    for fid, forms in table.items():
        if fid not in feature_ids:
            raise DataError(path, "no feature has this id", item=fid)
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise DataError(path, "must be a list of names", item=fid)
    return table


def years_label(lang: str, props: dict) -> str:
    """The place's years, worded as on the map (Atlas.format.spanLabel in atlas-core.js)."""
    table = ui_strings(lang)

    def t(key: str, **values) -> str:
        return table.get(key, key).format(**values)
    if props.get("status") == "natural":
        return t("natural feature")
    start = (t("c. ") if props.get("start_approx") else "") + props["start"] if props.get("start") \
        else t("before 1929")
    end = (t("c. ") if props.get("end_approx") else "") + props["end"] if props.get("end") else ""
    return f"{start} – {end}" if end else t("from {start}", start=start)


# mkdocs.yml's own words in Material's chrome (colour-scheme toggles, the toc's permalink title), on pages
# in another language.
CHROME = {"ru": {"Switch to dark mode": "Включить тёмную тему", "Switch to light mode": "Включить светлую тему",
                 "Permanent link": "Постоянная ссылка"}}


def on_post_page(output: str, page) -> str:
    for english, translated in CHROME.get(language(page.file.src_uri), {}).items():
        output = output.replace(f'"{english}"', f'"{translated}"')
    return output


# Material's language switch fetches sitemap.xml beside each alternate page (it expects one site per
# language); the root sitemap lists every page of both editions, so the Russian one is only a pointer.
SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- The Russian pages are listed in ../sitemap.xml -->\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def on_files(files, config):
    for lang in LANGUAGES[1:]:
        files.append(File.generated(config, f"{lang}/sitemap.xml", content=SITEMAP))
    return files
