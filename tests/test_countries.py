"""Country codes, names and suggestions, checked against real-world data."""

from __future__ import annotations

from pathlib import Path

import pytest

from hypothesis import example, given
from hypothesis import strategies as st

from coalition_registry import countries
from coalition_registry.parsing import parse


NAMES = (
    Path(__file__).parent / "data" / "country-names" / "countrynames-data.yaml"
)


@pytest.fixture(name="variants", scope="module")
def _variants() -> dict[str, list[str]]:
    """countrynames' variants (MIT; see tests/data/country-names/)."""
    doc = parse(NAMES.read_bytes(), str(NAMES))
    assert () == doc.problems
    return {k: list(v) for k, v in doc.data.items()}


class TestCodes:
    @pytest.mark.parametrize("code", ["GB", "NO", "US", "XK", "TH", "NL"])
    def test_valid(self, code: str) -> None:
        assert countries.is_country(code)

    @pytest.mark.parametrize("code", ["UK", "gb", "EU", "GBR", "", "XX"])
    def test_invalid(self, code: str) -> None:
        assert not countries.is_country(code)

    def test_names(self) -> None:
        assert "United Kingdom" == countries.country_name("GB")
        assert "Kosovo" == countries.country_name("XK")

    @pytest.mark.parametrize(
        ("code", "name"),
        [
            ("PS", "Palestine"),
            ("CD", "Democratic Republic of the Congo"),
            ("VG", "British Virgin Islands"),
            ("KR", "South Korea"),
        ],
    )
    def test_names_in_the_order_spoken(self, code: str, name: str) -> None:
        """Not "Palestine, State of" beside "South Korea", and read back."""
        assert name == countries.country_name(code)
        assert code == countries.suggest(name)

    def test_no_name_is_turned_about(self) -> None:
        import pycountry

        # A comma before the last of a list ("Bonaire, Sint Eustatius and
        # Saba") is no turning about.
        assert not [
            name
            for c in pycountry.countries
            if ", " in (name := countries.country_name(c.alpha_2))
            and " and " not in name.rpartition(", ")[2]
        ]


