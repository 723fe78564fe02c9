"""The leak test: private values planted in a registry never appear in what
any command prints, in any format, nor in the Python API's printed forms.

Three kinds of check:

- *planted*: distinctive private values (names, an e-mail address, a
  country, a member count, a letter's title) are written into a copy of the
  shipped registry, every command and format is run in-process, and no
  planted value may appear in what is printed;
- *indistinguishable*: two registries that differ only in one private value
  must give exactly the same outputs, so that no count, row or order gives
  the value away;
- *invalid*: private values written in an invalid form must not be echoed
  by validation messages.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry.aggregate import BY, country_summary
from coalition_registry.cli import parser, run
from coalition_registry.suppression import suppress
from conftest import SHIPPED, WriteFile
from strategies_tables import SOURCE as RECORD_SOURCES
from strategies_tables import write_records


SHIPPED_LETTER = "survivors-letter-2023"
HIDDEN_TITLE_LETTER = "letter-k5w2"
LETTERS = (SHIPPED_LETTER, HIDDEN_TITLE_LETTER)
SOURCES = "sources:\n  - url: https://example.org/records\n"

# -- the planted registry -------------------------------------------------

#: Files added to a copy of the shipped registry, by path.
PLANTED: dict[str, str] = {
    # A pseudonymous survivor whose country is private.
    "people/person-q7x2m9.yaml": (
        "id: person-q7x2m9\n"
        "disclosure: pseudonym\n"
        "name: Quillon Marchbanks\n"
        "country: TV\n"
        "private: [country]\n" + SOURCES
    ),
    # An anonymous survivor whose private notes say where they live
    # (contact details themselves are refused: see contact-details).
    "people/person-z8k4p1.yaml": (
        "id: person-z8k4p1\n"
        "disclosure: anonymous\n"
        "country: GB\n"
        "notes: Lives above the Zzsecret Laundry\n"
        "private: [notes]\n" + SOURCES
    ),
    # An organisation whose name, country, kind, scope and website are
    # private (a shelter, say).
    "organisations/org-h3x9.yaml": (
        "id: org-h3x9\n"
        "name: Obscurantia Foundation\n"
        "aliases: [Crypsilva Trust]\n"
        "kind: foundation\n"
        "hq_country: NR\n"
        "scope: international\n"
        "website: https://obscurantia.example.org\n"
        "private: [name, hq_country, website, kind, scope]\n" + SOURCES
    ),
    # A group whose name, size and country are private.
    "groups/grp-k2v8.yaml": (
        "id: grp-k2v8\n"
        "name: Veiled Circle Ninefold\n"
        "country: TV\n"
        "member_count: 9173\n"
        "private: [member_count, name, country]\n" + SOURCES
    ),
    # A public organisation whose notes are private, and whose signature
    # prints a private name.
    "organisations/plainview-trust.yaml": (
        "id: plainview-trust\n"
        "name: Plainview Trust\n"
        "hq_country: IE\n"
        "notes: The director is Yysecret Hollowmere\n"
        "private: [notes]\n" + SOURCES
    ),
    # A public person whose name and country are private.
    "people/person-q7w2k9.yaml": (
        "id: person-q7w2k9\n"
        "disclosure: public\n"
        "name: Ynez Publicola\n"
        "country: NR\n"
        "private: [name, country]\n" + SOURCES
    ),
    # A public organisation that withdrew its signature.
    "organisations/withdrawnia-trust.yaml": (
        "id: withdrawnia-trust\n"
        "name: Withdrawnia Trust\n"
        "hq_country: FR\n"
        "scope: international\n" + SOURCES
    ),
    # A second letter whose title is private.
    f"letters/{HIDDEN_TITLE_LETTER}.yaml": (
        f"id: {HIDDEN_TITLE_LETTER}\n"
        "title: Xerxanthe Letter Title\n"
        "summary: What the Xerxanthe letter asks.\n"
        "claims:\n"
        "  - measure: signatories\n"
        "    value: 40\n"
        "    roles: [survivor]\n"
        "    sources:\n"
        "      - url: https://example.org/claim\n"
        "  - measure: countries\n"
        "    value: 9\n"
        "    sources:\n"
        "      - url: https://example.org/claim\n"
        "private: [title, summary]\n" + SOURCES
    ),
    # A coalition whose name is private, over the private organisation, a
    # member that signed, one that withdrew and one that did not sign.
    "coalitions/coalition-w4n8.yaml": (
        "id: coalition-w4n8\n"
        "name: Umbravale Alliance\n"
        "description: What the Umbravale alliance does.\n"
        "members:\n"
        "  - organisation: barnardos\n"
        "  - organisation: org-h3x9\n"
        "  - organisation: withdrawnia-trust\n"
        "  - organisation: nspcc\n"
        "    joined: 2023-01-01\n"
        "private: [name, description]\n" + SOURCES
    ),
    # A coalition that keeps its members private.
    "coalitions/example-closed-coalition.yaml": (
        "id: example-closed-coalition\n"
        "name: Example Closed Coalition\n"
        "members:\n"
        "  - organisation: eurochild\n"
        "    joined: 2022-05-01\n"
        "private: [members]\n" + SOURCES
    ),
}


def signature(
    letter: str, who: str, role: str, extra: str = ""
) -> tuple[str, str]:
    sid = f"{letter}--{who}"
    return (
        f"signatures/{letter}/{sid}.yaml",
        f"id: {sid}\nletter: {letter}\nsignatory: {who}\nrole: {role}\n"
        + extra
        + SOURCES,
    )


PLANTED.update(
    [
        signature(SHIPPED_LETTER, "person-q7x2m9", "survivor"),
        signature(
            SHIPPED_LETTER,
            "person-z8k4p1",
            "survivor",
            "verification: confirmed-by-signatory\n"
            "private: [role, verification]\n",
        ),
        signature(SHIPPED_LETTER, "org-h3x9", "organisation"),
        (
            f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--grp-k2v8.yaml",
            (
                f"id: {SHIPPED_LETTER}--grp-k2v8\nletter: {SHIPPED_LETTER}\n"
                "signatory: grp-k2v8\nrole: survivor\nprivate: [sources]\n"
                "sources:\n  - url: https://grimsecret.example.org/signed\n"
            ),
        ),
        # Signed for an organisation, which is private.
        signature(
            SHIPPED_LETTER,
            "person-q7w2k9",
            "expert",
            "capacity: on-behalf-of\non_behalf_of: org-h3x9\n"
            "private: [on_behalf_of]\n",
        ),
        signature(
            SHIPPED_LETTER,
            "plainview-trust",
            "organisation",
            "name_as_printed: Zorblax Printed Name\n"
            "private: [name_as_printed]\n",
        ),
        signature(
            SHIPPED_LETTER,
            "withdrawnia-trust",
            "organisation",
            "name_as_printed: Withdrawnia Trust\n"
            "status: withdrawn\n"
            "withdrawn_on: 2024-02-01\n",
        ),
        signature(
            HIDDEN_TITLE_LETTER,
            "plainview-trust",
            "organisation",
            "name_as_printed: Zorblax Printed Name\n"
            "private: [name_as_printed]\n",
        ),
        signature(HIDDEN_TITLE_LETTER, "person-z8k4p1", "survivor"),
        signature(HIDDEN_TITLE_LETTER, "grp-k2v8", "survivor"),
        signature(HIDDEN_TITLE_LETTER, "org-h3x9", "organisation"),
    ]
)

#: What must never be printed, and what it is.
SECRETS: dict[str, str] = {
    "Quillon": "a pseudonymous person's name",
    "Marchbanks": "a pseudonymous person's name",
    "Tuvalu": "a private country (of a person and of a group)",
    "Polynesia": "the sub-region of a private country",
    "Zzsecret": "an anonymous person's private notes",
    "Yysecret": "an organisation's private notes",
    "Obscurantia": "an organisation's private name and website",
    "Crypsilva": "an alias of an organisation's private name",
    "Nauru": "an organisation's private headquarters country",
    "Micronesia": "the sub-region of a private country",
    "organisation: foundation": "an organisation's private kind",
    "'foundation'": "an organisation's private kind",
    '"foundation"': "an organisation's private kind",
    "Veiled Circle": "a group's private name",
    "9173": "a group's private member count",
    "Zorblax": "a signature's private name as printed",
    "grimsecret": "a signature's private sources",
    "Publicola": "a public person's private name",
    "Xerxanthe": "a letter's private title and summary",
    "Umbravale": "a coalition's private name and description",
}

WITHDRAWN = "Withdrawnia"


def plant(write: WriteFile, changes: dict[str, str] | None = None) -> None:
    """Write the planted files, with *changes* replacing files' texts."""
    for path, text in {**PLANTED, **(changes or {})}.items():
        write(path, text)


