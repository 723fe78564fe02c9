"""Start a new record file from a template, in the right folder of the
registry: the fields that must be given filled in, every other field shown
as a commented example, and comments that explain each one.

The id is made from --name for organisations, groups, letters (--name is
the title) and public people, with Cyrillic and Greek letters written in
Latin ones; for a name in another script, choose it with --id.  A person
who is not public gets a random, opaque id that is never made from their
name, and their name is never printed.  A signature needs --letter and
--signatory (and --role unless the signatory is an organisation); its file
goes in signatures/<letter>/.

The id made from a name is at most 60 characters long, cut at a word.
Prints the path of the file written; the file is written whole or not at
all.  Exit 0 on success, 1 when the file or id already exists or the file
cannot be written, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import re

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

# Its choices are needed to build the parser; nothing lighter defines them.
from coalition_registry.scaffold import NEW_KINDS

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    UsageError,
    WriteError,
    add_path,
    create_file,
    ids_in,
    intermixed,
    reason,
    refuse_linked_folder,
    registry_root,
)


if TYPE_CHECKING:
    from collections.abc import Iterable

    from coalition_registry.scaffold import Scaffold


HELP = "start a new record file from a commented template"

_SIGNATORY_FOLDERS = ("organisations", "people", "groups")
# The folders whose list files a signature's letter or signatory is in.
_LISTED_FOLDERS = ("letters", *_SIGNATORY_FOLDERS)


def _kind(text: str) -> str:
    """The kind *text* names, in the US spelling, in the plural (as the
    folders are named) or in capitals too; else *text*, for argparse to
    refuse with the list of kinds.
    """
    word = text.strip().lower().replace("organization", "organisation")
    word = _PLURALS.get(word, word)
    return word if word in NEW_KINDS else text


_PLURALS: Final = {
    "organisations": "organisation",
    "people": "person",
    "persons": "person",
    "groups": "group",
    "signatures": "signature",
    "letters": "letter",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``new``."""
    parser.add_argument(
        "kind",
        type=_kind,
        choices=NEW_KINDS,
        help="the kind of record to start",
    )
    add_path(parser)
    parser.add_argument(
        "--name",
        metavar="NAME",
        help="its name (a letter's title; a pseudonymous person's "
        "pseudonym, which is never printed)",
    )
    parser.add_argument(
        "--id",
        metavar="ID",
        dest="record_id",
        help="its id, instead of one made from --name (for a name in a "
        "script such as Chinese or Arabic; not for a signature, nor for a "
        "person who is not public)",
    )
    parser.add_argument(
        "--disclosure",
        choices=("public", "pseudonym", "anonymous"),
        help="for a person: how much may be said about them (required)",
    )
    parser.add_argument(
        "--letter", metavar="ID", help="for a signature: the letter's id"
    )
    parser.add_argument(
        "--signatory",
        metavar="ID",
        help="for a signature: the id of the organisation, group or person",
    )
    parser.add_argument(
        "--role",
        metavar="ROLE",
        help="for a signature: why they signed (default for an "
        "organisation: organisation)",
    )
    intermixed(parser)


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``new``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry import files
    from coalition_registry.model import without_titles
    from coalition_registry.scaffold import ScaffoldError, scaffold
    from coalition_registry.schema import invisible_character, tidied

    root = registry_root(args.path)
    if args.name is not None and invisible_character(args.name) is None:
        # Curly quotes around a name pasted from a document: not part of
        # it.  (An invisible character is refused, below: typed on a
        # command line, it is retyped.)
        args.name = tidied(args.name)
    _check_characters(args)
    ids = ids_in(root)
    public = True
    role = args.role
    if args.kind == "signature":
        public, role = _check_signature(
            root, ids, args.letter, args.signatory, role
        )
    try:
        made = scaffold(
            args.kind,
            name=args.name,
            disclosure=args.disclosure,
            letter=args.letter,
            signatory=args.signatory,
            role=role,
            signatory_public=public,
            taken=ids,
            record_id=args.record_id,
        )
    except ScaffoldError as e:
        raise UsageError(str(e)) from None
    path = root / made.relative_path
    shown = files.display_path(path)
    if path.exists():
        # An id chosen by hand was most likely meant for another record.
        advice = (
            "choose another --id, or, if it is the same record, edit that file"
            if args.record_id is not None
            else "edit it instead"
        )
        print(
            f"{shown} already exists: {advice} (nothing was written)",
            file=io.err,
        )
        return EXIT_INVALID
    if made.id in ids:
        print(
            f"the id {made.id!r} is already used, in "
            f"{files.display_path(root / ids[made.id])}; ids are unique "
            "across the registry (nothing was written)",
            file=io.err,
        )
        return EXIT_INVALID
    if not _valid(made, shown, io):
        return EXIT_INVALID
    refuse_linked_folder(root, path.parent, shown)
    try:
        create_file(path, made.text.encode("utf-8"))
    except FileExistsError:
        print(f"{shown} already exists (nothing was written)", file=io.err)
        return EXIT_INVALID
    except OSError as e:
        raise WriteError(
            f"cannot write {shown}: {reason(e)} (nothing was written)"
        ) from e
    if not _checked(root, path, shown, made.kind, name=args.name, io=io):
        return EXIT_INVALID
    if (
        made.kind == "person"
        and args.disclosure == "public"
        and (alone := without_titles(args.name.strip())) != args.name.strip()
    ):
        print(
            f"the name is written {alone!r}, without its title, so that the "
            "same person signing another letter is one record; write it as "
            "the letter prints it in their signature's name_as_printed",
            file=io.err,
        )
    print(shown, file=io.out)
    return EXIT_OK


