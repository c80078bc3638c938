"""The study as one research document in HTML, built with nbconvert from the executed notebooks.

    python -m regional_ties.study_report reports                      # reports/*.ipynb -> reports/study.html
    python -m regional_ties.study_report reports --out path/study.html

`build(notebooks_dir, target)` is the whole interface: it reads the six executed notebooks of
`notebooks_dir` (01_... to 06_..., in order), exports each beside the report as a readable page
(`<name>.html`, code shown) and writes the report. The report is nbconvert's HTML exporter with the study's
own template (`report_template/study`, over nbconvert's `lab` template): a title, an abstract written from
the outputs with the verdict table in the first screen, the contents, then the six sections with their
narrative and outputs, code hidden and each section linking to its notebook's page. Cell tags decide what is
shown: parameter cells and cells tagged `remove-cell` are left out, `hide-input` shows a cell's outputs only
(in the report every code cell shows its outputs only); markdown cells are the narrative.

Before export the outputs are put in a research document's order: every table (formatted by
`table_display` in the notebooks) gets a numbered caption above it ("Table 3. ..."; its caption is the bold
line the notebook shows before it, else the section's heading), every figure is numbered and captioned
below with the caption of figures/manifest.json (the paper's caption), shown at its own physical width.
Nothing is loaded from outside the file: no script, font or style sheet is referenced, images are inline.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import re
import sys
from pathlib import Path

from . import config, gazetteer, stats
from .outputs import atomic_path

TEMPLATES = Path(__file__).with_name("report_template")
REMOVED_TAGS = {"parameters", "injected-parameters", "remove-cell"}
CSS_PX_PER_INCH = 96
VERDICT_WORDS = {"supported": "supported", "not_supported": "not supported", "inconclusive": "inconclusive",
                 "too_few_events": "too few events"}

STUDY_CSS = """
body.study{font-family:Georgia,'DejaVu Serif',serif;color:#1a1a1a;background:#fff;line-height:1.5}
body.study main{max-width:76rem;margin:1.5rem auto;padding:0 1.5rem}
.study .jp-RenderedHTMLCommon{font-family:inherit;font-size:1rem;padding-right:0}
.study .jp-RenderedHTMLCommon p,.study .jp-RenderedHTMLCommon ul,.study .abstract,.study nav.toc{max-width:50rem}
.study header h1{font-size:1.9rem;line-height:1.2;margin:0 0 .8rem}
.study .abstract{font-size:1.02rem;background:#f9f9f4;padding:.6rem 1.2rem;border-left:4px solid #E69F00}
.study nav.toc{background:#f6f6f6;padding:.3rem 1.2rem;border-left:4px solid #0072B2;font-size:.95rem}
.study nav.toc ul{list-style:none;padding-left:1rem;margin:.2rem 0}
.study .jp-Cell{padding:0}.study .jp-InputPrompt,.study .jp-OutputPrompt,.study .jp-Collapser{display:none}
.study .jp-RenderedHTMLCommon{padding-left:0}.study .jp-OutputArea-child{display:block}
.study .jp-OutputArea-output{overflow-x:auto}
.study table.study-table{border-collapse:collapse;font-size:.82rem;margin:.3rem 0 1rem;table-layout:auto}
.study table.study-table caption{caption-side:top;text-align:left;font-weight:normal;font-size:.9rem;
 padding:.2rem 0 .4rem;color:#222}
.study table.study-table caption b{font-weight:bold}
.study table.study-table th,.study table.study-table td{border:none;border-bottom:1px solid #ddd;padding:.2rem .55rem;
 text-align:left;vertical-align:top;max-width:26rem;white-space:normal}
.study table.study-table thead th{border-bottom:2px solid #333}
.study figure{margin:1.2rem 0}.study figure img{display:block;max-width:none;height:auto}
.study figcaption{font-size:.9rem;color:#222;max-width:45rem;margin-top:.3rem}
.study .notebook-link{font-size:.85rem}
"""


def png_css_width(data: bytes) -> int:
    """The width in CSS pixels at which a PNG shows at its own physical size (its pHYs resolution)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        dpi = im.info.get("dpi", (CSS_PX_PER_INCH, CSS_PX_PER_INCH))[0] or CSS_PX_PER_INCH
        return round(im.width * CSS_PX_PER_INCH / float(dpi))


def heading_words(text: str) -> str:
    """A claim's identifier in words: 'C1_areas: the main areas' -> 'C1: the main areas'."""
    return re.sub(r"\b(C\d+)_[a-z_]+\b", r"\1", text)


class Numbering:
    """The running numbers of tables and figures, and the figure captions of the manifest."""

    def __init__(self, manifest: dict, figures_dir: Path | None):
        self.tables = 0
        self.by_png: dict[bytes, tuple[int, str]] = {}
        for name, entry in manifest.items():
            m = re.match(r"fig(\d+)_", name)
            png = figures_dir / f"{name}.png" if figures_dir else None
            if m and png is not None and png.exists():
                self.by_png[png.read_bytes()] = (int(m.group(1)), entry.get("caption", ""))
        self.figures_seen = 0

    def table_caption(self, caption: str) -> str:
        self.tables += 1
        return f"<b>Table {self.tables}.</b> {html.escape(caption)}"

    def figure(self, png_b64: str, fallback: str) -> str:
        data = base64.b64decode(png_b64)
        self.figures_seen += 1
        number, caption = self.by_png.get(data, (self.figures_seen, fallback))
        width = png_css_width(data)
        alt = html.escape(caption or f"Figure {number}", quote=True)
        return (f'<figure id="figure-{number}"><img src="data:image/png;base64,{png_b64.strip()}" width="{width}" '
                f'data-own-width="{width}" alt="{alt}"><figcaption><b>Figure {number}.</b> '
                f'{html.escape(caption)}</figcaption></figure>')


_FIG_CAPTION = re.compile(r"^\*\*fig\d+_\w+\.\*\*\s*(.*)$", re.S)
_BOLD_LINE = re.compile(r"^\*\*([^*\n]+)\*\*\s*$")
_TABLE = re.compile(r"<table\b[^>]*>")


def _text(data) -> str:
    return "".join(data) if isinstance(data, list) else str(data)


def arrange_outputs(cell, numbering: Numbering, heading: str) -> None:
    """Number and caption the tables and figures of a code cell's outputs (in place)."""
    import nbformat

    new, pending = [], ""
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "text/markdown" in data:
            text = heading_words(_text(data["text/markdown"]).strip())
            fig = _FIG_CAPTION.match(text)
            bold = _BOLD_LINE.match(text)
            if fig:
                pending = fig.group(1).strip()
                continue
            if bold:
                pending = bold.group(1).strip()
                continue
            if re.search(r"^\|.*\|\s*$", text, flags=re.M):  # Markdown tables: numbered like the others
                out["data"] = {"text/html": markdown_tables(text, numbering, heading)}
                new.append(out)
                continue
            else:
                data["text/markdown"] = text
        if "image/png" in data:
            new.append(nbformat.v4.new_output("display_data", data={
                "text/html": numbering.figure(_text(data["image/png"]), pending)}))
            pending = ""
            continue
        if "text/html" in data and "evidence-browser" not in _text(data["text/html"]):
            body = _text(data["text/html"])
            if _TABLE.search(body):
                caption = pending or heading
                if "<caption>" in body:
                    body = re.sub(r"<caption>(.*?)</caption>",
                                  lambda m: f"<caption>{numbering.table_caption(html.unescape(m.group(1)))}</caption>",
                                  body, count=1, flags=re.S)
                else:
                    numbered = numbering.table_caption(caption)
                    body = _TABLE.sub(lambda m, c=numbered: f"{m.group(0)}<caption>{c}</caption>", body, count=1)
                pending = ""
            out["data"] = {"text/html": body}
        new.append(out)
    cell["outputs"] = new


_MD_PART = re.compile(r"<h([1-6])[^>]*>(?P<h>.*?)</h\1>|(?:<p><em>(?P<label>[^<]*?):?</em></p>\s*)?<table>", re.S)


def markdown_tables(text: str, numbering: Numbering, heading: str) -> str:
    """Markdown with tables as HTML, each table numbered and captioned above by the heading it stands under
    and the label in italics before it ("C1: the main areas, data variants and readings")."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    state = {"heading": heading}

    def part(m: re.Match) -> str:
        if m.group("h") is not None:
            state["heading"] = re.sub(r"<[^>]+>", "", re.sub(r"<a class=\"anchor-link\".*?</a>", "", m.group("h")))
            return m.group(0)
        label = html.unescape(m.group("label") or "").strip()
        caption = state["heading"] + (f", {label[:1].lower()}{label[1:]}" if label else "")
        return f'<table class="study-table"><caption>{numbering.table_caption(html.unescape(caption))}</caption>'

    return _MD_PART.sub(part, markdown2html_mistune(text))


def _anchor(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    slug, i = base, 2
    while slug in taken:
        slug, i = f"{base}-{i}", i + 1
    taken.add(slug)
    return slug


def arrange_markdown(cell, taken: set[str], headings: list, link: str) -> str:
    """Headings in words with anchors (raw HTML, so the contents can point at them); the last heading's text."""
    last = ""
    lines = []
    for line in _text(cell["source"]).split("\n"):
        m = re.match(r"^(#{1,3})\s+(.*)$", line)
        if m:
            level, text = len(m.group(1)), heading_words(m.group(2).strip())
            plain = re.sub(r"[*`_]", "", text)
            slug = _anchor(plain, taken)
            headings.append((level, plain, slug))
            lines.append(f'<h{level} id="{slug}">{html.escape(plain)}</h{level}>\n')
            if level == 1 and link:
                lines.append(f'<p class="notebook-link">The executed notebook, with its code: '
                             f'<a href="{html.escape(link, quote=True)}">{html.escape(link)}</a></p>\n')
            last = plain
        else:
            lines.append(line)
    cell["source"] = "\n".join(lines)
    return last


def contents(headings: list) -> str:
    """The contents, nested once: the sections' own numbers are kept, none added."""
    items, open_sub = [], False
    for level, text, slug in headings:
        if level == 1:
            if open_sub:
                items.append("</ul></li>")
            items.append(f'<li><a href="#{slug}">{html.escape(text)}</a><ul>')
            open_sub = True
        elif level == 2:
            items.append(f'<li><a href="#{slug}">{html.escape(text)}</a></li>')
    if open_sub:
        items.append("</ul></li>")
    return '<nav class="toc"><h2 id="contents">Contents</h2><ul>' + "".join(items) + "</ul></nav>"


def claims_of(findings) -> list[dict]:
    from .numbers_tex import claims_of as of

    return of(findings)


def verdict_table(claims: list[dict], numbering: Numbering) -> str:
    import pandas as pd

    from .table_display import table_html

    table = pd.DataFrame({
        "Claim": [heading_words(f"{c['id']}: {c.get('title', '')}") for c in claims],
        "The article says": [c.get("claim", "") for c in claims],
        "Verdict": [VERDICT_WORDS.get(c.get("verdict"), str(c.get("verdict", "")).replace("_", " ")) for c in claims],
        "Events": [c.get("n", "") for c in claims]})
    caption = numbering.table_caption("The article's claims and the verdicts of the open record")
    return _TABLE.sub(lambda m: f"{m.group(0)}<caption>{caption}</caption>", table_html(table), count=1)


def abstract(claims: list[dict] | None, events_path: Path | None, start_year: int, end_year: int,
             ru_region: str) -> str:
    """A short abstract written from the processed data and the findings (plain text)."""
    import pandas as pd

    parts = [f"This report rebuilds, from open sources, the evidence on cultural exchanges between {ru_region} "
             f"and the regions of Kazakhstan, and tests a published article's claims about "
             f"{start_year}-{end_year} against it."]
    if events_path is not None and events_path.exists():
        ev = pd.read_csv(events_path, dtype=str, keep_default_na=False)
        region = stats.region_events(ev)
        inside = region[stats.is_true(region["in_analysis"])]
        parts.append(f"The compilation holds {len(region)} dated events of the region, {len(inside)} of them "
                     f"inside the window.")
    if claims:
        counts: dict[str, int] = {}
        for f in claims:
            counts[f["verdict"]] = counts.get(f["verdict"], 0) + 1
        said = ", ".join(f"{n} {VERDICT_WORDS.get(v, v.replace('_', ' '))}" for v, n in sorted(counts.items()))
        parts.append(f"Of the article's {len(claims)} claims tested, the verdicts are: {said} (Table 1).")
    parts.append("Code is hidden; each section links to its executed notebook. The last section of part 3 is an "
                 "evidence browser: every event and legal document, searchable, with links to the sources.")
    return " ".join(parts)


def run_settings(nb) -> dict:
    """The parameters a notebook ran with: its defaults, overridden by the injected ones."""
    import ast

    out: dict = {}
    for tag in ("parameters", "injected-parameters"):
        for cell in nb["cells"]:
            if tag in cell.get("metadata", {}).get("tags", []):
                for node in ast.parse("".join(cell["source"])).body:
                    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                        try:
                            out[node.targets[0].id] = ast.literal_eval(node.value)
                        except ValueError:
                            continue
    return out


def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="study", extra_template_basedirs=[str(TEMPLATES)])


def notebook_page(nb, target: Path) -> Path:
    """One executed notebook as a readable page (code shown), beside the report."""
    nb = json.loads(json.dumps(nb))
    nb["cells"] = [c for c in nb["cells"] if not set(c.get("metadata", {}).get("tags", [])) & REMOVED_TAGS
                   or "parameters" in c.get("metadata", {}).get("tags", [])]
    import nbformat

    body, _ = _exporter().from_notebook_node(nbformat.from_dict(nb), resources={
        "study_css": STUDY_CSS, "report": False, "front_matter": ""})
    with atomic_path(target) as tmp:
        tmp.write_text(body, encoding="utf-8")
    return target


def study_html(executed: list[str | Path], target: str | Path) -> Path:
    """Write the report for the executed notebooks `executed` (in order) to `target`, and each notebook's
    page beside it."""
    import nbformat

    target = Path(target)
    notebooks = [nbformat.read(str(p), as_version=4) for p in executed]
    # the run the notebooks were executed for: their parameters (`settings`, `out`) resolved as config.setup does
    params = run_settings(notebooks[-1])
    run = config.resolve(params.get("settings") or {}, out=params.get("out") or None, checked=False)
    region = gazetteer.resolve_ru_region(run.settings.ru_region).name_en
    start, end = run.settings.start_year, run.settings.end_year
    reports, processed, figures_dir = run.folders.reports, run.folders.processed, run.folders.figures
    manifest_path = figures_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    findings_path = reports / "findings.json"
    claims = claims_of(json.loads(findings_path.read_text(encoding="utf-8"))) if findings_path.exists() else []
    title = f"{region} and Kazakhstan: cultural exchanges, {start}-{end}. A reproducible study"

    numbering = Numbering(manifest, figures_dir)
    front_table = verdict_table(claims, numbering) if claims else ""
    cells, headings, taken = [], [], {"contents", "abstract"}
    for path, nb in zip(executed, notebooks, strict=True):
        page = notebook_page(nb, target.parent / (Path(path).stem + ".html"))
        heading = ""
        for cell in nb.cells:
            if set(cell.get("metadata", {}).get("tags", [])) & REMOVED_TAGS:
                continue
            if cell.cell_type == "markdown":
                heading = arrange_markdown(cell, taken, headings, page.name) or heading
            elif cell.cell_type == "code":
                arrange_outputs(cell, numbering, heading)
                if not cell.outputs:
                    continue
            cells.append(cell)
    for i, cell in enumerate(cells):  # the six notebooks' cell ids repeat; the merged one numbers its own
        cell["id"] = f"cell-{i:03d}"
    merged = nbformat.v4.new_notebook(cells=cells, metadata={**notebooks[0].metadata, "title": title})
    front = (f'<header><h1 id="title">{html.escape(title)}</h1><div class="abstract" id="abstract">'
             f'<p><b>Abstract.</b> {html.escape(abstract(claims, processed / "events.csv", start, end, region))}'
             f'</p></div>{front_table}</header>{contents(headings)}')
    body, _ = _exporter().from_notebook_node(merged, resources={"study_css": STUDY_CSS, "report": True,
                                                                "front_matter": front})
    with atomic_path(target) as tmp:
        tmp.write_text(body, encoding="utf-8")
    return target


def build(notebooks_dir: str | Path, target: str | Path | None = None) -> Path:
    """The report from the executed notebooks of a folder (01_... to 06_..., in name order)."""
    folder = Path(notebooks_dir)
    executed = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb") if not p.name.endswith(".failed.ipynb"))
    if not executed:
        raise FileNotFoundError(f"{folder}: no executed notebook (01_....ipynb) to build the report from")
    return study_html(executed, Path(target) if target else folder / "study.html")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks_dir", help="the folder of the executed notebooks (reports/ for the study)")
    ap.add_argument("--out", default="", help="the report's path (default: study.html in that folder)")
    args = ap.parse_args(argv)
    try:
        path = build(args.notebooks_dir, args.out or None)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({path.stat().st_size // 1024} KB) and the notebooks' pages beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
