"""The API's arrears cases, read and opened: the list by state and village, one case with its
history, opening one once however often it is sent; the roles of the pages, another station's
cases not found, every input bounded; in the schema."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import payment_record
from powerdesk.community.models import Village
from powerdesk.customers.models import Customer
from tests.arrears.api_cast import START, URL, ArrearsApiCase

OPEN = {"customer_account": "53250000777", "amount": "236.50", "owed_since": "2025-12-01"}


class ArrearsApiReadTests(ArrearsApiCase):
    def test_the_list_by_state_and_village(self) -> None:
        with time_machine.travel(START, tick=False):
            seen = self.checked()
            paid = payment_record(case=self.open_case(self.customer), user=self.clerk)
            elsewhere = Village.objects.create(station=self.station_a, name="光禄")
            other = Customer.objects.create(
                station=self.station_a, account_number="53250000888", name="李四", village=elsewhere
            )
            across = self.open_case(other)
        self.login(self.dispatcher)  # the arrears pages are open to the dispatcher
        body = self.client.get(URL).json()
        self.assertEqual({c["id"] for c in body["items"]}, {seen.pk, across.pk})  # open ones
        item = next(c for c in body["items"] if c["id"] == seen.pk)
        self.assertEqual(
            (item["customer_account"], item["amount"], item["stage"], item["check_result"]),
            ("53250000777", "236.50", "checked", "clear"),
        )
        self.assertEqual(item["village"], "左门")
        paid_only = self.client.get(f"{URL}?state=paid").json()["items"]
        self.assertEqual([c["id"] for c in paid_only], [paid.pk])
        self.assertEqual(self.client.get(f"{URL}?state=all").json()["count"], 3)
        village = self.client.get(f"{URL}?village_id={elsewhere.pk}").json()["items"]
        self.assertEqual([c["id"] for c in village], [across.pk])
        for wrong in ("state=lost", "village_id=0", "village_id=x", "limit=501"):
            self.assertEqual(self.client.get(f"{URL}?{wrong}").status_code, 422, wrong)

    def test_one_case_with_its_history_and_when_it_may_be_carried_out(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
            answer = self.client.get(f"{URL}/{case.pk}", **self.token)
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual(
            [e["stage"] for e in body["events"]],
            ["open", "notice_given", "liaison_contacted", "checked", "approved"],
        )
        self.assertEqual(body["approved_by"], "chief")
        self.assertEqual(
            dt.datetime.fromisoformat(body["notice_period_ends"]), START + dt.timedelta(days=7)
        )
        # From when: the period's end (17:00 in the station's time, in the daytime).
        self.assertEqual(
            dt.datetime.fromisoformat(body["carry_out_from"]), START + dt.timedelta(days=7)
        )

    def test_roles_and_stations_that_may_not_read(self) -> None:
        case = self.open_case()
        for person in (self.crewman, self.liaison):
            self.login(person)
            self.assertEqual(self.client.get(URL).status_code, 403, person)
            self.assertEqual(self.client.get(f"{URL}/{case.pk}").status_code, 403, person)
        self.login(self.outsider)  # station B's chief
        self.assertEqual(self.client.get(f"{URL}/{case.pk}").status_code, 404)
        self.assertEqual(self.client.get(URL).json()["count"], 0)
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 401)
        from powerdesk.accounts.tokens import token_create

        _token, key = token_create(station_id=self.station_b.pk, name="B")
        other = {"HTTP_AUTHORIZATION": f"Token {key}"}
        self.assertEqual(self.client.get(f"{URL}/{case.pk}", **other).status_code, 404)
        self.assertEqual(self.client.get(f"{URL}/{2**63}", **self.token).status_code, 422)


class ArrearsApiOpenTests(ArrearsApiCase):
    def test_a_billing_system_opens_a_case_once_however_often_it_is_sent(self) -> None:
        first = self.post(URL, OPEN, **self.token)
        self.assertEqual(first.status_code, 201, first.content)
        self.assertEqual((first.json()["stage"], first.json()["amount"]), ("open", "236.50"))
        again = self.post(URL, OPEN, **self.token)
        self.assertEqual((again.status_code, again.json()["id"]), (200, first.json()["id"]))
        self.assertEqual(ArrearsCase.objects.filter(customer=self.household).count(), 1)
        # Another amount while the case is open: refused, nothing opened.
        other = self.post(URL, {**OPEN, "amount": "300"}, **self.token)
        self.assertEqual(other.status_code, 409, other.content)
        self.assertIn("236.50", other.json()["detail"])
        self.assertEqual(ArrearsCase.objects.filter(customer=self.household).count(), 1)

    def test_an_idempotency_key_answers_the_first_answer_again(self) -> None:
        self.login(self.clerk)
        key = {"HTTP_IDEMPOTENCY_KEY": "billing-0001"}
        first = self.post(URL, OPEN, **key)
        again = self.post(URL, OPEN, **key)
        self.assertEqual((first.status_code, again.status_code), (201, 201))
        self.assertEqual(again["Idempotent-Replayed"], "true")
        self.assertEqual(self.post(URL, {**OPEN, "amount": "1"}, **key).status_code, 422)
        self.assertEqual(ArrearsCase.objects.count(), 1)

    def test_bad_input_is_refused_naming_its_field(self) -> None:
        self.login(self.clerk)
        tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
        for change, field in (
            ({"customer_account": "nobody"}, "customer_account"),
            ({"customer_account": self.outsider_account()}, "customer_account"),
            ({"owed_since": tomorrow}, "owed_since"),
            ({"owed_since": "1999-12-31"}, "owed_since"),
        ):
            answer = self.post(URL, {**OPEN, **change})
            self.assertEqual(answer.status_code, 422, change)
            self.assertEqual(answer.json()["field"], field, change)
        for change in (
            {"amount": "0"},
            {"amount": "-5"},
            {"amount": "1.005"},
            {"amount": "100000000"},
            {"amount": "NaN"},
            {"amount": "Infinity"},
            {"owed_since": "2025-12-01T00:00:00"},
            {"customer_account": "1" * 31},
            {"customer_account": "53\x0050"},
            {"urgent": True},
        ):
            self.assertEqual(self.post(URL, {**OPEN, **change}).status_code, 422, change)
        self.assertEqual(
            self.client.post(URL, "{", content_type="application/json").status_code, 400
        )
        self.assertEqual(ArrearsCase.objects.count(), 0)

    def outsider_account(self) -> str:
        Customer.objects.create(station=self.station_b, account_number="53260000001", name="外")
        return "53260000001"

    def test_roles_that_may_not_open_a_case(self) -> None:
        for person in (self.dispatcher, self.crewman, self.liaison):  # arrears.open: not theirs
            self.login(person)
            self.assertEqual(self.post(URL, OPEN).status_code, 403, person)
        self.assertEqual(ArrearsCase.objects.count(), 0)

    def test_the_schema_documents_them(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        self.assertEqual(set(paths[URL]), {"get", "post"})
        self.assertIn("get", paths[URL + "/{case_id}"])
        for step in ("notice", "liaison", "household", "approve", "disconnect", "paid"):
            post = paths[f"{URL}/{{case_id}}/{step}"]["post"]
            self.assertTrue({"200", "403", "404", "409", "422"} <= set(post["responses"]), step)
            self.assertIn("Idempotency-Key", [p["name"] for p in post["parameters"]])
        self.assertIn("Idempotency-Key", [p["name"] for p in paths[URL]["post"]["parameters"]])
