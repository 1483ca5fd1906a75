"""An outage's work order with hundreds of callers, in a real browser: the page stays a few
screens high (it was 47,000 px with 760 calls), "show more" adds the next calls in place, and
a folded run of the history opens to its lines."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.order_calls import CALLS_PAGE
from tests.base import PASSWORD
from tests.browser.conftest import log_in
from tests.servicedesk.storm_order import storm_order

pytestmark = pytest.mark.browser

HEIGHT = "() => document.documentElement.scrollHeight"


def test_the_page_of_an_order_with_hundreds_of_calls_stays_short(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    order = storm_order(cast, calls=400, note_after=150)
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = desk.new_page()
    log_in(page, url, "clerk", PASSWORD)
    page.goto(f"{url}/desk/orders/{order.pk}/")
    expect(page.get_by_role("heading", name=order.number)).to_be_visible()
    expect(page.get_by_test_id("calls-total")).to_have_text("401")
    height = page.evaluate(HEIGHT)
    screenshot(page, "order-many-calls", full_page=True)  # type: ignore[operator]
    assert height < 5000, height  # a few screens, not 400 rows of calls and 400 of history
    expect(page.get_by_test_id("order-call")).to_have_count(CALLS_PAGE)
    expect(page.get_by_test_id("history-run")).to_have_count(2)

    # "Show more" adds the next page of older calls in place.
    page.get_by_test_id("calls-more").get_by_role("link").click()
    expect(page.get_by_test_id("order-call")).to_have_count(2 * CALLS_PAGE)
    assert page.url.endswith(f"/desk/orders/{order.pk}/")

    # A folded run opens to each of its lines.
    runs = page.get_by_test_id("history-run")
    runs.first.get_by_test_id("history-run-open").click()
    expect(page.get_by_test_id("history-run")).to_have_count(1)
    # The 150 notes, and the order's own lines (made the outage's job: retitled, one of them).
    expect(page.locator("#history tbody tr")).to_have_count(150 + 7)
    desk.close()
