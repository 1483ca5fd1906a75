"""Outreach visits and hotline cards: the rules, the calendar, the coverage, the station's own."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.outreach.cards import cards_give
from powerdesk.outreach.models import HotlineCard, OutreachVisit
from powerdesk.outreach.selectors import card_coverage, visit_coverage
from powerdesk.outreach.services import (
    OutreachError,
    photo_add,
    visit_cancel,
    visit_plan_once,
    visit_record,
)
from tests.base import BaseTestCase, make_user, page_token
from tests.test_outage_form_errors import field_errors


class OutreachTests(BaseTestCase):
    def plan(self, **overrides: object) -> OutreachVisit:
        values: dict[str, object] = {
            "station": self.station_a,
            "user": self.clerk,
            "date": timezone.localdate(),
            "title": "左门村安全用电进村入户",
            "villages": [self.village],
            "groups": [self.group],
            "staff": [self.clerk, self.chief],
            "topics": ["safe_use", "reporting"],
        }
        values.update(overrides)
        return visit_plan_once(**values)[0]  # type: ignore[arg-type]

    def test_a_plan_names_what_is_missing(self) -> None:
        stranger = make_user("stranger", self.station_b, "counter", full_name="外所员工")
        cases = [
            ({"title": " "}, "请填写活动标题"),
            ({"villages": [], "groups": []}, "请至少选择一个村委会"),
            ({"staff": [stranger]}, "外所员工 不是本所人员"),
            ({"topics": []}, "请至少选择一个宣传主题"),
            ({"topics": ["karaoke"]}, "未知的宣传主题：karaoke"),
        ]
        for overrides, message in cases:
            with self.subTest(message), self.assertRaisesMessage(OutreachError, message):
                self.plan(**overrides)
        self.assertFalse(OutreachVisit.objects.exists())

    def test_a_group_ticked_alone_is_a_visit_to_its_village(self) -> None:
        # Walkthrough 34, finding 8: refused as "choose at least one village".
        other_village = Village.objects.create(station=self.station_a, name="地索")
        visit = self.plan(villages=[other_village], groups=[self.group])
        self.assertEqual(set(visit.villages.all()), {other_village, self.village})
        self.assertEqual(list(visit.groups.all()), [self.group])
        self.login(self.chief)
        response = self.client.post(
            reverse("outreach:visit_new"),
            {
                "form_token": page_token(),
                "date": timezone.localdate().isoformat(),
                "title": "干海组防雷宣传",
                "groups": [self.group.pk],
                "topics": ["safe_use"],
                "staff": [self.chief.pk],
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            list(OutreachVisit.objects.get(title="干海组防雷宣传").villages.all()), [self.village]
        )

    def test_the_first_field_refused_takes_the_focus(self) -> None:
        self.login(self.chief)
        url = reverse("outreach:visit_new")
        today = timezone.localdate().isoformat()
        cases = [
            ({"date": today, "title": "防雷宣传", "topics": ["safe_use"]}, 'name="villages"'),
            ({"date": "不是日期", "topics": ["safe_use"]}, 'name="date"'),
            ({"date": today, "title": "防雷宣传", "villages": [self.village.pk]}, 'name="topics"'),
        ]
        for data, field in cases:
            with self.subTest(field):
                page = self.client.post(url, {**data, "form_token": page_token()}).content.decode()
                self.assertEqual(page.count("autofocus"), 1)
                tag = page[: page.index("autofocus")]
                tag = tag[tag.rindex("<") :]
                self.assertIn(field, tag)

    def test_recording_a_visit_checks_the_day_and_the_households(self) -> None:
        future = self.plan(date=timezone.localdate() + dt.timedelta(days=3))
        with self.assertRaisesMessage(OutreachError, "活动日期未到"):
            visit_record(visit=future, user=self.clerk, households_reached=1)
        visit = self.plan()
        # A group chosen: its households, the group named (walk61, L4).
        with (
            translation.override("en"),
            self.assertRaisesMessage(OutreachError, "but 左门·哔叭 has only 1."),
        ):
            visit_record(visit=visit, user=self.clerk, households_reached=5)
        visit_record(visit=visit, user=self.clerk, households_reached=1, materials="手册 20 份")
        visit.refresh_from_db()
        self.assertEqual((visit.status, visit.households_reached), ("done", 1))
        self.assertEqual(
            list(visit.events.values_list("what", "by")),
            [("planned", self.clerk.pk), ("done", self.clerk.pk)],
        )

    def test_a_cancelled_visit_needs_a_reason_and_cannot_be_recorded(self) -> None:
        visit = self.plan()
        with self.assertRaisesMessage(OutreachError, "请说明取消原因"):
            visit_cancel(visit=visit, user=self.clerk, reason="")
        visit_cancel(visit=visit, user=self.clerk, reason="暴雨塌方")
        with self.assertRaisesMessage(OutreachError, "该活动已取消"):
            visit_record(visit=visit, user=self.clerk, households_reached=1)

    def test_only_photos_are_accepted(self) -> None:
        import tempfile

        from django.test import override_settings

        from tests.images import phone_jpeg

        visit = self.plan()
        with self.assertRaisesMessage(OutreachError, "x.exe 不是照片"):
            photo_add(
                visit=visit, user=self.clerk, image=SimpleUploadedFile("x.exe", b"MZ"), caption=""
            )
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            photo_add(
                visit=visit,
                user=self.clerk,
                image=SimpleUploadedFile("x.jpg", phone_jpeg(), content_type="image/jpeg"),
                caption="村委会活动室",
            )
        self.assertEqual(visit.photos.get().caption, "村委会活动室")

    def test_hotline_cards_and_coverage_by_group(self) -> None:
        second = Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="起文明",
            village=self.village,
            group=self.group,
        )
        with self.assertRaisesMessage(OutreachError, "发放日期不能晚于今天"):
            cards_give(
                station=self.station_a,
                user=self.clerk,
                customers=[second],
                given_on=timezone.localdate() + dt.timedelta(days=1),
                channel="counter",
            )
        cards_give(
            station=self.station_a,
            user=self.clerk,
            customers=[second],
            given_on=timezone.localdate(),
            channel="counter",
        )
        (village_row, groups), *_ = card_coverage(self.station_a)
        self.assertEqual(
            (village_row.households, village_row.with_card, village_row.missing), (2, 1, 1)
        )
        self.assertEqual([(g.group, g.missing) for g in groups], [(self.group, 1)])
        self.login(self.clerk)
        page = self.client.get(reverse("outreach:group_cards", args=[self.group.pk]))
        self.assertEqual([c.name for c in page.context["missing"]], ["普光荣"])

    def test_cards_are_recorded_from_the_group_page(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("outreach:group_cards", args=[self.group.pk]),
            {
                "customers": [self.customer.pk],
                "given_on": timezone.localdate().isoformat(),
                "channel": "liaison",
            },
            follow=True,
        )
        self.assertContains(response, "已登记 1 张便民服务卡")
        self.assertEqual(HotlineCard.objects.get().recorded_by, self.clerk)

    def test_cards_refused_say_every_problem_at_its_field_what_was_ticked_kept(self) -> None:
        self.login(self.clerk)
        url = reverse("outreach:group_cards", args=[self.group.pk])
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        # Nothing ticked, no way handed out, a day to come: all three in one answer.
        response = self.client.post(url, {"given_on": tomorrow.isoformat(), "channel": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(sorted(response.context["wrong"]), ["channel", "customers", "given_on"])
        for testid in ("customers", "channel", "given-on"):
            self.assertContains(response, f'data-testid="{testid}-errors"', status_code=400)
        self.assertContains(response, f'value="{tomorrow.isoformat()}"', status_code=400)
        # A day that is none, with a household ticked and the way chosen: the day at its
        # field, the household still ticked and the way still chosen.
        response = self.client.post(
            url, {"given_on": "2026-02-30", "channel": "liaison", "customers": [self.customer.pk]}
        )
        self.assertEqual(sorted(response.context["wrong"]), ["given_on"])
        self.assertContains(
            response,
            f'value="{self.customer.pk}" aria-label="{self.customer.name}" checked',
            status_code=400,
        )
        self.assertContains(response, 'value="liaison" selected', status_code=400)
        self.assertFalse(HotlineCard.objects.exists())

    def test_planning_from_the_page_and_the_calendar_and_coverage_show_it(self) -> None:
        self.login(self.clerk)
        today = timezone.localdate()
        response = self.client.post(
            reverse("outreach:visit_new"),
            {
                "form_token": page_token(),
                "date": today.isoformat(),
                "title": "哔叭组防雷宣传",
                "villages": [self.village.pk],
                "groups": [self.group.pk],
                "staff": [self.clerk.pk],
                "topics": ["safe_use"],
            },
        )
        visit = OutreachVisit.objects.get()
        self.assertRedirects(response, visit.get_absolute_url())
        calendar = self.client.get(reverse("outreach:calendar") + f"?month={today:%Y-%m}")
        self.assertContains(calendar, visit.get_absolute_url())
        self.client.post(
            visit.get_absolute_url(),
            {"action": "record", "households_reached": "1", "date": today.isoformat()},
        )
        (row,) = visit_coverage(self.station_a, today.year)
        self.assertEqual((row.visits, row.households_reached, row.last_visit), (1, 1, today))
        self.assertIn("如何报修", row.topics_missing)

    def test_a_plan_with_an_error_keeps_what_was_typed(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("outreach:visit_new"),
            {
                "form_token": page_token(),
                "date": timezone.localdate().isoformat(),
                "title": "哔叭组防雷宣传",
                "topics": ["safe_use"],
            },
        )
        # Each problem at its field, all in one answer (the villages and the staff), what was
        # typed kept.
        self.assertContains(response, "请至少选择一个村委会", status_code=400)
        self.assertContains(response, 'data-testid="villages-errors"', status_code=400)
        self.assertContains(response, 'data-testid="staff-errors"', status_code=400)
        self.assertNotContains(response, 'data-testid="topics-errors"', status_code=400)
        self.assertContains(response, "哔叭组防雷宣传", status_code=400)

    def test_another_station_sees_no_visit_and_cannot_record_cards(self) -> None:
        visit = self.plan()
        self.login(self.outsider)
        self.assertEqual(self.client.get(visit.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get(reverse("outreach:calendar")), "左门")
        self.assertNotContains(self.client.get(reverse("outreach:coverage")), "左门")
        response = self.client.post(
            reverse("outreach:group_cards", args=[self.group.pk]),
            {"customers": [self.customer.pk], "given_on": "2026-01-01", "channel": "counter"},
        )
        self.assertEqual(response.status_code, 404)
        other_group = VillageGroup.objects.create(
            station=self.station_b,
            village=Village.objects.create(station=self.station_b, name="栋川"),
            name="东街",
        )
        self.login(self.clerk)
        self.assertEqual(
            self.client.get(reverse("outreach:group_cards", args=[other_group.pk])).status_code, 404
        )
        self.assertFalse(HotlineCard.objects.exists())

    def test_the_home_page_asks_for_visits_past_their_day_to_be_recorded(self) -> None:
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("web:home")), "今年尚未宣传的村")
        visit = self.plan()
        OutreachVisit.objects.filter(pk=visit.pk).update(
            date=timezone.localdate() - dt.timedelta(days=2)
        )
        page = self.client.get(reverse("web:home")).content.decode()
        start = page.index('data-slot="villages"')
        self.assertIn('<span class="badge warn">1</span>', page[start : start + 2000])

    def test_a_negative_household_count_is_said_by_its_name(self) -> None:
        visit = self.plan()
        self.login(self.clerk)
        response = self.client.post(
            reverse("outreach:visit", args=[visit.pk]),
            {"action": "record", "households_reached": "-3"},
        )
        # At its field, on the page drawn again with what was typed (status 400).
        self.assertIn(
            "覆盖户数不能小于 0", field_errors(response.content.decode(), "households_reached")
        )
        self.assertEqual(response.status_code, 400)
        self.assertNotContains(response, "确保该值", status_code=400)
        visit.refresh_from_db()
        self.assertEqual(visit.status, "planned")


class VisitCardCountsTests(BaseTestCase):
    """A visit's page says what each number counts (walk29 finding 9): the materials handed out
    are described as staff wrote them (which, how many); the hotline cards are households recorded as given one."""

    def test_the_page_says_the_cards_are_households_recorded_and_materials_are_copies(
        self,
    ) -> None:
        visit = visit_plan_once(
            station=self.station_a,
            user=self.clerk,
            date=timezone.localdate(),
            title="左门村安全用电进村入户",
            villages=[self.village],
            groups=[self.group],
            staff=[self.clerk],
            topics=["safe_use"],
        )[0]
        visit_record(visit=visit, user=self.clerk, households_reached=1, materials="手册 20 份")
        cards_give(
            station=self.station_a,
            user=self.clerk,
            customers=[self.customer],
            given_on=timezone.localdate(),
            channel="visit",
            visit=visit,
        )
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        page = self.client.get(visit.get_absolute_url()).content.decode()
        # The materials are a description (which, and how many of each), not a count (walk61,
        # L4: labelled "copies", it took "宣传册").
        self.assertIn("Materials handed out (which and how many, as written)", page)
        self.assertIn('data-testid="visit-cards">1 household<', page)
        self.assertIn("Hotline cards given (households recorded)", page)
        # The form says where cards are recorded, and its example names no cards.
        self.assertIn("recorded per household", page)
        self.assertNotIn("80 service cards", page)
