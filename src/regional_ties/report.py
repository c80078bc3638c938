"""The reproduction report: findings.json (schema-validated), findings.md, the README verdict table,
and the study as one HTML report (built by study_report)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import findings_text
from .findings import OUTCOMES, WORDS
from .findings_text import verdict_markdown, verdict_words
from .outputs import write_json, write_text

SCHEMA = Path(__file__).with_name("findings.schema.json")
README_START, README_END = "<!-- verdicts:start -->", "<!-- verdicts:end -->"


def validate_findings(findings: list[dict], schema_path: Path = SCHEMA) -> None:
    import jsonschema

    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.validate(findings, schema)


def plain_summary(findings: list[dict]) -> str:
    """The plain-language summary: one short paragraph per claim."""
    return "\n\n".join(f"**{f['id'].split('_')[0]}, {f['title']}: {verdict_words(f)}.** {f['summary']}"
                         for f in findings) + "\n"


def _variant_rows(f: dict) -> str:
    head = "| variant | what it changes | n | outcome |\n|---|---|---|---|\n"
    rows = [f"| main | the study's reading and data | {f['n']} | {verdict_words(f)} |"]
    for name, v in f["variants"].items():
        kind = "reading" if v["kind"] == "reading" else "data"
        rows.append(f"| {name.replace('_', ' ')} ({kind}) | {v['description']} | {v['n']} | {verdict_words(v)} |")
    return head + "\n".join(rows) + "\n"


def _multiverse_rows(f: dict) -> str:
    mv = f.get("multiverse")
    if not mv:
        return ""
    shares = "; ".join(f"{WORDS[o]} {100 * mv['shares'][o]:.0f}%" for o in OUTCOMES if mv["shares"].get(o))
    first = mv.get("as_first_committed_at_study_data")
    return (f"{mv['specifications']} specifications: {shares}. The pre-stated specification (the headline): "
            f"{WORDS[mv['headline']]}." + (f" The rule as first committed, on the study's data and window: "
                                           f"{WORDS[first]}." if first else "") + "\n")


def claim_paragraphs(findings: list[dict]) -> str:
    out = []
    for f in findings:
        conds = "; ".join(
            f"{c['name'].replace('_', ' ')} = " + ("n/a" if c["value"] is None else f"{c['value']:g}")
            + ("" if c["low"] is None or c["low"] == c["high"] else f" (95% interval {c['low']:g} to {c['high']:g})")
            + ("" if c["exact"] else f", Monte-Carlo error {c['mc_error']:g}")
            + f": {c['status']}"
            for c in f["conditions"])
        why = " ".join(f"*{c['name'].replace('_', ' ')}:* {c['why']}." for c in f["record"]["conditions"])
        out.append(f"### {f['id']}: {f['title']}\n\n*The article:* {f['claim']}\n\n*Read as:* {f['reading']}\n\n"
                   f"*Measured:* {f['statistic']}, on {f['population']}.\n\n*Rule:* {f['rule']}\n\n"
                   f"*Why these numbers:* {why} *Minimum:* {f['record']['why_min_n']}.\n\n"
                   f"*The data:* n = {f['n']}; {conds}. Verdict: **{verdict_words(f)}** ({f['reason']}).\n\n"
                   f"*To decide it:* {f['events_needed']['words']}.\n\n"
                   f"*Data variants and readings:*\n\n{_variant_rows(f)}\n"
                   f"*Multiverse:* {_multiverse_rows(f)}")
    return "\n".join(out)


HOW_TO_READ = (
    "How to read the verdicts. Each claim is read in stated words, measured on stated events and judged by a "
    "stated rule. The rules were first committed before the first edition of the data; every change since, "
    "several of them made after editions of the data had been seen, is dated in the rules' history below with "
    "the verdicts before and after. *Supported* and *not supported* are decisions: the whole 95% "
    "interval lies on one side of the threshold, clear of it by the stated margin. *Inconclusive* means the "
    "interval runs across the threshold (*straddles*), ends within the margin of it (*borderline*), or cannot "
    "move because no event of a kind exists at all (*degenerate*). *Too few events* means fewer events than the "
    "rule's minimum, with the number found. Intervals come from resampling the events; where the resampled "
    "tables can be listed they are computed exactly, so no random seed enters. A data variant re-runs a claim "
    "on other data (for example without national parties); a reading re-runs it under another reasonable "
    "reading of the article's words. The multiverse judges each claim over every combination of its "
    "reasonable choices at once (readings, data variants, the window one year wider or narrower, interval "
    "method, cuts, margins with 0 among them, ties, and the rule as first committed), and gives the share of "
    "specifications with each outcome; the headline stays the pre-stated specification.\n")


def findings_markdown(findings: list[dict], start_year: int, end_year: int, record_note: str = "",
                      multiverse_summary=None, history=None) -> str:
    """findings.md; `record_note` (how complete the record is) is said before the verdicts when given; the
    multiverse summary table and the rules' history (DataFrames) after them."""
    note = f"How complete is the record? {record_note}\n\n" if record_note else ""
    mv = ("\n## The multiverse\n\nThe share of specifications giving each outcome, per claim (every "
          "specification in `reports/tables/multiverse.csv`, the specification curve in figure 8):\n\n"
          + findings_text.multiverse_markdown(multiverse_summary)) if multiverse_summary is not None else ""
    hist = ("\n## The rules' history\n\nEvery change to a claim's rule since the rules were first committed "
            "(`src/regional_ties/reference/rules_history.csv`), dated by commit, with the edition of the data it "
            "followed. The rules were first committed before any data; every later change was made with the "
            "verdicts of at least one edition of the data known. The headline verdicts before and after are "
            "given twice: at the time (read from the findings committed then, named in the next column), and on "
            "the third edition of the data (the rule as first committed computed by the current code as the "
            "multiverse's named specification; the rule of 09469d1 read from the findings committed with the "
            "third edition; this revision's computed now):\n\n"
            + findings_text.history_markdown(history)) if history is not None else ""
    return (f"# Findings: the article's claims against the data ({start_year}-{end_year})\n\n"
            "Generated by `notebooks/05_findings.ipynb`; do not edit by hand.\n\n"
            "## In plain words\n\n" + note + plain_summary(findings) + "\n" + HOW_TO_READ + "\n## The verdicts\n\n"
            + verdict_markdown(findings) + mv + hist + "\n## Claim by claim\n\n" + claim_paragraphs(findings))


def update_readme(readme_path: str | Path, findings: list[dict]) -> None:
    """Replace the text between the verdict markers of the README with the current verdict table."""
    path = Path(readme_path)
    text = path.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise ValueError(f"{path}: the markers {README_START} and {README_END} are missing")
    block = f"{README_START}\n{verdict_markdown(findings)}{README_END}"
    new = re.sub(re.escape(README_START) + r".*?" + re.escape(README_END), lambda _: block, text, flags=re.S)
    if new != text:
        write_text(path, new)


def write_findings(findings: list[dict], reports_dir: str | Path, *, start_year: int, end_year: int,
                   readme_path: str | Path = "", record_note: str = "", multiverse_summary=None,
                   history=None) -> None:
    findings = findings_text.for_json(findings)
    validate_findings(findings)
    reports_dir = Path(reports_dir)
    write_json(reports_dir / "findings.json", findings)
    write_text(reports_dir / "findings.md", findings_markdown(findings, start_year, end_year, record_note,
                                                              multiverse_summary, history))
    if readme_path:
        update_readme(readme_path, findings)


def study_html(executed: list[str | Path], target: str | Path) -> Path:
    """The study as one self-contained HTML report (see study_report)."""
    from .study_report import study_html as build

    return build(executed, target)
