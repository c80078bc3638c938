"""The words of the findings: rules, reasons, summaries, the verdict table, the multiverse and the rules'
history in prose. The numbers come from findings.py (the evaluator) and multiverse.py; nothing here decides.
`describe` adds the words to the evaluator's results."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .claims import CLAIMS, CLAIMS_BY_ID, ClaimRecord, Condition
from .findings import INCONCLUSIVE, NOT_SUPPORTED, OUTCOMES, SUPPORTED, TOO_FEW, WORDS

_DIRECTION_WORDS = {"at_least": "at least", "above": "above", "at_most": "at most", "below": "below"}
#: The dated history of the claims' rules (package data; findings.md shows it).
HISTORY = Path(__file__).with_name("reference") / "rules_history.csv"

def fmt(kind: str, x) -> str:
    if x is None:
        return "n/a"
    if kind == "probability":
        return f"{x:.0%}"
    if kind == "count":
        return f"{x:.0f}"
    return f"{x:.2f}"


def _cut(c: Condition, x: float) -> str:
    return fmt(c.kind, x)


def rule_text(record: ClaimRecord) -> str:
    """The rule in words, generated from the record."""
    sup, fail = [], []
    for c in record.conditions:
        d = _DIRECTION_WORDS[c.direction]
        opposite = {"at_least": "below", "above": "at most", "at_most": "above", "below": "at least"}[c.direction]
        if c.summary == "probability":
            what = f"the share of resampled event sets in which {c.words}"
        elif c.summary == "interval":
            shifted = " (shifted by the resampling bias)" if c.interval == "shifted" else ""
            what = f"the whole 95% interval{shifted} of {c.words}"
        elif c.summary == "census":
            what = f"{c.words}, counting only what the documents make certain"
            sup.append(f"{what} is {d} {_cut(c, c.threshold)}")
            fail.append(
                f"{c.words}, counting all that their unknown coverage and uncertain dates allow, is {opposite} "
                f"{_cut(c, c.fail_cut)}"
            )
            continue
        else:
            what = c.words
        sup.append(f"{what} is {d} {_cut(c, c.threshold)}")
        fail.append(f"{what} is {opposite} {_cut(c, c.fail_cut)}")
    margins = sorted({(c.margin, c.kind) for c in record.conditions if c.margin})
    margin = (
        " A bound within " + " or ".join(fmt(k, m) for m, k in margins) + " of its threshold is borderline "
        "and decides nothing."
        if margins
        else ""
    )
    few = f" With fewer than {record.min_n} {record.evidence}: too few events." if record.min_n else ""
    return (
        "Supported if "
        + "; and ".join(sup)
        + ". Not supported if "
        + "; or ".join(fail)
        + "."
        + margin
        + " Otherwise inconclusive."
        + few
    )


def condition_text(c: Condition, v: dict) -> str:
    if v["value"] is None:
        return f"{c.words}: not defined on these events"
    if c.summary == "probability":
        return f"{c.words} in {fmt('probability', v['value'])} of resampled event sets"
    if c.summary == "census":
        if v["low"] == v["high"]:
            return f"{c.words}: {fmt(c.kind, v['low'])}"
        return (
            f"{c.words}: {fmt(c.kind, v['low'])} certain, up to {fmt(c.kind, v['high'])} if the documents of "
            "unknown coverage or uncertain date counted"
        )
    if c.summary == "fixed":
        return f"{c.words}: {fmt(c.kind, v['value'])}"
    return f"{c.words}: {fmt(c.kind, v['value'])} (95% interval {fmt(c.kind, v['low'])} to {fmt(c.kind, v['high'])})"


def reason_text(record: ClaimRecord, r: dict) -> str:
    """Why the outcome is what it is, in words."""
    if r["not_applicable"]:
        return r["not_applicable"]
    if r["verdict"] == TOO_FEW:
        return f"{r['n']} {record.evidence}, fewer than the {record.min_n} the rule needs"
    parts = []
    by_name = {c.name: c for c in record.conditions}
    for v in r["conditions"]:
        c = by_name[v["name"]]
        if v["status"] == "fails":
            parts.append(f"{c.words} is on the wrong side of {_cut(c, c.fail_cut)}")
        elif v["status"] == "meets" and r["verdict"] == SUPPORTED:
            parts.append(f"{c.words} is clear of {_cut(c, c.threshold)}")
        elif v["status"] == "straddles" and c.summary == "probability":
            parts.append(
                f"{c.words} in {fmt(c.kind, v['value'])} of resampled event sets, between the cuts of "
                f"{_cut(c, c.fail_cut)} and {_cut(c, c.threshold)}"
            )
        elif v["status"] == "straddles":
            parts.append(f"the interval of {c.words} runs across {_cut(c, c.threshold)}")
        elif v["status"] == "borderline":
            parts.append(
                f"{c.words} is borderline: an end of its interval lies within {fmt(c.kind, c.margin)} of "
                f"{_cut(c, c.threshold)}"
            )
        elif v["status"] == "degenerate":
            parts.append(f"{c.words} is degenerate: {v['degenerate']}")
        elif v["status"] == "undefined":
            parts.append(f"{c.words} is not defined on these events")
    d = r["detail"] or {}
    if d.get("gap_years_that_uncertain_dates_could_fill"):
        parts.append("documents of uncertain date could fill the years "
                     + ", ".join(map(str, d["gap_years_that_uncertain_dates_could_fill"])))
    if d.get("gap_years_that_unknown_coverage_could_fill"):
        unknown = ", ".join(d["documents_of_unknown_coverage"])
        years = ", ".join(map(str, d["gap_years_that_unknown_coverage_could_fill"]))
        parts.append(f"documents whose coverage of culture is not known ({unknown}) could fill the years {years}: "
                     "the verdict turns on whether such a document (an agreement between regions, where the gap is "
                     "regional) is a legal basis of cultural cooperation")
    if d.get("named_partners_without_event"):
        parts.append("named partners with no event in the compilation: " + ", ".join(d["named_partners_without_event"]))
    if d.get("named_areas_without_event"):
        parts.append("named areas with no event in the compilation: " + ", ".join(d["named_areas_without_event"]))
    return "; ".join(parts)


def verdict_words(f: dict) -> str:
    if f["verdict"] == TOO_FEW:
        return f"too few events (n = {f['n']})"
    if f["verdict"] == INCONCLUSIVE:
        kinds = sorted({c["status"] for c in f["conditions"] if c["status"] not in ("meets", "fails")})
        return "inconclusive" + (f" ({', '.join(kinds)})" if kinds else "")
    return WORDS[f["verdict"]]


def summary_text(record: ClaimRecord, f: dict) -> str:
    """One plain-language paragraph: what the article says, what the record shows, how sure, what would change it."""
    by_name = {c.name: c for c in record.conditions}
    shows = "; ".join(condition_text(by_name[v["name"]], v) for v in f["conditions"])
    sure = {
        SUPPORTED: "The open record supports it",
        NOT_SUPPORTED: "The open record does not support it",
        INCONCLUSIVE: "The open record cannot decide it",
        TOO_FEW: "There are too few events to decide it",
    }[f["verdict"]]
    changes = [
        f"{v['description']}: {f['variant_changes'][k]}" for k, v in f["variants"].items() if k in f["variant_changes"]
    ]
    holds = (
        "No data variant or alternative reading changes the verdict."
        if not changes
        else "It changes when " + "; when ".join(changes) + "."
    )
    mv = f.get("multiverse")
    edge_words = f" {multiverse_words(mv)}" if mv else ""
    readings = "".join(
        f" Read instead so that {v['description']}: "
        + "; ".join(condition_text(by_name[c["name"]], c) for c in v["conditions"])
        + f" ({verdict_words(v)})."
        for v in f["variants"].values()
        if v["kind"] == "reading"
    )
    return (
        f"The article says: {record.claim} Read as: {record.reading} The open record shows ({f['n']} "
        f"{record.evidence}): {shows}. {sure}: {f['reason']}.{readings} {holds}{edge_words} What would change it: "
        f"{f['events_needed']['words']}."
    )


def data_show_words(f: dict) -> str:
    by_name = {c.name: c for rec in CLAIMS if rec.id == f["id"] for c in rec.conditions}
    d = f.get("detail") or {}
    out = []
    for v in f["conditions"]:
        c = by_name[v["name"]]
        if v["value"] is None:
            out.append(f"{c.short} n/a")
        elif c.summary in ("interval",):
            out.append(f"{c.short} {fmt(c.kind, v['value'])} ({fmt(c.kind, v['low'])} to {fmt(c.kind, v['high'])})")
        elif c.summary == "census" and "national_years_certain" in d:
            out.append(f"{c.short} {fmt(c.kind, v['low'])} certain, {fmt(c.kind, v['high'])} possible (national "
                       f"{d['national_years_certain']} / {d['national_years_possible']} of {d['window_years']} years, "
                       f"regional {d['regional_years_certain']} / {d['regional_years_possible']}; certain / possible)")
        elif c.summary == "census" and v["low"] != v["high"]:
            out.append(f"{c.short} {fmt(c.kind, v['low'])} to {fmt(c.kind, v['high'])}")
        elif c.summary == "probability":
            out.append(f"{c.short} in {fmt(c.kind, v['value'])} of resamples")
        else:
            out.append(f"{c.short} {fmt(c.kind, v['value'])}")
    return "; ".join(out)


def verdict_table(findings: list[dict]) -> pd.DataFrame:
    rows = []
    for f in findings:
        rows.append(
            {
                "claim": f"{f['id'].split('_')[0]}: {f['title']}",
                "the article says": f["claim"],
                "the data show": data_show_words(f),
                "n": f["n"],
                "verdict": verdict_words(f),
                "changes under": "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in f["variant_changes"].items())
                or "none of the variants",
            }
        )
    return pd.DataFrame(rows)


def verdict_markdown(findings: list[dict]) -> str:
    t = verdict_table(findings)
    head = "| " + " | ".join(t.columns) + " |\n|" + "---|" * len(t.columns) + "\n"
    body = "".join(
        "| " + " | ".join(str(v).replace("|", "/") for v in row) + " |\n" for row in t.itertuples(index=False)
    )
    return head + body




def multiverse_words(mv: dict) -> str:
    """The share of specifications per outcome, in one sentence."""
    parts = [f"{WORDS[o]} {100 * mv['shares'][o]:.0f}%" for o in OUTCOMES if mv["shares"].get(o)]
    first = mv.get("as_first_committed_at_study_data")
    return (f"Over {mv['specifications']} specifications of the multiverse (readings, data variants, windows, "
            f"interval methods, cuts, margins, ties): " + ", ".join(parts) + "."
            + (f" Under the rule as first committed, on the study's data: {WORDS[first]}." if first else ""))


def needed_words(needed: dict, held: float | None = None) -> str:
    """What would decide a claim; beside what the searched pages are estimated to hold, when known."""
    case, n = needed["case"], needed["events"]
    if case == "census":
        return "not a sample: only more documents, or the dates and coverage of those already found, would change it"
    if case == "decided":
        return f"already decided with {n} events"
    if case == "no_rate":
        return "no event to take a rate from"
    if case == "none":
        return "no number of events up to the largest tried at the observed rates would decide it"
    words = f"about {n} events at the observed rates would decide it ({WORDS[needed['decides_as']]})"
    if held is not None:
        words += (f"; the searched pages are estimated to hold about {held:.0f} events of the window (capture-"
                  "recapture, Chao2)")
        if n > held:
            words += ", so more events would be needed than the searched pages are estimated to hold"
    return words


def describe(findings: list[dict], held: float | None = None) -> list[dict]:
    """The evaluator's results with their words: rule, reason, what would decide it, and a plain summary.
    `held`: the capture-recapture estimate of the window's events the searched pages hold (or None)."""
    out = []
    for f in findings:  # the record's rule, with the words the results carry (the study's: claims.worded)
        record = replace(CLAIMS_BY_ID[f["id"]], claim=f["claim"], reading=f["reading"], statistic=f["statistic"])
        g = dict(f)
        g["rule"] = rule_text(record)
        g["reason"] = reason_text(record, g)
        g["events_needed"] = {**f["events_needed"], "words": needed_words(f["events_needed"], held)}
        g["summary"] = summary_text(record, g)
        out.append(g)
    return out


