"""Run one notebook of the chain headlessly with Papermill: strict parameters, timeout, atomic result.

    python -m regional_ties.run notebooks/01_compile_events.ipynb reports/01_compile_events.ipynb \
        -p out runs/mine -p settings "{'start_year': 2010}"

* An unknown parameter name is an error (Papermill itself only warns), caught before the kernel
  starts; the settings themselves are checked by the notebook's `config.setup`.
* The executed notebook is written atomically; execution timestamps are removed, so that a
  rebuild gives the same bytes when the outputs are the same.
* On failure the executed notebook, traceback included, is kept as `<name>.failed.ipynb` next to
  the target, the target is left as it was, and the exit code is non-zero.
* An HTML rendering is written next to the executed notebook (the workflow run by `make` writes one
  report of all notebooks instead, and passes --no-html: see workflow/Snakefile).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import sys
import tempfile
from pathlib import Path

import nbformat

from .outputs import atomic_path

DEFAULT_TIMEOUT = 900  # seconds per cell


class ParameterError(ValueError):
    pass


def _parse_value(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def declared_parameters(notebook: str | Path) -> dict:
    """The names and default values of the notebook's `parameters` cell."""
    nb = nbformat.read(str(notebook), as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"{notebook}: expected exactly one cell tagged 'parameters', found {len(cells)}")
    out = {}
    for node in ast.parse(cells[0].source).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    out[t.id] = ast.literal_eval(node.value)
    return out


def check_parameters(notebook: str | Path, params: dict) -> None:
    declared = declared_parameters(notebook)
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise ParameterError(
            f"{notebook}: unknown parameter(s) {unknown}; the notebook declares {sorted(declared)}"
        )


def strip_timestamps(nb) -> None:
    """Remove the execution timestamps that Papermill and nbclient add."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        pm = cell.metadata.get("papermill")
        if pm is not None:
            cell.metadata["papermill"] = {k: v for k, v in pm.items()
                                          if k not in ("start_time", "end_time", "duration", "status")}
            if not cell.metadata["papermill"]:
                cell.metadata.pop("papermill")


def write_html(nb, target: Path) -> Path:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    html = target.with_suffix(".html")
    with atomic_path(html) as tmp:
        tmp.write_text(body, encoding="utf-8")
    return html


KERNEL = "regional-ties"  # installed into the project's virtual environment by `make setup`


def kernel_name() -> str:
    """The project's kernel if installed, else the kernel of the Python running this."""
    from jupyter_client.kernelspec import KernelSpecManager

    return KERNEL if KERNEL in KernelSpecManager().find_kernel_specs() else "python3"


def run_notebook(notebook: str | Path, target: str | Path, params: dict, timeout: int = DEFAULT_TIMEOUT,
                 cwd: str | Path | None = None, html: bool = True, kernel: str | None = None) -> Path:
    """Execute one notebook with Papermill in a kernel of its own."""
    import papermill as pm

    notebook, target = Path(notebook), Path(target)
    check_parameters(notebook, params)
    target.parent.mkdir(parents=True, exist_ok=True)
    failed = target.with_name(target.stem + ".failed.ipynb")
    fd, scratch = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".running.ipynb", dir=target.parent)
    os.close(fd)
    scratch = Path(scratch)
    try:
        pm.execute_notebook(str(notebook), str(scratch), parameters=params, kernel_name=kernel or kernel_name(),
                            execution_timeout=timeout, progress_bar=False, log_output=False,
                            cwd=str(cwd) if cwd else None, report_mode=False, request_save_on_cell_execute=False)
        nb = nbformat.read(str(scratch), as_version=4)
    except Exception:
        if scratch.stat().st_size:
            nb = nbformat.read(str(scratch), as_version=4)
            strip_timestamps(nb)
            with atomic_path(failed) as ftmp:
                nbformat.write(nb, str(ftmp))
        raise
    finally:
        scratch.unlink()
    strip_timestamps(nb)
    with atomic_path(target) as ttmp:
        nbformat.write(nb, str(ttmp))
    if failed.exists():
        failed.unlink()
    if html:
        write_html(nb, target)
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebook")
    ap.add_argument("target")
    ap.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    ap.add_argument("--param-file", help="a JSON file of parameters (the workflow's: the run's settings, folder)")
    ap.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT)
    ap.add_argument("--no-html", action="store_true")
    args = ap.parse_args(argv)
    params = json.loads(Path(args.param_file).read_text(encoding="utf-8")) if args.param_file else {}
    params.update({k: _parse_value(v) for k, v in args.p})
    try:
        run_notebook(args.notebook, args.target, params, args.timeout, html=not args.no_html)
    except ParameterError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - report any notebook failure with where to read it
        failed = Path(args.target).with_name(Path(args.target).stem + ".failed.ipynb")
        what = f"{err.ename}: {err.evalue}" if hasattr(err, "ename") else f"{type(err).__name__}: {err}"
        print(f"error: {args.notebook} failed: {what[-3000:]}\n"
              f"the executed notebook with its traceback is in {failed}", file=sys.stderr)
        return 1
    print(f"ran {args.notebook} -> {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
