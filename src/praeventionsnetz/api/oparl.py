"""OParl 1.1 read API of the committees' public data, mounted at /oparl/v1.1/ (entry point
``system``).

Plain Django views returning OParl objects: ``id`` is the object's absolute URL, ``type``
``https://schema.oparl.org/1.1/<Type>``. What is public is decided in ``steering.public``;
this module only shapes it. The cities with public committees are the bodies (Body); a
committee is an Organization, a seat a Membership, a seat holder a Person (name, function and
organisation only, never the e-mail address).

Embedding follows the specification: agenda items and files inside the meeting, consultations
and the main file inside the paper, memberships inside the person; the organization lists the
URLs of its memberships. Lists are paged (``page``, ``limit``, at most 100) and filtered by
``created_since``, ``created_until``, ``modified_since`` and ``modified_until``.

``created``/``modified``: a model's own ``created_at``/``modified_at`` (``uploaded_at`` for a
file) where it has them, otherwise the first and the last record of its change history
(django-simple-history); an object without history leaves them out.

Properties of our own carry the prefix ``praeventionsnetz:`` as OParl asks of extensions:
``praeventionsnetz:organisation``, the organisation (Träger) of a person or of a seat held by
an organisation. Demo records have the keyword ``Demodaten``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import F, Model, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import path, re_path, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.access import public
from praeventionsnetz.steering import public as published
from praeventionsnetz.steering.models import (
    AgendaItem,
    Committee,
    CommitteeMembership,
    Consultation,
    Decision,
    Meeting,
    MeetingFile,
    MeetingStatus,
    MembershipRole,
    Paper,
    Person,
    SeatCategory,
)

SCHEMA = "https://schema.oparl.org/1.1/"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
DEMO_KEYWORD = "Demodaten"
ORGANISATION = "praeventionsnetz:organisation"
# Shown in the browser at accessUrl; anything else is always a download.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain"}
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequest(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------------------------


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data,
        status=status,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
    return response


def _error(status: int, message: str) -> JsonResponse:
    return _json({"error": {"status": status, "message": message}}, status=status)


def oparl_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET/HEAD only, German values, JSON errors, open to every origin (a public read API)."""

    @public
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response: HttpResponse = _error(405, "Nur GET ist erlaubt.")
            response["Allow"] = "GET, HEAD"
        else:
            try:
                with translation.override("de"):
                    response = view(request, *args, **kwargs)
            except Http404:
                response = _error(404, "Objekt nicht gefunden.")
            except BadRequest as error:
                response = _error(400, str(error))
        response["Access-Control-Allow-Origin"] = "*"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return wrapped


# --------------------------------------------------------------------------------------------
# URLs and values
# --------------------------------------------------------------------------------------------


class Urls:
    """Absolute URLs of the API's objects, built from one base per request."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.base = request.build_absolute_uri(reverse("oparl:system")).removesuffix("system")

    def __call__(self, kind: str, pk: int | None = None, tail: str = "") -> str:
        url = self.base + kind
        if pk is not None:
            url += f"/{pk}"
        return url + (f"/{tail}" if tail else "")

    def absolute(self, url: str) -> str:
        return self.request.build_absolute_uri(url)


def _stamp(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(data: dict) -> dict:
    """Leave out what is unknown: OParl types values strictly, so no nulls and no empty
    strings or lists (the required lists of a Body are set after cleaning)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _common(obj: Model, demo: bool = False) -> dict:
    return {
        "keyword": [DEMO_KEYWORD] if demo else [],
        "created": _stamp(getattr(obj, "oparl_created", None)),
        "modified": _stamp(getattr(obj, "oparl_modified", None)),
    }


def _city_id(area: Area) -> int:
    return area.city_id or area.pk


def _stamped(qs: QuerySet, created: str | None = None, modified: str | None = None) -> QuerySet:
    """Annotate `oparl_created`/`oparl_modified` from the model's own fields or its history."""
    history = qs.model.history.model.objects.filter(id=OuterRef("pk")).values("history_date")
    first = Subquery(history.order_by("history_date")[:1])
    last = Subquery(history.order_by("-history_date")[:1])
    if modified:
        last_value: Any = F(modified)
    elif created:
        last_value = Coalesce(last, F(created))
    else:
        last_value = last
    return qs.annotate(oparl_created=F(created) if created else first, oparl_modified=last_value)


