"""The demo SMS gateway's page: the texts PowerDesk sends, and a villager's reply by text."""

from __future__ import annotations

import re
import types

from django.test import override_settings
from playwright.sync_api import Page, expect

from powerdesk.accounts.tokens import token_create
from powerdesk.notifications.gateway import Gateway
from powerdesk.notifications.sending import deliveries_send_all
from powerdesk.outages.models import Signal
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take

MOBILE = "+8613812345678"


def test_a_villager_answers_power_back_by_text_from_the_demo_gateway(
    page: Page, live_server: object, cast: types.SimpleNamespace, screenshot: object
) -> None:
    _token, key = token_create(station_id=cast.station_a.pk, name="演示短信网关")
    # No delivery receipts: posted back while the test itself sends, they would use the
    # in-memory test database from two threads at once (the receipts have their own tests).
    gateway = Gateway(
        token="demo",
        site=live_server.url,  # type: ignore[attr-defined]
        api_key=key,
        send_receipts=False,
    )
    url = gateway.start()
    try:
        with override_settings(POWERDESK_SMS_URL=f"{url}/send", POWERDESK_SMS_TOKEN="demo"):
            outage = outage_declare(
                station=cast.station_a, user=None, device=cast.fuse, kind="unplanned"
            )
            call_take(
                station=cast.station_a,
                user=cast.clerk,
                text="家里停电了",
                customer=cast.customer,
                cti_call_id="c1",
            )
            outage_restore(outage=outage, user=cast.clerk, cause="unknown", how="remote")
            deliveries_send_all()
            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(url)
            # The outage's text and the power-back question go out together, in either order.
            expect(
                page.get_by_test_id("sms").filter(has_text="回复1已来电，回复2仍停电")
            ).to_have_count(1)
            page.get_by_label("发信号码").fill(MOBILE)
            page.get_by_label("短信内容").fill("1")
            page.get_by_role("button", name="以村民身份发送").click()
            # The reply itself on top, as the page the gateway sent back after passing it on
            # shows it: "1" alone was found in the question ("回复1已来电") still shown, and the
            # reply was looked for in the database before the gateway had passed it on.
            reply = page.get_by_test_id("sms").first
            expect(reply).to_have_class(re.compile(r"\bin\b"))
            expect(reply).to_contain_text(MOBILE)
            expect(reply).to_contain_text("1")
            assert Signal.objects.filter(type="call_on", customer=cast.customer).exists()
            deliveries_send_all()  # the worker sends the answer
            page.reload()
            expect(page.get_by_test_id("sms").first).to_contain_text("谢谢，已确认您家已来电")
            screenshot(page, "sms-gateway")  # type: ignore[operator]
    finally:
        gateway.stop()
