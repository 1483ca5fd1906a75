"""An order's history on a phone of 390 px (walkthrough 31, finding 22): the "What" column was
one character wide ("创建 → 已受理" a character a line). Each line is a card: the time and who
on one line, then what and the note, each as wide as the screen."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.services import work_order_create
from tests.base import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_history_is_readable_on_a_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    order = work_order_create(
        station=cast.station_a,
        user=cast.clerk,
        category="fault_repair",
        summary="左门哔叭一带停电，村民说听到打雷后就没电了",
        customer=cast.customer,
    )
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = phone.new_page()
    log_in(page, url, "clerk", PASSWORD)
    page.goto(f"{url}/desk/orders/{order.pk}/")
    what = page.locator("#history tbody tr td").nth(2)
    expect(what).to_be_visible()
    screenshot(page, "order-history-phone", full_page=True)  # type: ignore[operator]
    box = what.bounding_box()
    assert box is not None
    assert box["width"] > 250, box  # the screen's width, not a character's
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
