"""The ODF feed's SQL: its messages by document version, full results, schedule units,
participants and learnt codes, beside `podium.store` (whose engine and transactions it
uses). One message is one transaction: its row and everything it changes, or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, select, update

from podium import schema as s
from podium.store import Store

Key = tuple[str, str, str, str, str, str]
Rows = list[dict[str, Any]]


@dataclass
class Changes:
    """What one message changes, written with its row in one transaction."""

    results: tuple[str, str, Rows] | None = None  # (games, unit, rows): the unit's rows anew
    units: Rows = field(default_factory=list)  # replace these units (where not newer)
    clear_units: tuple[str, str] | None = None  # (games, discipline): DT_SCHEDULE resets it
    participants: Rows = field(default_factory=list)
    codes: Rows = field(default_factory=list)
    athletes: Rows = field(default_factory=list)  # new athletes the feed names
    games: Rows = field(default_factory=list)  # a Games the feed creates (with its events)
    events: Rows = field(default_factory=list)
    contests: Rows = field(default_factory=list)
    cancel: tuple[Key, int] | None = None  # this version withdrawn


def _key_is(key: Key) -> Any:
    m = s.odf_message.c
    return and_(
        m.competition == key[0],
        m.document_code == key[1],
        m.document_subcode == key[2],
        m.document_type == key[3],
        m.document_subtype == key[4],
        m.language == key[5],
    )


class OdfStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def versions(self, key: Key) -> list[Row[Any]]:
        """(version, digest, cancelled, body) of every version of one document, oldest first."""
        m = s.odf_message.c
        query = select(m.version, m.digest, m.cancelled, m.body).where(_key_is(key))
        with self.store.reading() as conn:
            return list(conn.execute(query.order_by(m.version)))

    def save(self, message: Mapping[str, Any] | None, changes: Changes) -> None:
        """The message's row (None for a cancellation of a version already stored) and its
        changes, in one transaction that moves the revision on (pages show the results)."""

        def work(conn: Connection) -> None:
            st = self.store
            st.insert_ignore(conn, s.games, changes.games)
            st.insert_ignore(conn, s.event, changes.events)
            st.insert_ignore(conn, s.contest, changes.contests)
            st.insert_ignore(conn, s.athlete, changes.athletes)
            if changes.cancel is not None:
                key, version = changes.cancel
                conn.execute(
                    update(s.odf_message)
                    .where(_key_is(key), s.odf_message.c.version == version)
                    .values(cancelled=True)
                )
            if message is not None:
                conn.execute(s.odf_message.insert().values(**message))
            if changes.results is not None:
                games, unit, rows = changes.results
                r = s.odf_result.c
                conn.execute(delete(s.odf_result).where(r.games == games, r.unit == unit))
                if rows:
                    conn.execute(s.odf_result.insert(), rows)
            if changes.clear_units is not None:
                games, discipline = changes.clear_units
                u = s.odf_unit.c
                conn.execute(
                    delete(s.odf_unit).where(u.games == games, u.code.startswith(discipline))
                )
            self._replace_newer(conn, s.odf_unit, changes.units)
            self._replace_newer(conn, s.odf_participant, changes.participants)
            for row in changes.codes:
                c = s.odf_code.c
                conn.execute(
                    delete(s.odf_code).where(
                        c.games == row["games"], c.kind == row["kind"], c.code == row["code"]
                    )
                )
                conn.execute(s.odf_code.insert().values(**row))

        self.store.run("odf message", work, revision=True)

    def _replace_newer(
        self, conn: Connection, table: Any, rows: Sequence[Mapping[str, Any]]
    ) -> None:
        """Each row replaces the stored one of its key unless that came from a newer version
        (an update arriving late must not undo a later one)."""
        for row in rows:
            c = table.c
            where = and_(c.games == row["games"], c.code == row["code"])
            stored = conn.execute(select(c.version).where(where)).scalar()
            if stored is not None and stored > row["version"]:
                continue
            conn.execute(delete(table).where(where))
            conn.execute(table.insert().values(**row))

    def code(self, games: str, kind: str, code: str) -> str | None:
        c = s.odf_code.c
        query = select(c.target).where(c.games == games, c.kind == kind, c.code == code)
        with self.store.reading() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else str(found)

    def participant_athlete(self, games: str, code: str) -> str | None:
        p = s.odf_participant.c
        query = select(p.athlete).where(p.games == games, p.code == code)
        with self.store.reading() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else str(found)

    def unit(self, games: str, code: str) -> Row[Any] | None:
        u = s.odf_unit.c
        with self.store.reading() as conn:
            return conn.execute(select(s.odf_unit).where(u.games == games, u.code == code)).first()

    def results(self, event: str) -> list[Row[Any]]:
        """Every unit's full results of one canonical event, at every Games."""
        r = s.odf_result.c
        query = select(s.odf_result).where(r.event == event).order_by(r.games, r.unit, r.sort_order)
        with self.store.reading() as conn:
            return list(conn.execute(query))

    def standings(self, games: str) -> list[Row[Any]]:
        """The newest standing version of every DT_MEDALS document of a Games, with its body."""
        m = s.odf_message.c
        query = (
            select(m.document_code, m.version, m.body)
            .where(m.games == games, m.document_type == "DT_MEDALS", m.cancelled.is_(False))
            .where(m.body.is_not(None))
            .order_by(m.document_code, m.version)
        )
        newest: dict[str, Row[Any]] = {}
        with self.store.reading() as conn:
            for row in conn.execute(query):
                newest[row.document_code] = row
        return list(newest.values())

    def messages(self, games: str) -> list[Row[Any]]:
        m = s.odf_message.c
        query = (
            select(m.document_type, m.document_code, m.version, m.cancelled, m.outcome)
            .where(m.games == games)
            .order_by(m.id)
        )
        with self.store.reading() as conn:
            return list(conn.execute(query))
