# The two commands a newcomer needs: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export STAGEWIJS_ENV ?= development

.PHONY: run test test-js test-postgres lint format bench profile install install-test browser node postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: the package is installed again only when pyproject.toml changes, so the second
# and later `make run` start at once. setuptools' note on editable installs is noise here
# (PYTHONWARNINGS reaches the build backend; pip still reports real errors).
PIP_INSTALL := PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --disable-pip-version-check

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/flask --app wsgi db-upgrade
	$(BIN)/flask --app wsgi seed-demo --if-empty
	$(BIN)/flask --app wsgi vapid-keys
	BIN=$(BIN) PORT=$(PORT) bash scripts/run.sh

browser:
	bash scripts/ensure-browser.sh

node:
	bash scripts/ensure-node.sh

# The phone app's pure logic (outbox order, record merge, dates) on node's own test runner.
test-js: node
	node --test tests/js/*.test.mjs

# The migration tests run on a throw-away PostgreSQL as well as SQLite.
postgres:
	bash scripts/ensure-postgres.sh

test: install-test browser postgres test-js
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The API, domain and privacy tests again, on a throw-away PostgreSQL (installed when missing).
test-postgres: install-test
	$(PIP_INSTALL) -e '.[postgres]'
	bash scripts/with-postgres.sh $(BIN)/python -m pytest tests/api tests/services tests/privacy \
		--deselect tests/services/test_concurrent_writers.py $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test browser
	bash scripts/ensure-bench-tools.sh
	$(BIN)/python -m bench $(BENCH_ARGS)

# Where an hour-entry create's time goes (cProfile, SQL statements), in-process.
profile: install-test
	$(BIN)/python -m bench.profile_create $(PROFILE_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
