"""The intake's hot paths: what they show is unchanged by what made them cheaper, and each stays
within its database queries (bench/intake_cpu.py measures their CPU).

A call is taken through ``POST /api/v1/calls`` or through the intake page: the page as shown
(``GET``), the form sent (``POST``, answered with a redirect) and the page shown again with
"logged" (``GET``).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any
from unittest import mock

from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Membership, Role, Station
from powerdesk.accounts.permissions import roles_of
from powerdesk.accounts.tokens import token_create
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.selectors import customers_by_phone
from powerdesk.servicedesk import idempotency
from powerdesk.servicedesk.calls import call_log, call_mark_called_back
from powerdesk.servicedesk.forms import IntakeForm
from powerdesk.servicedesk.models import Call, FormSubmission
from powerdesk.servicedesk.selectors import missed_calls
from powerdesk.servicedesk.understanding.store import default_classifier
from tests.base import BaseTestCase, post_intake

# Ceilings, each path's count (before the middleware read memberships and stations in one query
# and the services took the roles from it: 7, 30 and 19; the caller's number is now looked up
# apart from the customers, +1, so that it goes through its index; the call is written in the
# savepoint that takes a repeated call id back, not in one more of its own, -2).
# Session, user, memberships with their stations, missed calls, villages, groups:
INTAKE_PAGE = 6
# Session, user, memberships; in the transaction: the purge of old tokens, the token, the
# number, the customer, the call, its place, its signal to the outage engine (the station's
# signal stream made on this first one), the token's call, savepoints:
# A fault call also looks up the household calling, to place it (PostgreSQL 29, SQLite 28); and
# the household's open arrears case, which words naming a need reach (``arrears.from_calls``): 30.
INTAKE_POST = 30
# The token and its last use (written at most once a minute, in a savepoint of its own so that
# a busy database loses only it: 3); then as the page's transaction, without the form's token:
API_CALL = 21


class StockIntakeForm(IntakeForm):
    """The intake form as Django draws it by default: its templates and model choice fields."""

    default_renderer = DjangoTemplates()
    village = forms.ModelChoiceField(
        label=IntakeForm.base_fields["village"].label,
        queryset=Village.objects.none(),
        required=False,
        empty_label="—",
    )
    group = forms.ModelChoiceField(
        label=IntakeForm.base_fields["group"].label,
        queryset=VillageGroup.objects.none(),
        required=False,
        empty_label="—",
    )

    def __init__(self, *args: Any, station: Station | None = None, **kwargs: Any) -> None:
        super().__init__(*args, station=station, **kwargs)
        if station is not None:
            self.fields["group"].queryset = (  # type: ignore[attr-defined]
                VillageGroup.objects.filter(station=station)
                .select_related("village")
                .order_by("village__name", "name")
            )


def drawn(form: forms.Form) -> dict[str, str]:
    """Each field as drawn, without the ``maxlength`` Django gives a text's input: ours draws
    none (a too-long text is refused at its field, never cut on the page)."""
    return {name: re.sub(r' maxlength="\d+"', "", str(form[name])) for name in form.fields}


class IntakeFormDrawingTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Names that need escaping, and a second village sorted before the first.
        other = Village.objects.create(station=cls.station_a, name="<大>村 & 小村")
        VillageGroup.objects.create(station=cls.station_a, village=other, name='一组"东"')
        VillageGroup.objects.create(station=cls.station_a, village=cls.village, name="二组")
        elsewhere = Village.objects.create(station=cls.station_b, name="别处")
        VillageGroup.objects.create(station=cls.station_b, village=elsewhere, name="一组")

    def test_the_empty_form_is_drawn_as_django_draws_it(self) -> None:
        initial = {"caller_number": "0878-1234567", "form_token": "t0k&n", "cti_call_id": ""}
        ours = IntakeForm(initial=initial, station=self.station_a)
        stock = StockIntakeForm(initial=initial, station=self.station_a)
        self.assertEqual(drawn(ours), drawn(stock))
        self.assertIn("左门·哔叭", drawn(ours)["group"])
        self.assertNotIn("别处", drawn(ours)["village"])

    def test_a_form_sent_back_with_its_choices_and_errors_is_drawn_as_django_draws_it(
        self,
    ) -> None:
        data = {
            "caller_number": "abc",
            "text": "<b>没电</b>",
            "category": "fault_repair",
            "urgent": "on",
            "village": str(self.village.pk),
            "group": str(VillageGroup.objects.get(name='一组"东"').pk),  # not in that village
            "place": 'pole "3"',
            "answer": "已告知",
            "form_token": "x",
        }
        ours = IntakeForm(data, station=self.station_a)
        stock = StockIntakeForm(data, station=self.station_a)
        self.assertFalse(ours.is_valid())
        self.assertFalse(stock.is_valid())
        self.assertEqual(ours.errors, stock.errors)
        self.assertEqual(drawn(ours), drawn(stock))
        self.assertIn(
            f'<option value="{self.village.pk}" selected>左门</option>', drawn(ours)["village"]
        )

    def test_a_village_of_another_station_is_refused(self) -> None:
        form = IntakeForm(
            {"village": str(Village.objects.get(name="别处").pk), "form_token": "x"},
            station=self.station_a,
        )
        self.assertFalse(form.is_valid())
        self.assertIn("village", form.errors)


class IntakeQueryTests(BaseTestCase):
    def setUp(self) -> None:
        # Trained on its first use in a test run (reading staff corrections): not the call's.
        default_classifier()
        self.login(self.clerk)
        self.client.get(reverse("servicedesk:intake"))  # templates, translations

    def count(self, send: Any) -> tuple[Any, int]:
        with CaptureQueriesContext(connection) as queries:
            response = send()
        return response, len(queries)

    def test_the_intake_page_stays_within_its_queries(self) -> None:
        response, queries = self.count(lambda: self.client.get(reverse("servicedesk:intake")))
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(queries, INTAKE_PAGE)

    def test_a_call_sent_from_the_page_stays_within_its_queries(self) -> None:
        page = self.client.get(reverse("servicedesk:intake"))
        token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode())
        assert token is not None
        data = {
            "form_token": token.group(1),
            "caller_number": "0878-1234567",
            "text": "家里停电了",
            "category": "fault_repair",
            "action": "log",
        }
        response, queries = self.count(
            lambda: self.client.post(reverse("servicedesk:intake"), data)
        )
        self.assertRedirects(response, reverse("servicedesk:intake"), fetch_redirect_response=False)
        self.assertLessEqual(queries, INTAKE_POST)
        self.assertEqual(Call.objects.get().customer, self.customer)
        page, queries = self.count(lambda: self.client.get(reverse("servicedesk:intake")))
        self.assertContains(page, 'class="success"')
        self.assertLessEqual(queries, INTAKE_PAGE)

    def test_a_call_through_the_api_stays_within_its_queries(self) -> None:
        _token, key = token_create(station_id=self.station_a.pk, name="交换机")
        system = Client()  # a telephone system: its token, no session
        response, queries = self.count(
            lambda: system.post(
                "/api/v1/calls",
                {"caller_number": "0878-1234567", "text": "家里停电了", "open_order": False},
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Token {key}",
            )
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertLessEqual(queries, API_CALL)


class CurrentStationTests(BaseTestCase):
    """The middleware reads a person's stations and roles once; pages and services use them."""

    def test_each_station_lists_once_by_name_with_the_roles_held_there(self) -> None:
        Membership.objects.create(user=self.clerk, station=self.station_b, role=Role.DISPATCHER)
        Membership.objects.create(user=self.clerk, station=self.station_b, role=Role.CREW)
        self.login(self.clerk)
        response = self.client.get(reverse("servicedesk:intake"))
        request = response.wsgi_request
        self.assertEqual(
            [s.name for s in request.member_stations],  # type: ignore[attr-defined]
            sorted([self.station_a.name, self.station_b.name]),
        )
        self.assertEqual(request.roles, {Role.COUNTER})  # type: ignore[attr-defined]
        self.assertEqual(
            roles_of(request.user, self.station_b),  # type: ignore[arg-type]
            {Role.DISPATCHER, Role.CREW},
        )
        self.assertEqual(roles_of(request.user, self.station_a), {Role.COUNTER})  # type: ignore[arg-type]

    def test_a_role_taken_away_is_gone_at_the_next_request(self) -> None:
        self.login(self.clerk)
        self.assertEqual(self.client.get(reverse("servicedesk:intake")).status_code, 200)
        Membership.objects.filter(user=self.clerk).update(role=Role.CREW)
        self.assertEqual(self.client.get(reverse("servicedesk:intake")).status_code, 403)


