"""The one error type for bad input: it names the file, the item and the field."""

from __future__ import annotations

from pathlib import Path

from . import ROOT


class DataError(Exception):
    """Bad input data. ``str()`` reads: ``geodata/x.geojson: feature 'y', field 'z': what is wrong``."""

    def __init__(self, path: Path | str, message: str, *, item: str | None = None,
                 field: str | None = None, kind: str = "feature"):
        self.path = Path(path)
        self.item = item
        self.field = field
        self.kind = kind
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        try:
            shown = self.path.resolve().relative_to(ROOT)
        except ValueError:
            shown = self.path
        where = [str(shown)]
        if self.item is not None:
            where.append(f"{self.kind} '{self.item}'")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return ", ".join(where) + ": " + self.message
