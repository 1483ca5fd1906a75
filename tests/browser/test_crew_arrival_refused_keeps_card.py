"""A crew's arrival refused for a time power is back already past (walkthrough 35, 14): the
card stays as it was before the tap, its time to arrive by still shown and "the station has it"
of the step before still said, with the refusal at its field."""

from __future__ import annotations

import datetime as dt
import types

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from tests.browser.conftest import crew_phone, step_answered
from tests.servicedesk.crew_cast import add_crews, plain_job

pytestmark = pytest.mark.browser


def test_a_refused_arrival_keeps_the_time_to_arrive_by_and_the_last_answer(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    phone, page = crew_phone(browser, url)
    card = page.locator(".job", has_text=order.number)
    card.locator('form[data-crew-step="on_the_way"] button').click()
    step_answered(card, "已出发")
    deadline = card.locator("[data-arrive-by]")
    expect(deadline).to_be_visible()
    form = card.locator('form[data-crew-step="on_site"]')
    past = timezone.localtime(timezone.now() - dt.timedelta(minutes=10))
    form.locator('input[name="expected_back"]').fill(f"{past:%Y-%m-%dT%H:%M}")
    form.locator("button").click()
    error = form.locator('[data-field-error="expected_back"]')
    expect(error).to_be_visible(timeout=15000)
    expect(form).to_be_visible()
    expect(deadline).to_be_visible()
    expect(card.locator("[data-saved]")).to_contain_text("所里已收到")
    expect(card.locator("[data-saved]")).not_to_contain_text("正在发送")
    screenshot(page, "crew-arrival-refused")  # type: ignore[operator]
    order.refresh_from_db()
    assert (order.status, order.arrived_at) == ("on_the_way", None)
    phone.close()
