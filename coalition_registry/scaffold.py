"""Templates: a new record file, valid from the start, whose comments tell a
volunteer what each field means and how to write it.

A template holds the fields that must be given, filled in, and every other
field as a commented-out example, in the order of the model (so the file is
already in :mod:`coalition_registry.fmt`'s canonical form).  It cites no
source: the contributor must add one, and until then ``validate`` warns
``no-source``.

Ids are made from names, except for people who are not public: their ids
are opaque and random (:func:`opaque_id`), never derived from their names.
"""

from __future__ import annotations

import re
import string

from collections.abc import Callable, Container, Mapping
from typing import Any, Final

import attrs

from .dump import scalar
from .model import (
    KINDS,
    OPAQUE_ID,
    Organisation,
    Person,
    Signature,
    spells_name,
    without_titles,
)
from .schema import (
    DEVICE_NAMES,
    SLUG,
    Count,
    Country,
    Date,
    Enum,
    FieldSpec,
    FieldType,
    Flag,
    Identifiers,
    ListOf,
    Nested,
    Url,
    _quoted,
    device_name,
    enum_word,
    slugify,
    yaml_fields,
)


__all__ = [
    "NEW_KINDS",
    "Scaffold",
    "ScaffoldError",
    "id_problem",
    "opaque_id",
    "scaffold",
]

#: The kinds of record ``new`` makes.
NEW_KINDS: Final = ("organisation", "person", "group", "signature", "letter")

_ALPHABET: Final = string.ascii_lowercase + string.digits
_OPAQUE_LENGTH: Final = 8
# The longest id made from a name: a long name makes a long file name,
# which file systems refuse past 255 bytes, and nobody types.
_MAX_ID_LENGTH: Final = 60


class ScaffoldError(ValueError):
    """The options do not describe a record that can be made."""


@attrs.frozen
class Scaffold:
    """A new record file, not yet written.

    Attributes:
        kind: The kind of record.
        id: Its id.
        folder: The folder it goes in, relative to the registry's root
            (``organisations``, ``signatures/<letter>``...).
        text: The file's text.
    """

    kind: str
    id: str
    folder: str
    text: str = attrs.field(repr=False)

    @property
    def relative_path(self) -> str:
        """The file, relative to the registry's root."""
        return f"{self.folder}/{self.id}.yaml"


def opaque_id(
    name: str | None = None,
    taken: Container[str] = (),
    *,
    choice: Callable[[str], str] | None = None,
    kind: str = "person",
) -> str:
    """A new random id for a person who is not public: ``person-`` and
    eight letters and digits, at least one a digit, that spell no word of
    their *name* and are not *taken*.  With *kind*, the id of another
    record whose name is private (``organisation-``, ``group-``).

    >>> from coalition_registry.model import OPAQUE_ID
    >>> bool(OPAQUE_ID.fullmatch(opaque_id("Jane Doe")))
    True
    >>> opaque_id("Example Shelter", kind="organisation")[:13]
    'organisation-'
    """
    if choice is None:
        # Imported here: secrets loads OpenSSL, 20 ms of every start of
        # the command line, which builds this module's parser.
        import secrets

        choice = secrets.choice
    while True:
        tail = "".join(choice(_ALPHABET) for _ in range(_OPAQUE_LENGTH))
        candidate = f"{kind}-{tail}"
        if (
            any(c.isdigit() for c in tail)
            and not spells_name(candidate, name, kind)
            and candidate not in taken
        ):
            return candidate


# -- what each field means, in plain words ------------------------------------

