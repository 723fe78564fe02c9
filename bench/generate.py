"""Generate a large, realistic, synthetic registry for benchmarks.

The registry is seeded and deterministic: the same arguments write the same
bytes.  It holds N individual signatories (people: mostly public, named in
Latin, Greek, Cyrillic, CJK and Arabic scripts; 10% pseudonymous and 5%
anonymous, with opaque ids), N/10 organisations, six groups, three letters
addressed to four companies and their heads, and one signature per
signatory (N + N/10 + 6), every record citing one source.  Records are
written by :func:`coalition_registry.dump.dump`, in the project's canonical
form.  The registry validates with no errors; a few signatories in a
hundred get a ``possible-duplicate`` warning, as in real lists (two people
of one name, or a person signing on behalf of an organisation that signs
too).

Two layouts:

``many``
    One file per record, named ``<id>.yaml``: people in hashed subfolders
    (``people/3f/``), signatures in ``signatures/<letter>/<hash>/``.
``few``
    One YAML list of records per kind (``people/people.yaml``...), and one
    per letter for the signatures; a list longer than 100,000 records
    continues in ``people-2.yaml``...

Usage::

    python bench/generate.py --signatories 100000 --layout many --out /tmp/reg
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import time
import unicodedata
import zlib

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Final, NamedTuple

from coalition_registry.countries import country_name, is_country, normalise
from coalition_registry.dump import dump, scalar
from coalition_registry.model import (
    OPAQUE_ID,
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
from coalition_registry.schema import SLUG


# -- name pools ---------------------------------------------------------------
#
# Each pool is written as text: parts separated by "|", and a part that is
# not in the Latin alphabet followed by "=" and its ASCII romanisation (the
# ASCII form of a Latin part is derived).  Cyrillic and Greek are only ever
# whole words: a word mixing alphabets is reported as suspicious.


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


def _parts(text: str) -> tuple[tuple[str, str], ...]:
    """``"Ίδρυμα=idryma|Trust"`` as (native text, ASCII slug) pairs."""
    out = []
    for part in _split(text):
        native, _, roman = part.partition("=")
        out.append((native, roman or _slug(native)))
    return tuple(out)


_TO_ASCII: Final = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
        "Æ": "AE", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
        "Þ": "Th", "ı": "i", "œ": "oe",
    }
)  # fmt: skip


def _slug(text: str) -> str:
    """The ASCII id of Latin *text*: ``Ó Súilleabháin`` -> ``o-suilleabhain``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TO_ASCII))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = "-".join(normalise(plain).split())
    assert slug.isascii(), f"romanise {text!r}"
    return slug


class People(NamedTuple):
    """Names in one script, and the countries its speakers sign from."""

    weight: int
    given: tuple[tuple[str, str], ...]
    family: tuple[tuple[str, str], ...]
    family_first: bool
    joiner: str
    countries: tuple[str, ...]


