"""Canonical sports, disciplines and events: every source spelling of an event is one key."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from podium.events import (
    DISCIPLINES,
    UnknownDiscipline,
    discipline_by_slug,
    discipline_for,
    display_title,
    event_gender,
    event_key,
    event_slug,
    sports,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HISTORY = DATA / "olympics-com-history" / "olympic_medals.csv"
PARIS = DATA / "paris-2024" / "medallists.csv"
MILANO = DATA / "milano-cortina-2026"

# (source, games, raw discipline, raw gender, raw event title)
RawEvent = tuple[str, str, str, str, str]


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


@cache
def raw_events() -> frozenset[RawEvent]:
    """Every distinct event spelling in the three sources, with the Games it was held at."""
    found: set[RawEvent] = set()
    for r in _rows(HISTORY):
        found.add(
            ("history", r["slug_game"], r["discipline_title"], r["event_gender"], r["event_title"])
        )
    for r in _rows(PARIS):
        found.add(("paris", "paris-2024", r["discipline"], r["team_gender"], r["event"]))
    genders = {
        (r["discipline"], r["event"]): r["gender"]
        for r in _rows(MILANO / "schedules.csv")
        if r["event_medal"] == "1"
    }
    for r in _rows(MILANO / "medallists.csv"):
        gender = genders[(r["discipline"], r["event_name"])]
        found.add(("milano", "milano-cortina-2026", r["discipline"], gender, r["event_name"]))
    return frozenset(found)


def key_of(raw_discipline: str, raw_gender: str | None, title: str, games: str = "") -> str:
    discipline = discipline_for(raw_discipline, title)
    year = int(games[-4:]) if games[-4:].isdigit() else None
    return event_key(discipline, event_gender(raw_gender, title), title, year)


def keys_by_source() -> dict[str, set[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for source, games, discipline, gender, title in raw_events():
        keys[source].add(key_of(discipline, gender, title, games))
    return keys


# --- disciplines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "slug"),
    [
        ("Speed skating", "speed-skating"),
        ("Speed Skating", "speed-skating"),
        ("Short Track", "short-track"),
        ("Short Track Speed Skating", "short-track"),
        ("Figure skating", "figure-skating"),
        ("Figure Skating", "figure-skating"),
        ("Cross Country Skiing", "cross-country-skiing"),
        ("Cross-Country Skiing", "cross-country-skiing"),
        ("Gymnastics Artistic", "artistic-gymnastics"),
        ("Artistic Gymnastics", "artistic-gymnastics"),
        ("Gymnastics Rhythmic", "rhythmic-gymnastics"),
        ("Trampoline", "trampoline"),
        ("Trampoline Gymnastics", "trampoline"),
        ("Cycling BMX", "cycling-bmx-racing"),
        ("Cycling BMX Racing", "cycling-bmx-racing"),
        ("Cycling BMX Freestyle", "cycling-bmx-freestyle"),
        ("Synchronized Swimming", "artistic-swimming"),
        ("Equestrian  Vaulting", "equestrian-vaulting"),
        ("Hockey", "hockey"),
        ("Ski Mountaineering", "ski-mountaineering"),
        ("Military Patrol", "military-patrol"),
        ("Jeu de Paume", "jeu-de-paume"),
        ("Tug of War", "tug-of-war"),
        ("Water Motorsports", "water-motorsports"),
        # case, whitespace and hyphens do not matter
        ("  SHORT-TRACK   speed skating ", "short-track"),
        ("cross country skiing", "cross-country-skiing"),
        ("speed_skating", "speed-skating"),
        # Dutch names resolve too
        ("Langebaanschaatsen", "speed-skating"),
        ("Shorttrack", "short-track"),
    ],
)
def test_discipline_spellings(raw: str, slug: str) -> None:
    assert discipline_for(raw).slug == slug


def test_every_discipline_title_in_the_data_resolves() -> None:
    titles = {discipline for _, _, discipline, _, _ in raw_events()}
    assert len(titles) == 91  # 86 in the history file, 5 more spellings in 2024 and 2026
    resolved = {title: discipline_for(title) for title in titles}
    # the placeholders for titles that cover several disciplines are not canonical
    placeholders = {t for t, d in resolved.items() if d not in DISCIPLINES}
    assert placeholders == {"Equestrian", "Baseball/Softball"}


@pytest.mark.parametrize(
    ("raw", "title", "slug"),
    [
        ("Equestrian", "Dressage Individual", "equestrian-dressage"),
        ("Equestrian", "Eventing Team", "equestrian-eventing"),
        ("Equestrian", "Jumping Individual", "equestrian-jumping"),
        ("Baseball/Softball", "Baseball", "baseball"),
        ("Baseball/Softball", "Softball", "softball"),
        ("Rugby", "rugby-7 men", "rugby-sevens"),
        ("Rugby", "rugby men", "rugby"),
        ("Speed skating", "500m women", "speed-skating"),
    ],
)
def test_the_event_title_picks_the_discipline_behind_a_shared_title(
    raw: str, title: str, slug: str
) -> None:
    assert discipline_for(raw, title).slug == slug
    assert key_of(raw, "Open", title).startswith(f"{slug}/")


def test_every_event_key_names_a_canonical_discipline() -> None:
    for source, games, discipline, gender, title in raw_events():
        key = key_of(discipline, gender, title)
        prefix, g, name = key.split("/")
        assert discipline_by_slug(prefix) in DISCIPLINES, (source, games, discipline, title)
        assert g in {"m", "w", "x"}
        assert name and all(c.isascii() and (c.isalnum() or c == "-") for c in name), key
        assert name == name.lower() and "--" not in name and name.strip("-") == name


def test_unknown_discipline_names_the_raw_title() -> None:
    with pytest.raises(UnknownDiscipline, match="Underwater Hockey"):
        discipline_for("Underwater Hockey")
    with pytest.raises(ValueError, match="Extreme Ironing"):
        discipline_for("Extreme Ironing")


def test_unknown_slug_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="curling-doubles"):
        discipline_by_slug("curling-doubles")
    with pytest.raises(UnknownDiscipline):
        discipline_by_slug("Speed Skating")  # a title, not a slug


def test_disciplines_round_trip_by_slug() -> None:
    slugs = [d.slug for d in DISCIPLINES]
    assert len(slugs) == len(set(slugs))
    for d in DISCIPLINES:
        assert discipline_by_slug(d.slug) is d
        assert discipline_for(d.name_en) is d
        assert d.season in {"summer", "winter"}
        assert d.name_en and d.name_nl


@pytest.mark.parametrize(
    ("slug", "name_nl", "sport_nl"),
    [
        ("speed-skating", "Langebaanschaatsen", "Schaatsen"),
        ("short-track", "Shorttrack", "Schaatsen"),
        ("figure-skating", "Kunstschaatsen", "Schaatsen"),
        ("cross-country-skiing", "Langlaufen", "Skiën"),
        ("alpine-skiing", "Alpineskiën", "Skiën"),
        ("ski-jumping", "Schansspringen", "Skiën"),
        ("nordic-combined", "Noordse combinatie", "Skiën"),
        ("freestyle-skiing", "Freestyleskiën", "Skiën"),
        ("snowboard", "Snowboarden", "Skiën"),
        ("ski-mountaineering", "Skimountaineering", "Skimountaineering"),
        ("bobsleigh", "Bobsleeën", "Bobsleeën"),
        ("skeleton", "Skeleton", "Bobsleeën"),
        ("luge", "Rodelen", "Rodelen"),
        ("biathlon", "Biatlon", "Biatlon"),
        ("ice-hockey", "IJshockey", "IJshockey"),
        ("curling", "Curling", "Curling"),
        ("athletics", "Atletiek", "Atletiek"),
        ("swimming", "Zwemmen", "Zwemsport"),
        ("cycling-track", "Baanwielrennen", "Wielersport"),
        ("cycling-road", "Wegwielrennen", "Wielersport"),
        ("rowing", "Roeien", "Roeien"),
        ("sailing", "Zeilen", "Zeilen"),
        ("hockey", "Hockey", "Hockey"),
    ],
)
def test_dutch_names(slug: str, name_nl: str, sport_nl: str) -> None:
    d = discipline_by_slug(slug)
    assert (d.name_nl, d.sport.name_nl) == (name_nl, sport_nl)


def test_sports_group_disciplines() -> None:
    by_sport: dict[str, set[str]] = defaultdict(set)
    for d in DISCIPLINES:
        by_sport[d.sport.slug].add(d.slug)
    assert by_sport["skating"] == {"speed-skating", "short-track", "figure-skating"}
    assert by_sport["skiing"] == {
        "alpine-skiing",
        "cross-country-skiing",
        "ski-jumping",
        "nordic-combined",
        "freestyle-skiing",
        "snowboard",
    }
    assert by_sport["aquatics"] == {
        "swimming",
        "diving",
        "artistic-swimming",
        "water-polo",
        "marathon-swimming",
    }
    assert by_sport["volleyball"] == {"volleyball", "beach-volleyball"}
    assert by_sport["gymnastics"] == {"artistic-gymnastics", "rhythmic-gymnastics", "trampoline"}
    assert {d.sport for d in DISCIPLINES} == set(sports())
    assert len(sports()) == len({s.slug for s in sports()})
    winter = {d.slug for d in DISCIPLINES if d.season == "winter"}
    assert {"figure-skating", "ice-hockey", "military-patrol", "short-track"} <= winter


# --- gender ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title", "gender"),
    [
        ("Men", "500m men", "M"),
        ("Women", "Ladies’ 500m", "W"),
        ("Open", "Four-man", "X"),
        ("Mixed", "Mixed Doubles", "X"),
        ("M", "Men's Downhill", "M"),
        ("W", "Women's Downhill", "W"),
        ("X", "Mixed Team Relay", "X"),
        ("O", "Dressage Team", "X"),
        (" women ", "x", "W"),
        # no gender field: the title decides
        ("", "Men's 100m", "M"),
        (None, "Women’s 10km Pursuit", "W"),
        (None, "Ladies' Single Skating", "W"),
        (None, "2x6km Women + 2x7.5km Men Mixed Relay", "X"),
        (None, "B-Boys", "M"),
        (None, "B-Girls", "W"),
        (None, "2-man", "M"),
        (None, "Dressage Individual", "X"),
        (None, "Ice Dance", "X"),
        # the pre-1952 equestrian events: "Men" by the field, "mixed" by the title
        ("Men", "individual mixed", "X"),
        # otherwise the field wins over the title (1960 women's team, titled "men")
        ("Women", "team competition men", "W"),
        ("Open", "470 - Two Person Dinghy men", "X"),
    ],
)
def test_event_gender(raw: str | None, title: str, gender: str) -> None:
    assert event_gender(raw, title) == gender


def test_unknown_gender_code_is_an_error() -> None:
    with pytest.raises(ValueError, match="Q"):
        event_gender("Q", "500m")


# --- event keys ----------------------------------------------------------------------------

SPEED = discipline_for("Speed Skating")


@pytest.mark.parametrize(
    ("raw_discipline", "raw_gender", "title", "key"),
    [
        # women's 500 m: 1960-2002, 2006-2014 (two races), 2018, 2022, 2026
        ("Speed skating", "Women", "500m women", "speed-skating/w/500m"),
        ("Speed skating", "Women", "2x500m women", "speed-skating/w/500m"),
        ("Speed skating", "Women", "Ladies’ 500m", "speed-skating/w/500m"),
        ("Speed skating", "Women", "Women's 500m", "speed-skating/w/500m"),
        ("Speed Skating", "W", "Women's 500m", "speed-skating/w/500m"),
        ("Speed Skating", None, "Women’s 500 metres", "speed-skating/w/500m"),
        # men's 10 000 m
        ("Speed skating", "Men", "Men’s 10000m", "speed-skating/m/10000m"),
        ("Speed skating", "Men", "10000m men", "speed-skating/m/10000m"),
        ("Speed Skating", "M", "Men's 10000m", "speed-skating/m/10000m"),
        ("Speed Skating", None, "Men's 10,000m", "speed-skating/m/10000m"),
        ("Speed Skating", None, "Men's 10 000 m", "speed-skating/m/10000m"),
        # team pursuit
        ("Speed skating", "Women", "Team pursuit women", "speed-skating/w/team-pursuit"),
        ("Speed skating", "Women", "Ladies’ Team Pursuit", "speed-skating/w/team-pursuit"),
        ("Speed Skating", "W", "Women's Team Pursuit", "speed-skating/w/team-pursuit"),
        ("Speed Skating", "W", "Pursuit Team Women", "speed-skating/w/team-pursuit"),
        ("Speed skating", "Men", "Team pursuit men", "speed-skating/m/team-pursuit"),
        # short track: two discipline titles, one discipline
        ("Short Track", "Women", "Ladies’ 1000m", "short-track/w/1000m"),
        ("Short Track Speed Skating", "Women", "1000m women", "short-track/w/1000m"),
        ("Short Track Speed Skating", "W", "Women's 1000m", "short-track/w/1000m"),
        ("Short Track Speed Skating", "Mixed", "Team Relay", "short-track/x/team-relay"),
        ("Short Track Speed Skating", "X", "Mixed Team Relay", "short-track/x/team-relay"),
        # team sports: nothing but the gender left
        ("Ice Hockey", "Men", "Men", "ice-hockey/m/tournament"),
        ("Ice Hockey", "Men", "ice hockey men", "ice-hockey/m/tournament"),
        ("Curling", "Women", "Women", "curling/w/tournament"),
        ("Curling", "Women", "curling women", "curling/w/tournament"),
        ("Curling", "Mixed", "Mixed Doubles", "curling/x/doubles"),
        ("Hockey", "Men", "tournament men", "hockey/m/tournament"),
        # relays and distances
        ("Biathlon", "Men", "4x75km relay men", "biathlon/m/4x7-5km-relay"),
        ("Biathlon", "M", "Men's 4 x 7.5km Relay", "biathlon/m/4x7-5km-relay"),
        ("Biathlon", "Men", "125km pursuit men", "biathlon/m/12-5km-pursuit"),
        ("Biathlon", "Mixed", "Mixed Relay 4x6km (W+M)", "biathlon/x/relay"),
        ("Biathlon", "X", "Mixed Relay 4 x 6km (M+W)", "biathlon/x/relay"),
        ("Biathlon", "Men", "20km men", "biathlon/m/20km"),
        ("Biathlon", "M", "Men's 20km Individual", "biathlon/m/20km"),
        # one relay whatever its legs (4 x 10 km until 2022, 4 x 7.5 km in 2026)
        ("Cross Country Skiing", "Men", "Relay 4x10km men", "cross-country-skiing/m/relay"),
        ("Cross Country Skiing", "Men", "Men's 4 x 10km Relay", "cross-country-skiing/m/relay"),
        ("Cross Country Skiing", "M", "Men's 4 x 7.5km Relay", "cross-country-skiing/m/relay"),
        ("Cross Country Skiing", "Women", "Relay 3x5km women", "cross-country-skiing/w/relay"),
        (
            "Cross Country Skiing",
            "Women",
            "Skiathlon 75km  75km women",
            "cross-country-skiing/w/7-5km-7-5km-skiathlon",
        ),
        (
            "Cross Country Skiing",
            "Women",
            "Ladies’ 7.5km+7.5km Skiathlon",
            "cross-country-skiing/w/7-5km-7-5km-skiathlon",
        ),
        (
            "Cross-Country Skiing",
            "W",
            "Women's 10km Interval Start Free",
            "cross-country-skiing/w/10km",
        ),
        ("Cross Country Skiing", "Men", "Sprint 15km men", "cross-country-skiing/m/sprint"),
        ("Cross-Country Skiing", "M", "Men's Sprint Classic", "cross-country-skiing/m/sprint"),
        # open events that continue the men's event
        ("Bobsleigh", "Men", "four-man men", "bobsleigh/m/4-man"),
        ("Bobsleigh", "Open", "Four-man", "bobsleigh/m/4-man"),
        ("Bobsleigh", "M", "4-man", "bobsleigh/m/4-man"),
        ("Bobsleigh", "Women", "Women’s Bobsleigh", "bobsleigh/w/2-woman"),
        ("Luge", "Open", "Doubles mixed", "luge/m/doubles"),
        ("Luge", "M", "Men's Doubles", "luge/m/doubles"),
        ("Luge", "W", "Women's Doubles", "luge/w/doubles"),
        # other winter renames
        ("Figure skating", "Women", "Individual women", "figure-skating/w/single-skating"),
        ("Figure Skating", "W", "Women Single Skating", "figure-skating/w/single-skating"),
        ("Figure skating", "Mixed", "Ice dancing mixed", "figure-skating/x/ice-dance"),
        ("Figure skating", "Mixed", "team mixed", "figure-skating/x/team"),
        ("Figure Skating", "X", "Team Event", "figure-skating/x/team"),
        ("Ski Jumping", "Men", "Large Hill Individual men", "ski-jumping/m/large-hill"),
        ("Ski Jumping", "M", "Men's LH Individual", "ski-jumping/m/large-hill"),
        ("Snowboard", "Men", "Half-pipe men", "snowboard/m/snowboard-halfpipe"),
        ("Snowboard", "M", "Men's Snowboard Halfpipe", "snowboard/m/snowboard-halfpipe"),
        ("Skeleton", "Women", "Individual women", "skeleton/w/individual"),
        ("Skeleton", "W", "Women", "skeleton/w/individual"),
        ("Alpine Skiing", "Men", "alpin combined men", "alpine-skiing/m/alpine-combined"),
        ("Alpine Skiing", "Men", "super-G men", "alpine-skiing/m/super-g"),
        ("Alpine Skiing", "M", "Men's Super-G", "alpine-skiing/m/super-g"),
        # summer
        ("Athletics", "Men", "10000m men", "athletics/m/10000m"),
        ("Athletics", None, "Men's 10,000m", "athletics/m/10000m"),
        ("Athletics", "Men", "1,600 metres Medley Relay Men", "athletics/m/1600m-medley-relay"),
        ("Athletics", "Men", "20km walk men", "athletics/m/20km-race-walk"),
        ("Cycling Track", "Men", "Team Pursuit 4000m men", "cycling-track/m/team-pursuit"),
        ("Cycling Track", "M", "Men's Team Pursuit", "cycling-track/m/team-pursuit"),
        ("Canoe Sprint", "Men", "C-1 200m (canoe single) men", "canoe-sprint/m/c1-200m"),
        ("Canoe Sprint", "Men", "K1 500m kayak single men", "canoe-sprint/m/k1-500m"),
        ("Canoe Sprint", None, "Men's Kayak Single 1000m", "canoe-sprint/m/k1-1000m"),
        ("Rowing", "Men", "four without coxswain 4 men", "rowing/m/four"),
        ("Rowing", "Men", "four-oared shell with coxswain men", "rowing/m/four-coxed"),
        ("Rowing", "M", "Men's Four", "rowing/m/four"),
        ("Equestrian Dressage", "Men", "individual mixed", "equestrian-dressage/x/individual"),
        ("Equestrian", None, "Dressage Individual", "equestrian-dressage/x/individual"),
        ("Shooting", "Women", "25m pistol (30+30 shots) women", "shooting/w/25m-pistol"),
        ("Shooting", None, "25m Pistol Women", "shooting/w/25m-pistol"),
        (
            "Diving",
            "Men",
            "synchronized diving 3m springboard men",
            "diving/m/synchronized-3m-springboard",
        ),
        (
            "Diving",
            "M",
            "Men's Synchronised 3m Springboard",
            "diving/m/synchronized-3m-springboard",
        ),
        ("Sailing", "Women", "Laser Radial - One Person Dinghy women", "sailing/w/dinghy"),
        ("Sailing", None, "Women's Dinghy", "sailing/w/dinghy"),
        ("Fencing", "Men", "pe individual men", "fencing/m/epee"),
        ("Fencing", None, "Men's Épée Individual", "fencing/m/epee"),
        # weight classes are keyed by their limit: "67 kg" (2000-2012) is the +67 class,
        # "58 kg" (2000, 2012) the lightest, up to 58 kg
        ("Taekwondo", "Women", "67 kg women", "taekwondo/w/over-67kg"),
        ("Taekwondo", "Men", "58 kg men", "taekwondo/m/under-58kg"),
        ("Taekwondo", None, "Women -67kg", "taekwondo/w/under-67kg"),
        ("Taekwondo", None, "Women +67kg", "taekwondo/w/over-67kg"),
        ("Judo", "Men", "Athens 2004 Judo - 60 kg men", "judo/m/under-60kg"),
        ("Judo", None, "Men -60 kg", "judo/m/under-60kg"),
        # the history's typo, its name without hyphen and Paris's bare limit: one class
        ("Boxing", "Men", "48kg light flywieght men", "boxing/m/under-48kg"),
        ("Boxing", "Men", "48kg lightflyweight men", "boxing/m/under-48kg"),
        ("Boxing", "Men", "- 48kg (light-flyweight) men", "boxing/m/under-48kg"),
        ("Boxing", "Men", "48-51kg flyweight men", "boxing/m/under-51kg"),
        ("Boxing", "Men", "51kg flyweight men", "boxing/m/under-51kg"),
        ("Boxing", None, "Men's 51kg", "boxing/m/under-51kg"),
        ("Boxing", "Men", "Men's Fly (48-52kg)", "boxing/m/under-52kg"),
        # a heavyweight given its lower limit alone is open-ended
        ("Boxing", "Men", "81kg heavyweight men", "boxing/m/over-81kg"),
        ("Boxing", "Men", "81-91kg heavyweight men", "boxing/m/under-91kg"),
        ("Boxing", "Men", "+ 91kg (super heavyweight) men", "boxing/m/over-91kg"),
        ("Boxing", "Men", "Men's Super Heavy (+91kg)", "boxing/m/over-91kg"),
        ("Boxing", "Men", "91kg super heavyweight men", "boxing/m/over-91kg"),
        # the history lost decimal points: 50.8 - 53.52 kg
        ("Boxing", "Men", "508  5352kg bantamweight men", "boxing/m/under-53-52kg"),
        ("Boxing", "Men", "7938kg heavyweight men", "boxing/m/over-79-38kg"),
        (
            "Weightlifting",
            "Men",
            "60  675kg onetwo hand 3 events lightweight men",
            "weightlifting/m/under-67-5kg",
        ),
        ("Weightlifting", "Men", "60-67.5kg lightweight men", "weightlifting/m/under-67-5kg"),
        (
            "Weightlifting",
            "Men",
            "825kg onetwo hand 5 events heavyweight men",
            "weightlifting/m/over-82-5kg",
        ),
        # 2000-2016: "105kg heavyweight" is up to 105 kg, "105kg superheavyweight" above
        ("Weightlifting", "Men", "105kg heavyweight men", "weightlifting/m/under-105kg"),
        ("Weightlifting", "Men", "105kg superheavyweight men", "weightlifting/m/over-105kg"),
        ("Weightlifting", None, "Men's +109kg", "weightlifting/m/over-109kg"),
        (
            "Weightlifting",
            "Men",
            "heavyweight - one hand lift men",
            "weightlifting/m/heavyweight-one-hand-lift",
        ),
        # wrestling keeps its style; a class name is not part of the key
        (
            "Wrestling",
            "Men",
            "Welterweight, Freestyle (≤74 kilograms) Men",
            "wrestling/m/freestyle-under-74kg",
        ),
        ("Wrestling", None, "Men's Freestyle 74kg", "wrestling/m/freestyle-under-74kg"),
        ("Wrestling", "Men", "Greco-Roman 74 kg men", "wrestling/m/greco-roman-under-74kg"),
        (
            "Wrestling",
            "Men",
            "Heavyweight, Greco-Roman (>87 kilograms) Men",
            "wrestling/m/greco-roman-over-87kg",
        ),
        (
            "Wrestling",
            "Men",
            "Light-Heavyweight, Freestyle (≤82½ kilograms) Men",
            "wrestling/m/freestyle-under-82-5kg",
        ),
        (
            "Wrestling",
            "Men",
            "Flyweight, Freestyle (≤115 pounds) Men",
            "wrestling/m/freestyle-under-115lb",
        ),
        ("Breaking", None, "B-Girls", "breaking/w/b-girls"),
    ],
)
def test_event_keys(raw_discipline: str, raw_gender: str | None, title: str, key: str) -> None:
    assert key_of(raw_discipline, raw_gender, title) == key


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("500m women", "500m"),
        ("Women's 5 000 metres", "5000m"),
        ("Men's 10,000 meters", "10000m"),
        ("Men's 1500 m", "1500m"),
        ("Mass Start Men", "mass-start"),
        ("combined 4 events men", "combined-4-events"),
        ("Men", "tournament"),
        ("", "tournament"),
    ],
)
def test_event_slug(title: str, slug: str) -> None:
    assert event_slug(SPEED, title) == slug


def test_event_slug_normalises_distances_in_any_discipline() -> None:
    biathlon = discipline_for("Biathlon")
    assert event_slug(biathlon, "Men's 4 x 7.5 km Relay") == "4x7-5km-relay"
    assert event_slug(biathlon, "Women’s 12.5 kilometres Mass Start") == "12-5km-mass-start"
    swimming = discipline_for("Swimming")
    assert event_slug(swimming, "4 x 50 yard Freestyle Relay Men") == "4x50y-freestyle-relay"
    assert event_slug(swimming, "Mixed 4 x 100m Medley Relay") == "4x100m-medley-relay"


def test_event_key_format() -> None:
    assert event_key(SPEED, "W", "Ladies’ 500m") == "speed-skating/w/500m"
    assert event_key(SPEED, "M", "Men's Mass Start") == "speed-skating/m/mass-start"


def test_display_title() -> None:
    assert display_title("Ladies’ 500m") == "Ladies' 500m"
    assert display_title("  Men’s   10000m ") == "Men's 10000m"
    assert display_title("“Team”\u00a0Event") == '"Team" Event'


# --- the sources as a whole -----------------------------------------------------------------


def _history(disciplines: set[str]) -> set[tuple[str, str, str]]:
    return {(d, g, t) for s, _, d, g, t in raw_events() if s == "history" and d in disciplines}


def test_every_speed_skating_and_short_track_history_event_has_a_key() -> None:
    keys = {key_of(d, g, t) for d, g, t in _history({"Speed skating"})}
    assert {k for k in keys if k.startswith("speed-skating/w/")} == {
        "speed-skating/w/500m",
        "speed-skating/w/1000m",
        "speed-skating/w/1500m",
        "speed-skating/w/3000m",
        "speed-skating/w/5000m",
        "speed-skating/w/mass-start",
        "speed-skating/w/team-pursuit",
    }
    assert {k for k in keys if k.startswith("speed-skating/m/")} == {
        "speed-skating/m/500m",
        "speed-skating/m/1000m",
        "speed-skating/m/1500m",
        "speed-skating/m/5000m",
        "speed-skating/m/10000m",
        "speed-skating/m/mass-start",
        "speed-skating/m/team-pursuit",
        "speed-skating/m/combined-4-events",  # 1924 only
    }
    assert len(keys) == 15
    short_track = {
        key_of(d, g, t) for d, g, t in _history({"Short Track", "Short Track Speed Skating"})
    }
    assert short_track == {
        "short-track/m/500m",
        "short-track/m/1000m",
        "short-track/m/1500m",
        "short-track/m/5000m-relay",
        "short-track/w/500m",
        "short-track/w/1000m",
        "short-track/w/1500m",
        "short-track/w/3000m-relay",
        "short-track/x/team-relay",
    }


def test_women_500m_speed_skating_is_one_event_from_1960_to_2026() -> None:
    games = {
        g for s, g, d, gender, t in raw_events() if key_of(d, gender, t) == "speed-skating/w/500m"
    }
    years = sorted(int(g.rsplit("-", 1)[1]) for g in games)
    assert years[0] == 1960 and years[-1] == 2026
    assert len(years) == 18  # every Winter Games from 1960 on


def test_no_two_events_of_one_games_share_a_key() -> None:
    """A wrong merge shows up as two different events of the same Games on one key."""
    spellings: dict[tuple[str, str], set[tuple[str, str, str]]] = defaultdict(set)
    for _, games, discipline, gender, title in raw_events():
        spellings[(games, key_of(discipline, gender, title, games))].add(
            (discipline, gender, title)
        )
    shared = {k: v for k, v in spellings.items() if len(v) > 1}
    # The history file lists the 1904 4x50 yard relay twice (team rows and athlete rows).
    assert shared == {
        ("st-louis-1904", "swimming/m/4x50y-freestyle-relay"): {
            ("Swimming", "Men", "4x50y freestyle relay men"),
            ("Swimming", "Men", "4 x 50 yard Freestyle Relay Men"),
        }
    }


def test_canonical_events_per_source() -> None:
    keys = keys_by_source()
    assert len(keys["milano"]) == 116
    assert len(keys["paris"]) == 329
    # 1050 before judo's weight classes were keyed by their limit (21 fewer) and the
    # cross-country relays by what they are whatever their legs (2 fewer); 1027 before the
    # weight classes of boxing, weightlifting, wrestling and taekwondo were (101 fewer)
    assert len(keys["history"]) == 926


def test_milano_cortina_events_continue_the_history() -> None:
    """Every 2026 event matches an earlier one, except the events that are new in 2026 or
    whose format (distance, team size) changed."""
    keys = keys_by_source()
    assert keys["milano"] - keys["history"] == {
        "alpine-skiing/m/team-combined",
        "alpine-skiing/w/team-combined",
        "cross-country-skiing/m/10km",
        "cross-country-skiing/m/10km-10km-skiathlon",
        "cross-country-skiing/w/10km-10km-skiathlon",
        "cross-country-skiing/w/50km",
        "freestyle-skiing/m/dual-moguls",
        "freestyle-skiing/w/dual-moguls",
        "luge/w/doubles",
        "nordic-combined/m/team-sprint",
        "skeleton/x/team",
        "ski-jumping/m/super-team",
        "ski-jumping/w/large-hill",
        "ski-mountaineering/m/sprint",
        "ski-mountaineering/w/sprint",
        "ski-mountaineering/x/relay",
    }


def test_paris_events_continue_the_history() -> None:
    keys = keys_by_source()
    new = keys["paris"] - keys["history"]
    # the weight classes with a limit new in 2024, and new events
    assert new == {
        "boxing/m/over-92kg",
        "boxing/m/under-92kg",
        "boxing/w/under-50kg",
        "boxing/w/under-54kg",
        "boxing/w/under-66kg",
        "weightlifting/m/over-102kg",
        "weightlifting/m/under-102kg",
        "weightlifting/m/under-89kg",
        "weightlifting/w/over-81kg",
        "weightlifting/w/under-71kg",
        "weightlifting/w/under-81kg",
        "athletics/x/marathon-race-walk-relay",
        "breaking/m/b-boys",
        "breaking/w/b-girls",
        "canoe-slalom/m/kayak-cross",
        "canoe-slalom/w/kayak-cross",
        "sailing/m/kite",
        "sailing/m/windsurfing",
        "sailing/w/kite",
        "sailing/w/windsurfing",
        "sailing/x/dinghy",
        "shooting/x/skeet-team",
        "sport-climbing/m/boulder-lead",
        "sport-climbing/m/speed",
        "sport-climbing/w/boulder-lead",
        "sport-climbing/w/speed",
    }


def test_a_weight_class_is_one_key_across_games() -> None:
    """Every Games of one limit under one key, whatever the title said; other limits apart."""
    games: dict[str, set[str]] = defaultdict(set)
    for source, slug, discipline, gender, title in raw_events():
        if source != "milano":
            games[key_of(discipline, gender, title, slug)].add(slug[-4:])
    assert sorted(games["boxing/m/under-48kg"]) == [
        "1968", "1972", "1976", "1980", "1984", "1988", "1992", "1996", "2000", "2004", "2008"
    ]  # fmt: skip
    # 1920-1936 kept the limits of 1920 (Berlin's titles give the class name alone)
    assert sorted(games["boxing/m/under-50-8kg"]) == ["1920", "1924", "1928", "1932", "1936"]
    assert sorted(games["boxing/m/under-53-52kg"]) == ["1920", "1924", "1928", "1932", "1936"]
    assert sorted(games["boxing/m/over-79-38kg"]) == ["1920", "1924", "1928", "1932", "1936"]
    assert sorted(games["taekwondo/w/over-67kg"]) == [
        "2000", "2004", "2008", "2012", "2016", "2020", "2024"
    ]  # fmt: skip
    assert sorted(games["wrestling/m/greco-roman-under-130kg"]) == [
        "1988", "1992", "1996", "2000", "2016", "2020", "2024"
    ]  # fmt: skip
    assert sorted(games["weightlifting/m/over-82-5kg"]) == [
        "1920", "1924", "1928", "1932", "1936", "1948"
    ]  # fmt: skip
    # 1948's flyweight had its own limits; it is not the class up to 50.8 kg
    assert sorted(games["boxing/m/under-51kg"])[:2] == ["1948", "1952"]


def test_a_class_named_alone_needs_its_games() -> None:
    boxing = discipline_for("Boxing")
    assert event_key(boxing, "M", "Flyweight men", 1936) == "boxing/m/under-50-8kg"
    assert event_key(boxing, "M", "Heavyweight men", 1936) == "boxing/m/over-79-38kg"
    # without the Games (Olympedia's "Boxing Men's Flyweight" of any year) no limit is guessed
    assert event_key(boxing, "M", "Flyweight men") == "boxing/m/flyweight"
