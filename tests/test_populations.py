"""Which events enter each claim, on a made-up fixture (not evidence): the region studied, the window's edges at and
either side, single-unit against national and multi-unit events, and each data variant of findings.DATA_VARIANTS.

Rows go through the public functions (findings.variant_inputs, each record's tabulation, findings.evaluate_claims);
no condition's name or cut is pinned here, only the events each claim counts."""

import numpy as np
import pandas as pd
import pytest

from regional_ties import claims as C
from regional_ties import findings as F
from regional_ties import gazetteer

from .test_findings import NO_DOCS

# (label, year, kz_unit, area, ru_actor_kind, kz_actor_kind, n_sources, region studied)
ROWS = [
    ("edge_start", 2015, "kostanay", "arts", "ngo", "ngo", 2, True),
    ("edge_end", 2020, "astana", "education", "regional_authority", "ngo", 1, True),
    ("single_unnamed", 2017, "pavlodar", "youth", "ngo", "state_institution", 2, True),
    ("national", 2017, gazetteer.NATIONAL, "other", "federal_authority", "federal_authority", 1, True),
    # an event with several Kazakh units is coded as the gazetteer codes it: national / several
    ("multi_unit", 2018, gazetteer.NATIONAL, "media", "state_institution", "state_institution", 2, True),
    ("unknown_sector", 2016, "kostanay", "education", "ngo", "unknown", 3, True),
    ("before_window", 2014, "kostanay", "arts", "ngo", "ngo", 2, True),
    ("after_window", 2021, "pavlodar", "arts", "ngo", "ngo", 2, True),
    ("other_region", 2017, "kostanay", "arts", "ngo", "ngo", 2, False),
]


def processed():
    return pd.DataFrame([{"event_id": label, "year": str(year), "kz_unit": unit, "area": area, "ru_actor_kind": ru,
                          "kz_actor_kind": kz, "format": "in_person", "n_sources": str(n),
                          "ru_region_match": str(mine), "in_analysis": str(mine and 2015 <= year <= 2020)}
                         for label, year, unit, area, ru, kz, n, mine in ROWS])


S = C.Setting(2015, 2020)
IN_WINDOW = ["edge_start", "edge_end", "single_unnamed", "national", "multi_unit", "unknown_sector"]
SINGLE = ["edge_start", "edge_end", "single_unnamed", "unknown_sector"]

# the events each variant passes to the claims
VARIANT_ROWS = {
    "main": IN_WINDOW,
    "state_institutions_as_non_state": IN_WINDOW,
    "two_or_more_sources": ["edge_start", "single_unnamed", "multi_unit", "unknown_sector"],
    "without_national": SINGLE,
    "window_widened": ["edge_start", "edge_end", "single_unnamed", "national", "multi_unit", "unknown_sector",
                       "before_window", "after_window"],
}


def test_every_data_variant_is_pinned_here():
    assert set(VARIANT_ROWS) == {"main", *F.DATA_VARIANTS}


@pytest.mark.parametrize("variant", list(VARIANT_ROWS))
def test_rows_of_each_variant(variant):
    ev, s = F.variant_inputs(variant, processed(), S)
    assert sorted(ev["event_id"]) == sorted(VARIANT_ROWS[variant])
    wide = variant == "window_widened"
    assert (s.start_year, s.end_year) == ((2014, 2021) if wide else (2015, 2020))
    assert s.state_institutions_as == ("non_state" if variant == "state_institutions_as_non_state" else "state")


def test_an_unknown_variant_is_refused():
    with pytest.raises(ValueError, match="unknown variant"):
        F.variant_inputs("no_such_variant", processed(), S)


def _n(claim_id, variant="main"):
    ev, s = F.variant_inputs(variant, processed(), S)
    return C.CLAIMS_BY_ID[claim_id].tabulate(ev.reset_index(drop=True), NO_DOCS, s).n


# events each claim counts, per variant: all events (C1, C4, C5), single-unit events only (C2, C6: national and
# multi-unit left out), events with a known sector on both sides (C3: the unknown Kazakh side left out)
EXPECTED_N = {
    "C1_areas": {"main": 6, "state_institutions_as_non_state": 6, "two_or_more_sources": 4, "without_national": 4,
                 "window_widened": 8},
    "C2_partners": {"main": 4, "state_institutions_as_non_state": 4, "two_or_more_sources": 3,
                    "without_national": 4, "window_widened": 6},
    "C3_state_and_non_state": {"main": 5, "state_institutions_as_non_state": 5, "two_or_more_sources": 3,
                               "without_national": 3, "window_widened": 7},
    "C4_from_within": {"main": 6, "state_institutions_as_non_state": 6, "two_or_more_sources": 4,
                       "without_national": 4, "window_widened": 8},
    "C5_covid_break": {"main": 6, "state_institutions_as_non_state": 6, "two_or_more_sources": 4,
                       "without_national": 4, "window_widened": 8},
    "C6_concentration": {"main": 4, "state_institutions_as_non_state": 4, "two_or_more_sources": 3,
                         "without_national": 4, "window_widened": 6},
}


