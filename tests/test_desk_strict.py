"""Writes the desk must refuse (issue 15), each a 422 naming the field with nothing written:
names that are no names (fold to an empty key, invisible or direction-changing characters, a
bare combining mark, no letters), one athlete twice on a podium, an athlete key of another
NOC or sex, absurd ties, moments outside the Games, blank reasons; and the same correction
sent again without an Idempotency-Key is recorded once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import LIVE_GAMES
from podium import Podium, ledger
from podium.replay import results, stage
from podium.web import create_app

SPRINT = "speed-skating/w/500m"


@dataclass(frozen=True)
class Desk:
    client: TestClient
    podium: Podium
    headers: dict[str, str]
    sprint: dict[str, Any]  # the real result of the women's 500 m, as the replay posts it
    plan: dict[str, dict[str, Any]]  # every real result by event, as the replay posts it

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        url = f"/api/games/{LIVE_GAMES}{path}"
        response = self.client.post(url, json=body, headers=self.headers)
        return response.status_code, response.json()

    def refused(self, path: str, body: Any, field: str, message: str) -> None:
        revision = self.podium.store.revision()
        assert self.post(path, body) == (422, {"error": {"field": field, "message": message}})
        assert self.podium.store.revision() == revision


@pytest.fixture
def desk(database_url: str, data_dir: Path) -> Iterator[Desk]:
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), LIVE_GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "strict desk")
        plan = results(podium, str(data_dir), LIVE_GAMES)
        bodies = {r.event: r.body for r in plan}
        with TestClient(create_app(podium)) as client:
            yield Desk(client, podium, {"Authorization": f"Bearer {token}"}, bodies[SPRINT], bodies)


def medals(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"event": SPRINT, "medals": list(entries)}


GOLD = {"medal": "gold", "noc": "NED", "athlete": "Femke Kok"}
SILVER = {"medal": "silver", "noc": "NED", "athlete": "Jutta Leerdam"}
BRONZE = {"medal": "bronze", "noc": "JPN", "athlete": "Miho Takagi"}

INVISIBLE = "must not contain invisible or control characters"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u202eevil\u202c Ståle", f"{INVISIBLE} (RIGHT-TO-LEFT OVERRIDE)"),
        ("A\u200dB Kok", f"{INVISIBLE} (ZERO WIDTH JOINER)"),
        ("Femke\u200b Kok", f"{INVISIBLE} (ZERO WIDTH SPACE)"),
        ("\ufeffOlive Wide", f"{INVISIBLE} (ZERO WIDTH NO-BREAK SPACE)"),
        ("Kok\u2066x\u2069", f"{INVISIBLE} (LEFT-TO-RIGHT ISOLATE)"),
        ("Kok\x07", f"{INVISIBLE} (U+0007)"),
        ("\u0301Kok", "has a combining mark with no letter to sit on"),
        ("Kok \u0308", "has a combining mark with no letter to sit on"),
        ("12345", "must contain letters"),
        ("🥇🥇", "must contain letters"),
    ],
)
def test_names_that_are_no_names_are_refused(desk: Desk, name: str, message: str) -> None:
    desk.refused(
        "/results", medals({**GOLD, "athlete": name}, SILVER, BRONZE), "medals[0].athlete", message
    )
    team = {"medal": "gold", "noc": "NED", "team": "Netherlands", "members": ["Kok", name]}
    desk.refused(
        "/results",
        {
            "event": "speed-skating/w/team-pursuit",
            "medals": [team, {**SILVER, "noc": "CAN", "athlete": "Ivanie Blondin"}, BRONZE],
        },
        "medals[0].members[1]",
        message,
    )


def test_names_are_stored_composed(desk: Desk) -> None:
    decomposed = "Zoe\u0308 Ko\u0301k"
    assert desk.post("/results", medals({**GOLD, "athlete": decomposed}, SILVER, BRONZE))[0] == 201
    stored = desk.client.get(f"/api/games/{LIVE_GAMES}/ledger").json()[-1]["request"]
    assert stored["medals"][0]["athlete"] == "Zoë Kók"


def test_two_names_in_another_script_are_two_athletes(desk: Desk) -> None:
    """Names are transliterated for their keys (李娜 is lina, 王芳 wangfang), so two
    Chinese names no longer fold to one empty key and one athlete."""
    body = medals(
        {**GOLD, "noc": "CHN", "athlete": "李娜"},
        {**SILVER, "noc": "CHN", "athlete": "王芳"},
        BRONZE,
    )
    assert desk.post("/results", body)[0] == 201
    podium = desk.client.get("/events/speed-skating/w/500m.json").json()["podiums"][-1]
    keys = {a["athlete"]["key"] for a in podium["awards"] if a["noc"] == "CHN"}
    assert keys == {"desk:CHN:lina", "desk:CHN:wangfang"}


def test_an_athlete_key_must_be_of_the_entry_and_the_event(desk: Desk) -> None:
    gold, silver, bronze = desk.sprint["medals"][:3]
    kok = gold["athlete_key"]
    # the same athlete twice: gold by key, silver by name
    desk.refused(
        "/results",
        medals(gold, {**silver, "athlete_key": None, "athlete": "Femke Kok"}, bronze),
        "medals[1]",
        f"athlete {kok!r} is already on this podium (medals[0])",
    )
    desk.refused(
        "/results",
        medals({**gold, "noc": "CHN"}, silver, bronze),
        "medals[0].athlete_key",
        f"athlete {kok!r} competes for NED, not CHN",
    )
    men = {**desk.sprint, "event": "speed-skating/m/500m"}
    desk.refused(
        "/results",
        men,
        "medals[0].athlete_key",
        f"athlete {kok!r} cannot win a medal in a men's event",
    )


def test_a_team_member_must_be_of_the_events_sex(desk: Desk) -> None:
    """A woman among the members of a men's team, by key: refused like an individual."""
    men = desk.plan["speed-skating/m/team-pursuit"]
    i, team = next((i, e) for i, e in enumerate(men["medals"]) if e["noc"] == "USA")
    women = desk.plan["short-track/w/1500m"]["medals"]
    woman = next(e["athlete_key"] for e in women if e["noc"] == "USA")
    assert desk.podium.store.athlete(woman).gender == "W"
    mixed = {**team, "member_keys": [woman, *team["member_keys"][1:]]}
    body = {**men, "medals": [mixed if e is team else e for e in men["medals"]]}
    desk.refused(
        "/results",
        body,
        f"medals[{i}].member_keys",
        f"athlete {woman!r} cannot win a medal in a men's event",
    )
    assert desk.post("/results", men)[0] == 201


