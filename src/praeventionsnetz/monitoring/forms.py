import math
import re
from collections.abc import Sequence
from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.monitoring import choropleth, selection
from praeventionsnetz.monitoring.models import Dimension, Indicator


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
            "plausible_min",
            "plausible_max",
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


CRITERIA_ROWS = 6


# A plain decimal number, as planners type it: "2", "1,5", "-0.5" ("−" is a minus too). Not
# what else `float()` takes ("1_5", "1e3", "inf", other scripts' digits).
NUMBER = re.compile(r"[-−]?[0-9]+(?:[.,][0-9]+)?")


def _number(text: str) -> float | None:
    """A number as planners type it: "1,5" or "1.5"; empty means none."""
    text = text.strip()
    if not text:
        return None
    if not NUMBER.fullmatch(text):
        raise ValueError(text)
    value = float(text.replace("−", "-").replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value


class SelectionForm(forms.Form):
    """The criteria, constraints and number of a model-area selection.

    The page lays out six criterion rows (`kriterium_0` … `kriterium_5` with weight,
    direction and threshold); `clean()` turns the filled ones into `selection.Criterion`.
    """

    name = forms.CharField(required=False, max_length=200)
    periode = forms.ChoiceField(
        error_messages={"required": _("Choose a period."), "invalid_choice": _("Choose a period.")}
    )
    anzahl = forms.CharField(required=False)
    ein_pro_typ = forms.BooleanField(required=False)
    ausschliessen = forms.MultipleChoiceField(required=False)

    def __init__(
        self,
        data,
        *,
        indicators: Sequence[Indicator],
        periods,
        areas,
        index_choices: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(data)
        self.indicators = {i.key: i for i in indicators}
        # Composite indices (e.g. the precarity index) by criterion key.
        self.index_choices = dict(index_choices)
        self.area_count = len(areas)
        self.fields["periode"].choices = [(p, p) for p in periods]
        self.fields["ausschliessen"].choices = [(a.code, a.code) for a in areas]
        for i in range(CRITERIA_ROWS):
            self.fields[f"kriterium_{i}"] = forms.CharField(required=False)
            self.fields[f"gewicht_{i}"] = forms.CharField(required=False)
            self.fields[f"richtung_{i}"] = forms.ChoiceField(
                choices=(("1", "1"), ("-1", "-1")), required=False
            )
            self.fields[f"schwellenart_{i}"] = forms.ChoiceField(
                choices=(("min", "min"), ("max", "max")), required=False
            )
            self.fields[f"schwelle_{i}"] = forms.CharField(required=False)

    def clean_anzahl(self) -> int:
        text = self.cleaned_data["anzahl"].strip() or "1"
        number = int(text) if text.isdigit() else 0
        if not 1 <= number <= self.area_count:
            raise forms.ValidationError(
                _("The number must be between 1 and %(max)s."), params={"max": self.area_count}
            )
        return number

    def clean(self) -> dict:
        cleaned = super().clean()
        criteria = []
        for i in range(CRITERIA_ROWS):
            key = cleaned.get(f"kriterium_{i}")
            if not key:
                continue
            row = {"number": i + 1}
            indicator = self.indicators.get(key)
            if indicator is None and key not in self.index_choices:
                self.add_error(None, _("Criterion %(number)s: unknown indicator.") % row)
                continue
            try:
                weight = _number(cleaned.get(f"gewicht_{i}") or "1")
            except ValueError:
                weight = -1.0
            if weight is None or weight < 0:
                self.add_error(
                    None,
                    _("Criterion %(number)s: the weight must be a number ≥ 0, e.g. 1 or 1,5.")
                    % row,
                )
                continue
            try:
                threshold = _number(cleaned.get(f"schwelle_{i}") or "")
            except ValueError:
                self.add_error(
                    None, _("Criterion %(number)s: the threshold must be a number, e.g. 7,5.") % row
                )
                continue
            criteria.append(
                selection.Criterion(
                    key=key,
                    # The dimension is the indicator's own, from the catalogue; a composite
                    # index describes the social structure (the framework concept's "social
                    # burden").
                    dimension=indicator.dimension if indicator else Dimension.SOCIAL_STRUCTURE,
                    weight=weight,
                    direction=int(cleaned.get(f"richtung_{i}") or "1"),
                    threshold=threshold,
                    threshold_kind=cleaned.get(f"schwellenart_{i}") or "min",
                )
            )
        if not criteria and not self.errors:
            self.add_error(None, _("Choose at least one criterion."))
        cleaned["criteria"] = criteria
        cleaned["constraints"] = selection.Constraints(
            exclude=tuple(cleaned.get("ausschliessen") or ()),
            one_per_type=bool(cleaned.get("ein_pro_typ")),
        )
        return cleaned

    def error_list(self) -> list[str]:
        """All messages, criteria first, as the page lists them above the form."""
        return [str(e) for e in self.non_field_errors()] + [
            str(e) for name, errors in self.errors.items() if name != "__all__" for e in errors
        ]


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class WholeNumberField(forms.IntegerField):
    """A whole number as `int()` reads it (no "3.0"), held between `low` and `high`."""

    def __init__(self, *, low: int | None = None, high: int | None = None, **kwargs) -> None:
        self.low, self.high = low, high
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if self.low is not None:
            number = max(self.low, number)
        if self.high is not None:
            number = min(self.high, number)
        return number


class GivenField(forms.Field):
    """Whether the parameter was given with any value at all, even "0"."""

    def to_python(self, value) -> bool:
        return bool(value)


class IndicatorFilter(FilterForm):
    """The indicator a monitoring page shows; by default the first. Unknown is an error."""

    indikator = forms.ChoiceField(required=False)

    def __init__(self, data, *, indicators: Sequence[Indicator]) -> None:
        super().__init__(data)
        self.fields["indikator"].choices = [(i.key, i.key) for i in indicators]
        self.fields["indikator"].initial = indicators[0].key


class SeriesFilter(FilterForm):
    """The time series: its figures as they are, or relative to the city (city = 100)."""

    relativ = forms.BooleanField(required=False, initial=False)


class PeriodFilter(FilterForm):
    """One period out of those the page can show; `default` may be a callable."""

    periode = forms.ChoiceField(required=False)

    def __init__(self, data, *, periods: Sequence[str], default) -> None:
        super().__init__(data)
        self.fields["periode"].choices = _choices(periods)
        self.fields["periode"].initial = default


class MapFilter(PeriodFilter):
    """The choropleth: period, classification scheme and number of classes (2 to 7)."""

    klassen = forms.ChoiceField(
        required=False, choices=_choices(choropleth.SCHEMES), initial="quantiles"
    )
    anzahl = WholeNumberField(required=False, low=2, high=7, initial=5)


class IndexPartFilter(FilterForm):
    """The part of a composite index; by default the first."""

    teil = forms.ChoiceField(required=False)

    def __init__(self, data, *, parts: Sequence[str]) -> None:
        super().__init__(data)
        self.fields["teil"].choices = _choices(parts)
        self.fields["teil"].initial = parts[0]


class IndexFilter(PeriodFilter):
    """One index part's period, and whether to compute the sensitivity of the ranks."""

    sensitivitaet = GivenField(required=False, initial=False)


class TypologyFilter(FilterForm):
    """The suggested typology: a period as typed, the number of types and the method."""

    periode = forms.CharField(required=False, strip=False, initial="")
    k = WholeNumberField(required=False, initial=3)
    methode = forms.ChoiceField(
        required=False, choices=(("kmeans", "kmeans"), ("ward", "ward")), initial="kmeans"
    )
