"""The `podium` command: each command parses, calls the core, prints."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from podium import events as canon
from podium import serialize
from podium.core import NotFound, Podium
from podium.importers import SOURCES, SourceError, origins
from podium.importers.noc import reference as noc_reference
from podium.model import Medal, Season
from podium.search import ALIKE, Match
from podium.store import DEFAULT_DATABASE, UnusableDatabase, database_url
from podium.table import MedalTable

app = typer.Typer(
    help="Podium: the Olympic medal table and results desk.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

MEDAL_NAMES = {
    "en": {Medal.GOLD: "gold", Medal.SILVER: "silver", Medal.BRONZE: "bronze"},
    "nl": {Medal.GOLD: "goud", Medal.SILVER: "zilver", Medal.BRONZE: "brons"},
}
HEAD = {
    "en": ("Rank", "NOC", "Country", "Gold", "Silver", "Bronze", "Total", "Points"),
    "nl": ("Plaats", "NOC", "Land", "Goud", "Zilver", "Brons", "Totaal", "Punten"),
}


class Lang(StrEnum):
    nl = "nl"
    en = "en"


class OrderBy(StrEnum):
    gold = "gold"
    total = "total"
    points = "points"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Format(StrEnum):
    text = "text"
    json = "json"


Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="PODIUM_DATABASE_URL",
        show_default=DEFAULT_DATABASE,
        help="SQLite path or database URL.",
    ),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Country and medal names: nl or en.")]
GamesArg = Annotated[str, typer.Argument(help="Games slug, e.g. milano-cortina-2026")]
PerspectiveOpt = Annotated[str, typer.Option("--perspective", help="IOC code.")]


def _fail(message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    raise typer.Exit(2)


def _open(db: str | None) -> Podium:
    """The database a read command reads: never created by reading it."""
    url = database_url(db)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        _fail(f"no database at {url.removeprefix('sqlite:///')}: run `podium import` first")
    try:
        podium = Podium(db, migrate=False)
        games = podium.all_games()
    except Exception as exc:  # an empty, damaged or foreign database: say what to do
        if isinstance(exc, NotFound):
            raise
        if isinstance(exc, UnusableDatabase):
            _fail(str(exc))
        _fail(f"no Podium data in this database; run `podium import` first ({type(exc).__name__})")
    if not games:
        _fail("the database has no Games: run `podium import` first")
    return podium


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# -- the data a command reads (issue 16): given, or found, or fetched on first use ----------

_DATA_DEFAULT = "PODIUM_DATA, else ../shared/data beside the checkout, else the cache (fetched)"
DataArg = Annotated[
    str | None,
    typer.Argument(help="Data folder or URL prefix.", show_default=_DATA_DEFAULT),
]
DataOpt = Annotated[
    str | None,
    typer.Option("--data", help="Data folder or URL prefix.", show_default=_DATA_DEFAULT),
]


def _fetch_progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=not err.is_terminal,
    )


def _data(data: str | None, sources: Sequence[str] = ()) -> str:
    """The data folder given, or the one `origins.data_folder` finds (fetching into the
    cache on first use, with a progress bar)."""
    if data:
        return data
    folders = [s.folder for s in SOURCES if s.name in sources]
    with _fetch_progress() as progress:
        task = progress.add_task("fetching the data", total=None)

        def advance(file: str, n: int) -> None:
            progress.update(task, description=f"fetching {file}", advance=n)

        try:
            folder, fetched = origins.data_folder(folders, advance)
        except origins.FetchError as exc:
            _fail(str(exc))
    if fetched:
        err.print(f"fetched {len(fetched)} files into {folder}")
    return folder


@app.command("import")
def import_(
    data: DataArg = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source (repeatable).")
    ] = None,
    db: Db = None,
    format: Annotated[Format, typer.Option("--format")] = Format.text,
    allow_skips: Annotated[
        bool,
        typer.Option(
            "--allow-skips", show_default="off", help="Exit 0 even when rows were skipped (else 1)."
        ),
    ] = False,
) -> None:
    """Import the Olympic data (NOCs, history 1896-2022, Paris 2024, Milano Cortina 2026,
    Olympedia's athletes 1896-2026, the decisions that changed medals after the Games, team
    members no source lists).

    Each source is one transaction; importing again adds nothing. Every skipped or mapped row
    is reported; Olympedia's import also links every source's athletes into people. Rows
    skipped make the exit status 1 (what was good is written) unless --allow-skips; a file
    that is not UTF-8 is refused whole. With no data folder: PODIUM_DATA, else
    ../shared/data beside the checkout, else the cache, where the data is fetched on first
    use (see `podium data fetch`).

    Example: podium import ../shared/data --db podium.db
    """
    data = _data(data, source or ())
    with Podium(db) as podium:
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=format is Format.json or not err.is_terminal,
        )
        try:
            with progress:
                task = progress.add_task("importing", total=None)
                reports = podium.import_data(
                    data, source or (), lambda n: progress.advance(task, n)
                )
        except (NotFound, OSError, SourceError) as exc:
            _fail(str(exc))
    skipped = sum(len(r.skipped) for r in reports)
    if format is Format.json:
        _json([r.as_dict() for r in reports])
        if skipped and not allow_skips:
            raise typer.Exit(1)
        return
    for r in reports:
        added = ", ".join(f"{n} {t}" for t, n in r.added.items() if n) or "nothing new"
        out.print(
            f"[bold]{r.source}[/bold]: {r.rows} rows read = {r.used} used + "
            f"{len(r.skipped)} skipped + {r.unneeded} not needed; added {added}"
        )
        for s in r.skipped[:20]:
            out.print(f"  skipped {s}")
        if len(r.skipped) > 20:
            out.print(f"  … and {len(r.skipped) - 20} more (--format json lists all)")
        for what, n in sorted(r.mapped.items()):
            out.print(f"  mapped {n}× {what}")
        for note in r.notes[:30]:
            out.print(f"  {note}")
        if len(r.notes) > 30:
            out.print(f"  … and {len(r.notes) - 30} more notes (--format json lists all)")
    if skipped and not allow_skips:
        err.print(f"[red]{skipped} rows skipped[/red] (the rest is written): exit 1; --allow-skips")
        raise typer.Exit(1)


def _table_title(podium: Podium, games: str, lang: str) -> str:
    if games in ("winter", "summer"):
        names = {
            "winter": ("All-time Winter Games", "Aller tijden, Winterspelen"),
            "summer": ("All-time Summer Games", "Aller tijden, Zomerspelen"),
        }
        return names[games][lang == "nl"]
    return podium.games(games).name


def _print_table(
    podium: Podium, table: MedalTable, title: str, lang: str, fmt: TableFormat
) -> None:
    nocs = podium.nocs()
    data = serialize.medal_table(table, nocs, lang, title)
    if fmt is TableFormat.json:
        _json(data)
        return
    columns = ["rank", "noc", "name", "gold", "silver", "bronze", "total", "points"]
    if fmt is TableFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(data["rows"])
        sys.stdout.write(buffer.getvalue())
        return
    caption = f"as of {data['as_of']}" if table.as_of else None
    view = Table(title=title, caption=caption)
    for i, head in enumerate(HEAD[lang]):
        if i == 7 and table.order != "points":
            continue
        view.add_column(head, justify="right" if i != 2 and i != 1 else "left")
    for row in data["rows"]:
        cells = [
            row["rank_label"],
            row["noc"],
            f"{row['flag']} {row['name']}",
            str(row["gold"]),
            str(row["silver"]),
            str(row["bronze"]),
            str(row["total"]),
        ]
        if table.order == "points":
            cells.append(str(row["points"]))
        view.add_row(*cells)
    out.print(view)


@app.command()
def table(
    games: Annotated[str, typer.Argument(help="Games slug, or 'winter'/'summer' for all-time")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date (end of that day, host time) or date-time."),
    ] = None,
    order: Annotated[OrderBy, typer.Option("--order")] = OrderBy.gold,
    sport: Annotated[str | None, typer.Option("--sport", help="Sport or discipline slug.")] = None,
    gender: Annotated[str | None, typer.Option("--gender", help="M, W or X.")] = None,
    noc: Annotated[list[str] | None, typer.Option("--noc", help="Only these NOCs.")] = None,
    lang: LangOpt = Lang.en,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
    db: Db = None,
) -> None:
    """The medal table of one Games (or all-time per season), as of any moment.

    Example: podium table milano-cortina-2026 --as-of 2026-02-17 --lang nl
    """
    podium = _open(db)
    try:
        options: dict[str, Any] = dict(
            order=order.value, sport=sport, gender=gender, nocs=tuple(noc or ())
        )
        if games in ("winter", "summer"):
            season: Season = "winter" if games == "winter" else "summer"
            moment = podium.moment(podium.all_games(season)[-1].slug, as_of) if as_of else None
            result = podium.alltime_table(season, as_of=moment, **options)
        else:
            moment = podium.moment(games, as_of) if as_of else None
            result = podium.table(games, as_of=moment, **options)
        title = _table_title(podium, games, lang.value)
    except (NotFound, ValueError) as exc:
        _fail(str(exc))
    if not result.rows and not (sport or gender or noc):
        _fail(_no_medals(podium, games, as_of))
    _print_table(podium, result, title, lang.value, format)


def _no_medals(podium: Podium, games: str, as_of: str | None) -> str:
    """Why a table without a filter has no rows: nothing yet at that moment, or at all."""
    if games in ("winter", "summer"):
        first = podium.all_games(games)[0]  # type: ignore[arg-type]
        name, which = f"{games.capitalize()} Games", f"the first, {first.name},"
    else:
        first = podium.games(games)
        name, which = first.name, "they"
    began = first.starts_at.astimezone(ZoneInfo(first.timezone)).date().isoformat()
    if as_of:
        return f"{name}: no medal had been awarded by {as_of} ({which} began on {began})"
    return f"{name}: no medals recorded yet ({which} began on {began})"


@app.command("noc")
def noc_(
    code: Annotated[str, typer.Argument(help="IOC code, e.g. NED")],
    games: Annotated[str | None, typer.Option("--games", help="Its medals at one Games.")] = None,
    season: Annotated[str | None, typer.Option("--season", help="winter or summer")] = None,
    lang: LangOpt = Lang.en,
    format: Annotated[Format, typer.Option("--format")] = Format.text,
    db: Db = None,
) -> None:
    """One country across the Games (medals and rank), or its medals at one Games.

    Example: podium noc NED --season winter --lang nl
    """
    podium = _open(db)
    try:
        country = podium.noc(code)
        if season not in (None, "winter", "summer"):
            raise ValueError(f"season: {season!r} is not winter or summer")
        if games:
            awards = podium.noc_awards(country.code, games)
            athletes = podium.athletes(
                k for a in awards for k in ((a.athlete,) if a.athlete else a.members)
            )
        else:
            history = podium.noc_games(country.code, season)  # type: ignore[arg-type]
    except (NotFound, ValueError) as exc:
        _fail(str(exc))
    nocs = podium.nocs()
    name = f"{country.flag} {country.name(lang.value)} ({country.code})"
    if games:
        if format is Format.json:
            _json([serialize.award(a, athletes, nocs, lang.value) for a in awards])
            return
        view = Table(title=f"{name} — {podium.games(games).name}")
        for head in ("Medal", "Event", "Athlete or team", "Awarded"):
            view.add_column(head)
        for a in awards:
            who = athletes[a.athlete].name if a.athlete else _team(a.team, a.members, athletes)
            view.add_row(
                MEDAL_NAMES[lang.value][a.medal],
                _event_name(podium, a.event, lang.value),
                who,
                a.awarded_at.astimezone(podium.moment(games, "2000-01-01").tzinfo).strftime(
                    "%d %b %H:%M"
                )
                if a.precision == "time"
                else a.awarded_at.date().isoformat(),
            )
        out.print(view)
        return
    if format is Format.json:
        _json(serialize.noc_games(history))
        return
    view = Table(title=name)
    for head in ("Games", "Rank", *HEAD[lang.value][3:7]):
        view.add_column(head, justify="left" if head == "Games" else "right")
    for r in history:
        label = "–" if r.rank is None else (f"={r.rank}" if r.tied else str(r.rank))
        view.add_row(
            r.games.name,
            label,
            str(r.tally.gold),
            str(r.tally.silver),
            str(r.tally.bronze),
            str(r.tally.total),
        )
    out.print(view)


def _team(team: str | None, members: tuple[str, ...], athletes: dict[str, Any]) -> str:
    names = ", ".join(athletes[m].name for m in members if m in athletes)
    return f"{team} ({names})" if names else (team or "")


def _event_name(podium: Podium, key: str, lang: str) -> str:
    event = podium.event(key)
    discipline = canon.discipline_by_slug(event.discipline)
    return f"{discipline.name_nl if lang == 'nl' else discipline.name_en} · {event.title}"


def _pick_event(podium: Podium, query: str) -> str:
    try:
        return podium.event(query).key
    except NotFound:
        pass
    found = podium.find_events(query)
    if len(found) == 1:
        return found[0].key
    if not found:
        _fail(f"no event matches {query!r}")
    listing = "\n".join(f"  {e.key}  {e.title}" for e in found[:30])
    _fail(f"{len(found)} events match {query!r}; name one by key:\n{listing}")


@app.command()
def event(
    query: Annotated[str, typer.Argument(help="Event key or words, e.g. 'speed-skating/w/500m'")],
    lang: LangOpt = Lang.en,
    format: Annotated[Format, typer.Option("--format")] = Format.text,
    db: Db = None,
) -> None:
    """Every podium of one event through history (one event however a source spelled it).

    Example: podium event speed-skating/w/500m
    """
    podium = _open(db)
    history = podium.event_history(_pick_event(podium, query))
    athletes = podium.athletes(
        k
        for p in history.podiums
        for a in p.awards
        for k in ((a.athlete,) if a.athlete else a.members)
    )
    nocs = podium.nocs()
    if format is Format.json:
        _json(serialize.event_history(history, athletes, nocs, lang.value))
        return
    view = Table(
        title=_event_name(podium, history.event.key, lang.value),
        caption="spelled: " + " | ".join(history.spellings),
    )
    for head in ("Games", "Medal", "NOC", "Athlete or team"):
        view.add_column(head)
    for p in history.podiums:
        for i, a in enumerate(p.awards):
            who = athletes[a.athlete].name if a.athlete else _team(a.team, a.members, athletes)
            n = nocs.get(a.noc)
            view.add_row(
                p.games.name if i == 0 else "",
                MEDAL_NAMES[lang.value][a.medal],
                f"{n.flag if n else ''} {a.noc}",
                who,
            )
    out.print(view)


@app.command()
def athlete(
    name: Annotated[str, typer.Argument(help="A name as you would type it, or an athlete key")],
    why: Annotated[
        bool,
        typer.Option(
            "--why", show_default="off", help="Also list the person's records and what linked them."
        ),
    ] = False,
    lang: LangOpt = Lang.en,
    format: Annotated[Format, typer.Option("--format")] = Format.text,
    db: Db = None,
) -> None:
    """An athlete's Olympic career: every medal, team medals included, per Games and in all.

    Any case, with or without accents ("Bjorgen", "Marit Bjoergen", "Ireen Wust"), given name
    and surname without middle names, or the surname alone; the best match is shown and the
    other people the name may mean are listed.

    Example: podium athlete "Ole Einar Bjorndalen" --why
    """
    podium = _open(db)
    others: list[Match] = []
    try:
        key = podium.athlete(name).key
    except NotFound:
        matches = podium.search(name)
        if not matches or matches[0].quality == ALIKE:
            hint = ", ".join(f"{m.person.display} ({m.person.noc})" for m in matches[:5])
            _fail(f"no athlete is called {name!r}" + (f"; did you mean: {hint}?" if hint else ""))
        key = matches[0].person.key
        others = [m for m in matches[1:] if m.quality != ALIKE]
    c = podium.career(key)
    athletes = podium.athletes(k for a in c.awards for k in (a.members or (a.athlete or "",)))
    nocs = podium.nocs()
    records = podium.why(c.athlete.key) if why else []
    if format is Format.json:
        data = serialize.career(c, athletes, nocs, lang.value)
        data["also"] = [serialize.match(m, podium.appearances(m.person.key)) for m in others]
        if why:
            data["records"] = [{"key": r.key, "name": r.full_name, "how": h} for r, h in records]
        _json(data)
        return
    n = nocs.get(c.athlete.noc)
    t = c.tally
    view = Table(
        title=f"{c.athlete.name} {n.flag if n else ''} {c.athlete.noc}",
        caption=f"{t.gold} gold, {t.silver} silver, {t.bronze} bronze",
    )
    for head in ("Games", "Medal", "Event", "Team"):
        view.add_column(head)
    games = {g.slug: g for g in podium.all_games()}
    for a in c.awards:
        view.add_row(
            games[a.games].name,
            MEDAL_NAMES[lang.value][a.medal],
            _event_name(podium, a.event, lang.value),
            a.team or "",
        )
    out.print(view)
    if others:
        also = Table(title=f"Also called {name!r}")
        for head in ("Key", "Name", "NOC", "Born", "Medals", "Sport and Games"):
            also.add_column(head)
        for m in others:
            p = m.person
            seen = podium.appearances(p.key)
            also.add_row(
                p.key,
                p.display,
                p.noc,
                str(p.birth_year or ""),
                str(p.medals),
                ", ".join(f"{sport} {games[g].year}" for g, sport in seen[:4] if g in games),
            )
        out.print(also)
    if why:
        linked = Table(title=f"Records of {c.athlete.name}")
        for head in ("Record", "Name in the source", "Linked by"):
            linked.add_column(head)
        for record, how in records:
            linked.add_row(record.key, record.full_name, how)
        out.print(linked)


class StoryKind(StrEnum):
    event = "event"
    table = "table"
    day = "day"
    games = "games"


class StoryFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _write_story(
    db: str | None,
    kind: StoryKind,
    games: str,
    event: str | None,
    as_of: str | None,
    perspective: str,
    lang: Lang,
) -> Any:
    """The story (and so its ranked facts) the `facts` and `story` commands print."""
    from podium.news.story import story as write

    podium = _open(db)
    try:
        moment = podium.moment(games, as_of) if as_of else None
        noc = podium.noc(perspective).code
        return write(podium, kind.value, games, noc, lang.value, event=event, as_of=moment)
    except (NotFound, ValueError) as exc:
        _fail(str(exc))


KindArg = Annotated[StoryKind, typer.Argument(help="event, table, day or games")]
EventOpt = Annotated[str | None, typer.Option("--event", help="Event key (kind event).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Date or date-time, host clock.")]


@app.command()
def facts(
    kind: KindArg,
    games: GamesArg,
    event: EventOpt = None,
    as_of: AsOfOpt = None,
    perspective: PerspectiveOpt = "NED",
    lang: LangOpt = Lang.en,
    format: Annotated[StoryFormat, typer.Option("--format")] = StoryFormat.text,
    db: Db = None,
) -> None:
    """The notable facts of a medal event or of the table at a moment, ranked.

    Example: podium facts event milano-cortina-2026 --event speed-skating/w/500m --perspective NED
    """
    result = _write_story(db, kind, games, event, as_of, perspective, lang)
    if format is StoryFormat.json:
        _json([f.as_dict() for f in result.facts])
        return
    for f in result.facts:
        numbers = ", ".join(f"{k}={v}" for k, v in f.numbers.items())
        line = f"{f.weight:.2f}  {f.id}  {numbers}"
        out.print(f"- {line}" if format is StoryFormat.markdown else line)


@app.command()
def story(
    kind: KindArg,
    games: GamesArg,
    event: EventOpt = None,
    as_of: AsOfOpt = None,
    perspective: PerspectiveOpt = "NED",
    lang: LangOpt = Lang.nl,
    format: Annotated[StoryFormat, typer.Option("--format")] = StoryFormat.text,
    db: Db = None,
) -> None:
    """A news story written from the facts, in Dutch or English, from one NOC's angle.

    Example: podium story table milano-cortina-2026 --as-of 2026-02-17T16:53 --lang nl
    """
    result = _write_story(db, kind, games, event, as_of, perspective, lang)
    if format is StoryFormat.json:
        _json(result.as_dict())
    elif format is StoryFormat.markdown:
        sys.stdout.write(result.markdown())
    else:
        sys.stdout.write(result.text())


# -- projection (issue 11) ------------------------------------------------------------------


class ProjectFormat(StrEnum):
    table = "table"
    json = "json"


def _percent(p: float | None) -> str:
    return "–" if p is None else f"{p:.0%}"


@app.command()
def project(
    games: GamesArg,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Date (end of that day, host time) or date-time; now."),
    ] = None,
    noc: Annotated[str | None, typer.Option("--noc", help="One NOC, with its spread.")] = None,
    draws: Annotated[int, typer.Option("--draws", min=100, max=100_000)] = 10_000,
    seed: Annotated[int, typer.Option("--seed")] = 2026,
    lang: LangOpt = Lang.en,
    format: Annotated[ProjectFormat, typer.Option("--format")] = ProjectFormat.table,
    db: Db = None,
) -> None:
    """Where the table will end: expected medals with 80% intervals, P(first), P(top 3),
    P(top 10) and P(target), from the results so far and history (see podium.projection).

    Example: podium project milano-cortina-2026 --as-of 2026-02-17T23:59:59+01:00 --noc NED
    """
    from podium import projection as proj

    podium = _open(db)
    try:
        moment = podium.moment(games, as_of) if as_of else None
        code = podium.noc(noc).code if noc else None
        result = proj.projection(podium, games, moment, draws, seed)
    except (NotFound, ValueError) as exc:
        _fail(str(exc))
    data = proj.as_dict(result, podium.nocs(), lang.value, code)
    if format is ProjectFormat.json:
        _json(data)
        return
    when = f"as of {data['as_of']}" if moment else "now"
    title = (
        f"{podium.games(games).name}: projection {when}, {result.decided} events decided, "
        f"{result.remaining} to come, {draws:,} draws"
    )
    if code:
        row = data["noc"]
        if row is None:
            _fail(f"{code} has no medal and no chance of one in the projection")
        target = f"; P(top {row['target']}, its target) {_percent(row['p_target'])}"
        out.print(title)
        out.print(
            f"{row['flag']} {row['name']} ({row['noc']}), now {row['now']['gold']}-"
            f"{row['now']['silver']}-{row['now']['bronze']}: P(top 10) {_percent(row['p_top10'])}"
            f", P(top 3) {_percent(row['p_top3'])}, P(first) {_percent(row['p_first'])}"
            f"{target if row['target'] else ''}; expected final golds {row['expected_gold']:.1f}"
            " (80%: {}–{}), ".format(*row["gold_interval"])
            + f"medals {row['expected_total']:.1f}"
            + " (80%: {}–{})".format(*row["total_interval"])
        )
        return
    rows = data["rows"][:30]
    view = Table(title=title, caption="intervals: 80% (10th to 90th percentile)")
    for head in ("NOC", "Now", "Gold", "80%", "Total", "80%", "P(1st)", "P(top 3)", "P(top 10)"):
        view.add_column(head, justify="left" if head == "NOC" else "right")
    view.add_column("P(target)", justify="right")
    for row in rows:
        now = row["now"]
        target = f"{_percent(row['p_target'])} (top {row['target']})" if row["target"] else "–"
        view.add_row(
            f"{row['flag']} {row['noc']}",
            f"{now['gold']}-{now['silver']}-{now['bronze']}",
            f"{row['expected_gold']:.1f}",
            "{}–{}".format(*row["gold_interval"]),
            f"{row['expected_total']:.1f}",
            "{}–{}".format(*row["total_interval"]),
            _percent(row["p_first"]),
            _percent(row["p_top3"]),
            _percent(row["p_top10"]),
            target,
        )
    out.print(view)


@app.command()
def backtest(
    games: Annotated[
        list[str] | None, typer.Argument(help="Games slugs [the eight since 2012]")
    ] = None,
    draws: Annotated[int, typer.Option("--draws", min=100, max=100_000)] = 2_000,
    format: Annotated[ProjectFormat, typer.Option("--format")] = ProjectFormat.table,
    db: Db = None,
) -> None:
    """Score the projection against the final tables of past Games, beside two baselines
    (the pace so far, the previous Games' table): MAE of golds and medals, Kendall tau,
    Brier score and a reliability table of P(top 10) and P(first).

    Example: podium backtest sochi-2014 milano-cortina-2026 --draws 2000
    """
    from podium.projection import backtest as bt

    podium = _open(db)
    try:
        result = bt.run(podium, games or bt.GAMES, draws)
    except (NotFound, ValueError) as exc:
        _fail(str(exc))
    if format is ProjectFormat.json:
        _json(bt.as_dict(result))
        return
    sys.stdout.write(bt.markdown(result))


def main() -> None:  # pragma: no cover - the console script entry point
    app()


# -- the live service (issue 4): serve, tokens, staging and replay -------------------------


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            help="Server processes on one port; more than one needs PostgreSQL, whose "
            "LISTEN/NOTIFY carries live updates between them.",
        ),
    ] = 1,
    db: Db = None,
    max_connections: Annotated[
        int,
        typer.Option(
            "--max-connections",
            min=1,
            help="Open connections per process (live readers included); past it a new one "
            "gets 503 and is closed. Capped by the process's file-descriptor limit.",
        ),
    ] = 15_000,
    header_timeout: Annotated[
        int,
        typer.Option(
            "--header-timeout",
            min=1,
            help="Seconds a connection may take to send a request's headers, or idle between "
            "requests, before it is closed.",
        ),
    ] = 5,
    trusted_proxies: Annotated[
        str,
        typer.Option(
            "--trusted-proxies",
            help="Comma-separated proxy addresses whose X-Forwarded-For gives the client, or "
            "'none'. The default, this machine, is where deploy/nginx.conf connects from; a "
            "client elsewhere reaching the server directly is its own address.",
        ),
    ] = "127.0.0.1,::1",
) -> None:
    """Serve the web app: medal tables, countries, events, athletes, live updates, the desk API.

    Example: podium serve --db postgresql://127.0.0.1/podium --workers 4 --port 8000
    """
    from podium.web.server import serve as run

    try:
        run(db, host, port, workers, max_connections, header_timeout, trusted_proxies)
    except ValueError as exc:
        _fail(str(exc))


token_app = typer.Typer(help="API tokens for the results desk.", no_args_is_help=True)
app.add_typer(token_app, name="token")


class Role(StrEnum):
    editor = "editor"
    reader = "reader"


@token_app.command("create")
def token_create(
    role: Annotated[Role, typer.Option("--role", help="editor (may write) or reader")],
    label: Annotated[
        str,
        typer.Option(
            "--label", help="Who holds it (shown in the ledger).", show_default="the role"
        ),
    ] = "",
    db: Db = None,
) -> None:
    """Create an API token and print it once; only its SHA-256 is stored.

    Example: podium token create --role editor --label "sports desk"
    """
    from podium import ledger

    with Podium(db) as podium:
        try:
            token = ledger.issue_token(podium, role.value, label or role.value)
        except ledger.Invalid as exc:
            _fail(f"--{exc.field}: {exc.message}")
    sys.stdout.write(token + "\n")


@app.command("stage")
def stage_(
    games: Annotated[str, typer.Argument(help="The Games whose medals are held back")],
    data: DataOpt = None,
    db: Db = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history/--no-history",
            show_default="--history",
            help="Import every other source too; without, only the NOCs (a quick start: "
            "the table, without the history behind country and athlete pages).",
        ),
    ] = True,
) -> None:
    """Import everything except one Games' medals (its schedule, events and athletes are
    imported): the database a replay starts from.

    Example: podium stage milano-cortina-2026 --db live.db
    """
    from podium.replay import stage

    # only the files it reads are fetched, when the data is fetched at all
    data = _data(data, [s.name for s in SOURCES] if history else [games])
    with Podium(db) as podium:
        try:
            reports = stage(podium, data, games, history=history)
        except (NotFound, OSError, ValueError) as exc:
            _fail(str(exc))
    for r in reports:
        added = ", ".join(f"{n} {t}" for t, n in r.added.items() if n) or "nothing new"
        out.print(f"[bold]{r.source}[/bold]: added {added}")


class ReplayAs(StrEnum):
    api = "api"
    odf = "odf"


@app.command()
def replay(
    games: Annotated[str, typer.Argument(help="The Games to replay, e.g. milano-cortina-2026")],
    speed: Annotated[float, typer.Option("--speed", help="Times faster than real time.")] = 600,
    url: Annotated[str, typer.Option("--url", help="The served app.")] = "http://127.0.0.1:8000",
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="PODIUM_TOKEN",
            help="An editor token; pass it in the environment, where `ps` does not show it.",
        ),
    ] = None,
    data: DataOpt = None,
    db: Db = None,
    as_: Annotated[
        ReplayAs, typer.Option("--as", help="api: POST to --url; odf: write ODF files --into")
    ] = ReplayAs.api,
    into: Annotated[str | None, typer.Option("--into", help="Folder for --as odf")] = None,
) -> None:
    """Feed a Games' results through the write API at their real moments, sped up. Reads
    the source files with the importer (athletes keyed as in the database `--db`). With
    --as odf, writes the Games as the ODF messages a results system sends instead.

    Example: podium replay milano-cortina-2026 --speed 600 --url http://127.0.0.1:8000 --token T
    Example: podium replay milano-cortina-2026 --as odf --into feed/ --db live.db
    """
    from podium.replay import feed, results

    folder = _data(data, [games])
    if as_ is ReplayAs.odf:
        _replay_odf(games, folder, db, into)
        return
    token = token or os.environ.get("PODIUM_TOKEN")
    if not token:
        _fail("--token (or PODIUM_TOKEN) is needed: podium token create --role editor")
    with _open(db) as podium:
        try:
            plan = results(podium, folder, games)
        except (NotFound, OSError, ValueError) as exc:
            _fail(str(exc))
    if not plan:
        _fail(f"no results for {games}")
    span = (plan[-1].awarded_at - plan[0].awarded_at).total_seconds() / speed
    err.print(f"replaying {len(plan)} results of {games} over {span / 60:.1f} minutes")
    statuses = feed(plan, games, url, token, speed, say=out.print)
    out.print("done: " + ", ".join(f"{n}× {s}" for s, n in sorted(statuses.items())))


# -- ODF: the official results feed in -----------------------------------------------------

ingest_app = typer.Typer(help="Ingest a results feed.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")


@ingest_app.command("odf")
def ingest_odf(
    location: Annotated[
        str, typer.Argument(help="An ODF message file, a folder of them (name order) or a URL")
    ],
    actor: Annotated[str, typer.Option("--actor", help="Shown in the ledger as the writer.")] = (
        "odf"
    ),
    db: Db = None,
    format: Annotated[Format, typer.Option("--format")] = Format.text,
) -> None:
    """Ingest ODF messages: medallists become ledger entries (through the results desk),
    medal standings are checked against the ledger, results, schedule and participants are
    kept. Every message is reported with its mapping and every problem; exits 1 when a
    message was refused.

    Example: podium ingest odf ../shared/odf/samples --db podium.db
    """
    from podium.odf import Feed
    from podium.odf.feed import read_messages

    with Podium(db) as podium:
        try:
            messages = list(read_messages(location))
        except (OSError, ValueError) as exc:
            _fail(str(exc))
        outcomes = Feed(podium, actor).ingest_all(messages)
    if format is Format.json:
        _json([o.as_dict() for o in outcomes])
    else:
        for o in outcomes:
            out.print(o.line(), markup=False, soft_wrap=True)
            for m in o.mapping:
                out.print(f"  mapped {m}", markup=False, soft_wrap=True)
            for p in o.problems:
                out.print(f"  problem {p}", markup=False, soft_wrap=True)
    if any(o.action == "refused" for o in outcomes):
        raise typer.Exit(1)


def _replay_odf(games: str, data: str, db: str | None, into: str | None) -> None:
    """`podium replay --as odf`: the Games' feed written as files, one per message."""
    from pathlib import Path

    from podium.odf.replay import messages

    if not into:
        _fail("--into FOLDER is needed with --as odf")
    folder = Path(into)
    with Podium(db, migrate=False) as podium:
        try:
            written = messages(podium, data, games)
        except (NotFound, OSError, ValueError, StopIteration) as exc:
            _fail(f"{games}: {exc or 'no ODF competition code for these Games'}")
    folder.mkdir(parents=True, exist_ok=True)
    for name, raw in written:
        (folder / name).write_bytes(raw)
    out.print(f"{len(written)} ODF messages of {games} written to {folder}")


