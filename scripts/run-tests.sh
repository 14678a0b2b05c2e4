#!/usr/bin/env bash
# The project's full test run: pytest, the suites serially, the suites under pabot.
# Every stage runs even when an earlier one fails; the last line is the totals.
set -u
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PATH="$PWD/.venv/bin:$PATH"
PROCESSES="${PROCESSES:-4}"
mkdir -p results
status=0

echo "== unit tests (pytest)"
"$BIN/pytest" utest --junitxml=results/pytest.xml -p no:cacheprovider || status=1

echo "== suites, serial (robot)"
"$BIN/robot" --outputdir results/serial --xunit xunit.xml --consolewidth 100 suites/ || status=1

echo "== suites, parallel (pabot --processes $PROCESSES)"
"$BIN/pabot" --processes "$PROCESSES" --pabotlibport 0 --outputdir results/pabot --xunit xunit.xml suites/ || status=1

"$BIN/python" scripts/junit_totals.py results/pytest.xml results/serial/xunit.xml results/pabot/xunit.xml \
  | tee results/totals.txt
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
exit $status
