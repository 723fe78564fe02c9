"""diff: what changes between two registries, without naming anyone hidden."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess

from pathlib import Path

import pytest

from coalition_registry.changes import (
    LetterEffect,
    RecordChange,
    SignatureChange,
    as_markdown,
    as_text,
    compare,
)
from coalition_registry.cli import run
from coalition_registry.model import (
    Letter,
    Organisation,
    Person,
    Signature,
    Source,
)
from coalition_registry.registry import Registry


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


SOURCES = (Source(url="https://example.org/a"),)
DAY = dt.date(2025, 1, 1)


def org(org_id: str, **kw: object) -> Organisation:
    return Organisation(id=org_id, name=org_id.title(), sources=SOURCES, **kw)  # type: ignore[arg-type]


def person(person_id: str, disclosure: str, **kw: object) -> Person:
    return Person(
        id=person_id,
        disclosure=disclosure,
        sources=SOURCES,
        **kw,  # type: ignore[arg-type]
    )


def signs(who: str, letter: str = "letter-1", **kw: object) -> Signature:
    fields: dict[str, object] = {
        "role": "organisation" if who.startswith("org") else "survivor",
        **kw,
    }
    return Signature(
        id=f"{letter}--{who}",
        letter=letter,
        signatory=who,
        sources=SOURCES,
        **fields,  # type: ignore[arg-type]
    )


LETTER = Letter(id="letter-1", title="Letter one", sources=SOURCES)

#: Every text a change summary must never contain.
SECRETS = ("person-4k2m9xq7", "person-8h3j5k2m", "Blue Heron")


class TestCompare:
    def test_nothing_changes(self) -> None:
        """The same records give no change."""
        records = [LETTER, org("org-a", hq_country="GB"), signs("org-a")]
        changes = compare(Registry(records), Registry(records), on=DAY)
        assert changes.empty
        assert as_text(changes).endswith("No records change.\n")

    def test_records_added_changed_removed(self) -> None:
        """Ids and changed fields are listed for public records."""
        old = [LETTER, org("org-a", hq_country="GB"), org("org-b")]
        new = [LETTER, org("org-a", hq_country="FR"), org("org-c")]
        changes = compare(Registry(old), Registry(new), on=DAY)
        assert (
            RecordChange("organisation", "added", "org-c"),
            RecordChange(
                "organisation", "changed", "org-a", None, ("hq_country",)
            ),
            RecordChange("organisation", "removed", "org-b"),
        ) == changes.records

    def test_private_fields_are_counted_not_named(self) -> None:
        """A field listed in private: a private field changed."""
        old = [LETTER, org("org-a", notes="old", private=("notes",))]
        new = [LETTER, org("org-a", notes="new", private=("notes",))]
        (change,) = compare(Registry(old), Registry(new), on=DAY).records
        assert ((), 1) == (change.fields, change.private_fields)
        assert "changed: organisation org-a: a private field" in as_text(
            compare(Registry(old), Registry(new), on=DAY)
        )

    def test_on_behalf_of_is_private_with_a_private_capacity(self) -> None:
        """The organisation signed for, added or removed, would tell the
        private capacity: it is counted, not named.
        """
        orgs = [org("org-a"), org("org-b")]
        old = [LETTER, *orgs, signs("org-a", private=("capacity",))]
        new = [
            LETTER,
            *orgs,
            signs(
                "org-a",
                capacity="on-behalf-of",
                on_behalf_of="org-b",
                private=("capacity",),
            ),
        ]
        changes = compare(Registry(old), Registry(new), on=DAY)
        (change,) = changes.signatures
        assert ((), 2) == (change.fields, change.private_fields)
        assert "on_behalf_of" not in as_text(changes)

    def test_signatures(self) -> None:
        """Added, withdrawn, reinstated and removed, with letter figures."""
        old = [
            LETTER,
            *(org(f"org-{x}", hq_country="GB") for x in "abcde"),
            signs("org-b"),
            signs("org-c", status="withdrawn", withdrawn_on=DAY),
            signs("org-d"),
        ]
        new = [
            LETTER,
            *(org(f"org-{x}", hq_country="GB") for x in "abce"),
            org("org-d", hq_country="IE"),
            signs("org-a"),
            signs("org-b", status="withdrawn", withdrawn_on=DAY),
            signs("org-c"),
            signs("org-e", role="expert"),
        ]
        changes = compare(Registry(old), Registry(new), on=DAY)
        assert [
            ("added", "org-a"),
            ("added", "org-e"),
            ("withdrawn", "org-b"),
            ("reinstated", "org-c"),
            ("removed", "org-d"),
        ] == [(s.change, s.signatory) for s in changes.signatures]
        assert (
            LetterEffect("letter-1", (2, 3), (1, 1), (0, 0)),
        ) == changes.letters

    def test_hidden_people_are_only_counted(self) -> None:
        """A non-public person, and their signature, are never named, nor
        are the fields of theirs that changed.
        """
        old = [
            LETTER,
            person("person-8h3j5k2m", "pseudonym", name="Blue Heron"),
            signs("person-8h3j5k2m"),
        ]
        new = [
            LETTER,
            person(
                "person-8h3j5k2m", "pseudonym", name="Blue Heron", country="IS"
            ),
            signs("person-8h3j5k2m", status="withdrawn"),
            person("person-4k2m9xq7", "anonymous"),
            signs("person-4k2m9xq7"),
        ]
        changes = compare(Registry(old), Registry(new), on=DAY)
        assert (
            RecordChange("person", "added", None, "anonymous"),
            RecordChange("person", "changed", None, "pseudonymous", (), 1),
        ) == changes.records
        assert [
            SignatureChange("letter-1", "added", None, "person", "anonymous"),
            SignatureChange(
                "letter-1",
                "withdrawn",
                None,
                "person",
                "pseudonymous",
                active=False,
                private_fields=1,
            ),
        ] == list(changes.signatures)
        for text in (as_text(changes), as_markdown(changes)):
            assert "1 anonymous signatory on" in text
            assert "withdrawn: 1 pseudonymous signatory" in text
            assert not [s for s in SECRETS if s in text]

    def test_a_person_hidden_on_either_side_is_hidden(self) -> None:
        """Becoming public, or ceasing to be, does not reveal the record."""
        old = [LETTER, person("person-8h3j5k2m", "public", name="Blue Heron")]
        new = [
            LETTER,
            person("person-8h3j5k2m", "pseudonym", name="Blue Heron"),
        ]
        for a, b in ((old, new), (new, old)):
            changes = compare(Registry(a), Registry(b), on=DAY)
            (change,) = changes.records
            assert (None, ()) == (change.id, change.fields)
            assert not [s for s in SECRETS if s in as_text(changes)]

    def test_new_letter_and_coverage(self) -> None:
        """A letter's figures start from zero; new countries are named."""
        new = [
            LETTER,
            org("org-a", hq_country="IE"),
            person("person-4k2m9xq7", "anonymous", country="IS"),
            signs("org-a"),
            signs("person-4k2m9xq7"),
        ]
        changes = compare(Registry([]), Registry(new), on=DAY)
        assert (
            LetterEffect(
                "letter-1", (0, 2), (0, 2), (0, 1), (0, 0), ("IE", "IS")
            ),
        ) == changes.letters
        assert "newly covered: Ireland (IE), Iceland (IS)" in as_text(changes)