# -- running everything ---------------------------------------------------


def cli(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    assert code in {0, 1}, (argv, err.getvalue())
    return out.getvalue() + err.getvalue()


def formats(command: str) -> tuple[str, ...]:
    """Every --format the command offers (read from its parser)."""
    sub = next(
        a
        for a in parser()._actions
        if isinstance(a, argparse._SubParsersAction)
    )
    command_parser: argparse.ArgumentParser = sub.choices[command]
    option = next(
        a for a in command_parser._actions if "--format" in a.option_strings
    )
    assert option.choices is not None
    return tuple(option.choices)


def validate_outputs() -> dict[str, str]:
    return {
        f"validate --format {f}": cli("validate", "--format", f)
        for f in formats("validate")
    }


def coverage_outputs(*, full: bool = True) -> dict[str, str]:
    chosen = formats("coverage") if full else ("json",)
    out = {}
    for letter in LETTERS:
        for by in BY:
            for people in ((), ("--people",)):
                for f in chosen:
                    argv = (
                        "coverage",
                        "--letter",
                        letter,
                        "--by",
                        by,
                        *people,
                        "--format",
                        f,
                    )
                    out[" ".join(argv)] = cli(*argv)
        for k in ("1", "4", "5"):  # 2 is refused
            argv = ("coverage", "--letter", letter, "--suppress-below", k)
            out[" ".join(argv)] = cli(*argv)
    return out


def reconcile_outputs(*, full: bool = True) -> dict[str, str]:
    chosen = formats("reconcile") if full else ("text", "json")
    out = {}
    for letter in LETTERS:
        for f in chosen:
            argv = ("reconcile", "--letter", letter, "--format", f)
            out[" ".join(argv)] = cli(*argv)
        argv = ("reconcile", "--letter", letter, "--suppress-below", "1")
        out[" ".join(argv)] = cli(*argv)
    return out


def export_outputs(*, full: bool = True) -> dict[str, str]:
    chosen = formats("export") if full else ("json",)
    out = {}
    for letter in ((), *(("--letter", x) for x in LETTERS)):
        for f in chosen:
            argv = ("export", *letter, "--format", f)
            out[" ".join(argv)] = cli(*argv)
    return out


def coalitions_outputs(*, full: bool = True) -> dict[str, str]:
    chosen = formats("coalitions") if full else ("json",)
    out = {}
    for letter in ((), *(("--letter", x) for x in LETTERS)):
        for on in ((), ("--on", "2023-01-01")):
            for f in chosen:
                argv = ("coalitions", *letter, *on, "--format", f)
                out[" ".join(argv)] = cli(*argv)
    return out


def api_outputs() -> dict[str, str]:
    """The printed forms of what the Python API returns."""
    report = cr.validate("registry_data")
    registry = cr.load("registry_data")
    out: dict[str, str] = {
        "repr(Report)": repr(report),
        "repr(Registry)": repr(registry),
        "str(Registry)": str(registry),
    }
    for collection in (
        registry.letters,
        registry.organisations,
        registry.people,
        registry.groups,
        registry.signatures,
        registry.coalitions,
    ):
        out[f"repr({collection.kind} collection)"] = repr(collection)
        for record in collection:
            out[f"repr({record.id})"] = repr(record)
            out[f"str({record.id})"] = str(record)
            private = getattr(record, "private", ())
            for name in ("claims", "recipients", "sources", "members"):
                if name not in private:
                    for part in getattr(record, name, ()):
                        out[f"repr({name} of {record.id})"] = repr(part)
    for letter in LETTERS:
        for name, count in (
            ("signatory_table", cr.signatory_table),
            ("people", cr.people),
        ):
            for by in BY:
                table = count(registry, letter, by=by)
                for k in (1, 3):
                    shown = suppress(table, k)
                    key = f"{name}({letter}, by={by}) k={k}"
                    out[f"repr {key}"] = repr(shown)
                    out[f"as_dict {key}"] = json.dumps(shown.as_dict())
        coverage = cr.coverage(registry, letter)
        out[f"repr coverage({letter})"] = repr(coverage)
        out[f"as_dict coverage({letter})"] = json.dumps(coverage.as_dict())
        out[f"country_summary({letter})"] = repr(
            country_summary(registry, letter)
        )
        rec = cr.reconcile(registry, letter)
        out[f"repr reconcile({letter})"] = repr(rec)
        out[f"as_dict reconcile({letter})"] = json.dumps(rec.as_dict())
        data = cr.export(registry, letter)
        out[f"repr export({letter})"] = repr(data)
        out[f"as_dict export({letter})"] = json.dumps(data.as_dict())
        out[f"repr signatories({letter})"] = repr(
            cr.signatories(registry, letter)
        )
        out[f"repr signatures({letter})"] = repr(
            cr.signatures(registry, letter, include_withdrawn=True)
        )
    out["repr export()"] = repr(cr.export(registry))
    out["repr organisations()"] = repr(cr.organisations(registry))
    for who in (
        *registry.organisations,
        *registry.people,
        *registry.groups,
    ):
        out[f"repr letters_signed_by({who.id})"] = repr(
            cr.letters_signed_by(registry, who.id, include_withdrawn=True)
        )
    return out


@contextlib.contextmanager
def validated_once() -> Iterator[None]:
    """Commands validate the registry each time they run: within this
    context, they validate each folder once (the files do not change).
    """
    cache: dict[tuple[object, ...], cr.Report] = {}

    def validate(*paths: str | Path, **options: Any) -> cr.Report:
        key = (*paths, *sorted(options.items()))
        if key not in cache:
            cache[key] = cr.validate(*paths, **options)
        return cache[key]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("coalition_registry.cli._common.validate", validate)
        yield


def everything(*, full: bool = True) -> dict[str, str]:
    with validated_once():
        return {
            **validate_outputs(),
            **coverage_outputs(full=full),
            **reconcile_outputs(full=full),
            **export_outputs(full=full),
            **coalitions_outputs(full=full),
            **api_outputs(),
        }


def leaks(outputs: dict[str, str], secrets: Iterable[str]) -> list[str]:
    """For each secret found: where (the first three outputs, and how many
    in all).
    """
    found = []
    for secret in secrets:
        where = [
            label
            for label, text in outputs.items()
            if secret.casefold() in text.casefold()
        ]
        if where:
            what = SECRETS.get(secret, "")
            found.append(
                f"{secret!r} ({what}) in {len(where)} output(s): "
                + "; ".join(where[:3])
            )
    return found


# -- planted values -------------------------------------------------------


@pytest.fixture(name="planted")
def _planted(write: WriteFile, shipped_copy: Path) -> Path:
    plant(write)
    return shipped_copy


@pytest.fixture(name="outputs", scope="module")
def _outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Everything printed for the planted registry (run once)."""
    root = tmp_path_factory.mktemp("planted")
    shutil.copytree(SHIPPED, root / "registry_data")
    for path, text in PLANTED.items():
        target = root / "registry_data" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        return everything()


def only(outputs: dict[str, str], *commands: str) -> dict[str, str]:
    """The outputs of some commands (``api`` for the Python API's)."""
    return {
        label: text
        for label, text in outputs.items()
        if label.split()[0] in commands
        or ("api" in commands and label.split()[0] not in COMMANDS)
    }


COMMANDS = ("validate", "coverage", "reconcile", "export", "coalitions")


class TestPlanted:
    def test_the_planted_registry_is_valid(self, planted: Path) -> None:
        report = cr.validate("registry_data")
        assert [] == [str(p) for p in report.problems]
        registry = cr.load("registry_data")
        assert 2 == len(registry.letters)
        assert 7 == len(registry.people)

    def test_the_planted_values_are_counted(self, planted: Path) -> None:
        """The planted records take part: the leak test tests something."""
        registry = cr.load("registry_data")
        data = cr.export(registry, SHIPPED_LETTER)
        assert {SHIPPED_LETTER: 2} == data.unlisted
        assert {SHIPPED_LETTER: 1} == data.withdrawn
        listed = {r["signatory"] for r in data.rows}
        assert {
            "org-h3x9",
            "grp-k2v8",
            "plainview-trust",
            "person-q7w2k9",
        } <= listed
        assert "withdrawnia-trust" not in listed
        public = next(
            r for r in data.rows if r["signatory"] == "person-q7w2k9"
        )
        assert ("on-behalf-of", "") == (
            public["capacity"],
            public["on_behalf_of"],
        )
        table = cr.signatory_table(registry, SHIPPED_LETTER)
        assert 16 == table.total.cells[-1].value

    def test_every_output_was_produced(self, outputs: dict[str, str]) -> None:
        assert all(outputs.values())
        for command in (*COMMANDS, "api"):
            assert only(outputs, command), command

    @pytest.mark.parametrize("command", [*COMMANDS, "api"])
    def test_no_private_value_is_printed(
        self, outputs: dict[str, str], command: str
    ) -> None:
        assert [] == leaks(only(outputs, command), list(SECRETS))

    def test_no_private_country_code_is_printed(
        self, outputs: dict[str, str]
    ) -> None:
        codes = [
            '"TV"',
            '"NR"',
            "'TV'",
            "'NR'",
            ",TV,",
            ",NR,",
            "| TV",
            "| NR",
        ]
        assert [] == leaks(
            only(outputs, "coverage", "reconcile", "export", "coalitions"),
            codes,
        )

    def test_a_withdrawn_signatory_is_never_listed(
        self, outputs: dict[str, str]
    ) -> None:
        assert [] == leaks(
            only(outputs, "coverage", "reconcile", "export"), [WITHDRAWN]
        )

    def test_a_pseudonym_is_not_shown_through_its_signature(
        self, write: WriteFile
    ) -> None:
        """A pseudonymous person's chosen name written in their signature's
        name_as_printed, not marked private, is an error (so no registry
        holding it loads), and the error does not repeat the name.
        """
        path, text = signature(
            SHIPPED_LETTER,
            "person-q7x2m9",
            "survivor",
            "name_as_printed: Quillon Marchbanks\n",
        )
        plant(write, {path: text})
        report = cr.validate("registry_data")
        assert ["name-not-allowed"] == [p.code for p in report.errors]
        assert "Quillon" not in "\n".join(map(str, report.problems))
        with pytest.raises(cr.RegistryError) as info:
            cr.load("registry_data")
        assert "Quillon" not in str(info.value)


class TestQueries:
    """A query never matches on a private value: its result would say what
    the value is.
    """

    @pytest.fixture(name="registry")
    def _registry(self, planted: Path) -> cr.Registry:
        return cr.load("registry_data")

    def test_lookup_by_private_name(self, registry: cr.Registry) -> None:
        with pytest.raises(LookupError):
            registry.organisations.lookup("Obscurantia Foundation")
        with pytest.raises(LookupError):
            registry.groups.lookup("Veiled Circle Ninefold")
        with pytest.raises(LookupError):
            registry.people.lookup("Quillon Marchbanks")
        with pytest.raises(LookupError):
            registry.letters.lookup("Xerxanthe Letter Title")

    def test_by_private_country(self, registry: cr.Registry) -> None:
        assert () == cr.organisations(registry, country="NR")
        assert () == cr.signatories(registry, SHIPPED_LETTER, country="NR")
        assert () == cr.signatories(registry, SHIPPED_LETTER, country="TV")

    def test_organisations_by_private_kind(
        self, registry: cr.Registry
    ) -> None:
        """Bug: organisations(kind=...) matches a private kind."""
        assert () == cr.organisations(registry, kind="foundation")

    def test_organisations_by_private_scope(
        self, registry: cr.Registry
    ) -> None:
        """Bug: organisations(scope=...) matches a private scope."""
        found = cr.organisations(registry, scope="international")
        assert "org-h3x9" not in [o.id for o in found]

    def test_signatories_by_private_kind(self, registry: cr.Registry) -> None:
        """Bug: signatories(kind=...) matches a private kind."""
        assert () == cr.signatories(
            registry, SHIPPED_LETTER, kind="foundation"
        )

    def test_signatures_by_private_role(self, registry: cr.Registry) -> None:
        """Bug: signatures(role=...) and signatories(role=...) match a
        signature whose role is private.
        """
        hidden = "survivors-letter-2023--person-z8k4p1"
        assert hidden not in [
            s.id
            for s in cr.signatures(registry, SHIPPED_LETTER, role="survivor")
        ]
        assert "person-z8k4p1" not in [
            w.id
            for w in cr.signatories(registry, SHIPPED_LETTER, role="survivor")
        ]


# -- indistinguishable registries -----------------------------------------


def variant(path: str, old: str, new: str) -> dict[str, str]:
    text = PLANTED[path]
    assert old in text, (path, old)
    return {path: text.replace(old, new)}


def signature_variant(who: str, old: str, new: str) -> dict[str, str]:
    path = f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--{who}.yaml"
    return variant(path, old, new)


#: One private value changed at a time: (what, the files as changed).
VARIANTS: dict[str, dict[str, str]] = {
    "a pseudonym": variant(
        "people/person-q7x2m9.yaml", "Quillon Marchbanks", "Other Pseudonym"
    ),
    "a person's private country": variant(
        "people/person-q7x2m9.yaml", "country: TV", "country: NR"
    ),
    "a person's private notes": variant(
        "people/person-z8k4p1.yaml", "Zzsecret", "Otherwise"
    ),
    "an organisation's private name": variant(
        "organisations/org-h3x9.yaml", "Obscurantia Foundation", "Aardvark Aid"
    ),
    "an organisation's private country": variant(
        "organisations/org-h3x9.yaml", "hq_country: NR", "hq_country: CA"
    ),
    "an organisation's private kind": variant(
        "organisations/org-h3x9.yaml", "kind: foundation", "kind: charity"
    ),
    "an organisation's private scope": variant(
        "organisations/org-h3x9.yaml",
        "scope: international",
        "scope: national",
    ),
    "an organisation's private website": variant(
        "organisations/org-h3x9.yaml", "obscurantia.example", "other.example"
    ),
    "a group's private size": variant(
        "groups/grp-k2v8.yaml", "member_count: 9173", "member_count: 2"
    ),
    "a group's private name": variant(
        "groups/grp-k2v8.yaml", "Veiled Circle Ninefold", "Aardvark Circle"
    ),
    "a group's private country": variant(
        "groups/grp-k2v8.yaml", "country: TV", "country: GB"
    ),
    "a signature's private name as printed": signature_variant(
        "plainview-trust", "Zorblax Printed Name", "A"
    ),
    "a signature's private organisation signed for": signature_variant(
        "person-q7w2k9", "on_behalf_of: org-h3x9", "on_behalf_of: barnardos"
    ),
    "a signature's private role": signature_variant(
        "person-z8k4p1", "role: survivor", "role: expert"
    ),
    "a signature's private verification": signature_variant(
        "person-z8k4p1", "confirmed-by-signatory", "confirmed-by-publisher"
    ),
    "a coalition's private name": variant(
        "coalitions/coalition-w4n8.yaml", "Umbravale Alliance", "Aardvark"
    ),
    "a coalition's private members": variant(
        "coalitions/example-closed-coalition.yaml",
        "organisation: eurochild\n    joined: 2022-05-01",
        "organisation: meta\n    joined: 2023-05-01",
    ),
    "a letter's private title": variant(
        f"letters/{HIDDEN_TITLE_LETTER}.yaml",
        "Xerxanthe Letter Title",
        "Another Title",
    ),
}


class TestIndistinguishable:
    @pytest.mark.parametrize("changes", VARIANTS.values(), ids=list(VARIANTS))
    def test_outputs_do_not_depend_on_a_private_value(
        self,
        write: WriteFile,
        outputs: dict[str, str],
        changes: dict[str, str],
    ) -> None:
        plant(write, changes)
        changed = everything(full=False)
        assert set(changed) <= set(outputs)
        assert [] == [k for k in changed if changed[k] != outputs[k]]

    def test_no_command_tells_that_a_hidden_person_signed_for_a_member(
        self, write: WriteFile, outputs: dict[str, str]
    ) -> None:
        """A pseudonymous survivor who signed on behalf of a coalition's
        member that did not sign (the NSPCC here) is not named for it, and
        the member is not shown as signed either: that alone would say
        that someone who is not public signed for it.  (The signature's
        own repr shows its capacity, which is not private.)
        """
        plant(
            write,
            signature_variant(
                "person-q7x2m9",
                "role: survivor\n",
                "role: survivor\ncapacity: on-behalf-of\n"
                "on_behalf_of: nspcc\n",
            ),
        )
        with validated_once():
            changed = coalitions_outputs(full=True)
            changed.update(export_outputs(full=True))
        assert [] == [k for k in changed if changed[k] != outputs[k]]


# -- suppressed counts in notes ---------------------------------------------


class TestSuppressedCountsStayHidden:
    def test_the_country_notes_do_not_give_a_hidden_count(
        self, tmp_path: Path
    ) -> None:
        """One (or two) anonymous people without a country make a hidden
        Unknown row beside the United Kingdom's five; the column total,
        which would give it back, is hidden too, so both tables read the
        same, and so must the notes under them (no "1 signatory has no
        known country").
        """
        outputs = []
        for unknown in (1, 2):
            orgs = [
                cr.Organisation(
                    id=f"org-{i}",
                    name=f"Org {i}",
                    hq_country="GB",
                    sources=RECORD_SOURCES,
                )
                for i in range(3)
            ]
            people = [
                cr.Person(
                    id=f"person-{i:04d}ab",
                    disclosure="anonymous",
                    country=None if i < unknown else "GB",
                    sources=RECORD_SOURCES,
                )
                for i in range(5 + unknown)
            ]
            letter = cr.Letter(id="l", title="L", sources=RECORD_SOURCES)
            signers: list[cr.Organisation | cr.Person] = [*orgs, *people]
            records = [
                letter,
                *orgs,
                *people,
                *(
                    cr.Signature(
                        id=f"l--{w.id}",
                        letter="l",
                        signatory=w.id,
                        role="organisation"
                        if isinstance(w, cr.Organisation)
                        else "survivor",
                        sources=RECORD_SOURCES,
                    )
                    for w in signers
                ),
            ]
            root = write_records(tmp_path / f"r{unknown}", records)
            outputs.append(
                {
                    f: cli("coverage", str(root), *more, "--format", f)
                    for more in ((), ("--people",))
                    for f in ("table", "json")
                }
            )
        assert outputs[0] == outputs[1]


# -- invalid private values -------------------------------------------------


#: Private values written in an invalid form: (file, text, the secret).
INVALID: dict[str, tuple[str, str | bytes, tuple[str, ...]]] = {
    # Found as the file is read, before any record: nothing tells that
    # the character is in a private value, so none is ever named.
    "a control character in a pseudonym": (
        "people/person-c0c7r1.yaml",
        "id: person-c0c7r1\ndisclosure: pseudonym\nname: Quil\x1blon\n"
        + SOURCES,
        ("U+",),
    ),
    "a control character written as an escape in a private note": (
        "groups/group-c0c7r2.yaml",
        'id: group-c0c7r2\nname: C7\nnotes: "Quil\\x07lon"\n'
        "private: [notes]\n" + SOURCES,
        ("U+",),
    ),
    "a line break some readers do not break at, in a pseudonym": (
        "people/person-c0c7r3.yaml",
        "id: person-c0c7r3\ndisclosure: pseudonym\nname: Quil\u2028lon\n"
        + SOURCES,
        ("U+",),
    ),
    "a pseudonym saved in Latin-1": (
        "people/person-c0c7r4.yaml",
        b"id: person-c0c7r4\ndisclosure: pseudonym\nname: Zo\xeb Quillon\n"
        + SOURCES.encode(),
        ("0xeb",),
    ),
    "a hidden person's id that is a device name": (
        "people/person-c0n7ab.yaml",
        "id: con\ndisclosure: pseudonym\nname: Con\n" + SOURCES,
        ("'con'", "con.yaml", "con-trust"),
    ),
    "a private country": (
        "people/wendy-public.yaml",
        "id: wendy-public\ndisclosure: public\nname: Wendy Public\n"
        "country: Quillonland\nprivate: [country]\n" + SOURCES,
        ("Quillonland",),
    ),
    "a private headquarters country": (
        "organisations/org-c1.yaml",
        "id: org-c1\nname: C1\nhq_country: Quillonia\n"
        "private: [hq_country]\n" + SOURCES,
        ("Quillonia",),
    ),
    "a private country that looks like a code": (
        "organisations/org-c2.yaml",
        "id: org-c2\nname: C2\nhq_country: Nauru\nprivate: [hq_country]\n"
        + SOURCES,
        ("Nauru", "'NR'"),
    ),
    "a private enum value": (
        "organisations/org-c3.yaml",
        "id: org-c3\nname: C3\nkind: quillonkind\nprivate: [kind]\n" + SOURCES,
        ("quillon",),
    ),
    "a private enum value close to a valid one": (
        "organisations/org-c4.yaml",
        "id: org-c4\nname: C4\nkind: charityy\nprivate: [kind]\n" + SOURCES,
        ("charityy",),
    ),
    "a private website": (
        "organisations/org-c5.yaml",
        "id: org-c5\nname: C5\nwebsite: quillon-site.example/x\n"
        "private: [website]\n" + SOURCES,
        ("quillon",),
    ),
    "a private member count": (
        "groups/grp-c6.yaml",
        "id: grp-c6\nname: C6\nmember_count: ninety quillons\n"
        "private: [member_count]\n" + SOURCES,
        ("quillon",),
    ),
    "a private date": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: organisation\nstatus: withdrawn\n"
        "withdrawn_on: Quillonmas 2024\nprivate: [withdrawn_on]\n" + SOURCES,
        ("quillon",),
    ),
    "a private date written another way": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: organisation\nstatus: withdrawn\n"
        "withdrawn_on: 17 March 2024\nprivate: [withdrawn_on]\n" + SOURCES,
        ("March", "2024-03-17"),
    ),
    "a private role": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: survivorr\nprivate: [role]\n" + SOURCES,
        ("survivorr",),
    ),
    "an anonymous person's id derived from their name": (
        "people/person-b5c6d7.yaml",
        "id: quillon-marchbanks\ndisclosure: anonymous\n" + SOURCES,
        ("quillon",),
    ),
    "a pseudonymous person's id derived from their name": (
        "people/person-b5c6d8.yaml",
        "id: person-quillon\ndisclosure: pseudonym\nname: Quillon Marchbanks\n"
        + SOURCES,
        ("quillon",),
    ),
    "an anonymous person's invalid country": (
        "people/person-b5c6d9.yaml",
        "id: person-b5c6d9\ndisclosure: anonymous\ncountry: Quillonland\n"
        + SOURCES,
        ("quillon",),
    ),
    "an anonymous person's name": (
        "people/person-b5c6e1.yaml",
        "id: person-b5c6e1\ndisclosure: anonymous\nname: Quillon Marchbanks\n"
        + SOURCES,
        ("quillon",),
    ),
    "an anonymous person's source": (
        "people/person-b5c6e2.yaml",
        (
            "id: person-b5c6e2\ndisclosure: anonymous\n"
            "sources:\n  - url: quillon-marchbanks.example/profile\n"
        ),
        ("quillon",),
    ),
    "private sources": (
        "organisations/org-c7.yaml",
        (
            "id: org-c7\nname: C7\nprivate: [sources]\n"
            "sources:\n  - url: quillon-shelter.example/page\n"
        ),
        ("quillon",),
    ),
    "a private claim": (
        f"letters/{HIDDEN_TITLE_LETTER}.yaml",
        f"id: {HIDDEN_TITLE_LETTER}\ntitle: T\nprivate: [claims]\n"
        "claims:\n  - measure: quillons\n    value: 3\n" + SOURCES,
        ("quillon",),
    ),
    "a private value written in the private list": (
        "people/person-b5c6e3.yaml",
        "id: person-b5c6e3\ndisclosure: pseudonym\nname: Pen Name\n"
        "private: [Quillon Marchbanks]\n" + SOURCES,
        ("quillon",),
    ),
    "a private reference to a missing organisation": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: organisation\ncapacity: on-behalf-of\n"
        "on_behalf_of: quillon-employer\nprivate: [on_behalf_of]\n" + SOURCES,
        ("quillon",),
    ),
    "a private reference written as a record's name": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: organisation\ncapacity: on-behalf-of\n"
        "on_behalf_of: Eurochild\nprivate: [on_behalf_of]\n" + SOURCES,
        ("eurochild",),
    ),
    "a key written in a pseudonymous person's file": (
        "people/person-b5c6e4.yaml",
        "id: person-b5c6e4\ndisclosure: pseudonym\nname: Pen Name\n"
        "Quillon Marchbanks: signed in 2023\n" + SOURCES,
        ("quillon",),
    ),
    "a key close to a field, in a record with a private list": (
        "organisations/org-c8.yaml",
        "id: org-c8\nname: C8\nprivate: [hq_country]\nquillonland: x\n"
        + SOURCES,
        ("quillon",),
    ),
    "a key in a source of a record with a private list": (
        "people/wendy-public.yaml",
        (
            "id: wendy-public\ndisclosure: public\nname: Wendy Public\n"
            "country: GB\nprivate: [country]\nsources:\n"
            "  - url: https://example.org/records\n    Quillon Street 12: x\n"
        ),
        ("quillon",),
    ),
    "the 21st unknown key in a pseudonymous person's file": (
        "people/person-b5c6e7.yaml",
        "id: person-b5c6e7\ndisclosure: pseudonym\nname: Pen Name\n"
        + "".join(f"k{i}: x\n" for i in range(20))
        + "Quillon Marchbanks: x\n"
        + SOURCES,
        ("quillon",),
    ),
    "a tag in an anonymous person's file": (
        "people/person-b5c6e5.yaml",
        "id: person-b5c6e5\ndisclosure: anonymous\n"
        "country: !QuillonMarchbanks IE\n" + SOURCES,
        ("quillon",),
    ),
    "a tag on a private field": (
        "organisations/org-c9.yaml",
        "id: org-c9\nname: C9\nhq_country: !quillonia GB\n"
        "private: [hq_country]\n" + SOURCES,
        ("quillon",),
    ),
    # Which of three mistakes was made would tell the capacity, or that the
    # organisation signed for is the signatory.
    "a private capacity, own-name, with on_behalf_of": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: organisation\ncapacity: own-name\n"
        "on_behalf_of: eurochild\nprivate: [capacity]\n" + SOURCES,
        ("own-name", "not on-behalf-of", "eurochild"),
    ),
    "a private capacity, on-behalf-of, without on_behalf_of": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: organisation\n"
        "capacity: on-behalf-of\nprivate: [capacity]\n" + SOURCES,
        ("signature on-behalf-of", "needs the field 'on_behalf_of'"),
    ),
    "a private on_behalf_of that is the signatory": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--barnardos.yaml",
        f"id: {SHIPPED_LETTER}--barnardos\nletter: {SHIPPED_LETTER}\n"
        "signatory: barnardos\nrole: organisation\n"
        "capacity: on-behalf-of\non_behalf_of: barnardos\n"
        "private: [on_behalf_of]\n" + SOURCES,
        ("behalf of itself",),
    ),
    "a hidden person's capacity": (
        f"signatures/{SHIPPED_LETTER}/{SHIPPED_LETTER}--person-b5c6f1.yaml",
        f"id: {SHIPPED_LETTER}--person-b5c6f1\nletter: {SHIPPED_LETTER}\n"
        "signatory: person-b5c6f1\nrole: survivor\n"
        "on_behalf_of: eurochild\n" + SOURCES,
        ("capacity is not", "eurochild"),
    ),
    "a key given twice in a pseudonymous person's file": (
        "people/person-b5c6e6.yaml",
        "id: person-b5c6e6\ndisclosure: pseudonym\nname: Pen Name\n"
        "Quillon: x\nQuillon: y\n" + SOURCES,
        ("quillon",),
    ),
}


