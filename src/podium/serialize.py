"""Plain JSON-ready dicts of Podium's results: one shape for the CLI's --format json and the
web app's .json twins."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from podium.core import Career, Change, EventHistory, NocGames
from podium.model import Athlete, Award, Games, Noc
from podium.search import Match
from podium.table import MedalTable, TableRow


def moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def noc(n: Noc | None, code: str, lang: str) -> dict[str, Any]:
    if n is None:
        return {"noc": code, "name": code, "flag": "", "iso2": None}
    return {"noc": n.code, "name": n.name(lang), "flag": n.flag, "iso2": n.iso2}


def table_row(row: TableRow, nocs: Mapping[str, Noc], lang: str) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "rank_label": row.rank_label,
        "tied": row.tied,
        **noc(nocs.get(row.noc), row.noc, lang),
        **row.tally.counts(),
        "points": row.points,
    }


def medal_table(
    table: MedalTable, nocs: Mapping[str, Noc], lang: str, title: str
) -> dict[str, Any]:
    return {
        "title": title,
        "games": list(table.games),
        "as_of": moment(table.as_of),
        "order": table.order,
        "weights": list(table.weights),
        "filters": dict(table.filters),
        "medals": table.medals.counts(),
        "rows": [table_row(r, nocs, lang) for r in table.rows],
    }


def games(g: Games) -> dict[str, Any]:
    return {
        "slug": g.slug,
        "name": g.name,
        "year": g.year,
        "season": g.season,
        "host": g.host,
        "starts_at": moment(g.starts_at),
        "ends_at": moment(g.ends_at),
    }


def award(
    a: Award, athletes: Mapping[str, Athlete], nocs: Mapping[str, Noc], lang: str
) -> dict[str, Any]:
    def person(key: str) -> dict[str, str]:
        found = athletes.get(key)
        return {"key": key, "name": found.name if found else key}

    return {
        "key": a.key,
        "games": a.games,
        "event": a.event,
        "medal": a.medal.label,
        **noc(nocs.get(a.noc), a.noc, lang),
        "athlete": person(a.athlete) if a.athlete else None,
        "team": a.team,
        "members": [person(m) for m in a.members],
        "awarded_at": moment(a.awarded_at),
        "precision": a.precision,
        "source": a.source,
    }


def noc_games(rows: list[NocGames]) -> list[dict[str, Any]]:
    return [
        {"games": games(r.games), "rank": r.rank, "tied": r.tied, **r.tally.counts()} for r in rows
    ]


def event_history(
    history: EventHistory, athletes: Mapping[str, Athlete], nocs: Mapping[str, Noc], lang: str
) -> dict[str, Any]:
    e = history.event
    return {
        "event": {"key": e.key, "discipline": e.discipline, "gender": e.gender, "title": e.title},
        "spellings": list(history.spellings),
        "podiums": [
            {"games": games(p.games), "awards": [award(a, athletes, nocs, lang) for a in p.awards]}
            for p in history.podiums
        ],
    }


def career(
    c: Career, athletes: Mapping[str, Athlete], nocs: Mapping[str, Noc], lang: str
) -> dict[str, Any]:
    a = c.athlete
    return {
        "athlete": {"key": a.key, "name": a.name, "noc": a.noc, "gender": a.gender},
        **c.tally.counts(),
        "games": [{"games": games(g), **t.counts()} for g, t in c.per_games],
        "awards": [award(x, athletes, nocs, lang) for x in c.awards],
    }


def match(m: Match, appearances: list[tuple[str, str]]) -> dict[str, Any]:
    """One person a searched name may mean."""
    p = m.person
    return {
        "key": p.key,
        "name": p.display,
        "noc": p.noc,
        "born": p.birth_year,
        "medals": p.medals,
        "match": m.label,
        "appearances": [{"games": g, "sport": sport} for g, sport in appearances],
    }


def change(c: Change) -> dict[str, Any]:
    """One medal revoked or awarded after the Games' close."""
    return {
        "at": c.at.isoformat(),
        "kind": c.kind,
        "event": c.event,
        "noc": c.noc,
        "medal": c.medal.label,
        "team": c.team,
        "athlete": c.athlete,
        "reason": c.reason,
    }