def _checked(
    root: Path,
    path: Path,
    shown: str,
    kind: str,
    *,
    name: str | None,
    io: Output,
) -> bool:
    """Check the file just written against the registry: print what
    validation warns of in it (a name a record of the registry has
    already, a title or a country in the name; not that it cites no
    source, which the template says to add), and take it back, saying why,
    when its public name is one the registry keeps private.
    """
    if kind not in {"organisation", "group", "person"}:
        return True
    from coalition_registry.validation import hidden_name_test, validate

    report = validate(root)
    registry = report.to_registry()
    if name:
        written = registry.get(path.stem)
        if (
            written is not None
            and "name" not in getattr(written, "private", ())
            and getattr(written, "disclosure", "public") == "public"
            and hidden_name_test(registry)(name)
        ):
            path.unlink(missing_ok=True)
            # Not repeated: the name is what is kept private.
            print(
                "coalition-registry: error: --name: the name (not shown) is "
                "one the registry keeps private (a private name or alias, "
                "or a pseudonym): a public record would publish it; if it "
                "is that signatory, edit its file (nothing was written)",
                file=io.err,
            )
            return False
    for problem in report.problems:
        if (
            problem.location.path == shown
            and not problem.is_error
            and problem.code != "no-source"
        ):
            print(problem, file=io.err)
    return True


