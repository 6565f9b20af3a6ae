"""Athlete names: the sources write them "Firstname LASTNAME" (history), "LASTNAME Firstname"
(Paris 2024, Milano Cortina 2026) or as a full legal name with nickname and married name
(Olympedia: 'Irene Karlijn "Ireen" Wst', "Tonny de Jong (-Knoll)"); Podium keeps the full name
as data and shows the name the press writes ("Ireen Wüst", "Bob de Jong", "Ning Zhongyan").

Folding for matching and search transliterates rather than drops letters (ø -> o, æ -> ae,
ß -> ss: anyascii's tables), and `search_forms` adds the two other spellings people and
sources use: German-style (ø/ö -> oe, ü -> ue, å -> aa) and the letters-dropped form of
Olympedia's older scrape ("Bjrgen")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

# Lower-case particles that belong to the family name even when the source prints them apart
# from the capitalised part ("Bob de JONG" is Bob / de Jong, not Bob de / Jong).
_PARTICLES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "ter",
        "te",
        "von",
        "zu",
        "da",
        "di",
        "du",
        "del",
        "della",
        "dos",
        "das",
        "le",
        "la",
        "'t",
        "ten",
        "op",
        "in",
        "het",
        "y",
        "af",
        "al",
        "el",
        "bin",
    }
)


@dataclass(frozen=True)
class PersonName:
    given: str
    family: str

    @property
    def natural(self) -> str:
        return f"{self.given} {self.family}".strip()

    @property
    def match_key(self) -> str:
        """The name folded for matching one person across sources (case, accents, spacing)."""
        return fold(self.natural)


def _ascii_words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", text.casefold()).split())


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Case, accents and script folded away, letters transliterated: "Bjørgen" -> "bjorgen"."""
    return _ascii_words(anyascii(unicodedata.normalize("NFC", text.replace("’", "'"))))


_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
    | {"Ø": "Oe", "Å": "Aa"}
)


@lru_cache(maxsize=1 << 18)
def search_forms(text: str) -> frozenset[str]:
    """Every folded spelling of `text` a reader or a source may use: transliterated
    ("bjorgen"), German-style ("bjoergen"), with the non-ASCII letters dropped ("bjrgen"),
    without apostrophes ("van t wout", "obrien") and without hyphens ("yuna kim")."""
    nfc = unicodedata.normalize("NFC", text.replace("’", "'"))
    dropped = _ascii_words("".join(c for c in nfc if c.isascii()))
    plain = fold(nfc)
    joined = fold(nfc.replace("-", ""))  # "Yu-Na Kim" is also written "Yuna Kim"
    forms = {plain, plain.replace("'", ""), joined, fold(nfc.translate(_GERMAN)), dropped}
    return frozenset(forms - {""})


# Mixed-case prefixes of family names the competition sources print in capitals after them:
# "McKEOWN", "MacKINNON", "LaCOMBE", "DeGROOT".
_PREFIX = re.compile(r"^(Mc|Mac|La|Le|De|Di|Da|Du)(?=[A-Z]{2})")


def _is_capitalised(token: str) -> bool:
    """A family-name token: written in capitals, at least two letters ("J." is an initial)."""
    letters = [c for c in _PREFIX.sub("", token) if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _title_part(part: str) -> str:
    if not part:
        return part
    if part.startswith("'"):  # "'T" is the Dutch article 't, always lower case
        return part.lower()
    prefix = _PREFIX.match(part)
    if prefix:  # McKEOWN -> McKeown
        rest = part[prefix.end() :]
        return prefix.group(1) + rest[0] + rest[1:].lower()
    out = part[0].upper() + part[1:].lower()
    # O'BRIEN -> O'Brien; MACDONALD stays Macdonald (no reliable rule for an all-capital Mac)
    return re.sub(r"'(\w)", lambda m: "'" + m.group(1).upper(), out)


def _title_token(token: str) -> str:
    """Capitals become title case part by part ("RIJPMA-de" -> "Rijpma-de"); particles and
    given names keep the case the source wrote them in."""
    return "-".join(
        _title_part(p) if _is_capitalised(p) or (p.isupper() and p.startswith("'")) else p
        for p in token.split("-")
    )


def _tidy(tokens: list[str]) -> str:
    return " ".join(_title_token(t) for t in tokens)


def parse_family_first(raw: str) -> PersonName:
    """ "van 'T WOUT Jens" -> Jens / van 't Wout; "RIJPMA-de JONG Antoinette" -> Antoinette /
    Rijpma-de Jong. The family name runs up to the last capitalised token."""
    tokens = raw.replace("’", "'").split()
    caps = [i for i, t in enumerate(tokens) if _is_capitalised(t)]
    if not caps:
        return PersonName(given="", family=" ".join(tokens))
    cut = caps[-1] + 1
    return PersonName(given=" ".join(tokens[cut:]), family=_tidy(tokens[:cut]))


def parse_given_first(raw: str) -> PersonName:
    """ "Margot BOER" -> Margot / Boer; "Bob de JONG" -> Bob / de Jong."""
    tokens = raw.replace("’", "'").split()
    caps = [i for i, t in enumerate(tokens) if _is_capitalised(t)]
    if not caps:
        return PersonName(given="", family=" ".join(tokens))
    cut = caps[0]
    while cut > 0 and tokens[cut - 1].lower() in _PARTICLES and tokens[cut - 1].islower():
        cut -= 1
    return PersonName(given=" ".join(tokens[:cut]), family=_tidy(tokens[cut:]))


# -- full names and the name the press writes ----------------------------------------------

# The record keys of the sources that print competition names ("LASTNAME Given"): the name
# the athlete competes under, the best there is for the press.
COMPETITION_NAMESPACES = ("milano-cortina-2026:", "paris-2024:")
# Where the family name comes first in print as in life ("Ning Zhongyan", "Kim Yuna").
FAMILY_FIRST_NOCS = frozenset({"CHN", "TPE", "HKG", "MAC", "KOR", "PRK", "VIE"})
# Particles written in lower case after a given name in Dutch ("Bob de Jong", "Jorien ter
# Mors") and capitalised at the start of a sentence ("De Jong won").
_DUTCH_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "te", "'t", "in", "het", "op"})
_SUFFIX = re.compile(r",?\s+(?:I{1,3}|IV|Jr\.?|Sr\.?)$")


