"""Regenerate dyad/data/countries.csv and dyad/data/world.json (run by hand, output committed).

Reads world-atlas 2.0.2's `countries-110m.json` (Natural Earth 1:110m, public domain; the
TopoJSON packaging is ISC, (c) Michael Bostock: `npm pack world-atlas@2.0.2`) and the ETL's
country table `etl/vocab/countries.csv` (read as a file: the dashboard never imports `etl`).
Writes, for the dashboard's map (drawn as plain polygons, so it needs no map tiles or
TopoJSON from a CDN and renders offline, in kaleido as in the browser):

- countries.csv: iso3, name_en, name_ru, lon, lat (the centroid of the largest polygon);
- world.json: iso3 -> list of rings [[lon, lat], ...], rounded to 0.1 degree.

    python dyad/data/make_world.py /path/to/countries-110m.json
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOCAB = HERE.parent.parent / "etl" / "vocab" / "countries.csv"
# world-atlas names that differ from the ETL's English names
ALIASES = {
    "W. Sahara": "ESH", "United States of America": "USA", "Dem. Rep. Congo": "COD",
    "Dominican Rep.": "DOM", "Falkland Is.": "FLK", "Fr. S. Antarctic Lands": "ATF",
    "Central African Rep.": "CAF", "Congo": "COG", "Eq. Guinea": "GNQ", "eSwatini": "SWZ",
    "Solomon Is.": "SLB", "N. Cyprus": "CYP", "Somaliland": "SOM", "Bosnia and Herz.": "BIH",
    "Macedonia": "MKD", "Kosovo": "XKX", "S. Sudan": "SSD",
}
EXTRA = [("XKX", "Kosovo", "Косово")]  # not in ISO 3166-1; the user-assigned code is common


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for r in refs:
        arc = arcs[r] if r >= 0 else arcs[~r][::-1]
        pts.extend(arc if not pts else arc[1:])
    # unwrap at the antimeridian (Russia, Fiji): no jump from 180 to -180 across the map
    out, shift = pts[:1], 0.0
    for (x0, _), (x1, y1) in zip(pts, pts[1:], strict=False):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    return out


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if not a:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def main(topojson: str) -> None:
    topo = json.loads(Path(topojson).read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    with VOCAB.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    names = {r["iso3"]: (r["name_en"], r["name_ru"]) for r in rows}
    names.update({iso: (en, ru) for iso, en, ru in EXTRA})
    by_name = {en: iso for iso, (en, _) in names.items()}
    rings: dict[str, list[list[tuple[float, float]]]] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        iso = ALIASES.get(g["properties"]["name"]) or by_name.get(g["properties"]["name"])
        if iso is None or "arcs" not in g:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings.setdefault(iso, []).extend(_ring(arcs, poly[0]) for poly in polys)  # outer rings
    world = {iso: [[[round(x, 1), round(y, 1)] for x, y in ring] for ring in rs]
             for iso, rs in sorted(rings.items())}
    (HERE / "world.json").write_text(json.dumps(world, separators=(",", ":")), encoding="utf-8")
    with (HERE / "countries.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["iso3", "name_en", "name_ru", "lon", "lat"])
        for iso, (en, ru) in sorted(names.items()):
            if iso in rings:
                _, lon, lat = max(_area_centroid(r) for r in rings[iso])
                lon = (lon + 180) % 360 - 180
                w.writerow([iso, en, ru, f"{lon:.2f}", f"{lat:.2f}"])
            else:
                w.writerow([iso, en, ru, "", ""])


if __name__ == "__main__":
    main(sys.argv[1])
