# Accord: `make run` sets everything up and serves the example partnership; `make test` runs the
# whole suite. Both work on a fresh machine with Python 3.11+ and Node.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test lint typecheck checks pytest bench assets clean

$(VENV)/.run-deps: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.test-deps: $(VENV)/.run-deps requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

accord/common/static/accord/accord.css: node_modules/.installed assets/scss/accord.scss assets/copy.mjs
	npm run --silent build

assets: accord/common/static/accord/accord.css

run: $(VENV)/.run-deps assets
	@mkdir -p var/static
	$(VENV)/bin/accord migrate --noinput -v0
	$(VENV)/bin/accord load-example
	$(VENV)/bin/accord create-demo-users
	$(VENV)/bin/accord serve

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.test-deps
	$(VENV)/bin/mypy accord/*/services.py accord/*/selectors.py accord/common/editing.py

checks: $(VENV)/.test-deps
	@mkdir -p var/static
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	ACCORD_DEBUG=0 ACCORD_SECRET_KEY=ci-only-$$(date +%s)-a-long-random-enough-secret-key-for-checks \
	  ACCORD_ALLOWED_HOSTS=accord.example.org $(PY) manage.py check --deploy --fail-level WARNING

pytest: $(VENV)/.test-deps assets
	$(VENV)/bin/pytest -q

test: lint typecheck checks pytest

bench: $(VENV)/.test-deps assets
	$(PY) -m tests.bench

clean:
	rm -rf $(VENV) node_modules var accord/common/static/accord
