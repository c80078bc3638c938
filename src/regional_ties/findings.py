"""Stage 5: one evaluator turns each claim record (claims.py) into a verdict, with its uncertainty.

Resampling. Each statistic depends on the events only through counts over a few categories, so
resampling the events is a multinomial draw of those counts at the observed rates. Where the number of
possible resampled tables is small (at most EXACT_LIMIT) the whole distribution is enumerated with its
multinomial probabilities: intervals and probabilities are then exact and no seed enters. Otherwise
MC_DRAWS seeded draws are used, their Monte-Carlo error is reported, and three times that error is added
to the margin, so that a verdict cannot hinge on the seed.

Decision. For each condition: `meets` when its 95% interval lies beyond the threshold by more than the
margin; `fails` when it lies on the other side by more than the margin; `straddles` when it runs across;
`borderline` when an end lies within the margin; `degenerate` when the interval cannot move (e.g. no
event of a kind at all). Outcome: `too_few_events` below the record's minimum n; `not_supported` if any
condition fails; `supported` if all meet; `inconclusive` otherwise, with the reason.
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
_DIRECTION_WORDS = {"at_least": "at least", "above": "above", "at_most": "at most", "below": "below"}


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
    rows = rng.multinomial(n, counts / n, size=draws)
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


def _interval(values, weights):
    a = (1 - LEVEL) / 2
    return weighted_quantiles(values, weights, [a, 1 - a])


def _r(x):
    return None if x is None or not np.isfinite(x) else round(float(x), 4)


def measure(record: ClaimRecord, tab: Tabulation, rng: np.random.Generator, draws: int = MC_DRAWS) -> dict:
    """Each condition's observed value, 95% interval (or probability), Monte-Carlo error and exactness."""
    out = {}
    stats = dist = None
    if tab.counts is not None and tab.statistics is not None:
        dist = resampling_distribution(tab.counts, rng, draws)
        stats = tab.statistics(dist.rows)
        observed = tab.statistics(np.asarray(tab.counts)[None, :])
    for c in record.conditions:
        if c.name in tab.fixed:
            value, lo, hi = tab.fixed[c.name]
            out[c.name] = {"value": _r(value), "low": _r(lo), "high": _r(hi), "exact": True, "mc_error": 0.0}
            continue
        if stats is None:  # nothing to resample (the claim does not apply to this setting)
            continue
        v = stats[c.name].astype(float)
        if c.summary == "probability":
            ok = ~np.isnan(v)
            p = float((v[ok] * dist.weights[ok]).sum() / dist.weights[ok].sum()) if ok.any() else float("nan")
            err = 0.0 if dist.exact else math.sqrt(max(p * (1 - p), 0) / len(v))
            out[c.name] = {"value": _r(p), "low": _r(p), "high": _r(p), "exact": dist.exact, "mc_error": _r(err)}
            continue
        lo, hi = _interval(v, dist.weights)
        err = 0.0
        if not dist.exact:
            batches = np.array([_interval(b, np.ones(len(b))) for b in np.array_split(v, MC_BATCHES)])
            with np.errstate(invalid="ignore"):
                err = float(np.nanmax(np.nanstd(batches, axis=0, ddof=1)) / math.sqrt(MC_BATCHES))
        out[c.name] = {
            "value": _r(observed[c.name][0]),
            "low": _r(lo),
            "high": _r(hi),
            "exact": dist.exact,
            "mc_error": _r(err) if np.isfinite(err) else 0.0,
        }
    return out


# ----------------------------------------------------------------------------- decision


def _ge(a: float, b: float) -> bool:
    return round(a - b, 9) >= 0


