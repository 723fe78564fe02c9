"""The JSON Schemas for editors: valid Draft 2020-12 schemas that accept the
shipped data, as a YAML 1.2 editor reads it, and reject what the validator
rejects.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import re
import sys

from pathlib import Path
from typing import Any

import pytest

from ruamel.yaml import YAML

from coalition_registry.cli import run
from coalition_registry.jsonschema_out import (
    DIALECT,
    REGISTRY_KIND,
    all_schemas,
    kind_schema,
    record_schema,
    schema_kinds,
)
from coalition_registry.model import FOLDERS, KINDS, PARTS, Person
from coalition_registry.schema import NOT_BLANK, yaml_fields
from coalition_registry.validation import validate
from conftest import SHIPPED, WriteFile


# jsonschema ships no type information, and its stubs are not a test
# dependency: use it untyped.
jsonschema: Any = importlib.import_module("jsonschema")
Validator = jsonschema.Draft202012Validator


def load_yaml(text: str) -> Any:
    """*text* as an editor's YAML 1.2 parser reads it, in JSON terms: the
    safe pure-Python loader types scalars by YAML 1.2's rules; dates,
    which JSON has not, become their ISO text.
    """
    return _dates_as_text(YAML(typ="safe", pure=True).load(text))


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    return value


def validator(kind: str, cls: Any = Validator) -> Any:
    """A validator for *kind* that also checks formats (``date``)."""
    return cls(kind_schema(kind), format_checker=cls.FORMAT_CHECKER)


def schema_errors(kind: str, text: str, cls: Any = Validator) -> list[str]:
    """What the schema finds wrong with a file of *kind* holding *text*."""
    found = validator(kind, cls).iter_errors(load_yaml(text))
    return [e.message for e in found]


def shipped_files() -> list[tuple[str, Path]]:
    """Every YAML file of the shipped registry, with its kind."""
    out = [(REGISTRY_KIND, SHIPPED / "registry.yaml")]
    for path in sorted(SHIPPED.rglob("*.yaml")):
        folder = path.relative_to(SHIPPED).parts[0]
        if folder in FOLDERS:
            out.append((FOLDERS[folder].kind_name, path))
    return out


class TestSchemas:
    def test_a_schema_for_every_kind_and_registry_yaml(self) -> None:
        """Every record kind has a schema, and so has registry.yaml."""
        assert [*KINDS, "registry"] == list(schema_kinds())
        assert list(schema_kinds()) == list(all_schemas())

    @pytest.mark.parametrize("kind", list(schema_kinds()))
    def test_valid_draft_2020_12(self, kind: str) -> None:
        """Each schema is a valid Draft 2020-12 schema, and says so."""
        schema = kind_schema(kind)
        assert DIALECT == schema["$schema"]
        Validator.check_schema(schema)

    @pytest.mark.parametrize("cls", [*KINDS.values(), *PARTS])
    def test_record_schema(self, cls: type[Any]) -> None:
        """Each record's fields, required ones, and nothing else."""
        schema = record_schema(cls)
        fields = yaml_fields(cls)
        assert list(fields) == list(schema["properties"])
        assert [n for n, s in fields.items() if s.required] == schema.get(
            "required", []
        )
        assert schema["additionalProperties"] is False

    def test_private_lists_the_fields_that_may_be_private(self) -> None:
        """private's items are the kind's field names that may be hidden."""
        private = record_schema(Person)["properties"]["private"]
        items = private["anyOf"][0]["items"]
        assert {
            "type": "string",
            "enum": ["name", "country", "sources", "notes"],
        } == items

    @pytest.mark.parametrize("kind", list(schema_kinds()))
    def test_defs_are_the_parts_used(self, kind: str) -> None:
        """$defs hold the kind and the parts its records contain."""
        expected = {
            "letter": {"Letter", "Recipient", "Claim", "Source"},
            "coalition": {"Coalition", "Membership", "Source"},
            "registry": {"RegistryInfo"},
        }
        cls = schema_kinds()[kind]
        assert expected.get(kind, {cls.__name__, "Source"}) == set(
            kind_schema(kind)["$defs"]
        )

    @pytest.mark.parametrize("kind", list(schema_kinds()))
    def test_examples_and_defaults_are_valid(self, kind: str) -> None:
        """Every example and default in a schema is a valid value."""
        schema = kind_schema(kind)
        for name, record in schema["$defs"].items():
            for field, prop in record["properties"].items():
                for value in [
                    *prop.get("examples", []),
                    *([prop["default"]] if "default" in prop else []),
                ]:
                    sub = {**prop, "$defs": schema["$defs"]}
                    errors = [
                        e.message
                        for e in Validator(
                            sub, format_checker=Validator.FORMAT_CHECKER
                        ).iter_errors(value)
                    ]
                    assert [] == errors, f"{name}.{field}: {value!r}"


