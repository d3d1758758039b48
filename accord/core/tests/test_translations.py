"""The French, Dutch and English catalogues: complete, compiled, faithful to their placeholders, up to date.

After changing user-facing text: `make messages`, translate the new entries in locale/fr and locale/nl
(msgen fills locale/en with msgstr = msgid), then `make messages` again to compile the .mo files,
which are committed so that a machine without gettext serves the translations.
"""

import re
import shutil
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone, translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("fr", "nl", "en")
NPLURALS = {"fr": 2, "nl": 2, "en": 2}

# What `make messages` leaves out: the same list as the Makefile's makemessages --ignore options.
# Tests only look strings up (gettext on existing msgids); they add no user-facing text.
MAKEMESSAGES_IGNORE = [".venv", "var", "bench", "tests", "testing", "conftest.py"]

PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[#0 +-]*\d*(?:\.\d+)?(?P<conv>[diouxXeEfFgGcrsa%])")
HOW_TO_FIX = "run `make messages`, translate the new entries in locale/fr and locale/nl, run `make messages` again"


def _po(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))


def _key(entry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _placeholders(text: str) -> tuple[Counter, list]:
    """Named placeholders (as a multiset) and positional ones (in order); `%%` is a literal percent sign."""
    named, positional = Counter(), []
    for m in PLACEHOLDER.finditer(text):
        if m["conv"] == "%":
            continue
        if m["name"] is not None:
            named[(m["name"], m["conv"])] += 1
        else:
            positional.append(m["conv"])
    return named, positional


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(lang):
    po = _po(lang)
    assert po.metadata.get("Language") == lang
    assert not po.metadata_is_fuzzy, f"locale/{lang}: the header is marked fuzzy"
    assert len(po) > 0
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    untranslated = [e.msgid for e in po.untranslated_entries()]
    obsolete = [e.msgid for e in po.obsolete_entries()]
    assert not fuzzy, f"locale/{lang}: fuzzy entries (review them, then remove the flag): {fuzzy}"
    assert not untranslated, f"locale/{lang}: untranslated entries: {untranslated}"
    assert not obsolete, f"locale/{lang}: obsolete entries (run `make messages`): {obsolete}"
    assert f"nplurals={NPLURALS[lang]};" in po.metadata["Plural-Forms"].replace(" ", "")
    for e in po:
        if e.msgid_plural:
            assert sorted(e.msgstr_plural) == list(range(NPLURALS[lang])), f"locale/{lang}: plural forms of {e.msgid!r}"


def test_english_catalogue_says_what_the_source_says():
    for e in _po("en"):
        if e.msgid_plural:
            assert e.msgstr_plural == {0: e.msgid, 1: e.msgid_plural}, e.msgid
        else:
            assert e.msgstr == e.msgid, e.msgid


@pytest.mark.parametrize("lang", ("fr", "nl"))
def test_translations_are_not_left_in_english(lang):
    """A msgstr equal to its msgid is usually a forgotten entry; these few are the same word in every language."""
    same_everywhere = {
        "fr": set(
            "Accord API E-mail e-mail code Administration Configuration Date Documents France Messages Pages active "
            "description message note position service Parties parties Lang.".split()
        ),
        "nl": set("Accord API E-mail e-mail code Status status Filters".split()),
    }[lang]
    left = [e.msgid for e in _po(lang) if not e.msgid_plural and e.msgstr == e.msgid and e.msgid not in same_everywhere]
    assert not left, f"locale/{lang}: entries still in English: {left}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_mo_is_the_compiled_po(lang):
    mo_path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"locale/{lang}/LC_MESSAGES/django.mo is missing: {HOW_TO_FIX}"
    mo = polib.mofile(str(mo_path))
    po = _po(lang)

    def table(entries):
        return {
            _key(e): (tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural)) if e.msgid_plural else e.msgstr)
            for e in entries
            if e.msgid
        }

    compiled, source = table(mo), table(po.translated_entries())
    stale = sorted(k[1] for k in compiled.keys() ^ source.keys())
    differing = sorted(k[1] for k in compiled.keys() & source.keys() if compiled[k] != source[k])
    assert not stale and not differing, (
        f"locale/{lang}: django.mo does not match django.po ({HOW_TO_FIX}); "
        f"entries in only one of them: {stale}; entries translated differently: {differing}"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    wrong = []
    for e in _po(lang).translated_entries():
        if e.msgid_plural:
            expected = _placeholders(e.msgid_plural)
            assert _placeholders(e.msgid) == expected, f"msgid and msgid_plural differ: {e.msgid!r}"
            translations = list(e.msgstr_plural.values())
        else:
            expected, translations = _placeholders(e.msgid), [e.msgstr]
        wrong += [(e.msgid, t) for t in translations if _placeholders(t) != expected]
    assert not wrong, f"locale/{lang}: placeholders differ from the msgid: {wrong}"


def test_catalogues_are_up_to_date_with_the_source(tmp_path, settings, monkeypatch):
    """Extract the messages afresh from a copy of the source (the working tree is never touched)."""
    needed = ("xgettext", "msguniq", "msgmerge", "msgattrib")
    if not all(shutil.which(tool) for tool in needed):
        pytest.skip(f"gettext's tools ({', '.join(needed)}) are not installed: cannot extract the messages")
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns(*MAKEMESSAGES_IGNORE, ".*", "locale", "__pycache__", "node_modules", "*.pyc")
    shutil.copytree(settings.BASE_DIR, source, ignore=ignore, symlinks=True)
    fresh_locale = tmp_path / "locale"
    fresh_locale.mkdir()
    settings.LOCALE_PATHS = [fresh_locale]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["fr"], no_obsolete=True, ignore_patterns=MAKEMESSAGES_IGNORE, verbosity=0)
    fresh = {_key(e) for e in polib.pofile(str(fresh_locale / "fr" / "LC_MESSAGES" / "django.po")) if e.msgid}
    assert fresh, "makemessages found no message at all"
    for lang in LANGUAGES:
        committed = {_key(e) for e in _po(lang) if not e.obsolete}
        missing = sorted(k[1] for k in fresh - committed)
        gone = sorted(k[1] for k in committed - fresh)
        assert not missing, f"locale/{lang} lacks messages the source uses ({HOW_TO_FIX}): {missing}"
        assert not gone, f"locale/{lang} has messages the source no longer uses ({HOW_TO_FIX}): {gone}"


