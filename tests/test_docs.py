"""The pages cover the data: every map on its page, every theme with its events, claims cited."""

from __future__ import annotations

import re

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from magnitogorsk_atlas import ROOT

DOCS = ROOT / "docs"
THEME_PAGES = ["temporary-city", "socialist-city", "berezka", "special-settlement", "labor-colony",
               "left-and-right-bank"]


def nav_files(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [f for value in node.values() for f in nav_files(value)]
    return [f for item in node for f in nav_files(item)]


def test_every_page_is_in_the_navigation():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=get_yaml_loader())  # knows !ENV
    assert sorted(nav_files(config["nav"])) == sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def test_every_map_is_embedded_on_its_page_with_its_embed_kit(atlas):
    for spec in atlas.maps:
        text = (DOCS / f"{spec.page}.md").read_text()
        assert f"{{{{ map {spec.id} }}}}" in text, spec.id
        assert f"{{{{ embed {spec.id} }}}}" in text, spec.id


def test_theme_pages_pull_their_events_from_the_chronology():
    for page in THEME_PAGES:
        assert re.search(r"^\{\{ events [a-z_,]+ \}\}$", (DOCS / f"{page}.md").read_text(), re.M), page


def paragraphs(text: str):
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block and not block.startswith(("#", "{{", "|", "!!!", "-", "1.", ">", "```", "<")):
            yield block


def test_every_paragraph_with_a_date_or_figure_cites_the_book():
    for page in THEME_PAGES + ["index", "compare", "population"]:
        for para in paragraphs((DOCS / f"{page}.md").read_text()):
            if re.search(r"\b1[789]\d\d\b|\d,\d{3}", para) and "`" not in para:  # code examples aside
                assert "Kotkin" in para, f"{page}.md: {para[:80]}"


def test_theme_narratives_are_300_to_800_words():
    for page in THEME_PAGES:
        words = sum(len(p.split()) for p in paragraphs((DOCS / f"{page}.md").read_text()))
        assert 300 <= words <= 850, (page, words)
