"""Faults, with real processes, real databases and real HTTP: `podium serve` killed (kill -9)
in the middle of a replay and restarted, `podium import` killed in the middle of a source,
the server's database connections dropped under it (PostgreSQL), and a live client that
reconnects after a restart.

PostgreSQL itself is not restarted here: it is shared by every test run on the machine.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from conftest import BACKEND, POSTGRES, new_database
from podium import Podium, ledger, replay
from podium import schema as s
from podium.importers import SOURCES
from podium.model import Award
from podium.replay import Result, results, stage
from podium.table import TableRow
from support import ServerProcess

GAMES = "milano-cortina-2026"


@dataclass(frozen=True)
class Staged:
    """A database with the NOCs and the 2026 schedule and athletes but none of its medals, an
    editor token, and the 2026 results as a replay posts them."""

    url: str
    token: str
    plan: list[Result]

    def post(self, client: httpx.Client, result: Result) -> httpx.Response:
        """One result, as `podium replay` posts it (its Idempotency-Key, and a 429 waited out
        and sent again: these tests post faster than the rate limit allows a token for long)."""
        return replay.post(client, GAMES, self.token, result, say=lambda _: None)


@pytest.fixture
def staged(database_url: str, data_dir: Path) -> Staged:
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "fault test")
        plan = results(podium, str(data_dir), GAMES)
    assert len(plan) == 116
    return Staged(database_url, token, plan)


@pytest.fixture
def servers() -> Iterator[list[ServerProcess]]:
    """Every server a test starts is killed at its end, whatever happened."""
    started: list[ServerProcess] = []
    yield started
    for server in started:
        server.kill()


def serve(
    servers: list[ServerProcess], db: str, log: Path, port: int | None = None
) -> ServerProcess:
    server = ServerProcess(db, port=port, log=log)
    servers.append(server)
    return server.start()


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting until {what}")
        time.sleep(0.002)


@contextmanager
def write_held_open(url: str) -> Iterator[Callable[[], int]]:
    """PostgreSQL: hold the revision row (SELECT ... FOR UPDATE) so that a server's next
    write waits at its last statement, its ledger entry and award rows written but not
    committed. Yields a function that waits for such a write and returns its backend's pid.
    The row is let go on leaving."""
    locker = create_engine(url)
    watcher = create_engine(url, isolation_level="AUTOCOMMIT")  # fresh statistics each look
    waiting = text(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock'"
    )

    def blocked() -> int:
        with watcher.connect() as conn:
            wait_until(
                lambda: conn.execute(waiting).first() is not None,
                30,
                "a write waits for the revision row",
            )
            return int(conn.execute(waiting).scalars().first())

    try:
        with locker.begin() as conn:
            conn.execute(text("SELECT number FROM revision WHERE id = 1 FOR UPDATE"))
            yield blocked
    finally:
        locker.dispose()
        watcher.dispose()


# -- what the ledger holds -----------------------------------------------------------------

AwardShape = tuple[int, str, str | None, str | None, tuple[str, ...]]


def planned_awards(result: Result) -> list[AwardShape]:
    """The award rows one posted result must become: (medal, noc, athlete, team, members)."""
    out = []
    for m in result.body["medals"]:
        athlete = m.get("athlete_key")
        team = None if athlete else (m.get("team") or m["noc"])
        members = tuple(sorted(m.get("member_keys", [])))
        out.append((int(ledger.MEDALS[m["medal"]]), m["noc"], athlete, team, members))
    return sorted(out, key=repr)  # repr: None and text side by side


def award_shape(a: Award) -> AwardShape:
    return (int(a.medal), a.noc, a.athlete, a.team, tuple(sorted(a.members)))


def check_ledger(url: str, plan: list[Result]) -> dict[str, int]:
    """The 2026 results in the ledger (event -> seq), after checking that each is recorded
    once and whole: every entry's award rows are exactly its result's medals with their team
    members, and no award row stands without its entry."""
    with Podium(url, migrate=False) as podium:
        entries = podium.store.ledger_entries(games=GAMES)
        awards = podium.store.awards(games=[GAMES])
    by_event = {e.event: int(e.seq) for e in entries}
    assert len(by_event) == len(entries), "an event has two ledger entries"
    assert {e.kind for e in entries} <= {"result"}
    rows: dict[int, list[AwardShape]] = {}
    for a in awards:
        rows.setdefault(int(a.source.removeprefix("ledger:")), []).append(award_shape(a))
    assert set(rows) == set(by_event.values()), "award rows without their ledger entry"
    wanted = {r.event: r for r in plan}
    for event, seq in by_event.items():
        assert sorted(rows[seq], key=repr) == planned_awards(wanted[event]), f"{seq} not whole"
    return by_event


def table_rows(url: str) -> tuple[TableRow, ...]:
    with Podium(url, migrate=False) as podium:
        return podium.table(GAMES).rows


# -- kill -9 of the server in the middle of a replay -----------------------------------------


def kill_delay() -> float:
    """A random wait of up to 30 ms, from a seed that is printed (pytest shows it with a
    failure) and that PODIUM_TEST_SEED=... sets, to wait the same again."""
    seed = int(os.environ.get("PODIUM_TEST_SEED") or random.SystemRandom().randrange(2**32))
    print(f"kill delay seed: {seed} (PODIUM_TEST_SEED={seed} repeats it)")
    return random.Random(seed).uniform(0, 0.03)


def test_a_server_killed_mid_replay_keeps_every_acknowledged_result(
    staged: Staged, servers: list[ServerProcess], imported: Podium, tmp_path: Path
) -> None:
    """Every result answered 201 before the kill is in the ledger with all its award rows; at
    most the one request in flight is there besides, also whole; nothing twice. On SQLite the
    kill comes at a random moment in the next request or two; on PostgreSQL while the next
    write's transaction is open with its entry and awards written, which must leave nothing.
    Replaying the whole plan again with the same Idempotency-Keys then completes the Games:
    the earlier entries come back as replays with their own sequence numbers, and the final
    table is the imported one."""
    log = tmp_path / "serve.log"
    server = serve(servers, staged.url, log)
    acked: dict[str, int] = {}
    answers: Counter[int] = Counter()
    unanswered: list[str] = []

    def post_all() -> None:
        with replay.client(server.url) as client:
            for result in staged.plan:
                try:
                    response = staged.post(client, result)
                except httpx.TransportError:
                    unanswered.append(result.event)
                    return
                answers[response.status_code] += 1
                if response.status_code == 201:
                    acked[result.event] = int(response.json()["seq"])

    poster = threading.Thread(target=post_all)
    poster.start()
    try:
        wait_until(lambda: len(acked) >= 40, 60, "40 results are acknowledged")
        if BACKEND == "postgresql":
            with write_held_open(staged.url) as blocked:
                blocked()
                server.kill()
        else:
            # somewhere in the next request or two: before, during or after its commit
            time.sleep(kill_delay())
    finally:
        server.kill()
        poster.join(60)
    assert answers == {201: len(acked)}
    assert 40 <= len(acked) < len(staged.plan) and len(unanswered) == 1

    recorded = check_ledger(staged.url, staged.plan)
    assert {e: recorded[e] for e in acked} == acked
    # the request the kill cut short is there whole, or not at all (on PostgreSQL: not at all)
    assert set(recorded) - set(acked) <= (set(unanswered) if BACKEND == "sqlite" else set())

    server = serve(servers, staged.url, log, port=server.port)
    served = httpx.get(f"{server.url}/api/games/{GAMES}/ledger").json()
    assert [(e["seq"], e["event"]) for e in served] == sorted(
        (seq, event) for event, seq in recorded.items()
    )
    with replay.client(server.url) as client:
        for result in staged.plan:
            response = staged.post(client, result)
            assert response.status_code == 201, response.text
            replayed = response.headers.get("idempotent-replayed") == "true"
            assert replayed == (result.event in recorded), result.event
            if replayed:
                assert response.json()["seq"] == recorded[result.event]
    final = check_ledger(staged.url, staged.plan)
    assert len(final) == len(staged.plan)
    assert table_rows(staged.url) == imported.table(GAMES).rows


# -- kill -9 of an import ------------------------------------------------------------------

VOLATILE = {"recorded_at", "created_at"}  # the moment of the import: different in every run


def digest(url: str) -> list[tuple[Any, ...]]:
    """Store.table_digest without the columns that hold the moment of writing."""
    drop = {
        t.name: {i + 1 for i, c in enumerate(t.columns) if c.name in VOLATILE}
        for t in s.metadata.sorted_tables
    }
    with Podium(url, migrate=False) as podium:
        rows = podium.store.table_digest()
    return [tuple(v for i, v in enumerate(r) if i not in drop[r[0]]) for r in rows]


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    """A new, empty database of the backend under test, dropped afterwards."""
    folder.mkdir()
    yield from new_database(folder)


class WriteProbe:
    """Looks, from outside, whether another process has a write transaction open on the
    database, and how many NOCs are committed."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite: sqlite3.Connection | None = None
        self.engine: Engine | None = None
        if url.startswith("sqlite"):
            path = make_url(url).database or ""
            # no busy timeout: a held write lock answers "database is locked" at once
            self.sqlite = sqlite3.connect(path, timeout=0, isolation_level=None)
        else:
            self.engine = create_engine(url, isolation_level="AUTOCOMMIT")

    def writing(self) -> bool:
        if self.sqlite is not None:
            try:
                self.sqlite.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc):
                    return True
                raise
            self.sqlite.execute("ROLLBACK")
            return False
        assert self.engine is not None
        with self.engine.connect() as conn:
            # a transaction has an xid once it has written
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                        "current_database() AND backend_xid IS NOT NULL "
                        "AND pid <> pg_backend_pid()"
                    )
                ).scalar()
            )

    def nocs(self) -> int:
        if self.sqlite is not None:
            return int(self.sqlite.execute("SELECT count(*) FROM noc").fetchone()[0])
        assert self.engine is not None
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM noc")).scalar_one())

    def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
        if self.engine is not None:
            self.engine.dispose()


