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

MM_PER_INCH = 25.4
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
HATCHES = ("", "///", "...", "\\\\\\", "xxx", "---", "+++", "ooo")
AREA_COLOURS = dict(zip(("education", "arts", "tourism", "media", "youth", "other"), OKABE_ITO, strict=False))
VERDICT_COLOURS = {"supported": "#009E73", "not_supported": "#D55E00", "inconclusive": "#999999",
                   "too_few_events": "#56B4E9"}
GREY = "#666666"


@dataclass(frozen=True)
class Journal:
    """Column widths in mm and the base font size in points."""

    single_mm: float = 85.0
    double_mm: float = 175.0
    font_pt: float = 8.0


DEFAULT = Journal()


def figsize(width: str = "single", height_ratio: float = 0.75, journal: Journal = DEFAULT) -> tuple[float, float]:
    """Figure size in inches for a single or double column, height as a ratio of the width."""
    mm = journal.single_mm if width == "single" else journal.double_mm
    w = mm / MM_PER_INCH
    return (w, w * height_ratio)


def rc(journal: Journal = DEFAULT) -> dict:
    size = journal.font_pt
    return {
        "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
        "font.size": size,
        "axes.titlesize": size,
        "axes.labelsize": size,
        "xtick.labelsize": size - 1,
        "ytick.labelsize": size - 1,
        "legend.fontsize": size - 1,
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
def styled(journal: Journal = DEFAULT):
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
    from .outputs import atomic_path

    stem = Path(stem)
    paths = []
    for ext in formats:
        target = stem.with_suffix(f".{ext}")
        with atomic_path(target) as tmp, styled():  # savefig reads dpi, fonttype and hashsalt from rcParams
            fig.savefig(tmp, format=ext, metadata=_META[ext])
        paths.append(target)
    plt.close(fig)
    return paths
