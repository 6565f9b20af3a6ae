"""The shapes of the JSON the app answers and takes, as pydantic models: FastAPI builds the
OpenAPI description from them (`/api/openapi.json`, shown at `/api/docs`).

They describe; they do not convert. A handler still answers the bytes it built (a `Response`,
which FastAPI passes through untouched), so the read path does no per-request validation and
the read cache keeps serving stored bytes. Query parameters are all taken as text and checked
by the page's own builder, whose errors are this API's (`{"error": ...}`); `enum`, `integer`
and the like in their schemas say what the builder accepts. tests/test_openapi.py keeps these
shapes true: schemathesis generates requests from the description and checks every answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Header, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from podium.table import ORDERS
from podium.web.i18n import LANGS

MedalName = Literal["gold", "silver", "bronze"]
Nullable = str | None


# -- reads -----------------------------------------------------------------------------------


class Tally(BaseModel):
    gold: int
    silver: int
    bronze: int
    total: int


class Noc(BaseModel):
    noc: str
    name: str
    flag: str
    iso2: Nullable


class Games(BaseModel):
    slug: str
    name: str
    year: int
    season: str
    host: Nullable
    starts_at: Nullable
    ends_at: Nullable


class Person(BaseModel):
    key: str
    name: str


class Award(BaseModel):
    key: str
    games: str
    event: str
    medal: MedalName
    noc: str
    name: str = ""
    flag: str = ""
    iso2: Nullable = None
    athlete: Person | None
    team: Nullable
    members: list[Person]
    awarded_at: Nullable = None
    precision: Nullable = None
    source: Nullable = None
    event_title: Nullable = None


class TableRow(Noc, Tally):
    rank: int | None = Field(description="null: listed, not ranked")
    rank_label: str
    tied: bool
    points: int


class Change(BaseModel):
    at: datetime
    kind: Literal["revoked", "awarded"]
    event: str
    noc: str
    medal: str
    team: Nullable
    athlete: Nullable
    reason: str


class ProjectedGold(BaseModel):
    expected_gold: float
    gold_interval: list[int]
    p_top10: float | None


class MedalTable(BaseModel):
    title: str
    games: list[str]
    as_of: Nullable
    order: Literal["gold", "total", "points"]
    weights: list[int]
    filters: dict[str, str]
    medals: Tally
    rows: list[TableRow]
    seq: int = Field(description="the ledger sequence this table includes")
    changes: list[Change] = Field(
        description="medals revoked or awarded after the Games' close, with when and why"
    )
    projection: dict[str, ProjectedGold] = Field(
        description="per NOC, while events are still to come: expected final golds, their 80% "
        "interval and P(top 10) (podium.projection.column); empty after the last event"
    )


class Appearance(BaseModel):
    games: str
    sport: str


class Match(BaseModel):
    key: str
    name: str
    noc: str
    born: int | None
    medals: int
    match: Literal["name", "words", "alike"]
    appearances: list[Appearance]


class EventTitle(BaseModel):
    key: str
    title: str


class SearchPage(BaseModel):
    query: str
    matches: list[Match]
    nocs: list[Noc] = Field(description="countries whose name or code matches")
    events: list[EventTitle] = Field(description="events whose title matches")


class RaceSeries(Noc):
    golds: list[int]


class RacePage(BaseModel):
    games: Games
    days: list[date]
    series: list[RaceSeries]
    noc: str = Field(description="the reader's country, drawn bold")


class NocGames(Tally):
    games: Games
    rank: int | None
    tied: bool = False


class NocPage(Noc):
    games: Games
    awards: list[Award]
    history: list[NocGames]


class EventName(BaseModel):
    key: str
    discipline: str
    gender: str
    title: str


class Podium(BaseModel):
    games: Games
    awards: list[Award]


class FullResult(BaseModel):
    place: int | None
    tied: bool
    name: str
    noc: Nullable
    athlete: Nullable
    competitor: str
    result: Nullable
    result_type: Nullable
    margin: Nullable
    irm: Nullable = Field(description="invalid result mark: DNS, DNF, DSQ, RET ...")
    wlt: Nullable
    records: list[str]


class UnitResults(BaseModel):
    games: str
    unit: str
    name: str
    status: str
    version: int
    results: list[FullResult]


class EventPage(BaseModel):
    event: EventName
    spellings: list[str]
    podiums: list[Podium]
    results: list[UnitResults] = Field(
        description="full results of the event's units, from the ODF feed"
    )


class AthleteName(BaseModel):
    key: str
    name: str
    noc: Nullable
    gender: Nullable


class GamesTally(Tally):
    games: Games


class AthletePage(Tally):
    athlete: AthleteName
    games: list[GamesTally]
    awards: list[Award]


class Sentence(BaseModel):
    text: str
    facts: list[str] = Field(description="the ids of the facts (in `facts`) this sentence says")


class Story(BaseModel):
    kind: Literal["table", "event"]
    event: Nullable
    as_of: Nullable
    headline: Sentence
    lead: Sentence
    paragraphs: list[list[Sentence]]


class Fact(BaseModel):
    id: str
    kind: str
    subjects: list[str]
    numbers: dict[str, Any]
    evidence: list[str]
    score: float
    relevance: float


class Named(BaseModel):
    kind: Literal["noc", "athlete", "event", "games", "discipline"]
    key: str
    name: str


class Proof(BaseModel):
    """One medal that shows a fact."""

    medal: MedalName
    medal_word: str
    winner: list[Named]
    team: Nullable
    noc: Named
    event: Named
    games: Named


class Explained(BaseModel):
    id: str
    kind: str
    title: str = Field(description="the kind of fact in words")
    subjects: list[Named]
    numbers: list[Annotated[list[str], Field(min_length=2, max_length=2)]] = Field(
        description="(what, value), both in words"
    )
    proofs: list[Proof]


class StoriesPage(BaseModel):
    games: Games
    perspective: Noc
    as_of: Nullable
    stories: list[Story]
    facts: dict[str, Fact] = Field(
        description="every fact a sentence names, by id, with the award keys it rests on"
    )
    explained: dict[str, Explained] = Field(
        description="each fact in words, by id, with the medals that prove it"
    )


class TitledGames(Games):
    title: str = Field(description="the Games' name in the page's language")


class HomePage(BaseModel):
    live: list[TitledGames] = Field(description="being decided now")
    recent: list[TitledGames]
    games: list[TitledGames] = Field(description="newest first")
    latest: Nullable
    countries: list[Noc]


NullableNumber = Annotated[float | None, Field(description="null: outside the ranking")]
Pair = Annotated[list[int], Field(min_length=2, max_length=2)]


class ProjectionRow(Noc):
    now: Tally
    expected_gold: float
    expected_silver: float
    expected_bronze: float
    expected_total: float
    gold_interval: Pair = Field(description="80%: 10th to 90th percentile")
    total_interval: Pair
    median_gold: int = Field(description="the median of final golds")
    median_total: int = Field(description="the median of final medals")
    expected_to_come: float
    p_first: NullableNumber
    p_top3: NullableNumber
    p_top10: NullableNumber
    target: int | None = Field(description="the rank it aims for")
    p_target: float | None


class ProjectedNoc(ProjectionRow):
    golds: list[float]
    totals: list[float]
    ranks: list[float]


class Course(BaseModel):
    as_of: str
    events_decided: int
    expected_gold: float
    p_top10: NullableNumber
    p_first: NullableNumber


class ProjectionPage(BaseModel):
    games: Games
    as_of: Nullable
    draws: int
    seed: int
    events_decided: int
    events_to_come: int
    interval: float
    rows: list[ProjectionRow]
    noc: ProjectedNoc | None = Field(
        description="the chosen NOC with P(golds = k), P(medals = k), P(rank = r + 1)"
    )
    trajectory: list[Course]


class LedgerEntry(BaseModel):
    seq: int
    kind: str
    event: str
    effective_at: str
    recorded_at: str
    actor: str
    reason: str
    request: dict[str, Any]


class ReadError(BaseModel):
    error: str


class RouterError(BaseModel):
    """The router's own answer when no route matches (a path with a line break in it)."""

    detail: str


