"""The multiverse of each claim and the rules' dated history, on made-up fixtures (not evidence)."""

import itertools
from dataclasses import replace

import numpy as np
import pytest

from regional_ties import claims as C
from regional_ties import findings as F
from regional_ties import findings_text as T
from regional_ties import multiverse as M
from regional_ties.contract import ARTICLE_PARTNERS

from .test_findings import NO_DOCS, doc, docs_table, events, row

S = C.Setting(2015, 2020)


def grid_of(claim_id, ev, docs=NO_DOCS, seed=1):
    rec = C.CLAIMS_BY_ID[claim_id]
    cells = M.cells(rec, ev, docs, S, seed, 1)
    return rec, cells, M.grid(rec, cells)


def spread(n_years=6, **kw):
    return [row(year=y, **kw) for y in range(2015, 2015 + n_years)]


@pytest.fixture(scope="module")
def c4():
    ev = events(spread() * 3 + [row(ru="regional_authority", year=y) for y in range(2015, 2021)])
    return grid_of("C4_from_within", ev)


def test_shares_sum_to_one_and_count_every_specification(c4):
    rec, cells, g = c4
    s = M.summary(g)
    assert sum(s["shares"].values()) == pytest.approx(1.0, abs=1e-3)
    assert s["specifications"] == len(g) == g["spec"].max()
    # current rule: 4 data variants x 3 windows x 1 reading x 2 methods x 3 cuts x 3 margins x 2 ties;
    # the rule as first committed: 4 x 3, one specification each
    assert len(g) == 4 * 3 * 2 * 3 * 3 * 2 + 4 * 3
    assert set(g["window"]) == set(M.WINDOWS) and set(g["data_variant"]) == set(M.EVENT_VARIANTS)
    assert 0.0 in set(g["margin_scale"])  # no margin is among the margins


def test_exactly_one_headline_and_it_is_the_headline_verdict(c4):
    rec, cells, g = c4
    head = g[g["headline"]]
    assert len(head) == 1
    main = F.run_claim(rec, events(spread() * 3 + [row(ru="regional_authority", year=y)
                                                   for y in range(2015, 2021)]), NO_DOCS, S, F._rng(1, 1, 0))
    assert head["outcome"].iloc[0] == main["verdict"]
    assert head[["interval_method", "margin_scale", "ties", "reading", "window", "data_variant", "rule"]].iloc[
        0].tolist() == ["percentile", 1.0, "study", "main", "study", "main", "current"]


def test_evaluate_takes_its_headline_from_the_multiverse():
    ev = events([row("education")] * 9 + [row("arts")] * 4 + [row("other")] * 3)
    for claim_id in ("C1_areas", "C6_concentration"):
        rec = C.CLAIMS_BY_ID[claim_id]
        f = F.evaluate(rec, ev, NO_DOCS, S, 7, 3)
        assert f["multiverse"]["headline"] == f["verdict"]
        assert f["_grid"].loc[f["_grid"]["headline"], "outcome"].tolist() == [f["verdict"]]


def test_the_vectorised_judgement_is_the_scalar_rule(c4):
    rec, cells, g = c4
    cond = rec.conditions[0]
    cur = g[(g["rule"] == "current") & (g["data_variant"] == "main") & (g["window"] == "study")]
    cell = next(c for c in cells if (c.rule, c.variant, c.window) == ("current", "main", "study"))
    for r in cur.itertuples():
        mv = cell.measured[r.interval_method][cond.name]
        t = float(r.cuts.split("=")[1])
        c = replace(cond, margin=cond.margin * r.margin_scale,
                    direction=cond.direction if r.ties == "study" else M._FLIP[cond.direction])
        status = F.condition_status(c, mv["low"], mv["high"], mv["mc_error"], threshold=t)
        expected = {"meets": F.SUPPORTED, "fails": F.NOT_SUPPORTED}.get(status, F.INCONCLUSIVE)
        assert r.outcome == expected


@pytest.mark.parametrize("lo,outcomes", [(0.5, ("inconclusive", "supported")), (0.52, ("inconclusive", "supported")),
                                         (0.53, ("supported", "supported"))])
def test_ties_flip_what_an_end_exactly_at_the_cut_decides(lo, outcomes):
    # C4: above 0.5 (strict). With the other tie convention an end exactly at the cut plus margin meets.
    rec = C.CLAIMS_BY_ID["C4_from_within"]
    tab = C.Tabulation(20)
    cell = M.Cell("current", "main", "study", "main", S, tab,
                  {"percentile": {"no_authority_share": {"value": 0.7, "low": lo, "high": 0.9, "exact": True,
                                                         "mc_error": 0.0}}})
    g = M.judge_cell(rec, cell)
    at = g[(g["cuts"] == "no_authority_share=0.5") & (g["margin_scale"] == (0.0 if lo == 0.5 else 1.0))]
    assert tuple(at.sort_values("ties", key=lambda s: s.map({"study": 0, "other": 1}))["outcome"]) == outcomes


