"""Intake's one "Save and record" button under two predictions (review39, S2): it is drawn for
the prediction ticked in "Then" when the caller panel was drawn. A clerk who ticks another and
presses it before the page redraws it is refused, nothing saved and nobody texted; the page
comes back with what was typed, its button drawn for the prediction ticked."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from powerdesk.notifications.models import Notice
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.outage_cast import predicted_below_the_fuse
from tests.servicedesk.intake_page import action_choices, checked_actions, predict_outage

NUMBER = "0878-1234567"  # 普光荣's, below the fuse and its transformer
REFUSED = (
    "The outage on %(chosen)s is ticked under “Then”, but the button pressed records the "
    "outage on %(pressed)s: nothing was saved and nobody was texted. The button now records "
    "the outage ticked: press it again, or tick another."
)


def zh(msgid: str, **args: Any) -> str:
    with translation.override("zh-hans"):
        return gettext(msgid) % args


def record_buttons(html: str) -> list[str]:
    return re.findall(r'name="confirm_record" value="(\d+)"', html)


class RecordTheOneTickedTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        predicted_below_the_fuse(self)  # the fuse: 3 households
        predict_outage(self.station_a, self.transformer)  # below it, the transformer
        self.login(self.clerk)
        self.fuse_action = f"predicted:{self.fuse.pk}"
        self.transformer_action = f"predicted:{self.transformer.pk}"

    def page(self, **extra: str) -> Any:
        return self.client.post(
            reverse("servicedesk:caller"),
            {"caller_number": NUMBER, "text": "家里停电了", "category": "fault_repair", **extra},
        ).content.decode()

    def send(self, *, ticked: str, pressed: int) -> Any:
        page = self.client.get(reverse("servicedesk:intake"))
        return self.client.post(
            reverse("servicedesk:intake"),
            {
                "form_token": page.context["form"]["form_token"].value(),
                "caller_number": NUMBER,
                "text": "家里停电了",
                "category": "fault_repair",
                "action": ticked,
                "then_default": self.fuse_action,
                "confirm_record": str(pressed),
            },
        )

    def test_both_predictions_are_offered_and_the_button_follows_the_one_ticked(self) -> None:
        html = self.page()
        self.assertLessEqual({self.fuse_action, self.transformer_action}, set(action_choices(html)))
        drawn = record_buttons(html)
        self.assertEqual(len(drawn), 1)
        # The other one ticked, the panel drawn again (intake.js asks for it on the tick).
        other = self.transformer_action if drawn[0] == str(self.fuse.pk) else self.fuse_action
        html = self.page(action=other, then_default=f"predicted:{drawn[0]}")
        self.assertEqual(checked_actions(html), [other])
        self.assertEqual(record_buttons(html), [other.removeprefix("predicted:")])

    def test_the_button_drawn_for_another_prediction_records_nothing(self) -> None:
        response = self.send(ticked=self.transformer_action, pressed=self.fuse.pk)
        self.assertEqual(response.status_code, 200)  # the page again, with what was typed
        self.assertFalse(Call.objects.exists())
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(Notice.objects.exists())  # nobody texted
        form = response.context["form"]
        self.assertIn(
            zh(REFUSED, chosen=self.transformer, pressed=self.fuse), form.non_field_errors()
        )
        self.assertEqual(form["text"].value(), "家里停电了")
        html = response.content.decode()
        self.assertEqual(checked_actions(html), [self.transformer_action])
        self.assertEqual(record_buttons(html), [str(self.transformer.pk)])  # drawn for it now

    def test_pressed_again_it_records_the_one_ticked(self) -> None:
        self.send(ticked=self.transformer_action, pressed=self.fuse.pk)
        self.send(ticked=self.transformer_action, pressed=self.transformer.pk)
        outage = Outage.objects.get()
        self.assertEqual(outage.device, self.transformer)
        self.assertEqual(Call.objects.count(), 1)

    def test_the_button_with_its_own_prediction_or_no_prediction_ticked_records(self) -> None:
        self.send(ticked="", pressed=self.fuse.pk)  # "as its category says": the button's word
        self.assertEqual(Outage.objects.get().device, self.fuse)
