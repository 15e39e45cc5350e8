#!/usr/bin/env python3
"""Build the offline world map of the web explorer from Natural Earth country shapes.

The shapes come from the npm package `world-atlas` (Natural Earth 1:110m admin-0 countries as
TopoJSON, public domain). Run once, after `npm install world-atlas@2` in any folder:

    python scripts/build_world_map.py PATH/node_modules/world-atlas/countries-110m.json

It writes src/eventwire/web/world_110m.tsv: one country a line with its ISO3 code (from pycountry;
empty where Natural Earth has no ISO number), its name, the centroid of its largest polygon, and
its outline as an SVG path in an equirectangular projection (x = lon + 180, y = 90 - lat, in
tenths of a degree). The explorer draws the map from that file; no tile server is needed.
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "web" / "world_110m.tsv"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of each TopoJSON arc (arcs are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
    return points


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian, with its western longitudes moved past 180."""
    if any(abs(a[0] - b[0]) > 180 for a, b in pairwise(ring)):
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return ring


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed-area-weighted centroid (lon, lat) of a ring, and its absolute area."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise([*points, points[0]]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*points)
        return sum(xs) / len(xs), sum(ys) / len(ys), 0.0
    return cx / (3 * a), cy / (3 * a), abs(a) / 2


def svg_path(rings: list[list[tuple[float, float]]]) -> str:
    """Outline rings as one path; a ring reaching past 180 is drawn again shifted west, the map clips both."""
    shifted = [[(lon - 360, lat) for lon, lat in ring] for ring in rings if max(p[0] for p in ring) > 180]
    parts = []
    for ring in rings + shifted:
        coords, last = [], None
        for lon, lat in ring:
            point = (round((lon + 180) * 10), round((90 - lat) * 10))
            if point != last:
                coords.append(f"{point[0]} {point[1]}")
                last = point
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def main(source: str) -> None:
    topo = json.loads(Path(source).read_text("utf-8"))
    arcs = decode_arcs(topo)
    lines = ["# iso3\tname\tlat\tlon\tpath  (Natural Earth 1:110m countries via npm world-atlas; public domain)"]
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])],
                    "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])
        rings = [unwrap(ring_points(ring, arcs)) for polygon in polygons for ring in polygon]
        if not rings:
            continue
        outer = [unwrap(ring_points(polygon[0], arcs)) for polygon in polygons]
        lon, lat, _ = max((area_centroid(r) for r in outer), key=lambda c: c[2])
        lon = lon - 360 if lon > 180 else lon
        if geometry["properties"]["name"] == "Antarctica":
            continue  # a ring around the pole cannot be drawn in this projection, and no news happens there
        country = pycountry.countries.get(numeric=geometry["id"]) if geometry.get("id") else None
        name = geometry["properties"]["name"]
        lines.append(f"{country.alpha_3 if country else ''}\t{name}\t{lat:.2f}\t{lon:.2f}\t{svg_path(rings)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} countries written to {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
