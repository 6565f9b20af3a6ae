"""A Games as the ODF messages a results system would have sent: each discipline's schedule of
medal units (DT_SCHEDULE), every event's medallists (DT_MEDALLISTS) at the moment they were
decided, and the medal standings after each (DT_MEDALS, one Games-wide document, a new
version each time), named as the feed names its files, so a folder in name order is the
order they were sent.

The medals are the importer's own (`podium.replay.results`), so a feed ingested into a
database staged for the Games ends where the import ends. Events named in `revise` are sent
first with gold and silver the wrong way round, then corrected by a second version.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.sax.saxutils import quoteattr

from podium import events
from podium.core import Podium
from podium.importers import Report
from podium.importers.source import each_row, join
from podium.odf import codes
from podium.replay import _source_for, results

MEDAL_CODES = {"gold": "ME_GOLD", "silver": "ME_SILVER", "bronze": "ME_BRONZE"}
GLOBAL = "GLO".ljust(34, "-")  # the Games-wide medal standings' document code
CORRECTED_AFTER = timedelta(minutes=1)


@dataclass(frozen=True)
class MedalUnit:
    unit: str  # the RSC of the unit that decides the medals (the last one, as the import)
    discipline: str  # ODF discipline code
    title: str  # the event as the Games name it
    gender: str
    ends_at: datetime


def _attrs(**values: Any) -> str:
    return " ".join(f"{k}={quoteattr(str(v))}" for k, v in values.items() if v not in (None, ""))


def _message(
    competition: str,
    kind: str,
    code: str,
    version: int,
    at: datetime,
    body: str,
    status: str = "",
    note: str = "",
) -> tuple[str, bytes]:
    local = at.astimezone(UTC)
    header = _attrs(
        CompetitionCode=competition,
        DocumentCode=code,
        DocumentType=kind,
        Version=version,
        ResultStatus=status,
        FeedFlag="T",
        TimeStamp=local.isoformat(timespec="milliseconds"),
        LogicalDate=local.date().isoformat(),
        Source="PODIUM",
    )
    notes = f"<Note>{note}</Note>" if note else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><OdfBody {header}>'
        f'<Competition Gen="OWG2026-GEN-4.6" Codes="OWG2026-CC">{body}</Competition>{notes}'
        "</OdfBody>"
    )
    # FND 8.4: CompetitionCode~LogicalDate~Date~Time~Type~Subtype~Code~Subcode~Status~Version~
    # FeedFlag~Language; the time to the millisecond keeps name order the sending order
    name = "~".join(
        [
            competition,
            local.date().isoformat(),
            local.date().isoformat(),
            local.strftime("%H%M%S") + f"{local.microsecond // 1000:03d}",
            kind,
            "",
            code,
            "",
            status,
            str(version),
            "T",
            "ENG",
        ]
    )
    return name + ".xml", xml.encode()


def medal_units(data: str, games: str) -> dict[str, MedalUnit]:
    """Each event of the Games (canonical key) with the unit that decides its medals."""
    source = _source_for(games)
    found: dict[str, MedalUnit] = {}

    def row(line: int, r: dict[str, str]) -> bool:
        if r.get("event_medal") != "1":
            return False
        title = r["event"]
        discipline = events.discipline_for(r["discipline"], title)
        key = events.event_key(discipline, events.event_gender(r.get("gender"), title), title)
        ends = datetime.fromisoformat(r["end_date"]).astimezone(UTC)
        known = found.get(key)
        if known is None or ends > known.ends_at:
            found[key] = MedalUnit(r["id"], r["discipline_code"], title, r["gender"], ends)
        return True

    columns = ("id", "discipline", "discipline_code", "event", "event_medal", "gender")
    each_row(join(join(data, source.folder), "schedules.csv"), Report(games), row, None, columns)
    return found


def messages(
    podium: Podium, data: str, games: str, revise: Collection[str] = ()
) -> list[tuple[str, bytes]]:
    """(file name, message) of the whole Games' feed, in the order it was sent."""
    competition = next(c for c, known in codes.KNOWN.items() if known[0] == games)
    plan = results(podium, data, games)
    units = medal_units(data, games)
    out: list[tuple[tuple[datetime, int], tuple[str, bytes]]] = []
    start = min(r.awarded_at for r in plan) - timedelta(days=1)
    per_discipline: dict[str, list[MedalUnit]] = {}
    for u in units.values():
        per_discipline.setdefault(u.discipline, []).append(u)
    for discipline, listed in sorted(per_discipline.items()):
        body = "".join(
            f"<Unit {_attrs(Code=u.unit, ScheduleStatus='SCHEDULED', Medal=1)} "
            f"{_attrs(EndDate=u.ends_at.isoformat())}>"
            f"<ItemName {_attrs(Language='ENG', Value=u.title)}/></Unit>"
            for u in sorted(listed, key=lambda u: u.unit)
        )
        code = discipline.ljust(34, "-")
        out.append(((start, 0), _message(competition, "DT_SCHEDULE", code, 1, start, body)))
    tally: dict[str, Counter[str]] = {}
    for n, result in enumerate(plan, start=1):
        unit = units[result.event]
        medals = result.body["medals"]
        versions = [(1, medals, "")]
        if result.event in revise:
            wrong = [
                {**m, "medal": {"gold": "silver", "silver": "gold"}.get(m["medal"], m["medal"])}
                for m in medals
            ]
            versions = [(1, wrong, ""), (2, medals, "Gold and silver corrected after review")]
        for version, listed, note in versions:
            at = result.awarded_at + CORRECTED_AFTER * (version - 1)
            body = _medallists(podium, games, unit, listed, at)
            code = unit.unit[:22].ljust(34, "-")
            sent = _message(competition, "DT_MEDALLISTS", code, version, at, body, "OFFICIAL", note)
            out.append(((at, 1), sent))
        for m in medals:
            tally.setdefault(m["noc"], Counter())[m["medal"]] += 1
        standings = _standings(tally)
        at = result.awarded_at + CORRECTED_AFTER * len(versions)
        out.append(((at, 2), _message(competition, "DT_MEDALS", GLOBAL, n, at, standings)))
    return [sent for _, sent in sorted(out, key=lambda item: item[0])]


