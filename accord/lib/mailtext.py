"""Text helpers for incoming mail: HTML to text, sanitising, language, quoted history, forwards.

Pure functions with no Django and no models; `accord.lib.mailparse` and `accord.lib.mailparts`
build on them. Every function here takes text a stranger wrote, so each one must return
something for any input and never raise.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

import nh3

# ---------------------------------------------------------------------------------------
# HTML


_BLOCKS = r"(?:div|p|table|tbody|tr|td|th|li|ul|ol|dl|dd|blockquote|section|article|center|form|h[1-6]|pre)\b"
_BLOCK_OPEN_RE = re.compile(r"<" + _BLOCKS, re.IGNORECASE)
_BLOCK_CLOSE_RE = re.compile(r"</" + _BLOCKS, re.IGNORECASE)
MAX_UNCLOSED_BLOCKS = 3000


def sanitize_html(html: str) -> str:
    """Keep the markup a reader needs, drop scripts, styles, event handlers and javascript: URLs.

    `cid:` stays allowed so inline images can be served from the message's own attachments.
    """
    if not html or not html.strip():
        return ""
    opened = len(_BLOCK_OPEN_RE.findall(html))
    if opened > MAX_UNCLOSED_BLOCKS and opened - len(_BLOCK_CLOSE_RE.findall(html)) > MAX_UNCLOSED_BLOCKS:
        # The sanitiser is quadratic in nesting depth: hostile HTML gets its text, escaped.
        import html as html_lib

        return "<pre>" + html_lib.escape(html_to_text(html)) + "</pre>"
    try:
        return nh3.clean(
            html,
            url_schemes=set(nh3.ALLOWED_URL_SCHEMES) | {"cid"},
            link_rel="noopener noreferrer nofollow",
        ).strip()
    except Exception:  # nh3 is robust, but a stranger's HTML must never stop the parse
        return ""


_TAG_RE = re.compile(r"<[^>]*>")
_HIDDEN_RE = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def html_to_text(html: str) -> str:
    """Readable plain text from HTML, keeping paragraphs and table layout (inscriptis)."""
    if not html or not html.strip():
        return ""
    html = _HIDDEN_RE.sub(" ", html)
    try:
        from inscriptis import get_text

        text = get_text(html)
    except Exception:  # lxml refuses some garbage: fall back to a crude tag strip
        text = ""
    if not text.strip():
        # lxml gives up on some hostile markup (nesting beyond its limit): strip the tags.
        import html as html_lib

        text = html_lib.unescape(_TAG_RE.sub(" ", html))
    return tidy_text(text)


def tidy_text(text: str) -> str:
    """Normalise line ends, drop trailing spaces and runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    blank = 0
    for line in lines:
        if line.strip():
            blank = 0
            out.append(line)
        else:
            blank += 1
            if blank <= 1:
                out.append("")
    return "\n".join(out).strip("\n")


# ---------------------------------------------------------------------------------------
# Language

LANGUAGES = ("fr", "nl", "en")
# Neighbours are loaded too so that a German or Spanish text is not forced into one of ours:
# when one of them wins, the answer is "unsure".
_DETECTOR_PROFILES = ("fr", "nl", "en", "de", "es", "it")
_WORD_RE = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


@lru_cache(maxsize=1)
def _language_factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    profiles = []
    for name in _DETECTOR_PROFILES:
        with open(os.path.join(PROFILES_DIRECTORY, name), encoding="utf-8") as fh:
            profiles.append(fh.read())
    factory.load_json_profile(profiles)
    factory.set_seed(0)  # langdetect samples at random: a fixed seed makes it repeatable
    return factory


def detect_language(text: str) -> str:
    """ "fr", "nl" or "en" for the language of `text`, or "" when unsure (short or other)."""
    if not text:
        return ""
    words = _WORD_RE.findall(text[:5000])
    if len(words) < 3:
        return ""
    try:
        detector = _language_factory().create()
        detector.append(" ".join(words[:400]))
        best = detector.get_probabilities()[0]
    except Exception:
        return ""
    if best.lang in LANGUAGES and best.prob >= 0.7:
        return best.lang
    return ""


# ---------------------------------------------------------------------------------------
# Quoted history and signatures

