"""ODF ingest: the real test-feed samples in ../shared/odf/samples as they are, and messages
built here for the feed's rules (versions, out of order, duplicates, cancellations, partial
updates), hostile XML, the HTTP endpoint, the CLI and the event page's full results."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from conftest import serve_folder
from podium import Podium, ledger, schema
from podium.cli import app as cli
from podium.odf import Feed, parse
from podium.odf.feed import read_messages
from podium.web import create_app
from support import ServerThread

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "odf" / "samples"
TEST = "og2032-tst"
LIVE = "milano-cortina-2026"


@pytest.fixture
def nocs(podium: Podium, data_dir: Path) -> Podium:
    podium.import_data(str(data_dir), ["noc"])
    return podium


@pytest.fixture
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"the ODF samples are missing: {SAMPLES}")
    return SAMPLES


def count(podium: Podium, table: object) -> int:
    with podium.store.transaction() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


# -- messages built for the rules ----------------------------------------------------------

RIDERS = {
    "101": ("Demi", "Vollering", "NED"),
    "102": ("Marlen", "Reusser", "SUI"),
    "103": ("Chloe", "Dygert", "USA"),
    "104": ("Grace", "Brown", "AUS"),
}
EVENT = "CRDWTT----------------------------"
UNIT = "CRDWTT----------------FNL-000100--"


def odf(
    kind: str,
    code: str,
    version: int,
    body: str | None,
    status: str = "OFFICIAL",
    stamp: str = "2032-07-20T12:00:00+00:00",
) -> bytes:
    status_attr = f' ResultStatus="{status}"' if status else ""
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?><OdfBody CompetitionCode="OG2032-TST" '
        f'DocumentCode="{code}" DocumentType="{kind}" Version="{version}"{status_attr} '
        f'FeedFlag="T" TimeStamp="{stamp}" LogicalDate="2032-07-20" Source="TST1"'
    )
    if body is None:
        return (head + "/>").encode()
    return (head + f'><Competition Gen="G" Codes="C">{body}</Competition></OdfBody>').encode()


def athlete(code: str) -> str:
    given, family, noc = RIDERS[code]
    return (
        f'<Competitor Code="{code}" Type="A" Organisation="{noc}"><Composition>'
        f'<Athlete Code="{code}" Order="1"><Description GivenName="{given}" '
        f'FamilyName="{family}" Gender="F" Organisation="{noc}"/></Athlete></Composition>'
        "</Competitor>"
    )


SPORT = (
    '<ExtendedInfos><SportDescription DisciplineName="CRD" '
    'EventName="Women\'s Individual Time Trial" Gender="W"/></ExtendedInfos>'
)


def medallists(version: int, *podium: str, stamp: str = "2032-07-20T12:00:00+00:00") -> bytes:
    medals = "".join(
        f'<Medal Code="{m}" Unit="{UNIT}" Date="2032-07-20">{athlete(c)}</Medal>'
        for m, c in zip(("ME_GOLD", "ME_SILVER", "ME_BRONZE"), podium, strict=False)
    )
    return odf("DT_MEDALLISTS", EVENT, version, SPORT + medals, stamp=stamp)


def result(version: int, *order: str, status: str = "OFFICIAL") -> bytes:
    rows = "".join(
        f'<Result Rank="{i}" Result="40:0{i}.00" ResultType="TIME" SortOrder="{i}" '
        f'Diff="+{i - 1}.00">{athlete(c)}</Result>'
        for i, c in enumerate(order, start=1)
    )
    return odf("DT_RESULT", UNIT, version, SPORT + rows, status=status)


def standing(podium: Podium) -> list[tuple[str, str, str | None]]:
    awards = podium.store.awards(games=[TEST], event="cycling-road/w/time-trial")
    return sorted((a.medal.label, a.noc, a.athlete) for a in awards)


def places(podium: Podium) -> list[tuple[int | None, str, str | None, str | None]]:
    units = Feed(podium).odf.results("cycling-road/w/time-trial")
    return [(r.rank, r.name, r.result, r.athlete) for r in units]


# -- the real samples ----------------------------------------------------------------------


def test_every_sample_ingested_with_its_exact_outcome(nocs: Podium, samples: Path) -> None:
    feed = Feed(nocs)
    outcomes = feed.ingest_all(read_messages(str(samples)))
    assert [(o.document, o.action, o.detail) for o in outcomes] == [
        ("DT_MEDALLISTS CKTMT20 v5", "applied", "ledger result 1"),
        ("DT_MEDALLISTS CRDWTT v1", "applied", "ledger result 2"),
        ("DT_MEDALS CRD v1", "applied", "agrees with the ledger"),
        ("DT_RESULT CRDWTT----------------FNL-000100 v248", "applied", "1 results, OFFICIAL"),
        ("DT_MEDALLISTS SQUWSINGLES v4", "applied", "ledger result 3"),
        ("DT_MEDALS SQU v4", "applied", "agrees with the ledger"),
        (
            "DT_PARTIC_UPDATE SQU v2",
            "applied",
            "4 participants, 1 linked to Podium's athletes",
        ),
        (
            "DT_RESULT SQUMSINGLES-----------8FNL000200 v4",
            "applied",
            "2 results, OFFICIAL; 1 RET",
        ),
        ("DT_RESULT SQUWSINGLES-----------FNL-000100 v5", "applied", "2 results, OFFICIAL"),
        ("DT_SCHEDULE_UPDATE SQU v2", "applied", "5 units"),
        (
            "DT_RESULT TRIMOLYMPIC-----------FNL-000100 v117",
            "applied",
            "3 results, OFFICIAL; 3 DNF",
        ),
        ("DT_MEDALS TTE v1", "applied", "differs from the ledger"),
        ("DT_MEDALS of og2028-itl", "reconciled", ""),
    ]
    # the fabricated multi-gender table names medals no medallists message gave
    assert outcomes[-2].problems == [
        "DT_MEDALS TTE v1: CHN 6-0-0 in the feed, 0-0-0 in the ledger",
        "DT_MEDALS TTE v1: FRA 0-1-1 in the feed, 0-0-0 in the ledger",
        "DT_MEDALS TTE v1: GER 0-1-0 in the feed, 0-0-0 in the ledger",
        "DT_MEDALS TTE v1: JPN 0-4-1 in the feed, 0-0-0 in the ledger",
        "DT_MEDALS TTE v1: KOR 0-0-4 in the feed, 0-0-0 in the ledger",
    ]
    # and still at the end of the run, when every medallists message is in
    assert (outcomes[-1].document, outcomes[-1].action) == ("DT_MEDALS of og2028-itl", "reconciled")
    assert outcomes[-1].problems == outcomes[-2].problems
    assert sum(len(o.problems) for o in outcomes) == 10
    table = nocs.table("og2028-itl")
    assert [(r.rank, r.noc, r.tally.gold, r.tally.silver, r.tally.bronze) for r in table.rows] == [
        (1, "NZL", 1, 0, 0),
        (1, "SUI", 1, 0, 0),
        (1, "UZB", 1, 0, 0),
        (4, "POL", 0, 1, 0),
        (4, "RSA", 0, 1, 0),
        (6, "BEL", 0, 0, 1),
        (6, "CZE", 0, 0, 1),
        (6, "PAK", 0, 0, 1),
    ]
    # squash women's singles: no silver (the semi-final loser disqualified, a final vs NOCOMP)
    squash = nocs.store.awards(games=["og2028-itl"], event="squash/w/singles")
    assert sorted((a.medal.label, a.noc, a.athlete) for a in squash) == [
        ("bronze", "CZE", "og2028-itl:9372599"),
        ("gold", "SUI", "og2028-itl:9373689"),
    ]
    entry = nocs.store.ledger_entries(games="og2028-itl", event="squash/w/singles")[0]
    assert (entry.actor, json.loads(entry.payload)["vacant"]) == ("odf", ["silver"])
    final = Feed(nocs).odf.results("squash/w/singles")
    assert [(r.sort_order, r.competitor, r.noc, r.wlt, r.name) for r in final] == [
        (1, "9373689", "SUI", "W", "Ambre Allinckx"),
        (2, "NOCOMP", "", "L", "NOCOMP"),
    ]
    retired = Feed(nocs).odf.results("squash/m/singles")
    assert [(r.name, r.irm, r.result, r.wlt) for r in retired] == [
        ("Penglin Zhou", "RET", "0", "L"),
        ("Dmytro Shcherbakov", "", "3", "W"),
    ]
    tri = Feed(nocs).odf.results("triathlon/m/individual")
    assert [(r.sort_order, r.rank, r.irm, r.noc, r.name) for r in tri] == [
        (52, None, "DNF", "AUS", "Matthew Hauser"),
        (53, None, "DNF", "AUS", "Luke Willian"),
        (55, None, "DNF", "GER", "Missing Athlete"),
    ]
    cricket = nocs.store.awards(games=["og2028-itl"], event="cricket/m/tournament")
    gold = next(a for a in cricket if a.medal.label == "gold")
    assert (gold.team, gold.members) == (
        "New Zealand",
        ("og2028-itl:9090142", "og2028-itl:9090143"),
    )
    # everything again: every message a duplicate, nothing new in the ledger
    again = Feed(nocs).ingest_all(read_messages(str(samples)))
    assert {o.action for o in again[:12]} == {"duplicate"}
    assert again[12].action == "reconciled"
    assert nocs.store.ledger_seq() == 3


def test_the_event_page_and_its_twin_show_the_full_results(nocs: Podium, samples: Path) -> None:
    Feed(nocs).ingest_all(read_messages(str(samples)))
    with ServerThread(create_app(nocs)) as server:
        data = httpx.get(f"{server.url}/events/triathlon/m/individual.json").json()
        page = httpx.get(f"{server.url}/events/triathlon/m/individual?lang=en").text
    (unit,) = data["results"]
    assert (unit["games"], unit["status"], unit["version"]) == ("og2028-itl", "OFFICIAL", 117)
    assert [(r["name"], r["irm"], r["place"]) for r in unit["results"]] == [
        ("Matthew Hauser", "DNF", None),
        ("Luke Willian", "DNF", None),
        ("Missing Athlete", "DNF", None),
    ]
    assert "Full results" in page and "Matthew Hauser" in page and "<td>DNF</td>" in page


# -- the feed's rules ----------------------------------------------------------------------


def test_a_newer_version_corrects_an_older_one_late_or_duplicated_changes_nothing(
    nocs: Podium,
) -> None:
    feed = Feed(nocs)
    first = feed.ingest(medallists(1, "101", "102", "103", stamp="2032-07-20T12:00:00+00:00"))
    assert (first.action, first.detail, first.ledger) == ("applied", "ledger result 1", [1])
    assert "new Games og2032-tst" in first.mapping[0]
    assert standing(nocs) == [
        ("bronze", "USA", f"{TEST}:103"),
        ("gold", "NED", f"{TEST}:101"),
        ("silver", "SUI", f"{TEST}:102"),
    ]
    # version 3 (a correction after OFFICIAL: 103 disqualified, 104 moves up) before version 2
    third = feed.ingest(medallists(3, "102", "101", "104", stamp="2032-07-21T09:00:00+00:00"))
    assert (third.action, third.detail) == ("applied", "ledger correction 2")
    late = feed.ingest(medallists(2, "101", "103", "102", stamp="2032-07-20T13:00:00+00:00"))
    assert (late.action, late.detail) == ("superseded", "superseded by version 3")
    dup = feed.ingest(medallists(3, "102", "101", "104", stamp="2032-07-21T09:00:00+00:00"))
    assert (dup.action, dup.detail) == ("duplicate", "this version is already in")
    other = feed.ingest(medallists(3, "104", "101", "102", stamp="2032-07-21T09:00:00+00:00"))
    assert other.action == "refused"
    assert other.problems == ["DT_MEDALLISTS CRDWTT v3: two different messages with one version"]
    assert standing(nocs) == [
        ("bronze", "AUS", f"{TEST}:104"),
        ("gold", "SUI", f"{TEST}:102"),
        ("silver", "NED", f"{TEST}:101"),
    ]
    assert [e.kind for e in nocs.store.ledger_entries(games=TEST)] == ["result", "correction"]
    # the same medals in a newer version: nothing to write
    same = feed.ingest(medallists(4, "102", "101", "104", stamp="2032-07-22T09:00:00+00:00"))
    assert (same.action, same.detail) == ("unchanged", "the ledger already has these medals")
    assert nocs.store.ledger_seq() == 2
    # withdrawing versions 4 and 3 brings version 2 back (sent before them, it counts from
    # the moment of the medals it replaces)
    feed.ingest(odf("DT_MEDALLISTS", EVENT, 4, None))
    back = feed.ingest(odf("DT_MEDALLISTS", EVENT, 3, None))
    assert (back.action, back.detail) == ("cancelled", "back to version 2: ledger correction 3")
    assert standing(nocs) == [
        ("bronze", "SUI", f"{TEST}:102"),
        ("gold", "NED", f"{TEST}:101"),
        ("silver", "USA", f"{TEST}:103"),
    ]


def test_unofficial_medallists_wait_and_a_contradiction_with_the_ledger_is_reported(
    nocs: Podium,
) -> None:
    feed = Feed(nocs)
    wait = feed.ingest(
        odf("DT_MEDALLISTS", EVENT, 1, SPORT, status="UNOFFICIAL")  # event learnt, no medals
    )
    assert (wait.action, wait.detail) == ("stored", "UNOFFICIAL: medals wait")
    # a desk (not the feed) records the result first
    body = {
        "event": "cycling-road/w/time-trial",
        "medals": [
            {"medal": "gold", "noc": "USA", "athlete": "Chloe Dygert"},
            {"medal": "silver", "noc": "NED", "athlete": "Demi Vollering"},
            {"medal": "bronze", "noc": "SUI", "athlete": "Marlen Reusser"},
        ],
    }
    ledger.Desk(nocs).result(TEST, body, "desk", None)
    said = feed.ingest(medallists(2, "101", "102", "103"))
    assert (said.action, said.detail) == ("stored", "contradicts the ledger: not applied")
    assert said.problems == [
        # the feed's riders are the desk's athletes (same name and NOC)
        "DT_MEDALLISTS CRDWTT v2: medals gold NED desk:NED:demi-vollering, silver SUI "
        "desk:SUI:marlen-reusser, bronze USA desk:USA:chloe-dygert differ from the ledger's "
        "gold USA desk:USA:chloe-dygert, "
        "silver NED desk:NED:demi-vollering, bronze SUI desk:SUI:marlen-reusser, which did "
        "not come from this feed"
    ]
    assert nocs.store.ledger_seq() == 1


def test_a_header_without_a_body_withdraws_its_version(nocs: Podium) -> None:
    feed = Feed(nocs)
    feed.ingest(result(1, "101", "102", "103"))
    feed.ingest(result(2, "102", "101", "103"))
    assert [p[1] for p in places(nocs)] == ["Marlen Reusser", "Demi Vollering", "Chloe Dygert"]
    back = feed.ingest(odf("DT_RESULT", UNIT, 2, None))
    assert (back.action, back.detail) == ("cancelled", "back to version 1: 3 results, OFFICIAL")
    # results name athletes Podium has; these riders have no medal, so no athlete record yet
    assert places(nocs) == [
        (1, "Demi Vollering", "40:01.00", None),
        (2, "Marlen Reusser", "40:02.00", None),
        (3, "Chloe Dygert", "40:03.00", None),
    ]
    gone = feed.ingest(odf("DT_RESULT", UNIT, 1, None))
    assert (gone.action, gone.detail) == ("cancelled", "nothing stands in its place")
    assert places(nocs) == []
    # withdrawn before it arrived: when it comes, it is ignored
    early = feed.ingest(odf("DT_RESULT", UNIT, 5, None))
    assert (early.action, early.detail) == (
        "cancelled",
        "withdrawn before it arrived: it will be ignored",
    )
    late = feed.ingest(result(5, "103", "102", "101"))
    assert (late.action, late.detail) == ("superseded", "this version was withdrawn")
    assert places(nocs) == []


def test_updates_replace_only_what_they_list_and_never_with_an_older_version(
    nocs: Podium,
) -> None:
    def unit(code: str, status: str) -> str:
        return (
            f'<Unit Code="{code}" ScheduleStatus="{status}" StartDate="2032-07-20T10:00:00+00:00"'
            f' EndDate="2032-07-20T11:00:00+00:00" Medal="1"><ItemName Language="ENG" '
            f'Value="{code[:6]}"/></Unit>'
        )

    other = "CRDMTT----------------FNL-000100--"
    feed = Feed(nocs)
    discipline = "CRD-------------------------------"
    full = unit(UNIT, "SCHEDULED") + unit(other, "SCHEDULED")
    assert feed.ingest(odf("DT_SCHEDULE", discipline, 1, full, status="")).detail == "2 units"
    feed.ingest(odf("DT_SCHEDULE_UPDATE", discipline, 3, unit(UNIT, "FINISHED"), status=""))
    late = feed.ingest(odf("DT_SCHEDULE_UPDATE", discipline, 2, unit(UNIT, "RUNNING"), status=""))
    assert late.action == "applied"  # updates are not superseded as a whole ...
    store = Feed(nocs).odf
    statuses = {code: store.unit(TEST, code).status for code in (UNIT, other)}  # type: ignore[union-attr]
    # ... but each unit keeps what its newest version said
    assert statuses == {UNIT: "FINISHED", other: "SCHEDULED"}
    # a medal now counts from its unit's end in the schedule
    feed.ingest(medallists(1, "101", "102", "103"))
    (award, *_) = nocs.store.awards(games=[TEST], event="cycling-road/w/time-trial")
    assert award.awarded_at.isoformat() == "2032-07-20T11:00:00+00:00"
    # a full schedule resets the discipline's units
    feed.ingest(odf("DT_SCHEDULE", discipline, 4, unit(other, "RUNNING"), status=""))
    assert store.unit(TEST, UNIT) is None
    assert store.unit(TEST, other).status == "RUNNING"  # type: ignore[union-attr]


# -- refusals ------------------------------------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<OdfBody CompetitionCode="&lol3;" DocumentCode="X" DocumentType="DT_MEDALS" Version="1"
 LogicalDate="2032-07-20"/>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE OdfBody [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<OdfBody CompetitionCode="OG2032-TST" DocumentCode="&xxe;" DocumentType="DT_MEDALS"
 Version="1" LogicalDate="2032-07-20"/>"""


