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

from collections.abc import Callable

import pytest
from playwright.sync_api import Route, expect

from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from tests.browser.conftest import (
    PHOTOS_URL,
    SLOW_S,
    PhotoJob,
    crew_scripts_ready,
    db_eventually,
)

pytestmark = pytest.mark.browser

PHONE_375 = {"viewport": {"width": 375, "height": 812}}
# The phone says it has almost no room left (a full phone): the photo cannot be kept.
FULL_PHONE = """
if (navigator.storage) navigator.storage.estimate = () => Promise.resolve({quota: 1000, usage: 900});
"""


def test_a_photo_taken_without_signal_is_sent_after_the_step_once(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(**PHONE_375)
    order, page = job.order, job.page
    job.worker_ready()
    job.phone.set_offline(True)
    job.resolve_kept()
    line = job.photos_line
    expect(line).to_have_count(1)
    expect(line).to_contain_text(order.number)
    # Kept on the phone: the page opened again without signal still has it.
    page.reload()
    crew_scripts_ready(page)
    expect(job.photos_line).to_contain_text(order.number)
    assert not WorkOrderPhoto.objects.filter(work_order=order).exists()

    job.online()
    db_eventually(lambda: WorkOrderPhoto.objects.filter(work_order=order).exists(), "the photo")
    expect(page.get_by_test_id("crew-photos-sent")).to_contain_text(order.number)
    # The step said sent once ("online" and the page's own call at once read the queue once).
    expect(page.get_by_test_id("crew-done").locator("li:not([data-testid])")).to_have_count(1)
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    expect(job.card).to_have_count(0)
    # Signal coming and going, the tick and a tap at once: nothing is sent twice.
    job.everything_that_sends()
    assert WorkOrderPhoto.objects.filter(work_order=order).count() == 1
    # The history says the photo once, after the step.
    lines = list(
        WorkOrderEvent.objects.filter(work_order=order).values_list("note_code", flat=True)
    )
    assert lines.count("photos_added") == 1


def test_a_photo_the_phone_cannot_keep_says_where_to_send_it(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(init_script=FULL_PHONE, **PHONE_375)
    order, page = job.order, job.page
    job.phone.set_offline(True)
    job.resolve_kept()
    line = job.photos_line
    expect(line).to_contain_text(order.number)
    where = line.locator("a")
    expect(where).to_have_attribute("href", f"/desk/orders/{order.pk}/")
    job.online()
    expect(job.card).to_have_count(0, timeout=SLOW_S * 1000)
    # The job left the list; its line stays, saying where, until the crew drops it.
    expect(line).to_contain_text(order.number)
    line.locator("button").click()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    page.reload()
    crew_scripts_ready(page)
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    assert not WorkOrderPhoto.objects.filter(work_order=order).exists()


def test_an_error_page_for_the_photos_is_not_answered_by_sending_them_forever(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(**PHONE_375)
    order, page = job.order, job.page
    # The station's answers to the photos, as a proxy or Django's own pages give them.
    answers = [(500, "<h1>Server Error (500)</h1>"), (403, "<h1>403 Forbidden</h1><p>CSRF</p>")]
    sent: list[str] = []

    def station(route: Route) -> None:
        status, body = answers[min(len(sent), len(answers) - 1)]
        sent.append(route.request.method)
        route.fulfill(status=status, content_type="text/html; charset=utf-8", body=body)

    page.route(PHOTOS_URL, station)

    job.phone.set_offline(True)
    job.resolve_kept()
    job.online()
    job.sent_at_last(sent, 1)
    line = job.photos_line
    expect(line).to_contain_text(order.number)

    # 500: not sent again at once (the tick, "online", a tap), but later.
    job.everything_that_sends()
    assert len(sent) == 1
    expect(line.locator("a")).to_have_count(0)
    job.later(2 * 60)
    page.evaluate("powerdeskCrew.sendPhotos()")
    job.sent_at_last(sent, 2)
    # 403 (a page, not the station's JSON): final. Said, with the order's page.
    expect(line).to_contain_text("403")
    expect(line.locator("a")).to_have_attribute("href", f"/desk/orders/{order.pk}/")
    job.later(60 * 60)
    job.everything_that_sends()
    page.reload()
    crew_scripts_ready(page)
    job.everything_that_sends()
    assert len(sent) == 2
    expect(line).to_contain_text("403")
    assert not WorkOrderPhoto.objects.filter(work_order=order).exists()
    line.locator("button").click()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
