"""Numbers in the documentation are written between markers and checked against the outputs."""

import pytest

from regional_ties import docs


def test_replace_block_rewrites_only_between_its_markers():
    text = "intro\n<!-- n:start -->\nold 1\n<!-- n:end -->\noutro 7\n"
    new = docs.replace_block(text, "n", "new 2")
    assert new == "intro\n<!-- n:start -->\nnew 2\n<!-- n:end -->\noutro 7\n"


def test_missing_markers_are_an_error_naming_the_file():
    with pytest.raises(ValueError, match="README.md: the markers <!-- n:start -->"):
        docs.replace_block("no markers", "n", "x", "README.md")


def test_stale_blocks_names_what_differs(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("<!-- a:start -->\n1\n<!-- a:end -->\n<!-- b:start -->\n2\n<!-- b:end -->\n")
    assert docs.stale_blocks(path, {"a": "1", "b": "3", "c": "4"}) == ["b", "c"]
    docs.write_blocks(path, {"b": "3"})
    assert docs.stale_blocks(path, {"a": "1", "b": "3"}) == []
