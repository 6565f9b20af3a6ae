"""The read cache under hostile reads: junk query parameters and odd Accept-Language headers
make no new entries (and never reach the app), the cache holds a bounded number of entries and
bytes counting keys and headers as well as bodies, a new revision drops the old entries, and
HEAD is answered like GET without the body; the shipped nginx keys its micro-cache alike."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import threading
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from conftest import LIVE_GAMES
from podium import Podium
from podium.replay import stage
from podium.web import create_app
from podium.web.cache import ENTRY_OVERHEAD, QUERY_PARAMETERS, ResponseCache, RevisionClock
from support import Nginx, ServerThread


class Seen:
    """A page that says what it was asked, counting how often it was built."""

    def __init__(self, padding: int = 0) -> None:
        self.built = 0
        self.padding = padding

    async def page(self, request: Request) -> Response:
        self.built += 1
        body = json.dumps(
            {
                "query": sorted(request.query_params.multi_items()),
                "lang": request.headers.get("accept-language"),
            }
        ).encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Cache-Control": "public, max-age=1", "X-Pad": "p" * self.padding}
        return Response(body, media_type="application/json", headers=headers)


def cached(podium: Podium, page: Seen, **bounds: int) -> tuple[TestClient, ResponseCache]:
    cache = ResponseCache(
        Starlette(routes=[Route("/page", page.page)]), RevisionClock(podium.store, 3600), **bounds
    )
    return TestClient(cache), cache


def test_junk_parameters_and_languages_make_no_new_entries(podium: Podium) -> None:
    page = Seen()
    client, cache = cached(podium, page)
    for i in range(200):
        junk = {"x": str(i), f"utm{i}": "y", "order": "total"}
        header = f"xx-{i}," + "zz;q=0.1," * 6000 + "nl;q=0.9"  # 60 kB, Dutch wins
        response = client.get("/page", params=junk, headers={"Accept-Language": header})
        assert response.json() == {"query": [["order", "total"]], "lang": "nl"}
    assert page.built == 1
    assert list(cache.kept) == [("/page", b"order=total", "nl")]
    assert cache.size < 2_000


def test_names_in_any_case_and_the_first_of_a_repeated_one_count(podium: Podium) -> None:
    # what nginx's $arg_order gives: otherwise ?order=a&order=b could put b's page under a's key
    client, _ = cached(podium, Seen())
    got = client.get("/page?ORDER=total&order=gold&lang=xx&lang=en&sport=")
    assert got.json() == {"query": [["order", "total"]], "lang": "en"}
    assert client.get("/page?lang=nl&lang=en").json() == {"query": [["lang", "nl"]], "lang": "nl"}


def test_entries_and_bytes_are_bounded_counting_headers(podium: Podium) -> None:
    page = Seen(padding=10_000)
    client, cache = cached(podium, page, entries=10)
    for i in range(50):
        assert client.get(f"/page?as_of=2026-02-{i:02d}").status_code == 200
    assert len(cache.kept) == 10
    assert [k[1] for k in cache.kept] == [f"as_of=2026-02-{i:02d}".encode() for i in range(40, 50)]
    assert cache.size == sum(k.size for k in cache.kept.values())
    assert all(k.size > 10_000 + ENTRY_OVERHEAD for k in cache.kept.values())  # the header counts

    client, cache = cached(podium, page, budget=3 * (10_000 + 2_000))
    for i in range(20):
        client.get(f"/page?as_of=2026-02-{i:02d}")
    assert len(cache.kept) == 3
    assert cache.size <= cache.budget


def test_a_new_revision_drops_the_old_entries(podium: Podium) -> None:
    page = Seen()
    client, cache = cached(podium, page)
    for i in range(5):
        client.get(f"/page?games=g{i}")
    assert len(cache.kept) == 5
    podium.store.run("test", lambda _conn: None, revision=True)
    client.get("/page?games=g0")
    assert list(cache.kept) == [("/page", b"games=g0", "en")]
    assert page.built == 6


@pytest.mark.parametrize("twice", [False, True])
def test_head_is_answered_like_get_without_the_body(podium: Podium, twice: bool) -> None:
    client, _ = cached(podium, Seen())
    got = client.get("/page") if twice else None
    head = client.head("/page")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["etag"] == client.get("/page").headers["etag"]
    if got is not None:
        assert head.headers["content-length"] == str(len(got.content))


class Gated:
    """A page that says the database's revision, and a write that moves it. The page's
    rebuild after a write (on the cache's refresher thread) waits at a gate the test opens."""

    def __init__(self, podium: Podium) -> None:
        self.podium = podium
        self.built = 0
        self.refreshing = threading.Event()
        self.gate = threading.Event()

    async def page(self, request: Request) -> Response:
        if threading.current_thread().name.startswith("podium-refresh"):
            self.refreshing.set()
            self.gate.wait(10)
        self.built += 1
        body = json.dumps({"revision": self.podium.store.revision()}).encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Cache-Control": "public, max-age=1"}
        return Response(body, media_type="application/json", headers=headers)

    async def write(self, request: Request) -> Response:
        self.podium.store.run("test", lambda _conn: None, revision=True)
        return Response(b"{}", 201, media_type="application/json")


def page_client(cache: ResponseCache) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=cache), base_url="http://podium")


