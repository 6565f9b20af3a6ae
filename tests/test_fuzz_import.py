"""Hostile CSV into every importer (Hypothesis): small folders cut from the real files, then
damaged (random text, empty, missing and extra fields and columns, quotes and newlines, NUL
bytes, bytes that are not UTF-8, huge fields, wrong dates and numbers, duplicated rows).

Whatever the damage, an import either raises `SourceError` naming file, line and field and
leaves the database exactly as it was, or it succeeds reporting each bad row with its file,
line and field, and importing the same folder again changes nothing."""

from __future__ import annotations

import csv
import functools
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import serve_folder
from podium import Podium
from podium.cli import app
from podium.importers import (
    NOC_FILE,
    SOURCES,
    Report,
    Skipped,
    Source,
    SourceError,
    history,
    import_source,
    milano2026,
    paris2024,
)
from podium.importers import noc as noc_source
from podium.importers.source import MAX_FIELD

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
Table = list[list[str]]  # a CSV file: the header, then the rows

# Field names the importers use in their reasons besides the files' own column names.
LOGICAL_FIELDS = {"row", "event", "discipline", "gender", "NOC", "code/name", "code_athlete/name"}


def _read(path: Path) -> Table:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _pick(table: Table, keep: Any) -> Table:
    header, rows = table[0], table[1:]
    return [header, *[r for r in rows if keep(dict(zip(header, r, strict=True)))]]


@functools.cache
def seeds() -> dict[str, dict[str, Table]]:
    """For every source, its files cut down to a few real rows that import cleanly: team and
    individual medals, a medal known only by its day (milano), a team's roster (paris)."""
    olympics = DATA / "olympics-com-history"
    paris = _read(DATA / "paris-2024" / "medallists.csv")
    team_codes = [r[paris[0].index("code_team")] for r in paris[1:]]
    first_team = next(c for c in team_codes if c)
    milano = DATA / "milano-cortina-2026"
    events = {("Alpine Skiing", "Men's Downhill"), ("Curling", "Mixed Doubles")}
    medallists = _pick(
        _read(milano / "medallists.csv"),
        lambda r: (
            (r["discipline"], r["event_name"]) in events | {("Speed Skating", "Women's 3000m")}
        ),
    )
    codes = {r[medallists[0].index("code")] for r in medallists[1:]}
    nocs = {r[medallists[0].index("country_code")] for r in medallists[1:]}
    return {
        "noc": {
            "noc_reference_nl.csv": _pick(
                _read(DATA / "noc" / "noc_reference_nl.csv"),
                lambda r: r["noc"] in {"AIN", "FRG", "GBR", "ITA", "NED", "ROC", "SWE", "URS"},
            )
        },
        "history": {
            "olympic_hosts.csv": _read(olympics / "olympic_hosts.csv")[:3],
            "olympic_medals.csv": _read(olympics / "olympic_medals.csv")[:16],
        },
        "paris-2024": {
            "medallists.csv": [
                paris[0],
                *paris[1:4],
                *[r for r, c in zip(paris[1:], team_codes, strict=True) if c == first_team],
            ]
        },
        "milano-cortina-2026": {
            # the women's 3000 m has no medal session here: its medals are dated by their day
            "schedules.csv": _read(milano / "schedules.csv")[:2]
            + _pick(
                _read(milano / "schedules.csv"),
                lambda r: r["event_medal"] == "1" and (r["discipline"], r["event"]) in events,
            )[1:],
            "athletes.csv": _pick(
                _read(milano / "athletes.csv"),
                lambda r: r["code"] in codes or r["code"] == "139893",
            ),
            "medallists.csv": medallists,
            "medals.csv": _pick(_read(milano / "medals.csv"), lambda r: r["country_code"] in nocs),
        },
    }


def seed_files(name: str) -> dict[str, Table]:
    """A fresh copy of a source's seed, to damage."""
    return {f: [list(r) for r in t] for f, t in seeds()[name].items()}


