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
        stage(podium, DATA_DIR, GAMES, history=False)
        tokens = {role: ledger.issue_token(podium, role, f"test {role}") for role in ledger.ROLES}
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


# -- disqualifications: reallocated, vacated, among ties, and refused ---------------------

KOK, LEERDAM, TAKAGI = (f"milano-cortina-2026:{n}" for n in (51795, 51847, 36075))
NO_KOK = {"noc": "NED", "athlete_key": KOK}
JACKSON = "milano-cortina-2026:26852"  # Erin Jackson (USA), a 500 m finalist without a medal
DOWNHILL = "alpine-skiing/w/downhill"
NORMAL_HILL = "ski-jumping/m/normal-hill"  # two bronzes, JPN and SUI
TEAM_COMBINED = "alpine-skiing/m/team-combined"  # SUI gold; AUT and SUI share silver


def _rows(desk: Desk, **query: str) -> list[tuple[str, str, int, int, int]]:
    """(rank label, NOC, gold, silver, bronze) of every row of the 2026 table."""
    rows = desk.table(**query)["rows"]
    return [(r["rank_label"], r["noc"], r["gold"], r["silver"], r["bronze"]) for r in rows]


def _disqualify(desk: Desk, event: str, body: Any) -> Any:
    url = f"/api/games/{GAMES}/events/{event}/disqualifications"
    return desk.client.post(url, json=body, headers=desk.editor)


def _medallists(desk: Desk, event: str) -> list[tuple[str, str, str]]:
    """(medal, NOC, athlete key or team) of every standing award of one event."""
    awards = desk.podium.store.awards(games=[GAMES], event=event)
    return sorted((a.medal.label, a.noc, a.athlete or a.team or "") for a in awards)


def test_a_disqualified_champion_moves_everyone_up(desk: Desk) -> None:
    body = desk.plan[KOK_500]
    assert desk.post(body).status_code == 201
    gold, silver, bronze = body["medals"]  # Kok and Leerdam (NED), Takagi (JPN)
    before = [("1", "NED", 1, 1, 0), ("2", "JPN", 0, 0, 1)]
    assert _rows(desk) == before
    dq = {
        "disqualified": [{"noc": "NED", "athlete_key": gold["athlete_key"]}],
        "reallocated": [
            {**silver, "medal": "gold"},
            {**bronze, "medal": "silver"},
            {"medal": "bronze", "noc": "USA", "athlete": "Erin Jackson"},  # by name, as typed
        ],
        "reason": "anti-doping rule violation",
        "effective_at": "2026-02-20T12:00:00+01:00",
    }
    response = _disqualify(desk, KOK_500, dq)
    assert response.status_code == 201, response.text
    assert response.json() == {
        "seq": 2,
        "kind": "disqualification",
        "games": GAMES,
        "event": KOK_500,
        "duplicate": False,
    }
    assert _rows(desk) == [("1", "NED", 1, 0, 0), ("2", "JPN", 0, 1, 0), ("3", "USA", 0, 0, 1)]
    assert desk.table()["medals"] == {"gold": 1, "silver": 1, "bronze": 1, "total": 3}
    assert _medallists(desk, KOK_500) == [
        ("bronze", "USA", JACKSON),
        ("gold", "NED", LEERDAM),
        ("silver", "JPN", TAKAGI),
    ]
    # the table as it stood before the disqualification counted stays as it was
    assert _rows(desk, as_of="2026-02-19") == before
    assert _rows(desk, as_of="2026-02-20T11:59:59+01:00") == before
    assert _rows(desk, as_of="2026-02-20") == _rows(desk)
    # the ledger says what was taken away, though the request did not name the medal
    entry = desk.client.get(f"/api/games/{GAMES}/ledger?after=1").json()
    assert [(e["seq"], e["kind"], e["reason"]) for e in entry] == [
        (2, "disqualification", "anti-doping rule violation")
    ]
    assert [(d["noc"], d["medal"]) for d in entry[0]["request"]["disqualified"]] == [("NED", 1)]
    assert entry[0]["effective_at"] == "2026-02-20T11:00:00+00:00"


