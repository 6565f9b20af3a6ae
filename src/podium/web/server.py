"""Running the app: `serve` (what `podium serve` does, one process or several workers), and
for tests, benchmarks and anything else that needs a real server next to it: uvicorn in a
background thread, `podium serve` as a child process (one a kill -9 can stop), and nginx."""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import h11
import httpx
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_CONNECTIONS = 15_000  # open connections per process: 10,000 live readers and room to spare
HEADER_TIMEOUT = 5  # seconds to send a request's headers, and to idle between requests
MAX_HEADERS = 16 * 1024  # bytes of a request line and headers (nginx's default is 4 x 8 kB)
FD_RESERVE = 256  # descriptors kept for the database, logs and the listening socket
# Whose X-Forwarded-For names the client: this machine, where deploy/nginx.conf runs and
# connects from (uvicorn's own default too). A client elsewhere reaching the server directly
# cannot pick its address; one on this machine is the proxy or already inside. "none" trusts
# no one (every client is its connection's address).
TRUSTED_PROXIES = "127.0.0.1,::1"


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
        super().connection_made(transport)
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
        if self.cycle is not cycle:  # a request's headers are in
            self._requests += 1

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


def quiet_repeats() -> None:
    for name in ("asyncio", "uvicorn.error"):
        logger = logging.getLogger(name)
        if _QUIET not in logger.filters:
            logger.addFilter(_QUIET)


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
        uvicorn.run(create_app(url), host=host, port=port, log_level="info", **settings)
        return
    if not url.startswith("postgresql"):
        raise ValueError("--workers: more than one server process needs a PostgreSQL database")
    os.environ["PODIUM_DATABASE_URL"] = url  # what create_app() opens in each worker
    uvicorn.run(
        "podium.web:create_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="info",
        **settings,
    )


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class ServerThread:
    def __init__(
        self,
        app: Any,
        host: str = "127.0.0.1",
        port: int | None = None,
        max_connections: int = MAX_CONNECTIONS,
        header_timeout: int = HEADER_TIMEOUT,
        trusted_proxies: str = TRUSTED_PROXIES,
    ) -> None:
        self.host = host
        self.port = port or free_port(host)
        settings = limits(max_connections, header_timeout, trusted_proxies)
        config = uvicorn.Config(
            app, host=host, port=self.port, log_level="warning", lifespan="on", **settings
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(3)
        if self.thread.is_alive():
            # an open live stream the client never closed keeps its connection: cut it
            self.server.force_exit = True
            self.thread.join(10)


class ServerProcess:
    """`podium serve --db DB` in a child process on a loopback port, its output appended to
    `log`. `kill` is kill -9: no shutdown, no flush, what a crash or the OOM killer does. The
    server gets a process group of its own, so that a kill reaches its workers too."""

    def __init__(
        self,
        db: str,
        port: int | None = None,
        log: Path | None = None,
        args: Sequence[str] = (),
        host: str = "127.0.0.1",
    ) -> None:
        self.db = db
        self.host = host
        self.port = port or free_port(host)
        self.log = log
        self.args = tuple(args)
        self.process: subprocess.Popen[bytes] | None = None
        self._out: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        if self.process is None:
            raise RuntimeError("the server is not started")
        return self.process.pid

    def start(self, timeout: float = 30.0) -> ServerProcess:
        """Start it and return once it answers HTTP."""
        self._out = self.log.open("ab") if self.log else None
        command = [sys.executable, "-m", "podium", "serve", "--db", self.db]
        command += ["--host", self.host, "--port", str(self.port), *self.args]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._out or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            code = self.process.poll()
            if code is not None:
                self._close_log()
                raise RuntimeError(f"podium serve exited with {code} (log: {self.log})")
            try:
                httpx.get(self.url + "/static/style.css", timeout=1.0)
                return self
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    self.kill()
                    raise RuntimeError(f"podium serve did not answer in {timeout} s") from None
                time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL to the server and its workers, and wait until the server is gone."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._close_log()

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM (uvicorn's graceful shutdown), then SIGKILL if it is not gone in time."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close_log()

    def _close_log(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


class Nginx:
    """nginx in the foreground on a free loopback port, from a config given as text: the
    shipped deploy/nginx.conf pointed at a running app (`micro_cache`), or a plain static file
    server (`static`) as the yardstick it is measured against."""

    SHIPPED = Path(__file__).resolve().parents[3] / "deploy" / "nginx.conf"

    def __init__(self, conf: str, prefix: Path) -> None:
        self.prefix = prefix
        self.port = free_port()
        self.conf = conf.replace("{port}", str(self.port))
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def binary() -> str | None:
        import shutil

        found = shutil.which("nginx") or "/usr/sbin/nginx"
        return found if Path(found).exists() else None

    @classmethod
    def micro_cache(cls, app_port: int, prefix: Path) -> Nginx:
        conf = cls.SHIPPED.read_text()
        conf = conf.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
        conf = conf.replace("127.0.0.1:8080", "127.0.0.1:{port}")
        conf = conf.replace("/tmp/podium-nginx", str(prefix / "nginx"))
        return cls(conf, prefix)

    @classmethod
    def static(cls, root: Path, prefix: Path) -> Nginx:
        conf = (
            f"worker_processes auto; pid {prefix}/nginx.pid; error_log {prefix}/error.log;\n"
            "events { worker_connections 4096; }\n"
            "http { access_log off; server { listen 127.0.0.1:{port}; "
            f"root {root}; }} }}\n"
        )
        return cls(conf, prefix)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Nginx:
        binary = self.binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
        conf = self.conf
        if os.geteuid() == 0:  # workers would run as nobody, who cannot write to the prefix
            conf = "user root;\n" + conf
        path = self.prefix / "nginx.conf"
        path.write_text(conf)
        self.process = subprocess.Popen(
            [binary, "-c", str(path), "-p", str(self.prefix), "-g", "daemon off;"],
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"nginx did not start; see {self.prefix}/error.log")
            time.sleep(0.05)

    def __exit__(self, *_: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
