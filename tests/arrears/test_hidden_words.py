"""A medical machine hidden from the household check by an invisible character, a space inside
its word or traditional characters blocks the disconnection as the plain word does, on the page
and through the API (probe72, H1: "家有制\\u200b氧机" read "nothing against disconnection" and the
chief approved it without a reason). The words stored stay as typed."""

from __future__ import annotations

import io

import time_machine
from django.urls import reverse

from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import liaison_contact, notice_record
from powerdesk.arrears.vulnerable import vulnerable_read
from powerdesk.customers.importing import customer_import
from powerdesk.customers.models import Customer
from tests.arrears.api_cast import URL, ArrearsApiCase
from tests.arrears.cast import START

# Each names an oxygen concentrator, a ventilator or dialysis as a household that uses one
# writes it, hidden one way.
HIDDEN = {
    "zero-width space": "户主父亲长期吸\u200b氧，家有制\u200b氧机",
    "zero-width non-joiner": "家里老人用制\u200c氧机",
    "zero-width joiner": "家里老人用呼\u200d吸机",
    "word joiner": "家里有人要透\u2060析",
    "byte-order mark": "家里老人用制\ufeff氧机",
    "soft hyphen": "家里有位老人卧\u00ad床，用呼\u200b吸机",
    "spaces": "家里老人用制 氧 机",
    "ideographic space": "家里老人用制\u3000氧机",
    "spaced dialysis": "家里有人要透 析",
    "traditional": "家裡老人用製氧機",
    "traditional ventilator": "家裏老人用呼吸機",
}
# …and a patient's word hidden so (escalates, as the plain word does).
HIDDEN_PATIENT = {"traditional": "老人癱瘓在床", "zero-width space": "老人瘫\u200b痪在床"}


class HiddenWordsReadTests(ArrearsApiCase):
    def test_each_trick_reads_as_the_plain_words(self) -> None:
        for trick, words in HIDDEN.items():
            with self.subTest(trick):
                self.assertEqual(vulnerable_read(words).check, "block", words)
        for trick, words in HIDDEN_PATIENT.items():
            with self.subTest(trick):
                read = vulnerable_read(words)
                self.assertEqual((read.check, read.words), ("escalate", ("老人", "瘫痪")), words)


class HiddenWordsPageTests(ArrearsApiCase):
    def seen_on_the_page(self, situation: str) -> ArrearsCase:
        case = self.open_case()
        notice_record(case=case, user=self.clerk, method="door")
        liaison_contact(case=case, user=self.clerk, outcome="村小组长已转告")
        self.login(self.clerk)
        response = self.client.post(
            case.get_absolute_url(), {"step": "household", "situation": situation}
        )
        self.assertEqual(response.status_code, 302, situation)
        case.refresh_from_db()
        return case

    def test_the_page_blocks_the_case_and_the_chief_cannot_approve_it(self) -> None:
        for trick, words in HIDDEN.items():
            with self.subTest(trick), time_machine.travel(START, tick=False):
                ArrearsCase.objects.all().delete()
                case = self.seen_on_the_page(words)
                self.assertEqual(case.check_result, ArrearsCase.Check.BLOCK, words)
                self.assertEqual(case.situation, words)  # stored as typed
                self.login(self.chief)
                self.client.post(case.get_absolute_url(), {"step": "approve", "reason": ""})
                self.client.post(
                    case.get_absolute_url(), {"step": "approve", "reason": "多次催缴未果"}
                )
                case.refresh_from_db()
                self.assertIsNone(case.approved_at, words)
                self.assertNotEqual(case.stage, "approved")

    def test_the_page_says_the_word_read_plainly(self) -> None:
        with time_machine.travel(START, tick=False):
            case = self.seen_on_the_page(HIDDEN["zero-width space"])
        self.assertIn("制氧机", case.check_read)
        self.assertNotIn("\u200b", case.check_read)


class HiddenWordsApiTests(ArrearsApiCase):
    def test_the_api_blocks_the_case_and_refuses_the_approval(self) -> None:
        for trick, words in HIDDEN.items():
            with self.subTest(trick), time_machine.travel(START, tick=False):
                ArrearsCase.objects.all().delete()
                case = self.open_case()
                notice_record(case=case, user=self.clerk, method="door")
                liaison_contact(case=case, user=self.clerk, outcome="村小组长已转告")
                self.login(self.clerk)
                answer = self.post(f"{URL}/{case.pk}/household", {"situation": words})
                self.assertEqual(answer.status_code, 200, answer.content)
                self.assertEqual(answer.json()["check_result"], "block", words)
                self.login(self.chief)
                answer = self.post(f"{URL}/{case.pk}/approve", {"reason": "多次催缴未果"})
                self.assertEqual(answer.status_code, 409, words)
                self.assertIsNone(ArrearsCase.objects.get(pk=case.pk).approved_at)


class HiddenInTheAccountTests(ArrearsApiCase):
    """An account number pasted with an invisible character in it is the account as seen: the
    case opens for its household, and an import takes it as the customer already there, no twin
    that looks the same."""

    def test_the_page_opens_the_case_of_the_account_pasted_with_a_zero_width_space(self) -> None:
        self.login(self.clerk)
        for written in ("5325\u200b0000777", "\u20605325000\u00ad0777\ufeff"):
            ArrearsCase.objects.all().delete()
            with time_machine.travel(START, tick=False):
                response = self.client.post(
                    reverse("arrears:cases"),
                    {"account_number": written, "amount": "120.00", "owed_since": "2026-01-01"},
                )
            case = ArrearsCase.objects.get()
            self.assertEqual(case.customer, self.household, repr(written))
            self.assertRedirects(response, case.get_absolute_url())

    def test_an_import_takes_the_account_with_a_zero_width_space_as_the_one_there(self) -> None:
        before = Customer.objects.count()
        customer_import(
            station=self.station_a,
            stream=io.BytesIO("account_number,name\n5325\u200b0000777,新名字\n".encode()),
            file_name="c.csv",
        )
        self.assertEqual(Customer.objects.count(), before)
        self.assertFalse(Customer.objects.filter(account_number__contains="\u200b").exists())
