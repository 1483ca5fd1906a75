"""Records the admin site keeps as they are (walk64, H2): the station's administrator could
delete an arrears case approved for disconnection, with its history, and change its approval's
reason. Each record of what was done or decided is seen there and neither changed nor deleted
(its page, its list's "delete selected", for a superuser too); reference data is not deleted
there when that would take such records along, or blank who made them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from axes.models import AccessLog
from django.contrib.auth.models import Permission
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from powerdesk.accounts.models import Role, User
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.community.models import Village
from powerdesk.network.models import ImportRun
from powerdesk.outreach.models import HotlineCard, OutreachVisit, OutreachVisitEvent
from powerdesk.training.models import SelfStudy, TrainingSession
from tests.base import BaseTestCase, make_user


def url(obj: models.Model, page: str, *args: Any) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{page}", args=args)


class RecordsKeptTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        now = timezone.now()
        self.case = ArrearsCase.objects.create(
            station=self.station_a,
            customer=self.customer,
            amount=Decimal("312.50"),
            owed_since=dt.date(2025, 1, 1),
            stage=ArrearsCase.Stage.APPROVED,
            situation="一个人住",
            approved_by=self.chief,
            approved_at=now,
            approval_reason="多次催缴不理",
        )
        for stage in ("open", "notice_given", "liaison_contacted", "checked", "approved"):
            ArrearsEvent.objects.create(case=self.case, stage=stage, at=now, by=self.chief)
        self.visit = OutreachVisit.objects.create(
            station=self.station_a, date=dt.date(2025, 3, 1), title="安全用电进村", status="done"
        )
        OutreachVisitEvent.objects.create(visit=self.visit, what="done", at=now, by=self.chief)
        self.card = HotlineCard.objects.create(
            station=self.station_a,
            customer=self.customer,
            given_on=dt.date(2025, 3, 1),
            channel="visit",
        )
        self.session = TrainingSession.objects.create(
            station=self.station_a,
            date=dt.date(2025, 3, 2),
            topic="安规",
            trainer="杨所长",
            hours=2,
        )
        self.study = SelfStudy.objects.create(
            station=self.station_a,
            person=self.clerk,
            date=dt.date(2025, 3, 3),
            topic="台区",
            hours=1,
        )
        self.run = ImportRun.objects.create(
            station=self.station_a, kind="customers", file_name="用户.csv", created_by=self.admin
        )
        self.records: list[models.Model] = [
            self.case,
            self.visit,
            self.card,
            self.session,
            self.study,
            self.run,
        ]

    def assert_kept(self, obj: models.Model) -> None:
        self.assertTrue(type(obj)._default_manager.filter(pk=obj.pk).exists(), obj)

    def test_each_record_is_neither_deleted_nor_changed_by_the_station_s_administrator(
        self,
    ) -> None:
        self.login(self.admin)
        for obj in self.records:
            with self.subTest(model=obj._meta.label):
                self.assertEqual(self.client.get(url(obj, "delete", obj.pk)).status_code, 403)
                posted = self.client.post(url(obj, "delete", obj.pk), {"post": "yes"})
                self.assertEqual(posted.status_code, 403)
                self.assert_kept(obj)
                shown = self.client.get(url(obj, "change", obj.pk))
                self.assertEqual(shown.status_code, 200)  # seen, read only
                self.assertNotContains(shown, 'name="_save"')
                self.assertEqual(self.client.get(url(obj, "add")).status_code, 403)
                bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
                self.client.post(url(obj, "changelist"), bulk)
                self.assert_kept(obj)
                listed = self.client.get(url(obj, "changelist"))
                self.assertNotContains(listed, 'value="delete_selected"')

    def test_the_approved_case_keeps_its_decision_and_its_history(self) -> None:
        self.login(self.admin)
        changed = self.client.post(
            url(self.case, "change", self.case.pk),
            {
                "customer": self.customer.pk,
                "station": self.station_a.pk,
                "amount": "1",
                "owed_since": "2025-01-01",
                "approval_reason": "改了",
                "situation": "改了",
                "notice_method": "sms",
            },
        )
        self.assertEqual(changed.status_code, 403)
        self.case.refresh_from_db()
        self.assertEqual(
            (self.case.approval_reason, self.case.situation, self.case.amount),
            ("多次催缴不理", "一个人住", Decimal("312.50")),
        )
        self.assertEqual(self.case.events.count(), 5)

    def test_a_superuser_does_not_delete_records_either(self) -> None:
        root = User.objects.create_superuser("root", password="x")
        AccessLog.objects.create(username="clerk", attempt_time=timezone.now())
        log = AccessLog.objects.get()
        self.login(root)
        for obj in [*self.records, log]:
            with self.subTest(model=obj._meta.label):
                self.client.post(url(obj, "delete", obj.pk), {"post": "yes"})
                bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
                self.client.post(url(obj, "changelist"), bulk)
                self.assert_kept(obj)
        self.assertEqual(self.case.events.count(), 5)

    def test_reference_data_is_not_deleted_with_the_records_it_holds(self) -> None:
        self.login(self.admin)
        # The customer holds a hotline card given (and an arrears case, which protects it).
        page = self.client.get(url(self.customer, "delete", self.customer.pk))
        with translation.override("zh-hans"):
            cards = capfirst(str(HotlineCard._meta.verbose_name_plural))
            self.assertIn(f"{cards}: 1", page.context["perms_lacking"])
        self.client.post(url(self.customer, "delete", self.customer.pk), {"post": "yes"})
        self.assert_kept(self.customer)
        self.assert_kept(self.card)
        # The chief who approved the disconnection: deleting the login would blank who did.
        self.client.post(url(self.chief, "delete", self.chief.pk), {"post": "yes"})
        self.assert_kept(self.chief)
        self.case.refresh_from_db()
        self.assertEqual(self.case.approved_by, self.chief)
        # The clerk, whose self-study is on record.
        self.client.post(url(self.clerk, "delete", self.clerk.pk), {"post": "yes"})
        self.assert_kept(self.clerk)
        self.assert_kept(self.study)

    def test_reference_data_holding_no_record_is_still_deleted(self) -> None:
        self.login(self.admin)
        empty = Village.objects.create(station=self.station_a, name="新村")
        bulk = {"action": "delete_selected", "_selected_action": [empty.pk], "post": "yes"}
        self.client.post(url(empty, "changelist"), bulk)
        self.assertFalse(Village.objects.filter(pk=empty.pk).exists())
        nobody = make_user("nobody", self.station_a, Role.COUNTER)
        self.client.post(url(nobody, "delete", nobody.pk), {"post": "yes"})
        self.assertFalse(User.objects.filter(pk=nobody.pk).exists())
        # And the deletion is in the admin's log, which the audit trail reads.
        from django.contrib.admin.models import DELETION, LogEntry

        self.assertTrue(
            LogEntry.objects.filter(user=self.admin, action_flag=DELETION, object_repr="新村")
        )

    def test_a_chief_does_not_reach_the_admin_s_records(self) -> None:
        self.login(self.chief)
        for obj in self.records:
            with self.subTest(model=obj._meta.label):
                self.client.post(url(obj, "delete", obj.pk), {"post": "yes"})
                self.assertEqual(self.client.get(url(obj, "change", obj.pk)).status_code, 403)
                self.assert_kept(obj)
        self.assertFalse(Permission.objects.filter(user=self.chief).exists())


class InlineRowsKeptTests(BaseTestCase):
    """A village's group deleted as a row of the village's page takes its liaisons along, and
    would blank whom the liaisons' work was with: refused as on a delete page."""

    def test_a_group_whose_liaison_has_worked_is_not_deleted_as_an_inline_row(self) -> None:
        from django.contrib import admin as django_admin
        from django.test import RequestFactory

        from powerdesk.community.admin import VillageGroupInline
        from powerdesk.community.models import Liaison, LiaisonActivity, VillageGroup

        admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        kept = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="大村"
        )
        liaison = Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            group=kept,
            name="李组长",
            phone="13800000000",
            role="group_leader",
        )
        LiaisonActivity.objects.create(
            station=self.station_a,
            village=self.village,
            liaison=liaison,
            at=timezone.now(),
            by=self.chief,
            kind="report",
        )
        empty = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="小村"
        )
        request = RequestFactory().post("/")
        request.user = admin
        formset_class = VillageGroupInline(type(self.village), django_admin.site).get_formset(
            request, self.village
        )
        shown = formset_class(instance=self.village)
        data = {
            f"{shown.prefix}-TOTAL_FORMS": str(len(shown.forms)),
            f"{shown.prefix}-INITIAL_FORMS": str(len(shown.initial_forms)),
        }
        for form in shown.forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, False):
                    data[form.add_prefix(name)] = "on" if value is True else str(value)
            if form.instance.pk in (kept.pk, empty.pk):
                data[form.add_prefix("DELETE")] = "on"
        refused = formset_class(data, instance=self.village)
        self.assertFalse(refused.is_valid())
        with translation.override("en"):
            self.assertIn("大村", str(refused.non_form_errors()))
        self.assertNotIn("小村", str(refused.non_form_errors()))
        del data[f"{shown.prefix}-{[f.instance.pk for f in shown.forms].index(kept.pk)}-DELETE"]
        allowed = formset_class(data, instance=self.village)
        self.assertTrue(allowed.is_valid(), allowed.errors)
        allowed.save()
        self.assertFalse(VillageGroup.objects.filter(pk=empty.pk).exists())
        self.assertTrue(VillageGroup.objects.filter(pk=kept.pk).exists())
