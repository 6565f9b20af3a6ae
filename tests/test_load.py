"""Reads under load while a replay writes, on the backend under test: wrk cycles through the
table, country and event pages (HTML and JSON) for five seconds against `podium serve` while
the replay posts results through the write API. A correctness test under concurrency, timed
nowhere: no read fails, and every result posted is acknowledged and recorded once.

The load itself, with its numbers, is bench/load.py (`make bench`), which this test drives.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from podium import Podium

BENCH = Path(__file__).resolve().parents[1] / "bench"
GAMES = "milano-cortina-2026"
# the results the replay posts: as many as the write API lets one token send at once (its
# burst), since five seconds is far too short for the whole Games at its sustained rate
WRITES = 60


@pytest.fixture(scope="module")
def load() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    import load as module

    return module


@pytest.mark.skipif(
    shutil.which("wrk") is None,
    reason="wrk is not installed (apt-get install -y wrk; .ci/run installs it)",
)
def test_reads_under_a_replay_fail_nowhere(
    load: ModuleType, database_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    run = load.measure(database_url, 5, writes=WRITES, everything=False, log=log)
    assert run.errors == {}, log.read_text()[-3000:]
    assert run.writes == {201: WRITES}
    assert run.requests > 0
    with Podium(database_url, migrate=False) as podium:
        entries = podium.store.ledger_entries(games=GAMES)
        expected = [r.event for r in load.results(podium, load.DATA, GAMES)[:WRITES]]
    assert sorted(e.event for e in entries) == sorted(expected)
