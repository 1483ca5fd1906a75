"""A report from a liaison's page or the public page is stored once when the reporter goes Back
to the page after reporting and presses Report again (the browser restores what was typed, never
the public page's hidden token, and that page has no script): the public page's villager is told
it was received already, also when the same words were typed again with other punctuation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from powerdesk.customers.models import CustomerPhone
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.browser.conftest import log_in
from tests.demo_station import REFERENCE_APPS, load_demo

pytestmark = pytest.mark.browser


def test_a_liaison_back_then_report_stores_the_report_once(
    page: Page, live_server: object, transactional_db: None
) -> None:
    from powerdesk.demo.builder import DEMO_PASSWORD

    load_demo(dt.date.today(), only={*REFERENCE_APPS})
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "zm_liaison", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("左门")
    calls, orders = Call.objects.count(), WorkOrder.objects.count()
    words = "有根电杆被洪水冲歪了，电线快碰到地了"
    form = page.locator("form", has=page.locator("textarea[name=text]"))
    form.locator("textarea[name=text]").fill(words)
    # The group is chosen: none is taken by default (walkthrough 23).
    form.locator("select[name=group]").select_option(index=1)
    form.get_by_role("button", name="上报").click()
    expect(page.get_by_test_id("my-reports")).to_contain_text(words)
    assert Call.objects.count() == calls + 1
    assert WorkOrder.objects.count() == orders + 1
    page.go_back()
    form = page.locator("form", has=page.locator("textarea[name=text]"))
    expect(form.locator("textarea[name=text]")).to_have_value(words)
    form.get_by_role("button", name="上报").click()
    expect(page.get_by_test_id("my-reports")).to_contain_text(words)
    assert Call.objects.count() == calls + 1
    assert WorkOrder.objects.count() == orders + 1


def test_a_villager_back_then_report_on_the_public_page_stores_one_call(
    page: Page, live_server: object, transactional_db: None
) -> None:
    load_demo(dt.date.today(), only={*REFERENCE_APPS})
    cache.clear()
    url = live_server.url  # type: ignore[attr-defined]
    phone = (
        CustomerPhone.objects.filter(customer__village__name="左门")
        .select_related("customer", "customer__station")
        .order_by("pk")
        .first()
    )
    assert phone is not None
    customer = phone.customer
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/status/{customer.station.code}/")
    page.get_by_label("户号").fill(customer.account_number)
    page.get_by_label("手机号码后四位").fill(phone.number[-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的地区：左门")
    page.get_by_label("什么问题").select_option("other")
    page.get_by_label("补充说明（可不填）").fill("我家电表箱门坏了，关不上")
    page.get_by_role("button", name="上报").click()
    expect(page.get_by_role("status")).to_contain_text("已收到您的报告")
    assert Call.objects.filter(customer=customer).count() == 1
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的地区：左门")
    expect(page.get_by_label("补充说明（可不填）")).to_have_value("我家电表箱门坏了，关不上")
    page.get_by_role("button", name="上报").click()
    expect(page.get_by_test_id("report-again")).to_be_visible()
    assert Call.objects.filter(customer=customer).count() == 1
    # Back again, the same words typed anew as a villager would, with a full stop and a space.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的地区：左门")
    page.get_by_label("什么问题").select_option("other")
    page.get_by_label("补充说明（可不填）").fill("我家电表箱门坏了， 关不上。")
    page.get_by_role("button", name="上报").click()
    expect(page.get_by_test_id("report-again")).to_be_visible()
    assert Call.objects.filter(customer=customer).count() == 1
