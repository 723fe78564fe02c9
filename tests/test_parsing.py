"""Reading YAML: values as written, positions kept, hostile input refused."""

from __future__ import annotations

import re

import pytest

from hypothesis import given
from hypothesis import strategies as st

from coalition_registry import parsing
from coalition_registry.parsing import (
    DROPPED,
    MAX_DEPTH,
    Limits,
    YMap,
    YSeq,
    c_parser_in_use,
    iter_positions,
    parse,
)
from conftest import LinesLookedAt


def codes(raw: bytes, limits: Limits | None = None) -> list[str]:
    doc = (
        parse(raw, "f.yaml")
        if limits is None
        else parse(raw, "f.yaml", limits)
    )
    return [p.code for p in doc.problems]


class TestValues:
    def test_scalars_stay_text(self) -> None:
        """YAML 1.2 with no implicit typing: the schema decides types."""
        doc = parse(
            b"country: NO\nnumber: '0123'\nplain: 0123\nyes: yes\n"
            b"time: 1:20\ndate: 2023-09-18\n",
            "f.yaml",
        )
        assert {
            "country": "NO",
            "number": "0123",
            "plain": "0123",
            "yes": "yes",
            "time": "1:20",
            "date": "2023-09-18",
        } == doc.data
        assert () == doc.problems

    def test_plain_nulls_are_none_but_quoted_null_is_text(self) -> None:
        doc = parse(b"a: ~\nb: null\nc:\nd: 'null'\ne: ''\n", "f.yaml")
        assert {
            "a": None,
            "b": None,
            "c": None,
            "d": "null",
            "e": "",
        } == doc.data

    def test_bom_and_crlf_are_fine(self) -> None:
        doc = parse(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f.yaml")
        assert {"a": "1", "b": "2"} == doc.data
        assert (2, 4) == doc.data.value_pos["b"]

    def test_lone_cr_line_endings(self) -> None:
        doc = parse(b"a: 1\rb: 2\r", "f.yaml")
        assert {"a": "1", "b": "2"} == doc.data
        assert (2, 1) == doc.data.key_pos["b"]

    def test_containers_know_positions(self) -> None:
        doc = parse(b"id: x\nlist:\n  - a\n  - b\nmap: {k: v}\n", "f.yaml")
        data = doc.data
        assert isinstance(data, YMap)
        assert (1, 1) == data.pos
        assert (1, 5) == data.value_pos["id"]
        seq = data["list"]
        assert isinstance(seq, YSeq)
        assert [(3, 5), (4, 5)] == seq.item_pos
        assert (5, 7) == data["map"].key_pos["k"]

    def test_columns_count_characters_not_bytes(self) -> None:
        doc = parse("name: Zoë Ünï\nx: y\n".encode(), "f.yaml")
        assert (1, 7) == doc.data.value_pos["name"]
        doc = parse("é: 😀\nk: v\n".encode(), "f.yaml")
        assert (1, 4) == doc.data.value_pos["é"]

    def test_c_parser_is_used(self) -> None:
        """The dependency on ruamel.yaml.clib is real and in use."""
        assert c_parser_in_use()


class TestRefused:
    def test_duplicate_key(self) -> None:
        doc = parse(b"a: 1\nb: 2\na: 3\n", "f.yaml")
        assert ["duplicate-key"] == [p.code for p in doc.problems]
        assert (3, 1) == (
            doc.problems[0].location.line,
            doc.problems[0].location.column,
        )
        assert "line 1" in doc.problems[0].message

    def test_python_tag_is_refused_not_run(self) -> None:
        doc = parse(
            b"a: !!python/object/apply:os.system ['false']\n", "f.yaml"
        )
        assert ["forbidden-tag"] == [p.code for p in doc.problems]
        assert "!!python/object/apply:os.system" in doc.problems[0].message
        assert {"a": DROPPED} == doc.data

    def test_local_tag(self) -> None:
        assert ["forbidden-tag"] == codes(b"a: !include other.yaml\n")

    def test_core_tags_are_harmless(self) -> None:
        assert [] == codes(b"a: !!str 0123\nb: !!int 5\n")

    @pytest.mark.parametrize(
        "text",
        [
            "!!int 0x1F",
            "!!int -5",
            "!!float 1.5e3",
            "!!float .inf",
            "!!bool true",
            '!!int "11"',
            "!!null ~",
        ],
    )
    def test_a_core_tag_that_fits_its_value(self, text: str) -> None:
        assert [] == codes(f"a: {text}\n".encode())

    @pytest.mark.parametrize(
        "text",
        [
            "!!int Example Group",
            "!!null 11",
            "!!float eleven",
            "!!bool yes",
            "!!int 1_000",
        ],
    )
    def test_a_core_tag_that_does_not_fit_its_value(self, text: str) -> None:
        """ "!!null 11" was read as 11 here, and as nothing by any other
        reader; the value is never repeated."""
        doc = parse(f"a: {text}\n".encode(), "f.yaml")
        (problem,) = doc.problems
        assert "forbidden-tag" == problem.code
        assert (1, 4) == (problem.location.line, problem.location.column)
        assert text.split(" ", 1)[1] not in problem.message
        assert {"a": DROPPED} == doc.data

    def test_a_null_tag_reads_as_no_value(self) -> None:
        assert {"a": None} == parse(b"a: !!null null\n", "f.yaml").data

    def test_anchor_and_alias(self) -> None:
        doc = parse(b"a: &x 1\nb: *x\n", "f.yaml")
        assert [(1, 4), (2, 4)] == [
            (p.location.line, p.location.column) for p in doc.problems
        ]
        assert {"anchor-alias"} == {p.code for p in doc.problems}

    def test_billion_laughs_is_not_expanded(self) -> None:
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]"
            for i in range(1, 10)
        ]
        doc = parse("\n".join(lines).encode(), "f.yaml")
        assert "anchor-alias" in {p.code for p in doc.problems}
        assert 200 > len(doc.problems)

    def test_recursive_alias(self) -> None:
        assert {"anchor-alias"} == set(codes(b"a: &x [1, *x]\n"))

    def test_merge_key(self) -> None:
        assert ["merge-key"] == codes(b"a: 1\n<<: {b: 2}\n")

    def test_quoted_merge_key_is_an_ordinary_key(self) -> None:
        assert [] == codes(b"'<<': 1\n")

    def test_several_documents(self) -> None:
        doc = parse(b"a: 1\n---\nb: 2\n", "f.yaml")
        assert ["multiple-documents"] == [p.code for p in doc.problems]
        assert 2 == doc.problems[0].location.line

    def test_invalid_utf8_points_at_the_byte(self) -> None:
        doc = parse(b"a: ok\nb: caf\xe9\n", "f.yaml")
        assert ["encoding"] == [p.code for p in doc.problems]
        assert (2, 7) == (
            doc.problems[0].location.line,
            doc.problems[0].location.column,
        )

    def test_invalid_utf8_on_several_lines_is_one_error_that_counts_them(
        self,
    ) -> None:
        doc = parse(
            b"a: caf\xe9 \xe9\nb: ok\nc: \x93x\x94\nd: na\xefve\n", "f.yaml"
        )
        (problem,) = doc.problems
        assert "encoding" == problem.code
        assert (1, 7) == (problem.location.line, problem.location.column)
        assert "(so are bytes on 2 line(s) below)" in problem.message

    def test_utf16(self) -> None:
        assert ["encoding"] == codes("a: 1\n".encode("utf-16"))

    def test_nul_byte(self) -> None:
        doc = parse(b"a: 1\nb: x\x00y\n", "f.yaml")
        assert ["invalid-character"] == [p.code for p in doc.problems]
        # At the byte, and not naming it: it may be in a private value.
        assert (2, 5) == (
            doc.problems[0].location.line,
            doc.problems[0].location.column,
        )
        assert "NUL" not in doc.problems[0].message

    def test_tab_indentation(self) -> None:
        doc = parse(b"a:\n\tb: 1\n", "f.yaml")
        assert ["yaml-syntax"] == [p.code for p in doc.problems]
        assert "tab" in doc.problems[0].message

    def test_deep_nesting_is_stopped_before_the_parser_recurses(self) -> None:
        deep = b"a: " + b"[" * 100_000 + b"]" * 100_000
        assert ["too-deep"] == codes(deep)

    def test_deep_block_nesting(self) -> None:
        lines = [" " * i + f"k{i}:" for i in range(200)]
        assert ["too-deep"] == codes("\n".join(lines).encode())

    @pytest.mark.parametrize("levels", [488, 499, 520])
    def test_block_nesting_up_to_the_highest_limit(self, levels: int) -> None:
        """--max-depth 500 is allowed: the line reader ran out of Python's
        stack near 490 levels (a RecursionError traceback)."""
        lines = [" " * i + "k:" for i in range(levels)] + [" " * levels + "v"]
        doc = parse(
            "\n".join(lines).encode(), "f.yaml", Limits(max_depth=MAX_DEPTH)
        )
        assert (["too-deep"] if levels >= MAX_DEPTH else []) == [
            p.code for p in doc.problems
        ]

    def test_file_size_limit(self) -> None:
        assert ["file-too-large"] == codes(
            b"a: 1234567890\n", Limits(max_file_bytes=5)
        )

    def test_complex_key(self) -> None:
        assert ["wrong-shape"] == codes(b"? [a, b]\n: 1\n")

    def test_empty_file_is_no_data(self) -> None:
        doc = parse(b"", "f.yaml")
        assert (None, ()) == (doc.data, doc.problems)

    @pytest.mark.parametrize(
        "text",
        [
            # Nested flow lists: brackets, not commas, make the values.
            "a: [" + ",".join(["[[[[[[a]]]]]]"] * 100) + "]\n",
            # A flow mapping of keys alone: each has an empty value.
            "a: {" + ",".join(f"k{i}" for i in range(200)) + "}\n",
            # Lone CR line breaks (an old Mac file).
            "- a\r" * 300,
            # Many lists on one line, and keys with empty values.
            "- - - - - - - - - - a\n" * 30,
            "? a\n" * 200,
        ],
        ids=["nested-flow", "flow-keys", "lone-cr", "dashes", "keys"],
    )
    def test_values_limit_is_passed_before_parsing(self, text: str) -> None:
        """Each shape holds more values than the limit, though few commas,
        colons or line feeds: the count must see them all, and say where
        the limit is passed.
        """
        assert _values_built(text) > 300
        doc = parsing.parse_text(text, "f.yaml", Limits(max_values=300))
        (problem,) = doc.problems
        assert problem.code == "limit-exceeded"
        assert "(limit max_values)" in problem.message
        assert problem.location.line is not None
        assert doc.data is None

    def test_values_limit_position(self) -> None:
        """The position is the character where the count passes the
        limit, counted in lines as libyaml counts them.
        """
        text = "a: x\r\nb: [c, d]\re: f\n"
        # 2 to start, then ":" 1, CRLF 1, ":" 1, "[" 2: 7; the "," makes 9.
        doc = parsing.parse_text(text, "f.yaml", Limits(max_values=8))
        (problem,) = doc.problems
        assert (2, 6) == (problem.location.line, problem.location.column)
        doc = parsing.parse_text(
            text, "f.yaml", Limits(max_values=10), first_line=5
        )
        (problem,) = doc.problems
        # 9, then the lone CR 10; the ":" on the third line makes 11.
        assert (7, 2) == (problem.location.line, problem.location.column)


