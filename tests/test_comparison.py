"""The comparison of two regions on made-up fixtures (not evidence): each number is the claim's own statistic on
the claim's own population, the window, the wording of a difference against the claim's margin, distances."""

import math

import numpy as np
import pandas as pd
import pytest

from regional_ties import claims as C
from regional_ties import comparison, docs, gazetteer
from regional_ties import findings as F
from regional_ties.load import read_raw

from .conftest import FIXTURES
from .test_findings import NO_DOCS, events, row

NAMES = ("sverdlovsk", "chelyabinsk")


def test_distance_of_one_degree_of_latitude():
    assert comparison.distance_km(50, 60, 51, 60) == pytest.approx(111.19, abs=0.01)


def test_every_kazakh_unit_and_both_regions_have_coordinates_with_a_source():
    caps = comparison.capitals()
    needed = {u for u in gazetteer.UNITS if u != "national"} | {"sverdlovsk", "chelyabinsk"}
    assert needed <= set(caps["key"])
    assert caps["url"].str.startswith("http").all()


# Fixture regions: a holds 6 named single-unit events, 2 unnamed single-unit events and 4 national or
# multi-unit events (coded "national", as the gazetteer codes an event with several units); b the opposite mix.
def _region_a():
    return events([row(unit="kostanay", ru="ngo")] * 4 + [row(unit="astana", ru="regional_authority")] * 2
                  + [row(unit="pavlodar", area="education")] * 2
                  + [row(unit=gazetteer.NATIONAL, ru="federal_authority", area="youth")] * 4)


def _region_b():
    return events([row(unit="pavlodar", ru="regional_authority", area="education")] * 7
                  + [row(unit="kostanay")] * 3 + [row(unit=gazetteer.NATIONAL)] * 2)


def _table(a=None, b=None, **kw):
    a = _region_a() if a is None else a
    b = _region_b() if b is None else b
    return comparison.claim_differences(a, b, NAMES, 2015, 2020, **({"seed": 2015} | kw))


def test_c2_share_is_over_single_unit_events_only_as_in_the_claim():
    t = _table().set_index("claim")
    c2 = t.loc["C2_partners"]
    # 6 named of 8 single-unit events (not 6 of all 12): national and multi-unit events stay out
    assert c2["sverdlovsk"] == 0.75 and c2["n_sverdlovsk"] == 8
    assert c2["chelyabinsk"] == 0.3 and c2["n_chelyabinsk"] == 10
    assert c2["difference"] == 0.45


def test_c4_share_is_over_all_events_national_included():
    c4 = _table().set_index("claim").loc["C4_from_within"]
    # a: the 4 kostanay and 2 pavlodar events have no authority; 6 of 12 events, the national ones counted
    assert c4["sverdlovsk"] == 0.5 and c4["n_sverdlovsk"] == 12
    assert c4["chelyabinsk"] == pytest.approx(5 / 12, abs=1e-4) and c4["n_chelyabinsk"] == 12


@pytest.mark.parametrize("claim_id", comparison.COMPARED_CLAIMS)
def test_every_compared_number_is_the_value_the_claim_reports(claim_id):
    a, b = _region_a(), _region_b()
    t = _table(a, b, n_boot=2000)
    record = C.CLAIMS_BY_ID[claim_id]
    for region, ev in zip(NAMES, (a, b), strict=True):
        r = F.run_claim(record, ev, NO_DOCS, C.Setting(2015, 2020), np.random.default_rng(1))
        mine = t[t["claim"] == claim_id].set_index("condition")
        compared = [c for c in r["conditions"] if c["name"] in mine.index]
        assert compared, "the comparison shows every interval condition of the claim"
        for c in compared:
            assert mine.loc[c["name"], region] == c["value"]
            assert mine.loc[c["name"], "n_" + region] == r["n"]
            assert mine.loc[c["name"], "statistic"] == next(x.words for x in record.conditions if x.name == c["name"])
            assert mine.loc[c["name"], "population"] == record.population


