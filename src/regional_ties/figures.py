"""Stage 4: the study's figures. Each function answers one question and returns a Figure.

The statistical plots (bars of counts by category, points by unit) are drawn with seaborn's plotting
functions on the axes of `style`'s page sizes and rcParams (no seaborn theme is set, so the journal style
holds); hatches and keys are added on the artists seaborn returns.

`FIGURES` registers every figure with its caption and the processed tables it reads; the
notebook that draws a figure records it in `figures/manifest.json` with `record_in_manifest`.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import colors as mcolors
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.patches import Patch, Rectangle

from . import gazetteer, stats, style
from .contract import AREAS, ARTICLE_PARTNERS, FORMATS
from .outputs import file_sha256, write_json


@dataclass(frozen=True)
class FigureSpec:
    name: str
    function: str  # its name in regional_ties.figures, or a full dotted name when another module draws it
    notebook: str
    caption: str  # may name the region studied: {region} "Sverdlovsk region", {short} "Sverdlovsk", {capital};
    inputs: tuple[str, ...]  # and the article's key partners: {named} "five units"

    def caption_for(self, region: gazetteer.RuSubject, partners: tuple[str, ...] = ARTICLE_PARTNERS) -> str:
        n = len(partners)
        named = f"{_NUMBER_WORDS.get(n, str(n))} unit{'s' if n != 1 else ''}"
        return self.caption.format(region=region.name_en, short=region.short_en, capital=region.capital_en,
                                   named=named)


_NUMBER_WORDS = dict(enumerate(("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")))


def _window_band(ax, start_year, end_year):
    ax.axvspan(start_year - 0.5, end_year + 0.5, color="#eeeeee", zorder=0, lw=0)


def _years_shown(events: pd.DataFrame, start_year: int, end_year: int) -> tuple[int, int]:
    """The window, widened to every year that has an event."""
    years = events["year"].astype(int)
    if not len(years):
        return start_year, end_year
    return int(min(years.min(), start_year)), int(max(years.max(), end_year))


def _stacked_by_year(ax, table: pd.DataFrame, series: tuple[str, ...], colours: dict, names: dict) -> np.ndarray:
    """Bars of events per year (the table's index), stacked by series in their order from the bottom, drawn
    by seaborn's histplot (counts as weights, one bin per year; it stacks the last hue level lowest, hence the
    order reversed); each series hatched as `style.HATCHES`
    gives, for a greyscale print, and keyed by its name. Returns each year's total."""
    long = table[list(series)].rename_axis("year").reset_index().melt(
        id_vars="year", value_vars=list(series), var_name="series", value_name="events")
    sns.histplot(long, x="year", weights="events", hue="series", hue_order=list(series)[::-1], multiple="stack",
                 discrete=True, shrink=0.8, palette=colours, alpha=1, edgecolor="white", linewidth=0.4,
                 legend=False, zorder=2, ax=ax)
    for container in ax.containers:  # seaborn's stacking order is its own: each stack found by its colour
        face = container.patches[0].get_facecolor()
        k = next(i for i, name in enumerate(series) if np.allclose(face[:3], mcolors.to_rgb(colours[name])))
        for bar in container.patches:
            bar.set_hatch(style.HATCHES[k])
            bar.set_label("_")
    ax.set_xlabel("")
    handles = [Patch(facecolor=colours[name], hatch=style.HATCHES[i], edgecolor="white", lw=0.4, label=names[name])
               for i, name in enumerate(series)]
    ax.legend(handles=handles)  # placed by the caller
    return table[list(series)].sum(axis=1).to_numpy()


