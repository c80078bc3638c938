"""The notebooks as readers run them: a kernel started in notebooks/ (JupyterLab's way), no edits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from regional_ties.buildstate import NOTEBOOKS
from regional_ties.run import declared_parameters

from .conftest import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
OUTPUT_DIRS = ("interim_dir", "processed_dir", "tables_dir", "figures_dir", "reports_dir")


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def parameters_and_setup(path: Path) -> tuple[str, str]:
    """The parameters cell and the first code cell after it."""
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", []), f"{path.name}: the first code cell is not parameters"
    return source(code[0]), source(code[1])


def test_the_chain_runs_every_notebook_in_the_folder():
    assert [p.stem for p in NOTEBOOK_FILES] == list(NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_first_markdown_cell_says_what_it_reads_writes_and_how_long(path):
    first = cells(path)[0]
    assert first["cell_type"] == "markdown"
    text = source(first)
    assert re.search(r"\*\*Reads\*\* .+; \*\*writes\*\* .+; \*\*takes\*\* about \d+ (seconds|minutes)\.", text), text


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("readme", ["", "README.md"])
def test_setup_cell_resolves_every_folder_from_the_project_root(path, readme, monkeypatch):
    params, setup = parameters_and_setup(path)
    declared = declared_parameters(path)
    dirs = sorted(k for k in declared if k.endswith("_dir"))
    assert "raw_dir" in dirs and set(OUTPUT_DIRS) <= set(dirs)
    monkeypatch.chdir(NOTEBOOK_DIR)  # where JupyterLab starts the kernel
    ns: dict = {}
    exec(params, ns)
    ns["readme_path"] = readme
    ns["figures_dir"] = str(ROOT / "some" / "absolute" / "folder")  # an absolute path is kept as it is
    exec(setup, ns)
    for name in dirs:
        expected = ROOT / "some/absolute/folder" if name == "figures_dir" else ROOT / declared[name]
        assert Path(ns[name]) == expected, name
        assert Path(ns[name]).is_absolute()
    assert ns["readme_path"] == (ROOT / "README.md" if readme else "")


@pytest.mark.slow
def test_notebooks_run_from_the_notebooks_folder_with_their_defaults(tmp_path):
    """Each notebook, in order, with a kernel started in notebooks/; only the output folders are moved
    (to a temporary folder, so that the committed outputs are never written); raw_dir keeps its default."""
    out = tmp_path / "out"
    folders = {"interim_dir": out / "data/interim", "processed_dir": out / "data/processed",
               "tables_dir": out / "reports/tables", "figures_dir": out / "figures", "reports_dir": out / "reports"}
    import papermill

    for path in NOTEBOOK_FILES:
        executed = tmp_path / "executed" / path.name
        executed.parent.mkdir(exist_ok=True)
        try:
            papermill.execute_notebook(path, executed, parameters={k: str(v) for k, v in folders.items()},
                                       cwd=NOTEBOOK_DIR, progress_bar=False, log_output=False)
        except papermill.PapermillExecutionError as err:
            raise AssertionError(f"{path.name} failed from notebooks/: {err.ename}: {err.evalue}") from err
        errors = [o for c in cells(executed) for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{path.name}: {errors}"
    assert (out / "reports" / "findings.json").is_file()
    assert (out / "figures" / "manifest.json").is_file()
    assert (out / "data" / "processed" / "events.csv").is_file()