class TestSuggest:
    @pytest.mark.parametrize(
        ("written", "meant"),
        [
            ("UK", "GB"),
            ("USA", "US"),
            ("gb", "GB"),
            ("DEU", "DE"),
            ("Canada", "CA"),
            ("the Netherlands", "NL"),
            ("England", "GB"),
            ("Untied Kingdom", "GB"),
            # One typo in a short name, too short to be alike as a whole.
            ("Frence", "FR"),
            ("Spian", "ES"),
            ("Sudun", "SD"),
            ("Côte d’Ivoire", "CI"),
            ("Türkiye", "TR"),
            ("Kosovo", "XK"),
        ],
    )
    def test_what_people_write(self, written: str, meant: str) -> None:
        assert meant == countries.suggest(written)

    @pytest.mark.parametrize("written", ["", "zzzz", "Narnia"])
    def test_nothing_close(self, written: str) -> None:
        assert countries.suggest(written) is None

    @pytest.mark.parametrize("written", ["Chila", "Congoo"])
    def test_one_typo_from_two_countries(self, written: str) -> None:
        """Chile or China, either Congo: no guess."""
        assert countries.suggest(written) is None

    @pytest.mark.parametrize("written", ["Europe", "International", "global"])
    def test_regions(self, written: str) -> None:
        assert countries.is_region_word(written)

    def test_real_variants_resolve_and_none_wrongly(
        self, variants: dict[str, list[str]]
    ) -> None:
        """Every spelling in countrynames' file for a current country
        resolves to its code, except those whose folded form could mean
        more than one country (they get none); none resolves to a wrong
        code."""
        right = wrong = none = 0
        for code, names in variants.items():
            if not countries.is_country(code):
                continue
            for name in names:
                guess = countries.suggest(str(name))
                if guess == code:
                    right += 1
                elif guess is None:
                    none += 1
                else:
                    wrong += 1
        total = right + wrong + none
        assert 0 == wrong
        assert right / total > 0.99, (right, none, total)

    def test_places_of_no_country_get_no_wrong_suggestion(
        self, variants: dict[str, list[str]]
    ) -> None:
        """countrynames' places under codes that are no country's: a part
        of the United Kingdom or of China is that country ("N.Ireland",
        once suggested as Ireland); a disputed territory or a former state
        gets no suggestion ("Republic of Somaliland", once suggested as
        Poland, and "Republic of Crimea" as Armenia), nor does Tibet, whose
        status is disputed too (once suggested as China)."""
        wrong = []
        for code, names in variants.items():
            if countries.is_country(code) or code == "FAIL":
                continue
            parent = code.partition("-")[0]
            for name in names:
                meant = (
                    parent
                    if parent in ("GB", "CN")
                    and not str(name).lower().startswith("tibet")
                    else None
                )
                guess = countries.suggest(str(name))
                if guess != meant:
                    wrong.append((code, name, guess))
        assert [] == wrong

    @pytest.mark.parametrize(
        ("written", "meant"),
        [
            ("N. Ireland", "GB"),
            ("Nothern Ireland", "GB"),
            ("Republic of Somaliland", None),
            ("Republic of Crimea", None),
            ("Republic of Abkhazia", None),
            ("Northern Cyprus", None),
            ("Tibet", None),
            ("Tibet Autonomous Region", None),
            # In no list of spellings: once Kenya, Armenia and Iraq.
            ("Republic of Chechnya", None),
            ("Republic of Karelia", None),
            ("Republic of Biafra", None),
            # Mistyped, word by word: still found.
            ("Trinidad nad Tobago", "TT"),
            ("Niger ia", "NG"),
            ("Newzealand", "NZ"),
            ("Papua Guinea", "PG"),
        ],
    )
    def test_a_word_unlike_any_of_a_name_is_another_place(
        self, written: str, meant: str | None
    ) -> None:
        assert meant == countries.suggest(written)

    def test_non_countries_get_no_suggestion(
        self, variants: dict[str, list[str]]
    ) -> None:
        """Strings that name no country ('N/A', 'Africa'...) are not
        turned into one."""
        fails = variants["FAIL"]
        suggested = [n for n in fails if countries.suggest(n) is not None]
        assert [] == suggested


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # As the World Bank's tables, and the spreadsheets made from them,
        # write them: words turned round and shortened.
        ("Korea, Rep.", "KR"),
        ("Korea, Dem. People's Rep.", "KP"),
        ("Egypt, Arab Rep.", "EG"),
        ("Iran, Islamic Rep.", "IR"),
        ("Venezuela, RB", "VE"),
        ("Yemen, Rep.", "YE"),
        ("Congo, Dem. Rep.", "CD"),
        ("Congo, Rep.", "CG"),
        ("Micronesia, Fed. Sts.", "FM"),
        ("Lao PDR", "LA"),
        ("Tanzania, United Rep.", "TZ"),
        ("Macedonia, FYR", "MK"),
        ("Virgin Islands (U.S.)", "VI"),
        ("St. Kitts & Nevis", "KN"),
        ("Gambia, The", "GM"),
        # Words of no country's name, or of two: nothing.
        ("Republic", None),
        ("Rep. of Example", None),
        ("Islands, Rep.", None),
    ],
)
def test_names_turned_round_or_shortened_are_known(
    written: str, meant: str | None
) -> None:
    """import took none of these, and validate suggested nothing."""
    assert meant == countries.named(written)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Korea, Rep.", "KR"),
        ("Lao PDR", "LA"),
        ("Gambia, The", "GM"),
        # Not an ISO name in any order: a person confirms the suggestion.
        ("Macedonia, FYR", None),
    ],
)
def test_iso_names_turned_round_are_codes(
    written: str, meant: str | None
) -> None:
    """import writes the code for an ISO 3166 name in another order."""
    assert meant == countries.code_of(written)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Macau", "MO"),
        ("Hong Kong SAR", "HK"),
        ("Republic of Ireland", "IE"),
        ("State of Palestine", "PS"),
        ("Vatican City", "VA"),
        ("N. Ireland", None),  # suggested, as a person must confirm it
    ],
)
def test_english_names_in_wide_use_are_codes(
    written: str, meant: str | None
) -> None:
    """What a signatory list written in English gives for a country, that
    import writes as its code without asking."""
    assert meant == countries.code_of(written)


