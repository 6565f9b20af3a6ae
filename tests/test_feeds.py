"""Stories as news items: every 2026 item is valid IPTC ninjs 3.0 (against IPTC's published
schema), the Atom feed parses, and a correction through the desk gives a new version of the
items it changes, in the ninjs route and in the feed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
from fastapi.testclient import TestClient

from podium import Podium, ledger
from podium.feeds import news
from podium.feeds.store import Version
from podium.replay import results, stage
from podium.web import create_app

GAMES = "milano-cortina-2026"
DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
SCHEMA = Path(news.__file__).parent / "ninjs-schema_3.0.json"
ATOM = "{http://www.w3.org/2005/Atom}"
KOK_500 = "speed-skating/w/500m"
LEERDAM_1000 = "speed-skating/w/1000m"


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text())
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_every_2026_item_is_valid_ninjs(imported: Podium) -> None:
    """Every story item at the Games' end from four angles (NED in Dutch and English, the
    unranked AIN, BUL with two medals) as ninjs: valid against IPTC's schema, the
    sentences' facts as subjects. (Versions are not registered: the imported database is
    shared and read-only. All 30 countries take 18 s on SQLite, 84 s on PostgreSQL.)"""
    check = validator()
    now = datetime(2026, 2, 23, tzinfo=UTC)
    angles = [("NED", "nl"), ("NED", "en"), ("AIN", "en")]
    angles.append(("BUL", "en"))
    count = 0
    for noc, lang in angles:
        for item in news.stories_as_items(imported, GAMES, noc, lang):
            doc = news.ninjs(news.Versioned(item, Version(1, now, now, item.content)))
            errors = [e.message for e in check.iter_errors(doc)]
            assert errors == [], (item.id, errors)
            facts = {s["literal"] for s in doc["subjects"] if s["rel"] == "podium:fact"}
            assert facts == set(item.facts()) and facts
            count += 1
    # per angle: the table item, and one per event where that country won a medal
    events = {n: len({a.event for a in imported.noc_awards(n, GAMES)}) for n, _ in angles}
    assert events == {"NED": 17, "AIN": 1, "BUL": 2}
    assert count == sum(1 + events[n] for n, _ in angles)


@pytest.fixture
def desk(database_url: str) -> Iterator[tuple[TestClient, Podium, ledger.Desk, dict[str, Any]]]:
    with Podium(database_url) as podium:
        stage(podium, DATA, GAMES, history=False)
        plan = {r.event: r.body for r in results(podium, DATA, GAMES)}
        with TestClient(create_app(podium)) as client:
            yield client, podium, ledger.Desk(podium), plan


def test_a_correction_makes_new_versions(
    desk: tuple[TestClient, Podium, ledger.Desk, dict[str, Any]],
) -> None:
    client, podium, d, plan = desk
    for event in (LEERDAM_1000, KOK_500):
        d.result(GAMES, plan[event], "test", None)
    first = {v.item.id: v.version.number for v in news.current(podium, GAMES, "NED", "nl")}
    assert first == {
        "NED-nl-table": 1,
        "NED-nl-event-speed-skating.w.500m": 1,
        "NED-nl-event-speed-skating.w.1000m": 1,
    }
    # asking again changes nothing: same content, same versions
    again = {v.item.id: v.version.number for v in news.current(podium, GAMES, "NED", "nl")}
    assert again == first

    swapped = [dict(m) for m in plan[KOK_500]["medals"]]
    swapped[0]["medal"], swapped[1]["medal"] = "silver", "gold"
    correction = {
        "medals": swapped,
        "reason": "photo finish",
        "effective_at": plan[KOK_500]["awarded_at"],
    }
    d.correction(GAMES, KOK_500, correction, "test", None)
    after = {v.item.id: v for v in news.current(podium, GAMES, "NED", "nl")}
    assert {k: v.version.number for k, v in after.items()} == {
        "NED-nl-table": 2,
        "NED-nl-event-speed-skating.w.500m": 2,
        "NED-nl-event-speed-skating.w.1000m": 1,
    }
    kok = after["NED-nl-event-speed-skating.w.500m"]
    assert "Leerdam" in kok.item.story["headline"]["text"]
    assert kok.version.created > kok.version.first_created

    # the ninjs route serves the newest version, valid
    response = client.get(
        f"/api/games/{GAMES}/stories/NED-nl-event-speed-skating.w.500m.ninjs.json"
    )
    assert response.status_code == 200
    doc = response.json()
    assert doc["version"] == "2" and doc["uri"] == news.uri(kok.item)
    assert list(validator().iter_errors(doc)) == []
    assert client.get(f"/api/games/{GAMES}/stories/NED-nl-nothing.ninjs.json").status_code == 404

    # the Atom feed: three entries, the two changed ones marked as updates
    feed = client.get(f"/games/{GAMES}/stories.atom?perspective=NED&lang=nl")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    updates = {
        e.findtext(f"{ATOM}id"): [c.get("term") for c in e.findall(f"{ATOM}category")]
        for e in entries
    }
    prefix = f"urn:podium:{GAMES}:story:"
    assert updates == {
        prefix + "NED-nl-table": ["table", "version-2", "update"],
        prefix + "NED-nl-event-speed-skating.w.500m": ["event", "version-2", "update"],
        prefix + "NED-nl-event-speed-skating.w.1000m": ["event", "version-1"],
    }
    # newest first
    assert entries[-1].findtext(f"{ATOM}id") == prefix + "NED-nl-event-speed-skating.w.1000m"
    # a language Podium does not write is normalised away by the read cache: English
    other = client.get(f"/games/{GAMES}/stories.atom?lang=de")
    assert (
        other.status_code == 200 and b'<feed xmlns="http://www.w3.org/2005/Atom"' in other.content
    )
