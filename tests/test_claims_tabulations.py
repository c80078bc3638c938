"""Each claim's tabulation on made-up fixtures (not evidence), value by value."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from regional_ties import claims as C
from regional_ties import edtf_dates
from regional_ties import findings as F
from regional_ties.contract import ARTICLE_PARTNERS

from .test_findings import NO_DOCS, events, row

S = C.Setting(2015, 2020)


def stats_of(tab):
    return {k: [round(float(x), 4) for x in v] for k, v in tab.statistics(np.asarray(tab.counts)[None, :]).items()}


def test_sectors_table_is_asymmetric_and_the_state_institution_variant_moves_it():
    ev = events([row(ru="ngo", kz="ngo")] * 2 + [row(ru="ngo", kz="state_institution")]
                + [row(ru="state_institution", kz="ngo")] * 4
                + [row(ru="regional_authority", kz="state_institution")] * 3
                + [row(ru="international_org", kz="ngo"), row(ru="ngo", kz="unknown")])
    tab = C.tab_sectors(ev, NO_DOCS, S)
    assert tab.n == 10 and tab.counts.tolist() == [3, 4, 1, 2]
    assert tab.detail == {"ru_side_non_state_share": 0.3, "kz_side_non_state_share": 0.6}
    assert stats_of(tab) == {"smallest_sector_share": [0.3]}
    alt = C.tab_sectors(ev, NO_DOCS, C.Setting(2015, 2020, state_institutions_as="non_state"))
    assert alt.counts.tolist() == [0, 3, 0, 7] and stats_of(alt) == {"smallest_sector_share": [0.0]}


def test_covid_tabulation_counts_periods_and_formats():
    ev = events([row(year=2015), row(year=2016, fmt="hybrid"), row(year=2017), row(year=2019, fmt="online"),
                 row(year=2020, fmt="online"), row(year=2020), row(year=2020, fmt="hybrid"), row(year=2021)])
    tab = C.tab_covid(ev, NO_DOCS, C.Setting(2015, 2021))
    assert tab.counts.tolist() == [2, 2, 1, 2, 1, 0]
    assert tab.detail == {"events_covid_year": 3, "online_or_hybrid_covid_year": 2,
                          "mean_events_per_earlier_year": 0.8, "online_or_hybrid_earlier_years": 2}
    assert stats_of(tab) == {"covid_year_ratio": [round(3 / 0.8, 4)], "online_share_change": [round(2 / 3 - 0.5, 4)]}
    assert tab.degenerate == {}
    first = C.tab_covid(ev, NO_DOCS, C.Setting(2020, 2021))
    assert first.not_applicable and first.counts is None


def test_partner_tabulation_ranks_with_ties_and_names_the_top_five():
    rows = ([row(unit="kostanay")] * 4 + [row(unit="pavlodar")] * 3 + [row(unit="aktobe")] * 2
            + [row(unit="atyrau")] * 2 + [row(unit="mangystau")] * 2 + [row(unit="akmola")] * 2
            + [row(unit="national")] * 5)
    tab = C.tab_partners(events(rows), NO_DOCS, S)
    assert tab.n == 15 and tab.counts.sum() == 15 and tab.counts[:5].sum() == 6  # the named units first
    # akmola ties at rank 3 with three others: ties share the better rank, so it is in the top five
    got = stats_of(tab)
    assert got["named_in_top_five"] == [2.0] and got["named_share"] == [0.4]
    assert got["named_in_top_five_ties_worse"] == [1.0]  # with the worse rank (6) akmola is out
    assert tab.detail["observed_top_five"] == ["Kostanay", "Pavlodar", "Akmola", "Aktobe", "Atyrau"]
    assert tab.detail["named_partners_without_event"] == ["North Kazakhstan", "Astana (Nur-Sultan)", "Almaty"]
    at_five = [row(unit=u) for u, k in (("pavlodar", 5), ("aktobe", 4), ("atyrau", 3), ("mangystau", 2),
                                        ("kostanay", 1)) for _ in range(k)]
    assert stats_of(C.tab_partners(events(at_five), NO_DOCS, S))["named_in_top_five"] == [1.0]  # rank 5 counts
    none = C.tab_partners(events([row(unit="national")] * 3), NO_DOCS, S)
    assert none.n == 0


@pytest.mark.parametrize("with_events,expected", [(1, 1.0), (2, 2.0), (3, 3.0)])
def test_units_with_no_event_have_no_rank(with_events, expected):
    # only `with_events` of the five named units have events, and fewer than five units have any: the named
    # units with no event would tie at a rank inside the top five if zero counts were ranked
    rows = [row(unit=u) for u in ARTICLE_PARTNERS[:with_events] for _ in range(3)] + [row(unit="pavlodar")] * 2
    tab = C.tab_partners(events(rows), NO_DOCS, S)
    assert stats_of(tab)["named_in_top_five"] == [expected]
    assert stats_of(tab)["named_in_top_five_ties_worse"] == [expected]
    assert tab.fixed["named_in_top_five_as_first"][0] == 5.0  # the rule as first committed ranked them all


@pytest.mark.parametrize("counts,expected", [
    ([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], 0.0),  # six other units with one event: the named have none
    ([1, 1, 0, 0, 0, 1, 1, 1], 2.0),  # two of the five named have events: a top-five count of 2
    ([2, 2, 0, 0, 0, 1, 1, 1, 1], 2.0),
    ([1, 1, 1, 1, 1, 2, 2, 2, 2, 2], 0.0),  # five other units above them: rank 6, out
    ([2, 1, 1, 1, 1, 2, 2, 2, 2], 1.0),  # at the cut: the fifth place shared by one named unit with four others
])
def test_top_five_count_at_and_either_side_of_the_rank_cut(counts, expected):
    units = np.zeros(17, dtype=int)
    units[: len(counts)] = counts
    assert C.top_five_count(units, [0, 1, 2, 3, 4])[0] == expected


def test_area_tabulation_lead_over_the_largest_rival_and_a_tie():
    ev = events([row("other")] * 3 + [row("education")] * 2 + [row("arts")] * 2 + [row("youth")])
    tab = C.tab_areas(ev, NO_DOCS, S)
    assert list(tab.detail["events_by_area"].items()) == [("other", 3), ("arts", 2), ("education", 2), ("youth", 1),
                                                         ("media", 0), ("sport", 0), ("tourism", 0)]
    assert tab.detail["largest_rival"] == "arts" and tab.detail["named_areas_without_event"] == ["tourism", "media"]
    assert stats_of(tab) == {"education_lead": [0.0], "five_area_share": [0.625], "education_first": [0.0]}
    lead = C.tab_areas(events([row("other")] * 3 + [row("education")] * 2 + [row("arts")]), NO_DOCS, S)
    assert stats_of(lead)["education_lead"] == [round(1 / 6, 4)]
    alt = C.tab_areas(events([row("other")] * 3 + [row("education")] * 2 + [row("arts")]), NO_DOCS,
                      C.Setting(2015, 2020, reading="all_areas"))
    assert alt.detail["largest_rival"] == "other" and stats_of(alt)["education_lead"] == [round(-1 / 6, 4)]
    assert stats_of(alt)["education_first"] == [0.0]


def test_the_area_rules_are_written_over_every_area_of_the_contract(monkeypatch):
    # a seventh area (as when sport is split from 'other') enters as a rival under 'all_areas' and the index
    areas = ("education", "arts", "tourism", "media", "youth", "sport", "other")
    monkeypatch.setattr(C, "AREAS", areas)
    ev = events([row("sport")] * 4 + [row("education")] * 3 + [row("other")])
    alt = C.tab_areas(ev, NO_DOCS, C.Setting(2015, 2020, reading="all_areas"))
    assert alt.counts.tolist() == [3, 0, 0, 0, 0, 4, 1] and alt.detail["largest_rival"] == "sport"
    assert stats_of(alt)["education_lead"] == [round(-1 / 8, 4)] and stats_of(alt)["five_area_share"] == [0.375]
    conc = C.tab_concentration(events([row("sport", "kostanay")] * 2 + [row("education", "kostanay")] * 2),
                               NO_DOCS, S)
    assert conc.detail["even_spread_areas"] == round(1 / 7, 4)


def test_from_within_tabulation():
    tab = C.tab_from_within(events([row()] * 3 + [row(kz="federal_authority")]), NO_DOCS, S)
    assert tab.counts.tolist() == [1, 3] and stats_of(tab) == {"no_authority_share": [0.75]}


@pytest.mark.parametrize("counts,size,expected", [([2, 1], 10, [7, 3]), ([1, 1], 3, [2, 1]), ([1, 1, 1], 4, [2, 1, 1]),
                                                  ([1, 3], 4, [1, 3]), ([3, 1, 0], 5, [4, 1, 0]),
                                                  ([2, 1, 1], 5, [3, 1, 1]), ([1, 2, 2], 6, [1, 3, 2])])
def test_scaled_counts_keep_the_rates(counts, size, expected):
    out = F.scaled_counts(np.array(counts), size)
    assert out.tolist() == expected and out.dtype == np.int64


@pytest.mark.parametrize("text,lo,hi", [
    ("2014-01", dt.date(2014, 1, 1), dt.date(2014, 1, 31)),
    ("2014-12", dt.date(2014, 12, 1), dt.date(2014, 12, 31)),
    ("2014-12?", dt.date(2014, 11, 1), dt.date(2015, 1, 31)),
    ("2016-03?", dt.date(2016, 2, 1), dt.date(2016, 4, 30)),
    ("[2014-02..]", dt.date(2014, 2, 1), None),
    ("2014-02-10/2014-02-10", dt.date(2014, 2, 10), dt.date(2014, 2, 10)),
    ("/2015", None, dt.date(2015, 12, 31)),
    ("2015/", dt.date(2015, 1, 1), None),
    (" 2014 ", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
])
def test_more_bounds(text, lo, hi):
    assert edtf_dates.bounds(text) == (lo, hi)


def test_bound_years_read_the_processed_columns():
    docs = pd.DataFrame({"start_earliest": ["..", "2014-02-01"], "start_latest": ["2014-02-10", ".."],
                         "end_earliest": ["", ".."], "end_latest": ["", "2019-12-31"]})
    y = edtf_dates.bound_years(docs)
    assert y.loc[0].tolist() == [-np.inf, 2014, np.inf, np.inf]
    assert y.loc[1].tolist() == [2014, np.inf, -np.inf, 2019]


def test_concentration_tabulation_and_its_detail():
    ev = events([row("education", "kostanay")] * 4 + [row("arts", "pavlodar")] * 2 + [row("youth", "national")] * 2)
    tab = C.tab_concentration(ev, NO_DOCS, S)
    units = ((4 / 6) ** 2 + (2 / 6) ** 2 - 1 / 17) / (1 - 1 / 17)
    areas = (0.5**2 + 0.25**2 + 0.25**2 - 1 / 7) / (1 - 1 / 7)  # over the seven areas of the codebook
    assert tab.n == 6 and tab.counts.sum() == 8
    assert tab.detail["normalised_hhi_units"] == round(units, 4) and tab.detail["normalised_hhi_areas"] == round(
        areas, 4)
    assert tab.detail["units_with_no_event"] == 15
    assert tab.detail["herfindahl_units_plug_in"] == round((4 / 6) ** 2 + (2 / 6) ** 2, 4)
    assert stats_of(tab) == {
        "unit_concentration": [round((4 * 3 + 2 * 1) / (6 * 5), 4)],  # sum c(c-1) / (n(n-1))
        "area_concentration": [round((4 * 3 + 2 * 1 + 2 * 1) / (8 * 7), 4)],
        "smaller_concentration": [round(min(units, areas), 4)],
    }
    plug = C.tab_concentration(ev, NO_DOCS, C.Setting(2015, 2020, reading="plug_in"))
    assert stats_of(plug)["unit_concentration"] == [round((4 / 6) ** 2 + (2 / 6) ** 2, 4)]
    norm = C.tab_concentration(ev, NO_DOCS, C.Setting(2015, 2020, reading="normalised"))
    assert stats_of(norm)["unit_concentration"] == [round((14 / 30 - 1 / 17) / (1 - 1 / 17), 4)]
    empty = C.tab_concentration(events([row("youth", "national")] * 3), NO_DOCS, S)
    assert empty.n == 0 and empty.detail["normalised_hhi_units"] is None and empty.detail["units_with_no_event"] == 17


@pytest.mark.parametrize("counts", [[5, 0, 0], [2, 2, 2], [3, 1, 1, 0], [1], [7, 3], [1, 1, 1, 1]])
def test_unbiased_herfindahl_against_a_brute_force_count_of_pairs(counts):
    # the share of ordered pairs of two different events that fall in the same category
    labels = [k for k, c in enumerate(counts) for _ in range(c)]
    n = len(labels)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    brute = sum(labels[i] == labels[j] for i, j in pairs) / len(pairs) if pairs else float("nan")
    got = C.herfindahl(np.array([counts]))[0]
    assert (np.isnan(got) and np.isnan(brute)) or got == pytest.approx(brute)
    p = np.array(counts) / n
    if n > 1:
        assert got == pytest.approx(n / (n - 1) * ((p**2).sum() - 1 / n))
    assert C.herfindahl(np.array([counts]), "plug_in")[0] == pytest.approx((p**2).sum())


def test_the_unbiased_herfindahl_is_unbiased_over_every_sample():
    # exact expectation over the multinomial: sum over all tables of P(table) x estimate equals sum(p^2)
    p = np.array([0.5, 0.3, 0.2])
    d = F.resampling_distribution(np.array([5, 3, 2]), np.random.default_rng(0))
    assert d.exact
    est = C.herfindahl(d.rows)
    assert (est * d.weights).sum() / d.weights.sum() == pytest.approx((p**2).sum())
    plug = C.herfindahl(d.rows, "plug_in")
    assert (plug * d.weights).sum() / d.weights.sum() == pytest.approx((p**2).sum() + (1 - (p**2).sum()) / 10)


def _docs(rows):
    from .test_findings import doc, docs_table

    return docs_table([doc(*r) for r in rows])


def test_legal_coverage_by_level_and_year():
    d = _docs([("national", "2000", "2017"), ("regional", "2016"), ("municipal", "../2014"), ("regional", ""),
               ("institutional", "2000")])
    cov = C.legal_coverage(d, 2015, 2020).set_index("year")
    assert cov["national_certain"].tolist() == [1, 1, 1, 0, 0, 0]  # the end year itself is still in force
    assert cov["national_possible"].tolist() == [1, 1, 1, 0, 0, 0]
    assert cov["regional_certain"].tolist() == [1, 2, 2, 2, 2, 2]  # municipal counts with regional
    assert cov["regional_possible"].tolist() == [2, 3, 3, 3, 3, 3]  # the undated one may be in force


def test_a_regional_document_alone_is_no_national_basis():
    alone = _docs([("regional", "2000")])
    tab = C.tab_legal(events([]), alone, S)
    assert tab.fixed["years_covered"] == (0.0, 0.0, 0.0)
    assert tab.detail["years_without_national"] == [2015, 2016, 2017, 2018, 2019, 2020]
    assert tab.detail["years_without_regional"] == []


def test_legal_tabulation_detail():
    d = _docs([("national", "2000", "2017"), ("regional", "2016"), ("regional", ""), ("regional", "2010", "",
                                                                                        "no")])
    tab = C.tab_legal(events([]), d, S)
    assert tab.n == 3 and tab.fixed["years_covered"] == (round(2 / 6, 4), round(2 / 6, 4), 0.5)
    assert tab.detail["documents_counted"] == ["D0", "D1", "D2"]
    assert tab.detail["years_without_national"] == [2018, 2019, 2020]
    assert tab.detail["years_without_regional"] == [2015]
    assert tab.detail["gap_years_that_uncertain_dates_could_fill"] == [2015]
    assert tab.detail["gap_years_that_unknown_coverage_could_fill"] == []
    assert tab.detail["documents_without_a_latest_start"] == ["D2"]
    assert (tab.detail["national_years_certain"], tab.detail["regional_years_certain"],
            tab.detail["regional_years_possible"], tab.detail["window_years"]) == (3, 5, 6, 6)


@pytest.mark.parametrize("reading,expected", [("main", (0.0, 0.0, 1.0)), ("unknown_counts", (1.0, 1.0, 1.0)),
                                              ("unknown_excluded", (0.0, 0.0, 0.0)),
                                              ("all_documents", (1.0, 1.0, 1.0))])
def test_unknown_coverage_widens_the_possible_years_only(reading, expected):
    d = _docs([("national", "2000"), ("regional", "2010", "", "unknown")])
    tab = C.tab_legal(events([]), d, C.Setting(2015, 2020, reading=reading))
    assert tab.fixed["years_covered"] == expected
    if reading == "main":
        assert tab.detail["documents_counted"] == ["D0"] and tab.detail["documents_possibly_counted"] == ["D1"]
        assert tab.detail["gap_years_that_unknown_coverage_could_fill"] == [2015, 2016, 2017, 2018, 2019, 2020]
        assert (tab.detail["regional_years_certain"], tab.detail["regional_years_possible"]) == (0, 6)
        assert (tab.detail["national_years_certain"], tab.detail["national_years_possible"]) == (6, 6)


def test_a_document_that_does_not_cover_culture_counts_only_when_every_document_does():
    d = _docs([("national", "2000"), ("regional", "2010", "", "no")])
    assert C.tab_legal(events([]), d, S).fixed["years_covered"] == (0.0, 0.0, 0.0)
    all_docs = C.tab_legal(events([]), d, C.Setting(2015, 2020, reading="all_documents"))
    assert all_docs.fixed["years_covered"] == (1.0, 1.0, 1.0)


def test_the_smallest_sector_share_can_be_the_state_share():
    ev = events([row(ru="ngo", kz="ngo")] * 8 + [row(ru="state_institution", kz="state_institution"),
                                                  row(ru="ngo", kz="state_institution")])
    assert stats_of(C.tab_sectors(ev, NO_DOCS, S)) == {"smallest_sector_share": [0.1]}  # 1 - 0.9 on the Russian side


@pytest.mark.parametrize("partners, degenerate", [(("pavlodar", "north_kazakhstan"), True),
                                                  (("pavlodar", "north_kazakhstan", "kostanay", "akmola"), True),
                                                  (("pavlodar", "north_kazakhstan", "kostanay", "akmola", "astana"),
                                                   False)])
def test_the_partners_are_the_setting_s_and_the_top_five_count_decides_only_for_five(partners, degenerate):
    rows = [row(unit="pavlodar")] * 4 + [row(unit="north_kazakhstan")] * 3 + [row(unit="almaty_city")] * 3
    tab = C.tab_partners(events(rows), NO_DOCS, C.Setting(2015, 2020, partners=partners))
    share = tab.statistics(tab.counts[None, :])["named_share"][0]
    assert share == pytest.approx(0.7)  # the setting's partners, whatever the Sverdlovsk article named
    assert ("named_in_top_five" in tab.degenerate) is degenerate
    assert tab.detail["named_partners_without_event"] == [C.gazetteer.UNITS[k].name_en for k in partners[2:]]


def test_the_areas_are_the_setting_s():
    rows = [row(area="education")] * 4 + [row(area="sport")] * 3 + [row(area="arts")] * 2 + [row(area="media")]
    tab = C.tab_areas(events(rows), NO_DOCS, C.Setting(2015, 2020, areas=("education", "sport")))
    stats = tab.statistics(tab.counts[None, :])
    assert stats["five_area_share"][0] == pytest.approx(0.7)
    assert stats["education_lead"][0] == pytest.approx(0.1)  # against sport, the only other named area
    assert tab.detail["largest_rival"] == "sport"