class TestInvalidPrivateValues:
    @pytest.mark.parametrize("case", INVALID.values(), ids=list(INVALID))
    def test_messages_never_echo_the_value(
        self,
        write: WriteFile,
        case: tuple[str, str | bytes, tuple[str, ...]],
    ) -> None:
        path, text, secrets = case
        write(path, text)
        report = cr.validate("registry_data")
        here = [p for p in report.problems if p.location.path.endswith(path)]
        assert here, "the case must be reported"
        messages = {
            f"message of {p.code}": f"{p.message} {p.pointer}"
            for p in report.problems
        }
        outputs = {
            **messages,
            **validate_outputs(),
            "coverage": cli("coverage"),
        }
        assert [] == leaks(outputs, secrets)


# -- private days of signatures ---------------------------------------------


#: Two organisations whose signatures' days of their own are private.
PRIVATE_DAYS: dict[str, str] = {
    "organisations/example-quiet-trust.yaml": (
        "id: example-quiet-trust\nname: Example Quiet Trust\n"
        "hq_country: IE\n" + SOURCES
    ),
    "organisations/example-still-trust.yaml": (
        "id: example-still-trust\nname: Example Still Trust\n"
        "hq_country: FR\n" + SOURCES
    ),
}
PRIVATE_DAYS.update(
    [
        signature(
            SHIPPED_LETTER,
            "example-quiet-trust",
            "organisation",
            "signed_on: 2024-02-29\nprivate: [signed_on]\n",
        ),
        signature(
            SHIPPED_LETTER,
            "example-still-trust",
            "organisation",
            "status: withdrawn\nwithdrawn_on: 2024-02-29\n"
            "private: [withdrawn_on]\n",
        ),
    ]
)