def test_a_vacated_medal_is_gone_from_the_table(desk: Desk) -> None:
    body = desk.plan[KOK_500]
    assert desk.post(body).status_code == 201
    gold = body["medals"][0]
    dq = {
        "disqualified": [{"medal": "gold", "noc": "NED", "athlete_key": gold["athlete_key"]}],
        "reason": "anti-doping rule violation; the gold stays vacant",
        "effective_at": "2026-02-20T12:00:00+01:00",
    }
    assert _disqualify(desk, KOK_500, dq).status_code == 201
    assert _rows(desk) == [("1", "NED", 0, 1, 0), ("2", "JPN", 0, 0, 1)]
    assert desk.table()["medals"] == {"gold": 0, "silver": 1, "bronze": 1, "total": 2}
    assert [m for m, _, _ in _medallists(desk, KOK_500)] == ["bronze", "silver"]
    assert _rows(desk, as_of="2026-02-19") == [("1", "NED", 1, 1, 0), ("2", "JPN", 0, 0, 1)]


def _tied_golds(desk: Desk) -> dict[str, Any]:
    """The women's downhill as if the first two had tied: two golds, no silver, a bronze."""
    body = desk.plan[DOWNHILL]
    first, second, third = (dict(m) for m in body["medals"])  # USA, GER, ITA
    medals = [{**first, "tie": True}, {**second, "medal": "gold", "tie": True}, third]
    return {**body, "medals": medals}


@pytest.mark.parametrize(
    ("event", "out", "gone", "before", "after"),
    [
        (  # one of the two bronzes by rule (JPN and SUI tied)
            NORMAL_HILL,
            {"noc": "JPN", "athlete_key": "milano-cortina-2026:42742"},
            ("bronze", "JPN", "milano-cortina-2026:42742"),
            [
                ("1", "GER", 1, 0, 0),
                ("2", "POL", 0, 1, 0),
                ("=3", "JPN", 0, 0, 1),
                ("=3", "SUI", 0, 0, 1),
            ],
            [("1", "GER", 1, 0, 0), ("2", "POL", 0, 1, 0), ("3", "SUI", 0, 0, 1)],
        ),
        (  # one of two tied golds
            DOWNHILL,
            {"noc": "GER", "athlete_key": "milano-cortina-2026:41302"},
            ("gold", "GER", "milano-cortina-2026:41302"),
            [("=1", "GER", 1, 0, 0), ("=1", "USA", 1, 0, 0), ("3", "ITA", 0, 0, 1)],
            [("1", "USA", 1, 0, 0), ("2", "ITA", 0, 0, 1)],
        ),
        (  # one of two tied silvers: the Swiss team, beside the Swiss gold team of that name
            TEAM_COMBINED,
            {"medal": "silver", "noc": "SUI", "team": "Switzerland"},
            ("silver", "SUI", "Switzerland"),
            [("1", "SUI", 1, 1, 0), ("2", "AUT", 0, 1, 0)],
            [("1", "SUI", 1, 0, 0), ("2", "AUT", 0, 1, 0)],
        ),
    ],
)
def test_disqualifying_one_of_a_tie_leaves_the_other(
    desk: Desk,
    event: str,
    out: dict[str, Any],
    gone: tuple[str, str, str],
    before: list[Any],
    after: list[Any],
) -> None:
    response = desk.post(_tied_golds(desk) if event == DOWNHILL else desk.plan[event])
    assert response.status_code == 201, response.text
    assert _rows(desk) == before
    standing = _medallists(desk, event)
    assert gone in standing
    dq = {"disqualified": [out], "reason": "equipment rule", "effective_at": "2026-02-21T12:00Z"}
    response = _disqualify(desk, event, dq)
    assert response.status_code == 201, response.text
    assert _rows(desk) == after
    assert _medallists(desk, event) == [m for m in standing if m != gone]
    assert _rows(desk, as_of="2026-02-20") == before
    # the ledger names the medal taken away, whether the request did (SUI) or not
    entry = desk.client.get(f"/api/games/{GAMES}/ledger?after=1").json()
    assert [d["medal"] for d in entry[0]["request"]["disqualified"]] == [
        {"gold": 1, "silver": 2, "bronze": 3}[gone[0]]
    ]


