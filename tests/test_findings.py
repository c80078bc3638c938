"""The claims' rules, pinned: records, thresholds at and on both sides, outcomes, seeds, sweeps, sizes.

Every table here is a made-up test fixture, not evidence.
"""

import numpy as np
import pandas as pd
import pytest

from regional_ties import claims as C
from regional_ties import findings as F
from regional_ties import findings_text as T
from regional_ties.contract import AREAS, ARTICLE_PARTNERS
from regional_ties.gazetteer import SUBNATIONAL_KEYS


def events(rows, year=2017):
    """A processed-events-like fixture; each row: (area, kz_unit, ru_kind, kz_kind, format[, year])."""
    out = []
    for i, r in enumerate(rows):
        area, unit, ru, kz, fmt = r[:5]
        out.append({"event_id": f"FX{i}", "area": area, "kz_unit": unit, "ru_actor_kind": ru, "kz_actor_kind": kz,
                    "format": fmt, "year": r[5] if len(r) > 5 else year, "n_sources": 2,
                    "ru_region_match": "True", "in_analysis": "True"})
    return pd.DataFrame(out, columns=["event_id", "area", "kz_unit", "ru_actor_kind", "kz_actor_kind", "format",
                                      "year", "n_sources", "ru_region_match", "in_analysis"])


def doc(level, start, end="", culture="yes", doc_id="D"):
    return {"doc_id": doc_id, "level": level, "signed": start, "in_force_from": "", "in_force_to": end,
            "covers_culture": culture}


def docs_table(rows):
    from regional_ties.clean import force_bounds

    d = pd.DataFrame([dict(r, doc_id=f"D{i}") for i, r in enumerate(rows)])
    return pd.concat([d, force_bounds(d)], axis=1)


NO_DOCS = docs_table([doc("national", "2000")])
S = C.Setting(2015, 2020)


def run(claim_id, ev, docs=NO_DOCS, setting=S, seed=1):
    return F.run_claim(C.CLAIMS_BY_ID[claim_id], ev, docs, setting, np.random.default_rng(seed))


def row(area="arts", unit="kostanay", ru="ngo", kz="ngo", fmt="in_person", year=2017):
    return (area, unit, ru, kz, fmt, year)


# ----------------------------------------------------------------------------- the records, pinned

PINNED = {
    ("C1_areas", "education_lead"): ("interval", "above", 0.0, None, 0.02, "percentile"),
    ("C1_areas", "five_area_share"): ("interval", "above", 0.5, None, 0.02, "percentile"),
    ("C2_partners", "named_share"): ("interval", "at_least", 0.5, None, 0.02, "percentile"),
    ("C2_partners", "named_in_top_five"): ("interval", "at_least", 4, 3, 0, "percentile"),
    ("C3_state_and_non_state", "smallest_sector_share"): ("interval", "at_least", 0.10, None, 0.02, "shifted"),
    ("C4_from_within", "no_authority_share"): ("interval", "above", 0.5, None, 0.02, "percentile"),
    ("C5_covid_break", "covid_year_ratio"): ("interval", "below", 1.0, None, 0.05, "percentile"),
    ("C5_covid_break", "online_share_change"): ("interval", "above", 0.0, None, 0.02, "percentile"),
    ("C6_concentration", "unit_concentration"): ("interval", "at_least", 0.15, None, 0.02, "shifted"),
    ("C6_concentration", "area_concentration"): ("interval", "at_least", 0.15, None, 0.02, "shifted"),
    ("C7_legal_basis", "years_covered"): ("census", "at_least", 1.0, None, 0.0, "percentile"),
}
#: The rules as first committed (e368191), pinned: they are the multiverse's named specification.
FIRST = {
    ("C1_areas", "education_first"): ("probability", "at_least", 0.9, 0.5, 0.0),
    ("C1_areas", "five_area_share"): ("interval", "at_least", 0.75, None, 0.0),
    ("C2_partners", "named_share"): ("interval", "at_least", 0.5, None, 0.0),
    ("C2_partners", "named_in_top_five_as_first"): ("fixed", "at_least", 4, 3, 0),
    ("C3_state_and_non_state", "smallest_sector_share"): ("interval", "at_least", 0.10, None, 0.0),
    ("C4_from_within", "no_authority_share"): ("interval", "above", 0.5, None, 0.0),
    ("C5_covid_break", "covid_year_ratio"): ("interval", "below", 1.0, None, 0.0),
    ("C5_covid_break", "online_share_change"): ("interval", "above", 0.0, None, 0.0),
    ("C6_concentration", "smaller_concentration"): ("interval", "at_least", 0.15, None, 0.0),
    ("C7_legal_basis", "years_covered"): ("census", "at_least", 1.0, None, 0.0),
}


