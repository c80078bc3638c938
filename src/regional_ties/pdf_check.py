"""Check a PDF figure as a journal's production system reads it: the text, where it lies, its fonts.

A PNG can look right while the PDF is not: the PDF backend measures text with the font's own
metrics, so a legend that fits in the PNG may end outside the PDF's page. `problems` opens the PDF
and reports

* text outside the page (any character whose box leaves the page by more than `TOLERANCE_PT`);
* text on text: two characters of different text runs whose boxes, each shrunk by `SHRINK` of its
  size on every side, still intersect (touching neighbours within a word are not an overlap);
* text smaller than `MIN_PT` (7 pt) at the figure's own size, the least many journals print; the size is
  the height of the character's box across its line, so turned text is measured as upright text is;
* text over data: a character whose box (shrunk by `SHRINK`) meets a drawn data element (a bar, a point,
  a line: any filled or stroked path of the page) drawn before or after it, unless the label's own
  background patch, drawn between the two, covers the character. Not data: backgrounds and shading (a
  light fill with no stroke, luminance at least `LIGHT`), light grid lines (a light stroke with no fill),
  a fill with no area, and the patch drawn right behind a label;
* fonts that are not embedded TrueType (Type 42): Type 3 or Type 1 fonts are refused by many journals.

    python -m regional_ties.pdf_check figures/*.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

TOLERANCE_PT = 0.01
SHRINK = 0.15
MIN_PT = 7.0
LIGHT = 0.85  # luminance from which a fill with no stroke (or a stroke with no fill) is background, not data
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


def char_size(c: dict) -> float:
    """A character's font size in pt: the height of its box, or its width when turned by 90 degrees
    (pdfplumber's `size` of turned text is the glyph's advance)."""
    return float(c["bottom"] - c["top"]) if c["upright"] else float(c["x1"] - c["x0"])


def size_problems(page, label: str = "", min_pt: float = MIN_PT) -> list[str]:
    """Every label (run of characters) set smaller than `min_pt`, once, with its size."""
    chars = [c for c in page.chars if c["text"].strip()]
    runs = _runs(chars)
    small: dict[int, list] = {}
    for c, r in zip(chars, runs, strict=True):
        size = char_size(c)
        if size < min_pt - TOLERANCE_PT:
            small.setdefault(int(r), []).append((c["text"], size))
    return [f"{label}text under {min_pt:g} pt: {''.join(t for t, _ in v)!r} at {min(s for _, s in v):.2f} pt"
            for v in small.values()]


def smallest_text_pt(path: str | Path) -> float | None:
    """The smallest font size in pt of any character of a PDF (None if it has no text)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        sizes = [char_size(c) for page in pdf.pages for c in page.chars if c["text"].strip()]
    return round(min(sizes), 2) if sizes else None


def _luminance(colour) -> float | None:
    """Relative luminance of a PDF colour (gray, RGB or CMYK); None for a pattern or an unknown colour."""
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return None
    if len(colour) == 1:
        return float(colour[0])
    if len(colour) == 3:
        r, g, b = colour
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    if len(colour) == 4:
        c, m, y, k = colour
        return 0.2126 * (1 - c) * (1 - k) + 0.7152 * (1 - m) * (1 - k) + 0.0722 * (1 - y) * (1 - k)
    return None


def _is_background(obj) -> bool:
    fill = _luminance(obj.non_stroking_color) if obj.fill else None
    stroke = _luminance(obj.stroking_color) if obj.stroke else None
    if obj.fill and not obj.stroke:  # a light fill, or a fill with no area (nothing is painted)
        return (fill is not None and fill >= LIGHT) or obj.width <= 0 or obj.height <= 0
    if obj.stroke and not obj.fill:
        return stroke is not None and stroke >= LIGHT
    return not obj.fill and not obj.stroke


def _drawn(layout) -> list:
    """The page's characters and paths in drawing order (a figure's contents, such as markers, in place)."""
    from pdfminer.layout import LTChar, LTCurve, LTFigure

    out = []
    for obj in layout:
        if isinstance(obj, LTFigure):
            out += _drawn(obj)
        elif isinstance(obj, LTChar) and obj.get_text().strip() or isinstance(obj, LTCurve):
            out.append(obj)
    return out


def _segment_meets_box(p, q, box) -> bool:
    """Whether the segment p-q meets the axis-aligned box (x0, y0, x1, y1) (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for d, a, b in ((dx, box[0] - x0, box[2] - x0), (dy, box[1] - y0, box[3] - y0)):
        if abs(d) < 1e-12:
            if a > 0 or b < 0:
                return False
            continue
        t1, t2 = sorted((a / d, b / d))
        lo, hi = max(lo, t1), min(hi, t2)
        if lo > hi:
            return False
    return True


def _meets(obj, box) -> bool:
    """Whether a path meets a character's box: its area if filled, its strokes (widened by half their width)."""
    if obj.fill:
        x0, y0, x1, y1 = obj.bbox
        return x0 < box[2] and box[0] < x1 and y0 < box[3] and box[1] < y1
    half = float(getattr(obj, "linewidth", 0) or 0) / 2
    wide = (box[0] - half, box[1] - half, box[2] + half, box[3] + half)
    pts = list(getattr(obj, "pts", []) or [])
    if len(pts) == 1:
        pts = pts * 2
    return any(_segment_meets_box(a, b, wide) for a, b in zip(pts, pts[1:], strict=False))


def data_problems(page, label: str = "") -> list[str]:
    """Labels whose characters meet a data element drawn on the page (see the module's description)."""
    from pdfminer.layout import LTChar

    drawn = _drawn(page.layout)
    patches, data = [], []  # (order, bbox) of label patches; (order, object) of data elements
    for i, obj in enumerate(drawn):
        if isinstance(obj, LTChar):
            continue
        after = drawn[i + 1] if i + 1 < len(drawn) else None
        if obj.fill and isinstance(after, LTChar) and obj.x0 <= after.x0 and after.x1 <= obj.x1 \
                and obj.y0 <= after.y0 and after.y1 <= obj.y1:
            patches.append((i, obj.bbox))  # the patch drawn right behind a label
        elif not _is_background(obj):
            data.append((i, obj))
    out, seen = [], set()
    for i, ch in enumerate(drawn):
        if not isinstance(ch, LTChar):
            continue
        dx, dy = (ch.x1 - ch.x0) * SHRINK, (ch.y1 - ch.y0) * SHRINK
        box = (ch.x0 + dx, ch.y0 + dy, ch.x1 - dx, ch.y1 - dy)
        for j, obj in data:
            if not _meets(obj, box):
                continue
            first, last = min(i, j), max(i, j)
            if j < i and any(first < k < last and p[0] <= box[0] and box[2] <= p[2] and p[1] <= box[1]
                             and box[3] <= p[3] for k, p in patches):
                continue  # the label's own patch covers what was drawn under it
            key = (round(ch.x0), round(ch.y0))
            if key not in seen:
                seen.add(key)
                out.append((ch, obj))
            break
    problems, told = [], set()
    for _ch, obj in out:  # one message per element met, naming the letters that meet it
        key = id(obj)
        if key in told:
            continue
        told.add(key)
        letters = "".join(c.get_text() for c, o in out if o is obj)
        problems.append(f"{label}text over data: {letters!r} meets a {type(obj).__name__[2:].lower()} "
                        f"at x {obj.x0:.1f}-{obj.x1:.1f}, y {obj.y0:.1f}-{obj.y1:.1f}")
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
            where = f"page {n}: " if len(pdf.pages) > 1 else ""
            out += text_problems(page, where) + size_problems(page, where) + data_problems(page, where)
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