def events_by_year_area(processed: pd.DataFrame, start_year: int, end_year: int):
    """Events of the Russian region studied per year and area; the analysis window shaded."""
    ev = stats.region_events(processed[["ru_region_match", "year", "area"]])  # the columns drawn, not a copy of all
    lo, hi = _years_shown(ev, start_year, end_year)
    table = stats.year_by_area(ev, lo, hi).set_index("year")
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.4))
        _window_band(ax, start_year, end_year)
        bottom = _stacked_by_year(ax, table, AREAS, style.AREA_COLOURS, {a: a for a in AREAS})
        ax.set_xticks(table.index, [str(y) for y in table.index], rotation=90)
        ax.set_ylabel("events")
        ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.2)  # headroom for the window's label
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.text(start_year - 0.4, ax.get_ylim()[1] * 0.97, f"analysis window {start_year}-{end_year}",
                va="top", ha="left", color=style.GREY)
        ax.legend(handles=ax.get_legend().legend_handles, ncols=6, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    return fig


def events_by_unit(events: pd.DataFrame, partners: tuple[str, ...] = ARTICLE_PARTNERS):
    """Events per Kazakh unit in the analysis, ranked; the units the article names as key partners marked
    (`partners`, the study file's; by default the Sverdlovsk article's)."""
    t = stats.by_unit(events)  # ranked: seaborn sets the first category at the top
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("single", 1.2))
        colours = [style.OKABE_ITO[4] if k in partners else "#9a9a9a" for k in t["kz_unit"]]
        hatches = ["" if k in partners else "///" for k in t["kz_unit"]]
        sns.barplot(t, x="events", y="unit", hue="unit", order=list(t["unit"]), hue_order=list(t["unit"]),
                    palette=dict(zip(t["unit"], colours, strict=True)), orient="h", errorbar=None, legend=False,
                    edgecolor="white", linewidth=0.4, width=0.8, saturation=1, ax=ax)
        for bar in ax.patches:  # one bar per unit, at the unit's row
            bar.set_hatch(hatches[round(bar.get_y() + bar.get_height() / 2)])
        ax.set_ylabel("")
        # every unit gets a visible mark, a unit with no event too: a stub at zero in its colour, and its count
        stub = max(1.0, float(t["events"].max())) * 0.035
        for y, (n, colour) in enumerate(zip(t["events"], colours, strict=True)):
            if n == 0:
                ax.barh(y, stub, color=colour, height=0.8, linewidth=0)
            ax.text(max(n, stub), y, f" {n}", va="center", ha="left", fontsize=style.MIN_PT, color=style.GREY)
        ax.set_xlim(0, max(1.0, float(t["events"].max())) * 1.1)
        ax.set_xlabel("events in the analysis window")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.bar(0, 0, color=style.OKABE_ITO[4], label="named by the article as key partner")
        handles, labels = ax.get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside upper center")
    return fig


GREY_MARK = "#999999"  # the comparison region's marker


@dataclass(frozen=True)
class MapPlace:
    """Where a Russian region sits on the tile map: x in tiles east of the grid's west edge, y in tiles north
    of the line under row 0 (so a Kazakh unit's tile (column c, row r) spans x c to c+1, y -r to 1-r), and
    the side of its marker its label is set on (left, right or above)."""

    x: float
    y: float
    label_side: str


def map_places() -> dict[str, MapPlace]:
    """The schematic places of Russia's regions that border or face Kazakhstan (reference/ru_positions.csv),
    by their key in the gazetteer."""
    import csv
    from importlib import resources

    places = {}
    with resources.files("regional_ties").joinpath("reference/ru_positions.csv").open(encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if row["label_side"] not in ("left", "right", "above"):
                raise ValueError(f"reference/ru_positions.csv, line {line}, column label_side: "
                                 f"{row['label_side']!r}, expected left, right or above")
            places[gazetteer.resolve_ru_region(row["key"].replace("_", " ")).key] = MapPlace(
                float(row["x"]), float(row["y"]), row["label_side"])
    return places


def _place_label(ax, place: MapPlace, text: str, **kw) -> None:
    dx, dy, ha, va = {"left": (-0.12, 0.0, "right", "center"), "right": (0.12, 0.0, "left", "center"),
                      "above": (0.0, 0.12, "center", "bottom")}[place.label_side]
    ax.text(place.x + dx, place.y + dy, text, ha=ha, va=va, fontsize=style.MIN_PT, linespacing=1.0, **kw)


def tile_map(events: pd.DataFrame, region: gazetteer.RuSubject, compare: gazetteer.RuSubject | None = None):
    """A tile-grid map of the 17 units shaded by events, with lines from the capital of the Russian region
    studied (width ~ events). The grid is schematic, and so are the places of the region studied (a star)
    and of a comparison region (a diamond), read from reference/ru_positions.csv for the regions that border
    or face Kazakhstan; a region far from the map is left out, and a note under the map says so.

    A key gives the shades (and the hatching of a unit with no event) and the line widths; the lines run
    over the tiles but under the labels, which sit on a patch of their tile's colour.
    """
    counts = events["kz_unit"].value_counts()
    n_nat = int(counts.get(gazetteer.NATIONAL, 0))
    vmax = max(1, int(counts.drop(gazetteer.NATIONAL, errors="ignore").max()) if len(counts) else 1)
    cmap = plt.get_cmap("Blues")
    places = map_places()
    home = places.get(region.key)

    def shade(n):
        return cmap(0.08 + 0.85 * n / vmax) if n else "white"

    def width(n):
        return 0.5 + 3 * n / vmax

    line_colour = style.OKABE_ITO[5]
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.55))
        for key in gazetteer.SUBNATIONAL_KEYS:
            unit = gazetteer.UNITS[key]
            c, r = unit.grid
            n = int(counts.get(key, 0))
            x, y = c, -r
            if n and home is not None:
                ax.plot([home.x, x + 0.5], [home.y, y + 0.5], color=line_colour,
                        lw=width(n), alpha=0.6, zorder=3, solid_capstyle="round")
            ax.add_patch(Rectangle((x + 0.04, y + 0.04), 0.92, 0.92, facecolor=shade(n), edgecolor="#333333",
                                   lw=0.6, hatch="" if n else "///", zorder=2))
            dark = n / vmax > 0.55
            label = unit.name_en.replace(" (South Kazakhstan)", "\n(S. Kaz.)").replace(" (Nur-Sultan)", "")
            label = label.replace(" Kazakhstan", "\nKazakhstan").replace(" region", "\nregion")
            patch = {"boxstyle": "square,pad=0.15", "facecolor": shade(n), "edgecolor": "none"}
            ax.text(x + 0.5, y + 0.64, label, ha="center", va="center", fontsize=style.MIN_PT,
                    color="white" if dark else "black", zorder=4, bbox=patch, linespacing=1.0)
            ax.text(x + 0.5, y + 0.22, str(n), ha="center", va="center", fontsize=style.MIN_PT + 1,
                    fontweight="bold", color="white" if dark else "black", zorder=4, bbox=patch)
        left_out = []
        for subject, marker, size in ((region, "*", 10), (compare, "D", 5)):
            if subject is None:
                continue
            place = places.get(subject.key)
            if place is None:
                left_out.append(subject.name_en)
                continue
            ax.plot(place.x, place.y, marker=marker, ms=size, color=line_colour if subject is region else GREY_MARK,
                    mec="black", mew=0.3, zorder=5)
            _place_label(ax, place, subject.capital_label.replace(" (", "\n("), zorder=5)
        notes = [f"national / several units: {n_nat}"]
        if left_out:
            notes.append(f"not on this map (far from Kazakhstan): {', '.join(left_out)}")
        ax.text(7.0, -4.0, "\n".join(notes), ha="right", va="top", fontsize=style.MIN_PT, color=style.GREY)
        _tile_map_key(fig, ax, vmax, shade, width, line_colour)
        shown = [p for p in (places.get(r.key) for r in (region, compare) if r is not None) if p is not None]
        ax.set_xlim(min([-0.1] + [p.x - (1.3 if p.label_side == "left" else 0.4) for p in shown]),
                    max([7.1] + [p.x + (1.3 if p.label_side == "right" else 0.4) for p in shown]))
        ax.set_ylim(-4.1, 2.0)
        ax.set_aspect("equal")
        ax.axis("off")
    return fig


