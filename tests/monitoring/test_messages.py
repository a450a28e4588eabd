"""Showing and storing the messages of the pure modules (monitoring.services.messages)."""

import json

from django.utils import translation

from praeventionsnetz.core.text import Message, gettext_noop, ngettext_noop
from praeventionsnetz.monitoring.services.messages import (
    error_text,
    message_data,
    message_from_data,
    stored_text,
    translate,
)

AREAS = ngettext_noop("%(counter)s area", "%(counter)s areas")
NESTED = Message(
    gettext_noop("Feature %(row)s: %(message)s"),
    {
        "row": 3,
        "message": Message(AREAS[0], {"counter": 1}, plural=AREAS[1], count_param="counter"),
    },
)


def test_messages_in_parameters_are_translated_too():
    with translation.override("de"):
        assert translate(NESTED) == "Feature 3: 1 Gebiet"
    with translation.override("en"):
        assert translate(NESTED) == "Feature 3: 1 area"
    assert translate("schon übersetzt") == "schon übersetzt"


def test_a_stored_message_survives_json_and_is_translated_when_shown():
    stored = json.loads(json.dumps(message_data(NESTED)))
    assert stored["params"]["message"] == {
        "msgid": "%(counter)s area",
        "params": {"counter": 1},
        "plural": "%(counter)s areas",
        "count_param": "counter",
    }
    assert message_from_data(stored) == NESTED
    with translation.override("de"):
        assert stored_text(stored) == "Feature 3: 1 Gebiet"
    with translation.override("en"):
        assert stored_text(stored) == "Feature 3: 1 area"


def test_text_stored_before_messages_is_shown_as_it_is():
    assert message_data("Platz 1") == "Platz 1"
    with translation.override("en"):
        assert stored_text("Platz 1, Punktzahl +1,90: ausgewählt") == (
            "Platz 1, Punktzahl +1,90: ausgewählt"
        )


def test_errors_show_their_message_or_their_text():
    error = ValueError(Message(gettext_noop("Choose a period.")))
    with translation.override("de"):
        assert error_text(error) == "Wählen Sie einen Zeitraum."
        assert error_text(ValueError("could not convert")) == "could not convert"
