"""Formatting: record files rewritten in one canonical form, keeping every
comment and every value.

The canonical form:

- keys in the order of the record's fields in :mod:`coalition_registry.model`
  (nested sources, claims and recipients too); keys the model does not know
  stay, untouched, after them;
- text quoted as :func:`coalition_registry.dump.scalar` quotes it: plain
  when every YAML tool reads it as the same text, double-quoted otherwise
  (so two-letter country codes are always quoted: ``"NO"`` stays Norway);
  dates, whole numbers and ``true``/``false`` plain; registry numbers under
  ``identifiers`` always double-quoted; block text (``>-``, ``|``) kept;
- two-space indentation, list items indented under their key, no flow
  ``[...]``/``{...}`` collections;
- the line endings of the file's first line: LF, or CRLF (as git on
  Windows checks files out); a lone CR becomes LF.

Files are read and written with ruamel.yaml's round-trip mode, which keeps
comments; every scalar is read as text (the schema decides types, as in
:mod:`coalition_registry.parsing`).  Before a file is written, the new text is
checked: read by the validator's own parser it must hold exactly the same
values, and it must hold the same comments.  A file that fails either check
is left alone, and so is a file that does not validate.  Files are replaced
atomically: a crash leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import difflib
import errno
import functools
import io
import os
import re
import stat
import sys

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import countries, files
from .dump import scalar
from .model import FOLDERS, Person, RegistryInfo, field_names
from .parsing import YMap, YSeq, parse, value_start
from .problems import Location, Problem
from .schema import (
    Count,
    Country,
    Date,
    FieldType,
    Flag,
    Identifiers,
    ListOf,
    Nested,
    holds_private,
    not_known,
    yaml_fields,
)
from .validation import read_records, validate


if TYPE_CHECKING:
    from .progress import Progress


__all__ = [
    "FileResult",
    "Fix",
    "FmtReport",
    "Formatted",
    "comments",
    "exact_country",
    "format_paths",
    "format_text",
    "write_atomic",
]

_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A day, or the month or the year of a date no source gives closer.
_PARTIAL_DATE: Final = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_COUNT: Final = re.compile(r"^(?:0|[1-9][0-9]*|unknown)$")
_FLAGS: Final = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
# Plain scalars the validator reads as "no value" (load._NULLS).
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
_COMMENT: Final = re.compile(r"(?:^|(?<=[ \t]))#[^\r\n]*", re.MULTILINE)
_BLOCK_HEADER_END: Final = re.compile(r"\r\n|\r|\n")
_LINE_BREAK: Final = re.compile(r"\r\n?")
# Tabs that YAML (and the validator) read as separating space, but that
# ruamel.yaml's scanner refuses: between a field's ":" and its value, and at
# the end of a line.
_TAB_AFTER_KEY: Final = re.compile(
    r"^([ ]*(?:-[ ]+)*[A-Za-z_][\w-]*:)[ ]*\t[ \t]*(?=\S)", re.MULTILINE
)
# Blanks holding a tab between a value and the comment after it, on a line
# with no "#" before them (a comment's own text is left as it is).
_TAB_BEFORE_COMMENT: Final = re.compile(
    r"^([^#\r\n]*[^ \t\r\n#])([ ]*\t[ \t]*)(?=#)", re.MULTILINE
)
# Blanks at the ends of lines.  A run is tried from its first blank only:
# tried from each of its blanks in turn, a run of blanks inside a line (a
# quoted value) was walked to its end once for each, and a line of a
# megabyte took hours.
_TRAILING_BLANKS: Final = re.compile(r"(?<![ \t])[ \t]++$", re.MULTILINE)


# -- results ----------------------------------------------------------------


# The record's part of a pointer ("$.", "$[2]."): the location says which.
_AT_RECORD: Final = re.compile(r"^\$(?:\[\d+\])?\.")


@attrs.frozen
class Fix:
    """A safe fix made with ``--fix``.

    Attributes:
        location: Where the fixed value is written.
        pointer: The field, such as ``$.hq_country``.
        message: What was done; it never shows a private value.
    """

    location: Location
    pointer: str
    message: str

    def __str__(self) -> str:
        # The field as a record writes it ("hq_country", "claims[0]...");
        # "$." is for programs, which read the pointer.
        field = _AT_RECORD.sub("", self.pointer)
        return f"{self.location}: fixed {field}: {self.message}"


@attrs.frozen
class Formatted:
    """The canonical form of one file's text.

    Attributes:
        text: The canonical text (the input when it could not be made).
        fixes: The fixes made (only with ``fix=True``).
        failure: Why the text could not be formatted safely, if it could
            not; the file must then be left alone.
    """

    text: str
    fixes: tuple[Fix, ...] = ()
    failure: str | None = None


@attrs.frozen
class FileResult:
    """What ``fmt`` did, or would do, to one file.

    Attributes:
        path: The file.
        shown: How messages name it.
        status: ``unchanged``, ``changed`` (or would change, with
            ``--check``) or ``refused`` (left alone: see ``problems`` and
            ``failure``).
        problems: The validation problems that made it refused.
        failure: Another reason it was refused.
        fixes: The safe fixes made (or that would be made).
        line: With ``--check``, the first line of the file that would
            change, for a contributor who cannot run ``fmt`` (on GitHub's
            website) to know where to look.
        change: With ``--check``, what to change on that line, in words
            (``put its value in double quotes``), when it can be said
            without repeating a value; else ``None``.
        more: With ``--check``, the other lines that would change, after
            :attr:`line`, each with what to change on it as
            :attr:`change` says it; a line where lines are added or taken
            away is said once, with ``None``.  Empty for a file whose
            records keep anything private: which of its lines change
            would tell how its values are written.
    """

    path: str
    shown: str
    status: str
    problems: tuple[Problem, ...] = ()
    failure: str | None = None
    fixes: tuple[Fix, ...] = ()
    line: int | None = None
    change: str | None = None
    more: tuple[tuple[int, str | None], ...] = ()


@attrs.frozen
class FmtReport:
    """What ``fmt`` did to every file it looked at.

    Attributes:
        results: One result a file, in path order.
        check: Whether it only checked (wrote nothing).
        problems: Errors that belong to no file fmt looked at, such as a
            missing ``registry.yaml``.
    """

    results: tuple[FileResult, ...]
    check: bool = False
    problems: tuple[Problem, ...] = ()

    def _with(self, status: str) -> tuple[FileResult, ...]:
        return tuple(r for r in self.results if r.status == status)

    @property
    def changed(self) -> tuple[FileResult, ...]:
        """Files rewritten (or that would be, with ``check``)."""
        return self._with("changed")

    @property
    def refused(self) -> tuple[FileResult, ...]:
        """Files left alone because they could not be formatted safely."""
        return self._with("refused")

    @property
    def ok(self) -> bool:
        """Whether nothing was refused, and, with ``check``, nothing would
        change.
        """
        return (
            not self.refused
            and not self.problems
            and not (self.check and self.changed)
        )


# -- ruamel, in round-trip mode ---------------------------------------------


@functools.cache
def _resolver() -> type[Any]:
    from ruamel.yaml.nodes import MappingNode, ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    class TextResolver(VersionedResolver):
        """Resolves nothing implicitly: every scalar is text, as in the
        validator, so ``NO``, ``0123`` and ``2023-09-18`` stay as written.
        """

        def resolve(self, kind: Any, *_: Any) -> Any:
            if kind is ScalarNode:
                return self.DEFAULT_SCALAR_TAG
            if kind is MappingNode:
                return self.DEFAULT_MAPPING_TAG
            return self.DEFAULT_SEQUENCE_TAG

    return TextResolver


@functools.cache
def _emitter() -> type[Any]:
    from ruamel.yaml.emitter import RoundTripEmitter

    class FoldedEmitter(RoundTripEmitter):
        """Ends folded text whose last line ends with a space with its line
        break, which ruamel.yaml leaves out: the next line (a comment, a
        blank line) was joined to the text, or went.
        """

        def write_folded(self, text: Any, comment: Any) -> None:
            super().write_folded(text, comment)
            if text.endswith(" "):
                self.write_line_break()

    return FoldedEmitter


def _yaml() -> Any:
    """A fresh round-trip YAML instance, set up for the canonical form."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    # Every scalar is text; the schema decides types (see load.py).
    yaml.Resolver = _resolver()
    yaml.Emitter = _emitter()
    # Keep how each scalar was written, so block text keeps its style and
    # we can see which scalars to requote.
    yaml.preserve_quotes = True
    # Never fold a long line: a line break is a change a reviewer must read.
    yaml.width = sys.maxsize
    # Two-space indentation; list items two spaces under their key.
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _classes() -> tuple[type[Any], type[Any], tuple[type[Any], ...]]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import (
        FoldedScalarString,
        LiteralScalarString,
    )

    return (
        CommentedMap,
        CommentedSeq,
        (FoldedScalarString, LiteralScalarString),
    )


# -- comments -----------------------------------------------------------------


def comments(text: str) -> Counter[str]:
    r"""Every comment in a YAML text, stripped, with how often it occurs.

    Found from the C parser's scalar positions: a ``#`` outside every
    scalar, at the start of a line or after a space, starts a comment.

    >>> sorted(comments("a: '# no'  # yes\n# and this\n"))
    ['# and this', '# yes']
    """
    return Counter(comment for comment, _ in _comments_at(text))


