"""Browser test infrastructure: Debian's Chromium driven by Playwright, axe-core for accessibility.

One browser per test session (start-up costs seconds); a fresh page per test. The browser is the
system's ``/usr/bin/chromium`` (installed by ``make install``), never a downloaded build, so the
tests run offline. axe-core comes inside the axe-playwright-python package.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Accessibility: axe-core's rules for WCAG 2.1 levels A and AA; every violation fails, whatever its impact.
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls made by the
# test fixtures (flushing the test database) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test: mark it ``e2e`` so it can be selected."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright_session():
    """Playwright's driver, started once (its sync API allows one per thread)."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium ontbreekt op {CHROMIUM}: de browsertests hebben Debian's chromium nodig. "
            "Installeer het met `make install` (of `apt-get install chromium`)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser_context(playwright_session, tmp_path_factory):
    """A Chromium with a fresh, throw-away profile for the whole session."""
    context = playwright_session.chromium.launch_persistent_context(
        user_data_dir=str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        locale="nl-NL",
        viewport={"width": 1280, "height": 900},
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def browser(playwright_session):
    """A plain Chromium for tests that need their own contexts (no JavaScript, a phone's width)."""
    instance = playwright_session.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                  args=CHROMIUM_ARGS)
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture
def site(live_server, transactional_db):
    """Base URL of the Django app served by pytest-django's live server."""
    return live_server.url


@pytest.fixture
def page(browser_context):
    """A new tab per test; cookies cleared so tests do not depend on each other."""
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    tab.set_default_timeout(30_000)  # the machine is shared: a page may wait for a busy core
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core with the WCAG 2.1 A/AA rules on the page; fail on any violation, naming rule and
    element."""

    def check(page) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG21_AA}})
        blocking = results.response["violations"]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in blocking
        ]
        assert not blocking, f"axe vond toegankelijkheidsfouten op {page.url}:\n" + "\n".join(
            details
        )

    return check