def test_only_interval_conditions_are_compared():
    t = _table()
    kinds = {(c.name): c.summary for r in C.CLAIMS for c in r.conditions}
    assert set(t["condition"].map(kinds)) == {"interval"}
    assert set(t["claim"]) == set(comparison.COMPARED_CLAIMS)


def test_the_margin_is_the_claims_own_and_the_interval_contains_the_difference():
    t = _table()
    margins = {c.name: c.margin for r in C.CLAIMS for c in r.conditions}
    for r in t.to_dict("records"):
        assert r["margin"] >= margins[r["condition"]]
        assert r["margin"] == pytest.approx(margins[r["condition"]] + 3 * r["monte_carlo_error"], abs=1e-4)
        assert r["low"] <= r["difference"] <= r["high"]


def test_small_tables_are_resampled_exactly_with_no_seed():
    t1, t2 = _table(seed=1), _table(seed=2)
    exact = t1["method"].str.startswith("exact")
    assert exact.any()
    pd.testing.assert_frame_equal(t1[exact], t2[exact])
    c2 = t1.set_index("claim").loc["C2_partners"]
    assert c2["monte_carlo_error"] == 0.0 and c2["margin"] == 0.02


def test_drawn_intervals_are_deterministic_for_a_seed():
    units = [u for u in gazetteer.SUBNATIONAL_KEYS][:8]
    spread = events([row(unit=u, area=a) for u in units for a in ("arts", "education", "youth")])
    t = _table(a=spread, n_boot=2000, seed=3)
    drawn = t[~t["method"].str.startswith("exact")]
    assert not drawn.empty and (drawn["monte_carlo_error"] > 0).all()
    assert drawn["method"].str.contains("2000 draws").all()
    pd.testing.assert_frame_equal(t, _table(a=spread, n_boot=2000, seed=3))


def test_a_clear_difference_is_called_for_the_higher_region():
    a = events([row(unit="kostanay")] * 18 + [row(unit="pavlodar")] * 2)
    b = events([row(unit="pavlodar")] * 18 + [row(unit="kostanay")] * 2)
    c2 = comparison.claim_differences(a, b, NAMES, 2015, 2020, seed=2015).set_index("claim").loc["C2_partners"]
    assert c2["difference"] == 0.8 and c2["low"] > 0.02
    assert c2["reading"] == "sverdlovsk higher"
    back = comparison.claim_differences(b, a, NAMES, 2015, 2020, seed=2015).set_index("claim").loc["C2_partners"]
    assert back["reading"] == "chelyabinsk higher"


def test_a_region_with_no_single_unit_event_is_not_compared():
    a = events([row(unit=gazetteer.NATIONAL)] * 5)
    c2 = _table(a=a).set_index("claim").loc["C2_partners"]
    assert c2["n_sverdlovsk"] == 0 and np.isnan(c2["low"]) and c2["reading"].startswith("no comparison")


@pytest.mark.parametrize(("low", "high", "margin", "words"), [
    (0.02, 0.5, 0.02, "no difference the record can show"),        # at the margin: not cleared
    (0.0199, 0.5, 0.02, "no difference the record can show"),      # just inside
    (0.0201, 0.5, 0.02, "sverdlovsk higher"),                      # just outside
    (-0.5, -0.02, 0.02, "no difference the record can show"),
    (-0.5, -0.0199, 0.02, "no difference the record can show"),
    (-0.5, -0.0201, 0.02, "chelyabinsk higher"),
    (-0.1, 0.1, 0.0, "no difference the record can show"),
    (0.0, 0.1, 0.0, "no difference the record can show"),
    (0.0001, 0.1, 0.0, "sverdlovsk higher"),
])
def test_difference_is_called_only_beyond_the_margin(low, high, margin, words):
    assert comparison.difference_side(low, high, margin, NAMES) == words


