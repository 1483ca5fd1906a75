"""The work order list on a phone: each order a card, its status on one line (walkthrough 33,
finding 6: at 390 px the status column was a character wide, "已/到/达/抢/修/一/班")."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.servicedesk.services import work_order_create
from tests.browser.conftest import log_in


def test_the_status_is_read_on_one_line_at_390_px(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    order = work_order_create(
        station=cast.station_a,
        user=cast.clerk,
        category="fault_repair",
        summary="三角新村的施某反映：三相电缺了一相，水泵转不动，请派人来看看",
        customer=cast.customer,
    )
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "clerk")
    page.goto(f"{url}/desk/orders/")
    status = page.get_by_test_id(f"status-{order.pk}")
    expect(status).to_be_visible()
    screenshot(page, "work-orders-phone")  # type: ignore[operator]
    # One line: an inline text wrapped has a box a line.
    assert status.evaluate("(s) => s.getClientRects().length") == 1
    box = status.bounding_box()
    assert box is not None and box["width"] > 30, box
    # Its column named before it, and the page not wider than the phone.
    cell = status.locator("xpath=..")
    assert cell.evaluate("(c) => getComputedStyle(c, '::before').content") == '"状态："'
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