# -- feeds and webhooks (issue 13) ------------------------------------------------------------

webhook_app = typer.Typer(help="Webhooks: new and changed stories POSTed, signed.")
app.add_typer(webhook_app, name="webhook", no_args_is_help=True)
TokenOpt = Annotated[str | None, typer.Option("--token", help="An editor token [env PODIUM_TOKEN]")]


class FeedFormat(StrEnum):
    ninjs = "ninjs"
    atom = "atom"


def _editor(podium: Podium, token: str | None) -> str:
    """The label of an editor token, or a clear exit: hooks are the desk's to add."""
    from podium import ledger

    token = token or os.environ.get("PODIUM_TOKEN")
    if not token:
        _fail("--token (or PODIUM_TOKEN) is needed: podium token create --role editor")
    found = ledger.check_token(token, podium.store.tokens())
    if found is None:
        _fail("--token: unknown token")
    if found[0] != "editor":
        _fail(f"--token: a {found[0]} token cannot add webhooks; an editor token can")
    return found[1]


@webhook_app.command("add")
def webhook_add(
    url: Annotated[str, typer.Argument(help="Where to POST, e.g. https://desk.example/hook")],
    perspective: PerspectiveOpt = "NED",
    lang: LangOpt = Lang.nl,
    games: Annotated[
        str | None, typer.Option("--games", help="Only this Games (default: every Games).")
    ] = None,
    token: TokenOpt = None,
    db: Db = None,
) -> None:
    """Register a webhook (editor token needed). Prints its id and signing secret once.

    Example: podium webhook add https://desk.example/hook --perspective NED --lang nl --token T
    """
    from podium.feeds import webhooks

    with _open(db) as podium:
        label = _editor(podium, token)
        try:
            hook, secret = webhooks.add_hook(
                podium, url, perspective=perspective, lang=lang.value, games=games, label=label
            )
        except (NotFound, ValueError) as exc:
            _fail(str(exc))
    out.print(f"webhook {hook}: {url}")
    sys.stdout.write(f"secret {secret}\n")


