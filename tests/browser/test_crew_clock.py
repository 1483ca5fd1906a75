"""The crew's phone says times on the station's clock (Asia/Shanghai), whatever zone the phone
itself is set to: "saved at 23:18" on the phone is 23:18 on the board."""

from __future__ import annotations

import datetime as dt
import types
import zoneinfo

import pytest
from playwright.sync_api import Browser, expect

from tests.base import PASSWORD
from tests.browser.conftest import crew_phone, crew_scripts_ready, log_in
from tests.servicedesk.crew_cast import add_crews, outage_job

pytestmark = pytest.mark.browser
STATION = zoneinfo.ZoneInfo("Asia/Shanghai")


def _minutes_around(now: dt.datetime, zone: dt.tzinfo) -> list[str]:
    return [f"{(now + dt.timedelta(minutes=m)).astimezone(zone):%H:%M}" for m in (-1, 0, 1)]


def test_the_phone_in_another_zone_says_the_station_s_time(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    _outage, order = outage_job(cast)
    # A phone left on UTC (eight hours behind the station): its own clock must not be used.
    phone, page = crew_phone(browser, timezone_id="UTC", bypass_csp=True)
    log_in(page, url, "crew1", PASSWORD)
    crew_scripts_ready(page)  # tapped before, the step is a plain form's post: no signal
    card = page.locator(".job", has_text=order.number)
    expect(card).to_be_visible()

    phone.set_offline(True)
    now = dt.datetime.now(dt.UTC)
    card.get_by_role("button", name="接单").click()
    saved = card.locator("[data-saved]")
    expect(saved).to_contain_text("保存在手机上")
    text = saved.inner_text()
    assert any(f"已于 {t} 保存" in text for t in _minutes_around(now, STATION)), text
    assert not any(f"已于 {t} 保存" in text for t in _minutes_around(now, dt.UTC)), text

    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(saved).to_contain_text("所里已收到", timeout=15000)
    text = saved.inner_text()
    assert any(f"所里已收到 {t} 的步骤" in text for t in _minutes_around(now, STATION)), text
    assert not any(t in text for t in _minutes_around(now, dt.UTC)), text
    phone.close()
