import re
from collections.abc import Container, Mapping
from typing import Any

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from pydantic import ValidationError, field_validator

from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.core.i18n import translate
from praeventionsnetz.offers import hours
from praeventionsnetz.offers.languages import LANGUAGE_NAMES, language_choices
from praeventionsnetz.offers.models import Access, LifePhase, Location, Service, Transition

# "51.05, 13.74": latitude first, as map services show it; a comma may be a decimal comma.
COORDINATES = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d+(?:[.,]\d+)?)\s*$")


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """(latitude, longitude) from "51.05, 13.74" or "51,05; 13,74", or None."""
    match = COORDINATES.match(text)
    if not match:
        return None
    lat, lon = (float(v.replace(",", ".")) for v in match.groups())
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


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
    # Providers tick languages by name; the offer stores their ISO 639-1 codes.
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages in which the offer can be used."),
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
        widgets = {  # noqa: RUF012
            "topics": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names in the page's language; a code the offer already has (from an import) stays.
        stored = list(self.instance.languages or [])
        self.fields["languages"].choices = language_choices([*LANGUAGE_NAMES, *stored])
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = stored


class LocationForm(forms.ModelForm):
    """A place where the offer happens; new places start from the organisation's address."""

    coordinates = forms.CharField(
        label=_("coordinates"),
        required=False,
        help_text=_(
            "Latitude, longitude, e.g. 51.0504, 13.7373; needed for the map and the distance"
        ),
    )

    class Meta:
        model = Location
        fields = ("name", "street", "postcode", "town", "accessibility")
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}  # noqa: RUF012

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.lat is not None and not self.is_bound:
            self.initial["coordinates"] = f"{self.instance.lat}, {self.instance.lon}"

    def clean_coordinates(self):
        text = self.cleaned_data["coordinates"].strip()
        if not text:
            return None
        point = parse_coordinates(text)
        if point is not None:
            return point
        raise forms.ValidationError(
            _("Please give latitude and longitude as two numbers, e.g. 51.0504, 13.7373.")
        )

    def save(self, commit=True):
        location = super().save(commit=False)
        point = self.cleaned_data.get("coordinates")
        location.lat, location.lon = point if point else (None, None)
        if commit:
            location.save()
        return location


class OpeningHoursForm(forms.Form):
    """One line per weekday, written as people write opening hours: "9–12, 14–18"."""

    def __init__(self, *args, schedules=(), **kwargs):
        super().__init__(*args, **kwargs)
        by_day: dict[int, list] = {}
        for schedule in schedules:
            by_day.setdefault(schedule.weekday, []).append((schedule.opens_at, schedule.closes_at))
        for day in range(1, 8):
            self.fields[f"day_{day}"] = forms.CharField(
                label=WEEKDAYS[day - 1],  # Django's catalogue: Montag, Monday; 0 is Monday
                required=False,
                max_length=120,
                initial=hours.format_day(by_day.get(day, [])),
            )
        self.fields["note"] = forms.CharField(
            label=_("Note on the opening hours"),
            required=False,
            max_length=200,
            help_text=_("e.g. not in the school holidays"),
            initial=next((s.note for s in schedules if s.note), ""),
        )

    def clean(self):
        cleaned = super().clean()
        week = {}
        for day in range(1, 8):
            try:
                week[day] = hours.parse_day(cleaned.get(f"day_{day}", ""))
            except hours.HoursError as exc:
                self.add_error(f"day_{day}", translate(exc.message))
        cleaned["week"] = week
        if cleaned.get("note") and not any(week.values()):
            self.add_error(
                "note",
                _("A note belongs to opening hours: please give at least one time as well."),
            )
        return cleaned

    def day_fields(self):
        return [self[f"day_{day}"] for day in range(1, 8)]


