"""The live projection (issue 11): no look-ahead, the same answer for the same seed, ranks by
the official rules, the CLI, the page and its twin, the push after a result, the backtest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import LIVE_GAMES, ServedDesk
from podium import Podium, ledger
from podium import projection as proj
from podium.cli import app as cli
from podium.projection import backtest, renamed
from podium.projection.model import Inputs, MedalRow, Params, project, strengths
from podium.replay import post, results, stage
from podium.table import Tally
from podium.web import create_app

MOMENT = "2026-02-17T23:59:59+01:00"
DRAWS = 2_000  # the tests' projections: the same code as 10,000, a fifth of the time


@pytest.fixture(scope="module")
def staged_17_feb(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[Podium]:
    """A database that holds only what was known at the end of 17 February: history, the 2026
    schedule, and the results up to then, recorded through the desk."""
    from conftest import new_database

    for url in new_database(tmp_path_factory.mktemp("staged")):
        with Podium(url) as podium:
            stage(podium, str(data_dir), LIVE_GAMES)
            moment = datetime.fromisoformat(MOMENT)
            desk = ledger.Desk(podium)
            for result in results(podium, str(data_dir), LIVE_GAMES):
                if result.awarded_at <= moment:
                    desk.result(LIVE_GAMES, result.body, "test", None)
            yield podium


def test_a_projection_knows_only_what_was_known_then(
    imported: Podium, staged_17_feb: Podium
) -> None:
    moment = imported.moment(LIVE_GAMES, MOMENT)
    aims = {"NED": 10}  # as `podium target set NED 10` would state it
    then = proj.projection(imported, LIVE_GAMES, moment, DRAWS, aims=aims)
    staged = proj.projection(staged_17_feb, LIVE_GAMES, None, DRAWS, aims=aims)
    assert (then.decided, then.remaining) == (80, 36)
    assert (staged.decided, staged.remaining) == (80, 36)
    assert staged.rows == then.rows
    ned = then.row("NED")
    assert ned is not None
    assert ned.now == Tally(6, 6, 1)
    assert ned.target == 10
    assert ned.p_target == ned.p_top10
    # the medals so far are a floor: no draw ends with fewer
    assert ned.gold_interval[0] >= 6 and ned.expected_total >= 13
    # at the end nothing is left to come: the projection is the official table, with AIN
    # (one silver) listed outside the ranking
    end = proj.projection(imported, LIVE_GAMES, None, 200, aims=aims)
    assert (end.decided, end.remaining) == (116, 0)
    by = {r.noc: r for r in end.rows}
    assert (by["NOR"].p_first, by["USA"].p_top3, by["NED"].ranks[2]) == (1.0, 1.0, 1.0)
    assert (by["NED"].expected, by["NED"].p_target) == ((10.0, 7.0, 3.0), 1.0)
    assert by["AIN"].now == Tally(0, 1, 0) and by["AIN"].p_top10 is None


def test_the_same_seed_gives_the_same_answer(imported: Podium) -> None:
    moment = imported.moment(LIVE_GAMES, MOMENT)
    inputs = proj.inputs(imported, LIVE_GAMES, moment)
    first, again = project(inputs, DRAWS, seed=7), project(inputs, DRAWS, seed=7)
    other = project(inputs, DRAWS, seed=8)
    assert first == again
    assert first.rows != other.rows
    # every draw hands out one gold per remaining event: the expected golds add up
    decided_golds = sum(1 for r in inputs.decided if r.medal == 1)
    expected = sum(r.expected[0] for r in first.rows)
    assert decided_golds == 80  # no shared gold in the first 80 events
    assert decided_golds + 36 * (1 - 0.2) < expected <= decided_golds + 36


def _row(event: str, medal: int, noc: str) -> MedalRow:
    return MedalRow("g", event, medal, noc, False, datetime(2026, 2, 1, tzinfo=UTC))


def test_ranks_follow_the_official_rules() -> None:
    """Nothing left to come: the table is certain, and its ranks are the official ones: equal
    on gold, silver and bronze share the rank, an unranked NOC takes no place."""
    decided = (
        _row("a", 1, "AAA"),
        _row("b", 1, "BBB"),
        _row("c", 1, "ZZZ"),
        _row("c", 2, "ZZZ"),
        _row("a", 2, "CCC"),
        _row("b", 2, "DDD"),
        _row("a", 3, "DDD"),
    )
    inputs = Inputs(
        games="g",
        past=(),
        history=(),
        disciplines={},
        events=("a", "b", "c"),
        decided=decided,
        unranked=frozenset({"ZZZ"}),
        targets={"DDD": 3},
    )
    p = project(inputs, draws=100)
    by = {r.noc: r for r in p.rows}
    assert [r.noc for r in p.rows] == ["ZZZ", "AAA", "BBB", "DDD", "CCC"]
    assert by["AAA"].p_first == by["BBB"].p_first == 1.0  # =1: equal on all three
    assert by["AAA"].ranks == (1.0,)
    assert by["DDD"].ranks == (0.0, 0.0, 1.0)  # 0-1-1 is ahead of CCC's 0-1-0
    assert by["CCC"].ranks == (0.0, 0.0, 0.0, 1.0)
    assert (by["DDD"].p_top3, by["DDD"].p_target, by["CCC"].p_top3) == (1.0, 1.0, 0.0)
    assert by["ZZZ"].p_first is None and by["ZZZ"].now == Tally(1, 1, 0)
    assert by["CCC"].gold_interval == (0, 0) and by["CCC"].total_interval == (1, 1)
    assert (by["CCC"].median_gold, by["CCC"].median_total) == (0, 1)
    assert by["CCC"].expected == (0.0, 1.0, 0.0) and by["CCC"].to_come == 0.0


def _past(event: str, medal: int, noc: str) -> MedalRow:
    return MedalRow("past", event, medal, noc, False, datetime(2022, 2, 1, tzinfo=UTC))


def _podiums(*podiums: tuple[str, tuple[str, ...]]) -> tuple[MedalRow, ...]:
    """Each (event, NOCs gold to bronze) as medals of the past Games."""
    return tuple(
        _past(event, medal, noc) for event, nocs in podiums for medal, noc in enumerate(nocs, 1)
    )


def test_a_noc_that_is_not_there_wins_nothing() -> None:
    """A NOC wins nothing at Games it does not take part in, whatever its history: without
    entries, a one-time name (ROC) not seen at these Games is absent; with entries, a NOC
    wins only in the sports it has athletes entered in."""
    history = _podiums(("a", ("ROC", "NED", "CAN")), ("b", ("NOR", "NED", "CAN")))
    inputs = Inputs(
        games="g",
        past=("past",),
        history=history,
        disciplines={"a": "speed-skating", "b": "cross-country-skiing"},
        events=("a", "b"),
        decided=(),
        sports={"a": "skating", "b": "skiing"},
    )

    def totals(i: Inputs) -> dict[str, float]:
        return {r.noc: r.expected_total for r in project(i, 1_000).rows}

    assert totals(inputs) == {"ROC": 1.014, "NOR": 1.028, "CAN": 1.911, "NED": 1.901}
    assert totals(replace(inputs, absent=frozenset({"ROC"}))) == {
        "NOR": 1.535,
        "NED": 1.961,
        "CAN": 1.966,
    }
    entered = {"skating": frozenset({"NED", "ROC"}), "skiing": frozenset({"NOR", "CAN"})}
    # two named entrants and the field in each event: both of them (nearly) always on the
    # podium, and nobody else named
    assert totals(replace(inputs, entrants=entered)) == {
        "NOR": 1.0,
        "ROC": 1.0,
        "CAN": 1.0,
        "NED": 0.999,
    }
    # a medal won here outweighs the entries (Olympedia misses some team entrants' NOC)
    won = MedalRow("g", "a", 3, "CAN", False, datetime(2026, 2, 7, tzinfo=UTC))
    after = totals(replace(inputs, events=("a", "a2", "b"), decided=(won,), entrants=entered))
    assert after["CAN"] > 2.0


def test_a_host_is_stronger_at_home() -> None:
    """The host of the Games projected has its strengths doubled (`Params.host`), and a
    medal an earlier Games' host won at home counts half: one medal each in each event, NED
    won its two at home."""
    history = _podiums(("a", ("NED", "NOR", "CAN")), ("b", ("NOR", "NED", "CAN")))
    inputs = Inputs(
        games="g",
        past=("past",),
        history=history,
        disciplines={"a": "speed-skating", "b": "speed-skating"},
        events=("a", "b"),
        decided=(),
    )

    def prior(hosts: dict[str, str]) -> dict[str, list[float]]:
        s = strengths(replace(inputs, hosts=hosts), Params())
        assert s.nocs == ("CAN", "NED", "NOR")
        return {e: [round(float(x), 4) for x in v] for e, v in s.per_event.items()}

    assert prior({}) == {"a": [1.0, 1.0, 1.0], "b": [1.0, 1.0, 1.0]}
    assert prior({"past": "NED"}) == {"a": [1.0, 0.5, 1.0], "b": [1.0, 0.5, 1.0]}
    assert prior({"g": "CAN"}) == {"a": [2.0, 1.0, 1.0], "b": [2.0, 1.0, 1.0]}
    # host twice: what home gave it before is taken off, and given back at home again
    assert prior({"past": "NED", "g": "NED"}) == prior({})


def test_the_entries_say_who_is_there_and_a_delegation_keeps_its_history(
    imported: Podium,
) -> None:
    """Russia won medals at Sochi 2014 as RUS, came to PyeongChang 2018 as OAR (Olympedia
    writes ROC, with one stray RUS entry) and to Beijing 2022 as ROC: RUS wins nothing
    there, and its history counts under the name it has."""
    start = imported.games("pyeongchang-2018").starts_at
    found = proj.inputs(imported, "pyeongchang-2018", start)
    assert found.entrants is not None and "OAR" in found.entrants["skating"]
    assert (found.renamed["RUS"], found.renamed["ROC"], found.absent) == ("OAR", "OAR", set())
    p = proj.projection(imported, "pyeongchang-2018", start, DRAWS, aims={})
    oar = p.row("OAR")
    assert p.row("RUS") is None and oar is not None
    # Russia's Sochi medals were won at home and count half (`Params.host`): OAR won 17
    assert (oar.expected, oar.expected_total, oar.p_top10) == (
        (5.619, 5.806, 6.146),
        17.57,
        0.826,
    )
    start = imported.games("beijing-2022").starts_at
    p = proj.projection(imported, "beijing-2022", start, DRAWS, aims={})
    roc = p.row("ROC")
    assert p.row("RUS") is None and p.row("OAR") is None and roc is not None
    assert (roc.expected_total, roc.p_top10) == (17.015, 0.715)
    assert renamed({"OAR": 226, "RUS": 1})["RUS"] == "OAR"
    assert renamed({"AIN": 33}) == {}  # AIN's few athletes are not Russia's team renamed


def test_project_command_answers_the_same_twice(imported_url: str) -> None:
    args = ["project", LIVE_GAMES, "--as-of", MOMENT, "--noc", "NED", "--db", imported_url]
    first = CliRunner().invoke(cli, [*args, "--format", "json"])
    again = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert first.exit_code == 0, first.output
    assert first.output == again.output
    data = json.loads(first.output)
    assert (data["draws"], data["seed"], data["events_to_come"]) == (10_000, 2026, 36)
    ned = data["noc"]
    assert ned["noc"] == "NED" and ned["now"] == {"gold": 6, "silver": 6, "bronze": 1, "total": 13}
    for key in ("expected_gold", "expected_total", "p_first", "p_top3", "p_top10"):
        assert isinstance(ned[key], float)
    low, high = ned["gold_interval"]
    assert isinstance(ned["median_gold"], int) and low <= ned["median_gold"] <= high
    assert ned["p_target"] is None  # no target stated in this database
    assert abs(sum(ned["golds"]) - 1) < 1e-3
    table = CliRunner().invoke(cli, args)
    assert table.exit_code == 0
    p = ned["p_top10"]
    assert f"P(top 10) {p:.0%}" in table.output
    wrong = CliRunner().invoke(cli, ["project", LIVE_GAMES, "--noc", "XXX", "--db", imported_url])
    assert wrong.exit_code == 2 and "no NOC with code 'XXX'" in wrong.output


def test_page_and_twin(imported: Podium) -> None:
    client = TestClient(create_app(imported))
    path = f"/games/{LIVE_GAMES}/projection"
    answer = client.get(f"{path}.json", params={"noc": "NED", "as_of": "2026-02-10"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["games"]["slug"] == LIVE_GAMES and data["noc"]["noc"] == "NED"
    assert [p["as_of"][:10] for p in data["trajectory"]] == [
        "2026-02-06",
        *(f"2026-02-{d:02d}" for d in range(6, 11)),
    ]
    assert data["trajectory"][0]["events_decided"] == 0
    expected = proj.projection(imported, LIVE_GAMES, imported.moment(LIVE_GAMES, "2026-02-10"))
    assert data["rows"][0]["noc"] == expected.rows[0].noc
    assert data["rows"][0]["p_top10"] == expected.rows[0].p_top10
    page = client.get(path, params={"noc": "NED", "lang": "nl"})
    assert page.status_code == 200 and "kans op een plek in de top tien" in page.text
    assert client.get(f"{path}.json", params={"noc": "XXX"}).status_code == 404
    assert client.get(f"{path}.json", params={"as_of": "17 Feb"}).status_code == 422
    assert client.get("/games/nowhere/projection.json").status_code == 404


def test_the_table_has_a_projection_column_while_events_are_to_come(imported: Podium) -> None:
    client = TestClient(create_app(imported))
    path = f"/games/{LIVE_GAMES}"
    data = client.get(f"{path}.json", params={"as_of": "2026-02-17"}).json()
    moment = imported.moment(LIVE_GAMES, "2026-02-17")
    assert data["projection"] == proj.column(imported, LIVE_GAMES, moment)
    ned = {"expected_gold": 8.503, "gold_interval": [7, 10], "p_top10": 0.999}
    assert data["projection"]["NED"] == ned
    page = client.get(path, params={"as_of": "2026-02-17", "lang": "nl"}).text
    assert "Verwacht goud (80%)" in page and '<td class="proj">8.5 (7–10)</td>' in page
    # every event decided: nothing left to project, no column
    assert client.get(f"{path}.json").json()["projection"] == {}
    assert "Verwacht goud" not in client.get(path, params={"lang": "nl"}).text
    # a sport's table is not the whole table the projection is of
    sport = client.get(f"{path}.json", params={"as_of": "2026-02-17", "sport": "skating"})
    assert sport.json()["projection"] == {}


def test_a_result_pushes_the_projection(served_desk: ServedDesk, data_dir: Path) -> None:
    plan = results(served_desk.podium, str(data_dir), LIVE_GAMES)
    url = f"{served_desk.url}/games/{LIVE_GAMES}/projection/live"
    with (
        httpx.Client(base_url=served_desk.url, timeout=30) as client,
        httpx.stream("GET", url, timeout=30) as stream,
    ):
        events = _events(stream.iter_lines())
        first = next(events)
        assert first["id"] == "0" and json.loads(first["data"])["events_decided"] == 0
        assert post(client, LIVE_GAMES, served_desk.token, plan[0]).status_code == 201
        pushed = next(events)
        data = json.loads(pushed["data"])
        assert pushed["event"] == "projection" and pushed["id"] == str(data["seq"])
        assert data["events_decided"] == 1 and data["events_to_come"] == 115


def _events(lines: Iterator[str]) -> Iterator[dict[str, str]]:
    event: dict[str, str] = {}
    for line in lines:
        if not line.strip():
            if "data" in event:
                yield event
            event = {}
        elif not line.startswith(":"):
            field, _, value = line.partition(":")
            event[field] = value.strip()


def test_backtest_scores_beside_the_baselines(imported: Podium) -> None:
    assert len(backtest.moments(imported, "paris-2024")) == 18  # the start and 17 evenings
    assert len(backtest.moments(imported, "london-2012")) == 18  # dated: start and 17 evenings
    assert len(backtest.moments(imported, "beijing-2008")) == 1 + 3 * 3  # undated: fractions
    assert len(backtest.moments(imported, "sochi-2014")) == 18  # dated: start and 17 evenings
    result = backtest.run(imported, ["sochi-2014"], draws=200)
    methods = {s.method for s in result.scores}
    assert methods == {"model", "pace", "previous"}
    assert len([s for s in result.scores if s.method == "pace"]) == 16  # none before a result
    summary = result.summary()[0]
    assert summary["games"] == "sochi-2014" and summary["previous_tau_start"] == 0.5604
    cases = sum(b.cases for b in result.reliability[("model", "top10")])
    assert cases == 18 * 27  # 18 moments x the NOCs with a medal in 2014 or 2010
    # one NOC is one outcome however many moments score it
    assert all(b.outcomes <= min(b.cases, 27) for b in result.reliability[("model", "top10")])
    # the model's error from its expected values and from its medians; a baseline says one
    # number, its median and expected value alike
    assert (summary["model_mae_gold_half"], summary["model_mae_gold_half_median"]) == (
        0.8889,
        0.8148,
    )
    assert summary["pace_mae_gold_half_median"] == summary["pace_mae_gold_half"] == 1.228
    assert backtest.tau_b([(1,), (2,), (3,)], [(1,), (2,), (3,)]) == 1.0
    assert backtest.tau_b([(1,), (2,), (3,)], [(3,), (2,), (1,)]) == -1.0
    assert round(backtest.tau_b([(1,), (1,), (2,)], [(1,), (2,), (3,)]), 4) == 0.8165
    assert "| sochi-2014 |" in backtest.markdown(result)
