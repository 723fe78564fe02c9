"""Field types: how one YAML value becomes one typed Python value.

Each record field in :mod:`coalition_registry.model` names its type here
in its attrs metadata.  A type converts raw text (everything arrives as text:
see :mod:`coalition_registry.parsing`) and reports problems; it also describes
itself, so the documentation and the JSON Schema come from the same place
as the checks and cannot drift from them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import re
import time
import unicodedata

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Final, TypeAlias, TypeVar
from urllib.parse import unquote, unquote_plus, urlsplit

import attrs

from . import countries
from ._pickle import by_fields
from .parsing import DROPPED, Document, EmptyBlock, Pos, YMap, YSeq
from .problems import Location, Positions, Problem


__all__ = [
    "INVALID",
    "Context",
    "FieldSpec",
    "FieldType",
    "spec_of",
]

#: Returned by a conversion that failed (a problem has been reported).
INVALID: Final = object()

SLUG: Final = re.compile(r"^[a-z0-9]+(?:--?[a-z0-9]+)*$")
#: The longest id.  A signature's id holds its letter's and its
#: signatory's, and a file is named after it (at most 255 bytes): so twice
#: this, and the two hyphens between, must fit in a file's name.
MAX_ID_LENGTH: Final = 120
# ASCII digits only: \d takes in other scripts' digits too (full-width).
_DATE: Final = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INT: Final = re.compile(r"^[0-9]+$")
#: A figure a source gives as a range: "40-50", "1,000 to 1,500"; whole
#: numbers only, grouped in thousands or not.
_RANGE: Final = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:-|\u2013|\u2014|to)\s*"
    r"(\d{1,3}(?:,\d{3})+|\d+)"
)
#: A figure with thousands separators: 1,200, 1.200, 1 200.
_GROUPED: Final = re.compile(r"[0-9]{1,3}(?:[,.\u00a0\u202f ][0-9]{3})+")
#: A figure given as a bound or an estimate: 100+, over 1,000, ~50.
_BOUND: Final = re.compile(
    r"(?P<over>(?:>|≥|over|more than|at least)\s*)?"
    r"(?P<under>(?:<|≤|up to|under|at most|fewer than|less than)\s*)?"
    r"(?P<about>(?:~|c\.|ca\.?|approx\.?|about|around|some)\s*)?"
    r"(?P<n>[0-9]{1,3}(?:[,.\u00a0\u202f ][0-9]{3})+|[0-9]+)"
    r"\s*(?P<plus>\+)?",
    re.IGNORECASE,
)
#: Unknown fields reported one by one in a record before a summary line.
_MAX_UNKNOWN: Final = 20
_SPACE: Final = re.compile(r"\s")
_SCHEME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")

# Invisible and bidirectional control characters: they make two names
# look alike, or reverse how a line is displayed (CVE-2021-42574).
# Blank-looking letters and symbols (HANGUL FILLER, BRAILLE PATTERN BLANK)
# and invisible tags and formatting characters count too.
_SUSPICIOUS: Final = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2800\u3164\ufeff\uffa0"
    "\ufe00-\ufe0f\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f"
    "\U000e0100-\U000e01ef\u180b-\u180f]"
)


#: One use of a record's id inside another record, checked once the whole
#: registry is read: the id referred to, the kinds of record it may refer
#: to, the file, line and column where it is written, the field that holds
#: it, and whether that field is private.  A plain tuple: a registry holds
#: millions, sent between processes and kept in the cache.  ``None`` in the
#: last place marks text that is no id at all (already reported
#: ``invalid-id``), kept so that the checks across records can name the
#: record whose name it is.
Reference: TypeAlias = tuple[
    str, tuple[str, ...], str, int, int, str, bool | None
]


@attrs.define
class Context:
    """What a conversion needs to report a problem: the file, the problems
    found so far, and whether values of this field may be shown.

    Attributes:
        path: The file, as shown in problems.
        problems: Where problems are collected.
        redact: When true, messages describe a value without showing it.
        private_field: When true, the value is of a field listed under
            ``private`` (or inside one): nothing near it is said either,
            such as the word of a list it is likely meant for.
        private_record: Whether the record being built keeps anything
            private, so that no key written in it, at any depth, is
            repeated.
        source: The document the values were read from, if known:
            consulted only to explain a problem.
        parent: The record class, and its mapping, whose fields are being
            converted (a source's organisation), or ``None``: consulted
            only to explain a field written at the wrong indentation.
    """

    path: str
    problems: list[Problem] = attrs.Factory(list)
    redact: bool = False
    private_field: bool = False
    private_record: bool = False
    refs: list[Reference] = attrs.Factory(list)
    errors: int = 0
    source: Document | None = None
    parent: tuple[type[Any], YMap] | None = None
    #: The line of the list item above, when the item being built shares
    #: no field with it (see :meth:`ListOf.convert`).
    split_from: int | None = None

    def report(
        self, code: str, message: str, pos: Pos, pointer: str
    ) -> object:
        """Record a problem; returns :data:`INVALID` for convenience."""
        problem = Problem(code, message, Location(self.path, *pos), pointer)
        self.problems.append(problem)
        self.errors += problem.is_error
        return INVALID

    def show(self, value: str) -> str:
        """*value* quoted for a message, or a stand-in when it is private;
        a long value is cut to its first characters.
        """
        if self.redact:
            return "the value (not shown: private)"
        return _quoted(value)


_SHOWN_CHARACTERS: Final = 80


def _quoted(text: str) -> str:
    """*text* quoted for a message, cut to its first characters when long:
    a pasted paragraph would drown the line that says what to do.  A text
    that holds an e-mail address or a telephone number is not shown: a
    message may be printed where the file is not (a CI log, a pull
    request's annotations), and contact-details would refuse it anyway.
    """
    if holds_contact(text):
        return "the value (not shown: it holds contact details)"
    if len(text) > _SHOWN_CHARACTERS:
        quoted = repr(text[:_SHOWN_CHARACTERS])
        return f"{quoted[:-1]}...{quoted[-1]} ({len(text):,} characters)"
    return repr(text)


def shape_of(value: Any) -> str:
    """How a parsed value is shaped, for messages: ``a list``, ``text``..."""
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YSeq):
        return "a list"
    if value is None:
        return "empty"
    return "text"


class FieldType:
    """The base of all field types: a name for people and a conversion."""

    #: How the type is named in documentation and messages.
    label: ClassVar[str] = "text"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        """Turn *raw* into a value, or report and return :data:`INVALID`."""
        if isinstance(raw, str):
            value = self.convert_text(raw, ctx, pos, pointer)
            if value is not INVALID and not raw.isascii():
                check_suspicious(raw, ctx, pos, pointer)
            return value
        fix = (
            "; write one value, not a list"
            if isinstance(raw, YSeq)
            else "; write the value on the field's line, in quotes if it "
            "holds ': '"
            if isinstance(raw, YMap)
            else ""
        )
        return ctx.report(
            "wrong-shape",
            f"expected {self.expected()}, found {shape_of(raw)}{fix}",
            pos,
            pointer,
        )

    def expected(self) -> str:
        """What a value of this type is, for messages."""
        return self.label

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        """Turn written text into a value (for types written as text)."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """This type as a JSON Schema fragment."""
        return {"type": "string"}

    def describe(self) -> str:
        """This type for the data-format reference."""
        return self.label


#: A JSON Schema pattern (ECMA-262, as editors read it) that text matches
#: when it holds a character :meth:`str.strip` keeps: exactly Python's
#: whitespace is left out, where ECMA-262's ``\S`` differs (U+001C to U+001F,
#: U+0085 and U+FEFF).
NOT_BLANK: Final = (
    "[^\\t-\\r\\x1c- \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029"
    "\\u202f\\u205f\\u3000]"
)


# A spreadsheet's formula, copied for its value: "=HYPERLINK(...)".
_FORMULA: Final = re.compile(
    r"\s*(?:=\s*(?:[A-Za-z][A-Za-z0-9._]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+\b)"
    r"|\+[A-Z][A-Z0-9.]*\()"
)


def check_formula(text: str, ctx: Context, pos: Pos, pointer: str) -> None:
    """Refuse a spreadsheet's formula (``=HYPERLINK("...")``) where its
    value was meant: outputs would print the formula, and a spreadsheet
    opening an export would run it.
    """
    if _FORMULA.match(text):
        ctx.report(
            "invalid-value",
            "this is a spreadsheet's formula, not the value it shows: in "
            "the sheet, copy the cell and paste it as values only (Paste "
            "special, Values), then use the text it shows",
            pos,
            pointer,
        )


@attrs.frozen
class Text(FieldType):
    """Free text, such as a name.

    A whole value that is only a word for "not known" (``TBC``, ``N/A``)
    gets a ``placeholder-value`` warning, unless *placeholder_ok*: outputs
    would print it as if it were the value.
    """

    multiline: bool = False
    #: Whether such a word may be the whole value: in notes, "none" is
    #: what a reader should know, and nothing prints notes as a value.
    placeholder_ok: bool = False
    label: ClassVar[str] = "text"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if (
            raw.__class__ is str
            and raw.isascii()
            and not raw.isspace()
            and raw
        ):
            # Checked by length first: the common value is longer than
            # any placeholder, and passes in one comparison.
            if (
                len(raw) <= _LONGEST_PLACEHOLDER
                and not_known(raw)
                and not self.placeholder_ok
            ):
                check_placeholder(raw, ctx, pos, pointer)
            elif len(raw) in _TEMPLATE_LENGTHS:
                check_template(raw, ctx, pos, pointer)
            if raw[0] in "=+":
                check_formula(raw, ctx, pos, pointer)
            # What every address and number holds, looked for in C first:
            # most texts hold none of it.  A bracket, not "at)": the word
            # may be in capitals.
            if (
                "@" in raw
                or "+" in raw
                or "0" in raw
                or ")" in raw
                or "]" in raw
                or "-" in raw
                # Free text, where a number is given in any form.
                or (self.multiline and _THREE_DIGITS.search(raw))
                or "\uff20" in raw
            ):
                check_contact(raw, ctx, pos, pointer)
            return raw if self.multiline else " ".join(raw.split())
        return super().convert(raw, ctx, pos, pointer)

    def json_schema(self) -> dict[str, Any]:
        # Not blank: an editor marks "name: ' '" as validate does.
        return {"type": "string", "pattern": NOT_BLANK}

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if not text.strip():
            return ctx.report(
                "invalid-value", _blank(text, pointer), pos, pointer
            )
        if not self.placeholder_ok:
            check_placeholder(text, ctx, pos, pointer)
        if len(text) in _TEMPLATE_LENGTHS:
            check_template(text, ctx, pos, pointer)
        check_formula(text, ctx, pos, pointer)
        check_contact(text, ctx, pos, pointer)
        return text if self.multiline else " ".join(text.split())


def _blank(text: str, pointer: str) -> str:
    """Why *text*, which is blank, is refused, and what to do: a list's
    item (*pointer* ends in ``[n]``) is removed, a field left out.
    """
    if isinstance(text, EmptyBlock):
        # "notes: >-" with the text under it not indented, or left out.
        return (
            f"no text is indented under this '{text.header}': indent each "
            "line of the text under the field's line (two spaces further "
            "in than the field's name), or remove the field"
        )
    # Quotes with nothing in them ('name: ""'), as a template or a copied
    # record leaves them: say what to do, as missing-field does.
    if pointer.endswith("]"):
        return "this text is blank; write the text, or remove the item"
    return (
        "this text is blank; write the value between the quotes, or, if "
        "no source gives one, remove the line"
    )


def check_placeholder(text: str, ctx: Context, pos: Pos, pointer: str) -> None:
    """Warn when the whole of *text* is a word for "not known" (``TBC``,
    ``N/A``, ``unknown``), which outputs would print as the value.

    A private value is never checked: a warning given only for some
    private values would tell those apart from the others.
    """
    if ctx.redact or not is_placeholder(text):
        return
    what, fix = _printed_as(pointer)
    ctx.report(
        "placeholder-value",
        f"{ctx.show(text)} only says the value is not known, but outputs "
        f"would print it as {what}; write the value a source gives, {fix} "
        "out until one does",
        pos,
        pointer,
    )


# An e-mail address ("name@example.org", "name(at)example.org"), and a
# telephone number: "+" and 8 to 15 digits ("+44 7700 900123", not a sum
# grouped in thousands, "+2 500 000") or "00" and a country's code
# written in groups ("0044 7700 900123": an Italian VAT number, "00488410010",
# is written in one), or, after a word that says it is
# one ("tel.", "phone", "mobile", "call her on", "my number is",
# "Telefon"), 0 and 9 to 14 more ("07700 900123", "(020) 7946 0000"),
# with a space, a hyphen, a dot or a bracket or two between digits.  A
# number starting with 0 with no such word before it may be a registry's
# (Belgium's "0403.170.701", an Italian VAT number), an ISBN, a date or a
# reference.
# Each is tried only where it can start, at an "@", a "+" or a "0": from
# every character, a long text would take a time of its length squared.
_AT: Final = r"(?:[@\uff20\ufe6b]|\s?[(\[{]at[)\]}]\s?)"
_DOT: Final = r"(?:\.|\s?[(\[{]dot[)\]}]\s?)"
_EMAIL: Final = re.compile(
    rf"(?<=[\w.%+-]){_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[^\W\d_]{{2,}}",
    re.IGNORECASE,
)
_SEPARATOR: Final = r"[\s().\-\u2013]{0,2}"
_PHONE: Final = re.compile(
    r"(?<![\w+./=?&#-])\+\s?"
    # Not a date with a sign before it ("+2023-09-18"), as a spreadsheet
    # may write one.
    r"(?!\d{4}-\d\d-\d\d(?![\d\-]))"
    r"(\d(?:[\s()\-\u2013]{0,2}\d){7,14})(?![\w])"
)
_THOUSANDS: Final = re.compile(r"\d{1,3}(?:[\s,]\d{3})+")
_INTERNATIONAL: Final = re.compile(
    r"(?<![\w+./=?&#-])00(?:\s[1-9]|[1-9](?=\d{0,3}[\s()\-\u2013.]))"
    r"(?:[\s()\-\u2013.]{0,2}\d){7,14}(?![\w])"
)
_NATIONAL_PHONE: Final = re.compile(
    r"\b(?:tel|tels|telephone|phone|phones|mobile|mob|cell|call|ring|text|"
    r"whatsapp|fax|reach|telefon|t\u00e9l|t\u00e9l\u00e9phone|handy|telefono|"
    r"tel\u00e9fono|m\u00f3vil|movil|portable|mobil|tlf|"
    r"(?:my|her|his|their|our)\s+number)\b"
    r"(?:[\s:.,()#-]{1,4}(?:me|us|them|her|him|on|at|no|nr|number|is)\b){0,3}"
    rf"[\s:.,()#-]{{0,6}}(?:0(?:{_SEPARATOR}\d){{9,14}}"
    # Or North America's ten digits, which start with no 0.
    r"|\(?[2-9]\d\d\)?[\s.\-]{1,2}\d{3}[\s.\-]\d{4})(?![\w])",
    re.IGNORECASE,
)
_THREE_DIGITS: Final = re.compile(r"\d{3}")
# North America's numbers as no registry writes its own, with or without
# a word before them: "(555) 123-4567", "555-123-4567".
_NORTH_AMERICAN: Final = re.compile(
    r"(?<![\w+./=?&#-])(?:\([2-9]\d\d\)\s?|[2-9]\d\d-)\d{3}-\d{4}(?![\w-])"
)


def holds_contact(text: str) -> str | None:
    """What contact details *text* holds, if any: ``"an e-mail address"``
    or ``"a telephone number"``.

    >>> holds_contact("Write to name@example.org"), holds_contact("+44 7700 900123")
    ('an e-mail address', 'a telephone number')
    >>> holds_contact("Registered charity 216250, founded 05.03.1866") is None
    True
    """
    lowered = text.lower()
    if (
        "@" in text
        or "at)" in lowered
        or "at]" in lowered
        or "at}" in lowered
        or "\uff20" in text
        or "\ufe6b" in text
    ) and _EMAIL.search(text):
        return "an e-mail address"
    if "+" in text and any(
        not _THOUSANDS.fullmatch(found[1]) for found in _PHONE.finditer(text)
    ):
        return "a telephone number"
    if _NATIONAL_PHONE.search(text) or (
        "0" in text and _INTERNATIONAL.search(text)
    ):
        return "a telephone number"
    if ("-" in text or ")" in text) and _NORTH_AMERICAN.search(text):
        return "a telephone number"
    return None


def check_contact(text: str, ctx: Context, pos: Pos, pointer: str) -> None:
    """Refuse *text* that holds an e-mail address or a telephone number.

    The registry never records how to reach anyone: a file's history keeps
    it for ever, and a survivor's address, in the notes of a record whose
    name is hidden, would still lead to them.  The message never shows the
    address or the number, whoever's they are.
    """
    found = holds_contact(text)
    if found is None:
        return
    field = _field_of(pointer) or "text"
    ctx.report(
        "contact-details",
        f"{field!r} holds {found} (not shown), and the registry never "
        "records how to reach anyone: remove it, and keep contact details "
        "outside the repository",
        pos,
        pointer,
    )


#: The example values of the templates ``coalition-registry new`` writes
#: that no source gives: an example uncommented and left as it is.
TEMPLATE_EXAMPLES: Final = frozenset(
    {
        "https://example.org/the-page",
        "Who published the page",
        "The words on the page that support the facts",
        "What the sources leave unclear, in your own words.",
        "What the letter says, in your own words.",
        "Who its members are.",
        "What the letter asks for",
    }
)
# Compared first, so that other values cost one look-up.
_TEMPLATE_LENGTHS: Final = frozenset(map(len, TEMPLATE_EXAMPLES))


def check_template(text: str, ctx: Context, pos: Pos, pointer: str) -> None:
    """Warn when *text* is an example value of a template of
    ``coalition-registry new``, uncommented and not changed: outputs would
    print it as a fact.  A private value is never checked (see
    :func:`check_placeholder`).
    """
    if ctx.redact or text.strip() not in TEMPLATE_EXAMPLES:
        return
    what, fix = _printed_as(pointer)
    ctx.report(
        "placeholder-value",
        f"{ctx.show(text)} is the example that coalition-registry new puts "
        f"in its template, but outputs would print it as {what}; write the "
        f"value a source gives, {fix} out until one does",
        pos,
        pointer,
    )


def _field_of(pointer: str) -> str:
    """The field a value at *pointer* is written in, for a message: the
    last name in it, an item's index aside (``$.sources[0].url`` is
    ``url``, ``$.aliases[2]`` is ``aliases``).
    """
    return _ITEM_INDEX.sub("", pointer).rpartition(".")[2]


_ITEM_INDEX: Final = re.compile(r"\[\d+\]$")


def _printed_as(pointer: str) -> tuple[str, str]:
    """What a value at *pointer* is printed as, and how to leave it out."""
    field = _field_of(pointer)
    if pointer.endswith("]"):
        return f"one of the {field}", "or leave the item"
    return f"the {field}", "or, if the field may be left out, leave it"


def is_placeholder(text: str) -> bool:
    """Whether the whole of free *text* is a word for "not known".

    ``no`` is left out: as a text it is an answer, not a placeholder.

    >>> is_placeholder("TBC"), is_placeholder("N/A."), is_placeholder("No")
    (True, True, False)
    >>> is_placeholder("Example Charity")
    False
    """
    return not_known(text) and _plain(text) != "no"


@attrs.frozen
class Licence(FieldType):
    """An SPDX licence id (``CC-BY-4.0``), or an SPDX expression of them
    (``CC-BY-4.0 OR ODbL-1.0``).
    """

    label: ClassVar[str] = "SPDX licence"

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        from . import licences

        written = text.strip()
        wrong = licences.problem(written)
        if wrong is None:
            return written
        # "CC BY 4.0", as licences are often written in prose.
        hyphened = "-".join(text.split())
        if ctx.redact:
            wrong = f"{ctx.show(text)} is not an SPDX licence expression"
        elif hyphened != written and licences.problem(hyphened) is None:
            wrong = (
                f"{written!r} is not an SPDX licence id (did you mean "
                f"{hyphened!r}?)"
            )
        elif not wrong.startswith(repr(written)):
            # Said of a part: "a bracket opened is not closed".
            wrong = f"{written!r} is not an SPDX licence expression: {wrong}"
        return ctx.report(
            "invalid-value",
            f"{wrong}; write one such as CC-BY-4.0, CC0-1.0 or ODbL-1.0 (see "
            "https://spdx.org/licenses/), or, for terms of your own, "
            "LicenseRef- and a name, and describe them in description",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _SPDX.pattern}

    def describe(self) -> str:
        return "SPDX licence id or expression, such as `CC-BY-4.0`"


_SPDX_ID: Final = r"\(*[A-Za-z0-9][A-Za-z0-9.+-]*\)*"
_SPDX: Final = re.compile(
    rf"^{_SPDX_ID}(?: (?:AND|OR|WITH|and|or|with) {_SPDX_ID})*$"
)


def check_suspicious(text: str, ctx: Context, pos: Pos, pointer: str) -> None:
    """Warn about invisible, bidirectional or mixed-script characters.

    A private value gets one warning that says none of what was found:
    the character, where it is, or which alphabets a word mixes would
    each say something of the value.
    """
    if text.isascii():
        return  # the common case: no control character, one alphabet
    found = _suspicious(text)
    if ctx.redact and found:
        found = [_SUSPICIOUS_PRIVATE]
    for message in found:
        ctx.report("suspicious-character", message, pos, pointer)


_SUSPICIOUS_PRIVATE: Final = (
    "the value (not shown: private) holds an invisible or bidirectional "
    "control character, a curly quote at an end, or a word that mixes "
    "alphabets, or is garbled by a wrong encoding; retype the text"
)

# UTF-8 read as Windows-1252 (or Latin-1), then saved: each non-ASCII
# character becomes the letter of its lead byte (Ã, â, Å...) followed by
# those of its continuation bytes (©, €, ™...): "é" is "Ã©", and a curly
# apostrophe "â€™".
_MOJIBAKE: Final = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
    "\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a"
    "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _unmangled(text: str) -> str | None:
    """*text* as it was before a wrong encoding garbled it, when it reads as
    UTF-8 that was taken for Windows-1252 or Latin-1; else ``None``.

    >>> _unmangled("Barnardoâ€™s"), _unmangled("Ã‰cole"), _unmangled("SÃO")
    ('Barnardo’s', 'École', None)
    """
    if _MOJIBAKE.search(text) is None:  # in C: nearly always
        return None
    raw = bytearray()
    for char in text:
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            # The five bytes Windows-1252 leaves out read as Latin-1.
            if ord(char) > 0xFF:
                return None
            raw.append(ord(char))
    try:
        before = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return before if before != text else None


#: How to mend a value a curly quote starts or ends, as a file is mended
#: (an import says it as a sheet is).
CURLY_FIX: Final = (
    'which YAML keeps as part of it; use straight double quotes ("...") '
    "or none"
)


def _suspicious(text: str) -> list[str]:
    """What :func:`check_suspicious` finds wrong in *text*, as messages."""
    found = []
    wrapped = (
        len(text) > 1 and text[0] in _CURLY_OPEN and text[-1] in _CURLY_CLOSE
    )
    # One curly double quote at an end, never closed (or opened) in the
    # text: a quoted word inside ("must “act now”") is not one.
    unbalanced = (
        text[0] in _DOUBLE_OPEN and not _DOUBLE_CLOSE & set(text)
    ) or (text[-1] in _DOUBLE_CLOSE and not _DOUBLE_OPEN & set(text))
    if wrapped or unbalanced:
        # Told beside, never instead of, what the checks below find.
        what = (
            "wrapped in curly quotes"
            if wrapped
            else "started or ended by a curly quote"
        )
        found.append(
            f"the text is {what} (as a word processor types them), "
            + CURLY_FIX
        )
    before = _unmangled(text)
    if before is not None:
        found.append(
            "the text is garbled by a wrong encoding (a file saved as UTF-8 "
            "was read as Windows-1252 and saved again): it most likely "
            f"reads {before!r}; retype it, or undo that save"
        )
        return found
    lost = text.find("\ufffd")
    if lost >= 0:
        found.append(
            "the text holds the replacement character (U+FFFD) at character "
            f"{lost + 1}, which a program puts for a letter it could not read "
            "in a wrong encoding: the letter is lost; retype the text from "
            "the source"
        )
        return found
    hit = invisible_character(text)
    if hit is not None:
        char = hit.group()
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        found.append(
            f"the text holds an invisible or bidirectional control "
            f"character ({name}, U+{ord(char):04X}) at character "
            f"{hit.start() + 1}; retype the text"
        )
        return found
    if len(set(text.translate(_SCRIPTS))) < 2:
        return found  # one alphabet in the whole text: no word can mix two
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {_script(ch) for ch in word}
        scripts.discard("COMMON")
        if len(scripts) > 1:
            found.append(
                "a word mixes alphabets ("
                + " and ".join(sorted(scripts)).lower()
                + "), which makes look-alike names; retype it"
            )
            break
    return found


def invisible_character(text: str) -> re.Match[str] | None:
    """The first invisible or bidirectional control character in *text*
    that no script or emoji needs where it is, or ``None``.

    >>> invisible_character("Example\u202eTrust").start()
    7
    >>> invisible_character("\u0627\u0646\u062c\u0645\u0646\u200c\u0647\u0627")
    """
    hit = _SUSPICIOUS.search(text)  # in C: nearly always None
    if hit is not None and _needed(text, hit.start()):
        hit = next(
            (
                m
                for m in _SUSPICIOUS.finditer(text, hit.end())
                if not _needed(text, m.start())
            ),
            None,
        )
    return hit


#: Characters that show nothing and mean nothing in a name, a web page's
#: or a document's (a zero-width space, a word joiner, a byte order mark,
#: a soft hyphen): taken out of a value pasted in a spreadsheet's cell.
_NOTHING: Final = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))


def tidied(text: str) -> str:
    """*text* as a spreadsheet's cell or a command's option gives it, with
    the curly double quotes a word processor wraps it in, and the
    characters that show nothing (see :data:`_NOTHING`), taken off: neither
    is part of the value, and each would be warned of in the file.  Quotes
    inside (``the “Example” campaign``) are kept.

    >>> tidied("\u201cExample Youth Forum\u201d"), tidied("Ex\u200bample")
    ('Example Youth Forum', 'Example')
    >>> tidied("\u00abExample\u00bb"), tidied("\u201cA\u201d and \u201cB\u201d")
    ('Example', '\u201cA\u201d and \u201cB\u201d')
    """
    if text.isascii():
        return text
    text = text.translate(_NOTHING)
    inner = text[1:-1]
    if (
        len(text) > 2
        and text[0] in _DOUBLE_OPEN | {"\u201d"}
        and text[-1] in _DOUBLE_CLOSE | {"\u201c"}
        and not (_DOUBLE_OPEN | _DOUBLE_CLOSE) & set(inner)
        and inner.strip() == inner
    ):
        return inner
    return text


def _curly(text: str) -> str:
    """The end of a message for a value wrapped in curly quotes, which YAML
    keeps as part of it: retyped in the same word processor, they would
    come back.
    """
    if len(text) > 1 and text[0] in _CURLY_OPEN and text[-1] in _CURLY_CLOSE:
        return (
            "; the value is wrapped in curly quotes (as a word processor "
            'types them): use straight double quotes ("...") or none'
        )
    return ""


def _needed(text: str, i: int) -> bool:
    """Whether the invisible character at *i* is one that a script or an
    emoji needs there, to be left alone: a zero-width non-joiner or joiner
    between two letters of a script that uses it (Persian ``انجمن‌ها``,
    Hindi), a bidirectional mark in a text with letters written right to
    left (Hebrew, Arabic), a joiner between emoji (👩‍👧), an emoji's
    variation selector (❤️, 1️⃣), or the tags of a flag (🏴 of Scotland).
    Not between the
    letters of an alphabet whose letters look like Latin ones, where it
    would make two names that look alike differ.
    """
    char = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1 : i + 2]
    if char in _BIDI_MARKS:
        # Marks, unlike the controls that reorder a line (U+202E): in a
        # name written right to left they keep a number, a bracket or a
        # Latin word in its place ("(ע״ר)" and a right-to-left mark).
        return any(
            unicodedata.bidirectional(c) in {"R", "AL"}
            for c in text
            if c not in _BIDI_MARKS  # the right-to-left mark is R itself
        )
    if char in "\u200c\u200d":
        script = _joined_script(before)
        if script is not None and (
            script == _joined_script(after)
            # After a virama on a letter of its script, at a word's end
            # (Malayalam's chillu letters).
            or _on_its_letter(text, i - 1, script)
        ):
            return True
        return char == "\u200d" and _emoji(before) and _emoji(after)
    if char in "\ufe0e\ufe0f":
        return _emoji(before) or (before in _KEYCAP and after == "\u20e3")
    if "\U000e0020" <= char <= "\U000e007f":
        # A flag's tags follow a black flag, and end with a cancel tag.
        start = i
        while start and "\U000e0020" <= text[start - 1] <= "\U000e007f":
            start -= 1
        return start > 0 and text[start - 1] == "\U0001f3f4"
    return False


# The left-to-right, right-to-left and Arabic letter marks.
_BIDI_MARKS: Final = frozenset("\u200e\u200f\u061c")


def _on_its_letter(text: str, i: int, script: str) -> bool:
    """Whether *text[i]* is a mark that stands on a letter of *script*."""
    if not unicodedata.category(text[i]).startswith("M"):
        return False
    while i and unicodedata.category(text[i]).startswith("M"):
        i -= 1
    base = text[i]
    return not unicodedata.category(base).startswith("M") and (
        _joined_script(base) == script
    )


_KEYCAP: Final = frozenset("0123456789#*")


def _joined_script(char: str) -> str | None:
    """The script of a letter (or mark) that a joiner may stand beside:
    ``None`` for anything else, and for the look-alike alphabets.
    """
    if not char or char.isascii() or unicodedata.category(char)[0] not in "LM":
        return None
    script = unicodedata.name(char, "").split(" ", 1)[0]
    # COMBINING: an accent of any script (é written as e and U+0301).
    if script in _LOOK_ALIKE_SCRIPTS or script in {"", "COMBINING"}:
        return None
    return script


def _emoji(char: str) -> bool:
    """Whether *char* is a symbol an emoji sequence joins (or its
    variation selector, or a skin tone).
    """
    return bool(char) and (
        char == "\ufe0f" or unicodedata.category(char) in {"So", "Sk"}
    )


_WORD: Final = re.compile(r"\w+")
# Curly double quotes at either end (a single one can be an apostrophe:
# "\u2019t Hooft"), and any curly quotes at both.
_DOUBLE_OPEN: Final = frozenset("\u201c\u201e\u00ab")
_DOUBLE_CLOSE: Final = frozenset("\u201d\u00bb")
_CURLY_OPEN: Final = frozenset(
    "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb"
)
_CURLY_CLOSE: Final = frozenset("\u201c\u201d\u2018\u2019\u00ab\u00bb")


class _Scripts(dict[int, str | None]):
    """For ``str.translate``: each letter to one character standing for the
    alphabet :func:`_script` gives it, anything else deleted; worked out
    once for each character, for the first few thousand seen.
    """

    def __missing__(self, code: int) -> str | None:
        script = _script(chr(code))
        token = (
            None
            if script == "COMMON"
            else _TOKENS.setdefault(script, chr(0xE000 + len(_TOKENS)))
        )
        if len(self) < 65536:  # hostile text could name every character
            self[code] = token
        return token


_TOKENS: Final[dict[str, str]] = {}


_SCRIPTS: Final = _Scripts()


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    # The first word of a letter's Unicode name is its script, closely
    # enough to tell Latin from the alphabets whose letters look like its
    # own: Cyrillic, Greek, Armenian, full-width or mathematical letters.
    # Any other script is as common as a digit: Latin beside kana or
    # hangul is how Japanese and Korean names are written (KDDI株式会社).
    if ch.isascii():
        return "LATIN" if ch.isalpha() else "COMMON"
    if not ch.isalpha():
        return "COMMON"
    first = unicodedata.name(ch, "").split(" ", 1)[0]
    if first in _LOOK_ALIKE_SCRIPTS:
        return first
    # A letter-like symbol that stands for a Latin letter (KELVIN SIGN for
    # K); not an ordinal indicator (Nº), which is no capital or small letter.
    if unicodedata.category(ch) in {"Lu", "Ll"} and (
        unicodedata.normalize("NFKC", ch).isascii()
    ):
        return "LETTERLIKE"
    return "COMMON"


_LOOK_ALIKE_SCRIPTS: Final = frozenset(
    {
        "LATIN",
        "CYRILLIC",
        "GREEK",
        "ARMENIAN",
        "CHEROKEE",
        "COPTIC",
        "FULLWIDTH",
        "MATHEMATICAL",
        "DOUBLE-STRUCK",
        "SCRIPT",
        "BLACK-LETTER",
    }
)


def enum_word(text: str) -> str:
    """*text* as one of an :class:`Enum`'s words, as a spreadsheet or a
    command line writes it (``import`` and ``new`` read them so).

    >>> enum_word("On Behalf  Of")
    'on-behalf-of'
    """
    return "-".join(text.lower().split())


@attrs.frozen
class Enum(FieldType):
    """One of a fixed set of words."""

    values: tuple[str, ...]
    #: Words people write for one of the values, which are spelt nothing
    #: like it ("coalition" for "alliance"), each with the value meant.
    meant: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    #: Words that look like one of the values but mean none of them
    #: ("continents" beside "countries"), each with what to do instead.
    unlike: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    label: ClassVar[str] = "one of"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if raw.__class__ is str and raw in self.values:
            return raw  # the common case, in one step
        return super().convert(raw, ctx, pos, pointer)

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if text in self.values:
            return text
        allowed = ", ".join(self.values)
        word = text.strip().lower().replace("_", "-")
        if word in self.unlike and not ctx.redact:
            return ctx.report(
                "invalid-value",
                f"{ctx.show(text)} is not allowed here: {self.unlike[word]}",
                pos,
                pointer,
            )
        # The hint names one of the words, never the value, but it would
        # all but tell a value not shown ("survivour", for the role of a
        # person who is not public, or a private role): given only for a
        # value shown, and for a disclosure ("Anon"), which the file of a
        # person not public says to all.
        if "\n" in text and text.strip() in self.values:
            # "kind: |" above "  charity": block text, which keeps its
            # line break.  Said whatever the value: it is one of the words.
            return ctx.report(
                "invalid-value",
                "this word is written as block text (after '|' or '>'), "
                "which keeps a line break after it; write it on the line of "
                "its field, after the ':'",
                pos,
                pointer,
            )
        hint = (
            ""
            if ctx.private_field
            or (ctx.redact and not pointer.endswith(".disclosure"))
            else f" (did you mean {self.meant[word]!r}?)"
            if word in self.meant
            else _did_you_mean(word, self.values)
        )
        return ctx.report(
            "invalid-value",
            f"{ctx.show(text)} is not allowed here{hint}; use one of: "
            f"{allowed}",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}

    def expected(self) -> str:
        return "one word (" + ", ".join(self.values) + ")"

    def describe(self) -> str:
        return "one of " + ", ".join(f"`{v}`" for v in self.values)


@attrs.frozen
class Flag(FieldType):
    """``true`` or ``false`` (YAML 1.2's spellings)."""

    label: ClassVar[str] = "true or false"

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if text in {"true", "True", "TRUE"}:
            return True
        if text in {"false", "False", "FALSE"}:
            return False
        return ctx.report(
            "invalid-value",
            f"{ctx.show(text)} is not true or false; write true or false",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        # Quoted ("false") it is read as the flag too, as Count reads
        # quoted digits: an editor must not flag what the validator takes.
        # A pattern, not an enum, so completion offers only true and false.
        written = {
            "type": "string",
            "pattern": "^(?:true|True|TRUE|false|False|FALSE)$",
        }
        return {"anyOf": [{"type": "boolean"}, written]}

    def describe(self) -> str:
        return "`true` or `false`"


@attrs.frozen
class Slug(FieldType):
    """An id: lower-case letters and digits, joined by hyphens, at most
    *longest* characters.
    """

    longest: int = MAX_ID_LENGTH
    label: ClassVar[str] = "id"
    #: Whether the value names a file or a folder (a record's own id).
    names_a_file: ClassVar[bool] = True

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if (
            raw.__class__ is str
            and len(raw) <= self.longest
            and SLUG.fullmatch(raw) is not None
            and not (raw in DEVICE_NAMES and self.names_a_file)
        ):
            return raw  # an id is ASCII: nothing suspicious to look for
        return super().convert(raw, ctx, pos, pointer)

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if SLUG.fullmatch(text):
            if text in DEVICE_NAMES and self.names_a_file:
                # Not repeated for a private record: a hidden person's id
                # made from their name ("con" for "Con") would give it.
                said = (
                    f"{ctx.show(text)} cannot be an id: Windows keeps some "
                    "names for devices, and this is one; choose another"
                    if ctx.redact
                    else device_name(text)
                )
                return ctx.report("invalid-id", said, pos, pointer)
            if len(text) <= self.longest:
                return text
            # Ids are repeated in every message and output that names the
            # record, and in file names, which systems cap at 255 bytes.
            return ctx.report(
                "invalid-id",
                f"{ctx.show(text)} is too long for an id: use at most "
                f"{self.longest} characters",
                pos,
                pointer,
            )
        # "people/jane-doe.yaml" for "jane-doe": a file's path given for
        # its id.
        name = text.rsplit("/", 1)[-1]
        for suffix in (".yaml", ".yml"):
            name = name.removesuffix(suffix)
        fixed = slugify(name)
        # Only suggest what is itself an id: letters of a script without a
        # letter-for-letter Latin spelling (Chinese, Arabic) survive slugify.
        hint = (
            f"; for example {fixed!r}"
            if SLUG.fullmatch(fixed) and not ctx.redact
            else ""
        )
        # An invisible character shows only as an escape ('\u200b'):
        # say what it is, or the id looks right as it is.  Not of a private
        # value: what it holds is as private as the rest of it.
        unseen = (
            ""
            if ctx.redact
            else unseen_character(text) or mixed_look_alike(text)
        )
        if unseen:
            hint = f" as {fixed!r}" if hint else ""
            fix = f"it holds {unseen}; retype the id{hint}"
        else:
            fix = f"use lower-case letters, digits and hyphens{hint}"
        return ctx.report(
            "invalid-id",
            f"{ctx.show(text)} is not a valid id: {fix}",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": SLUG.pattern,
            "maxLength": self.longest,
        }

    def describe(self) -> str:
        return "id (lower-case letters, digits and hyphens)"


#: Names Windows keeps for devices, whatever the extension: a file named
#: ``aux.yaml`` (or a folder ``signatures/con/``) cannot be checked out
#: there, so one such id makes the registry's repository unusable on it.
DEVICE_NAMES: Final = frozenset(
    (
        "con",
        "prn",
        "aux",
        "nul",
        *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)),
    )
)


def device_name(record_id: str) -> str:
    """Why *record_id*, a name Windows keeps for a device, is no id.

    >>> device_name("aux")
    "'aux' cannot be an id: Windows keeps the name for a device, so a file named aux.yaml could not be checked out there; add a word to it, such as 'aux-trust'"
    """
    return (
        f"{record_id!r} cannot be an id: Windows keeps the name for a "
        f"device, so a file named {record_id}.yaml could not be checked out "
        f"there; add a word to it, such as '{record_id}-trust'"
    )


def slugify(text: str) -> str:
    """The id that a name suggests.

    >>> slugify("Barnardo's")
    'barnardos'
    >>> slugify("ECPAT International")
    'ecpat-international'
    >>> slugify("Łódź Børnefond Vakfı")
    'lodz-bornefond-vakfi'
    >>> slugify("Фонд Київ")
    'fond-kiyiv'
    >>> slugify("Ελληνική Εταιρεία")
    'elliniki-etaireia'
    """
    # Twice: й and ї are letters of their own, spelt before their accents
    # come apart; a Greek vowel with an accent, once they have.
    latin = unicodedata.normalize("NFD", text.translate(_LATIN))
    return "-".join(countries.normalise(latin.translate(_LATIN)).split())


def name_words(name: str) -> set[str]:
    """The words of *name*, of three letters or more, that an id must not
    hold when the name is hidden: folded as lookups fold them, and as
    :func:`slugify` writes them ("юлия" and "yuliya").

    >>> sorted(name_words("Łukasz O. Юлия"))
    ['lukasz', 'lukaszoyuliya', 'yuliya', 'юлия']
    >>> sorted(name_words("Jo Li"))
    ['joli']
    """
    words = set(countries.normalise(name).split())
    words.update(slugify(name).split("-"))
    # A name of short words, run together: "Jo Li" is "joli".
    words.add("".join(slugify(name).split("-")))
    return {w for w in words if len(w) > 2}


# Cyrillic and Greek letters as the Latin alphabet writes them (the usual
# romanisations, without their accents), so that the names of
# organisations in Ukraine, Bulgaria, Serbia or Greece make ids too.
# Other scripts have no such letter-for-letter spelling: their names need
# an id chosen by hand.
_CYRILLIC: Final = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e",
    "ё": "e", "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i",
    "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ђ": "dj",
    "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj",
    "ќ": "kj", "ѕ": "dz",
}  # fmt: skip
_GREEK: Final = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i",
    "θ": "th", "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x",
    "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y",
    "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
