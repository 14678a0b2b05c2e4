# ScoreGate: the two commands of README.md, plus the project's maintenance targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PROCESSES ?= 4

.PHONY: setup run test utest suites pabot mock lint docs bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

## run: the suites against the embedded mock, results in results/
run: setup
	$(BIN)/robot --outputdir results --xunit xunit.xml suites/; status=$$?; \
	$(BIN)/python scripts/summarize_results.py results/output.xml results/summary.json || status=1; \
	exit $$status

## test: unit tests, the suites serially, then the suites under pabot
test: setup
	bash scripts/run-tests.sh

utest: setup
	$(BIN)/pytest utest

suites: setup
	$(BIN)/robot --outputdir results/serial --xunit xunit.xml suites/

pabot: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pabot --processes $(PROCESSES) --pabotlibport 0 --outputdir results/pabot --xunit xunit.xml suites/

## mock: the mock scoring platform on port 8089, in the foreground
mock: setup
	$(BIN)/python -m mock --port 8089

## lint: ruff, robocop, bandit, detect-secrets and actionlint, each to the end; report in results/lint.xml
lint: setup
	$(BIN)/python scripts/run_lint.py --junit results/lint.xml

## docs: libdoc HTML of ScoringLibrary and every resource file in docs/keywords/
docs: setup
	$(BIN)/python scripts/build_keyword_docs.py

## bench: every benchmark under benchmarks/, one table of headline figures
bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf results/* .pytest_cache .ruff_cache
