"""The navigation on a laptop's screen (1366 × 768, 1280 × 800): every link the role has is on
the screen, none cut off at the right edge, for the roles with the most links."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser

from powerdesk.accounts.models import Role
from tests.base import PASSWORD, make_user
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_every_link_of_the_navigation_is_on_a_laptop_s_screen(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    make_user("dispatcher", cast.station_a, Role.DISPATCHER, full_name="赵调度")
    make_user("admin", cast.station_a, Role.ADMIN, full_name="钱管理", is_staff=True)
    for width, height in ((1366, 768), (1280, 800)):
        for username in ("chief", "dispatcher", "admin"):
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale="zh-CN"
            )
            page = context.new_page()
            log_in(page, url, username, PASSWORD)
            page.goto(f"{url}/desk/orders/")
            nav = page.get_by_role("navigation", name="主菜单")
            screenshot(page, f"nav-{username}-{width}")  # type: ignore[operator]
            # Nothing scrolled out of sight inside the menu, nor past the window's edge.
            assert nav.evaluate("(n) => n.scrollWidth <= n.clientWidth"), (username, width)
            links = nav.locator("a").evaluate_all(
                "(links) => links.map((a) => { const r = a.getBoundingClientRect();"
                " return [a.textContent, r.left, r.right, r.width]; })"
            )
            assert len(links) > 10, links
            for text, left, right, shown in links:
                assert shown > 0 and left >= 0 and right <= width, (username, width, text)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            context.close()
