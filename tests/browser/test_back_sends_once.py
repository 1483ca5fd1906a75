"""Back to a form that was sent, and send it again, in a real browser (walk72b, H1 and H2): the
one-time token of the training and outreach forms is a field the browser restores with what
was typed (``data-once-token``), so the second send is recognised and nothing is stored twice;
and the hotline-card list, drawn again without the households just carded, is not ticked again
by position (the browser would tick households nobody chose)."""

from __future__ import annotations

import types

import pytest
from playwright.sync_api import Page, expect

from powerdesk.customers.models import Customer
from powerdesk.outreach.models import HotlineCard
from powerdesk.training.models import TrainingSession
from tests.browser.conftest import SLOW_S, log_in

pytestmark = pytest.mark.browser


def test_a_training_session_sent_again_after_back_is_stored_once(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "chief")
    page.goto(f"{url}/training/sessions/new/")
    page.locator("input[name=topic]").fill("安全工器具使用")
    page.locator("input[name=trainer]").fill("杨所长")
    page.locator("input[name=attendees]").first.check()
    token = page.locator("input[name=form_token]").input_value()
    page.locator("form.card button[type=submit]").click()
    expect(page).not_to_have_url(f"{url}/training/sessions/new/", timeout=SLOW_S * 1000)
    assert TrainingSession.objects.count() == 1
    page.go_back()
    expect(page.locator("input[name=topic]")).to_have_value("安全工器具使用")
    expect(page.locator("input[name=form_token]")).to_have_value(token)  # not the fresh page's
    page.locator("form.card button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("input[name=topic]")).to_have_count(0, timeout=SLOW_S * 1000)
    assert TrainingSession.objects.count() == 1


def test_the_card_list_drawn_again_after_back_is_not_ticked_by_position(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    for n, name in enumerate(("艾大妈", "包二叔", "陈三哥")):
        Customer.objects.create(
            station=cast.station_a,
            account_number=f"5325990000{n}",
            name=name,
            village=cast.village,
            group=cast.group,
            transformer=cast.transformer,
        )
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "clerk")
    page.goto(f"{url}/outreach/cards/{cast.group.pk}/")
    boxes = page.locator("input[name=customers]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.locator("input[name=customers]").first.locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    expect(page.locator("input[name=customers]")).to_have_count(2, timeout=SLOW_S * 1000)
    assert HotlineCard.objects.count() == 2
    page.go_back()
    expect(page.locator("input[name=customers]")).to_have_count(2)
    expect(page.locator("input[name=customers]:checked")).to_have_count(0)
