import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.network.models import Frequency, Organisation, TieKind


class WaveForm(forms.Form):
    gebiet = forms.ChoiceField(label=_("Area"))
    name = forms.CharField(label=_("Name"), max_length=200)
    ende = forms.DateField(
        label=_("Answers until"),
        # An HTML date input needs ISO dates, whatever the language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebiet"].choices = [
            (a.pk, f"{a.name} ({a.get_level_display()})") for a in areas
        ]
        self.fields["ende"].initial = timezone.localdate() + dt.timedelta(days=28)

    def clean_ende(self):
        value = self.cleaned_data["ende"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The end lies in the past."))
        return value


KIND_CHOICES = [(k.value, k.label) for k in TieKind if k != TieKind.PROVIDER]
FREQUENCY_CHOICES = [("", "–"), *[(f.value, f.label) for f in Frequency]]
SCORE_CHOICES = [("", "–"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]


class TieForm(forms.Form):
    """A cooperation a coordinator records by hand on an organisation's page."""

    CHOOSE_PARTNER = _("Choose a partner and the kind of cooperation.")

    partner = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        error_messages={"required": CHOOSE_PARTNER, "invalid_choice": CHOOSE_PARTNER},
    )
    art = forms.ChoiceField(
        choices=KIND_CHOICES,
        error_messages={"required": CHOOSE_PARTNER, "invalid_choice": CHOOSE_PARTNER},
    )
    # Both optional; the page offers only valid values, anything else counts as not given.
    haeufigkeit = forms.CharField(required=False, strip=False)
    intensitaet = forms.CharField(required=False, strip=False)

    def clean_haeufigkeit(self) -> str:
        value = self.cleaned_data["haeufigkeit"]
        return value if value in Frequency.values else ""

    def clean_intensitaet(self) -> int | None:
        value = self.cleaned_data["intensitaet"]
        return int(value) if value in {"1", "2", "3", "4", "5"} else None


class MergeForm(forms.Form):
    """A pair from the duplicates page: the organisation to keep and the one merged into it."""

    CHOOSE_PAIR = _("Choose the organisation to keep and the one to merge into it.")

    behalten = forms.IntegerField(error_messages={"required": CHOOSE_PAIR, "invalid": CHOOSE_PAIR})
    entfernen = forms.IntegerField(error_messages={"required": CHOOSE_PAIR, "invalid": CHOOSE_PAIR})
