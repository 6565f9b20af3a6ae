"""Run every benchmark and write bench/RESULTS.md with this machine's numbers and the date.

Each module in bench/ with a `run()` returning (name, value, unit, target) rows is included."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = (
    "core",
    "people",
    "story",
    "web",
    "fanout",
    "load",
    "odf",
    "projection",
    "feeds",
    "hostile",
)


def main() -> None:
    sys.path.insert(0, str(HERE))
    lines = [
        "# Benchmark results",
        "",
        f"{date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; `make bench` writes this file.",
        "",
    ]
    for name in MODULES:
        if not (HERE / f"{name}.py").exists():
            continue
        module = importlib.import_module(name)
        run = getattr(module, "run", None)
        if run is None:
            continue
        print(f"== {name}", flush=True)
        lines += [f"## {name}", "", "| measure | value | unit | target |", "|---|---:|---|---|"]
        for measure, value, unit, target in run():
            print(f"{measure:55} {value:12.3f} {unit:8} {target}", flush=True)
            lines.append(f"| {measure} | {value:.3f} | {unit} | {target} |")
        lines.append("")
    (HERE / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
