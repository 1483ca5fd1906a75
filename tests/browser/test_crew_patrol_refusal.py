"""The crew's phone, an outage's patrol list (a "found here" form for each place): a refusal of
one place's form (its note too long) is said at that place's form, with what was typed kept
there, not at the first place's form (crew_sync.js found a step's form by its step alone, the
first on the card, and wrote the place sent into that form's own place)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.outages.models import FoundPlace
from tests.browser.conftest import crew_list_refreshed, crew_phone, crew_scripts_ready
from tests.servicedesk.crew_cast import add_crews, on_site, outage_job

pytestmark = pytest.mark.browser


def test_a_refused_place_s_note_is_said_at_the_place_sent(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, order = outage_job(cast)
    on_site(cast, order)
    phone, page = crew_phone(browser, url, bypass_csp=True)  # crew_scripts_ready's own script
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    places = card.locator("ol.patrol > li")
    expect(places.nth(1)).to_be_visible()
    first, sent = places.nth(0), places.nth(1)
    # Each place has its "found here" form and its "nothing here" one: the first is meant.
    first_found = first.locator('[data-testid^="found-here-"]')
    sent_found = sent.locator('[data-testid^="found-here-"]')
    first_key = first.locator('input[name="place"]').first.get_attribute("value")
    sent_key = sent.locator('input[name="place"]').first.get_attribute("value")
    assert first_key and sent_key and first_key != sent_key

    typed = "竹" * 151
    sent.get_by_text("故障在此", exact=True).click()
    sent_found.get_by_label("原因").select_option("tree")
    sent_found.get_by_label("备注").fill(typed)
    sent.get_by_role("button", name="确认故障在此").click()

    error = sent.locator('[data-field-error="note"]')
    expect(error).to_be_visible(timeout=15000)
    expect(error).to_contain_text("150")
    expect(error).to_contain_text("151")
    expect(sent_found.locator('input[name="note"]')).to_have_value(typed)
    # The first place's form says nothing and is still its own place's.
    expect(first.locator('[data-field-error="note"]')).to_be_hidden()
    expect(first_found.locator('input[name="note"]')).to_have_value("")
    expect(first.locator('input[name="place"]').first).to_have_value(first_key)
    # Still so once the list has been asked for again after the refusal (held back: the
    # refused form is as one being filled in).
    crew_list_refreshed(page, drawn=False)
    expect(error).to_be_visible()
    expect(sent_found.locator('input[name="note"]')).to_have_value(typed)
    expect(first.locator('[data-field-error="note"]')).to_be_hidden()
    expect(first.locator('input[name="place"]').first).to_have_value(first_key)
    screenshot(page, "crew-patrol-place-refused")  # type: ignore[operator]
    assert not FoundPlace.objects.filter(outage=outage).exists()
    phone.close()


def test_a_place_s_found_here_opened_stays_the_only_one_open_through_a_refresh(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    # What the crew opened is kept through the list's refreshes by each fold's name (crew.js):
    # the places' "found here" folds had none, so one opened opened every place's at the next
    # refresh.
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    _outage, order = outage_job(cast)
    on_site(cast, order)
    phone, page = crew_phone(browser, url, bypass_csp=True)  # crew_scripts_ready's own script
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    places = card.locator("ol.patrol > li")
    expect(places.nth(1)).to_be_visible()
    places.nth(1).get_by_text("故障在此", exact=True).click()
    crew_list_refreshed(page)  # drawn again, the folds put back after it
    opened = card.locator("ol.patrol > li > form > details[open]")
    expect(opened).to_have_count(1)
    expect(places.nth(1).locator("details[open]")).to_have_count(1)
    phone.close()
