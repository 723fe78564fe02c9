# ruff: noqa: INP001 - a script run by hand, not a package
r"""Coverage-guided differential fuzzing of the block reader, with atheris.

The property: whenever :func:`coalition_registry.blockyaml.read` takes a
text, libyaml reads the same text without a problem, to the same values at
the same lines and columns.  (Declining is always allowed.)

Not part of the test suite (it runs until stopped, and needs atheris):

    pip install atheris
    python fuzz/fuzz_blockyaml.py -max_total_time=300 -dict=fuzz/yaml.dict \
        /tmp/fuzz-blockyaml registry_data/organisations tests/data/hostile
"""

from __future__ import annotations

import sys

from typing import Any


try:
    import atheris  # type: ignore[import-not-found,import-untyped,unused-ignore]
except ImportError:  # pragma: no cover - a hint, not a test
    sys.exit("atheris is not installed: pip install atheris")

with atheris.instrument_imports(include=["coalition_registry"]):
    from coalition_registry import blockyaml
    from coalition_registry.parsing import (
        DEFAULT_LIMITS,
        YMap,
        YSeq,
        _decode,
        _parse_full,
    )


def same(fast: Any, full: Any) -> bool:
    """Equal values, types and positions, all the way down."""
    if type(fast) is not type(full):
        return False
    if isinstance(fast, YMap):
        return (
            list(fast) == list(full)
            and (fast.pos, fast.key_pos, fast.value_pos)
            == (full.pos, full.key_pos, full.value_pos)
            and all(same(fast[k], full[k]) for k in fast)
        )
    if isinstance(fast, YSeq):
        return (
            len(fast) == len(full)
            and (fast.pos, fast.item_pos) == (full.pos, full.item_pos)
            and all(same(a, b) for a, b in zip(fast, full, strict=True))
        )
    return bool(fast == full)


def test_one(data: bytes) -> None:
    """One input: decoded as a file would be, then read both ways."""
    text, _ = _decode(data, "f.yaml")
    if text is None:
        return
    fast = blockyaml.read(text, DEFAULT_LIMITS)
    if fast is None:
        return
    full = _parse_full(text, "f.yaml", DEFAULT_LIMITS)
    if full.problems or not same(fast, full.data):
        msg = f"the readers disagree on {text!r}: {full.problems}"
        raise AssertionError(msg)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()
