"""A village liaison on a phone reports a leaning pole while no call classifier is loaded (the
first start): the rules hear the danger, and "What I reported" names the urgent hazard order
opened at once, not "awaiting the station's work order" (walkthrough 28, finding 1)."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.models import WorkOrder
from tests.base import make_user
from tests.browser.conftest import log_in
from tests.servicedesk.model_store import no_model_stored


def test_a_liaison_s_danger_report_opens_its_hazard_order_at_once(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    liaison = make_user("zm", cast.station_a, full_name="左门村委会 李文华")
    Membership.objects.create(
        user=liaison, station=cast.station_a, role=Role.LIAISON, village=cast.village
    )
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    with no_model_stored():
        log_in(page, url, "zm")
        form = page.get_by_test_id(f"liaison-report-{cast.village.pk}")
        form.locator("select[name=group]").select_option(str(cast.group.pk))
        form.locator("textarea[name=text]").fill("哔叭组02号杆被水冲歪了，电线垂得很低")
        form.locator("input[name=villager_name]").fill("马大爷")
        form.locator("input[name=villager_phone]").fill("13800001111")
        form.locator("button[type=submit]").click()
        mine = page.get_by_test_id("my-reports")
        expect(mine).to_contain_text("马大爷")
        order = WorkOrder.objects.get()
        assert (order.category, order.urgent) == ("hazard", True)
        expect(mine).to_contain_text(order.number)
        expect(mine.get_by_test_id("report-awaits-order")).to_have_count(0)
