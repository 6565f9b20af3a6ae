"""The OpenAPI description is true of the app: schemathesis generates requests for every
operation from /api/openapi.json (its documented examples first, then values it makes up),
sends them over real HTTP, and checks that no answer is a server error and every answer's
status, media type, headers and body are ones the description allows.

Reads run against the database with every shared file imported (read-only); writes, with an
editor token, against their own database staged with the 2026 schedule and athletes and no
2026 medals, so the examples' result, correction and disqualification can be recorded. The
live streams /games/{slug}/live and /games/{slug}/projection/live are left out: each is an
endless server-sent event stream, which a request-and-check-the-answer tool would wait on
forever (tests/test_web.py, test_browser.py and test_projection.py cover them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from podium import Podium, ledger
from podium.replay import stage
from podium.web import create_app
from podium.web.guard import Limits
from support import ServerThread

GAMES = "milano-cortina-2026"
LIVE = "/games/{slug}/live"
PROJECTION_LIVE = "/games/{slug}/projection/live"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# every phase (documented examples, coverage of edge values, fuzzing), each bounded; with
# `deterministic` the same requests every run, so a failure here is never a fluke
CONFIG = {
    "seed": 2026,
    "generation": {"mode": "all", "deterministic": True, "allow-x00": True},
}
# max_examples bounds the fuzzing phase per operation: reads build medal tables (the race page
# seventeen of them), writes are cheap and have the deeper input
BOUNDS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "derandomize": True,
    "database": None,
}
READS = settings(max_examples=25, **BOUNDS)
WRITES = settings(max_examples=60, **BOUNDS)


# The description is the app's own, taken without serving anything: it depends on the routes
# alone (the pytest plugin's lazy from_fixture loading breaks on pytest >= 9.2). Each case is
# then sent to a fixture's real server with `base_url`.
with Podium("sqlite://") as scratch:
    SCHEMA = schemathesis.openapi.from_dict(
        create_app(scratch).openapi(), config=SchemathesisConfig.from_dict(CONFIG)
    )


# What a server builds once and keeps: the search index, and the heavy stories page of the
# examples (seconds each on a loaded machine, past schemathesis's 10 s read timeout)
WARM_UP = (
    "/athletes.json?q=Wust",
    f"/games/{GAMES}/stories.json?as_of=2026-02-17&lang=en",
    f"/games/{GAMES}/stories?as_of=2026-02-17&lang=en",
    f"/games/{GAMES}/stories.json?lang=en",
)


@pytest.fixture(scope="module")
def read_server(imported_url: str) -> Iterator[str]:
    with ServerThread(create_app(imported_url)) as server:
        for path in WARM_UP:
            httpx.get(server.url + path, timeout=300)
        yield server.url


@pytest.fixture(scope="module")
def write_server(
    tmp_path_factory: pytest.TempPathFactory, data_dir: Path
) -> Iterator[tuple[str, str]]:
    """(url, editor token) of a server over a staged database of its own."""
    from conftest import new_database  # one database for the module, like `imported_url`

    for url in new_database(tmp_path_factory.mktemp("writes")):
        with Podium(url) as podium:
            stage(podium, str(data_dir), GAMES, history=False)
            token = ledger.issue_token(podium, "editor", "schemathesis")
            # generated writes come as fast as the server answers: no rate limit in the way
            limits = Limits(rate=1e6, burst=1_000_000, client_rate=1e6, client_burst=1_000_000)
            with ServerThread(create_app(podium, limits=limits)) as server:
                yield server.url, token


@SCHEMA.include(method="GET").exclude(path=[LIVE, PROJECTION_LIVE]).parametrize()
@READS
def test_reads_answer_as_documented(case: Any, read_server: str) -> None:
    # what an answer says is checked here, not how soon it comes (bench/ measures that): a
    # cold stories page on a loaded machine and PostgreSQL took over schemathesis's 10 s
    case.call_and_validate(base_url=read_server, checks=CHECKS, timeout=120)


@SCHEMA.include(method="POST").parametrize()
@WRITES
def test_writes_answer_as_documented(case: Any, write_server: tuple[str, str]) -> None:
    url, token = write_server
    case.call_and_validate(
        base_url=url, checks=CHECKS, headers={"Authorization": f"Bearer {token}"}
    )


def test_the_description_covers_every_route() -> None:
    """Every route the app serves (but static files) is described, reads with the query
    parameters their builders read and writes with their JSON body."""
    raw = SCHEMA.raw_schema
    paths = raw["paths"]
    assert sorted(paths) == sorted(
        [
            "/",
            "/index.json",
            "/api/games/{slug}/events/{event}/corrections",
            "/api/games/{slug}/events/{event}/disqualifications",
            "/api/games/{slug}/ledger",
            "/api/games/{slug}/results",
            "/api/odf",
            "/api/games/{slug}/stories/{item}.ninjs.json",
            "/athletes",
            "/athletes.json",
            "/athletes/{key}",
            "/athletes/{key}.json",
            "/events/{key}",
            "/events/{key}.json",
            "/games/{slug}",
            "/games/{slug}.json",
            "/games/{slug}/calendar.ics",
            "/games/{slug}/embed",
            "/games/{slug}/embed.json",
            "/games/{slug}/embed/table",
            "/games/{slug}/live",
            "/games/{slug}/projection",
            "/games/{slug}/projection.json",
            "/games/{slug}/projection/live",
            "/games/{slug}/race",
            "/games/{slug}/race.json",
            "/games/{slug}/stories",
            "/games/{slug}/stories.atom",
            "/games/{slug}/stories.json",
            "/nocs/{code}",
            "/nocs/{code}.json",
        ]
    )

    def names(path: str, method: str = "get") -> list[str]:
        return [p["name"] for p in paths[path][method]["parameters"]]

    table = ["slug", "order", "sport", "as_of", "lang", "If-None-Match"]
    assert names("/games/{slug}.json") == table
    assert names("/games/{slug}") == table
    assert names("/nocs/{code}.json") == ["code", "games", "lang", "If-None-Match"]
    assert names("/athletes.json") == ["q", "lang", "If-None-Match"]
    stories = ["slug", "perspective", "as_of", "lang", "If-None-Match"]
    assert names("/games/{slug}/stories.json") == stories
    embed = ["slug", "top", "noc", "lang", "order", "mode", "theme", "If-None-Match"]
    assert names("/games/{slug}/embed/table") == embed
    assert names("/games/{slug}/calendar.ics") == ["slug", "noc", "medal", "lang", "If-None-Match"]
    assert list(paths["/games/{slug}"]["get"]["responses"]["200"]["content"]) == ["text/html"]
    twin = paths["/games/{slug}.json"]["get"]["responses"]["200"]["content"]
    assert list(twin) == ["application/json"]
    bodies = {
        path: paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        for path in paths
        if "post" in paths[path] and path != "/api/odf"
    }
    # the ODF feed POSTs XML, one message a request
    assert list(paths["/api/odf"]["post"]["requestBody"]["content"]) == ["application/xml"]
    assert {path: body["required"] for path, body in bodies.items()} == {
        "/api/games/{slug}/results": ["event", "medals"],
        "/api/games/{slug}/events/{event}/corrections": ["medals", "reason"],
        "/api/games/{slug}/events/{event}/disqualifications": ["disqualified", "reason"],
    }
    assert raw["components"]["securitySchemes"] == {
        "HTTPBearer": {"type": "http", "scheme": "bearer"}
    }