def source(name: str) -> Source:
    """The source as imported from a folder: for the NOCs, a reference file in `noc/`
    (`podium import` imports the package's own, which holds nothing to damage)."""
    return NOC_FILE if name == "noc" else next(s for s in SOURCES if s.name == name)


def import_folder(podium: Podium, data: str, name: str) -> Report:
    return import_source(podium.store, data, source(name))


def render(table: Table) -> bytes:
    """UTF-8, but a lone surrogate (U+DC80..U+DCFF) becomes the byte it stands for."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue().encode("utf-8", "surrogateescape")


def write_folder(root: Path, name: str, files: dict[str, bytes]) -> str:
    """The data folder holding one source's files, as the importers expect it."""
    if root.exists():
        shutil.rmtree(root)
    folder = root / source(name).folder
    folder.mkdir(parents=True)
    for file, data in files.items():
        (folder / file).write_bytes(data)
    return str(root)


def physical_lines(data: bytes) -> int:
    """Lines as the importer counts them (an empty file still has its one, empty, line)."""
    ends = len(re.findall(rb"\r\n|\r|\n", data))
    return max(1, ends + (0 if data.endswith((b"\n", b"\r")) else 1))


def header_of(data: bytes) -> set[str]:
    text = data.decode("utf-8-sig", errors="surrogateescape")
    first = next(csv.reader(io.StringIO(text, newline="")), [])
    return {h.strip() for h in first}


# -- damage ------------------------------------------------------------------------------

NASTY = (
    "",
    " ",
    "\x00",
    "a\x00b",
    '"',
    '""',
    'say "hi", then\nleave',
    "\r\n",
    "\u2028",
    "\x85",
    "\ufeff",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-05:00",
    "2026-02-30",
    "2026-13-01T10:00:00+01:00",
    "²⁰²²",
    "٢٠٢٢",
    "1e9",
    "-1",
    "99999999999999999999",
    "NaN",
    "None",
    "日本",
    "ﷺ" * 20,
    "İ" * 150,
    "ß" * 150,
    "Men's Downhill",
    "Mixed",
    "GameTeam",
    "Athlete",
    "GOLD",
    "NED",
)
texts = st.one_of(
    st.text(max_size=24),
    st.sampled_from(NASTY),
    st.text(alphabet='",\n\r \x00', max_size=6),
    st.integers(min_value=150, max_value=MAX_FIELD + 50).map(lambda n: "é" * n),
)
index = st.integers(min_value=0, max_value=10_000)  # taken modulo what there is


@dataclass(frozen=True)
class Damage:
    kind: str
    file: int
    row: int
    column: int
    text: str


damages = st.builds(
    Damage,
    # dropping a column mostly drops one the importer needs: refused whole, a short example
    st.sampled_from(
        ("set",) * 5 + ("empty", "short", "extra", "duplicate", "add_column", "drop_column")
    ),
    index,
    index,
    index,
    texts,
)
raw_bytes = st.one_of(
    st.sampled_from(
        (b"\x00", b"\xff", b"\xc3", b'"', b"\n", b"\r", b",", b"\xef\xbb\xbf", b"\xed\xa0\x80")
    ),
    st.binary(min_size=1, max_size=6),
)


def damage(tables: dict[str, Table], hits: list[Damage]) -> None:
    names = sorted(tables)
    for hit in hits:
        table = tables[names[hit.file % len(names)]]
        rows = table[1:]
        width = len(table[0])
        if hit.kind == "drop_column" and width > 1:
            column = hit.column % width
            for line in table:
                if column < len(line):
                    del line[column]
        elif hit.kind == "add_column":
            table[0].append(hit.text[:30] or "extra")
            for line in rows:
                line.append(hit.text)
        elif rows:
            line = rows[hit.row % len(rows)]
            if hit.kind == "duplicate":
                table.insert(1 + hit.row % len(rows), list(line))
            elif hit.kind == "short" and line:
                line.pop()
            elif hit.kind == "extra":
                line.append(hit.text)
            elif line:
                line[hit.column % len(line)] = "" if hit.kind == "empty" else hit.text


