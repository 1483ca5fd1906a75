"""The public outage page on a phone: from the login page, with no login, a villager of 左门
sees the announced work on a branch of 左门, finds their own area and reports no power."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.customers.models import CustomerPhone
from powerdesk.network.selectors import subtree_ids
from powerdesk.outages.models import Outage, Signal
from powerdesk.servicedesk.models import Call
from tests.demo_station import load_demo


def test_a_villager_sees_the_outages_finds_their_area_and_reports_on_a_phone(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    load_demo(timezone.localdate())
    cache.clear()
    url = live_server.url  # type: ignore[attr-defined]
    planned = Outage.objects.get(status=Outage.Status.ANNOUNCED, notice__contains="更换老旧绝缘子")
    phone = (
        CustomerPhone.objects.filter(
            customer__transformer_id__in=subtree_ids(planned.device),
            customer__village__name="左门",
        )
        .select_related("customer")
        .order_by("pk")
        .first()
    )
    assert phone is not None
    customer = phone.customer

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/accounts/login/")
    page.get_by_test_id("public-pages").get_by_role("link", name="光禄供电所").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("停电信息")
    planned_list = page.get_by_test_id("planned")
    expect(planned_list).to_contain_text("左门")
    expect(planned_list).to_contain_text("更换老旧绝缘子")
    # Fits the phone's width: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "public-status", full_page=True)  # type: ignore[operator]

    page.get_by_label("户号").fill(customer.account_number)
    page.get_by_label("手机号码后四位").fill(phone.number[-4:])
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的地区：左门")
    expect(page.get_by_test_id("area-outages")).to_contain_text("更换老旧绝缘子")
    body = page.locator("body").inner_text()
    assert customer.name not in body and customer.account_number not in body
    page.get_by_label("什么问题").select_option("no_power")
    page.get_by_role("button", name="上报").click()
    expect(page.get_by_role("status")).to_contain_text("已收到您的报告")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "public-reported", full_page=True)  # type: ignore[operator]
    call = Call.objects.get(customer=customer)
    assert call.category == "fault_repair" and call.taken_by is None
    assert Signal.objects.filter(customer=customer, type="call").count() == 1
    # Back from the report's answer: the area again (a GET of its own, no "resend the form?"),
    # its address naming neither the account nor the digits; refresh sends nothing either.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的地区：左门")
    assert customer.account_number not in page.url and phone.number[-4:] not in page.url
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("我的地区：左门")
    page.go_forward()
    expect(page.get_by_role("status")).to_contain_text("已收到您的报告")
    assert Call.objects.filter(customer=customer).count() == 1

    # English on request.
    page.get_by_role("link", name="本所全部停电信息").click()
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Power outages")
