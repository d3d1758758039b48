"""Form pieces shared by the public and staff forms."""

from django import forms
from django.conf import settings
from django.utils.formats import number_format
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


class DescriptionField(forms.CharField):
    """A complaint's description, at most `ACCORD_DESCRIPTION_MAX_CHARS` characters (read when the
    form is checked, so the setting can change without a restart of the tests).

    No `maxlength` attribute on purpose: a browser would silently cut a pasted text at the limit;
    here the whole text comes back on the page with the count and the limit, for the member to shorten.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        limit = settings.ACCORD_DESCRIPTION_MAX_CHARS
        if value and len(value) > limit:
            raise forms.ValidationError(
                _(
                    "The description has %(count)s characters; the limit is %(limit)s. "
                    "Shorten it, or send the rest as a document."
                ),
                code="description_too_long",
                params={
                    "count": number_format(len(value), force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                },
            )


class _EmptyTextInput(forms.TextInput):
    """Always shown empty, so a form re-shown after a refusal can be sent again as it is."""

    def format_value(self, value):
        return None


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from screen readers) that robots fill in.

    Filled in, the form is refused with a neutral error above it (it never names the hidden
    field, which would tell a robot what to leave empty), the member's text is kept on the
    page, and the field is re-shown empty.
    """

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        # Out of the keyboard's path and never autofilled, so a person cannot fill it by accident.
        widget=_EmptyTextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(
                _("We could not accept the form as it was sent. Check what you wrote and send it again."),
                code="honeypot",
            )
        return data


def add_service_error(form: forms.Form, error: AccordError, field: str | None = None) -> None:
    """Show a service's coded error on the form, in the user's language; an error naming its fields (`errors`,
    e.g. cases.intake.ComplaintInvalid) on each of them that the form has."""
    for name, each in (getattr(error, "errors", None) or {field: error}).items():
        form.add_error(name if name in form.fields else field, forms.ValidationError(str(each), code=each.code))
