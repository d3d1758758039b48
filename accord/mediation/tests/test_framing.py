"""The framing aid (seed 004): the corpus of good and bad purposes in three languages, offsets, accents and
case, the data files, and inputs that must not break it."""

import tomllib
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

from accord.mediation import framing
from accord.mediation.framing import FRAMING_CRITERIA, MAX_CHARS, MESSAGES, framing_languages, framing_review

CORPUS = Path(__file__).parent / "corpus"
LANGUAGES = ("fr", "nl", "en")


def corpus(language):
    with open(CORPUS / f"{language}.toml", "rb") as file:
        return tomllib.load(file)


def cases(kind):
    return [
        pytest.param(language, entry, id=f"{language}-{index}")
        for language in LANGUAGES
        for index, entry in enumerate(corpus(language)[kind])
    ]


def test_the_corpus_has_enough_sentences_in_each_language():
    for language in LANGUAGES:
        data = corpus(language)
        assert len(data["bad"]) >= 8 and len(data["good"]) >= 5, language
        found = {code for entry in data["bad"] for code in entry["codes"]}
        assert found == set(MESSAGES), f"{language}: the bad sentences cover every code"


@pytest.mark.parametrize("language, entry", cases("bad"))
def test_every_bad_sentence_is_flagged_with_exactly_its_codes(language, entry):
    findings = framing_review(entry["text"], language)
    assert {f.code for f in findings} == set(entry["codes"]), entry["text"]
    words = [entry["text"][f.start : f.end] for f in findings if f.code != "no_future_goal"]
    for fragment in entry.get("fragments", []):
        assert fragment in words, f"{fragment!r} not pointed at in {entry['text']!r}: {words}"


@pytest.mark.parametrize("language, entry", cases("good"))
def test_no_good_sentence_is_flagged(language, entry):
    findings = framing_review(entry["text"], language)
    assert findings == [], [(f.code, entry["text"][f.start : f.end]) for f in findings]


def test_the_seeds_own_reframing_passes_and_its_first_wording_does_not():
    assert framing_review("S’assurer que les enfants ont tout ce dont ils ont besoin.", "fr") == []
    assert [f.code for f in framing_review("Partager le patrimoine familial.", "fr")] == ["no_future_goal"]


@pytest.mark.parametrize(
    "text, language, code, words",
    [
        ("Qui va GAGNER ?", "fr", "winners_losers", "GAGNER"),
        ("Le gagnant sera désigné.", "fr", "winners_losers", "gagnant"),
        ("Tout est perdu.", "fr", "winners_losers", "perdu"),
        ("C’est sa FAUTE.", "fr", "blame", "FAUTE"),
        ("Le service N’A PAS répondu.", "fr", "past_focus", "N’A PAS"),
        ("Le service n'a pas répondu.", "fr", "past_focus", "n'a pas"),
        ("Il AURAIT DU payer.", "fr", "past_focus", "AURAIT DU"),  # without its accent
        ("Il aurait\u00a0dû\npayer.", "fr", "past_focus", "aurait\u00a0dû"),  # any spacing
        ("Signez, SINON…", "fr", "cost_of_conflict", "SINON"),
        ("Zij hebben GEWONNEN.", "nl", "winners_losers", "GEWONNEN"),
        ("Wie is de winnaar?", "nl", "winners_losers", "winnaar"),
        ("Het is zijn schuld.", "nl", "blame", "schuld"),
        ("U had moeten bellen.", "nl", "past_focus", "had moeten"),
        ("Teken, anders…", "nl", "cost_of_conflict", "anders"),
        ("The WINNER takes all.", "en", "winners_losers", "WINNER"),
        ("You are losing.", "en", "winners_losers", "losing"),
        ("It was your mistake.", "en", "blame", "your mistake"),
        ("They should’ve called.", "en", "past_focus", "should’ve"),
        ("Sign, or else.", "en", "cost_of_conflict", "or else"),
    ],
)
def test_a_finding_points_at_exactly_the_words_matched(text, language, code, words):
    found = [text[f.start : f.end] for f in framing_review(text, language) if f.code == code]
    assert found == [words]


def test_words_are_matched_whole():
    # "won" is not in "won't" nor in "wonderful"; "win" not in "window"; "anders" not in "veranderen".
    assert not [
        f for f in framing_review("We won't open the window; a wonderful day.", "en") if f.code != "no_future_goal"
    ]
    assert not [f for f in framing_review("We veranderen niets.", "nl") if f.code != "no_future_goal"]
    assert not [f for f in framing_review("Le superbe parcours du tribunalier.", "fr") if f.code != "no_future_goal"]


def test_decomposed_accents_are_matched_and_kept_in_the_offsets():
    text = "Il a gagne\u0301, sa faute."  # "gagné" written as e + combining acute accent
    findings = framing_review(text, "fr")
    assert [text[f.start : f.end] for f in findings if f.code == "winners_losers"] == ["gagne\u0301"]
    assert [text[f.start : f.end] for f in findings if f.code == "blame"] == ["faute"]


