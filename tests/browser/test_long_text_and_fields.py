"""What walkthrough 28 saw a page show wrong (findings 5 and 10): a promise pasted past its limit
was cut to 200 characters without a word, and a long unbroken line (a promise, a note, an
account number) made the order page 1780 px wide, its time and name columns one character a
line; the liaison's villager phone field was drawn unlike the fields above it."""

from __future__ import annotations

import datetime as dt
import types

from django.utils import timezone
from playwright.sync_api import Page, expect

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.models import Promise
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import work_order_create, work_order_note
from tests.base import make_user
from tests.browser.conftest import log_in

# How many lines of text an element's own text takes on the screen.
LINES = """(el) => { const r = document.createRange(); r.selectNodeContents(el);
  return new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top))).size; }"""
WIDE = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_a_long_promise_is_refused_at_its_field_and_long_lines_wrap(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    order = work_order_create(
        station=cast.station_a,
        user=cast.clerk,
        category="fault_repair",
        summary="停电",
        customer=cast.customer,
    )
    promise_make(
        station=cast.station_a,
        user=cast.clerk,
        work_order=order,
        text="X" * 200,
        due_at=timezone.now() + dt.timedelta(days=1),
    )
    work_order_note(work_order=order, note="5325" * 500, user=cast.clerk)
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, url, "clerk")
    page.goto(f"{url}{order.get_absolute_url()}")
    history = page.locator("#history tbody tr")
    expect(history.first).to_be_visible()
    assert page.evaluate(WIDE) <= 0, page.evaluate("document.documentElement.scrollWidth")
    # The time and the name keep their one line beside the long note.
    for row in history.all():
        for cell in ("td.when", "td.who"):
            assert row.locator(cell).evaluate(LINES) == 1, (cell, row.inner_text()[:60])
    promises = page.locator("li", has_text="X" * 20)
    expect(promises).to_have_count(1)
    screenshot(page, "order_long_lines", full_page=True)  # type: ignore[operator]
    # On a phone too: the page keeps within the screen (a table scrolls in its own box).
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate(WIDE) <= 0, page.evaluate("document.documentElement.scrollWidth")

    # 2000 characters pasted: nothing cut, refused at the field with the limit, kept to shorten.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}{order.get_absolute_url()}")
    field = page.locator('#promise input[name="text"]')
    assert field.get_attribute("maxlength") is None
    field.fill("Y" * 2000)
    assert len(field.input_value()) == 2000
    page.locator("#promise button[type=submit]").click()
    error = page.get_by_test_id("promise-text-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("2000")
    expect(error).to_contain_text("200")
    field = page.locator('#promise input[name="text"]')
    expect(field).to_have_attribute("aria-invalid", "true")
    assert len(field.input_value()) == 2000
    assert page.evaluate(WIDE) <= 0
    assert Promise.objects.count() == 1


def test_the_villager_phone_field_is_drawn_like_the_name_field(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    liaison = make_user("zm", cast.station_a, full_name="左门联络员")
    Membership.objects.create(
        user=liaison, station=cast.station_a, role=Role.LIAISON, village=cast.village
    )
    url = live_server.url  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, url, "zm")
    name = page.locator('input[name="villager_name"]')
    phone = page.locator('input[name="villager_phone"]')
    expect(phone).to_be_visible()
    style = """(el) => { const s = getComputedStyle(el); return [s.borderTopColor,
      s.borderTopWidth, s.borderTopLeftRadius, s.paddingLeft, s.paddingTop, s.fontSize,
      s.backgroundColor]; }"""
    assert phone.evaluate(style) == name.evaluate(style)
    name_box, phone_box = name.bounding_box(), phone.bounding_box()
    assert name_box is not None and phone_box is not None
    assert abs(name_box["width"] - phone_box["width"]) <= 1, (name_box, phone_box)
    assert abs(name_box["height"] - phone_box["height"]) <= 1, (name_box, phone_box)


def test_date_and_time_fields_are_drawn_like_text_fields(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    """Date, date-and-time and time inputs had the browser's own border and no padding beside
    the site's text fields (the promise's time beside its words)."""
    order = work_order_create(
        station=cast.station_a,
        user=cast.clerk,
        category="fault_repair",
        summary="停电",
        customer=cast.customer,
    )
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "clerk")
    page.goto(f"{url}{order.get_absolute_url()}")
    text = page.locator('#promise input[name="text"]')
    expect(text).to_be_visible()
    style = """(el) => { const s = getComputedStyle(el); return [s.borderTopColor,
      s.borderTopWidth, s.borderTopLeftRadius, s.paddingLeft, s.paddingTop, s.backgroundColor]; }"""
    drawn = text.evaluate(style)
    assert page.locator('#promise input[name="due_at"]').evaluate(style) == drawn
    # A date and a time input, put on the same page: drawn alike too.
    page.evaluate("""() => { const f = document.querySelector('#promise');
      for (const t of ['date', 'time']) { const i = document.createElement('input');
        i.type = t; i.id = 'probe-' + t; f.appendChild(i); } }""")
    for kind in ("date", "time"):
        assert page.locator(f"#probe-{kind}").evaluate(style) == drawn, kind
