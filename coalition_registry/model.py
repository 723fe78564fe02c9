"""Records: what the registry holds, as frozen, typed attrs classes.

Each YAML field is an attrs field whose metadata says how it is written
(see :mod:`coalition_registry.schema`); the validator, the documentation's
field tables and the JSON Schema all read that one description.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, Final

import attrs

from . import countries
from ._pickle import by_fields
from .parsing import YMap, YSeq
from .problems import Location
from .schema import (
    MAX_ID_LENGTH,
    SLUG,
    Context,
    Count,
    Country,
    Date,
    Enum,
    Flag,
    FormatVersion,
    Identifiers,
    Licence,
    ListOf,
    Nested,
    PartialDate,
    Ref,
    Slug,
    Text,
    Url,
    a,
    field,
    first_day,
    hidden_fields,
    hides_all,
    hiding,
    holds_private,
    last_day,
    name_words,
    report_missing,
    yaml_fields,
)


__all__ = [
    "KINDS",
    "Claim",
    "Coalition",
    "Group",
    "Letter",
    "Membership",
    "Organisation",
    "PartialDate",
    "Person",
    "Recipient",
    "Record",
    "RegistryInfo",
    "Signatory",
    "Signature",
    "Source",
]

#: The form of a generated, opaque person id.
OPAQUE_ID: Final = re.compile(r"^person-[a-z0-9]{6,}$")

#: An id of the form a hidden name's record is given: a kind, a hyphen, and
#: random letters and digits ("person-7k2m9x", "org-q1w2e3").
RANDOM_ID: Final = re.compile(r"[a-z]+-(?=[a-z]*[0-9])[a-z0-9]{6,}")

ROLES: Final = (
    "survivor",
    "family-member",
    "expert",
    "academic",
    "organisation",
    # A person who signed for themselves, in no role the source names (a
    # member of the public on a petition): any other role would be counted
    # as a fact no source gives.
    "supporter",
)
#: The roles only people sign in, alone or as a group: never an
#: organisation.
PERSONAL_ROLES: Final = frozenset({"survivor", "family-member", "supporter"})
DISCLOSURES: Final = ("public", "pseudonym", "anonymous")
#: How an invalid-id of a signature begins.
SIGNATURE_ID: Final = "a signature's id is <letter>--<signatory>"
# How to correct a signature's id, by the one field it disagrees with
# (None: with both, or it is not <letter>--<signatory> at all).
_SIGNATURE_ID_FIX: Final = {
    None: "correct the id, or the letter or the signatory if one of them is "
    "wrong",
    "letter": "the id names another letter: correct the id, or the letter "
    "if it is wrong",
    "signatory": "the id names another signatory: correct the id, or the "
    "signatory if it is wrong",
}
VERIFICATIONS: Final = (
    "reported",
    "confirmed-by-signatory",
    "confirmed-by-publisher",
)

_HIDDEN = "<private>"
#: What a repr shows of a record that hides everything: what it is and
#: what it links, never what a person said or when they signed.
_ALWAYS_SHOWN = frozenset(
    {"id", "disclosure", "letter", "signatory", "status"}
)


def _private_repr(self: Any) -> str:
    """A repr that never shows a private value."""
    hide_all = getattr(self, "hides_everything", False) or getattr(
        self, "_repr_hides_all", False
    )
    private = hidden_fields(type(self), getattr(self, "private", ()))
    parts = []
    for attribute in attrs.fields(type(self)):
        name = attribute.name
        if not attribute.repr:
            continue
        if (hide_all and name not in _ALWAYS_SHOWN) or name in private:
            # Shown when empty too: whether a private field has a value
            # can tell it (on_behalf_of, given only for one capacity).
            parts.append(f"{name}={_HIDDEN}")
        else:
            parts.append(f"{name}={getattr(self, name)!r}")
    return f"{type(self).__name__}({', '.join(parts)})"


def _location() -> Any:
    # Where the record was read from; not part of its value.
    return attrs.field(
        default=Location("<memory>"), eq=False, repr=False, kw_only=True
    )


def _positions() -> Any:
    # Where each field's value is written, by field name; not part of the
    # record's value.  Lets a check found later point at the exact value.
    return attrs.field(
        factory=dict, eq=False, repr=False, kw_only=True, hash=False
    )


class _Positioned:
    """Mixin: find where a field of a record read from a file is written."""

    __slots__ = ()
    location: Location
    positions: Mapping[str, tuple[int, int]]

    def location_of(self, name: str) -> Location:
        """Where the value of field *name* is written (else the record)."""
        pos = self.positions.get(name)
        if pos is None:
            return self.location
        return Location(self.location.path, *pos)


class _Named(_Positioned):
    """Mixin: the name shown of a record whose name may be private."""

    __slots__ = ()
    kind_name: ClassVar[str]
    name: str
    private: tuple[str, ...]

    @property
    def display_name(self) -> str:
        """Its name for outputs; never its id, which is made from its name."""
        if "name" in self.private:
            return f"{a(self.kind_name)} whose name is private"
        return self.name

    @property
    def _repr_hides_all(self) -> bool:
        # As in messages: any other value (a website, a source's address,
        # its notes) may tell a private name.
        return "name" in self.private


@by_fields
@attrs.frozen
class Source(_Positioned):
    """Where a fact was found.  Written inline in the record that cites it.

    Attributes:
        url: The page's address.
        publisher: Who published the page.
        title: The page's title.
        published: When the page was published.
        accessed: When the page was read.
        quote: The words on the page that support the fact.
    """

    kind_name: ClassVar[str] = "source"

    url: str = field(
        Url(),
        required=True,
        doc="The page's address.",
        example="https://childhelplineinternational.org/...",
    )
    publisher: str | None = field(
        Text(),
        doc="Who published the page.",
        example="Child Helpline International",
    )
    title: str | None = field(Text(), doc="The page's title.")
    # A source has no notes of its own: a date known only to the month
    # goes in the record's.
    published: dt.date | PartialDate | None = field(
        Date(notes="the record's notes", partial=True),
        doc="When the page was published.",
        example="2023-09-18",
    )
    accessed: dt.date | None = field(
        Date(notes="the record's notes"),
        doc="When the page was read.",
        example="2026-11-01",
    )
    quote: str | None = field(
        Text(multiline=True),
        doc="The words on the page that support the fact.",
    )
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()


_SOURCES = ListOf(Nested(Source))


def _sources() -> Any:
    return field(_SOURCES, doc="Where the facts in this record were found.")


def _private() -> Any:
    return field(
        ListOf(Text(placeholder_ok=True)),
        doc="Fields whose values must never appear in any output.",
        example="[notes]",
        private_ok=False,
    )


def _notes() -> Any:
    return field(
        Text(multiline=True, placeholder_ok=True),
        doc="Anything a reader should know, such as why a field is unknown.",
    )


#: What a source writes before a figure it gives as a lower bound.
_AT_LEAST_BEFORE: Final = (
    r"over|more than|at least|upwards of|in excess of|above|"
    r"no fewer than|no less than|well over|a minimum of|minimum of"
)
#: ... and after it: "100+", "100 or more", "100-plus".
_AT_LEAST_AFTER: Final = r"\s*\+|\s+or more\b|[\s-]plus\b"
#: What a source writes before a figure it gives as an upper bound.
_AT_MOST_BEFORE: Final = (
    r"up to|at most|no more than|not more than|fewer than|less than|"
    r"under|a maximum of|maximum of|max\.?"
)
#: What a source writes before a figure it gives as a round one.
_ABOUT_BEFORE: Final = (
    r"about|around|approximately|roughly|some|nearly|almost|circa|"
    r"close to|an estimated|c\.|ca\.?|approx\.?"
)
#: ... and after it: "200-odd", "200 or so".
_ABOUT_AFTER: Final = r"[\s-]odd\b|\s+or so\b"
#: Between the thousands of a figure: "1,200", "1.200", "1 200".
_THOUSANDS: Final = "[,.\u00a0\u2009\u202f ]?"
#: After the claim's figure, what makes it part of another: "over 20"
#: is not said of 20 in "over 20,000 signatures from 20 countries", nor
#: in "over 20.5%" or "over 20 years".
_NOT_PART: Final = (
    r"(?!\d|[,.]\d|[\u00a0\u2009\u202f ]\d{3}(?!\d)"
    r"|\s*(?:%|(?:per\s?cent|years?|months?|weeks?|days?)\b))"
)
#: Before it: "1 200+" is not said of 200.
_NOT_AFTER_DIGITS: Final = r"(?<![\d.,])(?<!\d[\u00a0\u2009\u202f ])"

#: A claim's qualifiers, with how a page says its figure.
QUALIFIERS: Final = {
    "exact": "",
    "at-least": "at least ",
    "at-most": "at most ",
    "about": "about ",
}


def qualifier_words(text: str, value: int) -> tuple[str, str] | None:
    """The qualifier *text* gives *value* with, and the words that say it:
    ``at-least`` for a lower bound ("over 100", "1,200+"), ``at-most`` for
    an upper bound ("up to 500", "fewer than 50"), ``about`` for a round
    figure ("about 100", "~50"); ``None`` when the text gives the
    figure neither way ("more than 60 organisations and 40 individuals"
    gives 40 as it is).

    >>> qualifier_words("signed by over 1,200 people", 1200)
    ('at-least', 'over 1,200')
    >>> qualifier_words("some 300 organisations", 300)
    ('about', 'some 300')
    >>> qualifier_words("up to 500 signatories", 500)
    ('at-most', 'up to 500')
    >>> qualifier_words("more than 60 organisations and 40 people", 40)
    """
    figure = _THOUSANDS.join(f"{value:,}".split(","))
    for qualifier, pattern in (
        (
            "at-least",
            (
                # "no more than 100" is an upper bound.
                rf"(?<!\bno\s)(?<!\bnot\s)\b(?:{_AT_LEAST_BEFORE})\s+"
                rf"(?:the\s+)?{figure}{_NOT_PART}"
                rf"|{_NOT_AFTER_DIGITS}{figure}(?:{_AT_LEAST_AFTER})"
            ),
        ),
        (
            "at-most",
            # Not "under 18s", who are young people.
            (
                rf"\b(?:{_AT_MOST_BEFORE})\s+(?:the\s+)?{figure}"
                rf"(?!s\b){_NOT_PART}"
            ),
        ),
        (
            "about",
            (
                rf"(?:\b(?:{_ABOUT_BEFORE})\s*|~\s*){figure}{_NOT_PART}"
                rf"|{_NOT_AFTER_DIGITS}{figure}(?:{_ABOUT_AFTER})"
            ),
        ),
    ):
        found = re.search(pattern, text, re.IGNORECASE)
        if found is not None:
            return qualifier, found[0].strip()
    return _qualifier_of_words(text, value)


# The words before a figure written in words that make it a bound, or a
# round figure, each as the end of the text before it.
_WORDS_BEFORE: Final = (
    (
        "at-least",
        re.compile(
            rf"(?<!\bno\s)(?<!\bnot\s)\b(?:{_AT_LEAST_BEFORE})\s+"
            r"(?:the\s+)?$",
            re.IGNORECASE,
        ),
    ),
    (
        "at-most",
        re.compile(rf"\b(?:{_AT_MOST_BEFORE})\s+(?:the\s+)?$", re.IGNORECASE),
    ),
    ("about", re.compile(rf"\b(?:{_ABOUT_BEFORE})\s+$", re.IGNORECASE)),
)


# After a figure in words, what makes it no count of signatories: "over
# twenty years", "some eleven per cent".
_NOT_A_COUNT: Final = re.compile(
    r"[\s-]*(?:%|per\s?cent|years?|months?|weeks?|days?)\b", re.IGNORECASE
)


def _qualifier_of_words(text: str, value: int) -> tuple[str, str] | None:
    """:func:`qualifier_words` for *value* written in English words ("more
    than two hundred", "nearly forty").

    >>> _qualifier_of_words("signed by more than two hundred people", 200)
    ('at-least', 'more than two hundred')
    """
    for n, start, end in _word_figure_spans(text):
        if n != value or _NOT_A_COUNT.match(text, end):
            continue
        before = text[:start]
        for qualifier, said in _WORDS_BEFORE:
            found = said.search(before)
            if found is not None:
                return qualifier, text[found.start() : end].strip()
        for qualifier, said_after in (
            ("at-least", _AT_LEAST_AFTER),
            ("about", _ABOUT_AFTER),
        ):
            after = re.match(said_after, text[end:], re.IGNORECASE)
            if after is not None:
                return qualifier, text[start : end + after.end()].strip()
    return None


#: A figure as a page writes it in digits: "104", "1,200", "1.200",
#: "1 200", "10'000", "1,00,000" (grouped as in India), "1.2 million",
#: "12k", "1.2bn".  Not a part of a name ("COVID-19"), nor a decimal's
#: second half ("20.5").
_DIGITS: Final = re.compile(
    r"(?<![\w,'\u2019])(?<!\d\.)(?<![A-Za-z]-)"
    r"(\d{1,2}(?:,\d\d)+,\d{3}"
    r"|\d{1,3}([,.'\u2019\u00a0\u2009\u202f ])\d{3}(?:\2\d{3})*"
    r"|\d+)(?!\d)"
    r"(?:([.,]\d+)?\s*(billion|bn|million|m|thousand|k)\b)?",
    re.IGNORECASE,
)
#: A figure's digits at most: a longer run is no count of anything.
_MOST_FIGURE_DIGITS: Final = 15
_TOO_LARGE: Final = 10**_MOST_FIGURE_DIGITS
_SCALES: Final = {
    "billion": 10**9,
    "bn": 10**9,
    "million": 10**6,
    "m": 10**6,
    "thousand": 1000,
    "k": 1000,
}
_ONES: Final = {
    word: n
    for n, word in enumerate((
        "zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ))
}  # fmt: skip
_TENS: Final = {
    word: 10 * n
    for n, word in enumerate((
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety",
    ), 2)
}  # fmt: skip
_WORD_SCALES: Final = {"thousand": 1000, "million": 10**6, "billion": 10**9}


def _word_number(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """The number written in English words from *words[i]* ("two hundred
    and fifty thousand"), and where it ends; ``None`` where none starts.
    A lone "one" or "a" is no figure ("no one", "one of them").
    """
    total = current = 0
    said = False  # whether a number word was read
    j = i
    while j < len(words):
        word = words[j]
        after = words[j + 1] if j + 1 < len(words) else ""
        if word in _TENS:
            current += _TENS[word]
            if 0 < _ONES.get(after, 0) < 10:
                current += _ONES[after]
                j += 1
        elif word in _ONES:
            current += _ONES[word]
        elif (
            word == "a"
            and not said
            and after in {"hundred", "dozen", *_WORD_SCALES}
        ):
            current = 1
        elif word == "hundred" and (said or current):
            current = (current or 1) * 100
        elif word == "dozen" and (said or current):
            current = (current or 1) * 12
        elif word in _WORD_SCALES and (said or current):
            total += (current or 1) * _WORD_SCALES[word]
            current = 0
        elif word == "and" and said and (after in _ONES or after in _TENS):
            pass
        else:
            break
        if current >= _TOO_LARGE or total >= _TOO_LARGE:
            # No count of anything, as a run of digits as long is not:
            # "one hundred hundred hundred ..." would grow a number of
            # thousands of digits, which Python will not even print.
            return None
        said = said or word != "a"
        j += 1
    if not said or (j - i == 1 and words[i] == "one"):
        return None
    return total + current, j


def _words_figures(text: str) -> set[int]:
    """The figures *text* writes in English words: "forty-three", "a
    hundred and four", "two dozen", "one million".
    """
    return {n for n, _, _ in _word_figure_spans(text)}


_LETTERS: Final = re.compile(r"[A-Za-z]+")


def _word_figure_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """Each figure *text* writes in English words, with where in *text*
    it starts and ends.
    """
    tokens = list(_LETTERS.finditer(text))
    words = [token[0].lower() for token in tokens]
    i = 0
    while i < len(words):
        read = _word_number(words, i)
        if read is None:
            i += 1
            continue
        n, j = read
        yield n, tokens[i].start(), tokens[j - 1].end()
        i = j


def figures_in(text: str) -> set[int]:
    """The figures *text* gives, in digits or in English words.

    >>> sorted(figures_in("104 survivors from 24 countries"))
    [24, 104]
    >>> sorted(figures_in("over 1,200 people; 1.2 million; forty-three"))
    [43, 1200, 1200000]
    >>> sorted(figures_in("a hundred and four signatories"))
    [104]
    """
    found = _words_figures(text)
    for match in _DIGITS.finditer(text):
        whole, separator, fraction, scale = match.groups()
        digits = re.sub(r"\D", "", whole)
        if len(digits) > _MOST_FIGURE_DIGITS:
            continue
        if scale is None:
            found.add(int(digits))
            continue
        if (
            fraction is None
            and separator in {".", ","}
            and whole.count(separator) == 1
        ):
            # "1.275 million": a decimal before a scale, not thousands.
            number = float(whole.replace(",", "."))
        else:
            number = float(digits + (fraction or "").replace(",", "."))
        found.add(round(number * _SCALES[scale.lower()]))
    return found


@by_fields
@attrs.frozen
class Claim(_Positioned):
    """A figure that a source states about a letter, such as "104 signatories".

    Attributes:
        measure: What is counted: ``signatories`` or ``countries``.
        roles: For ``signatories``, the roles counted (all when empty).
        countries: For ``countries``, the countries, if the source lists them.
        value: The figure.
        qualifier: ``exact``; ``at-least`` when the source says "over";
            ``at-most`` when it says "up to"; ``about`` when it says
            "about" or "some".
        text: The claim in the source's words.
        sources: Where it is stated.
    """

    kind_name: ClassVar[str] = "claim"

    measure: str = field(
        Enum(
            ("signatories", "countries"),
            meant={
                "signatures": "signatories",
                "signers": "signatories",
                "people": "signatories",
                "nations": "countries",
            },
            unlike={
                **dict.fromkeys(
                    ("continents", "regions", "cities"),
                    "the registry counts signatories and countries only; "
                    "keep the source's words in the letter's notes, not as "
                    "a claim",
                ),
                **dict.fromkeys(
                    ("organisations", "organizations"),
                    "write measure: signatories, with roles: [organisation]",
                ),
            },
        ),
        required=True,
        doc="What is counted.",
        example="signatories",
    )
    value: int = field(
        Count(), required=True, doc="The figure.", example="104"
    )
    roles: tuple[str, ...] = field(
        ListOf(Enum(ROLES), unique=True),
        doc="For signatories: the roles counted (all roles when left out).",
        example="[survivor]",
    )
    countries: tuple[str, ...] = field(
        ListOf(Country(scope_field=None, listed=True), unique=True),
        doc="For countries: the countries, when the source lists them.",
        example="[GB, CA]",
    )
    qualifier: str = field(
        Enum(tuple(QUALIFIERS)),
        default="exact",
        doc="Whether the figure is exact, a lower bound (over 100), an "
        "upper bound (up to 100) or a round figure (about 100).",
    )
    text: str | None = field(
        Text(),
        doc="The claim in the source's words.",
        example="signed by 104 survivors and ...",
    )
    sources: tuple[Source, ...] = _sources()
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    @property
    def stated_on(self) -> dt.date | None:
        """The first day its sources are known to state it: the earliest
        of their ``published`` dates (the first day of a month or a year
        one is known only to, which counts no signature added later in
        it); ``None`` when a source gives no date, since it may have
        stated it on the letter's own day.
        """
        days = [first_day(source.published) for source in self.sources]
        if not days or None in days:
            return None
        return min(d for d in days if d is not None)

    @property
    def stated(self) -> str:
        """The figure as a page says it: ``at least 100``, ``about 100``
        or ``100``.
        """
        return f"{QUALIFIERS.get(self.qualifier, '')}{self.value}"

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        """Each claim's own fields only: ``roles`` belong to a claim of
        signatories and ``countries`` to a claim of countries.  Given to the
        other measure, they would be set aside unread, and the claim
        compared with a figure it does not state ("43 survivors from 12
        countries" compared with the countries of every signatory).
        """
        measure = values.get("measure")
        if measure == "countries" and values.get("roles"):
            ctx.report(
                "invalid-value",
                "roles apply to a claim of signatories only: a claim of "
                "countries is compared with the countries of every "
                "signatory, whatever their role; remove roles, and keep "
                "the source's words in text",
                raw.key_pos["roles"],
                f"{pointer}.roles",
            )
        elif measure == "signatories" and values.get("countries"):
            ctx.report(
                "invalid-value",
                "countries apply to a claim of countries only: a claim of "
                "signatories is compared with every signatory, wherever "
                "they are; remove countries, or give them in a claim of "
                "their own with measure: countries",
                raw.key_pos["countries"],
                f"{pointer}.countries",
            )
        value, text = values.get("value"), values.get("text")
        listed = values.get("countries")
        if (
            measure == "countries"
            and isinstance(value, int)
            and listed
            and len(listed) > value
            and values.get("qualifier") in {None, "exact", "at-most"}
        ):
            # Fewer may be named than counted ("from 30 countries,
            # including..."); more, never.
            ctx.report(
                "invalid-value",
                f"the claim names {len(listed)} countries, more than the "
                f"{value:,} it counts: correct value, or the countries, "
                "from the source",
                raw.value_pos["value"],
                f"{pointer}.value",
            )
        if (
            isinstance(value, int)
            and isinstance(text, str)
            and (figures := figures_in(text))
            and value not in figures
        ):
            # A figure copied wrong, from the text beside it or into it.
            given = ", ".join(f"{n:,}" for n in sorted(figures))
            ctx.report(
                "claim-figure",
                f"the claim's value is {value:,}, but its text gives "
                f"{given}, and not {value:,}: correct the value, or the "
                "text, from the source",
                raw.value_pos["value"],
                f"{pointer}.value",
            )
        if (
            "qualifier" not in raw
            and isinstance(value, int)
            and isinstance(text, str)
            and (found := qualifier_words(text, value)) is not None
        ):
            # Left exact, "over 100" is compared as exactly 100: 104
            # recorded reads as a mistake (claim-exceeded), and reconcile
            # gives an exact difference.
            qualifier, words = found
            what = {
                "at-least": "a lower bound",
                "at-most": "an upper bound",
            }.get(qualifier, "a round figure")
            ctx.report(
                "claim-qualifier",
                f"the claim's text says {words!r}, {what}, but the claim is "
                "exact unless it says otherwise, and is compared as exactly "
                f"{value:,}; add qualifier: {qualifier}",
                raw.value_pos["value"],
                f"{pointer}.value",
            )


@by_fields
@attrs.frozen
class Recipient(_Positioned):
    """Someone a letter was addressed to.

    Attributes:
        organisation: The organisation addressed.
        person: The person addressed, if the letter names one.
        title: The person's title as the source gives it.
    """

    kind_name: ClassVar[str] = "recipient"

    organisation: str = field(
        Ref(kinds=("organisation",)),
        required=True,
        doc="The organisation addressed.",
        example="meta",
    )
    person: str | None = field(
        Ref(kinds=("person",)),
        doc="The person addressed, if named.",
        example="mark-zuckerberg",
    )
    title: str | None = field(
        Text(), doc="The person's title as the source gives it."
    )
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()


def _id(doc: str, example: str, longest: int = MAX_ID_LENGTH) -> Any:
    return field(
        Slug(longest),
        required=True,
        doc=doc,
        example=example,
        private_ok=False,
    )


@by_fields
@attrs.frozen(repr=False)
class Letter(_Positioned):
    """An open letter (or a coalition's statement) that people and
    organisations signed.

    Attributes:
        id: Its id.
        title: A short descriptive title.
        date: When it was published: a day, or a :class:`PartialDate`
            when sources give only the month or the year.
        date_qualifier: ``exact``, or ``inferred`` from dated coverage.
        publisher: The organisation that published it.
        summary: What it says, in a few sentences.
        asks: What it asks for, one item each.
        recipients: Who it was addressed to.
        recipients_complete: Whether the recipients are all of them.
        claims: Figures sources state about it.
        sources: Where the facts were found.
    """

    kind_name: ClassVar[str] = "letter"
    folder: ClassVar[str] = "letters"

    id: str = _id(
        "Unique id, named after the letter.", "survivors-letter-2023"
    )
    title: str = field(Text(), required=True, doc="A short descriptive title.")
    date: dt.date | PartialDate | None = field(
        Date(partial=True),
        doc="When it was published: its day, or the month or the year when "
        "no source gives the day.",
        example="2023-09-18",
    )
    date_qualifier: str = field(
        Enum(("exact", "inferred")),
        default="exact",
        doc="Whether the date is exact or inferred from dated coverage.",
    )
    publisher: str | None = field(
        Ref(kinds=("organisation",)),
        doc="The organisation that published it.",
        example="nspcc",
    )
    summary: str | None = field(Text(multiline=True), doc="What it says.")
    asks: tuple[str, ...] = field(ListOf(Text()), doc="What it asks for.")
    recipients: tuple[Recipient, ...] = field(
        ListOf(Nested(Recipient)), doc="Who it was addressed to."
    )
    recipients_complete: bool = field(
        Flag(),
        default=True,
        doc="false when sources say 'including': the list may be partial.",
    )
    claims: tuple[Claim, ...] = field(
        ListOf(Nested(Claim)),
        doc="Figures that sources state about it.",
        # Claims are what sources publish, and every count is checked
        # against them: leave out a claim that cannot be shown.
        private_ok=False,
    )
    sources: tuple[Source, ...] = _sources()
    notes: str | None = _notes()
    private: tuple[str, ...] = _private()
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    __repr__ = _private_repr

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        """Checks beyond the fields: an id that spells a private title."""
        _check_private_name("letter", values, raw, ctx, pointer, name="title")

    @property
    def display_title(self) -> str:
        """Its title for outputs (its id when the title is private)."""
        return self.id if "title" in self.private else self.title

    @property
    def comparable_date(self) -> dt.date | None:
        """Its date, where other dates may be compared with it: the day
        counts "as of the letter's date" are taken, so the last day of a
        month or a year it is known only to.  ``None`` when it is private,
        since what comparisons decide (what counts on a day, which warning
        is given) would tell it.
        """
        return None if "date" in self.private else last_day(self.date)

    @property
    def comparable_start(self) -> dt.date | None:
        """The first day it may have been published: its date, or the
        first day of a month or a year it is known only to; ``None`` when
        it is private.  Nothing is said to come before the letter unless
        it comes before this day.
        """
        return None if "date" in self.private else first_day(self.date)


ORGANISATION_KINDS: Final = (
    "charity",
    "foundation",
    "network",
    "alliance",
    "campaign",
    "collective",
    "company",
    "academic",
    "government",
    "other",
)
SCOPES: Final = ("national", "regional", "international")
# Words written for an organisation's kind that say only that it is one:
# spelt like "foundation", and guessed as it, they would record a kind no
# source gives.
_NOT_KINDS: Final = dict.fromkeys(
    ("organisation", "organization", "org"),
    "kind says what kind of organisation it is ("
    + ", ".join(ORGANISATION_KINDS[:-1])
    + f" or {ORGANISATION_KINDS[-1]}), and organisation is a signature's "
    "role; write the kind a source gives, or leave kind out",
)
# What signatory lists and spreadsheets call kinds of organisation, spelt
# nothing like the word the registry uses for them.
_KINDS_MEANT: Final = {
    "coalition": "alliance",
    "ngo": "charity",
    "non-profit": "charity",
    "nonprofit": "charity",
    "not-for-profit": "charity",
    "trust": "foundation",
    "university": "academic",
    "research institute": "academic",
    "business": "company",
    "corporation": "company",
    "ministry": "government",
    "agency": "government",
    "public body": "government",
}


# How a message says what a disclosure makes a person.
_ADJECTIVE: Final = {
    "public": "public",
    "pseudonym": "pseudonymous",
    "anonymous": "anonymous",
}


def _public_words(raw: YMap, written: YSeq, name: str) -> set[str]:
    """The words of the record's *name* field when it is public (an alias
    that shares them tells nothing by them).
    """
    value = raw.get(name)
    return (
        name_words(value)
        if name not in written and isinstance(value, str)
        else set()
    )


def spells_name(record_id: str, name: object, kind: str) -> bool:
    """Whether *record_id* would give a hidden *name* away: it holds a word
    of the name (of three letters or more), four letters running in one
    (``person-quartz`` for "Zyxwquartz"), or starts with the first three
    of one (``person-sky123`` for "Skylark").  The ``kind-`` it may start
    with is not looked at ("Per" is not in ``person-7k2m9x``).

    >>> spells_name("person-lark22", "Skylark", "person")
    True
    >>> spells_name("person-7k2m9x", "Skylark", "person")
    False
    """
    if not isinstance(name, str):
        return False
    rest = record_id.removeprefix(f"{kind}-")
    return any(
        rest.startswith(w[:3])
        or any(w[i : i + 4] in rest for i in range(len(w) - 3))
        for w in name_words(name)
    )


#: Words before a person's name and letters after it that signatory lists
#: add to it ("Prof. Dr", "OBE"), normalised.
_TITLES: Final = frozenset(
    {
        "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir",
        "dame", "lord", "lady", "rev", "revd", "reverend", "baroness",
        "baron", "hon", "rt",
    }
)  # fmt: skip
# Not "Jr" or "Sr": part of the name, which tells a son from his father.
_POSTNOMINALS: Final = frozenset(
    {
        "obe", "mbe", "cbe", "kbe", "dbe", "phd", "md", "qc", "kc", "mp",
        "frs",
    }
)  # fmt: skip


def _word_of(part: str) -> str:
    """A word of a name as the title lists hold it: ``Prof.`` is ``prof``,
    ``Ph.D.`` is ``phd``.
    """
    return part.lower().strip(".,;:").replace(".", "")


def _bracketed_affiliation(name: str) -> bool:
    """Whether *name* has a part in brackets that is not its spelling in
    Latin letters: "Νίκος Καραγιάννη (Nikos Karagianni)" is one name
    written twice, "Jane Example (Example University)" a name and where
    she works.
    """
    if "(" not in name:
        return False
    outside = _BRACKETS.sub(" ", name)
    return outside.isascii() or all(
        unicodedata.name(ch, "").startswith("LATIN")
        for ch in outside
        if ch.isalpha()
    )


_BRACKETS: Final = re.compile(r"\([^)]*\)?")

#: Words of where someone works, as a list prints it after their name and
#: a comma ("Jane Example, University of Example"), normalised.
_AFFILIATION_WORDS: Final = frozenset(
    {
        "university", "universite", "universidad", "universidade",
        "universita", "universitat", "universiteit", "uniwersytet",
        "college", "institute", "institut", "instituto", "istituto",
        "school", "academy", "hospital", "clinic", "centre", "center",
        "foundation", "trust", "charity", "department", "faculty",
        "society", "council", "association", "network", "alliance",
        "coalition", "campaign", "unicef", "nspcc", "ngo", "ltd", "inc",
    }
)  # fmt: skip
#: Words of a job, as a list prints it after a name and a comma ("Jane
#: Example, Executive Director"), normalised.
_POSITION_WORDS: Final = frozenset(
    {
        "director", "ceo", "founder", "cofounder", "chair", "chairperson",
        "chairman", "chairwoman", "president", "professor", "lecturer",
        "researcher", "coordinator", "manager", "officer", "secretary",
        "executive", "trustee", "advocate", "consultant", "editor",
    }
)  # fmt: skip


def _affiliation_after_comma(name: str) -> bool:
    """Whether *name* goes on, after a comma, with where the person works
    or their job ("Jane Example, University of Example", "Jane Example,
    Director"), not with a name written surname first ("Example, Jane").

    >>> _affiliation_after_comma("Jane Example, Example University")
    True
    >>> _affiliation_after_comma("Jane Example, Executive Director")
    True
    >>> _affiliation_after_comma("Example, Jane")
    False
    """
    if "," not in name:
        return False
    after = countries.normalise(name.split(",", 1)[1]).split()
    return not (
        _AFFILIATION_WORDS.isdisjoint(after)
        and _POSITION_WORDS.isdisjoint(after)
    )


def without_titles(name: str) -> str:
    """*name* without the titles it starts with and the letters after it
    (``OBE``, ``Ph.D.``), for an id made from it.

    >>> without_titles("Prof. Dr. Jane Example")
    'Jane Example'
    >>> without_titles("Dr Jo Example OBE"), without_titles("Jo Example, Ph.D.")
    ('Jo Example', 'Jo Example')
    """
    words = name.split()
    while words[1:] and countries.normalise(words[0]) in _TITLES:
        words.pop(0)
    while words[2:] and _dotted_letters(words):
        words.pop()
    return " ".join(words).rstrip(",")


def name_alone(name: str) -> str:
    """*name* without an affiliation after a comma, if it has one.

    >>> name_alone("Jane Example, University of Example")
    'Jane Example'
    """
    if _affiliation_after_comma(name):
        return name.split(",", 1)[0].rstrip()
    return name


#: What an anonymous person with a name is told (``import`` says it in a
#: spreadsheet's words).
ANONYMOUS_WITH_NAME: Final = (
    "an anonymous person has no name: remove it; if they chose a name to "
    "sign under, use disclosure: pseudonym with that name, never their own"
)


#: How a list names the organisation a person signed for, after their name.
_ON_BEHALF: Final = re.compile(
    r"\s(?:on|for and on) behalf of\s", re.IGNORECASE
)
#: How a list says, beside a name, that the person signed for themselves
#: ("in a personal capacity"), that an affiliation only identifies them
#: ("for identification only"), or where a footnote says so ("Jane
#: Example*", "Jane Example [1]").
_CAPACITY_NOTE: Final = re.compile(
    r"\b(?:personal|own|individual) capacity\b"
    r"|\bidentification (?:purposes )?only\b"
    r"|\bfor identification\b",
    re.IGNORECASE,
)
_FOOTNOTE_MARK: Final = re.compile(
    r"(?:[*\u2020\u2021\u00b9\u00b2\u00b3]+|\[\d{1,2}\]|\(\d{1,2}\))$"
)
_FOOTNOTE_ENDS: Final = frozenset("*\u2020\u2021\u00b9\u00b2\u00b3])")


#: Initials written with dots and no space: "M.D." as in "Example, M.D.".
_INITIALS: Final = re.compile(r"(?:[^\W\d_]\.)+")


def _dotted_letters(parts: Sequence[str]) -> bool:
    """Whether a name, split into *parts* at spaces, ends with letters
    after it written with dots ("Jane Example Ph.D.", "Jane Example,
    M.D."); not with the initials of a name written surname first, one
    word before them ("Example, M.D." is M. D. Example).

    >>> _dotted_letters(["Jane", "Example,", "M.D."])
    True
    >>> _dotted_letters(["Example,", "M.D."])
    False
    """
    return _word_of(parts[-1]) in _POSTNOMINALS and not (
        len(parts) == 2
        and parts[0].endswith(",")
        and _INITIALS.fullmatch(parts[-1])
    )


# The titles that start a person's name, not an organisation's ("Sir John
# Soane's Museum", "Lady Margaret Hall", "Dr Barnardo's Homes" have one).
_PERSONAL_TITLES: Final = frozenset(
    {"prof", "professor", "dr", "mr", "mrs", "ms", "mx", "miss"}
)


def _check_person_named(
    values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
) -> None:
    """Warn when an organisation's name is a person's: a title before two
    or three names, or honours after them ("Prof. Jane Example", "Jane
    Example OBE"), with no word of an organisation's: a list's person
    recorded as an organisation, whose kind import never guesses, since
    they would be published under their name, and counted as an
    organisation.  "Dr Hadwen Trust", "Ms. Foundation for Women" and "Dr.
    Oetker" are organisations.
    """
    name = values.get("name")
    if not isinstance(name, str) or "name" in values.get("private", ()):
        return
    parts = name.split()
    # Every organisation's name passes here: two look-ups.
    if not parts or (
        _word_of(parts[0]) not in _PERSONAL_TITLES
        and _word_of(parts[-1]) not in _HONOURS
    ):
        return
    words = [_word_of(part) for part in parts]
    titled = words[0] in _PERSONAL_TITLES
    honoured = words[-1] in _HONOURS
    names = words[titled : len(words) - honoured]
    if (
        not 2 <= len(names) <= 3  # a first and a last name, or three
        or "'s" in name
        or "\u2019s" in name
        or not set(names).isdisjoint(_ORGANISATION_WORDS)
    ):
        return
    ctx.report(
        "title-in-name",
        "this organisation's name is a person's, with a title or letters "
        "after it: if a person signed, record them as a person "
        "(coalition-registry new person, with the disclosure they chose), "
        "and their signature with a person's role; if it is the "
        "organisation's name, leave it",
        raw.value_pos["name"],
        f"{pointer}.name",
    )


# Letters after a person's name that no organisation's name ends with
# ("KC" ends Kansas City's, "MD" Maryland's).
_HONOURS: Final = frozenset({"obe", "mbe", "cbe", "kbe", "dbe", "phd", "frs"})
# Words of an organisation's name, not a person's.
_ORGANISATION_WORDS: Final = frozenset(
    {
        "trust", "foundation", "fund", "group", "society", "association",
        "institute", "centre", "center", "council", "network", "alliance",
        "charity", "union", "coalition", "college", "university", "school",
        "hospital", "club", "company", "ltd", "inc", "limited", "project",
        "campaign", "initiative", "services", "service", "home", "homes",
        "for", "of", "and", "the",
    }
)  # fmt: skip


def _check_titles(
    values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
) -> None:
    """Warn when a public person's name holds a title, letters after it,
    an affiliation (in brackets, or after a comma) or the organisation they
    signed for ("Jane Example on behalf of Example Trust"): signing another
    letter without them, the same person would be recorded twice.
    """
    name = values.get("name")
    if not isinstance(name, str) or "name" in values.get("private", ()):
        return
    # Every public person's name passes here: the common case, a name with
    # neither a title-like first word nor brackets, costs two splits.
    parts = name.split()
    behalf = _ON_BEHALF.search(name)
    capacity = _CAPACITY_NOTE.search(name)
    footnote = (
        _FOOTNOTE_MARK.search(parts[-1])
        if parts and parts[-1][-1] in _FOOTNOTE_ENDS
        else None
    )
    if not parts or (
        _word_of(parts[0]) not in _TITLES
        and _word_of(parts[-1]) not in _POSTNOMINALS
        and "(" not in name
        and "," not in name
        and behalf is None
        and footnote is None
        and capacity is None
    ):
        return
    signer = name[: behalf.start()] if behalf else name
    if capacity is not None:
        # "Jane Example (signing in her own capacity)", "Jane Example, in
        # a personal capacity": the note, from the bracket or the comma
        # that opens it, is no affiliation.
        before = signer[: capacity.start()]
        opened = max(before.rfind("("), before.rfind(","), before.rfind("["))
        signer = (before[:opened] if opened > 0 else before).rstrip()
    signer = _FOOTNOTE_MARK.sub("", signer.rstrip()).rstrip()
    alone = name_alone(signer)
    words = countries.normalise(alone).split()
    held = [
        what
        for what, found in (
            ("a title", bool(words) and words[0] in _TITLES),
            (
                "letters after it",
                bool(words)
                and (
                    words[-1] in _POSTNOMINALS
                    # Normalised, "Ph.D." is two words.
                    or _dotted_letters(alone.split())
                ),
            ),
            ("an affiliation in brackets", _bracketed_affiliation(alone)),
            ("an affiliation after a comma", alone != signer),
            ("the organisation signed for", behalf is not None),
            ("the capacity they signed in", capacity is not None),
            ("a footnote mark", footnote is not None),
        )
        if found
    ]
    if held:
        listed = " and ".join(
            (", ".join(held[:-1]), held[-1]) if held[1:] else held
        )
        ctx.report(
            "title-in-name",
            f"the name holds {listed}: write the person's name "
            "alone, so that the same person signing another letter is one "
            "record; the name as a letter prints it goes in the signature's "
            "name_as_printed, with an affiliation given only to identify "
            "them; on_behalf_of is for an organisation the source says they "
            "signed for",
            raw.value_pos["name"],
            f"{pointer}.name",
        )


#: What a list prints, normalised, for a person it does not name: recorded
#: as a public person's name, it would be printed as one.
_UNNAMED: Final = frozenset(
    {
        "anonymous",
        "anon",
        "anonymous signatory",
        "anonymous survivor",
        "a survivor",
        "survivor",
        "name withheld",
        "withheld",
        "name not given",
        "name not published",
        "name not disclosed",
        "not named",
        "unnamed",
        "undisclosed",
        "redacted",
        "name redacted",
    }
)


def says_unnamed(name: str) -> bool:
    """Whether *name* only says that a person is not named ("Anonymous",
    "Name withheld").
    """
    # Every public person's name passes here: the common case, letters and
    # spaces in ASCII, is looked up as it is, without normalising it.
    lowered = name.lower()
    return lowered in _UNNAMED or (
        len(name) <= _LONGEST_UNNAMED
        and not (name.isascii() and lowered.replace(" ", "").isalpha())
        and countries.normalise(name) in _UNNAMED
    )


def _check_unnamed(
    kind: str, values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
) -> None:
    """Warn when a public signatory's name only says it is not named
    ("Anonymous", "Name withheld"): a row meant for one who signed without
    a name, recorded as a signatory called so.
    """
    name = values.get("name")
    if (
        not isinstance(name, str)
        or "name" in values.get("private", ())
        or not says_unnamed(name)
    ):
        return
    ctx.report(
        "placeholder-value",
        f"{ctx.show(name)} only says that the {kind} is not named, but "
        + _UNNAMED_FIX[kind],
        raw.value_pos["name"],
        f"{pointer}.name",
    )


# What to do instead, for each kind of signatory.
_UNNAMED_FIX: Final = {
    "person": (
        "a public person's name is printed in every output as their name: "
        "for someone who signed without their name, set the disclosure to "
        "anonymous and leave the name out (pseudonym, if it is the name "
        "they chose to sign under)"
    ),
    "organisation": (
        "an organisation's name is printed in every output as its name: "
        "an organisation its source does not name cannot be told from "
        "another: leave it out, and give the letter's total in its claims "
        "(measure: signatories)"
    ),
    "group": (
        "a group's name is printed in every output as its name: "
        "name the group as its source describes it ('Survivors who work "
        "with Example Charity'), or leave it out and give the letter's "
        "total in its claims (measure: signatories)"
    ),
}


_LONGEST_UNNAMED: Final = max(map(len, _UNNAMED)) + 4


#: What a signatory list prints for those it does not name ("and 40 other
#: organisations", "+ 12 more", "and many others"), normalised.
_OTHERS_KINDS: Final = (
    r"(?: (?:organisations?|organizations?|signatories|signatures|people|"
    r"individuals|groups|names|ngos|charities|supporters))?"
)
_COUNT_OF_OTHERS: Final = re.compile(
    r"(?:(?:and|plus) (?:\d+ |many |several |some |a further \d+ )?"
    r"|(?:\d+|a further \d+|another \d+|many|various|several|numerous) )"
    r"(?:more|other|others|further)"
    + _OTHERS_KINDS
    + r"(?: (?:from|in|across|around|worldwide|globally)\b.*)?"
    # A list's last line, "Others (40)", "Others (approx. 40)", "Various
    # organisations", "Remaining signatories".  Not "Other People", which
    # may be a name.
    r"|others?(?: (?:approx|about|around|c|ca|some))?(?: \d+)?"
    r"|(?:various|assorted|miscellaneous|sundry|additional|remaining|other)"
    r" (?:organisations?|organizations?|signatories|signatures|groups|ngos|"
    r"charities|supporters)(?: (?:approx|about|around|c|ca|some))?(?: \d+)?"
)
# A name followed by such a count, as a list prints its last line: and
# 40 others, & 12 colleagues (read before folding, which drops the "&"),
# or et al.  Not a name that ends so without a count, as Example Mothers
# and Others or Books and More, nor a count with no "and", as Example
# Care 4 Others.
_ENDS_WITH_OTHERS: Final = re.compile(
    r"\s(?:and|plus|&|\+)\s+(?:\d+|many|several|some|a further \d+)\s+"
    r"(?:more|other|others|further|colleagues)" + _OTHERS_KINDS + r"\.?$"
    r"|\set\.?\s+al\.?$"
)


def _check_count_of_others(
    kind: str, values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
) -> None:
    """A name that is a list's count of signatories it does not name ("and
    40 other organisations"): recorded, it would be counted as one.
    """
    name = values.get("name")
    if not isinstance(name, str) or "name" in values.get("private", ()):
        return
    lowered = name.lower()
    # Every signatory's name passes here: the common case, a name with
    # none of these words, costs three substring tests.
    if (
        "more" not in lowered
        and "other" not in lowered
        and "further" not in lowered
        and "colleague" not in lowered
        and "et al" not in lowered
        and "various" not in lowered
        and "misc" not in lowered
        and "assorted" not in lowered
        and "sundry" not in lowered
        and "additional" not in lowered
        and "remaining" not in lowered
    ):
        return
    folded = countries.normalise(name)
    if _COUNT_OF_OTHERS.fullmatch(folded) is not None:
        ctx.report(
            "invalid-value",
            f"this is no {kind}'s name but a count of signatories the list "
            "does not name, and would be counted as one signatory: remove "
            "it (from a spreadsheet, its row), and give the letter's total "
            "in its claims (measure: signatories)",
            raw.value_pos["name"],
            f"{pointer}.name",
        )
    elif _ENDS_WITH_OTHERS.search(" ".join(lowered.split())) is not None:
        ctx.report(
            "invalid-value",
            f"this {kind}'s name ends with a count of others the list does "
            "not name ('and 40 others', 'et al.'), but a record is one "
            "signatory: write the name alone, and give the letter's total "
            "in its claims (measure: signatories)",
            raw.value_pos["name"],
            f"{pointer}.name",
        )


def _check_country_in_name(
    kind: str,
    values: dict[str, Any],
    raw: YMap,
    ctx: Context,
    pointer: str,
    *,
    field_name: str,
) -> None:
    """A name that ends with a country, as signatory lists print it
    ("Example Network (Kenya)", "Example Youth Forum, Scotland"), in a
    record that gives no country, or another: counted as unknown, or in
    the other country, when a source may say where it is.

    Only a country in brackets or after a dash is set against a country
    given: "Friends of Kenya" may well be based in the United Kingdom.
    """
    name = values.get("name")
    private = values.get("private", ())
    if (
        not isinstance(name, str)
        or "name" in private
        or field_name in private
        # A record that hides all: its name's end would tell it.
        or ctx.redact
    ):
        return
    given = values.get(field_name)
    if given is None and raw.get(field_name) is not None:
        return  # written, and wrong: its own problem says so
    bare, code = countries.without_country(name)
    if code is None and given is None and not name.rstrip().endswith(")"):
        # (Brackets that hold no country alone, "(UK & Ireland)", "(New
        # South Wales)", name none.)
        bare, code = countries.ending_country(name)
        if bare is not None and _NOT_IN_IT.search(bare.lower()):
            return  # "Friends of Kenya", "Example Alliance of New Jersey"
    if code is None or code == given or bare is None:
        return
    tail = name.strip()[len(bare) :].strip(" ,()-\u2013\u2014")
    if not _a_country(tail, code) or (given == "US" and code == "GE"):
        return  # a legal form or a word ("SA", "TV"), Georgia in the US
    called = countries.country_name(code)
    where = (
        f"{tail!r}, the country {code}"
        if countries.normalise(tail) == countries.normalise(called)
        else f"{tail!r}, in the country {code} ({called})"
    )
    if given is None:
        ctx.report(
            "country-in-name",
            f"the {kind}'s name ends with {where}, and the record "
            f"gives no {field_name}, so it is counted as unknown: if a "
            f'source says it is based there, write {field_name}: "{code}"',
            raw.value_pos["name"],
            f"{pointer}.name",
        )
        return
    ctx.report(
        "country-in-name",
        f"the {kind}'s name ends with {where}, but its "
        f"{field_name} is {given!r} ({countries.country_name(given)}): "
        "check which a source gives, and correct the other",
        raw.value_pos[field_name],
        f"{pointer}.{field_name}",
    )


def _a_country(tail: str, code: str) -> bool:
    """Whether *tail*, the end of a name, is written as a country is, not
    as a code that a legal form or a word also is ("SA", "AG", "TV",
    "Can"), nor as a code lists also write for another place ("NI"), nor
    as "America", the end of a continent's name ("Latin America") as much
    as a country's.
    """
    plain = tail.replace(".", "").strip()
    if plain in {"UK", "USA", "US"}:
        return True
    if plain.casefold() in {"america", "americas"}:
        return False
    return (
        len(plain) > 3
        and plain[0].isalpha()
        and countries.written_for_another(plain) is None
        and countries.code_of(tail) == code
    )


# The words a name ends with before a country it is about, not in, or
# before the place a state's name ends with ("New Jersey", "New Mexico").
_NOT_IN_IT: Final = re.compile(r"\b(?:of|for|to|with|from|and|new)[,]?$")


def _check_private_name(
    kind: str,
    values: dict[str, Any],
    raw: YMap,
    ctx: Context,
    pointer: str,
    *,
    name: str = "name",
) -> None:
    """A record whose *name* field (a letter's title) is private needs an id
    that does not spell it: ids are printed in exports, tables and messages.
    """
    record_id = values.get("id")
    # The list as written: when it cannot be read, every field is kept
    # private, and the name is not known to be one of them.
    written = raw.get("private")
    if not record_id or not isinstance(written, YSeq):
        return
    its = "their" if kind == "person" else "its"
    if name in written and spells_name(record_id, raw.get(name), kind):
        told = f"{its} {name}"
    elif (
        # Other names are private with the name: each would tell it (but
        # for the words of a public name, which tell nothing).
        (name in written or "aliases" in written)
        and isinstance(aliases := raw.get("aliases"), YSeq)
        and any(
            w in record_id.removeprefix(f"{kind}-")
            for alias in aliases
            if isinstance(alias, str)
            for w in name_words(alias) - _public_words(raw, written, name)
        )
    ):
        told = f"any of {its} aliases"
    else:
        return
    whose = name if name in written else "aliases"
    ctx.report(
        "not-opaque-id",
        f"{a(kind)} whose {whose} {'is' if whose == name else 'are'} private "
        f"needs an id that does not spell {told}, such as {kind}-7k2m9x; "
        "change the id, and the file's name and the references to it with "
        "it",
        raw.value_pos["id"],
        f"{pointer}.id",
    )


@by_fields
@attrs.frozen(repr=False)
class Organisation(_Named):
    """An organisation: a signatory, a publisher or a recipient.

    Attributes:
        id: Its id.
        name: Its name as it writes it.
        aliases: Other names and spellings used in coverage.
        kind: What kind of organisation it is.
        hq_country: Where it is based.
        registered_country: Where it is legally registered, if elsewhere.
        scope: Where it works.
        website: Its website.
        identifiers: Registry numbers, by scheme.
        sources: Where the facts were found.
    """

    kind_name: ClassVar[str] = "organisation"
    folder: ClassVar[str] = "organisations"
    #: Other names of one whose name is private would tell it (see
    #: :func:`schema.hidden_fields`).
    __private_with__: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "name": ("aliases", "website"),
        # Nearly always the same country, or one that tells it.
        "hq_country": ("registered_country",),
    }

    id: str = _id("Unique id, named after the organisation.", "barnardos")
    name: str = field(
        Text(),
        required=True,
        doc="Its name as it writes it.",
        example="Barnardo's",
    )
    aliases: tuple[str, ...] = field(
        ListOf(Text(), unique=True),
        doc="Other names and spellings used in coverage.",
        example="[Barnardo’s]",
    )
    kind: str | None = field(
        Enum(ORGANISATION_KINDS, _KINDS_MEANT, _NOT_KINDS),
        doc="What kind of organisation it is.",
        example="charity",
    )
    hq_country: str | None = field(
        Country(), doc="Where it is based (its headquarters).", example="GB"
    )
    registered_country: str | None = field(
        Country(),
        doc="Where it is legally registered, if known.",
        example="GB",
    )
    scope: str | None = field(
        Enum(SCOPES), doc="Where it works.", example="national"
    )
    website: str | None = field(
        Url(), doc="Its website.", example="https://www.barnardos.org.uk"
    )
    identifiers: tuple[tuple[str, str], ...] = field(
        Identifiers(),
        doc="Registry numbers by scheme (org-id.guide prefixes, or wikidata).",
        example="{GB-CHC: '216250', GB-SC: SC037605}",
    )
    sources: tuple[Source, ...] = _sources()
    notes: str | None = _notes()
    private: tuple[str, ...] = _private()
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    __repr__ = _private_repr

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        """Checks beyond the fields: an id that spells a private name, and
        a name that is a count of others.
        """
        _check_private_name("organisation", values, raw, ctx, pointer)
        _check_count_of_others("organisation", values, raw, ctx, pointer)
        _check_unnamed("organisation", values, raw, ctx, pointer)
        _check_person_named(values, raw, ctx, pointer)
        _check_country_in_name(
            "organisation", values, raw, ctx, pointer, field_name="hq_country"
        )

    @property
    def country(self) -> str | None:
        """The country it counts in: its headquarters country."""
        return None if "hq_country" in self.private else self.hq_country


@hiding(by="disclosure")
@by_fields
@attrs.frozen(repr=False)
class Person(_Positioned):
    """A person: a public figure (a recipient) or an individual signatory.

    A person who is not public is never named in any output: an
    anonymous person has no name at all, a pseudonymous one signs under a
    chosen name that outputs do not show either.  Their ids are opaque.

    Attributes:
        id: Its id (opaque unless the person is public).
        disclosure: ``public``, ``pseudonym`` or ``anonymous``.
        name: Their name (or pseudonym).
        country: Where they are from.
        sources: Where the facts were found.
    """

    kind_name: ClassVar[str] = "person"
    folder: ClassVar[str] = "people"

    id: str = _id(
        "Unique id: the name for public people, opaque otherwise.",
        "mark-zuckerberg",
    )
    disclosure: str = field(
        Enum(DISCLOSURES),
        required=True,
        doc="How much may be said about them.",
        example="public",
        private_ok=False,
    )
    name: str | None = field(
        Text(),
        doc="Their name; an anonymous person has none.",
        example="Mark Zuckerberg",
    )
    country: str | None = field(
        Country(scope_field=None), doc="Where they are from.", example="US"
    )
    sources: tuple[Source, ...] = _sources()
    notes: str | None = _notes()
    private: tuple[str, ...] = _private()
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    __repr__ = _private_repr

    @property
    def hides_everything(self) -> bool:
        """Whether no field but the id may appear in an output."""
        return self.disclosure != "public"

    @property
    def display_name(self) -> str:
        """Its name for outputs: only a public person is named."""
        if self.hides_everything or "name" in self.private or not self.name:
            return f"{self.disclosure} person"
        return self.name

    @staticmethod
    def __hide_all__(raw: YMap) -> bool:
        # Until proven public, say nothing about the person in messages.
        return raw.get("disclosure") != "public"

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        disclosure = values.get("disclosure")
        if disclosure == "anonymous" and "name" in raw and raw["name"]:
            ctx.report(
                "name-not-allowed",
                ANONYMOUS_WITH_NAME,
                raw.value_pos["name"],
                f"{pointer}.name",
            )
        if disclosure in {"public", "pseudonym"} and raw.get("name") is None:
            report_missing(
                ctx,
                raw,
                "name",
                f"{a(_ADJECTIVE[disclosure])} person needs the field 'name'",
                pointer,
            )
        person_id = values.get("id")
        if (
            disclosure in {"pseudonym", "anonymous"}
            and person_id
            and (
                OPAQUE_ID.fullmatch(person_id) is None
                or spells_name(person_id, raw.get("name"), "person")
            )
        ):
            ctx.report(
                "not-opaque-id",
                f"{a(_ADJECTIVE[disclosure])} person needs an opaque id such as "
                "person-7k2m9x (coalition-registry new person makes "
                "one); never derive it from their name",
                raw.value_pos["id"],
                f"{pointer}.id",
            )
        if disclosure == "public":
            _check_private_name("person", values, raw, ctx, pointer)
            _check_unnamed("person", values, raw, ctx, pointer)
            _check_titles(values, raw, ctx, pointer)
            _check_count_of_others("person", values, raw, ctx, pointer)


@by_fields
@attrs.frozen(repr=False)
class Group(_Named):
    """Signatories who sign as one, such as a survivors' collective.

    Attributes:
        id: Its id.
        name: Its name.
        description: Who its members are.
        country: Where it is from, if it is from one country.
        member_count: How many people it has; ``None`` when unknown.
        website: Its website.
        sources: Where the facts were found.
    """

    kind_name: ClassVar[str] = "group"
    folder: ClassVar[str] = "groups"
    # What would tell a private name.
    __private_with__: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "name": ("description", "website")
    }

    id: str = _id("Unique id, named after the group.", "phoenix-11")
    name: str = field(
        Text(), required=True, doc="Its name.", example="Phoenix 11"
    )
    description: str | None = field(
        Text(multiline=True), doc="Who its members are."
    )
    country: str | None = field(
        Country(scope_field=None),
        doc="Where it is from, if from one country.",
        example="GB",
    )
    member_count: int | None = field(
        Count(minimum=1, unknown_ok=True),
        doc="How many people it has, or unknown (counted as unknown, never as 1).",
        example="11",
    )
    website: str | None = field(Url(), doc="Its website.")
    sources: tuple[Source, ...] = _sources()
    notes: str | None = _notes()
    private: tuple[str, ...] = _private()
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    __repr__ = _private_repr

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        """Checks beyond the fields: an id that spells a private name, and
        a name that is a count of others.
        """
        _check_private_name("group", values, raw, ctx, pointer)
        _check_count_of_others("group", values, raw, ctx, pointer)
        _check_unnamed("group", values, raw, ctx, pointer)
        _check_country_in_name(
            "group", values, raw, ctx, pointer, field_name="country"
        )


@hiding(by="signatory")
@by_fields
@attrs.frozen(repr=False)
class Signature(_Positioned):
    """One signatory's signature on one letter.

    Attributes:
        id: Its id, by convention ``<letter>--<signatory>``.
        letter: The letter signed.
        signatory: Who signed: an organisation, a person or a group.
        name_as_printed: The name as the letter or coverage prints it.
        capacity: ``own-name``, or ``on-behalf-of`` an organisation.
        on_behalf_of: The organisation, when signing on its behalf.
        role: Why they signed.
        signed_on: When it was added, for a signature added after the
            letter was published: it counts from that day.
        status: ``active`` or ``withdrawn``.
        withdrawn_on: When it was withdrawn.
        verification: ``reported`` (by a source), ``confirmed-by-signatory``
            or ``confirmed-by-publisher``.
        sources: Where the signature is attested.
    """

    kind_name: ClassVar[str] = "signature"
    folder: ClassVar[str] = "signatures"
    #: Fields kept private with another: the organisation signed for
    #: would tell a private capacity (see :func:`schema.hidden_fields`).
    __private_with__: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "capacity": ("on_behalf_of",)
    }

    id: str = _id(
        "Unique id: <letter>--<signatory> by convention.",
        "survivors-letter-2023--barnardos",
        # It holds two ids, and the hyphens between them.
        longest=2 * MAX_ID_LENGTH + 2,
    )
    letter: str = field(
        Ref(kinds=("letter",)),
        required=True,
        doc="The letter signed.",
        example="survivors-letter-2023",
        private_ok=False,
    )
    signatory: str = field(
        Ref(kinds=("organisation", "person", "group")),
        required=True,
        doc="Who signed: an organisation, person or group.",
        example="barnardos",
        private_ok=False,
    )
    role: str = field(
        Enum(ROLES),
        required=True,
        doc="Why they signed.",
        example="organisation",
    )
    name_as_printed: str | None = field(
        Text(),
        doc="The name as the letter or coverage prints it.",
        example="Barnardo's",
    )
    capacity: str = field(
        Enum(("own-name", "on-behalf-of")),
        default="own-name",
        doc="Whether they signed in their own name or for an organisation.",
    )
    on_behalf_of: str | None = field(
        Ref(kinds=("organisation",)), doc="The organisation signed for."
    )
    signed_on: dt.date | None = field(
        Date(),
        doc="When it was added, for a signature a source says came after "
        "the letter was published; it counts from that day. For a person "
        "who is not public, leave it out: with it, the letter's tables hide "
        "their counts of such people on every day.",
        example="2023-10-02",
    )
    status: str = field(
        Enum(("active", "withdrawn")),
        default="active",
        doc="Whether the signature stands.",
        private_ok=False,
    )
    withdrawn_on: dt.date | None = field(
        Date(),
        doc="When it was withdrawn; without it, a withdrawn signature counts "
        "on no day. For a person who is not public, leave it out: with it, "
        "the letter's tables hide their counts of such people on every day.",
    )
    verification: str = field(
        Enum(VERIFICATIONS),
        default="reported",
        doc="Who vouches for it: a source's report, the signatory, or the publisher.",
        example="confirmed-by-publisher",
    )
    sources: tuple[Source, ...] = _sources()
    notes: str | None = _notes()
    private: tuple[str, ...] = _private()
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    __repr__ = _private_repr

    @staticmethod
    def __hide_all__(raw: YMap) -> bool:
        """Whether messages must repeat nothing of this signature: it may be
        by a person who is not public, and say when and why they signed.

        The person's record is in another file, so the id tells: such a
        person's id is opaque (``person-...``).  Values are shown only for
        a signatory plainly not one: a valid id that does not start with
        ``person-`` (one given twice, misspelt or missing could be anyone).
        """
        signatory = raw.get("signatory")
        return (
            not isinstance(signatory, str)
            or SLUG.fullmatch(signatory) is None
            or signatory.startswith("person-")
        )

    @property
    def _repr_hides_all(self) -> bool:
        # As in messages (see __hide_all__): a signature by a person who
        # may not be public could tell, in its name as printed, notes,
        # role or dates, who they are and when they signed; so could that
        # of a signatory whose name is private, given a random id (its
        # source's address most often names it).
        return self.signatory.startswith("person-") or bool(
            RANDOM_ID.fullmatch(self.signatory)
        )

    @property
    def active(self) -> bool:
        """Whether the signature stands."""
        return self.status == "active"

    @property
    def comparable_signed_on(self) -> dt.date | None:
        """Its ``signed_on``, where days may be compared with it: ``None``
        when it is private, since what counts on a day would tell it (it
        then counts from the letter's date, as a signature without one).
        """
        return None if "signed_on" in self.private else self.signed_on

    @property
    def comparable_withdrawn_on(self) -> dt.date | None:
        """Its ``withdrawn_on``, where days may be compared with it:
        ``None`` when it is private, since what counts on a day would tell
        it (a withdrawn signature then counts on no day, as one without).
        """
        return None if "withdrawn_on" in self.private else self.withdrawn_on

    def counts_on(self, day: dt.date) -> bool:
        """Whether the signature counts on *day*: it was made by then (no
        ``signed_on``, or that day or before), and it stands, or it was
        withdrawn after that day.  A private date is not compared (see
        :attr:`comparable_signed_on`, :attr:`comparable_withdrawn_on`).

        Raises:
            TypeError: When *day* is not a date, whatever the signature
                holds (text would compare with no date, and be taken for
                a day on which an undated signature counts).
        """
        if type(day) is not dt.date:  # the common case costs one test
            day = as_day(day)
        signed_on = self.comparable_signed_on
        if signed_on is not None and signed_on > day:
            return False
        withdrawn_on = self.comparable_withdrawn_on
        return self.status == "active" or (
            withdrawn_on is not None and withdrawn_on > day
        )

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        _check_capacity(values, raw, ctx, pointer)
        letter, signatory = values.get("letter"), values.get("signatory")
        expected = f"{letter}--{signatory}"
        if letter and signatory and values.get("id") not in {None, expected}:
            # One file per letter and signatory: two contributors adding two
            # signatures can never edit the same file.
            # The id is made of the letter and signatory: not repeated for
            # a record that keeps anything private.
            here = (
                "" if holds_private(Signature, raw) else f", here {expected!r}"
            )
            ctx.report(
                "invalid-id",
                f"{SIGNATURE_ID}{here}; "
                + _SIGNATURE_ID_FIX[
                    _one_part_off(values["id"], letter, signatory)
                ],
                raw.value_pos["id"],
                f"{pointer}.id",
            )
        _check_order(
            values,
            raw,
            ctx,
            pointer,
            fields=("signed_on", "withdrawn_on"),
            why="a signature is withdrawn after it is made",
        )
        if values.get("withdrawn_on") and values.get("status") != "withdrawn":
            ctx.report(
                "invalid-value",
                "withdrawn_on is set but status is not 'withdrawn'; set "
                "status: withdrawn",
                raw.value_pos["withdrawn_on"],
                f"{pointer}.withdrawn_on",
            )


def _check_order(
    values: dict[str, Any],
    raw: YMap,
    ctx: Context,
    pointer: str,
    *,
    fields: tuple[str, str],
    why: str,
) -> None:
    """Report the second of two date *fields* when it is before the first
    (the end of something before its start), saying *why* it cannot be.
    """
    start, end = fields
    first, then = values.get(start), values.get(end)
    if first and then and then < first:
        # No date repeated: either may be private, or a hidden person's.
        ctx.report(
            "invalid-value",
            f"{end} is before {start}: {why}; check the two dates",
            raw.value_pos[end],
            f"{pointer}.{end}",
        )


def _one_part_off(record_id: Any, letter: str, signatory: str) -> str | None:
    """The one field, letter or signatory, that a signature's id
    *record_id* disagrees with, when it agrees with the other.
    """
    if not isinstance(record_id, str):
        return None
    if record_id.startswith(f"{letter}--"):
        return "signatory"
    if record_id.endswith(f"--{signatory}"):
        return "letter"
    return None


def _check_capacity(
    values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
) -> None:
    """A signature's on_behalf_of is given with capacity: on-behalf-of, and
    only with it, and is not the signatory.

    Which of these is wrong would tell a private capacity (on-behalf-of or
    not), or a private on_behalf_of (the signatory): then, and for a
    signature whose values are all hidden, one message says all three.
    """
    capacity = values.get("capacity")
    on_behalf_of = values.get("on_behalf_of")
    # An on_behalf_of that is written but invalid has its own problem.
    missing = (
        capacity == "on-behalf-of"
        and not on_behalf_of
        and raw.get("on_behalf_of") is None
    )
    stray = bool(on_behalf_of) and capacity != "on-behalf-of"
    itself = bool(on_behalf_of) and on_behalf_of == values.get("signatory")
    if not (missing or stray or itself):
        return
    private = hidden_fields(Signature, values.get("private", ()))
    if (
        ctx.redact
        or "capacity" in private
        or hides_all(Signature, raw)
        or (itself and "on_behalf_of" in private)
    ):
        ctx.report(
            "invalid-value",
            "capacity and on_behalf_of (not shown: private) do not agree: "
            "on_behalf_of is given when capacity is on-behalf-of, and only "
            "then, and names an organisation other than the signatory; "
            "correct them",
            raw.pos,
            pointer,
        )
    elif missing:
        report_missing(
            ctx,
            raw,
            "on_behalf_of",
            "a signature on-behalf-of an organisation needs the field "
            "'on_behalf_of'",
            pointer,
        )
    elif stray:
        ctx.report(
            "invalid-value",
            "on_behalf_of is given, but capacity is not on-behalf-of; "
            "set capacity: on-behalf-of, or remove on_behalf_of",
            raw.value_pos["on_behalf_of"],
            f"{pointer}.on_behalf_of",
        )
    else:
        ctx.report(
            "invalid-value",
            "a signatory does not sign on behalf of itself; remove "
            "capacity and on_behalf_of",
            raw.value_pos["on_behalf_of"],
            f"{pointer}.on_behalf_of",
        )


@by_fields
@attrs.frozen
class Membership(_Positioned):
    """An organisation's membership of a coalition, with its dates.

    Attributes:
        organisation: The member.
        joined: When it joined, if known.
        left: When it left; ``None`` while it is a member.
    """

    kind_name: ClassVar[str] = "membership"

    organisation: str = field(
        Ref(kinds=("organisation",)),
        required=True,
        doc="The member organisation.",
        example="barnardos",
    )
    joined: dt.date | None = field(
        Date(notes="the coalition's notes"), doc="When it joined."
    )
    left: dt.date | None = field(
        Date(notes="the coalition's notes"), doc="When it left, if it has."
    )
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        """A membership that ends before it begins counts on no day: most
        likely the two dates are swapped, or a year is mistyped.
        """
        _check_order(
            values,
            raw,
            ctx,
            pointer,
            fields=("joined", "left"),
            why="an organisation leaves a coalition after it joins",
        )

    def member_on(self, day: dt.date) -> bool:
        """Whether the organisation was a member on *day* (a datetime
        counts as its day).
        """
        day = as_day(day)
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day < self.left
        )


@by_fields
@attrs.frozen(repr=False)
class Coalition(_Named):
    """A named group of organisations whose members join and leave on dates.

    Attributes:
        id: Its id.
        name: Its name.
        description: What it is for.
        members: Its memberships, past and present.
        sources: Where the facts were found.
    """

    kind_name: ClassVar[str] = "coalition"
    folder: ClassVar[str] = "coalitions"

    id: str = _id("Unique id, named after the coalition.", "example-coalition")
    name: str = field(Text(), required=True, doc="Its name.")
    description: str | None = field(
        Text(multiline=True), doc="What it is for."
    )
    members: tuple[Membership, ...] = field(
        ListOf(Nested(Membership)), doc="Its memberships, with dates."
    )
    website: str | None = field(Url(), doc="Its website.")
    sources: tuple[Source, ...] = _sources()
    notes: str | None = _notes()
    private: tuple[str, ...] = _private()
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()

    __repr__ = _private_repr

    @staticmethod
    def __check__(
        values: dict[str, Any], raw: YMap, ctx: Context, pointer: str
    ) -> None:
        """Checks beyond the fields: an id that spells a private name, and
        an organisation listed twice for times that overlap.
        """
        _check_private_name("coalition", values, raw, ctx, pointer)
        _check_overlaps(values, ctx, pointer)

    def members_on(self, day: dt.date) -> tuple[str, ...]:
        """The ids of the organisations that were members on *day*, even
        when the coalition keeps its members private: to publish them, use
        :func:`coalition_registry.coalition_members`, which refuses then.
        """
        return tuple(m.organisation for m in self.members if m.member_on(day))


def _pos(location: Location) -> tuple[int, int]:
    return location.line, location.column


def _check_overlaps(
    values: dict[str, Any], ctx: Context, pointer: str
) -> None:
    """A ``possible-duplicate`` for a membership whose organisation is a
    member, by an earlier one of the list, for some of the same days: one
    membership recorded twice (once without dates, say), whose dates
    disagree.  A member that left and joined again is two memberships that
    do not overlap.
    """
    members = values.get("members", ())
    hidden = "members" in values.get("private", ())
    periods: dict[str, list[tuple[int, dt.date, dt.date]]] = {}
    for i, membership in enumerate(members):
        periods.setdefault(membership.organisation, []).append(
            (
                i,
                membership.joined or dt.date.min,
                membership.left or dt.date.max,
            )
        )
    overlapping = sorted(
        i for times in periods.values() for i in _overlapping(times)
    )
    for i in overlapping:
        membership = members[i]
        who = "an organisation" if hidden else repr(membership.organisation)
        ctx.report(
            "possible-duplicate",
            f"{who} is listed twice among the coalition's members, for "
            "times that overlap; keep one membership, or give each the "
            "dates of its own time (joined, left)",
            _pos(membership.location_of("organisation")),
            f"{pointer}.members[{i}]",
        )


def _overlapping(times: list[tuple[int, dt.date, dt.date]]) -> list[int]:
    """The indices of the *times* (index, start, end), in their order, that
    share a day with an earlier one: one whose start is before this end,
    and whose end after this start.
    """
    if len(times) < 16:
        # The common case: an organisation listed once, or a few times.
        return [
            i
            for n, (i, start, end) in enumerate(times)
            if any(
                start < their_end and their_start < end
                for _, their_start, their_end in times[:n]
            )
        ]
    # An organisation that left and joined again a thousand times: compared
    # with each earlier time, it took time in the square of their number.
    # The latest end among the earlier times that start before this end,
    # kept by start in a Fenwick tree, says it in a logarithmic time.
    # (No time ends before the first day: it stands for "none".)
    starts = sorted({start for _, start, _ in times})
    latest = [dt.date.min] * (len(starts) + 1)
    found = []
    for i, start, end in times:
        furthest = dt.date.min
        k = bisect.bisect_left(starts, end)  # the starts before this end
        while k > 0:
            furthest = max(furthest, latest[k])
            k -= k & -k
        if start < furthest:
            found.append(i)
        k = bisect.bisect_left(starts, start) + 1
        while k < len(latest):
            latest[k] = max(latest[k], end)
            k += k & -k
    return found


@by_fields
@attrs.frozen
class RegistryInfo(_Positioned):
    """The registry's own description, from ``registry.yaml`` at its root.

    Attributes:
        name: The registry's name.
        schema_version: The version of the data format its files use.
        data_licence: The licence of the data (an SPDX id).
        description: What the registry holds.
    """

    kind_name: ClassVar[str] = "registry file"

    name: str = field(Text(), required=True, doc="The registry's name.")
    schema_version: int = field(
        FormatVersion(),
        required=True,
        doc="The data format's version; 1 today.",
        example="1",
    )
    data_licence: str = field(
        Licence(),
        required=True,
        doc="The data's licence, as an SPDX id.",
        example="CC-BY-4.0",
    )
    description: str | None = field(
        Text(multiline=True), doc="What the registry holds."
    )
    location: Location = _location()
    positions: Mapping[str, tuple[int, int]] = _positions()


Record = Letter | Organisation | Person | Group | Signature | Coalition
Signatory = Organisation | Person | Group


def as_day(on: object) -> dt.date:
    """*on* as a day: a datetime (a subclass of date, so accepted by type
    checkers, such as a pandas Timestamp) cannot be compared with one, and
    anything else is refused here, whatever the data holds.
    """
    if isinstance(on, dt.datetime):
        return on.date()
    if not isinstance(on, dt.date):
        msg = (
            "on= takes a datetime.date, such as datetime.date(2023, 9, 18), "
            f"not {type(on).__name__} {on!r}; for text, use "
            "datetime.date.fromisoformat"
        )
        raise TypeError(msg)
    return on


def as_text(value: object, what: str, example: str) -> str:
    """*value*, when it is text; else a TypeError that says what *what*
    takes.  A record passed where its id is asked for, or a number, would
    otherwise fail deep inside the library, or silently match nothing.
    """
    if isinstance(value, str):
        return value
    kind = type(value).__name__
    # The record is not repeated: its values may be private.
    hint = (
        f"; pass its id, {kind.lower()}.id"
        if isinstance(value, Record)
        else ""
    )
    given = "None" if value is None else a(kind.lower())
    msg = f"{what} takes text, such as {example!r}, not {given}{hint}"
    raise TypeError(msg)


def country_of(signatory: Signatory) -> str | None:
    """The country a signatory counts in: an organisation's headquarters
    country, a person's or group's country; ``None`` when unknown or
    private.
    """
    if isinstance(signatory, Organisation):
        return signatory.country
    try:
        return None if "country" in signatory.private else signatory.country
    except AttributeError:
        # Not a signatory's record: an id, say, or a signature.
        given: object = signatory  # typed, but not checked by Python
        msg = (
            "country_of() takes a signatory's record (an Organisation, a "
            "Person or a Group), not "
            f"{'None' if given is None else a(type(given).__name__)}"
        )
        raise TypeError(msg) from None


def is_hidden(who: Signatory) -> bool:
    """Whether *who* is a person who is not public: counted, never named."""
    return isinstance(who, Person) and who.hides_everything


#: Record classes by kind, in the order they are documented.
KINDS: Final[dict[str, type[Any]]] = {
    "letter": Letter,
    "organisation": Organisation,
    "person": Person,
    "group": Group,
    "signature": Signature,
    "coalition": Coalition,
}

#: Record classes by the registry folder that holds them.
FOLDERS: Final[dict[str, type[Any]]] = {c.folder: c for c in KINDS.values()}

#: Record classes that are written inside others, never in files of their own.
PARTS: Final[tuple[type[Any], ...]] = (Source, Claim, Recipient, Membership)


@functools.cache
def field_names() -> frozenset[str]:
    """Every field name of a record, of a part of one, and of
    ``registry.yaml``.
    """
    return frozenset(
        name
        for cls in (*FOLDERS.values(), *PARTS, RegistryInfo)
        for name in yaml_fields(cls)
    )