class IndexedLookupTests(BaseTestCase):
    """The lookups every call and every intake page make go through their indexes (SQLite's
    planner, without statistics, walked every customer or call of the station otherwise)."""

    def plan(self, queryset: Any) -> str:
        if connection.vendor != "sqlite":
            self.skipTest("SQLite's query plan")
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return " | ".join(str(row[-1]) for row in cursor.fetchall())

    def test_a_caller_is_found_from_the_number_then_by_id(self) -> None:
        found = customers_by_phone(station=self.station_a, raw="0878-1234567")
        self.assertEqual(list(found), [self.customer])
        self.assertIn("INTEGER PRIMARY KEY", self.plan(found))
        self.assertNotIn("station_id=?", self.plan(found))
        self.assertFalse(customers_by_phone(station=self.station_b, raw="0878-1234567").exists())

    def test_the_missed_calls_are_counted_from_the_index(self) -> None:
        missed = call_log(station=self.station_a, user=None, caller_number="1", status="missed")
        gone = call_log(station=self.station_a, user=None, caller_number="2", status="abandoned")
        call_log(station=self.station_a, user=None, caller_number="3", text="问电价")
        returned = call_log(station=self.station_a, user=None, caller_number="4", status="missed")
        call_mark_called_back(call=returned, user=self.clerk)
        call_log(station=self.station_b, user=None, caller_number="5", status="missed")
        waiting = missed_calls(self.station_a)
        self.assertEqual(set(waiting), {missed, gone})
        self.assertIn("status=?", self.plan(waiting))


