"""Parse one raw e-mail into what Accord needs to file it: sender, threading, text, attachments.

Pure: no Django, no models. `parse_message(raw)` accepts any bytes a mailbox can hold and
returns a best-effort `ParsedMail`; only a message with nothing usable in it (empty input,
no header at all) raises `MailParseError`, and the caller keeps such a message raw.

The parse is built on the standard library's `email` package with the compat32 policy,
which never raises on malformed headers; every header is then decoded here, structure
first: addresses are split on the raw header before any encoded word is decoded, so an
encoded display name can never supply the sender's address.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextvars
import email
import email.header
import hashlib
import mimetypes
import quopri
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime

from accord.lib.mailtext import (
    FORWARD_SUBJECT_RE,
    ForwardedOriginal,
    detect_language,
    find_inline_forward,
    fold_quoted,
    html_to_text,
    sanitize_html,
    tidy_text,
)

__all__ = [
    "ForwardedOriginal",
    "MailAttachment",
    "MailParseError",
    "ParsedMail",
    "detect_language",
    "fold_quoted",
    "message_ids",
    "parse_message",
]


class MailParseError(Exception):
    """The message holds nothing that can be parsed; `reason` says why. Keep it raw."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class MailAttachment:
    filename: str
    content_type: str
    content: bytes = field(repr=False)
    size: int
    sha256: str
    inline: bool
    content_id: str  # without <>, "" if none


@dataclass(frozen=True)
class ParsedMail:
    from_: str
    from_email: str
    from_display_name: str
    to: list[str]
    cc: list[str]
    reply_to: list[str]
    delivered_to: list[str]
    subject: str
    date: datetime | None
    message_id: str
    has_message_id: bool
    in_reply_to: list[str]
    references: list[str]
    body_text: str
    body_html: str
    body_new_text: str
    language: str
    is_auto_reply: bool
    auto_reply_reason: str
    is_bounce: bool
    bounced_message_ids: list[str]
    forwarded: ForwardedOriginal | None
    attachments: list[MailAttachment]
    headers: dict[str, str]


# ---------------------------------------------------------------------------------------
# Charsets

# Labels seen in the wild mapped to the codec that reads them best (usually a superset).
_CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cn-gb": "gb18030", "euc-cn": "gb18030",
    "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949", "euc-kr": "cp949",
    "iso-2022-jp": "iso2022_jp_ext", "shift_jis": "cp932", "x-sjis": "cp932", "sjis": "cp932",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "ascii", "ascii": "ascii",
    "iso-8859-8-i": "iso-8859-8", "unicode-1-1-utf-7": "utf-7", "utf7": "utf-7", "x-unknown": "",
    "unknown-8bit": "", "unknown": "", "x-user-defined": "", "default": "", "_iso-2022-jp$esc": "iso2022_jp_ext",
    "x-mac-roman": "mac_roman", "macintosh": "mac_roman", "ansi_x3.4-1968": "ascii", "cp-850": "cp850",
    "utf8": "utf-8", "utf-8lite": "utf-8", "x-utf-8": "utf-8", "windows-874": "cp874", "tis-620": "cp874",
}  # fmt: skip
_SINGLE_BYTE_PREFIXES = ("iso-8859", "iso8859", "cp125", "windows-125", "latin", "ascii", "us-ascii", "cp1252")


def _codec(label: str | None) -> str:
    if not label:
        return ""
    label = str(label).strip().strip("\"'").lower()
    label = _CHARSET_ALIASES.get(label, label)
    if not label:
        return ""
    if not label.isascii() or not label.isprintable():
        return ""
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):
        return ""


def decode_bytes(data: bytes, declared: str | None = None, hint: str | None = None) -> str:
    """Text from bytes of uncertain charset: declared, then UTF-8, then a detector, then cp1252.

    A single-byte label on bytes that are valid UTF-8 (with non-ASCII in them) is the most
    common wrong label in the wild; UTF-8 wins then, as it cannot be valid by accident.
    """
    if not data:
        return ""
    codec = _codec(declared) or _codec(hint)
    is_ascii = data.isascii()
    for candidate in _FAMILIES.get(codec, ()):
        if candidate == "iso2022-via-cp932":
            text = _iso2022jp_via_cp932(data) if is_ascii else None
            if text is not None:
                return text
            continue
        if is_ascii and not candidate.startswith(("iso2022", "utf-7")):
            continue  # ASCII bytes "decode" in any of these: no evidence
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    if not is_ascii and (not codec or codec.startswith(_SINGLE_BYTE_PREFIXES) or codec in {"cp1252", "ascii"}):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if codec and not (codec == "ascii" and not is_ascii):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    if is_ascii:
        return data.decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    guessed = _guess_charset(data)
    if guessed:
        return data.decode(guessed, errors="replace")
    if codec:
        return data.decode(codec, errors="replace")
    return data.decode("cp1252", errors="replace")


