"""The report tables as LaTeX a journal accepts: booktabs rules, words instead of codes, wrapped text.

Each table is typeset the same way:

* headers and coded cells in words (`codebook`), long headers broken over lines;
* numbers right-aligned, every number of a column with the same decimals;
* text too long for one line in a wrapped column (tabularx `X`, or a `p` column of a given width),
  so that the table is as wide as the column or page it stands in, never wider;
* a caption and a `tab:<name>` label above the table, notes under it as wide as the table (threeparttable);
* a table that fits a journal column goes in `table`, a wider one in `table*` (the whole text width);
* a table too tall for the page of any preset (`row_lines` estimates the lines of each row where its
  wrapped text is narrowest) is set as a journal sets it: one `longtable` (`xltabular` when its text is
  wrapped) across the text width, on pages of one column (a two-column page switches to one column for
  it and back), its header repeated on every page, its notes under its last row;
* a table a reader needs whole in the supplementary CSV but not on paper is summarised for the page by
  its layout (`prepare`), with a note pointing to the CSV.

A table's own layout (`LAYOUTS`) says what it needs beyond that: columns to join, leave out or turn
around, decimals, notes. A table with no layout is typeset by the general rules alone.

The manuscript needs ``\\usepackage{booktabs,tabularx,threeparttable,longtable,xltabular}``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import codebook, style
from .outputs import escape_latex, write_csv, write_text

#: Lines of a table's font one page holds, less room for the caption, the header and the notes.
LINE_SPACING = 1.22  # \baselineskip over the font size of \small and \footnotesize
RESERVED_LINES = 5
#: Width, in em of the table's font, from which a text column is wrapped.
WRAP_FROM_EM = 16.0
#: \tabcolsep, set to 5 pt on each side of a column (4 pt in a footnotesize table).
COLSEP_PT = {"small": 5.0, "footnotesize": 4.0}
#: The smallest size of a table font in any preset, in pt: the column gaps in em are widest there.
SMALLEST_PT = {"small": 9.0, "footnotesize": 8.0}
MIN_WRAPPED_EM = 8.0
DEFAULT_DECIMALS = 3
MISSING = "--"  # an en dash in LaTeX: the value is not known

# Advance widths of Computer Modern / Latin Modern Roman 10 in em; the 9 pt design is a little wider,
# hence the factor in text_width_em.
_WIDTHS = dict(zip(
    "abcdefghijklmnopqrstuvwxyz",
    (.5, .556, .444, .556, .444, .306, .5, .556, .278, .306, .528, .278, .833, .556, .5, .556, .528, .392, .394,
     .389, .556, .528, .722, .528, .528, .444), strict=True))
_WIDTHS |= dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    (.75, .708, .722, .764, .681, .653, .785, .75, .361, .514, .778, .625, .917, .75, .778, .681, .778, .736, .556,
     .722, .75, .75, 1.028, .75, .75, .611), strict=True))
_WIDTHS |= {d: .5 for d in "0123456789"} | {" ": .333, ".": .278, ",": .278, ":": .278, ";": .278, "(": .389,
                                            ")": .389, "-": .333, "/": .5, "'": .278, "%": .833, "[": .278,
                                            "]": .278, "?": .472, "&": .778, "\u2013": .5, "\u2014": 1.0}
_DEFAULT_WIDTH = 0.8


def text_width_em(text: str) -> float:
    """An estimate, a little on the wide side, of the width of a line of text in em of the table font."""
    return 1.06 * sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text)


def _longest_word_em(text: str) -> float:
    return max((text_width_em(w) for w in text.split()), default=0.0)


@dataclass(frozen=True)
class Layout:
    """What one table needs beyond the general rules.

    prepare: reshapes the table (joins, words for row-dependent codes) before it is typeset
    drop: columns left out of the typeset table (the CSV keeps them)
    decimals: decimals of a numeric column (default: none for whole numbers, else 3)
    intervals: a column shown with its interval, as "value [low, high]", from two other columns
    transpose: measures as rows and the first column's values as column headers
    narrow: text columns set as a p column as wide as their longest word
    row_decimals: decimals of a row's numbers, from the row's first cell (mixed measures)
    notes: sentences under the table
    """

    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    drop: tuple[str, ...] = ()
    decimals: dict[str, int] = field(default_factory=dict)
    intervals: dict[str, tuple[str, str]] = field(default_factory=dict)
    transpose: bool = False
    narrow: tuple[str, ...] = ()
    row_decimals: Callable[[str], int] | None = None
    font: str = "small"
    headers: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


_DASHES = {"\u2013": "--", "\u2014": "---"}


def latex_text(text: str) -> str:
    """Escape LaTeX's special characters; en and em dashes as LaTeX writes them."""

    return "".join(_DASHES.get(ch, ch) for ch in escape_latex(text))


