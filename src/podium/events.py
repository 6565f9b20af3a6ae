"""Canonical identity of sports, disciplines and events across all data sources.

The sources spell the same discipline and the same event differently from one Games to
the next ("Short Track" / "Short Track Speed Skating"; "2x500m women" / "Ladies’ 500m" /
"Women's 500m"), and none of them carries event ids. History-based facts ("first Dutch
woman to win the 500 m") are only right if every spelling of an event lands on one key, so
this module is the single place where that mapping lives.

An event key is ``"{discipline}/{gender}/{name}"``, e.g. ``speed-skating/w/500m``. The name
part comes from generic normalisation rules (quotes, gender words, units, thousands
separators, word variants) and, last, a small alias table for true renames that no generic
rule can see. Anything the rules do not merge stays a separate event: a wrong merge would
silently corrupt history, a missed merge only leaves two keys for a human to notice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

__all__ = [
    "DISCIPLINES",
    "Discipline",
    "Gender",
    "Sport",
    "UnknownDiscipline",
    "discipline_by_slug",
    "discipline_for",
    "display_title",
    "event_gender",
    "event_key",
    "event_slug",
    "sports",
]

Gender = Literal["M", "W", "X"]


@dataclass(frozen=True)
class Sport:
    slug: str
    name_en: str
    name_nl: str


@dataclass(frozen=True)
class Discipline:
    slug: str
    name_en: str
    name_nl: str
    sport: Sport
    season: str  # 'summer' | 'winter'


class UnknownDiscipline(ValueError, KeyError):
    """A discipline title or slug that no source spelling matches.

    Both a ValueError (bad input) and a KeyError (failed lookup), so callers of either
    ``discipline_for`` or ``discipline_by_slug`` can catch what they expect.
    """

    def __init__(self, raw: str, what: str = "discipline") -> None:
        super().__init__(f"unknown {what}: {raw!r}")
        self.raw = raw

    def __str__(self) -> str:
        # KeyError.__str__ would wrap the message in quotes a second time.
        return str(self.args[0])


# --------------------------------------------------------------------------------------
# Sports and disciplines
# --------------------------------------------------------------------------------------

# Grouped as the IOC groups disciplines into sports (the medal table per sport depends on it).
_AQUATICS = Sport("aquatics", "Aquatics", "Zwemsport")
_ARCHERY = Sport("archery", "Archery", "Boogschieten")
_ATHLETICS = Sport("athletics", "Athletics", "Atletiek")
_BADMINTON = Sport("badminton", "Badminton", "Badminton")
_BASEBALL_SOFTBALL = Sport("baseball-softball", "Baseball/Softball", "Honkbal en softbal")
_BASKETBALL = Sport("basketball", "Basketball", "Basketbal")
_BOXING = Sport("boxing", "Boxing", "Boksen")
_BREAKING = Sport("breaking", "Breaking", "Breaking")
_CANOE = Sport("canoe", "Canoe", "Kanovaren")
_CYCLING = Sport("cycling", "Cycling", "Wielersport")
_EQUESTRIAN = Sport("equestrian", "Equestrian", "Paardensport")
_FENCING = Sport("fencing", "Fencing", "Schermen")
_FOOTBALL = Sport("football", "Football", "Voetbal")
_GOLF = Sport("golf", "Golf", "Golf")
_GYMNASTICS = Sport("gymnastics", "Gymnastics", "Gymnastiek")
_HANDBALL = Sport("handball", "Handball", "Handbal")
_HOCKEY = Sport("hockey", "Hockey", "Hockey")
_JUDO = Sport("judo", "Judo", "Judo")
_KARATE = Sport("karate", "Karate", "Karate")
_MODERN_PENTATHLON = Sport("modern-pentathlon", "Modern Pentathlon", "Moderne vijfkamp")
_ROWING = Sport("rowing", "Rowing", "Roeien")
_RUGBY = Sport("rugby", "Rugby", "Rugby")
_SAILING = Sport("sailing", "Sailing", "Zeilen")
_SHOOTING = Sport("shooting", "Shooting", "Schieten")
_SKATEBOARDING = Sport("skateboarding", "Skateboarding", "Skateboarden")
_SPORT_CLIMBING = Sport("sport-climbing", "Sport Climbing", "Sportklimmen")
_SURFING = Sport("surfing", "Surfing", "Surfen")
_TABLE_TENNIS = Sport("table-tennis", "Table Tennis", "Tafeltennis")
_TAEKWONDO = Sport("taekwondo", "Taekwondo", "Taekwondo")
_TENNIS = Sport("tennis", "Tennis", "Tennis")
_TRIATHLON = Sport("triathlon", "Triathlon", "Triatlon")
_VOLLEYBALL = Sport("volleyball", "Volleyball", "Volleybal")
_WEIGHTLIFTING = Sport("weightlifting", "Weightlifting", "Gewichtheffen")
_WRESTLING = Sport("wrestling", "Wrestling", "Worstelen")
# On the programme from Los Angeles 2028 (the ODF test feed's squash samples).
_SQUASH = Sport("squash", "Squash", "Squash")
# Summer sports that are no longer on the programme.
_ART_COMPETITIONS = Sport("art-competitions", "Art Competitions", "Kunstwedstrijden")
_BASQUE_PELOTA = Sport("basque-pelota", "Basque Pelota", "Baskische pelota")
_CRICKET = Sport("cricket", "Cricket", "Cricket")
_CROQUET = Sport("croquet", "Croquet", "Croquet")
_JEU_DE_PAUME = Sport("jeu-de-paume", "Jeu de Paume", "Jeu de paume")
_LACROSSE = Sport("lacrosse", "Lacrosse", "Lacrosse")
_POLO = Sport("polo", "Polo", "Polo")
_RACKETS = Sport("rackets", "Rackets", "Rackets")
_ROQUE = Sport("roque", "Roque", "Roque")
_TUG_OF_WAR = Sport("tug-of-war", "Tug of War", "Touwtrekken")
_WATER_MOTORSPORTS = Sport("water-motorsports", "Water Motorsports", "Motorbootsport")
# Winter.
_BIATHLON = Sport("biathlon", "Biathlon", "Biatlon")
_BOBSLEIGH = Sport("bobsleigh", "Bobsleigh", "Bobsleeën")
_CURLING = Sport("curling", "Curling", "Curling")
_ICE_HOCKEY = Sport("ice-hockey", "Ice Hockey", "IJshockey")
_LUGE = Sport("luge", "Luge", "Rodelen")
_SKATING = Sport("skating", "Skating", "Schaatsen")
_SKIING = Sport("skiing", "Skiing", "Skiën")
_SKI_MOUNTAINEERING = Sport("ski-mountaineering", "Ski Mountaineering", "Skimountaineering")
# Awarded in 1924 only; the IOC lists it on its own, not as biathlon.
_MILITARY_PATROL = Sport("military-patrol", "Military Patrol", "Militaire patrouille")
# Awarded at Chamonix 1924 and at the 1932 and 1936 Games, outside the competitions.
_ALPINISM = Sport("alpinism", "Alpinism", "Alpinisme")


@dataclass(frozen=True)
class _Def:
    discipline: Discipline
    # Source spellings besides the English and Dutch names and the slug.
    aliases: tuple[str, ...] = ()
    # Words some sources put in front of every event title of this discipline
    # ("Dressage Individual"); they name the discipline, not the event.
    title_prefixes: tuple[str, ...] = ()


def _d(
    slug: str,
    name_en: str,
    name_nl: str,
    sport: Sport,
    season: str,
    *aliases: str,
    prefixes: tuple[str, ...] = (),
) -> _Def:
    return _Def(Discipline(slug, name_en, name_nl, sport, season), aliases, prefixes)


_S, _W = "summer", "winter"

_DEFS: tuple[_Def, ...] = (
    # --- summer ---
    _d("swimming", "Swimming", "Zwemmen", _AQUATICS, _S),
    _d("diving", "Diving", "Schoonspringen", _AQUATICS, _S),
    _d(
        "artistic-swimming",
        "Artistic Swimming",
        "Artistiek zwemmen",
        _AQUATICS,
        _S,
        "Synchronized Swimming",
        "Synchronised Swimming",
        "Synchroonzwemmen",
    ),
    _d("water-polo", "Water Polo", "Waterpolo", _AQUATICS, _S),
    _d(
        "marathon-swimming",
        "Marathon Swimming",
        "Openwaterzwemmen",
        _AQUATICS,
        _S,
        "Open Water Swimming",
    ),
    _d("archery", "Archery", "Boogschieten", _ARCHERY, _S),
    _d("athletics", "Athletics", "Atletiek", _ATHLETICS, _S),
    _d("badminton", "Badminton", "Badminton", _BADMINTON, _S),
    _d("baseball", "Baseball", "Honkbal", _BASEBALL_SOFTBALL, _S),
    _d("softball", "Softball", "Softbal", _BASEBALL_SOFTBALL, _S),
    _d("basketball", "Basketball", "Basketbal", _BASKETBALL, _S),
    _d("3x3-basketball", "3x3 Basketball", "3x3-basketbal", _BASKETBALL, _S, "Basketball 3x3"),
    _d("boxing", "Boxing", "Boksen", _BOXING, _S),
    _d("breaking", "Breaking", "Breaking", _BREAKING, _S, "Breakdance", "Breakdancing"),
    _d("canoe-sprint", "Canoe Sprint", "Kanosprint", _CANOE, _S, "Canoe Flatwater"),
    _d("canoe-slalom", "Canoe Slalom", "Kanoslalom", _CANOE, _S),
    _d("canoe-marathon", "Canoe Marathon", "Kanomarathon", _CANOE, _S),
    _d("cycling-road", "Cycling Road", "Wegwielrennen", _CYCLING, _S, "Road Cycling"),
    _d("cycling-track", "Cycling Track", "Baanwielrennen", _CYCLING, _S, "Track Cycling"),
    _d(
        "cycling-mountain-bike",
        "Cycling Mountain Bike",
        "Mountainbiken",
        _CYCLING,
        _S,
        "Mountain Bike",
        "Mountain Biking",
    ),
    # Until Tokyo 2020 BMX racing was the only BMX event, titled plain "Cycling BMX".
    _d(
        "cycling-bmx-racing",
        "Cycling BMX Racing",
        "BMX-racen",
        _CYCLING,
        _S,
        "Cycling BMX",
        "BMX",
        "BMX Racing",
    ),
    _d(
        "cycling-bmx-freestyle",
        "Cycling BMX Freestyle",
        "BMX-freestyle",
        _CYCLING,
        _S,
        "BMX Freestyle",
    ),
    _d(
        "equestrian-dressage",
        "Equestrian Dressage",
        "Dressuur",
        _EQUESTRIAN,
        _S,
        "Dressage",
        prefixes=("dressage",),
    ),
    _d(
        "equestrian-eventing",
        "Equestrian Eventing",
        "Eventing",
        _EQUESTRIAN,
        _S,
        "Eventing",
        prefixes=("eventing",),
    ),
    _d(
        "equestrian-jumping",
        "Equestrian Jumping",
        "Springen",
        _EQUESTRIAN,
        _S,
        "Jumping",
        "Show Jumping",
        prefixes=("jumping",),
    ),
    _d(
        "equestrian-vaulting",
        "Equestrian Vaulting",
        "Voltige",
        _EQUESTRIAN,
        _S,
        "Vaulting",
        prefixes=("vaulting",),
    ),
    _d("fencing", "Fencing", "Schermen", _FENCING, _S),
    _d("football", "Football", "Voetbal", _FOOTBALL, _S, "Soccer"),
    _d("golf", "Golf", "Golf", _GOLF, _S),
    _d(
        "artistic-gymnastics",
        "Artistic Gymnastics",
        "Turnen",
        _GYMNASTICS,
        _S,
        "Gymnastics Artistic",
    ),
    _d(
        "rhythmic-gymnastics",
        "Rhythmic Gymnastics",
        "Ritmische gymnastiek",
        _GYMNASTICS,
        _S,
        "Gymnastics Rhythmic",
    ),
    _d(
        "trampoline",
        "Trampoline Gymnastics",
        "Trampolinespringen",
        _GYMNASTICS,
        _S,
        "Trampoline",
        "Gymnastics Trampoline",
    ),
    _d("handball", "Handball", "Handbal", _HANDBALL, _S),
    # Field hockey; the sources call it plain "Hockey".
    _d("hockey", "Hockey", "Hockey", _HOCKEY, _S, "Field Hockey"),
    _d("judo", "Judo", "Judo", _JUDO, _S),
    _d("karate", "Karate", "Karate", _KARATE, _S),
    _d("modern-pentathlon", "Modern Pentathlon", "Moderne vijfkamp", _MODERN_PENTATHLON, _S),
    _d("rowing", "Rowing", "Roeien", _ROWING, _S),
    # Rugby union, 1900-1924.
    _d("rugby", "Rugby", "Rugby", _RUGBY, _S, "Rugby Union"),
    _d("rugby-sevens", "Rugby Sevens", "Rugby sevens", _RUGBY, _S, "Rugby 7", "Rugby-7"),
    _d("sailing", "Sailing", "Zeilen", _SAILING, _S),
    _d("shooting", "Shooting", "Schieten", _SHOOTING, _S),
    _d("skateboarding", "Skateboarding", "Skateboarden", _SKATEBOARDING, _S),
    _d("sport-climbing", "Sport Climbing", "Sportklimmen", _SPORT_CLIMBING, _S),
    _d("surfing", "Surfing", "Surfen", _SURFING, _S),
    _d("table-tennis", "Table Tennis", "Tafeltennis", _TABLE_TENNIS, _S),
    _d("taekwondo", "Taekwondo", "Taekwondo", _TAEKWONDO, _S),
    _d("tennis", "Tennis", "Tennis", _TENNIS, _S),
    _d("triathlon", "Triathlon", "Triatlon", _TRIATHLON, _S),
    _d("volleyball", "Volleyball", "Volleybal", _VOLLEYBALL, _S, "Indoor Volleyball"),
    _d("beach-volleyball", "Beach Volleyball", "Beachvolleybal", _VOLLEYBALL, _S),
    _d("weightlifting", "Weightlifting", "Gewichtheffen", _WEIGHTLIFTING, _S),
    _d("wrestling", "Wrestling", "Worstelen", _WRESTLING, _S),
    _d("squash", "Squash", "Squash", _SQUASH, _S),
    _d("art-competitions", "Art Competitions", "Kunstwedstrijden", _ART_COMPETITIONS, _S),
    _d("basque-pelota", "Basque Pelota", "Baskische pelota", _BASQUE_PELOTA, _S),
    _d("cricket", "Cricket", "Cricket", _CRICKET, _S),
    _d("croquet", "Croquet", "Croquet", _CROQUET, _S),
    _d("jeu-de-paume", "Jeu de Paume", "Jeu de paume", _JEU_DE_PAUME, _S),
    _d("lacrosse", "Lacrosse", "Lacrosse", _LACROSSE, _S),
    _d("polo", "Polo", "Polo", _POLO, _S),
    _d("rackets", "Rackets", "Rackets", _RACKETS, _S),
    _d("roque", "Roque", "Roque", _ROQUE, _S),
    _d("tug-of-war", "Tug of War", "Touwtrekken", _TUG_OF_WAR, _S),
    _d(
        "water-motorsports",
        "Water Motorsports",
        "Motorbootsport",
        _WATER_MOTORSPORTS,
        _S,
        "Motorboating",
    ),
    # --- winter ---
    # Figure skating and ice hockey were held at the 1908/1920 Summer Games; they are
    # still winter disciplines.
    _d(
        "speed-skating",
        "Speed Skating",
        "Langebaanschaatsen",
        _SKATING,
        _W,
        "Long Track Speed Skating",
        "Long Track",
    ),
    _d(
        "short-track",
        "Short Track Speed Skating",
        "Shorttrack",
        _SKATING,
        _W,
        "Short Track",
        "Short-track",
    ),
    _d("figure-skating", "Figure Skating", "Kunstschaatsen", _SKATING, _W),
    _d("alpine-skiing", "Alpine Skiing", "Alpineskiën", _SKIING, _W),
    _d(
        "cross-country-skiing",
        "Cross-Country Skiing",
        "Langlaufen",
        _SKIING,
        _W,
        "Cross Country",
        "Langlauf",
    ),
    _d("ski-jumping", "Ski Jumping", "Schansspringen", _SKIING, _W),
    _d("nordic-combined", "Nordic Combined", "Noordse combinatie", _SKIING, _W),
    _d(
        "freestyle-skiing",
        "Freestyle Skiing",
        "Freestyleskiën",
        _SKIING,
        _W,
        "Freestyle",
        "Freeski",
    ),
    _d("snowboard", "Snowboard", "Snowboarden", _SKIING, _W, "Snowboarding"),
    _d(
        "ski-mountaineering",
        "Ski Mountaineering",
        "Skimountaineering",
        _SKI_MOUNTAINEERING,
        _W,
        "Skimo",
    ),
    _d("biathlon", "Biathlon", "Biatlon", _BIATHLON, _W),
    _d("bobsleigh", "Bobsleigh", "Bobsleeën", _BOBSLEIGH, _W, "Bobsled", "Bob"),
    _d("skeleton", "Skeleton", "Skeleton", _BOBSLEIGH, _W),
    _d("luge", "Luge", "Rodelen", _LUGE, _W),
    _d("ice-hockey", "Ice Hockey", "IJshockey", _ICE_HOCKEY, _W),
    _d("curling", "Curling", "Curling", _CURLING, _W),
    _d("military-patrol", "Military Patrol", "Militaire patrouille", _MILITARY_PATROL, _W),
    _d("alpinism", "Alpinism", "Alpinisme", _ALPINISM, _W),
)

DISCIPLINES: tuple[Discipline, ...] = tuple(d.discipline for d in _DEFS)

# Some sources file several disciplines under one title and tell them apart only in the
# event title (Paris 2024 "Equestrian" / "Dressage Individual"; Tokyo 2020
# "Baseball/Softball" / "Softball"). Such a title resolves to a placeholder that is not a
# canonical discipline; given the event title, discipline_for() and event_key() resolve
# it to the real one.
_UMBRELLAS: dict[str, tuple[Discipline, tuple[str, ...]]] = {
    "equestrian": (
        Discipline("equestrian", "Equestrian", "Paardensport", _EQUESTRIAN, _S),
        (
            "equestrian-dressage",
            "equestrian-eventing",
            "equestrian-jumping",
            "equestrian-vaulting",
        ),
    ),
    "baseball-softball": (
        Discipline(
            "baseball-softball", "Baseball/Softball", "Honkbal en softbal", _BASEBALL_SOFTBALL, _S
        ),
        ("baseball", "softball"),
    ),
}
# Rugby's early title covers both codes: olympics.com files 2016 "rugby-7" under "Rugby".
_REFINEMENTS: dict[str, tuple[str, ...]] = {
    "rugby": ("rugby-sevens",),
    **{slug: children for slug, (_, children) in _UMBRELLAS.items()},
}


def _match_form(text: str) -> str:
    """Case-, width-, whitespace- and hyphen-insensitive form of a discipline title."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\s\-_/–—]+", " ", text)
    return text.strip()


