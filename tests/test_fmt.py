"""fmt: the canonical form, kept comments and values, safe writes."""

from __future__ import annotations

import io
import os
import re
import stat

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_registry import fmt
from coalition_registry.cli import run
from coalition_registry.dump import dump
from coalition_registry.fmt import comments, format_text, write_atomic
from coalition_registry.model import (
    FOLDERS,
    Organisation,
    Person,
    RegistryInfo,
)
from coalition_registry.parsing import parse
from coalition_registry.schema import Identifiers, ListOf, Nested, yaml_fields
from coalition_registry.validation import read_records
from conftest import SHIPPED, WriteFile, interrupt_open
from strategies import groups, letters, organisations, people


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def canonical(text: str, cls: type[Any] = Organisation) -> str:
    done = format_text(text, cls)
    assert done.failure is None
    return done.text


def records(text: str, cls: type[Any] = Organisation) -> tuple[Any, ...]:
    result = read_records(text.encode(), "f.yaml", cls)
    assert [] == [str(p) for p in result.problems if p.is_error]
    return result.records


def shipped_files() -> list[Path]:
    return sorted(SHIPPED.rglob("*.yaml"))


def cls_of(path: Path) -> type[Any]:
    parts = path.relative_to(SHIPPED).parts
    return RegistryInfo if len(parts) == 1 else FOLDERS[parts[0]]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


MODELINE = "# yaml-language-server: $schema=organisation.schema.json\n"


class TestCanonicalForm:
    @pytest.mark.parametrize("newline", ["\r\n", "\r"])
    def test_line_breaks_become_lf_comments_included(
        self, newline: str
    ) -> None:
        """A CR must not stay behind at the end of a comment."""
        text = (
            'id: o1\nname: O  # c\nsources:\n  - url: "https://e.org/"  # s\n'
        )
        new = canonical(text.replace("\n", newline))
        assert "\r" not in new
        assert new == canonical(text)
        assert new == canonical(new)

    @pytest.mark.parametrize(
        "text",
        [
            "\n\nid: example\nname: Example\n",
            "\n\n# header\n\nid: example\nname: Example\n",
            "\n\n- id: example\n  name: Example\n",
            "name: Example\n\n\nid: example\n",
            "notes: |-\n  A note\n\n\nid: example\nname: Example\n",
        ],
    )
    def test_blank_lines_at_the_top_go_at_once(self, text: str) -> None:
        """ruamel.yaml drops one blank line at the top of a file a run:
        fmt changed such a file again at each run, and fmt --check failed
        after fmt.
        """
        once = canonical(text)
        assert not once.startswith("\n")
        assert canonical(once) == once

    def test_comments_in_a_list_of_records_stay_put(self) -> None:
        """ruamel.yaml writes a top-level list two spaces in, and each
        comment where it was: moved back to the margin, every indented
        comment went two spaces left at each run.
        """
        text = (
            "- id: example    # the first\n"
            "  # about the name\n"
            "  name: Example\n"
            "    # under the name\n"
            "- id: other\n"
            "  name: Other  # the second\n"
        )
        assert canonical(text) == text

    def test_a_comment_under_a_field_with_no_value(self) -> None:
        """ruamel.yaml keeps the comment lines under a field with no value
        as the next field's: moved first in a list's item, they were written
        between its "-" and the field, and above the item at the next run.
        """
        text = (
            "id: example\nname: Example\nsources:\n"
            "  - publisher:\n"
            "    # to find\n"
            '    url: "https://example.org"\n'
        )
        once = canonical(text)
        assert (
            "id: example\nname: Example\nsources:\n"
            '  - url: "https://example.org"\n'
            "    # to find\n"
            "    publisher:\n"
        ) == once
        assert canonical(once) == once

    @pytest.mark.parametrize(
        "after",
        ["# reviewed\n", "\n# reviewed\n", "\n\n\n", "name: Example\n"],
    )
    def test_folded_text_ending_with_a_space(self, after: str) -> None:
        """ruamel.yaml wrote folded text whose last line ends with a space
        without its line break: the next line was joined to it (refused,
        or a blank line lost at each run).
        """
        text = f"id: example\nnotes: >-\n  A note \n{after}"
        once = canonical(text)
        assert "  A note \n" in once
        assert canonical(once) == once

    def test_a_tag_is_kept(self) -> None:
        """A value tagged as text stays as written (ruamel.yaml's round-trip
        writer, not its plain one, which wrote ``!!%20str``).
        """
        text = "id: example\nname: !!str Example\n"
        assert canonical(text) == text

    def test_an_editors_modeline_stays_on_top(self) -> None:
        """yaml-language-server reads its modeline only at the top of the
        file: it is not moved with the key below it."""
        text = (
            "# yaml-language-server: $schema=organisation.schema.json\n"
            "# about the name\n"
            "name: Example\n"
            "id: example\n"
        )
        assert (
            "# yaml-language-server: $schema=organisation.schema.json\n"
            "id: example\n"
            "# about the name\n"
            "name: Example\n"
        ) == canonical(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                f"{MODELINE}---\nid: example\nname: Example\n",
                f"{MODELINE}\nid: example\nname: Example\n",
            ),
            (
                "# head\n---\nid: example\nname: Example\n...\n# tail\n",
                "# head\n\nid: example\nname: Example\n\n# tail\n",
            ),
            # A comment after the marker stays, on the marker's line.
            (
                "# head\n--- # why\nid: example\nname: Example\n",
                "# head\n# why\nid: example\nname: Example\n",
            ),
            # After a directive, it is needed: left.
            (
                "%YAML 1.2\n---\nid: example\nname: Example\n",
                "%YAML 1.2\n---\nid: example\nname: Example\n",
            ),
            # Unless a comment stands above it: a %YAML line changes
            # nothing (records are YAML 1.2), and goes with it.
            (
                "%YAML 1.2\n# head\n---\nid: example\nname: Example\n",
                "# head\n\nid: example\nname: Example\n",
            ),
            (
                "# head\n%YAML 1.1 # old\n--- # why\nid: example\n",
                "# head\n# old\n# why\nid: example\n",
            ),
            # A %TAG line changes how tags are read: all is left.
            (
                "%TAG !e! tag:example.org,2024:\n# head\n---\nid: example\n",
                None,
            ),
            # On the first line, with a comment after it: the comment
            # was written indented (found by a review).
            (
                "--- # why\nid: example\nname: Example\n",
                "# why\nid: example\nname: Example\n",
            ),
        ],
    )
    def test_a_document_marker_beside_comments_goes(
        self, text: str, expected: str | None
    ) -> None:
        """ruamel.yaml cannot keep a comment on the other side of a marker,
        which a file of one document does not need: a valid file failed
        fmt --check, told to move a comment already on its own line.
        """
        if expected is None:
            assert format_text(text, Organisation).failure is not None
            return
        assert expected == canonical(text)
        assert expected == canonical(expected)

    def test_comments_after_a_flow_list_follow_their_fields(self) -> None:
        """The comment lines after a list written in brackets stood above
        the next field: written as a block, they came between the list's
        key and its first item, and stayed there when that field moved.
        """
        text = (
            "id: example\n"
            "name: Example\n"
            'sources: [{url: "https://example.org"}]  # the source\n'
            "# about aliases\n"
            "aliases: [ECRT, Example CRT]  # from the letter\n"
            "# above identifiers\n"
            'identifiers: {GB-CHC: "123"}  # its number\n'
            "# above kind\n"
            "kind: charity\n"
        )
        assert (
            "id: example\n"
            "name: Example\n"
            "# about aliases\n"
            "aliases: # from the letter\n"
            "  - ECRT\n"
            "  - Example CRT\n"
            "# above kind\n"
            "kind: charity\n"
            "# above identifiers\n"
            "identifiers: # its number\n"
            '  GB-CHC: "123"\n'
            "sources: # the source\n"
            '  - url: "https://example.org"\n'
        ) == canonical(text)
        # In order already, they stay where they were.
        text = (
            "id: example\n"
            "name: Example\n"
            "aliases: [ECRT, Example CRT]  # from the letter\n"
            "# above kind\n"
            "kind: charity\n"
            'sources:\n  - url: "https://example.org"\n'
        )
        assert (
            "aliases: # from the letter\n"
            "  - ECRT\n"
            "  - Example CRT\n"
            "# above kind\n"
            "kind: charity\n"
        ) in canonical(text)

    def test_comments_among_a_flow_lists_items_follow_them(self) -> None:
        """A comment after an item of a list written in brackets, one item
        a line, stays on that item's line; whole comment lines stay after
        it.  ruamel.yaml keeps them above the next item: written as a
        block, each came on a line of its own at the column it had.
        """
        text = (
            "id: example\n"
            "kind: charity\n"
            "aliases: [\n"
            "  ECRT,  # short\n"
            "  # the letter's\n"
            "  Example CRT, # as signed\n"
            "]\n"
            "name: Example\n"
        )
        expected = (
            "id: example\n"
            "name: Example\n"
            "aliases:\n"
            "  - ECRT # short\n"
            "  # the letter's\n"
            "  - Example CRT # as signed\n"
            "kind: charity\n"
        )
        assert expected == canonical(text)
        assert expected == canonical(expected)

    def test_kept_blank_lines_at_the_end_need_no_end_marker(self) -> None:
        """Text that keeps its last blank lines (``|+``) at the end of a
        file is written without the ``...`` ruamel.yaml adds after it,
        which holds no value, and a ``...`` there is taken off, saying so.
        """
        text = "id: example\nname: Example\nnotes: |+\n  A note.\n\n"
        assert text == canonical(text)
        assert text == canonical(text + "...\n")
        assert "take this line off: the file ends here without it" == (
            fmt._what_changes((text + "...\n").encode(), text.encode(), 6)
        )

    def test_keys_in_model_order_comments_follow_their_keys(self) -> None:
        """A key moves with the comment lines above it and its own."""
        text = (
            "# header\n"
            "\n"
            "name: Example  # the name\n"
            "# above id\n"
            "id: example\n"
            "sources:\n"
            "  - publisher: Someone  # who\n"
            '    url: "https://example.org"\n'
            "# above kind\n"
            "kind: charity\n"
            "# the end\n"
        )
        assert (
            "# header\n"
            "\n"
            "# above id\n"
            "id: example\n"
            "name: Example  # the name\n"
            "# above kind\n"
            "kind: charity\n"
            "sources:\n"
            '  - url: "https://example.org"\n'
            "    publisher: Someone  # who\n"
            "# the end\n"
        ) == canonical(text)

    def test_unknown_keys_stay_at_the_end_untouched(self) -> None:
        """Keys the model does not know are neither dropped nor requoted."""
        text = "extra: 'x'\nname: Example\nid: example\n"
        assert "id: example\nname: Example\nextra: 'x'\n" == canonical(text)

    def test_quoting(self) -> None:
        """Codes and ambiguous text double-quoted, plain text plain,
        registry numbers always quoted, typed values plain.
        """
        text = (
            "id: 'example'\n"
            "name: 'Example Trust'\n"
            "aliases:\n"
            "  - NO\n"
            "  - 'Example: the Trust'\n"
            "hq_country: GB\n"
            "registered_country: 'NO'\n"
            "website: https://example.org\n"
            "identifiers:\n"
            "  GB-CHC: 0123\n"
            "  'GB-SC': SC037605\n"
        )
        assert (
            "id: example\n"
            "name: Example Trust\n"
            "aliases:\n"
            '  - "NO"\n'
            '  - "Example: the Trust"\n'
            'hq_country: "GB"\n'
            'registered_country: "NO"\n'
            'website: "https://example.org"\n'
            "identifiers:\n"
            '  GB-CHC: "0123"\n'
            '  GB-SC: "SC037605"\n'
        ) == canonical(text)

    def test_dates_numbers_and_flags_stay_plain(self) -> None:
        """What dump writes plain, fmt writes plain."""
        text = (
            "id: letter-1\n"
            "title: A letter\n"
            "date: '2023-09-18'\n"
            'recipients_complete: "false"\n'
            "claims:\n"
            "  - value: '104'\n"
            "    measure: signatories\n"
        )
        assert (
            "id: letter-1\n"
            "title: A letter\n"
            "date: 2023-09-18\n"
            "recipients_complete: false\n"
            "claims:\n"
            "  - measure: signatories\n"
            "    value: 104\n"
        ) == canonical(text, FOLDERS["letters"])

    @pytest.mark.parametrize("date", ["2021-03", "2021"])
    def test_a_month_or_a_year_stays_plain(self, date: str) -> None:
        """A letter's or a page's date known only to the month or the
        year is a date, written plain; in a field that takes only days, it
        is text (and refused), quoted."""
        text = (
            f"id: letter-1\ntitle: A letter\ndate: '{date}'\nsources:\n"
            f'  - url: https://example.org/a\n    published: "{date}"\n'
            f"    accessed: {date}\n"
        )
        assert (
            f"id: letter-1\ntitle: A letter\ndate: {date}\nsources:\n"
            f'  - url: "https://example.org/a"\n    published: {date}\n'
            f'    accessed: "{date}"\n'
        ) == canonical(text, FOLDERS["letters"])

    def test_block_text_and_empty_values_are_kept(self) -> None:
        """Folded and literal text keep their style; null stays null."""
        text = (
            "id: example\n"
            "name: Example\n"
            "kind:\n"
            "scope: null\n"
            "notes: >-\n"
            "    A long note that goes on\n"
            "    over two lines.  # not a comment\n"
        )
        assert (
            "id: example\n"
            "name: Example\n"
            "kind:\n"
            "scope: null\n"
            "notes: >-\n"
            "  A long note that goes on\n"
            "  over two lines.  # not a comment\n"
        ) == canonical(text)

    def test_flow_collections_become_blocks(self) -> None:
        """``[...]`` and ``{...}`` are written one item a line."""
        text = (
            "id: example\nname: Example\naliases: [Ex, Exemplar]\n"
            "identifiers: {GB-CHC: '1'}\n"
            "sources: [{url: 'https://example.org'}]\n"
        )
        assert (
            "id: example\n"
            "name: Example\n"
            "aliases:\n"
            '  - "Ex"\n'
            "  - Exemplar\n"
            "identifiers:\n"
            '  GB-CHC: "1"\n'
            "sources:\n"
            '  - url: "https://example.org"\n'
        ) == canonical(text)

    def test_indentation(self) -> None:
        """Two spaces a level; list items two spaces under their key."""
        text = (
            "id: example\n"
            "name: Example\n"
            "sources:\n"
            '-   url: "https://example.org"\n'
            "    publisher: Someone\n"
        )
        assert (
            "id: example\n"
            "name: Example\n"
            "sources:\n"
            '  - url: "https://example.org"\n'
            "    publisher: Someone\n"
        ) == canonical(text)

    def test_a_list_of_records_starts_at_the_margin(self) -> None:
        """A bulk-import file's records are each put in canonical form."""
        text = (
            "# two records\n"
            "- name: A one\n"
            "  id: a-one\n"
            "- id: b-two\n"
            "  name: B two\n"
            "  notes: |\n"
            "    kept\n"
            "      as written\n"
        )
        assert (
            "# two records\n"
            "- id: a-one\n"
            "  name: A one\n"
            "- id: b-two\n"
            "  name: B two\n"
            "  notes: |\n"
            "    kept\n"
            "      as written\n"
        ) == canonical(text)

    @pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
    def test_shipped_files_keep_their_records(self, path: Path) -> None:
        """Formatting a real file changes no record, and is idempotent."""
        text = path.read_text(encoding="utf-8")
        cls = cls_of(path)
        once = canonical(text, cls)
        assert canonical(once, cls) == once
        if cls is not RegistryInfo:
            assert records(text, cls) == records(once, cls)
        assert comments(text) == comments(once)