def _tile_map_key(fig, ax, vmax: int, shade, width, line_colour) -> None:
    """The tile map's key: a colour bar of the shades (one step per count when counts are few), the
    hatching of a unit with no event, and the widths of the lines."""
    from matplotlib.colorbar import ColorbarBase
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    steps = list(range(1, vmax + 1)) if vmax <= 12 else list(np.linspace(1, vmax, 12))
    bar = ax.inset_axes((4.55, 1.2, 2.45, 0.14), transform=ax.transData)
    cb = ColorbarBase(bar, cmap=ListedColormap([shade(v) for v in steps]),
                      norm=BoundaryNorm(np.arange(0.5, len(steps) + 1), len(steps)), orientation="horizontal")
    ticks = sorted({1, vmax} | (set(range(1, vmax + 1)) if vmax <= 6 else set()))
    cb.set_ticks([1 + (t - 1) * (len(steps) - 1) / max(vmax - 1, 1) for t in ticks], labels=[str(t) for t in ticks])
    cb.ax.tick_params(labelsize=style.MIN_PT, length=2, width=0.4)
    cb.outline.set_linewidth(0.4)
    cb.ax.set_title("events in the analysis window", fontsize=style.MIN_PT, pad=3)
    handles = [Patch(facecolor="white", edgecolor="#333333", hatch="///", lw=0.6, label="no event"),
               Line2D([], [], color=line_colour, alpha=0.6, lw=width(1), label="line: 1 event")]
    if vmax > 1:
        handles.append(Line2D([], [], color=line_colour, alpha=0.6, lw=width(vmax), label=f"line: {vmax} events"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 0.0), fontsize=style.MIN_PT, handlelength=2.2,
              borderaxespad=0.0)


