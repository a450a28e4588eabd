"""The offer pages in English: no German UI text left, and German unchanged.

Offer, organisation, area and topic names are proper names of the test data and may appear
in either language; the words checked below appear in none of them.
"""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from praeventionsnetz.monitoring.models import Indicator, Observation
from praeventionsnetz.offers.models import (
    ReviewNote,
    Service,
    Status,
)
from praeventionsnetz.offers.services import services_index
from tests.language import english, visible_text, words_in
from tests.offers.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TopicFactory,
)
from tests.offers.test_hsds import foreign_package

# German words that the English pages showed before their texts went through gettext
# (weekday names and abbreviations, flash messages, form and import errors, coverage legend).
GERMAN = (
    "Angebot",
    "Angebote",
    "Bitte",
    "Demodaten",
    "Di",
    "Kinder",
    "Lücke",
    "Montag",
    "Ort",
    "Schwelle",
    "Zeile",
    "Zeiträume",
    "gespeichert",
    "kein",
    "keine",
    "nicht",
    "veröffentlicht",
    "Öffnungszeiten",
    "übernommen",
)


def german_words(response) -> list[str]:
    return words_in(response, GERMAN)


@pytest.fixture
def directory(city, district, other_district, quarter, organisation):
    """A published offer with a place and hours, one waiting for review, one sent back."""
    organisation.city = city
    organisation.save()
    organisation.areas_served.add(district)
    births = Indicator.objects.create(
        key="geburten",
        name_de="Geburten",
        unit="Kinder",
        dimension="social",
        direction=0,
        kind="count",
        is_demo=True,
    )
    Observation.objects.create(indicator=births, area=district, period="2024", value=100)
    Observation.objects.create(indicator=births, area=other_district, period="2024", value=50)
    topic = TopicFactory(code="beratung", name="Beratung")
    cafe = ServiceFactory(
        organisation=organisation,
        name="Elterncafé Nord",
        description="Offener Treff",
        status=Status.PUBLISHED,
        life_phases=["0-1", "parents"],
        transitions=["family-daycare"],
        languages=["de", "ar"],
        is_demo=True,
        last_verified_on=timezone.localdate() - dt.timedelta(days=400),
    )
    cafe.topics.set([topic])
    cafe.areas_served.set([district])
    location = LocationFactory(
        organisation=organisation, name="Haus am Park", street="Am Park 2", lon=13.005, lat=51.005
    )
    at = ServiceAtLocationFactory(service=cafe, location=location)
    ScheduleFactory(service_at_location=at, weekday=2, opens_at=dt.time(9), closes_at=dt.time(12))
    waiting = ServiceFactory(
        organisation=organisation, name="Babytreff", status=Status.REVIEW, life_phases=["0-1"]
    )
    waiting.areas_served.set([district])
    returned = ServiceFactory(organisation=organisation, name="Spielkreis", status=Status.DRAFT)
    ReviewNote.objects.create(service=returned, text="Zeiten ergänzen")
    services_index([cafe, waiting, returned])
    return {"cafe": cafe, "at": at, "waiting": waiting}


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_family_search_and_offer_page_in_english(client, directory):
    english(client)
    search = client.get(reverse("offers:search"), {"q": "Elterncafé"})
    assert "Elterncafé Nord" in visible_text(search)
    assert "Opening hours: Tue 09:00–12:00" in visible_text(search)
    assert german_words(search) == []
    # An unknown place shows no results, only why.
    unknown = client.get(reverse("offers:search"), {"q": "Elterncafé", "nahe": "Atlantis"})
    assert "We do not know “Atlantis”" in visible_text(unknown)
    assert german_words(unknown) == []
    wrong = client.get(
        reverse("offers:search"),
        {"q": "Kita " * 41, "alter": "99", "umkreis": "0", "thema": "nichts", "sprache": "x"},
    )
    assert german_words(wrong) == []
    detail = client.get(reverse("offers:detail", args=[directory["cafe"].pk]))
    assert german_words(detail) == []


