"""Scratch databases for tests and benchmarks: made empty, dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, sql


@contextmanager
def scratch_database(backend: str, folder: Path, admin_url: str) -> Iterator[str]:
    """A new, empty database for tests and benchmarks, dropped afterwards: a SQLite file in
    `folder`, or a PostgreSQL database created through `admin_url`'s server."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'podium.db'}"
        return
    if backend != "postgresql":
        raise ValueError(f"backend: {backend!r} is not sqlite or postgresql")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"podium_scratch_{uuid.uuid4().hex[:12]}"
    # CREATE DATABASE takes no parameters: the name is ours and quoted as an identifier
    create, drop = (
        sql.text(f"{verb} DATABASE {admin.dialect.identifier_preparer.quote(name)}{tail}")
        for verb, tail in (("CREATE", ""), ("DROP", " WITH (FORCE)"))
    )
    with admin.connect() as conn:
        conn.execute(create)
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(drop)
        admin.dispose()
