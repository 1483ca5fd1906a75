"""A dispatcher follows the "urgent call waiting for a work order" notice from the home page to
the call and opens its order; back home, neither they nor the other dispatcher see the notice
any more (walkthrough 28, finding 2)."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import make_user
from tests.browser.conftest import db_eventually, log_in


def test_the_notice_goes_once_the_order_is_opened(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    admin = make_user("night_admin", cast.station_a, Role.ADMIN, full_name="值夜管理员")
    make_user("county", cast.station_a, Role.DISPATCHER, full_name="段调度")
    make_user("gl", cast.station_a, Role.DISPATCHER, full_name="罗志强")
    taken = call_take(
        station=cast.station_a,
        user=admin,
        caller_number="13900001111",
        text="哔叭组02号杆被水冲歪了，电线垂得很低",
        category="hazard",
        village=cast.village,
        place="村口",
    )
    assert taken.call.needs_order
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "gl")
    notice = page.get_by_test_id("notice-groups").locator('li[data-kind="urgent_call"]')
    expect(notice).to_have_count(1)
    notice.locator("a").first.click()
    page.get_by_test_id("open-order").click()
    order = db_eventually(WorkOrder.objects.first, "the order opened from the call")
    assert WorkOrder.objects.count() == 1
    expect(page.get_by_text(order.number).first).to_be_visible()
    page.goto(f"{url}/home/")
    expect(
        page.get_by_test_id("notice-groups").locator('li[data-kind="urgent_call"]')
    ).to_have_count(0)
    page.context.clear_cookies()
    log_in(page, url, "county")
    expect(
        page.get_by_test_id("notice-groups").locator('li[data-kind="urgent_call"]')
    ).to_have_count(0)
