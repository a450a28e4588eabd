"""Who may do what: named predicates combined into permissions.

Roles (``core.models.Role``): planning sees and maintains everything; a coordinator is
scoped to their areas (and everything below them); steering reads everything; an
organisation member acts for one organisation; the public has no account.

Permissions
- ``areas.view_area``        everyone, also the public (areas are public geography)
- ``areas.change_area``      planning
- ``monitoring.view_monitoring``  everyone: figures are aggregated and small numbers suppressed
- ``monitoring.import_observations`` planning
- ``monitoring.change_indicator`` planning: the indicator catalogue
- ``monitoring.change_area_type`` planning: district types and their assignment
- ``monitoring.view_selection``   planning, coordinators, steering: model-area selections
- ``monitoring.run_selection``    planning
- ``network.view_organisation`` everyone (internal organisations only for logged-in roles)
- ``network.change_organisation`` planning: registry import, duplicates, merging
- ``network.record_tie``     planning, or a coordinator of an area the organisation lies in
                             or serves (object rule)
- ``network.view_network``   planning, coordinators, steering: network map, matrix, hints
- ``network.start_wave``     planning, coordinators
- ``network.manage_wave``    see a wave's personal links and send reminders: planning, the
                             wave's owner, a coordinator of the wave's area, or a coordinator
                             of an area below it, who acts on that area's part only
                             (object rule)
- ``network.manage_whole_wave`` the same for every organisation of the wave: planning, the
                             wave's owner, a coordinator of the wave's area (object rule)
- ``network.close_wave``     planning or the wave's owner (object rule)
- ``network.review_suggestions`` planning or the wave's owner: new partner names from
                             the survey answers (object rule)
- ``offers.view_service``    everyone (published offers; the view filters the status)
- ``offers.change_service``  planning, or a member of the offering organisation (object rule)
- ``offers.review_service``  planning, or a coordinator of an area the offer serves or its
                             organisation lies in (object rule)
- ``offers.view_coverage``   planning, coordinators, steering: coverage of the prevention chain
- ``offers.set_coverage_threshold`` planning: the offers per 1,000 children below which a
                             cell is a gap
- ``funding.view_funding``   planning, coordinators, steering: programme overview,
                             utilisation and positions (coordinators see their areas only,
                             funding.selectors.budget_lines_visible_to)
- ``funding.view_budget_line`` planning, steering, or a coordinator of the line's area: its
                             ledger (object rule; city-wide lines: planning and steering)
- ``funding.decide_application`` planning, or a coordinator of the line's area (object rule,
                             applied to the application's budget line)
- ``funding.apply_to_call``  organisation members: open calls, their own applications
- ``funding.review_call``    planning and steering: calls, reviews and their summary
- ``funding.decide_call``    planning: the decision on a call
- ``funding.manage_call``    planning: set up, publish and close a call
- ``steering.view_steering`` planning, coordinators, steering: committees, meetings, action
                             items, measures (non-public committees too)
- ``steering.manage_committee`` planning: committees, seat categories and memberships
- ``steering.manage_meeting`` planning, steering, or a coordinator of the committee's area:
                             meetings, agenda, attendance, minutes, decisions, action items,
                             files (object rule on the committee; without an object: may
                             manage some committee)
- ``steering.log_activity``  coordinators: their own activity log
- ``steering.view_time_accounts`` planning and steering: every coordinator's time account
                             (a coordinator sees their own through the activity log)
- ``steering.manage_measure`` planning, or a coordinator of the measure's area (object
                             rule; without an object: may manage some measure)
- ``core.view_audit``        planning: the audit trail on object pages and the audit log
- ``core.view_account``      every logged-in user: their own account page
- ``core.view_job``          the user who started a background task, and planning: its
                             page with progress and outcome (object rule)
"""

from __future__ import annotations

import rules
from django.db.models import Model

from praeventionsnetz.core.models import Role


def _has_role(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.role == role)

    return predicate


is_planner = _has_role(Role.PLANNING)
is_coordinator = _has_role(Role.COORDINATOR)
is_steering = _has_role(Role.STEERING)
is_organisation_member = _has_role(Role.ORGANISATION)


@rules.predicate
def is_coordinator_of_area(user, area: Model | None) -> bool:
    """A coordinator of this area or of one of the areas above it.

    Above means up the parents and the areas it wholly belongs to (e.g. a Dresden
    Stadtteil's Stadtbezirk, see `areas.AreaMembership`); a part does not count.
    """
    if area is None or not is_coordinator(user):
        return False
    own = set(user.areas.values_list("pk", flat=True))
    todo, seen = [area], set()
    while todo:
        node = todo.pop()
        if node is None or node.pk in seen:
            continue
        if node.pk in own:
            return True
        seen.add(node.pk)
        todo.append(node.parent)
        memberships = getattr(node, "memberships", None)
        if memberships is not None:
            todo.extend(
                m.container
                for m in memberships.filter(is_partial=False).select_related("container")
            )
    return False


@rules.predicate
def is_member_of_organisation(user, organisation) -> bool:
    return bool(
        organisation is not None
        and is_organisation_member(user)
        and user.organisation_id == organisation.pk
    )


