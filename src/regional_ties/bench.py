"""`make bench`: what the chain costs against its floor, and how it grows with a compilation's size.

    python -m regional_ties.bench --out reports/bench.json

1. The full chain from clean outputs (`make all` into a temporary folder: one driver, a kernel per notebook,
   the report) against its floor: the same notebooks' code run as plain Python in one process,
   measured in the same run.
2. A `make` with nothing to do, and a `make` after touching one raw table.
3. Scale: generated, clearly synthetic event tables of 10^3 .. 10^6 rows, written to a temporary
   folder (never under data/), through load and validation, compile -> clean -> statistics -> figures,
   with wall time and peak memory, each size in a fresh process. Each stage lets go of what the next
   notebook of the chain never holds (02 does not hold the raw tables, 03 and 04 not the compiled events).
4. A fresh clone of the repository (into a temporary folder): `make` with the set-up included, then
   `make test`.

Timings are measurements of this machine; no test depends on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

NOTEBOOKS = ("01_compile_events", "02_clean_events", "03_descriptive_stats", "04_figures", "05_findings",
             "06_comparison")
ROOT = Path.cwd()


def _make(*args: str) -> float:
    t = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


FLOOR_SCRIPT = r'''
import sys, time, json, nbformat
from IPython.display import display  # noqa: F401  (the notebooks call display; here it prints nothing)
import IPython.display as d
d.display = lambda *a, **k: None
params = json.loads(sys.argv[1])
times = {}
t0 = time.perf_counter()
import pandas, numpy, matplotlib, regional_ties.figures, regional_ties.findings, regional_ties.report  # noqa
times["imports"] = time.perf_counter() - t0
for name in sys.argv[2:]:
    nb = nbformat.read(f"notebooks/{name}.ipynb", as_version=4)
    ns = {"display": lambda *a, **k: None}
    t = time.perf_counter()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = cell.source
        if "parameters" in cell.metadata.get("tags", []):
            src += "\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
        exec(compile(src, name, "exec"), ns)
    times[name] = time.perf_counter() - t
print(json.dumps(times))
'''


def floor(raw: str, out: Path) -> dict:
    params = {"raw_dir": raw, "interim_dir": str(out / "data/interim"), "processed_dir": str(out / "data/processed"),
              "tables_dir": str(out / "reports/tables"), "figures_dir": str(out / "figures"),
              "reports_dir": str(out / "reports")}
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, json.dumps(params), *NOTEBOOKS], check=True,
                         capture_output=True, text=True)
    total = time.perf_counter() - t
    times = json.loads(res.stdout.strip().splitlines()[-1])
    return {"total": round(total, 3), **{k: round(v, 3) for k, v in times.items()}}


def kernel_start() -> float:
    """Start a kernel, run one trivial cell, shut it down."""
    from jupyter_client.manager import start_new_kernel

    from .run import kernel_name

    t = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=kernel_name())
    kc.execute_interactive("1", output_hook=lambda msg: None)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return round(time.perf_counter() - t, 3)


# ----------------------------------------------------------------------------- scale


def synthetic_compilation(n_events: int, folder: Path, seed: int = 0) -> Path:
    """A clearly synthetic compilation of n_events rows that passes the contract (benchmark data only)."""
    from .contract import ACTOR_KINDS, AREAS, FORMATS, TABLES

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_src = max(10, n_events // 10)
    q = pd.DataFrame({"query_id": [f"SYNQ{i}" for i in range(10)], "round": "", "run_date": "2026-01-01",
                      "query": "SYNTHETIC benchmark query", "language": "en", "target_unit": "any",
                      "target_area": "any", "n_results_seen": "8", "n_new_candidates": "1"})
    s = pd.DataFrame({"source_id": [f"SYNS{i}" for i in range(n_src)],
                      "url": [f"https://example.org/synthetic/{i}" for i in range(n_src)],
                      "outlet": "SYNTHETIC", "published": "2020", "language": "en", "title": "SYNTHETIC",
                      "query_id": "SYNQ0", "decision": "include", "exclusion_reason": "", "notes": "benchmark"})
    names = np.array(["Костанайская область", "Astana", "Nur-Sultan", "Алматы", "Petropavlovsk", "Kazakhstan",
                      "Pavlodar", "Karaganda", "Шымкент", "Aktobe"])
    years = rng.integers(2010, 2026, n_events)
    months = rng.integers(1, 13, n_events)
    days = rng.integers(1, 29, n_events)
    date = pd.Series([f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in zip(years, months, days, strict=True)])
    e = pd.DataFrame({
        "event_id": [f"SYNE{i}" for i in range(n_events)], "date": date, "date_precision": "day", "date_end": "",
        "summary_en": "SYNTHETIC benchmark event", "area": rng.choice(AREAS, n_events), "area_detail": "",
        "ru_region": rng.choice(["Sverdlovsk region", "Chelyabinsk region"], n_events, p=[0.8, 0.2]),
        "ru_actor": rng.choice(["Actor A", "Actor B", "Actor C"], n_events),
        "ru_actor_kind": rng.choice(ACTOR_KINDS, n_events), "kz_region": rng.choice(names, n_events),
        "kz_actor": rng.choice(["Partner A", "Partner B"], n_events),
        "kz_actor_kind": rng.choice(ACTOR_KINDS, n_events),
        "location": "", "format": rng.choice(FORMATS, n_events),
        # every included source is cited: event i cites source i (mod n_src) and one drawn at random
        "source_ids": [f"SYNS{a};SYNS{b}" for a, b in zip(np.arange(n_events) % n_src,
                                                         rng.integers(0, n_src, n_events), strict=True)],
        "notes": ""})
    parts = e["source_ids"].str.split(";")
    e["source_ids"] = e["source_ids"].where(parts.str[0] != parts.str[1], parts.str[0])  # no id cited twice
    d = pd.DataFrame({"doc_id": ["SYND1"], "title_en": "SYNTHETIC treaty", "doc_type": "treaty", "level": "national",
                      "parties": "A; B", "signed": "2000", "in_force_from": "", "in_force_to": "",
                      "kz_region": "Kazakhstan", "covers_culture": "yes",
                      "source_ids": ";".join(["SYNS0"] + [f"SYNS{i}" for i in range(max(1, n_events), n_src)])})
    for name, df in (("queries", q), ("sources", s), ("events", e), ("legal_documents", d)):
        df[TABLES[name].column_names].to_csv(folder / f"{name}.csv", index=False)
    return folder


SCALE_SCRIPT = r'''
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from regional_ties import clean, compilation as comp, figures, gazetteer, load, stats, style
timings = {"imports": time.perf_counter() - t0}
raw, out = Path(sys.argv[1]), Path(sys.argv[2])
t = time.perf_counter(); tables = load.read_raw(raw); timings["load_and_validate"] = time.perf_counter() - t
t = time.perf_counter(); compiled = comp.compile_events(tables); timings["compile"] = time.perf_counter() - t
del tables  # as in the chain: notebook 02 reads the compiled events only, 03 and 04 the processed ones
t = time.perf_counter(); ev = clean.clean_events(compiled, 2015, 2020, "Sverdlovsk")
timings["clean"] = time.perf_counter() - t
del compiled
t = time.perf_counter()
an = stats.analysis_events(ev)
for f in (stats.by_area, stats.by_unit, stats.actors, stats.sectors, stats.concentration):
    f(an)
stats.year_by_area(an, 2015, 2020); stats.format_by_year(an, 2015, 2020)
timings["statistics"] = time.perf_counter() - t
t = time.perf_counter()
style.save(figures.events_by_year_area(ev, 2015, 2020), out / "fig1")
style.save(figures.events_by_unit(an), out / "fig2")
style.save(figures.tile_map(an, gazetteer.resolve_ru_region("Sverdlovsk")), out / "fig3")
timings["figures"] = time.perf_counter() - t
timings["total"] = time.perf_counter() - t0
timings["cpu_seconds"] = time.process_time()
try:  # this process's own high-water mark; ru_maxrss would also count the parent's pages shared at fork
    hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    timings["peak_rss_mib"] = int(hwm.split()[1]) / 1024
except (OSError, StopIteration):
    timings["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({k: round(v, 3) for k, v in timings.items()}))
'''


def scale(sizes, tmp: Path) -> list[dict]:
    rows = []
    for n in sizes:
        raw = synthetic_compilation(n, tmp / f"raw_{n}")
        out = tmp / f"out_{n}"
        out.mkdir()
        t = time.perf_counter()
        res = subprocess.run([sys.executable, "-c", SCALE_SCRIPT, str(raw), str(out)], check=True,
                             capture_output=True, text=True)
        wall = time.perf_counter() - t
        m = json.loads(res.stdout.strip().splitlines()[-1])
        rows.append({"events": n, "wall_seconds": round(wall, 3), **m})
        shutil.rmtree(raw)
    return rows


def plot(result: dict, path: Path) -> None:
    import matplotlib.pyplot as plt

    from . import style

    sc = pd.DataFrame(result["scale"])
    with style.styled():
        fig, axes = plt.subplots(1, 2, figsize=style.figsize("double", 0.35))
        axes[0].loglog(sc["events"], sc["wall_seconds"], "o-", color=style.OKABE_ITO[4], label="measured")
        axes[0].loglog(sc["events"], sc["wall_seconds"].iloc[-1] * sc["events"] / sc["events"].iloc[-1], ":",
                       color=style.GREY, label="linear")
        axes[0].axhline(20, ls="--", lw=0.8, color=style.GREY, label="target at $10^6$")
        axes[0].set_xlabel("events")
        axes[0].set_ylabel("seconds, compile to figures")
        axes[0].legend()
        axes[1].loglog(sc["events"], sc["peak_rss_mib"], "s-", color=style.OKABE_ITO[5])
        axes[1].axhline(1024, ls="--", lw=0.8, color=style.GREY)
        axes[1].annotate("target at $10^6$: 1 GiB", (sc["events"].iloc[0], 1024), xytext=(0, -10),
                         textcoords="offset points", va="top", fontsize="small", color=style.GREY)
        axes[1].set_xlabel("events")
        axes[1].set_ylabel("peak memory, MiB")
    style.save(fig, path, formats=("png",))


def _children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def fresh_clone(tmp: Path, run_tests: bool) -> dict:
    """`git clone` of this repository, then `make` (set-up included) and `make test`, timed, as a new user would
    run them (without the variables of the make that runs this benchmark)."""
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    out = {}
    for goal in ("all", "test") if run_tests else ("all",):
        t = time.perf_counter()
        res = subprocess.run(["make", "--no-print-directory", goal], cwd=clone, env=env, capture_output=True, text=True)
        out[f"make_{goal}_seconds"] = round(time.perf_counter() - t, 3)
        if res.returncode != 0:
            out[f"make_{goal}_failed"] = (res.stdout + res.stderr)[-2000:]
            break
    shutil.rmtree(clone, ignore_errors=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="reports/bench.json")
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--no-clone", action="store_true", help="skip the fresh clone's make and make test")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    result: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                "cpus": os.cpu_count(),
                                "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
                                                    1),
                                "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}}
    with tempfile.TemporaryDirectory(prefix="regional-ties-bench-") as tmp:
        tmp = Path(tmp)
        out = tmp / "chain"
        fl = floor("data/raw", tmp / "floor")
        t, cpu = time.perf_counter(), _children_cpu()
        _make("all", f"OUT={out}")
        chain = round(time.perf_counter() - t, 3)
        result["make_from_clean_seconds"] = chain
        result["make_from_clean_cpu_seconds"] = round(_children_cpu() - cpu, 3)  # every process of the chain
        result["floor"] = {"per_notebook_seconds": {k: fl[k] for k in NOTEBOOKS}, "imports_seconds": fl["imports"],
                           "total_seconds": fl["total"]}
        result["ratio_chain_to_floor"] = round(chain / fl["total"], 2)
        result["make_nothing_to_do_seconds"] = round(_make("all", f"OUT={out}"), 3)
        raw_copy = tmp / "raw"
        shutil.copytree("data/raw", raw_copy)
        _make("all", f"OUT={out}", f"RAW={raw_copy}")
        (raw_copy / "events.csv").touch()
        result["make_after_touching_events_csv_seconds"] = round(_make("all", f"OUT={out}", f"RAW={raw_copy}"), 3)
        result["kernel_start_seconds"] = kernel_start()
        result["scale"] = scale(sizes, tmp)
        if not args.no_clone:
            result["fresh_clone"] = fresh_clone(tmp, run_tests=True)
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    big = next((r for r in result["scale"] if r["events"] == 10**6), None)
    tenth = next((r for r in result["scale"] if r["events"] == 10**5), None)
    clone = result.get("fresh_clone", {})
    result["targets"] = {
        "chain_at_most_2x_floor": result["ratio_chain_to_floor"] <= 2.0,
        "make_nothing_to_do_under_1s": result["make_nothing_to_do_seconds"] < 1.0,
        "1e6_events_under_20s": big["wall_seconds"] < 20 if big else None,
        "1e6_events_under_1GiB": big["peak_rss_mib"] < 1024 if big else None,
        "growth_1e5_to_1e6_at_most_linear": (big["total"] - big["imports"]) <= 10 * (tenth["total"] - tenth["imports"])
        if big and tenth else None,
        "fresh_clone_make_under_60s": clone["make_all_seconds"] < 60 if clone else None,
        "make_test_under_90s": clone["make_test_seconds"] < 90 if "make_test_seconds" in clone else None,
        "fresh_clone_make_and_make_test_pass": not any(k.endswith("_failed") for k in clone) if clone else None,
    }
    from .outputs import write_json

    write_json(args.out, result)
    plot(result, Path(args.out).with_name("bench"))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
