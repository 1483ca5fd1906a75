"""A training session's plan item that is none of the station's (a stale page, an id made up,
another station's) is refused at its field with the session's other problems, never recorded
quietly as a session of no plan item."""

from __future__ import annotations

from html import unescape

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from powerdesk.training.models import TrainingSession
from powerdesk.training.services import plan_create, plan_item_add
from powerdesk.training.views import UNKNOWN_PLAN_ITEM
from tests.base import BaseTestCase, page_token
from tests.training.test_training_refused_forms import said_at


class UnknownPlanItemTests(BaseTestCase):
    def setUp(self) -> None:
        self.today = timezone.localdate()
        self.login(self.chief)
        self.base = {
            "date": self.today.isoformat(),
            "topic": "触电急救",
            "trainer": "县红十字会",
            "hours": "2",
            "attendees": [self.clerk.pk],
        }

    def refused(self, plan_item: str, **more: object) -> str:
        response = self.client.post(
            reverse("training:session_new"),
            {"form_token": page_token(), **self.base, "plan_item": plan_item, **more},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(TrainingSession.objects.exists())
        return unescape(said_at(response, "plan_item"))

    def test_an_unknown_id_is_refused_at_its_field(self) -> None:
        expected = gettext(str(UNKNOWN_PLAN_ITEM))
        for sent in ("999999", "abc", "-1"):
            with self.subTest(sent):
                self.assertEqual(self.refused(sent), expected)

    def test_another_station_s_plan_item_is_unknown_here(self) -> None:
        plan_b = plan_create(
            station=self.station_b, user=None, year=self.today.year, hours_per_person="4"
        )
        theirs = plan_item_add(plan=plan_b, user=None, topic="外所课程", month=1, hours="2")
        self.assertEqual(self.refused(str(theirs.pk)), gettext(str(UNKNOWN_PLAN_ITEM)))

    def test_said_with_the_session_s_other_problems_in_one_answer(self) -> None:
        response = self.client.post(
            reverse("training:session_new"),
            {"form_token": page_token(), **self.base, "plan_item": "999999", "trainer": ""},
        )
        self.assertEqual(unescape(said_at(response, "plan_item")), gettext(str(UNKNOWN_PLAN_ITEM)))
        self.assertIn("授课人", said_at(response, "trainer"))
        # Not repeated in the banner above the form.
        self.assertNotIn(gettext(str(UNKNOWN_PLAN_ITEM)), unescape(_banner(response)))

    def test_no_plan_item_and_a_known_one_are_still_taken(self) -> None:
        plan = plan_create(
            station=self.station_a, user=self.chief, year=self.today.year, hours_per_person="4"
        )
        item = plan_item_add(plan=plan, user=self.chief, topic="安全规程", month=1, hours="2")
        for sent in ("", str(item.pk)):
            response = self.client.post(
                reverse("training:session_new"),
                {"form_token": page_token(), **self.base, "plan_item": sent},
            )
            self.assertEqual(response.status_code, 302)
        self.assertEqual(
            sorted(TrainingSession.objects.values_list("plan_item", flat=True), key=str),
            sorted([None, item.pk], key=str),
        )


def _banner(response: object) -> str:
    page = response.content.decode()  # type: ignore[attr-defined]
    start = page.find('class="messages"')
    return page[start : page.find("</ul>", start)] if start >= 0 else ""