def test_every_condition_is_pinned_and_states_why():
    got = {(r.id, c.name): (c.summary, c.direction, c.threshold, c.fail_threshold, c.margin, c.interval)
           for r in C.CLAIMS for c in r.conditions}
    assert got == PINNED
    first = {(r.id, c.name): (c.summary, c.direction, c.threshold, c.fail_threshold, c.margin)
             for r in C.CLAIMS for c in r.first_rule}
    assert first == FIRST
    assert {r.id: r.first_reading for r in C.CLAIMS if r.first_reading != "main"} == {
        "C1_areas": "all_areas", "C7_legal_basis": "all_documents"}
    for r in C.CLAIMS:
        assert r.min_n == (0 if r.id == "C7_legal_basis" else 10)
        for c in r.conditions:
            assert len(c.why) > 30 and c.threshold in c.sweep and (c.fail_threshold is None
                                                                    or c.fail_threshold in c.fail_sweep)


# ----------------------------------------------------------------------------- status at and around each cut

EPS = 0.001


@pytest.mark.parametrize("key", list(PINNED), ids=lambda k: f"{k[0]}-{k[1]}")
def test_status_at_and_either_side_of_every_cut(key):
    cond = next(c for r in C.CLAIMS if r.id == key[0] for c in r.conditions if c.name == key[1])
    t, tf, m = cond.threshold, cond.fail_cut, cond.margin
    up = cond.direction in ("at_least", "above")
    strict = cond.direction in ("above", "below")
    sign = 1 if up else -1
    support_edge = t + sign * m  # a decisive bound exactly here meets only if the cut is inclusive
    fail_edge = tf - sign * m
    far_other = fail_edge - sign * 10  # the other end of the interval, well away

    def st(bound, other):
        return F.condition_status(cond, min(bound, other), max(bound, other))

    # the bound facing the support cut: inside, at, outside
    assert st(support_edge + sign * EPS, support_edge + sign * 5) == "meets"
    undecided = "borderline" if m else "straddles"
    assert st(support_edge, support_edge + sign * 5) == (undecided if strict else "meets")
    assert st(support_edge - sign * EPS, support_edge + sign * 5) in ("borderline", "straddles")
    # the bound facing the fail cut: beyond, at, short of
    lo_hi = (far_other, fail_edge - sign * EPS)
    assert F.condition_status(cond, min(lo_hi), max(lo_hi)) == "fails"
    lo_hi = (far_other, fail_edge)
    assert F.condition_status(cond, min(lo_hi), max(lo_hi)) == ("fails" if strict else undecided)
    lo_hi = (far_other, fail_edge + sign * EPS)
    assert F.condition_status(cond, min(lo_hi), max(lo_hi)) in ("borderline", "straddles")
    if m:
        # within the margin: borderline, never a decision
        lo_hi = (t + sign * m / 2, t + sign * 5)
        assert F.condition_status(cond, min(lo_hi), max(lo_hi)) == "borderline"
        lo_hi = (tf - sign * 5, tf - sign * m / 2)
        assert F.condition_status(cond, min(lo_hi), max(lo_hi)) == "borderline"
    # a wide interval across both cuts straddles
    lo_hi = (tf - sign * 5, t + sign * 5)
    assert F.condition_status(cond, min(lo_hi), max(lo_hi)) == "straddles"


def test_monte_carlo_error_widens_the_margin():
    cond = C.CLAIMS_BY_ID["C4_from_within"].conditions[0]
    assert F.condition_status(cond, 0.53, 0.9) == "meets"
    assert F.condition_status(cond, 0.53, 0.9, mc_error=0.01) == "borderline"


def test_undefined_interval():
    cond = C.CLAIMS_BY_ID["C4_from_within"].conditions[0]
    assert F.condition_status(cond, None, None) == "undefined"


# ----------------------------------------------------------------------------- exact resampling