def _comments_at(text: str) -> list[tuple[str, int]]:
    """Every comment in a YAML text, stripped, and its line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import ScalarEvent

    masked = list(text)
    for event in YAML(typ="safe").parse(text):
        if not isinstance(event, ScalarEvent):
            continue
        start, end = event.start_mark.index, event.end_mark.index
        if event.style in {"|", ">"}:
            # The header line (">-  # a comment") is not the text.
            newline = _BLOCK_HEADER_END.search(text, start, end)
            start = newline.end() if newline else end
        for i in range(start, end):
            if masked[i] not in "\r\n":
                masked[i] = "x"
    found = _COMMENT.finditer("".join(masked))
    return [
        (text[m.start() : m.end()].strip(), text.count("\n", 0, m.start()) + 1)
        for m in found
    ]


def _is_block(value: Any) -> bool:
    return isinstance(value, _classes()[2])


def _last_holder(node: Any) -> tuple[Any, Any, int, bool]:
    """Where ruamel keeps the comment lines that follow a collection: on its
    deepest last entry.  Returns (collection, key, slot, block text?).
    """
    cmap, cseq, _ = _classes()
    while True:
        if isinstance(node, cmap):
            key: Any = next(reversed(node))
            slot = 2
        else:
            key = len(node) - 1
            slot = 0
        value = node[key]
        if isinstance(value, (cmap, cseq)) and len(value):
            node = value
            continue
        return node, key, slot, _is_block(value)


def _entry_holder(node: Any, key: Any) -> tuple[Any, Any, int, bool]:
    """Where the comment lines after the entry *key* of a mapping are kept."""
    cmap, cseq, _ = _classes()
    value = node[key]
    if isinstance(value, (cmap, cseq)) and len(value):
        return _last_holder(value)
    return node, key, 2, _is_block(value)


def _take_tail(node: Any, key: Any) -> str:
    """Remove and return the whole comment lines after an entry (keeping
    the comment on its own line).
    """
    holder, hkey, slot, block = _entry_holder(node, key)
    entry = holder.ca.items.get(hkey)
    if not entry or entry[slot] is None:
        return ""
    token = entry[slot]
    value: str = token.value
    if block:
        # After block text there is no end-of-line comment.
        entry[slot] = None
        return value
    eol, newline, rest = value.partition("\n")
    if eol:
        token.value = eol + newline
    else:
        entry[slot] = None
    return rest


def _put_tail(node: Any, key: Any, text: str) -> None:
    """Add whole comment lines after an entry."""
    if not text:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    holder, hkey, slot, block = _entry_holder(node, key)
    entry = holder.ca.items.setdefault(hkey, [None, None, None, None])
    token = entry[slot]
    if token is None:
        entry[slot] = CommentToken(
            text if block else "\n" + text, CommentMark(0)
        )
    elif block or token.value.endswith("\n"):
        token.value += text
    else:
        token.value += "\n" + text


def _flow_tails(node: Any) -> None:
    """Keep the comment lines after each flow collection of a mapping
    (``aliases: [A, B]  # ...``) where a block collection's are kept, on
    its deepest last entry (see :func:`_entry_holder`), and its end-of-line
    comment after the key, one space on.

    ruamel.yaml keeps them all on the mapping's entry, where the comment
    written after a key is: written as a block, the comment lines that
    stood above the next field came between the key and the first item,
    and stayed behind when that field moved.
    """
    cmap, cseq, _ = _classes()
    for key in list(node):
        value = node[key]
        if isinstance(value, cseq) and len(value) and value.fa.flow_style():
            _flow_item_comments(value)
        entry = node.ca.items.get(key)
        if (
            not isinstance(value, (cmap, cseq))
            or not len(value)
            or not value.fa.flow_style()
            or not entry
            or len(entry) < 3
            or entry[2] is None
        ):
            continue
        token = entry[2]
        if value.ca.comment and value.ca.comment[0] is token:
            value.ca.comment[0] = None
        eol, newline, rest = token.value.partition("\n")
        if eol.strip():
            token.value = eol + newline
            # Where the bracket closed is no place for it after the key.
            token.start_mark.column = 0
        else:
            entry[2] = None
            rest = token.value.lstrip("\n") if not eol else rest
        _put_tail(node, key, rest)


def _flow_item_comments(seq: Any) -> None:
    """Keep the comments written among a flow list's items where a block
    list's are kept: one after an item on its line as that item's
    end-of-line comment, whole comment lines after it.

    ruamel.yaml keeps them as comments written above the next item (or
    at the list's end), which, written as a block, come on lines of their
    own at the column they had, under an item they did not follow.
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    items = seq.ca.items
    after: dict[int, list[Any]] = {}
    for i in sorted(items):
        entry = items[i]
        if i and len(entry) > 1 and entry[1]:
            after.setdefault(i - 1, []).extend(entry[1])
            entry[1] = None
    end = getattr(seq.ca, "end", None)
    if end:
        after.setdefault(len(seq) - 1, []).extend(end)
        seq.ca.end = None
    for i, tokens in after.items():
        line = seq.lc.item(i)[0]
        entry = items.setdefault(i, [None, None, None, None])
        eol = ""
        if entry[0] is not None:
            # Written before the comma or the bracket: already its own.
            eol = entry[0].value
        lines: list[str] = []
        for token in tokens:
            if not eol and not lines and token.start_mark.line == line:
                eol = token.value
            else:
                lines.append(" " * token.start_mark.column + token.value)
        text = eol if eol.endswith("\n") or not eol else eol + "\n"
        entry[0] = CommentToken(text + "".join(lines), CommentMark(0))


def _put_header(node: Any, text: str) -> None:
    """Add whole comment lines at the top of a file's mapping."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    token = CommentToken(text, CommentMark(0))
    if node.ca.comment is None:
        node.ca.comment = [None, [token]]
    elif node.ca.comment[1] is None:
        node.ca.comment[1] = [token]
    else:
        node.ca.comment[1].append(token)


def _reorder(node: Any, order: Sequence[str], *, top: bool) -> None:
    """Put a mapping's keys in *order* (unknown keys after, as they were),
    moving each comment line with the key it stands above.
    """
    keys = list(node)
    rank = {k: i for i, k in enumerate(order)}
    wanted = sorted(keys, key=lambda k: rank.get(str(k), len(order)))
    if wanted == keys:
        return
    # The comment lines above each key but the first are kept after the
    # entry before it; those after the last entry end the mapping.  At the
    # top of a file, the lines just above the first key (no blank line
    # between) are its own; the lines before them are the file's header.
    tails = [_take_tail(node, k) for k in keys]
    above = {k: tails[i - 1] for i, k in enumerate(keys) if i}
    if top:
        above[keys[0]] = _take_header_end(node)
    end = tails[-1]
    for key in wanted:
        node.move_to_end(key)
    first = above.pop(wanted[0], "")
    if first and top:
        _put_header(node, first)
        first = ""
    if not top:
        # After a field with no value, ruamel.yaml keeps the comment lines
        # as the next field's own: moved first in a list's item, they were
        # written between "-" and the field, and moved above the item at
        # the next run.
        first = _take_above(node, wanted[0]) + first
    for i, key in enumerate(wanted):
        # A mapping in a list has no room above its first key: comments
        # that stood above it follow it instead.
        after = first if i == 0 else ""
        after += above.get(wanted[i + 1], "") if i + 1 < len(wanted) else end
        _put_tail(node, key, after)


def _take_above(node: Any, key: Any) -> str:
    """Remove and return the comment lines ruamel.yaml keeps as the entry
    *key*'s own, above it (after an entry with no value).
    """
    entry = node.ca.items.get(key)
    if not entry or not entry[1]:
        return ""
    tokens, entry[1] = entry[1], None
    return "".join(" " * token.column + token.value for token in tokens)


_MODELINE: Final = "# yaml-language-server:"


def _take_header_end(node: Any) -> str:
    """Remove and return the comment lines at the top of a file that stand
    just above its first key, after the last blank line.
    """
    header = node.ca.comment[1] if node.ca.comment else None
    if not header:
        return ""
    # ruamel keeps a blank line at the end of the comment token before it.
    cut = len(header)
    while cut and not header[cut - 1].value.endswith("\n\n"):
        cut -= 1
    # An editor's modeline is read only at the top of the file: it stays
    # in the header, whatever key it stands above.
    while cut < len(header) and header[cut].value.lstrip().startswith(
        _MODELINE
    ):
        cut += 1
    own = header[cut:]
    del header[cut:]
    return "".join(token.value for token in own)


def _rekey(node: Any, key: Any, new: Any) -> None:
    """Write a mapping's key *key* as *new* (the same text, another style),
    in the same place and with the same comments.
    """
    value = node[key]
    comment = node.ca.items.pop(key, None)
    position = list(node).index(key)
    del node[key]
    node.insert(position, new, value)
    if comment is not None:
        node.ca.items[new] = comment


# -- the canonical form -------------------------------------------------------


def _styled(value: Any, kind: FieldType | None) -> Any:
    """A scalar in its canonical style (*kind* ``None``: an identifier)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        PlainScalarString,
    )

    if not isinstance(value, str) or _is_block(value):
        return value
    text = str(value)
    if type(value) is str and text in _NULLS:
        return value  # plain null: "no value", which quoting would change
    if kind is None:
        return DoubleQuotedScalarString(text)
    plain = (
        _plain_date(kind, text)
        or (isinstance(kind, Count) and _COUNT.match(text) is not None)
        or (isinstance(kind, Flag) and text in _FLAGS)
        or scalar(text) == text
    )
    # Assigning a plain str would keep the old quotes (ruamel keeps a
    # scalar's style when its value is replaced): say plain explicitly.
    return PlainScalarString(text) if plain else DoubleQuotedScalarString(text)


def _plain_date(kind: FieldType | None, text: str) -> bool:
    """Whether *text* is a date *kind* takes, written plain."""
    if not isinstance(kind, Date):
        return False
    return (_PARTIAL_DATE if kind.partial else _DATE).fullmatch(
        text
    ) is not None


def _style(value: Any) -> str:
    """How a scalar is written: ``""`` plain, ``'"'``, ``"'"``, ``">"``..."""
    return str(getattr(value, "style", ""))


def _canonical(value: Any, kind: FieldType) -> Any:
    """*value* of a field of type *kind* in canonical form."""
    cmap, cseq, _ = _classes()
    if isinstance(kind, ListOf) and isinstance(value, cseq):
        value.fa.set_block_style()
        for i, item in enumerate(value):
            value[i] = _canonical(item, kind.item)
        return value
    if isinstance(kind, Nested) and isinstance(value, cmap):
        _record(value, kind.cls, top=False)
        return value
    if isinstance(kind, Identifiers) and isinstance(value, cmap):
        value.fa.set_block_style()
        for key in list(value):
            styled = _styled(key, FieldType())
            if _style(styled) != _style(key):
                _rekey(value, key, styled)
        for key in list(value):
            value[key] = _styled(value[key], None)
        return value
    if isinstance(value, (cmap, cseq)):
        return value  # the wrong shape: the validator said so already
    return _styled(value, kind)


def _record(node: Any, cls: type[Any], *, top: bool) -> None:
    """A record's mapping in canonical form."""
    fields = yaml_fields(cls)
    _flow_tails(node)
    node.fa.set_block_style()
    for key in list(node):
        if str(key) in fields and type(key) is not str:
            _rekey(node, key, str(key))  # a field's name needs no quotes
    _reorder(node, list(fields), top=top)
    for key in list(node):
        spec = fields.get(key)
        if spec is not None:
            node[key] = _canonical(node[key], spec.type)


def _records(data: Any, cls: type[Any]) -> None:
    """A file's records in canonical form."""
    cmap, cseq, _ = _classes()
    if isinstance(data, cmap):
        _record(data, cls, top=True)
    elif isinstance(data, cseq):
        data.fa.set_block_style()
        for item in data:
            if isinstance(item, cmap):
                _record(item, cls, top=False)


# -- the canonical form, written directly -------------------------------------
#
# Most files in a large registry are already canonical, and ruamel.yaml's
# round trip costs about fifty times the validator's reading.  A file whose
# bytes are exactly what _direct() writes from its values is left alone
# without it.  _direct() writes only what it can write exactly as
# format_text() would (test_fmt checks that every text it writes is a fixed
# point of format_text); for anything else (a comment, block text, a null,
# an unknown key, a character ruamel.yaml escapes another way) it gives up
# and the round trip decides.

# Characters both ruamel.yaml and the validator take as themselves inside
# double quotes: ruamel.yaml escapes the others its own way, and YAML reads
# NEL, LS and PS as line breaks.
_AS_IS: Final = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*"
)
# ruamel.yaml writes a key of 128 characters or more, counting its tag
# ("!!str"), as an explicit "? key" entry on a line of its own: longer
# registry schemes are left to the round trip.
_LONGEST_KEY: Final = 100


