"""The medal-table engine: tallies in, ranked rows out, by the official counting rules.

Gold first, then silver, then bronze; NOCs equal on all three share the rank and are listed
alphabetically by code. By total or by points the rank follows that number alone (ties share),
and the listing within a tie falls back to gold-first. Totals never change the official rank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Order = Literal["gold", "total", "points"]
ORDERS: tuple[Order, ...] = ("gold", "total", "points")
DEFAULT_WEIGHTS = (3, 2, 1)


@dataclass(frozen=True)
class Tally:
    gold: int = 0
    silver: int = 0
    bronze: int = 0

    @property
    def total(self) -> int:
        return self.gold + self.silver + self.bronze

    def points(self, weights: tuple[int, int, int] = DEFAULT_WEIGHTS) -> int:
        return self.gold * weights[0] + self.silver * weights[1] + self.bronze * weights[2]

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.gold + other.gold, self.silver + other.silver, self.bronze + other.bronze)

    def add(self, medal: int, count: int = 1) -> Tally:
        return self + Tally(*(count if medal == m else 0 for m in (1, 2, 3)))

    @classmethod
    def of(cls, medals: Iterable[int]) -> Tally:
        """The tally of these medals (1 gold, 2 silver, 3 bronze), one each."""
        t = cls()
        for medal in medals:
            t = t.add(medal)
        return t

    def counts(self) -> dict[str, int]:
        return {
            "gold": self.gold,
            "silver": self.silver,
            "bronze": self.bronze,
            "total": self.total,
        }


@dataclass(frozen=True)
class TableRow:
    rank: int | None  # None: listed but outside the ranking (AIN at Milano Cortina 2026)
    tied: bool  # shares its rank with another NOC ("=" in print)
    noc: str
    tally: Tally
    points: int

    @property
    def gold(self) -> int:
        return self.tally.gold

    @property
    def silver(self) -> int:
        return self.tally.silver

    @property
    def bronze(self) -> int:
        return self.tally.bronze

    @property
    def total(self) -> int:
        return self.tally.total

    @property
    def rank_label(self) -> str:
        if self.rank is None:
            return "–"
        return f"={self.rank}" if self.tied else str(self.rank)


@dataclass(frozen=True)
class MedalTable:
    games: tuple[str, ...]
    order: Order
    as_of: datetime | None
    rows: tuple[TableRow, ...]
    weights: tuple[int, int, int] = DEFAULT_WEIGHTS
    filters: Mapping[str, str] = field(default_factory=dict)

    def row(self, noc: str) -> TableRow | None:
        return next((r for r in self.rows if r.noc == noc), None)

    @property
    def medals(self) -> Tally:
        """Medals handed out in all (ties make these differ from the number of events)."""
        total = Tally()
        for r in self.rows:
            total = total + r.tally
        return total


def _gold_key(noc: str, t: Tally) -> tuple[int, int, int, str]:
    return (-t.gold, -t.silver, -t.bronze, noc)


def rank(
    tallies: Mapping[str, Tally],
    order: Order = "gold",
    unranked: Iterable[str] = (),
    weights: tuple[int, int, int] = DEFAULT_WEIGHTS,
) -> tuple[TableRow, ...]:
    """Rank NOCs by `order`; those in `unranked` are listed after the ranked ones, rank None."""
    if order not in ORDERS:
        raise ValueError(f"order: {order!r} is not one of {', '.join(ORDERS)}")
    outside = set(unranked)

    def measure(noc: str) -> tuple[int, ...]:
        t = tallies[noc]
        if order == "total":
            return (-t.total,)
        if order == "points":
            return (-t.points(weights),)
        return (-t.gold, -t.silver, -t.bronze)

    ranked = sorted(
        (n for n in tallies if n not in outside and tallies[n].total > 0),
        key=lambda n: (measure(n), _gold_key(n, tallies[n])),
    )
    first_at: dict[tuple[int, ...], int] = {}
    shared: dict[tuple[int, ...], int] = {}
    for position, noc in enumerate(ranked, start=1):
        first_at.setdefault(measure(noc), position)
        shared[measure(noc)] = shared.get(measure(noc), 0) + 1
    rows = [
        TableRow(
            rank=first_at[measure(n)],
            tied=shared[measure(n)] > 1,
            noc=n,
            tally=tallies[n],
            points=tallies[n].points(weights),
        )
        for n in ranked
    ]
    rest = sorted(
        (n for n in tallies if n in outside and tallies[n].total > 0),
        key=lambda n: _gold_key(n, tallies[n]),
    )
    rows += [TableRow(None, False, n, tallies[n], tallies[n].points(weights)) for n in rest]
    return tuple(rows)


def tallies(counts: Iterable[tuple[str, int, int]]) -> dict[str, Tally]:
    """(noc, medal, count) rows into a tally per NOC."""
    out: dict[str, Tally] = {}
    for noc, medal, count in counts:
        out[noc] = out.get(noc, Tally()).add(medal, count)
    return out
