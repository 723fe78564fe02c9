"""Problems: the one type every stage uses to say what is wrong, and where.

Every check in the library reports a :class:`Problem` with a stable code from
:data:`CODES`, a severity, a message that never repeats a private value, a
1-based :class:`Location` and a pointer to the field.  Where an API has to
raise, it raises :class:`RegistryError`, which carries all of them.
"""

from __future__ import annotations

import enum
import itertools
import struct

from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from ._pickle import by_fields


__all__ = [
    "CODES",
    "Code",
    "Location",
    "Positions",
    "Problem",
    "RegistryError",
    "Severity",
    "sort_key",
]


class Severity(enum.Enum):
    """How serious a problem is.

    Errors make a registry invalid; warnings are printed but do not change
    the exit code.
    """

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value

    def __setstate__(self, state: object) -> None:
        # The members are shared by the whole process: pickle's BUILD must
        # never change one (a crafted cache entry could otherwise relabel
        # every error, in every file, as a warning).
        msg = "a Severity has no state to set"
        raise TypeError(msg)


@by_fields
@attrs.frozen
class Location:
    """Where a problem is: a file, and a 1-based line and column in it.

    ``line`` and ``column`` are 0 when the problem concerns a whole file that
    could not be read at all (it does not exist, or it is not text);
    ``column`` alone is 0 for a whole line.

    Attributes:
        path: The file, as the user named it (relative paths stay relative).
        line: 1-based line number, or 0.
        column: 1-based column number in characters (not bytes), or 0.
    """

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            # A whole line, such as a spreadsheet's row that `import` read
            # a record from: "sheet.csv:6:0" would name no character.
            return f"{self.path}:{self.line}"
        return self.path


