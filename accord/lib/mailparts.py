"""MIME parts of an incoming mail: walking the tree, decoding bodies, keeping attachments.

Pure: no Django, no models. `_walk` collects a message's text and HTML bodies, attachments,
attached messages and delivery reports into a `_Collected`, for `accord.lib.mailparse` to
build its `ParsedMail` from; `MailAttachment` is the file it keeps for each attachment.
Headers and charsets are decoded by `accord.lib.mailheaders`.
"""

from __future__ import annotations

import binascii
import email
import hashlib
import mimetypes
import re
import unicodedata
from dataclasses import dataclass, field
from email.message import Message
from email.policy import compat32

from accord.lib.mailheaders import (
    _BODY_HINT,
    _has_raw_bytes,
    _header_text,
    _raw_header,
    _raw_to_text,
    decode_bytes,
    message_ids,
)
from accord.lib.mailtext import html_to_text


@dataclass(frozen=True)
class MailAttachment:
    filename: str
    content_type: str
    content: bytes = field(repr=False)
    size: int
    sha256: str
    inline: bool
    content_id: str  # without <>, "" if none


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
