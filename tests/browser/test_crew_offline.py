"""The crew's phone out of signal: steps recorded offline reach the station, with their times,
when the phone is back in reach."""

from __future__ import annotations

import types

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from playwright.sync_api import Browser, expect

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.models import WorkOrder
from tests.base import PASSWORD
from tests.browser.conftest import crew_scripts_ready, log_in, step_answered
from tests.servicedesk.crew_cast import add_crews, outage_job

pytestmark = pytest.mark.browser


def test_steps_recorded_without_signal_reach_the_station_with_their_times(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, order = outage_job(cast)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="zh-CN",
        is_mobile=True,
        has_touch=True,
        # The test's own waits are scripts Playwright evaluates; the site's policy forbids
        # evaluating strings (the site's scripts are its files, which CSP still governs).
        bypass_csp=True,
    )
    page = phone.new_page()
    log_in(page, url, "crew1", PASSWORD)
    expect(page.get_by_role("heading", name="我的任务")).to_be_visible()
    card = page.locator(".job", has_text=order.number)
    expect(card.get_by_test_id("job-outage")).to_contain_text("1 户停电")
    expect(card).to_contain_text("打雷以后整个组都没电了")
    # The service worker keeps the page before the signal goes, and the crew is told so.
    expect(page.locator("#crew-offline-ready")).to_contain_text("没有信号也能打开", timeout=15000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)
    card.get_by_role("button", name="接单").click()
    expect(card.locator("[data-saved]")).to_contain_text("已接单")
    # The job's state says it was taken, not still "dispatched".
    expect(card.get_by_test_id("job-status")).to_contain_text("已接单")
    expect(card.get_by_test_id("job-status")).not_to_contain_text("已派工")
    card.get_by_role("button", name="出发").click()
    # Its own answer, not the acceptance's still said: the signal goes next, and a step still
    # on its way would be kept on the phone with the three below.
    step_answered(card, "已出发")
    expect(page.locator("#crew-sync-status")).to_be_hidden()

    phone.set_offline(True)
    card.get_by_role("button", name="已到达").click()
    expect(card.locator("[data-saved]")).to_contain_text("保存在手机上")
    card.get_by_label("查明原因").select_option("lightning")
    expect(card.get_by_label("查明原因")).to_have_value("lightning")
    card.get_by_role("button", name="登记原因").click()
    card.get_by_role("button", name="已复电").click()
    expect(page.locator("#crew-sync-status")).to_contain_text("3 个步骤")
    # The card says the latest step kept on the phone, waiting for signal — not "accepted".
    status = card.get_by_test_id("job-status")
    expect(status).to_contain_text("已复电（存在手机上，等信号发送）")
    expect(status).not_to_contain_text("已接单")
    screenshot(page, "crew-phone-offline")  # type: ignore[operator]
    page.reload()  # without signal, the page comes from the phone
    expect(page.locator(".job", has_text=order.number)).to_be_visible()
    expect(card.get_by_test_id("job-status")).to_contain_text("已复电（存在手机上")
    order.refresh_from_db()
    assert order.arrived_at is None
    made = page.evaluate(
        """() => new Promise((ok) => { const r = indexedDB.open("powerdesk-crew", 1);
        r.onsuccess = () => { const q = r.result.transaction("queue").objectStore("queue").getAll();
        q.onsuccess = () => ok(q.result.map((i) => [i.step, i.made_at])); }; })"""
    )
    times = dict(made)

    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    # Three steps at once, power back among them (the outage restored, its texts): the station
    # took 14.5 s to answer them on PostgreSQL under load.
    expect(page.get_by_text("班组目前没有任务。")).to_be_visible(timeout=30_000)
    # The finished job left the list; what was sent is said above it, with its time.
    expect(page.get_by_test_id("crew-done")).to_contain_text("已发送")
    expect(page.get_by_test_id("crew-done")).to_contain_text(order.number)
    order.refresh_from_db()
    outage.refresh_from_db()
    assert outage.status == Outage.Status.RESTORED
    assert order.arrived_at == parse_datetime(times["on_site"])
    assert outage.restored_at == parse_datetime(times["restored"])
    assert WorkOrder.objects.get(pk=order.pk).status == "resolved"
    phone.close()


def test_steps_refused_after_the_office_restored_are_one_line_in_plain_words(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    """Offline: set out, arrived, cause, restored; meanwhile the office restored the outage.
    Back online the crew reads one line, in the order the steps were made, saying what the
    office did and when — not four lines in the state machine's words."""
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, order = outage_job(cast)
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, bypass_csp=True
    )
    page = phone.new_page()
    log_in(page, url, "crew1", PASSWORD)
    crew_scripts_ready(page)  # tapped before, the steps are plain form posts
    card = page.locator(".job", has_text=order.number)
    card.get_by_role("button", name="接单").click()
    step_answered(card, "已接单")

    phone.set_offline(True)
    card.get_by_role("button", name="出发").click()
    card.get_by_role("button", name="已到达").click()
    card.get_by_label("查明原因").select_option("tree")
    card.get_by_role("button", name="登记原因").click()
    card.get_by_role("button", name="已复电").click()
    expect(page.locator("#crew-sync-status")).to_contain_text("4 个步骤")
    # the office, while the crew had no signal
    outage_restore(outage=outage, user=cast.clerk, cause="unknown", how="remote")
    outage.refresh_from_db()
    assert outage.restored_at is not None
    office_time = f"{timezone.localtime(outage.restored_at):%H:%M}"

    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    lines = page.locator("#crew-conflicts li")
    expect(lines).to_have_count(1, timeout=15000)
    line = lines.first
    expect(line).to_contain_text(f"所里已于 {office_time} 登记复电，这些步骤不再需要。")
    text = line.inner_text()
    said = [text.index(f"“{step}”") for step in ("已出发", "已到达", "查明原因", "已复电")]
    assert said == sorted(said), text  # in the order they were made
    assert "不能变为" not in text and "请先登记到达" not in text
    line.get_by_role("button", name="知道了").click()
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    phone.close()
