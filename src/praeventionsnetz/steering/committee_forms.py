"""Forms of the committee pages: a committee with its seat categories, a new member, a
member leaving, and the day the composition is shown for."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.areas.models import Area, Level
from praeventionsnetz.funding.forms import DateField
from praeventionsnetz.network.models import Organisation
from praeventionsnetz.steering.models import CommitteeKind, MembershipRole, Person


class DayForm(forms.Form):
    """?datum=YYYY-MM-DD; anything else is today."""

    datum = DateField(label=_("Composition on"), required=False)


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommitteeKind.choices)
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=None,
        help_text=_("The city for a city-wide body, a Stadtraum for a district team."),
    )
    description = forms.CharField(
        label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    founded_on = DateField(label=_("Founded on"), required=False)
    dissolved_on = DateField(label=_("Dissolved on"), required=False)
    is_public = forms.BooleanField(
        label=_("Public body (its meetings may be published)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.current()
            .filter(level__in=[Level.CITY, Level.STADTRAUM])
            .select_related("city")
            .order_by("city__name", "level", "code")
        )
        self.fields["area"].label_from_instance = lambda a: (
            a.name if a.level == Level.CITY else f"{a.city.name if a.city else ''}: {a.name}"
        )


class SeatForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # An empty name is no category (or takes an existing one out).
    name = forms.CharField(label=_("Seat category"), max_length=200, required=False)
    seats = forms.IntegerField(label=_("Seats"), min_value=0, max_value=500, initial=1)
    is_minimum = forms.BooleanField(label=_("at least (a minimum)"), required=False)


SeatFormSet = forms.formset_factory(SeatForm, extra=2, can_delete=True, max_num=30)


class MembershipForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– a new person or an organisation –"),
    )
    new_name = forms.CharField(label=_("Name of a new person"), max_length=200, required=False)
    new_role_title = forms.CharField(
        label=_("Function of the new person"),
        max_length=200,
        required=False,
        help_text=_("Her or his public role, e.g. “Sachgebietsleitung ASD”."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Or an organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("– a person –"),
        help_text=_("For a seat that an organisation holds, whoever it sends."),
    )
    seat_category = forms.ModelChoiceField(
        label=_("Seat category"),
        queryset=None,
        required=False,
        empty_label=_("– no seat (guest, advisory member) –"),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )
    starts_on = DateField(label=_("Member from"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, committee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat_category"].queryset = committee.seat_categories.all()
        self.fields["person"].queryset = Person.objects.all()
        city = committee.area.city or committee.area
        self.fields["organisation"].queryset = Organisation.objects.filter(city=city).order_by(
            "name"
        )

    def clean(self):
        cleaned = super().clean()
        chosen = [
            bool(cleaned.get("person")),
            bool((cleaned.get("new_name") or "").strip()),
            bool(cleaned.get("organisation")),
        ]
        if sum(chosen) != 1:
            raise forms.ValidationError(
                _(
                    "Please choose a person, or enter a new person's name, or choose an "
                    "organisation."
                )
            )
        return cleaned


class EndForm(forms.Form):
    left_on = DateField(
        label=_("Leaves on"),
        initial=timezone.localdate,
        help_text=_("The first day without the seat; the membership runs until the day before."),
    )
