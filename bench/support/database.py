"""Scratch databases for tests and benchmarks: made empty, dropped afterwards."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, sql


@contextmanager
def scratch_database(backend: str, folder: Path, admin_url: str) -> Iterator[str]:
    """A new, empty database for tests and benchmarks, dropped afterwards: a SQLite file in
    `folder`, or a PostgreSQL database created through `admin_url`'s server."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'podium.db'}"
        return
    if backend != "postgresql":
        raise ValueError(f"backend: {backend!r} is not sqlite or postgresql")
    with _postgresql_database(admin_url, "") as url:
        yield url


@contextmanager
def copied_database(backend: str, source: str, folder: Path, admin_url: str) -> Iterator[str]:
    """A new database holding what the database at `source` (a scratch_database URL of the
    same backend, with no connection open to it) holds, dropped afterwards: a second import
    of everything costs a minute, a copy a few seconds."""
    if backend == "sqlite":
        copy = folder / "podium.db"
        original = sqlite3.connect(source.removeprefix("sqlite:///"))
        target = sqlite3.connect(copy)
        try:
            original.backup(target)
        finally:
            target.close()
            original.close()
        yield f"sqlite:///{copy}"
        return
    if backend != "postgresql":
        raise ValueError(f"backend: {backend!r} is not sqlite or postgresql")
    template = make_url(source).database
    if not template:
        raise ValueError(f"source: {source!r} names no database")
    with _postgresql_database(admin_url, template) as url:
        yield url


@contextmanager
def _postgresql_database(admin_url: str, template: str) -> Iterator[str]:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    quote = admin.dialect.identifier_preparer.quote
    name = f"podium_scratch_{uuid.uuid4().hex[:12]}"
    # CREATE DATABASE takes no parameters: the names are ours and quoted as identifiers
    create, drop = (
        sql.text(f"{verb} DATABASE {quote(name)}{tail}")
        for verb, tail in (
            ("CREATE", f" TEMPLATE {quote(template)}" if template else ""),
            ("DROP", " WITH (FORCE)"),
        )
    )
    with admin.connect() as conn:
        conn.execute(create)
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(drop)
        admin.dispose()
