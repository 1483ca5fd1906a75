"""In a real browser on the demo station: a caller reports a leaning pole (a hazard); the
order's page names the crew to send with its travel time and workload, as the outage board
does, and one tap sends it."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.demo.builder import DEMO_PASSWORD
from powerdesk.servicedesk.models import WorkOrder
from tests.browser.conftest import log_in
from tests.demo_station import REFERENCE_APPS, load_demo


def test_a_hazard_order_gets_the_suggested_crew_with_its_reasons_and_one_tap_sends_it(
    page: Page, live_server: object, transactional_db: None, screenshot: object
) -> None:
    load_demo(timezone.localdate(), only=REFERENCE_APPS)
    station = Station.objects.get(code="guanglu")
    customer = (
        Customer.objects.filter(station=station, phones__isnull=False, transformer__x__isnull=False)
        .order_by("pk")
        .first()
    )
    assert customer is not None
    number = customer.phones.first().number  # type: ignore[union-attr]

    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "gl_counter", DEMO_PASSWORD)
    page.goto(f"{url}/desk/intake/")
    page.locator("#id_caller_number").fill(number)
    expect(page.get_by_test_id("caller")).to_contain_text(customer.name)
    page.locator("#id_text").fill("门口的电杆歪了，电线垂得很低")
    expect(page.locator("#suggestion")).to_contain_text("安全隐患")
    page.get_by_role("button", name="保存来电").click()

    suggestion = page.get_by_test_id("order-crew-suggestion")
    expect(suggestion).to_contain_text("路程约")
    expect(suggestion.get_by_test_id("crew-busy")).to_be_visible()
    suggestion.get_by_test_id("order-other-crews").locator("summary").click()
    expect(suggestion.get_by_test_id("order-other-crews")).to_contain_text("路程约")
    screenshot(page, "order-crew-suggestion")  # type: ignore[operator]
    tap = suggestion.get_by_test_id("order-dispatch-suggested")
    name = tap.inner_text()
    tap.click()
    expect(page.locator("dl.facts")).to_contain_text(name.removeprefix("派 "))
    expect(page.get_by_test_id("order-crew-suggestion")).to_have_count(0)  # one is sent
    order = WorkOrder.objects.get(customer=customer, category="hazard")
    assert order.crew is not None and name == f"派 {order.crew.name}"
    assert order.status == "dispatched"