def test_normalise_folds_apostrophes_accents_case() -> None:
    assert countries.normalise("Barnardo’s") == countries.normalise(
        "BARNARDO'S"
    )
    assert "cote divoire" == countries.normalise("Côte d'Ivoire")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        # Vowel signs, a virama, Thai vowels and the kana voicing mark
        # spell the word: kept, not made spaces or dropped.
        ("बाल संरक्षण", "बाल संरक्षण"),
        ("มูลนิธิเด็ก", "มูลนิธิเด็ก"),
        ("ﾊﾞｽ", "\u30cf\u3099\u30b9"),
        # Accents and Hebrew or Arabic vowel points go; so do the dot of
        # Turkish's dotless i, the stroke of ł, and what cannot be seen.
        ("Işık İSTANBUL", "isik istanbul"),
        ("Łódź Ærø", "lodz aero"),
        ("שָׁלוֹם", "שלום"),
        ("مُنَظَّمَة", "منظمة"),
        ("Kinder\u00adschutz", "kinderschutz"),
        ("کودک\u200cها", "کودکها"),
        ("Kids \u2764\ufe0f", "kids"),
        # Letters in the styles of mathematics, as fancy text pastes them.
        ("\U0001d404\U0001d431 \u2119", "ex p"),
    ],
)
def test_normalise_in_other_scripts(text: str, folded: str) -> None:
    assert folded == countries.normalise(text)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("\uff2a\uff30", "JP"),  # full-width, as typed in Japanese
        ("\uff44\uff45", "DE"),
        ("टोगो", "TG"),  # Togo and Tonga in Hindi: two names
        ("टोंगा", "TO"),
        ("\u039d\u039f", None),  # Greek Nu and Omicron: they look like NO
    ],
)
def test_codes_and_names_in_other_scripts(
    written: str, meant: str | None
) -> None:
    assert meant == countries.suggest(written)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Kenya (Nairobi)", "KE"),
        ("Nairobi (Kenya)", "KE"),
        ("UK (Scotland)", "GB"),
        ("Ireland (UK)", None),  # two countries: for a person to choose
        # Beside what names no single country, apart or together.
        ("Ukraine (Crimea)", None),
        ("Cyprus (Northern)", None),
        ("Somalia (Somaliland)", None),
        ("Nairobi (Mombasa)", None),
    ],
)
def test_a_place_beside_its_country(written: str, meant: str | None) -> None:
    """A city or region in brackets beside the country, or the country in
    brackets beside it, suggests the country; two countries suggest none.
    """
    assert meant == countries.suggest(written)
    # A suggestion only: nothing writes it without a person.
    assert countries.code_of(written) is None


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("\U0001f1ec\U0001f1e7", "GB"),  # a flag, as forms and posts have
        (" \U0001f1ef\U0001f1f5 ", "JP"),
        # Scotland's: a black flag, the tags g b s c t, a cancel tag.
        (
            (
                "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074"
                "\U000e007f"
            ),
            "GB",
        ),
        ("\U0001f1eb\U0001f1f7\ufe0f", "FR"),  # with the emoji selector
        ("\U0001f1ea\U0001f1fa", None),  # the European Union's: no country
        ("\U0001f1fa\U0001f1f3", None),  # the United Nations'
        ("\U0001f1ec", None),  # half a flag
        ("\U0001f3f4", None),  # a black flag alone
    ],
)
def test_a_flag_is_its_country(written: str, meant: str | None) -> None:
    """A flag names one country for certain: import and fmt --fix write
    its code, as for a name."""
    assert meant == countries.code_of(written)
    assert meant == countries.suggest(written)


@pytest.mark.parametrize(
    "written",
    [
        "\xdf",  # whose upper case is "SS", South Sudan's code
        "\xdf\xdf",
        "\ufb01",  # the ligature fi, one character: Finland's code
        "\ufb06",  # st, Sao Tome and Principe's
    ],
)
def test_a_character_that_becomes_two_letters_is_no_code(
    written: str,
) -> None:
    """Full-width codes are read as codes, but not a character whose upper
    case or plain form is two letters: fmt would write a country for it.
    """
    assert countries.code_of(written) is None
    assert countries.named(written) is None
    assert countries.suggest(written) is None


