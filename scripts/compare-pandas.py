"""The pandas + pyproj + scipy cKDTree pipeline that `scripts/compare-pandas` times against
`legalcircle report --points --residences`, written as an analyst would write it (issue 18).

Usage: compare-pandas.py POINTS_CSV RESIDENCES_CSV PROFILE_JSON OUT_DIR

- pandas.read_csv with its default C parser, default dtypes;
- pyproj Transformer.from_crs(4326, 32651, always_xy=True): WGS84 to UTM zone 51N, metres;
- scipy.spatial.cKDTree(points).query(residences, k=1, workers=-1): nearest point of every residence;
- covered = distance <= the radius of the residence's zone in the profile
  (radius = speed_kmh * 1000 / 60 * minutes / circuity, as legalcircle computes it);
- per-county residents and covered population by groupby;
- per-residence nearest id, distance and flag written to OUT_DIR/nearest.csv, county totals to
  OUT_DIR/counties.csv.
"""

import json
import sys
import time

import numpy as np
import pandas as pd
from pyproj import Transformer
from scipy.spatial import cKDTree


def zone_radii(profile_path):
    """Reach radius in metres of each zone of a legalcircle profile."""
    with open(profile_path, encoding="utf-8") as f:
        profile = json.load(f)
    minutes = profile["minutes"]
    radii = {}
    for zone, mode in profile["zones"].items():
        m = profile["modes"][mode]
        radii[zone] = m["speed_kmh"] * 1000.0 / 60.0 * minutes / m["circuity"]
    return radii


def main():
    points_csv, residences_csv, profile_path, out_dir = sys.argv[1:5]
    phases = {}
    clock = time.perf_counter()

    def lap(name):
        nonlocal clock
        now = time.perf_counter()
        phases[name] = now - clock
        clock = now

    points = pd.read_csv(points_csv)
    residences = pd.read_csv(residences_csv)
    lap("read_csv")

    transformer = Transformer.from_crs(4326, 32651, always_xy=True)
    px, py = transformer.transform(points["lon"].to_numpy(), points["lat"].to_numpy())
    rx, ry = transformer.transform(residences["lon"].to_numpy(), residences["lat"].to_numpy())
    lap("project")

    tree = cKDTree(np.column_stack([px, py]))
    distance, nearest = tree.query(np.column_stack([rx, ry]), k=1, workers=-1)
    lap("kdtree")

    radius = residences["zone"].map(zone_radii(profile_path)).to_numpy()
    covered = distance <= radius
    residences["covered_population"] = residences["population"].where(covered, 0)
    counties = residences.groupby("county").agg(
        residents=("population", "sum"), covered=("covered_population", "sum"))
    counties["coverage_pct"] = counties["covered"] / counties["residents"] * 100
    lap("coverage")

    pd.DataFrame({
        "id": residences["id"],
        "nearest_point": points["id"].to_numpy()[nearest],
        "distance_m": distance,
        "covered": covered,
    }).to_csv(f"{out_dir}/nearest.csv", index=False)
    counties.to_csv(f"{out_dir}/counties.csv")
    lap("write_csv")

    total = counties["residents"].sum()
    print(
        f"pandas: {len(residences)} residences x {len(points)} points, "
        f"{counties['covered'].sum() / total * 100:.1f}% covered; "
        + ", ".join(f"{k} {v:.2f} s" for k, v in phases.items()),
        file=sys.stderr)


if __name__ == "__main__":
    main()