class ExpiredTokenTests(BaseTestCase):
    """The intake page's one-time tokens are kept a week; older ones are deleted by the calls
    sent after them, at most once a minute by each process (not at every call)."""

    def setUp(self) -> None:
        idempotency._last_purge.clear()
        self.login(self.clerk)

    def expired(self) -> FormSubmission:
        return FormSubmission.objects.create(
            station=self.station_a,
            token=f"old-{FormSubmission.objects.count()}",
            kind=FormSubmission.Kind.INTAKE,
            by=self.clerk,
            at=timezone.now() - idempotency.FORM_TOKEN_KEPT - dt.timedelta(minutes=1),
        )

    def test_a_token_past_its_week_is_deleted_by_a_later_call(self) -> None:
        old = self.expired()
        post_intake(self.client, {"caller_number": "0878-1234567", "text": "问电价"})
        self.assertFalse(FormSubmission.objects.filter(pk=old.pk).exists())
        self.assertEqual(FormSubmission.objects.count(), 1)  # the call's own

    def test_expired_tokens_are_looked_for_at_most_once_a_minute(self) -> None:
        post_intake(self.client, {"caller_number": "0878-1234567", "text": "问电价"})
        old = self.expired()
        post_intake(self.client, {"caller_number": "0878-1234567", "text": "问电费"})
        self.assertTrue(FormSubmission.objects.filter(pk=old.pk).exists())
        later = time.monotonic() + idempotency.PURGE_EVERY + 1
        with mock.patch.object(idempotency.time, "monotonic", return_value=later):
            post_intake(self.client, {"caller_number": "0878-1234567", "text": "问电表"})
        self.assertFalse(FormSubmission.objects.filter(pk=old.pk).exists())
        self.assertEqual(Call.objects.count(), 3)
