"""The public site's frame: the alliance's name, the main navigation and the footer pages.

The footer pages (contact, privacy statement, accessibility statement, colofon) are Markdown files of
the installation (``ZICHT_SITE_PAGES_DIR``); the demo ships the pages of the VeiligheidsAlliantie regio
Rotterdam in ``web/site_pages/``. A missing file in the installation's folder falls back on the demo's,
so a new installation shows a complete (if foreign) footer until it writes its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nh3
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt

DEMO_PAGES_DIR = Path(__file__).resolve().parent / "site_pages"
_md = MarkdownIt("commonmark", {"typographer": True}).enable("table")
ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "strong", "em", "a", "br", "table", "thead", "tbody",
                "tr", "th", "td", "dl", "dt", "dd", "abbr"}


@dataclass(frozen=True)
class SitePage:
    slug: str
    title: str


# The footer pages, in footer order (slug = URL and file name).
SITE_PAGES = (
    SitePage("contact", _("Contact")),
    SitePage("privacy", _("Privacyverklaring")),
    SitePage("toegankelijkheid", _("Toegankelijkheidsverklaring")),
    SitePage("colofon", _("Colofon")),
)
BY_SLUG = {p.slug: p for p in SITE_PAGES}


def page_file(slug: str) -> Path:
    """The installation's Markdown file for a footer page, else the demo's."""
    configured = getattr(settings, "ZICHT_SITE_PAGES_DIR", "")
    if configured:
        own = Path(configured) / f"{slug}.md"
        if own.is_file():
            return own
    return DEMO_PAGES_DIR / f"{slug}.md"


def render_page(slug: str) -> str:
    """A footer page as sanitised HTML (links to tel:, mailto: and https only)."""
    path = page_file(slug)
    return _render(str(path), path.stat().st_mtime_ns)


@cache
def _render(path: str, _mtime: int) -> str:
    text = Path(path).read_text(encoding="utf-8")
    html = _md.render(text)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}, "abbr": {"title"}},
                     url_schemes={"https", "http", "mailto", "tel"})


def site_name() -> str:
    return getattr(settings, "ZICHT_SITE_NAME", "") or "VeiligheidsAlliantie regio Rotterdam"
