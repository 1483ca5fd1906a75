"""In a real browser: announcing a planned outage on /outages/planned/ asks first. The first
press changes and sends nothing, and says how many households and text messages and the
message that goes out; the ask's button announces it and texts once, however often it is
pressed (a double click)."""

from __future__ import annotations

import datetime as dt
import types

from django.utils import timezone, translation
from django.utils.translation import ngettext
from playwright.sync_api import Page, expect

from powerdesk.notifications.models import Delivery
from powerdesk.outages.models import Outage
from tests.browser.conftest import log_in
from tests.planned_ask_cast import households_below


def texts_sent() -> int:
    return Delivery.objects.filter(template="planned_announced", channel="sms").count()


def test_announcing_asks_first_then_announces_and_texts_once(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    # Below the fuse: 普光荣 (one mobile, and a landline that gets no text), 李四 (two
    # mobiles) and 王五 (one): three households, four text messages.
    households_below(cast)
    day = timezone.localdate() + dt.timedelta(days=8)  # beyond the 7 days' notice
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "clerk")
    page.goto(f"{url}/outages/planned/")
    form = page.locator("form:has(input[name=action][value=announce])")
    form.locator("input[name=device]").fill(cast.fuse.name)
    form.locator("input[name=starts_at]").fill(f"{day:%Y-%m-%d}T09:00")
    form.locator("input[name=ends_at]").fill(f"{day:%Y-%m-%d}T17:00")
    form.locator("input[name=cause]").fill("更换绝缘子")
    form.locator("button[type=submit]").click()

    # The first press: what it would do, and nothing done.
    ask = page.get_by_test_id("planned-ask")
    with translation.override("zh-hans"):
        reach = ngettext(
            "Announcing the planned outage on %(device)s texts %(n)s household below it at once.",
            "Announcing the planned outage on %(device)s texts %(n)s households below it at once.",
            3,
        ) % {"device": cast.fuse.name, "n": 3}
        messages = ngettext(
            "(%(n)s text message in all, with the village liaisons, staff and second mobiles)",
            "(%(n)s text messages in all, with the village liaisons, staff and second mobiles)",
            4,
        ) % {"n": 4}
    expect(ask.get_by_test_id("planned-ask-reach")).to_have_text(reach)
    expect(ask).to_contain_text(messages)
    text = ask.get_by_test_id("planned-ask-text")
    expect(text).to_contain_text(f"{day:%m-%d} 09:00")
    expect(text).to_contain_text("17:00")
    screenshot(page, "planned-ask")  # type: ignore[operator]
    assert not Outage.objects.exists()
    assert texts_sent() == 0

    # What the ask's button sends (its form with the button's value), kept for a retry.
    sent = ask.evaluate(
        """form => Object.fromEntries([...new FormData(form),
            ["confirm_planned", form.querySelector("[name=confirm_planned]").value]])"""
    )

    # The ask's button, pressed twice at once: announced, and texted once.
    ask.get_by_test_id("planned-ask-button").dblclick()
    expect(page.get_by_test_id("planned-ask")).to_have_count(0)
    expect(page.get_by_test_id("planned-coming")).to_contain_text(cast.fuse.name)
    outage = Outage.objects.get()
    assert (outage.kind, outage.status, outage.cause) == ("planned", "announced", "更换绝缘子")
    assert texts_sent() == 4

    # The same press sent again (a retry): nothing is announced or sent again.
    again = page.request.post(f"{url}/outages/planned/", form=sent)
    assert again.ok
    with translation.override("zh-hans"):
        done = translation.gettext(
            "The planned outage was announced already: nothing was sent again."
        )
    assert done in again.text()
    assert Outage.objects.count() == 1
    assert texts_sent() == 4
