#!/usr/bin/env bash
# The README demo: installs what is missing, builds stride, and runs it on the
# shipped example history (examples/) in a temporary database: init, import,
# list, status, a pre-run check that is expected to warn, then a 4-week plan
# generated from that history and checked (it must be clear), and the shipped
# examples/plan.yaml checked on the same history (clear as well).
# Deterministic: STRIDE_TODAY pins "today" to the Wednesday after the history.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target stride

stride=build/cli/stride
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STRIDE_TODAY=2026-11-25
export STRIDE_DB="$work/stride.db"

step() { printf '\n$ %s\n' "$*"; }

step stride init
"$stride" init
# The example profile (Europe/Berlin, two shoes, a trail zone) replaces the default.
cp examples/profile.yaml "$work/profile.yaml"

step stride import examples/history
"$stride" import examples/history

step stride list --since 2026-11-01
"$stride" list --since 2026-11-01

step stride status
"$stride" status

step stride check --distance 16km --date tomorrow
# A caution exits 0 by default and a danger 4; the demo shows either.
status=0
"$stride" check --distance 16km --date tomorrow || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ] && [ "$status" -ne 4 ]; then
  echo "demo: stride check failed (exit $status)" >&2
  exit "$status"
fi

step stride check --distance 11km --surface trail --date tomorrow
"$stride" check --distance 11km --surface trail --date tomorrow || true

step stride plan generate --weeks 4 --out plan.yaml
"$stride" plan generate --weeks 4 --out "$work/plan.yaml"
sed -n '1,40p' "$work/plan.yaml"
echo "... ($(wc -l <"$work/plan.yaml") lines)"

step stride plan check plan.yaml --fail-on caution
# A generated plan checks clear (the generator promises it): a caution (3) or
# a danger (4) here is a bug, and the demo fails.
"$stride" plan check "$work/plan.yaml" --fail-on caution

for f in plan-maintain plan-goal-40km plan-half-marathon plan-marathon; do
  step stride plan check "examples/$f.yaml" --fail-on caution
  "$stride" plan check "examples/$f.yaml" --fail-on caution | tail -1
done

step stride plan check examples/plan.yaml --fail-on caution
# The shipped example plan was generated for this runner and is clear too.
"$stride" plan check examples/plan.yaml --fail-on caution
