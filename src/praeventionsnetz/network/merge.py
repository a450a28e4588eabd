"""Merging a duplicate organisation into the one that is kept."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network.models import Organisation, SurveyInvitation, Tie


@transaction.atomic
def organisation_merge(*, keep: Organisation, remove: Organisation, by: Any = None) -> Organisation:
    """Move ties, facilities, members, invitations and served areas, then delete `remove`.

    A tie that the kept organisation already has (same partner, kind and wave) is not
    duplicated; a tie between the two becomes a tie to itself and is dropped.
    """
    if keep.pk == remove.pk:
        raise DomainError(_("An organisation cannot be merged with itself."))
    keep = Organisation.objects.select_for_update().get(pk=keep.pk)
    remove = Organisation.objects.select_for_update().get(pk=remove.pk)
    for field, other in (("reporter", "partner"), ("partner", "reporter")):
        for tie in Tie.objects.filter(**{field: remove}):
            target = {field: keep, other: getattr(tie, other), "kind": tie.kind, "wave": tie.wave}
            if getattr(tie, f"{other}_id") == keep.pk or Tie.objects.filter(**target).exists():
                tie.delete()
                continue
            setattr(tie, field, keep)
            if by is not None:
                tie._history_user = by
            tie.save()
    Organisation.objects.filter(provider=remove).update(provider=keep)
    remove.memberships.update(organisation=keep)
    for invitation in SurveyInvitation.objects.filter(organisation=remove):
        if SurveyInvitation.objects.filter(wave=invitation.wave, organisation=keep).exists():
            invitation.delete()
        else:
            invitation.organisation = keep
            invitation.save(update_fields=["organisation"])
    keep.areas_served.add(*remove.areas_served.all())
    keep.located_in.add(*remove.located_in.all())
    for field in ("street", "postcode", "town", "phone", "email", "legal_basis", "external_id"):
        if not getattr(keep, field) and getattr(remove, field):
            setattr(keep, field, getattr(remove, field))
    if keep.lon is None and remove.lon is not None:
        keep.lon, keep.lat = remove.lon, remove.lat
    if by is not None:
        keep._history_user = by
        remove._history_user = by
    # Stored in the history, so in the platform's language, whoever merges.
    with translation.override(settings.LANGUAGE_CODE):
        keep._change_reason = _("merged with “%(name)s” (%(pk)s)") % {
            "name": remove.name,
            "pk": remove.pk,
        }
    keep.save()
    remove.delete()
    return keep