# --------------------------------------------------------------------------------------------
# Querysets (everything a list page shows is fetched in a fixed number of queries)
# --------------------------------------------------------------------------------------------


def _files(qs: QuerySet[MeetingFile]) -> QuerySet[MeetingFile]:
    return _stamped(qs, created="uploaded_at").order_by("uploaded_at", "pk")


def _consultations(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return _stamped(qs)


def _agenda_items(qs: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    return _stamped(qs).prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.order_by("order", "pk")),
        Prefetch("files", queryset=_files(published.files()), to_attr="public_files"),
        Prefetch(
            "consultations",
            queryset=_consultations(published.consultations()).order_by("pk"),
            to_attr="public_consultations",
        ),
    )


def _meetings(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return _stamped(
        qs.select_related("committee"), created="created_at", modified="modified_at"
    ).prefetch_related(
        Prefetch(
            "agenda_items", queryset=_agenda_items(AgendaItem.objects.order_by("order", "pk"))
        ),
        Prefetch(
            "files",
            queryset=_files(published.files().filter(agenda_item__isnull=True)),
            to_attr="public_files",
        ),
    )


def _memberships(qs: QuerySet[CommitteeMembership]) -> QuerySet[CommitteeMembership]:
    return _stamped(qs.select_related("organisation", "committee__area"))


def _persons(qs: QuerySet[Person]) -> QuerySet[Person]:
    return _stamped(qs.select_related("organisation")).prefetch_related(
        Prefetch(
            "memberships",
            queryset=_memberships(published.memberships()).order_by("starts_on", "pk"),
            to_attr="public_memberships",
        )
    )


def _organizations(qs: QuerySet[Committee]) -> QuerySet[Committee]:
    return _stamped(qs.select_related("area"), created="created_at").prefetch_related(
        Prefetch("seat_categories", queryset=SeatCategory.objects.order_by("order", "pk")),
        Prefetch("memberships", queryset=CommitteeMembership.objects.only("pk", "committee_id")),
    )


def _papers(qs: QuerySet[Paper]) -> QuerySet[Paper]:
    return _stamped(
        qs.select_related("area"), created="created_at", modified="modified_at"
    ).prefetch_related(
        Prefetch("main_file", queryset=_files(published.files()), to_attr="public_main_file"),
        Prefetch(
            "consultations",
            queryset=_consultations(published.consultations()).order_by("pk"),
            to_attr="public_consultations",
        ),
    )


def _bodies(qs: QuerySet[Area]) -> QuerySet[Area]:
    return qs.annotate(oparl_created=F("created_at"), oparl_modified=F("updated_at"))


# --------------------------------------------------------------------------------------------
# Objects
# --------------------------------------------------------------------------------------------


def system_object(urls: Urls) -> dict:
    return _clean(
        {
            "id": urls("system"),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "body": urls("body"),
            "name": "Präventionsnetz",
            "website": urls.absolute("/"),
        }
    )


def body_object(urls: Urls, city: Area) -> dict:
    data = _clean(
        {
            "id": urls("body", city.pk),
            "type": SCHEMA + "Body",
            "system": urls("system"),
            "name": city.name,
            "shortName": city.name,
            "classification": city.get_level_display(),
            "web": urls.absolute(reverse("site:area-detail", kwargs={"pk": city.pk})),
            "organization": urls("body", city.pk, "organization"),
            "person": urls("body", city.pk, "person"),
            "meeting": urls("body", city.pk, "meeting"),
            "paper": urls("body", city.pk, "paper"),
            "membership": urls("body", city.pk, "membership"),
            "agendaItem": urls("body", city.pk, "agendaItem"),
            "consultation": urls("body", city.pk, "consultation"),
            "file": urls("body", city.pk, "file"),
            **_common(city),
        }
    )
    # Committees of the network know no electoral period; the list is required, and empty.
    data["legislativeTerm"] = []
    return data


def organization_object(urls: Urls, committee: Committee) -> dict:
    return _clean(
        {
            "id": urls("organization", committee.pk),
            "type": SCHEMA + "Organization",
            "body": urls("body", _city_id(committee.area)),
            "name": committee.name,
            "shortName": committee.short_name,
            "membership": [urls("membership", m.pk) for m in committee.memberships.all()],
            "meeting": urls("organization", committee.pk, "meeting"),
            "consultation": urls("organization", committee.pk, "consultation"),
            "post": [seat.name for seat in committee.seat_categories.all()],
            "organizationType": "Gremium",
            "classification": committee.get_kind_display(),
            "startDate": _day(committee.founded_on),
            "endDate": _day(committee.dissolved_on),
            **_common(committee, committee.is_demo),
        }
    )


def membership_object(urls: Urls, membership: CommitteeMembership) -> dict:
    return _clean(
        {
            "id": urls("membership", membership.pk),
            "type": SCHEMA + "Membership",
            "person": urls("person", membership.person_id) if membership.person_id else None,
            "organization": urls("organization", membership.committee_id),
            "role": membership.get_role_display(),
            "votingRight": membership.role != MembershipRole.ADVISORY,
            "startDate": _day(membership.starts_on),
            "endDate": _day(membership.ends_on),
            ORGANISATION: membership.organisation.name if membership.organisation else None,
            **_common(membership, membership.is_demo),
        }
    )


def person_object(urls: Urls, person: Person) -> dict:
    memberships = person.public_memberships
    return _clean(
        {
            "id": urls("person", person.pk),
            "type": SCHEMA + "Person",
            "body": urls("body", _city_id(memberships[0].committee.area)) if memberships else None,
            "name": person.name,
            "status": [person.role_title] if person.role_title else [],
            ORGANISATION: person.organisation.name if person.organisation else None,
            "membership": [membership_object(urls, m) for m in memberships],
            **_common(person, person.is_demo),
        }
    )


def file_object(urls: Urls, file: MeetingFile) -> dict:
    return _clean(
        {
            "id": urls("file", file.pk),
            "type": SCHEMA + "File",
            "name": file.name,
            "fileName": file.original_name,
            "mimeType": file.content_type,
            "date": _day(timezone.localdate(file.uploaded_at)),
            "size": file.size,
            "accessUrl": urls("file", file.pk, "access"),
            "downloadUrl": urls("file", file.pk, "download"),
            "meeting": [urls("meeting", file.meeting_id)],
            "agendaItem": [urls("agendaItem", file.agenda_item_id)] if file.agenda_item_id else [],
            **_common(file),
        }
    )


def consultation_object(urls: Urls, consultation: Consultation) -> dict:
    return _clean(
        {
            "id": urls("consultation", consultation.pk),
            "type": SCHEMA + "Consultation",
            "paper": urls("paper", consultation.paper_id),
            "meeting": urls("meeting", consultation.meeting_id)
            if consultation.meeting_id
            else None,
            "agendaItem": (
                urls("agendaItem", consultation.agenda_item_id)
                if consultation.agenda_item_id
                else None
            ),
            "organization": (
                [urls("organization", consultation.committee_id)]
                if consultation.committee_id
                else []
            ),
            "role": consultation.role,
            "authoritative": consultation.authoritative,
            **_common(consultation),
        }
    )


def agenda_item_object(urls: Urls, item: AgendaItem) -> dict:
    data = {
        "id": urls("agendaItem", item.pk),
        "type": SCHEMA + "AgendaItem",
        "meeting": urls("meeting", item.meeting_id),
        "number": item.number,
        "order": item.order,
        "public": item.is_public,
        **_common(item),
    }
    if item.is_public:  # a non-public item is listed, but nothing of its content
        consultations = item.public_consultations
        data |= {
            "name": item.title,
            "result": item.result,
            "resolutionText": "\n\n".join(
                f"{d.number}: {d.text}" if d.number else d.text for d in item.decisions.all()
            ),
            "consultation": urls("consultation", consultations[0].pk) if consultations else None,
            "auxiliaryFile": [file_object(urls, f) for f in item.public_files],
        }
    return _clean(data)


def meeting_object(urls: Urls, meeting: Meeting) -> dict:
    location = None
    if meeting.place:
        location = _clean(
            {
                "id": urls("meeting", meeting.pk, "location"),
                "type": SCHEMA + "Location",
                "description": meeting.place,
                "meeting": [urls("meeting", meeting.pk)],
            }
        )
    return _clean(
        {
            "id": urls("meeting", meeting.pk),
            "type": SCHEMA + "Meeting",
            "name": str(meeting),
            "meetingState": meeting.get_status_display(),
            "cancelled": meeting.status == MeetingStatus.CANCELLED,
            "start": _stamp(meeting.starts_at),
            "end": _stamp(meeting.ends_at),
            "location": location,
            "organization": [urls("organization", meeting.committee_id)],
            "auxiliaryFile": [file_object(urls, f) for f in meeting.public_files],
            "agendaItem": [agenda_item_object(urls, i) for i in meeting.agenda_items.all()],
            **_common(meeting, meeting.is_demo),
        }
    )


def paper_object(urls: Urls, paper: Paper) -> dict:
    main_file = paper.public_main_file
    return _clean(
        {
            "id": urls("paper", paper.pk),
            "type": SCHEMA + "Paper",
            "body": urls("body", _city_id(paper.area)),
            "name": paper.name,
            "reference": paper.reference,
            "date": _day(paper.date),
            "paperType": paper.paper_type,
            "mainFile": file_object(urls, main_file) if main_file else None,
            "consultation": [consultation_object(urls, c) for c in paper.public_consultations],
            **_common(paper, paper.is_demo),
        }
    )


# --------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------


def _moment(name: str, raw: str) -> dt.datetime:
    raw = raw.strip().replace(" ", "+")  # an unencoded "+" of the offset arrives as a space
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)):
            value = dt.datetime.combine(day, dt.time())
    except ValueError:
        value = None
    if value is None:
        raise BadRequest(f"{name}: kein Zeitpunkt nach ISO 8601.")
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _positive(name: str, raw: str | None, default: int, maximum: int) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest(f"{name}: eine ganze Zahl ab 1.")
    return min(int(raw), maximum)