@webhook_app.command("list")
def webhook_list(db: Db = None) -> None:
    """Every webhook (without its secret).

    Example: podium webhook list --db live.db
    """
    from podium.feeds import webhooks
    from podium.feeds.store import FeedStore

    with _open(db) as podium:
        _json([webhooks.describe(h) for h in FeedStore(podium.store).hooks()])


@webhook_app.command("log")
def webhook_log(
    hook: Annotated[int, typer.Argument(help="The webhook's id")],
    limit: Annotated[int, typer.Option("--limit", help="Newest attempts shown.")] = 50,
    db: Db = None,
) -> None:
    """The delivery log of one webhook, newest attempt first.

    Example: podium webhook log 1 --limit 20
    """
    from podium.feeds.store import FeedStore

    with _open(db) as podium:
        for r in FeedStore(podium.store).attempts(hook, limit):
            status = r.status if r.status is not None else "-"
            line = f"{r.at:%Y-%m-%d %H:%M:%S} {status} {r.millis} ms {r.idempotency}"
            out.print(f"{line} {r.error or ''}".rstrip())


@webhook_app.command("deliver")
def webhook_deliver(
    once: Annotated[
        bool, typer.Option("--once", show_default="off", help="One round, then exit.")
    ] = False,
    db: Db = None,
) -> None:
    """Deliver what is due (`podium serve` does this too): until stopped, or one round.

    Example: podium webhook deliver --db live.db
    """
    from podium.feeds import webhooks

    with _open(db) as podium:
        deliverer = webhooks.Deliverer(podium)
        try:
            if once:
                out.print(f"{deliverer.step()} deliveries tried")
            else:
                deliverer.run()
        finally:
            deliverer.stop()


