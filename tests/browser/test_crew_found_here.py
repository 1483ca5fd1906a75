"""Found here on the crew's phone out of signal: kept on the phone with its time, taken by the
station when the phone is back in reach, and told to the engine."""

from __future__ import annotations

import types

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from powerdesk.outages.models import FoundPlace, Outage, Signal, SignalType
from tests.browser.conftest import crew_phone
from tests.servicedesk.crew_cast import add_crews, on_site, outage_job

pytestmark = pytest.mark.browser


def _on_site_with_the_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> tuple[Outage, BrowserContext, Page, Locator]:
    """The crew is on site at an outage's job; its phone shows the job's card."""
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, order = outage_job(cast)
    on_site(cast, order)
    phone, page = crew_phone(browser, url)
    return outage, phone, page, page.locator(".job", has_text=order.number)


def test_found_here_without_signal_reaches_the_station_with_its_time(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    outage, phone, page, card = _on_site_with_the_phone(browser, live_server, cast)
    # On patrol the places to look at are open on the card, likeliest first.
    place = card.get_by_test_id("crew-patrol-ZM-B01-T1")
    expect(place).to_be_visible()
    expect(place).to_contain_text("左门哔叭1号台区")

    phone.set_offline(True)
    place.get_by_text("故障在此", exact=True).click()
    place.get_by_label("原因").select_option("animal")
    place.get_by_role("button", name="确认故障在此").click()
    expect(card.locator("[data-saved]")).to_contain_text("保存在手机上")
    expect(card.locator("[data-saved]")).to_contain_text("故障在此")
    # Found on site with its cause: power back is the step offered next, still without signal.
    expect(card.get_by_role("button", name="已复电")).to_be_visible()
    screenshot(page, "crew-found-here-offline")  # type: ignore[operator]
    assert not FoundPlace.objects.filter(outage=outage).exists()
    offline_until = timezone.now()

    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(card.locator("[data-saved]")).to_contain_text("所里已收到", timeout=15000)
    found = FoundPlace.objects.get(outage=outage)
    assert (found.place, found.cause, found.found_by) == ("ZM-B01-T1", "animal", cast.member)
    assert found.found_at <= offline_until  # when it was found, not when it was sent
    signal = Signal.objects.get(type=SignalType.CONFIRM_OPEN, device=cast.transformer)
    assert (signal.source, signal.event_at) == ("crew", found.found_at)
    phone.close()


def test_found_here_is_confirmed_next_to_its_button_and_marked_first(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    outage, phone, page, card = _on_site_with_the_phone(browser, live_server, cast)
    place = card.get_by_test_id("crew-patrol-ZM-B01-T1")
    place.get_by_text("故障在此", exact=True).click()
    place.get_by_label("原因").select_option("animal")
    place.get_by_role("button", name="确认故障在此").click()
    # The word is said under the place tapped, in sight, not at the foot of the card.
    expect(place.locator("[data-saved]")).to_contain_text("故障在此")
    expect(card.locator("[data-saved]")).to_be_in_viewport()
    expect(place.locator("[data-saved]")).to_contain_text("所里已收到", timeout=15000)
    # Once the list is drawn again, the place is first, marked, and named in the outage box.
    first = card.locator("ol.patrol > li").first
    expect(first).to_have_attribute("data-testid", "crew-patrol-ZM-B01-T1", timeout=15000)
    expect(first).to_contain_text("已在此找到故障")
    expect(card.get_by_test_id("job-found")).to_contain_text("左门哔叭1号台区")
    expect(first.locator("[data-saved]")).to_contain_text("所里已收到")
    screenshot(page, "crew-found-here-marked", full_page=True)  # type: ignore[operator]
    assert FoundPlace.objects.filter(outage=outage, place="ZM-B01-T1").exists()
    phone.close()
