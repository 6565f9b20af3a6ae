"""The embeddable live table: the options, nothing loaded from anywhere but Podium, the
builder's code; then in a real headless Chromium on a third-party page (another origin on
loopback): it renders, a recorded result shows within 1 s without a reload, every request
goes to Podium or the page's own origin, and axe-core finds no violation (when axe-core is
installed: PODIUM_AXE_JS, or node_modules/axe-core/axe.min.js beside the repository's
pyproject.toml; `npm install axe-core`)."""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import ServedDesk, serve_folder
from podium.replay import results
from podium.web import create_app

GAMES = "milano-cortina-2026"
DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(
    os.environ.get("PODIUM_AXE_JS")
    or Path(__file__).resolve().parents[1] / "node_modules/axe-core/axe.min.js"
)
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def client(imported_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(imported_url)) as c:
        yield c


def test_the_embeddable_table(client: TestClient) -> None:
    page = client.get(f"/games/{GAMES}/embed/table?top=3&noc=BUL&lang=en&mode=compact")
    assert page.status_code == 200
    text = page.text
    rows = re.findall(r'<tr data-noc="([A-Z]+)"', text)
    assert rows == ["NOR", "USA", "NED", "BUL"]
    assert '<tr data-noc="BUL" class="me">' in text
    # nothing loaded from anywhere but Podium itself
    assert set(re.findall(r'(?:src|href)="(https?://[^/"]*)', text)) == {"http://testserver"}
    assert "<link" not in text and "<script src" not in text
    assert client.get(f"/games/{GAMES}/embed/table?theme=pink").status_code == 422
    built = client.get(f"/games/{GAMES}/embed.json?top=5&noc=NED&theme=dark").json()
    assert built["src"].endswith(
        f"/games/{GAMES}/embed/table?top=5&noc=NED&lang=nl&order=gold&mode=full&theme=dark"
    )
    assert built["iframe"].startswith(f'<iframe src="{html.escape(built["src"])}"')
    assert client.get(f"/games/{GAMES}/embed?top=5").status_code == 200


def test_the_embed_on_another_sites_page(served_desk: ServedDesk, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    url, headers = served_desk.url, served_desk.headers
    plan = results(served_desk.podium, DATA, GAMES)
    first = httpx.post(f"{url}/api/games/{GAMES}/results", json=plan[0].body, headers=headers)
    assert first.status_code == 201
    built = httpx.get(f"{url}/games/{GAMES}/embed.json?top=5&noc=NED&lang=en&mode=full").json()
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A news site</title>"
        f"</head><body><main><h1>Olympics</h1><p>Our article.</p>{built['script']}</main>"
        "</body></html>",
        encoding="utf-8",
    )
    with serve_folder(tmp_path) as site, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            page.goto(f"{site}/index.html")
            frame = page.frame_locator("iframe")
            frame.locator("#embed-table tbody tr").first.wait_for(timeout=5000)
            assert frame.locator("#embed-table tbody tr").count() == 2  # SUI and ITA
            kok = next(r for r in plan if r.event == "speed-skating/w/500m")
            started = time.monotonic()
            response = httpx.post(
                f"{url}/api/games/{GAMES}/results", json=kok.body, headers=headers
            )
            assert response.status_code == 201
            frame.locator("tr[data-noc='NED'].changed.me").wait_for(timeout=1000)
            assert time.monotonic() - started < 1.0
            assert frame.locator("tr[data-noc='NED'] td.n").first.inner_text() == "1"
            assert "Updated" in frame.locator("#status").inner_text()
            origins = {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in requested}
            assert origins == {site, url}
            if AXE.exists():
                inner = next(f for f in page.frames if f.url.startswith(url))
                inner.add_script_tag(path=str(AXE))
                violations = inner.evaluate(
                    "axe.run(document).then(r => r.violations.map(v => v.id + ': ' + v.help))"
                )
                assert violations == []
            else:
                print(f"axe-core not found at {AXE}: accessibility not checked (npm i axe-core)")
        finally:
            browser.close()
