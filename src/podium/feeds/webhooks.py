"""Webhooks: every new or changed news item POSTed to the desks that asked for it, signed,
with an idempotency id, retried with exponential backoff for 1 h 47 min.

The promise to deliver is the outbox row written with the ledger entry (`Store.enqueue_webhooks`);
a `Deliverer` turns outbox rows into deliveries (one per hook and item version, listed once),
then sends what is due. A crash anywhere leaves either the outbox row or the delivery row
pending, so nothing is lost; a crash after a receiver answered but before the answer was
recorded sends that delivery again with the same id, which a receiver honouring the id drops.

Signature (as Stripe and GitHub do it): header `Podium-Signature: t=UNIX,v1=HEX`, HEX being
HMAC-SHA256 with the hook's secret over `UNIX` + "." + the body's bytes; `verify` checks one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from podium.core import Podium
from podium.feeds import news
from podium.feeds.store import Due, FeedStore, Hook

log = logging.getLogger(__name__)

SIGNATURE = "Podium-Signature"
BACKOFF_BASE = 1.0  # seconds before the first retry; doubled each time
BACKOFF_CAP = 600.0  # never more than ten minutes between tries
# 19 waits: 1 + 2 + ... + 512 s, then nine times 600 s: the last try 1 h 47 min after the first
ATTEMPTS = 20


def new_secret() -> str:
    return secrets.token_hex(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, now: float, tolerance: float = 300) -> bool:
    """What a receiver does: the signature matches and its timestamp is recent (a replayed
    request older than `tolerance` seconds is refused)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        stamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    expected = sign(secret, stamp, body).split("v1=", 1)[1]
    fresh = abs(now - stamp) <= tolerance
    return fresh and hmac.compare_digest(expected, parts.get("v1", ""))


def backoff(attempt: int, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Seconds to wait after the `attempt`-th failed try (1-based)."""
    return float(min(base * 2 ** (attempt - 1), cap))


@dataclass
class Deliverer:
    """Expands the outbox and sends due deliveries. `step` does one round; `start` runs rounds
    in a thread, woken by `wake` (a commit in this process) or when the next retry is due."""

    podium: Podium
    base: float = BACKOFF_BASE
    cap: float = BACKOFF_CAP
    attempts: int = ATTEMPTS
    timeout: float = 10.0
    senders: int = 16
    base_url: str = ""
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        # a round sends at most `senders` deliveries at once, each within `timeout`: a claim
        # held twice that long belongs to a worker that died, and is due again
        self.lease = timedelta(seconds=2 * self.timeout + 1)
        self.feeds = FeedStore(self.podium.store)
        self.client = httpx.Client(timeout=self.timeout)
        self.pool = ThreadPoolExecutor(self.senders, thread_name_prefix="webhook")
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- one round -----------------------------------------------------------------------

    def step(self) -> int:
        """Expand pending outbox rows, then send what is due. Returns the attempts made."""
        self.expand()
        return self.send_due()

    def expand(self) -> int:
        pending = self.feeds.pending()
        computed: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
        added = 0
        by_hook: dict[tuple[int, str], list[int]] = {}
        for outbox, hook_id, games in pending:
            by_hook.setdefault((hook_id, games), []).append(outbox)
        for (hook_id, games), rows in by_hook.items():
            hook = self.feeds.hook(hook_id)
            if hook is None or not hook.active:
                self.feeds.expand(rows, hook_id, [])
                continue
            key = (games, hook.perspective, hook.lang)
            if key not in computed:
                items = news.current(self.podium, games, hook.perspective, hook.lang)
                computed[key] = [(v.item.id, v.version.number) for v in items]
            added += self.feeds.expand(rows, hook_id, computed[key])
        return added

    def send_due(self) -> int:
        now = datetime.fromtimestamp(self.clock(), UTC)
        due = self.feeds.claim(now, self.lease, self.senders)
        bodies: dict[tuple[str, int], bytes] = {}
        for d in due:
            if (d.item, d.version) not in bodies:
                bodies[(d.item, d.version)] = self._body(d)
        results = list(self.pool.map(lambda d: self._send(d, bodies[(d.item, d.version)]), due))
        for d, (status, error, millis) in zip(due, results, strict=True):
            done = self.clock()
            tries = d.attempts + 1
            failed = status is None or not 200 <= status < 300
            retry = None
            if failed and tries < self.attempts:
                retry = datetime.fromtimestamp(done + backoff(tries, self.base, self.cap), UTC)
            if failed:
                log.warning("webhook %s %s: try %d: %s", d.hook.id, d.idempotency, tries, error)
            at = datetime.fromtimestamp(done, UTC)
            self.feeds.attempted(d, at, status, error, millis, retry)
        return len(due)

    def _body(self, d: Due) -> bytes:
        version = self.feeds.version(d.item, d.version)
        if version is None:
            raise LookupError(f"no version {d.version} of {d.item}")
        item = news.item_from_content(version.content)
        link = f"{self.base_url}/games/{item.games}/stories?perspective={item.perspective}"
        doc = news.ninjs(news.Versioned(item, version), link if self.base_url else None)
        payload = {"id": d.idempotency, "item": doc}
        return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()

    def _send(self, d: Due, body: bytes) -> tuple[int | None, str | None, int]:
        started = time.monotonic()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": d.idempotency,
            SIGNATURE: sign(d.hook.secret, int(self.clock()), body),
            "User-Agent": "Podium-Webhook/1",
        }
        try:
            response = self.client.post(d.hook.url, content=body, headers=headers)
            error = None if response.is_success else f"HTTP {response.status_code}"
            status: int | None = response.status_code
        except httpx.HTTPError as exc:
            status, error = None, f"{type(exc).__name__}: {exc}"
        return status, error, int((time.monotonic() - started) * 1000)

    # -- running -------------------------------------------------------------------------

    def wake(self) -> None:
        self._wake.set()

    def run(self, idle: float = 1.0) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                if self.step():
                    continue
                upcoming = self.feeds.next_due()
            except Exception:  # a round that failed is tried again; the outbox keeps it all
                log.exception("webhook delivery round failed")
                upcoming = None
            pause = idle
            if upcoming is not None:
                pause = max(0.0, min(idle, upcoming.timestamp() - self.clock()))
            self._wake.wait(pause)

    def start(self, idle: float = 1.0) -> None:
        self._thread = threading.Thread(
            target=self.run, args=(idle,), name="podium-webhooks", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self.pool.shutdown(wait=True)
        self.client.close()


def add_hook(
    podium: Podium,
    url: str,
    *,
    perspective: str,
    lang: str,
    games: str | None,
    label: str,
) -> tuple[int, str]:
    """Register a hook; returns its id and the secret it is signed with."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"url: {url!r} is not an http(s) URL")
    code = podium.noc(perspective).code
    if lang not in ("nl", "en"):
        raise ValueError(f"lang: {lang!r} is not nl or en")
    if games is not None:
        podium.games(games)
    secret = new_secret()
    return FeedStore(podium.store).add_hook(url, secret, games, code, lang, label), secret


def describe(hook: Hook) -> dict[str, Any]:
    return {
        "id": hook.id,
        "url": hook.url,
        "games": hook.games,
        "perspective": hook.perspective,
        "lang": hook.lang,
        "label": hook.label,
        "active": hook.active,
    }