REFUSED = [
    (LAUGHS, "laughs.xml", "has a DTD or entity declaration, which no ODF message carries"),
    (EXTERNAL, "xxe.xml", "has a DTD or entity declaration, which no ODF message carries"),
    (
        LAUGHS.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
        .decode()
        .encode("utf-16"),
        "laughs16.xml",
        "has a DTD or entity declaration, which no ODF message carries",
    ),
    (medallists(1, "101")[:-40], "cut.xml", "not well-formed XML"),
    (b"<Odf/>", "root.xml", "the root element is <Odf>, not <OdfBody>"),
    (
        odf("DT_RESULT", UNIT, 1, None).replace(b' Version="1"', b' Version="one"'),
        "DT_RESULT CRDWTT----------------FNL-000100",
        "Version 'one' is not a positive whole number",
    ),
    (
        odf("DT_RESULT", UNIT, 1, None).replace(b' LogicalDate="2032-07-20"', b""),
        "header.xml",
        "the header lacks LogicalDate",
    ),
    (
        result(1, "101", "102").replace(b'SortOrder="2"', b'SortOrder="1"'),
        "DT_RESULT CRDWTT----------------FNL-000100 v1",
        "two Result rows share a SortOrder",
    ),
    (
        medallists(1, "101", "102", "103").replace(b'Organisation="USA"', b'Organisation="XYZ"'),
        "DT_MEDALLISTS CRDWTT v1",
        "NOC XYZ is not one Podium knows",
    ),
    (
        odf("DT_MEDALLISTS", "XYZW100M--------------------------", 1, SPORT),
        "DT_MEDALLISTS XYZW100M v1",
        "discipline code 'XYZ' is not one Podium maps",
    ),
]