# ---------------------------------------------------------------------------------------------
# Cells


def _is_missing(v) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "") or (not isinstance(v, str) and pd.isna(v))


def _numeric_kind(s: pd.Series) -> str:
    """"bool", "int", "float" or "text"."""
    if pd.api.types.is_bool_dtype(s):
        return "bool"
    if pd.api.types.is_integer_dtype(s):
        return "int"
    if pd.api.types.is_float_dtype(s):
        v = s.dropna()
        return "int" if len(v) and (v == v.round()).all() and (v.abs() < 1e15).all() else "float"
    return "text"


def _fmt(v, decimals: int) -> str:
    if _is_missing(v):
        return MISSING
    return f"{float(v):.{decimals}f}" if decimals else f"{round(float(v)):d}"


def _text_cell(v, column: str) -> str:
    """Words for a text cell; leading spaces (two per level) become an indentation of 1 em per level."""
    if _is_missing(v):
        return MISSING
    s = str(v)
    body = s.lstrip(" ")
    level = (len(s) - len(body)) // 2
    out = latex_text(codebook.words(body, column))
    return (rf"\hspace*{{{level}em}}" if level else "") + out


@dataclass
class _Column:
    name: str
    header: str
    cells: list[str]  # LaTeX
    plain: list[str]  # what the reader sees, for width estimates
    numeric: bool


