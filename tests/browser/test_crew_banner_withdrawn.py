"""The crew phone's banner says no more of a job that has left the phone: "新的紧急任务：…" of a
job withdrawn stayed on every refresh of the list although its card was gone (walk42, 4)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderStatus
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.browser.conftest import crew_list_refreshed, crew_phone, crew_scripts_ready, log_in
from tests.servicedesk.crew_cast import add_crews

pytestmark = pytest.mark.browser


def test_a_withdrawn_job_leaves_the_banner(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    phone, page = crew_phone(browser)
    log_in(page, url, "crew1")
    crew_scripts_ready(page)  # seen once: the phone knows it has no job
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()

    def sent(summary: str, *, urgent: bool) -> WorkOrder:
        order = work_order_create(
            station=cast.station_a,
            user=cast.clerk,
            category=Category.FAULT_REPAIR,
            summary=summary,
            customer=cast.customer,
            urgent=urgent,
        )
        return work_order_dispatch(work_order=order, crew=cast.crew, user=cast.chief)

    first = sent("门口电线打火", urgent=True)
    second = sent("表箱没电", urgent=False)
    crew_list_refreshed(page)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(first.number)
    expect(banner).to_contain_text(second.number)

    # The urgent one withdrawn: its card goes, and the banner says only the other.
    work_order_transition(work_order=first, to_status=WorkOrderStatus.RECEIVED, user=cast.chief)
    crew_list_refreshed(page)
    expect(page.locator(".job", has_text=first.number)).to_have_count(0)
    expect(banner).to_be_visible()
    expect(banner).not_to_contain_text(first.number)
    expect(banner).to_contain_text(second.number)

    # The other given to another crew: nothing left to say, the banner goes, and stays gone.
    work_order_dispatch(work_order=second, crew=cast.other_crew, user=cast.chief)
    crew_list_refreshed(page)
    expect(banner).to_be_hidden()
    crew_list_refreshed(page)
    expect(banner).to_be_hidden()
    phone.close()
