"""Stewardship of offers: organisations keep their offers, coordinators review them."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praeventionsnetz.core.access import get_for, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.offers import place_revisions, revisions, selectors, services, stewardship
from praeventionsnetz.offers.forms import LocationForm, OpeningHoursForm, ReturnForm, ServiceForm
from praeventionsnetz.offers.models import Location, Service, ServiceAtLocation, Status


@requires("core.view_account")
@require_GET
def offer_workspace(request: HttpRequest) -> HttpResponse:
    """An organisation's own offers, and the offers waiting for this user's review."""
    user = request.user
    return render(
        request,
        "offers/workspace.html",
        {
            "own": selectors.offers_kept_by(user),
            "waiting": list(selectors.offers_to_review_by(user)),
            "revisions": list(selectors.revisions_to_review_by(user)),
            "stale": list(selectors.offers_stale_for(user)[:500]),
            "return_form": ReturnForm(),
        },
    )


@requires("core.view_account")
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Members edit their organisation's offer. A new or unpublished offer goes to review;
    changes to a published one wait as a revision while the published version stays live."""
    if pk is None:
        if not request.user.organisation_id:
            raise PermissionDenied
        service = Service(organisation_id=request.user.organisation_id)
    else:
        service = get_for(request, Service, pk, perm="offers.change_service")
    is_live = service.pk is not None and service.status == Status.PUBLISHED
    revision = revisions.revision_open(service) if is_live else None
    # The form edits a copy: a published offer's own fields change only on approval.
    instance, initial = (copy.copy(service) if is_live else service), None
    if revision is not None:
        instance = revisions.service_as_proposed(service, revision)
        # A revision that changes only places leaves the topics as published.
        if "topics" in revision.proposed:
            initial = {"topics": revision.proposed["topics"]}
    form = ServiceForm(request.POST or None, instance=instance, initial=initial)
    token = revisions.edit_token(service) if is_live else ""
    if request.method == "POST" and form.is_valid():
        if is_live:
            try:
                revisions.revision_save(
                    service=service,
                    edited=form.save(commit=False),
                    topics=form.cleaned_data["topics"],
                    token=request.POST.get("token", ""),
                    by=request.user,
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Your changes to “%(name)s” were sent for review. Until they are "
                        "approved, families see the published version."
                    )
                    % {"name": service.name},
                )
                return redirect("offers:workspace")
        else:
            saved = services.service_save(
                service=form.save(commit=False),
                topics=form.cleaned_data["topics"],
                by=request.user,
            )
            messages.success(
                request, _("“%(name)s” saved and sent for review.") % {"name": saved.name}
            )
            return redirect("offers:workspace")
    places = place_revisions.place_rows(service, revision) if service.pk else []
    return render(
        request,
        "offers/edit.html",
        {
            "form": form,
            "service": service,
            "is_live": is_live,
            "revision": revision,
            "token": token,
            "places": places,
            "notes": service.review_notes.select_related("author")[:5] if service.pk else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@requires("core.view_account")
@require_GET
def offer_revision(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's view of proposed changes: each changed field, published → proposed."""
    service = get_for(request, Service, pk, perm="offers.review_service")
    revision = revisions.revision_open(service)
    return render(
        request,
        "offers/revision.html",
        {
            "service": service,
            "revision": revision,
            "changes": revisions.revision_changes(revision) if revision else [],
            "place_changes": revisions.revision_place_changes(revision) if revision else [],
            "return_form": ReturnForm(),
        },
    )


@requires("core.view_account")
@require_POST
def offer_revision_approve(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_for(request, Service, pk, perm="offers.review_service")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        revisions.revision_approve(service=service, version=version, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("offers:revision", pk=service.pk)
    messages.success(
        request, _("Changes to “%(name)s” approved and published.") % {"name": service.name}
    )
    return redirect("offers:workspace")


@requires("core.view_account")
@require_POST
def offer_revision_return(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_for(request, Service, pk, perm="offers.review_service")
    form = ReturnForm(request.POST)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    if not form.is_valid():
        messages.error(request, _("Please write briefly what should be changed."))
        return redirect("offers:revision", pk=service.pk)
    try:
        revisions.revision_return(
            service=service, version=version, text=form.cleaned_data["text"], by=request.user
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("offers:revision", pk=service.pk)
    messages.success(
        request,
        _("Changes to “%(name)s” sent back to the organisation with a note.")
        % {"name": service.name},
    )
    return redirect("offers:workspace")


@requires("core.view_account")
@require_POST
def offer_publish(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_for(request, Service, pk, perm="offers.review_service")
    try:
        services.service_publish(service=service, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(name)s” published.") % {"name": service.name})
    return redirect("offers:workspace")


@requires("core.view_account")
@require_POST
def offer_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer sends an offer back to its organisation with a note."""
    service = get_for(request, Service, pk, perm="offers.review_service")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write briefly what should be changed."))
        return redirect("offers:workspace")
    try:
        stewardship.service_return(service=service, text=form.cleaned_data["text"], by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("“%(name)s” sent back to the organisation with a note.") % {"name": service.name},
        )
    return redirect("offers:workspace")


@requires("core.view_account")
@require_http_methods(["GET", "POST"])
def offer_place(request: HttpRequest, pk: int, at_pk: int | None = None) -> HttpResponse:
    """One place of an offer: its address and coordinates, and the weekly opening hours.

    A published offer's places change only when the review approves: for it, the page edits
    the places in the offer's open revision and shows the proposed values.
    """
    service = get_for(request, Service, pk, perm="offers.change_service")
    at = None
    if at_pk is not None:
        at = get_object_or_404(
            ServiceAtLocation.objects.select_related("location"), pk=at_pk, service=service
        )
    if service.status == Status.PUBLISHED:
        return _live_place(request, service, at)
    location = at.location if at is not None else Location.of_organisation(service.organisation)
    schedules = list(at.schedules.all()) if at else []
    which = request.POST.get("form") if request.method == "POST" else None
    place_form = LocationForm(request.POST if which == "place" else None, instance=location)
    hours_form = OpeningHoursForm(
        request.POST if which == "hours" else None, schedules=schedules, prefix="hours"
    )
    if which == "place" and place_form.is_valid():
        try:
            at = stewardship.service_place_save(
                service=service, location=place_form.save(commit=False), by=request.user, at=at
            )
        except DomainError as exc:
            place_form.add_error(None, str(exc))
        else:
            messages.success(request, _("Place “%(name)s” saved.") % {"name": at.location.name})
            return redirect("offers:place", pk=service.pk, at_pk=at.pk)
    if which == "hours" and at is not None and hours_form.is_valid():
        count = stewardship.opening_hours_set(
            at=at,
            week=hours_form.cleaned_data["week"],
            note=hours_form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(
            request,
            ngettext(
                "Opening hours saved (%(count)s period).",
                "Opening hours saved (%(count)s periods).",
                count,
            )
            % {"count": count},
        )
        return redirect("offers:edit", pk=service.pk)
    return render(
        request,
        "offers/place.html",
        {
            "service": service,
            "at": at,
            "heading": at.location.name if at else "",
            "has_hours": at is not None,
            "place_form": place_form,
            "hours_form": hours_form,
        },
        status=400 if request.method == "POST" else 200,
    )


def _place_url(service: Service, key: str) -> str:
    """The page of a place of a revision: a published place by its id, a new one by its
    number in the revision (?neu=2)."""
    if key.startswith("at-"):
        return reverse("offers:place", args=[service.pk, int(key[3:])])
    return f"{reverse('offers:place-create', args=[service.pk])}?neu={key[4:]}"


def _live_place(
    request: HttpRequest, service: Service, at: ServiceAtLocation | None
) -> HttpResponse:
    """The place page of a published offer: it proposes changes in the open revision."""
    revision = revisions.revision_open(service)
    places = place_revisions.places_proposed(service, revision)
    number = request.GET.get("neu", "")
    key = f"at-{at.pk}" if at is not None else (f"new-{number}" if number.isdigit() else None)
    entry = place_revisions.entry_find(places, key) if key else None
    which = request.POST.get("form") if request.method == "POST" else None
    if key and key.startswith("new-") and entry is None and which is None:
        messages.info(
            request,
            _("This proposed place is no longer waiting for review; here is the offer as it is."),
        )
        return redirect("offers:edit", pk=service.pk)
    published = place_revisions.entry_of(at) if at is not None else None
    if entry is None:
        state = "removed" if at is not None else ""
    elif published is None:
        state = "added"
    else:
        state = "" if entry == published else "changed"
    shown = entry or published
    location = (
        place_revisions.entry_location(shown, service, at)
        if shown
        else Location.of_organisation(service.organisation)
    )
    place_form = LocationForm(request.POST if which == "place" else None, instance=location)
    hours_form = OpeningHoursForm(
        request.POST if which == "hours" else None,
        schedules=place_revisions.entry_schedules(shown) if shown else [],
        prefix="hours",
    )
    # The state this page is opened on; a write based on an older one is refused.
    token = revisions.edit_token(service)
    posted = request.POST.get("token", "")
    if which == "place" and place_form.is_valid():
        try:
            saved = revisions.revision_place_save(
                service=service,
                key=key,
                location=place_form.save(commit=False),
                token=posted,
                by=request.user,
            )
        except DomainError as exc:
            place_form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Place “%(name)s” saved as a proposed change. Until the review approves "
                    "it, families see the published version."
                )
                % {"name": place_form.cleaned_data["name"]},
            )
            return redirect(_place_url(service, saved))
    if which == "hours" and key and hours_form.is_valid():
        week = hours_form.cleaned_data["week"]
        try:
            revisions.revision_hours_save(
                service=service,
                key=key,
                week=week,
                note=hours_form.cleaned_data["note"],
                token=posted,
                by=request.user,
            )
        except DomainError as exc:
            hours_form.add_error(None, str(exc))
        else:
            count = sum(len(intervals) for intervals in week.values())
            messages.success(
                request,
                ngettext(
                    "Opening hours proposed (%(count)s period); they wait for review.",
                    "Opening hours proposed (%(count)s periods); they wait for review.",
                    count,
                )
                % {"count": count},
            )
            return redirect("offers:edit", pk=service.pk)
    if which == "remove" and key and key.startswith("new-"):
        try:
            revisions.revision_place_remove(service=service, key=key, token=posted, by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The proposed place was removed from your changes."))
        return redirect("offers:edit", pk=service.pk)
    return render(
        request,
        "offers/place.html",
        {
            "service": service,
            "at": at,
            "heading": shown["name"] if shown else "",
            "has_hours": entry is not None,
            "is_live": True,
            "revision": revision,
            "state": state,
            "token": token,
            "place_form": place_form,
            "hours_form": hours_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@requires("core.view_account")
@require_POST
def offer_place_remove(request: HttpRequest, pk: int, at_pk: int) -> HttpResponse:
    service = get_for(request, Service, pk, perm="offers.change_service")
    at = get_object_or_404(
        ServiceAtLocation.objects.select_related("location"), pk=at_pk, service=service
    )
    if service.status != Status.PUBLISHED:
        stewardship.service_location_remove(at=at, by=request.user)
        messages.success(request, _("Place removed."))
        return redirect("offers:edit", pk=service.pk)
    try:
        revisions.revision_place_remove(
            service=service,
            key=f"at-{at.pk}",
            token=request.POST.get("token", ""),
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Removing “%(name)s” is proposed and waits for review. Until it is approved, "
                "families still see the place."
            )
            % {"name": at.location.name},
        )
    return redirect("offers:edit", pk=service.pk)
