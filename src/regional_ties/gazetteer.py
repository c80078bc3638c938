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


# ----------------------------------------------------------------------------- Russia's federal subjects
#
# The Russian region studied (RU_REGION) and the `ru_region` column of events are names of Russia's
# federal subjects: the 89 that Russia's constitution lists (it counts Crimea, Sevastopol and the four
# regions annexed in 2022, whose annexation most states do not recognise; they are listed so that any
# compilation written from Russian sources can be read). Each subject is known by its English and
# Russian names, common short forms ("Chelyabinsk region", "Chelyabinsk oblast", "Челябинская область",
# "Челябинская обл.") and its administrative centre ("Chelyabinsk", "Челябинск").


@dataclass(frozen=True)
class RuSubject:
    key: str
    kind: str  # oblast | krai | republic | federal_city | autonomous_oblast | autonomous_okrug
    name_en: str  # as labels print it: "Sverdlovsk region", "Krasnodar Krai", "Republic of Tatarstan"
    short_en: str  # "Sverdlovsk": for "the Sverdlovsk side"
    capital_en: str
    name_ru: str
    capital_ru: str
    aliases: tuple[str, ...] = ()

    @property
    def capital_label(self) -> str:
        """The administrative centre with its region: "Yekaterinburg (Sverdlovsk region)"."""
        return self.capital_en if self.kind == "federal_city" else f"{self.capital_en} ({self.name_en})"

    def names(self) -> tuple[str, ...]:
        extra = (f"{self.short_en} Oblast",) if self.kind == "oblast" else ()
        return (self.key, self.name_en, self.name_ru, self.capital_en, self.capital_ru) + extra + self.aliases


def _oblast(key, short, capital, name_ru, capital_ru, *aliases):
    return RuSubject(key, "oblast", f"{short} region", short, capital, name_ru, capital_ru, aliases)


def _subject(kind, key, name_en, short, capital, name_ru, capital_ru, *aliases):
    return RuSubject(key, kind, name_en, short, capital, name_ru, capital_ru, aliases)


