"""Finding files: a registry's root, and the record files inside it, safely.

Nothing here parses YAML.  Links that leave the registry, link loops and
unreadable files become problems, never exceptions.
"""

from __future__ import annotations

import os

from pathlib import Path
from typing import Final

import attrs

from .problems import Location, Problem


__all__ = ["REGISTRY_FILE", "FileEntry", "display_path", "find_root", "walk"]

#: The file that marks a registry's root folder.
REGISTRY_FILE: Final = "registry.yaml"
SUFFIXES: Final = frozenset({".yaml", ".yml"})
SUFFIXES_TUPLE: Final = tuple(SUFFIXES)


@attrs.frozen
class FileEntry:
    """A record file found in a registry.

    Attributes:
        path: The file.
        shown: How problems name it.
        folder: The registry folder it is in (``organisations``...), or
            ``""`` for a file directly in the root.
        problem: Why it cannot be read, if it cannot.
    """

    path: str
    shown: str
    folder: str
    problem: Problem | None = None

    @property
    def stem(self) -> str:
        """The file's name without its suffix."""
        name = os.path.basename(self.path)
        return name[: name.rfind(".")]


def display_path(path: Path) -> str:
    """*path* as a user would type it: relative to here when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def find_root(path: Path) -> Path | None:
    """The nearest folder at or above *path* holding ``registry.yaml``."""
    here = path if path.is_dir() else path.parent
    for folder in (here, *here.parents):
        if (folder / REGISTRY_FILE).is_file():
            return folder
    return None


def walk(root: Path) -> list[FileEntry]:
    """Every YAML file below *root*, in a stable order, except the root's
    ``registry.yaml``.  Hidden files and folders (``.git``...) are skipped;
    linked folders are not followed.
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
                items = sorted(it, key=lambda e: e.name)
        except OSError as e:
            entries.append(
                FileEntry(folder, shown, top, _unreadable(shown, e))
            )
            continue
        subfolders = []
        for item in items:
            name = item.name
            if name.startswith("."):
                continue
            path = folder + os.sep + name
            shown_path = shown + "/" + name if shown != "." else name
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
                if not top and name == REGISTRY_FILE:
                    continue
                problem = (
                    _check_link(Path(path), real_root, shown_path)
                    if item.is_symlink()
                    else None
                )
                entries.append(FileEntry(path, shown_path, top, problem))
        stack.extend(reversed(subfolders))
    entries.sort(key=lambda e: e.shown)
    return entries


def _unreadable(shown: str, e: OSError) -> Problem:
    reason = (e.strerror or type(e).__name__).lower()
    return Problem(
        "file-unreadable",
        f"the file cannot be read ({reason}); check its permissions",
        Location(shown),
    )


def _check_link(path: Path, real_root: Path, shown: str) -> Problem | None:
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
    return None


def read_bytes(path: str, shown: str, max_bytes: int) -> bytes | Problem:
    """The file's bytes, or the problem that stops them being read."""
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
            if len(data) > max_bytes:
                size = os.fstat(f.fileno()).st_size
                return Problem(
                    "file-too-large",
                    f"the file has {size:,} bytes, more than the limit of "
                    f"{max_bytes:,} (limit max_file_bytes)",
                    Location(shown),
                )
    except IsADirectoryError:
        return Problem(
            "file-unreadable", "this is a folder, not a file", Location(shown)
        )
    except OSError as e:
        return _unreadable(shown, e)
    return data
