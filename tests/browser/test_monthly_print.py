"""The monthly report on paper (walk71, L1): the downloads (their heading, the words about the
workbook, the two buttons, the note about the PDF) are hidden in print, as the menu and the
month's filter are; on the screen they are there."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_printed_monthly_report_leaves_out_the_downloads(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    log_in(page, url, "chief")
    page.goto(f"{url}/reports/monthly/")
    downloads = page.get_by_test_id("report-download")
    expect(page.get_by_test_id("report-xlsx")).to_be_visible()
    expect(downloads.get_by_role("heading")).to_be_visible()
    page.emulate_media(media="print")
    screenshot(page, "monthly-print", full_page=True)  # type: ignore[operator]
    for hidden in (
        downloads.get_by_role("heading"),
        page.get_by_test_id("report-xlsx"),
        page.get_by_test_id("report-pdf"),
        downloads.locator("p").first,
        downloads.locator("p.muted"),
    ):
        expect(hidden).to_be_hidden()
    # The report itself is printed.
    expect(page.get_by_test_id("report-glance")).to_be_visible()
    context.close()