class TestPrivateDaysOfSignatures:
    def test_no_output_changes_on_a_private_day(
        self, write: WriteFile
    ) -> None:
        """A private signed_on or withdrawn_on is never compared: counted
        as of the day before it and as of the day itself (--on), every
        output reads the same, so that days tried one after another do
        not find it.
        """
        for path, text in PRIVATE_DAYS.items():
            write(path, text)
        with validated_once():
            before, on = (
                {
                    command: cli(
                        command, "--on", day, "--format", "json"
                    ).replace(day, "DAY")
                    for command in ("coverage", "reconcile", "export")
                }
                | {
                    # Every count shown: a private field is private still.
                    "unsuppressed": cli(
                        "reconcile", "--on", day, "--suppress-below", "1"
                    ).replace(day, "DAY")
                }
                for day in ("2024-02-28", "2024-02-29")
            )
        assert before == on

    def test_a_private_day_is_not_compared_with_the_letters(
        self, write: WriteFile
    ) -> None:
        """A private signed_on on or before the letter's date would be
        warned about, which would bound it.
        """
        write(
            "organisations/example-quiet-trust.yaml",
            PRIVATE_DAYS["organisations/example-quiet-trust.yaml"],
        )
        path, text = signature(
            SHIPPED_LETTER,
            "example-quiet-trust",
            "organisation",
            "signed_on: 2020-01-01\nprivate: [signed_on]\n",
        )
        write(path, text)
        assert [] == [p.code for p in cr.validate("registry_data").problems]