def _build_index() -> tuple[dict[str, Discipline], dict[str, Discipline]]:
    by_slug: dict[str, Discipline] = {}
    by_title: dict[str, Discipline] = {}

    def add(title: str, discipline: Discipline) -> None:
        key = _match_form(title)
        other = by_title.setdefault(key, discipline)
        if other is not discipline:
            raise RuntimeError(f"discipline title {title!r} is ambiguous: {other.slug}")

    for item in _DEFS:
        d = item.discipline
        if d.slug in by_slug:
            raise RuntimeError(f"duplicate discipline slug {d.slug!r}")
        by_slug[d.slug] = d
        for title in (d.slug, d.name_en, d.name_nl, *item.aliases):
            add(title, d)
    for umbrella, _ in _UMBRELLAS.values():
        by_slug[umbrella.slug] = umbrella
        add(umbrella.slug, umbrella)
        add(umbrella.name_en, umbrella)
    return by_slug, by_title


_BY_SLUG, _BY_TITLE = _build_index()
_DEF_BY_SLUG: dict[str, _Def] = {item.discipline.slug: item for item in _DEFS}


def discipline_for(raw_title: str, event_title: str | None = None) -> Discipline:
    """The canonical discipline for any source spelling of a discipline title.

    Pass the event title as well when you have it: a few source titles ("Equestrian",
    "Baseball/Softball", "Rugby") cover several disciplines and only the event title says
    which. Raises UnknownDiscipline naming ``raw_title`` if no spelling matches.
    """
    discipline = _BY_TITLE.get(_match_form(raw_title))
    if discipline is None:
        raise UnknownDiscipline(raw_title)
    if event_title is not None:
        discipline = _refine(discipline, event_title)
    return discipline


