"""Field types: what a message suggests for a date written another way."""

from __future__ import annotations

import datetime as dt
import re

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
        date.strftime("%Y%m%d"),  # ISO 8601's basic form
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


@given(dates, st.sampled_from(["T10:00:00Z", " 10:00", "T23:59:59.5+02:00"]))
def test_a_date_and_a_time(date: dt.date, time: str) -> None:
    """A timestamp, as a spreadsheet or an API writes it, is told to be
    the date alone.
    """
    assert (
        f"; write the date alone: did you mean '{date.isoformat()}'?"
        == date_hint(date.isoformat() + time)
    )


@pytest.mark.parametrize("written", ["September 2023", "Sept 2023", "2023-09"])
def test_a_month_alone(written: str) -> None:
    # A letter dated only to the month: no day is suggested, since the one
    # written would be taken for the day itself (and counted from).
    hint = date_hint(written)
    assert "leave the field out and write 'September 2023' in notes" in hint
    assert "-01" not in hint


@pytest.mark.parametrize("written", ["2023", " 2023 "])
def test_a_year_alone(written: str) -> None:
    hint = date_hint(written)
    assert "leave the field out and write '2023' in notes" in hint
    assert "2023-" not in hint


def test_a_sources_month_goes_in_the_records_notes() -> None:
    """Bug: a source's date known to the month was to be written "in
    notes", which a source has not: written under it, ``notes`` is an
    unknown field.  (``accessed``: ``published`` takes a month.)
    """
    from coalition_registry import Letter
    from coalition_registry.validation import read_records

    doc = (
        "id: l\ntitle: L\nsources:\n"
        "  - url: https://example.org/a\n    accessed: 2024-03\n"
    )
    (source,) = read_records(doc.encode(), "l.yaml", Letter).problems
    assert "write 'March 2024' in the record's notes (" in source.message
    assert (5, 15) == (source.location.line, source.location.column)


_CITED = "sources:\n  - url: https://example.org/a\n"


@given(
    year=st.integers(1900, 2025),
    month=st.none() | st.integers(1, 12),
)
def test_a_month_or_a_year_is_read_back_as_written(
    year: int, month: int | None
) -> None:
    from coalition_registry import Letter, PartialDate
    from coalition_registry.validation import read_records

    date = PartialDate(year, month)
    doc = f"id: l\ntitle: L\ndate: {date.isoformat()}\n{_CITED}"
    read = read_records(doc.encode(), "l.yaml", Letter)
    assert () == read.problems
    assert date == read.records[0].date
    assert date.first <= date.last
    assert (date.first.year, date.last.year) == (year, year)
    assert (date.last + dt.timedelta(days=1)).day == 1
    assert date.spoken().endswith(str(year))


@pytest.mark.parametrize(("year", "month"), [(2021, 13), (2021, 0), (0, 1)])
def test_no_such_month_is_made(year: int, month: int) -> None:
    from coalition_registry import PartialDate

    with pytest.raises(ValueError, match="no such month or year"):
        PartialDate(year, month)


def test_a_letters_and_a_pages_month_or_year_is_recorded() -> None:
    from coalition_registry import Letter, PartialDate
    from coalition_registry.validation import read_records

    doc = (
        "id: l\ntitle: L\ndate: 2024-03\nsources:\n"
        "  - url: https://example.org/a\n    published: 2019\n"
    )
    read = read_records(doc.encode(), "l.yaml", Letter)
    assert () == read.problems
    (letter,) = read.records
    assert PartialDate(2024, 3) == letter.date
    assert PartialDate(2019) == letter.sources[0].published
    assert dt.date(2024, 3, 31) == letter.comparable_date
    assert dt.date(2024, 3, 1) == letter.comparable_start


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024-13", "'2024-13' is not a real month"),
        ("2024-00", "'2024-00' is not a real month"),
        ("March 2024", "did you mean '2024-03'?"),
        ("Mar. 2024", "did you mean '2024-03'?"),
        ("2024/3", "did you mean '2024-03'?"),
        (
            "24-03",
            (
                "is not a date written YYYY-MM-DD, or YYYY-MM or YYYY (for "
                "example 2023-09-18, or 2023-09 when no source gives the day)"
            ),
        ),
    ],
)
def test_a_letters_month_written_another_way(
    written: str, message: str
) -> None:
    from coalition_registry import Letter
    from coalition_registry.validation import read_records

    doc = f"id: l\ntitle: L\ndate: {written}\n{_CITED}"
    (problem,) = read_records(doc.encode(), "l.yaml", Letter).problems
    assert ("invalid-date", 3, 7) == (
        problem.code,
        problem.location.line,
        problem.location.column,
    )
    assert message in problem.message
    assert "notes" not in problem.message


@pytest.mark.parametrize(
    ("written", "future"),
    [("2999", False), ("2999-01", False), ("2100-12", True)],
)
def test_a_month_or_year_is_checked_as_a_date_is(
    written: str, future: bool
) -> None:
    from coalition_registry import Letter
    from coalition_registry.validation import read_records

    doc = f"id: l\ntitle: L\ndate: {written}\n{_CITED}"
    (problem,) = read_records(doc.encode(), "l.yaml", Letter).problems
    assert "implausible-date" == problem.code
    assert ("after today" in problem.message) is future


def test_this_month_is_not_after_today() -> None:
    from coalition_registry import Letter
    from coalition_registry.validation import read_records

    today = dt.datetime.now(dt.UTC).date()
    for written in (f"{today:%Y-%m}", f"{today:%Y}"):
        doc = f"id: l\ntitle: L\ndate: {written}\n{_CITED}"
        assert () == read_records(doc.encode(), "l.yaml", Letter).problems


def test_a_memberships_year_goes_in_the_coalitions_notes() -> None:
    from coalition_registry import Coalition
    from coalition_registry.validation import read_records

    doc = (
        "id: c\nname: C\nmembers:\n  - organisation: barnardos\n"
        "    joined: 2019\n"
    )
    problems = read_records(doc.encode(), "c.yaml", Coalition).problems
    (problem,) = (p for p in problems if p.code == "invalid-date")
    assert "write '2019' in the coalition's notes (" in problem.message


