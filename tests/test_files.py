"""Reading a record file's bytes: whole, in as few system calls as it takes."""

from __future__ import annotations

import errno
import os

from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry import files
from coalition_registry.problems import Problem


TEXT = b'id: barnardos\nname: "Barnardo\'s"\n' * 50


@pytest.fixture(name="record")
def _record(tmp_path: Path) -> Path:
    path = tmp_path / "barnardos.yaml"
    path.write_bytes(TEXT)
    return path


def counting_reads(
    monkeypatch: pytest.MonkeyPatch, at_most: int | None = None
) -> list[int]:
    """Count os.read calls; with *at_most*, give no more bytes per call, as
    a network or FUSE file system may.
    """
    calls: list[int] = []
    real = os.read

    def read(fd: int, n: int) -> bytes:
        calls.append(n)
        return real(fd, n if at_most is None else min(n, at_most))

    monkeypatch.setattr(os, "read", read)
    return calls


def test_a_file_is_read_in_one_call(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_reads(monkeypatch)
    assert TEXT == files.read_bytes(str(record), "f.yaml", 10**6)
    assert [len(TEXT) + 1] == calls


def test_short_reads_are_read_to_the_end(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_reads(monkeypatch, at_most=7)
    assert TEXT == files.read_bytes(str(record), "f.yaml", 10**6)
    assert len(calls) > len(TEXT) // 7


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    assert b"" == files.read_bytes(str(path), "f.yaml", 10**6)


def test_a_file_over_the_limit(record: Path) -> None:
    problem = files.read_bytes(str(record), "f.yaml", 100)
    assert isinstance(problem, Problem)
    assert "file-too-large" == problem.code
    assert f"has {len(TEXT):,} bytes" in problem.message


@pytest.mark.parametrize("said", [0, 10, len(TEXT) - 1])
def test_a_file_larger_than_fstat_says_is_read_whole(
    record: Path, monkeypatch: pytest.MonkeyPatch, said: int
) -> None:
    """A file that grew after fstat, or that gives no size (as /proc)."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        info = real(fd)
        fields = list(info[:10])
        fields[6] = said  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)
    assert TEXT == files.read_bytes(str(record), "f.yaml", 10**6)
    too_large = files.read_bytes(str(record), "f.yaml", 100)
    assert isinstance(too_large, Problem)
    assert "file-too-large" == too_large.code


@pytest.mark.parametrize(
    ("number", "advice"),
    [
        (errno.ENOENT, "it was moved or deleted while being read; run again"),
        (errno.EACCES, "check its permissions"),
        (errno.EPERM, "check its permissions"),
        (errno.EISDIR, "it is a folder"),
        (errno.ENAMETOOLONG, "its path is too long"),
    ],
)
def test_the_advice_fits_the_reason(
    record: Path, monkeypatch: pytest.MonkeyPatch, number: int, advice: str
) -> None:
    """What to do about a file that cannot be read depends on why."""

    def refuse(*_: Any) -> int:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "open", refuse)
    problem = files.read_bytes(str(record), "f.yaml", 10**6)
    assert isinstance(problem, Problem)
    assert "file-unreadable" == problem.code
    reason = os.strerror(number).lower()
    assert f"the file cannot be read ({reason}); {advice}" in problem.message
    if number not in {errno.EACCES, errno.EPERM}:
        assert "permissions" not in problem.message


def test_a_file_deleted_after_the_listing(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that vanishes between the listing and the reading is reported
    as such, not as a matter of permissions."""
    gone = shipped_copy / "organisations" / "nspcc.yaml"
    real = files.walk

    def walk(root: Path) -> list[files.FileEntry]:
        entries = real(root)
        gone.unlink(missing_ok=True)
        return entries

    monkeypatch.setattr(files, "walk", walk)
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", "1")
    messages = [
        p.message
        for p in cr.validate(shipped_copy).problems
        if p.location.path.endswith("organisations/nspcc.yaml")
    ]
    expected = (
        "the file cannot be read (no such file or directory); it was moved "
        "or deleted while being read; run again"
    )
    assert [expected] == messages


RECORD = b'id: example-org\nname: Example Org\nsources:\n  - url: "x"\n'


def walked(root: Path) -> dict[str, str | None]:
    """Each file the walk lists, relative to *root*, with its problem's
    code, if it has one.
    """
    return {
        Path(e.path).relative_to(root).as_posix(): (
            None if e.problem is None else e.problem.code
        )
        for e in files.walk(root)
    }


class TestRecordsSavedAsText:
    """A record saved as .txt, .csv, with no extension, or with .yaml
    mistyped (.ymal) in a record folder is reported, since it would be missing from every count; other files
    stay quiet.
    """

    @pytest.fixture(name="root")
    def _root(self, tmp_path: Path) -> Path:
        (tmp_path / "registry.yaml").write_text("schema_version: 1\n")
        for folder in files.RECORD_FOLDERS:
            (tmp_path / folder).mkdir()
        return tmp_path

    @pytest.mark.parametrize(
        "name",
        [
            "organisations/example-org.txt",
            "organisations/example-org.TXT",
            "organisations/example-org",
            "organisations/example-org.",
            "organisations/example-org.csv",
            "organisations/example-org.tsv",
            "organisations/example-org.text",
            "organisations/example-org.ymal",
            "organisations/example-org.YAM",
            "organisations/example-org.yamll",
            "organisations/example-org.ylm",
            "organisations/example-org.json",
            "organisations/example-org. yaml",
            "organisations/example-org.\uff59\uff41\uff4d\uff4c",
            "organisations/example-org_yaml",
            "people/person-7k2m9x.txt",
            "signatures/example-letter/example-org",
            "coalitions/deep/er/example-org.txt",
        ],
    )
    def test_reported(self, root: Path, name: str) -> None:
        """Anywhere below a record folder, whatever the extension's case."""
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(RECORD)
        assert {name: "ignored-file"} == walked(root)

    @pytest.mark.parametrize(
        ("name", "meant"),
        [
            ("example-org.txt", "example-org.yaml"),
            ("example-org. yaml", "example-org.yaml"),
            ("example-org.\uff59\uff41\uff4d\uff4c", "example-org.yaml"),
            ("example-org_yaml", "example-org.yaml"),
            ("example-org-yml", "example-org.yml"),
            ("example-org\uff0eyaml", "example-org.yaml"),
            ("example-org\uff0e\uff59\uff4d\uff4c", "example-org.yml"),
            ("example-org", "example-org.yaml"),
        ],
    )
    def test_the_name_to_give_it(
        self, root: Path, name: str, meant: str
    ) -> None:
        """The name a file is told to have is one that is read, and that
        its record's id matches ("example-org_yaml.yaml" was not).
        """
        (root / "organisations" / name).write_bytes(RECORD)
        (entry,) = files.walk(root)
        assert entry.problem is not None
        assert f"rename it to {meant!r}" in entry.problem.message

    @pytest.mark.parametrize(
        "name",
        [
            "organisations/signatories.yaml.csv",
            "signatures/example-letter/list.yml.xlsx",
            "organisations/list.csv",
        ],
    )
    def test_a_spreadsheet_named_like_a_record_is_one(
        self, root: Path, name: str
    ) -> None:
        """Saved as CSV from a file once called x.yaml: renamed, as an
        ignored file is told to be, it would not be a record.
        """
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"name,country\nExample Org,FR\n")
        assert {name: "spreadsheet-in-registry"} == walked(root)

    @pytest.mark.parametrize(
        "name", [".signatories.csv", "people/.list.xlsx", "people/.X.CSV"]
    )
    def test_a_hidden_spreadsheet_is_one(self, root: Path, name: str) -> None:
        """Published as any other (git add -A stages it)."""
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"name,country\nExample Org,FR\n")
        assert {name: "spreadsheet-in-registry"} == walked(root)

    @pytest.mark.parametrize(
        "name", ["people/._list.csv", ".imports/list.csv", ".git/x.csv"]
    )
    def test_no_note_of_macos_nor_hidden_folder_is(
        self, root: Path, name: str
    ) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"name,country\nExample Org,FR\n")
        assert {} == walked(root)

    @pytest.mark.parametrize(
        "head",
        [
            RECORD,
            b"\xef\xbb\xbf" + RECORD,  # a byte-order mark
            RECORD.replace(b"\n", b"\r\n"),
            b"# Example Org\n\n---\n" + RECORD,
            b"- id: example-org\n  name: Example Org\n",  # a list file
            b"id:\n",
            "id: example-org\n".encode("utf-16"),  # Notepad's "Unicode"
            b'{"id": "example-org", "name": "Example Org"}\n',  # JSON
            b'[\n  {\n    "name": "Example Org",\n    "id": "example-org"',
        ],
    )
    def test_what_looks_like_a_record(self, head: bytes) -> None:
        """Its first line that is not a comment is a field, in lower case."""
        assert files._looks_like_a_record(head)

    @pytest.mark.parametrize(
        "head",
        [
            b"",
            b"# only a comment\n",
            b"These files list the organisations.\n",
            b"Note: check these.\n",  # prose: a capital letter
            b"id,name\nexample-org,Example Org\n",  # a spreadsheet
            b"CC-BY-4.0\n",
            b"  id: example-org\n",  # indented: not how a record starts
            b"https://example.org\n",
            b"\x89PNG\r\n\x1a\n",
            b'{"$schema": "https://json-schema.org/draft/2020-12/schema"}',
            b"[1, 2, 3]\n",
        ],
    )
    def test_what_does_not(self, head: bytes) -> None:
        assert not files._looks_like_a_record(head)

    @pytest.mark.parametrize(
        "name",
        [
            "organisations/README",
            "organisations/LICENSE",
            "organisations/README.md",
            "organisations/notes.md",
            "organisations/example-org.docx",
            "organisations/example-org.yaml~",  # an editor's backup
            "organisations/example-org.xml",
            "organisations/example-org.toml",
            "organisations/.gitkeep",
            "organisations/.example-org.txt",
            "README",
            "example-org.txt",
            "docs/example-org.txt",
        ],
    )
    def test_quiet(self, root: Path, name: str) -> None:
        """Prose, other kinds of file, hidden files, and files outside the
        record folders are not reported, even holding a record.
        """
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        prose = "README" in name or "LICENSE" in name
        text = b"Shared under CC-BY-4.0.\n" if prose else RECORD
        (root / name).write_bytes(text)
        assert {} == walked(root)

    @pytest.mark.parametrize(
        "name", ["README", "TODO.txt", "notes", "Licence.text"]
    )
    def test_notes_in_markdown_are_quiet(self, root: Path, name: str) -> None:
        """A folder's notes may open with a Markdown heading, which reads
        as a comment, and go on "todo: ...", like a record's field.
        """
        notes = b"# Organisations\n\ntodo: add the Example Trust\n"
        assert files._looks_like_a_record(notes)
        (root / "organisations" / name).write_bytes(notes)
        assert {} == walked(root)

    def test_a_folder_named_like_a_record_is_walked(self, root: Path) -> None:
        (root / "organisations" / "example-org").mkdir()
        (root / "organisations" / "example-org" / "a.yaml").write_bytes(RECORD)
        assert {"organisations/example-org/a.yaml": None} == walked(root)

    @pytest.mark.parametrize(
        "name",
        [
            "organisations/example-org.yaml ",
            "organisations/example-org.yml\u00a0",
            "organisations/example-org.yaml\u200b",
            "signatures/example-letter/example-letter--example-org.yaml ",
        ],
    )
    def test_a_blank_after_the_suffix_is_reported(
        self, root: Path, name: str
    ) -> None:
        """A space or an invisible character after '.yaml' (typed in a
        file manager, pasted) hides the file from every count, unseen.
        """
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(RECORD)
        assert {name: "ignored-file"} == walked(root)
        (entry,) = files.walk(root)
        assert entry.problem is not None
        assert "a space or an invisible character after '.yaml'" in (
            entry.problem.message
        )

    def test_the_message_says_what_to_rename_it_to(self, root: Path) -> None:
        (root / "organisations" / "example-org.txt").write_bytes(RECORD)
        (root / "organisations" / "example-fund").write_bytes(RECORD)
        messages = [e.problem.message for e in files.walk(root) if e.problem]
        no_extension = (
            "this file is not read: it looks like a record, but its name "
            "does not end in '.yaml'; rename it to 'example-fund.yaml', or "
            "delete it"
        )
        txt = (
            "this file is not read: it looks like a record, but its name "
            "ends in '.txt', not '.yaml'; rename it to 'example-org.yaml', "
            "or delete it"
        )
        assert [no_extension, txt] == messages

    def test_the_stem_of_a_name_without_extension(self, root: Path) -> None:
        (root / "organisations" / "example-org").write_bytes(RECORD)
        (entry,) = files.walk(root)
        assert (True, "example-org") == (entry.ignored, entry.stem)

    def test_yaml_files_are_not_opened(
        self, root: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Only a name that is not .yaml or .yml may cost a read."""
        for i in range(20):
            (root / "organisations" / f"o{i}.yaml").write_bytes(RECORD)
        (root / "organisations" / "notes.md").write_bytes(RECORD)
        (root / "organisations" / "example-org.txt").write_bytes(RECORD)
        opened: list[str] = []
        real = os.open

        def counting_open(path: str, *args: Any, **kwargs: Any) -> int:
            opened.append(os.path.basename(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", counting_open)
        files.walk(root)
        assert ["example-org.txt"] == opened

    def test_record_folders_are_the_models(self) -> None:
        from coalition_registry.model import FOLDERS

        assert set(FOLDERS) == files.RECORD_FOLDERS


class TestShownPaths:
    """Paths in problems are shown as a user would type them."""

    def test_an_absolute_path_outside_here_stays_absolute(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A registry named by its absolute path from another folder is not
        shown as ../../ and so on."""
        here = tmp_path / "work" / "me"
        here.mkdir(parents=True)
        monkeypatch.chdir(here)
        elsewhere = tmp_path / "registry" / "people"
        assert str(elsewhere) == files.display_path(elsewhere)
        assert "../../registry/people" == files.display_path(
            Path("../../registry/people")
        )
        assert "x/y.yaml" == files.display_path(here / "x" / "y.yaml")

    def test_the_root_of_a_relative_path_is_relative(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        root = tmp_path / "registry"
        (root / "people").mkdir(parents=True)
        (root / files.REGISTRY_FILE).write_text("name: Example\n")
        (tmp_path / "work").mkdir()
        monkeypatch.chdir(tmp_path / "work")
        assert Path("../registry") == files.find_root(
            Path("../registry/people")
        )
        assert root == files.find_root(root / "people")

    def test_a_registry_file_in_a_record_folder_is_no_root(
        self, shipped_copy: Path
    ) -> None:
        """The registry above reads it as a record: named alone (as
        pre-commit names files), it passed as a registry of its own."""
        inner = shipped_copy / "organisations" / "sub"
        inner.mkdir()
        (inner / files.REGISTRY_FILE).write_text(
            "name: 'X'\nschema_version: 1\ndata_licence: CC-BY-4.0\n"
        )
        assert shipped_copy == files.find_root(inner / files.REGISTRY_FILE)
        named = cr.validate(inner / files.REGISTRY_FILE)
        whole = cr.validate(shipped_copy)
        assert not named.valid
        assert [str(p) for p in named.problems] == [
            str(p) for p in whole.problems
        ]
        # A registry beside the record folders, not in one, is its own.
        beside = shipped_copy / "elsewhere"
        beside.mkdir()
        (beside / files.REGISTRY_FILE).write_text("name: Y\n")
        assert beside == files.find_root(beside)

    def test_validate_shows_an_absolute_path_as_named(
        self,
        shipped_copy: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A registry named by its absolute path, from a folder outside
        it, has its problems under that path.
        """
        barnardos = shipped_copy / "organisations" / "barnardos.yaml"
        barnardos.write_text(
            barnardos.read_text("utf-8").replace('"GB"', "UK"), "utf-8"
        )
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        monkeypatch.chdir(elsewhere)
        report = cr.validate(shipped_copy.resolve())
        assert [str(barnardos.resolve())] == [
            p.location.path for p in report.problems
        ]