def _values_built(text: str) -> int:
    """How many values (scalars, lists, mappings) libyaml makes of *text*
    before it stops, whether or not it is valid.
    """
    from ruamel.yaml.events import CollectionStartEvent, ScalarEvent

    parser = parsing._parser()(text)
    built = 0
    try:
        while (event := parser.get_event()) is not None:
            built += isinstance(event, (ScalarEvent, CollectionStartEvent))
    except Exception:  # noqa: BLE001, S110 - counted up to the error
        pass
    finally:
        parser.dispose()
    return built


# Pieces of YAML that make values, empty ones too, and what stands between.
_YAML_PIECES = st.sampled_from(
    [
        *"ab -:?,[]{}!\"'\t&*|>#",
        "\n",
        "\r",
        "\r\n",
        "\n  ",
        "- ",
        ": ",
        "? ",
        "a: ",
        "!!str ",
        "&a ",
        "*a",
    ]
)


class TestProperties:
    @given(st.lists(_YAML_PIECES, max_size=40).map("".join))
    def test_values_limit_counts_every_value(self, text: str) -> None:
        """The count checked against max_values before parsing is an upper
        bound on the values the parser can build, so the limit bounds
        memory whatever the file holds.
        """
        counted = parsing._FIRST_VALUES + parsing._value_starts(
            text, 0, len(text)
        )
        assert _values_built(text) <= counted

    @given(st.binary(max_size=400))
    def test_any_bytes_give_a_document(self, raw: bytes) -> None:
        """Whatever the bytes, parse returns and never raises."""
        doc = parse(raw, "f.yaml")
        for p in doc.problems:
            assert p.location.path == "f.yaml"

    @given(st.text(max_size=300))
    def test_any_text_gives_positions_inside_it(self, text: str) -> None:
        """Every position, of a value or of a problem, lies in the text."""
        doc = parse(text.encode("utf-8", "surrogatepass"), "f.yaml")
        # libyaml breaks lines at CR LF, CR, LF, NEL, LS and PS.
        lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)
        positions = list(iter_positions(doc.data))
        positions += [
            (p.location.line, p.location.column)
            for p in doc.problems
            if p.location.line
        ]
        for line, col in positions:
            assert 1 <= line <= len(lines) + 1
            if line <= len(lines):
                assert 1 <= col <= len(lines[line - 1]) + 1


