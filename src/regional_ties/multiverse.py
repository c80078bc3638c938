"""Every reasonable specification of each claim at once: a multiverse, not a one-way sweep.

A specification is one choice on each axis: the rule (as it stands, or as first committed), the data
variant, the window (the study's, or one year wider or narrower on each side), the reading of the claim,
the interval method (percentile or bias-corrected), each condition's cut(s), the margin (0, the
study's, or twice it) and the tie convention (the study's, or the other: an interval end exactly at a cut
decides when the study's does not, and the reverse; for ranks, equal counts share the worse rank).

The expensive part, resampling, depends only on (data variant, window, rule's reading) and is done once per
such cell (`cells`), its intervals read for both methods; the cheap part, the cuts, margins and ties, is one
vectorised judgement over the whole product of choices (`judge_cell`, through findings.status_array). The
pre-stated specification (`is_headline`) is the headline verdict; the rest say how much it depends on
choices.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import findings as F
from .claims import ClaimRecord, Condition, Setting, Tabulation

RULES = {"current": "the rule as it stands", "as_first_committed": "the rule as first committed"}
WINDOWS = {"study": (0, 0), "widened": (-1, 1), "narrowed": (1, -1)}
EVENT_VARIANTS = ("main", "state_institutions_as_non_state", "two_or_more_sources", "without_national")
MARGIN_SCALES = (0.0, 1.0, 2.0)
TIES = ("study", "other")
_FLIP = {"at_least": "above", "above": "at_least", "at_most": "below", "below": "at_most"}
COLUMNS = ["claim", "spec", "rule", "data_variant", "window", "reading", "interval_method", "margin_scale", "ties",
           "cuts", "n", "estimate", "low", "high", "outcome", "headline"]


@dataclass
class Cell:
    """One (rule, data variant, window, reading): its tabulation and its conditions measured by each method."""

    rule: str
    variant: str
    window: str
    reading: str
    setting: Setting
    tab: Tabulation
    measured: dict  # {method: {condition name: measured}}


def _conditions(record: ClaimRecord, rule: str) -> tuple[Condition, ...]:
    return record.conditions if rule == "current" else record.first_rule


def _methods(conds: tuple[Condition, ...], rule: str) -> tuple[str, ...]:
    if not any(c.summary == "interval" for c in conds):
        return ("none",)
    return F.INTERVAL_METHODS if rule == "current" else ("percentile",)


def _own_method(conds: tuple[Condition, ...]) -> str:
    """The interval method the rule itself states (one per claim)."""
    own = {c.interval for c in conds if c.summary == "interval"}
    if len(own) > 1:
        raise ValueError(f"conditions {[c.name for c in conds]} state different interval methods: {sorted(own)}")
    return own.pop() if own else "none"


def cells(record: ClaimRecord, processed: pd.DataFrame, docs: pd.DataFrame, setting: Setting, seed: int,
          salt: int) -> list[Cell]:
    """Resample once per distinct table of counts over the (rule, data variant, window, reading) cells (a
    reading or a data variant that leaves the counts as they are shares their draw). The headline cell comes
    first and draws with the headline's seeded generator and size, so that the two are the same numbers."""
    out = []
    drawn: dict[bytes, F.Distribution] = {}
    variants = EVENT_VARIANTS if record.evidence == "events" else ("main",)
    measures: dict[tuple, dict] = {}
    for j, (rule, variant, window) in enumerate(itertools.product(RULES, variants, WINDOWS)):
        a, b = WINDOWS[window]
        s = replace(setting, start_year=setting.start_year + a, end_year=setting.end_year + b)
        ev, s = F.variant_inputs(variant, processed, s)
        readings = ("main", *record.readings) if rule == "current" else (record.first_reading,)
        for k, reading in enumerate(readings):
            tab = record.tabulate(ev.reset_index(drop=True), docs, replace(s, reading=reading))
            # the rule's conditions, and the record's first condition for the estimate the curve is ordered by
            conds = list({c.name: c for c in (*_conditions(record, rule), record.conditions[0])}.values())
            if tab.counts is not None and tab.statistics is not None:  # a statistic with ties counted the other way
                keys = tab.statistics(np.asarray(tab.counts)[None, :])
                conds += [replace(c, name=f"{c.name}_ties_worse") for c in record.conditions
                          if f"{c.name}_ties_worse" in keys]
            headline = (rule, variant, window, reading) == ("current", "main", "study", "main")
            rng = F._rng(seed, salt, 0) if headline else F._rng(seed, salt, 1000 + 10 * j + k)
            methods = _methods(_conditions(record, rule), rule)
            dist = None
            if tab.counts is not None:  # cells with the same counts (readings, most data variants) share a draw
                key = np.asarray(tab.counts).tobytes()
                done = measures.get((key, rule, reading, s.start_year, s.end_year))
                if done is not None and done[1] == (tab.fixed, tab.degenerate):  # the same table read the same way
                    out.append(Cell(rule, variant, window, reading, s, tab, done[0]))
                    continue
                dist = drawn.get(key) or F.resampling_distribution(
                    tab.counts, rng, F.MC_DRAWS if headline else F.MV_DRAWS)
                drawn.setdefault(key, dist)
            if methods == ("none",):
                measured = {"none": F.measure(record, tab, rng, conditions=tuple(conds), dist=dist)}
            else:
                measured = F.measure(record, tab, rng, conditions=tuple(conds), methods=methods, dist=dist)
            if tab.counts is not None:
                measures[(np.asarray(tab.counts).tobytes(), rule, reading, s.start_year, s.end_year)] = (
                    measured, (tab.fixed, tab.degenerate))
            out.append(Cell(rule, variant, window, reading, s, tab, measured))
    return out