def _columns(df: pd.DataFrame, layout: Layout) -> list[_Column]:
    hidden = set(layout.drop) | {c for pair in layout.intervals.values() for c in pair}
    cols = []
    first = df.columns[0]
    for name in df.columns:
        if name in hidden:
            continue
        s = df[name]
        kind = _numeric_kind(s)
        if kind == "bool":
            plain = ["yes" if bool(v) else "no" for v in s]
            cells = plain
            numeric = False
        elif kind in ("int", "float"):
            dec = layout.decimals.get(name, 0 if kind == "int" else DEFAULT_DECIMALS)
            plain = []
            for i, v in enumerate(s):
                d = layout.row_decimals(str(df[first].iloc[i]).strip()) if layout.row_decimals else dec
                text = _fmt(v, d)
                if name in layout.intervals:
                    lo, hi = (df[c].iloc[i] for c in layout.intervals[name])
                    if not (_is_missing(lo) or _is_missing(hi)):
                        text += f" [{_fmt(lo, d)}, {_fmt(hi, d)}]"
                plain.append(text)
            cells = plain
            numeric = True
        else:
            cells = [_text_cell(v, name) for v in s]
            plain = [MISSING if _is_missing(v) else codebook.words(str(v).strip(), name) for v in s]
            plain = [("   " * ((len(str(v)) - len(str(v).lstrip(" "))) // 2)) + p if not _is_missing(v) else p  # 1 em
                     for v, p in zip(s, plain, strict=True)]
            numeric = False
        cols.append(_Column(name, layout.headers.get(name) or codebook.header(name), cells, plain, numeric))
    return cols


def _transposed(cols: list[_Column]) -> list[_Column]:
    """Rows become columns: the first column's cells head the new columns, the old headers start the rows."""
    head, rest = cols[0], cols[1:]
    out = [_Column("", "", [latex_text(c.header) for c in rest], [c.header for c in rest], False)]
    for i, label in enumerate(head.plain):
        out.append(_Column(label, label, [c.cells[i] for c in rest], [c.plain[i] for c in rest], True))
    return out


# ---------------------------------------------------------------------------------------------
# Geometry


def _break_header(header: str, width_em: float) -> list[str]:
    """Break a header into lines no wider than `width_em` (a single word may be wider)."""
    lines: list[str] = []
    for word in header.split():
        if lines and text_width_em(lines[-1] + " " + word) <= width_em:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class _Spec:
    kind: str  # "l", "r", "p" or "X"
    width_em: float  # natural (one-line) width, or the p width
    header_lines: list[str]


def _specs(cols: list[_Column], layout: Layout) -> list[_Spec]:
    specs = []
    for c in cols:
        body_em = max((text_width_em(p) for p in c.plain), default=0.0)
        if c.numeric:
            width = max(body_em, _longest_word_em(c.header), 2.5)
            specs.append(_Spec("r", width, _break_header(c.header, width)))
        elif c.name in layout.narrow:
            width = max(max((_longest_word_em(p) for p in c.plain), default=0.0), _longest_word_em(c.header))
            specs.append(_Spec("p", math.ceil(width * 10) / 10 + 0.3, [c.header]))
        elif body_em > WRAP_FROM_EM:
            specs.append(_Spec("X", body_em, [c.header]))
        else:
            width = max(body_em, _longest_word_em(c.header), 2.5)
            specs.append(_Spec("l", width, _break_header(c.header, width)))
    return specs


def table_width_em(specs: list[_Spec], wrapped: bool = True, font: str = "small") -> float:
    """The width the table needs: fixed columns at their width, wrapped ones (when `wrapped`) at least
    MIN_WRAPPED_EM, or else at their one-line width."""
    fixed = sum(s.width_em for s in specs if s.kind != "X")
    x = [s.width_em for s in specs if s.kind == "X"]
    flexible = sum(min(w, max(MIN_WRAPPED_EM, w / 3)) for w in x) if wrapped else sum(x)
    return fixed + flexible + 2 * COLSEP_PT[font] / SMALLEST_PT[font] * len(specs)


def placement(specs: list[_Spec], font: str = "small") -> tuple[str, bool]:
    """Where a table goes ("table": one column, "table*": the text width) and whether its long text is
    wrapped: unwrapped if it fits on one line, in a column if it fits there."""
    column, page = style.table_room_em("single", font), style.table_room_em("double", font)
    has_x = any(s.kind == "X" for s in specs)
    if table_width_em(specs, False, font) <= column:
        return "table", False
    if has_x and table_width_em(specs, True, font) <= column:
        return "table", True
    if table_width_em(specs, False, font) <= page:
        return "table*", False
    return "table*", has_x


def _colspec(s: _Spec) -> str:
    if s.kind == "X":
        return r">{\raggedright\arraybackslash}X"
    if s.kind == "p":
        return rf">{{\raggedright\arraybackslash}}p{{{s.width_em:.1f}em}}"
    return s.kind


def _header_cell(s: _Spec) -> str:
    lines = [latex_text(x) for x in s.header_lines]
    if len(lines) == 1:
        return lines[0]
    align = "r" if s.kind == "r" else "l"
    return rf"\begin{{tabular}}[b]{{@{{}}{align}@{{}}}}" + r"\\".join(lines) + r"\end{tabular}"


def _wrapped_lines(text: str, width_em: float) -> int:
    """Lines that `text` takes in a column `width_em` wide, wrapped at spaces."""
    lines, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and text_width_em(trial) > width_em:
            lines, line = lines + 1, word
        else:
            line = trial
    return lines


def row_lines(cols: list[_Column], specs: list[_Spec], env: str, wrapped: bool, font: str) -> list[int]:
    """The lines each body row takes where its wrapped columns are narrowest (of every preset)."""
    n = len(cols[0].cells) if cols else 0
    room = style.table_room_em("single" if env == "table" else "double", font)
    xs = [s for s in specs if s.kind == "X"] if wrapped else []
    x_em = (room - table_width_em([s for s in specs if s.kind != "X"], False, font)
            - 2 * COLSEP_PT[font] / SMALLEST_PT[font] * len(xs)) / max(len(xs), 1)
    out = []
    for i in range(n):
        k = 1
        for c, s in zip(cols, specs, strict=True):
            if s.kind == "X" and wrapped:
                k = max(k, _wrapped_lines(c.plain[i], max(x_em, 1.0)))
            elif s.kind == "p":
                k = max(k, _wrapped_lines(c.plain[i], s.width_em))
        out.append(k)
    return out


def page_lines(font: str) -> float:
    """Lines of the table font that the shortest text height of the presets holds."""
    return min(p.text_height_mm * style.PT_PER_MM / (p.table_font_pt(font) * LINE_SPACING)
               for p in style.PRESETS.values())


# ---------------------------------------------------------------------------------------------
# The table


def render(df: pd.DataFrame, caption: str, label: str, layout: Layout | None = None) -> str:
    """The table as one (or, when long, several) LaTeX table floats."""
    layout = layout or Layout()
    if layout.prepare:
        df = layout.prepare(df.copy())
    named = set(layout.drop) | set(layout.decimals) | set(layout.narrow) | set(layout.intervals) \
        | {c for pair in layout.intervals.values() for c in pair}
    missing = sorted(named - set(df.columns))
    if missing:
        raise ValueError(f"table {label}: the layout names column(s) {', '.join(missing)}, which the table does "
                         f"not have (it has {', '.join(map(str, df.columns))})")
    cols = _columns(df.reset_index(drop=True), layout)
    if layout.transpose:
        cols = _transposed(cols)
    specs = _specs(cols, layout)
    env, wrapped = placement(specs, layout.font)
    if env == "table*" and not any(s.kind == "X" for s in specs):
        # too wide for a column on one line: wrap the widest text column if that makes it fit one
        text = [i for i, s in enumerate(specs) if s.kind == "l"]
        if text:
            i = max(text, key=lambda k: specs[k].width_em)
            trial = list(specs)
            trial[i] = _Spec("X", specs[i].width_em, [" ".join(specs[i].header_lines)])
            if placement(trial, layout.font) == ("table", True):
                specs, env, wrapped = trial, "table", True
    if not wrapped:  # every column at its one-line width
        specs = [_Spec("l", s.width_em, s.header_lines) if s.kind == "X" else s for s in specs]
    lines = row_lines(cols, specs, env, wrapped, layout.font)
    budget = page_lines(layout.font) - RESERVED_LINES - max(len(s.header_lines) for s in specs) \
        - sum(math.ceil(text_width_em(n) / style.table_room_em("single", layout.font)) for n in layout.notes)
    # a column name in parentheses tells a reader of the CSV which column is meant; the typeset table shows words
    caption = re.sub(r" \(([a-z0-9_]+)\)", lambda m: "" if m[1] in df.columns else m[0], caption)
    if sum(lines) > budget:
        return _long_table(cols, specs, wrapped, caption, label, layout)
    out = [f"% {label}: needs \\usepackage{{booktabs,tabularx,threeparttable}}"]
    tab_env = "tabularx" if wrapped else "tabular"
    tab_width = r"{\linewidth}" if wrapped else ""
    out += [
        rf"\begin{{{env}}}[tbp]",
        r"\centering",
        rf"\{layout.font}",
        rf"\setlength{{\tabcolsep}}{{{COLSEP_PT[layout.font]:g}pt}}",
        rf"\caption{{{latex_text(caption)}}}",  # as wide as the column or page, not the table
        rf"\label{{{label}}}",
        r"\begin{threeparttable}",
        rf"\begin{{{tab_env}}}{tab_width}{{{''.join(_colspec(s) for s in specs)}}}",
        r"\toprule",
        " & ".join(_header_cell(s) for s in specs) + r" \\",
        r"\midrule",
    ]
    out += [" & ".join(c.cells[i] for c in cols) + r" \\" for i in range(len(lines))]
    out += [r"\bottomrule", rf"\end{{{tab_env}}}"]
    if layout.notes:
        out += [r"\begin{tablenotes}[flushleft]", r"\footnotesize"]
        out += [rf"\item {latex_text(n)}" for n in layout.notes]
        out += [r"\end{tablenotes}"]
    out += [r"\end{threeparttable}", rf"\end{{{env}}}", ""]
    return "\n".join(out)


def _long_table(cols: list[_Column], specs: list[_Spec], wrapped: bool, caption: str, label: str,
                layout: Layout) -> str:
    """A table taller than a page as one longtable (xltabular when it wraps text) across the text width: the
    header repeated on every page, '(continued)' in the caption of the pages after the first, the notes under
    the last row. A two-column page turns to one column for it, and back after it."""
    env = "xltabular" if wrapped else "longtable"
    width = r"{\linewidth}" if wrapped else ""
    header = [r"\toprule", " & ".join(_header_cell(s) for s in specs) + r" \\", r"\midrule"]
    out = [f"% {label}: needs \\usepackage{{booktabs,longtable,xltabular}}",
           r"\makeatletter\if@twocolumn\onecolumn\let\restorecolumns\twocolumn"
           r"\else\let\restorecolumns\relax\fi\makeatother",
           r"\begingroup",
           rf"\{layout.font}",
           rf"\setlength{{\tabcolsep}}{{{COLSEP_PT[layout.font]:g}pt}}",
           rf"\begin{{{env}}}{width}{{{''.join(_colspec(s) for s in specs)}}}",
           rf"\caption{{{latex_text(caption)}}}\label{{{label}}} \\",
           *header, r"\endfirsthead",
           rf"\caption[]{{{latex_text(caption)} (continued)}} \\",
           *header, r"\endhead",
           r"\midrule", rf"\multicolumn{{{len(specs)}}}{{r@{{}}}}{{\footnotesize continued on the next page}} \\",
           r"\endfoot",
           r"\bottomrule"]
    out += [r"\endlastfoot"]
    out += [" & ".join(c.cells[i] for c in cols) + r" \\" for i in range(len(cols[0].cells) if cols else 0)]
    out += [rf"\end{{{env}}}"]
    if layout.notes:  # under the last row, as wide as the text
        out += [r"\vspace{-\LTpost}\par\noindent\footnotesize"]
        out += [latex_text(n) + r"\par" for n in layout.notes]
        out += [r"\medskip"]
    out += [r"\endgroup", r"\restorecolumns", ""]
    return "\n".join(out)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# The study's tables


def _disagreements(df: pd.DataFrame) -> pd.DataFrame:
    """The coders' values in words, read as units where the field is the Kazakh unit."""
    for col in ("first", "second"):
        df[col] = [codebook.UNIT_NAMES.get(v, v) if f == "kz_region" else v
                   for f, v in zip(df["field"], df[col], strict=True)]
    return df


def _multiverse_summary(df: pd.DataFrame) -> pd.DataFrame:
    """Claims by their short name, outcomes in words."""
    words = {"supported": "supported", "not_supported": "not supported", "inconclusive": "inconclusive",
             "too_few_events": "too few events"}
    out = df.copy()
    out["claim"] = out["claim"].str.split("_").str[0]
    for col in ("headline", "as_first_committed"):
        out[col] = out[col].map(lambda v: words.get(v, v))
    return out.rename(columns={**words, "as_first_committed": "as first committed"})


#: Report tables kept as data only (CSV), too long to typeset: why each has no LaTeX.
DATA_ONLY = {"multiverse": "every specification of every claim's multiverse, one row each (thousands of rows)"}


def _legal_basis(df: pd.DataFrame) -> pd.DataFrame:
    """The title second; type and level in one column, and one "In force" column (from-to; open-ended:
    "from-"); the Kazakh unit left out (a regional document names its Kazakh party in the title)."""
    def text(v) -> str:
        if _is_missing(v):
            return ""
        return f"{v:.0f}" if isinstance(v, float) and v == round(v) else str(v)

    def span(a, b):
        a, b = text(a), text(b)
        if not a and not b:
            return ""
        return f"{a or '?'}\u2013{b}"

    if {"in_force_from", "in_force_to"} <= set(df.columns):
        df.insert(df.columns.get_loc("in_force_from"), "in_force",
                  [span(a, b) for a, b in zip(df["in_force_from"], df["in_force_to"], strict=True)])
        df = df.drop(columns=["in_force_from", "in_force_to"])
    if {"doc_type", "level"} <= set(df.columns):
        df["doc_type"] = [f"{codebook.words(t)} ({codebook.words(lv)})" for t, lv in zip(df["doc_type"], df["level"],
                                                                                          strict=True)]
        df = df.drop(columns=["level"])
    df = df.drop(columns=["kz_unit"], errors="ignore")
    if "title_en" in df.columns and "doc_id" in df.columns:
        rest = [c for c in df.columns if c not in ("doc_id", "title_en")]
        df = df[["doc_id", "title_en", *rest]]
    return df


def _concentration_decimals(measure: str) -> int:
    """Counts as whole numbers, shares and indices with three decimals."""
    return 3 if re.search(r"share|index", measure) else 0


_YIELD_NOTE = "Yield: the share of the queries that found at least one new candidate document."

LAYOUTS: dict[str, Layout] = {
    "accounting": Layout(headers={"n": "Rows"}, notes=("Indented rows are subsets of the row above them.",)),
    "screening_flow": Layout(notes=(
        "Indented rows are subsets of the row above them. Exclusion reasons as defined in the codebook "
        "(data/README.md).",)),
    "coding_disagreements": Layout(prepare=_disagreements, notes=(
        "The first coder's value as it stood before the disagreement was resolved; the resolution is "
        "recorded in the event's notes.",)),
    "coding_reliability": Layout(
        headers={"n": "Events"}, intervals={"alpha": ("alpha_low", "alpha_high")},
        decimals={"agreement": 3, "alpha": 3, "target": 3},
        notes=("Agreement: the share of events both coders coded alike. The interval is a 95% bootstrap "
               "interval over events; a field meets its target when the interval's lower end reaches it. All "
               "coded events: both regions, every year (pooled); analysed events: the region studied inside the "
               "window, on which the verdicts rest.",)),
    "completeness": Layout(
        transpose=True, intervals={"estimated_events": ("estimated_events_low", "estimated_events_high"),
                                   "share_found": ("share_found_low", "share_found_high")},
        decimals={"estimated_events": 1, "share_found": 2},
        notes=("Chao2 (bias-corrected, incidence-based) estimate of the events that the searched pages hold, "
               "from how many search rounds found each event; 95% log-normal interval. Not a bound: rounds that "
               "search for the same kind of event or re-find events by name bias the share found up, rounds aimed "
               "at different units and areas bias it down.",)),
    "concentration": Layout(row_decimals=_concentration_decimals),
    "events_by_unit": Layout(drop=("kz_unit",)),
    "legal_basis": Layout(
        prepare=_legal_basis, narrow=("doc_type",), font="footnotesize",
        notes=("Type (level) of the document; a regional document names its Kazakh party in the title. Dates at "
               "the precision the sources give. In force: from entry into force to expiry, no end: open-ended; "
               "? or --: not known.",)),
    "search_language": Layout(notes=(_YIELD_NOTE,)),
    "search_target_area": Layout(notes=(_YIELD_NOTE,)),
    "search_target_unit": Layout(notes=(_YIELD_NOTE,)),
    "search_rounds": Layout(notes=(
        "Dry: a query that found no new candidate document. Events reached: events of which a query of the round "
        "reached a report; by this round alone: events no other round reached.",)),
    "search_tail": Layout(decimals={"dry_share": 2}, notes=(
        "The last queries of the search log, and how many of them found no new candidate document.",)),
    "sectors": Layout(notes=("Shares of the events in the analysis, for each side separately.",)),
    "comparison_claims": Layout(
        drop=("condition", "population", "method", "monte_carlo_error", "reading", "margin"),
        intervals={"difference": ("low", "high")},
        font="footnotesize",
        notes=("Each statistic is the claim's own, on the claim's own population in the window (C2 and C6's unit "
               "index: single-unit events). Difference: region studied minus comparison region, with its 95% "
               "interval over independent resamples of each region's events (exact when small enough, else "
               "seeded draws); a difference is called only when the interval clears the claim's margin (widened by "
               "three Monte-Carlo errors when drawn) and neither region's value is the same in every resample. The "
               "margin, the Monte-Carlo error and the reading of each row are in the supplementary CSV file.",)),
    "multiverse_summary": Layout(prepare=_multiverse_summary, font="footnotesize", decimals={
        "supported": 2, "not supported": 2, "inconclusive": 2, "too few events": 2}, notes=(
        "Share of each claim's specifications giving each outcome over the joint grid of readings, data variants, "
        "windows, interval methods, cuts, margins, ties and the rule as first committed; headline: the pre-stated "
        "specification; as first committed: that rule on the study's data and window.",)),
}


def to_latex(df: pd.DataFrame, name: str, caption: str) -> str:
    """The LaTeX of one of the study's tables, with its layout."""
    return render(df, caption, f"tab:{name}", LAYOUTS.get(name))


def write_table(df: pd.DataFrame, tables_dir: str | Path, name: str, caption: str) -> list[Path]:
    """Write a report table as CSV and as LaTeX for a journal (see `to_latex`) under `tables_dir`."""
    tables_dir = Path(tables_dir)
    csv_path = write_csv(tables_dir / f"{name}.csv", df)
    tex_path = write_text(tables_dir / f"{name}.tex", to_latex(df, name, caption))
    return [csv_path, tex_path]