@app.command("feed")
def feed_(
    games: GamesArg,
    perspective: PerspectiveOpt = "NED",
    lang: LangOpt = Lang.nl,
    format: Annotated[FeedFormat, typer.Option("--format")] = FeedFormat.ninjs,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Write one file per item into this folder.")
    ] = None,
    db: Db = None,
) -> None:
    """The story items of one Games, angle and language: ninjs (a JSON list, or one
    ID.ninjs.json per item with --out) or an Atom feed.

    Example: podium feed milano-cortina-2026 --perspective NED --lang nl --out feed/
    """
    from podium.feeds import news

    with _open(db) as podium:
        try:
            items = news.current(podium, games, perspective, lang.value)
            code = podium.noc(perspective).code
            title = f"{podium.games(games).name}: {podium.noc(code).name(lang.value)}"
        except (NotFound, ValueError) as exc:
            _fail(str(exc))
    if format is FeedFormat.atom:
        body = news.atom(
            items, games=games, title=title, perspective=code, lang=lang.value, base_url=""
        )
        if out_dir is None:
            sys.stdout.write(body.decode() + "\n")
        else:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{code}-{lang.value}.atom").write_bytes(body)
        return
    docs = [news.ninjs(v) for v in items]
    if out_dir is None:
        _json(docs)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for v, doc in zip(items, docs, strict=True):
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        (out_dir / f"{v.item.id}.ninjs.json").write_text(text, encoding="utf-8")
    out.print(f"{len(docs)} items written to {out_dir}")


