"""A job on the crew's phone that turns urgent in place (a medical need rung in) is announced as
a new urgent job is: the banner and the vibration, not the notice alone (walk39, 6)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.services import work_order_dispatch
from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews

pytestmark = pytest.mark.browser


def test_a_job_turned_urgent_is_announced_with_the_banner_and_vibration(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    taken = call_take(
        station=cast.station_a,
        user=cast.clerk,
        customer=cast.customer,
        caller_number="13812345678",
        text="家里停电了",
        category="fault_repair",
    )
    assert taken.work_order is not None
    order = work_order_dispatch(work_order=taken.work_order, crew=cast.crew, user=cast.chief)
    phone, page = crew_phone(browser)
    page.add_init_script(
        "window.__buzz = []; navigator.vibrate = function (p) { window.__buzz.push(p); return true; };"
    )
    from tests.browser.conftest import crew_scripts_ready, log_in

    log_in(page, url, "crew1")
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    expect(card).to_have_attribute("data-urgent", "0")
    page.reload()  # seen once: the phone knows the job (a new job is announced the first time)
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()

    call_take(
        station=cast.station_a,
        user=cast.clerk,
        customer=cast.customer,
        caller_number="13812345678",
        text="还是没电，家里老人用制氧机",
        category="fault_repair",
        urgent=True,
        repeat_of=order,
    )
    page.reload()
    crew_scripts_ready(page)
    expect(card).to_have_attribute("data-urgent", "1")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(order.number)
    expect(banner).to_have_class("banner urgent")
    assert page.evaluate("window.__buzz.length") == 1
    # Seen: not announced again.
    page.reload()
    crew_scripts_ready(page)
    expect(banner).to_be_hidden()
    assert page.evaluate("window.__buzz.length") == 0
    phone.close()