# -- writes ----------------------------------------------------------------------------------


class Problem(BaseModel):
    field: str = Field(description="the field at fault, e.g. medals[0].noc")
    message: str
    limit: int = Field(0, description="413 only: the body limit in bytes")


class DeskError(BaseModel):
    error: Problem


class Recorded(BaseModel):
    seq: int = Field(description="the ledger sequence: the live stream's event id")
    kind: Literal["result", "correction", "disqualification"]
    games: str
    event: str
    duplicate: bool = Field(
        description="true: this very result was recorded before; nothing new written"
    )


Names = list[Annotated[str, Field(min_length=1)]]


class Out(BaseModel):
    """What `ledger.parse_entry` takes: an athlete (name or key) or a team (name, members)."""

    model_config = ConfigDict(title="Out")
    medal: MedalName | None = Field(None, description="any letter case")
    noc: str = Field(description="an IOC code, e.g. NED (any letter case)")
    athlete: str = Field(
        "", description="the athlete's name as the desk types it: 'Femke Kok' or 'KOK Femke'"
    )
    athlete_key: str = Field("", description="an athlete's key, instead of a name")
    team: str = Field("", description="a team's name: an entry is an athlete or a team, not both")
    members: Names = []
    member_keys: Names = []
    tie: bool = Field(False, description="this medal is shared (each entry says so)")