@st.composite
def damaged(draw: st.DrawFn, name: str) -> dict[str, bytes]:
    tables = seed_files(name)
    damage(tables, draw(st.lists(damages, max_size=4), label="damage"))
    files = {f: render(t) for f, t in tables.items()}
    hits = draw(st.lists(st.tuples(index, index, raw_bytes), max_size=2), label="bytes")
    for which, at, payload in hits:
        file = sorted(files)[which % len(files)]
        data = files[file]
        cut = at % (len(data) + 1)
        files[file] = data[:cut] + payload + data[cut:]
    return files


# -- the property ------------------------------------------------------------------------


@pytest.fixture
def podium(database_url: str) -> Iterator[Podium]:
    """A database with every real NOC: the other sources check codes against it."""
    with Podium(database_url) as p:
        p.import_data(str(DATA), only=["noc"])
        yield p


def check_import(
    podium: Podium, root: Path, name: str, files: dict[str, bytes]
) -> Report | SourceError:
    """Import the files and check the outcome whichever it is: refused whole, naming file,
    line and field, with the database untouched; or imported, every skipped row named by
    file, line and field, and a second import of the same folder changing nothing."""
    data = write_folder(root, name, files)
    before, revision = podium.store.table_digest(), podium.store.revision()
    try:
        report = import_folder(podium, data, name)
    except SourceError as exc:
        assert exc.file in files, exc
        assert exc.line is not None and 1 <= exc.line <= physical_lines(files[exc.file]), exc
        known = header_of(files[exc.file]) | set(source_columns(name)) | {"header", "row"}
        assert exc.field in known, exc
        assert str(exc).startswith(f"{exc.file}:{exc.line}: {exc.field}: "), exc
        assert podium.store.table_digest() == before
        assert podium.store.revision() == revision
        return exc
    for skipped in report.skipped:
        assert skipped.file in files, skipped
        assert 2 <= skipped.line <= physical_lines(files[skipped.file]), skipped
        fields = header_of(files[skipped.file]) | LOGICAL_FIELDS
        assert any(skipped.reason.startswith(f"{f}: ") for f in fields), skipped
    assert len(report.skipped) <= report.rows
    after = podium.store.table_digest()
    again = import_folder(podium, data, name)
    assert again.added == dict.fromkeys(report.added, 0)
    assert again.skipped == report.skipped
    assert podium.store.table_digest() == after
    return report


def imported(podium: Podium, root: Path, name: str, files: dict[str, bytes]) -> Report:
    outcome = check_import(podium, root, name, files)
    assert isinstance(outcome, Report), outcome
    return outcome


def refused(podium: Podium, root: Path, name: str, files: dict[str, bytes]) -> SourceError:
    outcome = check_import(podium, root, name, files)
    assert isinstance(outcome, SourceError), outcome.skipped
    return outcome


def source_columns(name: str) -> tuple[str, ...]:
    return {
        "noc": noc_source.COLUMNS,
        "history": history.HOST_COLUMNS + history.MEDAL_COLUMNS,
        "paris-2024": paris2024.COLUMNS,
        "milano-cortina-2026": milano2026.SCHEDULE_COLUMNS
        + milano2026.ATHLETE_COLUMNS
        + milano2026.MEDALLIST_COLUMNS
        + ("country_code",),
    }[name]


FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


