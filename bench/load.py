"""Load: a bounded run of mixed reads by wrk (the 2026 table in gold and total order and as of
a day, the NED and NOR pages, event pages; HTML and JSON twins) against `podium serve`, while a
replay posts every 2026 result through the write API, spread over the same run. Reports
requests/s, p50 and p99 latency and the errors (non-2xx/3xx answers and socket errors), on
SQLite and on PostgreSQL; the target is no error at all, and every result acknowledged.

Run: .venv/bin/python bench/load.py [--seconds 60] [--backend sqlite|postgresql]
     [--connections 16] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from podium import Podium, ledger
from podium.replay import Result, feed, results, stage
from support import ServerProcess, scratch_database

DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
GAMES = "milano-cortina-2026"
POSTGRES = os.environ.get("PODIUM_TEST_POSTGRES", "postgresql+psycopg://127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")


def reads(plan: list[Result]) -> list[str]:
    """The paths wrk cycles through: what readers of a live Games look at."""
    events = sorted({"speed-skating/w/500m", plan[0].event, plan[len(plan) // 2].event})
    paths = [
        f"/games/{GAMES}",
        f"/games/{GAMES}.json",
        f"/games/{GAMES}?order=total&lang=nl",
        f"/games/{GAMES}.json?order=total",
        f"/games/{GAMES}?as_of=2026-02-17&lang=nl",
        f"/games/{GAMES}.json?as_of=2026-02-15&order=total",
        f"/nocs/NED?games={GAMES}&lang=nl",
        f"/nocs/NED.json?games={GAMES}",
        f"/nocs/NOR?games={GAMES}",
        f"/nocs/NOR.json?games={GAMES}",
    ]
    for event in events:
        paths += [f"/events/{event}", f"/events/{event}.json?lang=nl"]
    return paths


# wrk runs `request` for every request, each thread in its own Lua state from its own start
# in the list; `done` prints one line for `measure` to parse (latencies in microseconds)
LUA = """
local paths = {%s}
local next_path = 0
setup = function(thread)
  thread:set("offset", math.random(#paths))
end
init = function(args)
  next_path = tonumber(offset) or 0
end
request = function()
  next_path = next_path + 1
  return wrk.format("GET", paths[(next_path %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "PODIUM-LOAD requests=%%d duration_us=%%d connect=%%d read=%%d write=%%d status=%%d " ..
    "timeout=%%d p50_us=%%d p99_us=%%d max_us=%%d\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class Load:
    """One run: wrk's reads, and the replay's answers."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: dict[str, int]  # wrk's socket errors and non-2xx/3xx answers, by kind, if any
    writes: Counter[int]  # the replay's answers by HTTP status
    results: int  # results the replay posted
    replay_seconds: float  # from the start of the run to the last result's answer
    throttled: int  # 429s the replay waited out (Retry-After) and sent again

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def error_count(self) -> int:
        return sum(self.errors.values()) + sum(n for s, n in self.writes.items() if s != 201)


@dataclass(frozen=True)
class Staged:
    token: str
    plan: list[Result]


def stage_database(url: str, everything: bool = True) -> Staged:
    """The database a replay starts from (with `everything`, all history as `podium stage`
    does; else only the NOCs and the 2026 schedule and athletes) and an editor token."""
    with Podium(url) as podium:
        stage(podium, DATA, GAMES, history=everything)
        token = ledger.issue_token(podium, "editor", "load replay")
        plan = results(podium, DATA, GAMES)
    return Staged(token, plan)


def measure(
    url: str,
    seconds: float,
    *,
    writes: int | None = None,
    everything: bool = True,
    connections: int = 16,
    threads: int = 2,
    workers: int = 1,
    log: Path | None = None,
) -> Load:
    """Stage the database at `url`, serve it, and run wrk's reads for `seconds` while the
    replay posts the first `writes` results (all by default), their real gaps scaled so that
    the last one goes at nine tenths of the run."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed: apt-get install -y wrk")
    staged = stage_database(url, everything)
    plan = staged.plan[:writes] if writes is not None else staged.plan
    span = (plan[-1].awarded_at - plan[0].awarded_at).total_seconds()
    speed = max(span / (0.9 * seconds), 1.0)
    args = ["--workers", str(workers)] if workers > 1 else []
    with tempfile.TemporaryDirectory() as tmp, ServerProcess(url, log=log, args=args) as server:
        paths = reads(plan)
        for path in paths:  # a path that does not answer 200 would count as load errors
            status = httpx.get(server.url + path, timeout=30).status_code
            if status != 200:
                raise RuntimeError(f"GET {path} answers {status} before the load starts")
        script = Path(tmp) / "reads.lua"
        script.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
        answers: Counter[int] = Counter()
        replay_took: list[float] = []
        throttled: list[str] = []

        def note(line: str) -> None:
            if ": 429, again in" in line:
                throttled.append(line)

        def replay() -> None:
            start = time.monotonic()
            answers.update(feed(plan, GAMES, server.url, staged.token, speed, say=note))
            replay_took.append(time.monotonic() - start)

        writer = threading.Thread(target=replay, name="replay")
        writer.start()
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                server.url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        writer.join()
    found = re.search(r"^PODIUM-LOAD (.*)$", out, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    n = {k: int(v) for k, v in (pair.split("=") for pair in found.group(1).split())}
    errors = {k: n[k] for k in ("connect", "read", "write", "status", "timeout") if n[k]}
    return Load(
        requests=n["requests"],
        seconds=n["duration_us"] / 1e6,
        p50_ms=n["p50_us"] / 1e3,
        p99_ms=n["p99_us"] / 1e3,
        max_ms=n["max_us"] / 1e3,
        errors=errors,
        writes=answers,
        results=len(plan),
        replay_seconds=replay_took[0],
        throttled=len(throttled),
    )


@contextmanager
def database(backend: str) -> Iterator[str]:
    """A new, empty database of `backend`, removed afterwards."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        scratch_database(backend, Path(tmp), POSTGRES) as url,
    ):
        yield url


def rows(backend: str, load: Load, connections: int) -> list[tuple[str, float, str, str]]:
    what = f"load {backend}"
    return [
        (
            f"{what}: mixed reads ({load.seconds:.0f} s, {connections} conns, replay writing)",
            load.rps,
            "req/s",
            "",
        ),
        (f"{what}: read latency p50", load.p50_ms, "ms", ""),
        (f"{what}: read latency p99", load.p99_ms, "ms", ""),
        (f"{what}: errors (non-2xx/3xx, socket, failed writes)", load.error_count, "", "0"),
        (f"{what}: results acknowledged of {load.results}", load.writes[201], "", "all"),
        (
            f"{what}: last result acknowledged after (due at {0.9 * load.seconds:.0f} s)",
            load.replay_seconds,
            "s",
            "",
        ),
        (f"{what}: writes refused 429 and sent again", load.throttled, "", "0"),
    ]


def run(
    seconds: float = 60, backends: tuple[str, ...] = BACKENDS, connections: int = 16
) -> list[tuple[str, float, str, str]]:
    out: list[tuple[str, float, str, str]] = []
    for backend in backends:
        with database(backend) as url:
            load = measure(url, seconds, connections=connections)
        out += rows(backend, load, connections)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--backend", choices=BACKENDS, action="append")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="podium serve --workers")
    args = parser.parse_args()
    for backend in args.backend or BACKENDS:
        with database(backend) as url, tempfile.TemporaryDirectory() as tmp:
            log = Path(tmp) / "serve.log"
            load = measure(
                url, args.seconds, connections=args.connections, workers=args.workers, log=log
            )
            for name, value, unit, target in rows(backend, load, args.connections):
                print(f"{name:70} {value:10.2f} {unit:6} {target}")
            if load.errors or load.writes.keys() - {201}:
                print(f"  errors {load.errors}, replay answers {dict(load.writes)}")
                print("  server log:\n" + log.read_text()[-4000:])


if __name__ == "__main__":
    main()
