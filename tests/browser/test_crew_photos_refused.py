"""Files that are not pictures among the photos of "处理完毕" on the crew's phone, with signal
(walk #26 item 4, walk67 M1): the photos are judged one by one, as the phone's kept photos are
after a step made without signal. The step is taken with the good photo; every file refused is
named with why (not only the first), in the phone's offline words, with the link to the order's
page where photos can still be added; nothing spills past the 375 px screen."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from powerdesk.servicedesk.models import WorkOrder, WorkOrderPhoto
from tests.browser.conftest import PHOTO, PhotoJob

pytestmark = pytest.mark.browser


def test_the_step_is_taken_with_the_good_photo_and_each_other_file_named(
    photo_job: Callable[..., PhotoJob], screenshot: object
) -> None:
    job = photo_job(viewport={"width": 375, "height": 740})
    order, page = job.order, job.page
    job.choose(
        [
            {**PHOTO, "name": "表箱.jpg"},
            {"name": "工作票.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 ..."},
            {"name": "记录.txt", "mimeType": "text/plain", "buffer": "处理记录".encode()},
        ],
        note="更换表箱内空开，已复电",
    ).locator("button").click()
    top = page.locator("ul.messages")
    expect(top).to_contain_text(f"任务 {order.number}：已丢弃：", timeout=15000)
    expect(top).to_contain_text("工作票.pdf")
    expect(top).to_contain_text("记录.txt")
    expect(top).to_contain_text("以后仍可在工单页面用“上传照片”补充照片")
    expect(top).not_to_contain_text("未保存")
    link = top.get_by_test_id("crew-photos-where")
    expect(link).to_have_text(f"工单 {order.number}")
    # The job is done and has left the list; the good photo is the order's.
    expect(page.locator(".job", has_text=order.number)).to_have_count(0)
    assert WorkOrder.objects.get(pk=order.pk).status == "resolved"
    assert WorkOrderPhoto.objects.filter(work_order=order).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    screenshot(page, "crew-photos-discarded-online")  # type: ignore[operator]
    # The order's page, where more photos can be added, opens from the line.
    link.click()
    expect(page).to_have_url(re.compile(rf"/desk/orders/{order.pk}/$"))
