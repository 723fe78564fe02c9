"""A fast reader for the plain block YAML that record files are written in.

Nearly every record file is a block mapping of ``key: value`` lines, with
lists of mappings under some keys and nothing else: no anchors, tags, flow
collections, block scalars or escapes.  For that subset, reading line by
line in Python is several times faster than setting up libyaml and walking
the node tree it builds, which matters for a registry of many small files.

:func:`read` either returns exactly what :func:`~coalition_registry.parsing.parse_text`
would return for the text (the same values, at the same lines and columns)
or ``None``, meaning "not in the subset: use the full parser".  It declines
anything it is not certain of, so every error, and every construct it does
not know, is reported by the full parser.  A test compares the two readers
on every test file and on generated text.
"""

from __future__ import annotations

import itertools
import re

from typing import Any, Final

from .parsing import Limits, YMap, YSeq, _nbsp_indent


__all__ = ["read"]

# Anything here makes the text one the full parser must read: tabs (line
# breaks and indentation rules), a byte-order mark inside the text, line
# breaks other than LF and CRLF, a line indented with a non-breaking space,
# and document and directive markers.
_MARKER: Final = re.compile(r"^(?:\.\.\.|---[^\r\n]|%)", re.MULTILINE)


def _declined(text: str) -> bool:
    # Plain substring tests first: a regex with alternatives and anchors is
    # several times slower on text that has none of them.
    if (
        "\t" in text
        or "\ufeff" in text
        or "\x85" in text
        or "\u2028" in text
        or "\u2029" in text
    ):
        return True
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return True  # a lone carriage return
    if _nbsp_indent(text) is not None:
        # Refused by the full parser; here only a block of text (|, >)
        # would take such a line, so check the whole text once.
        return True
    return (
        text.startswith(("%", "---", "..."))
        or "\n%" in text
        or "\n---" in text
        or "\n..." in text
    ) and _MARKER.search(text) is not None


# A key the subset reads (plain, short, and followed by ":" then a space or
# the end of the line), and the value after it, if any, without its
# trailing spaces.  The spaces before the value are taken possessively:
# otherwise a line of spaces after the colon is tried at every split of
# them, and a line of a megabyte takes hours.
_ENTRY: Final = re.compile(
    r"([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: ++(.*[^ ]))? *$"
)
# A plain scalar cannot start with an indicator; the subset also leaves out
# the plain scalars YAML allows to start with "-", "?" or ":".
_INDICATORS: Final = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NULLS: Final = frozenset({"~", "null", "Null", "NULL"})
_SINGLE: Final = re.compile(r"'((?:[^']|'')*)' *$")


class _DeclineError(Exception):
    """The text is outside the subset."""


# One significant line: (line number, indentation, text after it).
_Line = tuple[int, int, str]


def read(text: str, limits: Limits, first_line: int = 1) -> Any:
    """The parsed value of *text*, or ``None`` when it is outside the subset.

    Args:
        text: Decoded text whose characters are already checked.
        limits: For the nesting depth.
        first_line: The line of the file the text starts at.
    """
    if _declined(text):
        return None
    if "\r" in text:
        # CRLF is one line break: columns before it are unchanged.
        text = text.replace("\r\n", "\n")
    raw = text.split("\n")
    lines: list[_Line] = [
        (number, len(line) - len(content), content)
        for number, line in enumerate(raw, first_line)
        if (content := line.lstrip(" ")) and content[0] != "#"
    ]
    if lines and lines[0][2].rstrip(" ") == "---" and lines[0][1] == 0:
        del lines[0]
    if not lines or lines[0][1] != 0:
        return None
    reader = _Reader(lines, raw, first_line, limits.max_depth)
    try:
        data, end = reader.node(0, 0, 0)
    except (_DeclineError, RecursionError):
        # Nested deeper than Python's stack allows here (max_depth may be
        # set up to parsing.MAX_DEPTH): left to the other reader.
        return None
    return data if end == len(lines) else None