def _write_comparison(tmp_path, low, high, margin=0.02):
    t = pd.DataFrame([{"claim": "C2_partners", "condition": "named_share", "statistic": "the share of single-unit "
                       "events with a named partner", "population": "single-unit events", "sverdlovsk": 0.81,
                       "chelyabinsk": 1.0, "n_sverdlovsk": 16, "n_chelyabinsk": 14, "difference": -0.19, "low": low,
                       "high": high, "margin": margin, "monte_carlo_error": 0.0, "method": "exact",
                       "reading": comparison.difference_side(low, high, margin, NAMES)}])
    t.to_csv(tmp_path / "comparison_claims.csv", index=False)
    pd.DataFrame([{"region": "Sverdlovsk region", "rounds": 23, "queries": 1507, "events": 60},
                  {"region": "Chelyabinsk region", "rounds": 3, "queries": 345, "events": 25}]).to_csv(
        tmp_path / "comparison_search_effort.csv", index=False)
    return docs.comparison_block(tmp_path)


@pytest.mark.parametrize(("high", "words"), [(-0.02, "no difference the record can show"),
                                             (-0.019, "no difference the record can show"),
                                             (-0.021, "Chelyabinsk region higher")])
def test_readme_wording_of_a_difference_at_and_either_side_of_the_margin(tmp_path, high, words):
    text = _write_comparison(tmp_path, -0.38, high)
    line = text.splitlines()[-1]
    assert line.startswith("* C2, the share of single-unit events with a named partner, over single-unit events: "
                           "0.81 (n = 16) against 1.00 (n = 14)")
    assert f"margin 0.02): {words}." in line


def test_readme_names_the_claims_own_statistic(tmp_path):
    text = _write_comparison(tmp_path, -0.38, 0.0)
    assert "claim's own statistic" in text and "clears the claim's margin" in text


@pytest.mark.parametrize(("year", "inside"), [(2014, False), (2015, True), (2016, True), (2019, True),
                                              (2020, True), (2021, False)])
def test_window_edges_of_the_comparison(year, inside):
    ev = events([row(year=year), row(year=2017)]).assign(ru_region="Sverdlovsk region")
    ev.loc[1, "ru_region"] = "Chelyabinsk region"
    got = comparison.events_of(ev, "Sverdlovsk", 2015, 2020)
    assert len(got) == (1 if inside else 0)
    assert len(comparison.events_of(ev, "Chelyabinsk", 2015, 2020)) == 1


def test_side_by_side_counts_and_shares_over_fixed_categories():
    a = events([row(area="arts")] * 3 + [row(area="education")])
    b = events([row(area="youth")] * 2)
    t = comparison.side_by_side(a, b, NAMES, "area", ("education", "arts", "youth", "media"))
    assert t.columns.tolist() == ["area", "sverdlovsk_events", "sverdlovsk_share", "chelyabinsk_events",
                                  "chelyabinsk_share"]
    assert t["area"].tolist() == ["education", "arts", "youth", "media"]
    assert t["sverdlovsk_events"].tolist() == [1, 3, 0, 0] and t["sverdlovsk_share"].tolist() == [0.25, 0.75, 0, 0]
    assert t["chelyabinsk_events"].tolist() == [0, 0, 2, 0] and t["chelyabinsk_share"].tolist() == [0, 0, 1.0, 0]
    empty = comparison.side_by_side(a, b.iloc[:0], NAMES, "area", ("arts",))
    assert empty["chelyabinsk_events"].tolist() == [0] and empty["chelyabinsk_share"].isna().all()