@pytest.mark.parametrize(("claim_id", "variant"), [(c, v) for c in EXPECTED_N for v in VARIANT_ROWS])
def test_events_each_claim_counts(claim_id, variant):
    assert _n(claim_id, variant) == EXPECTED_N[claim_id][variant]


def test_c2_counts_named_and_other_single_unit_events():
    ev, s = F.variant_inputs("main", processed(), S)
    tab = C.CLAIMS_BY_ID["C2_partners"].tabulate(ev.reset_index(drop=True), NO_DOCS, s)
    # kostanay (2) and astana named; pavlodar not; the two national / multi-unit events nowhere
    assert tab.counts.sum() == 4 and tab.counts[: len(C.ARTICLE_PARTNERS)].sum() == 3  # the named units first


def test_c4_counts_national_events_with_their_authorities():
    ev, s = F.variant_inputs("main", processed(), S)
    tab = C.CLAIMS_BY_ID["C4_from_within"].tabulate(ev.reset_index(drop=True), NO_DOCS, s)
    # authorities: edge_end (regional), national (federal); the multi-unit event of state institutions has none
    assert tab.counts.tolist() == [2, 4]


@pytest.mark.parametrize(("start", "end", "n"), [(2015, 2020, 6), (2016, 2020, 5), (2014, 2020, 7),
                                                 (2015, 2019, 5), (2015, 2021, 7), (2016, 2019, 4)])
def test_window_edges_are_inclusive_for_every_events_claim(start, end, n):
    ev, s = F.variant_inputs("main", processed(), C.Setting(start, end))
    assert len(ev) == n
    assert ev["year"].astype(int).between(start, end).all()
    assert "other_region" not in set(ev["event_id"])


def test_evaluate_claims_takes_its_window_from_its_arguments():
    ev = pd.concat([processed()] * 3, ignore_index=True)  # 18 in the window: enough to measure
    ev["event_id"] = [f"E{i}" for i in range(len(ev))]
    main = {f["id"]: f["n"] for f in F.evaluate_claims(ev, NO_DOCS, start_year=2015, end_year=2020,
                                                         claims=(C.CLAIMS_BY_ID["C4_from_within"],))}
    shifted = {f["id"]: f["n"] for f in F.evaluate_claims(ev, NO_DOCS, start_year=2016, end_year=2020,
                                                            claims=(C.CLAIMS_BY_ID["C4_from_within"],))}
    assert main == {"C4_from_within": 18} and shifted == {"C4_from_within": 15}  # 2015's three events out


# ----------------------------------------------------------------------------- tie and bound rules


def _partners(counts: dict):
    rows = [{"kz_unit": u, "area": "arts", "ru_actor_kind": "ngo", "kz_actor_kind": "ngo", "format": "in_person",
             "year": 2017} for u, k in counts.items() for _ in range(k)]
    return C.tab_partners(pd.DataFrame(rows), NO_DOCS, S)


def test_a_named_unit_tied_for_fifth_counts_in_the_top_five():
    # four other units ahead with 3 each; kostanay ties a sixth unit at 2: both share rank 5
    others = [u for u in gazetteer.SUBNATIONAL_KEYS if u not in C.ARTICLE_PARTNERS][:5]
    tab = _partners({**{u: 3 for u in others[:4]}, others[4]: 2, "kostanay": 2})
    assert _top_five(tab) == 1.0


def test_a_named_unit_one_event_behind_fifth_is_out():
    others = [u for u in gazetteer.SUBNATIONAL_KEYS if u not in C.ARTICLE_PARTNERS][:5]
    tab = _partners({**{u: 3 for u in others[:4]}, others[4]: 2, "kostanay": 1})
    assert _top_five(tab) == 0.0


def _top_five(tab) -> float:
    """The number of named units in the observed top five (the statistic at the observed counts)."""
    return float(tab.statistics(tab.counts[None, :])["named_in_top_five"][0])


def test_a_unit_with_no_event_is_never_in_the_top_five():
    tab = _partners({"pavlodar": 2})
    assert _top_five(tab) == 0.0
    assert tab.detail["observed_top_five"] == ["Pavlodar"]


def test_legal_coverage_certain_and_possible_at_the_edges_of_a_date_range():
    from .test_findings import doc, docs_table

    docs = docs_table([doc("national", "2016", "2018", doc_id="N"), doc("regional", "2015/2017", "", doc_id="R")])
    cov = C.legal_coverage(docs, 2015, 2020).set_index("year")
    assert cov["national_certain"].tolist() == [0, 1, 1, 1, 0, 0]
    assert cov["national_possible"].tolist() == [0, 1, 1, 1, 0, 0]
    # a start known only as 2015-2017: possible from 2015, certain from 2017
    assert cov["regional_possible"].tolist() == [1, 1, 1, 1, 1, 1]
    assert cov["regional_certain"].tolist() == [0, 0, 1, 1, 1, 1]


def test_scaled_counts_round_by_largest_remainder_ties_to_the_first():
    assert F.scaled_counts(np.array([1, 1]), 3).tolist() == [2, 1]
    assert F.scaled_counts(np.array([2, 1, 1]), 10).tolist() == [5, 3, 2]
