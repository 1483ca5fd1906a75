"""A refused settlement comes back at its row (#promise-N) with the focus in the refused field
(walkthrough 33, finding 3: Chromium skips autofocus when the address names a place)."""

from __future__ import annotations

import datetime as dt
import re
import types

from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from tests.servicedesk.promise_cast import promised


def test_the_refused_field_has_the_focus(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    promise = promised(
        cast, due_at=timezone.now() + dt.timedelta(hours=6), text="10点前回电告知抢修进度"
    )
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "clerk")
    page.goto(f"{url}/desk/promises/")
    row = page.locator(f"#promise-{promise.pk}")
    row.locator("summary").click()
    row.get_by_label("处理情况").fill("   ")  # blank once trimmed: refused
    row.get_by_test_id(f"promise-kept-reason-{promise.pk}").click()
    # The page's own address, drawn for what it says (``lib.kept``: ``?kept=<token>``).
    expect(page).to_have_url(
        re.compile(rf"{re.escape(url)}/desk/promises/\?kept=[\w-]+#promise-{promise.pk}$")
    )
    field = row.locator("input[name=reason]")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_be_focused()
