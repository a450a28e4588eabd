from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.monitoring.models import Indicator


class ImportForm(forms.Form):
    LAYOUTS = (
        ("long", _("Long: one row per area, indicator and period")),
        ("wide", _("Wide: one column per indicator")),
    )
    DECIMALS = ((",", _("German (1.234,5)")), (".", _("English (1,234.5)")))

    datei = forms.FileField(label=_("File (CSV or XLSX)"))
    stadt = forms.ChoiceField(label=_("City"))
    ebene = forms.ChoiceField(label=_("Level of the areas in the file"))
    format = forms.ChoiceField(label=_("Layout"), choices=LAYOUTS, initial="long")
    dezimal = forms.ChoiceField(label=_("Number format"), choices=DECIMALS, initial=",")
    spalte_gebiet = forms.CharField(label=_("Column with the area"), initial="gebiet")
    spalte_periode = forms.CharField(
        label=_("Column with the period"), initial="periode", required=False
    )
    feste_periode = forms.CharField(
        label=_("Or one period for all rows (wide layout)"),
        required=False,
        help_text=_("e.g. 2024 or 2024-Q1"),
    )
    spalte_indikator = forms.CharField(
        label=_("Column with the indicator (long layout)"), initial="indikator", required=False
    )
    spalte_wert = forms.CharField(
        label=_("Column with the value (long layout)"), initial="wert", required=False
    )
    spalten = forms.CharField(
        label=_("Indicator columns (wide layout)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: column = indicator key, e.g. Geborene = geburten. For a "
            "rate: column = key:zaehler and column = key:nenner."
        ),
    )

    def __init__(self, *args, cities, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stadt"].choices = [(c.code, c.name) for c in cities]
        self.fields["ebene"].choices = levels

    def clean_spalten(self):
        mapping = {}
        for number, line in enumerate(self.cleaned_data["spalten"].splitlines(), start=1):
            if not line.strip():
                continue
            column, sep, key = line.partition("=")
            if not sep or not column.strip() or not key.strip():
                raise forms.ValidationError(
                    _("Line %(n)s: expected “column = indicator key”."), params={"n": number}
                )
            mapping[column.strip()] = key.strip()
        return mapping

    def clean(self):
        data = super().clean()
        if data.get("format") == "wide" and not data.get("spalten"):
            self.add_error("spalten", _("Name at least one indicator column."))
        if data.get("format") == "wide" and not (
            data.get("spalte_periode") or data.get("feste_periode")
        ):
            self.add_error("feste_periode", _("Name a period column or one period."))
        return data


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = (
            "key",
            "name_de",
            "name_en",
            "description",
            "unit",
            "dimension",
            "direction",
            "kind",
            "scale",
            "min_cell",
            "source",
            "licence",
            "is_demo",
        )
        widgets: ClassVar[dict] = {"description": forms.Textarea(attrs={"rows": 3})}


class TypeAssignmentForm(forms.Form):
    gebiet = forms.ChoiceField(label=_("Area"))
    typ_code = forms.CharField(
        label=_("Type code"), max_length=10, help_text=_("e.g. D; a new code creates the type")
    )
    typ_name = forms.CharField(
        label=_("Type name"),
        max_length=120,
        required=False,
        help_text=_("Needed for a new type, e.g. Buntes Viertel"),
    )
    bewertungen = forms.IntegerField(label=_("Number of expert ratings"), min_value=0, initial=0)
    mittelwert = forms.FloatField(
        label=_("Mean agreement"), required=False, min_value=0, max_value=10, localize=True
    )
    beschreibung = forms.CharField(
        label=_("Expert description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebiet"].choices = [(a.code, f"{a.code} {a.name}") for a in areas]

    def clean(self):
        data = super().clean()
        if data.get("mittelwert") is not None and not data.get("bewertungen"):
            self.add_error("bewertungen", _("A mean needs at least one rating."))
        return data
