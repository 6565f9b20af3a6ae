"""Import and medal-table benchmarks (issue 2). Numbers, not assertions: run with
`make bench` (or `python bench/core.py`) and read them against the targets."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from podium import Podium

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
Result = tuple[str, float, str, str]  # name, value, unit, target


def _median_ms(call: Callable[[], object], runs: int = 200) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        with Podium(db) as podium:
            start = time.perf_counter()
            reports = podium.import_data(str(DATA))
            seconds = time.perf_counter() - start
            rows = sum(r.rows for r in reports)
            results.append(("full import into SQLite (with Olympedia)", seconds, "s", "< 60 s"))
            results.append(("import rate", rows / seconds, "rows/s", ""))

            as_of = datetime(2026, 2, 17, 16, 53, tzinfo=ZoneInfo("Europe/Rome"))
            cases: dict[str, Callable[[], object]] = {
                "Games table (milano-cortina-2026)": lambda: podium.table("milano-cortina-2026"),
                "as-of table (17 Feb 2026 16:53)": lambda: podium.table(
                    "milano-cortina-2026", as_of=as_of
                ),
                "all-time Winter table": lambda: podium.alltime_table("winter"),
            }
            for name, call in cases.items():
                call()
                results.append((f"{name}, warm (cached)", _median_ms(call), "ms", "< 5 ms"))

                def uncached(call: Callable[[], object] = call) -> object:
                    podium._cache.clear()  # measure the query and ranking, not the cache
                    return call()

                results.append((f"{name}, computed", _median_ms(uncached, 50), "ms", ""))

        command = [sys.executable, "-m", "podium", "table", "milano-cortina-2026", "--db", db]
        walls = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
        results.append(
            ("`podium table milano-cortina-2026` command", statistics.median(walls), "s", "< 1 s")
        )
    return results


if __name__ == "__main__":
    for name, value, unit, target in run():
        print(f"{name:55} {value:10.3f} {unit:7} {target}")