def _gt(a: float, b: float) -> bool:
    return round(a - b, 9) > 0


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
    if cond.direction in ("below", "at_most"):
        lo, hi, ts, tf = -hi, -lo, -ts, -tf
    tf = min(tf, ts)
    if cond.direction in ("above", "below"):  # strict
        if _gt(lo, ts + m):
            return "meets"
        if _ge(tf - m, hi):
            return "fails"
        if _ge(ts - m, lo) and _gt(hi, tf + m):
            return "straddles"
    else:
        if _ge(lo, ts + m):
            return "meets"
        if _gt(tf - m, hi):
            return "fails"
        if _gt(ts - m, lo) and _ge(hi, tf + m):
            return "straddles"
    return "borderline"


def judge(record: ClaimRecord, tab: Tabulation, measured: dict, cuts: dict | None = None) -> tuple[str, dict]:
    """The outcome of one claim and each condition's status; `cuts` overrides thresholds by condition name:
    {name: (threshold, fail_threshold or None)}."""
    cuts = cuts or {}
    statuses = {}
    for c in record.conditions:
        mv = measured.get(c.name)
        if c.name in tab.degenerate:
            statuses[c.name] = "degenerate"
        elif mv is None:
            statuses[c.name] = "undefined"
        else:
            ts, tf = cuts.get(c.name, (None, None))
            statuses[c.name] = condition_status(c, mv["low"], mv["high"], mv["mc_error"], ts, tf)
    if tab.not_applicable:
        return INCONCLUSIVE, statuses
    if tab.n < record.min_n:
        return TOO_FEW, statuses
    if any(s == "fails" for s in statuses.values()):
        return NOT_SUPPORTED, statuses
    if all(s == "meets" for s in statuses.values()):
        return SUPPORTED, statuses
    return INCONCLUSIVE, statuses


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
    """The smallest size on SIZE_GRID at which the observed rates would decide the claim, and how."""
    if tab.counts is None or tab.statistics is None:
        return {
            "events": None,
            "decides_as": None,
            "words": "not a sample: only more documents, or the dates of those already found, would change it",
        }
    if outcome in DECISIONS:
        return {"events": tab.n, "decides_as": outcome, "words": f"already decided with {tab.n} events"}
    if tab.n == 0:
        return {"events": None, "decides_as": None, "words": "no event to take a rate from"}
    for size in SIZE_GRID:
        if size <= tab.n or size < record.min_n:
            continue
        t = replace(tab, n=size, counts=scaled_counts(tab.counts, size))
        o, _ = judge(record, t, measure(record, t, rng, draws=10_000))
        if o in DECISIONS:
            return {
                "events": size,
                "decides_as": o,
                "words": f"about {size} events at the observed rates would decide it ({WORDS[o]})",
            }
    return {
        "events": None,
        "decides_as": None,
        "words": f"no number of events up to {SIZE_GRID[-1]} at the observed rates would decide it",
    }


# ----------------------------------------------------------------------------- variants, sweeps


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


def threshold_sweep(record: ClaimRecord, tab: Tabulation, measured: dict, outcome: str) -> list[dict]:
    """The outcome across each condition's stated range of thresholds, the other thresholds held."""
    out = []
    for c in record.conditions:
        for which, values, study in (
            ("threshold", c.sweep, c.threshold),
            ("fail_threshold", c.fail_sweep, c.fail_threshold),
        ):
            if not values or study is None:
                continue
            outcomes = []
            for v in values:
                cut = (v, None) if which == "threshold" else (c.threshold, v)
                outcomes.append(judge(record, tab, measured, {c.name: cut})[0])
            below = [o for v, o in zip(values, outcomes, strict=True) if v < study]
            above = [o for v, o in zip(values, outcomes, strict=True) if v > study]
            near = ([below[-1]] if below else []) + ([above[0]] if above else [])
            out.append(
                {
                    "condition": c.name,
                    "which": which,
                    "study_value": study,
                    "values": list(values),
                    "outcomes": outcomes,
                    "knife_edge": any(o != outcome for o in near),
                }
            )
    return out


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


def run_claim(
    record: ClaimRecord, ev: pd.DataFrame, docs: pd.DataFrame, setting: Setting, rng: np.random.Generator
) -> dict:
    """Tabulate, measure and judge one claim on one set of inputs."""
    tab = record.tabulate(ev.reset_index(drop=True), docs, setting)
    measured = measure(record, tab, rng)
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