def discipline_by_slug(slug: str) -> Discipline:
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise UnknownDiscipline(slug, "discipline slug") from None


def sports() -> tuple[Sport, ...]:
    """Every sport that has at least one canonical discipline, in definition order."""
    seen: dict[str, Sport] = {}
    for d in DISCIPLINES:
        seen.setdefault(d.sport.slug, d.sport)
    return tuple(seen.values())


def _tokens(text: str) -> list[str]:
    """Words of an already normalised text; "7.5km", "c-1" and "super-g" stay whole."""
    return re.findall(r"\w+(?:[.\-]\w+)*", text)


@cache
def _discipline_names(slug: str) -> tuple[tuple[str, ...], ...]:
    """Every spelling of a discipline as a word tuple, for spotting event titles that
    only repeat the discipline ("ice hockey men") or start with it ("Dressage Team")."""
    item = _DEF_BY_SLUG.get(slug)
    if item is None:
        umbrella = _UMBRELLAS.get(slug)
        return (tuple(_tokens(_normalise(umbrella[0].name_en))),) if umbrella else ()
    titles = (item.discipline.name_en, *item.aliases)
    prefixes = tuple((p,) for p in item.title_prefixes)
    return prefixes + tuple(tuple(_tokens(_normalise(t))) for t in titles)


