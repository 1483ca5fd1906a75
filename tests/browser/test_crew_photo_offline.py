"""A photo chosen with 处理完毕 without signal (walk61, M1): it was dropped, and the phone told the
crew to send it "later in this job", which had left the list once the step was sent. Now it is
kept on the phone with the step, through a reload from the phone's copy, and sent after the step
when the signal is back, once; a photo the phone cannot keep (no room) says where it can still
be sent (the order's page) and its job's line stays until the crew drops it.

An answer of the station that is not JSON (review61 M3: a 500 page, a CSRF 403, a 404, a 413)
left the photos "waiting", and the phone uploaded them again at every tick, "online" and redraw,
forever: now a 5xx is tried again later (waiting longer each time, a bounded number of times),
and a 4xx is final: the line says why, names the order's page and offers "do not send them"."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderPhoto
from tests.browser.conftest import SLOW_S, crew_phone, crew_scripts_ready, db_eventually
from tests.images import phone_jpeg
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job

pytestmark = pytest.mark.browser

PHONE_375 = {"viewport": {"width": 375, "height": 812}}
# The phone says it has almost no room left (a full phone): the photo cannot be kept.
FULL_PHONE = """
if (navigator.storage) navigator.storage.estimate = () => Promise.resolve({quota: 1000, usage: 900});
"""


def _job_at_cause(cast: types.SimpleNamespace) -> WorkOrder:
    add_crews(cast)
    order = plain_job(cast)
    on_site(cast, order)
    crew_step_take(
        work_order=order,
        step="cause_found",
        user=cast.member,
        fields={"cause": "低压线路接头烧断", "device": cast.fuse.code},
    )
    return order


def _resolve_with_photo(page: Page, number: str) -> None:
    card = page.locator(".job", has_text=number)
    form = card.locator('form[data-crew-step="restored"]')
    expect(form).to_be_visible()
    form.locator("textarea[name=note]").fill("更换接头，已恢复供电")
    form.locator("input[name=photos]").set_input_files(
        [{"name": "接头.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg()}]
    )
    form.locator("button").click()
    expect(card.locator("[data-saved]")).to_contain_text("保存在手机上")


def test_a_photo_taken_without_signal_is_sent_after_the_step_once(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    order = _job_at_cause(cast)
    phone, page = crew_phone(browser, url, **PHONE_375)
    expect(page.locator("#crew-offline-ready")).to_be_visible(timeout=SLOW_S * 1000)
    db_eventually(
        lambda: page.evaluate("navigator.serviceWorker.controller !== null"), "the page kept"
    )
    phone.set_offline(True)
    _resolve_with_photo(page, order.number)
    line = page.get_by_test_id("crew-photos-line")
    expect(line).to_have_count(1)
    expect(line).to_contain_text(order.number)
    # Kept on the phone: the page opened again without signal still has it.
    page.reload()
    crew_scripts_ready(page)
    expect(page.get_by_test_id("crew-photos-line")).to_contain_text(order.number)
    assert not WorkOrderPhoto.objects.filter(work_order=order).exists()

    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    db_eventually(lambda: WorkOrder.objects.get(pk=order.pk).status == "resolved", "resolved")
    db_eventually(lambda: WorkOrderPhoto.objects.filter(work_order=order).exists(), "the photo")
    expect(page.get_by_test_id("crew-photos-sent")).to_contain_text(order.number)
    # The step said sent once ("online" and the page's own call at once read the queue once).
    expect(page.get_by_test_id("crew-done").locator("li:not([data-testid])")).to_have_count(1)
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    expect(page.locator(".job", has_text=order.number)).to_have_count(0)
    # Signal coming and going, the tick and a tap at once: nothing is sent twice.
    page.evaluate(
        "Promise.all([powerdeskCrew.sendPhotos(), powerdeskCrew.sendPhotos(),"
        " powerdeskCrew.flush(true), window.dispatchEvent(new Event('online'))])"
    )
    page.wait_for_timeout(1500)
    assert WorkOrderPhoto.objects.filter(work_order=order).count() == 1
    # The history says the photo once, after the step.
    lines = list(
        WorkOrderEvent.objects.filter(work_order=order).values_list("note_code", flat=True)
    )
    assert lines.count("photos_added") == 1
    phone.close()


def test_a_photo_the_phone_cannot_keep_says_where_to_send_it(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    order = _job_at_cause(cast)
    phone, page = crew_phone(browser, None, **PHONE_375)
    page.add_init_script(FULL_PHONE)
    from tests.browser.conftest import log_in

    log_in(page, url, "crew1")
    crew_scripts_ready(page)
    phone.set_offline(True)
    _resolve_with_photo(page, order.number)
    line = page.get_by_test_id("crew-photos-line")
    expect(line).to_contain_text(order.number)
    where = line.locator("a")
    expect(where).to_have_attribute("href", f"/desk/orders/{order.pk}/")
    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    db_eventually(lambda: WorkOrder.objects.get(pk=order.pk).status == "resolved", "resolved")
    expect(page.locator(".job", has_text=order.number)).to_have_count(0, timeout=SLOW_S * 1000)
    # The job left the list; its line stays, saying where, until the crew drops it.
    expect(line).to_contain_text(order.number)
    line.locator("button").click()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    page.reload()
    crew_scripts_ready(page)
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    assert not WorkOrderPhoto.objects.filter(work_order=order).exists()
    phone.close()


def test_an_error_page_for_the_photos_is_not_answered_by_sending_them_forever(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    order = _job_at_cause(cast)
    phone, page = crew_phone(browser, url, **PHONE_375)
    # The station's answers to the photos, as a proxy or Django's own pages give them.
    answers = [(500, "<h1>Server Error (500)</h1>"), (403, "<h1>403 Forbidden</h1><p>CSRF</p>")]
    sent: list[str] = []

    def station(route: Route) -> None:
        status, body = answers[min(len(sent), len(answers) - 1)]
        sent.append(route.request.method)
        route.fulfill(status=status, content_type="text/html; charset=utf-8", body=body)

    page.route("**/desk/crew/*/photos/", station)

    def sent_at_last(n: int) -> None:
        # (waited in the page: the route's answers are given while Playwright is called)
        for _ in range(100):
            if len(sent) >= n:
                break
            page.wait_for_timeout(200)
        assert len(sent) == n

    phone.set_offline(True)
    _resolve_with_photo(page, order.number)
    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    db_eventually(lambda: WorkOrder.objects.get(pk=order.pk).status == "resolved", "resolved")
    sent_at_last(1)
    line = page.get_by_test_id("crew-photos-line")
    expect(line).to_contain_text(order.number)

    def everything_that_sends() -> None:
        page.evaluate(
            "Promise.all([powerdeskCrew.sendPhotos(), powerdeskCrew.sendPhotos(),"
            " powerdeskCrew.flush(true), window.dispatchEvent(new Event('online'))])"
        )
        page.wait_for_timeout(1500)

    # 500: not sent again at once (the tick, "online", a tap), but later.
    everything_that_sends()
    assert len(sent) == 1
    expect(line.locator("a")).to_have_count(0)
    page.clock.set_system_time(page.evaluate("Date.now()") / 1000 + 2 * 60)
    page.evaluate("powerdeskCrew.sendPhotos()")
    sent_at_last(2)
    # 403 (a page, not the station's JSON): final. Said, with the order's page.
    expect(line).to_contain_text("403")
    expect(line.locator("a")).to_have_attribute("href", f"/desk/orders/{order.pk}/")
    page.clock.set_system_time(page.evaluate("Date.now()") / 1000 + 60 * 60)
    everything_that_sends()
    page.reload()
    crew_scripts_ready(page)
    everything_that_sends()
    assert len(sent) == 2
    expect(line).to_contain_text("403")
    assert not WorkOrderPhoto.objects.filter(work_order=order).exists()
    line.locator("button").click()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    phone.close()
