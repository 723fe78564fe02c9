"""Finding files: a registry's root, and the record files inside it, safely.

Nothing here parses YAML.  Links that leave the registry, link loops and
unreadable files become problems, never exceptions.
"""

from __future__ import annotations

import contextlib
import errno
import operator
import os
import re
import stat
import unicodedata

from collections.abc import Callable
from pathlib import Path
from typing import Final

import attrs

from .problems import Location, Problem


__all__ = ["REGISTRY_FILE", "FileEntry", "display_path", "find_root", "walk"]

#: The file that marks a registry's root folder.
REGISTRY_FILE: Final = "registry.yaml"
SUFFIXES: Final = frozenset({".yaml", ".yml"})
SUFFIXES_TUPLE: Final = tuple(SUFFIXES)
#: The folders that hold records (``model.FOLDERS``, named here so that
#: finding files does not import the model).
RECORD_FOLDERS: Final = frozenset(
    {
        "coalitions",
        "groups",
        "letters",
        "organisations",
        "people",
        "signatures",
    }
)
# What editors and spreadsheets add to a name when saving plain text
# (Notepad's ".txt"), and "" for no extension at all.  A file named so in a
# record folder is looked into: it may be a record saved under the wrong
# name.  Other names (README.md, notes.pdf) are never opened.
# JSON among them: a record exported as JSON is YAML too, read once renamed.
_TEXT_EXTENSIONS: Final = frozenset({"", "txt", "text", "csv", "tsv", "json"})
# How much of such a file is read to see whether it holds a record.
_SNIFF_BYTES: Final = 4096


#: The codes of a file that is listed but never read.
NOT_READ: Final = frozenset({"ignored-file", "spreadsheet-in-registry"})


@attrs.frozen
class FileEntry:
    """A record file found in a registry.

    Attributes:
        path: The file.
        shown: How problems name it.
        folder: The registry folder it is in (``organisations``...), or
            ``""`` for a file directly in the root.
        problem: Why it cannot be read, if it cannot (for a file named
            like a record file but not read, ``ignored-file``).
    """

    path: str
    shown: str
    folder: str
    problem: Problem | None = None

    @property
    def ignored(self) -> bool:
        """Whether it is not a record file, only named like one (or a
        spreadsheet, listed to be warned of).
        """
        return self.problem is not None and self.problem.code in NOT_READ

    @property
    def stem(self) -> str:
        """The file's name without its suffix."""
        name = os.path.basename(self.path)
        dot = name.rfind(".")
        return name[:dot] if dot >= 0 else name


def misnamed_registry_file(shown: str, names: list[str]) -> str | None:
    """The path, as shown, of the file among *names* in the registry
    folder *shown* that was meant to be its registry.yaml
    (``Registry.yaml``, ``registry.yml``), if any.

    >>> misnamed_registry_file("reg", ["people", "Registry.YML"])
    'reg/Registry.YML'
    """
    for name in sorted(names):
        if name != REGISTRY_FILE and name.lower() in _REGISTRY_NAMES:
            return name if shown == "." else f"{shown}/{name}"
    return None


_REGISTRY_NAMES: Final = frozenset({"registry.yaml", "registry.yml"})


def display_path(path: Path) -> str:
    """*path* as a user would type it: relative to here when it is relative
    or inside this folder, else absolute (``/tmp/registry`` seen from
    ``/home/me`` is not ``../../tmp/registry``).
    """
    try:
        shown = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return safe_name(str(path))
    if os.path.isabs(path) and (
        shown == os.pardir or shown.startswith(os.pardir + os.sep)
    ):
        shown = os.path.normpath(path)
    return safe_name(shown)


def find_root(path: Path) -> Path | None:
    """The nearest folder at or above *path* holding ``registry.yaml``, but
    not one inside a record folder of a registry above it: the registry
    above reads that ``registry.yaml`` as a record, and so must a check of
    the file alone (named by pre-commit, say).
    """
    here = path if path.is_dir() else path.parent
    # Absolute, so that "." and "x.yaml" have folders above them too; not
    # resolved, so that a registry reached through a link is shown as
    # named, unless ".." follows a link (which only the system can follow).
    here = (
        here.resolve() if ".." in here.parts else Path(os.path.abspath(here))
    )
    found = None
    for folder in (here, *here.parents):
        if (folder / REGISTRY_FILE).is_file() and (
            found is None
            or found.relative_to(folder).parts[0] in RECORD_FOLDERS
        ):
            found = folder
    if found is None:
        return None
    return found if path.is_absolute() else _relative(found)