DAY_DATED = "medal without a medal session in schedules.csv: dated by its day"
MATCHED = "athlete matched to an earlier source by name and NOC"
# what each seed adds to a database holding every real NOC (so the NOC seed adds nothing):
# rows read, rows used, and the rows each table gains (the rest gain none)
SEEDED: dict[str, tuple[int, int, dict[str, int]]] = {
    "noc": (8, 8, {}),
    "history": (
        2 + 15,
        2 + 15,
        {"games": 2, "event": 4, "event_alias": 4, "contest": 4, "athlete": 9, "award": 12}
        | {"award_member": 6},
    ),
    "paris-2024": (
        5,
        5,
        {"games": 1, "event": 2, "event_alias": 2, "contest": 2, "athlete": 5, "award": 4}
        | {"award_member": 2},
    ),
    # the schedule's first row is no medal session: read, not used; the women's 3000 m,
    # with no medal session, has medals but no contest
    "milano-cortina-2026": (
        7 + 13 + 12 + 6,
        7 + 13 + 12 + 6 - 1,
        {"games": 1, "event": 3, "event_alias": 3, "contest": 2, "athlete": 13, "award": 9}
        | {"award_member": 6},
    ),
}
TABLES = (
    "noc",
    "games",
    "discipline",
    "event",
    "event_alias",
    "contest",
    "athlete",
    "award",
    "award_member",
    "unranked",
    "entry",
    "revocation",
)
# the CSV sources of the data folder; Olympedia's gzip and the decisions and rosters kept
# with the package have their bad rows tested in tests/test_people.py
FUZZED = [s.name for s in SOURCES if s.name not in ("olympedia", "decisions", "rosters")]


@pytest.mark.parametrize("name", FUZZED)
def test_the_seed_folders_import_cleanly(podium: Podium, tmp_path: Path, name: str) -> None:
    files = {f: render(t) for f, t in seeds()[name].items()}
    report = imported(podium, tmp_path / "data", name, files)
    rows, used, added = SEEDED[name]
    assert report.skipped == []
    assert (report.rows, report.used) == (rows, used)
    assert report.added == dict.fromkeys(TABLES, 0) | added
    # the three women's 3000 m medals are dated by their day; no athlete is matched, as
    # the database has no athlete of another source
    assert report.mapped == ({DAY_DATED: 3} if name == "milano-cortina-2026" else {})


@pytest.mark.parametrize("name", FUZZED)
@FUZZ
@given(data=st.data())
def test_damaged_files_are_refused_whole_or_reported_row_by_row(
    podium: Podium, tmp_path: Path, name: str, data: st.DataObject
) -> None:
    check_import(podium, tmp_path / "data", name, data.draw(damaged(name)))


# -- one damaged field: the row is reported naming it ------------------------------------


def cells() -> st.SearchStrategy[tuple[str, str, int, int]]:
    """(source, file, row, column) of any field of any seed."""
    every = [
        (name, file, row, column)
        for name, files in seeds().items()
        for file, table in files.items()
        for row in range(1, len(table))
        for column in range(len(table[0]))
    ]
    return st.sampled_from(every)


@settings(FUZZ, max_examples=60)
@given(
    st.data(),
    cells(),
    st.sampled_from(
        (
            ("\x00", "contains a NUL character"),
            # a byte that is not UTF-8 refuses the whole file: tests/test_import_strict.py
            ("x" * (MAX_FIELD + 1), f"longer than {MAX_FIELD} characters"),
        )
    ),
)
def test_a_field_that_is_not_text_is_reported_by_file_line_and_field(
    podium: Podium,
    tmp_path: Path,
    data: st.DataObject,
    cell: tuple[str, str, int, int],
    poison: tuple[str, str],
) -> None:
    name, file, row, column = cell
    tables = seed_files(name)
    where = data.draw(st.integers(0, len(tables[file][row][column])), label="at")
    value = tables[file][row][column]
    tables[file][row][column] = value[:where] + poison[0] + value[where:]
    report = imported(podium, tmp_path / "data", name, {f: render(t) for f, t in tables.items()})
    header = tables[file][0][column]
    assert report.skipped[0] == Skipped(file, row + 1, f"{header}: {poison[1]}")
    # a Games refused leaves its medals nowhere to go; nothing else follows from one bad row
    assert all(
        s.file == "olympic_medals.csv" and s.reason.startswith("slug_game: unknown Games")
        for s in report.skipped[1:]
    )


