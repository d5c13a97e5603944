"""Text made writable into the XML parts of .docx and .xlsx files: one rule for every writer.

XML 1.0 cannot carry the C0 controls other than tab, newline and carriage return, U+FFFE/U+FFFF or a
lone surrogate. Such characters arrive pasted from Word or a spreadsheet (a vertical tab is Word's line
break) into a hazard description or a progress report; written as they are, python-docx refuses the
text and the document page answers 500. They are removed before any part is written.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
T = TypeVar("T")


def xml_text(text: str) -> str:
    """The text without the characters XML 1.0 cannot carry."""
    return XML_ILLEGAL.sub("", text) if XML_ILLEGAL.search(text) else text


def xml_clean(value: T) -> T:
    """The same value with xml_text applied to every string inside it (through dataclasses, tuples, lists)."""
    cleaned: Any
    if isinstance(value, str):
        cleaned = xml_text(value)
    elif isinstance(value, tuple | list):
        cleaned = type(value)(xml_clean(v) for v in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: xml_clean(getattr(value, f.name)) for f in dataclasses.fields(value)}
        cleaned = dataclasses.replace(value, **changes)
    else:
        cleaned = value
    return cleaned  # type: ignore[no-any-return]