# By "kind.field" first, then by field; the schema's own sentence otherwise.
_PLAIN: Final[dict[str, str]] = {
    "id": "The id: lower-case letters, digits and hyphens, made from the "
    "name. The file is named after it; change both or neither.",
    "organisation.name": "The organisation's name, as it writes it itself.",
    "group.name": "The group's name, as it writes it itself.",
    "aliases": "Other names or spellings the press uses, one per line.",
    "hq_country": "Where it is based: the two-letter country code, in "
    'double quotes ("GB" for the United Kingdom, "IE" for Ireland). Leave '
    "it out if no source says.",
    "registered_country": "Where it is legally registered, as a two-letter "
    "country code in double quotes, if a source says.",
    "country": "Where they are from: the two-letter country code, in double "
    "quotes. Leave it out if no source says.",
    "website": "Its home page, starting with https://, in double quotes.",
    "identifiers": "Its official registry numbers, by register: GB-CHC for "
    "the Charity Commission for England and Wales, GB-SC for Scotland, "
    "NL-KVK for the Dutch chamber of commerce, wikidata for Wikidata. "
    "Numbers always go in double quotes.",
    "member_count": "How many people it has, as a source states it; write "
    "unknown if no source says (it is never counted as 1).",
    "description": "Who its members are, in a sentence or two.",
    "sources": "Where the facts above were found: the address (url) of each "
    "public web page, and the words on the page (quote) that support them. "
    "Add at least one before you send the file.",
    "notes": "Anything a reader should know, such as why a field is left out.",
    "private": "Fields whose values must never be shown in any output. "
    "Rarely needed.",
    "person.disclosure": "How much may be said about this person: public, "
    "pseudonym or anonymous. Never change it without their consent.",
    "person.id.secret": "The id: random on purpose. The file is named after "
    "it. Never change it to anything made from their name.",
    "person.name": "Their name, as the source gives it.",
    "letter.title": "A short title that says what the letter is.",
    "letter.date": "The day it was published, written YYYY-MM-DD; if the "
    "sources give only the month or the year, write YYYY-MM or YYYY.",
    "letter.publisher": "The id of the organisation that published it.",
    "letter.summary": "What it says, in a few sentences of your own.",
    "letter.asks": "What it asks for, one request per line.",
    "letter.recipients": "Who it was addressed to: the id of each "
    "organisation, and of the person there, if the letter names one.",
    "letter.recipients_complete": "Write false when the sources say it went "
    'to people "including" those listed: the list may then be partial.',
    "letter.claims": "Figures the sources state about it, such as how many "
    "signed or from how many countries, each with its source.",
    "signature.id": "The id: the letter's id and the signatory's id, joined "
    "by two hyphens. The file is named after it.",
    "signature.letter": "The id of the letter signed.",
    "signature.signatory": "The id of who signed: an organisation, a group "
    "or a person.",
    "signature.role": "Why they signed.",
    "signature.name_as_printed": "The name exactly as the letter or the "
    "press prints it, if it differs from the record's name.",
    "signature.capacity": "Leave it out when they signed in their own name; "
    "on-behalf-of when a person signed for an organisation.",
    "signature.status": "Leave it out while the signature stands; withdrawn "
    "when it was withdrawn (add withdrawn_on).",
    "signature.verification": "Who vouches for the signature: reported (a "
    "source says so, the usual case), confirmed-by-signatory or "
    "confirmed-by-publisher.",
}

_HEADER: Final = (
    "# A new {kind}: {what}",
    "#",
    "# Lines starting with # explain the field below them, or show an",
    '# example of it. To use an example, remove the "# " at the start of',
    "# each of its lines and change the value. Leave out what no source",
    "# supports. Then check your work with: coalition-registry validate",
    "# and tidy the file with: coalition-registry fmt",
)

_WHAT: Final[dict[str, str]] = {
    "organisation": "a signatory, a publisher or a recipient of a letter.",
    "person": "a signatory or a recipient of a letter.",
    "group": "signatories who sign as one, such as a survivors' collective.",
    "letter": "an open letter that people and organisations signed.",
    "signature": "one signatory's signature on one letter.",
}

_PRIVATE_PERSON: Final = (
    "# This person is not public: no output ever shows anything about them",
    "# but their id, which is random on purpose. Never put their name, or",
    "# anything that could identify them, in the id or the file name.",
)


# Fields whose explanation already lists the values allowed.
_LISTED: Final = frozenset({"person.disclosure", "signature.verification"})


def _comment(kind: str, name: str, spec: FieldSpec) -> list[str]:
    """The plain-words explanation of a field, as comment lines."""
    text = _PLAIN.get(f"{kind}.{name}") or _PLAIN.get(name) or spec.doc
    choices = _choices(spec.type)
    if choices and f"{kind}.{name}" not in _LISTED:
        text += f" One of: {choices}."
    return _wrap(text)


def _choices(kind: FieldType) -> str:
    if isinstance(kind, ListOf):
        return _choices(kind.item)
    if isinstance(kind, Enum):
        return ", ".join(kind.values)
    return ""


# A word that starts a commented example of a field ("# kind: charity").
_LOOKS_LIKE_A_FIELD: Final = re.compile(r"[a-z_]+:")


def _wrap(text: str, width: int = 76) -> list[str]:
    lines: list[str] = []
    line = "#"
    for word in text.split():
        if len(line) + 1 + len(word) > width and line != "#":
            carried = ""
            if _LOOKS_LIKE_A_FIELD.fullmatch(word) and line.count(" ") > 1:
                # "# listed: the list..." reads as an example of a field
                # to uncomment: start the line with the word before.
                line, _, carried = line.rpartition(" ")
                carried = " " + carried
            lines.append(line)
            line = "#" + carried
        line += " " + word
    lines.append(line)
    return lines