def test_exact_distribution_is_the_multinomial():
    d = F.resampling_distribution(np.array([3, 1, 0]), np.random.default_rng(0))
    assert d.exact and d.weights.sum() == pytest.approx(1.0)
    assert (d.rows[:, 2] == 0).all() and (d.rows.sum(axis=1) == 4).all()
    p4 = d.weights[(d.rows[:, 0] == 4)].sum()
    assert p4 == pytest.approx(0.75**4)
    assert len(F.compositions(5, 3)) == 21


def test_large_tables_fall_back_to_seeded_draws():
    counts = np.ones(60, dtype=int) * 3
    d = F.resampling_distribution(counts, np.random.default_rng(0), draws=500)
    assert not d.exact and d.rows.shape == (500, 60)


def test_weighted_quantiles_use_the_inverted_cdf():
    v = np.array([0.0, 1.0, 2.0, np.nan])
    w = np.array([0.02, 0.5, 0.48, 9.0])
    assert F.weighted_quantiles(v, w, [0.025, 0.5, 0.975]) == [1.0, 1.0, 2.0]
    assert F.weighted_quantiles(v, np.array([0.025, 0.5, 0.475, 1]), [0.025]) == [0.0]
    assert np.isnan(F.weighted_quantiles(np.array([np.nan]), np.ones(1), [0.5])[0])


def test_binomial_interval_matches_a_hand_computation():
    # 7 of 14 without an authority: the exact bootstrap is Binomial(14, 0.5), whose CDF is 0.0065 at 2, 0.0287
    # at 3, 0.9713 at 10 and 0.9935 at 11: the 2.5% and 97.5% quantiles are 3/14 and 11/14
    ev = events([row()] * 7 + [row(ru="regional_authority")] * 7)
    r = run("C4_from_within", ev)
    c = r["conditions"][0]
    assert (c["value"], c["low"], c["high"], c["exact"]) == (0.5, round(3 / 14, 4), round(11 / 14, 4), True)


# ----------------------------------------------------------------------------- outcomes on fixtures


@pytest.mark.parametrize("n,outcome", [(9, F.TOO_FEW), (10, F.SUPPORTED), (11, F.SUPPORTED)])
def test_minimum_events_at_and_either_side(n, outcome):
    r = run("C4_from_within", events([row()] * n))
    assert r["verdict"] == outcome and r["n"] == n


def test_c1_five_named_areas_and_the_all_areas_reading():
    # education leads the named areas but 'other' is larger: the reading decides whether 'other' competes
    ev = events([row("education")] * 9 + [row("arts")] * 2 + [row("other")] * 12)
    main = run("C1_areas", ev)
    lead = main["conditions"][0]
    assert lead["value"] == round(7 / 23, 4) and lead["status"] == "meets"
    alt = F.run_claim(C.CLAIMS_BY_ID["C1_areas"], ev, NO_DOCS, C.Setting(2015, 2020, reading="all_areas"),
                      np.random.default_rng(1))
    assert alt["conditions"][0]["value"] == round(-3 / 23, 4)
    assert main["conditions"][1]["value"] == round(11 / 23, 4)
    assert main["verdict"] == F.INCONCLUSIVE  # 11 of 23 in the named areas: the interval runs across 0.5
    assert "named areas with no event in the compilation: tourism, media, youth" in T.reason_text(
        C.CLAIMS_BY_ID["C1_areas"], main)


@pytest.mark.parametrize("edu,rival,status", [(20, 8, "meets"), (12, 12, "straddles"), (8, 20, "fails")])
def test_c1_lead_either_side_of_a_tie(edu, rival, status):
    r = run("C1_areas", events([row("education")] * edu + [row("arts")] * rival))
    assert r["conditions"][0]["status"] == status


@pytest.mark.parametrize("lo,status", [(0.0, "borderline"), (0.02, "borderline"), (0.0201, "meets")])
def test_c1_lead_at_and_either_side_of_its_margin(lo, status):
    cond = C.CLAIMS_BY_ID["C1_areas"].conditions[0]  # above 0 by more than 0.02: a tie is not first
    assert F.condition_status(cond, lo, 0.3) == status
    # the mirror: a whole interval at or below -0.02 fails (a tie at the top is not first)
    assert F.condition_status(cond, -0.3, -lo) == ("borderline" if lo < 0.02 else "fails")


@pytest.mark.parametrize("lo,status", [(0.5, "borderline"), (0.52, "borderline"), (0.5201, "meets")])
def test_c1_main_areas_cut_is_most_at_and_either_side(lo, status):
    cond = C.CLAIMS_BY_ID["C1_areas"].conditions[1]  # 'most': more than half
    assert cond.threshold == 0.5 and cond.direction == "above"
    assert F.condition_status(cond, lo, 0.9) == status
    assert F.condition_status(cond, 0.1, 1 - lo) == ("borderline" if lo < 0.52 else "fails")


