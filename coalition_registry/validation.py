"""Validation: files into records, and every problem with them, in one pass.

:func:`validate` never raises for bad data: it returns a :class:`Report`.
It reads each file on its own (:func:`read_records`: its records, and
whether each cites a source), then checks what only the whole registry can
show: duplicate ids, references to records that do not exist, double
signatures, names printed for people who are not public, and claims the
records exceed.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import gc
import itertools
import operator
import os
import re
import warnings

from collections import defaultdict
from collections.abc import (
    Callable,
    Collection,
    Container,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    NamedTuple,
    TypeAlias,
    TypeVar,
    cast,
)

import attrs

from . import files, workers
from ._pickle import by_fields
from .countries import ending_country, initials, normalise, without_country
from .model import (
    _POSTNOMINALS,
    _SIGNATURE_ID_FIX,
    _TITLES,
    FOLDERS,
    KINDS,
    OPAQUE_ID,
    PERSONAL_ROLES,
    RANDOM_ID,
    SIGNATURE_ID,
    Group,
    Organisation,
    Person,
    RegistryInfo,
    Signature,
    _dotted_letters,
    country_of,
    name_alone,
    says_unnamed,
)
from .parsing import (
    DEFAULT_LIMITS,
    DROPPED,
    Document,
    Limits,
    Pos,
    YMap,
    YSeq,
    at_value_start,
    parse,
    value_start,
    without_echo,
)
from .problems import Location, Problem, Severity, sort_key
from .schema import (
    INVALID,
    SCHEMA_VERSION,
    SLUG,
    Context,
    Reference,
    a,
    as_latin,
    build,
    hidden_fields,
    hides_all,
    holds_private,
    mixed_look_alike,
    name_words,
    private_list_misplaced,
    shape_of,
    slugify,
    yaml_fields,
)


if TYPE_CHECKING:
    import datetime as dt

    from .cache import Cache, Hit
    from .progress import Progress
    from .reconciliation import Reconciliation
    from .registry import Registry


__all__ = [
    "CacheWarning",
    "FileRecords",
    "Report",
    "read_records",
    "validate",
]

# Every kind of record must cite where its facts come from.
_SOURCED: Final = frozenset(KINDS.values())
_HEAD: Final = operator.itemgetter(0)
# An id definition's kind, and a reference's allowed kinds.
_KIND: Final = operator.itemgetter(1)

#: Where an id is defined: the id, its record's kind, and the file, line and
#: column.  A plain tuple, as schema.Reference.
IdUse: TypeAlias = tuple[str, str, str, int, int]
_LETTER: Final = operator.attrgetter("letter")
_SIGNATORY: Final = operator.attrgetter("signatory")
_DISCLOSURE: Final = operator.attrgetter("disclosure")
_ROLE: Final = operator.attrgetter("role")
_ID: Final = operator.attrgetter("id")


class CacheWarning(UserWarning):
    """The cache given to :func:`validate` could not be written."""


@by_fields
@attrs.frozen
class FileRecords:
    """What one file yielded.

    Attributes:
        path: The file as shown in problems.
        records: The records built from it (those without errors).
        problems: Everything wrong in it.
        refs: Every reference to another record, for the registry checks
            (see ``schema.Reference``).
        ids: Every id defined in it, with where it is written: the id, its
            record's kind, and the file, line and column.
        count: How many records the file holds, valid or not.
        digest: A digest of the bytes read (see :func:`files.digest`), for
            the cache.
    """

    path: str
    records: tuple[Any, ...]
    problems: tuple[Problem, ...]
    refs: tuple[Reference, ...] = ()
    ids: tuple[IdUse, ...] = ()
    count: int = 0
    digest: str | None = None


def read_records(
    raw: bytes,
    shown: str,
    cls: type[Any],
    *,
    stem: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    digest: str | None = None,
    redact: bool = False,
) -> FileRecords:
    """Parse one file and build its records of kind *cls*.

    Args:
        raw: The file's bytes.
        shown: How problems name the file.
        cls: The record class its folder holds.
        stem: The file's name without suffix, which a one-record file's id
            must match (``None`` to skip that check).
        limits: Size and depth bounds.
        digest: The digest of *raw*, kept in the result for the cache.
        redact: Whether no message may repeat a value of the file.
    """
    return records_from(
        parse(raw, shown, limits),
        cls,
        stem=stem,
        digest=digest,
        redact=redact,
    )


# A field that may make a record's values private, as a line of it.
_MAY_HIDE: Final = re.compile(
    r"^[ \t-]*(?:private|disclosure)[ \t]*:", re.MULTILINE
)


def records_from(
    doc: Document,
    cls: type[Any],
    *,
    stem: str | None = None,
    first_index: int = 0,
    digest: str | None = None,
    redact: bool = False,
) -> FileRecords:
    """Build the records of kind *cls* in a parsed file (or in a part of a
    list file whose first item is item *first_index*); *digest* is kept in
    the result.  With *redact*, no message repeats a value of the file.
    """
    shown = doc.path
    ctx = Context(shown, list(doc.problems), source=doc, redact=redact)
    data = doc.data
    if data is None:
        if doc.problems and (
            redact or cls is Person or _MAY_HIDE.search(doc.text)
        ):
            # Not read, the file may be a person's who is not public: a
            # column inside a value would tell how long it is up to there.
            ctx.problems = [
                at_value_start(p, doc.text, doc.first_line)
                for p in ctx.problems
            ]
        if not doc.problems:
            ctx.report(
                "empty-file",
                "the file holds no record; add one, or delete the file",
                (1, 1),
                "$",
            )
        stub = (_stand_in(stem, cls, shown),) if stem else ()
        # A file that could not be read holds a record, as far as is
        # known; an empty one holds none.
        return FileRecords(
            shown,
            (),
            tuple(ctx.problems),
            ids=stub,
            count=1 if doc.problems else 0,
            digest=digest,
        )
    if data is DROPPED:
        # The whole document was refused (a forbidden tag on it): the
        # reader has said why, without repeating the tag, since what the
        # document holds (a person who is not public?) cannot be known.
        return FileRecords(
            shown,
            (),
            tuple(map(without_echo, ctx.problems)),
            count=1,
            digest=digest,
        )
    if isinstance(data, YSeq) and not data:
        ctx.report(
            "empty-file",
            "the file holds no record; add one, or delete the file",
            data.pos,
            "$",
        )
        return FileRecords(shown, (), tuple(ctx.problems), digest=digest)
    if isinstance(data, YMap):
        items: list[tuple[YMap, str]] = [(data, "$")]
    elif isinstance(data, YSeq):
        items = []
        for i, (item, pos) in enumerate(
            zip(data, data.item_pos, strict=True), first_index
        ):
            if isinstance(item, YMap):
                items.append((item, f"$[{i}]"))
            elif item is not DROPPED:  # else the reader has said why
                ctx.report(
                    "wrong-shape",
                    f"each item of a list of records must be a mapping of "
                    f"fields, found {shape_of(item)}; start each record with "
                    "'- id: ...' and indent its other fields under it",
                    pos,
                    f"$[{i}]",
                )
    else:
        # A spreadsheet saved as CSV and renamed: YAML reads its lines as
        # one long text.
        spreadsheet = (
            "; it looks like a spreadsheet saved as CSV (its first line "
            "lists field names, separated by commas, semicolons or tabs): "
            "write each record as 'field: value' lines, and several records "
            "as a list, each starting with '- id: ...' (see "
            "docs/data-format.md)"
            if isinstance(data, str) and _csv_header(data, cls)
            else ""
        )
        ctx.report(
            "wrong-shape",
            f"the file must hold {a(cls.kind_name)} (a mapping of fields) "
            f"or a list of them, not a single value{spreadsheet}",
            (1, 1),
            "$",
        )
        return FileRecords(shown, (), tuple(ctx.problems), digest=digest)

    unseen = isinstance(data, YSeq) and len(items) < len(data)
    if doc.problems and (
        # An item refused whole (a tag on it) may be anyone's.
        redact or unseen or any(holds_private(cls, raw) for raw, _ in items)
    ):
        # The reader's messages can repeat a tag or a key, which in a
        # record that keeps values private may be one of them, and its
        # columns inside a value tell how long it is up to there.
        ctx.problems = [
            at_value_start(without_echo(p), doc.text, doc.first_line)
            for p in ctx.problems
        ]
    records = []
    ids: list[IdUse] = []
    unsourced = []
    # The lines a record that keeps values private starts on: a record
    # after it on its line ("[{name: Sky, ...}, {country: XX}]") is placed
    # as it is, since its columns would tell how long its values are.
    hiding: set[int] = set()
    for raw_record, pointer in items:
        private = ctx.private_record = redact or holds_private(cls, raw_record)
        before = len(ctx.problems)
        refs_before, errors_before = len(ctx.refs), ctx.errors
        ids_before = len(ids)
        record = build(cls, raw_record, ctx, pointer)
        if (
            record is INVALID
            and not private
            and len(ctx.problems) > before
            and private_list_misplaced(cls, raw_record)
        ):
            # "private: [hq_country]" indented under a source: meant for
            # the record, whose values its messages then repeated.  Built
            # again, as a record that keeps values private.
            del ctx.problems[before:], ctx.refs[refs_before:]
            ctx.errors = errors_before
            private = ctx.private_record = ctx.redact = True
            try:
                record = build(cls, raw_record, ctx, pointer)
            finally:
                ctx.redact = redact
        if private and cls is not Signature:
            giveaway = _named_in_path(cls, raw_record, shown, pointer)
            if giveaway is not None:
                ctx.report("not-opaque-id", giveaway, raw_record.pos, pointer)
        if (
            record is INVALID
            and cls in _SOURCED
            and _cites_nothing(raw_record, ctx.problems[before:])
        ):
            # Said with its other problems: not only once they are mended.
            unsourced.append(
                _no_source(
                    cls.kind_name,
                    Location(shown, *raw_record.pos),
                    raw_record.value_pos.get("sources"),
                    pointer,
                )
            )
        # Its kind as far as records that refer to it know.
        kind = cls
        if record is INVALID:
            kind = _misfiled(cls, raw_record, ctx, pointer, before) or cls
        record_id = raw_record.get("id")
        if record_id is DROPPED and stem is not None and pointer == "$":
            # An id given twice: refer to the record by its file's name, so
            # that records elsewhere that refer to it do not fail too.
            ids.append(_stand_in(stem, cls, shown))
        elif record_id is None:
            # 'ID:' for 'id:', an unknown-field error: the id written there
            # is the record's as far as records that refer to it know, so
            # that they do not fail too.  Only an id: not a name, which may
            # be private, to be repeated by duplicate-id.
            key = next((k for k in raw_record if k.lower() == "id"), "")
            written = raw_record.get(key) if key else None
            if isinstance(written, str) and SLUG.fullmatch(written):
                ids.append(
                    (
                        written,
                        kind.kind_name,
                        shown,
                        *raw_record.value_pos[key],
                    )
                )
        elif isinstance(record_id, str) and "id" in raw_record.value_pos:
            ids.append(
                (record_id, kind.kind_name, shown, *raw_record.value_pos["id"])
            )
            # An id that is not valid has its own error: renaming the file
            # after it would only copy the mistake.
            if (
                stem is not None
                and pointer == "$"
                and record_id != stem
                and SLUG.fullmatch(record_id)
                # A signature's file named <letter>--<signatory> as it
                # should be, whose id was kept from the file copied: its
                # invalid-id says to correct the id, and renaming the file
                # would put it onto the copied one's.
                and not (
                    cls is Signature
                    and stem
                    == f"{raw_record.get('letter')}--"
                    f"{raw_record.get('signatory')}"
                )
            ):
                secret = redact or hides_all(cls, raw_record)
                ctx.report(
                    "id-file-mismatch",
                    _mismatch(
                        stem,
                        record_id,
                        # Not an id made from a private name, nor one out
                        # of a signature's form.
                        new_id=cls is not Signature and not private,
                        name=shown.rpartition("/")[2],
                        signature=cls is Signature and not private,
                        expected=_signature_id(raw_record)
                        if cls is Signature
                        else None,
                    )
                    if not secret
                    else "the file name does not match the record's id; "
                    "rename the file to <id>.yaml",
                    raw_record.value_pos["id"],
                    f"{pointer}.id",
                )
                record = INVALID
        if private:
            hiding.add(raw_record.pos[0])
        if (private or raw_record.pos[0] in hiding) and doc.text:
            _placed_safely(
                ctx,
                doc,
                top=raw_record.pos[0],
                problems=before,
                refs=refs_before,
                ids=ids,
                defined=ids_before,
            )
        if record is not INVALID:
            records.append(record)
        elif cls is Signature:
            named = _signatory_named(raw_record, shown, pointer)
            if named is not None:
                ctx.refs.append(named)
    if doc.problems and any(p.is_error for p in doc.problems):
        # The file is not what its author wrote (a key or a value was
        # dropped): none of its records may count as valid, and a record
        # may have had its sources.
        records = unsourced = []
    if cls in _SOURCED:
        for record in records:
            if not record.sources:
                ctx.problems.append(
                    _no_source(
                        record.kind_name,
                        record.location,
                        record.positions.get("sources"),
                        "$",
                    )
                )
        ctx.problems.extend(unsourced)
    return FileRecords(
        shown,
        tuple(records),
        tuple(ctx.problems),
        tuple(ctx.refs),
        tuple(ids),
        len(items),
        digest,
    )


_IN_PRIVATE: Final = re.compile(r"\$(?:\[\d+\])?\.private(?:\[|$)")


def _placed_safely(
    ctx: Context,
    doc: Document,
    *,
    top: int,
    problems: int,
    refs: int,
    ids: list[IdUse],
    defined: int,
) -> None:
    """Place the problems, references and id definitions of a record that
    keeps values private, from index *problems*, *refs* and *defined* on,
    where their columns tell nothing of a value before them on their line
    (written in braces, ``{name: Sky, country: XX}``; see
    :func:`parsing.at_value_start`); the record starts on line *top*.
    """
    text, first = doc.text, doc.first_line
    ctx.problems[problems:] = [
        # The list of fields kept private holds only names of fields.
        p
        if _IN_PRIVATE.match(p.pointer)
        else at_value_start(p, text, first, top=top)
        for p in ctx.problems[problems:]
    ]
    ctx.refs[refs:] = [
        (
            *ref[:3],
            *value_start(text, ref[3], ref[4], first, top=top),
            *ref[5:],
        )
        for ref in ctx.refs[refs:]
    ]
    ids[defined:] = [
        (*use[:3], *value_start(text, use[3], use[4], first, top=top))
        for use in ids[defined:]
    ]


#: The kinds a signatory written as a name is looked up among (see
#: _signatory_named), which also mark such a reference: no field refers
#: to these two kinds alone.
_NAMED_SIGNATORY: Final = ("organisation", "group")


def _signatory_named(raw: YMap, shown: str, pointer: str) -> Reference | None:
    """A signature's ``signatory`` written as a name (``Barnardo's``), as a
    reference whose record the checks across records may name.

    Such a value is never shown, since it could be a person's name: only
    when it is the public name of an organisation or a group is its id
    suggested (see :func:`_check_refs`), and only when nothing but the
    signatory hides the signature (no ``disclosure``, nor a misspelt
    ``private``, written in it).
    """
    signatory = raw.get("signatory")
    if (
        signatory.__class__ is not str
        or SLUG.fullmatch(signatory) is not None
        or signatory.startswith("person-")
        or "signatory" not in raw.value_pos
        or not raw.keys() <= yaml_fields(Signature).keys()
    ):
        return None
    return (
        signatory,
        _NAMED_SIGNATORY,
        shown,
        *raw.value_pos["signatory"],
        f"{pointer}.signatory",
        None,
    )


def _named_in_path(
    cls: type[Any], raw: YMap, shown: str, pointer: str
) -> str | None:
    """Why the name of the file *shown*, or of a folder it is in under its
    kind's folder, gives away the hidden name of the record *raw* (at
    *pointer*); else ``None``.  A one-record file is named after its id,
    which not-opaque-id checks (or id-file-mismatch says to rename it so):
    this is for a list file's name, and a folder's, which are printed with
    every problem in the file as an id is.
    """
    field = "title" if cls.kind_name == "letter" else "name"
    written = raw.get("private")
    listed = written if isinstance(written, YSeq) else ()
    hidden = hides_all(cls, raw) or field in listed
    names = [raw.get(field)] if hidden else []
    aliases = raw.get("aliases")
    if isinstance(aliases, YSeq) and (hidden or "aliases" in listed):
        # Other names are private with the name: each would tell it.
        names += aliases
        field = f"{field} or aliases" if hidden else "aliases"
    strings: list[str] = [n for n in names if isinstance(n, str)]
    if not strings:
        return None
    # The words of a public name tell nothing, in an alias or a path.
    public = raw.get("name") if not hidden else None
    shown_words = name_words(public) if isinstance(public, str) else set()
    # Shown with "\\" on Windows.
    under = ("/" + shown.replace(os.sep, "/")).rpartition(f"/{cls.folder}/")[2]
    parts = under.lower().split("/")
    parts[-1] = parts[-1].rpartition(".")[0]
    if pointer == "$":
        parts.pop()
    are = "are" if "aliases" in field else "is"
    # Whole words of the names, not letters inside them: "Ian" is not in
    # "canadian-survivors", nor "Ann" in "annual".
    words = set().union(*map(name_words, strings)) - shown_words
    if words.isdisjoint(
        itertools.chain.from_iterable(map(_path_words, parts))
    ):
        return None
    return (
        f"the name of this file, or of a folder it is in, spells a word of "
        f"this {cls.kind_name}'s {field}, which {are} private, and is printed "
        "with every problem in the file: rename it to say nothing of who is "
        f"in it ({cls.folder}.yaml for a list, say)"
    )


def _path_words(part: str) -> set[str]:
    """The words of a file's or a folder's name, as a name's are compared
    (folded: "Łukasz" is "lukasz"), run together too ("jo-li" is "joli"),
    and without digits after them ("skylark2" is "skylark").
    """
    split = normalise(part.replace("_", " ").replace("-", " ")).split()
    words = {*split, "".join(split)}
    return words | {w.rstrip("0123456789") for w in words}


def _cites_nothing(raw: YMap, problems: Sequence[Problem]) -> bool:
    """Whether a record that could not be built, with *problems*, gives no
    source: no ``sources``, or one with no item, and no field misspelt
    (``Sources:``, which its unknown-field error names).  Not said of a
    record with no id (``{}``), which is not yet one.
    """
    sources = raw.get("sources")
    return (
        "id" in raw
        and (sources is None or (isinstance(sources, YSeq) and not sources))
        and not any(p.code == "unknown-field" for p in problems)
    )


def _no_source(
    kind_name: str, at: Location, sources: Pos | None, pointer: str
) -> Problem:
    """``no-source`` for a record at *at*: at its ``sources:`` (written at
    *sources*) when the field is written with no item under it, else at
    the record.
    """
    if sources is None:
        return Problem(
            "no-source",
            f"this {kind_name} cites no source; add a sources list with the "
            "URL where the facts were found",
            at,
            pointer,
        )
    return Problem(
        "no-source",
        f"this {kind_name}'s sources list has no item; under 'sources:', add "
        "a line '  - url: ' followed by the URL where the facts were found",
        Location(at.path, *sources),
        f"{pointer}.sources",
    )


@attrs.frozen
class Report:
    """The outcome of a validation.

    Attributes:
        problems: Every problem, sorted by file, line and column.
        files: How many files were read.
        records: How many records they hold.
        info: The registry's ``registry.yaml``, when it could be read.
        registry_records: The valid records, for building a
            :class:`~coalition_registry.Registry`.
        registry: The registry the checks across records built from them,
            when one registry folder was validated whole.
        kept_records: Whether *registry_records* holds the records read
            (see :func:`validate`'s *keep_records*).
    """

    problems: tuple[Problem, ...]
    files: int = 0
    records: int = 0
    info: RegistryInfo | None = None
    registry_records: tuple[Any, ...] = attrs.field(default=(), repr=False)
    registry: Registry | None = attrs.field(default=None, repr=False, eq=False)
    kept_records: bool = attrs.field(default=True, repr=False)

    def to_registry(self) -> Registry:
        """The valid records as a registry (the one already built, if any).

        Of a report with errors, it holds only the records that were read
        without one: counts from it leave the others out.  Check
        :attr:`valid` first, or use :func:`~coalition_registry.load`,
        which raises :class:`RegistryError` for an invalid registry.

        Raises:
            ValueError: When the validation kept no records
                (``validate(..., keep_records=False)``): its registry
                would be empty, and every count of it a silent zero.
        """
        if self.registry is not None:
            return self.registry
        if not self.kept_records:
            msg = (
                "this report keeps no records: it was made with "
                "validate(..., keep_records=False); validate without it "
                "to count"
            )
            raise ValueError(msg)
        from .registry import Registry

        return Registry(self.registry_records, self.info)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are warnings."""
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def valid(self) -> bool:
        """Whether the registry has no errors (warnings are allowed)."""
        return not self.errors

    @property
    def summary(self) -> dict[str, int]:
        """Counts of files, records, errors and warnings."""
        return {
            "files": self.files,
            "records": self.records,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


def _read_info(
    root: Path, limits: Limits
) -> tuple[RegistryInfo | None, list[Problem]]:
    path = root / files.REGISTRY_FILE
    shown = files.display_path(path)
    if path.is_symlink():
        # registry.yaml comes with the pull request too: never follow it
        # out of the registry (its content would be quoted back).
        link = files.check_link(path, root.resolve(), shown)
        if link is not None:
            return None, [link]
    if not path.is_file():
        try:
            names = os.listdir(root)
        except OSError:
            names = []
        misnamed = files.misnamed_registry_file(
            files.display_path(root), names
        )
        if misnamed is not None:
            return None, [
                Problem(
                    "invalid-registry-file",
                    f"the registry's file is named {files.REGISTRY_FILE}: "
                    f"rename this one to {files.REGISTRY_FILE} (lower case, "
                    "and .yaml)",
                    Location(misnamed),
                )
            ]
        return None, [
            Problem(
                "invalid-registry-file",
                f"no {files.REGISTRY_FILE} here or in a folder above; "
                "create one with name, schema_version and data_licence",
                Location(files.display_path(root)),
            )
        ]
    raw = files.read_bytes(str(path), shown, limits.max_file_bytes)
    if isinstance(raw, Problem):
        return None, [raw]
    doc = parse(raw, shown, limits)
    ctx = Context(shown, list(doc.problems))
    if not isinstance(doc.data, YMap):
        if doc.data is not None or not doc.problems:
            ctx.report(
                "invalid-registry-file",
                "registry.yaml must be a mapping with name, schema_version "
                "and data_licence",
                (1, 1),
                "$",
            )
        return None, ctx.problems
    info = build(RegistryInfo, doc.data, ctx)
    if info is INVALID:
        return None, ctx.problems
    assert isinstance(info, RegistryInfo)
    if info.schema_version != SCHEMA_VERSION:
        ctx.report(
            "invalid-registry-file",
            f"schema_version {info.schema_version} is not supported by "
            f"this version of coalition-registry (it reads "
            f"{SCHEMA_VERSION}); upgrade coalition-registry",
            doc.data.value_pos["schema_version"],
            "$.schema_version",
        )
        return None, ctx.problems
    return info, ctx.problems


def _read_file(
    entry: files.FileEntry,
    limits: Limits,
    store: Cache | None = None,
    *,
    fresh: bool = False,
) -> FileRecords | Hit:
    """What one file yields (see :func:`_read_files`)."""
    return _read_files((entry,), limits, store, fresh=fresh)[0]


def _read_files(
    entries: Sequence[files.FileEntry],
    limits: Limits,
    store: Cache | None = None,
    *,
    fresh: bool = False,
) -> list[FileRecords | Hit]:
    """What each of *entries* yields: from *store* when it holds the file's
    bytes, or read afresh (with *fresh*, read afresh with the digest the
    cache keeps).

    The files go through each stage together: all are read, then all
    parsed, then all their records built.  One stage's code and data then
    stay in the processor's caches from one file to the next; file by
    file, the reader and the builder push each other out, and reading a
    registry of many small files takes a fifth longer.  Large files go on
    when about a megabyte has been read, so that memory stays bounded by
    the limits of one file.
    """
    results: list[FileRecords | Hit | None] = []
    # Files read and not yet parsed, with their index in *results*.
    read: list[tuple[int, _Bytes]] = []
    size = 0
    for entry in entries:
        early = _before_parsing(entry, limits, store, fresh=fresh)
        if not isinstance(early, _Bytes):
            results.append(early)
            continue
        read.append((len(results), early))
        results.append(None)
        size += len(early.raw)
        if size >= _STAGE_BYTES:
            _parse_and_build(read, entries, limits, results)
            read, size = [], 0
    _parse_and_build(read, entries, limits, results)
    return cast("list[FileRecords | Hit]", results)


class _Bytes(NamedTuple):
    """A file read, to be parsed: its bytes, their digest, its class."""

    raw: bytes
    digest: str | None
    cls: type[Any]


_STAGE_BYTES: Final = 1024 * 1024


def _parse_and_build(
    read: list[tuple[int, _Bytes]],
    entries: Sequence[files.FileEntry],
    limits: Limits,
    results: list[FileRecords | Hit | None],
) -> None:
    """Parse the files *read*, then build their records into *results*."""
    docs = [parse(file.raw, entries[i].shown, limits) for i, file in read]
    for (i, file), doc in zip(read, docs, strict=True):
        results[i] = records_from(
            doc, file.cls, stem=entries[i].stem, digest=file.digest
        )


def _before_parsing(
    entry: files.FileEntry,
    limits: Limits,
    store: Cache | None,
    *,
    fresh: bool,
) -> FileRecords | Hit | _Bytes:
    """A file's result when it is known before parsing (a problem, or a
    cache hit), else its bytes, their digest and its folder's class.
    """
    if entry.problem is not None:
        return FileRecords(entry.shown, (), (entry.problem,))
    cls = FOLDERS.get(entry.folder)
    if cls is None:
        return _in_no_registry_folder(entry)
    # The files the store knows without reading them never come here
    # (see _read_all).
    read: list[os.stat_result] | None = [] if store is not None else None
    raw = files.read_bytes(
        entry.path, entry.shown, limits.max_file_bytes, read
    )
    if isinstance(raw, Problem):
        stub = (_stand_in(entry.stem, cls, entry.shown),)
        return FileRecords(entry.shown, (), (raw,), ids=stub, count=1)
    digest = None
    if store is not None or fresh:  # only the cache needs the digest
        digest = files.digest(raw, entry.path)
        if store is not None and not store.read_as_looked(entry.shown, read):
            # Another file was read than the one looked at (a folder or a
            # link switched meanwhile): its result is not kept, under
            # the other's times or at all.
            return _Bytes(raw, None, cls)
        hit = None if store is None else store.hit(entry.shown, digest)
        if hit is not None:
            return hit
    return _Bytes(raw, digest, cls)


def _in_no_registry_folder(entry: files.FileEntry) -> FileRecords:
    """``wrong-folder`` for a file outside the record folders.  Where the
    folder's name is one of theirs misspelt (``organizations/``), the file
    stands, for the records that refer to it, for the record its name
    gives, as one that cannot be read does: one mistake, one error.
    """
    meant = folder_meant(entry.folder) if entry.folder else None
    name = os.path.basename(entry.path)
    if not entry.folder and files.misnamed_registry_file(".", [name]):
        # Beside registry.yaml (else it is read as the one meant for it).
        return FileRecords(
            entry.shown,
            (),
            (
                Problem(
                    "wrong-folder",
                    f"this folder has a {files.REGISTRY_FILE} already, which "
                    "is the one read: this second registry file is not; "
                    f"move anything it says that {files.REGISTRY_FILE} does "
                    "not into that file, then delete this one",
                    Location(entry.shown),
                ),
            ),
        )
    if meant is None:
        known = ", ".join(f"{f}/" for f in FOLDERS)
        return FileRecords(
            entry.shown,
            (),
            (
                Problem(
                    "wrong-folder",
                    f"record files belong in one of the folders {known}; "
                    "move this file into the folder of its kind",
                    Location(entry.shown),
                ),
            ),
        )
    # The folders below the misspelt one (a letter's, in signatures/) stay.
    below = ("/" + entry.shown).rsplit(f"/{entry.folder}/", 1)[-1]
    into = "/".join((meant, *below.split("/")[:-1], ""))
    problem = Problem(
        "wrong-folder",
        f"{entry.folder}/ is not a registry folder, so this file is not "
        f"read; move it into {into}",
        Location(entry.shown),
    )
    stub = (_stand_in(entry.stem, FOLDERS[meant], entry.shown),)
    return FileRecords(entry.shown, (), (problem,), ids=stub)


# Folder names volunteers write for a record folder, which no spelling
# check finds.
_FOLDERS_AS_WRITTEN: Final = {"person": "people", "persons": "people"}


def folder_meant(name: str) -> str | None:
    """The record folder that *name*, a folder that is none, most likely
    means: the same in capitals, spelt with a 'z' or in the singular, or
    mistyped; else ``None``.

    >>> [folder_meant(n) for n in ("organizations", "Letters", "charities")]
    ['organisations', 'letters', None]
    """
    lower = name.lower()
    if lower in FOLDERS:
        return lower
    if lower in _FOLDERS_AS_WRITTEN:
        return _FOLDERS_AS_WRITTEN[lower]
    close = difflib.get_close_matches(
        lower.replace("iz", "is"), list(FOLDERS), n=1, cutoff=0.85
    )
    return close[0] if close else None


def _shared_start(one: str, two: str) -> int:
    """How many characters *one* and *two* start with alike."""
    shared = 0
    for x, y in zip(one, two, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def _typo_of(written: str, other: str) -> bool:
    """Whether *written* may be *other* mistyped, beyond what they share:
    ids of one registry start alike (``example-``), which makes any two
    look close, so what differs once their common start and end are set
    aside must be short in one of them (a letter or two, or nothing), or
    alike, or the same words in another order.

    >>> _typo_of("barnados", "barnardos"), _typo_of("apple-inc", "apple")
    (True, True)
    >>> _typo_of("example-charities", "example-charity")
    True
    >>> _typo_of("example-crime-online", "example-online-crime")
    True
    >>> _typo_of("example-nobody", "example-tab-org")
    False
    """
    start = _shared_start(written, other)
    one, two = written[start:], other[start:]
    end = _shared_start(one[::-1], two[::-1])
    one, two = one[: len(one) - end], two[: len(two) - end]
    return (
        min(len(one), len(two)) <= 2
        or difflib.SequenceMatcher(None, one, two).ratio() >= 0.5
        or sorted(written.split("-")) == sorted(other.split("-"))
    )


def _typo_among(target: str, ids: Sequence[str]) -> str | None:
    """The id of *ids* closest to *target* that may be it mistyped."""
    return next(
        (
            i
            for i in difflib.get_close_matches(target, ids, n=3)
            if _typo_of(target, i)
        ),
        None,
    )


def _mismatch(
    stem: str,
    record_id: str,
    *,
    new_id: bool = True,
    name: str = "",
    signature: bool = False,
    expected: str | None = None,
) -> str:
    """What to do about a file named *stem* holding the record
    *record_id*.  Both ways round, since only the contributor knows which
    is right: renaming the file of a record copied to start a new one
    would put it onto the record it was copied from.  It never depends on
    other files: the message is kept in the cache with the file's result.
    *name* is the file's name, suffix and all; *signature*, whether the
    record is a signature whose values may be shown; *expected*, a
    signature's id as its letter and signatory make it, when both are ids.
    """
    # Escaped as the file's path is (caf\xe9), not as Python writes
    # strings (caf\udce9).
    name_shown = files.safe_name(stem)
    quote = '"' if "'" in name_shown and '"' not in name_shown else "'"
    said = (
        f"the file is named {quote}{name_shown}{quote} but the record's id "
        f"is {record_id!r}"
    )
    # The two look the same: say where they differ.
    for whose, text in (("the file's name", stem), ("the id", record_id)):
        letter = mixed_look_alike(text)
        if letter:
            said += f"; {whose} holds {letter}"
            break
    if stem.lower() == record_id:
        # On macOS and Windows, a rename that changes only capitals leaves
        # git with the old name.
        return (
            f"{said}; rename the file to {record_id}.yaml, with "
            f"'git mv {name or stem + '.yaml'} {record_id}.yaml' on macOS or "
            "Windows, "
            "where renaming it only in capitals is not seen by git"
        )
    if expected is not None and expected != record_id:
        # A signature whose id is not its letter's and signatory's has an
        # invalid-id error: renaming the file after that id would only copy
        # the mistake, or, for an id kept from a copied file, overwrite the
        # file it was copied from.
        target = (
            f"{expected}.yaml" if signature else "<letter>--<signatory>.yaml"
        )
        return (
            f"{said}; a signature's id and file name are both "
            f"<letter>--<signatory>: rename the file to {target}, and "
            "correct the id to match"
        )
    letter, _, signatory = stem.partition("--")
    if signature and SLUG.fullmatch(letter) and SLUG.fullmatch(signatory):
        # A signature copied to start a new one, and only its file renamed:
        # its id comes from its letter and signatory, not the other way.
        return (
            f"{said}; if this is a new signature, set its letter to "
            f"{letter!r}, its signatory to {signatory!r} and its id to "
            f"{stem!r}, else rename the file to {record_id}.yaml"
        )
    if not new_id or not SLUG.fullmatch(stem):
        # A file name with a space, a capital or an accent is no id to
        # copy into the record.
        return f"{said}; rename the file to {record_id}.yaml"
    return (
        f"{said}; if this is a new record, change its id to {stem!r}, else "
        f"rename the file to {record_id}.yaml"
    )


def _signature_id(raw: YMap) -> str | None:
    """The id a signature written as *raw* must have, ``<letter>--<signatory>``,
    or ``None`` when its letter or signatory is not an id.
    """
    letter, signatory = raw.get("letter"), raw.get("signatory")
    if (
        isinstance(letter, str)
        and isinstance(signatory, str)
        and SLUG.fullmatch(letter)
        and SLUG.fullmatch(signatory)
    ):
        return f"{letter}--{signatory}"
    return None


def _misfiled(
    cls: type[Any], raw: YMap, ctx: Context, pointer: str, since: int
) -> type[Any] | None:
    """Say where a record belongs when it has fields its folder's kind does
    not, and every one of them is a field of one other kind (an
    organisation saved in people/), and return that kind.

    The problems reported on the record from *since* that only its folder
    explains go: its fields unknown to the folder's kind, and those the
    kind needs and the other does not.  One mistake, one error.
    """
    own = list(yaml_fields(cls))
    # Fields of another kind only, not a near miss of one of this kind's
    # ('country' in an organisation is hq_country misspelt, not a group).
    telling = [
        key
        for key in raw.keys() - own
        if not difflib.get_close_matches(key, own, n=1, cutoff=0.7)
    ]
    if not telling:
        return None
    kinds = [
        other
        for other in FOLDERS.values()
        if other is not cls and raw.keys() <= yaml_fields(other).keys()
    ]
    if len(kinds) == 1:
        (other,) = kinds
        folder = f"{other.folder}/"
        letter = raw.get("letter")
        if (
            other.kind_name == "signature"
            and isinstance(letter, str)
            and SLUG.fullmatch(letter)
            and not hides_all(other, raw)
        ):
            folder += f"{letter}/"  # where the letter's signatures are
        move = (
            f"move its file into {folder}"
            if pointer == "$"
            else f"move it into a file in {folder}"
        )
        unknown = {
            Location(ctx.path, *raw.key_pos[key]) for key in raw.keys() - own
        }
        needed = {
            name for name, spec in yaml_fields(other).items() if spec.required
        }
        missing = tuple(
            f"the field {name!r}"
            for name, spec in yaml_fields(cls).items()
            if spec.required and raw.get(name) is None and name not in needed
        )
        ctx.problems[since:] = [
            p
            for p in ctx.problems[since:]
            if not (
                (p.code == "unknown-field" and p.location in unknown)
                or (
                    p.code == "missing-field"
                    and p.pointer == pointer
                    and any(name in p.message for name in missing)
                )
            )
        ]
        ctx.report(
            "wrong-folder",
            f"this record has the fields of {a(other.kind_name)}, not of "
            f"{a(cls.kind_name)}: {move}",
            raw.pos,
            pointer,
        )
        return other
    return None


def _csv_header(text: str, cls: type[Any]) -> bool:
    """Whether *text*, a whole file read as one value, starts like a CSV
    file of records of *cls*: two field names of its kind, or more,
    separated by one delimiter (``id,name,...``), quoted or not.

    >>> from coalition_registry.model import Organisation
    >>> _csv_header('"id";"name";"hq_country" example,Example,GB', Organisation)
    True
    >>> _csv_header("Example Charity, based in Dublin", Organisation)
    False
    """
    # A header is short: the rest of a large file is not looked at.
    head = text[:_CSV_HEAD]
    found = [(head.find(d), d) for d in ",;\t" if d in head]
    if not found:
        return False
    names = yaml_fields(cls)
    header = 0
    for cell in head.split(min(found)[1]):
        if cell.strip().strip('"').strip().lower() not in names:
            break
        header += 1
    return header >= 2


_CSV_HEAD: Final = 1000


def _stand_in(stem: str, cls: type[Any], shown: str) -> IdUse:
    """The id a file that could not be read or parsed defines, as far as
    the checks across records know: its name, at the whole file, so that
    records elsewhere that refer to it do not fail too.
    """
    return (stem, cls.kind_name, shown, 0, 0)


def _read_fresh(entry: files.FileEntry, limits: Limits) -> FileRecords:
    """Read a file, not from the cache (its entry was damaged)."""
    return cast("FileRecords", _read_file(entry, limits, fresh=True))


def letters_alone(root: Path) -> list[str] | None:
    """The ids of the letters in the registry at *root*, read from its
    ``letters/`` folder alone: a few files, where the whole registry may
    hold hundreds of thousands, so that a command can say at once which
    letter to choose.  ``None`` when a file there has an error (or the
    folder holds what the whole validation alone can say well).
    """
    cls = FOLDERS["letters"]
    ids: list[str] = []
    for entry in files.walk(root / cls.folder):
        if entry.problem is not None or entry.folder:
            return None  # a file it cannot read, or one in a subfolder
        raw = files.read_bytes(
            entry.path, entry.shown, DEFAULT_LIMITS.max_file_bytes
        )
        if isinstance(raw, Problem):
            return None
        read = read_records(raw, entry.shown, cls, stem=entry.stem)
        if any(p.severity is Severity.ERROR for p in read.problems):
            return None
        ids.extend(record.id for record in read.records)
    return ids if len(set(ids)) == len(ids) else None


def _from_cache(
    store: Cache,
    limits: Limits,
    entry: files.FileEntry,
    read: FileRecords | Hit,
) -> FileRecords:
    """A file's result, from *store* for a hit, and kept for the next run."""
    return store.resolve(read, functools.partial(_read_fresh, entry, limits))


def _taken(
    store: Cache,
    limits: Limits,
    entry: files.FileEntry,
    read: FileRecords | Hit,
) -> FileRecords | Hit:
    """A file's result as *store* takes it: a hit is left as it is while
    the last run's report may serve (see :meth:`Cache.take`).
    """
    return store.take(read, functools.partial(_read_fresh, entry, limits))


#: Fields of a record that no check across records reads: what a source
#: says and the notes.  A file whose records changed only in these (a
#: source's date corrected, a note added at the end of a record) leaves
#: every such check as it was (see :func:`read_across`).  A test runs the
#: checks over every test registry with these fields set to a value that
#: fails on any use.
NOT_READ_ACROSS: Final = frozenset({"sources", "notes"})

# The problems of a file that the steps after the checks across records
# look through (see _replace_invalid_ids and check_registry).
_CODES_READ_ACROSS: Final = frozenset({"invalid-id", "id-file-mismatch"})


def read_across(result: FileRecords) -> tuple[Any, ...]:
    """What the checks across records, and the steps that follow them, read
    of a file's result: all of it but the fields in
    :data:`NOT_READ_ACROSS` (values and positions) and, in a file with
    records, its problems other than those the checks may replace (but
    whether a file of signatures has any).  Two results whose pickles of
    this are alike (equality of a claim leaves out its position) make the
    same problems across records, in a registry otherwise the same.
    """
    if not result.records:
        # A file not read stands for the record it may hold, by its one
        # problem (see _Unread).
        problems: Any = result.problems
    else:
        problems = (
            # Whether a signature with problems may be by a survivor, to
            # be checked again repeating nothing (see _exposed).
            bool(result.problems)
            and any(ref[5].endswith(".signatory") for ref in result.refs),
            *(p for p in result.problems if p.code in _CODES_READ_ACROSS),
        )
    return (
        result.path,
        tuple(map(_fields_read_across, result.records)),
        problems,
        result.refs,
        result.ids,
        result.count,
    )


def own_problems(result: FileRecords) -> tuple[Problem, ...]:
    """The problems of a file's result that a report holds as they are,
    whatever the other files hold: those :func:`read_across` leaves out.
    """
    if not result.records:
        return ()
    return tuple(
        p for p in result.problems if p.code not in _CODES_READ_ACROSS
    )


def _fields_read_across(record: Any) -> tuple[Any, ...]:
    cls = type(record)
    names = _NAMES_READ_ACROSS.get(cls)
    if names is None:
        names = _NAMES_READ_ACROSS[cls] = tuple(
            a.name
            for a in attrs.fields(cls)
            if a.name not in NOT_READ_ACROSS and a.name != "positions"
        )
    return (
        cls,
        *map(record.__getattribute__, names),
        tuple(
            item
            for item in record.positions.items()
            if item[0] not in NOT_READ_ACROSS
        ),
    )


# The fields of each record class read across records, but its positions.
_NAMES_READ_ACROSS: Final[dict[type[Any], tuple[str, ...]]] = {}


def check_registry(
    results: Sequence[FileRecords],
    registry: Registry,
    by_kind: Mapping[type[Any], Sequence[Any]],
) -> list[Problem]:
    """The problems only the whole registry shows, from every file's result,
    the registry of their valid records, and those records by class
    (:func:`records_by_kind`).
    """
    problems: list[Problem] = []
    ids = list(itertools.chain.from_iterable(r.ids for r in results))
    # Each id with where it is first defined.  Built in C from the end,
    # so that the first definition is the one kept: this runs over every
    # record of the registry.
    backwards = ids[::-1]
    first = dict(zip(map(_HEAD, backwards), backwards, strict=True))
    if len(first) < len(ids):
        # Fresh pairs: the search tells uses apart by identity.
        _, again = _first_and_again(
            (i, (kind, Location(path, line, column)))
            for i, kind, path, line, column in ids
        )
        for record_id, uses in list(again.items()):
            written = [use for use in uses if use[1].line]
            if written and len(written) < len(uses):
                # A file not read stands for a record a file read has
                # (a copy in a misspelt folder): the file's own error
                # says what to do, and the record read is the one meant.
                its_kind, where = written[0]
                first[record_id] = (
                    record_id,
                    its_kind,
                    where.path,
                    where.line,
                    where.column,
                )
                if len(written) == 1:
                    del again[record_id]
                else:
                    again[record_id] = written
        # Records whose file is named after another id: a copy, most often
        # (a signature's may say so as the id its letter and signatory
        # make, when those were changed and not the id).
        misnamed = {
            p.location
            for r in results
            for p in r.problems
            if p.code == "id-file-mismatch"
            or (p.code == "invalid-id" and p.message.startswith(SIGNATURE_ID))
        }
        repeated = _repeated_signatures(again, by_kind.get(Signature, ()))
        for record_id, uses in again.items():
            if record_id in repeated:
                continue
            problems.extend(
                _duplicate_ids(
                    record_id, [loc for _, loc in uses], misnamed, first
                )
            )
    problems.extend(_check_refs(results, first, registry))
    signatures = by_kind.get(Signature, ())
    problems.extend(_check_double_signatures(signatures))
    problems.extend(
        _check_on_behalf(
            signatures,
            by_kind.get(Person, ()),
            by_kind.get(Organisation, ()),
        )
    )
    problems.extend(
        _check_printed_names(
            by_kind.get(Person, ()),
            itertools.chain(
                by_kind.get(Organisation, ()), by_kind.get(Group, ())
            ),
            signatures,
        )
    )
    problems.extend(
        _check_roles(by_kind.get(Organisation, ()), signatures, first)
    )
    problems.extend(
        _check_named_survivors(
            by_kind.get(Person, ()), signatures, by_kind.get(Group, ())
        )
    )
    problems.extend(_check_withdrawals(registry, signatures))
    problems.extend(_check_signed_on(registry, signatures))
    # The pairs of organisations reported, to be reported once.
    pairs: set[tuple[int, int]] = set()
    organisations = by_kind.get(Organisation, ())
    problems.extend(_check_same_names(organisations, pairs))
    problems.extend(_check_same_names(by_kind.get(Group, ()), set()))
    problems.extend(_check_same_numbers(organisations, pairs))
    problems.extend(_check_same_people(by_kind.get(Person, ()), signatures))
    problems.extend(_check_claims(registry))
    return problems


def _repeated_signatures(
    again: Mapping[str, Sequence[Any]], signatures: Sequence[Signature]
) -> set[str]:
    """The ids of *again* (each id used more than once, with its uses)
    that are all one signature's, given again: the same letter and
    signatory, under the id they make.  Its duplicate-signature, said at
    each, is the one mistake; a duplicate-id as well, whose advice to give
    one of them another id a signature cannot take, would say it twice.
    """
    found: defaultdict[str, list[Signature]] = defaultdict(list)
    for signature in signatures:
        if signature.id in again:
            found[signature.id].append(signature)
    return {
        record_id
        for record_id, alike in found.items()
        if len(alike) == len(again[record_id])
        and len({(s.letter, s.signatory) for s in alike}) == 1
        and record_id == f"{alike[0].letter}--{alike[0].signatory}"
    }


def _duplicate_ids(
    record_id: str,
    uses: Sequence[Location],
    misnamed: Container[Location] = (),
    taken: Container[str] = (),
) -> list[Problem]:
    """The duplicate-id problems for *record_id*, defined at each of *uses*
    (in the order read), each naming another use and which one to change.

    Most often a file was copied to start a new record and its id kept:
    the record in the file named after the id is the one to keep, since
    "delete one", said at both, had contributors delete the original.  When
    two files are named after it (in two folders), the one read first is
    kept, and both lines say so, unless only one is a signature's in its
    letter's folder (``signatures/<letter>/``), where new ones are made.

    A copy whose own file name is another id (its id-file-mismatch, or a
    signature's invalid-id, is at one of *misnamed*) gets one problem,
    which says both: the record it was copied from is not at fault, and
    the file's name is the id meant (for a signature, with the letter and
    signatory it names); but not a record whose id is random (a hidden
    name's: its file's name may spell it), nor a file named after an id
    *taken* already.
    """
    named = [Path(loc.path).stem == record_id for loc in uses]
    if (
        len(uses) == 2
        and named.count(True) == 1
        and not RANDOM_ID.fullmatch(record_id)
    ):
        copy = uses[named.index(False)]
        if copy in misnamed and Path(copy.path).stem not in taken:
            return [_copied(record_id, copy, uses[named.index(True)])]
    letter, _, signatory = record_id.partition("--")
    # At any depth in it, as signatures/<letter>/2b/ of a large letter.
    placed = [
        n and bool(signatory) and letter in Path(loc.path).parent.parts
        for n, loc in zip(named, uses, strict=True)
    ]
    keeper = (
        placed.index(True)
        if True in placed
        else named.index(True)
        if True in named
        else None
    )
    problems = []
    for i, loc in enumerate(uses):
        if keeper is None:
            other = uses[1 if i == 0 else 0]
            said = (
                f"the id {record_id!r} is also used at {other}; ids are "
                "unique across the registry: if both records are the same, "
                "delete one; else rename one"
            )
        elif i == keeper:
            j = 1 if i == 0 else 0
            rename = " and rename its file to match" if named[j] else ""
            why = _KEPT_AS_SAID_AT_IT[_kept_because(named, placed, i, j)]
            said = (
                f"the id {record_id!r} is also used at {uses[j]}; ids are "
                f"unique across the registry: keep this record, {why}, and "
                "change that one: if it is this record again, delete it; "
                f"else give it another id{rename}"
            )
        else:
            rename = " and rename its file to match" if named[i] else ""
            why = _KEPT_AS_SAID_AT_OTHER[
                _kept_because(named, placed, keeper, i)
            ]
            said = (
                f"the id {record_id!r} is also used at {uses[keeper]}, {why}; "
                "ids are unique across the registry: change this record: if "
                "it is that one again, delete it; else give it another "
                f"id{rename}"
            )
        problems.append(Problem("duplicate-id", said, loc, "$.id"))
    return problems


def _copied(record_id: str, copy: Location, original: Location) -> Problem:
    """The one problem of a record copied from *original* with its id kept,
    in a file named after another id, or another name (see
    :func:`_duplicate_ids`).
    """
    stem = Path(copy.path).stem
    letter, dashes, signatory = stem.partition("--")
    if "--" in record_id:
        meant = (
            f"set its letter to {letter!r}, its signatory to "
            f"{signatory!r} and its id to {stem!r}"
            if dashes and SLUG.fullmatch(letter) and SLUG.fullmatch(signatory)
            # A signature's id is made from its letter and signatory: no
            # other can be given to it.
            else "set its signatory (and letter) to the one meant, its id "
            "to <letter>--<signatory>, and name its file after that id"
        )
    elif SLUG.fullmatch(stem):
        meant = f"change its id to {stem!r}, as its file is named"
    else:
        meant = "give it an id of its own, and name its file after that id"
    return Problem(
        "duplicate-id",
        f"the id {record_id!r} is also used at {original}, the file named "
        f"after it, and this file is named {stem!r}: if this is that record "
        f"again, delete this file; else {meant}{COPIED}",
        copy,
        "$.id",
    )


#: How the one problem of a copied record ends: its id-file-mismatch,
#: said in it, is dropped (see :func:`_replace_invalid_ids`).
COPIED: Final = " (ids are unique across the registry)"


def _kept_because(
    named: Sequence[bool], placed: Sequence[bool], keeper: int, other: int
) -> str:
    """Why the record at *keeper* is kept over the one at *other*."""
    if not named[other]:
        return "named"
    if placed[keeper] and not placed[other]:
        return "placed"
    return "first"


# The same reason, as the message at the record kept, and at the other.
_KEPT_AS_SAID_AT_IT: Final = {
    "named": "whose file is named after it",
    "placed": "in its letter's folder",
    "first": "read first",
}
_KEPT_AS_SAID_AT_OTHER: Final = {
    "named": "the file named after it",
    "placed": "in its letter's folder",
    "first": "in a file of the same name, read first",
}


def _check_same_names(
    records: Sequence[Organisation] | Sequence[Group],
    pairs: set[tuple[int, int]],
) -> Iterable[Problem]:
    """Two records of one kind named alike (``Barnardo's`` and
    ``Barnardo’s``, or one's alias the other's name) are most likely one
    signatory recorded twice, and counted twice.  Different countries,
    websites or registry numbers tell them apart; a private value is never
    compared.  Each pair reported is added to *pairs*, by the ``id()`` of
    the record read first and of the other.
    """
    first: dict[str, tuple[Organisation | Group, str, str, str]] = {}
    told: dict[int, _Told] = {}
    # The keys that are a record's acronym in brackets, by record.
    acronyms: set[tuple[int, str]] = set()
    for record in records:
        if "name" in record.private:
            continue
        names = [("name", record.name)]
        if "aliases" not in hidden_fields(type(record), record.private):
            names += [("aliases", a) for a in getattr(record, "aliases", ())]
            if record.name.endswith(")") and _stands_for(record.name):
                # "Example Children's Trust (ECT)", which lists also print
                # as "ECT" alone (import keeps it as an alias).
                acronym = _ACRONYM.search(record.name)
                assert acronym is not None  # _stands_for found it
                names.append(("name", acronym[1]))
                acronyms.add((id(record), _name_key(acronym[1])))
        keyed = [(_name_key(name), field, "", "") for field, name in names]
        # "Example Charity (UK)": signatory lists put the country after the
        # name, so the same organisation is listed with it and without it.
        keyed += [
            (
                _name_key(bare),
                field,
                _country_form(name),
                _place(name, bare, code),
            )
            for field, name in names
            for bare, code in (without_country(name),)
            if bare is not None
        ]
        # "Example Charity UK", with a space only: compared as well, since
        # lists print it so too (import takes only the two forms above).
        keyed += [
            (_name_key(bare), field, "after it", _place(name, bare, code))
            for field, name in names
            for bare, code in (ending_country(name),)
            if bare is not None
        ]
        found = []
        # Each other record is compared once, and only so many: a record of
        # many aliases could meet a record of many registry numbers under
        # each, or a different one under each.
        apart: set[int] = set()
        for key, field, loose, place in keyed:
            seen = first.get(key)
            # The same id given twice is a duplicate-id already.
            if seen is None or seen[0].id == record.id or id(seen[0]) in apart:
                continue
            if {(id(seen[0]), key), (id(record), key)} <= acronyms:
                # Two names of one acronym: "Alliance for Child Advocacy
                # (ACA)", "Association of Children's Advocates (ACA)".
                continue
            if place and seen[3] and place != seen[3]:
                # Named for two places ("Children in Scotland", "Children
                # in Wales"): two bodies, whatever their countries.
                continue
            apart.add(id(seen[0]))
            if _alike(_told(seen[0], told), _told(record, told)):
                # Each, not the first only: a third copy was said only
                # once the first pair was mended.
                found.append((seen, field, loose))
            if len(apart) == _MOST_TOLD_APART:
                break
        for key, field, loose, place in keyed:
            if key:
                first.setdefault(key, (record, field, loose, place))
        for pair in found:
            yield _same_name(record, pair, pairs)


def _same_name(
    record: Organisation | Group,
    found: tuple[tuple[Organisation | Group, str, str, str], str, str],
    pairs: set[tuple[int, int]],
) -> Problem:
    """The possible-duplicate of *record*, named alike to the record of
    *found* (see :func:`_check_same_names`).
    """
    (other, its, its_loose, _), mine, my_loose = found
    pairs.add((id(other), id(record)))
    ways = (
        "country, website or registry number (identifiers)"
        if isinstance(record, Organisation)
        else "country or website"
    )
    form = its_loose or my_loose
    but = f", but for a country {form}" if form else ""
    return Problem(
        "possible-duplicate",
        f"this {record.kind_name}'s {_NAME_OR_ALIAS[mine]} is the "
        f"{_NAME_OR_ALIAS[its]} of {other.id!r}{but} (at "
        f"{other.location_of(its)}); if they are one, keep one record and "
        f"point the other's signatures at it; if not, give each its {ways}",
        record.location_of(mine),
        f"$.{mine}",
    )


def _check_same_numbers(
    organisations: Sequence[Organisation], pairs: set[tuple[int, int]]
) -> Iterable[Problem]:
    """Two organisations with one registry number under one scheme (both
    ``GB-CHC: "216250"``, or one ``"0216250"``) are one organisation
    recorded twice, whatever their names: reported at the second one's
    number, once for each pair not in *pairs* (reported for their names
    already).  Identifiers kept private are never compared, nor a number
    without a digit ("N/A", "pending"), nor those of an organisation whose
    name is private.

    Websites are not compared: the national sections of a federation, or
    a project and the charity that hosts it, often give one site.
    """
    first: dict[tuple[str, str], tuple[Organisation, str]] = {}
    for record in organisations:
        if (
            not record.identifiers
            or "identifiers" in record.private
            # A record whose name is private says none of its values: a
            # number shared would tell which organisation it is.
            or "name" in record.private
        ):
            continue
        # Each other organisation once, at the first number shared.
        shared: dict[int, tuple[Organisation, str, str, str]] = {}
        for scheme, number in record.identifiers:
            key = (scheme.upper(), _number(number))
            if _DIGIT.search(key[1]) is None:
                continue
            other, its = first.setdefault(key, (record, scheme))
            if (
                other is not record
                # The same id given twice is a duplicate-id already.
                and other.id != record.id
                and id(other) not in shared
                and (id(other), id(record)) not in pairs
            ):
                shared[id(other)] = (other, its, scheme, number)
        for other, its, mine, number in shared.values():
            yield Problem(
                "possible-duplicate",
                f"this organisation's {mine} number {number!r} is also the "
                f"{its} number of {other.id!r} (at "
                f"{other.location_of(f'identifiers.{its}')}); one registry "
                "number is one organisation: if they are one, keep one "
                "record and point the other's signatures at it; if they are "
                "two, correct the number, or keep it only on the one it was "
                "given to (a project that a charity hosts has no number of "
                "its own)",
                record.location_of(f"identifiers.{mine}"),
                f"$.identifiers.{mine}",
            )


_DIGIT: Final = re.compile(r"\d")


def _number(number: str) -> str:
    """A registry number as compared: ``"0216250"``, ``"216 250"`` and
    ``"216250"`` are one; so are ``"sc037605"`` and ``"SC037605"``.
    """
    return "".join(number.split()).lstrip("0").upper()


def _check_same_people(
    people: Sequence[Person], signatures: Sequence[Signature]
) -> Iterable[Problem]:
    """Two public people of one name who signed the same letter are most
    likely one signatory recorded twice ("Prof. Jane Example" and "Jane
    Example"), and counted twice.  Different countries tell them apart;
    a person who is not public, or whose name or country is private, is
    never compared on it, nor a signature whose letter is private.
    """
    alike: dict[str, list[Person]] = {}
    for person in people:
        if (
            person.disclosure == "public"
            and person.name
            and "name" not in person.private
        ):
            alike.setdefault(_person_key(person.name), []).append(person)
    # A few only: a name that many people share is a common one (a
    # petition's "Maria Garcia"), whose pairs would bury the others; but
    # one signatory pasted three times from three lists is counted three
    # times ("Jane Example", "Prof Jane Example", "Dr Jane Example PhD").
    shared = [
        same
        for key, same in alike.items()
        if key and 2 <= len(same) <= _FEW_OF_ONE_NAME
    ]
    if not shared:
        return  # the common case: no two public people of one name
    wanted = {person.id for same in shared for person in same}
    letters: dict[str, set[str]] = {}
    for signature in signatures:
        # A letter kept private is never named in the message.
        if signature.signatory in wanted and "letter" not in signature.private:
            letters.setdefault(signature.signatory, set()).add(
                signature.letter
            )
    for other, person, common in _same_signers(shared, letters):
        both = country_of(other) and country_of(person)
        apart = (
            "two people of one name and country may both sign: then leave "
            "them as they are"
            if both
            else "if they are two people, give each their country"
        )
        yield Problem(
            "possible-duplicate",
            f"this person's name is the name of {other.id!r} (at "
            f"{other.location_of('name')}), and both signed {common[0]!r}; "
            "if they are one, keep one record and point the other's "
            f"signatures at it; {apart}",
            person.location_of("name"),
            "$.name",
        )


#: How many public people may share a name and each be said to be another
#: of them (see _check_same_people).
_FEW_OF_ONE_NAME: Final = 5


def _same_signers(
    shared: Iterable[Sequence[Person]], letters: Mapping[str, set[str]]
) -> Iterator[tuple[Person, Person, list[str]]]:
    """Each person of *shared* (people of one name, in the order read)
    after the first, with the first before them who signed a letter they
    signed (the letters, by person, in *letters*) and is not told apart by
    country, and those letters: said once, at the later record.
    """
    for same in shared:
        for i, person in enumerate(same[1:], 1):
            for other in same[:i]:
                if len(same) > 2 and other.name == person.name:
                    # Three or more written alike: a common name, as a
                    # petition has many; written otherwise ("Prof Jane
                    # Example", "Jane Example PhD"), one pasted from lists.
                    continue
                common = sorted(
                    letters.get(other.id, set())
                    & letters.get(person.id, set())
                )
                if common and not _differ_in_country(other, person):
                    yield other, person, common
                    break


def _differ_in_country(one: Person, other: Person) -> bool:
    here, there = country_of(one), country_of(other)
    return here is not None and there is not None and here != there


def _person_key(name: str) -> str:
    """A person's name as compared: as :func:`_name_key` folds it, without
    titles before it or letters after it, as signatory lists add them.

    >>> _person_key("Prof. Dr Jane Example OBE") == _person_key("jane example")
    True
    >>> _person_key("Jane Example, Example University") == "janeexample"
    True
    >>> _person_key("Jane Example Ph.D.") == _person_key("Jane Example")
    True
    """
    if "," in name:
        name = name_alone(name)
    if "." in name:
        # Normalised, "Ph.D." is two words, neither in the list.
        parts = name.split()
        while len(parts) > 1 and _dotted_letters(parts):
            parts.pop()
        name = " ".join(parts)
    words = normalise(name).split()
    if words and words[0] not in _TITLES and words[-1] not in _POSTNOMINALS:
        return "".join(words)  # the common case: a name alone
    # Counted, then cut once: deleting the first word again and again
    # would move the rest each time ("Dr Dr Dr ...").
    first = next(
        (i for i, word in enumerate(words) if word not in _TITLES),
        len(words),
    )
    last = len(words)
    while last - first > 1 and words[last - 1] in _POSTNOMINALS:
        last -= 1
    return "".join(words[first:last])


_NAME_OR_ALIAS: Final = {"name": "name", "aliases": "alias"}


def _name_key(name: str) -> str:
    """A name as compared: folded as lookup() folds it (case, accents,
    apostrophes and punctuation aside), spaces aside too, a leading "the"
    dropped, and "&" or a "+" between spaces read as "and".

    Press releases write "The Example Org" for "Example Org" and "&" for
    "and".  A "+" only counts between spaces: one stuck to a word, as in
    "LGBT+ Example Network", is part of the name, not a conjunction.

    >>> _name_key("The Example Org & Partners")
    'exampleorgandpartners'
    >>> _name_key("Example Org + Partners")
    'exampleorgandpartners'
    >>> _name_key("LGBT+ Example Network")
    'lgbtexamplenetwork'
    >>> _name_key("Theatre for Example Children")
    'theatreforexamplechildren'

    A legal form at the end is dropped too: a list writes "Example Trust
    Ltd" where the charity's own page writes "Example Trust".

    >>> _name_key("Example Trust Ltd."), _name_key("Example Verein e.V.")
    ('exampletrust', 'exampleverein')

    So are an acronym in brackets at the end, as lists print one after
    the name it stands for, and "the" inside the name.

    >>> _name_key("Example Society for the Protection of Rivers (ESPR)")
    'examplesocietyforprotectionofrivers'

    Letters of another alphabet that look like Latin ones, mixed with
    Latin ones, are read as those.

    >>> _name_key("Ex\u0430mple Trust") == _name_key("Example Trust")
    True
    """
    # "Barnardo's" with a Cyrillic o in it is the same name to a reader:
    # one signatory recorded twice, and counted twice.
    name = as_latin(name)
    written = _ACRONYM.sub("", name) if _stands_for(name) else name
    folded = normalise(written.replace("&", " and ").replace(" + ", " and "))
    bare = _LEGAL_FORM.sub("", folded) or folded
    # normalise() leaves no space at either end: "the" is a word.
    return "".join(word for word in bare.split(" ") if word != "the")


#: An acronym in brackets at the end of a name: "(ESPR)", "(N.S.P.C.C.)".
_ACRONYM: Final = re.compile(r"\s*\(((?:[A-Z][a-z]?\.?[&-]?){2,10})\)\s*$")


def _stands_for(name: str) -> bool:
    """Whether *name* ends with an acronym in brackets whose letters are
    the initials of words before it, in order: "(ESPR)" after "Example
    Society for the Protection of Rivers", not "(USA)" after a name with
    no such words, nor a country's code.
    """
    found = _ACRONYM.search(name)
    if found is None:
        return False
    letters = [c for c in found[1] if c.isupper()]
    if len(letters) < 3:
        # Two letters are a country's code as often ("(ET)": Ethiopia):
        # only the initials of every word in capitals before them.
        return len(letters) == 2 and initials(
            name[: found.start()]
        ) == "".join(letters)
    words = iter(
        word[0].upper() for word in name[: found.start()].split() if word
    )
    return all(letter in words for letter in letters)


# Legal forms a name may end with, as normalise() writes them ("e.V." is
# "e v"): UK, US, German, Belgian and French ones, and NGO.
_LEGAL_FORM: Final = re.compile(
    r" (?:ltd|limited|inc|incorporated|llc|plc|cic|cio|scio|e v|ev|"
    r"ggmbh|gmbh|asbl|a s b l|vzw|ngo)$"
)


# Parts of one country that names end with, as a country's own name does
# (see countries._ALIASES): "Children in Scotland" and "Children in Wales"
# are two bodies, though both are in GB.
_COUNTRY_PARTS: Final = frozenset(
    {"england", "scotland", "wales", "northern ireland", "england and wales"}
)


def _place(name: str, bare: str, code: str | None) -> str:
    """The place *name* gives after *bare*, as compared: the part of a
    country it names, else its country's code.

    >>> _place("Children in Wales", "Children in", "GB")
    'wales'
    >>> _place("Example Charity (U.K.)", "Example Charity", "GB")
    'GB'
    """
    whole, start = normalise(name), normalise(bare)
    tail = whole[len(start) :].strip() if whole.startswith(start) else ""
    return tail if tail in _COUNTRY_PARTS else code or ""


def _country_form(name: str) -> str:
    """How *name*, which ends with a country, writes it, for a message."""
    return "in brackets" if name.rstrip().endswith(")") else "after a dash"


#: What tells a record apart from another of its name (see _alike): its
#: country, website and registry numbers, each None or empty when unknown
#: or private.
_Told: TypeAlias = tuple[str | None, str | None, dict[str, str]]

#: How many records of a name alike one record's may be told apart from it
#: before the search for one it may duplicate stops.
_MOST_TOLD_APART: Final = 32


def _told(record: Organisation | Group, told: dict[int, _Told]) -> _Told:
    """What tells *record* apart, worked out once for each record (*told*
    keeps it, by the record's ``id()``): a record compared with many others
    is not read again for each.  A record without a country tells its own
    by its name, when that ends with one in brackets ("Example Charity
    (UK)").
    """
    found = told.get(id(record))
    if found is None:
        country = country_of(record)
        if country is None:
            country = (
                without_country(record.name)[1]
                or ending_country(record.name)[1]
            )
        site = (
            None
            if "website" in record.private
            else _site(getattr(record, "website", None))
        )
        # "0216250" and "216250" are one registry number, written two ways.
        numbers = (
            {}
            if "identifiers" in record.private
            else {
                scheme.upper(): _number(number)
                for scheme, number in getattr(record, "identifiers", ())
            }
        )
        found = told[id(record)] = (country, site, numbers)
    return found


def _alike(one: _Told, other: _Told) -> bool:
    """Whether nothing tells two records of the same name apart: different
    countries, websites or registry numbers (under one scheme), each known
    and shown, would.

    >>> _alike(("GB", None, {}), (None, "example.org", {"uk-charity": "1"}))
    True
    >>> _alike(("GB", None, {"uk-charity": "1"}), (None, None, {"uk-charity": "2"}))
    False
    """
    (here, site, numbers), (there, other_site, other_numbers) = one, other
    if here is not None and there is not None and here != there:
        return False
    if site is not None and other_site is not None and site != other_site:
        return False
    # The fewer numbers are looked up among the more.
    fewer, more = sorted((numbers, other_numbers), key=len)
    return all(
        more.get(scheme, number) == number for scheme, number in fewer.items()
    )


def _site(url: str | None) -> str | None:
    """A website as compared: ``https://www.nspcc.org.uk/`` is
    ``nspcc.org.uk``.
    """
    if url is None:
        return None
    rest = url.split("://", 1)[-1].lower().rstrip("/")
    return rest.removeprefix("www.")


def _check_signed_on(
    registry: Registry, signatures: Sequence[Signature]
) -> Iterable[Problem]:
    """``signed_on`` is for a signature added after its letter was
    published: one on or before the letter's date is most likely a
    mistyped year, or a field given where none was needed.
    """
    return _on_or_before_letter(
        registry,
        signatures,
        "signed_on",
        "signed_on is on or before the date of the letter it signs, but it "
        "is for a signature added after the letter was published: leave it "
        "out for a signature made by then, or check its year",
    )


def _check_withdrawals(
    registry: Registry, signatures: Sequence[Signature]
) -> Iterable[Problem]:
    """A withdrawal dated before the letter it withdraws from makes the
    signature count on no day at all: most likely a mistyped year.
    """
    return _on_or_before_letter(
        registry,
        signatures,
        "withdrawn_on",
        "the signature is withdrawn on or before the date of the letter it "
        "signs, so it counts on no day at all; check the year of "
        "withdrawn_on",
    )


def _on_or_before_letter(
    registry: Registry,
    signatures: Sequence[Signature],
    field: str,
    message: str,
) -> Iterator[Problem]:
    """An ``implausible-date`` for each signature whose date *field* is on
    or before the date of the letter it signs.
    """
    # A private date is not compared: the warning would bound it; nor is
    # the date of a signatory who is not public (or whose name is private),
    # whose signatures' values no message tells.
    date_of = operator.attrgetter(f"comparable_{field}")
    for signature in itertools.compress(signatures, map(date_of, signatures)):
        if not _said_in_the_open(registry.signatory(signature.signatory)):
            continue
        letter = registry.letters.get(signature.letter)
        # A letter known only to the month: sure only before the month.
        published = None if letter is None else letter.comparable_start
        if published is None or date_of(signature) > published:
            continue
        # No date is repeated: the signature may be a hidden person's.
        yield Problem(
            "implausible-date",
            message,
            signature.location_of(field),
            f"$.{field}",
        )


def _named_in_files(root: Path, ids: set[str]) -> set[str]:
    """Those of *ids* that the name of a file anywhere below *root* holds
    as a word (``.sam-example.yaml.swp``), but in ``.git``.
    """
    found: set[str] = set()
    words = re.compile(
        "(?<![a-z0-9-])("
        + "|".join(map(re.escape, sorted(ids)))
        + ")(?![a-z0-9-])"
    )
    for _folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d != ".git"]
        for name in (*names, *subfolders):
            found.update(words.findall(name))
        if len(found) == len(ids):
            break
    return found


def _said_in_the_open(record: object) -> bool:
    """Whether the values of *record*'s signatures may be said in messages:
    it is an organisation, a group or a public person, with its name not
    private (a signature's values could tell who a survivor is).
    """
    return (
        isinstance(record, Organisation | Group)
        or (isinstance(record, Person) and record.disclosure == "public")
    ) and "name" not in record.private


def _check_roles(
    organisations: Sequence[Organisation],
    signatures: Sequence[Signature],
    defined: Mapping[str, IdUse],
) -> Iterable[Problem]:
    """An organisation does not sign as a survivor or a family member: it
    would be counted among them, and in the claims about them; a person or
    a group does not sign as an organisation (*defined*: each id with where
    it is first defined).
    """
    personal = itertools.compress(
        signatures, map(PERSONAL_ROLES.__contains__, map(_ROLE, signatures))
    )
    ids = None
    for signature in personal:
        if ids is None:
            ids = set(map(_ID, organisations))
        if signature.signatory not in ids:
            continue
        what = (
            "the role given here (not shown: private)"
            if "role" in signature.private
            else f"the role {signature.role!r}"
        )
        yield Problem(
            "invalid-value",
            f"this signatory is an organisation, and {what} is one only "
            "people sign in; use role: organisation (or expert or "
            "academic), or record the people who signed as a group",
            signature.location_of("role"),
            "$.role",
        )
    # And the other way round: a person or a group signing as an
    # organisation is counted with the organisations of every claim.
    as_organisation = itertools.compress(
        signatures, map("organisation".__eq__, map(_ROLE, signatures))
    )
    for signature in as_organisation:
        # Only a signatory recorded as a person or a group: one not found
        # has its own error.
        found = defined.get(signature.signatory)
        if found is None or found[1] not in {"person", "group"}:
            continue
        what = (
            "the role organisation"
            if _may_name(signature, "role")
            else "the role given here (not shown: private)"
        )
        yield Problem(
            "invalid-value",
            f"this signatory is not an organisation, so it does not sign in "
            f"{what}; give the role it signed in (survivor, expert, "
            "academic...), or, for someone who signed for an organisation, "
            "capacity: on-behalf-of with on_behalf_of",
            signature.location_of("role"),
            "$.role",
        )


#: The roles that tell of abuse: a survivor's, and their family's, whose
#: name leads to the survivor.
_DISCLOSING_ROLES: Final = frozenset({"survivor", "family-member"})
#: What a public-survivor says to do, in a record's file (import says it
#: in a sheet's words).
UNNAME_SURVIVOR: Final = (
    "record them again under an opaque id, as anonymous (with no name), "
    "or as pseudonym with a name they chose to sign under, never their "
    "own (coalition-registry new person --disclosure anonymous makes one)"
)
CONFIRM_SURVIVOR: Final = "write verification: confirmed-by-signatory"


#: The fewest people a group of survivors may have whose size is public
#: (see _check_named_survivors): the least count a published table shows.
_FEWEST_IN_A_GROUP: Final = 3


def _check_named_survivors(
    people: Sequence[Person],
    signatures: Iterable[Signature],
    groups: Sequence[Group] = (),
    *,
    also_public: Iterable[str] = (),
) -> Iterable[Problem]:
    """A survivor, or a member of a survivor's family, who signs under their
    own name as a public person is named as such in every output, and in
    the registry's history for good: most often a sheet's "public" read as
    "a public letter".  So is one who signs as a group of one or two, whose
    name and size every output shows: choosing the kind group took them
    past every protection of a person.  Not reported once the signatory has
    confirmed the signature (``verification: confirmed-by-signatory``),
    nor when the role is private.  *also_public*: the ids of people whose
    records did not load, but are public as written (see
    :func:`_public_as_written`).
    """
    public = None
    small: dict[str, tuple[int, bool]] = {}
    for signature in signatures:
        if (
            signature.role not in _DISCLOSING_ROLES
            or "role" in signature.private
            or signature.verification == "confirmed-by-signatory"
        ):
            continue
        if public is None:
            # Not one whose name says they are not named: that is the
            # mistake, which placeholder-value tells.
            public = {
                p.id
                for p in people
                if p.disclosure == "public"
                and not (p.name and says_unnamed(p.name))
            } | set(also_public)
            small = {
                g.id: (g.member_count, "name" in g.private)
                for g in groups
                if g.member_count is not None
                and g.member_count < _FEWEST_IN_A_GROUP
                and "member_count" not in g.private
            }
        who = (
            "a survivor"
            if signature.role == "survivor"
            else "a survivor's family member"
        )
        if signature.signatory in small:
            size, unnamed = small[signature.signatory]
            named = "" if unnamed else ", as its name is"
            yield Problem(
                "public-survivor",
                f"a group of {size} signs as {who}, and its size is "
                f"public{named}: a group so small tells who is in it; if "
                f"they did not choose to be known so, {UNNAME_SURVIVOR}, or "
                "keep the group's size private (private: [member_count]); "
                f"if they did, and confirmed it, {CONFIRM_SURVIVOR}",
                signature.location_of("role"),
                "$.role",
            )
            continue
        if signature.signatory not in public:
            continue
        yield Problem(
            "public-survivor",
            f"{who} signs under their own name, which every output shows "
            f"beside the role: if they did not choose to be named, "
            f"{UNNAME_SURVIVOR}; if they did, and confirmed it, "
            f"{CONFIRM_SURVIVOR}",
            signature.location_of("role"),
            "$.role",
        )


def _may_name(signature: Signature, field: str) -> bool:
    """Whether a message may name *field* of a valid signature: not when it
    is private, nor for a signatory with an opaque ``person-`` id, who may
    be a hidden person (the rule of ``Signature.__hide_all__``, for a
    record already built).
    """
    return field not in signature.private and not (
        signature.signatory.startswith("person-")
    )


def records_by_kind(
    results: Iterable[FileRecords],
) -> dict[type[Any], list[Any]]:
    """The valid records of every file, by class, in the order read."""
    by_kind: dict[type[Any], list[Any]] = defaultdict(list)
    for result in results:
        if result.records:  # a file holds records of one kind
            by_kind[type(result.records[0])].extend(result.records)
    return by_kind


K = TypeVar("K")
V = TypeVar("V")


def _first_and_again(
    pairs: Iterable[tuple[K, V]],
) -> tuple[dict[K, V], dict[K, list[V]]]:
    """For each key, its first value; and for the keys given more than once
    (which are rare, so only they get a list), all their values in order.
    """
    first: dict[K, V] = {}
    again: dict[K, list[V]] = {}
    for key, value in pairs:
        seen = first.setdefault(key, value)
        if seen is not value:
            again.setdefault(key, [seen]).append(value)
    return first, again


def _check_refs(
    results: Sequence[FileRecords],
    first: dict[str, IdUse],
    registry: Registry,
) -> Iterable[Problem]:
    refs = list(itertools.chain.from_iterable(r.refs for r in results))
    # Whether each reference names a record of a kind it allows, in C
    # loops: a registry holds a reference or two for every record.
    kind_of = dict(zip(first, map(_KIND, first.values()), strict=True))
    found = map(kind_of.get, map(_HEAD, refs))
    fine = map(operator.contains, map(_KIND, refs), found)
    wrong = itertools.compress(refs, map(operator.not_, fine))
    suggest: _Suggestions | None = None
    hidden_names: frozenset[str] | None = None
    hidden_slugs: frozenset[str] | None = None
    unread: _Unread | None = None
    for target, kinds, path, line, column, pointer, private in wrong:
        if private is None:
            # A name written for an id, reported invalid-id already.
            hidden = kinds == _NAMED_SIGNATORY
            if hidden_names is None:
                hidden_names = _hidden_names(registry)
            if normalise(target) in hidden_names:
                if not hidden:
                    # A private name written for an id in a public record
                    # (a letter's publisher): the file's invalid-id quoted
                    # it, and made an id up from it.
                    yield Problem(
                        "invalid-id",
                        f"{_NAME_FOR_ID}; write the id of the record meant",
                        Location(path, line, column),
                        pointer,
                    )
                continue
            named = _named_record(registry, target, kinds)
            if named is not None:
                where = Location(path, line, column)
                yield _id_of_name(target, named, where, pointer, hidden=hidden)
            continue
        use = first.get(target)
        if unread is None:
            unread = _Unread(results, first)
        if use is None and not unread.folders.isdisjoint(kinds):
            # It may be in a folder that cannot be read, which says so;
            # private or not, since only its kind decides.
            continue
        wanted = _either(kinds)
        if not private and use is None:
            if hidden_slugs is None:
                hidden_slugs = _hidden_names(registry, slugify)
            # A hidden name written as an id ("publisher: jane-example"):
            # quoted, with the id it is like, it would be told.
            hide = target in hidden_slugs
        else:
            hide = bool(private)
        if hide and use is not None:
            # Which kind of record has it tells nothing of whose it is.
            message = (
                f"the id given here (not shown: private) is "
                f"{a(use[1])}'s, but this field needs {a(wanted)}"
                f"{_WRONG_KIND_FIX.get((use[1], wanted), '')}"
            )
        elif hide:
            message = (
                f"no {wanted} has the id given here (not shown: "
                "private); check the id, or add the record"
            )
        elif use is not None:
            message = (
                f"{target!r} is {a(use[1])}, but this field needs {a(wanted)}"
                f"{_WRONG_KIND_FIX.get((use[1], wanted), '')}"
            )
        else:
            if unread.stands_for(target, kinds):
                # The record's own error says what to correct (its id),
                # and that puts this reference right too.
                continue
            elsewhere = unread.file_for(target, kinds)
            if elsewhere is not None:
                message = (
                    f"no {wanted} has the id {target!r} in the files read; "
                    f"{elsewhere}"
                )
            else:
                if suggest is None:
                    suggest = _Suggestions(first)
                close = suggest.close(target, kinds)
                hint = (
                    f"; did you mean {close!r}?"
                    if close is not None
                    else (f"; add the {wanted} or check the id")
                )
                message = f"no {wanted} has the id {target!r}{hint}"
        yield Problem(
            "unknown-reference",
            message,
            Location(path, line, column),
            pointer,
        )


class _Unread:
    """Where a record that references do not find may be: in a file that
    is not read (saved as ``.txt``, or outside the record folders), or
    under an id that is not valid (``example-charity`` with a zero-width
    space after it).  Each has its own problem already; a reference to it
    should say so, or say nothing, rather than that no such record exists.
    Built only when a reference is not found.
    """

    def __init__(
        self, results: Iterable[FileRecords], first: Mapping[str, IdUse]
    ) -> None:
        # The ids that invalid ones were meant to be: the id made valid,
        # and the name of its file.
        self.meant: dict[str, set[str]] = defaultdict(set)
        for record_id, kind, path, *_ in first.values():
            if SLUG.fullmatch(record_id):
                continue
            for meant in (slugify(record_id), _stem_of(path)):
                if SLUG.fullmatch(meant):
                    self.meant[meant].add(kind)
        # Files not read, by the id their name gives.
        self.files: dict[str, Problem] = {}
        # The kinds of record that folders which cannot be read may hold.
        self.folders: set[str] = set()
        for result in results:
            if result.records or len(result.problems) != 1:
                continue
            (problem,) = result.problems
            if (
                problem.code == "file-unreadable"
                and problem.message.startswith("the folder ")
            ):
                self.folders.update(_kinds_in(result.path))
            if problem.location.line or problem.code not in {
                "ignored-file",
                "wrong-folder",
            }:
                continue
            meant = _stem_of(result.path)
            if SLUG.fullmatch(meant):
                self.files.setdefault(meant, problem)

    def stands_for(self, target: str, kinds: Sequence[str]) -> bool:
        """Whether a record with an invalid id was meant to have *target*,
        one of *kinds*.
        """
        return not self.meant.get(target, set()).isdisjoint(kinds)

    def file_for(self, target: str, kinds: Sequence[str]) -> str | None:
        """What to do with a file not read that is named after *target*,
        if there is one.
        """
        problem = self.files.get(target)
        if problem is None:
            return None
        where = problem.location.path
        if problem.code == "ignored-file":
            name = files.name_meant(where.rpartition("/")[2])
            return (
                f"the file {where} may hold it, but is not read: rename it "
                f"to '{name}'"
            )
        folders = _either(
            tuple(
                f"{f}/" for f, cls in FOLDERS.items() if cls.kind_name in kinds
            )
        )
        return (
            f"the file {where} may hold it, but is not in a record folder: "
            f"move it into {folders}"
        )


def _kinds_in(folder: str) -> Iterator[str]:
    """The kinds of record a folder of the registry, as shown, may hold:
    that of the record folder it is, or is in (the last one named, since
    the registry may itself be in a folder called ``people``).

    >>> list(_kinds_in("reg/organisations/ab")), list(_kinds_in("reg/x"))
    (['organisation'], [])
    """
    for part in reversed(folder.split("/")):
        cls = FOLDERS.get(part)
        if cls is not None:
            yield cls.kind_name
            return


def _stem_of(path: str) -> str:
    """The id a record file's name gives: its name without the folder,
    a '.' in front, and the suffixes ('.yaml', '.yml.txt', '.txt').

    >>> _stem_of("reg/organisations/.example-fund.yml.txt")
    'example-fund'
    """
    name = path.rpartition("/")[2].lstrip(".")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        # "x_yaml", or a full-width dot: as the file is told to be named.
        return files.name_meant(name).rpartition(".")[0]
    if suffix.lower() in {"yaml", "yml"}:
        return stem
    inner, dot, suffix = stem.rpartition(".")
    return inner if dot and suffix.lower() in {"yaml", "yml"} else stem


class _Suggestions:
    """The id an unknown reference most likely meant, at a bounded cost.

    Comparing one reference with every id of a registry takes a second at
    a few hundred thousand ids, and a pull request that deletes a record
    signed many times leaves many references to it.  So each reference is
    compared first with the ids that start as it does (a typo seldom
    changes the first letters), and with all of them only while a budget
    of comparisons for the whole run lasts.

    Ids often share a longer start (``person-`` of every opaque id, a
    generated ``org-``): each reference is then compared with at most
    :attr:`NEAR` of the ids that start as it does, those next to it in
    order, which share the longest start with it.  Else a pull request
    that deleted a thousand of a registry's 50,000 pseudonymous people
    compared each of their signatures with all of them (minutes).
    """

    #: Comparisons of whole id lists, for the whole run.
    BUDGET: Final = 200_000
    #: The most ids that start alike one reference is compared with.
    NEAR: Final = 64

    def __init__(self, first: Mapping[str, IdUse]) -> None:
        self.by_kind: dict[str, list[str]] = defaultdict(list)
        for record_id, kind, *_ in first.values():
            # Only ids that are themselves valid: never advise copying a
            # mistake made in the other file.
            if SLUG.fullmatch(record_id):
                self.by_kind[kind].append(record_id)
        self.lists: dict[tuple[str, ...], list[str]] = {}
        self.left = self.BUDGET

    def close(self, target: str, kinds: tuple[str, ...]) -> str | None:
        """The id of one of *kinds* close to *target*, if one is found."""
        everyone = self.lists.get(kinds)
        if everyone is None:
            everyone = self.lists[kinds] = sorted(
                i for k in kinds for i in self.by_kind[k]
            )
        found = _typo_among(target, self.alike(everyone, target))
        if found is None and len(everyone) <= self.left:
            self.left -= len(everyone)
            found = _typo_among(target, everyone)
        return found

    def alike(self, everyone: list[str], target: str) -> list[str]:
        """The ids of *everyone* (in order) that start with *target*'s
        first two letters, at most :attr:`NEAR` of them: those next to
        *target* in order.
        """
        start = target[:2]
        # Ids are written in ASCII: none sorts after this character.
        low = bisect.bisect_left(everyone, start)
        high = bisect.bisect_left(everyone, start + "\U0010ffff", low)
        if high - low <= self.NEAR:
            return everyone[low:high]
        at = bisect.bisect_left(everyone, target, low, high)
        first = min(max(low, at - self.NEAR // 2), high - self.NEAR)
        return everyone[first : first + self.NEAR]


def _replace_invalid_ids(
    problems: list[Problem], across: Sequence[Problem]
) -> list[Problem]:
    """*problems* without the invalid-id problems that a check across
    records gives again, better (see :func:`_id_of_name`), without the
    id-file-mismatch of a copied record, which its duplicate-id says (see
    :func:`_copied`; a copied signature's invalid-id too), and without the
    invalid-id of a signature whose id
    disagrees with its letter or signatory alone, when that one is
    unknown: the id it asks for is made from the typo, and the
    unknown-reference says what to write.
    """
    better = {
        (p.location, p.pointer) for p in across if p.code == "invalid-id"
    }
    copies = {
        p.location
        for p in across
        if p.code == "duplicate-id" and p.message.endswith(COPIED)
    }
    unknown = {
        (p.location.path, *p.pointer.rpartition(".")[::2])
        for p in across
        if p.code == "unknown-reference"
        and p.pointer.endswith((".letter", ".signatory"))
    }
    if not better and not copies and not unknown:
        return problems  # the common case: nothing to look through
    return [
        p
        for p in problems
        if not (
            (p.code == "invalid-id" and (p.location, p.pointer) in better)
            or (
                p.code in {"id-file-mismatch", "invalid-id"}
                and p.location in copies
            )
            or (
                p.code == "invalid-id"
                and p.message.startswith(SIGNATURE_ID)
                and any(
                    (p.location.path, p.pointer.rpartition(".")[0], field)
                    in unknown
                    and p.message.endswith(_SIGNATURE_ID_FIX[field])
                    for field in ("letter", "signatory")
                )
            )
        )
    ]


_MEANT: Final = re.compile(r"; did you mean '([a-z0-9-]+)'\?$")


def _typo_in_signature_id(
    problems: list[Problem], across: list[Problem]
) -> tuple[list[Problem], list[Problem]]:
    """*problems* and *across* with one problem, not two, for a signature
    whose letter (or signatory) is misspelt in its id too, consistently,
    in a file named right: the unknown-reference, which says what was
    meant, also says to correct the id; the id-file-mismatch, which
    offered to rename the file after the typo, goes.
    """
    meant = {}
    for u in across:
        if u.code == "unknown-reference" and u.pointer in {
            "$.letter",
            "$.signatory",
        }:
            found = _MEANT.search(u.message)
            if found is not None:
                meant[u.location.path] = (u, u.pointer[2:], found[1])
    if not meant:
        return problems, across  # the common case
    mended: dict[Problem, Problem] = {}
    kept = []
    for p in problems:
        about = meant.get(p.location.path)
        fix = (
            _mismatch_fix(p.message, *about[1:])
            if about is not None
            and p.code == "id-file-mismatch"
            and p.pointer == "$.id"
            else None
        )
        if about is None or fix is None:
            kept.append(p)
            continue
        u = about[0]
        mended[u] = attrs.evolve(
            u, message=f"{u.message} If so, correct the id too: {fix!r}"
        )
    if not mended:
        return problems, across
    return kept, [mended.get(u, u) for u in across]


def _mismatch_fix(message: str, field: str, meant: str) -> str | None:
    """The id an id-file-mismatch *message* (see :func:`_mismatch`) asks
    for, when it asks for *meant* as the signature's *field*; else
    ``None``.
    """
    found = re.search(
        r"; if this is a new signature, set its letter to '([a-z0-9-]+)', "
        r"its signatory to '([a-z0-9-]+)' and its id to '([a-z0-9-]+)'",
        message,
    )
    if found is None or found[1 if field == "letter" else 2] != meant:
        return None
    return found[3]


# What to do when a record of one kind is named where another is wanted,
# for the mix-ups a volunteer makes (by the kind found, and those wanted).
_WRONG_KIND_FIX: Final = {
    ("coalition", "organisation"): (
        "; a coalition is its members: if it also acts as a body of its "
        "own, record it in organisations/ too, under an id of its own "
        "(ids are unique across kinds), and name that record here"
    ),
    ("coalition", "organisation, person or group"): (
        "; a coalition is its members: if it signs as a body of its own, "
        "record it in organisations/ too, under an id of its own (ids are "
        "unique across kinds), and name that record here, or record each "
        "member's signature"
    ),
    ("group", "organisation"): (
        "; if the group is also an organisation, record it in "
        "organisations/ and name that record here"
    ),
}


def _named_record(registry: Registry, name: str, kinds: Sequence[str]) -> Any:
    """The one public record of *kinds* whose name or alias is *name*
    (folded as :meth:`Collection.lookup` folds it), with a valid id; else
    ``None``.  Lookups never find a private name, nor a person who is not
    public.
    """
    # Not lookup(): on a miss it searches every name for a close one, and
    # a registry can hold thousands of names written for ids.
    found = [
        record
        for collection in registry._collections()  # noqa: SLF001 - one package
        if collection.kind in kinds
        for record in collection.named(name)
    ]
    if len(found) != 1 or SLUG.fullmatch(found[0].id) is None:
        return None
    return found[0]


_NOT_AN_ID: Final = (
    " is not a valid id: use lower-case letters, digits and hyphens"
)
_NAME_FOR_ID: Final = f"the value written here{_NOT_AN_ID}"


def _id_of_name(
    name: str, record: Any, where: Location, pointer: str, *, hidden: bool
) -> Problem:
    """The invalid-id problem for *name* written for an id, naming the id
    of *record*, whose name it is: it replaces the one the file's check
    gave, which could only make an id up from the name (or, when *hidden*,
    said nothing of it).
    """
    shown = _NAME_FOR_ID if hidden else f"{name!r}{_NOT_AN_ID}"
    return Problem(
        "invalid-id",
        f"{shown}; it is the name of the {record.kind_name} {record.id!r}: "
        f"write {record.id!r}",
        where,
        pointer,
    )


def _hidden_names(
    registry: Registry, fold: Callable[[str], str] = normalise
) -> frozenset[str]:
    """The names no output shows, folded as lookups fold them: of people
    who are not public, and the private names and aliases of any record.
    A signatory written as one of them is told nothing (see
    :func:`_check_refs`): naming the public record of that name too would
    tell it.
    """
    collections = registry._collections()  # noqa: SLF001 - one package
    return _hidden_names_of(itertools.chain.from_iterable(collections), fold)


def _hidden_names_of(
    records: Iterable[Any], fold: Callable[[str], str]
) -> frozenset[str]:
    """The names of *records* no output shows, folded by *fold* (see
    :func:`_hidden_names`).
    """
    names = set()
    for record in records:
        private = getattr(record, "private", ())
        if isinstance(record, Person) and record.disclosure != "public":
            private = ("name",)
        if "name" in private and getattr(record, "name", None):
            names.add(fold(record.name))
        if "aliases" in hidden_fields(type(record), private):
            names.update(map(fold, getattr(record, "aliases", ())))
    return frozenset(names)


def hidden_name_test(
    registry: Registry, also: Iterable[str] = ()
) -> Callable[[str], bool]:
    """Whether a name is one no output of *registry* shows (see
    :func:`_hidden_names`), or one of *also* (the names a spreadsheet being
    imported keeps private), as written or as the check for names alike
    compares names (with "The", a legal form or an acronym in brackets):
    a public record of it, written by ``new`` or ``import``, would publish
    it.
    """
    also = list(also)
    names = _hidden_names(registry) | set(map(normalise, also))
    keys = _hidden_names(registry, _name_key) | set(map(_name_key, also))
    return lambda name: normalise(name) in names or _name_key(name) in keys


def _either(kinds: Sequence[str]) -> str:
    """``organisation, person or group``."""
    if len(kinds) == 1:
        return kinds[0]
    return ", ".join(kinds[:-1]) + " or " + kinds[-1]


def _check_double_signatures(
    signatures: Sequence[Signature],
) -> Iterable[Problem]:
    keys = list(
        zip(
            map(_LETTER, signatures),
            map(_SIGNATORY, signatures),
            strict=True,
        )
    )
    if len(set(keys)) == len(keys):
        return
    _, again = _first_and_again(zip(keys, signatures, strict=True))
    withdrawn = (
        " (a withdrawal is recorded with status on the signature there is, "
        "not as a second one)"
    )
    for doubles in again.values():
        # The one in the file named after its id is the one to keep, when
        # only one is (the other was most often added again in a list), or
        # the one of them in its letter's folder, where new ones are made.
        named = [Path(s.location.path).stem == s.id for s in doubles]
        placed = [
            n and s.letter in Path(s.location.path).parent.parts
            for n, s in zip(named, doubles, strict=True)
        ]
        keeper = next(
            (
                marks.index(True)
                for marks in (placed, named)
                if marks.count(True) == 1
            ),
            None,
        )
        for i, signature in enumerate(doubles):
            other = doubles[1 if i == 0 else 0].location
            if keeper is None or len(doubles) > 2:
                said = (
                    f"this signatory signs this letter again at {other}; "
                    "keep one signature per signatory and letter: delete "
                    f"the repeated one{withdrawn}"
                )
            elif i == keeper:
                said = (
                    f"this signatory signs this letter again at {other}; "
                    "keep this signature, whose file is named after it"
                    + (" in its letter's folder" if placed[keeper] else "")
                    + f", and delete that one{withdrawn}"
                )
            else:
                where = "in its letter's folder" if placed[keeper] else ""
                said = (
                    f"this signatory signs this letter already at {other}, "
                    f"the file named after its id{where and ' ' + where}: "
                    f"keep that one, and delete this signature{withdrawn}"
                )
            yield Problem(
                "duplicate-signature",
                said,
                signature.location_of("signatory"),
                "$.signatory",
            )


def _check_on_behalf(
    signatures: Sequence[Signature],
    people: Sequence[Person],
    organisations: Sequence[Organisation],
) -> Iterable[Problem]:
    """A signature on behalf of an organisation that signs the same letter
    in its own name counts that organisation's support twice: once as the
    person who signed for it, once as itself.  A signature that keeps its
    capacity private, or of a person who is not public, is never looked at.
    """
    behalf = [s for s in signatures if s.on_behalf_of is not None and s.active]
    if not behalf:
        return  # the common case
    # Only the records these signatures name are looked at: a petition
    # holds a hundred thousand others.
    targets = {s.on_behalf_of for s in behalf}
    own = {
        (s.letter, s.signatory): s
        for s in signatures
        if s.signatory in targets and s.active and s.capacity != "on-behalf-of"
    }
    if not own:
        return
    signers = {s.signatory for s in behalf}
    # Only people known to be public: one whose record did not load (a
    # country misspelt, a file missing) may be anyone, a survivor too.
    shown = {
        p.id for p in people if p.id in signers and not p.hides_everything
    }
    # Signed for a record of another kind: an error of its own already.
    known = {o.id for o in organisations if o.id in targets}
    for signature in behalf:
        organisation = signature.on_behalf_of
        if (
            organisation not in known
            or signature.signatory not in shown
            or (
                signature.private
                and "on_behalf_of"
                in hidden_fields(Signature, signature.private)
            )
        ):
            continue
        other = own.get((signature.letter, organisation))
        if other is None:
            continue
        yield Problem(
            "possible-duplicate",
            f"this signature is on behalf of {organisation!r}, "
            f"which signs this letter in its own name too (at "
            f"{other.location}); both are counted: if they are one act of "
            "signing, keep one of the two signatures",
            signature.location_of("on_behalf_of"),
            "$.on_behalf_of",
        )


def _name_hidden(
    people: Collection[Person], others: Iterable[Organisation | Group]
) -> dict[str, bool]:
    """Each signatory whose name is not shown, by id, and whether it is a
    person who is not public (else the name alone is private).
    """
    not_public = map(
        operator.ne, map(_DISCLOSURE, people), itertools.repeat("public")
    )
    hidden = dict.fromkeys(
        map(_ID, itertools.compress(people, not_public)), True
    )
    hidden.update(
        (s.id, False)
        for s in itertools.chain(people, others)
        if "name" in s.private and s.id not in hidden
    )
    return hidden


def _check_printed_names(
    people: Sequence[Person],
    others: Iterable[Organisation | Group],
    signatures: Sequence[Signature],
) -> Iterable[Problem]:
    """A signatory whose name is not shown (a person who is not public, or
    a name listed under private) may not be named through a signature.
    """
    hidden = _name_hidden(people, others)
    if not hidden:
        return
    by_hidden = itertools.compress(
        signatures, map(hidden.__contains__, map(_SIGNATORY, signatures))
    )
    for record in by_hidden:
        if (
            record.name_as_printed is not None
            and "name_as_printed" not in record.private
        ):
            who = (
                "a person who is not public"
                if hidden[record.signatory]
                else "a signatory whose name is private"
            )
            yield Problem(
                "name-not-allowed",
                f"this signature is by {who}, so the name it was printed "
                "under must not be shown: remove name_as_printed, or list "
                "it under private",
                record.location_of("name_as_printed"),
                "$.name_as_printed",
            )


def _check_claims(registry: Registry) -> Iterable[Problem]:
    from .aggregate import Figure, claim_figure

    letters = list(registry.letters)
    for letter in letters:
        recs: dict[dt.date | None, Reconciliation] = {}
        # A letter's claims are what it said when published: signatures
        # added later, or withdrawn since, do not make them wrong.  An
        # inferred date is the coverage's, on or after the letter's.
        # A private date is not counted as of (counted as of today).
        published = letter.comparable_date
        start = letter.comparable_start
        # Claims of one measure and roles have one figure on a day, worked
        # out once: each looks at every signature of the letter.
        figures: dict[tuple[str, frozenset[str], dt.date | None], Figure] = {}
        for i, claim in enumerate(letter.claims):
            # Records above a lower bound or a round figure prove nothing
            # wrong; above an exact figure or an upper bound, they do.
            if claim.qualifier not in {"exact", "at-most"}:
                continue
            # A claim is of the day its source stated it ("now signed by
            # 4", in an update), when that is known and not before the
            # letter, which nothing counts before.
            stated = claim.stated_on
            on = (
                stated
                if published is not None
                and stated is not None
                and start is not None
                and stated >= start
                else published
            )
            kind = (claim.measure, frozenset(claim.roles), on)
            figure = figures.get(kind)
            if figure is None:
                figure = figures[kind] = claim_figure(
                    registry, letter.id, claim, on=on
                )
            if figure.known > claim.value:
                # A figure reconcile would hide is not printed here either:
                # worked out only now, once a letter, since a claim is
                # rarely exceeded.
                rec = recs.get(on)
                if rec is None:
                    from .reconciliation import reconcile

                    rec = recs[on] = reconcile(registry, letter.id, on=on)
                hidden = rec.lines[i].suppressed
                if hidden and figure.known - figure.individuals <= claim.value:
                    # Only people who are not public take the figure past
                    # the claim: the warning would bound their hidden count
                    # (over a claim of 1, two of them warned and one did
                    # not), as a table set beside the claim would.
                    continue
                bound = (
                    ("exact", "exactly")
                    if claim.qualifier == "exact"
                    else ("the most", "at most")
                )
                shown = (
                    f"more {claim.measure} than the {claim.value} the "
                    f"claim gives as {bound[0]}"
                    if hidden
                    else f"{figure.known} {claim.measure} where the claim "
                    f"says {bound[1]} {claim.value}"
                )
                yield Problem(
                    "claim-exceeded",
                    f"the records show {shown}; check the records and the "
                    "claim's source",
                    claim.location_of("value"),
                    f"$.claims[{i}].value",
                )


def validate(
    *paths: str | Path,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    cache: str | Path | None = None,
    keep_records: bool = True,
) -> Report:
    """Validate registries, or single files against their registry.

    Args:
        paths: Registry folders, or files inside a registry (each checked
            against the registry whose ``registry.yaml`` is above it).
            Defaults to ``registry_data``.
        limits: Size and depth bounds.
        progress: Told how many files there are and how many are read,
            such as a :class:`~coalition_registry.progress.ProgressBar`.
        cache: A folder where what each file yielded is kept, so that the
            next validation reads again only the files whose bytes changed
            (see :mod:`coalition_registry.cache`).
        keep_records: Whether the report keeps the records read, for
            :meth:`Report.to_registry`.  A validation that only reports
            problems (``keep_records=False``, as the ``validate`` command
            runs) is faster with a cache: when no file's result changed
            since the last, that run's report serves again, and none of
            the records is read back from the cache.

    Returns:
        A report of every problem; never raises for bad data.

    Raises:
        TypeError: When a path is not a ``str`` or a path, such as a list
            of them given as one argument (``validate(*paths)`` takes
            each as an argument of its own).
    """
    given_paths: tuple[object, ...] = paths  # typed, not checked by Python
    for path in given_paths:
        if not isinstance(path, str | os.PathLike):
            given = type(path).__name__
            hint = (
                ": give each path as an argument of its own, validate(*paths)"
                if isinstance(path, Iterable) and not isinstance(path, bytes)
                else ""
            )
            msg = f"validate() takes paths, not {a(given)}{hint}"
            raise TypeError(msg)
    # Millions of small objects make the cyclic collector run again and
    # again for nothing: none of them forms a cycle we keep.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _validate(paths, limits, progress, cache, keep_records)
    finally:
        if collecting:
            gc.enable()
        if progress is not None:
            progress.finish()


def _validate(
    paths: tuple[str | Path, ...],
    limits: Limits,
    progress: Progress | None,
    cache: str | Path | None,
    keep_records: bool,
) -> Report:
    targets = [Path(p) for p in (paths or ("registry_data",))]
    problems: list[Problem] = []
    files_read = 0
    record_count = 0
    info: RegistryInfo | None = None
    all_records: list[Any] = []
    whole: list[Registry | None] = []
    # Each registry is read once, however many of its files are named.
    by_root: dict[Path, tuple[Path, list[Path]]] = {}
    # Files named that are not YAML: a warning beside others (a shell's
    # "organisations/*" names a README too), an error when nothing else
    # was named (a path mistyped in CI would pass, validating nothing).
    not_read: list[Problem] = []
    for target in targets:
        if not target.exists():
            # From Python (a notebook started elsewhere), where the folder
            # a relative path is read from is not in sight.
            here = (
                ""
                if target.is_absolute()
                else " (a relative path is read from the current folder, "
                f"{files.safe_name(os.getcwd())})"
            )
            problems.append(
                Problem(
                    "file-unreadable",
                    f"no such file or folder{here}",
                    Location(files.display_path(target)),
                )
            )
            continue
        refused = _not_readable_as_named(target)
        if refused is not None:
            problems.append(
                Problem(
                    "file-unreadable",
                    refused,
                    Location(files.display_path(target)),
                )
            )
            continue
        if target.is_file() and not target.name.endswith(files.SUFFIXES_TUPLE):
            not_read.append(
                Problem(
                    "ignored-file",
                    "this file is not read: only .yaml and .yml files hold "
                    "records; name a record file or a registry folder",
                    Location(files.display_path(target)),
                )
            )
            continue
        found = files.find_root(target)
        below = (
            sorted(target.glob(f"*/{files.REGISTRY_FILE}"))
            if found is None and target.is_dir()
            else []
        )
        if below:
            # The folder above a registry (a clone's top folder): reading
            # it as one would call every file misplaced.
            names = " or ".join(
                repr(files.display_path(b.parent)) for b in below[:3]
            )
            problems.append(
                Problem(
                    "invalid-registry-file",
                    f"this folder is not a registry (no {files.REGISTRY_FILE} "
                    f"here or in a folder above); validate {names} instead",
                    Location(files.display_path(target)),
                )
            )
            continue
        if found is None and target.is_dir() and not _holds_records(target):
            # Neither a registry nor one being started: reading every YAML
            # file below (a home folder, "/") would take minutes, and
            # report each one as misplaced.
            known = ", ".join(f"{f}/" for f in FOLDERS)
            problems.append(
                Problem(
                    "invalid-registry-file",
                    f"this folder is not a registry: it holds no "
                    f"{files.REGISTRY_FILE} and none of the folders {known}; "
                    "name a registry's folder; to start one here, create "
                    f"{files.REGISTRY_FILE} with name, schema_version and "
                    "data_licence",
                    Location(files.display_path(target)),
                )
            )
            continue
        root = found or (target if target.is_dir() else target.parent)
        by_root.setdefault(root.resolve(), (root, []))[1].append(target)
    problems.extend(
        not_read
        if by_root
        else (attrs.evolve(p, severity=Severity.ERROR) for p in not_read)
    )
    for real_root, (root, named) in by_root.items():
        info, (results, root_problems), registry = _validate_root(
            root, limits, progress, cache, keep_records=keep_records
        )
        if any(t.is_dir() and t.resolve() == real_root for t in named):
            whole.append(registry)
            problems.extend(root_problems)
            if keep_records:
                all_records.extend(
                    r for res in _read(results) for r in res.records
                )
            # A file named like a record but not read is not counted.
            files_read += sum(not _ignored(r) for r in results) + 1
            record_count += sum(r.count for r in results)
            continue
        # Compared as real paths: named from inside the registry, a file
        # is "x.yaml", and the walk from its root shows it as
        # "../organisations/x.yaml"; through a link, as "link/...".
        wanted = _named_in(named, _real_paths(root, real_root))
        problems.extend(p for p in root_problems if wanted(p.location.path))
        inside = [r for r in results if wanted(r.path)]
        info_named = any(t.name == files.REGISTRY_FILE for t in named)
        files_read += sum(not _ignored(r) for r in inside) + info_named
        record_count += sum(r.count for r in inside)
    problems.sort(key=sort_key)
    return Report(
        tuple(problems),
        files_read,
        record_count,
        info,
        tuple(all_records),
        # The registry built for the checks serves load() only when it holds
        # every record reported: one registry folder, validated whole.
        whole[0] if len(whole) == 1 and len(by_root) == 1 else None,
        kept_records=keep_records,
    )


def _exposed(
    results: Sequence[FileRecords],
    entries: Sequence[files.FileEntry],
    root: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> frozenset[str]:
    """The signatories, not known to be public, of signature files with
    problems, whose ids are not opaque.

    A file is checked alone, where only an opaque id (``person-...``) tells
    a signature of a person who is not public, so such files were checked
    as anyone's, their values repeated in messages.  A signatory is known
    to be public when its record loaded as an organisation, a group or a
    public person: one whose id is not opaque but whose record said it is
    not public (``not-opaque-id``), or did not load (a disclosure misspelt,
    the file in the wrong folder, not YAML), may be a survivor.  An id
    that no file gives or is named after is a typo, most likely, and its
    signature is said as anyone's, with the id it is like.  So is one
    whose record did not load but is, as written, plainly said in the open
    (see :func:`_open_as_written`).
    """
    signatories = {
        ref[0]
        for result in results
        # Nearly every file has none: this runs at every validation.
        if result.problems
        for ref in result.refs
        if ref[5].endswith(".signatory") and not OPAQUE_ID.fullmatch(ref[0])
    }
    # A signatory written as a survivor's name, in a file named after the
    # survivor's opaque id: the file is theirs, whatever it says.
    opaque: set[str] = set()
    for entry, result in zip(entries, results, strict=False):
        if (
            result.problems
            and entry.folder == "signatures"
            and entry.problem is None
        ):
            named = _signatories_named(result, entry)
            signatories |= named
            written = {
                ref[0] for ref in result.refs if ref[5].endswith(".signatory")
            }
            # An opaque id names someone who is not public, whether or not
            # their record is there yet: another signatory written in the
            # file may be their name, never to be quoted as a typo.
            opaque.update(n for n in named - written if OPAQUE_ID.fullmatch(n))
    if not signatories:
        return frozenset()
    # A hidden name written as an id ("zyxwquartz-example"), in a file
    # whose name says nothing of whose it is: said of no record, it would
    # be quoted as a typo.
    spelt = frozenset(signatories & _hidden_slugs(results) | opaque)
    given = {use[0] for result in results for use in result.ids} | {
        entry.stem for entry in entries
    }
    unread: set[str] = set()
    if root is not None and signatories - given:
        # A file not read may be the record: an editor's backup or swap
        # file (x.yaml.bak, .x.yaml.swp, x.yaml~), a draft in a hidden
        # folder.  Its signatory may be anyone.
        unread = _named_in_files(root, signatories - given)
        given |= unread
    signatories &= given
    if not signatories:
        return spelt
    public = {
        record.id
        for result in results
        for record in result.records
        if record.id in signatories
        # A signatory whose name is private may be told by its signature's
        # values, as a survivor may (a source's address names it).
        and _said_in_the_open(record)
    }
    unsure = signatories - public - unread
    if unsure:
        public |= _open_as_written(unsure, results, entries, limits)
    return frozenset(signatories - public) | spelt


def _hidden_slugs(results: Sequence[FileRecords]) -> frozenset[str]:
    """The names no output shows, of the records of *results*, as ids
    made from them (see :func:`_hidden_names`).
    """
    records = itertools.chain.from_iterable(r.records for r in results)
    return _hidden_names_of(records, slugify)


def _as_written(
    entry: files.FileEntry, limits: Limits
) -> Iterator[tuple[YMap, str]]:
    """The records of the file *entry* as written, each with its pointer
    (``$``, ``$[2]``), for a file whose records did not load: what the
    checks across records may still need to know of it.
    """
    raw = files.read_bytes(entry.path, entry.shown, limits.max_file_bytes)
    data = (
        None
        if isinstance(raw, Problem)
        else parse(raw, entry.shown, limits).data
    )
    if isinstance(data, YSeq):
        for index, item in enumerate(data):
            if isinstance(item, YMap):
                yield item, f"$[{index}]"
    elif isinstance(data, YMap):
        yield data, "$"


def _open_as_written(
    ids: set[str],
    results: Sequence[FileRecords],
    entries: Sequence[files.FileEntry],
    limits: Limits,
) -> set[str]:
    """Those of *ids* whose records did not load but are, every one as
    written, an organisation's, a group's or a public person's that keeps
    nothing private (see :func:`schema.holds_private`).

    A mistake elsewhere in such a record (a country misspelt) tells
    nothing of who signed, and hiding its signatures' values as a
    survivor's said a public value was private and lost the advice on
    it.  A record in a file that is not YAML, or in a file named after
    the id that gives another, may be anyone's.
    """
    open_: dict[str, bool] = {}
    for entry, result in zip(entries, results, strict=False):
        cls = FOLDERS.get(entry.folder)
        if cls not in (Organisation, Group, Person):
            continue
        defined = {use[0] for use in result.ids if use[0] in ids}
        if entry.stem in ids:
            defined.add(entry.stem)
        if not defined:
            continue
        seen = set()
        for record, _ in _as_written(entry, limits):
            written = record.get("id")
            # A list or a mapping written for an id is no key of a set.
            if isinstance(written, str) and written in defined:
                seen.add(written)
                open_[written] = open_.get(written, True) and not (
                    holds_private(cls, record)
                )
        for unsaid in defined - seen:
            open_[unsaid] = False
    return {id_ for id_, said in open_.items() if said}


def _public_as_written(
    registry: Registry,
    results: Sequence[FileRecords],
    entries: Sequence[files.FileEntry],
    limits: Limits,
) -> set[str]:
    """The ids of the people who sign as survivors or their family, whose
    records did not load (a country misspelt in one), but are, as written,
    public people with a name: ``public-survivor`` is said of their
    signatures at once, not once the other mistake is fixed, by when a
    reviewer may have let the name through.
    """
    people, organisations, groups = (
        registry.people,
        registry.organisations,
        registry.groups,
    )
    wanted = {
        s.signatory
        for s in registry.signatures
        if s.role in _DISCLOSING_ROLES
        and s.signatory not in people
        and s.signatory not in organisations
        and s.signatory not in groups
    }
    found: set[str] = set()
    if not wanted:
        return found
    for entry, result in zip(entries, results, strict=False):
        if (
            entry.folder != Person.folder
            or result.records
            or (entry.problem is not None)
        ):
            continue
        if wanted.isdisjoint({use[0] for use in result.ids} | {entry.stem}):
            continue
        for record, _ in _as_written(entry, limits):
            if (
                # A list or a mapping written for an id is no key of a set.
                isinstance(record.get("id"), str)
                and record.get("id") in wanted
                and record.get("disclosure") == "public"
                and isinstance(name := record.get("name"), str)
                and name.strip()
                and not says_unnamed(name)
            ):
                found.add(record["id"])
    return found


def _printed_names_as_written(
    registry: Registry,
    results: Sequence[FileRecords],
    entries: Sequence[files.FileEntry],
    limits: Limits,
) -> Iterable[Problem]:
    """``name-not-allowed`` for each signature that did not load (another
    mistake in it) but, as written, prints the name of a signatory whose
    name is not shown (see :func:`_check_printed_names`): said at once,
    not once the other mistake is fixed.
    """
    unloaded = [
        entry
        for entry, result in zip(entries, results, strict=False)
        if not result.records
        and result.problems
        and entry.folder == Signature.folder
        and entry.problem is None
        and not any(p.code == "name-not-allowed" for p in result.problems)
    ]
    if not unloaded:
        return
    hidden = _name_hidden(
        registry.people,
        itertools.chain(registry.organisations, registry.groups),
    )
    for entry in unloaded if hidden else ():
        for record, pointer in _as_written(entry, limits):
            private = record.get("private")
            printed = record.get("name_as_printed")
            signatory = record.get("signatory")
            if (
                isinstance(signatory, str)
                and signatory in hidden
                and isinstance(printed, str)
                and printed.strip()
                and not (
                    isinstance(private, YSeq) and "name_as_printed" in private
                )
            ):
                line, column = record.value_pos["name_as_printed"]
                yield Problem(
                    "name-not-allowed",
                    "this signature is by a signatory whose name is not "
                    "shown, so the name it was printed under must not be "
                    "shown: remove name_as_printed, or list it under private",
                    Location(entry.shown, line, column),
                    f"{pointer}.name_as_printed",
                )


def _signatories_named(
    result: FileRecords, entry: files.FileEntry
) -> set[str]:
    """The signatories a signature file's name and its signatures' ids
    name (``<letter>--<signatory>``), whatever their ``signatory`` says.
    """
    named = {use[0] for use in result.ids} | {entry.stem}
    return {i.partition("--")[2] for i in named if "--" in i}


def _hide_signatures_of(
    people: frozenset[str],
    entries: Sequence[files.FileEntry],
    results: list[FileRecords],
    limits: Limits,
) -> bool:
    """Check again, repeating none of their values, the files whose
    signatures are by one of *people*; whether any result changed.
    """
    if not people:
        return False
    changed = False
    for i, (entry, result) in enumerate(zip(entries, results, strict=False)):
        # A file not read as records (a backup, x.yaml.bak) stays unread.
        if (
            entry.problem is not None
            or not result.problems
            or not (
                any(
                    ref[0] in people and ref[5].endswith(".signatory")
                    for ref in result.refs
                )
                or (
                    entry.folder == "signatures"
                    and not people.isdisjoint(
                        _signatories_named(result, entry)
                    )
                )
            )
        ):
            continue
        cls = FOLDERS.get(entry.folder)
        raw = files.read_bytes(entry.path, entry.shown, limits.max_file_bytes)
        if cls is None or isinstance(raw, Problem):
            continue
        results[i] = read_records(
            raw,
            entry.shown,
            cls,
            stem=entry.stem,
            limits=limits,
            digest=result.digest,
            redact=True,
        )
        changed = True
    return changed


def _holds_records(folder: Path) -> bool:
    """Whether *folder*, which has no registry.yaml, looks like a registry
    being started: it has one of the record folders.
    """
    return any((folder / name).is_dir() for name in FOLDERS)


def _ignored(result: FileRecords | Hit) -> bool:
    # A hit is never one: a file not read is not kept in a cache.
    return (
        type(result) is FileRecords
        and not result.records
        and len(result.problems) == 1
        and result.problems[0].code in files.NOT_READ
    )


def _not_readable_as_named(target: Path) -> str | None:
    """Why *target*, named to be validated, can hold no record, when it
    cannot: it is a device or a pipe, or a folder named like a record file
    (reading either would find nothing, and call that valid).
    """
    if target.is_dir():
        if (
            target.name.endswith(files.SUFFIXES_TUPLE)
            and not (target / files.REGISTRY_FILE).is_file()
        ):
            return (
                "this is a folder, not a record file; name a record file or "
                "a registry folder"
            )
        return None
    if not target.is_file():
        return (
            "this is not a file or a folder (a device or a pipe); name a "
            "record file or a registry folder"
        )
    return None


def _real_paths(root: Path, real_root: Path) -> Callable[[str], str]:
    """The real path of a file as the walk of *root* shows it (the root's
    own path as shown, then the path inside it, which has no links the
    walk followed).
    """
    shown_root = files.display_path(root)
    prefix = "" if shown_root == "." else shown_root + "/"

    def real(shown: str) -> str:
        if shown == shown_root:
            return str(real_root)
        if shown.startswith(prefix):
            return os.path.normpath(
                os.path.join(real_root, shown[len(prefix) :])
            )
        return os.path.realpath(shown)

    return real


def _named_in(
    named: list[Path], real: Callable[[str], str]
) -> Callable[[str], bool]:
    """Whether a file, as the walk shows it, is one of the *named* files or
    inside one of the *named* folders: a named file is looked up, not
    compared with each name (pre-commit names every file a change made,
    thousands in an import).
    """
    folders = [files.real_named(t) for t in named if t.is_dir()]
    exact = {files.real_named(t) for t in named}

    def wanted(shown: str) -> bool:
        path = real(shown)
        return path in exact or any(_within(path, f) for f in folders)

    return wanted


def _within(path: str, scope: str) -> bool:
    """Whether *path* is *scope* or inside it (both real paths)."""
    return path == scope or path.startswith(scope.rstrip(os.sep) + os.sep)


def _check_signature_folders(
    entries: Sequence[files.FileEntry],
    results: Sequence[FileRecords],
    shown_root: str,
    letters: set[str],
) -> Iterator[Problem]:
    """A signature in another letter's folder (``signatures/<letter>/``, at
    any depth) would be taken for one of that letter's by whoever reads
    the folders; a bulk import may be anywhere else in ``signatures/``.
    """
    prefix = "" if shown_root == "." else shown_root + "/"
    start = len(prefix) + len("signatures/")
    for entry, result in zip(entries, results, strict=False):
        if entry.folder != "signatures" or not result.records:
            continue
        inside, slash, _ = entry.shown[start:].partition("/")
        if not slash or inside not in letters:
            continue
        for signature in result.records:
            if signature.letter == inside:
                continue
            where = (
                f"signatures/{signature.letter}/"
                if _may_name(signature, "letter")
                else "its letter's folder"
            )
            yield Problem(
                "wrong-folder",
                f"this signature is in the folder of the letter {inside!r}, "
                f"but signs another letter; move it into {where}",
                signature.location_of("letter"),
                "$.letter",
            )


def _validate_root(
    root: Path,
    limits: Limits,
    progress: Progress | None,
    cache: str | Path | None,
    *,
    keep_records: bool = True,
) -> tuple[
    RegistryInfo | None,
    tuple[list[FileRecords | Hit], list[Problem]],
    Registry | None,
]:
    info, problems = _read_info(root, limits)
    about_info = len(problems)
    results: list[FileRecords | Hit] = []
    total = 0
    entries = files.walk(root)
    if progress is not None:
        progress.start(len(entries))
    store = None
    if cache is not None:
        from .cache import Cache

        store = Cache(cache, files.display_path(root), limits)
        exposed = store.published_with(root)
        if exposed is not None:
            warnings.warn(
                f"the cache folder {cache} is inside {exposed}, and git "
                "does not ignore it: the cache holds the registry's data, "
                "private values included, and git add would publish it; "
                "list it in .gitignore, or keep it outside",
                CacheWarning,
                stacklevel=4,
            )
        store.load()
        store.look(entries)
        store.begin(
            [(entry.shown, entry.path) for entry in entries],
            (info, problems),
            reuse=not keep_records,
        )
    for entry, result in zip(
        entries, _read_all(entries, limits, store, progress), strict=False
    ):
        results.append(result)
        total += result.count
        if total > limits.max_records:
            _resolve(store, limits, entries, results)
            problems.extend(p for r in _read(results) for p in r.problems)
            problems.append(
                Problem(
                    "limit-exceeded",
                    f"the registry holds more than {limits.max_records:,} "
                    "records (limit max_records); reading stopped here",
                    Location(entry.shown),
                )
            )
            # The checks across records would see only part of the
            # registry and report false errors: skip them.
            _save(store, cache)
            return info, (results, problems), None
    if store is not None:
        reported = store.reported()
        if reported is not None:
            # No file's result changed since the run that reported this.
            _save(store, cache, reported)
            return info, (results, reported), None
    _resolve(store, limits, entries, results)
    read = _read(results)
    problems.extend(p for r in read for p in r.problems)
    hidden = _hide_signatures_of(
        _exposed(read, entries, root, limits), entries, read, limits
    )
    if hidden:
        problems[about_info:] = [p for r in read for p in r.problems]
    from .registry import Registry

    # A progress of another kind may not have it: it is new.
    checking = getattr(progress, "checking", None)
    if checking is not None:
        checking()
    # Built once: the checks need it, and load() returns it.
    by_kind = records_by_kind(read)
    registry = Registry._of_kinds(by_kind, info)  # noqa: SLF001 - one package
    across = check_registry(read, registry, by_kind)
    # What records that did not load still tell of a private name.
    named = _public_as_written(registry, read, entries, limits)
    if named:
        across.extend(
            _check_named_survivors((), registry.signatures, also_public=named)
        )
    across.extend(_printed_names_as_written(registry, read, entries, limits))
    problems = _replace_invalid_ids(problems, across)
    problems, across = _typo_in_signature_id(problems, across)
    problems.extend(across)
    problems.extend(
        _check_signature_folders(
            entries,
            read,
            files.display_path(root),
            {letter.id for letter in registry.letters},
        )
    )
    # A file checked again with its values hidden was read from its bytes,
    # which a file of the same result may not share: no report is kept.
    _save(store, cache, None if hidden else problems)
    return info, (results, problems), registry if keep_records else None


def _read_all(
    entries: list[files.FileEntry],
    limits: Limits,
    store: Cache | None,
    progress: Progress | None,
) -> Iterator[FileRecords | Hit]:
    """Each file's result, in the order of *entries*, kept by *store* for
    the next run: the files it knows without reading them are taken from
    it here, and only the others are handed to the readers (see
    :func:`workers.read_all`).
    """
    if store is None:
        yield from workers.read_all(
            entries, limits, _read_files, progress=progress
        )
        return
    # Helpers are forked, so they look entries up in the same store.
    read_files = functools.partial(_read_files, store=store)
    finish = functools.partial(_taken, store, limits)
    known = store.known_files()
    read = iter(
        workers.read_all(
            [e for e in entries if e.shown not in known] if known else entries,
            limits,
            read_files,
            progress=progress,
            cached=store.has,
            finish=finish,
        )
    )
    for entry in entries:
        hit = known.get(entry.shown)
        if hit is None:
            yield next(read)
            continue
        taken = finish(entry, hit)
        if progress is not None:
            progress.advance(1, taken.count)
        yield taken


def _resolve(
    store: Cache | None,
    limits: Limits,
    entries: Sequence[files.FileEntry],
    results: list[FileRecords | Hit],
) -> None:
    """Turn the hits the cache left in *results* into the files' results."""
    if store is None:
        return
    for i, result in enumerate(results):
        if type(result) is not FileRecords:  # a Hit
            results[i] = _from_cache(store, limits, entries[i], result)


def _read(results: list[FileRecords | Hit]) -> list[FileRecords]:
    """*results*, resolved (see :func:`_resolve`)."""
    return cast("list[FileRecords]", results)


def _save(
    store: Cache | None,
    cache: str | Path | None,
    reported: Sequence[Problem] | None = None,
) -> None:
    """Write the cache, with what this run *reported*, if there is one; a
    cache that cannot be written is a warning, as it is not the registry's
    problem.
    """
    if store is None:
        return
    try:
        store.save(reported)
    except OSError as e:
        reason = (e.strerror or type(e).__name__).lower()
        warnings.warn(
            f"the cache could not be written in {cache} ({reason}); "
            "the next validation will read again every file this one "
            "read",
            CacheWarning,
            stacklevel=5,
        )