@pytest.mark.parametrize(
    "written",
    [
        "yesterday",
        "31/02/2023",
        "12 Sep",
        "1066",
        "Sep 2023 Oct",
        "2023/13",
        "18 September 99999999999999999999",
        "September 18 " + "9" * 5000,
        "1/1/99999999999999999999",
        "2023-02-30T10:00",
        "2023-09-18T",
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
    curly = bool(text) and (
        (
            text[0] in schema._DOUBLE_OPEN
            and not schema._DOUBLE_CLOSE & set(text)
        )
        or (
            text[-1] in schema._DOUBLE_CLOSE
            and not schema._DOUBLE_OPEN & set(text)
        )
        or (
            len(text) > 1
            and text[0] in schema._CURLY_OPEN
            and text[-1] in schema._CURLY_CLOSE
        )
    )
    expected = not text.isascii() and (
        curly
        or mixed
        or schema._SUSPICIOUS.search(text) is not None
        or schema._unmangled(text) is not None
    )
    assert expected == bool(ctx.problems)


@pytest.mark.parametrize(
    "meant",
    [
        "Barnardo’s",
        "École de la Paix",
        "Fundação Infância",
        "Kinderschutzbund Köln – Straße",
        "Ελληνική Εταιρεία",
        "Детский фонд",
        "Children’s Rights “Now”",
    ],
)
def test_text_garbled_by_a_wrong_encoding(meant: str) -> None:
    """UTF-8 read as Windows-1252 and saved again is told, with the text
    it most likely was; the text as meant is not."""
    for codec in ("cp1252", "latin-1"):
        try:
            garbled = meant.encode().decode(codec)
        except UnicodeDecodeError:
            continue  # a byte Windows-1252 leaves out
        ctx = schema.Context("f", [])
        schema.check_suspicious(garbled, ctx, (1, 1), "$")
        (problem,) = ctx.problems
        assert f"most likely reads {meant!r}" in problem.message
    ctx = schema.Context("f", [])
    schema.check_suspicious(meant, ctx, (1, 1), "$")
    assert [] == ctx.problems


@pytest.mark.parametrize(
    "text",
    ["SÃO PAULO", "Ångström Institute", "Âge Heureux", "Café Ã©", "Ã"],
)
def test_real_text_is_not_taken_for_garbled(text: str) -> None:
    assert schema._unmangled(text) is None


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("www.nspcc.org.uk", "https://www.nspcc.org.uk"),
        ("https//safefutures.ie", "https://safefutures.ie"),
        ("https:/safefutures.ie/about", "https://safefutures.ie/about"),
        ("http:safefutures.ie", "https://safefutures.ie"),
        ("httpbin.org", "https://httpbin.org"),
        ('https://safefutures.ie/"><b>', "https://safefutures.ie/"),
        ('"https://safefutures.ie"', "https://safefutures.ie"),
        ("https://safe<futures.ie", None),
        ("mailto:info@safefutures.ie", None),
        ("ftp://files.example.org", None),
        ("not an address", None),
    ],
)
def test_the_address_an_invalid_url_meant(
    written: str, meant: str | None
) -> None:
    assert meant == schema._url_meant(written)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("aoife-murphy.yaml", "aoife-murphy"),
        ("people/aoife-murphy.yml", "aoife-murphy"),
        ("Safe Futures", "safe-futures"),
    ],
)
def test_the_id_an_invalid_id_meant(written: str, meant: str) -> None:
    ctx = schema.Context("f", [])
    schema.Slug().convert(written, ctx, (1, 1), "$.id")
    assert [f"for example {meant!r}"] == [
        p.message.rsplit("; ", 1)[-1] for p in ctx.problems
    ]


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("\u201cSafe Futures Trust\u201d", True),
        ("\u2018Safe Futures\u2019", True),
        ("O\u2019Brien", False),
        ("\u2019t Hooft", False),
        ("\u201cSafe Futures", True),  # closed on the next line, or never
        ("He said the firms must \u201cact now\u201d", False),
        ("\u201cWe are not going away,\u201d said a survivor", False),
        ("Association \u00ab La Voix \u00bb", False),
    ],
)
def test_a_value_wrapped_in_curly_quotes(text: str, warned: bool) -> None:
    """Curly quotes pasted from a word processor are not YAML quotes: they
    stay in the value, so they are pointed out."""
    ctx = schema.Context("f", [])
    schema.Text().convert(text, ctx, (1, 1), "$.name")
    assert warned == any("curly quote" in p.message for p in ctx.problems)


def test_a_long_value_is_cut_in_messages() -> None:
    """A paragraph pasted into a field is not repeated whole: the line
    would hide what to do."""
    ctx = schema.Context("f", [])
    schema.Country().convert("Ireland " * 750, ctx, (1, 1), "$.country")
    (problem,) = ctx.problems
    assert "...' (6,000 characters) is not an ISO 3166-1" in problem.message
    # The cut value and what to do: not 6,000 characters.
    assert len(problem.message) < 250


def test_curly_quotes_do_not_hide_a_control_character() -> None:
    ctx = schema.Context("f", [])
    schema.Text().convert(
        "\u201cExample \u202eytirahC\u201d", ctx, (1, 1), "$.name"
    )
    messages = " / ".join(p.message for p in ctx.problems)
    assert "curly quotes" in messages
    assert "RIGHT-TO-LEFT OVERRIDE" in messages


_LEAVE_OUT = (
    "if no source says where it is, leave the field out (it is counted as "
    "unknown)"
)


