"""Open data: every layer as GeoJSON and CSV, the chronology as CSV and JSON, and a
Frictionless ``datapackage.json`` describing them."""

from __future__ import annotations

import csv
import io
import json

from shapely.geometry import shape

from . import ATLAS_TITLE
from .atlas import WORKS, Atlas

LICENSES = [
    {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (the atlas's own data and text)",
     "path": "https://creativecommons.org/licenses/by/4.0/"},
    {"name": "ODbL-1.0", "title": "Open Database License 1.0 (parts derived from OpenStreetMap: "
                                  "© OpenStreetMap contributors)",
     "path": "https://opendatacommons.org/licenses/odbl/1-0/"},
]

# CSV columns of a layer, with Frictionless types and descriptions.
LAYER_FIELDS = [
    ("id", "string", "Stable feature id, unique across layers"),
    ("name", "string", "English name as in Kotkin 1995"),
    ("name_ru", "string", "Russian name in Cyrillic, where the place has one"),
    ("name_translit", "string", "The book's Library of Congress transliteration of the Russian name, as printed"),
    ("layer", "string", "Atlas layer"),
    ("kind", "string", "Kind of place"),
    ("status", "string", "built, planned (never built), partly_built or natural"),
    ("start", "string", "ISO 8601 year, year-month or day it began"),
    ("start_approx", "boolean", "The start date is approximate"),
    ("end", "string", "ISO 8601 date it ended; empty if it still stood in 1939"),
    ("end_approx", "boolean", "The end date is approximate"),
    ("population", "string", "Population figures: value (year, what, pages); several separated by ' | '"),
    ("description", "string", "Short description in the atlas's own words"),
    ("sources", "string", "Works and pages, separated by ' | '"),
    ("certainty", "string", "Location grade: A cited, B modern successor, C inferred 1-2 km, D zone guess"),
    ("uncertainty_m", "integer", "Uncertainty radius of the position in metres"),
    ("location_basis", "string", "How the position was derived"),
    ("conflicts", "string", "Where the sources disagree"),
    ("longitude", "number", "Representative point, WGS84 longitude"),
    ("latitude", "number", "Representative point, WGS84 latitude"),
    ("wkt", "string", "Geometry as WKT (WGS84, lon lat)"),
]

EVENT_FIELDS = [
    ("id", "string", "Stable entry id; the anchor on the chronology page"),
    ("date", "string", "ISO 8601 year, year-month or day"),
    ("date_end", "string", "End of a range, when the book gives one"),
    ("precision", "string", "year, month or day"),
    ("approx", "boolean", "The book gives the date loosely"),
    ("qualifier", "string", "The book's own looseness (early, by, late...)"),
    ("title", "string", "Short title"),
    ("summary", "string", "Summary in the atlas's own words"),
    ("pages", "string", "Pages of Kotkin 1995, separated by ' | '"),
    ("layers", "string", "Atlas layers concerned, separated by ' | '"),
    ("features", "string", "Feature ids concerned, separated by ' | '"),
    ("conflict", "string", "Where the book's sources disagree"),
]


def _source(s: dict) -> str:
    return WORKS[s["work"]]["label"] + (f", p. {s['pages']}" if s.get("pages") else "") + \
        (f" ({s['note']})" if s.get("note") else "") + (f" <{s['url']}>" if s.get("url") else "")


def layer_rows(features) -> list[dict]:
    rows = []
    for f in features:
        p = f["properties"]
        geom = shape(f["geometry"])
        point = geom.representative_point()
        rows.append({
            **{k: p.get(k) for k in ("id", "name", "name_ru", "name_translit", "layer", "kind", "status", "start", "end",
                                     "description", "certainty", "uncertainty_m", "location_basis", "conflicts")},
            "start_approx": bool(p.get("start_approx")), "end_approx": bool(p.get("end_approx")),
            "population": " | ".join(f"{r['value']} ({r['year']}, {r.get('what', '')}, {_source(r['source'])})"
                                     for r in p.get("population", [])),
            "sources": " | ".join(_source(s) for s in p["sources"]),
            "longitude": round(point.x, 5), "latitude": round(point.y, 5),
            "wkt": geom.wkt,
        })
    return rows


def to_csv(rows: list[dict], fields) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[name for name, _, _ in fields], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("true" if v is True else "false" if v is False else "" if v is None else v)
                         for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _schema(fields) -> dict:
    return {"fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
            "primaryKey": ["id"]}


def generate(atlas: Atlas) -> dict[str, bytes]:
    """Return {path under data/: bytes} for every download and the data package."""
    out: dict[str, bytes] = {}
    resources = []
    for name, layer in atlas.layers.items():
        collection = {"type": "FeatureCollection", "name": name, "features": list(layer.features)}
        out[f"data/{name}.geojson"] = _json(collection)
        out[f"data/{name}.csv"] = to_csv(layer_rows(layer.features), LAYER_FIELDS)
        resources.append({"name": f"{name}-geojson", "path": f"{name}.geojson", "format": "geojson",
                          "mediatype": "application/geo+json", "encoding": "utf-8",
                          "title": f"{layer.title} (GeoJSON)",
                          "description": f"{len(layer.features)} features; properties follow "
                                         "schema/feature.schema.json"})
        resources.append({"name": f"{name}-csv", "path": f"{name}.csv", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
                          "title": f"{layer.title} (CSV)", "schema": _schema(LAYER_FIELDS)})
    events = [e.as_dict() for e in atlas.events]
    out["data/chronology.json"] = _json({"title": "Chronology of Magnitogorsk after Kotkin 1995",
                                         "entries": events})
    out["data/chronology.csv"] = to_csv([{**e, **{k: " | ".join(e[k]) for k in ("pages", "layers", "features")}}
                                         for e in events], EVENT_FIELDS)
    resources.append({"name": "chronology-csv", "path": "chronology.csv", "format": "csv",
                      "mediatype": "text/csv", "encoding": "utf-8", "profile": "tabular-data-resource",
                      "title": "Chronology (CSV)", "schema": _schema(EVENT_FIELDS)})
    resources.append({"name": "chronology-json", "path": "chronology.json", "format": "json",
                      "mediatype": "application/json", "encoding": "utf-8", "title": "Chronology (JSON)",
                      "description": "Entries as in geodata/chronology.yml, see schema/chronology.schema.json"})
    for schema_file in sorted((atlas.root / "geodata" / "schema").glob("*.json")):
        out[f"data/schema/{schema_file.name}"] = schema_file.read_bytes()
    out["data/datapackage.json"] = _json({
        "profile": "data-package",
        "name": "magnitogorsk-atlas",
        "title": ATLAS_TITLE,
        "description": "Places and events of 1930s Magnitogorsk after Stephen Kotkin, Magnetic Mountain "
                       "(1995), with sources, pages and an honest grade for every position.",
        "licenses": LICENSES,
        "sources": [{"title": w["reference"]} for w in WORKS.values()],
        "resources": resources,
    })
    return out
