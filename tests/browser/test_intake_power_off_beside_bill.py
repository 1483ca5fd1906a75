"""Intake in a real browser (walk67, H1 and H2): the power off now told beside a bill question
("现在家里停电了，另外想问下这个月电费怎么这么多") shows the second matter before saving, the one
click saves the billing call with a fault order too; the same caller ringing again with the same
words, the one click adds the call to the open billing order, no second one."""

from __future__ import annotations

import types
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.models import Call, WorkOrder
from tests.browser.conftest import clerk_on_intake
from tests.servicedesk.model_store import store_in
from tests.servicedesk.test_intake_power_off_beside_bill import NOW_BESIDE_BILL
from tests.servicedesk.test_intake_second_matter import NUMBER, BillingClassifier

pytestmark = pytest.mark.browser


@pytest.fixture
def billing(trained_classifier: None) -> Iterator[None]:
    with store_in(None) as billing_store:
        billing_store.publish(BillingClassifier(), reason="billing")  # type: ignore[arg-type]
        yield


def _one_click(page: Page, url: str, *, log_in: bool = True) -> None:
    if log_in:
        clerk_on_intake(page, url)
    else:
        page.goto(f"{url}/desk/intake/")
    page.locator("#id_caller_number").fill(NUMBER)
    page.locator("#id_text").fill(NOW_BESIDE_BILL)
    block = page.get_by_test_id("power-off-too")
    expect(block).to_be_visible()
    block.get_by_test_id("keep-and-fault").click()
    page.wait_for_url(lambda u: "/desk/intake/" not in u or "saved" in u)


def test_the_power_off_beside_a_bill_question_is_kept_and_a_repeat_joins(
    page: Page, live_server: object, cast: types.SimpleNamespace, billing: None
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    _one_click(page, url)
    first = Call.objects.get()
    assert first.category == "billing"
    assert first.work_order is not None and first.fault_order is not None
    assert first.fault_order.category == "fault_repair"
    _one_click(page, url, log_in=False)
    again = Call.objects.latest("pk")
    assert again.pk != first.pk
    assert again.work_order_id == first.work_order_id
    assert WorkOrder.objects.filter(category="billing").count() == 1
    assert WorkOrder.objects.filter(category="fault_repair").count() == 1