def _refine(discipline: Discipline, title: str) -> Discipline:
    """The real discipline behind a title that covers several, from the event title."""
    children = _REFINEMENTS.get(discipline.slug)
    if not children:
        return discipline
    words = tuple(_tokens(_strip_gender(_normalise(title))))
    for child_slug in children:
        for name in _discipline_names(child_slug):
            if name and words[: len(name)] == name:
                return _DEF_BY_SLUG[child_slug].discipline
    return discipline


# --------------------------------------------------------------------------------------
# Gender
# --------------------------------------------------------------------------------------

_RAW_GENDER: dict[str, Gender] = {
    "m": "M",
    "men": "M",
    "man": "M",
    "male": "M",
    "w": "W",
    "f": "W",
    "women": "W",
    "woman": "W",
    "female": "W",
    "ladies": "W",
    "x": "X",
    "o": "X",
    "mixed": "X",
    "open": "X",
}

_MEN_WORDS = frozenset({"men", "mens", "man", "boys"})
_WOMEN_WORDS = frozenset({"women", "womens", "woman", "ladies", "girls"})
_MIXED_WORDS = frozenset({"mixed", "mix", "open"})


def _title_genders(title: str) -> set[Gender]:
    words = set(re.findall(r"[a-z]+", _normalise(title).replace("'", "")))
    found: set[Gender] = set()
    if words & _MEN_WORDS:
        found.add("M")
    if words & _WOMEN_WORDS:
        found.add("W")
    if words & _MIXED_WORDS:
        found.add("X")
    return found


def event_gender(raw_gender: str | None, title: str) -> Gender:
    """M, W or X (mixed and open alike) for an event.

    The source's own gender field wins, with one exception: the history file marks the
    early equestrian events (to 1948-1960) "Men", as only officers rode, while their
    titles say "mixed" and the same events are "Open" afterwards; the title keeps them
    one event. Without a gender field the title decides; a title naming no gender is open
    (Paris 2024 leaves the field empty for individual events, whose titles name a gender).
    """
    in_title = _title_genders(title)
    raw = (raw_gender or "").strip().casefold()
    if raw:
        gender = _RAW_GENDER.get(raw)
        if gender is None:
            raise ValueError(f"unknown event gender {raw_gender!r} for {title!r}")
        if gender == "M" and in_title == {"X"}:
            return "X"
        return gender
    if "X" in in_title or {"M", "W"} <= in_title:
        return "X"
    if in_title == {"W"}:
        return "W"
    if in_title == {"M"}:
        return "M"
    return "X"