def test_c1_supported_and_between_the_cuts():
    assert run("C1_areas", events([row("education")] * 30 + [row("arts")] * 5))["verdict"] == F.SUPPORTED
    r = run("C1_areas", events([row("education")] * 12 + [row("arts")] * 9))
    assert r["verdict"] == F.INCONCLUSIVE and r["conditions"][0]["status"] == "straddles"


def _partner_rows(named_units, other_units, each=3):
    return [row(unit=u) for u in named_units for _ in range(each)] + \
           [row(unit=u) for u in other_units for _ in range(each + 1)]


@pytest.mark.parametrize("named_in_top,each,status", [(5, 12, "meets"), (4, 12, "meets"), (4, 4, "straddles"),
                                                      (3, 12, "straddles"), (2, 12, "fails")])
def test_c2_named_units_in_the_top_five_at_and_either_side(named_in_top, each, status):
    # with 12 events a named unit keeps its rank in the resamples; with 4 (against 5 for the others) it can
    # fall out, so four in the observed top five is no longer four in the whole interval
    others = ["pavlodar", "aktobe", "atyrau", "mangystau", "kyzylorda"][: 5 - named_in_top]
    rows = _partner_rows(ARTICLE_PARTNERS[:named_in_top], others, each=each)
    r = run("C2_partners", events(rows))
    top = next(c for c in r["conditions"] if c["name"] == "named_in_top_five")
    assert top["value"] == named_in_top and top["status"] == status


@pytest.mark.parametrize("bounds,status", [((4, 5), "meets"), ((4, 4), "meets"), ((3, 5), "straddles"),
                                           ((3, 3), "straddles"), ((2, 3), "straddles"), ((2, 2), "fails"),
                                           ((1, 2), "fails")])
def test_c2_top_five_interval_at_and_either_side_of_its_cuts(bounds, status):
    cond = C.CLAIMS_BY_ID["C2_partners"].conditions[1]  # supported from 4, not supported below 3, no margin
    assert F.condition_status(cond, *bounds) == status


def test_c2_names_the_partners_absent_from_the_compilation():
    rows = [row(unit=u) for u in ARTICLE_PARTNERS[:2] for _ in range(6)]
    r = run("C2_partners", events(rows))
    assert "named partners with no event in the compilation: North Kazakhstan" in T.reason_text(
        C.CLAIMS_BY_ID["C2_partners"], r)
    assert r["conditions"][1]["value"] == 2.0  # two of the five named units have events: a top-five count of 2


def test_c2_share_of_named_partners():
    rows = [row(unit=u) for u in ARTICLE_PARTNERS] * 6
    assert run("C2_partners", events(rows))["verdict"] == F.SUPPORTED
    rows = [row(unit=u) for u in ("pavlodar", "aktobe", "atyrau")] * 8
    assert run("C2_partners", events(rows))["verdict"] == F.NOT_SUPPORTED
    national = events([row(unit="national")] * 20)
    assert run("C2_partners", national)["verdict"] == F.TOO_FEW


def test_c3_sectors_and_the_state_institution_variant():
    mixed = [row(ru="state_institution", kz="ngo")] * 10 + [row(ru="ngo", kz="regional_authority")] * 10
    assert run("C3_state_and_non_state", events(mixed))["verdict"] == F.SUPPORTED
    only_state = events([row(ru="state_institution", kz="state_institution")] * 20)
    assert run("C3_state_and_non_state", only_state)["verdict"] == F.NOT_SUPPORTED
    r = run("C3_state_and_non_state", only_state, setting=C.Setting(2015, 2020, state_institutions_as="non_state"))
    assert r["verdict"] == F.NOT_SUPPORTED
    # international or unknown actors are left out of the population
    r = run("C3_state_and_non_state", events([row(ru="international_org")] * 12 + mixed[:4]))
    assert r["n"] == 4 and r["verdict"] == F.TOO_FEW


def test_c4_from_within():
    assert run("C4_from_within", events([row()] * 25))["verdict"] == F.SUPPORTED
    assert run("C4_from_within", events([row(ru="regional_authority")] * 25))["verdict"] == F.NOT_SUPPORTED
    assert run("C4_from_within", events([row(kz="municipal_authority")] * 25))["verdict"] == F.NOT_SUPPORTED


