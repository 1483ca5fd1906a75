"""A person's notice names what it is about by a link of its own (``Notification.subject``),
not by reading its key back (problems76): a cut household's notice leads to its case. A line
never leads to another station's thing, whatever its key or its stored link say."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import disconnection_carry_out
from powerdesk.servicedesk.models import Notification
from powerdesk.servicedesk.notices import notice_link
from tests.arrears.api_cast import AFTER_NOTICE
from tests.arrears.cast import START
from tests.arrears.lift_cast import VENTILATOR, LiftCast
from tests.base import make_user

CUT_LATER = AFTER_NOTICE + dt.timedelta(hours=1)


class NoticeSubjectTests(LiftCast):
    def setUp(self) -> None:
        super().setUp()
        self.chief_b = make_user("chief_b", self.station_b, Role.CHIEF, full_name="栋川所长")

    def cut(self) -> ArrearsCase:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE, tick=False):
            case = disconnection_carry_out(case=case, user=self.chief)
        self.login(self.clerk)
        with time_machine.travel(CUT_LATER, tick=False):
            answer = self.client.post(
                case.get_absolute_url(), {"step": "words", "words": VENTILATOR}
            )
        self.assertEqual(answer.status_code, 302)
        return case

    def test_a_cut_household_s_notice_is_about_its_case_whatever_its_key(self) -> None:
        case = self.cut()
        told = Notification.objects.get(kind="cut_need", recipient=self.chief)
        self.assertEqual(told.subject, case)
        # Its key no longer names the case: the line still leads to it.
        Notification.objects.filter(pk=told.pk).update(key="cutneed:renamed")
        told.refresh_from_db()
        self.assertEqual(notice_link(told.kind, told), case.get_absolute_url())
        self.login(self.chief)
        for page in (reverse("servicedesk:notices"), reverse("web:home")):
            self.assertContains(self.client.get(page), case.get_absolute_url())

    def test_a_notice_at_another_station_never_leads_to_this_station_s_case(self) -> None:
        case = self.cut()  # of station A
        # 栋川's chief has a notice whose key names A's case (as a cut household's notice's
        # key does), and one whose stored link is A's case.
        by_key = Notification.objects.create(
            station=self.station_b,
            recipient=self.chief_b,
            kind="cut_need",
            key=f"cutneed:{case.pk}:1",
            text="x",
        )
        self.assertIsNone(by_key.subject_id)
        Notification.objects.create(
            station=self.station_b,
            recipient=self.chief_b,
            kind="outage",
            key="linked",
            text="y",
            subject_type=ContentType.objects.get_for_model(ArrearsCase),
            subject_id=case.pk,
        )
        self.login(self.chief_b)
        for page in (reverse("servicedesk:notices"), reverse("web:home")):
            answer = self.client.get(page)
            self.assertEqual(answer.status_code, 200)
            self.assertNotContains(answer, case.get_absolute_url())
        for notice in Notification.objects.filter(station=self.station_b):
            self.assertNotEqual(notice_link(notice.kind, notice), case.get_absolute_url())
        self.assertIn(self.client.get(case.get_absolute_url()).status_code, (403, 404))

    def test_a_notice_raised_at_another_station_keeps_no_link_to_this_one_s_thing(self) -> None:
        from powerdesk.notifications import audience
        from powerdesk.notifications.models import Event
        from powerdesk.notifications.services import notice_raise

        case = self.cut()
        notice_raise(
            station=self.station_b,
            event=Event.ESCALATION,
            key="stray",
            recipients=audience.staff(self.station_b, [self.chief_b.pk], "cut_need"),
            facts={"name": "x", "account": "1", "words": "", "inapp": {"kind": "cut_need"}},
            subject=case,
        )
        told = Notification.objects.get(station=self.station_b, key="stray")
        self.assertIsNone(told.subject_type_id)
        self.assertEqual(notice_link(told.kind, told), reverse("arrears:cases"))