RU_SUBJECTS: dict[str, RuSubject] = {
    s.key: s
    for s in (
        # republics (24)
        _subject("republic", "adygea", "Republic of Adygea", "Adygea", "Maykop", "Республика Адыгея", "Майкоп",
                 "Adygeya", "Адыгея", "Maikop"),
        _subject("republic", "altai_republic", "Altai Republic", "Altai Republic", "Gorno-Altaysk",
                 "Республика Алтай", "Горно-Алтайск", "Gorny Altai", "Горный Алтай", "Gorno-Altaisk"),
        _subject("republic", "bashkortostan", "Republic of Bashkortostan", "Bashkortostan", "Ufa",
                 "Республика Башкортостан", "Уфа", "Bashkiria", "Башкирия", "Башкортостан"),
        _subject("republic", "buryatia", "Republic of Buryatia", "Buryatia", "Ulan-Ude", "Республика Бурятия",
                 "Улан-Удэ", "Бурятия"),
        _subject("republic", "dagestan", "Republic of Dagestan", "Dagestan", "Makhachkala", "Республика Дагестан",
                 "Махачкала", "Дагестан"),
        _subject("republic", "donetsk", "Donetsk People's Republic", "Donetsk", "Donetsk",
                 "Донецкая Народная Республика", "Донецк", "DPR", "ДНР"),
        _subject("republic", "ingushetia", "Republic of Ingushetia", "Ingushetia", "Magas",
                 "Республика Ингушетия", "Магас", "Ингушетия"),
        _subject("republic", "kabardino_balkaria", "Kabardino-Balkar Republic", "Kabardino-Balkaria", "Nalchik",
                 "Кабардино-Балкарская Республика", "Нальчик", "Kabardino-Balkaria", "Кабардино-Балкария"),
        _subject("republic", "kalmykia", "Republic of Kalmykia", "Kalmykia", "Elista", "Республика Калмыкия",
                 "Элиста", "Калмыкия"),
        _subject("republic", "karachay_cherkessia", "Karachay-Cherkess Republic", "Karachay-Cherkessia",
                 "Cherkessk", "Карачаево-Черкесская Республика", "Черкесск", "Karachay-Cherkessia",
                 "Карачаево-Черкесия"),
        _subject("republic", "karelia", "Republic of Karelia", "Karelia", "Petrozavodsk", "Республика Карелия",
                 "Петрозаводск", "Карелия"),
        _subject("republic", "komi", "Komi Republic", "Komi", "Syktyvkar", "Республика Коми", "Сыктывкар"),
        _subject("republic", "crimea", "Republic of Crimea", "Crimea", "Simferopol", "Республика Крым",
                 "Симферополь", "Крым"),
        _subject("republic", "luhansk", "Luhansk People's Republic", "Luhansk", "Luhansk",
                 "Луганская Народная Республика", "Луганск", "Lugansk", "LPR", "ЛНР"),
        _subject("republic", "mari_el", "Mari El Republic", "Mari El", "Yoshkar-Ola", "Республика Марий Эл",
                 "Йошкар-Ола", "Марий Эл"),
        _subject("republic", "mordovia", "Republic of Mordovia", "Mordovia", "Saransk", "Республика Мордовия",
                 "Саранск", "Мордовия"),
        _subject("republic", "sakha", "Sakha (Yakutia) Republic", "Sakha (Yakutia)", "Yakutsk",
                 "Республика Саха (Якутия)", "Якутск", "Yakutia", "Якутия", "Sakha", "Саха"),
        _subject("republic", "north_ossetia", "Republic of North Ossetia-Alania", "North Ossetia", "Vladikavkaz",
                 "Республика Северная Осетия — Алания", "Владикавказ", "North Ossetia", "Северная Осетия",
                 "Alania", "Алания"),
        _subject("republic", "tatarstan", "Republic of Tatarstan", "Tatarstan", "Kazan", "Республика Татарстан",
                 "Казань", "Татарстан", "Tatarstan"),
        _subject("republic", "tuva", "Tuva Republic", "Tuva", "Kyzyl", "Республика Тыва", "Кызыл", "Tyva",
                 "Тува", "Тыва"),
        _subject("republic", "udmurtia", "Udmurt Republic", "Udmurtia", "Izhevsk", "Удмуртская Республика",
                 "Ижевск", "Udmurtia", "Удмуртия"),
        _subject("republic", "khakassia", "Republic of Khakassia", "Khakassia", "Abakan", "Республика Хакасия",
                 "Абакан", "Хакасия"),
        _subject("republic", "chechnya", "Chechen Republic", "Chechnya", "Grozny", "Чеченская Республика",
                 "Грозный", "Chechnya", "Чечня"),
        _subject("republic", "chuvashia", "Chuvash Republic", "Chuvashia", "Cheboksary", "Чувашская Республика",
                 "Чебоксары", "Chuvashia", "Чувашия"),
        # krais (9)
        _subject("krai", "altai_krai", "Altai Krai", "Altai Krai", "Barnaul", "Алтайский край", "Барнаул"),
        _subject("krai", "zabaykalsky", "Zabaykalsky Krai", "Zabaykalsky", "Chita", "Забайкальский край", "Чита",
                 "Transbaikal Krai", "Забайкалье"),
        _subject("krai", "kamchatka", "Kamchatka Krai", "Kamchatka", "Petropavlovsk-Kamchatsky", "Камчатский край",
                 "Петропавловск-Камчатский", "Камчатка"),
        _subject("krai", "krasnodar", "Krasnodar Krai", "Krasnodar", "Krasnodar", "Краснодарский край", "Краснодар",
                 "Kuban", "Кубань"),
        _subject("krai", "krasnoyarsk", "Krasnoyarsk Krai", "Krasnoyarsk", "Krasnoyarsk", "Красноярский край",
                 "Красноярск"),
        _subject("krai", "perm", "Perm Krai", "Perm", "Perm", "Пермский край", "Пермь", "Прикамье"),
        _subject("krai", "primorsky", "Primorsky Krai", "Primorye", "Vladivostok", "Приморский край",
                 "Владивосток", "Primorye", "Приморье"),
        _subject("krai", "stavropol", "Stavropol Krai", "Stavropol", "Stavropol", "Ставропольский край",
                 "Ставрополь", "Ставрополье"),
        _subject("krai", "khabarovsk", "Khabarovsk Krai", "Khabarovsk", "Khabarovsk", "Хабаровский край",
                 "Хабаровск"),
        # oblasts (48)
        _oblast("amur", "Amur", "Blagoveshchensk", "Амурская область", "Благовещенск"),
        _oblast("arkhangelsk", "Arkhangelsk", "Arkhangelsk", "Архангельская область", "Архангельск"),
        _oblast("astrakhan", "Astrakhan", "Astrakhan", "Астраханская область", "Астрахань"),
        _oblast("belgorod", "Belgorod", "Belgorod", "Белгородская область", "Белгород"),
        _oblast("bryansk", "Bryansk", "Bryansk", "Брянская область", "Брянск"),
        _oblast("vladimir", "Vladimir", "Vladimir", "Владимирская область", "Владимир"),
        _oblast("volgograd", "Volgograd", "Volgograd", "Волгоградская область", "Волгоград"),
        _oblast("vologda", "Vologda", "Vologda", "Вологодская область", "Вологда"),
        _oblast("voronezh", "Voronezh", "Voronezh", "Воронежская область", "Воронеж"),
        _oblast("zaporozhye", "Zaporozhye", "Zaporozhye", "Запорожская область", "Запорожье", "Zaporizhzhia"),
        _oblast("ivanovo", "Ivanovo", "Ivanovo", "Ивановская область", "Иваново"),
        _oblast("irkutsk", "Irkutsk", "Irkutsk", "Иркутская область", "Иркутск"),
        _oblast("kaliningrad", "Kaliningrad", "Kaliningrad", "Калининградская область", "Калининград"),
        _oblast("kaluga", "Kaluga", "Kaluga", "Калужская область", "Калуга"),
        _oblast("kemerovo", "Kemerovo", "Kemerovo", "Кемеровская область", "Кемерово", "Kuzbass", "Кузбасс",
                "Кемеровская область — Кузбасс", "Kemerovo Oblast - Kuzbass"),
        _oblast("kirov", "Kirov", "Kirov", "Кировская область", "Киров"),
        _oblast("kostroma", "Kostroma", "Kostroma", "Костромская область", "Кострома"),
        _oblast("kurgan", "Kurgan", "Kurgan", "Курганская область", "Курган", "Зауралье"),
        _oblast("kursk", "Kursk", "Kursk", "Курская область", "Курск"),
        _oblast("leningrad", "Leningrad", "Gatchina", "Ленинградская область", "Гатчина"),
        _oblast("lipetsk", "Lipetsk", "Lipetsk", "Липецкая область", "Липецк"),
        _oblast("magadan", "Magadan", "Magadan", "Магаданская область", "Магадан"),
        _oblast("moscow_oblast", "Moscow", "Krasnogorsk", "Московская область", "Красногорск", "Подмосковье",
                "Moscow Oblast"),
        _oblast("murmansk", "Murmansk", "Murmansk", "Мурманская область", "Мурманск"),
        _oblast("nizhny_novgorod", "Nizhny Novgorod", "Nizhny Novgorod", "Нижегородская область",
                "Нижний Новгород"),
        _oblast("novgorod", "Novgorod", "Veliky Novgorod", "Новгородская область", "Великий Новгород"),
        _oblast("novosibirsk", "Novosibirsk", "Novosibirsk", "Новосибирская область", "Новосибирск"),
        _oblast("omsk", "Omsk", "Omsk", "Омская область", "Омск"),
        _oblast("orenburg", "Orenburg", "Orenburg", "Оренбургская область", "Оренбург", "Оренбуржье"),
        _oblast("oryol", "Oryol", "Oryol", "Орловская область", "Орёл", "Orel", "Orlovskaya"),
        _oblast("penza", "Penza", "Penza", "Пензенская область", "Пенза"),
        _oblast("pskov", "Pskov", "Pskov", "Псковская область", "Псков"),
        _oblast("rostov", "Rostov", "Rostov-on-Don", "Ростовская область", "Ростов-на-Дону"),
        _oblast("ryazan", "Ryazan", "Ryazan", "Рязанская область", "Рязань"),
        _oblast("samara", "Samara", "Samara", "Самарская область", "Самара"),
        _oblast("saratov", "Saratov", "Saratov", "Саратовская область", "Саратов"),
        _oblast("sakhalin", "Sakhalin", "Yuzhno-Sakhalinsk", "Сахалинская область", "Южно-Сахалинск"),
        _oblast("sverdlovsk", "Sverdlovsk", "Yekaterinburg", "Свердловская область", "Екатеринбург",
                "Ekaterinburg", "Свердлов облысы", "Middle Urals", "Средний Урал"),
        _oblast("smolensk", "Smolensk", "Smolensk", "Смоленская область", "Смоленск"),
        _oblast("tambov", "Tambov", "Tambov", "Тамбовская область", "Тамбов"),
        _oblast("tver", "Tver", "Tver", "Тверская область", "Тверь"),
        _oblast("tomsk", "Tomsk", "Tomsk", "Томская область", "Томск"),
        _oblast("tula", "Tula", "Tula", "Тульская область", "Тула"),
        _oblast("tyumen", "Tyumen", "Tyumen", "Тюменская область", "Тюмень"),
        _oblast("ulyanovsk", "Ulyanovsk", "Ulyanovsk", "Ульяновская область", "Ульяновск"),
        _oblast("kherson", "Kherson", "Kherson", "Херсонская область", "Херсон"),
        _oblast("chelyabinsk", "Chelyabinsk", "Chelyabinsk", "Челябинская область", "Челябинск", "Челяби облысы"),
        _oblast("yaroslavl", "Yaroslavl", "Yaroslavl", "Ярославская область", "Ярославль"),
        # cities of federal significance (3)
        _subject("federal_city", "moscow", "Moscow", "Moscow", "Moscow", "Москва", "Москва", "город Москва"),
        _subject("federal_city", "st_petersburg", "Saint Petersburg", "Saint Petersburg", "Saint Petersburg",
                 "Санкт-Петербург", "Санкт-Петербург", "St. Petersburg", "St Petersburg", "Петербург", "СПб"),
        _subject("federal_city", "sevastopol", "Sevastopol", "Sevastopol", "Sevastopol", "Севастополь",
                 "Севастополь"),
        # autonomous oblast (1) and autonomous okrugs (4)
        _subject("autonomous_oblast", "jewish", "Jewish Autonomous Oblast", "Jewish Autonomous Oblast",
                 "Birobidzhan", "Еврейская автономная область", "Биробиджан", "ЕАО"),
        _subject("autonomous_okrug", "nenets", "Nenets Autonomous Okrug", "Nenets", "Naryan-Mar",
                 "Ненецкий автономный округ", "Нарьян-Мар", "НАО"),
        _subject("autonomous_okrug", "khanty_mansi", "Khanty-Mansi Autonomous Okrug - Yugra", "Khanty-Mansi",
                 "Khanty-Mansiysk", "Ханты-Мансийский автономный округ — Югра", "Ханты-Мансийск",
                 "Khanty-Mansi Autonomous Okrug", "Ханты-Мансийский автономный округ", "Yugra", "Югра", "ХМАО"),
        _subject("autonomous_okrug", "chukotka", "Chukotka Autonomous Okrug", "Chukotka", "Anadyr",
                 "Чукотский автономный округ", "Анадырь", "Chukotka", "Чукотка"),
        _subject("autonomous_okrug", "yamalo_nenets", "Yamalo-Nenets Autonomous Okrug", "Yamalo-Nenets",
                 "Salekhard", "Ямало-Ненецкий автономный округ", "Салехард", "Yamal", "Ямал", "ЯНАО"),
    )
}