def actor_kinds(events: pd.DataFrame, region: gazetteer.RuSubject):
    """Actor kinds on the side of the Russian region studied and the Kazakh side, by state and non-state."""
    t = stats.actors(events)
    order = t.sort_values(["sector", "actor_kind"], kind="stable")
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("single", 1.0))
        labels = [f"{k.replace('_', ' ')} ({s.replace('_', '-')})"
                  for k, s in zip(order["actor_kind"], order["sector"], strict=True)]
        sides = (f"{region.short_en} side", "Kazakh side")
        long = pd.concat([pd.DataFrame({"kind": labels, "side": side, "events": order[col].to_numpy()})
                          for side, col in zip(sides, ("ru_side", "kz_side"), strict=True)], ignore_index=True)
        sns.barplot(long, x="events", y="kind", hue="side", order=labels, hue_order=list(sides), orient="h",
                    palette=dict(zip(sides, (style.OKABE_ITO[4], style.OKABE_ITO[0]), strict=True)),
                    errorbar=None, edgecolor="white", linewidth=0.3, width=0.8, saturation=1, ax=ax)
        for bar in ax.containers[1]:  # the Kazakh side hatched, for a greyscale print
            bar.set_hatch("///")
        ax.get_legend().remove()
        ax.set_ylabel("")
        ax.set_xlabel("events")
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.legend(list(ax.containers), list(sides), loc="outside upper center", ncols=2)
    return fig


def format_by_year(processed: pd.DataFrame, start_year: int, end_year: int):
    """In person, online, hybrid and unknown formats per year, for the Russian region studied."""
    ev = stats.region_events(processed)
    lo, hi = _years_shown(ev, start_year, end_year)
    t = stats.format_by_year(ev, lo, hi).set_index("year")
    colours = dict(zip(FORMATS, (style.OKABE_ITO[4], style.OKABE_ITO[5], style.OKABE_ITO[6], "#bbbbbb"),
                       strict=True))
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.35))
        _window_band(ax, start_year, end_year)
        bottom = _stacked_by_year(ax, t, FORMATS, colours, {f: f.replace("_", " ") for f in FORMATS})
        ax.set_xticks(t.index, [str(y) for y in t.index], rotation=90)
        ax.set_ylabel("events")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.3)
        ax.legend(handles=ax.get_legend().legend_handles, ncols=4, loc="upper left")
    return fig


#: What a legal document's title says at length that its row in the timeline need not: the parties of a
#: national document (the same two states for every one of them) and a clause after the subject.
_TITLE_CUTS = (
    (re.compile(r"\s*\([^)]*\)"), ""),  # a parenthesis: places, dates, notes
    (re.compile(r",? (whose|which|signed|adopted|approved)\b.*$"), ""),
    (re.compile(r"\s*:.*$"), ""),
    (re.compile(r" between the (Government|Governments|Ministry|Ministries)\b.*?(Russian Federation|Russia|"
                r"Republic of Kazakhstan|Kazakhstan)(?= on | in | for |$)"), ""),
    (re.compile(r" (between|of) (the )?(Russian Federation|Russia) and (the )?(Republic of Kazakhstan|Kazakhstan)"
                r"|( between| of) (the )?(Republic of Kazakhstan|Kazakhstan) and (the )?(Russian Federation|Russia)"),
     ""),
    (re.compile(r" \((RF|RK)\)"), ""),
)
LABEL_CHARS = 46  # a title's line in the timeline's label column, two lines at most


def short_title(title: str, width: int = LABEL_CHARS, lines: int = 2) -> list[str]:
    """A legal document's title as at most `lines` lines of `width` characters: the parties of a national
    document and any clause after the subject left out; what still does not fit ends at a whole word with
    an ellipsis, never mid-word."""
    short = title
    for pattern, repl in _TITLE_CUTS:
        short = pattern.sub(repl, short)
    short = short.strip() or title
    room = width * lines
    while len(wrapped := textwrap.wrap(textwrap.shorten(short, room, placeholder=" \u2026"), width)) > lines:
        room -= 4
    return wrapped


def legal_timeline(docs: pd.DataFrame, start_year: int, end_year: int, last_year: int = 2025):
    """Each legal document as a bar from entry into force (or signature) to expiry (open: to the edge)."""
    d = docs.copy()
    d["s"] = pd.to_numeric(d["force_start"], errors="coerce")
    d["e"] = pd.to_numeric(d["force_end"], errors="coerce")
    d = d.dropna(subset=["s"]).sort_values(["level", "s", "doc_id"], kind="stable")
    lo = int(min(d["s"].min(), start_year)) if len(d) else start_year
    levels = ("national", "regional", "municipal", "institutional")
    colours = dict(zip(levels, (style.OKABE_ITO[4], style.OKABE_ITO[0], style.OKABE_ITO[2], style.OKABE_ITO[6]),
                       strict=True))
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.15 + 0.05 * max(len(d), 3)))
        _window_band(ax, start_year, end_year)
        titles = []
        for i, row in enumerate(d.itertuples()):
            # a document in force from year s to year e covers the whole of both: s - 0.5 to e + 0.5
            end = row.e + 0.5 if not np.isnan(row.e) else last_year + 0.5
            ax.barh(i, end - (row.s - 0.5), left=row.s - 0.5, color=colours[row.level], height=0.6,
                    hatch="" if not np.isnan(row.e) else "///", edgecolor="white", linewidth=0.3, zorder=2)
            titles.append(f"{row.doc_id}  " + "\n".join(short_title(row.title_en, LABEL_CHARS)))
        ax.set_yticks(range(len(d)), titles, fontsize=style.MIN_PT, linespacing=1.0)
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(len(d) - 0.5, -0.5)
        ax.set_xlim(lo - 0.5, last_year + 0.5)
        ax.spines["left"].set_visible(False)
        for lv in levels:
            ax.barh(0, 0, color=colours[lv], label=lv)
        handles, labels = ax.get_legend_handles_labels()
        fig.legend(handles, labels, ncols=4, loc="outside upper center")
        undated = int(pd.to_numeric(docs["force_start"], errors="coerce").isna().sum())
        ax.set_xlabel("year (hatched: no end date, open-ended)"
                      + (f"\n{undated} document(s) without a known date not shown" if undated else ""))
    return fig


