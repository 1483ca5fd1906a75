"""A login's password on the admin site, as the station's administrator meets it (walk56, L4 and
L6): no choice to turn password-based authentication off (the county administrator keeps it), and
a person the staff page lists with a login shared with another station is refused with the staff
page's reason, not answered as one of another station."""

from __future__ import annotations

import gettext
from pathlib import Path

import django
from django.apps import apps as django_apps
from django.contrib.auth.hashers import is_password_usable
from django.urls import reverse

from powerdesk.accounts.admin_words import DJANGO_WORDS
from powerdesk.accounts.models import Membership, Role, User
from tests.base import PASSWORD, BaseTestCase, make_user

NEW_PASSWORD = "taken over 2026!"


class StationAdminPasswordPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin = make_user("admin", cls.station_a, Role.ADMIN)
        cls.root = User.objects.create_superuser("root", password=PASSWORD)
        cls.shared = make_user("county_dispatch", cls.station_a, Role.DISPATCHER)
        Membership.objects.create(user=cls.shared, station=cls.station_b, role=Role.DISPATCHER)

    def url(self, user: User, page: str = "password") -> str:
        if page == "password":
            return reverse("admin:auth_user_password_change", args=[user.pk])
        return reverse(f"admin:accounts_user_{page}")

    def test_the_station_admin_is_not_offered_to_turn_password_login_off(self) -> None:
        self.login(self.admin)
        page = self.client.get(self.url(self.clerk))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="usable_password"')
        self.assertNotContains(page, 'name="unset-password"')
        self.assertContains(page, 'name="password1"')
        # A forged "turn it off" does not: it asks for the password.
        data = {"usable_password": "false", "unset-password": "1"}
        refused = self.client.post(self.url(self.clerk), data)
        self.assertEqual(refused.status_code, 200)
        self.clerk.refresh_from_db()
        self.assertTrue(self.clerk.has_usable_password())
        self.assertTrue(self.clerk.check_password(PASSWORD))
        # With a password, it is set.
        data |= {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        self.assertEqual(self.client.post(self.url(self.clerk), data).status_code, 302)
        self.clerk.refresh_from_db()
        self.assertTrue(self.clerk.check_password(NEW_PASSWORD))

    def test_a_new_login_of_the_station_always_has_a_password(self) -> None:
        self.login(self.admin)
        page = self.client.get(self.url(self.clerk, "add"))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="usable_password"')
        # The choice is out of the form itself, not only off the page: a forged "false" is
        # never read (review56, M3).
        from django.contrib import admin
        from django.test import RequestFactory

        request = RequestFactory().get(self.url(self.clerk, "add"))
        request.user = self.admin
        form = admin.site._registry[User].get_form(request, None)
        self.assertNotIn("usable_password", form.base_fields)
        request.user = self.root
        self.assertIn(
            "usable_password", admin.site._registry[User].get_form(request, None).base_fields
        )

    def test_the_county_administrator_keeps_djangos_choice(self) -> None:
        self.login(self.root)
        page = self.client.get(self.url(self.clerk))
        self.assertContains(page, 'name="usable_password"')
        self.assertContains(page, 'name="unset-password"')
        self.assertContains(self.client.get(self.url(self.clerk, "add")), 'name="usable_password"')
        data = {"usable_password": "false", "unset-password": "1"}
        self.assertEqual(self.client.post(self.url(self.clerk), data).status_code, 302)
        self.clerk.refresh_from_db()
        self.assertFalse(is_password_usable(self.clerk.password))

    def test_a_shared_login_listed_on_the_staff_page_is_refused_with_its_reason(self) -> None:
        self.login(self.admin)
        staff = self.client.get(reverse("accounts:staff"))
        self.assertContains(staff, "county_dispatch")
        self.client.cookies["django_language"] = "en"
        page = self.client.get(self.url(self.shared))
        self.assertContains(page, "This login is shared with another station", status_code=403)
        posted = self.client.post(
            self.url(self.shared), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )
        self.assertEqual(posted.status_code, 403)
        self.shared.refresh_from_db()
        self.assertTrue(self.shared.check_password(PASSWORD))

    def test_a_login_of_another_station_alone_is_still_not_found(self) -> None:
        other = make_user("dc_clerk", self.station_b, Role.COUNTER)
        self.login(self.admin)
        self.assertEqual(self.client.get(self.url(other)).status_code, 404)
        self.assertEqual(self.client.get(self.url(self.shared)).status_code, 403)
        self.login(self.root)
        self.assertEqual(self.client.get(self.url(self.shared)).status_code, 200)


def django_own_catalogue(locale: str) -> gettext.NullTranslations:
    """The words Django itself ships for ``locale``: its own and its apps' catalogues, none of
    the project's (``LOCALE_PATHS``)."""
    dirs = [Path(django.__file__).parent / "conf" / "locale"] + [
        Path(app.path) / "locale"
        for app in django_apps.get_app_configs()
        if app.name.startswith("django.")
    ]
    catalogue = gettext.NullTranslations()
    for localedir in dirs:
        found = gettext.translation("django", localedir, languages=[locale], fallback=True)
        if isinstance(found, gettext.GNUTranslations):
            found.add_fallback(catalogue)
            catalogue = found
    return catalogue


class AdminWordsTests(BaseTestCase):
    """Django's admin words that read wrong in Chinese are the project's (walk56, L4)."""

    def test_each_word_is_djangos_own_msgid(self) -> None:
        # Word for word Django's, else the project's translation would never be looked up.
        # Django's catalogues alone, not the project's (``DjangoTranslation`` reads every one
        # for the domain "django" and ignores its ``localedirs``, with a RuntimeWarning).
        django_catalogue = django_own_catalogue("zh_Hans")
        for msgid in DJANGO_WORDS:
            with self.subTest(msgid=msgid):
                self.assertNotEqual(django_catalogue.gettext(msgid), msgid)

    def test_the_admin_reads_none_of_the_wrong_words(self) -> None:
        # Passes once the project's catalogue has the words (po.json of walk56 L4 applied).
        admin = make_user("admin", self.station_a, Role.ADMIN)
        root = User.objects.create_superuser("root", password=PASSWORD)
        for user, url in (
            (admin, reverse("admin:index")),
            (admin, reverse("admin:accounts_user_add")),
            (root, reverse("admin:auth_user_password_change", args=[self.clerk.pk])),
        ):
            self.login(user)
            page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").text
            for wrong in ("型号名称", "增加连接", "清单连接", "单一登入", "基于密码的验证"):
                with self.subTest(url=url, wrong=wrong):
                    self.assertFalse(wrong in page, f"{url} reads {wrong}")
