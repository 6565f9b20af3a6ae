"""The ranking rules on hand-made tallies: shared ranks, alphabetical ties, other orders."""

from __future__ import annotations

import pytest

from podium.table import Tally, rank


def _ranks(rows: tuple) -> list[tuple[str | None, str]]:  # type: ignore[type-arg]
    return [(r.rank_label if r.rank is not None else None, r.noc) for r in rows]


def test_gold_first_then_silver_then_bronze() -> None:
    rows = rank({"USA": Tally(6, 10, 5), "NED": Tally(6, 6, 1), "NOR": Tally(14, 8, 9)})
    assert _ranks(rows) == [("1", "NOR"), ("2", "USA"), ("3", "NED")]


def test_equal_on_all_three_share_the_rank_alphabetically() -> None:
    rows = rank(
        {
            "GEO": Tally(0, 1, 0),
            "DEN": Tally(0, 1, 0),
            "EST": Tally(0, 1, 0),
            "BEL": Tally(0, 0, 1),
            "LAT": Tally(0, 1, 1),
        }
    )
    assert _ranks(rows) == [("1", "LAT"), ("=2", "DEN"), ("=2", "EST"), ("=2", "GEO"), ("5", "BEL")]


def test_totals_do_not_change_the_official_rank() -> None:
    rows = rank({"USA": Tally(6, 10, 5), "NED": Tally(7, 0, 0)})
    assert [r.noc for r in rows] == ["NED", "USA"]


def test_total_order_ranks_by_total_alone() -> None:
    tallies = {
        "NED": Tally(10, 7, 3),
        "SWE": Tally(8, 6, 4),
        "AUT": Tally(5, 8, 5),
        "JPN": Tally(5, 7, 12),
    }
    rows = rank(tallies, "total")
    assert [(r.rank_label, r.noc, r.total) for r in rows] == [
        ("1", "JPN", 24),
        ("2", "NED", 20),
        ("=3", "SWE", 18),
        ("=3", "AUT", 18),
    ]


def test_points_order_with_weights() -> None:
    rows = rank(
        {"A": Tally(1, 0, 0), "B": Tally(0, 1, 1), "C": Tally(0, 0, 4)}, "points", weights=(3, 2, 1)
    )
    assert [(r.rank_label, r.noc, r.points) for r in rows] == [
        ("1", "C", 4),
        ("=2", "A", 3),
        ("=2", "B", 3),
    ]


def test_unranked_listed_after_the_ranked() -> None:
    rows = rank(
        {"AIN": Tally(0, 1, 0), "BEL": Tally(0, 0, 1), "NOR": Tally(1, 0, 0)}, unranked={"AIN"}
    )
    assert _ranks(rows) == [("1", "NOR"), ("2", "BEL"), (None, "AIN")]


def test_unknown_order_is_refused() -> None:
    with pytest.raises(ValueError, match="order: 'silver'"):
        rank({"NOR": Tally(1, 0, 0)}, "silver")  # type: ignore[arg-type]