# Words that name the kind of a subject become one tag each; "region" and "oblast" are one tag and, when
# the name has no exact match with it, are read loosely ("Krasnodar region" is Krasnodar Krai).
_RU_KIND_WORDS = (
    (r"автономн\w*\s+округ\w*|autonomous\s+(?:okrug|district|area)|\bао\b|\bao\b", "§ao"),
    (r"автономн\w*\s+област\w*|autonomous\s+(?:oblast|region)", "§aobl"),
    (r"\b(?:oblast|oblasts|oblys|oblysy|region|province|область|области|обл|облысы|облысының)\b", "§oblast"),
    (r"\b(?:krai|kray|край|края|territory)\b", "§krai"),
    (r"\b(?:republic|respublika|республика|республики|resp|респ)\b", "§republic"),
)
_RU_DROP = {"г", "гор", "город", "города", "city", "of", "the", "federal", "федерального", "значения", "народная",
            "народной", "people", "peoples", "s", "қаласы", "im", "им"}
_RU_ADJECTIVE = ((re.compile(r"(ская|ской|скую|ский|ского|ском|скому|ские|ских)$"), "ск"),
                 (re.compile(r"(цкая|цкой|цкую|цкий|цкого|цком)$"), "цк"),
                 (re.compile(r"(skaya|skoy|skoi|skiy|skii|skij|sky)$"), "sk"))