def for_json(findings: list[dict]) -> list[dict]:
    """The results without their private parts (tabulations, the grid), as findings.json holds them."""
    return [{k: v for k, v in f.items() if not k.startswith("_")} for f in findings]


def multiverse_markdown(summary: pd.DataFrame) -> str:
    head = ("| claim | specifications | supported | not supported | inconclusive | too few events | headline "
            "| as first committed |\n|---|---|---|---|---|---|---|---|\n")
    rows = "".join(
        f"| {r.claim} | {r.specifications} | {r.supported:.0%} | {r.not_supported:.0%} | {r.inconclusive:.0%} | "
        f"{r.too_few_events:.0%} | {WORDS.get(r.headline, '')} | {WORDS.get(r.as_first_committed, '')} |\n"
        for r in summary.itertuples(index=False))
    return head + rows


def read_history(path: str | Path = HISTORY) -> pd.DataFrame:
    """The rules' dated history: one row per change to a claim's rule."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return pd.DataFrame(rows)


def history_markdown(history: pd.DataFrame) -> str:
    cols = list(history.columns)
    head = "| " + " | ".join(c.replace("_", " ") for c in cols) + " |\n|" + "---|" * len(cols) + "\n"
    return head + "".join("| " + " | ".join(str(v).replace("|", "/") for v in row) + " |\n"
                          for row in history.itertuples(index=False))
