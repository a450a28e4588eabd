"""Carry out a checked import plan in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Model
from simple_history.utils import bulk_create_with_history

from praeventionsnetz.network.models import Organisation
from praeventionsnetz.network.services import organisations_locate
from praeventionsnetz.offers.hsds.plan import HsdsImportRejected, ImportPlan, PlannedOrganisation
from praeventionsnetz.offers.models import Location, Schedule, Service, ServiceAtLocation, Topic
from praeventionsnetz.offers.services import services_index


def _save(obj: Model, by: Any) -> None:
    obj._history_user = by
    obj.save()


def _delete(obj: Model, by: Any) -> None:
    obj._history_user = by
    obj.delete()


def _create(model: type[Model], objs: list[Model], by: Any) -> None:
    """Insert new rows in batches, each with its history row: a city's directory has
    thousands, and one save per row would take minutes."""
    if objs:
        bulk_create_with_history(objs, model, batch_size=500, default_user=by)


def _write(model: type[Model], planned: Iterable[Any], instances: Mapping, by: Any) -> None:
    """Save the planned records that are new or changed; new ones in batches."""
    new = []
    for p in planned:
        if p.action == "unchanged":
            continue
        obj = instances[p.hsds_id]
        for name, value in p.values.items():
            setattr(obj, name, value)
        if p.action == "create":
            new.append(obj)
        else:
            _save(obj, by)
    _create(model, new, by)


def _apply_organisations(plan: ImportPlan, by: Any) -> dict[str, Organisation]:
    orgs = {o.hsds_id: o.existing or Organisation() for o in plan.organisations}
    planned = {o.hsds_id: o for o in plan.organisations}

    def provider(o: PlannedOrganisation) -> Organisation | None:
        return orgs.get(o.parent) if o.parent in orgs else o.parent_known

    # New providers first, so that their facilities are written once, with the provider.
    waiting = [o for o in plan.organisations if o.action != "unchanged"]
    while waiting:
        ready = [o for o in waiting if (p := provider(o)) is None or p.pk is not None]
        ready = ready or waiting  # a loop of providers: closed by the pass below
        for o in ready:
            if provider(o) is not None and provider(o).pk is not None:
                o.values["provider"] = provider(o)
        _write(Organisation, ready, orgs, by)
        waiting = [o for o in waiting if o not in ready]
    for hsds_key, org in orgs.items():
        target = provider(planned[hsds_key])
        if target is not None and org.provider_id != target.pk:
            org.provider = target
            _save(org, by)
        if planned[hsds_key].areas is not None and planned[hsds_key].action != "unchanged":
            org._history_user = by
            org.areas_served.set(planned[hsds_key].areas)
    changed = [orgs[o.hsds_id] for o in plan.organisations if o.action != "unchanged"]
    for city in {org.city for org in changed if org.city_id}:
        organisations_locate([org for org in changed if org.city_id == city.pk], city)
    return orgs


@transaction.atomic
def hsds_import_apply(plan: ImportPlan, *, by: Any = None) -> ImportPlan:
    """Carry out a checked plan in one transaction; raises HsdsImportRejected on errors."""
    if plan.errors:
        raise HsdsImportRejected(plan)
    by_term = {t.hsds_id: t.existing or Topic() for t in plan.topics}
    _write(Topic, plan.topics, by_term, by)
    topics = {t.values["code"]: by_term[t.hsds_id] for t in plan.topics}
    orgs = _apply_organisations(plan, by)
    locations = {p.hsds_id: p.existing or Location() for p in plan.locations}
    for p in plan.locations:
        p.values["organisation"] = orgs[p.org]
    _write(Location, plan.locations, locations, by)
    services = {p.hsds_id: p.existing or Service() for p in plan.services}
    for p in plan.services:
        p.values["organisation"] = orgs[p.org]
    _write(Service, plan.services, services, by)
    topic_links, area_links = [], []
    for p in plan.services:
        service = services[p.hsds_id]
        if p.action == "create":
            topic_links += [(service.pk, topics[code].pk) for code in p.topics or []]
            area_links += [(service.pk, area.pk) for area in p.areas or []]
        elif p.action == "update":
            if p.topics is not None:
                service.topics.set([topics[code] for code in p.topics])
            if p.areas is not None:
                service.areas_served.set(p.areas)
    Service.topics.through.objects.bulk_create(
        Service.topics.through(service_id=s, topic_id=t) for s, t in topic_links
    )
    Service.areas_served.through.objects.bulk_create(
        Service.areas_served.through(service_id=s, area_id=a) for s, a in area_links
    )
    new_sites = []
    for p in plan.services:
        for site in p.sites:
            if site.existing is None:
                site.existing = ServiceAtLocation(
                    service=services[p.hsds_id], location=locations[site.location]
                )
                new_sites.append(site.existing)
    _create(ServiceAtLocation, new_sites, by)
    new_hours = []
    for p in plan.services:
        for site in p.sites:
            for schedule in site.drop:
                _delete(schedule, by)
            new_hours += [
                Schedule(
                    service_at_location=site.existing,
                    weekday=weekday,
                    opens_at=opens,
                    closes_at=closes,
                    note=note,
                )
                for weekday, opens, closes, note in site.add
            ]
        for at in p.drop_sites:
            for schedule in at.schedules.all():
                _delete(schedule, by)
            _delete(at, by)
    _create(Schedule, new_hours, by)
    services_index([services[p.hsds_id] for p in plan.services if p.action != "unchanged"])
    return plan
