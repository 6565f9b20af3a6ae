"""Tables of the results desk: the ledger of dated entries, API tokens and idempotency keys.

Kept apart from `podium.schema` (their own MetaData) so that the import digest and the core's
tables stay exactly as they were; migration 0003 creates them on both backends.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

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