HOSTILE = Path(__file__).parent / "data" / "hostile"


def _accepted_hostile() -> list[Path]:
    return sorted(
        case
        for case in HOSTILE.glob("*.yaml")
        if case.with_suffix(".expected")
        .read_text(encoding="utf-8")
        .startswith("accepted")
    )


@pytest.mark.parametrize("case", _accepted_hostile(), ids=lambda p: p.stem)
def test_fmt_of_any_accepted_file_is_settled(case: Path) -> None:
    """fmt --check passes after fmt, whatever the valid file held: a %TAG
    directive made the second fmt quote a value the first left plain."""
    text = case.read_bytes().decode("utf-8", "replace")
    once = format_text(text, Organisation)
    if once.failure is None:
        assert format_text(once.text, Organisation).text == once.text


def test_a_tag_directive_is_formatted_in_one_run() -> None:
    text = (
        "%TAG !e! tag:yaml.org,2002:\n---\nid: example-charity\n"
        "name: Example Charity\nnotes: !e!str x\n"
        'sources:\n  - url: "https://example.org/a"\n'
    )
    once = format_text(text, Organisation)
    assert once.failure is None
    assert format_text(once.text, Organisation).text == once.text


class TestSafety:
    def test_values_are_checked(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A formatting that would change a value is refused."""
        # Make fmt write every text plain: "null" would become no value.
        monkeypatch.setattr(fmt, "scalar", lambda text: text)
        monkeypatch.setattr(fmt, "_NULLS", frozenset())
        text = 'id: example\nname: "null"\n'
        done = format_text(text, Organisation)
        assert done.text == text
        assert done.failure is not None
        assert "change a value" in done.failure

    def test_a_comment_read_in_a_value_says_why_and_how(self) -> None:
        """'Example #1 Trust' is "Example" and a comment to YAML: fmt
        leaves it, and says which line and what to do, not only "by
        hand".
        """
        text = (
            "id: example\nname: Example #1 Trust\nsources:\n"
            '  - url: "https://example.org"\n'
        )
        done = format_text(text, Organisation)
        assert done.text == text
        assert done.failure is not None
        assert "on line 2, ' #'" in done.failure
        assert "double quotes" in done.failure

    def test_comments_are_checked(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A formatting that would lose a comment is refused."""
        real = fmt.comments
        seen: list[str] = []

        def losing(text: str) -> Any:
            seen.append(text)
            found = real(text)
            return found if len(seen) == 1 else found - found

        monkeypatch.setattr(fmt, "comments", losing)
        text = "name: Example  # kept?\nid: example\n"
        done = format_text(text, Organisation)
        assert (text, True) == (done.text, "comment" in str(done.failure))

    @pytest.mark.parametrize(
        ("text", "line"),
        [
            ("id: example\nname:\n  # why\n  Example\n", 3),
            ("id: example\nname: Example\n...\n...\n# after the end\n", 5),
        ],
    )
    def test_a_comment_ruamel_loses_is_named_by_its_line(
        self, text: str, line: int
    ) -> None:
        """The refusal says which comment, by its line (not its text, which
        may be private), and what to do: "format this file by hand" alone
        left the volunteer to look for it.
        """
        done = format_text(text, Organisation)
        assert done.text == text
        assert (
            f"formatting would lose or change the comment on line {line}: "
            "ruamel.yaml cannot keep a comment where it stands; move it onto "
            "a line of its own above a field, then run fmt again"
        ) in str(done.failure)

    def test_comments_finds_comments_only(self) -> None:
        """A # inside quotes or block text is text, not a comment."""
        text = (
            "a: '# not'  # one\n"
            "b: x#y\n"
            "c: >-  # two\n"
            "  # three is text\n"
            "# four\n"
        )
        assert {"# one": 1, "# two": 1, "# four": 1} == dict(comments(text))

    def test_unreadable_text_is_refused(self) -> None:
        """Text ruamel cannot read is left as it is."""
        done = format_text("a: [b\n", Organisation)
        assert ("a: [b\n", True) == (done.text, done.failure is not None)

    @pytest.mark.parametrize(
        "name",
        [
            "name:\tExample Charity\n",
            "name: \t Example Charity\n",
            'name: "Example Charity"\t\n',
            "name: Example Charity \t \n",
            'name:\t"Example:\tCharity"\n',
            "name: Example Charity\t# the name\n",
            'name: "Example Charity" \t\t# a # b\n',
        ],
    )
    def test_tabs_the_validator_reads_are_formatted(self, name: str) -> None:
        """A tab after a field's ':', before a comment or at the end of a
        line is space to YAML: the file is valid, so fmt must format it
        (ruamel.yaml alone refuses it), keeping the value and the comment.
        """
        text = f"id: example-charity\n{name}sources:\n  - url: https://a.org\n"
        new = canonical(text)
        assert records(text) == records(new)
        assert "\t" not in new.replace("\\t", "")

    def test_tabs_inside_values_are_kept(self) -> None:
        """A tab or a trailing blank inside block text is part of the value:
        it is not removed to please ruamel.yaml.
        """
        text = (
            "id: example-charity\nname: Example Charity\n"
            "notes: |\n  a\t\n  b \nsources:\n  - url: https://a.org\n"
        )
        assert fmt._untabbed(text) == text
        assert records(text) == records(canonical(text))

    def test_blanks_outside_block_text_go_beside_a_tab_inside_it(
        self,
    ) -> None:
        """A tab ending a name beside one ending a line of block text: the
        name's went, all or nothing, and ruamel.yaml then refused it, with
        advice to quote the name, which would have put the tab in it.
        """
        text = (
            "id: example-charity\nname: Example Charity\t\n"
            "notes: |\n  line one\t\nsources:\n  - url: https://a.org\n"
        )
        assert fmt._untabbed(text) == text.replace("Charity\t", "Charity")
        done = format_text(text, Organisation)
        assert done.failure is None
        assert records(text) == records(done.text)

    def test_a_long_run_of_blanks_inside_a_value_takes_no_time(self) -> None:
        """Blanks at the ends of lines are removed in time that grows with
        the text: a run of 300,000 spaces inside a quoted value, in a file
        with a blank at the end of a line, took minutes (a megabyte took
        hours), each of its spaces being walked to the run's end.
        """
        text = (
            'id: example-charity\nname: "Example'
            + " " * 300_000
            + 'Charity" \nsources:\n  - url: https://a.org\n'
        )
        assert fmt._untabbed(text) == text.replace('" \n', '"\n')

    @given(st.text(alphabet=" \t\n\r\x85\u2028a#"))
    def test_trailing_blanks_are_those_the_first_pattern_found(
        self, text: str
    ) -> None:
        """The pattern that starts at a run's first blank removes what the
        plain ``[ \\t]+$`` did.
        """
        plain = re.compile(r"[ \t]+$", re.MULTILINE)
        assert plain.sub("", text) == fmt._TRAILING_BLANKS.sub("", text)

    def test_unreadable_text_says_where_and_what_to_change(self) -> None:
        """When ruamel.yaml cannot read a file the validator reads, the
        reason names the line and column, not an exception class.
        """
        text = (
            "id: example-charity\nname: Example\tCharity\n"
            "sources:\n  - url: https://a.org\n"
        )
        records(text)  # valid
        done = format_text(text, Organisation)
        assert done.text == text
        assert done.failure is not None
        assert done.failure == (
            "line 2, column 14 holds a tab inside a value, which fmt cannot "
            "rewrite; replace the tab with a space, or, if it belongs in the "
            'value, put the whole value in double quotes ("...")'
        )
        # Either fix is one fmt then takes.
        for fixed in (
            text.replace("\t", " "),
            text.replace("Example\tCharity", '"Example\tCharity"'),
        ):
            done = format_text(fixed, Organisation)
            assert done.failure is None, done.failure


class TestProperties:
    @given(st.one_of(organisations(), people(), groups(), letters()))
    def test_dumped_records_survive_and_fmt_is_idempotent(
        self, record: Any
    ) -> None:
        """fmt keeps every value of a dumped record, and fmt twice is fmt
        once; without registry numbers, dump already writes the canonical
        form.
        """
        text = dump(record)
        once = canonical(text, type(record))
        assert (record,) == records(once, type(record))
        assert once == canonical(once, type(record))
        if not getattr(record, "identifiers", ()):
            assert text == once

    @given(
        st.one_of(organisations(), people(), groups(), letters()),
        st.booleans(),
        st.randoms(use_true_random=False),
    )
    def test_fmt_twice_is_fmt_once_with_comments_anywhere(
        self, record: Any, listed: bool, random: Any
    ) -> None:
        """With comments and blank lines at any indentation, in a file of
        one record or a list of them, fmt gives a text it leaves as it is:
        fmt --check passes after fmt.
        """
        lines = dump(record).splitlines()
        if listed:
            lines = ["- " + lines[0]] + ["  " + line for line in lines[1:]]
        text = ""
        for line in lines:
            where = random.random()
            if where < 0.2:
                text += " " * random.randrange(7) + "# above\n"
            elif where < 0.3:
                text += "\n"
            text += line
            if random.random() < 0.2:
                text += " " * random.randrange(1, 5) + "# after"
            text += "\n"
        once = canonical(text, type(record))
        assert canonical(once, type(record)) == once

    @given(
        organisations(identifiers=()),
        st.randoms(use_true_random=False),
    )
    def test_any_key_order_gives_one_form(
        self, record: Organisation, random: Any
    ) -> None:
        """Shuffled top-level fields, each with a comment above it, come
        back in the canonical order with each comment above its field.
        """
        text = dump(record)
        blocks: list[list[str]] = []
        for line in text.splitlines(keepends=True):
            if line[0] != " ":
                blocks.append([])
            blocks[-1].append(line)
        random.shuffle(blocks)
        shuffled = "".join(
            f"# about {b[0].split(':')[0]}\n" + "".join(b) for b in blocks
        )
        once = canonical(shuffled)
        lines = once.splitlines()
        assert text == "".join(
            line + "\n" for line in lines if not line.startswith("#")
        )
        for i, line in enumerate(lines):
            if line.startswith("# about "):
                assert lines[i + 1].startswith(line[len("# about ") :] + ":")

    @given(
        st.lists(st.sampled_from(["a: 1", "b: 2", "c: 3"]), min_size=1),
        st.data(),
    )
    def test_the_lines_said_to_change_are_those_that_do(
        self, lines: list[str], data: st.DataObject
    ) -> None:
        """Lines changed in place are said, each once, in order, after the
        first; lines taken away or added are said inside the file."""
        old = "\n".join(lines) + "\n"
        changed = data.draw(
            st.sets(st.integers(0, len(lines) - 1), min_size=1)
        )
        edited = [
            f'{line[:3]}"{line[3:]}"' if i in changed else line
            for i, line in enumerate(lines)
        ]
        new = "\n".join(edited) + "\n"
        first = min(changed) + 1
        said = fmt._other_changes(old.encode(), new.encode(), first)
        assert [
            (i + 1, "put its value in double quotes")
            for i in sorted(changed)
            if i + 1 > first
        ] == list(said)
        # Cut or grown, every line said is one of the file's, after the
        # first, each once.
        cut = data.draw(st.integers(0, len(edited)))
        grown = edited[:cut] + data.draw(st.lists(st.just("d: 4")))
        new = "\n".join(grown) + "\n"
        numbers = [
            line
            for line, _ in fmt._other_changes(old.encode(), new.encode(), 1)
        ]
        assert numbers == sorted(set(numbers))
        assert all(1 < n <= len(lines) + 1 for n in numbers)


class TestCommand:
    def test_shipped_data_is_canonical(self) -> None:
        """fmt --check passes on the shipped registry."""
        assert (0, "") == cli("fmt", "--check", str(SHIPPED))[::2]

    def test_check_lists_and_changes_nothing(self, shipped_copy: Path) -> None:
        """--check exits 1 listing the files that would change."""
        (shipped_copy / "organisations" / "apple.yaml").write_text(
            "name: Apple\nid: apple\nsources:\n"
            "  - url: 'https://example.org'\n"
        )
        before = snapshot(shipped_copy)
        code, out, _ = cli("fmt", "--check")
        assert 1 == code
        assert "would reformat registry_data/organisations/apple.yaml" in out
        assert before == snapshot(shipped_copy)

    def test_check_names_the_first_line_that_would_change(
        self, shipped_copy: Path
    ) -> None:
        """On GitHub's website, where fmt cannot be run, "would reformat"
        alone left the contributor to compare the whole file by eye."""
        (shipped_copy / "organisations" / "apple.yaml").write_text(
            'id: apple\nname: Apple\nsources:\n  - url: "https://example.org"\n'
            "notes: Done\nkind: company\n"
        )
        _, out, _ = cli("fmt", "--check")
        assert (
            "would reformat registry_data/organisations/apple.yaml "
            "(first change on line 3: 'kind' comes before 'sources': move it "
            "up)\n"
        ) in out
        # Written, the file is simply reformatted.
        written = cli("fmt")[1]
        assert (
            "reformatted registry_data/organisations/apple.yaml\n" in written
        )

    def test_a_field_moved_down_that_changes_too_is_said(
        self, shipped_copy: Path
    ) -> None:
        """'kind' moves up, and the country below it is quoted: the second
        change was "and on line 4", with no word of what, on the line of
        the field moving up (found by a review played as a new volunteer).
        """
        (shipped_copy / "organisations" / "example-org.yaml").write_text(
            "id: example-org\nname: Example Org\nhq_country: IE\n"
            'kind: charity\nsources:\n  - url: "https://example.org/x"\n'
        )
        _, out, _ = cli("fmt", "--check")
        assert (
            "would reformat registry_data/organisations/example-org.yaml "
            "(first change on line 3: 'kind' comes before 'hq_country': move "
            "it up; and on the line of 'hq_country', put its value in double "
            "quotes)\n"
        ) in out
        assert "and on line 4" not in out

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            (
                "id: apple\nname: Apple\nhq_country: US\n",
                "line 3: put its value in double quotes",
            ),
            (
                "id: apple\nname: 'Apple'\n",
                "line 2: take the quotes off its value",
            ),
            (
                "id: apple\nname: 'Apple, Inc.'\n",
                "line 2: put its value in double quotes, not single ones",
            ),
            ("name: Apple\nid: apple\n", "line 1: 'id' comes before 'name'"),
            ("id: apple  \nname: Apple\n", "line 1: take the spaces off"),
            # An identifier's scheme is no field's name, but needs none said.
            (
                "id: apple\nname: Apple\nidentifiers:\n  GB-CHC: '1234567'\n",
                "line 4: put its value in double quotes, not single ones",
            ),
            (
                "id: apple\nname: Apple\naliases: [Apple Inc]\n",
                "line 3: write the list one item a line, each after '- '",
            ),
            # Line breaks: it said to take spaces off that were not there.
            (
                'id: apple\r\nname: Apple\r\nhq_country: "US"\n',
                "line 3: end the line with CRLF, as the file's first line",
            ),
            (
                'id: apple\nname: Apple\nsources:\n  - url: "https://a.org"',
                "line 4: end the file with a line break",
            ),
            (
                (
                    "id: apple\nname: Apple\nsources:\n"
                    '    - url: "https://example.org"\n'
                ),
                "line 4: start it after 2 spaces",
            ),
        ],
    )
    def test_check_says_what_to_change_on_the_line(
        self, shipped_copy: Path, text: str, said: str
    ) -> None:
        """A contributor on GitHub's website, who cannot run fmt, is told
        what to change, in words: not only where."""
        if "sources" not in text:
            text += 'sources:\n  - url: "https://example.org"\n'
        (shipped_copy / "organisations" / "apple.yaml").write_text(text)
        out = cli("fmt", "--check")[1]
        assert f"(first change on {said}" in out

    def test_check_names_every_line_that_would_change(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A contributor who fixes files by hand (on GitHub's website) is
        told every line to fix, not one per run of CI."""
        (shipped_copy / "organisations" / "apple.yaml").write_text(
            "id: apple\nname:   Apple\nkind: 'company'\n"
            "hq_country: US\nsources:\n  - url: 'https://example.org'\n"
        )
        out = cli("fmt", "--check")[1]
        assert (
            "would reformat registry_data/organisations/apple.yaml (first "
            "change on line 2: write one space after the colon)\n"
            "  and on line 3: take the quotes off its value\n"
            "  and on line 4: put its value in double quotes\n"
            "  and on line 6: put its value in double quotes, not single "
            "ones\n"
        ) in out
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        lines = cli("fmt", "--check")[1].splitlines()
        assert [
            (
                "::error file=registry_data/organisations/apple.yaml,line=3,"
                "title=fmt::this line is not in the registry's layout: take "
                "the quotes off its value (or run coalition-registry fmt on "
                "the file)"
            ),
            (
                "::error file=registry_data/organisations/apple.yaml,line=4,"
                "title=fmt::this line is not in the registry's layout: put "
                "its value in double quotes (or run coalition-registry fmt on "
                "the file)"
            ),
        ] == lines[1:3]

    def test_check_says_at_most_ten_more_lines_a_file(
        self, shipped_copy: Path
    ) -> None:
        """A file written in another layout throughout is one run of fmt
        away, not a page of lines."""
        aliases = "".join(f"  - 'Apple {i}'\n" for i in range(15))
        (shipped_copy / "organisations" / "apple.yaml").write_text(
            f"id: apple\nname: Apple\naliases:\n{aliases}sources:\n"
            '  - url: "https://example.org"\n'
        )
        out = cli("fmt", "--check")[1]
        said = re.findall(r"^  and on line (\d+)", out, re.MULTILINE)
        assert [str(n) for n in range(5, 15)] == said
        assert "  and 4 more line(s)\n" in out

    def test_what_to_change_never_repeats_a_value(
        self, shipped_copy: Path
    ) -> None:
        """The value may be private: never it, nor its quoting, which
        tells what characters it holds (an apostrophe, an accent), in a
        record that keeps anything private.
        """
        person = shipped_copy / "people" / "person-q7x2m9.yaml"
        text = (
            "id: person-q7x2m9\ndisclosure: pseudonym\n"
            "name: 'Quillon Marchbanks'\n"
            'sources:\n  - url: "https://example.org"\n'
        )
        person.write_text(text)
        code, out, _ = cli("fmt", "--check")
        assert 1 == code
        assert "(first change on line 3)" in out
        assert "Quillon" not in out
        assert "quotes" not in out
        # Nor which other lines change: whether a value needs quotes.
        person.write_text(
            text.replace("pseudonym", "pseudonym\nprivate:\n  - name")
            + "notes: 'Quillon'\n"
        )
        code, out, _ = cli("fmt", "--check")
        assert 1 == code
        assert "people/person-q7x2m9.yaml (first change on line 3)\n" in out
        assert "and on line" not in out
        # A public person's: said.
        person.write_text(text.replace("pseudonym", "public"))
        assert (
            "line 3: take the quotes off its value" in cli("fmt", "--check")[1]
        )

    def test_under_github_actions_each_file_is_an_annotation(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """In GitHub Actions, a file that would change is an annotation at
        its first changed line, which a pull request shows on that line;
        a file that does not validate is one too, after its problems.
        """
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        (shipped_copy / "organisations" / "apple.yaml").write_text(
            "id: apple\nname: Apple\nhq_country: united states\nsources:\n"
            '  - url: "https://example.org"\nnotes: Done\nkind: company\n'
        )
        (shipped_copy / "organisations" / "meta.yaml").write_text(
            "id: meta\nname: [Meta\n"
        )
        code, out, _ = cli("fmt", "--check", "--fix")
        assert 1 == code
        lines = out.splitlines()
        assert lines[0].startswith(
            "::notice file=registry_data/organisations/apple.yaml,line=3,"
            "col=13,title=fmt --fix::$.hq_country: "
        )
        assert lines[1].startswith(
            "::error file=registry_data/organisations/apple.yaml,line=3,"
            "title=fmt::this file is not in the registry's layout from line "
            "3 on (on that line, 'kind' comes before 'hq_country': move it "
            "up): run coalition-registry fmt on it"
        )
        meta = [line for line in lines if "meta.yaml" in line]
        assert [
            (
                "::error file=registry_data/organisations/meta.yaml,line=2,col=7,"
                "title=yaml-syntax"
            ),
            "::error file=registry_data/organisations/meta.yaml,title=fmt",
        ] == [line.rpartition("::")[0] for line in meta]
        # Asked for, text is text even there; written, files are listed.
        text = cli("fmt", "--check", "--fix", "--format", "text")[1]
        assert (
            "would reformat registry_data/organisations/apple.yaml (first "
            "change on line 3: 'kind' comes before 'hq_country': move it "
            "up)\n"
        ) in text
        assert "::" not in text
        assert (
            "reformatted registry_data/organisations/apple.yaml\n"
            in cli("fmt", "--fix")[1]
        )

    def test_crlf_files_keep_their_line_endings(
        self, shipped_copy: Path
    ) -> None:
        """A registry checked out by git on Windows (CRLF) is canonical as
        it is; a file fmt rewrites keeps the line endings its first line
        has, as black and ruff format do, and a lone CR becomes LF."""
        crlf = {}
        for path in sorted(shipped_copy.rglob("*.yaml")):
            crlf[path] = path.read_bytes().replace(b"\n", b"\r\n")
            path.write_bytes(crlf[path])
        assert (0, 0) == (cli("fmt", "--check")[0], cli("validate")[0])
        assert 0 == cli("fmt")[0]
        assert crlf == {p: p.read_bytes() for p in crlf}
        apple = shipped_copy / "organisations" / "apple.yaml"
        out_of_order = (
            b"name: Apple\nid: apple\nsources:\n  - url: https://e.org/\n"
        )
        apple.write_bytes(out_of_order.replace(b"\n", b"\r\n", 1))
        assert 0 == cli("fmt", str(apple))[0]
        assert (
            b'id: apple\r\nname: Apple\r\nsources:\r\n  - url: "https://e.org/"\r\n'
            == apple.read_bytes()
        )
        apple.write_bytes(out_of_order.replace(b"\n", b"\r"))
        assert 0 == cli("fmt", str(apple))[0]
        assert b"\r" not in apple.read_bytes()

    def test_fmt_then_check_passes_and_keeps_the_registry(
        self, shipped_copy: Path
    ) -> None:
        """fmt writes the canonical form; the registry means the same."""
        _, before, _ = cli("export", "--format", "json")
        assert 0 == cli("fmt")[0]
        assert (0, 0) == (cli("fmt", "--check")[0], cli("validate")[0])
        assert before == cli("export", "--format", "json")[1]
        assert not list(shipped_copy.rglob(".*.tmp"))

    def test_a_tab_after_a_colon_is_formatted(
        self, shipped_copy: Path
    ) -> None:
        """A valid file with a tab after a field's ':' is formatted, so
        fmt --check does not fail CI on it.
        """
        (shipped_copy / "organisations" / "example-charity.yaml").write_text(
            "id: example-charity\nname:\tExample Charity\nsources:\n"
            '  - url: "https://example.org"\n'
        )
        assert 0 == cli("validate")[0]
        assert 0 == cli("fmt")[0]
        assert (0, 0) == (cli("fmt", "--check")[0], cli("validate")[0])

    def test_files_not_read_are_not_formatted(
        self, shipped_copy: Path
    ) -> None:
        """Names validate warns about (ignored-file) are not fmt's either."""
        folder = shipped_copy / "organisations"
        (folder / ".draft.yaml").write_text("id: [\n")
        (folder / "draft.YAML").write_text("name: x\nid: y\n")
        before = snapshot(shipped_copy)
        assert (0, 0) == (cli("fmt", "--check")[0], cli("fmt")[0])
        assert before == snapshot(shipped_copy)

    def test_a_single_file(self, write: WriteFile) -> None:
        """A file can be named on its own."""
        path = write(
            "organisations/apple.yaml",
            "name: Apple\nid: apple\nsources:\n  - url: 'https://a.org'\n",
        )
        code, out, _ = cli("fmt", str(path))
        assert (0, "1 file(s) reformatted, 0 already canonical\n") == (
            code,
            out.splitlines(keepends=True)[-1],
        )
        assert path.read_text().startswith("id: apple\nname: Apple\n")

    def test_invalid_file_is_left_alone(self, write: WriteFile) -> None:
        """A file that does not validate is not rewritten."""
        text = "name: Apple\nid: apple\nkind: shop\n"
        path = write("organisations/apple.yaml", text)
        code, out, _ = cli("fmt")
        assert 1 == code
        assert "error invalid-value" in out
        assert (
            "registry_data/organisations/apple.yaml: left unchanged: it does "
            "not validate (see above)" in out
        )
        assert text == path.read_text()

    def test_an_invalid_file_named_from_inside_is_left_alone(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Named from inside its folder, a file is "apple.yaml" to fmt and
        "../organisations/apple.yaml" to validate: its errors were not
        matched to it, and a file that does not validate was rewritten.
        """
        text = "name: Apple\nid: apple\nkind: shop\n"
        path = write("organisations/apple.yaml", text)
        monkeypatch.chdir(path.parent)
        code, out, _ = cli("fmt", "apple.yaml")
        assert 1 == code
        assert (
            "apple.yaml: left unchanged: it does not validate (see above)\n"
            in out
        )
        assert text == path.read_text()

    def test_an_invalid_file_named_through_a_link_is_left_alone(
        self,
        write: WriteFile,
        shipped_copy: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Named through a link to the registry, a file is
        "link/organisations/apple.yaml" to fmt and "organisations/apple.yaml"
        to validate; named twice, its errors went to the first name only:
        a file that does not validate was rewritten either way.
        """
        text = "name: Apple\nid: apple\nkind: shop\n"
        path = write("organisations/apple.yaml", text)
        (tmp_path / "link").symlink_to(shipped_copy)
        monkeypatch.chdir(shipped_copy)
        through = os.path.relpath(tmp_path / "link/organisations/apple.yaml")
        for names in ([through], ["organisations/apple.yaml", through]):
            code, out, _ = cli("fmt", *names)
            assert 1 == code
            assert "left unchanged: it does not validate" in out
            assert "0 file(s) reformatted" in out
            assert text == path.read_text()

    def test_a_read_only_file_is_left_alone(self, write: WriteFile) -> None:
        """A file is replaced by a new one, which its permissions do not
        prevent: fmt replaced a read-only file without a word.  Root, to
        whom the system allows everything (as in many CI containers), is
        refused too.
        """
        text = "name: Apple\nid: apple\nsources:\n  - url: 'https://a.org'\n"
        path = write("organisations/apple.yaml", text)
        path.chmod(0o444)
        code, out, _ = cli("fmt")
        assert 1 == code
        assert (
            "apple.yaml: left unchanged: the file is read-only; make it "
            "writable (chmod u+w), then run fmt again\n"
        ) in out
        assert text == path.read_text()
        # --check says so too: "would reformat" asked for a run of fmt
        # that then refused.
        code, out, _ = cli("fmt", "--check")
        assert 1 == code
        assert "apple.yaml: left unchanged: the file is read-only" in out
        assert "would reformat" not in out

    def test_a_link_is_not_written_through(self, write: WriteFile) -> None:
        """Written through, the file a link points to changed too, as
        another file: one fmt said it left as it was.
        """
        text = "name: Apple\nid: apple\nsources:\n  - url: 'https://a.org'\n"
        target = write("apple-record.txt", text)
        link = Path("registry_data/organisations/apple.yaml")
        link.unlink(missing_ok=True)
        link.symlink_to(target.resolve())
        code, out, _ = cli("fmt")
        assert 1 == code
        assert (
            "apple.yaml: left unchanged: the file is a symbolic link, which "
            "fmt does not write through"
        ) in out
        assert text == target.read_text()
        assert link.is_symlink()
        check = cli("fmt", "--check")[1]
        assert "apple.yaml: left unchanged: the file is a symbolic link" in (
            check
        )

    def test_a_folder_that_refuses_the_new_file(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The error names the file, and says why a folder matters."""
        apple = write(
            "organisations/apple.yaml",
            "name: Apple\nid: apple\nsources:\n  - url: 'https://a.org'\n",
        )

        real_open = os.open

        def refuse(name: Any, *args: Any, **kwargs: Any) -> int:
            if os.fspath(name).endswith(".tmp"):
                raise PermissionError(13, "Permission denied", name)
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
        code, out, _ = cli("fmt")
        assert 1 == code
        assert (
            "registry_data/organisations/apple.yaml: left unchanged: cannot "
            "write it: Permission denied (the new text is written to a file "
            "beside it, in its folder, which must be writable); it is as it "
            "was: fix the cause and run fmt again"
        ) in out.splitlines()
        assert "name: Apple\nid: apple\n" in apple.read_text()

    def test_a_file_it_cannot_write_stops_no_other(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A folder that refuses the new file: the others are formatted,
        and said to be, and the run fails (a review found fmt stopped at
        the first, and said nothing of those it had rewritten).
        """
        for name in ("apple", "meta", "snap"):
            write(
                f"organisations/{name}.yaml",
                f"name: Example {name}\nid: {name}\n"
                "sources:\n  - url: 'https://a.org'\n",
            )
        real_open = os.open

        def refuse(name: Any, *args: Any, **kwargs: Any) -> int:
            if "meta.yaml" in os.fspath(name) and os.fspath(name).endswith(
                ".tmp"
            ):
                raise PermissionError(13, "Permission denied", name)
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
        code, out, err = cli("fmt")
        assert (1, "") == (code, err)
        lines = out.splitlines()
        assert "reformatted registry_data/organisations/apple.yaml" in lines
        assert "reformatted registry_data/organisations/snap.yaml" in lines
        assert any(
            line.startswith(
                "registry_data/organisations/meta.yaml: left unchanged: "
                "cannot write it: Permission denied"
            )
            for line in lines
        )
        code, out, _ = cli("validate")
        assert 0 == code, out

    def test_not_a_record_file(self, shipped_copy: Path) -> None:
        """Only record files are formatted."""
        code, out, _ = cli("fmt", "registry_data/LICENSE")
        assert 1 == code
        assert "left unchanged: not a record file" in out

    def test_a_hidden_file_named_is_not_formatted(
        self, shipped_copy: Path
    ) -> None:
        """validate passes over it, with a warning: formatted, it looked
        checked (pre-commit names such files)."""
        hidden = shipped_copy / "organisations" / ".example-charity.yaml"
        text = "id: wrong-id\nname: 'Example Charity'\nbogus: 1\n"
        hidden.write_text(text)
        code, out, _ = cli("fmt", str(hidden.relative_to(Path.cwd())))
        assert 1 == code
        assert "left unchanged: not a record file: a hidden file" in out
        assert text == hidden.read_text()

    def test_folder_outside_a_registry(self, tmp_path: Path) -> None:
        """A folder with no registry.yaml above it is an error."""
        code, out, _ = cli("fmt", str(tmp_path))
        assert 1 == code
        assert "invalid-registry-file" in out

    def test_missing_path_is_a_usage_error(self, shipped_copy: Path) -> None:
        """A path that does not exist exits 2."""
        assert 2 == cli("fmt", "nowhere")[0]


class TestFix:
    @pytest.mark.parametrize(
        ("written", "code"),
        [
            ("United Kingdom", "GB"),
            ("deu", "DE"),
            ("gb", "GB"),
            ("the Netherlands", "NL"),
            ("Kosovo", "XK"),
            ("UK", "GB"),
            ("Holland", "NL"),
            ("Russia", "RU"),
        ],
    )
    def test_countries_become_codes(
        self, write: WriteFile, written: str, code: str
    ) -> None:
        """Names, alpha-3 and lower-case codes become alpha-2 codes."""
        path = write(
            "organisations/apple.yaml",
            f"id: apple\nname: Apple\nhq_country: {written}\n"
            "sources:\n  - url: 'https://a.org'\n",
        )
        status, out, _ = cli("fmt", "--fix")
        assert 0 == status
        assert f'hq_country: "{code}"\n' in path.read_text()
        assert (
            f":3:13: fixed hq_country: {written!r} is now its ISO alpha-2 "
            f"code {code!r}" in out
        )
        assert 0 == cli("validate")[0]

    def test_claim_countries(self, write: WriteFile) -> None:
        """Countries in a claim's list are fixed too."""
        letter = SHIPPED / "letters" / "survivors-letter-2023.yaml"
        text = letter.read_text().replace(
            "  - measure: countries\n    value: 24\n",
            "  - measure: countries\n    value: 24\n"
            "    countries: [gbr, Canada]\n",
        )
        path = write("letters/survivors-letter-2023.yaml", text)
        assert 0 == cli("fmt", "--fix")[0]
        assert '    countries:\n      - "GB"\n      - "CA"\n' in (
            path.read_text()
        )

    @pytest.mark.parametrize(
        "written",
        [
            *("Untied Kingdom", "Korea", "Deutschland", "Europe"),
            *("no", "na", "No", "ni", "sa"),
        ],
    )
    def test_guesses_are_left_to_a_person(
        self, write: WriteFile, written: str
    ) -> None:
        """A near-miss, a name of two countries, a name in another language
        or a region is not fixed; nor is a word for not known that is also
        a code in lower case ("no" may be Norway, or a volunteer's "none"),
        which validate gives both ways.
        """
        text = f"id: apple\nname: Apple\nhq_country: {written}\n"
        path = write("organisations/apple.yaml", text)
        code, out, _ = cli("fmt", "--fix")
        assert 1 == code
        assert "unknown-country" in out
        assert (
            "a near-miss, a region or a name of two countries is for a" in out
        )
        assert text == path.read_text()

    @pytest.mark.parametrize(
        ("name", "text", "value", "code"),
        [
            # A person who is not public.
            (
                "people/person-4k2m9xq7.yaml",
                (
                    "id: person-4k2m9xq7\ndisclosure: anonymous\n"
                    "country: Iceland\nsources:\n  - url: 'https://a.org'\n"
                ),
                "Iceland",
                "'IS'",
            ),
            # A record whose name is private, of which validate shows no
            # value: a registered country appears in no output at all.
            (
                "organisations/organisation-4hx8q2.yaml",
                (
                    "id: organisation-4hx8q2\nname: Example Survivors Trust\n"
                    'kind: charity\nhq_country: "PE"\n'
                    "registered_country: Uruguay\n"
                    "private:\n  - name\nsources:\n  - url: 'https://a.org'\n"
                ),
                "Uruguay",
                "'UY'",
            ),
        ],
        ids=["person-not-public", "private-name"],
    )
    def test_a_hidden_records_country_is_not_shown(
        self, write: WriteFile, name: str, text: str, value: str, code: str
    ) -> None:
        """The fix message says nothing of a record that shows nothing."""
        write(name, text)
        status, out, _ = cli("fmt", "--fix")
        assert 0 == status
        assert value not in out
        assert code not in out
        assert "not shown: private" in out

    @given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1))
    def test_where_a_hidden_fix_is_tells_nothing_of_the_values_before_it(
        self, private: str
    ) -> None:
        """In a record written on one line, the column of its country
        would tell how long the pseudonym or the notes before it are.
        """
        text = (
            "{id: person-e3w2q1, disclosure: pseudonym, "
            f'name: "X{private}", notes: "{private}", country: Ireland, '
            'sources: [{url: "https://example.org/c"}]}\n'
        )
        (fix,) = format_text(text, Person, fix=True).fixes
        assert (1, 1) == (fix.location.line, fix.location.column)

    def test_where_a_fix_in_a_list_of_records_is(self) -> None:
        """A fix in a bulk-import file names the line and column of the
        value in the file."""
        text = "- id: example\n  name: Example\n  hq_country: gbr  # HQ\n"
        done = format_text(text, Organisation, fix=True)
        assert [(3, 15)] == [
            (f.location.line, f.location.column) for f in done.fixes
        ]
        assert '  hq_country: "GB" # HQ\n' in done.text

    def test_a_fix_in_a_list_of_records_names_the_field(self) -> None:
        """'fixed $[0].hq_country': the location says which record."""
        text = "- id: example\n  name: Example\n  hq_country: UK\n"
        (fix,) = format_text(text, Organisation, fix=True).fixes
        assert "$[0].hq_country" == fix.pointer
        assert ": fixed hq_country: 'UK' is now" in str(fix)

    def test_without_fix_nothing_is_fixed(self, write: WriteFile) -> None:
        """A country name is an error fmt reports but does not touch."""
        text = "id: apple\nname: Apple\nhq_country: France\n"
        path = write("organisations/apple.yaml", text)
        assert 1 == cli("fmt")[0]
        assert text == path.read_text()


class TestAtomicWrite:
    @pytest.mark.parametrize("umask", [0o022, 0o077])
    def test_a_new_file_gets_the_users_permissions(
        self, tmp_path: Path, umask: int
    ) -> None:
        """An export written by a user who keeps files to themselves is
        theirs alone, as a file open() makes would be."""
        old = os.umask(umask)
        try:
            write_atomic(tmp_path / "export.csv", b"name\n")
        finally:
            os.umask(old)
        mode = stat.S_IMODE((tmp_path / "export.csv").stat().st_mode)
        assert 0o666 & ~umask == mode

    def test_a_link_stays_a_link(self, tmp_path: Path) -> None:
        """Written through a symbolic link, the file it names changes and
        the link stays, as an editor saves."""
        real = tmp_path / "real.yaml"
        real.write_bytes(b"old\n")
        link = tmp_path / "link.yaml"
        link.symlink_to("real.yaml")
        write_atomic(link, b"new\n")
        assert link.is_symlink()
        assert b"new\n" == real.read_bytes() == link.read_bytes()
        assert ["link.yaml", "real.yaml"] == sorted(
            p.name for p in tmp_path.iterdir()
        )

    def test_a_crash_mid_write_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Interrupted after half the bytes: the old file is whole and no
        temporary file is left.
        """
        path = tmp_path / "a.yaml"
        path.write_bytes(b"old content\n")
        real_write = os.write

        def half_then_crash(fd: int, data: Any) -> int:
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError("disk full")

        monkeypatch.setattr(os, "write", half_then_crash)
        with pytest.raises(OSError, match="disk full"):
            write_atomic(path, b"new content that is longer\n")
        monkeypatch.undo()
        assert b"old content\n" == path.read_bytes()
        assert ["a.yaml"] == sorted(p.name for p in tmp_path.iterdir())

    def test_a_crash_before_the_rename_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Interrupted between writing and renaming: the same."""
        path = tmp_path / "a.yaml"
        path.write_bytes(b"old\n")

        def fail(*_: Any) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(KeyboardInterrupt):
            write_atomic(path, b"new\n")
        monkeypatch.undo()
        assert (b"old\n", ["a.yaml"]) == (
            path.read_bytes(),
            sorted(p.name for p in tmp_path.iterdir()),
        )

    def test_an_interruption_as_the_temporary_file_is_made(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl+C (or SIGTERM) during os.open is raised as the call returns,
        once the file is made: mkstemp lost its name with its return, and
        left a hidden temporary file in the registry, for git to commit.
        """
        path = tmp_path / "a.yaml"
        path.write_bytes(b"old\n")
        interrupt_open(monkeypatch)
        with pytest.raises(KeyboardInterrupt):
            write_atomic(path, b"new\n")
        monkeypatch.undo()
        assert (b"old\n", ["a.yaml"]) == (
            path.read_bytes(),
            sorted(p.name for p in tmp_path.iterdir()),
        )

    def test_the_file_keeps_its_permissions(self, tmp_path: Path) -> None:
        """A temporary file's private mode does not replace the file's."""
        path = tmp_path / "a.yaml"
        path.write_bytes(b"old\n")
        path.chmod(0o640)
        write_atomic(path, b"new\n")
        assert (b"new\n", 0o640) == (
            path.read_bytes(),
            path.stat().st_mode & 0o777,
        )

    def test_fmt_crash_leaves_the_registry_as_it_was(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A crash during fmt leaves every file whole."""
        path = write(
            "organisations/apple.yaml",
            "name: Apple\nid: apple\nsources:\n  - url: 'https://a.org'\n",
        )
        before = path.read_bytes()

        def fail(*_: Any) -> None:
            raise OSError("power cut")

        monkeypatch.setattr(os, "fsync", fail)
        code, out, _ = cli("fmt", str(path))
        monkeypatch.undo()
        assert 1 == code
        assert "apple.yaml: left unchanged: cannot write it: power cut" in out
        assert before == path.read_bytes()
        assert [] == list(path.parent.glob(".*"))


# -- the canonical form, written without ruamel.yaml --------------------------

# Text a contributor may write: YAML's indicators, words YAML 1.1 reads as
# something else, and characters ruamel.yaml escapes its own way.
_TRICKY = st.text(
    st.sampled_from(
        [
            *"aZ09 -_.:#'\"\\/?&*!|>%@`,[]{}()",
            *"\t\n\r\x7f\xa0\x85\u2028\u2029\u202e\u200b\ufeff\ufffeé字😀",
        ]
    ),
    max_size=12,
)
_SCALARS = st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z0-9 .'-]{0,10}", fullmatch=True),
    _TRICKY,
    st.sampled_from(
        [
            "", "null", "~", "NO", "no", "yes", "true", "False", "2023-09-05",
            "2023-9-5", "0123", "12", "unknown", "1e3", "- a", "a: b",
            "Barnardo's", "https://example.org/a?b=1#c", "Example Trust",
        ]
    ),
)  # fmt: skip


class TestAtomicCreate:
    """``write_atomic(..., exclusive=True)``, as ``new`` and ``import``
    make a record's file: never over another file, and never seen empty or
    cut short, even by a process killed before it returns.
    """

    @staticmethod
    def before_fsync(
        monkeypatch: pytest.MonkeyPatch, action: Callable[[], object]
    ) -> None:
        """Do *action* as the new file's bytes are flushed: where a
        process killed outright stops, or another writes meanwhile.
        """
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            action()
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)

    @staticmethod
    def without_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
        def no_links(*_: Any) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_links)

    def test_the_name_is_taken_only_by_the_whole_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "a.yaml"
        seen: list[bool] = []
        # Killed there, the name must not be there, empty.
        self.before_fsync(monkeypatch, lambda: seen.append(path.exists()))
        write_atomic(path, b"id: a\n", exclusive=True)
        assert [False] == seen[:1]
        assert b"id: a\n" == path.read_bytes()
        assert ["a.yaml"] == sorted(p.name for p in tmp_path.iterdir())

    def test_new_and_import_write_so(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """They claimed the name with an empty file, which a process
        killed before the rename left there.
        """
        from coalition_registry.cli._common import create_file

        path = tmp_path / "organisations" / "a.yaml"
        seen: list[bool] = []
        self.before_fsync(monkeypatch, lambda: seen.append(path.exists()))
        create_file(path, b"id: a\n")
        assert [False] == seen[:1]
        assert b"id: a\n" == path.read_bytes()

    def test_a_file_there_is_left_alone(self, tmp_path: Path) -> None:
        path = tmp_path / "a.yaml"
        path.write_bytes(b"theirs\n")
        with pytest.raises(FileExistsError):
            write_atomic(path, b"ours\n", exclusive=True)
        assert b"theirs\n" == path.read_bytes()
        assert ["a.yaml"] == sorted(p.name for p in tmp_path.iterdir())

    def test_a_file_made_meanwhile_is_left_alone(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "a.yaml"
        self.before_fsync(monkeypatch, lambda: path.write_bytes(b"theirs\n"))
        with pytest.raises(FileExistsError):
            write_atomic(path, b"ours\n", exclusive=True)
        assert b"theirs\n" == path.read_bytes()
        assert ["a.yaml"] == sorted(p.name for p in tmp_path.iterdir())

    def test_without_hard_links_it_is_renamed_into_place(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.without_hard_links(monkeypatch)
        path = tmp_path / "a.yaml"
        write_atomic(path, b"ours\n", exclusive=True)
        assert b"ours\n" == path.read_bytes()
        assert ["a.yaml"] == sorted(p.name for p in tmp_path.iterdir())

    def test_stopped_without_hard_links_leaves_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The name claimed, empty, for the rename: taken back with it."""

        def stopped(*_: Any) -> None:
            raise KeyboardInterrupt

        self.without_hard_links(monkeypatch)
        monkeypatch.setattr(os, "replace", stopped)
        with pytest.raises(KeyboardInterrupt):
            write_atomic(tmp_path / "a.yaml", b"ours\n", exclusive=True)
        monkeypatch.undo()
        assert [] == list(tmp_path.iterdir())

    def test_stopped_once_linked_leaves_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl+C after the link: the caller is told nothing was written,
        so nothing is.
        """
        real_unlink = os.unlink
        path = tmp_path / "a.yaml"

        def unlink(name: Any) -> None:
            if path.exists() and not str(name).endswith("a.yaml"):
                monkeypatch.setattr(os, "unlink", real_unlink)
                raise KeyboardInterrupt
            real_unlink(name)

        monkeypatch.setattr(os, "unlink", unlink)
        with pytest.raises(KeyboardInterrupt):
            write_atomic(path, b"ours\n", exclusive=True)
        assert [] == list(tmp_path.iterdir())


def _values_for(cls: type[Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Parsed values of a record of *cls*: every field may be present,
    each of the shape its type has, every scalar text.
    """

    def of(kind: Any) -> st.SearchStrategy[Any]:
        if isinstance(kind, Nested):
            return _values_for(kind.cls, depth + 1)
        if isinstance(kind, Identifiers):
            return st.dictionaries(_SCALARS, _SCALARS, min_size=1, max_size=2)
        if isinstance(kind, ListOf):
            return st.lists(of(kind.item), min_size=1, max_size=2)
        return _SCALARS

    fields = yaml_fields(cls)
    if depth > 1:
        return st.just({"x": "y"})  # deep enough: a shape _direct refuses
    return st.fixed_dictionaries(
        {}, optional={n: of(s.type) for n, s in fields.items()}
    )


_CLASSES = [*FOLDERS.values(), RegistryInfo]


@st.composite
def _files(draw: st.DrawFn) -> tuple[type[Any], Any]:
    cls = draw(st.sampled_from(_CLASSES))
    record = _values_for(cls)
    data = draw(st.one_of(record, st.lists(record, min_size=1, max_size=2)))
    return cls, data


class TestDirect:
    @settings(max_examples=300)
    @given(_files())
    def test_what_it_writes_the_round_trip_keeps(
        self, file: tuple[type[Any], Any]
    ) -> None:
        """Every text written without ruamel.yaml is one format_text leaves
        as it is, holds the values it was written from, and is seen as
        canonical: the fast path can never pass a file the round trip would
        change."""
        cls, data = file
        text = fmt._direct(data, cls)
        if text is None:
            return
        done = format_text(text, cls)
        assert (None, text) == (done.failure, done.text)
        assert fmt._plain(parse(text.encode(), "f").data) == data
        # A "#" it writes is inside a value: the file holds no comment.
        assert fmt._already_canonical(text.encode(), cls)

    @settings(max_examples=300)
    @given(
        _files(),
        st.lists(
            st.sampled_from(
                [
                    "# yaml-language-server: $schema=x.schema.json",
                    "# Imported from the signatory list",
                    "#",
                    "",
                    "  # indented",
                    "# trailing space ",
                    "#\ttab",
                    "id: stray",
                    "- id: stray",
                ]
            ),
            min_size=1,
            max_size=4,
        ),
    )
    def test_comments_on_top_are_kept_where_the_round_trip_keeps_them(
        self, file: tuple[type[Any], Any], head: list[str]
    ) -> None:
        """A file with comments on top is canonical, as the fast path sees
        it, only where the round trip of the whole file leaves it as it is.
        """
        cls, data = file
        body = fmt._direct(data, cls)
        if body is None:
            return
        text = "".join(f"{line}\n" for line in head) + body
        if fmt._already_canonical(text.encode(), cls):
            done = format_text(text, cls)
            assert (None, text) == (done.failure, done.text)

    def test_a_large_list_file_with_comments_on_top(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A 5 MB list file under a modeline and a note took 90 s to check
        (the round trip of the whole file); the round trip now sees the
        comments and the first line alone."""
        head = (
            "# yaml-language-server: $schema=../schemas/x.schema.json\n"
            "# Imported from the signatory list\n\n"
        )
        text = head + self.list_file()
        assert canonical(text) == text
        seen: list[str] = []
        whole = fmt.format_text

        def counted(text: str, *args: Any, **kwargs: Any) -> Any:
            seen.append(text)
            return whole(text, *args, **kwargs)

        monkeypatch.setattr(fmt, "format_text", counted)
        assert fmt._already_canonical(text.encode(), Organisation)
        assert [head + "- id: example-0\n"] == seen
        # A blank line above the comments goes; a comment below is kept by
        # the round trip alone.
        blank = "\n" + text
        assert canonical(blank) != blank
        below = text.replace("\n- id: example-7\n", "\n# c\n- id: example-7\n")
        for other in (blank, below):
            assert not fmt._already_canonical(other.encode(), Organisation)

    def test_it_writes_the_common_files(self) -> None:
        """The shipped records that hold no comment or block text, and the
        records dump() writes, take the fast path."""
        taken = [
            path.name
            for path in sorted(SHIPPED.rglob("*.yaml"))
            if fmt._already_canonical(
                path.read_bytes(),
                RegistryInfo
                if path.name == "registry.yaml"
                else FOLDERS[path.relative_to(SHIPPED).parts[0]],
            )
        ]
        assert {"apple.yaml", "meta.yaml", "signal.yaml"} <= set(taken)
        assert "registry.yaml" not in taken  # block text

    @given(organisations())
    def test_dumped_records_are_canonical(self, record: Organisation) -> None:
        """What dump() writes (new, import) is canonical, as fmt says."""
        text = dump(record)
        assert canonical(text) == text

    @pytest.mark.parametrize(
        "text",
        [
            "id: example\nname: Example\n# a comment\n",
            "name: Example\nid: example\n",
            "id: example\nname: 'Example'\n",
            "id: example\nname: Example\nnotes: >-\n  A note\n",
            "id: example\nname: Example\nwho: b\n",
            "id: example\nname: Example\nnotes:\n",
            "\ufeffid: example\nname: Example\n",
            "id: example\r\nname: Example\n",
            "id: example\nname: Example\n\n",
            "---\nid: example\nname: Example\n",
            "id: example\nname:   Example\n",
            "id: example\nname: Example",
        ],
    )
    def test_anything_else_goes_to_the_round_trip(self, text: str) -> None:
        """Comments, other orders and styles, block text, unknown keys,
        nulls, a BOM, mixed line ends, a blank line, a document marker, more
        space, no last line break: the round trip decides."""
        assert fmt._already_canonical(
            b"id: example\nname: Example\n", Organisation
        )
        assert not fmt._already_canonical(text.encode(), Organisation)

    def test_crlf_files(self) -> None:
        """A canonical file checked out with CRLF stays canonical."""
        assert fmt._already_canonical(
            b"id: example\r\nname: Example\r\n", Organisation
        )

    @staticmethod
    def list_file(
        n: int = 40, *, odd: int | None = None, line: str = ""
    ) -> str:
        """A canonical list of *n* organisations; the item *odd* has *line*
        after its name."""
        return "".join(
            f"- id: example-{i}\n  name: Example {i}\n"
            + (line if i == odd else "")
            for i in range(n)
        )

    def test_a_large_list_file_is_read_in_parts(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Read whole, a file of 100,000 people (25 MB) took 700 MB."""
        monkeypatch.setattr(fmt, "_PART_BYTES", 100)
        text = self.list_file()
        assert canonical(text) == text
        sizes: list[int] = []
        whole = parse

        def counted(raw: bytes, *args: Any, **kwargs: Any) -> Any:
            sizes.append(len(raw))
            return whole(raw, *args, **kwargs)

        monkeypatch.setattr(fmt, "parse", counted)
        assert fmt._already_canonical(text.encode(), Organisation)
        assert sum(sizes) == len(text)
        assert max(sizes) < 200
        crlf = text.replace("\n", "\r\n").encode()
        assert fmt._already_canonical(crlf, Organisation)

    @pytest.mark.parametrize(
        "text",
        [
            # Not canonical far from the first part.
            list_file(odd=35, line="  website:   https://example.org\n"),
            list_file().replace("example-30\n", "example-30\n\n"),
            # CRLF files with a line ended otherwise in a later part.
            list_file()
            .replace("\n", "\r\n")
            .replace("Example 35\r\n", "Example 35\n"),
            # A value over lines, a line of which a part starts with.
            list_file(odd=30, line='  notes: "a\n- b"\n'),
        ],
    )
    def test_the_parts_decide_as_the_whole_does(
        self, monkeypatch: pytest.MonkeyPatch, text: str
    ) -> None:
        monkeypatch.setattr(fmt, "_PART_BYTES", 100)
        assert not fmt._already_canonical(text.encode(), Organisation)

    @pytest.mark.parametrize("length", [100, 122, 123, 130, 1000])
    def test_a_long_registry_scheme_goes_to_the_round_trip(
        self, length: int
    ) -> None:
        """ruamel.yaml writes a key of 123 characters or more (128 with its
        tag) as an explicit "? key" entry: the fast path said such a file
        was canonical, though the round trip changes it."""
        text = (
            "id: example\nname: Example\nidentifiers:\n"
            f'  {"A" * length}: "1"\n'
        )
        if fmt._already_canonical(text.encode(), Organisation):
            assert canonical(text) == text
        assert fmt._already_canonical(
            b'id: example\nidentifiers:\n  GB-CHC: "1"\n', Organisation
        )


def _people_list(n: int) -> str:
    """A list file of *n* people, not canonical (countries unquoted, a
    country as a name, fields out of order), with comments between and
    inside its items.
    """
    return "# People who signed, from the sheet of 2026-12-01\n" + "".join(
        f"- disclosure: anonymous\n  id: person-{i:06d}\n"
        f"  country: {'France' if i % 7 == 0 else 'GB'}\n"
        f"  # row {i} of the sheet\n"
        "  sources:\n    - url: https://example.org/list\n"
        for i in range(n)
    )


@pytest.mark.parametrize("fix", [False, True])
def test_a_long_list_is_formatted_in_parts_as_it_is_whole(
    monkeypatch: pytest.MonkeyPatch, fix: bool
) -> None:
    """Past a length, the round trip (40 times the text in memory) reads a
    list a part at a time: the text, the fixes and their lines are those
    of the whole.
    """
    from coalition_registry.model import Person

    text = _people_list(60)
    whole = format_text(text, Person, fix=fix)
    monkeypatch.setattr(fmt, "_ROUND_TRIP_CHARS", 500)
    monkeypatch.setattr(fmt, "_PART_BYTES", 300)
    parts = list(fmt._text_parts(text))
    assert len(parts) > 10
    assert all(part.startswith("- ") for part in parts[1:])
    in_parts = format_text(text, Person, fix=fix)
    assert whole.failure is None
    assert in_parts == whole
    assert bool(whole.fixes) == fix


def test_a_cut_inside_a_value_of_many_lines_is_read_with_the_next_part(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A quoted value whose lines start with '- ' at the margin: a part
    cut at one of them does not stand alone, and fmt --check refused a
    valid file, blaming its text at the cut."""
    from coalition_registry.model import Person

    value = '"first line\n' + "".join(f"- note {i}\n" for i in range(40))
    text = _people_list(60).replace(
        "  id: person-000020\n",
        f'  id: person-000020\n  notes: {value}- last"\n',
    )
    whole = format_text(text, Person)
    assert whole.failure is None
    monkeypatch.setattr(fmt, "_ROUND_TRIP_CHARS", 500)
    monkeypatch.setattr(fmt, "_PART_BYTES", 300)
    parts = list(fmt._text_parts(text))
    assert any(part.startswith("- note") for part in parts)
    assert format_text(text, Person) == whole


def test_a_long_list_refused_in_a_part_says_the_line_in_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coalition_registry.model import Person

    # A tab inside a value, which ruamel.yaml's scanner refuses.
    text = _people_list(60).replace(
        "  id: person-000050\n", "  id: person-000050\n  notes: a\tb\n"
    )
    line = text[: text.index("a\tb")].count("\n") + 1
    whole = format_text(text, Person)
    monkeypatch.setattr(fmt, "_ROUND_TRIP_CHARS", 500)
    monkeypatch.setattr(fmt, "_PART_BYTES", 300)
    in_parts = format_text(text, Person)
    assert whole.failure is not None
    assert f"line {line}, column 11" in whole.failure
    assert in_parts == whole


def test_a_record_too_long_to_read_at_once_is_refused(
    monkeypatch: pytest.MonkeyPatch, shipped_copy: Path
) -> None:
    monkeypatch.setattr(fmt, "_ROUND_TRIP_CHARS", 500)
    monkeypatch.setattr(fmt, "_LONGEST_RECORD_CHARS", 1000)
    path = shipped_copy / "organisations" / "example-charity.yaml"
    text = (
        "id: example-charity\nname: Example Charity\nkind: charity\n"
        "hq_country: GB\naliases:\n"
        + "".join(f"  - Example Alias {i}\n" for i in range(100))
        + 'sources:\n  - url: "https://example.org"\n'
    )
    path.write_text(text, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert 1 == run(["fmt", "registry_data"], stdout=out, stderr=err)
    assert (
        "the record on line 1 takes 0.0 MB" in out.getvalue() + err.getvalue()
    )
    assert text == path.read_text("utf-8")


def test_a_long_record_with_a_list_at_the_margin_is_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``sources:`` then items at column 0 is one record: cut before its
    items, each part was read as a list of records, and the file written
    back did not validate.
    """
    text = (
        "id: example-charity\nname: Example Charity\nkind: charity\n"
        'hq_country: "GB"\nsources:\n'
        + "".join(
            f'- quote: "Example quote {i}"\n  url: "https://example.org/{i}"\n'
            for i in range(40)
        )
    )
    whole = format_text(text, Organisation)
    monkeypatch.setattr(fmt, "_ROUND_TRIP_CHARS", 500)
    monkeypatch.setattr(fmt, "_PART_BYTES", 300)
    in_parts = format_text(text, Organisation)
    assert whole.failure is None
    assert in_parts == whole
    assert not read_records(
        in_parts.text.encode(), "x.yaml", Organisation, stem="example-charity"
    ).problems


def test_a_long_record_inside_a_part_is_refused_at_its_own_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coalition_registry.model import Person

    text = _people_list(12)
    long_one = text.index("- disclosure: anonymous\n  id: person-000004")
    text = (
        text[:long_one]
        + "- notes: |\n"
        + "".join(f"    Line {i} of a long note.\n" for i in range(60))
        + text[long_one + 2 :]
    )
    line = text.count("\n", 0, long_one) + 1
    monkeypatch.setattr(fmt, "_ROUND_TRIP_CHARS", 500)
    monkeypatch.setattr(fmt, "_PART_BYTES", 300)
    monkeypatch.setattr(fmt, "_LONGEST_RECORD_CHARS", 1000)
    done = format_text(text, Person)
    assert done.failure is not None
    assert done.failure.startswith(f"the record on line {line} takes ")
    assert done.text == text


@pytest.mark.parametrize("variant", ["dash alone", "lone CR"])
def test_a_long_list_written_otherwise_is_formatted_in_parts_alike(
    monkeypatch: pytest.MonkeyPatch, variant: str
) -> None:
    from coalition_registry.model import Person

    text = _people_list(60)
    if variant == "dash alone":
        text = text.replace("- disclosure:", "-\n  disclosure:")
    else:
        text = text.replace("\n", "\r")
    whole = format_text(text, Person, fix=True)
    monkeypatch.setattr(fmt, "_ROUND_TRIP_CHARS", 500)
    monkeypatch.setattr(fmt, "_PART_BYTES", 300)
    assert format_text(text, Person, fix=True) == whole
    assert whole.failure is None
    assert whole.fixes
