"""A work order's page on a crew's phone (390 px wide) fits the screen: nothing scrolls
sideways, the forms of the next step included."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.base import PASSWORD
from tests.browser.conftest import log_in
from tests.servicedesk.crew_cast import add_crews, outage_job

pytestmark = pytest.mark.browser

# What sticks out past the right edge, for the failure message.
WIDER = """() => { const w = document.documentElement.clientWidth;
  return [document.documentElement.scrollWidth, [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > w + 1)
    .map((e) => e.tagName + (e.name ? "[name=" + e.name + "]" : "")).slice(0, 5)]; }"""


@pytest.mark.parametrize("who", ["crew1", "chief"])
def test_the_work_order_page_fits_a_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, who: str
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    _outage, order = outage_job(cast)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    log_in(page, url, who, PASSWORD)
    page.goto(f"{url}/desk/orders/{order.pk}/")
    expect(page.get_by_role("heading", name=order.number)).to_be_visible()
    expect(page.locator("textarea[name=note]")).to_be_visible()  # the form of "resolved"
    width, wider = page.evaluate(WIDER)
    assert width <= 390, (width, wider)
    phone.close()
