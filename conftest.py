"""Names the package's own doctests may use without importing them.

The examples in ``coalition_registry``'s docstrings use ``cr`` and ``load``
as if imported.  The examples in README.md and docs/ get nothing: each
imports what it uses, as a reader's fresh Python session must, so a
missing import fails there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import coalition_registry as cr


PACKAGE = Path(__file__).parent / "coalition_registry"


@pytest.fixture(autouse=True)
def _doctest_names(
    request: pytest.FixtureRequest,
    doctest_namespace: dict[str, object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if request.path.is_relative_to(PACKAGE):
        monkeypatch.setitem(doctest_namespace, "cr", cr)
        monkeypatch.setitem(doctest_namespace, "load", cr.load)
