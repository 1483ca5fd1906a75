"""The database or the cache unavailable while the site serves: the database's loss is a 503
with Retry-After and a page that keeps what was typed (JSON for the API), nothing half stored;
a Redis cache that is down costs nothing but the cache, and ``/healthz`` says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from django.urls import reverse

from powerdesk.accounts.tokens import token_create
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.ops.processes import free_port


@contextmanager
def database_down() -> Iterator[None]:
    """Every new query fails as it does when the server is stopped or cut off."""
    refused = OperationalError(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    )
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=refused):
        yield


class DatabaseDownTests(BaseTestCase):
    def test_the_intake_answers_503_and_keeps_what_the_clerk_typed(self) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(self.clerk)
        page = client.get(reverse("servicedesk:intake"))
        token = page.context["form"]["form_token"].value()
        calls = Call.objects.count()
        typed = {
            "form_token": token,
            "caller_number": "0878-5551234",
            "text": "左门村三组电线杆倒了，有火花",
            "action": "log",
        }
        # As in production (DEBUG off): a database lost in a middleware, before the view.
        with override_settings(DEBUG=False), database_down():
            response = client.post(reverse("servicedesk:intake"), typed)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        body = response.content.decode()
        self.assertIn('data-testid="database-down"', body)
        self.assertIn("左门村三组电线杆倒了，有火花", body)
        self.assertIn("0878-5551234", body)
        self.assertIn(f'name="form_token" value="{token}"', body)
        self.assertNotIn("Traceback", body)
        self.assertEqual(Call.objects.count(), calls)  # nothing half stored
        # The database is back: the page's form, sent again, logs the call once.
        again = client.post(reverse("servicedesk:intake"), typed)
        self.assertIn(again.status_code, (200, 302))
        self.assertEqual(Call.objects.count(), calls + 1)

    def test_the_kept_intake_names_the_fields_by_their_labels(self) -> None:
        client = Client(raise_request_exception=False)
        client.force_login(self.clerk)
        typed = {
            "form_token": "t0ken",
            "caller_number": "0878-5551234",
            "text": "左门村三组电线杆倒了",
            "category": "hazard",
            "urgent": "on",
            "village": str(self.village.pk),
            "action": "log",
        }
        with override_settings(DEBUG=False), database_down():
            response = client.post(reverse("servicedesk:intake"), typed)
        self.assertEqual(response.status_code, 503)
        body = response.content.decode()
        shown = re.findall(r"<dt><label[^>]*>([^<]*)</label></dt>", body)
        self.assertEqual(shown, ["来电号码", "来电内容", "类别", "紧急", "村委会"])
        self.assertNotIn("caller_number<", body)  # no raw field name as text
        self.assertIn(">安全隐患</output>", body)  # a choice in words, sent again as it was
        self.assertIn('name="category" value="hazard"', body)
        self.assertIn(f'name="village" value="{self.village.pk}"', body)
        self.assertIn('type="hidden" name="action" value="log"', body)  # a button, not a field
        self.assertIn('<textarea id="kept-2" name="text"', body)

    def test_healthz_says_the_database_is_down(self) -> None:
        with database_down():
            response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["database"], {"ok": False, "error": "OperationalError"})

    def test_the_api_answers_503_json_with_retry_after(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        calls = Call.objects.count()
        with database_down():
            response = self.client.post(
                "/api/v1/calls",
                {"caller_number": "0878-5551234", "text": "家里停电了"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
            )
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertIn("retry_after", response.json())
        self.assertEqual(Call.objects.count(), calls)


def _redis_down() -> dict[str, object]:
    """A Redis cache on a port where nothing listens."""
    return {
        "default": {
            "BACKEND": "powerdesk.lib.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


class RedisDownTests(BaseTestCase):
    def test_pages_and_the_api_still_serve_and_healthz_names_the_cache(self) -> None:
        _, key = token_create(station_id=self.station_a.pk, name="county")
        # Django's test signals make a new cache handler for the new setting.
        with override_settings(CACHES=_redis_down()):
            # The public outage page is cached; the API counts tokens in the cache.
            public = self.client.get(reverse("public:status", kwargs={"code": self.station_a.code}))
            self.assertEqual(public.status_code, 200)
            api = self.client.post(
                "/api/v1/calls",
                {"caller_number": "0878-5551234", "text": "家里停电了"},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
            )
            self.assertIn(api.status_code, (200, 201))
            wrong = self.client.get("/api/v1/work-orders", HTTP_AUTHORIZATION="Token nope")
            self.assertEqual(wrong.status_code, 401)
            health = self.client.get("/healthz")
        self.assertEqual(health.status_code, 503)
        self.assertEqual(health.json()["cache"], {"ok": False, "error": "ConnectionError"})
        self.assertTrue(health.json()["database"]["ok"])


class QueueDownTests(BaseTestCase):
    def test_a_send_that_cannot_be_queued_does_not_fail_what_raised_the_notice(self) -> None:
        from django_tasks_db.models import DBTaskResult
        from redis.exceptions import ConnectionError as RedisConnectionError

        from powerdesk.notifications import tasks

        DBTaskResult.objects.all().delete()  # no send waiting: this one must be queued
        with (
            # The queue's backend failing as RQ's does when its Redis is down.
            mock.patch.object(
                type(tasks.send_due.get_backend()),
                "enqueue",
                side_effect=RedisConnectionError("refused"),
            ),
            self.assertLogs("powerdesk.notifications", "WARNING") as logs,
            self.captureOnCommitCallbacks(execute=True),  # the notice's transaction commits
        ):
            tasks.send_soon()
        self.assertIn("could not be queued", logs.output[0])
