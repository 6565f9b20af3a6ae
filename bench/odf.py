"""ODF ingest: the whole 2026 feed (`podium replay --as odf`) ingested in one process, in
messages a second, against the desk's own write path over the same medals in the same run;
and the delay from POSTing a DT_MEDALLISTS message to /api/odf to the live table event on
open pages, against POSTing the same result as JSON to the desk's route.

Run: .venv/bin/python bench/odf.py [--backend sqlite|postgresql] [--clients 200] [--writes 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from typing import Any

import httpx

from fanout import Client, percentile  # bench/ is on the path: run as a script or by run.py
from load import DATA, GAMES, database
from podium import Podium, ledger
from podium.odf import Feed
from podium.odf.replay import messages
from podium.replay import results, stage
from support import ServerProcess

Row = tuple[str, float, str, str]


def ingest_rate(backend: str) -> list[Row]:
    """Messages a second through `Feed.ingest_all`, and results a second through
    `Desk.result` (the baseline: the same medals, each a ledger entry the same way)."""
    with database(backend) as url, Podium(url) as podium:
        stage(podium, DATA, GAMES, history=False)
        feed = messages(podium, DATA, GAMES)
        start = time.perf_counter()
        outcomes = Feed(podium).ingest_all(feed)
        odf_seconds = time.perf_counter() - start
        assert not [o for o in outcomes if o.action == "refused"], "a message was refused"
    with database(backend) as url, Podium(url) as podium:
        stage(podium, DATA, GAMES, history=False)
        plan = results(podium, DATA, GAMES)
        desk = ledger.Desk(podium)
        start = time.perf_counter()
        for result in plan:
            desk.result(GAMES, result.body, "bench", None)
        desk_seconds = time.perf_counter() - start
    medallists = sum(1 for name, _ in feed if "~DT_MEDALLISTS~" in name)
    what = f"ODF ingest, 2026 feed ({len(feed)} messages), {backend}"
    return [
        (f"{what}: messages", len(feed) / odf_seconds, "msg/s", ""),
        (f"{what}: whole feed", odf_seconds, "s", ""),
        (f"desk results (baseline), {backend}", len(plan) / desk_seconds, "results/s", ""),
        (
            f"ODF medallists per second / desk results per second, {backend}",
            (medallists / odf_seconds) / (len(plan) / desk_seconds),
            "ratio",
            "",
        ),
    ]


async def delays_async(
    url: str, clients: int, send: list[Callable[[httpx.AsyncClient], Any]]
) -> list[float]:
    port = int(url.rsplit(":", 1)[1])
    pages = [Client() for _ in range(clients)]
    tasks = [asyncio.create_task(p.run(port, f"/games/{GAMES}/live")) for p in pages]
    await asyncio.wait_for(asyncio.gather(*(p.ready.wait() for p in pages)), 60)
    delays: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        for post in send:
            response = await post(http)
            acknowledged = time.monotonic()
            response.raise_for_status()
            body = response.json()
            seq = int(body["ledger"][0] if "ledger" in body else body["seq"])
            deadline = acknowledged + 10
            while time.monotonic() < deadline and any(seq not in p.arrivals for p in pages):
                await asyncio.sleep(0.005)
            delays += [max(0.0, p.arrivals.get(seq, deadline) - acknowledged) for p in pages]
            await asyncio.sleep(0.2)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return delays


def live_delay(backend: str, clients: int, writes: int) -> list[Row]:
    """p50/p99 from the answer to a POST to each open page's table event: DT_MEDALLISTS to
    /api/odf, and (the baseline) the same result as JSON to the desk's route."""
    out: list[Row] = []
    for how in ("odf", "desk"):
        with database(backend) as db:
            with Podium(db) as podium:
                stage(podium, DATA, GAMES, history=False)
                token = ledger.issue_token(podium, "editor", "odf bench")
                plan = results(podium, DATA, GAMES)[:writes]
                feed = [
                    raw for name, raw in messages(podium, DATA, GAMES) if "~DT_MEDALLISTS~" in name
                ]
            auth = {"Authorization": f"Bearer {token}"}
            xml = {**auth, "Content-Type": "application/xml"}
            if how == "odf":
                send = [
                    (lambda http, raw=raw, h=xml: http.post("/api/odf", content=raw, headers=h))
                    for raw in feed[:writes]
                ]
            else:
                route = f"/api/games/{GAMES}/results"
                send = [
                    (lambda http, r=r, h=auth, to=route: http.post(to, json=r.body, headers=h))
                    for r in plan
                ]
            with ServerProcess(db) as server:
                delays = asyncio.run(delays_async(server.url, clients, send))
        what = "DT_MEDALLISTS" if how == "odf" else "desk result (baseline)"
        label = f"{what} to live table, {clients} pages, {backend}"
        out += [
            (f"{label}: p50", statistics.median(delays) * 1000, "ms", ""),
            (f"{label}: p99", percentile(delays, 99) * 1000, "ms", "< 1000 ms"),
        ]
    return out


def run() -> list[Row]:
    return ingest_rate("sqlite") + ingest_rate("postgresql") + live_delay("sqlite", 200, 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--writes", type=int, default=20)
    args = parser.parse_args()
    rows = ingest_rate(args.backend) + live_delay(args.backend, args.clients, args.writes)
    for name, value, unit, target in rows:
        print(f"{name:75} {value:10.1f} {unit:9} {target}")


if __name__ == "__main__":
    main()
