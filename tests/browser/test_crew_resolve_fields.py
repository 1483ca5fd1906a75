"""The crew's phone with signal: an order's own job marked resolved without the device where
the fault was is told so at the device field of "mark as resolved", what was typed kept, and is
resolved once it is named."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job

pytestmark = pytest.mark.browser


def test_the_device_is_asked_at_its_field_of_mark_as_resolved(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    on_site(cast, order)
    # The cause recorded without the device (the office's "cause found", an old phone page).
    WorkOrder.objects.filter(pk=order.pk).update(cause="表箱空开烧坏")
    phone, page = crew_phone(browser, url)
    card = page.locator(".job", has_text=order.number)
    form = card.locator('form[data-crew-step="restored"]')
    expect(form).to_be_visible()
    expect(form.locator('input[name="cause"]')).to_have_count(0)  # recorded: not asked again
    form.locator('textarea[name="note"]').fill("换了空开")
    form.locator('input[name="device"]').fill("不存在的设备XYZ")
    form.locator("button").click()
    error = form.locator('[data-field-error="device"]')
    expect(error).to_be_visible(timeout=15000)
    expect(error).to_contain_text("不存在的设备XYZ")
    expect(form.locator('textarea[name="note"]')).to_have_value("换了空开")
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    order.refresh_from_db()
    assert order.status == "on_site"
    form.locator('input[name="device"]').fill(cast.fuse.code)
    form.locator("button").click()
    for _ in range(30):  # the step sent and answered
        order.refresh_from_db()
        if order.status == "resolved":
            break
        page.wait_for_timeout(500)
    assert (order.status, order.device_found_id) == ("resolved", cast.fuse.pk)
    phone.close()
