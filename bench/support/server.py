"""Real servers next to a test or a benchmark: the app under uvicorn in a background thread
(`ServerThread`), `podium serve` as a child process that a kill -9 can stop (`ServerProcess`),
and nginx (`Nginx`), the shipped micro-cache or a static file server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import httpx
import uvicorn

from podium.web.server import HEADER_TIMEOUT, MAX_CONNECTIONS, TRUSTED_PROXIES, limits


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
        http: str | None = None,
    ) -> None:
        """`http`: a uvicorn protocol by name (as "h11") in place of Podium's own."""
        self.host = host
        self.port = port or free_port(host)
        settings = limits(max_connections, header_timeout, trusted_proxies)
        if http is not None:
            settings["http"] = http
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

    SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"

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