#: Names that are also common first names, surnames or words, never read as a region inside free text.
_RU_NOT_IN_TEXT = {"vladimir", "владимир", "kirov", "киров", "kyzyl", "кызыл", "orel", "орел", "komi", "коми",
                   "crimea", "крым", "jewish", "еврейск", "amur", "амур"}
_AMBIGUOUS = "§ambiguous"


def _ru_tokens(text: str) -> list[str]:
    """Lower-cased words with kind words as tags, generic words dropped, adjectives folded."""
    s = text.lower().replace("ё", "е")
    s = re.sub(r"[\-–—_.,;()«»\"'’/:]", " ", s)
    for pattern, tag in _RU_KIND_WORDS:
        s = re.sub(pattern, f" {tag} ", s)
    out = []
    for w in s.split():
        if w in _RU_DROP:
            continue
        for pattern, repl in _RU_ADJECTIVE:
            w = pattern.sub(repl, w)
        out.append(w)
    return out


def _ru_parse(name: str) -> tuple[str, str | None]:
    """(base name, kind tag or None): "Челябинская обл." -> ("челябинск", "§oblast")."""
    tokens = _ru_tokens(name)
    kinds = [t for t in tokens if t.startswith("§")]
    return " ".join(t for t in tokens if not t.startswith("§")), (kinds[0] if kinds else None)


