"""Walk78 L3: a fault call saved into an outage lands the clerk on the outage's order (another
household's), with only "the call joined the outage …": the caller, still on the line, is told
nothing. The script the panel showed before saving is said after saving too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, zh

NUMBER = "0878-1234567"  # 普光荣's, below the fuse
CALL_BACK = "Your call is recorded and we will call you back when the power is back."


class ScriptAfterSavingTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=30),
            expected_restore_at=timezone.now() + dt.timedelta(hours=2),
        )
        self.login(self.clerk)

    def send(self, text: str) -> Any:
        page = self.client.get(reverse("servicedesk:intake"))
        return self.client.post(
            reverse("servicedesk:intake"),
            {
                "form_token": page.context["form"]["form_token"].value(),
                "caller_number": NUMBER,
                "text": text,
                "category": "fault_repair",
                "action": f"outage:{self.outage.pk}",
            },
            follow=True,
        )

    def test_the_joined_caller_s_script_is_said_on_the_page_landed_on(self) -> None:
        response = self.send("家里没电了")
        call = Call.objects.get()
        self.assertIn(call.work_order, self.outage.link.work_orders.all())  # type: ignore[attr-defined]
        page = response.content.decode()
        # The whole script: the outage, the time expected back, the call back promised.
        self.assertIn(zh(CALL_BACK), page)
        self.assertIn(str(self.fuse), page.split(zh(CALL_BACK))[0].rsplit("<li", 1)[-1])
        expected = timezone.localtime(self.outage.expected_restore_at)  # type: ignore[arg-type]
        self.assertIn(f"{expected:%m-%d %H:%M}", page)
