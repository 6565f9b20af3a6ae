"""The documented dates of the earlier Games' events (issue 11): the file covers every event of
each Games it lists and nothing else, every date lies inside its Games, and the backtest replays
those Games at their start and every evening, each medal counting from the end of its day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from podium import Podium
from podium.projection import backtest, event_dates

COUNTS = {"sochi-2014": 98, "pyeongchang-2018": 102, "beijing-2022": 109}
# The host's local days with a medal final: the first and the last of each Games.
SPANS = {
    "sochi-2014": (date(2014, 2, 8), date(2014, 2, 23)),
    "pyeongchang-2018": (date(2018, 2, 10), date(2018, 2, 25)),
    "beijing-2022": (date(2022, 2, 5), date(2022, 2, 20)),
}


def test_the_file_lists_the_three_winter_games_whole(imported: Podium) -> None:
    assert event_dates.games() == tuple(COUNTS)
    assert len(event_dates.rows()) == 309
    for games, count in COUNTS.items():
        listed = event_dates.dates(games)
        events = {c.event for c in imported.store.contests(games)}
        assert len(listed) == count == len(events)
        assert set(listed) == events
    assert event_dates.dates("london-2012") == {}


def test_every_date_lies_inside_its_games(imported: Podium) -> None:
    for games, (first, last) in SPANS.items():
        g = imported.games(games)
        zone = ZoneInfo(event_dates.ZONES[games])
        days = event_dates.dates(games).values()
        assert (min(days), max(days)) == (first, last)
        assert g.starts_at.astimezone(zone).date() <= first
        assert last <= g.ends_at.astimezone(zone).date()


def test_every_row_names_its_source() -> None:
    rows = event_dates.rows()
    assert len({(r.games, r.event) for r in rows}) == len(rows)
    assert all(r.source.startswith(("http://", "https://")) for r in rows)
    # 195 single-day events from Olympedia's dated copy, 4 tournaments from its result pages
    assert len([r for r in rows if "olympedia.org/results/" in r.source]) == 199


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("games,event,day,source\n", "event_dates.csv: header must be games,event,date,source"),
        (
            "games,event,date,source\nsochi-2014,luge/w/singles,2014-02-31,https://x\n",
            "event_dates.csv line 2: bad date '2014-02-31'",
        ),
        (
            "games,event,date,source\nnagano-1998,luge/w/singles,1998-02-10,https://x\n",
            "event_dates.csv line 2: no host clock for Games 'nagano-1998'",
        ),
        (
            "games,event,date,source\nsochi-2014,luge/w/singles,2014-02-11\n",
            "event_dates.csv line 2: 3 fields, expected 4",
        ),
        (
            "games,event,date,source\nsochi-2014,luge/w/singles,2014-02-11,\n",
            "event_dates.csv line 2: empty event or source",
        ),
        (
            "games,event,date,source\n"
            "sochi-2014,luge/w/singles,2014-02-11,https://x\n"
            "sochi-2014,luge/w/singles,2014-02-12,https://y\n",
            "event_dates.csv line 3: sochi-2014 luge/w/singles listed twice",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_line(text: str, message: str) -> None:
    with pytest.raises(event_dates.EventDatesError) as refused:
        event_dates.parse(text)
    assert str(refused.value).startswith(message)


def test_a_dated_games_is_scored_at_its_start_and_every_evening(imported: Podium) -> None:
    assert backtest.DATED["sochi-2014"] == "evenings (event dates file)"
    assert "london-2012" not in backtest.DATED
    moments = backtest.moments(imported, "sochi-2014")
    zone = ZoneInfo("Europe/Moscow")
    days = [date(2014, 2, 7) + timedelta(days=i) for i in range(17)]  # 7 to 23 February
    assert [m.label for m in moments] == ["start", *(d.isoformat() for d in days)]
    evenings = [datetime(d.year, d.month, d.day, 23, 59, 59, 999_999, zone) for d in days]
    listed = event_dates.dates("sochi-2014")
    for moment, evening in zip(moments[1:], evenings, strict=True):
        decided = moment.inputs.decided
        # no look-ahead: exactly the medals of the events whose final was by that evening
        assert {r.event for r in decided} == {e for e, d in listed.items() if d <= evening.date()}
        assert all(r.awarded_at <= evening for r in decided)
        assert moment.fraction == len({r.event for r in decided}) / 98
    assert moments[0].inputs.decided == () and moments[1].inputs.decided == ()
    first = {r.event for r in moments[2].inputs.decided}
    assert first == {
        "biathlon/m/10km-sprint",
        "cross-country-skiing/w/7-5km-7-5km-skiathlon",
        "freestyle-skiing/w/moguls",
        "snowboard/m/snowboard-slopestyle",
        "speed-skating/m/5000m",
    }
    assert [round(m.fraction, 4) for m in moments[2:5]] == [0.051, 0.1327, 0.1837]
    assert moments[-1].fraction == 1.0
    medal = next(r for r in moments[-1].inputs.decided if r.event == "ice-hockey/m/tournament")
    assert medal.awarded_at == evenings[-1]


def test_the_other_winter_games_run_from_their_first_to_their_last_evening(
    imported: Podium,
) -> None:
    for games, (first, last) in SPANS.items():
        moments = backtest.moments(imported, games)
        assert len(moments) == 18  # the start and 17 evenings
        before = [m for m in moments[1:] if m.label < first.isoformat()]
        assert all(m.inputs.decided == () for m in before)
        assert moments[-1].label == last.isoformat() and moments[-1].fraction == 1.0
        shares = [m.fraction for m in moments]
        assert shares == sorted(shares)