def test_one_pass_character_check_matches_the_two_rules() -> None:
    """The decoder's single scan refuses exactly what YAML does not print
    and the ambiguous line breaks."""
    from coalition_registry import parsing

    # YAML 1.2's c-printable production, and the line breaks of YAML 1.1.
    printable = re.compile(
        "[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    )
    ambiguous_break = re.compile("[\x85\u2028\u2029]")
    points = {*range(0x3000), *range(0xD700, 0x10100, 3), 0x10FFFF}
    for point in sorted(points - set(range(0xD800, 0xE000))):
        char = chr(point)
        assert bool(parsing._FORBIDDEN.match(char)) == bool(
            not printable.match(char) or ambiguous_break.match(char)
        ), hex(point)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("name: Safe Futures #1 for kids\n", 20),
        ("name: Safe\t#1\n", 12),
        ("name: Safe Futures # a comment\n", None),
        ('name: "Safe Futures #1"\n', None),
    ],
)
def test_a_value_cut_short_by_a_comment(text: str, column: int | None) -> None:
    problems = parsing.parse_text(text, "f.yaml").problems
    found = [
        p.location.column for p in problems if p.code == "comment-in-value"
    ]
    assert ([column] if column else []) == found


NBSP_INDENTED = (
    "this line is indented with non-breaking spaces (copied from a word "
    "processor?); retype the indentation with ordinary spaces"
)


