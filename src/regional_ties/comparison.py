"""Stage 6: the region studied against a comparison region compiled by the same protocol.

Only what the two compilations share is compared: the same tables and codebook, the same window, the
events of each region (the processed events hold every row; each region's rows are picked by the
gazetteer). For the article's claims about partners (C2), growth from within (C4) and concentration
(C6), each number compared is the claim's own statistic: the claim's tabulation (claims.py) is applied to
each region's window events, so national and multi-unit events enter or stay out exactly as in the claim
(C2 and C6's unit index: single-unit events only). The difference (region studied minus comparison
region) has a 95% interval over independent resamples of each region's counts, as the claims resample
(findings.resampling_distribution: enumerated exactly when small enough, else seeded draws with their
Monte-Carlo error; shifted by the resampling bias where the claim's condition reads its interval so). A
difference is called only when that interval clears the condition's own margin (plus three Monte-Carlo
errors, as in the claim's decision) and neither region's value is the same in every resample (such a side's
uncertainty is unknown, as a claim's degenerate condition decides nothing); otherwise the record shows no
difference. A rank count (C2's named units in the top five) is not compared.
Distance: each partner unit's administrative centre, km from the region's capital (coordinates with
their sources in reference/capitals.csv), as a covariate shown next to the counts.
"""

from __future__ import annotations

import math
from importlib import resources

import numpy as np
import pandas as pd

from . import findings, gazetteer
from .claims import CLAIMS_BY_ID, Setting
from .clean import region_match
from .contract import AREAS, ARTICLE_PARTNERS


def capitals() -> pd.DataFrame:
    """Coordinates of the Kazakh units' centres and of the Russian regions' capitals, with their sources."""
    with resources.files("regional_ties").joinpath("reference/capitals.csv").open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype={"key": str}, keep_default_na=False)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def events_of(processed: pd.DataFrame, region: str, start_year: int, end_year: int) -> pd.DataFrame:
    """The events of one Russian region inside the window, from the processed events of any run."""
    studied = gazetteer.resolve_ru_region(region)
    years = processed["year"].astype(int)
    keep = region_match(processed["ru_region"], studied) & years.between(start_year, end_year)
    return processed[keep.to_numpy()].reset_index(drop=True)


def side_by_side(a: pd.DataFrame, b: pd.DataFrame, names: tuple[str, str], column: str, categories) -> pd.DataFrame:
    """Counts and shares of one coded column for the two regions, over a fixed list of categories."""
    out = pd.DataFrame({column: list(categories)})
    for ev, name in zip((a, b), names, strict=True):
        counts = ev[column].value_counts().reindex(list(categories), fill_value=0).to_numpy()
        out[f"{name}_events"] = counts
        out[f"{name}_share"] = np.round(counts / counts.sum(), 4) if counts.sum() else np.nan
    return out


def partners_with_distance(a: pd.DataFrame, b: pd.DataFrame, names: tuple[str, str],
                           region_keys: tuple[str, str]) -> pd.DataFrame:
    """Events per Kazakh unit for both regions, with each unit's distance from each region's capital."""
    caps = capitals().set_index("key")
    units = [u for u in gazetteer.UNITS if u != "national"]
    out = side_by_side(a, b, names, "kz_unit", units + ["national"])
    out = out.drop(columns=[f"{name}_share" for name in names])
    for name, key in zip(names, region_keys, strict=True):
        lat, lon = caps.loc[key, ["latitude", "longitude"]]
        out[f"{name}_km"] = [round(distance_km(lat, lon, *caps.loc[u, ["latitude", "longitude"]]))
                             if u in caps.index else np.nan for u in out["kz_unit"]]
    return out


#: The claims the comparison speaks to: each compared on its own tabulation (claims.py) and population.
COMPARED_CLAIMS = ("C2_partners", "C4_from_within", "C6_concentration")


def _distribution_of_difference(tab_a, tab_b, name: str, rng: np.random.Generator, draws: int):
    """Values of statistic `name` in region a minus region b over independent resamples of each region's
    counts, with their weights: the full product of the two exact distributions when it is small enough,
    otherwise paired Monte-Carlo draws. Returns (differences, weights, exact, frozen): `frozen` lists the regions
    (0: a, 1: b) whose statistic is the same in every resample (every event of one kind: a share of 0 or 1)."""
    da = findings.resampling_distribution(tab_a.counts, rng, draws)
    db = findings.resampling_distribution(tab_b.counts, rng, draws)
    va = tab_a.statistics(da.rows)[name].astype(float)
    vb = tab_b.statistics(db.rows)[name].astype(float)
    frozen = [i for i, v in enumerate((va, vb)) if np.isfinite(v).any() and np.ptp(v[np.isfinite(v)]) == 0]
    if da.exact and db.exact and len(va) * len(vb) <= findings.EXACT_LIMIT:
        return (va[:, None] - vb[None, :]).ravel(), (da.weights[:, None] * db.weights[None, :]).ravel(), True, frozen
    if da.exact:  # one side enumerated, the other drawn: draw the enumerated side at its probabilities
        va = va[rng.choice(len(va), size=draws, p=da.weights / da.weights.sum())]
    if db.exact:
        vb = vb[rng.choice(len(vb), size=draws, p=db.weights / db.weights.sum())]
    return va - vb, np.ones(draws), False, frozen