def _modify(root: Path) -> None:
    """Changes a contributor might make, public and private."""
    (root / "organisations" / "example-foundation.yaml").write_text(
        "id: example-foundation\nname: Example Foundation\n"
        'hq_country: "IE"\nsources:\n  - url: "https://example.org"\n'
    )
    (root / "people" / "person-4k2m9xq7.yaml").write_text(
        "id: person-4k2m9xq7\ndisclosure: anonymous\ncountry: IS\n"
        'sources:\n  - url: "https://example.org"\n'
    )
    (root / "people" / "person-8h3j5k2m.yaml").write_text(
        "id: person-8h3j5k2m\ndisclosure: pseudonym\nname: Blue Heron\n"
        'sources:\n  - url: "https://example.org"\n'
    )
    letter = "survivors-letter-2023"
    for who, role in (
        ("example-foundation", "organisation"),
        ("person-4k2m9xq7", "survivor"),
        ("person-8h3j5k2m", "survivor"),
    ):
        (root / "signatures" / letter / f"{letter}--{who}.yaml").write_text(
            f"id: {letter}--{who}\nletter: {letter}\nsignatory: {who}\n"
            f'role: {role}\nsources:\n  - url: "https://example.org"\n'
        )
    barnardos = root / "signatures" / letter / f"{letter}--barnardos.yaml"
    barnardos.write_text(
        barnardos.read_text() + "status: withdrawn\nwithdrawn_on: 2024-01-01\n"
    )
    eurochild = root / "organisations" / "eurochild.yaml"
    eurochild.write_text(
        eurochild.read_text().replace(
            '"https://eurochild.org"', '"https://www.eurochild.org"'
        )
    )
    nspcc = root / "organisations" / "nspcc.yaml"
    nspcc.write_text(
        nspcc.read_text().replace("notes: >-\n", "notes: >-\n  Changed.\n")
        + "private:\n  - notes\n"
    )