@pytest.mark.parametrize(
    ("count", "written", "end"),
    [
        (schema.Count(), "1,200", "; did you mean 1200?"),
        (schema.Count(), "100+", "; write 100, and add qualifier: at-least"),
        (
            schema.Count(),
            "over 1,000",
            "; write 1000, and add qualifier: at-least",
        ),
        (schema.Count(), "~50", "; write 50, and add qualifier: about"),
        (
            schema.Count(),
            "up to 500",
            "; write 500, and add qualifier: at-most",
        ),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "under 40",
            "; the source gives only an upper bound, and a group is counted as its exact size: write unknown, and say in notes what the source says",
        ),
        (
            schema.Count(),
            "about 1,000",
            "; write 1000, and add qualifier: about",
        ),
        (
            schema.Count(),
            "lots",
            "; write digits only, with no separators, signs or words",
        ),
        (
            schema.Count(),
            "100-110",
            "; the source gives a range: write its lower figure, 100, and add qualifier: at-least",
        ),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "40 to 50",
            "; the source gives a range, and a group is counted as its exact size: write unknown, and say in notes what the source says",
        ),
        (schema.Count(), "forty-three", "; did you mean 43?"),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "a dozen",
            "; did you mean 12?",
        ),
        # A figure in words the field does not take is not offered.
        (
            schema.Count(minimum=1),
            "zero",
            "from 1 to 10,000,000,000; write digits only, with no separators, signs or words",
        ),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "Unknown",
            "; write unknown in lower case",
        ),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "N/A",
            "; if no source gives the figure, write unknown",
        ),
        (
            # "100+" is no group size: counted as 100, it would read as
            # exact.
            schema.Count(minimum=1, unknown_ok=True),
            "100+",
            "; the source gives only a lower bound, and a group is counted as its exact size: write unknown, and say in notes what the source says",
        ),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "about 100",
            "; write the figure a source states (100), or unknown, and say in notes what the source says",
        ),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "Undisclosed",
            "; if no source gives the figure, write unknown",
        ),
        (
            schema.Count(minimum=1, unknown_ok=True),
            "0",
            "; a group has at least 1 member: if no source gives the figure, write unknown",
        ),
        (schema.Count(minimum=1), "0", "from 1 to 10,000,000,000"),
        # A figure the field does not take is never offered as the fix.
        (schema.Count(minimum=1), " 0 ", "from 1 to 10,000,000,000"),
        (
            schema.Count(),
            " 99999999999",
            "check the figure against its source",
        ),
        (schema.Count(), "1,000,000,000,000", "from 0 to 10,000,000,000"),
        (schema.Count(), "over 20,000,000,000", "from 0 to 10,000,000,000"),
        (
            schema.Count(),
            "1" * 300 + " ",
            "check the figure against its source",
        ),
    ],
)
def test_what_a_figure_written_as_in_a_press_release_gets(
    count: schema.Count, written: str, end: str
) -> None:
    """Spreadsheet and press-release habits get the figure to write."""
    ctx = schema.Context("f", [])
    count.convert(written, ctx, (1, 1), "$.value")
    assert ctx.problems[0].message.endswith(end)


def test_a_private_figure_gets_the_same_hint_whatever_it_is() -> None:
    """The hint for a private value never tells one value from another."""
    messages = set()
    for written in ("1,200", "100+", "lots", "Unknown"):
        ctx = schema.Context("f", [], redact=True)
        schema.Count(unknown_ok=True).convert(written, ctx, (1, 1), "$.x")
        messages.add(ctx.problems[0].message)
    assert 1 == len(messages)
    assert "1" not in messages.pop().split(";")[-1]


@pytest.mark.parametrize(
    ("written", "end"),
    [
        ("no", 'write "NO" if Norway is meant, or, ' + _LEAVE_OUT),
        ("N/A", _LEAVE_OUT),
        ("UK", 'did you mean "GB" (United Kingdom)?'),
        # Nicaragua's code in lower case, or Northern Ireland.
        ("ni", 'did you mean "NI" (Nicaragua), or "GB" for Northern Ireland?'),
        (
            "Korea",
            (
                "could mean 'KR' (South Korea) or 'KP' (North Korea); "
                "write the code of the one meant"
            ),
        ),
    ],
)
def test_what_a_country_not_given_as_a_code_gets(
    written: str, end: str
) -> None:
    ctx = schema.Context("f", [])
    schema.Country().convert(written, ctx, (1, 1), "$.country")
    assert ctx.problems[0].message.endswith(end)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2023\u201309\u201318", "2023-09-18"),  # en dashes
        ("18th September 2023", "2023-09-18"),
        ("September 1st, 2023", "2023-09-01"),
    ],
)
def test_dates_from_a_word_processor(written: str, meant: str) -> None:
    assert f"; did you mean {meant!r}?" == date_hint(written)


