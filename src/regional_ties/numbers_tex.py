"""The numbers a manuscript cites, as LaTeX macros (numbers.tex), written from the study's outputs.

    python -m regional_ties.numbers_tex --root . --out ../manuscript/numbers.tex

One `\\newcommand` per number, named in words with letters only (LaTeX accepts no digit or underscore in a
command's name): `\\EventsFound`, `\\EventsInWindow`, `\\EventsEducation`, `\\COneVerdict`,
`\\COneFiveAreaShare`, `\\COneFiveAreaShareLow`, `\\ShareFound`, `\\AlphaArea`... The values come from the
same outputs as the README's generated blocks: reports/findings.json, the tables of reports/tables/ and the
processed events. findings.json is read by key: a list of claims, or a record holding them under `claims`
or `findings`; keys it does not know are left alone, and a number that is absent gives no macro.
Counts are written as integers; shares, estimates and intervals with two decimals, as the README and the
report write them; an interval that is a single point (an exact probability) gives no Low/High macros.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pandas as pd

from .outputs import escape_latex, write_text

DIGITS = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"]
VERDICT_WORDS = {"supported": "supported", "not_supported": "not supported", "inconclusive": "inconclusive",
                 "too_few_events": "too few events to decide"}
DECIMALS = 2


def macro_name(*parts: str) -> str:
    """Words joined into a LaTeX command name: 'C1', 'five_area_share' -> 'COneFiveAreaShare'."""
    out = []
    for part in parts:
        for word in re.split(r"[^A-Za-z0-9]+", str(part)):
            word = re.sub(r"\d", lambda m: DIGITS[int(m.group(0))], word)
            if word:
                out.append(word[0].upper() + word[1:])
    name = "".join(out)
    if not re.fullmatch(r"[A-Za-z]+", name):
        raise ValueError(f"{parts!r} gives no command name of letters only ({name!r})")
    return name


def number(value, decimals: int = DECIMALS) -> str:
    """A count as an integer, any other number with the study's decimals."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"{float(value):.{decimals}f}"


def claims_of(findings) -> list[dict]:
    """The claims of findings.json, whether it is a list of them or a record holding them under a key."""
    if isinstance(findings, list):
        return findings
    if isinstance(findings, dict):
        for key in ("claims", "findings"):
            if isinstance(findings.get(key), list):
                return findings[key]
    raise ValueError("findings.json holds no list of claims (a list, or one under 'claims' or 'findings')")


def claim_macros(findings) -> dict[str, str]:
    """The claims' verdicts, sample sizes, statistics and 95% intervals."""
    out: dict[str, str] = {}
    verdicts: dict[str, int] = {}
    for f in claims_of(findings):
        cid = str(f["id"]).split("_")[0]
        verdict = f.get("verdict")
        if verdict:
            out[macro_name(cid, "verdict")] = VERDICT_WORDS.get(verdict, str(verdict).replace("_", " "))
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
        if isinstance(f.get("n"), int):
            out[macro_name(cid, "n")] = str(f["n"])
        kinds = {c.get("name"): c.get("kind") for c in (f.get("record") or {}).get("conditions", [])}
        for c in f.get("conditions", []):
            name = macro_name(cid, c["name"])
            if c.get("value") is not None:
                count = kinds.get(c["name"]) == "count" and float(c["value"]).is_integer()
                out[name] = str(int(c["value"])) if count else number(c["value"])
            if c.get("low") is not None and c.get("high") is not None and c["low"] != c["high"]:
                out[name + "Low"] = number(c["low"])
                out[name + "High"] = number(c["high"])
        needed = f.get("events_needed") or {}
        if isinstance(needed.get("events"), int):
            out[macro_name(cid, "events", "needed")] = str(needed["events"])
    out["ClaimsTested"] = str(len(claims_of(findings)))
    for verdict, words in VERDICT_WORDS.items():
        out[macro_name("claims", words)] = str(verdicts.get(verdict, 0))
    return out


def _table(tables_dir: Path, name: str) -> pd.DataFrame | None:
    path = tables_dir / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False) if path.exists() else None


