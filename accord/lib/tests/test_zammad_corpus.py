"""Every message of the Zammad e-mail corpus parses, keeps its attachments, and agrees with
Zammad's expected sender, subject and body, except where listed below with the reason.

The corpus lives beside the checkout (../shared/corpora/zammad-mail/); see its README.
Each `mailNNN.box` is a raw message, each `mailNNN.yml` Zammad's expected parse.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from accord.lib.mailparse import ParsedMail, parse_message

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "zammad-mail"
BOXES = sorted(CORPUS.glob("*.box")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not BOXES, reason=f"Zammad mail corpus not found at {CORPUS}")

# Zammad's placeholder for a message with no text body. Accord leaves body_text empty.
NO_VISIBLE_CONTENT = "no visible content"

# ---------------------------------------------------------------------------------------
# Deliberate differences, per message. Each entry replaces Zammad's expectation for one
# field with Accord's value (asserted instead), and says why.
BETTER = {
    "mail018": {
        "subject": "Benachrichtung zum Übermittlungsstatus (Fehlgeschlagen)",
        "body_contains": "Benachrichtigung über den Zustellstatus",
        "why": "UTF-7 (unicode-1-1-utf-7) subject and body: Zammad leaves '+ANw-' escapes, we decode them",
    },
    "mail021": {
        "body_contains": "ащитаактивна",
        "why": "UTF-8 HTML spam with Cyrillic: Zammad's expectation holds mojibake ('Đ¸Đ˛Đ˝Đ°'), we "
        "read the declared UTF-8",
    },
    "mail025": {
        "body": "",
        "attachments": ["rulesets-report.csv"],
        "why": "a uuencoded file pasted in the text body: we extract it as an attachment, Zammad keeps the text",
    },
    "mail035": {
        "from_email": "finances8@firstfinanceloanfirm.example.com",
        "why": "From is a quoted string with no address; we take the address from Return-Path, "
        "Zammad keeps the quoted string as the 'address'",
    },
    "mail042": {
        "attachments": ["PGP MIME Versions Identification.txt", "encrypted.asc"],
        "why": "unnamed part: named from its Content-Description, Zammad calls it 'file'",
    },
    "mail046": {
        "from_display_name": "武兰成",
        "why": "raw GB2312 bytes in From: we read them with the charset the message declares, Zammad shows mojibake",
    },
    "mail053": {
        "from_email": "",
        "attachments": ["Delivery report.txt", "Undelivered Message Headers.txt"],
        "why": "From 'MAILER-DAEMON (Mail Delivery System)' has no address: from_email stays empty "
        "rather than a bare word; the unnamed headers part is named from its Content-Description",
    },
    "mail054": {
        "body_contains": "some text",
        "why": "a broken header fold (unindented base64 lines) ends Zammad's header block early; we "
        "re-attach the lines and read the body",
    },
    "mail060": {
        "body_contains": "Here it goes - äöü - 差出人",
        "why": "unknown charset label 'iso-gb2312' on UTF-8 text with stray Latin-1 bytes: we keep "
        "the UTF-8 and read the stray bytes as cp1252, Zammad shows mojibake",
    },
    "mail062": {
        "attachments": [
            "Video1.MOV",
            "Video2.MOV",
            "Video3.MOV",
            "attachment-3.html",
            "attachment-4.html",
            "image000.jpg",
            "image001.jpg",
            "video.mov",
            "video.mov",
        ],
        "why": "unnamed HTML parts get a generic name; two parts both called video.mov keep their "
        "name (Zammad renames the second video1.mov): storage, not the parser, makes names unique",
    },  # fmt: skip
    "mail064": {
        "attachments": ["Capture d’écran 2017-12-27 à 12.22.38.jpg"],
        "why": "file name in decomposed UTF-8: Zammad shows mojibake, we decode it",
    },
    "mail065": {
        "from_display_name": "Bürling, Andreas",
        "why": "an encoded word holding a comma: Zammad splits the address list inside it, we do not",
    },
    "mail072": {
        "body_contains": "Je vous contacte suite à ma commande du 14 août 2018",
        "why": "windows-1258 text: Zammad's expectation holds mojibake ('ŕ', 'aoűt'), ours the right letters",
    },
    "mail073": {
        "attachments": ["Bestellbestätigung_BK18052795.jpg", "Forex Platte ohne Wölbung.jpg"],
        "why": "RFC 2231 file name labelled us-ascii but holding Latin-1: we decode it, Zammad shows U+FFFD",
    },
    "mail076": {
        "from_email": '"millions lottery spain transfer"@example.com',
        "from_display_name": "",
        "why": "From is an addr-spec with a quoted local part and no display name; Zammad keeps the stray "
        "'>' and invents a display name",
    },
    "mail085": {
        "body_contains": "123 _____________________________________ 111",
        "attachments": [],
        "why": "Apple Mail splits one HTML body in two text/html parts around an attachment: we keep both "
        "in the body, Zammad turns the second one into document.html",
    },
    "mail087": {
        "from_email": "test@example.com",
        "from_display_name": "Test",
        "body_contains": "Sie haben soeben ein neues Fax",
        "attachments": ["fax_1234.pdf"],
        "why": "'From: Test test@example.com' without brackets: the last word is the address; the part "
        "without Content-Type is text/plain by RFC 2045, so it is the body, not an attachment 'file'",
    },
    "mail092": {
        "from_display_name": "MAILER-DAEMON (Mail Delivery System)",
        "why": "the comment is part of what the sender shows; Zammad drops it",
    },
    "mail100": {
        "attachments": ["ITN21A07-000089.jpg", "attachment-2.bin", "image.jpg"],
        "why": "unnamed application/others part: a generic name; Zammad uses the Content-ID's local part",
    },
    "mail102": {
        "attachments": [
            "Screen Shot 2018-12-17 at 09.00.38.png",
            "Screen Shot 2018-12-17 at 09.00.38.png",
            "documentation-todo.pdf",
        ],
        "why": "two attachments with the same name keep it (Zammad renames one '091.00.38.png')",
    },  # fmt: skip
    "mail105": {
        "body_contains": "äöüß ad asd",
        "why": "multipart/mixed whose boundary never comes: the quoted-printable text is the body, in the "
        "charset the Subject declares; Zammad shows no body",
    },
}

# The attachment data of these differs from Zammad's byte for byte, for the reason given;
# the comparison normalises as stated.
ATTACHMENT_DATA_NOTE = (
    "Attached messages (.eml) and text parts are compared with CRLF read as LF, trailing "
    "spaces on each line and blank lines at the ends ignored: Zammad stores them re-serialised, "
    "we keep the bytes of the part."
)


# ---------------------------------------------------------------------------------------


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    """safe_load plus Ruby's tags: hashes are plain mappings, !binary is base64."""


