"""olympics.com history 1896-2022: the Games (olympic_hosts.csv) and every medal
(olympic_medals.csv, one row per medallist, or one row for a team whose members are unknown).

It lists no delegation outside the ranking (no `unranked` row), as the IOC's tables had none:
they rank the mixed teams of 1896-1904 (MIX here, ZZX in the IOC's tables), the Independent
Olympic Participants of 1992 (IOA here, IOP then) and the Independent Olympic Athletes of
2016; the other independent and refugee teams (2000, 2012, 2014, EOR 2016, ROT 2020) won no
medal. Only AIN, at Paris 2024 and Milano Cortina 2026, was left out (those importers)."""

from __future__ import annotations

import re
from datetime import datetime

from podium.importers import decisions
from podium.importers.batch import Batch, check_noc, fits, games_row, in_range
from podium.importers.source import Progress, Report, RowError, each_row, join
from podium.names import parse_given_first
from podium.schema import games as games_table
from podium.store import to_db

MEDALS = {"GOLD": 1, "SILVER": 2, "BRONZE": 3}
SEASONS = {"Summer": "summer", "Winter": "winter"}
HOST_COLUMNS = (
    "game_slug",
    "game_end_date",
    "game_start_date",
    "game_location",
    "game_name",
    "game_season",
    "game_year",
)
MEDAL_COLUMNS = (
    "discipline_title",
    "slug_game",
    "event_title",
    "event_gender",
    "medal_type",
    "participant_type",
    "participant_title",
    "athlete_url",
    "athlete_full_name",
    "country_name",
    "country_3_letter_code",
)


def _moment(value: str, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RowError(f"{field}: not an ISO date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise RowError(f"{field}: no time zone in {value!r}")
    in_range(lambda: moment, field, value)
    return moment


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def collect(folder: str, report: Report, nocs: set[str], progress: Progress | None = None) -> Batch:
    batch = Batch(source="olympics-com-history")
    ends: dict[str, datetime] = {}
    restated = decisions.restated()

    def host(line: int, row: dict[str, str]) -> None:
        slug = row.get("game_slug", "")
        if not slug:
            raise RowError("game_slug: missing")
        season = SEASONS.get(row.get("game_season", ""))
        if season is None:
            raise RowError(f"game_season: {row.get('game_season')!r} is not Summer or Winter")
        year = row.get("game_year", "")
        # four ASCII digits: str.isdigit() also takes "²", which int() refuses
        if not re.fullmatch(r"[0-9]{4}", year):
            raise RowError(f"game_year: not a year: {year!r}")
        starts = _moment(row.get("game_start_date", ""), "game_start_date")
        end = _moment(row.get("game_end_date", ""), "game_end_date")
        if end < starts:
            raise RowError(f"game_end_date: {row['game_end_date']!r} is before the start")
        # the source gives no host clock
        games = games_row(
            slug,
            row.get("game_name") or slug,
            int(year),
            season,
            row.get("game_location", ""),
            starts,
            end,
            "UTC",
        )
        fits(games_table, games, "game_slug", {"name": "game_name", "host": "game_location"})
        batch.games[slug] = games
        ends[slug] = end

    def medal(line: int, row: dict[str, str]) -> None:
        _medal_row(batch, row, nocs, ends, restated, f"olympic_medals.csv:{line}")

    each_row(join(folder, "olympic_hosts.csv"), report, host, progress, HOST_COLUMNS)
    each_row(
        join(folder, "olympic_medals.csv"), report, batch.atomic(medal), progress, MEDAL_COLUMNS
    )
    return batch


def _medal_row(
    batch: Batch,
    row: dict[str, str],
    nocs: set[str],
    ends: dict[str, datetime],
    restated: dict[tuple[str, str, str, int], tuple[int | None, datetime]],
    source: str,
) -> None:
    games = row.get("slug_game", "")
    if games not in ends:
        raise RowError(f"slug_game: unknown Games {games!r}")
    medal = MEDALS.get(row.get("medal_type", "").upper())
    if medal is None:
        raise RowError(f"medal_type: {row.get('medal_type')!r} is not GOLD, SILVER or BRONZE")
    noc = check_noc(row.get("country_3_letter_code", ""), nocs)
    event = batch.event(
        row.get("discipline_title", ""),
        row.get("event_title", ""),
        row.get("event_gender"),
        int(games[-4:]) if games[-4:].isdigit() else None,
    )
    batch.contest(games, event, row["event_title"], None)
    awarded_at, precision = ends[games], "games"
    # a medal the file holds as a later decision left it: as awarded, the decision's import
    # changes it; a medal the decision gave counts from the decision's date
    was, decided = restated.get((games, event, noc, medal), (medal, None))
    if was is None:
        awarded_at, precision = decided or awarded_at, "date"
    else:
        medal = was
    base = {
        "games": games,
        "event": event,
        "medal": medal,
        "noc": noc,
        "awarded_at": to_db(awarded_at),
        "precision": precision,
    }
    athlete = _athlete(batch, row, noc)
    # no podium shape check (`Batch.award`'s by_rules), only the cap on a shared medal: the
    # record keeps podiums decided outside the rules (eight of them), such as Thorpe's two
    # golds restored beside Wieslander's and Bie's in 1912, and medals reallocated beside
    # the ones kept
    kind = row.get("participant_type", "")
    if kind == "Athlete":
        if athlete is None:
            raise RowError("athlete_full_name: missing for an individual medal")
        key = f"{games}|{event}|{medal}|{athlete}"
        award = {**base, "key": key, "athlete": athlete, "team": None, "source": source}
        batch.award(award, "athlete_url", medal_field="medal_type", by_rules=False)
    elif kind == "GameTeam":
        field = "participant_title" if row.get("participant_title") else "country_name"
        team = row.get(field) or noc
        key = f"{games}|{event}|{medal}|{noc}|{_slug(team)}"
        award = {**base, "key": key, "athlete": None, "team": team, "source": source}
        batch.award(award, field, medal_field="medal_type", by_rules=False)
        if athlete is not None:
            batch.member(key, athlete)
    else:
        raise RowError(f"participant_type: {kind!r} is not Athlete or GameTeam")


def _athlete(batch: Batch, row: dict[str, str], noc: str) -> str | None:
    raw = row.get("athlete_full_name", "")
    if not raw:
        return None
    name = parse_given_first(raw)
    url = row.get("athlete_url", "").rstrip("/")
    code = url.rsplit("/", 1)[-1] if url else f"{noc}:{_slug(raw)}"
    key = f"olympics:{code}"
    fields = ("athlete_url" if url else "athlete_full_name", "athlete_full_name")
    batch.athlete(key, name, None, noc, fields)
    return key