async def read_then_write(
    client: httpx.AsyncClient,
) -> tuple[httpx.Response, asyncio.Task[httpx.Response]]:
    """The page read, then a write sent and left to run (its answer waits on the page)."""
    before = await client.get("/page")
    return before, asyncio.create_task(client.post("/write"))


async def read_stale(client: httpx.AsyncClient, before: httpx.Response) -> None:
    """A read now gets `before`'s body and ETag at once, marked stale (max-age=0)."""
    during = await client.get("/page")
    assert (during.json(), during.headers["etag"]) == (before.json(), before.headers["etag"])
    assert during.headers["cache-control"] == "public, max-age=0"


def test_a_write_is_answered_once_its_pages_are_built_again(podium: Podium) -> None:
    """A page read before a write is built again before the write is answered; a reader
    meanwhile gets the previous body at once, marked stale (max-age=0, its own ETag), not a
    wait; the first read after the answer has the write, and builds nothing."""
    gated = Gated(podium)
    routes = [Route("/page", gated.page), Route("/write", gated.write, methods=["POST"])]
    cache = ResponseCache(Starlette(routes=routes), RevisionClock(podium.store, 3600))

    async def scenario() -> None:
        async with page_client(cache) as client:
            before, write = await read_then_write(client)
            revision = before.json()["revision"]
            assert await asyncio.to_thread(gated.refreshing.wait, 10)
            await read_stale(client, before)
            assert not write.done()
            gated.gate.set()
            assert (await write).status_code == 201
            after = await client.get("/page")
            assert after.json() == {"revision": revision + 1}
            assert after.headers["cache-control"] == "public, max-age=1"
            assert gated.built == 2
            assert cache.stale == {}

    asyncio.run(scenario())


def test_nginx_keys_on_the_parameters_the_app_reads() -> None:
    """deploy/nginx.conf's cache key names each parameter a page reads and nothing of the
    raw query (its key once had $request_uri: each junk parameter was a new entry)."""
    (key,) = re.findall(r'proxy_cache_key "([^"]*)";', Nginx.SHIPPED.read_text())
    assert {*re.findall(r"\$arg_(\w+)", key), "lang"} == QUERY_PARAMETERS
    assert key.endswith("|$podium_lang")
    assert not {"$request_uri", "$args", "$query_string", "$http_"} & set(re.findall(r"\$\w+", key))


def test_junk_parameters_and_languages_make_no_new_entry_in_nginx(
    database_url: str, data_dir: Path, tmp_path: Path
) -> None:
    """Through the shipped nginx: after the first read, distinct junk parameters and odd
    Accept-Language headers all find the entry made (a hit, or a revalidation once it is a
    second old), never a miss; a parameter the page reads, or the other language, is one."""
    if Nginx.binary() is None:
        pytest.skip("nginx is not installed (apt-get install -y nginx)")
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), LIVE_GAMES, history=False)
        with (
            ServerThread(create_app(podium)) as server,
            Nginx.micro_cache(server.port, tmp_path) as nginx,
            httpx.Client(base_url=nginx.url) as client,
        ):

            def status(params: dict[str, str], language: str) -> str:
                got = client.get(
                    f"/games/{LIVE_GAMES}.json",
                    params=params,
                    headers={"Accept-Language": language},
                )
                assert got.status_code == 200
                return got.headers["x-cache-status"]

            assert status({}, "nl") == "MISS"
            junk = [
                status({"x": str(i), f"utm{i}": "y"}, f"xx-{i}," + "zz;q=0.1," * 300 + "nl;q=0.9")
                for i in range(30)
            ]
            assert "MISS" not in junk, junk
            assert status({"lang": "nl", "junk": "1"}, "en") != "MISS"
            assert status({"order": "total"}, "nl") == "MISS"
            assert status({}, "en") == "MISS"


