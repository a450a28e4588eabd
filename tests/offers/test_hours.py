"""Opening hours as people write them."""

import datetime as dt

import pytest
from django.utils import translation

from praeventionsnetz.core.i18n import translate
from praeventionsnetz.offers.hours import HoursError, format_day, parse_day

T = dt.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("9–12", [(T(9), T(12))]),
        ("9-12, 14:30-18", [(T(9), T(12)), (T(14, 30), T(18))]),
        ("14.30 bis 18 Uhr; 8 - 11", [(T(8), T(11)), (T(14, 30), T(18))]),
        ("9:00–12:00 und 13–15", [(T(9), T(12)), (T(13), T(15))]),
    ],
)
def test_parses_what_people_write(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("vormittags", "verstehen wir nicht"),
        ("12–9", "vor der Schließzeit"),
        ("9–25", "keine Uhrzeit"),
        ("9–12, 11–13", "überschneiden"),
    ],
)
def test_refuses_with_a_plain_message(text, message):
    with pytest.raises(HoursError) as raised:
        parse_day(text)
    with translation.override("de"):
        assert message in translate(raised.value.message)


def test_the_message_is_english_until_it_is_translated():
    with pytest.raises(HoursError, match="We do not understand “vormittags”"):
        parse_day("vormittags")


def test_format_is_the_inverse_of_parse():
    intervals = [(T(9), T(12)), (T(14, 30), T(18))]
    assert format_day(intervals) == "9–12, 14:30–18"
    assert parse_day(format_day(intervals)) == intervals
