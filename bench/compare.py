"""Runs the benchmark queries of `cargo bench -p kunde-analytics` in chDB, DuckDB and
lifetimes on the same data, checks the answers agree, and prints times side by side.

Called by bench/run.sh after the Rust bench has written bench/data/.
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd

DATA = os.path.join(os.path.dirname(__file__), "data")
WINDOW = 86_400
PERIODS = 8
PATH_DEPTH = 3


def load(n):
    base = os.path.join(DATA, f"events_{n}")
    return pd.DataFrame({
        "customer": np.fromfile(base + ".customer.u32", dtype="<u4"),
        "time": np.fromfile(base + ".time.u32", dtype="<u4"),
        "tp": np.fromfile(base + ".touchpoint.u16", dtype="<u2"),
    })


def cpu_seconds():
    """CPU time of this process, all threads (chDB, DuckDB and lifetimes run in-process)."""
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def best_of(f, runs=3):
    """The best wall time of `runs` runs, the result, and the least CPU time of a run."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(runs):
        c = cpu_seconds()
        t = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, cpu_seconds() - c)
    return best, result, best_cpu


WEEK = "intDiv(intDiv(time, 86400) + 3, 7)"
CH_FUNNEL = f"""
SELECT level, count() FROM (
  SELECT customer, windowFunnel({WINDOW})(time, tp = 0, tp = 1, tp = 2, tp = 3) AS level
  FROM events GROUP BY customer) GROUP BY level ORDER BY level"""
CH_RETENTION = f"""
SELECT cohort, sumForEach(r) FROM (
  SELECT customer, cohort, retention({", ".join(f"{WEEK} - cohort = {k}" for k in range(PERIODS))}) AS r
  FROM events INNER JOIN (SELECT customer, min({WEEK}) AS cohort FROM events GROUP BY customer) c USING customer
  GROUP BY customer, cohort) GROUP BY cohort ORDER BY cohort"""

DUCK_RETENTION = f"""
WITH e AS (SELECT customer, (time // 86400 + 3) // 7 AS week FROM events),
c AS (SELECT customer, min(week) AS cohort FROM e GROUP BY customer),
a AS (SELECT DISTINCT e.customer, c.cohort, e.week - c.cohort AS k FROM e JOIN c USING (customer)
      WHERE e.week - c.cohort < {PERIODS})
SELECT cohort, k, count(*) FROM a GROUP BY cohort, k ORDER BY cohort, k"""
# windowFunnel's default mode equals: the longest chain where each next step is the
# earliest match after the previous one, from some first-step event, ending within the
# window. ASOF joins find the earliest next match; ties in time keep step order.
DUCK_FUNNEL = f"""
WITH s0 AS (SELECT customer, time AS t0 FROM events WHERE tp = 0),
s1 AS (SELECT customer, time AS t1 FROM events WHERE tp = 1),
s2 AS (SELECT customer, time AS t2 FROM events WHERE tp = 2),
s3 AS (SELECT customer, time AS t3 FROM events WHERE tp = 3),
j1 AS (SELECT s0.customer, t0, t1 FROM s0 ASOF LEFT JOIN s1 ON s0.customer = s1.customer AND s1.t1 >= s0.t0),
j2 AS (SELECT j1.customer, t0, t1, t2 FROM j1 ASOF LEFT JOIN s2 ON j1.customer = s2.customer AND s2.t2 >= j1.t1),
j3 AS (SELECT j2.customer, t0, t1, t2, t3 FROM j2 ASOF LEFT JOIN s3 ON j2.customer = s3.customer AND s3.t3 >= j2.t2),
lv AS (SELECT customer, max(CASE WHEN t1 IS NULL OR t1 > t0 + {WINDOW} THEN 1
                                  WHEN t2 IS NULL OR t2 > t0 + {WINDOW} THEN 2
                                  WHEN t3 IS NULL OR t3 > t0 + {WINDOW} THEN 3 ELSE 4 END) AS level
       FROM j3 GROUP BY customer)
SELECT level, count(*) FROM lv GROUP BY level ORDER BY level"""


