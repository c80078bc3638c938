import math

import pandas as pd

from regional_ties import stats


def test_herfindahl():
    assert stats.herfindahl([5, 5]) == 0.5
    assert stats.herfindahl([10]) == 1.0
    assert math.isnan(stats.herfindahl([0, 0]))


def test_count_share_keeps_zero_categories_in_order():
    t = stats.count_share(pd.Series(["b", "b", "a"]), ["a", "b", "c"], "x")
    assert t["x"].tolist() == ["a", "b", "c"]
    assert t["events"].tolist() == [1, 2, 0]
    assert t["share"].tolist() == [0.3333, 0.6667, 0.0]


def test_by_unit_lists_every_unit_ranked():
    ev = pd.DataFrame({"kz_unit": ["kostanay", "kostanay", "astana", "national"]})
    t = stats.by_unit(ev)
    assert len(t) == 18
    assert t["kz_unit"].tolist()[:3] == ["kostanay", "national", "astana"] or t.loc[0, "kz_unit"] == "kostanay"
    assert t.loc[0, "events"] == 2


def test_concentration_counts_units_without_events():
    ev = pd.DataFrame({"kz_unit": ["kostanay"] * 3 + ["national"], "area": ["education"] * 4})
    c = stats.concentration(ev).set_index("measure")["value"]
    assert c["units with no event (of 17)"] == 16
    assert c["Herfindahl index over the 17 units"] == 1.0
    assert c["share of the top five units"] == 1.0


def test_analysis_events_uses_the_flag():
    ev = pd.DataFrame({"in_analysis": ["True", "False", "True"], "x": [1, 2, 3]})
    assert stats.analysis_events(ev)["x"].tolist() == [1, 3]


# ----------------------------------------------------------------------------- made-up fixtures (not evidence)


def _events():
    return pd.DataFrame({
        "year": ["2015", "2015", "2017", "2020"],
        "area": ["arts", "education", "arts", "youth"],
        "format": ["in_person", "online", "hybrid", "online"],
        "kz_unit": ["kostanay", "national", "astana", "kostanay"],
        "ru_actor_kind": ["ngo", "regional_authority", "state_institution", "ngo"],
        "kz_actor_kind": ["ngo", "ngo", "international_org", "unknown"],
        "ru_sector": ["non_state", "state", "state", "non_state"],
        "kz_sector": ["non_state", "non_state", "international", "unknown"],
        "government_led": ["False", "True", "false", "False"],
    })


def test_is_true_reads_booleans_and_their_text():
    got = stats.is_true(pd.Series(["True", "true", "False", "", "TRUE", "yes"]))
    assert got.tolist() == [True, True, False, False, True, False]
    assert stats.is_true(pd.Series([True, False])).tolist() == [True, False]


def test_region_events_and_documents_keep_the_flagged_rows():
    ev = pd.DataFrame({"ru_region_match": ["True", "False", "true"], "x": [1, 2, 3]})
    assert stats.region_events(ev)["x"].tolist() == [1, 3]
    docs = pd.DataFrame({"ru_region_match": [False, True], "x": [1, 2]}, index=[5, 6])
    got = stats.region_documents(docs)
    assert got["x"].tolist() == [2] and got.index.tolist() == [0]


def test_count_share_of_nothing_is_zero_not_nan():
    t = stats.count_share(pd.Series([], dtype=str), ["a", "b"], "x")
    assert t["events"].tolist() == [0, 0] and t["share"].tolist() == [0, 0]


def test_by_area_and_by_year_keep_every_category():
    ev = _events()
    a = stats.by_area(ev)
    assert a["area"].tolist() == list(stats.AREAS)
    assert dict(zip(a["area"], a["events"], strict=True))["arts"] == 2
    y = stats.by_year(ev, 2014, 2020)
    assert y["year"].tolist() == list(range(2014, 2021))
    assert y["events"].tolist() == [0, 2, 0, 1, 0, 0, 1]
    assert y["share"].tolist() == [0.0, 0.5, 0.0, 0.25, 0.0, 0.0, 0.25]


