"""Passwords bounded at the login and when set (probe73 L10), and a turned-off account told so
once its right password is given, never otherwise (walk73 L3)."""

from __future__ import annotations

from unittest import mock

from django.contrib.auth.hashers import check_password
from django.urls import reverse

from powerdesk.accounts.passwords import PASSWORD_MAX
from tests.base import PASSWORD, BaseTestCase


class PasswordBoundTests(BaseTestCase):
    def login_errors(self, username: str, password: str) -> list[str]:
        response = self.client.post(
            reverse("accounts:login"), {"username": username, "password": password}
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        return [e.code for errors in form.errors.as_data().values() for e in errors]

    def test_a_password_too_long_is_refused_at_the_login_without_hashing_it(self) -> None:
        with mock.patch(
            "django.contrib.auth.forms.authenticate", side_effect=AssertionError
        ) as hashed:
            codes = self.login_errors("chief", "x" * 2_000_000)
        self.assertIn("password_too_long", codes)
        hashed.assert_not_called()

    def test_a_password_too_long_is_refused_when_changed_saying_the_limit(self) -> None:
        self.login(self.clerk)
        long = "a-long-passphrase-" + "x" * PASSWORD_MAX
        response = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": long, "new_password2": long},
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors.as_data()
        self.assertIn("password_too_long", [e.code for e in errors["new_password2"]])
        self.assertIn(str(PASSWORD_MAX), str(errors["new_password2"]))
        self.clerk.refresh_from_db()
        self.assertTrue(check_password(PASSWORD, self.clerk.password))
        right = "a-long-passphrase-" + "x" * (PASSWORD_MAX - 18)
        done = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": right, "new_password2": right},
        )
        self.assertRedirects(done, reverse("accounts:password_done"))


class TurnedOffAccountTests(BaseTestCase):
    def test_the_right_password_of_a_turned_off_account_says_it_is_turned_off(self) -> None:
        self.clerk.is_active = False
        self.clerk.save(update_fields=["is_active"])
        codes = PasswordBoundTests.login_errors(self, "clerk", PASSWORD)  # type: ignore[arg-type]
        self.assertEqual(codes, ["inactive"])
        # a wrong password, or a name nobody has, says only that one of them is wrong
        self.assertEqual(
            PasswordBoundTests.login_errors(self, "clerk", "wrong"),  # type: ignore[arg-type]
            ["invalid_login"],
        )
        self.assertEqual(
            PasswordBoundTests.login_errors(self, "nobody", PASSWORD),  # type: ignore[arg-type]
            ["invalid_login"],
        )
        self.assertFalse(self.client.session.get("_auth_user_id"))