# When a label fails, its relatives are tried before any guessing (ISO-2022-JP labels are
# often put on Shift_JIS text, GB2312 on GBK text...).
_JIS = ("iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_2", "iso2022-via-cp932", "cp932", "euc_jp")
_FAMILIES = {
    "iso2022_jp_ext": _JIS,
    "iso2022_jp": ("iso2022_jp", *_JIS),
    "iso2022_jp_2": ("iso2022_jp_2", *_JIS),
    "cp932": ("cp932", "euc_jp"),
    "euc_jp": ("euc_jp", "cp932"),
    "shift_jis": ("cp932", "euc_jp"),
    "utf-7": ("utf-7",),
    "big5": ("big5hkscs", "cp950"),
}


_ISO2022JP_ESC_RE = re.compile(rb"\x1b(\$@|\$B|\(B|\(J|\(I)")


def _iso2022jp_via_cp932(data: bytes) -> str | None:
    """ISO-2022-JP with Microsoft's extensions (circled digits, NEC row 13), which Python's
    codecs refuse: re-encode each JIS pair as Shift_JIS and read it as cp932."""
    out = bytearray()
    mode = b"(B"
    pos = 0
    for match in [*_ISO2022JP_ESC_RE.finditer(data), None]:
        end = match.start() if match else len(data)
        chunk = data[pos:end]
        if mode in (b"$@", b"$B"):
            if len(chunk.replace(b"\r", b"").replace(b"\n", b"")) % 2:
                return None
            chunk = chunk.replace(b"\r", b"").replace(b"\n", b"")
            for i in range(0, len(chunk), 2):
                j1, j2 = chunk[i], chunk[i + 1]
                s1 = ((j1 - 0x21) >> 1) + 0x81
                if s1 > 0x9F:
                    s1 += 0x40
                s2 = j2 + (0x1F + (1 if j2 >= 0x60 else 0) if j1 % 2 else 0x7E)
                out += bytes((s1 & 0xFF, s2 & 0xFF))
        elif mode == b"(I":
            out += bytes((b | 0x80) & 0xFF for b in chunk)
        else:
            out += chunk
        if match:
            mode = match[1]
            pos = match.end()
    try:
        return bytes(out).decode("cp932")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray single-byte characters (text pasted from two sources).

    Valid UTF-8 sequences are kept, each invalid byte is read as cp1252; used only when the
    valid multi-byte characters are at least as many as the invalid bytes.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in text if ord(ch) > 127 and not "\udc80" <= ch <= "\udcff")
    if not bad or good < bad:
        return None
    return re.sub(
        "[\udc80-\udcff]+",
        lambda m: m[0].encode("utf-8", "surrogateescape").decode("cp1252", errors="replace"),
        text,
    )


def _guess_charset(data: bytes) -> str:
    """charset-normalizer's guess, fed the lines that are not ASCII (the rest says nothing)."""
    sample = b"\n".join(line for line in data.splitlines() if not line.isascii())[:65536]
    if len(sample) < 8:
        return ""
    try:
        from charset_normalizer import from_bytes

        results = list(from_bytes(sample))
    except Exception:
        return ""
    if not results:
        return ""
    # Short CJK samples often tie between encodings; break ties in a fixed, likely order.
    tied = [r.encoding for r in results if r.chaos <= results[0].chaos and r.encoding]
    for preferred in _TIE_ORDER:
        if preferred in tied:
            return preferred
    return results[0].encoding or ""


_TIE_ORDER = ("utf_8", "cp1252", "gb18030", "big5", "cp932", "euc_jp", "cp949")


# ---------------------------------------------------------------------------------------
# Headers

# Lenient: some mailers leave spaces inside an encoded word; the word still ends at "?=".
_ENCODED_WORD_RE = re.compile(r"=\?([^?\s]+)\?([QqBb])\?(.*?)\?=")
_FOLD_RE = re.compile(r"\r?\n[ \t]*")


def _raw_header(msg: Message, name: str, *, all_values: bool = False) -> list[str]:
    """Raw header values (unfolded, 8-bit bytes kept as surrogates), never decoded."""
    lname = name.lower()
    values = [v for k, v in msg.raw_items() if k.lower() == lname]
    out = []
    for value in values:
        if not isinstance(value, str):
            value = str(value)
        out.append(_FOLD_RE.sub(" ", value).strip())
    return out if all_values else out[:1]


# The charset that raw 8-bit bytes in this message's headers are in (set for each parse).
_HEADER_CHARSET: contextvars.ContextVar[str | None] = contextvars.ContextVar("header_charset", default=None)
# The charset a part with no label is most likely in: the first one the message declares.
_BODY_HINT: contextvars.ContextVar[str | None] = contextvars.ContextVar("body_hint", default=None)


