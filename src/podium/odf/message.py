"""One ODF message: its header, and the parts of its body Podium reads, as plain dataclasses.

Parsing refuses rather than guesses: a message that is not well-formed XML, carries a DTD (no
ODF message has one; a DTD is how entity expansion and external entities get in), lacks a
mandatory header attribute, or has a malformed number raises `OdfError` naming the document
and the reason. The parser never loads a DTD, resolves an entity or touches the network.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from lxml import etree

MAX_BYTES = 10 * 1024 * 1024  # FND 8.2: the largest message a producer sends
# *_UPDATE messages replace only the items they list; every other type is a full message
PARTIAL = frozenset(
    {"DT_SCHEDULE_UPDATE", "DT_PARTIC_UPDATE", "DT_PARTIC_TEAMS_UPDATE", "DT_PARTIC_HORSES_UPDATE"}
)
MEDALS = {"ME_GOLD": 1, "ME_SILVER": 2, "ME_BRONZE": 3}
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class OdfError(ValueError):
    """A message refused: `document` names it (its header's type and code, else its origin)."""

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"{document}: {reason}")
        self.document = document
        self.reason = reason


@dataclass(frozen=True)
class Rsc:
    """A 34-character results system code, sliced by position (dashes are only filler)."""

    code: str

    def _part(self, start: int, end: int) -> str:
        return self.code[start:end].rstrip("-")

    @property
    def discipline(self) -> str:
        return self.code[:3]

    @property
    def gender(self) -> str:
        return self.code[3:4]

    @property
    def event_type(self) -> str:
        return self._part(4, 12)

    @property
    def phase(self) -> str:
        return self._part(22, 26)

    @property
    def unit(self) -> str:
        return self._part(26, 34)

    @property
    def event(self) -> str:
        """The event-level code: this code up to the event modifier, dashes after."""
        return self.code[:22].ljust(34, "-")

    @property
    def short(self) -> str:
        return self.code.rstrip("-")


