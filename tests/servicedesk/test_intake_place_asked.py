"""A danger, or an unknown caller's fault, with nothing saying where: intake asks the clerk for
the place once (a prompt on "Where exactly", never a block), and the order of one saved without
it asks for it; other calls save at once. A call's line never begins with a label separator when no caller is named."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.history_notes import note_shown
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.place_ask import place_question
from tests.base import BaseTestCase, post_intake, zh

DANGER = "电线断了掉在路上，还在冒火花"
ASKED = 'data-testid="place-asked"'
NOT_KNOWN = (
    "Where: not known yet. Call the caller back for the village, the group or the nearest pole "
    "number."
)


class PlaceAskedTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.clerk)

    def test_a_hazard_with_no_place_is_sent_back_once_with_the_question(self) -> None:
        page = post_intake(self.client, {"caller_number": "13900001111", "text": DANGER})
        self.assertEqual(page.status_code, 200)
        self.assertFalse(Call.objects.exists())
        html = page.content.decode()
        self.assertIn(ASKED, html)
        with translation.override("zh-hans"):
            self.assertIn(escape(place_question()), html)
        self.assertIn('name="place_asked" value="1"', html)
        place = re.search(r'<input[^>]*id="id_place"[^>]*>', html)
        assert place is not None
        self.assertIn("autofocus", place.group(0))
        self.assertIn('<details class="card" id="caller-details" open>', html)
        # Saved again as it is: taken, and its order asks for the place.
        data = {k: v for k, v in page.context["form"].data.items()}
        again = self.client.post(reverse("servicedesk:intake"), data)
        order = WorkOrder.objects.get()
        self.assertRedirects(again, order.get_absolute_url())
        self.assertIn(zh(NOT_KNOWN), order.description)  # stored in the station's language

    def test_with_no_number_typed_the_cursor_still_goes_to_the_place(self) -> None:
        # A call with no number shown: only the place asked for takes the cursor, not the empty
        # number field (the browser focuses the first field marked autofocus).
        page = post_intake(self.client, {"caller_number": "", "text": DANGER})
        html = page.content.decode()
        self.assertIn(ASKED, html)
        self.assertEqual(html.count("autofocus"), 1)
        place = re.search(r'<input[^>]*id="id_place"[^>]*>', html)
        assert place is not None
        self.assertIn("autofocus", place.group(0))

    def test_a_hazard_with_a_place_typed_chosen_or_named_saves_at_once(self) -> None:
        for n, extra in enumerate(
            [
                {"place": "学校门口"},
                {"village": str(self.village.pk)},
                {"text": "哔叭支线3号杆那里电线断了掉在路上"},
                {"text": "左门村口电线断了掉在路上"},
            ]
        ):
            with self.subTest(extra=extra):
                number = f"1390000111{n}"  # four callers, not one ringing again
                response = post_intake(
                    self.client, {"caller_number": number, "text": DANGER, **extra}
                )
                self.assertEqual(response.status_code, 302, extra)
        self.assertEqual(WorkOrder.objects.count(), 4)

    def test_a_known_household_s_call_is_placed_by_its_home(self) -> None:
        response = post_intake(self.client, {"caller_number": "0878-1234567", "text": DANGER})
        self.assertEqual(response.status_code, 302)

    def test_an_unknown_caller_s_fault_call_with_no_place_is_asked_once(self) -> None:
        # Walkthrough: "家里没电了" from a number no household is known by became an order with
        # no place, and a crew was offered for it.
        fault = {"caller_number": "13900001111", "text": "家里停电了", "category": "fault_repair"}
        page = post_intake(self.client, fault)
        self.assertEqual(page.status_code, 200)
        self.assertIn(ASKED, page.content.decode())
        self.assertFalse(Call.objects.exists())
        data = {k: v for k, v in page.context["form"].data.items()}
        again = self.client.post(reverse("servicedesk:intake"), data)
        order = WorkOrder.objects.get()
        self.assertRedirects(again, order.get_absolute_url())
        self.assertIn(zh(NOT_KNOWN), order.description)
        # With a village chosen, or from a known household's number, it saves at once.
        placed = post_intake(self.client, {**fault, "village": str(self.village.pk)})
        self.assertEqual(placed.status_code, 302)
        known = post_intake(self.client, {**fault, "caller_number": "0878-1234567"})
        self.assertEqual(known.status_code, 302)

    def test_other_calls_are_never_asked(self) -> None:
        response = post_intake(
            self.client,
            {"caller_number": "13900001111", "text": "电费怎么交", "category": "billing"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(ASKED, response.content.decode())


class OrderCallLineTests(BaseTestCase):
    def test_a_call_with_no_caller_named_has_no_bare_separator(self) -> None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="电杆歪了",
            category="hazard",
            village=self.village,
        )
        call = taken.call
        line = render_to_string("servicedesk/_order_call.html", {"c": call}).strip()
        # (The urgent badge says why, "紧急：电杆倾斜或倒杆": the separator looked for is the
        # caller's, before the words.)
        self.assertNotIn("：电杆歪了", line)
        self.assertIn('data-testid="call-urgent"', line)
        self.assertTrue(line.endswith("> 电杆歪了"), line)
        call.caller_number = "13900001111"
        line = render_to_string("servicedesk/_order_call.html", {"c": call}).strip()
        self.assertRegex(line, r"13900001111：<span[^>]*>[^<]*</span> 电杆歪了")

    def test_a_joined_call_s_history_line_stored_without_a_caller_has_no_bare_separator(
        self,
    ) -> None:
        shown = note_shown("call_joined", {"who": "", "text": "还是没电"}, "：还是没电")
        self.assertEqual(shown, "还是没电")
