"""The crew's phone page at 390 × 844: its own place in the navigation is the one marked, and
nothing is wider than the screen."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews, outage_job

pytestmark = pytest.mark.browser


def test_my_jobs_is_marked_and_the_navigation_fits_a_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage_job(cast)
    phone, page = crew_phone(browser, url)
    expect(page.get_by_role("heading", name="我的任务")).to_be_visible()
    nav = page.get_by_role("navigation", name="主菜单")
    screenshot(page, "crew-nav")  # type: ignore[operator]
    expect(nav.locator("a.active")).to_have_text(["我的任务"])
    # Every link of the navigation is on the screen (none pushed past its right edge), and the
    # page itself does not scroll sideways.
    for box in nav.locator("a").evaluate_all(
        "(links) => links.map((a) => { const r = a.getBoundingClientRect(); return [a.textContent, r.left, r.right]; })"
    ):
        assert box[1] >= 0 and box[2] <= 390, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Folded to the page's own link and "all pages" (walkthrough 32, finding 18: four rows of
    # links on every page); unfolded, every link is there, still within the screen.
    expect(nav.locator("a:visible")).to_have_text(["我的任务"])
    toggle = nav.get_by_role("button", name="全部页面")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="停电")).to_be_visible()
    assert nav.locator("a:visible").count() == nav.locator("a").count()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    toggle.click()
    expect(nav.get_by_role("link", name="停电")).to_be_hidden()
    phone.close()
