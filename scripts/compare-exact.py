"""`legalcircle suggest` against the exact optimum of the same maximum-coverage instance (issue 20).

Usage: compare-exact.py --binary PATH --workdir DIR [--sizes 5kx200:5,10;...] [--seed N] [--time-limit S]

For each size RESIDENCESxCANDIDATES and each K:
- `legalcircle generate` writes a synthetic Zhejiang (residences, and one point per 200 residences, so
  that about a quarter of the people are uncovered); the candidates CSV holds CANDIDATES distinct
  uncovered residences drawn with a seeded generator (as a file of village offices would give);
- `suggest --count K --greedy-only` and `suggest --count K` (the shipped method) run as whole
  processes, the second with `--export-instance`, which writes the coverage sets it solved: elements are
  the uncovered residences weighted by population, a set per candidate (who it would newly cover by the
  engine's rule: projection, ellipsoidal distance, zone radius, land mass);
- the promise is checked: `report` with the chosen sites added to the points must cover exactly what
  `suggest` promised, and the chosen sets must cover `finalCovered` on the exported instance;
- HiGHS solves the maximal covering location problem (Church & ReVelle 1974) on those sets to zero MIP
  gap: max Σ w_g y_g, y_g ≤ Σ_{s ∋ g} x_s, Σ x_s ≤ K, x binary, 0 ≤ y ≤ 1, where elements with the same
  sets are merged into one group g of their summed weight (an exact reformulation) and elements no set
  covers are dropped. Its LP relaxation is solved too (our bound cannot beat it);
- printed: greedy-only and default gaps below the optimum, the certified bound's excess over it, the
  LP bound's, and the times.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time

import highspy
import numpy as np


def run(cmd, **kw):
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit(f"compare-exact: failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return done.stdout, time.perf_counter() - start


def parse_sizes(text):
    """'5kx200:5,10;100kx3000:25,50,100' -> [(5000, 200, [5, 10]), ...]"""
    def number(t):
        t = t.lower()
        return int(float(t[:-1]) * 1000) if t.endswith("k") else int(float(t[:-1]) * 1_000_000) if t.endswith("m") else int(t)
    sizes = []
    for part in text.split(";"):
        dims, counts = part.split(":")
        residences, candidates = dims.split("x")
        sizes.append((number(residences), number(candidates), [int(k) for k in counts.split(",")]))
    return sizes


def label(n):
    return f"{n // 1000} k" if n >= 1000 and n % 1000 == 0 else f"{n:,}"


def write_candidates(data, residences_csv, count, seed, covered):
    """CANDIDATES distinct uncovered residences, drawn with a seeded generator, as a points CSV."""
    rows = []
    with open(residences_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append(row)
    uncovered = [r for r in rows if not covered.get(r["id"], False)]
    rng = random.Random(seed)
    rng.shuffle(uncovered)
    seen, chosen = set(), []
    for r in uncovered:
        key = (r["lon"], r["lat"])
        if key in seen:
            continue
        seen.add(key)
        chosen.append(r)
        if len(chosen) == count:
            break
    path = os.path.join(data, f"candidates-{count}.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "kind", "level", "lon", "lat", "county"])
        for i, r in enumerate(chosen):
            w.writerow([f"C{i + 1:05d}", f"候选 {i + 1}", "mediation", "village", r["lon"], r["lat"], r["county"]])
    return path


def solve_exact(instance, count, time_limit):
    """Exact optimum and LP bound of the instance's MCLP with HiGHS (zero MIP gap)."""
    weights = instance["weights"]
    sets = instance["sets"]
    m = len(sets)
    element_sets = [[] for _ in weights]
    for s, members in enumerate(sets):
        for e in members:
            element_sets[e].append(s)
    groups = {}
    for e, owners in enumerate(element_sets):
        if owners:
            key = tuple(owners)
            groups[key] = groups.get(key, 0.0) + weights[e]
    keys = list(groups)
    group_weights = np.array([groups[k] for k in keys])

    def build(integral):
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.0)
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("threads", 1)
        inf = highspy.kHighsInf
        # Columns: x_0..x_{m-1}, then y per group; maximise by minimising the negated weights.
        n = len(keys)
        costs = np.concatenate([np.zeros(m), -group_weights])
        h.addVars(m + n, np.zeros(m + n), np.ones(m + n))
        h.changeColsCost(m + n, np.arange(m + n, dtype=np.int32), costs)
        if integral:
            h.changeColsIntegrality(m, np.arange(m, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * m))
        # y_g - sum x_s <= 0
        starts, index, value = [], [], []
        for g, owners in enumerate(keys):
            starts.append(len(index))
            index.append(m + g)
            value.append(1.0)
            index.extend(owners)
            value.extend([-1.0] * len(owners))
        h.addRows(n, np.full(n, -inf), np.zeros(n), len(index), np.array(starts, dtype=np.int32),
                  np.array(index, dtype=np.int32), np.array(value))
        h.addRow(-inf, float(count), m, np.arange(m, dtype=np.int32), np.ones(m))
        return h

    start = time.perf_counter()
    lp = build(False)
    lp.run()
    lp_value = -lp.getInfo().objective_function_value
    mip = build(True)
    mip.run()
    seconds = time.perf_counter() - start
    info = mip.getInfo()
    status = mip.modelStatusToString(mip.getModelStatus())
    optimum = -info.objective_function_value
    dual = -info.mip_dual_bound
    solution = mip.getSolution().col_value
    chosen = [s for s in range(m) if solution[s] > 0.5]
    # Recount the solver's choice on the original elements.
    covered = set()
    for s in chosen:
        covered.update(sets[s])
    recount = sum(weights[e] for e in covered)
    return {"optimum": recount, "objective": optimum, "dual": dual, "lp": lp_value, "status": status,
            "seconds": seconds, "groups": len(keys), "elements": sum(1 for o in element_sets if o)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--sizes", default="5kx200:5,10;20kx1000:10,25;100kx3000:25,50,100")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--time-limit", type=float, default=1800)
    parser.add_argument("--baseline", help="another legalcircle binary (e.g. an older version) whose default answer is shown too")
    args = parser.parse_args()
    binary = args.binary
    rows = []
    highspy.Highs()  # HiGHS prints its banner once, at the first instance: before the table.
    print(f"{'residences / candidates':>24}  {'K':>4}  {'greedy only':>11}  " + (f"{'baseline':>8}  " if args.baseline else "")
          + f"{'default':>8}  {'bound over opt':>14}"
          f"  {'LP over opt':>11}  {'certified':>9}  {'exact solver':>13}  {'suggest':>8}  promise", flush=True)
    for residences, candidates, counts in parse_sizes(args.sizes):
        data = os.path.join(args.workdir, f"{residences}x{candidates}-seed{args.seed}")
        os.makedirs(data, exist_ok=True)
        points_csv = os.path.join(data, "points.csv")
        residences_csv = os.path.join(data, "residences.csv")
        if not os.path.exists(os.path.join(data, ".complete")):
            run([binary, "generate", "--seed", str(args.seed), "--residences", str(residences),
                 "--points", str(max(residences // 200, 10)), "--out", data])
            open(os.path.join(data, ".complete"), "w").close()
        files = ["--points", points_csv, "--residences", residences_csv, "--quiet"]
        # Who is uncovered today: the elements of a one-candidate instance are exactly the uncovered
        # residences (population > 0).
        probe = os.path.join(data, "probe.json")
        first_candidates = os.path.join(data, "probe-candidates.csv")
        with open(residences_csv, encoding="utf-8") as f:
            reader = csv.DictReader(f)
            with open(first_candidates, "w", encoding="utf-8", newline="") as out:
                w = csv.writer(out)
                w.writerow(["id", "name", "kind", "level", "lon", "lat", "county"])
                for i, r in enumerate(reader):
                    w.writerow([f"X{i}", "x", "mediation", "village", r["lon"], r["lat"], r["county"]])
                    break
        run([binary, "suggest", *files, "--candidates", first_candidates, "--count", "1", "--format", "json",
             "--export-instance", probe])
        with open(probe) as f:
            uncovered_rows = set(json.load(f)["residences"])
        ids = []
        with open(residences_csv, encoding="utf-8") as f:
            for i, r in enumerate(csv.DictReader(f)):
                ids.append(r["id"])
        covered = {ids[i]: i not in uncovered_rows for i in range(len(ids))}
        candidates_csv = write_candidates(data, residences_csv, candidates, args.seed, covered)
        for k in counts:
            greedy_out, _ = run([binary, "suggest", *files, "--candidates", candidates_csv, "--count", str(k),
                                 "--greedy-only", "--format", "json"])
            instance_path = os.path.join(data, f"instance-{candidates}-{k}.json")
            sites_path = os.path.join(data, f"sites-{candidates}-{k}.csv")
            ours_out, ours_seconds = run([binary, "suggest", *files, "--candidates", candidates_csv, "--count", str(k),
                                          "--format", "json", "--export-instance", instance_path,
                                          "--sites-out", sites_path])
            greedy = json.loads(greedy_out)
            ours = json.loads(ours_out)
            baseline = None
            if args.baseline:
                baseline_out, _ = run([args.baseline, "suggest", *files, "--candidates", candidates_csv, "--count", str(k),
                                       "--format", "json"])
                baseline = json.loads(baseline_out)["method"]["finalCovered"]
            with open(instance_path) as f:
                instance = json.load(f)
            # The promise: report with the sites added covers what suggest said, and the chosen sets
            # cover finalCovered on the instance.
            combined = os.path.join(data, f"points+sites-{candidates}-{k}.csv")
            with open(points_csv, encoding="utf-8") as f:
                base = f.read()
            with open(sites_path, encoding="utf-8") as f:
                added = f.read().split("\n", 1)[1]
            with open(combined, "w", encoding="utf-8") as f:
                f.write(base + ("" if base.endswith("\n") else "\n") + added)
            report_out, _ = run([binary, "report", "--points", combined, "--residences", residences_csv, "--quiet",
                                 "--format", "json"])
            recomputed = json.loads(report_out)["total"]["covered"]
            promised = ours["sites"][-1]["regionCovered"] if ours["sites"] else ours["before"]["covered"]
            chosen_recount = sum(instance["weights"][e] for e in {e for s in instance["chosen"] for e in instance["sets"][s]})
            promise_ok = recomputed == promised and abs(chosen_recount - ours["method"]["finalCovered"]) <= 1e-6 * max(1, chosen_recount)

            exact = solve_exact(instance, k, args.time_limit)
            opt = exact["optimum"]
            greedy_value = greedy["method"]["finalCovered"]
            ours_value = ours["method"]["finalCovered"]
            bound = ours["method"]["upperBound"]

            def below(v):
                return (opt - v) / opt * 100 if opt > 0 else 0.0

            def over(v):
                return (v - opt) / opt * 100 if opt > 0 else 0.0
            status = "" if exact["status"] == "Optimal" else f" ({exact['status']})"
            row = {
                "residences": residences, "candidates": candidates, "count": k, "optimum": opt,
                "greedy": greedy_value, "ours": ours_value, "bound": bound, "lp": exact["lp"],
                "greedyGap": below(greedy_value), "oursGap": below(ours_value),
                "baseline": baseline, "baselineGap": below(baseline) if baseline is not None else None, "boundOver": over(bound),
                "lpOver": over(exact["lp"]), "certified": ours["method"]["boundGapPercent"],
                "exactSeconds": exact["seconds"], "oursSeconds": ours_seconds, "promise": promise_ok,
                "status": exact["status"], "groups": exact["groups"], "elements": exact["elements"],
            }
            rows.append(row)
            print(f"{label(residences) + ' / ' + f'{candidates:,}':>24}  {k:>4}  {row['greedyGap']:>9.2f} %  "
                  + (f"{row['baselineGap']:>6.2f} %  " if baseline is not None else "") + f"{row['oursGap']:>6.2f} %"
                  f"  {row['boundOver']:>12.2f} %  {row['lpOver']:>9.2f} %  {100 - row['certified']:>7.2f} %"
                  f"  {exact['seconds']:>11.1f} s{status}  {ours_seconds:>6.2f} s  {'exact' if promise_ok else 'MISMATCH'}",
                  flush=True)
            if bound < opt - 1e-6 * max(1, opt) or ours_value > opt + 1e-6 * max(1, opt):
                print(f"compare-exact: the bound {bound} or the answer {ours_value} contradicts the optimum {opt}", file=sys.stderr)
                sys.exit(1)
    with open(os.path.join(args.workdir, "compare-exact.json"), "w") as f:
        json.dump(rows, f, indent=1)
    if rows:
        for size in sorted({(r["residences"], r["candidates"]) for r in rows}):
            part = [r for r in rows if (r["residences"], r["candidates"]) == size]
            baseline_mean = (f"baseline {np.mean([r['baselineGap'] for r in part]):.2f} %, "
                             if all(r['baselineGap'] is not None for r in part) else "")
            print(f"mean over {label(size[0])} / {size[1]:,}: greedy only {np.mean([r['greedyGap'] for r in part]):.2f} %, "
                  f"{baseline_mean}default {np.mean([r['oursGap'] for r in part]):.2f} %, bound over optimum "
                  f"{np.mean([r['boundOver'] for r in part]):.2f} % (worst {max(r['boundOver'] for r in part):.2f} %)")
    if not all(r["promise"] for r in rows):
        sys.exit("compare-exact: a promise did not match the recomputation")


if __name__ == "__main__":
    main()
