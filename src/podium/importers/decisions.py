"""Decisions after the Games (reallocations, disqualifications, restorations), researched and
kept with the package (`data/decisions.csv`: Games, event, NOC, medal before and after, the
date and the decision it rests on). Each becomes what a desk correction becomes: the award
as it was is revoked at the decision's date and the new medal awarded then, so the table "as
it stands now" is the default and "as awarded" is the table as of the Games' end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from importlib import resources

from podium.importers.batch import Batch
from podium.importers.source import Progress, Report, RowError, each_row
from podium.store import Store, to_db

FILE = "decisions.csv"
COLUMNS = ("games", "event", "noc", "medal_before", "medal_after", "decided_on", "decision")


def path() -> str:
    return str(resources.files("podium.importers") / "data" / FILE)


def collect(store: Store, report: Report, progress: Progress | None = None) -> Batch:
    batch = Batch(source="decisions")
    now = to_db(datetime.now(UTC))

    def decision(line: int, row: dict[str, str]) -> None:
        try:
            decided = datetime.fromisoformat(row["decided_on"]).replace(hour=12, tzinfo=UTC)
        except ValueError:
            raise RowError(f"decided_on: not a date: {row['decided_on']!r}") from None
        before, after = row["medal_before"], row["medal_after"]
        if before not in ("1", "2", "3") or after not in ("1", "2", "3", ""):
            raise RowError("medal_before/medal_after: 1, 2 or 3 (medal_after empty: vacated)")
        # the medal as it stood just before the decision (so importing again finds it too)
        standing = store.awards(
            games=[row["games"]],
            event=row["event"],
            noc=row["noc"],
            as_of=decided - timedelta(seconds=1),
        )
        found = [a for a in standing if a.medal == int(before)]
        if len(found) != 1:
            raise RowError(f"noc: {len(found)} {row['noc']} medals {before} to change, not 1")
        old = found[0]
        if old.awarded_at >= decided:
            raise RowError("decided_on: before the medal it changes was awarded")
        reason = row["decision"].strip()
        if not reason:
            raise RowError("decision: missing")
        batch.revocations[old.key] = {
            "award": old.key,
            "revoked_at": to_db(decided),
            "reason": reason,
            "recorded_at": now,
        }
        if after:
            key = f"{old.key}|{row['decided_on']}|decided"
            batch.award(
                {
                    "key": key,
                    "games": old.games,
                    "event": old.event,
                    "medal": int(after),
                    "noc": old.noc,
                    "athlete": old.athlete,
                    "team": old.team,
                    "awarded_at": to_db(decided),
                    "precision": "date",
                    "source": f"{FILE}:{line}",
                },
                "decision",
            )
            for member in old.members:
                batch.member(key, member)

    each_row(path(), report, batch.atomic(decision), progress, COLUMNS)
    return batch
