"""The evidence browser: every event and every legal document as a searchable, sortable, filterable table.

The tables are itables (DataTables) in its offline mode: the DataTables bundle is written into the page once,
so the browser opens from the file system with no outside request. Each event row carries its summary and
links to its sources (the URLs recorded in sources.csv, carried into the processed events).
"""

from __future__ import annotations

import html

import pandas as pd

from .table_display import _cell, header

EVENT_COLUMNS = ["event_id", "year", "ru_region", "area", "kz_unit", "ru_actor_kind", "kz_actor_kind", "format",
                 "in_window", "summary_en"]
DOC_COLUMNS = ["doc_id", "title_en", "doc_type", "level", "parties", "signed", "in_force_from", "in_force_to",
               "in_force_in_window"]


BROWSER_CSS = (".evidence-browser table.dataTable td{white-space:normal;vertical-align:top;max-width:30rem}"
               ".evidence-browser table.dataTable caption{text-align:left;font-weight:bold;padding:.6rem 0 .3rem}"
               ".evidence-browser table.dataTable thead input{width:100%;box-sizing:border-box;font-size:.75rem}"
               ".evidence-browser table.dataTable td.wide{min-width:22rem}.evidence-browser{font-size:.82rem}")


def _links(urls: str) -> str:
    parts = [u.strip() for u in str(urls).split(" ; ") if u.strip()]
    return " ".join(f'<a href="{html.escape(u, quote=True)}">[{i}]</a>' for i, u in enumerate(parts, 1))


def _words(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    cols = [c for c in columns if c in df.columns]
    return pd.DataFrame({header(c): [html.escape(_cell(v, c)) for v in df[c]] for c in cols})


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    out = _words(events, EVENT_COLUMNS)
    out = out.rename(columns={"Summary en": "Summary", "In window": "In the window"})
    out["Sources"] = [_links(u) for u in events.get("source_urls", pd.Series([""] * len(events)))]
    return out


def documents_table(docs: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    out = _words(docs, DOC_COLUMNS)
    if sources is not None and "source_ids" in docs.columns:
        url = dict(zip(sources["source_id"], sources["url"], strict=True))
        out["Sources"] = [_links(" ; ".join(url[s] for s in str(ids).split(";") if s in url))
                          for ids in docs["source_ids"]]
    return out


def browser_html(tables: dict[str, pd.DataFrame]) -> str:
    """The tables (caption -> table) as DataTables, with the DataTables bundle inlined once."""
    from itables import to_html_datatable
    from itables.javascript import generate_init_offline_itables_html, opt

    parts = [generate_init_offline_itables_html(opt.dt_bundle)]
    for caption, table in tables.items():
        parts.append(to_html_datatable(table, caption=caption, connected=False, allow_html=True, paging=True,
                                       pageLength=10, lengthMenu=[10, 25, 100], classes="display compact",
                                       column_filters="header", layout={"topStart": "pageLength",
                                                                         "topEnd": "search"},
                                       style={"width": "100%", "caption-side": "top", "table-layout": "auto"},
                                       columnDefs=[{"className": "dt-left", "targets": "_all"},
                                                   *([{"className": "wide", "targets": [list(table).index(w)]}
                                                      for w in ("Summary", "Title") if w in table])]))
    return f'<div class="evidence-browser"><style>{BROWSER_CSS}</style>' + "\n".join(parts) + "</div>"


def show(events: pd.DataFrame, docs: pd.DataFrame, sources: pd.DataFrame | None = None):
    """The browser as a notebook output."""
    from IPython.display import HTML

    return HTML(browser_html({"Every event of the compilation": events_table(events),
                              "Every legal document": documents_table(docs, sources)}))
