"""``POST /api/v1/calls`` says who rang from a number a household shares with a village liaison
(``caller_is``), as intake's "who is calling?" does (desk79, item 2): the liaison chosen, the
call is theirs with no customer, and a need they name goes on the household's arrears case as
the liaison's words (``arrears_liaison_said``), the chiefs of a household cut off told. Left
out, the household calls, as before. A number that is no liaison's is refused at the field."""

from __future__ import annotations

import time_machine
from django.core.cache import cache

from powerdesk.accounts.tokens import token_create
from powerdesk.community.models import Liaison
from powerdesk.servicedesk.models import Call
from tests.arrears.lift_cast import RANG_VENTILATOR
from tests.arrears.test_cut_case_words_card import CutCase
from tests.arrears.test_cut_need_told import CUT_LATER, NUMBER


class ApiCallerIsTests(CutCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()
        _token, key = token_create(station_id=self.station_a.pk, name="呼叫中心")
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        self.liaison = Liaison.objects.create(
            station=self.station_a, village=self.village, group=self.group, name="段发桂",
            phone=NUMBER, role=Liaison.Role.GROUP_LEADER,
        )  # fmt: skip

    def post(self, **body: object) -> object:
        with time_machine.travel(CUT_LATER, tick=True):
            return self.client.post(
                "/api/v1/calls",
                {"caller_number": NUMBER, "text": RANG_VENTILATOR, "category": "billing", **body},
                content_type="application/json",
                **self.auth,
            )

    def test_the_liaison_s_words_go_on_the_shared_household_s_case(self) -> None:
        case = self.cut()
        answer = self.post(caller_is="liaison")
        self.assertEqual(answer.status_code, 201, answer.content)  # type: ignore[attr-defined]
        call = Call.objects.get()
        self.assertEqual((call.customer, call.liaison), (None, self.liaison))
        line = case.events.get(note_code="arrears_liaison_said")
        self.assertEqual(line.note_args["liaison"], "段发桂")
        told = self.told()
        self.assertEqual({n.recipient for n in told}, {self.chief, self.chief2})
        self.assertTrue(all("段发桂" in n.text for n in told))

    def test_left_out_the_household_calls_as_before(self) -> None:
        case = self.cut()
        answer = self.post()
        self.assertEqual(answer.status_code, 201, answer.content)  # type: ignore[attr-defined]
        call = Call.objects.get()
        self.assertEqual((call.customer, call.liaison), (self.household, None))
        self.assertFalse(case.events.filter(note_code="arrears_liaison_said").exists())

    def test_a_number_that_is_no_liaison_s_is_refused_at_the_field(self) -> None:
        self.liaison.delete()
        answer = self.post(caller_is="liaison")
        self.assertEqual(answer.status_code, 422, answer.content)  # type: ignore[attr-defined]
        self.assertEqual(answer.json()["field"], "caller_is")  # type: ignore[attr-defined]
        self.assertFalse(Call.objects.exists())
        stray = self.post(caller_is="somebody")
        self.assertEqual(stray.status_code, 422)  # type: ignore[attr-defined]
        self.assertFalse(Call.objects.exists())

    def test_the_schema_describes_it(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        field = schema["components"]["schemas"]["CallIn"]["properties"]["caller_is"]
        self.assertIn("liaison", str(field))
