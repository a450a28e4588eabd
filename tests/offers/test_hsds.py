"""HSDS 3.0: the datapackage export, the API's service objects and the checked import."""

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from praeventionsnetz.config.wsgi import application
from praeventionsnetz.core.models import Job
from praeventionsnetz.network.models import Organisation, OrgKind, OrgLevel, Sector
from praeventionsnetz.offers.hsds.apply import hsds_import_apply
from praeventionsnetz.offers.hsds.export import hsds_export
from praeventionsnetz.offers.hsds.files import files_from_directory, files_from_zip
from praeventionsnetz.offers.hsds.objects import hsds_service_objects
from praeventionsnetz.offers.hsds.package import package_read
from praeventionsnetz.offers.hsds.plan import HsdsImportRejected
from praeventionsnetz.offers.hsds.planning import hsds_import_plan
from praeventionsnetz.offers.hsds.problems import PackageError, object_problems
from praeventionsnetz.offers.hsds.texts import message_text, problem_text
from praeventionsnetz.offers.hsds.vocabulary import hsds_id, hsds_spec
from praeventionsnetz.offers.models import (
    Access,
    Location,
    Schedule,
    SearchDocument,
    Service,
    ServiceAtLocation,
    Status,
    Topic,
)
from tests.factories import CityFactory, OrganisationFactory
from tests.offers.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TopicFactory,
)

HSDS = Path(settings.DATA_DIR) / "hsds"
SAMPLE = HSDS / "sample-hsds-datapackage" / "all_resources"
T = dt.time


@pytest.fixture
def spec():
    return hsds_spec()


@pytest.fixture
def directory(city, district, quarter):
    """A small offer directory that uses every field we keep."""
    provider = Organisation.objects.create(
        name="Kinderland gGmbH",
        kind=OrgKind.PROVIDER,
        sector=Sector.YOUTH_WELFARE,
        level=OrgLevel.PROVIDER,
        street="Hauptstraße 1",
        postcode="01067",
        town="Teststadt",
        city=city,
        external_id="T-1",
        source="Trägerverzeichnis",
    )
    provider.areas_served.set([district])
    centre = Organisation.objects.create(
        name="Familienzentrum Nord",
        kind=OrgKind.FAMILY_CENTRE,
        sector=Sector.YOUTH_WELFARE,
        legal_basis="§ 16 SGB VIII",
        provider=provider,
        street="Am Park 2",
        postcode="01069",
        town="Teststadt",
        lon=13.005,
        lat=51.005,
        city=city,
        is_demo=True,
    )
    hidden = Organisation.objects.create(
        name="Beratungsstelle Süd", kind=OrgKind.COUNSELLING, is_public=False
    )
    advice = TopicFactory(code="beratung", name="Beratung")
    parents = TopicFactory(code="elternbildung", name="Eltern und Familie")
    TopicFactory(code="freizeit", name="Freizeit", taxonomy="stadtweit")
    cafe = ServiceFactory(
        organisation=centre,
        name="Elterncafé Nord",
        description="Offener Treff für Eltern mit Babys.\nMit Beratung.",
        status=Status.PUBLISHED,
        eligibility="Eltern mit Kindern bis drei Jahre",
        is_free=False,
        fees="5 € je Treffen",
        languages=["de", "ar", "uk"],
        accessibility="Rampe am Eingang",
        application_process="Einfach vorbeikommen",
        life_phases=["0-1", "1-3", "parents"],
        transitions=["family-daycare"],
        legal_basis="§ 16 SGB VIII",
        access=Access.OPEN,
        capacity=12,
        contact_role="Leitung",
        contact_phone="0351 123456",
        contact_email="cafe@example.org",
        url="https://example.org/cafe",
        last_verified_on=dt.date(2026, 3, 1),
        external_id="A-7",
        source="Eigene Erhebung",
        is_demo=True,
    )
    cafe.topics.set([advice, parents])
    cafe.areas_served.set([quarter, district])
    house = LocationFactory(
        organisation=centre,
        name="Familienzentrum Nord",
        street="Am Park 2",
        postcode="01069",
        town="Teststadt",
        lon=13.005,
        lat=51.005,
        accessibility="Stufenlos, Wickelraum",
    )
    park = LocationFactory(organisation=provider, name="Spielplatz", lon=13.01, lat=51.01)
    at_house = ServiceAtLocationFactory(service=cafe, location=house)
    at_park = ServiceAtLocationFactory(service=cafe, location=park)
    ScheduleFactory(
        service_at_location=at_house, weekday=1, opens_at=T(9), closes_at=T(12), note="mit Kaffee"
    )
    ScheduleFactory(service_at_location=at_house, weekday=3, opens_at=T(14, 30), closes_at=T(18))
    ScheduleFactory(service_at_location=at_park, weekday=5, opens_at=T(10), closes_at=T(11))
    advice_offer = ServiceFactory(
        organisation=hidden, name="Erziehungsberatung", status=Status.PUBLISHED
    )
    advice_offer.topics.set([advice])
    ServiceFactory(organisation=centre, name="Babymassage", status=Status.DRAFT)
    ServiceFactory(organisation=hidden, name="Alte Gruppe", status=Status.INACTIVE, is_free=True)
    return cafe


