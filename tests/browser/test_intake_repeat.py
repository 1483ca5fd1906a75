"""A repeat call in a real browser: the caller's open order is offered as the number is typed
and chosen once the note is of its category, and saving as it is adds the call to it as a
repeat call, not a second order. "Known now" lists the caller's other open order (a billing
one) beside it, and names it as the order above (walk68, L1)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.browser.conftest import clerk_on_intake

pytestmark = pytest.mark.browser


def test_a_caller_ringing_again_is_added_to_their_open_order(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    order = call_take(
        station=cast.station_a,
        user=cast.clerk,
        caller_number="0878-1234567",
        text="家里停电了",
        category="fault_repair",
    ).work_order
    assert order is not None
    billing = work_order_create(
        station=cast.station_a,
        user=cast.clerk,
        category="billing",
        summary="这个月电费怎么这么多",
        customer=order.customer,
    )
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    page.locator("#id_caller_number").fill("0878-1234567")
    expect(page.get_by_test_id("repeat-order")).to_contain_text(order.number)
    known = page.get_by_test_id("own-open-order")
    expect(known).to_have_count(2)
    expect(known.filter(has_text=billing.number)).to_be_visible()
    expect(known.filter(has_text=order.number)).to_contain_text(order.get_category_display())
    expect(page.get_by_test_id("own-open-order-above")).to_have_count(1)
    page.locator("#id_text").fill("还是没电，什么时候来")
    expect(page.get_by_test_id("join-repeat")).to_be_checked()
    expect(page.locator('input[name=action][value=""]')).not_to_be_checked()
    page.keyboard.press("Control+Enter")
    expect(page).to_have_url(f"{url}{order.get_absolute_url()}")
    expect(page.get_by_test_id("repeat-calls")).to_be_visible()
    assert WorkOrder.objects.count() == 2  # no second fault order beside the billing one
    assert order.calls.filter(is_repeat=True).count() == 1
