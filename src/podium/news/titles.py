"""Titles as a reader sees them on a page, in the reader's language: an event with its sport
('Shorttrack – 500 meter vrouwen'), a Games by its city as the language names it
('Turijn 2006'), a day in words ('17 februari 2026'), and the sports a filter offers, skating
split as a reader knows it (langebaan, shorttrack, kunstrijden). The words are the
catalog's (locales/*/names.ftl); this module only chooses which message and arguments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from podium import events as canon
from podium.model import Event, Games, Noc
from podium.names import fold
from podium.news.catalog import catalog
from podium.news.story import _city, event_name

# A filter entry per discipline for these sports; one entry per sport for the others.
SPLIT_SPORTS = frozenset({"skating"})
_GENERIC = frozenset({"men", "women", "mixed", "open"})


def discipline_title(slug: str, lang: str) -> str:
    """'Shorttrack', 'Schaatsen' (long track, as Dutch readers say it), 'Biatlon'."""
    try:
        found = canon.discipline_by_slug(slug)
        name = found.name_nl if lang == "nl" else found.name_en
    except canon.UnknownDiscipline:
        name = slug
    return catalog(lang)("discipline-title", discipline=slug, name=name)


def event_title(event: Event, lang: str) -> str:
    """The event with its sport and gender: 'Schaatsen – 500 meter vrouwen'; a tournament
    titled only by its gender in the sources is its sport and gender: 'IJshockey – mannen'."""
    cat = catalog(lang)
    generic = event.title.strip().lower() in _GENERIC
    return cat(
        "event-title",
        discipline_title=discipline_title(event.discipline, lang),
        name=event_name(cat, event),
        title=event.title,
        gender=event.gender,
        generic="yes" if generic else "no",
    )


def games_title(games: Games, lang: str) -> str:
    """'Turijn 2006', 'München 1972', 'Milaan-Cortina 2026'."""
    return catalog(lang)("games-title", **_city(games), year=str(games.year))


def day_words(day: date, lang: str) -> str:
    """'17 februari 2026', '17 February 2026'."""
    return catalog(lang)("day-words", day=day.isoformat())


def day_short(day: date, lang: str) -> str:
    """'17 feb.', '17 Feb': a chart's axis."""
    return catalog(lang)("day-short", day=day.isoformat())


def updated_at(moment: datetime, zone: str, title: str, lang: str) -> str:
    """The live line: 'Bijgewerkt om 14:32: Shorttrack – 500 meter vrouwen', the time as the
    Games' clocks showed it."""
    local = moment.astimezone(ZoneInfo(zone))
    return catalog(lang)("updated-at", time=f"{local:%H:%M}", title=title)


def sport_choices(disciplines: Iterable[str], lang: str) -> list[tuple[str, str]]:
    """(filter value, name) for the medal table's sport filter, by name: a discipline's slug
    for the split sports (skating: langebaan, shorttrack, kunstrijden apart), else the
    sport's slug."""
    seen: dict[str, str] = {}
    for slug in disciplines:
        try:
            found = canon.discipline_by_slug(slug)
        except canon.UnknownDiscipline:
            continue
        if found.sport.slug in SPLIT_SPORTS:
            seen[found.slug] = discipline_title(found.slug, lang)
        else:
            sport = found.sport
            seen[sport.slug] = sport.name_nl if lang == "nl" else sport.name_en
    return sorted(seen.items(), key=lambda kv: kv[1])


_TITLES: dict[tuple[str, int, int], list[tuple[Event, str, str]]] = {}


def _titled(events: Sequence[Event], lang: str) -> list[tuple[Event, str, str]]:
    """(event, title, folded title) of every event: built once per language and list of
    events (the core's list, cached per revision)."""
    key = (lang, id(events), len(events))
    if key not in _TITLES:
        if len(_TITLES) > 8:
            _TITLES.clear()
        rows = []
        for e in events:
            title = event_title(e, lang)
            rows.append((e, title, fold(title)))
        _TITLES[key] = rows
    return _TITLES[key]


def find_events(events: Sequence[Event], query: str, lang: str, limit: int = 20) -> list[Event]:
    """Events whose title in `lang` has a word starting with each word of the query
    ('500 shorttrack' finds the 500 metres, not the 1500)."""
    words = fold(query).split()
    if not words:
        return []
    found = [(t, e) for e, t, folded in _titled(events, lang) if _has_words(folded, words)]
    return [e for _, e in sorted(found, key=lambda te: te[0])[:limit]]


def find_nocs(nocs: Iterable[Noc], query: str, limit: int = 10) -> list[Noc]:
    """NOCs whose code, or Dutch or English name, has a word starting with each word of the
    query."""
    words = fold(query).split()
    if not words:
        return []
    found = []
    for n in nocs:
        if _has_words(fold(f"{n.code} {n.name_nl} {n.name_en}"), words):
            found.append(n)
    return sorted(found, key=lambda n: (fold(n.code) != words[0], n.name_en))[:limit]


def _has_words(folded: str, words: list[str]) -> bool:
    have = folded.split()
    return all(any(h.startswith(w) for h in have) for w in words)