class Positions(Mapping[str, tuple[int, int]]):
    """Where each field of a record is written: a read-only mapping of field
    name to 1-based ``(line, column)``.

    A registry holds one for every record and every source it cites,
    millions of them: a dictionary of tuples would take four times the
    memory, so the numbers are packed in bytes, and records whose fields
    come in the same order share one tuple of names.

    >>> where = Positions.of({"id": (3, 5), "name": (4, 7)})
    >>> where["name"], where.get("country"), list(where)
    ((4, 7), None, ['id', 'name'])
    """

    __slots__ = ("_names", "_packed")

    def __init__(self, names: tuple[str, ...], packed: bytes) -> None:
        # Also what a cache entry is unpickled through: check everything,
        # the names only when this order of them has not been seen.
        shared = None
        if type(names) is tuple and type(packed) is bytes:
            shared = _NAMES.get(names)
            if shared is None and all(type(name) is str for name in names):
                shared = _shared(names)
        if shared is None:
            msg = "names must be a tuple of texts, and packed bytes"
            raise TypeError(msg)
        if len(packed) != _PAIR.size * len(names) and len(packed) != (
            _WIDE_PAIR.size * len(names)
        ):
            msg = "one (line, column) pair per name"
            raise ValueError(msg)
        self._names = shared
        self._packed = packed

    @classmethod
    def of(cls, where: Mapping[str, tuple[int, int]]) -> Positions:
        """The positions in *where*, a mapping of field name to position."""
        numbers = itertools.chain.from_iterable(where.values())
        try:
            packed = array("I", numbers).tobytes()
        except OverflowError:  # a file of more than 4 GiB
            packed = array(
                "Q", itertools.chain.from_iterable(where.values())
            ).tobytes()
        # Made whole here without __init__'s checks: this runs for every
        # record read, and a mapping's keys are already there and paired.
        made = object.__new__(cls)
        made._names = _shared(tuple(where))
        made._packed = packed
        return made

    def __setstate__(self, state: object) -> None:
        # Pickles made by __reduce__ carry no state: one that does was
        # crafted to change a Positions after its checks.
        msg = "a Positions is made by its constructor only"
        raise TypeError(msg)

    def get(  # type: ignore[override]
        self, name: str, default: tuple[int, int] | None = None
    ) -> tuple[int, int] | None:
        """Where field *name* is written, or *default*."""
        try:
            i = self._names.index(name)
        except ValueError:
            return default
        pair = (
            _PAIR
            if len(self._packed) == _PAIR.size * len(self._names)
            else _WIDE_PAIR
        )
        return pair.unpack_from(self._packed, pair.size * i)

    def __getitem__(self, name: str) -> tuple[int, int]:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Positions({dict(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Positions, (self._names, self._packed)


# Two unsigned 32-bit numbers, or 64-bit ones for a file of more than 4 GiB
# (one that only a raised size limit lets through).
_PAIR: Final = struct.Struct("=II")
_WIDE_PAIR: Final = struct.Struct("=QQ")
_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared(names: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple for each order of field names (a few hundred at most in a
    real registry; past that, new orders are kept unshared).
    """
    found = _NAMES.get(names)
    if found is not None:
        return found
    if len(_NAMES) < 4096:
        _NAMES[names] = names
    return names


@attrs.frozen
class Code:
    """A problem code: the stable name of one kind of mistake.

    Codes never change meaning once released; tools may match on them.

    Attributes:
        name: The kebab-case code, such as ``unknown-country``.
        severity: Its severity.
        title: One line saying what is wrong.
        fix: One line saying how to fix it.
        example: A YAML snippet that triggers it (for the documentation).
    """

    name: str
    severity: Severity
    title: str
    fix: str
    example: str = ""


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.name: c for c in codes}


_E = Severity.ERROR
_W = Severity.WARNING

#: Every problem code the library can report, by name.
CODES: dict[str, Code] = _codes(
    # -- reading files ----------------------------------------------------
    Code(
        "file-unreadable",
        _E,
        "The file cannot be read (permissions, or it is not a regular file).",
        "Check the file exists and is readable, and is not a broken link.",
    ),
    Code(
        "file-too-large",
        _E,
        "The file is larger than the registry's size limit.",
        "Split it into several files, or raise the limit deliberately.",
    ),
    Code(
        "outside-registry",
        _E,
        "A symbolic link points outside the registry folder.",
        "Replace the link by the file itself.",
    ),
    Code(
        "encoding",
        _E,
        "The file is not valid UTF-8 text.",
        "Save the file as UTF-8 (most editors offer it under 'Save as').",
        "name: Barnard\\xf6's   # a Latin-1 byte",
    ),
    Code(
        "invalid-character",
        _E,
        "The file holds a character YAML does not allow, such as a NUL byte.",
        "Delete the character; it is usually invisible in an editor.",
    ),
    Code(
        "yaml-syntax",
        _E,
        "The file is not well-formed YAML.",
        "Look at the line given, and at the line before it: a missing "
        "colon, an unclosed quote or a tab used for indentation are the "
        "usual causes.",
        "name: 'Barnardo's",
    ),
    Code(
        "empty-file",
        _E,
        "The file holds no record.",
        "Add a record, or delete the file.",
    ),
    Code(
        "multiple-documents",
        _E,
        "The file holds more than one YAML document (a second '---').",
        "Keep one record per file, or one list of records.",
        "id: a\n---\nid: b",
    ),
    Code(
        "duplicate-key",
        _E,
        "The same field appears twice in one record.",
        "Keep one of them; YAML would silently drop the other.",
        "name: Barnardo's\nname: Barnardos",
    ),
    Code(
        "forbidden-tag",
        _E,
        "A YAML tag other than the core schema's (such as !!python/object"
        " or !include).",
        "Remove the tag: records are plain text, lists and mappings.",
        "name: !!python/object/apply:os.system ['echo hi']",
    ),
    Code(
        "anchor-alias",
        _E,
        "A YAML anchor (&name) or alias (*name).",
        "Write the value out in full: every record must be readable alone.",
        "website: &site https://example.org\nsources: [{url: *site}]",
    ),
    Code(
        "merge-key",
        _E,
        "A YAML merge key ('<<').",
        "Write the fields out in full.",
        "<<: {kind: charity}",
    ),
    Code(
        "too-deep",
        _E,
        "The data is nested deeper than the registry's limit.",
        "Records need only a few levels; flatten the structure.",
    ),
    Code(
        "limit-exceeded",
        _E,
        "The registry exceeds one of its configured limits.",
        "Split the data, or raise the limit deliberately.",
    ),
    # -- shape and fields -------------------------------------------------
    Code(
        "wrong-shape",
        _E,
        "A value has the wrong shape: a list where a mapping was expected, "
        "or a mapping where text was expected.",
        "Compare with the example in docs/data-format.md.",
        "aliases: Barnardo's   # should be a list: [Barnardo's]",
    ),
    Code(
        "unknown-field",
        _E,
        "A field that this kind of record does not have.",
        "Check the spelling (a suggestion is given when one is close), or "
        "remove the field.",
        "hq_contry: GB",
    ),
    Code(
        "missing-field",
        _E,
        "A required field is missing.",
        "Add the field.",
        "# an organisation without 'name'",
    ),
    Code(
        "invalid-value",
        _E,
        "A value is not one of the allowed values, or not of the right type.",
        "Use one of the allowed values listed in the message.",
        "scope: worldwide",
    ),
    Code(
        "invalid-date",
        _E,
        "A date is not a real calendar date written YYYY-MM-DD.",
        "Write the date as YYYY-MM-DD, for example 2023-09-18.",
        "date: 18/09/2023",
    ),
    Code(
        "invalid-url",
        _E,
        "A URL is not an absolute http(s) address.",
        "Copy the full address from the browser, starting with https://.",
        "url: www.nspcc.org.uk",
    ),
    Code(
        "unknown-country",
        _E,
        "A country is not an ISO 3166-1 alpha-2 code.",
        "Use the two-letter code (GB, not UK; US, not USA); for a region "
        "or 'international', give the headquarters' country if a source "
        "says it, else leave it out, and set scope.",
        "hq_country: UK",
    ),
    Code(
        "invalid-id",
        _E,
        "An id is not a slug: lower-case letters, digits and hyphens.",
        "Write the id like barnardos or ecpat-international.",
        "id: Barnardo's",
    ),
    Code(
        "id-file-mismatch",
        _E,
        "A file holding one record is not named after the record's id.",
        "Rename the file to <id>.yaml, or correct the id.",
    ),
    Code(
        "wrong-folder",
        _E,
        "A record file is not in a folder of a known record kind, a record "
        "is in the folder of another kind, or a signature is in the folder "
        "of another letter.",
        "Move it into the folder the message names.",
    ),
    Code(
        "ignored-file",
        _W,
        "A file in a record folder looks like a record file but is not "
        "read: its name ends in .YAML, starts with a dot, or ends in "
        "something after .yaml; or it holds what looks like a record but "
        "is named .txt, .csv or with no extension.",
        "Rename it to end in .yaml (lower case, nothing after it, no dot "
        "in front), or delete it.",
    ),
    Code(
        "spreadsheet-in-registry",
        _W,
        "A spreadsheet (.csv, .tsv, .xlsx, .ods...) is kept in the "
        "registry folder, which is published with it: a list of signatories "
        "may name people who are not public.",
        "Keep it outside the repository (import reads it from anywhere), "
        "or delete it.",
    ),
    Code(
        "not-opaque-id",
        _E,
        "A person who is not public has an id that is not opaque.",
        "Use an id of the form person-<random letters and digits>, such "
        "as the one `coalition-registry new person` makes; never derive it "
        "from the person's name.",
        "id: jane-doe\ndisclosure: anonymous",
    ),
    Code(
        "name-not-allowed",
        _E,
        "An anonymous person has a name.",
        "Remove the name: anonymous people are counted, never named. Use "
        "disclosure: pseudonym if they chose a name to sign under.",
    ),
    Code(
        "invalid-private",
        _E,
        "The private list names a field that cannot be hidden or does not "
        "exist.",
        "List only fields of this record, other than id.",
    ),
    Code(
        "public-survivor",
        _E,
        "A survivor, or a survivor's family member, signs as a public "
        "person: every output names them beside the role.",
        "If they did not choose to be named, make them anonymous, or "
        "pseudonymous under a name they chose to sign under; if they did, "
        "and confirmed it, write verification: confirmed-by-signatory.",
        "role: survivor   # of a person with disclosure: public",
    ),
    Code(
        "invalid-registry-file",
        _E,
        "The registry.yaml file is missing or wrong.",
        "Put a registry.yaml with name, schema_version and data_licence in "
        "the registry's root folder.",
    ),
    # -- across records ---------------------------------------------------
    Code(
        "duplicate-id",
        _E,
        "Two records have the same id.",
        "Ids are unique across the whole registry: rename one.",
    ),
    Code(
        "unknown-reference",
        _E,
        "A reference to a record that does not exist, or is of the wrong "
        "kind.",
        "Check the id (a suggestion is given when one is close), or add "
        "the missing record.",
        "publisher: nspc",
    ),
    Code(
        "duplicate-signature",
        _E,
        "The same signatory signs the same letter twice.",
        "Keep one signature; to record a withdrawal, set status.",
    ),
    Code(
        "claim-exceeded",
        _W,
        "The records show more than an exact claim about the letter says.",
        "Check the records and the claim's source: one of them is wrong.",
    ),
    Code(
        "claim-figure",
        _W,
        "A claim's text, the source's words, gives figures, but not the "
        "claim's value: one of them was copied wrong.",
        "Correct the value, or the text, from the source.",
        "value: 140\ntext: signed by 104 survivors and organisations",
    ),
    Code(
        "claim-qualifier",
        _W,
        "A claim's text gives its figure as a lower bound ('over 100', "
        "'1,200+'), an upper bound ('up to 500') or a round figure ('about "
        "100', 'some 300'), but the claim has no qualifier, so it is "
        "compared as exact.",
        "Add qualifier: at-least (for a lower bound), qualifier: at-most "
        "(for an upper bound) or qualifier: about (for a round figure) to "
        "the claim.",
        "text: signed by over 100 organisations",
    ),
    # -- warnings ---------------------------------------------------------
    Code(
        "no-source",
        _W,
        "A record cites no source.",
        "Add a sources list with the URL where the fact was found.",
    ),
    Code(
        "suspicious-character",
        _W,
        "Text holds an invisible or bidirectional control character, or "
        "mixes alphabets in one word.",
        "Retype the text; such characters can make two names look the same"
        " or reverse how text is displayed.",
    ),
    Code(
        "implausible-date",
        _W,
        "A date's year is before 1900 or after 2100, or a signature is "
        "withdrawn on or before the date of the letter it signs, so it "
        "counts on no day at all.",
        "Check the year; a signature that never counted is better deleted.",
        "withdrawn_on: 2020-01-01",
    ),
    Code(
        "comment-in-value",
        _W,
        "A value not in quotes is followed on its line by ' #' and more "
        "text, which YAML reads as a comment: the text is left out of the "
        "value.",
        "If the text belongs to the value, put the whole value in double "
        "quotes.",
        "name: Safe Futures #1 for kids",
    ),
    Code(
        "value-runs-on",
        _W,
        "A value not in quotes runs on to a line that starts like a list "
        "item or a field of its own, which YAML joins to the value.",
        "Line the line up with the item or field it belongs beside.",
        "aliases:\n  - ECSF\n   - Example CSF",
    ),
    Code(
        "possible-duplicate",
        _W,
        "Two organisations, or two groups, have the same name or alias, "
        "and no country, website or registry number tells them apart: most "
        "likely one signatory recorded twice, whose signatures would be "
        "counted twice.",
        "If they are one, keep one record and point the other's signatures "
        "at it; if not, give each its country, website or registry number.",
    ),
    Code(
        "placeholder-value",
        _W,
        "A text is only a word for 'not known' (TBC, TBD, N/A, unknown, "
        "none, ?, -), which outputs would print as if it were the value.",
        "Write the value a source gives; if the field may be left out, "
        "leave it out until one does.",
        "summary: TBC",
    ),
    Code(
        "country-in-name",
        _W,
        "An organisation's or a group's name ends with a country (in "
        "brackets, after a dash or a comma) that its record does not give, "
        "or gives otherwise.",
        "If a source says where it is based, write that country's code in "
        "hq_country (or country); else leave it.",
        'name: "Example Network (Kenya)"',
    ),
    Code(
        "contact-details",
        _E,
        "A text holds an e-mail address or a telephone number, which the "
        "registry never records.",
        "Remove it; keep contact details outside the repository.",
        "notes: Contact name@example.org",
    ),
    Code(
        "title-in-name",
        _W,
        "A public person's name holds a title (Dr, Prof), letters after it "
        "(OBE, PhD), an affiliation, a note of the capacity they signed in "
        "or a footnote's mark, so the same person signing another letter "
        "without them would be recorded twice; or an organisation's name "
        "is a person's.",
        "Write the name alone; put the name as printed, with an affiliation "
        "given only to identify them, in the signature's name_as_printed; "
        "on_behalf_of is only for an organisation the source says they "
        "signed for.",
        "name: Dr Jane Example OBE",
    ),
)


@by_fields
@attrs.frozen
class Problem:
    """One thing wrong with the registry.

    Attributes:
        code: The stable kebab-case code (a key of :data:`CODES`).
        message: What is wrong, for a person.  It never repeats a private
            value.
        location: Where it is.
        pointer: The field, as a path such as ``$.recipients[2].person``
            (indexes from 0); ``$`` for the whole record or file.
        severity: Error or warning; by default the code's.
    """

    code: str = attrs.field()
    message: str
    location: Location
    pointer: str = "$"
    severity: Severity = attrs.field()

    @severity.default
    def _severity(self) -> Severity:
        return CODES[self.code].severity

    @code.validator
    def _known(self, _: attrs.Attribute[str], value: str) -> None:
        if value not in CODES:
            msg = f"unknown problem code {value!r}"
            raise ValueError(msg)

    @property
    def is_error(self) -> bool:
        """Whether the problem makes the registry invalid."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.code}: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The problem as plain JSON-ready data."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "pointer": self.pointer,
        }


def sort_key(problem: Problem) -> tuple[str, int, int, str, str]:
    """Order problems by file, line, column, then code: stable output."""
    loc = problem.location
    return (loc.path, loc.line, loc.column, problem.code, problem.message)


class RegistryError(Exception):
    """Raised by :func:`coalition_registry.load` when the registry has errors.

    Its ``problems`` hold every problem found, warnings included, sorted.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=sort_key)
        )
        errors = [p for p in self.problems if p.is_error]
        first = f": {errors[0]}" if errors else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            f"{len(errors)} error(s) in the registry{first}{more}"
        )

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.is_error)


def relative(path: Path, base: Path | None = None) -> str:
    """Show *path* relative to *base* (default: the working folder)."""
    try:
        return str(path.relative_to(base or Path.cwd()))
    except ValueError:
        return str(path)
