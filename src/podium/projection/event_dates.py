"""When each event of the earlier Games gave its medals: a documented list for the backtest.

The history importer dates every medal of the Games before Paris 2024 at the closing ceremony,
so the backtest cannot replay those Games evening by evening from the database. This module
reads `event_dates.csv` (beside it): one row per event of a Games (games slug, our event key,
the host's local date of the medal final, and the page the date was taken from). A Games is in
the file only when every one of its events is, so that it can be replayed in full.

Sources, per row:
- Olympedia's result pages (https://www.olympedia.org/results/<id>), through the dated copy of
  its event results in the Kaggle set "126 years of Olympic history" (`Olympic_Results.csv`,
  column `result_date`, in Akash933024/Olympics-Data-Analysis-Project at commit 2811d93f). The
  copy dates only events held on one day (195 of the 309 Winter events here) and mostly gives
  the day the event was actually held (the Sochi men's snowboard cross, put back a day by fog,
  is on 18 February).
- For the events over several days (tournaments, two-day runs, rounds ahead of a final), the
  day of the medal final from Wikipedia's sport and event pages (schedule tables, through
  mirrors such as wikimili.com), Olympedia's tournament pages, and press reports and schedules
  of the day (olympics.com, national broadcasters, news agencies); times given in US Eastern or
  UK time are converted to the host's clock. A tournament is dated by its gold-medal final:
  a bronze game played the day before counts from the final's evening (late, never early).

Checked: of 60 events dated both by Olympedia's copy and by a schedule page, 59 give the same
day; the other is the fog-delayed snowboard cross above, where Olympedia has the day it was run.

Tokyo 2020 (339 events): 96 rows from Olympedia's copy; the other 243 from a report of the
final's result on the day (news agencies, federations, broadcasters' day-by-day results) or,
for a few, the day's published schedule (the federation's wrestling schedule, the day's medal
sessions). Reports beat schedules: four schedule days were wrong after weather or reshuffles
(the 49er and 49erFX medal races moved from 2 to 3 August, the women's 200 m medley swum on
28 not 30 July, the men's 200 m medley on 30 not 31 July, the women's 25 m pistol final on 30
not 29 July) and the file has the day of the result. Of 30 Olympedia-dated Tokyo events checked
against a report, 29 agree; its copy puts the men's 20 km walk on 6 August, but it was walked in
Sapporo on Thursday 5 August, and the file has 5 August from the report.

Rio 2016 (306 events): 106 rows from Olympedia's copy and 3 boxing finals from Olympedia's
result pages; of the other 197, 173 from a report of the final on the day (news agencies,
federations, olympics.com and rio2016.com), 22 pool finals from swimming's published finals
programme, and two canoe sprint finals from their Wikipedia event pages. Of 7 copy-dated Rio
events checked against a report, 7 agree, and the file's finals per sport and day match the
published Rio calendar for athletics, boxing, badminton, canoe sprint, track cycling, diving,
fencing and equestrian. The women's beach volleyball final ran towards midnight and is dated
by the evening it began, Wednesday 17 August, as Olympedia and the agency report have it.

London 2012 (302 events): 113 rows from Olympedia's copy; the other 189 from a report of the
final on the day (news agencies, federations, olympics.com's and others' day-by-day winners).
Three copy rows are overridden: the copy puts the women's team foil, men's team sabre and women's
team epee finals on 5 August, the last day of fencing, but they were fenced on 2, 3 and 4 August
(the men's team foil was on the 5th, as the copy has it). Of 47 copy-dated London events checked
against a report, 44 agree (those three do not), and the file's finals per sport and day match
the published London calendar for archery, athletics, badminton, boxing, canoeing, cycling,
diving, equestrian, fencing, artistic gymnastics and swimming.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

FILE = "event_dates.csv"
COLUMNS = ("games", "event", "date", "source")

# The host's clock: the database keeps these Games in UTC, the schedules are in local time.
ZONES = {
    "sochi-2014": "Europe/Moscow",
    "pyeongchang-2018": "Asia/Seoul",
    "beijing-2022": "Asia/Shanghai",
    "london-2012": "Europe/London",
    "rio-2016": "America/Sao_Paulo",
    "tokyo-2020": "Asia/Tokyo",
}


@dataclass(frozen=True)
class EventDate:
    games: str
    event: str
    day: date  # the host's local date of the medal final
    source: str


class EventDatesError(ValueError):
    """The dates file is malformed, or does not cover the events of a Games it lists."""


def parse(text: str) -> tuple[EventDate, ...]:
    """The rows of a dates file; a clear error names the first bad line."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(header) != COLUMNS:
        raise EventDatesError(f"{FILE}: header must be {','.join(COLUMNS)}, got {header}")
    rows: list[EventDate] = []
    seen: set[tuple[str, str]] = set()
    for line, fields in enumerate(reader, start=2):
        if len(fields) != len(COLUMNS):
            raise EventDatesError(f"{FILE} line {line}: {len(fields)} fields, expected 4")
        games, event, day, source = fields
        if games not in ZONES:
            raise EventDatesError(f"{FILE} line {line}: no host clock for Games {games!r}")
        try:
            parsed = date.fromisoformat(day)
        except ValueError:
            raise EventDatesError(f"{FILE} line {line}: bad date {day!r}") from None
        if not event or not source:
            raise EventDatesError(f"{FILE} line {line}: empty event or source")
        if (games, event) in seen:
            raise EventDatesError(f"{FILE} line {line}: {games} {event} listed twice")
        seen.add((games, event))
        rows.append(EventDate(games, event, parsed, source))
    return tuple(rows)


@cache
def rows() -> tuple[EventDate, ...]:
    """The rows of the packaged file."""
    return parse(resources.files("podium.projection").joinpath(FILE).read_text("utf-8"))


def games() -> tuple[str, ...]:
    """The Games the file dates, in file order."""
    return tuple(dict.fromkeys(r.games for r in rows()))


def dates(games: str) -> dict[str, date]:
    """Event key -> local date of its medal final, for one Games (empty if not in the file)."""
    return {r.event: r.day for r in rows() if r.games == games}


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The last instant of `day` on the host's clock: when a medal decided that day counts."""
    return datetime.combine(day + timedelta(days=1), time(), zone) - timedelta(microseconds=1)