def _has_raw_bytes(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _raw_to_text(value: str, fallback_charset: str | None = None) -> str:
    """A header value with raw 8-bit bytes (kept as surrogates by the parser) as text."""
    if not _has_raw_bytes(value):
        return value
    return decode_bytes(value.encode("ascii", "surrogateescape"), fallback_charset or _HEADER_CHARSET.get())


def _declared_charsets(msg: Message) -> list[str]:
    """Codecs the message names anywhere (its parts, its encoded words), in order, no ASCII."""
    found: list[str] = []
    labels = [part.get_content_charset() for part in msg.walk()]
    labels += [m[1] for _k, v in msg.raw_items() for m in _ENCODED_WORD_RE.finditer(str(v))]
    for label in labels:
        codec = _codec(label)
        if codec and codec != "ascii" and codec not in found:
            found.append(codec)
    return found


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(("cp125", "iso8859", "latin", "mac", "cp8", "koi8", "cp1252"))


def _guess_header_charset(msg: Message, declared: list[str]) -> str | None:
    """The charset of raw 8-bit bytes in the headers: UTF-8 if valid, else one the message
    declares elsewhere (multi-byte ones first: they cannot decode by accident), else a guess."""
    raw = b"\n".join(str(v).encode("ascii", "surrogateescape") for _k, v in msg.raw_items() if _has_raw_bytes(str(v)))
    if not raw:
        return declared[0] if declared else None
    candidates = ["utf-8"]
    for codec in declared:
        if not _is_single_byte(codec):
            candidates += [c for c in (codec, *_FAMILIES.get(codec, ())) if c != "iso2022-via-cp932"]
    for codec in candidates:
        try:
            raw.decode(codec)
            return codec
        except (UnicodeDecodeError, LookupError):
            continue
    single = [c for c in declared if _is_single_byte(c)]
    return single[0] if single else (_guess_charset(raw) or "cp1252")


def _header_text(value: str, fallback_charset: str | None = None) -> str:
    """Decode raw 8-bit bytes and RFC 2047 encoded words in a header value."""
    if not value:
        return ""
    value = _raw_to_text(value, fallback_charset)
    if "=?" not in value:
        return value.strip()
    out: list[str] = []
    pos = 0
    previous_was_word = False
    for match in _ENCODED_WORD_RE.finditer(value):
        between = value[pos : match.start()]
        if not (previous_was_word and not between.strip()):
            out.append(between)
        out.append(_decode_word(match[1], match[2], match[3]))
        previous_was_word = True
        pos = match.end()
    out.append(value[pos:])
    return "".join(out).strip()


def _decode_word(charset: str, encoding: str, text: str) -> str:
    charset = charset.split("*", 1)[0]  # RFC 2231 language suffix: utf-8*fr
    try:
        if encoding.upper() == "B":
            padded = text + "=" * (-len(text) % 4)
            data = base64.b64decode(padded.encode("ascii", "ignore"), validate=False)
        else:
            data = quopri.decodestring(text.encode("ascii", "surrogateescape"), header=True)
    except (binascii.Error, ValueError, UnicodeError):
        return text
    return decode_bytes(data, charset)


_PLACEHOLDER = "xq{}encodedwordx"


def parse_addresses(raw_value: str, fallback_charset: str | None = None) -> list[tuple[str, str]]:
    """[(display name, address)] from a raw header value, structure first.

    Encoded words are swapped for inert atoms while the address list is split, so neither a
    comma nor an "<evil@x>" inside an encoded display name can change who the sender is.
    """
    if not raw_value:
        return []
    raw_value = _raw_to_text(raw_value, fallback_charset)
    words: list[str] = []

    def protect(match: re.Match) -> str:
        words.append(match[0])
        return _PLACEHOLDER.format(len(words) - 1)

    protected = _ENCODED_WORD_RE.sub(protect, raw_value)
    try:
        pairs = getaddresses([protected])
    except Exception:
        pairs = []
    result = []

    def restore(text: str, decode: bool) -> str:
        def put_back(match: re.Match) -> str:
            word = words[int(match[1])]
            return _header_text(word, fallback_charset) if decode else word

        # Decoding adjacent words: join them first so the whitespace between them goes.
        text = re.sub(r"(xq\d+encodedwordx)\s+(?=xq\d+encodedwordx)", r"\1", text)
        return re.sub(r"xq(\d+)encodedwordx", put_back, text)

    for name, addr in pairs:
        name = restore(name, decode=True).strip().strip('"').strip()
        if re.search(r"xq\d+encodedwordx", addr):
            # An encoded word is never an address (RFC 2047 section 5): it is display text.
            name = name or restore(addr, decode=True).strip()
            addr = ""
        addr = restore(addr, decode=False).strip()
        if "<" not in raw_value and '"' not in addr and " " in addr and "@" in addr.rsplit(" ", 1)[1]:
            # "From: Ann Smith ann@x.org", no brackets: the last word is the address
            extra, addr = addr.rsplit(" ", 1)
            name = name or extra
        if not name and not addr:
            continue
        result.append((name, addr))
    return result


def message_ids(header_value: str) -> list[str]:
    """Message-IDs in a Message-ID/In-Reply-To/References value, without <>, in order, unique."""
    if not header_value:
        return []
    value = _FOLD_RE.sub(" ", str(header_value))
    found = re.findall(r"<\s*([^<>\s]+?)\s*>", value)
    if not found:
        found = [token.strip("<>,;") for token in value.split() if "@" in token]
    seen: list[str] = []
    for item in found:
        if item and item not in seen:
            seen.append(item)
    return seen


def _parse_date(values: list[str]) -> datetime | None:
    for value in values:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        if parsed is None:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


# ---------------------------------------------------------------------------------------
# Parts


def _param(part: Message, name: str, header: str = "content-type") -> str:
    raw = _raw_header(part, header)
    if raw and _has_raw_bytes(raw[0]):
        # The parser mangles raw 8-bit parameter values: decode the header, then read it.
        decoded = Message()
        decoded[header] = _raw_to_text(raw[0])
        part = decoded
    try:
        value = part.get_param(name, header=header)
    except Exception:
        return ""
    if value is None:
        return ""
    if isinstance(value, tuple):  # RFC 2231: (charset, language, text)
        charset, _language, text = value
        raw = text.encode("latin-1", "surrogateescape") if isinstance(text, str) else bytes(text)
        try:
            from urllib.parse import unquote_to_bytes

            raw = unquote_to_bytes(raw)
        except Exception:
            pass
        return decode_bytes(raw, charset or "utf-8")
    return str(value)


def _filename(part: Message) -> str:
    name = _param(part, "filename", "content-disposition") or _param(part, "name")
    if not name:
        return ""
    return _header_text(name.strip().strip('"')).replace("\x00", "").strip()


def _content_type(part: Message) -> str:
    try:
        ctype = part.get_content_type()
    except Exception:
        return "application/octet-stream"
    return ctype or "application/octet-stream"


def _disposition(part: Message) -> str:
    value = part.get("content-disposition")
    return str(value).split(";", 1)[0].strip().lower() if value else ""


def _payload_bytes(part: Message) -> bytes:
    cte = str(part.get("content-transfer-encoding", "") or "").strip().lower()
    if cte in ("x-uuencode", "uuencode", "x-uue", "uue") and not part.is_multipart():
        raw = part.get_payload()
        if isinstance(raw, str) and not re.search(r"^begin [0-7]", raw, re.MULTILINE):
            # uuencoded lines without the "begin" line the stdlib needs
            return _uudecode_lines(raw.splitlines())
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if data is None:
        raw = part.get_payload()
        if isinstance(raw, str):
            data = raw.encode("ascii", "surrogateescape")
        elif isinstance(raw, list):
            data = _serialized_body(part)
        else:
            data = b""
    return data


_AS_IS = compat32.clone(max_line_length=0)


def _serialized_body(part: Message) -> bytes:
    """The body of a message/* part (an attached message, a delivery status) as it came:
    the generator is told not to re-fold, and the part's own headers are cut off."""
    try:
        data = part.as_bytes(policy=_AS_IS)
    except Exception:
        return b""
    end = re.search(rb"\r?\n\r?\n", data)
    return data[end.end() :] if end else b""


def _part_text(part: Message) -> str:
    return decode_bytes(_payload_bytes(part), part.get_content_charset() or _param(part, "charset"), _BODY_HINT.get())


_UU_BLOCK_RE = re.compile(r"^begin [0-7]{3,4} (?P<name>[^\r\n]+)\r?\n(?P<body>.*?)^end\s*$", re.MULTILINE | re.DOTALL)


def _uudecode_lines(lines: list[str]) -> bytes:
    data = bytearray()
    for line in lines:
        if not line.strip() or line.strip() in ("`", "end"):
            continue
        try:
            data += binascii.a2b_uu(line)
        except (binascii.Error, ValueError):
            try:  # some encoders pad lines badly: trust the length byte
                nbytes = (((ord(line[0]) - 32) & 63) * 4 + 5) // 3
                data += binascii.a2b_uu(line[:nbytes])
            except (binascii.Error, ValueError, IndexError):
                continue
    return bytes(data)


def _extract_uuencoded(text: str) -> tuple[str, list[tuple[str, bytes]]]:
    """Uuencoded files pasted in a text body (old mailers): (text without them, [(name, data)])."""
    if "begin " not in text:
        return text, []
    files = []

    def take(match: re.Match) -> str:
        files.append((match["name"].strip(), _uudecode_lines(match["body"].splitlines())))
        return ""

    return _UU_BLOCK_RE.sub(take, text), files


@dataclass
class _Collected:
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    attachments: list[MailAttachment] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)  # attached message/rfc822
    header_parts: list[Message] = field(default_factory=list)  # text/rfc822-headers
    delivery_status: list[str] = field(default_factory=list)
    report_type: str = ""


