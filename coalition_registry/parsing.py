"""Reading: bytes of one YAML file into plain values that know their position.

This is the only module that touches ruamel.yaml.  It composes the node tree
with ruamel's C parser (libyaml) under ruamel's ``BaseResolver``, which
resolves nothing implicitly: every scalar arrives as the text that was
written, so ``NO`` stays Norway's code and ``0123`` keeps its zero.  The
record schema, not YAML, decides what a value means.

What comes out is :class:`YMap` (a dict), :class:`YSeq` (a list), ``str`` and
``None``, each container remembering the 1-based line and column of itself
and of everything in it.  Whatever the bytes, :func:`parse` returns; it never
raises for bad input.
"""

from __future__ import annotations

import functools
import gc
import itertools
import re
import warnings

from collections.abc import Callable, Iterator
from typing import Any, Final, Self

import attrs

from .problems import Location, Problem


__all__ = [
    "DEFAULT_LIMITS",
    "DROPPED",
    "Document",
    "Limits",
    "Pos",
    "YMap",
    "YSeq",
    "c_parser_in_use",
    "parse",
    "parse_text",
]

#: A 1-based (line, column) pair.
Pos = tuple[int, int]


class _Dropped:
    """A value the reader refused (an alias, a forbidden tag, too deep)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "DROPPED"


#: Stands where a value was written but refused, with a problem already
#: reported: the schema must neither convert it nor call it missing.
DROPPED: Final = _Dropped()


class EmptyBlock(str):  # noqa: SLOT000 - a str's slots must be empty
    """The text of a block of text (``|`` or ``>``) with no line indented
    under its header: blank, and told apart from ``""`` so that the
    message can say what to indent.

    Attributes:
        header: The header as written (``>-``, ``|``).
    """

    header: str

    def __new__(cls, value: str, header: str) -> Self:
        text = super().__new__(cls, value)
        text.header = header
        return text


class YMap(dict[str, Any]):
    """A YAML mapping: a dict that remembers where it and its items are.

    Attributes:
        pos: Where the mapping starts.
        key_pos: Where each key is.
        value_pos: Where each value starts.
    """

    __slots__ = ("key_pos", "pos", "value_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}


class YSeq(list[Any]):
    """A YAML sequence: a list that remembers where it and its items are.

    Attributes:
        pos: Where the sequence starts.
        item_pos: Where each item starts.
    """

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


#: The deepest nesting a :class:`Limits` may allow.
MAX_DEPTH: Final = 500


@attrs.frozen
class Limits:
    """Bounds on what one registry may hold, so hostile input cannot exhaust
    the machine.  Hitting one is a problem, never a crash.

    Attributes:
        max_file_bytes: Largest file read, in bytes.
        max_depth: Deepest nesting of lists and mappings, at most
            :data:`MAX_DEPTH`.
        max_records: Most records in one registry.
        max_values: Most values (keys, items, scalars) in one file: each
            costs a few hundred bytes of memory however short it is.

    Raises:
        ValueError: For a limit below 1, or a *max_depth* above
            :data:`MAX_DEPTH`.
    """

    max_file_bytes: int = attrs.field(default=64 * 1024 * 1024)
    max_depth: int = attrs.field(default=32)
    max_records: int = attrs.field(default=5_000_000)
    max_values: int = attrs.field(default=4_000_000)

    @max_file_bytes.validator
    @max_records.validator
    @max_values.validator
    def _at_least_one(self, attribute: attrs.Attribute[int], n: int) -> None:
        if n.__class__ is not int or n < 1:
            msg = (
                f"{attribute.name} is a whole number of at least 1, not {n!r}"
            )
            raise ValueError(msg)

    @max_depth.validator
    def _readable_depth(self, attribute: attrs.Attribute[int], n: int) -> None:
        self._at_least_one(attribute, n)
        if n > MAX_DEPTH:
            # The parser and the checks walk nested values recursively:
            # far deeper, Python's stack (and then the C parser's) runs out.
            msg = (
                f"max_depth is at most {MAX_DEPTH}: nesting deeper than "
                f"that cannot be read safely, not {n}"
            )
            raise ValueError(msg)


DEFAULT_LIMITS: Final = Limits()


@attrs.frozen
class Document:
    """One parsed file.

    Attributes:
        path: The file, as it is shown in problems.
        data: The top-level value, or ``None`` when the file could not be
            parsed or is empty.
        problems: Everything wrong with the file as YAML.
        text: The text that was read (for a file that is not UTF-8, as
            far as it could be), whose first line is line *first_line* of
            the file.
        first_line: The line of the file *text* starts at.
    """

    path: str
    data: Any
    problems: tuple[Problem, ...] = ()
    text: str = ""
    first_line: int = 1

    def comment_at(self, pos: Pos) -> Pos | None:
        """Where a comment starts at *pos*, past any blanks, if one does:
        where a value was meant, ``key: #1 in Europe`` leaves a comment.
        """
        line, column = pos
        index = line - self.first_line
        if not self.text or index < 0:
            return None
        # Only the lines up to *pos*: a record's file is small, but a
        # part of a list file may not be.
        lines = _BREAK.split(self.text, index + 1)
        if index >= len(lines):
            return None
        rest = lines[index][column - 1 :]
        after = rest.lstrip(" \t")
        if not after.startswith("#"):
            return None
        return line, column + len(rest) - len(after)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR_TAG: Any = None
_SEQ_TAG: Any = None
_MAP_TAG: Any = None


def _default_tags() -> dict[str, Any]:
    from ruamel.yaml.resolver import BaseResolver

    return {
        "scalar": BaseResolver.DEFAULT_SCALAR_TAG,
        "sequence": BaseResolver.DEFAULT_SEQUENCE_TAG,
        "mapping": BaseResolver.DEFAULT_MAPPING_TAG,
    }


# The YAML 1.2 core schema's tags: an explicit one is harmless, since the
# schema converts the text anyway.  Anything else (!!python/..., !include,
# !!binary, !!set, ...) is refused.
_CORE_SCALAR_TAGS: Final = frozenset(
    {
        _STR,
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
    }
)
# Plain (unquoted) scalars that the core schema reads as null.
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
# What each of the core schema's tags may be given (YAML 1.2, 10.3.2): a
# tag that does not fit its value ("!!null 11", "!!int Phoenix 11") makes
# the file invalid YAML, which other readers take otherwise.
_FITS: Final = {
    "tag:yaml.org,2002:null": re.compile(r"~|null|Null|NULL|"),
    "tag:yaml.org,2002:bool": re.compile(r"true|True|TRUE|false|False|FALSE"),
    "tag:yaml.org,2002:int": re.compile(
        r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    ),
    "tag:yaml.org,2002:float": re.compile(
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN"
    ),
}

# A line that starts with a long run of indentation or block indicators may
# nest deeply, as may many brackets: only then is depth checked event by
# event before the C composer (which recurses) sees the text.
_DEEP_INDENT: Final = re.compile(r"^[ \t?:-]{24,}", re.MULTILINE)


def _parser_class() -> tuple[type[Any], bool]:
    from ruamel.yaml.resolver import BaseResolver

    try:
        from _ruamel_yaml import CParser
    except ImportError:  # pragma: no cover - depends on the install
        warnings.warn(
            "ruamel.yaml.clib is not installed: reading YAML with the "
            "pure-Python parser, several times slower. "
            "Install it with: pip install ruamel.yaml.clib",
            RuntimeWarning,
            stacklevel=3,
        )
        from ruamel.yaml.composer import Composer
        from ruamel.yaml.parser import Parser
        from ruamel.yaml.reader import Reader
        from ruamel.yaml.scanner import Scanner

        class PyParser(Reader, Scanner, Parser, Composer, BaseResolver):
            def __init__(self, stream: str) -> None:
                Reader.__init__(self, stream, loader=self)
                Scanner.__init__(self, loader=self)
                Parser.__init__(self, loader=self)
                Composer.__init__(self, loader=self)
                BaseResolver.__init__(self, loadumper=self)

        return PyParser, False

    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    tags = {
        ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
        SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
        MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
    }

    class CNodeParser(CParser, BaseResolver):  # type: ignore[misc]
        # BaseResolver resolves no implicit types: all plain scalars are
        # tagged str, and the schema converts them (YAML 1.2 semantics
        # without the cost of ruamel's VersionedResolver).
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BaseResolver.__init__(self, loadumper=self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:  # noqa: ARG002 - the parser's signature
            # What BaseResolver.resolve returns when no implicit resolver is
            # registered, without its per-scalar bookkeeping: the shared
            # default Tag objects, which the builder recognises by identity.
            return tags[kind]

    return CNodeParser, True


_PARSER: tuple[type[Any], bool] | None = None


def _parser() -> type[Any]:
    global _PARSER, _STR_TAG, _SEQ_TAG, _MAP_TAG  # noqa: PLW0603 - imported on first use, once
    if _PARSER is None:
        _PARSER = _parser_class()
        tags = _default_tags()
        _STR_TAG, _SEQ_TAG, _MAP_TAG = (
            tags["scalar"],
            tags["sequence"],
            tags["mapping"],
        )
    return _PARSER[0]


def c_parser_in_use() -> bool:
    """Whether files are read with libyaml through ``ruamel.yaml.clib``."""
    _parser()
    assert _PARSER is not None
    return _PARSER[1]


# Line breaks as libyaml counts them, so our positions agree with its.
_BREAK: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _pos_of(offset: int, text: str) -> Pos:
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, offset):
        line, start = line + 1, m.end()
    return line, offset - start + 1


_WIDE: Final = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


# Documents saved in place of plain text (a record written in Word or
# TextEdit, a workbook given to import), told by the bytes they start
# with: read as text, they were reported as a byte that is not UTF-8, or
# as YAML syntax, which says nothing of what to do.
_DOCUMENTS: Final = (
    (
        b"PK\x03\x04",
        "a Word, Excel or LibreOffice document (a ZIP archive)",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an older Word or Excel document (.doc, .xls)",
    ),
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "rich text (RTF), as TextEdit and WordPad save it"),
)
#: The bytes such a document may start with (a BOM, a space before
#: "<html>"): every file is looked at, and most start otherwise.
_DOCUMENT_STARTS: Final = frozenset(bytes([b]) for b in b"P\xd0%{<\xef \t\r\n")
# A web page saved from a browser.
_HTML: Final = re.compile(rb"\s*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)


def _document(raw: bytes, *, table: bool) -> str | None:
    """What to do with *raw* when it is a document that is not plain text
    (a CSV file's, when *table*), or ``None``.
    """
    if raw[:1] not in _DOCUMENT_STARTS:
        return None  # a record starts "id:", "- ", "#": no slicing then
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    what = next(
        (name for magic, name in _DOCUMENTS if body.startswith(magic)), None
    )
    if what is None and _HTML.match(body[:256]):
        what = "a web page (HTML)"
    if what is None:
        return None
    if table:
        return (
            f"the file is {what}, not a spreadsheet saved as CSV; open it "
            "and save the sheet as CSV in UTF-8"
        )
    plain = (
        "in TextEdit, choose Format, Make Plain Text, and "
        if what.startswith("rich text")
        else "copy its text into a plain-text editor and "
    )
    return (
        f"the file is {what}, not plain text; {plain}save it as UTF-8 "
        "plain text, with a name ending in .yaml"
    )


def _decode(
    raw: bytes, path: str, *, table: bool = False
) -> tuple[str | None, list[Problem]]:
    """UTF-8 only (a BOM is fine), and only characters YAML allows (or a
    CSV file, when *table*).
    """
    document = _document(raw, table=table)
    if document is not None:
        return None, [Problem("encoding", document, Location(path, 1, 1))]
    wide = next((name for bom, name in _WIDE if raw.startswith(bom)), None)
    if (
        wide is None
        and len(raw) >= 4
        and (raw[1] == 0 or raw[0] == 0)
        and (raw[:64].count(0) * 3 >= min(len(raw), 64))
    ):
        # No BOM, but every other byte is zero: UTF-16 (or UTF-32) text.
        wide = "UTF-16" if raw[:4].count(0) < 3 else "UTF-32"
    if wide is not None:
        return None, [
            Problem(
                "encoding",
                f"the file is {wide}; save it as UTF-8",
                Location(path, 1, 1),
            )
        ]
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        head = body[: e.start].decode("utf-8")
        line, col = _pos_of(len(head), head)
        # Not which byte: it may be a letter of a private value, in
        # another encoding (0xeb is Latin-1's "ë").  Nor, in a sheet, its
        # column: a row's cells are not yet known, and the column would
        # count the letters of the private cells before it.
        byte = "a byte on this line" if table else "the byte here"
        others = _other_lines_not_utf8(body[e.start :])
        more = f" (so are bytes on {others:,} line(s) below)" if others else ""
        return None, [
            Problem(
                "encoding",
                f"{byte} is not valid UTF-8{more}; save the file as UTF-8",
                Location(path, line, 1 if table else col),
            )
        ]
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        line, col = _pos_of(bad.start(), text)
        # In a spreadsheet, at its line only, as a bad byte is (above).
        return None, [
            Problem(
                "invalid-character",
                _character_message(
                    bad.group(),
                    written=True,
                    within="in a CSV file" if table else "in YAML",
                    here="on this line" if table else "here",
                ),
                Location(path, line, 1 if table else col),
            )
        ]
    return text, []


def _other_lines_not_utf8(rest: bytes) -> int:
    """How many lines of *rest*, which starts with a byte that is not UTF-8,
    hold such a byte, but its first: a file saved in another encoding has
    one on every line with an accent, and one error says what to do.
    """
    lines = rest.decode("utf-8", "surrogateescape").split("\n")
    return sum(1 for line in lines[1:] if _ESCAPED_BYTE.search(line))


# A byte that is not UTF-8, as decoding with surrogateescape keeps it.
_ESCAPED_BYTE: Final = re.compile("[\udc80-\udcff]")


# Characters refused, found in one pass: those YAML 1.2 does not allow in
# a stream (outside its c-printable production), and the line breaks of
# YAML 1.1 (and libyaml) that YAML 1.2 and most editors do not break at, so
# that a field after one would be hidden in plain sight (U+0085, U+2028,
# U+2029).  Written as the characters refused, not as all but those
# allowed: the same set, compiled in a tenth of the time (8 ms of every
# run's start).
_FORBIDDEN: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
    "\ufffe\uffff]"
)


def _item_under_value(number: int) -> str:
    """The message for a list item under the field at line *number*, which
    has a value: most often a list whose field's line (``sources:``) was
    left out.
    """
    return (
        "this list item is under a field that has a value already (line "
        f"{number}), so it is read as part of that value; if the list is a "
        "field of its own, write that field's name on a line above it (such "
        "as 'sources:')"
    )


def _line_above(line: int, line_at: Callable[[int], str]) -> int | None:
    """The number of the nearest line above *line* that holds more than
    spaces or a comment, if there is one.
    """
    for number in range(line - 1, 0, -1):
        text = line_at(number)
        if text.strip() and not text.lstrip().startswith("#"):
            return number
    return None


def _character_message(
    char: str,
    *,
    written: bool,
    within: str = "in YAML",
    here: str = "here",
    escaped_in: str = "this value",
) -> str:
    # The character is never named, not even by its code point: it is
    # found before any record is read, so nothing tells whether it is in
    # a private value (a pseudonym, a private note), of which no message
    # may give a character.  Where it is says enough to find it.
    if char in "\x85\u2028\u2029":
        what = (
            "a character that some YAML readers take for a line break and "
            "others do not"
        )
        fix = "use an ordinary line break, or delete it"
    else:
        what = (
            f"a character not allowed {within} (a control character, which "
            "most editors do not show, or a code that is no character)"
        )
        fix = "delete it"
    if written:
        return f"{what} is {here}; {fix}"
    return f"{what} is written in {escaped_in} as an escape in quotes; {fix}"


def _out_of_memory(path: str) -> Problem:
    return Problem(
        "limit-exceeded",
        "reading this file needs more memory than there is; split it into "
        "smaller files",
        Location(path),
    )


def _mark_pos(mark: Any) -> Pos:
    # ruamel's marks are 0-based; this is the one place they become 1-based.
    return mark.line + 1, mark.column + 1


def _syntax_problem(e: Exception, path: str, text: str) -> Problem:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    line, col = _mark_pos(mark) if mark is not None else (1, 1)
    # At the end of a text with no final line break, libyaml marks the
    # start of the line after the last, which the file does not have.
    end = _position(text, len(text))
    line, col = min((line, col), end)
    problem = getattr(e, "problem", None) or "the file is not valid YAML"
    context = getattr(e, "context", None)
    if "expected a single document" in str(context) or (
        "another document" in str(problem)
    ):
        return Problem(
            "multiple-documents",
            "the file holds more than one YAML document (a second '---'); "
            "delete that '---' line, or keep one record, or one list of "
            "records, per file",
            Location(path, line, col),
        )
    if "expected <document start>" in str(problem):
        ended = _document_end(text, line)
        if ended is not None:
            return Problem(
                "multiple-documents",
                "a line '...' ends the YAML document here, and the file "
                "goes on after it; delete the '...' line",
                Location(path, ended, 1),
            )
    message = str(problem)
    if context:
        # "while parsing a flow sequence" says what, not where: add where.
        cmark = getattr(e, "context_mark", None)
        where = ""
        if cmark is not None:
            opened = min(_mark_pos(cmark), end)
            if opened != (line, col):
                where = f" that starts at line {opened[0]}, column {opened[1]}"
        message = f"{problem} ({context}{where})"
    trouble = _foreign_line(text, line) or _quote_trouble(text, line)
    if trouble is not None:
        # libyaml reads an unclosed quote on across lines, and fails where
        # the next quote happens to be: point at the quote instead.
        (line, col), message = trouble
    elif _char_at(text, line, col) == "\t":
        message = _TAB
    else:
        cmark = getattr(e, "context_mark", None)
        start = None if cmark is None else _mark_pos(cmark)
        plain = None
        if str(context) in _FLOW_CONTEXTS:
            plain = _unclosed_flow(text, (line, col))
        if plain is None:
            plain = _in_plain_words(
                str(problem), str(context), start, text, (line, col)
            )
        if plain is not None:
            (line, col), message = plain
    return Problem("yaml-syntax", message, Location(path, line, col))


# Lines that are no YAML, copied with a record: a Markdown code fence
# around an example, a line of a quoted e-mail, and the marks git leaves
# where two changes conflict (as GitHub's editor shows them when a pull
# request is updated).
_FENCE: Final = re.compile(r"[ ]*(?:```|~~~)")
_CONFLICT: Final = re.compile(r"(?:<{7}|={7}|>{7}|\|{7})(?:[ \t]|$)")
# A line of a quoted e-mail: "> id: example", "> - url: ...".
_EMAIL_QUOTE: Final = re.compile(r">+[ ]+(?:-[ ]+)*[A-Za-z_][\w-]*:(?:[ ]|$)")


def _foreign_line(text: str, error_line: int) -> tuple[Pos, str] | None:
    """The first line, up to the error's, outside a block of text, that is
    a Markdown code fence, a quoted e-mail's line or a git conflict mark:
    libyaml reads it as a value or a key, and says so, which misleads.
    """
    lines = _BREAK.split(text)[:error_line]
    for index in _outside_blocks(lines):
        here = lines[index]
        if _FENCE.match(here):
            return (index + 1, 1), (
                "this line is a Markdown code fence ('```'), copied with "
                "the example around the record; delete the line"
            )
        if _EMAIL_QUOTE.match(here):
            return (index + 1, 1), (
                "this line starts with '>', as the lines of a quoted e-mail "
                "do; delete the '>' and the space after it at the start of "
                "each such line"
            )
        if _CONFLICT.match(here):
            return (index + 1, 1), (
                "this line is a mark git leaves where two changes to the "
                "file conflict ('<<<<<<<', '=======', '>>>>>>>'): keep the "
                "lines that are right, and delete the marks"
            )
    return None


def _document_end(text: str, error_line: int) -> int | None:
    """The last line at or before *error_line* that is a document's end
    marker ("..."), if one is.
    """
    lines = _BREAK.split(text)[:error_line]
    for number in range(len(lines), 0, -1):
        here = lines[number - 1]
        if here.startswith("...") and here[3:].lstrip(" \t")[:1] in {"", "#"}:
            return number
    return None


_FLOW_KINDS: Final = {"[": ("list", "]"), "{": ("mapping", "}")}
# Where an unclosed '[' or '{' is named in place of libyaml's words, which
# point past the line it opens on ("did not find expected ',' or ']'").
_FLOW_CONTEXTS: Final = frozenset(
    {
        "while parsing a flow node",
        "while parsing a flow mapping",
        "while parsing a flow sequence",
    }
)
_NAMED_UNCLOSED: Final = frozenset("[{")


def _unclosed_flow(text: str, at: Pos) -> tuple[Pos, str] | None:
    """The '[' or '{' that is never closed, when libyaml failed at *at*
    inside it: it reads on past the line into the fields below, and fails
    far from the cause, often with words that say nothing of a bracket.
    """
    from ruamel.yaml.events import (
        CollectionEndEvent,
        MappingStartEvent,
        SequenceStartEvent,
    )

    opened: list[tuple[Pos, str]] = []
    # Split once: a file of many lists or mappings has an event for each.
    split = text.splitlines()
    parser = _parser()(text)
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                pos = _mark_pos(event.start_mark)
                char = _char_in(split, *pos)
                wanted = "[" if isinstance(event, SequenceStartEvent) else "{"
                # A block collection, or a "key: value" pair in a flow list
                # (a mapping with no brace), is not the one to close.
                opened.append((pos, char if char == wanted else ""))
            elif isinstance(event, CollectionEndEvent) and opened:
                opened.pop()
    except Exception:  # noqa: BLE001, S110 - the error being explained
        pass
    finally:
        parser.dispose()
    brackets = [(pos, char) for pos, char in opened if char]
    if not brackets:
        return None
    (line, col), char = brackets[-1]
    if char not in _NAMED_UNCLOSED:
        return None
    what, closer = _FLOW_KINDS[char]
    lines = _BREAK.split(text)
    at_end = at[0] >= len(lines)
    rest = "\n".join(lines[at[0] - 1 :])
    if closer in rest or (line >= at[0] and not at_end):
        # Closed further on, or failed on its own line: another mistake.
        return None
    runs_to = "the end of the file" if at_end else f"line {at[0]}"
    return (line, col), (
        f"a value that starts with '{char}' is read as a {what} up to its "
        f"closing '{closer}', and this one is never closed (the {what} "
        f"runs on to {runs_to}); if it is text,"
        + _QUOTE_IT.removeprefix(";")
        + f", or else close the {what} with '{closer}'"
    )


_TAB: Final = "a tab cannot be used here; indent with spaces, not tabs"
# A byte order mark inside the text, at the start of a line: left where
# two files were joined, or pasted with a text copied from a file.
_BOM_LEADS: Final = re.compile(r"(?:^|(?<=[\r\n]))[ ]*\ufeff", re.MULTILINE)
_BOM_LEADS_LINE: Final = (
    "an invisible character starts this line here: a byte order mark "
    "(U+FEFF), left where two files were joined or a text was pasted; "
    "delete it, or retype the start of the line"
)
_NBSP_INDENTED: Final = (
    "this line is indented with non-breaking spaces (copied from a word "
    "processor?); retype the indentation with ordinary spaces"
)
# A line of a value running on that reads like "field: value" of its own.
_LOOKS_LIKE_A_FIELD: Final = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
_QUOTES: Final = frozenset({"'", '"'})


# Where the first field of a line starts (after "- " for a list item).
_LEAD: Final = r"[ ]*(?:-[ ]+)*"
_FIELD: Final = re.compile(_LEAD)
# "key:value" (no space after the colon), and where the value starts.
_NO_SPACE: Final = re.compile(_LEAD + r"[A-Za-z_][\w-]*:(?=[^ \t\r\n:/])")


def _field_at(line: str) -> int:
    """The column (from 0) where the first field of *line* starts."""
    found = _FIELD.match(line)
    return 0 if found is None else found.end()


# A field's name, then a character that looks like a colon (U+FF1A, the
# full-width colon of Chinese and Japanese keyboards, and the like).
_LOOK_ALIKE_COLON: Final = re.compile(
    _LEAD + r"[A-Za-z_][\w-]*[ ]*(?P<colon>[\uff1a\ufe55\ufe13\ua789\u2236])"
)
# "key: value" on one line, and where the value starts.
_KEY_VALUE: Final = re.compile(_LEAD + r"[A-Za-z_][\w-]*:[ ]+(?=\S)")
# How far libyaml looks for the ':' after a key written without quotes
# or '?' (YAML 1.2 says 1024 characters).
_LONGEST_KEY: Final = 1024
# A list item that is text, not a field: "  - ACCO".
_ITEM_TEXT: Final = re.compile(r"[ ]*-[ ]+(?![\"'#|>\[{])\S")
# The header of a block of text: '|' or '>', then how it keeps line breaks
# and its indentation, in either order.
_BLOCK_HEADER: Final = re.compile(r"[|>][-+0-9]*")
_QUOTE_IT: Final = '; put the whole value in double quotes ("...")'
_SPACE_AFTER_COLON: Final = (
    "a field's ':' must be followed by a space; write 'field: value'"
)


# A field whose value is a block of text: "notes: >-", "- quote: |".
_BLOCK_FIELD: Final = re.compile(
    _LEAD + r"[A-Za-z_][\w-]*:[ ]+(?P<header>[|>][-+0-9]*)[ ]*(?:#.*)?$"
)


def _opens_block_above(lines: list[str], number: int) -> str | None:
    """The header of a block of text (``>-``) on the line above line
    *number* (1-based), skipping blank lines, if that line opens one.
    """
    for above in range(number - 1, 0, -1):
        line = lines[above - 1]
        if line.strip():
            found = _BLOCK_FIELD.match(line)
            return found["header"] if found else None
    return None


def _text_above(
    lines: list[str], number: int, indent: int
) -> tuple[int, str] | None:
    """The line and header of the field whose block of text (``>-``) ends
    just above line *number* (1-based), when that text's lines are indented
    more than *indent* (0-based) and the field not less, and a blank line
    comes between: a paragraph of the text indented too little, which ends
    it (with no blank line, the line is as likely a field).
    """
    if number < 2 or lines[number - 2].strip(" "):
        return None
    text = False
    for above in range(number - 1, 0, -1):
        line = lines[above - 1]
        stripped = line.lstrip(" ")
        if not stripped:
            continue
        if len(line) - len(stripped) > indent:
            text = True
            continue
        found = _BLOCK_FIELD.match(line)
        if found is None or not text:
            return None
        return above, found["header"]
    return None


def _names_a_field(text: str) -> bool:
    """Whether *text* starts with the name of a record's field and a space:
    a field whose ':' was left out ("website https://..."), not a line of
    text.
    """
    word = text.split(" ", 1)[0]
    from .model import field_names

    return word != text and word in field_names()


def _item_above(lines: list[str], number: int, indent: int) -> bool:
    """Whether the line above line *number* (1-based), skipping blank and
    comment lines, is a list's item starting with '- ' at column *indent*
    (0-based), with no ':' in it: a list of texts, not of mappings.
    """
    for above in range(number - 1, 0, -1):
        line = lines[above - 1]
        text = line.lstrip(" ")
        if text and not text.startswith("#"):
            return (
                len(line) - len(text) == indent
                and text.startswith("- ")
                and ": " not in text
            )
    return False


def _no_space(line: str, colon: re.Match[str]) -> str:
    """What is wrong after the ':' *colon* found in *line*: no space, or
    a space that only looks like one (pasted from a word processor).
    """
    if line[colon.end() : colon.end() + 1] in ("\xa0", "\u2007", "\u202f"):
        return (
            "the space after this field's ':' is a non-breaking space; "
            "type an ordinary space instead"
        )
    return _SPACE_AFTER_COLON


def _in_plain_words(
    problem: str, context: str, start: Pos | None, text: str, at: Pos
) -> tuple[Pos, str] | None:
    """The commonest slips of people who do not write YAML every day, told
    in words, at the place to mend, from what libyaml said (*problem*,
    while *context*, which started at *start*) at *at*.  Never repeats the
    file's text: it may be private.
    """
    lines = _BREAK.split(text)

    def line_at(number: int) -> str:
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    line, col = at
    here = line_at(line)
    if "expected <document start>" in problem:
        found = _misplaced_directive(lines, line) or _indented_start(
            lines, line
        )
        closing = here[col - 1 : col]
        if found is None and closing in {"}", "]"}:
            return (line, col), (
                f"this '{closing}' closes no bracket: every bracket before "
                "it is closed already; delete it"
            )
        return found
    if "invalid Unicode character escape code" in problem:
        # "\ud83d\ude00": an emoji as JSON escapes it, in two halves, which
        # YAML does not join.
        slash = here.rfind("\\", 0, col)
        return (line, slash + 1 if slash >= 0 else col), (
            "this escape makes no character: it is half of one (\\uD800 "
            "to \\uDFFF, as JSON writes an emoji in two halves), or past "
            "the last (\\U0010FFFF); write the character itself, or all of "
            "it in one escape: \\U and eight hex digits, such as "
            "\\U0001F600"
        )
    if "unknown escape character" in problem or (
        "hexdecimal" in problem or "hexadecimal" in problem
    ):
        # A backslash typed to mark an apostrophe (Barnardo\'s), or a path
        # pasted: libyaml points past it, at what follows.
        slash = here.rfind("\\", 0, col)
        return (line, slash + 1 if slash >= 0 else col), _BACKSLASH
    if (
        "mapping values are not allowed" in problem
        or "did not find expected key" in problem
    ):
        dash = _bad_dash(lines, line)
        if dash is not None:
            return dash
    if "could not find expected ':'" in problem and start is not None:
        key_line = line_at(start[0])
        colon = _NO_SPACE.match(key_line)
        if colon is not None:
            return (start[0], colon.end() + 1), _no_space(key_line, colon)
        wide = _LOOK_ALIKE_COLON.match(key_line)
        if wide is not None:
            char = wide.group("colon")
            typed = (
                " (a full-width colon, as a Chinese or Japanese keyboard "
                "types it)"
                if char == "\uff1a"
                else ""
            )
            return (start[0], wide.start("colon") + 1), (
                "the colon after this field's name is not ':' but "
                f"U+{ord(char):04X}, which looks like one{typed}; type an "
                "ordinary ':'"
            )
        header = _opens_block_above(lines, start[0])
        if header is not None:
            # "notes: >-", then the text at the left margin: the block is
            # empty, and the text read as a field with no ':'.
            return (start[0], start[1]), (
                f"this line is not indented under the '{header}' above it, "
                "so it is not part of that text; indent each line of the "
                "text two spaces further in than the field's name"
            )
        block = _text_above(lines, start[0], start[1] - 1)
        if block is not None and not _names_a_field(key_line[start[1] - 1 :]):
            # A paragraph of "notes: >-" indented less than the first.
            return (start[0], start[1]), (
                "this line is indented less than the text of the field on "
                f"line {block[0]} (written below it, after '{block[1]}'), so "
                "it is not part of that text, and reads as a field with no "
                "':'; if it goes on with the text, indent it like the "
                "text's other lines"
            )
        far = key_line.find(":", start[1] - 1)
        if far - (start[1] - 1) > _LONGEST_KEY:
            # libyaml looks for a key's ':' this far only.
            return (start[0], start[1]), (
                f"the text before the ':' at column {far + 1} is longer "
                f"than the {_LONGEST_KEY} characters a field's name may "
                "have; if it is a value, write its field's name before it "
                "('quote: ...') and put the text in double quotes"
            )
        if _item_above(lines, start[0], start[1] - 1):
            # "  - EKS" then "  EKS2": an item whose "- " was left out.
            return (start[0], start[1]), (
                "this line is in a list, but does not start with '- ' as "
                "the item above does; write '- ' before it, or, if it goes "
                "on with the item above, put that whole item in double "
                "quotes on one line"
            )
        return (start[0], start[1]), (
            "this line has no ':' after a field name; write 'field: value', "
            "or, if it goes on with the value above, put that whole value "
            "in double quotes on one line"
        )
    if "mapping values are not allowed" in problem:
        indent = len(here) - len(here.lstrip(" "))
        if here[indent : indent + 1] == "\t":
            return (line, indent + 1), _TAB
        value = _KEY_VALUE.match(here)
        if value is not None and value.end() < col:
            # A second ": " on the line, inside the value.
            return (line, value.end() + 1), (
                "this value holds ': ', which starts a new field in YAML"
                + _QUOTE_IT
            )
        # The line's own field is refused: the value of a line above runs
        # on into it.
        for number in range(line - 1, 0, -1):
            above = line_at(number)
            if not above.strip() or above.lstrip().startswith("#"):
                continue
            colon = _NO_SPACE.match(above)
            if colon is not None:
                return (number, colon.end() + 1), _no_space(above, colon)
            if _KEY_VALUE.match(above) is not None and indent > _field_at(
                above
            ):
                if here[indent : indent + 2] == "- ":
                    return (line, indent + 1), _item_under_value(number)
                return (line, indent + 1), (
                    "this line is indented more than the field above it, "
                    "so it is read as part of that field's value; line it "
                    "up with the other fields"
                )
            if (
                _ITEM_TEXT.match(above) is not None
                and _KEY_VALUE.match(above) is None
                and indent > above.index("-")
            ):
                # "- ACCO", then "    kind: alliance" under it: a field
                # meant for the record, read as more of the item's text.
                return (line, indent + 1), (
                    "this line is indented further than the '- ' of the "
                    "list item above it, so it is read as part of that "
                    "item; if it is a field of the record, start it in the "
                    "column where the record's other fields start"
                )
            break
        # libyaml's own words ("mapping values are not allowed in this
        # context") say nothing a contributor can act on.
        return (line, col), (
            "a ':' followed by a space starts a field, and no field can "
            "start here; if the ':' is part of a text, put the whole text "
            'in double quotes ("..."); if a field starts here, line it up '
            "with the fields it goes with"
        )
    if (
        "cannot start any token" in problem
        # "? " starts a key written on a line of its own ("? key"), which
        # is refused after "field: ": a '?' put for a value not yet known.
        or "mapping keys are not allowed" in problem
    ):
        char = _char_at(text, line, col)
        if char and char in "@`%?":
            return (line, col), (
                f"a value cannot start with '{char}' unless it is in "
                f"quotes{_QUOTE_IT}"
            )
        return None
    if start is not None and (
        "scanning an anchor" in context
        or "scanning an alias" in context
        or (
            "scanning a block scalar" in context
            and "expected comment or line break" in problem
        )
    ):
        char = _char_at(text, *start)
        before, after = _around(text, *start)
        if char == "*" and not before.strip() and after.startswith(" "):
            # "* item", a list in Markdown or from a word processor.
            return start, (
                "a list item starts with '- ' (a hyphen and a space), not "
                "'* '; write '- ' in place of '* ' at the start of each item"
            )
        return start, (
            f"a value cannot start with '{char}' unless it is in quotes"
            f"{_QUOTE_IT}"
        )
    if (
        "scanning a directive" in context
        and start is not None
        and any(
            above.strip() and above.lstrip()[0] not in "#%"
            for above in lines[: start[0] - 1]
        )
    ):
        # A '%' at the start of a line, after the record has started: YAML
        # reads a directive ("%YAML 1.2"), which only comes before it.
        return start, (
            "a '%' at the start of a line begins a YAML directive, which "
            "cannot stand inside a record; if the line goes with a value, "
            "indent it like the value's other lines, or put the value in "
            "double quotes (\"...\"); else delete the '%'"
        )
    if (
        "end of stream" in problem
        and "quoted scalar" in context
        and start is not None
    ):
        # Opened on the last line, which has no line break after it (as
        # Notepad saves): _quote_trouble looks only at lines above.
        return start, (
            "the quote that opens here is never closed (the text runs on to "
            "the end of the file); close the quote"
        )
    if "found unexpected ':'" in problem and start is not None:
        # Only inside brackets: "[{url: https://example.org}]", which
        # YAML 1.2 reads, and libyaml refuses.
        return start, (
            "inside brackets ('[...]' or '{...}'), a value that holds ':' "
            "(a URL, say) must be in quotes" + _QUOTE_IT
        )
    if "did not find expected ','" in problem and start is not None:
        # Closed further on, so not named as never closed: a ',' or the
        # closing bracket left out, or a second ': ' inside.
        what, closer = _FLOW_KINDS.get(_char_at(text, *start), ("list", "]"))
        return (line, col), (
            f"the {what} that opens with '{_char_at(text, *start) or '['}' "
            f"at line {start[0]}, column {start[1]} goes on here without a "
            f"',' between its items or a '{closer}' to close it; if the "
            "value is text," + _QUOTE_IT.removeprefix(";")
        )
    if "expected node content" in problem and "block node" in context:
        # A quote pasted from its middle: ", signed by 43 survivors".
        char = _char_at(text, line, col)
        if char and char in ",]}":
            return (line, col), (
                f"a value cannot start with '{char}' unless it is in "
                f"quotes{_QUOTE_IT}"
            )
    if "expected node content" in problem and "flow node" in context:
        # Inside brackets: "[,]", "[a, , b]", "[- a]".
        char = _char_at(text, line, col)
        if char == ",":
            return (line, col), (
                "inside brackets ('[...]' or '{...}'), an item is missing "
                "before this ','; write one there, or delete the ','"
            )
        if char == "-":
            return (line, col), (
                "inside brackets ('[...]'), items are separated by ', ' and "
                "not started with '- '; write [first, second], or put each "
                "item on a line of its own below the field, starting with "
                "'- '"
            )
        return (line, col), (
            "inside brackets ('[...]' or '{...}'), an item is expected here; "
            "if the value is text," + _QUOTE_IT.removeprefix(";")
        )
    if (
        start is not None
        and context.startswith(("while parsing a tag", "while scanning a tag"))
        and "directive" not in context
    ):
        # "aliases: !!", "name: !<": a '!' read as a tag that never ends.
        return start, _STARTS["!"]
    if "incompatible YAML document" in problem:
        return (line, col), _YAML_VERSION
    if "directive" in problem or "directive" in context:
        # "%YAML one", "%INCLUDE other.yaml", a %TAG given twice: a record
        # needs no directive, so the line goes, whatever is wrong in it.
        directive = line if "duplicate" in problem else (start or at)[0]
        return (directive, 1), _DIRECTIVE
    if "block sequence entries are not allowed" in problem:
        return (line, col), (
            "a value cannot start with '- ' on its field's line: put it in "
            "double quotes, or start each item of a list on a line of its "
            "own below the field"
        )
    if "did not find expected '-' indicator" in problem and start:
        stray = _after_value(here, col)
        if stray is not None:
            return (line, col), stray
        return (line, col), (
            "this line does not line up with the list it is in: each item "
            f"starts with '- ' in column {start[1]}, and the fields of an "
            "item line up under its first field"
        )
    if "did not find expected key" in problem and start:
        for number in range(line, start[0] - 1, -1):
            value = _KEY_VALUE.match(line_at(number))
            if value is not None and line_at(number)[value.end()] in "[{":
                return (number, value.end() + 1), (
                    "a value that starts with '[' or '{' is read as a list "
                    "or a mapping; if it is text,"
                    + _QUOTE_IT.removeprefix(";")
                )
        indent = len(here) - len(here.lstrip(" "))
        stray = _after_value(here, col)
        if stray is not None:
            return (line, col), stray
        spaces = _spaces_first(line, indent, line_at)
        if spaces is not None:
            return (spaces, 1), (
                "this line, at the start of a text written below its field "
                "('|' or '>'), holds only spaces, more than the text's "
                "lines are indented by; delete the spaces on this line"
            )
        if here[indent : indent + 1] == ":" and col == indent + 1:
            # ": value", its field's name deleted or never typed.
            return (line, col), (
                "this line starts with ':', with no field name before it; "
                "write the field's name before the ':'"
            )
        if here[indent : indent + 2] in {"- ", "-"}:
            field_line = _line_above(line, line_at)
            field = "" if field_line is None else line_at(field_line)
            if (
                field_line is not None
                and (value := _KEY_VALUE.match(field)) is not None
                and field[value.end() :].strip()
                and indent > _field_at(field)
            ):
                return (line, col), _item_under_value(field_line)
            return (line, col), (
                "this list item does not line up with the items of its "
                "list, or stands where a field is expected; indent it like "
                "the other items, under the field it belongs to"
            )
        return (line, col), (
            "this line does not line up with the lines above it: the "
            "fields of one record, or of one source or list item, start in "
            "the same column; indent it like the field it goes with"
        )
    return None


def _spaces_first(
    line: int, indent: int, line_at: Callable[[int], str]
) -> int | None:
    """The line of only spaces, more than *indent*, that starts the text
    written below a field ('|' or '>') just above *line*, if there is one.

    YAML takes a text's indent from its first line with a letter, and
    refuses a line of spaces before it that is indented more; libyaml says
    so where the text's first line is, as a key it did not find.
    """
    deepest = None
    number = line - 1
    while number >= 1 and not line_at(number).strip(" "):
        if len(line_at(number)) > indent:
            deepest = number
        number -= 1
    if deepest is None or number < 1:
        return None
    found = _BLOCK_FIELD.match(line_at(number))
    if found is None or any(c.isdigit() for c in found["header"]):
        # With its indent given ("|4"), such a line is part of the text.
        return None
    return deepest


_BACKSLASH: Final = (
    "a backslash (\\) inside double quotes starts the code of a special "
    'character, such as \\" for a double quote, and the one here starts '
    "no such code; an apostrophe needs no backslash: delete it; to write a "
    "backslash, write two (\\\\), or put the whole value in single quotes"
)


def _misplaced_directive(
    lines: list[str], line: int
) -> tuple[Pos, str] | None:
    """Where a directive line (``%YAML 1.2``, ``%TAG``) before *line* is
    what libyaml, which says only that a ``---`` is missing at *line*,
    stumbled on: one after the data has started (read as the next
    document's), or one before the data with no ``---`` below it to end
    the directives.
    """
    started = ended = False
    directive = None  # the first directive before the data
    for number, text in enumerate(lines[: line - 1], 1):
        body = text.strip()
        if text.startswith("%"):
            if started:
                return (number, 1), (
                    "a line starting with '%' is a YAML directive, which may "
                    "only come at the top of a file, before any field; "
                    "delete this line (or, if it goes with a value, indent "
                    "it like the value's other lines)"
                )
            directive = directive or number
        elif text.startswith("---") and not started:
            ended = True  # the directives are ended: the error is later
        if body and not body.startswith(("#", "%", "---")):
            started = True
    if directive is None or ended:
        return None
    return (directive, 1), _DIRECTIVE


def _indented_start(lines: list[str], line: int) -> tuple[Pos, str] | None:
    """Where a file whose first lines are indented, and a later line
    *line* is not, goes wrong: at the first of them, as pasted with a
    blank in front of the first field.  libyaml reads the indented lines as
    the whole file, and says only that something follows it at *line*.
    """
    here = lines[line - 1] if 1 <= line <= len(lines) else ""
    below = len(here) - len(here.lstrip(" "))
    for number, text in enumerate(lines[: line - 1], 1):
        body = text.lstrip(" ")
        if not body or body.startswith("#") or text.startswith(("%", "---")):
            continue  # a directive, or the line that ends them
        spaces = len(text) - len(body)
        if spaces <= below:
            return None
        extra = spaces - below
        count = f"{extra} space{'s' if extra > 1 else ''}"
        lines_to_mend = (
            "this line"
            if number == line - 1
            else f"lines {number} to {line - 1}"
        )
        return (number, 1), (
            f"this line is indented by {count}, but line {line} below it "
            "is not: the fields of a record start at the beginning of their "
            f"lines; remove {count} from the start of {lines_to_mend}"
        )
    return None


def _after_value(here: str, col: int) -> str | None:
    """What is wrong with a ',', ']' or '}' at *col* of the line *here*,
    after a whole value (in quotes) on the line, not at the start of one.
    """
    char = here[col - 1 : col]
    if col <= _field_at(here) + 1 or not char or char not in ",]}":
        return None
    if char == ",":
        return (
            "a ',' after a value in quotes does not make a list: write each "
            "item on a line of its own, starting with '- ', or, if it is all "
            "one text, put the whole value in one pair of double quotes"
        )
    return (
        f"this '{char}' closes no '{'[' if char == ']' else '{'}' before it: "
        "delete it, or, if it is part of the value,"
        + _QUOTE_IT.removeprefix(";")
    )


# What a list item's "- " becomes when typed in a word processor, or
# without its space: "-url: ...", an en dash or a bullet and a space.
_DASH_LIKE: Final = re.compile(
    r"[ ]*(?:(?P<tight>-)[^\s-]|(?P<char>[\u2013\u2014\u2022\u00b7])[ ])"
)
_DASH_NAMES: Final = {
    "\u2013": "'\u2013' (an en dash, as a word processor types '- ')",
    "\u2014": "'\u2014' (an em dash)",
    "\u2022": "'\u2022' (a bullet)",
    "\u00b7": "'\u00b7' (a middle dot)",
}


def _bad_dash(lines: list[str], line: int) -> tuple[Pos, str] | None:
    """A list item started with something that looks like '- ' but is
    not, on the line *line* that libyaml refused or on the line of text
    above it: libyaml reads it as the start of a value, and fails a line
    later.
    """
    for number in range(line, max(line - 2, 0), -1):
        text = lines[number - 1] if number <= len(lines) else ""
        if number < line and (
            not text.strip() or text.lstrip().startswith("#")
        ):
            continue
        found = _DASH_LIKE.match(text)
        if found is not None and _FIELD_AFTER.match(text, found.end() - 1):
            char = found.group("char")
            at = found.start("tight" if char is None else "char")
            what = (
                "'-' with no space after it"
                if char is None
                else _DASH_NAMES[char]
            )
            return (number, at + 1), (
                "a list item starts with '- ' (a hyphen and a space), and "
                f"this one starts with {what}; type '- ' in its place"
            )
    return None


# A field's name and its colon, after the dash of a list item.
_FIELD_AFTER: Final = re.compile(r"[ -]?[A-Za-z_][\w-]*:(?:[ ]|$)")


_CLOSES: Final = {
    # DOTALL: a backslash may escape a line break (a value running on).
    '"': re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL),
    "'": re.compile(r"(?:[^']|'')*'(?!')"),
}


def _runs_into(number: int) -> str:
    """What is wrong with a quote left open, which takes in line *number*
    (from 1), a field's.
    """
    return (
        "the quote that opens here is not closed on its line, so the text "
        f"runs on, and line {number}, which starts like a field, is read as "
        "part of it; close the quote on this line (a text over many lines "
        "is written after '>-', on the lines below its field)"
    )


def _quote_trouble(text: str, error_line: int) -> tuple[Pos, str] | None:
    """The quoted value at or before *error_line* that caused a syntax error,
    if one did: a quote that is not closed before the error's line, or
    text after the closing quote (an apostrophe inside single quotes).

    Read from the top, following each quoted value over lines: one that
    runs over lines and is closed above the error, or a quoted key, is
    written right and is not the cause.
    """
    every = _BREAK.split(text)
    lines = every[:error_line]
    # The lines up to the error's, joined by one character each, so that
    # offsets in a line and in the whole differ by where the line starts.
    joined = "\n".join(lines)
    error_at = len(joined) - len(lines[-1]) if lines else 0
    starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]
    trouble: tuple[Pos, str] | None = None
    read_to = 0  # where the last quoted value read ends
    for index in _outside_blocks(lines):
        number, here, offset = index + 1, lines[index], starts[index]
        if here.lstrip(" \t")[:1] == "#":
            continue  # a comment: its quotes are words
        # Positions, never slices: a line of many quoted values would be
        # copied once for each.
        for start, quote in _quote_starts(here):
            at = offset + start
            if at < read_to:
                continue  # a quote inside a value read already
            closed = _CLOSES[quote].match(joined, at + 1)
            if closed is None or (
                number < error_line and closed.end() > error_at
            ):
                if number == error_line:
                    continue
                runs_to = (
                    "the end of the file"
                    if error_line >= len(every)
                    else f"line {error_line}"
                )
                return (number, start + 1), (
                    "the quote that opens here is not closed on this line "
                    f"(the text runs on to {runs_to}); close the quote"
                )
            spanned = joined.count("\n", at, closed.end())
            for later in range(number, number + spanned):
                if _LOOKS_LIKE_A_FIELD.match(every[later].lstrip(" ")):
                    # Closed lines below, by another value's quote: the
                    # lines between were read as text, and the error
                    # comes later still.
                    return (number, start + 1), _runs_into(later + 1)
            read_to = closed.end()
            after = _NOT_BLANK.search(joined, read_to)
            if (
                after is None
                or "\n" in joined[read_to : after.start()]
                or after.group() in ",]}#"
                or _in_flow(here, start)
                or _is_key(joined, after.start())
            ):
                continue
            # At the text, past any blanks after the quote.
            line = number + joined.count("\n", at, after.start())
            column = after.start() - joined.rfind("\n", 0, after.start())
            hint = (
                "; to write an apostrophe inside single quotes, double "
                "it ('Barnardo''s'), or use double quotes"
                if quote == "'"
                else "; to write a double quote inside double quotes, "
                'write \\", or put the whole value in single quotes '
                """('"Example" Charity')"""
            )
            trouble = (line, column), f"text follows the closing quote{hint}"
    return trouble


def _outside_blocks(lines: list[str]) -> Iterator[int]:
    """The indexes of *lines* that are not the text of a block of text
    (the lines after ``notes: |`` indented further than its key), where
    quotes are characters of the text, and where indentation may hold a
    non-breaking space.
    """
    block: int | None = None  # the column a block's lines must pass
    indent: int | None = None  # its text's, set by its first line
    for index, line in enumerate(lines):
        spaces = len(line) - len(line.lstrip(" "))
        if block is not None:
            if spaces == len(line):
                continue  # a blank line belongs to the block
            if indent is None and spaces > block:
                indent = spaces
            if indent is not None and spaces >= indent:
                continue  # the block's text
            block = indent = None
        yield index
        opens = _BLOCK_OPENS.fullmatch(line)
        if opens is not None:
            # Its key's column: "- key: |" is a mapping's key, further in
            # than its dash; "- |" and "key: |" are where they start.
            at = opens.end("at")
            block = at if line[at : at + 1] not in ("|", ">") else spaces


def _is_key(text: str, colon: int) -> bool:
    """Whether *colon* in *text* is the ':' of a key written in quotes
    (``"GB-CHC": "216401"``): followed by a blank or the line's end.
    """
    return text[colon] == ":" and text[colon + 1 : colon + 2] in {
        "",
        " ",
        "\t",
        "\n",
    }


# Where a quoted scalar can start: after indentation, "- ", "key: " (the
# key in quotes or not: '"GB-CHC": "1"'), or inside a flow collection
# after "[", "{" or ",".  The "- " are taken possessively (*+): given back
# one by one, each would be tried as the start of a key, and a line of many
# would take time in the square of its length.
_QUOTE_START: Final = re.compile(
    r"""(?:^[ \t]*(?:-[ \t]+)*+"""
    r"""(?:(?:[^"'#\s][^:#]*|"[^"\\\n]*"|'[^'\n]*'):[ \t]+)?"""
    r"""|[\[{,][ \t]*)(["'])"""
)
_NOT_BLANK: Final = re.compile(r"\S")


def _in_flow(line: str, start: int) -> bool:
    """Whether the text of *line* before *start* ends with '[', '{' or
    ',' and blanks: a quoted value inside a flow list or mapping.  Looks
    back over the blanks only, not the whole line.

    >>> _in_flow('k: [a, "b"', 7), _in_flow('k: a "b"', 5)
    (True, False)
    """
    end = start
    while end > 0 and line[end - 1].isspace():
        end -= 1
    return end > 0 and line[end - 1] in "[{,"


def _quote_starts(line: str) -> list[tuple[int, str]]:
    """Where quoted scalars open on a line, and with which quote.  After a
    ',' only inside brackets: in a value without them (``quote: it said,
    "we will``), a quote is a character of the text.
    """
    return [
        (m.start(1), m.group(1))
        for m in _QUOTE_START.finditer(line)
        if m.group()[0] != ","
        or line.find("[", 0, m.start()) >= 0
        or line.find("{", 0, m.start()) >= 0
    ]


def _around(text: str, line: int, col: int) -> tuple[str, str]:
    """The text of line *line* before column *col*, and after it."""
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        return lines[line - 1][: col - 1], lines[line - 1][col:]
    return "", ""


def _char_at(text: str, line: int, col: int) -> str:
    return _char_in(text.splitlines(), line, col)


def _char_in(lines: list[str], line: int, col: int) -> str:
    """The character at *line*, *col* of a text split into *lines*."""
    if 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def _scan_events(
    text: str, path: str, limits: Limits
) -> tuple[list[Problem], bool, frozenset[tuple[int, int]]]:
    """Walk the event stream for what the node tree hides: anchors, aliases
    and nesting depth.  Returns the problems, whether composing is safe,
    and the 0-based marks of plain values that carry an anchor.
    """
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        NodeEvent,
        ScalarEvent,
    )

    problems: list[Problem] = []
    parser = _parser()(text)
    depth = 0
    anchors: set[str] = set()
    anchored: set[tuple[int, int]] = set()
    lines: list[str] | None = None
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, AliasEvent):
                where = Location(path, *_mark_pos(event.start_mark))
                if event.anchor in anchors:
                    problems.append(
                        Problem(
                            "anchor-alias",
                            "aliases (*name) are not allowed; write the "
                            "value out in full",
                            where,
                        )
                    )
                    continue
                # No anchor of that name: "*Example Charity" was meant as
                # text.
                problems.append(Problem("anchor-alias", _STARTS["*"], where))
                if lines is None:
                    lines = _BREAK.split(text)
                end = event.end_mark
                rest = lines[end.line][end.column :].strip(" \t")
                if rest and rest[0] != "#":
                    # The words after it are what libyaml refuses next:
                    # the one mistake is said.
                    return problems, False, frozenset()
                continue
            if isinstance(event, NodeEvent) and event.anchor is not None:
                anchors.add(event.anchor)
                if isinstance(event, ScalarEvent) and not event.style:
                    mark = event.start_mark
                    anchored.add((mark.line, mark.column))
                # "&Example Charity": an anchor, then a value on its line.
                text_after = (
                    isinstance(event, ScalarEvent)
                    and not event.style
                    and event.value
                    and event.end_mark.line == event.start_mark.line
                )
                problems.append(
                    Problem(
                        "anchor-alias",
                        _STARTS["&"]
                        if text_after
                        else "anchors (&name) are not allowed; write the "
                        "value out in full",
                        Location(path, *_mark_pos(event.start_mark)),
                    )
                )
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    problems.append(
                        Problem(
                            "too-deep",
                            f"the data is nested more than "
                            f"{limits.max_depth} levels deep "
                            "(limit max_depth)",
                            Location(path, *_mark_pos(event.start_mark)),
                        )
                    )
                    return problems, False, frozenset()
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except MemoryError:
        problems.append(_out_of_memory(path))
        return problems, False, frozenset()
    except Exception as e:  # noqa: BLE001 - any parser failure is data
        problems.append(_syntax_problem(e, path, text))
        return problems, False, frozenset()
    finally:
        parser.dispose()
    return problems, True, frozenset(anchored)


class _Builder:
    """Turns a composed node tree into YMap/YSeq/str/None, with checks."""

    __slots__ = (
        "aliased",
        "anchored",
        "every_line",
        "limits",
        "lines",
        "path",
        "problems",
        "seen",
        "text",
    )

    def __init__(
        self,
        path: str,
        limits: Limits,
        *,
        aliased: bool,
        lines: list[str] | None = None,
        text: str = "",
        anchored: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        self.path = path
        # "name: &Example" is reported as an anchor: its empty value is
        # refused with it, not called missing too.
        self.anchored = anchored
        self.limits = limits
        # The text's lines, when a comment could follow a value on its line.
        self.lines = lines
        self.text = text
        # The text's lines, once a value running on has asked for them.
        self.every_line: list[str] | None = None
        self.problems: list[Problem] = []
        # The C composer shares one node between an anchor and its aliases
        # (and lets an alias refer to its own parent): when the text has
        # aliases, a node met twice is not walked again, which defeats
        # "billion laughs" and cycles.
        self.aliased = aliased
        self.seen: set[int] = set()

    def problem(self, code: str, message: str, node: Any) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(
                code,
                message,
                Location(self.path, mark.line + 1, mark.column + 1),
            )
        )

    def comment_after(self, node: Any, lines: list[str]) -> None:
        """Warn when "#" and text straight after it follow a plain value
        on its line: "Safe Futures #1" was more likely meant as the value
        than "Safe Futures" and a comment "1".
        """
        end = node.end_mark
        if end.line >= len(lines):
            return
        rest = lines[end.line][end.column :]
        after = rest.lstrip(" \t")
        if len(after) > 1 and after[0] == "#" and not after[1].isspace():
            column = end.column + len(rest) - len(after) + 1
            self.problems.append(
                Problem(
                    "comment-in-value",
                    "the text after ' #' is read as a comment, so it is "
                    "not part of the value before it; if it belongs to the "
                    "value, put the whole value in double quotes",
                    Location(self.path, end.line + 1, column),
                )
            )

    def runs_on(self, node: Any) -> None:
        """Warn when a plain value runs on to a line that looks like an
        item or a field of its own: ``- Example CSF`` indented one space
        too far under ``- ECSF`` is read as ``ECSF - Example CSF``.
        """
        for number, line in self.lines_run_on_to(node):
            content = line.lstrip(" ")
            what = (
                "a list item ('- ')"
                if content.startswith("- ")
                else "a field ('name: ...')"
                if _LOOKS_LIKE_A_FIELD.match(content)
                else None
            )
            if what is None:
                continue
            self.problems.append(
                Problem(
                    "value-runs-on",
                    f"this line starts like {what}, but it is indented "
                    "under the value above, so YAML joins it to that value; "
                    "line it up with the item or field it belongs beside, "
                    "or put the whole value in double quotes",
                    Location(
                        self.path, number + 1, len(line) - len(content) + 1
                    ),
                )
            )
            return

    def quote_runs_on(self, node: Any) -> bool:
        """Whether a quoted value runs on to a line that starts like a
        field, said as its quote left open (an error): YAML reads on to the
        next quote of the same kind, even lines below, and takes in the
        fields between as text (``name: 'Example Charity`` and, below it,
        ``kind: charity``, lost with no word).  Not a line starting "- ",
        which in a quoted text may be a dash.
        """
        for number, line in self.lines_run_on_to(node):
            if _LOOKS_LIKE_A_FIELD.match(line.lstrip(" ")):
                self.problem("yaml-syntax", _runs_into(number + 1), node)
                return True
        return False

    def lines_run_on_to(self, node: Any) -> Iterator[tuple[int, str]]:
        """The lines (each with its number, from 0) after the first that
        *node*'s value runs on to.
        """
        # Split once per file, and not kept in self.lines: that would make
        # every later value look for a comment after it.
        if self.every_line is None:
            self.every_line = self.lines or _BREAK.split(self.text)
        lines = self.every_line
        start, end = node.start_mark.line, node.end_mark.line
        for number in range(start + 1, min(end, len(lines) - 1) + 1):
            yield number, lines[number]

    def empty_block(self, node: Any, value: str) -> EmptyBlock:
        """*value*, the blank text of a block whose header *node* starts
        at, marked as such with the header as written.
        """
        if self.every_line is None:
            self.every_line = self.lines or _BREAK.split(self.text)
        mark = node.start_mark
        line = (
            self.every_line[mark.line]
            if mark.line < len(self.every_line)
            else ""
        )
        header = _BLOCK_HEADER.match(line, mark.column)
        return EmptyBlock(value, header.group() if header else node.style)

    def forbidden(self, node: Any, *, key: bool = False) -> object:
        tag = tag_name(str(node.ctag))
        if (
            not key
            and node.id == "scalar"
            and not node.style
            and node.value
            and tag.startswith("!")
            and not tag.startswith(("!!", "!<"))
        ):
            # "!Example Charity": a value that starts with '!', read as a
            # tag and a value.
            message = _STARTS["!"]
        else:
            message = f"the tag {tag} is not allowed; remove it"
        self.problem("forbidden-tag", message, node)
        return DROPPED

    def build(self, node: Any, depth: int = 0) -> Any:
        if self.aliased:
            if id(node) in self.seen:
                return DROPPED
            self.seen.add(id(node))
        ctag = node.ctag
        kind = node.id
        if kind == "scalar":
            value: str = node.value
            if ctag is not _STR_TAG:
                tag = str(ctag)
                if tag not in _CORE_SCALAR_TAGS:
                    return self.forbidden(node)
                fits = _FITS.get(tag)
                if fits is not None and not fits.fullmatch(value):
                    # The value is never repeated: it may be private.
                    self.problem(
                        "forbidden-tag",
                        f"the tag {tag_name(tag)} does not fit this value, "
                        "which other YAML readers then read otherwise; "
                        "remove the tag",
                        node,
                    )
                    return DROPPED
                if fits is not None and tag.endswith(":null"):
                    return None
            if value in _NULLS and not node.style and ctag is _STR_TAG:
                if self.anchored:
                    mark = node.start_mark
                    if (mark.line, mark.column) in self.anchored:
                        return DROPPED
                return None
            if node.style in ("|", ">") and not value.strip():
                return self.empty_block(node, value)
            if self.lines is not None and not node.style:
                self.comment_after(node, self.lines)
            if node.end_mark.line > node.start_mark.line:
                if not node.style:
                    self.runs_on(node)
                elif node.style in _QUOTES and self.quote_runs_on(node):
                    return DROPPED
            if node.style == '"':
                # Escapes (\0, \e, \u202e...) can make any character:
                # check what they made, as the raw text was checked.
                bad = _FORBIDDEN.search(value)
                if bad is not None:
                    self.problem(
                        "invalid-character",
                        _character_message(bad.group(), written=False),
                        node,
                    )
                    return DROPPED
            return value
        if depth >= self.limits.max_depth:
            self.problem(
                "too-deep",
                f"the data is nested more than {self.limits.max_depth} "
                "levels deep (limit max_depth)",
                node,
            )
            return DROPPED
        mark = node.start_mark
        if kind == "sequence":
            if ctag is not _SEQ_TAG and str(ctag) != _SEQ:
                return self.forbidden(node)
            seq = YSeq((mark.line + 1, mark.column + 1))
            item_pos = seq.item_pos
            for item in node.value:
                m = item.start_mark
                item_pos.append((m.line + 1, m.column + 1))
                seq.append(self.build(item, depth + 1))
            return seq
        if ctag is not _MAP_TAG and str(ctag) != _MAP:
            return self.forbidden(node)
        mapping = YMap((mark.line + 1, mark.column + 1))
        key_pos = mapping.key_pos
        value_pos = mapping.value_pos
        for key_node, value_node in node.value:
            if self.aliased:
                if id(key_node) in self.seen:
                    # An alias as a key ("*name : x"), reported where it
                    # is written: read as the anchored text, it would be
                    # an unknown field, or a duplicate, at the anchor.
                    continue
                self.seen.add(id(key_node))
            if key_node.id != "scalar":
                self.problem(
                    "wrong-shape",
                    "a key must be plain text, not a list or a mapping",
                    key_node,
                )
                continue
            if key_node.ctag is not _STR_TAG and str(key_node.ctag) != _STR:
                self.forbidden(key_node, key=True)
                continue
            key = key_node.value
            if key_node.style == '"' and (bad := _FORBIDDEN.search(key)):
                # "na\0me": an escape made what no key may hold, shown
                # by no editor (an unknown-field error would print it).
                self.problem(
                    "invalid-character",
                    _character_message(
                        bad.group(), written=False, escaped_in="this key"
                    ),
                    key_node,
                )
                continue
            if key == "<<" and not key_node.style:
                self.problem(
                    "merge-key",
                    "merge keys ('<<') are not allowed; write the fields "
                    "out in full",
                    key_node,
                )
                continue
            if key in mapping:
                self.problem(
                    "duplicate-key",
                    f"the field {key!r} is given twice (first on line "
                    f"{key_pos[key][0]}); keep one",
                    key_node,
                )
                # Neither value is the one meant: keeping the first would
                # let a stale "disclosure: public" above a newer
                # "disclosure: pseudonym" print the person's values.
                mapping[key] = DROPPED
                continue
            km = key_node.start_mark
            vm = value_node.start_mark
            key_pos[key] = (km.line + 1, km.column + 1)
            value_pos[key] = (vm.line + 1, vm.column + 1)
            mapping[key] = self.build(value_node, depth + 1)
        return mapping


# What a problem says instead, in a file that holds private values, for the
# problems whose message repeats something written in the file.
_UNECHOED: Final = {
    "forbidden-tag": (
        "a tag is not allowed here (not shown: the record may hold private "
        "values); remove it"
    ),
    "duplicate-key": (
        "a field is given twice here (not shown: the record may hold "
        "private values); keep one"
    ),
}


_DIRECTIVE: Final = (
    "a line starting with '%' is a YAML directive, which a record never "
    "needs (records are YAML 1.2, whatever a '%YAML' line says); delete "
    "this line"
)
_YAML_VERSION: Final = (
    "a '%YAML' line names the version of YAML a file is written in, and "
    "records are YAML 1.2, read as such whatever the line says; delete it"
)
# A "%YAML 1.1" line before the record: libyaml reads it and goes on, and
# a reader that honours it reads "NO" (Norway's code) as false.
_OLD_YAML: Final = re.compile(r"^%YAML[ \t]+1\.[01]\b", re.MULTILINE)


def _old_yaml(text: str) -> Pos | None:
    """Where a ``%YAML 1.1`` (or 1.0) line stands before the record, if
    one does.
    """
    found = _OLD_YAML.search(text)
    if found is None:
        return None
    before = text[: found.start()].splitlines()
    if any(line.strip() and line.lstrip()[0] not in "#%" for line in before):
        return None  # inside the record: libyaml refuses it, and says so
    return _position(text, found.start())


# What is said of a value that starts with a character YAML reads as a tag,
# an anchor or an alias: a volunteer meant it as text.
_STARTS: Final = {
    char: f"a value cannot start with '{char}' unless it is in quotes"
    + _QUOTE_IT
    for char in "!&*"
}


def without_echo(problem: Problem) -> Problem:
    """*problem* without anything it repeats from the file, for a file that
    holds private values.
    """
    message = _UNECHOED.get(problem.code)
    if message is None or problem.message in _STARTS.values():
        return problem
    return attrs.evolve(problem, message=message)


# Where a line's value starts: past its indentation, the dashes of list
# items, and its key and colon, if it has them.  A key holds no quote,
# comma or bracket: on a line such as '  quartz", country: Icelnd}', the
# end of a quoted value that began on a line before, what comes before
# 'country' is a value, not a key, and the line's start is all that may
# be said.
_LINE_VALUE: Final = re.compile(
    r"[ \t]*(?P<dash>-(?:[ \t]+|$))*"
    r"(?P<key>[^\s#'\"{\[\]},][^:#'\"{\[\]},]*?:(?:[ \t]+|$))?"
)


@functools.lru_cache(maxsize=2)
def _lines_of(text: str) -> list[str]:
    # Split once for all the problems of a file: a list file of many
    # records may have a problem in each.  Most files break lines with
    # "\n" alone, which str.split finds ten times as fast as _BREAK.
    if _OTHER_BREAK.search(text) is None:
        return text.split("\n")
    return _BREAK.split(text)


_OTHER_BREAK: Final = re.compile("[\r\x85\u2028\u2029]")


def value_start(
    text: str,
    line: int,
    column: int,
    first_line: int = 1,
    *,
    top: int | None = None,
) -> tuple[int, int]:
    """The line and column of the start of the value that *line* and
    *column* of *text* are inside of (see :func:`at_value_start`), or
    *line* and *column* themselves if they are at or before its start.

    *top*, when given, is the line the record holding the value starts on:
    no value of the record starts above it, and the search up for where
    the value starts stops there.  Without it, the search may go up to the
    top of the file for each position, which in a list file of many
    records takes time in the square of its length.
    """
    index = line - first_line
    if index < 0 or column <= 1:
        return line, column
    lines = _lines_of(text)
    if index >= len(lines):
        return line, column
    here = lines[index]
    start = _LINE_VALUE.match(here)
    at = (line, min(column, (start.end() if start else 0) + 1))
    plain = start is not None and not (
        start.group("key") or start.group("dash")
    )
    # A line of a value written on several lines (a 'notes: >-' block, a
    # name run on): which of its lines it is would say where in it.  In a
    # block, a line may look like a key or a list's item ("- a point",
    # "Source: ...") and still be text.
    indent = len(here) - len(here.lstrip(" \t"))
    floor = 0 if top is None else max(top - first_line, 0)
    for above in range(index - 1, floor - 1, -1):
        written = lines[above].lstrip(" \t")
        if not written or written.startswith("#"):
            continue
        if len(lines[above]) - len(written) < indent:
            key = _LINE_VALUE.match(lines[above])
            if (
                key is not None
                and key.group("key")
                and (
                    plain
                    or _BLOCK_STARTS.match(lines[above], key.end())
                    # A quoted value run on: '"Sky' above '  Lark: x"'.
                    or _QUOTE_OPEN.match(lines[above], key.end())
                )
            ):
                return above + first_line, key.end() + 1
            break
    return at


# A quoted value that its line does not close.
_QUOTE_OPEN: Final = re.compile(r'"(?:[^"\\]|\\.)*$|\'(?:[^\']|\'\')*$')


# What starts a block of text after a key: '|', '>', with '-', '+' or an
# indentation after them, and perhaps a comment.
_BLOCK_STARTS: Final = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")


def at_value_start(
    problem: Problem,
    text: str,
    first_line: int = 1,
    *,
    top: int | None = None,
) -> Problem:
    r"""*problem*, placed at the start of the value it is inside of, if it
    is inside one, in *text* (whose first line is *first_line*): in a
    value that may be private, its column would tell how many characters
    come before the mistake (the length of a name before a '#', say), and
    its line, in a value written on several lines, which of them.
    A problem after a value on its line (in a mapping written in braces,
    ``{name: Sky, country: XX}``) is placed at the start of what the line
    holds, as its column would tell the length of the value before it.

    >>> p = Problem("comment-in-value", "...", Location("f", 3, 11))
    >>> at_value_start(p, "id: x\ndisclosure: anonymous\nname: Sky #x\n").location
    Location(path='f', line=3, column=7)
    """
    where = problem.location
    line, column = value_start(
        text, where.line, where.column, first_line, top=top
    )
    if (line, column) == (where.line, where.column):
        return problem
    return attrs.evolve(
        problem,
        message=f"{problem.message} (it is in the value that starts here; "
        "where in it is not said, as what comes before it may be private)",
        location=attrs.evolve(where, line=line, column=column),
    )


def tag_name(tag: str) -> str:
    """Show a tag as it was most likely written."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _may_nest_deeply(text: str, limits: Limits) -> bool:
    brackets = text.count("[") + text.count("{")
    return brackets >= limits.max_depth or (
        _DEEP_INDENT.search(text) is not None
    )


def parse(raw: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse the bytes of one YAML file.

    Args:
        raw: The file's content.
        path: How the file is named in problems.
        limits: Size and depth bounds.

    Returns:
        The document, with ``data`` set to ``None`` where the file could not
        be read as YAML; never raises for bad input.
    """
    if len(raw) > limits.max_file_bytes:
        return Document(
            path,
            None,
            (
                Problem(
                    "file-too-large",
                    f"the file has {len(raw):,} bytes, more than the limit "
                    f"of {limits.max_file_bytes:,} (limit max_file_bytes)",
                    Location(path),
                ),
            ),
        )
    text, problems = _decode(raw, path)
    if text is None:
        # Kept for where each line's value starts (see at_value_start).
        return Document(
            path, None, tuple(problems), text=raw.decode("utf-8", "replace")
        )
    return parse_text(text, path, limits)


# Every value the parser builds needs one of these before it: a line
# break, ":", "," or "- " (a block list's item), or "[", "{" or "?".  Some
# bring two values: a "," or "?" in a flow mapping, a key and its empty
# value ("{a, b}"); a "[" or "{", the collection and its first item; a
# "- ", a list and its first item ("- - - a" on one line).  So counting
# them, twice those, bounds the values however they are written.  The
# first value of the file, and the collection it may open, need none.
_FIRST_VALUES: Final = 2
_TWICE: Final = frozenset(",[{?-")
_VALUE_START: Final = re.compile(r"\r\n|[\n\r:,\[{?]|-(?=[ \t\r\n]|\Z)")
# Text is counted in pieces of about this many characters to find where the
# values limit is passed without walking every separator in Python.
_PIECE: Final = 1 << 16


def _value_starts(text: str, start: int, end: int) -> int:
    """What the characters in ``text[start:end]`` that can start a value
    count (see _VALUE_START); *end* must not cut a CRLF or a "- " apart.
    """

    def count(sub: str) -> int:
        return text.count(sub, start, end)

    # A CR not followed by LF is a line break of its own (an old Mac file).
    breaks = count("\n") + count("\r") - count("\r\n")
    # A "-" starts a list item only before a space, a tab or a line break.
    items = count("- ") + count("-\t") + count("-\n") + count("-\r")
    items += end == len(text) and text.endswith("-")
    twice = count(",") + count("[") + count("{") + count("?") + items
    return breaks + count(":") + 2 * twice


def _limit_passed(text: str, limit: int) -> int:
    """Where in *text* its count of values first passes *limit*."""
    total = _FIRST_VALUES
    if total > limit:
        return 0
    start = 0
    while start < len(text):
        end = min(start + _PIECE, len(text))
        while end < len(text) and text[end - 1] in "\r-":
            end += 1  # keep a CRLF, or a "-" and what follows it, together
        counted = _value_starts(text, start, end)
        if total + counted > limit:
            for found in _VALUE_START.finditer(text, start, end):
                total += 2 if found.group()[0] in _TWICE else 1
                if total > limit:
                    return found.start()
        total += counted
        start = end
    return len(text)


def _position(text: str, offset: int) -> Pos:
    """The line and column of *offset*, as _pos_of finds them, without
    walking every line break in Python (for a text of millions of lines).
    """
    breaks = (
        text.count("\n", 0, offset)
        + text.count("\r", 0, offset)
        - text.count("\r\n", 0, offset)
    )
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset))
    return breaks + 1, offset - line_start


def _read_block(text: str, limits: Limits, first_line: int) -> Any:
    global _read_block  # noqa: PLW0603 - bound on first use, once
    from .blockyaml import read

    _read_block = read
    return read(text, limits, first_line)


def parse_text(
    text: str,
    path: str,
    limits: Limits = DEFAULT_LIMITS,
    *,
    first_line: int = 1,
) -> Document:
    """Parse decoded text whose characters are already checked; *first_line*
    is the line of the file the text starts at (for a part of a file).

    Text in the plain block subset that record files are nearly always
    written in is read by :mod:`~coalition_registry.blockyaml`; anything
    else by libyaml.
    """
    # Bound the values, and so the memory, before the parser builds
    # anything.  No character counts more than two: a text shorter than
    # half the limit cannot pass it, and is not counted at all (nearly
    # every record file).
    values = (
        _FIRST_VALUES + _value_starts(text, 0, len(text))
        if _FIRST_VALUES + 2 * len(text) > limits.max_values
        else 0
    )
    if values > limits.max_values:
        line, col = _position(text, _limit_passed(text, limits.max_values))
        return Document(
            path,
            None,
            (
                Problem(
                    "limit-exceeded",
                    f"the file holds up to {values:,} values, more than the "
                    f"limit of {limits.max_values:,} (limit max_values), "
                    "which it passes here; split it into smaller files",
                    Location(path, line + first_line - 1, col),
                ),
            ),
        )
    data = _read_block(text, limits, first_line)
    if data is not None:
        return Document(path, data, text=text, first_line=first_line)
    return _parse_full(text, path, limits, first_line)


# A non-breaking space (U+00A0) in a line's indentation, as text pasted
# from a word processor has.  YAML indents with spaces only: to libyaml the
# line starts with text, so it becomes a key of its own, a value, or a
# syntax error, and the message names none of that.  Some line starting
# with spaces, then U+00A0: only then are lines followed.
_NBSP_LEADS: Final = re.compile(r"(?:^|(?<=\r))[ ]*\xa0", re.MULTILINE)
# A line holding "key: |" or "- >-" and the like, which opens a block of
# text: lines indented further than its key (or dash) are the text's own,
# where a leading non-breaking space is a character of the text, not
# indentation.  Group "at" ends where the key or the last dash starts.
_BLOCK_OPENS: Final = re.compile(
    r"(?P<at>[ ]*(?:-[ ]+)*)(?:[^#\s-][^#]*?:[ ]+|(?<=- )|(?<=-)(?=[|>]))?"
    r"[|>][-+1-9]{0,2}[ ]*(?:#.*)?"
)
# A line and its break (those _position counts).
_LINE: Final = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|\Z)")


