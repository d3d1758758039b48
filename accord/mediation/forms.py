from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accord.mediation.framing import framing_languages


def _language_choices():
    known = framing_languages()
    return [(code, name) for code, name in settings.LANGUAGES if code in known]


class FramingForm(forms.Form):
    """The text to review and its language. Never refused for what it says: the review only advises."""

    text = forms.CharField(
        label=_("Purpose of the mediation"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=_language_choices)
