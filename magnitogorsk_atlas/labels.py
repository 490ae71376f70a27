"""Place names written on the maps: which text, in which order, anchored where.

One rule for the live map (static/atlas/labels.js places the list this module makes, greedily,
skipping a name that would overlap one already placed) and for the posters (posters.py).
The order is derived from the data: the base that orients the reader first (river, lake,
plant, then dams, railway, mine), then the places of the book's Table 5, largest first, then
the other settlements and plans, then single buildings, squares and roads. A feature's
``label_rank`` overrides its derived rank where that order is wrong (Magnetic Mountain is a
"hill" like Karadyrka, but it is the place the city was built for).
"""

from __future__ import annotations

from shapely.geometry import box, shape

LABEL_MAX = 24  # characters: a longer name needs a short `label` in the data

KIND_RANK = {"river": 1, "lake": 1, "plant": 1,
             "dam": 2, "railway": 2, "mine": 2, "special_settlement": 2}
TABLE5_RANK = 3  # any place with a Table 5 population
PLACE_RANK = 4   # other settlements, housing areas and plans
PLACE_KINDS = {"barracks_sector", "settlement", "dugout_settlement", "tent_camp", "village", "district",
               "superblock", "housing_area", "cottage_enclave", "settlement_division", "labor_colony",
               "plan_zone", "plan_variant"}
OTHER_RANK = 5   # buildings, squares, roads, stations, installations, groves, hills
ORDER = ("river", "lake", "hill", "plant", "dam", "railway", "mine")  # ties within a rank: the base first
CANDIDATES = 5   # anchor places offered along a line or across an area


def text(props: dict) -> str:
    return props.get("label") or props["name"]


def table5(props: dict) -> int:
    return max((r["value"] for r in props.get("population", []) if r.get("what") == "Table 5"), default=0)


def rank(props: dict, focus: bool = False) -> int:
    """1 (named first, at every zoom) to 5; a map's focus layers are named one step earlier."""
    if "label_rank" in props:
        return props["label_rank"]
    derived = KIND_RANK.get(props["kind"]) or (
        TABLE5_RANK if table5(props) else PLACE_RANK if props["kind"] in PLACE_KINDS else OTHER_RANK)
    return max(2, derived - 1) if focus else derived


def sort_key(props: dict, focus: bool = False) -> tuple:
    kind = ORDER.index(props["kind"]) if props["kind"] in ORDER else len(ORDER)
    return rank(props, focus), -table5(props), kind, text(props)


def anchors(geometry: dict) -> list[tuple[float, float]]:
    """(lat, lon) places a label may sit on, best first. A point has one; a line or an area offers
    its middle and a point in each of a few bands along its longer side, so that a river or lake
    still gets its name when the reader has zoomed in on one part of it."""
    geom = shape(geometry)
    if geom.geom_type == "Point":
        return [(geom.y, geom.x)]
    found = [geom.representative_point()]
    west, south, east, north = geom.bounds
    along_lon = (east - west) * 0.6 > (north - south)  # about 0.6 km per 0.01° lon vs lat here
    for i in range(CANDIDATES):
        lo, hi = i / CANDIDATES, (i + 1) / CANDIDATES
        band = (box(west + (east - west) * lo, south, west + (east - west) * hi, north) if along_lon
                else box(west, south + (north - south) * lo, east, south + (north - south) * hi))
        part = geom.intersection(band)
        if not part.is_empty:
            found.append(part.representative_point())
    return [(round(p.y, 4), round(p.x, 4)) for p in found]  # 4 decimals: about 10 m


def for_side(atlas, spec, side_index: int) -> list[list]:
    """What labels.js needs for one side of a map: ``[id, text, rank, class, is_point, anchors]``
    in the order the labels are placed. The class picks the cartographic style: water in blue
    italics, the base (context) in grey, the rest in dark ink."""
    entries = []
    for layer_id in spec.sides[side_index].layers:
        focus = layer_id in spec.focus and layer_id != "context"
        for feature in atlas.layers[layer_id].features:
            props = feature["properties"]
            style = "w" if props["kind"] in ("river", "lake") else "b" if layer_id == "context" else ""
            entries.append((sort_key(props, focus), [props["id"], text(props), rank(props, focus), style,
                                                     feature["geometry"]["type"] == "Point",
                                                     anchors(feature["geometry"])]))
    return [entry for _, entry in sorted(entries, key=lambda e: e[0])]