def _relative(folder: Path) -> Path:
    """*folder* relative to here, as a path named relative to here is shown
    (``../registry``, not ``/home/me/registry``).
    """
    try:
        return Path(os.path.relpath(folder))
    except ValueError:  # pragma: no cover - another drive on Windows
        return folder


def real_named(path: Path) -> str:
    """The real path of the file or folder *path* names, as a walk of its
    registry shows it: the links in its folders followed, but not the link
    a named file may itself be (a link out of the registry is still the
    record file named, which the walk reports as one).
    """
    if path.is_dir():
        return os.path.realpath(path)
    return real_file(os.fspath(path))


def real_file(
    path: str, resolve: Callable[[str], str] = os.path.realpath
) -> str:
    """The real path of the file *path*, its folder resolved by *resolve*
    (a cached :func:`os.path.realpath`, for many files of one folder), its
    own name kept: a file that is a link is the link.
    """
    folder, name = os.path.split(path)
    return os.path.join(resolve(folder or os.curdir), name)


_SHOWN: Final = operator.attrgetter("shown")


def walk(root: Path) -> list[FileEntry]:
    """Every YAML file below *root*, in a stable order, except the root's
    ``registry.yaml``.  Hidden files and folders (``.git``...) are skipped,
    but for a hidden spreadsheet; linked folders are not followed.

    Files that are not read but may have been meant as record files are
    listed too, each with an ``ignored-file`` problem: a name like a YAML
    file's (``x.YAML``, ``.x.yaml``, ``x.yaml.txt``), or, in a record
    folder, a record saved as plain text (``x.txt``, ``x.csv``, ``x``).
    """
    real_root = root.resolve()
    entries: list[FileEntry] = []
    shown_root = display_path(root)
    # Paths are joined as strings: a registry can hold a million files.
    stack = [(os.fspath(root), shown_root, "")]
    while stack:
        folder, shown, top = stack.pop()
        try:
            with os.scandir(folder) as it:
                # Not sorted here: the whole list is, once, at the end.
                items = list(it)
        except OSError as e:
            entries.append(
                FileEntry(folder, shown, top, _unreadable(shown, e, "folder"))
            )
            continue
        subfolders = []
        for item in items:
            name = item.name
            hidden = name.startswith(".")
            # ._name is macOS's note on a file, not a record.  A hidden
            # spreadsheet is published as any other: said (hidden folders
            # are not looked in, as .git is not).
            if (
                hidden
                and (not (top and _yaml_like(name)) or name.startswith("._"))
                and not (
                    _is_spreadsheet(name)
                    and not name.startswith("._")
                    and item.is_file(follow_symlinks=False)
                )
            ):
                continue
            path = folder + os.sep + name
            # Most names need no escaping: skip the pattern for them.
            printable = (
                name
                if name.isascii() and name.isprintable()
                else safe_name(name)
            )
            shown_path = shown + "/" + printable if shown != "." else printable
            if hidden or (
                top and not name.endswith(SUFFIXES_TUPLE) and _yaml_like(name)
            ):
                # A contributor's record that is silently not read would
                # be missing from every count.  "x.yaml.csv" is a
                # spreadsheet, though: renamed, it would not be a record.
                if item.is_file(follow_symlinks=False):
                    problem: Problem | None = (
                        _spreadsheet(shown_path)
                        if _is_spreadsheet(name)
                        else _ignored(shown_path)
                    )
                    entries.append(FileEntry(path, shown_path, top, problem))
                continue
            if item.is_dir(follow_symlinks=False):
                subfolders.append((path, shown_path, top or name))
            elif item.is_symlink() and os.path.isdir(path):
                # A YAML file behind a linked folder would be silently
                # missed: say so.
                entries.append(
                    FileEntry(
                        path,
                        shown_path,
                        top,
                        Problem(
                            "outside-registry",
                            "this folder is a symbolic link, which is not "
                            "followed; move its files into the registry",
                            Location(shown_path),
                        ),
                    )
                )
            elif name.endswith(SUFFIXES_TUPLE):
                if not top and (
                    name == REGISTRY_FILE
                    or (
                        misnamed_registry_file(shown_root, [name])
                        and not os.path.isfile(folder + os.sep + REGISTRY_FILE)
                    )
                ):
                    # registry.yaml, or the file meant for it, which the
                    # validation of registry.yaml names.
                    continue
                if item.is_symlink():
                    problem = check_link(Path(path), real_root, shown_path)
                elif not item.is_file(follow_symlinks=False):
                    # A FIFO or a device: opening it could wait for ever.
                    problem = _not_regular(shown_path)
                else:
                    problem = None
                entries.append(FileEntry(path, shown_path, top, problem))
            elif (
                top in RECORD_FOLDERS
                and _text_extension(name) is not None
                and item.is_file(follow_symlinks=False)
                and _holds_a_record(path)
            ):
                # Notepad saves "x.txt"; a file saved with no extension
                # looks like any other in a file manager: either would be
                # missing from every count, unsaid.  Only these few names
                # cost a read, so a large registry is walked as fast.
                entries.append(
                    FileEntry(
                        path,
                        shown_path,
                        top,
                        _saved_as_text(shown_path, printable),
                    )
                )
            elif _is_spreadsheet(name) and item.is_file(follow_symlinks=False):
                # The list a letter's signatories were imported from,
                # saved beside the records: published with them, with the
                # names of people who are not public.  Never opened.
                entries.append(
                    FileEntry(path, shown_path, top, _spreadsheet(shown_path))
                )
        stack.extend(reversed(subfolders))
    entries.sort(key=_SHOWN)
    return entries