@dataclass(frozen=True)
class Wrong:
    source: str
    file: str
    column: str
    value: str
    field: str | None = None  # what the reason names, if not the column
    event: str | None = None  # only rows of this event


WRONG = [
    *(Wrong("noc", "noc_reference_nl.csv", "noc", v) for v in ("", "NE", "NEDX", "N€D", "²³¹")),
    *(Wrong("noc", "noc_reference_nl.csv", "iso2", v) for v in ("N", "NLD", "1A", "ÄÖ")),
    *(Wrong("noc", "noc_reference_nl.csv", "name_en", v) for v in ("", "x" * 129)),
    Wrong("noc", "noc_reference_nl.csv", "status", "gone"),
    *(Wrong("history", "olympic_hosts.csv", "game_year", v) for v in ("²⁰²²", "20x2", "99999")),
    *(
        Wrong("history", "olympic_hosts.csv", "game_start_date", v)
        for v in (
            "2022-02-30T10:00:00Z",
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
            "2022-02-04",
            "yesterday",
        )
    ),
    Wrong("history", "olympic_hosts.csv", "game_end_date", "2000-01-01T00:00:00Z"),
    Wrong("history", "olympic_hosts.csv", "game_slug", "g" * 65),
    Wrong("history", "olympic_hosts.csv", "game_name", "n" * 129),
    Wrong("history", "olympic_hosts.csv", "game_season", "Spring"),
    *(Wrong("history", "olympic_medals.csv", "medal_type", v) for v in ("PLATINUM", "")),
    *(Wrong("history", "olympic_medals.csv", "participant_type", v) for v in ("Horse", "")),
    *(Wrong("history", "olympic_medals.csv", "event_gender", v, "gender") for v in ("Robot", "Q")),
    *(
        Wrong("history", "olympic_medals.csv", "event_title", v, "event")
        for v in ("日本", "", "x" * 201)
    ),
    *(
        Wrong("history", "olympic_medals.csv", "country_3_letter_code", v, "NOC")
        for v in ("XYZ", "")
    ),
    Wrong("history", "olympic_medals.csv", "athlete_full_name", "x" * 201),
    *(Wrong("paris-2024", "medallists.csv", "medal_date", v) for v in ("9999-12-31", "2024-02-30")),
    *(Wrong("paris-2024", "medallists.csv", "medal_type", v) for v in ("Gold", "1.0")),
    Wrong("paris-2024", "medallists.csv", "team_gender", "Robot", "gender"),
    Wrong("paris-2024", "medallists.csv", "code_athlete", "", "code_athlete/name"),
    Wrong("paris-2024", "medallists.csv", "code_athlete", "9" * 200),
    *(
        Wrong("milano-cortina-2026", "schedules.csv", "end_date", v, event="Men's Downhill")
        for v in ("0001-01-01T00:30:00+05:00", "2026-02-07", "x")
    ),
    Wrong("milano-cortina-2026", "schedules.csv", "gender", "Robot", event="Mixed Doubles"),
    *(Wrong("milano-cortina-2026", "medallists.csv", "medal", v) for v in ("TIN", "")),
    Wrong("milano-cortina-2026", "medallists.csv", "name", "", "code/name"),
    Wrong("milano-cortina-2026", "medallists.csv", "name", "A" * 201),
    *(
        Wrong("milano-cortina-2026", "medallists.csv", "date", v, event="Women's 3000m")
        for v in ("9999-12-31", "2026-02-30")
    ),
    Wrong("milano-cortina-2026", "athletes.csv", "country_code", "XYZ", "NOC"),
]


