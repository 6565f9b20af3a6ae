"""The NOC reference: IOC codes with English and Dutch names and ISO codes for flags."""

from __future__ import annotations

from podium.importers.batch import Batch
from podium.importers.source import Progress, Report, read_csv

STATUSES = frozenset({"current", "historic", "special", "not_an_olympic_noc"})


def collect(path: str, report: Report, progress: Progress | None = None) -> Batch:
    batch = Batch(source="noc")
    file = path.rsplit("/", 1)[-1]
    for line, row in read_csv(path, progress):
        report.rows += 1
        code = row.get("noc", "").upper()
        if len(code) != 3 or not code.isalnum():
            report.skip(file, line, f"noc: not a three-character code: {code!r}")
            continue
        if not row.get("name_en"):
            report.skip(file, line, "name_en: missing")
            continue
        if row.get("status") not in STATUSES:
            report.skip(
                file, line, f"status: {row.get('status')!r} is not one of {sorted(STATUSES)}"
            )
            continue
        iso2 = row.get("iso2", "").upper() or None
        batch.nocs[code] = {
            "code": code,
            "name_en": row["name_en"],
            "name_nl": row.get("name_nl") or row["name_en"],
            "iso2": iso2,
            "status": row["status"],
        }
        report.used += 1
    return batch
