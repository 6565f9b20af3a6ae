"""Running the app: `serve` (what `podium serve` does, one process or several workers) with
the uvicorn settings (`limits`) that keep it answering under a flood of connections. Tests and
benchmarks start theirs with bench/support."""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import resource
import sys
import threading
import time
from collections import deque
from functools import lru_cache
from typing import IO, Any, cast

import h11
import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.h11_impl import H11Protocol

from podium.web.live import STREAM_BODY

MAX_CONNECTIONS = 15_000  # open connections per process: 10,000 live readers and room to spare
HEADER_TIMEOUT = 5  # seconds to send a request's headers, and to idle between requests
MAX_HEADERS = 16 * 1024  # bytes of a request line and headers (nginx's default is 4 x 8 kB)
FD_RESERVE = 256  # descriptors kept for the database, logs and the listening socket
# Whose X-Forwarded-For names the client: this machine, where deploy/nginx.conf runs and
# connects from (uvicorn's own default too). A client elsewhere reaching the server directly
# cannot pick its address; one on this machine is the proxy or already inside. "none" trusts
# no one (every client is its connection's address).
TRUSTED_PROXIES = "127.0.0.1,::1"
# How long a thread holds the GIL while another waits for it (Python's default is 5 ms). The
# event loop gives it up at every system call (each send, each poll), and a page built on the
# refresher's thread meanwhile kept it from the loop up to the whole interval each time.
SWITCH_INTERVAL = 0.001  # seconds
# Bytes a streamed response may have waiting in this process for a client that does not read
# (its socket's own buffer full): past it the connection is closed, and a live page reconnects
# with Last-Event-ID and gets what it missed in one event.
STREAM_BACKLOG = 1 << 20


def limits(
    max_connections: int = MAX_CONNECTIONS,
    header_timeout: int = HEADER_TIMEOUT,
    trusted_proxies: str = TRUSTED_PROXIES,
) -> dict[str, Any]:
    """uvicorn settings that keep a server answering under a flood of connections: each must
    send its headers within `header_timeout` (uvicorn alone waits for ever), idle keep-alive
    ends after as long, and past `max_connections` (capped by the descriptors this process may
    open) a new connection is answered 503 and closed at once. X-Forwarded-For is believed
    only from `trusted_proxies` (comma-separated addresses, or "none"; by default this machine,
    see TRUSTED_PROXIES), so a client reaching the server directly from elsewhere cannot pick
    its address for the per-client rate limit."""
    trusted = "" if trusted_proxies.strip().lower() == "none" else trusted_proxies.strip()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:  # a busy live server needs every descriptor it is allowed
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    return {
        "http": GuardedH11,
        "ws": "none",
        "limit_concurrency": max(1, min(max_connections, soft - FD_RESERVE)),
        "timeout_keep_alive": header_timeout,
        "h11_max_incomplete_event_size": MAX_HEADERS,
        "backlog": 4096,
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or None,
    }


