"""The admin under the product's name, with the staff's accounts and the electricity customers
named apart (walkthrough 23, finding 11): both sections listed "用户" (账号与供电所 › 用户 and
用户 › 用户), under "Django 管理"."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from powerdesk.accounts.models import User
from powerdesk.customers.models import Customer
from tests.base import PASSWORD, BaseTestCase, zh


class AdminNamesTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.root = User.objects.create_superuser("root", password=PASSWORD)
        self.login(self.root)

    def index(self, language: str) -> Any:
        response = self.client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(response.status_code, 200)
        return response

    def names(self, response: Any) -> dict[str, tuple[str, str]]:
        """Each model's (section, name) as the index lists them."""
        return {
            model["object_name"]: (str(app["name"]), str(model["name"]))
            for app in response.context["app_list"]
            for model in app["models"]
        }

    def test_the_staff_s_accounts_and_the_customers_are_named_apart(self) -> None:
        for language in ("zh-hans", "en"):
            with self.subTest(language=language), translation.override(language):
                names = self.names(self.index(language))
                staff, customers = names["User"], names["Customer"]
                self.assertNotEqual(staff[1], customers[1])
                self.assertNotEqual(staff[0], customers[0])
                # No section or entry says "users" alone, which in Chinese is either.
                users = str(translation.gettext("users"))
                self.assertNotIn(users, {*staff, *customers})
        with translation.override("en"):
            self.assertEqual(str(User._meta.verbose_name_plural), "staff accounts")
            self.assertEqual(str(Customer._meta.verbose_name_plural), "electricity customers")

    def test_the_header_and_the_title_are_the_product_s(self) -> None:
        response = self.index("zh-hans")
        name = zh("PowerDesk administration")
        self.assertContains(response, f"<title>{zh('Site administration')} | {name}</title>")
        self.assertContains(response, name)
        self.assertNotContains(response, "Django")
        with translation.override("en"):
            english = self.index("en")
        self.assertContains(english, "PowerDesk administration")

    def test_the_action_list_s_empty_choice_is_the_product_s_not_django_s(self) -> None:
        """Django 6.1's "- Select an option -" has no Chinese (walkthrough 31, finding 19): the
        empty choice of a list (the admin's actions, a form's select) is the product's words."""
        from django.db.models.utils import get_blank_choice_label

        response = self.client.get("/admin/customers/customer/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Select an option")
        with translation.override("zh-hans"):
            self.assertContains(response, f">{get_blank_choice_label()}</option>")
