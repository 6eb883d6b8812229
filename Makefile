# Socialstyring — build, run and test.
#
#   make run      set up .venv, load the demo data and serve http://127.0.0.1:8000
#   make test     the whole suite: ruff, mypy, pytest on SQLite, pytest on a throwaway PostgreSQL
#   make lint     ruff check + mypy
#   make pytest   pytest on SQLite only (extra arguments: make pytest PYTEST_ARGS="-k takst")
#   make clean    remove caches and build artefacts (keeps .venv and var/)
#
# Only Python >= 3.11 and make are needed; the venv is created on first use and
# re-installed when pyproject.toml changes.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.socialstyring-installed
PYTEST_ARGS ?=

.PHONY: help venv run test lint ruff mypy pytest pytest-sqlite pytest-postgres clean distclean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# --- virtualenv --------------------------------------------------------------

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required, found " + sys.version'
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	@touch $@

venv: $(STAMP)

# --- run ---------------------------------------------------------------------

# The demo runs in the development configuration (DEBUG on, its own secret key under var/);
# without SOCIALSTYRING_DEBUG=1 the settings are production's (see the README's "Drift").
run: export SOCIALSTYRING_DEBUG = 1
run: $(STAMP)
	@mkdir -p var
	$(BIN)/socialstyring demo opsaet
	$(BIN)/python -m socialstyring.web.manage runserver 127.0.0.1:8000

# --- checks ------------------------------------------------------------------

ruff: $(STAMP)
	@scripts/banner "ruff check"
	$(BIN)/ruff check .

mypy: $(STAMP)
	@scripts/banner "mypy"
	$(BIN)/mypy socialstyring tests

lint: $(STAMP)
	@$(MAKE) --no-print-directory ruff
	@$(MAKE) --no-print-directory mypy

pytest-sqlite: $(STAMP)
	@scripts/banner "pytest (SQLite, incl. browser tests)"
	env -u SOCIALSTYRING_DATABASE_URL scripts/pytest-strict $(BIN)/python $(PYTEST_ARGS)

pytest: pytest-sqlite

pytest-postgres: $(STAMP)
	@scripts/banner "pytest (PostgreSQL, without browser tests)"
	scripts/pytest-postgres $(BIN)/python $(PYTEST_ARGS)

# Run in sequence (also under make -j): each step must pass before the next.
test: $(STAMP)
	@$(MAKE) --no-print-directory ruff
	@$(MAKE) --no-print-directory mypy
	@$(MAKE) --no-print-directory pytest-sqlite
	@$(MAKE) --no-print-directory pytest-postgres
	@if scripts/pg-throwaway --bindir >/dev/null; then \
		scripts/banner "make test: all checks passed (SQLite and PostgreSQL)"; \
	else \
		scripts/banner "make test: checks passed, but the PostgreSQL pass was SKIPPED"; \
	fi

# --- housekeeping ------------------------------------------------------------

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name '*.egg-info' -prune -exec rm -rf {} +
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

# Also removes the virtualenv and the local database under var/.
distclean: clean
	rm -rf $(VENV) var
