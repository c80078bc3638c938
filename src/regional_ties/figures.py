"""Stage 4: the study's figures. Each function answers one question and returns a Figure.

`FIGURES` registers every figure with its caption and the processed tables it reads; the
notebook that draws a figure records it in `figures/manifest.json` with `record_in_manifest`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from . import gazetteer, stats, style
from .contract import AREAS, ARTICLE_PARTNERS, FORMATS
from .outputs import file_sha256, write_json


@dataclass(frozen=True)
class FigureSpec:
    name: str
    function: str
    notebook: str
    caption: str  # may name the region studied: {region} "Sverdlovsk region", {short} "Sverdlovsk", {capital}
    inputs: tuple[str, ...]

    def caption_for(self, region: gazetteer.RuSubject) -> str:
        return self.caption.format(region=region.name_en, short=region.short_en, capital=region.capital_en)


def _window_band(ax, start_year, end_year):
    ax.axvspan(start_year - 0.5, end_year + 0.5, color="#eeeeee", zorder=0, lw=0)


def _years_shown(events: pd.DataFrame, start_year: int, end_year: int) -> tuple[int, int]:
    """The window, widened to every year that has an event."""
    years = events["year"].astype(int)
    if not len(years):
        return start_year, end_year
    return int(min(years.min(), start_year)), int(max(years.max(), end_year))


def events_by_year_area(processed: pd.DataFrame, start_year: int, end_year: int):
    """Events of the Russian region studied per year and area; the analysis window shaded."""
    ev = stats.region_events(processed)
    lo, hi = _years_shown(ev, start_year, end_year)
    table = stats.year_by_area(ev, lo, hi).set_index("year")
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.4))
        _window_band(ax, start_year, end_year)
        bottom = np.zeros(len(table))
        for i, area in enumerate(AREAS):
            vals = table[area].to_numpy()
            ax.bar(table.index, vals, bottom=bottom, color=style.AREA_COLOURS[area], hatch=style.HATCHES[i],
                   edgecolor="white", linewidth=0.4, label=area, zorder=2)
            bottom += vals
        ax.set_xticks(table.index, [str(y) for y in table.index], rotation=90)
        ax.set_ylabel("events")
        ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.2)  # headroom for the window's label
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.text(start_year - 0.4, ax.get_ylim()[1] * 0.97, f"analysis window {start_year}-{end_year}",
                va="top", ha="left", color=style.GREY)
        ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    return fig


def events_by_unit(events: pd.DataFrame):
    """Events per Kazakh unit in the analysis, ranked; the five units named by the article marked."""
    t = stats.by_unit(events).iloc[::-1]
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("single", 1.2))
        colours = [style.OKABE_ITO[4] if k in ARTICLE_PARTNERS else "#9a9a9a" for k in t["kz_unit"]]
        hatches = ["" if k in ARTICLE_PARTNERS else "///" for k in t["kz_unit"]]
        bars = ax.barh(t["unit"], t["events"], color=colours, edgecolor="white", linewidth=0.4)
        for b, h in zip(bars, hatches, strict=True):
            b.set_hatch(h)
        ax.set_xlabel("events in the analysis window")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.bar(0, 0, color=style.OKABE_ITO[4], label="named by the article as key partner")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0))
    return fig


def tile_map(events: pd.DataFrame, region: gazetteer.RuSubject):
    """A tile-grid map of the 17 units shaded by events, with lines from the capital of the Russian region
    studied (width ~ events). The grid is schematic, and so is the capital's star, north-west of the grid."""
    counts = events["kz_unit"].value_counts()
    n_nat = int(counts.get(gazetteer.NATIONAL, 0))
    vmax = max(1, int(counts.drop(gazetteer.NATIONAL, errors="ignore").max()) if len(counts) else 1)
    cmap = plt.get_cmap("Blues")
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.55))
        ekb = (1.2, 1.55)
        for key in gazetteer.SUBNATIONAL_KEYS:
            unit = gazetteer.UNITS[key]
            c, r = unit.grid
            n = int(counts.get(key, 0))
            x, y = c, -r
            if n:
                ax.plot([ekb[0], x + 0.5], [ekb[1], y + 0.5], color=style.OKABE_ITO[5],
                        lw=0.5 + 3 * n / vmax, alpha=0.6, zorder=1, solid_capstyle="round")
            ax.add_patch(Rectangle((x + 0.04, y + 0.04), 0.92, 0.92, facecolor=cmap(0.08 + 0.85 * n / vmax)
                                   if n else "white", edgecolor="#333333", lw=0.6, hatch="" if n else "///",
                                   zorder=2))
            dark = n / vmax > 0.55
            label = unit.name_en.replace(" (South Kazakhstan)", "\n(S. Kaz.)").replace(" (Nur-Sultan)", "")
            label = label.replace(" Kazakhstan", "\nKazakhstan").replace(" region", "\nregion")
            ax.text(x + 0.5, y + 0.62, label, ha="center", va="center", fontsize=5.5,
                    color="white" if dark else "black", zorder=3)
            ax.text(x + 0.5, y + 0.22, str(n), ha="center", va="center", fontsize=7, fontweight="bold",
                    color="white" if dark else "black", zorder=3)
        ax.plot(*ekb, marker="*", ms=10, color=style.OKABE_ITO[5], zorder=4)
        ax.text(ekb[0] + 0.15, ekb[1], region.capital_label, va="center", fontsize=6.5)
        ax.text(7.0, -4.0, f"national / several units: {n_nat}", ha="right", va="top", fontsize=6.5,
                color=style.GREY)
        ax.set_xlim(-0.1, 7.1)
        ax.set_ylim(-4.1, 2.0)
        ax.set_aspect("equal")
        ax.axis("off")
    return fig


