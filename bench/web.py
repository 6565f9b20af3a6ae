"""Requests/s of the 2026 table JSON endpoint with wrk on loopback: the app vs a bare
Starlette handler returning the same bytes vs nginx serving them as a static file.

Run: .venv/bin/python bench/web.py [--db PATH]  (imports the data into a temp db if none)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from podium import Podium
from podium.web import create_app
from podium.web.server import ServerThread, free_port

DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
PATH = "/games/milano-cortina-2026.json"


def wrk(url: str, seconds: int = 5) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return float(found.group(1)) if found else 0.0


def measure(db: str | None = None) -> dict[str, float]:
    """Requests/s of the table JSON from the app, a bare Starlette handler and nginx static."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    tmp = Path(tempfile.mkdtemp())
    given = db
    db = db or str(tmp / "bench.db")
    if not given:
        with Podium(db) as p:
            p.import_data(DATA)
    results: dict[str, float] = {}
    with ServerThread(create_app(db)) as app:
        body = httpx.get(app.url + PATH).content
        results["podium app"] = wrk(app.url + PATH)

    async def bare(request: Request) -> Response:
        return Response(body, media_type="application/json")

    with ServerThread(Starlette(routes=[Route(PATH, bare)])) as server:
        results["bare starlette"] = wrk(server.url + PATH)

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if Path(nginx).exists():
        root = tmp / "www" / "games"
        root.mkdir(parents=True)
        (root / "milano-cortina-2026.json").write_bytes(body)
        port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(
            "user root; worker_processes 2; pid nginx.pid; error_log error.log;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; server {{ listen 127.0.0.1:{port}; "
            f"root {tmp / 'www'}; }} }}\n"
        )
        proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"])
        time.sleep(0.5)
        try:
            results["nginx static"] = wrk(f"http://127.0.0.1:{port}{PATH}")
        finally:
            proc.terminate()
            proc.wait()
    return results


def run(db: str | None = None) -> list[tuple[str, float, str, str]]:
    results = measure(db)
    app_rps = results["podium app"]
    rows = [(f"{name} (table JSON, wrk)", rps, "req/s", "") for name, rps in results.items()]
    targets = {"bare starlette": ">= 0.9", "nginx static": ""}
    rows += [
        (f"app / {name}", app_rps / results[name], "ratio", targets[name])
        for name in targets
        if name in results
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    for name, value, unit, target in run(parser.parse_args().db):
        print(f"{name:40} {value:10.3f} {unit:6} {target}")


if __name__ == "__main__":
    main()
