# ScoreGate: the two commands of README.md, plus the project's maintenance targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PROCESSES ?= 4
RUNS      ?= 10

.PHONY: setup run test utest suites pabot repeat-pabot mock lint docs docs-html bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

## setup: the virtual environment, and the project's Python compiled once (every Robot and mock process reuses it)
setup: $(STAMP)
	$(BIN)/python -m compileall -q libraries mock

## run: the suites against the embedded mock, results in results/
run: setup
	$(BIN)/robot --outputdir results --xunit xunit.xml suites/; status=$$?; \
	$(BIN)/python scripts/summarize_results.py results/output.xml results/summary.json || status=1; \
	exit $$status

## test: linters, unit tests, the suites serially, the suites under pabot, then the defect-detection matrix
test: setup
	bash scripts/run-tests.sh

utest: setup
	$(BIN)/pytest utest

suites: setup
	$(BIN)/robot --outputdir results/serial --xunit xunit.xml suites/

pabot: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pabot --processes $(PROCESSES) --pabotlibport 0 --outputdir results/pabot --xunit xunit.xml suites/

.PHONY: defect-matrix gate

## defect-matrix: the suites against the clean mock and once per defect; results/defect-matrix.{json,html,xml}
defect-matrix: setup
	$(BIN)/python scripts/defect_matrix.py --outputdir results $(MATRIX_OPTIONS)

## gate: the suites under pabot judged as a release gate (must-pass tags, regression, PSI); results/gate.md
##       make gate ROBOT_OPTIONS="-v SCORING_BASE_URL:https://..." GATE_OPTIONS="--must-pass smoke,contract"
gate: setup
	env -u ROBOT_OPTIONS $(BIN)/python scripts/gate.py --processes $(PROCESSES) $(GATE_OPTIONS) -- $(ROBOT_OPTIONS)

## mock: the mock scoring platform on port 8089, in the foreground
mock: setup
	$(BIN)/python -m mock --port 8089

## lint: ruff, robocop, bandit, detect-secrets and actionlint, each to the end; report in results/lint.xml
lint: setup
	$(BIN)/python scripts/run_lint.py --junit results/lint.xml

## docs: the keyword pages (Markdown) of ScoringLibrary and every resource file in docs/keywords/
docs: setup
	$(BIN)/python scripts/build_keyword_docs.py

## docs-html: libdoc's searchable HTML pages of the same keywords in results/keywords/
docs-html: setup
	$(BIN)/python scripts/build_keyword_docs.py --format HTML --output-dir results/keywords

## repeat-pabot: pabot on suites/ RUNS times (default 10) back to back; names every test that failed in any run
repeat-pabot: setup
	$(BIN)/python scripts/repeat_pabot.py --runs $(RUNS) --processes $(PROCESSES)

## bench: every benchmark under benchmarks/, one table of headline figures
bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf results/* .pytest_cache .ruff_cache