def test_workspace_and_offer_editing_in_english(client, member, coordinator, directory):
    cafe, at = directory["cafe"], directory["at"]
    english(client)
    client.force_login(member)
    assert german_words(client.get(reverse("offers:workspace"))) == []
    assert german_words(client.get(reverse("offers:edit", args=[cafe.pk]))) == []
    place = reverse("offers:place", args=[cafe.pk, at.pk])
    hours = client.post(
        place, {"form": "hours", "hours-day_1": "vormittags", "hours-day_2": "12–9"}
    )
    assert hours.status_code == 400
    assert "Monday" in visible_text(hours)
    assert german_words(hours) == []
    # The offer is published: place changes wait for review, on pages opened with a token.
    token = client.get(place).context["token"]
    saved = client.post(
        place, {"form": "hours", "hours-day_1": "9–12, 14–16", "token": token}, follow=True
    )
    assert "Opening hours proposed (2 periods); they wait for review." in visible_text(saved)
    assert german_words(saved) == []
    token = client.get(place).context["token"]
    assert german_words(client.get(place)) == []
    renamed = client.post(
        place, {"form": "place", "name": "Haus am Park", "token": token}, follow=True
    )
    assert german_words(renamed) == []
    token = client.get(reverse("offers:edit", args=[cafe.pk])).context["token"]
    removed = client.post(
        reverse("offers:place-remove", args=[cafe.pk, at.pk]), {"token": token}, follow=True
    )
    assert "waits for review" in visible_text(removed)
    assert german_words(removed) == []
    english(client)
    client.force_login(coordinator)
    assert german_words(client.get(reverse("offers:workspace"))) == []
    review = client.get(reverse("offers:revision", args=[cafe.pk]))
    assert "Place “Haus am Park” removed" in visible_text(review)
    assert german_words(review) == []
    waiting = directory["waiting"]
    published = client.post(reverse("offers:publish", args=[waiting.pk]), follow=True)
    assert "“Babytreff” published." in visible_text(published)
    assert german_words(published) == []
    not_waiting = client.post(
        reverse("offers:return", args=[waiting.pk]), {"text": "x"}, follow=True
    )
    assert german_words(not_waiting) == []
    no_text = client.post(reverse("offers:return", args=[waiting.pk]), {"text": ""}, follow=True)
    assert german_words(no_text) == []
    Service.objects.filter(pk=waiting.pk).update(status=Status.INACTIVE)
    refused = client.post(reverse("offers:publish", args=[waiting.pk]), follow=True)
    assert "This offer is not waiting for review" in visible_text(refused)
    assert german_words(refused) == []


def test_coverage_and_chain_in_english(client, planner, directory, district):
    english(client)
    client.force_login(planner)
    page = {"stadt": "teststadt", "ebene": "stadtraum", "phase": "0-1"}
    coverage = client.get(reverse("offers:coverage"), page)
    # core.charts.format_number writes numbers the German way in both languages.
    assert re.search(r"1 place, 10[.,]0 per 1,000 children", visible_text(coverage))
    assert german_words(coverage) == []
    export = client.get(reverse("offers:coverage"), {**page, "format": "csv"})
    assert export.content.decode("utf-8-sig").startswith("Area code;Area;Life phase;Offers;")
    assert words_in(export.content.decode("utf-8-sig"), GERMAN) == []
    assert german_words(client.get(reverse("offers:chain", args=[district.pk]))) == []
    thresholds = reverse("offers:coverage-thresholds") + "?stadt=teststadt"
    assert german_words(client.get(thresholds)) == []
    values = dict.fromkeys(["pregnancy", "1-3", "3-6", "6-10", "10-14", "14-18", "18-27"], "10")
    changed = client.post(thresholds, {**values, "0-1": "12", "parents": "2"}, follow=True)
    assert german_words(changed) == []


def test_hsds_import_page_in_english(client, planner, city):
    english(client)
    client.force_login(planner)
    assert german_words(client.get(reverse("offers:hsds-import"))) == []
    preview = client.post(
        reverse("offers:hsds-import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("fremd.zip", _zip(foreign_package()))},
    )
    assert preview.status_code == 200
    assert "schedules.csv, row 3: only weekly opening hours" in visible_text(preview)
    assert german_words(preview) == []
    broken = client.post(
        reverse("offers:hsds-import"),
        {"stadt": city.code, "datei": SimpleUploadedFile("x.zip", b"kein zip")},
    )
    assert "The file is not a ZIP archive." in visible_text(broken)
    assert german_words(broken) == []


def test_german_is_unchanged(client, planner, directory, district):
    client.force_login(planner)
    page = {"stadt": "teststadt", "ebene": "stadtraum", "phase": "0-1"}
    coverage = visible_text(client.get(reverse("offers:coverage"), page))
    assert "„Lücke“ markiert eine Lücke" in coverage
    assert "Lücke bis 2 × Schwelle 2 bis 4 × Schwelle über 4 × Schwelle" in coverage
    assert "1 Angebotsort, 10,0 je 1.000 Kinder" in coverage
    export = client.get(reverse("offers:coverage"), {**page, "format": "csv"})
    assert export.content.decode("utf-8-sig").startswith("Gebietsschlüssel;Gebiet;Lebensphase;")
    chain = visible_text(client.get(reverse("offers:chain", args=[district.pk])))
    assert "Lücke: kein Angebot" in chain
    unknown = client.get(reverse("offers:search"), {"q": "Elterncafé", "nahe": "x"})
    assert "„x“ kennen wir in Teststadt nicht. Versuchen Sie eine Postleitzahl" in visible_text(
        unknown
    )
    search = visible_text(client.get(reverse("offers:search"), {"q": "Elterncafé"}))
    assert "Öffnungszeiten: Di 09:00–12:00" in search