# --------------------------------------------------------------------------------------
# Event names
# --------------------------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
    }
)


def display_title(title: str) -> str:
    """The title as a source gave it, with straight quotes and single spaces."""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def _normalise(title: str) -> str:
    return display_title(title).lower()


# "(W+M)" in biathlon mixed relays says who starts; the key already carries the gender.
_GENDER_PARENS = re.compile(r"\(\s*[mwx](?:\s*\+\s*[mwx])*\s*\)")
_GENDER_WORDS = re.compile(r"(?<![\w'])(?:women|men|ladies|mixed|mix|open)(?:'s|s'|'|s)?(?!\w)")


def _strip_gender(text: str) -> str:
    text = _GENDER_PARENS.sub(" ", text)
    return _GENDER_WORDS.sub(" ", text)


def _rules(*pairs: tuple[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), repl) for pattern, repl in pairs)


# Ordered rewrites of the lower-cased, gender-free title; each is a spelling rule that
# holds in every discipline.
_REWRITES = _rules(
    # Some 1996-2008 titles start with the Games and discipline: "Athens 2004 Judo - 60 kg".
    (r"^\s*[a-z][a-z .'-]*?\s(?:18|19|20)\d{2}\s+[a-z][a-z ]*?(?=\s+-\s)", " "),
    # Thousands separators: "10 000m", "10,000m", "1,600 metres" -> "10000m". A space
    # only before a distance unit and not after a boat code, so "400 600 800m",
    # "90  100kg" and "C-1 200m" stay apart.
    (r"(?<![\w.,-])(\d{1,2}) (\d{3})(?=\s*(?:m|km|metres|meters|metre|meter)\b)", r"\1\2"),
    (r"(?<![\w.,-])(\d{1,3}),(\d{3})(?![\d.,])", r"\1\2"),
    # Units straight after a number.
    (r"(\d)\s*(?:kilometres|kilometers|kilometre|kilometer|km)(?![a-z])", r"\1km"),
    (r"(\d)\s*(?:metres|meters|metre|meter|m)(?![a-z])", r"\1m"),
    (r"(\d)\s*(?:kilograms|kilogram|kgs|kg)(?![a-z])", r"\1kg"),
    (r"(\d)\s*(?:yards|yard|yds|yd|y)(?![a-z])", r"\1y"),
    # Relays: "4 x 7.5km" -> "4x7.5km".
    (r"(\d)\s*[x×]\s*(\d)", r"\1x\2"),
    # Combined distances: "7.5 + 7.5km", "7.5km+7.5km" and "7.5km + 7.5km" are one
    # spelling; a plus between two numbers means "and".
    (r"(?<![\d.])(\d+(?:\.\d+)?)\s*\+\s*(\d+(?:\.\d+)?)(km|m)(?![a-z])", r"\1\3 \2\3"),
    (r"(?<=\d)([a-z]*)\s*\+\s*(?=\d)", r"\1 "),
    # Weight classes: "+100kg" is the class above 100 kg, "-100 kg" and "≤100 kilograms"
    # the class up to it. The signs must survive slugifying: taekwondo's "67 kg women"
    # of 2000-2012 is the +67 kg class, "Women -67kg" of 2020 the class below it.
    (r"(?:\+|>)\s*(?=\d)", " over "),
    (r"(?:^\s*-\s*|(?<=\s)-|[≤<]\s*)(?=\d+(?:\.\d+)?kg\b)", " under "),
    # Crew sizes: "two-man", "twoman", "2-man".
    (r"\b(?:one|1)[\s-]?(man|woman|person)\b", r"1-\1"),
    (r"\b(?:two|2)[\s-]?(man|woman|person)\b", r"2-\1"),
    (r"\b(?:four|4)[\s-]?(man|woman|person)\b", r"4-\1"),
    (r"\b(?:five|5)[\s-]?(man|woman|person)\b", r"5-\1"),
    # Hill sizes as abbreviated since 2022.
    (r"\blh\b", "large hill"),
    (r"\bnh\b", "normal hill"),
    # Spelling variants of one word.
    (r"\bsynchronised\b", "synchronized"),
    (r"\bhalf[\s-]pipe\b", "halfpipe"),
    (r"\ball[\s-]round\b", "all-around"),
    (r"\bteams\b", "team"),
    # Weight class names lose their hyphen in part of the history ("halflightweight").
    (
        r"\b(half|light|extra|super)[\s-]"
        r"(?=(?:fly|light|middle|heavy|welter|feather|bantam)weight\b)",
        r"\1",
    ),
    # Words that never tell two events apart.
    (r"\b(?:competition|event)\b", " "),
)

