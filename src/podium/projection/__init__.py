"""The live projection: where a Games' medal table will end, with probabilities.

The model, in words
-------------------
Every event still to come is modelled on its own, then all of them are simulated together.

1. **Prior, from history.** For each event of these Games and each NOC, a strength: the
   medals that NOC is expected to take in one edition of the event (the strengths of an event
   add up to about 3). It blends three recency-weighted averages over the last five Games of
   the same season (weight 0.6 per Games further back): the NOC's medals in this very event
   (0.55), its medals per event in the event's discipline (0.30) and its medals per event at
   those Games as a whole (0.15). A new event has no own history and leans on the other two.
   A small field (4%) stands for NOCs with no history in the event. A NOC that is not there
   wins nothing, whatever its history: Olympedia's entries of these Games (who has athletes in
   which sport, known before the Games begin) give who takes part in each sport; without
   entries, a historic or one-time name (URS, OAR, ROC) not seen at these Games is taken to be
   absent. A delegation's history counts under the name it has at these Games (`DELEGATIONS`:
   RUS 2014 and OAR 2018 as ROC in 2022); AIN's few admitted athletes are not Russia's team.
   **Home advantage**: a host wins more at home than away (GBR 2012, CHN 2022, FRA 2024), so
   a medal the host of an earlier Games won at home counts half, and the host of the Games
   projected has its strengths doubled (`host` = 2: chosen on the Games before 2026).
2. **Evidence, from these Games.** For each NOC, the medals it has won so far against what the
   prior expected of it in the events already decided. Its strength in every remaining event
   is multiplied by (won + 24) / (expected + 24): a gamma-Poisson update, so one surprise
   medal moves little and a run of them moves a lot. Then, per discipline, the strengths are
   blended with the NOC's medals per decided event of that discipline at these Games, weighted
   d / (d + 20) for d decided events in it: form in speed skating says more about the next
   speed-skating race than about the next ski jump. (With a lighter prior, 8 and 10, the
   projection chased form: worse Brier score and log loss of P(top 10) on the Games before
   2026, and P(top 10) too far from 0 and 1 in the middle.)
3. **Simulation.** Each remaining event's podium is drawn without replacement from the
   strengths (Plackett-Luce, run as an exponential race; strengths raised to the power 1.3), each
   NOC having as many entries as it has lately taken medals in that event (one for a team event),
   10,000 times with a fixed seed (numpy's PCG64), so the same inputs give the same answer.
   The gold is a race of its own: on strengths built the same way from golds alone (history
   and form, a gamma-Poisson prior of 8/3 golds), weighted 0.2 against a third of the medal
   strength; silver and bronze go to the first two of the others in the medal race. Some NOCs
   turn medals into golds more often than their medal strength says (and some less).
   Every draw's final table is the medals so far plus the drawn ones, ranked by the official
   rules (gold, silver, bronze; equal on all three share the rank; NOCs listed outside the
   ranking, like AIN at Milano Cortina 2026, do not take a place). Ties for a medal are not
   simulated: each remaining event hands out one gold, one silver and one bronze.

From the draws: each NOC's expected final golds and medals with 80% intervals (10th to 90th
percentile), its distributions of golds, medals and rank, P(first), P(top 3), P(top 10) and
P(reaching its stated target), and the medals it is expected to take in the events still to come.
Also the medians of its final golds and medals (`median_gold`, `median_total`): the point
forecast to judge by absolute error. Most NOCs win 0 to 2 golds in half a Games; for such
small counts the expected value (say 0.4) is never the outcome and the median (0) is right
more often, so the backtest scores the median's error beside the expected value's.

No look-ahead: a projection at a moment reads these Games' awards standing at that moment and
history as it stood when the Games began; nothing else. The knobs are in `model.Params`, chosen
on the Games before 2026 (bench/projection.py scores them with `podium backtest`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from podium import serialize
from podium.core import Podium
from podium.events import discipline_by_slug
from podium.model import Noc
from podium.news.targets import targets as stated_targets
from podium.projection import event_dates
from podium.projection.model import (
    DRAWS,
    SEED,
    Inputs,
    MedalRow,
    NocProjection,
    Params,
    Projection,
    project,
)

TRAJECTORY_DRAWS = 1_000  # each evening of the chart: enough for a line, a tenth of the cost


def targets(podium: Podium, games: str, as_of: datetime | None = None) -> dict[str, int]:
    """The rank each NOC has said it aims for at these Games, as stated by `as_of`
    (`podium target set`): the one place a projection reads targets."""
    return {noc: t.rank for noc, t in stated_targets(podium, games, as_of).items()}


def history_games(podium: Podium, games: str, params: Params | None = None) -> tuple[str, ...]:
    """The official Games of the same season over before these began, newest first."""
    g = podium.games(games)
    count = (params or Params()).history_games
    earlier = [p for p in podium.all_games(g.season) if p.official and p.ends_at <= g.starts_at]
    return tuple(p.slug for p in reversed(earlier[-count:]))


def inputs(
    podium: Podium,
    games: str,
    as_of: datetime | None = None,
    params: Params | None = None,
    aims: Mapping[str, int] | None = None,
) -> Inputs:
    """What a projection of `games` at `as_of` (now if None) may know: these Games' awards
    standing then, and the earlier Games' awards as they stood when these began."""
    g = podium.games(games)
    past = history_games(podium, games, params)

    def history() -> tuple[MedalRow, ...]:
        return tuple(MedalRow(*r) for r in podium.store.medal_rows(past, g.starts_at))

    cached: tuple[MedalRow, ...] = podium._cached(("projection-history", games, past), history)
    decided = tuple(MedalRow(*r) for r in podium.store.medal_rows([games], as_of))
    events = tuple(sorted({c.event for c in podium.store.contests(games)}))
    unranked = frozenset(noc for _, noc in podium.store.unranked([games]))
    counts = _entrants(podium, games)
    entrants: dict[str, frozenset[str]] | None = None
    here = dict.fromkeys({r.noc for r in decided} | unranked, 1)
    absent: frozenset[str] = frozenset()
    if counts:
        entrants = {}
        for (sport, noc), n in counts.items():
            entrants[sport] = entrants.get(sport, frozenset()) | {noc}
            here[noc] = here.get(noc, 0) + n
    else:
        absent = frozenset(
            n.code for n in podium.nocs().values() if n.status in _ONE_TIME and n.code not in here
        )
    return Inputs(
        games=games,
        past=past,
        history=cached,
        disciplines={e.key: e.discipline for e in podium.events()},
        events=events,
        decided=decided,
        unranked=unranked,
        targets=dict(aims) if aims is not None else targets(podium, games, as_of),
        sports=_sports(podium),
        entrants=entrants,
        absent=absent,
        renamed=renamed(here),
        hosts=hosts(podium, (games, *past)),
    )