LATIN_COUNTRIES: Final = _split(
    "GB|IE|FR|DE|ES|PT|IT|NL|BE|NO|SE|DK|FI|IS|PL|CZ|SK|HR|SI|HU|RO|TR|US|CA|"
    "MX|BR|AR|CL|CO|AU|NZ|ZA|NG|KE|GH|PH|VN|AT|CH|LU|EE|LV|LT"
)
PEOPLE: Final = (
    People(
        60,
        _parts(
            "José|María|François|Zoë|Søren|Łukasz|Małgorzata|Jürgen|Björn|"
            "Agnès|Çağla|João|Siobhán|Dagný|Þóra|Iñaki|Chiara|Mårten|"
            "Kristína|Aoife|Ines|Thomas|Sarah|Ahmed|Amara|Chidi|Wanjiru|"
            "Lucía|Ngozi|Tomás|Henrik|Ingrid|Aleksander|Zuzana|Oğuz|Mateusz|"
            "Ewa|Pádraig|Noémie|Sebastián|Liam|Ayşe"
        ),
        _parts(
            "García|Müller|Øvergård|Kowalczyk|Dvořák|Šimić|Hernández|Nguyễn|"
            "Lefèvre|Ó Súilleabháin|Jónsdóttir|Ferreira|Błaszczykowski|Çelik|"
            "Yılmaz|Novák|Kovačević|Rossi|Bianchi|Smith|O'Brien|Nørgaard|"
            "Weiß|Okafor|Mwangi|Haugen|Lindqvist|Dubois|Fernández|Pereira|"
            "Van der Berg|De Luca|Kariuki|Adeyemi|Johansen|Murphy"
        ),
        False,
        " ",
        LATIN_COUNTRIES,
    ),
    People(
        6,
        _parts(
            "Γιώργος=giorgos|Μαρία=maria|Δημήτρης=dimitris|Ελένη=eleni|"
            "Νίκος=nikos|Κατερίνα=katerina|Σοφία=sofia|"
            "Αλέξανδρος=alexandros|Άννα=anna"
        ),
        _parts(
            "Παπαδόπουλος=papadopoulos|Οικονόμου=oikonomou|"
            "Γεωργίου=georgiou|Νικολάου=nikolaou|Βασιλείου=vasileiou|"
            "Καραγιάννη=karagianni|Χριστοδούλου=christodoulou"
        ),
        False,
        " ",
        ("GR", "CY"),
    ),
    People(
        10,
        _parts(
            "Анна=anna|Иван=ivan|Ольга=olga|Дмитрий=dmitriy|"
            "Наталья=natalya|Сергей=sergey|Олена=olena|Богдан=bohdan|"
            "Јелена=jelena|Ђорђе=djordje|Мария=mariya|Тарас=taras"
        ),
        _parts(
            "Иваненко=ivanenko|Петров=petrov|Шевченко=shevchenko|"
            "Коваленко=kovalenko|Смирнов=smirnov|Јовановић=jovanovic|"
            "Георгиев=georgiev|Бондаренко=bondarenko|Ткаченко=tkachenko"
        ),
        False,
        " ",
        ("UA", "BG", "RS", "KZ", "MK", "ME", "RU"),
    ),
    People(
        6,
        _parts(
            "芳=fang|伟=wei|秀英=xiuying|敏=min|静=jing|磊=lei|婷=ting|"
            "志强=zhiqiang"
        ),
        _parts(
            "王=wang|李=li|张=zhang|刘=liu|陈=chen|杨=yang|黄=huang|赵=zhao"
        ),
        True,
        "",
        ("CN", "TW", "SG"),
    ),
    People(
        4,
        _parts(
            "花子=hanako|翔太=shota|陽菜=hina|大翔=hiroto|美咲=misaki|健=ken"
        ),
        _parts(
            "佐藤=sato|鈴木=suzuki|高橋=takahashi|田中=tanaka|渡辺=watanabe|"
            "伊藤=ito"
        ),
        True,
        " ",
        ("JP",),
    ),
    People(
        4,
        _parts("민준=minjun|서연=seoyeon|지호=jiho|하은=haeun|도윤=doyun"),
        _parts("김=kim|이=lee|박=park|최=choi|정=jung"),
        True,
        "",
        ("KR",),
    ),
    People(
        10,
        _parts(
            "محمد=mohammed|فاطمة=fatima|أحمد=ahmed|ليلى=layla|يوسف=youssef|"
            "مريم=maryam|عمر=omar|نور=nour|خالد=khaled"
        ),
        _parts(
            "الحسن=al-hassan|العلي=al-ali|حداد=haddad|خوري=khoury|"
            "منصور=mansour|الشامي=al-shami|سعيد=said|عبد الله=abdullah"
        ),
        False,
        " ",
        ("EG", "JO", "LB", "MA", "TN", "SA", "AE", "PS", "IQ", "OM"),
    ),
)

PSEUDONYMS: Final = _split(
    "Blue Heron|Quiet River|Morning Star|Hope Again|Lantern|Still Here|"
    "Phoenix Rising|Brave Heart|Silver Birch|North Wind|Paper Crane|"
    "Little Bear|Wren|Marigold|Ember|Kestrel|Σελήνη|Надежда|Світанок|希望|"
    "小鸟|نجمة|Lumière|Nordlys|Mariposa|Skylark"
)


class Language(NamedTuple):
    """How organisations are named in one language, and where they are."""

    weight: int
    kinds: tuple[tuple[str, str], ...]
    topics: tuple[tuple[str, str], ...]
    kind_first: bool
    joiner: str
    countries: tuple[str, ...]