def _attachment(filename: str, ctype: str, data: bytes, *, inline: bool, content_id: str) -> MailAttachment:
    return MailAttachment(
        filename=filename,
        content_type=ctype,
        content=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        inline=inline,
        content_id=content_id,
    )


def _default_name(part: Message, ctype: str, index: int) -> str:
    """A name for an unnamed part: from its Content-Location, Content-ID, description or type."""
    description = _header_text(" ".join(_raw_header(part, "content-description")))
    description = re.sub(r"[\\/\x00-\x1f]+", " ", description).strip()
    if ctype in ("message/rfc822", "message/global"):
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else None
        subject = ""
        if isinstance(inner, Message):
            subject = _header_text(" ".join(_raw_header(inner, "subject")))
            subject = re.sub(r"[\\/\x00-\x1f]+", " ", subject).strip()
        return f"{subject or description or 'message'}.eml"
    ext = (
        {
            "message/delivery-status": ".txt",
            "text/rfc822-headers": ".txt",
            "text/plain": ".txt",
            "application/pgp-encrypted": ".txt",
            "image/jpg": ".jpg",
        }.get(ctype)
        or mimetypes.guess_extension(ctype)
        or ".bin"
    )
    location = " ".join(_raw_header(part, "content-location")).rsplit("/", 1)[-1]
    if re.match(r"^[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,4}$", location):
        return location
    for content_id in message_ids(" ".join(_raw_header(part, "content-id"))):
        local = content_id.split("@", 1)[0]
        if re.match(r"^[\w.-]+\.[A-Za-z][A-Za-z0-9]{0,4}$", local):
            return local
    maintype = ctype.split("/", 1)[0]
    if maintype in ("image", "audio", "video"):
        return maintype + ext
    if description and len(description) <= 80:
        return description + ("" if description.lower().endswith(ext) else ext)
    base = {"message/delivery-status": "delivery-status", "text/rfc822-headers": "rfc822-headers"}.get(ctype)
    return f"{base or f'attachment-{index}'}{ext}"