# -- the data sources (issue 16) ---------------------------------------------------------

data_app = typer.Typer(help="The data Podium imports: where it comes from.", no_args_is_help=True)
app.add_typer(data_app, name="data")


@data_app.command("fetch")
def data_fetch(
    into: Annotated[
        Path | None,
        typer.Option(
            "--into", help="The folder to fill.", show_default=str(origins.cache_folder())
        ),
    ] = None,
    origin: Annotated[
        str,
        typer.Option(
            "--origin",
            envvar=origins.ORIGIN_ENV,
            help="Where the repositories are (GitHub, or a mirror of the same layout).",
        ),
    ] = origins.ORIGIN,
    folder: Annotated[
        list[str] | None,
        typer.Option(
            "--folder",
            "-f",
            help=f"Only this folder (repeatable): {', '.join(origins.FOLDERS)}.",
            show_default="all",
        ),
    ] = None,
) -> None:
    """Download every data source from its public origin, pinned by commit and checked by
    SHA-256 (a file that does not match is not kept), and write the NOC reference Podium
    builds itself. Files already there with the pinned bytes are kept.

    Example: podium data fetch --into ~/podium-data && podium import ~/podium-data
    """
    unknown = sorted(set(folder or ()) - set(origins.FOLDERS))
    if unknown:
        _fail(f"--folder: {unknown[0]!r} is not one of {', '.join(origins.FOLDERS)}")
    wanted = origins.wanted(folder or ())
    target = into or origins.cache_folder()
    with _fetch_progress() as progress:
        task = progress.add_task("fetching", total=sum(o.size for o in wanted))

        def advance(file: str, n: int) -> None:
            progress.update(task, description=f"fetching {file}", advance=n)

        try:
            fetched = origins.fetch(target, wanted, origin, advance)
        except origins.FetchError as exc:
            _fail(str(exc))
    kept = len(wanted) - len(fetched)
    out.print(
        f"{target}: fetched {len(fetched)} files, {kept} already there; NOC reference built "
        f"({len(noc_reference())} codes)",
        soft_wrap=True,
    )


