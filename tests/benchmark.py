#!/usr/bin/env python3
"""Benchmark of the atlas (``make bench``). Not a test: it measures and prints, side by side.

1. Page weight of every map page (JS, CSS, inline data, total; raw and gzip), against a bare
   Leaflet 1.9.4 page and a folium-default map of the same data, both built in this run. The
   folium default's CDN files are measured from their npm packages (fetched with ``npm pack``).
2. Time to the first drawn feature in headless Chromium, per map, median of several runs.
3. Cold build time of the whole site, and rebuild time after touching one geodata file.
4. Scaling: synthetic layers of 100, 1,000 and 10,000 point features: render time in Python,
   page bytes, and time until every feature is drawn in the browser.

Writes .bench/results.json and prints a table. Usage: python tests/benchmark.py [--runs N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import folium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import CHROMIUM_ARGS, copy_project, find_chromium, serve  # noqa: E402

from magnitogorsk_atlas import ROOT  # noqa: E402
from magnitogorsk_atlas import atlas as atlas_module  # noqa: E402
from magnitogorsk_atlas.outputs import generate  # noqa: E402
from magnitogorsk_atlas.vendor import VENDOR_DIR  # noqa: E402

RESULTS = ROOT / ".bench" / "results.json"
CACHE = ROOT / ".bench" / "npm-cache"
# What a default folium 0.20 page loads (folium/folium.py _default_js/_default_css), as npm files.
FOLIUM_DEFAULT_ASSETS = [
    ("leaflet@1.9.3", "dist/leaflet.js", "js"), ("jquery@3.7.1", "dist/jquery.min.js", "js"),
    ("bootstrap@5.2.2", "dist/js/bootstrap.bundle.min.js", "js"),
    ("leaflet.awesome-markers@2.0.5", "dist/leaflet.awesome-markers.js", "js"),
    ("leaflet@1.9.3", "dist/leaflet.css", "css"), ("bootstrap@5.2.2", "dist/css/bootstrap.min.css", "css"),
    ("@fortawesome/fontawesome-free@6.2.0", "css/all.min.css", "css"),
    ("leaflet.awesome-markers@2.0.5", "dist/leaflet.awesome-markers.css", "css"),
]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def weigh_page(html_path: Path) -> dict:
    """Bytes of one page and of the local JS/CSS it loads."""
    html = html_path.read_text(encoding="utf-8")
    out = {"js": 0, "css": 0, "data": 0, "js_gz": 0, "css_gz": 0, "data_gz": 0}
    for kind, pattern in (("js", r'<script[^>]+src="([^"]+)"'), ("css", r'<link[^>]+href="([^"]+\.css)"')):
        for url in re.findall(pattern, html):
            data = (html_path.parent / url).read_bytes()
            key = "data" if url.startswith("data/") else kind  # the shared layer scripts are data
            out[key] += len(data)
            out[key + "_gz"] += gz(data)
    out.update(html=len(html.encode()), html_gz=gz(html.encode()))
    out["total"] = out["js"] + out["css"] + out["data"] + out["html"]
    out["total_gz"] = out["js_gz"] + out["css_gz"] + out["data_gz"] + out["html_gz"]
    # the map's own inline script (its configuration) is counted in html, and shown as data too
    inline = "".join(re.findall(r"<script>(.*?)</script>", html, re.S)).encode()
    out["data"] += len(inline)
    return out


def npm_file(spec: str, member: str) -> bytes:
    CACHE.mkdir(parents=True, exist_ok=True)
    name = spec.replace("@", "_").replace("/", "_")
    folder = CACHE / name
    if not folder.exists():
        with tempfile.TemporaryDirectory() as tmp:
            info = json.loads(subprocess.run(["npm", "pack", spec, "--json"], cwd=tmp, check=True,
                                             capture_output=True, text=True).stdout)[0]
            with tarfile.open(Path(tmp) / info["filename"]) as tar:
                tar.extractall(folder, filter="data")
    return (folder / "package" / member).read_bytes()


def folium_default_weight(atlas) -> dict:
    """A default folium map of the overview's data (GeoJson layers with popups), CDN assets weighed."""
    m = folium.Map(location=list(atlas.maps[0].center), zoom_start=atlas.maps[0].zoom)
    for layer in atlas.layers.values():
        folium.GeoJson({"type": "FeatureCollection", "features": list(layer.features)}, name=layer.id,
                       popup=folium.GeoJsonPopup(fields=["name", "description"]),
                       tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(m)
    folium.LayerControl().add_to(m)
    html = m.get_root().render().encode()
    out = {"js": 0, "css": 0, "js_gz": 0, "css_gz": 0, "html": len(html), "html_gz": gz(html)}
    for spec, member, kind in FOLIUM_DEFAULT_ASSETS:
        try:
            data = npm_file(spec, member)
        except Exception as exc:  # the registry may be unreachable: say so instead of guessing
            out["missing"] = out.get("missing", []) + [f"{spec}/{member}: {exc.__class__.__name__}"]
            continue
        out[kind] += len(data)
        out[kind + "_gz"] += gz(data)
    out["total"] = out["js"] + out["css"] + out["html"]
    out["total_gz"] = out["js_gz"] + out["css_gz"] + out["html_gz"]
    return out


def bare_leaflet_weight() -> dict:
    leaflet = VENDOR_DIR / "leaflet-1.9.4"
    js, css = (leaflet / "leaflet.js").read_bytes(), (leaflet / "leaflet.css").read_bytes()
    html = b'<!doctype html><html><head><link rel="stylesheet" href="leaflet.css"><script src="leaflet.js">' \
           b'</script></head><body><div id="m" style="height:100vh"></div><script>L.map("m").setView([53.4,59],' \
           b'12)</script></body></html>'
    return {"js": len(js), "css": len(css), "js_gz": gz(js), "css_gz": gz(css), "html": len(html),
            "html_gz": gz(html), "total": len(js) + len(css) + len(html), "total_gz": gz(js) + gz(css) + gz(html)}


FIRST_DRAWN = """
window.__firstDrawn = null;
new MutationObserver(function (records, observer) {
  if (document.querySelector('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas')) {
    window.__firstDrawn = performance.now(); observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true});
"""


def browser_times(folder: Path, paths: list[str], runs: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright
    server = serve(folder)
    base = f"http://127.0.0.1:{server.server_port}/"
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for path in paths:
            first, ready = [], []
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                page.add_init_script(FIRST_DRAWN)
                page.goto(base + path)
                page.wait_for_selector(".folium-map[data-atlas-ready]", state="attached", timeout=120000)
                first.append(page.evaluate("window.__firstDrawn"))
                ready.append(page.evaluate("performance.now()"))
                context.close()
            out[path] = {"first_drawn_ms": round(statistics.median(first), 1),
                         "ready_ms": round(statistics.median(ready), 1)}
        browser.close()
    server.shutdown()
    return out


def timed_build(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "build_maps.py", "site"], cwd=project, check=True, capture_output=True)
    return time.perf_counter() - started


def synthetic_layer(real: dict, n: int) -> dict:
    """The real settlements plus n synthetic points spread over the city, valid under the schema.
    Graded B (a point with a ring, like the real ones) so that they need no position review entry;
    the real features stay, so the chronology, tours and reviews that name them still resolve."""
    features = list(real["features"])
    for i in range(n):
        lon = 58.95 + (i * 7919 % 1000) / 1000 * 0.25
        lat = 53.33 + (i * 104729 % 1000) / 1000 * 0.15
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                         "properties": {
                             "id": f"synthetic_{i:05d}", "name": f"Barrack {i}", "layer": "settlements",
                             "kind": "settlement", "status": "built", "start": str(1929 + i % 11), "end": None,
                             "description": "A synthetic feature made by the benchmark to measure scaling.",
                             "sources": [{"work": "kotkin1995", "pages": "130"}], "certainty": "B",
                             "location_basis": "Synthetic position for the benchmark.", "uncertainty_m": 1500}})
    return dict(real, features=features)


