"""Hostile text through every text field the write API takes (athlete names, team names,
members, reasons) and through an imported CSV: stored as sent (the ledger gives it back
unchanged), shown escaped in the HTML pages, and no statement built from it: the tables are
all still there afterwards, with what was written in them."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import inspect

from podium import Podium, ledger
from podium.replay import stage
from podium.web import create_app

GAMES = "milano-cortina-2026"
SPRINT = "speed-skating/w/500m"
RELAY = "short-track/w/3000m-relay"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
DROP = "Robert'); DROP TABLE award;--"
OR = "' OR '1'='1"
ACCENTS = "Zoë Ñúñez 李娜"
BIDI = "שרה Ståle"  # right-to-left letters (no override: those are refused, below)
JOINED = "Émile 🥇 Ça"  # composed accents (NFC) and an emoji
BOM = "Olive Ｗｉｄｅ"  # full-width letters
HOSTILE = [SCRIPT, IMG, DROP, OR, ACCENTS, BIDI, JOINED, BOM]

# How the desk shows a name typed as one of these: in natural order, a capitalised word (the
# "KOK Femke" convention) in title case; every other character as it was sent.
SHOWN = {
    SCRIPT: SCRIPT,
    IMG: IMG,
    DROP: "Robert'); Drop Table award;--",
    OR: "' Or '1'='1",
    ACCENTS: ACCENTS,
    BIDI: BIDI,
    JOINED: JOINED,
    BOM: BOM,
}
# what would be markup if it arrived unescaped (the page's own <script src=...> is not this)
MARKUP = ("<script>alert", "<img src=x", "onerror=alert(1)>")


@dataclass(frozen=True)
class Desk:
    client: TestClient
    podium: Podium
    headers: dict[str, str]

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post(f"/api/games/{GAMES}{path}", json=body, headers=self.headers)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def json(self, path: str) -> Any:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.text)
        return response.json()

    def html(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, (path, response.text)
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        return response.text


@pytest.fixture
def desk(database_url: str, data_dir: Path) -> Iterator[Desk]:
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "hostile desk")
        with TestClient(create_app(podium)) as client:
            yield Desk(client, podium, {"Authorization": f"Bearer {token}"})


def _shows_escaped(html: str, texts: list[str]) -> None:
    for mark in MARKUP:
        assert mark not in html
    for text in texts:
        assert str(escape(text)) in html, text


def test_hostile_text_is_stored_as_sent_and_shown_escaped(desk: Desk) -> None:
    tables = set(inspect(desk.podium.store.engine).get_table_names())
    sprint = {
        "event": SPRINT,
        "awarded_at": "2026-02-15T18:30:00+01:00",
        "medals": [
            {"medal": "gold", "noc": "NED", "athlete": SCRIPT},
            {"medal": "silver", "noc": "NED", "athlete": IMG},
            {"medal": "bronze", "noc": "JPN", "athlete": ACCENTS},
        ],
        "reason": DROP,
    }
    relay = {
        "event": RELAY,
        "medals": [
            {"medal": "gold", "noc": "NED", "team": DROP, "members": [OR, BIDI]},
            {"medal": "silver", "noc": "KOR", "team": SCRIPT, "members": [JOINED]},
            {"medal": "bronze", "noc": "CAN", "team": IMG, "members": [DROP, BOM]},
        ],
    }
    # the correction names the athletes the result created: looked up by those names
    correction = {
        "medals": [
            {"medal": "gold", "noc": "NED", "athlete": IMG},
            {"medal": "silver", "noc": "NED", "athlete": SCRIPT},
            {"medal": "bronze", "noc": "JPN", "athlete": ACCENTS},
        ],
        "reason": OR,
    }
    disqualification = {"disqualified": [{"noc": "JPN", "athlete": ACCENTS}], "reason": SCRIPT}
    desk.post("/results", sprint)
    desk.post("/results", relay)
    desk.post(f"/events/{SPRINT}/corrections", correction)
    desk.post(f"/events/{SPRINT}/disqualifications", disqualification)

    # the ledger gives every text back exactly as it was sent
    entries = desk.json(f"/api/games/{GAMES}/ledger")
    assert [(e["kind"], e["reason"]) for e in entries] == [
        ("result", DROP),
        ("result", ""),
        ("correction", OR),
        ("disqualification", SCRIPT),
    ]

    def texts(medals: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
        return [(m.get("athlete"), m.get("team"), list(m.get("members") or [])) for m in medals]

    assert [texts(e["request"]["medals"]) for e in entries[:3]] == [
        texts(body["medals"]) for body in (sprint, relay, correction)
    ]
    assert entries[3]["request"]["disqualified"][0]["athlete"] == ACCENTS
    for text in HOSTILE:
        assert text.encode() in json.dumps(entries, ensure_ascii=False).encode()

    # the JSON twins show the names as the desk shows names, the teams as sent
    relay_page = desk.json(f"/events/{RELAY}.json")["podiums"][-1]
    assert [
        (a["medal"], a["noc"], a["team"], sorted(m["name"] for m in a["members"]))
        for a in relay_page["awards"]
    ] == [
        ("gold", "NED", DROP, sorted([SHOWN[OR], SHOWN[BIDI]])),
        ("silver", "KOR", SCRIPT, [SHOWN[JOINED]]),
        ("bronze", "CAN", IMG, sorted([SHOWN[DROP], SHOWN[BOM]])),
    ]
    sprint_page = desk.json(f"/events/{SPRINT}.json")["podiums"][-1]
    assert [(a["medal"], a["athlete"]["name"]) for a in sprint_page["awards"]] == [
        ("gold", SHOWN[IMG]),
        ("silver", SHOWN[SCRIPT]),
    ]  # the bronze disqualified, left vacant
    athletes = {
        m["key"]: m["name"]
        for page in (relay_page, sprint_page)
        for a in page["awards"]
        for m in [*a["members"], *([a["athlete"]] if a["athlete"] else [])]
    }
    assert sorted(athletes.values()) == sorted(
        SHOWN[t] for t in (OR, BIDI, JOINED, DROP, BOM, IMG, SCRIPT)
    )
    for key, name in athletes.items():
        assert key.startswith("desk:") and key.isascii() and "<" not in key
        assert desk.json(f"/athletes/{key}.json")["athlete"]["name"] == name
        _shows_escaped(desk.html(f"/athletes/{key}"), [name])

    # the pages show all of it, escaped: the markup never arrives as markup
    _shows_escaped(
        desk.html(f"/events/{RELAY}"),
        [DROP, SCRIPT, IMG, *(SHOWN[t] for t in (OR, BIDI, JOINED, DROP, BOM))],
    )
    _shows_escaped(desk.html(f"/events/{SPRINT}?lang=nl"), [SHOWN[IMG], SHOWN[SCRIPT]])
    _shows_escaped(desk.html(f"/nocs/NED?games={GAMES}"), [DROP, SHOWN[IMG], SHOWN[SCRIPT]])
    _shows_escaped(desk.html(f"/nocs/KOR?games={GAMES}"), [SCRIPT, SHOWN[JOINED]])
    _shows_escaped(desk.html(f"/games/{GAMES}"), [])

    # nothing was executed: every table is still there, holding what was written
    assert set(inspect(desk.podium.store.engine).get_table_names()) == tables
    standing = desk.podium.store.awards(games=[GAMES])
    assert sorted((a.event, a.medal.label, a.noc) for a in standing) == [
        (RELAY, "bronze", "CAN"),
        (RELAY, "gold", "NED"),
        (RELAY, "silver", "KOR"),
        (SPRINT, "gold", "NED"),
        (SPRINT, "silver", "NED"),
    ]
    table = desk.json(f"/games/{GAMES}.json")
    assert [(r["noc"], r["gold"], r["silver"], r["bronze"]) for r in table["rows"]] == [
        ("NED", 2, 1, 0),
        ("KOR", 0, 1, 0),
        ("CAN", 0, 0, 1),
    ]


@pytest.mark.parametrize(
    ("field", "raw", "where", "message"),
    [
        ("athlete", '"X\\u0000Y"', "medals[0].athlete", "must not contain a NUL character"),
        ("athlete", '"X\\ud800Y"', "medals[0].athlete", "is not valid Unicode (a lone surrogate)"),
        ("reason", '"a\\u0000b"', "reason", "must not contain a NUL character"),
        ("team", json.dumps("T" * 101), "medals[0].team", "is longer than 100 characters"),
        # the Roman numeral eight folds to "viii": 25 of them and two letters are 102
        (
            "athlete",
            json.dumps("\u2177" * 25 + "Ab"),
            "medals[0].athlete",
            "is longer than 100 characters",
        ),
    ],
)
def test_text_no_database_can_keep_is_refused_on_both_backends(
    desk: Desk, field: str, raw: str, where: str, message: str
) -> None:
    """PostgreSQL cannot store NUL, neither backend a lone surrogate, and PostgreSQL refuses a
    name longer than its column: each is a 422 naming the field on both, never a 500."""
    name, value = (field, raw) if field != "reason" else ("athlete", '"Femke Kok"')
    medal = f'{{"medal": "gold", "noc": "NED", "{name}": {value}}}'
    others = '{"medal": "silver", "noc": "NED", "athlete": "Jutta Leerdam"}, ' + (
        '{"medal": "bronze", "noc": "JPN", "athlete": "Miho Takagi"}'
    )
    reason = f', "reason": {raw}' if field == "reason" else ""
    body = f'{{"event": "{SPRINT}", "medals": [{medal}, {others}]{reason}}}'
    revision = desk.podium.store.revision()
    response = desk.client.post(
        f"/api/games/{GAMES}/results",
        content=body.encode(),
        headers={**desk.headers, "Content-Type": "application/json"},
    )
    assert (response.status_code, response.json()) == (
        422,
        {"error": {"field": where, "message": message}},
    )
    assert desk.podium.store.revision() == revision


def test_nul_in_a_url_is_not_found_on_both_backends(desk: Desk) -> None:
    for path in ("/athletes/a%00b.json", "/events/a%00b.json", "/api/games/a%00b/ledger"):
        response = desk.client.get(path)
        assert response.status_code == 404, (path, response.text)
        assert "'a\\x00b'" in response.json()["error"]


def _rewrite(path: Path, column: str, names: dict[str, str]) -> None:
    """The CSV at `path` with the `name` of the rows whose `column` is a key of `names`."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    changed = 0
    for row in rows:
        if row[column] in names:
            row["name"] = names[row[column]]
            changed += 1
    assert changed >= len(names)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fields)
        writer.writeheader()
        writer.writerows(rows)


