"""Reads of the prevention chain: which offers reach which area, for which life phase, and
how many children of that age live there (from M1's indicators)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from django.db.models import Max, Q

from praeventionsnetz.areas.models import Area
from praeventionsnetz.areas.selectors import hierarchy_of, locator_for
from praeventionsnetz.monitoring.models import Indicator, Observation
from praeventionsnetz.monitoring.selectors.figures import complete_periods, suppressions
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.offers import coverage
from praeventionsnetz.offers.models import (
    CoverageThreshold,
    LifePhase,
    Service,
    ServiceAtLocation,
    Status,
    Transition,
)

# Children of the age band of each life phase: the indicator keys of M1. Pregnancies are
# counted by the births of the same year; parents by all children under 18.
PHASE_POPULATION = {
    LifePhase.PREGNANCY: "geburten",
    LifePhase.AGE_0_1: "geburten",
    LifePhase.AGE_1_3: "kinder_1_3",
    LifePhase.AGE_3_6: "kinder_3_6",
    LifePhase.AGE_6_10: "kinder_6_10",
    LifePhase.AGE_10_14: "kinder_10_14",
    LifePhase.AGE_14_18: "jugendliche_14_18",
    LifePhase.AGE_18_27: "junge_erwachsene_18_27",
    LifePhase.PARENTS: "kinder_unter_18",
}

# Residents of an area (M1's indicator key): an area whose latest figure is 0, or that has
# none while other areas of its level have one, is uninhabited (a forest, an airport).
RESIDENTS = "einwohner"

# Starting thresholds (offers per 1,000 children of the band) until planning sets its own:
# roughly one offer per 100 babies or toddlers, per 250 school children and per 500 young
# adults or families.
DEFAULT_THRESHOLDS = {
    LifePhase.PREGNANCY: 10.0,
    LifePhase.AGE_0_1: 10.0,
    LifePhase.AGE_1_3: 10.0,
    LifePhase.AGE_3_6: 10.0,
    LifePhase.AGE_6_10: 4.0,
    LifePhase.AGE_10_14: 4.0,
    LifePhase.AGE_14_18: 4.0,
    LifePhase.AGE_18_27: 2.0,
    LifePhase.PARENTS: 2.0,
}

# Where each transition sits in the life course: between these two phases.
TRANSITION_BETWEEN = {
    Transition.FAMILY_DAYCARE: (LifePhase.AGE_0_1, LifePhase.AGE_1_3),
    Transition.DAYCARE_PRIMARY: (LifePhase.AGE_3_6, LifePhase.AGE_6_10),
    Transition.PRIMARY_SECONDARY: (LifePhase.AGE_6_10, LifePhase.AGE_10_14),
    Transition.SCHOOL_WORK: (LifePhase.AGE_14_18, LifePhase.AGE_18_27),
}


def thresholds_for(city: Area) -> dict[str, float]:
    """The planner's threshold per life phase (offers per 1,000 children), else the default."""
    stored = dict(CoverageThreshold.objects.filter(city=city).values_list("phase", "per_1000"))
    return {
        phase: float(stored[phase]) if phase in stored else DEFAULT_THRESHOLDS[phase]
        for phase in LifePhase.values
    }


@dataclass(frozen=True)
class PopulationSource:
    phase: str
    indicator: Indicator | None
    period: str | None
    is_demo: bool


@dataclass
class Coverage:
    city: Area
    level: str
    areas: list[Area]
    frame: pd.DataFrame  # phase, area (pk), offers, children, per_1000, gap
    thresholds: dict[str, float]
    sources: list[PopulationSource]
    missing_transitions: dict[int, list[str]]
    min_cell: dict[str, int] = field(default_factory=dict)
    records: list[coverage.OfferRecord] = field(default_factory=list)
    uninhabited: set[int] = field(default_factory=set)
    # Per phase: label of each children's figure that is not shown ("<3" small, "•" withheld
    # so that a small one cannot be worked out), the same cells as in monitoring.
    hidden: dict[str, dict[int, str]] = field(default_factory=dict)

    @property
    def uses_demo_population(self) -> bool:
        return any(s.is_demo for s in self.sources)


def _area_tree(city: Area) -> tuple[dict[int, tuple[str, int | None]], dict[int, set[int]]]:
    """pk → (level, parent), and pk → every area it belongs to at a coarser level.

    Both groupings count: a Dresden Stadtteil reaches its Stadtraum and its own Stadtbezirk
    (memberships), and one that straddles two parents (e.g. Strehlen) reaches both, so an
    offer for either parent reaches it.
    """
    hierarchy = hierarchy_of(city)
    nodes = {pk: (level, hierarchy.parents[pk]) for pk, level in hierarchy.levels.items()}
    extra: dict[int, set[int]] = defaultdict(set)
    for pk, other in Area.also_in.through.objects.filter(
        from_area__in=list(nodes), to_area__in=list(nodes)
    ).values_list("from_area_id", "to_area_id"):
        extra[pk].add(other)
    ancestors: dict[int, set[int]] = {}
    for pk in nodes:
        found = hierarchy.ancestors(pk)
        for other in extra[pk]:
            found |= {other} | hierarchy.ancestors(other)
        ancestors[pk] = found
    return nodes, ancestors


