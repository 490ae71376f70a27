"""Load ``geodata/<layer>.geojson`` and check every feature before anything is drawn."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import shape

from . import dates, schema
from .errors import DataError
from .labels import LABEL_MAX
from .styles import LAYERS

# No position is drawn tighter than its grade allows: C is "1-2 km", D "1.5 km or more".
MIN_RADIUS = {"C": 1000, "D": 1500}

# Every coordinate must fall in this box (lon/lat, WGS84): the city, the lake and Agapovka.
REGION = {"west": 58.80, "south": 53.20, "east": 59.40, "north": 53.70}


@dataclass(frozen=True)
class Layer:
    id: str
    title: str
    path: Path
    features: tuple[dict, ...]  # GeoJSON Feature dicts, validated


def _coordinates(geometry: dict):
    """Yield every [lon, lat] pair of a GeoJSON geometry."""
    def walk(node):
        if node and isinstance(node[0], (int, float)):
            yield node
        else:
            for child in node:
                yield from walk(child)
    yield from walk(geometry.get("coordinates") or [])


def _check_label(props: dict, *, path: Path, item: str) -> None:
    """The text written on the map: short, and plain text (it is set with textContent, but a
    '<b>' would still be shown to the reader as markup)."""
    label = props.get("label")
    if label is None:
        if len(props["name"]) > LABEL_MAX:
            raise DataError(path, f"the name has {len(props['name'])} characters, too long to write on the map; "
                                  f"add a short 'label' (at most {LABEL_MAX})", item=item, field="label")
        return
    if not label.strip() or label != label.strip():
        raise DataError(path, "must not be blank or start or end with a space", item=item, field="label")
    if re.search(r"[<>]|&[#\w]+;", label):
        raise DataError(path, f"must be plain text, not markup: {label!r}", item=item, field="label")


def _check_name_ru(props: dict, *, path: Path, item: str) -> None:
    """name_ru is the Cyrillic name; a Latin letter means a transliteration slipped in (that goes
    in name_translit)."""
    latin = re.findall(r"[A-Za-z]", props.get("name_ru", ""))
    if latin:
        raise DataError(path, f"must be in Cyrillic, but has Latin letters ({''.join(latin)!r}) in "
                              f"{props['name_ru']!r}; the book's transliteration goes in 'name_translit'",
                        item=item, field="name_ru")


def check_feature(feature: dict, index: int, *, path: Path, layer: str) -> None:
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        raise DataError(path, "a feature needs a 'properties' object", item=f"#{index + 1}",
                        field="properties")
    item = props.get("id") if isinstance(props.get("id"), str) else f"#{index + 1}"
    schema.check("feature", props, path=path, item=item, kind="feature")
    _check_label(props, path=path, item=item)
    _check_name_ru(props, path=path, item=item)
    if props["layer"] != layer:
        raise DataError(path, f"is '{props['layer']}' but the file holds layer '{layer}'",
                        item=item, field="layer")
    spans = {}
    for field in ("start", "end"):
        if props[field] is not None:
            try:
                spans[field] = dates.parse(props[field])
            except ValueError as exc:
                raise DataError(path, str(exc), item=item, field=field) from None
    if props["start"] is None and props["status"] != "natural":
        raise DataError(path, "only natural features may have no start date", item=item, field="start")
    if "start" in spans and "end" in spans and spans["end"].sort_key() < spans["start"].sort_key():
        raise DataError(path, f"ends ({props['end']}) before it starts ({props['start']})",
                        item=item, field="end")
    if not any(s["work"] == "kotkin1995" and s.get("pages") for s in props["sources"]):
        raise DataError(path, "needs at least one page citation of Kotkin 1995", item=item, field="sources")

    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        raise DataError(path, "a feature needs a geometry", item=item, field="geometry")
    try:
        geom = shape(geometry)
    except Exception as exc:  # shapely raises several types for malformed GeoJSON
        raise DataError(path, f"not a valid GeoJSON geometry ({exc})", item=item, field="geometry") from None
    for lon, lat, *_ in _coordinates(geometry):
        if not (REGION["west"] <= lon <= REGION["east"] and REGION["south"] <= lat <= REGION["north"]):
            hint = " (are longitude and latitude swapped?)" if (
                REGION["west"] <= lat <= REGION["east"] and REGION["south"] <= lon <= REGION["north"]) else ""
            raise DataError(path, f"coordinate [{lon}, {lat}] lies outside the atlas region "
                                  f"(lon {REGION['west']}–{REGION['east']}, lat {REGION['south']}–"
                                  f"{REGION['north']}){hint}", item=item, field="geometry")
    least = MIN_RADIUS.get(props["certainty"], 0)
    if props["uncertainty_m"] < least:
        raise DataError(path, f"{props['uncertainty_m']} m is tighter than grade {props['certainty']} allows "
                              f"(at least {least} m)", item=item, field="uncertainty_m")
    if not geom.is_valid:
        raise DataError(path, f"invalid geometry: {shapely.validation.explain_validity(geom)}",
                        item=item, field="geometry")


def load_layer(path: Path) -> Layer:
    layer = path.name.removesuffix(".geojson")
    if layer not in LAYERS:
        raise DataError(path, f"unknown layer '{layer}'; the layers are: {', '.join(LAYERS)}",
                        kind="layer")
    data = schema.load_json(path)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataError(path, "must be a GeoJSON FeatureCollection", field="type", kind="file")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise DataError(path, "must hold at least one feature", field="features", kind="file")
    for index, feature in enumerate(features):
        check_feature(feature, index, path=path, layer=layer)
    return Layer(layer, LAYERS[layer]["title"], path, tuple(features))


def load_layers(geodata: Path) -> dict[str, Layer]:
    """Load every layer file; ids must be unique across all layers."""
    found = {p.name.removesuffix(".geojson"): p for p in sorted(geodata.glob("*.geojson"))}
    missing = [layer for layer in LAYERS if layer not in found]
    if missing:
        raise DataError(geodata / f"{missing[0]}.geojson", "file not found (every layer needs one)",
                        kind="layer")
    layers = {}
    seen: dict[str, Path] = {}
    for name, path in found.items():
        layer = load_layer(path)
        for feature in layer.features:
            fid = feature["properties"]["id"]
            if fid in seen:
                raise DataError(path, f"duplicate id, already used in {seen[fid].name}", item=fid, field="id")
            seen[fid] = path
        layers[name] = layer
    return {name: layers[name] for name in LAYERS}