# -- examples of each type, as written in YAML --------------------------------

_SOURCE_EXAMPLE: Final = (
    '- url: "https://example.org/the-page"',
    "  publisher: Who published the page",
    "  quote: The words on the page that support the facts",
)


# Examples the schema's own do not give well.
_EXAMPLES: Final[dict[str, tuple[str, ...]]] = {
    "notes": (
        "notes: >-",
        "  What the sources leave unclear, in your own words.",
    ),
    "summary": ("summary: >-", "  What the letter says, in your own words."),
    "description": ("description: >-", "  Who its members are."),
    "asks": ("asks:", "  - What the letter asks for"),
    "on_behalf_of": ("on_behalf_of: example-organisation",),
    "claims": (
        "claims:",
        "  - measure: signatories",
        "    value: 100",
        "    qualifier: at-least",
        "    text: signed by more than 100 survivors and organisations",
        "    sources:",
        '      - url: "https://example.org/the-page"',
    ),
}


def _example(name: str, spec: FieldSpec) -> list[str]:
    """An example of a field, as uncommented YAML lines."""
    if name in _EXAMPLES:
        return list(_EXAMPLES[name])
    kind = spec.type
    if isinstance(kind, Identifiers):
        return [f"{name}:", '  GB-CHC: "216250"']
    if isinstance(kind, ListOf):
        if isinstance(kind.item, Nested):
            return [f"{name}:", *(f"  {x}" for x in _nested(kind.item.cls))]
        return [f"{name}:", f"  - {_value(kind.item, spec, item=True)}"]
    return [f"{name}: {_value(kind, spec)}"]


def _nested(cls: type[Any]) -> tuple[str, ...]:
    if cls.__name__ == "Source":
        return _SOURCE_EXAMPLE
    lines = []
    for name, spec in yaml_fields(cls).items():
        if not spec.required and not spec.example:
            continue
        lines.extend(_example(name, spec))
    return ("- " + lines[0], *("  " + x for x in lines[1:]))


def _value(kind: FieldType, spec: FieldSpec, *, item: bool = False) -> str:
    """A scalar example of a type, canonically quoted."""
    example = spec.example.strip("[]") if item else spec.example
    if isinstance(kind, Country):
        return scalar(example if len(example) == 2 else "GB")
    if isinstance(kind, Date):
        return example or "2023-09-18"
    if isinstance(kind, Url):
        return scalar(example if "://" in example else "https://example.org")
    if isinstance(kind, Flag):
        return "false"
    if isinstance(kind, Count):
        return example or "1"
    if isinstance(kind, Enum):
        value = example if example in kind.values else kind.values[0]
        return scalar(value)
    return scalar(example or "...")


# -- templates ----------------------------------------------------------------


def _template(
    kind: str,
    values: Mapping[str, str | tuple[str, ...]],
    *,
    leave_out: Container[str] = (),
    header: tuple[str, ...] = (),
    explain: dict[str, str] | None = None,
) -> str:
    """A record's template: *values* filled in, every other field but
    those to *leave out* as a commented example.
    """
    cls = KINDS[kind]
    lines = [line.format(kind=kind, what=_WHAT[kind]) for line in _HEADER]
    if header:
        lines.extend(("#", *header))
    for name, spec in yaml_fields(cls).items():
        if name in leave_out:
            continue
        lines.append("")
        own = (explain or {}).get(name)
        lines.extend(_wrap(own) if own else _comment(kind, name, spec))
        value = values.get(name)
        if isinstance(value, tuple):
            lines.append(f"{name}:")
            lines.extend(f"  - {scalar(item)}" for item in value)
        elif value is not None:
            lines.append(f"{name}: {scalar(value)}")
        else:
            lines.extend("# " + x for x in _example(name, spec))
    return "\n".join(lines) + "\n"


def _slug(name: str | None, what: str, chosen: str | None) -> str:
    if not name or not name.strip():
        raise ScaffoldError(f"give the {what} with --name")
    if chosen is not None:
        return _chosen(chosen)
    made = _shorten(slugify(name))
    if not SLUG.fullmatch(made):
        raise ScaffoldError(
            f"the {what} gives no usable id (ids use the letters a to z, "
            "digits and hyphens): choose one with --id, for example a "
            "short form of the name in Latin letters"
        )
    if made in DEVICE_NAMES:
        raise ScaffoldError(
            f"the id made from the {what}: {device_name(made)}; choose one "
            "with --id"
        )
    return made