def _up_to(
    located: Iterable[int],
    *,
    level: str,
    nodes: Mapping[int, tuple[str, int | None]],
    ancestors: Mapping[int, set[int]],
) -> set[int]:
    """The areas at `level` that contain these areas; coarser areas say nothing."""
    reached: set[int] = set()
    for pk in located:
        if pk not in nodes:
            continue
        if nodes[pk][0] == level:
            reached.add(pk)
        else:
            reached |= {a for a in ancestors[pk] if nodes[a][0] == level}
    return reached


def _reach(
    served: Iterable[int],
    *,
    level: str,
    nodes: Mapping[int, tuple[str, int | None]],
    ancestors: Mapping[int, set[int]],
    below: Mapping[int, set[int]],
) -> set[int]:
    """The areas at `level` that an offer serving these areas reaches."""
    reached: set[int] = set()
    for pk in served:
        if pk not in nodes:
            continue
        if nodes[pk][0] == level:
            reached.add(pk)
        elif pk in below:  # a coarser area: every area of the level inside it
            reached |= below[pk]
        else:  # a finer area: the area of the level that contains it
            reached |= {a for a in ancestors[pk] if nodes[a][0] == level}
    return reached


def offer_records(city: Area, level: str) -> list[coverage.OfferRecord]:
    """Published offers of the city's organisations, with the areas of `level` they reach.

    An offer reaches the areas it serves (a city-wide offer reaches all), the areas of its
    places, and, with neither, the areas its organisation lies in.
    """
    nodes, ancestors = _area_tree(city)
    at_level = [pk for pk, (lvl, _p) in nodes.items() if lvl == level]
    below: dict[int, set[int]] = defaultdict(set)
    for pk in at_level:
        for ancestor in ancestors[pk]:
            below[ancestor].add(pk)
    # Offers of the city's organisations, and offers from elsewhere that serve its areas.
    in_city = list(nodes)
    services = list(
        Service.objects.filter(status=Status.PUBLISHED)
        .filter(
            Q(organisation__city=city)
            | Q(areas_served__in=in_city)
            | Q(organisation__located_in=city)
        )
        .distinct()
        .values_list("pk", "life_phases", "transitions", "organisation_id")
    )
    pks = [s[0] for s in services]
    served: dict[int, set[int]] = defaultdict(set)
    for service_id, area_id in Service.areas_served.through.objects.filter(
        service_id__in=pks
    ).values_list("service_id", "area_id"):
        served[service_id].add(area_id)
    points = list(
        ServiceAtLocation.objects.filter(service_id__in=pks, location__lon__isnull=False)
        .values_list("service_id", "location__lon", "location__lat")
        .order_by()
    )
    placed: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    if points and city.geometry is not None:
        hits = locator_for(city).locate_many([(lon, lat) for _s, lon, lat in points], level)
        for (service_id, _lon, _lat), area in zip(points, hits, strict=True):
            if area is not None:
                placed[service_id][area] += 1
    located: dict[int, set[int]] = defaultdict(set)
    for org_id, area_id in Organisation.located_in.through.objects.filter(
        organisation_id__in={s[3] for s in services}
    ).values_list("organisation_id", "area_id"):
        located[org_id].add(area_id)
    records = []
    for pk, phases, transitions, org_id in services:
        reached = _reach(
            served[pk], level=level, nodes=nodes, ancestors=ancestors, below=below
        ) | set(placed[pk])
        if not reached:
            # The organisation's own location: the registry stores it at every level, the
            # city included, so only map fine areas up and never spread a coarse one down.
            reached = _up_to(located[org_id], level=level, nodes=nodes, ancestors=ancestors)
        records.append(
            coverage.OfferRecord(
                key=pk,
                phases=tuple(phases or ()),
                transitions=tuple(transitions or ()),
                areas=tuple(sorted(reached)),
                places=dict(placed[pk]),
            )
        )
    return records


def uninhabited_areas(areas: list[Area]) -> set[int]:
    """The areas where nobody lives: their latest residents' figure is 0, or they have none
    while other areas of the list have one. Without any residents' figure: none."""
    latest: dict[int, float | None] = {}
    for area_id, value in (
        Observation.objects.filter(indicator__key=RESIDENTS, area__in=[a.pk for a in areas])
        .order_by("period")
        .values_list("area_id", "value")
    ):
        latest[area_id] = value
    if not latest:
        return set()
    return {a.pk for a in areas if not latest.get(a.pk)}


