"""Cleaning text from outside (forms, e-mail headers, file names) before Accord stores or shows it.

Pure: no Django. Two kinds of characters never belong in what Accord keeps as text:
- NUL (U+0000): PostgreSQL refuses it in every text column (and in jsonb), and no person
  types it; it is removed from what the mail parser hands over (`storable`), refused by
  forms and answered 400 in addresses (`accord.core.middleware.NulCharacterMiddleware`).
  Likewise lone surrogates (raw 8-bit bytes the parser kept as "surrogateescape", e.g. in a
  Message-ID): no database driver can encode them; `storable` decodes them as UTF-8 (U+FFFD
  for what is not).
- bidirectional and invisible direction controls (right-to-left override and its kin): in a
  name or a file name they reorder what the reader sees ("invoice\u202efdp.exe" shows as
  "invoiceexe.pdf"). Arabic or Hebrew letters carry their own direction and need none of
  them, so they are removed from names (`name_clean`) and file names (`documents.py`).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

NUL = "\x00"
# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, ALM.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")


def bidi_strip(text: str) -> str:
    """The text without bidirectional controls."""
    return _BIDI_RE.sub("", text or "")


def name_clean(text: str) -> str:
    """A person's name as Accord keeps and shows it: no NUL, no bidi controls (the rest as written)."""
    return bidi_strip(text).replace(NUL, "")


def _storable_str(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: raw bytes kept by "surrogateescape", or worse
        try:
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:
            text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace(NUL, "")


def storable(value):
    """`value` with text any database stores: no NUL, no lone surrogate. Strings, lists, tuples,
    dicts and dataclasses are cleaned throughout.

    Bytes are left as they are (raw messages and attachment contents are bytes, kept whole).
    """
    if isinstance(value, str):
        return _storable_str(value)
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, tuple):
        return tuple(storable(item) for item in value)
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: storable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def folded(text: str) -> str:
    """`text` for an accent- and case-insensitive search: "Lefèvre", "LEFEVRE" and "lefevre" fold alike
    (decomposed, combining marks dropped, case folded; "ß" → "ss", "Œ" stays "œ")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
