"""Header, address and charset decoding for incoming mail (the lower layer of `accord.lib.mailparse`).

Pure: no Django, no models. Charsets: `decode_bytes` reads bytes of uncertain charset
(declared label, its relatives, UTF-8, a detector, cp1252). Headers: raw header values are
read unfolded and never pre-decoded; addresses are split on the raw header before any
encoded word is decoded (`parse_addresses`), so an encoded display name can never supply
the sender's address. Also Message-ID lists (`message_ids`) and dates.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextvars
import quopri
import re
from datetime import UTC, datetime
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

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
