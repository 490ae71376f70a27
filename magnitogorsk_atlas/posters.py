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
from matplotlib import patheffects  # noqa: E402

from . import labels  # noqa: E402
from .atlas import Atlas  # noqa: E402
from .mapspec import MapSpec  # noqa: E402
from .styles import BASE, CERTAINTY, LAYERS, RING, feature_color  # noqa: E402

METRIC_CRS = "EPSG:32641"  # UTM zone 41N: metres, so uncertainty rings have their true size
# Place names as on the live map (atlas-map.css, "Labels"): water in blue italics, the base in grey.
LABEL_STYLE = {"w": {"color": "#3d6f99", "fontstyle": "italic"}, "b": {"color": "#555555"}, "": {"color": "#222222"}}
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


def draw_labels(fig, ax, entries: list[list], obstacles: list) -> list:
    """Write place names, most important first, skipping any that would overlap a name already
    written, an obstacle (the legend) or the frame: the live map's rule (static/atlas/labels.js).
    Returns the text artists written."""
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken = [o.get_window_extent(renderer) for o in obstacles]
    written = []
    for _fid, name, rank, style, is_point, anchors in entries:
        spots = gpd.GeoSeries(gpd.points_from_xy([a[1] for a in anchors], [a[0] for a in anchors]),
                              crs="EPSG:4326").to_crs(METRIC_CRS)
        # a point's name sits beside its dot, right or left; a line's or an area's on it
        sides = [(6, "left"), (-6, "right")] if is_point else [(0, "center")]
        for spot, (dx, align) in ((s, d) for s in spots for d in sides):
            label = ax.annotate(name, (spot.x, spot.y), xytext=(dx, 0), textcoords="offset points", ha=align,
                                va="center", fontsize=8.5 if rank == 1 else 7, zorder=6,
                                fontweight="bold" if rank <= 2 else "normal", **LABEL_STYLE[style])
            label.set_path_effects([patheffects.withStroke(linewidth=2.5, foreground="#f4f1ea")])
            box = label.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in taken):
                taken.append(box)
                written.append(label)
                break
            label.remove()
    return written


def render_poster(atlas: Atlas, spec: MapSpec) -> bytes:
    side = spec.sides[0]
    fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
    ax.set_facecolor("#f4f1ea")
    handles = []
    shown_ids: set[str] = set()
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
            base = BASE if layer_id == "context" else {"weight": 1, "opacity": 1}
            if shape == "Point":
                # the rings at rest, as the live map opens: hairlines without fill
                rings = group[group["uncertainty_m"] > 0]
                rings.geometry.buffer(rings["uncertainty_m"]).plot(
                    ax=ax, facecolor="none", edgecolor=color, alpha=RING["rest"]["opacity"],
                    linewidth=RING["rest"]["weight"] * 0.75, linestyle=dash)
                hill = group["kind"] == "hill"  # a summit: a peak, as on the live map
                for part, marker, size in ((group[~hill], "o", 22), (group[hill], "^", 60)):
                    if len(part):
                        part.plot(ax=ax, color=color, marker=marker, markersize=size * base["weight"],
                                  edgecolor="white", zorder=5)
            elif shape == "LineString":
                group.plot(ax=ax, color=color, linewidth=2 * base["weight"], alpha=base["opacity"], linestyle=dash)
            else:
                group.plot(ax=ax, facecolor=color, alpha=CERTAINTY[grade]["fillOpacity"] + 0.05, edgecolor=color,
                           linewidth=1.5 * base["weight"], linestyle=dash)
        shown_ids.update(gdf["id"])
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
    legend = ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9)
    draw_labels(fig, ax, [e for e in labels.for_side(atlas, spec, 0) if e[0] in shown_ids], [legend])
    fig.text(0.01, 0.01, "Positions graded A–D; dashed = inferred or guessed; a thin ring shows how far a "
             "point may be off. After Kotkin, Magnetic Mountain (1995). Lake: © OpenStreetMap contributors, "
             "ODbL.", fontsize=6)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()
