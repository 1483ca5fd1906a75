"""In a real browser: log in, see the home page in Chinese, switch language and station."""

from __future__ import annotations

import subprocess
import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Membership, Role
from powerdesk.demo.builder import DEMO_PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_a_cjk_font_is_installed_so_chinese_is_not_drawn_as_boxes() -> None:
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=True)
    assert fonts.stdout.strip()


def test_staff_log_in_and_see_their_station_at_a_glance(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    log_in(page, live_server.url, "chief")  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", level=1)).to_have_text("光禄供电所")
    expect(page.get_by_text("停电中（已登记与研判）与计划停电")).to_be_visible()
    expect(page.get_by_text("目前没有已知的停电。")).to_be_visible()
    expect(page.locator("[data-slot=grid]")).to_contain_text("线路")


def test_a_wrong_password_keeps_the_user_on_the_login_page(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    log_in(page, live_server.url, "chief", "not the password")  # type: ignore[attr-defined]
    expect(page.get_by_text("用户名或密码错误")).to_be_visible()


def test_the_language_switches_to_english_and_back(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    log_in(page, live_server.url, "clerk")  # type: ignore[attr-defined]
    page.locator("#language-switcher select").select_option("en")
    expect(page.get_by_text("Power off now (recorded and predicted) and planned")).to_be_visible()
    expect(page.get_by_role("link", name="Customers", exact=True)).to_be_visible()
    page.locator("#language-switcher select").select_option("zh-hans")
    expect(page.get_by_text("停电中（已登记与研判）与计划停电")).to_be_visible()


def test_a_user_of_two_stations_switches_between_them(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    Membership.objects.create(user=cast.chief, station=cast.station_b, role=Role.CHIEF)
    log_in(page, live_server.url, "chief")  # type: ignore[attr-defined]
    page.get_by_role("link", name="用户", exact=True).click()
    expect(page.get_by_text("普光荣")).to_be_visible()
    page.locator("#station-select").select_option(label="栋川供电所")
    expect(page.get_by_role("heading", level=1)).to_have_text("栋川供电所")
    page.get_by_role("link", name="用户", exact=True).click()
    expect(page.get_by_text("普光荣")).to_have_count(0)


def test_the_outsider_cannot_open_a_customer_of_another_station(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    log_in(page, live_server.url, "outsider")  # type: ignore[attr-defined]
    response = page.goto(f"{live_server.url}/customers/{cast.customer.pk}/")  # type: ignore[attr-defined]
    assert response is not None and response.status == 404


def test_the_demo_station_in_a_browser_with_screenshots(
    page: Page, live_server: object, demo_today: object, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 860})
    page.goto(f"{url}/")
    screenshot(page, "login")  # type: ignore[operator]
    log_in(page, url, "gl_chief", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("光禄供电所")
    expect(page.locator("[data-slot=customers]")).to_contain_text("独居老人")
    screenshot(page, "home")  # type: ignore[operator]

    page.get_by_role("link", name="电网").click()
    page.get_by_role("link", name="10kV左门线").click()
    expect(page.get_by_role("link", name="哔叭支线02号杆跌落式熔断器")).to_be_visible()
    screenshot(page, "feeder")  # type: ignore[operator]

    page.get_by_role("link", name="用户", exact=True).click()
    first_phone = page.locator("#customer-rows tbody tr td:nth-child(3)").first.inner_text()
    digits = "".join(ch for ch in first_phone.split("\n")[0] if ch.isdigit())
    written = f"+86 {digits[1:]}" if digits.startswith("0") else f"+86 {digits}"
    page.get_by_label("电话、户号、姓名或地址").fill(written)
    expect(page.locator("#customer-rows tbody tr")).to_have_count(1)
    screenshot(page, "customer-search")  # type: ignore[operator]

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{url}/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("光禄供电所")
    screenshot(page, "home-phone", full_page=True)  # type: ignore[operator]