class TestNonBreakingSpaceIndentation:
    """A line indented with U+00A0, as pasted from a word processor, is
    named as such, where libyaml would read it as a key, a mapping or a
    line with no ':'.
    """

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            ('sources:\n\xa0\xa0- url: "https://example.org"\n', (2, 1)),
            ('sources:\n \xa0- url: "https://example.org"\n', (2, 2)),
            ("aliases:\n\xa0\xa0- EO\nkind: charity\n", (2, 1)),
            ("aliases:\n  - EO\n  \xa0- EX\n", (3, 3)),
            ("\xa0id: x\n", (1, 1)),
            ("a: |\n  x\n\xa0\xa0b: y\n", (3, 1)),  # after a block of text
            ("- k: >-\n    x\n  \xa0y\n", (3, 3)),  # not past the key
            ("- |\n   x\n  \xa0y\n", (3, 3)),  # short of the block's text
            ("a: 1\r\nb:\r\n\xa0 - c\r\n", (3, 1)),
            ("a: 1\rb:\r \xa0- c\r", (3, 2)),  # an old Mac's line breaks
            ("b:\n\xa0- c\nd:\n\xa0- e\n", (2, 1)),  # the first one
        ],
    )
    def test_named_where_it_is(
        self, text: str, where: tuple[int, int]
    ) -> None:
        doc = parsing.parse_text(text, "f.yaml")
        assert [("yaml-syntax", NBSP_INDENTED, where)] == [
            (p.code, p.message, (p.location.line, p.location.column))
            for p in doc.problems
        ]
        assert doc.data is None

    @pytest.mark.parametrize(
        "text",
        [
            "a: |\n  x\n  \xa0y\n",
            "a: >-\n  x\n\n  \xa0y\nb: 1\n",
            "- |\n  x\n  \xa0y\n",
            "- k: |  # a comment\n    x\n    \xa0y\n",
            "a: |\n  \xa0x\n",
        ],
    )
    def test_a_block_of_text_may_start_a_line_with_one(
        self, text: str
    ) -> None:
        """In a block of text, a line indented past its key may begin
        with a non-breaking space: it is a character of the text (a quote
        pasted from a web page), as YAML reads it.
        """
        doc = parsing.parse_text(text, "f.yaml")
        assert () == doc.problems
        assert "\\xa0" in repr(doc.data)

    def test_position_in_a_part_of_a_file(self) -> None:
        doc = parsing.parse_text("a:\n\xa0- b\n", "f.yaml", first_line=10)
        (problem,) = doc.problems
        assert (11, 1) == (problem.location.line, problem.location.column)

    @pytest.mark.parametrize(
        "text",
        [
            "name: Example\xa0Org\n",
            "name: \xa0Example Org\n",
            "aliases:\n  - \xa0EO\n",
            "notes: |\n  a\xa0b\n",
        ],
    )
    def test_elsewhere_it_is_text(self, text: str) -> None:
        assert () == parsing.parse_text(text, "f.yaml").problems

    def test_after_a_colon_it_keeps_its_own_message(self) -> None:
        raw = b"id: x\nname:\xc2\xa0 Example\nkind: y\n"
        (problem,) = parse(raw, "f.yaml").problems
        assert "the space after this field's ':'" in problem.message


