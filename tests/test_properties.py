"""Properties of the medal-table engine (Hypothesis): the order follows the medals, ranks are
shared and skip as they should, the colours add up to the awards, and through a real database
the table as of a moment only grows with time and keeps its past when a result is corrected."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium import Podium, ledger
from podium.importers import Report
from podium.importers.batch import Batch, games_row, write
from podium.replay import stage
from podium.table import ORDERS, MedalTable, Order, TableRow, Tally, rank, tallies

CODES = ("AIN", "AUT", "CAN", "GER", "ITA", "NED", "NOR", "SUI", "SWE", "USA")
MEDAL_NAMES = {1: "gold", 2: "silver", 3: "bronze"}
# Every podium the desk accepts: one of each, two bronzes, two or three golds, two silvers.
SHAPES = ((1, 2, 3), (1, 2, 3, 3), (1, 1, 3), (1, 2, 2), (1, 1, 1))

small = st.integers(min_value=0, max_value=3)  # small counts, so that ties are common
tally_maps = st.dictionaries(st.sampled_from(CODES), st.builds(Tally, small, small, small))
weight_triples = st.tuples(*(st.integers(min_value=0, max_value=5),) * 3)


def measure(row: TableRow, order: Order, weights: tuple[int, int, int]) -> tuple[int, ...]:
    """What `order` ranks by, bigger is better (the engine's own key is not reused)."""
    t = row.tally
    if order == "total":
        return (t.gold + t.silver + t.bronze,)
    if order == "points":
        return (t.gold * weights[0] + t.silver * weights[1] + t.bronze * weights[2],)
    return (t.gold, t.silver, t.bronze)


def listing(row: TableRow) -> tuple[int, int, int, str]:
    """Within a shared rank: gold first, then by code."""
    return (-row.gold, -row.silver, -row.bronze, row.noc)


@given(
    tally_maps,
    st.sampled_from(ORDERS),
    st.frozensets(st.sampled_from(CODES), max_size=3),
    weight_triples,
)
def test_the_order_ranks_and_ties_follow_the_medals(
    counts: dict[str, Tally], order: Order, outside: frozenset[str], weights: tuple[int, int, int]
) -> None:
    rows = rank(counts, order, outside, weights)
    medalled = {noc for noc, t in counts.items() if t.total > 0}
    assert sorted(r.noc for r in rows) == sorted(medalled)
    ranked = [r for r in rows if r.rank is not None]
    listed = [r for r in rows if r.rank is None]
    assert rows == (*ranked, *listed)  # the unranked come after every ranked NOC
    assert {r.noc for r in ranked} == medalled - outside
    assert {r.noc for r in listed} == medalled & outside
    for row in rows:
        assert row.tally == counts[row.noc]
        assert row.points == counts[row.noc].points(weights)
    for before, after in itertools.pairwise(ranked):
        assert measure(before, order, weights) >= measure(after, order, weights)
        if measure(before, order, weights) == measure(after, order, weights):
            assert listing(before) < listing(after)
    for position, row in enumerate(ranked, start=1):
        key = measure(row, order, weights)
        better = [o for o in ranked if measure(o, order, weights) > key]
        level = [o for o in ranked if o is not row and measure(o, order, weights) == key]
        assert row.rank == 1 + len(better)
        assert row.tied == bool(level)
        assert row.rank_label == (f"={row.rank}" if level else str(row.rank))
        # the first of a group takes the place it stands in; the next group skips (1, 2, 2, 4)
        if position == 1 or measure(ranked[position - 2], order, weights) != key:
            assert row.rank == position
    for before, after in itertools.pairwise(listed):
        assert listing(before) < listing(after)
    assert all(r.tied is False and r.rank_label == "–" for r in listed)


def test_shared_ranks_skip_the_places_they_take() -> None:
    """The property's oracle on one hand-made case, so that it is known to bite."""
    rows = rank(
        {
            "NOR": Tally(2, 0, 0),
            "NED": Tally(1, 1, 0),
            "ITA": Tally(1, 1, 0),
            "USA": Tally(1, 0, 5),
            "AIN": Tally(0, 1, 0),
        },
        unranked={"AIN"},
    )
    assert [(r.rank_label, r.noc) for r in rows] == [
        ("1", "NOR"),
        ("=2", "ITA"),
        ("=2", "NED"),
        ("4", "USA"),
        ("–", "AIN"),
    ]


@dataclass(frozen=True)
class Medalled:
    """One medal to one entry: an athlete, or a team whose members all stand on the podium."""

    medal: int
    noc: str
    members: int  # 0 for an individual entry


def podiums(max_events: int = 6) -> st.SearchStrategy[list[list[Medalled]]]:
    def entries(shape: tuple[int, ...]) -> st.SearchStrategy[list[Medalled]]:
        one = st.tuples(st.sampled_from(CODES), st.sampled_from((0, 0, 2, 4)))
        return st.lists(one, min_size=len(shape), max_size=len(shape)).map(
            lambda picked: [Medalled(m, n, k) for m, (n, k) in zip(shape, picked, strict=True)]
        )

    return st.lists(st.sampled_from(SHAPES).flatmap(entries), min_size=1, max_size=max_events)


@given(podiums(max_events=12))
def test_medals_per_colour_are_the_awards_counted_once_per_entry(
    events: list[list[Medalled]],
) -> None:
    awards = [m for podium in events for m in podium]
    counted = Counter((m.noc, m.medal) for m in awards)  # a team is one entry however big
    table = MedalTable(
        ("test",), "gold", None, rank(tallies((n, m, c) for (n, m), c in counted.items()))
    )
    colours = Counter(m.medal for m in awards)
    assert table.medals == Tally(colours[1], colours[2], colours[3])
    for row in table.rows:
        assert row.tally == Tally(*(counted[(row.noc, medal)] for medal in (1, 2, 3)))
    assert {r.noc for r in table.rows} == {m.noc for m in awards}


# -- through a real database ------------------------------------------------------------

DATA = str(Path(__file__).resolve().parents[2] / "shared" / "data")
STAGED = "milano-cortina-2026"
START = datetime(2026, 2, 7, 9, 0, tzinfo=UTC)
MINUTES = 16 * 24 * 60  # a Games' fortnight and a bit
DB_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Staged:
    """A database staged for Milano Cortina 2026 (NOCs, events, athletes, no medals); each
    example gets Games of its own, so examples do not see each other's medals."""

    podium: Podium
    desk: ledger.Desk
    events: list[str]
    serial: Iterator[int]

    def new_games(self, events: list[str], unranked: str = "AIN") -> str:
        slug = f"property-{next(self.serial)}"
        batch = Batch(source="properties")
        batch.games[slug] = games_row(
            slug, slug, 2026, "winter", "Nowhere", START, START + timedelta(days=16), "UTC"
        )
        for event in events:
            batch.contests[(slug, event)] = {
                "games": slug,
                "event": event,
                "title": event,
                "medal_at": None,
            }
        reason = "listed outside the table"
        batch.unranked[(slug, unranked)] = {"games": slug, "noc": unranked, "reason": reason}
        write(self.podium.store, batch, Report("properties"), datetime.now(UTC))
        return slug


@pytest.fixture
def staged(database_url: str) -> Iterator[Staged]:
    with Podium(database_url) as podium:
        stage(podium, DATA, STAGED, history=False)
        events = sorted({r.event for r in podium.store.contests(STAGED)})
        yield Staged(podium, ledger.Desk(podium), events, itertools.count(1))


def body(event: str, medals: list[Medalled], tag: str) -> list[dict[str, Any]]:
    """The desk's `medals` list: athletes and teams named after their event and place, so
    that an entry is new each time (ties marked as the desk requires)."""
    shared = Counter(m.medal for m in medals)
    out: list[dict[str, Any]] = []
    for i, m in enumerate(medals):
        entry: dict[str, Any] = {"medal": MEDAL_NAMES[m.medal], "noc": m.noc}
        name = f"{tag} {event.replace('/', ' ')} {i}"
        if m.members:
            entry["team"] = f"Team {name}"
            entry["members"] = [f"Member {name} {k}" for k in range(m.members)]
        else:
            entry["athlete"] = f"Athlete {name}"
        if shared[m.medal] > 1:
            entry["tie"] = True
        out.append(entry)
    return out


Timeline = dict[str, list[tuple[datetime, list[Medalled]]]]  # event: podiums in record order


def expected(timeline: Timeline, moment: datetime | None) -> dict[str, Tally]:
    """The tallies at `moment` counted from what was posted: per event the newest podium by
    then, every entry once."""
    counts: Counter[tuple[str, int]] = Counter()
    for entries in timeline.values():
        standing = [p for at, p in entries if moment is None or at <= moment]
        for m in standing[-1] if standing else []:
            counts[(m.noc, m.medal)] += 1
    return tallies((n, medal, c) for (n, medal), c in counts.items())


def moments(timeline: Timeline) -> list[datetime]:
    """Every moment something changes, a microsecond before each, and a day before all."""
    times = {at for entries in timeline.values() for at, _ in entries}
    around = {t - timedelta(microseconds=1) for t in times} | times
    return sorted(around | {START - timedelta(days=1)})


def counts_at(podium: Podium, games: str, moment: datetime | None) -> dict[str, Tally]:
    return {r.noc: r.tally for r in podium.table(games, as_of=moment).rows}


def draw_events(data: st.DataObject, staged: Staged, n: int) -> list[str]:
    """`n` different events of the staged Games' schedule."""
    keys: list[str] = data.draw(
        st.lists(st.sampled_from(staged.events), min_size=n, max_size=n, unique=True),
        label="events",
    )
    return keys


@DB_SETTINGS
@given(
    st.data(),
    podiums(max_events=5),
)
def test_as_of_only_grows_and_ends_at_the_current_table(
    staged: Staged, data: st.DataObject, events: list[list[Medalled]]
) -> None:
    keys = draw_events(data, staged, len(events))
    offsets = data.draw(
        st.lists(st.integers(0, MINUTES), min_size=len(events), max_size=len(events)),
        label="minutes after the start",
    )
    games = staged.new_games(keys)
    timeline: Timeline = {}
    plan = list(zip(keys, offsets, events, strict=True))
    # the desk may hear of results in any order; the table goes by when they were decided
    for key, offset, medals in data.draw(st.permutations(plan), label="recording order"):
        at = START + timedelta(minutes=offset)
        result = {"event": key, "awarded_at": at.isoformat(), "medals": body(key, medals, games)}
        recorded = staged.desk.result(games, result, "properties", None)
        assert (recorded.kind, recorded.duplicate) == ("result", False)
        timeline[key] = [(at, medals)]

    steps = moments(timeline)
    tables = [counts_at(staged.podium, games, t) for t in steps]
    for moment, table in zip(steps, tables, strict=True):
        assert table == expected(timeline, moment), moment
    for earlier, later in itertools.pairwise(tables):
        for noc, t in earlier.items():
            now = later[noc]
            assert now.gold >= t.gold and now.silver >= t.silver and now.bronze >= t.bronze
    final = staged.podium.table(games, as_of=steps[-1])
    current = staged.podium.table(games)
    assert final.rows == current.rows
    assert current.rows == rank(expected(timeline, None), unranked={"AIN"})
    assert all((r.rank is None) == (r.noc == "AIN") for r in current.rows)
    colours = Counter(m.medal for medals in events for m in medals)
    assert current.medals == Tally(colours[1], colours[2], colours[3])


@DB_SETTINGS
@given(st.data(), podiums(max_events=3))
def test_a_correction_leaves_the_table_before_it_as_it_was(
    staged: Staged, data: st.DataObject, events: list[list[Medalled]]
) -> None:
    keys = draw_events(data, staged, len(events))
    games = staged.new_games(keys)
    timeline: Timeline = {}
    for key, medals in zip(keys, events, strict=True):
        at = START + timedelta(minutes=data.draw(st.integers(0, MINUTES), label="decided"))
        result = {"event": key, "awarded_at": at.isoformat(), "medals": body(key, medals, games)}
        staged.desk.result(games, result, "properties", None)
        timeline[key] = [(at, medals)]

    corrections = data.draw(
        st.lists(st.tuples(st.sampled_from(keys), podiums(max_events=1)), min_size=1, max_size=4),
        label="corrections",
    )
    for n, (key, (medals,)) in enumerate(corrections):
        last = timeline[key][-1][0]
        delay = data.draw(st.integers(1, 3 * 24 * 60), label="minutes after the last change")
        effective = last + timedelta(minutes=delay)
        past = [t for t in moments(timeline) if t < effective] + [
            effective - timedelta(microseconds=1)
        ]
        before = [counts_at(staged.podium, games, t) for t in past]
        correction = {
            "medals": body(key, medals, f"{games} c{n}"),
            "reason": f"correction {n}",
            "effective_at": effective.isoformat(),
        }
        recorded = staged.desk.correction(games, key, correction, "properties", None)
        assert recorded.kind == "correction"
        timeline[key].append((effective, medals))
        assert [counts_at(staged.podium, games, t) for t in past] == before
        assert counts_at(staged.podium, games, effective) == expected(timeline, effective)

    for moment in moments(timeline):
        assert counts_at(staged.podium, games, moment) == expected(timeline, moment), moment
    assert counts_at(staged.podium, games, None) == expected(timeline, None)
    # nothing was overwritten: every podium ever posted is still there, all but the newest
    # of each event revoked
    standing = sum(len(entries[-1][1]) for entries in timeline.values())
    assert len(staged.podium.store.awards(games=[games])) == standing


def test_the_model_sees_a_correction(staged: Staged) -> None:
    """The oracle on one hand-made case: a gold taken back a day later."""
    key = staged.events[0]
    games = staged.new_games([key])
    first = [Medalled(1, "NED", 0), Medalled(2, "NOR", 0), Medalled(3, "USA", 2)]
    at = START + timedelta(days=2)
    result = {"event": key, "awarded_at": at.isoformat(), "medals": body(key, first, "a")}
    staged.desk.result(games, result, "t", None)
    swapped = [Medalled(1, "NOR", 0), Medalled(2, "NED", 0), Medalled(3, "USA", 2)]
    later = at + timedelta(days=1)
    correction = {
        "medals": body(key, swapped, "b"),
        "reason": "r",
        "effective_at": later.isoformat(),
    }
    staged.desk.correction(games, key, correction, "t", None)
    assert counts_at(staged.podium, games, at) == {
        "NED": Tally(1, 0, 0),
        "NOR": Tally(0, 1, 0),
        "USA": Tally(0, 0, 1),
    }
    assert counts_at(staged.podium, games, None) == {
        "NOR": Tally(1, 0, 0),
        "NED": Tally(0, 1, 0),
        "USA": Tally(0, 0, 1),
    }
