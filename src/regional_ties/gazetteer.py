"""Kazakh place names to one canonical unit of the 2015-2020 set of 17 units.

The set is the 14 regions (oblys) and 3 cities of republican significance of 2015-2020, with
South Kazakhstan region counted as its successor Turkistan region and Shymkent a separate city
from 19 June 2018. Names used by the sources (Russian, Kazakh, English; region or city names)
map to a unit; renamings are handled by the date of the event:

* South Kazakhstan region became Turkistan region on 19 June 2018, when Shymkent became a city
  of republican significance: a Shymkent event before that day belongs to the region.
* Astana was named Nur-Sultan from 23 March 2019 to 17 September 2022.
* The regions created in 2022 (Abai, Zhetysu, Ulytau) map to the 2015-2020 unit they were
  carved from (East Kazakhstan, Almaty region, Karaganda).

ISO 3166-2 codes are the alphabetic codes of the 2015-2020 period.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

SHYMKENT_SEPARATED = date(2018, 6, 19)
NUR_SULTAN_FROM = date(2019, 3, 23)
NUR_SULTAN_TO = date(2022, 9, 17)
NATIONAL = "national"


@dataclass(frozen=True)
class Unit:
    key: str
    name_en: str
    iso: str
    kind: str  # region | city | national
    grid: tuple[int, int] | None  # (column, row) in the tile-grid map, north at row 0


UNITS: dict[str, Unit] = {
    u.key: u
    for u in (
        Unit("west_kazakhstan", "West Kazakhstan", "KZ-ZAP", "region", (0, 1)),
        Unit("atyrau", "Atyrau", "KZ-ATY", "region", (0, 2)),
        Unit("mangystau", "Mangystau", "KZ-MAN", "region", (0, 3)),
        Unit("aktobe", "Aktobe", "KZ-AKT", "region", (1, 2)),
        Unit("kostanay", "Kostanay", "KZ-KUS", "region", (2, 1)),
        Unit("kyzylorda", "Kyzylorda", "KZ-KZY", "region", (2, 3)),
        Unit("north_kazakhstan", "North Kazakhstan", "KZ-SEV", "region", (3, 0)),
        Unit("akmola", "Akmola", "KZ-AKM", "region", (3, 1)),
        Unit("karaganda", "Karaganda", "KZ-KAR", "region", (3, 2)),
        Unit("turkistan", "Turkistan (South Kazakhstan)", "KZ-YUZ", "region", (3, 3)),
        Unit("shymkent", "Shymkent", "KZ-SHY", "city", (3, 4)),
        Unit("astana", "Astana (Nur-Sultan)", "KZ-AST", "city", (4, 1)),
        Unit("pavlodar", "Pavlodar", "KZ-PAV", "region", (5, 1)),
        Unit("zhambyl", "Zhambyl", "KZ-ZHA", "region", (4, 3)),
        Unit("east_kazakhstan", "East Kazakhstan", "KZ-VOS", "region", (6, 1)),
        Unit("almaty_region", "Almaty region", "KZ-ALM", "region", (5, 3)),
        Unit("almaty_city", "Almaty", "KZ-ALA", "city", (5, 4)),
        Unit(NATIONAL, "Kazakhstan (national / several)", "KZ", "national", None),
    )
}
SUBNATIONAL_KEYS = tuple(k for k in UNITS if k != NATIONAL)

# Aliases, after `simplify_name`: generic words (region, oblast, city...) are removed first.
_ALIASES: dict[str, tuple[str, ...]] = {
    "akmola": ("akmola", "akmolinsk", "акмолинск", "акмол", "ақмола", "akmola oblysy", "kokshetau", "кокшетау",
               "көкшетау", "shchuchinsk", "щучинск", "stepnogorsk", "степногорск", "burabay", "бурабай",
               "боровое", "kosshy", "косшы", "kokchetav", "кокчетав"),
    "aktobe": ("aktobe", "aktyubinsk", "актюбинск", "актобе", "ақтөбе", "актюбин"),
    "almaty_region": ("almaty region", "алматинск", "алматы облысы", "taldykorgan", "талдыкорган",
                      "талдықорған", "kapchagay", "капчагай", "қапшағай", "konaev", "конаев", "қонаев",
                      "zhetysu", "жетысу", "жетісу", "жетысуск", "tekeli", "текели"),
    "atyrau": ("atyrau", "атырау", "атырауск", "kulsary", "кульсары"),
    "east_kazakhstan": ("east kazakhstan", "восточно казахстанск", "вко", "шығыс қазақстан", "шқо",
                        "ust kamenogorsk", "усть каменогорск", "oskemen", "өскемен", "оскемен", "semey",
                        "семей", "семипалатинск", "semipalatinsk", "ridder", "риддер", "abai", "абай",
                        "абайск", "abay"),
    "zhambyl": ("zhambyl", "жамбыл", "жамбылск", "taraz", "тараз", "jambyl"),
    "west_kazakhstan": ("west kazakhstan", "западно казахстанск", "зко", "батыс қазақстан", "бқо",
                        "uralsk", "уральск", "oral", "орал", "aksai", "аксай"),
    "karaganda": ("karaganda", "караганда", "караганд", "карагандинск", "қарағанды", "karagandy", "qaragandy",
                  "temirtau",
                  "темиртау", "теміртау", "zhezkazgan", "жезказган", "жезқазған", "balkhash", "балхаш",
                  "балқаш", "ulytau", "улытау", "ұлытау", "satpayev", "сатпаев", "saran", "сарань"),
    "kostanay": ("kostanay", "kostanai", "qostanay", "костанай", "костанайск", "қостанай", "кустанай",
                 "rudny", "рудный", "рудный город", "lisakovsk", "лисаковск", "arkalyk", "аркалык", "арқалық",
                 "zhitikara", "житикара", "tobol", "тобыл"),
    "kyzylorda": ("kyzylorda", "qyzylorda", "кызылорда", "кызылординск", "қызылорда", "baikonur", "байконур",
                  "байқоңыр", "aralsk", "аральск"),
    "mangystau": ("mangystau", "mangistau", "мангистау", "мангистауск", "маңғыстау", "aktau", "актау",
                  "ақтау", "zhanaozen", "жанаозен", "жаңаөзен"),
    "pavlodar": ("pavlodar", "павлодар", "павлодарск", "ekibastuz", "экибастуз", "екібастұз", "aksu", "аксу",
                 "ақсу"),
    "north_kazakhstan": ("north kazakhstan", "северо казахстанск", "ско", "солтүстік қазақстан", "сқо",
                         "petropavl", "petropavlovsk", "петропавловск", "петропавл", "северный казахстан",
                         "mamlyutka", "мамлютка"),
    "turkistan": ("turkistan", "turkestan", "туркестан", "туркестанск", "түркістан", "south kazakhstan",
                  "южно казахстанск", "юко", "оңтүстік қазақстан", "оқо", "kentau", "кентау"),
    "shymkent": ("shymkent", "шымкент", "chimkent", "чимкент"),
    "astana": ("astana", "астана", "nur sultan", "nursultan", "нур султан", "нурсултан", "нұр сұлтан",
               "akmola city", "tselinograd"),
    "almaty_city": ("almaty", "алматы", "алма ата", "alma ata", "almaty city"),
    NATIONAL: ("kazakhstan", "казахстан", "қазақстан", "republic of kazakhstan", "республика казахстан",
               "қазақстан республикасы", "rk", "рк", "several", "national", "несколько", "разные"),
}

_GENERIC = (
    r"oblast|oblasts|oblys|oblysy|region|regions|province|city|town|of|the|область|области|обл|облысы|облысының|"
    r"город|г|қаласы|"
    r"қ|республика|республики|районы|район|district|akimat|акимат|әкімдігі"
)


def simplify_name(name: str) -> str:
    """Lower-case, fold ё/й variants and punctuation, and drop generic words ("region", "область")."""
    s = name.strip().lower().replace("ё", "е")
    s = re.sub(r"[\-–—_.,()«»\"'/]", " ", s)
    words = [w for w in s.split() if not re.fullmatch(_GENERIC, w)]
    # Russian adjectival forms: "костанайская", "костанайской" -> "костанайск"
    words = [re.sub(r"(ская|ской|скую|ский|ского|ском|скому|ские|ских)$", "ск", w) for w in words]
    s = " ".join(words)
    return s.strip()


ALIAS_TO_UNIT: dict[str, str] = {}
for _key, _names in _ALIASES.items():
    for _n in _names:
        ALIAS_TO_UNIT[simplify_name(_n)] = _key
    ALIAS_TO_UNIT[simplify_name(UNITS[_key].name_en)] = _key
    ALIAS_TO_UNIT[_key] = _key

_SHYMKENT_NAMES = {simplify_name(n) for n in _ALIASES["shymkent"]}


class UnknownPlaceName(ValueError):
    """A Kazakh place name that the gazetteer does not know."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; closest known names: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown Kazakh place name {name!r}{hint}")