@pytest.mark.parametrize(
    ("text", "alphabets"),
    [
        ("Barnard\u0585s", "armenian and latin"),
        ("\uff22arnardos", "fullwidth and latin"),
        ("\U0001d401arnardos", "latin and mathematical"),
        ("R\u0435d Cross", "cyrillic and latin"),
        ("東京スカイツリー", None),  # kanji and kana together: Japanese
        ("KDDI株式会社", None),  # Latin beside kanji: Japanese too
        ("SK텔레콤", None),
        ("Associação Nº 1", None),
        ("\u212aids Trust", "latin and letterlike"),  # a KELVIN SIGN K
        ("µTorrent", None),
        ("Zürich", None),
        ("ʻOhana", None),
    ],
)
def test_look_alike_letters_of_any_alphabet(
    text: str, alphabets: str | None
) -> None:
    ctx = schema.Context("f", [])
    schema.check_suspicious(text, ctx, (1, 1), "$")
    said = (
        f"a word mixes alphabets ({alphabets}), which makes look-alike "
        "names; retype it"
    )
    assert ([] if alphabets is None else [said]) == [
        p.message for p in ctx.problems
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Zeb\u043elon",  # a Cyrillic o among Latin letters
        "Zebulon\u200bQuartz",  # a zero-width space
        "\u201cZebulon\u201d",  # curly quotes
        "\u201cZeb\u043elon\u200b\u201d",  # all three
    ],
)
def test_a_private_value_is_told_nothing_of(text: str) -> None:
    """One warning, the same whatever was found: which character, where,
    or which alphabets would each say something of a private value.
    """
    ctx = schema.Context("f", [], redact=True)
    schema.check_suspicious(text, ctx, (1, 1), "$")
    assert [schema._SUSPICIOUS_PRIVATE] == [p.message for p in ctx.problems]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("انجمن\u200cهای کودکان", id="persian-non-joiner"),
        pytest.param("क्\u200dष", id="hindi-joiner"),
        pytest.param(
            '\u05e2\u05de\u05d5\u05ea\u05d4 (\u05e2"\u05e8)\u200f',
            id="rtl-mark",
        ),
        pytest.param(
            "\u0645\u0646\u0638\u0645\u0629 ABC\u200e 24", id="ltr-mark"
        ),
        pytest.param("ന്\u200d", id="malayalam-chillu"),
        pytest.param("Example 👩\u200d👧 Trust", id="emoji-family"),
        pytest.param("Example 🏳\ufe0f\u200d🌈", id="emoji-flag-sequence"),
        pytest.param("Example 👋\U0001f3fd", id="skin-tone"),
        pytest.param("Example ❤\ufe0f", id="variation-selector"),
        pytest.param("Example 1\ufe0f\u20e3", id="keycap"),
        pytest.param(
            "Example 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074"
            "\U000e007f",
            id="flag-of-scotland",
        ),
    ],
)
def test_what_a_script_or_an_emoji_needs_is_no_problem(text: str) -> None:
    """Persian spells words with a zero-width non-joiner, and emoji are
    joined by a zero-width joiner: retyping them puts them back, so a
    warning could never be cleared, and would push a volunteer to
    misspell a name.
    """
    ctx = schema.Context("f", [])
    schema.check_suspicious(text, ctx, (1, 1), "$")
    assert [] == ctx.problems


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Exa\u200dmple", id="joiner-in-latin"),
        pytest.param("Example (UK)\u200f", id="rtl-mark-in-latin"),
        pytest.param("Example\u202e \u05d0", id="rtl-override-beside-hebrew"),
        pytest.param("Exa\u200cmple", id="non-joiner-in-latin"),
        pytest.param("Exa\u0301\u200dmple", id="joiner-after-an-accent"),
        pytest.param("При\u200cмер", id="non-joiner-in-cyrillic"),
        pytest.param("\u200cانجمن", id="non-joiner-at-the-start"),
        pytest.param("ab\u200cاب", id="non-joiner-between-two-scripts"),
        pytest.param("Examp\ufe0fle", id="variation-selector-on-a-letter"),
        pytest.param("Example\U000e0067", id="a-tag-with-no-flag"),
        pytest.param("👩\u200d👧\u200bx", id="a-zero-width-space-after"),
        pytest.param("Zeb\u05b0\u200dulon", id="joiner-after-a-hebrew-point"),
        pytest.param(
            "Zeb\u0951\u200dulon", id="joiner-after-a-devanagari-mark"
        ),
    ],
)
def test_joiners_where_nothing_needs_them(text: str) -> None:
    ctx = schema.Context("f", [])
    schema.check_suspicious(text, ctx, (1, 1), "$")
    assert ["suspicious-character"] == [p.code for p in ctx.problems]


@pytest.mark.parametrize(
    "blank",
    ["\u3164", "\uffa0", "\u2800", "\u034f", "\U000e0041", "\U0001d173"],
)
def test_blank_looking_characters(blank: str) -> None:
    ctx = schema.Context("f", [])
    schema.check_suspicious(f"Example{blank}Charity", ctx, (1, 1), "$")
    assert ["suspicious-character"] == [p.code for p in ctx.problems]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.barnardos.org.uk/x?y=1#z", True),
        ("https://bücher.example/", True),
        ("http://127.0.0.1:8080/", True),
        ("https://.", False),
        ("https://example..org", False),
        ("https://example.org:99999/", False),
        ("https://example.org\\path", False),
        ("https://example.co.uk./", True),
        # Pasted from a page's HTML (found by a review).
        ('https://example.org/"><script>x</script>', False),
        ("https://exa<mple.org/", False),
    ],
)
def test_what_is_an_address(url: str, ok: bool) -> None:
    assert ok is schema._is_url(url)


def test_a_host_of_many_colons_takes_no_time() -> None:
    """urlsplit gives such a host in brackets before Python 3.11.4: split
    at each of its colons in turn, 300,000 of them took minutes.
    """
    assert schema._HOST.fullmatch(":" * 300_000 + "g") is None
    assert schema._HOST.fullmatch("a:" * 150_000 + "g") is None


@given(st.text(alphabet="0af.:g-"))
@example("::1")
@example("fe80::1.2")
def test_a_host_is_what_the_first_pattern_read(host: str) -> None:
    """The pattern that splits an IPv6 address at its first colon matches
    what the one that tried each colon did.
    """
    plain = re.compile(
        r"(?:[\w-]{1,63}\.)+[\w-]{2,63}|\d{1,3}(?:\.\d{1,3}){3}"
        r"|[0-9a-f:.]*:[0-9a-f:.]*"
    )
    assert (plain.fullmatch(host) is None) is (
        schema._HOST.fullmatch(host) is None
    )


def test_a_count_beyond_any_number_of_people() -> None:
    """Thousands of digits would make int() refuse, with a traceback."""
    ctx = schema.Context("f", [])
    count = schema.Count()
    assert 10**10 == count.convert_text("10000000000", ctx, (1, 1), "$")
    for text in ("10000000001", "9" * 5000):
        assert schema.INVALID is count.convert_text(text, ctx, (1, 1), "$")
    assert ["invalid-value"] * 2 == [p.code for p in ctx.problems]


def test_a_group_size_beyond_any_number_of_people() -> None:
    """The hint for a group's size read thousands of digits with int(),
    which refused them, with a traceback.
    """
    ctx = schema.Context("f", [])
    count = schema.Count(minimum=1, unknown_ok=True)
    for text in ("9" * 5000, "0" * 5000):
        assert schema.INVALID is count.convert_text(text, ctx, (1, 1), "$")
    assert ["invalid-value"] * 2 == [p.code for p in ctx.problems]


def test_an_id_of_any_length_is_refused_past_the_limit() -> None:
    ctx = schema.Context("f", [])
    slug = schema.Slug()
    longest = "a" * schema.MAX_ID_LENGTH
    assert longest == slug.convert(longest, ctx, (1, 1), "$")
    assert schema.INVALID is slug.convert(longest + "a", ctx, (1, 1), "$")
    (problem,) = ctx.problems
    assert problem.message.endswith("use at most 120 characters")
    assert len(problem.message) < 200


