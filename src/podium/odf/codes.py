"""ODF's codes in Podium's terms: competition codes to Games, discipline codes to canonical
disciplines, an RSC with its event name to a canonical event key. A code not listed here is
`Unknown`, which the feed reports; nothing is guessed from a code alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from podium import events
from podium.odf.message import Rsc

# ODF discipline code -> a spelling `events.discipline_for` knows (ODF Common Codes, Discipline)
DISCIPLINES = {
    # winter
    "ALP": "Alpine Skiing",
    "BTH": "Biathlon",
    "BOB": "Bobsleigh",
    "CCS": "Cross-Country Skiing",
    "CUR": "Curling",
    "FSK": "Figure Skating",
    "FRS": "Freestyle Skiing",
    "IHO": "Ice Hockey",
    "LUG": "Luge",
    "NCB": "Nordic Combined",
    "STK": "Short Track Speed Skating",
    "SKN": "Skeleton",
    "SJP": "Ski Jumping",
    "SMT": "Ski Mountaineering",
    "SBD": "Snowboard",
    "SSK": "Speed Skating",
    # summer
    "ARC": "Archery",
    "ATH": "Athletics",
    "BDM": "Badminton",
    "BSB": "Baseball",
    "SBL": "Softball",
    "BKB": "Basketball",
    "BK3": "3x3 Basketball",
    "BOX": "Boxing",
    "BKG": "Breaking",
    "CSP": "Canoe Sprint",
    "CSL": "Canoe Slalom",
    "CRD": "Cycling Road",
    "CTR": "Cycling Track",
    "MTB": "Cycling Mountain Bike",
    "BMX": "Cycling BMX Racing",
    "BMF": "Cycling BMX Freestyle",
    "EDR": "Equestrian Dressage",
    "EVE": "Equestrian Eventing",
    "EJP": "Equestrian Jumping",
    "FEN": "Fencing",
    "FBL": "Football",
    "GLF": "Golf",
    "GAR": "Artistic Gymnastics",
    "GRY": "Rhythmic Gymnastics",
    "GTR": "Trampoline",
    "HBL": "Handball",
    "HOC": "Hockey",
    "JUD": "Judo",
    "KTE": "Karate",
    "MPN": "Modern Pentathlon",
    "ROW": "Rowing",
    "RU7": "Rugby Sevens",
    "SAL": "Sailing",
    "SHO": "Shooting",
    "SKB": "Skateboarding",
    "CLB": "Sport Climbing",
    "SRF": "Surfing",
    "SWM": "Swimming",
    "DIV": "Diving",
    "SWA": "Artistic Swimming",
    "WPO": "Water Polo",
    "OWS": "Marathon Swimming",
    "TTE": "Table Tennis",
    "TKW": "Taekwondo",
    "TEN": "Tennis",
    "TRI": "Triathlon",
    "VVO": "Volleyball",
    "VBV": "Beach Volleyball",
    "WLF": "Weightlifting",
    "WRE": "Wrestling",
    "CKT": "Cricket",
    "LAX": "Lacrosse",
    "SQU": "Squash",
}


class Unknown(LookupError):
    """A code Podium cannot map; the message says which and why."""


@dataclass(frozen=True)
class Competition:
    code: str
    slug: str
    name: str
    year: int
    season: str  # summer | winter
    known: bool  # a Games Podium has from its own sources


# Competition codes of Games Podium imports from its own sources.
KNOWN = {
    "OWG2026": ("milano-cortina-2026", "Milano Cortina 2026", 2026, "winter"),
    "OG2024": ("paris-2024", "Paris 2024", 2024, "summer"),
}


def competition(code: str) -> Competition:
    """The Games a competition code names: one Podium knows, else one the feed creates
    (OG = Summer, OWG = Winter, the year from the code; a test feed keeps its suffix)."""
    if code in KNOWN:
        slug, name, year, season = KNOWN[code]
        return Competition(code, slug, name, year, season, True)
    found = re.fullmatch(r"(OWG|OG|YOG|WYOG)(\d{4})(-[A-Z0-9]+)?", code)
    if found is None:
        raise Unknown(f"competition code {code!r} is not OG/OWG followed by a year")
    kind, year = found.group(1), int(found.group(2))
    season = "winter" if kind in ("OWG", "WYOG") else "summer"
    return Competition(code, code.lower(), f"{code} (ODF feed)", year, season, False)


def games_row(c: Competition, first_day: date) -> dict[str, object]:
    """A Games row for a competition the feed creates: its days are not in any message
    Podium reads, so it spans the 17 days from the first logical date seen."""
    start = datetime.combine(first_day, time(0, 0), ZoneInfo("UTC"))
    return {
        "slug": c.slug,
        "name": c.name,
        "year": c.year,
        "season": c.season,
        "host": "",
        "starts_at": start.replace(tzinfo=None),
        "ends_at": (start + timedelta(days=17)).replace(tzinfo=None),
        "timezone": "UTC",
        "official": True,
    }


def discipline(code: str) -> events.Discipline:
    name = DISCIPLINES.get(code)
    if name is None:
        raise Unknown(f"discipline code {code!r} is not one Podium maps")
    return events.discipline_for(name)


def event_key(rsc: Rsc, title: str) -> str:
    """The canonical event of an RSC named `title` (SportDescription@EventName), by the same
    rules an import maps a source's discipline, gender and title with."""
    if not title:
        raise Unknown(f"{rsc.short}: no event name in the message nor learnt from an earlier one")
    if rsc.discipline not in DISCIPLINES:
        raise Unknown(f"discipline code {rsc.discipline!r} is not one Podium maps")
    try:
        gender = events.event_gender(rsc.gender, title)
    except ValueError:
        raise Unknown(f"gender {rsc.gender!r} of {rsc.short} is not M, W, X or O") from None
    discipline = events.discipline_for(DISCIPLINES[rsc.discipline], title)
    return events.event_key(discipline, gender, title)
