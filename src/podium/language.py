"""Dutch and English wording for stories: numbers, ordinals, dates, country, sport and event
names. Every word a story prints about the data comes through here, so the checker can render
the same values the same way."""

from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date
from num2words import num2words

from podium import events as canon
from podium.model import Event, Medal, Noc

Lang = str  # "nl" | "en"

MEDALS = {
    "nl": {Medal.GOLD: "goud", Medal.SILVER: "zilver", Medal.BRONZE: "brons"},
    "en": {Medal.GOLD: "gold", Medal.SILVER: "silver", Medal.BRONZE: "bronze"},
}
MEDAL_ADJ = {
    "nl": {Medal.GOLD: "gouden", Medal.SILVER: "zilveren", Medal.BRONZE: "bronzen"},
    "en": {Medal.GOLD: "gold", Medal.SILVER: "silver", Medal.BRONZE: "bronze"},
}
# Words above this are printed as digits, as a newsroom does.
_WORDS_UP_TO = 20


def number(n: int, lang: Lang) -> str:
    """'zes', 'six'; digits above twenty; Dutch thousands with a dot."""
    if n == 1 and lang == "nl":
        return "een"  # num2words writes 'één', which reads as stressed
    if 0 <= n <= _WORDS_UP_TO:
        return str(num2words(n, lang=lang))
    return thousands(n, lang)


def thousands(n: int, lang: Lang) -> str:
    sep = "." if lang == "nl" else ","
    return f"{n:,}".replace(",", sep)


def ordinal(n: int, lang: Lang) -> str:
    """'zesde', 'sixth'."""
    if 0 < n <= _WORDS_UP_TO:
        return str(num2words(n, lang=lang, to="ordinal"))
    return f"{n}e" if lang == "nl" else f"{n}th"


def times(n: int, lang: Lang, variant: int = 0) -> str:
    """'zes keer', 'zesmaal' (Dutch varies the two), 'six times'."""
    if lang == "en":
        return {1: "once", 2: "twice"}.get(n, f"{number(n, lang)} times")
    if n == 1:
        return "een keer"
    word = number(n, lang)
    return f"{word}maal" if variant % 2 and n <= _WORDS_UP_TO else f"{word} keer"


def day(d: date, lang: Lang) -> str:
    """'17 februari', '17 February'."""
    return str(format_date(d, "d MMMM", locale=lang))


def weekday(d: date, lang: Lang) -> str:
    return str(format_date(d, "EEEE", locale=lang))


