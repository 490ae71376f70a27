"""ISO 8601 dates of varying precision ("1932", "1932-07", "1932-07-15")."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Date(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def sort_key(self) -> tuple[int, int, int]:
        """A year-only date sorts after the month- and day-dated events of its year."""
        return (self.year, self.month or 13, self.day or 32)

    def human(self) -> str:
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)


def parse(text: object) -> Date:
    """Parse an ISO year, year-month or date; raise ValueError with a readable reason."""
    if not isinstance(text, str):
        raise ValueError(f"expected an ISO date string such as '1932' or '1932-07', got {text!r}")
    m = _ISO.match(text)
    if not m:
        raise ValueError(f"'{text}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a real calendar day") from None
    return Date(year, month, day)
