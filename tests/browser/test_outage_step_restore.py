"""In a real browser on the demo station: planned work is under way at 大坝塘坝3号台区 when the
fuse of 塘坝三支线 above it blows; the dispatcher records that power is back except below the
松树五支线 fuse. The message counts only the households with power, and says those still off
under the planned work apart, as the outage's history does; the caller whose power came back is
asked "电来了吗？", the one still dark is not."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Station, User
from powerdesk.demo.builder import DEMO_PASSWORD
from powerdesk.network.models import GridNode
from powerdesk.notifications.models import SmsQuestion
from powerdesk.outages.joined import customers_below, outage_join_separate_orders
from powerdesk.outages.models import Outage
from powerdesk.outages.restoration import step_words
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from tests.browser.conftest import db_eventually, log_in
from tests.demo_station import REFERENCE_APPS, load_demo


def test_a_step_restore_counts_only_those_with_power_and_asks_only_them(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    load_demo(dt.date.today(), only=REFERENCE_APPS)
    station = Station.objects.get(code="guanglu")
    dispatcher = User.objects.get(username="gl_dispatch")
    top = GridNode.objects.get(station=station, code="DB-B15-F")
    inner = GridNode.objects.get(station=station, code="DB-B36-F")
    planned_on = GridNode.objects.get(station=station, code="DB-B15-T1")
    beside = GridNode.objects.get(station=station, code="DB-B15-T2")
    now = timezone.now()
    Outage.objects.create(
        station=station,
        device=planned_on,
        kind=Outage.Kind.PLANNED,
        status=Outage.Status.ACTIVE,
        starts_at=now - dt.timedelta(hours=1),
        expected_restore_at=now + dt.timedelta(hours=3),
        cause="更换配变",
    )
    callers = [
        customers_below(area).filter(phones__number__startswith="+861").distinct().first()
        for area in (beside, inner)
    ]
    for customer in callers:
        assert customer is not None
        call_take(
            station=station,
            user=User.objects.get(username="gl_counter"),
            caller_number=customer.phones.filter(number__startswith="+861").first().number,  # type: ignore[union-attr]
            customer=customer,
            text="家里停电了",
            category="fault_repair",
            open_order=True,
        )
    outage = outage_declare(
        station=station,
        user=dispatcher,
        device=top,
        kind=Outage.Kind.UNPLANNED,
        starts_at=now - dt.timedelta(minutes=40),
    )
    outage_join_separate_orders(outage=outage, user=dispatcher)
    held = customers_below(planned_on).count()
    dark = customers_below(inner).count()
    back = customers_below(top).count() - held - dark

    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in(page, url, "gl_dispatch", DEMO_PASSWORD)
    page.goto(f"{url}/outages/")
    actions = page.locator(f"#board-outage-{outage.pk} + tr")
    actions.get_by_test_id(f"more-outage-{outage.pk}").locator("summary").first.click()
    part = actions.get_by_test_id(f"restore-part-outage-{outage.pk}")
    part.locator("summary").click()
    part.locator("input[name=still_open]").first.fill(inner.code)
    part.get_by_role("button").first.click()

    step = db_eventually(outage.restore_steps.first, "the step restored")
    assert outage.restore_steps.count() == 1
    assert (step.back, step.held_planned, step.out) == (back, held, dark)
    with translation.override("zh-hans"):
        said = step_words(step)
    expect(page.locator("body")).to_contain_text(said)
    screenshot(page, "outage-step-restore")  # type: ignore[operator]
    actions = page.locator(f"#board-outage-{outage.pk} + tr")
    actions.get_by_text("处理记录").first.click()
    expect(actions).to_contain_text(f"{back} 户复电")
    assert list(SmsQuestion.objects.values_list("customer_id", flat=True)) == [callers[0].pk]  # type: ignore[union-attr]
