"""Logins and API tokens cannot be guessed at the speed of the server, and every login, export
and administrative change is on the station's audit trail."""

from __future__ import annotations

import time

import time_machine
from django.core.cache import cache
from django.test import Client, override_settings

from powerdesk.accounts.models import User
from powerdesk.accounts.tokens import TOKEN_FAILURES, TOKEN_WINDOW, token_create
from tests.base import PASSWORD, BaseTestCase


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
class LoginLockoutTests(BaseTestCase):
    def attempt(self, password: str, address: str = "10.0.0.1") -> object:
        return self.client.post(
            "/accounts/login/",
            {"username": "clerk", "password": password},
            REMOTE_ADDR=address,
        )

    def test_five_wrong_passwords_lock_the_user_at_that_address_and_say_so(self) -> None:
        for _ in range(4):
            self.assertEqual(self.attempt("wrong").status_code, 200)  # the form again
        locked = self.attempt("wrong")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "登录已暂停", status_code=429)
        self.assertContains(locked, "15 分钟", status_code=429)
        # Even the right password is refused now, from that address...
        self.assertEqual(self.attempt(PASSWORD).status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # ...but the clerk at the counter's own address still gets in.
        self.assertEqual(self.attempt(PASSWORD, address="10.0.0.2").status_code, 302)

    def test_the_audit_trail_shows_logins_failures_and_exports_to_the_chief(self) -> None:
        self.attempt("wrong")
        self.attempt(PASSWORD)
        self.client.logout()
        self.login(self.clerk)
        self.client.get("/accounts/export/customers.csv")
        self.login(self.chief)
        page = self.client.get("/audit/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'data-kind="login"')
        self.assertContains(page, 'data-kind="login_failed"')
        self.assertContains(page, 'data-kind="export"')
        self.login(self.clerk)
        self.assertEqual(self.client.get("/audit/").status_code, 403)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
class LoginSprayTests(BaseTestCase):
    """One address trying a password or two on many users (each under the lockout of one user
    at an address) is stopped too, by its wrong logins whoever they named."""

    def setUp(self) -> None:
        from powerdesk.accounts.login import LOGIN_FAILURES_WINDOW

        start = (time.time() // LOGIN_FAILURES_WINDOW + 1) * LOGIN_FAILURES_WINDOW + 1
        self.enterContext(time_machine.travel(start, tick=False))
        cache.clear()

    def attempt(self, username: str, password: str, address: str) -> object:
        return self.client.post(
            "/accounts/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    def test_wrong_logins_for_many_users_from_one_address_stop_that_address(self) -> None:
        from powerdesk.accounts.login import LOGIN_FAILURES_PER_ADDRESS

        for n in range(LOGIN_FAILURES_PER_ADDRESS):
            answer = self.attempt(f"user{n}", "123456", "10.0.0.66")
            self.assertEqual(answer.status_code, 200)  # the form again
        stopped = self.attempt("clerk", PASSWORD, "10.0.0.66")
        self.assertEqual(stopped.status_code, 429)
        self.assertGreater(int(stopped["Retry-After"]), 0)
        self.assertContains(stopped, 'data-testid="login-throttled"', status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # The station's people elsewhere still log in.
        self.assertEqual(self.attempt("clerk", PASSWORD, "10.0.0.67").status_code, 302)

    def test_the_administration_site_s_login_counts_and_keeps_the_same_limit(self) -> None:
        from powerdesk.accounts.login import LOGIN_FAILURES_PER_ADDRESS

        admin = User.objects.create_user("root", password=PASSWORD, is_staff=True)
        for n in range(LOGIN_FAILURES_PER_ADDRESS):
            wrong = self.client.post(
                "/admin/login/?next=/admin/",
                {"username": f"user{n}", "password": "123456"},
                REMOTE_ADDR="10.0.0.68",
            )
            self.assertEqual(wrong.status_code, 200)  # the admin's form again
        # Spraying moved from one login form to the other is stopped on both.
        for url in ("/admin/login/?next=/admin/", "/accounts/login/"):
            with self.subTest(url):
                stopped = self.client.post(
                    url, {"username": "root", "password": PASSWORD}, REMOTE_ADDR="10.0.0.68"
                )
                self.assertEqual(stopped.status_code, 429)
                self.assertNotIn("_auth_user_id", self.client.session)
        right = self.client.post(
            "/admin/login/?next=/admin/",
            {"username": "root", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.69",
        )
        self.assertEqual(right.status_code, 302)
        self.assertEqual(self.client.session["_auth_user_id"], str(admin.pk))

    def test_a_user_who_logged_in_from_this_browser_before_is_not_held_by_the_address(
        self,
    ) -> None:
        # A crew phone on a carrier's shared address, someone else spraying from it.
        from powerdesk.accounts.login import LOGIN_FAILURES_PER_ADDRESS

        phone = Client()
        first = phone.post(
            "/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.0.0.80"
        )
        self.assertEqual(first.status_code, 302)
        known = phone.cookies["powerdesk_known"].value
        phone.logout()  # (the test client's logout forgets every cookie; a browser keeps this one)
        phone.cookies["powerdesk_known"] = known
        for n in range(LOGIN_FAILURES_PER_ADDRESS):
            self.attempt(f"user{n}", "123456", "10.0.0.80")
        self.assertEqual(self.attempt("clerk", PASSWORD, "10.0.0.80").status_code, 429)
        again = phone.post(
            "/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.0.0.80"
        )
        self.assertEqual(again.status_code, 302)
        self.assertNotIn("clerk", known)  # the login is not in the cookie in clear
        # The cookie is the user's own: another user from that browser is held.
        phone.logout()
        phone.cookies["powerdesk_known"] = known
        other = phone.post(
            "/accounts/login/",
            {"username": "chief", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.80",
        )
        self.assertEqual(other.status_code, 429)
        # A forged cookie is no key.
        forged = Client()
        forged.cookies["powerdesk_known"] = "clerk"
        answer = forged.post(
            "/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.0.0.80"
        )
        self.assertEqual(answer.status_code, 429)

    def test_a_few_typos_at_a_shared_office_address_stop_nobody(self) -> None:
        for n in range(10):
            self.attempt(f"user{n}", "typo", "10.0.0.70")
        self.assertEqual(self.attempt("clerk", PASSWORD, "10.0.0.70").status_code, 302)


class TokenThrottleTests(BaseTestCase):
    def setUp(self) -> None:
        # The count is kept in fixed windows: the tries of a test in one window, at its start
        # (a run that crossed a window's end started counting again and was not throttled).
        start = (time.time() // TOKEN_WINDOW + 1) * TOKEN_WINDOW + 1
        self.enterContext(time_machine.travel(start, tick=False))
        cache.clear()
        _, self.key = token_create(station_id=self.station_a.pk, name="交换机")

    def call(self, key: str, address: str = "10.0.0.9") -> object:
        return self.client.get(
            "/api/v1/outages/picture", HTTP_AUTHORIZATION=f"Token {key}", REMOTE_ADDR=address
        )

    def test_wrong_tokens_from_one_address_are_throttled_with_retry_after(self) -> None:
        self.assertEqual(self.call(self.key).status_code, 200)
        for _ in range(TOKEN_FAILURES):
            self.assertEqual(self.call("guess").status_code, 401)
        throttled = self.call("guess")
        self.assertEqual(throttled.status_code, 429)
        self.assertGreater(int(throttled["Retry-After"]), 0)
        # A right key from the same address (the exchange behind the guesser's NAT) is taken.
        self.assertEqual(self.call(self.key).status_code, 200)
        self.assertEqual(self.call("guess", address="10.0.0.10").status_code, 401)

    def test_the_telephone_webhook_is_throttled_too(self) -> None:
        for _ in range(TOKEN_FAILURES):
            self.client.post(
                "/desk/cti/",
                "{}",
                content_type="application/json",
                HTTP_AUTHORIZATION="Token guess",
                REMOTE_ADDR="10.0.0.9",
            )
        response = self.client.post(
            "/desk/cti/",
            "{}",
            content_type="application/json",
            HTTP_AUTHORIZATION="Token guess",
            REMOTE_ADDR="10.0.0.9",
        )
        self.assertEqual(response.status_code, 429)
        self.assertIn("Retry-After", response)