_LATIN: Final = str.maketrans(
    {
        written: latin
        for letters in (countries.LATIN_LETTERS, _CYRILLIC, _GREEK)
        for letter, latin in letters.items()
        for written in (letter, letter.upper())
    }
)


@attrs.frozen
class Ref(Slug):
    """The id of another record, of one of the given kinds."""

    kinds: tuple[str, ...] = ()
    label: ClassVar[str] = "reference"
    names_a_file: ClassVar[bool] = False

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        value = Slug.convert(self, raw, ctx, pos, pointer)
        if value is not INVALID:
            ctx.refs.append(
                (value, self.kinds, ctx.path, *pos, pointer, ctx.redact)
            )
        elif (
            raw.__class__ is str
            and not ctx.redact
            and SLUG.fullmatch(raw) is None
        ):
            # A name written for an id ("publisher: Example Trust"): the
            # record of that name, if any, is known only across records.
            # Never for a private value, whose record would tell it.
            ctx.refs.append((raw, self.kinds, ctx.path, *pos, pointer, None))
        return value

    def describe(self) -> str:
        return "id of " + " or ".join(a(k) for k in self.kinds)


@attrs.frozen
class Country(FieldType):
    """An ISO 3166-1 alpha-2 code (and ``XK`` for Kosovo)."""

    #: The record's field for a region or 'international', if any.
    scope_field: str | None = "scope"
    #: Whether the value is an item of a list of countries (a claim's
    #: ``countries``), where the countries a value lists are each an item.
    listed: bool = False
    label: ClassVar[str] = "country code"

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if countries.is_country(text):
            return text
        # A private value gets the message every private value gets: that
        # it is a region would say something of it.
        if not ctx.redact and countries.is_region_word(text):
            # As the data format says: the headquarters' country, which
            # is where it counts, and the region in scope.
            where = (
                "; give the country of its headquarters if a source says "
                f"it, else leave the field out, and set {self.scope_field} "
                "to regional or international"
                if self.scope_field
                else "; leave the country out"
            )
            what = (
                "names no country"
                if countries.names_no_place(text)
                else "is a region, not a country"
            )
            return ctx.report(
                "unknown-country",
                f"{ctx.show(text)} {what}{where}",
                pos,
                pointer,
            )
        both = () if ctx.redact else countries.either(text)
        if both:
            return ctx.report(
                "unknown-country",
                f"{ctx.show(text)} could mean "
                + " or ".join(
                    f"{code!r} ({countries.country_name(code)})"
                    for code in both
                )
                + "; write the code of the one meant",
                pos,
                pointer,
            )
        several = None if ctx.redact else _several_countries(text)
        if several is not None and len(several) > 1:
            if self.listed:
                # A source's list of countries: each is one of them.
                advice = "write each as an item of the list: " + ", ".join(
                    several
                )
            else:
                # Never "write the first": "UK and Ireland" is often where
                # an organisation works, and no source says which is its
                # base.
                scope = (
                    f" and set {self.scope_field}" if self.scope_field else ""
                )
                advice = (
                    "this field takes one: write the one a source gives "
                    f"({several[0]!r} for "
                    f"{countries.country_name(several[0])}, say), or, if "
                    f"none does, leave it out{scope}; say in notes what "
                    "the source gives"
                )
            return ctx.report(
                "unknown-country",
                f"{ctx.show(text)} is {len(several)} countries; {advice}",
                pos,
                pointer,
            )
        guess = (
            None
            if ctx.redact
            else several[0]
            if several
            else countries.suggest(text)
        )
        # Named too: "no" may be Norway, or a volunteer's "none".  In
        # double quotes, as a file keeps a code: copied as shown, it is
        # what fmt --check wants.
        # With no guess ("Narnia", "ON"), still say what to write: the
        # code alone tells a volunteer nothing.
        # A code typed with a Greek or Cyrillic letter shows as a code:
        # "is not a code" alone would leave the reader staring at "NO".
        alike = None if ctx.redact or guess else _look_alike_code(text)
        other = None if ctx.redact else countries.written_for_another(text)
        hint = (
            f'; did you mean "{guess}" ({countries.country_name(guess)}), '
            f'or "{other[1]}" for {other[0]}?'
            if guess and other
            else f'; did you mean "{guess}" ({countries.country_name(guess)})?'
            if guess
            else f"; {alike}"
            if alike
            # Not "write a code" alone: for "Global South" or "Pan-African"
            # no code is right, and one chosen would be counted as fact.
            else '; write the code of the country a source gives ("IE" for '
            "Ireland, say), or leave the field out"
        )
        # Given for every private value too: only for some, it would tell
        # which values those are.
        if ctx.redact or not_known(text):
            leave_out = (
                "if no source says where it is, leave the field out (it is "
                "counted as unknown)"
            )
            hint = (
                f'; write "{guess}" if {countries.country_name(guess)} is '
                f"meant, or, {leave_out}"
                if guess
                else f"; {leave_out}"
                if not ctx.redact
                # The value is not named, so neither is its code: say how
                # to find it.
                else "; write the country's two-letter code, such as 'GB' "
                "for the United Kingdom (coalition-registry fmt --fix "
                f"writes it for a country's name), or, {leave_out}"
            )
        if not ctx.redact:
            hint = _curly(text) + hint
        return ctx.report(
            "unknown-country",
            f"{ctx.show(text)} is not an ISO 3166-1 alpha-2 code{hint}",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[A-Z]{2}$"}

    def describe(self) -> str:
        return (
            "ISO 3166-1 alpha-2 country code, such as `GB` (`XK` for Kosovo)"
        )


def _look_alike_code(text: str) -> str | None:
    """What is wrong with *text* if it looks like a country code but holds
    a letter of another alphabet that looks like a Latin one (Greek ``Ν``
    and ``Ο`` for ``NO``); else ``None``.

    >>> _look_alike_code("\u039d\u039f")
    "it holds the Greek letter 'Ν' (U+039D), which looks like a Latin letter but is not one: type the code in Latin letters"
    >>> _look_alike_code("\u041d\u0435\u0442") is None  # a word
    True
    """
    if not (2 <= len(text) <= 3 and text.isupper()):
        return None
    letter = look_alike_letter(text)
    if letter:
        return f"it holds {letter}: type the code in Latin letters"
    return None


def mixed_look_alike(text: str) -> str:
    """:func:`look_alike_letter` of *text* when it also has a Latin letter,
    and every other letter looks like one: a word in Cyrillic or Greek
    (``пример``, ``example-λόγος``) is no look-alike, but a word to spell
    otherwise.

    >>> mixed_look_alike("\u043f\u0440\u0438\u043c\u0435\u0440")  # пример
    ''
    >>> mixed_look_alike("example-\u03bb\u03cc\u03b3\u03bf\u03c2")  # λόγος
    ''
    """
    if not any("a" <= char <= "z" for char in text.lower()) or any(
        not char.isascii()
        and char.isalpha()
        and not unicodedata.name(char, "").startswith("LATIN")
        and not _looks_latin(char)
        for char in text
    ):
        return ""
    return look_alike_letter(text)


def _looks_latin(char: str) -> bool:
    """Whether *char*, a letter, is one of another alphabet written like a
    Latin one, or a full-width, mathematical or letter-like form of one.
    """
    return char in _LATIN_LOOKING or (
        not unicodedata.name(char, "").startswith("LATIN")
        and unicodedata.normalize("NFKC", char).isascii()
    )


def look_alike_letter(text: str) -> str:
    """The first letter of *text* that looks like a Latin one but is not
    (Cyrillic ``а``, Greek ``Ο``, a full-width ``ｅ``), named in words with
    its code point; ``""`` when there is none.  An id or a file name
    holding one looks right, and its message would look wrong.

    >>> look_alike_letter("ex\u0430mple-charity")
    "the Cyrillic letter 'а' (U+0430), which looks like a Latin letter but is not one"
    >>> look_alike_letter("example-\u03bb")  # λ looks like no Latin letter
    ''
    """
    if text.isascii():
        return ""
    for char in text:
        if char.isascii() or not char.isalpha():
            continue
        if not _looks_latin(char):
            continue
        script = unicodedata.name(char, "").split(" ", 1)[0]
        if char in _LATIN_LOOKING:
            kind = f"{script.capitalize()} letter"
        else:
            # Full-width, mathematical and letter-like forms of a letter.
            kind = "full-width letter" if script == "FULLWIDTH" else "letter"
        return (
            f"the {kind} {char!r} (U+{ord(char):04X}), which looks like "
            "a Latin letter but is not one"
        )
    return ""


# Letters of other alphabets that are written like Latin ones.
_LOOK_ALIKES: Final = (
    # Cyrillic
    ("АВЕЅІЈКМНОРСТУХаеіјорсухѕԁԛԝүһ", "ABESIJKMHOPCTYXaeijopcyxsdqwyh"),
    # Greek
    ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορυχ", "ABEZHIKMNOPTYXaikvopux"),
    # Armenian
    ("ՕօսհոՏ", "OouhnS"),
)
_LATIN_LOOKING: Final = frozenset("".join(a for a, _ in _LOOK_ALIKES))
_AS_LATIN: Final = str.maketrans(
    "".join(a for a, _ in _LOOK_ALIKES), "".join(b for _, b in _LOOK_ALIKES)
)


def as_latin(text: str) -> str:
    """*text* with each letter of another alphabet that looks like a Latin
    one (:data:`_LATIN_LOOKING`) written as that Latin letter, when it is
    mixed with Latin ones (see :func:`mixed_look_alike`): "Barnardo's" with
    a Cyrillic o is "Barnardo's", to compare; a word in Cyrillic is left.

    >>> as_latin("Barnard\u043e's"), as_latin("\u043f\u0440\u0438")
    ("Barnardo's", '\u043f\u0440\u0438')
    """
    if text.isascii() or not mixed_look_alike(text):
        return text
    return text.translate(_AS_LATIN)


@by_fields
@attrs.frozen(order=False)
class PartialDate:
    """A date known only to its month or only to its year, as sources give
    the date of a letter or a page: "published in March 2021".

    Written ``2021-03`` or ``2021``.  No day is chosen to fill it: a day
    would be taken for the day itself.  Where days are compared with it,
    each comparison takes the end of the period that makes what it says
    sure (see :attr:`first` and :attr:`last`).

    >>> march = PartialDate(2021, 3)
    >>> str(march), march.first, march.last, march.spoken()
    ('2021-03', datetime.date(2021, 3, 1), datetime.date(2021, 3, 31), 'March 2021')
    >>> PartialDate(2020).last, PartialDate(2020).spoken()
    (datetime.date(2020, 12, 31), '2020')

    Attributes:
        year: The year.
        month: The month, 1 to 12, or ``None`` when only the year is known.
    """

    year: int
    month: int | None = None

    def __attrs_post_init__(self) -> None:
        # Built by the validator from checked text, but also by hand.
        if not (1 <= self.year <= 9999 and self.month in _MONTH_NUMBERS):
            raise ValueError(
                f"no such month or year: {self.year}, {self.month}"
            )

    @property
    def first(self) -> dt.date:
        """Its first day."""
        return dt.date(self.year, self.month or 1, 1)

    @property
    def last(self) -> dt.date:
        """Its last day."""
        if self.month is None or self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)

    def isoformat(self) -> str:
        """As written in a record: ``2021-03`` or ``2021``."""
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"

    def spoken(self) -> str:
        """As said in a sentence: ``March 2021`` or ``2021``."""
        if self.month is None:
            return f"{self.year:04d}"
        return f"{_MONTH_NAMES[self.month - 1]} {self.year:04d}"

    def __str__(self) -> str:
        return self.isoformat()


