"""Query parameters of the funding pages and the forms of the action budget."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.funding.budget import AmountError, parse_euros
from praeventionsnetz.funding.models import Criterion, Module, PlannedPosition, Programme


class UtilisationFilterForm(FilterForm):
    """?programm=<key>&jahr=<year>; unknown values fall back to every programme or year."""

    programm = forms.ChoiceField(required=False, initial="")
    jahr = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, initial=None)

    def __init__(self, *args, programmes: list, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programm"].choices = [("", "")] + [(p.key, p.name) for p in programmes]
        self.fields["jahr"].choices = [("", "")] + [(y, y) for y in years]


AMOUNT_ERRORS = {
    "format": _("Please enter an amount in euros, e.g. 1.250,50 €."),
    "cents": _("An amount has at most two places after the comma (cents)."),
    "zero": _("The amount must be more than 0 €."),
    "large": _("This amount is too large for the action budget."),
}


class EuroField(forms.CharField):
    """An amount in euros as typed in German (“1.250,50 €”), cleaned to integer cents; a
    form shown again keeps what was typed."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def clean(self, value):
        text = super().clean(value)
        if text in self.empty_values:
            return None
        try:
            return parse_euros(text)
        except AmountError as exc:
            raise ValidationError(AMOUNT_ERRORS[exc.reason], code=exc.reason) from exc


class DateField(forms.DateField):
    """A date picker on phones and desktops; typed German dates are understood as well."""

    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    input_formats = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y")


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ApplicationForm(forms.Form):
    """An application to a district's action budget: online by a resident or on paper."""

    title = forms.CharField(label=_("Title of the action"), max_length=200)
    what = forms.CharField(label=_("What is planned?"), widget=_area(4), max_length=5000)
    why = forms.CharField(
        label=_("Why is it needed in the district?"), widget=_area(), max_length=5000
    )
    for_whom = forms.CharField(label=_("For whom?"), widget=_area(2), max_length=2000)
    participants = forms.CharField(
        label=_("Who takes part and helps?"), widget=_area(2), max_length=2000
    )
    amount = EuroField(label=_("Amount requested"), help_text=_("In euros, e.g. 1.250,50 €."))
    starts_on = DateField(label=_("From"), required=False)
    ends_on = DateField(label=_("Until"), required=False)
    timing = forms.CharField(
        label=_("When (in words)"),
        max_length=200,
        required=False,
        help_text=_("E.g. “in the summer holidays” or “every Saturday in May”."),
    )
    applicant_name = forms.CharField(label=_("Your name"), max_length=200)
    applicant_email = forms.EmailField(label=_("Your e-mail address"))
    no_personal_data = forms.BooleanField(
        label=_(
            "I confirm that this application contains no personal data of families or "
            "children (no names, no details of individual cases)."
        ),
        error_messages={
            "required": _("Please confirm that no personal data of families are in it.")
        },
    )
    # A field people never see: whoever fills it in is a robot.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, paper: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant_email"].widget.attrs["autocomplete"] = "email"
        self.fields["applicant_name"].widget.attrs["autocomplete"] = "name"
        if paper:
            # A paper application may come without e-mail; the coordinator confirms nothing.
            self.fields["applicant_email"].required = False
            self.fields["applicant_name"].label = _("Applicant")
            self.fields["applicant_email"].label = _("Applicant's e-mail address (if any)")
            self.fields["no_personal_data"].label = _(
                "I checked: the application as recorded contains no personal data of families."
            )
            del self.fields["website"]

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end cannot be before the start."))
        if not (starts_on or cleaned.get("timing")) and "timing" not in self.errors:
            self.add_error("timing", _("Please say when the action takes place."))
        return cleaned

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def service_fields(self) -> dict:
        c = self.cleaned_data
        return {
            "title": c["title"],
            "what": c["what"],
            "why": c["why"],
            "for_whom": c["for_whom"],
            "participants": c["participants"],
            "amount_requested_cents": c["amount"],
            "starts_on": c["starts_on"],
            "ends_on": c["ends_on"],
            "timing": c["timing"],
            "applicant_name": c["applicant_name"],
        }


MET_CHOICES = [("", _("not yet judged")), ("yes", _("met")), ("no", _("not met"))]


