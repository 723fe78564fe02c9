"""Licences: whether a registry's ``data_licence`` is an SPDX licence
expression, read against the SPDX License List.

A licence is what reusers of the data rely on, so ``TBD``, ``none`` or
``CC-BY-5.0`` (no such licence) must not pass as one, as any word shaped
like an id did.  The package ships the list's ids, and its exceptions'
(``coalition_registry/data/spdx.tsv``, from the ``spdx-license-ids`` and
``spdx-exceptions`` packages; ``data/SPDX-SOURCE.md`` says which versions
and how to make it again).  A library that parses SPDX expressions,
``license-expression``, would bring its own copy of the list and a
parser of 1,700 lines for one field of one file: the grammar of an
expression is small enough to read here.

Ids are matched without regard to case, as the SPDX specification says;
a licence not (yet) on the list is written ``LicenseRef-`` and a name.

>>> problem("CC-BY-4.0 OR ODbL-1.0") is None
True
>>> problem("CC-BY-5.0")
"'CC-BY-5.0' is not an SPDX licence id (did you mean 'CC-BY-4.0'?)"
"""

from __future__ import annotations

import functools
import re

from typing import Final


__all__ = ["is_known", "problem"]

# Words, brackets, and the '+' after an id ("GPL-2.0+": or any later).
_TOKEN: Final = re.compile(r"\s*(\(|\)|[^\s()]+)")
_OPERATORS: Final = frozenset({"AND", "OR", "WITH"})
# An id of one's own: LicenseRef-<name>, DocumentRef-<doc>:LicenseRef-<name>.
_OWN: Final = re.compile(
    r"(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+"
)


@functools.cache
def _table() -> dict[str, tuple[str, str]]:
    """Each id, in lower case, to its spelling and kind (``licence``,
    ``exception``, or either deprecated).
    """
    from importlib.resources import files

    text = (files("coalition_registry") / "data" / "spdx.tsv").read_text(
        encoding="utf-8"
    )
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, kind = line.partition("\t")
            out[name.lower()] = (name, kind)
    return out


def is_known(name: str, *, exception: bool = False) -> bool:
    """Whether *name* is an id of the SPDX License List (of its exceptions,
    with *exception*), in any case.

    >>> is_known("cc0-1.0"), is_known("Classpath-exception-2.0")
    (True, False)
    """
    found = _table().get(name.lower())
    return found is not None and found[1].endswith(
        "exception" if exception else "licence"
    )


def _meant(name: str, *, exception: bool) -> str:
    """A ' (did you mean ...?)' for a *name* not on the list, or ''.

    Only an id of the same licence is suggested, in another version
    (``CC-BY-5.0``: ``CC-BY-4.0``, the latest) or with its version
    (``CC0``: ``CC0-1.0``): a close spelling may be other terms
    (``OGL-3.0`` is not ``OSL-3.0``, nor ``CC-BY-2.0-UK``
    ``CC-BY-SA-2.0-UK``), which no one should take on a suggestion.

    >>> _meant("cc-by", exception=False), _meant("OGL-3.0", exception=False)
    (" (did you mean 'CC-BY-4.0'?)", '')
    """
    wanted = "exception" if exception else "licence"
    family = _family(name)
    same = [
        spelt
        for spelt, kind in _table().values()
        # Deprecated ids are not suggested.
        if kind == wanted and _family(spelt) == family
    ]
    if not same:
        return ""
    latest = max(same, key=_version)
    return f" (did you mean {latest!r}?)"


def _family(name: str) -> tuple[str, ...]:
    """An id's parts but its version, folded: ``CC-BY-4.0`` is
    ``('cc', 'by')``, ``CC-BY-3.0-DE`` ``('cc', 'by', 'de')``.
    """
    return tuple(
        part
        for part in name.lower().removesuffix("+").split("-")
        if not _VERSION.fullmatch(part)
    )


def _version(name: str) -> tuple[int, ...]:
    """An id's version, as numbers to compare: ``CC-BY-4.0`` is (4, 0)."""
    for part in name.split("-"):
        if _VERSION.fullmatch(part):
            return tuple(int(n) for n in part.split("."))
    return ()


_VERSION: Final = re.compile(r"\d+(?:\.\d+)*")


def problem(text: str) -> str | None:
    """What is wrong with *text* as an SPDX licence expression, in words
    that quote it; ``None`` when it is one.

    >>> problem("(MIT OR Apache-2.0")
    'a bracket opened is not closed'
    >>> problem("GPL-2.0-only WITH Classpath-exception-2.0") is None
    True
    >>> problem("LicenseRef-Example-Terms") is None
    True
    """
    parts = _TOKEN.findall(text)
    depth = 0
    operand = True  # an id or '(' comes next
    after_with = False
    for part in parts:
        word = part.upper() if part.upper() in _OPERATORS else part
        if operand:
            if part == "(" and not after_with:
                depth += 1
                continue
            if part == ")" or word in _OPERATORS:
                return f"{part!r} is where a licence id belongs"
            name = part.removesuffix("+")
            if after_with:
                if not is_known(name, exception=True):
                    return (
                        f"{part!r} is not an SPDX licence exception"
                        f"{_meant(name, exception=True)}"
                    )
            elif not (_OWN.fullmatch(name) or is_known(name)):
                return (
                    f"{part!r} is not an SPDX licence id"
                    f"{_meant(name, exception=False)}"
                )
            operand = after_with = False
        elif part == ")":
            if depth == 0:
                return "a bracket is closed that was not opened"
            depth -= 1
        elif word in _OPERATORS:
            operand, after_with = True, word == "WITH"
        else:
            return (
                f"{part!r} follows a licence id where AND, OR or WITH belongs"
            )
    if not parts or operand:
        return "a licence id is missing at the end"
    if depth:
        return "a bracket opened is not closed"
    return None