def _value(value):
    return value.code if hasattr(value, "code") else value


def snapshot() -> dict:
    """Everything the directory holds, keyed by names instead of primary keys."""
    org_fields = [
        f.name
        for f in Organisation._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at", "provider", "city"}
    ]
    service_fields = [
        f.name
        for f in Service._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at", "organisation"}
    ]
    location_fields = [
        f.name for f in Location._meta.concrete_fields if f.name not in {"id", "organisation"}
    ]
    return {
        "organisations": {
            o.name: {
                **{f: getattr(o, f) for f in org_fields},
                "provider": o.provider.name if o.provider else None,
                "city": o.city.code if o.city else None,
                "areas_served": sorted(a.code for a in o.areas_served.all()),
                "located_in": sorted(a.code for a in o.located_in.all()),
            }
            for o in Organisation.objects.all()
        },
        "services": {
            s.name: {
                **{f: getattr(s, f) for f in service_fields},
                "organisation": s.organisation.name,
                "topics": sorted(t.code for t in s.topics.all()),
                "areas_served": sorted(a.code for a in s.areas_served.all()),
                "sites": sorted(
                    (
                        at.location.name,
                        sorted(
                            (h.weekday, h.opens_at, h.closes_at, h.note) for h in at.schedules.all()
                        ),
                    )
                    for at in s.at_locations.all()
                ),
            }
            for s in Service.objects.all()
        },
        "locations": {
            loc.name: {
                **{f: getattr(loc, f) for f in location_fields},
                "organisation": loc.organisation.name,
            }
            for loc in Location.objects.all()
        },
        "topics": sorted((t.code, t.name, t.taxonomy) for t in Topic.objects.all()),
    }


def _empty_directory():
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.all().delete()
    Topic.objects.all().delete()


def test_round_trip_into_an_empty_database_loses_nothing(directory, tmp_path, planner, city):
    from praeventionsnetz.network.services import organisations_locate

    organisations_locate(list(Organisation.objects.filter(city=city)), city)
    before = snapshot()
    hsds_export(tmp_path, include_unpublished=True)
    _empty_directory()
    plan = hsds_import_plan(tmp_path)
    assert not plan.errors, plan.error_texts
    assert plan.is_own
    assert {e.action for e in plan.entries} == {"create"}
    hsds_import_apply(plan, by=planner)
    after = snapshot()
    assert after == before


def _read(folder: Path) -> dict[str, list[dict]]:
    import csv

    return {
        path.name: list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        for path in folder.glob("*.csv")
    }


def _write(folder: Path, name: str, rows: list[dict]) -> None:
    import csv

    with (folder / name).open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _counts() -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        Service.objects.count(),
        Location.objects.count(),
        ServiceAtLocation.objects.count(),
        Schedule.objects.count(),
        Topic.objects.count(),
    )


def _history_rows() -> int:
    return sum(
        model.history.count()
        for model in (Organisation, Service, Location, ServiceAtLocation, Schedule, Topic)
    )


# --- export --------------------------------------------------------------------------------