def _years(per_year, covid_rows):
    return [row(year=y) for y in range(2015, 2020) for _ in range(per_year)] + covid_rows


def test_c5_supported_not_supported_degenerate_and_outside_the_window():
    drop = _years(20, [row(fmt="online", year=2020)] * 5 + [row(year=2020)])
    assert run("C5_covid_break", events(drop))["verdict"] == F.SUPPORTED
    rise = _years(8, [row(fmt="online", year=2020)] * 3 + [row(year=2020)] * 17)
    assert run("C5_covid_break", events(rise))["verdict"] == F.NOT_SUPPORTED
    none_online = run("C5_covid_break", events(_years(8, [row(year=2020)] * 2)))
    online = next(c for c in none_online["conditions"] if c["name"] == "online_share_change")
    assert online["status"] == "degenerate" and "no 2020 event" in online["degenerate"]
    assert none_online["verdict"] == F.INCONCLUSIVE
    outside = run("C5_covid_break", events(_years(8, [])), setting=C.Setting(2015, 2019))
    assert outside["verdict"] == F.INCONCLUSIVE and "not inside the window" in outside["not_applicable"]


def test_c6_concentration_and_its_monte_carlo_error():
    conc = run("C6_concentration", events([row("education")] * 20))
    assert conc["verdict"] == F.SUPPORTED
    spread = events([row(a, u) for u in SUBNATIONAL_KEYS for a in AREAS] * 3)
    r = run("C6_concentration", spread)
    assert r["verdict"] == F.NOT_SUPPORTED
    c = r["conditions"][0]
    assert not c["exact"] and 0 <= c["mc_error"] < 0.01


def test_the_shifted_interval_moves_the_percentile_interval_by_the_resampling_bias():
    v = np.array([0.1, 0.2, 0.3, 0.4])
    w = np.array([0.01, 0.49, 0.49, 0.01])
    rec = C.ClaimRecord("CX_x", "x", "x", "x", "x", "x", (), 0, "x", C.tab_from_within)
    tab = C.Tabulation(4, np.array([1, 3]), lambda c: {"s": v[: len(c)] if len(c) == 4 else np.array([0.2])})
    dist = F.Distribution(np.zeros((4, 2), dtype=int), w, True)
    cond = C.Condition("s", "s", "s", "interval", "at_least", 0.15, 0.0, (0.15,), "test")
    out = F.measure(rec, tab, np.random.default_rng(0), conditions=(cond,), methods=("percentile", "shifted"),
                    dist=dist)
    assert (out["percentile"]["s"]["low"], out["percentile"]["s"]["high"]) == (0.2, 0.3)
    # the mean of the resamples is 0.25, the estimate 0.2: the interval moves down by 0.05
    assert (out["shifted"]["s"]["low"], out["shifted"]["s"]["high"]) == (0.15, 0.25)


def test_normalised_hhi():
    assert C.normalized_hhi(np.array([[5, 0, 0]]))[0] == pytest.approx(1.0)
    assert C.normalized_hhi(np.array([[2, 2, 2]]))[0] == pytest.approx(0.0)
    assert C.normalized_hhi(np.array([[2, 1, 1]]))[0] == pytest.approx((6 / 16 - 1 / 3) / (2 / 3))


# ----------------------------------------------------------------------------- C7: documents and their bounds


@pytest.mark.parametrize("start,outcome", [("2014", F.SUPPORTED), ("2015", F.SUPPORTED),
                                           ("2016", F.NOT_SUPPORTED)])
def test_c7_regional_start_at_and_either_side_of_the_window(start, outcome):
    d = docs_table([doc("national", "2000"), doc("regional", start)])
    assert run("C7_legal_basis", events([]), d)["verdict"] == outcome


def test_c7_an_on_or_before_date_counts_from_its_latest_day():
    d = docs_table([doc("national", "2000"), doc("regional", "../2014-02-10")])
    r = run("C7_legal_basis", events([]), d)
    assert r["verdict"] == F.SUPPORTED and r["conditions"][0]["low"] == 1.0
    late = docs_table([doc("national", "2000"), doc("regional", "../2016-02-10")])
    r = run("C7_legal_basis", events([]), late)
    assert r["verdict"] == F.INCONCLUSIVE and r["detail"]["gap_years_that_uncertain_dates_could_fill"] == [2015]