def _keep_as_attachment(part: Message, out: _Collected, *, inline: bool = False) -> None:
    ctype = _content_type(part)
    if ctype in ("message/rfc822", "message/global"):
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else None
        if isinstance(inner, Message):
            out.messages.append(inner)
    data = _payload_bytes(part)
    # NFC: macOS sends decomposed names ("e" + combining accent); store them composed.
    filename = unicodedata.normalize("NFC", _filename(part) or _default_name(part, ctype, len(out.attachments) + 1))
    content_id = "".join(message_ids(str(part.get("content-id", "") or ""))[:1])
    out.attachments.append(_attachment(filename, ctype, data, inline=inline, content_id=content_id))


def _is_body_text(part: Message, ctype: str) -> bool:
    if ctype not in ("text/plain", "text/html"):
        return False
    disposition = _disposition(part)
    if disposition == "attachment":
        return False
    return not (disposition == "inline" and _filename(part) and ctype == "text/plain" and part.get("content-id"))


def _walk(part: Message, out: _Collected, depth: int = 0) -> None:
    if depth > 40:
        return
    ctype = _content_type(part)
    maintype = ctype.split("/", 1)[0]
    if maintype == "multipart" and not part.is_multipart():
        # A multipart whose boundary never comes: what is there is the text.
        text = _part_text(part)
        if text.strip():
            out.texts.append(text)
        return
    if part.is_multipart() and maintype == "multipart":
        children = [p for p in (part.get_payload() or []) if isinstance(p, Message)]
        subtype = ctype.split("/", 1)[1]
        if subtype == "alternative":
            _walk_alternative(children, out, depth)
        elif subtype == "report":
            out.report_type = (_param(part, "report-type") or "").lower()
            for child in children:
                _walk(child, out, depth + 1)
        elif subtype == "encrypted":
            for child in children:
                _keep_as_attachment(child, out)
        elif subtype == "signed":
            for index, child in enumerate(children):
                if index == 0:
                    _walk(child, out, depth + 1)
                else:
                    _keep_as_attachment(child, out)
        elif subtype == "related":
            root = children[0] if children else None
            start = _param(part, "start")
            if start:
                root = next((c for c in children if start.strip("<>") in str(c.get("content-id", ""))), root)
            for child in children:
                if child is root:
                    _walk(child, out, depth + 1)
                else:
                    _keep_as_attachment(child, out, inline=True)
        else:
            for child in children:
                _walk(child, out, depth + 1)
        return
    if ctype == "message/delivery-status":
        out.delivery_status.append(decode_bytes(_payload_bytes(part), "utf-8"))
        _keep_as_attachment(part, out)
        return
    if ctype == "text/rfc822-headers":
        try:
            out.header_parts.append(email.message_from_bytes(_payload_bytes(part), policy=compat32))
        except Exception:
            pass
        _keep_as_attachment(part, out)
        return
    if _is_body_text(part, ctype):
        text = _part_text(part)
        if ctype == "text/html":
            out.htmls.append(text)
            out.texts.append(html_to_text(text))
        else:
            text, files = _extract_uuencoded(text)
            out.texts.append(text)
            for name, data in files:
                ftype = mimetypes.guess_type(name)[0] or "application/octet-stream"
                out.attachments.append(_attachment(name, ftype, data, inline=False, content_id=""))
        return
    inline = _disposition(part) == "inline" or (bool(part.get("content-id")) and _disposition(part) != "attachment")
    _keep_as_attachment(part, out, inline=inline and maintype == "image")


