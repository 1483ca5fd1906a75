"""The promises page (walk29 finding 3): a promise of an order whose power is still off offers
no bare "kept"; kept is pressed only with what was done, which the order's history keeps."""

from __future__ import annotations

import datetime as dt
import types

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.models import Promise
from tests.browser.conftest import log_in
from tests.servicedesk.promise_cast import promised


def test_a_promise_of_an_order_still_dark_is_kept_only_with_what_was_done(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    promise = promised(
        cast, due_at=timezone.now() + dt.timedelta(hours=6), text="10点前回电告知抢修进度"
    )
    order = promise.work_order
    assert order is not None
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "clerk")
    page.goto(f"{url}/desk/promises/")
    row = page.locator(f"#promise-{promise.pk}")
    expect(row.get_by_test_id(f"promise-power-off-{promise.pk}")).to_be_visible()
    expect(page.get_by_test_id(f"promise-kept-{promise.pk}")).to_have_count(0)
    row.locator("summary").click()
    kept = page.get_by_test_id(f"promise-kept-reason-{promise.pk}")
    kept.click()  # no words: the browser holds the form back
    promise.refresh_from_db()
    assert promise.state == Promise.State.OPEN
    row.locator('input[name="reason"]').fill("9:40已回电告知进度")
    kept.click()
    expect(page.locator(f"#promise-{promise.pk}")).to_have_count(0)
    promise.refresh_from_db()
    assert promise.state == Promise.State.KEPT
    note = order.events.get(note_code="promise_kept_power_off")
    assert note.note_args["reason"] == "9:40已回电告知进度"
    screenshot(page, "promise_kept_power_off", full_page=True)  # type: ignore[operator]