def _ru_index() -> tuple[dict, dict, dict]:
    typed: dict[tuple[str, str], set] = {}
    primary: dict[str, set] = {}  # names without a kind word: capitals, federal cities, plain aliases
    secondary: dict[str, set] = {}  # the base of names with a kind word ("Moscow" of "Moscow Oblast")
    for s in RU_SUBJECTS.values():
        for name in s.names():
            base, kind = _ru_parse(name)
            if not base:
                continue
            if kind:
                typed.setdefault((base, kind), set()).add(s.key)
                secondary.setdefault(base, set()).add(s.key)
            else:
                primary.setdefault(base, set()).add(s.key)
    bare = {}
    for base in set(primary) | set(secondary):
        keys = primary.get(base) or secondary[base]
        bare[base] = next(iter(keys)) if len(keys) == 1 else _AMBIGUOUS
    for name in ("Алтай",):  # the krai and the republic are both called so
        bare[_ru_parse(name)[0]] = _AMBIGUOUS
    typed = {k: (next(iter(v)) if len(v) == 1 else _AMBIGUOUS) for k, v in typed.items()}
    names = {}
    for base in set(primary) | set(secondary):
        names[base] = sorted(primary.get(base, set()) | secondary.get(base, set()))
    return typed, bare, names


_RU_TYPED, _RU_BARE, _RU_NAMES = _ru_index()


