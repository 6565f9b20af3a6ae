"""Facts + story timing: median ms for one event over 20 runs, and seconds for all 116 events
in both languages, from a warm process on a SQLite database imported from the shared data;
the checker over all of them (every event x every medal-winning NOC x nl/en), over the table
story of every NOC on every evening of 2026 and at the end of every Games (findings must be
0), and its power: the share of mutated stories it flags (target 95% or more).

Usage: .venv/bin/python bench/story.py [data folder] [db path]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from podium import Podium
from podium.news.checker import Checker
from podium.news.facts import Desk
from podium.news.mutations import mutants
from podium.news.story import Story, press_family, press_name, story

GAMES = "milano-cortina-2026"
MUTATED = ("speed-skating/w/500m", "short-track/w/500m", "short-track/m/1500m")

DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")


def run(data: str = DATA, db: str | None = None) -> list[tuple[str, float, str, str]]:
    db = db or str(Path(tempfile.mkdtemp()) / "bench.db")
    with Podium(db) as p:
        if not p.all_games():
            p.import_data(data)
        story(p, "event", GAMES, "NED", "nl", event="speed-skating/w/500m")  # warm up
        runs, cpu = [], []
        for _ in range(20):
            start, start_cpu = time.perf_counter(), time.process_time()
            story(p, "event", GAMES, "NED", "nl", event="speed-skating/w/500m", desk=Desk(p))
            runs.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        one = statistics.median(runs)
        start, start_cpu = time.perf_counter(), time.process_time()
        desk = Desk(p)
        count = 0
        for contest in p.store.contests(GAMES):
            nocs = sorted({a.noc for a in p.store.awards(games=[GAMES], event=contest.event)})
            for lang in ("nl", "en"):
                story(p, "event", GAMES, nocs[0], lang, event=contest.event, desk=desk)
                count += 1
        total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        every: list[Story] = []
        for contest in p.store.contests(GAMES):
            nocs = sorted({a.noc for a in p.store.awards(games=[GAMES], event=contest.event)})
            for noc in nocs:
                for lang in ("nl", "en"):
                    every.append(
                        story(p, "event", GAMES, noc, lang, event=contest.event, desk=desk)
                    )
        checker = Checker(db)
        start = time.perf_counter()
        findings = sum(len(checker.check(s)) for s in every)
        checked = time.perf_counter() - start
        flagged = tried = 0
        for event in MUTATED:
            for lang in ("nl", "en"):
                s = story(p, "event", GAMES, "NED", lang, event=event, desk=desk)
                athletes = p.athletes({k for f in s.facts for k in f.of("athlete")})
                names = {k: press_name(a) for k, a in athletes.items()}
                names |= {f"{k}#family": press_family(a) for k, a in athletes.items()}
                for m in mutants(s, names):
                    tried += 1
                    flagged += bool(checker.check(m.story))
        # the table from every NOC's angle (and one without a medal) on every evening
        start = time.perf_counter()
        zone = ZoneInfo(p.games(GAMES).timezone)
        days = sorted({m.astimezone(zone).date() for m, _ in desk.medal_moments(GAMES)})
        nocs = [r.noc for r in p.table(GAMES).rows] + ["ESP"]
        evenings = 0
        for day in days:
            moment = p.moment(GAMES, day.isoformat())
            for noc in nocs:
                for lang in ("nl", "en"):
                    s = story(p, "table", GAMES, noc, lang, as_of=moment, desk=desk)
                    evenings += 1
                    findings += len(checker.check(s))
        evenings_s = time.perf_counter() - start
        start = time.perf_counter()
        history = 0
        for g in p.all_games():
            winner = p.table(g.slug).rows[0].noc
            for noc in sorted({winner, "NED"}):
                for lang in ("nl", "en"):
                    s = story(p, "table", g.slug, noc, lang, desk=desk)
                    history += 1
                    findings += len(checker.check(s))
        history_s = time.perf_counter() - start
        checker.close()
    return [
        ("one event: facts + story (fresh caches), median", one, "ms", "< 100 ms"),
        ("the same, CPU time of this process (SQLite is in it)", statistics.median(cpu), "ms", ""),
        (f"all {count // 2} events x 2 languages", total, "s", "< 5 s"),
        ("the same, CPU time", total_cpu, "s", ""),
        (f"checker over {len(every)} event stories (every medal NOC, nl/en)", checked, "s", ""),
        (
            f"{evenings} table stories, every NOC on each of {len(days)} evenings, checked",
            evenings_s,
            "s",
            "",
        ),
        (f"{history} table stories at the end of every Games, checked", history_s, "s", ""),
        ("checker findings on all those unmutated stories", findings, "", "0"),
        (f"mutated stories flagged ({tried} mutations)", 100 * flagged / tried, "%", ">= 95%"),
    ]


def main() -> None:
    args = sys.argv[1:]
    for name, value, unit, _ in run(*args[:2]):
        print(f"{name}: {value:.1f} {unit}")


if __name__ == "__main__":
    main()
