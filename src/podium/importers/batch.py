"""What one source contributes, gathered in memory and written in one transaction, so that a
source is imported whole or not at all and a second import adds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table

from podium import events, schema
from podium.importers.source import Report, RowError
from podium.model import Gender
from podium.names import PersonName
from podium.store import Store, to_db

Row = dict[str, Any]


@dataclass
class Batch:
    source: str  # names the source in event_alias and award.source
    nocs: dict[str, Row] = field(default_factory=dict)
    games: dict[str, Row] = field(default_factory=dict)
    events: dict[str, Row] = field(default_factory=dict)
    aliases: dict[tuple[str, str, str, str], Row] = field(default_factory=dict)
    contests: dict[tuple[str, str], Row] = field(default_factory=dict)
    athletes: dict[str, Row] = field(default_factory=dict)
    awards: dict[str, Row] = field(default_factory=dict)
    members: set[tuple[str, str]] = field(default_factory=set)
    unranked: dict[tuple[str, str], Row] = field(default_factory=dict)

    def event(self, raw_discipline: str, raw_title: str, raw_gender: str | None) -> str:
        """The canonical event key for a source's spelling (recording the spelling)."""
        if not raw_title:
            raise RowError("event: missing")
        try:
            discipline = events.discipline_for(raw_discipline, raw_title)
        except events.UnknownDiscipline as exc:
            raise RowError(f"discipline: {exc}") from None
        gender: Gender = events.event_gender(raw_gender, raw_title)
        key = events.event_key(discipline, gender, raw_title)
        title = events.display_title(raw_title)
        # the newest source's spelling is the one shown; imports run oldest first
        self.events[key] = {
            "key": key,
            "discipline": discipline.slug,
            "gender": gender,
            "title": title,
        }
        alias = (self.source, raw_discipline, raw_title, raw_gender or "")
        self.aliases[alias] = dict(
            zip(("source", "raw_discipline", "raw_title", "raw_gender"), alias, strict=True),
            event=key,
        )
        return key

    def contest(self, games: str, event: str, title: str, medal_at: datetime | None) -> None:
        self.contests.setdefault(
            (games, event),
            {
                "games": games,
                "event": event,
                "title": events.display_title(title),
                "medal_at": to_db(medal_at) if medal_at else None,
            },
        )

    def athlete(self, key: str, name: PersonName, gender: str | None, noc: str) -> None:
        self.athletes.setdefault(
            key,
            {
                "key": key,
                "name": name.natural,
                "given": name.given,
                "family": name.family,
                "gender": gender,
                "noc": noc,
                "match_key": name.match_key,
            },
        )


def games_row(
    slug: str,
    name: str,
    year: int,
    season: str,
    host: str,
    starts: datetime,
    ends: datetime,
    timezone: str,
) -> Row:
    return {
        "slug": slug,
        "name": name,
        "year": year,
        "season": season,
        "host": host,
        "starts_at": to_db(starts),
        "ends_at": to_db(ends),
        "timezone": timezone,
        "official": True,  # every Games in the sources counts; 1906 is not among them
    }


def check_noc(code: str, known: set[str]) -> str:
    if not code:
        raise RowError("NOC: missing")
    if code not in known:
        raise RowError(f"NOC: unknown code {code!r}")
    return code


def write(store: Store, batch: Batch, report: Report, now: datetime) -> None:
    """Insert everything new in one transaction; report how many rows each table gained."""
    discipline_rows = [
        {
            "slug": d.slug,
            "name_en": d.name_en,
            "name_nl": d.name_nl,
            "sport": d.sport.slug,
            "sport_en": d.sport.name_en,
            "sport_nl": d.sport.name_nl,
            "season": d.season,
        }
        for d in events.DISCIPLINES
    ]
    award_rows = [{**row, "recorded_at": to_db(now)} for row in batch.awards.values()]
    member_rows = [{"award": a, "athlete": m} for a, m in sorted(batch.members)]
    plan: list[tuple[Table, list[Row]]] = [
        (schema.noc, list(batch.nocs.values())),
        (schema.games, list(batch.games.values())),
        (schema.discipline, discipline_rows),
        (schema.event, list(batch.events.values())),
        (schema.event_alias, list(batch.aliases.values())),
        (schema.contest, list(batch.contests.values())),
        (schema.athlete, list(batch.athletes.values())),
        (schema.award, award_rows),
        (schema.award_member, member_rows),
        (schema.unranked, list(batch.unranked.values())),
    ]
    with store.transaction() as conn:
        for table, rows in plan:
            before = store.count_rows(conn, table)
            store.insert_ignore(conn, table, rows)
            report.added[table.name] = store.count_rows(conn, table) - before
        if any(report.added.values()):
            store.bump_revision(conn)


class AthleteIndex:
    """One person across sources: a later source's athlete is the earlier one with the same
    folded name and NOC, where exactly one such athlete exists."""

    def __init__(self, store: Store, namespace: str) -> None:
        self.namespace = namespace
        self.keys: set[str] = set()
        self.by_name: dict[tuple[str, str], list[str]] = {}
        for key, match_key, noc in store.athlete_identities():
            self.keys.add(key)
            self.by_name.setdefault((match_key, noc), []).append(key)

    def resolve(self, code: str, name: PersonName, noc: str, report: Report) -> str:
        own = f"{self.namespace}:{code}"
        if own in self.keys:
            return own
        earlier = [
            k
            for k in self.by_name.get((name.match_key, noc), [])
            if not k.startswith(self.namespace + ":")
        ]
        if len(earlier) == 1:
            report.mapped["athlete matched to an earlier source by name and NOC"] += 1
            return earlier[0]
        if len(earlier) > 1:
            report.mapped["athlete not matched: several earlier athletes share the name"] += 1
        self.keys.add(own)
        return own
