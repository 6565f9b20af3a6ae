"""The pages: accessible tables, both languages, names shown as text, live catch-up with
Last-Event-ID, and nginx's micro-cache in front (when nginx is installed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import ServedDesk
from podium.replay import results
from podium.web import create_app
from support import Nginx, ServerThread

GAMES = "milano-cortina-2026"
DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")


@pytest.fixture(scope="module")
def client(imported_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(imported_url)) as c:
        yield c


def test_table_page_is_accessible_and_bilingual(client: TestClient) -> None:
    en = client.get(f"/games/{GAMES}", headers={"Accept-Language": "en-GB,en;q=0.8"}).text
    assert "<caption>Medal table of Milano Cortina 2026</caption>" in en
    assert '<th scope="col" data-sort="rank"><span class="word">Rank</span>' in en
    assert 'scope="row"' in en
    assert 'name="viewport"' in en
    nl = client.get(f"/games/{GAMES}", headers={"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"})
    assert "Medaillespiegel" in nl.text and nl.headers["content-language"] == "nl"
    assert "Nederland" in nl.text
    forced = client.get(f"/games/{GAMES}?lang=en", headers={"Accept-Language": "nl"}).text
    assert "Netherlands" in forced
    assert "🇳🇱" in en


def test_other_pages(client: TestClient) -> None:
    noc = client.get(f"/nocs/NED?games={GAMES}").text
    assert "<svg" in noc and "Beijing 2022" in noc and "Femke Kok" in noc
    assert "Jutta Leerdam" in client.get("/events/speed-skating/w/500m").text
    race = client.get(f"/games/{GAMES}/race").text
    assert "<polyline" in race and "Norway" in race


def test_script_in_a_team_name_is_text(served_desk: ServedDesk) -> None:
    url = served_desk.url
    body = {
        "event": "speed-skating/w/team-pursuit",
        "medals": [
            {"medal": "gold", "noc": "CAN", "team": "<script>alert('x')</script>"},
            {"medal": "silver", "noc": "NED", "team": "Netherlands"},
            {"medal": "bronze", "noc": "JPN", "team": '<img src=x onerror="alert(1)">'},
        ],
    }
    r = httpx.post(f"{url}/api/games/{GAMES}/results", json=body, headers=served_desk.headers)
    assert r.status_code == 201, r.text
    page = httpx.get(f"{url}/nocs/CAN?games={GAMES}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<img src=x" not in httpx.get(f"{url}/nocs/JPN?games={GAMES}").text


def _first_event(url: str, headers: dict[str, str]) -> dict[str, str]:
    """Read one server-sent event (id, event, data) from a live stream."""
    found: dict[str, str] = {}
    with httpx.stream("GET", url, headers=headers, timeout=10) as response:
        for line in response.iter_lines():
            if not line:
                if "data" in found:
                    return found
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            found[name] = value.strip()
    return found


def test_live_catch_up_with_last_event_id(served_desk: ServedDesk) -> None:
    url, headers = served_desk.url, served_desk.headers
    for result in results(served_desk.podium, DATA, GAMES)[:3]:
        r = httpx.post(f"{url}/api/games/{GAMES}/results", json=result.body, headers=headers)
        assert r.status_code == 201
    live = f"{url}/games/{GAMES}/live"
    # a client that saw entry 1 reconnects: it gets entries 2 and 3 and the table as it stands
    message = _first_event(live, {"Last-Event-ID": "1"})
    assert message["event"] == "table" and message["id"] == "3"
    data = json.loads(message["data"])
    assert [e["seq"] for e in data["entries"]] == [2, 3]
    assert sum(r["total"] for r in data["table"]["rows"]) == 9
    # ?after= does the same for a page opening with the sequence it was rendered at
    assert _first_event(live + "?after=2", {})["id"] == "3"


def test_nginx_micro_cache(imported_url: str, tmp_path: Path) -> None:
    if Nginx.binary() is None:
        pytest.skip(
            "nginx is not installed (apt-get install -y nginx); the micro-cache test needs it"
        )
    with (
        ServerThread(create_app(imported_url)) as server,
        Nginx.micro_cache(server.port, tmp_path) as nginx,
    ):
        url = f"{nginx.url}/games/{GAMES}.json"
        first = httpx.get(url)
        assert first.status_code == 200
        second = httpx.get(url)
        assert second.json() == first.json()
        assert second.headers["x-cache-status"] == "HIT"
        assert second.headers["etag"] == first.headers["etag"]


def test_live_refuses_a_bad_query_before_streaming(client: TestClient) -> None:
    silly = client.get(f"/games/{GAMES}/live?order=silly")
    assert (silly.status_code, silly.json()) == (
        422,
        {"error": "order: 'silly' is not one of gold, total, points"},
    )
    unknown = client.get(f"/games/{GAMES}/live?sport=unknown")
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"error": "no sport or discipline 'unknown'"},
    )
    beyond = client.get(f"/games/{GAMES}/live", headers={"Last-Event-ID": str(10**20)})
    assert (beyond.status_code, beyond.json()) == (
        422,
        {"error": "after: 100000000000000000000 is not a ledger sequence (0 to 2147483647)"},
    )


def test_stories_page_tells_the_news_from_the_readers_angle(client: TestClient) -> None:
    query = "perspective=NED&as_of=2026-02-17T16:53"
    data = client.get(f"/games/{GAMES}/stories.json?{query}&lang=nl").json()
    assert data["as_of"] == "2026-02-17T16:53:00+01:00"
    table = data["stories"][0]
    assert (table["kind"], table["headline"]) == (
        "table",
        {
            "text": "Nederland staat vierde in de medaillespiegel",
            "facts": ["rank:NED:milano-cortina-2026"],
        },
    )
    assert table["lead"]["text"] == (
        "Na 78 van de 116 medaille-onderdelen van de Winterspelen in Milaan-Cortina staat "
        "Nederland op dinsdag 17 februari vierde in de medaillespiegel, met zes gouden, zes "
        "zilveren en één bronzen medaille."
    )
    # the Dutch medal events up to then, newest first, each with its own story
    assert [s["event"] for s in data["stories"][1:]] == [
        "speed-skating/w/team-pursuit",
        "short-track/w/1000m",
        "speed-skating/w/500m",
        "short-track/m/1500m",
        "speed-skating/m/500m",
        "speed-skating/m/10000m",
        "short-track/m/1000m",
        "short-track/w/500m",
    ]
    kok = data["stories"][3]
    assert kok["headline"]["text"] == (
        "Kok pakt als eerste uit Nederland olympisch goud op de 500 meter langebaan bij de vrouwen"
    )
    # every sentence is traceable: its facts are listed with their numbers and evidence
    said = {f for s in data["stories"] for x in (s["headline"], s["lead"]) for f in x["facts"]}
    said |= {f for s in data["stories"] for p in s["paragraphs"] for x in p for f in x["facts"]}
    assert said <= data["facts"].keys()
    assert data["facts"]["rank:NED:milano-cortina-2026"]["numbers"] == {
        "rank": 4,
        "tied": 0,
        "previous_rank": 4,
        "gold": 6,
        "silver": 6,
        "bronze": 1,
        "total": 13,
    }

    page = client.get(f"/games/{GAMES}/stories?{query}&lang=en").text
    assert (
        '<h2><span class="sentence" data-facts="rank:NED:milano-cortina-2026" role="button" '
        'tabindex="0" aria-expanded="false" aria-controls="f1-h">'
        "The Netherlands are fourth in the medal table</span></h2>"
    ) in page
    # the facts behind it in words, no internal ids shown
    assert data["explained"]["rank:NED:milano-cortina-2026"]["numbers"][:2] == [
        ["plaats", "4"],
        ["gedeeld", "0"],
    ]
    assert '<option value="NED" selected>🇳🇱 Netherlands</option>' in page
    unknown = client.get(f"/games/{GAMES}/stories.json?perspective=XYZ")
    assert (unknown.status_code, unknown.json()) == (404, {"error": "no NOC with code 'XYZ'"})
