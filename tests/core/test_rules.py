from praeventionsnetz.core.rules import is_coordinator_of_area, is_member_of_organisation
from tests.factories import OrganisationFactory


def test_coordinator_is_coordinator_of_own_area_and_the_areas_below(coordinator, district, quarter):
    assert is_coordinator_of_area(coordinator, district)
    assert is_coordinator_of_area(coordinator, quarter)


def test_coordinator_is_not_coordinator_of_a_neighbouring_area(coordinator, other_district, city):
    assert not is_coordinator_of_area(coordinator, other_district)
    assert not is_coordinator_of_area(coordinator, city)


def test_other_roles_coordinate_no_area(planner, steering, member, district):
    for user in (planner, steering, member):
        assert not is_coordinator_of_area(user, district)


def test_member_acts_only_for_own_organisation(member, organisation):
    assert is_member_of_organisation(member, organisation)
    assert not is_member_of_organisation(member, OrganisationFactory())


def test_permissions_by_role(planner, coordinator, steering, member, district):
    assert planner.has_perm("core.view_audit")
    for user in (coordinator, steering, member):
        assert not user.has_perm("core.view_audit")
        assert user.has_perm("core.view_account")
    assert planner.has_perm("areas.change_area")
    assert not coordinator.has_perm("areas.change_area")