_WROTE_PATTERNS = [
    # Gmail / Apple Mail / Thunderbird, en: "On Mon, 3 Mar 2025 at 10:00, Ann <a@x> wrote:"
    r"On\b.{0,250}?\bwrote\s*:",
    # fr: "Le lun. 3 mars 2025 à 10:00, Anne <a@x> a écrit :"
    r"Le\b.{0,250}?\ba\s+[ée]crit\s*:",
    # nl Gmail: "Op ma 3 mrt 2025 om 10:00 schreef Anne <a@x>:"; Apple: "... heeft ... het volgende geschreven:"
    r"Op\b.{0,250}?\b(schreef|geschreven)\b.{0,250}?:",
    # de: "Am 03.03.2025 um 10:00 schrieb Anne <a@x>:"
    r"Am\b.{0,250}?\bschrieb\b.{0,250}?:",
    # "Anne <a@x> wrote:" / "Anne <a@x> a écrit :" / "Anne <a@x> schreef:"
    r"\S.{0,200}?(<[^>\s]+@[^>\s]+>|\[mailto:[^\]]+\])\s*(wrote|a\s+[ée]crit|schreef|schrieb)\s*:",
]
_WROTE_RE = re.compile(r"^\s*(?:>\s*)*(?:" + "|".join(_WROTE_PATTERNS) + r")\s*$", re.IGNORECASE | re.DOTALL)

_SEPARATOR_RE = re.compile(
    r"^\s*(?:>\s*)*[-_=*\s]*("
    r"original message|message d'origine|message original|oorspronkelijk bericht|origineel bericht"
    r"|urspr[üu]ngliche nachricht|forwarded message|message transf[ée]r[ée]|doorgestuurd bericht"
    r"|weitergeleitete nachricht|begin forwarded message|d[ée]but du message r[ée]exp[ée]di[ée]"
    r"|begin doorgestuurd bericht|message r[ée]exp[ée]di[ée]"
    r")\s*:?\s*[-_=*\s]*$",
    re.IGNORECASE,
)
_UNDERSCORE_RULE_RE = re.compile(r"^\s*(?:>\s*)*_{20,}\s*$")

# Outlook-style header blocks in a reply: "From: / Sent:", "De : / Envoyé :", "Van: / Verzonden:".
_HDR_FROM = r"(?:from|de|van|von|exp[ée]diteur)"
_HDR_OTHER = (
    r"(?:sent|date|envoy[ée]|envoy[ée] le|verzonden|datum|gesendet|to|[àa]|aan|an|subject|objet|onderwerp|betreff|cc)"
)
_HDR_LINE_RE = re.compile(r"^\s*(?:>\s*)*\**\s*(" + _HDR_FROM + "|" + _HDR_OTHER + r")\s*\**\s*:", re.IGNORECASE)
_HDR_FROM_LINE_RE = re.compile(r"^\s*(?:>\s*)*\**\s*" + _HDR_FROM + r"\s*\**\s*:\s*\S", re.IGNORECASE)

_SIGNATURE_RE = re.compile(
    r"^(--\s?"
    r"|(sent|envoy[ée]|verzonden|verstuurd|gesendet) (from|de|depuis|met|van|vanaf|von) (my|mon|mijn|ma|meinem)\b.*"
    r"|get outlook for .*|obtenir outlook pour .*|outlook voor .* downloaden.*)$",
    re.IGNORECASE,
)


# Marker lines are short; longer lines are never tested, which also keeps the regular
# expressions linear on hostile input (a 100 kB line of dashes).
MAX_MARKER_LINE = 300


def _is_outlook_header(lines: list[str], index: int) -> bool:
    """A "From:" line followed by at least one more header line within the next few lines."""
    if len(lines[index]) > MAX_MARKER_LINE or not _HDR_FROM_LINE_RE.match(lines[index]):
        return False
    following = 0
    for line in lines[index + 1 : index + 6]:
        if not line.strip():
            continue
        if len(line) <= MAX_MARKER_LINE and _HDR_LINE_RE.match(line):
            following += 1
        else:
            break
    return following >= 1


def _wrote_header_at(lines: list[str], index: int) -> int:
    """Number of lines (1-3) that form an attribution line starting at `index`, or 0."""
    first = lines[index].strip()
    if (
        not first
        or len(first) > MAX_MARKER_LINE
        or not re.match(r"^(?:>\s*)*(on|le|op|am)\b|.*(<[^>\s]+@|\[mailto:)", first, re.IGNORECASE)
    ):
        return 0
    joined = first
    for extra in range(3):
        if _WROTE_RE.match(joined):
            return extra + 1
        if index + extra + 1 >= len(lines) or not lines[index + extra + 1].strip():
            return 0
        joined += " " + lines[index + extra + 1].strip()[:MAX_MARKER_LINE]
    return 0


