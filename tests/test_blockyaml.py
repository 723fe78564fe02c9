"""The fast block reader: the same values at the same positions as libyaml
and as ruamel's round-trip loader, or a refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import BaseResolver, VersionedResolver

from coalition_registry import blockyaml
from coalition_registry.parsing import (
    DEFAULT_LIMITS,
    Limits,
    YMap,
    YSeq,
    _decode,
    _parse_full,
    parse_text,
)


ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted(
    p
    for folder in ("tests/data", "registry_data")
    for p in (ROOT / folder).rglob("*")
    if p.suffix in {".yaml", ".yml"} and p.is_file()
)


def same(fast: Any, full: Any) -> None:
    """Equal values, types and every recorded position."""
    assert type(fast) is type(full)
    if isinstance(fast, YMap):
        assert list(fast) == list(full)
        assert (fast.pos, fast.key_pos, fast.value_pos) == (
            full.pos,
            full.key_pos,
            full.value_pos,
        )
        for key in fast:
            same(fast[key], full[key])
    elif isinstance(fast, YSeq):
        assert len(fast) == len(full)
        assert (fast.pos, fast.item_pos) == (full.pos, full.item_pos)
        for a, b in zip(fast, full, strict=True):
            same(a, b)
    else:
        assert fast == full


def agrees(text: str, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Whether the fast reader took *text*; if it did, it must agree."""
    fast = blockyaml.read(text, limits)
    if fast is None:
        return False
    full = _parse_full(text, "f.yaml", limits)
    assert () == full.problems, text
    same(fast, full.data)
    return True


class _TextOnly(VersionedResolver):
    """Round-trip loading with no implicit types, as the validator reads."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return BaseResolver.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def same_as_round_trip(ours: Any, rt: Any) -> None:
    """Our values and positions against ruamel's round-trip ``lc`` marks."""
    if isinstance(ours, YMap):
        assert list(ours) == list(rt)
        assert ours.pos == (rt.lc.line + 1, rt.lc.col + 1)
        for key in ours:
            k_line, k_col = rt.lc.key(key)
            v_line, v_col = rt.lc.value(key)
            assert ours.key_pos[key] == (k_line + 1, k_col + 1)
            value = ours[key]
            # An empty value has no text of its own: libyaml places it
            # after the ':', ruamel's round trip at the next line.
            if not isinstance(value, YMap | YSeq) and value is not None:
                assert ours.value_pos[key] == (v_line + 1, v_col + 1)
            same_as_round_trip(value, rt[key])
    elif isinstance(ours, YSeq):
        assert len(ours) == len(rt)
        assert ours.pos == (rt.lc.line + 1, rt.lc.col + 1)
        for i, item in enumerate(ours):
            line, col = rt.lc.item(i)
            assert ours.item_pos[i] == (line + 1, col + 1)
            same_as_round_trip(item, rt[i])
    elif ours is None:
        assert rt in {"", "~", "null", "Null", "NULL"}
    else:
        assert ours == str(rt)


@pytest.mark.parametrize(
    "path", CORPUS, ids=lambda p: str(p.relative_to(ROOT))
)
def test_corpus(path: Path) -> None:
    """Every test and shipped file: the fast reader agrees with libyaml, and
    what validation reads agrees with the round-trip loader.
    """
    if path.stat().st_size > 100_000:
        pytest.skip("large generated case")
    text, _ = _decode(path.read_bytes(), "f.yaml")
    if text is None:
        return
    agrees(text)
    doc = parse_text(text, "f.yaml")
    if doc.problems or doc.data is None:
        return
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _TextOnly
    try:
        rt = yaml.load(text)
    except Exception:  # noqa: BLE001 - ruamel's pure scanner is stricter than libyaml in places (a tab inside a value)
        return
    same_as_round_trip(doc.data, rt)


def test_shipped_files_take_the_fast_path() -> None:
    shipped = [p for p in CORPUS if "registry_data" in p.parts]
    assert len(shipped) > 10
    for path in shipped:
        assert agrees(path.read_text("utf-8")), path


RECORD = """\
# A comment before the record.
id: jane-doe
name: "Jane O'Doe"
alias: 'It''s me'
country: NO
url: https://example.org/a#b?c=d,e
note: a: b
"""


