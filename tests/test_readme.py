"""
The README opens with the two commands, and CI runs the second; its
validation example is what the validator prints.
"""

from __future__ import annotations

import io
import re

from pathlib import Path

from coalition_registry import cli
from conftest import ROOT


def commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_two_commands() -> None:
    first, second = commands()[:2]
    head = (ROOT / "README.md").read_text()[:600]
    assert first in head
    assert second in head
    assert "coalition-registry validate registry_data" in first
    assert "coalition-registry coverage registry_data" in first
    assert "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands()[1] in ci
    assert commands()[0] in ci


def validation_example() -> tuple[str, str]:
    """The text of "What validation tells you" and its ``text`` block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## What validation tells you\n")[1].split("\n## ")[0]
    shown = re.findall(r"```text\n(.+?)```", section, re.DOTALL)
    assert len(shown) == 1
    return section, shown[0]


def test_validation_example_is_what_validate_prints(
    shipped_copy: Path,
) -> None:
    """The two mistakes the README describes, made in Barnardo's file in a
    copy of the shipped data, make the validator print the block shown.
    """
    section, shown = validation_example()
    assert "`hq_country: UK`" in section
    assert "`hq_contry: GB`" in section
    barnardos = shipped_copy / "organisations" / "barnardos.yaml"
    text = barnardos.read_text(encoding="utf-8")
    assert 'hq_country: "GB"\n' in text
    barnardos.write_text(
        text.replace('hq_country: "GB"\n', "hq_country: UK\nhq_contry: GB\n"),
        encoding="utf-8",
    )
    out = io.StringIO()
    code = cli.run(["validate", "registry_data"], stdout=out, stderr=out)
    assert (1, shown) == (code, out.getvalue())