# -- where import says a problem is ------------------------------------------


def _import_output(tmp_path: Path, rows: str) -> str:
    """What ``import --dry-run`` says of the CSV *rows* (under a header)."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "kind,name,disclosure,role,country,private,member_count\n" + rows,
        encoding="utf-8",
    )
    return cli(
        "import", "--dry-run", "--new-private-people", "--source",
        "https://example.org/signatories", str(sheet),
    )  # fmt: skip


class TestImportPositions:
    """The spreadsheet an import reads is kept out of the repository, since
    it names people who are not public: where a problem is in it must not
    give the length of a private value, as the character a cell starts at
    would (the cells before it), nor its line breaks.
    """

    @pytest.mark.parametrize(
        ("row", "longer"),
        [
            (
                "person,{},pseudonym,survivor,Examplia,,\n",
                "Zqxprivate Examplename",
            ),
            (
                (
                    "person,{},pseudonym,survivor,GB,,\n"
                    "organisation,Example Org,,,Examplia,,\n"
                ),
                "Zqxprivate Examplename",
            ),
            ("group,{},,survivor,Examplia,name,\n", "Zqxprivate Circle"),
            (
                "group,Example Circle,,survivor,{},country,Many\n",
                "Examplia of the North",
            ),
            (
                "person,{},pseudonym,survivor,GB,,,surplus\n",
                "Zqxprivate Examplename",
            ),
        ],
        ids=["pseudonym", "a-row-of-its-own", "private-name", "private-cell",
             "wrong-shape"],
    )  # fmt: skip
    def test_the_position_does_not_depend_on_a_private_value(
        self, shipped_copy: Path, tmp_path: Path, row: str, longer: str
    ) -> None:
        """The same row with a short and a long private value is reported
        at the same place, naming the same cell.
        """
        short = _import_output(tmp_path, row.format("Zq"))
        assert short.startswith(("sheet.csv:2:1: ", "sheet.csv:3:28: "))
        assert short == _import_output(tmp_path, row.format(longer))

    def test_a_public_row_keeps_its_cells_position(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A row holding nothing private still says the character its cell
        starts at, as an editor counts it.
        """
        out = _import_output(
            tmp_path, "organisation,Example Org,,,Examplia,,\n"
        )
        assert out.startswith("sheet.csv:2:28: error unknown-country: ")
        assert "[column E: country]" in out


