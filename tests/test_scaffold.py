"""new: templates that validate, explain themselves and keep secrets."""

from __future__ import annotations

import errno
import io
import os
import re
import sys

from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry.cli import run
from coalition_registry.cli._common import WriteError
from coalition_registry.model import KINDS, OPAQUE_ID
from coalition_registry.scaffold import opaque_id, scaffold
from coalition_registry.schema import TEMPLATE_EXAMPLES, Nested, yaml_fields
from coalition_registry.validation import validate
from conftest import WriteFile


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def problems(path: str) -> list[tuple[str, str]]:
    return [(p.code, str(p.severity)) for p in validate(path).problems]


NEW = [
    ("organisation", "--name", "Example Child Safety Foundation"),
    ("group", "--name", "Example Survivors' Collective"),
    ("letter", "--name", "Example open letter (2024)"),
    ("person", "--disclosure", "public", "--name", "Jane Example"),
    ("person", "--disclosure", "pseudonym", "--name", "Blue Heron"),
    ("person", "--disclosure", "anonymous"),
    (
        "signature",
        "--letter",
        "survivors-letter-2023",
        "--signatory",
        "nspcc",
    ),
    (
        "signature",
        "--letter",
        "survivors-letter-2023",
        "--signatory",
        "tim-cook",
        "--role",
        "expert",
    ),
]


