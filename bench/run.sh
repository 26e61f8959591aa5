#!/usr/bin/env bash
# Prints stride's import and pre-run-check figures beside the floors, measured in one run.
#   bench/run.sh [--years N] [--quick] [--skip gpx,big,strava,fit,check]
# Data is generated with ../shared/bench/gen_history.py into $STRIDE_BENCH_DATA
# (default build-bench/data) and reused on later runs (same seed => same bytes).
# The FIT comparison needs node and npm (it installs @garmin/fitsdk into the
# data folder); without them it is skipped. bench/figures.py does the timing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
years=5
runs=3
skip=
while [ $# -gt 0 ]; do
  case "$1" in
    --years) years=$2; shift 2 ;;
    --quick) years=1; runs=1; shift ;;
    --skip) skip=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--years N] [--quick] [--skip gpx,big,strava,fit,check]" >&2; exit 2 ;;
  esac
done
shared=${STRIDE_SHARED_DIR:-$root/../shared}
data=${STRIDE_BENCH_DATA:-$root/build-bench/data}
scripts/install-deps.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DSTRIDE_BUILD_BENCH=ON \
  -DSTRIDE_SHARED_DIR="$shared" >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
python3 bench/figures.py --build build-bench --data "$data" --shared "$shared" --years "$years" \
  --runs "$runs" ${skip:+--skip "$skip"}
