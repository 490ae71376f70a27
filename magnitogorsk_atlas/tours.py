"""Load ``geodata/tours.yml``: guided tours, each a sequence of steps through the maps.

A step opens one map at one year on a feature (highlighted) or a view. Besides the JSON Schema,
every step is checked against the rest of the atlas: its map, its feature (drawn on that map in that
year), its chronology entries, and the length of its text. Errors name the tour, the step and the
field: ``geodata/tours.yml, tour 'decade', step 3, field 'feature': unknown feature 'x'``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .chronology import Event, load_yaml
from .errors import DataError
from .layers import REGION
from .mapspec import ZOOMS, MapSpec

WORDS = (40, 120)  # a step's text: long enough to say something, short enough for a phone


class TourError(DataError):
    """A DataError that also names the step: ``tour 'decade', step 3, field 'feature'``."""

    def __init__(self, path: Path | str, message: str, *, tour: str, step: int | None = None,
                 field: str | None = None):
        self.step = step
        super().__init__(path, message, item=tour, field=field, kind="tour")

    def __str__(self) -> str:
        text = super().__str__()
        if self.step is None:
            return text
        head = f"tour '{self.item}'"
        return text.replace(head, f"{head}, step {self.step}", 1)


@dataclass(frozen=True)
class Step:
    title: str
    map: str
    year: int
    text: str
    pages: tuple[str, ...]
    feature: str | None = None
    view: tuple[float, float, int] | None = None
    chronology: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """What the browser's tour player needs (static/atlas/tour.js)."""
        out = {"map": self.map, "year": self.year, "title": self.title, "text": self.text,
               "pages": list(self.pages)}
        if self.feature:
            out["feature"] = self.feature
        if self.view:
            out["view"] = list(self.view)
        return out


@dataclass(frozen=True)
class Tour:
    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]

    def link(self, index: int) -> str:
        """The map page that opens this tour at step ``index`` (0-based), relative to the site root."""
        return f"maps/{self.steps[index].map}.html?tour={self.id}&step={index + 1}"


def _schema_check(instance: dict, *, path: Path, tour: str) -> None:
    errors = sorted(schema.validator("tour").iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    error = errors[0]
    where = list(error.absolute_path)
    step = None
    if len(where) >= 2 and where[0] == "steps" and isinstance(where[1], int):
        step, where = where[1] + 1, where[2:]
    message = error.message
    if error.validator == "required":
        where.append(re.search(r"'([^']+)' is a required property", error.message).group(1))
        message = "is missing (required)"
    elif error.validator in ("minItems", "maxItems"):
        bound = "at least" if error.validator == "minItems" else "at most"
        message = f"has {len(error.instance)} entries; {bound} {error.validator_value} allowed"
    elif error.validator == "anyOf" and step is not None:
        where.append("feature")
        message = "a step needs a 'feature' or a 'view'"
    raise TourError(path, message, tour=tour, step=step, field=".".join(map(str, where)) or None)


def _check_step(raw: dict, *, path: Path, tour: str, number: int, maps: dict[str, MapSpec],
                features: dict[str, dict], events: dict[str, Event]) -> Step:
    from .posters import shown_at  # the browser's year rule; posters imports atlas, so not at the top

    def fail(field: str, message: str):
        raise TourError(path, message, tour=tour, step=number, field=field)

    spec = maps.get(raw["map"])
    if spec is None:
        fail("map", f"unknown map '{raw['map']}'; the maps are: {', '.join(maps)}")
    year = raw["year"]
    if not spec.years[0] <= year <= spec.years[1]:
        fail("year", f"{year} is outside the map's years ({spec.years[0]}–{spec.years[1]})")
    feature = raw.get("feature")
    if feature is not None:
        if feature not in features:
            fail("feature", f"unknown feature '{feature}' (no such id in geodata/*.geojson)")
        props = features[feature]["properties"]
        if props["layer"] not in spec.layers:
            fail("feature", f"'{feature}' is in layer '{props['layer']}', which map '{spec.id}' does not show")
        if not shown_at(props, year, props["layer"] in spec.timeless):
            fail("feature", f"'{feature}' is not on the map in {year} (it spans {props['start']}–{props['end'] or ''})")
    view = raw.get("view")
    if view is not None:
        lat, lon, zoom = view
        if not (REGION["south"] <= lat <= REGION["north"] and REGION["west"] <= lon <= REGION["east"]):
            fail("view", f"[{lat}, {lon}] is outside the atlas's region (is it [latitude, longitude]?)")
        if not ZOOMS[0] <= zoom <= ZOOMS[1]:
            fail("view", f"zoom {zoom} is outside {ZOOMS[0]}–{ZOOMS[1]}")
    words = len(raw["text"].split())
    if not WORDS[0] <= words <= WORDS[1]:
        fail("text", f"has {words} words; a step has {WORDS[0]}–{WORDS[1]}")
    for event_id in raw.get("chronology", []):
        if event_id not in events:
            fail("chronology", f"unknown chronology entry '{event_id}' (no such id in geodata/chronology.yml)")
    return Step(title=raw["title"], map=spec.id, year=year, text=" ".join(raw["text"].split()),
                pages=tuple(raw["pages"]), feature=feature,
                view=(float(view[0]), float(view[1]), int(view[2])) if view else None,
                chronology=tuple(raw.get("chronology", [])))


def load_tours(path: Path, maps: tuple[MapSpec, ...], features: dict[str, dict],
               events: tuple[Event, ...]) -> tuple[Tour, ...]:
    """Parse and check every tour; raises TourError (a DataError) on the first problem."""
    data = load_yaml(path, kind="file")
    if not isinstance(data, dict) or not isinstance(data.get("tours"), list) or not data["tours"]:
        raise DataError(path, "must be a mapping with a non-empty 'tours' list", kind="file")
    by_map = {spec.id: spec for spec in maps}
    by_event = {event.id: event for event in events}
    tours: list[Tour] = []
    for index, raw in enumerate(data["tours"]):
        item = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"#{index + 1}"
        if not isinstance(raw, dict):
            raise TourError(path, "each tour must be a mapping", tour=item)
        _schema_check(raw, path=path, tour=item)
        if any(t.id == item for t in tours):
            raise TourError(path, "duplicate tour id", tour=item, field="id")
        steps = tuple(_check_step(step, path=path, tour=item, number=n, maps=by_map, features=features,
                                  events=by_event)
                      for n, step in enumerate(raw["steps"], start=1))
        tours.append(Tour(id=item, title=raw["title"], summary=" ".join(raw["summary"].split()), steps=steps))
    return tuple(tours)


def tours_script(tours: tuple[Tour, ...], maps: tuple[MapSpec, ...]) -> bytes:
    """``maps/data/tours.js``: the built-in tours and the map titles (a teacher's tour may name any
    map), loaded by the tour player only when a tour is asked for. A script rather than JSON to
    fetch, like the layer scripts, so it also works from file:// and in a sandboxed frame."""
    data = {"tours": {t.id: {"title": t.title, "steps": [s.as_dict() for s in t.steps]} for t in tours},
            "maps": {spec.id: spec.title for spec in maps}}
    return (f"MagnitogorskAtlas.tours({json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"
            ).encode("utf-8")