class Entry(Out):
    model_config = ConfigDict(title="Entry")
    medal: MedalName = Field(description="any letter case")


Moment = Annotated[datetime, Field(description="ISO 8601 with a time zone")]
Medals = Annotated[list[Entry], Field(min_length=1)]
Reason = Annotated[str, Field(min_length=1)]
Vacant = Annotated[
    list[Literal["silver", "bronze"]],
    Field(description="medals left vacant on purpose (a finalist disqualified)"),
]


class ResultBody(BaseModel):
    """ledger.parse_result: one event's whole podium"""

    event: str = Field(description="e.g. speed-skating/w/500m")
    awarded_at: Moment = None  # type: ignore[assignment]
    medals: Medals
    reason: str = ""
    vacant: Vacant = []


class CorrectionBody(BaseModel):
    """ledger.parse_correction: the event's whole podium anew"""

    medals: Medals
    reason: Reason
    effective_at: Moment = None  # type: ignore[assignment]
    vacant: Vacant = []


class DisqualificationBody(BaseModel):
    """ledger.parse_disqualification: entries out, medals moving up (or vacant)"""

    disqualified: Annotated[list[Out], Field(min_length=1)]
    reallocated: list[Entry] = []
    reason: Reason
    effective_at: Moment = None  # type: ignore[assignment]


class OdfOutcome(BaseModel):
    document: str
    action: Literal[
        "applied", "unchanged", "superseded", "duplicate", "cancelled", "stored", "refused"
    ]
    detail: str
    games: Nullable
    mapping: list[str]
    problems: list[str]
    ledger: list[int]


# -- query parameters ------------------------------------------------------------------------
# Each page's query as a model whose fields FastAPI lists as parameters. Every field is text
# (the builder parses and answers its own 422); the schema extras say what it accepts.


def unset(**schema: Any) -> Callable[[dict[str, Any]], None]:
    """A schema edit: `schema` added, and no default said (absent is not the empty text the
    handler sees; it takes absent as "not given")."""

    def edit(found: dict[str, Any]) -> None:
        found.pop("default", None)
        found.update(schema)

    return edit


def _text(description: str, example: str = "", **schema: Any) -> Any:
    extra = {**schema, **({"examples": [example]} if example else {})}
    return Field("", description=description, json_schema_extra=unset(**extra))


