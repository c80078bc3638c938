"""Check a PDF figure as a journal's production system reads it: the text, where it lies, its fonts.

A PNG can look right while the PDF is not: the PDF backend measures text with the font's own
metrics, so a legend that fits in the PNG may end outside the PDF's page. `problems` opens the PDF
and reports

* text outside the page (any character whose box leaves the page by more than `TOLERANCE_PT`);
* text on text: two characters of different text runs whose boxes, each shrunk by `SHRINK` of its
  size on every side, still intersect (touching neighbours within a word are not an overlap);
* fonts that are not embedded TrueType (Type 42): Type 3 or Type 1 fonts are refused by many journals.

    python -m regional_ties.pdf_check figures/*.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

TOLERANCE_PT = 0.01
SHRINK = 0.15
TRUETYPE = {"TrueType", "CIDFontType2"}  # a Type0 font is TrueType when its descendant is CIDFontType2


def _resolve(obj):
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def font_types(pdf) -> dict[str, str]:
    """The font name and its kind (TrueType, CIDFontType2, Type1, Type3, ...) of every font of every page."""
    out = {}
    for page in pdf.pages:
        fonts = _resolve(_resolve(page.page_obj.resources or {}).get("Font", {})) or {}
        for ref in fonts.values():
            font = _resolve(ref)
            kind = _resolve(font.get("Subtype")).name
            if kind == "Type0":
                descendant = _resolve(_resolve(font.get("DescendantFonts"))[0])
                kind = _resolve(descendant.get("Subtype")).name
            name = _resolve(font.get("BaseFont"))
            out[getattr(name, "name", str(name))] = kind
    return out


def _runs(chars: list[dict]) -> np.ndarray:
    """A run number for each character: characters drawn one after the other, in one font and size and
    at most a space apart, are one run (one label); the next label starts a new run."""
    runs = np.zeros(len(chars), dtype=int)
    for i in range(1, len(chars)):
        a, b = chars[i - 1], chars[i]
        size = a["size"]
        same = a["upright"] == b["upright"] and a["fontname"] == b["fontname"] and abs(size - b["size"]) < 0.01
        if a["upright"]:  # the next letter starts where this one ends (a space at most), on the same baseline
            step, aligned = b["x0"] - a["x1"], abs(a["bottom"] - b["bottom"]) < 0.3 * size
        else:  # text turned by 90 degrees runs upwards
            step, aligned = a["top"] - b["bottom"], abs(a["x0"] - b["x0"]) < 0.3 * size
        follows = -0.3 * size <= step <= 0.6 * size
        runs[i] = runs[i - 1] + (0 if same and aligned and follows else 1)
    return runs


def text_problems(page, label: str = "") -> list[str]:
    chars = [c for c in page.chars if c["text"].strip()]
    problems = []
    w, h = float(page.width), float(page.height)
    runs = _runs(chars)
    reported = set()
    for c, r in zip(chars, runs, strict=True):
        outside = c["x0"] < -TOLERANCE_PT or c["top"] < -TOLERANCE_PT or c["x1"] > w + TOLERANCE_PT \
            or c["bottom"] > h + TOLERANCE_PT
        if outside and r not in reported:
            reported.add(r)
            text = "".join(d["text"] for d, q in zip(chars, runs, strict=True) if q == r)
            problems.append(f"{label}text outside the page: {text!r} reaches x {c['x0']:.1f}-{c['x1']:.1f}, "
                            f"y {c['top']:.1f}-{c['bottom']:.1f} on a {w:.1f} x {h:.1f} pt page")
    if len(chars) < 2:
        return problems
    box = np.array([[c["x0"], c["top"], c["x1"], c["bottom"]] for c in chars], dtype=float)
    dx = (box[:, 2] - box[:, 0]) * SHRINK
    dy = (box[:, 3] - box[:, 1]) * SHRINK
    box = box + np.stack([dx, dy, -dx, -dy], axis=1)
    ix = (box[:, None, 0] < box[None, :, 2]) & (box[None, :, 0] < box[:, None, 2])
    iy = (box[:, None, 1] < box[None, :, 3]) & (box[None, :, 1] < box[:, None, 3])
    hit = ix & iy & (runs[:, None] != runs[None, :])
    seen = set()
    for i, j in zip(*np.nonzero(np.triu(hit, 1)), strict=True):
        key = (runs[i], runs[j])
        if key in seen:
            continue
        seen.add(key)
        text_i = "".join(c["text"] for c, r in zip(chars, runs, strict=True) if r == runs[i])
        text_j = "".join(c["text"] for c, r in zip(chars, runs, strict=True) if r == runs[j])
        problems.append(f"{label}text on text: {text_i!r} and {text_j!r} near x {chars[i]['x0']:.1f}, "
                        f"y {chars[i]['top']:.1f}")
    return problems


def problems(path: str | Path) -> list[str]:
    """Everything wrong with the text and fonts of one PDF; an empty list passes."""
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for kind_name, kind in sorted(font_types(pdf).items()):
            if kind not in TRUETYPE:
                out.append(f"font {kind_name} is {kind}, not TrueType (Type 42)")
        for n, page in enumerate(pdf.pages, start=1):
            out += text_problems(page, f"page {n}: " if len(pdf.pages) > 1 else "")
    return out


def main(argv=None) -> int:
    paths = (argv if argv is not None else sys.argv[1:])
    bad = 0
    for p in paths:
        for problem in problems(p):
            print(f"{p}: {problem}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