_MONTH_NUMBERS: Final = frozenset({None, *range(1, 13)})
_PARTIAL: Final = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?$")


def first_day(date: dt.date | PartialDate | None) -> dt.date | None:
    """The first day *date* may be: itself, or a period's first day."""
    return date.first if isinstance(date, PartialDate) else date


def last_day(date: dt.date | PartialDate | None) -> dt.date | None:
    """The last day *date* may be: itself, or a period's last day."""
    return date.last if isinstance(date, PartialDate) else date


@attrs.frozen
class Date(FieldType):
    """A calendar date written YYYY-MM-DD, or, where *partial*, a month
    (YYYY-MM) or a year (YYYY) as a :class:`PartialDate`.
    """

    #: Where the advice for a date known only to the month or the year
    #: says to write it: a source or a membership has no notes of its own.
    notes: str = "notes"
    #: Whether a month or a year alone is a value: for the date a letter
    #: or a page was published, which sources often give no closer.  A
    #: signature's or a membership's days decide what counts on each day.
    partial: bool = False
    label: ClassVar[str] = "date"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if raw.__class__ is str and _DATE.fullmatch(raw) is not None:
            try:
                date = _date(raw)
            except ValueError:
                pass  # reported below
            else:
                self._check_year(raw, ctx, pos, pointer)
                return date
        if self.partial and raw.__class__ is int and 0 <= raw <= 9999:
            raw = f"{raw:04d}"  # a year, as a round-trip load reads it
        return super().convert(raw, ctx, pos, pointer)

    def _check_year(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> None:
        # Compared as text: *text* is YYYY-MM-DD, YYYY-MM or YYYY.
        if not _PLAUSIBLE_YEARS[0] <= text[:4] <= _PLAUSIBLE_YEARS[1]:
            _implausible_year(ctx, pos, pointer)
        elif text > _latest_date()[: len(text)] and not ctx.redact:
            # A private day is never compared, today included.
            _future_date(ctx, pos, pointer)

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if _DATE.fullmatch(text):
            try:
                return _date(text)
            except ValueError:
                # 2023-02-30, 0000-01-01: no calendar has the day.
                return ctx.report(
                    "invalid-date",
                    f"{ctx.show(text)} is not a real date; check the day, "
                    "the month and the year against the source",
                    pos,
                    pointer,
                )
        found = _PARTIAL.fullmatch(text) if self.partial else None
        if found is not None:
            month = None if found[2] is None else int(found[2])
            if found[1] == "0000":
                # No calendar has a year 0 (1 BC is followed by AD 1).
                return ctx.report(
                    "invalid-date",
                    f"{ctx.show(text)} is not a real "
                    f"{'year' if month is None else 'month'}; check the year "
                    "against the source",
                    pos,
                    pointer,
                )
            if month in _MONTH_NUMBERS:
                self._check_year(text, ctx, pos, pointer)
                return PartialDate(int(found[1]), month)
            return ctx.report(
                "invalid-date",
                f"{ctx.show(text)} is not a real month",
                pos,
                pointer,
            )
        # A suggestion would repeat a private date in another form.
        hint = (
            ""
            if ctx.redact
            else date_hint(text, notes=self.notes, partial=self.partial)
        )
        written, example = "YYYY-MM-DD", " (for example 2023-09-18)"
        if self.partial:
            # Said with a hint too: "not YYYY-MM-DD; did you mean
            # '2021-09'?" read as if 2021-09 were wrong as well.
            written = "YYYY-MM-DD, or YYYY-MM or YYYY"
            example = (
                " (for example 2023-09-18, or 2023-09 when no source gives "
                "the day)"
            )
        return ctx.report(
            "invalid-date",
            f"{ctx.show(text)} is not a date written {written}"
            f"{hint or example}",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        day = {"type": "string", "format": "date"}
        if not self.partial:
            return day
        return {
            "anyOf": [
                day,
                {"type": "string", "pattern": _PARTIAL_JSON},
                # A year unquoted is a number to an editor's YAML reader.
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }

    def describe(self) -> str:
        if self.partial:
            return "date, YYYY-MM-DD, or YYYY-MM or YYYY when no source gives the day"
        return "date, YYYY-MM-DD"


_PARTIAL_JSON: Final = "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"


_MONTHS: Final = {
    name: i
    for i, month in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        1,
    )
    for name in (month, month[:3], month[:4])
}
_NUMBERS: Final = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")
_YEAR_MONTH: Final = re.compile(r"(\d{4})[/.\-](\d{1,2})")
_YEAR: Final = re.compile(r"(?:19|20)\d\d")
_WORDS: Final = re.compile(r"[a-z]+\.?|\d+")
_TIMESTAMP: Final = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}"
    r"(?:\.[0-9]+)?)? ?(?:Z|UTC|[+-][0-9]{2}:?[0-9]{2})?"
)


