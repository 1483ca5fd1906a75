"""The phone's unfolded main menu folds again at a tap outside it (walkthrough 34, finding 8: it
stayed open over the page)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews

pytestmark = pytest.mark.browser


def test_a_tap_outside_folds_the_menu(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    phone, page = crew_phone(browser, url)
    nav = page.get_by_role("navigation", name="主菜单")
    toggle = nav.get_by_role("button", name="全部页面")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="停电")).to_be_visible()
    page.locator("h1").first.click()  # a tap on the page, outside the menu
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="停电")).to_be_hidden()
    # A tap on its button unfolds it again; a tap in it leaves it as the link says.
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    phone.close()
