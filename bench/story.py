"""Facts + story timing: median ms for one event over 20 runs, and seconds for all 116 events
in both languages, from a warm process on a SQLite database imported from the shared data.

Usage: .venv/bin/python bench/story.py [data folder] [db path]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from podium import Podium
from podium.facts import Desk
from podium.story import story

GAMES = "milano-cortina-2026"


DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")


def run(data: str = DATA, db: str | None = None) -> list[tuple[str, float, str, str]]:
    db = db or str(Path(tempfile.mkdtemp()) / "bench.db")
    with Podium(db) as p:
        if not p.all_games():
            p.import_data(data)
        story(p, "event", GAMES, "NED", "nl", event="speed-skating/w/500m")  # warm up
        runs = []
        for _ in range(20):
            start = time.perf_counter()
            story(p, "event", GAMES, "NED", "nl", event="speed-skating/w/500m", desk=Desk(p))
            runs.append((time.perf_counter() - start) * 1000)
        one = statistics.median(runs)
        start = time.perf_counter()
        desk = Desk(p)
        count = 0
        for contest in p.store.contests(GAMES):
            nocs = sorted({a.noc for a in p.store.awards(games=[GAMES], event=contest.event)})
            for lang in ("nl", "en"):
                story(p, "event", GAMES, nocs[0], lang, event=contest.event, desk=desk)
                count += 1
        total = time.perf_counter() - start
    return [
        ("one event: facts + story (fresh caches), median", one, "ms", "< 100 ms"),
        (f"all {count // 2} events x 2 languages", total, "s", ""),
    ]


def main() -> None:
    args = sys.argv[1:]
    for name, value, unit, _ in run(*args[:2]):
        print(f"{name}: {value:.1f} {unit}")


if __name__ == "__main__":
    main()
