"""Scoring the projection against how Games really ended, beside two baselines.

Each Games is projected at several moments and every projection is scored against its final
table (as it stands now): the mean absolute error of final golds and of final medals over the
NOCs that won a medal at these Games or the Games before (the model's twice: from its expected
values and from its medians, the point forecast absolute error asks for), the Kendall tau
(tau-b) of the gold-first order over the final table, and the Brier score of P(top 10) and
P(first), whose predictions are also pooled into a reliability table (bins of 10 points;
with the distinct Games and NOCs in each bin, since one NOC's outcome is scored at every
moment of its Games).

Moments: where the data dates each medal (Paris 2024 by day, Milano Cortina 2026 by session)
the start and every evening of the Games. For the earlier Games the data holds no dates: every
medal is dated at the closing ceremony. `event_dates` (a documented file in this package, see
its docstring for the sources) gives the local day of every event's medal final for Sochi 2014,
PyeongChang 2018, Beijing 2022, London 2012, Rio 2016 and Tokyo 2020; those Games too are scored
at the start and every evening (host's clock), each medal counting from the end of the day of
its final. A Games is replayed that way only when every one of its events is dated. A Games
with no dates (none of `GAMES` now) is scored at fixed fractions of events decided (0, 25, 50
and 75%) in `ORDERS` random orders of the events, fixed by a seed.

Baselines, in the same run: **pace** (the table so far, every count scaled by all events over
events decided; its P(top 10) and P(first) are 1 or 0 from the table so far; no answer before
the first result) and **previous** (the previous Games' final table, the same at every moment).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

import numpy as np

from podium.core import Podium
from podium.projection import evenings, event_dates, history_games, inputs
from podium.projection.model import SEED, Inputs, MedalRow, Params, Projection, project
from podium.table import TableRow, Tally, rank

GAMES = (
    "sochi-2014",
    "pyeongchang-2018",
    "beijing-2022",
    "milano-cortina-2026",
    "london-2012",
    "rio-2016",
    "tokyo-2020",
    "paris-2024",
)
FROM_DATA = {"paris-2024": "evenings (medal dates)", "milano-cortina-2026": "evenings (sessions)"}
DATED = {**FROM_DATA, **{g: "evenings (event dates file)" for g in event_dates.games()}}
FRACTIONS = (0.0, 0.25, 0.5, 0.75)
ORDERS = 3
DRAWS = 2_000  # per moment: the backtest makes about a hundred projections
METHODS = ("model", "pace", "previous")


@dataclass(frozen=True)
class Moment:
    games: str
    label: str  # "start", a date, or "50% #2"
    fraction: float  # share of the events decided
    inputs: Inputs


@dataclass(frozen=True)
class Score:
    games: str
    label: str
    fraction: float
    method: str
    mae_gold: float  # from the expected value
    mae_total: float
    mae_gold_median: float  # from the median, the point forecast absolute error asks for
    mae_total_median: float
    tau: float
    brier_top10: float
    brier_first: float


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    cases: int
    # distinct (Games, NOC) among the cases: one NOC's final rank is scored at every moment
    # of its Games, so the cases are not independent and a bin is only as sure as these
    outcomes: int
    predicted: float  # mean probability said
    observed: float  # share that happened


@dataclass(frozen=True)
class Backtest:
    scores: tuple[Score, ...]
    reliability: Mapping[tuple[str, str], tuple[Bin, ...]]  # (method, "top10"|"first") -> bins
    ways: Mapping[str, str]  # Games -> how its moments were chosen
    seconds: float
    draws: int

    def summary(self) -> list[dict[str, object]]:
        """Per Games: the pre-Games tau, the MAE of golds at the halfway point and the mean
        Brier scores over the moments after the first result, for each method."""
        out: list[dict[str, object]] = []
        for games in dict.fromkeys(s.games for s in self.scores):
            row: dict[str, object] = {"games": games, "moments": self.ways[games]}
            mine = [s for s in self.scores if s.games == games]
            half = _halfway(mine)
            for method in METHODS:
                of = [s for s in mine if s.method == method]
                start = [s.tau for s in of if s.fraction == 0.0]
                at_half = [s.mae_gold for s in of if s.fraction == half]
                row[f"{method}_tau_start"] = _mean(start)
                row[f"{method}_mae_gold_half"] = _mean(at_half)
                row[f"{method}_mae_total_half"] = _mean(
                    [s.mae_total for s in of if s.fraction == half]
                )
                row[f"{method}_mae_gold_half_median"] = _mean(
                    [s.mae_gold_median for s in of if s.fraction == half]
                )
                row[f"{method}_mae_total_half_median"] = _mean(
                    [s.mae_total_median for s in of if s.fraction == half]
                )
                # over the moments every method answers (pace has nothing before a result)
                after = [s for s in of if s.fraction > 0]
                row[f"{method}_brier_top10"] = _mean([s.brier_top10 for s in after])
                row[f"{method}_brier_first"] = _mean([s.brier_first for s in after])
            out.append(row)
        return out


def _mean(values: Sequence[float]) -> float | None:
    return round(float(np.mean(values)), 4) if values else None


def _halfway(scores: Sequence[Score]) -> float:
    """The first moment with at least half the events decided."""
    return min((s.fraction for s in scores if s.fraction >= 0.5), default=0.5)


def moments(podium: Podium, games: str, params: Params | None = None) -> list[Moment]:
    """The moments `games` is scored at (see the module's docstring)."""
    final = inputs(podium, games, None, params)
    events = sorted({r.event for r in final.decided})
    if games in FROM_DATA:
        return _evening_moments(podium, games, final, final.decided, events)
    if games in DATED:
        return _dated_moments(podium, games, final, events)
    rng = np.random.default_rng(SEED)
    out = [Moment(games, "start", 0.0, replace(final, decided=()))]
    for order in range(1, ORDERS + 1):
        shuffled = [events[i] for i in rng.permutation(len(events))]
        for fraction in FRACTIONS[1:]:
            chosen = set(shuffled[: round(fraction * len(events))])
            decided = tuple(r for r in final.decided if r.event in chosen)
            out.append(
                Moment(games, f"{fraction:.0%} #{order}", fraction, replace(final, decided=decided))
            )
    return out


def _dated_moments(
    podium: Podium, games: str, final: Inputs, events: Sequence[str]
) -> list[Moment]:
    """The start and every evening of a Games whose medals the data dates at the closing
    ceremony: each medal is redated to the end of its event's day in `event_dates`, and a
    moment sees only the medals decided by then."""
    days = event_dates.dates(games)
    undated = sorted(set(final.events) - set(days))
    if undated:
        raise event_dates.EventDatesError(
            f"{event_dates.FILE} lists {games} but not all its events: {', '.join(undated)}"
        )
    zone = ZoneInfo(event_dates.ZONES[games])
    decided = [
        replace(r, awarded_at=event_dates.end_of_day(days[r.event], zone)) for r in final.decided
    ]
    return _evening_moments(podium, games, final, decided, events, zone)


def _evening_moments(
    podium: Podium,
    games: str,
    final: Inputs,
    decided: Sequence[MedalRow],
    events: Sequence[str],
    zone: ZoneInfo | None = None,
) -> list[Moment]:
    """The start and every evening of a Games, each seeing the medals decided by then."""
    out = []
    for i, moment in enumerate(evenings(podium, games, zone=zone)):
        seen = tuple(r for r in decided if r.awarded_at <= moment)
        label = "start" if i == 0 else moment.date().isoformat()
        share = len({r.event for r in seen}) / len(events)
        out.append(Moment(games, label, share, replace(final, decided=seen)))
    return out


def run(
    podium: Podium,
    games: Iterable[str] = GAMES,
    draws: int = DRAWS,
    params: Params | None = None,
) -> Backtest:
    started = time.perf_counter()
    scores: list[Score] = []
    said: dict[tuple[str, str], list[tuple[float, bool, str]]] = {}
    ways: dict[str, str] = {}
    for slug in games:
        ways[slug] = DATED.get(
            slug, f"fractions {', '.join(f'{f:.0%}' for f in FRACTIONS)} x {ORDERS} orders"
        )
        final = podium.table(slug)
        past = history_games(podium, slug, params)
        previous = podium.table(past[0]) if past else None
        truth = {r.noc: r for r in final.rows}
        scored = sorted(set(truth) | ({r.noc for r in previous.rows} if previous else set()))
        for moment in moments(podium, slug, params):
            guesses = {"model": _model(project(moment.inputs, draws, params=params))}
            if moment.inputs.decided:
                guesses["pace"] = _pace(moment.inputs)
            if previous is not None:
                guesses["previous"] = _fixed({r.noc: r.tally for r in previous.rows})
            for method, guess in guesses.items():
                scores.append(_score(moment, method, guess, truth, scored))
                for noc in scored:
                    row = truth.get(noc)
                    final_rank = row.rank if row is not None else None
                    top10 = final_rank is not None and final_rank <= 10
                    said.setdefault((method, "top10"), []).append(
                        (guess.p_top10.get(noc, 0.0), top10, f"{slug} {noc}")
                    )
                    said.setdefault((method, "first"), []).append(
                        (guess.p_first.get(noc, 0.0), final_rank == 1, f"{slug} {noc}")
                    )
    reliability = {key: _bins(pairs) for key, pairs in said.items()}
    return Backtest(tuple(scores), reliability, ways, time.perf_counter() - started, draws)


@dataclass(frozen=True)
class Guess:
    """What one method says of the final table."""

    gold: Mapping[str, float]  # expected
    total: Mapping[str, float]
    median_gold: Mapping[str, float]
    median_total: Mapping[str, float]
    order: Mapping[str, tuple[float, float, float]]  # gold-first sort key, bigger is better
    p_top10: Mapping[str, float]
    p_first: Mapping[str, float]


def _model(p: Projection) -> Guess:
    return Guess(
        gold={r.noc: r.expected[0] for r in p.rows},
        total={r.noc: r.expected_total for r in p.rows},
        median_gold={r.noc: float(r.median_gold) for r in p.rows},
        median_total={r.noc: float(r.median_total) for r in p.rows},
        order={r.noc: r.expected for r in p.rows},
        p_top10={r.noc: r.p_top10 or 0.0 for r in p.rows},
        p_first={r.noc: r.p_first or 0.0 for r in p.rows},
    )


def _fixed(tallies: Mapping[str, Tally], scale: float = 1.0, unranked: Iterable[str] = ()) -> Guess:
    rows = rank(dict(tallies), "gold", unranked)
    gold = {n: t.gold * scale for n, t in tallies.items()}
    total = {n: t.total * scale for n, t in tallies.items()}
    # a baseline says one number, its median and its expected value alike
    return Guess(
        gold=gold,
        total=total,
        median_gold=gold,
        median_total=total,
        order={n: (t.gold, t.silver, t.bronze) for n, t in tallies.items()},
        p_top10={r.noc: float(r.rank is not None and r.rank <= 10) for r in rows},
        p_first={r.noc: float(r.rank == 1) for r in rows},
    )


def _pace(i: Inputs) -> Guess:
    tallies: dict[str, Tally] = {}
    for r in i.decided:
        tallies[r.noc] = tallies.get(r.noc, Tally()).add(r.medal)
    decided = len({r.event for r in i.decided})
    return _fixed(tallies, len(i.events) / decided, i.unranked)


def _score(
    moment: Moment, method: str, guess: Guess, rows: Mapping[str, TableRow], scored: Sequence[str]
) -> Score:

    def error(said: Mapping[str, float], colour: str) -> float:
        real = [getattr(rows[n], colour) if n in rows else 0 for n in scored]
        return round(
            float(np.mean([abs(said.get(n, 0.0) - r) for n, r in zip(scored, real, strict=True)])),
            4,
        )

    ranked = [n for n, r in rows.items() if r.rank is not None]
    said = [guess.order.get(n, (0.0, 0.0, 0.0)) for n in ranked]
    real = [(rows[n].gold, rows[n].silver, rows[n].bronze) for n in ranked]
    top10 = [(guess.p_top10.get(n, 0.0), n in rows and (rows[n].rank or 99) <= 10) for n in scored]
    first = [(guess.p_first.get(n, 0.0), n in rows and rows[n].rank == 1) for n in scored]
    return Score(
        moment.games,
        moment.label,
        round(moment.fraction, 4),
        method,
        error(guess.gold, "gold"),
        error(guess.total, "total"),
        error(guess.median_gold, "gold"),
        error(guess.median_total, "total"),
        round(tau_b(said, real), 4),
        round(_brier(top10), 4),
        round(_brier(first), 4),
    )


def _brier(pairs: Sequence[tuple[float, bool]]) -> float:
    return float(np.mean([(p - float(hit)) ** 2 for p, hit in pairs]))


def tau_b(a: Sequence[tuple[float, ...]], b: Sequence[tuple[float, ...]]) -> float:
    """Kendall's tau-b between two orderings given as sort keys (ties allowed)."""
    concordant = discordant = ties_a = ties_b = 0
    for i in range(len(a)):
        for j in range(i + 1, len(a)):
            x = (a[i] > a[j]) - (a[i] < a[j])
            y = (b[i] > b[j]) - (b[i] < b[j])
            if x == 0 and y == 0:
                continue
            if x == 0:
                ties_a += 1
            elif y == 0:
                ties_b += 1
            elif x == y:
                concordant += 1
            else:
                discordant += 1
    pairs_a = concordant + discordant + ties_b
    pairs_b = concordant + discordant + ties_a
    if pairs_a == 0 or pairs_b == 0:
        return 0.0
    return (concordant - discordant) / float(np.sqrt(pairs_a * pairs_b))


def _bins(pairs: Sequence[tuple[float, bool, str]]) -> tuple[Bin, ...]:
    out = []
    for k in range(10):
        low, high = k / 10, (k + 1) / 10
        inside = [(p, hit, o) for p, hit, o in pairs if low <= p < high or (k == 9 and p == 1.0)]
        if inside:
            out.append(
                Bin(
                    low,
                    high,
                    len(inside),
                    len({o for _, _, o in inside}),
                    round(float(np.mean([p for p, _, _ in inside])), 4),
                    round(float(np.mean([hit for _, hit, _ in inside])), 4),
                )
            )
    return tuple(out)


def as_dict(b: Backtest) -> dict[str, object]:
    return {
        "seconds": round(b.seconds, 1),
        "draws": b.draws,
        "summary": b.summary(),
        "scores": [vars(s) for s in b.scores],
        "reliability": {
            f"{method} {what}": [vars(x) for x in bins]
            for (method, what), bins in b.reliability.items()
        },
    }


def _cell(value: object) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def noise(x: Bin) -> float:
    """Two standard errors of a calibrated bin's share, over its independent outcomes."""
    return 2 * float(np.sqrt(x.predicted * (1 - x.predicted) / x.outcomes))


def markdown(b: Backtest) -> str:
    """The summary per Games, the three methods side by side, and the reliability tables."""
    lines = [
        f"Backtest: {len(b.scores)} scores, {b.draws:,} draws per projection, {b.seconds:.1f} s",
        "",
        "The model's MAE is given from its expected values (mean) and from its medians (median):"
        " the median is the point forecast that absolute error rewards. The baselines say one"
        ' number each. "median / pace" is the target\'s ratio (0.700 or less: 30% below pace).',
        "",
        "| Games | moments | tau at start: model / previous | MAE golds at half: model mean"
        " / model median / pace / previous | median / pace | MAE medals at half: model mean"
        " / model median / pace / previous | Brier top 10: model / pace / previous"
        " | Brier first: model / pace / previous |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in b.summary():

        def of(measure: str, methods: Sequence[str] = METHODS, row: dict[str, object] = row) -> str:
            return " / ".join(_cell(row[f"{m}_{measure}"]) for m in methods)

        def mae(measure: str, row: dict[str, object] = row) -> str:
            cells = [row[f"model_{measure}"], row[f"model_{measure}_median"]]
            cells += [row[f"{m}_{measure}"] for m in METHODS[1:]]
            return " / ".join(_cell(c) for c in cells)

        median, pace = row["model_mae_gold_half_median"], row["pace_mae_gold_half"]
        ratio = (
            median / pace
            if isinstance(median, float) and isinstance(pace, float) and pace
            else None
        )
        lines.append(
            f"| {row['games']} | {row['moments']} | {of('tau_start', ('model', 'previous'))} "
            f"| {mae('mae_gold_half')} | {_cell(ratio)} | {mae('mae_total_half')} "
            f"| {of('brier_top10')} | {of('brier_first')} |"
        )
    for (method, what), bins in sorted(b.reliability.items()):
        lines += [
            "",
            f"Reliability of P({'top 10' if what == 'top10' else 'first'}), {method}:",
            "",
            "| bin | cases | outcomes | said | happened | gap | noise |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {x.low:.1f}–{x.high:.1f} | {x.cases} | {x.outcomes} | {x.predicted:.3f} "
            f"| {x.observed:.3f} | {abs(x.predicted - x.observed):.3f} | {noise(x):.3f} |"
            for x in bins
        ]
    lines += [
        "",
        "outcomes: distinct (Games, NOC) in the bin (a NOC's final rank is scored at every moment"
        ' of its Games); noise: two standard errors of "happened" were the model calibrated,'
        " 2·sqrt(said·(1 − said) / outcomes), counting each outcome once. A gap inside the noise"
        " is what a calibrated model shows as often as 19 times in 20.",
    ]
    return "\n".join(lines) + "\n"


__all__ = [
    "DATED",
    "GAMES",
    "Backtest",
    "Bin",
    "Score",
    "as_dict",
    "markdown",
    "moments",
    "run",
    "tau_b",
]
