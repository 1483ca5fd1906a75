"""The station chief's look at a household blocked by its words alone (arrears72): the chief's
visit finding — who, when, what they found, no one at home depending on power for life — lifts a
block of the check's words, on the record (history, page, API, export), and the chief can then
approve with a reason; nobody else may record it (page, API, service); the customer's own care
flag is not lifted so; words recorded after it that name a need block again."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import (
    ArrearsError,
    disconnection_approve,
    disconnection_carry_out,
)
from tests.arrears.api_cast import AFTER_NOTICE, URL
from tests.arrears.cast import START
from tests.arrears.lift_cast import FINDING, LATER, LIFTED, MOTHER_OXYGEN, VISITED, LiftCast


class ChiefLiftsBlockTests(LiftCast):
    def test_the_chief_lifts_a_words_only_block_on_the_page_and_then_approves(self) -> None:
        case = self.blocked()
        self.login(self.chief)
        self.client.cookies["django_language"] = "zh-hans"
        page = self.client.get(case.get_absolute_url()).content.decode()
        self.assertIn('data-block="words"', page)
        self.assertIn('data-testid="lift-form"', page)
        answer = self.lift_posted(case)
        self.assertEqual(answer.status_code, 302, answer.content.decode()[:2000])
        case.refresh_from_db()
        self.assertEqual(
            (case.lifted_by, case.lift_visited_by, case.lift_words),
            (self.chief, FINDING["visited_by"], ["透析"]),
        )
        self.assertEqual(case.lift_visited_at, VISITED.replace(second=0))
        self.assertTrue(case.lift_no_life_support)
        line = ArrearsEvent.objects.filter(case=case).order_by("-pk").first()
        assert line is not None
        self.assertEqual((line.by, line.note_code), (self.chief, "arrears_block_lifted"))
        self.assertIn("户主每周二、五由儿子送县医院透析", line.note)
        page = self.client.get(case.get_absolute_url()).content.decode()
        self.assertIn('data-testid="lift"', page)
        self.assertIn(FINDING["visited_by"], page)
        self.assertNotIn('class="blocked-reason"', page)
        self.assertIn('value="approve"', page)
        # The chief weighs it now: approved only with a reason written.
        with time_machine.travel(LATER, tick=False):
            with self.assertRaises(ArrearsError) as refused:
                disconnection_approve(case=case, user=self.chief)
            self.assertEqual(refused.exception.field, "reason")
            case = disconnection_approve(
                case=case, user=self.chief, reason="透析在医院，已多次催缴"
            )
        self.assertIsNotNone(case.approved_at)
        with time_machine.travel(AFTER_NOTICE, tick=False):
            case = disconnection_carry_out(case=case, user=self.dispatcher)
        self.assertIsNotNone(case.disconnected_at)

    def test_the_api_and_the_export_say_the_finding(self) -> None:
        case = self.blocked()
        self.login(self.chief)
        with time_machine.travel(LATER, tick=False):
            before = self.client.get(f"{URL}/{case.pk}").json()
        self.assertEqual((before["block"], before["lift"]), ("words", None))
        answer = self.api_lift(case)
        self.assertEqual(answer.status_code, 200, answer.content)
        body = answer.json()
        self.assertEqual((body["block"], body["check_result"]), ("", "escalate"))
        lift = body["lift"]
        self.assertEqual(
            (lift["visited_by"], lift["found"], lift["no_life_support"], lift["words"]),
            (FINDING["visited_by"], FINDING["found"], True, ["透析"]),
        )
        self.assertEqual(
            (lift["lifted_by"], dt.datetime.fromisoformat(lift["visited_at"])),
            ("chief", VISITED.replace(microsecond=0)),
        )
        self.assertEqual(body["events"][-1]["by"], "chief")
        case.refresh_from_db()
        with time_machine.travel(LATER, tick=False):
            disconnection_approve(case=case, user=self.chief, reason="透析在县医院，已多次催缴")
        exported = self.client.get(
            reverse("accounts:export", kwargs={"name": "arrears", "fmt": "csv"}), follow=True
        )
        self.assertEqual(exported.status_code, 200)
        file = b"".join(exported.streaming_content).decode("utf-8")
        self.assertIn(FINDING["found"], file)
        self.assertIn(FINDING["visited_by"], file)
        self.assertIn("透析在县医院，已多次催缴", file)  # the approval's reason (walk72b, M2)

    def test_nobody_but_the_chief_lifts_it(self) -> None:
        case = self.blocked()
        for user in (self.clerk, self.dispatcher, self.liaison, self.crewman, self.admin):
            with self.subTest(user=user.username):
                with self.assertRaises(NotAllowed):
                    self.lift(case, user)
                self.login(user)
                self.assertEqual(self.lift_posted(case).status_code, 403)
                self.assertEqual(self.api_lift(case).status_code, 403)
        with time_machine.travel(LIFTED, tick=False):
            self.assertEqual(
                self.post(
                    f"{URL}/{case.pk}/lift",
                    {**FINDING, "visited_at": VISITED.isoformat()},
                    **self.token,
                ).status_code,
                403,
            )
        self.login(self.clerk)
        self.assertNotIn(
            'data-testid="lift-form"', self.client.get(case.get_absolute_url()).content.decode()
        )
        case.refresh_from_db()
        self.assertEqual((case.lifted_at, case.check_result), (None, "block"))
        self.assertFalse(
            ArrearsEvent.objects.filter(case=case, note_code="arrears_block_lifted").exists()
        )

    def test_a_care_flag_block_is_not_lifted_by_a_visit(self) -> None:
        case = self.blocked()
        self.household.medical_need = True
        self.household.save()
        case.customer.refresh_from_db()
        with self.assertRaises(ArrearsError):
            self.lift(case)
        self.login(self.chief)
        page = self.client.get(case.get_absolute_url()).content.decode()
        self.assertIn('data-block="care_flag"', page)
        self.assertNotIn('data-testid="lift-form"', page)
        self.assertEqual(self.api_lift(case).status_code, 409)
        case.refresh_from_db()
        self.assertIsNone(case.lifted_at)
        # Flagged since the chief lifted the words: blocked again, and not liftable.
        self.household.medical_need = False
        self.household.save()
        case.customer.refresh_from_db()
        case = self.lift(case)
        self.household.medical_need = True
        self.household.save()
        case.customer.refresh_from_db()
        with time_machine.travel(LATER, tick=False), self.assertRaises(ArrearsError):
            disconnection_approve(case=case, user=self.chief, reason="已多次催缴")

    def test_words_recorded_after_the_lift_that_name_a_new_need_block_again(self) -> None:
        case = self.blocked()
        case = self.lift(case)
        # Words recorded since (a later account of the household): a new machine named.
        ArrearsCase.objects.filter(pk=case.pk).update(liaison_outcome=MOTHER_OXYGEN)
        case.refresh_from_db()
        with (
            time_machine.travel(LATER, tick=False),
            self.assertRaisesMessage(ArrearsError, "不得停电"),
        ):
            disconnection_approve(case=case, user=self.chief, reason="已多次催缴")
        self.login(self.chief)
        with time_machine.travel(LATER, tick=False):
            self.assertEqual(self.client.get(f"{URL}/{case.pk}").json()["block"], "words")
        # The same finding again does not lift the new words: only a later visit does.
        with self.assertRaises(ArrearsError) as refused:
            self.lift(case)
        self.assertEqual(refused.exception.field, "visited_at")
        # A later visit (after the first, and after the words it lifts: review72, L1).
        case = self.lift(case, visited_at=LATER - dt.timedelta(minutes=30), at=LATER)
        self.assertEqual(case.lift_words, ["透析", "制氧机"])
        # The words lifted only: a word the earlier lift had lifted stays lifted.
        with time_machine.travel(LATER, tick=False):
            case = disconnection_approve(case=case, user=self.chief, reason="已多次催缴")
        self.assertIsNotNone(case.approved_at)

    def test_sent_twice_one_finding_and_bad_input_named_at_its_field(self) -> None:
        case = self.blocked()
        self.login(self.chief)
        for field, changed in (
            ("no_life_support", {"no_life_support": False}),
            ("found", {"found": ""}),
            ("found", {"found": "x" * 1001}),
            ("visited_by", {"visited_by": " "}),
            ("visited_at", {"visited_at": LIFTED + dt.timedelta(hours=1)}),  # ahead of now
            ("visited_at", {"visited_at": START - dt.timedelta(hours=1)}),  # before the words
        ):
            with self.subTest(field=field):
                with self.assertRaises(ArrearsError) as refused:
                    self.lift(case, **changed)
                self.assertIn(field, refused.exception.wrong)
                answer = self.api_lift(case, **changed)
                self.assertEqual(answer.status_code, 422, answer.content)
                said = answer.json()  # a service's refusal, or the schema's (too long)
                self.assertEqual(said.get("field") or said["detail"][0]["field"], field)
                page = self.lift_posted(case, **changed)
                self.assertEqual(page.status_code, 400)
                self.assertIn(f'data-testid="{field}-errors"', page.content.decode())
        case.refresh_from_db()
        self.assertIsNone(case.lifted_at)
        first, again = self.api_lift(case), self.api_lift(case)
        self.assertEqual((first.status_code, again.status_code), (200, 200))
        self.assertEqual(self.lift_posted(case).status_code, 302)
        self.assertEqual(
            ArrearsEvent.objects.filter(case=case, note_code="arrears_block_lifted").count(), 1
        )
        other = self.api_lift(case, found="另一次上门：户主说月底缴清")
        self.assertEqual(other.status_code, 409)