def test_partners_with_distance_lists_every_unit_with_both_distances():
    a = events([row(unit="kostanay")] * 2 + [row(unit=gazetteer.NATIONAL)])
    b = events([row(unit="pavlodar")])
    t = comparison.partners_with_distance(a, b, NAMES, NAMES)
    assert t["kz_unit"].tolist() == [*gazetteer.SUBNATIONAL_KEYS, gazetteer.NATIONAL]
    assert t.columns.tolist() == ["kz_unit", "sverdlovsk_events", "chelyabinsk_events", "sverdlovsk_km",
                                  "chelyabinsk_km"]
    k = t.set_index("kz_unit")
    assert (k.loc["kostanay", "sverdlovsk_events"], k.loc["national", "sverdlovsk_events"]) == (2, 1)
    assert k.loc["pavlodar", "chelyabinsk_events"] == 1
    caps = comparison.capitals().set_index("key")
    want = round(comparison.distance_km(*caps.loc["sverdlovsk", ["latitude", "longitude"]],
                                        *caps.loc["kostanay", ["latitude", "longitude"]]))
    assert k.loc["kostanay", "sverdlovsk_km"] == want
    assert k.loc["kostanay", "chelyabinsk_km"] < k.loc["kostanay", "sverdlovsk_km"]  # Chelyabinsk borders Kostanay
    assert np.isnan(k.loc["national", "sverdlovsk_km"])


def test_distance_is_symmetric_and_zero_on_the_spot():
    assert comparison.distance_km(56.8, 60.6, 56.8, 60.6) == 0
    d = comparison.distance_km(56.8, 60.6, 53.2, 63.6)
    assert d == pytest.approx(comparison.distance_km(53.2, 63.6, 56.8, 60.6))
    assert comparison.distance_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)  # along the equator too


def test_exact_interval_of_a_share_against_a_region_that_cannot_move():
    # a: 5 named of 10 (binomial(10, 0.5): 2.5% and 97.5% points 2 and 8); b: none named, so b's share stays 0
    a = events([row(unit="kostanay")] * 5 + [row(unit="pavlodar")] * 5)
    b = events([row(unit="pavlodar")] * 10)
    c2 = comparison.claim_differences(a, b, NAMES, 2015, 2020, seed=2015).set_index("claim").loc["C2_partners"]
    assert (c2["difference"], c2["low"], c2["high"]) == (0.5, 0.2, 0.8)
    assert c2["method"] == "exact resampling of both regions"
    # b's share is 0 in every resample: its side of the interval cannot move, so no difference is called
    assert c2["reading"].startswith("no difference the record can show: chelyabinsk has the same value in every")
    # with one of b's events named, b's share moves, and the interval alone decides
    b2 = events([row(unit="pavlodar")] * 9 + [row(unit="kostanay")])
    c2 = comparison.claim_differences(a, b2, NAMES, 2015, 2020, seed=2015).set_index("claim").loc["C2_partners"]
    assert "same value in every resample" not in c2["reading"]


def _spread():
    units = list(gazetteer.SUBNATIONAL_KEYS)[:8]
    return events([row(unit=u, area=a) for u in units for a in ("arts", "education", "youth")])


def test_one_region_enumerated_and_the_other_drawn():
    # a: one unit and one area only, so its index is 1 in every resample (enumerated: one table); b drawn
    a = events([row(unit="kostanay", area="arts")] * 12)
    b = _spread()
    c6 = comparison.claim_differences(a, b, NAMES, 2015, 2020, n_boot=4000, seed=7).set_index("condition")
    c6 = c6.loc["unit_concentration"]
    assert c6["method"] == ("multinomial resampling of both regions, 4000 draws, interval shifted by the resampling "
                            "bias as in the claim")
    rec = C.CLAIMS_BY_ID["C6_concentration"]
    alone = F.measure(rec, rec.tabulate(b, NO_DOCS, C.Setting(2015, 2020)), np.random.default_rng(1))
    m = alone["unit_concentration"]
    assert c6["difference"] == pytest.approx(c6["sverdlovsk"] - m["value"], abs=1e-4)
    # 1 minus b's interval, reversed, up to Monte-Carlo error
    assert c6["low"] == pytest.approx(1 - m["high"], abs=0.02) and c6["high"] == pytest.approx(1 - m["low"], abs=0.02)
    back = comparison.claim_differences(b, a, NAMES, 2015, 2020, n_boot=4000, seed=7).set_index("condition")
    back = back.loc["unit_concentration"]
    assert back["low"] == pytest.approx(m["low"] - 1, abs=0.02) and back["high"] == pytest.approx(m["high"] - 1,
                                                                                                   abs=0.02)


