"""From the keyboard (walkthrough 73, finding 6): the first Tab offers to skip the bar and the
menu (some 27 stops) to the page; after a call is saved, what was done ("来电已登记…") has the
focus, so a screen reader says it and the next Tab goes on from it."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import clerk_on_intake

pytestmark = pytest.mark.browser


def test_the_first_tab_skips_to_the_page_and_a_saved_call_is_said(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    page.goto(f"{url}/desk/orders/")
    page.keyboard.press("Tab")
    skip = page.get_by_test_id("skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab is inside the page, not back in the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")

    page.goto(f"{url}/desk/intake/")
    page.locator("#id_caller_number").fill("13812345678")
    page.locator("#id_text").fill("我家停电了，麻烦派人来看看")
    page.locator("#id_category").select_option("fault_repair")
    page.keyboard.press("Control+Enter")
    said = page.locator("ul.messages")
    expect(said).to_be_visible()
    expect(said).to_have_attribute("role", "status")
    expect(said).to_be_focused()
