"""The framing aid (seed 004): how a mediator words the purpose of a mediation.

`framing_review(text, language)` reads the text with the rules of the text's language
(`framing/<language>.toml`) and returns findings the page shows beside the text, never blocking: winners and
losers, a culprit or blame, the past instead of the future, the costs of keeping the conflict (which the seed
says works worst), and, when no goal turned to the future is stated, the seed's reframing. The findings'
messages are in the *active* language (the page's), whatever the text's: the data files hold patterns only,
and each rule names its message by a key of MESSAGES below, so the words are translated like every other.

Matching is on a folded copy of the text (case and accents removed, apostrophes and spaces made one kind),
with a map back to the original, so `text[start:end]` is exactly the words matched.
"""

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

RULES_DIR = Path(__file__).resolve().parent / "framing"
# A purpose is a few sentences: beyond this, the rest is not read (the work stays bounded on any input).
MAX_CHARS = 20_000
MAX_FINDINGS = 200
# The code of the finding given when no marker of a goal turned to the future is found.
NO_FUTURE_GOAL = "no_future_goal"

# The seed's four criteria for stating the purpose of a mediation ("Recadrer le point de référence").
FRAMING_CRITERIA = [
    _("It suggests neither winners nor losers."),
    _("It targets no individual and no culprit."),
    _("It is turned to the future, not to the past."),
    _("It is attractive to each of the parties."),
]

# message key → (message, suggestion). A rule's `message` key in the data files names one of these.
MESSAGES = {
    "winners_losers": (
        _("Words of winning and losing: they frame the mediation as a contest with a winner and a loser."),
        _("Speak of what all the parties can gain together, not of who wins."),
    ),
    "blame": (
        _("Words of fault or blame: they point at a culprit."),
        _("Describe the situation and what is needed, without naming who is to blame."),
    ),
    "past_focus": (
        _("Turned to the past: what should have happened or did not happen."),
        _("Say what should happen from now on."),
    ),
    "cost_of_conflict": (
        _(
            "A threat or the cost of keeping the conflict: research finds this works worst, as it deepens the "
            "negative frame and the fear of a bad decision."
        ),
        _("Put forward what a settlement would bring to everyone instead of what the conflict costs."),
    ),
    NO_FUTURE_GOAL: (
        _("No goal turned to the future is stated."),
        _(
            "State a goal turned to the future and attractive to everyone: not “share the family estate” but "
            "“make sure the children have everything they need”."
        ),
    ),
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "\u2032": "'"})
_WORD = r"[^\W_]"  # a letter or a digit
# Before a match: no letter or digit. After: none either, nor an apostrophe that goes on with a word ("won't").
_BEFORE = rf"(?<!{_WORD})"
_AFTER = rf"(?!{_WORD})(?!'{_WORD})"
_GAP = r"(?:\s+[^\s]+){0,6}?"  # "..." in a pattern: up to six words between ("om de kinderen te helpen")


@dataclass(frozen=True)
class Finding:
    code: str
    start: int
    end: int
    message: str
    suggestion: str


@dataclass(frozen=True)
class _Rule:
    code: str
    regex: re.Pattern
    message: str


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_APOSTROPHES)
    return " " if bare.isspace() else bare


def _fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character it came from."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


def _pattern(phrase: str) -> str:
    """A phrase of the data files as a regex: whole words, `*` ending a word for its inflections
    ("gagn*": gagner, gagne, gagnant…), `...` for a few words between, any spacing between words."""
    folded, _origin = _fold(phrase.strip())
    parts = []
    for token in folded.split():
        if token == "...":
            parts.append(_GAP)
            continue
        word = re.escape(token.rstrip("*")).replace("'", r"'\s*")
        parts.append(word + (rf"{_WORD}*" if token.endswith("*") else ""))
    body = r"\s+".join(parts).replace(rf"\s+{_GAP}\s+", rf"{_GAP}\s+")
    return f"{_BEFORE}{body}{_AFTER}"


def _compile(phrases: list[str]) -> re.Pattern:
    # Longest first, so "si vous refusez" is found whole rather than a shorter phrase inside it.
    ordered = sorted({p for p in phrases if p.strip()}, key=len, reverse=True)
    return re.compile("|".join(_pattern(p) for p in ordered))


@cache
def framing_rules(language: str) -> tuple[tuple[_Rule, ...], re.Pattern | None]:
    """The language's rules and its future-goal markers, read once from framing/<language>.toml."""
    with open(RULES_DIR / f"{language}.toml", "rb") as file:
        data = tomllib.load(file)
    rules = []
    for rule in data.get("rules", []):
        message = rule.get("message", rule["code"])
        if message not in MESSAGES:
            raise ValueError(f"framing/{language}.toml: rule {rule['code']!r} names no known message {message!r}")
        rules.append(_Rule(code=rule["code"], regex=_compile(rule["patterns"]), message=message))
    goal = data.get("future_goal", {}).get("patterns", [])
    return tuple(rules), (_compile(goal) if goal else None)


@cache
def framing_languages() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in RULES_DIR.glob("*.toml")))


def _finding(code: str, message_key: str, start: int, end: int) -> Finding:
    message, suggestion = MESSAGES[message_key]
    return Finding(code=code, start=start, end=end, message=str(message), suggestion=str(suggestion))


def framing_review(text: str, language: str) -> list[Finding]:
    """The findings on `text` read in `language` (fr, nl, en), in the order of the text; none for an
    unknown language or an empty text. Only the first MAX_CHARS characters are read."""
    if not isinstance(text, str) or not isinstance(language, str) or language not in framing_languages():
        return []
    text = text[:MAX_CHARS]
    stripped = text.strip()
    if not stripped:
        return []
    rules, goal = framing_rules(language)
    folded, origin = _fold(text)
    findings = []
    for rule in rules:
        for match in rule.regex.finditer(folded):
            if match.end() > match.start():
                end = origin[match.end() - 1] + 1
                while end < len(text) and unicodedata.combining(text[end]):
                    end += 1  # a combining accent belongs to the letter before it
                findings.append(_finding(rule.code, rule.message, origin[match.start()], end))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    findings = findings[:MAX_FINDINGS]
    if goal is None or not goal.search(folded):
        start = len(text) - len(text.lstrip())
        findings.append(_finding(NO_FUTURE_GOAL, NO_FUTURE_GOAL, start, start + len(stripped)))
    return findings
