"""Amounts as residents type them in German, parsed to cents without Django."""

import pytest

from praeventionsnetz.funding.budget import AmountError, parse_euros


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1.250,50 €", 125_050),
        ("1250,5", 125_050),
        ("1250", 125_000),
        ("80 €", 8_000),
        ("0,99", 99),
        ("1.250", 125_000),  # a dot before three digits groups thousands
        ("12.50", 1_250),  # a dot before two digits is a decimal point
        ("1 250,00 EUR", 125_000),
        ("2.000.000", 200_000_000),
        ("\u00a01.000,00\u00a0€", 100_000),
    ],
)
def test_german_amounts_are_read_to_the_cent(text, cents):
    assert parse_euros(text) == cents


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("zwölf", "format"),
        ("1,2,3", "format"),
        ("12.5.0", "format"),
        ("1.25,00", "format"),
        ("1,505", "cents"),
        ("0", "zero"),
        ("0,00 €", "zero"),
        ("-5", "zero"),
        ("99999999999", "large"),
    ],
)
def test_amounts_that_cannot_be_read_say_why(text, reason):
    with pytest.raises(AmountError) as info:
        parse_euros(text)
    assert info.value.reason == reason