# -- targets (the news, issue 10) -----------------------------------------------------------

target_app = typer.Typer(
    help="A NOC's stated ambition (best final rank) for a Games, with its source.",
    no_args_is_help=True,
)
app.add_typer(target_app, name="target")


@target_app.command("set")
def target_set(
    noc: Annotated[str, typer.Argument(help="IOC code, e.g. NED")],
    rank: Annotated[int, typer.Argument(help="The best final rank aimed at, e.g. 10")],
    source: Annotated[str, typer.Option("--source", help="Who stated it, where and when.")],
    games: Annotated[str, typer.Option("--games", help="Games slug.")] = "milano-cortina-2026",
    stated: Annotated[
        str | None,
        typer.Option("--stated", help="When it was stated (date or date-time, host clock); now."),
    ] = None,
    db: Db = None,
) -> None:
    """Record a target; stories cite it with its source.

    Example: podium target set NED 10 --source "NOC*NSF, 12 January 2026" --stated 2026-01-12
    """
    from podium.news.targets import set_target

    podium = _open(db)
    try:
        moment = podium.moment(games, stated) if stated else None
        t = set_target(podium, games, noc, rank, source, moment)
    except (NotFound, ValueError) as exc:
        _fail(str(exc))
    finally:
        podium.close()
    out.print(f"{t.noc} {t.games}: top {t.rank} ({t.source}, stated {t.stated_at:%Y-%m-%d})")


