"""The documentation's examples run as doctests, from the repository's root.

``pytest`` collects every ``*.md`` page here (``--doctest-glob``); the
Sphinx configuration and extension are not tests, and the built site is
not collected at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest


ROOT = Path(__file__).parent.parent

collect_ignore = ["conf.py", "_ext"]
collect_ignore_glob = ["_build/*"]


@pytest.fixture(autouse=True)
def _from_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each example where ``registry_data`` is, as the pages assume."""
    monkeypatch.chdir(ROOT)