# Vocabulary of one discipline (or family) where the sources switch between codes and
# words, or add words that are not part of the event's identity.
_DISCIPLINE_REWRITES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    # Boats are "K-1", "K1", "K-1 (kayak single)", "K1 kayak single" or "Kayak Single":
    # all become "k1".
    "canoe": _rules(
        (r"\b([ck])-(\d)\b", r"\1\2"),
        (r"\(?\bkayak single\b\)?", "k1"),
        (r"\(?\bkayak double\b\)?", "k2"),
        (r"\(?\bkayak four\b\)?", "k4"),
        (r"\(?\bcanoe single\b\)?", "c1"),
        (r"\(?\bcanoe double\b\)?", "c2"),
        (r"\b([ck]\d)\b(.*?)\s\1\b", r"\1\2"),
    ),
    # Boat classes: "double sculls 2x" / "Double Sculls"; "four without coxswain 4" /
    # "Coxless Fours" / "Four". Coxless is the default, so it is dropped; the boat code
    # after a boat name repeats it.
    "rowing": _rules(
        (r"\b(four|pair)-?oared shell\b", r"\1"),
        (r"\b(four|pair|eight)s\b", r"\1"),
        (r"\bcoxsw\b", "coxswain"),
        (r"\bwithout coxswain\b|\bcoxless\b", " "),
        (r"\bwith coxswain\b", " coxed "),
        (r"\b(sculls|four|pair|eight|coxed)\s*\(?(?:[1248]x?|[248][+-])\)?\s*$", r"\1"),
    ),
    # Technique (classic/free) alternates between Games and the start format changed
    # over the years; the event is its distance (or sprint, relay, skiathlon).
    "ski-technique": _rules(
        (r"\b(?:classical|classic|freestyle|free|interval start|mass start)\b", " "),
    ),
    # The history file lost decimal points ("4x75km", "125km pursuit"); no 75 km or
    # 125 km race exists in these disciplines.
    "lost-decimals": _rules(
        (r"(?<![\d.])75km", "7.5km"),
        (r"(?<![\d.])125km", "12.5km"),
    ),
    # The history file also lost the accented letters of "épée" ("pe individual men").
    "fencing": _rules(
        (r"^\s*pe\b", "epee"),
    ),
    # The shot or target count changes with the rules, not the event ("10m air pistol
    # 60 shots", "25m pistol (30+30 shots)", "trap 125 targets").
    "shooting": _rules(
        (r"\(?\b\d+(?:x\d+)?(?:\s\d+)*\s*(?:shots?|targets)\b\)?", " "),
    ),
    # Until 2016 the title is "<class> - <description>" ("470 - Two Person Dinghy");
    # the class alone names the event.
    "sailing": _rules(
        (r"\s-\s.*$", " "),
    ),
}
_DISCIPLINE_REWRITE_GROUPS: dict[str, tuple[str, ...]] = {
    "canoe-sprint": ("canoe",),
    "canoe-slalom": ("canoe",),
    "canoe-marathon": ("canoe",),
    "rowing": ("rowing",),
    "cross-country-skiing": ("ski-technique", "lost-decimals"),
    "biathlon": ("lost-decimals",),
    "fencing": ("fencing",),
    "shooting": ("shooting",),
    "sailing": ("sailing",),
}

_TOURNAMENT = "tournament"

# True renames that no generic rule can see, per discipline: slug -> canonical slug.
_ALIASES: dict[str, dict[str, str]] = {
    "speed-skating": {
        # 2006-2014 the 500 m was decided over two races and titled "2x500m"; it is the
        # same event as the one-race 500 m before and after.
        "2x500m": "500m",
        # Not in the current sources: the word order some results feeds use.
        "pursuit-team": "team-pursuit",
    },
    "figure-skating": {
        # "Individual men" until 2014, "Men's Single Skating" since.
        "individual": "single-skating",
        "ice-dancing": "ice-dance",
        "pairs": "pair-skating",
    },
    "alpine-skiing": {
        "alpin-combined": "alpine-combined",  # typo in the 2010 title
        # 2018 "Alpine Team Event" and 2022 "Mixed Team Parallel" are one mixed team
        # parallel event (the 2026 team combined is a new, different event).
        "alpine-team": "team-parallel",
    },
    "biathlon": {
        # Until 2014 the sprint was titled by its distance only (women 7.5 km, men 10 km).
        "7-5km": "7-5km-sprint",
        "10km": "10km-sprint",
        # The mixed relay: 2014 "Relay mix", 2018 "2x6km Women + 2x7.5km Men Mixed
        # Relay", 2022/2026 "Mixed Relay 4x6km": one event whatever the leg lengths.
        "relay-mix": "relay",
        "2x6km-2x7-5km-relay": "relay",
        "relay-4x6km": "relay",
    },
    "cross-country-skiing": {
        # The relay is one event whatever its legs: the men's 4 x 10 km became 4 x 7.5 km in
        # 2026, the women's 3 x 5 km (to 1972) 4 x 5 km and then 4 x 7.5 km; word order
        # before 2018 "Relay 4x10km".
        "relay-4x10km": "relay",
        "relay-4x5km": "relay",
        "relay-3x5km": "relay",
        "4x10km-relay": "relay",
        "4x5km-relay": "relay",
        "3x5km-relay": "relay",
        "4x7-5km-relay": "relay",
        # Word order before 2018: "Skiathlon 15km 15km".
        "skiathlon-15km-15km": "15km-15km-skiathlon",
        "skiathlon-7-5km-7-5km": "7-5km-7-5km-skiathlon",
        # 2010 title of the same 7.5 + 7.5 km race.
        "combined-7-5km-7-5km": "7-5km-7-5km-skiathlon",
        # 2002-2014 "Sprint 15km" is the 1.5 km sprint, its decimal point lost.
        "sprint-15km": "sprint",
    },
    "nordic-combined": {
        # The normal hill and large hill individual and the team event, named by their
        # format since 2018 ("Individual Gundersen Normal Hill/10km").
        "individual": "gundersen-normal-hill-10km",
        "large-hill": "gundersen-large-hill-10km",
        "team": "team-gundersen-large-hill-4x5km",
    },
    "freestyle-skiing": {
        # "Ski Halfpipe" (2014, 2018) became "Freeski Halfpipe" (2022, 2026).
        "ski-halfpipe": "freeski-halfpipe",
        "ski-slopestyle": "freeski-slopestyle",
    },
    "snowboard": {
        # Since 2022 the titles repeat "Snowboard".
        "big-air": "snowboard-big-air",
        "halfpipe": "snowboard-halfpipe",
        "slopestyle": "snowboard-slopestyle",
        # Word order until 2014 (the 1998 giant slalom was not parallel: another event).
        "giant-parallel-slalom": "parallel-giant-slalom",
    },
    "bobsleigh": {
        # 2018 "Women's Bobsleigh" is the two-woman event.
        _TOURNAMENT: "2-woman",
    },
    # Plain "Men"/"Women" since 2018/2020 for the one individual event.
    "skeleton": {_TOURNAMENT: "individual"},
    "trampoline": {_TOURNAMENT: "individual"},
    "cycling-bmx-racing": {_TOURNAMENT: "individual"},
    "cycling-track": {
        # The distance was dropped from the title in 2020 (women: 3000 m, later 4000 m).
        "team-pursuit-4000m": "team-pursuit",
        "team-pursuit-3000m": "team-pursuit",
        # "Olympic sprint" is the team sprint's old name (2000).
        "olympic-sprint": "team-sprint",
    },
    "athletics": {
        "20km-walk": "20km-race-walk",
        "50km-walk": "50km-race-walk",
    },
    "swimming": {
        "4x100m-freestyle": "4x100m-freestyle-relay",  # 2016 dropped "relay"
    },
    "diving": {
        "synchronized-diving-10m-platform": "synchronized-10m-platform",
        "synchronized-diving-3m-springboard": "synchronized-3m-springboard",
    },
    "marathon-swimming": {
        "marathon-10km": "10km",
    },
    "artistic-gymnastics": {
        "floor-exercises": "floor-exercise",
        # 1960-1976 title of the team event.
        "team-all-around": "team",
    },
    "rhythmic-gymnastics": {
        "group": "group-all-around",
    },
    "equestrian-dressage": {
        # 2012/2016 titles name the test ridden.
        "grand-prix": "individual",
        "team-grand-prix": "team",
    },
    "canoe-slalom": {
        # Tokyo 2020 "Men's Canoe" / "Men's Kayak": only single boats are raced.
        "canoe": "c1",
        "kayak": "k1",
    },
    "golf": {
        "stroke-play": "individual",  # "Individual Stroke Play" since 2020
    },
    "archery": {
        # The individual and team events through their format changes since 1972.
        "fita-round": "individual",
        "fita-olympic-round-70m": "individual",
        "team-fita-round": "team",
        "team-fita-olympic-round-70m": "team",
    },
    "sailing": {
        # Paris 2024 named events by type, not class; the boats are the same: ILCA 7 and
        # ILCA 6 are the renamed Laser and Laser Radial.
        "laser": "dinghy",
        "laser-radial": "dinghy",
        "49er": "skiff",
        "49er-fx": "skiff",
        "nacra-17": "multihull",
        "rsx": "rs-x",
        "singlehanded-dinghy-europe": "single-handed-dinghy-europe",  # hyphen lost
    },
    "judo": {
        # "open category": the gender rule removes "open", which here means openweight.
        "category": "openweight",
    },
    "rowing": {
        "eight-coxed": "eight",
        "coxed-eight": "eight",
    },
}

