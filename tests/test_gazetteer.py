from datetime import date

import pytest

from regional_ties import gazetteer as g
from regional_ties import kazakh_units as ku


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
    assert g.normalize_region("Kostanay; Akmola", date(2019, 6, 1)) == "national"
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
    for name in (r["name"] for r in g.read_reference("kz_names.csv")):
        if True:
            assert g.ru_regions_named_in(name) == [] and not g.is_known_ru_region(name), name


# ----------------------------------------------------------------------------- the Kazakh name table


def test_every_name_of_the_table_resolves_to_exactly_its_own_unit():
    rows = g.read_reference("kz_names.csv")
    assert len(rows) > 250
    for r in rows:
        assert g.normalize_region(r["name"], date(2019, 6, 1)) == r["unit"], r
        assert g.is_known(r["name"]), r


def test_no_name_of_one_unit_is_a_name_of_another():
    owners: dict[tuple[str, str | None], set] = {}
    for r in g.read_reference("kz_names.csv"):
        s, word = ku._parse(r["name"])
        owners.setdefault((s, "region" if word == "region" else None), set()).add(r["unit"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    # the deliberately ambiguous names are only in the dated table, never a plain name of one unit
    dated = {g.simplify_name(r["name"]) for r in g.read_reference("kz_names_dated.csv")}
    assert dated == {"akmola", "aqmola", "акмола", "ақмола", "tselinograd", "целиноград", "akmolinsk", "акмолинск"}
    assert not dated & {s for s, word in owners if word is None}


def test_a_name_of_two_units_in_the_table_stops_the_import(monkeypatch):
    rows = g.read_reference("kz_names.csv") + [{"unit": "astana", "name": "Kostanay", "language": "en", "note": ""}]
    monkeypatch.setattr(ku, "read_reference",
                        lambda name: rows if name == "kz_names.csv" else g.read_reference(name))
    with pytest.raises(ValueError, match="'Kostanay' is a name of kostanay and of astana"):
        ku._index()


@pytest.mark.parametrize("name, unit", [
    ("Akmola", "akmola"), ("Akmola region", "akmola"), ("Akmola oblast", "akmola"), ("Aqmola", "akmola"),
    ("Aqmola oblysy", "akmola"), ("Ақмола облысы", "akmola"), ("Акмолинская", "akmola"), ("Qostanay", "kostanay"),
    ("Qostanaı oblysy", "kostanay"), ("Soltüstik Qazaqstan", "north_kazakhstan"),
    ("Soltustik Qazaqstan oblysy", "north_kazakhstan"), ("Nur-Sultan", "astana"), ("Нұр-Сұлтан", "astana"),
    ("Almaty", "almaty_city"), ("Almaty oblysy", "almaty_region"), ("Qaraǵandy", "karaganda"),
    ("Qaragandy oblysy", "karaganda"), ("Pavlodar oblysy", "pavlodar"), ("Shyǵys Qazaqstan", "east_kazakhstan"),
    ("Shygys Qazaqstan oblysy", "east_kazakhstan"), ("Batys Qazaqstan", "west_kazakhstan"),
    ("Mańǵystaý", "mangystau"), ("Aqtöbe", "aktobe"), ("Túrkistan", "turkistan"), ("Jambyl oblysy", "zhambyl"),
    ("Qyzylorda", "kyzylorda"), ("Atyraý", "atyrau"), ("Óskemen", "east_kazakhstan"), ("Oral", "west_kazakhstan"),
    ("Alma-Ata", "almaty_city"), ("Алма-Атинская область", "almaty_region"), ("Akmola city", "astana"),
])
def test_own_names_in_every_language_and_the_kazakh_latin_alphabet(name, unit):
    assert g.normalize_region(name, date(2017, 5, 1)) == unit


@pytest.mark.parametrize("name, on, unit", [
    ("Akmola", date(1998, 5, 6), "akmola"),  # the city became Astana on 6 May 1998
    ("Акмола", date(2020, 1, 1), "akmola"),
])
def test_a_historical_name_maps_by_the_date_when_it_named_one_unit(name, on, unit):
    assert g.normalize_region(name, on) == unit


@pytest.mark.parametrize("name, on", [
    ("Akmola", date(1998, 5, 5)), ("Aqmola", date(1995, 1, 1)), ("Akmola", None),
    ("Tselinograd", date(2019, 1, 1)), ("Целиноград", date(1980, 1, 1)), ("Akmolinsk", date(2016, 1, 1)),
])
def test_a_historical_name_of_two_units_is_refused_naming_the_candidates(name, on):
    with pytest.raises(g.AmbiguousPlaceName) as err:
        g.normalize_region(name, on)
    assert err.value.candidates == ["akmola", "astana"]
    assert repr(name) in str(err.value) and "Akmola (akmola)" in str(err.value)


def test_an_event_spanning_the_renaming_is_refused():
    assert g.normalize_region("Akmola", date(1998, 5, 6), until=date(1998, 12, 31)) == "akmola"
    with pytest.raises(g.AmbiguousPlaceName):
        g.normalize_region("Akmola", date(1998, 1, 1), until=date(1998, 12, 31))


def test_iso_codes_are_pycountrys_subdivisions_of_kazakhstan():
    import pycountry

    subdivisions = {s.code: s for s in pycountry.subdivisions.get(country_code="KZ")}
    for key in g.SUBNATIONAL_KEYS:
        unit = g.UNITS[key]
        assert unit.iso_now in subdivisions, key  # today's code is ISO's, and its name is the unit's
        assert g.normalize_region(subdivisions[unit.iso_now].name, date(2019, 6, 1)) == key
        assert unit.iso.startswith("KZ-") and len(unit.iso) == 6
    assert pycountry.countries.get(alpha_2=g.UNITS[g.NATIONAL].iso).name == "Kazakhstan"
    # every subdivision ISO lists is a unit or a region carved out in 2022 from one
    for s in subdivisions.values():
        assert g.normalize_region(s.name, date(2019, 6, 1)) in g.SUBNATIONAL_KEYS, s