class TestShippedData:
    @pytest.mark.parametrize(
        ("kind", "path"),
        shipped_files(),
        ids=[str(p.relative_to(SHIPPED)) for _, p in shipped_files()],
    )
    def test_shipped_file_is_valid(self, kind: str, path: Path) -> None:
        """Each shipped file, read as YAML 1.2, satisfies its schema."""
        assert [] == schema_errors(kind, path.read_text(encoding="utf-8"))

    def test_every_shipped_file_is_checked(self) -> None:
        """No shipped YAML file is left out of the test above."""
        assert len(list(SHIPPED.rglob("*.yaml"))) == len(shipped_files())


#: (kind, file name, text): files both the schema and the validator accept.
ACCEPTED = [
    *(
        (
            "letter",
            "month-letter",
            (
                f"id: month-letter\ntitle: T\ndate: {date}\nsources:\n"
                f"  - url: https://example.org/a\n    published: {date}\n"
            ),
        )
        for date in ("2021-03", "2021", "'2021'", "2021-03-04")
    ),
    (
        "organisation",
        "new-org",
        "id: new-org\nname: New\nwebsite: HTTPS://example.org\n",
    ),
    (
        "group",
        "new-group",
        "id: new-group\nname: G\nmember_count: '011'\n",
    ),
    (
        "group",
        "new-group",
        "id: new-group\nname: G\nmember_count: '10000000000'\n",
    ),
    (
        "organisation",
        "new-org",
        (
            "id: new-org\nname: New\nkind: charity\nhq_country: GB\n"
            "website: https://example.org\nidentifiers: {GB-CHC: '216250'}\n"
            "sources:\n  - url: https://example.org/about\n"
            "    published: 2023-09-18\nprivate: [notes]\nnotes: secret\n"
        ),
    ),
    (
        "organisation",
        "two-orgs",
        (
            "- id: org-one\n  name: One\n  sources: [{url: 'https://a.example'}]\n"
            "- id: org-two\n  name: Two\n  sources: [{url: 'https://b.example'}]\n"
        ),
    ),
    (
        "group",
        "new-group",
        (
            "id: new-group\nname: New group\nmember_count: unknown\n"
            "sources: [{url: 'https://example.org'}]\n"
        ),
    ),
    (
        "person",
        "person-7k2m9x",
        "id: person-7k2m9x\ndisclosure: anonymous\ncountry: GB\n",
    ),
    (
        "organisation",
        "empty-values",
        (
            "id: empty-values\nname: Empty\nhq_country:\nwebsite: ~\n"
            "kind: null\nidentifiers:\nsources:\n"
            "  - url: https://example.org\n    published:\n"
        ),
    ),
    (
        "letter",
        "quoted-flag",
        "id: quoted-flag\ntitle: T\nrecipients_complete: 'false'\n",
    ),
    (
        "organisation",
        "odd-spaces",
        # U+FEFF: a space to ECMA-262's \s, not to Python's strip (only
        # a warning from the validator).
        'id: odd-spaces\nname: Odd\nnotes: "\\ufeff"\n',
    ),
    (
        "group",
        "quoted-count",
        (
            "id: quoted-count\nname: Quoted count\nmember_count: '30'\n"
            "sources: [{url: 'https://example.org'}]\n"
        ),
    ),
]