def test_export_is_a_valid_hsds_datapackage(directory, tmp_path, spec):
    counts = hsds_export(tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {t.path for t in spec.tables.values()} | {"datapackage.json"}
    package = package_read(files_from_directory(tmp_path), spec)
    assert package.errors == []
    assert package.warnings == []
    assert package.version == "3.0.0"
    assert counts["service"] == 2  # published only: Elterncafé and Erziehungsberatung
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert [r["path"] for r in descriptor["resources"]] == [t.path for t in spec.tables.values()]


def test_export_maps_our_fields_to_hsds_where_hsds_has_a_place(directory, tmp_path):
    hsds_export(tmp_path)
    files = _read(tmp_path)
    cafe = next(s for s in files["services.csv"] if s["name"] == "Elterncafé Nord")
    assert cafe["status"] == "active"
    assert cafe["eligibility_description"] == "Eltern mit Kindern bis drei Jahre"
    assert cafe["fees_description"] == "5 € je Treffen"
    assert cafe["assured_date"] == "2026-03-01"
    assert (cafe["minimum_age"], cafe["maximum_age"]) == ("0", "2")
    mine = [row for row in files["languages.csv"] if row["service_id"] == cafe["id"]]
    assert [(row["code"], row["name"]) for row in mine] == [
        ("de", "Deutsch"),
        ("ar", "Arabisch"),
        ("uk", "Ukrainisch"),
    ]
    schedules = {(r["byday"], r["opens_at"], r["closes_at"]) for r in files["schedules.csv"]}
    assert schedules == {
        ("MO", "09:00:00", "12:00:00"),
        ("WE", "14:30:00", "18:00:00"),
        ("FR", "10:00:00", "11:00:00"),
    }
    assert {r["option"] for r in files["cost_options.csv"]} == {"kostenpflichtig", "kostenlos"}
    address = files["addresses.csv"][0]
    assert (address["address_1"], address["postal_code"], address["country"]) == (
        "Am Park 2",
        "01069",
        "DE",
    )
    terms = {r["code"] for r in files["taxonomy_terms.csv"]}
    assert {"beratung", "freizeit", "phase:0-1", "transition:family-daycare"} <= terms
    assert "field:service.access" in terms
    uris = {r["uri"] for r in files["service_areas.csv"]}
    assert uris == {
        "urn:praeventionsnetz:area:teststadt:stadtteil:11",
        "urn:praeventionsnetz:area:teststadt:stadtraum:01",
    }


def test_addresses_carry_the_federal_state_of_known_cities(directory, tmp_path):
    office = OrganisationFactory(name="Jugendamt", city=CityFactory(code="dresden"))
    hall = LocationFactory(
        organisation=office,
        name="Rathaus",
        street="Dr.-Külz-Ring 19",
        postcode="01067",
        town="Dresden",
    )
    offer = ServiceFactory(organisation=office, name="Elternsprechstunde", status=Status.PUBLISHED)
    ServiceAtLocationFactory(service=offer, location=hall)
    hsds_export(tmp_path)
    states = {r["address_1"]: r["state_province"] for r in _read(tmp_path)["addresses.csv"]}
    assert states == {"Dr.-Külz-Ring 19": "Sachsen", "Am Park 2": "Teststadt"}  # else the town


def test_export_ids_are_stable_uuids(directory, tmp_path):
    hsds_export(tmp_path / "a")
    hsds_export(tmp_path / "b")
    first, second = _read(tmp_path / "a"), _read(tmp_path / "b")
    assert [r["id"] for r in first["services.csv"]] == [r["id"] for r in second["services.csv"]]
    assert hsds_id("service", directory.pk) in {r["id"] for r in first["services.csv"]}


def test_unpublished_offers_are_exported_only_when_asked(directory, tmp_path):
    assert hsds_export(tmp_path / "a")["service"] == 2
    assert hsds_export(tmp_path / "b", include_unpublished=True)["service"] == 4
    names = {r["name"] for r in _read(tmp_path / "a")["services.csv"]}
    assert "Babymassage" not in names


# --- import --------------------------------------------------------------------------------


def test_reimporting_the_same_package_changes_nothing(directory, tmp_path, planner):
    hsds_export(tmp_path, include_unpublished=True)
    plan = hsds_import_plan(tmp_path)
    assert not plan.errors
    assert {e.action for e in plan.entries} == {"unchanged"}
    history = _history_rows()
    hsds_import_apply(plan, by=planner)
    assert _history_rows() == history
    # After a round trip into an empty database, ids differ but natural keys still match.
    _empty_directory()
    hsds_import_apply(hsds_import_plan(tmp_path), by=planner)
    again = hsds_import_plan(tmp_path)
    assert not again.has_changes, [e for e in again.entries if e.action != "unchanged"]
    history = _history_rows()
    hsds_import_apply(again, by=planner)
    assert _history_rows() == history


def test_import_brings_changed_offers_back_to_the_package(directory, tmp_path, planner):
    hsds_export(tmp_path, include_unpublished=True)
    before = snapshot()
    directory.name = "Elterncafé (umbenannt)"
    directory.languages = ["de", "ar", "uk", "fa"]
    directory.save()
    Schedule.objects.filter(weekday=3).delete()
    plan = hsds_import_plan(tmp_path)
    assert plan.count("service", "update") == 1
    assert plan.count("schedule", "create") == 1
    assert plan.count("language", "delete") == 1
    hsds_import_apply(plan, by=planner)
    assert snapshot() == before
    directory.refresh_from_db()
    assert directory.history.first().history_user == planner


def test_import_is_recorded_in_the_audit_trail_and_indexed(directory, tmp_path, planner):
    hsds_export(tmp_path)
    _empty_directory()
    hsds_import_apply(hsds_import_plan(tmp_path), by=planner)
    cafe = Service.objects.get(name="Elterncafé Nord")
    assert cafe.history.first().history_user == planner
    assert cafe.organisation.history.first().history_user == planner
    assert SearchDocument.objects.get(service=cafe).name_terms


def test_a_failure_while_saving_leaves_nothing_behind(directory, tmp_path, planner, monkeypatch):
    hsds_export(tmp_path)
    _empty_directory()
    plan = hsds_import_plan(tmp_path)

    def broken(services):
        raise RuntimeError("index down")

    monkeypatch.setattr("praeventionsnetz.offers.hsds.apply.services_index", broken)
    with pytest.raises(RuntimeError):
        hsds_import_apply(plan, by=planner)
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_broken_package_is_refused_with_row_messages_and_writes_nothing(
    directory, tmp_path, planner
):
    hsds_export(tmp_path)
    files = _read(tmp_path)
    services = files["services.csv"]
    services[0]["name"] = ""
    _write(tmp_path, "services.csv", services)
    sites = files["service_at_location.csv"]
    sites[0]["location_id"] = "00000000-0000-4000-8000-000000000000"
    _write(tmp_path, "service_at_location.csv", sites)
    schedules = files["schedules.csv"]
    schedules[1]["opens_at"] = "25:00"
    _write(tmp_path, "schedules.csv", schedules)
    counts = _counts()
    plan = hsds_import_plan(tmp_path)
    messages = plan.error_texts
    assert "services.csv, Zeile 2: Pflichtfeld „name“ fehlt" in messages
    assert (
        "service_at_location.csv, Zeile 2: „location_id“ verweist auf "
        "„00000000-0000-4000-8000-000000000000“, das es in locations.csv nicht gibt"
    ) in messages
    assert (
        "schedules.csv, Zeile 3: „25:00“ in „opens_at“ ist keine Uhrzeit (hh:mm oder hh:mm:ss)"
    ) in messages
    assert not plan.is_valid
    with pytest.raises(HsdsImportRejected, match="nichts gespeichert"):
        hsds_import_apply(plan, by=planner)
    assert _counts() == counts


def test_opening_that_does_not_come_before_closing_is_an_error(directory, tmp_path):
    hsds_export(tmp_path)
    schedules = _read(tmp_path)["schedules.csv"]
    schedules[0]["opens_at"], schedules[0]["closes_at"] = "18:00", "09:00"
    _write(tmp_path, "schedules.csv", schedules)
    plan = hsds_import_plan(tmp_path)
    assert plan.error_texts == [
        "schedules.csv, Zeile 2: „opens_at“ 18:00 liegt nicht vor „closes_at“ 09:00"
    ]


def test_the_hsds_1_1_sample_package_is_refused_with_clear_messages(db, planner):
    plan = hsds_import_plan(SAMPLE)
    errors = plan.error_texts
    warnings = plan.warning_texts
    assert "locations.csv, Zeile 2: Pflichtfeld „location_type“ fehlt" in errors
    assert (
        "programs.csv, Zeile 2: „7c92d010-1b0a-11e9-b56e-0800200c9a“ in „id“ ist keine UUID"
    ) in errors
    assert "datapackage.json: nennt die Version „1.0“; geprüft wird nach HSDS 3.0" in warnings
    assert any(w.startswith("regular_schedules.csv: Tabelle „regular_schedule“") for w in warnings)
    with pytest.raises(HsdsImportRejected):
        hsds_import_apply(plan, by=planner)
    assert _counts() == (0, 0, 0, 0, 0, 0)


def _csv(rows: list[dict]) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


ORG_A = "10000000-0000-4000-8000-000000000001"
ORG_B = "10000000-0000-4000-8000-000000000002"
LOC_A = "20000000-0000-4000-8000-000000000001"
LOC_B = "20000000-0000-4000-8000-000000000002"
SVC_A = "30000000-0000-4000-8000-000000000001"
SVC_B = "30000000-0000-4000-8000-000000000002"
AT_A = "40000000-0000-4000-8000-000000000001"
AT_B = "40000000-0000-4000-8000-000000000002"
TERM = "50000000-0000-4000-8000-000000000001"


def foreign_package() -> dict[str, bytes]:
    """A package from another directory: HSDS fields only, none of ours."""
    return {
        "organizations.csv": _csv(
            [
                {"id": ORG_A, "name": "Lernhaus e.V.", "description": "Lernförderung"},
                {"id": ORG_B, "name": "Familienzentrum Nord e. V.", "description": "Familie"},
            ]
        ),
        "locations.csv": _csv(
            [
                {
                    "id": LOC_A,
                    "location_type": "physical",
                    "organization_id": ORG_A,
                    "name": "Lernhaus",
                    "latitude": "51.004",
                    "longitude": "13.004",
                },
                {
                    "id": LOC_B,
                    "location_type": "physical",
                    "organization_id": ORG_B,
                    "name": "Familienzentrum",
                    "latitude": "",
                    "longitude": "",
                },
            ]
        ),
        "addresses.csv": _csv(
            [
                {
                    "id": "60000000-0000-4000-8000-000000000001",
                    "location_id": LOC_A,
                    "address_1": "Lindenweg 3",
                    "city": "Teststadt",
                    "state_province": "Sachsen",
                    "postal_code": "01070",
                    "country": "DE",
                    "address_type": "physical",
                },
                {
                    "id": "60000000-0000-4000-8000-000000000002",
                    "location_id": LOC_B,
                    "address_1": "Am Park 2",
                    "city": "Teststadt",
                    "state_province": "Sachsen",
                    "postal_code": "01069",
                    "country": "DE",
                    "address_type": "physical",
                },
            ]
        ),
        "services.csv": _csv(
            [
                {
                    "id": SVC_A,
                    "organization_id": ORG_A,
                    "name": "Hausaufgabenhilfe",
                    "status": "active",
                    "minimum_age": "6",
                    "maximum_age": "13",
                    "eligibility_description": "Schulkinder",
                    "assured_date": "2026-02-01",
                },
                {
                    "id": SVC_B,
                    "organization_id": ORG_B,
                    "name": "Babytreff",
                    "status": "defunct",
                    "minimum_age": "",
                    "maximum_age": "",
                    "eligibility_description": "",
                    "assured_date": "",
                },
            ]
        ),
        "service_at_location.csv": _csv(
            [
                {"id": AT_A, "service_id": SVC_A, "location_id": LOC_A},
                {"id": AT_B, "service_id": SVC_B, "location_id": LOC_B},
            ]
        ),
        "schedules.csv": _csv(
            [
                {
                    "id": "70000000-0000-4000-8000-000000000001",
                    "service_at_location_id": AT_A,
                    "freq": "WEEKLY",
                    "byday": "MO,WE",
                    "opens_at": "14:00",
                    "closes_at": "16:00",
                },
                {
                    "id": "70000000-0000-4000-8000-000000000002",
                    "service_at_location_id": AT_A,
                    "freq": "MONTHLY",
                    "byday": "1SA",
                    "opens_at": "10:00",
                    "closes_at": "12:00",
                },
            ]
        ),
        "languages.csv": _csv(
            [
                {
                    "id": "80000000-0000-4000-8000-000000000001",
                    "service_id": SVC_A,
                    "name": "",
                    "code": "de",
                },
                {
                    "id": "80000000-0000-4000-8000-000000000002",
                    "service_id": SVC_A,
                    "name": "Arabic",
                    "code": "",
                },
            ]
        ),
        "service_areas.csv": _csv(
            [
                {
                    "id": "90000000-0000-4000-8000-000000000001",
                    "service_id": SVC_A,
                    "name": "Nordviertel",
                },
                {
                    "id": "90000000-0000-4000-8000-000000000002",
                    "service_id": SVC_A,
                    "name": "Atlantis",
                },
            ]
        ),
        "taxonomies.csv": _csv(
            [
                {
                    "id": "a0000000-0000-4000-8000-000000000001",
                    "name": "Open Eligibility",
                    "description": "Themen",
                }
            ]
        ),
        "taxonomy_terms.csv": _csv(
            [
                {
                    "id": TERM,
                    "code": "lernen",
                    "name": "Lernhilfe",
                    "description": "Lernen",
                    "taxonomy_id": "a0000000-0000-4000-8000-000000000001",
                }
            ]
        ),
        "attributes.csv": _csv(
            [
                {
                    "id": "b0000000-0000-4000-8000-000000000001",
                    "link_id": SVC_A,
                    "taxonomy_term_id": TERM,
                    "link_entity": "service",
                    "value": "",
                }
            ]
        ),
    }


def test_a_package_from_elsewhere_fills_what_hsds_says_and_reuses_the_registry(
    city, quarter, planner
):
    centre = OrganisationFactory(name="Familienzentrum Nord", postcode="01069", city=city)
    plan = hsds_import_plan(foreign_package(), city=city, name="fremd.zip")
    assert not plan.errors, plan.error_texts
    assert not plan.is_own
    assert plan.count("organization", "create") == 1
    assert plan.count("organization", "unchanged") == 1  # found by name and postcode
    warnings = plan.warning_texts
    assert any("schedules.csv, Zeile 3: nur wöchentliche" in w for w in warnings)
    assert any("Gebiet „Atlantis“" in w for w in warnings)
    hsds_import_apply(plan, by=planner)
    assert Organisation.objects.count() == 2
    new = Organisation.objects.get(name="Lernhaus e.V.")
    assert (new.external_id, new.city, new.postcode, new.street) == (
        ORG_A,
        city,
        "01070",
        "Lindenweg 3",
    )
    homework = Service.objects.get(name="Hausaufgabenhilfe")
    assert homework.status == Status.PUBLISHED
    assert homework.external_id == SVC_A
    assert homework.life_phases == ["6-10", "10-14"]
    assert homework.languages == ["de", "ar"]
    assert homework.last_verified_on == dt.date(2026, 2, 1)
    assert [t.code for t in homework.topics.all()] == ["lernen"]
    assert list(homework.areas_served.all()) == [quarter]
    assert sorted(
        Schedule.objects.filter(service_at_location__service=homework).values_list(
            "weekday", "opens_at", "closes_at"
        )
    ) == [(1, T(14), T(16)), (3, T(14), T(16))]
    baby = Service.objects.get(name="Babytreff")
    assert baby.organisation == centre
    centre.refresh_from_db()
    assert centre.name == "Familienzentrum Nord"  # the registry's record stands
    assert baby.status == Status.INACTIVE
    again = hsds_import_plan(foreign_package(), city=city)
    assert not again.has_changes


def test_organisations_that_cannot_be_told_apart_are_an_error(city, planner):
    OrganisationFactory(name="Familienzentrum Nord", postcode="01069")
    OrganisationFactory(name="Familienzentrum Nord", postcode="01069")
    plan = hsds_import_plan(foreign_package(), city=city)
    assert any("passt zu mehreren Organisationen" in e for e in plan.error_texts)
    with pytest.raises(HsdsImportRejected):
        hsds_import_apply(plan, by=planner)


# --- the pure package module -----------------------------------------------------------------


def test_official_examples_pass_the_schema_and_their_loose_references_are_found(spec):
    for name in ("service_full", "organization_full", "service_at_location_full"):
        example = json.loads((HSDS / "hsds-3.0" / "examples" / f"{name}.json").read_text())
        table = name.removesuffix("_full")
        assert object_problems(example, table, spec) == []
    folder = HSDS / "hsds-3.0" / "examples" / "csv"
    package = package_read(files_from_directory(folder), spec)
    # The examples are one row per table and point at records they do not contain.
    assert {e.file for e in package.errors} == {
        "contacts.csv",
        "locations.csv",
        "taxonomy_terms.csv",
    }
    assert all("verweist auf" in message_text(e.message) for e in package.errors)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("email", "keine-adresse", "„keine-adresse“ in „email“ ist keine E-Mail-Adresse"),
        ("url", "www.example.org", "in „url“ ist keine vollständige Adresse"),
        ("status", "offen", "„offen“ in „status“ ist nicht erlaubt (erlaubt: active, inactive"),
        ("assured_date", "1.3.2026", "„1.3.2026“ in „assured_date“ ist kein Datum (JJJJ-MM-TT)"),
        ("minimum_age", "drei", "„drei“ in „minimum_age“ ist keine Zahl"),
        ("id", "42", "„42“ in „id“ ist keine UUID"),
    ],
)
def test_row_messages_say_what_is_wrong_in_german(spec, column, value, message):
    row = {"id": SVC_A, "organization_id": ORG_A, "name": "Test", "status": "active"}
    files = {
        "organizations.csv": _csv([{"id": ORG_A, "name": "Org", "description": "x"}]),
        "services.csv": _csv([{**row, column: value}]),
    }
    package = package_read(files, spec)
    assert len(package.errors) == 1
    assert package.errors[0].file == "services.csv"
    assert package.errors[0].row == 2
    assert message in message_text(package.errors[0].message)