def test_offsets_hold_after_characters_that_fold_to_several():
    text = "Straße ﬁn ½ — the ﬁrst loser."  # ß → ss, ﬁ → fi, ½ → 1⁄2 when folded
    [finding] = [f for f in framing_review(text, "en") if f.code == "winners_losers"]
    assert text[finding.start : finding.end] == "loser"


def test_the_text_is_read_in_its_own_language_only():
    assert [f.code for f in framing_review("Sinon vous allez perdre, afin de…", "en")] == ["no_future_goal"]
    assert {f.code for f in framing_review("Sinon vous allez perdre, afin de…", "fr")} == {
        "cost_of_conflict",
        "winners_losers",
    }


def test_messages_follow_the_active_language_not_the_texts():
    text = "Who will win?"
    with translation.override("fr"):
        french = framing_review(text, "en")[0]
    with translation.override("nl"):
        dutch = framing_review(text, "en")[0]
    with translation.override("en"):
        english = framing_review(text, "en")[0]
        expected = str(MESSAGES["winners_losers"][0])  # the English msgid, read while English is active
    assert english.message == expected
    assert len({french.message, dutch.message, english.message}) == 3
    assert len({french.suggestion, dutch.suggestion, english.suggestion}) == 3


def test_the_no_future_goal_suggestion_is_the_seeds_reframing_in_each_language():
    expected = {
        "fr": ("patrimoine familial", "s’assurer que les enfants ont tout ce dont ils ont besoin"),
        "nl": ("familiale erfenis", "ervoor zorgen dat de kinderen alles hebben wat ze nodig hebben"),
        "en": ("share the family estate", "make sure the children have everything they need"),
    }
    for language, words in expected.items():
        with translation.override(language):
            [finding] = framing_review("Share the estate.", "en")
        assert finding.code == "no_future_goal" and all(w in finding.suggestion for w in words), finding.suggestion


def test_the_four_criteria_are_translated():
    assert len(FRAMING_CRITERIA) == 4
    for language in LANGUAGES:
        with translation.override(language):
            texts = [str(c) for c in FRAMING_CRITERIA]
        assert len(set(texts)) == 4
    with translation.override("fr"):
        assert "coupable" in str(FRAMING_CRITERIA[1])


def test_every_rule_file_loads_and_names_known_messages():
    assert set(framing_languages()) == set(LANGUAGES)
    for language in LANGUAGES:
        rules, goal = framing.framing_rules(language)
        assert goal is not None
        assert {rule.code for rule in rules} == set(MESSAGES) - {"no_future_goal"}
        assert all(rule.message in MESSAGES for rule in rules)


def test_a_rule_naming_an_unknown_message_is_refused(tmp_path, monkeypatch):
    (tmp_path / "xx.toml").write_text('[[rules]]\ncode = "x"\npatterns = ["a"]\nmessage = "nope"\n')
    monkeypatch.setattr(framing, "RULES_DIR", tmp_path)
    framing.framing_rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="nope"):
            framing.framing_rules("xx")
    finally:
        framing.framing_rules.cache_clear()


NASTY = [
    "",
    " ",
    "\n\t\u00a0\u202f",
    "\x00\x00perdre\x00",
    "\ud800 lone surrogate, perdre",
    "\u200b\u200d\ufeff gagner \u2060",
    "\u202eerdrep\u202c sinon",
    "e\u0301" * 5000,
    "🙂" * 3000 + " perdre 👨‍👩‍👧",
    "ǅ ǈ ǋ ß ẞ İ ı ﬀ ﬃ ½ Ⅻ ㎏ ﷺ",
    "'" * 500 + "’" * 500,
    "... * * ... om te om te",
    "(?:.*)+$" * 200,
    "a" * 100_000,
    "perdre " * 50_000,
    "\r\n".join(["sinon"] * 1000),
]


@pytest.mark.parametrize("language", [*LANGUAGES, "de", "", "fr/../../etc", None])
@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_no_input_breaks_it(text, language):
    findings = framing_review(text, language)
    assert len(findings) <= framing.MAX_FINDINGS + 1
    for f in findings:
        assert 0 <= f.start < f.end <= min(len(text), MAX_CHARS)
        assert f.message and f.suggestion


def test_not_text_gives_nothing():
    assert framing_review(None, "fr") == [] and framing_review(b"perdre", "fr") == []


def test_only_the_first_characters_are_read():
    text = "x " * MAX_CHARS + " perdre"
    assert [f.code for f in framing_review(text, "fr")] == ["no_future_goal"]


def test_folding_keeps_one_origin_per_folded_character():
    text = "Œuvre ß ﬁ É"
    folded, origin = framing._fold(text)
    assert len(folded) == len(origin) and folded == "œuvre ss fi e"
    assert all(unicodedata.normalize("NFKD", text[i]) for i in origin)