def _quote_start(lines: list[str]) -> int | None:
    """Index of the first line of quoted history (attribution, separator, header block)."""
    for index, line in enumerate(lines):
        if len(line) > MAX_MARKER_LINE:
            continue
        if _SEPARATOR_RE.match(line) and re.search(r"[A-Za-z]", line):
            return index
        if _UNDERSCORE_RULE_RE.match(line):
            nxt = next((i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].strip()), None)
            if nxt is not None and _is_outlook_header(lines, nxt):
                return index
        if _is_outlook_header(lines, index):
            return index
        if _wrote_header_at(lines, index):
            return index
    return None


def fold_quoted(text: str) -> tuple[str, str]:
    """Split `text` into (what the sender wrote now, quoted history and signature).

    Nothing is thrown away: the two parts together hold every non-blank line of `text`.
    """
    if not text or not text.strip():
        return "", ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = len(lines)
    start = _quote_start(lines)
    if start is not None:
        cut = start
    for index in range(cut):
        if _SIGNATURE_RE.match(lines[index].rstrip()):
            cut = index
            break
    new_lines = lines[:cut]
    # A trailing run of "> " lines (with blanks) is quoted history too.
    end = len(new_lines)
    while end > 0 and (not new_lines[end - 1].strip() or new_lines[end - 1].lstrip().startswith(">")):
        end -= 1
    if any(line.lstrip().startswith(">") for line in new_lines[end:]):
        new_lines, folded_head = new_lines[:end], new_lines[end:]
    else:
        folded_head = []
    new = "\n".join(new_lines).strip("\n")
    folded = "\n".join(folded_head + lines[cut:]).strip("\n")
    if not new.strip() and folded.strip():
        # Bottom-posting: the answer is below the quote. Keep the lines that are not quoted.
        rest = lines[start + _wrote_header_at(lines, start) if start is not None else 0 :]
        answer = [line for line in rest if not line.lstrip().startswith(">")]
        sig = next((i for i, line in enumerate(answer) if line.rstrip() in {"--", "-- "}), None)
        if sig is not None:
            answer = answer[:sig]
        candidate = "\n".join(answer).strip("\n")
        if candidate.strip() and not _quote_start(answer):
            return candidate, "\n".join(line for line in lines if line not in answer or not line.strip()).strip("\n")
    return new.rstrip(), folded


# ---------------------------------------------------------------------------------------
# Forwards


@dataclass(frozen=True)
class ForwardedOriginal:
    """The message inside a forward: who first wrote it, when, and what."""

    from_: str
    from_email: str
    from_display_name: str
    subject: str
    date: datetime | None
    date_text: str
    text: str
    source: str  # "inline" (a marker in the body) or "attachment" (a message/rfc822 part)


FORWARD_SUBJECT_RE = re.compile(r"^\s*(\[[^\]]*\]\s*)?(fwd?|tr|trans|doorst|wg|rv|enc|fw)\s*:", re.IGNORECASE)
_FORWARD_ONLY_RE = re.compile(
    r"^\s*(?:>\s*)*[-_=*\s]*("
    r"forwarded message|message transf[ée]r[ée]|doorgestuurd bericht|weitergeleitete nachricht"
    r"|begin forwarded message|d[ée]but du message r[ée]exp[ée]di[ée]|begin doorgestuurd bericht"
    r"|message r[ée]exp[ée]di[ée]|forwarded by .*|doorgestuurd door .*|transf[ée]r[ée] par .*"
    r")\s*:?\s*[-_=*\s]*$",
    re.IGNORECASE,
)
_ORIGINAL_RE = re.compile(
    r"^\s*(?:>\s*)*[-_=*\s]*(original message|message d'origine|message original|oorspronkelijk bericht"
    r"|origineel bericht|urspr[üu]ngliche nachricht)\s*:?\s*[-_=*\s]*$",
    re.IGNORECASE,
)
_FIELD_RE = re.compile(r"^\s*(?:>\s*)*\**\s*([^\W\d][\w .'-]{0,20}?)\s*\**\s*:\s*\**\s*(.*)$", re.UNICODE)
_FIELD_NAMES = {
    "from": "from", "de": "from", "van": "from", "von": "from", "expéditeur": "from", "expediteur": "from",
    "subject": "subject", "objet": "subject", "sujet": "subject", "onderwerp": "subject", "betreff": "subject",
    "date": "date", "sent": "date", "envoyé": "date", "envoye": "date", "envoyé le": "date",
    "verzonden": "date", "datum": "date", "gesendet": "date",
    "to": "to", "à": "to", "a": "to", "pour": "to", "aan": "to", "an": "to", "cc": "cc",
    "reply-to": "reply_to", "répondre à": "reply_to",
}  # fmt: skip
_MAILTO_RE = re.compile(r"\[mailto:([^\]\s]+)\]|<mailto:([^>\s]+)>", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

_FR_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}  # fmt: skip
_NL_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTHS = {**_EN_MONTHS, **_NL_MONTHS, **_FR_MONTHS}


