"""A callback refused on the list comes back at its own card (walkthrough 28, finding 14):
"not reached" with a score of 5, pressed twice, showed the list from the top while the card
saying why was far down, its heading ending in a colon with the reason elsewhere."""

from __future__ import annotations

import re
import types

from playwright.sync_api import Page, expect

from powerdesk.servicedesk.models import Callback
from powerdesk.servicedesk.services import work_order_create, work_order_transition
from tests.base import zh
from tests.browser.conftest import log_in


def test_a_refused_callback_comes_back_at_its_card_with_why(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    orders = []
    for i in range(8):  # a long list: the last card is far below the top
        order = work_order_create(
            station=cast.station_a,
            user=cast.clerk,
            category="complaint",
            summary=f"电压低{i}",
            customer=cast.customer,
        )
        orders.append(
            work_order_transition(
                work_order=order, to_status="resolved", user=cast.clerk, note="已处理"
            )
        )
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 700})
    log_in(page, url, "clerk")
    page.goto(f"{url}/desk/callbacks/")
    last = orders[-1]
    card = page.locator(f"#callback-{last.pk}")
    card.locator('select[name="outcome"]').select_option("not_reached")
    card.locator('select[name="satisfaction"]').select_option("5")
    card.locator('button[type="submit"]').dblclick()
    alert = page.get_by_test_id(f"callback-error-{last.pk}")
    expect(alert).to_be_visible()
    # The list kept for the refusal (``lib.kept``), at the refused card.
    assert re.search(rf"/desk/callbacks/\?kept=\w+#callback-{last.pk}$", page.url), page.url
    expect(alert).to_be_in_viewport()
    expect(alert).to_contain_text(last.number)
    expect(alert).to_contain_text(zh("Satisfaction is only asked of a customer who was reached."))
    assert not alert.inner_text().strip().endswith(("：", ":"))
    assert not Callback.objects.exists()
