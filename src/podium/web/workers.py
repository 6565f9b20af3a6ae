"""Database and page work off the event loop, on small bounded thread pools.

The event loop only moves bytes: cached reads, live streams, accepting connections. A page
that has to be computed (a stories page takes a second or more) runs on the read pool, a desk
write on its own one-thread pool, so a write never queues behind reads and neither stalls a
cached read. Each pool takes a bounded number of jobs at once, running or waiting; past that
the request is answered 503 with Retry-After at once, rather than queueing without end.

Few threads on purpose: the work is Python holding the GIL, so more threads would not finish
sooner, they would only make a write wait longer for its turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from starlette.responses import JSONResponse, Response

RETRY_AFTER = 1  # seconds: the pages' max-age, by when a busy pool has usually drained


class Workers:
    def __init__(self, name: str, threads: int, queue: int) -> None:
        self.name = name
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix=f"podium-{name}")
        self.limit = threads + queue  # jobs running or waiting
        self.jobs = 0

    async def answer(self, work: Callable[[], Response]) -> Response:
        """`work`'s response computed on the pool, or 503 when the pool is full."""
        if self.jobs >= self.limit:
            detail = {
                "field": None,
                "message": f"too busy: {self.jobs} {self.name} jobs at once; "
                f"retry in {RETRY_AFTER} s",
            }
            return JSONResponse({"error": detail}, 503, headers={"Retry-After": str(RETRY_AFTER)})
        self.jobs += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.executor, work)
        finally:
            self.jobs -= 1

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


__all__ = ["Workers"]
