"""Validation of whole registries: what is accepted, what is reported."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import os
import shutil
import sys
import tempfile

from pathlib import Path
from typing import Any

import attrs
import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coalition_registry as cr

from coalition_registry import files, validation
from coalition_registry.dump import dump
from coalition_registry.parsing import parse_text
from conftest import SHIPPED, LinesLookedAt, WriteFile
from strategies import registries
from test_cases import CASES, overlay


ORG = """\
id: test-org
name: Test Org
hq_country: {country}
identifiers:
  NL-KVK: {number}
sources:
  - url: https://example.org/
"""


def problems(report: cr.Report) -> list[str]:
    return [str(p) for p in report.problems]


class TestShipped:
    def test_shipped_registry_is_valid(self, shipped_copy: Path) -> None:
        report = cr.validate("registry_data")
        assert [] == problems(report)
        assert report.valid
        assert 30 == report.summary["records"]

    def test_load(self, shipped_copy: Path) -> None:
        reg = cr.load("registry_data")
        assert 1 == len(reg.letters)
        assert 4 == len(reg.people)


class TestAccepted:
    def test_norway_and_leading_zeros(self, write: WriteFile) -> None:
        write(
            "organisations/test-org.yaml",
            ORG.format(country="NO", number="0123"),
        )
        reg = cr.load("registry_data")
        org = reg.organisations.get("test-org")
        assert org is not None
        assert "NO" == org.hq_country
        assert (("NL-KVK", "0123"),) == org.identifiers

    def test_bom_and_crlf(self, write: WriteFile) -> None:
        text = ORG.format(country="GB", number="1").replace("\n", "\r\n")
        write("organisations/test-org.yaml", b"\xef\xbb\xbf" + text.encode())
        assert [] == problems(cr.validate("registry_data"))

    def test_words_yaml_11_would_retype_stay_text(
        self, write: WriteFile
    ) -> None:
        write(
            "organisations/yes.yaml",
            "id: yes\nname: yes\naliases:\n  - 1:20\n  - on\n  - null word\n"
            "sources: [{url: 'https://example.org'}]\n",
        )
        org = cr.load("registry_data").organisations.get("yes")
        assert org is not None
        assert ("yes", ("1:20", "on", "null word")) == (org.name, org.aliases)

    def test_bulk_file_of_signatures(
        self, write: WriteFile, shipped_copy: Path
    ) -> None:
        folder = shipped_copy / "signatures" / "survivors-letter-2023"
        texts = [p.read_text() for p in sorted(folder.glob("*.yaml"))]
        shutil.rmtree(folder)
        bulk = "".join(
            "- " + text.replace("\n", "\n  ").rstrip() + "\n" for text in texts
        )
        write("signatures/all.yaml", bulk)
        report = cr.validate("registry_data")
        assert [] == problems(report)
        assert 10 == len(cr.load("registry_data").signatures)

    def test_pseudonymous_signatory(self, write: WriteFile) -> None:
        write(
            "people/person-4x9k2m.yaml",
            "id: person-4x9k2m\ndisclosure: pseudonym\nname: Robin\n"
            "country: GB\nsources: [{url: 'https://example.org'}]\n",
        )
        write(
            "signatures/survivors-letter-2023/survivors-letter-2023--person-4x9k2m.yaml",
            "id: survivors-letter-2023--person-4x9k2m\nletter: survivors-letter-2023\n"
            "signatory: person-4x9k2m\nrole: survivor\n"
            "sources: [{url: 'https://example.org'}]\n",
        )
        assert [] == problems(cr.validate("registry_data"))


class TestReported:
    def test_single_file_reports_only_that_file(
        self, write: WriteFile
    ) -> None:
        bad = write(
            "organisations/test-org.yaml", ORG.format(country="UK", number="1")
        )
        write("organisations/other.yaml", "id: other\n")
        report = cr.validate(bad)
        assert [
            (
                "registry_data/organisations/test-org.yaml:3:13: error unknown-country: "
                "'UK' is not an ISO 3166-1 alpha-2 code; did you mean \"GB\" (United Kingdom)?"
            )
        ] == problems(report)
        assert 1 == report.summary["files"]

    def test_every_problem_at_once(self, write: WriteFile) -> None:
        write(
            "organisations/test-org.yaml",
            "id: test-org\nname: X\nhq_country: UK\nscope: worldwide\n"
            "website: example.org\nhq_contry: GB\n",
        )
        codes = [p.code for p in cr.validate("registry_data").problems]
        assert [
            "unknown-country",
            "invalid-value",
            "invalid-url",
            "unknown-field",
        ] == codes

    def test_load_raises_with_every_problem(self, write: WriteFile) -> None:
        write("organisations/a.yaml", "id: a\n")
        write("organisations/b.yaml", "id: b\nname: B\nkind: shop\n")
        with pytest.raises(cr.RegistryError) as info:
            cr.load("registry_data")
        assert ["missing-field", "invalid-value"] == [
            p.code for p in info.value.errors
        ]
        assert "2 error(s)" in str(info.value)

    def test_a_named_file_that_is_not_yaml(self, shipped_copy: Path) -> None:
        """Naming the licence alone says it is not read, as an error: a
        path mistyped in CI passed, validating nothing.  Beside a record
        file (as a shell's "*" names both), a warning.
        """
        (shipped_copy / "LICENSE").write_text("CC-BY-4.0\n")
        report = cr.validate(shipped_copy / "LICENSE")
        assert not report.valid
        assert [("ignored-file", "registry_data/LICENSE")] == [
            (p.code, p.location.path) for p in report.errors
        ]
        report = cr.validate(
            shipped_copy / "LICENSE", shipped_copy / "organisations/nspcc.yaml"
        )
        assert report.valid
        assert [("ignored-file", "registry_data/LICENSE")] == [
            (p.code, p.location.path) for p in report.warnings
        ]

    def test_a_record_saved_as_text_is_not_counted(
        self, write: WriteFile
    ) -> None:
        """A record saved as .txt, or with no extension, is warned about
        and counted neither as a file read nor as a record."""
        before = cr.validate("registry_data").summary
        org = ORG.format(country="GB", number="1")
        write("organisations/test-org.txt", org)
        write("organisations/other-org", org.replace("test-org", "other-org"))
        for named in ("registry_data", "registry_data/organisations"):
            report = cr.validate(named)
            assert report.valid
            assert [
                ("ignored-file", "registry_data/organisations/other-org"),
                ("ignored-file", "registry_data/organisations/test-org.txt"),
            ] == [(p.code, p.location.path) for p in report.problems]
        report = cr.validate("registry_data")
        assert (before["files"], before["records"]) == (
            report.summary["files"],
            report.summary["records"],
        )

    @pytest.mark.parametrize(
        "named",
        ["absolute", "test-org.yaml", "../organisations/test-org.yaml", "."],
    )
    def test_a_file_named_from_inside_the_registry(
        self,
        write: WriteFile,
        monkeypatch: pytest.MonkeyPatch,
        named: str,
    ) -> None:
        """An editor or a hook run in the file's folder, with any form of
        its path, gets the file's problems, not "valid"."""
        bad = write(
            "organisations/test-org.yaml", ORG.format(country="UK", number="1")
        )
        monkeypatch.chdir(bad.parent)
        report = cr.validate(bad if named == "absolute" else named)
        assert ["unknown-country"] == [p.code for p in report.problems]
        assert not report.valid
        where = report.problems[0].location
        assert bad.samefile(where.path)
        assert (3, 13) == (where.line, where.column)

    def test_files_named_through_links(self, write: WriteFile) -> None:
        """A file named through a link to the registry, or through a link
        and '..', is checked like the same file named directly."""
        write(
            "organisations/test-org.yaml", ORG.format(country="UK", number="1")
        )
        Path("link").symlink_to("registry_data")
        Path("ppl").symlink_to("registry_data/people")
        for named in (
            ["ppl/../organisations/test-org.yaml"],
            [
                "link/organisations/nspcc.yaml",
                "registry_data/organisations/test-org.yaml",
            ],
        ):
            report = cr.validate(*named)
            assert ["unknown-country"] == [p.code for p in report.problems], (
                named
            )
            assert len(named) == report.summary["files"]

    def test_many_named_files_are_looked_up(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """pre-commit names every file a change made (thousands, after an
        import): each file read was compared with each name."""
        names = [
            str(p.relative_to(shipped_copy.parent))
            for p in sorted(shipped_copy.rglob("*.yaml"))
            if p.name != "registry.yaml"
        ]
        compared: list[str] = []
        real_within = validation._within

        def within(path: str, scope: str) -> bool:
            compared.append(path)
            return real_within(path, scope)

        monkeypatch.setattr(validation, "_within", within)
        report = cr.validate(*names)
        assert len(names) == report.summary["files"]
        assert [] == compared
        # A folder named among them: at most one comparison a file read
        # (each was compared with each name, the folder's included).
        cr.validate("registry_data/people", *names[:2])
        assert len(compared) <= len(names)

    def test_the_folder_above_a_registry(self, shipped_copy: Path) -> None:
        """A clone's top folder is not read as a registry of misplaced
        files: the message names the registry inside it."""
        report = cr.validate(".")
        assert [
            (
                ".: error invalid-registry-file: this folder is not a "
                "registry (no registry.yaml here or in a folder above); "
                "validate 'registry_data' instead"
            )
        ] == problems(report)

    @pytest.mark.parametrize("name", ["Registry.yaml", "registry.yml"])
    def test_a_misnamed_registry_file(
        self, shipped_copy: Path, name: str
    ) -> None:
        """Registry.yaml or registry.yml is told to be renamed, once, not
        taken for a misplaced record as well."""
        (shipped_copy / "registry.yaml").rename(shipped_copy / name)
        report = cr.validate("registry_data")
        assert [
            (
                f"registry_data/{name}: error invalid-registry-file: the "
                "registry's file is named registry.yaml: rename this one to "
                "registry.yaml (lower case, and .yaml)"
            )
        ] == problems(report)
        # Beside registry.yaml, it is a stray file.
        (shipped_copy / name).rename(shipped_copy / "registry.yaml")
        (shipped_copy / "registry.yaml").with_name(name).write_text("a: 1\n")
        codes = [p.code for p in cr.validate("registry_data").problems]
        assert ["wrong-folder"] == codes

    def test_a_folder_that_is_no_registry_is_not_walked(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A folder with no registry.yaml and no record folder (a home
        folder, "/") is one problem, found without reading what is below
        it; a folder with a record folder is a registry being started."""
        monkeypatch.chdir(tmp_path)
        Path("home/docs").mkdir(parents=True)
        Path("home/docs/notes.yaml").write_text("a: 1\n")
        report = cr.validate("home")
        assert [
            (
                "home: error invalid-registry-file: this folder is not a "
                "registry: it holds no registry.yaml and none of the folders "
                "letters/, organisations/, people/, groups/, signatures/, "
                "coalitions/; name a registry's folder; to start one here, "
                "create registry.yaml with name, schema_version and "
                "data_licence"
            )
        ] == problems(report)
        assert 0 == report.summary["files"]
        with pytest.raises(cr.RegistryError):
            cr.load("home")
        Path("home/people").mkdir()
        codes = [p.code for p in cr.validate("home").problems]
        assert ["invalid-registry-file", "wrong-folder"] == codes

    def test_suggestions_for_unknown_references_are_bounded(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Many references to a deleted record would each be compared with
        every id of the registry: past a budget, only with the ids that
        start alike, so a typo is still caught and the run stays short."""
        compared: list[int] = []
        real = difflib.get_close_matches

        def counting(word: str, possibilities: Any, **kw: Any) -> Any:
            compared.append(len(possibilities))
            return real(word, possibilities, **kw)

        monkeypatch.setattr(difflib, "get_close_matches", counting)
        monkeypatch.setattr(validation._Suggestions, "BUDGET", 60)
        letter = "survivors-letter-2023"
        for i in range(8):
            write(
                f"signatures/{letter}/{letter}--gone-{i}.yaml",
                f"id: {letter}--gone-{i}\nletter: {letter}\n"
                f"signatory: gone-{i}\nrole: organisation\n"
                "sources:\n  - url: https://example.org/\n",
            )
        write(
            f"signatures/{letter}/{letter}--barnardoss.yaml",
            f"id: {letter}--barnardoss\nletter: {letter}\n"
            "signatory: barnardoss\nrole: organisation\n"
            "sources:\n  - url: https://example.org/\n",
        )
        messages = [p.message for p in cr.validate("registry_data").problems]
        assert any("did you mean 'barnardos'?" in m for m in messages)
        everyone = max(compared)
        # Whole lists while the budget lasts, then lists of ids alike.
        assert sum(n for n in compared if n == everyone) <= 60 + everyone
        assert len(compared) > 60 // everyone + 1

    def test_suggestions_among_ids_that_start_alike_are_bounded(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ids that all start alike (``person-`` of every opaque id) made
        every reference to a deleted one compare with every one of them:
        minutes for a thousand references among 50,000 ids.  Each is now
        compared with the few next to it in order, which still holds the
        id a typo at its end meant.
        """
        compared: list[int] = []
        real = difflib.get_close_matches

        def counting(word: str, possibilities: Any, **kw: Any) -> Any:
            compared.append(len(possibilities))
            return real(word, possibilities, **kw)

        monkeypatch.setattr(difflib, "get_close_matches", counting)
        monkeypatch.setattr(validation._Suggestions, "BUDGET", 0)
        letter = "survivors-letter-2023"
        many = 300
        write(
            "organisations/example-orgs.yaml",
            "".join(
                f"- id: example-org-{i:04d}\n  name: Example Org {i:04d}\n"
                "  sources:\n    - url: https://example.org/\n"
                for i in range(many)
            ),
        )
        gone = [f"example-org-{i:04d}x" for i in range(0, many, 9)]
        write(
            f"signatures/{letter}/gone.yaml",
            "".join(
                f"- id: {letter}--{i}\n  letter: {letter}\n  signatory: {i}"
                "\n  role: organisation\n"
                "  sources:\n    - url: https://example.org/\n"
                for i in gone
            ),
        )
        messages = [p.message for p in cr.validate("registry_data").problems]
        for i in gone:
            assert any(
                f"{i!r}; did you mean {i[:-1]!r}?" in m for m in messages
            ), i
        assert len(compared) == len(gone)
        assert max(compared) < 100

    def test_an_id_alike_only_in_its_start_is_not_suggested(
        self, write: WriteFile
    ) -> None:
        """'example-nobody' was told "did you mean 'example-tab-org'?": ids
        of one registry start alike, and the start made them close."""
        letter = "survivors-letter-2023"
        write(
            "organisations/example-tab-org.yaml",
            "id: example-tab-org\nname: Example Tab Org\n"
            "sources:\n  - url: https://example.org/\n",
        )
        for signatory in ("example-nobody", "example-tab-orgg"):
            write(
                f"signatures/{letter}/{letter}--{signatory}.yaml",
                f"id: {letter}--{signatory}\nletter: {letter}\n"
                f"signatory: {signatory}\nrole: organisation\n"
                "sources:\n  - url: https://example.org/\n",
            )
        messages = [
            p.message
            for p in cr.validate("registry_data").problems
            if p.code == "unknown-reference"
        ]
        assert 2 == len(messages)
        nobody = next(m for m in messages if "'example-nobody'" in m)
        assert "did you mean" not in nobody
        assert any("did you mean 'example-tab-org'?" in m for m in messages)

    def test_an_invalid_id_is_never_suggested(self, write: WriteFile) -> None:
        """A reference to 'safe-futures' is not told to copy the mistake
        in the organisation's own id; it is not reported at all, since the
        id meant is the one its error says to write.
        """
        write(
            "organisations/safe-futures.yaml",
            "id: Safe_Futures\nname: Safe Futures\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--safe-futures.yaml",
            "id: survivors-letter-2023--safe-futures\n"
            "letter: survivors-letter-2023\nsignatory: safe-futures\n"
            "role: organisation\nsources:\n  - url: https://example.org/\n",
        )
        messages = [p.message for p in cr.validate("registry_data").problems]
        assert messages == [
            (
                "'Safe_Futures' is not a valid id: use lower-case letters, "
                "digits and hyphens; for example 'safe-futures'"
            )
        ]

    def test_a_reference_to_an_invalid_id_of_another_kind(
        self, write: WriteFile
    ) -> None:
        """Only a reference that the record, once its id is put right,
        would satisfy goes unreported.
        """
        write(
            "groups/safe-futures.yaml",
            "id: Safe_Futures\nname: Safe Futures\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "letters/example-letter.yaml",
            "id: example-letter\ntitle: Example letter\n"
            "publisher: safe-futures\n"
            "sources:\n  - url: https://example.org/\n",
        )
        codes = [p.code for p in cr.validate("registry_data").problems]
        assert codes == ["invalid-id", "unknown-reference"]

    @pytest.mark.parametrize(
        ("path", "content"),
        [
            (
                "groups/group-7k2m9x.yaml",
                "id: group-7k2m9x\nname: Quillfeather Group\nprivate: [name]\n",
            ),
            (
                "people/person-8k2m9x.yaml",
                "id: person-8k2m9x\ndisclosure: pseudonym\nname: Per Olsen\n",
            ),
        ],
    )
    def test_the_opaque_id_recommended_is_accepted(
        self, write: WriteFile, path: str, content: str
    ) -> None:
        """'group' in the name is not spelt by the 'group-' an opaque id
        starts with, nor 'Per' by 'person-'."""
        write(path, content + "sources:\n  - url: https://example.org/\n")
        assert [] == problems(cr.validate("registry_data"))

    def test_a_record_whose_id_is_given_twice_is_still_found(
        self, write: WriteFile
    ) -> None:
        """References to a file whose id is given twice do not fail too:
        the record stands for its file's name."""
        write(
            "organisations/barnardos.yaml",
            "id: barnardos\nid: barnardos\nname: Barnardo's\n"
            "sources:\n  - url: https://example.org/\n",
        )
        assert ["duplicate-key"] == [
            p.code for p in cr.validate("registry_data").problems
        ]

    def test_missing_registry_file(self, shipped_copy: Path) -> None:
        (shipped_copy / "registry.yaml").unlink()
        report = cr.validate("registry_data")
        assert ["invalid-registry-file"] == [p.code for p in report.problems]

    def test_missing_path(self, tmp_path: Path) -> None:
        report = cr.validate(tmp_path / "nope")
        assert ["file-unreadable"] == [p.code for p in report.problems]


def _write_registry(root: Path, records: list[Any]) -> None:
    (root / "registry.yaml").write_text(
        "name: T\nschema_version: 1\ndata_licence: CC0-1.0\n"
    )
    for record in records:
        folder = root / type(record).folder
        folder.mkdir(exist_ok=True)
        (folder / f"{record.id}.yaml").write_text(dump(record))


class TestProperties:
    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(registries())
    def test_counts_by_country_add_up(self, records: list[Any]) -> None:
        """Coverage rows plus the unknown row equal the active signatures."""
        with tempfile.TemporaryDirectory() as tmp:
            _write_registry(Path(tmp), records)
            reg = cr.load(tmp)
        (letter,) = reg.letters
        cov = cr.coverage(reg, letter.id)
        active = cr.aggregate.active_signatures(reg, letter.id)
        assert len(active) == cov.total
        assert (
            cov.total
            == sum(r.signatories for r in cov.rows) + cov.unknown.signatories
        )
        assert len({r.country for r in cov.rows}) == cov.countries

    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=50)
    @given(st.text(max_size=200) | st.binary(max_size=200))
    def test_any_file_content_gives_a_report(
        self, content: str | bytes
    ) -> None:
        """Whatever a file holds, validate returns a report, positions in it."""
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "reg"
            shutil.copytree(SHIPPED, root)
            path = root / "organisations" / "barnardos.yaml"
            raw = (
                content.encode("utf-8", "surrogatepass")
                if isinstance(content, str)
                else content
            )
            path.write_bytes(raw)
            report = cr.validate(root)
        line_count = raw.count(b"\n") + raw.count(b"\r") + 1
        mine = [
            p
            for p in report.problems
            if p.location.path.endswith("barnardos.yaml")
            and "organisations" in p.location.path
        ]
        for p in mine:
            assert p.location.line <= line_count + 1


@pytest.mark.parametrize(
    ("path", "line", "written", "pointer"),
    [
        ("organisations/barnardos.yaml", "id: barnardos", 'id: "barnardos\\n"', "$.id"),
        ("organisations/barnardos.yaml", 'hq_country: "GB"', 'hq_country: "GB\\n"', "$.hq_country"),
        ("organisations/barnardos.yaml", "  GB-SC:", '  "GB-SC\\n":', "$.identifiers.GB-SC\n"),
        ("groups/phoenix-11.yaml", "member_count: 11", 'member_count: "11\\n"', "$.member_count"),
    ],
)  # fmt: skip
def test_a_trailing_line_break_written_as_an_escape_is_refused(
    shipped_copy: Path, path: str, line: str, written: str, pointer: str
) -> None:
    """A pattern's $ also matches before a final line break: values are
    matched whole."""
    file = shipped_copy / path
    text = file.read_text("utf-8")
    assert line in text
    file.write_text(text.replace(line, written, 1), "utf-8")
    report = cr.validate(shipped_copy)
    assert not report.valid
    assert pointer in {p.pointer for p in report.errors}, [
        str(p) for p in report.problems
    ]


@pytest.mark.parametrize("stage_bytes", [1024 * 1024, 1])
def test_files_read_together_give_what_each_gives_alone(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch, stage_bytes: int
) -> None:
    """Reading files stage by stage (all read, then all parsed, then all
    built) changes nothing: every invalid case's files, read in one batch
    with the shipped registry's, give what each gives read alone; and so
    they do when the stages go on after every file, as for large ones."""
    cases = Path(__file__).parent / "data" / "invalid"
    for case in sorted(p for p in cases.iterdir() if p.is_dir()):
        for path in case.rglob("*"):
            relative = path.relative_to(case)
            if path.is_file() and len(relative.parts) > 1:
                target = (
                    shipped_copy / relative.parent / f"{case.name}-{path.name}"
                )
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    entries = files.walk(shipped_copy)
    limits = cr.Limits()
    alone = [validation._read_file(entry, limits) for entry in entries]
    monkeypatch.setattr(validation, "_STAGE_BYTES", stage_bytes)
    stages = []
    real = validation._parse_and_build

    def count(read: list[Any], *args: Any) -> None:
        stages.append(len(read))
        real(read, *args)

    monkeypatch.setattr(validation, "_parse_and_build", count)
    together = validation._read_files(entries, limits)
    if stage_bytes == 1:  # every file that is not empty goes on alone
        assert len(stages) > len(entries) / 2, stages
    else:
        assert max(stages) > 60, stages
    assert together == alone
    assert len(entries) > 80
    assert (
        sum(
            bool(r.problems)
            for r in together
            if isinstance(r, validation.FileRecords)
        )
        > 40
    )


class TestReviewedEdges:
    """Edges a review found in the checks across records."""

    def test_a_typo_of_a_field_is_not_a_record_of_another_kind(
        self, write: WriteFile
    ) -> None:
        """'country' in an organisation is hq_country misspelt: it does not
        make the record a group's."""
        write(
            "organisations/typo-org.yaml",
            "id: typo-org\nname: Typo Org\ncountry: GB\n"
            "sources:\n  - url: https://example.org/\n",
        )
        codes = [p.code for p in cr.validate("registry_data").problems]
        assert ["unknown-field"] == codes

    def test_a_signature_that_says_it_is_not_public_repeats_nothing(
        self, write: WriteFile
    ) -> None:
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--phoenix-11.yaml",
            "id: survivors-letter-2023--phoenix-11\n"
            "letter: survivors-letter-2023\nsignatory: phoenix-11\n"
            "disclosure: anonymous\nrole: survivor of Zqx\n"
            "sources:\n  - url: https://example.org/\n",
        )
        report = cr.validate("registry_data")
        assert report.problems
        assert not any("Zqx" in str(p) for p in report.problems)

    def test_a_withdrawal_on_the_letters_own_day(
        self, write: WriteFile
    ) -> None:
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--barnardos.yaml",
            "id: survivors-letter-2023--barnardos\n"
            "letter: survivors-letter-2023\nsignatory: barnardos\n"
            "role: organisation\nstatus: withdrawn\nwithdrawn_on: 2023-09-18\n"
            "sources:\n  - url: https://example.org/\n",
        )
        codes = [p.code for p in cr.validate("registry_data").problems]
        assert ["implausible-date"] == codes


TODAY = dt.datetime.now(dt.UTC).date()


class TestImplausibleYears:
    """A year outside 1900 to 2100, or a date after today, anywhere a date
    is written, is a warning that never repeats the date."""

    @pytest.mark.parametrize(
        ("published", "codes"),
        [
            ("0223-03-01", ["implausible-date"]),
            ("1899-12-31", ["implausible-date"]),
            ("1900-01-01", []),
            (str(TODAY), []),
            # A page dated where the day has begun already.
            (str(TODAY + dt.timedelta(days=1)), []),
            (str(TODAY + dt.timedelta(days=2)), ["implausible-date"]),
            ("2100-12-31", ["implausible-date"]),
            ("2101-01-01", ["implausible-date"]),
        ],
    )
    def test_a_sources_date(
        self, write: WriteFile, published: str, codes: list[str]
    ) -> None:
        write(
            "organisations/dated-org.yaml",
            "id: dated-org\nname: Dated Org\nhq_country: GB\n"
            f"sources:\n  - url: https://example.org/\n"
            f"    published: {published}\n",
        )
        report = cr.validate("registry_data")
        assert codes == [p.code for p in report.problems]
        assert all(
            p.location.line == 6 and published not in p.message
            for p in report.problems
        )
        if codes:
            assert report.problems[0].message.endswith("year of published")

    def test_a_private_day_is_never_set_beside_today(
        self, write: WriteFile
    ) -> None:
        """A warning for a private day after today would tell of it."""
        later = TODAY + dt.timedelta(days=30)
        write(
            "organisations/dated-org.yaml",
            "id: dated-org\nname: Dated Org\nhq_country: GB\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--dated-org.yaml",
            "id: survivors-letter-2023--dated-org\n"
            "letter: survivors-letter-2023\nsignatory: dated-org\n"
            f"role: organisation\nsigned_on: {later}\n"
            "private: [signed_on]\n"
            "sources:\n  - url: https://example.org/\n",
        )
        report = cr.validate("registry_data")
        assert not any("after today" in p.message for p in report.problems)


@pytest.mark.parametrize("first_line", [1, 40])
@pytest.mark.parametrize(
    ("written", "column", "said"),
    [
        ("name:   #ExampleTwo", 11, "comment"),
        ("name:", 3, "write its value after 'name:'"),
    ],
)
def test_an_empty_field_is_pointed_at_in_any_part(
    first_line: int, written: str, column: int, said: str
) -> None:
    # A part of a list file starts at a line of its own: the comment is
    # looked for on the file's line, not the part's.
    text = (
        "- id: example-one\n  name: Example One\n  kind: charity\n"
        f"- id: example-two\n  {written}\n  kind: charity\n"
    )
    doc = parse_text(text, "orgs.yaml", first_line=first_line)
    found = validation.records_from(doc, cr.Organisation)
    [missing] = [p for p in found.problems if p.code == "missing-field"]
    assert (first_line + 4, column) == (
        missing.location.line,
        missing.location.column,
    )
    assert said in missing.message
    assert "ExampleTwo" not in missing.message


def _codes_of_two(write: WriteFile, one: str, other: str) -> list[str]:
    """The codes of the problems validate finds with two organisations in
    GB added, named *one* and *other*.
    """
    for i, name in enumerate((one, other)):
        write(
            f"organisations/example-{i}.yaml",
            f'id: example-{i}\nname: "{name}"\nhq_country: "GB"\n'
            "sources:\n  - url: https://example.org/\n",
        )
    return [p.code for p in cr.validate("registry_data").problems]


class TestALetterKnownToTheMonth:
    """``date: 2023-09``: each comparison with a day takes the end of the
    month that makes what it says sure."""

    @pytest.fixture(autouse=True)
    def _month(self, shipped_copy: Path) -> None:
        path = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        text = path.read_text(encoding="utf-8")
        assert "\ndate: 2023-09-18\n" in text
        path.write_text(
            text.replace("\ndate: 2023-09-18\n", "\ndate: 2023-09\n"),
            encoding="utf-8",
        )

    def _signed_on(self, write: WriteFile, day: str) -> cr.Report:
        write(
            "organisations/dated-org.yaml",
            "id: dated-org\nname: Dated Org\nhq_country: GB\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--dated-org.yaml",
            "id: survivors-letter-2023--dated-org\n"
            "letter: survivors-letter-2023\nsignatory: dated-org\n"
            f"role: organisation\nsigned_on: {day}\n"
            "sources:\n  - url: https://example.org/\n",
        )
        return cr.validate("registry_data")

    def _organisations_signing(
        self, write: WriteFile, count: int, day: str
    ) -> None:
        for i in range(count):
            write(
                f"organisations/month-org-{i}.yaml",
                f"id: month-org-{i}\nname: Month Org {i}\n"
                "sources:\n  - url: https://example.org/\n",
            )
            write(
                "signatures/survivors-letter-2023/"
                f"survivors-letter-2023--month-org-{i}.yaml",
                f"id: survivors-letter-2023--month-org-{i}\n"
                "letter: survivors-letter-2023\n"
                f"signatory: month-org-{i}\nrole: organisation\n"
                f"signed_on: {day}\n"
                "sources:\n  - url: https://example.org/\n",
            )

    def test_it_validates(self) -> None:
        report = cr.validate("registry_data")
        assert [] == list(report.problems)
        assert report.registry is not None
        letter = report.registry.letter("survivors-letter-2023")
        assert cr.PartialDate(2023, 9) == letter.date

    @pytest.mark.parametrize(
        ("day", "before"),
        [("2023-08-31", True), ("2023-09-01", True), ("2023-09-02", False)],
    )
    def test_only_a_day_surely_before_it_is_said_to_be(
        self, write: WriteFile, day: str, before: bool
    ) -> None:
        report = self._signed_on(write, day)
        said = [p for p in report.problems if p.code == "implausible-date"]
        assert before == bool(said)

    def test_nothing_counts_before_its_first_day(self) -> None:
        registry = cr.load("registry_data")
        letter = "survivors-letter-2023"
        assert registry.unpublished(letter, dt.date(2023, 8, 31))
        assert not registry.unpublished(letter, dt.date(2023, 9, 1))
        assert () == tuple(registry.standing(letter, dt.date(2023, 8, 31)))
        assert registry.standing(letter, dt.date(2023, 9, 1))

    @pytest.mark.parametrize(
        ("day", "after"), [("2023-09-30", False), ("2023-10-01", True)]
    )
    def test_a_signature_is_added_after_it_only_after_its_last_day(
        self, write: WriteFile, day: str, after: bool
    ) -> None:
        self._signed_on(write, day)
        registry = cr.load("registry_data")
        reasons = [
            r
            for line in cr.reconcile(registry, "survivors-letter-2023").lines
            for r in line.reasons
        ]
        said = "signatures added after the letter was published (signed_on)"
        assert after == any(r.startswith(said) for r in reasons)

    @pytest.mark.parametrize(
        ("qualifier", "said"),
        [
            ("exact", "where the claim says exactly 5"),
            ("at-most", "where the claim says at most 5"),
            ("at-least", None),
            ("about", None),
        ],
    )
    def test_records_above_an_upper_bound_are_warned_of(
        self, shipped_copy: Path, qualifier: str, said: str | None
    ) -> None:
        """An upper bound ("up to 5") is exceeded as an exact figure is;
        a lower bound or a round figure is not.
        """
        path = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        text = path.read_text(encoding="utf-8")
        old = "    value: 61\n    roles:\n      - organisation\n      - academic\n    qualifier: exact\n"
        assert old in text
        path.write_text(
            text.replace(
                old, old.replace("61", "5").replace("exact", qualifier)
            ),
            encoding="utf-8",
        )
        found = [
            p.message
            for p in cr.validate("registry_data").problems
            if p.code == "claim-exceeded"
        ]
        if said is None:
            assert [] == found
        else:
            (message,) = found
            assert said in message

    @pytest.mark.parametrize(
        ("dated", "day", "exceeded"),
        [
            (False, "2023-09-30", True),
            (False, "2023-10-01", False),
            # A claim its source gave on the 18th is of that day: later
            # signatures of the month do not exceed it.
            (True, "2023-09-18", True),
            (True, "2023-09-19", False),
        ],
    )
    def test_its_claims_are_checked_as_of_the_day_they_were_made(
        self,
        shipped_copy: Path,
        write: WriteFile,
        dated: bool,
        day: str,
        exceeded: bool,
    ) -> None:
        # 61 organisations and academics are claimed, by sources published
        # on 2023-09-18: 62 signing by then exceed it.  Without their dates
        # (or with a source of no date, which may be of the letter's day)
        # the claim is the letter's, of the last day of its month.
        path = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        text = path.read_text(encoding="utf-8")
        head, value, rest = text.partition("    value: 61\n")
        undated = "        publisher: Child Helpline International\n"
        assert value
        assert undated in rest
        if dated:
            rest = rest.replace(
                undated, undated + "        published: 2023-09-18\n", 1
            )
        else:
            rest = rest.replace("        published: 2023-09-18\n", "", 1)
        path.write_text(head + value + rest, encoding="utf-8")
        self._organisations_signing(write, 62, day)
        found = [
            p.message
            for p in cr.validate("registry_data").problems
            if p.code == "claim-exceeded"
        ]
        assert exceeded == bool(found)

    def test_a_claim_dated_before_the_letter_is_of_the_letter(
        self, shipped_copy: Path, write: WriteFile
    ) -> None:
        # A source that gives a day before the letter's month is wrong,
        # or of a draft: nothing counts before the letter, so the claim is
        # checked as the letter's.
        path = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("published: 2023-09-18\n", "published: 2023-08-01\n"),
            encoding="utf-8",
        )
        self._organisations_signing(write, 62, "2023-09-30")
        codes = [p.code for p in cr.validate("registry_data").problems]
        assert "claim-exceeded" in codes


