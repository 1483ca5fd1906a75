"""A photo over the bound is refused on the crew's phone as it is chosen, before anything is sent
(walk46, finding 8): the field says the types and the bound beforehand, from the server's own
bound, and a file too large is named at the field; the form is not sent, nothing is stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from powerdesk.lib.photos import PHOTO_MAX_BYTES
from powerdesk.servicedesk.models import WorkOrder, WorkOrderPhoto
from tests.browser.conftest import PHOTO, PhotoJob
from tests.images import phone_jpeg

pytestmark = pytest.mark.browser


def test_a_photo_too_large_is_refused_before_it_is_sent(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job()
    order, page = job.order, job.page
    form = job.done_form
    expect(form).to_be_visible()
    mb = PHOTO_MAX_BYTES // (1024 * 1024)
    # Said before anything is chosen: the types and the bound.
    rules = form.get_by_test_id("crew-photos-limit")
    expect(rules).to_contain_text("JPEG/PNG/WebP/HEIC")
    expect(rules).to_contain_text(f"{mb} MB")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    photos = form.locator("input[name=photos]")
    big = phone_jpeg() + b"\0" * (PHOTO_MAX_BYTES + 1)
    job.choose(
        [
            {**PHOTO, "name": "表箱.jpg"},
            {"name": "bigreal.jpg", "mimeType": "image/jpeg", "buffer": big},
        ],
        note="更换表箱内空开，已复电",
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
    photos.set_input_files([{**PHOTO, "name": "表箱.jpg"}])
    expect(said).to_be_hidden()
    form.locator("button").click()
    page.wait_for_load_state("load")
    for _ in range(60):
        if WorkOrder.objects.get(pk=order.pk).status == "resolved":
            break
        page.wait_for_timeout(250)
    assert WorkOrder.objects.get(pk=order.pk).status == "resolved"
    assert WorkOrderPhoto.objects.filter(work_order=order).count() == 1