def _fold_by_hand(text: str) -> str:
    """normalise() as first written, a character at a time."""
    import unicodedata

    out = []
    plain = unicodedata.normalize("NFKD", text).casefold()
    for ch in unicodedata.normalize("NFKD", plain):
        kind = unicodedata.combining(ch)
        if kind == 1 or 10 <= kind <= 36 or kind >= 200:
            continue
        if unicodedata.category(ch) == "Cf" or "VARIATION SELECTOR" in (
            unicodedata.name(ch, "")
        ):
            continue
        if ch == "\u034f":  # the combining grapheme joiner
            continue
        if ch in countries.LATIN_LETTERS:
            out.append(countries.LATIN_LETTERS[ch])
        elif ch.isalnum() or unicodedata.category(ch) in {"Mn", "Mc"}:
            out.append(ch)
        elif ch in "'’‘`´ʼ":
            continue
        else:
            out.append(" ")
    return " ".join("".join(out).split())


@given(
    st.text(
        alphabet=st.sampled_from(
            "aZ9 '`’´-.&_\t\x1cÉéßİıŁ\u0301\u00a0ﬁ\u00ad\u200cबालभ्\u0e34ガ\ufe0f"
        )
        | st.characters(max_codepoint=127)
        | st.characters()
    )
)
@example("Barnardo's `Example` Org. (UK)")
@example("Côte d’Ivoire, İstanbul Straße ﬁ, Arcʼhantina")
def test_normalise_is_the_fold_by_hand(text: str) -> None:
    """Both fast paths (ASCII, and the table of characters) fold exactly
    as a loop over the characters does.
    """
    assert _fold_by_hand(text) == countries.normalise(text)
    assert _fold_by_hand(text) == countries._fold(text)


def test_shipped_spellings_are_derived_from_the_data() -> None:
    """The package's spelling table is what the tool makes of the data."""
    import importlib.util
    import sys

    root = Path(__file__).parent.parent
    spec = importlib.util.spec_from_file_location(
        "make_country_aliases", root / "tools" / "make_country_aliases.py"
    )
    assert spec is not None
    assert spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    sys.modules["make_country_aliases"] = tool
    spec.loader.exec_module(tool)
    table = tool.aliases(NAMES.read_bytes())
    shipped = root / "coalition_registry" / "data" / "country-aliases.tsv"
    assert "".join(
        f"{k}\t{v}\n" for k, v in table.items()
    ) == shipped.read_text(encoding="utf-8")


def test_fmt_fix_writes_the_code_import_writes(
    variants: dict[str, list[str]],
) -> None:
    """A volunteer's "UK" was written GB by import and left by fmt --fix:
    both tools now read a country's name one way, over the real variants
    of every country's name."""
    from coalition_registry.fmt import exact_country
    from coalition_registry.schema import not_known

    fixed = 0
    for names in variants.values():
        for name in names:
            code = exact_country(name)
            if code is not None:
                fixed += 1
                assert code == countries.code_of(name), name
            elif countries.code_of(name) is not None and not (
                countries.is_country(name) or not_known(name)
            ):
                # Import takes it; fmt leaves it only when validate would
                # suggest another country.
                assert countries.suggest(name) != countries.code_of(name), name
    assert fixed > 1000


def test_congo_is_either_congo() -> None:
    """People write "Congo" for both: no single code is suggested, or
    written by fmt --fix."""
    from coalition_registry.fmt import exact_country

    assert ("CG", "CD") == countries.either("Congo")
    assert countries.suggest("Congo") is None
    assert exact_country("Congo") is None
    assert "CD" == countries.suggest("DR Congo")


def test_korea_alone_is_either_korea() -> None:
    """ "Korea" was suggested as South Korea: a guess that counts a
    signatory in the other country when it is wrong."""
    from coalition_registry.fmt import exact_country

    assert ("KR", "KP") == countries.either("Korea")
    assert ("KR", "KP") == countries.either("the Korea")
    assert countries.suggest("Korean") is None
    assert countries.suggest("Korea") is None
    assert exact_country("Korea") is None
    assert "KR" == countries.suggest("South Korea")
    assert "KP" == countries.code_of("North Korea")