class TestPossibleDuplicates:
    """One signatory recorded twice is a warning; two of the same name in
    two known countries are not."""

    @pytest.mark.parametrize(
        ("country", "codes"),
        [
            ('"GB"', ["possible-duplicate"]),
            ('"IE"', []),
            (None, ["possible-duplicate"]),
        ],
    )
    def test_barnardos_again(
        self, write: WriteFile, country: str | None, codes: list[str]
    ) -> None:
        write(
            "organisations/barnardos-again.yaml",
            "id: barnardos-again\nname: BARNARDO’S\n"
            + (f"hq_country: {country}\n" if country else "")
            + "sources:\n  - url: https://example.org/\n",
        )
        assert codes == [p.code for p in cr.validate("registry_data").problems]

    @pytest.mark.parametrize(
        ("name", "codes"),
        [
            # Lists print an acronym after the name, and drop a "the".
            (
                "Canadian Centre for Child Protection (CCCP)",
                ["possible-duplicate"],
            ),
            (
                "Canadian Centre for the Child Protection",
                ["possible-duplicate"],
            ),
            # Not the initials of the name: another body.
            ("Canadian Centre for Child Protection (CXY)", []),
        ],
    )
    def test_a_name_with_its_acronym(
        self, write: WriteFile, name: str, codes: list[str]
    ) -> None:
        write(
            "organisations/cccp-again.yaml",
            f"id: cccp-again\nname: {name}\n"
            "sources:\n  - url: https://example.org/\n",
        )
        assert codes == [p.code for p in cr.validate("registry_data").problems]

    @pytest.mark.parametrize(
        "apart",
        [
            'website: "https://barnardos-again.example"\n',
            "identifiers: {GB-CHC: '1'}\n",
        ],
    )
    def test_a_website_or_a_number_tells_them_apart(
        self, write: WriteFile, apart: str
    ) -> None:
        write(
            "organisations/barnardos.yaml",
            "id: barnardos\nname: Barnardo's\nhq_country: GB\n"
            'website: "https://www.barnardos.org.uk"\n'
            "identifiers: {GB-CHC: '216250'}\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "organisations/barnardos-again.yaml",
            "id: barnardos-again\nname: Barnardo's\nhq_country: GB\n"
            + apart
            + "sources:\n  - url: https://example.org/\n",
        )
        assert [] == [p.code for p in cr.validate("registry_data").problems]

    @pytest.mark.parametrize(
        ("one", "other", "codes"),
        [
            ("Example Org", "The Example Org", ["possible-duplicate"]),
            ("THE Example Org", "Example Org", ["possible-duplicate"]),
            (
                "Example Org & Partners",
                "Example Org and Partners",
                ["possible-duplicate"],
            ),
            (
                "Example Org + Partners",
                "Example Org and Partners",
                ["possible-duplicate"],
            ),
            # A "+" stuck to a word is part of the name, not "and".
            ("Example+ Network", "Example and Network", []),
            # "the" is dropped only as a whole word, first or inside
            # ("Society for (the) Protection").
            ("Theatre Example", "Atre Example", []),
            ("Example Bathe Org", "Example Ba Org", []),
            ("Example for the Org", "Example for Org", ["possible-duplicate"]),
        ],
    )
    def test_press_release_variants(
        self, write: WriteFile, one: str, other: str, codes: list[str]
    ) -> None:
        """A leading "The", and "&" or " + " for "and", as press releases
        write names, still make a possible duplicate.
        """
        assert codes == _codes_of_two(write, one, other)

    @pytest.mark.parametrize(
        ("one", "other", "codes"),
        [
            # Two names: vowel signs, the kana voicing mark and Thai vowels
            # spell the word, as spaces they were lost.
            ("बाल संरक्षण संघ", "बोल संरक्षण संघ", []),
            ("バス協会", "パス協会", []),
            ("มูลนิธิเด็ก", "มูลนิธิเดก", []),
            # One name: a dotless i, a soft hyphen, a Persian zero-width
            # non-joiner left out, an emoji's variation selector.
            ("Işık Derneği", "IŞIK DERNEĞİ", ["possible-duplicate"]),
            (
                "Kinder\u00adschutz Bund",
                "Kinderschutz Bund",
                ["possible-duplicate"],
            ),
            ("بنیاد کودک\u200cها", "بنیاد کودکها", ["possible-duplicate"]),
            (
                "Kids \u2764\ufe0f Safety",
                "Kids \u2764 Safety",
                ["possible-duplicate"],
            ),
        ],
    )
    def test_names_in_other_scripts(
        self, write: WriteFile, one: str, other: str, codes: list[str]
    ) -> None:
        """Names are compared as each script writes them: what makes two
        words two (a vowel sign) is kept, what never shows (a soft hyphen)
        or is left out in typing (the dot of ı) is not.
        """
        found = _codes_of_two(write, one, other)
        # The soft hyphen is also a suspicious-character warning.
        assert codes == [c for c in found if c != "suspicious-character"]

    @pytest.mark.parametrize(
        ("name", "codes"),
        [
            ("Barnardo's - UK", ["possible-duplicate"]),
            ("Barnardo’s \u2013 United Kingdom", ["possible-duplicate"]),
            ("Barnardo's \u2014 Ireland", []),
            ("Barnardo's - Youth", []),
        ],
    )
    def test_a_country_after_a_dash(
        self, write: WriteFile, name: str, codes: list[str]
    ) -> None:
        """Signatory lists put the country after a dash as often as in
        brackets ("Example Charity – Ireland"): set aside, it is the same
        name, and its country tells two records apart as brackets do.
        """
        write(
            "organisations/barnardos-again.yaml",
            f'id: barnardos-again\nname: "{name}"\n'
            "sources:\n  - url: https://example.org/\n",
        )
        problems = _but_country_in_name(cr.validate("registry_data").problems)
        assert codes == [p.code for p in problems]
        assert all(
            "but for a country after a dash" in p.message for p in problems
        )

    @pytest.mark.parametrize(
        ("name", "codes"),
        [
            ("Barnardo's UK", ["possible-duplicate"]),
            ("Barnardo’s United Kingdom", ["possible-duplicate"]),
            ("Barnardo's GBR", ["possible-duplicate"]),
            ("Barnardo's Ireland", []),  # another country: another body
            ("Barnardo's Youth", []),
            ("Barnardo's Congo", []),  # two countries' name: neither
        ],
    )
    def test_a_country_after_a_space(
        self, write: WriteFile, name: str, codes: list[str]
    ) -> None:
        """ "Barnardo's UK" was imported and recorded beside Barnardo's with
        no word, and the letter counted it twice."""
        write(
            "organisations/barnardos-again.yaml",
            f'id: barnardos-again\nname: "{name}"\n'
            "sources:\n  - url: https://example.org/\n",
        )
        problems = _but_country_in_name(cr.validate("registry_data").problems)
        assert codes == [p.code for p in problems]
        assert all("but for a country after it" in p.message for p in problems)

    @pytest.mark.parametrize(
        ("one", "other", "codes"),
        [
            ("Example Children in Scotland", "Example Children in Wales", []),
            ("Example Aid (Scotland)", "Example Aid England and Wales", []),
            ("Example Aid UK", "Example Aid Northern Ireland", []),
            ("Example Aid Scotland", "Example Aid (Scotland)", ["possible-duplicate"]),
            ("Example Aid UK", "Example Aid (United Kingdom)", ["possible-duplicate"]),
        ],
    )  # fmt: skip
    def test_two_parts_of_one_country(
        self, write: WriteFile, one: str, other: str, codes: list[str]
    ) -> None:
        """Two bodies named for two nations of the UK, both in GB, were
        one record twice to the check: the places their names end with tell
        them apart, as two countries would."""
        assert codes == _codes_of_two(write, one, other)

    def test_a_private_name_is_never_compared(self, write: WriteFile) -> None:
        write(
            "organisations/org-7k2m9x.yaml",
            "id: org-7k2m9x\nname: Barnardo's\nprivate: [name]\n"
            "sources:\n  - url: https://example.org/\n",
        )
        assert [] == [p.code for p in cr.validate("registry_data").problems]


