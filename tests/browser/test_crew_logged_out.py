"""A crew phone logged out keeps nothing of the jobs to show: the service worker's kept copy of
the crew's pages (customers' names and numbers, what they said) goes as the login page opens,
so that whoever picks up the phone next cannot read them without signal."""

from __future__ import annotations

import contextlib
import types

import pytest
from playwright.sync_api import Browser, Error, expect

from tests.base import PASSWORD
from tests.browser.conftest import log_in
from tests.servicedesk.crew_cast import add_crews, plain_job

pytestmark = pytest.mark.browser


def test_after_logging_out_the_kept_jobs_are_not_shown_without_signal(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, bypass_csp=True
    )
    page = phone.new_page()
    log_in(page, url, "crew1", PASSWORD)
    expect(page.locator(".job", has_text=order.number)).to_be_visible()
    expect(page.locator("#crew-offline-ready")).to_contain_text("没有信号也能打开", timeout=15000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)

    page.get_by_role("button", name="退出").click()
    expect(page.get_by_label("用户名")).to_be_visible()
    # The worker has put the crew's pages away once the login page is shown.
    kept = """async () => { const out = [];
        for (const k of await caches.keys()) { const c = await caches.open(k);
          for (const r of await c.keys()) out.push(new URL(r.url).pathname); } return out; }"""
    for _ in range(30):
        if "/desk/crew/" not in page.evaluate(kept):
            break
        page.wait_for_timeout(500)
    assert "/desk/crew/" not in page.evaluate(kept)
    phone.set_offline(True)
    # No signal and nothing kept: the browser's own "no connection" page.
    with contextlib.suppress(Error):
        page.goto(f"{url}/desk/crew/")
    expect(page.locator("body")).not_to_contain_text(order.number)
    expect(page.locator("body")).not_to_contain_text("普光荣")
    phone.close()