def actor_kinds(events: pd.DataFrame, region: gazetteer.RuSubject):
    """Actor kinds on the side of the Russian region studied and the Kazakh side, by state and non-state."""
    t = stats.actors(events)
    order = t.sort_values(["sector", "actor_kind"], kind="stable")
    y = np.arange(len(order))
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("single", 1.0))
        ax.barh(y - 0.2, order["ru_side"], height=0.4, color=style.OKABE_ITO[4], label=f"{region.short_en} side")
        ax.barh(y + 0.2, order["kz_side"], height=0.4, color=style.OKABE_ITO[0], hatch="///",
                edgecolor="white", linewidth=0.3, label="Kazakh side")
        ax.set_yticks(y, [f"{k.replace('_', ' ')} ({s.replace('_', '-')})"
                          for k, s in zip(order["actor_kind"], order["sector"], strict=True)])
        ax.invert_yaxis()
        ax.set_xlabel("events")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
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
        bottom = np.zeros(len(t))
        for i, f in enumerate(FORMATS):
            ax.bar(t.index, t[f], bottom=bottom, color=colours[f], hatch=style.HATCHES[i], edgecolor="white",
                   linewidth=0.4, label=f.replace("_", " "), zorder=2)
            bottom += t[f].to_numpy()
        ax.set_xticks(t.index, [str(y) for y in t.index], rotation=90)
        ax.set_ylabel("events")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(0, max(1.0, float(bottom.max())) * 1.3)
        ax.legend(ncols=4, loc="upper left")
    return fig


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
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.15 + 0.04 * max(len(d), 3)))
        _window_band(ax, start_year, end_year)
        titles = []
        for i, row in enumerate(d.itertuples()):
            end = row.e if not np.isnan(row.e) else last_year + 0.5
            ax.barh(i, end - row.s + 0.5, left=row.s - 0.5, color=colours[row.level], height=0.6,
                    hatch="" if not np.isnan(row.e) else "///", edgecolor="white", linewidth=0.3, zorder=2)
            title = row.title_en.split(" (")[0]
            titles.append(f"{row.doc_id}  " + (title if len(title) <= 62 else title[:59] + "..."))
        ax.set_yticks(range(len(d)), titles, fontsize=5.5)
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(len(d) - 0.5, -0.5)
        ax.set_xlim(lo - 0.5, last_year + 0.5)
        ax.spines["left"].set_visible(False)
        for lv in levels:
            ax.barh(0, 0, color=colours[lv], label=lv)
        ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        undated = int(pd.to_numeric(docs["force_start"], errors="coerce").isna().sum())
        ax.set_xlabel("year (hatched: no end date, open-ended)"
                      + (f"; {undated} document(s) without a known date not shown" if undated else ""))
    return fig


