"""Field types: what a message suggests for a date written another way."""

from __future__ import annotations

import datetime as dt

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from coalition_registry import schema
from coalition_registry.schema import date_hint


dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))


@given(dates)
def test_a_date_with_its_month_named_is_read_back(date: dt.date) -> None:
    month = date.strftime("%B")
    for written in (
        f"{date.day} {month} {date.year}",
        f"{month} {date.day}, {date.year}",
        f"{date.day} {month[:3]}. {date.year}",
        f"{date.year}/{date.month}/{date.day}",
    ):
        assert f"; did you mean '{date.isoformat()}'?" == date_hint(written)


@given(dates)
def test_day_and_month_either_way_round(date: dt.date) -> None:
    """Both readings when both are dates; the one that is, otherwise."""
    hint = date_hint(f"{date.day:02d}/{date.month:02d}/{date.year}")
    assert date.isoformat() in hint
    other = (date.year, date.day, date.month)
    try:
        swapped = dt.date(*other)
    except ValueError:
        assert f"; did you mean '{date.isoformat()}'?" == hint
    else:
        if swapped == date:
            assert f"; did you mean '{date.isoformat()}'?" == hint
        else:
            assert swapped.isoformat() in hint
            assert hint.endswith("whichever is meant")


@pytest.mark.parametrize("written", ["September 2023", "Sept 2023", "2023-09"])
def test_a_month_alone(written: str) -> None:
    assert "write '2023-09-01' and say so in notes" in date_hint(written)


@pytest.mark.parametrize(
    "written",
    [
        "yesterday",
        "31/02/2023",
        "2023",
        "12 Sep",
        "Sep 2023 Oct",
        "2023/13",
        "18 September 99999999999999999999",
        "September 18 " + "9" * 5000,
        "1/1/99999999999999999999",
    ],
)
def test_nothing_sure_to_say(written: str) -> None:
    assert "" == date_hint(written)


# Letters from the three alphabets told apart, look-alikes among them,
# and characters of no alphabet.
_LETTERS = "aoépАаОоЖжΑαΟοΩωŁżʼ·1_ -'’"


@given(
    st.text(
        alphabet=st.one_of(st.sampled_from(_LETTERS), st.characters()),
        max_size=24,
    )
)
@example("P\u0430ypal")  # a Cyrillic a among Latin letters
@example("Łukasz Ωmega")  # two alphabets, no word mixes them
@settings(max_examples=500)
def test_the_whole_text_test_agrees_with_the_word_by_word_one(
    text: str,
) -> None:
    """Mixed alphabets are looked for word by word only when the whole text
    has two: that shortcut changes no answer."""
    ctx = schema.Context("f", [])
    schema.check_suspicious(text, ctx, (1, 1), "$")
    mixed = any(
        len({schema._script(c) for c in word} - {"COMMON"}) > 1
        for word in schema._WORD.findall(text)
    )
    expected = not text.isascii() and (
        mixed or schema._SUSPICIOUS.search(text) is not None
    )
    assert expected == bool(ctx.problems)