def suggest_names(name: str, n: int = 3) -> list[str]:
    """The closest known aliases to an unknown name."""
    return difflib.get_close_matches(simplify_name(name), list(ALIAS_TO_UNIT), n=n, cutoff=0.5)


_REGION_WORD = re.compile(r"(?i)\b(oblast|oblys|oblysy|region|province|область|обл|облысы|облысының)\b")


def _lookup_one(name: str) -> str:
    s = simplify_name(name)
    if s in ALIAS_TO_UNIT:
        key = ALIAS_TO_UNIT[s]
        # Almaty is the one name shared by a city and a different region around it.
        if key == "almaty_city" and _REGION_WORD.search(name.replace("ё", "е")):
            return "almaty_region"
        return key
    raise UnknownPlaceName(name, suggest_names(name))


def normalize_region(name: str, on: date | None = None) -> str:
    """Map a reported Kazakh place name to a unit key of the 2015-2020 set.

    Several names separated by ";", "," or "+" that fall in different units give the national /
    several unit. A Shymkent name dated before 19 June 2018 gives South Kazakhstan (turkistan).
    """
    parts = [p for p in re.split(r"[;+,]", name) if p.strip()]
    if not parts:
        raise UnknownPlaceName(name, [])
    keys = []
    for p in parts:
        key = _lookup_one(p)
        if key == "shymkent" and on is not None and on < SHYMKENT_SEPARATED:
            key = "turkistan"
        keys.append(key)
    distinct = sorted(set(keys))
    return distinct[0] if len(distinct) == 1 else NATIONAL


def official_name(key: str, on: date | None) -> str:
    """The unit's English name in force on a date (Astana / Nur-Sultan; South Kazakhstan / Turkistan)."""
    if key == "astana" and on is not None:
        return "Nur-Sultan" if NUR_SULTAN_FROM <= on <= NUR_SULTAN_TO else "Astana"
    if key == "turkistan" and on is not None:
        return "South Kazakhstan" if on < SHYMKENT_SEPARATED else "Turkistan"
    return UNITS[key].name_en


def is_known(name: str) -> bool:
    try:
        normalize_region(name)
    except UnknownPlaceName:
        return False
    return True
