"""Reading a source: a local path or an http(s) URL through the same streaming code, and the
report of what an import did with every row.

Hostile input is expected: a row with a field that is not text (a NUL character), a field
longer than `MAX_FIELD` (4,096 characters) or the wrong number of fields is reported and
skipped like any other bad row. A file that cannot be read or parsed at all, or lacks a column
the importer needs, raises `SourceError` naming file, line and field, and nothing of that
source is written. So does a field longer than the csv module's limit (131,072 characters):
the parser stops at it without saying which field it is, so the whole source is refused,
naming the line and (where it can be found) the field, rather than that one row skipped.

So does a file that is not UTF-8: a Latin-1 file is not a file with some bad rows but a file
read wrongly throughout (its first "é" names the line), so it is refused whole, to be
converted first. A field that runs over several lines is a stray quote in these sources (none
has a field over lines): its row is skipped, and so is every line it swallowed, each reported,
so a row taken in by a quote never vanishes silently. A report adds up: rows read = used +
skipped + not needed by the importer.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

Progress = Callable[[int], None]  # called with the number of bytes just read

# No field of any source comes near this (the longest, a roster, is under 500 characters);
# a longer one is damage, reported as such rather than carried towards the database.
MAX_FIELD = 4096
_CHUNK = 1 << 16


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
    try:
        return Path(source).stat().st_size
    except OSError:
        return None


def name_of(source: str) -> str:
    return source.rstrip("/").rsplit("/", 1)[-1]


def join(base: str, name: str) -> str:
    """A file of a dataset beside `base`, which is a folder path or a URL prefix."""
    return f"{base.rstrip('/')}/{name}" if _is_url(base) else str(Path(base) / name)


class SourceError(ValueError):
    """A source that cannot be imported at all: unreadable, not CSV, or without a column the
    importer needs. Names the file, the line and the field where one is to blame."""

    def __init__(self, file: str, line: int | None, field: str | None, reason: str) -> None:
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {field}: {reason}" if field else f"{where}: {reason}")
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason


class RowError(ValueError):
    """A row that cannot be imported; the message says which field and why."""


class _Chunks(io.RawIOBase):
    """Byte chunks (of a file or an HTTP body) as a raw stream, counted for `progress`, so
    that a path and a URL are decoded and split into lines by the same code."""

    def __init__(self, chunks: Iterator[bytes], progress: Progress | None) -> None:
        self._chunks = chunks
        self._rest = b""
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            if self._progress:
                self._progress(len(chunk))
            self._rest = chunk
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


@contextmanager
def _bytes(source: str) -> Iterator[Iterator[bytes]]:
    if _is_url(source):
        with httpx.stream("GET", source, follow_redirects=True, timeout=30) as response:
            response.raise_for_status()
            yield response.iter_bytes(_CHUNK)
        return
    with open(source, "rb") as handle:
        yield iter(lambda: handle.read(_CHUNK), b"")


@contextmanager
def _text(source: str, progress: Progress | None) -> Iterator[io.TextIOWrapper]:
    """The source as text with its line endings kept (csv must see quoted newlines intact).
    Bytes that are not UTF-8 become lone surrogates, so that their row is reported rather
    than the whole file refused or the bytes silently replaced."""
    with _bytes(source) as chunks:
        raw = io.BufferedReader(_Chunks(chunks, progress), _CHUNK)
        # Olympedia's file is gzipped: decompressed as it streams in
        plain = gzip.GzipFile(fileobj=raw, mode="rb") if source.endswith(".gz") else raw
        yield io.TextIOWrapper(plain, encoding="utf-8-sig", errors="surrogateescape", newline="")


class _Tape:
    """The lines handed to csv since the last record: the raw text of a record that csv
    refuses, to say which field it choked on."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.record: list[str] = []

    def __iter__(self) -> _Tape:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.record.append(line)
        return line


def _fails(text: str) -> bool:
    try:
        for _ in csv.reader(io.StringIO(text, newline="")):
            pass
    except csv.Error:
        return True
    return False


def _column_of_error(text: str) -> int | None:
    """Which field of a record csv fails on (its errors do not say): the shortest failing
    prefix of the record ends inside that field."""
    if not _fails(text):
        return None
    low, high = 0, len(text)  # text[:low] parses, text[:high] fails
    while high - low > 1:
        middle = (low + high) // 2
        if _fails(text[:middle]):
            high = middle
        else:
            low = middle
    fields = next(csv.reader(io.StringIO(text[:low], newline="")), [])
    return max(len(fields) - 1, 0)


def _problem(header: list[str], values: list[str]) -> str | None:
    """Why a row cannot be used whatever the importer makes of it, naming the field."""
    if len(values) < len(header):
        missing = header[len(values)]
        return f"{missing}: missing (the row has {len(values)} fields, the header {len(header)})"
    if len(values) > len(header):
        return f"row: {len(values)} fields where the header has {len(header)}"
    for name, value in zip(header, values, strict=True):
        if "\x00" in value:
            return f"{name}: contains a NUL character"
        if len(value) > MAX_FIELD:
            return f"{name}: longer than {MAX_FIELD} characters"
    return None


