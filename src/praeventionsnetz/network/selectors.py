"""Reads of the network for pages, the survey and the analysis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.utils.translation import ngettext

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import LEVEL_ORDER, Area, Level
from praeventionsnetz.core.text import ngettext_noop
from praeventionsnetz.network import names
from praeventionsnetz.network.models import (
    Organisation,
    OrgKind,
    OrgLevel,
    PartnerSuggestion,
    SuggestionStatus,
    SurveyInvitation,
    SurveyWave,
    Tie,
)


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Everything for logged-in roles; only public organisations for the public."""
    qs = Organisation.objects.all()
    if not getattr(user, "is_authenticated", False):
        qs = qs.filter(is_public=True)
    return qs


# Levels that serve an area from above: a district office, the city's and the state's
# authorities (ASD, Jugendamt, Gesundheitsamt, Jobcenter).
HIGHER_LEVELS = (OrgLevel.DISTRICT, OrgLevel.CITY, OrgLevel.STATE)
CITY_LEVELS = (OrgLevel.CITY, OrgLevel.STATE)


def organisations_in(area: Area) -> QuerySet[Organisation]:
    """The organisations of an area's network: who is invited to its survey waves, may be
    named as a partner in them, and is drawn on its network map.

    An organisation belongs to the area when it
    - lies in the area (its address, at any level), or
    - serves the area, a part of it, or an area that contains it (wholly or in part), or
    - works at a higher level and names no areas it serves: a city or state authority of
      the area's city, or a district office lying in an area that contains the area.
    """
    city_id = area.city_id or area.pk
    hierarchy = area_selectors.hierarchy_of(city_id)
    above = hierarchy.ancestors(area.pk) if area.pk in hierarchy.levels else set()
    below = area_selectors.areas_below([area.pk])
    located = Organisation.located_in.through.objects
    served = Organisation.areas_served.through.objects
    serving_some_area = served.values("organisation_id")
    return Organisation.objects.filter(
        Q(pk__in=located.filter(area_id=area.pk).values("organisation_id"))
        | Q(pk__in=served.filter(area_id__in=below | above).values("organisation_id"))
        | (
            Q(level__in=HIGHER_LEVELS)
            & ~Q(pk__in=serving_some_area)
            & (
                Q(level__in=CITY_LEVELS, city_id=city_id)
                | Q(pk__in=located.filter(area_id__in=above - {city_id}).values("organisation_id"))
            )
        )
    )


def organisation_list(
    *,
    user,
    city: Area | None,
    sector: str = "",
    kind: str = "",
    query: str = "",
    area: Area | None = None,
) -> QuerySet[Organisation]:
    qs = organisations_visible_to(user).select_related("provider")
    if city is not None:
        qs = qs.filter(city=city)
    if area is not None:
        qs = qs.filter(Q(located_in=area) | Q(areas_served=area)).distinct()
    if sector:
        qs = qs.filter(sector=sector)
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(name__icontains=query)
    return qs.order_by("name", "pk")


# Areas whose names people use for places (a Berlin Planungsraum is often named after a
# street or a square, whose words are common in organisation names).
PLACE_LEVELS = (
    Level.STADTBEZIRK,
    Level.STADTRAUM,
    Level.STADTTEIL,
    Level.ORTSCHAFT,
    Level.BEZIRK,
    Level.BEZIRKSREGION,
)


def place_names(city: Area) -> list[str]:
    """The names of a city's current districts, Stadträume and Stadtteile: words that tell
    organisations of the same kind apart (see dedup)."""
    return list(
        Area.objects.current()
        .filter(city=city, level__in=PLACE_LEVELS)
        .values_list("name", flat=True)
    )


def ties_of(organisation: Organisation) -> tuple[list[Tie], list[Tie]]:
    """(reported by it, reported about it), newest wave first."""
    reported = list(
        Tie.objects.filter(reporter=organisation)
        .select_related("partner", "wave")
        .order_by("-wave__started_on", "partner__name")
    )
    received = list(
        Tie.objects.filter(partner=organisation)
        .select_related("reporter", "wave")
        .order_by("-wave__started_on", "reporter__name")
    )
    return reported, received


