"""A storm at intake in a real browser (walk38, 9): under the engine's prediction a clerk
saves call after call with Ctrl+Enter, each saved (its order joins the outage once it is
recorded) and nobody texted; recording the outage is its own button, which says how many
households it texts, and records it with the call."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.notifications.models import Notice
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.browser.conftest import clerk_on_intake
from tests.outage_cast import predicted_below_the_fuse

pytestmark = pytest.mark.browser

# Three households below the fuse (``predicted_below_the_fuse``), each ringing in the storm.
CALLERS = (
    ("0878-1234567", "打雷以后家里停电了"),
    ("13900002222", "我家也停电了，整个组都黑了"),
    ("13812345678", "还是没电，刚才打过电话"),
)


def test_storm_calls_saved_with_ctrl_enter_each_saved_and_nobody_texted(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    predicted_below_the_fuse(cast)  # type: ignore[arg-type]
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    for n, (number, note) in enumerate(CALLERS, start=1):
        page.goto(f"{url}/desk/intake/")
        page.locator("#id_caller_number").fill(number)
        page.locator("#id_text").fill(note)
        # The prediction is chosen to save the call under, the record button beside "Save".
        expect(page.get_by_test_id("keep-predicted")).to_be_checked()
        expect(page.get_by_test_id("record-predicted-button")).to_be_visible()
        page.locator("#id_text").press("Control+Enter")
        expect(page.locator(".messages")).to_be_visible()
        assert Call.objects.count() == n, f"call {n} not saved"
    screenshot(page, "intake-storm-saved")  # type: ignore[operator]
    assert not Outage.objects.exists()
    assert not Notice.objects.exists()  # nobody texted
    # Every call has its order (the third caller rang again: the same order, a repeat call).
    assert not Call.objects.filter(work_order=None).exists()
    orders = set(WorkOrder.objects.values_list("pk", flat=True))

    # The next caller: the clerk records the outage with the button that says so.
    page.goto(f"{url}/desk/intake/")
    page.locator("#id_caller_number").fill("0878-1234567")
    page.locator("#id_text").fill("停电好久了")
    button = page.get_by_test_id("record-predicted-button")
    expect(button).to_contain_text("2")  # the households below the fuse with a mobile
    button.click()
    expect(page.locator(".messages")).to_be_visible()
    outage = Outage.objects.get()
    assert Call.objects.count() == len(CALLERS) + 1
    assert orders <= set(outage.link.work_orders.values_list("pk", flat=True))
