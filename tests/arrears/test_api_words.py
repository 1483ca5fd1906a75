"""What the household says now, recorded through the API (``…/words``) as the case's page records
it (``words_later``): by the counter or the chief, signed in; a medical need named blocks the
case exactly as on the page (its block, the approval and the disconnection refused); sent twice,
or with the same Idempotency-Key, it is recorded once; another role, a system's token and
another station's case are refused, nothing recorded."""

from __future__ import annotations

from typing import Any

import time_machine

from powerdesk.accounts.models import Role
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import payment_record
from powerdesk.arrears.words_later import HOUSEHOLD_SAID
from tests.arrears.api_cast import AFTER_NOTICE, START, URL, ArrearsApiCase
from tests.base import make_user

VENTILATOR = "户主来说老伴晚上要用呼吸机"
ELDERLY = "家里只有一位八十岁的老人"


class ArrearsApiWordsTests(ArrearsApiCase):
    def words(self, case: ArrearsCase, said: str, **headers: Any) -> Any:
        return self.post(f"{URL}/{case.pk}/words", {"words": said}, **headers)

    def said(self, case: ArrearsCase) -> int:
        return ArrearsEvent.objects.filter(case=case, note_code=HOUSEHOLD_SAID).count()

    def test_the_counter_and_the_chief_record_the_words_and_a_need_named_blocks(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.checked()
            self.login(self.clerk)
            answer = self.words(case, VENTILATOR)
            page = self.client.get(case.get_absolute_url()).content.decode()
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual((body["block"], body["check_result"]), ("words", "block"))
        self.assertIn("呼吸机", body["check_read"])
        self.assertEqual(
            [(s["words"], s["by"], s["call_id"]) for s in body["said_later"]],
            [(VENTILATOR, "clerk", None)],
        )
        # As on the page: the case's page says it must not be disconnected, the chief may not
        # approve it.
        self.assertIn('data-block="words"', page)
        with time_machine.travel(START, tick=False):
            self.login(self.chief)
            self.assertEqual(self.post(f"{URL}/{case.pk}/approve").status_code, 409)
            # The chief records what the household says too (an elderly person: still blocked).
            answer = self.words(case, ELDERLY)
        case.refresh_from_db()
        self.assertIsNone(case.approved_at)
        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["block"], "words")
        self.assertEqual(self.said(case), 2)

    def test_words_said_after_the_approval_stop_the_disconnection(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.approved()
        with time_machine.travel(AFTER_NOTICE, tick=False):
            self.login(self.clerk)
            answer = self.words(case, VENTILATOR)
            self.assertEqual(answer.status_code, 200, answer.content)
            self.assertEqual(answer.json()["block"], "words")
            self.login(self.dispatcher)
            refused = self.post(f"{URL}/{case.pk}/disconnect")
        self.assertEqual(refused.status_code, 409)
        self.assertIn("不得停电", refused.json()["detail"])
        case.refresh_from_db()
        self.assertIsNone(case.disconnected_at)

    def test_sent_twice_or_with_the_same_key_it_is_recorded_once(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.checked()
            self.login(self.clerk)
            first, again = self.words(case, VENTILATOR), self.words(case, VENTILATOR)
            self.assertEqual((first.status_code, again.status_code), (200, 200))
            self.assertEqual(first.json(), again.json())
            self.assertEqual(self.said(case), 1)
            key = {"HTTP_IDEMPOTENCY_KEY": "words-1"}
            keyed, replayed = self.words(case, ELDERLY, **key), self.words(case, ELDERLY, **key)
        self.assertEqual((keyed.status_code, replayed.status_code), (200, 200))
        self.assertEqual(replayed.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(self.said(case), 2)

    def test_other_roles_a_token_and_another_station_are_refused(self) -> None:
        admin = make_user("admin_a", self.station_a, Role.ADMIN, full_name="管理员")
        with time_machine.travel(START, tick=False):
            case = self.checked()
            for person in (self.dispatcher, self.crewman, self.liaison, admin):
                self.login(person)
                answer = self.words(case, VENTILATOR)
                self.assertEqual(answer.status_code, 403, person)
            self.client.logout()
            self.assertEqual(self.words(case, VENTILATOR, **self.token).status_code, 403)
            self.login(self.outsider)  # station B's chief
            self.assertEqual(self.words(case, VENTILATOR).status_code, 404)
        self.assertEqual(self.said(case), 0)
        case.refresh_from_db()
        self.assertEqual(case.check_result, "clear")

    def test_refused_at_its_field_and_on_a_paid_case(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.checked()
            self.login(self.clerk)
            for said in ("", "x", "呼" * 301, "a\x00b"):
                answer = self.words(case, said)
                self.assertEqual(answer.status_code, 422, said)
                self.assertIn("words", str(answer.json()), said)  # named
            payment_record(case=case, user=self.clerk)
            self.assertEqual(self.words(case, VENTILATOR).status_code, 409)
        self.assertEqual(self.said(case), 0)

    def test_the_schema_documents_it(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        post = paths[f"{URL}/{{case_id}}/words"]["post"]
        self.assertTrue({"200", "403", "404", "409", "422"} <= set(post["responses"]))
        self.assertIn("Idempotency-Key", [p["name"] for p in post["parameters"]])
        self.assertEqual(post["operationId"], "powerdesk_arrears_api_arrears_words")
