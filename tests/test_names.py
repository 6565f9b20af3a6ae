"""Names in natural order, whichever way round a source prints them."""

from __future__ import annotations

import pytest

from podium.names import parse_family_first, parse_given_first


@pytest.mark.parametrize(
    ("raw", "natural"),
    [
        ("KOK Femke", "Femke Kok"),
        ("van 'T WOUT Jens", "Jens van 't Wout"),
        ("de BOO Jenning", "Jenning de Boo"),
        ("RIJPMA-de JONG Antoinette", "Antoinette Rijpma-de Jong"),
        ("von ALLMEN Franjo", "Franjo von Allmen"),
        ("AABREKK Ingrid Bergene", "Ingrid Bergene Aabrekk"),
        ("O'BRIEN Conor", "Conor O'Brien"),
    ],
)
def test_family_first(raw: str, natural: str) -> None:
    assert parse_family_first(raw).natural == natural


@pytest.mark.parametrize(
    ("raw", "natural"),
    [
        ("Margot BOER", "Margot Boer"),
        ("Michel MULDER", "Michel Mulder"),
        ("Bob de JONG", "Bob de Jong"),
        ("Jan SMEEKENS", "Jan Smeekens"),
        ("Jorrit BERGSMA", "Jorrit Bergsma"),
    ],
)
def test_given_first(raw: str, natural: str) -> None:
    assert parse_given_first(raw).natural == natural


def test_one_person_matches_across_spellings() -> None:
    assert (
        parse_given_first("Jutta LEERDAM").match_key
        == parse_family_first("LEERDAM Jutta").match_key
    )
    assert parse_family_first("WÜST Ireen").match_key == parse_given_first("Ireen WUST").match_key
