"""The catalogues use the words docs/glossary.md chooses: no English msgid, French or Dutch msgstr uses a
word the glossary rules out."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
COLUMNS = {"en": "ruled out (en)", "fr": "ruled out (fr)", "nl": "ruled out (nl)"}


def ruled_out() -> dict[str, dict[str, str]]:
    """{language: {ruled-out word: the term it stands for}}, read from the glossary's table."""
    rows = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    words: dict[str, dict[str, str]] = {language: {} for language in COLUMNS}
    for row in rows[2:]:
        cells = dict(zip(header, (cell.strip() for cell in row.strip("|").split("|")), strict=True))
        for language, column in COLUMNS.items():
            for word in filter(None, (w.strip() for w in cells[column].split(","))):
                words[language][word] = cells["term"]
    return words


def _texts(entry, language):
    if language == "en":
        return [entry.msgid, entry.msgid_plural]
    return [entry.msgstr, *entry.msgstr_plural.values()]


def _offences(language):
    words = ruled_out()[language]
    patterns = {word: re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE) for word in words}
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        for text in filter(None, _texts(entry, language)):
            for word, pattern in patterns.items():
                if pattern.search(text):
                    found.append(f"{word!r} (say the glossary's word for {words[word]!r}) in {text!r}")
    return found


def test_the_glossary_table_rules_out_words_in_each_language():
    words = ruled_out()
    assert words["en"]["delay"] == "time limit"
    assert words["fr"]["plaignant"] == "complainant"
    assert words["nl"]["klager"] == "complainant"


@pytest.mark.parametrize("language", ["en", "fr", "nl"])
def test_no_catalogue_entry_uses_a_word_the_glossary_rules_out(language):
    offences = _offences(language)
    assert not offences, "\n".join(offences)
