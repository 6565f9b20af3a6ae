"""Reading the one R data file Podium fetches (Olympedia's athletes, an `.rda` of one data
frame) into CSV, with the standard library: R's XDR serialization, version 2 or 3, of
vectors, pairlists, symbols, references and compact integer sequences; nothing else
(closures, environments, bytecode) is needed for a data frame, and meeting one is an error.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import hashlib
import io
import lzma
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NIL, SYM, LIST, CHAR, LGL, INT, REAL, STR, VEC = 254, 1, 2, 9, 10, 13, 14, 16, 19
REF, ALTREP, GLOBALENV, EMPTYENV, BASEENV, MISSINGARG = 255, 238, 253, 242, 241, 251
NA_INT = -(2**31)
_NA_REAL_LOW = 1954  # R's NA_real_ is a NaN whose low word is 1954


class RDataError(ValueError):
    """A file that is not an R data file of the shape Podium reads."""


@dataclass
class RObject:
    value: Any
    attributes: dict[str, Any] = field(default_factory=dict)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0
        self.refs: list[Any] = []

    def take(self, n: int) -> bytes:
        chunk = self.data[self.at : self.at + n]
        if len(chunk) != n:
            raise RDataError("the file ends inside an object")
        self.at += n
        return chunk

    def integer(self) -> int:
        value: int = struct.unpack(">i", self.take(4))[0]
        return value

    def length(self) -> int:
        n = self.integer()
        return (self.integer() << 32) + self.integer() if n == -1 else n

    def item(self) -> Any:
        flags = self.integer()
        kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind in (NIL, GLOBALENV, EMPTYENV, BASEENV, MISSINGARG):
            return None
        if kind == REF:
            index = flags >> 8 or self.integer()
            return self.refs[index - 1]
        if kind == SYM:
            name = self.item()
            self.refs.append(name)
            return name
        if kind == CHAR:
            n = self.integer()
            if n == -1:
                return None
            raw = self.take(n)
            return raw.decode("latin-1" if flags & (1 << 14) else "utf-8", "replace")
        if kind == LIST:
            attributes = self._attributes() if has_attr else {}
            tag = self.item() if has_tag else None
            pairs = [(tag, self.item())]
            rest = self.item()
            if isinstance(rest, RObject) and isinstance(rest.value, list):
                pairs += rest.value
            return RObject(pairs, attributes)
        if kind == ALTREP:
            info, state = self.item(), self.item()
            attributes = _pairs(self.item())
            return RObject(_altrep(info, state), attributes)
        if kind in (LGL, INT):
            n = self.length()
            ints = struct.unpack(f">{n}i", self.take(4 * n))
            value: Any = [None if v == NA_INT else v for v in ints]
        elif kind == REAL:
            n = self.length()
            raw = self.take(8 * n)
            lows = struct.unpack(f">{2 * n}I", raw)[1::2]
            reals = struct.unpack(f">{n}d", raw)
            value = [
                None if r != r and low == _NA_REAL_LOW else r
                for r, low in zip(reals, lows, strict=True)
            ]
        elif kind in (STR, VEC):
            value = [self.item() for _ in range(self.length())]
        else:
            raise RDataError(f"an R object of type {kind} is not read here")
        return RObject(value, self._attributes() if has_attr else {})

    def _attributes(self) -> dict[str, Any]:
        return _pairs(self.item())


def _pairs(pairlist: Any) -> dict[str, Any]:
    return {} if pairlist is None else {tag: value for tag, value in pairlist.value}


def _altrep(info: Any, state: Any) -> list[Any]:
    name = info.value[0][1] if isinstance(info, RObject) else None
    if name in ("compact_intseq", "compact_realseq"):
        n, start, step = state.value
        kind = int if name == "compact_intseq" else float
        return [kind(start + i * step) for i in range(int(n))]
    if name and name.startswith("wrap_"):
        return list(state.value[0][1].value)
    raise RDataError(f"the R object representation {name!r} is not read here")


def _open(data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:3] == b"BZh":
        return bz2.decompress(data)
    if data[:6] == b"\xfd7zXZ\x00":
        return lzma.decompress(data)
    return data


def objects(data: bytes) -> dict[str, Any]:
    """The named objects saved in an `.rda` file's bytes."""
    raw = _open(data)
    if raw[:5] not in (b"RDX2\n", b"RDX3\n") or raw[5:7] != b"X\n":
        raise RDataError("not an R data file in XDR format (RDX2/RDX3)")
    reader = _Reader(raw[7:])
    version = reader.integer()
    reader.integer(), reader.integer()  # the R versions that wrote it and can read it
    if version == 3:
        reader.take(reader.integer())  # the native encoding
    return _pairs(reader.item())


def rows(frame: RObject) -> Iterator[list[Any]]:
    """A data frame's header, then its rows (None for NA; factors as their labels)."""
    names = frame.attributes["names"].value
    columns = []
    for column in frame.value:
        levels = column.attributes.get("levels")
        if levels is not None:
            columns.append([None if v is None else levels.value[v - 1] for v in column.value])
        else:
            columns.append(column.value)
    yield names
    yield from (list(row) for row in zip(*columns, strict=True))


def to_csv_gz(rda: Path, name: str, target: Path) -> str:
    """The data frame `name` of `rda` as a gzip CSV: integers as written, reals as Python
    writes them (154.0), NA as an empty field. Returns the SHA-256 of the CSV."""
    frame = objects(rda.read_bytes()).get(name)
    if not isinstance(frame, RObject) or "names" not in frame.attributes:
        raise RDataError(f"{rda.name}: no data frame {name!r}")
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows(frame))
    data = text.getvalue().encode("utf-8")
    target.write_bytes(gzip.compress(data, mtime=0))  # mtime 0: the same bytes every time
    return hashlib.sha256(data).hexdigest()
