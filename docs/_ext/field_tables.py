"""The field tables of docs/data-format.md, generated from the records'
own description of their fields (the one the validator reads), and written
into the page itself, so that it reads whole where Markdown is shown as it
is (on GitHub, in an editor), not only once Sphinx has built it.

Each table sits between two comments naming its class::

    <!-- field-table Letter -->

    | field | type | required | meaning | example |
    ...

    <!-- end field-table -->

The documentation build writes each table afresh from the code as it reads
the page (see ``registry_docs``), and a test fails when the page's own
copy is out of date.  Run ``python docs/_ext/field_tables.py`` to bring it
up to date.

Only the standard library, attrs and this package: the tests import it
without Sphinx.
"""

from __future__ import annotations

import re
import sys

from pathlib import Path
from typing import Any, Final

import attrs

from coalition_registry.model import KINDS, PARTS, RegistryInfo
from coalition_registry.schema import yaml_fields


#: Every class that has a field table, by the name its comment gives.
RECORD_CLASSES: Final[dict[str, type[Any]]] = {
    cls.__name__: cls for cls in (RegistryInfo, *KINDS.values(), *PARTS)
}
#: The page that holds them.
PAGE: Final = Path(__file__).resolve().parent.parent / "data-format.md"

_BLOCK: Final = re.compile(
    r"^<!-- field-table (?P<name>\w+) -->\n(?P<table>.*?)"
    r"^<!-- end field-table -->$",
    re.MULTILINE | re.DOTALL,
)


def cell(text: str) -> str:
    """Markdown that may sit in a table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    lines.extend("| " + " | ".join(cell(c) for c in r) + " |" for r in rows)
    return "\n".join(lines)


def _show_default(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def field_rows(cls: type[Any]) -> list[list[str]]:
    """The rows of *cls*'s field table, as Markdown cells."""
    defaults = {a.name: a.default for a in attrs.fields(cls)}
    rows = []
    for name, spec in yaml_fields(cls).items():
        meaning = spec.doc.replace("<", "&lt;").replace(">", "&gt;")
        default = defaults[name]
        if default not in (None, (), attrs.NOTHING):
            meaning += f" Default: `{_show_default(default)}`."
        if not spec.private_ok and name != "private":
            meaning += " Cannot be made private."
        rows.append(
            [
                f"`{name}`",
                spec.type.describe(),
                "yes" if spec.required else "no",
                meaning,
                f"`{spec.example}`" if spec.example else "",
            ]
        )
    return rows


def field_table(cls: type[Any]) -> str:
    """*cls*'s field table as Markdown."""
    header = ["field", "type", "required", "meaning", "example"]
    return table(header, field_rows(cls))


def render(text: str) -> tuple[str, list[str]]:
    """*text* with each field table written afresh, and the names of the
    classes whose tables it holds.

    Raises:
        ValueError: When a table names no record class.
    """
    names: list[str] = []

    def fresh(found: re.Match[str]) -> str:
        name = found["name"]
        cls = RECORD_CLASSES.get(name)
        if cls is None:
            msg = f"{name!r} is not a record class; use one of: " + ", ".join(
                RECORD_CLASSES
            )
            raise ValueError(msg)
        names.append(name)
        # Blank lines around the table: a comment right below it would be
        # read as one more row by some Markdown readers.
        return (
            f"<!-- field-table {name} -->\n\n{field_table(cls)}\n\n"
            "<!-- end field-table -->"
        )

    return _BLOCK.sub(fresh, text), names


def main() -> int:
    """Bring the page's tables up to date; say whether they changed."""
    text = PAGE.read_text(encoding="utf-8")
    fresh, _ = render(text)
    if fresh == text:
        print(f"{PAGE.name}: the field tables are up to date")
        return 0
    PAGE.write_text(fresh, encoding="utf-8")
    print(f"{PAGE.name}: field tables written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