def claim_verdicts(findings: list[dict]):
    """Each claim's first condition with its 95% interval, coloured by outcome (four kinds)."""
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.45))
        for i, f in enumerate(findings):
            colour = style.VERDICT_COLOURS[f["verdict"]]
            c = f["conditions"][0]
            if f["verdict"] == "too_few_events" or c["value"] is None:
                ax.text(0, i, f"  too few events to decide (n = {f['n']})", va="center", color=colour, fontsize=6)
            else:
                if c["low"] is not None and c["low"] != c["high"]:
                    ax.plot([c["low"], c["high"]], [i, i], color=colour, lw=2, solid_capstyle="butt")
                ax.plot(c["value"], i, "o", color=colour, ms=5, mec="black", mew=0.4)
            ax.text(1.02, i, f["verdict"].replace("_", " "), transform=ax.get_yaxis_transform(), va="center",
                    color=colour, fontweight="bold")
        ax.set_yticks(range(len(findings)), [f"{f['id'].split('_')[0]} {f['title']}" for f in findings])
        ax.invert_yaxis()
        ax.set_xlabel("first condition of each claim's rule (see reports/findings.md), with 95% interval")
        ax.axvline(0.5, color=style.GREY, lw=0.4, ls=":")
        ax.axvline(1.0, color=style.GREY, lw=0.4, ls=":")
    return fig


def threshold_sweep(findings: list[dict]):
    """Each claim's outcome across the range of each of its thresholds; the study's threshold marked."""
    rows = [(f, s) for f in findings for s in f["sweep"]]
    with style.styled():
        fig, ax = plt.subplots(figsize=style.figsize("double", 0.12 + 0.045 * max(len(rows), 3)))
        for i, (_, s) in enumerate(rows):
            k = len(s["values"])
            for j, o in enumerate(s["outcomes"]):
                ax.add_patch(Rectangle((j / k, i - 0.4), 1 / k, 0.8, facecolor=style.VERDICT_COLOURS[o],
                                       edgecolor="white", lw=0.5))
            j0 = s["values"].index(s["study_value"]) if s["study_value"] in s["values"] else None
            if j0 is not None:
                ax.add_patch(Rectangle((j0 / k, i - 0.4), 1 / k, 0.8, fill=False, edgecolor="black", lw=1.0))
            ax.text(-0.01, i, f"{s['values'][0]:g}", ha="right", va="center", fontsize=5.5)
            ax.text(1.01, i, f"{s['values'][-1]:g}" + ("  knife-edge" if s["knife_edge"] else ""), ha="left",
                    va="center", fontsize=5.5)
        ax.set_yticks(range(len(rows)), [f"{f['id'].split('_')[0]} {s['condition'].replace('_', ' ')}"
                                         + ("" if s["which"] == "threshold" else " (cut for not supported)")
                                         for f, s in rows], fontsize=6)
        ax.set_xlim(-0.08, 1.16)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xticks([])
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        for o, colour in style.VERDICT_COLOURS.items():
            ax.bar(0, 0, color=colour, label=o.replace("_", " "))
        ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        ax.set_xlabel("threshold, from the lowest to the highest value tried (framed: the study's threshold)")
    return fig


