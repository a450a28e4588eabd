"""Forms of the meeting pages: short, one column, quick on a phone."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.funding.forms import DateField
from praeventionsnetz.steering import meeting_files
from praeventionsnetz.steering.meetings import MEMBER_STATUSES, STATUS_FILTERS
from praeventionsnetz.steering.models import ActionItemStatus, AttendanceStatus


class TimeField(forms.TimeField):
    widget = forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    input_formats = ("%H:%M", "%H.%M", "%H")


def _area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class MeetingForm(forms.Form):
    day = DateField(label=_("Date"))
    begins = TimeField(label=_("Begins"))
    ends = TimeField(label=_("Ends"), required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    name = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional; without a title the meeting is named after the committee."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=_area(4),
        required=False,
        max_length=20_000,
        help_text=_("One item per line; they are numbered in this order."),
    )

    def clean(self):
        cleaned = super().clean()
        day, begins, ends = cleaned.get("day"), cleaned.get("begins"), cleaned.get("ends")
        if day and begins:
            cleaned["starts_at"] = timezone.make_aware(dt.datetime.combine(day, begins))
            cleaned["ends_at"] = (
                timezone.make_aware(dt.datetime.combine(day, ends)) if ends else None
            )
        return cleaned

    def agenda_titles(self) -> list[str]:
        return self.cleaned_data["agenda"].splitlines()

    @classmethod
    def initial_for(cls, meeting) -> dict:
        starts = timezone.localtime(meeting.starts_at)
        ends = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
        return {
            "day": starts.date(),
            "begins": starts.time(),
            "ends": ends.time() if ends else None,
            "place": meeting.place,
            "name": meeting.name,
            "agenda": "\n".join(i.title for i in meeting.agenda_items.order_by("order", "pk")),
        }


class AttendanceForm(forms.Form):
    """A choice per member (present, excused, absent) and guests, one per line."""

    guests = forms.CharField(
        label=_("Guests"),
        widget=_area(2),
        required=False,
        max_length=5_000,
        help_text=_("One name per line."),
    )

    def __init__(self, *args, rows, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(AttendanceStatus.choices)
        self.rows = rows
        for row in rows:
            self.fields[f"person_{row.person.pk}"] = forms.ChoiceField(
                label=row.person.name,
                choices=[(s, labels[s]) for s in MEMBER_STATUSES],
                widget=forms.RadioSelect,
                required=False,
                initial=row.status or None,
            )

    def statuses(self) -> dict[int, str]:
        return {
            row.person.pk: self.cleaned_data[f"person_{row.person.pk}"]
            for row in self.rows
            if self.cleaned_data.get(f"person_{row.person.pk}")
        }

    def member_fields(self):
        return [self[f"person_{row.person.pk}"] for row in self.rows]

    def guest_names(self) -> list[str]:
        return self.cleaned_data["guests"].splitlines()


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), widget=_area(10), required=False, max_length=100_000
    )
    minutes_taker = forms.CharField(label=_("Minutes taker"), max_length=200, required=False)
    approved_on = DateField(label=_("Minutes approved on"), required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=_area(3), max_length=10_000)
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item"), required=False, coerce=int, empty_value=None
    )
    votes_for = forms.IntegerField(label=_("For"), required=False, min_value=0, max_value=999)
    votes_against = forms.IntegerField(
        label=_("Against"), required=False, min_value=0, max_value=999
    )
    abstentions = forms.IntegerField(
        label=_("Abstentions"), required=False, min_value=0, max_value=999
    )

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", "–")] + [(item.pk, str(item)) for item in agenda]


def _owner_field(people) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Responsible"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "–")] + [(p.pk, p.name) for p in people],
    )


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Responsible"))  # replaced in __init__
    due_on = DateField(label=_("Due on"), required=False)
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, people, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(people)
        self.fields["agenda_item"].choices = [("", "–")] + [(item.pk, str(item)) for item in agenda]


class ActionItemUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItemStatus.choices)
    owner = forms.TypedChoiceField(label=_("Responsible"))  # replaced in __init__
    due_on = DateField(label=_("Due on"), required=False)

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(people)


class MeetingFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG, Word, Excel, PowerPoint or OpenDocument, at most %(mb)s MB.")
        % {"mb": meeting_files.MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": meeting_files.ACCEPT}),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)


class ActionItemFilterForm(FilterForm):
    """?gremium=<pk>&person=<pk>&status=open|overdue|done|all; unknown values: every one."""

    gremium = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, initial=None)
    person = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, initial=None)
    status = forms.ChoiceField(required=False, initial="open")

    def __init__(self, *args, committees, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "open": _("Open and in progress"),
            "overdue": _("Overdue"),
            "done": _("Done or dropped"),
            "all": _("All"),
        }
        self.fields["gremium"].choices = [("", _("All committees"))] + [
            (c.pk, c.name) for c in committees
        ]
        self.fields["person"].choices = [("", _("Everyone"))] + [(p.pk, p.name) for p in people]
        self.fields["status"].choices = [(s, labels[s]) for s in STATUS_FILTERS]
        self.fields["gremium"].label = _("Committee")
        self.fields["person"].label = _("Responsible")
        self.fields["status"].label = _("Status")