def test_a_malformed_or_hostile_message_is_refused_and_nothing_stored(nocs: Podium) -> None:
    """(message, the document its refusal names: the file until the header is read, reason)"""
    feed = Feed(nocs)
    for raw, document, reason in REFUSED:
        outcome = feed.ingest(raw, document if " " not in document else "x")
        assert (outcome.action, outcome.document) == ("refused", document)
        assert outcome.detail.startswith(reason), outcome.detail
    assert count(nocs, schema.odf_message) == 0
    assert count(nocs, schema.odf_result) == 0
    assert nocs.store.ledger_seq() == 0
    assert nocs.store.games(TEST) is None


# -- the endpoint and the command ----------------------------------------------------------


def test_the_endpoint_takes_messages_from_an_editor_only(nocs: Podium) -> None:
    editor = ledger.issue_token(nocs, "editor", "feed")
    reader = ledger.issue_token(nocs, "reader", "fan")
    with ServerThread(create_app(nocs)) as server:
        url = f"{server.url}/api/odf"
        xml = {"Content-Type": "application/xml"}
        none = httpx.post(url, content=medallists(1, "101", "102", "103"), headers=xml)
        fan = httpx.post(
            url,
            content=medallists(1, "101", "102", "103"),
            headers={**xml, "Authorization": f"Bearer {reader}"},
        )
        auth = {**xml, "Authorization": f"Bearer {editor}"}
        ok = httpx.post(url, content=medallists(1, "101", "102", "103"), headers=auth)
        bad = httpx.post(url, content=LAUGHS, headers=auth)
        table = httpx.get(f"{server.url}/games/{TEST}.json").json()
    assert (none.status_code, fan.status_code) == (401, 403)
    assert ok.status_code == 200
    assert (ok.json()["action"], ok.json()["ledger"]) == ("applied", [1])
    assert bad.status_code == 422
    assert bad.json()["detail"] == "has a DTD or entity declaration, which no ODF message carries"
    assert nocs.store.ledger_entries(games=TEST)[0].actor == "feed"
    assert [r["noc"] for r in table["rows"]] == ["NED", "SUI", "USA"]


