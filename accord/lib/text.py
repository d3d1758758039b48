"""Cleaning text from outside (forms, e-mail headers, file names) before Accord stores or shows it.

Pure: no Django. Two kinds of characters never belong in what Accord keeps as text:
- NUL (U+0000): PostgreSQL refuses it in every text column (and in jsonb), and no person
  types it; it is removed from what the mail parser hands over (`without_nul`), refused by
  forms and answered 400 in addresses (`accord.core.middleware.NulCharacterMiddleware`).
- bidirectional and invisible direction controls (right-to-left override and its kin): in a
  name or a file name they reorder what the reader sees ("invoice\u202efdp.exe" shows as
  "invoiceexe.pdf"). Arabic or Hebrew letters carry their own direction and need none of
  them, so they are removed from names (`name_clean`) and file names (`documents.py`).
"""

from __future__ import annotations

import dataclasses
import re

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


def without_nul(value):
    """`value` with every NUL removed from its text: strings, lists, tuples, dicts, dataclasses.

    Bytes are left as they are (raw messages and attachment contents are bytes, kept whole).
    """
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    if isinstance(value, tuple):
        return tuple(without_nul(item) for item in value)
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: without_nul(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value