def test_c7_interval_and_uncertain_dates():
    d = docs_table([doc("national", "2000"), doc("regional", "2014/2016")])
    r = run("C7_legal_basis", events([]), d)
    assert r["conditions"][0]["low"] == round(5 / 6, 4) and r["conditions"][0]["high"] == 1.0  # certain from 2016
    d = docs_table([doc("national", "2000"), doc("regional", "2016?")])  # 2015 to 2017: certain from 2017
    assert run("C7_legal_basis", events([]), d)["conditions"][0]["low"] == round(4 / 6, 4)
    assert run("C7_legal_basis", events([]), d)["conditions"][0]["high"] == 1.0
    ended = docs_table([doc("national", "2000"), doc("regional", "2010", end="2019")])
    assert run("C7_legal_basis", events([]), ended)["verdict"] == F.NOT_SUPPORTED


def test_c7_counts_only_documents_that_cover_culture_and_undated_ones_only_where_they_could_fill_a_gap():
    d = docs_table([doc("national", "2000"), doc("regional", "2010", culture="no")])
    assert run("C7_legal_basis", events([]), d)["verdict"] == F.NOT_SUPPORTED
    undated_national = docs_table([doc("national", "2000"), doc("regional", "2016"), doc("national", "")])
    assert run("C7_legal_basis", events([]), undated_national)["verdict"] == F.NOT_SUPPORTED
    undated_regional = docs_table([doc("national", "2000"), doc("regional", "2016"), doc("regional", "")])
    assert run("C7_legal_basis", events([]), undated_regional)["verdict"] == F.INCONCLUSIVE
    unknown = docs_table([doc("national", "2000"), doc("regional", "2010", culture="unknown")])
    r = run("C7_legal_basis", events([]), unknown)
    assert r["verdict"] == F.INCONCLUSIVE  # an unknown coverage widens the possible years; it decides nothing
    assert "turns on whether such a document" in T.reason_text(C.CLAIMS_BY_ID["C7_legal_basis"], r)
    for reading, outcome in (("unknown_counts", F.SUPPORTED), ("unknown_excluded", F.NOT_SUPPORTED)):
        r = F.run_claim(C.CLAIMS_BY_ID["C7_legal_basis"], events([]), unknown,
                        C.Setting(2015, 2020, reading=reading), np.random.default_rng(0))
        assert r["verdict"] == outcome


@pytest.mark.parametrize("culture,outcome", [("yes", F.SUPPORTED), ("unknown", F.INCONCLUSIVE),
                                             ("no", F.NOT_SUPPORTED)])
def test_c7_an_unknown_coverage_never_decides_either_way(culture, outcome):
    d = docs_table([doc("national", "2000"), doc("regional", "2010", culture=culture)])
    assert run("C7_legal_basis", events([]), d)["verdict"] == outcome


# ----------------------------------------------------------------------------- the whole evaluation


def processed_fixture():
    rows = ([row("education", "kostanay", "state_institution", "ngo", "in_person", y) for y in range(2015, 2021)] * 3
            + [row("arts", u, "ngo", "regional_authority", "online", 2020) for u in SUBNATIONAL_KEYS[:6]]
            + [row("other", "national", "ngo", "ngo", "in_person", 2014)] * 4)
    return events(rows)


def test_evaluation_validates_and_reports_everything():
    from regional_ties.report import findings_markdown, validate_findings

    out = T.for_json(T.describe(F.evaluate_claims(processed_fixture(), NO_DOCS, start_year=2015, end_year=2020,
                                                  seed=3)))
    validate_findings(out)
    assert [f["id"] for f in out] == [r.id for r in C.CLAIMS]
    for f in out:
        assert f["verdict"] in F.OUTCOMES and f["summary"].startswith("The article says")
        assert set(f["variants"]) >= set(F.DATA_VARIANTS)
    md = findings_markdown(out, 2015, 2020)
    assert md.index("## In plain words") < md.index("## The verdicts")
    assert "[" not in md.split("## The verdicts")[0].replace("[0-9]", "")  # no Python lists in the summary
    assert "{" not in md


def test_verdicts_do_not_depend_on_the_seed():
    ev = processed_fixture()
    runs = [[(f["id"], f["verdict"], [c["status"] for c in f["conditions"]])
             for f in F.evaluate_claims(ev, NO_DOCS, start_year=2015, end_year=2020, seed=s)] for s in (1, 2, 3, 4)]
    assert all(r == runs[0] for r in runs)


