"""Power back on an outage's job whose cause nobody recorded (a page drawn before, a step kept
on the phone; walk #26 item 6): the refusal is said at a cause field of the restore form, which
offers the station's list while the outage has no cause, with the note kept; chosen there, the
outage is restored with its cause."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, on_site, outage_job

REFUSED = "Cause found: choose what caused it."


class RestoreWithoutCauseTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.outage, self.order = outage_job(self)
        on_site(self, self.order)
        self.login(self.member)
        self.url = reverse("servicedesk:crew_step", args=[self.order.pk])

    def restore_form(self, address: str = "") -> str:
        """The card's restore form, on the page drawn at ``address`` (a refused step's
        redirect: ``lib.kept``) or plainly."""
        page = self.client.get(address or reverse("servicedesk:crew_jobs")).content.decode()
        form = page[page.index('data-crew-step="restored"') :]
        return form[: form.index("</form>")]

    def test_the_form_without_the_script_says_it_at_the_cause_and_keeps_the_note(self) -> None:
        refused = self.client.post(self.url, {"step": "restored", "note": "更换熔丝后试送成功"})
        self.assertEqual(Outage.objects.get(pk=self.outage.pk).status, Outage.Status.ACTIVE)
        form = self.restore_form(refused["Location"])
        self.assertIn('<select name="cause"', form)
        error = form[form.index('data-field-error="cause"') :]
        self.assertNotIn("hidden", error[: error.index(">")])
        self.assertIn(zh(REFUSED), error[: error.index("</p>")])
        self.assertIn("更换熔丝后试送成功", form)
        # Chosen at that list, power is back with its cause.
        self.client.post(
            self.url, {"step": "restored", "cause": "lightning", "note": "更换熔丝后试送成功"}
        )
        self.outage.refresh_from_db()
        self.assertEqual(
            (self.outage.status, self.outage.cause_kind), (Outage.Status.RESTORED, "lightning")
        )

    def test_the_phone_s_kept_step_is_answered_with_the_cause_field(self) -> None:
        made = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
        item = {
            "client_id": str(uuid.uuid4()),
            "order": self.order.pk,
            "step": "restored",
            "fields": {"note": "已复电"},
            "made_at": made,
        }
        response = self.client.post(
            reverse("servicedesk:crew_sync"),
            json.dumps({"items": [item]}),
            content_type="application/json",
        )
        [answer] = response.json()["results"]
        self.assertEqual((answer["status"], answer["field"]), ("conflict", "cause"))
        self.assertIn(zh(REFUSED), answer["reason"])
        # The card's restore form has that field to say it at.
        self.assertIn('data-field-error="cause"', self.restore_form())

    def test_no_cause_list_on_the_restore_form_once_the_cause_is_recorded(self) -> None:
        self.client.post(self.url, {"step": "cause_found", "cause": "lightning"})
        self.assertNotIn('<select name="cause"', self.restore_form())
