"""Files that are not pictures among the photos of "处理完毕" on the crew's phone (walk #26 item 4):
refused at the photo field, every such file named, not only the first; what was typed is kept,
nothing is saved (no photo, no step)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from powerdesk.servicedesk.models import WorkOrder, WorkOrderPhoto
from tests.browser.conftest import PHOTO, PhotoJob

pytestmark = pytest.mark.browser


def test_every_file_that_is_not_a_picture_is_named_at_the_photo_field(
    photo_job: Callable[..., PhotoJob],
) -> None:
    job = photo_job()
    order, page = job.order, job.page
    job.choose(
        [
            {**PHOTO, "name": "表箱.jpg"},
            {"name": "工作票.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 ..."},
            {"name": "记录.txt", "mimeType": "text/plain", "buffer": "处理记录".encode()},
        ],
        note="更换表箱内空开，已复电",
    ).locator("button").click()
    form = job.done_form
    error = form.locator('[data-field-error="photos"]')
    expect(error).to_be_visible(timeout=15000)
    expect(error).to_contain_text("工作票.pdf")
    expect(error).to_contain_text("记录.txt")
    expect(error).not_to_contain_text("表箱.jpg")  # the picture is not blamed
    expect(form.locator("input[name=photos]")).to_have_attribute("aria-invalid", "true")
    expect(form.locator("textarea[name=note]")).to_have_value("更换表箱内空开，已复电")
    # The top of the page names neither file: it points to the field.
    top = page.locator("ul.messages")
    expect(top).to_contain_text(order.number)
    expect(top).not_to_contain_text("工作票.pdf")
    assert not WorkOrderPhoto.objects.filter(work_order=order).exists()
    assert WorkOrder.objects.get(pk=order.pk).status != "resolved"
