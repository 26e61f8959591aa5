#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang in build-fuzz/ and runs each one.
#   scripts/fuzz.sh [SECONDS] [FORMAT...]     e.g. scripts/fuzz.sh 300 tcx
# Seeds: the real files of ../shared/data/real (or $STRIDE_REAL_DATA) and the
# regression inputs in tests/data/fuzz/<format>/. Crashing inputs land in
# build-fuzz/crashes/<format>/; keep them under tests/data/fuzz/<format>/.
# FUZZ_MAX_LEN (default 262144) bounds the inputs: the real CSV seeds are
# 60-300 kB, which the instrumented CSV readers take a quarter second each
# for (4 runs/s); FUZZ_MAX_LEN=8192 trades the seeds' tails for speed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
formats=("$@")
[ ${#formats[@]} -eq 0 ] && formats=(gpx tcx fit csv garmin_json apple_xml)
real=${STRIDE_REAL_DATA:-../shared/data/real}

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DSTRIDE_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
status=0
for f in "${formats[@]}"; do
  cmake --build build-fuzz -j2 --target "fuzz_$f"
  corpus=build-fuzz/corpus/$f
  crashes=build-fuzz/crashes/$f
  mkdir -p "$corpus" "$crashes"
  if [ -d "$real" ]; then
    find "$real" -type f -iname "*.$f" -exec cp {} "$corpus/" \;
  fi
  # The account-export readers start from the fixtures' own files.
  case $f in
    garmin_json) find tests/data/exports -name '*summarizedActivities.json' -exec cp {} "$corpus/" \; ;;
    apple_xml) find tests/data/exports -name 'export.xml' -exec cp {} "$corpus/" \; ;;
  esac
  if [ -d "tests/data/fuzz/$f" ]; then
    find "tests/data/fuzz/$f" -type f -exec cp {} "$corpus/" \;
  fi
  echo "== fuzz_$f for ${seconds}s ($(ls "$corpus" | wc -l) seeds)"
  if ! "build-fuzz/tests/fuzz/fuzz_$f" -max_total_time="$seconds" \
      -max_len="${FUZZ_MAX_LEN:-262144}" -timeout=20 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus"; then
    echo "fuzz_$f found a crash: see $crashes/"
    status=1
  fi
done
exit $status
