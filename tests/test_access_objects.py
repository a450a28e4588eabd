"""Object-level access: tests/access_matrix.py OBJECT_MATRIX for every persona.

The URL matrix (tests/core/test_access.py) checks who may open a URL at all; these cases check
that the object decides: one's own wave, organisation, offer or area against a foreign one.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.network import services
from praeventionsnetz.network.models import SurveyWave
from praeventionsnetz.offers.models import Status
from tests.access_matrix import ALL, OBJECT_MATRIX
from tests.factories import OrganisationFactory
from tests.offers.factories import ServiceFactory

CASES = [(case, persona) for case, *_rest in OBJECT_MATRIX for persona in ALL]
BY_ID = {case: rest for case, *rest in OBJECT_MATRIX}


def _wave(area, by, name):
    return services.wave_start(
        area=area,
        name=name,
        closes_on=timezone.localdate() + dt.timedelta(days=7),
        by=by,
        organisations=[_organisation_in(area, f"Kita in {area.name}")],
    )


def _organisation_in(area, name):
    org = OrganisationFactory(name=name, city=area.city or area)
    org.areas_served.add(area)
    return org


def _build(name, request):
    district = request.getfixturevalue("district")
    other = request.getfixturevalue("other_district")
    if name == "own_wave":
        return _wave(district, request.getfixturevalue("coordinator"), "Befragung Nord")
    if name == "foreign_wave":
        return _wave(other, request.getfixturevalue("other_coordinator"), "Befragung Süd")
    if name == "city_wave":
        wave = _wave(request.getfixturevalue("city"), request.getfixturevalue("planner"), "Stadt")
        for area in (district, other):
            org = _organisation_in(area, f"Schule in {area.name}")
            wave.invitations.create(organisation=org, nonce="0" * 16)
        return wave
    if name == "own_organisation":
        return _organisation_in(district, "Familienzentrum Nord")
    if name == "foreign_organisation":
        return _organisation_in(other, "Familienzentrum Süd")
    if name == "own_offer":
        organisation = request.getfixturevalue("organisation")  # the member's organisation
        organisation.areas_served.add(district)
        return ServiceFactory(organisation=organisation, name="Beratung", status=Status.REVIEW)
    if name == "foreign_offer":
        organisation = _organisation_in(other, "Träger Süd")
        return ServiceFactory(organisation=organisation, name="Elterncafé", status=Status.REVIEW)
    raise LookupError(name)


def _data(name, request, obj):
    if name is None:
        return {}
    if name == "tie":
        partner = OrganisationFactory(name="Partner", city=obj.city)
        return {"partner": str(partner.pk), "art": "case"}
    area = request.getfixturevalue("district" if name == "wave_in_own_area" else "other_district")
    _organisation_in(area, "Kita")
    end = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    return {"gebiet": str(area.pk), "name": "Neue Befragung", "ende": end}


@pytest.mark.parametrize(("case", "persona"), CASES, ids=[f"{c}-{p}" for c, p in CASES])
def test_the_object_decides_as_the_matrix_says(case, persona, request, client):
    url_name, method, builder, data_builder, expected = BY_ID[case]
    # Personas exist before the objects, as the coordinators own some of them.
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    obj = _build(builder, request) if builder else None
    data = _data(data_builder, request, obj)
    if user is not None:
        client.force_login(user)
    url = reverse(url_name, kwargs={"pk": obj.pk} if obj is not None else {})
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == expected[persona]
    if persona == "anonymous":
        assert reverse("core:login") in response["Location"]


def test_refused_personas_change_nothing(client, request, coordinator):
    wave = _build("city_wave", request)
    client.force_login(coordinator)
    assert client.post(reverse("network:wave-close", args=[wave.pk])).status_code == 403
    assert SurveyWave.objects.get(pk=wave.pk).is_open
