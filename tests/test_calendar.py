"""The medal calendar: parsed with icalendar, it holds every one of the 116 medal events of
2026 at its medal session (the end of the schedule's medal session, in UTC, compared with
schedules.csv read here on its own), on the host's clock; a country's calendar keeps what it
won."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from podium.web import create_app

GAMES = "milano-cortina-2026"
SCHEDULE = Path(__file__).resolve().parents[2] / "shared/data/milano-cortina-2026/schedules.csv"


@pytest.fixture(scope="module")
def client(imported_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(imported_url)) as c:
        yield c


def medal_sessions() -> dict[tuple[str, str], datetime]:
    """(discipline, event title) -> end of its medal session, from the schedule itself."""
    ends: dict[tuple[str, str], datetime] = {}
    with SCHEDULE.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["event_medal"] == "1":
                end = datetime.fromisoformat(row["end_date"]).astimezone(UTC)
                key = (row["discipline"], row["event"])
                ends[key] = max(end, ends.get(key, end))
    return ends


def test_every_medal_event_at_its_medal_session(client: TestClient) -> None:
    response = client.get(f"/games/{GAMES}/calendar.ics?medal=1")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 116 == len({str(e["uid"]) for e in events})
    starts = sorted(e.decoded("dtstart").astimezone(UTC) for e in events)
    assert starts == sorted(medal_sessions().values())
    # on the host's clock, with its time zone in the calendar
    assert {str(e["dtstart"].params["TZID"]) for e in events} == {"Europe/Rome"}
    assert [str(t["tzid"]) for t in cal.walk("VTIMEZONE")] == ["Europe/Rome"]
    kok = next(e for e in events if str(e["uid"]) == f"{GAMES}/speed-skating/w/500m@podium")
    assert kok.decoded("dtstart").astimezone(UTC) == datetime(2026, 2, 15, 16, 44, 15, tzinfo=UTC)
    assert str(kok["summary"]).endswith("🥇 Femke Kok")
    assert "🥈 Jutta Leerdam (NED)" in str(kok["description"])


def test_a_countrys_calendar(client: TestClient) -> None:
    cal = Calendar.from_ical(client.get(f"/games/{GAMES}/calendar.ics?noc=NED").content)
    events = cal.walk("VEVENT")
    assert len(events) == 17  # every event decided: those with a Dutch medal
    mass = next(e for e in events if "mass-start" in str(e["uid"]) and "/w/" in str(e["uid"]))
    assert str(mass["summary"]).endswith("🥇 Marijke Groenewoud")
    assert client.get(f"/games/{GAMES}/calendar.ics?noc=XXX").status_code == 404
    assert client.get(f"/games/{GAMES}/calendar.ics?medal=0").status_code == 422
