"""In a real browser: on the board's own page (/outages/board/) the dispatcher confirms the
engine's prediction; the board asks there how many households recording texts, records it from
the ask's button, and leaves the dispatcher on the board's own page, not on the outages page.
"Found here" on a prediction asks first too, and goes back to the same page."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.outages.models import FoundPlace, Outage
from tests.browser.conftest import log_in
from tests.outage_cast import predicted_below_the_fuse


def test_confirmed_on_the_board_s_own_page_the_dispatcher_stays_there(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    prediction = predicted_below_the_fuse(cast)
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "chief")
    page.goto(f"{url}/outages/board/")
    page.locator(f"#board-prediction-{prediction.pk} + tr").get_by_role(
        "button", name="确认", exact=True
    ).click()
    ask = page.get_by_test_id("board-confirm-record")
    expect(ask).to_contain_text("将立即短信通知其下 2 户")
    expect(page.get_by_test_id("board-page")).to_be_visible()  # asked on the board's own page
    assert not Outage.objects.exists()
    ask.get_by_test_id("confirm-record-button").click()
    expect(page.get_by_test_id("board-confirm-record")).to_have_count(0)
    expect(page.locator("[data-state=declared]").first).to_contain_text(str(cast.fuse))
    assert page.url == f"{url}/outages/board/"
    assert Outage.objects.get().device == cast.fuse


def test_found_here_on_a_prediction_asks_first_and_comes_back(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    prediction = predicted_below_the_fuse(cast)
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "chief")
    page.goto(f"{url}/outages/board/")
    patrol = page.get_by_test_id(f"patrol-prediction-{prediction.pk}")
    patrol.locator("summary").first.click()
    place = patrol.get_by_test_id("patrol-ZM-B01-T1")
    place.get_by_text("故障在此", exact=True).click()
    place.locator("select[name=cause]").select_option("animal")
    place.locator("button[type=submit]").click()
    ask = page.get_by_test_id("found-here-record")
    expect(ask).to_contain_text("将立即短信通知其下 2 户")
    assert not Outage.objects.exists()
    ask.get_by_test_id("confirm-record-button").click()
    expect(page.get_by_test_id("found-here-record")).to_have_count(0)
    expect(page.get_by_test_id("board-page")).to_be_visible()
    assert page.url == f"{url}/outages/board/"
    found = FoundPlace.objects.get()
    assert (found.outage.device, found.place) == (cast.fuse, "ZM-B01-T1")
