"""The one schema, for SQLite and PostgreSQL alike.

Keys are natural strings ("milano-cortina-2026", "speed-skating/w/500m") so that an import can
insert with ON CONFLICT DO NOTHING and be idempotent without reading ids back. Times are stored
as naive UTC. Awards are never updated: a correction is a row in `revocation`.

The last three tables are the results desk's (migration 0003): its ledger of dated entries, API
tokens and idempotency keys. `DESK_TABLES` names them for what is about the imported data
alone (`Store.table_digest`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

metadata = MetaData()

games = Table(
    "games",
    metadata,
    Column("slug", String(64), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("year", Integer, nullable=False),
    Column("season", String(8), nullable=False),  # 'summer' | 'winter'
    Column("host", String(128), nullable=False),
    Column("starts_at", DateTime, nullable=False),
    Column("ends_at", DateTime, nullable=False),
    Column("timezone", String(64), nullable=False),  # the host's clock, for "end of 17 February"
    Column("official", Boolean, nullable=False),  # 1906 and art competitions are not
)

noc = Table(
    "noc",
    metadata,
    Column("code", String(3), primary_key=True),
    Column("name_en", String(128), nullable=False),
    Column("name_nl", String(128), nullable=False),
    Column("iso2", String(2)),
    Column("status", String(32), nullable=False),  # current | historic | special | ...
)

unranked = Table(
    "unranked",
    metadata,
    Column("games", String(64), ForeignKey("games.slug"), primary_key=True),
    Column("noc", String(3), ForeignKey("noc.code"), primary_key=True),
    Column("reason", Text, nullable=False),
)

discipline = Table(
    "discipline",
    metadata,
    Column("slug", String(64), primary_key=True),
    Column("name_en", String(128), nullable=False),
    Column("name_nl", String(128), nullable=False),
    Column("sport", String(64), nullable=False),
    Column("sport_en", String(128), nullable=False),
    Column("sport_nl", String(128), nullable=False),
    Column("season", String(8), nullable=False),
)

event = Table(
    "event",
    metadata,
    Column("key", String(160), primary_key=True),
    Column("discipline", String(64), ForeignKey("discipline.slug"), nullable=False),
    Column("gender", String(1), nullable=False),  # M | W | X (mixed or open)
    Column("title", String(200), nullable=False),
)

# Every source spelling seen for an event: the evidence that "2x500m women" and "Ladies' 500m"
# are the same event, and what the import report lists as mapped.
event_alias = Table(
    "event_alias",
    metadata,
    Column("source", String(64), primary_key=True),
    Column("raw_discipline", String(200), primary_key=True),
    Column("raw_title", String(200), primary_key=True),
    Column("raw_gender", String(16), primary_key=True),
    Column("event", String(160), ForeignKey("event.key"), nullable=False),
)

# One event at one Games: when its medals are handed out, and whether it is done.
contest = Table(
    "contest",
    metadata,
    Column("games", String(64), ForeignKey("games.slug"), primary_key=True),
    Column("event", String(160), ForeignKey("event.key"), primary_key=True),
    Column("title", String(200), nullable=False),  # as these Games called it
    Column("medal_at", DateTime),  # null where the sources do not say
)

athlete = Table(
    "athlete",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("name", String(200), nullable=False),  # natural order: "Femke Kok"
    Column("given", String(200), nullable=False),
    Column("family", String(200), nullable=False),
    Column("gender", String(1)),
    Column("noc", String(3), ForeignKey("noc.code"), nullable=False),
    Column("match_key", String(200), nullable=False),
    Index("ix_athlete_match", "match_key", "noc"),
)

award = Table(
    "award",
    metadata,
    Column("key", String(400), primary_key=True),
    Column("games", String(64), ForeignKey("games.slug"), nullable=False),
    Column("event", String(160), ForeignKey("event.key"), nullable=False),
    Column("medal", SmallInteger, nullable=False),  # 1 gold, 2 silver, 3 bronze
    Column("noc", String(3), ForeignKey("noc.code"), nullable=False),
    Column("athlete", String(200), ForeignKey("athlete.key")),  # individual entries
    Column("team", String(200)),  # team entries: the team's name; members in award_member
    Column("awarded_at", DateTime, nullable=False),
    Column("precision", String(8), nullable=False),  # time | date | games
    Column("source", String(300), nullable=False),  # file:line or the writer
    Column("recorded_at", DateTime, nullable=False),
    Index("ix_award_games", "games", "awarded_at"),
    # covers the medal count: group by NOC and medal without touching the table
    Index("ix_award_count", "games", "noc", "medal", "awarded_at", "key"),
    Index("ix_award_event", "event", "games"),
    Index("ix_award_athlete", "athlete"),
    Index("ix_award_noc", "noc"),
)

award_member = Table(
    "award_member",
    metadata,
    Column("award", String(400), ForeignKey("award.key"), primary_key=True),
    Column("athlete", String(200), ForeignKey("athlete.key"), primary_key=True),
    Index("ix_member_athlete", "athlete"),
)

revocation = Table(
    "revocation",
    metadata,
    Column("award", String(400), ForeignKey("award.key"), primary_key=True),
    Column("revoked_at", DateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
)

# Bumped in every write transaction: derived tables are cached against it.
revision = Table(
    "revision",
    metadata,
    Column("id", SmallInteger, primary_key=True),
    Column("number", Integer, nullable=False),
)

# -- the results desk -----------------------------------------------------------------------

# One row per write through the desk: a result, a correction, a disqualification. Never
# updated. `seq` is the ledger's sequence: the id of the server-sent event announcing it.
ledger_entry = Table(
    "ledger_entry",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # result | correction | disqualification
    Column("games", String(64), nullable=False),
    Column("event", String(160), nullable=False),
    Column("effective_at", DateTime, nullable=False),  # naive UTC, when it counts
    Column("recorded_at", DateTime, nullable=False),
    Column("request_hash", String(64), nullable=False),  # sha256 of the canonical request
    # "games|event" for a result, else NULL: the unique index makes a second result for the
    # same event fail inside the database too, not only in the check before it
    Column("result_key", String(240), unique=True),
    Column("actor", String(64), nullable=False),  # the token's label
    Column("reason", Text, nullable=False),
    Column("payload", Text, nullable=False),  # the validated request as JSON
    Index("ix_ledger_event", "games", "event"),
)

api_token = Table(
    "api_token",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest", String(64), nullable=False, unique=True),  # sha256 hex; the token is not kept
    Column("role", String(16), nullable=False),  # editor | reader
    Column("label", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

idempotency = Table(
    "idempotency",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status", Integer, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

# -- targets (the news, issue 10) -------------------------------------------------------------

# A stated ambition (a best final rank) of one NOC for one Games, with who stated it and
# when: never updated; the target a story cites is the newest one stated by its moment.
target = Table(
    "target",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("games", String(64), ForeignKey("games.slug"), nullable=False),
    Column("noc", String(3), ForeignKey("noc.code"), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("source", String(300), nullable=False),  # who said it, where: "NOC*NSF, 2025-12-01"
    Column("stated_at", DateTime, nullable=False),  # naive UTC
    Column("recorded_at", DateTime, nullable=False),
    Index("ix_target_games", "games", "noc", "stated_at"),
)

DESK_TABLES = frozenset({ledger_entry.name, api_token.name, idempotency.name})


def text_length(column: Column[Any]) -> int:
    """The length a String column declares: what a value must fit on PostgreSQL (SQLite would
    take any length, so the limit is checked before a write, not left to the database)."""
    length = getattr(column.type, "length", None)
    if not isinstance(length, int):
        raise TypeError(f"{column} has no declared length")
    return length
