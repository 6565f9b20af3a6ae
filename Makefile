# The two front-door commands: `make run` and `make test` (see README.md).
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
PG_TEST ?= postgresql+psycopg://127.0.0.1:5432/postgres

.PHONY: install run test lint bench bench-web

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

LIVE_DB ?= live.db
PORT ?= 8000
SPEED ?= 600

# A fresh live database (everything but the 2026 medals), the server in the foreground and
# the 2026 results replayed through the write API in the background at $(SPEED)x.
run: install
	rm -f $(LIVE_DB) $(LIVE_DB)-wal $(LIVE_DB)-shm
	$(BIN)/podium stage milano-cortina-2026 --data $(DATA) --db $(LIVE_DB)
	TOKEN=$$($(BIN)/podium token create --role editor --label replay --db $(LIVE_DB)); \
	( sleep 3; $(BIN)/podium replay milano-cortina-2026 --speed $(SPEED) \
		--url http://127.0.0.1:$(PORT) --token $$TOKEN --data $(DATA) --db $(LIVE_DB) ) & \
	echo "open http://127.0.0.1:$(PORT)/games/milano-cortina-2026"; \
	exec $(BIN)/podium serve --db $(LIVE_DB) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	PODIUM_TEST_BACKEND=sqlite $(BIN)/pytest
	PODIUM_TEST_BACKEND=postgresql PODIUM_TEST_POSTGRES=$(PG_TEST) $(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py

bench-web: install
	$(BIN)/python bench/web.py