def test_a_date_in_full_width_digits() -> None:
    assert "; did you mean '2023-09-18'?" == date_hint("２０２３-０９-１８")


@pytest.mark.parametrize(
    ("written", "ok"),
    [
        ("CC-BY-4.0", True),
        ("CC-BY-4.0 OR ODbL-1.0", True),
        ("LicenseRef-our-terms", True),
        ("CC BY 4.0", False),
        ("all rights reserved, do not copy", False),
        # Shaped as ids, but none: a review found them valid.
        ("TBD", False),
        ("CC-BY-5.0", False),
        ("(((MIT", False),
    ],
)
def test_a_data_licence_is_spdx(written: str, ok: bool) -> None:
    ctx = schema.Context("f", [])
    value = schema.Licence().convert_text(written, ctx, (1, 1), "$")
    assert ok == (value == written)
    if written == "CC BY 4.0":
        assert "(did you mean 'CC-BY-4.0'?)" in ctx.problems[0].message


def test_hosts_in_scripts_with_vowel_signs() -> None:
    assert schema._is_url("https://हिन्दी.भारत/about")
    assert schema._is_url("https://கல்வி.இந்தியா")


@pytest.mark.parametrize(
    ("written", "warned"),
    [
        ("TBC", True),
        ("tbd.", True),
        ("N/A", True),
        ("NA", True),
        ("Unknown", True),
        ("none", True),
        ("?", True),
        ("-", True),
        ("not known", True),
        ("TBC\u00a0", True),  # not ASCII: the slower path checks it too
        # An answer, not a placeholder.
        ("No", False),
        ("Example Charity", False),
        ("TBC Example Trust", False),
        ("Unknown Example Survivors", False),
    ],
)
def test_a_placeholder_for_a_text(written: str, warned: bool) -> None:
    """A whole text that only says "not known" is warned about."""
    ctx = schema.Context("f", [])
    value = schema.Text().convert(written, ctx, (1, 1), "$.summary")
    codes = [p.code for p in ctx.problems]
    assert (["placeholder-value"] if warned else []) == codes
    assert written.strip() == value.strip()


def test_a_placeholder_in_a_list_says_to_leave_the_item_out() -> None:
    ctx = schema.Context("f", [])
    schema.Text().convert("TBC", ctx, (1, 1), "$.asks[2]")
    (problem,) = ctx.problems
    assert "as one of the asks; " in problem.message
    assert problem.message.endswith("or leave the item out until one does")


def test_a_placeholder_may_be_a_note() -> None:
    ctx = schema.Context("f", [])
    schema.Text(placeholder_ok=True).convert("none", ctx, (1, 1), "$.notes")
    assert [] == ctx.problems


@pytest.mark.parametrize("written", ["TBC", "N/A", "Example Name", "?"])
def test_a_private_placeholder_is_never_told_apart(written: str) -> None:
    """No private value gets the warning: were some to get it, it would
    tell them from the others.
    """
    ctx = schema.Context("f", [], redact=True)
    schema.Text().convert(written, ctx, (1, 1), "$.name")
    assert [] == ctx.problems


@pytest.mark.parametrize(
    ("written", "end"),
    [
        # Where an organisation works across them, no source may say where
        # it is based: the first is not written as if one did.
        (
            "Spain, Portugal",
            (
                "is 2 countries; this field takes one: write the "
                "one a source gives ('ES' for Spain, say), or, if none does, leave "
                "it out and set scope"
            ),
        ),
        (
            "UK & Ireland",
            (
                "is 2 countries; this field takes one: write the "
                "one a source gives ('GB' for United Kingdom, say), or, if none "
                "does, leave it out"
            ),
        ),
        (
            "USA and Canada",
            (
                "is 2 countries; this field takes one: write the "
                "one a source gives ('US' for United States, say)"
            ),
        ),
        # One country's name holds the other's: neither is the longer.
        (
            "Ireland and Northern Ireland",
            (
                "is 2 countries; this field takes one: write the one a source "
                "gives ('IE' for Ireland, say)"
            ),
        ),
        (
            "Sudan/South Sudan",
            (
                "is 2 countries; this field takes one: write the one a source "
                "gives ('SD' for Sudan, say)"
            ),
        ),
        (
            "Guinea, Guinea-Bissau",
            (
                "is 2 countries; this field takes one: write the one a source "
                "gives ('GN' for Guinea, say)"
            ),
        ),
        ("England, Wales", 'did you mean "GB" (United Kingdom)?'),
        ("Trinidad & Tobago", 'did you mean "TT" (Trinidad and Tobago)?'),
        ("Scandinavia", "is a region, not a country"),
        ("The Nordics", "is a region, not a country"),
        ("MENA", "is a region, not a country"),
        ("KSA", 'did you mean "SA" (Saudi Arabia)?'),
        ("826", 'did you mean "GB" (United Kingdom)?'),
        ("Gaza", 'did you mean "PS" (Palestine)?'),
        ("Channel Islands", "could mean 'JE' (Jersey) or 'GG' (Guernsey)"),
        ("N. Ireland", 'did you mean "GB" (United Kingdom)?'),
        # The country beside a note in brackets.
        ("UK (HQ in London)", 'did you mean "GB" (United Kingdom)?'),
        # Near nothing known: still told what to write.
        (
            "Atlantis (head office)",
            (
                "is not an ISO 3166-1 alpha-2 code; write the code of the "
                'country a source gives ("IE" for Ireland, say), or leave '
                "the field out"
            ),
        ),
    ],
)
def test_what_a_country_written_as_in_a_press_release_gets(
    written: str, end: str
) -> None:
    """Lists of names, regions, abbreviations and numeric codes get the
    code to write, or are told to be no country.
    """
    ctx = schema.Context("f", [])
    schema.Country().convert(written, ctx, (1, 1), "$.hq_country")
    (problem,) = ctx.problems
    assert end in problem.message


