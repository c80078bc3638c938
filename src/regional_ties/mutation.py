"""The mutation score of the code that decides verdicts, per module, from mutmut's own results.

`make mutation` runs mutmut (its configuration: [tool.mutmut] of pyproject.toml) and then this script, which
asks mutmut for the status of every mutant (`mutmut results --all true`) and for the diff of every survivor
(`mutmut show`), and writes per module: mutants killed / total, the score, and the survivors by kind (what the
mutant changed: a comparison, a number, a string, ...). A run over some modules (MODULES=...) replaces only
those modules' entries of the committed files and keeps the others.

    python -m regional_ties.mutation --modules comparison stats --json reports/mutation.json --md reports/mutation.md
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

#: The modules whose mutants are counted (src/regional_ties/<module>.py).
MODULES = ("claims", "findings", "multiverse", "comparison", "completeness", "reliability", "stats")
PACKAGE = "regional_ties"

_COMPARISON = re.compile(r"(<=|>=|==|!=|<|>|\bis\b|\bin\b)")
_ARITHMETIC = re.compile(r"(\*\*|//|[-+*/%@])")
_NUMBER = re.compile(r"(?<![\w.])\d+(\.\d+)?(e-?\d+)?")
_STRING = re.compile(r"(\"[^\"]*\"|'[^']*')")
_BOOLEAN = re.compile(r"\b(and|or|not|True|False)\b")


def parse_results(text: str) -> dict[str, str]:
    """{mutant name: status} from the lines `    name: status` that `mutmut results --all true` prints."""
    out = {}
    for line in text.splitlines():
        name, sep, status = line.strip().partition(": ")
        if sep and "__mutmut_" in name:
            out[name] = status.strip()
    return out


def module_of(mutant: str) -> str | None:
    """The module of a mutant name such as regional_ties.stats.x_herfindahl__mutmut_3 ('stats')."""
    parts = mutant.split(".")
    if len(parts) < 3 or parts[0] != PACKAGE:
        return None
    return parts[1]


def _changed(diff: str) -> tuple[str, str]:
    minus = [x[1:] for x in diff.splitlines() if x.startswith("-") and not x.startswith("---")]
    plus = [x[1:] for x in diff.splitlines() if x.startswith("+") and not x.startswith("+++")]
    return "\n".join(minus), "\n".join(plus)


def kind_of(diff: str) -> str:
    """What a mutant changed, from its diff: the first kind whose tokens differ between the removed and the added
    lines (strings are compared before the rest is read, so an operator inside a string is a string)."""
    before, after = _changed(diff)
    if not before and not after:
        return "other"
    if _STRING.findall(before) != _STRING.findall(after):
        return "string"
    b, a = _STRING.sub('""', before), _STRING.sub('""', after)
    if "None" in a and "None" not in b:
        return "value replaced by None"
    if a.count(",") < b.count(",") or len(a) < len(b) and a.replace(" ", "") in b.replace(" ", ""):
        return "argument or element removed"
    if _BOOLEAN.findall(b) != _BOOLEAN.findall(a):
        return "boolean"
    if _COMPARISON.findall(b) != _COMPARISON.findall(a):
        return "comparison"
    if _NUMBER.findall(b) != _NUMBER.findall(a):
        return "number"
    if _ARITHMETIC.findall(b) != _ARITHMETIC.findall(a):
        return "arithmetic"
    return "other"


def summarise(statuses: dict[str, str], diffs: dict[str, str], modules) -> dict[str, dict]:
    """Per module: total, killed, survived, other statuses, score (killed / total) and survivors by kind."""
    out = {}
    for module in modules:
        mine = {k: v for k, v in statuses.items() if module_of(k) == module}
        if not mine:
            continue
        by_status: dict[str, int] = {}
        for v in mine.values():
            by_status[v] = by_status.get(v, 0) + 1
        survivors = sorted(k for k, v in mine.items() if v == "survived")
        kinds: dict[str, list[str]] = {}
        for k in survivors:
            kinds.setdefault(kind_of(diffs.get(k, "")), []).append(k.split(".", 2)[2])
        killed = by_status.get("killed", 0)
        out[module] = {"total": len(mine), "killed": killed, "survived": len(survivors),
                       "statuses": dict(sorted(by_status.items())),
                       "score": round(killed / len(mine), 4),
                       "survivors_by_kind": {k: kinds[k] for k in sorted(kinds)}}
    return out


def markdown(report: dict[str, dict]) -> str:
    lines = ["# Mutation score", "",
             "Written by `make mutation` (mutmut; `python -m regional_ties.mutation`); do not edit by hand. Score: "
             "mutants killed by the fast tests / all mutants of the module.", "",
             "| module | killed / total | score | not killed, by status | survivors by kind |", "|---|---|---|---|---|"]
    for module, r in report.items():
        kinds = ", ".join(f"{k} {len(v)}" for k, v in r["survivors_by_kind"].items()) or "none"
        others = ", ".join(f"{k} {n}" for k, n in r["statuses"].items() if k != "killed") or "none"
        lines.append(f"| {module} | {r['killed']} / {r['total']} | {100 * r['score']:.1f}% | {others} | {kinds} |")
    lines += ["", "## Survivors", ""]
    for module, r in report.items():
        for kind, names in r["survivors_by_kind"].items():
            lines.append(f"* {module}, {kind}: " + ", ".join(f"`{n}`" for n in names))
    return "\n".join(lines) + "\n"


def _mutmut(mutmut: str, *args: str) -> str:
    return subprocess.run([mutmut, *args], check=True, capture_output=True, text=True).stdout


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--modules", nargs="+", default=list(MODULES), choices=MODULES)
    p.add_argument("--json", type=Path, default=Path("reports/mutation.json"))
    p.add_argument("--md", type=Path, default=Path("reports/mutation.md"))
    p.add_argument("--mutmut", default="mutmut")
    a = p.parse_args(argv)
    statuses = parse_results(_mutmut(a.mutmut, "results", "--all", "true"))
    diffs = {k: _mutmut(a.mutmut, "show", k) for k, v in statuses.items()
             if v == "survived" and module_of(k) in a.modules}
    fresh = summarise(statuses, diffs, a.modules)
    missing = [m for m in a.modules if m not in fresh]
    if missing:
        raise SystemExit(f"mutmut holds no results for {missing}: run `make mutation MODULES=...` first")
    old = json.loads(a.json.read_text(encoding="utf-8")) if a.json.exists() else {}
    report = {m: fresh.get(m, old.get(m)) for m in MODULES if m in fresh or m in old}
    a.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    a.md.write_text(markdown(report), encoding="utf-8")
    for m, r in fresh.items():
        print(f"{m}: {r['killed']} / {r['total']} killed ({100 * r['score']:.1f}%)")


if __name__ == "__main__":
    main()
