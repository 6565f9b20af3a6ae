"""Hostile traffic against `podium serve` (one process, SQLite, loopback), the three bounds of
issue 15:

1. a flood of distinct headers and junk query strings leaves the server's memory where it was
   (3,000 requests with a distinct 12 kB Accept-Language and junk parameters; 300 with a 60 kB
   header, which are refused before the app);
2. twelve uncomputed stories pages at once leave a desk write fast (its latency against the
   same write with nothing else running);
3. 5,000 connections that never send a request leave a read and a write answered, and are
   closed by the header timeout.

Run: .venv/bin/python bench/hostile.py
"""

from __future__ import annotations

import socket
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from fanout import rss
from load import DATA, GAMES, database  # bench/ is on the path: run as a script or by run.py
from podium import Podium, ledger
from podium.replay import Result, results, stage
from support import ServerProcess

PERSPECTIVES = ("NED", "NOR", "ITA", "USA", "GER", "FRA", "SUI", "AUT", "SWE", "CAN", "JPN", "KOR")


def post(http: httpx.Client, headers: dict[str, str], result: Result) -> float:
    started = time.monotonic()
    response = http.post(f"/api/games/{GAMES}/results", json=result.body, headers=headers)
    if response.status_code != 201:
        raise RuntimeError(f"write {result.event}: {response.status_code} {response.text}")
    return time.monotonic() - started


def flood(http: httpx.Client, pid: int) -> list[tuple[str, float, str, str]]:
    before = rss(pid)
    statuses: dict[int, int] = {}
    for i in range(3000):
        header = f"x{i}-" + "ab;q=0.1," * 1300 + "nl"
        r = http.get(f"/games/{GAMES}.json?utm_{i}=x&junk={i}", headers={"Accept-Language": header})
        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
    big = 0
    for i in range(300):
        header = f"x{i}-" + "ab;q=0.1," * 6700
        try:
            r = http.get(f"/games/{GAMES}.json", headers={"Accept-Language": header})
            big += r.status_code >= 400
        except httpx.TransportError:
            big += 1  # refused by closing: also not served
    after = rss(pid)
    if statuses != {200: 3000}:
        raise RuntimeError(f"12 kB headers: {statuses}")
    return [
        ("flood: server RSS before", before / 2**20, "MiB", ""),
        ("flood: server RSS after 3,000 x 12 kB headers + junk", after / 2**20, "MiB", ""),
        ("flood: RSS growth", (after - before) / 2**20, "MiB", "< 50 MiB"),
        ("flood: 60 kB headers refused (of 300)", big, "", "300"),
    ]


def heavy_reads(
    url: str, http: httpx.Client, headers: dict[str, str], plan: list[Result]
) -> list[tuple[str, float, str, str]]:
    quiet = [post(http, headers, r) for r in plan[:5]]
    busy: list[float] = []
    read_times: list[float] = []

    def read(code: str) -> float:
        started = time.monotonic()
        with httpx.Client(base_url=url, timeout=60) as reader:
            r = reader.get(f"/games/{GAMES}/stories.json?perspective={code}")
        if r.status_code not in (200, 503):
            raise RuntimeError(f"stories {code}: {r.status_code}")
        return time.monotonic() - started

    with ThreadPoolExecutor(12) as pool:
        for result in plan[5:10]:
            reads = [pool.submit(read, code) for code in PERSPECTIVES]
            time.sleep(0.1)  # the reads are being computed
            busy.append(post(http, headers, result))
            read_times += [f.result() for f in reads]
    return [
        ("desk write alone: median", statistics.median(quiet) * 1000, "ms", ""),
        ("desk write during 12 stories reads: median", statistics.median(busy) * 1000, "ms", ""),
        ("desk write during 12 stories reads: max", max(busy) * 1000, "ms", "< 200 ms"),
        ("the 12 stories reads: median", statistics.median(read_times) * 1000, "ms", ""),
    ]


def half_open(
    url: str, http: httpx.Client, headers: dict[str, str], result: Result
) -> list[tuple[str, float, str, str]]:
    port = int(url.rsplit(":", 1)[1])
    held: list[socket.socket] = []
    for _ in range(5000):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        held.append(s)
    time.sleep(0.5)
    started = time.monotonic()
    read = http.get(f"/games/{GAMES}.json?order=total")
    read_time = time.monotonic() - started
    if read.status_code != 200:
        raise RuntimeError(f"read among half-open connections: {read.status_code}")
    write_time = post(http, headers, result)
    time.sleep(6.5)  # the header timeout (5 s) has closed them

    shut = 0
    for s in held:
        try:
            shut += s.recv(1) == b""  # the server closed it
        except BlockingIOError:
            pass  # still open
        except OSError:
            shut += 1  # reset: closed too
    for s in held:
        s.close()
    return [
        ("5,000 half-open: a read answered in", read_time * 1000, "ms", "< 1000 ms"),
        ("5,000 half-open: a write answered in", write_time * 1000, "ms", "< 1000 ms"),
        ("5,000 half-open: closed by the server after 7 s", shut, "", "5000"),
    ]


def run() -> list[tuple[str, float, str, str]]:
    with database("sqlite") as db:
        with Podium(db) as podium:
            stage(podium, DATA, GAMES)
            plan = results(podium, DATA, GAMES)
            token = ledger.issue_token(podium, "editor", "hostile bench")
        headers = {"Authorization": f"Bearer {token}"}
        out: list[Any] = []
        with ServerProcess(db) as server, httpx.Client(base_url=server.url, timeout=30) as http:
            for r in plan[:40]:  # a Games under way: stories have medals to tell
                post(http, headers, r)
                time.sleep(0.2)  # inside the desk's rate limit
            out += flood(http, server.pid)
            out += heavy_reads(server.url, http, headers, plan[40:50])
            out += half_open(server.url, http, headers, plan[50])
        return out


def main() -> None:
    for name, value, unit, target in run():
        print(f"{name:55} {value:10.1f} {unit:4} {target}")


if __name__ == "__main__":
    main()
