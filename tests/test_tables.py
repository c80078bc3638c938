"""Report tables as LaTeX for a journal: words for codes, aligned numbers, wrapped text, placement, splitting.

The data frames here are made-up fixtures written in the tests."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from regional_ties import codebook, style, tables

from .conftest import ROOT


def body(tex: str) -> list[str]:
    """The body rows of the first table in `tex`."""
    part = tex.split(r"\midrule", 1)[1].split(r"\bottomrule", 1)[0]
    return [line for line in part.strip().splitlines()]


def test_codes_become_words_and_indentation_is_kept():
    df = pd.DataFrame({"step": ["excluded", "  excluded: no_kazakh_party", "  excluded: brand_new_code"],
                       "n": [3, 2, 1]})
    tex = tables.render(df, "Flow", "tab:flow")
    rows = body(tex)
    assert rows[0] == r"excluded & 3 \\"
    assert rows[1] == r"\hspace*{1em}excluded: no party from Kazakhstan & 2 \\"
    assert rows[2] == r"\hspace*{1em}excluded: brand new code & 1 \\"  # a code with no words yet: spaces
    assert "Step & Number" in tex


def test_headers_come_from_the_codebook_or_read_as_words():
    df = pd.DataFrame({"in_force_from": ["2015-01-01"], "some_new_column": ["a value as wide as the header"]})
    tex = tables.render(df, "c", "tab:c")
    assert r"{@{}l@{}}In force\\from\end{tabular} & Some new column \\" in tex  # a long header broken
    assert codebook.header("doc_id") == "ID"


def test_units_and_column_codes_in_words():
    assert codebook.words("kostanay", "kz_unit") == "Kostanay"
    assert codebook.words("kk", "language") == "Kazakh"
    assert codebook.words("kk", "other") == "kk"  # a column code only in its own column


def test_numbers_are_right_aligned_with_the_same_decimals_per_column():
    df = pd.DataFrame({"area": ["a", "b", "c"], "events": [1, 10, 100], "share": [0.5, 0.25, 1.0],
                       "whole": [2.0, 3.0, float("nan")], "ok": [True, False, True]})
    tex = tables.render(df, "c", "tab:c")
    assert r"\begin{tabular}{lrrrl}" in tex
    assert body(tex) == [r"a & 1 & 0.500 & 2 & yes \\", r"b & 10 & 0.250 & 3 & no \\", r"c & 100 & 1.000 & -- & yes \\"]


def test_layout_decimals_intervals_headers_and_notes():
    df = pd.DataFrame({"field": ["area"], "n": [37], "alpha": [0.8963], "alpha_low": [0.7072], "alpha_high": [1.0]})
    layout = tables.Layout(headers={"n": "Events"}, intervals={"alpha": ("alpha_low", "alpha_high")},
                           decimals={"alpha": 2}, notes=("A note & more.",))
    tex = tables.render(df, "c", "tab:c", layout)
    assert body(tex) == [r"area & 37 & 0.90 [0.71, 1.00] \\"]
    assert "alpha\\_low" not in tex and "Events" in tex
    assert "\\begin{tablenotes}[flushleft]" in tex and r"\item A note \& more." in tex


def test_transposed_table_has_measures_as_rows():
    df = pd.DataFrame({"scope": ["all years", "window"], "events_found": [37, 14], "share_found": [0.78, 0.83]})
    tex = tables.render(df, "c", "tab:c", tables.Layout(transpose=True, decimals={"share_found": 2}))
    assert r"{@{}r@{}}all\\years\end{tabular} & window \\" in tex and r"\begin{tabular}{lrr}" in tex
    assert body(tex) == [r"events found & 37 & 14 \\", r"share found (95\% interval) & 0.78 & 0.83 \\"]


def test_text_is_wrapped_from_the_threshold_on():
    word = "abcdefghij "  # the width of a line of such words grows with their number
    n_at = max(k for k in range(1, 40) if tables.text_width_em((word * k).strip()) <= tables.WRAP_FROM_EM)

    def spec(k):
        df = pd.DataFrame({"title_en": [(word * k).strip()], "n": [1]})
        return tables._specs(tables._columns(df, tables.Layout()), tables.Layout())[0].kind

    assert spec(n_at - 1) == "l" and spec(n_at) == "l" and spec(n_at + 1) == "X"


def test_placement_in_a_column_across_the_page_and_wrapped():
    column = style.table_room_em("single")
    short = pd.DataFrame({"area": ["education"], "events": [3]})
    assert r"\begin{table}[tbp]" in tables.render(short, "c", "tab:c")
    # a text just too long for one line in a column: wrapped in the column with tabularx
    long_text = " ".join(["cooperation"] * 6)
    tex = tables.render(pd.DataFrame({"title_en": [long_text], "n": [1]}), "c", "tab:c")
    assert r"\begin{table}[tbp]" in tex and r"\begin{tabularx}{\linewidth}" in tex and r"\arraybackslash}Xr}" in tex
    # many numeric columns: too wide for a column, set across the page
    wide = pd.DataFrame({f"measure_number_{i}": [123456.5] for i in range(8)})
    assert tables.table_width_em(tables._specs(tables._columns(wide, tables.Layout()), tables.Layout()),
                                 False) > column
    assert r"\begin{table*}[tbp]" in tables.render(wide, "c", "tab:c")


def test_a_table_too_tall_for_a_page_is_one_longtable_with_its_header_on_every_page():
    budget = tables.page_lines("small") - tables.RESERVED_LINES - 1
    fits = pd.DataFrame({"year": range(int(budget)), "events": range(int(budget))})
    tex = tables.render(fits, "Units", "tab:u")
    assert tex.count(r"\begin{table}") == 1 and "longtable" not in tex
    tall = pd.DataFrame({"year": range(int(budget) + 1), "events": range(int(budget) + 1)})
    tex = tables.render(tall, "Units", "tab:u", tables.Layout(notes=("A note.",)))
    assert r"\begin{table}" not in tex and tex.count(r"\begin{longtable}") == 1
    assert r"\caption{Units}\label{tab:u}" in tex and r"\caption[]{Units (continued)}" in tex
    assert r"\endfirsthead" in tex and r"\endhead" in tex and r"\endlastfoot" in tex
    assert tex.index("A note.") > tex.index(r"\end{longtable}")  # the notes under the last row
    assert r"\if@twocolumn\onecolumn" in tex and tex.rstrip().endswith(r"\restorecolumns")
    # a tall table with long text wraps it across the text width: xltabular
    text = pd.DataFrame({"title_en": [" ".join(["cooperation"] * 12)] * int(budget), "n": range(int(budget))})
    assert r"\begin{xltabular}{\linewidth}" in tables.render(text, "Titles", "tab:t")


def test_every_report_table_has_latex_without_codes():
    folder = ROOT / "reports/tables"
    for csv in folder.glob("*.csv"):
        tex = folder / f"{csv.stem}.tex"
        if csv.stem in tables.DATA_ONLY:  # a data table, too long to typeset: it says why, and has no LaTeX
            assert not tex.exists() and len(tables.DATA_ONLY[csv.stem]) > 20
            continue
        assert tex.exists(), f"{csv.name} has no .tex"
        text = tex.read_text(encoding="utf-8")
        assert r"\toprule" in text and rf"\label{{tab:{csv.stem}}}" in text and r"\caption{" in text
        codes = re.findall(r"\b[a-z]+(?:\\_[a-z0-9]+)+\b", text)
        assert not codes, f"{tex.name} shows codes instead of words: {codes[:5]}"


def test_a_layout_naming_a_column_the_table_lacks_is_an_error():
    df = pd.DataFrame({"field": ["area"], "alpha": [0.9]})
    with pytest.raises(ValueError, match=r"table tab:c: the layout names column\(s\) alpha_high, alpha_low"):
        tables.render(df, "c", "tab:c", tables.Layout(intervals={"alpha": ("alpha_low", "alpha_high")}))


def test_a_table_just_too_wide_for_a_column_wraps_its_widest_text_column_instead():
    room = style.table_room_em("single")
    label = " ".join(["organisation"] * 3)  # about 17 em on one line
    df = pd.DataFrame({"actor_kind": [label], "sector": ["non-state"], "ru_side": [1], "kz_side": [2]})
    specs = tables._specs(tables._columns(df, tables.Layout()), tables.Layout())
    assert tables.table_width_em(specs, False) > room  # one line each: too wide for a column
    tex = tables.render(df, "Actors (ru_side, kz_side) by kind (actor_kind)", "tab:a")
    assert r"\begin{table}[tbp]" in tex and r"\begin{tabularx}{\linewidth}{>{\raggedright\arraybackslash}X" in tex
    assert r"\caption{Actors (ru\_side, kz\_side) by kind}" in tex  # a lone column name is left out
