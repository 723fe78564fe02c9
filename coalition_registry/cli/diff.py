"""Say what changes between two versions of a registry: records added,
changed (which fields) and removed, signatures added and withdrawn, and the
effect on each letter's figures (active signatures, countries, people) and
coverage.  For a reviewer, or as a pull request comment (--format
markdown).

OLD and NEW are registry folders, or a folder at a git revision written
REV:PATH (such as main:registry_data, run inside the git repository).

People who are not public are only counted ("1 anonymous signatory
added"), never named or identified; private fields are counted, never
named; no value is shown.  The figures are not suppressed (a country
newly covered may be one person's): keep the output where the pull
request is seen, and publish figures with coverage or report.

Exit 0, 1 when either side does not validate (its problems are printed),
2 for a usage error (a folder or revision that does not exist).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import tempfile

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TextIO

import attrs

from ._common import EXIT_INVALID, EXIT_OK, Output, UsageError, progress_bar


if TYPE_CHECKING:
    from coalition_registry.problems import Problem
    from coalition_registry.validation import Report


HELP = "say what changes between two versions of a registry"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``diff``."""
    parser.add_argument(
        "old", metavar="OLD", help="the registry before: a folder, or REV:PATH"
    )
    parser.add_argument(
        "new", metavar="NEW", help="the registry after: a folder, or REV:PATH"
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="output format (default: text; markdown for a pull request)",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``diff``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry.changes import as_markdown, as_text, compare
    from coalition_registry.validation import validate

    with contextlib.ExitStack() as stack:
        sides = _sides((args.old, args.new), stack)
        reports = [
            (name, folder, validate(folder, progress=progress_bar(io)))
            for name, folder in sides
        ]
        invalid = [side for side in reports if not side[2].valid]
        for name, folder, report in invalid:
            _print_problems(name, folder, report, io.out)
        if invalid:
            return EXIT_INVALID
        before, after = (report.to_registry() for _, _, report in reports)
        changes = compare(before, after)
        render = as_markdown if args.format == "markdown" else as_text
        io.out.write(render(changes, old=args.old, new=args.new))
    return EXIT_OK


def _print_problems(
    name: str, folder: Path, report: Report, out: TextIO
) -> None:
    """A side's errors, its files named as the user named the side."""
    from coalition_registry import files

    prefix = files.display_path(folder)
    for problem in report.errors:
        print(_renamed(problem, prefix, name), file=out)
    print(
        f"{name} does not validate: {len(report.errors)} error(s); fix "
        "them before comparing",
        file=out,
    )


def _renamed(problem: Problem, prefix: str, name: str) -> Problem:
    """*problem*, its file shown under the side's name."""
    path = problem.location.path
    if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
        shown = name.rstrip("/") + path[len(prefix) :]
        location = attrs.evolve(problem.location, path=shown)
        return attrs.evolve(problem, location=location)
    return problem


# -- the two sides -----------------------------------------------------------


def _sides(
    specs: tuple[str, str], stack: contextlib.ExitStack
) -> list[tuple[str, Path]]:
    """Each side's name and registry folder."""
    # The files one revision wrote, for the other to link to.
    written: dict[str, tuple[bytes, str]] = {}
    return [(spec, _side(spec, stack, written)) for spec in specs]


def _side(
    spec: str,
    stack: contextlib.ExitStack,
    written: dict[str, tuple[bytes, str]],
) -> Path:
    """The registry folder *spec* names, taken out of git if need be
    (*written*: see :func:`_materialise`).
    """
    folder = Path(spec)
    if folder.exists():
        if not folder.is_dir():
            raise UsageError(f"{spec} is not a folder")
        return folder
    rev, colon, path = spec.partition(":")
    if not colon or not rev:
        raise UsageError(
            f"no such folder: {spec} (a git revision is written REV:PATH, "
            "such as main:registry_data)"
        )
    if rev.startswith("-"):
        raise UsageError(f"{rev!r} is not a git revision")
    temp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    _materialise(rev, path or ".", temp, spec, written)
    return temp


def _git_program() -> str:
    git = shutil.which("git")
    if git is None:
        raise UsageError("git is not installed; compare two folders instead")
    return git


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - git, with checked arguments
        [_git_program(), *args], capture_output=True, check=False
    )