@settings(FUZZ, max_examples=3)
@given(data=st.data())
def test_a_wrong_value_skips_its_row_naming_the_field(
    podium: Podium, tmp_path: Path, data: st.DataObject
) -> None:
    """Every case of WRONG in every example (one database for all: the outcome of a row
    does not depend on what earlier imports left), each in a row Hypothesis picks."""
    for wrong in WRONG:
        tables = seed_files(wrong.source)
        table = tables[wrong.file]
        column = table[0].index(wrong.column)
        rows = list(range(1, len(table)))
        if wrong.event is not None:
            title = table[0].index("event_name" if "event_name" in table[0] else "event")
            rows = [i for i in rows if table[i][title] == wrong.event]
        if wrong.file == "schedules.csv":  # only medal sessions are read beyond `event_medal`
            rows = [i for i in rows if table[i][table[0].index("event_medal")] == "1"]
        row = data.draw(st.sampled_from(rows), label=f"row for {wrong}")
        table[row][column] = wrong.value
        files = {f: render(t) for f, t in tables.items()}
        first = imported(podium, tmp_path / "data", wrong.source, files).skipped[0]
        assert (first.file, first.line) == (wrong.file, row + 1), wrong
        assert first.reason.startswith(f"{wrong.field or wrong.column}: "), (wrong, first)


def test_a_row_refused_after_it_was_mapped_counts_as_skipped_only(
    podium: Podium, tmp_path: Path
) -> None:
    """Two medallists whose rows are mapped and then refused: one matched by name and NOC to
    a Paris athlete, its code too long for the award's key; one of the women's 3000 m, dated
    by its day, its name too long for an athlete. Neither mapping is counted; with the code
    put right, the match is."""
    paris = seed_files("paris-2024")["medallists.csv"]
    earlier = dict(zip(paris[0], paris[1], strict=True))
    imported(podium, tmp_path / "paris", "paris-2024", {"medallists.csv": render(paris)})

    def milano(code: str) -> Report:
        tables = seed_files("milano-cortina-2026")
        header, rows = tables["medallists.csv"][0], tables["medallists.csv"][1:]
        assert rows[0][header.index("event_name")] == "Men's Downhill"  # a medal session
        rows[0][header.index("code")] = code
        rows[0][header.index("name")] = earlier["name"]
        rows[0][header.index("country_code")] = earlier["country_code"]
        assert rows[4][header.index("event_name")] == "Women's 3000m"
        rows[4][header.index("name")] = "A" * 201
        files = {f: render(t) for f, t in tables.items()}
        return imported(podium, tmp_path / "milano", "milano-cortina-2026", files)

    refused = milano("9" * 400)
    assert [(s.line, s.reason.split(":")[0]) for s in refused.skipped] == [
        (2, "code"),
        (6, "name"),
    ]
    assert refused.mapped == {DAY_DATED: 2}
    assert milano("1" + earlier["code_athlete"]).mapped == {MATCHED: 1, DAY_DATED: 2}


# -- a file that cannot be imported at all -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "file", "column"),
    [
        ("noc", "noc_reference_nl.csv", "status"),
        ("history", "olympic_hosts.csv", "game_end_date"),
        ("history", "olympic_medals.csv", "participant_type"),
        ("paris-2024", "medallists.csv", "code_team"),
        ("milano-cortina-2026", "schedules.csv", "event_medal"),
        ("milano-cortina-2026", "medals.csv", "country_code"),
    ],
)
def test_a_missing_doubled_or_empty_header_refuses_the_source_naming_it(
    podium: Podium, tmp_path: Path, name: str, file: str, column: str
) -> None:
    tables = seed_files(name)
    at = tables[file][0].index(column)
    root = tmp_path / "data"

    def changed(rows: Table) -> dict[str, bytes]:
        return {f: render(rows if f == file else t) for f, t in tables.items()}

    dropped = refused(podium, root, name, changed([r[:at] + r[at + 1 :] for r in tables[file]]))
    assert str(dropped) == f"{file}:1: {column}: not in the header"
    doubled = refused(podium, root, name, changed([[*r, r[at]] for r in tables[file]]))
    assert str(doubled) == f"{file}:1: {column}: appears more than once in the header"
    empty = refused(podium, root, name, changed([]))
    assert str(empty) == f"{file}:1: header: the file is empty"
    assert podium.store.awards() == []


