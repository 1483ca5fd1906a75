"""A caller's number reads the same however it was typed ("188 7049 5863", "18870495863"): it is
stored as staff write it, compared by its normalised form (older rows kept as typed too), the
order's history says who rang in the station's own punctuation, and the order list shows how
often the callers had to ring again."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.selectors import calls_listed
from tests.base import BaseTestCase

SPACED = "188 7049 5863"
RUN_ON = "18870495863"


class NumberAsWrittenTests(BaseTestCase):
    def take(self, number: str, text: str) -> WorkOrder:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=number,
            text=text,
            category="fault_repair",
        )
        assert taken.work_order is not None
        return taken.work_order

    def test_one_number_typed_two_ways_is_stored_one_way(self) -> None:
        first = self.take(SPACED, "村口没电了")
        second = self.take(RUN_ON, "村口还是没电")
        self.assertEqual(first, second)  # the same caller: a repeat call, not a second order
        self.assertEqual(
            set(Call.objects.values_list("caller_number", flat=True)), {"188 7049 5863"}
        )

    def test_a_landline_is_stored_with_its_area_code_as_staff_write_it(self) -> None:
        self.take("5711234", "没电")  # a local number: the station's area code
        call = Call.objects.get()
        self.assertEqual((call.caller_number, call.caller_e164), ("0878 571 1234", "+868785711234"))

    def test_what_is_no_number_is_kept_as_given(self) -> None:
        call_take(station=self.station_a, user=self.clerk, caller_number=" 123 ", text="喂")
        self.assertEqual(Call.objects.get().caller_number, "123")

    def test_the_repeat_call_s_history_line_says_the_number_with_a_chinese_colon(self) -> None:
        order = self.take(SPACED, "村口没电了")
        self.take(RUN_ON, "还是没电")
        note = order.events.get(kind=WorkOrderEvent.Kind.REPEAT_CALL).note
        self.assertEqual(note, "188 7049 5863：还是没电")

    def test_an_older_call_kept_as_typed_is_shown_and_found_as_written(self) -> None:
        older = Call.objects.create(
            station=self.station_a,
            received_at=timezone.now(),
            caller_number=RUN_ON,  # as a call was stored before
            caller_e164="+8618870495863",
            text="停电",
        )
        self.assertEqual(older.number_shown, SPACED)
        for typed in (SPACED, RUN_ON, "188-7049-5863", "7049 5863"):
            found = calls_listed(station=self.station_a, params=QueryDict(f"q={typed}"))
            self.assertEqual(list(found), [older], typed)
        # A word is not a number: no call found by its digits.
        self.assertFalse(calls_listed(station=self.station_a, params=QueryDict("q=电费")))

    def test_the_order_list_row_shows_the_repeat_calls(self) -> None:
        order = self.take(SPACED, "村口没电了")
        other = self.take("13900001111", "家里没电")
        self.take(RUN_ON, "还是没电")
        self.take(SPACED, "怎么还没来")
        self.login(self.clerk)
        html = self.client.get(reverse("servicedesk:work_orders")).content.decode()
        rows = {o.number: row for o, row in ((o, _row(html, o.number)) for o in (order, other))}
        self.assertIn('data-testid="row-repeat-calls"', rows[order.number])
        self.assertIn("重复来电：2", rows[order.number])
        self.assertNotIn('data-testid="row-repeat-calls"', rows[other.number])


def _row(html: str, number: str) -> str:
    start = html.index(f">{number}</a>")
    return html[start : html.index("</tr>", start)]