def _walk_alternative(children: list[Message], out: _Collected, depth: int) -> None:
    """Keep the best plain text and the best HTML of the alternatives; other parts are attachments."""
    plain = html = None
    for child in children:
        ctype = _content_type(child)
        if ctype == "text/plain" and _disposition(child) != "attachment":
            plain = child
        elif ctype == "text/html" and _disposition(child) != "attachment":
            html = child
        elif ctype.startswith("multipart/"):
            html = child  # usually multipart/related holding the HTML and its images
    sub = _Collected()
    if html is not None:
        _walk(html, sub, depth + 1)
    html_texts = sub.texts
    if plain is not None:
        text = _part_text(plain)
        text, files = _extract_uuencoded(text)
        for name, data in files:
            ftype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            out.attachments.append(_attachment(name, ftype, data, inline=False, content_id=""))
        out.texts.append(text if text.strip() or not html_texts else "\n".join(html_texts))
    else:
        out.texts.extend(html_texts)
    out.htmls.extend(sub.htmls)
    out.attachments.extend(sub.attachments)
    out.messages.extend(sub.messages)
    for child in children:
        ctype = _content_type(child)
        if child is plain or child is html:
            continue
        if ctype in ("text/plain", "text/html") and _disposition(child) != "attachment":
            continue  # a second rendering of the same body
        _walk(child, out, depth + 1)


# ---------------------------------------------------------------------------------------
# Auto-replies and bounces

_AUTO_SUBJECT_RE = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)?("
    r"out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response|respond(er)?)|autoreply"
    r"|(absence|absent|afwezig|abwesend|away|vacation|cong[ée]s?|vakantie)\s*(:|-|\(|$|du bureau|tot|until|jusqu)"
    r"|r[ée]ponse automatique|message d.absence|automatisch antwoord|automatische? (antwoord|antwort|reply)"
    r"|afwezigheidsbericht|buiten kantoor|niet op kantoor|abwesenheitsnotiz|i am (currently )?(out of|away)"
    r")",
    re.IGNORECASE,
)
_BOUNCE_SUBJECT_RE = re.compile(
    r"(undeliver(ed|able)|delivery (status notification|failure|has failed)|mail delivery (failed|failure)"
    r"|returned mail|failure notice|non remis|non distribu|[ée]chec de (la )?remise|onbestelbaar"
    r"|niet (afgeleverd|bezorgd)|unzustellbar|nicht zustellbar|message not delivered)",
    re.IGNORECASE,
)
_DAEMON_RE = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)\b", re.IGNORECASE)


def _auto_reply_reason(msg: Message, subject: str, from_email: str, collected: _Collected) -> str:
    def header(name: str) -> str:
        return " ".join(_raw_header(msg, name)).strip().lower()

    auto_submitted = header("auto-submitted")
    if auto_submitted and auto_submitted.split(";", 1)[0].strip() != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = header("precedence") or header("x-precedence")
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"Precedence: {precedence}"
    for name in ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autogenerated", "x-mail-autoreply"):
        value = header(name)
        if value and value not in ("no", "false", "0"):
            return f"{name}: {value}"
    suppress = header("x-auto-response-suppress")
    if suppress and re.search(r"\b(all|oof)\b", suppress):
        return f"X-Auto-Response-Suppress: {suppress}"
    if _content_type(msg) == "multipart/report" or collected.report_type:
        return f"multipart/report ({collected.report_type or 'report'})"
    if header("list-id") or header("list-unsubscribe"):
        return "mailing list (List-Id/List-Unsubscribe)"
    if _AUTO_SUBJECT_RE.search(subject or ""):
        return f"subject: {subject.strip()[:80]}"
    if header("return-path") == "<>":
        return "null Return-Path"
    if _DAEMON_RE.match(from_email):
        return f"sender {from_email}"
    return ""


def _bounce(msg: Message, subject: str, from_email: str, collected: _Collected) -> tuple[bool, list[str]]:
    is_report = collected.report_type == "delivery-status" or bool(collected.delivery_status)
    actions = re.findall(r"^action:\s*(\w+)", "\n".join(collected.delivery_status), re.IGNORECASE | re.MULTILINE)
    if is_report and actions and all(a.lower() in ("delayed", "delivered", "relayed", "expanded") for a in actions):
        return False, []  # a delay warning or a success notice: not a failure
    by_shape = bool(_DAEMON_RE.match(from_email) or _DAEMON_RE.match(from_email.split("@")[0] if from_email else ""))
    if not (is_report or (by_shape and _BOUNCE_SUBJECT_RE.search(subject or ""))):
        return False, []
    ids: list[str] = []
    for inner in collected.messages + collected.header_parts:
        ids += message_ids(" ".join(_raw_header(inner, "message-id")))
    if not ids:
        ids = (
            message_ids(" ".join(_raw_header(msg, "in-reply-to")))
            or message_ids(" ".join(_raw_header(msg, "references")))[-1:]
        )
    if not ids:
        found = re.search(r"^message-id:\s*(<[^>]+>)", "\n".join(collected.texts), re.IGNORECASE | re.MULTILINE)
        ids = message_ids(found[1]) if found else []
    return True, list(dict.fromkeys(ids))


