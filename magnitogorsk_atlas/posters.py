"""A static PNG per map, drawn from the same geodata at the map's opening year.

Used where the live map cannot run: <noscript>, print, social previews and course platforms
that strip iframes.
"""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on build machines
import matplotlib.pyplot as plt  # noqa: E402

from .atlas import Atlas  # noqa: E402
from .mapspec import MapSpec  # noqa: E402
from .styles import CERTAINTY, LAYERS, feature_color  # noqa: E402

METRIC_CRS = "EPSG:32641"  # UTM zone 41N: metres, so uncertainty rings have their true size
_DASHES = {None: "solid", "6 4": (0, (6, 4)), "2 5": (0, (2, 5))}


def shown_at(props: dict, year: int, timeless: bool) -> bool:
    """The same rule as the browser's year control."""
    if timeless:
        return True
    start = int(props["start"][:4]) if props["start"] else None
    end = int(props["end"][:4]) if props["end"] else None
    return (start is None or start <= year) and (end is None or end >= year)


def alt_text(atlas: Atlas, spec: MapSpec) -> str:
    side = spec.sides[0]
    names = [atlas.layers[layer].title for layer in side.layers if layer not in side.hidden]
    return f"Static map: {spec.title}, as in {spec.year}. Layers: {'; '.join(names)}."


def render_poster(atlas: Atlas, spec: MapSpec) -> bytes:
    side = spec.sides[0]
    fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
    ax.set_facecolor("#f4f1ea")
    handles = []
    for layer_id in side.layers:
        if layer_id in side.hidden:
            continue
        feats = [f for f in atlas.layers[layer_id].features
                 if shown_at(f["properties"], spec.year, layer_id in spec.timeless)]
        if not feats:
            continue
        gdf = gpd.GeoDataFrame.from_features(feats, crs="EPSG:4326").to_crs(METRIC_CRS)
        for _, row in gdf.iterrows():
            color = feature_color(layer_id, row["kind"])
            style = CERTAINTY[row["certainty"]]
            one = gpd.GeoSeries([row.geometry], crs=METRIC_CRS)
            if row.geometry.geom_type == "Point":
                if row["uncertainty_m"]:
                    one.buffer(row["uncertainty_m"]).plot(ax=ax, facecolor=color, alpha=0.07,
                                                          edgecolor=color, linestyle=(0, (2, 3)))
                one.plot(ax=ax, color=color, markersize=22, edgecolor="white", zorder=5)
            elif "Line" in row.geometry.geom_type:
                one.plot(ax=ax, color=color, linewidth=2, linestyle=_DASHES[style["dashArray"]])
            else:
                one.plot(ax=ax, facecolor=color, alpha=style["fillOpacity"] + 0.05, edgecolor=color,
                         linewidth=1.5, linestyle=_DASHES[style["dashArray"]])
        handles.append(plt.Line2D([], [], color=LAYERS[layer_id]["color"], linewidth=6,
                                  label=LAYERS[layer_id]["title"]))
    ax.set_title(f"{spec.title} ({spec.year})", fontsize=11)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9)
    fig.text(0.01, 0.01, "Positions graded A–D; dashed = inferred or guessed. After Kotkin, "
             "Magnetic Mountain (1995). Lake: © OpenStreetMap contributors, ODbL.", fontsize=6)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
