"""The demo's offers declare the transitions they accompany."""

from praeventionsnetz.network.models import Organisation, OrgKind
from praeventionsnetz.offers.demo import offers_of
from praeventionsnetz.offers.models import Transition


def _transitions(name, kind):
    return {t for offer in offers_of(Organisation(name=name, kind=kind)) for t in offer[3]}


def test_a_secondary_school_open_day_is_no_daycare_to_primary_offer():
    assert _transitions("Oberschule 1 Pieschen (Demodaten)", OrgKind.SCHOOL) == {
        Transition.PRIMARY_SECONDARY
    }
    assert _transitions("Grundschule 1 Pieschen (Demodaten)", OrgKind.SCHOOL) == {
        Transition.DAYCARE_PRIMARY
    }
