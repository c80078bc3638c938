"""The article's claims as data: one declarative record per claim.

A record says what the article says, how it is read, what is measured on which events, the
conditions (each a statistic with a direction, a threshold, a margin and why), the minimum number of
events, and the range over which each threshold is swept. Its `tabulate` function reduces the events
(or the documents) to counts over a few categories plus, for each condition, a vectorised statistic of
those counts; `findings.evaluate` turns any record into a verdict. Adding a claim is adding a record
and its tabulation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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
    """The analysis setting a tabulation sees: window, COVID year, and the reading of the claim."""

    start_year: int
    end_year: int
    covid_year: int = 2020
    state_institutions_as: str = "state"
    reading: str = "main"


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


def tab_areas(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    counts = _counts(_codes(ev["area"], AREAS), len(AREAS))
    edu = AREAS.index("education")
    five = [AREAS.index(a) for a in ARTICLE_AREAS]
    rivals = [i for i in (range(len(AREAS)) if s.reading == "all_areas" else five) if i != edu]

    def stats(c):
        return {
            "education_first": (c[:, edu] > c[:, rivals].max(axis=1)).astype(float),
            "five_area_share": _div(c[:, five].sum(axis=1), c.sum(axis=1)),
        }

    ranking = sorted(AREAS, key=lambda a: (-counts[AREAS.index(a)], a))
    return Tabulation(
        int(counts.sum()), counts, stats, detail={"events_by_area": {a: int(counts[AREAS.index(a)]) for a in ranking}}
    )


def tab_partners(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    sub = ev[ev["kz_unit"] != gazetteer.NATIONAL]
    keys = list(gazetteer.SUBNATIONAL_KEYS)
    units = _counts(_codes(sub["kz_unit"], keys), len(keys))
    named = [keys.index(k) for k in ARTICLE_PARTNERS]
    counts = np.array([units[named].sum(), units.sum() - units[named].sum()], dtype=np.int64)
    rank = pd.Series(units).rank(ascending=False, method="min").to_numpy()  # ties share the better rank
    in_top5 = float((rank[named] <= 5).sum()) if units.sum() else 0.0
    top = sorted(keys, key=lambda k: (-units[keys.index(k)], gazetteer.UNITS[k].iso))[:5]
    return Tabulation(
        int(units.sum()),
        counts,
        lambda c: {"named_share": _div(c[:, 0], c.sum(axis=1))},
        fixed={"named_in_top_five": (in_top5, in_top5, in_top5)},
        detail={"observed_top_five": [gazetteer.UNITS[k].name_en for k in top if units[keys.index(k)]]},
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


def tab_concentration(ev: pd.DataFrame, docs: pd.DataFrame, s: Setting) -> Tabulation:
    keys = list(gazetteer.SUBNATIONAL_KEYS)
    unit = _codes(ev["kz_unit"], keys + [gazetteer.NATIONAL])
    area = _codes(ev["area"], AREAS)
    counts = _counts(unit * len(AREAS) + area, (len(keys) + 1) * len(AREAS))
    single = int(counts.reshape(len(keys) + 1, -1)[: len(keys)].sum())

    def stats(c):
        c3 = c.reshape(-1, len(keys) + 1, len(AREAS))
        return {
            "smaller_concentration": np.minimum(
                normalized_hhi(c3[:, : len(keys), :].sum(axis=2)), normalized_hhi(c3.sum(axis=1))
            )
        }

    u = counts.reshape(len(keys) + 1, -1)
    return Tabulation(
        single,
        counts,
        stats,
        detail={
            "normalised_hhi_units": round(float(normalized_hhi(u[: len(keys)].sum(axis=1))[0]), 4) if single else None,
            "normalised_hhi_areas": round(float(normalized_hhi(u.sum(axis=0))[0]), 4) if counts.sum() else None,
            "units_with_no_event": int((u[: len(keys)].sum(axis=1) == 0).sum()),
        },
    )


CULTURE_READINGS = {"main": ("yes",), "unknown_counts": ("yes", "unknown")}


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
    counted = docs[docs["covers_culture"].isin(CULTURE_READINGS[s.reading])]
    cov = legal_coverage(counted, s.start_year, s.end_year)
    certain = (cov["national_certain"] > 0) & (cov["regional_certain"] > 0)
    possible = (cov["national_possible"] > 0) & (cov["regional_possible"] > 0)
    lo, hi = round(float(certain.mean()), 4), round(float(possible.mean()), 4)
    gap = cov.loc[~certain, "year"].tolist()
    y = edtf_dates.bound_years(counted)
    open_start = ~np.isfinite(y["start_latest"])
    return Tabulation(
        len(counted),
        fixed={"years_covered": (lo, lo, hi)},
        detail={
            "documents_counted": sorted(counted["doc_id"]),
            "years_without_national": cov.loc[cov["national_certain"] == 0, "year"].tolist(),
            "years_without_regional": cov.loc[cov["regional_certain"] == 0, "year"].tolist(),
            "gap_years_that_uncertain_dates_could_fill": [yr for yr in gap if yr in set(cov.loc[possible, "year"])],
            "documents_without_a_latest_start": sorted(counted.loc[open_start, "doc_id"]),
        },
    )


# ----------------------------------------------------------------------------- the records

_SHARE_SWEEP = tuple(round(x, 2) + 0.0 for x in np.arange(0.05, 0.96, 0.05))

CLAIMS: tuple[ClaimRecord, ...] = (
    ClaimRecord(
        "C1_areas",
        "the main areas",
        "Education, arts, tourism, media and youth policy are the main areas; education is the most intensive.",
        "Among the five areas the article names, education comes first; and those five hold most events.",
        "whether education has more events than each other named area, and the share of events in the five named areas",
        "events of the region studied in the window, all areas",
        (
            Condition(
                "education_first",
                "education first",
                "education has more events than each rival area",
                "probability",
                "at_least",
                0.9,
                0.02,
                (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99),
                "'most intensive' read as first in nine resamples of ten; first in fewer than one in two means "
                "education is more likely not first",
                kind="probability",
                fail_threshold=0.5,
                fail_sweep=(0.2, 0.3, 0.4, 0.5, 0.6, 0.7),
            ),
            Condition(
                "five_area_share",
                "five-area share",
                "the share of events in the five named areas",
                "interval",
                "at_least",
                0.75,
                0.02,
                _SHARE_SWEEP,
                "'the main areas' read as holding three events in four, leaving at most a "
                "quarter to sport, diplomacy, aid and the rest",
            ),
        ),
        MIN_EVENTS,
        "ten events is the least at which one event moves a share by no more than 0.1",
        tab_areas,
        readings={
            "all_areas": "education must also come before the catch-all area 'other' (sport, diplomacy, "
            "aid), not only before the four other named areas"
        },
    ),
    ClaimRecord(
        "C2_partners",
        "the key partners",
        "Kostanay, Akmola and North Kazakhstan regions, Astana and Almaty are the key partners.",
        "The five named units hold most of the events that have one Kazakh partner unit, and most of them "
        "rank among the five most frequent partners.",
        "the share of single-unit events with one of the five named units, and how many of the five rank in the "
        "observed top five",
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
                _SHARE_SWEEP,
                "'key partners' read as holding at least half of the events; five "
                "units of seventeen would hold 0.29 if events were spread evenly",
            ),
            Condition(
                "named_in_top_five",
                "named units in top five",
                "the number of named units in the observed top five",
                "fixed",
                "at_least",
                4,
                0,
                (2, 3, 4, 5),
                "four of five allows one named unit to be displaced by a tie or a "
                "single event; two or fewer is a different list",
                kind="count",
                fail_threshold=3,
                fail_sweep=(1, 2, 3, 4),
            ),
        ),
        MIN_EVENTS,
        "ten single-unit events",
        tab_partners,
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
                tuple(round(x, 2) + 0.0 for x in np.arange(0.02, 0.31, 0.02)),
                "'plays a role' read as taking part in at least one event in ten; the statistic is a minimum, "
                "so resampling pulls it down more easily than up and its estimate can sit at the top of its "
                "interval",
            ),
        ),
        MIN_EVENTS,
        "ten events with known sectors",
        tab_sectors,
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
                _SHARE_SWEEP,
                "'from within, not imposed' read as a majority of events without a government authority",
            ),
        ),
        MIN_EVENTS,
        "ten events",
        tab_from_within,
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
                tuple(round(x, 2) + 0.0 for x in np.arange(0.5, 1.51, 0.1)),
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
                tuple(round(x, 2) + 0.0 for x in np.arange(-0.2, 0.31, 0.05)),
                "'more of them online' read as any increase of the online or hybrid share",
                kind="difference",
            ),
        ),
        MIN_EVENTS,
        "ten events",
        tab_covid,
    ),
    ClaimRecord(
        "C6_concentration",
        "concentration",
        "The ties are concentrated by area and by partner, hence the call to diversify and widen them.",
        "Events are concentrated both over the Kazakh units and over the areas.",
        "the smaller of two normalised Herfindahl indices ((H - 1/k) / (1 - 1/k)): over the 17 units "
        "(single-unit events) and over the six areas",
        "events of the region studied in the window (the unit index uses single-unit events)",
        (
            Condition(
                "smaller_concentration",
                "smaller concentration index",
                "the smaller normalised Herfindahl index",
                "interval",
                "at_least",
                0.15,
                0.02,
                _SHARE_SWEEP[:10],
                "0.15 is the usual lower edge of moderate concentration in "
                "competition analysis (an unnormalised index of 0.15 to 0.25)",
            ),
        ),
        MIN_EVENTS,
        "ten single-unit events",
        tab_concentration,
    ),
    ClaimRecord(
        "C7_legal_basis",
        "the legal basis",
        "A legal basis at the national and the regional level was in force throughout the window.",
        "In every window year at least one national and at least one regional or municipal document that covers "
        "culture or the humanitarian sphere was in force.",
        "the share of window years in which such a national and such a regional document were in force: the "
        "share certain from the documents' dates, up to the share their uncertain dates allow",
        "legal documents that cover culture (covers_culture = yes); institutional documents not counted",
        (
            Condition(
                "years_covered",
                "years covered",
                "the share of window years covered at both levels",
                "census",
                "at_least",
                1.0,
                0.0,
                (0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
                "'throughout the window' read as every year",
            ),
        ),
        0,
        "the documents are a census of what the search found, not a sample: no resampling",
        tab_legal,
        readings={"unknown_counts": "documents whose coverage of culture is unknown are counted as covering it"},
        evidence="documents",
    ),
)
CLAIMS_BY_ID = {c.id: c for c in CLAIMS}
