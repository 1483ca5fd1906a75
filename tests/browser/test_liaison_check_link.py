"""The board's "checked: power is back" on a liaison's report leads to what would settle it
(walk47, 9): once a partial restore of the wider outage gives power back above it and the inner
outage alone keeps the place dark, the inner outage's own restore form opens, its first field
focused."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Station, User
from powerdesk.community.liaison import liaison_power_back, liaison_villages
from powerdesk.customers.models import Customer
from powerdesk.demo.builder import DEMO_PASSWORD
from powerdesk.network.models import GridNode
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.joined import customers_below
from powerdesk.outages.models import Outage
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.services import outage_declare
from tests.browser.conftest import log_in
from tests.demo_station import REFERENCE_APPS, load_demo


def test_the_link_opens_the_inner_outage_s_restore(
    page: Page, live_server: object, transactional_db: None
) -> None:
    load_demo(dt.date.today(), only=REFERENCE_APPS)
    station = Station.objects.get(code="guanglu")
    dispatcher = User.objects.get(username="gl_dispatch")
    liaison = User.objects.get(username="zm_liaison")
    village = liaison_villages(liaison, station).first()
    customer = Customer.objects.filter(
        village=village, group__isnull=False, transformer__isnull=False
    ).first()
    assert village is not None and customer is not None
    area, group = customer.transformer, customer.group
    assert area is not None
    # The wider outage: the nearest device above with two other transformer areas with
    # households below it (one left open at the step, one given power back).
    wider, others = area.parent, []
    while wider is not None:
        others = [
            node
            for node in GridNode.objects.filter(pk__in=subtree_ids(wider), kind=area.kind)
            .exclude(pk=area.pk)
            .order_by("pk")
            if customers_below(node).exists()
        ]
        if len(others) >= 2:
            break
        wider = wider.parent
    assert wider is not None
    beside = others[0]
    start = timezone.now() - dt.timedelta(minutes=30)
    above, inner = (
        outage_declare(
            station=station,
            user=dispatcher,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            starts_at=start,
        )
        for device in (wider, area)
    )
    report = liaison_power_back(
        user=liaison,
        village=village,
        outage=inner,
        group=group,
        above_checked=True,
    )
    outage_restore_part(outage=above, user=dispatcher, still_open=[beside])

    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in(page, url, "gl_dispatch", DEMO_PASSWORD)
    page.goto(f"{url}/outages/")
    row = page.locator(f"#board-outage-{inner.pk}")
    row.get_by_test_id(f"liaison-back-{report.pk}").click()
    restore = page.get_by_test_id(f"restore-outage-{inner.pk}")
    expect(restore).to_have_attribute("open", "")
    expect(restore.locator("select").first).to_be_focused()
