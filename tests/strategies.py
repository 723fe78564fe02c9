"""Hypothesis strategies for records and registries."""

from __future__ import annotations

import datetime as dt

from typing import Any

import pycountry

from hypothesis import assume
from hypothesis import strategies as st

from coalition_registry import schema
from coalition_registry.model import (
    DISCLOSURES,
    PERSONAL_ROLES,
    QUALIFIERS,
    ROLES,
    Claim,
    Group,
    Letter,
    Organisation,
    Person,
    Recipient,
    Signature,
    Source,
    spells_name,
)


COUNTRIES = [*sorted(c.alpha_2 for c in pycountry.countries), "XK"]

slugs = st.from_regex(
    r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True
)
opaque_ids = st.from_regex(r"person-[a-z0-9]{6,10}", fullmatch=True).filter(
    lambda s: any(c.isdigit() for c in s)
)
#: Single-line text as a Text field keeps it: no leading, trailing or
#: doubled white space, no control or invisible characters.
texts = (
    st.text(
        st.characters(
            codec="utf-8",
            categories=("L", "N", "P", "S", "Zs"),
            exclude_characters="\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u00ad",
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
    # "0000000000" is a telephone number to the validator.
    .filter(lambda s: not schema.holds_contact(s))
)
# Up to a day that has passed: a date after today is a warning.
dates = st.dates(dt.date(1990, 1, 1), dt.date(2025, 12, 31))
urls = st.builds(
    lambda host, path: f"https://{host}.org/{path}",
    slugs,
    st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True),
)
countries = st.sampled_from(COUNTRIES)
sources = st.builds(
    Source,
    url=urls,
    publisher=st.none() | texts,
    title=st.none() | texts,
    published=st.none() | dates,
    accessed=st.none() | dates,
)
source_lists = st.lists(sources, min_size=1, max_size=2).map(tuple)


@st.composite
def organisations(draw: st.DrawFn, /, **fixed: Any) -> Organisation:
    """An organisation with any mix of optional fields."""
    kwargs: dict[str, Any] = {
        "id": draw(slugs),
        "name": draw(texts),
        "aliases": tuple(draw(st.lists(texts, max_size=2, unique=True))),
        "kind": draw(
            st.none() | st.sampled_from(["charity", "network", "company"])
        ),
        "hq_country": draw(st.none() | countries),
        "registered_country": draw(st.none() | countries),
        "scope": draw(
            st.none()
            | st.sampled_from(["national", "regional", "international"])
        ),
        "website": draw(st.none() | urls),
        "identifiers": tuple(
            draw(
                st.dictionaries(
                    st.sampled_from(["GB-CHC", "GB-SC", "NL-KVK", "wikidata"]),
                    st.from_regex(r"[0-9A-Z]{1,8}", fullmatch=True),
                    max_size=2,
                )
            ).items()
        ),
        "sources": draw(source_lists),
    }
    kwargs.update(fixed)
    return Organisation(**kwargs)


@st.composite
def people(draw: st.DrawFn, /, **fixed: Any) -> Person:
    """A person of any disclosure level, with an opaque id unless public."""
    disclosure = fixed.pop("disclosure", None) or draw(
        st.sampled_from(DISCLOSURES)
    )
    kwargs: dict[str, Any] = {
        "id": draw(slugs if disclosure == "public" else opaque_ids),
        "disclosure": disclosure,
        "name": None
        if disclosure == "anonymous"
        else draw(
            st.from_regex(r"[A-Z][a-z]{2,8} [A-Z][a-z]{2,8}", fullmatch=True)
        ),
        "country": draw(st.none() | countries),
        "sources": draw(source_lists),
    }
    kwargs.update(fixed)
    # An id that tells part of the name is refused (not-opaque-id).
    assume(
        disclosure == "public"
        or not spells_name(kwargs["id"], kwargs["name"], "person")
    )
    return Person(**kwargs)


@st.composite
def groups(draw: st.DrawFn, /, **fixed: Any) -> Group:
    """A group whose member count may be unknown."""
    kwargs: dict[str, Any] = {
        "id": draw(slugs),
        "name": draw(texts),
        "country": draw(st.none() | countries),
        "member_count": draw(st.none() | st.integers(1, 500)),
        "sources": draw(source_lists),
    }
    kwargs.update(fixed)
    return Group(**kwargs)


@st.composite
def letters(draw: st.DrawFn, /, **fixed: Any) -> Letter:
    """A letter with claims and recipients."""
    kwargs: dict[str, Any] = {
        "id": draw(slugs),
        "title": draw(texts),
        "date": draw(st.none() | dates),
        "date_qualifier": draw(st.sampled_from(["exact", "inferred"])),
        "asks": tuple(draw(st.lists(texts, max_size=2))),
        "recipients": tuple(
            draw(
                st.lists(
                    st.builds(
                        Recipient, organisation=slugs, person=st.none() | slugs
                    ),
                    max_size=2,
                )
            )
        ),
        "recipients_complete": draw(st.booleans()),
        "claims": tuple(
            draw(
                st.lists(
                    # Roles belong to a claim of signatories only.
                    st.builds(
                        Claim,
                        measure=st.just("signatories"),
                        value=st.integers(0, 10_000),
                        roles=st.lists(
                            st.sampled_from(ROLES), max_size=2, unique=True
                        ).map(tuple),
                        qualifier=st.sampled_from(tuple(QUALIFIERS)),
                        sources=source_lists,
                    )
                    | st.builds(
                        Claim,
                        measure=st.just("countries"),
                        value=st.integers(0, 10_000),
                        qualifier=st.sampled_from(tuple(QUALIFIERS)),
                        sources=source_lists,
                    ),
                    max_size=3,
                )
            )
        ),
        "sources": draw(source_lists),
    }
    kwargs.update(fixed)
    return Letter(**kwargs)


@st.composite
def registries(draw: st.DrawFn) -> list[Any]:
    """A consistent set of records: one letter and its signatures."""
    letter = draw(letters(claims=(), recipients=()))
    signatories: list[Any] = draw(
        st.lists(
            st.one_of(organisations(), people(), groups()),
            max_size=12,
            unique_by=lambda r: r.id,
        ).filter(lambda rs: letter.id not in {r.id for r in rs})
    )
    signatures = []
    for who in signatories:
        status = draw(st.sampled_from(["active", "active", "withdrawn"]))
        signed = draw(st.none() | st.none() | dates)
        withdrawn = draw(dates) if status == "withdrawn" else None
        if signed and withdrawn and withdrawn < signed:
            # Valid records: a signature is withdrawn after it is made.
            signed, withdrawn = withdrawn, signed
        # An organisation never signs as a survivor or a family member,
        # nor anyone else as an organisation (validation refuses both).
        role = draw(
            st.sampled_from(
                [r for r in ROLES if r not in PERSONAL_ROLES]
                if isinstance(who, Organisation)
                else [r for r in ROLES if r != "organisation"]
            )
        )
        signatures.append(
            Signature(
                id=f"{letter.id}--{who.id}",
                letter=letter.id,
                signatory=who.id,
                role=role,
                # A survivor named in public, or in a group of one or two,
                # has confirmed it, or validation refuses it
                # (public-survivor).
                verification="confirmed-by-signatory"
                if role in {"survivor", "family-member"}
                and (
                    (isinstance(who, Person) and who.disclosure == "public")
                    or (
                        isinstance(who, Group)
                        and who.member_count is not None
                        and who.member_count < 3
                    )
                )
                else "reported",
                status=status,
                withdrawn_on=withdrawn,
                signed_on=signed,
                sources=draw(source_lists),
            )
        )
    return [letter, *signatories, *signatures]


#: A spreadsheet cell's text, as csv.writer writes it: any character but a
#: lone surrogate, NUL or a carriage return.
cell_texts = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\r\x00"),
    max_size=8,
)
