"""An import preview is confirmed once, also by two requests at the same moment; old
previews are deleted."""

import datetime as dt
import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.core.models import Job, Upload
from praeventionsnetz.core.uploads import (
    UploadConsumed,
    UploadGone,
    upload_claim,
    upload_store,
    uploads_clean,
)
from praeventionsnetz.monitoring.models import Observation
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers.models import Service
from tests.concurrency import needs_row_locks, together
from tests.factories import AreaFactory, CityFactory, UserFactory
from tests.monitoring.factories import IndicatorFactory

ALREADY = "Dieser Import wurde bereits übernommen."

ORGS = "name;art;sektor;ebene;traeger;strasse;plz;ort;laengengrad;breitengrad\n" + "".join(
    f"Kita {n};kita;youth_welfare;facility;;Weg {n};01067;Dresden;;\n" for n in range(1, 6)
)

MONITORING_FORM = {
    "stadt": "teststadt",
    "ebene": "stadtraum",
    "format": "long",
    "dezimal": ",",
    "spalte_gebiet": "gebiet",
    "spalte_periode": "periode",
    "spalte_indikator": "indikator",
    "spalte_wert": "wert",
}
OBSERVATIONS = "gebiet;indikator;periode;wert\n" + "".join(
    f"{n:02d};geburten;2025;{n}\n" for n in range(1, 6)
)


def hsds_zip() -> bytes:
    org = "00000001-0000-4000-8000-000000000000"
    service = "00000002-0000-4000-8000-000000000000"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("organizations.csv", f"id,name,description\n{org},Verein 1,Text\n")
        archive.writestr(
            "services.csv", f"id,organization_id,name,status\n{service},{org},Elterncafé,active\n"
        )
    return out.getvalue()


def stadtraeume(city):
    for n in range(1, 6):
        AreaFactory(city=city, parent=city, level="stadtraum", code=f"{n:02d}", name=f"Raum {n}")
    IndicatorFactory(key="geburten", kind="count")


