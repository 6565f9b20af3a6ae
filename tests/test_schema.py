"""The Alembic migrations build exactly `podium.schema` (the desk's tables included) on the
backend under test, and a fresh `Podium(url)` runs them up to the newest revision."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import podium
from podium import Podium, schema

MIGRATIONS = Path(podium.__file__).parent / "migrations"


def test_a_fresh_database_migrates_to_exactly_the_schema(database_url: str) -> None:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head == "0003"
    for _ in range(2):  # the second time finds it done
        with Podium(database_url) as p, p.store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).all() == [(head,)]
            names = set(inspect(conn).get_table_names())
            assert names == {t.name for t in schema.metadata.sorted_tables} | {"alembic_version"}
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, schema.metadata) == []
    assert sorted(schema.DESK_TABLES) == ["api_token", "idempotency", "ledger_entry"]
