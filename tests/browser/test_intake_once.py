"""Intake in a real browser: a call is stored once however the page is sent again — Back to the
page after saving and Save again (the one-time token is a field the browser restores), or a
double click on Save."""

from __future__ import annotations

import time
import types
from typing import Any
from unittest import mock

import pytest
from playwright.sync_api import Page, Request, expect

from powerdesk.servicedesk import intake_take
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.browser.conftest import SLOW_S, log_in

pytestmark = pytest.mark.browser

NUMBER = "0878-1234567"  # 普光荣's (tests/base.py)


def _saves(request: Request) -> bool:
    return request.method == "POST" and request.url.endswith("/desk/intake/")


def _type_a_call(page: Page, url: str) -> None:
    page.goto(f"{url}/desk/intake/")
    page.locator("#id_caller_number").fill(NUMBER)
    expect(page.get_by_test_id("caller")).to_contain_text("普光荣")
    page.locator("#id_text").fill("家里停电了，整个组都没电")
    # The classifier's suggestion drawn before the save: the first classification in a live
    # server loads the model (35 s on PostgreSQL under load), and a save queued behind it ran
    # past the click's own 30 s.
    expect(page.locator("#suggestion .suggestion").first).to_be_attached(timeout=60_000)
    page.locator("#id_category").select_option("fault_repair")


def test_back_to_the_saved_page_and_save_again_shows_the_first_order(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "clerk")
    _type_a_call(page, url)
    token = page.locator("#id_form_token").input_value()
    page.get_by_role("button", name="保存来电").click()
    # (a call saved is classified and stored: slow on a loaded machine)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "家里停电了", timeout=SLOW_S * 1000
    )
    order = WorkOrder.objects.get()
    # Back: the browser shows the intake page again with what was typed, the token among it.
    page.go_back()
    expect(page.locator("#id_text")).to_have_value("家里停电了，整个组都没电")
    expect(page.locator("#id_caller_number")).to_have_value(NUMBER)
    expect(page.locator("#id_form_token")).to_have_value(token)  # not the fresh page's
    page.get_by_role("button", name="保存来电").click()
    # The same call: its order is shown, nothing more is stored.
    expect(page).to_have_url(f"{url}{order.get_absolute_url()}", timeout=SLOW_S * 1000)
    assert WorkOrder.objects.count() == 1
    assert Call.objects.count() == 1


def test_a_double_click_on_save_stores_the_call_once(
    page: Page, live_server: object, cast: types.SimpleNamespace
) -> None:
    url = live_server.url  # type: ignore[attr-defined]
    log_in(page, url, "clerk")
    _type_a_call(page, url)
    sent: list[Request] = []
    page.on("request", lambda r: sent.append(r) if _saves(r) else None)
    # The station is slow to answer the first press (a busy server, a weak line): the second
    # comes while the first is being stored, and both reach the station.
    real = intake_take.form_once
    presses: list[float] = []
    answered: list[Any] = []

    def slow_first(**kwargs: Any) -> Any:
        presses.append(time.monotonic())
        if len(presses) == 1:
            time.sleep(1.5)
        answered.append(real(**kwargs))
        return answered[-1]

    with mock.patch.object(intake_take, "form_once", side_effect=slow_first):
        # Two presses 0.3 s apart, the second on the page still shown (Playwright's own clicks
        # wait for the page the first press brings).
        page.evaluate(
            """() => {
                const save = document.querySelector("#intake-form button[type=submit]");
                save.click();
                setTimeout(() => save.click(), 300);
            }"""
        )
        # (the first press is answered 1.5 s late, then the order's page comes)
        expect(page.get_by_role("heading", level=1)).to_contain_text("家里停电了", timeout=20_000)
        deadline = time.monotonic() + SLOW_S  # the first press, still being answered
        while len(answered) < 2 and time.monotonic() < deadline:  # (the page left it)
            time.sleep(0.1)
    order = WorkOrder.objects.get()
    expect(page).to_have_url(f"{url}{order.get_absolute_url()}")
    assert len(presses) == len(answered) == 2
    assert answered[0][0] == answered[1][0]  # one submission, one call
    assert len(sent) == 2, [r.url for r in sent]  # the page was sent twice
    assert Call.objects.count() == 1