def _outcome(f: dict) -> str:
    return str(f.get("outcome") or f.get("verdict") or "unknown")


def claim_thresholds(f: dict) -> list[tuple[float, str]]:
    """A claim's threshold(s) as (value, label): from its `thresholds` list (numbers, or records with a
    `value` and an optional `label`), else from the single `threshold` of its detail; none if neither."""
    out = []
    raw = f.get("thresholds")
    if raw is None:
        one = (f.get("detail") or {}).get("threshold")
        raw = [] if one is None else [one]
    for t in raw:
        if isinstance(t, dict):
            if t.get("value") is not None:
                out.append((float(t["value"]), str(t.get("label") or f"threshold {float(t['value']):g}")))
        elif t is not None:
            out.append((float(t), f"threshold {float(t):g}"))
    return out


_DIRECTION = {"at_least": "\u2265", "above": ">", "below": "<", "at_most": "\u2264"}
_NO_INTERVAL = {"census": "a census: no sampling interval", "fixed": "observed, not resampled",
                "probability": "a share of the resamples"}


def claim_conditions(f: dict) -> list[dict]:
    """What a claim's panels show, one record per condition of its rule: words, value, interval, thresholds,
    kind of number and status. A claim given as one statistic (value, interval, thresholds) is one condition."""
    specs = (f.get("record") or {}).get("conditions")
    results = f.get("conditions")
    if specs and results:
        out = []
        for spec, res in zip(specs, results, strict=False):
            sign = _DIRECTION.get(spec.get("direction", ""), "")
            thresholds = []
            if spec.get("threshold") is not None:
                thresholds.append((float(spec["threshold"]), f"{sign} {float(spec['threshold']):g}".strip()))
            if spec.get("fail_threshold") is not None:
                cut = float(spec["fail_threshold"])
                side = ">" if spec.get("direction") in ("below", "at_most") else "<"
                thresholds.append((cut, f"not supported {side} {cut:g}"))
            out.append({"words": spec.get("words") or spec.get("name", ""), "value": res.get("value"),
                        "low": res.get("low"), "high": res.get("high"), "thresholds": thresholds,
                        "kind": spec.get("kind", ""), "summary": spec.get("summary", ""),
                        "status": res.get("status") or ""})
        return out
    interval = f.get("interval") or [None, None]
    return [{"words": f.get("statistic", ""), "value": f.get("value"), "low": interval[0], "high": interval[1],
             "thresholds": claim_thresholds(f), "kind": "", "summary": "" if f.get("interval") else "unsampled",
             "status": ""}]


def _condition_scale(c: dict) -> tuple[float, float]:
    """A condition's own x range: 0 to 1 for a share or a probability, else around the numbers shown."""
    numbers = [v for v in (c["value"], c["low"], c["high"]) if v is not None] + [t for t, _ in c["thresholds"]]
    if c["kind"] in ("share", "probability") or (numbers and min(numbers) >= 0 and max(numbers) <= 1):
        return -0.02, 1.02
    low, top = min(numbers + [0.0]), max(numbers + [1.0])
    if c["kind"] == "count":
        return low - 0.5, top + 0.5
    span = top - low
    return low - 0.04 * span, top + 0.12 * span


