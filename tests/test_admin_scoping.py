"""A station's administrator manages only what is wholly theirs in the admin.

The outsider of the cast administers station B (栋川). ``both`` works at A and B, like the demo's
county dispatcher: B's administrator must not be able to take that account over, and with it A's
data. ``b_clerk`` works only at B, so B's administrator may manage that account.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from powerdesk.accounts.models import Membership, Role, Station, User
from powerdesk.network.models import Feeder
from powerdesk.training.models import PlanItem, TrainingPlan
from tests.base import PASSWORD, BaseTestCase, make_user

NEW_PASSWORD = "taken over 2026!"


class AdminScopingTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.both = make_user("both", cls.station_a, Role.DISPATCHER, full_name="段调度")
        Membership.objects.create(user=cls.both, station=cls.station_b, role=Role.DISPATCHER)
        cls.b_clerk = make_user("b_clerk", cls.station_b, Role.COUNTER, full_name="栋川柜台")
        cls.root = User.objects.create_superuser("root", password=PASSWORD)
        # A superuser who also works at B must stay out of B's administrator's reach.
        cls.b_super = make_user("b_super", cls.station_b, Role.CHIEF, is_superuser=True)
        cls.feeder_b = Feeder.objects.create(station=cls.station_b, code="DC", name="10kV栋川线")

    def user_url(self, name: str, user: User) -> str:
        # Django names the password page after its own user model, whichever model is in use.
        prefix = "auth" if name == "password_change" else "accounts"
        return reverse(f"admin:{prefix}_user_{name}", args=[user.pk])

    def password_post(self, user: User) -> int:
        response = self.client.post(
            self.user_url("password_change", user),
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "set_usable_password": "true"},
        )
        return response.status_code

    def change_post(self, user: User, **fields: str) -> int:
        data = {
            "username": user.username,
            "full_name": fields.get("full_name", user.full_name),
            "phone": "",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }
        for i, membership in enumerate(user.memberships.all()):
            data.update(
                {
                    f"memberships-{i}-id": str(membership.pk),
                    f"memberships-{i}-user": str(user.pk),
                    f"memberships-{i}-station": str(membership.station_id),
                    f"memberships-{i}-role": membership.role,
                }
            )
        count = user.memberships.count()
        data["memberships-TOTAL_FORMS"] = data["memberships-INITIAL_FORMS"] = str(count)
        data.update(fields)
        return self.client.post(self.user_url("change", user), data).status_code

    # The attack of the issue, step by step.

    def test_b_admin_cannot_set_the_password_of_a_user_of_two_stations(self) -> None:
        self.login(self.outsider)
        # Listed on the staff page of B, refused with the staff page's reason (walk56, L6).
        self.assertEqual(
            self.client.get(self.user_url("password_change", self.both)).status_code, 403
        )
        self.assertEqual(self.password_post(self.both), 403)
        self.both.refresh_from_db()
        self.assertTrue(self.both.check_password(PASSWORD))
        self.client.logout()
        self.assertFalse(self.client.login(username="both", password=NEW_PASSWORD))

    def test_b_admin_cannot_open_change_delete_or_history_of_a_user_of_two_stations(self) -> None:
        self.login(self.outsider)
        for name in ("change", "delete", "history"):
            response = self.client.get(self.user_url(name, self.both))
            self.assertEqual(response.status_code, 404, name)
            self.assertNotContains(response, "段调度", status_code=404)
        self.client.post(self.user_url("delete", self.both), {"post": "yes"})
        self.assertTrue(User.objects.filter(pk=self.both.pk).exists())

    def test_b_admin_cannot_change_a_user_of_two_stations(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.change_post(self.both, full_name="改了"), 404)
        self.both.refresh_from_db()
        self.assertEqual(self.both.full_name, "段调度")

    def test_b_admin_does_not_list_users_who_also_work_elsewhere_or_superusers(self) -> None:
        self.login(self.outsider)
        response = self.client.get(reverse("admin:accounts_user_changelist"))
        self.assertContains(response, "b_clerk")
        for hidden in ("both", "b_super", "root", "chief"):
            self.assertNotContains(response, f">{hidden}<")

    def test_b_admin_cannot_take_over_a_superuser_who_works_at_b(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.password_post(self.b_super), 404)
        self.b_super.refresh_from_db()
        self.assertTrue(self.b_super.check_password(PASSWORD))

    # What B's administrator may do: B's own people.

    def test_b_admin_sets_the_password_of_a_user_only_at_b(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.password_post(self.b_clerk), 302)
        self.b_clerk.refresh_from_db()
        self.assertTrue(self.b_clerk.check_password(NEW_PASSWORD))

    def test_b_admin_changes_a_user_only_at_b_but_cannot_make_a_superuser(self) -> None:
        self.login(self.outsider)
        status = self.change_post(self.b_clerk, full_name="新名字", is_superuser="on")
        self.assertEqual(status, 302)
        self.b_clerk.refresh_from_db()
        self.assertEqual(self.b_clerk.full_name, "新名字")
        self.assertFalse(self.b_clerk.is_superuser)

    def test_b_admin_cannot_give_a_user_a_membership_at_a(self) -> None:
        self.login(self.outsider)
        status = self.change_post(
            self.b_clerk,
            **{
                "memberships-TOTAL_FORMS": "2",
                "memberships-1-user": str(self.b_clerk.pk),
                "memberships-1-station": str(self.station_a.pk),
                "memberships-1-role": Role.ADMIN,
            },
        )
        self.assertEqual(status, 200)  # the form again, with the error
        self.assertFalse(self.b_clerk.memberships.filter(station=self.station_a).exists())

    def test_b_admin_cannot_leave_a_user_without_a_station(self) -> None:
        self.login(self.outsider)
        membership = self.b_clerk.memberships.get()
        status = self.change_post(self.b_clerk, **{"memberships-0-DELETE": "on"})
        self.assertEqual(status, 200)
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())

    def test_b_admin_adds_a_user_with_a_role_at_b_and_then_manages_them(self) -> None:
        self.login(self.outsider)
        response = self.client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "newcomer",
                "usable_password": "true",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "memberships-TOTAL_FORMS": "1",
                "memberships-INITIAL_FORMS": "0",
                "memberships-MIN_NUM_FORMS": "1",
                "memberships-MAX_NUM_FORMS": "1000",
                "memberships-0-station": str(self.station_b.pk),
                "memberships-0-role": Role.COUNTER,
            },
        )
        self.assertEqual(response.status_code, 302)
        newcomer = User.objects.get(username="newcomer")
        self.assertEqual(newcomer.station_ids(), {self.station_b.pk})
        self.assertEqual(self.client.get(response["Location"]).status_code, 200)

    def test_b_admin_cannot_add_a_user_without_a_station(self) -> None:
        self.login(self.outsider)
        self.client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "orphan",
                "usable_password": "true",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
                "memberships-MIN_NUM_FORMS": "1",
                "memberships-MAX_NUM_FORMS": "1000",
            },
        )
        self.assertFalse(User.objects.filter(username="orphan").exists())

    def test_the_superuser_still_can_do_everything(self) -> None:
        self.login(self.root)
        for name in ("change", "delete", "history"):
            self.assertEqual(self.client.get(self.user_url(name, self.both)).status_code, 200)
        self.assertEqual(self.password_post(self.both), 302)
        self.both.refresh_from_db()
        self.assertTrue(self.both.check_password(NEW_PASSWORD))
        response = self.client.get(reverse("admin:network_feeder_changelist"))
        self.assertContains(response, "光禄供电所")
        self.assertContains(response, "栋川供电所")

    # Other objects: history, the delete page, and whatever a user's deletion would take along.

    def test_b_admin_cannot_open_the_history_of_an_object_of_a(self) -> None:
        self.login(self.outsider)
        for obj in (self.customer, self.feeder, self.village, self.crew, self.station_a):
            info = (obj._meta.app_label, obj._meta.model_name)
            url = reverse("admin:{}_{}_history".format(*info), args=[obj.pk])
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_a_user_whose_deletion_would_take_records_of_a_cannot_be_deleted_by_b(self) -> None:
        # b_clerk once studied at A (the record stays with A) and now works only at B.
        from powerdesk.training.models import SelfStudy

        study = SelfStudy.objects.create(
            station=self.station_a, person=self.b_clerk, date="2025-03-01", topic="安规", hours=2
        )
        self.login(self.outsider)
        response = self.client.get(self.user_url("delete", self.b_clerk))
        self.assertNotContains(response, "安规")
        self.client.post(self.user_url("delete", self.b_clerk), {"post": "yes"})
        self.assertTrue(User.objects.filter(pk=self.b_clerk.pk).exists())
        self.assertTrue(SelfStudy.objects.filter(pk=study.pk).exists())

    def test_the_delete_action_of_a_list_skips_rows_of_a(self) -> None:
        self.login(self.outsider)
        for url, obj in (
            (reverse("admin:customers_customer_changelist"), self.customer),
            (reverse("admin:accounts_user_changelist"), self.both),
        ):
            data = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
            self.client.post(url, data)
            self.assertTrue(type(obj)._default_manager.filter(pk=obj.pk).exists(), url)

    def test_b_admin_deletes_a_user_only_at_b(self) -> None:
        self.login(self.outsider)
        self.client.post(self.user_url("delete", self.b_clerk), {"post": "yes"})
        self.assertFalse(User.objects.filter(pk=self.b_clerk.pk).exists())

    # The "view on site" shortcut.

    @staticmethod
    def page(response: Any, pk: int) -> str:
        """The page with what differs between any two requests left out (token, own path)."""
        text = response.content.decode().replace(f"/{pk}/", "/ID/")
        return re.sub(r'("X-CSRFToken": |name="csrfmiddlewaretoken" value=)"[^"]*"', "TOKEN", text)

    def test_view_on_site_answers_alike_for_an_object_of_a_and_a_missing_one(self) -> None:
        self.login(self.outsider)
        for obj in (self.customer, self.feeder, self.village, self.fuse, self.chief):
            ct = ContentType.objects.get_for_model(obj)
            missing_pk = type(obj)._default_manager.order_by("-pk")[0].pk + 1000
            of_a = self.client.get(reverse("admin:view_on_site", args=[ct.pk, obj.pk]))
            missing = self.client.get(reverse("admin:view_on_site", args=[ct.pk, missing_pk]))
            self.assertEqual(of_a.status_code, 404, obj)
            self.assertEqual(missing.status_code, 404, obj)
            self.assertEqual(self.page(of_a, obj.pk), self.page(missing, missing_pk))

    def test_view_on_site_leads_to_an_object_of_ones_own_station(self) -> None:
        self.login(self.outsider)
        ct = ContentType.objects.get_for_model(Feeder)
        response = self.client.get(reverse("admin:view_on_site", args=[ct.pk, self.feeder_b.pk]))
        self.assertEqual(
            response["Location"], "http://testserver" + self.feeder_b.get_absolute_url()
        )
        self.login(self.root)
        response = self.client.get(reverse("admin:view_on_site", args=[ct.pk, self.feeder.pk]))
        self.assertEqual(response["Location"], "http://testserver" + self.feeder.get_absolute_url())

    # Filters and choices.

    def test_b_admin_filters_list_only_b(self) -> None:
        Feeder.objects.create(station=self.station_a, code="ZM2", name="10kV左门二线")
        # With two stations of their own, the station filter has something to offer.
        station_c = Station.objects.create(
            company=self.station_a.company, code="c", name="前场供电所"
        )
        Membership.objects.create(user=self.outsider, station=station_c, role=Role.ADMIN)
        self.login(self.outsider)
        for model in admin.site._registry:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            response = self.client.get(url)
            if response.status_code == 403:
                continue
            for marker in ("光禄供电所", "10kV左门线", "10kV左门二线"):
                self.assertNotContains(response, marker, msg_prefix=url)
        for name in ("accounts_crew", "accounts_user", "network_feeder"):
            response = self.client.get(reverse(f"admin:{name}_changelist"))
            self.assertContains(response, "栋川供电所", msg_prefix=name)
            self.assertContains(response, "前场供电所", msg_prefix=name)

    def test_b_admin_sees_no_plan_items_of_a_among_the_choices(self) -> None:
        plan = TrainingPlan.objects.create(station=self.station_a, year=2026, hours_per_person=24)
        PlanItem.objects.create(plan=plan, topic="光禄带电作业", month=3, hours=4)
        self.login(self.outsider)
        # A session is recorded on the training page, not added in the admin (walk64, H2).
        response = self.client.get(reverse("admin:training_trainingsession_add"))
        self.assertNotContains(response, "光禄带电作业", status_code=403)

    def test_b_admin_cannot_move_their_station_to_another_company(self) -> None:
        self.login(self.outsider)
        response = self.client.get(
            reverse("admin:accounts_station_change", args=[self.station_b.pk])
        )
        self.assertNotContains(response, 'name="company"')

    def test_every_admin_list_and_add_page_still_opens(self) -> None:
        for user, allowed in ((self.outsider, (200, 403)), (self.root, (200,))):
            self.login(user)
            request = RequestFactory().get("/")
            request.user = user
            for model, model_admin in admin.site._registry.items():
                info = (model._meta.app_label, model._meta.model_name)
                url = reverse("admin:{}_{}_changelist".format(*info))
                self.assertIn(self.client.get(url).status_code, allowed, (user, url))
                if model_admin.has_add_permission(request):
                    url = reverse("admin:{}_{}_add".format(*info))
                    self.assertIn(self.client.get(url).status_code, allowed, (user, url))


class AdminSiteNotForStaffTests(BaseTestCase):
    """A crew member, a clerk or a liaison who opens /admin/ meets the product's 403 page (its
    way back to their own page), never the admin's login form asking for another account."""

    def test_the_admin_answers_the_friendly_403_to_those_it_is_not_for(self) -> None:
        liaison = make_user("liaison", self.station_a, Role.LIAISON)
        crew_member = make_user("crew1", self.station_a, Role.CREW)
        for user in (crew_member, self.clerk, liaison):
            self.login(user)
            for url in (reverse("admin:index"), reverse("admin:login"), "/admin/servicedesk/"):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 403, (user, url))
                self.assertContains(response, "返回我的页面", status_code=403)
                self.assertNotContains(response, 'name="password"', status_code=403)
        # The station's administrator (staff) still gets in; logging out stays open to all.
        admin_user = make_user("admin", self.station_a, Role.ADMIN, is_staff=True)
        self.login(admin_user)
        self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)
        self.login(self.clerk)
        self.assertNotEqual(self.client.post(reverse("admin:logout")).status_code, 403)

    def test_one_not_signed_in_is_still_asked_to_sign_in(self) -> None:
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
