#!/usr/bin/env python3
"""The alert budget, measured (LOAD-SCIENCE.md "Alarms and context").

Generates the histories of sensible runners (beginner, intermediate, advanced,
a daily runner, a weekend long-runner; recovery weeks included), imports each
into a fresh database with the built `stride`, runs `stride warnings --json`
and prints, per runner and month, the cautions and dangers listed, the
unchanged streak repeats counted but not listed, and the context notes that
started. Two scenarios that must still alarm (a doubled week, a run over twice
the 30-day longest) run alongside.

    bench/alerts.py --stride build/cli/stride             # the table
    bench/alerts.py --stride build/cli/stride --check     # and assert the budget

--check exits 1 naming each target missed:
- sensible runners (at least one rest day a week): no caution or danger from
  the 5th week of history on, at most one context note start a month;
- the daily runner: only no-rest-day / consecutive-run-days cautions, each
  listed at most once in 7 days; the all-road share started once;
- the danger scenarios: a danger from weekly-distance-spike and
  single-run-spike.

Python standard library only; deterministic (no randomness, no clock).
"""
import argparse
import collections
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile

START = dt.date(2026, 3, 2)  # a Monday
WEEKS = 16


def week_plan(runner, week):
    """The runs of one week: [(weekday 0=Mon, km, surface, min per km)]."""
    r = runner
    # +5 % a build week up to the target; every 4th week a recovery week at
    # 70 %, after which the build goes on from where it was (so no run is
    # 10 % over the longest of the 30 days before it).
    builds = week - week // 4
    volume = min(r["start_km"] * 1.05 ** builds, r["target_km"])
    if week % 4 == 3:
        volume *= 0.7
    runs = []
    for day, share, surface in r["days"]:
        runs.append((day, round(volume * share, 1), surface, r["pace"]))
    return runs


RUNNERS = [
    {
        "name": "beginner",
        "experience": "beginner",
        "start_km": 12, "target_km": 20, "pace": 7.0,
        # Tue, Thu, Sun long
        "days": [(1, 0.3, "road"), (3, 0.3, "trail"), (6, 0.4, "trail")],
    },
    {
        "name": "intermediate",
        "experience": "intermediate",
        "start_km": 28, "target_km": 40, "pace": 6.0,
        "days": [(1, 0.2, "road"), (3, 0.25, "trail"), (5, 0.2, "road"), (6, 0.35, "trail")],
    },
    {
        "name": "advanced",
        "experience": "advanced",
        "start_km": 55, "target_km": 68, "pace": 5.2,
        # Monday rest; six days: a tempo run on Tuesday and intervals on the
        # track on Thursday (logged RPE 6 and 7), the long run on Sunday
        "days": [(1, 0.15, "road"), (2, 0.12, "trail"), (3, 0.18, "track"),
                 (4, 0.1, "trail"), (5, 0.15, "road"), (6, 0.3, "trail")],
        "rpe": {1: 6, 3: 7},
    },
    {
        "name": "daily",
        "experience": "intermediate",
        "start_km": 56, "target_km": 56, "pace": 6.0, "no_recovery": True,
        "days": [(d, 1 / 7, "road") for d in range(7)],
    },
    {
        "name": "weekend",
        "experience": "intermediate",
        "start_km": 26, "target_km": 34, "pace": 6.2,
        # one easy mid-week run, then Saturday and a long Sunday
        "days": [(2, 0.2, "road"), (5, 0.3, "road"), (6, 0.5, "trail")],
    },
]


def history_rows(runner):
    rows = []
    for week in range(WEEKS):
        runs = week_plan(runner, week)
        if runner.get("no_recovery"):
            runs = [(d, round(runner["start_km"] / 7, 1), s, p) for d, _, s, p in runs]
        for day, km, surface, pace in runs:
            date = START + dt.timedelta(days=7 * week + day)
            minutes = km * pace
            rows.append((date, km, minutes, surface, runner.get("rpe", {}).get(day, "")))
    return rows


def danger_rows(kind):
    """Four steady weeks, then the spike."""
    rows = []
    for week in range(5):
        for day, km in ((1, 8), (3, 8), (6, 12)):
            rows.append((START + dt.timedelta(days=7 * week + day), km, km * 6, "trail", ""))
    spike = START + dt.timedelta(days=35)
    if kind == "doubled-week":
        for day in range(0, 6, 2):
            rows.append((spike + dt.timedelta(days=day), 19, 19 * 6, "trail", ""))
    else:  # a run over twice the 30-day longest
        rows.append((spike + dt.timedelta(days=1), 25, 25 * 6, "trail", ""))
    return rows


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("date,sport,distance_km,duration_min,surface,rpe\n")
        for date, km, minutes, surface, rpe in rows:
            f.write(f"{date.isoformat()} 07:00,run,{km},{minutes:.1f},{surface},{rpe}\n")


