# ScoreGate: the two commands of README.md, plus the project's maintenance targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PROCESSES ?= 4

.PHONY: setup run test utest suites pabot mock lint docs clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

## run: the suites against the embedded mock, results in results/
run: setup
	$(BIN)/robot --outputdir results --xunit xunit.xml suites/

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

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/robocop check resources suites
	$(BIN)/robocop format --check resources suites

clean:
	rm -rf results/* .pytest_cache .ruff_cache
