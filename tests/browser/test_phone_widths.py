"""Pages that a phone of 390 px showed wider than itself (walkthrough 33, item 6): the callbacks'
text box spilled past its card, the monthly report's reliability table past the page. Fields keep
inside their row; tables scroll in their own box."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from tests.demo_station import load_demo

pytestmark = pytest.mark.browser


def test_callbacks_and_the_monthly_report_fit_a_phone(
    page: Page, live_server: object, transactional_db: None
) -> None:
    from powerdesk.demo.builder import DEMO_PASSWORD

    load_demo(timezone.localdate())
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "gl_chief", DEMO_PASSWORD)
    for path, shown in (("/desk/callbacks/", "textarea"), ("/reports/monthly/", "table")):
        page.goto(f"{url}{path}")
        expect(page.locator(shown).first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        if path == "/desk/callbacks/":
            # Each order's number on one line (walk41, 11: "2026- / 02457" beside its title).
            lines = page.locator('section[id^="callback-"] h2 > a:first-child').evaluate_all(
                """links => links.map(a => {
                    const range = document.createRange();
                    range.selectNodeContents(a);
                    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    return [a.textContent, tops.size];
                })"""
            )
            assert lines, "no callback shown"
            assert all(n == 1 for _number, n in lines), lines