class _Reader:
    __slots__ = ("first_line", "lines", "max_depth", "raw")

    def __init__(
        self,
        lines: list[_Line],
        raw: list[str],
        first_line: int,
        max_depth: int,
    ) -> None:
        self.lines = lines
        self.raw = raw
        self.first_line = first_line
        self.max_depth = max_depth

    def node(self, i: int, indent: int, depth: int) -> tuple[Any, int]:
        """The block collection whose first line is *i*."""
        content = self.lines[i][2]
        if content[0] == "-" and content[1:2] in {" ", ""}:
            return self.sequence(i, indent, depth)
        return self.mapping(i, indent, depth)

    def mapping(self, i: int, indent: int, depth: int) -> tuple[YMap, int]:
        if depth >= self.max_depth:
            raise _DeclineError  # the full parser reports it
        lines = self.lines
        count = len(lines)
        number = lines[i][0]
        mapping = YMap((number, indent + 1))
        key_pos = mapping.key_pos
        value_pos = mapping.value_pos
        while i < count:
            number, at, content = lines[i]
            if at != indent:
                if at > indent:
                    raise _DeclineError
                break
            m = _ENTRY.match(content)
            if m is None:
                raise _DeclineError
            key, rest = m.groups()
            if key in mapping:
                raise _DeclineError  # the full parser reports it
            key_pos[key] = (number, indent + 1)
            if rest:
                value_pos[key] = (number, indent + m.start(2) + 1)
                first = rest[0]
                if (
                    first == '"'
                    and rest[-1] == '"'
                    and rest.count('"') == 2
                    and "\\" not in rest
                ):
                    # The most common value: in double quotes, no escapes.
                    mapping[key] = rest[1:-1]
                    i += 1
                elif first in "|>":
                    mapping[key], i = self.block(i, rest, indent)
                else:
                    mapping[key] = _scalar(rest)
                    i += 1
                if i < count and lines[i][1] > indent:
                    raise _DeclineError  # a value running on, or an error
                continue
            i += 1
            if i == count:
                raise _DeclineError  # an empty value
            below, at_below, content_below = lines[i]
            if at_below > indent or (
                at_below == indent
                and content_below[0] == "-"
                and content_below[1:2] in {" ", ""}
            ):
                # A nested block, or a list written at the key's indentation.
                value_pos[key] = (below, at_below + 1)
                mapping[key], i = self.node(i, at_below, depth + 1)
                if i < count and lines[i][1] > indent:
                    raise _DeclineError
                continue
            raise _DeclineError  # an empty value
        return mapping, i

    def sequence(self, i: int, indent: int, depth: int) -> tuple[YSeq, int]:
        if depth >= self.max_depth:
            raise _DeclineError  # the full parser reports it
        lines = self.lines
        count = len(lines)
        seq = YSeq((lines[i][0], indent + 1))
        item_pos = seq.item_pos
        while i < count:
            number, at, content = lines[i]
            if at != indent or content[0] != "-":
                if at > indent:
                    raise _DeclineError
                break
            rest = content[1:].lstrip(" ")
            if not rest or content[1] != " ":
                raise _DeclineError  # "-" alone, or "-x"
            column = indent + len(content) - len(rest)
            item_pos.append((number, column + 1))
            if _ENTRY.match(rest) is not None:
                # "- key: value": a mapping indented to where its key is.
                lines[i] = (number, column, rest)
                item, i = self.mapping(i, column, depth + 1)
                seq.append(item)
            else:
                seq.append(_scalar(rest))
                i += 1
            if i < count and lines[i][1] > indent:
                raise _DeclineError
        return seq, i

    def block(self, i: int, header: str, indent: int) -> tuple[str, int]:
        """A literal (``|``) or folded (``>``) block scalar whose header is
        on line *i*, in a mapping at *indent*: only the plain form, with
        every line of its text indented alike.
        """
        chomp = header[1:].rstrip(" ")
        if chomp not in {"", "-"}:
            raise _DeclineError  # keep (+), an indentation indicator, a comment
        raw = self.raw
        start = self.lines[i][0] - self.first_line + 1
        if start >= len(raw):
            raise _DeclineError
        first = raw[start]
        body_indent = len(first) - len(first.lstrip(" "))
        if body_indent <= indent or not first.strip(" "):
            raise _DeclineError  # empty, or leading blank lines
        texts: list[str] = []
        end = start
        while end < len(raw):
            line = raw[end]
            stripped = line.lstrip(" ")
            at = len(line) - len(stripped)
            if not stripped:
                if at > body_indent:
                    raise _DeclineError  # spaces that belong to the text
                texts.append("")
            elif at == body_indent:
                texts.append(stripped)
            elif at > body_indent:
                raise _DeclineError  # more-indented lines fold differently
            else:
                break
            end += 1
        while texts[-1] == "":
            texts.pop()
        if header[0] == "|":
            value = "\n".join(texts)
        else:
            value = texts[0]
            for previous, text in itertools.pairwise(texts):
                if not text:
                    value += "\n"
                elif previous:
                    value += " " + text
                else:
                    value += text
        if not chomp and start + len(texts) < len(raw):
            # Clip keeps the last line's break, when it has one: not at the
            # very end of a text that does not end with a line break.
            value += "\n"
        # Skip the significant lines the text took.
        lines = self.lines
        last = end + self.first_line
        while i < len(lines) and lines[i][0] < last:
            i += 1
        return value, i


def _scalar(text: str) -> str | None:
    """One scalar on one line, written plain or in quotes."""
    first = text[0]
    if first == '"':
        end = text.find('"', 1)
        if end < 0 or "\\" in text[:end] or text[end + 1 :].strip(" "):
            raise _DeclineError  # escapes, a quote running on, or text after
        return text[1:end]
    if first == "'":
        m = _SINGLE.match(text)
        if m is None:
            raise _DeclineError
        return m.group(1).replace("''", "'")
    if first in _INDICATORS:
        raise _DeclineError
    value = text.rstrip(" ")
    if " #" in value or ": " in value or value[-1] == ":":
        raise _DeclineError  # a comment, or a mapping where a value should be
    return None if value in _NULLS else value
