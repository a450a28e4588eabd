from typing import ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from praeventionsnetz.core import exports


class LoginForm(AuthenticationForm):
    error_messages: ClassVar[dict] = {
        "invalid_login": _(
            "User name or password is wrong. After several failed attempts the login is "
            "locked for a while."
        ),
        "inactive": _("This account is deactivated."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


class FilterForm(forms.Form):
    """The query parameters of a page that filters or exports (never an error page).

    A filter the page does not know falls back to its default, as a reader who edits the
    address expects; `value(name)` gives the cleaned value or that default. Subclasses set
    the choices in `__init__` from what the page can show.
    """

    format = forms.ChoiceField(
        required=False, choices=[("", "")] + [(f, f) for f in sorted(exports.FORMATS)]
    )

    def value(self, name: str):
        """The cleaned value of `name`, or the field's initial one when missing or unknown."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        if name not in self.errors and self.cleaned_data.get(name) not in (None, ""):
            return self.cleaned_data[name]
        initial = self.fields[name].initial
        return initial() if callable(initial) else initial

    @property
    def export_format(self) -> str | None:
        """ "csv" or "xlsx" when the page is asked for its table as a file."""
        return self.value("format") or None


class StoredUploadForm(forms.Form):
    """The confirmation of an import preview (core.uploads): the stored upload and the file's name.

    A missing `dateiname` is the stored name; an unknown stored name counts as expired.
    """

    gespeichert = forms.CharField(required=False, strip=False)
    dateiname = forms.CharField(required=False, strip=False)

    def clean(self):
        cleaned = super().clean()
        if "dateiname" not in self.data:
            cleaned["dateiname"] = cleaned.get("gespeichert", "")
        return cleaned

    def upload(self) -> tuple[str, str]:
        """The stored name ("" when unusable) and the file's name (else the stored one)."""
        self.is_valid()
        stored = self.cleaned_data.get("gespeichert", "")
        return stored, self.cleaned_data.get("dateiname", stored)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new key"),
        max_length=100,
        help_text=_("What the key is for, e.g. “Finanzverfahren” or “Berichtswesen”."),
    )