class TestNewWithAnUnwritableName:
    def test_where_the_template_fails_does_not_depend_on_the_name(
        self, shipped_copy: Path
    ) -> None:
        """A pseudonym that cannot be written (a lone surrogate, as a
        command line passes an undecodable byte) is refused as a value of
        --name, with no position inside it, nor the character."""
        outputs = []
        for before in ("Zq", "Zqxprivate Examplename"):
            err = io.StringIO()
            code = run(
                ["new", "person", "--disclosure", "pseudonym", "--name",
                 f"{before}\udcffx"],
                stdout=io.StringIO(),
                stderr=err,
            )  # fmt: skip
            assert 2 == code
            outputs.append(err.getvalue())
        assert outputs[0] == outputs[1]
        assert "--name: the value is not UTF-8 text" in outputs[0]
        assert "Zq" not in outputs[0]
        assert "DCFF" not in outputs[0].upper()

    def test_a_refused_name_is_said_of_the_option(
        self, shipped_copy: Path
    ) -> None:
        """A name the validator refuses is said of --name: no line or
        column of a file that is never written (a column would be the
        length of what comes before it)."""
        err = io.StringIO()
        code = run(
            ["new", "organisation", "--name", "and 40 other organisations"],
            stdout=io.StringIO(),
            stderr=err,
        )
        assert 1 == code
        assert "coalition-registry: error: --name: " in err.getvalue()
        assert ".yaml:" not in err.getvalue()