def _yaml_like(name: str) -> bool:
    """Whether a name that is not read could be meant as a record file:
    ``x.YAML``, ``.x.yaml``, ``x.yaml.txt`` (not an editor's swap file).
    """
    lower = name.lower()
    return (
        lower.endswith(SUFFIXES_TUPLE)
        or (
            not name.startswith(".")
            and (".yaml." in lower or ".yml." in lower)
        )
        or _blank_after_suffix(name)
    )


def _blank_after_suffix(name: str) -> bool:
    """Whether *name* ends in ``.yaml`` or ``.yml`` followed only by spaces
    or invisible characters (``x.yaml `` or a zero-width space after it),
    which a file manager does not show.

    >>> [_blank_after_suffix(n) for n in ("x.yaml ", "x.yaml", "x.yaml~")]
    [True, False, False]
    """
    stripped = name
    while stripped and (
        stripped[-1].isspace() or unicodedata.category(stripped[-1]) == "Cf"
    ):
        stripped = stripped[:-1]
    return stripped != name and stripped.lower().endswith(SUFFIXES_TUPLE)


def _text_extension(name: str) -> str | None:
    """The extension of a name a record could have been saved under by
    mistake, in lower case: plain text (``"txt"``, or ``""`` for none) or
    a slip of the keys (``"ymal"``, ``"yamll"``); else ``None``.
    """
    stem, dot_extension = os.path.splitext(name)
    extension = dot_extension[1:].lower()
    if (
        extension not in _TEXT_EXTENSIONS
        and not _slip_of_yaml(extension)
        and not _yaml_written_otherwise(extension)
    ):
        return None
    # A README or a TODO may start with a Markdown heading, which reads as
    # a comment, then "todo: ...": a folder's notes are not records.
    return None if stem.lower() in _NOTES_NAMES else extension


def _yaml_written_otherwise(extension: str) -> bool:
    """Whether *extension* is ``yaml`` or ``yml`` with spaces around it, or
    in full-width letters (as a Japanese or Chinese keyboard types them):
    a file manager shows it as the extension it is not.

    >>> [_yaml_written_otherwise(e) for e in (" yaml", "\uff59\uff41\uff4d\uff4c", "yaml")]
    [True, True, False]
    """
    if extension in {"yaml", "yml"}:
        return False
    plain = unicodedata.normalize("NFKC", extension).strip().lower()
    return plain in {"yaml", "yml"}


def _slip_of_yaml(extension: str) -> bool:
    """Whether *extension* reads as ``yaml`` or ``yml`` mistyped: two
    letters swapped, one left out, added or struck wrong (``ymal``,
    ``yam``, ``yamll``, ``yanl``).  An editor's backup (``yaml~``) is not.

    >>> [_slip_of_yaml(e) for e in ("ymal", "yamll", "yaml~", "xml", "md")]
    [True, True, False, False, False]
    """
    return (
        extension.isalnum()
        and extension[0] == "y"
        and extension not in {"yaml", "yml"}
        and any(_one_slip(extension, word) for word in ("yaml", "yml"))
    )


