"""Countries: ISO 3166-1 alpha-2 codes, their names, and suggestions for the
ways people actually write them.

pycountry's database is read on first use, not at import.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import unicodedata

from typing import Final


__all__ = [
    "REGION_WORDS",
    "code_of",
    "country_name",
    "ending_country",
    "flag_code",
    "is_country",
    "normalise",
    "suggest",
    "without_country",
    "written_for_another",
]

#: Codes accepted beyond ISO 3166-1: user-assigned but in wide use.
EXTRA_CODES: Final = {"XK": "Kosovo"}

# Names shown for the countries whose ISO name, even its common form, is
# a list's entry turned about ("Palestine, State of"), beside names such
# as "South Korea" and "Vietnam".
_SHOWN_AS: Final = {
    "CD": "Democratic Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "PS": "Palestine",
    "VA": "Holy See",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}

# Codes and names people write that pycountry does not resolve by itself.
# Keys are normalised (see normalise()).
_ALIASES: Final = {
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "england and wales": "GB",
    "usa": "US",
    "u s a": "US",
    "u s": "US",
    "us": "US",
    "america": "US",
    "united states": "US",
    "united states of america": "US",
    "el": "GR",
    "holland": "NL",
    "the netherlands": "NL",
    "russia": "RU",
    "turkey": "TR",
    "turkiye": "TR",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "kosovo": "XK",
    "uae": "AE",
    "czech republic": "CZ",
    "czechia": "CZ",
    "south korea": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "laos": "LA",
    "syria": "SY",
    "iran": "IR",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "taiwan": "TW",
    "palestine": "PS",
    "vatican": "VA",
    "macedonia": "MK",
    "north macedonia": "MK",
    "swaziland": "SZ",
    "eswatini": "SZ",
    "burma": "MM",
    "myanmar": "MM",
    "cape verde": "CV",
    "east timor": "TL",
    "micronesia": "FM",
    "brunei": "BN",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "dr congo": "CD",
    "republic of the congo": "CG",
    # Abbreviations and places that press releases give for a country.
    "ksa": "SA",
    "rok": "KR",
    "gaza": "PS",
    # English names in wide use that ISO spells otherwise (Macao, Ireland,
    # the State of Palestine, the Holy See).
    "macau": "MO",
    "macau sar": "MO",
    "macao sar": "MO",
    "hong kong sar": "HK",
    "republic of ireland": "IE",
    "state of palestine": "PS",
    "vatican city": "VA",
    "occupied palestinian territory": "PS",
    "occupied palestinian territories": "PS",
    "palestinian territory": "PS",
    "palestinian territories": "PS",
}

#: Words that name a region or no place at all: these belong in ``scope``.
REGION_WORDS: Final = frozenset(
    {
        "africa",
        "americas",
        "apac",
        "asia",
        "asia pacific",
        "balkans",
        "baltic states",
        "baltics",
        "benelux",
        "caribbean",
        "central america",
        "central and eastern europe",
        "central asia",
        "dach",
        "east africa",
        "east asia",
        "eastern europe",
        "emea",
        "eu",
        "europe",
        "european union",
        "global",
        "gulf",
        "gulf states",
        "international",
        "latam",
        "latin america",
        "mena",
        "middle east",
        "middle east and north africa",
        "nordic countries",
        "nordics",
        "north africa",
        "north america",
        "oceania",
        "online",
        "remote",
        "virtual",
        "pacific",
        "scandinavia",
        "south america",
        "south asia",
        "south east asia",
        "southeast asia",
        "southern africa",
        "sub saharan africa",
        "west africa",
        "western balkans",
        "western europe",
        "worldwide",
    }
)


def normalise(text: str) -> str:
    """Fold *text* for matching: case, accents, apostrophes and punctuation.

    >>> normalise("  Barnardo’s ")
    'barnardos'
    >>> normalise("Côte d'Ivoire")
    'cote divoire'
    """
    if text.isascii():
        # The common case, in one pass of C; _fold gives the same.
        return " ".join(text.lower().translate(_ASCII_FOLD).split())
    return _fold(text)


def _fold(text: str) -> str:
    """:func:`normalise` for any text: accents and apostrophes dropped,
    and characters that cannot be seen (a soft hyphen, a zero-width
    joiner); a Latin letter with a stroke or without its dot (ł, ı) as
    the letter, as accents go; letters, digits and the marks that spell a
    word (a Hindi or Thai vowel sign, a virama, the kana voicing mark)
    kept; anything else a space.
    """
    # Compatibility forms apart before case: a bold E (U+1D404, as fancy
    # text from a social media profile pastes it) has no lower case of its
    # own, but is an E, which has.
    decomposed = unicodedata.normalize(
        "NFKD", unicodedata.normalize("NFKD", text).casefold()
    )
    return " ".join(decomposed.translate(_FOLD_TABLE).split())


class _FoldTable(dict[int, str]):
    """What :func:`_fold` makes of each character, worked out the first
    time it is met: ``str.translate`` then folds in C.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        category = unicodedata.category(char)
        if _accent(char) or category == "Cf" or char in _UNSEEN_MARKS:
            # Never a gap between words either: "Kinder\xadschutz" (a
            # soft hyphen), Persian's zero-width non-joiner.
            folded = ""
        elif char in LATIN_LETTERS:
            folded = LATIN_LETTERS[char]
        elif char.isalnum() or category in {"Mn", "Mc"}:
            # The Breton letter U+02BC stays; so do the vowel signs of
            # Hindi or Thai, which are no accents: as spaces, "बाल" and
            # "बोल" (two words) were one name.
            folded = char
        elif char in "'’‘`´ʼ":
            folded = ""
        else:
            folded = " "
        # Kept for the characters a registry uses, not for every one a
        # hostile file could hold.
        if len(self) < _MOST_FOLDED:
            self[code] = folded
        return folded