def test_an_import_killed_midway_leaves_whole_sources(tmp_path: Path, data_dir: Path) -> None:
    """`podium import` is killed while a source's transaction is open (after the NOCs, in
    the history source's write): the database is then exactly what importing a whole prefix
    of the sources gives, nothing of the cut source. Importing again completes it to the same
    rows as a clean import. Olympedia is left out: its one transaction is like any other's,
    and importing it takes a minute each time."""
    data = str(data_dir)
    names = [s.name for s in SOURCES if s.name != "olympedia"]
    with fresh_database(tmp_path / "reference") as reference:
        prefixes = [digest_after(reference, None)]
        for name in names:
            prefixes.append(digest_after(reference, lambda p, n=name: p.import_data(data, [n])))
    for attempt in range(3):
        with fresh_database(tmp_path / f"killed{attempt}") as url:
            Podium(url).close()  # the schema first: the kill is to land in the import
            probe = WriteProbe(url)
            only = [arg for name in names for arg in ("--source", name)]
            command = [sys.executable, "-m", "podium", "import", data, *only, "--db", url]
            with (tmp_path / f"import{attempt}.log").open("wb") as out:
                process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
                try:
                    while process.poll() is None and not (probe.nocs() and probe.writing()):
                        time.sleep(0.002)
                    if process.poll() is None:
                        os.kill(process.pid, signal.SIGKILL)
                    process.wait(60)
                finally:
                    if process.poll() is None:
                        process.kill()
                    probe.close()
            if process.returncode != -signal.SIGKILL:
                continue  # it finished before the kill: try again on a new database
            after_kill = digest(url)
            assert after_kill in prefixes
            whole = prefixes.index(after_kill)
            # the NOCs were committed and the import did not get to the end
            assert 1 <= whole < len(names), whole
            with Podium(url) as podium:
                podium.import_data(data, names)
            assert digest(url) == prefixes[-1]
            return
    pytest.fail("the import finished three times before it could be killed")


