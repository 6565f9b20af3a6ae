"""Connections that hold the server's resources: a client that never finishes its headers is
closed after the header timeout, connections past the cap get 503 and are closed at once (the
descriptors come back), a write whose body never finishes gets 408, and a flood of the same
log line costs one line per interval (the server's own failed accepts too)."""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from podium import Podium
from podium.web import create_app
from podium.web.guard import Limits
from podium.web.server import OncePer
from support import ServerThread


@pytest.fixture
def server(podium: Podium) -> Iterator[ServerThread]:
    app = create_app(podium, limits=Limits(body_timeout=0.5))
    with ServerThread(app, max_connections=20, header_timeout=1) as running:
        yield running


def connect(server: ServerThread, data: bytes = b"") -> socket.socket:
    s = socket.create_connection((server.host, server.port), timeout=5)
    if data:
        s.sendall(data)
    return s


def read_all(s: socket.socket) -> bytes:
    chunks = []
    while chunk := s.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_client_slow_with_its_headers_is_closed(server: ServerThread) -> None:
    started = time.monotonic()
    with connect(server, b"GET /static/style.css HTTP/1.1\r\nHost: x\r\n") as slow:
        assert read_all(slow) == b""  # closed, no answer: the request never arrived
    assert 0.9 < time.monotonic() - started < 3


def test_connections_past_the_cap_get_503_and_are_closed(server: ServerThread) -> None:
    idle = [connect(server) for _ in range(20)]
    try:
        time.sleep(0.2)
        with connect(server, b"GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n") as over:
            answer = read_all(over)
        assert answer.startswith(b"HTTP/1.1 503 Service Unavailable\r\n")
        assert b"retry-after: 1\r\n" in answer
        assert answer.endswith(b'"too many connections; retry in 1 s"}}')
        # the idle ones are closed by the header timeout, and the server answers again
        assert [read_all(s) for s in idle] == [b""] * 20
        assert httpx.get(server.url + "/static/style.css").status_code == 200
    finally:
        for s in idle:
            s.close()


def test_headers_over_16_kb_get_431_even_in_one_piece(server: ServerThread) -> None:
    for size, status in ((12_000, b"200"), (60_000, b"431")):
        head = b"GET /static/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        head += b"Accept-Language: " + b"a" * size + b"\r\n\r\n"
        with connect(server, head) as s:
            assert read_all(s).startswith(b"HTTP/1.1 " + status)


def test_a_write_body_that_never_finishes_gets_408(server: ServerThread) -> None:
    head = (
        b"POST /api/games/x/results HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n{"
    )
    with connect(server, head) as slow:
        answer = read_all(slow)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert answer.endswith(
        b'{"error": {"field": "body", "message": "the request body took over 0.5 s"}}'
    )


def test_a_flood_of_one_log_line_is_one_line_per_interval() -> None:
    logger = logging.getLogger("podium.test.flood")
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Keep()
    logger.addHandler(handler)
    logger.addFilter(OncePer(interval=0.3))
    logger.propagate = False
    try:
        for i in range(1000):
            logger.error("socket.accept() out of system resource (%d)", i)
        logger.error("another kind")
        time.sleep(0.35)
        logger.error("socket.accept() out of system resource (%d)", 1000)
    finally:
        logger.removeHandler(handler)
    assert records == [
        "socket.accept() out of system resource (0)",
        "another kind",
        "socket.accept() out of system resource (1000) (999 more like it in the last 0.3 s)",
    ]


def test_the_server_logs_a_flood_of_failed_accepts_once(server: ServerThread) -> None:
    """What asyncio logs each time accept() fails for want of descriptors (with a traceback:
    229,375 of them in a minute once filled 94 MB of log) gets through the server's loggers
    once per interval."""
    assert httpx.get(server.url + "/static/style.css").status_code == 200
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    asyncio_logger = logging.getLogger("asyncio")
    asyncio_logger.addHandler(handler)
    loop = asyncio.new_event_loop()
    try:
        with socket.create_server(("127.0.0.1", 0)) as listening:
            for _ in range(1000):
                loop.call_exception_handler(
                    {
                        "message": "socket.accept() out of system resource",
                        "exception": OSError(errno.EMFILE, "Too many open files"),
                        "socket": listening,
                    }
                )
    finally:
        loop.close()
        asyncio_logger.removeHandler(handler)
    assert len(records) == 1
    assert records[0].getMessage().startswith("socket.accept() out of system resource\n")