class GuardedH11(H11Protocol):
    """uvicorn's HTTP/1.1 with a header-read timeout and a hard connection cap. The timeout is
    uvicorn's keep-alive timeout; the cap its limit_concurrency, enforced when a connection
    opens rather than when a request arrives, so half-open connections cannot pile up."""

    BUSY = b'{"error": {"field": null, "message": "too many connections; retry in 1 s"}}'
    FULL = (
        b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
        b"retry-after: 1\r\nconnection: close\r\ncontent-length: %d\r\n\r\n%s"
    ) % (len(BUSY), BUSY)
    HUGE = (
        b'{"error": {"field": "headers", "message": "request line and headers over 16384 bytes"}}'
    )
    TOO_LARGE = (
        b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\n"
        b"connection: close\r\ncontent-length: %d\r\n\r\n%s"
    ) % (len(HUGE), HUGE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quiet_repeats()  # in each worker process too
        self._refused = False
        self._head: bytearray | None = bytearray()  # the request head while it is read
        self._requests = 0
        self._armed_at = -1
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(cast(asyncio.Transport, OneSend(transport, self.loop)))
        if self.limit_concurrency is not None and len(self.connections) > self.limit_concurrency:
            self._refuse(self.FULL)
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # answered already: what else it sends is read and dropped until closed
        if self._head is not None:
            # h11 limits only a head that arrives in pieces: a whole one in one read passes
            self._head += data
            end = self._head.find(b"\r\n\r\n")
            if end > MAX_HEADERS or (end == -1 and len(self._head) > MAX_HEADERS):
                self._head = None
                self._refuse(self.TOO_LARGE)
                return
            if end != -1:
                self._head = None
        super().data_received(data)

    def _refuse(self, answer: bytes) -> None:
        # answered, then closed a moment later: closing with the request unread would reset
        # the connection, and the client would never see the answer
        self._refused = True
        self.transport.write(answer)
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._header_timer = self.loop.call_later(0.5, self.transport.close)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle:  # a request's headers are in (its task not yet begun)
            self._requests += 1
            self.cycle.scope.setdefault("extensions", {})[STREAM_BODY] = {"open": self._body}

    def _body(self) -> StreamBody:
        # h11 frames a body of unknown length in chunks for an HTTP/1.1 client and ends an
        # HTTP/1.0 one by closing the connection
        return StreamBody(cast(OneSend, self.transport), self.conn.their_http_version == b"1.1")

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # a new request's head only once h11 has started the next cycle: the rest of a
        # refused body still arriving is no head (it was read as one, and answered 431)
        idle = self.conn.our_state is h11.IDLE and self.conn.their_state is h11.IDLE
        if idle and not self.transport.is_closing():
            self._head = bytearray()
            self._arm()

    def _arm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._armed_at = self._requests
        self._header_timer = self.loop.call_later(self.timeout_keep_alive, self._late)

    def _late(self) -> None:
        if self._requests == self._armed_at and not self.transport.is_closing():
            self.transport.close()  # no complete request in time: a slow or idle client


class OneSend:
    """A connection's transport whose writes in one turn of the event loop go out together:
    a response's head and body (two writes by uvicorn) in one send, one system call and one
    segment rather than two. Sends to loopback clients took a third of the event loop's time
    under bench/load.py (py-spy), half of them heads of a few hundred bytes."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self.transport = transport
        self.loop = loop
        self.pending: list[bytes] | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        if self.pending is None:
            self.pending = []
            self.loop.call_soon(self.flush)
        self.pending.append(bytes(data))

    def flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending and not self.transport.is_closing():
            self.transport.write(b"".join(pending))

    def write_now(self, data: bytes) -> None:
        """`data` sent now, after whatever is pending."""
        self.flush()
        if not self.transport.is_closing():
            self.transport.write(data)

    def close(self) -> None:
        self.flush()  # what was written before the close goes first, as it would have
        self.transport.close()

    def abort(self) -> None:
        self.pending = None
        self.transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.transport, name)


class StreamBody:
    """The rest of a streamed response's body, written straight to its connection (the
    response's head sent through ASGI, h11 and all): what `podium.web.live` writes to ten
    thousand live pages per event, one system call each. A client that stops reading is cut
    off past `STREAM_BACKLOG` bytes waiting, rather than kept in memory without end."""

    def __init__(self, transport: OneSend, chunked: bool) -> None:
        self.transport = transport
        self.chunked = chunked

    def write(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        if self.transport.get_write_buffer_size() > STREAM_BACKLOG:
            self.transport.close()
            return
        self.transport.write_now(_chunk(data) if self.chunked else data)


@lru_cache(maxsize=64)
def _chunk(data: bytes) -> bytes:
    # the same event bytes go to every page of one query: framed once for all of them
    return b"%x\r\n%s\r\n" % (len(data), data)


class OncePer(logging.Filter):
    """Lets one record of a kind (logger and message template) through per `interval`
    seconds, and says in the next one how many were held back: a flood of failed accepts or
    bad requests costs one line each interval, not a traceback each."""

    def __init__(self, interval: float = 10.0) -> None:
        super().__init__()
        self.interval = interval
        self.last: dict[tuple[str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, str(record.msg))
        now = time.monotonic()
        at, held = self.last.get(kind, (-self.interval, 0))
        if now - at < self.interval:
            if len(self.last) < 1000 or kind in self.last:
                self.last[kind] = (at, held + 1)
            return False
        self.last[kind] = (now, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like it in the last {self.interval:g} s)"
        return True


_QUIET = OncePer()


class BackgroundStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The access log's handler: the event loop only queues a request's record; a thread of
    its own formats and writes what is queued every `every` seconds. Written on the loop, a
    line per request took 3-13% of the loop's time under bench/load.py (py-spy), and a thread
    woken per line made the loop wait for the GIL as long."""

    def __init__(self, stream: IO[str] | None = None, every: float = 0.2) -> None:
        super().__init__(stream)
        self.every = every
        self.records: deque[logging.LogRecord] = deque()
        self._closed = threading.Event()
        self._writer = threading.Thread(target=self._write, name="podium-access-log", daemon=True)
        self._writer.start()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def _write(self) -> None:
        while not self._closed.wait(self.every):
            self._drain()
        self._drain()

    def _drain(self) -> None:
        while self.records:
            super().emit(self.records.popleft())

    def close(self) -> None:
        # at exit (logging.shutdown): the lines still queued are written first
        self._closed.set()
        if self._writer.is_alive():
            self._writer.join(5)
        super().close()


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with the access log written by `BackgroundStreamHandler`."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"] = {
        "()": f"{__name__}.BackgroundStreamHandler",
        "formatter": "access",
        "stream": "ext://sys.stdout",
    }
    return config


