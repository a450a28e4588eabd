"""Demo logins, one per role, and the demo organisation they act for.

Everything here is invented and marked as demo data; the areas are real (areas.demo).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.core.models import Role, User
from praeventionsnetz.network.models import Membership, Organisation

DEMO_ORGANISATION = "Kinder- und Familienzentrum Gorbitz (Demodaten)"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    scope: str


DEMO_USERS = [
    ("planung", Role.PLANNING),
    ("koordination", Role.COORDINATOR),
    ("steuerung", Role.STEERING),
    ("traeger", Role.ORGANISATION),
]


@transaction.atomic
def load_demo_users() -> list[DemoLogin]:
    """Create (or reset) one demo login per role; returns what to print."""
    organisation, _ = Organisation.objects.get_or_create(
        name=DEMO_ORGANISATION, defaults={"is_demo": True}
    )
    coordinated = list(
        Area.objects.current().filter(
            city__code="dresden", level=Level.STADTRAUM, code__in=["16", "04"]
        )
    )
    logins = []
    for username, role in DEMO_USERS:
        password = f"demo-{username}"
        user, _ = User.objects.get_or_create(username=username)
        user.role = role
        user.is_demo = True
        user.first_name = "Demo"
        user.set_password(password)
        user.save()
        if role == Role.ORGANISATION:
            Membership.objects.update_or_create(user=user, defaults={"organisation": organisation})
        else:
            Membership.objects.filter(user=user).delete()
        scope = ""
        if role == Role.COORDINATOR:
            user.areas.set(coordinated)
            scope = ", ".join(a.name for a in coordinated)
        elif role == Role.ORGANISATION:
            scope = organisation.name
        logins.append(DemoLogin(username, password, str(role.label), scope))
    return logins
