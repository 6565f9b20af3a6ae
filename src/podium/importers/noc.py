"""The NOC reference: IOC codes with English and Dutch names and ISO codes for flags.

Podium builds the reference itself (`reference`): the codes, their ISO 3166 codes and status
are listed in the package (`nocs.csv`), and a current NOC's names are CLDR's (through Babel)
unless the list gives the name the IOC uses instead ("Great Britain", "Chinese Taipei",
"Republic of Korea"). Historic and special NOCs (URS, FRG, EUN, ROC, AIN, ...) have no ISO code
and carry both names in the list. The importer checks the reference row by row as any other
source would be read, but from the package: `podium import` never reads `noc/` in a data
folder (`podium data fetch` still writes the file there, for other tools). `collect` reads a
reference file in the same columns, for a hand-made list.
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources
from pathlib import Path

from babel import Locale

from podium import schema
from podium.importers.batch import Batch, fits
from podium.importers.source import Progress, Report, RowError, each_row

STATUSES = frozenset({"current", "historic", "special", "not_an_olympic_noc"})
COLUMNS = ("noc", "name_en", "name_nl", "iso2", "status")
FILE = "noc_reference_nl.csv"


def reference() -> list[dict[str, str]]:
    """Every NOC code Podium knows, in code order, with its names, ISO code, status, note."""
    listed = resources.files("podium.importers").joinpath("nocs.csv").read_text("utf-8")
    english, dutch = Locale("en").territories, Locale("nl").territories
    rows = []
    for row in csv.DictReader(io.StringIO(listed)):
        iso2 = row["iso2"]
        rows.append(
            {
                "noc": row["noc"],
                "name_en": row["name_en"] or english[iso2],
                "name_nl": row["name_nl"] or dutch[iso2],
                "iso2": iso2,
                "status": row["status"],
                "note": row["note"],
            }
        )
    return rows


def write_reference(path: Path) -> None:
    """The reference as the CSV file the importer reads (`noc/noc_reference_nl.csv`)."""
    rows = reference()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def collect(path: str, report: Report, progress: Progress | None = None) -> Batch:
    """A reference file in the package's columns (`write_reference` writes one), checked
    row by row like any source."""
    batch = Batch(source="noc")
    each_row(path, report, lambda _line, row: _row(batch, row), progress, COLUMNS)
    return batch


def collect_reference(report: Report) -> Batch:
    """The package's own reference (`reference`), what `podium import` imports: checked row
    by row as a file would be, a row counted at its line in the file `write_reference`
    writes."""
    batch = Batch(source="noc")
    for line, row in enumerate(reference(), start=2):
        report.rows += 1
        try:
            _row(batch, row)
        except RowError as exc:
            report.skip(FILE, line, str(exc))
            continue
        report.used += 1
    return batch


def _row(batch: Batch, row: dict[str, str]) -> None:
    code = row.get("noc", "").upper()
    # ASCII only: str.isalnum() would take "ÅÄÖ" or "²³¹" as a code
    if not re.fullmatch(r"[A-Z0-9]{3}", code):
        raise RowError(f"noc: not a three-character code: {code!r}")
    if not row.get("name_en"):
        raise RowError("name_en: missing")
    if row.get("status") not in STATUSES:
        raise RowError(f"status: {row.get('status')!r} is not one of {sorted(STATUSES)}")
    iso2 = row.get("iso2", "").upper()
    if iso2 and not re.fullmatch(r"[A-Z]{2}", iso2):
        raise RowError(f"iso2: not a two-letter ISO 3166 code: {iso2!r}")
    entry = {
        "code": code,
        "name_en": row["name_en"],
        "name_nl": row.get("name_nl") or row["name_en"],
        "iso2": iso2 or None,
        "status": row["status"],
    }
    batch.nocs[code] = fits(schema.noc, entry, "name_en", {"name_nl": "name_nl"})