def _paged(
    request: HttpRequest, urls: Urls, qs: QuerySet, serialize: Callable[[Urls, Any], dict]
) -> JsonResponse:
    """An OParl external object list: `data`, `pagination` and `links`."""
    params = request.GET
    for name in FILTERS:
        if raw := params.get(name):
            field = "oparl_created" if name.startswith("created") else "oparl_modified"
            lookup = "gte" if name.endswith("since") else "lte"
            qs = qs.filter(**{f"{field}__{lookup}": _moment(name, raw)})
    limit = _positive("limit", params.get("limit"), DEFAULT_LIMIT, MAX_LIMIT)
    page = _positive("page", params.get("page"), 1, 10**9)
    total = qs.count()
    pages = max(1, math.ceil(total / limit))
    if page > pages:
        raise Http404
    rows = qs.order_by("pk")[(page - 1) * limit : page * limit]

    def link(number: int) -> str:
        query = params.copy()
        query["page"] = str(number)
        return urls.absolute(f"{request.path}?{query.urlencode()}")

    links = {"first": link(1), "self": link(page), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return _json(
        {
            "data": [serialize(urls, row) for row in rows],
            "pagination": {
                "totalElements": total,
                "elementsPerPage": limit,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }
    )


def _one(qs: QuerySet, pk: int) -> Any:
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _city(pk: int) -> Area:
    return _one(_bodies(published.cities()), pk)


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


@oparl_view
def system(request: HttpRequest) -> HttpResponse:
    return _json(system_object(Urls(request)))


@oparl_view
def body_list(request: HttpRequest) -> HttpResponse:
    return _paged(request, Urls(request), _bodies(published.cities()), body_object)


@oparl_view
def body(request: HttpRequest, pk: int) -> HttpResponse:
    return _json(body_object(Urls(request), _city(pk)))


def _body_list(
    queryset: Callable[[int], QuerySet],
    shape: Callable[[QuerySet], QuerySet],
    serialize: Callable[[Urls, Any], dict],
) -> Callable[..., HttpResponse]:
    @oparl_view
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        city = _city(pk)
        return _paged(request, Urls(request), shape(queryset(city.pk)), serialize)

    return view


def _detail(
    queryset: Callable[[], QuerySet],
    shape: Callable[[QuerySet], QuerySet],
    serialize: Callable[[Urls, Any], dict],
) -> Callable[..., HttpResponse]:
    @oparl_view
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _json(serialize(Urls(request), _one(shape(queryset()), pk)))

    return view


@oparl_view
def organization_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _one(published.committees(), pk)
    qs = _meetings(published.meetings().filter(committee=committee))
    return _paged(request, Urls(request), qs, meeting_object)


@oparl_view
def organization_consultations(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _one(published.committees(), pk)
    qs = _consultations(published.consultations().filter(committee=committee))
    return _paged(request, Urls(request), qs, consultation_object)


@oparl_view
def meeting_location(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _one(published.meetings().exclude(place=""), pk)
    urls = Urls(request)
    return _json(
        {
            "id": urls("meeting", meeting.pk, "location"),
            "type": SCHEMA + "Location",
            "description": meeting.place,
            "meeting": [urls("meeting", meeting.pk)],
        }
    )


def _serve(request: HttpRequest, pk: int, *, download: bool) -> HttpResponse:
    """A public file: only public files of public committees' meetings leave here; shown in
    the browser only for harmless types, and sandboxed even then."""
    file = _one(published.files(), pk)
    inline = not download and file.content_type in INLINE_TYPES
    content_type = file.content_type if inline else _safe_type(file.content_type)
    try:
        handle = file.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=not inline, filename=file.original_name, content_type=content_type
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    # Revalidated each time, so that a file made private is gone at once.
    response["Cache-Control"] = "no-cache"
    return response


def _safe_type(content_type: str) -> str:
    kind = content_type.strip().lower()
    if not kind or any(c in kind for c in "\r\n;,\"' ") or kind.count("/") != 1:
        return "application/octet-stream"
    return kind


@oparl_view
def file_access(request: HttpRequest, pk: int) -> HttpResponse:
    return _serve(request, pk, download=False)


@oparl_view
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    return _serve(request, pk, download=True)


@oparl_view
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise Http404


@public
def entry(request: HttpRequest) -> HttpResponse:
    return redirect("oparl:system")


app_name = "oparl"

urlpatterns = [
    path("", entry, name="entry"),
    path("system", system, name="system"),
    path("body", body_list, name="body-list"),
    path("body/<int:pk>", body, name="body"),
    path(
        "body/<int:pk>/organization",
        _body_list(published.committees, _organizations, organization_object),
        name="body-organizations",
    ),
    path(
        "body/<int:pk>/person",
        _body_list(published.persons, _persons, person_object),
        name="body-persons",
    ),
    path(
        "body/<int:pk>/meeting",
        _body_list(published.meetings, _meetings, meeting_object),
        name="body-meetings",
    ),
    path(
        "body/<int:pk>/paper",
        _body_list(published.papers, _papers, paper_object),
        name="body-papers",
    ),
    path(
        "body/<int:pk>/membership",
        _body_list(published.memberships, _memberships, membership_object),
        name="body-memberships",
    ),
    path(
        "body/<int:pk>/agendaItem",
        _body_list(published.agenda_items, _agenda_items, agenda_item_object),
        name="body-agenda-items",
    ),
    path(
        "body/<int:pk>/consultation",
        _body_list(published.consultations, _consultations, consultation_object),
        name="body-consultations",
    ),
    path(
        "body/<int:pk>/file",
        _body_list(published.files, _files, file_object),
        name="body-files",
    ),
    path(
        "organization/<int:pk>",
        _detail(published.committees, _organizations, organization_object),
        name="organization",
    ),
    path("organization/<int:pk>/meeting", organization_meetings, name="organization-meetings"),
    path(
        "organization/<int:pk>/consultation",
        organization_consultations,
        name="organization-consultations",
    ),
    path(
        "person/<int:pk>",
        _detail(published.persons, _persons, person_object),
        name="person",
    ),
    path(
        "membership/<int:pk>",
        _detail(published.memberships, _memberships, membership_object),
        name="membership",
    ),
    path(
        "meeting/<int:pk>",
        _detail(published.meetings, _meetings, meeting_object),
        name="meeting",
    ),
    path("meeting/<int:pk>/location", meeting_location, name="location"),
    path(
        "agendaItem/<int:pk>",
        _detail(published.agenda_items, _agenda_items, agenda_item_object),
        name="agenda-item",
    ),
    path("paper/<int:pk>", _detail(published.papers, _papers, paper_object), name="paper"),
    path(
        "consultation/<int:pk>",
        _detail(published.consultations, _consultations, consultation_object),
        name="consultation",
    ),
    path("file/<int:pk>", _detail(published.files, _files, file_object), name="file"),
    path("file/<int:pk>/access", file_access, name="file-access"),
    path("file/<int:pk>/download", file_download, name="file-download"),
    re_path(r"^(?P<rest>.*)$", not_found, name="not-found"),
]