ORG_LANGUAGES: Final = (
    Language(
        40,
        _parts(
            "Trust|Foundation|Network|Alliance|Initiative|Centre|Council|"
            "Collective|Association|Forum|Campaign|Institute|Coalition"
        ),
        _parts(
            "National Children's|Northern Youth|Global Child Safety|"
            "Safe Online|Child Rights|Survivors'|Parents'|Digital Families|"
            "Internet Safety|Open Childhood|Community Safeguarding|"
            "Bright Futures"
        ),
        False,
        " ",
        ("GB", "IE", "US", "CA", "AU", "NZ", "ZA", "NG", "KE", "GH", "PH"),
    ),
    Language(
        10,
        _parts("Fondation|Association|Collectif|Réseau|Centre"),
        _parts(
            "pour l'Enfance|Enfance et Numérique|des Droits de l'Enfant|"
            "Jeunesse Solidaire|Familles en Ligne"
        ),
        True,
        " ",
        ("FR", "BE", "CH", "LU", "SN", "CI"),
    ),
    Language(
        8,
        _parts("Stiftung|Verein|Netzwerk|Bündnis|Initiative"),
        _parts(
            "Kinderschutz|Kinderrechte|Sicheres Netz|Digitale Jugend|"
            "Familie und Medien"
        ),
        True,
        " ",
        ("DE", "AT", "CH"),
    ),
    Language(
        10,
        _parts("Fundación|Asociación|Red|Alianza|Colectivo"),
        _parts(
            "Infancia Segura|por los Derechos de la Niñez|"
            "Familias Conectadas|Niñez Digital|Protección Infantil"
        ),
        True,
        " ",
        ("ES", "MX", "AR", "CL", "CO", "PE"),
    ),
    Language(
        6,
        _parts("Stiftelsen|Foreningen|Nettverket|Alliansen"),
        _parts(
            "Barnas Rettigheter|Trygg Oppvekst|Barn og Medier|Ungdom på Nett|"
            "Sikker Skjerm|Trygg Barndom"
        ),
        True,
        " ",
        ("NO",),
    ),
    Language(
        5,
        _parts("Fundacja|Stowarzyszenie|Sieć|Koalicja"),
        _parts(
            "Bezpieczne Dziecko|Praw Dziecka|Cyfrowa Młodzież|Dzieci w Sieci|"
            "Rodzina Online"
        ),
        True,
        " ",
        ("PL",),
    ),
    Language(
        4,
        _parts(
            "Ίδρυμα=idryma|Σύλλογος=syllogos|Δίκτυο=diktyo|Συμμαχία=symmachia"
        ),
        _parts(
            "για το Παιδί=gia-to-paidi|"
            "Παιδικής Προστασίας=paidikis-prostasias|"
            "Ασφαλές Διαδίκτυο=asfales-diadiktyo"
        ),
        True,
        " ",
        ("GR", "CY"),
    ),
    Language(
        6,
        _parts("Фонд=fond|Асоціація=asotsiatsiia|Центр=tsentr|Мережа=merezha"),
        _parts(
            "Захист дітей=zakhyst-ditei|"
            "Безпечне дитинство=bezpechne-dytynstvo|"
            "Безпечний інтернет=bezpechnyi-internet"
        ),
        True,
        " ",
        ("UA",),
    ),
    Language(
        4,
        _parts("协会=xiehui|基金会=jijinhui|联盟=lianmeng|中心=zhongxin"),
        _parts(
            "儿童保护=ertong-baohu|网络安全=wangluo-anquan|家庭=jiating|"
            "青少年=qingshaonian"
        ),
        False,
        "",
        ("CN", "TW", "SG"),
    ),
    Language(
        3,
        _parts("協会=kyokai|財団=zaidan|ネットワーク=nettowaku"),
        _parts("子ども=kodomo|ネット安全=netto-anzen|家族=kazoku"),
        False,
        "",
        ("JP",),
    ),
    Language(
        4,
        _parts("جمعية=jamiya|مؤسسة=muassasa|شبكة=shabaka|مركز=markaz"),
        _parts(
            "حماية الطفل=himayat-al-tifl|حقوق الطفل=huquq-al-tifl|"
            "الأسرة الآمنة=al-usra-al-amina|الإنترنت الآمن=al-internet-al-amin"
        ),
        True,
        " ",
        ("EG", "JO", "LB", "MA", "TN", "SA", "AE", "PS"),
    ),
)