def _check_signature(
    root: Path,
    ids: dict[str, str],
    letter: str | None,
    signatory: str | None,
    role: str | None,
) -> tuple[bool, str | None]:
    """Whether the signatory may be named, and the role to use."""
    from coalition_registry import files

    if not letter or not signatory:
        return True, role
    listed: dict[str, tuple[str, Any]] | None = None
    if not ids.get(letter, "").startswith("letters/"):
        listed = _in_lists(root)
        if listed.get(letter, ("",))[0] != "letters":
            raise UsageError(
                f"no letter has the id {letter!r}"
                + _meant(letter, ids, listed, ("letters",))
                + " (letters are the records in "
                f"{files.display_path(root / 'letters')})"
            )
    signatory_file = ids.get(signatory, "")
    folder = signatory_file.split("/", 1)[0]
    record = None
    if folder not in _SIGNATORY_FOLDERS:
        if listed is None:
            listed = _in_lists(root)
        folder, record = listed.get(signatory, ("", None))
    if folder not in _SIGNATORY_FOLDERS:
        # A volunteer following the guide may start with the signature:
        # say what comes first, and where ids are seen.
        meant = _meant(
            signatory, ids, listed or _in_lists(root), _SIGNATORY_FOLDERS
        )
        raise UsageError(
            f"no organisation, group or person has the id {signatory!r}"
            + (f"{meant} If not, w" if meant else "; w")
            + "rite the signatory's file first (coalition-registry new "
            "organisation, group or person), or check the id against the "
            "file names in "
            + ", ".join(
                files.display_path(root / f) + "/" for f in _SIGNATORY_FOLDERS
            )
        )
    if folder == "organisations" and role is None:
        role = "organisation"
    _check_role(folder, role)
    public = (
        _is_public(root / signatory_file, folder)
        if record is None
        else _shown(record)
    )
    if public and folder == "people" and role in {"survivor", "family-member"}:
        # The file would name them as one in every output (public-survivor).
        raise UsageError(
            f"the signatory is a public person, and a signature as a {role} "
            "would name them as one in every output: if they did not "
            "choose to be named, record them again with coalition-registry "
            "new person --disclosure anonymous, and give that id; if they "
            "did, and confirmed it, write the signature with verification: "
            "confirmed-by-signatory (see docs/errors.md#public-survivor)"
        )
    return public, role


def _check_role(folder: str, role: str | None) -> None:
    """Refuse a role the signatory's kind never signs in, as validate
    would: the file written would not pass.
    """
    from coalition_registry.model import PERSONAL_ROLES

    if folder == "organisations" and role in PERSONAL_ROLES:
        raise UsageError(
            f"the signatory is an organisation, and the role {role!r} is "
            "one only people sign in: give --role organisation (or expert "
            "or academic), or record the people who signed as a group"
        )
    if folder in {"people", "groups"} and role == "organisation":
        raise UsageError(
            "the signatory is not an organisation, so it does not sign in "
            "the role organisation: give the role it signed in (survivor, "
            "expert, academic...)"
        )


def _meant(
    target: str,
    ids: dict[str, str],
    listed: dict[str, tuple[str, Any]],
    folders: Iterable[str],
) -> str:
    """``; did you mean '...'?`` for an id of a record in *folders* close
    to *target*, as validate says it; else nothing.
    """
    from coalition_registry.validation import _typo_among

    within = tuple(folders)
    candidates = sorted(
        {i for i, path in ids.items() if path.split("/", 1)[0] in within}
        | {i for i, (folder, _) in listed.items() if folder in within}
    )
    close = _typo_among(target, candidates)
    return f"; did you mean {close!r}?" if close is not None else ""


def _in_lists(root: Path) -> dict[str, tuple[str, Any]]:
    """The records kept in list files (``letters/letters.yaml``), by id,
    with their folder: read only for an id no file is named after, since
    each file must be opened to tell a list from one record.
    """
    from coalition_registry import files
    from coalition_registry.model import FOLDERS
    from coalition_registry.validation import read_records

    found: dict[str, tuple[str, Any]] = {}
    for entry in files.walk(root):
        # Not the signatures (or coalitions): a registry may have a
        # million, and none is a letter or a signatory.
        if entry.folder not in _LISTED_FOLDERS or entry.problem is not None:
            continue
        try:
            raw = Path(entry.path).read_bytes()
        except OSError:
            continue  # validate says why
        if _LIST.match(raw) is None:
            continue
        records = read_records(raw, entry.shown, FOLDERS[entry.folder])
        for record in records.records:
            found.setdefault(record.id, (entry.folder, record))
    return found


