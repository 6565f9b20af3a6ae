"""The pages in a real browser (Playwright driving the Debian chromium) against a real
uvicorn server: the 2026 table, live updates without reload, English, order and as-of, and
screenshots under test-artifacts/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import ServedDesk
from podium import Podium, ledger
from podium.replay import results, stage
from podium.web import create_app
from support import ServerProcess, ServerThread

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GAMES = "milano-cortina-2026"
DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

if not CHROMIUM.exists():
    pytest.skip(
        "chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); "
        "the browser tests need it",
        allow_module_level=True,
    )

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def served(imported_url: str) -> Iterator[str]:
    with ServerThread(create_app(imported_url)) as server:
        yield server.url


def test_table_page(page: Any, served: str) -> None:
    page.goto(f"{served}/games/{GAMES}")
    rows = page.locator("#medal-table tbody tr")
    assert rows.count() == 30
    assert page.locator("#medal-table tbody tr[data-rank='']").count() == 1
    ain = page.locator("tr[data-noc='AIN'] td.rank")
    assert ain.inner_text() == "–"
    assert "Medaillespiegel" in page.locator("h1").inner_text()  # the browser asks for Dutch
    ned = page.locator("tr[data-noc='NED']")
    assert ned.get_attribute("data-rank") == "3"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "table.png"), full_page=True)
    page.goto(f"{served}/nocs/NED?games={GAMES}")
    # one rect per medal colour won, over the 18 Winter Games where the Netherlands won medals
    assert page.locator("svg rect").count() == 48
    page.screenshot(path=str(ARTIFACTS / "country-NED.png"), full_page=True)


def test_stories_from_the_readers_angle(page: Any, served: str) -> None:
    page.goto(f"{served}/games/{GAMES}?lang=nl")
    page.click("text=Verhalen")
    page.wait_for_url("**/stories?lang=nl")
    headlines = page.locator("article.story h2")
    assert headlines.count() == 9  # the table story and the eight newest Dutch medal events
    assert headlines.nth(0).inner_text() == "Nederland eindigt als derde in de medaillespiegel"
    assert page.locator("article.story h2 .sentence").nth(0).get_attribute("data-facts") == (
        "rank:NED:milano-cortina-2026"
    )
    page.select_option("select[name=perspective]", "BUL")
    page.click("button[type=submit]")
    page.wait_for_url("**perspective=BUL**")
    assert page.locator("article.story h2").all_inner_texts() == [
        "Bulgarije eindigt als 28e in de medaillespiegel",
        "Hristova pakt brons op de 15 kilometer (biatlon) bij de vrouwen",  # newest first
        "Zamfirov pakt brons op de parallelreuzenslalom (snowboarden) bij de mannen",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stories-BUL.png"), full_page=True)


def test_english_total_and_as_of(page: Any, served: str) -> None:
    page.goto(f"{served}/games/{GAMES}?lang=en")
    assert "Medal table" in page.locator("h1").inner_text()
    page.select_option("select[name=order]", "total")
    page.fill("input[name=as_of]", "2026-02-17")
    page.click("button[type=submit]")
    page.wait_for_url("**as_of=2026-02-17**")
    assert page.locator("caption").inner_text() == (
        "Medal table of Milano Cortina 2026 as of 17 February 2026"
    )
    usa = page.locator("tr[data-noc='USA'] td.n")
    assert usa.nth(3).inner_text() == "21"
    # by total Germany (20, five golds) is fourth and the Netherlands (13, six golds) eighth,
    # behind Japan, Austria and France who have fewer golds but more medals
    assert page.locator("tr[data-noc='GER']").get_attribute("data-rank") == "4"
    assert page.locator("tr[data-noc='NED']").get_attribute("data-rank") == "8"


def test_a_recorded_result_changes_the_open_page(page: Any, served_desk: ServedDesk) -> None:
    url, headers = served_desk.url, served_desk.headers
    plan = results(served_desk.podium, DATA, GAMES)
    first = httpx.post(f"{url}/api/games/{GAMES}/results", json=plan[0].body, headers=headers)
    assert first.status_code == 201
    page.goto(f"{url}/games/{GAMES}?lang=en")
    page.evaluate("window.__notReloaded = true")
    assert page.locator("#medal-table tbody tr").count() == 2  # SUI and ITA (men's downhill)
    kok = next(r for r in plan if r.event == "speed-skating/w/500m")
    started = time.monotonic()
    response = httpx.post(f"{url}/api/games/{GAMES}/results", json=kok.body, headers=headers)
    assert response.status_code == 201
    page.wait_for_selector("tr[data-noc='NED'].changed", timeout=1000)
    elapsed = time.monotonic() - started
    assert elapsed < 1.0
    assert page.evaluate("window.__notReloaded") is True
    assert page.locator("#medal-table tbody tr").count() == 4  # and now NED and JPN
    assert page.locator("tr[data-noc='NED'] td.n").nth(0).inner_text() == "1"
    # live only while connected, with the event named in the page's language and the time
    # on the Games' clock
    assert page.locator("#live-status").inner_text() == (
        "Live · Updated at 17:44: Speed Skating – Women's 500m"
    )
    # only the rows whose medals changed flash (NED gold, JPN silver, NED... not SUI or ITA)
    assert sorted(page.locator("tr.changed").evaluate_all("rs => rs.map(r => r.dataset.noc)")) == [
        "JPN",
        "NED",
    ]
    # and they settle
    page.wait_for_selector("tr.changed", state="detached", timeout=6000)
    assert page.locator("tr.up, tr.down").count() == 0


def test_live_shows_only_while_connected(page: Any, tmp_path: Path, data_dir: Path) -> None:
    """A real server process stopped under an open page: the page says it is reconnecting
    (no "Live"); started again on the same port, the page is live again by itself and shows
    the result recorded meanwhile. A finished Games says "Final standings", never "Live"."""
    db = str(tmp_path / "live.db")
    with Podium(db) as podium:
        stage(podium, str(data_dir), GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "browser test")
        plan = results(podium, str(data_dir), GAMES)
    headers = {"Authorization": f"Bearer {token}"}
    server = ServerProcess(db, log=tmp_path / "serve.log").start()
    try:
        page.goto(f"{server.url}/games/{GAMES}?lang=en")
        status = page.locator("#live-status")
        page.wait_for_function("document.getElementById('live-status').innerText === 'Live'")
        assert page.locator("tr.empty").inner_text() == "No medals awarded yet."
        server.kill()
        page.wait_for_function(
            "document.getElementById('live-status').innerText === 'Connection lost, reconnecting…'",
            timeout=10_000,
        )
        server.start()
        first = httpx.post(
            f"{server.url}/api/games/{GAMES}/results", json=plan[0].body, headers=headers
        )
        assert first.status_code == 201
        page.wait_for_selector("tr[data-noc='SUI']", timeout=15_000)
        assert status.inner_text() == "Live · Updated at 13:30: Alpine Skiing – Men's Downhill"
    finally:
        server.kill()