def _direct_scalar(value: Any, kind: FieldType | None) -> str | None:
    """A scalar as format_text() writes it (*kind* ``None``: an
    identifier), or ``None`` where that is not certain.
    """
    if type(value) is not str or value in _NULLS:
        return None
    if not _AS_IS.fullmatch(value):
        return None
    plain = kind is not None and (
        _plain_date(kind, value)
        or (isinstance(kind, Count) and _COUNT.match(value) is not None)
        or (isinstance(kind, Flag) and value in _FLAGS)
        or scalar(value) == value
    )
    if plain:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _direct_record(
    node: Any, cls: type[Any], indent: str, out: list[str]
) -> bool:
    """Append a record's lines to *out*; whether it could be written."""
    fields = yaml_fields(cls)
    if (
        not isinstance(node, dict)
        or not node
        or any(k not in fields for k in node)
    ):
        return False
    for name, spec in fields.items():
        if name not in node:
            continue
        value, kind = node[name], spec.type
        if isinstance(kind, (ListOf, Identifiers, Nested)):
            out.append(f"{indent}{name}:")
            if not _direct_block(value, kind, indent, out):
                return False
            continue
        text = _direct_scalar(value, kind)
        if text is None:
            return False
        out.append(f"{indent}{name}: {text}")
    return True


def _direct_block(
    value: Any, kind: FieldType, indent: str, out: list[str]
) -> bool:
    """Append the lines of a list, identifiers or nested record."""
    if isinstance(kind, Nested):
        return _direct_record(value, kind.cls, indent + "  ", out)
    if isinstance(kind, Identifiers):
        if not isinstance(value, dict) or not value:
            return False
        for scheme, number in value.items():
            key = _direct_scalar(scheme, FieldType())
            text = _direct_scalar(number, None)
            if key is None or text is None or len(scheme) > _LONGEST_KEY:
                return False
            out.append(f"{indent}  {key}: {text}")
        return True
    assert isinstance(kind, ListOf)
    if not isinstance(value, list) or not value:
        return False
    item_kind = kind.item
    if isinstance(item_kind, Nested):
        return all(
            _direct_item(item, item_kind.cls, indent + "  ", out)
            for item in value
        )
    if isinstance(item_kind, (ListOf, Identifiers)):
        return False
    for item in value:
        text = _direct_scalar(item, item_kind)
        if text is None:
            return False
        out.append(f"{indent}  - {text}")
    return True


def _direct_item(
    node: Any, cls: type[Any], indent: str, out: list[str]
) -> bool:
    """Append a record written as a list item (``- id: ...``)."""
    start = len(out)
    if not _direct_record(node, cls, indent + "  ", out):
        return False
    first = out[start]
    # A first field that opens a block would leave "- key:" for ruamel.yaml
    # to lay out its own way.
    if first.endswith(":"):
        return False
    out[start] = f"{indent}- {first.lstrip()}"
    return True


def _direct(data: Any, cls: type[Any]) -> str | None:
    """The canonical text of a file's parsed *data*, written without
    ruamel.yaml, or ``None`` where only the round trip can say.
    """
    out: list[str] = []
    if isinstance(data, dict):
        ok = _direct_record(data, cls, "", out)
    elif isinstance(data, list) and data:
        ok = all(_direct_item(item, cls, "", out) for item in data)
    else:
        ok = False
    return "\n".join(out) + "\n" if ok else None


def _already_canonical(raw: bytes, cls: type[Any]) -> bool:
    """Whether a file's bytes are in the canonical form, as far as can be
    told without ruamel.yaml's round trip of the whole file: ``True`` is
    certain, ``False`` means that :func:`format_text` must decide.

    The direct writer writes no comment, so text it makes again byte for
    byte holds none, and a ``#`` there is inside a value (a URL's
    fragment).  Comments at the top of a file (an editor's modeline, a
    note on where the records came from) stand above the first field,
    which in canonical text is the first field the round trip writes: it
    is asked only where they go, on them and the first line below.
    """
    crlf = _first_break_is_crlf(raw)
    head = _HEAD.match(raw)
    if head is not None:
        body = raw[head.end() :]
        if crlf or not _head_stays(raw[: head.end()], body, cls):
            return False
        raw = body
    return all(_canonical_part(part, cls, crlf=crlf) for part in _parts(raw))


#: The comment lines and blank lines at the top of a file.
_HEAD: Final = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\n)+")


def _head_stays(head: bytes, body: bytes, cls: type[Any]) -> bool:
    """Whether the round trip keeps the lines *head* as they are, on top of
    a file whose text below is *body*: told on *body*'s first line alone
    (``id: ...`` or ``- id: ...`` where *body* is canonical).
    """
    line = body[: body.find(b"\n") + 1]
    try:
        probe = (head + line).decode("utf-8")
    except UnicodeDecodeError:
        return False
    done = format_text(probe, cls)
    return done.failure is None and done.text == probe


# A large list file is checked in parts of about this size: read whole, a
# file of 100,000 people (25 MB) took 700 MB.
_PART_BYTES: Final = 1024 * 1024


