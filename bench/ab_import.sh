#!/usr/bin/env bash
# Before/after for a change to the import path: imports the same folder with
# two stride binaries, alternated (A B A B ...), each into a fresh database,
# and prints the median wall time of each and their ratio. Only the ratio
# means anything on a shared machine.
#   bench/ab_import.sh BEFORE_BIN AFTER_BIN FOLDER [RUNS]
# e.g. a history from ../shared/bench/gen_history.py --out /tmp/h --years 3 --seed 42
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: bench/ab_import.sh BEFORE_BIN AFTER_BIN FOLDER [RUNS]" >&2; exit 2; }
before=$1 after=$2 folder=$3 runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STRIDE_TODAY=2026-12-06 XDG_CONFIG_HOME="$work/config"
find "$folder" -type f -exec cat {} + >/dev/null  # warm the page cache
for ((i = 0; i < runs; i++)); do
  for v in before after; do
    bin=${!v} db="$work/$v.db"
    rm -f "$db" "$db-wal" "$db-shm"
    STRIDE_DB=$db "$bin" init >/dev/null
    s=$(date +%s%N)
    STRIDE_DB=$db "$bin" import "$folder" >/dev/null
    echo "$v $(( $(date +%s%N) - s ))"
  done
done | python3 -c '
import statistics, sys
t = {}
for line in sys.stdin:
    v, ns = line.split()
    t.setdefault(v, []).append(int(ns) / 1e9)
b, a = statistics.median(t["before"]), statistics.median(t["after"])
n = len(t["before"])
print(f"{n} runs each; before: median {b:.2f} s; after: median {a:.2f} s; after/before {a / b:.3f}")
'