def test_a_person_from_two_countries_is_not_told_to_pick_the_first() -> None:
    """Bug: "write 'GB' for United Kingdom, or whichever is meant, and say
    in notes where else it works": a person listed "UK and Ireland" was
    given the first country, which no source gave; and told of where they
    work, as an organisation is."""
    ctx = schema.Context("f", [])
    schema.Country(scope_field=None).convert(
        "UK and Ireland", ctx, (1, 1), "$.country"
    )
    (problem,) = ctx.problems
    assert problem.message == (
        "'UK and Ireland' is 2 countries; this field takes one: write the "
        "one a source gives ('GB' for United Kingdom, say), or, if none "
        "does, leave it out; say in notes what the source gives"
    )


def test_a_claims_list_of_countries_gets_each_as_an_item() -> None:
    """Bug: an item of a claim's countries written "UK and Ireland" was
    told to write the one a source gives, or to leave it out: the source
    lists both, and each is an item of the list.
    """
    from coalition_registry import Letter
    from coalition_registry.validation import read_records

    doc = (
        "id: l\ntitle: L\nclaims:\n  - measure: countries\n    value: 3\n"
        "    countries: [UK and Ireland, FR]\n"
        'sources:\n  - url: "https://example.org/letter"\n'
    )
    (problem,) = read_records(doc.encode(), "l.yaml", Letter).problems
    assert problem.message == (
        "'UK and Ireland' is 2 countries; write each as an item of the "
        "list: GB, IE"
    )
    assert (6, 17) == (problem.location.line, problem.location.column)


@pytest.mark.parametrize(
    "written", ["Spain, Portugal", "Scandinavia", "826", "Channel Islands"]
)
def test_a_private_country_gets_no_suggestion(written: str) -> None:
    """A private country gets the message every private country gets."""
    ctx = schema.Context("f", [], redact=True)
    schema.Country().convert(written, ctx, (1, 1), "$.hq_country")
    (problem,) = ctx.problems
    assert problem.message == (
        "the value (not shown: private) is not an ISO 3166-1 alpha-2 code; "
        "write the country's two-letter code, such as 'GB' for the United "
        "Kingdom (coalition-registry fmt --fix writes it for a country's "
        "name), or, if no source says where it is, leave the field out (it "
        "is counted as unknown)"
    )


def test_namibia_is_accepted_as_na() -> None:
    """NA is Namibia's code: accepted as it is (see docs/errors.md), while
    na and N/A are told to leave the field out.
    """
    ctx = schema.Context("f", [])
    assert "NA" == schema.Country().convert("NA", ctx, (1, 1), "$.country")
    assert [] == ctx.problems


@pytest.mark.parametrize(
    ("kind", "text", "said"),
    [
        (
            "Organisation",
            "id: example-org\nname: Example Org\nformer_name: Example Old\n",
            "write it as an item of aliases",
        ),
        (
            "Organisation",
            "id: example-org\nname: Example Org\nAcronym: EO\n",
            "write it as an item of aliases",
        ),
        (
            "Source",
            "url: https://example.org/\narchive_url: https://example.net/\n",
            "an archived copy is a source of its own",
        ),
        # A person has no aliases: notes, as for any other field.
        (
            "Signature",
            "id: l--o\nletter: l\nsignatory: o\nrole: expert\naka: x\n",
            "write what this says in notes",
        ),
    ],
)
def test_an_unknown_field_kept_elsewhere_says_where(
    kind: str, text: str, said: str
) -> None:
    """former_name was told to go in notes, where coverage never looks;
    archive_url had no word on how to keep an archived copy.
    """
    from coalition_registry import model
    from coalition_registry.validation import read_records

    cls = getattr(model, kind)
    result = read_records(text.encode(), "x.yaml", cls)
    (problem,) = [p for p in result.problems if p.code == "unknown-field"]
    assert said in problem.message


def test_a_long_unknown_field_is_cut_in_its_message() -> None:
    """A pasted paragraph written as a key is not repeated whole."""
    from coalition_registry.model import Organisation
    from coalition_registry.validation import read_records

    key = "note" * 250
    text = f"id: example-org\nname: Example Org\n{key}: x\n"
    result = read_records(text.encode(), "o.yaml", Organisation)
    (problem,) = [p for p in result.problems if p.code == "unknown-field"]
    assert "(1,000 characters)" in problem.message
    assert len(problem.message) < 400


@pytest.mark.parametrize(
    ("kind", "written"),
    [
        (schema.Country(), "\u201cGB\u201d"),
        (schema.Url(), "\u201chttps://example.org/about\u201d"),
    ],
)
def test_a_value_in_curly_quotes_is_told_so(
    kind: schema.FieldType, written: str
) -> None:
    """Retyped in the same word processor, the quotes would come back:
    the message says what they are.
    """
    ctx = schema.Context("f", [])
    kind.convert(written, ctx, (1, 1), "$")
    (problem,) = ctx.problems
    assert "wrapped in curly quotes" in problem.message
    assert "did you mean" in problem.message


@pytest.mark.parametrize("text", ["Narnia", "ON"])
def test_a_country_with_no_guess_still_says_what_to_write(text: str) -> None:
    """With no code to suggest, the message still says what the field takes,
    rather than end at "not an ISO 3166-1 alpha-2 code"."""
    ctx = schema.Context("f", [])
    schema.Country().convert(text, ctx, (1, 1), "$.hq_country")
    (problem,) = ctx.problems
    assert problem.message == (
        f"{text!r} is not an ISO 3166-1 alpha-2 code; write the code of the "
        'country a source gives ("IE" for Ireland, say), or leave the field '
        "out"
    )


def test_a_list_written_without_hyphens_says_to_add_them() -> None:
    """``sources:`` followed by ``url: ...`` with no ``- `` is a mapping: the
    message says to start each item with a hyphen, with an example field
    from the schema, never a key from the file (which may be private)."""
    from coalition_registry.model import Source
    from coalition_registry.parsing import parse

    raw = parse(b"Jane Example: x\nurl: https://example.org/\n", "f").data
    for item, shown in (
        (schema.Nested(Source), ", as in '- url: ...'"),
        (schema.Text(), ""),
    ):
        ctx = schema.Context("f", [])
        schema.ListOf(item).convert(raw, ctx, (1, 1), "$.sources")
        (problem,) = ctx.problems
        assert problem.message == (
            "expected a list, found a mapping; start each item with '- ' "
            f"(a hyphen and a space){shown}"
        )