class TestOneRegistryNumber:
    """Two organisations with one registry number are one organisation
    recorded twice, whatever their names: the letter counted it twice."""

    BARNARDOS = (
        "id: barnardos\nname: Barnardo's\nhq_country: GB\n"
        "identifiers:\n  GB-CHC: '216250'\n  GB-SC: SC037605\n"
        "sources:\n  - url: https://example.org/\n"
    )

    def _other(
        self, write: WriteFile, identifiers: str, extra: str = ""
    ) -> list[cr.Problem]:
        write("organisations/barnardos.yaml", self.BARNARDOS)
        write(
            "organisations/example-charity.yaml",
            "id: example-charity\nname: Example Charity\nhq_country: IE\n"
            f"identifiers:\n{identifiers}{extra}"
            "sources:\n  - url: https://example.org/\n",
        )
        return list(cr.validate("registry_data").problems)

    @pytest.mark.parametrize(
        ("identifiers", "codes"),
        [
            ("  GB-CHC: '216250'\n", ["possible-duplicate"]),
            ("  GB-CHC: '0216250'\n", ["possible-duplicate"]),
            ("  gb-chc: '216 250'\n", ["possible-duplicate"]),
            ("  GB-SC: sc037605\n", ["possible-duplicate"]),
            ("  GB-CHC: '216251'\n", []),
            # Another register's number of the same digits.
            ("  GB-COH: '216250'\n", []),
        ],
    )
    def test_the_same_number(
        self, write: WriteFile, identifiers: str, codes: list[str]
    ) -> None:
        assert codes == [p.code for p in self._other(write, identifiers)]

    def test_at_the_number_naming_the_first(self, write: WriteFile) -> None:
        (problem,) = self._other(write, "  wikidata: Q1\n  GB-SC: SC037605\n")
        assert (problem.location.line, problem.location.column) == (6, 10)
        assert problem.pointer == "$.identifiers.GB-SC"
        assert problem.message.startswith(
            "this organisation's GB-SC number 'SC037605' is also the GB-SC "
            "number of 'barnardos' (at registry_data/organisations/"
            "barnardos.yaml:6:10)"
        )

    def test_one_warning_for_two_numbers_shared(
        self, write: WriteFile
    ) -> None:
        problems = self._other(
            write, "  GB-CHC: '216250'\n  GB-SC: SC037605\n"
        )
        assert ["possible-duplicate"] == [p.code for p in problems]

    def test_one_warning_for_a_name_and_a_number(
        self, write: WriteFile
    ) -> None:
        write("organisations/barnardos.yaml", self.BARNARDOS)
        write(
            "organisations/barnardos-2.yaml",
            "id: barnardos-2\nname: Barnardo’s\n"
            "identifiers: {GB-CHC: '216250'}\n"
            "sources:\n  - url: https://example.org/\n",
        )
        (problem,) = cr.validate("registry_data").problems
        assert problem.pointer == "$.name"

    def test_private_identifiers_are_never_compared(
        self, write: WriteFile
    ) -> None:
        problems = self._other(
            write, "  GB-CHC: '216250'\n", "private: [identifiers]\n"
        )
        assert [] == problems

    def test_the_first_keeps_them_private(self, write: WriteFile) -> None:
        write(
            "organisations/org-k2m9x7.yaml",
            "id: org-k2m9x7\nname: Example Shelter\n"
            "identifiers: {GB-CHC: '1234567'}\nprivate: [identifiers]\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "organisations/example-charity.yaml",
            "id: example-charity\nname: Example Charity\n"
            "identifiers: {GB-CHC: '1234567'}\n"
            "sources:\n  - url: https://example.org/\n",
        )
        assert [] == list(cr.validate("registry_data").problems)

    @pytest.mark.parametrize("number", ["N/A", "0", "pending"])
    def test_no_number_is_no_number_shared(
        self, write: WriteFile, number: str
    ) -> None:
        for rid in ("example-one", "example-two"):
            write(
                f"organisations/{rid}.yaml",
                f"id: {rid}\nname: {rid}\n"
                f"identifiers: {{GB-CHC: '{number}'}}\n"
                "sources:\n  - url: https://example.org/\n",
            )
        assert [] == list(cr.validate("registry_data").problems)

    def test_one_website_is_not_one_organisation(
        self, write: WriteFile
    ) -> None:
        """National sections of a federation often give its one site."""
        for rid, country in (("example-uk", "GB"), ("example-ie", "IE")):
            write(
                f"organisations/{rid}.yaml",
                f"id: {rid}\nname: {rid}\nhq_country: {country}\n"
                'website: "https://example.org"\n'
                "sources:\n  - url: https://example.org/\n",
            )
        assert [] == list(cr.validate("registry_data").problems)


