"""The `podium` command: each command parses, calls the core, prints."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from podium import events as canon
from podium import serialize
from podium.core import NotFound, Podium
from podium.importers import SourceError
from podium.model import Medal, Season
from podium.store import UnusableDatabase
from podium.table import MedalTable

app = typer.Typer(
    help="Podium: the Olympic medal table and results desk.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DEFAULT_DATA = os.environ.get("PODIUM_DATA", "../shared/data")
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
    typer.Option("--db", help="SQLite path or database URL [env PODIUM_DATABASE_URL; podium.db]"),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Country and medal names: nl or en.")]


def _fail(message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _open(db: str | None) -> Podium:
    try:
        podium = Podium(db, migrate=False)
        podium.all_games()
    except Exception as exc:  # an empty or missing database: say what to do
        if isinstance(exc, NotFound):
            raise
        if isinstance(exc, UnusableDatabase):
            _fail(str(exc))
        _fail(f"no Podium data in this database; run `podium import` first ({type(exc).__name__})")
    return podium


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command("import")
def import_(
    data: Annotated[
        str, typer.Argument(help="Data folder or URL prefix [env PODIUM_DATA; ../shared/data]")
    ] = DEFAULT_DATA,
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source (repeatable).")
    ] = None,
    db: Db = None,
    format: Annotated[Format, typer.Option("--format")] = Format.text,
    allow_skips: Annotated[
        bool,
        typer.Option("--allow-skips", help="Exit 0 even when rows were skipped (else 1)."),
    ] = False,
) -> None:
    """Import the Olympic data (NOCs, history 1896-2022, Paris 2024, Milano Cortina 2026).

    Each source is one transaction; importing again adds nothing. Every skipped or mapped row
    is reported; rows skipped make the exit status 1 (what was good is written) unless
    --allow-skips. A file that is not UTF-8 is refused whole.

    Example: podium import ../shared/data --db podium.db
    """
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
    _print_table(podium, result, title, lang.value, format)


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
    name: Annotated[str, typer.Argument(help="Name (any part) or athlete key")],
    lang: LangOpt = Lang.en,
    format: Annotated[Format, typer.Option("--format")] = Format.text,
    db: Db = None,
) -> None:
    """An athlete's Olympic career: every medal, per Games and in all.

    Example: podium athlete "Jutta Leerdam"
    """
    podium = _open(db)
    try:
        key = podium.athlete(name).key
    except NotFound:
        found = podium.find_athletes(name)
        medalled = [a for a in found if podium.career(a.key).awards]
        if len(medalled) != 1:
            listing = "\n".join(f"  {a.key}  {a.name} ({a.noc})" for a in (medalled or found)[:30])
            _fail(f"{len(medalled)} medallists match {name!r}; name one by key:\n{listing}")
        key = medalled[0].key
    c = podium.career(key)
    athletes = podium.athletes(k for a in c.awards for k in (a.members or (a.athlete or "",)))
    nocs = podium.nocs()
    if format is Format.json:
        _json(serialize.career(c, athletes, nocs, lang.value))
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
    from podium.story import story as write

    podium = _open(db)
    try:
        moment = podium.moment(games, as_of) if as_of else None
        noc = podium.noc(perspective).code
        return write(podium, kind.value, games, noc, lang.value, event=event, as_of=moment)
    except (NotFound, ValueError) as exc:
        _fail(str(exc))


@app.command()
def facts(
    kind: Annotated[StoryKind, typer.Argument(help="event, table, day or games")],
    games: Annotated[str, typer.Argument(help="Games slug, e.g. milano-cortina-2026")],
    event: Annotated[str | None, typer.Option("--event", help="Event key (kind event).")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date or date-time, host clock.")
    ] = None,
    perspective: Annotated[str, typer.Option("--perspective", help="IOC code.")] = "NED",
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
    kind: Annotated[StoryKind, typer.Argument(help="event, table, day or games")],
    games: Annotated[str, typer.Argument(help="Games slug, e.g. milano-cortina-2026")],
    event: Annotated[str | None, typer.Option("--event", help="Event key (kind event).")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date or date-time, host clock.")
    ] = None,
    perspective: Annotated[str, typer.Option("--perspective", help="IOC code.")] = "NED",
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
            help="Comma-separated proxy addresses whose X-Forwarded-For gives the client "
            "(e.g. 127.0.0.1 behind deploy/nginx.conf); none by default.",
        ),
    ] = "",
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
    label: Annotated[str, typer.Option("--label", help="Who holds it (shown in the ledger).")] = "",
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
    data: Annotated[str, typer.Option("--data", help="Data folder or URL prefix")] = DEFAULT_DATA,
    db: Db = None,
) -> None:
    """Import everything except one Games' medals (its schedule, events and athletes are
    imported): the database a replay starts from.

    Example: podium stage milano-cortina-2026 --db live.db
    """
    from podium.replay import stage

    with Podium(db) as podium:
        try:
            reports = stage(podium, data, games)
        except (NotFound, OSError, ValueError) as exc:
            _fail(str(exc))
    for r in reports:
        added = ", ".join(f"{n} {t}" for t, n in r.added.items() if n) or "nothing new"
        out.print(f"[bold]{r.source}[/bold]: added {added}")


@app.command()
def replay(
    games: Annotated[str, typer.Argument(help="The Games to replay, e.g. milano-cortina-2026")],
    speed: Annotated[float, typer.Option("--speed", help="Times faster than real time.")] = 600,
    url: Annotated[str, typer.Option("--url", help="The served app.")] = "http://127.0.0.1:8000",
    token: Annotated[
        str | None, typer.Option("--token", help="An editor token [env PODIUM_TOKEN]")
    ] = None,
    data: Annotated[str, typer.Option("--data", help="Data folder or URL prefix")] = DEFAULT_DATA,
    db: Db = None,
) -> None:
    """Feed a Games' results through the write API at their real moments, sped up. Reads
    the source files with the importer (athletes keyed as in the database `--db`).

    Example: podium replay milano-cortina-2026 --speed 600 --url http://127.0.0.1:8000 --token T
    """
    from podium.replay import feed, results

    token = token or os.environ.get("PODIUM_TOKEN")
    if not token:
        _fail("--token (or PODIUM_TOKEN) is needed: podium token create --role editor")
    with Podium(db, migrate=False) as podium:
        try:
            plan = results(podium, data, games)
        except (NotFound, OSError, ValueError) as exc:
            _fail(str(exc))
    if not plan:
        _fail(f"no results for {games}")
    span = (plan[-1].awarded_at - plan[0].awarded_at).total_seconds() / speed
    err.print(f"replaying {len(plan)} results of {games} over {span / 60:.1f} minutes")
    statuses = feed(plan, games, url, token, speed, say=out.print)
    out.print("done: " + ", ".join(f"{n}× {s}" for s, n in sorted(statuses.items())))


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
