"""The crew's phone, Back after "已复电" (walk50, 2): the page the browser gives back is a copy of
before the job was finished, with its card; the phone already knows the job gone, so that
copy announced it as a new urgent job (the red "新的紧急任务" banner, a vibration) until the
list refreshed itself 20 s later. A page the phone shows from its history asks the station for
the list before announcing anything, and a job the phone finished is never announced."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import (
    BUZZ,
    buzzes,
    crew_list_refreshed,
    crew_phone,
    crew_scripts_ready,
    log_in,
    restored_on_the_phone,
    touched,
)
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job

pytestmark = pytest.mark.browser


def test_back_after_restored_announces_nothing(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    WorkOrder.objects.filter(pk=order.pk).update(urgent=True)
    on_site(cast, order)
    phone, page = crew_phone(browser)
    page.add_init_script(BUZZ)
    log_in(page, url, "crew1")
    page.goto(f"{url}/desk/crew/")  # the page Back goes to, with the job on it
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    expect(card).to_have_attribute("data-urgent", "1")
    page.goto(f"{url}/desk/crew/")  # the same page again (as after "Seen" on a notice)
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()  # the phone knows the job

    restored_on_the_phone(page, order.number)

    page.go_back()
    crew_scripts_ready(page)
    assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "back_forward"
    assert banner.is_hidden()  # nothing announced from the copy of before
    touched(page)
    # The copy of before is asked again of the station: the job finished is gone from it.
    expect(page.locator(".job", has_text=order.number)).to_have_count(0, timeout=15000)
    expect(banner).to_be_hidden()
    crew_list_refreshed(page)
    expect(banner).to_be_hidden()
    assert buzzes(page) == []
    phone.close()


def test_the_copy_kept_on_the_phone_does_not_announce_a_job_finished(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    # Without signal the service worker gives the page it kept, drawn before 已复电: the job
    # finished is on it, and is not announced (the phone finished it).
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    WorkOrder.objects.filter(pk=order.pk).update(urgent=True)
    on_site(cast, order)
    phone, page = crew_phone(browser, bypass_csp=True)  # (wait_for_function's own script)
    page.add_init_script(BUZZ)
    log_in(page, url, "crew1")
    page.goto(f"{url}/desk/crew/")
    crew_scripts_ready(page)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    page.reload()  # kept by the worker, with the job on it
    crew_scripts_ready(page)
    touched(page)
    restored_on_the_phone(page, order.number)

    phone.set_offline(True)
    page.goto(f"{url}/desk/crew/")
    crew_scripts_ready(page)
    assert page.locator("#crew-new").is_hidden()
    # The kept copy knows it is one (sw.js marks it) and asks for the list at once: the list
    # kept since (no signal) has the job finished no more.
    expect(page.locator(".job", has_text=order.number)).to_have_count(0)
    touched(page)
    crew_list_refreshed(page)  # (the kept list again: still no signal)
    expect(page.locator("#crew-new")).to_be_hidden()
    assert buzzes(page) == []
    phone.close()
