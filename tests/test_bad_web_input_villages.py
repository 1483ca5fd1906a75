"""Bad input to the pages of the station's work in the villages, sent by someone allowed to use
them: outreach visits and cards given, training sessions and self-study, villages' liaisons and
their reports, phones (in the admin too), list filters. A message that names the field, what was
typed kept, nothing stored."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.models import Liaison
from powerdesk.outreach.models import OutreachVisit
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.training.models import TrainingSession
from tests.bad_input_cast import BadWebInputCase
from tests.base import BaseTestCase, make_user, page_token


def date_said(response: Any) -> str:
    """The error said at a training page's date field, empty when none is."""
    found = re.search(r'data-field-error="date"[^>]*>([^<]*)<', response.content.decode())
    return found.group(1) if found else ""


class BadWebInputTests(BadWebInputCase):
    # Outreach and training ----------------------------------------------------------------

    def test_a_calendar_month_out_of_range_shows_this_month(self) -> None:
        today = timezone.localdate()
        for month in ("9999-12", "0001-01", "2026-13", "abc", "1" * 5000 + "-1"):
            response = self.client.get(reverse("outreach:calendar"), {"month": month})
            self.assertEqual(response.status_code, 200, month[:20])
            self.assertEqual(response.context["month"], today.replace(day=1))

    def test_a_visit_on_an_impossible_day_is_named_and_kept(self) -> None:
        response = self.client.post(
            reverse("outreach:visit_new"),
            {
                "form_token": page_token(),
                "date": "2026-02-30",
                "title": "左门村安全用电",
                "villages": [self.village.pk, "abc"],
                "staff": ["x"],
                "topics": ["safety"],
            },
        )
        # Every problem at its field in one answer: the day, no staff of the station, no such topic.
        self.assertEqual(response.status_code, 400)
        wrong = response.context["wrong"]
        self.assertEqual(sorted(wrong), ["date", "staff", "topics"], wrong)
        self.assertContains(response, 'data-testid="date-errors"', status_code=400)
        self.assertContains(response, "左门村安全用电", status_code=400)
        self.assertFalse(OutreachVisit.objects.exists())
        self.assert_pages_answer()

    def test_a_visit_record_with_an_impossible_day_or_count_is_named(self) -> None:
        visit = OutreachVisit.objects.create(
            station=self.station_a, date=timezone.localdate(), title="宣传", topics=["safety"]
        )
        url = reverse("outreach:visit", args=[visit.pk])
        for data in (
            {"households_reached": "3", "date": "2026-02-30"},
            {"households_reached": "1e9"},
            {"households_reached": str(10**30)},
        ):
            response = self.client.post(url, {"action": "record", **data})
            # Said at its field, on the page drawn again with what was typed.
            self.assertEqual(response.status_code, 400, data)
            field = "date" if "date" in data else "households-reached"
            said = re.search(rf'data-testid="{field}-errors">([^<]+)<', response.content.decode())
            self.assertTrue(said, data)
        visit.refresh_from_db()
        self.assertEqual(visit.status, OutreachVisit.Status.PLANNED)

    def test_cards_given_on_an_impossible_day_are_named(self) -> None:
        response = self.client.post(
            reverse("outreach:group_cards", args=[self.group.pk]),
            {"given_on": "2026-02-30", "customers": [self.customer.pk, "x"], "visit": "abc"},
        )
        # At its field, the page drawn again with what was ticked (never a banner alone).
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["wrong"]["given_on"])
        self.assertContains(response, 'data-testid="given-on-errors"', status_code=400)
        self.assertFalse(self.errors(response))

    def test_a_training_session_on_an_impossible_day_is_named_and_kept(self) -> None:
        response = self.client.post(
            reverse("training:session_new"),
            {
                "form_token": page_token(),
                "date": "2026-02-30",
                "topic": "安全规程",
                "trainer": "杨所长",
                "hours": "2",
                "plan_item": "abc",
            },
        )
        # At the date field, and only there (walkthrough 29, finding 10).
        self.assertIn("日期", date_said(response))
        self.assertNotIn("日期", self.errors(response))
        self.assertContains(response, "安全规程", status_code=400)
        self.assertFalse(TrainingSession.objects.exists())

    def test_self_study_on_an_impossible_day_or_with_a_long_topic_is_named(self) -> None:
        url = reverse("training:person", args=[self.chief.pk])
        for data in ({"date": "2026-02-30", "topic": "规程"}, {"date": "", "topic": "规" * 101}):
            response = self.client.post(url, {"hours": "1", **data}, follow=True)
            self.assertTrue(date_said(response), data)  # the date at its field
        # The topic's length at the topic (walkthrough 32, finding 5), not in the banner.
        page = response.content.decode()
        at_topic = page[page.index('data-field-error="topic"') :]
        self.assertIn("100", at_topic[: at_topic.index("</span>")])
        self.assertNotIn("100", self.errors(response))

    # Villages, liaisons, phones -----------------------------------------------------------

    def test_a_liaison_phone_that_is_not_a_number_is_refused_and_the_form_kept(self) -> None:
        response = self.client.post(
            reverse("community:village", args=[self.village.pk]),
            {
                "action": "add_liaison",
                "name": "李文华",
                "phone": "abc<script>",
                "role": "secretary",
                "group": "",
            },
        )
        # Said at the phone's field (probe76, M3/M4: a liaison's errors at their fields).
        from tests.test_outage_form_errors import field_errors

        self.assertIn("不是可以拨打的电话号码", field_errors(response.content.decode(), "phone"))
        self.assertContains(response, 'value="李文华"', status_code=400)
        self.assertFalse(Liaison.objects.exists())

    def test_a_liaison_name_longer_than_its_column_is_refused(self) -> None:
        response = self.client.post(
            reverse("community:village", args=[self.village.pk]),
            {"action": "add_liaison", "name": "李" * 61, "phone": "13812345678"},
        )
        said = self.errors(response)
        self.assertIn("60", said)  # named by its field, in the product's words
        self.assertNotIn("变量", said)
        self.assertFalse(Liaison.objects.exists())
        # Kept whole to be shortened, and no maxlength cuts a pasted name (walkthrough 28, 5).
        page = response.content.decode()
        self.assertIn('value="' + "李" * 61 + '"', page)
        self.assertNotIn("maxlength", page.split('<input type="text" name="name"')[1].split(">")[0])

    def test_a_liaison_s_report_with_a_group_that_is_not_a_number_is_said_at_its_field(
        self,
    ) -> None:
        liaison = make_user("zm", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.login(liaison)
        response = self.client.post(
            reverse("web:liaison"), {"action": "power_back", "outage": "abc", "group": "x"}
        )
        self.assertEqual(response.status_code, 302)
        page = self.client.get(reverse("web:liaison"))
        response = self.client.post(
            reverse("web:liaison"),
            {
                "action": "report",
                "group": "x",
                "text": "停" * 2001,
                "form_token": page.context["form_token"],
            },
        )
        self.assertEqual(response.status_code, 400)
        form = response.context["villages"][0][-1]
        self.assertEqual(sorted(form.errors), ["group", "text"])
        self.assertIn("最多 2000", " ".join(form.errors["text"]))
        # Kept whole to be shortened; no maxlength cuts a pasted report (walkthrough 28, 5).
        page = response.content.decode()
        self.assertIn("停" * 2001, page)
        self.assertNotIn("maxlength", page.split('<textarea name="text"')[1].split(">", 1)[0])
        self.assertFalse(WorkOrder.objects.exists())

    def test_list_filters_that_are_not_ids_are_ignored(self) -> None:
        for url, params in (
            (reverse("customers:list"), {"village": "abc"}),
            (reverse("customers:list"), {"village": "9" * 40}),
            (reverse("network:devices"), {"feeder": "²"}),
        ):
            self.assertEqual(self.client.get(url, params).status_code, 200, params)


class AdminPhoneTests(BaseTestCase):
    def test_a_phone_typed_in_the_admin_must_be_a_number(self) -> None:
        self.client.force_login(self.outsider)
        station_b = self.outsider.memberships.get(role=Role.ADMIN).station
        crew = station_b.crews.create(name="二班")
        url = reverse("admin:accounts_crew_change", args=[crew.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        data = {"name": "二班", "station": station_b.pk, "phone": "abc<script>"}
        response = self.client.post(url, data)
        self.assertContains(response, "不是可以拨打的电话号码")
        crew.refresh_from_db()
        self.assertEqual(crew.phone, "")
        self.client.post(url, {**data, "phone": "0878-5711095"})
        crew.refresh_from_db()
        self.assertEqual(crew.phone, "0878 571 1095")
