"""Decisions after the Games (reallocations, disqualifications, restorations), researched and
kept with the package (`data/decisions.csv`). A row is one change of one NOC's medal in one
event: the medal before and after (empty: none), the date and the decision it rests on. Each
becomes what a desk correction becomes: the award as it was is revoked at the decision's date
and the new medal awarded then, so the table "as it stands now" is the default and "as
awarded" is the table as of the Games' end.

The history file holds some events as awarded and others as they stood when it was written;
`history` says which side of each change it holds. `before`: the file has the medal as it was
before the decision. `after`: it has the result (Sochi 2014's bobsleigh), so the history import
reads that row as the medal before (`restated`), and where the file has no row for the medal
before (a Russian medal it no longer lists), `athletes` names its winners by their Olympedia
ids; `athletes` also names the winners of a medal that no earlier award carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

from podium.importers.batch import Batch
from podium.importers.source import Progress, Report, RowError, each_row, records
from podium.store import Store, to_db

FILE = "decisions.csv"
COLUMNS = (
    "games",
    "event",
    "noc",
    "medal_before",
    "medal_after",
    "decided_on",
    "history",
    "athletes",
    "decision",
)
MEDALS = ("1", "2", "3")


def path() -> str:
    return str(resources.files("podium.importers") / "data" / FILE)


def _decided(row: dict[str, str]) -> datetime:
    try:
        return datetime.fromisoformat(row["decided_on"]).replace(hour=12, tzinfo=UTC)
    except ValueError:
        raise RowError(f"decided_on: not a date: {row['decided_on']!r}") from None


def restated() -> dict[tuple[str, str, str, int], tuple[int | None, datetime]]:
    """The medals the history file holds as they stood after a decision: (Games, event, NOC,
    medal after) -> (the medal as awarded, or None where the NOC had none; the date)."""
    out: dict[tuple[str, str, str, int], tuple[int | None, datetime]] = {}
    for record in records(path()):
        row = record.row
        if row.get("history") == "after" and row.get("medal_after") in MEDALS:
            before = row["medal_before"]
            key = (row["games"], row["event"], row["noc"], int(row["medal_after"]))
            out[key] = (int(before) if before in MEDALS else None, _decided(row))
    return out


def collect(store: Store, report: Report, progress: Progress | None = None) -> Batch:
    batch = Batch(source="decisions")
    now = to_db(datetime.now(UTC))
    # what an earlier row of this file revoked, per (Games, event, NOC): a restoration or a
    # later change of the same medal starts from it (the store does not hold it until commit)
    revoked: dict[tuple[str, str, str], Any] = {}

    def decision(line: int, row: dict[str, str]) -> None:
        decided = _decided(row)
        before, after, held = row["medal_before"], row["medal_after"], row["history"]
        if before not in (*MEDALS, "") or after not in (*MEDALS, "") or before == after:
            raise RowError("medal_before/medal_after: 1, 2, 3 or empty (none), and not equal")
        if held not in ("before", "after"):
            raise RowError(f"history: {held!r} is not before or after")
        reason = row["decision"].strip()
        if not reason:
            raise RowError("decision: missing")
        where = (row["games"], row["event"], row["noc"])
        athletes = row["athletes"].split()
        old = _standing(store, row, before, decided) if before else None
        if before and old is None:
            if held != "after" or not athletes:
                raise RowError(f"noc: no {row['noc']} medal {before} to change")
            old = _restore_awarded(store, batch, row, int(before), athletes, line)
        if old is not None:
            if old.awarded_at >= decided:
                raise RowError("decided_on: before the medal it changes was awarded")
            batch.revocations[old.key] = {
                "award": old.key,
                "revoked_at": to_db(decided),
                "reason": reason,
                "recorded_at": now,
            }
            revoked[where] = old
        if not after or (held == "after" and not before):
            # vacated; or the history file's own row, which its import dates at the decision
            return
        source = old if old is not None else revoked.get(where)
        base = source.key if source is not None else "|".join((*where[:2], after, where[2]))
        key = f"{base}|{row['decided_on']}|decided"
        award = {
            "key": key,
            "games": row["games"],
            "event": row["event"],
            "medal": int(after),
            "noc": row["noc"],
            "awarded_at": to_db(decided),
            "precision": "date",
            "source": f"{FILE}:{line}",
        }
        if source is not None:
            batch.award({**award, "athlete": source.athlete, "team": source.team}, "decision")
            members = list(source.members)
        elif athletes:
            athlete, team, winners = _winners(store, row["noc"], athletes)
            batch.award({**award, "athlete": athlete, "team": team}, "athletes")
            members = list(winners)
        else:
            raise RowError("athletes: a medal no earlier award carries needs its winners")
        for member in members:
            batch.member(key, member)

    each_row(path(), report, batch.atomic(decision), progress, COLUMNS)
    return batch


def _standing(store: Store, row: dict[str, str], medal: str, decided: datetime) -> Any:
    """The NOC's award of this medal just before the decision (so importing again finds it)."""
    standing = store.awards(
        games=[row["games"]],
        event=row["event"],
        noc=row["noc"],
        as_of=decided - timedelta(seconds=1),
    )
    found = [a for a in standing if a.medal == int(medal)]
    if len(found) > 1:
        raise RowError(f"noc: {len(found)} {row['noc']} medals {medal} to change, not 1")
    return found[0] if found else None


def _restore_awarded(
    store: Store, batch: Batch, row: dict[str, str], medal: int, athletes: list[str], line: int
) -> Any:
    """The medal as awarded that the history file no longer lists, at the time the event's
    other medals were awarded."""
    others = store.awards(games=[row["games"]], event=row["event"])
    if not others:
        raise RowError(f"event: no medals of {row['event']} at {row['games']} to date it by")
    first = min(others, key=lambda a: a.awarded_at)
    award: dict[str, Any] = {
        "key": f"{row['games']}|{row['event']}|{medal}|{row['noc']}|as-awarded",
        "games": row["games"],
        "event": row["event"],
        "medal": medal,
        "noc": row["noc"],
        "awarded_at": to_db(first.awarded_at),
        "precision": first.precision,
        "source": f"{FILE}:{line}",
    }
    athlete, team, members = _winners(store, row["noc"], athletes)
    batch.award({**award, "athlete": athlete, "team": team}, "athletes")
    for member in members:
        batch.member(award["key"], member)
    return _Restored(award["key"], first.awarded_at, athlete, team, members)


@dataclass(frozen=True)
class _Restored:
    """An award this batch writes, as the rest of collect() reads one from the store."""

    key: str
    awarded_at: datetime
    athlete: str | None
    team: str | None
    members: tuple[str, ...]


def _winners(
    store: Store, noc: str, athletes: list[str]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(athlete, team, members): one athlete wins alone; several are a team named after their
    NOC."""
    known = store.athletes_known(athletes)
    missing = [a for a in athletes if a not in known]
    if missing:
        raise RowError(f"athletes: no athlete {', '.join(missing)} in the store")
    if len(athletes) == 1:
        return athletes[0], None, ()
    return None, f"{store.nocs()[noc].name_en} team", tuple(athletes)