FIGURES = {
    s.name: s
    for s in (
        FigureSpec("fig1_events_by_year_area", "events_by_year_area", "04_figures",
                   "Events of {region} with Kazakh partners per year, by area; the analysis "
                   "window is shaded.", ("events.csv",)),
        FigureSpec("fig2_events_by_unit", "events_by_unit", "04_figures",
                   "Events per Kazakh partner unit in the analysis window, ranked; the five units the article "
                   "names as key partners in blue.", ("events.csv",)),
        FigureSpec("fig3_tile_map", "tile_map", "04_figures",
                   "Tile-grid map of Kazakhstan's 17 units (2015-2020 division) shaded by events in the "
                   "analysis window; line width from {capital} grows with events.", ("events.csv",)),
        FigureSpec("fig4_actor_kinds", "actor_kinds", "04_figures",
                   "Kinds of actors on the {short} and the Kazakh side, with their sector.", ("events.csv",)),
        FigureSpec("fig5_format_by_year", "format_by_year", "04_figures",
                   "Format of the events per year: in person, online, hybrid or unknown.", ("events.csv",)),
        FigureSpec("fig6_legal_timeline", "legal_timeline", "04_figures",
                   "The legal basis of {region}: national documents and the regional ones it is a party to, "
                   "each from entry into force to expiry; the analysis window shaded.",
                   ("legal_documents.csv",)),
        FigureSpec("fig7_claim_verdicts", "claim_verdicts", "05_findings",
                   "The article's claims tested against the data: the first condition of each rule with its 95% "
                   "interval, and the outcome (supported, not supported, inconclusive, too few events).",
                   ("events.csv", "legal_documents.csv")),
        FigureSpec("fig8_threshold_sweep", "threshold_sweep", "05_findings",
                   "Each claim's outcome as each of its thresholds is moved across a stated range; the study's "
                   "threshold is framed.", ("events.csv", "legal_documents.csv")),
    )
}


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return path.as_posix()


def record_in_manifest(figures_dir: str | Path, name: str, paths: list[Path], inputs: list[Path], *,
                       region: gazetteer.RuSubject) -> Path:
    """Add or replace one figure's entry in figures/manifest.json (entries sorted by name), its caption
    written for the Russian region studied.

    Input paths are relative to the output root (the folder above figures/), so that the manifest
    reads the same wherever the chain writes its outputs.
    """
    figures_dir = Path(figures_dir)
    root = figures_dir.resolve().parent
    spec = FIGURES[name]
    manifest_path = figures_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    manifest[name] = {
        "caption": spec.caption_for(region),
        "notebook": f"notebooks/{spec.notebook}.ipynb",
        "function": f"regional_ties.figures.{spec.function}",
        "files": [p.name for p in paths],
        "inputs": [{"path": _rel(Path(p).resolve(), root), "sha256": file_sha256(p)} for p in inputs],
    }
    write_json(manifest_path, dict(sorted(manifest.items())))
    return manifest_path


def draw(name: str, fig, figures_dir: str | Path, inputs: list[Path], *, region: gazetteer.RuSubject) -> list[Path]:
    """Save a figure in every format and record it in the manifest."""
    paths = style.save(fig, Path(figures_dir) / name)
    record_in_manifest(figures_dir, name, paths, inputs, region=region)
    return paths


def caption_snippet(manifest: dict) -> str:
    """A LaTeX snippet: one figure environment per figure, with its caption."""
    from .outputs import escape_latex

    out = []
    for name, entry in manifest.items():
        out += [r"\begin{figure}[htbp]", r"\centering", rf"\includegraphics[width=\linewidth]{{figures/{name}.pdf}}",
                rf"\caption{{{escape_latex(entry['caption'])}}}", rf"\label{{fig:{name}}}", r"\end{figure}", ""]
    return "\n".join(out)
