"""How each layer and each certainty grade is drawn. The map legend is generated from this.

Colours are the Okabe-Ito palette, chosen to stay distinct for the common forms of colour
blindness; the context layer is kept muted so that it reads as the base map.
"""

from __future__ import annotations

# Layer id -> title and colour, in drawing order (first drawn lowest).
LAYERS: dict[str, dict] = {
    "context": {"title": "Context: river, lake, plant, mine, railway, tram", "color": "#5f6b73"},
    "left_bank_plan": {"title": "Left-bank plans (1930–33)", "color": "#CC79A7"},
    "right_bank_plan": {"title": "Right-bank plans and what stood there", "color": "#6A3D9A"},
    "settlements": {"title": "Temporary city: barracks sectors and settlements", "color": "#E69F00"},
    "superblocks": {"title": "Socialist City superblocks", "color": "#0072B2"},
    "berezka": {"title": "Berezka (Amerikanka) cottage enclave", "color": "#009E73"},
    "special_settlement": {"title": "Special Labor Settlement", "color": "#D55E00"},
    "labor_colony": {"title": "Corrective Labor Colony (ITK)", "color": "#000000"},
}

# Context features take their colour from their kind, so water reads as water. The tones are
# muted, like a base map's: the reader finds the river, the plant and the railway without
# them competing with the thematic layers drawn above (static/atlas: the "atlas-base" pane).
CONTEXT_KINDS: dict[str, str] = {
    "river": "#5d8fbb", "lake": "#6f9cc4", "dam": "#4f6b82", "plant": "#8a8a8a",
    "industrial_site": "#8a8a8a", "mine": "#9a8153", "hill": "#9a8153", "railway": "#6b6b6b",
    "station": "#6b6b6b", "tram_line": "#9a86ad", "road": "#8f8f8f",
}
# The base's lines are thinner and lighter than the thematic layers' (multiplies the grade's).
BASE = {"weight": 0.75, "opacity": 0.8}

# The uncertainty ring of a point: a hairline without fill at rest, so sixty overlapping rings do
# not veil the map; at full strength while its feature is hovered, focused or selected. The
# posters draw every ring at rest.
RING: dict[str, dict] = {
    "rest": {"weight": 0.75, "opacity": 0.4, "fill": False},
    "active": {"weight": 2, "opacity": 0.95, "fill": True, "fillOpacity": 0.1},
}

# Certainty grade -> how sure we are of the position, and how that is drawn.
CERTAINTY: dict[str, dict] = {
    "A": {"label": "A: cited coordinate", "dashArray": None, "opacity": 1.0, "fillOpacity": 0.35, "weight": 2.5},
    "B": {"label": "B: documented modern successor", "dashArray": None, "opacity": 0.95, "fillOpacity": 0.3, "weight": 2},
    "C": {"label": "C: inferred from the text (1–2 km)", "dashArray": "6 4", "opacity": 0.85, "fillOpacity": 0.18, "weight": 2},
    "D": {"label": "D: zone guess (1.5 km or more)", "dashArray": "2 5", "opacity": 0.7, "fillOpacity": 0.1, "weight": 2},
}


def style_config() -> dict:
    """Everything the browser needs to draw and explain the layers."""
    return {"layers": LAYERS, "contextKinds": CONTEXT_KINDS, "certainty": CERTAINTY, "base": BASE, "ring": RING}


def feature_color(layer: str, kind: str) -> str:
    if layer == "context" and kind in CONTEXT_KINDS:
        return CONTEXT_KINDS[kind]
    return LAYERS[layer]["color"]