@pytest.mark.parametrize("quoted", [False, True])
def test_a_field_csv_cannot_hold_refuses_the_source_naming_line_and_field(
    podium: Podium, tmp_path: Path, quoted: bool
) -> None:
    """csv stops at a field of more than 131072 characters and does not say which field;
    the error names it (in a quoted field running over lines, the line it starts on)."""
    tables = seed_files("history")
    medals = tables["olympic_medals.csv"]
    at = medals[0].index("athlete_full_name")
    medals[5][at] = "x\n" * 70_000 if quoted else "x" * 140_000
    error = refused(podium, tmp_path / "data", "history", {f: render(t) for f, t in tables.items()})
    assert (error.file, error.line, error.field) == ("olympic_medals.csv", 6, "athlete_full_name")
    assert error.reason == "not readable as CSV: field larger than field limit (131072)"


def test_the_command_line_says_why_a_source_was_refused(database_url: str, tmp_path: Path) -> None:
    tables = seed_files("history")
    at = tables["olympic_hosts.csv"][0].index("game_end_date")
    cut = [r[:at] + r[at + 1 :] for r in tables["olympic_hosts.csv"]]
    files = {f: render(cut if f == "olympic_hosts.csv" else t) for f, t in tables.items()}
    data = write_folder(tmp_path / "data", "history", files)
    runner = CliRunner()
    assert runner.invoke(app, ["import", "-s", "noc", "--db", database_url]).exit_code == 0
    result = runner.invoke(app, ["import", data, "--source", "history", "--db", database_url])
    assert result.exit_code == 2
    assert "olympic_hosts.csv:1: game_end_date: not in the header" in result.output


def test_an_unreadable_folder_is_a_source_error_naming_the_file(
    podium: Podium, tmp_path: Path
) -> None:
    with pytest.raises(SourceError, match=r"^olympic_hosts.csv: cannot read .*olympic_hosts"):
        podium.import_data(str(tmp_path / "nowhere"), only=["history"])


def test_import_builds_the_nocs_and_reads_no_noc_folder(podium: Podium, tmp_path: Path) -> None:
    """The NOC reference is the package's: a data folder's `noc/` (here a damaged file that
    would be refused whole) is not read, and a folder without one imports all 262 codes."""
    write_folder(tmp_path / "data", "noc", {noc_source.FILE: b"not,a,reference\n"})
    with pytest.raises(SourceError):
        import_source(podium.store, str(tmp_path / "data"), NOC_FILE)
    (report,) = podium.import_data(str(tmp_path / "data"), only=["noc"])
    assert (report.rows, report.used, report.skipped) == (262, 262, [])
    (empty,) = podium.import_data(str(tmp_path / "nowhere"), only=["noc"])
    assert (empty.rows, empty.used) == (262, 262)
    assert len(podium.nocs()) == 262


# -- what a refused row leaves behind, and what a second import finds --------------------


def test_a_skipped_row_leaves_no_event_athlete_or_contest_behind(
    podium: Podium, tmp_path: Path
) -> None:
    """The medal row is refused for its last field read, after its event, contest and
    athlete were worked out: none of them may reach the database."""
    tables = seed_files("history")
    medals = tables["olympic_medals.csv"]
    row = dict(zip(medals[0], medals[-1], strict=True))
    row |= {
        "event_title": "Women's 12345m",
        "participant_type": "Horse",
        "athlete_url": "https://olympics.com/en/athletes/nobody-at-all",
        "athlete_full_name": "Nobody ATALL",
    }
    medals.append([row[c] for c in medals[0]])
    report = imported(
        podium, tmp_path / "data", "history", {f: render(t) for f, t in tables.items()}
    )
    assert [str(s) for s in report.skipped] == [
        f"olympic_medals.csv:{len(medals)}: participant_type: 'Horse' is not Athlete or GameTeam"
    ]
    key = next(e.key for e in podium.store.events() if e.title == "Men's Moguls")
    assert podium.store.athlete("olympics:nobody-at-all") is None
    assert podium.store.event(key.replace("moguls", "12345m")) is None
    assert [e.key for e in podium.find_events("12345m")] == []