def digest_after(url: str, step: Callable[[Podium], Any] | None) -> list[tuple[Any, ...]]:
    with Podium(url) as podium:
        if step is not None:
            step(podium)
    return digest(url)


# -- dropped database connections ------------------------------------------------------------

LOST_LINE = "database connection lost in the transaction (ledger result milano-cortina-2026 "
PRE_PING_LINE = "database connection found dropped when taken from the pool (pre-ping)"
REFUSED_LINE = "is not currently accepting connections; attempt 2 of 4 in 0.25 s"
REPLAYED = 60  # results posted in the test: within what the write API lets one token burst
SLOW_COMMIT = """
CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON ledger_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();
"""


@pytest.mark.skipif(
    BACKEND != "postgresql",
    reason="SQLite is a file opened in the server's own process: no connection to drop",
)
def test_dropped_database_connections_are_survived(
    staged: Staged, servers: list[ServerProcess], tmp_path: Path
) -> None:
    """PostgreSQL ends every connection of the server (pg_terminate_backend): between
    requests, with new connections refused for a second (a restart, for this database
    only), in the middle of a write's transaction, during its COMMIT, and over and over
    during a replay. The next reads and writes succeed, a cut write is run again (one log
    line says so, naming the error and the attempt) and recorded once, and the replay ends
    with every result acknowledged and recorded once, whole."""
    log = tmp_path / "serve.log"
    server = serve(servers, staged.url, log)
    admin = create_engine(staged.url, isolation_level="AUTOCOMMIT")
    outside = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")

    def drop_connections() -> int:
        with admin.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        "AND backend_type = 'client backend'"
                    )
                ).scalar_one()
            )

    try:
        with replay.client(server.url) as client:
            plan = staged.plan
            assert client.get(f"/games/{GAMES}.json").status_code == 200
            assert staged.post(client, plan[0]).status_code == 201
            # between requests: the pooled connections are dead when the next request comes
            assert drop_connections() >= 1
            page = client.get(f"/nocs/NED.json?games={GAMES}")
            assert page.status_code == 200 and page.json()["noc"] == "NED"
            assert staged.post(client, plan[1]).status_code == 201
            assert PRE_PING_LINE in log.read_text()

            # as in a restart of PostgreSQL, for this database only: its connections ended
            # and new ones refused for a second. The write waits it out, retrying its connect
            database = make_url(staged.url).database
            answer: list[httpx.Response] = []
            with outside.connect() as conn:  # it cannot be done from within the database
                conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false'))
                try:
                    assert drop_connections() >= 1
                    writer = threading.Thread(
                        target=lambda: answer.append(staged.post(client, plan[2]))
                    )
                    writer.start()
                    wait_until(lambda: REFUSED_LINE in log.read_text(), 30, "a connect is refused")
                    time.sleep(0.5)
                finally:
                    conn.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
            writer.join(30)
            assert answer[0].status_code == 201, answer[0].text

            # in the middle of a write: hold the revision row, so the server's transaction
            # waits at its last statement with the entry and awards written; end it there
            with write_held_open(staged.url) as blocked:
                writer = threading.Thread(
                    target=lambda: answer.append(staged.post(client, plan[3]))
                )
                writer.start()
                pid = blocked()
                with admin.connect() as conn:
                    conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            writer.join(30)
            assert answer[1].status_code == 201, answer[1].text
            text_of_log = log.read_text()
            assert f"{LOST_LINE}{plan[3].event}): AdminShutdown: " in text_of_log, text_of_log
            assert "attempt 2 of 4" in text_of_log

            # during COMMIT: a deferred trigger makes the commit of a ledger entry sleep, and
            # the connection is ended there. The answer to COMMIT is lost, so the server
            # first looks whether the entry stands (it does not: the commit never finished),
            # then writes it again; the client sees one 201 and the ledger one entry
            with admin.connect() as conn:
                conn.execute(text(SLOW_COMMIT))
            writer = threading.Thread(target=lambda: answer.append(staged.post(client, plan[4])))
            writer.start()
            with admin.connect() as conn:
                sleeping = text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event = 'PgSleep'"
                )
                wait_until(
                    lambda: conn.execute(sleeping).first() is not None, 30, "a commit sleeps"
                )
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event = 'PgSleep'"
                    )
                )
            writer.join(30)
            with admin.connect() as conn:
                conn.execute(text("DROP TRIGGER slow_commit ON ledger_entry"))
            assert answer[2].status_code == 201, answer[2].text
            committing = f"database connection lost committing (ledger result {GAMES} "
            assert f"{committing}{plan[4].event}): AdminShutdown: " in log.read_text()
            assert sorted(check_ledger(staged.url, plan)) == sorted(r.event for r in plan[:5])

            # during a replay: cut every connection six times, every half second, while
            # results are posted one by one (at least 50 ms apart, so the replay outlasts the
            # cuts), each followed by a read of its winner's page (new at every revision). A
            # statement cut short is tried again after 0.25 s, done before the next cut: each
            # cut is one fault to survive, not a storm that no bounded retry outlives
            answers: Counter[tuple[str, int]] = Counter()

            def post_one_by_one() -> None:
                for result in plan[5:REPLAYED]:
                    answers["post", staged.post(client, result).status_code] += 1
                    gold = result.body["medals"][0]["noc"]
                    answers["get", client.get(f"/nocs/{gold}.json?games={GAMES}").status_code] += 1
                    time.sleep(0.05)

            poster = threading.Thread(target=post_one_by_one)
            poster.start()
            for _ in range(6):
                assert poster.is_alive()
                assert drop_connections() >= 1
                time.sleep(0.5)
            poster.join()
            assert answers == {("post", 201): REPLAYED - 5, ("get", 200): REPLAYED - 5}
            recorded = check_ledger(staged.url, plan)
            assert sorted(recorded) == sorted(r.event for r in plan[:REPLAYED])
    finally:
        admin.dispose()
        outside.dispose()