def join(items: list[str], lang: Lang) -> str:
    """'A, B en C' / 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    word = " en " if lang == "nl" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def noc_name(noc: Noc, lang: Lang) -> str:
    """The country as a sentence names it: 'de Verenigde Staten', 'the Netherlands'."""
    if lang == "nl":
        return f"de {noc.name_nl}" if noc.name_nl.startswith("Verenigde") else noc.name_nl
    if noc.name_en.startswith(_EN_THE):
        return f"the {noc.name_en}"
    return noc.name_en


_EN_THE = ("United", "Netherlands", "Czech Republic", "Philippines", "Bahamas", "Republic")


def plural_noc(noc: Noc) -> bool:
    """Dutch takes a plural verb for 'de Verenigde Staten'."""
    return noc.name_nl.startswith("Verenigde") and noc.name_nl.endswith("en")


def tally_text(gold: int, silver: int, bronze: int, lang: Lang) -> str:
    """'8-5-4' style, the way a table is read aloud in both languages."""
    return f"{gold}-{silver}-{bronze}"


# Dutch names of discipline words in event keys; what is not here is printed as it is.
_NL_WORDS = {
    "team-pursuit": "ploegenachtervolging",
    "mass-start": "massastart",
    "relay": "estafette",
    "team-relay": "teamestafette",
    "downhill": "afdaling",
    "super-g": "super-G",
    "giant-slalom": "reuzenslalom",
    "slalom": "slalom",
    "team-combined": "teamcombinatie",
    "normal-hill": "normale schans",
    "large-hill": "grote schans",
    "super-team": "superteam",
    "team": "landenwedstrijd",
    "singles": "individueel",
    "doubles": "dubbel",
    "ice-dance": "ijsdansen",
    "pair-skating": "paarrijden",
    "single-skating": "individueel",
    "moguls": "moguls",
    "dual-moguls": "dual moguls",
    "sprint": "sprint",
    "team-sprint": "teamsprint",
    "pursuit": "achtervolging",
    "individual": "individueel",
    "tournament": "toernooi",
    "monobob": "monobob",
    "2-man": "tweemansbob",
    "4-man": "viermansbob",
    "2-woman": "tweevrouwsbob",
    "aerials": "aerials",
    "team-aerials": "aerials voor teams",
    "ski-cross": "skicross",
    "snowboard-cross": "snowboardcross",
    "team-snowboard-cross": "snowboardcross voor teams",
    "snowboard-halfpipe": "halfpipe",
    "freeski-halfpipe": "halfpipe",
    "snowboard-big-air": "big air",
    "freeski-big-air": "big air",
    "snowboard-slopestyle": "slopestyle",
    "freeski-slopestyle": "slopestyle",
    "parallel-giant-slalom": "parallelreuzenslalom",
    "mass-start-15km": "massastart",
}
# Speed skating and short track relays are "aflossing" in Dutch, skiing relays "estafette".
_SKATING = ("speed-skating", "short-track")


def _distance(name: str, lang: Lang) -> str | None:
    m = re.fullmatch(r"(\d+)m", name)
    if m:
        metres = int(m.group(1))
        # Newsrooms write 1000 but 10.000 / 10,000.
        text = thousands(metres, lang) if metres >= 10000 else str(metres)
        return f"{text} meter" if lang == "nl" else f"{text} m"
    return None


def _km(text: str, lang: Lang) -> str:
    unit = " kilometer" if lang == "nl" else " km"
    dec = "," if lang == "nl" else "."
    text = re.sub(r"(\d+)-(\d)km", lambda m: f"{m.group(1)}{dec}{m.group(2)}{unit}", text)
    return re.sub(r"(\d+)km", lambda m: f"{m.group(1)}{unit}", text)


def event_short(event: Event, lang: Lang) -> str:
    """The event as a desk names it once the sport is clear: '500 meter', 'team pursuit'."""
    name = event.key.split("/", 2)[2]
    distance = _distance(name, lang)
    if distance:
        return distance
    if event.discipline in _SKATING and name.endswith("relay"):
        return "aflossing" if lang == "nl" else "relay"
    if lang == "nl":
        if name in _NL_WORDS:
            return _NL_WORDS[name]
        words = _km(name, lang).split("-")
        return " ".join(_NL_WORDS.get(w, w) for w in words)
    return _km(name, lang).replace("-", " ")


def gender_phrase(event: Event, lang: Lang) -> str:
    if lang == "nl":
        return {"W": "bij de vrouwen", "M": "bij de mannen", "X": "in de gemengde klasse"}[
            event.gender
        ]
    return {"W": "women's", "M": "men's", "X": "mixed"}[event.gender]


def discipline_name(slug: str, lang: Lang) -> str:
    """'langebaan', 'shorttrack' in prose; the registry name otherwise."""
    if lang == "nl":
        return {"speed-skating": "langebaan", "short-track": "shorttrack"}.get(
            slug, canon.discipline_by_slug(slug).name_nl.lower()
        )
    return canon.discipline_by_slug(slug).name_en.lower()


def event_phrase(event: Event, lang: Lang, *, gender: bool = True) -> str:
    """'de 500 meter bij de vrouwen', "the women's 500 m"; other sports add the discipline."""
    short = event_short(event, lang)
    skating = event.discipline in _SKATING
    if lang == "nl":
        text = f"de {short}"
        if not skating or event.discipline == "short-track":
            text += f" ({discipline_name(event.discipline, lang)})"
        return f"{text} {gender_phrase(event, lang)}" if gender else text
    prefix = f"{gender_phrase(event, lang)} " if gender else ""
    text = f"the {prefix}{short}"
    if not skating or event.discipline == "short-track":
        text += f" ({discipline_name(event.discipline, lang)})"
    return text


NUMBER_WORDS: dict[str, dict[str, int]] = {
    lang: {
        **{str(num2words(n, lang=lang)): n for n in range(2, _WORDS_UP_TO + 1)},
        **{str(num2words(n, lang=lang, to="ordinal")): n for n in range(2, _WORDS_UP_TO + 1)},
    }
    for lang in ("nl", "en")
}
