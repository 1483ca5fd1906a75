"""The amount an open arrears case is owed, updated on its page and through the API (a new bill,
a part paid): the case and its steps stand, its history says the change with who and why, the
same amount sent again records nothing, a paid case or a role that may not open cases is refused,
and a household with an open case is told to update that case rather than open a second."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.arrears.amount import amount_update
from powerdesk.arrears.models import ArrearsCase, ArrearsEvent
from powerdesk.arrears.services import ArrearsError, StepRecordedAlready, payment_record
from tests.arrears.api_cast import START, URL, ArrearsApiCase


class AmountUpdateTests(ArrearsApiCase):
    def lines(self, case: ArrearsCase) -> list[str]:
        return [e.note_shown for e in ArrearsEvent.objects.filter(case=case).order_by("pk")][1:]

    def test_a_new_bill_changes_the_amount_and_the_history_says_so(self) -> None:
        case = self.checked()
        amount_update(case=case, user=self.clerk, amount=Decimal("310.00"), why="十一月电费")
        case.refresh_from_db()
        self.assertEqual(case.amount, Decimal("310.00"))
        self.assertEqual(case.stage, ArrearsCase.Stage.CHECKED)  # the steps stand
        last = ArrearsEvent.objects.filter(case=case).latest("pk")
        self.assertEqual(last.by, self.clerk)
        with translation.override("zh-hans"):
            self.assertIn("¥310.00", last.note_shown)
            self.assertIn("¥236.50", last.note_shown)
            self.assertIn("十一月电费", last.note_shown)
        with translation.override("en"):
            self.assertEqual(last.note_shown, "amount owed now ¥310.00 (was ¥236.50): 十一月电费")

    def test_the_history_says_yuan_and_fen_as_sent_without_them(self) -> None:
        case = self.open_case()
        amount_update(case=case, user=self.clerk, amount=Decimal("200"))
        with translation.override("en"):
            self.assertEqual(
                ArrearsEvent.objects.filter(case=case).latest("pk").note_shown,
                "amount owed now ¥200.00 (was ¥236.50)",
            )

    def test_the_same_amount_again_records_nothing(self) -> None:
        case = self.open_case()
        amount_update(case=case, user=self.clerk, amount=Decimal("180.00"))
        before = ArrearsEvent.objects.filter(case=case).count()
        amount_update(case=case, user=self.clerk, amount=Decimal("180.00"))
        self.assertEqual(ArrearsEvent.objects.filter(case=case).count(), before)

    def test_refused_to_whoever_may_not_open_a_case_and_on_a_paid_case(self) -> None:
        case = self.open_case()
        for user in (self.crewman, self.liaison, self.dispatcher):
            with self.subTest(user.username), self.assertRaises(NotAllowed):
                amount_update(case=case, user=user, amount=Decimal("1.00"))
        payment_record(case=case, user=self.clerk)
        with self.assertRaises(ArrearsError):
            amount_update(case=case, user=self.clerk, amount=Decimal("1.00"))
        case.refresh_from_db()
        self.assertEqual(case.amount, Decimal("236.50"))

    def test_bad_amounts_are_refused_at_the_field(self) -> None:
        case = self.open_case()
        for amount in ("0", "-5", "0.001", "100000000", "NaN"):
            with self.subTest(amount), self.assertRaises(ArrearsError) as caught:
                amount_update(case=case, user=self.clerk, amount=Decimal(amount))
            self.assertEqual(caught.exception.field, "amount")

    def test_a_second_case_is_refused_naming_the_update(self) -> None:
        self.open_case()
        with self.assertRaises(StepRecordedAlready) as caught, translation.override("en"):
            from powerdesk.arrears.services import case_open

            case_open(
                station=self.station_a,
                user=self.clerk,
                customer=self.household,
                amount=Decimal("400.00"),
                owed_since=START.date(),
            )
        self.assertIn("update its amount owed there", str(caught.exception))

    def test_the_case_page_updates_it_and_keeps_a_refused_amount_typed(self) -> None:
        case = self.open_case()
        self.login(self.clerk)
        page = self.client.get(case.get_absolute_url()).content.decode()
        self.assertIn('data-testid="amount-update"', page)
        refused = self.client.post(
            case.get_absolute_url(), {"step": "amount", "amount": "-3", "why": "部分缴费"}
        )
        self.assertEqual(refused.status_code, 400)
        self.assertContains(refused, "部分缴费", status_code=400)
        answer = self.client.post(
            case.get_absolute_url(), {"step": "amount", "amount": "136.50", "why": "部分缴费"}
        )
        self.assertRedirects(answer, case.get_absolute_url())
        case.refresh_from_db()
        self.assertEqual(case.amount, Decimal("136.50"))
        self.login(self.crewman)
        page = self.client.get(case.get_absolute_url())
        self.assertNotContains(page, 'data-testid="amount-update"', status_code=page.status_code)

    def test_the_api_a_token_may_and_a_retry_records_once(self) -> None:
        case = self.open_case()
        url = f"{URL}/{case.pk}/amount"
        body = {"amount": "420.00", "why": "十二月电费"}
        first = self.post(url, body, HTTP_IDEMPOTENCY_KEY="k-1", **self.token)
        self.assertEqual(first.status_code, 200, first.content)
        self.assertEqual(first.json()["amount"], "420.00")
        again = self.post(url, body, HTTP_IDEMPOTENCY_KEY="k-1", **self.token)
        self.assertEqual(again.status_code, 200)
        plain = self.post(url, body, **self.token)  # no key: the service records nothing twice
        self.assertEqual(plain.status_code, 200)
        self.assertEqual(self.lines(case).count(self.lines(case)[0]), 1)
        bad = self.post(url, {"amount": "-1"}, **self.token)
        self.assertEqual(bad.status_code, 422)
        self.login(self.crewman)
        self.assertEqual(self.post(url, {"amount": "1.00"}).status_code, 403)
        self.login(self.outsider)
        self.assertEqual(self.post(url, {"amount": "1.00"}).status_code, 404)
        self.client.logout()
        case.refresh_from_db()
        payment_record(case=case, user=self.clerk)
        self.assertEqual(self.post(url, {"amount": "9.00"}, **self.token).status_code, 409)
        case.refresh_from_db()
        self.assertEqual(case.amount, Decimal("420.00"))
