# Accueil: two commands. `make run` serves the demo; `make test` runs every check.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON_BIN = $(shell PYTHON="$(PYTHON)" scripts/find-python.sh)

.PHONY: run test venv venv-dev lint messages bench clean

$(VENV)/bin/python:
	@py="$(PYTHON_BIN)"; [ -n "$$py" ] || exit 1; \
	echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.base-installed

venv: $(VENV)/.base-installed
venv-dev: $(VENV)/.dev-installed

## run: install, migrate, load the demo and serve http://127.0.0.1:8000 (SQLite, in-memory
## channel layer, eager Celery, console e-mail).
run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v 0
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

## test: start PostgreSQL, Redis and Chromium on loopback (installing them as root), run
## ruff, Django's checks and the whole pytest suite, then stop everything.
test: venv-dev
	VENV=$(VENV) scripts/test.sh $(PYTEST_ARGS)

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## bench: page weight, queries and time of the main pages; meetings at 10 and 1,000;
## a live session with 300 websocket clients (PostgreSQL + Redis on loopback).
bench: venv-dev
	VENV=$(VENV) scripts/bench.sh

## messages: extract and compile translations (needs gettext).
messages: venv-dev
	$(PY) manage.py makemessages --all --ignore=.venv --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) .staticfiles .pytest_cache db.sqlite3