def test_a_semicolon_file_gets_a_hint(spec):
    files = {"services.csv": b"id;organization_id;name;status\n1;2;x;active\n"}
    package = package_read(files, spec)
    assert [problem_text(e) for e in package.errors] == [
        "services.csv, Zeile 1: Spalten sind mit „;“ getrennt; HSDS verlangt Kommas"
    ]


def test_a_zip_with_the_package_in_a_folder_is_read(spec):
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        for name, data in foreign_package().items():
            archive.writestr(f"export/{name}", data)
        archive.writestr("__MACOSX/export/._services.csv", b"junk")
    files = files_from_zip(content.getvalue())
    assert "services.csv" in files
    with pytest.raises(PackageError) as raised:
        files_from_zip(b"not a zip")
    assert message_text(raised.value.message) == "Die Datei ist kein ZIP-Archiv."


# --- commands --------------------------------------------------------------------------------


def test_export_command_writes_the_datapackage(directory, tmp_path, capsys):
    call_command("export_hsds", str(tmp_path / "out"))
    assert "Exportiert: 2 Angebote" in capsys.readouterr().out
    assert (tmp_path / "out" / "datapackage.json").is_file()
    call_command("export_hsds", str(tmp_path / "all"), "--include-unpublished")
    assert "Exportiert: 4 Angebote" in capsys.readouterr().out


