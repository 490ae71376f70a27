"""The position review (geodata/position_review.yml): every C/D position looked up outside the book,
every outcome recorded, grades and rings honest, bad review data stopped with one clear error."""

from __future__ import annotations

import json
import math
import re

import pytest
import yaml

from conftest import copy_project
from magnitogorsk_atlas import ROOT
from magnitogorsk_atlas import atlas as atlas_module
from magnitogorsk_atlas.errors import DataError
from magnitogorsk_atlas.layers import MIN_RADIUS
from magnitogorsk_atlas.position_review import OUTCOMES, REVIEWED, grade_counts

REVIEW = ROOT / "geodata" / "position_review.yml"


def km(a, b) -> float:
    """Distance in km between two [lon, lat] points (equirectangular; fine at city scale)."""
    dx = (a[0] - b[0]) * math.cos(math.radians((a[1] + b[1]) / 2)) * 111.32
    return math.hypot(dx, (a[1] - b[1]) * 110.57)


def test_every_c_or_d_feature_has_a_recorded_outcome(atlas):
    graded = [f["properties"]["id"] for f in atlas.features() if f["properties"]["certainty"] in REVIEWED]
    assert len(graded) > 50
    for fid in graded:
        review = atlas.review[fid]
        assert review.outcome in OUTCOMES and review.looked_at and len(review.why) >= 10, fid


def test_every_id_in_the_review_file_is_a_feature(atlas):
    ids = [entry["id"] for entry in yaml.safe_load(REVIEW.read_text(encoding="utf-8"))]
    assert len(ids) == len(set(ids))
    assert set(ids) <= set(atlas.feature_by_id)


def test_rings_respect_the_grade_rules(atlas):
    for feature in atlas.features():
        props = feature["properties"]
        assert props["uncertainty_m"] >= MIN_RADIUS.get(props["certainty"], 0), props["id"]
    assert MIN_RADIUS == {"C": 1000, "D": 1500}


def test_used_pages_are_cited_with_their_address_and_upgrades_are_used(atlas):
    upgraded = 0
    for fid, review in atlas.review.items():
        props = atlas.feature_by_id[fid]["properties"]
        cited = {s["url"] for s in props["sources"] if s.get("url")}
        if review.outcome == "used":
            assert cited & {look["address"] for look in review.looked_at}, fid
        if "ABCD".index(props["certainty"]) < "ABCD".index(review.grade_before):
            upgraded += 1
            assert review.outcome == "used", fid
    assert upgraded >= 1


def test_grade_counts_before_and_after_come_from_the_data(atlas):
    before, after = grade_counts(atlas.features(), atlas.review)
    total = len(atlas.feature_by_id)
    assert sum(before.values()) == sum(after.values()) == total
    assert before["D"] == 58 and before["C"] == 30  # the state recorded before the review
    assert after != before


def test_the_two_disputed_positions_are_resolved_with_sources(atlas):
    sredne = atlas.feature_by_id["sredne_uralsk"]["properties"]
    assert atlas.review["sredne_uralsk"].outcome == "rejected"
    assert "Levko" in sredne["conflicts"] and "p.136" in sredne["conflicts"]
    assert any("magmetall.ru" in s.get("url", "") for s in sredne["sources"])

    karadyrka = atlas.feature_by_id["karadyrka_hill"]
    quarter = atlas.feature_by_id["first_superblock"]["geometry"]["coordinates"]
    assert atlas.review["karadyrka_hill"].outcome == "used"
    assert km(karadyrka["geometry"]["coordinates"], quarter) < 1.0  # beside the first superblock
    urls = {s.get("url", "") for s in karadyrka["properties"]["sources"]}
    assert any("readli.net" in u for u in urls) and any("pik174.ru" in u for u in urls)


