"""In a real browser on the demo station: two fuses are out; the one with the 哔叭 drinking-water
pump station comes first, with its reasons; the chief puts the other first, saying why; the
dispatcher sends the suggested crew with one tap."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer, CustomerType
from powerdesk.demo.builder import DEMO_PASSWORD
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.models import Outage, OutageLink, PriorityOrder
from tests.browser.conftest import db_eventually, log_in
from tests.demo_station import REFERENCE_APPS, load_demo


def test_the_board_ranks_the_pump_first_the_chief_reorders_and_one_tap_sends_a_crew(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    load_demo(timezone.localdate(), only=REFERENCE_APPS)
    station = Station.objects.get(code="guanglu")
    pump = Customer.objects.get(
        station=station, customer_type=CustomerType.WATER_PUMP, name__startswith="左门哔叭"
    )
    fuses = GridNode.objects.filter(station=station, kind=NodeKind.FUSE).order_by("code")
    pump_fuse = next(f for f in fuses if pump.transformer_id in subtree_ids(f))
    # Another fuse with no clinic, pump, school or important customer below it.
    special = set(
        Customer.objects.filter(station=station)
        .exclude(customer_type=CustomerType.HOUSEHOLD)
        .values_list("transformer_id", flat=True)
    )
    other_fuse = next(
        f for f in fuses if f != pump_fuse and subtree_ids(f) and not special & set(subtree_ids(f))
    )
    started = timezone.now() - dt.timedelta(hours=2)
    other = Outage.objects.create(
        station=station, device=other_fuse, kind="unplanned", status="active", starts_at=started
    )
    first = Outage.objects.create(
        station=station, device=pump_fuse, kind="unplanned", status="active", starts_at=started
    )

    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1400, "height": 900})
    log_in(page, url, "gl_chief", DEMO_PASSWORD)
    page.goto(f"{url}/outages/")
    rows = page.locator("[data-testid=board] > tbody > tr[id^=board-]")
    expect(rows.first).to_have_id(f"board-outage-{first.pk}")
    expect(page.get_by_test_id(f"priority-outage-{first.pk}")).to_contain_text("抢修第 1 位")
    expect(page.get_by_test_id(f"priority-outage-{first.pk}")).to_contain_text("饮水泵站 1")
    expect(page.get_by_test_id(f"crew-suggestion-outage-{first.pk}")).to_contain_text("分钟")
    screenshot(page, "outage-priority", full_page=True)  # type: ignore[operator]

    reorder = page.get_by_test_id(f"reorder-outage-{other.pk}")
    reorder.locator("summary").click()
    reorder.get_by_label("看板位次").fill("1")
    reorder.get_by_label("原因").fill("泵站有备用电源，先恢复这条线上的养殖场")
    reorder.get_by_role("button", name="记录顺序").click()
    expect(page.locator(".messages")).to_contain_text("已排在看板第 1 位")
    expect(rows.first).to_have_id(f"board-outage-{other.pk}")
    expect(page.get_by_test_id(f"chief-order-outage-{other.pk}")).to_contain_text(
        "杨所长 排在第 1 位"
    )
    assert PriorityOrder.objects.get().reason == "泵站有备用电源，先恢复这条线上的养殖场"

    page.get_by_role("button", name="退出").click()
    log_in(page, url, "gl_dispatch", DEMO_PASSWORD)
    page.goto(f"{url}/outages/")
    suggestion = page.get_by_test_id(f"crew-suggestion-outage-{first.pk}")
    name = suggestion.get_by_test_id(f"dispatch-suggested-outage-{first.pk}").inner_text()
    suggestion.get_by_test_id(f"dispatch-suggested-outage-{first.pk}").click()
    db_eventually(
        lambda: OutageLink.objects.filter(outage=first, crew__isnull=False).exists(),
        "the suggested crew dispatched",
    )
    crew = OutageLink.objects.get(outage=first).crew
    assert crew is not None and name == f"派 {crew.name}"
    expect(page.locator(f"#board-outage-{first.pk}")).to_contain_text(crew.name)
