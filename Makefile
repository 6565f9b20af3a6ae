# The two front-door commands: `make run` and `make test` (see README.md).
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
PG_TEST ?= postgresql+psycopg://127.0.0.1:5432/postgres

.PHONY: install run test lint bench

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/podium import $(DATA)
	$(BIN)/podium table milano-cortina-2026

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	PODIUM_TEST_BACKEND=sqlite $(BIN)/pytest
	PODIUM_TEST_BACKEND=postgresql PODIUM_TEST_POSTGRES=$(PG_TEST) $(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py