@dataclass(frozen=True)
class Record:
    line: int  # where the record starts; the header is line 1
    row: dict[str, str]  # values stripped of surrounding whitespace
    problem: str | None  # why the row cannot be used at all ("field: reason"), if so


def records(
    source: str, progress: Progress | None = None, columns: Iterable[str] = ()
) -> Iterator[Record]:
    """Every data row of a CSV file or URL. Raises `SourceError` if it cannot be read or
    parsed, or if its header lacks one of `columns` (or has it twice)."""
    file = name_of(source)
    header: list[str] = []
    start = 1
    try:
        with _text(source, progress) as text:
            tape = _Tape(text)
            reader = csv.reader(tape)
            try:
                first = next(reader, None)
                if first is None:
                    raise SourceError(file, 1, "header", "the file is empty")
                header = [h.strip() for h in first]
                _utf8(file, 1, ["header"] * len(header), header)
                _check_header(file, header, columns)
                start = reader.line_num + 1
                tape.record.clear()
                for values in reader:
                    _utf8(file, start, header, values)
                    if values:  # csv gives a blank line as no fields at all
                        row = {k: v.strip() for k, v in zip(header, values, strict=False)}
                        swallowed = _swallowed(header, values, start, reader.line_num)
                        if swallowed is None:
                            yield Record(start, row, _problem(header, values))
                        else:
                            yield Record(start, row, swallowed[0])
                            for line in range(start + 1, reader.line_num + 1):
                                yield Record(line, {}, swallowed[1])
                    start = reader.line_num + 1
                    tape.record.clear()
            except csv.Error as exc:
                column = _column_of_error("".join(tape.record))
                name = "header" if not header else "row"  # "row": a field past the header's
                if header and column is not None and column < len(header):
                    name = header[column]
                raise SourceError(file, start, name, f"not readable as CSV: {exc}") from None
    except OSError as exc:
        raise SourceError(file, None, None, f"cannot read {source}: {exc.strerror or exc}") from exc
    except httpx.HTTPError as exc:
        raise SourceError(file, None, None, f"cannot fetch {source}: {exc}") from exc


def _utf8(file: str, line: int, header: list[str], values: list[str]) -> None:
    """Refuse the file at its first byte that is not UTF-8 (decoded as a lone surrogate)."""
    for i, value in enumerate(values):
        if value.isascii():
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            byte = ord(value[exc.start]) - 0xDC00
            name = header[i] if i < len(header) and header[i] else "row"
            raise SourceError(
                file,
                line,
                name,
                f"not UTF-8 (byte 0x{byte:02X}): the file must be UTF-8; convert it first "
                "(a Latin-1 file: iconv -f latin1 -t utf-8)",
            ) from None


def _swallowed(
    header: list[str], values: list[str], start: int, end: int
) -> tuple[str, str] | None:
    """Why a record over several lines is skipped, and why each line it swallowed is: the
    reasons naming the field whose quote was left open."""
    if end == start:
        return None
    for i, value in enumerate(values):
        if "\n" in value or "\r" in value:
            name = header[i] if i < len(header) and header[i] else "row"
            return (
                f"{name}: a quote left open runs over lines {start} to {end} "
                f"(a stray quote?); this row and the {end - start} it swallowed are skipped",
                f"row: swallowed by the quote left open in {name} on line {start}",
            )
    return None


def _check_header(file: str, header: list[str], columns: Iterable[str]) -> None:
    for column in columns:
        if header.count(column) == 0:
            raise SourceError(file, 1, column, "not in the header")
        if header.count(column) > 1:
            raise SourceError(file, 1, column, "appears more than once in the header")


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
    unneeded: int = 0  # rows read that the importer has no use for (another Games, say)
    mapped: Counter[str] = field(default_factory=Counter)
    added: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds, for the benchmarks
    # what the row being read was mapped by, counted in `mapped` once the row is accepted
    _mapping: Counter[str] = field(default_factory=Counter, repr=False, compare=False)

    def skip(self, file: str, line: int, reason: str) -> None:
        self.skipped.append(Skipped(file, line, reason))

    def count_mapped(self, how: str) -> None:
        """The row being read (by a handler `each_row` calls) is mapped `how`: counted in
        `mapped` once `each_row` accepts the row, not at all if a RowError refuses it later
        on (a skipped row is reported as skipped, and nothing else)."""
        self._mapping[how] += 1

    @property
    def adds_up(self) -> bool:
        return self.rows == self.used + len(self.skipped) + self.unneeded

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "rows": self.rows,
            "used": self.used,
            "unneeded": self.unneeded,
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
    columns: Iterable[str] = (),
) -> None:
    """Hand every row to `handle`; a RowError skips the row (reported with file and line) and
    the import goes on. `handle` returns False for a row read but not needed. `columns` are
    the ones `handle` reads: a header without one of them is a `SourceError`."""
    file = name_of(path)
    for record in records(path, progress, columns):
        report.rows += 1
        report._mapping.clear()
        try:
            if record.problem:
                raise RowError(record.problem)
            used = handle(record.line, record.row)
        except RowError as exc:
            report._mapping.clear()
            report.skip(file, record.line, str(exc))
            continue
        report.mapped.update(report._mapping)
        if used is not False:
            report.used += 1
        else:
            report.unneeded += 1