def _medallists(
    podium: Podium, games: str, unit: MedalUnit, medals: list[dict[str, Any]], at: datetime
) -> str:
    sport = _attrs(DisciplineName=unit.discipline, EventName=unit.title, Gender=unit.gender)
    parts = [f"<ExtendedInfos><SportDescription {sport}/></ExtendedInfos>"]
    teams: Counter[str] = Counter()
    for m in medals:
        noc = m["noc"]
        if "athlete_key" in m:
            inner = _athlete(podium, games, m["athlete_key"], noc)
            competitor = _attrs(Code=_code(games, m["athlete_key"]), Type="A", Organisation=noc)
            element = f"<Competitor {competitor}><Composition>{inner}</Composition></Competitor>"
        else:
            teams[noc] += 1
            code = f"{unit.unit[:22]}{noc}{teams[noc]:02d}"
            members = "".join(_athlete(podium, games, k, noc) for k in m.get("member_keys", []))
            element = (
                f"<Competitor {_attrs(Code=code, Type='T', Organisation=noc)}>"
                f"<Description {_attrs(TeamName=m['team'])}/>"
                f"<Composition>{members}</Composition></Competitor>"
            )
        medal = _attrs(Code=MEDAL_CODES[m["medal"]], Unit=unit.unit, Date=at.date().isoformat())
        parts.append(f"<Medal {medal}>{element}</Medal>")
    return "".join(parts)


def _code(games: str, key: str) -> str:
    """The competitor code for an athlete: the Games' own code where the athlete has one; an
    athlete matched to an earlier source is found again by name and NOC."""
    prefix = games + ":"
    return key[len(prefix) :] if key.startswith(prefix) else key.replace(":", "_")


def _athlete(podium: Podium, games: str, key: str, noc: str) -> str:
    a = podium.store.athlete(key)
    given, family, gender = (a.given, a.family, a.gender or "") if a else ("", key, "")
    description = _attrs(
        GivenName=given,
        FamilyName=family,
        Gender={"W": "F"}.get(gender, gender),
        Organisation=noc,
    )
    return (
        f"<Athlete {_attrs(Code=_code(games, key), Order=1)}><Description {description}/></Athlete>"
    )


def _standings(tally: dict[str, Counter[str]]) -> str:
    rows = sorted(
        tally.items(), key=lambda kv: (-kv[1]["gold"], -kv[1]["silver"], -kv[1]["bronze"], kv[0])
    )
    lines = []
    for i, (noc, t) in enumerate(rows, start=1):
        counts = _attrs(
            Type="TOT",
            Gold=t["gold"] or None,
            Silver=t["silver"] or None,
            Bronze=t["bronze"] or None,
            Total=t["gold"] + t["silver"] + t["bronze"],
        )
        lines.append(
            f"<MedalLine {_attrs(Organisation=noc, SortRank=i)}><MedalNumber {counts}/></MedalLine>"
        )
    return f"<MedalStandings><MedalsTable>{''.join(lines)}</MedalsTable></MedalStandings>"
