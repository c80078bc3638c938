"""Stage 6: the region studied against a comparison region compiled by the same protocol.

Only what the two compilations share is compared: the same tables and codebook, the same window, the
events of each region (the processed events hold every row; each region's rows are picked by the
gazetteer). For the article's claims about partners (C2), growth from within (C4) and concentration
(C6), the difference between the two regions is estimated with a 95% interval:

* shares (events with a named key partner; events with no authority on either side): the difference
  of two independent proportions with Newcombe's hybrid score interval (method 10 of Newcombe 1998),
  which needs no resampling and so no seed;
* concentration (normalised Herfindahl index over partner units and over areas): a multinomial bootstrap
  of each region's counts, many draws with a fixed seed, the Monte-Carlo error reported;
* distance: each partner unit's administrative centre, km from the region's capital (coordinates with
  their sources in reference/capitals.csv), as a covariate shown next to the counts.
"""

from __future__ import annotations

import math
from importlib import resources

import numpy as np
import pandas as pd

from . import gazetteer
from .claims import normalized_hhi
from .clean import region_match
from .contract import AREAS, ARTICLE_PARTNERS, AUTHORITY_KINDS

Z = 1.959963984540054  # the 97.5% point of the standard normal


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


def _government_led(ev: pd.DataFrame) -> pd.Series:
    return ev["ru_actor_kind"].isin(AUTHORITY_KINDS) | ev["kz_actor_kind"].isin(AUTHORITY_KINDS)


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


def newcombe_difference(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float, float]:
    """p1 - p2 with Newcombe's hybrid score 95% interval (from the two Wilson intervals)."""
    def wilson(x, n):
        p = x / n
        centre = (p + Z ** 2 / (2 * n)) / (1 + Z ** 2 / n)
        half = Z * math.sqrt(p * (1 - p) / n + Z ** 2 / (4 * n ** 2)) / (1 + Z ** 2 / n)
        return p, centre - half, centre + half

    p1, l1, u1 = wilson(x1, n1)
    p2, l2, u2 = wilson(x2, n2)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return round(d, 4), round(low, 4), round(high, 4)


def hhi_difference(c1: np.ndarray, c2: np.ndarray, n_boot: int = 20000, *, seed: int) -> dict:
    """Difference of normalised HHI (region 1 - region 2) with a bootstrap 95% interval and its MC error."""
    rng = np.random.default_rng(seed)
    c1, c2 = np.asarray(c1, float), np.asarray(c2, float)
    d1 = rng.multinomial(int(c1.sum()), c1 / c1.sum(), size=n_boot)
    d2 = rng.multinomial(int(c2.sum()), c2 / c2.sum(), size=n_boot)
    diff = normalized_hhi(d1) - normalized_hhi(d2)
    lo, hi = np.percentile(diff, [2.5, 97.5])
    # Monte-Carlo error of the interval's ends (binomial error of the 2.5% quantile, in index terms)
    mc = float(np.std(diff) * math.sqrt(0.025 * 0.975 / n_boot) / 0.0584)
    return {"difference": round(float(normalized_hhi(c1)[0] - normalized_hhi(c2)[0]), 4), "low": round(float(lo), 4),
            "high": round(float(hi), 4), "monte_carlo_error": round(mc, 4), "draws": n_boot}


def _reading(low: float, high: float, names: tuple[str, str], what: str) -> str:
    if low > 0:
        return f"{names[0]} has the higher {what}; the interval excludes no difference."
    if high < 0:
        return f"{names[1]} has the higher {what}; the interval excludes no difference."
    return f"the interval includes no difference: the open record cannot tell the two regions apart on {what}."


