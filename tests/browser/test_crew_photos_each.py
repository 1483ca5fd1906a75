"""The crew's photos judged each on its own, on a phone of 375 px (walk64 M5, L1).

M5: offline, 处理完毕 with fake.jpg (a text file renamed) and good.jpg. Back online the step was
sent and the one sending of the photos refused whole: good.jpg was lost too, and the phone said
"请去掉这些文件后重新选择照片" of a job it no longer had. Now good.jpg is stored, and the line
says fake.jpg was discarded and why, and where photos can still be added (the order's page,
上传照片), until the crew has seen it.

L1: the bound of pixels said in Chinese numbers (8000 万, never 80 百万); and each choice of
photos judged anew: after fake.jpg was refused at the field, choosing huge.jpg showed its own
refusal with the stale fake.jpg line still beneath it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import pytest
from django.utils import translation
from playwright.sync_api import expect

from powerdesk.lib.photos import PHOTO_MAX_BYTES
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent, WorkOrderPhoto
from tests.base import zh
from tests.browser.conftest import PHOTO, SLOW_S, PhotoJob, db_eventually
from tests.images import picture

pytestmark = pytest.mark.browser

PHONE_375 = {"viewport": {"width": 375, "height": 812}}
FAKE = {"name": "fake.jpg", "mimeType": "image/jpeg", "buffer": b"a text file, renamed .jpg"}
GOOD = {**PHOTO, "name": "good.jpg"}
NOT_A_PHOTO = "%(name)s is not a photo (JPEG, PNG, WebP or HEIC)."


def test_offline_a_fake_and_a_good_photo_the_good_one_is_stored_the_fake_one_discarded(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(**PHONE_375)
    order, page = job.order, job.page
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/photos/") else None)
    job.phone.set_offline(True)
    job.resolve_kept([FAKE, GOOD])
    job.online()
    db_eventually(lambda: WorkOrderPhoto.objects.filter(work_order=order).exists(), "good.jpg")
    expect(page.get_by_test_id("crew-photos-sent")).to_contain_text(order.number)
    line = job.photos_line
    expect(line).to_have_count(1)
    discarded = zh("Job {number}: discarded: {reason}").replace("{number}", order.number)
    expect(line).to_contain_text(
        discarded.replace("{reason}", zh(NOT_A_PHOTO) % {"name": "fake.jpg"})
    )
    expect(line).not_to_contain_text("good.jpg")  # the good one is not blamed
    # Where photos can still be added: the order's page, 上传照片; never "choose them again".
    expect(line).to_contain_text(
        zh("Photos can still be added later on the order’s page, “Add the photos”:")
    )
    expect(line).not_to_contain_text("重新选择")
    where = f"/desk/orders/{order.pk}/"
    expect(line.locator("a")).to_have_attribute("href", where)
    # Nothing of it is sent again, whatever asks, even after a reload.
    job.later(60 * 60)
    job.everything_that_sends()
    page.reload()
    job.everything_that_sends()
    assert len(sent) == 1
    assert WorkOrderPhoto.objects.filter(work_order=order).count() == 1
    notes = WorkOrderEvent.objects.filter(work_order=order, note_code="photos_added")
    assert notes.count() == 1
    # No wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Seen: the line goes, for good.
    job.photos_line.get_by_role("button", name=zh("Seen")).click()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    page.reload()
    expect(page.get_by_test_id("crew-photos")).to_be_hidden()
    # The order's page the line named: the crew can still add photos there, the job finished.
    page.goto(urljoin(page.url, where))
    expect(page.get_by_test_id("add-photos")).to_be_visible()
    expect(page.get_by_test_id("add-photos").locator("button")).to_have_text(zh("Add the photos"))


def test_each_choice_clears_the_last_refusals_and_pixels_are_said_in_chinese_numbers(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job(**PHONE_375)
    order = job.order
    # 100 million pixels in a few KB: only the station can tell.
    bomb = {
        "name": "bomb.png",
        "mimeType": "image/png",
        "buffer": picture("PNG", (10_000, 10_000), mode="1"),
    }
    # Sent with a note too long: the step refused, and its photos named at their field (a step
    # taken keeps the good ones and names the rest at the top: walk67 M1).
    job.choose([FAKE, bomb], note="换" * 2001).locator("button").click()
    form = job.done_form
    refused = form.locator('[data-field-error="photos"]')
    expect(refused).to_be_visible(timeout=SLOW_S * 1000)
    expect(refused).to_contain_text(zh(NOT_A_PHOTO) % {"name": "fake.jpg"})
    with translation.override("zh-hans"):
        pixels = translation.pgettext(
            "a count of pixels in ten thousands (万)", "%(n)s × 10,000 pixels"
        ) % {"n": 8000}
    too_many = zh("%(name)s has too many pixels (more than %(pixels)s).")
    expect(refused).to_contain_text(too_many % {"name": "bomb.png", "pixels": pixels})
    expect(refused).not_to_contain_text("百万")
    # huge.jpg chosen instead: its own refusal alone, fake.jpg's line gone.
    photos = form.locator("input[name=photos]")
    huge = {"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": b"\0" * (PHOTO_MAX_BYTES + 1)}
    photos.set_input_files([huge])
    said = form.locator("[data-photo-too-big-said]")
    expect(said).to_be_visible()
    expect(said).to_contain_text("huge.jpg")
    expect(refused).to_be_hidden()
    expect(form).not_to_contain_text("fake.jpg")
    expect(form).not_to_contain_text("bomb.png")
    expect(photos).to_have_attribute("aria-invalid", "true")
    # A good photo chosen: nothing refused is said, and the step goes with it.
    photos.set_input_files([GOOD])
    expect(said).to_be_hidden()
    expect(refused).to_be_hidden()
    expect(photos).not_to_have_attribute("aria-invalid", "true")
    form.locator("textarea[name=note]").fill("更换接头，已恢复供电")
    form.locator("button").click()
    db_eventually(
        lambda: WorkOrder.objects.get(pk=order.pk).status == "resolved", "resolved with it"
    )
    assert WorkOrderPhoto.objects.filter(work_order=order).count() == 1
