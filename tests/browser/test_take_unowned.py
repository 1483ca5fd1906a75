"""Work handed back, taken from the list of work orders without an owner ("Take it", 我来负责):
a double tap on a phone takes it once (one line of its history, one of the audit trail), the
row no longer offers it and the page says it is the clerk's."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.servicedesk.models import OwnerChange, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_create
from tests.browser.conftest import log_in


def test_a_double_tap_on_take_it_takes_the_order_once(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    order = work_order_create(
        station=cast.station_a, user=cast.chief, category="business", summary="过户", owner=None
    )
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "clerk")
    page.goto(f"{url}/desk/orders/?show=unowned")
    row = page.get_by_test_id(f"row-owner-{order.pk}")
    expect(row).to_be_visible()
    screenshot(page, "work-orders-unowned-phone")  # type: ignore[operator]
    row.get_by_test_id("row-take").dblclick()
    expect(page.locator(".messages li.success")).to_contain_text(order.number)
    expect(page.get_by_test_id(f"row-owner-{order.pk}")).to_have_count(0)
    assert "show=unowned" in page.url
    assert WorkOrder.objects.get(pk=order.pk).owner == cast.clerk
    assert order.events.filter(kind=WorkOrderEvent.Kind.ASSIGNED).count() == 1
    assert OwnerChange.objects.count() == 1
    page.goto(f"{url}{order.get_absolute_url()}")
    expect(page.get_by_test_id("order-owner")).to_contain_text(cast.clerk.full_name)