def _condition_panel(ax, c: dict, colour: str, n) -> None:
    lo, hi = _condition_scale(c)
    ax.set_xlim(lo, hi)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="x", labelsize=style.MIN_PT, length=2, pad=1)
    for k, (t, label) in enumerate(c["thresholds"]):  # the first to the right of its line, a second to the left
        # from above the point's row: the lower part of the panel keeps room for a note under the point
        ax.axvline(t, ymin=0.32, color="black", lw=0.6, ls="--" if k == 0 else ":", zorder=1)
        ax.text(t, 0.95, f" {label} " if k == 0 else f"{label} ", fontsize=style.MIN_PT, va="top",
                ha="left" if k == 0 else "right", color=style.GREY, zorder=3)
    if c["value"] is None:
        ax.text(0.5, 0.1, f"too few events to compute it (n = {n})", transform=ax.transAxes, ha="center",
                va="center", fontsize=style.MIN_PT, color=colour)
        return
    has_interval = c["low"] is not None and c["high"] is not None and c["low"] != c["high"]
    if has_interval:
        ax.plot([c["low"], c["high"]], [0, 0], color=colour, lw=2.2, solid_capstyle="butt", zorder=2)
    ax.plot(c["value"], 0, "o", color=colour, ms=4.5, mec="black", mew=0.4, zorder=4)
    if not has_interval:
        note = _NO_INTERVAL.get(c["summary"], "no interval: not a sample")
        where = (c["value"] - lo) / (hi - lo)
        ax.text(c["value"], -0.4, note, fontsize=style.MIN_PT, va="top", color=style.GREY,
                ha="left" if where < 0.25 else "right" if where > 0.75 else "center")


def claim_verdicts(findings: list[dict]):
    """One row per claim, and in it one small panel per condition of the claim's rule, each on its own
    scale: the value with its 95% interval, the threshold(s) as dashed (and dotted) lines, the claim's
    outcome. A claim with too few events to compute a value says so instead of showing a point."""
    rows = [(f, claim_conditions(f)) for f in findings]
    n_rows = max(len(rows), 1)
    with style.styled():
        fig = plt.figure(figsize=style.figsize("double", 0.06 + 0.15 * n_rows))
        subfigs = np.atleast_1d(fig.subfigures(n_rows, 1))
        for sub, (f, conditions) in zip(subfigs, rows, strict=False):
            outcome = _outcome(f)
            colour = style.VERDICT_COLOURS.get(outcome, style.GREY)
            axes = np.atleast_1d(sub.subplots(1, max(len(conditions), 1)))
            chars = int(fig.get_figwidth() * 72 / len(axes) / (0.58 * style.MIN_PT))  # characters on a panel's width
            for ax, c in zip(axes, conditions, strict=False):
                _condition_panel(ax, c, colour, f.get("n"))
                label = c["words"] + (f": {c['status']}" if c["status"] else "")
                ax.set_xlabel(textwrap.fill(label, chars), fontsize=style.MIN_PT, labelpad=1)
            name = f["id"].split("_")[0] + " " + (f.get("title") or " ".join(f["id"].split("_")[1:]))
            axes[0].set_title(name, loc="left", fontsize=style.MIN_PT, pad=2, fontweight="bold")
            words = outcome.replace("_", " ") + (" (borderline)" if f.get("borderline") else "")
            axes[-1].set_title(f"{words}, n = {f.get('n')}", loc="right", fontsize=style.MIN_PT, pad=2, color=colour,
                               fontweight="bold")
    return fig


#: The choices beneath the specification curve, in order, with the order of their options (light to dark).
SPEC_CHOICES = (
    ("rule", "rule", ("current", "as_first_committed")),
    ("data_variant", "data", ("main", "state_institutions_as_non_state", "two_or_more_sources", "without_national")),
    ("window", "window", ("study", "widened", "narrowed")),
    ("reading", "reading", None),
    ("interval_method", "interval", ("none", "percentile", "shifted")),
    ("margin_scale", "margin", (0.0, 1.0, 2.0)),
    ("ties", "ties", ("study", "other")),
    ("cuts", "cuts", None),
)
_OUTCOME_ORDER = {"supported": 0, "inconclusive": 1, "too_few_events": 2, "not_supported": 3}


