"""Numbers in the documentation, written by the chain.

Every number about the data that README.md and data/README.md state stands between a pair of markers
(`<!-- name:start -->` ... `<!-- name:end -->`) and is written from the study's own outputs (the tables
of reports/tables/ and the processed events). `make check-outputs` rebuilds the outputs and fails when
a block differs from what they give, so no hand-typed number can go stale.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from . import completeness, stats
from .contract import AREAS
from .outputs import write_text

REASONS = {"no_ru_region_party": "no party of the region searched", "no_kazakh_party": "no Kazakh party",
           "out_of_period": "out of period", "not_cooperation": "not cooperation",
           "announcement_only": "announcement only", "not_humanitarian": "not humanitarian"}


def _marker(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def replace_block(text: str, name: str, body: str, where: str = "the document") -> str:
    start, end = _marker(name)
    if start not in text or end not in text:
        raise ValueError(f"{where}: the markers {start} and {end} are missing")
    block = f"{start}\n{body.rstrip()}\n{end}"
    return re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)


def write_blocks(path: str | Path, blocks: dict[str, str]) -> None:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    new = text
    for name, body in blocks.items():
        new = replace_block(new, name, body, str(path))
    if new != text:
        write_text(path, new)


def stale_blocks(path: str | Path, blocks: dict[str, str]) -> list[str]:
    """The names of the blocks of `path` that differ from `blocks` (or are missing)."""
    text = Path(path).read_text(encoding="utf-8")
    out = []
    for name, body in blocks.items():
        try:
            if replace_block(text, name, body, str(path)) != text:
                out.append(name)
        except ValueError:
            out.append(name)
    return out


def _read(tables_dir: Path, name: str) -> pd.DataFrame | None:
    path = tables_dir / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False) if path.exists() else None


def _flow(flow: pd.DataFrame) -> dict[str, int]:
    return {str(k).strip(): int(v) for k, v in zip(flow["step"], flow["n"], strict=True)}


def numbers_block(tables_dir: str | Path, processed_dir: str | Path, start_year: int, end_year: int) -> str:
    """The bullet list 'in numbers' of data/README.md."""
    tables_dir, processed_dir = Path(tables_dir), Path(processed_dir)
    flow = _flow(_read(tables_dir, "screening_flow"))
    lang = _read(tables_dir, "search_language").set_index("language")["queries"]
    units = _read(tables_dir, "search_target_unit")
    units = units[~units["target_unit"].isin(["any", "national"])]
    areas = _read(tables_dir, "search_target_area").set_index("target_area")["queries"]
    ev = pd.read_csv(processed_dir / "events.csv", dtype=str, keep_default_na=False)
    region = stats.region_events(ev)
    years = region["year"].astype(int)
    inside = int(stats.is_true(region["in_analysis"]).sum())
    reasons = sorted(((k.removeprefix("excluded: "), v) for k, v in flow.items()
                      if k.startswith("excluded: ") and v), key=lambda kv: (-kv[1], kv[0]))
    area_list = ", ".join(f"{a} {int(areas.get(a, 0))}" for a in AREAS)
    tail = _read(tables_dir, "search_tail")
    fewest = ", ".join(units.loc[units["queries"] == units["queries"].min(), "target_unit"])
    lines = [
        f"* {flow['queries run']} queries: {int(lang.get('ru', 0))} in Russian, {int(lang.get('en', 0))} in English, "
        f"{int(lang.get('kk', 0))} in Kazakh; every one of the {len(units)} units targeted by at least "
        f"{int(units['queries'].min())} queries (fewest: {fewest}); "
        f"by area: {area_list}; legal {int(areas.get('legal', 0))}, indicator {int(areas.get('indicator', 0))}, "
        f"general {int(areas.get('any', 0))}.",
        f"* {flow['candidate documents screened']} distinct documents screened: {flow['included']} included, "
        f"{flow['excluded']} excluded (" + ", ".join(f"{REASONS.get(r, r)} {n}" for r, n in reasons) + ").",
        f"* {flow['events compiled']} events in the compilation; {len(region)} of the region studied "
        f"({years.min()}-{years.max()}), {inside} of them inside {start_year}-{end_year}; "
        f"{flow['legal documents']} legal documents, {flow.get('indicator values', 0)} indicator values.",
    ]
    if tail is not None:
        t = tail.iloc[0]
        lines.append(f"* Tail yield: of the last {int(t['last_queries'])} queries logged, {int(t['dry'])} "
                     f"found no new candidate.")
    return "\n".join(lines)


def rounds_block(tables_dir: str | Path) -> str:
    t = _read(Path(tables_dir), "search_rounds")
    if t is None or t.empty:
        return "No search rounds are recorded."
    head = ("| round | region | target | queries | dry | events reached | reached by it alone |\n"
            "|---|---|---|---|---|---|---|")
    rows = [f"| {r['round']} | {r.get('ru_region', '')} | {r.get('target', '')} | {r['queries']} | "
            f"{r['dry_queries']} | {r.get('events_reached', '')} | {r.get('events_reached_by_it_alone', '')} |"
            for r in t.to_dict("records")]
    return "\n".join([head, *rows])


def reliability_block(tables_dir: str | Path) -> str:
    t = _read(Path(tables_dir), "coding_reliability")
    if t is None or t.empty:
        return "No second coding is recorded: reliability is not available."
    names = {"area": "area", "kz_region": "Kazakh unit", "ru_actor_kind": "Russian actor kind",
             "kz_actor_kind": "Kazakh actor kind", "format": "format"}
    if "scope" not in t.columns:
        t = t.assign(scope="all coded events")
    sizes = " and ".join(f"{int(g['n'].max())} {scope.split(' (')[0]}" for scope, g in t.groupby("scope", sort=False))
    head = (f"Events coded twice: {sizes}. Alpha pooled over all coded events (both regions, every year) and "
            "over the analysed events (the region studied, inside the window), on which the verdicts rest.\n\n"
            "| events | field | agreement | alpha | 95% interval | target |\n|---|---|---|---|---|---|")
    rows = [f"| {r['scope']} | {names.get(r['field'], r['field'])} | {r['agreement']:.3f} | {r['alpha']:.3f} | "
            f"{r['alpha_low']:.3f}-{r['alpha_high']:.3f} | {r['target']} |" for r in t.to_dict("records")]
    return "\n".join([head, *rows])


def completeness_block(tables_dir: str | Path) -> str:
    t = _read(Path(tables_dir), "completeness")
    if t is None or t.empty:
        return "The completeness of the record is not estimated: no capture histories are recorded."
    return "\n".join(f"* {r['scope']}: {completeness.completeness_sentence(r)}" for r in t.to_dict("records"))


def data_readme_blocks(tables_dir, processed_dir, start_year: int, end_year: int) -> dict[str, str]:
    return {
        "numbers": numbers_block(tables_dir, processed_dir, start_year, end_year),
        "rounds": rounds_block(tables_dir),
        "reliability": reliability_block(tables_dir),
        "completeness": completeness_block(tables_dir),
    }


AREA_WORDS = {"education": "education", "arts": "arts", "tourism": "tourism", "media": "media", "youth": "youth",
              "sport": "sport", "other": "other (diplomacy, forums, aid, diaspora life)"}
VERDICT_WORDS = {"supported": "supported", "not_supported": "not supported", "inconclusive": "inconclusive",
                 "too_few_events": "too few events to decide"}


def plain_block(tables_dir: str | Path, processed_dir: str | Path, findings_path: str | Path,
                start_year: int, end_year: int) -> str:
    """The README's plain-language account of what the open record shows, written from the outputs."""
    import json

    tables_dir, processed_dir = Path(tables_dir), Path(processed_dir)
    flow = _flow(_read(tables_dir, "screening_flow"))
    areas = _read(tables_dir, "events_by_area")
    n_window = int(areas["events"].sum())
    ranked = areas.sort_values(["events", "area"], ascending=[False, True], kind="stable")
    area_text = ", ".join(f"{AREA_WORDS.get(a, a)} {int(n)}" for a, n in zip(ranked["area"], ranked["events"],
                                                                                    strict=True) if n)
    missing = [a for a, n in zip(areas["area"], areas["events"], strict=True) if not n]
    ev = pd.read_csv(processed_dir / "events.csv", dtype=str, keep_default_na=False)
    region = stats.region_events(ev)
    complete = _read(tables_dir, "completeness")
    parts = [f"A systematic search of open sources ({flow['queries run']} logged queries in Russian, English and "
             f"Kazakh, {flow['candidate documents screened']} documents screened, two independent coders) finds "
             f"{len(region)} dated events of the region with Kazakh partners, {n_window} of them inside "
             f"{start_year}-{end_year}. Inside the window the areas are: {area_text}"
             + (f"; {', '.join(missing)}: none." if missing else ".")]
    if complete is not None and not complete.empty:
        row = complete.iloc[-1]
        parts.append(f"By a capture-recapture estimate over the search rounds, the record holds "
                     f"{completeness.share_words(row)} of the window's events that the searched pages hold; the "
                     "estimate is not a bound (rounds that search for the same kind of event or re-find events by "
                     "name bias the share found up, rounds aimed at different units and areas bias it down).")
    findings = json.loads(Path(findings_path).read_text(encoding="utf-8"))
    verdicts = "; ".join(f"{f['id'].split('_')[0]} {VERDICT_WORDS.get(f['verdict'], f['verdict'])}"
                         + (f", {f['events_needed']['words']}"
                            if f["verdict"] == "inconclusive" and (f.get("events_needed") or {}).get("words") else "")
                         for f in findings)
    parts.append(f"The article's claims, tested one by one: {verdicts}. `reports/findings.md` explains each in a "
                 "plain paragraph, with its rule, the data variants and the multiverse of reasonable choices.")
    return " ".join(parts)


