"""Writing outputs: atomically, deterministically, escaped for where they go.

Every output file is written to a temporary name in the same folder and renamed into place,
so a build killed at any moment leaves each file either as it was or complete. A file whose new
bytes are its old ones is not rewritten (a notebook run again in JupyterLab with the study's settings
leaves the committed outputs untouched, modification times included). Report tables
(CSV and LaTeX) are written by `tables.write_table`, which builds on these.
"""

from __future__ import annotations

import contextlib
import filecmp
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

#: Leading characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to `path`; on success rename it onto `path` (unless `path` already holds the
    same bytes), else delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if path.is_file() and filecmp.cmp(tmp_path, path, shallow=False):
            return  # the same bytes: the file is left as it is, its modification time too
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(path: str | os.PathLike, text: str) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


def write_json(path: str | os.PathLike, obj) -> Path:
    return write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def escape_formula(value):
    """Prefix a cell that a spreadsheet would evaluate as a formula with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(path: str | os.PathLike, df: pd.DataFrame, *, spreadsheet_safe: bool = True) -> Path:
    """Write a CSV with a fixed format: UTF-8, LF line ends, no index, floats as written by pandas."""
    out = df
    if spreadsheet_safe:
        out = df.copy()
        for col in out.columns:
            if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                out[col] = out[col].map(escape_formula)
    with atomic_path(path) as tmp:
        out.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
    return Path(path)


def escape_latex(text) -> str:
    """Escape LaTeX special characters in a text cell."""
    if not isinstance(text, str):
        return text
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def file_sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