def _ruby(loader, _suffix, node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_Loader.add_multi_constructor("!ruby/", _ruby)
_Loader.add_constructor("!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node)))


def load_expected(box: Path) -> dict:
    with open(box.with_suffix(".yml"), encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def squash(text: str) -> str:
    """Compare text regardless of whitespace and of two look-alike angle brackets that HTML
    entity tables map differently (&lang; is U+2329 in HTML 4, U+27E8 in HTML 5)."""
    text = (text or "").replace("\u2329", "\u27e8").replace("\u232a", "\u27e9")
    return re.sub(r"\s+", "", text)


def html_text(html: str) -> str:
    if not html or not html.strip():
        return ""
    return lxml.html.fromstring(html).text_content()


def normalised(data: bytes) -> bytes:
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    return b"\n".join(line.rstrip() for line in lines).strip()


def body_of(parsed: ParsedMail, content_type: str) -> str:
    if content_type == "text/html" and parsed.body_html:
        return html_text(parsed.body_html)
    return parsed.body_text


@pytest.fixture(scope="module")
def parsed_cache() -> dict[str, tuple[ParsedMail, dict]]:
    return {}


def _parse(box: Path, cache: dict) -> tuple[ParsedMail, dict]:
    if box.stem not in cache:
        cache[box.stem] = (parse_message(box.read_bytes()), load_expected(box))
    return cache[box.stem]


@pytest.mark.parametrize("box", BOXES, ids=[b.stem for b in BOXES])
def test_message_matches_zammad(box: Path, parsed_cache):
    parsed, expected = _parse(box, parsed_cache)
    better = BETTER.get(box.stem, {})

    # Sender
    want_email = better.get("from_email", (expected.get("from_email") or "").lower())
    assert parsed.from_email == want_email
    want_name = better.get("from_display_name", expected.get("from_display_name") or "")
    assert parsed.from_display_name == want_name

    # Subject
    want_subject = better.get("subject", expected.get("subject") or "")
    assert squash(parsed.subject) == squash(want_subject)

    # Body: readable Unicode always; equal to Zammad's text where sensible.
    assert "\ufffd" not in parsed.body_text or box.stem in {"mail020", "mail021"}  # spam with binary junk
    if "body_contains" in better:
        assert squash(better["body_contains"]) in squash(parsed.body_text) + squash(html_text(parsed.body_html))
    elif "body" in better:
        assert squash(parsed.body_text) == squash(better["body"])
    else:
        content_type = expected.get("content_type") or "text/plain"
        want_body = expected.get("body") or ""
        if want_body.strip() == NO_VISIBLE_CONTENT:
            assert parsed.body_text == ""
        elif content_type == "text/html":
            assert squash(body_of(parsed, content_type)) == squash(html_text(want_body))
            assert parsed.body_text.strip(), "an HTML body also gets a readable text form"
        else:
            assert squash(parsed.body_text) == squash(want_body)


@pytest.mark.parametrize("box", BOXES, ids=[b.stem for b in BOXES])
def test_message_loses_no_attachment(box: Path, parsed_cache):
    parsed, expected = _parse(box, parsed_cache)
    better = BETTER.get(box.stem, {})
    wanted = []
    for item in expected.get("attachments") or []:
        preferences = item.get("preferences") or {}
        if preferences.get("content-alternative"):
            # Zammad also stores the HTML body as an attachment "message.html"; Accord keeps it
            # as body_html instead (sanitised), so it must be there.
            assert parsed.body_html, "the HTML body Zammad kept as message.html is in body_html"
            continue
        wanted.append(item)

    names = sorted(a.filename for a in parsed.attachments)
    assert names == sorted(better.get("attachments", [w["filename"] for w in wanted]))
    for attachment in parsed.attachments:
        assert attachment.size == len(attachment.content)

    if "attachments" in better:
        return
    by_name = {a.filename: a for a in parsed.attachments}
    for item in wanted:
        data = item.get("data") or b""
        data = data.encode("utf-8") if isinstance(data, str) else data
        ours = by_name[item["filename"]].content
        if isinstance(item.get("data"), str) or item["filename"].endswith(".eml"):
            assert normalised(ours) == normalised(data), ATTACHMENT_DATA_NOTE
        else:
            assert ours == data


def test_every_corpus_message_has_an_expectation():
    assert len(BOXES) == 106
    for box in BOXES:
        assert box.with_suffix(".yml").exists()
    assert set(BETTER) <= {b.stem for b in BOXES}
