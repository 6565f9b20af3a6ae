"""Milano Cortina 2026: the schedule (each medal event's medal session and its end, the moment
its medals count), the athletes, every medallist (full team rosters) and the official table."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from podium.importers.batch import AthleteIndex, Batch, check_noc, games_row, in_range
from podium.importers.paris2024 import end_of_day
from podium.importers.source import Progress, Report, RowError, each_row, join
from podium.names import parse_family_first
from podium.store import Store, to_db

SLUG = "milano-cortina-2026"
ZONE = ZoneInfo("Europe/Rome")
GAMES = games_row(
    SLUG,
    "Milano Cortina 2026",
    2026,
    "winter",
    "Italy",
    datetime(2026, 2, 6, 20, 0, tzinfo=ZONE),
    datetime(2026, 2, 22, 23, 0, tzinfo=ZONE),
    "Europe/Rome",
)
MEDALS = {"GOLD": 1, "SILVER": 2, "BRONZE": 3}
GENDERS = {"M": "M", "F": "W", "W": "W"}
# Individual Neutral Athletes: the IOC lists them outside its medal table.
UNRANKED = {"AIN": "Individual Neutral Athletes are listed outside the official medal table"}
SCHEDULE_COLUMNS = ("end_date", "discipline", "event", "event_medal", "gender", "event_type")
ATHLETE_COLUMNS = ("code", "name", "gender", "country_code")
MEDALLIST_COLUMNS = (
    "date",
    "medal",
    "code",
    "name",
    "gender",
    "country_code",
    "country",
    "discipline",
    "event_name",
)


def collect(
    folder: str, report: Report, nocs: set[str], store: Store, progress: Progress | None = None
) -> Batch:
    batch = Batch(source=SLUG)
    batch.games[SLUG] = GAMES
    sessions = _medal_sessions(folder, batch, report, progress)
    people = AthleteIndex(store, SLUG)

    def athlete(line: int, row: dict[str, str]) -> None:
        noc = check_noc(row.get("country_code", ""), nocs)
        if not row.get("code") or not row.get("name"):
            raise RowError("code/name: missing")
        name = parse_family_first(row["name"])
        gender = GENDERS.get(row.get("gender", ""))
        key = people.resolve(row["code"], name, noc, report, gender)
        batch.athlete(key, name, gender, noc)

    def medallist(line: int, row: dict[str, str]) -> None:
        _medallist(batch, row, nocs, people, sessions, report, f"medallists.csv:{line}")

    each_row(join(folder, "athletes.csv"), report, batch.atomic(athlete), progress, ATHLETE_COLUMNS)
    each_row(
        join(folder, "medallists.csv"),
        report,
        batch.atomic(medallist),
        progress,
        MEDALLIST_COLUMNS,
    )

    official = _official_table(folder, report, progress)
    for award in batch.awards.values():
        noc = award["noc"]
        if noc in UNRANKED:
            batch.unranked[(SLUG, noc)] = {"games": SLUG, "noc": noc, "reason": UNRANKED[noc]}
        elif official and noc not in official:
            reason = "not in the official medal table (medals.csv)"
            batch.unranked[(SLUG, noc)] = {"games": SLUG, "noc": noc, "reason": reason}
    return batch


def _medal_sessions(
    folder: str, batch: Batch, report: Report, progress: Progress | None
) -> dict[tuple[str, str], tuple[datetime, bool, str]]:
    """(discipline, event) -> (end of its medal session, whether it is a team event, its key)."""
    sessions: dict[tuple[str, str], tuple[datetime, bool, str]] = {}

    def session(line: int, row: dict[str, str]) -> bool:
        if row.get("event_medal") != "1":
            return False  # training, heats and ceremonies award nothing
        try:
            end = datetime.fromisoformat(row.get("end_date", ""))
        except ValueError:
            end = None
        if end is None or end.tzinfo is None:
            raise RowError(f"end_date: not a date-time with offset: {row.get('end_date')!r}")
        in_range(lambda: end, "end_date", row["end_date"])
        discipline, title = row.get("discipline", ""), row.get("event", "")
        event = batch.event(discipline, title, row.get("gender"))
        batch.contest(SLUG, event, title, end)
        team = row.get("event_type", "INDV") != "INDV"
        known = sessions.get((discipline, title))
        # a medal event has one medal session; where the schedule repeats it, keep the last end
        if known is None or end > known[0]:
            sessions[(discipline, title)] = (end, team, event)
        return True

    each_row(
        join(folder, "schedules.csv"), report, batch.atomic(session), progress, SCHEDULE_COLUMNS
    )
    return sessions


def _medallist(
    batch: Batch,
    row: dict[str, str],
    nocs: set[str],
    people: AthleteIndex,
    sessions: dict[tuple[str, str], tuple[datetime, bool, str]],
    report: Report,
    source: str,
) -> None:
    medal = MEDALS.get(row.get("medal", "").upper())
    if medal is None:
        raise RowError(f"medal: {row.get('medal')!r} is not GOLD, SILVER or BRONZE")
    noc = check_noc(row.get("country_code", ""), nocs)
    discipline, title = row.get("discipline", ""), row.get("event_name", "")
    session = sessions.get((discipline, title))
    if session is not None:
        awarded, precision, team, event = to_db(session[0]), "time", session[1], session[2]
    else:
        event = batch.event(discipline, title, None)
        try:
            day = date.fromisoformat(row.get("date", ""))
        except ValueError:
            raise RowError(f"date: not a date: {row.get('date')!r}") from None
        awarded = in_range(lambda: end_of_day(day, ZONE), "date", row["date"])
        precision, team = "date", False
        report.count_mapped("medal without a medal session in schedules.csv: dated by its day")
    if not row.get("code") or not row.get("name"):
        raise RowError("code/name: missing")
    name = parse_family_first(row["name"])
    gender = GENDERS.get(row.get("gender", ""))
    athlete = people.resolve(row["code"], name, noc, report, gender)
    batch.athlete(athlete, name, gender, noc)
    base = {
        "games": SLUG,
        "event": event,
        "medal": medal,
        "noc": noc,
        "awarded_at": awarded,
        "precision": precision,
        "source": source,
    }
    if not team:
        key = f"{SLUG}|{event}|{medal}|{row['code']}"
        award = {**base, "key": key, "athlete": athlete, "team": None}
        batch.award(award, "code", medal_field="medal")
        return
    # the source has no team codes: a NOC has one entry per medal in a team event
    key = f"{SLUG}|{event}|{medal}|{noc}"
    team_name = row.get("country") or noc
    award = {**base, "key": key, "athlete": None, "team": team_name}
    batch.award(award, "country", medal_field="medal")
    batch.member(key, athlete)


def _official_table(folder: str, report: Report, progress: Progress | None) -> set[str]:
    """The NOCs in the official final table; medal-winners outside it are listed unranked."""
    listed: set[str] = set()

    def listing(line: int, row: dict[str, str]) -> None:
        if not row.get("country_code"):
            raise RowError("country_code: missing")
        listed.add(row["country_code"])

    each_row(join(folder, "medals.csv"), report, listing, progress, ("country_code",))
    return listed