def scaling(sizes, runs: int) -> list[dict]:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp))
            layer = project / "geodata" / "settlements.geojson"
            layer.write_text(json.dumps(synthetic_layer(json.loads(layer.read_text()), n), ensure_ascii=False))
            started = time.perf_counter()
            loaded = atlas_module.load(project)
            files = generate(loaded, posters=False)
            render_s = time.perf_counter() - started
            out = project / "out"
            for path, content in files.items():
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                (out / path).write_bytes(content)
            weight = weigh_page(out / "maps" / "temporary-city.html")
            times = browser_times(out, ["maps/temporary-city.html"], runs)["maps/temporary-city.html"]
            rows.append({"features": n, "render_all_maps_s": round(render_s, 2), "page_bytes": weight["total"],
                         "page_gzip": weight["total_gz"], "data_bytes": weight["data"], **times})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="browser runs per page (median)")
    parser.add_argument("--sizes", default="100,1000,10000", help="synthetic layer sizes")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    args = parser.parse_args()
    atlas = atlas_module.load(ROOT)
    results: dict = {"machine": {"python": sys.version.split()[0]}}

    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        cold = timed_build(project)
        (project / "geodata" / "berezka.geojson").touch()
        rebuild = timed_build(project)
        results["build"] = {"cold_s": round(cold, 2), "rebuild_after_touch_s": round(rebuild, 2)}
        site = project / "site"
        pages = {spec.id: weigh_page(site / spec.url) for spec in atlas.maps}
        results["pages"] = pages
        results["bare_leaflet"] = bare_leaflet_weight()
        results["folium_default"] = folium_default_weight(atlas)
        results["render"] = browser_times(site, [spec.url for spec in atlas.maps], args.runs)
    results["scaling"] = scaling([int(s) for s in args.sizes.split(",")], max(1, args.runs // 2))

    heaviest = max(pages, key=lambda k: pages[k]["js"] + pages[k]["css"])
    ours = pages[heaviest]["js"] + pages[heaviest]["css"]
    bare = results["bare_leaflet"]["js"] + results["bare_leaflet"]["css"]
    fol = results["folium_default"]["js"] + results["folium_default"]["css"]
    results["targets"] = {
        "heaviest_map": heaviest, "js_css_bytes": ours,
        "vs_bare_leaflet": round(ours / bare, 2), "target_max_vs_bare": 1.5,
        "folium_default_lighter_factor": round(fol / ours, 2), "target_min_lighter": 2.5,
        "cold_build_s": results["build"]["cold_s"], "target_cold_build_s": 30,
        "10k_points_ready_ms": next((r["ready_ms"] for r in results["scaling"] if r["features"] == 10000), None),
        "target_10k_ms": 1500,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")

    print(f"{'page':28} {'JS':>9} {'CSS':>8} {'data':>9} {'total':>9} {'total gz':>9} {'1st draw':>9} {'ready':>8}")
    for name, w in [*pages.items(), ("(bare Leaflet 1.9.4)", results["bare_leaflet"]),
                    ("(folium default, same data)", results["folium_default"])]:
        t = results["render"].get(f"maps/{name}.html", {})
        print(f"{name:28} {w['js']:>9,} {w['css']:>8,} {w.get('data', 0):>9,} {w['total']:>9,} {w['total_gz']:>9,} "
              f"{t.get('first_drawn_ms', ''):>9} {t.get('ready_ms', ''):>8}")
    print(f"\nbuild: cold {results['build']['cold_s']} s, rebuild after touching one file "
          f"{results['build']['rebuild_after_touch_s']} s")
    print(f"\n{'features':>9} {'render s':>9} {'page bytes':>11} {'gzip':>9} {'1st draw ms':>12} {'ready ms':>9}")
    for r in results["scaling"]:
        print(f"{r['features']:>9,} {r['render_all_maps_s']:>9} {r['page_bytes']:>11,} {r['page_gzip']:>9,} "
              f"{r['first_drawn_ms']:>12} {r['ready_ms']:>9}")
    t = results["targets"]
    print(f"\ntargets: heaviest map ({t['heaviest_map']}) JS+CSS = {t['vs_bare_leaflet']}x bare Leaflet (<= 1.5); "
          f"folium default is {t['folium_default_lighter_factor']}x heavier (>= 2.5); cold build {t['cold_build_s']} s "
          f"(< 30); 10k points ready in {t['10k_points_ready_ms']} ms (< 1500)")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
