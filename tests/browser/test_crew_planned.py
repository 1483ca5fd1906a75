"""Planned work on the crew's phone (390×844): the card says where, when and whom it leaves
without power, with no patrol list, and the crew's "done" records the work and power back."""

from __future__ import annotations

import datetime as dt
import types

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import SLOW_S, crew_phone, step_answered
from tests.servicedesk.crew_cast import add_crews

pytestmark = pytest.mark.browser


def test_the_crew_works_a_planned_outage_from_its_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    add_crews(cast)
    now = timezone.now()
    # Announced a week ago; its window began an hour ago (the power is off now).
    outage = Outage.objects.create(
        station=cast.station_a,
        device=cast.fuse,
        kind=Outage.Kind.PLANNED,
        status=Outage.Status.ACTIVE,
        starts_at=now - dt.timedelta(hours=1),
        expected_restore_at=now + dt.timedelta(hours=3),
        cause="更换绝缘子",
        customers=1,
    )
    outage_dispatch(outage=outage, crew=cast.crew, user=cast.chief)
    order = WorkOrder.objects.get(outage_links__outage=outage)

    phone, page = crew_phone(browser, live_server.url)  # type: ignore[attr-defined]
    card = page.locator(".job", has_text=order.number)
    box = card.get_by_test_id("job-planned")
    expect(box).to_contain_text("计划检修")
    expect(box).to_contain_text("不需巡线")
    expect(box).to_contain_text("左门 1")
    expect(card.get_by_test_id("job-patrol-ranked")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Each step's own answer ("所里已收到" alone may still be the one before's).
    for button, taken in (("出发", "已出发"), ("到达", "已到达")):
        card.get_by_role("button", name=button).click()
        step_answered(card, taken)
    card.get_by_label("处理情况").fill("换了三片绝缘子")
    card.get_by_role("button", name="作业完成，已复电").click()
    # Sent and taken: the job leaves the list and the page says what was sent.
    done = page.get_by_test_id("crew-done")
    expect(done).to_contain_text(f"已发送：任务 {order.number}", timeout=SLOW_S * 1000)
    expect(done).to_contain_text("作业完成")
    expect(card).to_have_count(0, timeout=SLOW_S * 1000)  # at the list's refresh
    screenshot(page, "crew-planned-done")  # type: ignore[operator]
    outage.refresh_from_db()
    order.refresh_from_db()
    assert (outage.status, order.status) == ("restored", "resolved")
    phone.close()
