#!/usr/bin/env python3
"""Prints stride's benchmark figures beside the floors and peers, timed in one run.

Called by bench/run.sh after the Release build; see that script for options.
Every comparison is a ratio of runs taken here, alternated (A B A B ...), with
the median reported: these machines drift by tens of percent between minutes.
"""
import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import zipfile


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def timed(cmd, env=None):
    """Wall seconds, CPU seconds and peak RSS (MiB) of one process."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # /usr/bin/time gives the peak RSS of this process alone (getrusage's
    # ru_maxrss is the maximum over all children so far).
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, env=env)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    rss_kib = int(p.stderr.strip().splitlines()[-1])
    return wall, cpu, rss_kib / 1024.0, p.returncode


def alternate(cmds, runs, before=None):
    """{name: [(wall, cpu, rss), ...]} for commands run in turn `runs` times."""
    out = {k: [] for k in cmds}
    for _ in range(runs):
        for k, c in cmds.items():
            if before:
                before(k)
            w, cpu, rss, _ = timed(c)
            out[k].append((w, cpu, rss))
    return out


def med(samples, i):
    return statistics.median(s[i] for s in samples)


def fresh_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def table(rows, head):
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()


def gen(shared, out, *args):
    if not os.path.exists(out):
        subprocess.run([sys.executable, os.path.join(shared, "bench", "gen_history.py"), "--out", out,
                        *args], check=True, stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--years", type=float, default=5)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip", default="", help="comma list of: gpx,big,strava,fit,check")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    stride = os.path.join(a.build, "cli", "stride")
    benchbin = os.path.join(a.build, "bench")
    os.makedirs(a.data, exist_ok=True)
    y = f"{a.years:g}"
    hist = os.path.join(a.data, f"hist{y}y")
    gen(a.shared, hist, "--years", y, "--runs-per-week", "4", "--seed", "42")
    gpx_files = sorted(f for f in os.listdir(hist) if f.endswith(".gpx"))
    gpx_bytes = sum(os.path.getsize(os.path.join(hist, f)) for f in gpx_files)
    mb = gpx_bytes / 1e6
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"history: {hist}: {len(gpx_files)} GPX files, {mb:.0f} MB\n")

    if "gpx" not in skip:
        # Warm the page cache first: the first reader of the files must not pay
        # for the disk alone.
        run([os.path.join(benchbin, "floor_read"), hist])
        db = os.path.join(a.data, "bench.db")

        def before(name):
            if name == "stride import":
                fresh_db(db)

        cmds = {
            "pugixml floor, 1 thread": [os.path.join(benchbin, "pugixml_floor"), "--threads", "1", hist],
            "pugixml floor, 2 threads": [os.path.join(benchbin, "pugixml_floor"), "--threads", "2", hist],
            "stride import": [stride, "--db", db, "--quiet", "import", hist],
            "stride import again": [stride, "--db", db, "--quiet", "import", hist],
        }
        res = alternate(cmds, a.runs, before)
        con = sqlite3.connect(db)
        acts, points = con.execute("select count(*), coalesce(sum(point_count),0) from activities").fetchone()
        con.close()
        f1 = med(res["pugixml floor, 1 thread"], 0)
        first = med(res["stride import"], 0)
        again = med(res["stride import again"], 0)
        rows = []
        for k, v in res.items():
            w = med(v, 0)
            rows.append([k, f"{w:.2f}", f"{mb / w:.0f}", f"{len(gpx_files) / w:.0f}",
                         f"{points / w / 1e6:.2f} M" if k != "stride import again" else "",
                         f"{med(v, 2):.0f}", f"{f1 / w:.2f}x"])
        print(f"GPX import, {len(gpx_files)} files, {mb:.0f} MB, {points:,} points stored in "
              f"{acts} activities; medians of {a.runs} alternated runs:")
        table(rows, ["what", "s", "MB/s", "files/s", "points/s", "peak MiB", "speed vs 1-thread floor"])
        print(f"-> import at {f1 / first:.2f}x the single-thread parse floor's speed (target >= 0.5x); "
              f"re-import {first / again:.0f}x faster than the first (target >= 20x)\n")

    if "big" not in skip:
        big_dir = os.path.join(a.data, "big200")
        gen(a.shared, big_dir, "--single-file-mb", "200", "--seed", "7")
        big = os.path.join(big_dir, sorted(os.listdir(big_dir))[0]) if os.path.isdir(big_dir) else big_dir
        size = os.path.getsize(big) / 2**20
        db = os.path.join(a.data, "big.db")

        def before_big(name):
            if name.startswith("stride"):
                fresh_db(db)

        res = alternate({"pugixml floor (DOM)": [os.path.join(benchbin, "pugixml_floor"), "--threads", "1", big],
                         "stride import": [stride, "--db", db, "--quiet", "import", big]}, a.runs, before_big)
        rows = [[k, f"{med(v, 0):.2f}", f"{med(v, 2):.0f}", f"{med(v, 2) / size:.2f}x"] for k, v in res.items()]
        print(f"one big GPX ({os.path.basename(big)}, {size:.0f} MiB):")
        table(rows, ["what", "s", "peak MiB", "peak / file size"])
        print(f"-> stride's peak memory is {med(res['stride import'], 2) / size:.2f}x the file (target < 3x)\n")

    if "strava" not in skip:
        # A Strava bulk export as downloaded: activities.csv (one row per run,
        # naming activities/<id>.gpx) and the files, in one zip.
        csv_dir = os.path.join(a.data, f"hist{y}y_csv")
        gen(a.shared, csv_dir, "--format", "csv", "--years", y, "--runs-per-week", "4", "--seed", "42")
        zpath = os.path.join(a.data, f"strava_export_{y}y.zip")
        if not os.path.exists(zpath):
            tmp = zpath + ".tmp"
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
                z.write(os.path.join(csv_dir, "activities.csv"), "activities.csv")
                for f in gpx_files:
                    z.write(os.path.join(hist, f), "activities/" + f)
            os.replace(tmp, zpath)
        zsize = os.path.getsize(zpath) / 1e6
        db = os.path.join(a.data, "strava.db")
        res = alternate({"stride import export.zip": [stride, "--db", db, "--quiet", "import", zpath]}, a.runs,
                        lambda _: fresh_db(db))
        con = sqlite3.connect(db)
        acts = con.execute("select count(*) from activities").fetchone()[0]
        con.close()
        v = res["stride import export.zip"]
        print(f"Strava export zip ({zsize:.0f} MB compressed, {mb:.0f} MB of GPX + activities.csv):")
        table([["stride import export.zip", f"{med(v, 0):.2f}", f"{mb / med(v, 0):.0f}", f"{med(v, 2):.0f}",
                f"{acts}"]], ["what", "s", "MB/s (unpacked)", "peak MiB", "activities"])

    if "fit" not in skip:
        fit_dir = os.path.join(a.data, f"hist{y}y_fit")
        node = shutil.which("node")
        nodedir = os.path.join(a.data, "node")
        if node and not os.path.exists(os.path.join(nodedir, "node_modules", "@garmin", "fitsdk")):
            shutil.copytree(os.path.join(a.shared, "bench", "node"), nodedir, dirs_exist_ok=True)
            run(["npm", "install", "--no-audit", "--no-fund"], cwd=nodedir)
        have_sdk = node and os.path.exists(os.path.join(nodedir, "node_modules", "@garmin", "fitsdk"))
        if have_sdk and not os.path.exists(fit_dir):
            subprocess.run([node, "gen_fit.mjs", hist, fit_dir], cwd=nodedir, check=True,
                           stdout=subprocess.DEVNULL)
        if have_sdk:
            fits = [f for f in os.listdir(fit_dir) if f.endswith(".fit")]
            fmb = sum(os.path.getsize(os.path.join(fit_dir, f)) for f in fits) / 1e6
            run([os.path.join(benchbin, "floor_read"), fit_dir])
            db = os.path.join(a.data, "fit.db")
            res = alternate({"official FIT SDK decoder (node)": [node, os.path.join(nodedir, "fit_decode_bench.mjs"),
                                                                  fit_dir],
                             "stride fit_decode_bench (decode only)": [os.path.join(benchbin, "fit_decode_bench"),
                                                                       fit_dir],
                             "stride import (decode, derive, store)": [stride, "--db", db, "--quiet", "import",
                                                                       fit_dir]},
                            a.runs, lambda k: fresh_db(db) if k.startswith("stride import") else None)
            sdk = med(res["official FIT SDK decoder (node)"], 0)
            rows = [[k, f"{med(v, 0):.2f}", f"{fmb / med(v, 0):.0f}", f"{med(v, 2):.0f}",
                     f"{sdk / med(v, 0):.1f}x"] for k, v in res.items()]
            print(f"FIT: {len(fits)} files, {fmb:.0f} MB (the same history, encoded by the official SDK):")
            table(rows, ["what", "s", "MB/s", "peak MiB", "speed vs SDK"])
        else:
            print("FIT: skipped (needs node and `npm install` of @garmin/fitsdk)\n")

    if "check" not in skip:
        csv10 = os.path.join(a.data, "hist10y_csv")
        gen(a.shared, csv10, "--format", "csv", "--years", "10", "--runs-per-week", "4", "--seed", "42")
        db = os.path.join(a.data, "check10y.db")
        if not os.path.exists(db):
            run([stride, "--db", db, "--quiet", "import", csv10])
        con = sqlite3.connect(db)
        n = con.execute("select count(*) from activities").fetchone()[0]
        con.close()
        res = alternate({"sqlite3 DB 'select count(*) from activities'": ["sqlite3", db,
                                                                          "select count(*) from activities"],
                         "stride --version (process start)": [stride, "--version"],
                         "stride check --distance 12km": [stride, "--db", db, "check", "--distance", "12km",
                                                          "--fail-on", "never"]}, 31)
        base = med(res["sqlite3 DB 'select count(*) from activities'"], 0)
        base_cpu = med(res["sqlite3 DB 'select count(*) from activities'"], 1)
        rows = [[k, f"{med(v, 0) * 1000:.1f}", f"{med(v, 0) / base:.2f}x", f"{med(v, 1) * 1000:.1f}",
                 f"{med(v, 1) / base_cpu:.2f}x"] for k, v in res.items()]
        print(f"pre-run check on a 10-year history ({n} activities), medians of 31 alternated runs:")
        table(rows, ["what", "wall ms", "vs count", "CPU ms", "vs count"])
        print(f"-> check at {med(res['stride check --distance 12km'], 0) / base:.2f}x the count (target <= 3x)")


if __name__ == "__main__":
    main()
