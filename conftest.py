"""Names every doctest in the package and the docs may use."""

from __future__ import annotations

import pytest

import coalition_registry as cr


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["cr"] = cr
    doctest_namespace["load"] = cr.load
