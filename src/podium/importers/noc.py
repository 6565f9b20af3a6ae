"""The NOC reference: IOC codes with English and Dutch names and ISO codes for flags."""

from __future__ import annotations

import re

from podium import schema
from podium.importers.batch import Batch, fits
from podium.importers.source import Progress, Report, RowError, each_row

STATUSES = frozenset({"current", "historic", "special", "not_an_olympic_noc"})
COLUMNS = ("noc", "name_en", "name_nl", "iso2", "status")


def collect(path: str, report: Report, progress: Progress | None = None) -> Batch:
    batch = Batch(source="noc")

    def noc(line: int, row: dict[str, str]) -> None:
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

    each_row(path, report, noc, progress, COLUMNS)
    return batch