def test_a_word_mistyped_in_a_hidden_record_gets_the_word_meant(
    write: WriteFile,
) -> None:
    """The value of a person who is not public is never shown, but the word
    it was likely meant for can be: it is one of the field's words."""
    write(
        "people/person-r4t8w2.yaml",
        "id: person-r4t8w2\ndisclosure: Anon\nname: Quillon Example\n"
        + SOURCES,
    )
    (problem,) = [
        p
        for p in cr.validate("registry_data").problems
        if p.location.path.endswith("person-r4t8w2.yaml")
    ]
    assert "invalid-value" == problem.code
    assert "did you mean 'anonymous'?" in problem.message
    assert "Anon" not in problem.message
    assert "Quillon" not in problem.message


# -- survivors named as public people ----------------------------------------


@pytest.mark.parametrize(
    ("role", "extra", "refused"),
    [
        ("survivor", "", True),
        ("family-member", "", True),
        ("survivor", "verification: confirmed-by-signatory\n", False),
        ("survivor", "private: [role]\n", False),
        ("expert", "", False),
    ],
)
def test_a_survivor_named_in_public_is_refused(
    write: WriteFile, role: str, extra: str, refused: bool
) -> None:
    """Named beside the role in every output: unless they confirmed it,
    or the role is kept private.  An error, as import says: a warning
    let CI pass, and git keeps a name once merged."""
    write(
        "people/jane-example.yaml",
        "id: jane-example\ndisclosure: public\nname: Jane Example\n" + SOURCES,
    )
    write(*signature(SHIPPED_LETTER, "jane-example", role, extra))
    report = cr.validate("registry_data")
    assert report.valid is not refused
    assert refused == any(
        p.code == "public-survivor" and p.location.line == 4 and p.is_error
        for p in report.problems
    )


