"""Message catalogs (Project Fluent, one folder of .ftl files per language): Python decides
what a story says, the catalog how it is said (plurals, gender, number words, variants).
An editor changes a phrase in the .ftl without touching code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax import FluentParser
from fluent.syntax.ast import Junk
from num2words import num2words

LOCALES = Path(__file__).parent / "locales"
# Counts above this are printed as digits, as a newsroom does.
WORDS_UP_TO = 20


def _int(value: Any) -> int:
    return int(value)


class Catalog:
    """One language's messages. `locale` names the grammar (plural rules, number words,
    month names) and may differ from the folder (a pseudo-locale borrows English grammar)."""

    def __init__(self, lang: str, folder: Path | None = None, locale: str | None = None) -> None:
        self.lang = lang
        self.locale = locale or lang
        loc = self.locale
        functions: dict[str, Callable[..., Any]] = {
            "WORD": lambda n: self.word(int(n)),
            # 'yes' where WORD writes a word, not digits: 'achtmaal' but '29 keer'
            "SPELLED": lambda n: "yes" if 0 <= int(n) <= WORDS_UP_TO else "no",
            "ORD": lambda n: self.ordinal(int(n)),
            "DIGITS": lambda n: self.digits(int(n)),
            "DAY": lambda d: str(format_date(date.fromisoformat(str(d)), "d MMMM", locale=loc)),
            "SHORTDAY": lambda d: str(format_date(date.fromisoformat(str(d)), "d MMM", locale=loc)),
            "DATE": lambda d: str(format_date(date.fromisoformat(str(d)), "d MMMM y", locale=loc)),
            "WEEKDAY": lambda d: str(format_date(date.fromisoformat(str(d)), "EEEE", locale=loc)),
        }
        self.bundle = FluentBundle([loc], use_isolating=False, functions=functions)
        for path in sorted((folder or LOCALES / lang).glob("*.ftl")):
            text = path.read_text(encoding="utf-8")
            # an editor's syntax error names its file and line instead of a missing message
            for entry in FluentParser().parse(text).body:
                if isinstance(entry, Junk):
                    line = text.count("\n", 0, entry.span.start if entry.span else 0) + 1
                    note = entry.annotations[0].message if entry.annotations else "syntax"
                    raise ValueError(f"{path}:{line}: {note}")
            self.bundle.add_resource(FluentResource(text))

    def word(self, n: int) -> str:
        if 0 <= n <= WORDS_UP_TO:
            return str(num2words(n, lang=self.locale))
        return self.digits(n)

    def ordinal(self, n: int) -> str:
        if 0 < n <= WORDS_UP_TO:
            return str(num2words(n, lang=self.locale, to="ordinal"))
        return self("ordinal-digits", n=n)

    def digits(self, n: int) -> str:
        return self("digits", n=f"{n:,}").replace(",", self("thousands-separator"))

    def has(self, msg: str) -> bool:
        return self.bundle.has_message(msg)

    def __call__(self, msg: str, **args: Any) -> str:
        message = self.bundle.get_message(msg)
        if message.value is None:
            raise KeyError(f"{self.lang}: message {msg!r} has no value")
        text, errors = self.bundle.format_pattern(message.value, _fluent(args))
        if errors:
            raise ValueError(f"{self.lang}: {msg}: {errors[0]}")
        return str(text)

    def variants(self, msg: str, **args: Any) -> list[str]:
        """Every wording of a message: its value and its attributes (.b, .c, ...), in order."""
        message = self.bundle.get_message(msg)
        out = [self(msg, **args)]
        for name in sorted(message.attributes):
            text, errors = self.bundle.format_pattern(message.attributes[name], _fluent(args))
            if errors:
                raise ValueError(f"{self.lang}: {msg}.{name}: {errors[0]}")
            out.append(str(text))
        return out

    def join(self, items: list[str]) -> str:
        """'A, B en C' / 'A, B and C'."""
        if len(items) <= 1:
            return "".join(items)
        head = self("list-separator").join(items[:-1])
        return self("list-last", head=head, last=items[-1])


def _fluent(args: dict[str, Any]) -> dict[str, Any]:
    """Arguments as Fluent takes them: numbers and text (None is said as 'none')."""
    return {k: v if isinstance(v, int | str) else str(v).lower() for k, v in args.items()}


_REGISTERED: dict[str, Catalog] = {}


def register(cat: Catalog) -> None:
    """Make a catalog from elsewhere (a pseudo-locale, a desk's own wording) a language."""
    _REGISTERED[cat.lang] = cat
    catalog.cache_clear()


def languages() -> tuple[str, ...]:
    """The languages stories can be written in: a folder of .ftl files each, or registered."""
    found = {p.name for p in LOCALES.iterdir() if p.is_dir() and any(p.glob("*.ftl"))}
    return tuple(sorted(found | set(_REGISTERED)))


@cache
def catalog(lang: str) -> Catalog:
    return _REGISTERED.get(lang) or Catalog(lang)