def test_import_command_plans_with_dry_run_then_imports(directory, tmp_path, capsys, city):
    call_command("export_hsds", str(tmp_path), "--include-unpublished")
    _empty_directory()
    call_command("import_hsds", str(tmp_path), "--dry-run", "--city", city.code)
    assert "Probelauf (nichts gespeichert)" in capsys.readouterr().out
    assert _counts() == (0, 0, 0, 0, 0, 0)
    call_command("import_hsds", str(tmp_path))
    out = capsys.readouterr().out
    assert "Gespeichert:" in out
    assert "4 neu" in out
    assert Service.objects.count() == 4
    call_command("import_hsds", str(tmp_path))
    assert "0 neu, 0 geändert, 4 unverändert" in capsys.readouterr().out


def test_import_command_exits_with_the_row_errors(db, capsys):
    with pytest.raises(CommandError, match="nichts gespeichert"):
        call_command("import_hsds", str(SAMPLE))
    assert "locations.csv, Zeile 2: Pflichtfeld „location_type“ fehlt" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Stadt „atlantis“"):
        call_command("import_hsds", str(SAMPLE), "--city", "atlantis")
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import_hsds", "/nirgendwo/hsds")


# --- API -------------------------------------------------------------------------------------


def test_api_lists_published_services_valid_against_the_hsds_schema(client, directory, spec):
    page = client.get("/api/hsds/services", {"full": "true"}).json()
    assert page["total_items"] == 2
    assert {s["name"] for s in page["contents"]} == {"Elterncafé Nord", "Erziehungsberatung"}
    for service in page["contents"]:
        assert object_problems(service, "service", spec) == []
    cafe = next(s for s in page["contents"] if s["name"] == "Elterncafé Nord")
    assert [lang["code"] for lang in cafe["languages"]] == ["de", "ar", "uk"]
    assert len(cafe["service_at_locations"]) == 2
    assert cafe["service_at_locations"][0]["location"]["addresses"]
    assert cafe["organization"]["name"] == "Familienzentrum Nord"
    compact = client.get("/api/hsds/services").json()["contents"]
    assert "service_at_locations" not in compact[0]
    assert all(object_problems(s, "service", spec) == [] for s in compact)