def test_one_athlete_spelled_two_ways_is_one_athlete_on_every_import(
    podium: Podium, tmp_path: Path
) -> None:
    """Stefania Constantini (ITA, code 25980) is in the history as a 2022 medallist; a
    second medallist row with her code and a longer name must not split her in two, which
    made the second import of the same folder add a team member."""
    history_seed = {f: render(t) for f, t in seed_files("history").items()}
    imported(podium, tmp_path / "history", "history", history_seed)
    tables = seed_files("milano-cortina-2026")
    medallists = tables["medallists.csv"]
    header = medallists[0]
    downhill = next(
        dict(zip(header, r, strict=True))
        for r in medallists[1:]
        # the bronze: a second one is a tie, where a second gold or silver would be refused
        if r[header.index("event_name")] == "Men's Downhill"
        and r[header.index("medal")] == "BRONZE"
    )
    downhill |= {"code": "25980", "name": "CONSTANTINI Stefania Maria", "country_code": "ITA"}
    medallists.append([downhill[c] for c in header])
    report = imported(
        podium, tmp_path / "data", "milano-cortina-2026", {f: render(t) for f, t in tables.items()}
    )
    assert report.skipped == []
    mixed = podium.store.awards(games=["milano-cortina-2026"], noc="ITA")
    holders = {m for a in mixed for m in (a.members or (a.athlete,))}
    assert "olympics:stefania-constantini" in holders
    assert not any(h and h.endswith(":25980") for h in holders)


# -- a path and a URL read hostile bytes alike --------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "served"
    folder.mkdir()
    with serve_folder(folder) as url:
        yield url, folder


def test_a_url_reads_hostile_bytes_exactly_like_a_path(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    """Unicode line separators inside a field, bytes that are not UTF-8 and a NUL: the URL
    used to split lines where csv does not and to replace bad bytes without a word."""
    url, folder = served
    tables = seed_files("history")
    medals = tables["olympic_medals.csv"]
    name = medals[0].index("athlete_full_name")
    medals[2][name] = "Amos\u2028MOSANER"
    medals[3][name] = "Kristin\x85SKASLIEN"
    medals[5][name] = "Almida DE\x00VAL"
    write_folder(folder, "history", {f: render(t) for f, t in tables.items()})
    reports = []
    for n, data in enumerate((str(folder), url)):
        with Podium(f"sqlite:///{tmp_path / f'{n}.db'}") as p:
            p.import_data(str(DATA), only=["noc"])
            (report,) = p.import_data(data, only=["history"])
            reports.append(report)
            athletes = {a.key: a.name for a in p.athletes(["olympics:amos-mosaner"]).values()}
            assert athletes == {"olympics:amos-mosaner": "Amos Mosaner"}
    by_path, by_url = reports
    assert (
        [str(s) for s in by_url.skipped]
        == [str(s) for s in by_path.skipped]
        == ["olympic_medals.csv:6: athlete_full_name: contains a NUL character"]
    )
    assert (by_url.rows, by_url.used, by_url.added) == (by_path.rows, by_path.used, by_path.added)
    # a byte that is not UTF-8 refuses the file, by URL as by path
    medals[4][name] = "Magnus \udcffNEDREGOTTEN"
    write_folder(folder, "history", {f: render(t) for f, t in tables.items()})
    refusals = []
    for n, data in enumerate((str(folder), url)):
        with Podium(f"sqlite:///{tmp_path / f'bad{n}.db'}") as p:
            p.import_data(str(DATA), only=["noc"])
            with pytest.raises(SourceError) as refused:
                p.import_data(data, only=["history"])
            refusals.append(str(refused.value))
    assert refusals == [refusals[0]] * 2
    assert refusals[0].startswith("olympic_medals.csv:5: athlete_full_name: not UTF-8 (byte 0xFF)")