# -- a live client across a restart --------------------------------------------------------


@dataclass
class LiveClient:
    """What a browser's EventSource does: read the events, and when the stream breaks,
    connect again with Last-Event-ID (here only once `resume` is set, so that the missed
    entries pile up first)."""

    url: str
    last_id: str | None = None
    messages: list[tuple[int, list[int], dict[str, Any], bool]] = field(default_factory=list)
    connected: threading.Event = field(default_factory=threading.Event)
    broken: threading.Event = field(default_factory=threading.Event)
    resume: threading.Event = field(default_factory=threading.Event)
    closing: bool = False
    reconnected_with: list[str | None] = field(default_factory=list)

    def run(self) -> None:
        after_break = False
        while not self.closing:
            headers = {"Last-Event-ID": self.last_id} if self.last_id else {}
            try:
                with httpx.stream("GET", self.url, headers=headers, timeout=30) as response:
                    assert response.status_code == 200
                    if after_break:
                        self.reconnected_with.append(self.last_id)
                    self.connected.set()
                    fields: dict[str, str] = {}
                    for line in response.iter_lines():
                        if line.startswith(":"):
                            continue
                        if line:
                            name, _, value = line.partition(":")
                            fields[name] = value.strip()
                            continue
                        if "data" in fields:
                            data = json.loads(fields["data"])
                            seqs = [e["seq"] for e in data["entries"]]
                            self.messages.append((int(fields["id"]), seqs, data, after_break))
                            self.last_id = fields["id"]
                            after_break = False
                        fields = {}
            except httpx.TransportError:
                pass  # a broken stream, or no server to connect to (yet)
            if self.closing:
                return
            self.broken.set()
            after_break = True
            self.resume.wait(60)
            time.sleep(0.05)