def difference_side(low: float, high: float, margin: float, names: tuple[str, str]) -> str:
    """Which region is higher: only when the whole interval lies beyond the margin (strictly), as a claim's
    condition decides only when its interval clears its cut by the margin; otherwise no difference is shown."""
    if round(low - margin, 9) > 0:
        return f"{names[0]} higher"
    if round(high + margin, 9) < 0:
        return f"{names[1]} higher"
    return "no difference the record can show"


def claim_differences(a: pd.DataFrame, b: pd.DataFrame, names: tuple[str, str], start_year: int, end_year: int, *,
                      seed: int, n_boot: int = findings.MC_DRAWS,
                      partners: tuple[str, ...] = ARTICLE_PARTNERS) -> pd.DataFrame:
    """For claims 2, 4 and 6: each condition's statistic in each region, computed by the claim's own tabulation
    (its population: national and multi-unit events kept or left out as the claim does), and the difference
    (a minus b) with a 95% interval over independent resamples of each region, as the claim resamples its
    events. A difference is called only when the interval clears the condition's margin (plus three
    Monte-Carlo errors when drawn, as in the claim's decision). `partners`: the Kazakh units the article names
    (the study file's; by default the Sverdlovsk article's)."""
    setting = Setting(start_year, end_year, partners=tuple(partners))
    no_docs = pd.DataFrame()
    rng = np.random.default_rng(seed)
    rows = []
    for claim_id in COMPARED_CLAIMS:
        record = CLAIMS_BY_ID[claim_id]
        tab_a = record.tabulate(a.reset_index(drop=True), no_docs, setting)
        tab_b = record.tabulate(b.reset_index(drop=True), no_docs, setting)
        for c in record.conditions:
            if c.summary != "interval" or c.kind == "count" or tab_a.counts is None or tab_b.counts is None:
                continue  # a rank count or a census: no share to compare between regions
            va = float(tab_a.statistics(np.asarray(tab_a.counts)[None, :])[c.name][0]) if tab_a.n else float("nan")
            vb = float(tab_b.statistics(np.asarray(tab_b.counts)[None, :])[c.name][0]) if tab_b.n else float("nan")
            row = {"claim": claim_id, "condition": c.name, "statistic": c.words, "population": record.population,
                   names[0]: round(va, 4), names[1]: round(vb, 4), "n_" + names[0]: tab_a.n,
                   "n_" + names[1]: tab_b.n, "difference": round(va - vb, 4)}
            if not (tab_a.n and tab_b.n):
                rows.append(row | {"low": np.nan, "high": np.nan, "margin": c.margin, "monte_carlo_error": 0.0,
                                   "method": "no events in one region", "reading": "no comparison: no events"})
                continue
            d, w, exact, frozen = _distribution_of_difference(tab_a, tab_b, c.name, rng, n_boot)
            lo, hi = findings.weighted_quantiles(d, w, [0.025, 0.975])
            if c.interval == "shifted":  # read as the claim reads its own interval: moved by the resampling bias
                ok = np.isfinite(d)
                bias = float((d[ok] * w[ok]).sum() / w[ok].sum()) - (va - vb) if ok.any() else 0.0
                lo, hi = lo - bias, hi - bias
            err = 0.0
            if not exact:
                batches = np.array([np.nanpercentile(x, [2.5, 97.5]) for x in np.array_split(d, findings.MC_BATCHES)])
                err = round(float(np.nanmax(np.nanstd(batches, axis=0, ddof=1)) / math.sqrt(findings.MC_BATCHES)), 4)
            margin = round(c.margin + 3 * err, 4)
            method = ("exact resampling of both regions" if exact
                      else f"multinomial resampling of both regions, {n_boot} draws")
            if c.interval == "shifted":
                method += ", interval shifted by the resampling bias as in the claim"
            reading = difference_side(lo, hi, margin, names)
            if frozen:  # as a claim's degenerate condition: an interval that cannot move on one side decides nothing
                who = " and ".join(names[i] for i in frozen)
                reading = (f"no difference the record can show: {who} {'have' if len(frozen) > 1 else 'has'} the "
                           "same value in every resample (every event of one kind), so the uncertainty there is "
                           "unknown, not zero")
            rows.append(row | {"low": round(lo, 4), "high": round(hi, 4), "margin": margin,
                               "monte_carlo_error": err, "method": method, "reading": reading})
    return pd.DataFrame(rows)