# ---------------------------------------------------------------------------------------
# The parse

_DEBUG_HEADERS = (
    "From", "Sender", "Reply-To", "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "Return-Path",
    "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Content-Type", "Content-Transfer-Encoding",
    "Auto-Submitted", "Precedence", "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", "List-Id",
    "List-Unsubscribe", "X-Mailer", "User-Agent", "X-Spam-Flag",
)  # fmt: skip
_DELIVERED_HEADERS = ("delivered-to", "x-original-to", "envelope-to", "x-envelope-to", "x-delivered-to", "x-rcpt-to")


def _format_address(name: str, addr: str) -> str:
    if name and addr:
        quoted = f'"{name}"' if re.search(r'[,;:<>@()\[\]"\\.]', name) else name
        return f"{quoted} <{addr}>"
    return addr or name


def _strip_mbox_line(raw: bytes) -> bytes:
    raw = raw.lstrip(b"\r\n\t ")
    if raw.startswith(b"From ") and b"\n" in raw[:1000]:
        first, rest = raw.split(b"\n", 1)
        if b":" not in first.split(b" ", 2)[1]:  # "From addr date", not "From: x"
            return rest
    return raw


def _first_address(msg: Message, charset: str | None) -> tuple[str, str, str]:
    """(from as decoded, address, display name): the first From with an address in it, else
    Sender, Reply-To, Return-Path (name and address always from the same header)."""
    for header in ("from", "sender", "reply-to", "return-path"):
        for raw_value in _raw_header(msg, header, all_values=True):
            pairs = [(n, a) for n, a in parse_addresses(raw_value, charset) if "@" in a]
            if pairs:
                name, addr = pairs[0]
                return _format_address(name, addr), addr, name
    # No address anywhere: keep what From shows ("MAILER-DAEMON (Mail Delivery System)").
    raw_values = _raw_header(msg, "from")
    if not raw_values:
        return "", "", ""
    pairs = parse_addresses(raw_values[0], charset)
    name = pairs[0][0] if pairs else ""
    return _header_text(raw_values[0], charset), (pairs[0][1] if pairs else ""), name


_HEADER_LINE_RE = re.compile(rb"^[!-9;-~]+[ \t]*:")


def _repair_headers(raw: bytes) -> bytes:
    """Fix header blocks broken by careless mailers before the parser sees them.

    A header line that is neither "Name: value" nor indented (a folded value whose
    indentation was lost, a stray banner line) would end the header block early and push
    Subject, From... into the body. Such a line is re-attached to the header above it, or
    dropped when it comes first.
    """
    end = re.search(rb"\r?\n\r?\n", raw)
    head, rest = (raw[: end.start()], raw[end.start() :]) if end else (raw, b"")
    lines = re.split(rb"(?<=\n)", head)
    if all(_HEADER_LINE_RE.match(line) or line[:1] in (b" ", b"\t") for line in lines if line.strip()):
        return raw
    fixed: list[bytes] = []
    for line in lines:
        if not line.strip():
            continue
        if _HEADER_LINE_RE.match(line) or line[:1] in (b" ", b"\t"):
            fixed.append(line)
        elif fixed:
            fixed.append(b" " + line)
    if not fixed:
        return raw
    return b"".join(fixed).rstrip(b"\r\n") + rest


def _addresses(msg: Message, names: tuple[str, ...], charset: str | None) -> list[str]:
    out: list[str] = []
    for name in names:
        for raw_value in _raw_header(msg, name, all_values=True):
            for _display, addr in parse_addresses(raw_value, charset):
                if "@" in addr and addr.lower() not in out:
                    out.append(addr.lower())
    return out


def _body_charset(msg: Message) -> str | None:
    for part in msg.walk():
        charset = part.get_content_charset()
        if charset and _codec(charset) not in ("", "ascii"):
            return charset
    return None


def _forward_from_message(inner: Message) -> ForwardedOriginal:
    charset = _body_charset(inner)
    shown, addr, name = _first_address(inner, charset)
    sub = _Collected()
    _walk(inner, sub)
    return ForwardedOriginal(
        from_=shown,
        from_email=addr.lower(),
        from_display_name=name,
        subject=_header_text(" ".join(_raw_header(inner, "subject")), charset),
        date=_parse_date(_raw_header(inner, "date")),
        date_text=_header_text(" ".join(_raw_header(inner, "date"))),
        text=tidy_text("\n\n".join(t for t in sub.texts if t.strip())),
        source="attachment",
    )