def _parts(raw: bytes) -> Iterator[bytes]:
    """*raw* cut before top-level list items (``- `` at the start of a
    line) into parts of about _PART_BYTES, or whole.

    Each part is checked alone: when every part is the canonical text of
    its own items, its lines are all lines the direct writer makes (a key
    and a value on one line, or a list item's), which read the same
    together as apart, so the whole is the canonical text of all the
    items.  A cut inside anything else, such as a quoted value running
    over lines, makes a part that is not canonical: the round trip
    decides, as for any file the direct writer cannot vouch for.
    """
    if len(raw) < 2 * _PART_BYTES or not raw.startswith(b"- "):
        yield raw
        return
    start = 0
    while True:
        cut = raw.find(b"\n- ", start + _PART_BYTES)
        if cut < 0:
            yield raw[start:]
            return
        yield raw[start : cut + 1]
        start = cut + 1


def _canonical_part(raw: bytes, cls: type[Any], *, crlf: bool) -> bool:
    """Whether *raw* is what the direct writer makes of its values, with
    CRLF line breaks if *crlf*.
    """
    doc = parse(raw, "<fmt>")
    if doc.problems:
        return False
    text = _direct(doc.data, cls)
    if text is None:
        return False
    new = text.encode("utf-8")
    if crlf:
        new = new.replace(b"\n", b"\r\n")
    return new == raw


# -- safe fixes ---------------------------------------------------------------


def exact_country(text: str) -> str | None:
    """The alpha-2 code *text* means without doubt, or ``None``.

    *text* must be a code in the wrong case, an alpha-3 code, or a name of
    one country in English, ISO's or one in common use ("UK", "Ivory
    Coast"), as ``import`` reads a spreadsheet's cell
    (:func:`coalition_registry.countries.code_of`), and the one validate
    suggests.  Near-misses ("Untied Kingdom"), names of two countries
    ("Korea"), names in other languages ("Deutschland") and regions are
    left for a person, and so is what volunteers write for "not known"
    that is also a code in lower case (``no``, ``na``), since validate
    offers both readings.

    >>> exact_country("deu"), exact_country("gb"), exact_country("France")
    ('DE', 'GB', 'FR')
    >>> exact_country("UK"), exact_country("Russia"), exact_country("Korea")
    ('GB', 'RU', None)
    >>> exact_country("Untied Kingdom") is None, exact_country("Europe")
    (True, None)
    >>> exact_country("no"), exact_country("na"), exact_country("nor")
    (None, None, 'NO')
    >>> exact_country("ni"), exact_country("nic")  # or Northern Ireland
    (None, 'NI')
    >>> exact_country("\uff4e\uff4f"), exact_country("\uff2a\uff30")  # full-width
    (None, 'JP')

    A country's flag is its code in other letters; a subdivision's flag is
    its country's, as the subdivision's name is ("Scotland" is GB).

    >>> exact_country("\U0001f1eb\U0001f1f7"), exact_country("\U0001f1ea\U0001f1fa")
    ('FR', None)
    """
    flag = countries.flag_code(text.strip())
    if flag is not None:
        return flag
    if (
        countries.is_country(text)
        or countries.is_region_word(text)
        or not_known(text)
        # "ni": Nicaragua's code, or Northern Ireland; validate says both.
        or countries.written_for_another(text)
    ):
        return None
    code = countries.code_of(text)
    if code is None:
        return None
    return code if countries.suggest(text) == code else None


Path_ = tuple[str | int, ...]


@attrs.frozen
class _Applied:
    """A fix, with where it goes in the data and the value it writes."""

    fix: Fix
    path: Path_
    code: str = attrs.field(repr=False)
    #: Whether the record keeps the value private.
    quiet: bool = False


def _fix_countries(data: Any, cls: type[Any]) -> list[_Applied]:
    """Replace countries written as names or other codes by their alpha-2
    codes, where that is certain.
    """
    cmap, cseq, _ = _classes()
    applied: list[_Applied] = []
    if isinstance(data, cmap):
        _fix_record(data, cls, (), applied, secret=False)
    elif isinstance(data, cseq):
        for i, item in enumerate(data):
            if isinstance(item, cmap):
                _fix_record(item, cls, (i,), applied, secret=False)
    return applied


def _fix_record(
    node: Any,
    cls: type[Any],
    path: Path_,
    applied: list[_Applied],
    *,
    secret: bool,
) -> None:
    cmap, cseq, _ = _classes()
    fields = yaml_fields(cls)
    private = node.get("private")
    hidden = {str(p) for p in private} if isinstance(private, cseq) else set()
    if (cls is Person and node.get("disclosure") != "public") or (
        "name" in hidden
    ):
        # Nothing about the person may be shown; nor of a record whose
        # name is private, as validate shows none of its values.
        secret = True
    for key in list(node):
        spec = fields.get(str(key))
        if spec is None:
            continue
        kind = spec.type
        quiet = secret or str(key) in hidden
        value = node[key]
        here = (*path, str(key))
        if isinstance(kind, Country) and isinstance(value, str):
            fixed = _fix_one(value, here, node.lc.value(key), quiet=quiet)
            if fixed is not None:
                node[key] = fixed.code
                applied.append(fixed)
        elif isinstance(kind, ListOf) and isinstance(value, cseq):
            for i, item in enumerate(value):
                if isinstance(kind.item, Country) and isinstance(item, str):
                    fixed = _fix_one(
                        item, (*here, i), value.lc.item(i), quiet=quiet
                    )
                    if fixed is not None:
                        value[i] = fixed.code
                        applied.append(fixed)
                elif isinstance(kind.item, Nested) and isinstance(item, cmap):
                    _fix_record(
                        item, kind.item.cls, (*here, i), applied, secret=quiet
                    )


def _fix_one(
    value: str, path: Path_, mark: tuple[int, int], *, quiet: bool
) -> _Applied | None:
    code = exact_country(value)
    if code is None:
        return None
    message = (
        "a country written another way is now its ISO alpha-2 code "
        "(not shown: private)"
        if quiet
        else f"{value!r} is now its ISO alpha-2 code {code!r}"
    )
    # ruamel's marks are 0-based.
    location = Location("", mark[0] + 1, mark[1] + 1)
    return _Applied(
        Fix(location, _pointer(path), message), path, code, quiet=quiet
    )


def _pointer(path: Path_) -> str:
    """A path into a file's data as a pointer.

    >>> _pointer(("claims", 0, "countries", 2))
    '$.claims[0].countries[2]'
    """
    return "$" + "".join(
        f"[{p}]" if isinstance(p, int) else f".{p}" for p in path
    )


def _apply(data: Any, applied: Iterable[_Applied]) -> Any:
    """The plain data *data* with the fixes made, for comparison."""
    for one in applied:
        node = data
        for step in one.path[:-1]:
            node = node[step]
        node[one.path[-1]] = one.code
    return data


# -- one text -----------------------------------------------------------------


def _plain(data: Any) -> Any:
    """Parsed data as plain dicts and lists, for comparison."""
    if isinstance(data, YMap):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, YSeq):
        return [_plain(v) for v in data]
    return data


def _values(text: str) -> tuple[bool, Any]:
    doc = parse(text.encode("utf-8"), "<fmt>")
    return not doc.problems, _plain(doc.data)


def format_text(text: str, cls: type[Any], *, fix: bool = False) -> Formatted:
    """The canonical form of the text of a file of records of kind *cls*.

    Formatted again until nothing changes (a directive such as ``%TAG`` can
    make the first pass leave a value quoted otherwise than the next would),
    so that ``fmt --check`` always passes after ``fmt``.

    Args:
        text: The file's text.
        cls: The record class of the file's folder (or
            :class:`~coalition_registry.model.RegistryInfo`).
        fix: Also make safe fixes (countries written as names or other
            codes become alpha-2 codes).

    Returns:
        The new text, or the old one with the reason it cannot be
        formatted safely.  Never raises for bad input.
    """
    unmarked = _unmarked(text)
    if len(unmarked) > _ROUND_TRIP_CHARS:
        done = _format_in_parts(unmarked, cls, fix=fix)
    else:
        done = _format_settled(unmarked, cls, fix=fix)
    if done.failure is not None and unmarked is not text:
        return attrs.evolve(done, text=text)  # the old text, as it was
    return done


