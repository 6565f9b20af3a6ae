"""The core's derived data after a write: a caller that knows the revision (a web page) reads
no revision for each cached look; events are kept while no import adds any; a country's
history counts again only the Games whose medals moved. Each equals what a fresh core reads."""

from __future__ import annotations

from pathlib import Path

from conftest import LIVE_GAMES
from podium import Podium, ledger
from podium.replay import results, stage
from test_cache import statements


def revision_reads(seen: list[str]) -> list[str]:
    return [statement for statement in seen if "FROM revision" in statement]


def test_a_known_revision_is_not_read_again_for_each_look(podium: Podium) -> None:
    revision = podium.store.revision()
    with statements(podium.store) as seen:
        looks = (podium.nocs(), podium.all_games(), podium.events())
    assert len(revision_reads(seen)) == len(looks)  # one per cached look
    podium.store.run("test", lambda _conn: None, revision=True)
    with statements(podium.store) as seen, podium.at_revision(revision + 1):
        again = (podium.nocs(), podium.all_games(), podium.events())
    assert revision_reads(seen) == [] and again == looks


def test_events_are_kept_until_an_import_adds_some(podium: Podium, data_dir: Path) -> None:
    podium.import_data(str(data_dir), ["noc", "history"])
    before = podium.events()
    assert len(before) == len(podium.store.events())
    podium.store.run("test", lambda _conn: None, revision=True)  # a write that adds no event
    assert podium.events() is before
    podium.import_data(str(data_dir), ["paris-2024"])
    after = podium.events()
    assert after == podium.store.events() and len(after) > len(before)


def test_a_desk_write_counts_only_its_games_again(podium: Podium, data_dir: Path) -> None:
    podium.import_data(str(data_dir), ["noc", "history"])
    stage(podium, str(data_dir), LIVE_GAMES, history=False)
    plan = results(podium, str(data_dir), LIVE_GAMES)
    tables = podium.games_tables()
    ledger.Desk(podium).result(LIVE_GAMES, plan[0].body, "test", None)
    after = podium.games_tables()
    assert after["beijing-2022"] is tables["beijing-2022"]  # not counted again
    assert sum(r.tally.total for r in after[LIVE_GAMES].rows) == len(plan[0].body["medals"])
    with Podium(str(podium.store.engine.url.render_as_string(hide_password=False))) as fresh:
        assert after == fresh.games_tables()
