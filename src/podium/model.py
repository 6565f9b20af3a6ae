"""The records Podium reads and writes: plain, frozen dataclasses shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Literal

Season = Literal["summer", "winter"]
Gender = Literal["M", "W", "X"]
Precision = Literal["time", "date", "games"]


class Medal(IntEnum):
    GOLD = 1
    SILVER = 2
    BRONZE = 3

    @property
    def label(self) -> str:
        return self.name.lower()


# At most this many entries share one medal: ties of three have happened (three silvers in the
# 1948 men's 500 m), two bronzes by rule (judo, boxing) tied again make four.
MAX_SHARED = 4


def podium_clash(gold: int, silver: int, bronze: int) -> str | None:
    """Why medals of these counts cannot share one podium (shared medals are ties: two golds
    leave no silver, two silvers no bronze), or None. Any subset of a podium that fits fits
    too, so a podium can be checked as its medals arrive."""
    for medal, n in ((Medal.GOLD, gold), (Medal.SILVER, silver), (Medal.BRONZE, bronze)):
        if n > MAX_SHARED:
            return f"{n} {medal.label} medals: no event shares a medal more than {MAX_SHARED} ways"
    if gold >= 2 and silver:
        return f"{gold} golds (tied) leave no silver"
    if gold >= 3 and bronze:
        return f"{gold} golds (tied) leave no bronze"
    if silver >= 2 and bronze:
        return f"{silver} silvers (tied) leave no bronze"
    return None


@dataclass(frozen=True)
class Games:
    slug: str
    name: str
    year: int
    season: Season
    host: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    timezone: str
    official: bool = True


@dataclass(frozen=True)
class Noc:
    code: str
    name_en: str
    name_nl: str
    iso2: str | None
    status: str

    @property
    def flag(self) -> str:
        """The regional-indicator emoji for the ISO code; historic NOCs have none."""
        if not self.iso2 or len(self.iso2) != 2 or not self.iso2.isalpha():
            return "🏳"
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in self.iso2.upper())

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@dataclass(frozen=True)
class Event:
    key: str
    discipline: str
    gender: Gender
    title: str


@dataclass(frozen=True)
class Athlete:
    """One source's record of an athlete. `name` is the name the press writes (the linked
    person's), `full_name` the record's own; `person` joins the records of one person."""

    key: str
    name: str
    given: str
    family: str
    gender: str | None
    noc: str
    match_key: str
    full_name: str = ""
    person: str | None = None


@dataclass(frozen=True)
class Award:
    """One medal to one entry: an athlete, or a team (with its members where known)."""

    key: str
    games: str
    event: str
    medal: Medal
    noc: str
    athlete: str | None
    team: str | None
    awarded_at: datetime  # aware, UTC
    precision: Precision
    source: str
    members: tuple[str, ...] = ()  # one record per person
    # the person of `athlete` (its key where the linkage has not run): compare these, not
    # records, to tell whether two awards went to one athlete
    person: str | None = None
    member_people: tuple[str, ...] = ()  # the people of `members`
