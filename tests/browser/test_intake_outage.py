"""Intake under an open outage in a real browser: the join is offered as the number is typed and
chosen once the note says the power is off (a bill or a danger is never preselected to join
it), and saving as it is joins the outage's one order; "a new matter" is one click away."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.outages.models import OutageLink
from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import clerk_on_intake
from tests.outage_cast import fault_declare

pytestmark = pytest.mark.browser


def test_a_caller_under_an_outage_joins_it_unless_the_clerk_says_a_new_matter(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    outage = fault_declare(cast, cast.fuse, began=30)
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    # The number typed: the panel comes with the outage's join offered and the line to read
    # out; nothing that depends on the category is chosen before there is one.
    page.locator("#id_caller_number").fill("0878-1234567")
    join = page.get_by_test_id("join-outage")
    expect(join).not_to_be_checked()
    expect(page.get_by_test_id("tell-caller")).to_be_visible()
    expect(page.locator('input[name=action][value=""]')).to_be_checked()
    # A bill question: not joined. Then the note says the power is off: the join is chosen.
    page.locator("#id_category").select_option("billing")
    expect(page.get_by_test_id("join-outage")).to_have_count(0)
    page.locator("#id_category").select_option("")
    page.locator("#id_text").fill("我家停电了")
    expect(page.get_by_test_id("join-outage")).to_be_checked()
    screenshot(page, "intake-outage")  # type: ignore[operator]
    page.keyboard.press("Control+Enter")
    expect(page.locator(".messages")).to_contain_text("来电已并入")
    order = OutageLink.objects.get(outage=outage).order
    assert order is not None

    # The next caller, a new matter: one click.
    page.goto(f"{url}/desk/intake/")
    page.locator("#id_caller_number").fill("13812345678")
    expect(page.locator("label", has=page.get_by_test_id("join-outage"))).to_contain_text(
        order.number
    )
    page.get_by_test_id("new-matter").check()
    page.locator("#id_text").fill("我家停电了，是自己家的闸跳了")
    page.locator("#suggestion [data-then-category]").wait_for(state="attached")
    expect(page.get_by_test_id("new-matter")).to_be_checked()  # the clerk's choice is kept
    page.keyboard.press("Control+Enter")
    expect(page.locator(".messages")).to_contain_text("来电已登记，工单")
    assert WorkOrder.objects.filter(category="fault_repair").count() == 2
    assert order.calls.count() == 1
