from django import forms
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.offers.models import LifePhase, Service, Transition


class ServiceForm(forms.ModelForm):
    life_phases = forms.MultipleChoiceField(
        label=_("life phases"),
        choices=LifePhase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    transitions = forms.MultipleChoiceField(
        label=_("transitions"),
        choices=Transition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Families follow the link; a site typed without a scheme is meant as https.
    url = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    languages = forms.CharField(
        label=_("languages"),
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. de, en, ar"),
    )

    class Meta:
        model = Service
        fields = (
            "name",
            "description",
            "eligibility",
            "life_phases",
            "transitions",
            "topics",
            "access",
            "is_free",
            "fees",
            "languages",
            "application_process",
            "accessibility",
            "contact_role",
            "contact_phone",
            "contact_email",
            "url",
        )
        widgets = {"topics": forms.CheckboxSelectMultiple}  # noqa: RUF012

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = ", ".join(self.instance.languages or [])

    def clean_languages(self):
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        wrong = [c for c in codes if not (len(c) == 2 and c.isalpha())]
        if wrong:
            raise forms.ValidationError(
                _("Not a two-letter language code: %(codes)s"), params={"codes": ", ".join(wrong)}
            )
        return codes
