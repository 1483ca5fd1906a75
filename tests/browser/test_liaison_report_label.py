"""The liaison's report box has a label of its own, seen on the phone and read by a screen
reader, not only the example that goes once something is typed (walk46, finding 11)."""

from __future__ import annotations

import types

from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Membership, Role
from tests.base import make_user
from tests.browser.conftest import log_in


def test_the_report_box_is_found_by_its_label(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    liaison = make_user("zm", cast.station_a, full_name="左门村委会 李文华")
    Membership.objects.create(
        user=liaison, station=cast.station_a, role=Role.LIAISON, village=cast.village
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "zm")  # type: ignore[attr-defined]
    form = page.get_by_test_id(f"liaison-report-{cast.village.pk}")
    box = form.get_by_role("textbox", name="问题描述")
    expect(box).to_have_count(1)
    expect(box).to_have_attribute("name", "text")
    label = form.locator("label", has_text="问题描述")
    expect(label).to_be_visible()  # on the screen, not only for a screen reader
    box.fill("哔叭组电杆被水冲歪了")
    expect(form.get_by_label("问题描述")).to_have_value("哔叭组电杆被水冲歪了")
    expect(label).to_be_visible()  # still said once typed in
