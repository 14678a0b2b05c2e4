#!/usr/bin/env bash
# The project's full test run: the linters, pytest, the suites serially, the suites under pabot,
# then the defect-detection matrix (scripts/defect_matrix.py).
# Every stage runs even when an earlier one fails; each Robot run also gets a summary.json;
# the last line is the totals (each linter counts as one test, see results/lint.xml).
set -u
cd "$(dirname "$0")/.." || exit 1
BIN=.venv/bin
export PATH="$PWD/.venv/bin:$PATH"
PROCESSES="${PROCESSES:-4}"
mkdir -p results
# A stage that produces nothing must count as failed, not pass on an earlier run's files.
rm -f results/lint.xml results/pytest.xml results/serial/xunit.xml results/pabot/xunit.xml \
  results/serial/summary.json results/pabot/summary.json
status=0

echo "== linters (scripts/run_lint.py)"
"$BIN/python" scripts/run_lint.py --junit results/lint.xml || status=1

echo "== unit tests (pytest)"
"$BIN/pytest" utest --junitxml=results/pytest.xml -p no:cacheprovider || status=1

echo "== suites, serial (robot)"
"$BIN/robot" --outputdir results/serial --xunit xunit.xml --consolewidth 100 suites/ || status=1
"$BIN/python" scripts/summarize_results.py results/serial/output.xml results/serial/summary.json || status=1

echo "== suites, parallel (pabot --processes $PROCESSES)"
"$BIN/pabot" --processes "$PROCESSES" --pabotlibport 0 --outputdir results/pabot --xunit xunit.xml suites/ || status=1
"$BIN/python" scripts/summarize_results.py results/pabot/output.xml results/pabot/summary.json || status=1

echo "== defect-detection matrix (clean run + one run per mock defect, failures re-run once)"
rm -f results/defect-matrix.xml
"$BIN/python" scripts/defect_matrix.py --outputdir results || status=1

"$BIN/python" scripts/junit_totals.py results/lint.xml results/pytest.xml results/serial/xunit.xml \
  results/pabot/xunit.xml results/defect-matrix.xml | tee results/totals.txt
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
exit $status
