"""The projection model: a strength per NOC for every event still to come, and a Monte Carlo
simulation of all of them together. Plain data in, plain data out; no database (see
`podium.projection` for the model in words and for reading its inputs from a Podium)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
import numpy.typing as npt

from podium.table import Tally

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

DRAWS = 10_000
SEED = 2026
# a rank key: golds, silvers, bronzes as one number (no NOC wins 1,000 of one colour)
KEY_BASE = 1_000
ALL = frozenset({1, 2, 3})
GOLD = frozenset({1})


@dataclass(frozen=True)
class MedalRow:
    """One standing award, as the model needs it."""

    games: str
    event: str
    medal: int  # 1 gold, 2 silver, 3 bronze
    noc: str
    team: bool
    awarded_at: datetime


@dataclass(frozen=True)
class Params:
    """The model's knobs, fixed for every Games: chosen on the seven Games before 2026 by the
    Brier score and log loss of P(top 10), the median's MAE at half-time and the pre-Games
    tau (bench/projection.py shows them before and after); 2026 was not looked at. They are
    fitted to those seven together, so on any one of them the backtest is in-sample."""

    history_games: int = 5  # earlier Games of the season looked at
    decay: float = 0.6  # weight of each Games further back (recency)
    event_weight: float = 0.55  # the event's own history ...
    discipline_weight: float = 0.30  # ... its discipline's ...
    overall_weight: float = 0.15  # ... and the NOC's whole-Games strength
    field: float = 0.04  # share of an event's strength left to NOCs with no history in it
    sharpness: float = 1.3  # strengths are raised to this power: favourites win more often
    evidence: float = 24.0  # expected medals worth of prior against these Games' form
    form_events: float = 20.0  # decided events of a discipline at which its form counts half
    candidates: int = 16  # NOCs simulated by name per event; the rest are the field
    # weight of a NOC's own golds (history and form) in its chance of the gold, against a
    # third of its medal strength; 0: the gold is the first place of the one medal race
    gold_own: float = 0.2
    gold_evidence: float = 8.0 / 3  # the gamma-Poisson prior in golds (a third of medals)
    # a host's strength at home against away: its medals at home Games count divided by it,
    # and its strength at the Games projected, when it is the host, multiplied by it
    host: float = 2.0


@dataclass(frozen=True)
class Inputs:
    """Everything a projection of one Games at one moment may know."""

    games: str
    past: tuple[str, ...]  # earlier Games of the season, newest first
    history: tuple[MedalRow, ...]  # their standing awards
    disciplines: Mapping[str, str]  # event key -> discipline slug
    events: tuple[str, ...]  # every event of these Games
    decided: tuple[MedalRow, ...]  # these Games' awards standing at the moment
    unranked: frozenset[str] = frozenset()
    targets: Mapping[str, int] = field(default_factory=dict)  # NOC -> rank it aims for
    sports: Mapping[str, str] = field(default_factory=dict)  # event key -> sport slug
    # sport -> NOCs with an athlete entered in it at these Games; None: entries unknown
    entrants: Mapping[str, frozenset[str]] | None = None
    absent: frozenset[str] = frozenset()  # NOCs known not to take part (by lineage)
    # a delegation's earlier names -> its name at these Games (RUS, OAR -> ROC in 2022)
    renamed: Mapping[str, str] = field(default_factory=dict)
    # Games -> its host's NOC, for these Games and the earlier ones (none: no home advantage)
    hosts: Mapping[str, str] = field(default_factory=dict)

    def taking_part(self, nocs: Sequence[str]) -> dict[str, npt.NDArray[np.bool_]]:
        """Per sport (and "" for a sport the entries do not name), which of `nocs` can win a
        medal in it at these Games: those entered in it, or, without entries, all but the
        absent ones. A NOC that has already won a medal in the sport here takes part,
        whatever the entries say."""
        won: dict[str, set[str]] = defaultdict(set)
        for r in self.decided:
            won[self.sports.get(r.event, "")].add(r.noc)
        everyone = set().union(*self.entrants.values()) if self.entrants else set()
        out: dict[str, npt.NDArray[np.bool_]] = {}
        for sport in {*self.sports.values(), ""}:
            if self.entrants is None:
                allowed = {n for n in nocs if n not in self.absent}
            else:
                allowed = set(self.entrants.get(sport, everyone))
            allowed |= won[sport]
            out[sport] = np.array([n in allowed for n in nocs], dtype=bool)
        return out

    @property
    def remaining(self) -> tuple[str, ...]:
        done = {r.event for r in self.decided}
        return tuple(e for e in self.events if e not in done)


@dataclass(frozen=True)
class NocProjection:
    noc: str
    now: Tally
    expected: tuple[float, float, float]  # final gold, silver, bronze
    expected_total: float
    to_come: float  # expected medals in the events still to come
    gold_interval: tuple[int, int]  # 80%: 10th and 90th percentile of final golds
    total_interval: tuple[int, int]
    # the medians of final golds and medals: the point forecast with the least absolute error
    median_gold: int
    median_total: int
    p_first: float | None  # None: outside the ranking (AIN at Milano Cortina 2026)
    p_top3: float | None
    p_top10: float | None
    target: int | None  # the rank it aims for, where stated
    p_target: float | None
    golds: tuple[float, ...]  # P(final golds = k), k = 0, 1, ...
    totals: tuple[float, ...]
    ranks: tuple[float, ...]  # P(final rank = r + 1); the rest is "no medal" or unranked

    @property
    def expected_gold(self) -> float:
        return self.expected[0]


@dataclass(frozen=True)
class Projection:
    games: str
    as_of: datetime | None
    draws: int
    seed: int
    decided: int  # events with a result
    remaining: int
    rows: tuple[NocProjection, ...]  # most expected golds first

    def row(self, noc: str) -> NocProjection | None:
        return next((r for r in self.rows if r.noc == noc), None)


# -- strengths ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Strengths:
    nocs: tuple[str, ...]
    per_event: Mapping[str, Floats]  # event -> expected medals per NOC (sums to about 3)
    slots: Mapping[str, int]  # event -> medals one NOC can take (1 for team events)


def strengths(inputs: Inputs, params: Params, medals: frozenset[int] = ALL) -> Strengths:
    """Each event's prior from history: recency-weighted medals (of the colours `medals`) in
    the event, in its discipline and at the Games as a whole, each per event."""
    history = [
        replace(r, noc=inputs.renamed[r.noc]) if r.noc in inputs.renamed else r
        for r in inputs.history
    ]
    nocs = tuple(sorted({r.noc for r in history} | {r.noc for r in inputs.decided}))
    home = {g: inputs.renamed.get(noc, noc) for g, noc in inputs.hosts.items()}
    at = {n: i for i, n in enumerate(nocs)}
    weight = {g: params.decay**j for j, g in enumerate(inputs.past)}
    per_event: dict[tuple[str, str], Floats] = {}
    per_games_events: dict[str, set[str]] = defaultdict(set)
    per_discipline_events: dict[tuple[str, str], set[str]] = defaultdict(set)
    team_events: set[str] = set()
    most: dict[tuple[str, str], int] = defaultdict(int)  # (games, event) -> most medals to one NOC
    counted: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in sorted(history, key=lambda r: (r.games, r.event, r.medal, r.noc)):
        vec = per_event.setdefault((r.games, r.event), np.zeros(len(nocs)))
        if r.medal in medals:
            # a medal won at home says less of the NOC away from home
            vec[at[r.noc]] += 1.0 / params.host if home.get(r.games) == r.noc else 1.0
        per_games_events[r.games].add(r.event)
        per_discipline_events[(r.games, inputs.disciplines.get(r.event, ""))].add(r.event)
        if r.team:
            team_events.add(r.event)
        counted[(r.games, r.event, r.noc)] += 1
        most[(r.games, r.event)] = max(most[(r.games, r.event)], counted[(r.games, r.event, r.noc)])

    def blend(parts: list[tuple[float, Floats]]) -> Floats:
        total = sum(w for w, _ in parts)
        out = np.zeros(len(nocs))
        for w, vec in parts:
            out += w * vec
        return out / total if total else out

    overall = blend(
        [
            (weight[g], _sum(per_event, g, per_games_events[g], len(nocs)) / len(events))
            for g, events in sorted(per_games_events.items())
        ]
    )
    discipline_cache: dict[str, Floats | None] = {}

    def discipline(d: str) -> Floats | None:
        if d not in discipline_cache:
            parts = [
                (weight[g], _sum(per_event, g, events, len(nocs)) / len(events))
                for (g, dd), events in sorted(per_discipline_events.items())
                if dd == d
            ]
            discipline_cache[d] = blend(parts) if parts else None
        return discipline_cache[d]

    result: dict[str, Floats] = {}
    slots: dict[str, int] = {}
    taking_part = inputs.taking_part(nocs)
    host = at.get(home.get(inputs.games, ""))
    for event in inputs.events:
        held = [(weight[g], per_event[(g, event)]) for g in inputs.past if (g, event) in per_event]
        d = inputs.disciplines.get(event, "")
        parts = [(params.overall_weight, overall)]
        if held:
            parts.append((params.event_weight, blend(held)))
        disc = discipline(d)
        if disc is not None:
            parts.append((params.discipline_weight, disc))
        # a NOC that is not there wins nothing, whatever its history (RUS after 2014)
        result[event] = blend(parts) * taking_part[inputs.sports.get(event, "")]
        if host is not None:
            result[event][host] *= params.host
        recent = [most[(g, event)] for g in inputs.past[:3] if (g, event) in per_event]
        if not recent:  # a new event: as many as its discipline's events allowed lately
            recent = [
                most[(g, e)]
                for g in inputs.past[:1]
                for e in per_discipline_events.get((g, d), ())
                if e not in team_events
            ]
        slots[event] = 1 if event in team_events else max(1, min(3, max(recent, default=1)))
    return Strengths(nocs, result, slots)


def _sum(
    per_event: Mapping[tuple[str, str], Floats], games: str, events: set[str], n: int
) -> Floats:
    out = np.zeros(n)
    for e in sorted(events):
        out += per_event[(games, e)]
    return out


def updated(
    inputs: Inputs,
    prior: Strengths,
    params: Params,
    medals: frozenset[int] = ALL,
    evidence: float | None = None,
) -> dict[str, Floats]:
    """The remaining events' strengths after what these Games have shown so far: each NOC's
    medals (of the colours `medals`) against what the prior expected of it in the decided
    events (a gamma-Poisson factor), blended with its medals per event in the same
    discipline at these Games."""
    at = {n: i for i, n in enumerate(prior.nocs)}
    n = len(prior.nocs)
    won = np.zeros(n)
    by_event: dict[str, list[MedalRow]] = defaultdict(list)
    for r in inputs.decided:
        counted = by_event[r.event]  # decided, whatever colours are counted
        if r.medal in medals:
            won[at[r.noc]] += 1.0
            counted.append(r)
    expected = np.zeros(n)
    form: dict[str, Floats] = {}
    decided_in: dict[str, int] = defaultdict(int)
    for event in sorted(by_event):
        s = prior.per_event.get(event)
        if s is not None and s.sum() > 0:
            expected += len(by_event[event]) * s / (s.sum() * (1 + params.field))
        d = inputs.disciplines.get(event, "")
        vec = form.setdefault(d, np.zeros(n))
        for r in by_event[event]:
            vec[at[r.noc]] += 1.0
        decided_in[d] += 1
    prior_weight = params.evidence if evidence is None else evidence
    factor = (won + prior_weight) / (expected + prior_weight)
    out = {}
    for event in inputs.remaining:
        s = prior.per_event[event] * factor
        d = inputs.disciplines.get(event, "")
        if d in form:
            share = decided_in[d] / (decided_in[d] + params.form_events)
            s = (1 - share) * s + share * form[d] / decided_in[d]
        out[event] = s
    return out


# -- simulation ---------------------------------------------------------------------------


def project(
    inputs: Inputs,
    draws: int = DRAWS,
    seed: int = SEED,
    params: Params | None = None,
    as_of: datetime | None = None,
) -> Projection:
    """The distribution of the final table: every remaining event simulated `draws` times."""
    params = params or Params()
    prior = strengths(inputs, params)
    per_event = updated(inputs, prior, params)
    golds: dict[str, Floats] = {}
    if params.gold_own > 0:
        gold_prior = strengths(inputs, params, GOLD)
        own = updated(inputs, gold_prior, params, GOLD, params.gold_evidence)
        golds = {
            e: params.gold_own * own[e] + (1 - params.gold_own) * per_event[e] / 3
            for e in per_event
        }
    nocs = prior.nocs
    n = len(nocs)
    at = {c: i for i, c in enumerate(nocs)}
    now = np.zeros((3, n), dtype=np.int64)
    for r in inputs.decided:
        now[r.medal - 1, at[r.noc]] += 1
    remaining = sorted(per_event)
    rng = np.random.default_rng(seed)
    winners = np.full((draws, len(remaining), 3), n, dtype=np.int64)  # n: the field
    for k, event in enumerate(remaining):
        winners[:, k, :] = _podiums(
            per_event[event], golds.get(event), prior.slots[event], n, draws, rng, params
        )
    medals = np.empty((3, draws, n), dtype=np.int64)
    row_base = (np.arange(draws, dtype=np.int64) * (n + 1))[:, None]
    for m in range(3):
        flat = (winners[:, :, m] + row_base).ravel()
        counts = np.bincount(flat, minlength=draws * (n + 1)).reshape(draws, n + 1)
        medals[m] = counts[:, :n] + now[m]
    ranks = _ranks(medals, [at[c] for c in inputs.unranked if c in at])
    rows = [
        _noc_row(c, i, medals, ranks, now, c in inputs.unranked, inputs.targets.get(c))
        for c, i in at.items()
    ]
    shown = [r for r in rows if r.now.total > 0 or r.expected_total >= 0.01]
    shown.sort(key=lambda r: (-r.expected[0], -r.expected_total, r.noc))
    decided = len({r.event for r in inputs.decided})
    return Projection(inputs.games, as_of, draws, seed, decided, len(remaining), tuple(shown))


def _podiums(
    strength: Floats,
    gold: Floats | None,
    slots: int,
    n: int,
    draws: int,
    rng: np.random.Generator,
    params: Params,
) -> Ints:
    """Gold, silver and bronze of one event in every draw: a Plackett-Luce draw without
    replacement over each NOC's `slots` entries and the field, as an exponential race (each
    entry finishes at Exp(1) / weight; the first three take the medals), in float32 because
    that halves the time and a race needs no more. With `gold` strengths, the gold is a race
    of its own on them, and silver and bronze go to the first two of the others."""
    top = np.argsort(-strength, kind="stable")[: params.candidates]
    top = top[strength[top] > 0]
    who = np.concatenate([np.repeat(top, slots), np.full(3, n)])

    def race(s: Floats) -> npt.NDArray[np.float32]:
        total = s.sum()
        # the NOCs not simulated by name leave their strength to the field
        field = max(total, 1.0) * params.field + total - s[top].sum()
        weights = np.concatenate([np.repeat(s[top] / slots, slots), np.full(3, field / 3)])
        speed = (weights / weights.max()) ** params.sharpness
        finish = rng.standard_exponential(size=(draws, len(who)), dtype=np.float32)
        finish /= speed.astype(np.float32)
        return finish

    rows = np.arange(draws)
    podium = np.empty((draws, 3), dtype=np.int64)
    finish = race(strength)
    first = 0
    if gold is not None:
        podium[:, 0] = race(gold * strength.sum() / max(gold.sum(), 1e-12)).argmin(axis=1)
        finish[rows, podium[:, 0]] = np.inf
        first = 1
    # three passes of argmin beat argpartition and sorting its three (2.5 times, measured)
    for m in range(first, 3):
        podium[:, m] = finish.argmin(axis=1)
        finish[rows, podium[:, m]] = np.inf
    result: Ints = who[podium]
    return result


def _ranks(medals: npt.NDArray[np.int64], unranked: Sequence[int]) -> Ints:
    """Each NOC's rank in each draw by the official rules: gold, silver, bronze; equal on all
    three share the rank. 0 where it is not ranked (no medal, or outside the table)."""
    gold, silver, bronze = medals
    draws, n = gold.shape
    key = (gold * KEY_BASE + silver) * KEY_BASE + bronze
    key[:, list(unranked)] = 0
    span = KEY_BASE**3
    flat = (key + np.arange(draws, dtype=np.int64)[:, None] * span).ravel()
    ordered = np.sort(flat)
    at_most = np.searchsorted(ordered, flat, side="right").reshape(draws, n)
    above = (np.arange(1, draws + 1, dtype=np.int64)[:, None] * n) - at_most
    ranks: Ints = np.where(key > 0, above + 1, 0)
    return ranks


def _noc_row(
    noc: str,
    i: int,
    medals: npt.NDArray[np.int64],
    ranks: Ints,
    now: Ints,
    unranked: bool,
    target: int | None,
) -> NocProjection:
    gold, silver, bronze = medals[0][:, i], medals[1][:, i], medals[2][:, i]
    total = gold + silver + bronze
    rank = ranks[:, i]
    tally = Tally(int(now[0, i]), int(now[1, i]), int(now[2, i]))

    def share(hit: npt.NDArray[np.bool_]) -> float | None:
        return None if unranked else round(float(hit.mean()), 4)

    def spread(values: Ints) -> tuple[float, ...]:
        return tuple(round(float(p), 4) for p in np.bincount(values) / len(values))

    def interval(values: Ints) -> tuple[int, int]:
        low, high = np.quantile(values, [0.1, 0.9], method="inverted_cdf")
        return int(low), int(high)

    def median(values: Ints) -> int:
        return int(np.quantile(values, 0.5, method="inverted_cdf"))

    placed = rank > 0
    return NocProjection(
        noc=noc,
        now=tally,
        expected=(
            round(float(gold.mean()), 3),
            round(float(silver.mean()), 3),
            round(float(bronze.mean()), 3),
        ),
        expected_total=round(float(total.mean()), 3),
        to_come=round(float(total.mean()) - tally.total, 3),
        gold_interval=interval(gold),
        total_interval=interval(total),
        median_gold=median(gold),
        median_total=median(total),
        p_first=share(placed & (rank == 1)),
        p_top3=share(placed & (rank <= 3)),
        p_top10=share(placed & (rank <= 10)),
        target=target,
        p_target=share(placed & (rank <= target)) if target is not None else None,
        golds=spread(gold),
        totals=spread(total),
        ranks=() if unranked else spread(rank)[1:],
    )
