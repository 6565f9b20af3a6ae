"""Athlete names: the sources write them "Firstname LASTNAME" (history) or "LASTNAME Firstname"
(Paris 2024, Milano Cortina 2026); Podium shows them in natural order ("Jens van 't Wout")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", plain.casefold()).split())


def _is_capitalised(token: str) -> bool:
    """A family-name token: written in capitals, at least two letters ("J." is an initial)."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _title_part(part: str) -> str:
    if not part:
        return part
    if part.startswith("'"):  # "'T" is the Dutch article 't, always lower case
        return part.lower()
    out = part[0].upper() + part[1:].lower()
    # O'BRIEN -> O'Brien, MACDONALD stays Macdonald (no reliable rule for Mac/Mc)
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
