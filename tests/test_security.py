"""Security basics of the web app: a role check on every write route, tokens kept only as
SHA-256 and compared in constant time, CORS closed, a body size limit and a rate limit on the
write API (podium.web.guard) that a desk and a replay stay well under."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from podium import Podium, ledger
from podium.cli import app as cli
from podium.replay import results, schedule, stage
from podium.schema import api_token
from podium.web import create_app
from podium.web.guard import Buckets, Limits
from podium.web.schemas import EXAMPLES, ODF_EXAMPLE
from support import ServerThread

GAMES = "milano-cortina-2026"
EVENT = "speed-skating/w/500m"
RESULTS = f"/api/games/{GAMES}/results"


@dataclass(frozen=True)
class Staged:
    podium: Podium
    editor: str
    reader: str

    def bearer(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def staged(database_url: str, data_dir: Path) -> Iterator[Staged]:
    """NOCs and the 2026 schedule and athletes, no 2026 medals; an editor and a reader."""
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), GAMES, history=False)
        tokens = {
            role: ledger.issue_token(podium, role, f"security {role}") for role in ledger.ROLES
        }
        yield Staged(podium, tokens["editor"], tokens["reader"])


class _Params(dict[str, str]):
    """Path parameters for any write route: the example story's, else a placeholder (the
    role check comes before anything looks at them)."""

    def __missing__(self, key: str) -> str:
        return "x"


def _writes(app: Any) -> list[tuple[str, str, str]]:
    """(method, path, route name) of every route that is not a read."""
    return [
        (method, route.path, route.name)
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods - {"GET", "HEAD"})
    ]


# the write routes by name, and the example body (schemas.EXAMPLES) each takes
BODIES = {
    "post_result": EXAMPLES["result"],
    "post_correction": EXAMPLES["correction"],
    "post_disqualification": EXAMPLES["disqualification"],
}


def test_every_write_route_refuses_without_an_editor_token(staged: Staged) -> None:
    app = create_app(staged.podium)
    writes = _writes(app)
    # iterating the routes keeps a new write route from being forgotten here; these four
    # are there now, so the loop cannot pass by finding nothing
    assert [(m, p) for m, p, _ in writes] == [
        ("POST", "/api/games/{slug}/results"),
        ("POST", "/api/games/{slug}/events/{event:path}/corrections"),
        ("POST", "/api/games/{slug}/events/{event:path}/disqualifications"),
        ("POST", "/api/odf"),
    ]
    params = _Params(slug=GAMES, event=EVENT)
    revision = staged.podium.store.revision()
    with TestClient(app) as client:
        for method, path, name in writes:
            url = path.replace("{event:path}", "{event}").format_map(params)
            body = BODIES.get(name, {})
            for headers, status, message in (
                ({}, 401, "a Bearer token is needed"),
                ({"Authorization": "Bearer"}, 401, "a Bearer token is needed"),
                ({"Authorization": f"Basic {staged.editor}"}, 401, "a Bearer token is needed"),
                ({"Authorization": "Bearer pod_made-up"}, 401, "unknown token"),
                (staged.bearer(staged.editor[:-1]), 401, "unknown token"),
                (staged.bearer(staged.reader), 403, "a reader cannot write"),
            ):
                response = client.request(method, url, json=body, headers=headers)
                assert (response.status_code, response.json()) == (
                    status,
                    {"error": {"field": "Authorization", "message": message}},
                ), (method, path, headers)
        assert staged.podium.store.ledger_entries() == []
        assert staged.podium.store.revision() == revision
        # the same requests with the editor's token are recorded: only the role was missing
        for method, path, name in writes:
            url = path.replace("{event:path}", "{event}").format_map(params)
            if name == "post_odf":  # an ODF message is XML, and is answered 200 with its outcome
                xml = {**staged.bearer(staged.editor), "Content-Type": "application/xml"}
                response = client.request(method, url, content=ODF_EXAMPLE, headers=xml)
                assert response.status_code == 200, response.text
                continue
            response = client.request(
                method, url, json=BODIES[name], headers=staged.bearer(staged.editor)
            )
            assert response.status_code == 201, response.text
    kinds = [e.kind for e in staged.podium.store.ledger_entries()]
    assert kinds == ["result", "correction", "disqualification"]


def test_tokens_are_stored_only_as_their_sha256(database_url: str) -> None:
    made = CliRunner().invoke(
        cli, ["token", "create", "--role", "editor", "--label", "desk", "--db", database_url]
    )
    assert made.exit_code == 0, made.output
    token = made.output.strip()
    assert token.startswith("pod_") and len(token) == 47  # 32 random bytes, url-safe
    with Podium(database_url) as podium, podium.store.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(api_token))]
        assert [(r[1], r[2], r[3]) for r in rows] == [
            (hashlib.sha256(token.encode()).hexdigest(), "editor", "desk")
        ]
        assert all(token not in str(value) for value in rows[0])
        with TestClient(create_app(podium)) as client:
            # the token itself opens the door: past the role check, to "no such Games" (the
            # database is empty)
            answer = client.post(RESULTS, json={}, headers={"Authorization": f"Bearer {token}"})
            assert (answer.status_code, answer.json()["error"]["field"]) == (404, "games")
            # and its digest is no token
            digest = {"Authorization": f"Bearer {rows[0][1]}"}
            assert client.post(RESULTS, json={}, headers=digest).status_code == 401


def test_a_token_label_too_long_is_refused_and_nothing_stored(database_url: str) -> None:
    label = "x" * 65
    made = CliRunner().invoke(
        cli, ["token", "create", "--role", "reader", "--label", label, "--db", database_url]
    )
    assert made.exit_code == 2
    assert "--label: 1 to 64 characters, not 65" in made.output
    with Podium(database_url) as podium:
        assert podium.store.tokens() == []


def test_tokens_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = [ledger.new_token() for _ in range(3)]
    known = [
        (ledger.token_digest(t), role, f"label {i}")
        for i, (t, role) in enumerate(zip(tokens, ("editor", "reader", "editor"), strict=True))
    ]
    calls: list[tuple[str, str]] = []
    compare = hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        calls.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert ledger.check_token(tokens[0], known) == ("editor", "label 0")
    # every digest is compared, the matching first one too: no early way out whose timing
    # would tell which token matched; and what is compared is the digest, not the token
    assert calls == [(d, ledger.token_digest(tokens[0])) for d, _, _ in known]
    calls.clear()
    assert ledger.check_token(tokens[1], known) == ("reader", "label 1")
    assert ledger.check_token("pod_" + "x" * 43, known) is None
    assert len(calls) == 6


def test_cors_is_closed(staged: Staged) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    with TestClient(create_app(staged.podium)) as client:
        preflight = client.options(
            RESULTS,
            headers={
                **origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        read = client.get(f"/games/{GAMES}.json", headers=origin)
        write = client.post(RESULTS, json={}, headers={**origin, **staged.bearer(staged.editor)})
    assert (preflight.status_code, read.status_code, write.status_code) == (405, 200, 422)
    for response in (preflight, read, write):
        assert [h for h in response.headers if h.lower().startswith("access-control-")] == []


def _padded(body: dict[str, Any], size: int) -> bytes:
    raw = json.dumps(body).encode()
    return raw + b" " * (size - len(raw))  # JSON allows the trailing white space


def test_a_body_over_the_limit_is_413_and_records_nothing(staged: Staged) -> None:
    limit = Limits().max_body
    assert limit == 64 * 1024
    headers = {**staged.bearer(staged.editor), "Content-Type": "application/json"}
    refused = {
        "error": {
            "field": "body",
            "message": f"the request body is over the limit of {limit} bytes",
            "limit": limit,
        }
    }
    revision = staged.podium.store.revision()
    with ServerThread(create_app(staged.podium)) as server, httpx.Client() as client:
        over = _padded(EXAMPLES["result"], limit + 1)
        said = client.post(server.url + RESULTS, content=over, headers=headers)
        assert (said.status_code, said.json()) == (413, refused)
        # the same without a Content-Length (chunked): counted as it comes, cut at the limit
        chunks = [over[i : i + 4096] for i in range(0, len(over), 4096)]
        chunked = client.post(server.url + RESULTS, content=iter(chunks), headers=headers)
        assert chunked.request.headers["transfer-encoding"] == "chunked"
        assert (chunked.status_code, chunked.json()) == (413, refused)
        assert staged.podium.store.ledger_entries() == []
        assert staged.podium.store.revision() == revision
        # one byte less is the limit itself, and the very same result is recorded
        at = _padded(EXAMPLES["result"], limit)
        recorded = client.post(server.url + RESULTS, content=iter([at]), headers=headers)
        assert recorded.status_code == 201, recorded.text
    assert [e.event for e in staged.podium.store.ledger_entries()] == [EVENT]


def test_bursting_the_write_api_gets_429_while_reads_keep_answering(staged: Staged) -> None:
    now = [1000.0]
    limits = Limits(clock=lambda: now[0])  # the defaults, on a clock that stands still
    assert (limits.burst, limits.rate, limits.client_burst, limits.client_rate) == (60, 5, 240, 20)
    editor = staged.bearer(staged.editor)
    with TestClient(create_app(staged.podium, limits)) as client:
        burst = [client.post(RESULTS, json={}, headers=editor).status_code for _ in range(60)]
        assert burst == [422] * 60  # refused by the desk (an empty body), not by the guard
        refused = client.post(RESULTS, json={}, headers=editor)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        assert refused.json()["error"]["field"] == "Authorization"
        assert refused.json()["error"]["message"].startswith("too many writes: at most 60")
        # reads keep answering, and another token has a bucket of its own
        table = client.get(f"/games/{GAMES}.json")
        assert (table.status_code, table.json()["rows"]) == (200, [])
        reader = client.post(RESULTS, json={}, headers=staged.bearer(staged.reader))
        assert reader.status_code == 403
        # a fifth of a second later (5 a second) one write more goes through, and one only
        now[0] += 0.2
        after = [client.post(RESULTS, json={}, headers=editor).status_code for _ in range(2)]
        assert after == [422, 429]


def test_a_flood_of_made_up_tokens_meets_the_client_limit(staged: Staged) -> None:
    now = [1000.0]
    limits = Limits(clock=lambda: now[0])
    with TestClient(create_app(staged.podium, limits)) as client:
        # the desk has written before: its token is known to be good
        editor = staged.bearer(staged.editor)
        assert client.post(RESULTS, json={}, headers=editor).status_code == 422

        def made_up(i: int) -> int:
            headers = {"Authorization": f"Bearer pod_guess-{i}"}
            return client.post(RESULTS, json={}, headers=headers).status_code

        assert [made_up(i) for i in range(239)] == [401] * 239
        refused = client.post(RESULTS, json={}, headers={"Authorization": "Bearer pod_guess"})
        assert (refused.status_code, refused.headers["retry-after"]) == (429, "1")
        assert refused.json()["error"] == {
            "field": "client",
            "message": "too many writes: at most 240 at once and 20 a second per client; "
            "retry in 1 s",
        }
        # the flood does not hold up the desk at the same address: its writes count per token
        assert client.post(RESULTS, json={}, headers=editor).status_code == 422
        assert client.post(RESULTS, json=EXAMPLES["result"], headers=editor).status_code == 201
        # a token never accepted yet does wait: it may be one more made-up one
        reader = client.post(RESULTS, json={}, headers=staged.bearer(staged.reader))
        assert (reader.status_code, reader.json()["error"]["field"]) == (429, "client")
        assert client.get(f"/games/{GAMES}").status_code == 200
        now[0] += 1 / 20
        assert client.post(RESULTS, json={}).status_code == 401


def test_a_replay_stays_under_the_rate_limit(staged: Staged, data_dir: Path) -> None:
    """The replay posts the 116 results with one token at their real moments, sped up: at
    600x (`make run`), at 6000x, even at 60,000x (the Games in 23 s) no write is refused. All
    at once, the 61st would wait."""
    plan = results(staged.podium, str(data_dir), GAMES)
    assert len(plan) == 116
    limits = Limits()

    def refused(offsets: list[float]) -> int:
        now = [0.0]
        buckets = Buckets(limits.rate, limits.burst, limits.keys, clock=lambda: now[0])
        count = 0
        for offset in offsets:
            now[0] = offset
            if buckets.wait("replay") > 0:
                count += 1
            else:
                buckets.take("replay")
        return count

    for speed in (600, 6000, 60_000):
        assert refused([offset for offset, _ in schedule(plan, speed)]) == 0, speed
    assert refused([0.0] * len(plan)) == len(plan) - 60


def _junk_writes(url: str, client: httpx.Client, forwarded_for: list[str]) -> list[int]:
    """One write with a made-up token per address, each sent as X-Forwarded-For."""
    return [
        client.post(
            url + RESULTS,
            json={},
            headers={"Authorization": f"Bearer pod_guess-{i}", "X-Forwarded-For": address},
        ).status_code
        for i, address in enumerate(forwarded_for)
    ]


def test_a_made_up_forwarded_for_does_not_make_a_new_client(staged: Staged) -> None:
    """Reached directly by a client that is not a trusted proxy (here from 127.0.0.2, not
    this machine's 127.0.0.1), the server believes no X-Forwarded-For."""
    now = [1000.0]
    limits = Limits(clock=lambda: now[0])
    elsewhere = httpx.HTTPTransport(local_address="127.0.0.2")
    with (
        ServerThread(create_app(staged.podium, limits)) as server,
        httpx.Client(transport=elsewhere) as client,
    ):
        addresses = [f"10.0.{i // 256}.{i % 256}" for i in range(241)]
        assert _junk_writes(server.url, client, addresses) == [401] * 240 + [429]


def test_behind_the_shipped_nginx_each_client_has_its_own_limit(staged: Staged) -> None:
    """deploy/nginx.conf connects from 127.0.0.1 and says who the client is in
    X-Forwarded-For; by default the server believes it (no --trusted-proxies needed), so one
    client's flood leaves another client's writes alone, and `--trusted-proxies none` makes
    every request nginx's."""
    now = [1000.0]
    with (
        ServerThread(create_app(staged.podium, Limits(clock=lambda: now[0]))) as server,
        httpx.Client() as nginx,
    ):
        flood = _junk_writes(server.url, nginx, ["203.0.113.7"] * 241)
        assert flood == [401] * 240 + [429]
        assert _junk_writes(server.url, nginx, ["203.0.113.8"]) == [401]
    with (
        ServerThread(
            create_app(staged.podium, Limits(clock=lambda: now[0])), trusted_proxies="none"
        ) as server,
        httpx.Client() as nginx,
    ):
        addresses = [f"203.0.113.{i % 250}" for i in range(241)]
        assert _junk_writes(server.url, nginx, addresses) == [401] * 240 + [429]


def test_pages_answer_head_like_get(staged: Staged) -> None:
    with TestClient(create_app(staged.podium)) as client:
        for path in (f"/games/{GAMES}", f"/games/{GAMES}.json", "/nocs/NED?junk=1"):
            get, head = client.get(path), client.head(path)
            assert (head.status_code, head.content) == (200, b""), path
            assert head.headers["etag"] == get.headers["etag"]
            assert head.headers["content-length"] == str(len(get.content))