@dataclass(frozen=True)
class FullName:
    """A name as Olympedia writes it, taken apart: 'Irene Karlijn "Ireen" Wst' has the
    nickname Ireen; "Tonny de Jong (-Knoll)" the other family name Knoll."""

    given: str
    family: str
    nickname: str | None = None
    other_family: str | None = None

    @property
    def natural(self) -> str:
        return f"{self.given} {self.family}".strip()

    @property
    def used(self) -> PersonName:
        """The name in use: the nickname or the first given name, and the family name."""
        first = self.nickname or (self.given.split()[0] if self.given else "")
        return PersonName(first, self.family)


@lru_cache(maxsize=1 << 18)
def parse_full(raw: str) -> FullName:
    """'Edwin Harold "Teddy" Flack' -> Edwin Harold / Flack, nickname Teddy;
    "Michael Fred Phelps, II" -> Michael Fred / Phelps; "Antoinette Rijpma-de Jong" ->
    Antoinette / Rijpma-de Jong; "Jens van 't Wout" -> Jens / van 't Wout."""
    text = " ".join(raw.replace("’", "'").split())
    nickname = None
    quoted = re.search(r'"([^"]+)"', text)
    if quoted:
        nickname = quoted.group(1).strip() or None
        text = " ".join((text[: quoted.start()] + text[quoted.end() :]).split())
    other = None
    bracket = re.search(r"\(\s*-?\s*([^)]*)\)", text)
    if bracket:
        other = bracket.group(1).strip() or None
        text = " ".join((text[: bracket.start()] + text[bracket.end() :]).split())
    text = _SUFFIX.sub("", text)
    tokens = text.split()
    if not tokens:
        return FullName("", "", nickname, other)
    cut = len(tokens) - 1
    while cut > 1 and _joins_family(tokens[cut - 1]):
        cut -= 1
    return FullName(" ".join(tokens[:cut]), " ".join(tokens[cut:]), nickname, other)


def _joins_family(token: str) -> bool:
    """A particle ("van", "'t") or a double name joined by one ("Rijpma-de")."""
    folded = token.casefold()
    return folded in _PARTICLES or (folded.rsplit("-", 1)[-1] in _PARTICLES and "-" in folded)


def press_name(name: PersonName, noc: str) -> str:
    """The name as a newspaper prints it for this NOC: family first where that is the
    convention, Dutch particles in lower case after the given name."""
    family = name.family
    if noc == "NED" and name.given:
        words = family.split()
        lead = 0
        while lead < len(words) - 1 and words[lead].casefold() in _DUTCH_PARTICLES:
            lead += 1
        family = " ".join([w.casefold() for w in words[:lead]] + words[lead:])
    if noc in FAMILY_FIRST_NOCS and name.given:
        return f"{family} {name.given}"
    return f"{name.given} {family}".strip()


def sentence_start(text: str) -> str:
    """ "de Jong won" -> "De Jong won": a particle is capitalised where a sentence begins."""
    return text[:1].upper() + text[1:]


def spelling_key(text: str) -> str:
    """One key for spellings that differ only by how letters were transliterated ("Sjåstad"
    and "Sjaastad", "Bjørgen" and "Bjoergen"): the German-style folding of both."""
    return fold(unicodedata.normalize("NFC", text).translate(_GERMAN))


def sort_name(family: str) -> str:
    """The family name as an index sorts it: "van 't Wout" under W, "de Jong" under J."""
    words = family.split()
    while len(words) > 1 and words[0].casefold() in _PARTICLES:
        words = words[1:]
    return fold(" ".join(words))