def hosts(podium: Podium, slugs: Sequence[str]) -> dict[str, str]:
    """Games -> the NOC of its host country (the Games name the country, in English as
    Olympedia writes it or as the Dutch name: "China" is the People's Republic's Dutch
    name); a country no current NOC is named after has no home advantage."""
    english: dict[str, str] = {}
    dutch: dict[str, str] = {}
    # a current NOC before a historic one of the same name
    for n in sorted(podium.nocs().values(), key=lambda n: (n.status != "current", n.code)):
        english.setdefault(n.name_en, n.code)
        dutch.setdefault(n.name_nl, n.code)
    out: dict[str, str] = {}
    for slug in slugs:
        host = podium.games(slug).host
        code = english.get(host, dutch.get(host))
        if code is not None:
            out[slug] = code
    return out


# One delegation under the names it had at different Games. AIN (Individual Neutral Athletes,
# 2024 and 2026) is not one: a few athletes admitted one by one, not Russia's team renamed.
DELEGATIONS: tuple[frozenset[str], ...] = (
    frozenset({"URS", "EUN", "RUS", "OAR", "ROC"}),
    frozenset({"FRG", "GER"}),
    frozenset({"SCG", "SRB"}),
)


def renamed(present: Mapping[str, int]) -> dict[str, str]:
    """Each other name of a delegation -> its name at a Games: of its names, the one with the
    most athletes `present` (RUS and OAR -> ROC at Beijing 2022; Olympedia has one stray
    RUS entry beside OAR's 226 in 2018), so that its history counts under that name."""
    out: dict[str, str] = {}
    for group in DELEGATIONS:
        here = sorted((-present[n], n) for n in group if present.get(n, 0) > 0)
        if here:
            name = here[0][1]
            out.update({old: name for old in sorted(group) if old != name})
    return out


# Olympedia writes the 2018 "Olympic Athletes from Russia" as ROC, the medal table as OAR.
_ENTRY_CODES = {("pyeongchang-2018", "ROC"): "OAR"}
# Without entries, NOCs of these statuses are taken to be absent unless seen at these Games:
# a historic NOC (URS, GDR) no longer exists, and a special one (OAR, ROC, AIN) is the name of
# one delegation at some Games, not a standing team.
_ONE_TIME = frozenset({"historic", "special"})


def _entrants(podium: Podium, games: str) -> dict[tuple[str, str], int]:
    """(sport, NOC) -> athletes entered at `games` (empty: no entries imported)."""
    found: dict[tuple[str, str], int] = {}
    for sport, noc, n in podium.store.entrants(games):
        key = (sport, _ENTRY_CODES.get((games, noc), noc))
        found[key] = found.get(key, 0) + n
    return found


def _sports(podium: Podium) -> dict[str, str]:
    def build() -> dict[str, str]:
        return {e.key: discipline_by_slug(e.discipline).sport.slug for e in podium.events()}

    found: dict[str, str] = podium._cached(("projection-sports",), build)
    return found


