"""Writes of the network: organisations, ties, survey waves and their answers."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import mail, signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.areas.models import Area
from praeventionsnetz.core.errors import DomainError
from praeventionsnetz.network import names, selectors
from praeventionsnetz.network.models import (
    Organisation,
    PartnerSuggestion,
    SuggestionStatus,
    SurveyDraft,
    SurveyInvitation,
    SurveyWave,
    Tie,
    TieKind,
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
    if (
        reporter.city_id is not None
        and partner.city_id is not None
        and reporter.city_id != partner.city_id
    ):
        raise DomainError(_("Both organisations of a tie must belong to the same city."))
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
    """The organisations a wave of the area invites (see selectors.organisations_in)."""
    return selectors.organisations_in(area)


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


# A link names at most this many organisations that are not in the register (across all its
# sends); each waits for review by the wave's owner.
SUGGESTIONS_PER_LINK = 20
# Partners one answer can hold: 5 fields a row stay below DATA_UPLOAD_MAX_NUMBER_FIELDS.
MAX_PARTNERS = 150


@dataclass(frozen=True)
class Sent:
    ties: int
    suggestions: int


def _city_organisations_by_name(wave: SurveyWave) -> dict[str, list[int]]:
    by_name: dict[str, list[int]] = {}
    rows = selectors.survey_partners(wave).values_list("pk", "name")
    for pk, name in rows.iterator(chunk_size=5000):
        by_name.setdefault(names.fold(name), []).append(pk)
    return by_name


@transaction.atomic
def survey_answer_submit(
    *, invitation: SurveyInvitation, answers: Sequence[Answer], new_partners: Sequence[str] = ()
) -> Sent:
    """Store an organisation's answer; answering again replaces its earlier answer.

    Partners must be organisations of the wave's city (or of its area). A new name that is
    exactly the name of such an organisation counts as that organisation; any other new name
    becomes a suggestion for the wave's owner to review, and its tie is recorded when it is
    accepted. The invitation's row lock serialises two sends of the same link.
    """
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("wave", "wave__area", "organisation")
        .get(pk=invitation.pk)
    )
    wave = invitation.wave
    if not wave.is_open:
        raise DomainError(_("This survey is closed."))
    reporter = invitation.organisation
    partners = {a.partner.pk: a for a in answers if a.partner.pk != reporter.pk}
    if len(partners) > MAX_PARTNERS:
        raise DomainError(
            _("An answer can name at most %(count)s partners.") % {"count": MAX_PARTNERS}
        )
    allowed = set(
        selectors.survey_partners(wave).filter(pk__in=partners).values_list("pk", flat=True)
    )
    if set(partners) - allowed:
        raise DomainError(_("A chosen organisation does not belong to this survey."))

    wanted: dict[str, str] = {}
    for name in new_partners:
        name = " ".join(name.split())
        if name and names.fold(name) not in wanted:
            wanted[names.fold(name)] = name[:300]
    if wanted:
        by_name = _city_organisations_by_name(wave)
        for key in list(wanted):
            known = by_name.get(key, [])
            if len(known) == 1:  # exactly one organisation of this name in the city
                if known[0] != reporter.pk and known[0] not in partners:
                    partner = Organisation.objects.get(pk=known[0])
                    partners[known[0]] = Answer(partner, TieKind.INFORMATION, "", None, None)
                del wanted[key]
    suggestions = invitation.suggestions.all()
    suggestions.filter(status=SuggestionStatus.PENDING).delete()
    decided = {s.key for s in suggestions}
    wanted = {key: name for key, name in wanted.items() if key not in decided}
    if len(wanted) + len(decided) > SUGGESTIONS_PER_LINK:
        raise DomainError(
            ngettext(
                "This link can name at most %(count)s organisation that is not in the list.",
                "This link can name at most %(count)s organisations that are not in the list.",
                SUGGESTIONS_PER_LINK,
            )
            % {"count": SUGGESTIONS_PER_LINK}
        )
    for key, name in wanted.items():
        PartnerSuggestion.objects.create(invitation=invitation, name=name, key=key)

    Tie.objects.filter(wave=wave, reporter=reporter).delete()
    for answer in partners.values():
        Tie.objects.create(
            reporter=reporter,
            partner=answer.partner,
            kind=answer.kind,
            wave=wave,
            frequency=answer.frequency,
            trust=answer.trust,
            value=answer.value,
            source=TieSource.SURVEY,
        )
    SurveyDraft.objects.filter(invitation=invitation).delete()
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["answered_at"])
    return Sent(ties=len(partners), suggestions=len(wanted))


def survey_draft_save(
    *, invitation: SurveyInvitation, rows: Sequence[dict[str, Any]], new_names: str
) -> SurveyDraft:
    """Keep what the respondent has entered so far; the next visit of the link shows it."""
    if not invitation.wave.is_open:
        raise DomainError(_("This survey is closed."))
    rows = list(rows)[:MAX_PARTNERS]
    try:
        with transaction.atomic():
            draft, _created = SurveyDraft.objects.update_or_create(
                invitation=invitation, defaults={"rows": rows, "new_names": new_names}
            )
    except IntegrityError:  # saved at the same moment by a second tab: that row exists now
        draft = SurveyDraft.objects.get(invitation=invitation)
        draft.rows, draft.new_names = rows, new_names
        draft.save()
    return draft


@transaction.atomic
def suggestion_decide(
    *,
    suggestion: PartnerSuggestion,
    by: Any,
    accept: bool,
    organisation: Organisation | None = None,
) -> PartnerSuggestion:
    """Accept a suggested partner (as a new organisation of the wave's city, or as the given
    existing one of that city) and record its tie, or reject it."""
    suggestion = (
        PartnerSuggestion.objects.select_for_update()
        .select_related("invitation__wave__area", "invitation__organisation")
        .get(pk=suggestion.pk)
    )
    if suggestion.status != SuggestionStatus.PENDING:
        raise DomainError(_("This name has already been reviewed."))
    invitation = suggestion.invitation
    wave, reporter = invitation.wave, invitation.organisation
    city_id = selectors.wave_city_id(wave)
    if accept:
        if organisation is None:
            # Stored with the record, so in the platform's language, whoever decides.
            with translation.override(settings.LANGUAGE_CODE):
                source = _("Added in the survey “%(survey)s”") % {"survey": wave.name}
            organisation = Organisation(
                name=suggestion.name, city_id=city_id, is_public=False, source=source
            )
            organisation._history_user = by
            organisation.save()
            organisation.areas_served.add(wave.area)
        elif organisation.city_id != city_id:
            raise DomainError(_("Choose an organisation of the survey's city."))
        if organisation.pk == reporter.pk:
            raise DomainError(_("An organisation cannot have a tie to itself."))
        if not Tie.objects.filter(wave=wave, reporter=reporter, partner=organisation).exists():
            tie = Tie(
                reporter=reporter,
                partner=organisation,
                kind=TieKind.INFORMATION,
                wave=wave,
                source=TieSource.SURVEY,
                created_by=by,
            )
            tie._history_user = by
            tie.save()
        suggestion.organisation = organisation
    suggestion.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.REJECTED
    suggestion.decided_by, suggestion.decided_at = by, timezone.now()
    suggestion._history_user = by
    suggestion.save()
    return suggestion


# An organisation is reminded at most once in this time: a second click, or two coordinators
# reminding at the same moment, send nothing twice.
REMIND_AGAIN_AFTER = dt.timedelta(hours=20)


@dataclass(frozen=True)
class Reminded:
    sent: int  # e-mails sent
    without_address: int  # pending organisations without a contact e-mail
    recently_reminded: int  # pending organisations reminded less than REMIND_AGAIN_AFTER ago


def survey_link(invitation: SurveyInvitation, *, base_url: str) -> str:
    """The absolute personal link of an invitation, on the site at `base_url`."""
    path = reverse("network:survey", args=[invitation_token(invitation)])
    return base_url.rstrip("/") + path


def _reminder_message(invitation: SurveyInvitation, *, link: str, connection: Any) -> EmailMessage:
    wave, organisation = invitation.wave, invitation.organisation
    subject = _("Reminder: network survey “%(survey)s”") % {"survey": wave.name}
    body = _(
        "Hello,\n\n"
        "the network survey “%(survey)s” of %(area)s is still open, and %(organisation)s has "
        "not answered yet. It takes about ten minutes: you name the organisations you work "
        "with and how.\n\n"
        "Your personal link (please do not pass it on):\n%(link)s\n\n"
        "The link works until %(closes_on)s.\n\n"
        "Thank you!\n"
    ) % {
        "survey": wave.name,
        "area": wave.area.name,
        "organisation": organisation.name,
        "link": link,
        "closes_on": date_format(wave.closes_on, "SHORT_DATE_FORMAT"),
    }
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[organisation.email],
        connection=connection,
    )


def wave_remind(
    *,
    wave: SurveyWave,
    base_url: str,
    by: Any = None,
    invitations: QuerySet[SurveyInvitation] | None = None,
) -> Reminded:
    """E-mail a reminder with the personal link to everyone (of `invitations`, else of the
    wave) who has not answered, has a contact e-mail and was not reminded lately.

    The wave's row lock serialises two reminders of the same wave: the second sees the
    first one's reminders and sends nothing twice. The e-mails go out inside the
    transaction, so a failed sending records nothing; each reminder sent is in the
    invitation's history, with the address it went to.
    """
    scope = invitations if invitations is not None else wave.invitations.all()
    with transaction.atomic():
        wave = SurveyWave.objects.select_for_update().select_related("area").get(pk=wave.pk)
        if not wave.is_open:
            raise DomainError(_("This survey is closed."))
        now = timezone.now()
        pending = list(
            scope.filter(wave=wave, answered_at__isnull=True)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        due = [
            i for i in pending if i.reminded_at is None or i.reminded_at <= now - REMIND_AGAIN_AFTER
        ]
        addressed = [i for i in due if i.organisation.email]
        # Stored and sent in the platform's language, whoever reminds.
        with translation.override(settings.LANGUAGE_CODE):
            connection = mail.get_connection()
            for invitation in addressed:
                invitation.wave = wave
            messages = [
                _reminder_message(i, link=survey_link(i, base_url=base_url), connection=connection)
                for i in addressed
            ]
            connection.send_messages(messages)
            for invitation in addressed:
                invitation.reminded_at = now
                invitation._change_reason = _("reminder e-mailed to %(email)s") % {
                    "email": invitation.organisation.email
                }
        bulk_update_with_history(
            addressed, SurveyInvitation, ["reminded_at"], default_user=by, batch_size=1000
        )
    return Reminded(
        sent=len(addressed),
        without_address=len(due) - len(addressed),
        recently_reminded=len(pending) - len(due),
    )


def wave_links(
    *, wave: SurveyWave, invitations: QuerySet[SurveyInvitation], base_url: str
) -> list[tuple[SurveyInvitation, str]]:
    """The personal links of the invitations, for a mail merge: (invitation, link), by
    organisation name. Only while the wave is open: a closed wave's links do not work."""
    if not wave.is_open:
        raise DomainError(_("This survey is closed; the links no longer work."))
    rows = (
        invitations.filter(wave=wave)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    return [(i, survey_link(i, base_url=base_url)) for i in rows]


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