class TestQuestionMarkValue:
    """'?' put for a value not yet known gets the quoting hint that '@'
    and '%' get, not libyaml's "mapping keys are not allowed".
    """

    @pytest.mark.parametrize(
        ("text", "column"),
        [
            ("member_count: ?\n", 15),
            ("hq_country: ?\nid: x\n", 13),
            ("notes: ? not sure\n", 8),
            ("id: x\nnotes: ?", 8),
            ("- id: x\n  notes: ?\n", 10),
        ],
    )
    def test_hint(self, text: str, column: int) -> None:
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        hint = (
            "a value cannot start with '?' unless it is in quotes; put the "
            'whole value in double quotes ("...")'
        )
        assert ("yaml-syntax", hint, column) == (
            problem.code,
            problem.message,
            problem.location.column,
        )

    @pytest.mark.parametrize(
        ("text", "value"),
        [('member_count: "?"\n', "?"), ("notes: ?maybe\n", "?maybe")],
    )
    def test_quoted_or_joined_it_is_text(self, text: str, value: str) -> None:
        doc = parsing.parse_text(text, "f.yaml")
        assert ((), value) == (doc.problems, next(iter(doc.data.values())))


class TestQuotesAboveAnError:
    """A syntax error below a quoted value written right is explained where
    it is, not blamed on that value (found by differential testing: a
    quoted key, or a quoted value running over lines, anywhere above any
    error was named as its cause).
    """

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            (
                'identifiers:\n  "GB-CHC": "216401"\nnotes: it says: here\n',
                (3, 8),
            ),
            ("'id': x\nnotes: it says: here\n", (2, 8)),
            ('name: "Example\n  Charity"\nnotes: it says: here\n', (3, 8)),
            ("name: 'Example\n\n  Charity'\nnotes: it says: here\n", (4, 8)),
            ('notes: "a \\\n  b"\nnotes2: it says: here\n', (3, 9)),
            # Quotes in a block of text, or in a comment, are words.
            ('notes: >-\n  "Example" it says\nname: it says: here\n', (3, 7)),
            ("- notes: |\n    'Ex' it says\n  name: it says: here\n", (3, 9)),
            ('# "Example" it says\nname: it says: here\n', (2, 7)),
            # A quote in a value without brackets, after a comma, is text.
            (
                'quote: it said, "we will\nname: it says: here\n',
                (2, 7),
            ),
        ],
    )
    def test_the_error_is_where_it_is(
        self, text: str, where: tuple[int, int]
    ) -> None:
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        assert (where, "this value holds ': '") == (
            (problem.location.line, problem.location.column),
            problem.message[:21],
        )

    @pytest.mark.parametrize(
        ("text", "where", "message"),
        [
            # Closed only on the error's line: not closed where it opens.
            (
                'name: "Example\nurl: "https://example.org"\n',
                (1, 7),
                "the quote",
            ),
            ("name: 'Barnardo's'\nid: x\n", (1, 17), "text follows"),
            # A quoted key above it changes nothing.
            (
                "'id': x\nname: 'Barnardo's'\nkind: y\n",
                (2, 17),
                "text follows",
            ),
            # Nor the quoted key on its line: the value after it is found
            # (was "does not line up", once the key was passed by).
            (
                'identifiers:\n  "GB-CHC": "216401" x\n',
                (2, 22),
                "text follows",
            ),
        ],
    )
    def test_a_quote_that_is_the_cause_is_named(
        self, text: str, where: tuple[int, int], message: str
    ) -> None:
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        assert (where, True) == (
            (problem.location.line, problem.location.column),
            problem.message.startswith(message),
        )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("sources: [{url: https://example.org/}]\n", (1, 17)),
        ("id: x\naliases: [a, b:c]\n", (2, 14)),
        ("sources:\n  - {url: http://example.org, quote: x}\n", (2, 11)),
    ],
)
def test_a_colon_in_a_value_inside_brackets(
    text: str, where: tuple[int, int]
) -> None:
    """Found by differential testing: YAML 1.2 (and ruamel's round trip)
    reads a URL unquoted in a flow mapping, libyaml refuses it, and its
    "found unexpected ':'" said nothing of quotes."""
    (problem,) = parsing.parse_text(text, "f.yaml").problems
    assert (where, True) == (
        (problem.location.line, problem.location.column),
        problem.message.startswith("inside brackets"),
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\n...\nname: y\n", 2),
        ("- id: x\n... # the end\n\n- id: y\n", 2),
        ("- id: x\n...\n- id: y\n...\n- id: z\n", 2),
    ],
)
def test_a_document_end_with_more_after_it(text: str, line: int) -> None:
    """Found by differential testing: libyaml's "did not find expected
    <document start>", on the line after "...", did not name it."""
    (problem,) = parsing.parse_text(text, "f.yaml").problems
    assert ("multiple-documents", line, 1) == (
        problem.code,
        problem.location.line,
        problem.location.column,
    )
    assert "'...'" in problem.message


