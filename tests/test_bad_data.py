"""Bad input: one clear error naming the file, the item and the field; non-zero exit; old site kept."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import copy_project
from magnitogorsk_atlas import atlas as atlas_module
from magnitogorsk_atlas.errors import DataError

def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def edit_feature(root: Path, layer: str, change) -> str:
    path = root / "geodata" / f"{layer}.geojson"
    data = json.loads(path.read_text())
    feature = data["features"][0]
    fid = feature["properties"]["id"]
    change(data, feature)
    path.write_text(json.dumps(data))
    return fid


def edit_chronology(root: Path, change) -> str:
    path = root / "geodata" / "chronology.yml"
    entries = yaml.safe_load(path.read_text())
    eid = entries[5]["id"]
    change(entries, entries[5])
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False))
    return eid


def _truncate(root):
    path = root / "geodata" / "berezka.geojson"
    path.write_text(path.read_text()[:200])
    return None


def _swap(data, feature):
    def swap(c):
        return [c[1], c[0]] if isinstance(c[0], (int, float)) else [swap(x) for x in c]
    feature["geometry"]["coordinates"] = swap(feature["geometry"]["coordinates"])


def _far(data, feature):
    feature["geometry"] = {"type": "Point", "coordinates": [37.62, 55.75]}  # Moscow


def _dup(data, feature):
    data["features"][1]["properties"]["id"] = feature["properties"]["id"]


def _unknown_layer_in_maps(root):
    path = root / "geodata" / "maps.yml"
    path.write_text(path.read_text().replace("layers: [context, settlements]\n", "layers: [context, setlements]\n", 1))
    return "temporary-city"


# name -> (how to break the copy, file, expected item (None: take the edited one), field, words in message)
CASES = {
    "truncated-json": (_truncate, "geodata/berezka.geojson", None, None, "not valid JSON"),
    "missing-id": (lambda r: edit_feature(r, "berezka", lambda d, f: f["properties"].pop("id")) and None,
                   "geodata/berezka.geojson", "#1", "id", "missing"),
    "missing-field": (lambda r: edit_feature(r, "superblocks", lambda d, f: f["properties"].pop("certainty")),
                      "geodata/superblocks.geojson", "", "certainty", "missing"),
    "duplicate-id": (lambda r: edit_feature(r, "settlements", _dup), "geodata/settlements.geojson", "", "id",
                     "duplicate"),
    "out-of-region": (lambda r: edit_feature(r, "labor_colony", _far), "geodata/labor_colony.geojson", "",
                      "geometry", "outside the atlas region"),
    "lat-lon-swapped": (lambda r: edit_feature(r, "settlements", _swap), "geodata/settlements.geojson", "",
                        "geometry", "swapped"),
    "invalid-date": (lambda r: edit_feature(r, "berezka", lambda d, f: f["properties"].update(start="1932-13")),
                     "geodata/berezka.geojson", "", "start", "no month 13"),
    "end-before-start": (lambda r: edit_feature(r, "special_settlement",
                                                lambda d, f: f["properties"].update(start="1935", end="1931")),
                         "geodata/special_settlement.geojson", "", "end", "before it starts"),
    "unknown-layer-value": (lambda r: edit_feature(r, "berezka", lambda d, f: f["properties"].update(layer="elite")),
                            "geodata/berezka.geojson", "", "layer", "is not one of"),
    "unknown-feature-in-chronology": (lambda r: edit_chronology(r, lambda es, e: e.update(features=["atlantis"])),
                                      "geodata/chronology.yml", "", "features", "unknown feature 'atlantis'"),
    "unparseable-chronology-date": (lambda r: edit_chronology(r, lambda es, e: e.update(date="1932-02-30")),
                                    "geodata/chronology.yml", "", "date", "not a real calendar day"),
    "chronology-missing-pages": (lambda r: edit_chronology(r, lambda es, e: e.pop("pages")),
                                 "geodata/chronology.yml", "", "pages", "missing"),
    "false-precision": (lambda r: edit_feature(r, "settlements",
                                               lambda d, f: f["properties"].update(certainty="D", uncertainty_m=200)),
                        "geodata/settlements.geojson", "", "uncertainty_m", "tighter than grade D allows"),
    "latin-in-name-ru": (lambda r: edit_feature(r, "berezka", lambda d, f: f["properties"].update(name_ru="Berezka")),
                         "geodata/berezka.geojson", "", "name_ru", "must be in Cyrillic"),
    "unknown-layer-in-maps": (_unknown_layer_in_maps, "geodata/maps.yml", "temporary-city", "layers",
                              "unknown layer 'setlements'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_gives_one_clear_error(tmp_path, case):
    breaker, file, item, field, words = CASES[case]
    root = copy_project(tmp_path)
    edited = breaker(root)
    with pytest.raises(DataError) as caught:
        atlas_module.load(root)
    error = caught.value
    assert str(error.path.relative_to(root)) == file
    expected_item = edited if item == "" else item
    assert error.item == expected_item
    assert error.field == field
    assert words in error.message
    text = str(error)
    assert file in text and (expected_item is None or f"'{expected_item}'" in text)


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory, site):
    """A project copy with a previously built site in it."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(site, root / "site")
    return root


@pytest.mark.parametrize("case", ["lat-lon-swapped", "truncated-json", "unknown-feature-in-chronology",
                                  "unknown-layer-in-maps"])
def test_cli_exits_non_zero_and_keeps_the_old_site(tmp_path, built_copy, case):
    root = tmp_path / "project"
    shutil.copytree(built_copy, root)
    before = tree_digest(root / "site")
    CASES[case][0](root)
    result = subprocess.run([sys.executable, "build_maps.py", "site"], cwd=root, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert CASES[case][1] in lines[0]
    assert tree_digest(root / "site") == before
    assert not list(root.glob(".site-build-*"))