@pytest.mark.parametrize(
    ("written", "place", "code"),
    [
        ("NI", "Northern Ireland", "GB"),
        ("ni", "Northern Ireland", "GB"),
        ("SC", "Scotland", "GB"),
        ("SA", "South Africa", "ZA"),
        ("CH", "China", "CN"),
        ("SK", "South Korea", "KR"),
        ("CA", "California", "US"),
        (" \uff2e\uff29 ", "Northern Ireland", "GB"),  # full-width NI
    ],
)
def test_codes_written_for_another_place(
    written: str, place: str, code: str
) -> None:
    assert (place, code) == countries.written_for_another(written)
    # Each is a country's code all the same.
    assert countries.is_country(countries.code_of(written.strip()) or "")


@pytest.mark.parametrize(
    "written",
    ["FR", "GB", "ZA", "Nicaragua", "NIC", "N I", "\U0001f1f3\U0001f1ee"],
)
def test_codes_not_written_for_another_place(written: str) -> None:
    """Other codes, names, alpha-3 codes, and a flag, which is not typed
    for another place, are what they say."""
    assert countries.written_for_another(written) is None


def test_kongo_and_near_misses_are_either_congo() -> None:
    assert ("CG", "CD") == countries.either("Kongo")
    assert countries.suggest("Congoo") is None


@pytest.mark.parametrize(
    ("name", "code"), [("America", "US"), ("Georgia", "GE")]
)
def test_a_name_of_another_place_too_is_suggested_not_taken(
    name: str, code: str
) -> None:
    """America is also the continents, Georgia a US state: the code is
    offered for a person to confirm, never written without one."""
    assert countries.code_of(name) is None
    assert code == countries.suggest(name)


@pytest.mark.parametrize(
    "written",
    [
        "Ireland and Northern Ireland",
        "Ireland/Northern Ireland",
        "Sudan/South Sudan",
        "Samoa/American Samoa",
        "Guinea & Guinea-Bissau",
        "Papua New Guinea/Guinea",
    ],
)
def test_two_countries_one_named_inside_the_other_are_no_country(
    written: str,
) -> None:
    """Read as a set of words, "Ireland and Northern Ireland" was "Northern
    Ireland" (GB): an all-Ireland charity written in the wrong country.
    """
    assert countries.code_of(written) is None
    assert countries.suggest(written) is None
    assert countries.named(written) is None


def test_every_name_shown_is_its_code() -> None:
    """A name this library shows for a country ("Holy See") is accepted as
    written: refused, the message would suggest the very name refused.
    But for the names that also mean another place (Georgia, Congo).
    """
    two_places = countries._EITHER.keys() | countries._ALSO_ANOTHER_PLACE
    for code, name in countries._names().items():
        if countries.normalise(name) in two_places:
            continue
        assert (name, countries.code_of(name)) == (name, code)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Virgin Islands", ("VG", "VI")),
        ("the Virgin Islands", ("VG", "VI")),
        ("Channel Islands", ("JE", "GG")),
    ],
)
def test_names_of_two_places_name_both(
    written: str, meant: tuple[str, ...]
) -> None:
    assert countries.code_of(written) is None
    assert meant == countries.either(written)


@pytest.mark.parametrize(
    ("written", "found"),
    [
        # Its initials, though Ethiopia's and Chile's codes.
        ("Example Trust (ET)", (None, None)),
        ("Children's Help Line (CHL)", (None, None)),
        ("Example Trust (E.T.)", (None, None)),
        ("Example Trust (UK)", ("Example Trust", "GB")),
        ("Example Trust (Ethiopia)", ("Example Trust", "ET")),
    ],
)
def test_initials_in_brackets_are_no_country(
    written: str, found: tuple[str | None, str | None]
) -> None:
    assert found == countries.without_country(written)


def test_countries_read_from_pycountrys_file_are_pycountrys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Read without importing pycountry (which costs more than the rest of
    a warm validation), the countries are those pycountry gives.
    """
    import importlib.util

    import pycountry

    from_file = countries._countries()
    countries._countries.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    try:
        through_pycountry = countries._countries()
    finally:
        countries._countries.cache_clear()
    assert len(from_file) == len(pycountry.countries) > 240
    assert through_pycountry == [
        {k: v for k, v in c.items() if k in countries._FIELDS}
        for c in from_file
    ]
