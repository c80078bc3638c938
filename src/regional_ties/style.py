"""One style for every figure: journal column widths, embedded fonts, a colour-blind-safe palette.

The palette is Okabe & Ito's (2008), safe for the common colour-vision deficiencies; stacked
series also get hatches, so that a greyscale print still tells them apart.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .outputs import atomic_path  # noqa: E402

MM_PER_INCH = 25.4
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
HATCHES = ("", "///", "...", "\\\\\\", "xxx", "---", "+++", "ooo")
AREA_COLOURS = dict(zip(("education", "arts", "tourism", "media", "youth", "sport", "other"), OKABE_ITO, strict=False))
VERDICT_COLOURS = {"supported": "#009E73", "not_supported": "#D55E00", "inconclusive": "#999999",
                   "too_few_events": "#56B4E9"}
GREY = "#666666"
MIN_PT = 7.0  # the smallest text a figure prints at its own size (many journals ask 6-7 pt at the least)


@dataclass(frozen=True)
class Journal:
    """A page layout: column widths in mm, the figures' base font size in points, and the page around them.

    single_mm: a figure or table that fits one column; double_mm: one that spans the text width.
    columns: 2 for a two-column journal page, 1 for a one-column page (thesis, preprint).
    """

    single_mm: float = 85.0
    double_mm: float = 175.0
    font_pt: float = 8.0
    name: str = "journal"
    columns: int = 2
    text_height_mm: float = 240.0
    document_pt: int = 10  # the manuscript's body font size

    def table_font_pt(self, size: str = "small") -> float:
        """The size in pt of LaTeX's \\small or \\footnotesize in this manuscript (tables are set in them)."""
        return {"small": {10: 9.0, 11: 10.0, 12: 10.95},
                "footnotesize": {10: 8.0, 11: 9.0, 12: 10.0}}[size][self.document_pt]

    @property
    def column_gap_mm(self) -> float:
        return self.double_mm - 2 * self.single_mm if self.columns == 2 else 0.0


#: Every page layout the figures and tables are made for: the one place that holds the widths.
PRESETS = {
    "journal": Journal(),  # a two-column journal page: 85 mm columns, 175 mm text width
    "thesis": Journal(single_mm=100.0, double_mm=160.0, font_pt=9.0, name="thesis", columns=1,
                      text_height_mm=230.0, document_pt=11),  # A4, one column of 160 mm
}
DEFAULT = PRESETS["journal"]
_in_use = [DEFAULT]


def current() -> Journal:
    """The page layout figures are drawn for now (DEFAULT unless inside `use`)."""
    return _in_use[-1]


@contextlib.contextmanager
def use(preset: str | Journal):
    """Draw figures for another page layout: `with style.use("thesis"): fig = figures.tile_map(...)`."""
    if isinstance(preset, str):
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}")
        preset = PRESETS[preset]
    _in_use.append(preset)
    try:
        yield preset
    finally:
        _in_use.pop()


PT_PER_MM = 72.27 / 25.4  # TeX points


def table_room_em(span: str, font: str = "small") -> float:
    """The room a table has in every preset, in em of the table font: in a column (span "single": the
    column of a two-column page, the text width of a one-column one) or across the page ("double")."""
    def room(p: Journal) -> float:
        mm = p.single_mm if span == "single" and p.columns == 2 else p.double_mm
        return mm * PT_PER_MM / p.table_font_pt(font)

    return min(room(p) for p in PRESETS.values())


def figsize(width: str = "single", height_ratio: float = 0.75, journal: Journal | None = None) -> tuple[float, float]:
    """Figure size in inches for a single or double column, height as a ratio of the width."""
    journal = journal or current()
    mm = journal.single_mm if width == "single" else journal.double_mm
    w = mm / MM_PER_INCH
    return (w, w * height_ratio)


def rc(journal: Journal | None = None) -> dict:
    size = (journal or current()).font_pt
    return {
        "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
        "font.size": size,
        "axes.titlesize": size,
        "axes.labelsize": size,
        "xtick.labelsize": max(size - 1, MIN_PT),
        "ytick.labelsize": max(size - 1, MIN_PT),
        "legend.fontsize": max(size - 1, MIN_PT),
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 0.6,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "hatch.linewidth": 0.5,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "regional-ties",
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "figure.constrained_layout.use": True,  # the figure keeps its journal width exactly
        "savefig.bbox": None,
        "path.simplify": False,
    }


@contextlib.contextmanager
def styled(journal: Journal | None = None):
    with plt.rc_context(rc(journal)):
        yield


#: Metadata that would otherwise carry a timestamp or a changing version string.
_META = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}


def save(fig, stem: str | Path, formats=("pdf", "svg", "png")) -> list[Path]:
    """Save a figure as PDF, SVG and 300-dpi PNG, byte-identical on every rebuild, atomically."""

    stem = Path(stem)
    paths = []
    for ext in formats:
        target = stem.with_suffix(f".{ext}")
        with atomic_path(target) as tmp, styled():  # savefig reads dpi, fonttype and hashsalt from rcParams
            fig.savefig(tmp, format=ext, metadata=_META[ext])
        paths.append(target)
    plt.close(fig)
    return paths