def _materialise(
    rev: str,
    path: str,
    dest: Path,
    spec: str,
    written: dict[str, tuple[bytes, str]],
) -> None:
    """Write the folder *path* (relative to here) as it was at *rev* into
    *dest*, byte for byte.

    The files are read from git's object database (``ls-tree`` and
    ``cat-file``), not with ``git archive``, which a ``.gitattributes``
    could make leave a file out or rewrite it: a change under review must
    not be able to hide from its own diff.

    *written* holds, by name, the object and the file of every regular
    file written for the other side, and gets this side's: a file the two
    revisions share is linked to the other side's copy, not written again.
    Two revisions of a large registry share nearly every file, and making a
    file costs far more than linking one (on some disks, writing 220,000
    files took minutes).
    """
    # "./" makes git read the path from the current folder, as a user means
    # it, not from the repository's root.
    relative = path if path.startswith(("./", "../")) else f"./{path}"
    found = _git("rev-parse", "--verify", "--quiet", f"{rev}:{relative}")
    tree = found.stdout.decode("ascii", "replace").strip()
    kind = _git("cat-file", "-t", tree) if found.returncode == 0 else None
    if kind is not None and kind.stdout.strip() == b"blob":
        raise UsageError(
            f"{spec}: {path!r} is a file at {rev}, not a folder: name the "
            "registry's folder"
        )
    if kind is None or kind.stdout.strip() != b"tree":
        raise UsageError(f"{spec}: {_not_found(rev, path)}")
    # --full-tree: from a sub-folder, ls-tree would otherwise list only
    # the entries under that sub-folder's path, found in no registry tree.
    listing = _git("ls-tree", "--full-tree", "-r", "-z", tree)
    if listing.returncode:
        raise UsageError(f"{spec}: git could not read the folder")
    blobs = []
    for item in listing.stdout.split(b"\0"):
        meta, _, name = item.partition(b"\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == b"blob":
            blobs.append((fields[0], fields[2], os.fsdecode(name)))
    blobs = _link_shared(blobs, dest, written)
    batch = subprocess.run(  # noqa: S603 - git, with object ids
        [_git_program(), "cat-file", "--batch"],
        input=b"".join(oid + b"\n" for _, oid, _ in blobs),
        capture_output=True,
        check=False,
    )
    if batch.returncode:
        raise UsageError(f"{spec}: git could not read the folder")
    try:
        _write_blobs(blobs, batch.stdout, dest, written)
    except _MissingBlobError as e:
        raise UsageError(
            f"{spec}: git could not read the folder: {e.name!r} is missing "
            "from the repository's objects (a damaged or partial clone); "
            "run git fsck, or fetch again"
        ) from None


class _MissingBlobError(Exception):
    """A file whose contents git does not have (``<oid> missing``)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _not_found(rev: str, path: str) -> str:
    """Why git has no folder *path* at *rev*, in words that say what to do."""
    if _git("rev-parse", "--git-dir").returncode:
        return (
            "not in a git repository: run this inside the registry's clone, "
            "or compare two folders"
        )
    if _git(
        "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"
    ).returncode:
        # The refspec in full: in a clone of one branch (git clone
        # --branch, --depth), 'git fetch origin main' makes no origin/main.
        return (
            f"{rev!r} is not a branch, tag or commit of this repository "
            "(a shallow clone, as CI makes, may lack it: fetch it first, "
            "such as with 'git fetch --depth=1 origin "
            "main:refs/remotes/origin/main', and name it origin/main)"
        )
    return f"there is no folder {path!r} at {rev}"


def _target(dest: Path, name: str) -> Path | None:
    """Where the file git names *name* goes in *dest*; ``None`` for a
    name that would lead out of it.
    """
    parts = PurePosixPath(name).parts
    if not parts or ".." in parts or PurePosixPath(name).is_absolute():
        return None  # git never stores such a path; never write one
    return dest.joinpath(*parts)


def _make_folder(folder: Path, made: set[Path]) -> None:
    """Make *folder* (and those above it) once: a registry's thousands of
    files share a few folders.
    """
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def _link_shared(
    blobs: list[tuple[bytes, bytes, str]],
    dest: Path,
    written: dict[str, tuple[bytes, str]],
) -> list[tuple[bytes, bytes, str]]:
    """Link each of *blobs* that the other side has as it is (the same
    name and object) to the other side's file; the blobs left to write.
    """
    left = []
    made: set[Path] = set()
    for blob in blobs:
        mode, oid, name = blob
        before = written.get(name)
        target = _target(dest, name)
        if (
            target is not None
            and mode != b"120000"
            and before is not None
            and before[0] == oid
        ):
            _make_folder(target.parent, made)
            try:
                os.link(before[1], target)
            except OSError:
                pass  # a file system without hard links: written below
            else:
                continue
        left.append(blob)
    return left


def _write_blobs(
    blobs: list[tuple[bytes, bytes, str]],
    contents: bytes,
    dest: Path,
    written: dict[str, tuple[bytes, str]],
) -> None:
    """Write what ``git cat-file --batch`` printed for *blobs* into *dest*:
    files first, then symbolic links (which the validator judges).  Each
    regular file is noted in *written*, by name.
    """
    links = []
    made: set[Path] = set()
    at = 0
    for mode, oid, name in blobs:
        header_end = contents.index(b"\n", at)
        header = contents[at:header_end].split()
        if len(header) != 3 or header[1] != b"blob":
            # "<oid> missing", and nothing after it for this file.
            raise _MissingBlobError(name)
        size = int(header[2])
        body = contents[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
        target = _target(dest, name)
        if target is None:
            continue
        if mode == b"120000":
            links.append((target, os.fsdecode(body)))
            continue
        _make_folder(target.parent, made)
        target.write_bytes(body)
        # As text: a Path for each of 220,000 files took 100 MB.
        written.setdefault(name, (oid, os.fspath(target)))
    for target, pointing_to in links:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(pointing_to)
