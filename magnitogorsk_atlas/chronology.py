"""Load ``geodata/chronology.yml``: dated events from the book, in order, tied to features."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import dates, schema
from .errors import DataError


@dataclass(frozen=True)
class Event:
    id: str
    date: dates.Date
    date_end: dates.Date | None
    approx: bool
    qualifier: str | None
    title: str
    summary: str
    pages: tuple[str, ...]
    layers: tuple[str, ...]
    features: tuple[str, ...]
    conflict: str | None

    @property
    def year(self) -> int:
        return self.date.year

    def date_label(self) -> str:
        """The date as a reader says it: "7 June 1932", "early 1932", "mid-18th century (filed under 1750)"."""
        text = self.date.human() + (f" – {self.date_end.human()}" if self.date_end else "")
        if self.qualifier and re.search(r"\d|century|war", self.qualifier):
            # the qualifier is the date; the year only says where the entry is filed
            return f"{self.qualifier} (filed under {text})"
        if self.qualifier:
            return f"{self.qualifier} {text}"
        return ("c. " + text) if self.approx else text

    def as_dict(self) -> dict:
        return {"id": self.id, "date": self.date.iso(),
                "date_end": self.date_end.iso() if self.date_end else None,
                "precision": self.date.precision, "approx": self.approx,
                "qualifier": self.qualifier, "title": self.title, "summary": self.summary,
                "pages": list(self.pages), "layers": list(self.layers),
                "features": list(self.features), "conflict": self.conflict}


def load_yaml(path: Path, *, kind: str) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "file not found", kind=kind) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataError(path, f"not valid YAML{where}: {getattr(exc, 'problem', exc)}", kind=kind) from None


def yaml_entries(path: Path, schema_name: str):
    """(id, entry) for each entry of a YAML list file, each a mapping that passes its JSON Schema,
    no id twice. Entries without a usable id are named by their position (#3)."""
    data = load_yaml(path, kind="file")
    if not isinstance(data, list) or not data:
        raise DataError(path, "must be a YAML list of entries", kind="file")
    seen: set[str] = set()
    for index, entry in enumerate(data):
        item = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{index + 1}"
        if not isinstance(entry, dict):
            raise DataError(path, "each entry must be a mapping", item=item, kind="entry")
        schema.check(schema_name, entry, path=path, item=item, kind="entry")
        if item in seen:
            raise DataError(path, "duplicate id", item=item, field="id", kind="entry")
        seen.add(item)
        yield item, entry


def load_chronology(path: Path, feature_layers: dict[str, str]) -> tuple[Event, ...]:
    """Parse and check every entry. ``feature_layers`` maps each known feature id to its layer."""
    events: list[Event] = []
    for item, entry in yaml_entries(path, "chronology"):
        parsed = {}
        for field in ("date", "date_end"):
            if field in entry:
                try:
                    parsed[field] = dates.parse(entry[field])
                except ValueError as exc:
                    raise DataError(path, str(exc), item=item, field=field, kind="entry") from None
        if "date_end" in parsed and parsed["date_end"].sort_key() < parsed["date"].sort_key():
            raise DataError(path, "date_end is before date", item=item, field="date_end", kind="entry")
        for fid in entry.get("features", []):
            if fid not in feature_layers:
                raise DataError(path, f"names unknown feature '{fid}' (no such id in geodata/*.geojson)",
                                item=item, field="features", kind="entry")
        if events and parsed["date"].sort_key() < events[-1].date.sort_key():
            raise DataError(path, f"is out of order: {entry['date']} comes after "
                                  f"{events[-1].date.iso()} ('{events[-1].id}')",
                            item=item, field="date", kind="entry")
        # An entry's layers include the layers of the features it names.
        layers = list(dict.fromkeys([*entry.get("layers", []),
                                     *(feature_layers[f] for f in entry.get("features", []))]))
        events.append(Event(
            id=item, date=parsed["date"], date_end=parsed.get("date_end"),
            approx=bool(entry.get("approx")), qualifier=entry.get("qualifier"),
            title=entry["title"], summary=" ".join(entry["summary"].split()),
            pages=tuple(entry["pages"]), layers=tuple(layers),
            features=tuple(entry.get("features", [])), conflict=entry.get("conflict"),
        ))
    return tuple(events)