def test_absurd_ties_are_refused(desk: Desk) -> None:
    tied = [{**BRONZE, "athlete": f"Skater {c}", "tie": True} for c in "ABCDE"]
    desk.refused(
        "/results",
        medals(GOLD, SILVER, *tied),
        "medals",
        "5 bronze medals: no event shares a medal more than 4 ways",
    )
    tied = [{**BRONZE, "athlete": f"Skater {c}", "tie": True} for c in "ABC"]
    assert desk.post("/results", medals(GOLD, SILVER, *tied))[0] == 201


def test_moments_outside_the_games_are_refused(desk: Desk) -> None:
    for moment in (
        "0001-01-01T00:00:00+00:00",
        "1900-02-15T18:00:00+01:00",
        "9999-12-31T00:00:00+00:00",
        "2026-03-01T12:00:00+01:00",
    ):
        status, body = desk.post("/results", {**medals(GOLD, SILVER, BRONZE), "awarded_at": moment})
        assert (status, body["error"]["field"]) == (422, "awarded_at")
        assert "is outside Milano Cortina 2026: from 2026-02-05" in body["error"]["message"]
    assert desk.post("/results", desk.sprint)[0] == 201
    status, body = desk.post(
        f"/events/{SPRINT}/corrections",
        {"medals": desk.sprint["medals"], "reason": "typo", "effective_at": "9999-01-01T00:00:00Z"},
    )
    assert (status, body["error"]["field"]) == (422, "effective_at")
    assert "9999-01-01T00:00:00+00:00 is outside Milano Cortina 2026" in body["error"]["message"]


def test_blank_reasons_are_refused_and_identical_corrections_kept_once(desk: Desk) -> None:
    assert desk.post("/results", desk.sprint)[0] == 201
    swapped = [{**m} for m in desk.sprint["medals"]]
    swapped[0]["medal"], swapped[1]["medal"] = "silver", "gold"
    for blank in (" ", "\t\n ", ""):
        field = "reason"
        message = "is blank" if blank else "missing"
        desk.refused(
            f"/events/{SPRINT}/corrections", {"medals": swapped, "reason": blank}, field, message
        )
    answers = [
        desk.post(f"/events/{SPRINT}/corrections", {"medals": swapped, "reason": "jury"})
        for _ in range(20)
    ]
    first = answers[0]
    assert first[0] == 201
    assert answers[1:] == [(200, {**first[1], "duplicate": True})] * 19
    kinds = [e["kind"] for e in desk.client.get(f"/api/games/{LIVE_GAMES}/ledger").json()]
    assert kinds == ["result", "correction"]