def test_api_service_is_the_same_object_as_the_export_builds(client, directory, spec):
    sid = hsds_id("service", directory.pk)
    response = client.get(f"/api/hsds/services/{sid}")
    assert response.status_code == 200
    data = response.json()
    assert object_problems(data, "service", spec) == []
    expected = json.loads(json.dumps(hsds_service_objects([directory])[0]))
    assert data == expected


def test_api_never_shows_unpublished_offers(client, directory):
    draft = Service.objects.get(name="Babymassage")
    assert client.get(f"/api/hsds/services/{hsds_id('service', draft.pk)}").status_code == 404
    assert client.get("/api/hsds/services/kein-uuid").status_code == 404
    names = {s["name"] for s in client.get("/api/hsds/services").json()["contents"]}
    assert "Babymassage" not in names
    assert "Alte Gruppe" not in names


api_schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    path_regex="^/api/hsds/"
)


@pytest.mark.django_db(transaction=True)
@api_schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_hsds_api_conforms_to_its_openapi_schema_with_offers_present(case, directory):
    # Uncompressed: the WSGI transport hands the checks the body as sent, gzip included.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


def test_api_pages(client, directory):
    first = client.get("/api/hsds/services", {"per_page": 1}).json()
    second = client.get("/api/hsds/services", {"per_page": 1, "page": 2}).json()
    assert (first["total_pages"], first["first_page"], first["last_page"]) == (2, True, False)
    assert (second["size"], second["last_page"]) == (1, True)
    assert first["contents"][0]["id"] != second["contents"][0]["id"]
    beyond = client.get("/api/hsds/services", {"per_page": 1, "page": 9}).json()
    assert beyond["empty"] is True
    assert client.get("/api/hsds/services", {"per_page": 0}).status_code == 422


