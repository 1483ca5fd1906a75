"""The administrator's API tokens page in a browser: a token made, its key shown once with
the header to send, the key working, then turned off after the page asks (F17)."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.accounts.models import ApiToken, Role
from tests.base import make_user
from tests.browser.conftest import log_in


def test_the_administrator_makes_a_token_sees_its_key_once_and_turns_it_off(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    make_user("a_admin", cast.station_a, Role.ADMIN, full_name="王管理")
    log_in(page, base, "a_admin")
    page.goto(f"{base}/accounts/staff/")
    page.get_by_test_id("api-tokens-link").click()
    form = page.get_by_test_id("api-token-form")
    form.locator('input[name="name"]').fill("交换机")
    expect(form.locator('input[name="expires"][value="1y"]')).to_be_checked()
    form.locator('input[name="expires"][value="90d"]').check()
    form.locator('button[type="submit"]').click()
    key = page.get_by_test_id("api-token-key")
    expect(key).to_be_visible()
    shown = key.inner_text().strip()
    expect(page.get_by_test_id("api-token-header")).to_have_text(f"Authorization: Bearer {shown}")
    screenshot(page, "api-tokens-made", full_page=True)  # type: ignore[operator]
    token = ApiToken.objects.get(station=cast.station_a)
    answer = page.request.get(
        f"{base}/api/v1/outages/picture", headers={"Authorization": f"Bearer {shown}"}
    )
    assert answer.status == 200, answer.text()
    # Opened again, the page no longer holds the key; the list says it was used.
    page.reload()
    expect(page.get_by_test_id("api-token-key")).to_have_count(0)
    expect(page.get_by_test_id(f"api-token-{token.pk}")).to_contain_text("交换机")
    expect(page.get_by_test_id(f"api-token-{token.pk}")).to_contain_text("127.0.0.1")
    page.get_by_test_id(f"api-token-off-{token.pk}").click()
    off = page.get_by_test_id("api-token-off-form")
    expect(off).to_be_visible()
    screenshot(page, "api-token-off-asked", full_page=True)  # type: ignore[operator]
    off.locator('button[type="submit"]').click()
    expect(page.get_by_test_id(f"api-token-off-{token.pk}")).to_have_count(0)
    screenshot(page, "api-tokens-list", full_page=True)  # type: ignore[operator]
    token.refresh_from_db()
    assert not token.active and token.off_by is not None
    refused = page.request.get(
        f"{base}/api/v1/outages/picture", headers={"Authorization": f"Bearer {shown}"}
    )
    assert refused.status == 401 and "turned off" in refused.text()
