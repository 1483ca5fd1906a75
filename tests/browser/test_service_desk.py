"""The service desk's journey in a real browser: a call, an order, the crew's phone, the callback."""

from __future__ import annotations

import types

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.models import WorkOrder, WorkOrderStatus
from tests.base import make_user
from tests.browser.conftest import (
    SLOW_S,
    clerk_on_intake,
    crew_phone,
    crew_scripts_ready,
    db_eventually,
    log_in,
)
from tests.demo_station import REFERENCE_APPS, load_demo

pytestmark = pytest.mark.browser


def test_a_known_caller_s_call_becomes_an_order_with_one_keystroke_beyond_the_note(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "clerk")
    # The telephone system opens the intake with the number (the CTI webhook's answer).
    page.goto(f"{url}/desk/intake/?number=0878-1234567")
    expect(page.get_by_test_id("caller")).to_contain_text("普光荣")
    expect(page.locator("#id_text")).to_be_focused()
    page.keyboard.type("家里停电了，整个组都没电")
    expect(page.locator(".suggestion")).to_contain_text("故障报修")
    screenshot(page, "intake")  # type: ignore[operator]
    page.keyboard.press("Control+Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("家里停电了")
    order = WorkOrder.objects.get()
    assert order.customer == cast.customer
    assert order.category == "fault_repair"


def test_a_note_naming_a_danger_ticks_the_urgent_box_as_it_is_typed(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    box = page.locator("#id_urgent")
    expect(box).not_to_be_checked()
    page.locator("#id_text").fill("门口电线掉下来了，还在打火")
    expect(page.get_by_test_id("urgent-because")).to_be_visible()
    expect(box).to_be_checked()  # what the clerk sees is what is saved
    # A danger to life stays urgent: the box cannot be cleared, and the page says why.
    expect(page.get_by_test_id("urgent-by-rule")).to_be_visible()
    expect(box).to_have_attribute("aria-disabled", "true")
    box.click(force=True)  # a click anyway leaves it ticked
    expect(box).to_be_checked()
    # The advice read to the caller is for the dangers named, each once.
    advice = page.get_by_test_id("safety-script")
    expect(advice.locator("[data-danger]")).to_have_count(2)
    expect(advice.locator('[data-danger="arcing or sparks"]')).to_be_visible()
    # It asks for the place: the field it names is in view, its section opened.
    expect(page.locator("#id_place")).to_be_visible()


def test_the_urgent_box_follows_the_suggestion_and_the_clerk_within_the_rules(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    box = page.locator("#id_urgent")
    note = page.locator("#id_text")
    note.fill("变压器冒烟了")
    expect(box).to_be_checked()
    expect(page.locator('[data-danger="smoke"]')).to_be_visible()
    # The caller takes it back: the suggestion turns calm, and the box follows it.
    note.fill("变压器没有冒烟，就是家里没电了")
    expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "calm")
    expect(box).not_to_be_checked()
    expect(page.get_by_test_id("safety-script")).to_have_count(0)
    # The clerk may tick a calm call, and typing on keeps the tick.
    box.check()
    note.fill("变压器没有冒烟，就是家里没电了，整个组都没电")
    expect(page.locator(".suggestion")).to_contain_text("故障报修")
    expect(box).to_be_checked()
    box.uncheck()
    # A hazard call is urgent: choosing the category ticks the box and says so.
    page.locator("#id_category").select_option("hazard")
    expect(box).to_be_checked()
    expect(page.get_by_test_id("urgent-hazard")).to_be_visible()
    box.click(force=True)
    expect(box).to_be_checked()
    page.locator("#id_category").select_option("fault_repair")
    expect(page.get_by_test_id("urgent-hazard")).to_be_hidden()
    box.uncheck()
    page.keyboard.press("Control+Enter")
    # No number and no place: the clerk is asked where, once; saved again as it is, it is taken.
    expect(page.get_by_test_id("place-asked")).to_be_visible()
    page.locator("#intake-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("变压器")
    order = WorkOrder.objects.get()
    assert (order.category, order.urgent) == ("fault_repair", False)


def test_from_call_to_callback_across_desk_crew_phone_and_callback(
    page: Page,
    browser: Browser,
    live_server: object,
    cast: types.SimpleNamespace,
    screenshot: object,
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    crew_member = make_user("crew1", cast.station_a, Role.CREW, full_name="王德忠")
    cast.crew.members.add(crew_member)

    log_in(page, url, "clerk")
    page.get_by_role("navigation").get_by_role("link", name="来电受理").click()
    page.get_by_label("来电号码").fill("+86 878 123 4567")
    expect(page.get_by_test_id("caller")).to_contain_text("普光荣")
    page.get_by_label("来电内容").fill("哔叭支线那边全部停电，打雷以后就没电了")
    page.get_by_role("button", name="保存来电").click()
    expect(page.get_by_role("heading", name="已受理")).to_be_visible()

    page.locator("#actions select[name=crew]").select_option(label="抢修一班")
    page.get_by_role("button", name="派工", exact=True).click()
    expect(page.get_by_role("heading", name="已派工")).to_be_visible()

    phone, crew_page = crew_phone(browser, url)
    crew_page.goto(f"{url}/desk/crew/")
    crew_scripts_ready(crew_page)  # tapped before, the steps are plain form posts
    crew_page.get_by_role("button", name="接单").click()
    crew_page.get_by_role("button", name="出发").click()
    crew_page.get_by_role("button", name="已到达").click()
    crew_page.get_by_label("查明原因").fill("跌落式熔断器底座被雷击穿")
    # Asked once on the card: the resolve form does not ask it again (walkthrough 35, 1).
    crew_page.get_by_label("设备（编号或名称）").fill("ZM-B01-F")
    screenshot(crew_page, "crew-phone")  # type: ignore[operator]
    crew_page.get_by_role("button", name="登记原因").click()
    crew_page.get_by_role("button", name="处理完毕").click()
    expect(crew_page.get_by_text("班组目前没有任务。")).to_be_visible(timeout=SLOW_S * 1000)
    phone.close()

    order = WorkOrder.objects.get()
    assert order.status == WorkOrderStatus.RESOLVED
    assert order.device_found == cast.fuse

    page.goto(f"{url}/desk/callbacks/")
    card = page.locator("section.card", has_text=order.number)
    card.get_by_label("结果").select_option("reached")
    card.get_by_label("满意度").select_option("5")
    card.get_by_role("button", name="记录").click()
    expect(page.get_by_text("没有待回访工单。")).to_be_visible()
    order.refresh_from_db()
    assert order.status == WorkOrderStatus.CALLBACK_DONE
    page.goto(f"{url}{order.get_absolute_url()}")
    expect(page.locator("#history")).to_contain_text("跌落式熔断器底座被雷击穿")


def test_the_journey_on_the_demo_station_with_the_demo_logins(
    page: Page, browser: Browser, live_server: object, transactional_db: None
) -> None:
    from powerdesk.customers.models import Customer
    from powerdesk.demo.builder import DEMO_PASSWORD

    load_demo(timezone.localdate(), only=REFERENCE_APPS)
    url = live_server.url  # type: ignore[attr-defined]
    customer = (
        Customer.objects.filter(station__code="guanglu", group__name="哔叭", phones__isnull=False)
        .order_by("account_number")
        .first()
    )
    assert customer is not None
    number = customer.phones.first().display  # type: ignore[union-attr]

    log_in(page, url, "gl_counter", DEMO_PASSWORD)
    page.goto(f"{url}/desk/intake/?number={number}")
    expect(page.get_by_test_id("caller")).to_contain_text(customer.name)
    page.keyboard.type("打雷以后整个组都停电了")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_role("heading", name="已受理")).to_be_visible()
    page.locator("#actions select[name=crew]").select_option(label="抢修一班")
    page.get_by_role("button", name="派工", exact=True).click()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    crew_page = phone.new_page()
    log_in(crew_page, url, "gl_crew1", DEMO_PASSWORD)
    crew_page.goto(f"{url}/desk/crew/")
    crew_scripts_ready(crew_page)  # tapped before, the steps are plain form posts
    crew_page.get_by_role("button", name="出发").click()
    crew_page.get_by_role("button", name="已到达").click()
    crew_page.get_by_label("查明原因").fill("哔叭支线02号杆跌落式熔断器底座被雷击穿")
    crew_page.get_by_label("设备（编号或名称）").fill("哔叭支线02号杆跌落式熔断器")
    crew_page.get_by_role("button", name="登记原因").click()
    crew_page.get_by_role("button", name="处理完毕").click()
    expect(crew_page.get_by_text("班组目前没有任务。")).to_be_visible(timeout=SLOW_S * 1000)
    phone.close()

    page.goto(f"{url}/desk/callbacks/")
    order = WorkOrder.objects.get()
    card = page.locator("section.card", has_text=order.number)
    card.get_by_label("结果").select_option("reached")
    card.get_by_label("满意度").select_option("5")
    card.get_by_role("button", name="记录").click()
    # (the click does not wait for the station's answer)
    db_eventually(
        lambda: WorkOrder.objects.filter(
            pk=order.pk, status=WorkOrderStatus.CALLBACK_DONE
        ).exists(),
        "the callback recorded",
    )
    order.refresh_from_db()
    assert order.status == WorkOrderStatus.CALLBACK_DONE
    assert order.customer == customer