def test_api_query_count_does_not_grow_with_services(
    client, directory, django_assert_max_num_queries
):
    for i in range(10):
        extra = ServiceFactory(
            organisation=directory.organisation, name=f"Extra {i}", status=Status.PUBLISHED
        )
        ServiceAtLocationFactory(service=extra, location=Location.objects.first())
    with django_assert_max_num_queries(16):
        client.get("/api/hsds/services", {"full": "true", "per_page": 50})


# --- web -------------------------------------------------------------------------------------


def _zip(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, path.name)
    return out.getvalue()


def test_planning_previews_and_confirms_an_import(client, planner, directory, tmp_path, city):
    hsds_export(tmp_path, include_unpublished=True)
    _empty_directory()
    client.force_login(planner)
    assert client.get(reverse("offers:hsds-import")).status_code == 200
    response = client.post(
        reverse("offers:hsds-import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("hsds.zip", _zip(tmp_path))},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="confirm-import"' in page
    assert "Öffnungszeiten" in page  # the tables as they are called here
    counts = {line["table"]: line for line in response.context["plan"].counts}
    assert (counts["service"]["read"], counts["service"]["create"]) == (4, 4)
    assert counts["schedule"]["create"] == 3
    assert _counts() == (0, 0, 0, 0, 0, 0)
    response = client.post(
        reverse("offers:hsds-import-confirm"),
        {"stadt": city.code, "gespeichert": response.context["stored"], "dateiname": "hsds.zip"},
    )
    assert response.status_code == 302
    assert Service.objects.count() == 4
    assert Service.objects.get(name="Elterncafé Nord").history.first().history_user == planner
    # The import ran as a task of the planner; its page says what it saved.
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert (job.state, job.owner) == (Job.State.DONE, planner)
    assert job.done == job.total > 0
    page = client.get(response["Location"]).content.decode()
    assert 'data-state="done"' in page
    assert "„hsds.zip“" in page


def test_a_broken_package_shows_every_row_error(client, planner, directory, tmp_path, city):
    hsds_export(tmp_path)
    services = _read(tmp_path)["services.csv"]
    services[0]["status"] = "offen"
    _write(tmp_path, "services.csv", services)
    client.force_login(planner)
    response = client.post(
        reverse("offers:hsds-import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("kaputt.zip", _zip(tmp_path))},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "services.csv, Zeile 2: „offen“ in „status“ ist nicht erlaubt" in page
    assert 'id="confirm-import"' not in page
    response = client.post(
        reverse("offers:hsds-import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("x.zip", b"kein zip")},
    )
    assert response.status_code == 400
    assert "kein ZIP-Archiv" in response.content.decode()


def test_an_expired_preview_asks_for_the_file_again(client, planner, city):
    client.force_login(planner)
    response = client.post(
        reverse("offers:hsds-import-confirm"), {"stadt": city.code, "gespeichert": "weg.zip"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:hsds-import")


def test_planning_downloads_the_datapackage(client, planner, directory, spec):
    client.force_login(planner)
    response = client.get(reverse("offers:hsds-export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    files = files_from_zip(response.content)
    package = package_read(files, spec)
    assert package.errors == []
    assert len(package.rows("service")) == 2
    everything = client.get(reverse("offers:hsds-export"), {"alle": "1"})
    files = files_from_zip(everything.content)
    assert len(package_read(files, spec).rows("service")) == 4


@pytest.mark.parametrize("persona", ["coordinator", "steering", "member"])
def test_only_planning_may_import_or_export(client, request, persona, directory, tmp_path):
    hsds_export(tmp_path)
    client.force_login(request.getfixturevalue(persona))
    upload = SimpleUploadedFile("hsds.zip", _zip(tmp_path))
    assert client.post(reverse("offers:hsds-import"), {"datei": upload}).status_code == 403
    assert client.post(reverse("offers:hsds-import-confirm"), {}).status_code == 403
    assert client.get(reverse("offers:hsds-export")).status_code == 403


def test_anonymous_users_are_sent_to_the_login(client, db):
    response = client.get(reverse("offers:hsds-export"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_an_unknown_value_of_alle_downloads_the_published_offers_only(
    client, planner, directory, spec
):
    client.force_login(planner)
    response = client.get(reverse("offers:hsds-export"), {"alle": "ja"})
    assert response.status_code == 200
    assert "-alle" not in response["Content-Disposition"]
    files = files_from_zip(response.content)
    assert len(package_read(files, spec).rows("service")) == 2