class ReturnForm(forms.Form):
    text = forms.CharField(
        label=_("What should be changed?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ThresholdForm(forms.Form):
    """Offers per 1,000 children of the band below which a cell counts as a gap."""

    def __init__(self, *args, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        for phase, label in LifePhase.choices:
            self.fields[phase] = forms.DecimalField(
                label=label,
                min_value=0,
                max_value=10000,
                decimal_places=2,
                localize=True,
                initial=(initial_values or {}).get(phase),
            )


def without_control_characters(value: str) -> str:
    """Search text without control characters but tabs (PostgreSQL text cannot hold NUL)."""
    return "".join(ch for ch in value if ch >= " " or ch in "\t")


# The family search's parameters, one definition for /api/offers (which takes them by these
# names) and the search page (which takes them by the German names of PAGE_PARAMETERS).
# No docstring: pydantic would put it into the OpenAPI schema.
class OfferQuery(Schema):
    q: str = Field("", max_length=200, description="Words, e.g. Kita or Erziehungsberatung.")
    age: int | None = Field(None, ge=0, le=26, description="Age of the child in years.")
    topic: str = Field("", max_length=60)
    lon: float | None = Field(None, ge=-180, le=180)
    lat: float | None = Field(None, ge=-90, le=90)
    radius_km: float | None = Field(None, gt=0, le=100)
    free: bool = False
    language: str = Field("", max_length=5, description="ISO 639-1 code, e.g. ar.")
    access: Access | None = None
    limit: int = Field(50, ge=1, le=200)

    @field_validator("q", "topic", "language")
    @classmethod
    def _no_control_characters(cls, value: str) -> str:
        # PostgreSQL text cannot hold NUL; no search word needs a control character.
        return without_control_characters(value)

    @property
    def point(self) -> tuple[float, float] | None:
        """(lon, lat) when both are given."""
        return (self.lon, self.lat) if self.lon is not None and self.lat is not None else None

    def search_arguments(self, *, near: tuple[float, float] | None) -> dict[str, Any]:
        """The arguments of selectors.offers_search for this query around ``near``."""
        return {
            "q": self.q,
            "age": self.age,
            "topic": self.topic,
            "near": near,
            "radius_km": self.radius_km if near else None,
            "free_only": self.free,
            "language": self.language,
            "access": self.access or "",
            "limit": self.limit,
        }


# The search page's parameters as families see them in the address bar → OfferQuery's fields.
PAGE_PARAMETERS = {
    "q": "q",
    "alter": "age",
    "thema": "topic",
    "umkreis": "radius_km",
    "kostenlos": "free",
    "sprache": "language",
    "zugang": "access",
}
# What the page says about a parameter it cannot use; it searches without that parameter.
PAGE_PROBLEMS = {
    "q": _("Please keep your search to at most 200 characters."),
    "age": _("Please give the age of the child as a number from 0 to 26."),
    "topic": _("We do not know this topic; the search covers all topics."),
    "radius_km": _("Please choose a distance of more than 0 up to 100 km."),
    "free": _("“Free of charge only” is either ticked or not."),
    "language": _("We do not know this language; the search covers all languages."),
    "access": _("We do not know this access; the search covers every access."),
}


def offer_query_from_page(
    params: Mapping[str, str], *, topics: Container[str], limit: int
) -> tuple[OfferQuery, list[str]]:
    """The search page's parameters as an OfferQuery, and a message for each one that does
    not fit (it is left out); ``topics`` are the known topic codes."""
    data: dict[str, Any] = {
        field: params[name] for name, field in PAGE_PARAMETERS.items() if params.get(name)
    }
    data["limit"] = limit
    try:
        query = OfferQuery.model_validate(data)
        bad: set[Any] = set()
    except ValidationError as exc:
        bad = {error["loc"][0] for error in exc.errors() if error["loc"]}
        query = OfferQuery.model_validate({k: v for k, v in data.items() if k not in bad})
    if query.topic and query.topic not in topics:
        bad.add("topic")
        query = query.model_copy(update={"topic": ""})
    # The page shows the words as they are searched for.
    query = query.model_copy(update={"q": query.q.strip()})
    return query, [str(message) for field, message in PAGE_PROBLEMS.items() if field in bad]


class CoverageFilterForm(FilterForm):
    """The life phase drawn on the coverage map (by default 1 to 3 years) and the export."""

    phase = forms.ChoiceField(
        required=False, choices=LifePhase.choices, initial=LifePhase.AGE_1_3.value
    )


class HsdsExportForm(forms.Form):
    """?alle=1: the HSDS download holds unpublished offers too; anything else does not."""

    alle = forms.ChoiceField(required=False, choices=[("1", "1")])

    def everything(self) -> bool:
        return self.is_valid() and self.cleaned_data["alle"] == "1"