def test_large_tables_both_enumerable_are_drawn_in_pairs_when_their_product_is_too_large():
    # C4 over 500 events in each region: 501 x 501 resampled tables is more than findings.EXACT_LIMIT
    a = events([row(ru="ngo")] * 300 + [row(ru="regional_authority")] * 200)
    b = events([row(ru="ngo")] * 200 + [row(ru="regional_authority")] * 300)
    c4 = comparison.claim_differences(a, b, NAMES, 2015, 2020, n_boot=3000, seed=2).set_index("claim")
    c4 = c4.loc["C4_from_within"]
    assert c4["method"] == "multinomial resampling of both regions, 3000 draws"
    assert c4["difference"] == 0.2
    se = math.sqrt(2 * 0.6 * 0.4 / 500)  # the normal approximation, for scale only
    assert c4["low"] == pytest.approx(0.2 - 1.96 * se, abs=0.01) and c4["high"] == pytest.approx(0.2 + 1.96 * se,
                                                                                                 abs=0.01)
    assert 0 < c4["monte_carlo_error"] < 0.01


def test_monte_carlo_error_widens_the_margin_by_three_errors_and_shrinks_with_draws():
    few = _table(a=_spread(), n_boot=1000, seed=4).set_index("condition").loc["unit_concentration"]
    many = _table(a=_spread(), n_boot=16000, seed=4).set_index("condition").loc["unit_concentration"]
    for r in (few, many):
        assert r["monte_carlo_error"] > 0
        assert r["margin"] == pytest.approx(0.02 + 3 * r["monte_carlo_error"], abs=1e-4)
    # smaller with more draws (not by a clean 1 / sqrt(16): the unbiased index of a small table takes few values,
    # so the batches' percentiles jump between them)
    assert many["monte_carlo_error"] < few["monte_carlo_error"]
    for r in (few, many):
        for col in ("low", "high", "margin", "monte_carlo_error", "difference"):
            assert round(r[col], 4) == r[col]


def test_the_seed_is_a_required_setting_and_decides_the_draws():
    with pytest.raises(TypeError):
        comparison.claim_differences(_spread(), _region_b(), NAMES, 2015, 2020, n_boot=500)  # no seed: refused
    assert not _table(a=_spread(), n_boot=500, seed=2015).equals(_table(a=_spread(), n_boot=500, seed=2016))


def test_a_region_with_no_events_gives_a_row_that_says_so():
    c2 = _table(a=events([row(unit=gazetteer.NATIONAL)] * 5)).set_index("claim").loc["C2_partners"]
    assert c2["method"] == "no events in one region" and c2["reading"] == "no comparison: no events"
    assert c2["margin"] == 0.02 and c2["monte_carlo_error"] == 0.0 and np.isnan(c2["high"])


def test_events_of_reads_years_as_text_and_keeps_the_columns():
    ev = events([row(year=2015), row(year=2014)]).astype(str).assign(ru_region="Sverdlovsk region")
    got = comparison.events_of(ev, "Sverdlovsk", 2015, 2020)
    assert got.columns.tolist() == ev.columns.tolist() and got.index.tolist() == [0]