def evaluate(
    record: ClaimRecord, processed: pd.DataFrame, docs: pd.DataFrame, setting: Setting, seed: int, salt: int
) -> dict:
    """One claim: main result, readings, data variants, threshold sweep, events needed, prose."""
    ev, s = variant_inputs("main", processed, setting)
    main = run_claim(record, ev, docs, s, _rng(seed, salt, 0))
    variants = {}
    for j, (name, words) in enumerate(record.readings.items(), start=1):
        r = run_claim(record, ev, docs, replace(s, reading=name), _rng(seed, salt, j))
        variants[name] = {"kind": "reading", "description": words, **_public(r)}
    for j, (name, words) in enumerate(DATA_VARIANTS.items(), start=10):
        vev, vs = variant_inputs(name, processed, setting)
        r = run_claim(record, vev, docs, vs, _rng(seed, salt, j))
        variants[name] = {"kind": "data", "description": words, **_public(r)}
    changes = {k: ch for k, v in variants.items() if (ch := _change(main, v))}
    sweep = threshold_sweep(record, main["_tab"], main["_measured"], main["verdict"])
    needed = events_needed(record, main["_tab"], main["verdict"], _rng(seed, salt, 99))
    result = {
        "id": record.id,
        "title": record.title,
        "claim": record.claim,
        "reading": record.reading,
        "statistic": record.statistic,
        "population": record.population,
        "rule": rule_text(record),
        "record": {
            "min_n": record.min_n,
            "why_min_n": record.why,
            "evidence": record.evidence,
            "conditions": [condition_record(c) for c in record.conditions],
        },
        **_public(main),
        "reason": reason_text(record, main),
        "events_needed": needed,
        "variants": variants,
        "variant_changes": changes,
        "sweep": sweep,
    }
    result["summary"] = summary_text(record, result)
    return result


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
    **_ignored,
) -> list[dict]:
    """Every claim on the processed events (all rows, with their flags) and the cleaned documents."""
    setting = Setting(start_year, end_year, covid_year)
    return [evaluate(rec, processed, docs, setting, seed, i) for i, rec in enumerate(claims, start=1)]


# ----------------------------------------------------------------------------- words


def fmt(kind: str, x) -> str:
    if x is None:
        return "n/a"
    if kind == "probability":
        return f"{x:.0%}"
    if kind == "count":
        return f"{x:.0f}"
    return f"{x:.2f}"


def _cut(c: Condition, x: float) -> str:
    return fmt(c.kind, x)


def rule_text(record: ClaimRecord) -> str:
    """The rule in words, generated from the record."""
    sup, fail = [], []
    for c in record.conditions:
        d = _DIRECTION_WORDS[c.direction]
        opposite = {"at_least": "below", "above": "at most", "at_most": "above", "below": "at least"}[c.direction]
        if c.summary == "probability":
            what = f"the share of resampled event sets in which {c.words}"
        elif c.summary == "interval":
            what = f"the whole 95% interval of {c.words}"
        elif c.summary == "census":
            what = f"{c.words}, counting only what the documents' dates make certain"
            sup.append(f"{what} is {d} {_cut(c, c.threshold)}")
            fail.append(
                f"{c.words}, counting all that their uncertain dates allow, is {opposite} {_cut(c, c.fail_cut)}"
            )
            continue
        else:
            what = c.words
        sup.append(f"{what} is {d} {_cut(c, c.threshold)}")
        what_f = what.replace("the whole 95% interval", "the whole 95% interval")
        fail.append(f"{what_f} is {opposite} {_cut(c, c.fail_cut)}")
    margins = sorted({(c.margin, c.kind) for c in record.conditions if c.margin})
    margin = (
        " A bound within " + " or ".join(fmt(k, m) for m, k in margins) + " of its threshold is borderline "
        "and decides nothing."
        if margins
        else ""
    )
    few = f" With fewer than {record.min_n} {record.evidence}: too few events." if record.min_n else ""
    return (
        "Supported if "
        + "; and ".join(sup)
        + ". Not supported if "
        + "; or ".join(fail)
        + "."
        + margin
        + " Otherwise inconclusive."
        + few
    )


