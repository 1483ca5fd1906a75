"""Two predictions above a caller at intake (review39, S2): the one "Save and record" button is
drawn for the prediction ticked in "Then"; ticking the other draws it again for that one, so
the button pressed records the outage the clerk ticked."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.outages.models import Outage
from tests.browser.conftest import clerk_on_intake
from tests.outage_cast import predicted_below_the_fuse
from tests.servicedesk.intake_page import predict_outage

pytestmark = pytest.mark.browser


def test_ticking_the_other_prediction_draws_the_record_button_for_it(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    predicted_below_the_fuse(cast)  # type: ignore[arg-type]
    predict_outage(cast.station_a, cast.transformer)
    url = live_server.url  # type: ignore[attr-defined]
    clerk_on_intake(page, url)
    page.locator("#id_caller_number").fill("0878-1234567")
    page.locator("#id_text").fill("打雷以后家里停电了")
    button = page.get_by_test_id("record-predicted-button")
    expect(button).to_be_visible()
    # The note's suggestion and the panel drawn for it have come back (a redraw still on its
    # way would bring back the tick it was asked with).
    page.wait_for_load_state("networkidle")
    drawn = button.get_attribute("value")
    other = cast.transformer if drawn == str(cast.fuse.pk) else cast.fuse
    page.locator(f'#intake-then input[name=action][value="predicted:{other.pk}"]').check()
    expect(button).to_have_attribute("value", str(other.pk))
    expect(button).to_contain_text(str(other))
    expect(button).to_be_visible()
    screenshot(page, "intake-record-ticked")  # type: ignore[operator]
    button.click()
    expect(page.locator(".messages")).to_be_visible()
    assert Outage.objects.get().device_id == other.pk