def data_macros(tables_dir: str | Path, processed_dir: str | Path) -> dict[str, str]:
    """The counts of the search, the compilation and the window; completeness; coder agreement."""
    from . import stats

    tables_dir, processed_dir = Path(tables_dir), Path(processed_dir)
    out: dict[str, str] = {}
    flow = _table(tables_dir, "screening_flow")
    if flow is not None:
        steps = {str(k).strip(): int(v) for k, v in zip(flow["step"], flow["n"], strict=True)}
        for step, name in (("queries run", "QueriesRun"), ("candidate documents screened", "DocumentsScreened"),
                           ("included", "DocumentsIncluded"), ("excluded", "DocumentsExcluded"),
                           ("events compiled", "EventsCompiled"), ("legal documents", "LegalDocuments")):
            if step in steps:
                out[name] = str(steps[step])
    events = processed_dir / "events.csv"
    if events.exists():
        region = stats.region_events(pd.read_csv(events, dtype=str, keep_default_na=False))
        out["EventsFound"] = str(len(region))
        out["EventsInWindow"] = str(int(stats.is_true(region["in_analysis"]).sum()))
    areas = _table(tables_dir, "events_by_area")
    if areas is not None:
        for area, n, share in zip(areas["area"], areas["events"], areas["share"], strict=True):
            out[macro_name("events", area)] = str(int(n))
            out[macro_name("share", area)] = number(share)
    complete = _table(tables_dir, "completeness")
    if complete is not None and not complete.empty:
        row = complete.iloc[-1]  # the window's row, as in the README
        for col, name in (("share_found", "ShareFound"), ("share_found_low", "ShareFoundLow"),
                          ("share_found_high", "ShareFoundHigh")):
            out[name] = number(row[col])
            out[name.replace("Share", "Percent")] = f"{100 * float(row[col]):.0f}"
        out["EstimatedEvents"] = f"{float(row['estimated_events']):.0f}"
    rel = _table(tables_dir, "coding_reliability")
    if rel is not None and not rel.empty:
        out["EventsCodedTwice"] = str(int(rel["n"].max()))
        for r in rel.to_dict("records"):
            # pooled over every event coded twice (\AlphaArea) and over the analysed events (\AlphaAreaAnalysed):
            # two statistics, two names
            scope = "analysed" if str(r.get("scope", "")).startswith("analysed") else ""
            out[macro_name("alpha", r["field"], scope)] = number(r["alpha"])
            out[macro_name("alpha", r["field"], scope, "low")] = number(r["alpha_low"])
            out[macro_name("alpha", r["field"], scope, "high")] = number(r["alpha_high"])
    return out


def macros(findings_path: str | Path, tables_dir: str | Path, processed_dir: str | Path) -> dict[str, str]:
    findings = json.loads(Path(findings_path).read_text(encoding="utf-8"))
    return {**data_macros(tables_dir, processed_dir), **claim_macros(findings)}


def numbers_tex(values: dict[str, str]) -> str:
    lines = ["% The study's numbers, written by `make paper` from reports/findings.json and reports/tables/;",
             "% do not edit: a manuscript cites them as \\EventsInWindow, \\COneVerdict, ...", ""]
    lines += [rf"\newcommand{{\{name}}}{{{escape_latex(value)}}}" for name, value in sorted(values.items())]
    return "\n".join(lines) + "\n"


def write(findings_path, tables_dir, processed_dir, target) -> Path:
    return write_text(Path(target), numbers_tex(macros(findings_path, tables_dir, processed_dir)))


def read_macros(text: str) -> dict[str, str]:
    """The macros of a numbers.tex, name -> value (for checks)."""
    return dict(re.findall(r"^\\newcommand\{\\([A-Za-z]+)\}\{(.*)\}$", text, flags=re.M))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=".", help="the folder holding reports/ and data/processed/")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    root = Path(args.root)
    path = write(root / "reports/findings.json", root / "reports/tables", root / "data/processed", args.out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