class Committed(Gated):
    """`Gated` whose write commits, then waits at a gate of its own before it is answered: a
    desk write's commit on the write pool, with readers served before its answer is sent."""

    def __init__(self, podium: Podium) -> None:
        super().__init__(podium)
        self.committed = threading.Event()
        self.answer = threading.Event()

    async def write(self, request: Request) -> Response:
        self.podium.store.run("test", lambda _conn: None, revision=True)
        self.committed.set()
        await asyncio.to_thread(self.answer.wait, 10)
        return Response(b"{}", 201, media_type="application/json")


def committed_app(podium: Podium, max_age: float) -> tuple[Committed, ResponseCache]:
    committed = Committed(podium)
    routes = [Route("/page", committed.page), Route("/write", committed.write, methods=["POST"])]
    return committed, ResponseCache(Starlette(routes=routes), RevisionClock(podium.store, max_age))


def test_a_reader_before_the_writes_answer_gets_the_previous_page_then_the_new_one(
    podium: Podium,
) -> None:
    """The first reader to see a write's revision (the write committed, its answer not sent)
    gets the previous body at once, marked stale, and the page is built again on the refresher,
    not by that reader; once built, readers get the new body, and the write is answered."""
    committed, cache = committed_app(podium, 3600)

    async def scenario() -> None:
        async with page_client(cache) as client:
            before, write = await read_then_write(client)
            revision = before.json()["revision"]
            assert await asyncio.to_thread(committed.committed.wait, 10)
            await read_stale(client, before)
            assert await asyncio.to_thread(committed.refreshing.wait, 10)
            assert committed.built == 1  # the reader built nothing
            committed.gate.set()
            while cache.refreshing is not None:
                await asyncio.sleep(0.01)
            after = await client.get("/page")
            assert after.json() == {"revision": revision + 1}
            assert after.headers["cache-control"] == "public, max-age=1"
            committed.answer.set()
            assert (await write).status_code == 201
            assert (committed.built, cache.stale) == (2, {})

    asyncio.run(scenario())


def test_a_page_not_built_again_within_max_age_is_built_by_its_reader(podium: Podium) -> None:
    """A stale body is answered for at most the clock's max_age: past it, while the rebuild
    still waits, a reader builds the page itself (the write's, not the previous, revision)."""
    committed, cache = committed_app(podium, 0.2)

    async def scenario() -> None:
        async with page_client(cache) as client:
            before, write = await read_then_write(client)
            revision = before.json()["revision"]
            assert await asyncio.to_thread(committed.committed.wait, 10)
            during = await client.get("/page")
            assert during.json() == {"revision": revision}
            assert await asyncio.to_thread(committed.refreshing.wait, 10)
            await asyncio.sleep(0.3)
            late = await client.get("/page")
            assert late.json() == {"revision": revision + 1}
            assert late.headers["cache-control"] == "public, max-age=1"
            assert committed.built == 2  # the first read and this reader's
            committed.gate.set()
            committed.answer.set()
            assert (await write).status_code == 201

    asyncio.run(scenario())


class Parted(Gated):
    """`Gated` whose page has a part made elsewhere (as the table's projection column): built
    before the part is ready, it says so with max-age=0."""

    def __init__(self, podium: Podium) -> None:
        super().__init__(podium)
        self.ready = 0

    async def page(self, request: Request) -> Response:
        response = await super().page(request)
        if self.ready == 0:
            response.headers["cache-control"] = "public, max-age=0"
            response.headers["etag"] = response.headers["etag"][:-1] + '-partial"'
        return response


def test_a_page_built_before_its_part_was_ready_is_built_again_by_the_refresher(
    podium: Podium,
) -> None:
    """Once its part is ready, a partial page is answered as it is while it is built again on
    the refresher (not by the reader, on the event loop), then the whole one."""
    parted = Parted(podium)
    cache = ResponseCache(
        Starlette(routes=[Route("/page", parted.page)]),
        RevisionClock(podium.store, 3600),
        parts=lambda: parted.ready,
    )

    async def scenario() -> None:
        async with page_client(cache) as client:
            partial = await client.get("/page")
            assert partial.headers["etag"].endswith('-partial"')
            parted.ready = 1
            during = await client.get("/page")
            assert (during.headers["etag"], during.headers["cache-control"]) == (
                partial.headers["etag"],
                "public, max-age=0",
            )
            assert await asyncio.to_thread(parted.refreshing.wait, 10)
            assert parted.built == 1  # the reader built nothing
            parted.gate.set()
            while cache.refreshing is not None:
                await asyncio.sleep(0.01)
            after = await client.get("/page")
            assert not after.headers["etag"].endswith('-partial"')
            assert after.headers["cache-control"] == "public, max-age=1"
            assert (parted.built, cache.stale) == (2, {})

    asyncio.run(scenario())
