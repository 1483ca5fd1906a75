"""The phone's folded main menu works from the keyboard as a disclosure (walkthrough 33, finding
2: its button came after every link, so the links it unfolded were behind the focus; Escape did
not fold; its arrow said "▾" open or closed)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews

pytestmark = pytest.mark.browser

ARROW = "(b) => getComputedStyle(b.querySelector('.nav-arrow'), '::before').content"


def test_the_folded_menu_from_the_keyboard(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    phone, page = crew_phone(browser, url)
    nav = page.get_by_role("navigation", name="主菜单")
    toggle = nav.get_by_role("button", name="全部页面")
    own = nav.locator("a.active")
    expect(own).to_have_text(["我的任务"])
    # Folded: the button beside the page's own link, on its row.
    expect(toggle).to_be_visible()
    assert abs(toggle.bounding_box()["y"] - own.bounding_box()["y"]) < 10  # type: ignore[index]
    assert toggle.evaluate(ARROW) == '" ▾"'
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert toggle.evaluate(ARROW) == '" ▴"'
    # Tab goes on to the links it unfolded, not into the page past them.
    page.keyboard.press("Tab")
    first = nav.locator("a").first
    expect(first).to_be_focused()
    expect(first).to_be_visible()
    page.keyboard.press("Tab")
    expect(nav.locator("a").nth(1)).to_be_focused()
    # Escape folds the menu again, the focus back on its button.
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(nav.get_by_role("link", name="停电")).to_be_hidden()
    assert toggle.evaluate(ARROW) == '" ▾"'
    phone.close()


def test_without_the_script_every_link_is_in_sight(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    phone, page = crew_phone(browser, url, java_script_enabled=False)
    nav = page.get_by_role("navigation", name="主菜单")
    assert nav.locator("a").count() > 5
    assert nav.locator("a:visible").count() == nav.locator("a").count()
    expect(nav.get_by_role("button", name="全部页面")).to_be_hidden()
    phone.close()