def network_ties(
    *,
    city: Area,
    wave: SurveyWave | None,
    area: Area | None = None,
    sector: str = "",
    kind: str = "",
) -> QuerySet[Tie]:
    """The ties of a city (or an area of it) as reported in one wave, or registry ties."""
    qs = Tie.objects.filter(reporter__city=city)
    qs = qs.filter(wave=wave) if wave is not None else qs.filter(wave__isnull=True)
    if area is not None and area.pk != city.pk:
        inside = organisations_in(area).values("pk")
        qs = qs.filter(reporter__in=inside, partner__in=inside)
    if sector:
        qs = qs.filter(Q(reporter__sector=sector) | Q(partner__sector=sector))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def ties_frame(ties: QuerySet[Tie]) -> pd.DataFrame:
    """source, target (organisation ids as text), kind: one row per reported tie."""
    rows = ties.values_list("reporter_id", "partner_id", "kind")
    frame = pd.DataFrame.from_records(list(rows), columns=["source", "target", "kind"])
    frame["source"] = frame["source"].astype(str)
    frame["target"] = frame["target"].astype(str)
    return frame


def nodes_frame(organisation_ids: Sequence[int]) -> pd.DataFrame:
    # "label", not "name": igraph takes a vertex attribute "name" as the vertex id.
    rows = Organisation.objects.filter(pk__in=organisation_ids).values_list(
        "pk", "name", "sector", "level", "kind", "is_demo"
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["id", "label", "sector", "level", "kind", "is_demo"]
    )
    frame["id"] = frame["id"].astype(str)
    return frame


def waves_of(city: Area) -> QuerySet[SurveyWave]:
    return waves_with_response(SurveyWave.objects.filter(Q(area=city) | Q(area__city=city)))


def waves_with_response(waves: QuerySet[SurveyWave]) -> QuerySet[SurveyWave]:
    """The waves newest first, each with `invited` and `answered`: how many organisations
    were invited and how many of them have answered (one query for all)."""
    return waves.annotate(
        invited=Count("invitations", distinct=True),
        answered=Count(
            "invitations", filter=Q(invitations__answered_at__isnull=False), distinct=True
        ),
    ).order_by("-started_on", "-pk")


# The kinds the area profile counts, each named in singular and plural ("1 school", "3 schools").
INFRASTRUCTURE_KINDS = {
    OrgKind.YOUTH_CLUB: ngettext_noop(
        "youth club (open youth work)", "youth clubs (open youth work)"
    ),
    OrgKind.SCHOOL_SOCIAL_WORK: ngettext_noop("school social work", "school social work"),
    OrgKind.COUNSELLING: ngettext_noop("counselling centre", "counselling centres"),
    OrgKind.AFTER_SCHOOL: ngettext_noop(
        "after-school care centre (Hort)", "after-school care centres (Horte)"
    ),
    OrgKind.KITA: ngettext_noop("day-care centre (Kita)", "day-care centres (Kitas)"),
    OrgKind.SCHOOL: ngettext_noop("school", "schools"),
    OrgKind.FAMILY_CENTRE: ngettext_noop("family centre", "family centres"),
}


def infrastructure_counts(area: Area) -> list[tuple[str, int]]:
    """Facilities per kind located in the area (as in the area profile): the kind's name,
    singular or plural to match the count, and the count."""
    counts = dict(
        Organisation.objects.filter(located_in=area, kind__in=list(INFRASTRUCTURE_KINDS))
        .values_list("kind")
        .annotate(n=Count("pk", distinct=True))
    )
    return [
        (ngettext(singular, plural, counts[kind]), counts[kind])
        for kind, (singular, plural) in INFRASTRUCTURE_KINDS.items()
        if counts.get(kind)
    ]


# --- Survey waves --------------------------------------------------------------------------

SEARCH_LIMIT = 20