def _nbsp_indent(text: str) -> Pos | None:
    """Where the first non-breaking space in a line's indentation is, if a
    line of *text* is indented with one; lines of a block of text (after
    ``notes: |``) indented further than their key may start with one.
    """
    if "\xa0" not in text:  # nearly every file: one scan, no pattern
        return None
    if _NBSP_LEADS.search(text) is None:
        return None  # only inside lines: no need to follow them in Python
    found = list(_LINE.finditer(text))
    lines = [m.group(1) for m in found]
    for index in _outside_blocks(lines):
        line = lines[index]
        spaces = len(line) - len(line.lstrip(" "))
        if line[spaces : spaces + 1] == "\xa0":
            return _position(text, found[index].start() + spaces)
    return None


def _parse_full(
    text: str, path: str, limits: Limits, first_line: int = 1
) -> Document:
    """Parse with libyaml: any text, with every problem reported."""
    problems: list[Problem] = []
    anchored: frozenset[tuple[int, int]] = frozenset()
    if first_line > 1:
        # Blank lines cost nothing to parse and make every mark right.
        text = "\n" * (first_line - 1) + text
    nbsp = _nbsp_indent(text)
    if nbsp is not None:
        # Checked before libyaml, which would read the line as something
        # else and explain that instead.
        return Document(
            path,
            None,
            (Problem("yaml-syntax", _NBSP_INDENTED, Location(path, *nbsp)),),
            text=text,
        )
    mark = _BOM_LEADS.search(text) if "\ufeff" in text else None
    if mark is not None:
        # Invisible: libyaml's "does not line up" sends the reader looking
        # at spaces that are right.
        at = _position(text, mark.end() - 1)
        return Document(
            path,
            None,
            (Problem("yaml-syntax", _BOM_LEADS_LINE, Location(path, *at)),),
            text=text,
        )
    if "&" in text or "*" in text or _may_nest_deeply(text, limits):
        problems, safe, anchored = _scan_events(text, path, limits)
        if not safe:
            return Document(path, None, tuple(problems), text=text)
    if "%YAML" in text:
        version = _old_yaml(text)
        if version is not None:
            problems.append(
                Problem("yaml-syntax", _YAML_VERSION, Location(path, *version))
            )
    parser = _parser()(text)
    # Millions of small containers make the cyclic collector run again and
    # again for nothing: none of them forms a cycle we keep.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = parser.get_single_node()
        builder = _Builder(
            path,
            limits,
            aliased="*" in text,
            lines=_BREAK.split(text)
            if " #" in text or "\t#" in text
            else None,
            text=text,
            anchored=anchored,
        )
        data = None if node is None else builder.build(node)
    except MemoryError:
        return Document(
            path, None, (*problems, _out_of_memory(path)), text=text
        )
    except Exception as e:  # noqa: BLE001 - any parser failure is data
        syntax = _syntax_problem(e, path, text)
        if syntax in problems or any(
            p.code == "anchor-alias" and p.location == syntax.location
            for p in problems
        ):
            # "found undefined alias": the alias is reported already, with
            # what to do about it.
            return Document(path, None, tuple(problems), text=text)
        return Document(path, None, (*problems, syntax), text=text)
    finally:
        if collecting:
            gc.enable()
        parser.dispose()
    problems.extend(builder.problems)
    return Document(path, data, tuple(problems), text=text)


def iter_positions(data: Any) -> Iterator[Pos]:
    """Every position recorded in a parsed value (for tests and checks)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, YMap):
            yield item.pos
            yield from item.key_pos.values()
            yield from item.value_pos.values()
            stack.extend(item.values())
        elif isinstance(item, YSeq):
            yield item.pos
            yield from item.item_pos
            stack.extend(item)
