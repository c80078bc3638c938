"""The study as one self-contained HTML report, built from the executed notebooks.

The report reads like the study: a title, an abstract of what was done and found, a table of contents,
then the sections in order with their narrative and results. Code is hidden (each code cell behind a
"code" toggle, and a link to the executed notebook); parameter cells are left out. Figures are shown
at their own physical width (read from the PNG's pixel size and resolution) with their caption as the
alt text; tables are HTML tables. Nothing is loaded from outside the file: no script, font or style
sheet is referenced, images are embedded as data URIs.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from pathlib import Path

from . import gazetteer, stats
from .outputs import atomic_path

HIDDEN_TAGS = {"parameters", "injected-parameters"}
CSS_PX_PER_INCH = 96

STYLE = """
body{font-family:Georgia,'DejaVu Serif',serif;max-width:76rem;margin:2rem auto;padding:0 1.5rem;line-height:1.5;
color:#1a1a1a;background:#fff}
p,ul,ol,pre,.abstract,nav.toc,details{max-width:48rem}
h1{font-size:1.9rem;line-height:1.2}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}
nav.toc{background:#f6f6f6;padding:.5rem 1.5rem;border-left:4px solid #0072B2}
nav.toc ol{padding-left:1.2rem}
.abstract{font-size:1.05rem;background:#f9f9f4;padding:1rem 1.5rem;border-left:4px solid #E69F00}
figure{margin:1.5rem 0}figure img{display:block;max-width:none;height:auto}
figcaption{font-size:.9rem;color:#333;max-width:45rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top;
max-width:24rem;overflow-wrap:break-word}
thead th{border-bottom:2px solid #333;overflow-wrap:anywhere}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;font-size:.8rem;white-space:pre-wrap}
details.code{margin:.3rem 0;color:#555}details.code summary{cursor:pointer;font-size:.8rem}
.notebook-link{font-size:.85rem}
"""


def _markdown(text: str) -> str:
    import mistune

    return mistune.html(text)


def png_css_width(data: bytes) -> int:
    """The width in CSS pixels at which a PNG shows at its own physical size (its pHYs resolution)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        dpi = im.info.get("dpi", (CSS_PX_PER_INCH, CSS_PX_PER_INCH))[0] or CSS_PX_PER_INCH
        return round(im.width * CSS_PX_PER_INCH / float(dpi))


def _plain(markdown_text: str) -> str:
    """Markdown reduced to plain text, for alt attributes."""
    text = re.sub(r"[*_`#]", "", markdown_text)
    return " ".join(text.split())


def _figure(png_b64: str, caption_md: str) -> str:
    data = base64.b64decode(png_b64)
    width = png_css_width(data)
    alt = html.escape(_plain(caption_md) or "figure", quote=True)
    cap = _markdown(caption_md) if caption_md else ""
    return (f'<figure><img src="data:image/png;base64,{png_b64.strip()}" width="{width}" data-own-width="{width}" '
            f'alt="{alt}"><figcaption>{cap}</figcaption></figure>')


def _outputs(outputs: list[dict]) -> str:
    parts: list[str] = []
    pending_caption = ""
    for out in outputs:
        kind = out.get("output_type")
        if "text" in out:  # printed output (stdout or stderr)
            parts.append(f"<pre>{html.escape(''.join(out.get('text', '')))}</pre>")
            continue
        if kind == "error":
            parts.append(f"<pre>{html.escape(out.get('ename', ''))}: {html.escape(out.get('evalue', ''))}</pre>")
            continue
        data = out.get("data", {})
        if "image/png" in data:
            parts.append(_figure("".join(data["image/png"]), pending_caption))
            pending_caption = ""
        elif "text/markdown" in data:
            text = "".join(data["text/markdown"])
            if pending_caption:
                parts.append(_markdown(pending_caption))
            pending_caption = text  # a figure shown right after takes this text as its caption
        elif "text/html" in data:
            parts.append(f'<div class="scroll">{"".join(data["text/html"])}</div>')
        elif "text/plain" in data:
            parts.append(f"<pre>{html.escape(''.join(data['text/plain']))}</pre>")
    if pending_caption:
        parts.append(_markdown(pending_caption))
    return "\n".join(parts)


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    slug, i = base, 2
    while slug in taken:
        slug, i = f"{base}-{i}", i + 1
    taken.add(slug)
    return slug


def notebook_section(nb: dict, notebook_href: str, taken: set[str]) -> tuple[str, list[tuple[int, str, str]]]:
    """The HTML of one executed notebook and its headings (level, text, anchor)."""
    body: list[str] = []
    headings: list[tuple[int, str, str]] = []
    for cell in nb["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN_TAGS:
            continue
        source = "".join(cell.get("source", ""))
        if cell["cell_type"] == "markdown":
            rendered = _markdown(source)

            def anchor(m, _headings=headings):
                level, text = int(m.group(1)), m.group(3)
                slug = _slug(re.sub(r"<[^>]+>", "", text), taken)
                _headings.append((level, html.unescape(re.sub(r"<[^>]+>", "", text)), slug))
                return f'<h{level}{m.group(2)} id="{slug}">{text}</h{level}>'

            body.append(re.sub(r"<h([1-3])([^>]*)>(.*?)</h\1>", anchor, rendered, flags=re.S))
            if headings and headings[0][0] == 1 and len(headings) == 1 and notebook_href:
                body.append(f'<p class="notebook-link">Executed notebook with all code: '
                            f'<a href="{html.escape(notebook_href)}">{html.escape(notebook_href)}</a></p>')
        elif cell["cell_type"] == "code":
            if source.strip():
                body.append(f'<details class="code"><summary>code</summary><pre>{html.escape(source)}</pre></details>')
            body.append(_outputs(cell.get("outputs", [])))
    return "\n".join(body), headings


def _toc(headings: list[tuple[int, str, str]]) -> str:
    items, open_sub = [], False
    for level, text, slug in headings:
        if level == 1:
            if open_sub:
                items.append("</ol></li>")
                open_sub = False
            items.append(f'<li><a href="#{slug}">{html.escape(text)}</a>')
            items.append("<ol>")
            open_sub = True
        elif level == 2:
            items.append(f'<li><a href="#{slug}">{html.escape(text)}</a></li>')
    if open_sub:
        items.append("</ol></li>")
    return '<nav class="toc"><h2 id="contents">Contents</h2><ol>' + "".join(items) + "</ol></nav>"


def render(notebooks: list[dict], hrefs: list[str], title: str, abstract_md: str) -> str:
    taken: set[str] = {"contents"}
    sections, headings = [], []
    for nb, href in zip(notebooks, hrefs, strict=True):
        body, heads = notebook_section(nb, href, taken)
        sections.append(f"<section>{body}</section>")
        headings += heads
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{html.escape(title)}"
            f"</title><style>{STYLE}</style></head><body>\n<header><h1>{html.escape(title)}</h1>"
            f"<div class=\"abstract\">{_markdown(abstract_md)}</div></header>\n{_toc(headings)}\n"
            + "\n".join(sections) + "\n</body></html>\n")


def abstract(findings_path: Path | None, events_path: Path | None, start_year: int, end_year: int,
             ru_region: str) -> str:
    """A short abstract written from the processed data and the findings."""
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
    if findings_path is not None and findings_path.exists():
        findings = json.loads(findings_path.read_text(encoding="utf-8"))
        counts: dict[str, int] = {}
        for f in findings:
            counts[f["verdict"]] = counts.get(f["verdict"], 0) + 1
        said = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in sorted(counts.items()))
        parts.append(f"Of the article's {len(findings)} claims tested, the verdicts are: {said}.")
    parts.append("Code is hidden; each section links to its executed notebook.")
    return " ".join(parts)


def run_settings(nb: dict) -> dict:
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


def study_html(executed: list[str | Path], target: str | Path) -> Path:
    """Write the report for the executed notebooks `executed` (in order) to `target`."""
    target = Path(target)
    notebooks = [json.loads(Path(p).read_text(encoding="utf-8")) for p in executed]
    settings = run_settings(notebooks[-1])
    region = gazetteer.resolve_ru_region(str(settings.get("ru_region", "Sverdlovsk"))).name_en
    start, end = int(settings.get("start_year", 2015)), int(settings.get("end_year", 2020))
    reports = Path(settings.get("reports_dir", target.parent))
    processed = Path(settings.get("processed_dir", "data/processed"))
    title = f"{region} and Kazakhstan: cultural exchanges, {start}-{end}. A reproducible study"
    abstract_md = abstract(reports / "findings.json", processed / "events.csv", start, end, region)
    hrefs = [Path(p).name if Path(p).parent == target.parent else str(p) for p in executed]
    html_text = render(notebooks, hrefs, title, abstract_md)
    with atomic_path(target) as tmp:
        tmp.write_text(html_text, encoding="utf-8")
    return target