def test_a_live_client_catches_up_after_a_server_restart(
    staged: Staged, servers: list[ServerProcess], tmp_path: Path
) -> None:
    """A live page sees entries 4 and 5, the server is killed, comes back and records 6 to 10
    while the page is away; reconnecting with Last-Event-ID 5, the page gets 6 to 10 in its
    first message with the table as it stands: every entry once, none missed."""
    log = tmp_path / "serve.log"
    server = serve(servers, staged.url, log)
    plan = staged.plan
    with replay.client(server.url) as client:
        for result in plan[:3]:
            assert staged.post(client, result).status_code == 201
    live = LiveClient(f"{server.url}/games/{GAMES}/live")
    reader = threading.Thread(target=live.run)
    reader.start()
    try:
        assert live.connected.wait(30)
        with replay.client(server.url) as client:
            for result in plan[3:5]:
                assert staged.post(client, result).status_code == 201
        wait_until(lambda: live.last_id == "5", 30, "the page has seen entry 5")
        server.kill()
        assert live.broken.wait(30)
        server = serve(servers, staged.url, log, port=server.port)
        with replay.client(server.url) as client:
            for result in plan[5:10]:
                assert staged.post(client, result).status_code == 201
        live.resume.set()
        wait_until(lambda: live.last_id == "10", 30, "the page has caught up to entry 10")
    finally:
        live.closing = True
        live.resume.set()
        for started in servers:
            started.kill()
        reader.join(30)
    assert live.reconnected_with == ["5"]
    assert [seq for _, seqs, _, _ in live.messages for seq in seqs] == [4, 5, 6, 7, 8, 9, 10]
    first_back = next(m for m in live.messages if m[3])
    assert (first_back[0], first_back[1]) == (10, [6, 7, 8, 9, 10])
    medals = sum(len(r.body["medals"]) for r in plan[:10])
    assert sum(row["total"] for row in first_back[2]["table"]["rows"]) == medals
