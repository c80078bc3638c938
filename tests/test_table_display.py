"""Tables in the codebook's words: no index, no NaN, no True/False, no snake_case header, two decimals."""

import math

import pandas as pd

from regional_ties import table_display


def _table():
    return pd.DataFrame({"kz_unit": ["kostanay", "almaty_city"], "share": [0.16667, math.nan],
                         "meets_target": [True, False], "events": [5, 3], "ru_actor_kind": ["ngo", None]})


def test_formatted_in_words():
    out = table_display.formatted(_table())
    assert list(out.columns) == ["Kazakh unit", "Share", "Meets target", "Events", "Russian actor kind"]
    assert out.iloc[0].tolist() == ["Kostanay", "0.17", "yes", "5", "NGO"]
    assert out.iloc[1].tolist() == ["Almaty", "", "no", "3", ""]


def test_html_has_no_index_nan_booleans_or_codes():
    html = table_display.table_html(_table(), "A caption")
    assert "<caption>A caption</caption>" in html and html.index("<caption>") < html.index("<thead>")
    for raw in ("NaN", "True", "False", "kz_unit", "almaty_city", "0.16667", "<th></th>"):
        assert raw not in html, raw


def test_a_meaningful_index_becomes_a_column():
    t = pd.DataFrame({"events": [1, 2]}, index=pd.Index(["arts", "media"], name="area"))
    assert list(table_display.formatted(t).columns) == ["Area", "Events"]
    assert list(table_display.formatted(t)["Area"]) == ["arts", "media"]