class TestASignatoryWrittenAsAName:
    """A signature's signatory written as a name is never shown (it could be
    a person's); the public name of an organisation or a group gets its id.
    """

    SIGNATURE = (
        "id: survivors-letter-2023--{sid}\nletter: survivors-letter-2023\n"
        "signatory: {signatory}\nrole: organisation\n{extra}"
        "sources:\n  - url: https://example.org/\n"
    )

    def _message(
        self, write: WriteFile, signatory: str, extra: str = ""
    ) -> str:
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--example-charity.yaml",
            self.SIGNATURE.format(
                sid="example-charity", signatory=signatory, extra=extra
            ),
        )
        (problem,) = cr.validate("registry_data").problems
        assert ("invalid-id", 3, 12) == (
            problem.code,
            problem.location.line,
            problem.location.column,
        )
        assert signatory.strip('"') not in problem.message
        return problem.message

    def _record(self, write: WriteFile, folder: str, text: str) -> None:
        rid = text.split("\n", 1)[0].removeprefix("id: ")
        write(
            f"{folder}/{rid}.yaml",
            text + "sources:\n  - url: https://example.org/\n",
        )

    @pytest.mark.parametrize(
        ("signatory", "rid"),
        [
            ('"Barnardo’s"', "barnardos"),
            ("BARNARDOS", "barnardos"),  # its alias, folded
            ("Phoenix 11", "phoenix-11"),
        ],
    )
    def test_the_id_of_that_name(
        self, write: WriteFile, signatory: str, rid: str
    ) -> None:
        assert self._message(write, signatory).endswith(
            f"it is the name of the {'group' if 'phoenix' in rid else 'organisation'} "
            f"{rid!r}: write {rid!r}"
        )

    HIDDEN = "the value (not shown: private) is not a valid id"

    def test_never_a_person(self, write: WriteFile) -> None:
        """Someone not public may share a public person's name."""
        assert self._message(write, "Mark Zuckerberg").startswith(self.HIDDEN)

    @pytest.mark.parametrize(
        ("folder", "text"),
        [
            (
                "people",
                "id: person-k2m9x7\ndisclosure: pseudonym\nname: Phoenix 11\n",
            ),
            (
                "organisations",
                (
                    "id: org-k2m9x7\nname: Example Shelter\n"
                    "aliases: [Phoenix 11]\nprivate: [aliases]\n"
                ),
            ),
        ],
    )
    def test_never_a_name_that_is_not_shown(
        self, write: WriteFile, folder: str, text: str
    ) -> None:
        """The group's id would tell what the signatory written is, which is
        also a name that is not shown."""
        self._record(write, folder, text)
        assert self._message(write, "Phoenix 11").startswith(self.HIDDEN)

    @pytest.mark.parametrize(
        "extra", ["disclosure: pseudonym\n", "privat: [signed_on]\n"]
    )
    def test_never_in_a_signature_written_as_private(
        self, write: WriteFile, extra: str
    ) -> None:
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--example-charity.yaml",
            self.SIGNATURE.format(
                sid="example-charity", signatory="Phoenix 11", extra=extra
            ),
        )
        problems = cr.validate("registry_data").problems
        assert all("phoenix" not in p.message.lower() for p in problems)

    def test_not_for_two_records_of_that_name(self, write: WriteFile) -> None:
        self._record(
            write, "organisations", "id: phoenix-eleven\nname: Phoenix 11\n"
        )
        assert self._message(write, "Phoenix 11").startswith(self.HIDDEN)


