"""The OParl 1.1 read API: every object valid against the official schemas (data/oparl),
paging and filters, and nothing non-public anywhere in what a crawler can reach."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from praeventionsnetz.steering.models import (
    AgendaItem,
    CommitteeMembership,
    Consultation,
    Decision,
    MeetingFile,
    MeetingStatus,
    MembershipRole,
    Paper,
)
from tests.steering.factories import (
    CommitteeFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    SeatCategoryFactory,
)

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "oparl" / "oparl-1.1" / "schema"
BASE = "http://testserver/oparl/v1.1/"
SYSTEM = BASE + "system"
HOSTILE = '<script>alert("x")</script> & \u2028 \\ „Zitat“'
SECRETS = (
    "geheim@example.org",
    "vorsitz@example.org",
    "Geheimer Arbeitskreis",
    "Vertrauliche Personalsache",
    "Geheimbeschluss",
    "Internes Protokoll",
    "Akte im geschlossenen Kreis",
    "Nur im geheimen Kreis beraten",
    "intern.pdf",
    "Personalakte",
    "personal.pdf",
    "geheim.pdf",
)


# --------------------------------------------------------------------------------------------
# The schemas
# --------------------------------------------------------------------------------------------


def _refs(node):
    """OParl marks an embedded object with `"schema": "File.json"`; make it a `$ref`."""
    if isinstance(node, dict):
        node = {key: _refs(value) for key, value in node.items()}
        target = node.get("schema")
        if node.get("type") == "object" and isinstance(target, str) and target.endswith(".json"):
            node["$ref"] = target
        return node
    if isinstance(node, list):
        return [_refs(value) for value in node]
    return node


def _load_schemas() -> tuple[dict[str, dict], Registry]:
    schemas = {}
    resources = []
    for file in sorted(SCHEMA_DIR.glob("*.json")):
        schema = _refs(json.loads(file.read_text(encoding="utf-8")))
        schema["$id"] = f"https://schema.oparl.org/1.1/{file.name}"
        schemas[file.stem] = schema
        resources.append(
            (schema["$id"], Resource.from_contents(schema, default_specification=DRAFT202012))
        )
    return schemas, Registry().with_resources(resources)


SCHEMAS, REGISTRY = _load_schemas()


def validate(obj: dict) -> None:
    kind = obj["type"].removeprefix("https://schema.oparl.org/1.1/")
    Draft202012Validator(SCHEMAS[kind], registry=REGISTRY, format_checker=FormatChecker()).validate(
        obj
    )


def test_the_schemas_are_the_copied_ones_and_embedding_is_checked():
    assert len(SCHEMAS) == 12
    with pytest.raises(ValidationError, match="accessUrl"):
        validate(
            {
                "id": BASE + "meeting/1",
                "type": "https://schema.oparl.org/1.1/Meeting",
                "auxiliaryFile": [
                    {"id": BASE + "file/1", "type": "https://schema.oparl.org/1.1/File"}
                ],
            }
        )


def test_the_official_examples_are_valid():
    """The specification's own examples pass, but for one slip in them: the agenda item of
    Meeting-01 lacks the required `order` (which shows that embedded objects are checked)."""
    examples = SCHEMA_DIR.parent / "examples"
    for file in sorted(examples.glob("*.json")):
        example = json.loads(file.read_text(encoding="utf-8"))
        if file.stem == "Meeting-01":
            with pytest.raises(ValidationError, match="'order' is a required property"):
                validate(example)
            for item in example["agendaItem"]:
                item["order"] = 1
        validate(example)


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@pytest.fixture
def storage(tmp_path, monkeypatch):
    """Meeting files go to a temporary folder instead of var/private."""
    store = MeetingFile._meta.get_field("file").storage
    monkeypatch.setattr(store, "base_location", str(tmp_path))
    monkeypatch.setattr(store, "location", str(tmp_path))
    return store


def _file(meeting, name, original, *, is_public=True, agenda_item=None, content=b"%PDF-1.4 x"):
    file = MeetingFile(
        meeting=meeting,
        agenda_item=agenda_item,
        name=name,
        original_name=original,
        content_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
        is_public=is_public,
        uploaded_at=timezone.now(),
    )
    file.file.save(original, ContentFile(content), save=False)
    file.save()
    return file


@pytest.fixture
def council(city, district, organisation, storage):
    """A public steering group (with seats held by persons and by an organisation), a public
    demo working group, a non-public circle; meetings, agenda items, files, papers."""
    group = CommitteeFactory(
        name="Steuerungsgruppe", short_name="StG", area=city, founded_on=dt.date(2020, 1, 1)
    )
    seats = [
        SeatCategoryFactory(committee=group, key=f"sitz-{n}", name=name, seats=2, order=n)
        for n, name in enumerate(["Öffentlicher Träger", "Freie Träger"])
    ]
    chair = PersonFactory(
        name="Dr. Anna Vorsitz", role_title="Amtsleiterin", email="vorsitz@example.org"
    )
    MembershipFactory(seat_category=seats[0], person=chair, role=MembershipRole.CHAIR)
    MembershipFactory(seat_category=seats[0], person=PersonFactory(name=HOSTILE))
    MembershipFactory(
        seat_category=seats[1],
        person=None,
        organisation=organisation,
        role=MembershipRole.ADVISORY,
        ends_on=dt.date(2025, 12, 31),
    )
    demo = CommitteeFactory(name="AG Frühe Hilfen", area=district, is_demo=True)
    MembershipFactory(seat_category=SeatCategoryFactory(committee=demo), is_demo=True)

    hidden = CommitteeFactory(name="Geheimer Arbeitskreis", area=district, is_public=False)
    secret_person = PersonFactory(name="Akte im geschlossenen Kreis", email="geheim@example.org")
    MembershipFactory(seat_category=SeatCategoryFactory(committee=hidden), person=secret_person)
    hidden_meeting = MeetingFactory(committee=hidden, name="Geheimer Arbeitskreis, 1. Sitzung")
    _file(
        hidden_meeting, "Geheimer Arbeitskreis Einladung", "geheim.pdf", content=b"Geheimbeschluss"
    )

    meeting = MeetingFactory(
        committee=group, name="1. Sitzung", status=MeetingStatus.HELD, minutes="Geheimbeschluss"
    )
    open_item = AgendaItem.objects.create(
        meeting=meeting, number="1", order=1, title="Bericht Frühe Hilfen", result="beschlossen"
    )
    closed_item = AgendaItem.objects.create(
        meeting=meeting, number="2", order=2, title="Vertrauliche Personalsache", is_public=False
    )
    Decision.objects.create(meeting=meeting, agenda_item=open_item, number="B-1", text=HOSTILE)
    Decision.objects.create(meeting=meeting, agenda_item=closed_item, text="Geheimbeschluss")
    invitation = _file(meeting, "Einladung", "einladung.pdf")
    secret = b"%PDF-1.4 Geheimbeschluss"
    _file(meeting, "Internes Protokoll", "intern.pdf", is_public=False, content=secret)
    _file(meeting, "Bericht", "bericht.pdf", agenda_item=open_item)
    _file(meeting, "Personalakte", "personal.pdf", agenda_item=closed_item, content=secret)
    MeetingFactory(committee=group, name="2. Sitzung", status=MeetingStatus.CANCELLED, place="")
    MeetingFactory(committee=demo, name="AG-Sitzung", is_demo=True)

    paper = Paper.objects.create(
        reference="V0001/26", name="Vorlage Präventionsketten", area=city, main_file=invitation
    )
    Consultation.objects.create(
        paper=paper, meeting=meeting, agenda_item=open_item, committee=group, authoritative=True
    )
    Consultation.objects.create(paper=paper, committee=hidden, role="Nur im geheimen Kreis beraten")
    secret_paper = Paper.objects.create(name="Nur im geheimen Kreis beraten", area=city)
    Consultation.objects.create(paper=secret_paper, meeting=hidden_meeting, committee=hidden)
    return {"group": group, "meeting": meeting, "paper": paper, "hidden": hidden, "city": city}


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def get_json(client, url, **params):
    response = get(client, url, **params)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def _urls(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _urls(value)
    elif isinstance(node, str) and node.startswith(BASE):
        yield node


def _objects(node):
    """Every OParl object in an answer, the embedded ones included."""
    if isinstance(node, dict):
        if "type" in node and str(node["type"]).startswith("https://schema.oparl.org/"):
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def crawl(client) -> dict[str, object]:
    """Follow every link from the system object; JSON answers by URL (files as bytes)."""
    seen: dict[str, object] = {}
    todo = [SYSTEM]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        response = get(client, url)
        assert response.status_code == 200, url
        if url.endswith(("/access", "/download")):
            seen[url] = b"".join(response.streaming_content)
            continue
        seen[url] = data = response.json()
        todo.extend(u for u in _urls(data) if u not in seen)
    return seen


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_system_is_the_entry_point(client, council):
    system = get_json(client, "/oparl/v1.1/system")
    validate(system)
    assert system["id"] == SYSTEM
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["body"] == BASE + "body"
    assert client.get("/oparl/v1.1/").status_code == 302


def test_every_object_and_list_reachable_from_the_system_is_valid_and_public(client, council):
    answers = crawl(client)
    kinds = set()
    for url, data in answers.items():
        if isinstance(data, bytes):
            continue
        if "pagination" in data:
            assert set(data) == {"data", "pagination", "links"}
            assert data["links"]["self"].startswith(url)
        else:
            assert data["id"] == url.split("?")[0]
        for obj in _objects(data):
            validate(obj)
            kinds.add(obj["type"].rsplit("/", 1)[1])
    assert kinds == {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
    }
    text = "\n".join(
        data.decode("latin-1") if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False)
        for data in answers.values()
    )
    for secret in SECRETS:
        assert secret not in text, secret
    assert "email" not in text
    # The hostile name came back unchanged after JSON decoding.
    assert any(
        obj.get("name") == HOSTILE
        for data in answers.values()
        if isinstance(data, dict)
        for obj in _objects(data)
    )


def test_lists_of_the_body(client, council):
    city = council["city"]
    body = get_json(client, f"/oparl/v1.1/body/{city.pk}")
    assert body["legislativeTerm"] == []
    assert body["web"].endswith(f"/gebiete/{city.pk}/")
    names = {
        "organization": {"Steuerungsgruppe", "AG Frühe Hilfen"},
        "meeting": {"1. Sitzung", "2. Sitzung", "AG-Sitzung"},
        "paper": {"Vorlage Präventionsketten"},
        "file": {"Einladung", "Bericht"},
    }
    for key, expected in names.items():
        data = get_json(client, body[key])["data"]
        assert {obj["name"] for obj in data} == expected, key
    persons = get_json(client, body["person"])["data"]
    # The chair, the hostile name and the demo group's member; not the hidden circle's.
    assert len(persons) == 3
    assert {"Dr. Anna Vorsitz", HOSTILE} <= {p["name"] for p in persons}
    assert get_json(client, body["membership"])["pagination"]["totalElements"] == 4
    assert get_json(client, body["agendaItem"])["pagination"]["totalElements"] == 2
    assert get_json(client, body["consultation"])["pagination"]["totalElements"] == 1


def test_a_city_without_public_committees_is_no_body(client, council):
    from tests.factories import CityFactory

    other = CityFactory(name="Andere Stadt")
    CommitteeFactory(area=other, is_public=False)
    bodies = get_json(client, "/oparl/v1.1/body")["data"]
    assert [b["name"] for b in bodies] == ["Teststadt"]
    assert get(client, f"/oparl/v1.1/body/{other.pk}").status_code == 404


def test_the_non_public_agenda_item_is_listed_without_content(client, council):
    meeting = get_json(client, f"/oparl/v1.1/meeting/{council['meeting'].pk}")
    open_item, closed_item = meeting["agendaItem"]
    assert open_item["name"] == "Bericht Frühe Hilfen"
    assert open_item["resolutionText"] == f"B-1: {HOSTILE}"
    assert open_item["auxiliaryFile"][0]["name"] == "Bericht"
    assert open_item["consultation"].startswith(BASE + "consultation/")
    assert closed_item == {
        "id": closed_item["id"],
        "type": "https://schema.oparl.org/1.1/AgendaItem",
        "meeting": meeting["id"],
        "number": "2",
        "order": 2,
        "public": False,
        "created": closed_item["created"],
        "modified": closed_item["modified"],
    }
    assert [f["name"] for f in meeting["auxiliaryFile"]] == ["Einladung"]
    with translation.override("de"):
        assert meeting["meetingState"] == str(MeetingStatus.HELD.label)
    assert meeting["cancelled"] is False
    assert meeting["location"]["description"] == "Rathaus, Raum 101"


def test_persons_show_their_public_role_only(client, council, organisation):
    chair = get_json(client, f"/oparl/v1.1/body/{council['city'].pk}/person")["data"]
    chair = next(p for p in chair if p["name"] == "Dr. Anna Vorsitz")
    assert chair["status"] == ["Amtsleiterin"]
    assert set(chair) <= {
        "id", "type", "body", "name", "status", "membership", "praeventionsnetz:organisation",
        "keyword", "created", "modified",
    }  # fmt: skip
    (membership,) = chair["membership"]
    with translation.override("de"):
        assert membership["role"] == str(MembershipRole.CHAIR.label)
    assert membership["votingRight"] is True
    seat = CommitteeMembership.objects.get(organisation=organisation)
    held = get_json(client, f"/oparl/v1.1/membership/{seat.pk}")
    assert held["praeventionsnetz:organisation"] == organisation.name
    assert held["votingRight"] is False
    assert held["endDate"] == "2025-12-31"
    assert "person" not in held


def test_organization_lists_posts_memberships_and_its_meetings(client, council):
    group = get_json(client, f"/oparl/v1.1/organization/{council['group'].pk}")
    assert group["post"] == ["Öffentlicher Träger", "Freie Träger"]
    assert len(group["membership"]) == 3
    assert group["startDate"] == "2020-01-01"
    meetings = get_json(client, group["meeting"])["data"]
    assert {m["name"] for m in meetings} == {"1. Sitzung", "2. Sitzung"}
    cancelled = next(m for m in meetings if m["name"] == "2. Sitzung")
    assert cancelled["cancelled"] is True
    assert "location" not in cancelled
    assert get_json(client, group["consultation"])["pagination"]["totalElements"] == 1
    demo = get_json(client, f"/oparl/v1.1/body/{council['city'].pk}/organization")["data"]
    assert next(o for o in demo if o["name"] == "AG Frühe Hilfen")["keyword"] == ["Demodaten"]


def test_paper_embeds_public_consultations_and_main_file(client, council):
    paper = get_json(client, f"/oparl/v1.1/paper/{council['paper'].pk}")
    assert paper["reference"] == "V0001/26"
    assert paper["mainFile"]["name"] == "Einladung"
    (consultation,) = paper["consultation"]
    assert consultation["authoritative"] is True
    assert consultation["organization"] == [BASE + f"organization/{council['group'].pk}"]


def test_unknown_and_non_public_ids_are_json_404(client, council):
    hidden = council["hidden"]
    urls = [
        f"/oparl/v1.1/organization/{hidden.pk}",
        f"/oparl/v1.1/organization/{hidden.pk}/meeting",
        f"/oparl/v1.1/meeting/{hidden.meetings.get().pk}",
        f"/oparl/v1.1/person/{hidden.memberships.get().person_id}",
        f"/oparl/v1.1/membership/{hidden.memberships.get().pk}",
        "/oparl/v1.1/meeting/999999",
        "/oparl/v1.1/gibtsnicht",
        "/oparl/v1.1/system/",
    ]
    urls += [
        f"/oparl/v1.1/file/{f.pk}{tail}"
        for f in MeetingFile.objects.exclude(name__in=["Einladung", "Bericht"])
        for tail in ("", "/access", "/download")
    ]
    urls += [f"/oparl/v1.1/paper/{Paper.objects.get(name__startswith='Nur').pk}"]
    for url in urls:
        response = get(client, url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.json()["error"]["status"] == 404


def test_only_get(client, council):
    response = client.post("/oparl/v1.1/system")
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_paging_across_pages(client, council):
    city = council["city"]
    first = get_json(client, f"/oparl/v1.1/body/{city.pk}/membership", limit=2)
    assert first["pagination"] == {
        "totalElements": 4,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert "prev" not in first["links"]
    assert parse_qs(urlsplit(first["links"]["next"]).query) == {"limit": ["2"], "page": ["2"]}
    second = get_json(client, first["links"]["next"])
    assert second["pagination"]["currentPage"] == 2
    assert "next" not in second["links"]
    assert second["links"]["prev"] == first["links"]["self"]
    assert second["links"]["last"] == second["links"]["self"]
    ids = [m["id"] for m in first["data"] + second["data"]]
    assert len(set(ids)) == 4
    for obj in first["data"] + second["data"]:
        validate(obj)
    assert get(client, first["links"]["next"].replace("page=2", "page=3")).status_code == 404
    for bad in ({"limit": "0"}, {"limit": "x"}, {"page": "-1"}, {"created_since": "gestern"}):
        response = get(client, f"/oparl/v1.1/body/{city.pk}/membership", **bad)
        assert response.status_code == 400, bad
        assert "error" in response.json()
    assert get_json(client, "/oparl/v1.1/body", limit=500)["pagination"]["elementsPerPage"] == 100


def test_filters_by_created_and_modified(client, council):
    city = council["city"]
    url = f"/oparl/v1.1/body/{city.pk}/meeting"
    now = timezone.now()
    later = (now + dt.timedelta(hours=1)).isoformat()
    earlier = (now - dt.timedelta(hours=1)).isoformat()
    assert get_json(client, url, created_since=earlier)["pagination"]["totalElements"] == 3
    assert get_json(client, url, created_since=later)["pagination"]["totalElements"] == 0
    assert get_json(client, url, modified_until=earlier)["pagination"]["totalElements"] == 0
    assert get_json(client, url, modified_until=later)["pagination"]["totalElements"] == 3
    # Objects without own timestamps are dated by their change history.
    persons = f"/oparl/v1.1/body/{city.pk}/person"
    assert get_json(client, persons, created_since=earlier)["pagination"]["totalElements"] == 3
    assert get_json(client, persons, created_until=earlier)["pagination"]["totalElements"] == 0
    # A naive date-time is local time; the filter keeps the links.
    page = get_json(client, url, created_since=now.date().isoformat(), limit=1)
    assert "created_since=" in page["links"]["next"]


def test_public_file_is_served_with_type_and_name(client, council):
    file = MeetingFile.objects.get(name="Einladung")
    obj = get_json(client, f"/oparl/v1.1/file/{file.pk}")
    validate(obj)
    download = get(client, obj["downloadUrl"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="einladung.pdf"'
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"
    access = get(client, obj["accessUrl"])
    assert access["Content-Disposition"] == 'inline; filename="einladung.pdf"'
    assert "sandbox" in access["Content-Security-Policy"]


def test_a_dangerous_file_type_is_never_shown_inline(client, council):
    file = MeetingFile.objects.get(name="Einladung")
    file.content_type = "text/html"
    file.original_name = 'böse "datei".html'
    file.save()
    response = get(client, f"/oparl/v1.1/file/{file.pk}/access")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "text/html"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_lists_take_a_constant_number_of_queries(client, council, django_assert_max_num_queries):
    city = council["city"]
    group = council["group"]
    for n in range(6):
        meeting = MeetingFactory(committee=group, name=f"Weitere Sitzung {n}")
        item = AgendaItem.objects.create(meeting=meeting, order=1, title=f"Punkt {n}")
        Decision.objects.create(meeting=meeting, agenda_item=item, text="Beschluss")
        _file(meeting, f"Anlage {n}", f"anlage-{n}.pdf", agenda_item=item)
        paper = Paper.objects.create(name=f"Vorlage {n}", area=city)
        Consultation.objects.create(paper=paper, meeting=meeting, agenda_item=item, committee=group)
        MembershipFactory(seat_category=group.seat_categories.first())
        MembershipFactory(seat_category=SeatCategoryFactory(committee=CommitteeFactory(area=city)))
    for kind in (
        "organization",
        "person",
        "meeting",
        "paper",
        "membership",
        "agendaItem",
        "consultation",
        "file",
    ):
        with django_assert_max_num_queries(8):
            data = get_json(client, f"/oparl/v1.1/body/{city.pk}/{kind}", limit=100)
        assert data["pagination"]["totalElements"] >= 6, kind
    with django_assert_max_num_queries(8):
        assert len(get_json(client, f"/oparl/v1.1/organization/{group.pk}/meeting")["data"]) == 8


def test_anonymous_use_is_rate_limited(client, settings, db):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_SCOPES = {"oparl": 2}
    caches[settings.RATELIMIT_CACHE].clear()
    assert [client.get("/oparl/v1.1/system").status_code for _ in range(3)] == [200, 200, 429]
    caches[settings.RATELIMIT_CACHE].clear()


def test_every_oparl_view_is_declared_public_and_answers_head(client, council):
    from praeventionsnetz.api import oparl

    assert all(getattr(p.callback, "access", None) == "public" for p in oparl.urlpatterns)
    response = client.head("/oparl/v1.1/system")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
