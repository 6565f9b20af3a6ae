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
    UniqueConstraint,
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

# -- people (migration 0004) ----------------------------------------------------------------

# Olympedia: one row per athlete per event entered, 1896-2026, medal as it stands today.
# `noc` is null where Olympedia says "NAN" (team entries from 2018) and no other entry of the
# athlete names it; `sport` is the canonical sport slug (the blocking key of the linkage).
entry = Table(
    "entry",
    metadata,
    Column("athlete", String(200), ForeignKey("athlete.key"), primary_key=True),
    Column("games", String(64), ForeignKey("games.slug"), primary_key=True),
    Column("raw_event", String(200), primary_key=True),
    Column("sport", String(64), nullable=False),
    Column("noc", String(3)),
    Column("medal", SmallInteger),
    Column("age", SmallInteger),
    Column("source", String(300), nullable=False),
    Index("ix_entry_games", "games", "sport"),
)

# One person behind the records of every source (derived by `podium.identity` at each
# import, replaced whole): the name the press writes, the full name, and what search matches.
person = Table(
    "person",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("display", String(200), nullable=False),
    Column("given", String(200), nullable=False),  # of the name in use: "Lucas"
    Column("family", String(200), nullable=False),  # "Pinheiro Braathen", said on second mention
    Column("full_name", String(300), nullable=False),
    Column("sex", String(1)),
    Column("birth_year", SmallInteger),
    Column("noc", String(3), nullable=False),
    Column("search", Text, nullable=False),  # every folded spelling of every name, "|"-joined
)

# Which person a source record is, and the signals that joined it (the `--why`).
athlete_person = Table(
    "athlete_person",
    metadata,
    Column("athlete", String(200), ForeignKey("athlete.key"), primary_key=True),
    Column("person", String(200), ForeignKey("person.key"), nullable=False),
    Column("how", Text, nullable=False),
    Index("ix_athlete_person", "person"),
)

PEOPLE_TABLES = (athlete_person, person)  # derived: replaced whole by each linkage

# -- ODF, the official results feed (migration 0005) ------------------------------------------