class TestANameWrittenForAnId:
    """A record's name written where its id belongs gets that id."""

    LETTER = (
        "id: example-letter\ntitle: Example letter\npublisher: {}\n"
        "sources:\n  - url: https://example.org/\n"
    )

    def _org(self, write: WriteFile, rid: str, extra: str = "") -> None:
        write(
            f"organisations/{rid}.yaml",
            f"id: {rid}\nname: Example Children's Trust\n{extra}"
            "sources:\n  - url: https://example.org/\n",
        )

    def _message(self, write: WriteFile, publisher: str) -> str:
        write("letters/example-letter.yaml", self.LETTER.format(publisher))
        (problem,) = cr.validate("registry_data").problems
        assert "invalid-id" == problem.code
        return problem.message

    def test_the_id_of_the_record_of_that_name(self, write: WriteFile) -> None:
        self._org(write, "example-childrens-trust-uk")
        assert self._message(write, "Example Children’s Trust").endswith(
            "it is the name of the organisation "
            "'example-childrens-trust-uk': write 'example-childrens-trust-uk'"
        )

    def test_an_alias(self, write: WriteFile) -> None:
        self._org(write, "example-trust-uk", "aliases: [ECT UK]\n")
        assert self._message(write, "ECT UK").endswith(
            "write 'example-trust-uk'"
        )

    def test_no_record_of_that_name(self, write: WriteFile) -> None:
        assert self._message(write, "Example Other Trust").endswith(
            "for example 'example-other-trust'"
        )

    def test_two_records_of_that_name(self, write: WriteFile) -> None:
        self._org(write, "example-childrens-trust-uk", "hq_country: GB\n")
        self._org(write, "example-childrens-trust-ie", "hq_country: IE\n")
        assert self._message(write, "Example Children's Trust").endswith(
            "for example 'example-childrens-trust'"
        )

    def test_a_private_name_is_never_matched(self, write: WriteFile) -> None:
        self._org(write, "org-k2m9x7", "private: [name]\n")
        message = self._message(write, "Example Children's Trust")
        assert "org-k2m9x7" not in message

    def test_a_private_value_gets_no_id(self, write: WriteFile) -> None:
        """The id of the record would tell the value."""
        self._org(write, "example-childrens-trust-uk")
        write(
            "letters/example-letter.yaml",
            self.LETTER.format("Example Children's Trust")
            + "private: [publisher]\n",
        )
        (problem,) = cr.validate("registry_data").problems
        assert "example-childrens-trust" not in problem.message

    def test_no_close_name_is_searched_for(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Each name written for an id is looked up exactly: searching
        every name for a close one, for each of thousands of such names in
        a large registry, took 25 times as long as the rest of the run."""
        import difflib

        def searched(*_: object, **__: object) -> list[str]:
            raise AssertionError("searched for a close name")

        monkeypatch.setattr(difflib, "get_close_matches", searched)
        self._org(write, "example-childrens-trust-uk")
        assert self._message(write, "Example Other Trust").endswith(
            "for example 'example-other-trust'"
        )
        assert self._message(write, "Example Children's Trust").endswith(
            "write 'example-childrens-trust-uk'"
        )


class TestMessagesSayHowToFix:
    """Mistakes a volunteer makes, each told how to fix it."""

    @pytest.mark.parametrize(
        ("lines", "ending"),
        [
            (
                'sources:\n  -url: "https://example.org/s"\n',
                "put a space after each '-' that starts an item",
            ),
            (
                'sources:\n  - "https://example.org/s"\n',
                "write its fields, starting with 'url: ...'",
            ),
            (
                (
                    "website: “https://example.org”\n"
                    'sources:\n  - url: "https://example.org/s"\n'
                ),
                "did you mean 'https://example.org'?",
            ),
            (
                (
                    "hq_country: GB, IE\n"
                    'sources:\n  - url: "https://example.org/s"\n'
                ),
                (
                    "write the one a source gives ('GB' for United Kingdom, "
                    "say), or, if none does, leave it out and set scope; say "
                    "in notes what the source gives"
                ),
            ),
            (
                (
                    "identifiers:\n  GB-CHC: ' '\n"
                    'sources:\n  - url: "https://example.org/s"\n'
                ),
                "the identifier for GB-CHC must be text, found blank text",
            ),
        ],
    )
    def test_an_organisation(
        self, write: WriteFile, lines: str, ending: str
    ) -> None:
        write(
            "organisations/example-charity.yaml",
            "id: example-charity\nname: Example Charity\n" + lines,
        )
        (problem,) = cr.validate("registry_data").problems
        assert problem.message.endswith(ending)


class TestNamedPathsThatHoldNoRecord:
    """validate() of a path that can hold no record is never 'valid'."""

    def test_a_device(self) -> None:
        report = cr.validate(os.devnull)
        assert (False, ["file-unreadable"]) == (
            report.valid,
            [p.code for p in report.problems],
        )

    def test_a_missing_relative_path_names_the_folder_it_is_read_from(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A notebook started in another folder than the registry's."""
        monkeypatch.chdir(tmp_path)
        (relative,) = cr.validate("registry_data").problems
        assert relative.message.endswith(
            f"read from the current folder, {tmp_path})"
        )
        (absolute,) = cr.validate(tmp_path / "registry_data").problems
        assert "no such file or folder" == absolute.message

    def test_a_folder_named_like_a_record_file(
        self, shipped_copy: Path
    ) -> None:
        (shipped_copy / "organisations" / "d.yaml").mkdir()
        report = cr.validate("registry_data/organisations/d.yaml")
        assert ["file-unreadable"] == [p.code for p in report.problems]

    def test_a_list_of_paths_given_as_one(self) -> None:
        """It failed inside pathlib ("expected str, bytes or os.PathLike
        object, not list"), saying nothing of *paths.
        """
        with pytest.raises(TypeError, match=r"validate\(\*paths\)"):
            cr.validate(["registry_data"])  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="takes paths, not an int"):
            cr.validate(5)  # type: ignore[arg-type]