def test_the_command_ingests_a_folder_in_name_order(
    nocs: Podium, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "2-DT_MEDALLISTS-v2.xml").write_bytes(medallists(2, "102", "101", "103"))
    (folder / "1-DT_MEDALLISTS-v1.xml").write_bytes(medallists(1, "101", "102", "103"))
    (folder / "3-broken.xml").write_bytes(b"<OdfBody")
    run = CliRunner().invoke(cli, ["ingest", "odf", str(folder), "--db", database_url])
    assert run.exit_code == 1  # one message refused
    lines = [line for line in run.output.splitlines() if not line.startswith("  ")]
    assert lines[0] == "DT_MEDALLISTS CRDWTT v1: applied (ledger result 1)"
    assert lines[1].startswith("DT_MEDALLISTS CRDWTT v2: applied (ledger correction 2)")
    assert lines[2].startswith("3-broken.xml: refused (not well-formed XML")
    # one message by URL
    (tmp_path / "served").mkdir()
    (tmp_path / "served" / "v3.xml").write_bytes(medallists(3, "103", "101", "102"))
    with serve_folder(tmp_path / "served") as base:
        run = CliRunner().invoke(
            cli, ["ingest", "odf", f"{base}/v3.xml", "--db", database_url, "--format", "json"]
        )
    assert run.exit_code == 0, run.output
    (outcome,) = json.loads(run.stdout)  # the file server logs each request on stderr
    assert (outcome["document"], outcome["detail"]) == (
        "DT_MEDALLISTS CRDWTT v3",
        "ledger correction 3",
    )
    assert parse(medallists(1, "101")).header.key == (
        "OG2032-TST",
        EVENT,
        "",
        "DT_MEDALLISTS",
        "",
        "ENG",
    )