def steps_from_levels(rows):
    counts = {int(level): int(n) for level, n in rows if int(level) > 0}
    return [sum(n for level, n in counts.items() if level >= k) for k in range(1, 5)]


def events_bench(n):
    kunde = json.load(open(os.path.join(DATA, f"kunde_{n}.json")))
    df = load(n)
    import chdb.session
    import duckdb

    sess = chdb.session.Session()
    sess.query("CREATE TABLE events (customer UInt32, time UInt32, tp UInt16) ENGINE = Memory")
    t = time.perf_counter()
    sess.query("INSERT INTO events SELECT customer, time, tp FROM Python(df)")
    ch_load = time.perf_counter() - t
    duck = duckdb.connect()
    t = time.perf_counter()
    duck.execute("CREATE TABLE events AS SELECT * FROM df")
    duck_load = time.perf_counter() - t

    ch_f_time, ch_f, ch_f_cpu = best_of(lambda: sess.query(CH_FUNNEL, "CSV").bytes().decode())
    ch_funnel = steps_from_levels([l.split(",") for l in ch_f.strip().splitlines()])
    ch_r_time, ch_r, ch_r_cpu = best_of(lambda: sess.query(CH_RETENTION, "JSONCompact").bytes().decode())
    ch_cohorts = {str(row[0]): [int(v) for v in row[1]] for row in json.loads(ch_r)["data"]}
    du_f_time, du_f, du_f_cpu = best_of(lambda: duck.execute(DUCK_FUNNEL).fetchall())
    du_funnel = steps_from_levels(du_f)
    du_r_time, du_r, du_r_cpu = best_of(lambda: duck.execute(DUCK_RETENTION).fetchall())
    du_cohorts = {}
    for cohort, k, count in du_r:
        du_cohorts.setdefault(str(cohort), [0] * PERIODS)[int(k)] = int(count)

    # Kunde leaves periods after `now` empty; with `now` after all events none are.
    kunde_cohorts = {k: v for k, v in kunde["cohorts"].items()}
    same_funnel = kunde["funnel_steps"] == ch_funnel == du_funnel
    same_retention = kunde_cohorts == ch_cohorts == du_cohorts
    print(f"\n## {n:,} events  (chDB load {ch_load:.2f} s, DuckDB load {duck_load:.2f} s, not counted)")
    print(f"funnel steps: kunde {kunde['funnel_steps']}  chdb {ch_funnel}  duckdb {du_funnel}  -> {'SAME' if same_funnel else 'DIFFERENT'}")
    print(f"retention: {len(kunde_cohorts)} weekly cohorts x {PERIODS} weeks -> {'SAME' if same_retention else 'DIFFERENT'}")
    if not same_retention:
        for key in sorted(set(kunde_cohorts) | set(ch_cohorts) | set(du_cohorts))[:5]:
            print("  ", key, kunde_cohorts.get(key), ch_cohorts.get(key), du_cohorts.get(key))
    build, build_sorted = kunde["build"], kunde["build_sorted"]
    print(f"{'query':<16}{'kunde s':>9}{'+build s':>10}{'+build sorted s':>17}{'chDB s':>9}{'DuckDB s':>10}{'chDB/kunde':>12}{'DuckDB/kunde':>14}")
    rows = [("funnel levels", kunde["funnel"], ch_f_time, du_f_time),
            ("funnel report", kunde["funnel_report"], ch_f_time, du_f_time),
            ("retention", kunde["retention"], ch_r_time, du_r_time)]
    for name, k, ch, du in rows:
        print(f"{name:<16}{k:>9.3f}{k + build:>10.3f}{k + build_sorted:>17.3f}{ch:>9.3f}{du:>10.3f}{ch / k:>12.1f}{du / k:>14.1f}")
    print("(funnel levels is what windowFunnel returns; funnel report adds drop-off, the dropped customers' ids and step-time median/p90, which chDB and DuckDB do not compute)")
    cpu = {k: float(v) for k, v in kunde["cpu"].items()}
    print(f"CPU seconds per run, all threads (Kunde: mean of {kunde['cpu_runs']} runs; chDB, DuckDB: least of 3):")
    print(f"  build: kunde {cpu['build']:.3f} from shuffled input, {cpu['build_sorted']:.3f} from sorted input")
    for name, k, ch, du in [("funnel levels", cpu["funnel"], ch_f_cpu, du_f_cpu),
                            ("funnel report", cpu["funnel_report"], ch_f_cpu, du_f_cpu),
                            ("retention", cpu["retention"], ch_r_cpu, du_r_cpu)]:
        print(f"  {name:<14} kunde {k:.3f}  chDB {ch:.3f}  DuckDB {du:.3f}  chDB/kunde {ch / k:.1f}  DuckDB/kunde {du / k:.1f}")
    print(f"kunde event log: {kunde['bytes_per_event']:.2f} bytes/event, build {build:.3f} s from shuffled input, {build_sorted:.3f} s from input sorted by (customer, time)")
    return same_funnel and same_retention