ORG_KINDS: Final = (
    "charity", "foundation", "network", "alliance", "campaign",
    "collective", "company", "academic", "government", "other",
)  # fmt: skip
ORG_KIND_WEIGHTS: Final = (30, 15, 12, 8, 10, 8, 4, 8, 1, 4)

TLDS: Final = {
    "GB": "org.uk", "NO": "no", "DE": "de", "FR": "fr", "PL": "pl",
    "ES": "es", "GR": "gr", "UA": "org.ua", "JP": "or.jp", "CN": "org.cn",
    "AU": "org.au", "NL": "nl", "IE": "ie",
}  # fmt: skip

# Letters: (id, title, weight of signatories, date).
LETTERS: Final = (
    (
        "open-letter-child-safety-2023",
        "Open letter to technology companies on child safety by design",
        80,
        dt.date(2023, 9, 18),
    ),
    (
        "joint-statement-encryption-2024",
        "Joint statement on end-to-end encryption and child protection",
        15,
        dt.date(2024, 3, 5),
    ),
    (
        "parents-letter-online-safety-2025",
        "Parents' and experts' letter on online safety laws",
        5,
        dt.date(2025, 1, 27),
    ),
)
NEWS_SITES: Final = (
    ("https://www.childsafetynews.org", "Child Safety News"),
    ("https://nordiskbarn.no", "Nordisk Barn"),
    ("https://www.digitalrightsobserver.net", "Digital Rights Observer"),
)
# Recipients: companies and their chief executives (public people).
RECIPIENTS: Final = (
    ("chatterly", "Chatterly", "US", "avery-lindqvist", "Avery Lindqvist"),
    ("nordlys-social", "Nordlys Social", "NO", "hakon-berg", "Håkon Berg"),
    ("kumo-messaging", "Kumo Messaging", "JP", "sato-ken", "佐藤 健"),
    ("photogram", "Photogram", "IE", "siobhan-kelly", "Siobhán Kelly"),
)
# Groups: (id, name, country).
GROUPS: Final = (
    ("survivors-voices-collective", "Survivors' Voices Collective", "GB"),
    ("families-for-a-safer-internet", "Families for a Safer Internet", "US"),
    ("overlevende-i-nettverk", "Overlevende i Nettverk", "NO"),
    ("collectif-des-survivants", "Collectif des Survivants", "FR"),
    ("holosy-tykh-khto-vyzhyv", "Голоси тих, хто вижив", "UA"),
    ("survivor-advisory-circle", "Survivor Advisory Circle", None),
)
ACCESSED: Final = dt.date(2025, 6, 1)
#: Most records in one file of the ``few`` layout.
PER_FILE: Final = 100_000


def _hash_folder(record_id: str) -> str:
    return f"{zlib.crc32(record_id.encode()) & 0xFF:02x}"