def test_the_first_committed_specification_reproduces_the_old_rules():
    # C3: an interval end within the 0.02 margin: borderline now, supported with the first rule's no margin
    sectors = events([row(ru="state_institution", kz="ngo")] * 20 + [row(ru="ngo", kz="regional_authority")] * 7)
    rec, cells, g = grid_of("C3_state_and_non_state", sectors)
    first = g[(g["rule"] == "as_first_committed") & (g["data_variant"] == "main") & (g["window"] == "study")]
    cell = next(c for c in cells if c.rule == "as_first_committed" and c.variant == "main" and c.window == "study")
    mv = cell.measured["percentile"]["smallest_sector_share"]
    old = (F.SUPPORTED if mv["low"] >= 0.10 else F.NOT_SUPPORTED if mv["high"] < 0.10 else F.INCONCLUSIVE)
    assert first["outcome"].tolist() == [old]
    # C2: units with no event were ranked; with two named units that have events the old count was five
    partners = events([row(unit=u) for u in ARTICLE_PARTNERS[:2] for _ in range(8)] + [row(unit="pavlodar")] * 2)
    rec, cells, g = grid_of("C2_partners", partners)
    first = g[(g["rule"] == "as_first_committed") & (g["data_variant"] == "main") & (g["window"] == "study")]
    assert first["outcome"].tolist() == [F.SUPPORTED]
    assert g.loc[g["headline"], "outcome"].tolist() == [F.NOT_SUPPORTED]  # two in the top five
    # C7: every document counted, whatever its coverage of culture
    d = docs_table([doc("national", "2000"), doc("regional", "2010", culture="unknown")])
    rec, cells, g = grid_of("C7_legal_basis", events([]), d)
    first = g[(g["rule"] == "as_first_committed") & (g["window"] == "study")]
    assert first["outcome"].tolist() == [F.SUPPORTED] and g.loc[g["headline"], "outcome"].tolist() == [
        F.INCONCLUSIVE]
    # C1: education strictly ahead of every other area, 'other' included, in 90% of resamples
    areas = events([row("education")] * 9 + [row("arts")] * 2 + [row("other")] * 12)
    rec, cells, g = grid_of("C1_areas", areas)
    first = g[(g["rule"] == "as_first_committed") & (g["data_variant"] == "main") & (g["window"] == "study")]
    assert first["outcome"].tolist() == [F.NOT_SUPPORTED] and first["reading"].tolist() == ["all_areas"]


def test_the_summary_table_has_one_row_per_claim_and_shares_that_add_up():
    ev = events([row("education")] * 9 + [row("arts")] * 4 + [row("other")] * 3)
    grids = [grid_of(cid, ev)[2] for cid in ("C1_areas", "C4_from_within")]
    t = M.summary_table(grids)
    assert t["claim"].tolist() == ["C1_areas", "C4_from_within"]
    assert np.allclose(t[list(F.OUTCOMES)].sum(axis=1), 1.0, atol=1e-3)
    md = T.multiverse_markdown(t)
    assert md.count("\n") == 4 and "| C1_areas |" in md


# ----------------------------------------------------------------------------- the rules' history


def test_the_rules_history_is_dated_complete_and_told_in_words():
    h = T.read_history()
    assert list(h.columns) == ["date", "commit", "claim", "change", "data", "verdict_before", "before_read_from",
                               "verdict_after", "after_read_from", "before_on_third_edition",
                               "after_on_third_edition"]
    assert h["date"].tolist() == sorted(h["date"]), "the history is in date order"
    claims = {r.id.split("_")[0] for r in C.CLAIMS}
    for (date, commit), part in h.groupby(["date", "commit"], sort=False):
        assert set(part["claim"]) == claims, f"{date} {commit}: every claim has its row"
    first = h[h["commit"] == "e368191"]
    assert (first["date"] == h["date"].min()).all() and first["change"].str.startswith("rules first committed").all()
    assert first["data"].str.startswith("before the first edition").all()
    assert (h.loc[h["commit"] != "e368191", "data"].str.startswith("after")).all()
    words = set(T.WORDS.values()) | {""}
    for col in ("verdict_before", "verdict_after", "before_on_third_edition", "after_on_third_edition"):
        assert set(h[col].fillna("")) <= words
    # each change's verdict after is the next change's verdict before, claim by claim, on the third edition
    for _claim, part in h.groupby("claim"):
        after = part["after_on_third_edition"].tolist()
        before = part["before_on_third_edition"].tolist()
        assert all(a == b for a, b in itertools.zip_longest(after[:-1], before[1:]))
    md = T.history_markdown(h)
    assert md.count("\n") == len(h) + 2