def test_readme_says_no_comparison_where_a_statistic_is_undefined_on_one_region(tmp_path):
    # one event in the comparison region: the unbiased Herfindahl index is undefined there (written empty)
    t = pd.DataFrame([{"claim": "C6_concentration", "condition": "unit_concentration", "statistic": "the index",
                       "population": "single-unit events", "sverdlovsk": 0.1, "chelyabinsk": "", "n_sverdlovsk": 4,
                       "n_chelyabinsk": 1, "difference": "", "low": "", "high": "", "margin": 0.02,
                       "monte_carlo_error": 0.0, "method": "exact", "reading": "no difference the record can show"},
                      {"claim": "C4_from_within", "condition": "no_authority_share", "statistic": "the share",
                       "population": "events", "sverdlovsk": 0.75, "chelyabinsk": 0.5, "n_sverdlovsk": 4,
                       "n_chelyabinsk": 2, "difference": 0.25, "low": 0.1, "high": 0.4, "margin": 0.02,
                       "monte_carlo_error": 0.0, "method": "exact", "reading": "sverdlovsk higher"}])
    t.to_csv(tmp_path / "comparison_claims.csv", index=False)
    pd.DataFrame([{"region": "Sverdlovsk region", "rounds": 1, "queries": 3, "events": 6},
                  {"region": "Chelyabinsk region", "rounds": 1, "queries": 3, "events": 2}]).to_csv(
        tmp_path / "comparison_search_effort.csv", index=False)
    lines = docs.comparison_block(tmp_path).splitlines()
    assert lines[1] == "* C6, the index: no comparison (too few events in one region for the statistic)."
    assert lines[2].endswith("0.75 (n = 4) against 0.50 (n = 2), difference +0.25 (95% interval +0.10 to +0.40; "
                             "margin 0.02): Sverdlovsk region higher.")


# ----------------------------------------------------------------------------- search effort
# The made-up Chelyabinsk compilation (tests/fixtures/chelyabinsk/): F1, F2, F3, F6 are of Chelyabinsk region,
# F4 of both regions, F5 of Sverdlovsk region; queries CQ1 and CQ2 reach CS1-CS4 and CS7, CQ3 reaches CS5, CS6.
def _effort_tables(with_rounds: bool):
    t = read_raw(FIXTURES / "chelyabinsk")
    if with_rounds:  # rounds A and B searched Chelyabinsk region, round C Sverdlovsk region
        t["queries"] = t["queries"].assign(round=["A", "B", "C"])
        t["rounds"] = pd.DataFrame({"round": ["A", "B", "C"],
                                    "ru_region": ["Chelyabinsk region"] * 2 + ["Sverdlovsk region"]})
        t["detections"] = pd.DataFrame([("F1", "A"), ("F1", "B"), ("F2", "A"), ("F3", "B"), ("F4", "B"),
                                        ("F4", "C"), ("F6", "A"), ("F5", "C")], columns=["event_id", "round"])
    return t


EFFORT_REGIONS = (gazetteer.resolve_ru_region("Chelyabinsk"), gazetteer.resolve_ru_region("Sverdlovsk"))


def test_search_effort_counts_each_regions_own_rounds_queries_pages_and_events():
    e = comparison.search_effort(_effort_tables(True), EFFORT_REGIONS)
    assert list(e["region"]) == ["Chelyabinsk region", "Sverdlovsk region"]
    assert list(e["rounds"]) == [2, 1]
    assert list(e["queries"]) == [2, 1]
    assert list(e["documents_screened"]) == [5, 2]  # CS1-CS4, CS7; CS5, CS6 (the excluded page screened too)
    assert list(e["events"]) == [5, 2]  # the event of both regions counts for each


def test_search_effort_share_found_is_chao2_over_the_regions_own_rounds():
    e = comparison.search_effort(_effort_tables(True), EFFORT_REGIONS).set_index("region")
    che = e.loc["Chelyabinsk region"]
    # 5 events in 2 rounds: F1 found twice, F2, F3, F4, F6 once (F4's round C is Sverdlovsk region's);
    # bias-corrected Chao2 = 5 + (1/2) * 4 * 3 / (2 * (1 + 1)) = 6.5
    assert che["share_found"] == pytest.approx(5 / 6.5, abs=1e-4)
    assert 0 < che["share_found_low"] < che["share_found"] < che["share_found_high"] <= 1
    assert pd.isna(e.loc["Sverdlovsk region", "share_found"])  # one round: no estimate


def test_search_effort_without_rounds_or_detections_keeps_every_query_and_estimates_nothing():
    e = comparison.search_effort(_effort_tables(False), EFFORT_REGIONS)
    assert list(e["rounds"]) == [0, 0]
    assert list(e["queries"]) == [3, 3]
    assert list(e["documents_screened"]) == [7, 7]
    assert list(e["events"]) == [5, 2]
    assert e[["share_found", "share_found_low", "share_found_high"]].isna().all().all()


