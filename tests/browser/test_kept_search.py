"""A clerk's search on the work orders, seen in a browser: said on the page with 清除, kept when
coming back from an order, dropped when the list is opened from the menu."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.services import work_order_create
from tests.base import PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_a_kept_search_is_said_and_cleared_and_the_menu_opens_the_whole_list(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    for summary in ("普光荣家停电", "王成富家电压低"):
        work_order_create(
            station=cast.station_a, user=None, category="fault_repair", summary=summary
        )
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, url, "chief", PASSWORD)
    nav = page.get_by_role("navigation", name="主菜单")
    nav.get_by_role("link", name="工单", exact=True).click()
    page.get_by_label("编号、摘要或用户").fill("王成富")
    page.get_by_role("button", name="筛选").click()
    kept = page.get_by_test_id("kept-search")
    expect(kept).to_contain_text("搜索：王成富")
    screenshot(page, "kept-search")  # type: ignore[operator]
    # Into an order and back: the search still on, and said so.
    page.locator("table a").first.click()
    page.go_back()
    expect(page.get_by_test_id("kept-search")).to_contain_text("王成富")
    expect(page.locator("table")).not_to_contain_text("普光荣家停电")
    # 清除: every open order again.
    page.get_by_test_id("kept-search").get_by_role("button", name="清除").click()
    expect(page.locator("table")).to_contain_text("普光荣家停电")
    expect(page.get_by_test_id("kept-search")).to_have_count(0)
    # Searched again, then away and back through the menu: the whole list.
    page.get_by_label("编号、摘要或用户").fill("王成富")
    page.get_by_role("button", name="筛选").click()
    expect(page.get_by_test_id("kept-search")).to_be_visible()
    nav.get_by_role("link", name="首页").click()
    nav.get_by_role("link", name="工单", exact=True).click()
    expect(page.locator("table")).to_contain_text("普光荣家停电")
    expect(page.get_by_test_id("kept-search")).to_have_count(0)
    assert "fresh" not in page.url
