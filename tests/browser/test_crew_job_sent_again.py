"""The crew's phone, an order sent to the same crew again within the day (fix53d): restored on
the phone, reopened ("仍未解决") and dispatched to the crew again, it is a new job. The phone kept
its 已复电 by the order alone, and drew the order sent again as done (no step offered) and never
announced it; it keeps what it did by the order's sending now."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.order_again import work_order_reopen
from powerdesk.servicedesk.services import work_order_dispatch
from tests.browser.conftest import (
    BUZZ,
    buzzes,
    crew_list_refreshed,
    crew_phone,
    crew_scripts_ready,
    db_eventually,
    log_in,
    restored_on_the_phone,
    touched,
)
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job

pytestmark = pytest.mark.browser


def test_an_order_sent_again_is_a_new_job_announced(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    WorkOrder.objects.filter(pk=order.pk).update(urgent=True)
    on_site(cast, order)
    phone, page = crew_phone(browser)
    page.add_init_script(BUZZ)
    log_in(page, url, "crew1")
    page.goto(f"{url}/desk/crew/")
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()
    touched(page)
    restored_on_the_phone(page, order.number)
    db_eventually(
        lambda: WorkOrder.objects.filter(pk=order.pk, status="resolved").exists(), "restored"
    )

    # The callback: "still not fixed"; the desk sends the same crew again.
    order.refresh_from_db()
    work_order_reopen(work_order=order, reason="仍未解决", user=cast.chief)
    work_order_dispatch(work_order=order, crew=cast.crew, user=cast.chief)
    crew_list_refreshed(page)
    card = page.locator(".job", has_text=order.number)
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-stage", "dispatched")  # open, not done
    expect(card.locator('form[data-crew-step="accept"]')).to_be_visible()
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(order.number)
    expect(banner).to_have_class("banner urgent")
    assert buzzes(page) != []

    # Drawn anew (the page opened again), it is still open, and known now: not announced again.
    page.reload()
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    expect(card.locator('form[data-crew-step="accept"]')).to_be_visible()
    expect(page.locator("#crew-new")).to_be_hidden()
    phone.close()
