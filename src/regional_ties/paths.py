"""Where the project is, so that notebooks run from any working directory.

JupyterLab starts a notebook's kernel in the notebook's folder (notebooks/), Papermill and make in the
project root. Relative paths in the notebooks' parameters are relative to the project root either way:
`resolve` turns them into absolute paths (an absolute path is kept as it is). The root is the nearest
folder, from the working directory up, that holds pyproject.toml and src/regional_ties; failing that,
the checkout this package is installed from.
"""

from __future__ import annotations

from pathlib import Path


def _is_root(folder: Path) -> bool:
    return (folder / "pyproject.toml").is_file() and (folder / "src" / "regional_ties").is_dir()


def project_root(start: str | Path | None = None) -> Path:
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    installed = Path(__file__).resolve().parents[2]
    if _is_root(installed):
        return installed
    raise FileNotFoundError(f"{here}: expected to be inside the project (a folder with pyproject.toml and "
                            "src/regional_ties), and the package is not installed from a checkout")


def resolve(path: str | Path, root: str | Path | None = None) -> Path:
    """`path` as an absolute path: relative paths are taken from the project root."""
    p = Path(path)
    return p if p.is_absolute() else Path(root or project_root()) / p
