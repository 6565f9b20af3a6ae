"""Reading a source: a local path or an http(s) URL through the same streaming code, and the
report of what an import did with every row."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

Progress = Callable[[int], None]  # called with the number of bytes just read


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def size_of(source: str) -> int | None:
    """Bytes in the source where known up front (for a progress bar's total)."""
    if _is_url(source):
        try:
            head = httpx.head(source, follow_redirects=True, timeout=10)
            length = head.headers.get("content-length")
            return int(length) if length else None
        except httpx.HTTPError:
            return None
    return Path(source).stat().st_size


def name_of(source: str) -> str:
    return source.rstrip("/").rsplit("/", 1)[-1]


def join(base: str, name: str) -> str:
    """A file of a dataset beside `base`, which is a folder path or a URL prefix."""
    return f"{base.rstrip('/')}/{name}" if _is_url(base) else str(Path(base) / name)


def _lines(source: str, progress: Progress | None) -> Iterator[str]:
    """Lines with their endings kept, so that csv sees quoted newlines intact."""
    if _is_url(source):
        with httpx.stream("GET", source, follow_redirects=True, timeout=30) as response:
            response.raise_for_status()
            pending = ""
            for text in response.iter_text():
                if progress:
                    progress(len(text.encode("utf-8")))
                lines = (pending + text).lstrip("\ufeff").splitlines(keepends=True)
                pending = lines.pop() if lines and not lines[-1].endswith(("\n", "\r")) else ""
                yield from lines
            if pending:
                yield pending
        return
    with open(source, encoding="utf-8-sig", newline="") as handle:
        for line in handle:
            if progress:
                progress(len(line.encode("utf-8")))
            yield line


def read_csv(source: str, progress: Progress | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row; the header is line 1."""
    reader = csv.DictReader(_lines(source, progress))
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}


class RowError(ValueError):
    """A row that cannot be imported; the message says which field and why."""


@dataclass(frozen=True)
class Skipped:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class Report:
    """What one source's import did: rows read and used, rows skipped (with why), spellings
    mapped onto canonical events and athletes, and rows new to the database."""

    source: str
    rows: int = 0
    used: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    mapped: Counter[str] = field(default_factory=Counter)
    added: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def skip(self, file: str, line: int, reason: str) -> None:
        self.skipped.append(Skipped(file, line, reason))

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "rows": self.rows,
            "used": self.used,
            "skipped": [{"file": s.file, "line": s.line, "reason": s.reason} for s in self.skipped],
            "mapped": dict(sorted(self.mapped.items())),
            "added": self.added,
            "notes": self.notes,
        }


def each_row(
    path: str,
    report: Report,
    handle: Callable[[int, dict[str, str]], bool | None],
    progress: Progress | None = None,
) -> None:
    """Hand every row to `handle`; a RowError skips the row (reported with file and line) and
    the import goes on. `handle` returns False for a row read but not needed."""
    file = name_of(path)
    for line, row in read_csv(path, progress):
        report.rows += 1
        try:
            used = handle(line, row)
        except RowError as exc:
            report.skip(file, line, str(exc))
            continue
        if used is not False:
            report.used += 1
