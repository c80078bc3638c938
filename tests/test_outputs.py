import pandas as pd
import pytest

from regional_ties import outputs, tables


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        with outputs.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed")
    assert target.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [target]


def test_latex_escaping():
    assert outputs.escape_latex("R&D 50% #1 a_b $x$ {y} ~ ^") == (
        r"R\&D 50\% \#1 a\_b \$x\$ \{y\} \textasciitilde{} \textasciicircum{}")


def test_spreadsheet_formula_cells_are_defused(tmp_path):
    df = pd.DataFrame({"name": ["=HYPERLINK(1)", "plain", "-1+2", "@SUM"], "n": [1, 2, 3, 4]})
    outputs.write_csv(tmp_path / "x.csv", df)
    back = pd.read_csv(tmp_path / "x.csv", dtype=str)
    assert back["name"].tolist() == ["'=HYPERLINK(1)", "plain", "'-1+2", "'@SUM"]
    assert back["n"].tolist() == ["1", "2", "3", "4"]


def test_latex_table_is_booktabs_and_escaped():
    tex = tables.render(pd.DataFrame({"unit": ["A&B"], "share": [0.5]}), "Cap_tion", "tab:x")
    assert r"\toprule" in tex and r"\bottomrule" in tex
    assert r"A\&B & 0.500 \\" in tex
    assert r"\caption{Cap\_tion}" in tex


def test_the_same_bytes_leave_a_file_untouched_and_other_bytes_replace_it(tmp_path):
    path = tmp_path / "t.txt"
    outputs.write_text(path, "a\n")
    import os

    os.utime(path, ns=(0, 10**9))
    outputs.write_text(path, "a\n")
    assert path.stat().st_mtime_ns == 10**9 and path.read_text() == "a\n"
    outputs.write_text(path, "b\n")
    assert path.stat().st_mtime_ns != 10**9 and path.read_text() == "b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.txt"]  # no temporary file left