def specification_curve(grid: pd.DataFrame):
    """For each claim, every specification of its multiverse ordered by the estimate of its first condition:
    the estimate with its 95% interval (the headline specification marked), and beneath it the outcome
    (coloured) and the choices that make the specification, one row per axis, options shaded light to dark."""
    claims = list(dict.fromkeys(grid["claim"]))
    cols = 2
    rows_n = (len(claims) + cols - 1) // cols
    with style.styled():
        fig = plt.figure(figsize=style.figsize("double", 0.265 * rows_n))
        # placed by hand (the curve and its choices touch): no layout engine, not even when saved in the style
        fig.set_layout_engine(PlaceHolderLayoutEngine(adjust_compatible=True, colorbar_gridspec=True))
        outer = fig.add_gridspec(rows_n, cols, hspace=0.3, wspace=0.2, top=0.93, bottom=0.01, left=0.09,
                                 right=0.99)
        for i, claim in enumerate(claims):
            g = grid[grid["claim"] == claim].copy()
            g["_est"] = pd.to_numeric(g["estimate"], errors="coerce")
            g["_o"] = g["outcome"].map(_OUTCOME_ORDER)
            g = g.sort_values(["_est", "_o", "spec"], na_position="last", kind="stable").reset_index(drop=True)
            inner = outer[i // cols, i % cols].subgridspec(2, 1, height_ratios=[1.0, 1.1], hspace=0.04)
            ax, axc = fig.add_subplot(inner[0]), fig.add_subplot(inner[1])
            est = g["_est"].to_numpy()
            low = pd.to_numeric(g["low"], errors="coerce").to_numpy()
            high = pd.to_numeric(g["high"], errors="coerce").to_numpy()
            # the cuts, margins and ties do not move the estimate: one band per run of equal estimates
            key = np.round(np.nan_to_num(np.column_stack([est, low, high]), nan=-1e9), 6)
            starts = np.flatnonzero(np.r_[True, (key[1:] != key[:-1]).any(axis=1)])
            ends = np.r_[starts[1:], len(g)] - 1
            for a, b in zip(starts, ends, strict=True):
                if np.isfinite(low[a]) and np.isfinite(high[a]):
                    ax.fill_between([a - 0.5, b + 0.5], low[a], high[a], color="#cccccc", lw=0)
                if np.isfinite(est[a]):
                    ax.plot([a - 0.5, b + 0.5], [est[a], est[a]], color="black", lw=0.8, solid_capstyle="butt")
            head = np.flatnonzero(g["headline"].astype(str) == "True")
            if len(head):
                ax.axvline(head[0], color="black", lw=0.6, ls=":")
            ax.set_xlim(-0.5, len(g) - 0.5)
            ax.set_xticks([])
            ax.tick_params(axis="y", labelsize=7, length=2, pad=1)
            ax.set_title(f"{claim.split('_')[0]}: {len(g)} specifications", loc="left", fontsize=7, pad=2)
            outcome_rgb = np.array([matplotlib.colors.to_rgb(style.VERDICT_COLOURS.get(o, style.GREY))
                                    for o in g["outcome"]])
            image, labels = [], []
            for col, label, order in SPEC_CHOICES:
                values = g[col].tolist()
                opts = list(order) if order else sorted(set(map(str, values)))
                if order is None:
                    values = [str(v) for v in values]
                idx = np.array([opts.index(v) if v in opts else 0 for v in values], dtype=float)
                image.append(idx / max(len(opts) - 1, 1) if len(opts) > 1 else np.zeros(len(g)))
                labels.append(label)
            grey = 1 - (0.08 + 0.92 * np.vstack(image))  # light to dark
            rgb = np.concatenate([outcome_rgb[None, :, :], np.repeat(grey[:, :, None], 3, axis=2)], axis=0)
            labels = ["outcome", *labels]
            axc.imshow(rgb, aspect="auto", interpolation="nearest")
            axc.set_yticks(range(len(labels)), labels, fontsize=7)
            axc.set_xticks([])
            axc.tick_params(axis="y", length=0, pad=1)
            for side in ("top", "right", "bottom", "left"):
                axc.spines[side].set_visible(False)
        handles = [plt.Line2D([], [], marker="s", ls="", color=c, ms=4, label=o.replace("_", " "))
                   for o, c in style.VERDICT_COLOURS.items()]
        handles += [plt.Line2D([], [], color="black", lw=0.8, label="estimate"),
                    Rectangle((0, 0), 1, 1, color="#cccccc", label="95% interval"),
                    plt.Line2D([], [], color="black", ls=":", lw=0.6, label="headline specification")]
        fig.legend(handles=handles, loc="upper center", ncols=4, fontsize=7, frameon=False, handletextpad=0.3,
                   columnspacing=1.0,
                   bbox_to_anchor=(0.5, 1.0), borderaxespad=0.2)
    return fig


FIGURES = {
    s.name: s
    for s in (
        FigureSpec("fig1_events_by_year_area", "events_by_year_area", "04_figures",
                   "Events of {region} with Kazakh partners per year, by area; the analysis "
                   "window is shaded.", ("events.csv",)),
        FigureSpec("fig2_events_by_unit", "events_by_unit", "04_figures",
                   "Events per Kazakh partner unit in the analysis window, ranked; the {named} the article "
                   "names as key partners in blue.", ("events.csv",)),
        FigureSpec("fig3_tile_map", "tile_map", "04_figures",
                   "Tile-grid map of Kazakhstan's 17 units as divided since June 2018, shaded by events in the "
                   "analysis window; line width from {capital} grows with events. Shymkent became a city of "
                   "national significance, separate from South Kazakhstan (now Turkistan), only in 2018: its "
                   "earlier events count for Turkistan.", ("events.csv",)),
        FigureSpec("fig4_actor_kinds", "actor_kinds", "04_figures",
                   "Kinds of actors on the {short} and the Kazakh side, with their sector.", ("events.csv",)),
        FigureSpec("fig5_format_by_year", "format_by_year", "04_figures",
                   "Format of the events per year: in person, online, hybrid or unknown.", ("events.csv",)),
        FigureSpec("fig6_legal_timeline", "legal_timeline", "04_figures",
                   "The legal basis of {region}: national documents and the regional ones it is a party to, "
                   "each from entry into force to expiry; the analysis window shaded.",
                   ("legal_documents.csv",)),
        FigureSpec("fig7_claim_verdicts", "claim_verdicts", "05_findings",
                   "The article's claims tested against the data, one row per claim and one panel per condition "
                   "of its rule, each on its own scale: the value with its 95% interval, the threshold (dashed) "
                   "and the claim's outcome.", ("events.csv", "legal_documents.csv")),
        FigureSpec("fig9_comparison", "regional_ties.comparison.comparison_figure", "06_comparison",
                   "{region} beside a comparison region compiled by the same protocol, in the analysis window: "
                   "the share of each area (left, hatched: the comparison region) and the events with each "
                   "Kazakh partner unit (right), the units ordered by their distance from {capital}; the labels "
                   "give the distance from each region's capital.", ("events.csv",)),
        FigureSpec("fig8_specification_curve", "specification_curve", "05_findings",
                   "The multiverse of each claim: every specification ordered by the estimate of the claim's first "
                   "condition (line) with its 95% interval (grey band); dotted: the pre-stated specification, the "
                   "headline. Beneath, the outcome of each specification in colour, then its choices, shaded light "
                   "to dark in this order: rule "
                   "(as it stands, as first committed); data (all, state institutions as non-state, two or more "
                   "sources, without national or multi-unit parties); window (the study's, one year wider, one "
                   "narrower on each side); reading (the claim's readings, alphabetically); interval (none, "
                   "percentile, shifted by the resampling bias); margin (none, the study's, twice it); ties (the "
                   "study's convention, the other); cuts (the combinations of cuts tried).",
                   ("events.csv", "legal_documents.csv")),
    )
}


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return path.as_posix()


def size_mm(pdf: str | Path) -> list[float]:
    """Width and height of a one-page PDF figure in mm (from its MediaBox), to 0.1 mm."""
    m = re.search(rb"/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\]",
                  Path(pdf).read_bytes())
    if not m:
        raise ValueError(f"{pdf}: no MediaBox, not a PDF figure")
    x0, y0, x1, y1 = (float(v) for v in m.groups())
    return [round((x1 - x0) / 72 * 25.4, 1), round((y1 - y0) / 72 * 25.4, 1)]


def record_in_manifest(figures_dir: str | Path, name: str, paths: list[Path], inputs: list[Path], *,
                       region: gazetteer.RuSubject, partners: tuple[str, ...] = ARTICLE_PARTNERS) -> Path:
    """Add or replace one figure's entry in figures/manifest.json (entries sorted by name), its caption
    written for the Russian region studied and the article's key partners; entries of figures no longer
    registered are dropped.

    Input paths are relative to the output root (the folder above figures/), so that the manifest
    reads the same wherever the chain writes its outputs.
    """
    figures_dir = Path(figures_dir)
    root = figures_dir.resolve().parent
    spec = FIGURES[name]
    manifest_path = figures_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    manifest = {k: v for k, v in manifest.items() if k in FIGURES}  # a figure no longer drawn leaves the set
    manifest[name] = {
        "caption": spec.caption_for(region, partners),
        "notebook": f"notebooks/{spec.notebook}.ipynb",
        "function": spec.function if "." in spec.function else f"regional_ties.figures.{spec.function}",
        "files": [p.name for p in paths],
        "size_mm": size_mm(next(p for p in paths if p.suffix == ".pdf")),
        "inputs": [{"path": _rel(Path(p).resolve(), root), "sha256": file_sha256(p)} for p in inputs],
    }
    write_json(manifest_path, dict(sorted(manifest.items())))
    return manifest_path


def draw(name: str, fig, figures_dir: str | Path, inputs: list[Path], *, region: gazetteer.RuSubject,
         partners: tuple[str, ...] = ARTICLE_PARTNERS) -> list[Path]:
    """Save a figure in every format and record it in the manifest (captions: see FigureSpec.caption_for)."""
    paths = style.save(fig, Path(figures_dir) / name)
    record_in_manifest(figures_dir, name, paths, inputs, region=region, partners=partners)
    return paths
