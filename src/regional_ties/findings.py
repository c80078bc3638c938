"""Stage 5: one evaluator turns each claim record (claims.py) into a verdict, with its uncertainty.

Resampling. Each statistic depends on the events only through counts over a few categories, so
resampling the events is a multinomial draw of those counts at the observed rates. Where the number of
possible resampled tables is small (at most EXACT_LIMIT) the whole distribution is enumerated with its
multinomial probabilities: intervals and probabilities are then exact and no seed enters. Otherwise
MC_DRAWS seeded draws are used, their Monte-Carlo error is reported, and three times that error is added
to the margin, so that a verdict cannot hinge on the seed.

Intervals. A condition's 95% interval is the percentile interval of its resampled values, or for a
statistic whose resamples are not centred on its estimate (a minimum of shares; the unbiased Herfindahl
index, whose resamples are drawn at the observed shares and so sit above it) the percentile interval
shifted by that offset (the mean of the resampled values minus the estimate): method "shifted".

Decision. For each condition: `meets` when its 95% interval lies beyond the threshold by more than the
margin; `fails` when it lies on the other side by more than the margin; `straddles` when it runs across;
`borderline` when an end lies within the margin; `degenerate` when the interval cannot move (e.g. no
event of a kind at all). Outcome: `too_few_events` below the record's minimum n; `not_supported` if any
condition fails; `supported` if all meet; `inconclusive` otherwise, with the reason. `status_array` is
the one implementation of the cut, scalar here and vectorised over the multiverse (multiverse.py); the
words of a verdict are written by findings_text.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from . import gazetteer
from .claims import CLAIMS, ClaimRecord, Condition, Setting, Tabulation
from .stats import region_events

SUPPORTED, NOT_SUPPORTED, INCONCLUSIVE, TOO_FEW = "supported", "not_supported", "inconclusive", "too_few_events"
OUTCOMES = (SUPPORTED, NOT_SUPPORTED, INCONCLUSIVE, TOO_FEW)
DECISIONS = (SUPPORTED, NOT_SUPPORTED)
LEVEL = 0.95
EXACT_LIMIT = 200_000
MC_DRAWS = 40_000
#: Seeded draws for the multiverse's other cells (three Monte-Carlo errors widen their margins, as everywhere).
MV_DRAWS = 10_000
MC_BATCHES = 20
#: Sizes at which "events needed to decide" is tried, at the observed rates.
SIZE_GRID = (
    10,
    15,
    20,
    25,
    30,
    40,
    50,
    60,
    80,
    100,
    125,
    150,
    200,
    250,
    300,
    400,
    500,
    700,
    1000,
    1500,
    2000,
    3000,
    5000,
)
DATA_VARIANTS = {
    "state_institutions_as_non_state": "universities, theatres, schools and other state institutions counted as "
    "non-state actors",
    "two_or_more_sources": "only events that two or more sources report",
    "without_national": "events whose Kazakh party is national or spans several units left out",
    "window_widened": "the window widened by one year on each side",
}
WORDS = {
    SUPPORTED: "supported",
    NOT_SUPPORTED: "not supported",
    INCONCLUSIVE: "inconclusive",
    TOO_FEW: "too few events",
}
INTERVAL_METHODS = ("percentile", "shifted")


# ----------------------------------------------------------------------------- resampling


@lru_cache(maxsize=4096)  # the recursion asks again for the same smaller (n, k): keep them all
def compositions(n: int, k: int) -> np.ndarray:
    """Every vector of k non-negative integers summing to n (read-only)."""
    if k == 1:
        out = np.array([[n]], dtype=np.int64)
    else:
        out = np.vstack(
            [
                np.column_stack([np.full(len(r), first, dtype=np.int64), r])
                for first in range(n + 1)
                for r in (compositions(n - first, k - 1),)
            ]
        )
    out.setflags(write=False)
    return out


@dataclass
class Distribution:
    rows: np.ndarray
    weights: np.ndarray
    exact: bool


def resampling_distribution(counts: np.ndarray, rng: np.random.Generator, draws: int = MC_DRAWS) -> Distribution:
    """The distribution of resampled counts: multinomial(n, counts / n), enumerated when small enough."""
    counts = np.asarray(counts, dtype=np.int64)
    n, k = int(counts.sum()), len(counts)
    nz = np.flatnonzero(counts)
    if n == 0:
        return Distribution(counts[None, :], np.ones(1), True)
    if math.comb(n + len(nz) - 1, len(nz) - 1) <= EXACT_LIMIT:
        sub = compositions(n, len(nz))
        logp = np.log(counts[nz] / n)
        logfact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])
        logw = logfact[n] - logfact[sub].sum(axis=1) + (sub * logp).sum(axis=1)
        rows = np.zeros((len(sub), k), dtype=np.int64)
        rows[:, nz] = sub
        return Distribution(rows, np.exp(logw), True)
    rows = np.zeros((draws, k), dtype=np.int64)  # drawn over the observed categories only: the others stay 0
    rows[:, nz] = rng.multinomial(n, counts[nz] / n, size=draws)
    return Distribution(rows, np.ones(draws), False)


def weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs) -> list[float]:
    """Inverted-CDF quantiles of a discrete distribution; undefined values (NaN) left out; NaN if none."""
    ok = ~np.isnan(values)
    v, w = values[ok], weights[ok]
    if not len(v):
        return [float("nan")] * len(qs)
    order = np.argsort(v, kind="stable")
    v, w = v[order], w[order]
    cdf = np.cumsum(w) / w.sum()
    return [float(v[min(int(np.searchsorted(cdf, q - 1e-12)), len(v) - 1)]) for q in qs]


def _interval(values, weights) -> list[float]:
    """The 95% percentile interval of a statistic from its weighted resampled values. A condition whose
    method is "shifted" moves it by the resampling bias (the weighted mean of the resampled values minus the
    estimate), so that an estimate whose resamples sit to one side of it is not carried with them."""
    a = (1 - LEVEL) / 2
    return weighted_quantiles(values, weights, [a, 1 - a])


def _r(x):
    return None if x is None or not np.isfinite(x) else round(float(x), 4)


def measure(
    record: ClaimRecord,
    tab: Tabulation,
    rng: np.random.Generator,
    draws: int = MC_DRAWS,
    conditions: tuple[Condition, ...] | None = None,
    methods: tuple[str, ...] | None = None,
    dist: Distribution | None = None,
) -> dict:
    """Each condition's observed value, 95% interval (or probability), Monte-Carlo error and exactness.

    `conditions` defaults to the record's; each interval uses the condition's own method, or, when `methods`
    is given, each of those methods: the result is then {method: {condition: measured}}. `dist`: the
    resampling distribution of these counts when already drawn (the multiverse shares it between cells)."""
    conditions = record.conditions if conditions is None else conditions
    by_method = {m: {} for m in (methods or ("own",))}
    stats = None
    if tab.counts is not None and tab.statistics is not None:
        dist = dist if dist is not None else resampling_distribution(tab.counts, rng, draws)
        stats = tab.statistics(dist.rows)
        observed = tab.statistics(np.asarray(tab.counts)[None, :])
    for c in conditions:
        if c.name in tab.fixed:
            value, lo, hi = tab.fixed[c.name]
            for out in by_method.values():
                out[c.name] = {"value": _r(value), "low": _r(lo), "high": _r(hi), "exact": True, "mc_error": 0.0}
            continue
        if stats is None:  # nothing to resample (the claim does not apply to this setting)
            continue
        v = stats[c.name].astype(float)
        if c.summary == "probability":
            ok = ~np.isnan(v)
            p = float((v[ok] * dist.weights[ok]).sum() / dist.weights[ok].sum()) if ok.any() else float("nan")
            err = 0.0 if dist.exact else math.sqrt(max(p * (1 - p), 0) / len(v))
            for out in by_method.values():
                out[c.name] = {"value": _r(p), "low": _r(p), "high": _r(p), "exact": dist.exact, "mc_error": _r(err)}
            continue
        estimate = float(observed[c.name][0])
        lo, hi = _interval(v, dist.weights)
        err = 0.0
        if not dist.exact:
            batches = np.array([_interval(b, np.ones(len(b))) for b in np.array_split(v, MC_BATCHES)])
            with np.errstate(invalid="ignore"):
                err = float(np.nanmax(np.nanstd(batches, axis=0, ddof=1)) / math.sqrt(MC_BATCHES))
        ok = ~np.isnan(v)
        bias = float((v[ok] * dist.weights[ok]).sum() / dist.weights[ok].sum()) - estimate if ok.any() else 0.0
        for m, out in by_method.items():
            method = c.interval if m == "own" else m
            if method not in INTERVAL_METHODS:
                raise ValueError(f"unknown interval method {method!r}: choose one of {INTERVAL_METHODS}")
            shift = bias if method == "shifted" and np.isfinite(estimate) and np.isfinite(bias) else 0.0
            out[c.name] = {
                "value": _r(estimate),
                "low": _r(lo - shift),
                "high": _r(hi - shift),
                "exact": dist.exact,
                "mc_error": _r(err) if np.isfinite(err) else 0.0,
            }
    return by_method if methods else by_method["own"]


# ----------------------------------------------------------------------------- decision


STATUSES = ("meets", "fails", "straddles", "borderline", "undefined")


def status_array(lo, hi, threshold, fail_threshold, margin, direction) -> np.ndarray:
    """Vectorised status codes (indices into STATUSES) of intervals [lo, hi] against cuts; every argument
    broadcasts. `direction` is one of "at_least", "above", "at_most", "below" (an array of them works too).

    The supported side: the whole interval beyond `threshold` by more than `margin` (an end exactly at
    threshold + margin meets for an inclusive direction, at_least / at_most, not for a strict one); the other
    side the same against `fail_threshold`; an interval across both cuts straddles; anything else (an end
    within the margin of a cut) is borderline. A missing interval is undefined."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    ts, tf = np.asarray(threshold, dtype=float), np.asarray(fail_threshold, dtype=float)
    m = np.asarray(margin, dtype=float)
    direction = np.asarray(direction)
    down = np.isin(direction, ("below", "at_most"))
    strict = np.isin(direction, ("above", "below"))
    lo, hi = np.where(down, -hi, lo), np.where(down, -lo, hi)
    ts, tf = np.where(down, -ts, ts), np.where(down, -tf, tf)
    tf = np.minimum(tf, ts)

    def ge(x):
        return np.round(x, 9) >= 0

    def gt(x):
        return np.round(x, 9) > 0

    meets = np.where(strict, gt(lo - (ts + m)), ge(lo - (ts + m)))
    fails = np.where(strict, ge((tf - m) - hi), gt((tf - m) - hi))
    straddles = np.where(strict, ge((ts - m) - lo) & gt(hi - (tf + m)), gt((ts - m) - lo) & ge(hi - (tf + m)))
    out = np.select([meets, fails, straddles], [0, 1, 2], 3)
    return np.where(np.isnan(lo) | np.isnan(hi), 4, out)


