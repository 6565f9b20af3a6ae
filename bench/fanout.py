"""Live fan-out: 10,000 SSE clients on `podium serve` while results are posted; the
delay from each write's sending to each client's receipt of that write's event, and the
server's memory (RSS of all its processes) before the clients, with them idle, and after.

The server runs in a process of its own (as in production); the clients and the writer share
this process's event loop, so arrival and acknowledgement are read off one clock. Clients speak
HTTP/1.0 over raw sockets: an httpx client per connection would cost more than the server.

Run: .venv/bin/python bench/fanout.py [--clients 10000] [--writes 20]
     [--backend postgresql --workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

import httpx

from load import DATA, GAMES, database  # bench/ is on the path: run as a script or by run.py
from podium import Podium, ledger
from podium.replay import Result, results, stage
from support import ServerProcess


class Client:
    """One live page: the time each event id arrived."""

    def __init__(self) -> None:
        self.arrivals: dict[int, float] = {}
        self.ready = asyncio.Event()

    async def run(self, port: int, path: str) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 22)
        writer.write(f"GET {path} HTTP/1.0\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        await reader.readline()  # the status line
        self.ready.set()
        try:
            while line := await reader.readline():
                if line.startswith(b"id:"):
                    self.arrivals[int(line[3:])] = time.monotonic()
        finally:
            writer.close()


def rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (a server and its workers)."""
    total = 0
    pending = [pid]
    while pending:
        p = pending.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        total += next(
            int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")
        )
        pending += [int(c) for c in children]
    return total


async def measure_async(
    url: str, token: str, plan: list[Result], clients: int, pid: int
) -> tuple[list[float], list[float], list[int]]:
    port = int(url.rsplit(":", 1)[1])
    memory = [rss(pid)]
    pages = [Client() for _ in range(clients)]
    tasks = []
    for start in range(0, clients, 500):  # in steps, inside the listen backlog
        batch = pages[start : start + 500]
        tasks += [asyncio.create_task(p.run(port, f"/games/{GAMES}/live")) for p in batch]
        await asyncio.wait_for(asyncio.gather(*(p.ready.wait() for p in batch)), 60)
    await asyncio.sleep(1)
    memory.append(rss(pid))
    delays: list[float] = []
    spreads: list[float] = []  # per write, from its first page's event to its last one's
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        for result in plan:
            sent = time.monotonic()
            response = await http.post(
                f"/api/games/{GAMES}/results", json=result.body, headers=headers
            )
            response.raise_for_status()
            seq = int(response.json()["seq"])
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and any(seq not in p.arrivals for p in pages):
                await asyncio.sleep(0.01)
            missing = sum(seq not in p.arrivals for p in pages)
            if missing:
                closed = sum(t.done() for t in tasks)
                raise RuntimeError(
                    f"{missing} of {clients} clients never got event {seq} "
                    f"({closed} connections closed)"
                )
            # from the moment the write was sent: its own handling counted in, since the answer
            # comes only after the pages it changed are built again (up to their max-age), and
            # an event that beat the answer would otherwise count as no delay at all
            delays += [p.arrivals[seq] - sent for p in pages]
            arrived = [p.arrivals[seq] for p in pages]
            spreads.append(max(arrived) - min(arrived))
            await asyncio.sleep(0.2)
    memory.append(rss(pid))
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return delays, spreads, memory


def measure(
    clients: int = 10_000, writes: int = 20, backend: str = "sqlite", workers: int = 1
) -> tuple[list[float], list[float], list[int]]:
    with database(backend) as db:
        with Podium(db) as podium:
            stage(podium, DATA, GAMES, history=False)
            plan = results(podium, DATA, GAMES)[:writes]
            token = ledger.issue_token(podium, "editor", "fan-out bench")
        with ServerProcess(db, args=["--workers", str(workers)]) as server:
            return asyncio.run(measure_async(server.url, token, plan, clients, server.pid))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def rows(
    clients: int, writes: int, backend: str, workers: int
) -> list[tuple[str, float, str, str]]:
    delays, spreads, (before, idle, after) = measure(clients, writes, backend, workers)
    label = f"SSE fan-out, {clients} clients, {writes} writes, {backend} x{workers} process"
    return [
        (f"{label}: p50 delay", statistics.median(delays) * 1000, "ms", ""),
        (f"{label}: p99 delay", percentile(delays, 99) * 1000, "ms", "< 1000 ms"),
        (f"{label}: max delay", max(delays) * 1000, "ms", ""),
        (f"{label}: first to last page, median write", statistics.median(spreads) * 1000, "ms", ""),
        (f"{label}: server RSS without clients", before / 2**20, "MiB", ""),
        (f"{label}: server RSS, clients idle", idle / 2**20, "MiB", ""),
        (f"{label}: server RSS after the writes", after / 2**20, "MiB", ""),
        (f"{label}: memory per idle client", (idle - before) / clients / 1024, "KiB", ""),
    ]


def run() -> list[tuple[str, float, str, str]]:
    """One process on SQLite; two worker processes on PostgreSQL, where a write reaches the
    other worker's clients by NOTIFY."""
    return rows(10_000, 20, "sqlite", 1) + rows(10_000, 20, "postgresql", 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--workers", type=int, default=1, help="more than one needs postgresql")
    args = parser.parse_args()
    for name, value, unit, target in rows(args.clients, args.writes, args.backend, args.workers):
        print(f"{name:75} {value:10.1f} {unit:4} {target}")


if __name__ == "__main__":
    main()
