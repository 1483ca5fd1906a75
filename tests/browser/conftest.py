"""Browser tests: Debian's Chromium against a live PowerDesk, screenshots for the docs.

The screenshots go to each test's temporary folder, so that a test run leaves the tracked
pictures alone; ``make screenshots`` (``POWERDESK_SCREENSHOTS=1``) writes them to docs/screenshots.
"""

from __future__ import annotations

import os
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.base import PASSWORD, build_cast

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of this folder is a browser test (``-m browser``; ``make screenshots``): a
    ``pytestmark`` in a conftest marks nothing."""
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


# What an assertion waits for a page to show: Playwright's 5 s by default, which the two suites
# run side by side on a 2-core machine (a page drawn by a live server loading the demo station)
# sometimes passed. A passing assertion returns as soon as it holds: only a failure waits longer.
EXPECT_TIMEOUT_MS = 10_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture
def cast(transactional_db: None) -> types.SimpleNamespace:
    namespace = types.SimpleNamespace()
    build_cast(namespace)
    return namespace


@pytest.fixture
def screenshot(tmp_path: Path) -> Iterator[object]:
    folder = SCREENSHOTS if os.environ.get("POWERDESK_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)

    def take(page: Page, name: str, *, full_page: bool = False) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    yield take


@pytest.fixture(scope="session", autouse=True)
def trained_classifier(django_db_setup: None, django_db_blocker: Any) -> None:
    """Train the call classifier before the first page asks it for a suggestion: importing
    scikit-learn and training take longer than a browser assertion waits."""
    from powerdesk.servicedesk.understanding.store import default_classifier

    with django_db_blocker.unblock():  # staff corrections: none in the test database
        default_classifier()


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def clerk_on_intake(page: Page, base_url: str) -> None:
    """The clerk logged in, on the page where calls are taken."""
    log_in(page, base_url, "clerk")
    page.goto(f"{base_url}/desk/intake/")


CREW_PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "locale": "zh-CN",
    "is_mobile": True,
    "has_touch": True,
}


def crew_phone(
    browser: Browser, url: str | None = None, **context: Any
) -> tuple[BrowserContext, Page]:
    """A crew member's phone (a small touch screen, in Chinese; ``context``: other settings of
    it) and its page, logged in as crew1 at ``url`` (none given: not yet, the test first
    prepares the page)."""
    phone = browser.new_context(**{**CREW_PHONE, **context})
    page = phone.new_page()
    if url is not None:
        log_in(page, url, "crew1")
    return phone, page


def crew_scripts_ready(page: Page) -> None:
    """The crew page's scripts (crew_jobs.html, deferred; crew.js is the last) are running: a
    step tapped before them is a plain form's post, taken by the station at once, never kept on
    the phone nor sent by crew_sync.js (a loaded machine drew the buttons well before). Needs
    ``bypass_csp`` (a test's own script)."""
    page.wait_for_function("typeof window.crewMayRefresh === 'function'", timeout=15000)


def off_line_device_refused(card: Locator, cause: str = "熔丝熔断") -> Locator:
    """The crew names the fuse of another branch (``crew_cast.other_branch_fuse``) as they find
    the cause; the station refuses it at the device field, naming it, what was typed kept.
    The cause form, for what the test does next."""
    form = card.locator('form[data-crew-step="cause_found"]')
    form.locator('input[name="cause"]').fill(cause)
    form.locator('input[name="device"]').fill("ZM-B09-F")
    form.locator("button").click()
    error = form.locator('[data-field-error="device"]')
    expect(error).to_be_visible(timeout=15000)
    expect(error).to_contain_text("干海支线01号杆跌落式熔断器")
    expect(form.locator('input[name="device"]')).to_have_value("ZM-B09-F")
    return form