def test_plural_forms_follow_each_language():
    singular, plural = "A first answer within %(days)s working day.", "A first answer within %(days)s working days."
    expected = {
        ("fr", 0): "Une première réponse dans un délai de 0 jour ouvrable.",
        ("fr", 1): "Une première réponse dans un délai de 1 jour ouvrable.",
        ("fr", 3): "Une première réponse dans un délai de 3 jours ouvrables.",
        ("nl", 0): "Een eerste antwoord binnen 0 werkdagen.",
        ("nl", 1): "Een eerste antwoord binnen 1 werkdag.",
        ("nl", 3): "Een eerste antwoord binnen 3 werkdagen.",
        ("en", 1): "A first answer within 1 working day.",
        ("en", 3): "A first answer within 3 working days.",
    }
    for (lang, n), text in expected.items():
        with translation.override(lang):
            assert translation.ngettext(singular, plural, n) % {"days": n} == text


DELAYS = {
    "acknowledgement_working_days": 1,
    "first_answer_working_days": 3,
    "admissibility_calendar_days": 21,
    "outcome_calendar_days": 90,
}

PUBLIC_PAGES = {
    "fr": {
        "": [
            "Introduire une réclamation",
            "Comment ça marche",
            "Nos délais",
            "Une première réponse dans un délai de 3 jours ouvrables.",
            "comité d’accompagnement",
            "médiateur agréé",
        ],
        "complaint/": [
            "Introduire une réclamation",
            "Nom et prénom",
            "Langue de nos réponses",
            "Envoyer ma réclamation",
            "De quoi s’agit-il\u202f?",
        ],
    },
    "nl": {
        "": [
            "Een klacht indienen",
            "Hoe het werkt",
            "Onze termijnen",
            "Een eerste antwoord binnen 3 werkdagen.",
            "begeleidingscomité",
            "erkend bemiddelaar",
            "ontvankelijk",
        ],
        "complaint/": [
            "Een klacht indienen",
            "Voor- en achternaam",
            "Taal voor onze antwoorden",
            "Mijn klacht versturen",
            "Waarover gaat het?",
        ],
    },
    "en": {
        "": ["File a complaint", "How it works", "Our time limits", "A first answer within 3 working days."],
        "complaint/": ["File a complaint", "Full name", "Language for our answers", "Send my complaint"],
    },
}
# English phrases that must not show through on a translated page.
ENGLISH = ["File a complaint", "How it works", "Send my complaint", "working day", "Skip to content"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_speak_the_language_of_their_url(client, settings, lang):
    settings.ACCORD_DELAYS = DELAYS
    for path, phrases in PUBLIC_PAGES[lang].items():
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{lang}"' in html
        for code, name in (("fr", "Français"), ("nl", "Nederlands"), ("en", "English")):
            assert f'hreflang="{code}" lang="{code}"' in html and f">{name}</a>" in html, (
                f"/{lang}/{path}: name {code} in itself"
            )
        for phrase in phrases:
            assert phrase in html, f"/{lang}/{path}: {phrase!r} not found"
        if lang != "en":
            shown = [english for english in ENGLISH if english in html]
            assert not shown, f"/{lang}/{path} shows English: {shown}"


@pytest.mark.parametrize(
    ("lang", "phrases", "text_only"),
    [
        (
            "fr",
            [
                "Bonjour Marie Lambert,",
                "Nous avons bien reçu votre réclamation du",
                "3 jours ouvrables",
                "Ouvrir mon dossier",
            ],
            "grâce à votre lien privé\u202f:",
        ),
        (
            "nl",
            ["Beste Marie Lambert,", "We hebben uw klacht van", "3 werkdagen", "Mijn dossier openen"],
            "via uw persoonlijke link:",
        ),
        (
            "en",
            ["Hello Marie Lambert,", "We have received your complaint of", "3 working days", "Open my case"],
            "with your private link:",
        ),
    ],
)
def test_acknowledgement_email_is_translated(lang, phrases, text_only):
    case = SimpleNamespace(reference="ACC-2026-00001", subject="Facture", received_at=timezone.now(), language=lang)
    context = {"case": case, "person": SimpleNamespace(name="Marie Lambert"), "delays": DELAYS, "link": "https://x/"}
    with translation.override(lang):
        text = render_to_string("notifications/email/acknowledgement.txt", context)
        html = render_to_string("notifications/email/acknowledgement.html", context)
    for phrase in [*phrases[:3], text_only]:
        assert phrase in text, f"{lang} text e-mail: {phrase!r} not found in {text}"
    for phrase in phrases:
        assert phrase in html, f"{lang} HTML e-mail: {phrase!r} not found in {html}"
