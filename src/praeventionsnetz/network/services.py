"""Writes of the network: organisations, ties, survey waves and their answers."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network.models import (
    Organisation,
    SurveyInvitation,
    SurveyWave,
    Tie,
    TieSource,
)

SURVEY_SALT = "praeventionsnetz.network.survey"


def organisations_locate(organisations: Sequence[Organisation], city: Area) -> int:
    """Assign each organisation with coordinates to the areas of every level it lies in."""
    located = [o for o in organisations if o.lon is not None and o.lat is not None]
    if not located:
        return 0
    locator = area_selectors.locator_for(city)
    through = Organisation.located_in.through
    through.objects.filter(organisation__in=located).delete()
    rows = []
    for level in locator.levels:
        keys = locator.locate_many([(o.lon, o.lat) for o in located], level)
        rows.extend(
            through(organisation_id=o.pk, area_id=key)
            for o, key in zip(located, keys, strict=True)
            if key is not None
        )
    rows.extend(through(organisation_id=o.pk, area_id=city.pk) for o in located)
    through.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def tie_record(
    *,
    reporter: Organisation,
    partner: Organisation,
    kind: str,
    source: str,
    frequency: str = "",
    intensity: int | None = None,
    trust: int | None = None,
    value: int | None = None,
    wave: SurveyWave | None = None,
    by: Any = None,
) -> Tie:
    if reporter.pk == partner.pk:
        raise DomainError(_("An organisation cannot have a tie to itself."))
    tie = Tie.objects.filter(reporter=reporter, partner=partner, kind=kind, wave=wave).first()
    tie = tie or Tie(reporter=reporter, partner=partner, kind=kind, wave=wave)
    tie.source, tie.frequency, tie.intensity = source, frequency, intensity
    tie.trust, tie.value = trust, value
    tie.created_by = tie.created_by or by
    if by is not None:
        tie._history_user = by
    tie.save()
    return tie


# --- Survey waves ------------------------------------------------------------------------


def invitation_token(invitation: SurveyInvitation) -> str:
    """A signed, personal token: wave, organisation and a random nonce."""
    return signing.dumps(
        {"w": invitation.wave_id, "o": invitation.organisation_id, "n": invitation.nonce},
        salt=SURVEY_SALT,
        compress=True,
    )


class InvalidLink(DomainError):
    pass


def invitation_from_token(token: str, *, now: dt.datetime | None = None) -> SurveyInvitation:
    """The invitation a link belongs to; refuses forged, foreign, expired and closed links."""
    try:
        data = signing.loads(token, salt=SURVEY_SALT)
    except signing.BadSignature as exc:
        raise InvalidLink(_("This link is not valid.")) from exc
    invitation = (
        SurveyInvitation.objects.select_related("wave", "organisation")
        .filter(wave_id=data.get("w"), organisation_id=data.get("o"))
        .first()
    )
    if invitation is None or not secrets.compare_digest(invitation.nonce, str(data.get("n"))):
        raise InvalidLink(_("This link is not valid."))
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    if not invitation.wave.is_open or today > invitation.wave.closes_on:
        raise InvalidLink(_("This survey is closed; the link no longer works."))
    return invitation


def wave_organisations(area: Area) -> Iterable[Organisation]:
    """Organisations located in or serving an area (any level below it)."""
    from django.db.models import Q

    return Organisation.objects.filter(Q(located_in=area) | Q(areas_served=area)).distinct()


@transaction.atomic
def wave_start(
    *,
    area: Area,
    name: str,
    closes_on: dt.date,
    by: Any = None,
    organisations: Iterable[Organisation] | None = None,
    is_demo: bool = False,
) -> SurveyWave:
    """Start a wave and issue every organisation of the area its personal link."""
    started_on = timezone.localdate()
    if closes_on < started_on:
        raise DomainError(_("The end of the survey lies in the past."))
    wave = SurveyWave(
        area=area,
        name=name,
        started_on=started_on,
        closes_on=closes_on,
        created_by=by,
        is_demo=is_demo,
    )
    if by is not None:
        wave._history_user = by
    wave.save()
    members = list(organisations if organisations is not None else wave_organisations(area))
    if not members:
        raise DomainError(_("No organisation in the area has been recorded yet."))
    SurveyInvitation.objects.bulk_create(
        [
            SurveyInvitation(
                wave=wave, organisation=o, nonce=secrets.token_hex(8), sent_at=timezone.now()
            )
            for o in members
        ]
    )
    return wave


@dataclass(frozen=True)
class Answer:
    partner: Organisation
    kind: str
    frequency: str
    trust: int | None
    value: int | None


@transaction.atomic
def survey_answer_submit(
    *, invitation: SurveyInvitation, answers: Sequence[Answer], new_partners: Sequence[str] = ()
) -> int:
    """Store an organisation's answer; answering again replaces its earlier answer."""
    invitation = (
        SurveyInvitation.objects.select_for_update().select_related("wave").get(pk=invitation.pk)
    )
    if not invitation.wave.is_open:
        raise DomainError(_("This survey is closed."))
    reporter = invitation.organisation
    Tie.objects.filter(wave=invitation.wave, reporter=reporter).delete()
    partners = list(answers)
    for name in new_partners:
        name = name.strip()
        if not name:
            continue
        partner = Organisation.objects.filter(name__iexact=name).first()
        if partner is None:
            # Stored with the record, so in the platform's language, whoever answers.
            with translation.override(settings.LANGUAGE_CODE):
                source = _("Added in the survey “%(survey)s”") % {"survey": invitation.wave.name}
            partner = Organisation.objects.create(
                name=name, city=reporter.city, is_public=False, source=source
            )
            partner.areas_served.add(invitation.wave.area)
        partners.append(Answer(partner, "information", "", None, None))
    for answer in partners:
        if answer.partner.pk == reporter.pk:
            continue
        Tie.objects.update_or_create(
            reporter=reporter,
            partner=answer.partner,
            kind=answer.kind,
            wave=invitation.wave,
            defaults={
                "frequency": answer.frequency,
                "trust": answer.trust,
                "value": answer.value,
                "source": TieSource.SURVEY,
            },
        )
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answered_at"])
    return len(partners)


@transaction.atomic
def wave_remind(*, wave: SurveyWave, by: Any = None) -> list[SurveyInvitation]:
    """Mark a reminder for everyone who has not answered yet; returns them."""
    pending = list(wave.invitations.filter(answered_at__isnull=True).select_related("organisation"))
    now = timezone.now()
    for invitation in pending:
        invitation.reminded_at = now
    SurveyInvitation.objects.bulk_update(pending, ["reminded_at"])
    return pending


@transaction.atomic
def wave_close(*, wave: SurveyWave, by: Any = None) -> SurveyWave:
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    if wave.closed_at is not None:
        raise DomainError(_("The survey is already closed."))
    wave.closed_at = timezone.now()
    if by is not None:
        wave._history_user = by
    wave.save()
    return wave
