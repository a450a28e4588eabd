"""Personal API keys: made, used and revoked (the model is core.models.ApiToken)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.core.models import ApiToken, User

KEY_PREFIX = "pn_"
SHOWN_CHARACTERS = 8  # after the prefix, to tell keys apart in the list
# The time of last use is written at most this often, not on every request.
USE_RECORDED_EVERY = dt.timedelta(minutes=5)
MAX_ACTIVE = 10


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, by: User | None = None) -> tuple[ApiToken, str]:
    """A new key for `user`; returns the stored token and the key, which is never stored."""
    name = name.strip()
    if not name:
        raise DomainError(_("Give the key a name, e.g. the tool that will use it."))
    if not user.is_active:
        raise DomainError(_("An inactive account cannot have API keys."))
    active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE:
        raise DomainError(
            _("You have %(n)s active keys already. Revoke one you no longer use first.")
            % {"n": MAX_ACTIVE}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name[:100],
        prefix=key[: len(KEY_PREFIX) + SHOWN_CHARACTERS],
        digest=_digest(key),
    )
    token._history_user = by or user
    token.save()
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = by
        token.save(update_fields=["revoked_at"])
    return token


def user_for_key(key: str) -> User | None:
    """The active user a valid, unrevoked key belongs to; None for any other key."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
        # A plain update: no history entry for every use.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
