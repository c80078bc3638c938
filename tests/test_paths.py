"""Paths in the notebooks resolve from the project root, whatever the working directory."""

import os
from pathlib import Path

from regional_ties import paths

from .conftest import ROOT


def test_root_is_found_from_the_notebooks_folder_and_from_the_root(monkeypatch):
    assert paths.project_root(ROOT / "notebooks") == ROOT
    monkeypatch.chdir(ROOT / "notebooks")
    assert paths.project_root() == ROOT
    assert paths.resolve("data/raw") == ROOT / "data" / "raw"


def test_absolute_paths_are_kept(tmp_path):
    assert paths.resolve(tmp_path / "x") == tmp_path / "x"


def test_outside_the_project_the_installed_checkout_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert paths.project_root() == ROOT  # the package is installed (editable) from this checkout
    assert Path(os.getcwd()) == tmp_path
