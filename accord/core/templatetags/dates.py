"""The `date` filter every template uses, in each language's own form (settings.FORMAT_MODULE_PATH,
accord/formats/), plus what no format letter can say: the French first of the month, « 1er »."""

import re

from django import template
from django.template.defaultfilters import date as django_date
from django.utils.translation import get_language

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