def _cut_options(c: Condition, rule: str) -> list[tuple[float, float]]:
    if rule != "current":
        return [(c.threshold, c.fail_cut)]
    if c.fail_threshold is None:
        return [(t, t) for t in c.sweep]
    return [(t, f) for t in c.sweep for f in (c.fail_sweep or (c.fail_threshold,)) if f <= t]


def _status_codes(c: Condition, measured: dict, tab: Tabulation, ts, tf, scale, flip) -> np.ndarray:
    """Status codes of one condition over the grid; -1: degenerate (decides nothing)."""
    if c.name in tab.degenerate:
        return np.full(len(ts), -1)
    mv = measured.get(c.name)
    if mv is None or mv["low"] is None or mv["high"] is None:
        return np.full(len(ts), 4)
    worse = measured.get(f"{c.name}_ties_worse") or mv
    lo = np.where(flip, worse["low"] if worse["low"] is not None else np.nan, mv["low"])
    hi = np.where(flip, worse["high"] if worse["high"] is not None else np.nan, mv["high"])
    direction = np.where(flip, _FLIP[c.direction], c.direction)
    m = scale * c.margin + 3 * (mv["mc_error"] or 0.0)
    return F.status_array(lo, hi, ts, tf, m, direction)


def judge_cell(record: ClaimRecord, cell: Cell) -> pd.DataFrame:
    """Every combination of cuts, margins and ties on one cell, judged at once; one row per specification."""
    conds = _conditions(record, cell.rule)
    current = cell.rule == "current"
    has_margin = any(c.margin for c in conds)
    scales = MARGIN_SCALES if current and has_margin else (1.0,)
    study_scale = 1.0
    ties = TIES if current else ("study",)
    options = [_cut_options(c, cell.rule) for c in conds]
    idx = np.array(list(itertools.product(*[range(len(o)) for o in options], range(len(scales)), range(len(ties)))),
                   dtype=int)
    scale = np.array(scales)[idx[:, -2]]
    flip = np.array([t == "other" for t in ties])[idx[:, -1]]
    at_study = (scale == study_scale) & ~flip
    for i, c in enumerate(conds):
        at_study &= np.array([o == (c.threshold, c.fail_cut) for o in options[i]])[idx[:, i]]
    cuts = [";".join(f"{c.name}={options[i][row[i]][0]:g}"
                     + (f"/{options[i][row[i]][1]:g}" if c.fail_threshold is not None else "")
                     for i, c in enumerate(conds)) for row in idx]
    tab = cell.tab
    own = _own_method(conds)
    frames = []
    for method, measured in cell.measured.items():
        codes = np.column_stack([
            _status_codes(c, measured, tab, np.array([o[0] for o in options[i]])[idx[:, i]],
                          np.array([o[1] for o in options[i]])[idx[:, i]], scale, flip)
            for i, c in enumerate(conds)])
        if tab.not_applicable:
            outcome = np.full(len(idx), F.INCONCLUSIVE, dtype=object)
        elif tab.n < record.min_n:
            outcome = np.full(len(idx), F.TOO_FEW, dtype=object)
        else:
            outcome = np.where((codes == 1).any(axis=1), F.NOT_SUPPORTED,
                               np.where((codes == 0).all(axis=1), F.SUPPORTED, F.INCONCLUSIVE)).astype(object)
        first = measured.get(record.conditions[0].name) or {}
        headline = current and (cell.variant, cell.window, cell.reading) == ("main", "study", "main") and method == own
        frames.append(pd.DataFrame({
            "rule": cell.rule, "data_variant": cell.variant, "window": cell.window, "reading": cell.reading,
            "interval_method": method, "margin_scale": scale, "ties": np.array(ties)[idx[:, -1]], "cuts": cuts,
            "n": tab.n, "estimate": first.get("value"), "low": first.get("low"), "high": first.get("high"),
            "outcome": outcome, "headline": headline & at_study,
        }))
    return pd.concat(frames, ignore_index=True)


def grid(record: ClaimRecord, claim_cells: list[Cell]) -> pd.DataFrame:
    """The whole multiverse of one claim, one row per specification, numbered."""
    df = pd.concat([judge_cell(record, c) for c in claim_cells], ignore_index=True)
    df.insert(0, "claim", record.id)
    df.insert(1, "spec", np.arange(1, len(df) + 1))
    return df[COLUMNS]


def summary(df: pd.DataFrame) -> dict:
    """Share of specifications per outcome (all specifications; and the rule as first committed)."""
    shares = df["outcome"].value_counts(normalize=True)
    first = df[df["rule"] == "as_first_committed"]["outcome"]
    head = df[df["headline"]]["outcome"]
    return {
        "specifications": int(len(df)),
        "shares": {o: round(float(shares.get(o, 0.0)), 4) for o in F.OUTCOMES},
        "headline": head.iloc[0] if len(head) else None,
        "as_first_committed": first.value_counts().idxmax() if len(first) else None,
        "as_first_committed_at_study_data": (
            df[(df["rule"] == "as_first_committed") & (df["data_variant"] == "main") & (df["window"] == "study")]
            ["outcome"].iloc[0] if len(first) else None),
    }


def summary_table(grids: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per claim: the number of specifications and the share giving each outcome."""
    rows = []
    for df in grids:
        s = summary(df)
        rows.append({"claim": df["claim"].iloc[0], "specifications": s["specifications"],
                     **{o: s["shares"][o] for o in F.OUTCOMES}, "headline": s["headline"],
                     "as_first_committed": s["as_first_committed_at_study_data"]})
    return pd.DataFrame(rows, columns=["claim", "specifications", *F.OUTCOMES, "headline", "as_first_committed"])
