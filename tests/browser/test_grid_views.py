"""In a real browser on the demo station: a fuse is out on the 哔叭 branch and three of its
customers have called. The feeder's single-line diagram and the outage map both show it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Station, User
from powerdesk.customers.models import Customer
from powerdesk.demo.builder import DEMO_PASSWORD
from powerdesk.network.models import GridNode
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Call, Category
from tests.browser.conftest import SLOW_S, log_in
from tests.demo_station import REFERENCE_APPS, load_demo

STORY_FUSE = "哔叭支线02号杆跌落式熔断器"


def _fuse_out_and_three_calls() -> GridNode:
    load_demo(timezone.localdate(), only=REFERENCE_APPS)
    station = Station.objects.get(code="guanglu")
    fuse = GridNode.objects.get(station=station, name=STORY_FUSE)
    outage_declare(
        station=station,
        user=User.objects.get(username="gl_dispatch"),
        device=fuse,
        kind=Outage.Kind.UNPLANNED,
        cause="雷击",
    )
    callers = Customer.objects.filter(transformer_id__in=subtree_ids(fuse)).order_by("pk")[:3]
    now = timezone.now()
    for minutes, customer in zip([25, 18, 9], callers, strict=True):
        Call.objects.create(
            station=station,
            received_at=now - dt.timedelta(minutes=minutes),
            customer=customer,
            category=Category.FAULT_REPAIR,
            text="家里停电了",
        )
    return fuse


def test_the_dispatcher_sees_the_open_fuse_on_the_schematic_and_the_map(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    fuse = _fuse_out_and_three_calls()
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 860})
    log_in(page, url, "gl_dispatch", DEMO_PASSWORD)

    page.get_by_role("link", name="电网").click()
    page.get_by_role("link", name="10kV左门线", exact=True).click()
    page.get_by_role("link", name="单线图").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("单线图")
    diagram = page.get_by_test_id("schematic").locator("svg")
    expect(diagram).to_be_visible()
    opened = diagram.locator(f'[data-code="{fuse.code}"]')
    expect(opened).to_have_attribute("data-state", "open-declared")
    assert diagram.locator('[data-state="dark-declared"][data-kind="transformer"]').count() >= 1
    expect(diagram.locator("[data-callers]").first).to_be_visible()
    expect(page.get_by_test_id("schematic-summary")).to_contain_text("1台设备断开")
    opened.scroll_into_view_if_needed()
    screenshot(page, "schematic")  # type: ignore[operator]

    opened.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(STORY_FUSE)
    expect(page.get_by_test_id("device-outages")).to_contain_text("雷击")

    page.get_by_test_id("device-outages").get_by_role("link", name="停电地图").click()
    expect(page.locator("#outage-map[data-loaded]")).to_have_count(1, timeout=SLOW_S * 1000)
    assert page.locator("path.map-device").count() > 300
    expect(page.locator("path.map-device.state-open-declared")).to_have_count(1)
    assert page.locator("path.map-device.state-dark-declared").count() >= 1
    assert page.locator("path.map-line").count() > 100
    expect(page.locator(".map-calls").first).to_be_visible()
    expect(page.locator("#map-summary")).to_contain_text("已登记停电的断开设备 1 台")
    screenshot(page, "map")  # type: ignore[operator]