# A file whose first line that is not blank, a comment or a document
# start opens a list.
_LIST: Final = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:[ \t]*(?:#[^\n]*|---[ \t]*)?\r?\n)*[ \t]*-[ \t\r\n]"
)


def _is_public(path: Path, folder: str) -> bool:
    """Whether the signatory in *path* may be named (not when in doubt):
    a person who is public, or any signatory whose name is not private.
    """
    from coalition_registry.model import FOLDERS
    from coalition_registry.validation import read_records

    result = read_records(path.read_bytes(), str(path), FOLDERS[folder])
    return bool(result.records) and all(map(_shown, result.records))


def _shown(record: Any) -> bool:
    """Whether a signatory may be named: a person who is public, or any
    signatory whose name is not private.
    """
    from coalition_registry.model import Person

    return "name" not in record.private and (
        not isinstance(record, Person) or record.disclosure == "public"
    )


# The options whose values the template writes, by the field they fill.
_OPTIONS: Final = {
    "id": "--id",
    "name": "--name",
    "letter": "--letter",
    "signatory": "--signatory",
    "role": "--role",
    "disclosure": "--disclosure",
}
_FIELD_LINE: Final = re.compile(r"([a-z_]+):")


def _check_characters(args: argparse.Namespace) -> None:
    """A usage error for a value given on the command line that holds a
    character no record may hold (a control character pasted from a
    terminal, a line break of some YAML readers only): said of the option,
    not of a line of a file that is never written.
    """
    from coalition_registry.parsing import _FORBIDDEN
    from coalition_registry.schema import invisible_character

    for field, option in _OPTIONS.items():
        value = getattr(args, "record_id" if field == "id" else field, None)
        if value is None:
            continue
        # Neither is named: the value may be a pseudonym, and the message
        # may be pasted where others read.
        if re.search("[\udc80-\udcff]", value):
            # Bytes that are not UTF-8, which Python keeps as surrogates:
            # the terminal sends another encoding.
            raise UsageError(
                f"{option}: the value is not UTF-8 text (the terminal sent "
                "it in another encoding, such as Latin-1); set the "
                "terminal to UTF-8 and type the value again, or write it "
                "in the file"
            )
        if _FORBIDDEN.search(value):
            raise UsageError(
                f"{option}: the value holds a character no record may hold "
                "(a control character, which terminals and editors may not "
                "show, or a line break of some YAML readers only); type the "
                "value again without it"
            )
        if invisible_character(value) is not None:
            # Written, it would only be warned of by every validation
            # after: a file made with it is one to be retyped.
            raise UsageError(
                f"{option}: the value holds an invisible or bidirectional "
                "control character (pasted from a web page or a document, "
                "it can reverse how the line reads, or make two names look "
                "alike); type the value again without it"
            )


def _valid(made: Scaffold, shown: str, io: Output) -> bool:
    """Whether the template validates: it does, unless a value given on
    the command line is refused, which is then said of its option.
    """
    import attrs

    from coalition_registry.model import KINDS
    from coalition_registry.validation import read_records

    result = read_records(
        made.text.encode("utf-8"), shown, KINDS[made.kind], stem=made.id
    )
    errors = [p for p in result.problems if p.is_error]
    lines = made.text.splitlines()
    for problem in errors:
        line = problem.location.line
        field = (
            _FIELD_LINE.match(lines[line - 1])
            if 1 <= line <= len(lines)
            else None
        )
        option = None if field is None else _OPTIONS.get(field.group(1))
        if option is None:
            # At its line's start: the file is not written, and a column
            # inside a value is the length of what comes before it there,
            # a pseudonym's, say, which is never printed.
            where = attrs.evolve(problem.location, column=1)
            print(attrs.evolve(problem, location=where), file=io.err)
        else:
            # The file is never written: its line would point nowhere.
            print(
                f"coalition-registry: error: {option}: {problem.message}",
                file=io.err,
            )
    if errors:
        print(
            "the record would not validate; nothing was written",
            file=io.err,
        )
    return not errors
