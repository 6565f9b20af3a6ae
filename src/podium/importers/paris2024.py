"""Paris 2024: medallists.csv, one row per medallist; a team's members share `code_team`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from podium.importers.batch import AthleteIndex, Batch, check_noc, games_row, in_range
from podium.importers.source import Progress, Report, RowError, each_row, join
from podium.names import parse_family_first
from podium.store import Store

SLUG = "paris-2024"
ZONE = ZoneInfo("Europe/Paris")
# The source lists medallists only; the Games themselves are described here.
GAMES = games_row(
    SLUG,
    "Paris 2024",
    2024,
    "summer",
    "France",
    datetime(2024, 7, 26, 19, 30, tzinfo=ZONE),
    datetime(2024, 8, 11, 23, 0, tzinfo=ZONE),
    "Europe/Paris",
)
MEDALS = {"Gold Medal": 1, "Silver Medal": 2, "Bronze Medal": 3}
GENDERS = {"Male": "M", "Female": "W"}
# The IOC's Paris 2024 medal table left the Individual Neutral Athletes out (their medals
# count for nobody); the Refugee Olympic Team's bronze was ranked. The source has no table
# to read this from, so it is stated here, as the 2026 importer states it.
UNRANKED = {"AIN": "Individual Neutral Athletes were not ranked in the official medal table"}
COLUMNS = (
    "medal_date",
    "medal_type",
    "name",
    "gender",
    "country_code",
    "team",
    "team_gender",
    "discipline",
    "event",
    "code_athlete",
    "code_team",
    "is_medallist",
)


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The last moment of a day on the host's clock: a medal known only by its date."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=zone) - timedelta(seconds=1)


def collect(
    folder: str, report: Report, nocs: set[str], store: Store, progress: Progress | None = None
) -> Batch:
    batch = Batch(source=SLUG)
    batch.games[SLUG] = GAMES
    people = AthleteIndex(store, SLUG)

    def medallist(line: int, row: dict[str, str]) -> None:
        _row(batch, row, nocs, people, report, f"medallists.csv:{line}")

    each_row(join(folder, "medallists.csv"), report, batch.atomic(medallist), progress, COLUMNS)
    for award in batch.awards.values():
        if award["noc"] in UNRANKED:
            reason = UNRANKED[award["noc"]]
            batch.unranked[(SLUG, award["noc"])] = {
                "games": SLUG,
                "noc": award["noc"],
                "reason": reason,
            }
    return batch


def _row(
    batch: Batch,
    row: dict[str, str],
    nocs: set[str],
    people: AthleteIndex,
    report: Report,
    source: str,
) -> None:
    medal = MEDALS.get(row.get("medal_type", ""))
    if medal is None:
        raise RowError(f"medal_type: {row.get('medal_type')!r} is not a Gold/Silver/Bronze Medal")
    noc = check_noc(row.get("country_code", ""), nocs)
    event = batch.event(row.get("discipline", ""), row.get("event", ""), row.get("team_gender"))
    try:
        day = date.fromisoformat(row.get("medal_date", ""))
    except ValueError:
        raise RowError(f"medal_date: not a date: {row.get('medal_date')!r}") from None
    awarded = in_range(lambda: end_of_day(day, ZONE), "medal_date", row["medal_date"])
    batch.contest(SLUG, event, row["event"], None)
    code = row.get("code_athlete", "").removesuffix(".0")
    if not code or not row.get("name"):
        raise RowError("code_athlete/name: missing")
    name = parse_family_first(row["name"])
    gender = GENDERS.get(row.get("gender", ""))
    athlete = people.resolve(code, name, noc, report, gender)
    batch.athlete(athlete, name, gender, noc, ("code_athlete", "name"))
    base = {
        "games": SLUG,
        "event": event,
        "medal": medal,
        "noc": noc,
        "awarded_at": awarded,
        "precision": "date",
        "source": source,
    }
    team = row.get("code_team", "")
    if not team:
        key = f"{SLUG}|{event}|{medal}|{code}"
        award = {**base, "key": key, "athlete": athlete, "team": None}
        batch.award(award, "code_athlete", medal_field="medal_type")
        return
    key = f"{SLUG}|{event}|{medal}|{team}"
    award = {**base, "key": key, "athlete": None, "team": row.get("team") or noc}
    batch.award(award, "code_team", {"team": "team"}, medal_field="medal_type")
    if row.get("is_medallist", "True") == "True":
        batch.member(key, athlete)
    else:
        report.count_mapped("team roster row marked is_medallist=False: not counted as a member")
