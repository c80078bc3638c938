from datetime import date

import pytest

from regional_ties import gazetteer as g


@pytest.mark.parametrize(
    "name, unit",
    [
        ("Костанайская область", "kostanay"),
        ("Kostanay region", "kostanay"),
        ("Қостанай облысы", "kostanay"),
        ("Рудный", "kostanay"),
        ("Северо-Казахстанская обл.", "north_kazakhstan"),
        ("Петропавловск", "north_kazakhstan"),
        ("Акмолинская область", "akmola"),
        ("Kokshetau", "akmola"),
        ("ВКО", "east_kazakhstan"),
        ("Караганда", "karaganda"),
        ("Алма-Ата", "almaty_city"),
        ("Abai region", "east_kazakhstan"),  # 2022 region, mapped to the 2015-2020 unit it came from
        ("Nur-Sultan", "astana"),
        ("Нур-Султан", "astana"),
        ("г. Алматы", "almaty_city"),
        ("Almaty", "almaty_city"),
        ("Алматинская область", "almaty_region"),
        ("Almaty region", "almaty_region"),
        ("Алматы облысы", "almaty_region"),
        ("Южно-Казахстанская область", "turkistan"),
        ("Kazakhstan", "national"),
    ],
)
def test_aliases_map_to_one_unit(name, unit):
    assert g.normalize_region(name, date(2019, 6, 1)) == unit


def test_shymkent_belongs_to_south_kazakhstan_before_19_june_2018():
    assert g.normalize_region("Шымкент", date(2018, 6, 18)) == "turkistan"
    assert g.normalize_region("Шымкент", date(2018, 6, 19)) == "shymkent"


def test_official_name_follows_renamings():
    assert g.official_name("astana", date(2019, 3, 22)) == "Astana"
    assert g.official_name("astana", date(2019, 3, 23)) == "Nur-Sultan"
    assert g.official_name("astana", date(2022, 9, 18)) == "Astana"
    assert g.official_name("turkistan", date(2017, 1, 1)) == "South Kazakhstan"
    assert g.official_name("turkistan", date(2019, 1, 1)) == "Turkistan"


def test_several_units_give_national_several():
    assert g.normalize_region("Kostanay; Akmola") == "national"
    assert g.normalize_region("Kostanay; Рудный") == "kostanay"


def test_unknown_name_is_an_error_with_suggestions():
    with pytest.raises(g.UnknownPlaceName) as err:
        g.normalize_region("Kostanaj")
    assert "kostanay" in err.value.suggestions
    assert "Kostanaj" in str(err.value)


def test_seventeen_units_with_distinct_iso_codes():
    subnational = [g.UNITS[k] for k in g.SUBNATIONAL_KEYS]
    assert len(subnational) == 17
    assert len({u.iso for u in subnational}) == 17
    assert len({u.grid for u in subnational}) == 17


# ----------------------------------------------------------------------------- Russia's federal subjects


def test_eighty_nine_federal_subjects_as_russia_counts_them():
    kinds = [s.kind for s in g.RU_SUBJECTS.values()]
    assert len(kinds) == 89
    assert {k: kinds.count(k) for k in set(kinds)} == {"republic": 24, "krai": 9, "oblast": 48, "federal_city": 3,
                                                       "autonomous_oblast": 1, "autonomous_okrug": 4}
    assert len({s.name_en for s in g.RU_SUBJECTS.values()}) == 89


def test_every_name_of_a_subject_resolves_to_it():
    for s in g.RU_SUBJECTS.values():
        for name in s.names():
            assert g.ru_region_keys(name) == [s.key], name