def parse_message(raw: bytes) -> ParsedMail:
    """Parse raw RFC 5322 bytes. Best effort always; MailParseError only when hopeless."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise MailParseError(f"not bytes: {type(raw).__name__}")
    raw = bytes(raw)
    if not raw.strip():
        raise MailParseError("empty message")
    try:
        return _parse(raw)
    except MailParseError:
        raise
    except Exception as exc:  # a bug or a message beyond repair: say why, the caller keeps it raw
        raise MailParseError(f"{type(exc).__name__}: {exc}") from exc


def _parse(raw: bytes) -> ParsedMail:
    msg = email.message_from_bytes(_repair_headers(_strip_mbox_line(raw)), policy=compat32)
    if not msg.keys():
        raise MailParseError("no header found")
    declared = _declared_charsets(msg)
    charset = _guess_header_charset(msg, declared)
    token = _HEADER_CHARSET.set(charset)
    hint_token = _BODY_HINT.set(declared[0] if declared else None)
    try:
        return _parse_parts(raw, msg, charset)
    finally:
        _HEADER_CHARSET.reset(token)
        _BODY_HINT.reset(hint_token)


def _parse_parts(raw: bytes, msg: Message, charset: str | None) -> ParsedMail:

    from_, from_email, from_display_name = _first_address(msg, charset)
    subject = _header_text(" ".join(_raw_header(msg, "subject")), charset)

    collected = _Collected()
    if msg.is_multipart() or _content_type(msg).startswith("multipart/"):
        _walk(msg, collected)
    elif _content_type(msg) in ("text/plain", "text/html") or not msg.get("content-type"):
        _walk(msg, collected)
    elif _content_type(msg) in ("message/rfc822", "message/delivery-status", "text/rfc822-headers"):
        _walk(msg, collected)
    else:
        # The whole message is one file (a PDF, an image, a p7m): keep it, with no body.
        _keep_as_attachment(msg, collected, inline=False)

    html = "\n".join(h for h in collected.htmls if h.strip())
    body_html = sanitize_html(html) if html else ""
    body_text = tidy_text("\n\n".join(t for t in collected.texts if t and t.strip()))
    new_text, _folded = fold_quoted(body_text)

    ids = message_ids(" ".join(_raw_header(msg, "message-id")))
    has_message_id = bool(ids)
    message_id = ids[0] if ids else "sha256:" + hashlib.sha256(raw).hexdigest()

    is_bounce, bounced_ids = _bounce(msg, subject, from_email.lower(), collected)
    reason = _auto_reply_reason(msg, subject, from_email.lower(), collected)
    if is_bounce and not reason:
        reason = "delivery failure report"

    forwarded = None
    if not is_bounce and not reason:
        forwarded = find_inline_forward(body_text, subject)
        if forwarded is None and collected.messages and (FORWARD_SUBJECT_RE.match(subject) or len(new_text) < 400):
            forwarded = _forward_from_message(collected.messages[0])

    language = detect_language(f"{_strip_prefixes(subject)}\n{new_text or body_text}")

    headers = {}
    for name in _DEBUG_HEADERS:
        values = _raw_header(msg, name)
        if values:
            headers[name] = _header_text(values[0], charset)[:2000]

    return ParsedMail(
        from_=from_,
        from_email=from_email.strip().lower() if "@" in from_email else "",
        from_display_name=from_display_name,
        to=_addresses(msg, ("to",), charset),
        cc=_addresses(msg, ("cc",), charset),
        reply_to=_addresses(msg, ("reply-to",), charset),
        delivered_to=_addresses(msg, _DELIVERED_HEADERS, charset),
        subject=subject,
        date=_parse_date(_raw_header(msg, "date")) or _received_date(msg),
        message_id=message_id,
        has_message_id=has_message_id,
        in_reply_to=message_ids(" ".join(_raw_header(msg, "in-reply-to"))),
        references=message_ids(" ".join(_raw_header(msg, "references"))),
        body_text=body_text,
        body_html=body_html,
        body_new_text=new_text,
        language=language,
        is_auto_reply=bool(reason),
        auto_reply_reason=reason,
        is_bounce=is_bounce,
        bounced_message_ids=bounced_ids,
        forwarded=forwarded,
        attachments=collected.attachments,
        headers=headers,
    )


def _received_date(msg: Message) -> datetime | None:
    for value in _raw_header(msg, "received", all_values=True):
        if ";" in value:
            parsed = _parse_date([value.rsplit(";", 1)[1].strip()])
            if parsed:
                return parsed
    return None


_PREFIX_RE = re.compile(r"^\s*((re|fwd?|tr|aw|wg|antw|doorst|rv|sv)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def _strip_prefixes(subject: str) -> str:
    return _PREFIX_RE.sub("", subject or "")