def test_a_document_end_at_the_end_is_fine() -> None:
    assert () == parsing.parse_text("id: x\n...\n# c\n", "f.yaml").problems


class TestPastedIndentation:
    """A file whose first lines are indented and a later one is not, as
    pasted with a blank before the first field: named at the first line,
    not as libyaml's "expected <document start>" on the line after.
    """

    @pytest.mark.parametrize(
        ("text", "position", "mend"),
        [
            (
                " id: x\nname: y\n",
                (1, 1),
                "1 space from the start of this line",
            ),
            (
                "   id: x\n   name: y\nkind: z\n",
                (1, 1),
                "3 spaces from the start of lines 1 to 2",
            ),
            (
                "# a comment\n\n  - id: a\n    name: b\n- id: c\n",
                (3, 1),
                "2 spaces from the start of lines 3 to 4",
            ),
        ],
    )
    def test_named_at_the_first_line(
        self, text: str, position: tuple[int, int], mend: str
    ) -> None:
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        loc = problem.location
        assert ("yaml-syntax", position) == (
            problem.code,
            (loc.line, loc.column),
        )
        assert problem.message.endswith(f"; remove {mend}")
        assert "document start" not in problem.message


class TestBackslashInDoubleQuotes:
    """A backslash that starts no escape is pointed at, with the fix."""

    @pytest.mark.parametrize(
        ("text", "column"),
        [
            ('name: "Barnardo\\\'s"\n', 16),
            ('notes: "C:\\windows"\n', 11),
            ('notes: "caf\\xZZ"\n', 12),
            ('notes: "\\u12"\n', 9),
        ],
    )
    def test_pointed_at(self, text: str, column: int) -> None:
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        assert (problem.code, problem.location.column) == (
            "yaml-syntax",
            column,
        )
        assert problem.message.startswith("a backslash (\\) inside double")