def test_a_public_record_with_a_field_of_a_person_shows_its_values(
    write: WriteFile,
) -> None:
    """'country' in an organisation is a field of a person's too: that alone
    does not make the organisation a hidden person's record."""
    write(
        "organisations/acme-trust.yaml",
        "id: acme-trust\nname: Acme Trust\ncountry: Narnia\n"
        'website: "www.acme.example"\nsources:\n  - url: https://example.org/\n',
    )
    messages = [p.message for p in cr.validate("registry_data").problems]
    assert "did you mean 'hq_country'?" in messages[0]
    assert "did you mean 'https://www.acme.example'?" in messages[1]


class TestSecondProbe:
    """Found by a probe of this version's new checks."""

    def test_a_private_region_gets_the_message_of_any_private_value(
        self, write: WriteFile
    ) -> None:
        messages = []
        for country in ("Europe", "Narnia"):
            write(
                "people/person-e2r3t4.yaml",
                f"id: person-e2r3t4\ndisclosure: anonymous\ncountry: {country}\n"
                "sources:\n  - url: https://example.org/\n",
            )
            (problem,) = cr.validate("registry_data").problems
            messages.append(problem.message)
        assert messages[0] == messages[1]

    @pytest.mark.parametrize(
        ("website", "number"),
        [
            ('"https://www.barnardos.org.uk/"', "216250"),
            ('"https://barnardos.org.uk"', "0216250"),
        ],
    )
    def test_one_site_or_number_written_two_ways_is_one(
        self, write: WriteFile, website: str, number: str
    ) -> None:
        write(
            "organisations/barnardos.yaml",
            "id: barnardos\nname: Barnardo's\n"
            'website: "https://barnardos.org.uk"\n'
            "identifiers: {GB-CHC: '216250'}\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "organisations/barnardos-2.yaml",
            f"id: barnardos-2\nname: Barnardo's\nwebsite: {website}\n"
            f"identifiers: {{GB-CHC: '{number}'}}\n"
            "sources:\n  - url: https://example.org/\n",
        )
        codes = [p.code for p in cr.validate("registry_data").problems]
        assert ["possible-duplicate"] == codes

    def test_groups_are_not_told_to_add_identifiers(
        self, write: WriteFile
    ) -> None:
        for letter in "ab":
            write(
                f"groups/individual-survivors-{letter}.yaml",
                f"id: individual-survivors-{letter}\nname: Individual survivors\n"
                "sources:\n  - url: https://example.org/\n",
            )
        (problem,) = cr.validate("registry_data").problems
        assert problem.message.endswith("give each its country or website")

    def test_no_new_id_is_offered_for_a_record_with_a_private_name(
        self, write: WriteFile
    ) -> None:
        write(
            "organisations/secret-shelter.yaml",
            "id: org-q1w2e3\nname: Secret Shelter\nprivate: [name]\n"
            "sources:\n  - url: https://example.org/\n",
        )
        (problem,) = cr.validate("registry_data").problems
        assert problem.message.endswith("rename the file to org-q1w2e3.yaml")
        assert "change its id" not in problem.message


