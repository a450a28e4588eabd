"""Network map, sector matrix and the coordinators' list of what to improve."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core import exports
from praeventionsnetz.core.access import requires
from praeventionsnetz.core.jobs import job_pending
from praeventionsnetz.network import analysis, layouts, selectors, tasks
from praeventionsnetz.network.drawing.diagram import network_svg
from praeventionsnetz.network.drawing.elements import DrawEdge, DrawNode
from praeventionsnetz.network.drawing.legend import LegendText
from praeventionsnetz.network.drawing.matrix import matrix_svg
from praeventionsnetz.network.forms import CityFilterForm, NetworkFilterForm
from praeventionsnetz.network.models import Sector, SurveyWave, TieKind

MAX_DRAWN = layouts.MAX_DRAWN
# Rows of the tie table on the page; the export (CSV, Excel) holds every tie.
TABLE_ROWS = 250
URL_SLOT = 987654321  # stands for the organisation id in the detail address
HINTS_SHOWN = 10  # per kind of hint, the most important first; ?alle=<kind> shows every one


def _choice(request: HttpRequest):
    """City, wave, area, sector and kind chosen by query parameters, and their form."""
    cities = list(area_selectors.cities().only("code", "name", "level"))
    if not cities:
        raise Http404
    city = CityFilterForm(request.GET, cities=cities).city(settings.DEFAULT_CITY)
    waves = list(
        selectors.waves_with_response(
            SurveyWave.objects.filter(
                area__in=[city, *Area.objects.filter(city=city).filter(level=Level.STADTRAUM)]
            )
        )
    )
    areas = list(area_selectors.areas_of_level(city=city, level=Level.STADTRAUM)) or list(
        area_selectors.areas_of_level(city=city, level=Level.BEZIRK)
    )
    form = NetworkFilterForm(
        request.GET,
        cities=cities,
        waves=waves,
        areas=areas,
        default_wave=default_wave(waves),
    )
    wave = form.wave_asked()
    area = next((a for a in areas if str(a.pk) == form.value("gebiet")), None)
    sector = form.value("sektor")
    kind = form.value("art")
    return {
        "cities": cities,
        "city": city,
        "waves": waves,
        "wave": wave,
        "areas": areas,
        "area": area,
        "sector": sector,
        "kind": kind,
        "sectors": Sector.choices,
        "kinds": TieKind.choices,
        "wave_status": wave_status(wave),
    }, form


def default_wave(waves: list[SurveyWave]) -> SurveyWave | None:
    """The latest closed wave (waves newest first): an open wave's network is incomplete
    while answers come in, so it is shown only when asked for. None (the registry) when no
    wave is closed yet."""
    return next((w for w in waves if not w.is_open), None)


def _closed_before(waves: list[SurveyWave], later: SurveyWave | None) -> SurveyWave | None:
    """The closed wave that precedes `later` in the list (newest first)."""
    if later is None:
        return None
    position = next(i for i, w in enumerate(waves) if w.pk == later.pk)
    return default_wave(waves[position + 1 :])


RESPONSE_WARNING_BELOW = 60  # per cent of the invited organisations that have answered


def wave_status(wave: SurveyWave | None) -> dict | None:
    """For an open wave: how many of the invited organisations have answered, in per cent,
    and whether that is too few to read the network (below RESPONSE_WARNING_BELOW)."""
    if wave is None or not wave.is_open:
        return None
    invited, answered = wave.invited, wave.answered
    percent = round(100 * answered / invited) if invited else 0
    return {
        "wave": wave,
        "invited": invited,
        "answered": answered,
        "percent": percent,
        "warning": percent < RESPONSE_WARNING_BELOW,
    }


@requires("network.view_network")
@require_GET
def network_map(request: HttpRequest) -> HttpResponse:
    choice, form = _choice(request)
    view = analysis.network_of(
        city=choice["city"],
        wave=choice["wave"],
        area=choice["area"],
        sector=choice["sector"],
        kind=choice["kind"],
        measured=False,
    )
    pair_set = set(zip(view.ties["source"].tolist(), view.ties["target"].tolist(), strict=True))
    fmt = form.export_format
    names = view.names
    if fmt:
        return exports.table_response(
            header=[_("Reporting organisation"), _("Partner"), _("Kind"), _("Mutual")],
            rows=[
                [
                    names.get(s, s),
                    names.get(t, t),
                    str(TieKind(k).label),
                    pgettext("boolean", "yes") if (t, s) in pair_set else pgettext("boolean", "no"),
                ]
                for s, t, k in view.ties.itertuples(index=False)
            ],
            filename=f"netzwerk_{choice['city'].code}",
            fmt=fmt,
        )
    too_many = len(view.nodes) > MAX_DRAWN
    kept = None
    if len(view.nodes) and not too_many:
        kept = layouts.map_data(
            city=choice["city"],
            wave=choice["wave"],
            choice=layouts.choice_key(
                wave=choice["wave"],
                area=choice["area"],
                sector=choice["sector"],
                kind=choice["kind"],
            ),
            nodes=view.nodes,
            ties=view.ties,
        )
        view.summary = kept.summary
    elif len(view.nodes):
        view.summary = layouts.map_summary(analysis.network_summary_of(view))
    degree = layouts.total_degrees(view.summary)
    sectors, levels = analysis.sector_labels(), analysis.level_labels()
    counts = {
        "organisations": ngettext(
            "%(count)s organisation", "%(count)s organisations", len(view.nodes)
        )
        % {"count": len(view.nodes)},
        "ties": ngettext("%(count)s reported tie", "%(count)s reported ties", len(pair_set))
        % {"count": len(pair_set)},
    }
    svg = ""
    if kept is not None:
        drawn_key = _drawn_key(kept.digest, view.nodes, choice["city"].name)
        svg = _drawn_get(drawn_key)
        if svg is None:
            svg = _draw(view, kept, pair_set, degree, sectors, levels, choice["city"], counts)
            _drawn_put(drawn_key, svg)
    kinds = {k: str(label) for k, label in TieKind.choices}
    shown = view.ties.sort_values(["source", "target"]).head(TABLE_ROWS)
    table = [
        {
            "source": names.get(s, s),
            "target": names.get(t, t),
            "source_id": s,
            "target_id": t,
            "kind": kinds.get(k, k),
            "mutual": (t, s) in pair_set,
        }
        for s, t, k in zip(*(shown[c].tolist() for c in ("source", "target", "kind")), strict=True)
    ]
    refresh = job_pending(tasks.layouts_subject(choice["city"], choice["wave"]))
    may_follow = refresh is not None and request.user.has_perm("core.view_job", refresh)
    return render(
        request,
        "network/network_map.html",
        {
            **choice,
            "refresh": refresh if may_follow else None,
            "refreshing": refresh is not None,
            "svg": svg,
            "too_many": too_many,
            "summary": view.summary,
            "n_nodes": len(view.nodes),
            "n_ties": len(pair_set),
            "caption": _("%(organisations)s, %(ties)s.") % counts,
            "table": table,
            "table_total": len(view.ties),
            "export_query": request.GET.urlencode(),
        },
    )


def _kept_summary(choice: dict, view: analysis.NetworkView, *, kind: str = "") -> dict:
    """The figures of the summary panel, kept with the map's layout for the same filter
    (the matrix and the hints share the map's row when no sector is chosen)."""
    if not len(view.nodes):
        return {}
    if len(view.nodes) > MAX_DRAWN:
        return layouts.map_summary(analysis.network_summary_of(view))
    return layouts.map_data(
        city=choice["city"],
        wave=choice["wave"],
        choice=layouts.choice_key(wave=choice["wave"], area=choice["area"], kind=kind),
        nodes=view.nodes,
        ties=view.ties,
    ).summary


def _node_title(degree: int) -> str:
    """The wording of a node's title for its number of ties, to be filled with
    name, sector, level and count."""
    return ngettext(
        "%(name)s – %(sector)s, %(level)s, %(count)s tie",
        "%(name)s – %(sector)s, %(level)s, %(count)s ties",
        degree,
    )


def _legend(sectors: dict[str, str], levels: dict[str, str]) -> LegendText:
    return LegendText(
        sectors=sectors,
        levels=levels,
        sector_heading=_("Sector"),
        level_heading=_("Level"),
        ties_heading=pgettext("network legend", "Ties"),
        reciprocated=_("reciprocated"),
        one_sided=_("named by one side"),
        notes=(
            _("Arrow: reporter → partner"),
            _("Line width: intensity"),
            _("Size: number of ties"),
        ),
    )


@requires("network.view_network")
@require_GET
def sector_matrix(request: HttpRequest) -> HttpResponse:
    choice, form = _choice(request)
    view = analysis.network_of(
        city=choice["city"],
        wave=choice["wave"],
        area=choice["area"],
        kind=choice["kind"],
        measured=False,
    )
    view.summary = _kept_summary(choice, view, kind=choice["kind"])
    groups, counts = analysis.sector_matrix(view)
    fmt = form.export_format
    if fmt:
        return exports.table_response(
            header=[_("Reporting sector \\ partner sector"), *[label for _k, label in groups]],
            rows=[[label, *counts[i]] for i, (_k, label) in enumerate(groups)],
            filename=f"sektormatrix_{choice['city'].code}",
            fmt=fmt,
        )
    svg = matrix_svg(
        groups,
        counts,
        title=pgettext("chart", "Ties between sectors"),
        description=_(
            "Rows: sector of the reporting organisation; columns: sector of the partner. "
            "The table below holds the same numbers."
        ),
        axes_label=_("reporting ↓ · partner →"),
        key_label=_("Number of mentions"),
        empty_message=_("No values"),
    )
    rows = [{"label": label, "counts": counts[i]} for i, (_k, label) in enumerate(groups)]
    return render(
        request,
        "network/matrix.html",
        {
            **choice,
            "svg": svg,
            "groups": groups,
            "rows": rows,
            "summary": view.summary,
            "export_query": request.GET.urlencode(),
        },
    )


@requires("network.view_network")
@require_GET
def improvements(request: HttpRequest) -> HttpResponse:
    choice, _form = _choice(request)
    view = analysis.network_of(
        city=choice["city"], wave=choice["wave"], area=choice["area"], measured=False
    )
    view.summary = _kept_summary(choice, view)
    found = analysis.improvement_hints(view)
    by_kind: dict[str, list] = {}
    for hint in found:
        by_kind.setdefault(hint.kind, []).append(hint)
    whole = request.GET.get("alle", "")
    groups = []
    for kind, items in by_kind.items():
        query = request.GET.copy()
        query["alle"] = kind
        groups.append(
            {
                "kind": kind,
                "items": items if kind == whole else items[:HINTS_SHOWN],
                "total": len(items),
                "whole_url": f"?{query.urlencode()}#hints-{kind}",
            }
        )
    return render(
        request,
        "network/improvements.html",
        {
            **choice,
            "groups": groups,
            "count": len(found),
            "summary": view.summary,
            "names": view.names,
        },
    )


@requires("network.view_network")
@require_GET
def wave_compare(request: HttpRequest) -> HttpResponse:
    """The change between two survey waves."""
    choice, form = _choice(request)
    waves = choice["waves"]
    after = form.wave("nachher") or default_wave(waves)
    before = form.wave("vorher") or _closed_before(waves, after)
    result = None
    if before is not None and after is not None and before.pk != after.pk:
        result = analysis.compare(
            city=choice["city"], before=before, after=after, area=choice["area"]
        )
        fmt = form.export_format
        if fmt:
            return exports.table_response(
                header=[_("Measure"), before.name, after.name, _("Change")],
                rows=[list(row) for row in result.changes],
                filename=f"vergleich_{before.pk}_{after.pk}",
                fmt=fmt,
            )
    return render(
        request,
        "network/wave_compare.html",
        {
            **choice,
            "before": before,
            "after": after,
            "result": result,
            "statuses": [s for s in (wave_status(before), wave_status(after)) if s],
            "export_query": request.GET.urlencode(),
        },
    )


# The drawn SVG of the last networks shown, by (layout digest, names, city name, language):
# drawing 2,000 nodes and 8,000 ties took more than half of the page's time, and the same
# network is asked again and again. Names count (they are in the SVG), the layout digest
# covers organisations, sectors, levels and ties. Per process; a few MB at most.
DRAWN_KEPT = 8
_drawn_lock = threading.Lock()
_drawn: OrderedDict[tuple[str, ...], str] = OrderedDict()


def _drawn_key(layout_digest: str, nodes, city_name: str) -> tuple[str, ...]:
    labels = "\x1f".join(map(str, nodes["label"].tolist()))
    names = hashlib.sha256(labels.encode()).hexdigest()
    return (layout_digest, names, city_name, get_language() or "")


def _drawn_get(key: tuple[str, ...]) -> str | None:
    with _drawn_lock:
        svg = _drawn.get(key)
        if svg is not None:
            _drawn.move_to_end(key)
        return svg


def _drawn_put(key: tuple[str, ...], svg: str) -> None:
    with _drawn_lock:
        _drawn[key] = svg
        while len(_drawn) > DRAWN_KEPT:
            _drawn.popitem(last=False)


def _draw(view, kept, pair_set, degree, sectors, levels, city, counts) -> str:
    """The network's SVG from the kept positions."""
    # One reverse() for all nodes instead of one per node (2,000 on a city's map).
    detail_url = reverse("network:organisation-detail", args=[URL_SLOT]).replace(
        str(URL_SLOT), "{}"
    )
    titles: dict[int, str] = {}  # the node title's wording per number of ties
    nodes = []
    for node_id, label, sector, level in zip(
        *(view.nodes[c].tolist() for c in ("id", "label", "sector", "level")), strict=True
    ):
        total = degree.get(node_id, 0)
        if total not in titles:
            titles[total] = _node_title(total)
        nodes.append(
            DrawNode(
                id=node_id,
                label=label,
                sector=sector,
                level=level,
                degree=total,
                url=detail_url.format(int(node_id)),
                title=titles[total]
                % {
                    "name": label,
                    "sector": sectors.get(sector, sectors[Sector.OTHER]),
                    "level": levels.get(level, level),
                    "count": total,
                },
            )
        )
    edges = [
        DrawEdge(source=s, target=t, reciprocated=(t, s) in pair_set)
        for s, t in pair_set
        if s < t or (t, s) not in pair_set
    ]
    return network_svg(
        nodes,
        edges,
        kept.positions,
        title=_("Network %(city)s") % {"city": city.name},
        description=_("%(organisations)s and %(ties)s; the table below lists the same ties.")
        % counts,
        legend=_legend(sectors, levels),
        empty_message=_("No organisations"),
    )
