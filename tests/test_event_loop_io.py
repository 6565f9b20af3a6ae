"""What the server's event loop leaves to others: a response's head and body go out in one
send (`OneSend`), and the access log is written by a thread of its own, in batches
(`BackgroundStreamHandler`)."""

from __future__ import annotations

import asyncio
import io
import logging
from typing import Any

from podium.web.server import BackgroundStreamHandler, OneSend


class Recorded(asyncio.Transport):
    """A transport that keeps what it is asked to do."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, Any]] = []
        self.closing = False

    def write(self, data: Any) -> None:
        self.calls.append(("write", bytes(data)))

    def close(self) -> None:
        self.calls.append(("close", None))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return ("127.0.0.1", 8000) if name == "sockname" else default


def test_writes_in_one_turn_of_the_loop_go_out_as_one_send() -> None:
    async def scenario() -> list[tuple[str, Any]]:
        transport = Recorded()
        sender = OneSend(transport, asyncio.get_running_loop())
        sender.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
        sender.write(b"")
        sender.write(b"ok")
        assert transport.calls == []  # not yet: the turn is not over
        await asyncio.sleep(0)
        sender.write(b"HTTP/1.1 304 Not Modified\r\n\r\n")
        sender.close()  # what was written goes out before the close
        await asyncio.sleep(0)
        assert sender.get_extra_info("sockname") == ("127.0.0.1", 8000)
        return transport.calls

    assert asyncio.run(scenario()) == [
        ("write", b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"),
        ("write", b"HTTP/1.1 304 Not Modified\r\n\r\n"),
        ("close", None),
    ]


def test_nothing_is_written_after_the_connection_closes() -> None:
    async def scenario() -> list[tuple[str, Any]]:
        transport = Recorded()
        sender = OneSend(transport, asyncio.get_running_loop())
        sender.write(b"late")
        transport.close()  # the peer went away before the turn ended
        await asyncio.sleep(0)
        return transport.calls

    assert asyncio.run(scenario()) == [("close", None)]


def test_the_access_log_is_written_by_its_thread_and_all_of_it_at_close() -> None:
    stream = io.StringIO()
    handler = BackgroundStreamHandler(stream, every=3600)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.Logger("test-access")
    logger.addHandler(handler)
    for status in (200, 304, 404):
        logger.info('"GET /games/x HTTP/1.1" %d', status)
    assert stream.getvalue() == ""  # queued: the thread writes every hour here
    handler.close()
    assert stream.getvalue() == (
        '"GET /games/x HTTP/1.1" 200\n"GET /games/x HTTP/1.1" 304\n"GET /games/x HTTP/1.1" 404\n'
    )
    assert not handler._writer.is_alive()
