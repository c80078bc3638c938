"""Inter-coder reliability: Krippendorff's alpha (nominal) with a bootstrap interval."""

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


def krippendorff_alpha(first: pd.Series, second: pd.Series) -> float:
    """Krippendorff's alpha, nominal level, two coders, every unit coded by both."""
    cats = pd.Categorical(pd.concat([first, second], ignore_index=True))
    codes = cats.codes
    n = len(first)
    return _alpha_from_pairs(codes[:n], codes[n:], len(cats.categories))


def alpha_interval(first: pd.Series, second: pd.Series, n_boot: int = 2000, seed: int = 2015):
    """Alpha and a 95% percentile bootstrap interval over units (events)."""
    cats = pd.Categorical(pd.concat([first, second], ignore_index=True))
    codes = cats.codes
    n = len(first)
    a, b = codes[:n], codes[n:]
    k = len(cats.categories)
    alpha = _alpha_from_pairs(a, b, k)
    rng = np.random.default_rng(seed)
    boots = np.array([_alpha_from_pairs(a[i], b[i], k) for i in rng.integers(0, n, size=(n_boot, n))])
    lo, hi = np.nanpercentile(boots, [2.5, 97.5]) if np.isfinite(boots).any() else (np.nan, np.nan)
    return alpha, float(lo), float(hi)


def coding_agreement(events: pd.DataFrame, check: pd.DataFrame, n_boot: int = 2000, seed: int = 2015):
    """Alpha per field between the first coding (events) and the second (coding_check).

    Kazakh units are compared after both codings are mapped through the gazetteer, so "Kostanay"
    and "Костанайская область" agree. Returns (table, disagreements).
    """
    first = events.set_index("event_id")
    second = check.set_index("event_id")
    ids = [i for i in second.index if i in first.index]
    f, s = first.loc[ids], second.loc[ids]
    rows, dis = [], []
    for field in FIELDS:
        a, b = f[field].astype(str), s[field].astype(str)
        if field == "kz_region":
            a = a.map(gazetteer.normalize_region)
            b = b.map(gazetteer.normalize_region)
        alpha, lo, hi = alpha_interval(a.reset_index(drop=True), b.reset_index(drop=True), n_boot, seed)
        agree = float((a.to_numpy() == b.to_numpy()).mean())
        rows.append({"field": field, "n": len(ids), "agreement": round(agree, 4),
                     "alpha": round(alpha, 4), "alpha_low": round(lo, 4), "alpha_high": round(hi, 4),
                     "target": TARGETS[field], "meets_target": bool(lo >= TARGETS[field])
                     if np.isfinite(lo) else False})
        for i, x, y in zip(ids, a, b, strict=True):
            if x != y:
                dis.append({"event_id": i, "field": field, "first": x, "second": y})
    return pd.DataFrame(rows), pd.DataFrame(dis, columns=["event_id", "field", "first", "second"])