class TestEachKind:
    @pytest.mark.parametrize("argv", NEW, ids=lambda a: " ".join(a[:3]))
    def test_writes_a_template_that_validates(
        self, shipped_copy: Path, argv: tuple[str, ...]
    ) -> None:
        """The file validates, with only the no-source warning, and fmt
        finds it already canonical.
        """
        code, out, err = cli("new", *argv)
        assert (0, "") == (code, err)
        path = out.strip()
        assert Path(path).is_file()
        assert [("no-source", "warning")] == problems(path)
        assert 0 == cli("fmt", "--check", path)[0]

    def test_paths_and_ids(self, shipped_copy: Path) -> None:
        """Ids come from names; a signature sits in its letter's folder."""
        assert [
            "registry_data/organisations/example-child-safety-foundation.yaml",
            "registry_data/groups/example-survivors-collective.yaml",
            "registry_data/letters/example-open-letter-2024.yaml",
            "registry_data/people/jane-example.yaml",
        ] == [cli("new", *argv)[1].strip() for argv in NEW[:4]]
        code, out, _ = cli(
            "new",
            "signature",
            "--letter",
            "example-open-letter-2024",
            "--signatory",
            "example-child-safety-foundation",
        )
        expected = (
            "registry_data/signatures/example-open-letter-2024/"
            "example-open-letter-2024--example-child-safety-foundation.yaml\n"
        )
        assert (0, expected) == (code, out)
        assert [("no-source", "warning")] * 5 == problems("registry_data")

    @pytest.mark.parametrize(
        ("argv", "path", "warned"),
        [
            (
                ("organisation", "--name", "The Barnardo's"),
                "registry_data/organisations/the-barnardos.yaml",
                "possible-duplicate: this organisation's name is the name of",
            ),
            (
                ("group", "--name", "Example Youth Forum (Kenya)"),
                "registry_data/groups/example-youth-forum-kenya.yaml",
                "country-in-name: the group's name ends with 'Kenya'",
            ),
        ],
    )  # fmt: skip
    def test_what_validation_would_warn_of_is_said_at_once(
        self, shipped_copy: Path, argv: tuple[str, ...], path: str, warned: str
    ) -> None:
        """new wrote a second record for a name recorded already, and an id
        with the title a later warning asked to remove (then the file's
        name and the id had to change too).
        """
        code, out, err = cli("new", *argv)
        assert (0, path) == (code, out.strip())
        (line,) = err.splitlines()
        assert line.startswith(f"{path}:")
        assert f" warning {warned}" in line

    @pytest.mark.parametrize(
        ("name", "path", "alone"),
        [
            ("Prof. Dr. María José Example-García",
             "registry_data/people/maria-jose-example-garcia.yaml",
             "María José Example-García"),
            ("Dr Jo Example OBE", "registry_data/people/jo-example.yaml",
             "Jo Example"),
        ],
    )  # fmt: skip
    def test_a_public_persons_name_is_written_without_titles(
        self, shipped_copy: Path, name: str, path: str, alone: str
    ) -> None:
        """As the id is made: new wrote the title in the name, then warned
        of it (title-in-name), against the template's own words.
        """
        code, out, err = cli(
            "new", "person", "--disclosure", "public", "--name", name
        )
        assert (0, path) == (code, out.strip())
        (written,) = (
            line
            for line in Path(path).read_text("utf-8").splitlines()
            if line.startswith("name: ")
        )
        assert written.removeprefix("name: ").strip('"') == alone
        (line,) = err.splitlines()
        assert line.startswith(f"the name is written {alone!r}, without")
        assert "name_as_printed" in line
        assert [("no-source", "warning")] == problems("registry_data")

    @pytest.mark.parametrize(
        "kind", ["organization", "Organisations", "ORGANIZATIONS"]
    )
    def test_a_kind_in_us_spelling_or_the_plural(
        self, shipped_copy: Path, kind: str
    ) -> None:
        """`new organization` was an invalid choice, though import reads
        the US spelling in a kind column."""
        code, out, _ = cli("new", kind, "--name", "Example Org")
        assert (0, "registry_data/organisations/example-org.yaml\n") == (
            code,
            out,
        )

    def test_an_acronym_after_the_name_is_an_alias(
        self, shipped_copy: Path
    ) -> None:
        """As import writes it: written in the name, the acronym was in the
        id too, and a list printing it alone found no record (found by a
        review)."""
        code, out, _ = cli(
            "new", "organisation", "--name", "Example Children's Trust (ECT)"
        )
        path = Path(out.strip())
        assert (0, "example-childrens-trust.yaml") == (code, path.name)
        text = path.read_text("utf-8")
        assert '\nname: "Example Children\'s Trust"\n' in text
        assert "\naliases:\n  - ECT\n" in text
        reg = cr.load("registry_data")
        assert "example-childrens-trust" == reg.organisations.lookup("ECT").id

    def test_another_kind_is_still_refused(self, shipped_copy: Path) -> None:
        code, _, err = cli("new", "coalition")
        assert 2 == code
        assert "invalid choice: 'coalition'" in err

    def test_ids_in_use_without_a_path_for_each_file(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The ids in use are gathered as text: a Path for each of a large
        registry's 220,000 files took seconds of every `new`.  An id in a
        sub-folder is still found, with its file.
        """
        nested = shipped_copy / "organisations" / "ab"
        nested.mkdir()
        (shipped_copy / "organisations" / "nspcc.yaml").rename(
            nested / "nspcc.yaml"
        )
        made: list[object] = []
        relative_to = Path.relative_to

        def counted(path: Path, *other: Any) -> Path:
            made.append(path)
            return relative_to(path, *other)

        monkeypatch.setattr(Path, "relative_to", counted)
        code, _, err = cli(
            "new", "organisation", "--name", "Example", "--id", "nspcc"
        )
        assert 1 == code
        assert (
            "the id 'nspcc' is already used, in "
            "registry_data/organisations/ab/nspcc.yaml"
        ) in err
        assert len(made) < 5

    @pytest.mark.parametrize("kind", ["organisation", "letter", "signature"])
    def test_every_field_is_explained(self, kind: str) -> None:
        """Each field of the model appears, filled in or as an example,
        under a comment.
        """
        made = scaffold(
            kind,
            name="Example",
            letter="a" if kind == "signature" else None,
            signatory="b" if kind == "signature" else None,
            role="organisation" if kind == "signature" else None,
        )
        lines = made.text.splitlines()
        for name in yaml_fields(KINDS[kind]):
            (i,) = [
                i
                for i, line in enumerate(lines)
                if line.startswith((f"{name}:", f"# {name}:"))
            ]
            assert lines[i - 1].startswith("# ")

    @pytest.mark.parametrize("argv", NEW, ids=lambda a: " ".join(a[:3]))
    def test_no_explanation_reads_as_an_example(
        self, shipped_copy: Path, argv: tuple[str, ...]
    ) -> None:
        """A comment line that starts "# word:" is taken for an example to
        uncomment, so only a field's own name starts one: an explanation
        wrapped before "listed:" or "example:" would be uncommented too.
        """
        path = cli("new", *argv)[1].strip()
        text = Path(path).read_text(encoding="utf-8")
        names = _field_names(KINDS.values())
        starts = re.findall(r"(?m)^#[ ]+([a-z_]+):(?: |$)", text)
        assert starts
        assert set(starts) <= names


def test_template_examples_are_the_templates() -> None:
    """Each example value validate warns about is one a template gives:
    a template changed leaves no stale value, and misses none of these.
    """
    texts = [
        scaffold(
            argv[0],
            name="Example",
            letter="a" if argv[0] == "signature" else None,
            signatory="b" if argv[0] == "signature" else None,
            role="organisation" if argv[0] == "signature" else None,
            disclosure="public" if argv[0] == "person" else None,
        ).text
        for argv in NEW
    ]
    for example in TEMPLATE_EXAMPLES:
        assert any(example in text for text in texts), example


def test_an_example_uncommented_is_flagged(shipped_copy: Path) -> None:
    path = Path(cli("new", *NEW[0])[1].strip())
    text = path.read_text(encoding="utf-8")
    # What a contributor does who takes the example source as it is.
    start = text.index("# sources:")
    end = text.index("\n\n", start)
    block = re.sub(r"(?m)^# ", "", text[start:end])
    uncommented = text[:start] + block + text[end:]
    path.write_text(uncommented, encoding="utf-8")
    assert [("placeholder-value", "warning")] * 3 == problems(str(path))


def test_a_letters_claim_uncommented_says_what_it_claims(
    shipped_copy: Path,
) -> None:
    """The example claim had no qualifier: a contributor who wrote "more
    than 40" into it was warned that it read as exactly 40."""
    path = Path(cli("new", *NEW[2])[1].strip())
    text = path.read_text(encoding="utf-8")
    start = text.index("# claims:")
    end = text.index("\n\n", start)
    block = re.sub(r"(?m)^# ", "", text[start:end])
    assert "qualifier: at-least" in block
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")
    # Its sources are the letter's other example, still commented out.
    assert {"placeholder-value", "no-source"} == {
        code for code, _ in problems(str(path))
    }


def _field_names(classes: Any) -> set[str]:
    """The names of the fields of *classes* and of the records in them."""
    names: set[str] = set()
    todo = list(classes)
    while todo:
        for name, spec in yaml_fields(todo.pop()).items():
            names.add(name)
            kind = getattr(spec.type, "item", spec.type)
            if isinstance(kind, Nested):
                todo.append(kind.cls)
    return names


class TestPrivacy:
    def test_opaque_ids(self) -> None:
        """person- and 8 letters and digits, at least one a digit."""
        ids = {opaque_id() for _ in range(50)}
        assert 50 == len(ids)
        for made in ids:
            assert OPAQUE_ID.match(made)
            assert 15 == len(made)
            assert any(c.isdigit() for c in made[7:])

    @pytest.mark.parametrize(
        "argv",
        [
            ("organisation", "--name", "The Example Quiet Shelter Ltd"),
            ("organisation", "--name", "EQSX"),
            ("person", "--disclosure", "public", "--name", "Example Skylark"),
        ],
    )
    def test_a_public_record_of_a_private_name_is_not_written(
        self, write: WriteFile, shipped_copy: Path, argv: tuple[str, ...]
    ) -> None:
        """It would publish, beside the record that keeps it private, the
        name (or its alias, or a pseudonym)."""
        write(
            "organisations/organisation-k3m9x2q7.yaml",
            "id: organisation-k3m9x2q7\nname: Example Quiet Shelter\n"
            "aliases: [EQSX]\nprivate: [name]\n"
            'sources:\n  - url: "https://example.org/s"\n',
        )
        write(
            "people/person-q7x2m9.yaml",
            "id: person-q7x2m9\ndisclosure: pseudonym\nname: Example Skylark\n"
            'sources:\n  - url: "https://example.org/s"\n',
        )
        before = sorted(shipped_copy.rglob("*"))
        code, out, err = cli("new", *argv)
        assert (1, "") == (code, out)
        assert "one the registry keeps private" in err
        for word in ("quiet", "eqsx", "skylark"):
            assert word not in err.lower()
        assert before == sorted(shipped_copy.rglob("*"))

    def test_an_id_never_spells_the_name(self) -> None:
        """A draw that would spell a word of the name is drawn again."""
        draws = iter("heron123" + "zz9zz9zz")

        def choice(_: str) -> str:
            return next(draws)

        assert "person-zz9zz9zz" == opaque_id("Blue Heron", choice=choice)

    def test_an_id_never_spells_the_name_as_a_slug_writes_it(self) -> None:
        """ "Łukasz" is "lukasz" in an id: that is drawn again too."""
        draws = iter("lukasz12" + "zz9zz9zz")

        def choice(_: str) -> str:
            return next(draws)

        assert "person-zz9zz9zz" == opaque_id("Łukasz Example", choice=choice)

    @pytest.mark.parametrize(
        ("name", "made"),
        [
            ("Łódź Fundacja", "lodz-fundacja"),
            ("Ørsted Børnefond", "orsted-bornefond"),
            ("İstanbul Vakfı", "istanbul-vakfi"),
            ("Þór Ðóttir Æble", "thor-dottir-aeble"),
            ("Фонд Жук", "fond-zhuk"),
            ("Їжак і Йорж", "yizhak-i-yorzh"),
            ("Ἑλληνική Ἑταιρεία", "elliniki-etaireia"),
        ],
    )
    def test_latin_letters_without_an_accent_make_an_id(
        self, shipped_copy: Path, name: str, made: str
    ) -> None:
        """ł, ø, ı, æ, þ and ð are not a letter and an accent: an id
        writes them as Latin letters, so such names make ids too.
        """
        code, out, err = cli("new", "organisation", "--name", name)
        assert (0, "") == (code, err)
        assert out.strip().endswith(f"/{made}.yaml")

    def test_curly_quotes_around_a_name_are_not_written(
        self, shipped_copy: Path
    ) -> None:
        """A name pasted from a document with its quotes was written with
        them, and warned of at every validation after."""
        code, out, err = cli(
            "new", "organisation", "--name", "\u201cExample Quoted Trust\u201d"
        )
        assert (0, "") == (code, err)
        path = Path(out.strip())
        assert "example-quoted-trust.yaml" == path.name
        assert "name: Example Quoted Trust\n" in path.read_text()

    def test_an_id_of_your_choice(self, shipped_copy: Path) -> None:
        """A name in a script with no letter-for-letter Latin spelling makes
        no id: --id gives one, and the name is kept as written.
        """
        code, out, err = cli(
            "new", "organisation", "--name", "示例基金会", "--id", "shili"
        )
        assert (0, "") == (code, err)
        path = shipped_copy / "organisations" / "shili.yaml"
        assert out.strip().endswith("/organisations/shili.yaml")
        text = path.read_text(encoding="utf-8")
        assert "id: shili\n" in text
        assert "示例基金会" in text

    @pytest.mark.parametrize("disclosure", ["pseudonym", "anonymous"])
    def test_no_id_of_your_choice_for_a_private_person(
        self, shipped_copy: Path, disclosure: str
    ) -> None:
        """An id chosen by hand may hold the name: refused, and not
        repeated.
        """
        name = (
            ("--name", "Example Pseudonym")
            if disclosure == "pseudonym"
            else ()
        )
        before = sorted(shipped_copy.rglob("*"))
        code, out, err = cli(
            "new",
            "person",
            "--disclosure",
            disclosure,
            *name,
            "--id",
            "example-secret",
        )
        assert (2, "") == (code, out)
        assert "leave out --id" in err
        assert "example-secret" not in err
        assert before == sorted(shipped_copy.rglob("*"))

    def test_a_name_with_a_word_of_person_gets_an_id(self) -> None:
        """'Per' and 'son' are in every id's "person-": only the drawn
        letters are looked at, as not-opaque-id looks at them.
        """
        draws = iter("pers0n12" + "zz9zz9zz")

        def choice(_: str) -> str:
            return next(draws)  # StopIteration past the second draw

        assert "person-zz9zz9zz" == opaque_id("Per Olsson", choice=choice)

    def test_an_id_is_never_taken_twice(self) -> None:
        """A draw that is already an id is drawn again."""
        draws = iter("aaaa1111" + "bbbb2222")
        assert "person-bbbb2222" == opaque_id(
            None, {"person-aaaa1111"}, choice=lambda _: next(draws)
        )

    def test_a_pseudonym_is_never_printed(self, shipped_copy: Path) -> None:
        """Only the path, with an opaque id, is printed."""
        code, out, err = cli(
            "new",
            "person",
            "--disclosure",
            "pseudonym",
            "--name",
            "Blue Heron",
        )
        assert 0 == code
        assert "Heron" not in out + err
        (path,) = out.split()
        person_id = Path(path).stem
        assert OPAQUE_ID.match(person_id)
        assert "heron" not in person_id
        assert "name: Blue Heron\n" in Path(path).read_text()

    def test_an_anonymous_person_has_no_name(self, shipped_copy: Path) -> None:
        """--name is refused, and not echoed."""
        code, out, err = cli(
            "new", "person", "--disclosure", "anonymous", "--name", "Jo Secret"
        )
        assert 2 == code
        assert "Secret" not in out + err
        assert "leave out --name" in err

    def test_disclosure_must_be_chosen(self, shipped_copy: Path) -> None:
        """A person's disclosure has no default."""
        code, _, err = cli("new", "person", "--name", "Jane Example")
        assert 2 == code
        assert "--disclosure" in err

    @pytest.mark.parametrize(
        ("signatory", "role", "said"),
        [
            ("barnardos", "supporter", "is one only people sign in"),
            ("barnardos", "survivor", "is one only people sign in"),
            ("phoenix-11", "organisation", "is not an organisation"),
            # Named as a survivor in every output (public-survivor).
            ("tim-cook", "survivor", "is a public person"),
            ("tim-cook", "family-member", "is a public person"),
        ],
    )
    def test_a_role_the_signatory_never_signs_in_is_refused(
        self, shipped_copy: Path, signatory: str, role: str, said: str
    ) -> None:
        """The file written did not validate (found by a review)."""
        code, out, err = cli(
            "new",
            "signature",
            "--letter",
            "survivors-letter-2023",
            "--signatory",
            signatory,
            "--role",
            role,
        )
        assert (2, "") == (code, out)
        assert said in err

    def test_a_hidden_signatory_is_not_named_in_the_signature(
        self, write: WriteFile
    ) -> None:
        """A signature by a non-public person has no name_as_printed."""
        write(
            "people/person-4k2m9xq7.yaml",
            "id: person-4k2m9xq7\ndisclosure: anonymous\n",
        )
        code, out, _ = cli(
            "new",
            "signature",
            "--letter",
            "survivors-letter-2023",
            "--signatory",
            "person-4k2m9xq7",
            "--role",
            "survivor",
        )
        assert 0 == code
        text = Path(out.strip()).read_text()
        assert "name_as_printed" not in text
        assert "never write it here" in text

    @pytest.mark.parametrize(
        ("folder", "fields", "role"),
        [
            ("organisations", "name: Example Shelter\n", "organisation"),
            ("groups", "name: Example Circle\n", "survivor"),
            ("people", "name: Jane Example\ndisclosure: public\n", "expert"),
        ],
    )
    def test_a_signatory_of_private_name_is_not_named_either(
        self, write: WriteFile, folder: str, fields: str, role: str
    ) -> None:
        """An organisation or group whose name is private was offered a
        name_as_printed, as a public one is."""
        write(
            f"{folder}/example-7k2m9x.yaml",
            f"id: example-7k2m9x\n{fields}private: [name]\n"
            "sources:\n  - url: https://example.org/\n",
        )
        code, out, _ = cli(
            "new", "signature", "--letter", "survivors-letter-2023",
            "--signatory", "example-7k2m9x", "--role", role,
        )  # fmt: skip
        assert 0 == code
        text = Path(out.strip()).read_text()
        assert "name_as_printed" not in text
        assert "never write" in text

    def test_a_letter_and_signatories_in_list_files_are_found(
        self, shipped_copy: Path, write: WriteFile
    ) -> None:
        """Records kept in one file as a list have no file of their own
        to find them by: the letter was refused, a public organisation
        could not sign, and a pseudonymous person among public ones was
        named."""
        letter = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        listed = "# every letter\n- " + letter.read_text("utf-8").replace(
            "\n", "\n  "
        ).rstrip(" ")
        letter.unlink()
        write("letters/letters.yaml", listed)
        write(
            "people/people.yaml",
            "- id: jane-example\n  name: Jane Example\n  disclosure: public\n"
            "  sources:\n    - url: https://example.org/\n"
            "- id: person-7k2m9x\n  name: Example Pseudonym\n"
            "  disclosure: pseudonym\n",
        )
        assert [] == [p for p in problems("registry_data") if p[1] == "error"]
        named = []
        for signatory, role in (
            ("jane-example", "expert"),
            ("person-7k2m9x", "survivor"),
        ):
            code, out, err = cli(
                "new", "signature", "--letter", "survivors-letter-2023",
                "--signatory", signatory, "--role", role,
            )  # fmt: skip
            assert (0, "") == (code, err)
            named.append("name_as_printed" in Path(out.strip()).read_text())
        assert [True, False] == named

    def test_looking_in_list_files_reads_no_signature(
        self,
        shipped_copy: Path,
        write: WriteFile,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Only the folders a letter or a signatory is in are read for
        list files: a registry may hold a million signatures.
        """
        letter = shipped_copy / "letters" / "survivors-letter-2023.yaml"
        text = letter.read_text("utf-8")
        listed = "- " + text.replace("\n", "\n  ").rstrip(" ")
        letter.unlink()
        write("letters/letters.yaml", listed)
        signatures = shipped_copy / "signatures" / "survivors-letter-2023"
        (signatures / "survivors-letter-2023--barnardos.yaml").unlink()
        read: list[Path] = []
        real = Path.read_bytes

        def reading(self: Path) -> bytes:
            read.append(self)
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", reading)
        code, _, err = cli(
            "new", "signature", "--letter", "survivors-letter-2023",
            "--signatory", "barnardos",
        )  # fmt: skip
        assert (0, "") == (code, err)
        assert [] == [p for p in read if "signatures" in p.parts]


class TestLongNames:
    def test_an_id_is_cut_at_a_word(self) -> None:
        """At most 60 characters, ending on a whole word."""
        made = scaffold("group", name="Survivors and Friends " * 20)
        assert len(made.id) <= 60
        assert made.id.startswith("survivors-and-friends-survivors")
        assert made.id.endswith(("-survivors", "-and", "-friends"))
        assert made.relative_path == f"groups/{made.id}.yaml"

    def test_one_long_word_is_cut_in_it(self) -> None:
        assert "a" * 60 == scaffold("organisation", name="A" * 400).id

    def test_a_short_name_is_whole(self) -> None:
        name = "Example Child Safety Foundation For Every Child In Europe"
        assert "example-child-safety-foundation-for-every-child-in-europe" == (
            scaffold("letter", name=name).id
        )

    def test_new_writes_a_file_for_a_very_long_name(
        self, shipped_copy: Path
    ) -> None:
        """A name longer than a file name may be (255 bytes): a file named
        by the shortened id, holding the whole name."""
        code, out, err = cli("new", "organisation", "--name", "A" * 400)
        assert (0, "") == (code, err)
        path = Path(out.strip())
        assert f"registry_data/organisations/{'a' * 60}.yaml" == out.strip()
        assert [("no-source", "warning")] == problems(str(path))
        assert "A" * 400 in path.read_text("utf-8")


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("Survivor", "survivor"),
        ("SURVIVOR", "survivor"),
        (" survivor ", "survivor"),
        ("Family Member", "family-member"),
    ],
)
def test_a_role_in_any_case_or_in_words(
    shipped_copy: Path, written: str, role: str
) -> None:
    """Read as import reads a spreadsheet's role: refused, it was."""
    cli("new", "person", "--name", "Jane Example", "--disclosure", "public")
    code, out, err = cli(
        "new",
        "signature",
        "--letter",
        "survivors-letter-2023",
        "--signatory",
        "jane-example",
        "--role",
        written,
    )
    assert (0, "") == (code, err)
    assert f"\nrole: {role}\n" in Path(out.strip()).read_text()


class TestRefusals:
    def test_an_existing_file_is_not_overwritten(
        self, shipped_copy: Path
    ) -> None:
        """Exit 1 and the file unchanged."""
        path = shipped_copy / "organisations" / "barnardos.yaml"
        before = path.read_bytes()
        code, out, err = cli("new", "organisation", "--name", "Barnardo's")
        assert (1, "") == (code, out)
        assert "already exists" in err
        assert before == path.read_bytes()

    def test_an_id_chosen_that_is_taken(self, shipped_copy: Path) -> None:
        """Chosen by hand for another organisation: not "edit it"."""
        code, _, err = cli(
            "new",
            "organisation",
            "--name",
            "Example Other",
            "--id",
            "barnardos",
        )
        assert 1 == code
        assert "choose another --id" in err

    def test_an_id_used_by_another_kind(self, shipped_copy: Path) -> None:
        """Ids are unique across kinds: exit 1."""
        code, _, err = cli("new", "group", "--name", "Barnardos")
        assert 1 == code
        assert "registry_data/organisations/barnardos.yaml" in err

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (("organisation",), "--name"),
            (("organisation", "--name", "示例"), "choose one with --id"),
            (
                ("organisation", "--name", "示例", "--id", "Shi Li"),
                "for example 'shi-li'",
            ),
            (
                ("organisation", "--name", "X", "--id", "x" * 61),
                "at most 60",
            ),
            (
                ("organisation", "--name", "X", "--id", "con"),
                "Windows keeps the name for a device",
            ),
            (
                ("organisation", "--name", "AUX"),
                "the id made from the organisation's name: 'aux' cannot be",
            ),
            (
                ("letter", "--name", "Lpt1"),
                "a file named lpt1.yaml could not be checked out",
            ),
            (
                # Cut in the message, as every long value is.
                ("organisation", "--name", "X", "--id", "x" * 5000),
                "(5,000 characters) is too long",
            ),
            (
                ("organisation", "--id", "example-charity"),
                "--name",
            ),
            (
                (
                    "signature",
                    "--letter",
                    "survivors-letter-2023",
                    "--signatory",
                    "nspcc",
                    "--id",
                    "x",
                ),
                "leave out --id",
            ),
            (
                ("signature", "--letter", "survivors-letter-2023"),
                "--signatory",
            ),
            (
                ("signature", "--letter", "nope", "--signatory", "nspcc"),
                "no letter has the id 'nope' (letters are",
            ),
            # A typo gets what validate and import suggest.
            (
                (
                    "signature",
                    "--letter",
                    "survivors-leter-2023",
                    "--signatory",
                    "nspcc",
                ),
                (
                    "no letter has the id 'survivors-leter-2023'; did you mean "
                    "'survivors-letter-2023'? (letters are"
                ),
            ),
            (
                (
                    "signature",
                    "--letter",
                    "survivors-letter-2023",
                    "--signatory",
                    "barnrdos",
                ),
                (
                    "no organisation, group or person has the id 'barnrdos'; did "
                    "you mean 'barnardos'? If not, write the signatory's file "
                    "first"
                ),
            ),
            (
                (
                    "signature",
                    "--letter",
                    "survivors-letter-2023",
                    "--signatory",
                    "nope",
                ),
                # Says what to do, not only what is missing.
                (
                    "no organisation, group or person has the id 'nope'; "
                    "write the signatory's file first (coalition-registry "
                    "new organisation, group or person), or check the id "
                    "against the file names in registry_data/organisations/,"
                ),
            ),
            (
                (
                    "signature",
                    "--letter",
                    "survivors-letter-2023",
                    "--signatory",
                    "evan-spiegel",
                ),
                "--role",
            ),
            (
                ("organisation", "--name", "X", "--disclosure", "public"),
                "person only",
            ),
        ],
    )
    def test_usage_errors(
        self, shipped_copy: Path, argv: tuple[str, ...], message: str
    ) -> None:
        """Bad options exit 2 and write nothing."""
        before = sorted(shipped_copy.rglob("*"))
        code, _, err = cli("new", *argv)
        assert 2 == code
        assert message in err
        assert before == sorted(shipped_copy.rglob("*"))

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ("organisation", "--name", "Example\x1b[31m Red"),
                "--name: the value holds a character no record may hold",
            ),
            (
                ("organisation", "--name", "Example\u2028Trust"),
                "--name: the value holds a character no record may hold",
            ),
            (
                ("group", "--name", "Example", "--id", "example\x07"),
                "--id: the value holds a character no record may hold",
            ),
            (
                # "Café" typed in a Latin-1 terminal, as Python reads it.
                ("organisation", "--name", "Caf\udce9 Example"),
                "--name: the value is not UTF-8 text",
            ),
            (
                ("organisation", "--name", "Example \u202eTrust"),
                "--name: the value holds an invisible or bidirectional",
            ),
            (
                (
                    "person",
                    "--disclosure",
                    "pseudonym",
                    "--name",
                    "Ex\u200bam",
                ),
                "--name: the value holds an invisible or bidirectional",
            ),
        ],
    )
    def test_a_character_no_record_holds(
        self, shipped_copy: Path, argv: tuple[str, ...], message: str
    ) -> None:
        """A control character pasted into an option is said of the option,
        not of a line of a file that is never written: exit 2."""
        before = sorted(shipped_copy.rglob("*"))
        code, out, err = cli("new", *argv)
        assert (2, "") == (code, out)
        assert f"coalition-registry: error: {message}" in err
        assert ".yaml:" not in err
        assert "U+" not in err
        assert before == sorted(shipped_copy.rglob("*"))

    def test_an_invisible_character_a_script_needs_is_kept(
        self, shipped_copy: Path
    ) -> None:
        """A zero-width non-joiner between two Persian letters is part of
        the word: the organisation is made, with it."""
        name = "\u0627\u0646\u062c\u0645\u0646\u200c\u0647\u0627 Example"
        code, out, err = cli(
            "new", "organisation", "--name", name, "--id", "anjomanha-example"
        )
        assert (0, "") == (code, err)
        written = (shipped_copy.parent / out.strip()).read_text(
            encoding="utf-8"
        )
        assert name in written

    def test_a_name_refused_is_said_of_name(self, shipped_copy: Path) -> None:
        """A name the validator refuses is said of --name, with no line of
        the file that is not written."""
        before = sorted(shipped_copy.rglob("*"))
        code, out, err = cli(
            "new", "organisation", "--name", "and 40 other organisations"
        )
        assert (1, "") == (code, out)
        assert (
            "coalition-registry: error: --name: this is no organisation's"
            in err
        )
        assert ".yaml:" not in err
        assert before == sorted(shipped_copy.rglob("*"))

    @pytest.mark.skipif(
        sys.platform == "win32", reason="links need rights on Windows"
    )
    def test_a_linked_folder_is_not_written_through(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """organisations/ linked to a folder elsewhere: the file was written
        there, out of the registry, where validate never reads."""
        elsewhere = tmp_path / "elsewhere"
        (shipped_copy / "organisations").rename(elsewhere)
        (shipped_copy / "organisations").symlink_to(elsewhere)
        before = sorted(elsewhere.iterdir())
        with pytest.raises(WriteError) as caught:
            cli("new", "organisation", "--name", "Example Linked Charity")
        assert (
            "registry_data/organisations is a symbolic link to a folder, "
            "which validate does not follow" in str(caught.value)
        )
        assert before == sorted(elsewhere.iterdir())

    def test_a_file_that_cannot_be_written_leaves_nothing(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A full disk part way through: a clean error (exit 1), and no
        half a record, nor a temporary file, left behind."""
        real = os.write

        def full(fd: int, data: Any) -> int:
            if len(data) > 100:
                real(fd, bytes(data[:100]))  # the start, as a disk fills
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        folder = shipped_copy / "organisations"
        before = sorted(p.name for p in folder.iterdir())
        with pytest.raises(WriteError) as caught:
            cli("new", "organisation", "--name", "Example Charity")
        monkeypatch.undo()
        assert (
            "cannot write registry_data/organisations/example-charity.yaml: "
            "No space left on device (nothing was written)"
        ) == str(caught.value)
        assert before == sorted(p.name for p in folder.iterdir())

    def test_not_a_registry(self, tmp_path: Path) -> None:
        """PATH must be in a registry."""
        code, _, err = cli("new", "organisation", "--name", "X", str(tmp_path))
        assert 2 == code
        assert "not in a registry" in err


def test_volunteer_flow(shipped_copy: Path) -> None:
    """new, then fill in the example source, then validate and fmt: no
    problem left, and the comments stay.
    """
    _, out, _ = cli("new", "organisation", "--name", "Example Foundation")
    path = Path(out.strip())
    text = path.read_text()
    example = (
        '# sources:\n#   - url: "https://example.org/the-page"\n'
        "#     publisher: Who published the page\n"
        "#     quote: The words on the page that support the facts\n"
    )
    filled = (
        "sources:\n  - url: 'https://example.org/about'\n"
        "    quote: The Example Foundation, based in Dublin\n"
    )
    assert example in text
    path.write_text(text.replace(example, filled))
    assert [] == problems(str(path))
    assert (0, 0) == (cli("fmt", str(path))[0], cli("validate")[0])
    formatted = path.read_text()
    assert '  - url: "https://example.org/about"\n' in formatted
    assert formatted.count("\n#") == text.count("\n#") - 4