class TableQuery(BaseModel):
    order: str = Field(
        "gold",
        description="gold first (official), total medals, or points 3-2-1",
        json_schema_extra={"enum": list(ORDERS)},
    )
    sport: str = _text("only this sport's medals", "speed-skating")
    as_of: str = _text(
        "the table as it stood then: a date (end of that day at the host) or a date-time",
        "2026-02-17",
    )


class NocQuery(BaseModel):
    games: str = _text("the Games to list awards of; default the latest", "milano-cortina-2026")


class SearchQuery(BaseModel):
    q: str = _text("a name as people type it (any case, accents optional)", "Wust")


class RaceQuery(BaseModel):
    noc: str = _text("the reader's country, drawn bold (and added when not a leader)", "NED")


class StoriesQuery(BaseModel):
    perspective: str = _text("the reader's country (IOC code)", "NED")
    as_of: str = _text(
        "the news as it stood then: a date (end of that day at the host) or a date-time",
        "2026-02-17",
    )


class ProjectionQuery(BaseModel):
    noc: str = _text("the country whose spread and course are shown", "NED")
    as_of: str = _text(
        "the projection as it stood then: a date (end of that day at the host) or a date-time",
        "2026-02-17",
    )


LANG = Query(
    description="the page's language; default from Accept-Language, else English",
    json_schema_extra=unset(enum=list(LANGS)),
)
IF_NONE_MATCH = Header(
    alias="If-None-Match",
    description="an ETag from before: 304 when nothing changed",
    json_schema_extra=unset(),
)
Lang = Annotated[str, LANG]
IfNoneMatch = Annotated[str, IF_NONE_MATCH]


# -- path parameters and examples --------------------------------------------------------------

SLUG = "milano-cortina-2026"
EVENT = "speed-skating/w/500m"
Slug = Annotated[str, Path(description="the Games", examples=[SLUG])]
Code = Annotated[str, Path(description="an IOC code", examples=["NED"])]
EventKey = Annotated[str, Path(description="an event's key", examples=[EVENT])]
AthleteKey = Annotated[
    str, Path(description="an athlete's key", examples=["milano-cortina-2026:51795"])
]

KOK = {"noc": "NED", "athlete": "Femke Kok"}
LEERDAM = {"noc": "NED", "athlete": "Jutta Leerdam"}
TAKAGI = {"noc": "JPN", "athlete": "Miho Takagi"}
# one story told by the three examples: a result, its correction, a disqualification
EXAMPLES: dict[str, dict[str, Any]] = {
    "result": {
        "event": EVENT,
        "awarded_at": "2026-02-15T18:30:00+01:00",
        "medals": [
            {"medal": "gold", **KOK},
            {"medal": "silver", **LEERDAM},
            {"medal": "bronze", **TAKAGI},
        ],
    },
    "correction": {
        "medals": [
            {"medal": "gold", **LEERDAM},
            {"medal": "silver", **KOK},
            {"medal": "bronze", **TAKAGI},
        ],
        "reason": "photo finish reviewed",
        "effective_at": "2026-02-16T12:00:00+01:00",
    },
    "disqualification": {
        "disqualified": [LEERDAM],
        "reallocated": [{"medal": "gold", **KOK}, {"medal": "silver", **TAKAGI}],
        "reason": "anti-doping rule violation",
    },
}
ODF_EXAMPLE = (
    '<?xml version="1.0" encoding="UTF-8"?><OdfBody CompetitionCode="OWG2026" '
    'DocumentCode="SSKW500M--------------------------" DocumentType="DT_MEDALS" Version="1" '
    'FeedFlag="T" LogicalDate="2026-02-15" Source="ODS"/>'
)


def inline(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its definitions written in place: what a request body
    that the handler parses itself (so FastAPI never sees the model) is described with."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                return resolve(definitions[ref.rsplit("/", 1)[1]])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved
