"""Writing: records back to YAML text, in the canonical field order.

Text is double-quoted whenever a YAML 1.1 reader (PyYAML, editors, other
tools) could take it for something else, so a file written here means the
same thing to every tool: ``'0123'`` stays text, ``NO`` stays Norway.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from typing import Any, Final

import attrs

from .schema import (
    Count,
    Identifiers,
    ListOf,
    Nested,
    PartialDate,
    yaml_fields,
)


__all__ = ["dump", "scalar"]

# Plain scalars that are unambiguous text in every YAML version: a letter
# first, then letters, digits, spaces and a little punctuation, not a
# boolean or null word of YAML 1.1.
_PLAIN: Final = re.compile(
    r"^[A-Za-z][A-Za-z0-9 ._/()-]*[A-Za-z0-9.)]$|^[A-Za-z]$"
)
_AMBIGUOUS: Final = frozenset(
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null",
        "nan", "inf",
    }
)  # fmt: skip
_NOT_PRINTABLE: Final = re.compile(
    "[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def scalar(value: object) -> str:
    r"""One value as a YAML scalar.

    >>> print(scalar("Barnardo's"), scalar("NO"), scalar("216250"), scalar(11))
    "Barnardo's" "NO" "216250" 11
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.date, PartialDate)):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _AMBIGUOUS and len(text) > 2:
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    """*text* double-quoted, as YAML and JSON both read it."""
    quoted = json.dumps(text, ensure_ascii=False)
    # JSON leaves some characters YAML forbids unescaped (DEL, C1 controls).
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _lines(record: Any, indent: str) -> list[str]:
    out: list[str] = []
    for name, spec in yaml_fields(type(record)).items():
        value = getattr(record, name)
        default = attrs.fields_dict(type(record))[name].default
        if (
            value is None
            and isinstance(spec.type, Count)
            and spec.type.unknown_ok
        ):
            # A group of unknown size says so, as the docs write it: left
            # out, it reads as a count nobody looked for.
            out.append(f"{indent}{name}: unknown")
            continue
        if (
            value is None
            or value == ()
            or (value == default and not spec.required)
        ):
            continue
        if isinstance(spec.type, Identifiers):
            out.append(f"{indent}{name}:")
            # A registry number is always quoted, as fmt writes it: one that
            # looks like a word today may look like a number tomorrow.
            out.extend(
                f"{indent}  {scalar(k)}: {_quoted(v)}" for k, v in value
            )
        elif isinstance(spec.type, ListOf):
            out.append(f"{indent}{name}:")
            for item in value:
                if isinstance(spec.type.item, Nested):
                    inner = _lines(item, indent + "    ")
                    out.append(f"{indent}  - {inner[0].lstrip()}")
                    out.extend(inner[1:])
                else:
                    out.append(f"{indent}  - {scalar(item)}")
        elif isinstance(spec.type, Nested):
            out.append(f"{indent}{name}:")
            out.extend(_lines(value, indent + "  "))
        else:
            out.append(f"{indent}{name}: {scalar(value)}")
    return out


def dump(record: Any) -> str:
    """A record as the text of a YAML file of its own."""
    return "\n".join(_lines(record, "")) + "\n"