@target_app.command("list")
def target_list(
    games: Annotated[str, typer.Argument(help="Games slug.")] = "milano-cortina-2026",
    db: Db = None,
) -> None:
    """The targets in force for a Games, with their sources.

    Example: podium target list milano-cortina-2026
    """
    from podium.news.targets import targets

    podium = _open(db)
    try:
        found = targets(podium, games)
    except NotFound as exc:
        _fail(str(exc))
    finally:
        podium.close()
    for t in found.values():
        out.print(f"{t.noc}  top {t.rank}  {t.source}  (stated {t.stated_at:%Y-%m-%d})")


# -- checking a database (issue 15) ------------------------------------------------------


@app.command("check")
def check_(db: Db = None) -> None:
    """Check a database: SQLite integrity (quick_check), schema version, row counts. Exits 1
    when it fails (`podium serve` refuses such a database); makes no database.

    Example: podium check --db podium.db
    """
    from podium.store import Store, check, database_url

    try:
        store = Store(database_url(db), create=False)
    except UnusableDatabase as exc:
        _fail(str(exc))
    try:
        checked = check(store)
    finally:
        store.close()
    for problem in checked.problems:
        err.print(f"[red]problem:[/red] {problem}")
    print(f"schema: {checked.schema or 'none'}")
    for table, n in checked.counts.items():
        print(f"{table}: {n}")
    if checked.problems:
        raise typer.Exit(1)
    print("ok")