def test_claim_differences_columns_in_order():
    assert _table().columns.tolist() == [
        "claim", "condition", "statistic", "population", "sverdlovsk", "chelyabinsk", "n_sverdlovsk",
        "n_chelyabinsk", "difference", "low", "high", "margin", "monte_carlo_error", "method", "reading"]


def test_both_regions_frozen_are_both_named_and_decide_nothing():
    a = events([row(unit="kostanay")] * 6)  # every single-unit event names a partner: share 1 in every resample
    b = events([row(unit="pavlodar")] * 6)  # none does: share 0 in every resample
    c2 = comparison.claim_differences(a, b, NAMES, 2015, 2020, seed=2015).set_index("claim").loc["C2_partners"]
    assert (c2["sverdlovsk"], c2["chelyabinsk"], c2["difference"], c2["low"], c2["high"]) == (1.0, 0.0, 1.0, 1.0, 1.0)
    assert c2["reading"] == ("no difference the record can show: sverdlovsk and chelyabinsk have the same value in "
                             "every resample (every event of one kind), so the uncertainty there is unknown, not zero")
    assert c2["method"] == "exact resampling of both regions" and c2["margin"] == 0.02


def test_a_region_with_no_events_has_no_value_and_no_difference():
    c2 = _table(a=events([row(unit=gazetteer.NATIONAL)] * 5)).set_index("claim").loc["C2_partners"]
    assert np.isnan(c2["sverdlovsk"]) and np.isnan(c2["difference"]) and np.isnan(c2["low"])
    assert c2["chelyabinsk"] == 0.3 and c2["n_chelyabinsk"] == 10


def test_side_by_side_shares_are_rounded_to_four_places():
    a = events([row(area="arts")] * 2 + [row(area="education")])
    t = comparison.side_by_side(a, a, NAMES, "area", ("education", "arts"))
    assert t["sverdlovsk_share"].tolist() == [0.3333, 0.6667]


def test_a_comparison_region_with_no_events_has_no_value_and_the_same_columns():
    full = _table()
    t = _table(b=events([row(unit=gazetteer.NATIONAL)] * 5))
    assert t.columns.tolist() == full.columns.tolist()
    c2 = t.set_index("claim").loc["C2_partners"]
    assert np.isnan(c2["chelyabinsk"]) and np.isnan(c2["difference"]) and np.isnan(c2["low"]) and np.isnan(c2["high"])
    assert c2["sverdlovsk"] == 0.75 and c2["reading"] == "no comparison: no events"


@pytest.mark.parametrize("b", [None, "no single-unit event"])
def test_every_interval_condition_of_each_compared_claim_has_its_row(b):
    other = events([row(unit=gazetteer.NATIONAL)] * 5) if b else None
    t = _table(b=other)
    for claim_id in comparison.COMPARED_CLAIMS:
        want = [c.name for c in C.CLAIMS_BY_ID[claim_id].conditions if c.summary == "interval" and c.kind != "count"]
        assert t.loc[t["claim"] == claim_id, "condition"].tolist() == want


@pytest.mark.parametrize(("limit_shift", "exact"), [(0, True), (1, True), (-1, False)])
def test_both_regions_enumerated_exactly_up_to_the_limit_on_their_product(monkeypatch, limit_shift, exact):
    # C2 on 10 single-unit events each: each region's share takes 11 values, the product 121 tables
    from regional_ties import findings

    a = events([row(unit="kostanay")] * 5 + [row(unit="pavlodar")] * 5)
    b = events([row(unit="pavlodar")] * 7 + [row(unit="kostanay")] * 3)
    monkeypatch.setattr(findings, "EXACT_LIMIT", 121 + limit_shift)
    c2 = comparison.claim_differences(a, b, NAMES, 2015, 2020, seed=2015, n_boot=2000)
    c2 = c2.set_index("claim").loc["C2_partners"]
    assert c2["method"].startswith("exact") == exact
