"""A group leader on a phone, after the dispatcher gave power back to part of the outage: their
village page says how much of the village and of their group has power back, and "power is back
in my group" gives way to when they said it — a double tap or a retry stores it once."""

from __future__ import annotations

import datetime as dt
import types

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.community.models import LiaisonActivity
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.services import outage_declare
from tests.base import zh
from tests.browser.conftest import log_in
from tests.outage_cast_liaisons import group_leader
from tests.test_liaison_step_back import counts, second_branch


def test_a_group_leader_sees_part_of_the_village_back_and_says_it_once(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    _group2, fuse2 = second_branch(cast)
    group_leader(cast)
    start = timezone.now() - dt.timedelta(hours=2)
    outage = outage_declare(
        station=cast.station_a,
        user=cast.chief,
        device=cast.breaker,
        kind=Outage.Kind.UNPLANNED,
        starts_at=start,
    )
    step_at = start + dt.timedelta(minutes=50)
    outage_restore_part(outage=outage, user=cast.chief, still_open=[fuse2], at=step_at)

    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "bb")
    expect(page.get_by_role("heading", level=1)).to_have_text("左门")
    outages = page.get_by_test_id("village-outages")
    expect(outages.get_by_test_id("liaison-partly")).to_have_text("部分复电")
    part = outages.get_by_test_id("liaison-part")
    expect(part).to_contain_text(counts("左门", 1, 2))
    expect(part).to_contain_text(counts("哔叭", 1, 0))
    expect(part).to_contain_text(f"{timezone.localtime(step_at):%m-%d %H:%M}")
    # The group leader says it for their own group: no list of groups to choose from.
    form = outages.get_by_test_id("liaison-power-back")
    expect(form.locator("select")).to_have_count(0)
    screenshot(page, "liaison-step-back", full_page=True)  # type: ignore[operator]
    form.get_by_role("button", name="我组已来电").dblclick()
    expect(outages.get_by_test_id("liaison-reported")).to_contain_text(zh("Reported power back"))
    expect(outages.get_by_role("button", name="我组已来电")).to_have_count(0)
    event = OutageEvent.objects.get(outage=outage, what="liaison_on")
    expect(outages.get_by_test_id("liaison-reported")).to_contain_text(
        f"{timezone.localtime(event.at):%H:%M}"
    )
    # Back to the page that still offered the button, and pressed again: stored once.
    page.go_back()
    again = page.get_by_role("button", name="我组已来电")
    if again.count():
        again.click()
        expect(page.get_by_test_id("liaison-reported")).to_be_visible()
    assert OutageEvent.objects.filter(outage=outage, what="liaison_on").count() == 1
    assert LiaisonActivity.objects.filter(kind=LiaisonActivity.Kind.POWER_BACK).count() == 1