def _one_slip(typed: str, word: str) -> bool:
    """Whether *typed* is *word* with one letter added, left out, struck
    wrong, or two neighbours swapped.
    """
    if len(typed) != len(word):
        longer, shorter = sorted((typed, word), key=len, reverse=True)
        return len(longer) == len(shorter) + 1 and any(
            longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
        )
    wrong = [
        i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b
    ]
    if len(wrong) == 1:
        return True
    first, *rest = wrong or [0]
    return rest == [first + 1] and (
        typed[first : first + 2] == word[first : first + 2][::-1]
    )


_NOTES_NAMES: Final = frozenset(
    {
        "authors",
        "changelog",
        "contributing",
        "copying",
        "licence",
        "license",
        "notes",
        "notice",
        "readme",
        "todo",
    }
)


# A record's first line: "field:" (a list of records: "- field:") with a
# field named as the schema names them, in lower case.  A README's prose,
# a licence or a spreadsheet's "id,name" header does not start so.
_FIRST_FIELD: Final = re.compile(r"(?:- +)?[a-z][a-z0-9_]*:(?:[ \t]|$)")


def _looks_like_a_record(head: bytes) -> bool:
    r"""Whether *head*, the first bytes of a file, starts like a record file:
    its first line that is not blank, a comment or ``---`` is ``field:``,
    or it is a JSON object (or list of them) with an ``"id"``.

    >>> _looks_like_a_record(b"# Example\nid: example-org\nname: Ex")
    True
    >>> _looks_like_a_record(b"Notes on these records: none yet")
    False
    >>> _looks_like_a_record(b'[\n  {"id": "example-org", "name": "Ex"}')
    True
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")  # Notepad's "Unicode"
    else:
        text = head.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith(("{", "[")):
        return _JSON_ID.search(text) is not None
    for line in text.splitlines():
        content = line.strip()
        if content and content[0] != "#" and content != "---":
            return _FIRST_FIELD.match(line) is not None
    return False


_JSON_ID: Final = re.compile(r'[{,]\s*"id"\s*:')


def _holds_a_record(path: str) -> bool:
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return False  # not readable: nothing to say it is a record
    try:
        return _looks_like_a_record(os.read(fd, _SNIFF_BYTES))
    except OSError:
        return False
    finally:
        os.close(fd)


#: The extensions of spreadsheets, as CSV or as a program saves them.
_SPREADSHEETS: Final = frozenset(
    {".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods", ".numbers"}
)


def _is_spreadsheet(name: str) -> bool:
    """Whether *name* is a spreadsheet's, in any case (``List.CSV``)."""
    return os.path.splitext(name)[1].lower() in _SPREADSHEETS


def _spreadsheet(shown: str) -> Problem:
    """``spreadsheet-in-registry`` for a spreadsheet among the records."""
    return Problem(
        "spreadsheet-in-registry",
        "this spreadsheet is not read, and is published with the registry: "
        "a list of signatories may name people who are not public; keep it "
        "outside the repository (import reads it from anywhere), or delete "
        "it",
        Location(shown),
    )


def _saved_as_text(shown: str, name: str) -> Problem:
    """``ignored-file`` for a record saved as plain text, with the name to
    give it; *name* is the file's printable name.
    """
    extension = os.path.splitext(name)[1]
    why = (
        f"its name ends in '{extension}', not '.yaml'"
        if len(extension) > 1
        else "its name does not end in '.yaml'"
    )
    return Problem(
        "ignored-file",
        f"this file is not read: it looks like a record, but {why}; rename "
        f"it to '{name_meant(name)}', or delete it",
        Location(shown),
    )


_ESCAPE_AFTER_SUFFIX: Final = re.compile(
    r"\.ya?ml(?:\\u[0-9a-f]{4}|\\x[0-9a-f]{2})+$", re.IGNORECASE
)


# "yaml" or "yml" after a mark, at the end of a name: used where the mark
# is not a dot alone ("_yaml", ". yaml"), or the name is not plain ASCII
# there (a full-width dot or letters).
_SUFFIX_WRITTEN_OTHERWISE: Final = re.compile(
    r"([ _.-] *)(ya?ml) *$", re.IGNORECASE
)

# The last '.yaml' or '.yml' inside a name, with more after it.
_INNER_SUFFIX: Final = re.compile(r"\.ya?ml(?=\.[^.]*$)", re.IGNORECASE)