def wave_city_id(wave: SurveyWave) -> int:
    """The city a wave belongs to (a city-wide wave's area is the city itself)."""
    return wave.area.city_id or wave.area_id


def survey_partners(wave: SurveyWave) -> QuerySet[Organisation]:
    """The organisations an answer may name: the public ones of the wave's city and all
    located in or serving the wave's area (as the survey always listed them)."""
    return Organisation.objects.filter(
        Q(city_id=wave_city_id(wave), is_public=True)
        | Q(pk__in=organisations_in(wave.area).values("pk"))
    )


def organisations_with_district(pks: Sequence[int]) -> dict[int, Organisation]:
    """The organisations by id, each with `.district`: the finest area it lies in."""
    found = Organisation.objects.filter(pk__in=pks).prefetch_related(
        Prefetch(
            "located_in",
            queryset=Area.objects.exclude(level=Level.CITY).only("name", "level"),
            to_attr="areas_located",
        )
    )
    result = {}
    for organisation in found:
        areas = sorted(organisation.areas_located, key=lambda a: LEVEL_ORDER.get(a.level, 99))
        organisation.district = areas[-1].name if areas else ""
        result[organisation.pk] = organisation
    return result


def survey_partner_search(
    *, invitation: SurveyInvitation, query: str, limit: int = SEARCH_LIMIT
) -> list[Organisation]:
    """Organisations of the wave's city whose name contains the query (every word of it;
    case, umlauts and accents do not count, see network.names), with their district."""
    candidates = (
        survey_partners(invitation.wave)
        .exclude(pk=invitation.organisation_id)
        .values_list("pk", "name")
    )
    hits = names.best_matches(query, candidates.iterator(chunk_size=5000), limit=limit)
    found = organisations_with_district([pk for pk, _name in hits])
    return [found[pk] for pk, _name in hits if pk in found]


def wave_invitations_for(user, wave: SurveyWave) -> QuerySet[SurveyInvitation]:
    """The invitations of a wave the user manages: every one for planning, the owner and a
    coordinator of the wave's area; a coordinator of an area below the wave's area gets
    those of organisations located in or serving their areas; nobody else any."""
    invitations = wave.invitations.all()
    if user.has_perm("network.manage_whole_wave", wave):
        return invitations
    if not user.has_perm("network.manage_wave", wave):
        return invitations.none()
    below = area_selectors.areas_below(list(user.areas.values_list("pk", flat=True)))
    part = Organisation.objects.filter(Q(located_in__in=below) | Q(areas_served__in=below))
    return invitations.filter(organisation__in=part.values("pk"))


def suggestions_of(wave: SurveyWave) -> QuerySet[PartnerSuggestion]:
    """The partner names of a wave's answers, awaiting review first."""
    return (
        PartnerSuggestion.objects.filter(invitation__wave=wave)
        .select_related("invitation__organisation", "organisation")
        .order_by(
            # pending before decided, then oldest first
            Case(When(status=SuggestionStatus.PENDING, then=0), default=1),
            "created_at",
            "pk",
        )
    )


def suggestion_matches(
    wave: SurveyWave, suggestions: Iterable[PartnerSuggestion], *, limit: int = 8
) -> dict[int, list[Organisation]]:
    """Per suggestion (by pk), organisations of the wave's city with a similar name: those
    containing the longest word of the suggested name. The city's names are read once for
    the whole page, however many names wait for review."""
    longest = {s.pk: max(names.fold(s.name).split(), key=len, default="") for s in suggestions}
    if not any(longest.values()):
        return {pk: [] for pk in longest}
    candidates = list(
        Organisation.objects.filter(city_id=wave_city_id(wave)).values_list("pk", "name")
    )
    hits = {
        pk: names.best_matches(word, candidates, limit=limit) if word else []
        for pk, word in longest.items()
    }
    found = organisations_with_district([o for row in hits.values() for o, _name in row])
    return {pk: [found[o] for o, _name in row if o in found] for pk, row in hits.items()}
