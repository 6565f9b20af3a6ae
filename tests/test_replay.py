"""All 116 results of Milano Cortina 2026 replayed through the write API of a real server end
exactly where importing the files ends: the same table rows, ranks and counts (AIN listed but
unranked), at the end and on the evening of 17 February; replaying again records nothing. On a
database with every source imported the desk's athlete checks refuse none of those podiums."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from conftest import ServedDesk, serve_staged
from podium import Podium, ledger
from podium.names import spelling_key
from podium.replay import feed, results, stage
from podium.web import create_app
from podium.web.guard import Limits
from support import ServerProcess, ServerThread

GAMES = "milano-cortina-2026"


@pytest.fixture
def replay_desk(database_url: str, data_dir: Path) -> Iterator[ServedDesk]:
    """`served_desk` with room for the whole Games at once: the guard's defaults allow any
    replay up to 60,000x (23 s for 116 results), and this one goes as fast as it can."""
    with serve_staged(database_url, data_dir, Limits(rate=1000.0, burst=1000)) as served:
        yield served


@pytest.fixture(scope="module")
def imported_server(imported_url: str) -> Iterator[str]:
    with ServerThread(create_app(imported_url)) as server:
        yield server.url


def _table(url: str, **query: str) -> dict[str, Any]:
    response = httpx.get(f"{url}/games/{GAMES}.json", params=query)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _podiums(podium: Podium) -> list[tuple[Any, ...]]:
    """Every standing 2026 medal as what it says, athletes by name: the keys differ, since the
    staged database lacks the history that a full import matches the 2026 athletes to."""
    awards = podium.store.awards(games=[GAMES])
    keys = {k for w in awards for k in (w.athlete, *w.members) if k}
    names = {key: spelling_key(athlete.name) for key, athlete in podium.athletes(keys).items()}
    return sorted(
        (
            w.event,
            int(w.medal),
            w.noc,
            names[w.athlete] if w.athlete else None,
            w.team,
            tuple(sorted(names[m] for m in w.members)),
            w.awarded_at,
        )
        for w in awards
    )


def _unnamed(podiums: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The podiums with their athletes counted, not named."""
    return [(e, m, n, a is not None, t, len(ms), at) for e, m, n, a, t, ms, at in podiums]


def _words(name: str | None) -> set[str]:
    return set((name or "").split())


def test_replaying_every_result_ends_where_the_import_ends(
    replay_desk: ServedDesk, imported_server: str, imported: Podium, data_dir: Path
) -> None:
    plan = results(replay_desk.podium, str(data_dir), GAMES)
    assert len(plan) == 116
    assert _table(replay_desk.url)["rows"] == []
    said: list[str] = []
    statuses = feed(plan, GAMES, replay_desk.url, replay_desk.token, 1e12, say=said.append)
    assert statuses == Counter({201: 116}), "\n".join(s for s in said if not s.endswith(": 201"))

    live, by_import = _table(replay_desk.url), _table(imported_server)
    assert live["seq"] == 116
    assert {k: v for k, v in live.items() if k != "seq"} == {
        k: v for k, v in by_import.items() if k != "seq"
    }
    assert live["medals"] == {"gold": 116, "silver": 118, "bronze": 115, "total": 349}
    rows = live["rows"]
    assert len(rows) == 30
    assert [(r["noc"], r["rank_label"], r["silver"]) for r in rows if r["rank"] is None] == [
        ("AIN", "–", 1)
    ]
    summary = [(r["rank_label"], r["noc"], r["gold"], r["silver"], r["bronze"]) for r in rows[:4]]
    assert summary == [
        ("1", "NOR", 18, 12, 11),
        ("2", "USA", 12, 12, 9),
        ("3", "NED", 10, 7, 3),
        ("4", "ITA", 10, 6, 14),
    ]
    # the moments came along too: the table on the evening of 17 February is the same
    for query in ({"as_of": "2026-02-17"}, {"as_of": "2026-02-17", "order": "total"}):
        assert _table(replay_desk.url, **query)["rows"] == _table(imported_server, **query)["rows"]

    # every medal of every event, to the athlete, the team members and the moment
    replayed, full = _podiums(replay_desk.podium), _podiums(imported)
    assert len(replayed) == 349
    assert _unnamed(replayed) == _unnamed(full)
    # the same athletes: the full import names people as linked ("Eileen Gu", Olympedia's
    # "Sjaastad") where the staged database has only the competition's names ("Gu Ailing
    # Eileen", "Sjåstad"), so a name shares a word with its counterpart (the family name)
    unlike = [
        (a[3], b[3])
        for a, b in zip(replayed, full, strict=True)
        if a[3] is not None and not _words(a[3]) & _words(b[3])
    ]
    assert unlike == []

    # a replay started again (the same Idempotency-Keys) records nothing twice
    again = feed(plan, GAMES, replay_desk.url, replay_desk.token, 1e12, say=said.append)
    assert again == Counter({201: 116})
    assert len(replay_desk.podium.store.ledger_entries()) == 116
    assert _table(replay_desk.url)["rows"] == rows


