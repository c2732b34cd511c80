"""Keyboard-only helpers for browser tests: move with Tab, act with Enter or Space, never click."""

from __future__ import annotations

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return "";
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return [e.tagName, e.getAttribute("type") || "", e.getAttribute("name") || "", label,
          (e.innerText || e.value || "").trim()].join("|");
}"""


def tab_to(page, *needles: str, limit: int = 200) -> str:
    """Press Tab until the focused element's description contains every needle; return it.

    The description is "TAG|type|name|label|text". Fails when the element is not reachable by Tab
    within ``limit`` presses: exactly what a keyboard user would run into."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused)
        if all(needle in focused for needle in needles):
            return focused
    raise AssertionError(f"met Tab niet bereikt: {needles}; wel: {seen[-12:]}")