def parse_loose_date(value: str) -> datetime | None:
    """A date as mail clients print it in a quoted header, in fr/nl/en; None when unsure."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
        if parsed is not None:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    low = value.lower()
    day = month = year = None
    match = re.search(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b", low)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        match = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", low)
        if match:
            year, month, day = int(match[1]), int(match[2]), int(match[3])
        else:
            match = re.search(r"\b(\d{1,2})(?:er|st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{4})\b", low)
            if match and match[2] in _MONTHS:
                day, month, year = int(match[1]), _MONTHS[match[2]], int(match[3])
            else:
                match = re.search(r"\b([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b", low)
                if match and match[1] in _MONTHS:
                    day, month, year = int(match[2]), _MONTHS[match[1]], int(match[3])
    if not (day and month and year):
        return None
    hour = minute = 0
    clock = re.search(r"\b(\d{1,2})[:h.](\d{2})\b(?:\s*(am|pm))?", low[match.end() :] if match else low)
    if clock:
        hour, minute = int(clock[1]), int(clock[2])
        if clock[3] == "pm" and hour < 12:
            hour += 12
        if clock[3] == "am" and hour == 12:
            hour = 0
    try:
        return datetime(year, month, day, hour, minute, tzinfo=UTC)
    except ValueError:
        return None


def split_address(value: str) -> tuple[str, str]:
    """(display name, lower-cased e-mail) from a quoted "From:" value in any client's shape."""
    value = value.strip().strip("*").strip()
    mailto = _MAILTO_RE.search(value)
    if mailto:
        email = (mailto[1] or mailto[2]).strip()
        name = _MAILTO_RE.sub("", value).strip().strip('"').strip()
        return name, email.lower()
    try:
        pairs = getaddresses([value])
    except Exception:
        pairs = []
    for name, addr in pairs:
        if "@" in addr:
            return name.strip(), addr.strip().lower()
    found = _EMAIL_RE.search(value)
    if found:
        name = value.replace(found[0], "").strip(" <>\"'()")
        return name, found[0].lower()
    return value.strip('"').strip(), ""


def _unquote(lines: list[str]) -> list[str]:
    if lines and all(line.lstrip().startswith(">") or not line.strip() for line in lines):
        return [re.sub(r"^\s*> ?", "", line) for line in lines]
    return lines


def find_inline_forward(text: str, subject: str = "") -> ForwardedOriginal | None:
    """The original message of an inline forward in `text`, or None.

    Markers that only a forward uses ("Forwarded message", "Début du message réexpédié",
    "Doorgestuurd bericht"...) are trusted alone. Markers that a reply uses too ("Original
    Message", an Outlook "From: / Sent:" block) count only when the subject says forward.
    """
    if not text:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    is_fwd_subject = bool(FORWARD_SUBJECT_RE.match(subject or ""))
    start = None
    for index, line in enumerate(lines):
        if len(line) > MAX_MARKER_LINE:
            continue
        if _FORWARD_ONLY_RE.match(line) and re.search(r"[A-Za-z]", line):
            start = index + 1
            break
        if is_fwd_subject and _ORIGINAL_RE.match(line):
            start = index + 1
            break
        if is_fwd_subject and _is_outlook_header(lines, index):
            start = index
            break
    if start is None:
        return None
    fields: dict[str, str] = {}
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    last_key = None
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.strip() == ">":
            break
        match = _FIELD_RE.match(line[:MAX_MARKER_LINE])
        key = _FIELD_NAMES.get(match[1].strip().lower()) if match else None
        if key:
            fields.setdefault(key, match[2].strip())
            last_key = key
        elif last_key and line[:1] in " \t":
            fields[last_key] += " " + line.strip()
        else:
            break
        index += 1
    if "from" not in fields:
        return None
    body = _unquote(lines[index:])
    name, email = split_address(fields["from"])
    date_text = fields.get("date", "")
    return ForwardedOriginal(
        from_=fields["from"],
        from_email=email,
        from_display_name=name,
        subject=fields.get("subject", ""),
        date=parse_loose_date(date_text),
        date_text=date_text,
        text=tidy_text("\n".join(body)),
        source="inline",
    )