def condition_status(
    cond: Condition, lo, hi, mc_error: float = 0.0, threshold: float | None = None, fail_threshold: float | None = None
) -> str:
    """meets / fails / straddles / borderline / undefined, for one condition's interval [lo, hi]."""
    if lo is None or hi is None:
        return "undefined"
    ts = cond.threshold if threshold is None else threshold
    tf = cond.fail_cut if fail_threshold is None else fail_threshold
    if threshold is not None and fail_threshold is None and cond.fail_threshold is None:
        tf = ts
    m = cond.margin + 3 * (mc_error or 0.0)
    return STATUSES[int(status_array(lo, hi, ts, tf, m, cond.direction))]


def combine(statuses, n: int, min_n: int, not_applicable: bool = False) -> str:
    """A claim's outcome from its conditions' statuses."""
    if not_applicable:
        return INCONCLUSIVE
    if n < min_n:
        return TOO_FEW
    if any(s == "fails" for s in statuses):
        return NOT_SUPPORTED
    if all(s == "meets" for s in statuses):
        return SUPPORTED
    return INCONCLUSIVE


def judge(
    record: ClaimRecord,
    tab: Tabulation,
    measured: dict,
    cuts: dict | None = None,
    conditions: tuple[Condition, ...] | None = None,
) -> tuple[str, dict]:
    """The outcome of one claim and each condition's status; `cuts` overrides thresholds by condition name:
    {name: (threshold, fail_threshold or None)}; `conditions` replaces the record's (e.g. its first rule)."""
    cuts = cuts or {}
    statuses = {}
    for c in record.conditions if conditions is None else conditions:
        mv = measured.get(c.name)
        if c.name in tab.degenerate:
            statuses[c.name] = "degenerate"
        elif mv is None:
            statuses[c.name] = "undefined"
        else:
            ts, tf = cuts.get(c.name, (None, None))
            statuses[c.name] = condition_status(c, mv["low"], mv["high"], mv["mc_error"], ts, tf)
    return combine(list(statuses.values()), tab.n, record.min_n, bool(tab.not_applicable)), statuses


