"""Webhooks against real HTTP receivers on loopback: every delivery is signed (HMAC-SHA256
over timestamp and body) and carries its idempotency id; a receiver answering 500 three times,
or down for the whole run and then back, gets every item version exactly once; an outbox row
is written with the ledger entry, so a worker that never ran (a crash between the write and
the delivery) loses nothing."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from podium import Podium, ledger, replay
from podium.feeds import news, webhooks
from podium.feeds.store import FeedStore
from podium.replay import results, stage
from support import ServerProcess

GAMES = "milano-cortina-2026"
DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
EVENTS = ("speed-skating/w/1000m", "speed-skating/w/500m")


@dataclass
class Receiver:
    """A webhook receiver: answers 500 to the first `fail` requests, then 200 (after `delay`
    seconds); keeps every request it answered 200 (id, signature header, body)."""

    fail: int = 0
    delay: float = 0.0
    seen: int = 0
    accepted: list[tuple[str, str, bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def receiving(receiver: Receiver, port: int = 0) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(receiver.delay)
            with receiver.lock:
                receiver.seen += 1
                ok = receiver.seen > receiver.fail
                if ok:
                    key = self.headers["Idempotency-Key"]
                    receiver.accepted.append((key, self.headers[webhooks.SIGNATURE], body))
            self.send_response(200 if ok else 500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def staged(database_url: str) -> Iterator[tuple[Podium, dict[str, Any]]]:
    with Podium(database_url) as podium:
        stage(podium, DATA, GAMES, history=False)
        yield podium, {r.event: r.body for r in results(podium, DATA, GAMES)}


def record(podium: Podium, plan: dict[str, Any]) -> None:
    desk = ledger.Desk(podium)
    for event in EVENTS:
        desk.result(GAMES, plan[event], "test", None)


def drain(deliverer: webhooks.Deliverer, hook: int, seconds: float = 20) -> None:
    """Rounds until every delivery of `hook` is done (or `seconds` pass)."""
    feeds = FeedStore(deliverer.podium.store)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        deliverer.step()
        rows = feeds.deliveries(hook)
        if not feeds.pending() and rows and all(r.delivered_at for r in rows):
            return
        time.sleep(0.02)
    raise AssertionError("deliveries still pending")


def free_port() -> int:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as probe:
        return int(probe.server_address[1])


EXPECTED = {
    "NED-nl-table@1",
    "NED-nl-event-speed-skating.w.500m@1",
    "NED-nl-event-speed-skating.w.1000m@1",
}


def test_signed_and_retried_after_500s(staged: tuple[Podium, dict[str, Any]]) -> None:
    podium, plan = staged
    receiver = Receiver(fail=3)
    with receiving(receiver) as url:
        hook, secret = webhooks.add_hook(
            podium, url, perspective="NED", lang="nl", games=GAMES, label="test"
        )
        record(podium, plan)
        # the two entries' outbox rows (and the new hook's own) stand before any delivery
        assert len(FeedStore(podium.store).pending()) == 3
        deliverer = webhooks.Deliverer(podium, base=0.05)
        try:
            drain(deliverer, hook)
        finally:
            deliverer.stop()
    ids = [key for key, _, _ in receiver.accepted]
    assert sorted(ids) == sorted(EXPECTED)  # each exactly once
    for key, signature, body in receiver.accepted:
        assert webhooks.verify(secret, signature, body, time.time())
        assert not webhooks.verify("another secret", signature, body, time.time())
        assert not webhooks.verify(secret, signature, body + b" ", time.time())
        payload = json.loads(body)
        assert payload["id"] == key and payload["item"]["version"] == "1"
    log = FeedStore(podium.store).attempts(hook)
    assert sorted(r.status for r in log) == [200, 200, 200, 500, 500, 500]
    assert receiver.seen == 6


def test_a_receiver_down_then_back_gets_everything_once(
    staged: tuple[Podium, dict[str, Any]],
) -> None:
    podium, plan = staged
    port = free_port()
    hook, _ = webhooks.add_hook(
        podium,
        f"http://127.0.0.1:{port}/hook",
        perspective="NED",
        lang="nl",
        games=GAMES,
        label="test",
    )
    record(podium, plan)
    deliverer = webhooks.Deliverer(podium, base=0.05, cap=0.2)
    try:
        for _ in range(5):  # down: connection refused every time
            deliverer.step()
            time.sleep(0.06)
        feeds = FeedStore(podium.store)
        assert {r.status for r in feeds.attempts(hook)} == {None}
        assert not any(r.delivered_at for r in feeds.deliveries(hook))
        receiver = Receiver()
        with receiving(receiver, port):
            drain(deliverer, hook)
    finally:
        deliverer.stop()
    assert sorted(k for k, _, _ in receiver.accepted) == sorted(EXPECTED)


def test_a_crash_before_delivery_loses_nothing(
    staged: tuple[Podium, dict[str, Any]], database_url: str
) -> None:
    """The process that recorded the results dies before any worker ran: a new process
    finds the outbox and delivers it all, and a second worker run sends nothing again."""
    podium, plan = staged
    receiver = Receiver()
    with receiving(receiver) as url:
        hook, _ = webhooks.add_hook(
            podium, url, perspective="NED", lang="nl", games=GAMES, label="test"
        )
        record(podium, plan)
        podium.close()  # the writer is gone; nothing was delivered
        assert receiver.seen == 0
        with Podium(database_url, migrate=False) as fresh:
            deliverer = webhooks.Deliverer(fresh, base=0.05)
            try:
                drain(deliverer, hook)
                deliverer.step()
            finally:
                deliverer.stop()
    assert sorted(k for k, _, _ in receiver.accepted) == sorted(EXPECTED)
    assert receiver.seen == 3


def test_backoff_lasts_over_an_hour() -> None:
    waits = [webhooks.backoff(n) for n in range(1, webhooks.ATTEMPTS)]
    assert waits[:4] == [1.0, 2.0, 4.0, 8.0] and max(waits) == 600.0
    assert sum(waits) == 6423.0  # the last try 1 h 47 min after the first


def test_kill_9_of_the_server_mid_delivery_loses_nothing(
    staged: tuple[Podium, dict[str, Any]],
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`podium serve` delivers while results come in; it is killed (-9) mid-delivery and a
    new server takes over: every delivery listed is delivered, the newest version of every
    item among them, and a receiver that drops repeated ids has each exactly once."""
    podium, _ = staged
    monkeypatch.setenv("PODIUM_WEBHOOK_TIMEOUT", "1")  # a dead worker's claims lapse in 3 s
    token = ledger.issue_token(podium, "editor", "kill test")
    plan = results(podium, DATA, GAMES)[:12]
    receiver = Receiver(delay=0.05)
    servers: list[ServerProcess] = []
    try:
        with receiving(receiver) as url:
            hook, _ = webhooks.add_hook(
                podium, url, perspective="NED", lang="en", games=GAMES, label="test"
            )
            first = ServerProcess(database_url, log=tmp_path / "a.log")
            servers.append(first.start())
            with httpx.Client(base_url=first.url) as client:
                for result in plan[:6]:
                    assert replay.post(client, GAMES, token, result).status_code == 201
            end = time.monotonic() + 30
            while not receiver.accepted and time.monotonic() < end:
                time.sleep(0.01)
            first.kill()
            assert receiver.accepted, "nothing was delivered before the kill"
            feeds = FeedStore(podium.store)
            left = [r for r in feeds.deliveries(hook) if r.delivered_at is None]
            assert left or feeds.pending(), "the kill came after every delivery"
            second = ServerProcess(database_url, log=tmp_path / "b.log")
            servers.append(second.start())
            with httpx.Client(base_url=second.url) as client:
                for result in plan[6:]:
                    assert replay.post(client, GAMES, token, result).status_code == 201
            end = time.monotonic() + 60
            while time.monotonic() < end:
                rows = feeds.deliveries(hook)
                if not feeds.pending() and rows and all(r.delivered_at for r in rows):
                    break
                time.sleep(0.1)
    finally:
        for server in servers:
            server.kill()
    rows = feeds.deliveries(hook)
    assert rows and all(r.delivered_at for r in rows)
    assert feeds.pending() == []
    listed = {r.idempotency for r in rows}
    assert {key for key, _, _ in receiver.accepted} == listed
    newest = {f"{v.item.id}@{v.version.number}" for v in news.current(podium, GAMES, "NED", "en")}
    assert newest <= listed
    assert len(podium.store.ledger_entries()) == 12
