"""A job on the crew's phone that turns urgent in place (a medical need rung in) is announced as
a new urgent job is: the banner and the vibration, not the notice alone (walk39, 6); an urgent
order leaving an outage's card is not (review39, S4)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, Page, expect

from powerdesk.customers.models import Customer
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_dispatch
from tests.browser.conftest import BUZZ, buzzes, crew_list_refreshed, crew_phone, touched
from tests.outage_cast_sent import outage_sent
from tests.servicedesk.crew_cast import add_crews, neighbour

pytestmark = pytest.mark.browser


def touched_and_refreshed(page: Page) -> None:
    """The crew member touches the phone (the title: nothing to follow there), then the job
    list refreshes itself as it does every 20 s: a page touched since it loaded may vibrate."""
    touched(page)
    crew_list_refreshed(page)


def test_a_job_turned_urgent_is_announced_with_the_banner_and_vibration(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    taken = call_take(
        station=cast.station_a,
        user=cast.clerk,
        customer=cast.customer,
        caller_number="13812345678",
        text="家里停电了",
        category="fault_repair",
    )
    assert taken.work_order is not None
    order = work_order_dispatch(work_order=taken.work_order, crew=cast.crew, user=cast.chief)
    phone, page = crew_phone(browser)
    page.add_init_script(BUZZ)
    from tests.browser.conftest import crew_scripts_ready, log_in

    log_in(page, url, "crew1")
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=order.number)
    expect(card).to_have_attribute("data-urgent", "0")
    page.reload()  # seen once: the phone knows the job (a new job is announced the first time)
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()

    call_take(
        station=cast.station_a,
        user=cast.clerk,
        customer=cast.customer,
        caller_number="13812345678",
        text="还是没电，家里老人用制氧机",
        category="fault_repair",
        urgent=True,
        repeat_of=order,
    )
    touched_and_refreshed(page)
    expect(card).to_have_attribute("data-urgent", "1")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(order.number)
    expect(banner).to_have_class("banner urgent")
    assert len(buzzes(page)) == 1
    # Seen: not announced again.
    page.reload()
    crew_scripts_ready(page)
    expect(banner).to_be_hidden()
    assert len(buzzes(page)) == 0
    phone.close()


def test_an_urgent_order_leaving_the_card_is_not_announced(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    # review39, S4: the card's urgent key went from "u.5.7" to "u.5" as order 7 left it, and
    # the phone said "now URGENT" and buzzed, although nothing new was urgent.
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    households = [cast.customer, neighbour(cast)]
    households.append(
        Customer.objects.create(
            station=cast.station_a,
            account_number="53250000078",
            name="自文华",
            village=cast.village,
            group=cast.group,
            transformer=cast.transformer,
        )
    )
    _outage, orders = outage_sent(cast, households)
    first, second, third = orders
    for order in (second, third):
        call_take(
            station=cast.station_a,
            user=cast.clerk,
            customer=order.customer,
            caller_number="13812345678",
            text="还是没电，家里老人用制氧机",
            category="fault_repair",
            urgent=True,
            repeat_of=WorkOrder.objects.get(pk=order.pk),
        )
    phone, page = crew_phone(browser)
    page.add_init_script(BUZZ)
    from tests.browser.conftest import crew_scripts_ready, log_in

    log_in(page, url, "crew1")
    crew_scripts_ready(page)
    card = page.locator(".job", has_text=first.number)
    expect(card).to_have_attribute("data-urgent-key", f"u.{second.pk}.{third.pk}")
    page.reload()  # seen once: the phone knows the card and its urgent orders
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()

    # One urgent order leaves the card (made not urgent): the other is still urgent on it.
    WorkOrder.objects.filter(pk=third.pk).update(urgent=False)
    page.reload()
    crew_scripts_ready(page)
    expect(card).to_have_attribute("data-urgent-key", f"u.{second.pk}")
    expect(card).to_have_attribute("data-urgent", "1")
    expect(banner).to_be_hidden()
    assert len(buzzes(page)) == 0
    phone.close()


def test_a_new_urgent_reason_on_an_urgent_job_is_announced(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    # walk40, 4: a medical need rung on an outage's order born urgent gave no banner, and the
    # card's badge said the outage only.
    from tests.base import zh
    from tests.browser.conftest import crew_scripts_ready, log_in

    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, (order,) = outage_sent(cast)
    phone, page = crew_phone(browser)
    page.add_init_script(BUZZ)
    log_in(page, url, "crew1")
    crew_scripts_ready(page)
    page.reload()  # seen once: the phone knows the urgent job
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()
    card = page.locator(".job", has_text=order.number)
    before = card.get_attribute("data-urgent-key")

    call_take(
        station=cast.station_a,
        user=cast.clerk,
        customer=neighbour(cast),
        caller_number="13812345678",
        text="停电了，家里有人用呼吸机，快没电了",
        category="fault_repair",
        urgent=True,
        join_outage=outage,
    )
    touched_and_refreshed(page)
    assert card.get_attribute("data-urgent-key") != before
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(zh("New URGENT reason on job:"))
    expect(banner).to_contain_text(order.number)
    expect(banner).to_have_class("banner urgent")
    expect(card.get_by_test_id("job-urgent")).to_contain_text(zh("a medical need at home"))
    assert len(buzzes(page)) == 1
    phone.close()


def test_a_page_not_touched_since_it_loaded_shows_the_banner_without_trying_to_vibrate(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    # walk45, 7: the browser refuses a vibration before any touch on the page and logs an error
    # ("Blocked call to navigator.vibrate"): the banner alone says the urgent job then.
    from tests.browser.conftest import crew_scripts_ready, log_in

    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    phone, page = crew_phone(browser)
    log_in(page, url, "crew1")
    crew_scripts_ready(page)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _outage, (order,) = outage_sent(cast)
    page.reload()
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(order.number)
    expect(banner).to_have_class("banner urgent")
    assert errors == []  # the browser's own vibrate: refused and logged, had it been called
    phone.close()