def comparison_block(tables_dir: str | Path) -> str:
    """The README's account of the comparison region, written from the comparison tables: each number is the
    claim's own statistic (named, with its population), and a difference is called only when its interval
    clears the claim's margin and neither region's value is the same in every resample: the table's reading,
    written by comparison.claim_differences, with the regions' names."""
    tables_dir = Path(tables_dir)
    claims, effort = _read(tables_dir, "comparison_claims"), _read(tables_dir, "comparison_search_effort")
    if claims is None or effort is None or claims.empty:
        return "No comparison region is in this compilation."
    a, b = effort.iloc[0], effort.iloc[1]
    key_a, key_b = claims.columns[4], claims.columns[5]
    lines = [f"Beside {b['region']}, compiled by the same protocol ({int(b['queries'])} queries in "
             f"{int(b['rounds'])} rounds, against {int(a['queries'])} in {int(a['rounds'])} for {a['region']}; "
             f"{int(b['events'])} and {int(a['events'])} events in all years). Each number is the claim's own "
             "statistic on its own population in the window, as in the verdict table; a difference is called only "
             "when its 95% interval clears the claim's margin and neither region's value is the same in every "
             "resample:"]
    for r in claims.to_dict("records"):
        if r["low"] == "" or r["high"] == "":
            lines.append(f"* {r['claim'].split('_')[0]}, {r['statistic']}: no comparison (no events in one region).")
            continue
        side = re.sub(rf"\b{re.escape(key_a)}\b", a["region"], str(r["reading"]))
        side = re.sub(rf"\b{re.escape(key_b)}\b", b["region"], side)
        lines.append(f"* {r['claim'].split('_')[0]}, {r['statistic']}, over {r['population']}: {r[key_a]:.2f} "
                     f"(n = {r[f'n_{key_a}']}) against {r[key_b]:.2f} (n = {r[f'n_{key_b}']}), difference "
                     f"{r['difference']:+.2f} (95% interval {r['low']:+.2f} to {r['high']:+.2f}; margin "
                     f"{r['margin']:.2f}): {side}.")
    return "\n".join(lines)


def readme_blocks(tables_dir, processed_dir, findings_path, start_year: int, end_year: int) -> dict[str, str]:
    return {"plain": plain_block(tables_dir, processed_dir, findings_path, start_year, end_year),
            "comparison": comparison_block(tables_dir)}