def _accent(char: str) -> bool:
    """Whether *char* is a mark that folding drops: an accent (é written
    as e and U+0301), or a vowel point of Hebrew, Arabic or Syriac, which
    writing mostly leaves out.  Not the marks that make another letter of
    the one they stand on (a nukta, a virama, the kana voicing mark: バ is
    not ハ), nor the vowels and tones of Thai, Lao, Tibetan and Telugu,
    which are marks of classes of their own.
    """
    kind = unicodedata.combining(char)  # 0: no combining mark
    return kind == 1 or 10 <= kind <= 36 or kind >= 200


#: Latin letters that are not a letter and an accent, so that folding
#: accents leaves them as they are, as a Latin alphabet without them
#: writes them: "Łódź" is written "Lodz", and a dotless i as i.
LATIN_LETTERS: Final = {
    "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d",
    "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "k", "ſ": "s",
}  # fmt: skip

# Marks that cannot be seen: the variation selectors (❤️ is ❤ and one),
# the combining grapheme joiner, Mongolian's free variation selectors.
_UNSEEN_MARKS: Final = frozenset(
    (
        *map(chr, range(0xFE00, 0xFE10)),
        *map(chr, range(0xE0100, 0xE01F0)),
        *map(chr, range(0x180B, 0x1810)),
        "\u034f",
    )
)

_MOST_FOLDED: Final = 1 << 16
_FOLD_TABLE: Final = _FoldTable()


# What normalise() makes of each ASCII character that is not a letter or a
# digit: apostrophes go, anything else is a space.
_ASCII_FOLD: Final = {
    i: None if chr(i) in "'`" else " "
    for i in range(128)
    if not chr(i).isalnum()
}