def projection(
    podium: Podium,
    games: str,
    as_of: datetime | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
    aims: Mapping[str, int] | None = None,
) -> Projection:
    """The projection of `games` at `as_of` (now if None). Kept by what it was computed from,
    not by database revision: after a result, the evenings before it (the chart of a live
    Games) are not computed again, only the projections the result changes."""
    found = inputs(podium, games, as_of, aims=aims)
    key = (
        games,
        as_of,
        draws,
        seed,
        found.past,
        hash(found.history),
        found.decided,
        found.events,
        found.unranked,
        tuple(sorted(found.targets.items())),
        None if found.entrants is None else tuple(sorted(found.entrants.items())),
        found.absent,
        tuple(sorted(found.hosts.items())),
    )
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return kept
    result = project(found, draws, seed, as_of=as_of)
    with _lock:
        _kept[key] = result
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return result


KEPT = 128  # projections kept (a Games' chart is about twenty)
_kept: OrderedDict[tuple[Any, ...], Projection] = OrderedDict()
_lock = threading.Lock()


def evenings(
    podium: Podium, games: str, until: datetime | None = None, zone: ZoneInfo | None = None
) -> list[datetime]:
    """The start of the Games and the end of each of its days (host's clock) up to `until`.
    `zone`: the host's clock where the database keeps the Games in UTC (`event_dates.ZONES`)."""
    g = podium.games(games)
    zone = zone or ZoneInfo(g.timezone)
    first, last = g.starts_at.astimezone(zone).date(), g.ends_at.astimezone(zone).date()
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    moments = [g.starts_at, *(event_dates.end_of_day(d, zone) for d in days)]
    return [m for m in moments if until is None or m <= until]


def trajectory(
    podium: Podium, games: str, until: datetime | None = None, draws: int = TRAJECTORY_DRAWS
) -> list[tuple[datetime, Projection]]:
    """The projection at the start and at each evening of the Games up to `until` (None: up
    to the newest result)."""
    if until is None:
        decided = inputs(podium, games).decided
        until = max((r.awarded_at for r in decided), default=podium.games(games).starts_at)
    return [(m, projection(podium, games, m, draws)) for m in evenings(podium, games, until)]


def column(
    podium: Podium, games: str, as_of: datetime | None = None, draws: int = TRAJECTORY_DRAWS
) -> dict[str, dict[str, Any]]:
    """The table page's projection column: per NOC its expected final golds with the 80%
    interval and P(top 10), while events are still to come at `as_of` (now if None); empty
    once every event is decided. Fewer draws than the projection page: the column is read
    with every table, and the live stream brings the full projection after each result."""
    p = projection(podium, games, as_of, draws)
    if p.remaining == 0:
        return {}
    return {
        r.noc: {
            "expected_gold": r.expected[0],
            "gold_interval": list(r.gold_interval),
            "p_top10": r.p_top10,
        }
        for r in p.rows
    }


def row_dict(row: NocProjection, nocs: Mapping[str, Noc], lang: str) -> dict[str, Any]:
    """One NOC's projection as the JSON twin, the CLI and the live stream give it."""
    return {
        **serialize.noc(nocs.get(row.noc), row.noc, lang),
        "now": row.now.counts(),
        "expected_gold": row.expected[0],
        "expected_silver": row.expected[1],
        "expected_bronze": row.expected[2],
        "expected_total": row.expected_total,
        "gold_interval": list(row.gold_interval),
        "total_interval": list(row.total_interval),
        "median_gold": row.median_gold,
        "median_total": row.median_total,
        "expected_to_come": row.to_come,
        "p_first": row.p_first,
        "p_top3": row.p_top3,
        "p_top10": row.p_top10,
        "target": row.target,
        "p_target": row.p_target,
    }


def as_dict(
    p: Projection, nocs: Mapping[str, Noc], lang: str, noc: str | None = None
) -> dict[str, Any]:
    """The projection as JSON: every NOC's row, and for `noc` its distributions too."""
    data: dict[str, Any] = {
        "games": p.games,
        "as_of": serialize.moment(p.as_of),
        "draws": p.draws,
        "seed": p.seed,
        "events_decided": p.decided,
        "events_to_come": p.remaining,
        "interval": 0.8,
        "rows": [row_dict(r, nocs, lang) for r in p.rows],
    }
    if noc is not None:
        row = p.row(noc)
        data["noc"] = None
        if row is not None:
            data["noc"] = {
                **row_dict(row, nocs, lang),
                "golds": list(row.golds),
                "totals": list(row.totals),
                "ranks": list(row.ranks),
            }
    return data


__all__ = [
    "DRAWS",
    "SEED",
    "Inputs",
    "MedalRow",
    "NocProjection",
    "Params",
    "Projection",
    "as_dict",
    "column",
    "evenings",
    "inputs",
    "project",
    "projection",
    "row_dict",
    "targets",
    "trajectory",
]
