"""Words a member reads, after a native review: French and Dutch typography in the catalogues, the member's
page and e-mails in plain words (see docs/glossary.md for the terms themselves)."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accord.cases.links import member_token
from accord.cases.permissions import MEMBER, Actor
from accord.cases.workflow import StepInput, case_transition
from accord.notifications.models import OutboundEmail

NNBSP = "\u202f"


def _texts(language):
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        for text in filter(None, [entry.msgstr, *entry.msgstr_plural.values()]):
            # Markup, placeholders and addresses are not prose.
            yield entry.msgid, re.sub(r"<[^>]*>|%\([^)]*\)[sd]|\{[^}]*\}|https?://\S+", "X", text)


def test_french_uses_narrow_no_break_spaces_one_apostrophe_and_guillemets():
    faults = []
    for _msgid, text in _texts("fr"):
        if re.search(r"[ \u00a0][:;?!]|(?<=\w)[;?!]|(?<=[^\W\d])[:](?=\s|$)", text):
            faults.append(("space before : ; ? !", text))
        if "'" in text or "“" in text or "”" in text or '"' in text:
            faults.append(("’ and « » only", text))
        if re.search(r"«(?!\u202f)|(?<!\u202f)»", text):
            faults.append(("U+202F inside « »", text))
    assert not faults, "\n".join(f"{why}: {text!r}" for why, text in faults)


def test_dutch_uses_one_quote_style_and_no_french_spacing():
    faults = []
    for _msgid, text in _texts("nl"):
        if re.search(r"[ \u00a0\u202f][:;?!]|[«»]", text):
            faults.append(("French spacing", text))
        if re.search(r"‘[^’]*’|\"", text):
            faults.append(("quotes are “…”", text))
        if re.search(r"\btegen %|\btegen \d", text):
            faults.append(("dates are 'uiterlijk op'", text))
    assert not faults, "\n".join(f"{why}: {text!r}" for why, text in faults)


def test_the_acknowledgement_html_has_one_list(marie, make_case):
    case = make_case(marie)
    html = OutboundEmail.objects.get(case=case, template="acknowledgement").body_html
    assert html.count("<ul>") == 1 and html.count("<li>") == 3


def test_the_acknowledgement_explains_working_and_calendar_days(sarah, make_case):
    text = OutboundEmail.objects.get(case=make_case(sarah), template="acknowledgement").body_text
    assert "Monday to Friday, excluding the public holidays of your office’s country" in text
    assert "within 21 calendar days" in text and "within 90 calendar days" in text


def test_the_members_page_labels_the_acknowledgement_deadline_as_taken_on(sarah, make_case, client):
    case = make_case(sarah)
    with translation.override("en"):
        page = client.get(reverse("public:member_case", kwargs={"token": member_token(case)})).content.decode()
    assert "Taken on by a mediator" in page and "Our time limits" in page
    assert "<dt>Acknowledgement</dt>" not in page


def test_the_french_admissibility_email_says_what_the_english_says(marie, maya, make_case):
    case = case_transition(case=make_case(marie), name="acknowledge", actor=Actor.for_user(maya))
    case_transition(case=case, name="accept", actor=Actor.for_user(maya))
    body = OutboundEmail.objects.get(case=case, template="admissible").body_text
    assert "Accord peut la traiter" in body and "recevable" not in body


@pytest.mark.parametrize("language, thanks", [("en", "Thank you for letting us know"), ("fr", "Merci de nous avoir")])
def test_the_withdrawal_email_thanks_the_member_and_leaves_the_door_open(language, thanks, marie, make_case):
    case = case_transition(case=make_case(marie, language=language), name="withdraw", actor=MEMBER, data=StepInput())
    body = OutboundEmail.objects.get(case=case, template="withdrawn").body_text
    assert thanks in body


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_translations_keep_the_markup_of_the_source(language):
    """Typography is for prose: a tag (its attributes' quotes included) reads as in the msgid."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        for text in filter(None, [entry.msgstr, *entry.msgstr_plural.values()]):
            assert sorted(re.findall(r"<[^>]*>", text)) == sorted(re.findall(r"<[^>]*>", entry.msgid)), text
