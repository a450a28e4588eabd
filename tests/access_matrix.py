"""Every URL of the project with the answer each persona gets for GET.

200 = allowed, 302 = sent to the login (anonymous) or elsewhere, 403 = forbidden,
405 = method not allowed. A test fails when a URL pattern is missing here.
"""

ALL = ["anonymous", "planner", "coordinator", "other_coordinator", "steering", "member"]
LOGGED_IN = [p for p in ALL if p != "anonymous"]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ALL, status)


def only(allowed: list[str], *, anonymous: int = 302, other: int = 403) -> dict[str, int]:
    return {p: 200 if p in allowed else (anonymous if p == "anonymous" else other) for p in ALL}


# POST only: refused with 405 after the login and the role check (object rules come later).
FUNDING_POST_ONLY = {
    **only(["planner", "coordinator", "other_coordinator", "steering"]),
    **dict.fromkeys(["planner", "coordinator", "other_coordinator", "steering"], 405),
}

STEERING_READERS = ["planner", "coordinator", "other_coordinator", "steering"]
MEETING_MANAGERS = ["planner", "coordinator", "steering"]

# url name -> (kwargs builder name or None, expected status per persona)
MATRIX: dict[str, tuple[str | None, dict[str, int]]] = {
    "site:home": (None, everyone(200)),
    "core:health": (None, everyone(200)),
    "core:health-live": (None, everyone(200)),
    "core:login": (None, {"anonymous": 200, **dict.fromkeys(LOGGED_IN, 302)}),
    "core:logout": (None, everyone(405)),  # logging out needs POST
    # Single sign-on: not found while it is not configured (tests/sso for when it is).
    "sso:login": (None, everyone(404)),
    "sso:callback": (None, everyone(404)),
    "core:account": (None, only(LOGGED_IN)),
    # POST only, and only one's own key (404 for another's; see tests/core/test_api_tokens.py).
    "core:api-token-revoke": (
        "api_token",
        {**only(LOGGED_IN), **dict.fromkeys(LOGGED_IN, 405)},
    ),
    "core:audit-log": (None, only(["planner"])),
    # A background task started by the coordinator: they and planning see it.
    "core:job-detail": ("job", only(["planner", "coordinator"])),
    "core:password-change": (None, only(LOGGED_IN)),
    "core:password-change-done": (None, only(LOGGED_IN)),
    "core:password-reset": (None, everyone(200)),
    "core:password-reset-done": (None, everyone(200)),
    # An unknown link shows the page that says so.
    "core:password-reset-confirm": ("password_reset_link", everyone(200)),
    "core:password-reset-complete": (None, everyone(200)),
    "site:area-detail": ("area", everyone(200)),
    "monitoring:indicator-map": (None, everyone(200)),
    "monitoring:indicator-list": (None, everyone(200)),
    "monitoring:indicator-series": (None, everyone(200)),
    "monitoring:indicator-compare": (None, everyone(200)),
    "monitoring:import": (None, only(["planner"])),
    "monitoring:import-confirm": (None, {**only(["planner"]), "planner": 405}),  # POST only
    "monitoring:import-undo": ("batch", {**only(["planner"]), "planner": 405}),  # POST only
    "monitoring:index-list": (None, everyone(200)),
    "monitoring:index-detail": ("index", everyone(200)),
    "monitoring:clusters": (None, everyone(200)),
    "monitoring:typology": (None, everyone(200)),
    "monitoring:type-assign": (None, {**only(["planner"]), "planner": 405}),  # POST only
    "monitoring:indicator-create": (None, only(["planner"])),
    "monitoring:indicator-edit": ("indicator", only(["planner"])),
    "monitoring:selection-list": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "monitoring:selection-create": (None, only(["planner"])),
    "monitoring:selection-detail": (
        "selection",
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "set-language": (None, everyone(302)),
    "offers:search": (None, everyone(200)),
    "offers:detail": ("offer", everyone(200)),
    "offers:workspace": (None, only(LOGGED_IN)),
    # Only members of an organisation can create offers for it.
    "offers:create": (None, {**only(["member"]), "planner": 403}),
    "offers:edit": ("offer", only(["planner", "member"])),
    "offers:publish": ("offer", {**only(LOGGED_IN), **dict.fromkeys(LOGGED_IN, 405)}),
    "offers:coverage": (None, only(["planner", "coordinator", "other_coordinator", "steering"])),
    "offers:coverage-thresholds": (None, only(["planner"])),
    "offers:chain": ("area", only(["planner", "coordinator", "other_coordinator", "steering"])),
    "offers:return": ("offer", {**only(LOGGED_IN), **dict.fromkeys(LOGGED_IN, 405)}),
    # The reviewers of the offer see its proposed changes.
    "offers:revision": ("offer", only(["planner"])),
    "offers:revision-approve": ("offer", {**only(LOGGED_IN), **dict.fromkeys(LOGGED_IN, 405)}),
    "offers:revision-return": ("offer", {**only(LOGGED_IN), **dict.fromkeys(LOGGED_IN, 405)}),
    "offers:place-create": ("offer", only(["planner", "member"])),
    "offers:place": ("offer_place", only(["planner", "member"])),
    "offers:place-remove": (
        "offer_place",
        {**only(LOGGED_IN), **dict.fromkeys(LOGGED_IN, 405)},
    ),
    # HSDS import and export change and read the whole registry: planning only.
    "offers:hsds-import": (None, only(["planner"])),
    "offers:hsds-import-confirm": (None, {**only(["planner"]), "planner": 405}),  # POST only
    "offers:hsds-export": (None, only(["planner"])),
    "network:network-map": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "network:matrix": (None, only(["planner", "coordinator", "other_coordinator", "steering"])),
    "network:improvements": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "network:wave-compare": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "network:organisation-list": (None, everyone(200)),
    "network:tie-create": ("organisation", {**only(LOGGED_IN), **dict.fromkeys(LOGGED_IN, 405)}),
    "network:import": (None, only(["planner"])),
    "network:import-confirm": (None, {**only(["planner"]), "planner": 405}),
    "network:duplicates": (None, only(["planner"])),
    "network:merge": (None, {**only(["planner"]), "planner": 405}),
    "network:organisation-detail": ("organisation", everyone(200)),
    "network:wave-list": (None, only(["planner", "coordinator", "other_coordinator", "steering"])),
    "network:wave-create": (None, only(["planner", "coordinator", "other_coordinator"])),
    "network:wave-detail": (
        "wave",
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    # POST only; GET is refused before the object check.
    "network:wave-remind": (
        "wave",
        {
            **only(["planner", "coordinator", "other_coordinator"]),
            "planner": 405,
            "coordinator": 405,
            "other_coordinator": 405,
        },
    ),
    # The personal links: planning and the coordinator of the wave's area.
    "network:wave-links": ("wave", only(["planner", "coordinator"])),
    "network:wave-close": (
        "wave",
        {
            **only(["planner", "coordinator", "other_coordinator"]),
            "planner": 405,
            "coordinator": 405,
            "other_coordinator": 405,
        },
    ),
    # The wave fixture is started without an owner: only planning reviews its new names.
    "network:suggestion-list": ("wave", only(["planner"])),
    "network:survey": ("token", everyone(200)),  # GET redirects back; switching needs POST
    "network:survey-search": ("token", everyone(200)),
    "network:survey-draft": ("token", everyone(405)),  # POST only
    # Funding: nothing for the public or providers; coordinators see their areas' lines.
    "funding:overview": (None, only(["planner", "coordinator", "other_coordinator", "steering"])),
    "funding:utilisation": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "funding:positions": (None, only(["planner", "coordinator", "other_coordinator", "steering"])),
    "funding:ledger": ("budget_line", only(["planner", "coordinator", "steering"])),
    # The action budget: its coordinator and planning manage it (steering reads the figures
    # elsewhere); the public applies, follows its own link and sees what was funded.
    "funding:action-budgets": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "funding:action-applications": ("budget_line", only(["planner", "coordinator"])),
    "funding:paper-application": ("budget_line", only(["planner", "coordinator"])),
    "funding:application-detail": ("action_application", only(["planner", "coordinator"])),
    **{
        f"funding:{name}": ("action_application", FUNDING_POST_ONLY)
        for name in (
            "application-criteria",
            "application-decide",
            "application-start",
            "application-pay",
            "receipt-upload",
            "application-complete",
        )
    },
    "funding:receipt-download": ("receipt", only(["planner", "coordinator"])),
    # Calls: members apply, planning runs the call, planning and steering review.
    "funding:call-list": (None, only(["planner", "steering"])),
    "funding:call-open": (None, only(["member"])),
    "funding:call-detail": ("call", only(["planner", "steering"])),
    "funding:call-apply": ("call", only(["member"])),
    "funding:call-summary": ("call", only(["planner", "steering"])),
    "funding:call-decide": ("call", only(["planner"])),
    "funding:call-new": (None, only(["planner"])),
    "funding:call-edit": ("call", only(["planner"])),
    "funding:call-status": ("call", {**only(["planner"]), "planner": 405}),  # POST only
    "funding:call-review": ("call_application", only(["planner", "steering"])),
    "funding:action-district": ("action_area", everyone(200)),
    "funding:action-apply": ("action_area", everyone(200)),
    "funding:action-sent": ("action_area", everyone(200)),
    "funding:action-confirm": ("action_link", everyone(302)),  # confirms, then the status
    "funding:action-status": ("action_link", everyone(200)),
    # Steering, committees: planning, coordinators and steering see them; planning sets them up.
    "steering:committee-list": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "steering:committee-detail": (
        "committee",
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "steering:committee-members-export": (
        "committee",
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "steering:committee-new": (None, only(["planner"])),
    "steering:committee-edit": ("committee", only(["planner"])),
    "steering:membership-new": ("committee", only(["planner"])),
    "steering:membership-end": ("committee_membership", only(["planner"])),
    # The activity log: each coordinator their own; another's entry is not found (404).
    "steering:activity-log": (None, only(["coordinator", "other_coordinator"])),
    "steering:activity-edit": (
        "activity_entry",
        {**only(["coordinator", "other_coordinator"]), "other_coordinator": 404},
    ),
    "steering:activity-delete": (
        "activity_entry",
        {**only(["coordinator", "other_coordinator"]), "other_coordinator": 404},
    ),
    "steering:time-account": (None, only(["coordinator", "other_coordinator"])),
    "steering:time-account-export": (None, only(["coordinator", "other_coordinator"])),
    "steering:time-accounts": (None, only(["planner", "steering"])),
    # Measures: planning, coordinators and steering read all; planning and the coordinators
    # of the measure's area change it (the measure fixture lies in the coordinator's area).
    "steering:measure-list": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "steering:measure-export": (
        None,
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "steering:measure-new": (None, only(["planner", "coordinator", "other_coordinator"])),
    "steering:measure-detail": (
        "measure",
        only(["planner", "coordinator", "other_coordinator", "steering"]),
    ),
    "steering:measure-edit": ("measure", only(["planner", "coordinator"])),
    # POST only: refused with 405 after the role check.
    "steering:measure-link-project": (
        "measure",
        {
            **only(["planner", "coordinator", "other_coordinator"]),
            **dict.fromkeys(["planner", "coordinator", "other_coordinator"], 405),
        },
    ),
    # Meetings: planning, coordinators and steering read every committee's meetings; the
    # team of the coordinator's district is managed by planning, steering and its
    # coordinator (the coordinator of another area reads it only).
    "steering:meeting-list": ("meeting_committee", only(STEERING_READERS)),
    "steering:meeting-new": ("meeting_committee", only(MEETING_MANAGERS)),
    "steering:meeting-detail": ("meeting", only(STEERING_READERS)),
    "steering:meeting-edit": ("meeting", only(MEETING_MANAGERS)),
    "steering:meeting-attendance": ("meeting", only(MEETING_MANAGERS)),
    "steering:meeting-minutes": ("meeting", only(MEETING_MANAGERS)),
    "steering:meeting-minutes-pdf": ("meeting", only(STEERING_READERS)),
    "steering:meeting-ics": ("meeting", only(STEERING_READERS)),
    "steering:meeting-invite": ("meeting", FUNDING_POST_ONLY),  # POST only
    "steering:meeting-file-upload": ("meeting", FUNDING_POST_ONLY),  # POST only
    "steering:meeting-file-download": ("meeting_file", only(STEERING_READERS)),
    "steering:action-item-new": ("meeting", only(MEETING_MANAGERS)),
    "steering:action-item-update": ("action_item", only(MEETING_MANAGERS)),
    "steering:action-items": (None, only(STEERING_READERS)),
}

# Patterns tested elsewhere: the API and the OParl API (tests/api; every OParl URL is public
# and answers JSON, also for unknown ids) and Django's admin (staff only).
EXCLUDED_PREFIXES = ("api:", "admin:", "oparl:")


# Object-level cases: the same URL for an object of the persona's own scope and for a foreign
# one — a wave the persona started or not, a city-wide wave, an organisation (for ties) or an
# offer in the coordinator's area or in the other one, an area to start a wave in.
# (case id, url name, method, object builder in tests/test_access_objects.py, POST data
# builder or None, expected status per persona). 302 is the redirect after the action (or
# to the login for anonymous users); 400 a refused form.
def posted(allowed: list[str], *, refused: int = 403) -> dict[str, int]:
    """A POST: the allowed personas are redirected after acting, others refused."""
    return {p: 302 if p in allowed or p == "anonymous" else refused for p in ALL}


OBJECT_MATRIX: list[tuple[str, str, str, str, str | None, dict[str, int]]] = [
    # Waves: only the owner or planning closes; the coordinator of the area, the owner and
    # planning remind; in a city-wide wave each coordinator reminds their own part only.
    (
        "close-own-wave",
        "network:wave-close",
        "post",
        "own_wave",
        None,
        posted(["planner", "coordinator"]),
    ),
    (
        "close-foreign-wave",
        "network:wave-close",
        "post",
        "foreign_wave",
        None,
        posted(["planner", "other_coordinator"]),
    ),
    ("close-city-wave", "network:wave-close", "post", "city_wave", None, posted(["planner"])),
    (
        "remind-own-wave",
        "network:wave-remind",
        "post",
        "own_wave",
        None,
        posted(["planner", "coordinator"]),
    ),
    (
        "remind-foreign-wave",
        "network:wave-remind",
        "post",
        "foreign_wave",
        None,
        posted(["planner", "other_coordinator"]),
    ),
    (
        "remind-city-wave",
        "network:wave-remind",
        "post",
        "city_wave",
        None,
        posted(["planner", "coordinator", "other_coordinator"]),
    ),
    (
        "review-own-wave",
        "network:suggestion-list",
        "get",
        "own_wave",
        None,
        only(["planner", "coordinator"]),
    ),
    (
        "review-foreign-wave",
        "network:suggestion-list",
        "get",
        "foreign_wave",
        None,
        only(["planner", "other_coordinator"]),
    ),
    ("review-city-wave", "network:suggestion-list", "get", "city_wave", None, only(["planner"])),
    # Ties: recorded for an organisation of one's own area only.
    (
        "tie-own-organisation",
        "network:tie-create",
        "post",
        "own_organisation",
        "tie",
        posted(["planner", "coordinator"]),
    ),
    (
        "tie-foreign-organisation",
        "network:tie-create",
        "post",
        "foreign_organisation",
        "tie",
        posted(["planner", "other_coordinator"]),
    ),
    # Offers: reviewed by the coordinator of the offer's area, edited by its organisation.
    (
        "publish-own-offer",
        "offers:publish",
        "post",
        "own_offer",
        None,
        posted(["planner", "coordinator"]),
    ),
    (
        "publish-foreign-offer",
        "offers:publish",
        "post",
        "foreign_offer",
        None,
        posted(["planner", "other_coordinator"]),
    ),
    ("edit-own-offer", "offers:edit", "get", "own_offer", None, only(["planner", "member"])),
    ("edit-foreign-offer", "offers:edit", "get", "foreign_offer", None, only(["planner"])),
    # Areas: a coordinator starts waves in their own area only (another area is refused).
    (
        "wave-in-own-area",
        "network:wave-create",
        "post",
        None,
        "wave_in_own_area",
        {**posted(["planner", "coordinator"], refused=400), "steering": 403, "member": 403},
    ),
    (
        "wave-in-foreign-area",
        "network:wave-create",
        "post",
        None,
        "wave_in_foreign_area",
        {**posted(["planner", "other_coordinator"], refused=400), "steering": 403, "member": 403},
    ),
]
