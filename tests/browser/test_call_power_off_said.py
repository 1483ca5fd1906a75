"""A billing call whose note says nothing of the power, in a browser (review61, L1): the call's
page offers the fault repair order only on the clerk's word that the caller said the power is
off; the box must be ticked, and the order's history says it was on their word."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import log_in


def test_the_clerk_s_word_opens_the_fault_order_and_is_recorded(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    call = call_take(
        station=cast.station_a,
        user=cast.clerk,
        caller_number="0878-1234567",
        text="电费卡里钱扣多了",  # nothing of the power
        category="billing",
        open_order=True,
    ).call
    log_in(page, base, "clerk")
    page.goto(f"{base}/desk/calls/{call.pk}/")
    expect(page.get_by_test_id("open-fault-order")).to_have_count(0)
    said = page.get_by_test_id("fault-order-said")
    said.locator("summary").click()
    # Not ticked: the browser does not send it.
    said.get_by_test_id("open-fault-order-said").click()
    expect(page).to_have_url(f"{base}/desk/calls/{call.pk}/")
    assert not WorkOrder.objects.filter(category="fault_repair").exists()
    said.get_by_test_id("power-off-said").check()
    screenshot(page, "call-power-off-said", full_page=True)  # type: ignore[operator]
    said.get_by_test_id("open-fault-order-said").click()
    expect(page.get_by_test_id("second-matter-call")).to_be_visible()
    order = WorkOrder.objects.get(category="fault_repair")
    assert page.url.endswith(order.get_absolute_url())
    assert order.events.filter(note_code="second_matter_said", by=cast.clerk).exists()
