"""Recording why a broken promise was not kept lands at its row, said there with the focus on
it, in view (walkthrough 34, finding 1: the message was at the top, 2,800 px above)."""

from __future__ import annotations

import datetime as dt
import re
import types

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_create
from tests.browser.conftest import log_in


def test_recording_why_lands_at_the_row_with_the_focus(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    order = work_order_create(
        station=cast.station_a,
        user=cast.clerk,
        category="fault_repair",
        summary="停电",
        customer=cast.customer,
    )
    promise = promise_make(
        station=cast.station_a,
        user=cast.clerk,
        work_order=order,
        text="10点前回电告知抢修进度",
        due_at=timezone.now() + dt.timedelta(hours=6),
    )
    now = timezone.now()
    Promise.objects.filter(pk=promise.pk).update(
        state=Promise.State.BROKEN, due_at=now - dt.timedelta(days=30)
    )
    # Many more broken promises above it: the row is far down the page.
    Promise.objects.bulk_create(
        Promise(
            station=cast.station_a,
            customer=cast.customer,
            text=f"承诺{i}",
            due_at=now - dt.timedelta(days=i + 1),
            made_at=now - dt.timedelta(days=i + 2),
            made_by=cast.clerk,
            state=Promise.State.BROKEN,
        )
        for i in range(25)
    )
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "clerk")
    page.goto(f"{url}/desk/promises/")
    row = page.locator(f"#broken-{promise.pk}")
    row.get_by_label("未兑现原因").fill("雷雨天山路塌方")
    row.get_by_role("button").click()
    # The page's own address, drawn for what it says (``lib.kept``: ``?kept=<token>``).
    expect(page).to_have_url(
        re.compile(rf"{re.escape(url)}/desk/promises/\?kept=[\w-]+#broken-{promise.pk}$")
    )
    said = page.get_by_test_id(f"promise-landed-{promise.pk}")
    expect(said).to_be_focused()
    expect(said).to_contain_text(order.number)
    expect(said).to_be_in_viewport()
    expect(row).to_have_class("landed")
