"""The table's projection column is kept per revision and never computed by a reader after a
write: the reader gets the previous revision's column at once, in a page marked partial (an
ETag of its own, max-age=0), while the new column is computed on a thread; once the column is
ready the read cache builds that page again on its refresher, answering it as it is until then."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import LIVE_GAMES
from podium import Podium, ledger
from podium import projection as proj
from podium.replay import Result, results, stage
from podium.web import create_app
from podium.web.site import Site

TABLE = f"/games/{LIVE_GAMES}.json"


@dataclass(frozen=True)
class Live:
    podium: Podium
    client: TestClient
    site: Site
    plan: list[Result]
    headers: dict[str, str]


@pytest.fixture
def live(podium: Podium, data_dir: Path) -> Iterator[Live]:
    """The live Games staged without its medals, with only the history the projection reads
    (the Olympic history's medals: seconds rather than the minutes of a full stage), served."""
    podium.import_data(str(data_dir), ["noc", "history"])
    stage(podium, str(data_dir), LIVE_GAMES, history=False)
    token = ledger.issue_token(podium, "editor", "test editor")
    plan = results(podium, str(data_dir), LIVE_GAMES)
    app = create_app(podium)
    with TestClient(app) as client:
        yield Live(podium, client, app.state.site, plan, {"Authorization": f"Bearer {token}"})


def whole(live: Live) -> httpx.Response:
    """The table once its column is ready and the read cache has the page built with it: the
    first read after the column is kept may get the partial page, while the cache builds the
    page again on its refresher (not on the reader's event loop)."""
    for _ in range(1000):
        got = live.client.get(TABLE)
        if not got.headers["etag"].endswith('-partial"'):
            return got
        time.sleep(0.01)
    raise AssertionError("the table page was not built again with its column in 10 s")


def medals(table: dict[str, object]) -> int:
    rows = table["rows"]
    assert isinstance(rows, list)
    return sum(r["total"] for r in rows)


def test_a_read_while_the_column_is_computed_has_the_previous_revisions(live: Live) -> None:
    first = live.client.get(TABLE)
    before = proj.column(live.podium, LIVE_GAMES)
    assert first.json()["projection"] == before
    assert before["NOR"] == {"expected_gold": 14.462, "gold_interval": [10, 19], "p_top10": 1.0}
    assert first.headers["cache-control"] == "public, max-age=1"
    # a write the app's read cache does not refresh after (as another process's would be)
    ledger.Desk(live.podium).result(LIVE_GAMES, live.plan[0].body, "test", None)
    during = live.client.get(TABLE)
    assert medals(during.json()) == len(live.plan[0].body["medals"])  # the table has the write
    assert during.json()["projection"] == before  # the column is the previous revision's
    assert during.headers["etag"].endswith('-partial"')
    assert during.headers["cache-control"] == "public, max-age=0"
    live.site.columns.wait()
    after = whole(live)
    new = proj.column(live.podium, LIVE_GAMES)
    assert new != before
    assert after.json()["projection"] == new
    assert after.headers["etag"] != first.headers["etag"]
    assert after.headers["cache-control"] == "public, max-age=1"


def test_a_partial_page_is_kept_until_its_column_is_ready(live: Live) -> None:
    before = live.client.get(TABLE).json()["projection"]
    posted = live.client.post(
        f"/api/games/{LIVE_GAMES}/results", json=live.plan[0].body, headers=live.headers
    )
    assert posted.status_code == 201
    # the page built again after the write (before it was answered) has the previous column
    # unless the thread was quicker; either way the read cache answers it
    during = live.client.get(TABLE)
    assert during.json()["projection"] in (before, proj.column(live.podium, LIVE_GAMES))
    live.site.columns.wait()
    after = whole(live)
    assert after.json()["projection"] == proj.column(live.podium, LIVE_GAMES) != before
    assert after.headers["cache-control"] == "public, max-age=1"
    assert not after.headers["etag"].endswith('-partial"')
    assert medals(after.json()) == len(live.plan[0].body["medals"])