@dataclass(frozen=True)
class Header:
    competition: str
    document_code: str
    document_subcode: str
    document_type: str
    document_subtype: str
    language: str
    version: int
    source: str
    result_status: str
    feed_flag: str
    logical_date: date
    sent_at: datetime | None  # aware UTC: TimeStamp, or Date + Time (local, offset unknown)

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What a newer version of the same document shares (FND 6.19; Source may change)."""
        return (
            self.competition,
            self.document_code,
            self.document_subcode,
            self.document_type,
            self.document_subtype,
            self.language,
        )

    @property
    def rsc(self) -> Rsc:
        return Rsc(self.document_code)

    @property
    def name(self) -> str:
        sub = f"/{self.document_subcode}" if self.document_subcode else ""
        return f"{self.document_type} {self.document_code.rstrip('-')}{sub} v{self.version}"

    @property
    def partial(self) -> bool:
        return self.document_type in PARTIAL


@dataclass(frozen=True)
class Message:
    header: Header
    body: Any  # the <Competition> element (lxml), None when the message cancels its version
    note: str
    digest: str  # sha256 of the bytes as received: the same version twice is a duplicate
    raw: bytes

    @property
    def cancels(self) -> bool:
        return self.body is None


# -- parts of bodies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    code: str
    given: str
    family: str
    gender: str  # M | W as Podium spells it; "" when not given
    noc: str
    birth_date: str = ""
    status: str = ""


@dataclass(frozen=True)
class Competitor:
    code: str
    kind: str  # A athlete | T team | G group; placeholders (NOCOMP, BYE, TBD) have no NOC
    noc: str
    team: str  # a team's name
    members: tuple[Person, ...]

    @property
    def placeholder(self) -> bool:
        return self.code in {"NOCOMP", "BYE", "TBD"} or not self.noc


@dataclass(frozen=True)
class MedalAward:
    medal: int  # 1 gold, 2 silver, 3 bronze
    unit: str
    day: str
    competitor: Competitor


@dataclass(frozen=True)
class Sport:
    discipline: str
    event: str
    gender: str


@dataclass(frozen=True)
class MedalLine:
    noc: str
    rank: int | None
    gold: int
    silver: int
    bronze: int


@dataclass(frozen=True)
class ResultRow:
    sort_order: int
    rank: int | None
    rank_equal: bool
    result: str
    result_type: str
    irm: str
    wlt: str
    diff: str
    records: tuple[str, ...]
    competitor: Competitor


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    status: str
    medal: str  # "1" gold-medal unit, "3" bronze-medal unit, "" none
    starts_at: datetime | None
    ends_at: datetime | None


# -- parsing --------------------------------------------------------------------------------


def parse(raw: bytes, origin: str = "message") -> Message:
    """The message in `raw`, or `OdfError` naming it (by `origin` until its header is read)."""
    if len(raw) > MAX_BYTES:
        raise OdfError(origin, f"{len(raw)} bytes, over the {MAX_BYTES}-byte limit of a message")
    if _DTD.search(raw):
        raise OdfError(origin, "has a DTD or entity declaration, which no ODF message carries")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise OdfError(origin, f"not well-formed XML ({exc})") from None
    if root.getroottree().docinfo.internalDTD is not None:
        # reached only by an encoding the byte scan does not read (UTF-16): still refused
        raise OdfError(origin, "has a DTD or entity declaration, which no ODF message carries")
    if root.tag != "OdfBody":
        raise OdfError(origin, f"the root element is <{root.tag}>, not <OdfBody>")
    header = _header(root, origin)
    bodies = root.findall("Competition")
    if len(bodies) > 1:
        raise OdfError(header.name, "has more than one <Competition>")
    note = " ".join(n.text or "" for n in root.findall("Note")).strip()
    body = bodies[0] if bodies else None
    return Message(header, body, note, hashlib.sha256(raw).hexdigest(), raw)


def _header(root: Any, origin: str) -> Header:
    a = root.attrib
    missing = [
        name
        for name in ("CompetitionCode", "DocumentCode", "DocumentType", "Version", "LogicalDate")
        if not a.get(name)
    ]
    if missing:
        raise OdfError(origin, f"the header lacks {', '.join(missing)}")
    name = f"{a['DocumentType']} {a['DocumentCode'].rstrip('-')}"
    version = a["Version"]
    if not version.isdigit() or int(version) < 1:
        raise OdfError(name, f"Version {version!r} is not a positive whole number")
    try:
        logical = date.fromisoformat(a["LogicalDate"])
    except ValueError:
        raise OdfError(name, f"LogicalDate {a['LogicalDate']!r} is not YYYY-MM-DD") from None
    return Header(
        competition=a["CompetitionCode"],
        document_code=a["DocumentCode"],
        document_subcode=a.get("DocumentSubcode", ""),
        document_type=a["DocumentType"],
        document_subtype=a.get("DocumentSubtype", ""),
        language=a.get("Language", "ENG"),
        version=int(version),
        source=a.get("Source", ""),
        result_status=a.get("ResultStatus", ""),
        feed_flag=a.get("FeedFlag", ""),
        logical_date=logical,
        sent_at=_sent_at(a, name),
    )


def _sent_at(a: Any, name: str) -> datetime | None:
    """TimeStamp (OG2028 test feeds) or Date + Time hhmmssfff (FND; producer's local time,
    taken as UTC since the header gives no offset)."""
    stamp = a.get("TimeStamp")
    if stamp:
        return moment(stamp, name, "TimeStamp")
    day, clock = a.get("Date"), a.get("Time")
    if day and clock:
        if not re.fullmatch(r"\d{9}", clock):
            raise OdfError(name, f"Time {clock!r} is not hhmmssfff")
        try:
            base = datetime.fromisoformat(day).replace(tzinfo=UTC)
        except ValueError:
            raise OdfError(name, f"Date {day!r} is not YYYY-MM-DD") from None
        h, m, s, ms = int(clock[:2]), int(clock[2:4]), int(clock[4:6]), int(clock[6:])
        return base + timedelta(hours=h, minutes=m, seconds=s, milliseconds=ms)
    return None


def moment(text: str, document: str, field: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise OdfError(document, f"{field} {text!r} is not an ISO 8601 date-time") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _int(text: str | None, document: str, field: str) -> int | None:
    if text is None or text == "":
        return None
    if not text.isdigit():
        raise OdfError(document, f"{field} {text!r} is not a whole number")
    return int(text)


def _count(element: Any, name: str, document: str) -> int:
    return _int(element.get(name), document, name) or 0


def _person(code: str, description: Any, noc: str) -> Person:
    d = description.attrib if description is not None else {}
    gender = {"M": "M", "F": "W", "W": "W"}.get(d.get("Gender", ""), "")
    return Person(
        code=code,
        given=d.get("GivenName", ""),
        family=d.get("FamilyName", ""),
        gender=gender,
        noc=d.get("Organisation") or noc,
        birth_date=d.get("BirthDate", ""),
    )


def competitor(element: Any) -> Competitor:
    noc = element.get("Organisation", "")
    team = element.find("Description")
    members = tuple(
        _person(a.get("Code", ""), a.find("Description"), noc)
        for a in element.iterfind("Composition/Athlete")
    )
    return Competitor(
        code=element.get("Code", ""),
        kind=element.get("Type", "A"),
        noc=noc,
        team=team.get("TeamName", "") if team is not None else "",
        members=members,
    )


def sport(message: Message) -> Sport | None:
    """SportDescription: the discipline, event and gender as the message names them."""
    found = message.body.find("ExtendedInfos/SportDescription")
    if found is None:
        return None
    return Sport(
        found.get("DisciplineName", ""), found.get("EventName", ""), found.get("Gender", "")
    )


def medallists(message: Message) -> list[MedalAward]:
    name = message.header.name
    out = []
    for medal in message.body.iterfind("Medal"):
        code = medal.get("Code", "")
        if code not in MEDALS:
            raise OdfError(name, f"Medal Code {code!r} is not ME_GOLD, ME_SILVER or ME_BRONZE")
        for element in medal.iterfind("Competitor"):
            who = competitor(element)
            if who.placeholder:
                raise OdfError(name, f"a {code} goes to {who.code or 'a competitor'} without a NOC")
            out.append(MedalAward(MEDALS[code], medal.get("Unit", ""), medal.get("Date", ""), who))
    return out


def standings(message: Message) -> list[MedalLine]:
    """DT_MEDALS: each NOC's line (its TOT counts; absent counts are zero, FND 6.7)."""
    name = message.header.name
    out = []
    for line in message.body.iterfind("MedalStandings/MedalsTable/MedalLine"):
        total = next((n for n in line.iterfind("MedalNumber") if n.get("Type") == "TOT"), None)
        if total is None:
            raise OdfError(name, f"MedalLine {line.get('Organisation')} has no TOT MedalNumber")
        out.append(
            MedalLine(
                noc=line.get("Organisation", ""),
                rank=_int(line.get("Rank"), name, "Rank"),
                gold=_count(total, "Gold", name),
                silver=_count(total, "Silver", name),
                bronze=_count(total, "Bronze", name),
            )
        )
    return out


