"""API tokens a station manages in the app (probe 36, finding 17): an expiry chosen as one is
made, an expired or turned-off key refused with a 401 that says so, the last use written at
most once a minute, the administrator's page (list, make with the key shown once, turn off
after being asked), the audit trail, station isolation and the roles that get 403."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import ApiToken, Role, User
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.accounts.tokens import (
    TokenError,
    api_token_make,
    api_token_turn_off,
    token_create,
)
from tests.base import BaseTestCase, make_user

NOW = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)


class TokenLifeTests(BaseTestCase):
    """What a key is worth as time passes and as it is turned off, through the API."""

    def setUp(self) -> None:
        cache.clear()
        self.enterContext(time_machine.travel(NOW, tick=False))

    def get(self, key: str, address: str = "10.0.0.5", scheme: str = "Bearer") -> object:
        return self.client.get(
            "/api/v1/work-orders", HTTP_AUTHORIZATION=f"{scheme} {key}", REMOTE_ADDR=address
        )

    def test_a_new_token_expires_in_a_year_by_default_and_as_chosen(self) -> None:
        token, _key = token_create(station_id=self.station_a.pk, name="county")
        self.assertEqual(token.expires_at, NOW + dt.timedelta(days=365))
        short, _key = token_create(station_id=self.station_a.pk, name="x", expires="90d")
        self.assertEqual(short.expires_at, NOW + dt.timedelta(days=90))
        never, _key = token_create(station_id=self.station_a.pk, name="y", expires="never")
        self.assertIsNone(never.expires_at)

    def test_an_expired_key_is_refused_with_a_401_saying_it_expired(self) -> None:
        _token, key = token_create(station_id=self.station_a.pk, name="county", expires="90d")
        self.assertEqual(self.get(key).status_code, 200)
        with time_machine.travel(NOW + dt.timedelta(days=90, seconds=1), tick=False):
            refused = self.get(key)
            self.assertEqual(refused.status_code, 401)
            self.assertIn("expired on 2027-03-05", refused.json()["detail"])
            self.assertIn("Bearer", refused["WWW-Authenticate"])
            # The telephone webhook and the SMS gateway's endpoints say the same.
            cti = self.client.post(
                "/desk/cti/",
                {"caller_number": "13800138000", "call_id": "c1", "event": "missed"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {key}",
            )
            self.assertEqual(cti.status_code, 401)
            self.assertIn("expired", cti.json()["error"])
            sms = self.client.post(
                "/api/v1/sms/inbound",
                {},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {key}",
            )
            self.assertEqual(sms.status_code, 401)
            self.assertIn("expired", sms.json()["detail"])

    def test_a_key_that_never_expires_is_taken_years_later(self) -> None:
        _token, key = token_create(station_id=self.station_a.pk, name="county", expires="never")
        with time_machine.travel(NOW + dt.timedelta(days=3000), tick=False):
            self.assertEqual(self.get(key).status_code, 200)

    def test_a_turned_off_key_is_refused_saying_so(self) -> None:
        admin = make_user("a_admin", self.station_a, Role.ADMIN)
        token, key = token_create(station_id=self.station_a.pk, name="county")
        self.assertTrue(api_token_turn_off(token=token, user=admin))
        refused = self.get(key, scheme="Token")
        self.assertEqual(refused.status_code, 401)
        self.assertIn("turned off", refused.json()["detail"])
        token.refresh_from_db()
        self.assertEqual((token.active, token.off_by, token.off_at), (False, admin, NOW))
        # Turned off again (a second press): nothing written over.
        with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
            self.assertFalse(api_token_turn_off(token=token, user=self.chief_admin()))
        token.refresh_from_db()
        self.assertEqual((token.off_by, token.off_at), (admin, NOW))

    def chief_admin(self) -> User:
        return make_user("a_admin2", self.station_a, Role.ADMIN)

    def test_the_last_use_is_written_at_most_once_a_minute(self) -> None:
        token, key = token_create(station_id=self.station_a.pk, name="交换机")
        self.assertIsNone(token.last_used_at)
        self.assertEqual(self.get(key, address="10.1.2.3").status_code, 200)
        token.refresh_from_db()
        self.assertEqual((token.last_used_at, token.last_used_from), (NOW, "10.1.2.3"))
        # A busy telephone system: many requests within the minute write nothing more.
        with time_machine.travel(NOW + dt.timedelta(seconds=59), tick=False):
            with CaptureQueriesContext(connection) as queries:
                for _ in range(5):
                    self.assertEqual(self.get(key, address="10.9.9.9").status_code, 200)
            written = [q["sql"] for q in queries if "accounts_apitoken" in q["sql"].lower()]
            self.assertFalse(
                [sql for sql in written if sql.lstrip().upper().startswith("UPDATE")], written
            )
        token.refresh_from_db()
        self.assertEqual((token.last_used_at, token.last_used_from), (NOW, "10.1.2.3"))
        later = NOW + dt.timedelta(seconds=61)
        with time_machine.travel(later, tick=False):
            self.assertEqual(self.get(key, address="10.9.9.9").status_code, 200)
        token.refresh_from_db()
        self.assertEqual((token.last_used_at, token.last_used_from), (later, "10.9.9.9"))

    def test_the_last_use_is_not_written_twice_by_two_processes_within_the_minute(self) -> None:
        token, key = token_create(station_id=self.station_a.pk, name="交换机")
        stale = ApiToken.objects.get(pk=token.pk)  # read by another process before the write
        self.assertEqual(self.get(key, address="10.1.2.3").status_code, 200)
        from powerdesk.accounts.tokens import _note_use

        with time_machine.travel(NOW + dt.timedelta(seconds=30), tick=False):
            _note_use(stale, "10.7.7.7", timezone.now())
        token.refresh_from_db()
        self.assertEqual((token.last_used_at, token.last_used_from), (NOW, "10.1.2.3"))

    def test_the_command_makes_a_token_with_its_expiry_and_prints_the_bearer_header(self) -> None:
        out = StringIO()
        call_command(
            "create_api_token", "--station", "a", "--name", "交换机", "--expires", "90d", stdout=out
        )
        printed = out.getvalue()
        header = re.search(r"^Authorization: Bearer (\S+)$", printed, re.M)
        assert header is not None, printed
        token = ApiToken.objects.get(station=self.station_a, name="交换机")
        self.assertEqual(token.expires_at, NOW + dt.timedelta(days=90))
        self.assertIsNone(token.created_by)
        self.assertIn("expires 2027-03-05", printed)
        self.assertEqual(self.get(header.group(1)).status_code, 200)
        out = StringIO()
        call_command(
            "create_api_token", "--station", "a", "--name", "看板", "--expires", "never", stdout=out
        )
        self.assertIn("never expires", out.getvalue())


class TokenPageTests(BaseTestCase):
    """``accounts:api_tokens`` and ``accounts:api_token_off``: the administrator's."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin = make_user("a_admin", cls.station_a, Role.ADMIN, full_name="王管理")
        cls.b_admin = make_user("b_admin", cls.station_b, Role.ADMIN)

    def setUp(self) -> None:
        cache.clear()
        self.enterContext(time_machine.travel(NOW, tick=False))

    def make(self, name: str = "交换机", expires: str = "1y", form_token: str = "f1") -> object:
        return self.client.post(
            reverse("accounts:api_tokens"),
            {"name": name, "expires": expires, "form_token": form_token},
        )

    def test_the_administrator_makes_a_token_and_sees_its_key_once_with_how_to_send_it(
        self,
    ) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("accounts:api_tokens"))
        self.assertEqual(page.status_code, 200)
        self.assertIn("no-store", page["Cache-Control"])
        # The default expiry is a year.
        self.assertRegex(page.content.decode(), r'value="1y" checked')
        made = self.make()
        self.assertRedirects(made, reverse("accounts:api_tokens"), fetch_redirect_response=False)
        token = ApiToken.objects.get(station=self.station_a)
        self.assertEqual(
            (token.name, token.created_by, token.expires_at, token.active),
            ("交换机", self.admin, NOW + dt.timedelta(days=365), True),
        )
        shown = self.client.get(reverse("accounts:api_tokens")).content.decode()
        key = re.search(r'data-testid="api-token-key"[^>]*>([^<]+)<', shown)
        assert key is not None
        self.assertTrue(key.group(1).startswith(token.prefix))
        self.assertIn(f"Authorization: Bearer {key.group(1)}", shown)
        # The key works, sent as the page says.
        api = self.client.get(
            "/api/v1/work-orders", HTTP_AUTHORIZATION=f"Bearer {key.group(1)}"
        ).status_code
        self.assertEqual(api, 200)
        # Shown once: the page opened again no longer has it.
        again = self.client.get(reverse("accounts:api_tokens")).content.decode()
        self.assertNotIn(key.group(1), again)
        self.assertIn(f'data-testid="api-token-{token.pk}"', again)
        self.assertIn(token.prefix, again)
        self.assertIn("王管理", again)

    def test_a_form_sent_twice_makes_one_token(self) -> None:
        self.login(self.admin)
        self.make(form_token="twice")
        self.make(form_token="twice")
        self.assertEqual(ApiToken.objects.filter(station=self.station_a).count(), 1)
        # The page after the second answer still shows the key, once (a double click: the
        # browser follows the second answer only).
        shown = self.client.get(reverse("accounts:api_tokens")).content.decode()
        self.assertIn('data-testid="api-token-key"', shown)
        # The same form token at the service: the first token, no key.
        token, key = api_token_make(
            station=self.station_a, user=self.admin, name="交换机", expires="1y", form_token="twice"
        )
        self.assertIsNone(key)
        self.assertEqual(ApiToken.objects.filter(station=self.station_a).get(), token)

    def test_the_form_refuses_each_wrong_field_at_its_place_and_keeps_its_token(self) -> None:
        self.login(self.admin)
        refused = self.make(name="  ", expires="5y", form_token="f9")
        self.assertEqual(refused.status_code, 400)
        self.assertContains(refused, 'data-testid="error-name"', status_code=400)
        self.assertContains(refused, 'data-testid="error-expires"', status_code=400)
        self.assertContains(refused, 'value="f9"', status_code=400)
        self.assertFalse(ApiToken.objects.exists())
        too_long = self.make(name="长" * 61, form_token="f9")
        self.assertContains(too_long, 'data-testid="error-name"', status_code=400)
        with self.assertRaises(TokenError):
            api_token_make(
                station=self.station_a, user=self.admin, name="x", expires="1y", form_token=""
            )
        self.assertFalse(ApiToken.objects.exists())

    def test_turning_off_asks_first_then_records_who_and_when(self) -> None:
        token, key = token_create(station_id=self.station_a.pk, name="county", by=self.admin)
        self.login(self.admin)
        url = reverse("accounts:api_token_off", kwargs={"pk": token.pk})
        asked = self.client.get(url)
        self.assertContains(asked, 'data-testid="api-token-off-form"')
        token.refresh_from_db()
        self.assertTrue(token.active)
        # A POST without the page's confirmation only asks again.
        self.assertContains(self.client.post(url), 'data-testid="api-token-off-form"')
        token.refresh_from_db()
        self.assertTrue(token.active)
        self.client.post(url, {"confirm": "yes"})
        token.refresh_from_db()
        self.assertEqual((token.active, token.off_by, token.off_at), (False, self.admin, NOW))
        listed = self.client.get(reverse("accounts:api_tokens")).content.decode()
        self.assertIn(f'data-testid="api-token-state-{token.pk}"', listed)
        self.assertNotIn(f'data-testid="api-token-off-{token.pk}"', listed)
        self.assertContains(self.client.get(url), 'data-testid="api-token-is-off"')
        refused = self.client.get("/api/v1/work-orders", HTTP_AUTHORIZATION=f"Bearer {key}")
        self.assertEqual(refused.status_code, 401)

    def test_every_change_is_in_the_audit_trail(self) -> None:
        self.login(self.admin)
        self.make(name="交换机")
        token = ApiToken.objects.get(station=self.station_a)
        with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
            self.client.post(
                reverse("accounts:api_token_off", kwargs={"pk": token.pk}), {"confirm": "yes"}
            )
        from powerdesk.ops.audit import audit_entries

        entries = [e for e in audit_entries(station=self.station_a) if e.kind == "api_token"]
        self.assertEqual(
            [(e.at, e.who) for e in entries],
            [(NOW + dt.timedelta(hours=2), "王管理"), (NOW, "王管理")],
        )
        self.assertIn("交换机", entries[0].what)
        self.assertIn(token.prefix, entries[1].what)
        self.assertEqual(audit_entries(station=self.station_b), [])
        # The chief reads the trail.
        self.login(self.chief)
        self.assertContains(self.client.get(reverse("ops:audit")), 'data-kind="api_token"')

    def test_other_roles_get_403_and_no_token(self) -> None:
        token, _key = token_create(station_id=self.station_a.pk, name="county")
        off = reverse("accounts:api_token_off", kwargs={"pk": token.pk})
        for role in (Role.COUNTER, Role.DISPATCHER, Role.CREW, Role.CHIEF, Role.LIAISON):
            user = (
                self.chief if role == Role.CHIEF else make_user(f"a_{role}", self.station_a, role)
            )
            self.login(user)
            with self.subTest(role=role):
                self.assertEqual(self.client.get(reverse("accounts:api_tokens")).status_code, 403)
                self.assertEqual(self.make(form_token=f"t-{role}").status_code, 403)
                self.assertEqual(self.client.get(off).status_code, 403)
                self.assertEqual(self.client.post(off, {"confirm": "yes"}).status_code, 403)
                with self.assertRaises(NotAllowed):
                    api_token_turn_off(token=token, user=user)
        self.assertEqual(ApiToken.objects.filter(station=self.station_a).count(), 1)
        token.refresh_from_db()
        self.assertTrue(token.active)
        # The staff page links the tokens' page for the administrator only.
        self.login(self.chief)
        self.assertNotContains(self.client.get(reverse("accounts:staff")), "api-tokens-link")
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("accounts:staff")), "api-tokens-link")

    def test_another_station_s_administrator_sees_and_turns_off_none_of_a_s_tokens(self) -> None:
        token, _key = token_create(station_id=self.station_a.pk, name="哔叭交换机", by=self.admin)
        self.login(self.b_admin)
        listed = self.client.get(reverse("accounts:api_tokens"))
        self.assertEqual(listed.status_code, 200)
        self.assertNotContains(listed, "哔叭交换机")
        self.assertNotContains(listed, token.prefix)
        off = reverse("accounts:api_token_off", kwargs={"pk": token.pk})
        self.assertEqual(self.client.get(off).status_code, 404)
        self.assertEqual(self.client.post(off, {"confirm": "yes"}).status_code, 404)
        token.refresh_from_db()
        self.assertTrue(token.active)
        # B's token made on B's page is B's, and reads B's data only.
        self.client.post(
            reverse("accounts:api_tokens"), {"name": "B", "expires": "90d", "form_token": "b"}
        )
        made = ApiToken.objects.get(name="B")
        self.assertEqual(made.station, self.station_b)
