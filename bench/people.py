"""People benchmarks (issue 9): the full import with Olympedia and the identity linkage, and
athlete search. Numbers, not assertions: `python bench/people.py` or `make bench`."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from podium import Podium

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
Result = tuple[str, float, str, str]  # name, value, unit, target
QUERIES = (
    "Bjorgen",
    "Marit Bjoergen",
    "Ole Einar Bjorndalen",
    "James Connolly",
    "Ireen Wust",
    "wuest",
    "Phelps",
    "van 't Wout",
    "Kim",
    # nobody of these names: fuzzy suggestions
    "Mihael Phelp",
    "Xandra Velzebor",
    "Jmaes Conolly",
    "Bjorndahlen",
    "van der Berg",
    "Maria Garcia Lopez",
    "zzqxv",
)


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp, Podium(str(Path(tmp) / "bench.db")) as podium:
        start = time.perf_counter()
        reports = []
        for source in ("noc", "history", "paris-2024", "milano-cortina-2026", "olympedia"):
            began = time.perf_counter()
            (report,) = podium.import_data(str(DATA), only=[source])
            reports.append((report, time.perf_counter() - began))
        total = time.perf_counter() - start
        rows = sum(r.rows for r, _ in reports)
        results.append(("full import with Olympedia and linkage", total, "s", "< 60 s"))
        results.append(("import rate", rows / total, "rows/s", ""))
        for report, seconds in reports:
            results.append((f"  {report.source}: {report.rows} rows", seconds, "s", ""))
        linkage = reports[-1][0].timings["linkage"]
        results.append(("  of which linkage", linkage, "s", ""))
        results.append(("  linkage share of the full import", 100 * linkage / total, "%", ""))
        podium.search("warm up")  # builds the index once
        for query in QUERIES:
            times = []
            for _ in range(50):
                began = time.perf_counter()
                podium.search(query)
                times.append((time.perf_counter() - began) * 1000)
            results.append((f"search {query!r}, warm", statistics.median(times), "ms", "< 20 ms"))
    return results


if __name__ == "__main__":
    for name, value, unit, target in run():
        print(f"{name:55} {value:10.3f} {unit:7} {target}")