class TestFinalProbe:
    """Found by a privacy probe of the new duplicate checks."""

    def test_a_private_letter_is_not_named_by_a_duplicate_person(
        self, write: WriteFile
    ) -> None:
        for who, private in (
            ("jane-example", "[letter]"),
            ("jane-example-2", "[]"),
        ):
            write(
                f"people/{who}.yaml",
                f"id: {who}\ndisclosure: public\nname: Jane Example\n"
                "sources:\n  - url: https://example.org/\n",
            )
            write(
                "signatures/survivors-letter-2023/"
                f"survivors-letter-2023--{who}.yaml",
                f"id: survivors-letter-2023--{who}\n"
                "letter: survivors-letter-2023\n"
                f"signatory: {who}\nrole: expert\nprivate: {private}\n"
                "sources:\n  - url: https://example.org/\n",
            )
        problems = cr.validate("registry_data").problems
        assert not any(
            "'survivors-letter-2023'" in p.message for p in problems
        )
        # And a signature's letter cannot be private: its id and folder
        # name it anyway.
        said = (
            "the field 'letter' cannot be private: the signature's id and "
            "folder name it, and every count of the letter takes it in (a "
            "signature that must not be known is not recorded); remove it "
            "from the list"
        )
        assert [said] == [
            p.message for p in problems if p.code == "invalid-private"
        ]

    def test_a_private_name_written_for_an_id_is_not_repeated(
        self, write: WriteFile, shipped_copy: Path
    ) -> None:
        write(
            "organisations/org-k2j3h4.yaml",
            "id: org-k2j3h4\nname: Quillfeather Trust\nprivate: [name]\n"
            "sources:\n  - url: https://example.org/\n",
        )
        letter = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        text = letter.read_text("utf-8")
        assert "\npublisher: nspcc\n" in text
        letter.write_text(
            text.replace("publisher: nspcc", "publisher: Quillfeather Trust"),
            encoding="utf-8",
        )
        problems = cr.validate("registry_data").problems
        assert [(p.code, p.location.line, p.pointer) for p in problems] == [
            ("invalid-id", 5, "$.publisher")
        ]
        assert "uillfeather" not in problems[0].message
        assert "write the id of the record meant" in problems[0].message
        # A public name, as before, is quoted, with the id to write.
        letter.write_text(
            text.replace("publisher: nspcc", "publisher: Barnardo's"),
            encoding="utf-8",
        )
        (said,) = cr.validate("registry_data").problems
        assert '"Barnardo\'s"' in said.message
        assert said.message.endswith("write 'barnardos'")

    def test_a_survivors_signature_with_the_signatory_as_a_name(
        self, write: WriteFile
    ) -> None:
        write(
            "people/person-q1w2f1.yaml",
            "id: person-q1w2f1\ndisclosure: anonymous\n"
            "sources:\n  - url: https://example.org/\n",
        )
        path = write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--person-q1w2f1.yaml",
            "id: survivors-letter-2023--person-q1w2f1\n"
            "letter: survivors-letter-2023\n"
            "signatory: quillfeather-example\nrole: survivor\n"
            "sources:\n  - url: https://example.org/\n",
        )
        for text in (
            path.read_text("utf-8"),
            # With the id made from it too: the file's name still tells.
            path.read_text("utf-8").replace(
                "--person-q1w2f1", "--quillfeather-example"
            ),
        ):
            path.write_text(text, encoding="utf-8")
            problems = cr.validate("registry_data").problems
            assert problems
            assert not any("quillfeather" in p.message for p in problems)

    def test_a_hidden_name_written_as_an_id_is_not_repeated(
        self, write: WriteFile, shipped_copy: Path
    ) -> None:
        """In a file whose name tells nothing of whose it is, and as a
        letter's publisher (found by a review of the fix above)."""
        write(
            "people/person-q1w2f1.yaml",
            "id: person-q1w2f1\ndisclosure: pseudonym\n"
            "name: Quillfeather Example\n"
            "sources:\n  - url: https://example.org/\n",
        )
        write(
            "signatures/survivors-letter-2023/new-signature.yaml",
            "id: survivors-letter-2023--quillfeather-example\n"
            "letter: survivors-letter-2023\n"
            "signatory: quillfeather-example\nrole: survivor\n"
            "sources:\n  - url: https://example.org/\n",
        )
        letter = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        letter.write_text(
            letter.read_text("utf-8").replace(
                "publisher: nspcc", "publisher: quillfeather-example"
            ),
            encoding="utf-8",
        )
        problems = cr.validate("registry_data").problems
        assert {"unknown-reference"} <= {p.code for p in problems}
        assert not any("quillfeather" in p.message for p in problems)


class TestMemberships:
    COALITION = (
        "id: example-coalition\nname: Example Coalition\nmembers:\n"
        "  - organisation: barnardos\n    joined: {joined}\n"
        "    left: {left}\n"
        "sources:\n  - url: https://example.org/\n"
    )

    @pytest.mark.parametrize(
        ("joined", "left", "codes"),
        [
            ("2022-01-10", "2023-06-30", []),
            ("2023-06-30", "2022-01-10", ["invalid-value"]),
        ],
    )
    def test_left_before_joined(
        self, write: WriteFile, joined: str, left: str, codes: list[str]
    ) -> None:
        """A membership that ends before it begins counts on no day, as a
        signature withdrawn before it was made: the dates are swapped, or a
        year is mistyped."""
        write(
            "coalitions/example-coalition.yaml",
            self.COALITION.format(joined=joined, left=left),
        )
        problems = cr.validate("registry_data").problems
        assert codes == [p.code for p in problems]
        for problem in problems:
            assert (6, 11) == (problem.location.line, problem.location.column)
            assert "$.members[0].left" == problem.pointer
            assert left not in problem.message


@pytest.mark.skipif(
    sys.platform != "linux", reason="file names of any bytes: Linux"
)
@pytest.mark.parametrize(
    ("name", "said"),
    [
        (b"new\nline.yaml", "'new\\x0aline'"),
        (b"caf\xe9.yaml", "'caf\\xe9'"),
        (b"o'brien\xe9.yaml", '"o\'brien\\xe9"'),
    ],
)
def test_a_file_name_in_a_message_is_escaped_as_its_path(
    shipped_copy: Path, name: bytes, said: str
) -> None:
    """id-file-mismatch named the file as Python writes a string
    ('caf\\udce9', 'new\\nline'), where its path shows 'caf\\xe9'."""
    folder = os.fsencode(shipped_copy / "organisations")
    with open(folder + b"/" + name, "wb") as f:
        f.write(b"id: example-charity\nname: Example Charity\n")
    report = cr.validate(shipped_copy)
    (problem,) = (p for p in report.problems if p.code == "id-file-mismatch")
    assert problem.message.startswith(f"the file is named {said} but")
    assert problem.location.path.endswith(f"/{said[1:-1]}.yaml")


class TestSupporterRole:
    """A person who signed for themselves, in no role the source names (a
    petition's member of the public), is recorded as ``supporter``: any
    other role would be counted as a fact no source gives."""

    PERSON = (
        "id: jane-example\nname: Jane Example\ndisclosure: public\n"
        "country: FR\nsources:\n  - url: https://example.org/list\n"
    )

    @staticmethod
    def signature(signatory: str) -> str:
        return (
            f"id: survivors-letter-2023--{signatory}\n"
            f"letter: survivors-letter-2023\nsignatory: {signatory}\n"
            "role: supporter\n"
            "sources:\n  - url: https://example.org/list\n"
        )

    def test_a_person_signs_and_is_counted_as_one(
        self, write: WriteFile
    ) -> None:
        write("people/jane-example.yaml", self.PERSON)
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--jane-example.yaml",
            self.signature("jane-example"),
        )
        report = cr.validate("registry_data")
        assert [] == [str(p) for p in report.errors]
        table = cr.signatory_table(
            report.to_registry(), "survivors-letter-2023", by="role"
        )
        rows = {row.label: row for row in table.rows}
        assert "supporter" in rows

    def test_an_organisation_does_not(self, write: WriteFile) -> None:
        path = write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--barnardos.yaml",
            self.signature("barnardos"),
        )
        report = cr.validate("registry_data")
        (problem,) = report.errors
        assert "invalid-value" == problem.code
        assert files.display_path(path) == problem.location.path
        assert "the role 'supporter' is one only people sign in" in (
            problem.message
        )


def test_a_father_and_son_are_not_one_person(write: WriteFile) -> None:
    """ "John Example Jr." and "John Example Sr." were folded to one name
    and reported as a person recorded twice."""
    for suffix in ("Jr.", "Sr."):
        slug = suffix.lower().rstrip(".")
        write(
            f"people/john-example-{slug}.yaml",
            f"id: john-example-{slug}\nname: John Example {suffix}\n"
            "disclosure: public\ncountry: US\n"
            "sources:\n  - url: https://example.org/list\n",
        )
    report = cr.validate("registry_data")
    assert [] == [str(p) for p in report.problems]


@pytest.mark.parametrize(
    "placed",
    [
        "registry_data/signatures/example-letter/example-letter--x.yaml",
        "registry_data/signatures/example-letter/2b/example-letter--x.yaml",
    ],
)
def test_a_signature_in_its_letters_folder_is_the_one_kept(
    placed: str,
) -> None:
    """A copy in signatures/ itself is read first: it was the one kept, and
    the contributor told to change the right one.  A large letter's folder
    has folders of its own (signatures/<letter>/2b/)."""
    stray = "registry_data/signatures/example-letter--x.yaml"
    kept, changed = validation._duplicate_ids(
        "example-letter--x",
        [cr.Location(stray, 1, 5), cr.Location(placed, 1, 5)],
    )
    assert "change this record" in kept.message
    assert kept.location.path == stray
    assert "keep this record, in its letter's folder" in changed.message


def test_a_private_list_in_the_registry_file_is_named(
    shipped_copy: Path,
) -> None:
    """It keeps nothing private there, and was told as a field whose name
    is not repeated, since "the record may hold private values"."""
    path = shipped_copy / "registry.yaml"
    path.write_text(path.read_text() + "private: [name]\n")
    (problem,) = cr.validate(shipped_copy).problems
    assert "unknown field 'private' in a registry file" in problem.message


def _but_country_in_name(problems: Any) -> list[Any]:
    """*problems* but the country-in-name warning a record with a country
    after its name and none given also gets."""
    return [p for p in problems if p.code != "country-in-name"]


class TestACopiedRecord:
    """A record copied into a file of its own, its id kept, gets one
    duplicate-id at the copy; but not where the file's name is no id to
    take."""

    def test_a_hidden_persons_copy_is_not_told_to_take_its_file_name(
        self, write: WriteFile
    ) -> None:
        """The file's name may spell the pseudonym."""
        text = (
            "id: person-k8v2m5\ndisclosure: pseudonym\nname: Skylark\n"
            "sources:\n  - url: https://example.org/\n"
        )
        write("people/person-k8v2m5.yaml", text)
        write("people/skylark.yaml", text)
        problems = cr.validate("registry_data").problems
        assert ["duplicate-id", "duplicate-id", "id-file-mismatch"] == [
            p.code for p in problems
        ]
        assert not any("'skylark'" in p.message for p in problems)

    def test_a_copy_named_after_an_id_taken_is_not_told_to_take_it(
        self, write: WriteFile
    ) -> None:
        write(
            "organisations/sub/meta.yaml",
            "id: barnardos\nname: Example Copy\n"
            "sources:\n  - url: https://example.org/\n",
        )
        problems = cr.validate("registry_data").problems
        assert "change its id to 'meta', as its file is named" not in " ".join(
            p.message for p in problems
        )
        assert 2 == [p.code for p in problems].count("duplicate-id")


@pytest.mark.parametrize(
    ("text", "records"), [("# nothing yet\n", 0), ("[]\n", 0), ("[\n", 1)]
)
def test_an_empty_file_holds_no_record(
    write: WriteFile, text: str, records: int
) -> None:
    """It is counted among the files, not among the records (one that
    cannot be read holds one, as far as is known).
    """
    before = cr.validate("registry_data")
    write("organisations/example-empty.yaml", text)
    after = cr.validate("registry_data")
    assert (before.files + 1, before.records + records) == (
        after.files,
        after.records,
    )