class TestSubset:
    def test_record(self) -> None:
        text = RECORD.replace("note: a: b\n", "")
        assert agrees(text)
        data = blockyaml.read(text, DEFAULT_LIMITS)
        assert "Jane O'Doe" == data["name"]
        assert "It's me" == data["alias"]
        assert (3, 7) == data.value_pos["name"]

    @pytest.mark.parametrize(
        "text",
        [
            RECORD,  # "a: b" inside a plain value is an error
            "a: 1 # comment\n",
            'a: "x\\ty"\n',
            'a: "open\n  more"\n',
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: [1, 2]\n",
            "a: {b: 1}\n",
            "a:\tb\n",
            "a: 1\n\tb: 2\n",
            "a: 1\na: 2\n",
            "a:\nb: 1\n",
            "a: 1\n  continued\n",
            "<<: {a: 1}\n",
            "? a\n: b\n",
            "a: |+\n  kept\n\n",
            "a: |2\n   x\n",
            "a: >\n  x\n    more\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\r b: 2\n",
            "a:\n\xa0 - b\n",  # a non-breaking space in the indentation
            "a: |\n  x\n\xa0\xa0y: 1\n",  # ... even after a block of text
            "  a: 1\n",
            "just text\n",
            "",
            "# only a comment\n",
        ],
    )
    def test_declines(self, text: str) -> None:
        assert blockyaml.read(text, DEFAULT_LIMITS) is None

    def test_crlf_and_document_start(self) -> None:
        assert agrees("---\r\na: 1\r\nb:\r\n  - c: 'x'\r\n")

    def test_block_scalars(self) -> None:
        text = (
            "a: >-\n  one\n  two\n\n  three\n# c\nb: |\n  x\n  # y\n\nc: 1\n"
        )
        assert agrees(text)
        data = blockyaml.read(text, DEFAULT_LIMITS)
        assert "one two\nthree" == data["a"]
        assert "x\n# y\n" == data["b"]

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("a: >\n tt", "tt"),
            ("a: >\n tt\n", "tt\n"),
            ("a: |\n x\n y\n\n\n", "x\ny\n"),
            ("a: |-\n x\n", "x"),
        ],
    )
    def test_block_scalar_endings(self, text: str, value: str) -> None:
        assert agrees(text)
        assert value == blockyaml.read(text, DEFAULT_LIMITS)["a"]

    def test_lists_at_the_keys_indentation(self) -> None:
        assert agrees("a:\n- b: 1\n  c:\n  - x\n  - y\n  d: 2\ne: 3\n")

    def test_first_line(self) -> None:
        data = blockyaml.read(
            "- a: 1\n  b: 2\n", DEFAULT_LIMITS, first_line=40
        )
        assert (40, 1) == data.pos
        assert (41, 6) == data[0].value_pos["b"]

    def test_depth_limit_is_left_to_the_full_parser(self) -> None:
        text = "a:\n  b:\n    c: 1\n"
        assert blockyaml.read(text, Limits(max_depth=3)) is not None
        assert blockyaml.read(text, Limits(max_depth=2)) is None


# Pieces that are, or are close to, what breaks a naive reader.
VALUES = st.sampled_from(
    [
        "x",
        "two words",
        "NO",
        "0123",
        "~",
        "null",
        "Null",
        "",
        " ",
        "a: b",
        "a:b",
        "a:",
        "a #b",
        "a#b",
        "#c",
        "-",
        "-x",
        "- x",
        "?x",
        ":x",
        "'q'",
        "'it''s'",
        "'a'b",
        "''",
        '"q"',
        '""',
        '"a\\"b"',
        '"a\\nb"',
        '"open',
        "'open",
        "|",
        "|-",
        "|+",
        ">",
        ">-",
        ">2",
        "| # c",
        "&a x",
        "*a",
        "!!str x",
        "!t x",
        "[a, b]",
        "{a: 1}",
        "a,b]",
        "@x",
        "`x",
        "%x",
        "---",
        "...",
        "é ü",
        "😀 x",
        "\u00a0x",
        "x  ",
        "http://x.org/#f",
        "<<",
        "a\tb",
    ]
)
KEYS = st.sampled_from(
    ["id", "name", "a-b", "A_1", "<<", "'q'", "1x", "x y", "é", "-", "?"]
)
INDENTS = st.sampled_from(["", " ", "  ", "   ", "    ", "      ", " \xa0"])


@st.composite
def lines(draw: st.DrawFn) -> str:
    indent = draw(INDENTS)
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return indent + draw(KEYS) + ":" + draw(st.sampled_from(["", " "]))
    if kind == 1:
        return indent + draw(KEYS) + ": " + draw(VALUES)
    if kind == 2:
        return indent + "- " + draw(KEYS) + ": " + draw(VALUES)
    if kind == 3:
        return indent + "- " + draw(VALUES)
    if kind == 4:
        return indent + draw(st.sampled_from(["", "# note", "-"]))
    if kind == 5:
        return indent + draw(VALUES)
    return draw(st.text(alphabet="ab -:#'\"|>\n", max_size=12))