def results(message: Message) -> list[ResultRow]:
    name = message.header.name
    out = []
    for i, row in enumerate(message.body.iterfind("Result"), start=1):
        element = row.find("Competitor")
        if element is None:
            raise OdfError(name, f"Result {i} has no Competitor")
        records = tuple(r.get("Code", "") for r in row.iterfind("RecordIndicators/RecordIndicator"))
        out.append(
            ResultRow(
                sort_order=_int(row.get("SortOrder"), name, "SortOrder") or i,
                rank=_int(row.get("Rank"), name, "Rank"),
                rank_equal=row.get("RankEqual") == "Y",
                result=row.get("Result", ""),
                result_type=row.get("ResultType", ""),
                irm=row.get("IRM", ""),
                wlt=row.get("WLT", ""),
                diff=row.get("Diff", ""),
                records=records,
                competitor=competitor(element),
            )
        )
    orders = [r.sort_order for r in out]
    if len(set(orders)) != len(orders):
        raise OdfError(name, "two Result rows share a SortOrder")
    return out


def units(message: Message) -> list[Unit]:
    name = message.header.name
    out = []
    for unit in message.body.iterfind("Unit"):
        item = unit.find("ItemName")
        start, end = unit.get("StartDate"), unit.get("EndDate")
        out.append(
            Unit(
                code=unit.get("Code", ""),
                name=item.get("Value", "") if item is not None else "",
                status=unit.get("ScheduleStatus", ""),
                medal=unit.get("Medal", ""),
                starts_at=moment(start, name, "StartDate") if start else None,
                ends_at=moment(end, name, "EndDate") if end else None,
            )
        )
    return out


def participants(message: Message) -> Iterator[Person]:
    for p in message.body.iterfind("Participant"):
        person = _person(p.get("Code", ""), p, p.get("Organisation", ""))
        yield replace(person, status=p.get("Status", ""))