#: (what, code, kind, file name, text): files both reject; the validator
#: with the problem code given.
REJECTED = [
    *(
        (
            f"a letter dated {date}",
            "invalid-date",
            "letter",
            "month-letter",
            f"id: month-letter\ntitle: T\ndate: {date}\n",
        )
        for date in ("2021-13", "2021-3", "21-03", "202103")
    ),
    (
        "a page read in a month",
        "invalid-date",
        "letter",
        "month-letter",
        (
            "id: month-letter\ntitle: T\nsources:\n"
            "  - url: https://example.org/a\n    accessed: 2021-03\n"
        ),
    ),
    (
        "unknown field",
        "unknown-field",
        "organisation",
        "new-org",
        "id: new-org\nname: New\nwebsit: x\n",
    ),
    (
        "bad enum",
        "invalid-value",
        "organisation",
        "new-org",
        "id: new-org\nname: New\nkind: shop\n",
    ),
    (
        "missing required",
        "missing-field",
        "organisation",
        "new-org",
        "id: new-org\nkind: charity\n",
    ),
    (
        "id is never private",
        "invalid-private",
        "organisation",
        "new-org",
        "id: new-org\nname: New\nprivate: [id]\n",
    ),
    (
        "private names no field",
        "invalid-private",
        "organisation",
        "new-org",
        "id: new-org\nname: New\nprivate: [nmae]\n",
    ),
    (
        "list for text",
        "wrong-shape",
        "organisation",
        "new-org",
        "id: new-org\nname: [New]\n",
    ),
    (
        "bad id",
        "invalid-id",
        "organisation",
        "new-org",
        "id: New-Org\nname: New\n",
    ),
    (
        "bad url",
        "invalid-url",
        "organisation",
        "new-org",
        "id: new-org\nname: New\nwebsite: www.x.org\n",
    ),
    (
        "source without url",
        "missing-field",
        "organisation",
        "new-org",
        "id: new-org\nname: New\nsources: [{publisher: X}]\n",
    ),
    (
        "count below minimum",
        "invalid-value",
        "group",
        "new-group",
        "id: new-group\nname: G\nmember_count: 0\n",
    ),
    (
        "bad date",
        "invalid-date",
        "letter",
        "new-letter",
        "id: new-letter\ntitle: T\ndate: 18/09/2023\n",
    ),
    (
        "yes is not a flag",
        "invalid-value",
        "letter",
        "new-letter",
        "id: new-letter\ntitle: T\nrecipients_complete: yes\n",
    ),
    (
        "bad enum in a part",
        "invalid-value",
        "letter",
        "new-letter",
        "id: new-letter\ntitle: T\nclaims: [{measure: votes, value: 3}]\n",
    ),
    (
        "missing disclosure",
        "missing-field",
        "person",
        "person-7k2m9x",
        "id: person-7k2m9x\n",
    ),
    (
        "bad record in a list",
        "invalid-value",
        "signature",
        "x--y",
        "- id: x--y\n  letter: x\n  signatory: y\n  role: boss\n",
    ),
    (
        "blank text",
        "invalid-value",
        "organisation",
        "new-org",
        "id: new-org\nname: ' '\n",
    ),
    (
        "text of no-break spaces",
        "invalid-value",
        "organisation",
        "new-org",
        "id: new-org\nname: New\nnotes: '\u00a0\u3000'\n",
    ),
    (
        "an empty list",
        "empty-file",
        "organisation",
        "new-org",
        "[]\n",
    ),
]


class TestAgreementWithTheValidator:
    @pytest.mark.parametrize(("kind", "stem", "text"), ACCEPTED)
    def test_accepted_by_both(
        self, write: WriteFile, kind: str, stem: str, text: str
    ) -> None:
        """What the validator accepts, the schema accepts."""
        path = write(f"{KINDS[kind].folder}/{stem}.yaml", text)
        assert [] == [str(p) for p in validate(path).errors]
        assert [] == schema_errors(kind, text)

    @pytest.mark.parametrize(
        "case", REJECTED, ids=[case[0] for case in REJECTED]
    )
    def test_rejected_by_both(
        self, write: WriteFile, case: tuple[str, str, str, str, str]
    ) -> None:
        """What the schema rejects, the validator rejects too."""
        what, code, kind, stem, text = case
        path = write(f"{KINDS[kind].folder}/{stem}.yaml", text)
        assert code in {p.code for p in validate(path).errors}
        assert schema_errors(kind, text), what

    def test_registry_yaml_is_one_mapping(self) -> None:
        """registry.yaml holds one mapping, never a list."""
        text = (SHIPPED / "registry.yaml").read_text(encoding="utf-8")
        assert [] == schema_errors("registry", text)
        listed = "- " + text.replace("\n", "\n  ").rstrip() + "\n"
        assert schema_errors("registry", listed)

    @pytest.mark.parametrize("version", ["2", "0", "'2'", "'01'", "1"])
    def test_registry_yaml_versions_agree(
        self, write: WriteFile, version: str
    ) -> None:
        """An editor underlines a schema_version the validator refuses,
        and only that.
        """
        text = (SHIPPED / "registry.yaml").read_text(encoding="utf-8")
        assert "schema_version: 1\n" in text
        text = text.replace(
            "schema_version: 1\n", f"schema_version: {version}\n"
        )
        path = write("registry.yaml", text)
        refused = bool(validate(path.parent).errors)
        assert refused == (version in {"2", "0", "'2'"})
        assert refused == bool(schema_errors("registry", text))

    def test_ambiguous_text_must_be_quoted(self) -> None:
        """The one known difference: the validator reads every value as
        text, an editor reads 216250 as a number, so the schema asks for
        the quotes that coalition-registry fmt writes.
        """
        quoted = "id: a\nname: A\nidentifiers: {GB-CHC: '216250'}\n"
        bare = "id: a\nname: A\nidentifiers: {GB-CHC: 216250}\n"
        assert [] == schema_errors("organisation", quoted)
        assert schema_errors("organisation", bare)