def test_year_by_area_and_format_by_year_cross_tables():
    ev = _events()
    t = stats.year_by_area(ev, 2015, 2017)
    assert t.columns.tolist() == ["year", *stats.AREAS]
    assert t["year"].tolist() == [2015, 2016, 2017]
    assert t.set_index("year").loc[2015, "arts"] == 1 and t.set_index("year").loc[2016].sum() == 0
    assert t.set_index("year").loc[2017, "arts"] == 1
    f = stats.format_by_year(ev, 2015, 2020)
    assert f.columns.tolist() == ["year", *stats.FORMATS]
    assert f.set_index("year").loc[2020, "online"] == 1 and f.set_index("year").loc[2015, "online"] == 1
    assert int(f.drop(columns="year").to_numpy().sum()) == 4


def test_actors_counts_each_side_with_its_sector():
    t = stats.actors(_events()).set_index("actor_kind")
    assert t.index.tolist() == list(stats.ACTOR_KINDS)
    assert (t.loc["ngo", "ru_side"], t.loc["ngo", "kz_side"]) == (2, 2)
    assert (t.loc["regional_authority", "ru_side"], t.loc["regional_authority", "kz_side"]) == (1, 0)
    assert t.loc["ngo", "sector"] == "non_state" and t.loc["regional_authority", "sector"] == "state"


def test_sectors_counts_each_side_and_government_led():
    t = stats.sectors(_events())
    got = {(s, c): (n, sh) for s, c, n, sh in t.itertuples(index=False)}
    assert got[("ru", "state")] == (2, 0.5) and got[("ru", "non_state")] == (2, 0.5)
    assert got[("kz", "non_state")] == (2, 0.5) and got[("kz", "international")] == (1, 0.25)
    assert got[("kz", "unknown")] == (1, 0.25) and got[("ru", "unknown")] == (0, 0.0)
    assert got[("both", "government_led")] == (1, 0.25)
    assert got[("both", "no_authority_involved")] == (3, 0.75)
    assert len(t) == 10


def test_sectors_of_no_event_is_zero():
    t = stats.sectors(_events().iloc[:0])
    assert (t["events"] == 0).all() and (t["share"] == 0).all()


def test_concentration_measures_in_order_with_national_left_out_of_units():
    ev = pd.DataFrame({"kz_unit": ["kostanay"] * 2 + ["astana", "pavlodar", "almaty_city", "akmola", "karaganda",
                                                      "national"],
                       "area": ["arts"] * 4 + ["education"] * 4})
    c = stats.concentration(ev)
    assert c["measure"].tolist() == ["events with a single Kazakh unit", "share of the top five units",
                                     "Herfindahl index over the 17 units", "Herfindahl index over the six areas",
                                     "units with no event (of 17)"]
    v = c.set_index("measure")["value"]
    assert v["events with a single Kazakh unit"] == 7
    assert v["share of the top five units"] == round(6 / 7, 4)
    assert v["Herfindahl index over the 17 units"] == round((4 + 5) / 49, 4)
    assert v["Herfindahl index over the six areas"] == 0.5
    assert v["units with no event (of 17)"] == 11


def test_concentration_of_national_events_only_has_no_top_five_share():
    c = stats.concentration(pd.DataFrame({"kz_unit": ["national"], "area": ["arts"]})).set_index("measure")["value"]
    assert c["events with a single Kazakh unit"] == 0 and math.isnan(c["share of the top five units"])


def test_units_without_events_names_them_in_the_gazetteer_order():
    from regional_ties import gazetteer

    present = [k for k in gazetteer.SUBNATIONAL_KEYS][1:]
    missing = stats.units_without_events(pd.DataFrame({"kz_unit": present}))
    assert missing == [gazetteer.UNITS[gazetteer.SUBNATIONAL_KEYS[0]].name_en]


def test_legal_basis_table_columns():
    cols = ["doc_id", "signed", "in_force_from", "in_force_to", "doc_type", "level", "title_en", "kz_unit",
            "covers_culture", "in_force_in_window"]
    docs = pd.DataFrame([dict.fromkeys(cols + ["extra"], "x")], index=[7])
    t = stats.legal_basis_table(docs)
    assert t.columns.tolist() == cols and t.index.tolist() == [0]


def test_by_unit_ranks_by_events_then_iso():
    ev = pd.DataFrame({"kz_unit": ["kostanay", "kostanay", "astana", "national", "national", "pavlodar"]})
    t = stats.by_unit(ev)
    assert t.columns.tolist() == ["kz_unit", "unit", "iso", "events", "share"]
    top = t.head(4)
    assert top["events"].tolist() == [2, 2, 1, 1]
    assert top["iso"].tolist() == sorted(top["iso"][:2]) + sorted(top["iso"][2:])
    assert t.index.tolist() == list(range(18))
