"""In a real browser on the demo station (five years of history): the chief's home and the
station's reliability page draw their charts, and a figure opens the rows behind it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.demo.builder import DEMO_PASSWORD
from tests.browser.conftest import log_in
from tests.demo_station import load_demo

pytestmark = pytest.mark.browser


def test_the_chief_s_home_and_the_reliability_page_draw_their_charts(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    load_demo(timezone.localdate())
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 1000})
    log_in(page, url, "gl_chief", DEMO_PASSWORD)
    figures = page.locator("[data-slot=chief_figures]")
    expect(figures.get_by_test_id("chief-figures")).to_contain_text("SAIDI")
    expect(figures.locator("canvas")).to_have_count(1)
    expect(page.locator("[data-slot=decisions]")).to_be_visible()
    screenshot(page, "chief-home")  # type: ignore[operator]

    page.get_by_role("link", name="统计", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("统计")  # the figures' index
    page.get_by_test_id("figure-pages").get_by_role("link", name="供电可靠性").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("供电可靠性：光禄供电所")
    expect(page.locator("figure.chart canvas")).to_have_count(7)
    screenshot(page, "reliability", full_page=True)  # type: ignore[operator]

    # The worst device's number opens the outages behind it.
    devices = page.get_by_test_id("chart-worst-devices")
    device = devices.locator("tbody th").first.inner_text()
    devices.locator("tbody td a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("停电记录")
    rows = page.get_by_test_id("outage-record").locator("tbody tr")
    expect(rows.first).to_contain_text(device)


def test_a_share_s_axis_stops_at_100_percent(
    page: Page, live_server: object, transactional_db: None
) -> None:
    load_demo(timezone.localdate())
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "gl_chief", DEMO_PASSWORD)
    page.goto(f"{url}/figures/service/")
    chart = page.get_by_test_id("chart-satisfaction")
    expect(chart.locator("canvas")).to_have_count(1)
    top = chart.locator(".chart-canvas").evaluate(
        "el => echarts.getInstanceByDom(el).getModel().getComponent('yAxis', 0).axis.scale"
        ".getExtent()[1]"
    )
    assert top == 100  # (ECharts' own round number above the best month was 102)