CH_PATHS = f"""
SELECT p, count() FROM (
  SELECT arrayMap(x -> x.2, arraySort(groupArray((time, tp)))) AS tps, indexOf(tps, 0) AS i
  FROM events GROUP BY customer)
WHERE i > 0 GROUP BY arrayStringConcat(arrayMap(x -> toString(x), arraySlice(tps, i, {PATH_DEPTH + 1})), ',') AS p"""
# Each customer's path: its first touchpoint-0 event and the next PATH_DEPTH events, in
# (time, touchpoint) order, as Kunde's log orders ties.
DUCK_PATHS = f"""
WITH o AS (SELECT customer, tp, row_number() OVER (PARTITION BY customer ORDER BY time, tp) AS rn FROM events),
a AS (SELECT customer, min(rn) AS r0 FROM o WHERE tp = 0 GROUP BY customer),
p AS (SELECT o.customer, string_agg(CAST(o.tp AS VARCHAR), ',' ORDER BY o.rn) AS path
      FROM o JOIN a ON o.customer = a.customer AND o.rn BETWEEN a.r0 AND a.r0 + {PATH_DEPTH} GROUP BY o.customer)
SELECT path, count(*) FROM p GROUP BY path"""


def wide_bench(n):
    """The second generated set: 64-bit customer ids over the whole range, 20 touchpoints."""
    kunde = json.load(open(os.path.join(DATA, f"kunde_wide_{n}.json")))
    base = os.path.join(DATA, f"wide_{n}")
    df = pd.DataFrame({
        "customer": np.fromfile(base + ".customer.u64", dtype="<u8"),
        "time": np.fromfile(base + ".time.u32", dtype="<u4"),
        "tp": np.fromfile(base + ".touchpoint.u16", dtype="<u2"),
    })
    import chdb.session
    import duckdb

    sess = chdb.session.Session()
    sess.query("CREATE TABLE events (customer UInt64, time UInt32, tp UInt16) ENGINE = Memory")
    t = time.perf_counter()
    sess.query("INSERT INTO events SELECT customer, time, tp FROM Python(df)")
    ch_load = time.perf_counter() - t
    duck = duckdb.connect()
    t = time.perf_counter()
    duck.execute("CREATE TABLE events AS SELECT * FROM df")
    duck_load = time.perf_counter() - t
    del df

    ch_f_time, ch_f, ch_f_cpu = best_of(lambda: sess.query(CH_FUNNEL, "CSV").bytes().decode())
    ch_funnel = steps_from_levels([l.split(",") for l in ch_f.strip().splitlines()])
    ch_r_time, ch_r, ch_r_cpu = best_of(lambda: sess.query(CH_RETENTION, "JSONCompact").bytes().decode())
    ch_cohorts = {str(row[0]): [int(v) for v in row[1]] for row in json.loads(ch_r)["data"]}
    ch_p_time, ch_p, ch_p_cpu = best_of(lambda: sess.query(CH_PATHS, "JSONCompact").bytes().decode())
    ch_paths = {str(row[0]): int(row[1]) for row in json.loads(ch_p)["data"]}
    du_f_time, du_f, du_f_cpu = best_of(lambda: duck.execute(DUCK_FUNNEL).fetchall())
    du_funnel = steps_from_levels(du_f)
    du_r_time, du_r, du_r_cpu = best_of(lambda: duck.execute(DUCK_RETENTION).fetchall())
    du_cohorts = {}
    for cohort, k, count in du_r:
        du_cohorts.setdefault(str(cohort), [0] * PERIODS)[int(k)] = int(count)
    du_p_time, du_p, du_p_cpu = best_of(lambda: duck.execute(DUCK_PATHS).fetchall())
    du_paths = {str(path): int(count) for path, count in du_p}

    kunde_paths = {k: int(v) for k, v in kunde["paths_by_id"].items()}
    same_funnel = kunde["funnel_steps"] == ch_funnel == du_funnel
    same_retention = kunde["cohorts"] == ch_cohorts == du_cohorts
    same_paths = kunde_paths == ch_paths == du_paths and sum(kunde_paths.values()) == kunde["path_customers"]
    print(f"\n## Second generated set: {n:,} events, {kunde['customers']:,} customers with 64-bit ids, 20 touchpoints"
          f"  (chDB load {ch_load:.2f} s, DuckDB load {duck_load:.2f} s, not counted)")
    print(f"funnel steps: kunde {kunde['funnel_steps']}  chdb {ch_funnel}  duckdb {du_funnel}  -> {'SAME' if same_funnel else 'DIFFERENT'}")
    print(f"retention: {len(kunde['cohorts'])} weekly cohorts x {PERIODS} weeks -> {'SAME' if same_retention else 'DIFFERENT'}")
    top = sorted(kunde_paths.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    print(f"paths after touchpoint 0, depth {PATH_DEPTH}: {len(kunde_paths)} distinct paths of {kunde['path_customers']:,} customers"
          f" (top {top}) -> {'SAME' if same_paths else 'DIFFERENT'}")
    if not same_paths:
        for key in sorted(set(kunde_paths) | set(ch_paths) | set(du_paths)):
            if not kunde_paths.get(key) == ch_paths.get(key) == du_paths.get(key):
                print("  ", key, kunde_paths.get(key), ch_paths.get(key), du_paths.get(key))
                break
    print(f"Kunde: best of 3 runs on the built log ({kunde['build']:.3f} s to build from shuffled input);"
          f" first run after the build: funnel levels {kunde['funnel_first']:.3f} s, funnel report {kunde['funnel_report_first']:.3f} s")
    print(f"{'query':<16}{'kunde s':>9}{'chDB s':>9}{'DuckDB s':>10}{'chDB/kunde':>12}{'DuckDB/kunde':>14}")
    rows = [("funnel levels", kunde["funnel"], ch_f_time, du_f_time),
            ("funnel report", kunde["funnel_report"], ch_f_time, du_f_time),
            ("retention", kunde["retention"], ch_r_time, du_r_time),
            ("paths", kunde["paths"], ch_p_time, du_p_time)]
    for name, k, ch, du in rows:
        print(f"{name:<16}{k:>9.3f}{ch:>9.3f}{du:>10.3f}{ch / k:>12.1f}{du / k:>14.1f}")
    cpu = {k: float(v) for k, v in kunde["cpu"].items()}
    print(f"CPU seconds per run, all threads (Kunde: mean of {kunde['cpu_runs']} runs; chDB, DuckDB: least of 3):")
    for name, k, ch, du in [("funnel levels", cpu["funnel"], ch_f_cpu, du_f_cpu),
                            ("funnel report", cpu["funnel_report"], ch_f_cpu, du_f_cpu),
                            ("retention", cpu["retention"], ch_r_cpu, du_r_cpu),
                            ("paths", cpu["paths"], ch_p_cpu, du_p_cpu)]:
        print(f"  {name:<14} kunde {k:.3f}  chDB {ch:.3f}  DuckDB {du:.3f}  chDB/kunde {ch / max(k, 1e-9):.1f}  DuckDB/kunde {du / max(k, 1e-9):.1f}")
    print(f"kunde event log: {kunde['bytes_per_event']:.2f} bytes/event (columns, offsets and any index built)")
    return same_funnel and same_retention and same_paths


def clv_bench():
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    import lifetimes

    ok = True
    src = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "cdnow_customers_summary_with_transactions.csv")
    raw = pd.read_csv(src)
    sets = [("cdnow", raw["x"].to_numpy(), raw["t_x"].to_numpy(), raw["T"].to_numpy(), raw["zbar"].to_numpy())]
    syn = pd.read_csv(os.path.join(DATA, "clv_1m.csv"))
    sets.append(("synthetic 1M", syn["frequency"].to_numpy(), syn["recency"].to_numpy(), syn["T"].to_numpy(), syn["monetary_value"].to_numpy()))
    kunde = json.load(open(os.path.join(DATA, "kunde_clv.json")))
    print("\n## lifetimes")
    for name, f, r, T, m in sets:
        c = cpu_seconds()
        t = time.perf_counter()
        bgf = BetaGeoFitter().fit(f, r, T)
        bg_time = time.perf_counter() - t
        bg_cpu = cpu_seconds() - c
        k = f > 0
        t = time.perf_counter()
        ggf = GammaGammaFitter().fit(f[k], m[k])
        gg_time = time.perf_counter() - t
        p, g = bgf.params_, ggf.params_
        print(f"clv {name}: BG/NBD {bg_time:.3f} s r={p['r']:.4f} alpha={p['alpha']:.4f} a={p['a']:.4f} b={p['b']:.4f}  "
              f"Gamma-Gamma {gg_time:.3f} s p={g['p']:.4f} q={g['q']:.4f} v={g['v']:.4f}")
        k_bg, k_gg = kunde[name][:2]
        print(f"    kunde BG/NBD {k_bg:.3f} s -> lifetimes/kunde {bg_time / k_bg:.1f}x;  "
              f"kunde Gamma-Gamma {k_gg:.3f} s -> lifetimes/kunde {gg_time / max(k_gg, 1e-9):.1f}x")
        if len(kunde[name]) > 2 and kunde[name][2] >= 0.01:
            k_bg_cpu = kunde[name][2]
            print(f"    CPU seconds: lifetimes BG/NBD {bg_cpu:.3f}, kunde {k_bg_cpu:.3f} (mean of 5 fits) -> {bg_cpu / max(k_bg_cpu, 1e-9):.1f}x")
    return ok


def sizes_arg(i, default):
    """Comma-separated sizes from argument `i`; an empty argument means none."""
    if len(sys.argv) <= i:
        return default
    return [int(s) for s in sys.argv[i].split(",") if s.strip()]


if __name__ == "__main__":
    # compare.py [SIZES [WIDE_SIZES]] [--wide-only | --events-only]
    # --wide-only: only the second generated set; --events-only: no lifetime-value fits.
    wide_only = "--wide-only" in sys.argv[1:]
    events_only = "--events-only" in sys.argv[1:]
    sys.argv = [a for a in sys.argv if not a.startswith("--")]
    sizes = sizes_arg(1, [1_000_000, 10_000_000])
    wide_sizes = sizes_arg(2, [10_000_000])
    ok = True
    if not wide_only:
        ok = all([events_bench(n) for n in sizes])
    ok = all([wide_bench(n) for n in wide_sizes]) and ok
    if not wide_only and not events_only:
        clv_bench()
    sys.exit(0 if ok else 1)
