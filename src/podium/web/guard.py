"""The web app's guard at the door, as pure ASGI middleware in front of the router: a cap on
request bodies (413) and a token-bucket rate limit on the write API (429 with Retry-After).

Reads pass straight through after one look at the method: the guard costs a read nothing it
would notice. A write's body is read here, up to the limit and no further, and handed on to
the app; a body over the limit is refused before any of it reaches the app, whether it says
its length (Content-Length) or not (chunked).

The rate limit keeps two buckets: one per bearer token (a desk, a replay), one per client
address. A token's bucket is keyed by the token's SHA-256, so the raw token is not kept. A
token the app has accepted (its answer was not 401) counts against its own bucket only; any
other write also against its client's, which is what stops a flood of made-up tokens, each of
which would otherwise get a fresh bucket and cost a token lookup, without the flood holding up
a real desk at the same address. Behind a proxy that does not pass the client's address on,
every client is the proxy: the client limits are sized for that.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

READS = frozenset({"GET", "HEAD", "OPTIONS"})
FEED_PATH = "/api/odf"


@dataclass(frozen=True)
class Limits:
    """The guard's numbers. The defaults leave a desk and any replay up to 60,000x (116
    results in 23 s; its densest stretch needs a burst of 12 at 5 a second) far inside, and
    stop a runaway client within a second.

    max_body: the largest result a desk sends (ice-hockey teams with their rosters) is about
    2.5 kB of JSON; 64 KiB is 25 times that, and small enough to parse in well under a
    millisecond."""

    max_body: int = 64 * 1024
    feed_body: int = 10 * 1024 * 1024  # an ODF message (POST /api/odf): FND 8.2's limit
    rate: float = 5.0  # writes a second per token, sustained
    burst: int = 60  # writes per token at once, from a full bucket
    client_rate: float = 20.0  # per client address, whatever the tokens
    client_burst: int = 240
    keys: int = 10_000  # buckets kept; an idle bucket forgotten is a full one
    body_timeout: float = 10.0  # seconds for a write's whole body once its headers are in
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)


class Buckets:
    """Token buckets by key: each holds up to `burst` and refills at `rate` a second."""

    def __init__(
        self, rate: float, burst: int, keys: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.keys = keys
        self.clock = clock
        self.state: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key: (level, at)

    def wait(self, key: str) -> float:
        """Seconds until `key` may write once more; 0 means now."""
        level = self._level(key) + 1e-9  # a whole token refilled by float steps is whole
        return 0.0 if level >= 1 else (1 - level) / self.rate

    def take(self, key: str) -> None:
        self.state[key] = (self._level(key) - 1, self.clock())
        self.state.move_to_end(key)
        while len(self.state) > self.keys:
            self.state.popitem(last=False)

    def _level(self, key: str) -> float:
        level, at = self.state.get(key, (float(self.burst), 0.0))
        return min(float(self.burst), level + (self.clock() - at) * self.rate)


class Guard:
    def __init__(self, app: ASGIApp, limits: Limits | None = None) -> None:
        self.app = app
        self.limits = limits = limits or Limits()
        self.tokens = Buckets(limits.rate, limits.burst, limits.keys, limits.clock)
        self.clients = Buckets(limits.client_rate, limits.client_burst, limits.keys, limits.clock)
        self.accepted: OrderedDict[str, None] = OrderedDict()  # digests of tokens the app took

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in READS:
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith("/api/"):
            token_key = self._token_key(scope)
            if not await self._admit(scope, send, token_key):
                return
            if token_key is not None:
                send = self._learning(token_key, send)
        limit = self.limits.feed_body if scope["path"] == FEED_PATH else self.limits.max_body
        too_big = {
            "field": "body",
            "message": f"the request body is over the limit of {limit} bytes",
            "limit": limit,
        }
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _answer(send, 413, too_big)
            return
        chunks: list[bytes] = []
        size = 0
        deadline = asyncio.get_running_loop().time() + self.limits.body_timeout
        while True:
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                slow = {
                    "field": "body",
                    "message": f"the request body took over {self.limits.body_timeout:g} s",
                }
                await _answer(send, 408, slow, ((b"connection", b"close"),))
                return
            if message["type"] != "http.request":
                return  # the client went away: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _answer(send, 413, too_big)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()  # a disconnect, when the app waits for one
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    def _token_key(scope: Scope) -> str | None:
        scheme, _, token = (_header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return hashlib.sha256(token.strip().encode()).hexdigest()
        return None

    def _learning(self, token_key: str, send: Send) -> Send:
        """`send`, noting from the answer whether the app accepted the token."""

        async def noted(message: Message) -> None:
            if message["type"] == "http.response.start":
                if message["status"] == 401:
                    self.accepted.pop(token_key, None)
                else:
                    self.accepted[token_key] = None
                    self.accepted.move_to_end(token_key)
                    while len(self.accepted) > self.limits.keys:
                        self.accepted.popitem(last=False)
            await send(message)

        return noted

    async def _admit(self, scope: Scope, send: Send, token_key: str | None) -> bool:
        client = scope.get("client")
        client_key = client[0] if client else "?"
        known = token_key is not None and token_key in self.accepted
        limits = self.limits
        waits = [(0.0, "client", limits.client_burst, limits.client_rate)]
        if not known:
            waits.append(
                (self.clients.wait(client_key), "client", limits.client_burst, limits.client_rate)
            )
        if token_key is not None:
            waits.append((self.tokens.wait(token_key), "Authorization", limits.burst, limits.rate))
        wait, field, burst, rate = max(waits)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            per = "token" if field == "Authorization" else "client"
            detail = {
                "field": field,
                "message": (
                    f"too many writes: at most {burst} at once and {rate:g} a second per {per}; "
                    f"retry in {seconds} s"
                ),
            }
            await _answer(send, 429, detail, ((b"retry-after", str(seconds).encode()),))
            return False
        if not known:
            self.clients.take(client_key)
        if token_key is not None:
            self.tokens.take(token_key)
        return True


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value).decode("latin-1")
    return None


async def _answer(
    send: Send, status: int, detail: dict[str, Any], headers: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    body = json.dumps({"error": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = ["Buckets", "Guard", "Limits"]
