"""Stage 5: test each of the article's claims against the data, with uncertainty and sensitivity.

Every claim states its rule before anything is computed: the statistic, its threshold and what
makes the verdict `supported`, `not_supported` or `inconclusive`. Uncertainty comes from a seeded
bootstrap over events; because each statistic depends on the events only through the counts of
a categorical variable, resampling events is done exactly as a multinomial draw of those counts.
Each claim is re-run under sensitivity variants, and a verdict that flips under one says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import gazetteer
from .clean import sector_of
from .contract import AREAS, ARTICLE_AREAS, AUTHORITY_KINDS
from .stats import region_events

SUPPORTED, NOT_SUPPORTED, INCONCLUSIVE = "supported", "not_supported", "inconclusive"
MIN_EVENTS = 10  # below this many events a claim is inconclusive: the bootstrap cannot decide
KEY_PARTNERS = ("kostanay", "akmola", "north_kazakhstan", "astana", "almaty_city")
CONCENTRATION_THRESHOLD = 0.15
VARIANTS = {
    "state_institutions_as_non_state": "state institutions (universities, theatres, schools) counted as non-state",
    "two_or_more_sources": "only events reported by two or more sources",
    "without_national": "events coded 'national / several' left out",
    "window_widened": "the window widened by one year on each side",
}


@dataclass
class Context:
    start_year: int
    end_year: int
    covid_year: int
    n_boot: int
    seed: int
    state_institutions_as: str = "state"


@dataclass
class Result:
    statistic: str
    value: float | None
    interval: tuple[float, float] | None
    n: int
    verdict: str
    detail: dict


def _rng(ctx: Context, salt: int) -> np.random.Generator:
    return np.random.default_rng([ctx.seed, salt])


def _boot_counts(codes: np.ndarray, k: int, ctx: Context, salt: int) -> tuple[np.ndarray, np.ndarray]:
    """Observed counts over k categories and a (n_boot, k) array of bootstrap counts."""
    counts = np.bincount(codes, minlength=k).astype(float)
    n = counts.sum()
    draws = _rng(ctx, salt).multinomial(int(n), counts / n, size=ctx.n_boot).astype(float)
    return counts, draws


def _ci(x: np.ndarray) -> tuple[float, float]:
    if np.isnan(x).all():  # the statistic is undefined in every resample (e.g. no event in a period)
        return float("nan"), float("nan")
    lo, hi = np.nanpercentile(x, [2.5, 97.5])
    return round(float(lo), 4), round(float(hi), 4)


def _few(stat: str, n: int) -> Result:
    return Result(stat, None, None, n, INCONCLUSIVE, {"reason": f"fewer than {MIN_EVENTS} events"})


def _three_way(lo: float, hi: float, threshold: float) -> str:
    if lo >= threshold:
        return SUPPORTED
    if hi < threshold:
        return NOT_SUPPORTED
    return INCONCLUSIVE


# ----------------------------------------------------------------------------- the claims


def claim_areas(ev: pd.DataFrame, docs: pd.DataFrame, ctx: Context) -> Result:
    stat = "share of events in education (education ranked first in the bootstrap; five-area share)"
    n = len(ev)
    if n < MIN_EVENTS:
        return _few(stat, n)
    codes = pd.Categorical(ev["area"], categories=AREAS).codes
    counts, draws = _boot_counts(codes, len(AREAS), ctx, 1)
    edu = AREAS.index("education")
    others = np.delete(draws, edu, axis=1)
    p_top = float((draws[:, edu] > others.max(axis=1)).mean())
    five = [AREAS.index(a) for a in ARTICLE_AREAS]
    five_share = draws[:, five].sum(axis=1) / n
    five_lo, five_hi = _ci(five_share)
    if p_top >= 0.9 and five_lo >= 0.75:
        verdict = SUPPORTED
    elif p_top < 0.5 or five_hi < 0.75:
        verdict = NOT_SUPPORTED
    else:
        verdict = INCONCLUSIVE
    ranking = sorted(AREAS, key=lambda a: (-counts[AREAS.index(a)], a))
    return Result(stat, round(counts[edu] / n, 4), _ci(draws[:, edu] / n), n, verdict, {
        "p_education_first": round(p_top, 4),
        "five_area_share": round(float(counts[five].sum() / n), 4),
        "five_area_share_interval": [five_lo, five_hi],
        "ranking": ranking,
    })


def claim_partners(ev: pd.DataFrame, docs: pd.DataFrame, ctx: Context) -> Result:
    stat = "share of single-unit events with one of the five named partners"
    sub = ev[ev["kz_unit"] != gazetteer.NATIONAL]
    n = len(sub)
    if n < MIN_EVENTS:
        return _few(stat, n)
    keys = list(gazetteer.SUBNATIONAL_KEYS)
    codes = pd.Categorical(sub["kz_unit"], categories=keys).codes
    counts, draws = _boot_counts(codes, len(keys), ctx, 2)
    named = [keys.index(k) for k in KEY_PARTNERS]
    share = draws[:, named].sum(axis=1) / n
    lo, hi = _ci(share)
    # rank 1 = most events; ties share the better rank
    obs_rank = pd.Series(counts).rank(ascending=False, method="min").to_numpy()
    in_top5 = int((obs_rank[named] <= 5).sum())
    boot_rank = (-draws).argsort(axis=1).argsort(axis=1) + 1
    p_top5 = {k: round(float((boot_rank[:, keys.index(k)] <= 5).mean()), 4) for k in KEY_PARTNERS}
    if lo >= 0.5 and in_top5 >= 4:
        verdict = SUPPORTED
    elif hi < 0.5 or in_top5 <= 2:
        verdict = NOT_SUPPORTED
    else:
        verdict = INCONCLUSIVE
    top = sorted(keys, key=lambda k: (-counts[keys.index(k)], gazetteer.UNITS[k].iso))[:5]
    return Result(stat, round(float(counts[named].sum() / n), 4), (lo, hi), n, verdict, {
        "named_units_in_observed_top_five": in_top5,
        "observed_top_five": top,
        "p_in_top_five": p_top5,
    })


def claim_state_and_non_state(ev: pd.DataFrame, docs: pd.DataFrame, ctx: Context) -> Result:
    stat = "smallest share of state or non-state actors on either side"
    ru = sector_of(ev["ru_actor_kind"], ctx.state_institutions_as)
    kz = sector_of(ev["kz_actor_kind"], ctx.state_institutions_as)
    keep = ru.isin(["state", "non_state"]) & kz.isin(["state", "non_state"])
    n = int(keep.sum())
    if n < MIN_EVENTS:
        return _few(stat, n)
    codes = ((ru[keep] == "non_state").astype(int) * 2 + (kz[keep] == "non_state").astype(int)).to_numpy()
    counts, draws = _boot_counts(codes, 4, ctx, 3)

    def min_share(c):
        c = np.atleast_2d(c)
        ru_ns = (c[:, 2] + c[:, 3]) / n
        kz_ns = (c[:, 1] + c[:, 3]) / n
        return np.minimum.reduce([ru_ns, 1 - ru_ns, kz_ns, 1 - kz_ns])

    lo, hi = _ci(min_share(draws))
    return Result(stat, round(float(min_share(counts)[0]), 4), (lo, hi), n, _three_way(lo, hi, 0.10), {
        "ru_side_non_state_share": round(float((counts[2] + counts[3]) / n), 4),
        "kz_side_non_state_share": round(float((counts[1] + counts[3]) / n), 4),
        "threshold": 0.10,
    })


def claim_from_within(ev: pd.DataFrame, docs: pd.DataFrame, ctx: Context) -> Result:
    stat = "share of events with no government authority on either side"
    n = len(ev)
    if n < MIN_EVENTS:
        return _few(stat, n)
    led = ev["ru_actor_kind"].isin(AUTHORITY_KINDS) | ev["kz_actor_kind"].isin(AUTHORITY_KINDS)
    counts, draws = _boot_counts((~led).astype(int).to_numpy(), 2, ctx, 4)
    lo, hi = _ci(draws[:, 1] / n)
    verdict = SUPPORTED if lo > 0.5 else NOT_SUPPORTED if hi < 0.5 else INCONCLUSIVE
    return Result(stat, round(float(counts[1] / n), 4), (lo, hi), n, verdict, {"threshold": 0.5})


def claim_covid_break(ev: pd.DataFrame, docs: pd.DataFrame, ctx: Context) -> Result:
    stat = f"events in {ctx.covid_year} relative to the mean of the window's earlier years"
    n = len(ev)
    before_years = ctx.covid_year - ctx.start_year
    if not (ctx.start_year < ctx.covid_year <= ctx.end_year):
        return Result(stat, None, None, n, INCONCLUSIVE, {"reason": "the COVID year is not inside the window"})
    if n < MIN_EVENTS:
        return _few(stat, n)
    year = ev["year"].astype(int)
    period = np.select([year < ctx.covid_year, year == ctx.covid_year], [0, 1], 2)
    online = ev["format"].isin(["online", "hybrid"]).astype(int).to_numpy()
    counts, draws = _boot_counts(period * 2 + online, 6, ctx, 5)

    def parts(c):
        c = np.atleast_2d(c)
        pre, cov = c[:, 0] + c[:, 1], c[:, 2] + c[:, 3]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = cov / (pre / before_years)
            diff = c[:, 3] / cov - c[:, 1] / pre
        return ratio, diff

    ratio, diff = parts(counts)
    b_ratio, b_diff = parts(draws)
    r_lo, r_hi = _ci(b_ratio)
    d_lo, d_hi = _ci(b_diff)
    if r_hi < 1 and d_lo > 0:
        verdict = SUPPORTED
    elif r_lo >= 1 or d_hi <= 0:
        verdict = NOT_SUPPORTED
    else:
        verdict = INCONCLUSIVE
    return Result(stat, round(float(ratio[0]), 4), (r_lo, r_hi), n, verdict, {
        "events_covid_year": int(counts[2] + counts[3]),
        "mean_events_per_earlier_year": round(float((counts[0] + counts[1]) / before_years), 4),
        "online_share_change": None if np.isnan(diff[0]) else round(float(diff[0]), 4),
        "online_share_change_interval": [d_lo, d_hi],
    })


def _normalized_hhi(c: np.ndarray) -> np.ndarray:
    c = np.atleast_2d(c)
    k = c.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        s = c / c.sum(axis=1, keepdims=True)
    return ((s**2).sum(axis=1) - 1 / k) / (1 - 1 / k)


def claim_concentration(ev: pd.DataFrame, docs: pd.DataFrame, ctx: Context) -> Result:
    stat = "smaller of the normalised Herfindahl indices over partner units and over areas"
    n = len(ev)
    keys = list(gazetteer.SUBNATIONAL_KEYS)
    single = ev["kz_unit"] != gazetteer.NATIONAL
    if int(single.sum()) < MIN_EVENTS:
        return _few(stat, int(single.sum()))
    # a joint category (unit or national) x area, so both indices come from one resample of events
    unit_codes = pd.Categorical(ev["kz_unit"], categories=keys + [gazetteer.NATIONAL]).codes
    area_codes = pd.Categorical(ev["area"], categories=AREAS).codes
    joint = unit_codes * len(AREAS) + area_codes
    counts, draws = _boot_counts(joint, (len(keys) + 1) * len(AREAS), ctx, 6)

    def both(c):
        c = np.atleast_2d(c).reshape(-1, len(keys) + 1, len(AREAS))
        units = c[:, : len(keys), :].sum(axis=2)
        areas = c.sum(axis=1)
        return _normalized_hhi(units), _normalized_hhi(areas)

    hu, ha = both(counts)
    bu, ba = both(draws)
    lo, hi = _ci(np.minimum(bu, ba))
    return Result(stat, round(float(min(hu[0], ha[0])), 4), (lo, hi), n,
                  _three_way(lo, hi, CONCENTRATION_THRESHOLD), {
        "normalised_hhi_units": round(float(hu[0]), 4),
        "normalised_hhi_areas": round(float(ha[0]), 4),
        "threshold": CONCENTRATION_THRESHOLD,
        "units_with_no_event": int((counts.reshape(len(keys) + 1, -1)[: len(keys)].sum(axis=1) == 0).sum()),
    })


def legal_coverage(docs: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """For each year of the window: how many national and regional documents were in force."""
    fs = pd.to_numeric(docs["force_start"], errors="coerce")
    fe = pd.to_numeric(docs["force_end"], errors="coerce")
    national = docs["level"] == "national"
    regional = docs["level"].isin(["regional", "municipal"])
    rows = []
    for y in range(start_year, end_year + 1):
        active = (fs <= y) & (fe.isna() | (fe >= y))
        rows.append((y, int((active & national).sum()), int((active & regional).sum())))
    return pd.DataFrame(rows, columns=["year", "national_in_force", "regional_in_force"])


def claim_legal_basis(ev: pd.DataFrame, docs: pd.DataFrame, ctx: Context) -> Result:
    stat = "share of window years with a national and a regional document in force"
    cov = legal_coverage(docs, ctx.start_year, ctx.end_year)
    covered = (cov["national_in_force"] > 0) & (cov["regional_in_force"] > 0)
    value = round(float(covered.mean()), 4)
    undated = int(pd.to_numeric(docs["force_start"], errors="coerce").isna().sum())
    if value == 1.0:
        verdict = SUPPORTED
    elif undated:
        verdict = INCONCLUSIVE
    else:
        verdict = NOT_SUPPORTED
    return Result(stat, value, None, len(docs), verdict, {
        "years_without_national": cov.loc[cov["national_in_force"] == 0, "year"].tolist(),
        "years_without_regional": cov.loc[cov["regional_in_force"] == 0, "year"].tolist(),
        "documents_without_dates": undated,
    })


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    rule: str
    test: Callable[[pd.DataFrame, pd.DataFrame, Context], Result]


CLAIMS = (
    Claim("C1_areas", "Education, arts, tourism, media and youth policy are the main areas; education is the "
          "most intensive.",
          "Supported if education has strictly more events than any other area in at least 90% of bootstrap "
          "resamples and the five named areas hold at least 75% of events (lower 95% bound); not supported if "
          "education comes first in under 50% of resamples or the upper bound of the five-area share is under "
          "75%; inconclusive otherwise or with fewer than 10 events.", claim_areas),
    Claim("C2_partners", "Kostanay, Akmola and North Kazakhstan regions, Astana and Almaty are the key partners.",
          "Among events with a single Kazakh unit: supported if the five named units hold at least half of the "
          "events (lower 95% bound >= 0.5) and at least four of them rank in the observed top five; not "
          "supported if the upper bound is under 0.5 or at most two rank in the top five; inconclusive "
          "otherwise or with fewer than 10 events.", claim_partners),
    Claim("C3_state_and_non_state", "State and non-state institutions both play a role, on both sides.",
          "For each side, the shares of events whose actor is state and non-state; the statistic is the "
          "smallest of the four. Supported if its lower 95% bound is at least 0.10, not supported if its upper "
          "bound is under 0.10, inconclusive otherwise or with fewer than 10 events with known sectors.",
          claim_state_and_non_state),
    Claim("C4_from_within", "The ties grow from within, from institutions and society, not imposed by the states.",
          "Share of events in which no government authority (federal, regional or municipal) takes part on "
          "either side. Supported if its lower 95% bound is above 0.5, not supported if its upper bound is under "
          "0.5, inconclusive otherwise or with fewer than 10 events.", claim_from_within),
    Claim("C5_covid_break", "2020, the first COVID-19 year, broke the pattern: fewer events, more of them online.",
          "Events in the COVID year divided by the mean per earlier window year, and the change in the share "
          "online or hybrid. Supported if the ratio's upper 95% bound is under 1 and the online change's lower "
          "bound is above 0; not supported if the ratio's lower bound is at least 1 or the online change's upper "
          "bound is at most 0; inconclusive otherwise or with fewer than 10 events.", claim_covid_break),
    Claim("C6_concentration", "The ties are concentrated by area and by partner, hence the call to diversify and "
          "widen them.",
          "Normalised Herfindahl index ((H - 1/k) / (1 - 1/k)) over the 17 units (single-unit events) and over "
          "the six areas; the statistic is the smaller. Supported if its lower 95% bound is at least 0.15 "
          "(moderate concentration), not supported if its upper bound is under 0.15, inconclusive otherwise or "
          "with fewer than 10 single-unit events.", claim_concentration),
    Claim("C7_legal_basis", "A legal basis at the national and the regional level was in force throughout the "
          "window.",
          "Share of window years in which at least one national and at least one regional or municipal "
          "document were in force (open-ended documents count as in force). Supported if every year is covered; "
          "inconclusive if not, while some document lacks dates; not supported otherwise. No bootstrap: the "
          "documents are a census of what was found.", claim_legal_basis),
)


def _variant_inputs(name: str, processed: pd.DataFrame, ctx: Context) -> tuple[pd.DataFrame, Context]:
    base = region_events(processed)
    in_window = base[base["year"].astype(int).between(ctx.start_year, ctx.end_year)]
    if name == "main":
        return in_window, ctx
    if name == "state_institutions_as_non_state":
        return in_window, replace(ctx, state_institutions_as="non_state")
    if name == "two_or_more_sources":
        return in_window[in_window["n_sources"].astype(int) >= 2], ctx
    if name == "without_national":
        return in_window[in_window["kz_unit"] != gazetteer.NATIONAL], ctx
    if name == "window_widened":
        wide = replace(ctx, start_year=ctx.start_year - 1, end_year=ctx.end_year + 1)
        return base[base["year"].astype(int).between(wide.start_year, wide.end_year)], wide
    raise ValueError(f"unknown variant {name!r}")


def _finite_or_none(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else x


def _interval(r: Result):
    if not r.interval or any(_finite_or_none(v) is None for v in r.interval):
        return None
    return list(r.interval)


def _result_dict(r: Result) -> dict:
    return {
        "statistic": r.statistic,
        "value": _finite_or_none(r.value),
        "interval": _interval(r),
        "n": r.n,
        "verdict": r.verdict,
        "detail": r.detail,
    }


def evaluate_claims(processed: pd.DataFrame, docs: pd.DataFrame, *, start_year: int, end_year: int,
                    covid_year: int = 2020, n_boot: int = 2000, seed: int = 2015) -> list[dict]:
    """Test every claim on the processed events (all rows, with their flags) and cleaned documents."""
    ctx = Context(start_year, end_year, covid_year, n_boot, seed)
    out = []
    for claim in CLAIMS:
        ev, c = _variant_inputs("main", processed, ctx)
        main = claim.test(ev.reset_index(drop=True), docs, c)
        variants = {}
        for name, description in VARIANTS.items():
            vev, vctx = _variant_inputs(name, processed, ctx)
            r = claim.test(vev.reset_index(drop=True), docs, vctx)
            variants[name] = {"description": description, "value": _finite_or_none(r.value),
                              "interval": _interval(r), "n": r.n,
                              "verdict": r.verdict}
        flips = sorted(k for k, v in variants.items() if v["verdict"] != main.verdict)
        out.append({"id": claim.id, "claim": claim.claim, "rule": claim.rule, **_result_dict(main),
                    "variants": variants, "flips_under": flips})
    return out


def verdict_table(findings: list[dict]) -> pd.DataFrame:
    rows = []
    for f in findings:
        iv = f["interval"]
        rows.append({
            "claim": f["id"],
            "the article says": f["claim"],
            "the data show": ("n/a" if f["value"] is None else f"{f['value']:.3f}")
            + (f" [{iv[0]:.3f}, {iv[1]:.3f}]" if iv else ""),
            "n": f["n"],
            "verdict": f["verdict"],
            "flips under": ", ".join(f["flips_under"]) or "none",
        })
    return pd.DataFrame(rows)


def verdict_markdown(findings: list[dict]) -> str:
    t = verdict_table(findings)
    head = "| " + " | ".join(t.columns) + " |\n|" + "---|" * len(t.columns) + "\n"
    body = "".join("| " + " | ".join(str(v).replace("|", "/") for v in row) + " |\n"
                   for row in t.itertuples(index=False))
    return head + body