# ----------------------------------------------------------------------------- what would decide it


def scaled_counts(counts: np.ndarray, size: int) -> np.ndarray:
    """Counts at the observed rates for `size` events (largest remainders, ties to the first category)."""
    counts = np.asarray(counts, dtype=float)
    exact = counts / counts.sum() * size
    out = np.floor(exact).astype(np.int64)
    rest = size - int(out.sum())
    order = np.argsort(-(exact - out), kind="stable")
    out[order[:rest]] += 1
    return out


def events_needed(record: ClaimRecord, tab: Tabulation, outcome: str, rng: np.random.Generator) -> dict:
    """The smallest size on SIZE_GRID at which the observed rates would decide the claim, and how.

    case: "census" (documents, not a sample), "decided", "no_rate" (no event), "size" (decided at `events`),
    "none" (no size on the grid decides it)."""
    if tab.counts is None or tab.statistics is None:
        return {"events": None, "decides_as": None, "case": "census"}
    if outcome in DECISIONS:
        return {"events": tab.n, "decides_as": outcome, "case": "decided"}
    if tab.n == 0:
        return {"events": None, "decides_as": None, "case": "no_rate"}
    for size in SIZE_GRID:
        if size <= tab.n or size < record.min_n:
            continue
        t = replace(tab, n=size, counts=scaled_counts(tab.counts, size))
        o, _ = judge(record, t, measure(record, t, rng, draws=10_000))
        if o in DECISIONS:
            return {"events": size, "decides_as": o, "case": "size"}
    return {"events": None, "decides_as": None, "case": "none"}