def claim_differences(a: pd.DataFrame, b: pd.DataFrame, names: tuple[str, str], n_boot: int = 20000, *,
                      seed: int, partners: tuple[str, ...] = ARTICLE_PARTNERS) -> pd.DataFrame:
    """For claims 2, 4 and 6: the statistic in each region and the difference with its interval; `partners`:
    the Kazakh units the article names (the study file's; by default the Sverdlovsk article's)."""
    rows = []
    for claim, label, hit in (
        ("C2_partners", "share of events with a named key partner", lambda ev: ev["kz_unit"].isin(partners)),
        ("C4_from_within", "share of events with no authority on either side", lambda ev: ~_government_led(ev)),
    ):
        x1, x2 = int(hit(a).sum()), int(hit(b).sum())
        d, lo, hi = newcombe_difference(x1, len(a), x2, len(b))
        rows.append({"claim": claim, "statistic": label, f"{names[0]}": round(x1 / len(a), 4),
                     f"{names[1]}": round(x2 / len(b), 4), "n_" + names[0]: len(a), "n_" + names[1]: len(b),
                     "difference": d, "low": lo, "high": hi, "method": "Newcombe hybrid score",
                     "reading": _reading(lo, hi, names, label)})
    units = [u for u in gazetteer.UNITS if u != "national"]
    for label, column, cats, keep in (
        ("concentration over partner units (normalised HHI)", "kz_unit", units, lambda ev: ev["kz_unit"] != "national"),
        ("concentration over areas (normalised HHI)", "area", list(AREAS), lambda ev: ev["area"] != ""),
    ):
        c1 = a.loc[keep(a), column].value_counts().reindex(cats, fill_value=0).to_numpy()
        c2 = b.loc[keep(b), column].value_counts().reindex(cats, fill_value=0).to_numpy()
        r = hhi_difference(c1, c2, n_boot, seed=seed)
        rows.append({"claim": "C6_concentration", "statistic": label,
                     f"{names[0]}": round(float(normalized_hhi(c1)[0]), 4),
                     f"{names[1]}": round(float(normalized_hhi(c2)[0]), 4),
                     "n_" + names[0]: int(c1.sum()), "n_" + names[1]: int(c2.sum()),
                     "difference": r["difference"], "low": r["low"], "high": r["high"],
                     "method": f"multinomial bootstrap, {r['draws']} draws, Monte-Carlo error {r['monte_carlo_error']}",
                     "reading": _reading(r["low"], r["high"], names, label)})
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


def comparison_figure(areas: pd.DataFrame, partners: pd.DataFrame, keys: tuple[str, str], labels: tuple[str, str]):
    """Two panels: the share of each area in the two regions; the events with each partner unit, the units
    ordered by distance from the region studied (distances from both capitals in the labels)."""
    import matplotlib.pyplot as plt

    from . import style

    colours = (style.OKABE_ITO[4], style.OKABE_ITO[0])
    with style.styled():
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=style.figsize("double", 0.42))
        y0 = np.arange(len(areas))
        for i, (key, label) in enumerate(zip(keys, labels, strict=True)):
            ax1.barh(y0 + (i - 0.5) * 0.38, areas[f"{key}_share"], height=0.38, color=colours[i], label=label,
                     hatch=("" if i == 0 else "///"), edgecolor="white", lw=0.3)
        ax1.set_yticks(y0, areas["area"])
        ax1.invert_yaxis()
        ax1.set_xlabel("share of the region's events")
        ax1.set_xlim(0, 1)
        ax1.legend(loc="upper right")
        units = partners[(partners["kz_unit"] != "national")
                         & ((partners[f"{keys[0]}_events"] + partners[f"{keys[1]}_events"]) > 0)]
        units = units.sort_values(f"{keys[0]}_km", kind="stable").reset_index(drop=True)
        y = np.arange(len(units))
        for i, (key, label) in enumerate(zip(keys, labels, strict=True)):
            ax2.scatter(units[f"{key}_events"], y + (i - 0.5) * 0.25, s=16, color=colours[i],
                        marker="o" if i == 0 else "s", label=label, zorder=3, edgecolor="black", lw=0.3)
        ticks = [f"{gazetteer.UNITS[u].name_en.split(' (')[0]}  {a:.0f} / {b:.0f} km" for u, a, b in
                 zip(units["kz_unit"], units[f"{keys[0]}_km"], units[f"{keys[1]}_km"], strict=True)]
        ax2.set_yticks(y, ticks)
        ax2.invert_yaxis()
        ax2.set_xlabel("events with the unit")
        ax2.set_xlim(0, max(units[f"{k}_events"].max() for k in keys) + 1)
        ax2.grid(axis="y", color="#dddddd", lw=0.4)
        ax2.legend(loc="lower right")
    return fig


def figure_for(all_events: pd.DataFrame, ru_region: str, start_year: int, end_year: int,
               compare_region: str = "Chelyabinsk"):
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
