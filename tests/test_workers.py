"""Work off the event loop: a full pool answers 503 with Retry-After at once instead of
queueing, and a page being computed leaves the loop free (a cached read is answered while it
runs)."""

from __future__ import annotations

import asyncio
import threading

from starlette.responses import Response

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
