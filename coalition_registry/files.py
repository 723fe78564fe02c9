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

    path: Path
    shown: str
    folder: str
    problem: Problem | None = None


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
    ``registry.yaml``.  Hidden folders (``.git``...) are skipped.
    """
    real_root = root.resolve()
    entries: list[FileEntry] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(folder)
        for name in sorted(names):
            path = here / name
            if path.suffix not in SUFFIXES or name.startswith("."):
                continue
            if here == root and name == REGISTRY_FILE:
                continue
            rel = path.relative_to(root)
            top = rel.parts[0] if len(rel.parts) > 1 else ""
            entries.append(
                FileEntry(
                    path, display_path(path), top, _check_link(path, real_root)
                )
            )
        # Linked folders are not walked (os.walk does not follow them), but
        # a YAML file behind one would be silently missed: say so.
        entries.extend(
            FileEntry(
                here / d,
                display_path(here / d),
                "",
                Problem(
                    "outside-registry",
                    "this folder is a symbolic link, which is not followed; "
                    "move its files into the registry",
                    Location(display_path(here / d)),
                ),
            )
            for d in dirs
            if (here / d).is_symlink()
        )
    return entries


def _check_link(path: Path, real_root: Path) -> Problem | None:
    if not path.is_symlink():
        return None
    shown = display_path(path)
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


def read_bytes(path: Path, shown: str, max_bytes: int) -> bytes | Problem:
    """The file's bytes, or the problem that stops them being read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Problem(
                "file-too-large",
                f"the file has {size:,} bytes, more than the limit of "
                f"{max_bytes:,} (limit max_file_bytes)",
                Location(shown),
            )
        with path.open("rb") as f:
            return f.read(max_bytes + 1)
    except IsADirectoryError:
        return Problem(
            "file-unreadable",
            "this is a folder, not a file",
            Location(shown),
        )
    except OSError as e:
        reason = e.strerror or type(e).__name__
        return Problem(
            "file-unreadable",
            f"the file cannot be read ({reason.lower()}); check its "
            "permissions",
            Location(shown),
        )