@pytest.mark.parametrize("name, key", [
    ("Челябинская область", "chelyabinsk"), ("Chelyabinsk region", "chelyabinsk"),
    ("Chelyabinsk oblast", "chelyabinsk"), ("Челябинск", "chelyabinsk"), ("Chelyabinsk", "chelyabinsk"),
    ("Челябинская обл.", "chelyabinsk"), ("Chelyabinskaya oblast", "chelyabinsk"), ("Челяби облысы", "chelyabinsk"),
    ("Sverdlovsk", "sverdlovsk"), ("Свердловская область", "sverdlovsk"), ("Yekaterinburg", "sverdlovsk"),
    ("Свердлов облысы", "sverdlovsk"), ("Средний Урал", "sverdlovsk"),
    ("Moscow", "moscow"), ("Москва", "moscow"), ("Moscow region", "moscow_oblast"), ("Подмосковье", "moscow_oblast"),
    ("Krasnodar region", "krasnodar"), ("Краснодарский край", "krasnodar"),  # "region" read loosely for a krai
    ("Tatarstan", "tatarstan"), ("Республика Татарстан", "tatarstan"), ("Tatarstan Republic", "tatarstan"),
    ("Altai Krai", "altai_krai"), ("Алтайский край", "altai_krai"), ("Республика Алтай", "altai_republic"),
    ("ХМАО", "khanty_mansi"), ("Nenets AO", "nenets"), ("Ненецкий автономный округ", "nenets"),
    ("St. Petersburg", "st_petersburg"), ("Leningrad region", "leningrad"),
    ("Nizhny Novgorod", "nizhny_novgorod"), ("Novgorod region", "novgorod"),
    ("Petropavlovsk-Kamchatsky", "kamchatka"), ("Orenburg", "orenburg"), ("Kurgan oblast", "kurgan"),
])
def test_names_of_federal_subjects(name, key):
    assert g.resolve_ru_region(name).key == key


@pytest.mark.parametrize("name", ["Altai", "Алтай"])
def test_a_name_of_two_subjects_is_an_error_naming_both(name):
    with pytest.raises(g.UnknownRussianRegion) as err:
        g.resolve_ru_region(name)
    assert "ambiguous" in str(err.value)
    assert {"Altai Krai", "Altai Republic"} <= set(err.value.suggestions)


@pytest.mark.parametrize("name, closest", [("Chelyabinks", "Chelyabinsk region"), ("Tatarstn", "Republic of Tatarstan"),
                                           ("Sverdlovskaya oblst", "Sverdlovsk region"),
                                           ("Saint Petersburg region", "Saint Petersburg")])
def test_unknown_russian_region_is_rejected_with_the_closest_names(name, closest):
    with pytest.raises(g.UnknownRussianRegion) as err:
        g.resolve_ru_region(name)
    assert closest in err.value.suggestions and repr(name) in str(err.value)


def test_the_region_studied_is_one_region():
    assert g.ru_region_keys("Sverdlovsk region; Челябинская область") == ["chelyabinsk", "sverdlovsk"]
    with pytest.raises(g.UnknownRussianRegion, match="one Russian region is studied at a time"):
        g.resolve_ru_region("Sverdlovsk region; Челябинская область")


def test_labels_of_the_region_studied():
    s = g.resolve_ru_region("Свердловская область")
    assert (s.name_en, s.short_en, s.capital_label) == ("Sverdlovsk region", "Sverdlovsk",
                                                        "Yekaterinburg (Sverdlovsk region)")
    assert g.resolve_ru_region("Москва").capital_label == "Moscow"


@pytest.mark.parametrize("text, keys", [
    ("Government of Sverdlovsk region; Akimat of Kostanay region", ["sverdlovsk"]),
    ("Ural State Agrarian University (Yekaterinburg); Pavlodar State University", ["sverdlovsk"]),
    ("Правительство Челябинской области; Акимат Костанайской области", ["chelyabinsk"]),
    ("Government of the Republic of Tatarstan; Akimat of Astana", ["tatarstan"]),
    ("Governments of Orenburg region and of Samara region; West Kazakhstan akimat", ["orenburg", "samara"]),
    ("Altai Krai administration; East Kazakhstan akimat", ["altai_krai"]),
    ("Russian Federation; Republic of Kazakhstan", []),
    ("Governor Vladimir Fixturov; Akimat of Petropavlovsk", []),  # a first name and a Kazakh city are no region
    ("Governor of Vladimir region", ["vladimir"]),
    ("Fixture Jewish Community of Yekaterinburg; Fixture Amur Hockey Club", ["sverdlovsk"]),
])
def test_regions_named_in_a_list_of_parties(text, keys):
    assert g.ru_regions_named_in(text) == keys


def test_no_kazakh_place_name_is_read_as_a_russian_region():
    for names in g._ALIASES.values():
        for name in names:
            assert g.ru_regions_named_in(name) == [] and not g.is_known_ru_region(name), name