def test_the_replay_waits_out_a_server_restart(
    database_url: str, data_dir: Path, tmp_path: Path
) -> None:
    """A real `podium serve` process is killed after the eighth result and started again on
    the same port two seconds later: the replay keeps trying with a growing wait, and every
    one of the 30 results ends recorded once (201: the one whose answer the kill lost comes
    back as an idempotent replay)."""
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "restart test")
        plan = results(podium, str(data_dir), GAMES)[:30]
    span = (plan[-1].awarded_at - plan[0].awarded_at).total_seconds()
    server = ServerProcess(database_url, log=tmp_path / "serve.log").start()
    said: list[str] = []
    restarted = threading.Event()

    def say(line: str) -> None:
        said.append(line)
        if sum(": 201" in s for s in said) == 8 and not restarted.is_set():
            restarted.set()
            server.kill()
            threading.Timer(2.0, server.start).start()

    try:
        statuses = feed(plan, GAMES, server.url, token, span / 6, say=say)
    finally:
        server.kill()
    assert statuses == {201: 30}
    waits = [s for s in said if "server not answering (" in s]
    assert waits and waits[0].endswith("again in 0.25 s")
    with Podium(database_url) as podium:
        entries = podium.store.ledger_entries(games=GAMES)
    assert sorted(e.event for e in entries) == sorted(r.event for r in plan)


def test_the_desk_refuses_no_real_podium_on_the_whole_history(
    imported_copy: str, data_dir: Path
) -> None:
    """With every source imported, 141 of the 709 keys in the 2026 podiums are athletes of
    the history matched by name and NOC (and sex where both sources give it), records with
    no sex of their own until the 2026 file gave them its own (8 had none on any linked
    record either, so the sex check passed them). Its checks of an
    athlete key (the entry's NOC line; the event's sex, either in a mixed event) refuse none
    of the real podiums, each restated through the write API as a correction, and do refuse
    a woman of the history in a men's event."""
    with Podium(imported_copy) as podium:
        plan = {r.event: r.body for r in results(podium, str(data_dir), GAMES)}
        assert len(plan) == 116
        sexes: dict[str, set[str | None]] = {}
        origins: Counter[tuple[str, str | None]] = Counter()
        for event, body in plan.items():
            for entry in body["medals"]:
                for key in (
                    [entry["athlete_key"]] if "athlete_key" in entry else entry["member_keys"]
                ):
                    sex = podium.store.athlete_sex(key)
                    sexes.setdefault(event, set()).add(sex)
                    origins[key.split(":")[0], sex] += 1
        assert origins == Counter(
            {
                ("milano-cortina-2026", "M"): 299,
                ("milano-cortina-2026", "W"): 269,
                ("olympics", "M"): 75,
                ("olympics", "W"): 66,
            }
        )
        both = sorted(e for e, s in sexes.items() if {"M", "W"} <= s)
        assert both == MIXED
        assert {podium.event(e).gender for e in both} == {"X"}

        token = ledger.issue_token(podium, "editor", "restated")
        headers = {"Authorization": f"Bearer {token}"}

        def restate(event: str, medals: list[dict[str, Any]]) -> httpx.Response:
            return client.post(
                f"/api/games/{GAMES}/events/{event}/corrections",
                json={"medals": medals, "reason": "restated"},
                headers=headers,
            )

        with TestClient(create_app(podium, Limits(rate=1000.0, burst=1000))) as client:
            # a woman of the history only: her record has no sex of its own, her person has
            woman = "olympics:stefania-belmondo"
            assert podium.store.athlete(woman).gender is None  # type: ignore[union-attr]
            men = plan["speed-skating/m/500m"]["medals"]
            swapped = restate(
                "speed-skating/m/500m",
                [{"medal": "gold", "noc": "ITA", "athlete_key": woman}, *men[1:]],
            )
            assert (swapped.status_code, swapped.json()) == (
                422,
                {
                    "error": {
                        "field": "medals[0].athlete_key",
                        "message": f"athlete {woman!r} cannot win a medal in a men's event",
                    }
                },
            )
            answers = {event: restate(event, body["medals"]) for event, body in plan.items()}
        refused = {e: a.json() for e, a in answers.items() if a.status_code != 201}
        assert refused == {}
        assert len(podium.store.ledger_entries(games=GAMES)) == 116


# the 2026 events whose podiums have both men and women
MIXED = [
    "biathlon/x/relay",
    "curling/x/doubles",
    "figure-skating/x/ice-dance",
    "figure-skating/x/pair-skating",
    "figure-skating/x/team",
    "freestyle-skiing/x/team-aerials",
    "luge/x/team-relay",
    "short-track/x/team-relay",
    "skeleton/x/team",
    "ski-jumping/x/team",
    "ski-mountaineering/x/relay",
    "snowboard/x/team-snowboard-cross",
]
