# Präventionsnetz: `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VAR := var
APP := $(BIN)/praeventionsnetz
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run worker serve test test-steps lint bench messages install install-dev demo static clean upgrade-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@$(MAKE) --no-print-directory static

# Static files for production: hashed names, .gz and .br beside them (WhiteNoise serves
# them). Collected again only when a static file changed.
STATIC_SOURCES := $(shell find src -path '*/static/*' -type f 2>/dev/null)
static: $(VAR)/static/staticfiles.json
$(VAR)/static/staticfiles.json: $(STATIC_SOURCES) pyproject.toml
	DEBUG=0 STATIC_MANIFEST=1 $(APP) collectstatic --no-input --clear -v0

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

demo: install
	DEBUG=1 $(APP) migrate --no-input
	DEBUG=1 $(APP) load_demo

# The worker for background tasks (imports confirmed in the web) runs beside the server and
# stops with it. Without reload: after changing a task's code, start `make run` again.
run: demo
	@echo "Präventionsnetz läuft auf http://$(HOST):$(PORT)/ (Strg+C beendet)"
	@DEBUG=1 $(APP) db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(APP) runserver $(HOST):$(PORT)

# Only the worker, e.g. beside a server started otherwise.
worker: install
	DEBUG=1 $(APP) migrate --no-input
	DEBUG=1 $(APP) db_worker

# Production on this machine: gunicorn with DEBUG off on the database of DATABASE_URL
# (PostgreSQL; SECRET_KEY and ALLOWED_HOSTS from the environment, see docs/betrieb.md).
serve: install
	@test -n "$$DATABASE_URL" || { echo "make serve: DATABASE_URL fehlt (z. B. postgres://praeventionsnetz@localhost/praeventionsnetz), siehe docs/betrieb.md"; exit 2; }
	@test -n "$$SECRET_KEY$$SECRET_KEY_FILE" || { echo "make serve: SECRET_KEY fehlt (mindestens 50 zufällige Zeichen), siehe docs/betrieb.md"; exit 2; }
	DEBUG=0 $(APP) migrate --no-input
	DEBUG=0 $(BIN)/gunicorn -c python:praeventionsnetz.config.gunicorn praeventionsnetz.config.wsgi

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports
	DEBUG=1 $(APP) makemigrations --check --dry-run

# Reports the time of the whole run (install, lint, tests); fails when any step fails.
test:
	@start=$$(date +%s); $(MAKE) --no-print-directory test-steps; rc=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s in all (install, lint, tests), exit $$rc"; \
	exit $$rc

# Work stealing: a worker that runs out takes tests from the other, so a long test near the
# end (a migration round trip, a browser flow) no longer leaves one core idle.
test-steps: install-dev lint
	$(BIN)/pytest -n 2 --dist worksteal $(PYTEST_ARGS)

# Release 0.1.0's demo restored into a scratch database of the configured engine
# (DATABASE_URL, SQLite without it), migrated forward and checked (docs/backup.md).
upgrade-check: install
	$(APP) upgrade_check data/releases/0.1.0

bench: install-dev
	$(BIN)/python benchmarks/run.py

# django.po is the source translators edit: makemessages adds new entries and keeps theirs;
# the test suite fails on untranslated or fuzzy entries.
messages: install-dev
	cd src/praeventionsnetz && DEBUG=1 ../../$(APP) makemessages --locale de --no-obsolete --no-location
	cd src/praeventionsnetz && DEBUG=1 ../../$(APP) compilemessages --locale de

clean:
	rm -rf $(VENV) var