# Every message received, one row per document version: `digest` tells a duplicate from a
# different message under the same version, `cancelled` marks a version its producer
# withdrew (a header without a body), `body` keeps the XML so that withdrawing the newest
# version can fall back to the one before.
odf_message = Table(
    "odf_message",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("competition", String(16), nullable=False),
    Column("document_code", String(34), nullable=False),
    Column("document_subcode", String(34), nullable=False),
    Column("document_type", String(30), nullable=False),
    Column("document_subtype", String(20), nullable=False),
    Column("language", String(3), nullable=False),
    Column("version", Integer, nullable=False),
    Column("games", String(64)),
    Column("source", String(20), nullable=False),
    Column("result_status", String(16), nullable=False),
    Column("feed_flag", String(1), nullable=False),
    Column("logical_date", String(10), nullable=False),
    Column("sent_at", DateTime),
    Column("received_at", DateTime, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("cancelled", Boolean, nullable=False),
    Column("outcome", Text, nullable=False),  # what ingesting it did, as reported
    Column("body", Text),  # the message as received; NULL for a cancellation seen first
    Index(
        "ux_odf_message_version",
        "competition",
        "document_code",
        "document_subcode",
        "document_type",
        "document_subtype",
        "language",
        "version",
        unique=True,
    ),
)

# Full results: every competitor of an event unit as the newest DT_RESULT of the unit has it.
odf_result = Table(
    "odf_result",
    metadata,
    Column("games", String(64), primary_key=True),
    Column("unit", String(34), primary_key=True),  # the unit's RSC
    Column("sort_order", Integer, primary_key=True),
    Column("event", String(160)),  # the canonical event; NULL where the RSC is not mapped
    Column("unit_name", String(200), nullable=False),
    Column("competitor", String(64), nullable=False),  # ODF code (NOCOMP, BYE for none)
    Column("kind", String(1), nullable=False),  # A athlete | T team | G group
    Column("noc", String(3), nullable=False),  # "" for a placeholder
    Column("athlete", String(200)),  # Podium's athlete where the competitor is one
    Column("name", String(200), nullable=False),
    Column("rank", Integer),
    Column("rank_equal", Boolean, nullable=False),
    Column("result", String(40), nullable=False),
    Column("result_type", String(20), nullable=False),
    Column("irm", String(10), nullable=False),
    Column("wlt", String(1), nullable=False),
    Column("diff", String(40), nullable=False),
    Column("records", String(60), nullable=False),  # record codes, space-separated
    Column("status", String(16), nullable=False),  # the message's ResultStatus
    Column("version", Integer, nullable=False),
    Index("ix_odf_result_event", "event", "games"),
)

# The schedule's units (DT_SCHEDULE resets a discipline's, DT_SCHEDULE_UPDATE replaces those
# it lists) and the participants (DT_PARTIC / _UPDATE), each with the version that set it.
odf_unit = Table(
    "odf_unit",
    metadata,
    Column("games", String(64), primary_key=True),
    Column("code", String(34), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("medal", String(2), nullable=False),
    Column("starts_at", DateTime),
    Column("ends_at", DateTime),
    Column("version", Integer, nullable=False),
)

odf_participant = Table(
    "odf_participant",
    metadata,
    Column("games", String(64), primary_key=True),
    Column("code", String(64), primary_key=True),
    Column("given", String(200), nullable=False),
    Column("family", String(200), nullable=False),
    Column("gender", String(1), nullable=False),
    Column("noc", String(3), nullable=False),
    Column("birth_date", String(10), nullable=False),
    Column("status", String(16), nullable=False),
    Column("athlete", String(200)),  # linked to Podium's athlete where found
    Column("version", Integer, nullable=False),
)

# What each ODF code was mapped to, learnt from the messages that named it: an event-level
# RSC to its canonical event (so a message without an event name still maps).
odf_code = Table(
    "odf_code",
    metadata,
    Column("games", String(64), primary_key=True),
    Column("kind", String(16), primary_key=True),  # event
    Column("code", String(64), primary_key=True),
    Column("target", String(200), nullable=False),
)

# -- news feeds and webhooks (issue 13) ----------------------------------------------------

# Every version of every news item (a story for one Games, angle and language): a version is
# added when the item's content digest differs from its newest one, so `version` only grows.
news_item = Table(
    "news_item",
    metadata,
    Column("id", String(240), primary_key=True),  # "NED-nl-event-speed-skating.w.500m"
    Column("version", Integer, primary_key=True),
    Column("games", String(64), nullable=False),
    Column("digest", String(64), nullable=False),  # sha256 of `content`
    Column("content", Text, nullable=False),  # the item as JSON: what a late delivery sends
    Column("created_at", DateTime, nullable=False),
)

webhook = Table(
    "webhook",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2000), nullable=False),
    Column("secret", String(64), nullable=False),  # the signing key: HMAC needs it in clear
    Column("games", String(64)),  # null: every Games
    Column("perspective", String(3), nullable=False),
    Column("lang", String(2), nullable=False),
    Column("label", String(64), nullable=False),  # who added it (the token's label)
    Column("created_at", DateTime, nullable=False),
    Column("active", Boolean, nullable=False),
)

# Written in the transaction of the ledger entry that caused it, one row per hook that wants
# it: the promise that the hook will hear of what the entry changed, kept across crashes.
webhook_outbox = Table(
    "webhook_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hook", Integer, ForeignKey("webhook.id"), nullable=False),
    Column("seq", Integer, nullable=False),  # the ledger entry
    Column("games", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expanded_at", DateTime),  # when its deliveries were listed (null: not yet)
    Index("ix_outbox_pending", "expanded_at", "hook"),
)

# One row per (hook, item version) to send; `idempotency` is what the receiver dedups on.
webhook_delivery = Table(
    "webhook_delivery",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hook", Integer, ForeignKey("webhook.id"), nullable=False),
    Column("item", String(240), nullable=False),
    Column("version", Integer, nullable=False),
    Column("idempotency", String(300), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_at", DateTime, nullable=False),  # due then; a worker sending it moves it on
    Column("delivered_at", DateTime),
    Column("failed_at", DateTime),  # given up after the last retry
    Column("last_status", Integer),
    Column("last_error", Text),
    UniqueConstraint("hook", "item", "version", name="uq_delivery_hook_item_version"),
    Index("ix_delivery_due", "delivered_at", "failed_at", "next_at"),
)

# The delivery log: one row per attempt.
webhook_attempt = Table(
    "webhook_attempt",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("delivery", Integer, ForeignKey("webhook_delivery.id"), nullable=False),
    Column("hook", Integer, ForeignKey("webhook.id"), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("status", Integer),  # the HTTP status, null when no answer came
    Column("error", Text),
    Column("millis", Integer, nullable=False),
    Index("ix_attempt_hook", "hook", "id"),
)

FEED_TABLES = frozenset(
    {
        news_item.name,
        webhook.name,
        webhook_outbox.name,
        webhook_delivery.name,
        webhook_attempt.name,
    }
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