SAFE_KEYS = st.sampled_from(["id", "name", "a-b", "A_1", "url", "null"])
SAFE_VALUES = st.sampled_from(
    [
        "x",
        "two words",
        "NO",
        "0123",
        "~",
        "null",
        "'it''s'",
        '"q"',
        "a:b",
        "a#b",
        "http://x.org/#f",
        "é ü",
        "😀 x",
        "\u00a0x",
        "x  ",
        "''",
        '""',
        '"a: b # c"',
        "x]",
        "a, b",
    ]
)
TEXT = st.text(alphabet="aé😀 :#'\"-|>~", min_size=1, max_size=8)
SCALARS = SAFE_VALUES | SAFE_VALUES | SAFE_VALUES | VALUES | TEXT


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Block YAML as people write it, at times subtly wrong."""
    out: list[str] = []
    # Half the documents are clean, so that many are read fast and compared.
    clean = draw(st.booleans())
    scalars = SAFE_VALUES if clean else SCALARS
    keys = SAFE_KEYS if clean else SAFE_KEYS | SAFE_KEYS | SAFE_KEYS | KEYS

    def extra(indent: int) -> None:
        if draw(st.integers(0, 5)) == 0:
            out.append(" " * draw(st.integers(0, indent + 2)) + "# c")
        if draw(st.integers(0, 5)) == 0:
            out.append(" " * draw(st.integers(0, 2)))

    def value(indent: int, key: str, depth: int) -> None:
        kind = draw(st.integers(0, 9 if depth < 3 else 5))
        gap = draw(st.sampled_from([" ", " ", "  "]))
        if kind <= 4:
            out.append(f"{' ' * indent}{key}:{gap}{draw(scalars)}")
        elif kind == 5:
            out.append(
                f"{' ' * indent}{key}:{gap}{draw(st.sampled_from(['|', '|-', '>', '>-']))}"
            )
            inner = indent + draw(st.integers(1, 3))
            for _ in range(draw(st.integers(1, 4))):
                text = draw(SAFE_VALUES if clean else TEXT)
                out.append(draw(st.sampled_from(["", " " * inner + text])))
        elif kind <= 7:
            out.append(f"{' ' * indent}{key}:")
            mapping(indent + draw(st.integers(1, 4)), depth + 1)
        else:
            out.append(f"{' ' * indent}{key}:")
            sequence(indent + draw(st.integers(0, 2)), depth + 1)

    def mapping(indent: int, depth: int) -> None:
        for key in draw(st.lists(keys, min_size=1, max_size=4, unique=clean)):
            extra(indent)
            value(indent, key, depth)

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            extra(indent)
            spaces = draw(st.sampled_from([1, 1, 2]))
            if depth < 3 and draw(st.booleans()):
                first = len(out)
                mapping(indent + 1 + spaces, depth + 1)
                line = out[first].lstrip(" ")
                out[first] = " " * indent + "-" + " " * spaces + line
            else:
                out.append(" " * indent + "-" + " " * spaces + draw(scalars))

    if draw(st.booleans()):
        mapping(0, 0)
    else:
        sequence(0, 0)
    if not clean and draw(st.booleans()):
        # A slip: one line moved, cut or given a stray character.
        i = draw(st.integers(0, len(out) - 1))
        slip = draw(st.integers(0, 3))
        if slip == 0:
            out[i] = " " + out[i]
        elif slip == 1:
            out[i] = out[i][1:]
        elif slip == 2:
            out[i] += draw(st.sampled_from([" #x", ":", " ", "'", "\t"]))
        else:
            del out[i]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    # A text may end without a line break, or with blank lines.
    return newline.join(out) + draw(
        st.sampled_from([newline, "", newline * 2])
    )


@settings(max_examples=3000, deadline=None)
@given(documents())
@example("a:\n- b: 1\n  c: >-\n    x\n\n    y\nd: 2\n")
@example("- a: |\n   x\n  b: y\n")
@example("a: >\n tt")  # clipped, with no line break at the end of the text
@example("a: |\n x\n\n")
@example("a: |\n  x\n  \xa0y\nb: \xa0z\n")  # text of a block may start so
@example("a: |\n  x\n\xa0 y\n")  # the full parser refuses it
def test_agrees_with_libyaml(text: str) -> None:
    agrees(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(lines(), min_size=1, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_agrees_on_line_soup(
    parts: list[str], newline: str, end: bool
) -> None:
    agrees(newline.join(parts) + (newline if end else ""))


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.sampled_from(["x", "NO", "it's", 'say "hi"', "a: b", "#x", ""]),
        lambda inner: (
            st.lists(inner, min_size=1, max_size=3)
            | st.dictionaries(
                st.sampled_from(["id", "name", "a-b", "url"]),
                inner,
                min_size=1,
                max_size=3,
            )
        ),
        max_leaves=12,
    ).filter(lambda v: isinstance(v, dict | list)),
    st.sampled_from([2, 4]),
)
def test_dumped_data_agrees(value: Any, indent: int) -> None:
    """What a YAML writer produces is read alike (and mostly fast)."""
    import io

    yaml = YAML(typ="safe", pure=True)
    yaml.indent(mapping=indent, sequence=indent + 2, offset=indent)
    out = io.StringIO()
    yaml.dump(value, out)
    agrees(out.getvalue())
