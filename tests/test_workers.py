"""Work off the event loop: a full pool answers 503 with Retry-After at once instead of
queueing, and a page being computed leaves the loop free (a cached read is answered while it
runs); in the app, a desk write and a light page are answered while every read thread is
taken by heavy pages (issue 15: twelve uncached stories pages held a write for 17.8 s)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.responses import Response

from conftest import LIVE_GAMES
from podium import Podium, ledger
from podium.replay import results, stage
from podium.web import create_app
from podium.web.workers import Workers


def test_a_full_pool_answers_503_and_the_loop_stays_free() -> None:
    release = threading.Event()
    pool = Workers("read", threads=1, queue=1)

    def slow() -> Response:
        release.wait(10)
        return Response(b"slow")

    async def scenario() -> list[tuple[int, bytes, str | None]]:
        running = [asyncio.create_task(pool.answer(slow)) for _ in range(2)]
        await asyncio.sleep(0.05)
        refused = await pool.answer(slow)  # two jobs in: the third is refused at once
        # the loop is not blocked by the running job
        await asyncio.wait_for(asyncio.sleep(0.01), 1)
        release.set()
        done = await asyncio.gather(*running)
        after = await pool.answer(lambda: Response(b"again"))
        return [
            (r.status_code, bytes(r.body), r.headers.get("retry-after"))
            for r in (refused, *done, after)
        ]

    try:
        answers = asyncio.run(scenario())
    finally:
        pool.close()
    assert answers[0][0] == 503
    assert answers[0][2] == "1"
    assert b"too busy: 2 read jobs at once" in answers[0][1]
    assert answers[1:] == [(200, b"slow", None), (200, b"slow", None), (200, b"again", None)]


def test_a_write_and_a_cached_read_do_not_wait_behind_heavy_reads(
    database_url: str, data_dir: Path
) -> None:
    """The app's read pool full of page computations that do not finish (64 stories pages,
    say): a desk write is recorded and answered, a page that is no heavy one is read, and one
    more heavy page is refused at once with 503 and Retry-After rather than queued."""
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), LIVE_GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "heavy reads")
        first = results(podium, str(data_dir), LIVE_GAMES)[0]
        app = create_app(podium)
        reads = app.state.site.reads
        release = threading.Event()

        def heavy() -> Response:
            release.wait(30)
            return Response(b"heavy")

        with TestClient(app) as client:
            table = f"/games/{LIVE_GAMES}.json"
            assert client.get(table).json()["seq"] == 0
            assert client.portal is not None
            busy = [client.portal.start_task_soon(reads.answer, heavy) for _ in range(reads.limit)]
            try:
                for _ in range(1000):
                    if reads.jobs == reads.limit:
                        break
                    release.wait(0.01)
                assert (reads.jobs, reads.limit) == (64, 64)
                headers = {"Authorization": f"Bearer {token}"}
                write = client.post(
                    f"/api/games/{LIVE_GAMES}/results", json=first.body, headers=headers
                )
                assert write.status_code == 201, write.text
                assert client.get(table).json()["seq"] == 1
                stories = client.get(f"/games/{LIVE_GAMES}/stories.json")
                assert (stories.status_code, stories.headers["retry-after"]) == (503, "1")
                assert stories.json() == {
                    "error": {
                        "field": None,
                        "message": "too busy: 64 read jobs at once; retry in 1 s",
                    }
                }
                assert [f.done() for f in busy] == [False] * 64
            finally:
                release.set()
            assert [f.result(10).body for f in busy] == [b"heavy"] * 64
            assert client.get(f"/games/{LIVE_GAMES}/stories.json").status_code == 200
