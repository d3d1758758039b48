"""An incoming message as staff download it: as it arrived, with the members' secrets masked.

A member's reply quotes Accord's e-mail, so its raw bytes hold the member's private link and the
case's reply address (in To/Delivered-To and in the quoted text, often quoted-printable or base64
encoded, where a search of the bytes cannot see them). Staff never get those (cases/links.py says
why), so the message is decoded part by part, masked with `links.secrets_mask` and re-encoded; a
message holding neither is served byte for byte as it arrived.
"""

import email
import logging
from email import policy

from accord.cases.links import secrets_mask

logger = logging.getLogger(__name__)

# In the bytes themselves (a part the parser could not decode), an ASCII mask: the bytes stay ASCII.
_BYTES_MASK = "****"


def _mask_headers(part) -> bool:
    changed = False
    for name in dict.fromkeys(part.keys()):
        values = [str(value) for value in part.get_all(name, [])]
        masked = [secrets_mask(value) for value in values]
        if masked != values:
            del part[name]
            for value in masked:
                part[name] = value
            changed = True
    return changed


def _mask_body(part) -> bool:
    if part.is_multipart() or part.get_content_maintype() != "text":
        return False
    try:
        text = part.get_content()
    except (LookupError, ValueError, AssertionError):
        return False
    masked = secrets_mask(text)
    if masked == text:
        return False
    part.set_content(masked, subtype=part.get_content_subtype(), charset="utf-8")
    return True


def inbound_raw_for_staff(raw: bytes) -> bytes:
    result = raw
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        changed = False
        for part in message.walk():
            changed = _mask_headers(part) | changed
            changed = _mask_body(part) | changed
        if changed:
            result = message.as_bytes()
    except Exception:  # noqa: BLE001 - a message the library cannot rewrite is still masked below
        logger.warning("raw message could not be re-encoded for masking; masking its bytes only", exc_info=True)
    # Whatever the parser missed (an undecodable part, a header it could not rewrite).
    text = result.decode("latin-1")
    masked = secrets_mask(text, mask=_BYTES_MASK)
    return masked.encode("latin-1") if masked != text else result
