from django.utils import translation

from praeventionsnetz.core.i18n import translate
from praeventionsnetz.core.text import Message, gettext_noop


def test_message_from_a_pure_module_is_translated_where_it_is_shown():
    message = Message(gettext_noop("Choose a period."))
    assert str(message) == "Choose a period."
    with translation.override("de"):
        assert translate(message) == "Wählen Sie einen Zeitraum."
    with translation.override("en"):
        assert translate(message) == "Choose a period."


def test_message_parameters_are_filled_after_translation():
    message = Message(gettext_noop("The number must be between 1 and %(max)s."), {"max": 9})
    with translation.override("de"):
        assert translate(message) == "Die Anzahl muss zwischen 1 und 9 liegen."
    assert str(message) == "The number must be between 1 and 9."


def test_plain_strings_pass_unchanged():
    assert translate("schon übersetzt") == "schon übersetzt"


def test_messages_in_parameters_are_translated_too():
    row_error = Message(
        gettext_noop("Row %(row)s: %(message)s"),
        {"row": 4, "message": Message(gettext_noop("Choose a period."))},
    )
    with translation.override("de"):
        assert translate(row_error) == "Zeile 4: Wählen Sie einen Zeitraum."
    assert str(row_error) == "Row 4: Choose a period."


def test_tel_number_keeps_digits_and_one_leading_plus():
    from praeventionsnetz.core.text import tel_number

    assert tel_number("0351 / 488-0") == "03514880"
    assert tel_number("+49 (351) 12+3") == "+4935112" + "3"
    assert tel_number('<a href="x">') == ""
