"""The analyst's narrative: one Markdown file per section per year, rendered and sanitised."""

from __future__ import annotations

from pathlib import Path

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"typographer": True}).enable("table")
ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br",
                "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption"}


def render_markdown(text: str) -> str:
    """Markdown to HTML, with everything outside a small safe set of tags removed."""
    return nh3.clean(_md.render(text), tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}})


def load_narrative(directory: Path | None, year: int) -> dict[str, str]:
    """Read ``<directory>/<year>/<section>.md`` for every section that has one."""
    if directory is None:
        return {}
    folder = Path(directory) / str(year)
    if not folder.is_dir():
        return {}
    return {p.stem: render_markdown(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md"))}
