"""Intake in a real browser, the classifier unsure between fault repair and billing on a note that
tells the power off beside the money (walk64, M4): before saving, the page offers to keep the
billing matter with a fault repair order too, and one click saves both."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.models import Call
from tests.browser.conftest import clerk_on_intake
from tests.servicedesk.test_intake_second_matter import MIXED, NUMBER
from tests.servicedesk.test_intake_second_matter_unsure import UnsureClassifier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("unsure_classifier", [UnsureClassifier], indirect=True),
]


def test_the_errand_is_kept_with_a_fault_order_in_one_click(
    page: Page, live_server: object, cast: types.SimpleNamespace, unsure_classifier: None
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    page.locator("#id_caller_number").fill(NUMBER)
    page.locator("#id_text").fill(MIXED)
    expect(page.get_by_test_id("ask-category")).to_be_visible()
    block = page.get_by_test_id("power-off-too")
    expect(block).to_be_visible()
    block.get_by_test_id("keep-and-fault").click()
    page.wait_for_url(lambda u: "/desk/intake/" not in u or "saved" in u)
    call = Call.objects.get()
    assert call.category == "billing"
    assert call.work_order is not None and call.fault_order is not None
    assert call.fault_order.category == "fault_repair"
