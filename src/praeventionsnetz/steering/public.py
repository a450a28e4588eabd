"""What of the committees' work is public (the OParl API and public pages build on this).

Public are: committees with ``is_public``; their meetings and agenda items (a non-public item
is known to exist, but nothing of its content); memberships in public committees and the
persons holding them, by their public role only (name, function, organisation, never the
e-mail address); files marked public of public committees' meetings, unless they belong to a
non-public agenda item; consultations in public committees (or in none); council papers
unless every consultation of theirs is in a non-public committee.

Everything belongs to a city (OParl Body): a committee to its area's city, a paper likewise.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.steering.models import (
    AgendaItem,
    Committee,
    CommitteeMembership,
    Consultation,
    Meeting,
    MeetingFile,
    Paper,
    Person,
)


def _in_city(prefix: str, city_id: int | None) -> Q:
    """Objects whose area (reached through `prefix`) is the city or lies in it."""
    if city_id is None:
        return Q()
    return Q(**{f"{prefix}area_id": city_id}) | Q(**{f"{prefix}area__city_id": city_id})


def committees(city_id: int | None = None) -> QuerySet[Committee]:
    return Committee.objects.filter(Q(is_public=True) & _in_city("", city_id))


def cities() -> QuerySet[Area]:
    """Cities with at least one public committee."""
    public = Committee.objects.filter(is_public=True)
    return Area.objects.filter(level=Level.CITY).filter(
        Exists(public.filter(area_id=OuterRef("pk")))
        | Exists(public.filter(area__city_id=OuterRef("pk")))
    )


def meetings(city_id: int | None = None) -> QuerySet[Meeting]:
    return Meeting.objects.filter(Q(committee__is_public=True) & _in_city("committee__", city_id))


def agenda_items(city_id: int | None = None) -> QuerySet[AgendaItem]:
    """All agenda items of public meetings; callers show a non-public one without content."""
    return AgendaItem.objects.filter(
        Q(meeting__committee__is_public=True) & _in_city("meeting__committee__", city_id)
    )


def memberships(city_id: int | None = None) -> QuerySet[CommitteeMembership]:
    return CommitteeMembership.objects.filter(
        Q(committee__is_public=True) & _in_city("committee__", city_id)
    )


def persons(city_id: int | None = None) -> QuerySet[Person]:
    """Persons holding (or having held) a seat in a public committee of the city."""
    return Person.objects.filter(Exists(memberships(city_id).filter(person_id=OuterRef("pk"))))


def files(city_id: int | None = None) -> QuerySet[MeetingFile]:
    return MeetingFile.objects.filter(
        Q(is_public=True, meeting__committee__is_public=True)
        & (Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True))
        & _in_city("meeting__committee__", city_id)
    )


def consultations(city_id: int | None = None) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        (Q(committee__isnull=True) | Q(committee__is_public=True))
        & (Q(meeting__isnull=True) | Q(meeting__committee__is_public=True))
        & (Q(agenda_item__isnull=True) | Q(agenda_item__meeting__committee__is_public=True))
        & _in_city("paper__", city_id)
    )


def papers(city_id: int | None = None) -> QuerySet[Paper]:
    """Papers of the city, except those consulted only in non-public committees."""
    return Paper.objects.filter(_in_city("", city_id)).filter(
        ~Exists(Consultation.objects.filter(paper_id=OuterRef("pk")))
        | Exists(consultations().filter(paper_id=OuterRef("pk")))
    )
