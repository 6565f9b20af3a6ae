"""Members of team medals that no data source lists, researched and kept with the package
(`data/rosters.csv`): from 2018 Olympedia's file names only some members of a team, so a
relay or team-pursuit medal would be missing from its other members' careers. A row names
one team medal (Games, event, NOC, medal as awarded at the Games) and the athletes it adds,
by their record keys, with the source that names them."""

from __future__ import annotations

from importlib import resources

from podium.importers.batch import Batch
from podium.importers.source import Progress, Report, RowError, each_row
from podium.store import Store

FILE = "rosters.csv"
COLUMNS = ("games", "event", "noc", "medal", "athletes", "source")


def path() -> str:
    return str(resources.files("podium.importers") / "data" / FILE)


def collect(store: Store, report: Report, progress: Progress | None = None) -> Batch:
    batch = Batch(source="rosters")

    def roster(line: int, row: dict[str, str]) -> None:
        if not row["source"].strip():
            raise RowError("source: missing")
        athletes = row["athletes"].split()
        missing = sorted(set(athletes) - store.athletes_known(athletes))
        if missing:
            raise RowError(f"athletes: no athlete {', '.join(missing)} in the store")
        closing = store.games(row["games"])
        if closing is None:
            raise RowError(f"games: no Games {row['games']!r}")
        found = [
            a
            for a in store.awards(
                games=[row["games"]], event=row["event"], noc=row["noc"], as_of=closing.ends_at
            )
            if str(a.medal.value) == row["medal"] and a.athlete is None
        ]
        if len(found) != 1:
            raise RowError(f"medal: {len(found)} {row['noc']} team medals {row['medal']}, not 1")
        for athlete in athletes:
            batch.member(found[0].key, athlete)

    each_row(path(), report, batch.atomic(roster), progress, COLUMNS)
    return batch