def _unmarked(text: str) -> str:
    """*text* with a line ``---`` under the comments that start it, or a
    line ``...`` above those that end it, made blank: a file has one
    document, which needs neither marker, and ruamel.yaml cannot keep a
    comment on the other side of one (an editor's schema line above
    ``---``).  Blank, not taken out, so that every line keeps its number.

    A ``%YAML`` line, after which ``---`` is needed, goes with it when a
    comment stands above the marker: records are read as YAML 1.2
    whatever it says (``validate`` says to delete a ``%YAML 1.1``).
    """
    if "---" not in text and "..." not in text:
        return text  # nearly every file
    lines = text.split("\n")
    plain = [
        i
        for i, line in enumerate(lines)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not plain:
        return text
    first, last = plain[0], plain[-1]
    versions = 0
    while versions < len(plain) - 1 and _YAML_DIRECTIVE.fullmatch(
        lines[plain[versions]]
    ):
        versions += 1
    if versions and any(
        "#" in line for line in lines[: plain[versions]]
    ):  # a comment above the marker, if it is one
        ends = _LONE_MARKER.fullmatch(lines[plain[versions]])
        if ends and ends[1] == "---" and len(plain) > versions + 1:
            for i in plain[:versions]:
                lines[i] = _YAML_DIRECTIVE.fullmatch(lines[i])[1] or ""  # type: ignore[index]
            first = plain[versions]
    marker = _LONE_MARKER.fullmatch(lines[first])
    # On the first line, only with a comment after it, which ruamel.yaml
    # writes indented under the marker it drops.
    if (
        marker
        and marker[1] == "---"
        and (first > 0 or marker[2])
        and len(plain) > 1
    ):
        lines[first] = marker[2] or ""  # its comment, if it has one
    marker = _LONE_MARKER.fullmatch(lines[last])
    if (
        marker
        and marker[1] == "..."
        and any(line.strip() for line in lines[last + 1 :])
    ):
        lines[last] = marker[2] or ""
    return "\n".join(lines)


# A document marker alone on its line, or with a comment after it.
_LONE_MARKER: Final = re.compile(r"(---|\.\.\.)[ \t]*(?:[ \t](#.*))?\r?")

# A %YAML directive, with a comment after it, if it has one.
_YAML_DIRECTIVE: Final = re.compile(r"%YAML[ \t]+[^ \t#]+[ \t]*(#.*)?\r?")


def _format_settled(text: str, cls: type[Any], *, fix: bool) -> Formatted:
    """:func:`format_text` of a text read whole."""
    done = _format_once(text, cls, fix=fix)
    if done.failure is not None or done.text == text:
        return done  # nearly every file: one pass
    for _ in range(_MOST_PASSES):
        again = _format_once(done.text, cls)
        if again.failure is not None or again.text == done.text:
            return done
        done = attrs.evolve(done, text=again.text)
    return Formatted(
        text,
        failure="formatting this file does not settle on one form; "
        "format it by hand, as the examples in docs/data-format.md are",
    )


# Passes after the first: one has always been enough.
_MOST_PASSES: Final = 3

# ruamel.yaml's round trip takes about 40 times the text's size in memory,
# and about half a minute a megabyte: a longer list is formatted a part at
# a time, and a record longer than the second is refused.
_ROUND_TRIP_CHARS: Final = 2 * 1024 * 1024
_LONGEST_RECORD_CHARS: Final = 4 * 1024 * 1024


def _format_in_parts(text: str, cls: type[Any], *, fix: bool) -> Formatted:
    """:func:`format_text` of a long *text*: a list of records is formatted
    in parts cut before its top-level items, each alone, since the
    canonical form of a list is its items' one after the other; anything
    else is read whole.  A record longer than _LONGEST_RECORD_CHARS is
    refused.
    """
    # As _format_once reads them: line numbers count these breaks.
    text = _LINE_BREAK.sub("\n", text)
    if _LIST_START.match(text) is None:
        # One record, or a list after a directive or a document marker,
        # which each part would need: read whole, if it is not too long.
        too_long = _too_long(text, [0])
        return too_long or _format_settled(text, cls, fix=fix)
    new: list[str] = []
    fixes: list[Fix] = []
    line = 1
    items = 0
    parts = list(_text_parts(text))
    carried = ""
    for k, cut in enumerate(parts):
        part = carried + cut
        too_long = _too_long(part, _item_starts(part), line)
        if too_long is not None:
            return Formatted(text, failure=too_long.failure)
        done = _format_settled(part, cls, fix=fix)
        if (
            done.failure is not None
            and k + 1 < len(parts)
            and len(part) < _ROUND_TRIP_CHARS
        ):
            # Cut inside a value that runs over lines, one of which starts
            # with "- ": read again with the part after it (up to a whole
            # text's length: a part that fails for another reason would
            # take the rest along).
            carried = part
            continue
        carried = ""
        if done.failure is not None:
            # Again below blank lines, which the round trip drops, for the
            # file's line numbers in the message (read on every pass, they
            # would slow each part by half).
            again = _format_settled("\n" * (line - 1) + part, cls, fix=fix)
            return Formatted(text, failure=again.failure or done.failure)
        new.append(done.text)
        fixes.extend(
            _after_items(_lines_below(fix, line - 1), items)
            for fix in done.fixes
        )
        line += part.count("\n")
        items += len(_item_starts(part))
    joined = "".join(new)
    if not fix and _values(joined) != _values(text):
        # Each part kept its values; the whole must too.
        return Formatted(text, failure=_would_change(text))
    return Formatted(joined, tuple(fixes))


def _too_long(text: str, starts: list[int], line: int = 1) -> Formatted | None:
    """A refusal of *text*, whose records start at *starts* (its first
    line is the file's line *line*), if one of them is too long to read.
    """
    ends = [*starts[1:], len(text)]
    for start, end in zip(starts, ends, strict=True):
        if end - start > _LONGEST_RECORD_CHARS:
            at = line + text.count("\n", 0, start)
            size = len(text[start:end].encode("utf-8")) / 2**20
            return Formatted(
                text,
                failure=f"the record on line {at} takes {size:.1f} MB, more "
                "than fmt reads at a time (keeping its comments takes about "
                "40 times its size in memory); format it by hand",
            )
    return None


# A text whose first line with a value starts a list ("- id: ..." or "-").
_LIST_START: Final = re.compile(r"(?:[ \t]*(?:#.*)?\n)*-(?:[ \n]|\Z)")
# A top-level list item: a record of a list file.
_TOP_ITEM: Final = re.compile(r"^-(?:[ \n]|\Z)", re.MULTILINE)


def _item_starts(part: str) -> list[int]:
    """Where each top-level item of *part* starts (the first at 0, with
    any comments above it).
    """
    starts = [m.start() for m in _TOP_ITEM.finditer(part)]
    if starts and starts[0] != 0:
        starts[0] = 0
    return starts or [0]


def _lines_below(fix: Fix, lines: int) -> Fix:
    """*fix*, made in a part of a text, placed in the whole, which has
    *lines* lines above the part.
    """
    where = fix.location
    if not lines or not where.line:  # line 0: the whole file
        return fix
    return attrs.evolve(
        fix, location=attrs.evolve(where, line=where.line + lines)
    )


def _after_items(fix: Fix, items: int) -> Fix:
    """*fix*, made in a part of a list, pointing into the whole list, whose
    first *items* records come before the part.
    """
    head = _ITEM_POINTER.match(fix.pointer)
    if head is None or not items:
        return fix
    return attrs.evolve(
        fix,
        pointer=f"$[{int(head[1]) + items}]{fix.pointer[head.end() :]}",
    )


_ITEM_POINTER: Final = re.compile(r"\$\[(\d+)\]")


def _text_parts(text: str) -> Iterator[str]:
    """*text*, a list, cut before top-level items (``-`` at the start of a
    line) into parts of at least about _PART_BYTES characters, or whole:
    see :func:`_parts` for why a cut that is not before an item is safe
    (the part's round trip then fails).
    """
    start = 0
    while True:
        found = _TOP_ITEM.search(text, start + _PART_BYTES)
        if found is None:
            yield text[start:]
            return
        yield text[start : found.start()]
        start = found.start()


def _format_once(text: str, cls: type[Any], *, fix: bool = False) -> Formatted:
    """One pass of :func:`format_text`."""
    # YAML reads CRLF and CR as line breaks, but ruamel.yaml keeps the CR
    # inside comments: the canonical form ends lines with LF alone.
    text = _LINE_BREAK.sub("\n", text)
    yaml = _yaml()
    readable = _untabbed(text)
    # ruamel.yaml writes a top-level list two spaces in, as it writes one
    # under a key (_dedent moves it back), but each comment where it was
    # read: comments moved two spaces left at each run.  Read two spaces
    # in, every line comes back where it was.
    shifted = _LIST_FIRST.match(readable) is not None
    shifted = shifted and not _MARKERS.search(readable)
    data = None
    if shifted:
        with contextlib.suppress(Exception):
            data = yaml.load(_indented(readable))
        # Not a list after all, or not read so: read it as it is.
        shifted = isinstance(data, _classes()[1])
    if not shifted:
        try:
            data = yaml.load(readable)
        except Exception as e:  # noqa: BLE001 - any parser failure is data
            return Formatted(text, failure=_cannot("read", e, text))
    if data is None:
        return Formatted(text, failure="the file holds no record")
    applied = _fix_countries(data, cls) if fix else []
    if shifted:
        applied = [_unshifted(one) for one in applied]
    applied = [
        _placed_safely(one, text) if one.quiet else one for one in applied
    ]
    _records(data, cls)
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except Exception as e:  # noqa: BLE001 - refuse rather than crash
        return Formatted(text, failure=_cannot("write", e, text))
    new = out.getvalue()
    if new.endswith("\n...\n"):
        # ruamel.yaml ends a file whose last text keeps its blank lines at
        # the end (|+) with the marker of a document's end: the same value
        # without it, and a line no contributor would know to write.
        new = new[:-4]
    if isinstance(data, _classes()[1]):
        new = _dedent(new)
    # ruamel.yaml reads one blank line fewer at the top of a file than it
    # writes back (and blank lines above a field moved first end up there):
    # kept, they went one a run, and fmt --check failed after fmt.
    new = new.lstrip("\n")
    ok, before = _values(text)
    ok_after, after = _values(new)
    if not (ok and ok_after and _apply(before, applied) == after):
        return Formatted(text, failure=_would_change(text))
    try:
        same = comments(text) == comments(new)
    except Exception:  # noqa: BLE001 - refuse rather than crash
        same = False
    if not same:
        return Formatted(text, failure=_comment_lost(text, new))
    return Formatted(new, tuple(a.fix for a in applied))


def _comment_lost(text: str, new: str) -> str:
    """Why formatting *text* as *new* is refused: the line of a comment it
    would lose or change, as well as it can say (never the comment, which
    may say something private).
    """
    try:
        lost = comments(text) - comments(new)
        lines = sorted({line for c, line in _comments_at(text) if c in lost})
    except Exception:  # noqa: BLE001 - say what can be said
        lines = []
    where = f" on line {', '.join(map(str, lines))}" if lines else ""
    return (
        f"formatting would lose or change the comment{where}: ruamel.yaml "
        "cannot keep a comment where it stands; move it onto a line of its "
        "own above a field, then run fmt again, or format this file by hand"
    )


def _would_change(text: str) -> str:
    """Why formatting *text* would change a value, as well as it can say."""
    from .parsing import parse_text

    commented = [
        p.location.line
        for p in parse_text(text, "").problems
        if p.code == "comment-in-value"
    ]
    if commented:
        # "name: Example #1 Trust": YAML's value is "Example", and the
        # comment moves when the file is written again.
        lines = ", ".join(map(str, commented))
        return (
            f"formatting would change a value: on line {lines}, ' #' and "
            "the text after it are read as a comment (see validate's "
            "comment-in-value warning); if they belong to the value, put "
            "the whole value in double quotes, then run fmt again"
        )
    return "formatting would change a value; format this file by hand"


def _dedent(text: str) -> str:
    """A file's top-level list moved to the left margin.

    ruamel indents a top-level list as it indents one under a key
    (``  - id: ...``); every line it writes for it starts with two spaces,
    so removing them moves the whole list left, block text included.
    Comment lines written further left stay where they are.
    """
    return "".join(
        line.removeprefix("  ") for line in text.splitlines(keepends=True)
    )


# A text whose first line that is not blank or a comment starts a list.
_LIST_FIRST: Final = re.compile(
    r"(?:[ \t]*(?:#.*)?\n)*(?:-(?:[ \t\n]|\Z)|[ \t]*\[)"
)
# Lines that mean something else indented: document markers, directives.
_MARKER_LINE: Final = re.compile(r"(?:---|\.\.\.)(?:[ \t].*)?\n?|%.*\n?")
# A marker with a value after it, which would not move with its lines.
_MARKERS: Final = re.compile(r"^(?:---|\.\.\.)[ \t]+[^#\s]", re.MULTILINE)


def _indented(text: str) -> str:
    """*text* with every line two spaces further in, but empty lines and
    document markers.
    """
    return "".join(
        line if line == "\n" or _MARKER_LINE.fullmatch(line) else "  " + line
        for line in text.splitlines(keepends=True)
    )


def _placed_safely(one: _Applied, text: str) -> _Applied:
    """A fix in a record that keeps values private, placed where its
    column tells nothing of a value before it on its line (a record
    written in braces, ``{name: Sky, country: Ireland}``), as validate
    places its problems (see :func:`parsing.value_start`).
    """
    where = one.fix.location
    line, column = value_start(text, where.line, where.column)
    where = attrs.evolve(where, line=line, column=column)
    return attrs.evolve(one, fix=attrs.evolve(one.fix, location=where))


def _unshifted(one: _Applied) -> _Applied:
    """A fix found in :func:`_indented` text, where it is in the file."""
    where = one.fix.location
    where = attrs.evolve(where, column=where.column - 2)
    return attrs.evolve(one, fix=attrs.evolve(one.fix, location=where))


def _spaces(found: re.Match[str]) -> str:
    """A value and the blanks after it, tabs as the spaces they show as."""
    value, blanks = found.groups()
    width = len((value + blanks).expandtabs()) - len(value.expandtabs())
    return value + " " * width


def _untabbed(text: str) -> str:
    """*text* with the blanks that only ruamel.yaml refuses made plain: a
    tab between a field's ":" and its value becomes a space, tabs before a
    comment the spaces they show as, and blanks at the ends of lines go.
    The values must stay the same: where they would not (a tab or a
    trailing space inside block text or a quoted value running over
    lines), *text* is returned as it is.
    """
    if "\t" not in text and " \n" not in text and not text.endswith(" "):
        return text
    cleaned = _clean_blanks(text)
    if cleaned == text:
        return text
    values = _values(text)
    if _values(cleaned) == values:
        return cleaned
    # Some line's blanks are a value's (a tab at the end of a line of
    # block text): the others are made plain, a line at a time.
    lines = text.split("\n")
    changed = [
        (i, clean)
        for i, (line, clean) in enumerate(
            zip(lines, cleaned.split("\n"), strict=True)
        )
        if line != clean
    ]
    if len(changed) > _MOST_LINES_TRIED:
        return text  # each try reads the whole text again
    for i, clean in changed:
        line, lines[i] = lines[i], clean
        if _values("\n".join(lines)) != values:
            lines[i] = line
    return "\n".join(lines)


# How many lines with blanks to make plain are tried one at a time.
_MOST_LINES_TRIED: Final = 64


def _clean_blanks(text: str) -> str:
    """*text* with the blanks :func:`_untabbed` makes plain made so."""
    cleaned = _TAB_AFTER_KEY.sub(r"\1 ", text)
    cleaned = _TAB_BEFORE_COMMENT.sub(_spaces, cleaned)
    return _TRAILING_BLANKS.sub("", cleaned)


def _cannot(what: str, e: Exception, text: str) -> str:
    """Why ruamel.yaml failed on *text*, where, and what to change."""
    mark = getattr(e, "problem_mark", None)
    if mark is None:
        return f"ruamel.yaml cannot {what} it; format this file by hand"
    line, column = mark.line + 1, mark.column + 1
    lines = text.split("\n")
    here = lines[mark.line] if mark.line < len(lines) else ""
    if here[mark.column : mark.column + 1] == "\t":
        # Valid YAML, and valid to the validator, which reads the tab as
        # a space in one-line text: only ruamel.yaml's scanner refuses it.
        return (
            f"line {line}, column {column} holds a tab inside a value, "
            "which fmt cannot rewrite; replace the tab with a space, or, if "
            "it belongs in the value, put the whole value in double quotes "
            '("...")'
        )
    problem = getattr(e, "problem", None) or "it is not valid YAML"
    fix = "change what is written there, or format this file by hand"
    return (
        f"ruamel.yaml cannot {what} it at line {line}, column {column} "
        f"({problem}); {fix}"
    )


# -- files --------------------------------------------------------------------


def write_atomic(
    path: str | Path, data: bytes, *, exclusive: bool = False
) -> None:
    """Replace the file at *path* by *data*, all or nothing.

    The bytes go to a hidden temporary file in the same folder, which is
    flushed to disk and then renamed over *path*: a crash at any moment
    leaves either the old file or the new one, whole, and no temporary file
    behind (unless the machine itself stops).  The file keeps its
    permissions; a symbolic link stays one, and the file it names is
    replaced, as an editor saves through a link.

    With *exclusive*, *path* must not exist: the whole file is linked in
    under its name, which fails if a file has it (even one made meanwhile),
    so that no moment shows it empty or cut short, even to a process
    killed outright.

    Raises:
        FileExistsError: With *exclusive*, when *path* exists.
    """
    target = os.fspath(path)
    if not exclusive and os.path.islink(target):
        target = os.path.realpath(target)
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    else:
        if exclusive:
            raise FileExistsError(
                errno.EEXIST, os.strerror(errno.EEXIST), target
            )
    temp = files.temp_name(folder, "." + os.path.basename(target) + ".")
    fd = files.create(temp)
    linked = False
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if hasattr(os, "fchmod"):  # not on Windows
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if exclusive:
            _link_new(temp, target)
            linked = True
            with contextlib.suppress(FileNotFoundError):  # renamed there
                os.unlink(temp)
        else:
            os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        if linked:  # stopped after the new file was in place: take it back
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        raise
    _sync_folder(folder)


def _link_new(temp: str, target: str) -> None:
    """Give the whole file *temp* the new name *target*, never over a file
    that has it.
    """
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError as e:
        # A file system without hard links (FAT, some network shares):
        # claim the name, empty, then rename the file over it.
        if e.errno not in _NO_LINKS:
            raise
        os.close(files.create(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        try:
            os.replace(temp, target)
        except BaseException:
            # Stopped with the name claimed, empty: take it back.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
            raise


# What os.link fails with where a file system has no hard links.
_NO_LINKS: Final = frozenset(
    getattr(errno, name)
    for name in (
        "EPERM",
        "ENOTSUP",
        "EOPNOTSUPP",
        "ENOSYS",
        "EMLINK",
        "EACCES",
    )
    if hasattr(errno, name)
)


def _new_file_mode() -> int:
    """The permissions a new file gets here, as ``open()`` would make it:
    a user whose umask keeps files to themselves (077) gets an export
    no one else can read.
    """
    # Only read by setting it: set back at once, from the one thread that
    # writes files.
    umask = os.umask(0o077)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable, where the system allows it."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open folders
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


@attrs.frozen
class _Target:
    path: str
    shown: str
    cls: type[Any] | None


def _targets(
    paths: Iterable[str], real: Callable[[str], str]
) -> list[_Target]:
    """Every file fmt should look at under *paths*, once (by its *real*
    path), in path order.
    """
    seen: dict[str, _Target] = {}
    for p in paths:
        path = Path(p)
        root = files.find_root(path)
        if path.is_dir():
            found = [
                _Target(e.path, e.shown, FOLDERS.get(e.folder))
                for e in (files.walk(root) if root else [])
                if not e.ignored and _inside(e.path, path)
            ]
            info = (root / files.REGISTRY_FILE) if root else None
            if info is not None and _inside(str(info), path):
                found.append(
                    _Target(str(info), files.display_path(info), RegistryInfo)
                )
        else:
            found = [
                _Target(
                    str(path), files.display_path(path), _cls(real(p), root)
                )
            ]
        for target in found:
            # By its real path: one file named twice ("x.yaml" and, through
            # a link, "../link/organisations/x.yaml") is one target.
            seen.setdefault(real(target.path), target)
    return sorted(seen.values(), key=lambda t: t.shown)


def _real_files() -> Callable[[str], str]:
    """:func:`files.real_file`, each folder resolved once: fmt looks up
    every file of a registry, thousands in one folder.
    """
    return functools.partial(
        files.real_file, resolve=functools.cache(os.path.realpath)
    )


def _inside(path: str, folder: Path) -> bool:
    here = os.path.abspath(path)
    there = os.path.abspath(folder)
    return here == there or here.startswith(there.rstrip(os.sep) + os.sep)


def _cls(real: str, root: Path | None) -> type[Any] | None:
    """The record class of the file whose real path is *real*."""
    if root is None:
        return None
    relative = Path(os.path.relpath(real, root.resolve())).parts
    if relative == (files.REGISTRY_FILE,):
        return RegistryInfo
    return FOLDERS.get(relative[0]) if len(relative) > 1 else None


def format_paths(
    paths: Sequence[str | Path],
    *,
    check: bool = False,
    fix: bool = False,
    progress: Progress | None = None,
) -> FmtReport:
    """Format every record file under *paths* (folders or files).

    Args:
        paths: Registry folders, folders inside one, or record files.
        check: Write nothing; report the files that would change.
        fix: Also make safe fixes (see :func:`format_text`); a file with
            no other error becomes writable once fixed.
        progress: Told of the files as validation reads them (see
            :func:`~coalition_registry.validate`), then, started again
            with the files to format, of each one formatted.

    Returns:
        What happened to each file.  A file that does not validate, that
        cannot be formatted without changing a value or a comment, or that
        is read-only, is refused and left alone.

    A file that cannot be read or written (a folder that refuses it, a
    full disk) is refused too, as it was, and the others are formatted:
    each is replaced whole or not at all.
    """
    names = [os.fspath(p) for p in paths]
    report = validate(*names, progress=progress)
    real = _real_files()
    by_file: dict[str, list[Problem]] = {}
    for problem in report.problems:
        if problem.is_error:
            key = real(problem.location.path)
            by_file.setdefault(key, []).append(problem)
    targets = _targets(names, real)
    results = []
    if progress is not None:
        # Formatting a large registry takes longer than validating it.
        progress.start(len(targets))
    try:
        for t in targets:
            results.append(
                _format_file(
                    t,
                    # By real path: named from inside the registry, a file
                    # is "x.yaml" here and "../organisations/x.yaml" to
                    # validate; through a link to the registry,
                    # "link/organisations/x.yaml" here.  Its errors went
                    # unmatched: it was rewritten all the same.
                    by_file.pop(real(t.shown), []),
                    check=check,
                    fix=fix,
                )
            )
            if progress is not None:
                progress.advance(1, 0)
    finally:
        if progress is not None:
            progress.finish()
    # validate() keeps to the paths asked for: what is left is about them,
    # such as a folder with no registry.yaml above it.
    elsewhere = tuple(p for found in by_file.values() for p in found)
    return FmtReport(tuple(results), check, elsewhere)


# Why --fix left a country as it was.
_NOT_CERTAIN: Final = (
    "--fix changes a country only when what is written can mean that "
    "country alone (a name, an alpha-3 code, a code in lower case); an "
    "alias, a near-miss, a region or a name of two countries is for a "
    "person to check, and so is a word for not known that is also a code "
    "('no', 'na'), or a code lists also write for another place ('ni', "
    "Nicaragua's, for Northern Ireland): correct it as the message above "
    "says"
)


def _first_break_is_crlf(raw: bytes) -> bool:
    r"""Whether the first line break of *raw* is CRLF.

    >>> _first_break_is_crlf(b"id: x\r\n"), _first_break_is_crlf(b"id: x\n")
    (True, False)
    """
    end = raw.find(b"\n")
    return end > 0 and raw[end - 1 : end] == b"\r"


def _why(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _format_file(
    target: _Target, errors: list[Problem], *, check: bool, fix: bool
) -> FileResult:
    path, shown = target.path, target.shown
    if target.cls is None or not path.endswith(files.SUFFIXES_TUPLE):
        return FileResult(
            path,
            shown,
            "refused",
            tuple(errors),
            "not a record file: fmt formats the .yaml files in a "
            "registry's folders (" + ", ".join(FOLDERS) + ") and its "
            f"{files.REGISTRY_FILE}",
        )
    if os.path.basename(path).startswith("."):
        # validate passes over it (an ignored-file warning): formatted, it
        # would look checked.
        return FileResult(
            path,
            shown,
            "refused",
            tuple(errors),
            "not a record file: a hidden file (its name starts with '.') "
            "is not read by validate; rename it without the '.' to make "
            "it a record",
        )
    fixable = fix and all(p.code == "unknown-country" for p in errors)
    if errors and not fixable:
        return FileResult(path, shown, "refused", tuple(errors))
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        # Removed or locked since it was validated.
        return FileResult(
            path,
            shown,
            "refused",
            failure=f"cannot read it: {_why(e)}; run fmt again",
        )
    if not fix and _already_canonical(raw, target.cls):
        return FileResult(path, shown, "unchanged")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # pragma: no cover - the validator refused it
        return FileResult(path, shown, "refused", tuple(errors))
    done = format_text(text, target.cls, fix=fix)
    if done.failure is not None:
        return FileResult(path, shown, "refused", failure=done.failure)
    fixes = tuple(
        attrs.evolve(f, location=attrs.evolve(f.location, path=shown))
        for f in done.fixes
    )
    new = done.text.encode("utf-8")
    if _first_break_is_crlf(raw):
        # As git on Windows checks files out (core.autocrlf), and as black
        # and ruff format keep them: a CRLF file is not a change to make.
        new = new.replace(b"\n", b"\r\n")
    if errors:
        # Fixed: the file must now validate, or stay as it was.
        after = read_records(new, shown, target.cls, stem=Path(path).stem)
        left = tuple(p for p in after.problems if p.is_error)
        if left or not fixes:
            return FileResult(
                path,
                shown,
                "refused",
                left or tuple(errors),
                failure=_NOT_CERTAIN
                if all(p.code == "unknown-country" for p in left or errors)
                else None,
            )
    if new == raw:
        return FileResult(path, shown, "unchanged")
    # Said by --check too: "would reformat" asked for a run of fmt that
    # would then refuse.
    if os.path.islink(path):
        # Written through, the link's target would change as another
        # file (one fmt may have said it left as it was).
        return FileResult(
            path,
            shown,
            "refused",
            failure="the file is a symbolic link, which fmt does not "
            "write through; put the file it links to here in its place, "
            "then run fmt again",
        )
    if not _writable(path):
        # The file is replaced by a new one, which its permissions do
        # not prevent: someone made it read-only, and fmt respects it.
        return FileResult(
            path,
            shown,
            "refused",
            failure="the file is read-only; make it writable (chmod "
            "u+w), then run fmt again",
        )
    if not check:
        try:
            write_atomic(path, new)
        except OSError as e:
            why = _why(e)
            if isinstance(e, PermissionError):
                why += (
                    " (the new text is written to a file beside it, in its "
                    "folder, which must be writable)"
                )
            return FileResult(
                path,
                shown,
                "refused",
                failure=f"cannot write it: {why}; it is as it was: fix the "
                "cause and run fmt again",
            )
    if not check:
        return FileResult(path, shown, "changed", fixes=fixes)
    line = _first_change(raw, new)
    values = not _keeps_private(raw, target.cls)
    change = _what_changes(raw, new, line, values=values)
    more = _other_changes(raw, new, line) if values else ()
    moved = _MOVED_UP.match(change or "")
    if moved is not None:
        # The line of the field said to move up needs no other word.
        more = tuple(
            (number, what)
            for number, what in more
            if what is not None
            or not _line_of(raw, number)
            .decode("utf-8", "replace")
            .lstrip()
            .startswith(f"{moved['key']}:")
        )
    return FileResult(
        path,
        shown,
        "changed",
        fixes=fixes,
        line=line,
        change=change,
        more=more,
    )


# The first change's words when a field is to move up (see _line_change).
_MOVED_UP: Final = re.compile(r"'(?P<key>[A-Za-z_0-9-]+)' comes before ")


def _writable(path: str) -> bool:
    """Whether the file at *path* may be written: its permissions allow it
    (for root too, to whom the system allows everything: a file made
    read-only in a CI container that runs as root is still one).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def _keeps_private(raw: bytes, cls: type[Any]) -> bool:
    """Whether a record in the file *raw* keeps anything private (see
    :func:`schema.holds_private`): whether its value is quoted would tell
    what characters a private value holds.
    """
    data = parse(raw, "").data
    records = data if isinstance(data, YSeq) else [data]
    return any(
        not isinstance(record, YMap) or holds_private(cls, record)
        for record in records
    )


# A field's line, or an identifier's (its scheme, "GB-CHC", as the key).
_FIELD_LINE: Final = re.compile(
    r"(?P<indent> *)(?:- )?(?P<key>[A-Za-z_0-9-]+):(?: +(?P<value>.*))?"
)


def _what_changes(
    old: bytes, new: bytes, number: int, *, values: bool = True
) -> str | None:
    r"""What to change on line *number* (from 1) of *old* to make it that of
    *new*, in words, naming at most a field: never a value, which may be
    private, nor, unless *values*, a field or how a value is written
    (whether it is quoted tells what characters it holds), only the spaces
    of the line.  ``None`` when it is more than one of these.

    >>> _what_changes(b"hq_country: NL\n", b'hq_country: "NL"\n', 1)
    'put its value in double quotes'
    >>> _what_changes(b"id: x\nname: y\n", b"name: y\nid: x\n", 1)
    "'name' comes before 'id': move it up"
    >>> _what_changes(b"aliases: [X]\n", b'aliases:\n  - "X"\n', 1)
    "write the list one item a line, each after '- '"
    >>> _what_changes(
    ...     b"id: x\nhq_country: IE\nkind: charity\n",
    ...     b'id: x\nkind: charity\nhq_country: "IE"\n',
    ...     2,
    ... )  # doctest: +NORMALIZE_WHITESPACE
    "'kind' comes before 'hq_country': move it up; and on the line of
    'hq_country', put its value in double quotes"
    """
    old_raw, new_raw = _line_of(old, number), _line_of(new, number)
    if old_raw == new_raw and not old.endswith(b"\n"):
        return "end the file with a line break"
    said = _line_change(old_raw, new_raw, values=values)
    if values and said is not None and said.endswith("move it up"):
        # The field that moves down may change too ("IE" quoted), which
        # no other line would say.
        moved = _FIELD_LINE.fullmatch(old_raw.decode("utf-8", "replace"))
        there = _same_field(new, moved) if moved is not None else None
        also = (
            _line_change(old_raw, there, values=True, order=False)
            if there is not None
            and there.rstrip(b"\r") != old_raw.rstrip(b"\r")
            else None
        )
        if also is not None and moved is not None:
            said += f"; and on the line of {moved['key']!r}, {also}"
    return said


def _same_field(text: bytes, field: re.Match[str]) -> bytes | None:
    """The line of *text* that writes the field *field* writes, at its
    indentation, if it is one line only.
    """
    found = [
        line
        for line in text.split(b"\n")
        if (
            written := _FIELD_LINE.fullmatch(
                line.decode("utf-8", "replace").rstrip("\r")
            )
        )
        and written["key"] == field["key"]
        and written["indent"] == field["indent"]
    ]
    return found[0] if len(found) == 1 else None


def _line_change(
    old_raw: bytes, new_raw: bytes, *, values: bool, order: bool = True
) -> str | None:
    """What to change in the line *old_raw* to make it *new_raw*, in words
    (see :func:`_what_changes`), or ``None``.  Unless *order*, two fields
    are not said to go in the other order (below the first change, fields
    moved up shift the others down, which need not move).
    """
    if old_raw.rstrip(b"\r") == new_raw.rstrip(b"\r"):
        return (
            "end the line with CRLF, as the file's first line ends"
            if new_raw.endswith(b"\r")
            else "end the line without a CR, as the file's first line ends"
        )
    old_line, new_line = (
        text.decode("utf-8", "replace").rstrip("\r")
        for text in (old_raw, new_raw)
    )
    if old_line.rstrip() == new_line:
        return "take the spaces off the end of the line"
    if old_line.rstrip() == "..." and not new_line:
        return "take this line off: the file ends here without it"
    if old_line.strip() == new_line.strip():
        indent = len(new_line) - len(new_line.lstrip(" "))
        return f"start it after {indent} spaces"
    if not values:
        # Which fields a record keeps private holds, and how they are
        # written, would tell of them (a capacity: signed for an
        # organisation).
        return None
    was, now = _FIELD_LINE.fullmatch(old_line), _FIELD_LINE.fullmatch(new_line)
    if was is None or now is None:
        return None
    key, new_key = was["key"], now["key"]
    if key != new_key:
        # Field names are the only words of a line said back.
        if (
            not order
            or key not in field_names()
            or new_key not in field_names()
        ):
            return None
        return f"{new_key!r} comes before {key!r}: move it up"
    value, new_value = was["value"] or "", now["value"] or ""
    if was["indent"] != now["indent"]:
        return None
    if not new_value and value[:1] in {"[", "{"}:
        return (
            "write the list one item a line, each after '- '"
            if value[0] == "["
            else "write each of its fields on a line of its own"
        )
    if value == new_value and f"{key}:  " in old_line:
        return "write one space after the colon"
    if new_value == f'"{value}"':
        return "put its value in double quotes"
    if value.startswith("'") and new_value.startswith('"'):
        return "put its value in double quotes, not single ones"
    if value[:1] in {'"', "'"} and new_value[:1] not in {'"', "'"}:
        return "take the quotes off its value"
    return None


def _other_changes(
    old: bytes, new: bytes, first: int
) -> tuple[tuple[int, str | None], ...]:
    r"""The lines of *old* after line *first* (the first that changes)
    that change in *new*, each with what to change on it when that can be
    said (see :func:`_what_changes`), or ``None``.

    Of two readings, the one that says fewer lines: line by line, when
    *new* has as many lines (values quoted, spaces taken off); or as
    :mod:`difflib` matches them, where a line moved or taken away is said
    once, with ``None``, and lines added, once, at the line they go
    before.

    >>> _other_changes(b"a: 1\nb: 2\nc: 3\n", b'a: "1"\nb: 2\nc: "3"\n', 1)
    ((3, 'put its value in double quotes'),)
    >>> _other_changes(b"a: 1\nb: 2\nc: 3\n", b'a: "1"\nc: 3\n', 1)
    ((2, None),)
    >>> _other_changes(b"a: x\nb: y \n", b"a: z\nb: y\n", 1)
    ((2, 'take the spaces off the end of the line'),)
    """
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    by_line = (
        [
            (number, _line_change(a, b, values=True, order=False))
            for number, (a, b) in enumerate(
                zip(old_lines, new_lines, strict=True), 1
            )
            if number > first and a != b
        ]
        if len(old_lines) == len(new_lines)
        else None
    )
    matched = _matched_changes(old_lines, new_lines, first)
    said = (
        by_line
        if by_line is not None and len(by_line) <= len(matched)
        else matched
    )
    seen: dict[int, str | None] = {}
    for line, change in said:
        if line > first:
            seen.setdefault(line, change)
    return tuple(seen.items())


def _matched_changes(
    old_lines: list[bytes], new_lines: list[bytes], first: int
) -> list[tuple[int, str | None]]:
    """The lines of *old_lines* from line *first* on that change, as
    :mod:`difflib` matches them to *new_lines* (see
    :func:`_other_changes`).
    """
    start = first - 1
    matcher = difflib.SequenceMatcher(
        None, old_lines[start:], new_lines[start:], autojunk=False
    )
    said: list[tuple[int, str | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            said.extend(
                (
                    start + i + 1,
                    _line_change(
                        old_lines[start + i],
                        new_lines[start + j],
                        values=True,
                        order=False,
                    ),
                )
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
        elif i1 < i2:
            said.extend((start + i + 1, None) for i in range(i1, i2))
        else:
            # Lines added: said at the line they go before (past the end,
            # at the last).
            said.append((min(start + i1 + 1, len(old_lines)), None))
    return said


def _line_of(text: bytes, number: int) -> bytes:
    lines = text.split(b"\n")
    return lines[number - 1] if number <= len(lines) else b""


def _first_change(old: bytes, new: bytes) -> int:
    r"""The first line, from 1, where *new* differs from *old*.

    >>> _first_change(b"id: x\nkind: y\n", b"id: x\nkind: z\n")
    2
    """
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    for number, (a, b) in enumerate(
        zip(old_lines, new_lines, strict=False), 1
    ):
        if a != b:
            return number
    # One is the other with lines added or taken off its end.
    return min(len(old_lines), len(new_lines))
