# Redress: `make run` to try it, `make test` to check it. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
export REDRESS_DEBUG ?= true

.PHONY: install run serve migrate demo test lint typecheck migrations-check pytest conformance bench assets clean

install: $(STAMP)  ## create .venv and install everything pinned

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip==26.3 setuptools==80.9.0
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install migrate demo serve  ## install, migrate SQLite, load demo data, serve on http://127.0.0.1:8000

migrate: install
	$(BIN)/redress migrate --noinput

demo: install
	$(BIN)/redress demo

serve: install
	$(BIN)/redress runserver $(HOST)

test: install lint typecheck migrations-check pytest  ## install, then the whole suite

lint: install
	$(BIN)/ruff check redress tests bench

typecheck: install
	$(BIN)/mypy redress

migrations-check: install
	REDRESS_TESTING=true $(BIN)/redress makemigrations --check --dry-run

pytest: install
	REDRESS_TESTING=true $(BIN)/pytest -q -n 2 --dist loadgroup

conformance: install
	../shared/conformance/run $(BIN)/redress

bench: install  ## print the benchmark figures
	$(BIN)/python -m bench

assets:  ## rebuild the committed GOV.UK Frontend assets from npm
	npm ci --no-audit --no-fund
	npm run --silent build

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