# -- signatures of people whose record did not load ---------------------------


@pytest.mark.parametrize(
    "person",
    [
        # A disclosure misspelt, or its field: the record holds nothing.
        "id: example-skylark\ndisclosur: pseudonym\nname: Skylark\n",
        "id: example-skylark\ndisclosure: Pseudonymous\nname: Skylark\n",
        # Not public, and not opaque: not-opaque-id.
        "id: example-skylark\ndisclosure: pseudonym\nname: Skylark\n",
        # No disclosure at all.
        "id: example-skylark\nname: Skylark\n",
        # Not YAML.
        "id: example-skylark\ndisclosure: pseudonym\nname: 'Skylark\n",
    ],
)
def test_a_signature_of_someone_not_known_public_repeats_no_value(
    write: WriteFile, person: str
) -> None:
    """A person whose record did not load may be a survivor: their
    signature's values are not repeated, whatever its id.  (An id no file
    gives is a typo, most likely: its signature is told the id it is
    like, see the case unknown-reference-signatory.)"""
    write("people/example-skylark.yaml", person + SOURCES)
    write(
        *signature(
            SHIPPED_LETTER,
            "example-skylark",
            "survivour",
            "verification: confirmed by Example Helpline\n"
            "status: withdrawn-2024\n",
        )
    )
    problems = cr.validate("registry_data").problems
    said = " ".join(p.message for p in problems)
    assert 3 == sum(
        p.code == "invalid-value"
        and p.location.path.endswith("--example-skylark.yaml")
        for p in problems
    )
    assert [] == [
        secret
        for secret in ("survivour", "Example Helpline", "withdrawn-2024")
        if secret in said
    ]


def test_a_signature_for_an_organisation_of_someone_not_loaded(
    write: WriteFile,
) -> None:
    """The organisation an anonymous survivor signed for is not named when
    their record did not load (a country misspelt)."""
    write(
        "people/person-a7b8c9.yaml",
        "id: person-a7b8c9\ndisclosure: anonymous\ncountry: Irland\n"
        + SOURCES,
    )
    write(
        *signature(
            SHIPPED_LETTER,
            "person-a7b8c9",
            "survivor",
            "capacity: on-behalf-of\non_behalf_of: barnardos\n",
        )
    )
    problems = cr.validate("registry_data").problems
    assert ["unknown-country"] == [p.code for p in problems]


@pytest.mark.parametrize("kind", ["organisations", "groups"])
def test_a_private_name_hides_what_would_tell_it(
    write: WriteFile, kind: str
) -> None:
    """The page that reports a signature, a website and the rest of a
    record whose name is private most often name it: none is shown, in an
    export, the report, a repr or a message.
    """
    country = "hq_country" if kind == "organisations" else "country"
    write(
        f"{kind}/signatory-h5n2p8.yaml",
        "id: signatory-h5n2p8\n"
        "name: Survivors of St Example School\n"
        f'{country}: "ES"\n'
        "website: https://st-example-survivors.example.org\n"
        "sources:\n"
        '  - url: "https://example.org/st-example-school-survivors"\n'
        "private: [name]\n",
    )
    signed, text = signature(
        SHIPPED_LETTER,
        "signatory-h5n2p8",
        "survivor" if kind == "groups" else "organisation",
    )
    write(
        signed,
        text.replace(
            SOURCES,
            "sources:\n"
            '  - url: "https://example.org/st-example-school-signed"\n',
        ),
    )
    registry = cr.load("registry_data")
    record = registry.get("signatory-h5n2p8")
    rows = cr.export(registry, SHIPPED_LETTER).rows
    (row,) = [r for r in rows if r["signatory"] == "signatory-h5n2p8"]
    assert ("", "") == (row["name"], row["source"])
    out = io.StringIO()
    assert 0 == run(
        ["report", "-o", "-", "registry_data"],
        stdout=out,
        stderr=io.StringIO(),
    )
    for shown in (repr(record), str(record), json.dumps(row), out.getvalue()):
        assert "st-example" not in shown.lower().replace(" ", "-")
    # Mistakes in its values and its signature's: not repeated.
    path = Path("registry_data", kind, "signatory-h5n2p8.yaml")
    path.write_text(
        path.read_text("utf-8").replace("https://st-", "st-"), "utf-8"
    )
    signed_path = Path("registry_data", signed)
    signed_path.write_text(
        signed_path.read_text("utf-8").replace(
            "https://example", "ftp://example"
        ),
        "utf-8",
    )
    problems = cr.validate("registry_data").problems
    assert 2 == sum(p.code == "invalid-url" for p in problems)
    assert "example" not in " ".join(p.message for p in problems).lower()