def test_not_blank_is_what_strip_keeps() -> None:
    """The schema's "not blank" pattern leaves out exactly the characters
    the validator strips, as a JSON Schema validator reads it.
    """
    pattern = re.compile(NOT_BLANK)
    assert [] == [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if (pattern.search(chr(c)) is None) != chr(c).isspace()
    ]


class TestDraft7Editors:
    """The YAML language server reads schemas as draft 7: the schemas use
    only keywords that mean the same there, and a reference into $defs is
    a plain JSON pointer.
    """

    def test_same_verdicts_under_draft_7(self) -> None:
        """Draft 7 accepts and rejects what Draft 2020-12 does."""
        draft7 = jsonschema.Draft7Validator
        for kind, path in shipped_files():
            text = path.read_text(encoding="utf-8")
            assert [] == schema_errors(kind, text, draft7), path
        for kind, _, text in ACCEPTED:
            assert [] == schema_errors(kind, text, draft7), text
        for _, _, kind, _, text in REJECTED:
            assert schema_errors(kind, text, draft7), text


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestCommand:
    def test_one_kind(self) -> None:
        """--kind prints that kind's schema."""
        code, out, _ = cli("schema", "--kind", "organisation")
        assert (0, kind_schema("organisation")) == (code, json.loads(out))

    def test_every_kind(self) -> None:
        """Without --kind, a JSON object maps each kind to its schema."""
        code, out, _ = cli("schema")
        assert (0, all_schemas()) == (code, json.loads(out))

    def test_out_writes_one_file_per_kind(self, tmp_path: Path) -> None:
        """--out DIR writes <kind>.schema.json for every kind."""
        folder = tmp_path / "schemas" / "new"
        code, out, _ = cli("schema", "--out", str(folder))
        assert 0 == code
        assert sorted(f"{k}.schema.json" for k in schema_kinds()) == sorted(
            p.name for p in folder.iterdir()
        )
        assert len(schema_kinds()) == len(out.splitlines())
        for kind in schema_kinds():
            path = folder / f"{kind}.schema.json"
            assert kind_schema(kind) == json.loads(
                path.read_text(encoding="utf-8")
            )

    def test_out_with_kind(self, tmp_path: Path) -> None:
        """--out with --kind writes only that kind's file."""
        code, _, _ = cli("schema", "--kind", "person", "--out", str(tmp_path))
        assert (0, ["person.schema.json"]) == (
            code,
            [p.name for p in tmp_path.iterdir()],
        )

    def test_out_must_name_a_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An empty --out (a variable not set) writes nowhere, not into
        the current folder; a file says it is not a folder."""
        monkeypatch.chdir(tmp_path)
        code, _, err = cli("schema", "--out", "")
        assert (2, []) == (code, list(tmp_path.iterdir()))
        assert "--out needs the name of a folder" in err
        (tmp_path / "taken").write_text("")
        code, _, err = cli("schema", "--out", str(tmp_path / "taken"))
        assert 2 == code
        assert "it is a file, not a folder" in err

    def test_unknown_kind(self) -> None:
        """An unknown kind is a usage error."""
        code, _, err = cli("schema", "--kind", "letters")
        assert 2 == code
        assert "invalid choice" in err

    def test_out_cannot_be_written(self, tmp_path: Path) -> None:
        """A --out that is a file is a usage error."""
        blocker = tmp_path / "file"
        blocker.write_text("", encoding="utf-8")
        code, _, err = cli("schema", "--out", str(blocker))
        assert 2 == code
        assert "cannot write" in err
