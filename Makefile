# The two front-door commands: `make run` and `make test` (see README.md).
VENV ?= .venv
BIN := $(VENV)/bin
# empty: `podium` finds the data itself (PODIUM_DATA, ../shared/data, or the cache, fetched)
DATA ?=
DATA_OPT := $(if $(DATA),--data $(DATA),)
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
# HISTORY=no stages only the NOCs and the Games (seconds rather than a minute or two): the
# table replays the same, the country and athlete pages have no history behind them
HISTORY ?= yes
HISTORY_OPT := $(if $(filter no,$(HISTORY)),--no-history,)

# A fresh live database (everything but the 2026 medals), the server and the 2026 results
# replayed through the write API at $(SPEED)x. The editor token travels in the environment
# (PODIUM_TOKEN), never on a command line that `ps` shows; this shell stays the parent of
# both processes, so the finished replay is reaped, and Ctrl-C stops both.
run: install
	rm -f $(LIVE_DB) $(LIVE_DB)-wal $(LIVE_DB)-shm
	$(BIN)/podium stage milano-cortina-2026 $(DATA_OPT) $(HISTORY_OPT) --db $(LIVE_DB)
	@export PODIUM_TOKEN=$$($(BIN)/podium token create --role editor --label replay --db $(LIVE_DB)); \
	$(BIN)/podium serve --db $(LIVE_DB) --port $(PORT) & serve=$$!; \
	( sleep 3; exec $(BIN)/podium replay milano-cortina-2026 --speed $(SPEED) \
		--url http://127.0.0.1:$(PORT) $(DATA_OPT) --db $(LIVE_DB) ) & replay=$$!; \
	trap 'kill $$serve $$replay 2>/dev/null' INT TERM; \
	echo "open http://127.0.0.1:$(PORT)/games/milano-cortina-2026"; \
	wait $$serve; status=$$?; kill $$replay 2>/dev/null; wait; exit $$status

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# What does not depend on the database runs in the SQLite pass only: the browser and phone
# tests and the embed in Chromium (pages rendered, whatever database is behind them); the
# checker, the claims and the event titles (story wording and the checker's logic: the same
# text on either backend; PostgreSQL's reads behind stories are checked by test_story,
# test_facts and test_examples, exact sentences on both); the two sweeps that write and
# re-check every event's and every NOC's story; fetching the data and the fresh clone's
# `make run` (files, HTTP and a subprocess on SQLite); and the server's connection limits
# (sockets and timeouts). See README, "Where CI time goes".
PG_ONLY_ONCE := --ignore=tests/test_browser.py \
	--ignore=tests/test_phone.py \
	--ignore=tests/test_checker.py \
	--ignore=tests/test_claims.py \
	--ignore=tests/test_titles.py \
	--ignore=tests/test_data_fetch.py \
	--ignore=tests/test_connections.py \
	--deselect tests/test_embed.py::test_the_embed_on_another_sites_page \
	--deselect tests/test_story.py::test_every_event_story_checks_out \
	--deselect tests/test_story.py::test_every_table_story_checks_out

# axe-core for the accessibility check of the embeddable table (tests/test_embed.py); an
# optional part: without npm the test says it did not check
node_modules/axe-core/axe.min.js:
	-command -v npm >/dev/null && npm install --no-save --no-package-lock --silent axe-core@4

# The two passes run side by side (most of a pass waits on servers, databases and Chromium,
# so two fit on two cores); each writes its log to test-artifacts/ and says how long it took,
# and the logs are shown when both have ended.
PASS = start=$$(date +%s); PODIUM_TEST_BACKEND=$(1) $(2) $(BIN)/pytest --durations=10 $(3) \
	> test-artifacts/$(1).log 2>&1; echo $$? > test-artifacts/$(1).status; \
	echo "$(4) pass: $$(( $$(date +%s) - start )) s" >> test-artifacts/$(1).log

test: lint node_modules/axe-core/axe.min.js
	@mkdir -p test-artifacts
	@echo "SQLite and PostgreSQL passes running side by side (logs in test-artifacts/)"
	@( $(call PASS,sqlite,,,SQLite) ) & \
	( $(call PASS,postgresql,PODIUM_TEST_POSTGRES=$(PG_TEST),$(PG_ONLY_ONCE),PostgreSQL) ) & \
	wait; cat test-artifacts/sqlite.log test-artifacts/postgresql.log; \
	[ "$$(cat test-artifacts/sqlite.status test-artifacts/postgresql.status)" = "$$(printf '0\n0')" ]

bench: install
	$(BIN)/python bench/run.py

bench-web: install
	$(BIN)/python bench/web.py