class TestFlowCollections:
    """An unclosed '[' is named where it opens, as '{' is; one closed
    further on, with a ',' missing, says which bracket it is in.
    """

    def test_unclosed_list(self) -> None:
        text = "id: x\nkind: [charity\nname: y\n"
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        assert (problem.location.line, problem.location.column) == (2, 7)
        assert "never closed (the list runs on to line 3)" in problem.message

    @pytest.mark.parametrize(
        ("text", "what"),
        [
            ("id: x\naliases: [a: b c: d]\n", "list that opens with '['"),
            ("id: x\nname: {a: b c: d}\n", "mapping that opens with '{'"),
        ],
    )
    def test_missing_comma(self, text: str, what: str) -> None:
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        assert problem.message.startswith(f"the {what} at line 2, column")


class TestAfterAValue:
    """A ',' ']' or '}' where no list or mapping is open, after a value or
    at its start, is named, not told as a line out of line.
    """

    @pytest.mark.parametrize(
        ("text", "column", "start"),
        [
            ('id: x\nname: "A"]\n', 10, "this ']' closes no '['"),
            ('id: x\nname: "A"}\nkind: y\n', 10, "this '}' closes no '{'"),
            ('id: x\naliases:\n  - "A", "B"\n', 8, "a ',' after a value"),
            ("id: x\nquote: , signed by 43\n", 8, "a value cannot start"),
        ],
    )
    def test_named(self, text: str, column: int, start: str) -> None:
        (problem,) = parsing.parse_text(text, "f.yaml").problems
        assert problem.location.column == column
        assert problem.message.startswith(start)


@pytest.mark.parametrize(
    ("text", "column", "what"),
    [
        ("id: x\nsources:\n  -url: a\n    quote: b\n", 3, "'-' with no"),
        ("id: x\nsources:\n  \u2013 url: a\n    quote: b\n", 3, "'\u2013'"),
        ("id: x\nsources:\n  \u2022 url: a\n    quote: b\n", 3, "'\u2022'"),
    ],
)
def test_a_list_item_typed_with_another_dash(
    text: str, column: int, what: str
) -> None:
    (problem,) = parsing.parse_text(text, "f.yaml").problems
    assert (problem.location.line, problem.location.column) == (3, column)
    assert f"this one starts with {what}" in problem.message


@pytest.mark.parametrize(
    ("text", "at", "says"),
    [
        (
            "id: x\naliases: [,]\n",
            (2, 11),
            "an item is missing before this ','",
        ),
        (
            "id: x\naliases: {,}\n",
            (2, 11),
            "an item is missing before this ','",
        ),
        ("id: x\naliases: [a, , b]\n", (2, 14), "an item is missing before"),
        ("id: x\naliases: [- a]\n", (2, 11), "not started with '- '"),
        ("id: x\naliases: [a, - b]\n", (2, 14), "not started with '- '"),
        ("id: x\naliases: !!\n", (2, 10), "cannot start with '!' unless"),
        ("%YAML 2.0\n---\nid: x\n", (1, 1), "records are YAML 1.2"),
        ("%YAML 1.1\n---\nid: x\nc: NO\n", (1, 1), "records are YAML 1.2"),
    ],
)
def test_libyaml_words_are_told_plainly(
    text: str, at: tuple[int, int], says: str
) -> None:
    """libyaml's "did not find expected node content (while parsing a flow
    node)", "expected tag URI" and "incompatible YAML document" said
    nothing a volunteer could act on; a "%YAML 1.1" line passed, though a
    reader that honours it reads NO (Norway) as false."""
    (problem,) = parse(text.encode(), "f.yaml").problems
    assert "yaml-syntax" == problem.code
    assert at == (problem.location.line, problem.location.column)
    assert says in problem.message


