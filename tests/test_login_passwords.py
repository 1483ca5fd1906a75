"""Passwords bounded at the login and when set (probe73 L10), and a turned-off account told so
once its right password is given, never otherwise (walk73 L3)."""

from __future__ import annotations

from unittest import mock

from django.contrib.auth.hashers import MD5PasswordHasher, check_password
from django.urls import reverse

from powerdesk.accounts.passwords import PASSWORD_MAX, STORED_PASSWORD_MAX
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


class LoginWorkTests(BaseTestCase):
    """Every refused login runs the password hasher once: the time it takes says neither that
    the name exists nor that its account is turned off (review73 L7)."""

    def hashed(self, username: str, password: str) -> tuple[int, list[str]]:
        with mock.patch.object(
            MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
        ) as encode:
            codes = PasswordBoundTests.login_errors(self, username, password)  # type: ignore[arg-type]
        return encode.call_count, codes

    def test_an_unknown_name_a_wrong_password_and_a_turned_off_account_hash_once_each(self) -> None:
        self.clerk.is_active = False
        self.clerk.save(update_fields=["is_active"])
        self.assertEqual(self.hashed("nobody", PASSWORD), (1, ["invalid_login"]))
        self.assertEqual(self.hashed("chief", "wrong"), (1, ["invalid_login"]))
        self.assertEqual(self.hashed("clerk", "wrong"), (1, ["invalid_login"]))
        self.assertEqual(self.hashed("clerk", PASSWORD), (1, ["inactive"]))
        self.assertFalse(self.client.session.get("_auth_user_id"))

    def test_a_password_set_before_the_bound_still_logs_in_and_is_changed_for_a_shorter_one(
        self,
    ) -> None:
        long = "an-old-passphrase-" + "x" * (STORED_PASSWORD_MAX - 18)
        self.clerk.set_password(long)  # set before the bound, or by a hasher's import
        self.clerk.save(update_fields=["password"])
        answer = self.client.post(
            reverse("accounts:login"), {"username": "clerk", "password": long}
        )
        self.assertEqual(answer.status_code, 302)
        self.assertTrue(self.client.session.get("_auth_user_id"))
        shorter = "a-new-passphrase-" + "y" * 40
        done = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": long, "new_password1": shorter, "new_password2": shorter},
        )
        self.assertRedirects(done, reverse("accounts:password_done"))
        self.clerk.refresh_from_db()
        self.assertTrue(check_password(shorter, self.clerk.password))
        # a new password is bounded as before
        longer = shorter + "z" * PASSWORD_MAX
        again = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": shorter, "new_password1": longer, "new_password2": longer},
        )
        self.assertEqual(again.status_code, 200)
