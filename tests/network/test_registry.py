"""Registry import, duplicate detection and merging."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from praeventionsnetz.core.models import Job
from praeventionsnetz.core.uploads import upload_store
from praeventionsnetz.network import dedup, registry_import
from praeventionsnetz.network.forms import MergeForm
from praeventionsnetz.network.i18n import translated
from praeventionsnetz.network.merge import organisation_merge
from praeventionsnetz.network.models import Membership, Organisation, Tie, TieKind, TieSource
from tests.factories import OrganisationFactory

GOOD = (
    "name;art;sektor;ebene;traeger;strasse;plz;ort;laengengrad;breitengrad\n"
    "Kinderland gGmbH;provider;Jugendhilfe;Träger;;Hauptstr. 1;01067;Dresden;;\n"
    "Kita Regenbogen;kita;youth_welfare;facility;Kinderland gGmbH;Am Park 2;01067;Dresden;"
    "13.005;51.005\n"
)


def preview(city, text):
    return registry_import.registry_preview(content=text.encode(), file_name="orgs.csv", city=city)


def test_preview_then_import_with_provider_and_location(city, district, quarter):
    result = preview(city, GOOD)
    assert result.is_valid, result.errors
    assert [r.action for r in result.rows] == ["create", "create"]
    assert not Organisation.objects.exists()
    registry_import.registry_import(content=GOOD.encode(), file_name="orgs.csv", city=city)
    kita = Organisation.objects.get(name="Kita Regenbogen")
    assert kita.provider.name == "Kinderland gGmbH"
    assert kita.sector == "youth_welfare"
    assert set(kita.located_in.values_list("code", flat=True)) >= {"11", "01"}


def test_importing_twice_changes_nothing(city):
    registry_import.registry_import(content=GOOD.encode(), file_name="orgs.csv", city=city)
    result = preview(city, GOOD)
    assert [r.action for r in result.rows] == ["unchanged", "unchanged"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (";kita;;;;;;;;", "Der Name fehlt"),
        ("Kita X;raumschiff;;;;;;;;", "„raumschiff“ ist kein bekannter Wert"),
        ("Kita Y;kita;;;Unbekannter Träger;;;;;", "Träger „Unbekannter Träger“ ist weder"),
        ("Kita Z;kita;;;;;;;500;51", "500 liegt außerhalb"),
        ("Kita W;kita;;;;;;;13,1;", "gehören zusammen"),
        ("Kita Regenbogen;kita;;;;Am Park 2;;;;", "Doppelt"),
    ],
)
def test_bad_rows_are_refused_and_nothing_is_written(city, line, message):
    text = GOOD + line + "\n"
    result = preview(city, text)
    assert any(message in str(e) for e in result.errors), result.errors
    with pytest.raises(registry_import.RegistryImportRejected):
        registry_import.registry_import(content=text.encode(), file_name="o.csv", city=city)
    assert not Organisation.objects.exists()


def test_near_identical_names_are_flagged(city):
    OrganisationFactory(
        name="Kita Regenbogen e.V.", city=city, postcode="01067", street="Am Park 2"
    )
    result = preview(city, GOOD.replace("Kita Regenbogen", "Kita Regenbogn"))
    assert any("Kita Regenbogn" in d for d in result.duplicates)


def test_duplicate_candidates_by_hand():
    records = [
        dedup.Record(1, "Jugendtreff Gorbitz e.V.", "Amalie-Dietrich-Platz 3", "01169"),
        dedup.Record(2, "Jugendtreff Gorbitz", "Amalie-Dietrich-Platz 3", "01169"),
        dedup.Record(3, "Jugendtreff Gorbiz", "", "01169"),
        dedup.Record(5, "Jugendtreff Gorbitz", "Anderswo 1", "01169"),  # another street
        dedup.Record(4, "Jugendtreff Gorbitz", "Amalie-Dietrich-Platz 3", "01309"),
    ]
    with translation.override("de"):
        found = {
            (c.first, c.second): [translated(c.reason), *(translated(e) for e in c.evidence)]
            for c in dedup.candidates(records)
        }
    assert found[(1, 2)] == ["gleicher Name", "gleiche Adresse"]
    assert found[(1, 3)] == ["fast gleicher Name"]
    assert (1, 4) not in found  # the same name at another postcode: another place
    assert (1, 5) not in found


def test_merge_moves_ties_facilities_and_members(city, member, organisation):
    keep = organisation
    remove = OrganisationFactory(name="Familienzentrum Nord (alt)", city=city)
    partner = OrganisationFactory(name="Schule", city=city)
    Membership.objects.filter(user=member).update(organisation=remove)
    OrganisationFactory(name="Kita", city=city, provider=remove)
    Tie.objects.create(
        reporter=remove, partner=partner, kind=TieKind.CASE, source=TieSource.COORDINATOR
    )
    Tie.objects.create(
        reporter=keep, partner=remove, kind=TieKind.CASE, source=TieSource.COORDINATOR
    )
    organisation_merge(keep=keep, remove=remove)
    assert not Organisation.objects.filter(pk=remove.pk).exists()
    assert list(Tie.objects.values_list("reporter__name", "partner__name")) == [
        ("Familienzentrum Nord", "Schule")
    ]
    member.refresh_from_db()
    assert member.organisation == keep
    assert Organisation.objects.get(name="Kita").provider == keep


def test_planner_imports_through_the_web(client, planner, city):
    client.force_login(planner)
    response = client.post(
        reverse("network:import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("orgs.csv", GOOD.encode())},
    )
    assert 'id="confirm-import"' in response.content.decode()
    stored = response.context["stored"]
    response = client.post(
        reverse("network:import-confirm"),
        {"stadt": city.code, "gespeichert": stored, "dateiname": "orgs.csv"},
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert Organisation.objects.filter(city=city).count() == 2
    assert (job.state, job.done, job.total) == (Job.State.DONE, 2, 2)
    assert "orgs.csv" in job.message
    page = client.get(response["Location"]).content.decode()
    assert f'href="{reverse("network:organisation-list")}?stadt={city.code}"' in page


def test_a_list_refused_at_confirmation_fails_its_task_with_the_row_errors(client, planner, city):
    """The registry may change between preview and confirmation; nothing is saved then."""
    client.force_login(planner)
    text = GOOD + "Kita X;raumschiff;;;;;;;;\n"
    stored = upload_store(text.encode(), "orgs.csv", kind="network-registry", by=planner)
    response = client.post(
        reverse("network:import-confirm"),
        {"stadt": city.code, "gespeichert": stored, "dateiname": "orgs.csv"},
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert job.state == Job.State.FAILED
    assert "Zeile 4, Spalte „art“: „raumschiff“ ist kein bekannter Wert." in job.error
    assert Organisation.objects.filter(city=city).count() == 0
    assert "raumschiff" in client.get(response["Location"]).content.decode()


def test_import_page_names_row_and_column_of_each_error(client, planner, city):
    client.force_login(planner)
    text = GOOD + "Kita X;raumschiff;;;;;;;;\n;kita;;;;;;;;\nKita W;kita;;;;;;;13,1;\n"
    response = client.post(
        reverse("network:import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("orgs.csv", text.encode())},
    )
    page = response.content.decode()
    assert "<li>Zeile 4, Spalte „art“: „raumschiff“ ist kein bekannter Wert.</li>" in page
    assert "<li>Zeile 5, Spalte „name“: Der Name fehlt.</li>" in page
    assert "<li>Zeile 6: Längen- und Breitengrad gehören zusammen.</li>" in page


def test_duplicates_page_and_merge(client, planner, city):
    a = OrganisationFactory(name="Jugendtreff Gorbitz e.V.", city=city, postcode="01169")
    b = OrganisationFactory(name="Jugendtreff Gorbitz", city=city, postcode="01169")
    client.force_login(planner)
    page = client.get(reverse("network:duplicates"), {"stadt": city.code})
    assert len(page.context["pairs"]) == 1
    response = client.post(reverse("network:merge"), {"behalten": a.pk, "entfernen": b.pk})
    assert response.status_code == 302
    assert list(Organisation.objects.filter(city=city)) == [a]


@pytest.mark.parametrize(
    "data", [{"behalten": "abc", "entfernen": "KEEP"}, {"behalten": "KEEP"}, {}]
)
def test_merge_with_malformed_ids_shows_a_message_and_merges_nothing(client, planner, city, data):
    a = OrganisationFactory(name="Jugendtreff Gorbitz e.V.", city=city)
    b = OrganisationFactory(name="Jugendtreff Gorbitz", city=city)
    data = {key: str(a.pk) if value == "KEEP" else value for key, value in data.items()}
    client.force_login(planner)
    response = client.post(reverse("network:merge"), data, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [str(MergeForm.CHOOSE_PAIR)]
    assert set(Organisation.objects.filter(city=city)) == {a, b}


def test_merge_of_an_unknown_organisation_is_not_found(client, planner, city):
    a = OrganisationFactory(name="Jugendtreff Gorbitz", city=city)
    client.force_login(planner)
    response = client.post(reverse("network:merge"), {"behalten": a.pk, "entfernen": a.pk + 1000})
    assert response.status_code == 404


def test_an_unreadable_registry_file_is_refused_in_the_readers_language(city):
    from praeventionsnetz.core.errors import DomainError

    with translation.override("de"), pytest.raises(DomainError) as refused:
        registry_import.registry_preview(content=b"x", file_name="orgs.txt", city=city)
    assert str(refused.value) == "Die Datei enthält keine Datenzeilen."
    with translation.override("en"), pytest.raises(DomainError) as refused:
        registry_import.registry_preview(content=b"x", file_name="orgs.txt", city=city)
    assert "Datei" not in str(refused.value)
    assert "row" in str(refused.value)


def test_duplicates_page_shows_the_evidence_and_leaves_numbered_schools_alone(
    client, planner, city, district, quarter
):
    quarter.name = "Pieschen"
    quarter.save()
    for n in range(1, 4):
        OrganisationFactory(name=f"Grundschule {n} Pieschen", city=city)
    OrganisationFactory(name="ASD Sozialraum Süd", city=city)
    OrganisationFactory(
        name="ASD Sozialraum Süd",
        city=city,
        street="Junghansstr. 2",
        postcode="01277",
        phone="0351 4884701",
    )
    OrganisationFactory(name="Kita Löwenzahn", city=city, street="Am Hang 3", postcode="01127")
    OrganisationFactory(name="Kita Löwenzahn e.V.", city=city, street="Am Hang 3", postcode="01127")
    OrganisationFactory(name="Jugendhaus Emers", city=city, phone="+49 351 4884701")
    OrganisationFactory(name="Jugendhaus Emmers", city=city, phone="0351/4884701")
    client.force_login(planner)
    page = client.get(reverse("network:duplicates"), {"stadt": city.code})
    pairs = {(p["a"].name, p["b"].name): p["evidence"] for p in page.context["pairs"]}
    assert pairs == {
        ("ASD Sozialraum Süd", "ASD Sozialraum Süd"): [],
        ("Kita Löwenzahn", "Kita Löwenzahn e.V."): ["gleiche Adresse"],
        ("Jugendhaus Emers", "Jugendhaus Emmers"): ["gleiche Telefonnummer"],
    }
    html = page.content.decode()
    assert "gleiche Adresse" in html
    assert "gleiche Telefonnummer" in html
    assert "Grundschule 1" not in html


def test_contact_shows_to_logged_in_users_only(client, planner, city):
    org = OrganisationFactory(
        name="Jugendhaus Emmers", city=city, phone="0351 8036373", email="info@emmers.example"
    )
    url = reverse("network:organisation-detail", args=[org.pk])
    public = client.get(url).content.decode()
    assert "0351 8036373" not in public
    assert "info@emmers.example" not in public
    client.force_login(planner)
    page = client.get(url).content.decode()
    assert 'href="tel:03518036373"' in page
    assert 'href="mailto:info@emmers.example"' in page


def test_the_registry_import_reads_phone_and_email(city):
    text = (
        "name;strasse;plz;telefon;email\n"
        "Jugendhaus Emmers;Bischofsweg 46;01099;0351 8036373;info@emmers.example\n"
        "Kita Sonnenblume;Am Park 2;01067;;keine-adresse\n"
    )
    result = preview(city, text)
    assert [(e.row, e.column) for e in result.errors] == [(3, "email")]
    registry_import.registry_import(
        content=text.replace("keine-adresse", "").encode(), file_name="o.csv", city=city
    )
    emmers = Organisation.objects.get(name="Jugendhaus Emmers")
    assert (emmers.phone, emmers.email) == ("0351 8036373", "info@emmers.example")