class Generator:
    """Builds the records; all randomness comes from one seeded ``Random``."""

    def __init__(self, signatories: int, seed: int) -> None:
        self.n = signatories
        self.rng = random.Random(seed)
        self.used: set[str] = set()
        self.slug_counts: Counter[str] = Counter()
        self.letters: list[Letter] = []
        self.organisations: list[Organisation] = []
        self.people: list[Person] = []
        self.groups: list[tuple[Group, bool]] = []  # (group, count unknown)
        self.signatures: list[Signature] = []
        # Which letter each signatory signs, and the signatory's country.
        self.signs: dict[str, int] = {}
        self.country: dict[str, str | None] = {}

    # -- ids ------------------------------------------------------------------

    def _unique_slug(self, base: str) -> str:
        """*base*, or *base*-2, -3...: the first not yet used."""
        while True:
            self.slug_counts[base] += 1
            k = self.slug_counts[base]
            candidate = base if k == 1 else f"{base}-{k}"
            if candidate not in self.used:
                self.used.add(candidate)
                assert SLUG.match(candidate), candidate
                return candidate

    def _opaque_id(self, name: str | None) -> str:
        """``person-`` and 8 random letters and digits (at least one digit),
        telling nothing of *name* (as not-opaque-id checks).
        """
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        while True:
            chars = self.rng.choices(alphabet, k=8)
            if not any(c.isdigit() for c in chars):
                chars[self.rng.randrange(8)] = self.rng.choice("0123456789")
            candidate = "person-" + "".join(chars)
            if candidate in self.used or spells_name(
                candidate, name, "person"
            ):
                continue
            assert OPAQUE_ID.match(candidate)
            self.used.add(candidate)
            return candidate

    # -- common parts -----------------------------------------------------------

    def _letter_index(self) -> int:
        return self.rng.choices(
            range(len(LETTERS)), weights=[w for _, _, w, _ in LETTERS]
        )[0]

    def _signatory_source(self, letter: int) -> tuple[Source, ...]:
        url, publisher = NEWS_SITES[letter % len(NEWS_SITES)]
        return (
            Source(
                url=f"{url}/letters/{LETTERS[letter][0]}/signatories",
                publisher=publisher,
                accessed=ACCESSED - dt.timedelta(days=self.rng.randrange(90)),
            ),
        )

    # -- records ----------------------------------------------------------------

    def recipients(self) -> None:
        """The companies the letters are addressed to, and their heads."""
        for org_id, name, country, person_id, person_name in RECIPIENTS:
            self.used.update((org_id, person_id))
            source = (
                Source(
                    url=f"https://www.{org_id}.com/about",
                    publisher=name,
                    title=f"About {name}",
                ),
            )
            self.organisations.append(
                Organisation(
                    id=org_id,
                    name=name,
                    kind="company",
                    hq_country=country,
                    scope="international",
                    website=f"https://www.{org_id}.com",
                    sources=source,
                )
            )
            self.people.append(
                Person(
                    id=person_id,
                    disclosure="public",
                    name=person_name,
                    country=country,
                    sources=source,
                )
            )

    def person(self) -> None:
        """One individual signatory."""
        rng = self.rng
        letter = self._letter_index()
        roll = rng.random()
        disclosure = (
            "anonymous"
            if roll < 0.05
            else "pseudonym"
            if roll < 0.15
            else "public"
        )
        pool = rng.choices(PEOPLE, weights=[p.weight for p in PEOPLE])[0]
        country: str | None = rng.choice(pool.countries)
        if rng.random() < 0.05:
            country = None
        private: tuple[str, ...] = ()
        if disclosure == "public":
            given, given_id = rng.choice(pool.given)
            family, family_id = rng.choice(pool.family)
            parts = (family, given) if pool.family_first else (given, family)
            ids = (
                (family_id, given_id)
                if pool.family_first
                else (given_id, family_id)
            )
            name: str | None = pool.joiner.join(parts)
            if pool is not PEOPLE[0] and rng.random() < 0.05:
                # Some write their name in both scripts, as whole words.
                roman = " ".join(
                    w.capitalize() for i in ids for w in i.split("-")
                )
                name = f"{name} ({roman})"
            person_id = self._unique_slug("-".join(ids))
            if country and rng.random() < 0.01:
                private = ("country",)
        elif disclosure == "pseudonym":
            name = rng.choice(PSEUDONYMS)
            if rng.random() < 0.3:
                name = f"{name} {rng.randrange(10, 100)}"
            person_id = self._opaque_id(name)
        else:
            name = None
            person_id = self._opaque_id(None)
        self.people.append(
            Person(
                id=person_id,
                disclosure=disclosure,
                name=name,
                country=country,
                sources=self._signatory_source(letter),
                private=private,
            )
        )
        self.signs[person_id] = letter
        self.country[person_id] = None if private else country

    def organisation(self) -> None:
        """One signing organisation."""
        rng = self.rng
        letter = self._letter_index()
        lang = rng.choices(
            ORG_LANGUAGES, weights=[lang.weight for lang in ORG_LANGUAGES]
        )[0]
        kind, kind_id = rng.choice(lang.kinds)
        topic, topic_id = rng.choice(lang.topics)
        country = rng.choice(lang.countries)
        if lang.kind_first:
            name, slug = f"{kind}{lang.joiner}{topic}", f"{kind_id}-{topic_id}"
        else:
            name, slug = f"{topic}{lang.joiner}{kind}", f"{topic_id}-{kind_id}"
        if lang is ORG_LANGUAGES[0] and rng.random() < 0.5:
            where = country_name(country)
            name = f"{name} {where}"
            slug = f"{slug}-{_slug(where)}"
        org_id = self._unique_slug(slug)
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.3:
            initials = "".join(w[0] for w in name.split() if w[:1].isupper())
            if len(initials) > 1 and initials.isascii():
                aliases = (initials,)
            else:
                aliases = (" ".join(w.capitalize() for w in slug.split("-")),)
        scope = rng.choices(
            ("national", "regional", "international"), weights=(70, 15, 15)
        )[0]
        registered = None
        if rng.random() < 0.05:
            registered = rng.choice(LATIN_COUNTRIES)
        tld = TLDS.get(country, "org")
        self.organisations.append(
            Organisation(
                id=org_id,
                name=name,
                aliases=aliases,
                kind=rng.choices(ORG_KINDS, weights=ORG_KIND_WEIGHTS)[0],
                hq_country=country,
                registered_country=registered,
                scope=scope,
                website=f"https://www.{org_id}.{tld}",
                identifiers=self._identifiers(country),
                sources=self._signatory_source(letter),
            )
        )
        self.signs[org_id] = letter
        self.country[org_id] = country

    def _identifiers(self, country: str) -> tuple[tuple[str, str], ...]:
        """Registry numbers, always text; some keep a leading zero."""
        rng = self.rng
        digits = "0123456789"

        def number(k: int) -> str:
            return "".join(rng.choices(digits, k=k))

        out: list[tuple[str, str]] = []
        if country == "GB":
            out.append(("GB-CHC", str(rng.randrange(200000, 1200000))))
            if rng.random() < 0.5:
                out.append(("GB-COH", "0" + number(7)))
        elif country == "NO":
            out.append(("NO-BRC", "9" + number(8)))
        elif country == "NL":
            out.append(("NL-KVK", number(8)))
        elif country == "FR":
            out.append(("FR-RNA", "W" + number(9)))
        elif country == "IE":
            out.append(("IE-CHY", "2" + number(7)))
        elif country == "US":
            out.append(("US-EIN", f"{number(2)}-{number(7)}"))
        elif country == "AU":
            out.append(("AU-ABN", number(11)))
        if rng.random() < 0.2:
            out.append(("wikidata", f"Q{rng.randrange(1, 130_000_000)}"))
        return tuple(out)

    def group(self, slug: str, name: str, country: str | None) -> None:
        """A group of survivors or families who sign as one."""
        rng = self.rng
        letter = self._letter_index()
        group_id = self._unique_slug(slug)
        unknown = len(self.groups) % 3 == 1  # a third: member_count unknown
        self.groups.append(
            (
                Group(
                    id=group_id,
                    name=name,
                    description="Survivors and family members who "
                    "campaign together for safer online services.",
                    country=country,
                    member_count=None if unknown else rng.randrange(5, 400),
                    sources=self._signatory_source(letter),
                ),
                unknown,
            )
        )
        self.signs[group_id] = letter
        self.country[group_id] = country

    def signature(
        self, signatory: str, role: str, printed: str | None
    ) -> None:
        """*signatory*'s signature on the letter assigned to it."""
        rng = self.rng
        letter = self.signs[signatory]
        letter_id, _, _, date = LETTERS[letter]
        capacity, on_behalf_of = "own-name", None
        if role in {"expert", "academic"} and rng.random() < 0.03:
            capacity = "on-behalf-of"
            on_behalf_of = rng.choice(self.organisations[len(RECIPIENTS) :]).id
        withdrawn = None
        if rng.random() < 0.005:
            # Withdrawn before the sources were read: never in the future.
            days = rng.randrange(1, (ACCESSED - date).days)
            withdrawn = date + dt.timedelta(days=days)
        self.signatures.append(
            Signature(
                id=f"{letter_id}--{signatory}",
                letter=letter_id,
                signatory=signatory,
                role=role,
                name_as_printed=printed,
                capacity=capacity,
                on_behalf_of=on_behalf_of,
                status="withdrawn" if withdrawn else "active",
                withdrawn_on=withdrawn,
                # A family member named in public has confirmed it (else
                # validation refuses it: public-survivor).
                verification="confirmed-by-signatory"
                if role == "family-member" and printed is not None
                else "reported",
                sources=self._signatory_source(letter),
            )
        )

    def all_signatures(self) -> None:
        """One signature per person, organisation and group.

        Survivors are never named: only pseudonymous and anonymous people
        sign as survivors; a public family member has confirmed it.
        """
        rng = self.rng
        for person in self.people[len(RECIPIENTS) :]:
            if person.disclosure == "public":
                role = rng.choices(
                    ("expert", "academic", "family-member"),
                    weights=(45, 40, 15),
                )[0]
                self.signature(person.id, role, person.name)
            else:
                role = rng.choices(
                    ("survivor", "family-member"), weights=(70, 30)
                )[0]
                self.signature(person.id, role, None)
        for org in self.organisations[len(RECIPIENTS) :]:
            self.signature(org.id, "organisation", org.name)
        for group, _ in self.groups:
            self.signature(group.id, "survivor", group.name)

    def all_letters(self) -> None:
        """The letters, with claims the records never exceed.

        As in real registries, the records may fall short of a claim (not
        every signatory is recorded): each exact figure counts every
        signature, withdrawn ones too, each group as its known members,
        plus a few percent never recorded.
        """
        headcount = {
            g.id: g.member_count or 0 for g, _ in self.groups
        }  # unknown size: counted apart, never as a number
        total: Counter[str] = Counter()
        survivors: Counter[str] = Counter()
        countries: defaultdict[str, set[str]] = defaultdict(set)
        for s in self.signatures:
            total[s.letter] += headcount.get(s.signatory, 1)
            survivors[s.letter] += (
                s.status == "active" and s.role == "survivor"
            )
            country = self.country[s.signatory]
            if country is not None:
                countries[s.letter].add(country)
        signing = self.organisations[len(RECIPIENTS) :]
        for i, (letter_id, title, _, date) in enumerate(LETTERS):
            url, publisher = NEWS_SITES[i % len(NEWS_SITES)]
            source = (
                Source(
                    url=f"{url}/{date.year}/{date:%m}/{letter_id}",
                    publisher=publisher,
                    published=date,
                    accessed=ACCESSED,
                ),
            )
            n = total[letter_id] + self.rng.randrange(
                total[letter_id] // 20 + 1
            )
            c = len(countries[letter_id])
            claims = [
                Claim(
                    measure="signatories",
                    value=n,
                    text=f"signed by {n} people and organisations",
                    sources=source,
                ),
                Claim(
                    measure="signatories",
                    value=survivors[letter_id] // 10 * 10,
                    roles=("survivor",),
                    qualifier="at-least",
                    text=f"more than {survivors[letter_id] // 10 * 10} "
                    "survivors",
                    sources=source,
                ),
            ]
            if i == 0:
                claims.append(
                    Claim(
                        measure="countries",
                        value=c,
                        text=f"from {c} countries",
                        sources=source,
                    )
                )
            recipients = RECIPIENTS if i == 0 else RECIPIENTS[i - 1 : i + 1]
            self.letters.append(
                Letter(
                    id=letter_id,
                    title=title,
                    date=date,
                    publisher=signing[i % len(signing)].id,
                    summary="Signatories ask technology companies to assess "
                    "the risks their products pose to children, and to "
                    "consult survivors before launching new features.",
                    asks=(
                        "Assess the child safety risks of new products.",
                        "Consult survivors and their families.",
                    ),
                    recipients=tuple(
                        Recipient(organisation=org, person=person)
                        for org, _, _, person, _ in recipients
                    ),
                    recipients_complete=i != 0,
                    claims=tuple(claims),
                    sources=source,
                )
            )

    def build(self) -> None:
        """Every record, in a fixed order (so a seed gives fixed output)."""
        self.recipients()
        for _ in range(self.n):
            self.person()
        for _ in range(max(1, self.n // 10)):
            self.organisation()
        for slug, name, country in GROUPS:
            self.group(slug, name, country)
        self.all_signatures()
        self.all_letters()


def _as_item(text: str) -> str:
    """A dumped record as an item of a YAML list."""
    return "- " + text[:-1].replace("\n", "\n  ") + "\n"


class Writer:
    """Writes files under one root, counting files and bytes."""

    #: ``os.open`` is markedly faster than ``Path.write_bytes`` for the
    #: hundreds of thousands of small files of the ``many`` layout.
    FLAGS: Final = os.O_WRONLY | os.O_CREAT | os.O_TRUNC

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0
        self.folders: set[str] = set()

    def write(self, folder: str, name: str, text: str) -> None:
        """Write *text* to the file *name* in *folder* (made as needed)."""
        if folder not in self.folders:
            (self.root / folder).mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        data = text.encode()
        fd = os.open(f"{self.root}/{folder}/{name}", self.FLAGS, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        self.files += 1
        self.bytes += len(data)


def write_registry(gen: Generator, root: Path, layout: str) -> Writer:
    """Write *gen*'s records under *root* in *layout* (``many`` or ``few``)."""
    out = Writer(root)
    out.write(
        ".",
        "registry.yaml",
        "name: Synthetic benchmark registry\n"
        "schema_version: 1\n"
        "data_licence: CC0-1.0\n"
        "description: "
        + scalar(
            f"Generated by bench/generate.py with {gen.n} signatories; "
            "every name in it is invented."
        )
        + "\n",
    )
    groups = [dump(g) for g, _ in gen.groups]
    if layout == "many":
        for letter in gen.letters:
            out.write("letters", f"{letter.id}.yaml", dump(letter))
        for org in gen.organisations:
            out.write("organisations", f"{org.id}.yaml", dump(org))
        for (group, _), text in zip(gen.groups, groups, strict=True):
            out.write("groups", f"{group.id}.yaml", text)
        for person in gen.people:
            folder = f"people/{_hash_folder(person.id)}"
            out.write(folder, f"{person.id}.yaml", dump(person))
        for s in gen.signatures:
            folder = f"signatures/{s.letter}/{_hash_folder(s.signatory)}"
            out.write(folder, f"{s.id}.yaml", dump(s))
        return out

    def lists(folder: str, stem: str, texts: Sequence[str]) -> None:
        # Files of at most PER_FILE records (about 35 MB), well under the
        # validator's default limit of 64 MiB a file.
        for start in range(0, max(len(texts), 1), PER_FILE):
            part = start // PER_FILE + 1
            name = f"{stem}.yaml" if part == 1 else f"{stem}-{part}.yaml"
            chunk = texts[start : start + PER_FILE]
            out.write(folder, name, "".join(_as_item(t) for t in chunk))

    lists("letters", "letters", [dump(r) for r in gen.letters])
    lists(
        "organisations", "organisations", [dump(r) for r in gen.organisations]
    )
    lists("groups", "groups", groups)
    lists("people", "people", [dump(r) for r in gen.people])
    for letter in gen.letters:
        mine = [dump(s) for s in gen.signatures if s.letter == letter.id]
        lists("signatures", letter.id, mine)
    return out


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not (force and (out / "registry.yaml").is_file()):
            sys.exit(
                f"{out} is not empty; pass --force to replace a registry "
                "generated there before"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate a registry; print its size."""
    p = argparse.ArgumentParser(
        description="Generate a large synthetic registry for benchmarks."
    )
    p.add_argument(
        "--signatories",
        type=int,
        default=100_000,
        metavar="N",
        help="individual people who sign (default 100000); N/10 "
        "organisations sign too",
    )
    p.add_argument(
        "--layout",
        choices=("many", "few"),
        default="many",
        help="one file per record, or one list file per kind (default many)",
    )
    p.add_argument("--seed", type=int, default=1, help="(default 1)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace DIR if it holds a registry already",
    )
    args = p.parse_args(argv)
    if args.signatories < 1:
        p.error("--signatories must be at least 1")
    codes = {c for pool in (*PEOPLE, *ORG_LANGUAGES) for c in pool.countries}
    unknown = sorted(c for c in codes | set(TLDS) if not is_country(c))
    assert not unknown, f"not country codes: {unknown}"
    _prepare(args.out, args.force)

    start = time.perf_counter()
    gen = Generator(args.signatories, args.seed)
    gen.build()
    built = time.perf_counter()
    out = write_registry(gen, args.out, args.layout)
    done = time.perf_counter()

    kinds = {
        "letters": len(gen.letters),
        "organisations": len(gen.organisations),
        "people": len(gen.people),
        "groups": len(gen.groups),
        "signatures": len(gen.signatures),
    }
    print(", ".join(f"{n} {k}" for k, n in kinds.items()))
    print(
        f"{out.files} files, {out.bytes:,} bytes "
        f"({out.bytes / 2**20:.1f} MiB) in {args.out}"
    )
    print(
        f"built in {built - start:.1f} s, written in {done - built:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
