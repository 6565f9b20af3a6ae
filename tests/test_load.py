"""Reads under load while a replay writes, on the backend under test: wrk cycles through the
table, country and event pages (HTML and JSON) for five seconds against `podium serve` while
the replay posts results through the write API. A correctness test under concurrency, timed
nowhere: no read fails, and every result posted is acknowledged and recorded once.

The load itself, with its numbers, is bench/load.py (`make bench`), which this test drives.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from podium import Podium

BENCH = Path(__file__).resolve().parents[1] / "bench"
GAMES = "milano-cortina-2026"
# the results the replay posts: as many as the write API lets one token send at once (its
# burst), since five seconds is far too short for the whole Games at its sustained rate
WRITES = 60
CONNECTIONS = 16  # wrk's: each has at most one read in flight when wrk stops
# uvicorn's access log line for a request: its path with the query string, and its status
ACCESS = re.compile(r'"GET (\S+) HTTP/1\.1" (\d{3})')


@pytest.fixture(scope="module")
def load() -> Iterator[ModuleType]:
    """bench/load.py under a name of its own, by its file: not `import load` off a sys.path
    with bench/ in front, where its neighbours (core, web, run) would shadow other modules.
    In sys.modules while the tests run, as its dataclasses need."""
    name = "podium_bench_load"
    spec = importlib.util.spec_from_file_location(name, BENCH / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]


@pytest.mark.skipif(
    shutil.which("wrk") is None,
    reason="wrk is not installed (apt-get install -y wrk; .ci/run installs it)",
)
def test_reads_under_a_replay_fail_nowhere(
    load: ModuleType, database_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    run = load.measure(
        database_url, 5, writes=WRITES, everything=False, connections=CONNECTIONS, log=log
    )
    served = log.read_text()
    assert run.errors == {}, served[-3000:]
    assert run.writes == {201: WRITES}
    with Podium(database_url, migrate=False) as podium:
        entries = podium.store.ledger_entries(games=GAMES)
        plan = load.results(podium, load.DATA, GAMES)[:WRITES]
    assert sorted(e.event for e in entries) == sorted(r.event for r in plan)

    # the server's side of the reads: every path wrk cycles through was asked for, and every
    # GET of them answered 200; they are each asked once before the load starts, and the
    # server answered every read wrk counted and at most one more per connection (the read
    # in flight when wrk stopped)
    paths = load.reads(plan)
    gets = [m.groups() for m in ACCESS.finditer(served) if m[1] != "/static/style.css"]
    assert {path for path, _ in gets} == set(paths)
    assert Counter(status for _, status in gets) == {"200": len(gets)}
    answered = len(gets) - len(paths)
    assert run.requests <= answered <= run.requests + CONNECTIONS, (run.requests, answered)