# ----------------------------------------------------------------------------- data variants


def variant_inputs(name: str, processed: pd.DataFrame, setting: Setting) -> tuple[pd.DataFrame, Setting]:
    base = region_events(processed)
    in_window = base[base["year"].astype(int).between(setting.start_year, setting.end_year)]
    if name == "main":
        return in_window, setting
    if name == "state_institutions_as_non_state":
        return in_window, replace(setting, state_institutions_as="non_state")
    if name == "two_or_more_sources":
        return in_window[in_window["n_sources"].astype(int) >= 2], setting
    if name == "without_national":
        return in_window[in_window["kz_unit"] != gazetteer.NATIONAL], setting
    if name == "window_widened":
        wide = replace(setting, start_year=setting.start_year - 1, end_year=setting.end_year + 1)
        return base[base["year"].astype(int).between(wide.start_year, wide.end_year)], wide
    raise ValueError(f"unknown variant {name!r}")


def _change(main: dict, var: dict) -> str | None:
    if var["verdict"] == main["verdict"]:
        return None
    if var["verdict"] == TOO_FEW:
        return f"too few events (n = {var['n']})"
    if main["verdict"] in DECISIONS and var["verdict"] in DECISIONS:
        return f"reverses to {WORDS[var['verdict']]}"
    return f"becomes {WORDS[var['verdict']]}"


def _rng(seed: int, *salt: int) -> np.random.Generator:
    return np.random.default_rng([seed, *salt])


def _result(record: ClaimRecord, tab: Tabulation, measured: dict) -> dict:
    """Judge one claim's measured conditions; the result's public keys plus the tabulation and measures."""
    outcome, statuses = judge(record, tab, measured)
    conds = []
    for c in record.conditions:
        mv = measured.get(c.name, {"value": None, "low": None, "high": None, "exact": True, "mc_error": 0.0})
        conds.append({"name": c.name, **mv, "status": statuses[c.name], "degenerate": tab.degenerate.get(c.name)})
    return {
        "n": tab.n,
        "verdict": outcome,
        "conditions": conds,
        "detail": tab.detail,
        "not_applicable": tab.not_applicable or None,
        "_tab": tab,
        "_measured": measured,
    }


