"""Tests for coalition_registry.licences: SPDX licence expressions."""

from __future__ import annotations

from importlib.resources import files

import pytest

from hypothesis import given
from hypothesis import strategies as st

from coalition_registry import licences


def _ids(kind: str) -> list[str]:
    text = (files("coalition_registry") / "data" / "spdx.tsv").read_text(
        encoding="utf-8"
    )
    rows = [line.split("\t") for line in text.splitlines()[1:]]
    return [name for name, k in rows if k == kind]


def test_the_table_holds_the_licences_a_registry_of_data_uses() -> None:
    assert len(_ids("licence")) > 600
    for name in ("CC-BY-4.0", "CC0-1.0", "ODbL-1.0", "PDDL-1.0", "ODC-By-1.0"):
        assert licences.is_known(name)
    assert licences.is_known("Classpath-exception-2.0", exception=True)


@pytest.mark.parametrize(
    "text",
    [
        "CC-BY-4.0",
        "cc-by-4.0",  # ids are matched in any case, as SPDX says
        "CC-BY-4.0 OR ODbL-1.0",
        "(CC-BY-4.0 AND ODbL-1.0) OR CC0-1.0",
        "GPL-2.0+",
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "LicenseRef-Example-Terms",
        "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
        "GPL-2.0",  # deprecated, but an id a registry may have used
    ],
)
def test_an_expression_is_accepted(text: str) -> None:
    assert licences.problem(text) is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("TBD", "'TBD' is not an SPDX licence id"),
        ("none", "'none' is not an SPDX licence id"),
        (
            "CC-BY-5.0",
            (
                "'CC-BY-5.0' is not an SPDX licence id (did you mean "
                "'CC-BY-4.0'?)"
            ),
        ),
        ("(((MIT", "a bracket opened is not closed"),
        ("MIT)", "a bracket is closed that was not opened"),
        ("MIT OR", "a licence id is missing at the end"),
        ("OR MIT", "'OR' is where a licence id belongs"),
        ("MIT Apache-2.0", "'Apache-2.0' follows a licence id where AND"),
        ("MIT WITH foo", "'foo' is not an SPDX licence exception"),
        # An exception is not a licence, nor a licence an exception.
        ("Classpath-exception-2.0", "is not an SPDX licence id"),
        ("MIT WITH Apache-2.0", "is not an SPDX licence exception"),
    ],
)
def test_a_mistake_is_said(text: str, said: str) -> None:
    found = licences.problem(text)
    assert found is not None
    assert said in found


def test_every_id_is_an_expression() -> None:
    for name in _ids("licence") + _ids("deprecated-licence"):
        assert licences.problem(name) is None, name
        assert licences.problem(f"({name.lower()}) OR MIT") is None, name


@given(st.text(max_size=40))
def test_any_text_is_an_expression_or_said_not_to_be(text: str) -> None:
    found = licences.problem(text)
    assert found is None or found


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("CC0", "CC0-1.0"),
        ("ODbL", "ODbL-1.0"),
        ("cc-by-sa", "CC-BY-SA-4.0"),
        # A close spelling of other terms is no suggestion (found by a
        # review): OSL-3.0 is a software licence, and CC-BY-SA-2.0-UK
        # asks more than CC-BY.
        ("OGL-3.0", None),
        ("CC-BY-2.0-UK", None),
    ],
)
def test_only_the_same_licence_is_suggested(
    text: str, meant: str | None
) -> None:
    found = licences.problem(text)
    assert found is not None
    assert ("did you mean" in found) is (meant is not None)
    if meant is not None:
        assert found.endswith(f"(did you mean {meant!r}?)")
