"""A kiosk's name past the page's limit (the limit removed in the browser, walk #26 item 8) is
refused at the name field, naming it, with what was typed kept; no kiosk is started."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import CounterKiosk
from tests.base import PASSWORD, zh
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

LONG = "营业厅一号柜台" * 29 + "柜"  # 204 characters


def test_a_name_too_long_is_refused_at_its_field(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, url, "clerk", PASSWORD)
    page.goto(f"{url}/desk/counter/rate/")
    name = page.locator("input[name=name]")
    name.evaluate("(input) => input.removeAttribute('maxlength')")
    name.fill(LONG)
    page.get_by_role("button", name="启用评价器").click()
    error = page.get_by_test_id("kiosk-name-error")
    said = zh("Kiosk name: at most %(most)d characters; %(n)d were typed.")
    expect(error).to_have_text(said % {"most": 40, "n": 204})
    expect(page.get_by_test_id("kiosk-error")).to_have_count(0)  # not at the top
    name = page.locator("input[name=name]")
    expect(name).to_have_attribute("aria-describedby", "kiosk-name-error")
    expect(name).to_have_value(LONG)
    expect(name).to_be_focused()
    assert not CounterKiosk.objects.exists()
    context.close()
