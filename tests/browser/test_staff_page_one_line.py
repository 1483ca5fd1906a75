"""The staff page's "End their work at …" button and the phone numbers stay on one line on a
laptop's screen (walkthrough 34, finding 8: the button wrapped onto two lines with a broken
background, the numbers onto three)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Role
from tests.base import make_user
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_end_button_and_the_phones_are_one_line(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    make_user("admin", cast.station_a, Role.ADMIN, full_name="赵管理")
    cast.clerk.phone = "13812345678"
    cast.clerk.save(update_fields=["phone"])
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "admin")
    page.goto(f"{url}/accounts/staff/")
    button = page.get_by_test_id("staff-end").first
    expect(button).to_be_visible()
    phone = page.locator("td a[href^='tel:']").first
    expect(phone).to_be_visible()
    for one in (button, phone):
        rects = one.evaluate("(e) => e.getClientRects().length")
        assert rects == 1, one
