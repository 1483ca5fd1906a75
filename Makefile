# PowerDesk: `make run` serves the demo station, `make test` runs every test.
# Both install what they need first and are safe to run again.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
export UV_PYTHON_DOWNLOADS := never
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PG_URL := postgres://powerdesk:powerdesk@127.0.0.1:5432/powerdesk

.PHONY: help uv run test test-postgres lint format install install-all system messages clean bench screenshots

help:
	@echo "make run            install, migrate, build the demo station, serve on http://$(HOST):$(PORT)"
	@echo "make test           install and run every test (SQLite)"
	@echo "make test-postgres  the same suite on a local PostgreSQL (installs and starts it)"
	@echo "make lint           ruff and mypy"
	@echo "make screenshots    the browser tests, saving their screenshots in docs/screenshots"

uv:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv

# The web application (extras installed before, such as the grid importers, are kept).
# Compiled to bytecode once here: where PYTHONDONTWRITEBYTECODE is set, as on the build
# machines, every process compiled scikit-learn, SciPy and pandas anew from their sources (10 s
# of a web worker's 14 s loading the call classifier). Later syncs compile only what changed.
install: uv
	@$(UV) sync --locked --quiet --inexact --compile-bytecode

# Everything the tests use, including the optional grid importers (pandapower, simbench).
install-all: uv
	@$(UV) sync --locked --quiet --all-extras --compile-bytecode

system:
	@./scripts/install-system-packages.sh

run: install
	@$(UV) run powerdesk migrate --no-input -v 0
	@$(UV) run powerdesk demo --if-empty
	@./scripts/serve.sh $(HOST) $(PORT)

# The tests write their bytecode (__pycache__, ignored by git) even where PYTHONDONTWRITEBYTECODE
# is set, as on the build machines: there every session compiled each test module anew (pytest's
# assertion rewriting) and each process a test starts compiled the project's modules anew.
# Collecting the suite took 24.5 s of processor time, 13.7-15.2 s with the bytecode kept.
test: install-all system
	@env -u PYTHONDONTWRITEBYTECODE $(UV) run pytest $(PYTEST_ARGS)

test-postgres: install-all
	@./scripts/install-system-packages.sh --postgres
	@./scripts/start-postgres.sh
	@DATABASE_URL=$(PG_URL) $(MAKE) --no-print-directory test

# The browser tests save their screenshots in a temporary folder unless asked for the docs'.
screenshots: install-all system
	@POWERDESK_SCREENSHOTS=1 $(UV) run pytest -m browser -q $(PYTEST_ARGS)

lint: install-all
	@$(UV) run ruff check .
	@$(UV) run ruff format --check .
	@$(UV) run mypy powerdesk

format: install
	@$(UV) run ruff format .
	@$(UV) run ruff check --fix .

messages: install
	@$(UV) run powerdesk makemessages -l zh_Hans -l en --ignore '.venv/*' --no-obsolete
	@$(UV) run powerdesk compilemessages -v 0 --ignore '.venv'

bench: install-all
	@$(UV) run python bench/storm.py

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
