"""Tables as a reader sees them: a DataFrame formatted from the codebook's words, for notebooks and the report.

`formatted(df)` gives the table a reader reads: headers from the codebook (`codebook.header`), codes in words
(`codebook.words`), yes/no for booleans, an empty cell for a missing value, shares and intervals with the
study's two decimals, and a meaningful index turned into a column (a plain 0, 1, 2... index is dropped).
`table_html(df, caption)` writes it as an HTML table with its caption above; `show(df, caption)` displays
it in a notebook; `register()` makes every DataFrame a notebook shows display that way.
"""

from __future__ import annotations

import html

import pandas as pd

from . import codebook

DECIMALS = 2


def _cell(value, column: str) -> str:
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, bool) or str(value) in ("True", "False"):
        return "yes" if str(value) == "True" else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and column in ("year", "n", "events") else f"{value:.{DECIMALS}f}"
    if isinstance(value, str):
        return codebook.words(value, column)
    return str(value)


def header(column: str) -> str:
    """A column's header in words: the codebook's header, else its words for the code, else the name spaced."""
    if column in codebook.COLUMNS or column not in codebook.CODES:
        return codebook.header(column)
    text = codebook.CODES[column]
    return text[:1].upper() + text[1:]


def formatted(df: pd.DataFrame) -> pd.DataFrame:
    """The table in words: codebook headers and cells, yes/no, no NaN, two decimals, no plain index."""
    if not isinstance(df.index, pd.RangeIndex) or df.index.name is not None:
        df = df.reset_index()
    out = pd.DataFrame({header(str(col)): [_cell(v, str(col)) for v in df[col]] for col in df.columns})
    return out


def table_html(df: pd.DataFrame, caption: str = "") -> str:
    body = formatted(df).to_html(index=False, border=0, classes="study-table", escape=True)
    if caption:
        body = body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)
    return f'<div class="table-wrap">{body}</div>'


def show(df: pd.DataFrame, caption: str) -> None:
    """Display a table with its caption above it (the report numbers it: "Table 3. caption")."""
    from IPython.display import HTML, display

    display(HTML(table_html(df, caption)))


def register() -> None:
    """Every DataFrame a notebook shows is shown formatted (the notebooks call this once)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, lambda df: table_html(df))