def _chosen(record_id: str) -> str:
    """The id given with ``--id``, when it is one."""
    problem = id_problem(record_id)
    if problem is not None:
        raise ScaffoldError(f"--id {problem}")
    return record_id


def id_problem(record_id: str) -> str | None:
    """Why *record_id*, chosen by hand for a public signatory, a group or a
    letter, cannot be its id; ``None`` when it can.

    >>> id_problem("Example Trust")
    "'Example Trust' is not a valid id: use the letters a to z, digits and single hyphens between them, for example 'example-trust'"
    """
    if not SLUG.fullmatch(record_id):
        suggested = _shorten(slugify(record_id))
        hint = (
            f", for example {suggested!r}" if SLUG.fullmatch(suggested) else ""
        )
        return (
            f"{_quoted(record_id)} is not a valid id: use the letters a to "
            f"z, digits and single hyphens between them{hint}"
        )
    if len(record_id) > _MAX_ID_LENGTH:
        return (
            f"{_quoted(record_id)} is too long for an id: use at most "
            f"{_MAX_ID_LENGTH} characters, so that the ids of its "
            "signatures, which hold it, stay within the limit"
        )
    if record_id in DEVICE_NAMES:
        return device_name(record_id)
    if OPAQUE_ID.fullmatch(record_id):
        # Counted and shown as a person who is not public would be.
        return (
            f"{_quoted(record_id)} has the form of the random id of a "
            "person who is not public (person- and letters): choose another"
        )
    return None


def _shorten(slug: str, limit: int = _MAX_ID_LENGTH) -> str:
    """*slug*, cut at a hyphen to at most *limit* characters (mid-word only
    when its first word alone is longer).

    A year the cut would drop is kept at the end: it is what tells one
    year's letter from the next.

    >>> _shorten("the-very-long-name-of-a-charity", 20)
    'the-very-long-name'
    >>> _shorten("open-letter-to-example-corp-on-child-safety-sept-2023", 40)
    'open-letter-to-example-corp-on-2023'
    """
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rfind("-")
    # "a--b" joins two ids: never end on half of that hyphen pair.
    short = (slug[:cut] if cut > 0 else slug[:limit]).rstrip("-")
    years = _YEAR.findall(slug[len(short) :])
    if years and not _YEAR.search(short):
        return f"{_shorten(short, limit - len(years[-1]) - 1)}-{years[-1]}"
    return short


# A year as a word of an id.
_YEAR: Final = re.compile(r"(?<![a-z0-9])(?:19|20)\d\d(?![a-z0-9])")


def scaffold(
    kind: str,
    *,
    name: str | None = None,
    disclosure: str | None = None,
    letter: str | None = None,
    signatory: str | None = None,
    role: str | None = None,
    signatory_public: bool = True,
    taken: Container[str] = (),
    record_id: str | None = None,
) -> Scaffold:
    """The template of a new record.

    Args:
        kind: ``organisation``, ``person``, ``group``, ``signature`` or
            ``letter``.
        name: The name (the title, for a letter).  A pseudonymous person's
            pseudonym; an anonymous person has none.
        disclosure: For a person: ``public``, ``pseudonym`` or
            ``anonymous``.
        letter: For a signature: the letter's id.
        signatory: For a signature: the signatory's id.
        role: For a signature: why they signed.
        signatory_public: For a signature: whether the signatory may be
            named (``False`` for a person who is not public).
        taken: Ids already used (an opaque id avoids them).
        record_id: The id, instead of one made from *name* (for a name in
            a script without a letter-for-letter Latin spelling).  Not for
            a signature, whose id is its letter's and signatory's, nor for
            a person who is not public, whose id is drawn at random.

    Raises:
        ScaffoldError: When the options do not make a record.
    """
    if kind == "person":
        return _person(name, disclosure, taken, record_id)
    if disclosure is not None:
        raise ScaffoldError("--disclosure is for a person only")
    if kind == "signature":
        if record_id is not None:
            raise ScaffoldError(
                "a signature's id is made from --letter and --signatory: "
                "leave out --id"
            )
        return _signature(letter, signatory, role, public=signatory_public)
    if letter is not None or signatory is not None or role is not None:
        raise ScaffoldError(
            "--letter, --signatory and --role are for a signature only"
        )
    if kind in {"organisation", "group"}:
        acronym = None
        if kind == "organisation" and name:
            # "Example Children's Trust (ECT)", as import writes it: the
            # name alone, and the acronym, which lists print alone too.
            from .imports import without_acronym

            name, acronym = without_acronym(Organisation, name, ())
        record_id = _slug(name, f"{kind}'s name", record_id)
        assert name is not None
        values: dict[str, str | tuple[str, ...]] = {
            "id": record_id,
            "name": name,
        }
        if acronym is not None:
            values["aliases"] = (acronym,)
        text = _template(kind, values)
        return Scaffold(kind, record_id, KINDS[kind].folder, text)
    if kind == "letter":
        record_id = _slug(name, "letter's title", record_id)
        assert name is not None
        text = _template(kind, {"id": record_id, "title": name})
        return Scaffold(kind, record_id, KINDS[kind].folder, text)
    raise ScaffoldError(
        f"cannot make a new {kind}; choose one of: " + ", ".join(NEW_KINDS)
    )


