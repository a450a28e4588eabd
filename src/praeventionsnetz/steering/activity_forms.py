"""The quick entry form of the activity log and the filters of the time accounts."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.steering import activity
from praeventionsnetz.steering import timeaccount as ta
from praeventionsnetz.steering.models import ActivityEntry, Task

QUICK_DURATIONS = [
    (30, _("30 min")),
    (60, _("1 h")),
    (90, _("1,5 h")),
    (120, _("2 h")),
    (180, _("3 h")),
    (240, _("4 h")),
    (480, _("8 h")),
]

# The short text of each task in the decision (A0446/18 item 5).
TASK_TEXTS = {
    Task.COOPERATION: _(
        "Recognise, describe and improve the cooperation relationships of the actors of "
        "youth welfare and neighbouring fields in the Stadtraum"
    ),
    Task.ACCESS: _(
        "Develop measures that improve the residents' access to the offers of youth welfare "
        "and neighbouring fields"
    ),
    Task.PREVENTION: _(
        "Initiate measures and projects with preventive effects in existing or future facilities"
    ),
    Task.COORDINATORS: _(
        "Cooperate with all other coordinators in the steering and support module"
    ),
    Task.YOUTH_OFFICE: _(
        "Cooperate with the area staff named by the youth office's administration"
    ),
}


class ActivityForm(forms.Form):
    datum = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    dauer = forms.TypedChoiceField(
        label=_("Duration"),
        choices=QUICK_DURATIONS,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    dauer_frei = forms.CharField(
        label=_("Other duration"),
        required=False,
        max_length=10,
        help_text=_("Hours:minutes or hours, e.g. 1:15 or 1,25"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    aufgabe = forms.ChoiceField(label=_("Task"), choices=Task.choices, widget=forms.RadioSelect)
    gebiete = forms.MultipleChoiceField(
        label=_("Areas"), widget=forms.CheckboxSelectMultiple, required=True
    )
    organisationen = forms.MultipleChoiceField(
        label=_("Organisations involved"), widget=forms.CheckboxSelectMultiple, required=False
    )
    stelle = forms.ChoiceField(label=_("Position"), required=False)
    notiz = forms.CharField(
        label=_("Short note"),
        required=False,
        max_length=activity.NOTE_MAX,
        help_text=_("no names, addresses or case details."),
        widget=forms.Textarea(
            attrs={"rows": 3, "maxlength": activity.NOTE_MAX, "aria-describedby": "note-warning"}
        ),
    )

    def __init__(self, *args, user, entry: ActivityEntry | None = None, **kwargs) -> None:
        today = timezone.localdate()
        if entry is not None and "initial" not in kwargs:
            quick = {m for m, _label in QUICK_DURATIONS}
            kwargs["initial"] = {
                "datum": entry.date,
                "dauer": entry.minutes if entry.minutes in quick else None,
                "dauer_frei": "" if entry.minutes in quick else ta.format_minutes(entry.minutes),
                "aufgabe": entry.task,
                "gebiete": [str(a.pk) for a in entry.areas.all()],
                "organisationen": [str(o.pk) for o in entry.organisations.all()],
                "stelle": str(entry.position_id or ""),
                "notiz": entry.note,
            }
        super().__init__(*args, **kwargs)
        self.user = user
        own = activity.own_area_ids(user)
        recent_areas = activity.recent_area_ids(user, today=today)
        areas = activity.recent_first(activity.areas_for(user, area_ids=own), recent_areas)
        chosen_orgs = {o.pk for o in entry.organisations.all()} if entry else set()
        recent_orgs = activity.recent_organisation_ids(user, today=today)
        organisations = activity.recent_first(
            activity.organisations_for(user, area_ids=own, also=[*recent_orgs, *chosen_orgs]),
            recent_orgs,
        )
        positions = list(activity.positions_for(user, today, area_ids=own))
        if entry is not None and entry.position and entry.position not in positions:
            positions.append(entry.position)
        self.areas = {str(a.pk): a for a in areas}
        self.organisations = {str(o.pk): o for o in organisations}
        self.positions = {str(p.pk): p for p in positions}
        self.recent_area_count = sum(1 for a in areas if a.pk in set(recent_areas))
        self.recent_organisation_count = min(len(recent_orgs), len(organisations))
        self.fields["gebiete"].choices = [(k, a.name) for k, a in self.areas.items()]
        self.fields["organisationen"].choices = [(k, o.name) for k, o in self.organisations.items()]
        self.fields["stelle"].choices = [("", _("none"))] + [
            (k, p.title) for k, p in self.positions.items()
        ]
        if entry is None and not self.is_bound:
            self.initial.setdefault("datum", today)
            # One's own area is pre-selected when there is exactly one to choose first.
            stadtraum = [a for a in areas if a.pk in set(user.areas.values_list("pk", flat=True))]
            if recent_areas and str(recent_areas[0]) in self.areas:
                self.initial.setdefault("gebiete", [str(recent_areas[0])])
            elif len(stadtraum) == 1:
                self.initial.setdefault("gebiete", [str(stadtraum[0].pk)])
            if len(positions) == 1:
                self.initial.setdefault("stelle", str(positions[0].pk))

    def clean_datum(self) -> dt.date:
        date = self.cleaned_data["datum"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future. Log what you have done."))
        return date

    def clean(self):
        cleaned = super().clean()
        free = cleaned.get("dauer_frei", "")
        if free:
            minutes = ta.parse_duration(free)
            if minutes is None:
                self.add_error(
                    "dauer_frei", _("Write the duration as 1:30 or 1,5 (hours) or as 45 min.")
                )
                return cleaned
        else:
            minutes = cleaned.get("dauer")
        if minutes is None:
            if "dauer" not in self.errors:
                self.add_error("dauer", _("Choose a duration or write one."))
            return cleaned
        if not ta.MIN_MINUTES <= minutes <= ta.MAX_MINUTES:
            self.add_error(
                "dauer_frei" if free else "dauer",
                _("The duration must be between 5 minutes and 24 hours."),
            )
        cleaned["minutes"] = minutes
        return cleaned

    def values(self) -> dict:
        """The service's keyword arguments."""
        data = self.cleaned_data
        return {
            "date": data["datum"],
            "minutes": data["minutes"],
            "task": data["aufgabe"],
            "areas": [self.areas[k] for k in data["gebiete"]],
            "organisations": [self.organisations[k] for k in data["organisationen"]],
            "position": self.positions.get(data["stelle"]) if data["stelle"] else None,
            "note": data["notiz"],
        }

    def task_choices(self):
        """The task radios with the decision's text beside each."""
        return [(choice, TASK_TEXTS[Task(choice.data["value"])]) for choice in self["aufgabe"]]


class AccountFilterForm(FilterForm):
    jahr = forms.TypedChoiceField(required=False, coerce=int)
    ansicht = forms.ChoiceField(
        required=False, choices=[("monat", "monat"), ("jahr", "jahr")], initial="monat"
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        years = sorted({*years, today.year}, reverse=True)
        self.years = years
        self.fields["jahr"].choices = [(y, y) for y in years]
        self.fields["jahr"].initial = today.year
