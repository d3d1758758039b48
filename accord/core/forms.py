"""Form pieces shared by the public and staff forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.errors import AccordError


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); checked later by documents.py."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from screen readers) that robots fill in."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        # Out of the keyboard's path and never autofilled, so a person cannot fill it by accident.
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty"), code="honeypot")
        return ""


def add_service_error(form: forms.Form, error: AccordError, field: str | None = None) -> None:
    """Show a service's coded error on the form, in the user's language."""
    form.add_error(field, forms.ValidationError(str(error), code=error.code))
