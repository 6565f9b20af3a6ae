"""Webhook fan-out: 100 receivers on loopback, each a hook of its own, spread over every
country that wins a medal in 2026 in both languages (60 angles); results recorded through the
desk one at a time. For each write: the time from the ledger write's commit to the last
delivery it caused (the worker builds every angle's items, lists the deliveries, sends them
16 at a time), p50 and p99 over the writes.

Run: .venv/bin/python bench/feeds.py [--receivers 100] [--writes 20] [--backend postgresql]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from load import DATA, GAMES, database  # bench/ is on the path: run as a script or by run.py
from podium import Podium, ledger
from podium.feeds import webhooks
from podium.feeds.store import FeedStore
from podium.replay import results, stage


class Arrivals:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.count = 0


@contextmanager
def receiver(arrivals: Arrivals) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            with arrivals.lock:
                arrivals.times.append(time.monotonic())
                arrivals.count += 1

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


def measure(url: str, receivers: int, writes: int) -> tuple[list[float], int]:
    """(seconds from each write to its last delivery, deliveries in all)."""
    arrivals = Arrivals()
    with Podium(url) as podium, ExitStack() as stack:
        stage(podium, DATA, GAMES, history=False)
        plan = results(podium, DATA, GAMES)[:writes]
        nocs = sorted({m["noc"] for r in results(podium, DATA, GAMES) for m in r.body["medals"]})
        angles = [(n, lang) for n in nocs for lang in ("nl", "en")]
        for i in range(receivers):
            hook_url = stack.enter_context(receiver(arrivals))
            noc, lang = angles[i % len(angles)]
            webhooks.add_hook(podium, hook_url, perspective=noc, lang=lang, games=GAMES, label="b")
        worker_podium = stack.enter_context(Podium(url, migrate=False))
        deliverer = webhooks.Deliverer(worker_podium)
        podium.store.on_commit(deliverer.wake)
        feeds = FeedStore(podium.store)
        desk = ledger.Desk(podium)
        deliverer.step()  # the hooks' first look at the (empty) Games, not measured
        deliverer.start(idle=0.05)
        delays: list[float] = []
        try:
            for result in plan:
                with arrivals.lock:
                    arrivals.times.clear()
                started = time.monotonic()
                desk.result(GAMES, result.body, "bench", None)
                while feeds.pending() or feeds.undelivered():
                    time.sleep(0.005)
                with arrivals.lock:
                    delays.append(max(arrivals.times, default=started) - started)
        finally:
            deliverer.stop()
    return delays, arrivals.count


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(
    backend: str = "sqlite", receivers: int = 100, writes: int = 20
) -> list[tuple[str, float, str, str]]:
    with database(backend) as url:
        delays, total = measure(url, receivers, writes)
    what = f"webhooks {backend}, {receivers} receivers"
    return [
        (f"{what}: write to last delivery p50", statistics.median(delays) * 1000, "ms", ""),
        (f"{what}: write to last delivery p99", percentile(delays, 0.99) * 1000, "ms", ""),
        (f"{what}: deliveries for {writes} results", float(total), "", ""),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--receivers", type=int, default=100)
    parser.add_argument("--writes", type=int, default=20)
    args = parser.parse_args()
    for name, value, unit, _ in run(args.backend, args.receivers, args.writes):
        print(f"{name:70} {value:10.1f} {unit}")


if __name__ == "__main__":
    main()