@pytest.mark.parametrize("written", ["²", "2023²", " ²⁰²³ "])
def test_a_date_in_superscript_digits(written: str) -> None:
    """Superscripts are digits to str.isdigit, not to int(): the hint read
    them as a spreadsheet's day number, with a traceback.
    """
    assert "" == date_hint(written)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("reach me on name.surname+tag@example.co.uk", "an e-mail address"),
        ("+44 7700 900123", "a telephone number"),
        ("+1 (555) 010-0199", "a telephone number"),
        ("reach me on 07700 900123", "a telephone number"),
        ("Office tel: (020) 7946 0000", "a telephone number"),
        ("tel. 020-7946-0000.", "a telephone number"),
        ("Telefon: 030 12345678", "a telephone number"),
        ("call her on 07700 900123", "a telephone number"),
        ("my number is 07700 900123", "a telephone number"),
        ("jane(at)example.org", "an e-mail address"),
        ("+44 7700\u2013900123", "a telephone number"),
        ("0044 7700 900123", "a telephone number"),
        ("00 44 7700 900123", "a telephone number"),
        ("001 (555) 010-0199", "a telephone number"),
        ("JANE(AT)EXAMPLE.ORG", "an e-mail address"),
        # North America's numbers, which start with no 0.
        ("call 555-123-4567", "a telephone number"),
        ("call 555.123.4567", "a telephone number"),
        ("(555) 123-4567", "a telephone number"),
        ("555-123-4567", "a telephone number"),
        # An address pasted from a keyboard of full-width characters, or
        # written so that programs do not harvest it.
        ("jane\uff20example.org", "an e-mail address"),
        ("jane[at]example[dot]org", "an e-mail address"),
        ("jane (at) example (dot) co (dot) uk", "an e-mail address"),
    ],
)
def test_contact_details_are_found(text: str, found: str) -> None:
    assert found == schema.holds_contact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Registered charity 216250 (England and Wales), SC037605 (Scotland)",
        "Company number 08123456",
        "Childline: 0800 1111",
        "Signed by 1,200+ people; + 40 others",
        "Founded 05.03.1866, renamed 2019-2023",
        "ISBN 978-0-306-40615-7",
        "ISBN 0-19-852663-6",
        "ISBN 0306406152",
        "Num\u00e9ro d'entreprise 0403.170.701",
        "Registration number 0403.170.701",
        "P.IVA 00488410010",
        "Via Example 12, 00100 Roma",
        "0043 1 234",
        "https://example.org/?id=0123456789",
        "https://example.org/?id=+44770090012",
        "First contact on 01/02/2023 14:05 via the form",
        "Funded under call no. 01/2023/123456",
        "Annual budget +2 500 000 000 XOF",
        "Petition passed +10 000 000 signatures",
        "Located at +51.50740 -0.12780",
        "doi:10.1000/0123456789",
        "https://medium.com/@example/a-post",
        "@example on social media",
        "Example Child Safety Foundation",
        "Company number 12-3456789",
        "pages 123-456",
        "the 2023-2024 session",
        "phone 123-4567",
        "ring 1-800",
    ],
)
def test_what_is_not_contact_details(text: str) -> None:
    assert schema.holds_contact(text) is None


@pytest.mark.parametrize(
    "text", ["Write to JANE(AT)EXAMPLE.ORG", "jane [at] example.org"]
)
def test_an_address_in_any_case_is_refused_by_a_text_field(text: str) -> None:
    """A text field looks for contact details only in texts holding what
    they start with: "(at)" in capitals had passed that first look.
    """
    ctx = schema.Context("f", [])
    schema.Text().convert(text, ctx, (2, 8), "$.notes")
    assert ["contact-details"] == [p.code for p in ctx.problems]


@pytest.mark.parametrize(
    ("url", "found"),
    [
        (
            (
                "https://docs.google.com/forms/d/e/1FAIpQ/viewform"
                "?entry.1=jane.doe@example.org&entry.2=x"
            ),
            "an e-mail address",
        ),
        ("https://example.org/x?phone=%2B447700900123", "a telephone number"),
        ("https://example.org/people/jane%40example.org", "an e-mail address"),
        ("https://example.org/x#jane@example.org", "an e-mail address"),
        ("https://medium.com/@example/a-post", None),
        ("https://example.org/search?q=child+safety+2023", None),
        ("https://example.org/?id=+44770090012", None),
        ("https://example.org/a+b/c", None),
    ],
)
def test_a_web_address_holding_contact_details_is_refused(
    url: str, found: str | None
) -> None:
    """A sign-up form's link, copied after filling it in, holds the
    answers; published as a source, they would be read by anyone.
    """
    ctx = schema.Context("f", [])
    schema.Url().convert(url, ctx, (2, 8), "$.sources[0].url")
    said = [
        p.message.split(" holds ")[1].split(" (not shown)")[0]
        for p in ctx.problems
    ]
    assert ([found] if found else []) == said
    assert all("jane" not in p.message for p in ctx.problems)


def test_an_identifier_holding_contact_details_is_refused() -> None:
    from coalition_registry.parsing import parse

    raw = parse(b"GB-CHC: jane@example.org\n", "f").data
    ctx = schema.Context("f", [])
    assert schema.INVALID is schema.Identifiers().convert(
        raw, ctx, (1, 1), "$.identifiers"
    )
    assert ["contact-details"] == [p.code for p in ctx.problems]
    assert "jane" not in ctx.problems[0].message


def test_contact_details_are_never_shown() -> None:
    for redact in (False, True):
        ctx = schema.Context("f", [], redact=redact)
        text = "Ring Example on +44 7700 900123"
        assert text == schema.Text().convert(text, ctx, (4, 8), "$.notes")
        (problem,) = ctx.problems
        assert ("contact-details", 4, 8) == (
            problem.code,
            problem.location.line,
            problem.location.column,
        )
        assert "7700" not in problem.message
        assert "+44" not in problem.message