def condition_text(c: Condition, v: dict) -> str:
    if v["value"] is None:
        return f"{c.words}: not defined on these events"
    if c.summary == "probability":
        return f"{c.words} in {fmt('probability', v['value'])} of resampled event sets"
    if c.summary == "census":
        if v["low"] == v["high"]:
            return f"{c.words}: {fmt(c.kind, v['low'])}"
        return (
            f"{c.words}: {fmt(c.kind, v['low'])} certain, up to {fmt(c.kind, v['high'])} if the documents of "
            "uncertain date were in force"
        )
    if c.summary == "fixed":
        return f"{c.words}: {fmt(c.kind, v['value'])}"
    return f"{c.words}: {fmt(c.kind, v['value'])} (95% interval {fmt(c.kind, v['low'])} to {fmt(c.kind, v['high'])})"


def reason_text(record: ClaimRecord, r: dict) -> str:
    """Why the outcome is what it is, in words."""
    if r["not_applicable"]:
        return r["not_applicable"]
    if r["verdict"] == TOO_FEW:
        return f"{r['n']} {record.evidence}, fewer than the {record.min_n} the rule needs"
    parts = []
    by_name = {c.name: c for c in record.conditions}
    for v in r["conditions"]:
        c = by_name[v["name"]]
        if v["status"] == "fails":
            parts.append(f"{c.words} is on the wrong side of {_cut(c, c.fail_cut)}")
        elif v["status"] == "meets" and r["verdict"] == SUPPORTED:
            parts.append(f"{c.words} is clear of {_cut(c, c.threshold)}")
        elif v["status"] == "straddles" and c.summary == "probability":
            parts.append(
                f"{c.words} in {fmt(c.kind, v['value'])} of resampled event sets, between the cuts of "
                f"{_cut(c, c.fail_cut)} and {_cut(c, c.threshold)}"
            )
        elif v["status"] == "straddles":
            parts.append(f"the interval of {c.words} runs across {_cut(c, c.threshold)}")
        elif v["status"] == "borderline":
            parts.append(
                f"{c.words} is borderline: an end of its interval lies within {fmt(c.kind, c.margin)} of "
                f"{_cut(c, c.threshold)}"
            )
        elif v["status"] == "degenerate":
            parts.append(f"{c.words} is degenerate: {v['degenerate']}")
        elif v["status"] == "undefined":
            parts.append(f"{c.words} is not defined on these events")
    if record.id == "C7_legal_basis" and r["detail"].get("gap_years_that_uncertain_dates_could_fill"):
        parts.append(
            "documents of uncertain date could fill the years "
            + ", ".join(map(str, r["detail"]["gap_years_that_uncertain_dates_could_fill"]))
        )
    return "; ".join(parts)


def verdict_words(f: dict) -> str:
    if f["verdict"] == TOO_FEW:
        return f"too few events (n = {f['n']})"
    if f["verdict"] == INCONCLUSIVE:
        kinds = sorted({c["status"] for c in f["conditions"] if c["status"] not in ("meets", "fails")})
        return "inconclusive" + (f" ({', '.join(kinds)})" if kinds else "")
    return WORDS[f["verdict"]]