def run_warnings(stride, rows, experience, workdir, name):
    env = dict(os.environ)
    env["STRIDE_DB"] = os.path.join(workdir, name + ".db")
    env["TZ"] = "UTC"
    env["STRIDE_TODAY"] = (max(r[0] for r in rows) + dt.timedelta(days=1)).isoformat()
    env.pop("NO_COLOR", None)
    profile = os.path.join(workdir, name + ".yaml")
    csv = os.path.join(workdir, name + ".csv")
    write_csv(csv, rows)

    def stride_cmd(*args):
        out = subprocess.run([stride, "--profile", profile, *args], env=env,
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{' '.join(args)}: exit {out.returncode}\n{out.stderr}")
        return out.stdout

    stride_cmd("init")
    # init writes the commented default profile; the runner's level goes on top.
    with open(profile, encoding="utf-8") as f:
        text = f.read()
    with open(profile, "w", encoding="utf-8") as f:
        f.write(text.replace("experience: intermediate", f"experience: {experience}", 1))
    stride_cmd("import", csv)
    return json.loads(stride_cmd("--json", "warnings"))


def month_table(doc, first_day):
    """{month: Counter} and a list of (day index, what) for the checks."""
    months = collections.OrderedDict()
    events = []
    for day in doc["days"]:
        date = dt.date.fromisoformat(day["date"])
        index = (date - first_day).days
        c = months.setdefault(date.strftime("%Y-%m"), collections.Counter())
        for w in day["warnings"]:
            c[w["severity"]] += 1
            events.append((index, date, "listed", w["rule"], w["severity"]))
        for rule in day.get("repeated", []):
            c["repeated"] += 1
            events.append((index, date, "repeated", rule, None))
        for n in day.get("context", []):
            if n["state"] == "started":
                c["context"] += 1
            events.append((index, date, "context-" + n["state"], n["rule"], n["severity"]))
    return months, events


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stride", required=True, help="the built stride binary")
    ap.add_argument("--check", action="store_true", help="assert the alert budget")
    args = ap.parse_args()
    misses = []
    print("| runner | month | cautions | dangers | repeats (not listed) | context starts |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="stride-alerts-") as workdir:
        for runner in RUNNERS:
            rows = history_rows(runner)
            doc = run_warnings(args.stride, rows, runner["experience"], workdir, runner["name"])
            months, events = month_table(doc, rows[0][0])
            for date in sorted({r[0].strftime("%Y-%m") for r in rows}):
                months.setdefault(date, collections.Counter())
            for month, c in sorted(months.items()):
                print(f"| {runner['name']} | {month} | {c['caution']} | {c['danger']} | "
                      f"{c['repeated']} | {c['context']} |")
            name = runner["name"]
            if name == "daily":
                last = {}
                for index, date, kind, rule, severity in events:
                    if kind != "listed":
                        continue
                    if rule not in ("no-rest-day", "consecutive-run-days") or severity != "caution":
                        misses.append(f"daily: {rule} {severity} on {date}")
                    elif rule in last and index - last[rule] < 7:
                        misses.append(f"daily: {rule} listed again after {index - last[rule]} days")
                    last[rule] = index
                road = [e for e in events if e[2] == "context-started" and e[3] == "hard-surface"]
                if len(road) != 1:
                    misses.append(f"daily: the all-road share started {len(road)} times")
            else:
                # A sensible history (LOAD-SCIENCE.md "Alert budget"): at most one
                # context note start a month, no caution or danger from week 5 on.
                starts = collections.Counter(
                    d.strftime("%Y-%m") for _, d, kind, _, _ in events
                    if kind == "context-started")
                for month, n in starts.items():
                    if n > 1:
                        misses.append(f"{name}: {n} context notes started in {month}")
                for index, date, kind, rule, severity in events:
                    if kind == "listed" and index >= 28 and severity in ("caution", "danger"):
                        misses.append(f"{name}: {rule} {severity} on {date} (week {index // 7 + 1})")
        for kind, rule in (("doubled-week", "weekly-distance-spike"),
                           ("long-run-over-2x", "single-run-spike")):
            rows = danger_rows(kind)
            doc = run_warnings(args.stride, rows, "intermediate", workdir, kind)
            dangers = [w["rule"] for d in doc["days"] for w in d["warnings"]
                       if w["severity"] == "danger"]
            print(f"| {kind} (must alarm) | all | - | {len(dangers)} ({', '.join(sorted(set(dangers)))}) | - | - |")
            if rule not in dangers:
                misses.append(f"{kind}: no {rule} danger")
    if args.check:
        for m in misses:
            print("MISSED:", m, file=sys.stderr)
        print("alert budget: met" if not misses else f"alert budget: {len(misses)} targets missed")
        return 1 if misses else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