def _person(
    name: str | None,
    disclosure: str | None,
    taken: Container[str],
    chosen: str | None,
) -> Scaffold:
    if disclosure is None:
        raise ScaffoldError(
            "choose how much may be said about the person with --disclosure "
            "public, pseudonym or anonymous (anonymous unless they agreed to "
            "more)"
        )
    folder = Person.folder
    if disclosure == "public":
        # Not "prof-dr-jane-example": a title is no part of who they are,
        # and title-in-name asks for the name without it.
        record_id = _slug(
            without_titles(name) if name else name, "person's name", chosen
        )
        assert name is not None
        # Nor of their name, which title-in-name would ask to write alone.
        values = {
            "id": record_id,
            "disclosure": "public",
            "name": without_titles(name.strip()),
        }
        return Scaffold(
            "person", record_id, folder, _template("person", values)
        )
    if chosen is not None and disclosure in {"pseudonym", "anonymous"}:
        # Not repeated: an id chosen by hand may hold their name.
        raise ScaffoldError(
            "a person who is not public gets a random id, which can tell "
            "nothing about who they are: leave out --id"
        )
    if disclosure == "pseudonym":
        if not name or not name.strip():
            raise ScaffoldError(
                "give the name they sign under with --name (it is written "
                "in the file only, never shown)"
            )
        record_id = opaque_id(name, taken)
        values = {"id": record_id, "disclosure": "pseudonym", "name": name}
        text = _template(
            "person",
            values,
            leave_out={"private"},
            header=_PRIVATE_PERSON,
            explain={
                "id": _PLAIN["person.id.secret"],
                "name": "The name they sign under (a pseudonym). It stays "
                "in this file: no output shows it.",
            },
        )
        return Scaffold("person", record_id, folder, text)
    if disclosure == "anonymous":
        if name is not None:
            raise ScaffoldError(
                "an anonymous person has no name in the registry: leave out "
                "--name (or use --disclosure pseudonym)"
            )
        record_id = opaque_id(None, taken)
        text = _template(
            "person",
            {"id": record_id, "disclosure": "anonymous"},
            leave_out={"name", "private"},
            header=(
                *_PRIVATE_PERSON,
                "# An anonymous person has no name here: never add one.",
            ),
            explain={"id": _PLAIN["person.id.secret"]},
        )
        return Scaffold("person", record_id, folder, text)
    raise ScaffoldError(
        f"--disclosure must be public, pseudonym or anonymous, not {disclosure!r}"
    )


def _signature(
    letter: str | None,
    signatory: str | None,
    role: str | None,
    *,
    public: bool,
) -> Scaffold:
    if not letter or not signatory:
        raise ScaffoldError(
            "a signature needs the letter's id (--letter) and the "
            "signatory's id (--signatory)"
        )
    if role is None:
        raise ScaffoldError(
            "say why they signed with --role: " + ", ".join(_roles())
        )
    # As import reads a spreadsheet's: "Survivor", "Family member".
    role = enum_word(role)
    if role not in _roles():
        raise ScaffoldError(f"--role must be one of: {', '.join(_roles())}")
    record_id = f"{letter}--{signatory}"
    if not SLUG.fullmatch(record_id):
        raise ScaffoldError(
            "the letter's and signatory's ids are not valid ids"
        )
    values = {
        "id": record_id,
        "letter": letter,
        "signatory": signatory,
        "role": role,
    }
    text = _template(
        "signature",
        values,
        leave_out=() if public else {"name_as_printed"},
        header=()
        if public
        else ("# The signatory's name is not public: never write it here.",),
    )
    return Scaffold(
        "signature", record_id, f"{Signature.folder}/{letter}", text
    )


def _roles() -> tuple[str, ...]:
    kind = yaml_fields(Signature)["role"].type
    assert isinstance(kind, Enum)
    return kind.values
