"""Forms of the network pages: valid input as the views always read it, bad input refused."""

import pytest

from praeventionsnetz.network.forms import MergeForm, TieForm
from tests.factories import OrganisationFactory


def messages_of(form):
    return {str(message) for errors in form.errors.values() for message in errors}


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Schule Nord")


@pytest.fixture
def reporter(db):
    return OrganisationFactory(name="Kita Nord")


def test_tie_form_reads_partner_kind_frequency_and_intensity(partner, reporter):
    data = {"partner": str(partner.pk), "art": "joint_offer", "haeufigkeit": "monthly"}
    form = TieForm({**data, "intensitaet": "4"}, reporter=reporter)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "partner": partner,
        "art": "joint_offer",
        "haeufigkeit": "monthly",
        "intensitaet": 4,
    }


@pytest.mark.parametrize(
    ("frequency", "intensity"), [("", ""), ("sometimes", "9"), (" monthly", "4 ")]
)
def test_tie_form_takes_unknown_frequency_and_intensity_as_not_given(
    partner, reporter, frequency, intensity
):
    form = TieForm(
        {"partner": partner.pk, "art": "case", "haeufigkeit": frequency, "intensitaet": intensity},
        reporter=reporter,
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["haeufigkeit"], form.cleaned_data["intensitaet"]) == ("", None)


@pytest.mark.parametrize(
    "data",
    [
        {"art": "case"},
        {"partner": "", "art": "case"},
        {"partner": "abc", "art": "case"},
        {"partner": "999999", "art": "case"},
        {"partner": "PARTNER"},
        {"partner": "PARTNER", "art": "provider"},  # taken from the registry, never by hand
        {"partner": "PARTNER", "art": "gossip"},
    ],
)
def test_tie_form_refuses_a_missing_or_unknown_partner_or_kind(partner, reporter, data):
    data = {key: str(partner.pk) if value == "PARTNER" else value for key, value in data.items()}
    form = TieForm(data, reporter=reporter)
    assert not form.is_valid()
    assert messages_of(form) == {str(TieForm.CHOOSE_PARTNER)}


def test_tie_form_refuses_a_partner_of_another_city(reporter):
    from tests.factories import CityFactory

    dresden, berlin = CityFactory(), CityFactory()
    reporter.city = dresden
    reporter.save()
    elsewhere = OrganisationFactory(name="Schule Berlin", city=berlin)
    form = TieForm({"partner": str(elsewhere.pk), "art": "case"}, reporter=reporter)
    assert not form.is_valid()
    assert messages_of(form) == {str(TieForm.CHOOSE_PARTNER)}


def test_merge_form_reads_two_ids():
    form = MergeForm({"behalten": "12", "entfernen": "34"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"behalten": 12, "entfernen": 34}


@pytest.mark.parametrize(
    "data", [{}, {"behalten": "12"}, {"behalten": "abc", "entfernen": "34"}, {"behalten": "1.5"}]
)
def test_merge_form_refuses_missing_or_malformed_ids(data):
    form = MergeForm(data)
    assert not form.is_valid()
    assert messages_of(form) == {str(MergeForm.CHOOSE_PAIR)}
