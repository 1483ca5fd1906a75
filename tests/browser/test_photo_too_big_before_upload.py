"""A photo over the bound is refused on the crew's phone as it is chosen, before anything is sent
(walk46, finding 8): the field says the types and the bound beforehand, from the server's own
bound, and a file too large is named at the field; the form is not sent, nothing is stored."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.lib.photos import PHOTO_MAX_BYTES
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder, WorkOrderPhoto
from tests.browser.conftest import crew_phone
from tests.images import phone_jpeg
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job

pytestmark = pytest.mark.browser


def test_a_photo_too_large_is_refused_before_it_is_sent(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast)
    on_site(cast, order)
    crew_step_take(
        work_order=order,
        step="cause_found",
        user=cast.member,
        fields={"cause": "表箱内空开烧坏", "device": cast.fuse.code},
    )
    phone, page = crew_phone(browser, url)
    card = page.locator(".job", has_text=order.number)
    form = card.locator('form[data-crew-step="restored"]')
    expect(form).to_be_visible()
    mb = PHOTO_MAX_BYTES // (1024 * 1024)
    # Said before anything is chosen: the types and the bound.
    rules = form.get_by_test_id("crew-photos-limit")
    expect(rules).to_contain_text("JPEG/PNG/WebP/HEIC")
    expect(rules).to_contain_text(f"{mb} MB")
    form.locator("textarea[name=note]").fill("更换表箱内空开，已复电")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    photos = form.locator("input[name=photos]")
    big = phone_jpeg() + b"\0" * (PHOTO_MAX_BYTES + 1)
    photos.set_input_files(
        [
            {"name": "表箱.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg()},
            {"name": "bigreal.jpg", "mimeType": "image/jpeg", "buffer": big},
        ]
    )
    said = form.locator("[data-photo-too-big-said]")
    expect(said).to_be_visible()
    expect(said).to_contain_text("bigreal.jpg")
    expect(said).to_contain_text(f"{mb} MB")
    expect(said).not_to_contain_text("表箱.jpg")
    expect(photos).to_have_attribute("aria-invalid", "true")
    form.locator("button").click()
    page.wait_for_timeout(500)
    assert sent == []  # nothing went up the village's mobile data
    expect(form.locator("textarea[name=note]")).to_have_value("更换表箱内空开，已复电")
    # The large one taken out: the form is sent, the photo stored.
    photos.set_input_files([{"name": "表箱.jpg", "mimeType": "image/jpeg", "buffer": phone_jpeg()}])
    expect(said).to_be_hidden()
    form.locator("button").click()
    page.wait_for_load_state("load")
    for _ in range(60):
        if WorkOrder.objects.get(pk=order.pk).status == "resolved":
            break
        page.wait_for_timeout(250)
    assert WorkOrder.objects.get(pk=order.pk).status == "resolved"
    assert WorkOrderPhoto.objects.filter(work_order=order).count() == 1
    phone.close()
