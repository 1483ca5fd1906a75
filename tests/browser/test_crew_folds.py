"""What the crew opens or closes on a job card stays so when the list refreshes itself
(walkthrough: "where to look first", tapped open, closed again by the list's refresh)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import crew_list_refreshed, crew_phone
from tests.servicedesk.crew_cast import add_crews, outage_job

pytestmark = pytest.mark.browser


def test_a_card_s_folds_stay_as_the_crew_left_them_through_a_refresh(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    _outage, order = outage_job(cast)
    phone, page = crew_phone(browser, url)
    card = page.locator(".job", has_text=order.number)
    calls = card.locator("details.calls")
    expect(calls).to_have_attribute("open", "")
    calls.locator("summary").click()  # the crew folds the callers' words away
    expect(calls).not_to_have_attribute("open", "")
    crew_list_refreshed(page)
    card = page.locator(".job", has_text=order.number)
    expect(card.locator("details.calls")).not_to_have_attribute("open", "")
    card.locator("details.calls summary").click()  # and opened again, open it stays
    crew_list_refreshed(page)
    expect(page.locator(".job", has_text=order.number).locator("details.calls")).to_have_attribute(
        "open", ""
    )
    phone.close()
