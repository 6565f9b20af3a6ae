"""Replaying a Games through the results desk: a database staged with everything but that
Games' medals, and the medals fed through the write API at their real moments, sped up.

The medals are read with the importer's own parsing (the same files, the same athlete keys as
staging gave them), so a replayed table ends exactly where an import would.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from podium.core import Podium
from podium.importers import SOURCES, Report
from podium.importers.batch import Batch, write
from podium.importers.source import join
from podium.web.server import HEADER_TIMEOUT

MEDAL_NAMES = {1: "gold", 2: "silver", 3: "bronze"}


def _source_for(games: str) -> Any:
    for source in SOURCES:
        if source.name == games:
            return source
    raise ValueError(f"no importer source for {games!r}; there is {[s.name for s in SOURCES]}")


def _collect(podium: Podium, data: str, games: str) -> Batch:
    source = _source_for(games)
    batch: Batch = source.collect(podium.store, join(data, source.folder), Report(games), None)
    return batch


def stage(podium: Podium, data: str, games: str, history: bool = True) -> list[Report]:
    """Import every other source (with `history`; else only the NOC register, which a Games'
    rows refer to), and of `games` only the schedule, events and athletes: its medals are left
    for the desk (or `replay`). In the import's own order, so that a later source finds the
    Games there: Olympedia's entries of `games` (who takes part, known before it begins; the
    projection reads them) are imported as a full import would."""
    _source_for(games)
    reports: list[Report] = []
    for source in SOURCES:
        if source.name == games:
            report = Report(games)
            batch = _collect(podium, data, games)
            batch.awards.clear()
            batch.members.clear()
            write(podium.store, batch, report, datetime.now(UTC))
            reports.append(report)
        elif history or source.name == "noc":
            reports += podium.import_data(data, [source.name])
    return reports


@dataclass(frozen=True)
class Result:
    event: str
    awarded_at: datetime  # aware UTC
    body: dict[str, Any]  # what POST /api/games/{games}/results takes


def results(podium: Podium, data: str, games: str) -> list[Result]:
    """The Games' results as write-API requests, in the order they were decided."""
    batch = _collect(podium, data, games)
    members: dict[str, list[str]] = {}
    for award, athlete in sorted(batch.members):
        members.setdefault(award, []).append(athlete)
    per_event: dict[str, list[dict[str, Any]]] = {}
    for row in batch.awards.values():
        per_event.setdefault(row["event"], []).append(row)
    out = []
    for event, rows in per_event.items():
        count = Counter(r["medal"] for r in rows)
        medals = []
        for r in sorted(rows, key=lambda r: (r["medal"], r["noc"], r["key"])):
            entry: dict[str, Any] = {"medal": MEDAL_NAMES[r["medal"]], "noc": r["noc"]}
            if r["athlete"]:
                entry["athlete_key"] = r["athlete"]
            else:
                entry["team"] = r["team"]
                entry["member_keys"] = members.get(r["key"], [])
            if count[r["medal"]] > 1:
                entry["tie"] = True
            medals.append(entry)
        moment = max(r["awarded_at"] for r in rows).replace(tzinfo=UTC)
        body = {"event": event, "awarded_at": moment.isoformat(), "medals": medals}
        out.append(Result(event, moment, body))
    return sorted(out, key=lambda r: (r.awarded_at, r.event))


def schedule(plan: list[Result], speed: float) -> Iterator[tuple[float, Result]]:
    """(seconds after the start of the replay, result): real gaps divided by `speed`."""
    if not plan:
        return
    first = plan[0].awarded_at
    for result in plan:
        yield (result.awarded_at - first).total_seconds() / speed, result


def idempotency_key(games: str, result: Result) -> str:
    """The key a replay sends with each result: the same in every run, so a replay started
    again (or resumed after a crash) records nothing twice."""
    return f"replay:{games}:{result.event}"


RATE_LIMITED_TRIES = 20  # then the 429 stands, counted like any other answer


def _retry_after(value: str | None) -> float:
    """Retry-After in seconds (the desk sends seconds; an HTTP date is taken as 1 s)."""
    try:
        return min(max(float(value or 1), 0.0), 60.0)
    except ValueError:
        return 1.0


def post(
    client: httpx.Client,
    games: str,
    token: str,
    result: Result,
    say: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Response:
    """POST one result with its Idempotency-Key. A 429 (the desk's rate limit) is waited out as
    its Retry-After says and the same request sent again, which the key makes safe, rather
    than the result lost; after RATE_LIMITED_TRIES the 429 is the answer."""
    key = idempotency_key(games, result)
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    for _ in range(RATE_LIMITED_TRIES):
        response = client.post(f"/api/games/{games}/results", json=result.body, headers=headers)
        if response.status_code != 429:
            break
        retry = _retry_after(response.headers.get("retry-after"))
        say(f"{result.event}: 429, again in {retry:g} s")
        sleep(retry)
    return response


# A server that is restarting answers nothing, or 502/503/504 from a proxy or a full pool.
UNAVAILABLE = frozenset({502, 503, 504})
FIRST_WAIT = 0.25  # seconds; doubled after each try, up to MAX_WAIT
MAX_WAIT = 8.0
PATIENCE = 300.0  # seconds a result is tried for before the replay gives up


def post_until_answered(
    client: httpx.Client,
    games: str,
    token: str,
    result: Result,
    say: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
    patience: float = PATIENCE,
) -> httpx.Response:
    """`post`, tried again with a growing wait while the server is down or unavailable (a
    restart, a deploy): the Idempotency-Key makes sending again safe, so a result whose answer
    was lost is recorded once. After `patience` seconds the last error or answer stands."""
    wait, deadline = FIRST_WAIT, time.monotonic() + patience
    while True:
        try:
            response = post(client, games, token, result, say, sleep)
            if response.status_code not in UNAVAILABLE:
                return response
            problem = f"{response.status_code}"
        except httpx.TransportError as exc:
            if time.monotonic() + wait > deadline:
                raise
            problem = type(exc).__name__
        else:
            if time.monotonic() + wait > deadline:
                return response
        say(f"{result.event}: server not answering ({problem}), again in {wait:g} s")
        sleep(wait)
        wait = min(wait * 2, MAX_WAIT)


def client(url: str) -> httpx.Client:
    """An HTTP client for a Podium server at `url`. An idle connection is let go well before
    the server ends it (HEADER_TIMEOUT): a request sent on a connection the server is closing
    at that moment meets a reset, not an answer."""
    limits = httpx.Limits(keepalive_expiry=HEADER_TIMEOUT / 2)
    return httpx.Client(base_url=url, timeout=30, limits=limits)


def feed(
    plan: list[Result],
    games: str,
    url: str,
    token: str,
    speed: float,
    say: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
    patience: float = PATIENCE,
) -> Counter[int]:
    """POST each result at its moment; each carries an Idempotency-Key, so a replay that is
    started again records nothing twice, and a server restarting meanwhile is waited for
    (`post_until_answered`). Returns the count of each HTTP status."""
    statuses: Counter[int] = Counter()
    start = time.monotonic()
    with client(url) as http:
        for offset, result in schedule(plan, speed):
            wait = offset - (time.monotonic() - start)
            if wait > 0:
                sleep(wait)
            response = post_until_answered(http, games, token, result, say, sleep, patience)
            statuses[response.status_code] += 1
            detail = "" if response.status_code < 300 else f" {response.text[:200]}"
            say(f"{result.awarded_at:%d %b %H:%M} {result.event}: {response.status_code}{detail}")
    return statuses
