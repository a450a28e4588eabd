"""The organisation registry: list and organisation pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_POST

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.core import exports
from praeventionsnetz.core.access import get_for, public, requires
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network import selectors, services
from praeventionsnetz.network.forms import OrganisationFilterForm, TieForm
from praeventionsnetz.network.models import (
    Frequency,
    Organisation,
    OrgKind,
    Sector,
    TieKind,
    TieSource,
)

PAGE_SIZE = 50


@public
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    cities = list(area_selectors.cities().only("code", "name"))
    form = OrganisationFilterForm(request.GET, cities=cities)
    city = form.city(settings.DEFAULT_CITY)
    sector, kind, query = form.value("sektor"), form.value("art"), form.value("q")
    organisations = selectors.organisation_list(
        user=request.user, city=city, sector=sector, kind=kind, query=query
    )
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[
                _("Name"),
                _("Kind"),
                _("Sector"),
                _("Level"),
                _("Legal basis"),
                _("Provider"),
                _("Address"),
                _("Demo data"),
            ],
            rows=[
                [
                    o.name,
                    o.get_kind_display(),
                    o.get_sector_display(),
                    o.get_level_display(),
                    o.legal_basis,
                    o.provider.name if o.provider else "",
                    o.address,
                    pgettext("boolean", "yes") if o.is_demo else "",
                ]
                for o in organisations
            ],
            filename=f"organisationen_{city.code if city else ''}",
            fmt=fmt,
        )
    page = Paginator(organisations, PAGE_SIZE).get_page(form.value("seite"))
    params = request.GET.copy()
    params.pop("seite", None)
    return render(
        request,
        "network/organisation_list.html",
        {
            "cities": cities,
            "city": city,
            "page": page,
            "sector": sector,
            "kind": kind,
            "query": query,
            "sectors": Sector.choices,
            "kinds": OrgKind.choices,
            "params": params.urlencode(),
            "export_query": request.GET.urlencode(),
        },
    )


@public
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_for(
        request,
        Organisation,
        pk,
        perm="network.view_organisation",
        **({} if request.user.is_authenticated else {"is_public": True}),
    )
    reported, received = selectors.ties_of(organisation)
    reporters = {(t.reporter_id, t.wave_id) for t in received}
    for tie in reported:
        tie.is_reciprocated = (tie.partner_id, tie.wave_id) in reporters
    located = organisation.located_in.order_by("level").only("name", "level")
    role = _role(organisation) if request.user.has_perm("network.view_network") else None
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "reported": reported,
            "received": received,
            "located": located,
            "served": organisation.areas_served.only("name", "level"),
            "facilities": organisation.facilities.only("name")[:200],
            "facility_count": organisation.facilities.count(),
            "can_see_ties": request.user.has_perm("network.view_network"),
            "role": role,
            "can_record": request.user.has_perm("network.record_tie", organisation),
            "partners": (
                Organisation.objects.filter(city=organisation.city)
                .exclude(pk=organisation.pk)
                .only("name")
                .order_by("name")[:2000]
                if request.user.has_perm("network.record_tie", organisation)
                else []
            ),
            "tie_kinds": [(k.value, k.label) for k in TieKind if k != TieKind.PROVIDER],
            "frequencies": Frequency.choices,
        },
    )


ROLE_LABELS = {
    "coordinator": gettext_lazy("Coordinator (brokers within its own sector)"),
    "itinerant": gettext_lazy("Consultant (brokers between partners of another sector)"),
    "gatekeeper": gettext_lazy("Gatekeeper (lets contacts into its own sector)"),
    "representative": gettext_lazy("Representative (carries contacts out of its own sector)"),
    "liaison": gettext_lazy("Liaison (between two other sectors)"),
}


def _role(organisation: Organisation) -> dict | None:
    """Its position in the latest survey it was invited to: degrees, betweenness, roles."""
    from praeventionsnetz.network import analysis

    invitation = (
        organisation.invitations.select_related("wave", "wave__area")
        .order_by("-wave__started_on", "-wave__pk")
        .first()
    )
    if invitation is None or organisation.city is None:
        return None
    view = analysis.network_of(city=organisation.city, wave=invitation.wave)
    node = analysis.node_figures(view.summary).get(str(organisation.pk))
    if node is None:
        return None
    roles = [
        (str(ROLE_LABELS[key]), count)
        for key, count in (node.get("brokerage") or {}).items()
        if count and key in ROLE_LABELS
    ]
    return {
        "wave": invitation.wave,
        "degree": node["degree"],
        "betweenness": node["betweenness"],
        "is_cut_point": str(organisation.pk) in view.summary.get("articulation_points", []),
        "roles": roles,
    }


# Any logged-in role may try; whether it may record for this organisation is an object rule.
@requires("core.view_account")
@require_POST
def tie_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator records a cooperation they know of (source: coordinator entry)."""
    reporter = get_for(request, Organisation, pk, perm="network.record_tie")
    form = TieForm(request.POST, reporter=reporter)
    if not form.is_valid():
        messages.error(request, TieForm.CHOOSE_PARTNER)
        return redirect("network:organisation-detail", pk=reporter.pk)
    partner = form.cleaned_data["partner"]
    try:
        services.tie_record(
            reporter=reporter,
            partner=partner,
            kind=form.cleaned_data["art"],
            source=TieSource.COORDINATOR,
            frequency=form.cleaned_data["haeufigkeit"],
            intensity=form.cleaned_data["intensitaet"],
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Tie to “%(partner)s” recorded.") % {"partner": partner.name})
    return redirect("network:organisation-detail", pk=reporter.pk)