# Events a source calls open or mixed (or leaves without gender) that are, or continue,
# a single-gender event: four-man bobsleigh has been open to women on paper since 2018
# and is men's again in 2026; luge doubles was open until 2026 added a women's doubles
# and made it men's; Paris 2024 let men into the artistic swimming team, still the
# women's event; Paris lists rhythmic gymnastics' individual event with no gender.
_CANONICAL_GENDER: dict[tuple[str, str], Gender] = {
    ("bobsleigh", "4-man"): "M",
    ("luge", "doubles"): "M",
    ("artistic-swimming", "team"): "W",
    ("rhythmic-gymnastics", "all-around"): "W",
    ("rhythmic-gymnastics", "group-all-around"): "W",
}


def _apply(text: str, rules: Iterable[tuple[re.Pattern[str], str]]) -> str:
    for pattern, repl in rules:
        text = pattern.sub(repl, text)
    return text


def _slugify(words: Iterable[str]) -> str:
    text = " ".join(words)
    text = re.sub(r"(?<=\d)\.(?=\d)", "-", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _name_part(discipline: Discipline, title: str) -> str:
    text = _apply(_strip_gender(_normalise(title)), _REWRITES)
    for group in _DISCIPLINE_REWRITE_GROUPS.get(discipline.slug, ()):
        text = _apply(text, _DISCIPLINE_REWRITES[group])
    words = _tokens(text)
    item = _DEF_BY_SLUG.get(discipline.slug)
    if item is not None and len(words) > 1 and words[0] in item.title_prefixes:
        words = words[1:]
    # "ice hockey men", "tournament men" and plain "Men" all name the one event.
    if not words or words == [_TOURNAMENT] or tuple(words) in _discipline_names(discipline.slug):
        return _TOURNAMENT
    # "20km Individual" and "20km" are one race; a bare "Individual" is kept, being the
    # opposite of "Team".
    if len(words) > 1:
        words = [w for w in words if w != "individual"]
    return _slugify(words)


# An import resolves the same few thousand spellings tens of thousands of times.
@lru_cache(maxsize=16384)
def _resolve(discipline: Discipline, title: str, year: int | None = None) -> tuple[Discipline, str]:
    discipline = _refine(discipline, title)
    slug = None
    if discipline.slug in _WEIGHT_CLASSES:
        slug = _weight_class(discipline.slug, title, year)
    if slug is None:
        slug = _name_part(discipline, title)
    return discipline, _ALIASES.get(discipline.slug, {}).get(slug, slug)


# Disciplines whose events are weight classes, keyed by their limit whatever the title: the
# sources write one class as "+48 - 52kg (half-lightweight)", "-52 kg", "Under 52kg" or
# "Fly (48-52kg)", and the class names moved between limits over the years. A class is
# "under-{limit}" by its upper limit, or "over-{limit}" by its lower one when open-ended;
# wrestling keeps its style ("freestyle-under-74kg"). Classes with other limits stay apart.
_WEIGHT_CLASSES = frozenset({"judo", "boxing", "weightlifting", "wrestling", "taekwondo"})

_STYLES = ("freestyle", "greco-roman")
# A limit with its unit: "52kg", "≤125 pounds", and a range "48 - 52kg", "60  675kg" (the
# history file turned "60 - 67.5kg" into "60  675kg" and "½" becomes "1⁄2").
_LIMIT = re.compile(
    r"(?:(?P<side>over|under|≤|<)\s*)?(?:(?P<lower>\d+(?:\.\d+)?)\s*(?:-\s*|\s+))?"
    r"(?P<limit>\d+(?:\.\d+)?)\s*(?P<unit>kg|pounds)\b"
)
# Names of a class open at the top, when a title gives its lower limit alone ("81kg
# heavyweight" is over 81 kg; "81 - 91kg heavyweight" is the class up to 91).
_OPEN_NAMES = frozenset({"heavyweight", "superheavyweight"})
# A bare limit that is, against the rules above, the other side: taekwondo's "80 kg men" and
# "67 kg women" of 2000-2012 are the +80 and +67 classes (their lightest are "58 kg" and
# "49 kg", up to), and weightlifting's "105kg heavyweight" of 2000-2016 is the class up to
# 105 kg beside "105kg superheavyweight".
_OTHER_SIDE = frozenset(
    {("taekwondo", "80", ""), ("taekwondo", "67", ""), ("weightlifting", "105", "heavyweight")}
)
# Classes titled by their name alone, with that Games' limits. Boxing at Berlin 1936 kept
# the limits of 1920-1932 ("For the fifth Olympics in succession the weight categories
# remained unchanged", Olympedia's 1936 boxing overview; the same limits stand in the
# olympics.com titles of 1920-1928, 50.8 kg to 79.38 kg).
_NAMED_CLASSES: dict[tuple[str, int], dict[str, str]] = {
    ("boxing", 1936): {
        "flyweight": "under-50.8kg",
        "bantamweight": "under-53.52kg",
        "featherweight": "under-57.15kg",
        "lightweight": "under-61.24kg",
        "welterweight": "under-66.68kg",
        "middleweight": "under-72.57kg",
        "lightheavyweight": "under-79.38kg",
        "heavyweight": "over-79.38kg",
    },
}
# Limits a source rounded: olympics.com titles 1932's bantamweight "50.8 - 54kg"; it was
# 53.52 kg, unchanged from 1920 to 1936 (Olympedia, as above).
_ROUNDED: dict[tuple[str, int], dict[str, str]] = {("boxing", 1932): {"54": "53.52"}}


def _kilos(number: str, unit: str) -> str:
    """A limit as written, with the decimal point the history file lost put back: no class
    weighs 200 kg or more, so "5352" is 53.52 and "675" 67.5."""
    if unit == "kg" and "." not in number and int(number) >= 200:
        number = f"{number[:2]}.{number[2:]}"
    return number


def _weight_class(discipline: str, title: str, year: int | None) -> str | None:
    """The key's name part of a weight class ("under-52kg", "freestyle-over-87kg"), or None
    for a title that names no limit and no known class (judo's open category, team events,
    1896's "heavyweight - one hand lift")."""
    text = _apply(_strip_gender(_normalise(title)), _REWRITES)
    text = re.sub(r"(\d)1\u20442", r"\1.5", text)
    words = _tokens(text)
    style = next((s for s in _STYLES if s in words), None)
    prefix = f"{style}-" if style else ""
    found = _LIMIT.search(text)
    if found is None:
        named = _NAMED_CLASSES.get((discipline, year or 0), {})
        name = next((w for w in words if w in named), None)
        return _slugify([prefix + named[name]]) if name else None
    unit = found["unit"]
    limit = _kilos(found["limit"], unit)
    limit = _ROUNDED.get((discipline, year or 0), {}).get(limit, limit)
    if found["lower"] is not None:
        side = "under"
    elif found["side"] is not None:
        side = "over" if found["side"] == "over" else "under"
    else:
        names = " ".join(w for w in words if w.isalpha() and w not in _STYLES)
        open_ended = bool(_OPEN_NAMES.intersection(words))
        if (discipline, found["limit"], names) in _OTHER_SIDE:
            open_ended = not open_ended
        side = "over" if open_ended else "under"
    return _slugify([f"{prefix}{side}-{limit}{'kg' if unit == 'kg' else 'lb'}"])


def event_slug(discipline: Discipline, title: str) -> str:
    """The normalised name part of an event key, e.g. '500m', 'team-pursuit'."""
    return _resolve(discipline, title)[1]


_CREWS = {"two": "2", "four": "4"}


def event_key(discipline: Discipline, gender: Gender, title: str, year: int | None = None) -> str:
    """``{discipline}/{gender}/{name}``, the same for every spelling of one event.

    Two deliberate departures from the arguments: a discipline placeholder that covers
    several disciplines ("Equestrian") is resolved from the title, and the few open
    events that continue a single-gender event take that gender (_CANONICAL_GENDER).
    ``year``, the Games', reads a weight class titled by its name alone (Berlin 1936's
    "Flyweight"); without it such a title keeps its name.
    """
    discipline, slug = _resolve(discipline, title, year)
    if discipline.slug == "bobsleigh" and slug in _CREWS:  # Olympedia's "Men's Four"
        slug = f"{_CREWS[slug]}-{'woman' if gender == 'W' else 'man'}"
    if gender == "X":
        gender = _CANONICAL_GENDER.get((discipline.slug, slug), gender)
    return f"{discipline.slug}/{gender.lower()}/{slug}"


# --------------------------------------------------------------------------------------
# Entry titles (Olympedia: "Short Track Speed Skating 500 metres, Women")
# --------------------------------------------------------------------------------------


def titled_event(title: str) -> tuple[str, Gender, str] | None:
    """(discipline slug, gender, name slug) of a title that opens with its discipline, as
    Olympedia's entries do; None where no discipline opens it."""
    words = title.split(" ")
    for n in range(min(5, len(words) - 1), 0, -1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        try:
            discipline = discipline_for(head, rest)
        except UnknownDiscipline:
            continue
        gender = event_gender(None, rest)
        key = event_key(discipline, gender, rest)
        slug, gender_, name = key.split("/", 2)
        return slug, gender_.upper(), name  # type: ignore[return-value]
    return None


def match_titles(keys: Iterable[str], titles: Iterable[str]) -> dict[str, str]:
    """Which entry title is which event key at one Games: the title of the same discipline
    and gender whose name is most alike (the sources name one race "10km-sprint" and
    "sprint-10km"), each title and each event used once, best pairs first. An event with no
    title alike enough has none: nothing is then said of who entered it."""
    from rapidfuzz import fuzz

    parsed = {t: titled_event(t) for t in titles}
    pairs: list[tuple[float, str, str]] = []
    for key in keys:
        discipline, gender, name = key.split("/", 2)
        for title, found in parsed.items():
            if found is None or found[0] != discipline or found[1].lower() != gender:
                continue
            score = (
                100.0
                if found[2] == name
                else fuzz.token_set_ratio(found[2].replace("-", " "), name.replace("-", " "))
            )
            if score >= 70:
                pairs.append((score, key, title))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    out: dict[str, str] = {}
    used: set[str] = set()
    for _, key, title in pairs:
        if key not in out and title not in used:
            out[key] = title
            used.add(title)
    return out
