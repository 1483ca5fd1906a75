"""The crew's phone (review of round 24, finding 6): a step's button is answered whatever came of
sending it (it was dead for good once the station said "log in again", or while there was no
signal); and out of signal, a card's time to arrive by turns to "overdue" by itself as the
minutes pass (it waited for the station to draw the list again)."""

from __future__ import annotations

import datetime as dt
import types

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, Route, expect

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import PASSWORD
from tests.browser.conftest import crew_phone, crew_scripts_ready, log_in
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job

pytestmark = pytest.mark.browser

QUEUED = "window.powerdeskCrew.all('queue').then(function (items) { return items.length; })"

# Lists drawn from the copy the service worker kept (sw.js: X-Kept-On-Phone), counted.
COUNT_KEPT_LISTS = """window.__keptLists = 0;
document.addEventListener("htmx:afterSwap", function (event) {
  var xhr = event.detail && event.detail.xhr;
  if (xhr && xhr.getResponseHeader("X-Kept-On-Phone")) window.__keptLists += 1;
});"""


def _list_kept_on_the_phone(page: Page) -> None:
    """The service worker has kept the crew's list and serves the page: out of signal, the
    list's refresh (every 20 s) draws that copy, with the words of when it was kept. Waited
    for, not left to chance (a loaded machine had not kept it yet when the signal went)."""
    expect(page.locator("#crew-offline-ready")).to_contain_text("没有信号也能打开", timeout=15000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    page.evaluate(COUNT_KEPT_LISTS)


def _kept_list_drawn(page: Page) -> None:
    """The refresh the minutes moved on by hand set off has drawn the kept copy."""
    page.wait_for_function("window.__keptLists > 0", timeout=15000)


def test_found_here_refused_for_a_lost_login_can_be_tapped_again(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    _outage, order = outage_job(cast)
    crew_step_take(work_order=order, step="on_the_way", user=cast.member, fields={})
    phone, page = crew_phone(browser, bypass_csp=True)  # the test's own scripts (QUEUED)
    page.clock.install()  # time runs on, and is moved on by hand past the double-tap guard
    log_in(page, url, "crew1", PASSWORD)
    card = page.locator(".job", has_text=order.number)
    place = card.get_by_test_id("crew-patrol-ZM-B01-T1")
    expect(place).to_be_visible()
    crew_scripts_ready(page)

    # The session ran out: the station answers every batch with 403.
    def logged_out(route: Route) -> None:
        route.fulfill(status=403, body="")

    page.route("**/desk/crew/sync/", logged_out)

    def found_here() -> None:
        if not place.get_by_label("原因").is_visible():
            place.get_by_text("故障在此", exact=True).click()
        place.get_by_label("原因").select_option("animal")
        place.get_by_role("button", name="确认故障在此").click()

    found_here()
    expect(page.locator("#crew-sync-status")).to_contain_text("重新登录", timeout=15000)
    assert page.evaluate(QUEUED) == 1  # kept on the phone
    # Tapped again (the crew thinks it did not go), once a double tap's second would be past:
    # taken, not silently ignored.
    page.clock.fast_forward(2000)
    found_here()
    page.wait_for_function(f"{QUEUED}.then(function (n) {{ return n === 2; }})", timeout=15000)
    phone.close()


def test_out_of_signal_a_deadline_turns_overdue_by_itself(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    due = timezone.now() + dt.timedelta(minutes=3)
    WorkOrder.objects.filter(pk=order.pk).update(arrive_due_at=due)
    phone, page = crew_phone(browser, bypass_csp=True)
    page.clock.install()
    log_in(page, url, "crew1", PASSWORD)
    card = page.locator(".job", has_text=order.number)
    deadline = card.get_by_test_id("job-arrive-by")
    expect(deadline).to_have_attribute("data-state", "soon")
    expect(deadline).to_contain_text("还剩")
    _list_kept_on_the_phone(page)

    phone.set_offline(True)  # the list is no longer drawn again by the station
    page.clock.fast_forward("05:00")
    # Drawn again from the copy kept when it said "还剩 3分钟": overdue all the same.
    _kept_list_drawn(page)
    expect(deadline).to_have_attribute("data-state", "overdue")
    expect(card.get_by_test_id("job-due-words")).to_contain_text("已超期")
    expect(deadline).to_have_class("deadline overdue")
    phone.close()


def test_a_phone_whose_clock_is_hours_slow_goes_by_the_station_s_clock(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    """The phone's clock three hours slow (reset when its battery ran flat): the card still
    says the time to arrive by is near and, out of signal, turns overdue when it passes on the
    station's clock; a step tapped is recorded at the station's time and the crew told why."""
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    WorkOrder.objects.filter(pk=order.pk).update(
        arrive_due_at=timezone.now() + dt.timedelta(minutes=20)
    )
    phone, page = crew_phone(browser, bypass_csp=True)  # the test's own scripts
    page.clock.install(time=timezone.now() - dt.timedelta(hours=3))
    log_in(page, url, "crew1", PASSWORD)
    card = page.locator(".job", has_text=order.number)
    deadline = card.get_by_test_id("job-arrive-by")
    expect(deadline).to_have_attribute("data-state", "soon")  # not "later": 3 h 20 min away
    expect(deadline).to_contain_text("还剩")
    _list_kept_on_the_phone(page)

    phone.set_offline(True)
    page.clock.fast_forward("25:00")
    _kept_list_drawn(page)
    expect(deadline).to_have_attribute("data-state", "overdue")
    expect(card.get_by_test_id("job-due-words")).to_contain_text("已超期")

    phone.set_offline(False)
    card.get_by_role("button", name="出发").click()
    expect(card.locator("[data-saved]")).to_contain_text("手机时钟慢了", timeout=15000)
    on_the_way = order.events.get(to_status="on_the_way").at
    assert abs(on_the_way - timezone.now()) < dt.timedelta(minutes=2)
    phone.close()
