"""Browser tests for the villages' side of the work: liaisons, arrears, outreach, training,
counter ratings — on the cast and on the demo station with its demo logins."""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.arrears import disconnection as arrears_disconnection
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import case_open
from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import db_eventually, log_in
from tests.demo_station import REFERENCE_APPS, load_demo


def _demo(*apps: str) -> None:
    load_demo(dt.date.today(), only={*REFERENCE_APPS, *apps})


def test_a_liaison_of_zuomen_sees_zuomen_and_nothing_else(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    from powerdesk.community.models import Village
    from powerdesk.demo.builder import DEMO_PASSWORD

    _demo("outages")
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "zm_liaison", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("左门")
    # The announced work on the 哔叭 branch reaches 左门.
    expect(page.get_by_test_id("village-outages")).to_contain_text("更换老旧绝缘子")
    body = page.locator("body").inner_text()
    others = Village.objects.exclude(name="左门").values_list("name", flat=True)
    assert not [name for name in others if name in body]
    screenshot(page, "liaison-zuomen", full_page=True)  # type: ignore[operator]
    # Staff pages and other villages are closed to a liaison.
    other = Village.objects.get(name="地索")
    for path in ("/villages/", f"/villages/{other.pk}/", "/customers/", "/outreach/"):
        response = page.goto(f"{url}{path}")
        assert response is not None and response.status == 403, path
        expect(page.get_by_role("heading", level=1)).to_have_text("无权查看")
    # A report on a villager's behalf goes into the station's work.
    page.goto(f"{url}/village/")
    page.get_by_role("textbox", name="问题描述").fill("哔叭组电杆被水冲歪了，快倒了")
    # The group is chosen: none is taken by default (walkthrough 23).
    page.locator("select[name=group]").first.select_option(index=1)
    page.get_by_role("button", name="上报").click()
    expect(page.get_by_text("已上报，供电所已收到。")).to_be_visible()
    order = WorkOrder.objects.get()
    assert (order.village.name, order.urgent) == ("左门", True)  # type: ignore[union-attr]


def test_no_disconnection_before_the_notice_period_or_without_the_chief_and_reconnection_on_payment(
    page: Page,
    browser: object,
    live_server: object,
    cast: types.SimpleNamespace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The run may be at night, when a disconnection is refused (its own test): here any hour.
    monkeypatch.setattr(arrears_disconnection, "DISCONNECT_FROM", dt.time(0, 0))
    monkeypatch.setattr(arrears_disconnection, "DISCONNECT_UNTIL", dt.time.max)
    url = live_server.url  # type: ignore[attr-defined]
    case = case_open(
        station=cast.station_a,
        user=cast.clerk,
        customer=cast.customer,
        amount=Decimal("386.50"),
        owed_since=dt.date(2026, 6, 1),
    )
    log_in(page, url, "clerk")
    page.goto(f"{url}{case.get_absolute_url()}")
    page.get_by_label("通知送达方式").select_option("in_person")
    page.get_by_role("button", name="登记通知").click()
    page.get_by_label("村联络员反馈").fill("村主任说他儿子下周回来交")
    page.get_by_role("button", name="记录", exact=True).click()
    page.get_by_label("实地了解的户情").fill("独居老人，有低保，儿子在外打工")
    page.get_by_role("button", name="记录", exact=True).click()
    # The counter clerk cannot approve (only the chief), nor carry it out: neither is offered.
    expect(page.get_by_text("独居老人，有低保，儿子在外打工").first).to_be_visible()
    assert not page.get_by_role("button", name="批准停电（所长）").is_visible()
    assert not page.get_by_role("button", name="执行停电").is_visible()

    page.context.clear_cookies()
    log_in(page, url, "chief")
    page.goto(f"{url}{case.get_absolute_url()}")
    page.get_by_label("仍需停电的理由").fill("多次上门，家属有能力缴费")
    page.get_by_role("button", name="批准停电（所长）").click()
    # Approved, but the week of notice has not passed: not offered, the page says from when.
    expect(page.get_by_text("通知期至").first).to_be_visible()
    assert not page.get_by_role("button", name="执行停电").is_visible()
    case.refresh_from_db()
    assert case.disconnected_at is None

    ArrearsCase.objects.filter(pk=case.pk).update(
        notice_delivered_at=timezone.now() - dt.timedelta(days=8)
    )
    page.reload()
    page.get_by_role("button", name="执行停电").click()
    # (the station's answer waited for: "欠费已缴清" is on the page before it as after it)
    db_eventually(
        lambda: ArrearsCase.objects.filter(pk=case.pk, disconnected_at__isnull=False).exists(),
        "the disconnection carried out",
    )
    case.refresh_from_db()
    assert case.disconnected_at is not None

    page.get_by_role("button", name="欠费已缴清").click()
    db_eventually(
        lambda: ArrearsCase.objects.filter(pk=case.pk, reconnection__isnull=False).exists(),
        "the payment recorded",
    )
    case.refresh_from_db()
    assert case.reconnection is not None
    link = page.get_by_role("link", name=case.reconnection.number)
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("欠费结清复电")
    due = case.reconnection.resolve_due_at - case.paid_at  # type: ignore[operator]
    assert due == dt.timedelta(hours=24)


def test_outreach_training_and_counter_ratings_on_the_demo_station(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    from powerdesk.community.models import Village
    from powerdesk.demo.builder import DEMO_PASSWORD
    from powerdesk.outreach.models import OutreachVisit
    from powerdesk.servicedesk.models import CounterRating

    _demo("outages", "outreach", "training")
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "gl_chief", DEMO_PASSWORD)

    zuomen = Village.objects.get(name="左门")
    page.goto(f"{url}{zuomen.get_absolute_url()}")
    expect(page.get_by_test_id("liaisons")).to_contain_text("李文华")
    expect(page.get_by_test_id("village-reliability")).to_contain_text("RS-1")
    screenshot(page, "village-page", full_page=True)  # type: ignore[operator]

    # Plan a visit to 左门 for tomorrow; it shows on the calendar.
    page.goto(f"{url}/outreach/new/")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page.get_by_label("日期").fill(tomorrow.isoformat())
    page.get_by_label("标题").fill("哔叭组防雷安全用电宣传")
    page.get_by_label("左门", exact=True).check()
    page.get_by_label("哔叭", exact=True).check()
    page.get_by_label("安全用电", exact=True).check()
    page.get_by_role("button", name="保存计划").click()
    expect(page.get_by_test_id("visit-status")).to_have_text("已计划")
    visit = OutreachVisit.objects.get(title="哔叭组防雷安全用电宣传")
    page.goto(f"{url}/outreach/?month={tomorrow:%Y-%m}")
    expect(page.get_by_test_id("calendar")).to_contain_text("左门")
    screenshot(page, "outreach-calendar")  # type: ignore[operator]
    page.goto(f"{url}/outreach/coverage/")
    expect(page.get_by_test_id("card-coverage")).to_contain_text("哔叭")
    assert visit.staff.filter(username="gl_chief").exists()

    page.goto(f"{url}/training/")
    expect(page.get_by_test_id("plan-items")).to_contain_text("触电急救")
    expect(page.get_by_test_id("people-hours")).to_contain_text("李秀英")
    screenshot(page, "training-plan", full_page=True)  # type: ignore[operator]

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1024, "height": 768})
    log_in(page, url, "gl_counter", DEMO_PASSWORD)
    # The clerk turns the tablet into a kiosk: it logs out and shows only the faces.
    page.goto(f"{url}/desk/counter/rate/")
    page.get_by_role("button", name="启用评价器").click()
    expect(page.get_by_test_id("kiosk")).to_be_visible()
    expect(page.get_by_role("link")).to_have_count(0)
    screenshot(page, "counter-rating")  # type: ignore[operator]
    page.get_by_test_id("score-5").click()
    expect(page.get_by_test_id("thanks")).to_be_visible()
    rating = CounterRating.objects.get()
    assert (rating.score, rating.served_by.username) == (5, "gl_counter")  # type: ignore[union-attr]
    log_in(page, url, "gl_chief", DEMO_PASSWORD)
    page.goto(f"{url}/desk/satisfaction/")
    expect(page.get_by_test_id("satisfaction")).to_contain_text("100.0%")
