"""Run the stale notebooks of the chain from one Python process, then write reports/study.html.

    python -m regional_ties.chain --state .make/study [--jobs 2] [--timeout 900]

make decides what is stale (see the Makefile and buildstate.py): the recipe of each stale step adds
the line `<notebook> <notebooks it waits for>` to `<state>/queue`, and the last recipe runs this
driver once. Papermill is imported once; each notebook is executed by Papermill in a process
forked from this one, with its own fresh kernel, and notebooks whose prerequisites are done run
side by side on the available cores (03 and 04 need only 02). A notebook's kernel is started, and
the libraries its notebook imports are loaded into it silently (no output, no history, no name
bound), while the notebooks it waits for still run: kernel start and imports leave the critical path.

Each notebook is still run as `run.run_notebook` runs it: strict parameters (each notebook gets the
settings it declares), atomic executed notebook in reports/, no timestamps, `<name>.failed.ipynb`
with the traceback on failure. A failed notebook stops its dependants; the others still run, and
the exit code is non-zero. After each success the files the notebook wrote (recorded by
outputs.atomic_path) are listed in `<state>/<notebook>.products` and `<state>/<notebook>.done` is
written; make compares those. The one HTML rendering is the report of all five notebooks, written
at the end.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import sys
import tempfile
from multiprocessing import connection, get_context
from pathlib import Path

from .buildstate import NOTEBOOKS, REPORT
from .outputs import PRODUCTS_LOG, write_json, write_text
from .run import DEFAULT_TIMEOUT, ParameterError, declared_parameters, kernel_name, run_notebook

NOTEBOOK_DIR = Path("notebooks")


def read_queue(path: Path) -> dict[str, list[str]]:
    """The queued notebooks in make's order, each with the notebooks it waits for."""
    queue: dict[str, list[str]] = {}
    if not path.exists():
        return queue
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if not words:
            continue
        name, after = words[0], words[1:]
        if name not in NOTEBOOKS or any(a not in NOTEBOOKS for a in after):
            raise ValueError(f"{path}: unknown notebook in the queue line {line!r}; the chain is {NOTEBOOKS}")
        queue.setdefault(name, [])
        queue[name] += [a for a in after if a not in queue[name]]
    return queue


def output_paths(out: str) -> dict[str, str]:
    """The notebooks' folder parameters for an output folder ('.' is the project itself)."""
    p = "" if out in ("", ".") else out.rstrip("/") + "/"
    return {"interim_dir": f"{p}data/interim", "processed_dir": f"{p}data/processed",
            "tables_dir": f"{p}reports/tables", "figures_dir": f"{p}figures", "reports_dir": f"{p}reports"}


def chain_parameters(settings: dict) -> dict:
    """Every setting of the run, by the parameter name the notebooks use."""
    return {"raw_dir": settings["raw"], **output_paths(settings["out"]), "start_year": settings["start_year"],
            "end_year": settings["end_year"], "ru_region": settings["ru_region"], "seed": settings["seed"],
            "readme_path": settings["readme_path"]}


def parameters_for(notebook: Path, params: dict) -> dict:
    """The settings that a notebook declares; a notebook that declares none of them is an error."""
    declared = declared_parameters(notebook)
    mine = {k: v for k, v in params.items() if k in declared}
    if not mine:
        raise ParameterError(f"{notebook}: declares none of the chain's parameters {sorted(params)}")
    return mine


def plan(queue: dict[str, list[str]], finished: set[str], running: set[str], failed: set[str]) -> tuple[list, list]:
    """Which queued notebooks can start now, and which can never run because a prerequisite failed."""
    ready, blocked = [], []
    for nb, after in queue.items():
        if nb in finished or nb in running or nb in failed:
            continue
        waiting = [a for a in after if a in queue]
        if any(a in failed for a in waiting):
            blocked.append(nb)
        elif all(a in finished for a in waiting):
            ready.append(nb)
    return ready, blocked