_SERIAL_DAY_0: Final = dt.date(1899, 12, 30)


def date_hint(
    text: str, *, notes: str = "notes", partial: bool = False
) -> str:
    """What a date written another way most likely is, as the end of a
    message: ``; did you mean '2023-09-18'?``, the two readings of an
    ambiguous ``03/04/2024``, or, for a date known only to the month or
    the year, to leave the field out and write it in *notes* rather than
    choose a day (where *partial*, to write ``2023-09``).  Empty when there
    is nothing sure to say.

    >>> date_hint("18 September 2023"), date_hint("2023/9/18")
    ("; did you mean '2023-09-18'?", "; did you mean '2023-09-18'?")
    >>> date_hint("03/04/2024")
    "; write '2024-04-03' or '2024-03-04', whichever is meant"
    >>> date_hint("Sept. 2023")  # doctest: +NORMALIZE_WHITESPACE
    "; a date here needs its day: if no source gives the day, leave the
    field out and write 'September 2023' in notes (a day chosen to fill it
    would be taken for the day itself)"
    >>> date_hint("Sept. 2023", partial=True)
    "; did you mean '2023-09'?"
    >>> date_hint("2023-09-18T10:00:00Z")
    "; write the date alone: did you mean '2023-09-18'?"
    >>> date_hint("20230918")
    "; did you mean '2023-09-18'?"
    >>> date_hint("45323")
    "; a spreadsheet's number for the date '2024-02-01'? write that"
    """
    if len(text) > 64:
        return ""  # no date is written that long
    # isdecimal, not isdigit: int() refuses superscripts ("2023²"), which
    # isdigit takes.
    if text.strip().isdecimal() and 20_000 <= int(text) <= 80_000:
        # A spreadsheet counts days from 1899-12-30 (Excel's and
        # LibreOffice's date serial numbers): a date cell copied as a
        # number, from 1954 to 2119.
        day = _SERIAL_DAY_0 + dt.timedelta(days=int(text))
        return f"; a spreadsheet's number for the date {day.isoformat()!r}? write that"
    compact = re.fullmatch(r"((?:1[89]|2[01])\d\d)(\d\d)(\d\d)", text.strip())
    if compact is not None:
        # 20230918: ISO 8601's basic form, as file names and some
        # systems write a date.
        with contextlib.suppress(ValueError):
            day = dt.date(*map(int, compact.groups()))
            return f"; did you mean {day.isoformat()!r}?"
    # Full-width or other scripts' digits (U+FF10 to U+FF19), as some
    # keyboards type them.
    plain = unicodedata.normalize("NFKC", text)
    if plain != text and _DATE.fullmatch(plain):
        with contextlib.suppress(ValueError):
            return f"; did you mean {_date(plain).isoformat()!r}?"
    stamp = _TIMESTAMP.fullmatch(text.strip())
    if stamp is not None:
        # A date and a time, as a spreadsheet or an API writes them.
        with contextlib.suppress(ValueError):
            return (
                f"; write the date alone: did you mean "
                f"{_date(stamp[1]).isoformat()!r}?"
            )
    # Dashes a word processor makes, and "18th": read as meant.
    text = _ORDINAL.sub(r"\1", text.translate(_DASHES))
    if _YEAR.fullmatch(text.strip()):
        # A year alone, as a letter known only to the year is dated.
        if partial:
            return f"; did you mean {text.strip()!r}?"
        return _not_the_day(text.strip(), notes)
    found = _YEAR_MONTH.fullmatch(text.strip())
    # No year 0: "0000-1" is no month to suggest.
    if found is not None and 1 <= int(found[2]) <= 12 and int(found[1]):
        return _month_only(int(found[1]), int(found[2]), notes, partial)
    found = _NUMBERS.fullmatch(text.strip())
    if found is not None:
        a, b, c = found.groups()
        if len(a) == 4:
            readings = [(int(a), int(b), int(c))]
        elif len(c) == 4:
            readings = [(int(c), int(b), int(a)), (int(c), int(a), int(b))]
        else:
            return ""
        return _one_of(readings)
    words = _WORDS.findall(text.lower())
    months = [_MONTHS.get(w.rstrip(".")) for w in words]
    numbers = [int(w) for w in words if w.isdigit()]
    if (
        sum(m is not None for m in months) != 1
        or len(words) != len(numbers) + 1
    ):
        return ""
    month = next(m for m in months if m is not None)
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if n < 1000]
    if len(years) != 1 or len(days) > 1:
        return ""
    if not days:
        return _month_only(years[0], month, notes, partial)
    return _one_of([(years[0], month, days[0])])