class TestCommand:
    @pytest.fixture(name="old")
    def _old(self, shipped_copy: Path) -> Path:
        old = shipped_copy.parent / "old"
        shutil.copytree(shipped_copy, old)
        _modify(shipped_copy)
        assert 0 == cli("validate")[0]
        return old

    def test_text(self, old: Path) -> None:
        """Headline first, then figures, signatures and records."""
        code, out, err = cli("diff", "old", "registry_data")
        assert (0, "") == (code, err)
        lines = out.splitlines()
        assert (
            "Changes from old to registry_data: 3 signature(s) added; "
            "1 signature(s) withdrawn; other records: 3 added, 2 changed."
        ) == lines[0]
        assert [
            "Letter survivors-letter-2023:",
            "  active signatures: 10 → 12 (+2)",
            "  countries: 7 → 9 (+2)",
            "  people: at least 11 → at least 13 (+2)",
            "  newly covered: Ireland (IE), Iceland (IS)",
        ] == lines[2:7]
        assert [
            "Signatures:",
            (
                "  added: example-foundation (organisation) on "
                "survivors-letter-2023"
            ),
            "  withdrawn: barnardos (organisation) on survivors-letter-2023",
            "  added: 1 anonymous signatory on survivors-letter-2023",
            "  added: 1 pseudonymous signatory on survivors-letter-2023",
            "",
            "Records:",
            "  added: organisation example-foundation",
            "  changed: organisation eurochild: website",
            "  changed: organisation nspcc: private, a private field",
            "  added: 1 anonymous person",
            "  added: 1 pseudonymous person",
        ] == lines[8:]
        assert not [s for s in SECRETS if s in out]

    def test_markdown(self, old: Path) -> None:
        """A short PR comment: headline, a table, details folded."""
        code, out, _ = cli(
            "diff", "old", "registry_data", "--format", "markdown"
        )
        assert 0 == code
        lines = out.splitlines()
        assert "### Registry changes" == lines[0]
        assert lines[2].startswith("**3 signature(s) added;")
        assert (
            "| `survivors-letter-2023` | 10 → 12 (+2) | 7 → 9 (+2) | "
            "at least 11 → at least 13 (+2) |"
        ) in lines
        assert "<details><summary>Details</summary>" in lines
        assert (
            "- Signature added: 1 anonymous signatory on "
            "`survivors-letter-2023`"
        ) in lines
        assert not [s for s in SECRETS if s in out]

    def test_an_invalid_side(self, old: Path) -> None:
        """Exit 1, with the problems, named as the side was given."""
        (old / "organisations" / "apple.yaml").write_text(
            "id: apple\nname: Apple\nhq_country: UK\n"
        )
        code, out, _ = cli("diff", "old", "registry_data")
        assert 1 == code
        assert out.startswith("old/organisations/apple.yaml:3:13: error")
        assert "old does not validate: 1 error(s)" in out

    @pytest.mark.parametrize(
        "side", ["nowhere", "registry_data/registry.yaml", "-x:registry_data"]
    )
    def test_usage_errors(self, shipped_copy: Path, side: str) -> None:
        """A side that is not a folder or a revision exits 2."""
        assert 2 == cli("diff", side, "registry_data")[0]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
