"""Targets: a NOC's stated ambition for a Games (a best final rank), with who stated it and
when. Stories cite the newest target stated by their moment, and whose it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from podium.core import Podium

SOURCE_MAX = 300


@dataclass(frozen=True)
class Target:
    games: str
    noc: str
    rank: int
    source: str
    stated_at: datetime


def set_target(
    podium: Podium,
    games: str,
    noc: str,
    rank: int,
    source: str,
    stated_at: datetime | None = None,
) -> Target:
    """Record a target; the source (who said it, where) is required: a story names it."""
    g = podium.games(games)
    code = podium.noc(noc).code
    if rank < 1:
        raise ValueError(f"rank: {rank} is not a place in a table (1 or more)")
    source = source.strip()
    if not source:
        raise ValueError("source: say who stated the target (e.g. 'NOC*NSF, 2025-12-01')")
    if len(source) > SOURCE_MAX:
        raise ValueError(f"source: {len(source)} characters, at most {SOURCE_MAX}")
    moment = stated_at or datetime.now(UTC)
    podium.store.add_target(g.slug, code, rank, source, moment)
    return Target(g.slug, code, rank, source, moment)


def targets(podium: Podium, games: str, as_of: datetime | None = None) -> dict[str, Target]:
    """The target in force per NOC at `as_of` (the newest stated by then)."""
    out: dict[str, Target] = {}
    for g, noc, rank, source, stated in podium.store.targets(games, as_of):
        out[noc] = Target(g, noc, rank, source, stated)
    return out