def run_claim(
    record: ClaimRecord, ev: pd.DataFrame, docs: pd.DataFrame, setting: Setting, rng: np.random.Generator
) -> dict:
    """Tabulate, measure and judge one claim on one set of inputs."""
    tab = record.tabulate(ev.reset_index(drop=True), docs, setting)
    return _result(record, tab, measure(record, tab, rng))


def evaluate(
    record: ClaimRecord, processed: pd.DataFrame, docs: pd.DataFrame, setting: Setting, seed: int, salt: int
) -> dict:
    """One claim: the headline result, readings, data variants and the multiverse (the resampling done once per
    cell of the multiverse and shared by all), and the events needed. The words are added by findings_text."""
    from . import multiverse  # the multiverse judges with this module's status_array

    cells = multiverse.cells(record, processed, docs, setting, seed, salt)

    def cell(variant="main", window="study", reading="main"):
        c = next(c for c in cells if (c.rule, c.variant, c.window, c.reading) == ("current", variant, window, reading))
        own = multiverse._own_method(record.conditions)
        return _result(record, c.tab, c.measured[own])

    main = cell()
    variants = {}
    for name, words in record.readings.items():
        variants[name] = {"kind": "reading", "description": words, **_public(cell(reading=name))}
    for name, words in DATA_VARIANTS.items():
        r = cell(window="widened") if name == "window_widened" else cell(variant=name if record.evidence == "events"
                                                                          else "main")
        variants[name] = {"kind": "data", "description": words, **_public(r)}
    changes = {k: ch for k, v in variants.items() if (ch := _change(main, v))}
    grid = multiverse.grid(record, cells)
    needed = events_needed(record, main["_tab"], main["verdict"], _rng(seed, salt, 99))
    return {
        "id": record.id,
        "title": record.title,
        "claim": record.claim,
        "reading": record.reading,
        "statistic": record.statistic,
        "population": record.population,
        "record": {
            "min_n": record.min_n,
            "why_min_n": record.why,
            "evidence": record.evidence,
            "conditions": [condition_record(c) for c in record.conditions],
            "first_rule": [condition_record(c) for c in record.first_rule],
            "first_reading": record.first_reading,
        },
        **_public(main),
        "events_needed": needed,
        "variants": variants,
        "variant_changes": changes,
        "multiverse": multiverse.summary(grid),
        "_grid": grid,
    }


def _public(r: dict) -> dict:
    return {
        "n": r["n"],
        "verdict": r["verdict"],
        "conditions": r["conditions"],
        "detail": r["detail"],
        "not_applicable": r["not_applicable"],
    }


def condition_record(c: Condition) -> dict:
    return {
        "name": c.name,
        "words": c.words,
        "summary": c.summary,
        "direction": c.direction,
        "threshold": c.threshold,
        "fail_threshold": c.fail_threshold,
        "margin": c.margin,
        "sweep": list(c.sweep),
        "fail_sweep": list(c.fail_sweep),
        "interval": c.interval,
        "why": c.why,
        "kind": c.kind,
    }


def evaluate_claims(
    processed: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    start_year: int,
    end_year: int,
    covid_year: int = 2020,
    seed: int = 2015,
    claims: tuple[ClaimRecord, ...] = CLAIMS,
    partners: tuple[str, ...] | None = None,
    areas: tuple[str, ...] | None = None,
    **_ignored,
) -> list[dict]:
    """Every claim on the processed events (all rows, with their flags) and the cleaned documents: numbers
    only; findings_text.describe adds the words. Each result keeps its multiverse grid under "_grid".
    `partners` and `areas`: those the article names (the study file's; None: `Setting`'s default, the
    Sverdlovsk article's); `claims`: the records, with the study's words (claims.worded)."""
    setting = Setting(start_year, end_year, covid_year)
    if partners is not None:
        setting = replace(setting, partners=tuple(partners))
    if areas is not None:
        setting = replace(setting, areas=tuple(areas))
    return [evaluate(rec, processed, docs, setting, seed, i) for i, rec in enumerate(claims, start=1)]


def multiverse_table(findings: list[dict]) -> pd.DataFrame:
    """Every specification of every claim, one row each (reports/tables/multiverse.csv)."""
    from . import multiverse

    frames = [f["_grid"] for f in findings if "_grid" in f]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=multiverse.COLUMNS)


