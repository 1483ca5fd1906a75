"""Under an outage, the line to tell the caller follows the note as it is typed (walk38, 1-2):
a danger gets its own script, never the outage's "we will call you back when the power is
back", which is said only to a fault call joined to the outage; a caller who says they have power
gets no outage script."""

from __future__ import annotations

import types

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.tell_caller import hazard_tell, power_on_tell
from tests.browser.conftest import clerk_on_intake
from tests.outage_cast import fault_declare

pytestmark = pytest.mark.browser

CALL_BACK = "Your call is recorded and we will call you back when the power is back."


def test_the_line_to_tell_follows_the_note(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    fault_declare(cast, cast.fuse, began=30)
    with translation.override("zh-hans"):
        call_back, danger, power_on = gettext(CALL_BACK), hazard_tell(), power_on_tell()
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    page.locator("#id_caller_number").fill("0878-1234567")
    tell = page.get_by_test_id("tell-caller")
    # Nothing typed yet: the outage told, but the call back is promised only to a fault call
    # joined to the outage (walk44, 1).
    expect(tell).not_to_contain_text(call_back)
    page.locator("#id_text").fill("家里没电了")
    expect(tell).to_contain_text(call_back)
    expect(page.get_by_test_id("join-outage")).to_be_checked()
    # Taken as a new matter of its own, it is not one of the outage's calls: no call back said.
    page.get_by_test_id("new-matter").check()
    expect(tell).not_to_contain_text(call_back)
    page.get_by_test_id("join-outage").check()
    expect(tell).to_contain_text(call_back)
    page.locator("#id_text").fill("村口电线断了掉在地上，还在打火")
    expect(tell).to_contain_text(danger)
    expect(tell).not_to_contain_text(call_back)
    screenshot(page, "intake-hazard-tell")  # type: ignore[operator]
    page.locator("#id_text").fill("我家有电，问电费")
    expect(tell).to_contain_text(power_on)
    expect(tell).not_to_contain_text(call_back)
