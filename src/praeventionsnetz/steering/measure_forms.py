"""Forms of the measures pages: the filter, the measure with its indicators, linking."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.funding.forms import DateField
from praeventionsnetz.offers.models import LifePhase
from praeventionsnetz.steering import measures
from praeventionsnetz.steering.models import Committee, MeasureStatus


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class MeasureFilterForm(FilterForm):
    """?gebiet=<pk>&status=<status>&phase=<life phase>; unknown values show everything."""

    gebiet = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, initial=None)
    status = forms.ChoiceField(
        required=False, initial="", choices=[("", ""), *MeasureStatus.choices]
    )
    phase = forms.ChoiceField(required=False, initial="", choices=[("", ""), *LifePhase.choices])

    def __init__(self, *args, areas: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebiet"].choices = [("", "")] + [(a.pk, a.name) for a in areas]


class AreaChoiceForm(forms.Form):
    """The first step of a new measure: the area it is planned for."""

    gebiet = forms.ModelChoiceField(label=_("Area"), queryset=None, empty_label=None)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebiet"].queryset = measures.areas_for_new_measure(user)
        self.fields["gebiet"].label_from_instance = lambda a: (
            f"{a.name} ({a.get_level_display()}{', ' + a.city.name if a.city else ''})"
        )


class MeasureForm(forms.Form):
    """A measure of one area: need → goals → activities → status and evaluation."""

    title = forms.CharField(label=_("Title"), max_length=300)
    committee = forms.ModelChoiceField(
        label=_("Responsible body"),
        queryset=None,
        required=False,
        empty_label=_("– none –"),
    )
    need = forms.CharField(
        label=_("Need"),
        widget=_text(4),
        max_length=10_000,
        help_text=_("What was observed, and where the figures or the gaps show it."),
    )
    need_indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators showing the need (M1)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gap_life_phases = forms.MultipleChoiceField(
        label=_("Gaps in the prevention chain (M3) the measure answers"),
        choices=LifePhase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Life phases marked “gap” have too few offers in this area today."),
    )
    goals = forms.CharField(label=_("Goals"), widget=_text(3), max_length=10_000)
    target_group = forms.CharField(label=_("Target group"), max_length=300, required=False)
    life_phases = forms.MultipleChoiceField(
        label=_("Life phases"),
        choices=LifePhase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners (M2)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Organisations of the network; hold Ctrl (or ⌘) to choose several."),
    )
    activities = forms.CharField(
        label=_("Activities"), widget=_text(4), max_length=10_000, required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=MeasureStatus.choices, initial=MeasureStatus.PLANNED
    )
    starts_on = DateField(label=_("From"), required=False)
    ends_on = DateField(label=_("Until"), required=False)
    evaluation = forms.CharField(
        label=_("Evaluation result"),
        widget=_text(4),
        max_length=10_000,
        required=False,
        help_text=_("Needed to mark the measure as evaluated: were the goals reached?"),
    )
    evaluated_on = DateField(label=_("Evaluated on"), required=False)

    def __init__(self, *args, area, gaps: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        city_id = area.city_id or area.pk
        self.fields["committee"].queryset = Committee.objects.filter(
            Q(area=area) | Q(area_id=city_id)
        ).order_by("name")
        self.fields["need_indicators"].queryset = measures.need_indicators_for(area)
        self.fields["need_indicators"].label_from_instance = lambda i: i.name
        self.fields["partners"].queryset = measures.partners_for(area)
        gap = _("gap")
        self.fields["gap_life_phases"].choices = [
            (value, f"{label} ({gap})" if value in gaps else label)
            for value, label in LifePhase.choices
        ]

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and starts_on > ends_on:
            self.add_error("ends_on", _("The end must not come before the start."))
        if (
            cleaned.get("status") == MeasureStatus.EVALUATED
            and not (cleaned.get("evaluation") or "").strip()
        ):
            self.add_error(
                "evaluation",
                _("Please write down the evaluation result to mark the measure as evaluated."),
            )
        return cleaned


class IndicatorForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # An empty name is no indicator (or takes an existing one out).
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    indicator = forms.ModelChoiceField(
        label=_("Monitoring indicator"),
        queryset=None,
        required=False,
        empty_label=_("– none –"),
    )
    # Typed the German way ("12,5"): a text box, since a number box refuses the comma.
    baseline = forms.DecimalField(
        label=_("Baseline"),
        max_digits=14,
        decimal_places=2,
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    target = forms.DecimalField(
        label=_("Target"),
        max_digits=14,
        decimal_places=2,
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    current = forms.DecimalField(
        label=_("Latest value"),
        max_digits=14,
        decimal_places=2,
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, area=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = (
            measures.need_indicators_for(area)
            if area is not None
            else measures.Indicator.objects.none()
        )
        self.fields["indicator"].label_from_instance = lambda i: i.name


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, can_delete=True, max_num=30)


class LinkForm(forms.Form):
    """Link or unlink one action-budget project."""

    antrag = forms.IntegerField()
    aktion = forms.ChoiceField(choices=[("verknuepfen", "verknuepfen"), ("loesen", "loesen")])