rules.add_perm("areas.view_area", rules.always_allow)
rules.add_perm("areas.change_area", is_planner)
rules.add_perm("monitoring.view_monitoring", rules.always_allow)
rules.add_perm("monitoring.import_observations", is_planner)
rules.add_perm("monitoring.change_indicator", is_planner)
rules.add_perm("monitoring.change_area_type", is_planner)
rules.add_perm("monitoring.view_selection", is_planner | is_coordinator | is_steering)
rules.add_perm("monitoring.run_selection", is_planner)
rules.add_perm("network.view_organisation", rules.always_allow)
rules.add_perm("offers.view_service", rules.always_allow)


@rules.predicate
def is_member_of_offering_organisation(user, service) -> bool:
    return (
        service is not None
        and is_organisation_member(user)
        and (user.organisation_id == service.organisation_id)
    )


@rules.predicate
def coordinates_offer(user, service) -> bool:
    if service is None or not is_coordinator(user):
        return False
    areas = (
        list(service.areas_served.all())
        + list(service.organisation.located_in.all())
        + (list(service.organisation.areas_served.all()))
    )
    return any(is_coordinator_of_area(user, area) for area in areas)


rules.add_perm("offers.change_service", is_planner | is_member_of_offering_organisation)
rules.add_perm("offers.review_service", is_planner | coordinates_offer)
rules.add_perm("offers.view_coverage", is_planner | is_coordinator | is_steering)
rules.add_perm("offers.set_coverage_threshold", is_planner)
rules.add_perm("network.change_organisation", is_planner)


@rules.predicate
def coordinates_organisation(user, organisation) -> bool:
    if organisation is None or not is_coordinator(user):
        return False
    areas = list(organisation.located_in.all()) + list(organisation.areas_served.all())
    return any(is_coordinator_of_area(user, area) for area in areas)


rules.add_perm("network.record_tie", is_planner | coordinates_organisation)
rules.add_perm("network.view_network", is_planner | is_coordinator | is_steering)
rules.add_perm("network.start_wave", is_planner | is_coordinator)


@rules.predicate
def is_coordinator_of_wave_area(user, wave) -> bool:
    return wave is not None and is_coordinator_of_area(user, wave.area)


@rules.predicate
def is_wave_owner(user, wave) -> bool:
    """The user who started the wave."""
    return bool(
        wave is not None
        and getattr(user, "is_authenticated", False)
        and wave.created_by_id is not None
        and wave.created_by_id == user.pk
    )


@rules.predicate
def coordinates_below_area(user, wave) -> bool:
    """A coordinator of an area below the wave's area (e.g. a Stadtraum of a city-wide
    wave): they manage the wave's part in their own areas only (see
    network.selectors.wave_invitations_for)."""
    if wave is None or not is_coordinator(user):
        return False
    for area in user.areas.all():
        node = area.parent
        while node is not None:
            if node.pk == wave.area_id:
                return True
            node = node.parent
    return False


is_whole_wave_manager = is_planner | is_wave_owner | is_coordinator_of_wave_area
rules.add_perm("network.manage_whole_wave", is_whole_wave_manager)
rules.add_perm("network.manage_wave", is_whole_wave_manager | coordinates_below_area)
rules.add_perm("network.close_wave", is_planner | is_wave_owner)
rules.add_perm("network.review_suggestions", is_planner | is_wave_owner)
rules.add_perm("core.view_audit", is_planner)
rules.add_perm("core.view_account", rules.is_authenticated)


@rules.predicate
def coordinates_budget_line(user, line) -> bool:
    """A coordinator of the line's area; a city-wide line has no coordinator."""
    return line is not None and line.area_id is not None and is_coordinator_of_area(user, line.area)


rules.add_perm("funding.view_funding", is_planner | is_coordinator | is_steering)
rules.add_perm("funding.view_budget_line", is_planner | is_steering | coordinates_budget_line)
rules.add_perm("funding.decide_application", is_planner | coordinates_budget_line)
rules.add_perm("funding.apply_to_call", is_organisation_member)
rules.add_perm("funding.review_call", is_planner | is_steering)
rules.add_perm("funding.decide_call", is_planner)
rules.add_perm("funding.manage_call", is_planner)


@rules.predicate
def coordinates_object_area(user, obj) -> bool:
    """A coordinator of the object's area (a committee, a measure); without an object, any
    coordinator (who may act on the objects of their areas)."""
    if obj is None:
        return is_coordinator(user)
    return is_coordinator_of_area(user, obj.area)


rules.add_perm("steering.view_steering", is_planner | is_coordinator | is_steering)
rules.add_perm("steering.manage_committee", is_planner)
rules.add_perm("steering.manage_meeting", is_planner | is_steering | coordinates_object_area)
rules.add_perm("steering.log_activity", is_coordinator)
rules.add_perm("steering.view_time_accounts", is_planner | is_steering)
rules.add_perm("steering.manage_measure", is_planner | coordinates_object_area)


@rules.predicate
def started_job(user, job) -> bool:
    """The user who started the background task."""
    return bool(
        job is not None
        and getattr(user, "is_authenticated", False)
        and job.owner_id is not None
        and job.owner_id == user.pk
    )


rules.add_perm("core.view_job", is_planner | started_job)
