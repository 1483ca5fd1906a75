"""The crew's phone, an order's own job (walkthrough 34, 3): the cause's form has the device the
card shows filled in and the time power is expected back the crew gave on arriving; a fault
inside the customer's house is ticked as such, which sets the device aside, and the job is
resolved with no grid device."""

from __future__ import annotations

import datetime as dt
import time
import types

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from tests.browser.conftest import crew_phone, crew_scripts_ready
from tests.servicedesk.crew_cast import add_crews, plain_job

pytestmark = pytest.mark.browser


def arrival_stored(order: WorkOrder) -> None:
    """Wait (at most 15 s) until the station has the time power is expected back."""
    deadline = time.monotonic() + 15
    while not WorkOrderEvent.objects.filter(work_order=order, note_code="expected_back").exists():
        assert time.monotonic() < deadline, "the arrival never reached the station"
        time.sleep(0.2)


def test_inside_the_house_the_crew_records_the_cause_with_no_device_and_resolves_it(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    phone, page = crew_phone(browser, url, bypass_csp=True)  # crew_scripts_ready's own script
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    card.locator('form[data-crew-step="on_the_way"] button').click()
    arrive = card.locator('form[data-crew-step="on_site"]')
    expect(arrive).to_be_visible(timeout=15000)
    # "On the way" answered before the arrival is tapped: its late answer must not be taken
    # for the arrival's below.
    expect(card.locator("[data-saved]")).to_contain_text("所里已收到", timeout=15000)
    back = timezone.localtime(timezone.now() + dt.timedelta(hours=2))
    arrive.locator('input[name="expected_back"]').fill(f"{back:%Y-%m-%dT%H:%M}")
    arrive.locator("button").click()
    form = card.locator('form[data-crew-step="cause_found"]')
    expect(form).to_be_visible(timeout=15000)
    # The arrival is the station's: the card drawn again has what the crew gave.
    # (Said once the station answered: "not sending" held before the step had even left.)
    expect(card.locator("[data-saved]")).to_contain_text("所里已收到", timeout=15000)
    arrival_stored(order)
    page.reload()
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    form = card.locator('form[data-crew-step="cause_found"]')
    expect(form.locator('input[name="device"]')).to_have_value(cast.fuse.code)
    expect(form.locator('input[name="expected_back"]')).to_have_value(f"{back:%Y-%m-%dT%H:%M}")
    form.locator('input[name="cause"]').fill("户内空开损坏")
    form.locator('input[name="in_house"]').check()
    expect(form.locator('input[name="device"]')).to_be_disabled()
    screenshot(page, "crew-cause-in-house")  # type: ignore[operator]
    form.locator("button").click()
    done = card.locator('form[data-crew-step="restored"]')
    expect(done).to_be_visible(timeout=15000)
    done.locator('textarea[name="note"]').fill("更换户内空开，已恢复供电")
    done.locator("button").click()
    expect(page.locator(".job", has_text=order.number)).to_have_count(0, timeout=15000)
    order.refresh_from_db()
    assert (order.status, order.cause, order.device_found) == ("resolved", "户内空开损坏", None)
    phone.close()