def summary_text(record: ClaimRecord, f: dict) -> str:
    """One plain-language paragraph: what the article says, what the record shows, how sure, what would change it."""
    by_name = {c.name: c for c in record.conditions}
    shows = "; ".join(condition_text(by_name[v["name"]], v) for v in f["conditions"])
    sure = {
        SUPPORTED: "The open record supports it",
        NOT_SUPPORTED: "The open record does not support it",
        INCONCLUSIVE: "The open record cannot decide it",
        TOO_FEW: "There are too few events to decide it",
    }[f["verdict"]]
    changes = [
        f"{v['description']}: {f['variant_changes'][k]}" for k, v in f["variants"].items() if k in f["variant_changes"]
    ]
    holds = (
        "No data variant or alternative reading changes the verdict."
        if not changes
        else "It changes when " + "; when ".join(changes) + "."
    )
    edge = [s for s in f["sweep"] if s["knife_edge"]]
    edge_words = ""
    if edge:
        moves = []
        for s in edge:
            near = [(v, o) for v, o in zip(s["values"], s["outcomes"], strict=True) if o != f["verdict"]]
            v, o = min(near, key=lambda vo: abs(vo[0] - s["study_value"]))
            which = "threshold" if s["which"] == "threshold" else "cut for not supported"
            moves.append(
                f"with the {which} of the {by_name[s['condition']].short} at {v:g} instead of "
                f"{s['study_value']:g} it is {WORDS[o]}"
            )
        edge_words = " The verdict sits on a knife-edge: " + "; ".join(moves) + "."
    readings = "".join(
        f" Read instead so that {v['description']}: "
        + "; ".join(condition_text(by_name[c["name"]], c) for c in v["conditions"])
        + f" ({verdict_words(v)})."
        for v in f["variants"].values()
        if v["kind"] == "reading"
    )
    return (
        f"The article says: {record.claim} Read as: {record.reading} The open record shows ({f['n']} "
        f"{record.evidence}): {shows}. {sure}: {f['reason']}.{readings} {holds}{edge_words} What would change it: "
        f"{f['events_needed']['words']}."
    )


def data_show_words(f: dict) -> str:
    by_name = {c.name: c for rec in CLAIMS if rec.id == f["id"] for c in rec.conditions}
    out = []
    for v in f["conditions"]:
        c = by_name[v["name"]]
        if v["value"] is None:
            out.append(f"{c.short} n/a")
        elif c.summary in ("interval",):
            out.append(f"{c.short} {fmt(c.kind, v['value'])} ({fmt(c.kind, v['low'])} to {fmt(c.kind, v['high'])})")
        elif c.summary == "census" and v["low"] != v["high"]:
            out.append(f"{c.short} {fmt(c.kind, v['low'])} to {fmt(c.kind, v['high'])}")
        elif c.summary == "probability":
            out.append(f"{c.short} in {fmt(c.kind, v['value'])} of resamples")
        else:
            out.append(f"{c.short} {fmt(c.kind, v['value'])}")
    return "; ".join(out)


def verdict_table(findings: list[dict]) -> pd.DataFrame:
    rows = []
    for f in findings:
        rows.append(
            {
                "claim": f"{f['id'].split('_')[0]}: {f['title']}",
                "the article says": f["claim"],
                "the data show": data_show_words(f),
                "n": f["n"],
                "verdict": verdict_words(f),
                "changes under": "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in f["variant_changes"].items())
                or "none of the variants",
            }
        )
    return pd.DataFrame(rows)


def verdict_markdown(findings: list[dict]) -> str:
    t = verdict_table(findings)
    head = "| " + " | ".join(t.columns) + " |\n|" + "---|" * len(t.columns) + "\n"
    body = "".join(
        "| " + " | ".join(str(v).replace("|", "/") for v in row) + " |\n" for row in t.itertuples(index=False)
    )
    return head + body


def sweep_table(findings: list[dict]) -> pd.DataFrame:
    """One row per claim, threshold and value tried: the outcome at that threshold."""
    rows = []
    for f in findings:
        for s in f["sweep"]:
            for v, o in zip(s["values"], s["outcomes"], strict=True):
                rows.append(
                    {
                        "claim": f["id"],
                        "condition": s["condition"],
                        "which": s["which"],
                        "study_value": s["study_value"],
                        "value": v,
                        "verdict": o,
                        "knife_edge": s["knife_edge"],
                    }
                )
    return pd.DataFrame(rows, columns=["claim", "condition", "which", "study_value", "value", "verdict", "knife_edge"])