def test_a_later_memorial_is_marked_as_not_the_site(atlas):
    tent = atlas.feature_by_id["tent_city"]
    memorial = next(s for s in tent["properties"]["sources"] if "pervaya_palatka" in s.get("url", ""))
    assert "1966" in memorial["note"] and "not the site" in memorial["note"]
    assert atlas.review["tent_city"].outcome == "rejected"
    # The monument's own coordinate is on the right bank, kilometres from the camp zone drawn.
    assert km(tent["geometry"]["coordinates"], [58.99717, 53.42618]) > 3


def test_the_sources_page_counts_from_the_data(atlas):
    from magnitogorsk_atlas.pages import Page  # noqa: PLC0415 (pages imports the renderer)
    html = Page(atlas, {}, "").position_review()
    before, after = grade_counts(atlas.features(), atlas.review)
    for grade in "ABCD":
        row = re.search(rf'<tr><th scope="row">{grade}:[^<]*</th><td class="num">(\d+)</td>'
                        rf'<td class="num">(\d+)</td></tr>', html)
        assert row and (int(row[1]), int(row[2])) == (before[grade], after[grade]), grade
    assert 'href="maps/' in html and "feature=sredne_uralsk" in html
    assert re.search(r"^\{\{ position_review \}\}$", (ROOT / "docs" / "sources.md").read_text(), re.M)


def _edit_review(root, change):
    path = root / "geodata" / "position_review.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _edit_feature(root, fid, change):
    for path in (root / "geodata").glob("*.geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data["features"]:
            if feature["properties"]["id"] == fid:
                change(feature["properties"])
                path.write_text(json.dumps(data), encoding="utf-8")
                return


def _by_id(entries, fid):
    return next(e for e in entries if e["id"] == fid)


# name -> (how to break the copy, file, item, field, words in the message)
BAD = {
    "unknown-id": (lambda r: _edit_review(r, lambda es: es[0].update(id="atlantis")),
                   "geodata/position_review.yml", "atlantis", "id", "unknown feature"),
    "missing-entry": (lambda r: _edit_review(r, lambda es: es.remove(_by_id(es, "ezhovka"))),
                      "geodata/position_review.yml", "ezhovka", "outcome", "needs a look-up outcome"),
    "missing-outcome": (lambda r: _edit_review(r, lambda es: _by_id(es, "ezhovka").pop("outcome")),
                        "geodata/position_review.yml", "ezhovka", "outcome", "missing"),
    "bad-outcome": (lambda r: _edit_review(r, lambda es: _by_id(es, "ezhovka").update(outcome="maybe")),
                    "geodata/position_review.yml", "ezhovka", "outcome", "is not one of"),
    "silent-upgrade": (lambda r: _edit_feature(r, "ezhovka", lambda p: p.update(certainty="C", uncertainty_m=1500)),
                       "geodata/position_review.yml", "ezhovka", "outcome", "grade went up from D to C"),
    "silent-shrink": (lambda r: _edit_feature(r, "ezhovka", lambda p: p.update(uncertainty_m=1500)),
                      "geodata/position_review.yml", "ezhovka", "outcome", "ring shrank"),
    "used-but-not-cited": (lambda r: _edit_feature(r, "karadyrka_hill", lambda p: p.update(
                               sources=[s for s in p["sources"] if s["work"] != "web"])),
                           "geodata/position_review.yml", "karadyrka_hill", "outcome", "cites none of the addresses"),
    "web-source-without-url": (lambda r: _edit_feature(r, "tent_city", lambda p: [
                                   s.pop("url") for s in p["sources"] if s["work"] == "web"]),
                               "geodata/settlements.geojson", "tent_city", "url", "is missing"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_review_data_gives_one_clear_error(tmp_path, case):
    breaker, file, item, field, words = BAD[case]
    root = copy_project(tmp_path)
    breaker(root)
    with pytest.raises(DataError) as caught:
        atlas_module.load(root)
    error = caught.value
    assert str(error.path.relative_to(root)) == file
    assert (error.item, error.field) == (item, field)
    assert words in error.message
    assert "\n" not in str(error) and f"'{item}'" in str(error)
