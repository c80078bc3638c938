"""`make bench`: what the Snakemake workflow costs a user, on this machine, at the scale users reach.

    python -m regional_ties.bench --out reports/bench.json

1. A fresh clone of the repository (into a temporary folder, never this checkout): `make` with the set-up
   included (target: under 60 s), `make` with nothing to do, and `make test` (target: under 90 s).
2. In the clone, one notebook edited (04, a line end added to its file): `make` re-runs 04 and the notebooks
   after it (05, 06) and the report only (target: under 15 s); the notebooks it ran are recorded.
3. Scale: generated, clearly synthetic compilations (written to a temporary folder, never under data/) run
   through the whole chain with `make RAW=... OUT=...` in the clone: 10^5 events (target: under 30 s) and
   10^6 events (time and memory reported, no target). Memory is the peak resident set of the largest single
   process of the run (a notebook's kernel).

The machine's load average is recorded at the start and the end: the machine may be shared with other work,
and the timings are of this machine at that load; no test depends on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path.cwd()
ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}


def _make(clone: Path, *args: str) -> dict:
    """One make in the clone: its wall time, the largest process's peak memory, the notebooks it ran."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    res = subprocess.run(["make", "--no-print-directory", *args], cwd=clone, env=ENV, capture_output=True, text=True)
    out = {"seconds": round(time.perf_counter() - t, 3)}
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak > before:  # ru_maxrss of the children is the largest one so far: reported only when this make raised it
        out["peak_rss_mib"] = round(peak / 1024, 1)
    text = res.stdout + res.stderr
    out["ran"] = sorted({line.split()[1].split("/")[-1].removesuffix(".ipynb") for line in text.splitlines()
                         if line.startswith("ran notebooks/")})
    if res.returncode != 0:
        out["failed"] = text[-2000:]
    return out


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


def plot(result: dict, path: Path) -> None:
    import matplotlib.pyplot as plt

    from . import style

    sc = pd.DataFrame(result["scale"])
    with style.styled():
        fig, axes = plt.subplots(1, 2, figsize=style.figsize("double", 0.35))
        axes[0].loglog(sc["events"], sc["seconds"], "o-", color=style.OKABE_ITO[4], label="measured")
        axes[0].axhline(30, ls="--", lw=0.8, color=style.GREY, label="target at $10^5$")
        axes[0].set_xlabel("events")
        axes[0].set_ylabel("seconds, whole chain (make)")
        axes[0].legend()
        if "peak_rss_mib" in sc:
            axes[1].loglog(sc["events"], sc["peak_rss_mib"], "s-", color=style.OKABE_ITO[5])
        axes[1].set_xlabel("events")
        axes[1].set_ylabel("peak memory of one process, MiB")
    style.save(fig, path, formats=("png",))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="reports/bench.json")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--no-test", action="store_true", help="skip the clone's make test")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    result: dict = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                "cpus": os.cpu_count(),
                                "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
                                                    1),
                                "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}}
    with tempfile.TemporaryDirectory(prefix="regional-ties-bench-") as tmp:
        tmp = Path(tmp)
        clone = tmp / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        result["fresh_clone_make"] = _make(clone, "all")
        result["make_nothing_to_do"] = _make(clone, "all")
        nb = clone / "notebooks" / "04_figures.ipynb"
        nb.write_bytes(nb.read_bytes() + b"\n")
        result["make_after_editing_notebook_04"] = _make(clone, "all")
        result["scale"] = []
        for n in sizes:
            raw = synthetic_compilation(n, tmp / f"synthetic_{n}")
            run = _make(clone, "all", f"RAW={raw}", f"OUT={tmp / f'out_{n}'}")
            result["scale"].append({"events": n, **{k: v for k, v in run.items() if k != "ran"}})
            shutil.rmtree(raw)
            shutil.rmtree(tmp / f"out_{n}", ignore_errors=True)
        if not args.no_test:
            result["make_test"] = _make(clone, "test")
        shutil.rmtree(clone, ignore_errors=True)
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    at = {r["events"]: r for r in result["scale"]}
    edit = result["make_after_editing_notebook_04"]
    result["targets"] = {
        "fresh_clone_make_under_60s": result["fresh_clone_make"]["seconds"] < 60,
        "make_test_under_90s": result["make_test"]["seconds"] < 90 if "make_test" in result else None,
        "edit_one_notebook_reruns_it_and_its_dependants_only": edit["ran"] == ["04_figures", "05_findings",
                                                                               "06_comparison"],
        "edit_one_notebook_under_15s": edit["seconds"] < 15,
        "1e5_events_through_the_chain_under_30s": at[10**5]["seconds"] < 30 if 10**5 in at else None,
        "1e6_events_complete": "failed" not in at[10**6] if 10**6 in at else None,
        "every_make_passed": not any("failed" in v for v in [result["fresh_clone_make"], edit,
                                                              result.get("make_test", {}), *result["scale"]]),
    }
    from .outputs import write_json

    write_json(args.out, result)
    plot(result, Path(args.out).with_name("bench"))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
