"""The JSON twins (exact values) and the results desk's write API: tokens, validation,
idempotency, corrections that keep the past."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from podium import Podium, ledger
from podium.replay import results, stage
from podium.web import create_app

GAMES = "milano-cortina-2026"


@pytest.fixture(scope="module")
def reader_client(imported_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(imported_url)) as client:
        yield client


def test_table_json(reader_client: TestClient) -> None:
    response = reader_client.get(f"/games/{GAMES}.json")
    assert response.status_code == 200
    rows = response.json()["rows"]
    ranked = [r for r in rows if r["rank"] is not None]
    assert len(ranked) == 29
    assert [r["noc"] for r in rows if r["rank"] is None] == ["AIN"]
    ned = next(r for r in rows if r["noc"] == "NED")
    assert (ned["rank"], ned["gold"], ned["silver"], ned["bronze"]) == (3, 10, 7, 3)
    assert rows[0]["noc"] == "NOR"


def test_table_json_as_of_and_order(reader_client: TestClient) -> None:
    data = reader_client.get(f"/games/{GAMES}.json?as_of=2026-02-17&order=total").json()
    assert data["order"] == "total"
    usa = next(r for r in data["rows"] if r["noc"] == "USA")
    ned = next(r for r in data["rows"] if r["noc"] == "NED")
    assert (usa["gold"], usa["total"], ned["gold"], ned["total"]) == (
        6,
        21,
        6,
        13,
    )  # end of that day; the article was earlier
    bad = reader_client.get(f"/games/{GAMES}.json?order=silly")
    assert bad.status_code == 422 and "order" in bad.json()["error"]


def test_noc_event_athlete_race_json(reader_client: TestClient) -> None:
    noc = reader_client.get(f"/nocs/NED.json?games={GAMES}").json()
    assert noc["noc"] == "NED" and len(noc["awards"]) == 20
    beijing = next(h for h in noc["history"] if h["games"]["slug"] == "beijing-2022")
    assert (beijing["rank"], beijing["gold"], beijing["silver"], beijing["bronze"]) == (6, 8, 5, 4)
    event = reader_client.get("/events/speed-skating/w/500m.json").json()
    latest = event["podiums"][-1]
    assert latest["games"]["slug"] == GAMES
    assert [a["athlete"]["name"] for a in latest["awards"]][:2] == ["Femke Kok", "Jutta Leerdam"]
    leerdam = latest["awards"][1]["athlete"]["key"]
    career = reader_client.get(f"/athletes/{leerdam}.json").json()
    assert career["athlete"]["name"] == "Jutta Leerdam" and career["gold"] >= 1
    race = reader_client.get(f"/games/{GAMES}/race.json").json()
    nor = next(s for s in race["series"] if s["noc"] == "NOR")
    assert nor["golds"][-1] == 18 and len(nor["golds"]) == len(race["days"])
    assert reader_client.get("/nocs/XXX.json").status_code == 404


def test_etag_and_cache_control(reader_client: TestClient) -> None:
    first = reader_client.get(f"/games/{GAMES}.json")
    assert first.headers["cache-control"].startswith("public")
    again = reader_client.get(
        f"/games/{GAMES}.json", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    other = reader_client.get(f"/games/{GAMES}.json?order=total")
    assert other.headers["etag"] != first.headers["etag"]


# -- the desk ------------------------------------------------------------------------------


class Desk:
    def __init__(self, client: TestClient, podium: Podium, editor: str, reader: str) -> None:
        self.client = client
        self.podium = podium
        self.editor = {"Authorization": f"Bearer {editor}"}
        self.reader = {"Authorization": f"Bearer {reader}"}
        self.plan = {r.event: r.body for r in results(podium, DATA_DIR, GAMES)}

    def post(self, body: Any, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            f"/api/games/{GAMES}/results", json=body, headers={**self.editor, **(headers or {})}
        )

    def table(self, **query: str) -> dict[str, Any]:
        return dict(self.client.get(f"/games/{GAMES}.json", params=query).json())


DATA_DIR = str(Path(__file__).resolve().parents[2] / "shared" / "data")


@pytest.fixture
def desk(database_url: str) -> Iterator[Desk]:
    """A database with NOCs and the 2026 schedule and athletes, but no 2026 medals."""
    with Podium(database_url) as podium:
        podium.import_data(DATA_DIR, only=["noc"])
        stage(podium, DATA_DIR, GAMES, others=False)
        tokens = {}
        for role in ("editor", "reader"):
            tokens[role] = ledger.new_token()
            podium.store.add_token(ledger.token_digest(tokens[role]), role, f"test {role}")
        with TestClient(create_app(podium)) as client:
            yield Desk(client, podium, tokens["editor"], tokens["reader"])


KOK_500 = "speed-skating/w/500m"


def test_writes_need_an_editor_token(desk: Desk) -> None:
    body = desk.plan[KOK_500]
    none = desk.client.post(f"/api/games/{GAMES}/results", json=body)
    assert none.status_code == 401 and none.json()["error"]["field"] == "Authorization"
    wrong = desk.client.post(
        f"/api/games/{GAMES}/results", json=body, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    reader = desk.client.post(f"/api/games/{GAMES}/results", json=body, headers=desk.reader)
    assert reader.status_code == 403
    assert desk.table()["rows"] == []
    assert desk.podium.store.tokens()[0][0] != desk.editor["Authorization"][7:]  # hashed


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda b: b["medals"][0].update(noc="XYZ"), "medals[0].noc"),
        (lambda b: b.update(event="speed-skating/w/501m"), "event"),
        (lambda b: b["medals"][1].update(medal="gold"), "medals[0].tie"),
        (lambda b: b["medals"].pop(), "medals"),
        (lambda b: b["medals"][0].update(medal="platinum"), "medals[0].medal"),
        (lambda b: b.update(awarded_at="yesterday"), "awarded_at"),
    ],
)
def test_a_bad_result_is_refused_naming_the_field(desk: Desk, change: Any, field: str) -> None:
    body = {**desk.plan[KOK_500], "medals": [dict(m) for m in desk.plan[KOK_500]["medals"]]}
    change(body)
    revision = desk.podium.store.revision()
    response = desk.post(body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field
    assert desk.podium.store.revision() == revision
    assert desk.table()["rows"] == []


def test_the_same_result_twice_records_once(desk: Desk) -> None:
    body = desk.plan[KOK_500]
    first = desk.post(body)
    assert first.status_code == 201
    again = desk.post(body)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["seq"] == first.json()["seq"]
    ned = next(r for r in desk.table()["rows"] if r["noc"] == "NED")
    assert (ned["gold"], ned["silver"]) == (1, 1)
    # a different result for the same event is a conflict, not a silent overwrite
    other = {**body, "medals": list(reversed(body["medals"]))}
    other["medals"] = [
        {**m, "medal": medal}
        for m, medal in zip(other["medals"], ("gold", "silver", "bronze"), strict=True)
    ]
    assert desk.post(other).status_code == 409
    assert len(desk.podium.store.ledger_entries()) == 1


def test_the_same_idempotency_key_records_once(desk: Desk) -> None:
    key = {"Idempotency-Key": "abc-123"}
    body = desk.plan["speed-skating/w/1000m"]
    first = desk.post(body, key)
    again = desk.post(body, key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json() == first.json()
    reused = desk.post(desk.plan[KOK_500], key)
    assert reused.status_code == 422 and reused.json()["error"]["field"] == "Idempotency-Key"
    assert len(desk.podium.store.ledger_entries()) == 1


def test_a_correction_keeps_the_earlier_table(desk: Desk) -> None:
    body = desk.plan[KOK_500]
    assert desk.post(body).status_code == 201
    before = desk.table(as_of="2026-02-16")
    swapped = [dict(m) for m in body["medals"]]
    swapped[0]["medal"], swapped[1]["medal"] = "silver", "gold"
    correction = {
        "medals": swapped,
        "reason": "photo finish reviewed",
        "effective_at": "2026-02-20T12:00:00+01:00",
    }
    url = f"/api/games/{GAMES}/events/{KOK_500}/corrections"
    assert desk.client.post(url, json=correction).status_code == 401
    response = desk.client.post(url, json=correction, headers=desk.editor)
    assert response.status_code == 201, response.text
    assert desk.table(as_of="2026-02-16")["rows"] == before["rows"]
    awards = desk.podium.store.awards(games=[GAMES], event=KOK_500)
    assert {desk.podium.athlete(a.athlete or "").name: a.medal.label for a in awards} == {
        "Jutta Leerdam": "gold",
        "Femke Kok": "silver",
        **{desk.podium.athlete(a.athlete or "").name: "bronze" for a in awards if a.medal == 3},
    }
    earlier = desk.podium.store.awards(
        games=[GAMES], event=KOK_500, as_of=datetime(2026, 2, 16, tzinfo=UTC)
    )
    assert [desk.podium.athlete(a.athlete or "").name for a in earlier][:1] == ["Femke Kok"]
    assert [e.kind for e in desk.podium.store.ledger_entries()] == ["result", "correction"]


def test_a_disqualification_reallocates(desk: Desk) -> None:
    body = desk.plan[KOK_500]
    assert desk.post(body).status_code == 201
    gold, silver, bronze = body["medals"]
    dq = {
        "disqualified": [{"noc": gold["noc"], "athlete_key": gold["athlete_key"]}],
        "reallocated": [{**silver, "medal": "gold"}, {**bronze, "medal": "silver"}],
        "reason": "anti-doping rule violation",
    }
    url = f"/api/games/{GAMES}/events/{KOK_500}/disqualifications"
    response = desk.client.post(url, json=dq, headers=desk.editor)
    assert response.status_code == 201, response.text
    now = {a.medal.label: a.athlete for a in desk.podium.store.awards(games=[GAMES], event=KOK_500)}
    assert now == {"gold": silver["athlete_key"], "silver": bronze["athlete_key"]}
    missing = {**dq, "disqualified": [{"noc": "NED", "athlete": "Nobody Here"}]}
    refused = desk.client.post(url, json=missing, headers=desk.editor)
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "disqualified[0]"


def test_a_result_by_names_and_a_new_team(desk: Desk) -> None:
    body = {
        "event": "speed-skating/w/team-pursuit",
        "medals": [
            {"medal": "gold", "noc": "CAN", "team": "Canada", "members": ["Ivanie Blondin"]},
            {"medal": "silver", "noc": "NED", "team": "Netherlands", "members": ["Joy Beune"]},
            {"medal": "bronze", "noc": "JPN", "team": "Japan", "members": ["Miho Takagi"]},
        ],
    }
    assert desk.post(body).status_code == 201
    nl = next(r for r in desk.table()["rows"] if r["noc"] == "NED")
    assert nl["silver"] == 1