def search_effort(tables: dict[str, pd.DataFrame], regions) -> pd.DataFrame:
    """Rounds, queries, documents screened and events behind each region's compilation, with the share of
    the events the searched pages hold that its record is estimated to hold (Chao2, all years)."""
    from . import completeness, search_log

    rows = []
    for region in regions:
        s = search_log.region_search(tables, region)
        ev = s["events"].assign(year=s["events"]["date"].str.slice(0, 4).astype(int), merged_event_ids="")
        chao = completeness.completeness_table(ev, s.get("detections"), s.get("rounds"), 0, 0).iloc[0].to_dict() \
            if "detections" in s else {}
        rows.append({"region": region.name_en, "rounds": int(s["queries"]["round"].replace("", np.nan).nunique()),
                     "queries": len(s["queries"]), "documents_screened": len(s["sources"]), "events": len(ev),
                     "share_found": chao.get("share_found"), "share_found_low": chao.get("share_found_low"),
                     "share_found_high": chao.get("share_found_high")})
    return pd.DataFrame(rows)


# The drawing code is not mutated (make mutation): its checks are the figure tests (print size, no overlaps), which
# the fast tests that mutation runs leave out.
def comparison_figure(areas: pd.DataFrame, partners: pd.DataFrame, keys: tuple[str, str],
                      labels: tuple[str, str]):  # pragma: no mutate block
    """Two panels: the share of each area in the two regions; the events with each partner unit, the units
    ordered by distance from the region studied (distances from both capitals in the labels)."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.lines import Line2D

    from . import style

    colours = dict(zip(labels, (style.OKABE_ITO[4], style.OKABE_ITO[0]), strict=True))
    markers = dict(zip(labels, ("o", "s"), strict=True))
    with style.styled():
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=style.figsize("double", 0.42))
        shares = pd.concat([pd.DataFrame({"area": areas["area"], "region": label, "share": areas[f"{key}_share"]})
                            for key, label in zip(keys, labels, strict=True)], ignore_index=True)
        sns.barplot(shares, x="share", y="area", hue="region", order=list(areas["area"]), hue_order=list(labels),
                    palette=colours, orient="h", errorbar=None, edgecolor="white", linewidth=0.3, width=0.76,
                    saturation=1, legend=False, ax=ax1)
        for bar in ax1.containers[1]:  # the comparison region hatched, for a greyscale print
            bar.set_hatch("///")
        ax1.set_ylabel("")
        ax1.set_xlabel("share of the region's events")
        ax1.set_xlim(0, 1)
        units = partners[(partners["kz_unit"] != "national")
                         & ((partners[f"{keys[0]}_events"] + partners[f"{keys[1]}_events"]) > 0)]
        units = units.sort_values(f"{keys[0]}_km", kind="stable").reset_index(drop=True)
        y = np.arange(len(units))
        points = pd.concat([pd.DataFrame({"events": units[f"{key}_events"], "row": y + (i - 0.5) * 0.25,
                                          "region": label})
                            for i, (key, label) in enumerate(zip(keys, labels, strict=True))], ignore_index=True)
        sns.scatterplot(points, x="events", y="row", hue="region", style="region", hue_order=list(labels),
                        style_order=list(labels), palette=colours, markers=markers, s=16, edgecolor="black",
                        linewidth=0.3, legend=False, zorder=3, ax=ax2)
        ticks = [f"{gazetteer.UNITS[u].name_en.split(' (')[0]}  {a:.0f} / {b:.0f} km" for u, a, b in
                 zip(units["kz_unit"], units[f"{keys[0]}_km"], units[f"{keys[1]}_km"], strict=True)]
        ax2.set_yticks(y, ticks)
        ax2.set_ylim(len(units) - 0.5, -0.5)
        ax2.set_ylabel("")
        ax2.set_xlabel("events with the unit")
        ax2.set_xlim(0, max(units[f"{k}_events"].max() for k in keys) + 1)
        ax2.grid(axis="y", color="#dddddd", lw=0.4)
        ax2.set_axisbelow(True)
        handles = [Line2D([], [], ls="", marker=markers[label], color=colours[label], mec="black", mew=0.3, ms=4,
                          label=label) for label in labels]
        fig.legend(handles=handles, loc="outside upper center", ncols=2)  # one key above both panels, off the data
    return fig


def figure_for(all_events: pd.DataFrame, ru_region: str, start_year: int, end_year: int,
               compare_region: str = "Chelyabinsk"):  # pragma: no mutate block
    """The comparison figure from the processed events, as notebook 06 draws it (for the paper export)."""
    studied, other = gazetteer.resolve_ru_region(ru_region), gazetteer.resolve_ru_region(compare_region)
    if other.key == studied.key:
        other = gazetteer.resolve_ru_region("Sverdlovsk")
    a = events_of(all_events, studied.name_en, start_year, end_year)
    b = events_of(all_events, other.name_en, start_year, end_year)
    keys = (studied.key, other.key)
    areas = side_by_side(a, b, keys, "area", AREAS)
    partners = partners_with_distance(a, b, keys, keys)
    return comparison_figure(areas, partners, keys, (studied.name_en, other.name_en))
