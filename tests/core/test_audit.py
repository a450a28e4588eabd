from django.urls import reverse

from praeventionsnetz.areas import services
from praeventionsnetz.core.audit import history_of, recent_changes


def test_a_change_is_recorded_with_who_when_old_and_new(quarter, planner):
    services.area_set_note(area=quarter, note="Grenze 2025 geändert", by=planner)
    latest = history_of(quarter)[0]
    assert latest.user == "planerin"
    assert latest.action == "geändert"
    change = next(c for c in latest.changes if c.field == "note")
    assert (change.old, change.new) == ("–", "Grenze 2025 geändert")


def test_planning_sees_the_history_on_the_area_page(client, quarter, planner):
    services.area_set_note(area=quarter, note="Neu zugeschnitten", by=planner)
    client.force_login(planner)
    page = client.get(reverse("site:area-detail", args=[quarter.pk])).content.decode()
    assert "Änderungsverlauf" in page
    assert "Neu zugeschnitten" in page
    assert "planerin" in page


def test_other_roles_do_not_see_the_history(client, quarter, planner, coordinator, steering):
    services.area_set_note(area=quarter, note="Neu zugeschnitten", by=planner)
    for user in (coordinator, steering):
        client.force_login(user)
        page = client.get(reverse("site:area-detail", args=[quarter.pk])).content.decode()
        assert "Änderungsverlauf" not in page
        assert "planerin" not in page


def test_audit_log_lists_changes_across_models(client, quarter, planner, member):
    services.area_set_note(area=quarter, note="x", by=planner)
    labels = {(e.model_label, e.object_label) for e in recent_changes()}
    assert ("Gebiet", "Nordviertel") in labels
    assert ("Benutzer:in", "traegerin") in labels
    client.force_login(planner)
    assert "Nordviertel" in client.get(reverse("core:audit-log")).content.decode()


def test_every_domain_model_has_an_audit_trail():
    from django.apps import apps

    domain_apps = {"core", "areas", "network", "offers", "funding", "steering", "reports"}
    # Derived tables, rebuilt from audited data, need no trail of their own.
    derived = {"offers.searchdocument", "network.networklayout"}
    # Import previews live for a day at most; the import they carry is audited. A background
    # task's record (core.job) only tells its progress: what the task changes is audited.
    transient = {"core.upload", "core.job"}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in domain_apps and not meta.model_name.startswith("historical"):
            if meta.auto_created or meta.label_lower in derived | transient:
                continue
            assert hasattr(model, "history"), f"{meta.label} has no history"
