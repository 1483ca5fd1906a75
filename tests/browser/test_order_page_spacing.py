"""Walkthrough 35, items 20 and 21, on a laptop's screen: on an order's page the photo bound
wraps as a whole (never one character alone at a line's end), the resolve button stands apart
from the pause form after it, and the "hard problems" heading from the history table; on the
English home page each panel's "more ›" stays whole beside a long title ("mor" / "e ›"; the
walkthrough's title given to the panels with a link: at this width they were wide enough before
the fix too, so that part guards the rule rather than showing the break)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import log_in
from tests.servicedesk.crew_cast import add_crews, plain_job

pytestmark = pytest.mark.browser
GAP = 8  # px: at least this between two blocks that must not touch


def _box(one: Locator) -> dict[str, float]:
    expect(one).to_be_visible()
    box = one.bounding_box()
    assert box is not None
    return box


def test_the_order_page_keeps_its_blocks_apart(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    add_crews(cast)
    order = plain_job(cast)
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "chief")
    page.goto(f"{url}/desk/orders/{order.pk}/")
    limit = page.get_by_test_id("photos-limit")
    expect(limit).to_be_visible()
    assert limit.evaluate("(e) => e.getClientRects().length") == 1
    button = _box(page.get_by_test_id("resolve-form").locator("button[type=submit]"))
    pause = _box(page.locator("#pause"))
    assert pause["y"] - (button["y"] + button["height"]) >= GAP
    table = _box(page.locator(".table-wrap:has(#history)"))
    heading = _box(page.locator(".table-wrap:has(#history) + h2"))
    assert heading["y"] - (table["y"] + table["height"]) >= GAP


def test_the_english_home_keeps_more_whole(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "chief")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    more = page.get_by_test_id("panel-more")
    expect(more.first).to_be_visible()
    assert more.count() > 0
    # The walkthrough's panel title, the longest the home page draws ("Power off now …"),
    # given to each panel with a "more ›" (in this cast that panel has no link to more).
    more.evaluate_all(
        "(links) => links.forEach((a) => { a.parentElement.firstChild.textContent = "
        "'Power off now (recorded and predicted) and planned '; })"
    )
    for i in range(more.count()):
        assert more.nth(i).evaluate("(e) => e.getClientRects().length") == 1, i