class CriteriaForm(forms.Form):
    """The checklist: per criterion whether it is met, and a note."""

    def __init__(self, *args, checks: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        checks = checks or {}
        for key, label in Criterion.choices:
            check = checks.get(key)
            met = "" if check is None or check.is_met is None else ("yes" if check.is_met else "no")
            self.fields[f"{key}_met"] = forms.ChoiceField(
                label=label, choices=MET_CHOICES, required=False, initial=met
            )
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("Note on “%(criterion)s”") % {"criterion": label},
                required=False,
                max_length=2000,
                widget=_area(2),
                initial=check.note if check else "",
            )

    def rows(self):
        return [(self[f"{key}_met"], self[f"{key}_note"]) for key in Criterion.values]

    def checks(self) -> dict[str, tuple[bool | None, str]]:
        met = {"": None, "yes": True, "no": False}
        return {
            key: (met[self.cleaned_data[f"{key}_met"]], self.cleaned_data[f"{key}_note"])
            for key in Criterion.values
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approved", _("Approve the amount requested")),
            ("partially_approved", _("Approve in part")),
            ("rejected", _("Reject")),
        ],
    )
    amount = EuroField(label=_("Amount approved (for an approval in part)"), required=False)
    reason = forms.CharField(
        label=_("Reason (shown to the applicant)"),
        widget=_area(3),
        required=False,
        max_length=3000,
        help_text=_("Needed for an approval in part and for a rejection."),
    )


class StartForm(forms.Form):
    started_on = DateField(label=_("Started on"), initial=timezone.localdate)


class PaymentForm(forms.Form):
    amount = EuroField(label=_("Amount paid"))
    paid_on = DateField(label=_("Paid on"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ReceiptForm(forms.Form):
    file = forms.FileField(
        label=_("Receipt"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    amount = EuroField(label=_("Amount on the receipt"), required=False)


class CompleteForm(forms.Form):
    done_on = DateField(label=_("Done on"), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Completion note"), widget=_area(3), required=False, max_length=3000
    )


class DateTimeField(forms.DateTimeField):
    """A date and time picker; typed German dates with a time are understood as well."""

    widget = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
    input_formats = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%d.%m.%Y")


class CallForm(forms.Form):
    """What a call awards, its texts, its period and who decides."""

    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description for applicants"), widget=_area(4), max_length=10_000, required=False
    )
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, empty_label=None)
    planned_position = forms.ModelChoiceField(
        label=_("Position awarded"),
        queryset=None,
        required=False,
        empty_label=_("– no position –"),
        help_text=_("One of the places the programme plans, e.g. 0.5 FTE in a Stadtraum."),
    )
    module = forms.ModelChoiceField(
        label=_("Module awarded"),
        queryset=None,
        required=False,
        empty_label=_("– the position's module –"),
        help_text=_("For a call without a position, e.g. the steering module."),
    )
    opens_at = DateTimeField(label=_("Open from"), required=False)
    deadline_at = DateTimeField(label=_("Deadline"))
    deciding_body = forms.CharField(
        label=_("Deciding body"), max_length=200, help_text=_("E.g. Jugendhilfeausschuss.")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.all()
        self.fields["module"].queryset = Module.objects.select_related("programme")
        self.fields["module"].label_from_instance = lambda m: f"{m.programme.name}: {m.name}"
        self.fields["planned_position"].queryset = PlannedPosition.objects.select_related(
            "module"
        ).order_by("module__programme", "module__order", "order")
        self.fields["planned_position"].label_from_instance = lambda p: (
            f"{p.module.name}: {p.name} ({p.fte} VZÄ)"
        )

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("module") or cleaned.get("planned_position")) and not self.errors:
            self.add_error("planned_position", _("Please choose a position or a module."))
        opens_at, deadline_at = cleaned.get("opens_at"), cleaned.get("deadline_at")
        if opens_at and deadline_at and opens_at >= deadline_at:
            self.add_error("deadline_at", _("The deadline must come after the opening."))
        return cleaned


class QuestionForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # An empty box is no question (or takes an existing one out).
    text = forms.CharField(label=_("Question"), widget=_area(4), max_length=2000, required=False)
    is_required = forms.BooleanField(label=_("Answer required"), required=False, initial=True)


class CriterionForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    weight = forms.DecimalField(
        label=_("Weight"), min_value=Decimal("0.01"), max_value=999, decimal_places=2, initial=1
    )
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weight"].localize = True
        self.fields["weight"].widget.is_localized = True
        self.fields["weight"].widget.attrs["inputmode"] = "decimal"


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, can_delete=True, max_num=20)
CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True, max_num=20)
