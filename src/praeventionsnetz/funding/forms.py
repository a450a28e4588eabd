"""Query parameters of the funding pages."""

from __future__ import annotations

from django import forms

from praeventionsnetz.core.forms import FilterForm


class UtilisationFilterForm(FilterForm):
    """?programm=<key>&jahr=<year>; unknown values fall back to every programme or year."""

    programm = forms.ChoiceField(required=False, initial="")
    jahr = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, initial=None)

    def __init__(self, *args, programmes: list, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programm"].choices = [("", "")] + [(p.key, p.name) for p in programmes]
        self.fields["jahr"].choices = [("", "")] + [(y, y) for y in years]
