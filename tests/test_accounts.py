"""Logging in and out, changing the password, switching station, roles."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from tests.base import PASSWORD, BaseTestCase, make_user


class LoginTests(BaseTestCase):
    def test_an_anonymous_visitor_is_sent_to_the_login_page(self) -> None:
        response = self.client.get(reverse("customers:list"))
        self.assertRedirects(response, "/accounts/login/?next=/customers/")

    def test_the_login_page_is_in_chinese_by_default(self) -> None:
        response = self.client.get(reverse("accounts:login"))
        self.assertContains(response, 'lang="zh-hans"')
        self.assertContains(response, "登录")

    def test_a_staff_member_logs_in_and_lands_on_the_home_page(self) -> None:
        response = self.client.post(
            reverse("accounts:login"), {"username": "chief", "password": PASSWORD}, follow=True
        )
        self.assertEqual(response.redirect_chain[-1][0], reverse("web:home"))
        self.assertContains(response, "光禄供电所")

    def test_a_wrong_password_is_refused_with_a_message(self) -> None:
        response = self.client.post(
            reverse("accounts:login"), {"username": "chief", "password": "wrong"}
        )
        self.assertContains(response, "用户名或密码错误")

    def test_logout_ends_the_session(self) -> None:
        self.login(self.chief)
        self.client.post(reverse("accounts:logout"))
        self.assertEqual(self.client.get(reverse("web:home")).status_code, 302)

    def test_a_user_changes_their_password(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "a-new-long-passphrase",
                "new_password2": "a-new-long-passphrase",
            },
        )
        self.assertRedirects(response, reverse("accounts:password_done"))
        self.clerk.refresh_from_db()
        self.assertTrue(self.clerk.check_password("a-new-long-passphrase"))

    def test_english_is_available(self) -> None:
        self.login(self.chief)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/home/"})
        response = self.client.get(reverse("web:home"))
        self.assertContains(response, 'lang="en"')
        self.assertContains(response, "Power off now (recorded and predicted) and planned")


class StationTests(BaseTestCase):
    def test_a_user_of_two_stations_gets_a_switcher_and_can_switch(self) -> None:
        Membership.objects.create(user=self.chief, station=self.station_b, role=Role.CHIEF)
        self.login(self.chief)
        response = self.client.get(reverse("web:home"))
        self.assertContains(response, 'id="station-switcher"')
        response = self.client.post(
            reverse("accounts:switch_station"),
            {"station": self.station_b.pk, "next": "/home/"},
            follow=True,
        )
        self.assertContains(response, "<h1>栋川供电所</h1>", html=True)

    def test_switching_to_a_station_one_does_not_belong_to_is_refused(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("accounts:switch_station"), {"station": self.station_b.pk}, follow=True
        )
        self.assertContains(response, "您不属于该供电所")
        self.assertContains(response, "<h1>光禄供电所</h1>", html=True)

    def test_switching_never_redirects_to_another_site(self) -> None:
        self.login(self.clerk)
        response = self.client.post(
            reverse("accounts:switch_station"),
            {"station": self.station_a.pk, "next": "https://evil.example/"},
        )
        self.assertEqual(response["Location"], reverse("web:root"))

    def test_a_user_without_a_station_is_told_so(self) -> None:
        nobody = make_user("nobody", self.station_a)
        self.login(nobody)
        response = self.client.get("/")
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "您还不属于任何供电所", status_code=403)


class RoleTests(BaseTestCase):
    def test_a_village_liaison_sees_their_village_page_and_not_the_customer_list(self) -> None:
        liaison = make_user("liaison", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.login(liaison)
        response = self.client.get("/", follow=True)
        self.assertContains(
            response,
            '<h1>左门 <span class="badge warn">无道路通达</span></h1>'
            if self.village.no_road_access
            else "左门",
        )
        self.assertContains(response, "哔叭")
        self.assertEqual(self.client.get(reverse("customers:list")).status_code, 403)
        self.assertEqual(self.client.get(reverse("network:feeders")).status_code, 403)

    def test_a_crew_member_may_read_the_grid(self) -> None:
        crew = make_user("crew", self.station_a, Role.CREW)
        self.login(crew)
        self.assertContains(self.client.get(reverse("network:feeders")), "10kV左门线")

    def test_the_staff_page_lists_people_with_their_roles_and_crews(self) -> None:
        self.login(self.chief)
        response = self.client.get(reverse("accounts:staff"))
        self.assertContains(response, "李秀英")
        self.assertContains(response, "抢修一班")
        self.assertNotContains(response, "外人")
