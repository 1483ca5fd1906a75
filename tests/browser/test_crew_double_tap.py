"""The crew's phone with signal: a double tap on a step sends it once and says it was taken
(never "not taken by the station"); a device off the job's line is refused at its field with
what was typed kept, and the phone never said it was kept for later."""

from __future__ import annotations

import json
import types

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from tests.base import PASSWORD
from tests.browser.conftest import (
    crew_list_refreshed,
    crew_phone,
    crew_scripts_ready,
    log_in,
    off_line_device_refused,
)
from tests.servicedesk.crew_cast import add_crews, on_site, other_branch_fuse, plain_job

pytestmark = pytest.mark.browser

# Every word said on a card's "saved" line, as the page says it (however briefly).
WATCH_SAID = """
window.__said = [];
new MutationObserver(function () {
  document.querySelectorAll("[data-saved]").forEach(function (line) {
    if (line.textContent && window.__said.indexOf(line.textContent) < 0) {
      window.__said.push(line.textContent);
    }
  });
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def _phone(
    browser: Browser, url: str, order: WorkOrder
) -> tuple[BrowserContext, Page, Locator, list[str]]:
    phone, page = crew_phone(browser, bypass_csp=True)  # the test's own script (WATCH_SAID)
    page.add_init_script(WATCH_SAID)
    sent: list[str] = []  # the ids of the steps in each batch the phone sent

    def count(request):  # type: ignore[no-untyped-def]
        if request.method == "POST" and request.url.endswith("/desk/crew/sync/"):
            items = json.loads(request.post_data or "{}").get("items", [])
            sent.extend(item["client_id"] for item in items)

    page.on("request", count)
    log_in(page, url, "crew1", PASSWORD)
    crew_scripts_ready(page)
    return phone, page, page.locator(".job", has_text=order.number), sent


def test_a_double_tap_on_set_out_is_one_step_taken(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    phone, page, card, sent = _phone(browser, url, order)
    card.locator('form[data-crew-step="on_the_way"] button').dblclick()
    expect(card.locator("[data-saved]")).to_contain_text("所里已收到", timeout=15000)
    expect(card.locator('form[data-crew-step="on_site"]')).to_be_visible()
    page.wait_for_timeout(500)  # a second send, if any, would have gone by now
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    # One step made, whatever the batches: a batch sent again while the first's answer was
    # being settled carries the same step (its id), which the station takes once.
    assert len(set(sent)) == 1, sent
    moves = WorkOrderEvent.objects.filter(work_order=order, kind="status", to_status="on_the_way")
    assert moves.count() == 1
    screenshot(page, "crew-double-tap")  # type: ignore[operator]
    phone.close()


def test_a_device_off_the_job_s_line_is_refused_at_its_field_with_the_words_kept(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    other = other_branch_fuse(cast)
    order = plain_job(cast)
    on_site(cast, order)
    phone, page, card, _sent = _phone(browser, url, order)
    form = off_line_device_refused(card)
    expect(form.locator('input[name="cause"]')).to_have_value("熔丝熔断")
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    said = page.evaluate("window.__said")
    assert not any("保存在手机上" in words for words in said), said
    screenshot(page, "crew-device-off-line")  # type: ignore[operator]
    # The crew is sure (the account on the order is wrong): ticked, it is taken. (Ticked once the
    # list has been drawn again after the refusal, as a person reading the words would.)
    crew_list_refreshed(page, drawn=False)  # held back: the refused form is being filled in
    expect(form.locator('[data-field-error="device"]')).to_be_visible()
    confirm = form.locator('[data-confirm="other_device"]')
    expect(confirm).to_be_visible()
    confirm.locator("input").check()
    form.locator("button").click()
    expect(card.locator("[data-saved]")).to_contain_text("所里已收到", timeout=15000)
    order.refresh_from_db()
    assert order.device_found == other
    assert WorkOrderEvent.objects.filter(work_order=order, note_code="device_elsewhere").exists()
    phone.close()