def name_meant(name: str) -> str:
    """The name that *name*, a file not read, was most likely meant to
    have: without a '.' in front, and ending in '.yaml' or '.yml', in lower
    case, with nothing after it.

    >>> [name_meant(n) for n in ("x.yml.txt", ".x.YAML", "x.txt", "x")]
    ['x.yml', 'x.yaml', 'x.yaml', 'x.yaml']
    """
    name = name.lstrip(".")
    inner = _INNER_SUFFIX.search(name)
    if inner is not None:
        return name[: inner.start()] + inner.group().lower()
    # ".yaml" written otherwise: "x_yaml", "x. yaml", or with a full-width
    # dot or letters, which NFKC makes plain one for one.
    folded = unicodedata.normalize("NFKC", name)
    written = (
        _SUFFIX_WRITTEN_OTHERWISE.search(folded)
        if len(folded) == len(name)
        else None
    )
    if (
        written is not None
        and written.start() > 0
        and (written[1] != "." or name[written.start() :] != written[0])
    ):
        return name[: written.start()] + "." + written[2].lower()
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        return f"{name}.yaml"
    if suffix.lower() == "yml":
        return f"{stem}.yml"
    return f"{stem}.yaml"


def _ignored(shown: str) -> Problem:
    name = shown.rpartition("/")[2]
    # The name as shown: an invisible character is written as an escape.
    if _blank_after_suffix(name) or _ESCAPE_AFTER_SUFFIX.search(name):
        why = "its name has a space or an invisible character after '.yaml'"
        fix = "rename it to end in '.yaml', with nothing after it"
    elif name.startswith("."):
        why = "its name starts with '.', which hides it"
        fix = "rename it without the '.' in front"
    elif name.lower().endswith(SUFFIXES_TUPLE):
        why = "only names ending in .yaml or .yml, in lower case, are read"
        fix = "rename it to end in '.yaml'"
    elif (inner := _INNER_SUFFIX.search(name)) is not None:
        # "x.yml.txt": an editor or a download added an extension.
        suffix = inner.group().lower()
        why = f"its name ends in '{name[inner.end() :]}' after '{suffix}'"
        fix = f"rename it to '{name_meant(name)}'"
    else:
        why = "its name does not end in .yaml or .yml"
        fix = "rename it to end in '.yaml'"
    return Problem(
        "ignored-file",
        f"this file is not read: {why}; {fix}, or delete it",
        Location(shown),
    )


def _not_regular(shown: str) -> Problem:
    return Problem(
        "file-unreadable",
        "this is not a regular file (a pipe or a device); replace it by a "
        "file",
        Location(shown),
    )


# Characters a file name must not carry into the output: controls (a
# newline would forge a line; an escape sequence redraws a terminal), bidi
# controls, and bytes that are not UTF-8 (kept by Python as surrogates).
_UNSAFE_IN_NAME: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ud800-\udfff]"
)


def safe_name(name: str) -> str:
    r"""A file name as it may be printed: control and bidirectional characters
    and undecodable bytes written as escapes.

    >>> print(safe_name("a\nb.yaml"), safe_name("caf\udce9.yaml"))
    a\x0ab.yaml caf\xe9.yaml
    """

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE_IN_NAME.sub(escape, name)


# What to do about a file that cannot be read, by the error's number;
# otherwise, check its permissions.
_ADVICE: Final = {
    errno.ENOENT: "it was moved or deleted while being read; run again",
    errno.ENOTDIR: "a folder on its path was moved or replaced while "
    "being read; run again",
    errno.EISDIR: "it is a folder: rename it so that its name does not "
    "end in .yaml",
    errno.ELOOP: "a symbolic link on its path loops; replace it by the file",
    errno.ENAMETOOLONG: "its path is too long; rename it or a folder above it",
}


def _unreadable(shown: str, e: OSError, what: str = "file") -> Problem:
    reason = (e.strerror or type(e).__name__).lower()
    advice = _ADVICE.get(e.errno or 0, "check its permissions")
    return Problem(
        "file-unreadable",
        f"the {what} cannot be read ({reason}); {advice}",
        Location(shown),
    )


