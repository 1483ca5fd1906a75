"""The crew's phone with signal: the box "It is this device" waits hidden until the station
refused the device; any field the station refuses (a device unknown, a time already past) is
said at that field with what was typed kept, and the card no longer says "sending"."""

from __future__ import annotations

import datetime as dt
import re
import types

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews, on_site, outage_job, plain_job

pytestmark = pytest.mark.browser


def _phone(browser: Browser, url: str, order: WorkOrder) -> tuple[BrowserContext, Page, Locator]:
    phone, page = crew_phone(browser, url)
    return phone, page, page.locator(".job", has_text=order.number)


def test_an_unknown_device_is_said_at_its_field_and_the_box_waits_for_a_refusal(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    on_site(cast, order)
    phone, page, card = _phone(browser, url, order)
    form = card.locator('form[data-crew-step="cause_found"]')
    expect(form).to_be_visible()
    # Nothing refused yet: no box to skip the check with.
    expect(form.locator('[data-confirm="other_device"]')).to_be_hidden()
    form.locator('input[name="cause"]').fill("表箱内空开接触不良")
    form.locator('input[name="device"]').fill("不存在的设备XYZ")
    form.locator("button").click()
    error = form.locator('[data-field-error="device"]')
    expect(error).to_be_visible(timeout=15000)
    expect(error).to_contain_text("本所没有编号或名称为“不存在的设备XYZ”的设备")
    expect(form.locator('input[name="cause"]')).to_have_value("表箱内空开接触不良")
    expect(form.locator('input[name="device"]')).to_have_value("不存在的设备XYZ")
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    expect(card.locator("[data-saved]")).not_to_contain_text("正在发送")
    # An unknown device is no device off the line: still no box to tick.
    expect(form.locator('[data-confirm="other_device"]')).to_be_hidden()
    screenshot(page, "crew-device-unknown")  # type: ignore[operator]
    order.refresh_from_db()
    assert order.cause == ""
    phone.close()


def test_power_back_at_a_time_past_is_said_at_its_field_with_the_cause_kept(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, order = outage_job(cast)
    on_site(cast, order)
    phone, page, card = _phone(browser, url, order)
    form = card.locator('form[data-crew-step="cause_found"]')
    form.locator('select[name="cause"]').select_option("lightning")
    form.locator('input[name="note"]').fill("02号杆绝缘子雷击击穿")
    past = timezone.localtime(timezone.now() - dt.timedelta(minutes=10))
    form.locator('input[name="expected_back"]').fill(f"{past:%Y-%m-%dT%H:%M}")
    form.locator("button").click()
    error = form.locator('[data-field-error="expected_back"]')
    expect(error).to_be_visible(timeout=15000)
    # The latest day allowed, a week on: on the station's clock when it answered (a midnight
    # may have passed since).
    week_on = [
        f"{timezone.localtime() + dt.timedelta(days=7, minutes=m):%Y-%m-%d}" for m in (-1, 0)
    ]
    expect(error).to_contain_text(re.compile("|".join(week_on)))
    expect(form.locator('select[name="cause"]')).to_have_value("lightning")
    expect(form.locator('input[name="note"]')).to_have_value("02号杆绝缘子雷击击穿")
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    expect(card.locator("[data-saved]")).not_to_contain_text("正在发送")
    outage.refresh_from_db()
    assert outage.cause_kind == ""
    phone.close()


def test_a_cause_not_on_the_list_is_said_at_the_cause_with_what_was_typed_kept(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    """A cause the station does not know (a phone's page older than the station's list) is
    said at the cause's list, like the other fields' refusals, not in the box above the list;
    the note stays in the form."""
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    _outage, order = outage_job(cast)
    on_site(cast, order)
    phone, page, card = _phone(browser, url, order)
    form = card.locator('form[data-crew-step="cause_found"]')
    cause = form.locator('select[name="cause"]')
    cause.evaluate(
        "select => select.add(new Option('陨石', 'meteor'))"  # a cause the station no longer has
    )
    cause.select_option("meteor")
    form.locator('input[name="note"]').fill("02号杆横担烧黑")
    form.locator("button").click()
    error = form.locator('[data-field-error="cause"]')
    expect(error).to_be_visible(timeout=15000)
    expect(error).to_contain_text("请从列表中选择故障原因")
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    expect(form.locator('input[name="note"]')).to_have_value("02号杆横担烧黑")
    expect(card.locator("[data-saved]")).not_to_contain_text("正在发送")
    expect(form).to_be_visible()
    # Chosen from the list now, it is taken.
    cause.select_option("lightning")
    form.locator("button").click()
    expect(card.locator("[data-saved]")).to_contain_text("所里已收到", timeout=15000)
    phone.close()
