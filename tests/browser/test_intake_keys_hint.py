"""The intake page's keyboard shortcut is said where there is a keyboard, not on a phone's touch
screen (walkthrough 33: the phone's intake said "Ctrl+Enter 保存")."""

from __future__ import annotations

import types

from playwright.sync_api import Browser, expect

from tests.browser.conftest import log_in


def test_the_shortcut_is_said_on_a_computer_and_not_on_a_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    for phone in (False, True):
        options: dict[str, object] = {"locale": "zh-CN"}
        if phone:
            options.update(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        context = browser.new_context(**options)  # type: ignore[arg-type]
        page = context.new_page()
        log_in(page, url, "clerk")
        page.goto(f"{url}/desk/intake/")
        hint = page.get_by_text("Ctrl+Enter 保存")
        if phone:
            expect(hint).to_be_hidden()
        else:
            expect(hint).to_be_visible()
        context.close()