def linked_folder(root: Path, folder: Path) -> Path | None:
    """The first folder from *root* down to *folder* that is a symbolic
    link, which :func:`walk` does not follow, if one is: a file written
    under it would not be read (or would be written outside the registry).
    """
    try:
        parts = folder.relative_to(root).parts
    except ValueError:
        return None
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def check_link(path: Path, real_root: Path, shown: str) -> Problem | None:
    """Why a symbolic link may not be followed, if it may not."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(
            "file-unreadable",
            "this symbolic link is broken or loops; replace it by the file",
            Location(shown),
        )
    if not target.is_relative_to(real_root):
        return Problem(
            "outside-registry",
            "this symbolic link points outside the registry folder; "
            "replace it by the file itself",
            Location(shown),
        )
    if not target.is_file():
        return _not_regular(shown)
    if target == real_root / REGISTRY_FILE:
        # Read as a record, it would be told it has no id, and fields
        # no record has.
        return Problem(
            "outside-registry",
            f"this symbolic link points to the registry's {REGISTRY_FILE}, "
            "which is no record; delete the link",
            Location(shown),
        )
    return None


try:
    # hashlib's own blake2b, without hashlib loading OpenSSL (20 ms) first.
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b as _blake2b

#: The BLAKE2b hash, for digests that are not worth loading OpenSSL for.
blake2b = _blake2b

# Opening a pipe for reading would wait for a writer: never wait.
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
_CHUNK: Final = 1024 * 1024


def digest(raw: bytes, path: str = "") -> str:
    r"""A digest of a file's bytes and of its name (the last part of
    *path*), to know it again (not for security).

    The name counts because what a file yields depends on it (its id must
    match it), and two names can be shown alike (a byte that is not UTF-8
    and the character of that number are both shown as ``\x85``).
    """
    h = blake2b(os.fsencode(os.path.basename(path)) + b"\0", digest_size=16)
    h.update(raw)
    return h.hexdigest()


# How a temporary file is made: new (never another's), not through a link,
# and not passed on to programs this one starts.
TEMP_FLAGS: Final = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOINHERIT", 0)
)


def temp_name(folder: str, prefix: str) -> str:
    """A random name for a temporary file in *folder*, not made yet: make
    it with :func:`create`, which can take it back, as it knows the name
    (``tempfile.mkstemp``'s is lost with its return).
    """
    return os.path.join(folder, f"{prefix}{os.urandom(6).hex()}.tmp")


def create(path: str, flags: int = TEMP_FLAGS, mode: int = 0o600) -> int:
    """Make the new file *path* with ``os.open`` and return its descriptor.

    Ctrl+C (or SIGTERM) during the call is raised as the call returns, once
    the file is made: the file is then removed, and none is left behind.
    """
    try:
        return os.open(path, flags, mode)
    except OSError:
        raise  # not made: nothing to take back
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def read_bytes(
    path: str,
    shown: str,
    max_bytes: int,
    stats: list[os.stat_result] | None = None,
) -> bytes | Problem:
    """The file's bytes, or the problem that stops them being read; the
    ``fstat`` of the file read is appended to *stats*, if given.
    """
    # os.open and os.read, not open(): a registry can hold a million small
    # files, and the file objects cost more than the reading.
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as e:
        return _unreadable(shown, e)
    try:
        info = os.fstat(fd)
        if stats is not None:
            stats.append(info)
        if stat.S_ISDIR(info.st_mode):
            return Problem(
                "file-unreadable",
                "this is a folder, not a file",
                Location(shown),
            )
        if not stat.S_ISREG(info.st_mode):
            return _not_regular(shown)
        # Ask for what the file holds (plus one, to see a file that grew),
        # never for the limit: read(n) allocates n bytes first.
        want = min(info.st_size, max_bytes) + 1
        data = os.read(fd, want)
        if data and len(data) != info.st_size:
            # A short read (a network file system), or more than fstat said
            # (the file grew, or gives no size, as /proc does): read on to
            # its end, or past the limit, a megabyte at most at a time.
            chunks = [data]
            got = len(data)
            while got <= max_bytes and (
                more := os.read(fd, min(max_bytes + 1 - got, _CHUNK))
            ):
                chunks.append(more)
                got += len(more)
            data = b"".join(chunks) if len(chunks) > 1 else data
    except OSError as e:
        return _unreadable(shown, e)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        size = max(info.st_size, len(data))
        return Problem(
            "file-too-large",
            f"the file has {size:,} bytes, more than the limit of "
            f"{max_bytes:,} (limit max_file_bytes)",
            Location(shown),
        )
    return data