def test_a_hostile_name_in_an_imported_csv(
    database_url: str, data_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(data_dir / "noc", data / "noc")
    shutil.copytree(data_dir / GAMES, data / GAMES)
    # the 2026 files write names "FAMILY Given": Femke Kok and Jutta Leerdam renamed
    names = {"51795": f"KOK {SCRIPT}", "51847": f"LEERDAM {IMG} {OR}"}
    for file in ("athletes.csv", "medallists.csv"):
        _rewrite(data / GAMES / file, "code", names)
    with Podium(database_url) as podium:
        podium.import_data(str(data), only=["noc", GAMES])
        tables = set(inspect(podium.store.engine).get_table_names())
        with TestClient(create_app(podium)) as client:
            kok = client.get(f"/athletes/{GAMES}:51795.json").json()["athlete"]["name"]
            leerdam = client.get(f"/athletes/{GAMES}:51847.json").json()["athlete"]["name"]
            assert (kok, leerdam) == (f"{SCRIPT} Kok", f"'1'='1 Leerdam {IMG} ' Or")
            for key, name in ((f"{GAMES}:51795", kok), (f"{GAMES}:51847", leerdam)):
                _shows_escaped(client.get(f"/athletes/{key}").text, [name])
            _shows_escaped(client.get(f"/events/{SPRINT}").text, [kok, leerdam])
            table = client.get(f"/games/{GAMES}.json").json()["rows"]
        ned = next(r for r in table if r["noc"] == "NED")
        assert (ned["gold"], ned["silver"], ned["bronze"]) == (10, 7, 3)
        assert set(inspect(podium.store.engine).get_table_names()) == tables
