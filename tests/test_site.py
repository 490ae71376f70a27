"""The built site as files: output contract, offline assets, reproducibility, downloads, posters."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest

from conftest import copy_project
from magnitogorsk_atlas import ROOT
from magnitogorsk_atlas.site import build_site, check_links
from magnitogorsk_atlas.vendor import verify

EXTERNAL_LOAD = re.compile(r'<(script|link|img|iframe|source)\b[^>]*\b(src|href)="(https?:)?//', re.I)


def test_index_json_lists_every_map_with_its_page(site, atlas):
    index = json.loads((site / "maps" / "index.json").read_text())
    assert [m["id"] for m in index["maps"]] == [s.id for s in atlas.maps]
    assert len(index["maps"]) >= 7
    for entry in index["maps"]:
        assert entry["url"] == f"maps/{entry['id']}.html"
        assert (site / entry["url"]).is_file()
        assert (site / entry["poster"]).is_file()
        assert entry["title"] and entry["poster_alt"]


def test_nothing_is_loaded_from_outside_the_site(site):
    offenders = [str(p.relative_to(site)) for p in site.rglob("*.html") if EXTERNAL_LOAD.search(p.read_text())]
    assert offenders == []
    css = " ".join(p.read_text() for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "//cdn" not in css


def test_map_pages_are_lean_and_zoomable(site, atlas):
    for spec in atlas.maps:
        page = (site / spec.url).read_text()
        assert "user-scalable=no" not in page and "maximum-scale" not in page
        assert '<html lang="en">' in page
        assert "jquery" not in page.lower() and "bootstrap" not in page.lower() and "font-awesome" not in page.lower()
        assert page.count('name="viewport"') == 1
        assert f'src="posters/{spec.id}.png"' in page  # <noscript> poster


def test_pages_embed_maps_as_titled_lazy_iframes(site, atlas):
    pages_with_maps = {spec.page for spec in atlas.maps}
    for name in pages_with_maps:
        html = (site / f"{name}.html").read_text()
        frames = re.findall(r"<iframe [^>]*>", html)
        assert frames, name
        for frame in frames:
            if "data-map-url" in frame:
                continue
            assert 'title="' in frame and 'loading="lazy"' in frame
        assert "Open the full map" in html
        assert "leaflet.js" not in html  # never inline Leaflet in a Material page


def test_every_link_asset_and_iframe_resolves(site):
    assert check_links(site) == []


def test_link_check_catches_a_broken_iframe(tmp_path):
    (tmp_path / "page.html").write_text('<iframe src="maps/missing.html" title="x"></iframe>'
                                        '<script src="assets/none.js"></script><a href="#top">ok</a>')
    broken = check_links(tmp_path)
    assert len(broken) == 2 and "maps/missing.html" in broken[0]


def test_vendored_assets_match_their_recorded_checksums():
    assert verify() == []


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith("sitemap.xml")}


def test_two_builds_in_two_directories_are_byte_identical(site, tmp_path):
    other = copy_project(tmp_path / "elsewhere" / "checkout")
    second = build_site(other / "site", other / "mkdocs.yml")
    first_tree, second_tree = tree(site), tree(second)
    assert first_tree.keys() == second_tree.keys()
    assert [k for k in first_tree if first_tree[k] != second_tree[k]] == []


def test_posters_are_png_with_alt_text(site, atlas):
    for spec in atlas.maps:
        data = (site / "maps" / "posters" / f"{spec.id}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (800, 600)


@pytest.mark.parametrize("layer", ["settlements", "superblocks", "berezka", "special_settlement",
                                   "labor_colony", "left_bank_plan", "right_bank_plan", "context"])
def test_downloads_round_trip(site, atlas, layer):
    frame = gpd.read_file(site / "data" / f"{layer}.geojson")
    expected = [f["properties"]["id"] for f in atlas.layers[layer].features]
    assert list(frame["id"]) == expected
    with open(site / "data" / f"{layer}.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == expected
    back = gpd.GeoSeries.from_wkt([r["wkt"] for r in rows], crs="EPSG:4326")
    assert back.geom_equals_exact(frame.geometry, tolerance=1e-9).all()


def test_chronology_downloads_hold_every_entry(site, atlas):
    data = json.loads((site / "data" / "chronology.json").read_text())
    assert [e["id"] for e in data["entries"]] == [e.id for e in atlas.events]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "chronology.csv").read_text())))
    assert len(rows) == len(atlas.events)


def test_datapackage_is_valid(site):
    frictionless = pytest.importorskip("frictionless")
    package_path = site / "data" / "datapackage.json"
    report = frictionless.validate(str(package_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(package_path.read_text())
    for resource in package["resources"]:
        assert (site / "data" / resource["path"]).is_file()
    assert any(lic["name"] == "ODbL-1.0" for lic in package["licenses"])


def test_cli_help_names_every_command():
    out = subprocess.run([sys.executable, str(ROOT / "build_maps.py"), "--help"], capture_output=True,
                         text=True, check=True).stdout
    for command in ("check", "maps", "site"):
        assert command in out


def test_cli_writes_standalone_maps(tmp_path, atlas):
    subprocess.run([sys.executable, str(ROOT / "build_maps.py"), "maps", "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for spec in atlas.maps:
        assert (tmp_path / spec.url).is_file()
    assert (tmp_path / "assets" / "vendor" / "leaflet-1.9.4" / "leaflet.js").is_file()
    # the assets resolve without the rest of the site (page links lead back into the full site)
    assert check_links(tmp_path, tags=("script", "link", "img", "iframe")) == []
