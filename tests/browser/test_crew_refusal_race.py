"""The crew's phone after a device refused at its field: the refusal is said at once on the card,
and a crew who ticks "确认是此设备" and taps before the list is drawn again keeps the tick — the
step goes with it and is taken, the card says "所里已收到", and the list drawn afterwards puts
neither the refused words nor the error back over the step just taken."""

from __future__ import annotations

import time
import types

from playwright.sync_api import Browser, Route, expect

from powerdesk.network.models import GridNode, NodeKind
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrderEvent
from tests.base import PASSWORD
from tests.browser.conftest import (
    SLOW_S,
    crew_list_refreshed,
    crew_scripts_ready,
    log_in,
    off_line_device_refused,
)
from tests.servicedesk.crew_cast import add_crews, plain_job


def test_a_tick_made_before_the_list_is_drawn_again_is_kept_and_taken(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    other = GridNode.objects.create(
        station=cast.station_a,
        feeder=cast.feeder,
        code="ZM-B09-F",
        kind=NodeKind.FUSE,
        parent=cast.breaker,
        name="干海支线01号杆跌落式熔断器",
    )
    order = plain_job(cast)
    for step in ("on_the_way", "on_site"):
        crew_step_take(work_order=order, step=step, user=cast.member, fields={})
    # No service worker: the list's requests are the page's own, which the test holds.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="zh-CN",
        is_mobile=True,
        has_touch=True,
        service_workers="block",
        bypass_csp=True,
    )
    page = phone.new_page()
    log_in(page, url, "crew1", PASSWORD)
    # Tapped before the page's scripts run, a step is a plain form's post and the page is drawn
    # anew by the station: no list is asked for (a loaded machine drew the buttons well before).
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    # From the first tap on, the list is not drawn again until the test lets it (a slow
    # signal): whatever the crew does meanwhile is done on the card as it stands.
    held: list[Route] = []
    let_go: list[bool] = []

    def hold(route: Route) -> None:
        if let_go:
            route.continue_()
        else:
            held.append(route)

    page.route("**/desk/crew/jobs/", hold)
    form = off_line_device_refused(card)
    confirm = form.locator('[data-confirm="other_device"]')
    expect(confirm).to_be_visible()
    confirm.locator("input").check()
    form.locator("button").click()
    saved = card.locator("[data-saved]")
    expect(saved).to_contain_text("所里已收到", timeout=15000)
    assert WorkOrderEvent.objects.filter(work_order=order, note_code="device_elsewhere").exists()
    order.refresh_from_db()
    assert order.device_found == other
    # The list is drawn now: the step taken stays said, the refusal is not put back. (Its
    # request may leave a moment after the step's answer on a loaded machine: waited for, the
    # page's events handled meanwhile.)
    deadline = time.monotonic() + SLOW_S
    while not held:
        assert time.monotonic() < deadline, "the list was never asked for again after the refusal"
        page.wait_for_timeout(100)
    let_go.append(True)
    for route in held:
        route.continue_()
    crew_list_refreshed(page)  # drawn: not only asked for
    expect(saved).to_contain_text("所里已收到")
    expect(form).to_be_hidden()
    expect(card.locator('form[data-crew-step="restored"]')).to_be_visible()
    assert page.locator("#crew-jobs form[data-dirty]").count() == 0
    expect(page.locator("#crew-conflicts")).to_be_hidden()
    screenshot(page, "crew-device-ticked-before-redraw")  # type: ignore[operator]
    phone.close()
