"""Full results as pages show them: every unit of an event with every competitor's place,
result, margin, invalid result mark (DNF, DSQ, RET ...) and records, as the feed last had it."""

from __future__ import annotations

from typing import Any

from podium.odf.store import OdfStore


def full_results(odf: OdfStore, event: str) -> list[dict[str, Any]]:
    """The event's units at every Games, in unit order, each competitor in the feed's order."""
    units: dict[tuple[str, str], dict[str, Any]] = {}
    for r in odf.results(event):
        unit = units.setdefault(
            (r.games, r.unit),
            {
                "games": r.games,
                "unit": r.unit,
                "name": r.unit_name,
                "status": r.status,
                "version": r.version,
                "results": [],
            },
        )
        unit["results"].append(
            {
                "place": r.rank,
                "tied": r.rank_equal,
                "name": r.name,
                "noc": r.noc or None,
                "athlete": r.athlete,
                "competitor": r.competitor,
                "result": r.result or None,
                "result_type": r.result_type or None,
                "margin": r.diff or None,
                "irm": r.irm or None,
                "wlt": r.wlt or None,
                "records": r.records.split(),
            }
        )
    return list(units.values())