def imported_modules(notebook: Path) -> list[str]:
    """The modules a notebook's code imports (`from a.b import c` gives a.b and a.b.c), in order."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    mods: list[str] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            mods += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            mods += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
    return list(dict.fromkeys(mods))


def warm_up_code(modules: list[str]) -> str:
    """Code that loads modules into a kernel without binding a name in the notebook's namespace."""
    return ("def __warm_up(names):\n"
            "    import importlib\n"
            "    for name in names:\n"
            "        try:\n"
            "            importlib.import_module(name)\n"
            "        except ImportError:\n"
            "            pass\n"
            f"__warm_up({modules!r})\n"
            "del __warm_up\n")


def start_warm_kernel(kernel: str, modules: list[str], sockets: Path, timeout: int = 120):
    """A started kernel with the notebook's modules already loaded, silently (no output, no execution count).

    The kernel talks over IPC sockets in the folder `sockets` (one per notebook), not TCP ports: kernels started
    side by side cannot pick the same port. A kernel that does not become ready is killed, never left behind."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=kernel, transport="ipc", ip=str(sockets / "kernel"))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        msg_id = kc.execute(warm_up_code(modules), silent=True, store_history=False)
        while True:
            reply = kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
    except BaseException:
        km.shutdown_kernel(now=True)
        raise
    finally:
        kc.stop_channels()
    return km


def ancestors(queue: dict[str, list[str]], nb: str) -> set[str]:
    """The queued notebooks that a notebook waits for, directly or not."""
    out: set[str] = set()
    todo = [a for a in queue.get(nb, []) if a in queue]
    while todo:
        a = todo.pop()
        if a not in out:
            out.add(a)
            todo += [b for b in queue.get(a, []) if b in queue]
    return out


def wait_for_go(go, run, parent: int) -> bool:
    """Block until the driver says go (True) or that the notebook cannot run (False); False if the driver died."""
    while not go.wait(timeout=1.0):
        if os.getppid() != parent:
            return False
    return bool(run.value)


def _child(nb: str, target: str, params: dict, timeout: int, kernel: str, log: str, go, run, parent: int,
           niceness: int = 0) -> None:
    if niceness:  # a notebook further down the chain warms its kernel without slowing the ones before it
        os.nice(niceness)
    os.environ[PRODUCTS_LOG] = log
    code = 0
    km = None
    sockets = Path(tempfile.mkdtemp(prefix="regional-ties-kernel-"))
    try:
        km = start_warm_kernel(kernel, imported_modules(NOTEBOOK_DIR / f"{nb}.ipynb"), sockets)
        if wait_for_go(go, run, parent):
            run_notebook(NOTEBOOK_DIR / f"{nb}.ipynb", target, params, timeout, html=False, kernel=kernel, km=km)
            print(f"ran notebooks/{nb}.ipynb -> {target}", flush=True)
        else:  # the notebooks it waits for failed: it does not run
            code = 3
    except ParameterError as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        code = 2
    except Exception as err:  # noqa: BLE001 - report any notebook failure with where to read it
        failed = Path(target).with_name(Path(target).stem + ".failed.ipynb")
        what = f"{err.ename}: {err.evalue}" if hasattr(err, "ename") else f"{type(err).__name__}: {err}"
        print(f"error: notebooks/{nb}.ipynb failed: {what[-3000:]}\n"
              f"the executed notebook with its traceback is in {failed}", file=sys.stderr, flush=True)
        code = 1
    finally:
        if km is not None:
            km.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def record_products(state: Path, step: str, products: list[str]) -> None:
    write_json(state / f"{step}.products", sorted(set(products)))
    write_text(state / f"{step}.done", step + "\n")


def execute(queue: dict[str, list[str]], state: Path, params: dict, jobs: int, timeout: int) -> set[str]:
    """Run the queued notebooks, `jobs` at a time in dependency order; return the ones that failed or waited.

    A notebook gets its process (and warms its kernel) once the notebooks it waits for are running or done,
    up to `jobs` + 2 processes at a time; it runs when they have finished and fewer than `jobs` notebooks run.
    """
    import papermill  # noqa: F401 - imported once here, inherited by every forked child

    reports = Path(params["reports_dir"])
    per_nb = {nb: parameters_for(NOTEBOOK_DIR / f"{nb}.ipynb", params) for nb in queue}
    kernel = kernel_name()
    ctx = get_context("fork")  # the children inherit the imports already paid for here
    finished: set[str] = set()
    failed: set[str] = set()
    started: dict[str, tuple] = {}  # notebook -> (process, its "go" event, its "run" flag)
    running: set[str] = set()  # told to go, not finished

    def tell(nb: str, run: bool) -> None:
        started[nb][2].value = int(run)
        started[nb][1].set()

    while True:
        ready, blocked = plan(queue, finished, running, failed)
        while blocked:  # a failure stops every notebook that needs it, directly or not
            for nb in blocked:
                print(f"error: notebooks/{nb}.ipynb not run: a notebook it needs failed", file=sys.stderr)
                failed.add(nb)
                if nb in started:
                    tell(nb, run=False)  # the process ends without running the notebook
            ready, blocked = plan(queue, finished, running, failed)
        # a notebook gets its process and kernel once every notebook it waits for is running or done
        alive = [nb for nb in started if nb not in finished and nb not in failed]
        admissible = [n for n in queue if n not in started and n not in failed
                      and all(a in finished or a in running for a in queue[n] if a in queue)]
        for nb in admissible[: max(0, jobs + 2 - len(alive))]:
            log = state / f"{nb}.written"
            log.unlink(missing_ok=True)
            go, run = ctx.Event(), ctx.Value("b", 0)
            proc = ctx.Process(target=_child, args=(nb, str(reports / f"{nb}.ipynb"), per_nb[nb], timeout, kernel,
                                                    str(log.resolve()), go, run, os.getpid(),
                                                    2 * len(ancestors(queue, nb))))
            proc.start()
            started[nb] = (proc, go, run)
        for nb in [n for n in ready if n in started][: max(0, jobs - len(running))]:
            tell(nb, run=True)
            running.add(nb)
        waiting = {started[nb][0].sentinel: nb for nb in started if nb not in finished and nb not in failed}
        if not waiting:
            break
        for sentinel in connection.wait(list(waiting)):
            nb = waiting[sentinel]
            proc = started[nb][0]
            proc.join()
            log = state / f"{nb}.written"
            if proc.exitcode == 0 and nb in running:
                record_products(state, nb, log.read_text(encoding="utf-8").splitlines() if log.exists() else [])
                finished.add(nb)
            else:
                failed.add(nb)
                if nb not in running:  # ended before it was told to run
                    print(f"error: notebooks/{nb}.ipynb: its kernel could not be started", file=sys.stderr)
            running.discard(nb)
            log.unlink(missing_ok=True)
    for proc, _, _ in started.values():
        proc.join()
    return failed


def build_report(state: Path, params: dict) -> Path:
    from .report import study_html

    reports = Path(params["reports_dir"])
    target = study_html([reports / f"{nb}.ipynb" for nb in NOTEBOOKS], reports / "study.html")
    record_products(state, REPORT, [str(target.resolve())])
    print(f"wrote {target}")
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--state", required=True, help="the run's state folder, written by buildstate.py")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT)
    args = ap.parse_args(argv)
    state = Path(args.state)
    settings = json.loads((state / "settings.json").read_text(encoding="utf-8"))
    params = chain_parameters(settings)
    queue_file = state / "queue"
    try:
        # a queue left by a killed run may name notebooks that finished since: their stamp is back
        queue = {nb: after for nb, after in read_queue(queue_file).items() if not (state / f"{nb}.done").exists()}
        failed = execute(queue, state, params, max(1, args.jobs), args.timeout) if queue else set()
    except ParameterError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    finally:
        queue_file.unlink(missing_ok=True)
    if failed:
        return 1
    build_report(state, params)
    return 0


if __name__ == "__main__":
    sys.exit(main())
