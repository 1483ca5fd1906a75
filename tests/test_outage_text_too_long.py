"""An outage page's text typed too long (walkthrough 28, finding 5, beyond the promise): the page
cut it at its ``maxlength`` without a word, and the services cut what got through (a reason
for setting a prediction aside to 300, a patrol note to 300, a planned outage's cancel reason
to 200, what to tell callers to 300). Now refused at the field with its limit and the length
typed, what was typed kept there; nothing recorded."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages.models import Outage, OutageEvent, PredictedOutage
from powerdesk.outages.services import outage_declare
from powerdesk.training.models import TrainingSession
from tests.base import BaseTestCase
from tests.planned_cast import planned_on_fuse
from tests.servicedesk.intake_page import predict_outage
from tests.test_outage_form_errors import PlannedPageCase, field_errors


def inputs(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="text" name="{name}"[^>]*>', html)


class OutageTextTooLongTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.chief)

    def post(self, data: dict[str, Any]) -> Any:
        return self.client.post(reverse("outages:list"), data)

    def assert_nothing_banner(self, response: Any) -> None:
        self.assertEqual(response.status_code, 400)
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "error"])

    def active(self) -> Outage:
        return outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=30),
        )

    def assert_refused(self, response: Any, field: str, limit: int, typed: str) -> None:
        self.assert_nothing_banner(response)
        html = response.content.decode()
        said = field_errors(html, field)
        self.assertIn(str(limit), said)
        self.assertIn(str(len(typed)), said)
        self.assertIn(f'value="{typed}"', html)

    def test_a_rejection_reason_too_long_is_refused_not_cut(self) -> None:
        prediction = predict_outage(self.station_a, self.transformer)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertTrue(inputs(page, "reason"))
        self.assertFalse([i for i in inputs(page, "reason") if "maxlength" in i])
        typed = "误" * 301
        response = self.post({"action": "reject", "prediction": prediction.pk, "reason": typed})
        self.assert_refused(response, "reason", 300, typed)
        prediction.refresh_from_db()
        self.assertEqual(prediction.status, PredictedOutage.Status.PREDICTED)

    def test_a_patrol_note_too_long_is_refused_not_cut(self) -> None:
        outage = self.active()
        before = OutageEvent.objects.filter(outage=outage).count()
        typed = "巡" * 400
        response = self.post(
            {"action": "progress", "outage": outage.pk, "what": "patrolling", "note": typed}
        )
        self.assert_refused(response, "note", 300, typed)
        self.assertEqual(OutageEvent.objects.filter(outage=outage).count(), before)


class PlannedTextTooLongTests(PlannedPageCase):
    def test_a_cancel_reason_too_long_is_refused_not_cut(self) -> None:
        outage = planned_on_fuse(self, self.starts, self.ends)
        typed = "因" * 250
        response = self.post({"action": "cancel", "outage": outage.pk, "reason": typed})
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        said = field_errors(html, "reason")
        self.assertIn("200", said)
        self.assertIn("250", said)
        self.assertIn(f'value="{typed}"', html)
        self.assertFalse(re.search(r'name="reason" maxlength', html))
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ANNOUNCED)


class TrainingTextTooLongTests(BaseTestCase):
    """The training pages keep what was typed when refused: their texts lose their
    ``maxlength``; a topic too long is refused with its limit and length, kept to shorten."""

    def test_a_session_topic_too_long_is_refused_with_its_limit_and_kept(self) -> None:
        self.login(self.chief)
        url = reverse("training:session_new")
        page = self.client.get(url).content.decode()
        self.assertNotIn("maxlength", page)
        typed = "规" * 150
        response = self.client.post(
            url,
            {"date": timezone.localdate().isoformat(), "topic": typed, "trainer": "杨所长"}
            | {"hours": "2"},
        )
        # At the topic (walkthrough 32, finding 5), not in the banner.
        page = response.content.decode()
        at_topic = page[page.index('data-field-error="topic"') :]
        said = at_topic[: at_topic.index("</span>")]
        self.assertIn("100", said)
        self.assertIn("150", said)
        self.assertEqual([str(m) for m in response.context["messages"]], [])
        self.assertIn(f'value="{typed}"', response.content.decode())
        self.assertFalse(TrainingSession.objects.exists())
