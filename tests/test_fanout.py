"""Live tables to many pages at once (`podium.web.live` over `podium.web.server`): each event
written straight to the connection, framed as the client's HTTP version needs, the same bytes
for every page of one query; the same events and keep-alives through ASGI under a server that
does not offer the stream body; a client that stops reading cut off at a bound, not buffered
without end; a write's wake-up in rounds. bench/fanout.py measures ten thousand pages."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from conftest import LIVE_GAMES, ServedDesk
from podium import Podium, ledger
from podium.replay import Result, results, stage
from podium.web import create_app
from podium.web.live import Broadcaster, LiveTable, Subscription
from podium.web.server import STREAM_BACKLOG, OneSend, StreamBody
from support import ServerThread

PING = b": ping\r\n\r\n"


@contextmanager
def live_server(
    database_url: str, data_dir: Path, http: str | None, ping: float
) -> Iterator[tuple[ServedDesk, Broadcaster]]:
    """The staged live Games served with keep-alives every `ping` seconds, by Podium's own
    protocol or by uvicorn's `http` one; and the app's broadcaster."""
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), LIVE_GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "test editor")
        app = create_app(podium)
        app.state.broadcaster.ping = ping
        with ServerThread(app, http=http) as server:
            yield ServedDesk(server.url, token, podium), app.state.broadcaster


class RawPage:
    """A live table over a plain socket, in HTTP/1.0 or 1.1: the response's head, then its
    body as it comes (each chunk's payload, for a chunked body)."""

    def __init__(self, url: str, version: str) -> None:
        port = int(url.rsplit(":", 1)[1])
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        request = f"GET /games/{LIVE_GAMES}/live HTTP/{version}\r\nHost: podium\r\n\r\n"
        self.sock.sendall(request.encode())
        self.buffer = b""
        self.head = self._take(self._until(b"\r\n\r\n") + 4).decode().lower()

    def _until(self, marker: bytes, start: int = 0) -> int:
        while (at := self.buffer.find(marker, start)) == -1:
            data = self.sock.recv(1 << 16)
            if not data:
                raise AssertionError(f"closed before {marker!r}: {self.buffer[:200]!r}")
            self.buffer += data
        return at

    def _take(self, size: int) -> bytes:
        while len(self.buffer) < size:
            data = self.sock.recv(1 << 16)
            if not data:
                raise AssertionError(f"closed after {len(self.buffer)} of {size} bytes")
            self.buffer += data
        taken, self.buffer = self.buffer[:size], self.buffer[size:]
        return taken

    def event(self) -> bytes:
        """The next server-sent event (or comment), ending in its blank line."""
        if "transfer-encoding: chunked" not in self.head:
            return self._take(self._until(b"\r\n\r\n") + 4)
        size = int(self._take(self._until(b"\r\n") + 2), 16)
        chunk = self._take(size + 2)
        assert chunk.endswith(b"\r\n"), chunk[-20:]
        return chunk[:-2]

    def close(self) -> None:
        self.sock.close()


def post_first_result(served: ServedDesk, data_dir: Path) -> Result:
    result = results(served.podium, str(data_dir), LIVE_GAMES)[0]
    posted = httpx.post(
        f"{served.url}/api/games/{LIVE_GAMES}/results", json=result.body, headers=served.headers
    )
    assert posted.status_code == 201, posted.text
    return result


def test_each_event_goes_straight_to_the_connection_framed_for_its_http_version(
    served_desk: ServedDesk, data_dir: Path
) -> None:
    old, new = RawPage(served_desk.url, "1.0"), RawPage(served_desk.url, "1.1")
    try:
        assert "transfer-encoding: chunked" in new.head and "connection: close" in old.head
        assert "content-type: text/event-stream; charset=utf-8" in new.head
        result = post_first_result(served_desk, data_dir)
        event = old.event()
        assert new.event() == event  # the same bytes, one chunk for HTTP/1.1
        seq, name, data, end = event.split(b"\r\n", 3)
        assert (seq, name, end) == (b"id: 1", b"event: table", b"\r\n")
        message = json.loads(data.removeprefix(b"data: "))
        assert [e["seq"] for e in message["entries"]] == [1]
        assert message["entries"][0]["event"] == result.event
        assert sum(r["total"] for r in message["table"]["rows"]) == len(result.body["medals"])
    finally:
        old.close()
        new.close()


@pytest.mark.parametrize(
    ("http", "listener"),
    [(None, LiveTable), ("h11", Subscription)],
    ids=["straight", "through-asgi"],
)
def test_events_and_keepalives_reach_a_page_straight_or_through_asgi(
    database_url: str, data_dir: Path, http: str | None, listener: type
) -> None:
    with live_server(database_url, data_dir, http, ping=0.3) as (served, broadcaster):
        page = RawPage(served.url, "1.1")
        try:
            assert page.event() == PING  # nothing new within `ping` seconds
            # Podium's protocol offers the stream body; uvicorn's own does not
            assert [type(x) for x in broadcaster._listeners] == [listener]
            post_first_result(served, data_dir)
            while (event := page.event()) == PING:
                pass
            assert event.startswith(b"id: 1\r\nevent: table\r\ndata: {")
        finally:
            page.close()


def test_a_client_that_stops_reading_is_cut_off_past_the_backlog() -> None:
    async def scenario() -> tuple[int, bool]:
        loop = asyncio.get_running_loop()
        accepted: asyncio.Future[asyncio.Transport] = loop.create_future()

        class Accept(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
                accepted.set_result(transport)  # type: ignore[arg-type]

        server = await loop.create_server(Accept, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader = socket.socket()
        reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        reader.setblocking(False)
        await loop.sock_connect(reader, ("127.0.0.1", port))
        transport = await accepted
        body = StreamBody(OneSend(transport, loop), chunked=False)
        event = b"x" * 65536
        most = 0
        for _ in range(4 * STREAM_BACKLOG // len(event)):  # the reader reads nothing
            body.write(event)
            if transport.is_closing():
                break
            most = max(most, transport.get_write_buffer_size())
        closed = transport.is_closing()
        reader.close()
        server.close()
        return most, closed

    most, closed = asyncio.run(scenario())
    assert closed
    # kept open while under the bound, and never more than one event past it
    assert STREAM_BACKLOG < most <= STREAM_BACKLOG + 65536


def test_a_wake_up_goes_out_in_rounds_the_longest_listening_first(
    podium: Podium, caplog: pytest.LogCaptureFixture
) -> None:
    woken: list[int] = []

    class Page:
        def __init__(self, n: int) -> None:
            self.n = n

        def notify(self) -> None:
            if self.n == 5:
                raise RuntimeError("a broken stream")
            woken.append(self.n)

    async def scenario() -> None:
        broadcaster = Broadcaster(podium.store)
        with ExitStack() as pages, ExitStack() as leaving:
            for n in range(2500):
                (leaving if n == 1500 else pages).enter_context(broadcaster.listening(Page(n)))
            broadcaster.publish()
            assert woken == [n for n in range(Broadcaster.BATCH) if n != 5]  # at once
            leaving.close()  # page 1500 closes before its turn
            broadcaster.publish()  # two writes during the round: one more round for both
            broadcaster.publish()
            for _ in range(10):
                await asyncio.sleep(0)
        every = [n for n in range(2500) if n not in (5, 1500)]
        assert woken == every + every

    with caplog.at_level(logging.ERROR, logger="podium.live"):
        asyncio.run(scenario())
    assert [r.getMessage() for r in caplog.records] == ["live updates: a listener failed"] * 2
