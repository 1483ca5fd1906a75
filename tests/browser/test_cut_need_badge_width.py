"""A cut household with a medical need: the red sentence on its case page and in the case list
wraps inside its card on a phone of 390 px (walk79: the badge never wrapped, the page was 404 px
wide, and at 1366 px it stuck out of its card)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from tests.demo_station import load_demo

pytestmark = pytest.mark.browser


def test_the_cut_need_sentence_wraps_on_a_phone(
    page: Page, live_server: object, transactional_db: None
) -> None:
    from powerdesk.arrears.models import ArrearsCase
    from powerdesk.demo.builder import DEMO_PASSWORD

    load_demo(timezone.localdate())
    case = (
        ArrearsCase.objects.filter(
            station__code="guanglu",
            notice_delivered_at__isnull=False,
            liaison_contacted_at__isnull=False,
            paid_at__isnull=True,
        )
        .exclude(check_result="")
        .order_by("pk")
        .first()
    )
    assert case is not None
    customer = case.customer
    customer.medical_need = True
    customer.save(update_fields=["medical_need"])
    case.disconnected_at = timezone.now()
    case.save()  # blocked_by written again: the customer's flag
    assert case.blocked_by == "care_flag"
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "gl_chief", DEMO_PASSWORD)
    for path, badge in (
        (case.get_absolute_url(), 'p[data-cut="1"] .badge'),
        ("/arrears/", '[data-testid="case-blocked"]'),
    ):
        page.goto(f"{url}{path}")
        expect(page.locator(badge).first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        box = page.locator(badge).first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, (path, box)
