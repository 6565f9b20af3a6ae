"""Importers for every source in the shared data folder. Each source is read streaming, checked
row by row (a bad row is reported with file, line and reason and skipped, leaving nothing
behind), and written in one transaction; importing a source twice adds nothing. A source that
cannot be read at all raises `SourceError` (file, line, field) and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from podium.importers import decisions, history, milano2026, noc, olympedia, paris2024, rosters
from podium.importers.batch import Batch, write
from podium.importers.source import Progress, Report, Skipped, SourceError, join, size_of
from podium.store import Store

__all__ = ["NOC_FILE", "SOURCES", "Report", "Skipped", "Source", "SourceError", "import_source"]


@dataclass(frozen=True)
class Source:
    name: str
    folder: str  # within the data folder
    files: tuple[str, ...]  # read in this order; their sizes make the progress total
    collect: Callable[[Store, str, Report, Progress | None], Batch]


def _noc(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return noc.collect_reference(report)  # built by the package: no file in the data folder


def _noc_file(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return noc.collect(join(folder, noc.FILE), report, progress)


def _history(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return history.collect(folder, report, store.noc_codes(), progress)


def _paris(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return paris2024.collect(folder, report, store.noc_codes(), store, progress)


def _milano(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return milano2026.collect(folder, report, store.noc_codes(), store, progress)


def _olympedia(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return olympedia.collect(folder, report, store.noc_codes(), store, progress)


def _decisions(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return decisions.collect(store, report, progress)


def _rosters(store: Store, folder: str, report: Report, progress: Progress | None) -> Batch:
    return rosters.collect(store, report, progress)


# In dependency order: NOCs first; an athlete of a later source is matched to an earlier one.
SOURCES: tuple[Source, ...] = (
    Source("noc", "", (), _noc),
    Source(
        "history", "olympics-com-history", ("olympic_hosts.csv", "olympic_medals.csv"), _history
    ),
    Source("paris-2024", "paris-2024", ("medallists.csv",), _paris),
    Source(
        "milano-cortina-2026",
        "milano-cortina-2026",
        ("schedules.csv", "athletes.csv", "medallists.csv", "medals.csv"),
        _milano,
    ),
    # last: it links every earlier source's athletes into people and gives teams members
    Source("olympedia", "olympedia", ("athletes.csv.gz",), _olympedia),
    # kept with the package: the decisions that changed medals after the Games
    Source("decisions", "", (), _decisions),
    # kept with the package: team members that no source lists
    Source("rosters", "", (), _rosters),
)


# A NOC reference file in a data folder's `noc/`, in place of the package's (not in SOURCES:
# `podium import` never reads it; the importer's own tests damage one to check the checks)
NOC_FILE = Source("noc", "noc", (noc.FILE,), _noc_file)


def source_size(data: str, source: Source) -> int | None:
    sizes = [size_of(join(join(data, source.folder), f)) for f in source.files]
    return None if None in sizes else sum(s or 0 for s in sizes)


def import_source(
    store: Store, data: str, source: Source, progress: Progress | None = None
) -> Report:
    """Import one source from `data` (a folder path or a URL prefix) in one transaction."""
    report = Report(source=source.name)
    batch = source.collect(store, join(data, source.folder), report, progress)
    write(store, batch, report, datetime.now(UTC))
    return report
