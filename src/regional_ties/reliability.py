"""Inter-coder reliability: Krippendorff's alpha (nominal) with a bootstrap interval.

Alpha is reported for two sets of events: pooled over every event both coders coded (both regions, all
years), and over the analysed events only (the region studied, inside the window), which are the events
the verdicts rest on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import gazetteer

FIELDS = ("area", "kz_region", "ru_actor_kind", "kz_actor_kind", "format")
#: Krippendorff's guidance: alpha >= 0.8 reliable; >= 0.667 acceptable for tentative conclusions.
TARGETS = {"area": 0.8, "kz_region": 0.8, "ru_actor_kind": 0.667, "kz_actor_kind": 0.667, "format": 0.667}


def _alpha_from_pairs(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """Nominal alpha for two coders and no missing values, from integer codes 0..k-1."""
    o = np.zeros((k, k))
    np.add.at(o, (a, b), 1)
    o = o + o.T  # each unit contributes both ordered pairs
    n_c = o.sum(axis=1)
    n = n_c.sum()
    d_o = (n - np.trace(o)) / n
    d_e = (n * n - (n_c**2).sum()) / (n * (n - 1))
    return float("nan") if d_e == 0 else float(1 - d_o / d_e)


#: Codes that mean "not coded": a unit missing a code from either coder is not pairable and is left out.
MISSING = ("",)


def _pairable_codes(first: pd.Series, second: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """Integer codes of the units coded by both coders (missing: empty or NaN), and the number of categories."""
    a = pd.Series(first).reset_index(drop=True)
    b = pd.Series(second).reset_index(drop=True)
    both = a.notna() & b.notna() & ~a.astype(str).isin(MISSING) & ~b.astype(str).isin(MISSING)
    cats = pd.Categorical(pd.concat([a[both], b[both]], ignore_index=True).astype(str))
    n = int(both.sum())
    return cats.codes[:n], cats.codes[n:], len(cats.categories)


def krippendorff_alpha(first: pd.Series, second: pd.Series) -> float:
    """Krippendorff's alpha, nominal level, two coders; a unit missing either code is left out (not pairable)."""
    a, b, k = _pairable_codes(first, second)
    if len(a) == 0:
        return float("nan")
    return _alpha_from_pairs(a, b, k)


def alpha_interval(first: pd.Series, second: pd.Series, *, n_boot: int, seed: int):
    """Alpha and a 95% percentile bootstrap interval over the pairable units (events)."""
    a, b, k = _pairable_codes(first, second)
    n = len(a)
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    alpha = _alpha_from_pairs(a, b, k)
    rng = np.random.default_rng(seed)
    boots = np.array([_alpha_from_pairs(a[i], b[i], k) for i in rng.integers(0, n, size=(n_boot, n))])
    lo, hi = np.nanpercentile(boots, [2.5, 97.5]) if np.isfinite(boots).any() else (np.nan, np.nan)
    return alpha, float(lo), float(hi)


#: The two sets of events over which alpha is reported.
POOLED, ANALYSED = "all coded events", "analysed events (region studied, window)"


def analysed_event_ids(processed: pd.DataFrame) -> list[str]:
    """The ids of the analysed events (the `in_analysis` flag) and of the rows merged into them, in order."""
    from .stats import analysis_events

    ev = analysis_events(processed)
    ids = []
    for event_id, merged in zip(ev["event_id"], ev["merged_event_ids"], strict=True):
        ids.append(str(event_id))
        ids.extend(m.strip() for m in str(merged).split(";") if m.strip())
    return ids


def _comparable(f: pd.DataFrame, s: pd.DataFrame, field: str) -> tuple[pd.Series, pd.Series]:
    """The two codings of a field as text, Kazakh places mapped to their units by the gazetteer."""
    a, b = f[field].astype(str), s[field].astype(str)
    if field == "kz_region":
        a, b = a.map(gazetteer.normalize_region), b.map(gazetteer.normalize_region)
    return a, b


def _field_rows(f: pd.DataFrame, s: pd.DataFrame, scope: str, *, n_boot: int, seed: int) -> list[dict]:
    rows = []
    for field in FIELDS:
        a, b = _comparable(f, s, field)
        alpha, lo, hi = alpha_interval(a.reset_index(drop=True), b.reset_index(drop=True), n_boot=n_boot, seed=seed)
        agree = float((a.to_numpy() == b.to_numpy()).mean()) if len(a) else float("nan")
        rows.append({"scope": scope, "field": field, "n": len(f), "agreement": round(agree, 4),
                     "alpha": round(alpha, 4), "alpha_low": round(lo, 4), "alpha_high": round(hi, 4),
                     "target": TARGETS[field], "meets_target": bool(lo >= TARGETS[field])
                     if np.isfinite(lo) else False})
    return rows


def coding_agreement(events: pd.DataFrame, check: pd.DataFrame, *, n_boot: int, seed: int, analysed=None):
    """Alpha per field between the first coding (events) and the second (coding_check).

    Kazakh units are compared after both codings are mapped through the gazetteer, so "Kostanay"
    and "Костанайская область" agree. Each field is reported over every event coded twice (scope
    POOLED) and, when `analysed` (event ids, e.g. analysed_event_ids) is given, again over the analysed
    events coded twice (scope ANALYSED). A field meets its target when its interval's lower end reaches
    it. Returns (table, disagreements); the disagreements are those of every event coded twice.
    """
    first = events.set_index("event_id")
    second = check.set_index("event_id")
    ids = [i for i in second.index if i in first.index]
    f, s = first.loc[ids], second.loc[ids]
    rows = _field_rows(f, s, POOLED, n_boot=n_boot, seed=seed)
    if analysed is not None:
        keep = set(analysed)
        sub = [i for i in ids if i in keep]
        rows += _field_rows(f.loc[sub], s.loc[sub], ANALYSED, n_boot=n_boot, seed=seed)
    dis = []
    for field in FIELDS:
        a, b = _comparable(f, s, field)
        for i, x, y in zip(ids, a, b, strict=True):
            if x != y:
                dis.append({"event_id": i, "field": field, "first": x, "second": y})
    return pd.DataFrame(rows), pd.DataFrame(dis, columns=["event_id", "field", "first", "second"])
