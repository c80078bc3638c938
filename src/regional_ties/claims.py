"""The article's claims as data: one declarative record per claim.

A record says what the article says, how it is read, what is measured on which events, the
conditions (each a statistic with a direction, a threshold, a margin, an interval method and why), the
minimum number of events, the values of each threshold the multiverse tries, and the rule as it was
first committed (`first_rule`, read with `first_reading`). Its `tabulate` function reduces the events
(or the documents) to counts over a few categories plus, for each condition, a vectorised statistic of
those counts; `findings.evaluate` turns any record into a verdict and `multiverse` judges it over the
grid of reasonable choices. Adding a claim is adding a record and its tabulation.

The records hold the rules; what belongs to one article comes from the study file: the partners and the areas
it names reach the tabulations through their `Setting`, and its words for a claim (claim, reading, statistic)
replace a record's through `worded`. The records' own words, and `Setting`'s default partners and areas, are
the Sverdlovsk article's (study.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from . import edtf_dates, gazetteer
from .contract import AREAS, ARTICLE_AREAS, ARTICLE_PARTNERS, AUTHORITY_KINDS, sector_of

#: Below this many events a claim is reported as too_few_events, with its n.
MIN_EVENTS = 10


@dataclass(frozen=True)
class Condition:
    """One condition of a claim's rule.

    short: a label for tables; words: the statistic in words, as prose uses it.
    summary: "interval" (95% interval of the statistic over resamples of the events), "probability"
    (share of resamples in which an indicator holds), "fixed" (an observed value with no resampling,
    e.g. a rank), "census" (documents: a value bounded by what their uncertain dates allow).
    direction: the supported side of the threshold: "at_least", "above", "at_most" or "below".
    threshold: the cut for support; fail_threshold: the cut for not_supported (None: the same cut).
    margin: a bound within this distance of a cut is borderline, never settled by it.
    kind: how values read: "share", "probability", "ratio", "difference", "count".
    interval: how the 95% interval is read off the resamples: "percentile", or "shifted" (the percentile
    interval moved by how far the mean of the resamples sits from the estimate; for statistics whose
    resamples are not centred on the estimate, such as a minimum or an unbiased concentration index).
    sweep / fail_sweep: the values of the cut(s) the multiverse tries.
    """

    name: str
    short: str
    words: str
    summary: str
    direction: str
    threshold: float
    margin: float
    sweep: tuple[float, ...]
    why: str
    kind: str = "share"
    fail_threshold: float | None = None
    fail_sweep: tuple[float, ...] = ()
    interval: str = "percentile"

    @property
    def fail_cut(self) -> float:
        return self.threshold if self.fail_threshold is None else self.fail_threshold


@dataclass
class Tabulation:
    """What a claim's statistics need from the data.

    counts: observed counts over the categories that are resampled (None for a census claim).
    statistics: counts rows (m, k) -> {condition name: (m,) values}; probability conditions give 0/1.
    fixed: {condition name: (value, low, high)} for conditions not resampled.
    degenerate: {condition name: why its interval cannot move} -- such a condition decides nothing.
    """

    n: int
    counts: np.ndarray | None = None
    statistics: Callable[[np.ndarray], dict[str, np.ndarray]] | None = None
    fixed: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    degenerate: dict[str, str] = field(default_factory=dict)
    detail: dict = field(default_factory=dict)
    not_applicable: str = ""


@dataclass(frozen=True)
class Setting:
    """The analysis setting a tabulation sees: window, COVID year, the reading of the claim, and the Kazakh
    partners (gazetteer keys) and areas (area codes) that the article names (the study file's `partners` and
    `areas`; by default the Sverdlovsk article's)."""

    start_year: int
    end_year: int
    covid_year: int = 2020
    state_institutions_as: str = "state"
    reading: str = "main"
    partners: tuple[str, ...] = ARTICLE_PARTNERS
    areas: tuple[str, ...] = ARTICLE_AREAS


@dataclass(frozen=True)
class ClaimRecord:
    id: str
    title: str
    claim: str
    reading: str
    statistic: str
    population: str
    conditions: tuple[Condition, ...]
    min_n: int
    why: str
    tabulate: Callable[[pd.DataFrame, pd.DataFrame, Setting], Tabulation]
    readings: dict[str, str] = field(default_factory=dict)
    evidence: str = "events"
    #: the rule as first committed (e368191, before the first edition of the data), on today's statistics
    first_rule: tuple[Condition, ...] = ()
    first_reading: str = "main"


def _codes(values: pd.Series, categories) -> np.ndarray:
    codes = pd.Categorical(values, categories=list(categories)).codes
    if (codes < 0).any():
        bad = sorted(set(values[codes < 0]))
        raise ValueError(f"values outside the categories {list(categories)}: {bad}")
    return codes


def _counts(codes: np.ndarray, k: int) -> np.ndarray:
    return np.bincount(codes, minlength=k).astype(np.int64)


def _div(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(a, dtype=float) / np.asarray(b, dtype=float)


# ----------------------------------------------------------------------------- tabulations


def _rivals(s: Setting) -> list[int]:
    """Education's rivals: the other named areas, or every other area under the reading 'all_areas'."""
    edu = AREAS.index("education")
    pool = range(len(AREAS)) if s.reading == "all_areas" else [AREAS.index(a) for a in s.areas]
    return [i for i in pool if i != edu]


def tab_areas(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    counts = _counts(_codes(ev["area"], AREAS), len(AREAS))
    edu = AREAS.index("education")
    five = [AREAS.index(a) for a in s.areas if a in AREAS]
    rivals = _rivals(s)
    # the largest rival in the data (the first in AREAS' order among equals): the lead is a contrast of two
    # shares fixed before resampling, so its interval is not pulled down by a maximum over noisy rivals
    rival = max(rivals, key=lambda i: (counts[i], -i))
    every_other = [i for i in range(len(AREAS)) if i != edu]

    def stats(c):
        n = c.sum(axis=1)
        return {
            "education_lead": _div(c[:, edu] - c[:, rival], n),
            "five_area_share": _div(c[:, five].sum(axis=1), n),
            # the rule as first committed: education strictly ahead of every other area, in share of resamples
            "education_first": (c[:, edu] > c[:, every_other].max(axis=1)).astype(float),
        }

    ranking = sorted(AREAS, key=lambda a: (-counts[AREAS.index(a)], a))
    return Tabulation(
        int(counts.sum()),
        counts,
        stats,
        detail={
            "events_by_area": {a: int(counts[AREAS.index(a)]) for a in ranking},
            "largest_rival": AREAS[rival],
            "named_areas_without_event": [a for a in s.areas if a in AREAS and not counts[AREAS.index(a)]],
        },
    )


def top_five_count(units: np.ndarray, named: list[int], ties: str = "better") -> np.ndarray:
    """For each row of unit counts, how many named units rank among the five most frequent.

    A unit with no event has no rank. Units with equal counts share the better rank ("better": a unit's
    rank is one plus the number of units with more events) or the worse ("worse": the number of units with
    at least as many events)."""
    units = np.atleast_2d(units)
    sub = units[:, named][:, :, None]
    whole = units[:, None, :]
    rank = (whole > sub).sum(axis=2) + 1 if ties == "better" else (whole >= sub).sum(axis=2)
    return ((rank <= 5) & (units[:, named] > 0)).sum(axis=1).astype(float)


def tab_partners(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    sub = ev[ev["kz_unit"] != gazetteer.NATIONAL]
    keys = list(gazetteer.SUBNATIONAL_KEYS)
    units = _counts(_codes(sub["kz_unit"], keys), len(keys))
    named = [keys.index(k) for k in s.partners]
    others = [i for i in range(len(keys)) if i not in named]
    # resampled over the units themselves (named first), so that ranks can be taken in every resample
    order = named + others
    counts = units[order]
    k = len(named)
    first = pd.Series(units).rank(ascending=False, method="min").to_numpy()  # as first committed: zero units ranked
    first_in_top5 = float((first[named] <= 5).sum()) if units.sum() else 0.0

    def stats(c):
        return {
            "named_share": _div(c[:, :k].sum(axis=1), c.sum(axis=1)),
            "named_in_top_five": top_five_count(c, list(range(k)), "better"),
            "named_in_top_five_ties_worse": top_five_count(c, list(range(k)), "worse"),
        }

    top = sorted(keys, key=lambda k_: (-units[keys.index(k_)], gazetteer.UNITS[k_].iso))[:5]
    # the count's cuts (4 of 5, 3 of 5) are set for the five partners of the Sverdlovsk article: for a study that
    # names another number of partners the count decides nothing (the share still does)
    degenerate = {} if k == len(ARTICLE_PARTNERS) else {
        name: f"the study names {k} partners, not the five that the cuts of this count are set for"
        for name in ("named_in_top_five", "named_in_top_five_ties_worse", "named_in_top_five_as_first")}
    return Tabulation(
        int(units.sum()),
        counts,
        stats,
        degenerate=degenerate,
        fixed={"named_in_top_five_as_first": (first_in_top5, first_in_top5, first_in_top5)},
        detail={
            "observed_top_five": [gazetteer.UNITS[k_].name_en for k_ in top if units[keys.index(k_)]],
            "named_partners_without_event": [gazetteer.UNITS[k_].name_en for k_ in s.partners
                                             if not units[keys.index(k_)]],
        },
    )


def tab_sectors(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    ru = sector_of(ev["ru_actor_kind"], s.state_institutions_as)
    kz = sector_of(ev["kz_actor_kind"], s.state_institutions_as)
    keep = ru.isin(["state", "non_state"]) & kz.isin(["state", "non_state"])
    codes = ((ru[keep] == "non_state").astype(int) * 2 + (kz[keep] == "non_state").astype(int)).to_numpy()
    counts = _counts(codes, 4)

    def stats(c):
        n = c.sum(axis=1)
        ru_ns, kz_ns = _div(c[:, 2] + c[:, 3], n), _div(c[:, 1] + c[:, 3], n)
        return {"smallest_sector_share": np.minimum.reduce([ru_ns, 1 - ru_ns, kz_ns, 1 - kz_ns])}

    n = int(counts.sum())
    return Tabulation(
        n,
        counts,
        stats,
        detail={
            "ru_side_non_state_share": round(float(_div(counts[2] + counts[3], n)), 4) if n else None,
            "kz_side_non_state_share": round(float(_div(counts[1] + counts[3], n)), 4) if n else None,
        },
    )


def tab_from_within(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    led = ev["ru_actor_kind"].isin(AUTHORITY_KINDS) | ev["kz_actor_kind"].isin(AUTHORITY_KINDS)
    counts = _counts((~led).astype(int).to_numpy(), 2)
    return Tabulation(int(counts.sum()), counts, lambda c: {"no_authority_share": _div(c[:, 1], c.sum(axis=1))})


def tab_covid(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    if not (s.start_year < s.covid_year <= s.end_year):
        return Tabulation(
            len(ev),
            not_applicable=f"the COVID year {s.covid_year} is not inside the window "
            f"{s.start_year}-{s.end_year} with an earlier year to compare",
        )
    year = ev["year"].astype(int).to_numpy()
    period = np.select([year < s.covid_year, year == s.covid_year], [0, 1], 2)
    online = ev["format"].isin(["online", "hybrid"]).astype(int).to_numpy()
    counts = _counts(period * 2 + online, 6)
    before = s.covid_year - s.start_year

    def stats(c):
        pre, cov = c[:, 0] + c[:, 1], c[:, 2] + c[:, 3]
        return {
            "covid_year_ratio": _div(cov, _div(pre, before)),
            "online_share_change": _div(c[:, 3], cov) - _div(c[:, 1], pre),
        }

    degenerate = {}
    if counts[3] == 0:
        degenerate["online_share_change"] = (
            f"no {s.covid_year} event is online or hybrid, so every resample gives {s.covid_year} an online share of 0"
        )
    return Tabulation(
        int(counts.sum()),
        counts,
        stats,
        degenerate=degenerate,
        detail={
            "events_covid_year": int(counts[2] + counts[3]),
            "online_or_hybrid_covid_year": int(counts[3]),
            "mean_events_per_earlier_year": round(float((counts[0] + counts[1]) / before), 4),
            "online_or_hybrid_earlier_years": int(counts[1]),
        },
    )


def normalized_hhi(c: np.ndarray) -> np.ndarray:
    """(H - 1/k) / (1 - 1/k) for each row of counts over k categories; NaN for an empty row."""
    c = np.atleast_2d(c).astype(float)
    k = c.shape[1]
    s = _div(c, c.sum(axis=1, keepdims=True))
    return ((s**2).sum(axis=1) - 1 / k) / (1 - 1 / k)


def herfindahl(c: np.ndarray, estimator: str = "unbiased") -> np.ndarray:
    """Herfindahl index sum(p^2) of each row of counts, on its own (unnormalised) scale; NaN below 2 events.

    "plug_in": sum of squared observed shares, biased upward by (1 - sum(p^2)) / n. "unbiased":
    n / (n - 1) * (sum(p_hat^2) - 1/n) = sum(c (c - 1)) / (n (n - 1)), the chance that two different
    events drawn at random fall in the same category, unbiased for sum(p^2) under multinomial sampling."""
    c = np.atleast_2d(c).astype(float)
    n = c.sum(axis=1)
    if estimator == "plug_in":
        return _div((c**2).sum(axis=1), n**2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n >= 2, _div((c * (c - 1)).sum(axis=1), n * (n - 1)), np.nan)


def _concentration(c: np.ndarray, reading: str) -> np.ndarray:
    h = herfindahl(c, "plug_in" if reading == "plug_in" else "unbiased")
    if reading == "normalised":
        k = c.shape[1]
        return (h - 1 / k) / (1 - 1 / k)
    return h


def tab_concentration(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    keys = list(gazetteer.SUBNATIONAL_KEYS)
    unit = _codes(ev["kz_unit"], keys + [gazetteer.NATIONAL])
    area = _codes(ev["area"], AREAS)
    counts = _counts(unit * len(AREAS) + area, (len(keys) + 1) * len(AREAS))
    single = int(counts.reshape(len(keys) + 1, -1)[: len(keys)].sum())

    cell_unit = np.repeat(np.arange(len(keys) + 1), len(AREAS))
    cell_area = np.tile(np.arange(len(AREAS)), len(keys) + 1)
    to_units = (cell_unit[:, None] == np.arange(len(keys))[None, :]).astype(float)  # national cells left out
    to_areas = (cell_area[:, None] == np.arange(len(AREAS))[None, :]).astype(float)

    def stats(c):
        cf = np.asarray(c, dtype=float)
        units, areas = cf @ to_units, cf @ to_areas
        return {
            "unit_concentration": _concentration(units, s.reading),
            "area_concentration": _concentration(areas, s.reading),
            # the rule as first committed: the smaller normalised plug-in index
            "smaller_concentration": np.minimum(normalized_hhi(units), normalized_hhi(areas)),
        }

    u = counts.reshape(len(keys) + 1, -1)
    return Tabulation(
        single,
        counts,
        stats,
        detail={
            "herfindahl_units_plug_in": round(float(herfindahl(u[: len(keys)].sum(axis=1), "plug_in")[0]), 4)
            if single else None,
            "herfindahl_areas_plug_in": round(float(herfindahl(u.sum(axis=0), "plug_in")[0]), 4)
            if counts.sum() else None,
            "normalised_hhi_units": round(float(normalized_hhi(u[: len(keys)].sum(axis=1))[0]), 4) if single else None,
            "normalised_hhi_areas": round(float(normalized_hhi(u.sum(axis=0))[0]), 4) if counts.sum() else None,
            "even_spread_units": round(1 / len(keys), 4),
            "even_spread_areas": round(1 / len(AREAS), 4),
            "units_with_no_event": int((u[: len(keys)].sum(axis=1) == 0).sum()),
        },
    )


#: covers_culture values counted as certain and as possible, by reading of C7. An unknown coverage may widen
#: what is possible; in the main reading it never decides by itself.
CULTURE_READINGS = {
    "main": (("yes",), ("yes", "unknown")),
    "unknown_counts": (("yes", "unknown"), ("yes", "unknown")),
    "unknown_excluded": (("yes",), ("yes",)),
    "all_documents": (("yes", "unknown", "no"), ("yes", "unknown", "no")),
}


def legal_coverage(docs: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Per window year and level: documents certainly in force, and documents possibly in force.

    A document is certainly in force in a year if its latest possible start is in or before that year
    and its earliest possible end in or after it; possibly in force if its earliest possible start and
    its latest possible end allow it. An undated document is possibly in force in every year.
    """
    y = edtf_dates.bound_years(docs)
    national = (docs["level"] == "national").to_numpy()
    regional = docs["level"].isin(["regional", "municipal"]).to_numpy()
    rows = []
    for year in range(start_year, end_year + 1):
        certain = ((y["start_latest"] <= year) & (y["end_earliest"] >= year)).to_numpy()
        possible = ((y["start_earliest"] <= year) & (y["end_latest"] >= year)).to_numpy()
        rows.append(
            (
                year,
                int((certain & national).sum()),
                int((possible & national).sum()),
                int((certain & regional).sum()),
                int((possible & regional).sum()),
            )
        )
    return pd.DataFrame(
        rows, columns=["year", "national_certain", "national_possible", "regional_certain", "regional_possible"]
    )


def tab_legal(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    sure, maybe = CULTURE_READINGS[s.reading]
    certain_docs = docs[docs["covers_culture"].isin(sure)]
    possible_docs = docs[docs["covers_culture"].isin(maybe)]
    cov_c = legal_coverage(certain_docs, s.start_year, s.end_year)
    cov_p = legal_coverage(possible_docs, s.start_year, s.end_year)
    certain = (cov_c["national_certain"] > 0) & (cov_c["regional_certain"] > 0)
    possible = (cov_p["national_possible"] > 0) & (cov_p["regional_possible"] > 0)
    lo, hi = round(float(certain.mean()), 4), round(float(possible.mean()), 4)
    gap = cov_c.loc[~certain, "year"].tolist()
    fill = [yr for yr in gap if yr in set(cov_p.loc[possible, "year"])]
    # documents that could fill a gap year only because their coverage of culture is not known
    unknown = possible_docs[~possible_docs["covers_culture"].isin(sure)]
    cov_u = legal_coverage(unknown, s.start_year, s.end_year)
    by_unknown = [yr for yr in fill if int(cov_u.loc[cov_u["year"] == yr, ["national_possible",
                                                                           "regional_possible"]].sum(axis=1).iloc[0])]
    y = edtf_dates.bound_years(possible_docs)
    open_start = ~np.isfinite(y["start_latest"])
    years = len(cov_c)
    return Tabulation(
        len(possible_docs),
        fixed={"years_covered": (lo, lo, hi)},
        detail={
            "documents_counted": sorted(certain_docs["doc_id"]),
            "documents_possibly_counted": sorted(set(possible_docs["doc_id"]) - set(certain_docs["doc_id"])),
            "window_years": years,
            "national_years_certain": int((cov_c["national_certain"] > 0).sum()),
            "national_years_possible": int((cov_p["national_possible"] > 0).sum()),
            "regional_years_certain": int((cov_c["regional_certain"] > 0).sum()),
            "regional_years_possible": int((cov_p["regional_possible"] > 0).sum()),
            "years_without_national": cov_c.loc[cov_c["national_certain"] == 0, "year"].tolist(),
            "years_without_regional": cov_c.loc[cov_c["regional_certain"] == 0, "year"].tolist(),
            "gap_years_that_uncertain_dates_could_fill": [yr for yr in fill if yr not in by_unknown],
            "gap_years_that_unknown_coverage_could_fill": by_unknown,
            "documents_of_unknown_coverage": sorted(unknown["doc_id"]),
            "documents_without_a_latest_start": sorted(possible_docs.loc[open_start, "doc_id"]),
        },
    )


# ----------------------------------------------------------------------------- the records

CLAIMS: tuple[ClaimRecord, ...] = (
    ClaimRecord(
        "C1_areas",
        "the main areas",
        "Education, arts, tourism, media and youth policy are the main areas; education is the most intensive.",
        "Among the five areas the article names, education has more events than its largest rival; and those "
        "five hold most events (more than half).",
        "the lead of education over its largest rival among the named areas (the difference of their shares of "
        "all events), and the share of events in the five named areas",
        "events of the region studied in the window, all areas",
        (
            Condition(
                "education_lead",
                "education's lead",
                "education's share minus its largest rival's",
                "interval",
                "above",
                0.0,
                0.02,
                (0.0, 0.05, 0.1),
                "'most intensive' read as more events than the largest rival area: the whole interval of the "
                "difference of the two shares above 0; a tie at the top is not first (the multiverse also counts "
                "it as first); a whole interval below 0 means another area leads",
                kind="difference",
            ),
            Condition(
                "five_area_share",
                "five-area share",
                "the share of events in the five named areas",
                "interval",
                "above",
                0.5,
                0.02,
                (0.5, 0.6, 0.67, 0.75),
                "'the main areas' read as holding most events, more than half (until this round the cut was "
                "0.75, three in four, which said more than the reading's 'most')",
            ),
        ),
        MIN_EVENTS,
        "ten events is the least at which one event moves a share by no more than 0.1",
        tab_areas,
        readings={
            "all_areas": "education's rivals include every area outside the named ones (sport and the catch-all "
            "area), not only the four other named areas"
        },
        first_rule=(
            Condition("education_first", "education first", "education has more events than every other area",
                      "probability", "at_least", 0.9, 0.0, (0.9,), "as first committed", kind="probability",
                      fail_threshold=0.5),
            Condition("five_area_share", "five-area share", "the share of events in the five named areas",
                      "interval", "at_least", 0.75, 0.0, (0.75,), "as first committed"),
        ),
        first_reading="all_areas",
    ),
    ClaimRecord(
        "C2_partners",
        "the key partners",
        "Kostanay, Akmola and North Kazakhstan regions, Astana and Almaty are the key partners.",
        "The five named units hold most of the events that have one Kazakh partner unit, and most of them "
        "rank among the five most frequent partners.",
        "the share of single-unit events with one of the five named units, and how many of the five rank in the "
        "top five (a unit with no event has no rank)",
        "events of the window with a single Kazakh unit (national or multi-unit events left out)",
        (
            Condition(
                "named_share",
                "named-partner share",
                "the share of single-unit events with a named partner",
                "interval",
                "at_least",
                0.5,
                0.02,
                (0.4, 0.5, 0.6),
                "'key partners' read as holding at least half of the events; five "
                "units of seventeen would hold 0.29 if events were spread evenly",
            ),
            Condition(
                "named_in_top_five",
                "named units in top five",
                "the number of named units in the top five",
                "interval",
                "at_least",
                4,
                0,
                (3, 4, 5),
                "four of five allows one named unit to be displaced by a tie or a "
                "single event; two or fewer is a different list. A unit with no event has no rank; units with "
                "equal counts share the better rank (the multiverse also gives them the worse). Read over the "
                "resamples like every other condition (until this round it was the observed count alone)",
                kind="count",
                fail_threshold=3,
                fail_sweep=(2, 3),
            ),
        ),
        MIN_EVENTS,
        "ten single-unit events",
        tab_partners,
        first_rule=(
            Condition("named_share", "named-partner share", "the share of single-unit events with a named partner",
                      "interval", "at_least", 0.5, 0.0, (0.5,), "as first committed"),
            Condition("named_in_top_five_as_first", "named units in top five",
                      "the number of named units in the observed top five, units with no event ranked too",
                      "fixed", "at_least", 4, 0, (4,), "as first committed", kind="count", fail_threshold=3),
        ),
    ),
    ClaimRecord(
        "C3_state_and_non_state",
        "state and non-state actors",
        "State and non-state institutions both play a role, on both sides.",
        "On each side, both state and non-state actors take part in a non-trivial share of events.",
        "the smallest of four shares: state and non-state actors on the side of the Russian region studied and "
        "on the Kazakh side",
        "events of the window whose actors on both sides have a known state or non-state sector",
        (
            Condition(
                "smallest_sector_share",
                "smallest sector share",
                "the smallest of the four sector shares",
                "interval",
                "at_least",
                0.10,
                0.02,
                (0.05, 0.1, 0.15, 0.2),
                "'plays a role' read as taking part in at least one event in ten; the statistic is a minimum, "
                "so resampling pulls it down more easily than up: its percentile interval is moved back by how "
                "far the mean of the resamples sits below the estimate (until this round: the percentile "
                "interval, which leaned towards 'not supported')",
                interval="shifted",
            ),
        ),
        MIN_EVENTS,
        "ten events with known sectors",
        tab_sectors,
        first_rule=(
            Condition("smallest_sector_share", "smallest sector share", "the smallest of the four sector shares",
                      "interval", "at_least", 0.10, 0.0, (0.1,), "as first committed"),
        ),
    ),
    ClaimRecord(
        "C4_from_within",
        "growth from within",
        "The ties grow from within, from institutions and society, not imposed by the states.",
        "Most events take place without a government authority on either side.",
        "the share of events in which no federal, regional or municipal authority takes part on either side",
        "events of the region studied in the window",
        (
            Condition(
                "no_authority_share",
                "share without authority",
                "the share of events with no government authority on either side",
                "interval",
                "above",
                0.5,
                0.02,
                (0.5, 0.6, 0.67),
                "'from within, not imposed' read as a majority of events without a government authority",
            ),
        ),
        MIN_EVENTS,
        "ten events",
        tab_from_within,
        first_rule=(
            Condition("no_authority_share", "share without authority",
                      "the share of events with no government authority on either side", "interval", "above", 0.5,
                      0.0, (0.5,), "as first committed"),
        ),
    ),
    ClaimRecord(
        "C5_covid_break",
        "the COVID-19 break",
        "2020, the first COVID-19 year, broke the pattern: fewer events, more of them online.",
        "The COVID year has fewer events than the mean of the earlier window years, and a larger share of them "
        "online or hybrid.",
        "events in the COVID year relative to the mean per earlier window year, and the change in the share of "
        "events online or hybrid",
        "events of the region studied in the window",
        (
            Condition(
                "covid_year_ratio",
                "COVID-year ratio",
                "events in the COVID year relative to the mean of the earlier years",
                "interval",
                "below",
                1.0,
                0.05,
                (0.8, 0.9, 1.0),
                "'fewer events' read as fewer than the earlier years' mean",
                kind="ratio",
            ),
            Condition(
                "online_share_change",
                "online share change",
                "the change in the share of events online or hybrid",
                "interval",
                "above",
                0.0,
                0.02,
                (0.0, 0.05, 0.1),
                "'more of them online' read as any increase of the online or hybrid share",
                kind="difference",
            ),
        ),
        MIN_EVENTS,
        "ten events",
        tab_covid,
        first_rule=(
            Condition("covid_year_ratio", "COVID-year ratio",
                      "events in the COVID year relative to the mean of the earlier years", "interval", "below", 1.0,
                      0.0, (1.0,), "as first committed", kind="ratio"),
            Condition("online_share_change", "online share change",
                      "the change in the share of events online or hybrid", "interval", "above", 0.0, 0.0, (0.0,),
                      "as first committed", kind="difference"),
        ),
    ),
    ClaimRecord(
        "C6_concentration",
        "concentration",
        "The ties are concentrated by area and by partner, hence the call to diversify and widen them.",
        "Events are concentrated both over the Kazakh units and over the areas.",
        "the Herfindahl index sum(p^2) over the Kazakh units (single-unit events) and over the areas, each "
        "estimated without bias as n / (n - 1) * (sum(p_hat^2) - 1/n), on its own unnormalised scale",
        "events of the region studied in the window (the unit index uses single-unit events)",
        (
            Condition(
                "unit_concentration",
                "unit concentration",
                "the Herfindahl index over the Kazakh units",
                "interval",
                "at_least",
                0.15,
                0.02,
                (0.1, 0.15, 0.25),
                "0.15 is the lower edge of moderate concentration in competition analysis (an unnormalised "
                "Herfindahl index of 0.15 to 0.25, i.e. 1500 to 2500 points), so the cut is applied to the "
                "unnormalised index (until this round it was applied to the normalised one). The plug-in "
                "index is biased upward by (1 - sum(p^2)) / n, which at 16 events is large beside the cut: the "
                "estimate is the unbiased n / (n - 1) * (sum(p_hat^2) - 1/n). Resamples drawn at the observed "
                "shares sit above it by the same bias, so their percentile interval is moved down by the mean "
                "of the resamples minus the estimate. In a simulation at a true index of 0.15 with 16 events "
                "over 17 units, this interval lay wholly above the truth in 2.1% and wholly below it in 0.5% of "
                "samples (nominal 2.5% each); the unmoved percentile interval lay above it in 12%, and Efron's "
                "BC interval, which reads the resamples' offset as a bias of the estimator, below it in 31%",
                interval="shifted",
            ),
            Condition(
                "area_concentration",
                "area concentration",
                "the Herfindahl index over the areas",
                "interval",
                "at_least",
                0.15,
                0.02,
                (0.1, 0.15, 0.25),
                "the same cut and estimator as over the units; with six or seven areas an even spread already "
                "gives 1/6 or 1/7, so on the cited scale the areas can only narrowly fall short of the cut, and "
                "the units decide",
                interval="shifted",
            ),
        ),
        MIN_EVENTS,
        "ten single-unit events",
        tab_concentration,
        readings={
            "plug_in": "the index estimated by the plug-in sum of squared observed shares (biased upward)",
            "normalised": "the index normalised as (H - 1/k) / (1 - 1/k), against the same cut",
        },
        first_rule=(
            Condition("smaller_concentration", "smaller concentration index",
                      "the smaller normalised plug-in Herfindahl index", "interval", "at_least", 0.15, 0.0, (0.15,),
                      "as first committed"),
        ),
    ),
    ClaimRecord(
        "C7_legal_basis",
        "the legal basis",
        "A legal basis at the national and the regional level was in force throughout the window.",
        "In every window year at least one national and at least one regional or municipal document that covers "
        "culture or the humanitarian sphere was in force. Documents whose coverage of culture is not known count "
        "only towards what is possible, never towards what is certain; so where the regional level rests on "
        "framework agreements between regions of unknown scope, the verdict turns on whether such an agreement "
        "is a legal basis of cultural cooperation.",
        "the share of window years in which such a national and such a regional document were in force: the "
        "share certain (coverage of culture known, dates certain), up to the share possible (coverage unknown "
        "or dates uncertain); the national and the regional level in years, each certain and possible",
        "legal documents of the region studied; those that cover culture (covers_culture = yes) count as "
        "certain, those of unknown coverage as possible; institutional documents not counted",
        (
            Condition(
                "years_covered",
                "years covered",
                "the share of window years covered at both levels",
                "census",
                "at_least",
                1.0,
                0.0,
                (0.8, 1.0),
                "'throughout the window' read as every year; an unknown coverage or date widens the possible "
                "share, never decides by itself",
            ),
        ),
        0,
        "the documents are a census of what the search found, not a sample: no resampling",
        tab_legal,
        readings={
            "unknown_counts": "documents whose coverage of culture is unknown are counted as covering it",
            "unknown_excluded": "documents whose coverage of culture is unknown are counted as not covering it",
        },
        evidence="documents",
        first_rule=(
            Condition("years_covered", "years covered", "the share of window years covered at both levels",
                      "census", "at_least", 1.0, 0.0, (1.0,), "as first committed"),
        ),
        first_reading="all_documents",
    ),
)
CLAIMS_BY_ID = {c.id: c for c in CLAIMS}


def worded(words: dict | None = None, claims: tuple[ClaimRecord, ...] = CLAIMS) -> tuple[ClaimRecord, ...]:
    """The records with a study's words in place of their own: `words` maps a claim's id to its "claim",
    "reading" or "statistic" (the study file's [claims.<id>]); rules and thresholds are the records'."""
    words = words or {}
    return tuple(replace(rec, **words.get(rec.id, {})) for rec in claims)
