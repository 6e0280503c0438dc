# plenary – `make demo` sets up everything and serves the IGF 2023 demo; `make test` runs the suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PLENARY := $(BIN)/plenary
PYTHON := $(shell ./scripts/find-python.sh)

.PHONY: demo serve test lint format messages bench lock system-deps system-deps-test clean help

help:
	@echo "make demo   set up (venv, system packages, database, demo data) and serve http://127.0.0.1:8000"
	@echo "make test   lint and the whole test suite (SQLite; PostgreSQL too when DATABASE_URL is set)"
	@echo "make bench  benchmarks, printing ratios against baselines measured in the same run"
	@echo "make lock   update the lock files to the newest releases pyproject.toml allows"

$(VENV)/.installed: pyproject.toml requirements-dev.lock .python-version
	@if [ -z "$(PYTHON)" ]; then \
	  echo "plenary needs Python 3.12 or newer, and none was found."; \
	  echo "Install it, e.g. 'pyenv install 3.13' (this folder's .python-version selects it)"; \
	  echo "or 'sudo apt-get install python3.12 python3.12-venv', then run make again."; \
	  exit 1; fi
	@same_python() { [ "$$($(BIN)/python -c 'import sys; print(sys.version_info[:2])' 2>/dev/null)" = \
	  "$$($(PYTHON) -c 'import sys; print(sys.version_info[:2])')" ]; }; \
	  same_python || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "pyproject.toml asks for what the lock does not hold: run make lock"; exit 1; }
	@touch $@

# requirements.lock (what production installs) and requirements-dev.lock (plus the test tools, what
# make installs), with hashes, for every platform and Python >= 3.12; the dev lock is constrained by
# the production one, so both hold the same versions.
LOCK_COMPILE := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.12 --generate-hashes \
  --custom-compile-command "make lock" --quiet

lock: $(VENV)/.installed
	$(LOCK_COMPILE) --upgrade -o requirements.lock
	$(LOCK_COMPILE) --upgrade --extra dev -c requirements.lock -o requirements-dev.lock

system-deps:
	@./scripts/system-deps.sh

system-deps-test:
	@./scripts/system-deps.sh --test

messages: $(VENV)/.installed
	@cd plenary && ../$(PLENARY) compilemessages -v0 --ignore=.venv

lint: $(VENV)/.installed
	$(BIN)/ruff check plenary bench tests
	$(BIN)/ruff format --check plenary bench tests
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix plenary bench tests
	$(BIN)/ruff format plenary bench tests

demo: system-deps $(VENV)/.installed messages
	$(PLENARY) migrate -v0
	$(PLENARY) load_reference_data
	@./scripts/serve-demo.sh

test: system-deps-test $(VENV)/.installed messages lint
	env -u DATABASE_URL $(BIN)/pytest -m "not postgres" --cov --cov-report=html
	@if [[ "$$DATABASE_URL" == postgres* ]]; then \
	  echo "== the whole suite again on PostgreSQL ($$DATABASE_URL)"; \
	  $(BIN)/pytest; \
	elif [[ "$$CI" == true ]]; then \
	  echo "CI runs the suite on PostgreSQL: set DATABASE_URL=postgres://..."; exit 1; \
	else \
	  echo "PostgreSQL tests not run: set DATABASE_URL=postgres://user@host/dbname to run them."; \
	fi

bench: system-deps $(VENV)/.installed messages
	@shopt -s nullglob; for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var build *.egg-info
