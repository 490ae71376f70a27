"""Russian names in the data (issue #14, part 1): name_ru in Cyrillic, the book's form in name_translit."""

from __future__ import annotations

import re

import pytest

from magnitogorsk_atlas import atlas as atlas_module
from magnitogorsk_atlas import ROOT

CYRILLIC_NAME = re.compile(r"^[А-Яа-яЁё0-9 «»()/,.№–—-]+$")

# Checked by hand against the book's transliteration (id -> name_ru, name_translit).
HAND_CHECKED = {
    "berezka": ("Берёзка", "Berezka"),
    "magnetic_mountain": ("Магнитная гора", "Magnitnaia gora"),
    "socialist_city_kirov_district": ("Соцгород / Кировский район", "Sotsgorod"),
    "special_labor_settlement": ("спецтрудпосёлок", "spetstrudposelok"),
    "shanghai": ("Шанхай", None),
    "sredne_uralsk": ("Средне-Уральск", "Sredne-Uralsk"),
    "itk_corrective_labor_colony": ("Исправительно-трудовая колония (ИТК)", "Ispravitelno-trudovaia koloniia"),
    "magnitnyi_settlement": ("посёлок Магнитный", "poselok Magnitnyi"),
    "palace_of_metallurgists": ("Дворец металлургов", "dvorets metallurgov"),
    "fourth_sector": ("Четвёртый участок", None),
    "central_hotel": (None, None),  # the book gives no Russian form: left empty, not guessed
}


@pytest.fixture(scope="module")
def features():
    layers = atlas_module.load(ROOT).layers
    return {f["properties"]["id"]: f["properties"] for layer in layers.values() for f in layer.features}


def test_every_russian_name_is_cyrillic(features):
    named = {fid: p["name_ru"] for fid, p in features.items() if "name_ru" in p}
    assert len(named) >= 70
    bad = {fid: name for fid, name in named.items() if not CYRILLIC_NAME.match(name)}
    assert not bad


def test_transliterations_are_latin(features):
    translit = {fid: p["name_translit"] for fid, p in features.items() if "name_translit" in p}
    assert len(translit) >= 20
    assert not {fid: t for fid, t in translit.items() if re.search(r"[\u0400-\u04FF]", t)}


@pytest.mark.parametrize("fid", sorted(HAND_CHECKED))
def test_hand_checked_names(features, fid):
    assert (features[fid].get("name_ru"), features[fid].get("name_translit")) == HAND_CHECKED[fid]
