"""The notebooks as readers run them: a kernel started in notebooks/ (JupyterLab's way), no edits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from regional_ties.config import NOTEBOOKS
from regional_ties.run import declared_parameters

from .conftest import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


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
def test_parameters_are_the_run_s_settings_and_folder_and_one_setup_call_resolves_them(path, monkeypatch, tmp_path):
    """Every notebook declares the same two parameters and calls config.setup once, from any working folder: left
    as they are, the study (the project's folders and README); other settings, their own folder and no README."""
    params, setup = parameters_and_setup(path)
    assert declared_parameters(path) == {"settings": {}, "out": ""}
    assert setup.count("config.setup(settings, out=out)") == 1
    assert all("config.setup" not in source(c) for c in cells(path) if c["cell_type"] == "code"
               and source(c) != setup)
    monkeypatch.chdir(NOTEBOOK_DIR)  # where JupyterLab starts the kernel
    ns: dict = {}
    exec(params, ns)
    exec(setup, ns)
    assert ns["run"].is_study and ns["run"].folders.out == ROOT
    assert Path(ns.get("readme_path", ROOT / "README.md")) == ROOT / "README.md"
    ns = {"settings": {"seed": 1}, "out": str(tmp_path)}
    exec(setup, ns)
    assert not ns["run"].is_study and ns["run"].folders.out == tmp_path
    assert ns.get("readme_path", "") == ""
    for name in ("processed", "tables_out", "figs", "interim"):
        if name in ns:
            assert tmp_path in Path(ns[name]).parents, name


@pytest.mark.slow
def test_notebooks_run_from_the_notebooks_folder_with_their_defaults(tmp_path):
    """Each notebook, in order, with a kernel started in notebooks/; only the run's folder is moved (to a temporary
    folder, so that the committed outputs are never written); the settings are the study's."""
    out = tmp_path / "out"
    import papermill

    for path in NOTEBOOK_FILES:
        executed = tmp_path / "executed" / path.name
        executed.parent.mkdir(exist_ok=True)
        try:
            papermill.execute_notebook(path, executed, parameters={"out": str(out)},
                                       cwd=NOTEBOOK_DIR, progress_bar=False, log_output=False)
        except papermill.PapermillExecutionError as err:
            raise AssertionError(f"{path.name} failed from notebooks/: {err.ename}: {err.evalue}") from err
        errors = [o for c in cells(executed) for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{path.name}: {errors}"
    assert (out / "reports" / "findings.json").is_file()
    assert (out / "figures" / "manifest.json").is_file()
    assert (out / "data" / "processed" / "events.csv").is_file()
