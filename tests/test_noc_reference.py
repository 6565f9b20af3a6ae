"""The NOC reference Podium builds (codes and status listed in the package, current names from
CLDR through Babel) against the compiled copy in ../shared/data, difference by difference."""

from __future__ import annotations

import csv
from pathlib import Path

from babel import Locale

from podium import Podium
from podium.importers import noc

# Every way the built reference differs from the compiled file, and why.
DIFFERENCES = {
    # the compiled file drops the hyphen; CLDR and the IOC write "Guinea-Bissau"
    ("GBS", "name_en"): ("Guinea Bissau", "Guinea-Bissau"),
}


def _compiled(data_dir: Path) -> dict[str, dict[str, str]]:
    with open(data_dir / "noc" / noc.FILE, encoding="utf-8", newline="") as handle:
        return {row["noc"]: row for row in csv.DictReader(handle)}


def test_the_built_reference_is_the_compiled_one_but_for_the_explained_differences(
    data_dir: Path,
) -> None:
    built = {row["noc"]: row for row in noc.reference()}
    compiled = _compiled(data_dir)
    assert list(built) == list(compiled)  # the same 262 codes in the same order
    found = {
        (code, column): (compiled[code][column], row[column])
        for code, row in built.items()
        for column in row
        if row[column] != compiled[code][column]
    }
    assert found == DIFFERENCES


def test_current_names_are_cldrs_unless_the_ioc_names_them_otherwise() -> None:
    built = {row["noc"]: row for row in noc.reference()}
    english, dutch = Locale("en").territories, Locale("nl").territories
    assert (built["NED"]["name_en"], built["NED"]["name_nl"]) == (english["NL"], dutch["NL"])
    assert (built["NED"]["name_en"], built["NED"]["name_nl"]) == ("Netherlands", "Nederland")
    assert (built["TPE"]["name_en"], built["TPE"]["name_nl"]) == (
        "Chinese Taipei",
        "Chinees Taipei",
    )
    assert (built["GBR"]["name_en"], built["GBR"]["name_nl"]) == (
        "Great Britain",
        "Groot-Brittannië",
    )
    # historic and special NOCs have no ISO code (no flag) and both names in the list
    assert {
        code: (row["iso2"], row["name_nl"])
        for code, row in built.items()
        if code in ("URS", "FRG", "AIN", "ROC")
    } == {
        "URS": ("", "Sovjet-Unie"),
        "FRG": ("", "West-Duitsland"),
        "AIN": ("", "Individuele Neutrale Atleten"),
        "ROC": ("", "Russisch Olympisch Comité"),
    }


def test_the_built_reference_imports_as_the_noc_source(podium: Podium, tmp_path: Path) -> None:
    noc.write_reference(tmp_path / "noc" / noc.FILE)
    (report,) = podium.import_data(str(tmp_path), only=["noc"])
    assert (report.rows, report.used, report.skipped) == (262, 262, [])
    nocs = podium.nocs()
    assert (nocs["GBS"].name_en, nocs["NED"].name_nl, nocs["NED"].iso2) == (
        "Guinea-Bissau",
        "Nederland",
        "NL",
    )
