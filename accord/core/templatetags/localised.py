"""Built-ins every template gets (settings TEMPLATES "builtins"), replacing Django's own: `date` in each
language's own form (settings.FORMAT_MODULE_PATH, accord/formats/) plus what no format letter can say,
the French first of the month « 1er »; `filesizeformat` in one unit per language (accord.lib.sizes)."""

import re

from django import template
from django.template.defaultfilters import date as django_date
from django.utils.translation import get_language

from accord.lib.sizes import file_size

register = template.Library()

_FRENCH_FIRST = re.compile(
    r"(?<![\d])1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b"
)


def french_first(text: str) -> str:
    """« 1 avril » → « 1er avril » (the ordinal French uses for the first day of a month only)."""
    return _FRENCH_FIRST.sub(r"1er \1", text)


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    formatted = django_date(value, arg)
    if formatted and (get_language() or "").startswith("fr"):
        return french_first(formatted)
    return formatted


@register.filter(is_safe=True)
def filesizeformat(value):
    return file_size(value)
