"""A case approved while its check was clear, whose words block since (a reader that learnt to
read them, an account added): the chief's visit lifts the words, and the earlier approval, given
with no reason written, does not carry the lift to the cut (review72, M1); nor does a visit
lift anything once the household is cut. The list and the chief's home say such a case must not
be cut, from its words read now, not only its stored check (review72, L2)."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import (
    ArrearsError,
    disconnection_approve,
    disconnection_carry_out,
)
from tests.arrears.api_cast import AFTER_NOTICE
from tests.arrears.cast import START
from tests.arrears.lift_cast import CLEAR, MOTHER_OXYGEN, LiftCast


class LiftAfterApprovalTests(LiftCast):
    def approved_then_named(self) -> ArrearsCase:
        """Approved with no reason on a clear check; words naming a machine recorded since."""
        case = self.seen(CLEAR)
        self.assertEqual(case.check_result, ArrearsCase.Check.CLEAR)
        with time_machine.travel(START, tick=False):
            case = disconnection_approve(case=case, user=self.chief)
        self.assertEqual((case.stage, case.approval_reason), (ArrearsCase.Stage.APPROVED, ""))
        ArrearsCase.objects.filter(pk=case.pk).update(liaison_outcome=MOTHER_OXYGEN)
        case.refresh_from_db()
        return case

    def test_a_lift_withdraws_an_approval_given_without_a_reason(self) -> None:
        case = self.approved_then_named()
        with time_machine.travel(AFTER_NOTICE, tick=False), self.assertRaises(ArrearsError):
            disconnection_carry_out(case=case, user=self.dispatcher)
        case = self.lift(case)
        case.refresh_from_db()
        self.assertEqual(
            (case.stage, case.approved_at, case.approved_by, case.approval_reason),
            (ArrearsCase.Stage.CHECKED, None, None, ""),
        )
        self.assertEqual(
            list(ArrearsEvent.objects.filter(case=case).order_by("-pk")[:2].values_list(
                "note_code", "by"
            )),
            [("arrears_approval_withdrawn", self.chief.pk), ("arrears_block_lifted", self.chief.pk)],
        )  # fmt: skip
        with time_machine.travel(AFTER_NOTICE, tick=False):
            with self.assertRaises(ArrearsError):
                disconnection_carry_out(case=case, user=self.dispatcher)
            with self.assertRaises(ArrearsError) as refused:
                disconnection_approve(case=case, user=self.chief)
            self.assertEqual(refused.exception.field, "reason")
            case = disconnection_approve(case=case, user=self.chief, reason="母亲住在县城女儿家")
            case = disconnection_carry_out(case=case, user=self.dispatcher)
        self.assertIsNotNone(case.disconnected_at)

    def test_a_visit_lifts_nothing_once_the_household_is_cut(self) -> None:
        case = self.approved_then_named()
        ArrearsCase.objects.filter(pk=case.pk).update(stage=ArrearsCase.Stage.DISCONNECTED)
        case.refresh_from_db()
        with self.assertRaises(ArrearsError):
            self.lift(case)
        case.refresh_from_db()
        self.assertIsNone(case.lifted_at)

    def test_the_list_and_the_chiefs_home_read_the_words_not_only_the_stored_check(self) -> None:
        case = self.seen(CLEAR)
        self.login(self.chief)
        with time_machine.travel(START, tick=False):
            listed = self.client.get(reverse("arrears:cases")).content.decode()
            home = self.client.get(reverse("web:home")).content.decode()
        self.assertNotIn('data-testid="case-blocked"', listed)
        self.assertIn(case.get_absolute_url(), home)  # to approve, while nothing blocks it
        # Words recorded since: saved as a step saves the case (what blocks it is stored then).
        case.liaison_outcome = MOTHER_OXYGEN
        case.save(update_fields=["liaison_outcome"])
        with time_machine.travel(START, tick=False):
            listed = self.client.get(reverse("arrears:cases")).content.decode()
            home = self.client.get(reverse("web:home")).content.decode()
        self.assertIn('data-testid="case-blocked"', listed)
        # Not to approve (the home's arrears panel names it among those not to be cut).
        self.assertNotIn('data-testid="approvals"', home)
        self.assertIn(case.get_absolute_url(), home.split('data-slot="arrears"', 1)[1])
