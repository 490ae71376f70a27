"""A static PNG per map, drawn from the same geodata at the map's opening year.

Used where the live map cannot run: <noscript>, print, social previews and course platforms
that strip iframes.
"""

from __future__ import annotations

import io
import math

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on build machines
import matplotlib.pyplot as plt  # noqa: E402

from .atlas import Atlas  # noqa: E402
from .mapspec import MapSpec  # noqa: E402
from .styles import CERTAINTY, LAYERS, feature_color  # noqa: E402

METRIC_CRS = "EPSG:32641"  # UTM zone 41N: metres, so uncertainty rings have their true size
WIDE_RING_M = 3000  # the live map's threshold too (static/atlas/atlas-core.js)
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
        gdf["color"] = [feature_color(layer_id, kind) for kind in gdf["kind"]]
        gdf["shape"] = gdf.geom_type.str.replace("Multi", "")
        # One plot call per style: per-feature calls made the posters most of the build time.
        for (color, grade, shape), group in gdf.groupby(["color", "certainty", "shape"], sort=True):
            dash = _DASHES[CERTAINTY[grade]["dashArray"]]
            if shape == "Point":
                rings = group[group["uncertainty_m"] > 0]
                for wide, part in rings.groupby(rings["uncertainty_m"] > WIDE_RING_M):
                    # wide rings stay outlines, as on the live map
                    part.geometry.buffer(part["uncertainty_m"]).plot(
                        ax=ax, facecolor="none" if wide else color, alpha=0.3 if wide else 0.07,
                        edgecolor=color, linestyle=(0, (2, 3)))
                group.plot(ax=ax, color=color, markersize=22, edgecolor="white", zorder=5)
            elif shape == "LineString":
                group.plot(ax=ax, color=color, linewidth=2, linestyle=dash)
            else:
                group.plot(ax=ax, facecolor=color, alpha=CERTAINTY[grade]["fillOpacity"] + 0.05, edgecolor=color,
                           linewidth=1.5, linestyle=dash)
        handles.append(plt.Line2D([], [], color=LAYERS[layer_id]["color"], linewidth=6,
                                  label=LAYERS[layer_id]["title"]))
    # Frame the poster like the live map opens: its centre and zoom on an 800 x 600 px screen.
    centre = gpd.GeoSeries(gpd.points_from_xy([spec.center[1]], [spec.center[0]]),
                           crs="EPSG:4326").to_crs(METRIC_CRS)[0]
    metres_per_px = 156543.03 * math.cos(math.radians(spec.center[0])) / 2 ** spec.zoom
    ax.set_xlim(centre.x - 400 * metres_per_px, centre.x + 400 * metres_per_px)
    ax.set_ylim(centre.y - 300 * metres_per_px, centre.y + 300 * metres_per_px)
    ax.set_title(f"{spec.title} ({spec.year})", fontsize=11)
    ax.set_xticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_yticks([])
    ax.set_aspect("equal")
    ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9)
    fig.text(0.01, 0.01, "Positions graded A–D; dashed = inferred or guessed. After Kotkin, "
             "Magnetic Mountain (1995). Lake: © OpenStreetMap contributors, ODbL.", fontsize=6)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