class TestAliasesOfAPrivateName:
    """Another name of an organisation whose name is private would tell
    it: its aliases are kept private with it."""

    RECORD = (
        "id: {id}\nname: Example Hidden Shelter\n"
        "aliases:\n  - Example Refuge Nine\n  - {alias}\n"
        "private: [{private}]\nsources:\n  - url: https://example.org/\n"
    )

    def test_no_output_shows_them(self, write: WriteFile) -> None:
        write(
            "organisations/organisation-7k2m9x.yaml",
            self.RECORD.format(
                id="organisation-7k2m9x",
                alias='"Example Refuge\u202eTen"',
                private="name",
            ),
        )
        report = cr.validate("registry_data")
        (problem,) = report.problems
        assert "suspicious-character" == problem.code
        assert "Refuge" not in problem.message
        assert report.registry is not None
        record = report.registry.organisations["organisation-7k2m9x"]
        assert "Refuge" not in repr(record)
        assert "aliases=<private>" in repr(record)
        # Nor does looking a name up find the record by one.
        with pytest.raises(LookupError):
            report.registry.organisations.lookup("Example Refuge Nine")

    @pytest.mark.parametrize("private", ["name", "aliases"])
    def test_an_id_that_spells_one_is_not_opaque(
        self, write: WriteFile, private: str
    ) -> None:
        write(
            "organisations/organisation-refuge.yaml",
            self.RECORD.format(
                id="organisation-refuge", alias="Other", private=private
            ),
        )
        (problem,) = cr.validate("registry_data").problems
        assert "not-opaque-id" == problem.code
        assert f"whose {private} " in problem.message
        assert "Refuge" not in problem.message

    def test_words_of_a_public_name_tell_nothing(
        self, write: WriteFile
    ) -> None:
        """With only the aliases private, an id of the public name's words
        is no giveaway, though an alias shares them."""
        write(
            "organisations/example-hidden-shelter.yaml",
            self.RECORD.format(
                id="example-hidden-shelter",
                alias="Example Shelter for Orphans",
                private="aliases",
            ),
        )
        assert () == cr.validate("registry_data").problems

    def test_a_folder_that_spells_one_is_not_opaque(
        self, write: WriteFile
    ) -> None:
        write(
            "organisations/refuge/organisation-7k2m9x.yaml",
            self.RECORD.format(
                id="organisation-7k2m9x", alias="Other", private="name"
            ),
        )
        (problem,) = cr.validate("registry_data").problems
        assert "not-opaque-id" == problem.code
        assert "name or aliases, which are private" in problem.message

    def test_public_ones_are_looked_up(self, write: WriteFile) -> None:
        write(
            "organisations/example-hidden-shelter.yaml",
            self.RECORD.format(
                id="example-hidden-shelter", alias="Other", private="notes"
            ),
        )
        registry = cr.load("registry_data")
        found = registry.organisations.lookup("Example Refuge Nine")
        assert "example-hidden-shelter" == found.id


def test_a_path_is_compared_by_whole_words(write: WriteFile) -> None:
    """A pseudonym "Ian" was found in people/canadian-survivors.yaml: a
    file's name must not hold a word of a hidden name, not its letters."""
    write(
        "people/canadian-survivors.yaml",
        "- id: person-k8v2m5\n  disclosure: pseudonym\n  name: Ian\n"
        "  sources:\n    - url: https://example.org/\n",
    )
    assert () == cr.validate("registry_data").problems
    write(
        "people/ian-and-friends.yaml",
        "- id: person-k8v2m6\n  disclosure: pseudonym\n  name: Ian\n"
        "  sources:\n    - url: https://example.org/\n",
    )
    assert ["not-opaque-id"] == [
        p.code for p in cr.validate("registry_data").problems
    ]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("people/\u0141ukasz/person-d4e5f6.yaml", "\u0141ukasz"),
        ("people/jo-li/person-d4e5f6.yaml", "Jo Li"),
        ("people/skylark2.yaml", "Skylark"),
    ],
)
def test_a_path_is_compared_as_a_name_is(
    write: WriteFile, path: str, name: str
) -> None:
    """Folded, run together, and without a number after it."""
    record = (
        f"id: person-d4e5f6\ndisclosure: pseudonym\nname: {name}\n"
        "sources:\n  - url: https://example.org/\n"
    )
    if not path.endswith("person-d4e5f6.yaml"):
        record = "- " + record.replace("\n", "\n  ").rstrip() + "\n"
    write(path, record)
    assert ["not-opaque-id"] == [
        p.code for p in cr.validate("registry_data").problems
    ]


@pytest.mark.parametrize(
    ("record_id", "name", "told"),
    [
        ("person-zyxwqu", "Zyxwquartz Example", True),  # its start
        ("person-sky123", "Skylark", True),  # its first three letters
        ("person-lark22", "Skylark", True),  # four letters inside it
        ("person-q8r3t5", "Zyxwquartz Example", False),
        ("person-k8v2m5", "Ian", False),
    ],
)
def test_an_id_that_tells_part_of_a_hidden_name(
    write: WriteFile, record_id: str, name: str, *, told: bool
) -> None:
    """Found by a privacy review: only whole words were looked for."""
    write(
        f"people/{record_id}.yaml",
        f"id: {record_id}\ndisclosure: pseudonym\nname: {name}\n"
        "sources:\n  - url: https://example.org/\n",
    )
    codes = [p.code for p in cr.validate("registry_data").problems]
    assert codes == (["not-opaque-id"] if told else [])


# What the checks across records read: the cache serves the last report
# to a file changed only in what they do not (see validation.read_across).


class _Poison:
    """A value that fails on any use: a check that reads it fails."""

    def _fail(self, *args: object, **kwargs: object) -> Any:
        msg = "a field that no check across records reads was read"
        raise AssertionError(msg)

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _fail
    __hash__ = __bool__ = __len__ = __iter__ = __contains__ = _fail
    __getitem__ = __str__ = __format__ = __getattr__ = _fail


def _poisoned(result: validation.FileRecords) -> validation.FileRecords:
    records = []
    for record in result.records:
        clone = copy.copy(record)
        for name in validation.NOT_READ_ACROSS:
            if hasattr(clone, name):
                object.__setattr__(clone, name, _Poison())
        records.append(clone)
    return attrs.evolve(result, records=tuple(records))


def _across_poisoned(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], list[str]]:
    """The problems of the registry at *root*, and those found with every
    field the checks across records should not read made to fail on use.
    """
    plain = cr.validate(root, keep_records=False)
    real = validation._read

    def read(results: list[Any]) -> list[validation.FileRecords]:
        return [_poisoned(r) for r in real(results)]

    with monkeypatch.context() as m:
        m.setattr(validation, "_read", read)
        poisoned = cr.validate(root, keep_records=False)
    return problems(plain), problems(poisoned)


@pytest.mark.parametrize(
    "case", [None, *CASES], ids=["shipped", *(c.name for c in CASES)]
)
def test_fields_not_read_across_are_not_read_across(
    case: Path | None, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if case is not None:
        overlay(case, shipped_copy)
    plain, poisoned = _across_poisoned(shipped_copy, monkeypatch)
    assert plain == poisoned


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(records=registries())
def test_fields_not_read_across_in_generated_registries(
    records: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "registry_data"
    shutil.copytree(SHIPPED, root)
    for record in records:
        folder = root / type(record).folder
        folder.mkdir(exist_ok=True)
        (folder / f"{record.id}.yaml").write_text(dump(record), "utf-8")
    plain, poisoned = _across_poisoned(root, monkeypatch)
    assert plain == poisoned


def test_read_across_leaves_out_sources_notes_and_own_problems(
    shipped_copy: Path,
) -> None:
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    text = nspcc.read_text("utf-8")
    shown = "registry_data/organisations/nspcc.yaml"

    def read(changed: str) -> validation.FileRecords:
        return validation.read_records(
            changed.encode(), shown, cr.Organisation, stem="nspcc"
        )

    first = read(text)
    # A quote's text, with a comment where a value was meant (a warning of
    # this file alone), and a note's text: not read across.
    quoted = read(text.replace("number 216401", "number 216401 #1"))
    assert ["comment-in-value"] == [p.code for p in quoted.problems]
    noted = read(text.replace("Based in London.", "Based in Leeds.."))
    for other in (quoted, noted):
        assert other != first
        assert validation.read_across(other) == validation.read_across(first)
    assert quoted.problems == validation.own_problems(quoted)
    # The name, read across; a line added above the name, moving it.
    for changed in (
        text.replace("name: National", "name: Royal"),
        text.replace("name: National", "# moved\nname: National"),
    ):
        assert validation.read_across(read(changed)) != (
            validation.read_across(first)
        )


def test_two_names_of_one_acronym_are_not_one_organisation(
    write: WriteFile,
) -> None:
    """Each name's acronym is compared with the other's names, not with
    the other's acronym (found by a review)."""
    for i, name in (
        (1, "Alliance for Child Example Advocacy (ACEA)"),
        (2, "Association of Children's Example Advocates (ACEA)"),
    ):
        write(
            f"organisations/acea-{i}.yaml",
            f'id: acea-{i}\nname: "{name}"\nhq_country: "US"\n'
            "sources:\n  - url: https://example.org/\n",
        )
    assert () == cr.validate("registry_data").problems
    write(
        "organisations/acea.yaml",
        'id: acea\nname: ACEA\nhq_country: "US"\n'
        "sources:\n  - url: https://example.org/\n",
    )
    assert ["possible-duplicate"] == [
        p.code for p in cr.validate("registry_data").problems
    ]


def test_placing_private_records_looks_at_each_line_a_few_times(
    write: WriteFile, lines_looked_at: LinesLookedAt
) -> None:
    """The id and references of each record of anonymous people are placed
    at the start of their values, searching up from them no further than
    the record's first line: a search through the whole file above each
    took 90 s for 100,000 people in list files, against 12 s before.
    """
    people = "".join(
        f"- id: person-{i:06d}\n  disclosure: anonymous\n  country: GB\n"
        "  sources:\n    - url: https://example.org\n"
        for i in range(400)
    )
    write("people/many.yaml", people)
    assert () == cr.validate("registry_data").problems
    assert 400 * 5 * 4 > lines_looked_at.count >= 400
