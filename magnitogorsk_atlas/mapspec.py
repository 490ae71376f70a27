"""Which maps the atlas has and what each shows: ``geodata/maps.yml``, checked against the layers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .chronology import load_yaml
from .errors import DataError
from .styles import LAYERS

YEAR_RANGE = (1929, 1939)  # every year control covers at least this
ZOOMS = (9, 18)  # every map page's min_zoom and max_zoom: the region, down to a street


@dataclass(frozen=True)
class Side:
    """One panel of a map: the layers it offers, and which of them start switched off."""
    title: str
    layers: tuple[str, ...]
    hidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class MapSpec:
    id: str
    title: str
    description: str
    page: str                 # the docs page (without .md) the map belongs to
    center: tuple[float, float]
    zoom: int
    year: int
    sides: tuple[Side, ...]   # one side, or two for a synchronised comparison
    timeless: tuple[str, ...] = ()  # layers drawn whatever the year (plans on a comparison map)
    focus: tuple[str, ...] = ()  # the layers this map is about (chronology links pick their map by them)
    years: tuple[int, int] = YEAR_RANGE

    @property
    def layers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(layer for side in self.sides for layer in side.layers))

    @property
    def url(self) -> str:
        return f"maps/{self.id}.html"


_REQUIRED = ("id", "title", "description", "page", "center", "zoom", "year")


def _layer_list(value, *, path, item, field_name) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(path, "must be a list of layer ids", item=item, field=field_name, kind="map")
    for layer in value:
        if layer not in LAYERS:
            raise DataError(path, f"unknown layer '{layer}'; the layers are: {', '.join(LAYERS)}",
                            item=item, field=field_name, kind="map")
    return tuple(value)


def load_maps(path: Path, docs_dir: Path) -> tuple[MapSpec, ...]:
    data = load_yaml(path, kind="file")
    if not isinstance(data, dict) or not isinstance(data.get("maps"), list):
        raise DataError(path, "must be a mapping with a 'maps' list", kind="file")
    specs: list[MapSpec] = []
    for index, raw in enumerate(data["maps"]):
        item = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"#{index + 1}"
        if not isinstance(raw, dict):
            raise DataError(path, "each map must be a mapping", item=item, kind="map")
        for name in _REQUIRED:
            if name not in raw:
                raise DataError(path, "is missing (required)", item=item, field=name, kind="map")
        if not re.fullmatch(r"[a-z][a-z0-9-]*", item):
            raise DataError(path, "ids are lower-case slugs (a-z, 0-9, -)", item=item, field="id", kind="map")
        if any(s.id == item for s in specs):
            raise DataError(path, "duplicate map id", item=item, field="id", kind="map")
        if not (docs_dir / f"{raw['page']}.md").is_file():
            raise DataError(path, f"no page docs/{raw['page']}.md", item=item, field="page", kind="map")
        center = raw["center"]
        if not (isinstance(center, list) and len(center) == 2 and all(isinstance(c, (int, float)) for c in center)):
            raise DataError(path, "must be [latitude, longitude]", item=item, field="center", kind="map")
        raw_sides = raw.get("sides") or [{"title": raw["title"], "layers": raw.get("layers"),
                                          "hidden": raw.get("hidden", [])}]
        sides = tuple(Side(title=s.get("title", raw["title"]),
                           layers=_layer_list(s.get("layers"), path=path, item=item, field_name="layers"),
                           hidden=_layer_list(s.get("hidden", []), path=path, item=item, field_name="hidden"))
                      for s in raw_sides)
        timeless = _layer_list(raw.get("timeless", []), path=path, item=item, field_name="timeless")
        focus = _layer_list(raw.get("focus", []), path=path, item=item, field_name="focus")
        year = raw["year"]
        years = (min(YEAR_RANGE[0], year), max(YEAR_RANGE[1], year))
        if not isinstance(year, int) or not 1700 <= year <= 2000:
            raise DataError(path, "must be a year such as 1933", item=item, field="year", kind="map")
        specs.append(MapSpec(id=item, title=raw["title"], description=raw["description"],
                             page=raw["page"], center=(float(center[0]), float(center[1])),
                             zoom=int(raw["zoom"]), year=year, sides=sides, timeless=timeless,
                             focus=focus, years=years))
    if not specs:
        raise DataError(path, "declares no maps", field="maps", kind="file")
    return tuple(specs)
