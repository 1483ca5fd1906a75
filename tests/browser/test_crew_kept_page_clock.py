"""The crew's phone opens the page the service worker kept (no signal): the page knows it is
that copy from a mark the worker writes into it (sw.js), not from when it was drawn read on the
phone's clock (fix53d). A copy "drawn more than 60 s ago by the station's clock" was taken for a
kept one: a phone whose clock was set back while without signal took the kept copy for a fresh
page, and announced a job on it that was no longer the crew's ("新的紧急任务", a buzz)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_dispatch
from tests.browser.conftest import (
    BUZZ,
    buzzes,
    crew_list_refreshed,
    crew_phone,
    crew_scripts_ready,
    log_in,
    touched,
)
from tests.servicedesk.crew_cast import add_crews, plain_job

pytestmark = pytest.mark.browser

# The phone's clock set back ten minutes (Playwright cannot set the machine's clock: the page's
# Date is the phone's). Learnt against the station's before, it is now ten minutes off it.
CLOCK_BACK = """(() => {
  const Real = Date;
  const off = -10 * 60 * 1000;
  class PhoneDate extends Real {
    constructor(...args) { if (args.length) super(...args); else super(Real.now() + off); }
    static now() { return Real.now() + off; }
  }
  window.Date = PhoneDate;
})();"""


def test_the_kept_copy_announces_nothing_whatever_the_phone_clock_says(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    WorkOrder.objects.filter(pk=order.pk).update(urgent=True)
    phone, page = crew_phone(browser, bypass_csp=True)  # (wait_for_function's own script)
    page.add_init_script(BUZZ)
    log_in(page, url, "crew1")
    page.goto(f"{url}/desk/crew/")
    crew_scripts_ready(page)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    page.reload()  # kept by the worker, with the job on it
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(page.locator(".job", has_text=order.number)).to_have_count(1)
    expect(banner).to_be_hidden()  # the phone knows the job

    # The dispatcher gives the job to the other crew: the phone's list no longer has it.
    work_order_dispatch(work_order=order, crew=cast.other_crew, user=cast.chief)
    touched(page)
    crew_list_refreshed(page)
    expect(page.locator(".job", has_text=order.number)).to_have_count(0)

    # No signal, and the phone's clock is set back ten minutes meanwhile.
    phone.set_offline(True)
    page.add_init_script(CLOCK_BACK)
    page.goto(f"{url}/desk/crew/")
    crew_scripts_ready(page)
    assert page.evaluate("Date.now() < performance.timeOrigin - 9 * 60 * 1000")  # (set back)
    assert banner.is_hidden()  # nothing announced from the copy of before (it has the job)
    # Asked again at once: the list kept since (still no signal) has it no more.
    expect(page.locator(".job", has_text=order.number)).to_have_count(0)
    touched(page)
    crew_list_refreshed(page)
    expect(banner).to_be_hidden()
    assert buzzes(page) == []
    phone.close()
