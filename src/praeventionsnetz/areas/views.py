from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from praeventionsnetz.areas import selectors
from praeventionsnetz.areas.models import Area
from praeventionsnetz.core import audit
from praeventionsnetz.core.access import get_for, public
from praeventionsnetz.core.rules import is_coordinator_of_area


@public
@require_GET
def area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_for(request, Area, pk, perm="areas.view_area")
    children = list(selectors.children(area))
    shown = [area, *children] if children else [area]
    context = {
        "area": area,
        "ancestors": selectors.ancestors(area),
        "children": children,
        "also_in": list(area.also_in.all()),
        "partly_contains": list(area.partly_contains.all()),
        "map_data": selectors.feature_collection(children or shown),
        "outline": selectors.feature_collection([area]) if children else None,
        "is_own_area": is_coordinator_of_area(request.user, area),
    }
    if request.user.has_perm("core.view_audit"):
        context["history"] = audit.history_of(area)
    return render(request, "areas/area_detail.html", context)
