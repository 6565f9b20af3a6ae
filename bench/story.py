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


def main() -> None:
    data = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parents[2] / "shared/data")
    db = sys.argv[2] if len(sys.argv) > 2 else str(Path(tempfile.mkdtemp()) / "bench.db")
    with Podium(db) as p:
        if not p.all_games():
            p.import_data(data)
        story(p, "event", GAMES, "NED", "nl", event="speed-skating/w/500m")  # warm up
        runs = []
        for _ in range(20):
            start = time.perf_counter()
            story(p, "event", GAMES, "NED", "nl", event="speed-skating/w/500m", desk=Desk(p))
            runs.append((time.perf_counter() - start) * 1000)
        print(f"one event (facts + story, fresh desk): median {statistics.median(runs):.1f} ms")
        start = time.perf_counter()
        desk = Desk(p)
        count = 0
        for contest in p.store.contests(GAMES):
            nocs = sorted({a.noc for a in p.store.awards(games=[GAMES], event=contest.event)})
            for lang in ("nl", "en"):
                story(p, "event", GAMES, nocs[0], lang, event=contest.event, desk=desk)
                count += 1
        print(f"all {count // 2} events x 2 languages: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