# What people write for a country, a figure or a text no source gives.
_NOT_KNOWN: Final = frozenset(
    {
        "unknown",
        "none",
        "n/a",
        "na",
        "tbc",
        "tbd",
        "tba",
        "?",
        "-",
        "not known",
        "no",
        "n.a",
        "n/k",
        "not applicable",
        "not stated",
        "unspecified",
    }
)
# The longest of them, with room for spaces and a full stop around it.
_LONGEST_PLACEHOLDER: Final = max(map(len, _NOT_KNOWN)) + 4


def not_known(text: str) -> bool:
    """Whether *text*, which is not a country code, is what volunteers
    write for "not known" (``N/A``, ``TBC``, ``no``...).  ``no`` and ``na``
    are Norway's and Namibia's codes in lower case too: which is meant is
    for a person to say.

    >>> not_known("N/A"), not_known("no"), not_known("Norway")
    (True, True, False)
    >>> not_known("\uff4e\uff4f")  # no, in full-width letters
    True
    """
    return _plain(text) in _NOT_KNOWN


def _plain(text: str) -> str:
    """*text* as :func:`not_known` compares it: full-width letters as
    ASCII ones (as a Japanese or Chinese keyboard types them), in lower
    case, without spaces or a full stop at the end.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.strip().lower().rstrip(".")


_DASHES: Final = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-")
)
_ORDINAL: Final = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)


def _month_only(year: int, month: int, notes: str, partial: bool) -> str:
    if partial:
        return f"; did you mean {f'{year:04d}-{month:02d}'!r}?"
    # Never "write the 1st": a day the source does not give would be
    # recorded, and counted from, as the day itself.
    return _not_the_day(f"{_MONTH_NAMES[month - 1]} {year:04d}", notes)


def _not_the_day(known: str, notes: str) -> str:
    return (
        "; a date here needs its day: if no source gives the day, leave "
        f"the field out and write '{known}' in {notes} (a day chosen to fill "
        "it would be taken for the day itself)"
    )


_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


def _one_of(readings: list[tuple[int, int, int]]) -> str:
    real = []
    for year, month, day in readings:
        try:
            date = dt.date(year, month, day).isoformat()
        except (ValueError, OverflowError):
            continue
        if date not in real:
            real.append(date)
    if len(real) == 1:
        return f"; did you mean {real[0]!r}?"
    if len(real) == 2:
        return f"; write {real[0]!r} or {real[1]!r}, whichever is meant"
    return ""


# Open letters and their sources are modern: a year outside these was
# almost always mistyped (0223, 2203).  Compared as text, the year's four
# digits, since the date is known to match _DATE.
_PLAUSIBLE_YEARS: Final = ("1900", "2100")


def _implausible_year(ctx: Context, pos: Pos, pointer: str) -> None:
    field = _field_of(pointer)
    # The date is not repeated: it may be a hidden person's.
    ctx.report(
        "implausible-date",
        f"the year is before {_PLAUSIBLE_YEARS[0]} or after "
        f"{_PLAUSIBLE_YEARS[1]}, which is most likely a typing mistake; "
        f"check the year of {field}",
        pos,
        pointer,
    )


#: How a message on a date after today starts: such a problem holds only
#: until the day comes (see :mod:`coalition_registry.cache`).
AFTER_TODAY: Final = "the date is after today"


def _future_date(ctx: Context, pos: Pos, pointer: str) -> None:
    field = _field_of(pointer)
    # Every date the registry records is of something that has happened:
    # a letter published, a page read, a signature given or withdrawn.
    ctx.report(
        "implausible-date",
        f"{AFTER_TODAY}, which is most likely a typing mistake; check the "
        f"year of {field}",
        pos,
        pointer,
    )


# The latest plausible date, as text, and until when it holds: the day
# after today in UTC, which is today somewhere (UTC+14 at most), so that
# a page dated where the day has begun already is not taken for one in the
# future.  Looked up once a minute, not once a date: a registry holds
# hundreds of thousands.
_LATEST: Final[list[Any]] = [0.0, ""]


def _latest_date() -> str:
    now = time.time()
    if now >= _LATEST[0]:
        today = dt.datetime.fromtimestamp(now, dt.UTC).date()
        _LATEST[:] = [now + 60, (today + dt.timedelta(days=1)).isoformat()]
    return str(_LATEST[1])


# Dates repeat across records, and a date is immutable: share them.
_date: Final = functools.lru_cache(maxsize=4096)(dt.date.fromisoformat)


@attrs.frozen
class Url(FieldType):
    """An absolute http or https URL."""

    label: ClassVar[str] = "URL"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if raw.__class__ is str and raw.isascii() and _is_url(raw):
            if len(raw) in _TEMPLATE_LENGTHS:
                check_template(raw, ctx, pos, pointer)
            if "@" in raw or "%" in raw or "+" in raw:
                return _without_contact(raw, ctx, pos, pointer)
            return raw
        return super().convert(raw, ctx, pos, pointer)

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if _is_url(text):
            return _without_contact(text, ctx, pos, pointer)
        meant = None if ctx.redact else _url_meant(text)
        hint = (
            f"; did you mean {meant!r}?"
            if meant
            else ""
            if ctx.redact
            else _url_words(text, pointer)
        )
        if not hint:
            # Every message says what to do; a private value gets the
            # same words whatever it is.
            hint = _COPY_ADDRESS if ctx.redact else _url_why(text)
        if not ctx.redact:
            hint = _curly(text) + hint
        return ctx.report(
            "invalid-url",
            f"{ctx.show(text)} is not an absolute http(s) URL{hint}",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        # The scheme in any case, as the validator takes it ("HTTPS://").
        return {
            "type": "string",
            "format": "uri",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://",
        }

    def describe(self) -> str:
        return "URL starting with `https://` (or `http://`)"


# The quotes check_suspicious looks for, to strip from an address.
_CURLY_QUOTES: Final = "".join(sorted(_CURLY_OPEN | _CURLY_CLOSE))
# "https//", "https:/", "http:" and the like: a scheme typed wrongly.
_BROKEN_SCHEME: Final = re.compile(r"(?i)https?(?::/{0,3}|/{1,3})(?=[^/])")


def _without_contact(url: str, ctx: Context, pos: Pos, pointer: str) -> Any:
    """*url*, or a problem when it holds contact details: a sign-up form's
    link copied with its answers filled in
    (``viewform?entry.1=name@example.org&entry.2=%2B447700900123``), an
    address in its path.
    """
    parts = urlsplit(url)
    # Each part of the path and each value of the query on its own, as
    # the browser reads them ('+' a space in a query, '%2B' a plus).
    text = " ".join(
        (
            *map(unquote, parts.path.split("/")),
            *(unquote_plus(v) for v in re.split(r"[&;=]", parts.query)),
            unquote(parts.fragment),
        )
    )
    found = holds_contact(text)
    if found is None:
        return url
    return ctx.report(
        "contact-details",
        f"{_field_of(pointer) or 'url'!r} holds {found} (not shown), and "
        "the registry never records how to reach anyone: link to the page "
        "without it (a form's link copied after filling it in holds the "
        "answers after its '?')",
        pos,
        pointer,
    )


def _url_words(text: str, pointer: str) -> str:
    """What to do with an address at *pointer* that has other words, or
    another address, beside it.
    """
    words = text.split()
    if len(words) < 2 or not any(map(_is_url, words)):
        return ""
    in_source = re.search(r"\.sources\[\d+\]\.url$", pointer) is not None
    if sum(map(_is_url, words)) > 1:
        return "; it holds more than one address: " + (
            "give each its own source, starting with '- url: '"
            if in_source
            else "keep one"
        )
    where = "in the source's title or quote" if in_source else "in notes"
    return (
        "; an address holds no spaces (one inside it is written %20): keep "
        f"the address alone here, and put any other words {where}"
    )


_COPY_ADDRESS: Final = (
    "; copy the page's full address from the browser's address bar, "
    "starting with https://"
)
# A file on a computer: "file:///C:/...", "C:\\Users\\...", "/Users/...".
_LOCAL_FILE: Final = re.compile(
    r"(?i)file:|[a-z]:[\\/]|\\\\|~/|/(?:Users|home|tmp|mnt|Volumes)/"
)
# What comes before "://" (or a slip of it), to tell a misspelt scheme.
_SCHEME_TYPED: Final = re.compile(r"(?P<scheme>[A-Za-z]{2,8})[:;]?/{1,3}")


def _bad_port(url: str) -> bool:
    """Whether *url* has a port that is no number from 0 to 65535."""
    try:
        urlsplit(url).port  # noqa: B018 - read, as it raises for such a port
    except ValueError:
        return True
    return False


def _url_why(text: str) -> str:
    """Why *text* is not an address a source can cite, and what to write,
    when no address one mistake away can be suggested.
    """
    bare = text.strip()
    if _LOCAL_FILE.match(bare):
        return (
            "; it is the address of a file on a computer, which no reader "
            "can open: cite the public web page (https://...) that holds "
            "the source"
        )
    try:
        parts = urlsplit(bare)
        credentials = parts.username is not None or parts.password is not None
    except ValueError:
        credentials = False
    if credentials:
        # A user name or a password pasted with the address would be
        # published with the registry.
        host = parts.netloc.rpartition("@")[2]
        bare_url = parts._replace(netloc=host).geturl()
        meant = f": {bare_url!r}" if _is_url(bare_url) else ""
        return (
            "; it holds a user name or a password before '@', which would be "
            f"published: remove them, and the '@'{meant}"
        )
    if _bad_port(bare):
        return (
            "; its port, the number after the host's ':', is no number "
            "from 0 to 65535: copy the page's address again from the "
            "browser's address bar"
        )
    typed = _SCHEME_TYPED.match(bare)
    if typed is not None:
        close = difflib.get_close_matches(
            typed["scheme"].lower(), ["https", "http"], n=1, cutoff=0.75
        )
        if close:
            meant = f"{close[0]}://{bare[typed.end() :]}"
            if _is_url(meant):
                return f"; did you mean {meant!r}?"
    if _NOT_IN_URL.search(bare):
        return (
            "; a web address holds no double quote and no < or >, as "
            "copied from a page's HTML with what followed it: copy the "
            "page's address again from the browser's address bar"
        )
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", bare) and "://" not in bare[:12]:
        # mailto:, tel:, javascript:...: not a page.
        return (
            "; only the address of a web page (https:// or http://) can "
            "go here: give the page's address"
        )
    return _COPY_ADDRESS


# An address in a Markdown link, "[text](https://...)", or in angle
# brackets, "<https://...>", as copied from a chat or a document.
_WRAPPED_URL: Final = re.compile(r"\[[^\]]*\]\((\S+)\)|<(\S+)>")


def _url_meant(text: str) -> str | None:
    """The address *text* most likely meant, when it is one mistake away
    from an absolute http(s) URL: ``https//x.org``, ``www.x.org``.
    """
    # Quotes a word processor typed, around an address or inside it.
    text = text.strip().strip(_CURLY_QUOTES + '"')
    wrapped = _WRAPPED_URL.fullmatch(text)
    if wrapped is not None:
        text = wrapped.group(1) or wrapped.group(2)
    if _is_url(text):
        return text
    # A bracket or a full stop copied from the sentence around it.
    trimmed = text.rstrip(").,;:]")
    if trimmed != text and "(" not in trimmed and _is_url(trimmed):
        return trimmed
    cut = _NOT_IN_URL.search(text)
    if cut is not None:
        # 'https://x.org/"><b>': the address, and the HTML after it.
        return text[: cut.start()] if _is_url(text[: cut.start()]) else None
    broken = _BROKEN_SCHEME.match(text)
    if broken is not None:
        meant = "https://" + text[broken.end() :]
    elif ":" in text.split("/", 1)[0]:
        return None  # another scheme (mailto:, ftp:): no guess
    else:
        meant = "https://" + text.lstrip("/")
    return meant if _is_url(meant) else None


# A separator starts where a run of blanks starts (or right after the blanks
# the last one took): tried inside a run too, a long run of blanks with no
# separator after it took time in the square of its length.
_LIST_OF_WORDS: Final = re.compile(
    r"(?<!\s)\s*(?:[,;/&+]|\band\b)\s*|(?<=\s)(?:[,;/&+]|\band\b)\s*",
    re.IGNORECASE,
)


def _several_countries(text: str) -> list[str] | None:
    """The codes of the countries *text* lists ("GB, IE", "Spain and
    Portugal", "UK & Ireland"), each once, in order: one code when every
    item names the same country ("England, Wales"); ``None`` when *text*
    is no list of countries, or one country's name ("Trinidad and Tobago").

    >>> _several_countries("Spain, Portugal"), _several_countries("UK & Ireland")
    (['ES', 'PT'], ['GB', 'IE'])
    >>> _several_countries("England and Wales"), _several_countries("N/A")
    (None, None)
    """
    parts = [p for p in _LIST_OF_WORDS.split(text) if p]
    if len(parts) < 2 or countries.suggest(text) is not None:
        return None
    codes: list[str] = []
    for part in parts:
        code = _one_country(part)
        if code is None:
            return None
        if code not in codes:
            codes.append(code)
    return codes


def _one_country(text: str) -> str | None:
    """The code one item of a list means: a code in any case, or a name
    (never a single letter, as in the "N" and "A" of "N/A").
    """
    if len(text) < 2:
        return None
    upper = text.upper()
    return upper if countries.is_country(upper) else countries.suggest(text)


# A host name of dot-separated labels, with a top-level one (IDN hosts as
# written, in any script; an IPv4 or IPv6 address too).  An IPv6 address
# is split at its first colon: split at each colon in turn, a long run of
# them was walked to its end once for each (urlsplit refuses such a host
# in brackets since Python 3.11.4, but not before).
_HOST: Final = re.compile(
    r"(?:[\w-]{1,63}\.)+[\w-]{2,63}|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f.]*:[0-9a-f:.]*"
)


_NOT_IN_URL: Final = re.compile(r'["<>]')


# Many records cite the same few pages: check each address once.
@functools.lru_cache(maxsize=4096)
def _is_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        if not host.isascii():
            # Vowel signs (Devanagari, Tamil) are marks, not \w: a host in
            # those scripts is still labels.
            host = "".join(
                c for c in host if not unicodedata.category(c).startswith("M")
            )
        _ = parts.port  # a port out of range, or not a number, raises
        return (
            parts.scheme in {"http", "https"}
            and _HOST.fullmatch(host.removesuffix(".")) is not None
            and _SPACE.search(text) is None
            # A Windows path pasted: browsers read it differently.
            and "\\" not in parts.netloc + parts.path
            # A user name or a password: published, and a page to trick
            # a reader ("https://bank.example@evil.example").
            and "@" not in parts.netloc
            # No address holds them (RFC 3986): pasted from a page's HTML.
            and _NOT_IN_URL.search(text) is None
        )
    except ValueError:
        return False


@attrs.frozen
class Count(FieldType):
    """A whole number; with ``unknown_ok``, the word ``unknown`` too."""

    minimum: int = 0
    unknown_ok: bool = False
    label: ClassVar[str] = "whole number"

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if self.unknown_ok and text == "unknown":
            return None
        # Checked by length first: int() of thousands of digits is slow,
        # and refused past Python's limit, with a traceback.
        if (
            len(text) <= _MOST_DIGITS
            and _INT.fullmatch(text)
            and self.minimum <= int(text) <= _MOST_PEOPLE
        ):
            return int(text)
        also = " or the word unknown" if self.unknown_ok else ""
        return ctx.report(
            "invalid-value",
            f"{ctx.show(text)} is not a whole number from {self.minimum} to "
            f"{_MOST_PEOPLE:,}{also}{self._hint(text, ctx.redact)}",
            pos,
            pointer,
        )

    def _hint(self, text: str, redact: bool) -> str:
        """How to write a figure as a spreadsheet or a press release gives
        it (``1,200``, ``100+``, ``~50``); the same for every private
        value, which it must not tell apart.
        """
        plain = "; write digits only, with no separators, signs or words"
        if redact:
            return plain
        bare = text.strip()
        if (
            bare.isdecimal()
            and not bare.isascii()
            and len(bare) <= _MOST_DIGITS
        ):
            # Digits of another script (Arabic-Indic, full-width), as a sheet in
            # Arabic or in Japanese gives them: int() reads them.
            digits = str(int(bare))
            return (
                f"; write it in the digits 0 to 9: did you mean {digits}?"
                if self._fits(digits)
                else plain
            )
        if _INT.fullmatch(bare):
            # Out of range (the message says the range), or padded.
            fits = bare != text and self._fits(bare)
            if fits:
                return f"; did you mean {bare}?"
            if len(bare) > _MOST_DIGITS or int(bare) > _MOST_PEOPLE:
                return (
                    "; it is more than there are people: check the figure "
                    "against its source"
                )
            # By length first: int() refuses thousands of digits.
            if (
                self.unknown_ok
                and len(bare) <= _MOST_DIGITS
                and int(bare) < self.minimum
            ):
                return (
                    f"; a group has at least {self.minimum} member: if no "
                    "source gives the figure, write unknown"
                )
            return ""
        word = bare.lower()
        if self.unknown_ok and word == "unknown":
            return "; write unknown in lower case"
        if self.unknown_ok and (not_known(bare) or word in _UNDISCLOSED):
            return "; if no source gives the figure, write unknown"
        if _GROUPED.fullmatch(bare):
            digits = re.sub(r"[^0-9]", "", bare)
            # A figure out of range is not offered: the message says the
            # range.
            return f"; did you mean {digits}?" if self._fits(digits) else ""
        between = _RANGE.fullmatch(bare)
        if between is not None:
            low, high = (re.sub(r"[^0-9]", "", n) for n in between.groups())
            if (
                not self._fits(low)
                or len(low) > len(high)
                or (len(low) == len(high) and low >= high)
            ):
                return plain  # not a range from low to high
            if self.unknown_ok:
                return (
                    "; the source gives a range, and a group is counted as "
                    "its exact size: write unknown, and say in notes what "
                    "the source says"
                )
            return (
                f"; the source gives a range: write its lower figure, {low}, "
                "and add qualifier: at-least"
            )
        if re.fullmatch(r"[A-Za-z][A-Za-z -]*", bare):
            from .model import figures_in  # model imports this module

            # "forty-three", as a press release writes a figure.
            said = figures_in(bare)
            if len(said) == 1 and self._fits(str(n := said.pop())):
                return f"; did you mean {n}?"
        bound = _BOUND.fullmatch(bare)
        if bound is None:
            return plain
        figure = re.sub(r"[^0-9]", "", bound.group("n"))
        if not self._fits(figure):
            return ""
        if self.unknown_ok:
            if (bound.group("under") or "").strip():
                return (
                    "; the source gives only an upper bound, and a "
                    "group is counted as its exact size: write unknown, and "
                    "say in notes what the source says"
                )
            if bound.group("plus") or (bound.group("over") or "").strip():
                # A group counts as its size exactly: a lower bound is no
                # size, and counted as one would be taken for exact.
                return (
                    "; the source gives only a lower bound, and a "
                    "group is counted as its exact size: write unknown, and "
                    "say in notes what the source says"
                )
            return (
                f"; write the figure a source states ({figure}), or "
                "unknown, and say in notes what the source says"
            )
        if (bound.group("under") or "").strip():
            return f"; write {figure}, and add qualifier: at-most"
        if bound.group("plus") or (bound.group("over") or "").strip():
            return f"; write {figure}, and add qualifier: at-least"
        if bound.group("about"):
            return f"; write {figure}, and add qualifier: about"
        return f"; write the figure the source gives, {figure}"

    def _fits(self, digits: str) -> bool:
        """Whether *digits* is a figure this field takes."""
        return (
            len(digits) <= _MOST_DIGITS
            and self.minimum <= int(digits) <= _MOST_PEOPLE
        )

    def json_schema(self) -> dict[str, Any]:
        number: dict[str, Any] = {
            "type": "integer",
            "minimum": self.minimum,
            "maximum": _MOST_PEOPLE,
        }
        # Digits in quotes ("30") are read as the number too, as a
        # spreadsheet pasted in writes them: an editor must not flag them.
        # As _fits reads them: leading zeros are taken ("011" is 11), and
        # a figure of _MOST_DIGITS digits at most.
        nonzero = "" if self.minimum == 0 else "(?=0*[1-9])"
        written = {
            "type": "string",
            "pattern": f"^{nonzero}[0-9]{{1,{_MOST_DIGITS}}}$",
        }
        if self.unknown_ok:
            return {"oneOf": [number, written, {"const": "unknown"}]}
        return {"oneOf": [number, written]}

    def describe(self) -> str:
        also = ", or `unknown`" if self.unknown_ok else ""
        return f"whole number ({self.minimum} to {_MOST_PEOPLE:,}){also}"


#: The version of the data format this library reads.
SCHEMA_VERSION: Final = 1


@attrs.frozen
class FormatVersion(Count):
    """The version of the data format a registry's files use: read as any
    whole number up to 10,000,000,000, so that the validator can say to
    upgrade for a later one; an editor is told the one version this
    library reads.
    """

    minimum: int = 1

    def convert_text(
        self, text: str, ctx: Context, pos: Pos, pointer: str
    ) -> Any:
        if _INT.fullmatch(text) and self._fits(text):
            return int(text)
        # "not a whole number from 1 to 10,000,000,000" is a count's words.
        return ctx.report(
            "invalid-value",
            f"{ctx.show(text)} is no version of the data format; write "
            f"{SCHEMA_VERSION}, the version this library reads",
            pos,
            pointer,
        )

    def json_schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"const": SCHEMA_VERSION},
                # Quoted, and with leading zeros, as Count reads it.
                {"type": "string", "pattern": f"^0*{SCHEMA_VERSION}$"},
            ]
        }

    def describe(self) -> str:
        return f"`{SCHEMA_VERSION}`"


# What a source writes for a figure it keeps to itself.
_UNDISCLOSED: Final = frozenset(
    {"undisclosed", "not disclosed", "withheld", "confidential", "private"}
)


# More than there are people: a count above it is a typing mistake.
_MOST_PEOPLE: Final = 10**10
_MOST_DIGITS: Final = len(str(_MOST_PEOPLE))


#: How a word processor's list item starts, pasted: a bullet, a dash that
#: is not a hyphen, or a number ("1." or "1)"), then a space.
_BULLET: Final = re.compile(
    r"(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2043\u2219\u2013\u2014\u2012\u2015\u2212+o]|\d+[.)])\s"
)


@attrs.frozen
class ListOf(FieldType):
    """A list of values of one type; converted to a tuple.  With *unique*,
    a value given twice is an error at the second (a claim's countries
    listed twice would say more countries than it names).
    """

    item: FieldType
    unique: bool = False
    label: ClassVar[str] = "list"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if not isinstance(raw, YSeq):
            hint = (
                "; write it as a list, one '- item' per line"
                if isinstance(raw, str)
                else ""
            )
            # Items written "-ECSF", or with an en dash or a bullet: one
            # text of every line, as YAML joins them.  Not said of a private
            # value: the hint would tell how it starts.
            text = raw if isinstance(raw, str) and not ctx.redact else ""
            if text.startswith("-") or (
                isinstance(raw, YMap) and any(k.startswith("-") for k in raw)
            ):
                # "-url: ..." is a key spelt with a dash, not a list item.
                hint = "; put a space after each '-' that starts an item"
            elif _BULLET.match(text) or (
                isinstance(raw, YMap) and any(map(_BULLET.match, raw))
            ):
                # "• url: ...", as a word processor's list is pasted.
                hint = (
                    "; a list item starts with '- ' (a hyphen and a space), "
                    "not with a bullet, a dash or a number as a word "
                    "processor writes them: retype the start of each item"
                )
            elif isinstance(raw, YMap):
                # "sources:\n  url: ..." with the hyphen left out: "mapping"
                # alone does not tell a volunteer what to type.  The example
                # field comes from the schema, never from the file, which
                # may be private.
                hint = "; start each item with '- ' (a hyphen and a space)"
                if isinstance(self.item, Nested):
                    required = _plan(self.item.cls).required
                    if required:
                        hint += f", as in '- {required[0][0]}: ...'"
            return ctx.report(
                "wrong-shape",
                f"expected a list, found {shape_of(raw)}{hint}",
                pos,
                pointer,
            )
        out = []
        ok = True
        first: dict[Any, Pos] = {}
        for i, (value, item_pos) in enumerate(
            zip(raw, raw.item_pos, strict=True)
        ):
            here = f"{pointer}[{i}]"
            if value is DROPPED:
                ok = False
                continue
            if value is None:
                ctx.report(
                    "wrong-shape", "this list item is empty", item_pos, here
                )
                ok = False
                continue
            # "- quote: ..." under a source: a field of the item above
            # given a "- " of its own, which makes it an item lacking
            # everything the other has.
            above = raw[i - 1] if i else None
            outer = ctx.split_from
            ctx.split_from = (
                raw.item_pos[i - 1][0]
                if isinstance(value, YMap)
                and isinstance(above, YMap)
                and value.keys().isdisjoint(above.keys())
                else None
            )
            converted = self.item.convert(value, ctx, item_pos, here)
            ctx.split_from = outer
            if converted is INVALID:
                ok = False
            elif self.unique and converted in first:
                ctx.report(
                    "invalid-value",
                    f"{ctx.show(str(converted))} is listed twice (first at "
                    f"line {first[converted][0]}, column "
                    f"{first[converted][1]}); remove this one",
                    item_pos,
                    here,
                )
                ok = False
            else:
                if self.unique:
                    first[converted] = item_pos
                out.append(converted)
        return tuple(out) if ok else INVALID

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "array",
            "items": self.item.json_schema(),
        }
        if self.unique:
            schema["uniqueItems"] = True
        return schema

    def describe(self) -> str:
        return f"list of {self.item.describe()}"


@attrs.frozen
class Identifiers(FieldType):
    """A mapping of identifier scheme to identifier, both kept as text."""

    label: ClassVar[str] = "mapping"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if not isinstance(raw, YMap):
            return ctx.report(
                "wrong-shape",
                f"expected a mapping of scheme: identifier, found "
                f"{shape_of(raw)}",
                pos,
                pointer,
            )
        out = []
        ok = True
        for scheme, value in raw.items():
            # Private identifiers: their schemes are not repeated either
            # (a scheme written by mistake can be the identifier).
            shown = (
                "the scheme written here (not shown: private)"
                if ctx.redact
                else _quoted(scheme)
            )
            here = pointer if ctx.redact else f"{pointer}.{scheme}"
            if not _SCHEME.fullmatch(scheme):
                ctx.report(
                    "invalid-value",
                    f"{shown} is not an identifier scheme; use a code "
                    "such as GB-CHC, GB-SC, NL-KVK or wikidata",
                    raw.key_pos[scheme],
                    here,
                )
                ok = False
                continue
            if value is DROPPED:
                ok = False
                continue
            if not isinstance(value, str) or not value.strip():
                # Blank text is text: say it is blank, not "found text".
                found = (
                    "blank text" if isinstance(value, str) else shape_of(value)
                )
                ctx.report(
                    "wrong-shape",
                    "this identifier (not shown: private) must be text, "
                    f"found {found}"
                    if ctx.redact
                    else f"the identifier for {scheme} must be text, found "
                    f"{found}",
                    raw.value_pos[scheme],
                    here,
                )
                ok = False
                continue
            if holds_contact(value):
                check_contact(value, ctx, raw.value_pos[scheme], here)
                ok = False
                continue
            out.append((scheme, value))
        return tuple(out) if ok else INVALID

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": _SCHEME.pattern},
            "additionalProperties": {"type": "string", "minLength": 1},
        }

    def describe(self) -> str:
        return (
            "mapping of scheme to identifier, such as `GB-CHC: '216250'`; "
            "identifiers are always kept as text"
        )


@attrs.frozen
class Nested(FieldType):
    """A mapping that is itself a small record (a source, a claim...)."""

    cls: type[Any]
    label: ClassVar[str] = "mapping"

    def convert(self, raw: Any, ctx: Context, pos: Pos, pointer: str) -> Any:
        if not isinstance(raw, YMap):
            # The first field a record of the kind needs, as an example of
            # how to write one ("- url: ..." for a source).
            required = _plan(self.cls).required
            first = required[0][0] if required else None
            hint = (
                f"; write its fields, starting with '{first}: ...'"
                if isinstance(raw, str) and first is not None
                else ""
            )
            return ctx.report(
                "wrong-shape",
                f"expected a mapping with the fields of "
                f"{a(kind_name(self.cls))}, found {shape_of(raw)}{hint}",
                pos,
                pointer,
            )
        return build(self.cls, raw, ctx, pointer)

    def json_schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.cls.__name__}"}

    def describe(self) -> str:
        return f"{kind_name(self.cls)} (see below)"


def kind_name(cls: type[Any]) -> str:
    """The name of a record class for people: ``Source`` -> ``source``."""
    name = getattr(cls, "kind_name", None)
    return name if isinstance(name, str) else cls.__name__.lower()


def a(noun: str) -> str:
    """*noun* with its indefinite article: ``an organisation``."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


@attrs.frozen
class FieldSpec:
    """How one record field is written in YAML.

    Attributes:
        type: Its field type.
        required: Whether it must be given.
        doc: One sentence for the data-format reference.
        example: An example value as written in YAML.
        private_ok: Whether ``private:`` may list it.
    """

    type: FieldType
    required: bool = False
    doc: str = ""
    example: str = ""
    private_ok: bool = True


_META_KEY: Final = "coalition_registry"


def field(
    type_: FieldType,
    *,
    required: bool = False,
    doc: str = "",
    example: str = "",
    default: Any = None,
    private_ok: bool = True,
) -> Any:
    """An attrs field described for YAML: see :class:`FieldSpec`."""
    meta = {_META_KEY: FieldSpec(type_, required, doc, example, private_ok)}
    if isinstance(type_, (ListOf, Identifiers)) and default is None:
        return attrs.field(default=(), metadata=meta)
    if required:
        return attrs.field(metadata=meta)
    return attrs.field(default=default, metadata=meta)


def spec_of(attribute: attrs.Attribute[Any]) -> FieldSpec | None:
    """The YAML description of an attrs field, if it has one."""
    spec = attribute.metadata.get(_META_KEY)
    return spec if isinstance(spec, FieldSpec) else None


_FIELDS_CACHE: dict[type[Any], dict[str, FieldSpec]] = {}


def yaml_fields(cls: type[Any]) -> dict[str, FieldSpec]:
    """The fields of a record class that are written in YAML, in order."""
    cached = _FIELDS_CACHE.get(cls)
    if cached is not None:
        return cached
    out = {}
    for a in attrs.fields(cls):
        spec = spec_of(a)
        if spec is not None:
            out[a.name] = spec
    _FIELDS_CACHE[cls] = out
    return out


def _did_you_mean(word: str, options: Sequence[str]) -> str:
    close = _close_field(word, options)
    return f" (did you mean {close!r}?)" if close else ""


def _close_field(word: str, options: Sequence[str]) -> str:
    """The one of *options* that *word* is likely a misspelling of, or
    ``""``.
    """
    if len(word) > _SHOWN_CHARACTERS:
        return ""  # no field's name is that long; and the search is slow
    # Fields are in lower case: 'ID' or 'URL' in capitals is no near miss
    # to difflib, which compares characters as they are.
    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    return close[0] if close else ""


#: Hook: checks a record kind needs beyond its fields (set by model).
Check = Callable[[Any, YMap, Context, str], None]


@attrs.frozen
class _Plan:
    """What :func:`build` needs to know about a record class, worked out
    once per class.
    """

    fields: dict[str, FieldSpec]
    # For each field but private: its conversion and its pointer suffix.
    converters: dict[str, tuple[Callable[..., Any], str]]
    required: tuple[tuple[str, str], ...]
    hide_all: Callable[[YMap], bool] | None
    check: Check | None
    # The fields whose keys' positions are kept too (identifiers), so that
    # a problem found later can point at one key.
    keyed: tuple[str, ...] = ()


_PLANS: dict[type[Any], _Plan] = {}


def _plan(cls: type[Any]) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        fields = yaml_fields(cls)
        required = []
        for name, spec in fields.items():
            if spec.required:
                meaning = spec.doc.rstrip(".")
                required.append(
                    (
                        name,
                        f" ({meaning[0].lower()}{meaning[1:]})"
                        if meaning
                        else "",
                    )
                )
        plan = _PLANS[cls] = _Plan(
            fields,
            {
                name: (spec.type.convert, "." + name)
                for name, spec in fields.items()
                if name != "private"
            },
            tuple(required),
            getattr(cls, "__hide_all__", None),
            getattr(cls, "__check__", None),
            tuple(
                name
                for name, spec in fields.items()
                if isinstance(spec.type, Identifiers)
            ),
        )
    return plan


def report_missing(
    ctx: Context, raw: YMap, name: str, needs: str, pointer: str
) -> None:
    """Report the required field *name* as missing from *raw* (*needs* says
    what needs it), or, when its key is written with no value, as empty
    where it is.
    """
    if name not in raw:
        split = ""
        if ctx.split_from is not None and len(raw) == 1:
            (field,) = raw
            split = (
                f"; if {str(field)!r} belongs to the item above (line "
                f"{ctx.split_from}), delete the '- ' before it and line it "
                "up under that item's fields"
            )
        ctx.report("missing-field", needs + split, raw.pos, pointer)
        return
    at = (
        None
        if ctx.source is None
        else ctx.source.comment_at(raw.value_pos[name])
    )
    if at is not None:
        # The value is never shown: it is all in the comment, and may be
        # private.
        ctx.report(
            "missing-field",
            f"{needs}, and here it is empty: YAML reads '#' and all that "
            "follows it on the line as a comment; put the value in "
            f'quotes, as in {name}: "#..."',
            at,
            f"{pointer}.{name}",
        )
        return
    ctx.report(
        "missing-field",
        f"{needs}, and here it is empty; write its value after '{name}:'",
        raw.key_pos[name],
        f"{pointer}.{name}",
    )


def build(cls: type[Any], raw: YMap, ctx: Context, pointer: str = "$") -> Any:
    """Build a record of *cls* from a parsed mapping, reporting every problem.

    The record remembers where it starts (``location``) and where each of
    its fields' values is written (``positions``).

    Returns the record, or :data:`INVALID` when any error was found in it.
    """
    plan = _plan(cls)
    fields = plan.fields
    converters = plan.converters
    errors_before = ctx.errors
    # A record nested in a private field (or in a person who is not
    # public) stays private all the way down.
    inherited = ctx.redact
    private = (
        _private_fields(cls, raw, fields, ctx, pointer)
        if "private" in raw
        else ()
    )
    # With the fields whose values would tell a private one (a private
    # capacity hides on_behalf_of).
    unshown = hidden_fields(cls, private) if private else private
    # A record whose name is private may be told by any of its values (a
    # website, a source's address, which most often names it).
    hide_all = hides_all(cls, raw) or "name" in unshown
    values: dict[str, Any] = (
        {"private": private} if "private" in fields else {}
    )
    meant: frozenset[str] = frozenset()
    if not raw.keys() <= fields.keys():
        # A key written by mistake in a private record can be the very
        # value that must not be printed.
        hidden = (
            inherited
            or hide_all
            or ctx.private_record
            # A kind with no private list (registry.yaml) keeps nothing
            # private by writing one: the key is its only mistake.
            or ("private" in raw and "private" in fields)
        )
        meant = _report_unknown(cls, raw, fields, ctx, pointer, hidden=hidden)
    dropped = False
    value_pos = raw.value_pos
    # A record nested in a field (a source) may say a field of this one
    # was written at its indentation (see _misplaced).
    outer, ctx.parent = ctx.parent, (cls, raw)
    for name, written in raw.items():
        converter = converters.get(name)
        if converter is None or written is None:
            continue  # unknown (reported above), private, or missing
        if written is DROPPED:
            dropped = True
            continue
        convert, suffix = converter
        # isspace, not strip: no copy of every value of every record.
        if written.__class__ is str and (
            not written
            or written.isspace()
            # Nearly every value is ASCII: no call for it, on a hot path.
            or (not written.isascii() and _unseen(written))
        ):
            # 'name: ""': blank, where a value must be given.  Said here,
            # where the record's kind is known, so that the advice is not
            # to remove the line.
            meaning = dict(plan.required).get(name)
            # Text and addresses only: an id, a reference or a choice has
            # its own message, which says how it is written.
            if meaning is not None and isinstance(
                fields[name].type, (Text, Url)
            ):
                shows = (
                    "is blank"
                    if not written or written.isspace()
                    else "shows nothing (it holds only invisible characters)"
                )
                ctx.report(
                    "invalid-value",
                    f"this text {shows}, and {a(kind_name(cls))} needs the "
                    f"field {name!r}{meaning}; write its value between the "
                    "quotes",
                    value_pos[name],
                    pointer + suffix,
                )
                continue
        listed = name in unshown and not ctx.private_field
        redact = inherited or hide_all or listed
        if redact == inherited and not listed:
            value = convert(written, ctx, value_pos[name], pointer + suffix)
        else:
            ctx.redact = redact
            ctx.private_field = ctx.private_field or listed
            try:
                value = convert(
                    written, ctx, value_pos[name], pointer + suffix
                )
            finally:
                ctx.redact = inherited
                ctx.private_field = ctx.private_field and not listed
        if value is not INVALID:
            values[name] = value
    ctx.parent = outer
    for name, meaning in plan.required:
        # A field misspelt ('Name') is one mistake: its unknown-field error
        # says which field was meant, and is the one to show.
        if raw.get(name) is None and name not in meant:
            report_missing(
                ctx,
                raw,
                name,
                f"{a(kind_name(cls))} needs the field {name!r}{meaning}",
                pointer,
            )
    if plan.check is not None:
        # The checks of a record that hides all (a person's saved among
        # organisations) say none of its values either.
        ctx.redact = inherited or hide_all
        try:
            plan.check(values, raw, ctx, pointer)
        finally:
            ctx.redact = inherited
    if dropped or ctx.errors > errors_before:
        return INVALID
    # Every record class has these two (see model._Positioned).
    values["location"] = Location(ctx.path, *raw.pos)
    where: Mapping[str, Pos] = value_pos
    for name in plan.keyed:
        # Not for a private field, whose keys a problem never points at.
        if values.get(name) and not (inherited or hide_all or name in unshown):
            where = {
                **where,
                **{
                    f"{name}.{key}": pos
                    for key, pos in raw[name].value_pos.items()
                },
            }
    values["positions"] = Positions.of(where)
    return cls(**values)


def _report_unknown(
    cls: type[Any],
    raw: YMap,
    fields: dict[str, FieldSpec],
    ctx: Context,
    pointer: str,
    *,
    hidden: bool,
) -> frozenset[str]:
    """Report the keys of *raw* that are no field of *cls*; return the
    fields suggested for them.
    """
    unknown = [key for key in raw if key not in fields]
    meant = set()
    # A record of another kind in the wrong folder: its fields are not to
    # go in notes, and wrong-folder says where the file goes.
    advice = "" if _of_another_kind(cls, raw) else _no_such_field(cls, fields)
    for key in unknown[:_MAX_UNKNOWN]:
        # Said of a private record too: it is only ever a field's name,
        # which is no value of the record.
        misplaced = _misplaced(cls, raw, key, ctx)
        if misplaced is not None:
            ctx.report(
                "unknown-field",
                f"unknown field {_quoted(key)} in {a(kind_name(cls))}"
                f"{misplaced}",
                raw.key_pos[key],
                f"{pointer}.{key}",
            )
            continue
        close = _close_field(key, list(fields))
        hint = f" (did you mean {close!r}?)" if close else ""
        if close and raw.get(close) is None:
            meant.add(close)
        if hidden:
            ctx.report(
                "unknown-field",
                f"{a(kind_name(cls))} has no field of the name written "
                "here (the name is not repeated: the record may hold private "
                f"values){hint}; correct or remove it",
                raw.key_pos[key],
                pointer,
            )
            continue
        ctx.report(
            "unknown-field",
            f"unknown field {_quoted(key)} in {a(kind_name(cls))}"
            f"{_unseen_in(key)}{hint or _kept_in(key, fields) or advice}",
            raw.key_pos[key],
            f"{pointer}.{key}",
        )
    if len(unknown) > _MAX_UNKNOWN:
        # A file of a million stray keys needs one line, not a million.
        rest = unknown[_MAX_UNKNOWN]
        ctx.report(
            "unknown-field",
            f"and {len(unknown) - _MAX_UNKNOWN:,} more unknown fields in "
            f"{a(kind_name(cls))}; compare the record with the examples in "
            "docs/data-format.md",
            raw.key_pos[rest],
            pointer if hidden else f"{pointer}.{rest}",
        )
    return frozenset(meant)


def _nested_in(spec: FieldSpec) -> type[Any] | None:
    """The record class a field holds (a source for ``sources``), if any."""
    kind = spec.type
    if isinstance(kind, ListOf):
        kind = kind.item
    return kind.cls if isinstance(kind, Nested) else None


def _misplaced(
    cls: type[Any], raw: YMap, key: str, ctx: Context
) -> str | None:
    """Where an unknown field *key* of a record of *cls* goes, when it is a
    field of a record nested in it, or of the record it is nested in: the
    commonest slip of indentation (a source's ``quote:`` at the left
    margin; an organisation's ``hq_country:`` indented under its source).
    """
    line = raw.key_pos[key][0]
    for name, spec in yaml_fields(cls).items():
        inner = _nested_in(spec)
        if inner is None or key not in yaml_fields(inner):
            continue
        what = a(kind_name(inner))
        held = raw.get(name)
        if held is None:
            if name in raw:
                continue
            own = (
                " (or, if it is the address of its own site, as website)"
                if key == "url" and "website" in yaml_fields(cls)
                else ""
            )
            return (
                f": it is a field of {what}; write it in an item of "
                f"{name}{own}"
            )
        opened = raw.key_pos[name][0]
        if opened > line:
            continue  # above the list: not one of its items' fields
        items = held if isinstance(held, YSeq) else [held]
        above = [
            item.pos
            for item in items
            if isinstance(item, YMap) and item.pos[0] <= line
        ]
        # In brackets on the field's line, its items have no column to
        # line up with.
        if not above or any(at[0] == opened for at in above):
            continue
        return (
            f": it is a field of {what}, in {name}; indent it to line up "
            f"with the other fields of the {kind_name(inner)} above it, at "
            f"column {above[-1][1]}"
        )
    if ctx.parent is not None:
        outer, mapping = ctx.parent
        if key in yaml_fields(outer) and key not in mapping:
            return (
                f": it is a field of the {kind_name(outer)}; move it out to "
                f"line up with the {kind_name(outer)}'s other fields, at "
                f"column {mapping.pos[1]}"
            )
    return None


def _unseen_in(key: str) -> str:
    r"""What in a field's name cannot be seen, said in words: the name is
    shown with an escape for it, which reads as jargon.

    >>> _unseen_in("hq\xa0country")
    ': its name holds a no-break space (U+00A0), which looks like a space; retype it'
    """
    unseen = unseen_character(key)
    return f": its name holds {unseen}; retype it" if unseen else ""


# Invisible characters by the names people know them by; others go by
# their Unicode names.
_UNSEEN_NAMES: Final = {
    "\t": "a tab",
    "\xa0": "a no-break space",
    "\xad": "a soft hyphen",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a byte order mark",
}


def unseen_character(text: str) -> str:
    r"""The first character of *text* that cannot be seen, or looks like
    an ordinary space, named in words with its code point and what it
    looks like; ``""`` when there is none.  Messages show such a
    character as an escape (``'\u200b'``), which a volunteer cannot read.

    >>> unseen_character("example-charity\u200b")
    'a zero-width space (U+200B), which cannot be seen'
    >>> unseen_character("example charity")
    ''
    """
    if text.isascii() and "\t" not in text:
        return ""
    for char in text:
        category = unicodedata.category(char)
        if char == " " or not (
            char.isspace() or category in ("Cf", "Zs", "Cc")
        ):
            continue
        name = _UNSEEN_NAMES.get(char) or a(
            unicodedata.name(char, "character").lower()
        )
        looks = (
            "looks like a space"
            if char.isspace() or category == "Zs"
            else "cannot be seen"
        )
        return f"{name} (U+{ord(char):04X}), which {looks}"
    return ""


def _unseen(text: str) -> bool:
    """Whether *text* holds nothing that shows: only spaces, invisible
    characters (a zero-width space) and accents with no letter under them.

    >>> _unseen("\u200b"), _unseen("\u0301\u0301 "), _unseen("Jo\u200b")
    (True, True, False)
    >>> _unseen("\u3164"), _unseen("\u2800\u2800")
    (True, True)
    """
    return not text.isascii() and all(map(_shows_nothing, text))


def _shows_nothing(char: str) -> bool:
    return (
        char.isspace()
        or unicodedata.category(char) in _UNSEEN_CATEGORIES
        # Blank-looking letters and symbols (HANGUL FILLER, BRAILLE
        # PATTERN BLANK), which suspicious-character names too.
        or _SUSPICIOUS.match(char) is not None
    )


# Format characters (a zero-width space), and marks, which show only on a
# letter before them.
_UNSEEN_CATEGORIES: Final = frozenset({"Cf", "Mn", "Me", "Zs"})


def hidden_fields(cls: type[Any], private: Iterable[str]) -> frozenset[str]:
    """The fields of a record of *cls* whose values no output may show, for
    its *private* list: those it names, and those that would tell one of
    them, by the class's ``__private_with__`` (a signature's private
    ``capacity`` hides its ``on_behalf_of``: an organisation named there
    says the capacity was on-behalf-of).
    """
    names = frozenset(private)
    tied: Mapping[str, tuple[str, ...]] = getattr(cls, "__private_with__", {})
    return names.union(*(tied.get(name, ()) for name in names))


def _of_another_kind(cls: type[Any], raw: YMap) -> bool:
    """Whether every field of *raw* is a field of another kind of record
    (as ``validation`` reports a record in the wrong folder).
    """
    from .model import FOLDERS  # model imports this module: not at the top

    return any(
        other is not cls and raw.keys() <= yaml_fields(other).keys()
        for other in FOLDERS.values()
    )


# Fields people write for what the registry keeps elsewhere, each with the
# field that keeps it and how.
_KEPT_IN: Final = {
    **dict.fromkeys(
        (
            "former_name", "former_names", "old_name", "previous_name",
            "previous_names", "also_known_as", "aka", "acronym",
            "abbreviation", "short_name", "other_names", "alias",
        ),
        ("aliases", ("; write it as an item of aliases, which coverage "
                     "and look-ups also match, and say in notes what it was")),
    ),
    **dict.fromkeys(
        (
            "archive_url", "archived_url", "archive", "archived",
            "wayback", "wayback_url", "archive_link", "mirror",
        ),
        ("url", ("; an archived copy is a source of its own: give it as "
                 "another item of sources, with its own url and the "
                 "publisher of the page it copies")),
    ),
}  # fmt: skip


def _kept_in(key: str, fields: dict[str, FieldSpec]) -> str:
    """Where the registry keeps what an unknown field *key* is for, when
    this kind of record has that field (``former_name``: ``aliases``).
    """
    found = _KEPT_IN.get(
        key.strip().lower().replace("-", "_").replace(" ", "_")
    )
    return found[1] if found is not None and found[0] in fields else ""


def _no_such_field(cls: type[Any], fields: dict[str, FieldSpec]) -> str:
    """What to do with a field no field of *cls* is close to: its fields,
    and notes for what has no field of its own (an affiliation, a title).
    """
    names = ", ".join(fields)
    if "notes" in fields:
        return (
            f"; {a(kind_name(cls))} has the fields {names}: write what this "
            "says in notes, or remove it"
        )
    return f"; {a(kind_name(cls))} has the fields {names}: remove it"


def holds_private(cls: type[Any], raw: YMap) -> bool:
    """Whether a record of *cls* written as *raw* keeps anything private:
    a ``private:`` list, or a person who is not public.
    """
    listed = "private" in raw and "private" in _plan(cls).fields
    return listed or hides_all(cls, raw)


def hides_all(cls: type[Any], raw: YMap) -> bool:
    """Whether messages about a record of *cls* written as *raw* must repeat
    none of its values: its kind says so (a person who is not public), or
    it says it is not public whatever its folder (a person's file saved
    among groups is still a person's), or it is plainly a record of a kind
    that hides values, saved in another kind's folder (a signature, by its
    ``signatory``, among groups), or it has a field spelt like one that
    says what is private (``disclosur``).
    """
    plan = _plan(cls)
    if (plan.hide_all is not None and plan.hide_all(raw)) or (
        "disclosure" in raw and raw["disclosure"] != "public"
    ):
        return True
    if raw.keys() <= plan.fields.keys():
        return False  # the common case: every key is one of its kind's
    for other, key in HIDING_KINDS:
        rule = _plan(other).hide_all
        if (
            other is not cls
            and key in raw
            and key not in plan.fields
            and rule is not None
            and rule(raw)
        ):
            return True
    # "private" itself, in a kind that has no private list (registry.yaml),
    # keeps nothing private: it is the mistake, and is named.
    return any(
        difflib.get_close_matches(key, _PRIVACY_KEYS, n=1, cutoff=0.7)
        for key in raw.keys() - plan.fields.keys()
        # "disclosure: public", spelt right, says the record is public (a
        # public person saved among organisations).
        if key not in {"private", "disclosure"}
    )


def private_list_misplaced(cls: type[Any], raw: YMap) -> bool:
    """Whether a record of *cls* written as *raw*, which keeps nothing
    private, has a ``private`` list (or a field spelt like one that says
    what is private) inside one of its fields: indented one level too far,
    under a source or an identifier, it was meant for the record.
    """
    if "private" not in _plan(cls).fields:
        return False
    # A stack, not recursion: a file may nest as deep as max_depth.
    stack = list(raw.values())
    while stack:
        value = stack.pop()
        if isinstance(value, YMap):
            # A prefix, not a search for close names: this runs for every
            # invalid record, and there may be thousands.
            if any(
                key.lower().startswith(("priv", "disclos")) for key in value
            ):
                return True
            stack.extend(value.values())
        elif isinstance(value, YSeq):
            stack.extend(value)
    return False


#: The kinds whose rule (``__hide_all__``) hides every value of some of
#: their records, each with the field that tells such a record in any
#: folder; registered by :func:`hiding`.
HIDING_KINDS: Final[list[tuple[type[Any], str]]] = []
_PRIVACY_KEYS: Final = ("disclosure", "private")
_K = TypeVar("_K")


def hiding(by: str) -> Callable[[type[_K]], type[_K]]:
    """Register a class with a ``__hide_all__`` rule, told in any folder by
    its field *by*, so that a record of its kind saved in another kind's
    folder is held to the rule too.
    """

    def register(cls: type[_K]) -> type[_K]:
        HIDING_KINDS.append((cls, by))
        return cls

    return register


def _every_field(fields: dict[str, FieldSpec]) -> tuple[str, ...]:
    """Every field that can hold a value to hide: what a private list that
    cannot be read keeps private.
    """
    return tuple(f for f in fields if f not in {"id", "private"})


# Why a field cannot be private, where that is not plain.
_NEVER_PRIVATE_BECAUSE: Final = {
    "id": ": other records refer to this one by it (a person who is not "
    "public has an opaque id instead)",
    "claims": ": claims are figures that sources publish, and every count "
    "is checked against them (leave out a claim that cannot be shown)",
    "letter": ": the signature's id and folder name it, and every count of "
    "the letter takes it in (a signature that must not be known is not "
    "recorded)",
}


def _private_fields(
    cls: type[Any],
    raw: YMap,
    fields: dict[str, FieldSpec],
    ctx: Context,
    pointer: str,
) -> tuple[str, ...]:
    if "private" not in fields or raw.get("private") is None:
        return ()
    value = raw["private"]
    here = f"{pointer}.private"
    if value is DROPPED:
        # Refused (given twice, or with a tag): the reader said why.
        return _every_field(fields)
    if not isinstance(value, YSeq):
        ctx.report(
            "wrong-shape",
            f"expected a list of field names, found {shape_of(value)}; "
            "write them in square brackets, as in private: [country]",
            raw.value_pos["private"],
            here,
        )
        return _every_field(fields)
    names = []
    # A misspelt entry ("contry") meant some field private: until the list
    # is right, keep every field private.
    misspelt = False
    for i, (item, pos) in enumerate(zip(value, value.item_pos, strict=True)):
        spec = fields.get(item) if isinstance(item, str) else None
        misspelt = misspelt or spec is None
        if spec is None or not spec.private_ok:
            if spec is not None:
                # A field's own name is safe to repeat.
                why = _NEVER_PRIVATE_BECAUSE.get(item, "")
                message = (
                    f"the field {item!r} cannot be private{why}; remove it "
                    "from the list"
                )
            else:
                # Never repeat an unknown entry: a name written here by
                # mistake is exactly what must not be printed.
                hint = (
                    _did_you_mean(item, [f for f in fields if f != "id"])
                    if isinstance(item, str)
                    else ""
                )
                message = (
                    f"item {i + 1} of the private list is not a field of "
                    f"{a(kind_name(cls))}{hint}; list field names only"
                )
            ctx.report("invalid-private", message, pos, f"{here}[{i}]")
            if spec is None:
                continue
        # A field that cannot be private is still kept out of messages:
        # whoever listed it meant its values to stay unseen (the error
        # leaves the record out of every output).
        names.append(item)
    if misspelt:
        return _every_field(fields)
    return tuple(names)
