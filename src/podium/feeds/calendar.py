"""The medal sessions of a Games as an iCalendar (RFC 5545) feed a calendar app subscribes
to: one event per medal event at its medal moment, on the host's clock (with its VTIMEZONE),
naming the medallists once the ledger (or the import) has them. SEQUENCE counts the ledger
entries for the event, so a correction reaches a subscriber as a newer copy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from podium.core import Podium
from podium.model import Medal

MEDAL_MARK = {Medal.GOLD: "🥇", Medal.SILVER: "🥈", Medal.BRONZE: "🥉"}


def medal_calendar(podium: Podium, games: str, noc: str | None = None, lang: str = "en") -> bytes:
    """Every medal event of `games`; with `noc`, those still open and those where `noc`
    won a medal (a country's calendar of what it may still win and what it won)."""
    g = podium.games(games)
    code = podium.noc(noc).code if noc else None
    zone = ZoneInfo(g.timezone)
    awards: dict[str, list[tuple[Medal, str, str]]] = {}
    standing = podium.store.awards(games=[games])
    names = podium.athletes({a.athlete for a in standing if a.athlete})
    for a in standing:
        who = names[a.athlete].name if a.athlete and a.athlete in names else a.team or a.noc
        awards.setdefault(a.event, []).append((a.medal, a.noc, who))
    entries: dict[str, int] = {}
    for e in podium.store.ledger_entries(games=games):
        entries[e.event] = entries.get(e.event, 0) + 1
    nocs = podium.nocs()

    cal = Calendar()
    cal.add("prodid", "-//Podium//medal sessions//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    country = f" {nocs[code].name(lang)}" if code and code in nocs else ""
    cal.add("x-wr-calname", f"{g.name}{country}")
    cal.add("x-wr-timezone", g.timezone)
    cal.add("refresh-interval", timedelta(minutes=15), parameters={"VALUE": "DURATION"})
    stamp = datetime.now(UTC)
    for contest in podium.store.contests(games):
        if contest.medal_at is None:
            continue
        won = sorted(awards.get(contest.event, []))
        if code and won and all(n != code for _, n, _ in won):
            continue
        moment = contest.medal_at.replace(tzinfo=UTC).astimezone(zone)
        ev = Event()
        ev.add("uid", f"{games}/{contest.event}@podium")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", moment)
        ev.add("dtend", moment)
        ev.add("sequence", entries.get(contest.event, 0))
        ev.add("categories", [contest.event.split("/", 1)[0]])
        title = contest.title
        if won:
            ours = [w for w in won if w[1] == code]
            medal, _, who = (ours or won)[0]
            ev.add("summary", f"{title}: {MEDAL_MARK[medal]} {who}")
            lines = [f"{MEDAL_MARK[m]} {w} ({n})" for m, n, w in won]
            ev.add("description", "\n".join(lines))
        else:
            ev.add("summary", title)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
