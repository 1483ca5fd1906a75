"""The crew phone's banner for a new urgent reason (walk40, 4) as the crew sees it across
refreshes: switching the phone's language between two refreshes announces nothing (the marks
compared were made from the reasons' words: fix41a's leftover), and a second reason on the job
is announced by itself ("新增紧急情况：2026-… 放电打火"), not with every reason of the badge."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Browser, expect

from powerdesk.servicedesk.call_take import call_take
from tests.base import zh
from tests.browser.conftest import crew_phone, crew_scripts_ready
from tests.outage_cast_sent import outage_sent
from tests.servicedesk.crew_cast import add_crews, neighbour

pytestmark = pytest.mark.browser


def test_a_language_switch_is_no_new_reason_and_a_new_one_is_named_alone(
    browser: Browser, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    add_crews(cast)
    outage, (order,) = outage_sent(cast)

    def urgent_call(customer: object, text: str) -> None:
        call_take(
            station=cast.station_a,
            user=cast.clerk,
            customer=customer,  # type: ignore[arg-type]
            caller_number="13812345678",
            text=text,
            category="fault_repair",
            urgent=True,
            join_outage=outage,
        )

    next_door = neighbour(cast)
    urgent_call(next_door, "停电了，家里老人用制氧机，快没电了")
    phone, page = crew_phone(browser, url)
    page.reload()  # seen once: the phone knows the job and its reasons
    crew_scripts_ready(page)
    banner = page.locator("#crew-new")
    expect(banner).to_be_hidden()
    card = page.locator(".job", has_text=order.number)
    key = card.get_attribute("data-urgent-key")

    # The crew member reads the phone in English, then in Chinese again: nothing new.
    for language, words in (("en", "a medical need at home"), ("zh-hans", "家中有医疗用电需要")):
        page.evaluate(
            """async (language) => {
                const token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
                const body = new URLSearchParams({language, next: "/desk/crew/",
                                                  csrfmiddlewaretoken: token});
                await fetch("/i18n/setlang/", {method: "POST", body});
            }""",
            language,
        )
        page.reload()
        crew_scripts_ready(page)
        expect(card.get_by_test_id("job-urgent")).to_contain_text(words)
        expect(card).to_have_attribute("data-urgent-key", key or "")
        expect(banner).to_be_hidden()

    # Sparks rung in: the banner names them alone; the badge says every reason.
    urgent_call(cast.customer, "还是没电，门口电线在打火，冒火花")
    page.reload()
    crew_scripts_ready(page)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(zh("New URGENT reason on job:"))
    expect(banner).to_contain_text(f"{order.number} 放电打火")
    expect(banner).not_to_contain_text("医疗")
    badge = card.get_by_test_id("job-urgent")
    expect(badge).to_contain_text("家中有医疗用电需要")
    # A third reason: the badge names four (with the outage's) and wraps within the 390 px phone
    # instead of running off its right edge.
    urgent_call(next_door, "电线掉到地上了，离路面很近")
    page.reload()
    crew_scripts_ready(page)
    expect(badge).to_contain_text("导线断落或过低")
    box = badge.bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    assert box is not None and box["x"] + box["width"] <= width, (box, width)
    phone.close()
