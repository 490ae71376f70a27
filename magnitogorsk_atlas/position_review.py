"""``geodata/position_review.yml``: the search outside the book for every position graded C or D.

The book gives no coordinates, so most positions are estimates. Each C/D feature records what was
looked up (local-history, museum, press and encyclopaedia pages), what turned up, and whether it was
used. The grade and radius from before the review are kept with it, so the Sources page can count
"before" and "after" from the data instead of from typed-in numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .chronology import yaml_entries
from .errors import DataError

REVIEWED = ("C", "D")  # the grades every feature of which must have an entry
GRADES = "ABCD"        # best first
OUTCOMES = ("used", "rejected", "nothing_found")


@dataclass(frozen=True)
class Review:
    id: str
    grade_before: str
    uncertainty_before: int
    outcome: str
    looked_at: tuple[dict, ...]
    why: str


def _check_entry(path: Path, entry: dict, props: dict) -> None:
    item = entry["id"]
    if entry["grade_before"] not in REVIEWED:
        raise DataError(path, f"is '{entry['grade_before']}'; only positions graded C or D are reviewed",
                        item=item, field="grade_before", kind="entry")
    addresses = {look["address"] for look in entry["looked_at"]}
    cited = {s["url"] for s in props["sources"] if s.get("url")}
    if entry["outcome"] == "used" and not addresses & cited:
        raise DataError(path, "is 'used' but the feature cites none of the addresses in looked_at "
                              "(add the page to its sources, with its url)",
                        item=item, field="outcome", kind="entry")
    # A better grade needs evidence from outside the book; a worse one never does.
    if GRADES.index(props["certainty"]) < GRADES.index(entry["grade_before"]) and entry["outcome"] != "used":
        raise DataError(path, f"the grade went up from {entry['grade_before']} to {props['certainty']} "
                              f"but the outcome is '{entry['outcome']}', not 'used'",
                        item=item, field="outcome", kind="entry")
    if props["uncertainty_m"] < entry["uncertainty_before"] and entry["outcome"] != "used":
        raise DataError(path, f"the ring shrank from {entry['uncertainty_before']} m to {props['uncertainty_m']} m "
                              f"but the outcome is '{entry['outcome']}', not 'used'",
                        item=item, field="outcome", kind="entry")


def load_review(path: Path, features: dict[str, dict]) -> dict[str, Review]:
    """Parse and check the review file against ``features`` (id -> GeoJSON feature)."""
    reviews: dict[str, Review] = {}
    for item, entry in yaml_entries(path, "position_review"):
        if item not in features:
            raise DataError(path, "names an unknown feature (no such id in geodata/*.geojson)",
                            item=item, field="id", kind="entry")
        _check_entry(path, entry, features[item]["properties"])
        reviews[item] = Review(id=item, grade_before=entry["grade_before"],
                               uncertainty_before=entry["uncertainty_before"], outcome=entry["outcome"],
                               looked_at=tuple(entry["looked_at"]), why=" ".join(entry["why"].split()))
    for fid, feature in features.items():
        if feature["properties"]["certainty"] in REVIEWED and fid not in reviews:
            raise DataError(path, f"no entry for this grade-{feature['properties']['certainty']} feature; "
                                  "every C or D position needs a look-up outcome",
                            item=fid, field="outcome", kind="feature")
    return reviews


def grade_counts(features, reviews: dict[str, Review]) -> tuple[Counter, Counter]:
    """Certainty grades before and after the review, counted over ``features``."""
    before, after = Counter(), Counter()
    for feature in features:
        props = feature["properties"]
        review = reviews.get(props["id"])
        before[review.grade_before if review else props["certainty"]] += 1
        after[props["certainty"]] += 1
    return before, after


# What a position rests on, strongest first. Web pages entered the data with this review, so the
# "before" count leaves them out; a web page counts only where its review outcome is 'used' (a
# memorial cited as a warning is not evidence for the position).
EVIDENCE = {
    "web": "a page outside the book: local history, museum, press or encyclopaedia",
    "coordinate": "a published coordinate (Wikipedia, GeoNames)",
    "osm": "a modern OpenStreetMap anchor (tram stop or track)",
    "gshhg": "a river data set (GSHHG / World Data Bank II)",
    "book": "the book's clues and the research estimates only",
}
_WORK_EVIDENCE = {"web": "web", "wikipedia": "coordinate", "geonames": "coordinate", "osm2016": "osm", "gshhg": "gshhg"}


def evidence(props: dict, review: Review | None, *, before: bool = False) -> str:
    """The strongest kind of evidence outside the book that a feature's position cites."""
    kinds = {_WORK_EVIDENCE.get(s["work"]) for s in props["sources"]}
    if before or review is None or review.outcome != "used":
        kinds.discard("web")
    return next(kind for kind in EVIDENCE if kind in kinds or kind == "book")


def evidence_counts(features, reviews: dict[str, Review]) -> tuple[Counter, Counter]:
    before, after = Counter(), Counter()
    for feature in features:
        props = feature["properties"]
        review = reviews.get(props["id"])
        before[evidence(props, review, before=True)] += 1
        after[evidence(props, review)] += 1
    return before, after