@given(st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True))
@example("0000")
@example("0000-01")
@example("0000-01-01")
def test_any_date_of_digits_is_a_date_or_a_problem(text: str) -> None:
    """'0000' as a letter's year raised ValueError out of every command."""
    ctx = schema.Context("f", [])
    value = schema.Date(partial=True).convert(text, ctx, (3, 7), "$.date")
    if value is schema.INVALID:
        assert ["invalid-date"] == [p.code for p in ctx.problems]
    else:
        assert isinstance(value, (dt.date, schema.PartialDate))
        assert value.isoformat() == text


def test_a_lost_letter_is_suspicious() -> None:
    """U+FFFD stands for a letter a wrong encoding lost: it was accepted."""
    for redact in (False, True):
        ctx = schema.Context("f", [], redact=redact)
        schema.Text().convert("Example Caf\ufffd", ctx, (3, 7), "$.name")
        (problem,) = ctx.problems
        assert "suspicious-character" == problem.code
        if not redact:
            assert "(U+FFFD) at character 12" in problem.message


def test_an_id_may_not_run_a_short_name_together() -> None:
    """`Jo Li` has no word of three letters, and person-joli42 passed."""
    assert "joli" in schema.name_words("Jo Li")


def test_no_month_of_the_year_0_is_suggested() -> None:
    """'0000-1' was told "did you mean '0000-01'?", itself refused."""
    assert "" == date_hint("0000-1", partial=True)
    assert "; did you mean '2023-01'?" == date_hint("2023-1", partial=True)


@pytest.mark.parametrize("redact", [False, True])
def test_a_value_listed_twice_is_refused_at_the_second(redact: bool) -> None:
    from coalition_registry.parsing import parse

    raw = parse(b"- Example One\n- Example Two\n- Example One\n", "f").data
    ctx = schema.Context("f", [], redact=redact)
    assert schema.INVALID is schema.ListOf(schema.Text(), unique=True).convert(
        raw, ctx, (1, 1), "$.aliases"
    )
    (problem,) = ctx.problems
    assert ("invalid-value", 3, 3) == (
        problem.code,
        problem.location.line,
        problem.location.column,
    )
    assert "listed twice (first at line 1, column 3)" in problem.message
    assert redact == ("Example One" not in problem.message)
    plain = schema.ListOf(schema.Text()).convert(raw, ctx, (1, 1), "$.a")
    assert ("Example One", "Example Two", "Example One") == plain


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ('=HYPERLINK("https://example.org","Example Trust")', True),
        ("=SUM(A1:A4)", True),
        ("= concat(A1, B1)", True),
        ("=B2", True),
        ('=A1&" "&B1', True),
        ('+HYPERLINK("https://example.org")', True),
        ("+44 20 7946 0000", False),
        ("=Example", False),
        ("Example = Trust (UK)", False),
    ],
)
def test_a_spreadsheets_formula_is_not_a_value(
    text: str, *, refused: bool
) -> None:
    """Pasted from a sheet, a formula was recorded as a name (found by a
    review)."""
    for read in (schema.Text().convert, schema.Text().convert_text):
        ctx = schema.Context("f", [])
        read(text, ctx, (1, 1), "$.name")
        assert refused == any(
            "spreadsheet's formula" in p.message for p in ctx.problems
        )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Online", "'Online' names no country;"),
        ("Remote", "'Remote' names no country;"),
        ("Europe", "'Europe' is a region, not a country;"),
        ("\U0001f1ea\U0001f1fa", "is a region, not a country;"),
    ],
)
def test_a_region_or_no_place_for_a_country(written: str, said: str) -> None:
    """'Online' is no region; the EU's flag is the EU's, as "EU" is."""
    ctx = schema.Context("f", [])
    schema.Country(scope_field="scope").convert(
        written, ctx, (3, 13), "$.hq_country"
    )
    (problem,) = ctx.problems
    assert said in problem.message
    assert "set scope to regional or international" in problem.message


def test_a_date_with_a_sign_is_no_telephone_number() -> None:
    """'+2023-09-18', as a spreadsheet may write a date, was said to hold
    contact details, and not shown.
    """
    assert schema.holds_contact("+2023-09-18") is None
    assert schema.holds_contact("+44 7700 900123") is not None


@pytest.mark.parametrize(
    ("written", "meant"),
    [("\u0664\u0660", "40"), ("\uff11\uff12", "12"), ("\u09e9", "3")],
)
def test_a_count_in_the_digits_of_another_script(
    written: str, meant: str
) -> None:
    """As a sheet in Arabic or in Japanese gives it: "write digits only"
    said nothing to someone who had.
    """
    ctx = schema.Context("f", [])
    schema.Count(unknown_ok=True).convert(
        written, ctx, (3, 15), "$.member_count"
    )
    (problem,) = ctx.problems
    assert problem.message.endswith(
        f"write it in the digits 0 to 9: did you mean {meant}?"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("https://example.org)", "; did you mean 'https://example.org'?"),
        ("https://example.org.)", "; did you mean 'https://example.org'?"),
        (
            "https://example.org:99999/",
            (
                "; its port, the number after the host's ':', is no number from "
                "0 to 65535"
            ),
        ),
    ],
)
def test_what_is_wrong_with_an_address_is_said(
    written: str, said: str
) -> None:
    """A bracket copied from the sentence around a link, or a port out of
    range, got only "copy the page's full address from the browser".
    """
    ctx = schema.Context("f", [])
    schema.Url().convert(written, ctx, (2, 10), "$.sources[0].url")
    (problem,) = ctx.problems
    assert said in problem.message


def test_a_bracket_that_is_part_of_an_address_is_kept() -> None:
    url = "https://en.wikipedia.org/wiki/Example_(charity)"
    ctx = schema.Context("f", [])
    assert url == schema.Url().convert(url, ctx, (2, 10), "$.url")
    assert [] == ctx.problems
