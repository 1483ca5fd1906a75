"""Photos kept on the crew's phone with a step made without signal (crew_photos.js), the answers
fix63b gave them checked once by a throwaway test only (review61 M3, L2; fix63b's leftover):
- the station not answering six times: the line says so and offers "重新发送" (send them again),
  which sends them, once;
- the crew logged out while a photo waits (another tab, the session's end): nothing more is
  sent, the line asks to log in again and links the login page, back on the crew page after
  it; logged in, the photo is sent, once;
- photos the station refuses, none of them a picture it takes (a file that is not a picture, a
  picture too big in pixels, which the phone cannot tell before sending): the line says each
  discarded and why, links the order's page, nothing is stored nor sent again, and "知道了" (seen)
  takes the line away (a good photo beside them is stored: test_crew_photos_each.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Route, expect

from powerdesk.servicedesk.models import WorkOrderEvent, WorkOrderPhoto
from tests.base import PASSWORD, zh
from tests.browser.conftest import PHOTOS_URL, SLOW_S, PhotoJob, db_eventually
from tests.images import picture

pytestmark = pytest.mark.browser

PHONE_375 = {"viewport": {"width": 375, "height": 812}}


def stored_once(job: PhotoJob) -> None:
    """The photo on the order once, said once in its history and on the phone; its line gone."""
    db_eventually(lambda: WorkOrderPhoto.objects.filter(work_order=job.order).exists(), "photo")
    expect(job.page.get_by_test_id("crew-photos-sent")).to_contain_text(job.order.number)
    expect(job.page.get_by_test_id("crew-photos")).to_be_hidden()
    job.everything_that_sends()
    assert WorkOrderPhoto.objects.filter(work_order=job.order).count() == 1
    notes = WorkOrderEvent.objects.filter(work_order=job.order, note_code="photos_added")
    assert notes.count() == 1


def test_after_six_tries_unanswered_send_them_again_sends_them_once(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(**PHONE_375)
    sent: list[str] = []

    def station(route: Route) -> None:
        # Six error pages, then the station itself.
        sent.append(route.request.method)
        if len(sent) <= 6:
            route.fulfill(status=502, content_type="text/html", body="<h1>502 Bad Gateway</h1>")
        else:
            route.fallback()

    job.page.route(PHOTOS_URL, station)
    job.phone.set_offline(True)
    job.resolve_kept()
    job.online()
    job.sent_at_last(sent, 1)
    line = job.photos_line
    again = line.get_by_role("button", name="重新发送")
    for n in range(2, 7):
        # Tried again when its time comes (30 s, then each wait doubled), not before.
        expect(line).to_contain_text("所里没有回应")
        expect(again).to_have_count(0)
        job.everything_that_sends()
        assert len(sent) == n - 1
        job.later(20 * 60)
        job.page.evaluate("powerdeskCrew.sendPhotos()")
        job.sent_at_last(sent, n)
    expect(line).to_contain_text("所里一直没有回应（已试 6 次）")
    expect(line.locator("a")).to_have_attribute("href", f"/desk/orders/{job.order.pk}/")
    # Given up: nothing sends them again by itself, even much later.
    job.later(24 * 60 * 60)
    job.everything_that_sends()
    assert len(sent) == 6
    assert not WorkOrderPhoto.objects.filter(work_order=job.order).exists()
    again.click()
    job.sent_at_last(sent, 7)
    stored_once(job)
    assert len(sent) == 7


def test_logged_out_while_a_photo_waits_it_is_sent_once_logged_in_again(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(**PHONE_375)
    page = job.page
    sent: list[str] = []

    def station(route: Route) -> None:
        # The first sending lost on the way (the signal gone again): it waits 30 s.
        sent.append(route.request.method)
        if len(sent) == 1:
            route.abort("internetdisconnected")
        else:
            route.fallback()

    page.route(PHOTOS_URL, station)
    job.phone.set_offline(True)
    job.resolve_kept()
    job.online()
    job.sent_at_last(sent, 1)
    line = job.photos_line
    expect(line).to_contain_text("所里没有回应")
    # Logged out in another tab of the phone meanwhile (a page without the crew's scripts).
    other = job.phone.new_page()
    other.goto(page.url.replace("/desk/crew/", "/accounts/password/"))
    with other.expect_navigation():
        other.locator("form[action$='/logout/'] button").click()
    other.close()
    job.later(2 * 60)
    page.evaluate("powerdeskCrew.sendPhotos()")
    job.sent_at_last(sent, 2)
    expect(line).to_contain_text("重新登录后发送")
    login = line.get_by_role("link", name="登录")
    expect(login).to_have_attribute("href", "/accounts/login/?next=/desk/crew/")
    # Logged out: nothing is sent again, whatever asks.
    job.later(60 * 60)
    job.everything_that_sends()
    assert len(sent) == 2
    assert not WorkOrderPhoto.objects.filter(work_order=job.order).exists()
    login.click()
    page.get_by_label("用户名").fill("crew1")
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="登录").click()
    assert page.url.endswith("/desk/crew/")
    # Waited in the page: the route answers the sending only while Playwright is called (it
    # passed only when the page sent it before its load event, a race).
    job.sent_at_last(sent, 3)
    stored_once(job)
    assert len(sent) == 3


def test_photos_the_station_refuses_are_said_and_never_sent_again(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(**PHONE_375)
    page = job.page
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/photos/") else None)
    # 100 million pixels in a few KB: the phone cannot tell, the station refuses it.
    huge = picture("PNG", (10_000, 10_000), mode="1")
    job.phone.set_offline(True)
    job.resolve_kept(
        [
            {"name": "工作票.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 ..."},
            {"name": "全景.png", "mimeType": "image/png", "buffer": huge},
        ]
    )
    job.online()
    line = job.photos_line
    expect(line).to_contain_text("工作票.pdf", timeout=SLOW_S * 1000)
    expect(line).to_contain_text("全景.png")
    expect(line).to_contain_text(
        zh("Job {number}: discarded: {reason}")
        .split("{reason}")[0]
        .replace("{number}", job.order.number)
    )
    expect(line.locator("a")).to_have_attribute("href", f"/desk/orders/{job.order.pk}/")
    assert len(sent) == 1
    job.later(60 * 60)
    job.everything_that_sends()
    page.reload()
    job.everything_that_sends()
    expect(job.photos_line).to_contain_text("工作票.pdf")
    assert len(sent) == 1
    assert not WorkOrderPhoto.objects.filter(work_order=job.order).exists()
    job.photos_line.get_by_role("button", name=zh("Seen")).click()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    page.reload()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