@functools.cache
def _countries() -> list[dict[str, str]]:
    """The countries of pycountry's database, each as its fields.

    Read from the database file pycountry ships, as pycountry reads it:
    ``import pycountry`` takes 30 to 70 ms (it asks importlib.metadata for
    its version), a fifth of a warm validation that checks one country.
    """
    import importlib.util
    import json
    import os

    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.origin is not None:
        path = os.path.join(
            os.path.dirname(spec.origin), "databases", "iso3166-1.json"
        )
        try:
            with open(path, "rb") as f:
                found = json.load(f)["3166-1"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        else:
            if isinstance(found, list) and all(
                isinstance(c, dict) and "alpha_2" in c and "name" in c
                for c in found
            ):
                return found
    import pycountry  # laid out otherwise: through its own reader

    return [
        {
            name: getattr(c, name)
            for name in _FIELDS
            if getattr(c, name, None) is not None
        }
        for c in pycountry.countries
    ]


# The fields of a country this module reads.
_FIELDS: Final = (
    "alpha_2",
    "alpha_3",
    "numeric",
    "name",
    "common_name",
    "official_name",
)


@functools.cache
def _names() -> dict[str, str]:
    """Every alpha-2 code with its short English name (pycountry's, in
    the order it is spoken).
    """
    names = {
        c["alpha_2"]: c.get("common_name", c["name"]) for c in _countries()
    }
    names.update(_SHOWN_AS)
    names.update(EXTRA_CODES)
    return names


@functools.cache
def _index() -> dict[str, str]:
    """Normalised names, official names and alpha-3 codes, to alpha-2."""
    index: dict[str, str] = {}
    for c in _countries():
        # numeric: ISO 3166-1's three digits ("826"), as data sets give it.
        for attr in (
            "name",
            "common_name",
            "official_name",
            "alpha_3",
            "numeric",
        ):
            value = c.get(attr)
            if value:
                index.setdefault(normalise(value), c["alpha_2"])
    # The names this library shows ("Holy See", for pycountry's "Holy See
    # (Vatican City State)"): refusing one, a message would suggest it.
    for code, name in _SHOWN_AS.items():
        index.setdefault(normalise(name), code)
    index.update(_ALIASES)
    return index


def is_country(code: str) -> bool:
    """Whether *code* is an accepted alpha-2 code (upper case exactly)."""
    return code in _names()


def country_name(code: str) -> str:
    """The short English name of an alpha-2 code (the code if unknown)."""
    return _names().get(code, code)


@functools.cache
def _spellings() -> dict[str, str]:
    """Real-world spellings, folded, to alpha-2 (``?``: could mean more than
    one country; ``-``: names none), from countrynames (MIT; see
    data/COUNTRY-ALIASES-SOURCE.md).
    """
    from importlib.resources import files

    table = files("coalition_registry") / "data" / "country-aliases.tsv"
    out = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        key, _, code = line.partition("\t")
        out[key] = code
    return out


def suggest(text: str) -> str | None:
    """The alpha-2 code that *text* most likely means, or ``None``.

    Understands lower-case codes, alpha-3 codes, names in English (short,
    official and common forms), aliases such as ``UK``, and some 25,000
    real-world spellings in many languages, and codes typed in full-width
    letters.  A spelling that could mean more than one country once
    folded, or that names none ("Europe", "N/A"), gets no suggestion; only
    what matches no known spelling is compared for typing mistakes.

    >>> suggest("UK"), suggest("deu"), suggest("Untied Kingdom")
    ('GB', 'DE', 'GB')
    >>> suggest("Deutschland"), suggest("Côte d’Ivoire"), suggest("N/A")
    ('DE', 'CI', None)
    >>> suggest("Kenya (Nairobi)"), suggest("Ireland (UK)")
    ('KE', None)
    >>> suggest("Ukraine (Crimea)"), suggest("Cyprus (Northern)")
    (None, None)
    """
    found = named(text)
    if found is not None:
        return found or None
    aside = _aside(text)
    if aside is not None:
        # "Kenya (Nairobi)", "Nairobi (Kenya)": a place beside its country;
        # but not beside what names no single country, read apart or
        # together ("Ukraine (Crimea)", "Cyprus (Northern)").
        first, second = aside
        readings = {
            named(part)
            for part in (
                first,
                second,
                f"{second} {first}",
                f"{first} {second}",
            )
        }
        codes = {code for code in readings if code}
        if "" not in readings and len(codes) == 1:
            return codes.pop()
    key = normalise(text)
    index = _index()
    close = difflib.get_close_matches(
        key, [*(k for k in index if len(k) > 3), *_EITHER], n=1, cutoff=0.85
    )
    if not close:
        # Short names are not alike enough as a whole for one typo
        # ("Frence", "Spian"): take one letter added, left out, changed or
        # swapped, when every name so near is one country's.
        near = (
            [
                k
                for k in (*index, *_EITHER)
                if abs(len(k) - len(key)) <= 1 and _one_edit(key, k)
            ]
            if len(key) >= _ONE_EDIT_FROM and key.replace(" ", "").isalpha()
            else []
        )
        meant = {index.get(k) for k in near}
        return meant.pop() if len(meant) == 1 else None
    # A near miss of a name of two countries ("Congoo") suggests neither.
    if close[0] in _EITHER or not _misspelt(key, close[0]):
        return None
    return index[close[0]]


# The shortest name whose one typo is told apart from another name's:
# "Iran" and "Iraq", "Mali" and "Bali" are one letter apart.
_ONE_EDIT_FROM: Final = 5


def _aside(text: str) -> tuple[str, str] | None:
    """*text* as text and more in brackets after it, or ``None``.

    Found with string methods: a pattern that backtracks took seconds on
    a long value of spaces.

    >>> _aside(" Kenya (Nairobi) "), _aside("Kenya"), _aside("(UK)")
    (('Kenya', 'Nairobi'), None, None)
    """
    text = text.strip()
    start = text.rfind("(")
    if start <= 0 or not text.endswith(")"):
        return None
    outside, inside = text[:start].strip(), text[start + 1 : -1].strip()
    if not outside or not inside or "(" in outside or ")" in outside + inside:
        return None
    return outside, inside


def _misspelt(key: str, name: str) -> bool:
    """Whether *key*, close to the country name *name* as a whole, is a
    misspelling of it word by word: each of its words is like a word of
    the name, or like two of them run together; or it is the name with
    spaces left out or put in ("Niger ia").

    A word like none of the name's is another place, however alike the
    whole: "N. Ireland" is not Ireland, nor "Republic of Somaliland" the
    Republic of Poland.  A word of the name left out is a shortening, as
    in "Papua Guinea".

    >>> _misspelt("untied kingdom", "united kingdom")
    True
    >>> _misspelt("n ireland", "ireland"), _misspelt("unitedkingdom", "uk")
    (False, False)
    >>> _misspelt("trinidad nad tobago", "trinidad and tobago")
    True
    """
    if key.replace(" ", "") == name.replace(" ", ""):
        return True
    words = name.split()
    runs = [*words, *map("".join, itertools.pairwise(words))]
    return all(any(_like(word, run) for run in runs) for word in key.split())


def _like(word: str, other: str) -> bool:
    """Whether *word* is *other* mistyped: much alike, or, for a short word
    ("nad", "oof"), one letter added, left out, changed or swapped.
    """
    if difflib.SequenceMatcher(None, word, other).ratio() >= 0.75:
        return True
    return min(len(word), len(other)) >= 2 and _one_edit(word, other)


def _one_edit(word: str, other: str) -> bool:
    """Whether *word* is *other* with one letter added, left out, changed,
    or swapped with the next.

    >>> _one_edit("frence", "france"), _one_edit("spian", "spain")
    (True, True)
    >>> _one_edit("spain", "spain"), _one_edit("sapni", "spain")
    (False, False)
    """
    if word == other or abs(len(word) - len(other)) > 1:
        return False
    start = 0
    while start < min(len(word), len(other)) and word[start] == other[start]:
        start += 1
    a, b = word[start:], other[start:]
    return (
        a[1:] == b[1:]  # changed
        or a[1:] == b  # added
        or a == b[1:]  # left out
        or (a[:2] == b[1::-1] and a[2:] == b[2:])  # swapped
    )


def code_of(text: str) -> str | None:
    """The alpha-2 code *text* stands for without doubt: a code in any case,
    an alpha-3 or numeric code, a name ISO 3166 gives, or a short English
    name in common use (``UK``, ``Ivory Coast``); else ``None``.

    Unlike :func:`named`, a name in another language, a city, a region or a
    former state ("Deutschland", "London", "Rhodesia") is not taken: where a
    person must say which country a source means, it is theirs to say.

    >>> code_of("fr"), code_of("U.K."), code_of("Republic of Korea")
    ('FR', 'GB', 'KR')
    >>> code_of("\uff2a\uff30")  # ＪＰ, in full-width letters
    'JP'
    >>> code_of("Deutschland"), code_of("London"), code_of("Korea")
    (None, None, None)
    >>> code_of("America"), code_of("Georgia")  # a continent, a state too
    (None, None)
    """
    code = _as_code(text)
    if code is not None:
        return code
    key = normalise(text)
    if key in _EITHER or key in _ALSO_ANOTHER_PLACE:
        return None
    index = _index()
    return (
        index.get(key)
        or index.get(key.removeprefix("the "))
        or index.get(key.removesuffix(" the"))  # "Gambia, The"
        or _by_words(spellings=False).get(_words(key))
        or None
    )


def _as_code(text: str) -> str | None:
    """*text* as the alpha-2 code it is in any case, in full-width letters
    as a Japanese or Chinese keyboard types them (``ＪＰ``), or as a flag
    (``🇯🇵``, or a subdivision's, such as Scotland's, for its country);
    else ``None``.
    """
    if len(text) == 2 and text.upper() in _names():
        return text.upper()
    flag = flag_code(text.strip())
    if flag is not None:
        return flag
    if len(text) != 2 or text.isascii():
        return None
    # Two characters that are two ASCII letters once made plain, and only
    # then in upper case: a ligature ("\ufb01", fi) or a "\xdf" (whose
    # upper case is "SS") is no code.
    plain = unicodedata.normalize("NFKC", text)
    if len(plain) != 2 or not plain.isascii():
        return None
    return plain.upper() if plain.upper() in _names() else None


# A flag is drawn from two regional indicator symbols, one for each letter
# of the country's code; a subdivision's flag is a black flag, the letters
# and digits of its code as tag characters, and a cancel tag.
_INDICATOR_A: Final = 0x1F1E6
_BLACK_FLAG: Final = "\U0001f3f4"
_CANCEL_TAG: Final = "\U000e007f"
_TAG_A: Final = 0xE0061


def flag_code(text: str, *, subdivisions: bool = True) -> str | None:
    r"""The code of the country whose flag *text* is, or ``None``; with
    *subdivisions*, also of the country a subdivision's flag is in
    (Scotland's is GB's).

    >>> flag_code("\U0001f1ec\U0001f1e7"), flag_code("\U0001f1ea\U0001f1fa")
    ('GB', None)
    """
    # A keyboard or a font may add the emoji style selector after it.
    text = text.removesuffix("\ufe0f")
    code = _flag_letters(text)
    if code is None and (
        subdivisions
        and len(text) >= 5
        and text[0] == _BLACK_FLAG
        and text[-1] == _CANCEL_TAG
        and all(_TAG_A <= ord(c) < _TAG_A + 26 for c in text[1:3])
        and all(
            _TAG_A <= ord(c) < _TAG_A + 26 or 0xE0030 <= ord(c) <= 0xE0039
            for c in text[3:-1]
        )
    ):
        code = "".join(chr(ord(c) - _TAG_A + ord("A")) for c in text[1:3])
    # EU and UN have flags, and are no country.
    return code if code is not None and code in _names() else None


def _flag_letters(text: str) -> str | None:
    """The two letters a flag of regional indicator symbols is drawn from
    (``EU`` for the EU's), or ``None``; the emoji style selector after it
    is left out.
    """
    text = text.removesuffix("\ufe0f")
    if len(text) == 2 and all(
        _INDICATOR_A <= ord(c) < _INDICATOR_A + 26 for c in text
    ):
        return "".join(chr(ord(c) - _INDICATOR_A + ord("A")) for c in text)
    return None


def named(text: str) -> str | None:
    """The alpha-2 code that *text* is a known way of writing, as
    :func:`suggest` understands it but with no near-miss: ``""`` when it is
    known to name no single country ("Congo", "N/A"), ``None``
    when it is not known at all.

    >>> named("U.K."), named("N/A"), named("Untied Kingdom")
    ('GB', '', None)
    """
    code = _as_code(text)
    if code is not None:
        return code
    key = normalise(text)
    if not key:
        return ""
    if key in _EITHER:
        return ""
    index = _index()
    # "The Gambia", or "Gambia, The" as tables sort it.
    bare = key.removeprefix("the ").removesuffix(" the")
    for candidate in (key, bare if bare != key else ""):
        known = _spellings().get(candidate)
        if known is not None:
            return known if len(known) == 2 else ""
        if candidate in index:
            return index[candidate]
    return _by_words(spellings=True).get(_words(key)) or None


# How statistical tables shorten the words of countries' names, as the
# World Bank's do ("Korea, Rep.", "Lao PDR", "Micronesia, Fed. Sts."): each
# word, and each word it is short for, is read as one.
_WORD_FORMS: Final = {
    "rep": ("republic",),
    "dem": ("democratic",),
    "fed": ("federal",),
    "federated": ("federal",),
    "sts": ("states",),
    "st": ("saint",),
    "ste": ("sainte",),
    "is": ("islands",),
    "isl": ("islands",),
    "peoples": ("people",),
    "pdr": ("people", "democratic", "republic"),
    "dpr": ("democratic", "people", "republic"),
    "rb": ("bolivarian", "republic"),
    "fyr": ("former", "yugoslav", "republic"),
    "sar": ("special", "administrative", "region"),
}
# Words a name holds or leaves out without naming another place ("&" is
# folded away, so "and" must go too).
_FILLER: Final = frozenset({"of", "the", "and"})


def _words(key: str) -> tuple[str, ...]:
    """The words of a folded name, whatever their order, shortened or not,
    each as many times as it is written: "Ireland and Northern Ireland"
    is two places, not "Northern Ireland".

    >>> _words("korea dem peoples rep")
    ('democratic', 'korea', 'people', 'republic')
    >>> _words("sudan south sudan") == _words("south sudan")
    False
    """
    out: list[str] = []
    for word in key.split():
        if word not in _FILLER:
            out.extend(_WORD_FORMS.get(word, (word,)))
    return tuple(sorted(out))


@functools.cache
def _by_words(*, spellings: bool) -> dict[tuple[str, ...], str]:
    """Every name of two words or more, by its words: a name written in
    another order ("Korea, Republic of" for "Republic of Korea") or with
    words shortened finds its country.  A set of words two countries' names
    share maps to ``""``: it finds neither.  The names are ISO 3166's and
    the common English ones, and with *spellings* the real-world spellings
    too.
    """
    out: dict[tuple[str, ...], str] = {}
    names = itertools.chain(
        _index().items(), _spellings().items() if spellings else ()
    )
    for key, code in names:
        words = _words(key)
        # A code of two letters ("?" and "-" mean none), a name of two words.
        if len(code) != 2 or len(words) < 2:
            continue
        out[words] = code if out.get(words, code) == code else ""
    return out


#: Country names that also name another place a list may mean: America
#: (the continents), Georgia (a US state).  A code is suggested for them,
#: for a person to confirm, never written without one.
_ALSO_ANOTHER_PLACE: Final = frozenset({"america", "georgia"})


#: Names people use for either of two countries: no code is suggested for
#: them, nor written by ``fmt --fix``; :func:`either` names both.
_EITHER: Final = {
    **dict.fromkeys(("congo", "the congo", "kongo"), ("CG", "CD")),
    # "Korea" alone is most often the South, but a guess would count a
    # signatory in the other country when it is wrong.
    **dict.fromkeys(("korea", "the korea", "korean"), ("KR", "KP")),
    # Two Crown Dependencies, each with its own code.
    "channel islands": ("JE", "GG"),
    "the channel islands": ("JE", "GG"),
    # The British and the U.S. Virgin Islands, each with its own code.
    "virgin islands": ("VG", "VI"),
    "the virgin islands": ("VG", "VI"),
}


def either(text: str) -> tuple[str, ...]:
    """The codes of the countries *text* could mean, when it is a name
    people use for more than one ("Congo": the Republic of the Congo, or
    the Democratic Republic of the Congo); else empty.

    >>> either("Congo"), either("France")
    (('CG', 'CD'), ())
    """
    return _EITHER.get(normalise(text), ())


#: Codes that lists also write for another place, with that place and its
#: country's code: in a sheet of "England, Scotland, Wales, NI", ``NI`` is
#: Northern Ireland, not Nicaragua.
_WRITTEN_FOR_ANOTHER: Final = {
    "NI": ("Northern Ireland", "GB"),
    "SC": ("Scotland", "GB"),
    "SA": ("South Africa", "ZA"),
    "CH": ("China", "CN"),
    "SK": ("South Korea", "KR"),
    # In a list of where signatories live, a US state as an address writes
    # it.
    "CA": ("California", "US"),
}


def written_for_another(text: str) -> tuple[str, str] | None:
    """The place that *text*, a country's code typed in letters, is also
    written for, and that place's country's code; else ``None``.

    A spreadsheet's cell of ``NI`` reads as Nicaragua's code; a list of
    where signatories are from often means Northern Ireland by it.  A flag
    (🇳🇮) is not typed for another place, so it is not asked about.

    >>> written_for_another("NI"), written_for_another("sa")
    (('Northern Ireland', 'GB'), ('South Africa', 'ZA'))
    >>> written_for_another("FR"), written_for_another("Nicaragua")
    (None, None)
    """
    text = unicodedata.normalize("NFKC", text.strip())
    if len(text) != 2 or not text.isascii():
        return None
    return _WRITTEN_FOR_ANOTHER.get(text.upper())


#: Of :data:`REGION_WORDS`, those that name no place at all.
NO_PLACE_WORDS: Final = frozenset(
    {"global", "international", "online", "remote", "virtual", "worldwide"}
)
assert NO_PLACE_WORDS <= REGION_WORDS


def names_no_place(text: str) -> bool:
    """Whether *text* says 'everywhere' or 'nowhere in particular'.

    >>> names_no_place("Online"), names_no_place("Europe")
    (True, False)
    """
    return normalise(text).removeprefix("the ") in NO_PLACE_WORDS


def is_region_word(text: str) -> bool:
    """Whether *text* names a region or 'international', not a country.

    >>> is_region_word("The Nordics"), is_region_word("Norway")
    (True, False)
    >>> is_region_word("\U0001f1ea\U0001f1fa")  # the flag of the EU
    True
    """
    text = _flag_letters(text.strip()) or text
    return normalise(text).removeprefix("the ") in REGION_WORDS


#: The dashes a signatory list puts between a name and its country.
_DASHES: Final = (" - ", " \u2013 ", " \u2014 ")


def without_country(name: str) -> tuple[str | None, str | None]:
    """*name* without a country in brackets, or after a dash, at its end,
    and that country's code; ``(None, None)`` when it ends with none.

    >>> without_country("Example Charity (U.K.)")
    ('Example Charity', 'GB')
    >>> without_country("Example Charity \u2013 Ireland")
    ('Example Charity', 'IE')
    >>> without_country("Example Charity (Youth Section)")
    (None, None)
    """
    name = name.strip()
    dash = max(name.rfind(d) for d in _DASHES)
    if dash > 0 and not name.endswith(")"):
        bare, code = name[:dash].rstrip(), named(name[dash + 3 :])
        return (bare, code) if bare and code else (None, None)
    opening = name.rfind("(")
    if opening < 1 or not name.endswith(")"):
        return None, None
    inner, bare = name[opening + 1 : -1], name[:opening].rstrip()
    if ")" in inner or not bare or inner.replace(".", "") == initials(bare):
        # "Example Trust (ET)": its initials, though Ethiopia's code too.
        return None, None
    # Only a known spelling: no near-miss, which would take the time of
    # a search for each such name of a large registry.
    code = named(inner.strip())
    return (bare, code) if code else (None, None)


def initials(name: str) -> str:
    """The first letters of the words of *name* that start with a capital.

    >>> initials("Save the Children"), initials("Example Trust")
    ('SC', 'ET')
    """
    return "".join(word[0] for word in name.split() if word[0].isupper())


def ending_country(name: str) -> tuple[str | None, str | None]:
    """*name* without the country its last words name, written after it
    with a space only ("Barnardo's UK", "Example Trust New Zealand"), and
    that country's code; ``(None, None)`` when its last words name none.

    Looser than :func:`without_country`: "Amnesty International UK" is a
    body of its own, so a name so written is only compared, never taken
    for another.  Its last words must be a code in capitals, or an English
    name or alpha-3 code of ISO 3166 (not a spelling in another language,
    nor a number).

    >>> ending_country("Barnardo's UK"), ending_country("Example Trust")
    (("Barnardo's", 'GB'), (None, None))
    >>> ending_country("Example Foundation New Zealand")
    ('Example Foundation', 'NZ')
    """
    words = name.split()
    if len(words) < 2:  # a name, then a country
        return None, None
    tail = words[-1]
    if tail not in _names() and normalise(tail) not in _last_words():
        return None, None  # most names: one look-up
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        last = " ".join(words[-n:])
        key = normalise(last)
        if any(c.isdigit() for c in last) or key in _EITHER:
            continue
        code = last if last in _names() else _index().get(key)
        if code:
            return " ".join(words[:-n]), code
    return None, None


@functools.cache
def _last_words() -> frozenset[str]:
    """The last word of every name in :func:`_index` ("kingdom", "usa")."""
    return frozenset(key.rsplit(" ", 1)[-1] for key in _index())
