# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install frontend migrate demo serve worker lint typecheck check-migrations pytest bench clean

## run: install, build the front end, migrate, load the demo and serve on http://127.0.0.1:8000/
run: install frontend migrate demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## test: install, lint, type-check, check migrations, run the whole suite (DATABASE_URL picks
## the database); the suite includes the import layers (tests/core/test_layers.py)
test: install frontend lint typecheck check-migrations pytest

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend: build/static/css/main.css

build/static/css/main.css: node_modules/.installed $(shell find frontend -type f 2>/dev/null)
	npm run --silent build

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## typecheck: mypy with django-stubs on the files pyproject.toml lists under [tool.mypy]
typecheck: install
	$(PY) -m mypy

check-migrations: install
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=ltc_portal.settings.test $(PY) manage.py makemigrations --check --dry-run

## pytest: the suite on every core (pytest-xdist; PYTEST_WORKERS=0 runs it in one process)
PYTEST_WORKERS ?= auto
pytest: install frontend
	$(PY) -m pytest --create-db -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## serve: production settings under gunicorn (needs SECRET_KEY, ALLOWED_HOSTS and REDIS_URL)
serve: install frontend
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=ltc_portal.settings.production $(PY) manage.py collectstatic --noinput --clear
	DJANGO_SETTINGS_MODULE=ltc_portal.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=ltc_portal.settings.production $(VENV)/bin/gunicorn ltc_portal.wsgi \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3}

## worker: background tasks (an RQ worker) and scheduled publishing, with the same settings
worker: install
	@mkdir -p var
	export DJANGO_SETTINGS_MODULE=ltc_portal.settings.production; \
	$(PY) manage.py run_scheduled_publishing & publisher=$$!; \
	trap 'kill $$publisher 2>/dev/null' EXIT; \
	$(PY) manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler default

## bench: the portal under production settings and gunicorn against a bare Django view, with
## wrk, at demo and national scale, and a 50,000-row register import (bench/serve.py); appends
## the table to bench/RESULTS.md. Needs PostgreSQL and Redis, as `make serve` does.
bench: install frontend
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/serve.py

clean:
	rm -rf $(VENV) node_modules build staticfiles var