def test_a_yaml_1_2_line_is_accepted() -> None:
    assert () == parse(b"# note\n%YAML 1.2\n---\nid: x\n", "f.yaml").problems


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        # A directive after the fields: the line to delete.
        ("id: x\nname: X\n%YAML 1.2\nkind: y\n", (3, 1), "a line starting"),
        # With no --- below it: the same.
        ("%YAML 1.2\nid: x\n", (1, 1), "a line starting"),
        # Ended by ---: the mistake is after it, not the directive.
        (
            "%YAML 1.2\n---\n  id: x\n  name: X\nkind: y\n",
            (3, 1),
            "this line is indented",
        ),
    ],
)
def test_a_directive_is_blamed_only_where_it_is_wrong(
    text: str, where: tuple[int, int], said: str
) -> None:
    (problem,) = parsing.parse_text(text, "f.yaml").problems
    assert (where, True) == (
        (problem.location.line, problem.location.column),
        problem.message.startswith(said),
    )


_LINES_OF_RECORDS = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "  ", "    ", "\t", "      "]),
        st.sampled_from(
            [
                "",
                "# a comment",
                "- ",
                "- id: x",
                "name: Sky",
                "notes: >-",
                "quote: |",
                'title: "Sky',
                'Lark: x"',
                "a point",
                "- a point",
                "Source: a site",
                "{name: Sky, country: XX}",
            ]
        ),
    ).map("".join),
    min_size=1,
    max_size=12,
)


@given(_LINES_OF_RECORDS, st.data())
def test_a_value_starts_at_or_below_the_top_of_its_record(
    lines: list[str], data: st.DataObject
) -> None:
    """With the line its record starts on, the search for where a value
    starts finds what it finds without it, unless that is above the
    record, where no value of the record starts.
    """
    text = "\n".join(lines) + "\n"
    line = data.draw(st.integers(1, len(lines)))
    column = data.draw(st.integers(1, 30))
    top = data.draw(st.integers(1, line))
    anywhere = parsing.value_start(text, line, column)
    within = parsing.value_start(text, line, column, top=top)
    assert within[0] >= top
    assert within == (anywhere if anywhere[0] >= top else (line, within[1]))
    if within[0] == line:
        assert within[1] <= column


def test_the_search_for_a_value_stays_in_its_record(
    lines_looked_at: LinesLookedAt,
) -> None:
    """Every record of a list file of anonymous people has the positions
    of its problems and references placed at the start of their values
    (see validation._placed_safely); a search up from each through the
    whole file above it took 90 s for 100,000 people, against 12 s.
    """
    text = "".join(
        f"- id: person-{i:06d}\n  disclosure: anonymous\n  country: FR\n"
        f"  notes: >-\n    line one\n    line two\n"
        for i in range(2_000)
    )
    lines = parsing._BREAK.split(text)
    last = len(lines) - 2  # the last record's second line of notes
    assert "    line two" == lines[last]
    top = last - 5
    assert lines[top].startswith("- id: person-001999")
    assert (last - 1, 10) == parsing.value_start(
        text, last + 1, 9, top=top + 1
    )
    assert lines_looked_at.count < 10
    # Its id, on its first line, has nothing above it to look at.
    lines_looked_at.count = 0
    assert (top + 1, 7) == parsing.value_start(text, top + 1, 9, top=top + 1)
    assert lines_looked_at.count < 3


@given(st.text(alphabet="ab \n\r\x85\u2028\u2029"))
def test_lines_are_split_at_every_break_yaml_knows(text: str) -> None:
    parsing._lines_of.cache_clear()
    assert parsing._BREAK.split(text) == parsing._lines_of(text)