class TestGit:
    @staticmethod
    def git(*args: str) -> None:
        git = shutil.which("git")
        assert git is not None
        subprocess.run(  # noqa: S603 - git, in a test
            [
                git,
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.org",
                "-c",
                "commit.gpgsign=false",
                *args,
            ],
            check=True,
            capture_output=True,
        )

    def test_revisions(self, shipped_copy: Path) -> None:
        """REV:PATH reads a folder as a commit had it."""
        self.git("init", "-q")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "one")
        _modify(shipped_copy)
        code, out, _ = cli("diff", "HEAD:registry_data", "registry_data")
        assert 0 == code
        assert out.startswith(
            "Changes from HEAD:registry_data to registry_data: 3 signature"
        )
        self.git("add", "registry_data")
        self.git("commit", "-qm", "two")
        assert (
            out.replace("HEAD:registry_data", "HEAD~1:registry_data").replace(
                "to registry_data", "to HEAD:registry_data"
            )
            == cli("diff", "HEAD~1:registry_data", "HEAD:registry_data")[1]
        )

    def test_a_file_git_lost_is_a_usage_error(
        self, shipped_copy: Path
    ) -> None:
        """git cat-file says "<oid> missing" for an object a damaged clone
        lost, and exits 0: the header was read as a size, and raised.
        """
        self.git("init", "-q")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "one")
        git = shutil.which("git")
        assert git is not None
        oid = subprocess.run(  # noqa: S603 - git, in a test
            [git, "rev-parse", "HEAD:registry_data/organisations/nspcc.yaml"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        (Path(".git/objects") / oid[:2] / oid[2:]).unlink()
        code, out, err = cli("diff", "HEAD:registry_data", "registry_data")
        assert 2 == code
        assert "" == out
        assert "'organisations/nspcc.yaml' is missing" in err
        assert "Traceback" not in err

    def two_revisions(self, shipped_copy: Path) -> tuple[int, int]:
        """Commits the shipped registry, then changes to it; the files of
        the first revision, and those the second adds or changes.
        """
        self.git("init", "-q")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "one")
        first = sum(p.is_file() for p in shipped_copy.rglob("*"))
        _modify(shipped_copy)
        self.git("add", "registry_data")
        self.git("commit", "-qm", "two")
        git = shutil.which("git")
        assert git is not None
        names = subprocess.run(  # noqa: S603 - git, in a test
            [git, "diff", "--name-only", "--diff-filter=AM", "HEAD~1", "HEAD"],
            check=True,
            capture_output=True,
        ).stdout.split()
        return first, len(names)

    def test_files_two_revisions_share_are_written_once(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The second revision links the files it shares with the first:
        writing every file of a large registry twice took minutes.
        """
        first, changed = self.two_revisions(shipped_copy)
        expected = cli("diff", "HEAD~1:registry_data", "registry_data")[1]
        written: list[Path] = []
        write_bytes = Path.write_bytes

        def counted(path: Path, data: bytes) -> int:
            written.append(path)
            return write_bytes(path, data)

        monkeypatch.setattr(Path, "write_bytes", counted)
        code, out, _ = cli(
            "diff", "HEAD~1:registry_data", "HEAD:registry_data"
        )
        assert 0 == code
        assert (
            expected.replace("to registry_data", "to HEAD:registry_data")
            == out
        )
        assert first + changed == len(written)

    def test_without_hard_links(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Where files cannot be linked, each side's files are written."""
        self.two_revisions(shipped_copy)
        expected = cli("diff", "HEAD~1:registry_data", "HEAD:registry_data")

        def refused(*_: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", refused)
        assert expected == cli(
            "diff", "HEAD~1:registry_data", "HEAD:registry_data"
        )

    def test_git_attributes_cannot_hide_a_file(
        self, shipped_copy: Path
    ) -> None:
        """A file marked export-ignore is still read at its revision."""
        self.git("init", "-q")
        (shipped_copy.parent / ".gitattributes").write_text(
            "registry_data/** export-ignore\nregistry_data/** export-subst\n"
        )
        self.git("add", ".gitattributes", "registry_data")
        self.git("commit", "-qm", "one")
        code, out, _ = cli("diff", "HEAD:registry_data", "registry_data")
        assert (0, True) == (code, out.endswith("No records change.\n"))

    def test_revision_from_a_sub_folder(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """REV:PATH is read from the current folder, even a sub-folder of
        the repository: git ls-tree must list the whole tree it is given,
        not only the part under the current folder.
        """
        self.git("init", "-q")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "one")
        monkeypatch.chdir(shipped_copy)
        code, out, _ = cli("diff", "HEAD:.", ".")
        assert (0, True) == (code, out.endswith("No records change.\n")), out

    def test_an_invalid_revision_is_shown_by_its_name(
        self, shipped_copy: Path
    ) -> None:
        """Problems at a revision are named REV:PATH/..."""
        self.git("init", "-q")
        (shipped_copy / "organisations" / "apple.yaml").write_text(
            "id: apple\nname: Apple\nhq_country: UK\n"
        )
        self.git("add", "registry_data")
        self.git("commit", "-qm", "bad")
        code, out, _ = cli("diff", "HEAD:registry_data", "registry_data")
        assert 1 == code
        assert out.startswith(
            "HEAD:registry_data/organisations/apple.yaml:3:13: error"
        )

    def test_unknown_revision(self, shipped_copy: Path) -> None:
        """A revision git does not know exits 2, saying it is the revision
        that is missing, and how a shallow clone gets it."""
        self.git("init", "-q")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "first")
        code, _, err = cli("diff", "nope:registry_data", "registry_data")
        assert 2 == code
        assert "'nope' is not a branch, tag or commit" in err
        assert "git fetch --depth=1 origin main:" in err

    def test_the_fetch_advised_works_in_a_shallow_clone(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The fetch the message gives makes the revision it names, even in
        a clone of one branch, as git clone --depth 1 --branch makes, where
        'git fetch origin main' would make no origin/main.
        """
        self.git("init", "-q", "-b", "main")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "one")
        self.git("checkout", "-qb", "pr")
        _modify(shipped_copy)
        self.git("add", "registry_data")
        self.git("commit", "-qm", "two")
        clone = shipped_copy.parent / "clone"
        origin = shipped_copy.parent.as_uri()
        self.git("clone", "-q", "--depth=1", "--branch=pr", origin, str(clone))
        monkeypatch.chdir(clone)
        code, _, err = cli("diff", "main:registry_data", "registry_data")
        assert 2 == code
        fetch = re.search(r"'git (fetch [^']*)'", err)
        assert fetch is not None, err
        self.git(*fetch.group(1).split())
        code, out, _ = cli(
            "diff", "origin/main:registry_data", "registry_data"
        )
        assert 0 == code, out
        assert out.startswith("Changes from origin/main:registry_data")

    def test_unknown_folder_at_a_revision(self, shipped_copy: Path) -> None:
        """A revision without the folder names the folder."""
        self.git("init", "-q")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "first")
        code, _, err = cli("diff", "HEAD:elsewhere", "registry_data")
        assert 2 == code
        assert "there is no folder 'elsewhere' at HEAD" in err

    def test_a_file_at_a_revision(self, shipped_copy: Path) -> None:
        """A file at the revision is no missing folder: it said there was
        no folder 'registry_data/registry.yaml', which is there."""
        self.git("init", "-q")
        self.git("add", "registry_data")
        self.git("commit", "-qm", "first")
        code, _, err = cli(
            "diff", "HEAD:registry_data/registry.yaml", "registry_data"
        )
        assert 2 == code
        assert (
            "'registry_data/registry.yaml' is a file at HEAD, not a folder: "
            "name the registry's folder"
        ) in err

    def test_a_revision_outside_a_repository(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Outside git, the message says so, not that a folder is missing."""
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(shipped_copy.parent))
        code, _, err = cli("diff", "main:registry_data", "registry_data")
        assert 2 == code
        assert "not in a git repository" in err