def test_variant_changes_tell_too_few_from_a_reversal():
    main = {"verdict": F.SUPPORTED, "n": 12}
    assert F._change(main, {"verdict": F.TOO_FEW, "n": 7}) == "too few events (n = 7)"
    assert F._change(main, {"verdict": F.NOT_SUPPORTED, "n": 12}) == "reverses to not supported"
    assert F._change(main, {"verdict": F.INCONCLUSIVE, "n": 12}) == "becomes inconclusive"
    assert F._change(main, {"verdict": F.SUPPORTED, "n": 30}) is None


def test_events_needed_is_the_first_size_that_decides():
    rec = C.CLAIMS_BY_ID["C4_from_within"]
    r = run("C4_from_within", events([row()] * 8 + [row(ru="regional_authority")] * 4))  # 2/3, undecided at 12
    assert r["verdict"] == F.INCONCLUSIVE
    need = F.events_needed(rec, r["_tab"], r["verdict"], np.random.default_rng(0))
    assert need["decides_as"] == F.SUPPORTED
    grid = [g for g in F.SIZE_GRID if g > 12]
    before = grid[grid.index(need["events"]) - 1]
    from dataclasses import replace
    t = replace(r["_tab"], n=before, counts=F.scaled_counts(r["_tab"].counts, before))
    assert F.judge(rec, t, F.measure(rec, t, np.random.default_rng(0)))[0] == F.INCONCLUSIVE
    assert F.scaled_counts(np.array([2, 1]), 10).tolist() == [7, 3]


def test_rule_text_is_generated_from_the_record():
    for rec in C.CLAIMS:
        text = T.rule_text(rec)
        assert text.startswith("Supported if") and "Not supported if" in text
        for c in rec.conditions:
            assert c.words in text and T.fmt(c.kind, c.threshold) in text


def test_three_monte_carlo_errors_widen_the_margin_no_more():
    cond = C.CLAIMS_BY_ID["C4_from_within"].conditions[0]
    assert F.condition_status(cond, 0.555, 0.9, mc_error=0.01) == "meets"  # 0.5 + 0.02 + 3 x 0.01 = 0.55
    assert F.condition_status(cond, 0.545, 0.9, mc_error=0.01) == "borderline"


def test_threshold_overrides_keep_or_replace_the_fail_cut():
    first = C.CLAIMS_BY_ID["C1_areas"].first_rule[0]  # as first committed: support 0.9, fail 0.5
    assert F.condition_status(first, 0.54, 0.54) == "straddles"
    assert F.condition_status(first, 0.54, 0.54, threshold=0.5) == "meets"  # the fail cut stays at 0.5
    assert F.condition_status(first, 0.54, 0.54, threshold=0.9, fail_threshold=0.6) == "fails"
    share = C.CLAIMS_BY_ID["C4_from_within"].conditions[0]  # one cut for both
    assert F.condition_status(share, 0.3, 0.55) == "straddles"
    assert F.condition_status(share, 0.3, 0.55, threshold=0.6) == "fails"  # the fail cut moves with it
    ratio = C.CLAIMS_BY_ID["C5_covid_break"].conditions[0]  # below 1.0
    assert F.condition_status(ratio, 1.2, 2.0) == "fails" and F.condition_status(ratio, 0.2, 0.9) == "meets"
    assert F.condition_status(ratio, 0.2, 1.1) == "straddles"
    assert F.condition_status(ratio, 0.2, 1.1, threshold=1.2) == "meets"
    assert F.condition_status(ratio, 0.9, 2.0, threshold=0.8) == "fails"


def test_judge_carries_the_monte_carlo_error_and_names_missing_conditions():
    rec = C.CLAIMS_BY_ID["C4_from_within"]
    tab = C.Tabulation(20)
    v = {"value": 0.7, "low": 0.53, "high": 0.9, "exact": False}
    assert F.judge(rec, tab, {"no_authority_share": {**v, "mc_error": 0.0}}) == (
        F.SUPPORTED, {"no_authority_share": "meets"})
    assert F.judge(rec, tab, {"no_authority_share": {**v, "mc_error": 0.01}})[1] == {
        "no_authority_share": "borderline"}
    assert F.judge(rec, tab, {}) == (F.INCONCLUSIVE, {"no_authority_share": "undefined"})