def preview_network(client, city) -> dict:
    response = client.post(
        reverse("network:import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("orgs.csv", ORGS.encode())},
    )
    assert 'id="confirm-import"' in response.content.decode()
    return {"stadt": city.code, "gespeichert": response.context["stored"], "dateiname": "orgs.csv"}


def preview_monitoring(client) -> dict:
    response = client.post(
        reverse("monitoring:import"),
        {**MONITORING_FORM, "datei": SimpleUploadedFile("daten.csv", OBSERVATIONS.encode())},
    )
    assert 'id="confirm-import"' in response.content.decode(), response.content.decode()
    return {**MONITORING_FORM, "gespeichert": response.context["stored_name"]}


def preview_hsds(client, city) -> dict:
    response = client.post(
        reverse("offers:hsds-import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("hsds.zip", hsds_zip())},
    )
    assert 'id="confirm-import"' in response.content.decode()
    return {"stadt": city.code, "gespeichert": response.context["stored"]}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- one request after the other (every database) ----------------------------------------


def test_a_second_network_confirm_imports_nothing_and_says_so(client, planner, city):
    client.force_login(planner)
    form = preview_network(client, city)
    first = client.post(reverse("network:import-confirm"), form)
    second = client.post(reverse("network:import-confirm"), form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Organisation.objects.filter(city=city).count() == 5
    assert messages_of(second)[-1] == ALREADY
    assert second["Location"] == f"{reverse('network:organisation-list')}?stadt={city.code}"


def test_a_second_monitoring_confirm_imports_nothing_and_says_so(client, planner, city):
    stadtraeume(city)
    client.force_login(planner)
    form = preview_monitoring(client)
    first = client.post(reverse("monitoring:import-confirm"), form)
    assert Observation.objects.filter(area__level="stadtraum").count() == 5
    imported = Observation.history.count()
    second = client.post(reverse("monitoring:import-confirm"), form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Observation.history.count() == imported
    assert messages_of(second)[-1] == ALREADY


def test_a_second_hsds_confirm_imports_nothing_and_says_so(client, planner, city):
    client.force_login(planner)
    form = preview_hsds(client, city)
    first = client.post(reverse("offers:hsds-import-confirm"), form)
    second = client.post(reverse("offers:hsds-import-confirm"), form)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Organisation.objects.filter(name="Verein 1").count() == 1
    assert Service.objects.count() == 1
    assert messages_of(second)[-1] == ALREADY


def test_a_preview_of_one_import_cannot_confirm_another(client, planner, city):
    client.force_login(planner)
    form = preview_network(client, city)
    response = client.post(reverse("offers:hsds-import-confirm"), form)
    assert response["Location"] == reverse("offers:hsds-import")
    assert Organisation.objects.filter(city=city).count() == 0
    assert client.post(reverse("network:import-confirm"), form).status_code == 302
    assert Organisation.objects.filter(city=city).count() == 5


def test_a_failed_import_leaves_the_preview_for_another_try(db):
    token = upload_store(b"a;b\n", "daten.csv", kind="test")

    def import_that_fails():
        with transaction.atomic():
            upload_claim(token, kind="test")
            raise UploadGone  # any error of the import after the claim

    with pytest.raises(UploadGone):
        import_that_fails()
    with transaction.atomic():
        assert upload_claim(token, kind="test").file_name == "daten.csv"
    with pytest.raises(UploadConsumed), transaction.atomic():
        upload_claim(token, kind="test")


# --- deletion ------------------------------------------------------------------------------


def test_a_consumed_preview_keeps_no_content(db):
    token = upload_store(b"a;b\n" * 100, "daten.csv", kind="test")
    with transaction.atomic():
        upload_claim(token, kind="test")
    assert bytes(Upload.objects.get(token=token).content) == b""


def _age(token, days):
    Upload.objects.filter(token=token).update(created_at=timezone.now() - dt.timedelta(days=days))


def test_previews_older_than_a_day_are_deleted_on_the_next_upload(db):
    old = upload_store(b"alt", "alt.csv", kind="test")
    recent = upload_store(b"neu", "neu.csv", kind="test")
    _age(old, 1.01)
    _age(recent, 0.9)
    upload_store(b"jetzt", "jetzt.csv", kind="test")
    assert set(Upload.objects.values_list("file_name", flat=True)) == {"neu.csv", "jetzt.csv"}


def test_an_expired_preview_is_gone_before_it_is_deleted(db):
    token = upload_store(b"alt", "alt.csv", kind="test")
    _age(token, 2)
    with pytest.raises(UploadGone), transaction.atomic():
        upload_claim(token, kind="test")


def test_the_cleanup_command_deletes_old_previews(db, capsys):
    old = upload_store(b"alt", "alt.csv", kind="test")
    upload_store(b"neu", "neu.csv", kind="test")
    _age(old, 3)
    call_command("uploads_clean")
    assert list(Upload.objects.values_list("file_name", flat=True)) == ["neu.csv"]
    assert "1 alter Upload gelöscht." in capsys.readouterr().out
    assert uploads_clean() == 0


def test_a_clash_with_another_import_saves_nothing_and_keeps_the_preview(
    client, planner, city, monkeypatch
):
    # Two different previews of the same figures confirmed at the same moment: the later
    # insert fails on the unique figure. That import rolls back whole, with a clear message.
    from django.db import IntegrityError

    from praeventionsnetz.monitoring.services import imports

    stadtraeume(city)
    client.force_login(planner)
    form = preview_monitoring(client)

    def clash(**kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(imports, "observations_import", clash)
    response = client.post(reverse("monitoring:import-confirm"), form)
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert job.state == Job.State.FAILED
    assert "nichts gespeichert" in job.error
    assert "nichts gespeichert" in client.get(response["Location"]).content.decode()
    assert Observation.objects.count() == 0
    monkeypatch.undo()
    again = client.post(reverse("monitoring:import-confirm"), form)
    assert again.status_code == 302
    assert Job.objects.get(pk=again["Location"].split("/")[-2]).state == Job.State.DONE
    assert Observation.objects.filter(area__level="stadtraum").count() == 5


# --- two requests at the same moment (PostgreSQL: real row locks) ------------------------


def _clients(user, n=2):
    clients = [Client() for _ in range(n)]
    for c in clients:
        c.force_login(user)
    return clients


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_network_confirms_import_once():
    city = CityFactory(code="teststadt", name="Teststadt")
    planner = UserFactory(username="planerin", role="planning")
    first, second = _clients(planner)
    form = preview_network(first, city)
    url = reverse("network:import-confirm")
    responses = together(lambda: first.post(url, form), lambda: second.post(url, form))
    assert [r.status_code for r in responses] == [302, 302], responses
    assert Organisation.objects.filter(city=city).count() == 5
    # The later one hears it before it starts the import, or from its task when both started.
    said = [m for r in responses for m in messages_of(r) if m == ALREADY]
    said += [m for m in Job.objects.values_list("message", flat=True) if m == ALREADY]
    assert said == [ALREADY]


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_monitoring_confirms_import_once():
    city = CityFactory(code="teststadt", name="Teststadt")
    stadtraeume(city)
    planner = UserFactory(username="planerin", role="planning")
    first, second = _clients(planner)
    form = preview_monitoring(first)
    url = reverse("monitoring:import-confirm")
    responses = together(lambda: first.post(url, form), lambda: second.post(url, form))
    assert [r.status_code for r in responses] == [302, 302], responses
    assert Observation.objects.filter(area__level="stadtraum").count() == 5
    # The later one hears it before it starts the import, or from its task when both started.
    said = [m for r in responses for m in messages_of(r) if m == ALREADY]
    said += [m for m in Job.objects.values_list("message", flat=True) if m == ALREADY]
    assert said == [ALREADY]
