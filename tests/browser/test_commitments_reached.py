"""The station's service commitments are found where the office looks (walk #26 item 1): in
the menu, on the chief's home page and beside an order's deadlines ("依据服务承诺"); a crew,
who may not open the page, is offered none of these links."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.accounts.models import Role
from tests.base import PASSWORD, make_user, zh
from tests.browser.conftest import log_in
from tests.servicedesk.crew_cast import add_crews, plain_job

pytestmark = pytest.mark.browser


def test_the_office_reaches_the_commitments_from_an_order_the_menu_and_the_chief_s_home(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    make_user("dispatcher", cast.station_a, Role.DISPATCHER, full_name="赵调度")
    order = plain_job(cast)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()

    # The dispatcher, from the order's deadlines, to the times they are counted from.
    log_in(page, url, "dispatcher", PASSWORD)
    page.goto(f"{url}/desk/orders/{order.pk}/")
    # "依据服务承诺" once the catalogue has it.
    page.get_by_role("link", name=zh("Per the service commitments")).click()
    expect(page.get_by_role("heading", name="服务承诺")).to_be_visible()
    expect(page.get_by_test_id("commitments-read-only")).to_be_visible()
    # ... and from the menu, which marks the page as the one open.
    menu = page.get_by_role("navigation", name="主菜单")
    link = menu.get_by_role("link", name="服务承诺")
    expect(link).to_have_class("active")
    page.goto(f"{url}/desk/orders/")
    menu.get_by_role("link", name="服务承诺").click()
    expect(page).to_have_url(f"{url}/desk/commitments/")
    context.clear_cookies()

    # The chief, from their home page, to the page where they change them.
    log_in(page, url, "chief", PASSWORD)
    page.goto(f"{url}/")
    page.get_by_test_id("home-commitments").click()
    expect(page.get_by_role("heading", name="服务承诺")).to_be_visible()
    expect(page.get_by_test_id("commitments-save")).to_be_visible()
    context.close()


def test_a_crew_is_offered_no_link_to_the_commitments(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, url, "crew1", PASSWORD)
    page.goto(f"{url}/desk/orders/{order.pk}/")
    expect(page.get_by_role("heading", name=order.number)).to_be_visible()
    expect(page.get_by_role("link", name=zh("Per the service commitments"))).to_have_count(0)
    expect(page.get_by_role("link", name="服务承诺")).to_have_count(0)
    context.close()
