"""A village liaison's own number in a real browser (liaison76): as it is typed the liaison is
named and the caller's name, village and group are filled in (kept if the clerk wrote them,
cleared when the number is another's); a number the household shares names both, and the
liaison chosen fills them and stores the call as theirs."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.community.models import Liaison
from powerdesk.customers.models import CustomerPhone
from powerdesk.servicedesk.models import Call
from tests.browser.conftest import clerk_on_intake
from tests.outage_cast_liaisons import group_leader

pytestmark = pytest.mark.browser


def test_the_liaison_s_number_fills_who_and_where_and_a_shared_one_is_chosen(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    leader = Liaison.objects.get(user=group_leader(cast))
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    clerk_on_intake(page, url)
    number = page.locator("#id_caller_number")
    number.fill("138 1234 0000")
    expect(page.get_by_test_id("caller-liaison")).to_contain_text("普文")
    expect(page.locator("#id_caller_name")).to_have_value("普文")
    expect(page.locator("#id_village")).to_have_value(str(cast.village.pk))
    expect(page.locator("#id_group")).to_have_value(str(cast.group.pk))
    screenshot(page, "intake-liaison-filled")  # type: ignore[operator]
    # Another caller's number: what was filled goes; what the clerk wrote stays.
    number.fill("13700000000")
    expect(page.get_by_test_id("unknown-caller")).to_be_visible()
    expect(page.locator("#id_caller_name")).to_have_value("")
    expect(page.locator("#id_village")).to_have_value("")
    page.locator("#id_caller_name").fill("老李")
    number.fill("13812340000")
    expect(page.get_by_test_id("caller-liaison")).to_be_visible()
    expect(page.locator("#id_village")).to_have_value(str(cast.village.pk))
    expect(page.locator("#id_caller_name")).to_have_value("老李")

    # The number is 普光荣's household's too: both named, the household calling unless chosen.
    CustomerPhone.objects.create(customer=cast.customer, number="+8613812340000")
    page.goto(f"{url}/desk/intake/")
    page.locator("#id_caller_number").fill("13812340000")
    expect(page.get_by_test_id("caller")).to_be_visible()
    expect(page.get_by_test_id("caller-is-household")).to_be_checked()
    expect(page.locator("#id_caller_name")).to_have_value("")
    page.get_by_test_id("caller-is-liaison").check()
    expect(page.get_by_test_id("caller")).to_have_count(0)
    expect(page.get_by_test_id("caller-is-liaison")).to_be_checked()
    expect(page.locator("#id_caller_name")).to_have_value("普文")
    screenshot(page, "intake-liaison-shared-number")  # type: ignore[operator]
    page.locator("#id_text").fill("组里有根电杆歪了")
    page.locator("#id_category").select_option("hazard")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(lambda address: "/desk/intake/" not in address)  # the hazard's order
    call = Call.objects.get()
    assert (call.customer, call.liaison, call.village_id) == (None, leader, cast.village.pk)
