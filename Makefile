# Followup: `make run` to use it, `make test` to test it, `make lint` before you push.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Local PostgreSQL and Redis for tests, on their default ports; override to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/followup
TEST_REDIS ?= redis://127.0.0.1:6379

.PHONY: run test lint format bench secret clean services assets

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

## assets: Bootstrap's stylesheet trimmed to the classes the templates use, into build/static/ (git
## ignores it). Read from installed packages: nothing is fetched. run, test and bench build it first.
assets: venv
	$(PY) scripts/build_assets.py

## run: the web server, a Celery worker and beat on the embedded defaults (SQLite, filesystem broker).
run: assets
	mkdir -p var/broker
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	@echo ""
	@echo "  Followup is starting: open http://localhost:$(PORT)/  (Ctrl-C stops everything)"
	@echo "  Links in emails will point to $${SITE_URL:-http://localhost:$(PORT)}  (set SITE_URL to change it)"
	@echo ""
	DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://localhost:$(PORT)} exec $(VENV)/bin/honcho start --port $(PORT)

## test: the whole suite against local PostgreSQL and Redis (started if installed but stopped).
## TEST_AT="2026-12-31 23:30 UTC" runs it with the clock moved to that moment (README: Tests at another date).
test: assets
	bash scripts/test-services.sh $(if $(TEST_AT),--faketime)
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS)/14 CELERY_BROKER_URL=$(TEST_REDIS)/15 \
		$(if $(TEST_AT),bash scripts/at-time.sh '$(TEST_AT)') $(PY) -m pytest --create-db $(PYTEST_ARGS)
	$(PY) scripts/check_stray_files.py

## lint: ruff, the layering (lint-imports), types (mypy), migrations in step with models, the compose
## file, and no file left behind by a run (CONTRIBUTING.md: Checks).
lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) -m mypy
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	bash scripts/check-compose.sh
	$(PY) scripts/check_stray_files.py

format: venv
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## bench: speed of pages, the reminder pipeline and letter composition (bench/README.md; ~3 min).
## It rebuilds the demo data in the test database's name + _bench (followup_bench) and writes bench/results.json.
bench: assets
	bash scripts/test-services.sh --no-browser
	DATABASE_URL=$(TEST_DATABASE_URL)_bench REDIS_URL=$(TEST_REDIS)/12 \
		CELERY_BROKER_URL=$(TEST_REDIS)/13 $(PY) -m bench $(BENCH_ARGS)
	$(PY) scripts/check_stray_files.py

secret:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))"

clean:
	rm -rf var build staticfiles .pytest_cache .ruff_cache test-artifacts
