import datetime as dt

from django import forms
from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.areas import selectors as area_selectors
from praeventionsnetz.core.forms import FilterForm
from praeventionsnetz.network.models import Frequency, Organisation, OrgKind, Sector, TieKind


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


class CityFilterForm(FilterForm):
    """?stadt= among the loaded cities. Unlike the other filters, a city that is not loaded
    is a 404 (a link to a city that is gone), as `area_selectors.city_from` has it."""

    stadt = forms.ChoiceField(required=False)

    def __init__(self, data, *, cities, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.cities = list(cities)
        self.fields["stadt"].choices = [(c.code, c.name) for c in self.cities]

    def city_code(self) -> str | None:
        """The city code asked for, None when not asked; Http404 when unknown."""
        if self.has_error("stadt"):
            raise Http404
        return self.value("stadt")

    def city(self, default: str):
        """The city asked for, else the default city, else the first one."""
        return area_selectors.city_from(self.cities, self.city_code(), default)


def city_asked(*sources):
    """The city of the first source (POST, GET) that asks for one, else the default city;
    Http404 for a city that is not loaded. Returns the city and all loaded cities."""
    cities = list(area_selectors.cities())
    forms = [CityFilterForm(data, cities=cities) for data in sources]
    code = next((code for code in (f.city_code() for f in forms) if code), None)
    return area_selectors.city_from(cities, code, settings.DEFAULT_CITY), cities


class NetworkFilterForm(CityFilterForm):
    """Wave, area, sector and kind of tie on the network pages, and the two waves compared.

    An unknown wave is a 404 (see `wave_asked`); the other filters fall back to their default.
    """

    welle = forms.ChoiceField(required=False)
    gebiet = forms.ChoiceField(required=False)
    sektor = forms.ChoiceField(required=False, choices=Sector.choices, initial="")
    art = forms.ChoiceField(required=False, choices=TieKind.choices, initial="")
    vorher = forms.ChoiceField(required=False)
    nachher = forms.ChoiceField(required=False)

    REGISTER = "register"  # ?welle=register: the ties from the registry, no survey

    def __init__(self, data, *, cities, waves, areas, **kwargs) -> None:
        super().__init__(data, cities=cities, **kwargs)
        self.waves = {str(w.pk): w for w in waves}
        wave_choices = [(pk, w.name) for pk, w in self.waves.items()]
        self.fields["welle"].choices = [(self.REGISTER, self.REGISTER), *wave_choices]
        self.fields["welle"].initial = str(waves[0].pk) if waves else None
        self.fields["gebiet"].choices = [(str(a.pk), a.name) for a in areas]
        self.fields["vorher"].choices = wave_choices
        self.fields["nachher"].choices = wave_choices

    def wave_asked(self):
        """The wave asked for, else the latest; None for the registry; Http404 when unknown."""
        if self.has_error("welle"):
            raise Http404
        return self.waves.get(self.value("welle"))

    def wave(self, name: str):
        """The wave of ?vorher= or ?nachher=, None when missing or unknown."""
        return self.waves.get(self.value(name))


class OrganisationFilterForm(CityFilterForm):
    """Sector, kind, search text and page of the organisation list."""

    sektor = forms.ChoiceField(required=False, choices=Sector.choices, initial="")
    art = forms.ChoiceField(required=False, choices=OrgKind.choices, initial="")
    q = forms.CharField(required=False, initial="")
    # The paginator takes any number; a page beyond the last one shows the last one.
    seite = forms.IntegerField(required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:100]


SCORES = {"1", "2", "3", "4"}


class SurveyAnswerForm(forms.Form):
    """One organisation's answer to a survey wave.

    For every chosen `partner` (an organisation of the survey, by id) the fields `art_<id>`,
    `haeufigkeit_<id>`, `vertrauen_<id>` and `nutzen_<id>`; a frequency, trust or value
    outside the scale counts as not given. `neu` lists organisations missing from the list,
    one per line (at most 20 are taken).
    """

    neu = forms.CharField(required=False, strip=False, max_length=20_000)

    def __init__(self, data, *, partners) -> None:
        super().__init__(data)
        self.partners = {str(p.pk): p for p in partners}

    @property
    def chosen(self) -> set[str]:
        """The partner ids as sent, to show the form again as the organisation filled it."""
        return set(self.data.getlist("partner"))

    def clean(self) -> dict:
        # The answer objects are built by the view's service call; here plain tuples.
        cleaned = super().clean()
        answers = []
        for pk in self.data.getlist("partner"):
            partner = self.partners.get(pk)
            if partner is None:
                self.add_error(None, _("A chosen organisation does not belong to this survey."))
                continue
            kind = self.data.get(f"art_{pk}", "information")
            if kind not in dict(KIND_CHOICES):
                self.add_error(
                    None, _("%(name)s: unknown kind of cooperation.") % {"name": partner.name}
                )
                continue
            frequency = self.data.get(f"haeufigkeit_{pk}", "")
            trust = self.data.get(f"vertrauen_{pk}", "")
            value = self.data.get(f"nutzen_{pk}", "")
            answers.append(
                (
                    partner,
                    kind,
                    frequency if frequency in dict(FREQUENCY_CHOICES) else "",
                    int(trust) if trust in SCORES else None,
                    int(value) if value in SCORES else None,
                )
            )
        cleaned["answers"] = answers
        lines = (cleaned.get("neu") or "").splitlines()
        cleaned["new_partners"] = [line for line in lines if line.strip()][:20]
        return cleaned

    def error_list(self) -> list[str]:
        return [str(e) for errors in self.errors.values() for e in errors]
