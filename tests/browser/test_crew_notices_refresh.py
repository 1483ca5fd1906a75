"""The open crew phone's notices box is drawn again with its job list (walk40, 12: the box
said "7 条提醒" while the list it links to had 8, until the page was reloaded)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import Category
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews

pytestmark = pytest.mark.browser


def test_the_notices_box_follows_the_job_list(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    from tests.browser.conftest import crew_scripts_ready, log_in

    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)

    def sent() -> None:
        order = work_order_create(
            station=cast.station_a,
            user=cast.clerk,
            category=Category.FAULT_REPAIR,
            summary="表箱没电",
            customer=cast.customer,
        )
        work_order_dispatch(work_order=order, crew=cast.crew, user=cast.chief)

    sent()
    phone, page = crew_phone(browser)
    log_in(page, url, "crew1")
    crew_scripts_ready(page)
    box = page.locator("#crew-notices")
    expect(box.locator("li[data-kind='crew_job']")).to_have_count(1)
    expect(box.get_by_test_id("crew-notices-many")).to_have_count(0)  # one notice: its text
    sent()
    # The list's own refresh (as every 20 s): the box is drawn again with it.
    page.evaluate("document.getElementById('crew-jobs').dispatchEvent(new Event('crew:refresh'))")
    expect(box.get_by_test_id("crew-notices-many")).to_contain_text("2")
    expect(page.locator("#crew-notices")).to_have_count(1)
    phone.close()
