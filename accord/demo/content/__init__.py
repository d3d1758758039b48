"""The demo's words: members, complaints and the exchanges around them, in each language.

Each complaint template has its category and the department concerned, the member's
subject and description, the mediator's question, the member's reply, an internal note and
a written answer. `{amount}`, `{month}`, `{client}`, `{invoice}` and `{days}` are filled
per case so that two cases from one template do not read the same.

The texts live in one module per language (`fr`, `nl`, `en`); `common` holds what they
share. This package puts them back together, keyed by language as `load_demo` reads them.
"""

from accord.demo.content import en, fr, nl
from accord.demo.content.common import T, money

__all__ = ["CLIENTS", "COMPLAINTS", "DYSFUNCTIONS", "MONTHS", "PEOPLE", "PHRASES", "REFUSALS", "T", "money"]

_LANGUAGES = {"fr": fr, "nl": nl, "en": en}

PEOPLE = {lang: module.PEOPLE for lang, module in _LANGUAGES.items()}
CLIENTS = {lang: module.CLIENTS for lang, module in _LANGUAGES.items()}
MONTHS = {lang: module.MONTHS for lang, module in _LANGUAGES.items()}
COMPLAINTS = {lang: module.COMPLAINTS for lang, module in _LANGUAGES.items()}

# Cases refused at admissibility: one per ground and language, with the reason told to the member.
REFUSALS = {ground: {lang: module.REFUSALS[ground] for lang, module in _LANGUAGES.items()} for ground in fr.REFUSALS}

# A dysfunction in each of its states, in each language (load_demo's `dysfunctions`).
DYSFUNCTIONS = {lang: module.DYSFUNCTIONS for lang, module in _LANGUAGES.items()}

# Sentences that do not depend on the complaint.
PHRASES = {lang: module.PHRASES for lang, module in _LANGUAGES.items()}
