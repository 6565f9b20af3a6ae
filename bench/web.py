"""Requests/s of the 2026 table JSON endpoint with wrk on loopback: the app vs a bare
Starlette handler returning the same bytes vs nginx serving them as a static file, and the
shipped nginx micro-cache in front of the app vs that static file.

Run: .venv/bin/python bench/web.py [--db PATH]  (imports the data into a temp db if none)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from podium import Podium
from podium.web import create_app
from support import Nginx, ServerThread

DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
PATH = "/games/milano-cortina-2026.json"


def wrk(url: str, seconds: int = 5) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return float(found.group(1)) if found else 0.0


def measure(db: str | None = None) -> dict[str, float]:
    """Requests/s of the table JSON from the app, a bare Starlette handler, nginx serving the
    same bytes as a static file, and nginx's micro-cache (deploy/nginx.conf) in front of the
    app."""
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
        if Nginx.binary():
            (tmp / "cache").mkdir()
            with Nginx.micro_cache(app.port, tmp / "cache") as cache:
                results["nginx micro-cache"] = wrk(cache.url + PATH)

    async def bare(request: Request) -> Response:
        return Response(body, media_type="application/json")

    with ServerThread(Starlette(routes=[Route(PATH, bare)])) as server:
        results["bare starlette"] = wrk(server.url + PATH)

    if Nginx.binary():
        root = tmp / "www"
        (root / "games").mkdir(parents=True)
        (root / "games" / "milano-cortina-2026.json").write_bytes(body)
        with Nginx.static(root, tmp) as static:
            results["nginx static"] = wrk(static.url + PATH)
    return results


def run(db: str | None = None) -> list[tuple[str, float, str, str]]:
    results = measure(db)
    rows = [(f"{name} (table JSON, wrk)", rps, "req/s", "") for name, rps in results.items()]
    ratios = (
        ("podium app", "bare starlette", ">= 0.9"),
        ("podium app", "nginx static", ""),
        ("nginx micro-cache", "nginx static", ">= 0.8"),
    )
    rows += [
        (f"{top} / {bottom}", results[top] / results[bottom], "ratio", target)
        for top, bottom, target in ratios
        if top in results and bottom in results
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    for name, value, unit, target in run(parser.parse_args().db):
        print(f"{name:40} {value:10.3f} {unit:6} {target}")


if __name__ == "__main__":
    main()
