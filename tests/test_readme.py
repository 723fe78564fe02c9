"""The README opens with the two commands, and CI runs the second."""

from __future__ import annotations

import re

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
