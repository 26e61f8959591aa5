#!/usr/bin/env bash
# Apple Health export.xml import: peak RSS and time of `stride import --dry-run`
# against one bare expat pass over the same file, in the same run.
#   bench/apple_health_bench.sh BUILD_DIR YEARS      (5 years ≈ 2 GB)
# Needs the build configured with -DSTRIDE_BUILD_BENCH=ON (expat_floor).
set -euo pipefail
build=${1:?build dir}
years=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$(dirname "$0")/gen_apple_health.py" "$work/export.xml" "$years"
ls -l "$work/export.xml"
cat "$work/export.xml" > /dev/null  # the page cache holds it for both runs
/usr/bin/time -f "expat_floor: %e s, peak RSS %M KiB" "$build/bench/expat_floor" "$work/export.xml"
HOME=$work STRIDE_DB=$work/stride.db /usr/bin/time -f "stride import: %e s, peak RSS %M KiB" \
  "$build/cli/stride" import --dry-run "$work/export.xml" | tail -1
/usr/bin/time -f "expat_floor again: %e s, peak RSS %M KiB" "$build/bench/expat_floor" "$work/export.xml"
