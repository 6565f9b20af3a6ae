"""The Alembic migrations build exactly `podium.schema` (the desk's tables included) on the
backend under test, and a fresh `Podium(url)` runs them up to the newest revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

import podium
from podium import Podium, schema

MIGRATIONS = Path(podium.__file__).parent / "migrations"


def test_a_fresh_database_migrates_to_exactly_the_schema(database_url: str) -> None:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head == "0007"
    for _ in range(2):  # the second time finds it done
        with Podium(database_url) as p, p.store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).all() == [(head,)]
            names = set(inspect(conn).get_table_names())
            assert names == {t.name for t in schema.metadata.sorted_tables} | {"alembic_version"}
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, schema.metadata) == []


def test_the_desk_tables_are_what_the_desk_migration_adds(database_url: str) -> None:
    """`schema.DESK_TABLES` (what an import leaves out of its comparison) names exactly the
    tables the results desk's migration, 0003, creates: upgrading one revision at a time,
    each stamped in alembic_version, the tables each adds are these."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    revisions = [r.revision for r in ScriptDirectory(str(MIGRATIONS)).walk_revisions()][::-1]
    added: dict[str, set[str]] = {}
    tables: set[str] = set()
    engine = create_engine(database_url)
    try:
        for revision in revisions:
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
            with engine.connect() as conn:
                stamped = conn.execute(text("SELECT version_num FROM alembic_version")).all()
                assert stamped == [(revision,)]
                now = set(inspect(conn).get_table_names()) - {"alembic_version"}
            added[revision], tables = now - tables, now
    finally:
        engine.dispose()
    assert added["0003"] == schema.DESK_TABLES
    assert tables == {t.name for t in schema.metadata.sorted_tables}
