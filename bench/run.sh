#!/usr/bin/env bash
# Prints stride's import and pre-run-check figures beside the floors, measured in one run.
#   bench/run.sh [--years N] [--quick]
# Data is generated with ../shared/bench/gen_history.py into $STRIDE_BENCH_DATA
# (default build-bench/data) and reused on later runs (same seed => same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
years=5
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --years) years=$2; shift 2 ;;
    --quick) quick=1; years=1; shift ;;
    *) echo "usage: bench/run.sh [--years N] [--quick]" >&2; exit 2 ;;
  esac
done
shared=${STRIDE_SHARED_DIR:-$root/../shared}
data=${STRIDE_BENCH_DATA:-$root/build-bench/data}
scripts/install-deps.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSTRIDE_BUILD_BENCH=ON \
  -DSTRIDE_SHARED_DIR="$shared" >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
bin=$root/build-bench/cli/stride
mkdir -p "$data"
hist=$data/hist${years}y
if [ ! -d "$hist" ]; then
  python3 "$shared/bench/gen_history.py" --out "$hist" --years "$years" --runs-per-week 4 --seed 42
fi
files=$(find "$hist" -name '*.gpx' | wc -l)
bytes=$(du -sb "$hist" | cut -f1)
mb=$(python3 -c "print(round($bytes/1e6,1))")

# seconds and peak RSS (KiB) of a command, medians of $runs runs
runs=3; [ $quick -eq 1 ] && runs=1
measure() {
  local out=() rss=()
  for _ in $(seq "$runs"); do
    local t
    t=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
    out+=("${t% *}"); rss+=("${t#* }")
  done
  printf '%s %s\n' "$(printf '%s\n' "${out[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
                   "$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}
# /usr/bin/time -f prints to stderr after the command's own stderr: keep only its line.
timed() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }

echo "data: $hist ($files GPX files, $mb MB)"
floor1=$(timed build-bench/bench/pugixml_floor --threads 1 "$hist")
floor2=$(timed build-bench/bench/pugixml_floor --threads 2 "$hist")
db=$data/bench.db
rm -f "$db" "$db-wal" "$db-shm"
first=$(timed "$bin" --db "$db" --quiet import "$hist")
again=$(timed "$bin" --db "$db" --quiet import "$hist")
points=$(sqlite3 "$db" "select coalesce(sum(point_count),0) from activities" 2>/dev/null || echo 0)
python3 - "$floor1" "$floor2" "$first" "$again" "$files" "$mb" "$points" <<'PY'
import sys
f1, f2, first, again = (tuple(float(x) for x in a.split()) for a in sys.argv[1:5])
files, mb, points = int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
def row(name, t, rss, extra=""):
    print(f"| {name:<44} | {t[0]:8.2f} | {mb / t[0]:8.1f} | {files / t[0]:8.1f} | {rss / 1024:8.1f} | {extra}")
print("| what | s | MB/s | files/s | peak MiB | notes")
print("|---|---:|---:|---:|---:|---")
row("pugixml floor, 1 thread (parse only)", f1, f1[1])
row("pugixml floor, 2 threads (parse only)", f2, f2[1])
row("stride import (parse, derive, store)", first, first[1],
    f"{points / first[0] / 1e6:.2f} M points/s; {f1[0] / first[0]:.2f}x the 1-thread floor's speed")
row("stride import again (all seen)", again, again[1], f"{first[0] / max(again[0], 1e-3):.0f}x faster than the first")
PY

# The pre-run check on a 10-year history (about 2,000 activities), against a bare
# sqlite3 count on the same database: whole processes, alternated, medians.
csv10=$data/hist10y_csv
if [ ! -d "$csv10" ]; then
  python3 "$shared/bench/gen_history.py" --out "$csv10" --format csv --years 10 --runs-per-week 4 --seed 42
fi
db10=$data/check10y.db
rm -f "$db10" "$db10-wal" "$db10-shm"
"$bin" --db "$db10" --quiet import "$csv10" >/dev/null 2>&1 || true
n10=$(sqlite3 "$db10" "select count(*) from activities")
python3 - "$bin" "$db10" "$n10" <<'PY'
import statistics, subprocess, sys, time
stride, db, n = sys.argv[1], sys.argv[2], sys.argv[3]
cmds = {
    "sqlite3 DB 'select count(*) from activities'": ["sqlite3", db, "select count(*) from activities"],
    "stride check --distance 12km": [stride, "--db", db, "check", "--distance", "12km", "--fail-on", "never"],
}
times = {k: [] for k in cmds}
for _ in range(15):
    for k, c in cmds.items():
        t = time.perf_counter()
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[k].append(time.perf_counter() - t)
print(f"\npre-run check on a 10-year history ({n} activities), medians of 15 alternated runs:")
base = statistics.median(times["sqlite3 DB 'select count(*) from activities'"])
for k, v in times.items():
    m = statistics.median(v)
    print(f"| {k:<44} | {m * 1000:8.1f} ms | {m / base:5.2f}x the count |")
PY
