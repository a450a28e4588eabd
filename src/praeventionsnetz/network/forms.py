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

    def __init__(self, data, *, reporter: Organisation) -> None:
        super().__init__(data)
        # Partners of the reporter's own city, as the organisation page offers them.
        self.fields["partner"].queryset = Organisation.objects.filter(city=reporter.city)

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

    def __init__(self, data, *, cities, waves, areas, default_wave=None, **kwargs) -> None:
        super().__init__(data, cities=cities, **kwargs)
        self.waves = {str(w.pk): w for w in waves}
        wave_choices = [(pk, w.name) for pk, w in self.waves.items()]
        self.fields["welle"].choices = [(self.REGISTER, self.REGISTER), *wave_choices]
        # Without ?welle=: the wave the page chose (the latest closed one), else the registry.
        self.fields["welle"].initial = str(default_wave.pk) if default_wave else self.REGISTER
        self.fields["gebiet"].choices = [(str(a.pk), a.name) for a in areas]
        self.fields["vorher"].choices = wave_choices
        self.fields["nachher"].choices = wave_choices

    def wave_asked(self):
        """The wave asked for, else the default one; None for the registry; Http404 when
        unknown."""
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
ANSWER_FIELDS = ("art", "haeufigkeit", "vertrauen", "nutzen")


class SurveyAnswerForm(forms.Form):
    """One organisation's answer to a survey wave, as sent, searched or saved as a draft.

    The form holds only the partners the organisation added (found by search), never the
    whole register: `zeile` lists their ids in the order shown, `partner` those ticked, and
    `art_<id>`, `haeufigkeit_<id>`, `vertrauen_<id>`, `nutzen_<id>` their answers; a
    frequency, trust or value outside the scale counts as not given. `hinzufuegen` adds one
    partner, `q` is the search text, `aktion` says what the button asked for (send, search,
    save the draft). `neu` lists organisations missing from the register, one per line (at
    most 20 are taken).
    """

    SEND, SEARCH, SAVE, ADD = "senden", "suchen", "entwurf", "hinzufuegen"

    neu = forms.CharField(required=False, strip=False, max_length=20_000)
    q = forms.CharField(required=False, max_length=100)

    def __init__(self, data, *, partners) -> None:
        super().__init__(data)
        self.partners = {str(p.pk): p for p in partners}

    @staticmethod
    def posted_ids(data) -> list[str]:
        """The partner ids the form names (rows, ticks, the one added), in order, once."""
        ids = [*data.getlist("zeile"), *data.getlist("partner"), data.get("hinzufuegen", "")]
        seen: dict[str, None] = {}
        for pk in ids:
            pk = pk.strip()
            if pk.isascii() and pk.isdigit() and len(pk) < 12:
                seen.setdefault(str(int(pk)), None)
        return list(seen)

    @property
    def action(self) -> str:
        if self.added:
            return self.ADD
        asked = self.data.get("aktion", "")
        return asked if asked in {self.SEARCH, self.SAVE} else self.SEND

    @property
    def added(self) -> str:
        pk = self.data.get("hinzufuegen", "").strip()
        return pk if pk in self.partners else ""

    @property
    def chosen(self) -> set[str]:
        """The ticked partner ids; a partner just added counts as ticked."""
        return {*self.data.getlist("partner"), *([self.added] if self.added else [])}

    def rows(self) -> list[dict[str, str | bool]]:
        """The rows as entered, with values outside the choices dropped: for the draft and
        to show the form again."""
        chosen, rows = self.chosen, []
        for pk in self.posted_ids(self.data):
            if pk not in self.partners:
                continue
            values = {field: self.data.get(f"{field}_{pk}", "") for field in ANSWER_FIELDS}
            rows.append(
                {
                    "partner": pk,
                    "gewaehlt": pk in chosen,
                    "art": values["art"] if values["art"] in dict(KIND_CHOICES) else "information",
                    "haeufigkeit": (
                        values["haeufigkeit"]
                        if values["haeufigkeit"] in dict(FREQUENCY_CHOICES)
                        else ""
                    ),
                    "vertrauen": values["vertrauen"] if values["vertrauen"] in SCORES else "",
                    "nutzen": values["nutzen"] if values["nutzen"] in SCORES else "",
                }
            )
        return rows

    def new_names_text(self) -> str:
        """The missing organisations as typed, without characters a database refuses."""
        return self.data.get("neu", "").replace("\x00", "")[:20_000]

    def search_text(self) -> str:
        return self.data.get("q", "").replace("\x00", "").strip()[:100]

    def clean(self) -> dict:
        # The answer objects are built by the view's service call; here plain tuples.
        cleaned = super().clean()
        answers = []
        chosen = self.chosen
        for pk in self.posted_ids(self.data):
            if pk in chosen and pk not in self.partners:
                self.add_error(None, _("A chosen organisation does not belong to this survey."))
        for row in self.rows():
            if not row["gewaehlt"]:
                continue
            partner = self.partners[row["partner"]]
            kind = self.data.get(f"art_{partner.pk}", "information")
            if kind not in dict(KIND_CHOICES):
                self.add_error(
                    None, _("%(name)s: unknown kind of cooperation.") % {"name": partner.name}
                )
                continue
            answers.append(
                (
                    partner,
                    kind,
                    row["haeufigkeit"],
                    int(row["vertrauen"]) if row["vertrauen"] else None,
                    int(row["nutzen"]) if row["nutzen"] else None,
                )
            )
        cleaned["answers"] = answers
        lines = (cleaned.get("neu") or "").splitlines()
        cleaned["new_partners"] = [line for line in lines if line.strip()][:20]
        return cleaned

    def error_list(self) -> list[str]:
        return [str(e) for errors in self.errors.values() for e in errors]


class SuggestionDecisionForm(forms.Form):
    """The review of a suggested partner: `entscheidung` is "neu" (add as a new
    organisation), "ablehnen" (reject) or the id of the existing organisation it stands for."""

    CHOOSE = _("Choose whether to add the organisation, match it or reject it.")

    vorschlag = forms.IntegerField(error_messages={"required": CHOOSE, "invalid": CHOOSE})
    entscheidung = forms.CharField(max_length=12, error_messages={"required": CHOOSE})

    def clean_entscheidung(self) -> str | int:
        value = self.cleaned_data["entscheidung"].strip()
        if value in {"neu", "ablehnen"}:
            return value
        if value.isascii() and value.isdigit():
            return int(value)
        raise forms.ValidationError(self.CHOOSE)