def test_a_team_moving_up_keeps_its_members(desk: Desk) -> None:
    body = desk.plan[TEAM_COMBINED]
    assert desk.post(body).status_code == 201
    gold, aut, sui = body["medals"]
    ambiguous = {"disqualified": [{"noc": "SUI", "team": "Switzerland"}], "reason": "r"}
    refused = _disqualify(desk, TEAM_COMBINED, ambiguous)
    assert refused.status_code == 422
    assert refused.json()["error"] == {
        "field": "disqualified[0]",
        "message": "2 standing medals of SUI match: name the medal or the members",
    }
    dq = {
        "disqualified": [{"noc": "SUI", "team": "Switzerland", "member_keys": gold["member_keys"]}],
        "reallocated": [
            {"medal": "gold", "noc": "AUT", "team": "Austria", "tie": True},
            {
                "medal": "gold",
                "noc": "SUI",
                "team": "Switzerland",
                "tie": True,
                "member_keys": sui["member_keys"],
            },
        ],
        "reason": "anti-doping rule violation",
        "effective_at": "2026-02-21T12:00:00Z",
    }
    response = _disqualify(desk, TEAM_COMBINED, dq)
    assert response.status_code == 201, response.text
    assert _rows(desk) == [("=1", "AUT", 1, 0, 0), ("=1", "SUI", 1, 0, 0)]
    members = {
        a.noc: a.members for a in desk.podium.store.awards(games=[GAMES], event=TEAM_COMBINED)
    }
    assert members == {"AUT": tuple(aut["member_keys"]), "SUI": tuple(sui["member_keys"])}


BAD_DISQUALIFICATIONS: list[tuple[str, dict[str, str] | None, dict[str, Any], int, str]] = [
    (KOK_500, {"noc": "NED", "athlete_key": "nobody"}, {}, 422, "disqualified[0].athlete_key"),
    (KOK_500, {"noc": "XYZ", "athlete_key": KOK}, {}, 422, "disqualified[0].noc"),
    (KOK_500, {"noc": "JPN", "athlete_key": KOK}, {}, 422, "disqualified[0]"),  # wrong NOC
    (KOK_500, {"noc": "NED", "athlete": "Nobody Here"}, {}, 422, "disqualified[0]"),
    (KOK_500, {**NO_KOK, "medal": "silver"}, {}, 422, "disqualified[0]"),  # she won gold
    (KOK_500, {**NO_KOK, "medal": "tin"}, {}, 422, "disqualified[0].medal"),
    (KOK_500, None, {}, 422, "disqualified"),  # nobody named
    (KOK_500, NO_KOK, {"reason": ""}, 422, "reason"),
    (KOK_500, NO_KOK, {"effective_at": "2026-02-15T12:00:00+01:00"}, 422, "effective_at"),
    (  # the bronze out and the silver to a second gold, not marked as a tie
        KOK_500,
        {"noc": "JPN", "athlete_key": TAKAGI},
        {"reallocated": [{"medal": "gold", "noc": "NED", "athlete_key": LEERDAM}]},
        422,
        "reallocated[0].tie",
    ),
    (KOK_500, NO_KOK, {"reallocated": [{**NO_KOK, "medal": "silver"}]}, 422, "reallocated[0]"),
    ("speed-skating/w/1000m", NO_KOK, {}, 409, "event"),  # no result there yet
    ("speed-skating/w/501m", NO_KOK, {}, 404, "event"),
]


def test_a_bad_disqualification_changes_nothing(desk: Desk) -> None:
    # one desk for every case (a fresh database each would cost a second apiece on PostgreSQL)
    assert desk.post(desk.plan[KOK_500]).status_code == 201
    revision, table = desk.podium.store.revision(), desk.table()
    for event, disqualified, extra, status, field in BAD_DISQUALIFICATIONS:
        dq = {
            "disqualified": [disqualified] if disqualified else [],
            "reason": "anti-doping rule violation",
            **extra,
        }
        response = _disqualify(desk, event, dq)
        error = response.json().get("error", {})
        assert (response.status_code, error.get("field")) == (status, field), (dq, error)
        assert desk.podium.store.revision() == revision
        assert desk.table() == table
        assert [e.kind for e in desk.podium.store.ledger_entries()] == ["result"]