class UnknownRussianRegion(ValueError):
    """A name that is not one of Russia's federal subjects (or names several of them)."""

    def __init__(self, name: str, suggestions: list[str], why: str = "unknown Russian region",
                 hint: str = "closest known names"):
        self.name = name
        self.suggestions = suggestions
        listed = f"; {hint}: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"{why} {name!r}{listed}")


def suggest_ru_regions(name: str, n: int = 3) -> list[str]:
    """English names of the federal subjects whose names are closest to `name`."""
    base, _ = _ru_parse(name)
    out: list[str] = []
    for hit in difflib.get_close_matches(base, list(_RU_NAMES), n=10, cutoff=0.6):
        for key in _RU_NAMES[hit]:
            label = RU_SUBJECTS[key].name_en
            if label not in out:
                out.append(label)
    return out[:n]


def _ru_lookup_one(name: str) -> str:
    base, kind = _ru_parse(name)
    key = _RU_TYPED.get((base, kind)) if kind else None
    if key is None and kind in (None, "§oblast"):
        key = _RU_BARE.get(base)
        if kind and key and key != _AMBIGUOUS and RU_SUBJECTS[key].kind == "federal_city":
            key = None  # "Moscow region" is not the city
    if key == _AMBIGUOUS:
        raise UnknownRussianRegion(name, suggest_ru_regions(name), "ambiguous Russian region name")
    if key is None:
        raise UnknownRussianRegion(name, suggest_ru_regions(name))
    return key


def ru_region_keys(value: str) -> list[str]:
    """The federal subjects named in a cell; several are separated by ";", "," or "+"."""
    parts = [p for p in re.split(r"[;+,]", value) if p.strip()]
    if not parts:
        raise UnknownRussianRegion(value, [])
    return sorted({_ru_lookup_one(p) for p in parts})


def is_known_ru_region(value: str) -> bool:
    try:
        ru_region_keys(value)
    except UnknownRussianRegion:
        return False
    return True


def resolve_ru_region(name: str) -> RuSubject:
    """The Russian region studied (RU_REGION): one federal subject, by any of its names.

    Raises UnknownRussianRegion with the closest names for an unknown, ambiguous or multiple name.
    """
    keys = ru_region_keys(name)
    if len(keys) != 1:
        raise UnknownRussianRegion(name, [RU_SUBJECTS[k].name_en for k in keys],
                                   "one Russian region is studied at a time, not several:", "it names")
    return RU_SUBJECTS[keys[0]]


def ru_regions_named_in(text: str) -> list[str]:
    """The federal subjects that a free text names ("Government of Sverdlovsk region; Akimat of ...").

    A subject counts when its name stands with a kind word ("Chelyabinsk region", "Республика Татарстан")
    or when it is a name of its own that is not also a common word or person's name ("Yekaterinburg").
    """
    tokens = _ru_tokens(text)
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        step = 1
        for n in (4, 3, 2, 1):
            gram = tokens[i:i + n]
            if len(gram) < n or any(t.startswith("§") for t in gram):
                continue
            base = " ".join(gram)
            kinds = [t for t in (tokens[i - 1] if i else "", tokens[i + n] if i + n < len(tokens) else "")
                     if t.startswith("§")]
            key = next((_RU_TYPED[(base, k)] for k in kinds if (base, k) in _RU_TYPED), None)
            if key is None and (kinds or base not in _RU_NOT_IN_TEXT):
                key = _RU_BARE.get(base)
                if key and key != _AMBIGUOUS and kinds and RU_SUBJECTS[key].kind == "federal_city":
                    key = None
            if key and key != _AMBIGUOUS:
                found.add(key)
                step = n
                break
        i += step
    return sorted(found)