def quiet_repeats() -> None:
    for name in ("asyncio", "uvicorn.error"):
        logger = logging.getLogger(name)
        if _QUIET not in logger.filters:
            logger.addFilter(_QUIET)


def worker_app() -> Any:
    """The app of one worker process of `serve` (over PODIUM_DATABASE_URL), with the event
    loop's turn at the GIL as in one process."""
    from podium.web.app import create_app

    sys.setswitchinterval(SWITCH_INTERVAL)
    return create_app()


def serve(
    db: str | None,
    host: str,
    port: int,
    workers: int = 1,
    max_connections: int = MAX_CONNECTIONS,
    header_timeout: int = HEADER_TIMEOUT,
    trusted_proxies: str = TRUSTED_PROXIES,
) -> None:
    """Serve the app over the database at `db` (a path or URL) until stopped. More than one
    worker process needs PostgreSQL, whose LISTEN/NOTIFY carries live updates between them.
    `max_connections` and `header_timeout` are per process (see `limits`)."""
    from sqlalchemy.exc import DBAPIError

    from podium.core import Podium
    from podium.store import check, database_url
    from podium.web.app import create_app

    url = database_url(db)
    try:
        with Podium(url) as podium:  # made or migrated here, then checked before any request
            checked = check(podium.store)
    except DBAPIError as exc:
        raise ValueError(f"{db or url}: unreadable ({exc.orig}); see `podium check`") from None
    if checked.problems:
        raise ValueError(f"{db or url}: " + "; ".join(checked.problems) + " (see `podium check`)")
    quiet_repeats()
    settings = limits(max_connections, header_timeout, trusted_proxies)
    if workers == 1:
        sys.setswitchinterval(SWITCH_INTERVAL)
        uvicorn.run(
            create_app(url),
            host=host,
            port=port,
            log_level="info",
            log_config=log_config(),
            **settings,
        )
        return
    if not url.startswith("postgresql"):
        raise ValueError("--workers: more than one server process needs a PostgreSQL database")
    os.environ["PODIUM_DATABASE_URL"] = url  # what create_app() opens in each worker
    uvicorn.run(
        f"{__name__}:worker_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
        log_config=log_config(),
        **settings,
    )
