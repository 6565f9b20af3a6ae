"""Inline SVG charts as plain geometry: the templates draw it (autoescaped, no script)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 640, 240, 32


@dataclass(frozen=True)
class Segment:
    y: float
    height: float
    medal: str  # gold | silver | bronze: the CSS class


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    label: str
    title: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Point:
    """One day of a line, with its own tooltip: the day as the axis names it and the value."""

    x: float
    y: float
    day: str
    value: int


@dataclass(frozen=True)
class Line:
    label: str
    title: str
    points: str  # "x,y x,y ..." for <polyline>
    end_x: float
    end_y: float
    colour: int  # index into a palette of CSS classes
    label_y: float = 0.0  # where the end label stands: moved off its neighbours
    me: bool = False  # the reader's country: drawn bold
    dots: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...] = ()
    lines: tuple[Line, ...] = ()
    ticks: tuple[tuple[float, str], ...] = ()  # y and label of the value axis
    x_labels: tuple[tuple[float, str], ...] = ()


def _ticks(top: int, plot: float) -> tuple[tuple[float, str], ...]:
    step = max(1, -(-top // 4))
    return tuple((HEIGHT - PAD - v / top * plot, str(v)) for v in range(0, top + 1, step))


def stacked_bars(items: Sequence[tuple[str, str, int, int, int]]) -> Chart:
    """(label, title, gold, silver, bronze) per bar, bottom to top bronze, silver, gold."""
    if not items:
        return Chart(WIDTH, HEIGHT)
    top = max(1, *(g + s + b for _, _, g, s, b in items))
    plot = HEIGHT - 2 * PAD
    slot = (WIDTH - PAD) / len(items)
    bars = []
    for i, (label, title, gold, silver, bronze) in enumerate(items):
        y: float = HEIGHT - PAD
        segments = []
        for medal, n in (("bronze", bronze), ("silver", silver), ("gold", gold)):
            h = n / top * plot
            y -= h
            if n:
                segments.append(Segment(round(y, 1), round(h, 1), medal))
        x = PAD + i * slot + slot * 0.15
        bars.append(Bar(round(x, 1), round(slot * 0.7, 1), label, title, tuple(segments)))
    return Chart(WIDTH, HEIGHT, bars=tuple(bars), ticks=_ticks(top, plot))


LABEL_GAP = 17.0  # viewBox units between end labels: a 14-unit label's box, and air


def dodge(ys: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions as near `ys` as can be with at least `gap` between any two, inside
    [low, high]: placed top to bottom, each pushed below the one above, and the whole column
    pushed up again where it ran past `high`. Order is kept."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [0.0] * len(ys)
    last = low - gap
    for i in order:
        last = max(ys[i], last + gap, low)
        placed[i] = last
    limit = high
    for i in reversed(order):
        if placed[i] > limit:
            placed[i] = limit
        limit = placed[i] - gap
    return [round(y, 1) for y in placed]


def lines(
    days: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    day_labels: Sequence[str] = (),
    me: str = "",
) -> Chart:
    """One line per (label, title, value per day); the line labelled `me` drawn bold. The
    end labels never overlap (`dodge`); the x axis shows `day_labels` (one per day, e.g.
    '7 feb.'), every other one; each day is a point with its own day label and value."""
    if not days or not series:
        return Chart(WIDTH, HEIGHT)
    top = max(1, *(max(v) for _, _, v in series if v))
    plot = HEIGHT - 2 * PAD
    step = (WIDTH - 2 * PAD - 40) / max(1, len(days) - 1)
    out = []
    names = list(day_labels) or [d[8:10] for d in days]
    ends = [HEIGHT - PAD - (v[-1] if v else 0) / top * plot for _, _, v in series]
    label_ys = dodge(ends, LABEL_GAP, PAD / 2, HEIGHT - PAD)
    for n, (label, title, values) in enumerate(series):
        pts = [(PAD + i * step, HEIGHT - PAD - v / top * plot) for i, v in enumerate(values)]
        text = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        end_x, end_y = round(pts[-1][0], 1), round(pts[-1][1], 1)
        dots = tuple(
            Point(round(x, 1), round(y, 1), names[i], values[i]) for i, (x, y) in enumerate(pts)
        )
        out.append(Line(label, title, text, end_x, end_y, n % 8, label_ys[n], label == me, dots))
    x_labels = tuple((round(PAD + i * step, 1), names[i]) for i in range(len(days)) if i % 2 == 0)
    return Chart(WIDTH, HEIGHT, lines=tuple(out), ticks=_ticks(top, plot), x_labels=x_labels)