def population(
    areas: list[Area], phases: Iterable[str], *, city: Area | None = None, level: str = ""
) -> tuple[
    dict[tuple[str, int], float], list[PopulationSource], dict[str, int], dict[str, dict[int, str]]
]:
    """Children per (phase, area) from the latest period of each phase's indicator, and per
    phase the labels of the children's figures that must not be shown.

    With the city and level given, the latest period complete for that level, if any.
    """
    keys = {phase: PHASE_POPULATION[phase] for phase in phases}
    indicators = Indicator.objects.in_bulk(list(set(keys.values())), field_name="key")
    pks = [a.pk for a in areas]
    latest = dict(
        Observation.objects.filter(indicator__key__in=list(indicators), area__in=pks)
        .values("indicator__key")
        .annotate(period=Max("period"))
        .values_list("indicator__key", "period")
    )
    if city is not None and level and latest:
        # The latest period in which every area of the level has a figure, if there is one:
        # a partial import of a new year must not replace a whole year.
        complete = complete_periods(indicators.values(), city, level)
        for key, indicator in indicators.items():
            if complete.get(indicator.pk):
                latest[key] = max(complete[indicator.pk])
    values: dict[str, dict[int, float]] = defaultdict(dict)
    for key, area_id, value in Observation.objects.filter(
        Q(*[Q(indicator__key=k, period=p) for k, p in latest.items()], _connector=Q.OR)
        if latest
        else Q(pk__in=[]),
        area__in=pks,
    ).values_list("indicator__key", "area_id", "value"):
        values[key][area_id] = value
    result = {
        (phase, area_id): value
        for phase, key in keys.items()
        for area_id, value in values[key].items()
    }
    sources = [
        PopulationSource(
            phase=phase,
            indicator=indicators.get(key),
            period=latest.get(key),
            is_demo=bool(indicators.get(key) and indicators[key].is_demo),
        )
        for phase, key in keys.items()
    ]
    min_cell = {
        phase: (indicators[key].min_cell if key in indicators else 3) for phase, key in keys.items()
    }
    hidden: dict[str, dict[int, str]] = {phase: {} for phase in keys}
    if areas and latest:
        city_id = areas[0].city_id or areas[0].pk
        found = suppressions(city_id, [(indicators[k], p) for k, p in latest.items()])
        for phase, key in keys.items():
            if key not in latest:
                continue
            suppression = found.get((indicators[key].pk, latest[key]))
            if suppression is None:
                continue
            for area_id in pks:
                label = suppression.label(area_id, min_cell[phase])
                if label is not None:
                    hidden[phase][area_id] = label
    return result, sources, min_cell, hidden


def coverage_for(*, city: Area, level: str, thresholds: Mapping[str, float]) -> Coverage:
    areas = list(
        Area.objects.current().filter(city=city, level=level).only("code", "name").order_by("code")
    )
    phases = list(LifePhase.values)
    children, sources, min_cell, hidden = population(areas, phases, city=city, level=level)
    records = offer_records(city, level)
    empty = uninhabited_areas(areas)
    frame = coverage.coverage_matrix(
        records,
        phases=phases,
        areas=[a.pk for a in areas],
        population=children,
        threshold=thresholds,
        uninhabited=empty,
    )
    missing = coverage.missing_transitions(
        records,
        transitions=list(Transition.values),
        areas=[a.pk for a in areas],
        uninhabited=empty,
    )
    return Coverage(
        city=city,
        level=level,
        areas=areas,
        frame=frame,
        thresholds=dict(thresholds),
        sources=sources,
        missing_transitions=missing,
        min_cell=min_cell,
        hidden=hidden,
        records=records,
        uninhabited=empty,
    )


@dataclass(frozen=True)
class Chain:
    """One area's life course: the offers per phase and per transition, and the coverage of
    its level (the same figures and gaps as the coverage page)."""

    area: Area
    phases: dict[str, list[Service]]
    transitions: dict[str, list[Service]]
    coverage: Coverage


def chain_for(area: Area, *, thresholds: Mapping[str, float] | None = None) -> Chain:
    city = area.city if area.city_id else area
    if thresholds is None:
        thresholds = thresholds_for(city)
    result = coverage_for(city=city, level=area.level, thresholds=thresholds)
    records = [r for r in result.records if area.pk in r.areas]
    services = Service.objects.select_related("organisation").in_bulk([r.key for r in records])
    phases: dict[str, list[Service]] = {p: [] for p in LifePhase.values}
    transitions: dict[str, list[Service]] = {t: [] for t in Transition.values}
    for record in sorted(records, key=lambda r: services[r.key].name):
        for phase in record.phases:
            if phase in phases:
                phases[phase].append(services[record.key])
        for transition in record.transitions:
            if transition in transitions:
                transitions[transition].append(services[record.key])
    return Chain(area=area, phases=phases, transitions=transitions, coverage=result)
