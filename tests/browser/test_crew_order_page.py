"""A work order's page on a crew's phone (390 px wide) fits the screen: nothing scrolls
sideways, the forms of the next step included."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from tests.base import PASSWORD
from tests.browser.conftest import log_in
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job

pytestmark = pytest.mark.browser

# What sticks out past the right edge, for the failure message.
WIDER = """() => { const w = document.documentElement.clientWidth;
  return [document.documentElement.scrollWidth, [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > w + 1)
    .map((e) => e.tagName + (e.name ? "[name=" + e.name + "]" : "")).slice(0, 5)]; }"""


@pytest.mark.parametrize("job", ["own", "joined"])
@pytest.mark.parametrize("who", ["crew1", "chief"])
def test_the_work_order_page_fits_a_phone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace, who: str, job: str
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    order = plain_job(cast) if job == "own" else outage_job(cast)[1]
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    log_in(page, url, who, PASSWORD)
    page.goto(f"{url}/desk/orders/{order.pk}/")
    expect(page.get_by_role("heading", name=order.number)).to_be_visible()
    if job == "own":
        expect(page.locator("textarea[name=note]")).to_be_visible()  # the form of "resolved"
    else:
        # An outage's order follows its outage: no step of its own, a link to the outage.
        expect(page.get_by_test_id("follows-outage")).to_be_visible()
        expect(page.get_by_test_id("go-to-outage")).to_be_visible()
        expect(page.locator("input[name=to]")).to_have_count(0)
    width, wider = page.evaluate(WIDER)
    assert width <= 390, (width, wider)
    phone.close()


def test_a_joined_order_s_page_offers_no_crew_step_and_leads_to_its_outage(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    """The walkthrough's finding: "撤回派工" on an outage's order put it back to 已受理 while the
    outage stayed dispatched. Its page now offers none of the crew's steps, only the outage's
    own recall, and leads to the outage, where the crew is."""
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, order = outage_job(cast)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, url, "chief", PASSWORD)
    page.goto(f"{url}/desk/orders/{order.pk}/")
    actions = page.locator("#actions")
    expect(actions.get_by_test_id("outage-crew")).to_have_text(cast.crew.name)
    for step in ("在途", "已到达", "处理完毕"):
        expect(actions.get_by_role("button", name=step)).to_have_count(0)
    # 撤回派工 here calls the crew off the whole outage (the board's recall), never the order
    # alone (tests/servicedesk/test_order_page_outage_recall.py).
    expect(actions.get_by_role("button", name="撤回派工")).to_have_count(1)
    expect(actions.locator("input[name=to]")).to_have_count(0)
    # A note still is (exact: the add-photos input is named "添加照片").
    expect(actions.get_by_role("button", name="添加", exact=True)).to_be_visible()
    actions.get_by_test_id("go-to-outage").click()
    expect(page.locator(f"#board-outage-{outage.pk}")).to_contain_text(cast.crew.name)
    order.refresh_from_db()
    assert (order.status, order.crew) == ("dispatched", cast.crew)
    context.close()