# -- the 2026 Games as a feed --------------------------------------------------------------


def test_the_2026_feed_shuffled_duplicated_and_corrected_ends_at_the_official_table(
    database_url: str, data_dir: Path
) -> None:
    from podium.odf.replay import messages
    from podium.replay import results, stage

    with Podium(database_url) as podium:
        stage(podium, str(data_dir), LIVE, history=False)
        plan = results(podium, str(data_dir), LIVE)
        rng = random.Random(2026)
        events = sorted(r.event for r in plan)
        revised = set(rng.sample(events, len(events) // 10))
        feed = messages(podium, str(data_dir), LIVE, revise=revised)
        assert len(feed) == 16 + 2 * len(plan) + len(revised)  # schedules, medallists, tables
        sent = feed + rng.sample(feed, len(feed) // 10)  # 10% twice
        rng.shuffle(sent)
        outcomes = Feed(podium).ingest_all(sent)
        actions = Counter(o.action for o in outcomes)
        assert actions["refused"] == 0
        assert actions["duplicate"] == len(feed) // 10
        table = podium.table(LIVE)
        top = [(r.noc, r.tally.gold, r.tally.silver, r.tally.bronze) for r in table.rows[:4]]
        assert top == [
            ("NOR", 18, 12, 11),
            ("USA", 12, 12, 9),
            ("NED", 10, 7, 3),
            ("ITA", 10, 6, 14),
        ]
        ain = next(r for r in table.rows if r.noc == "AIN")
        assert (ain.rank, ain.tally.silver) == (None, 1)
        # the standing medals are the import's, one by one; unrevised ones at the same moment
        want = {
            (r.event, e["medal"], e["noc"], e.get("athlete_key") or e["team"]): r.awarded_at
            for r in plan
            for e in r.body["medals"]
        }
        have = {
            (a.event, a.medal.label, a.noc, a.athlete or a.team): a.awarded_at
            for a in podium.store.awards(games=[LIVE])
        }
        assert set(have) == set(want)
        assert {k: v for k, v in have.items() if k[0] not in revised} == {
            k: v for k, v in want.items() if k[0] not in revised
        }
        # the last table sent agrees with the ledger: nothing left to report at the end
        assert [o.document for o in outcomes if o.action == "reconciled"] == []
