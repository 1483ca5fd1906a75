"""A call bringing a new urgent reason to a job urgent already tells the crew which reason is
new: "【…】【紧急：医疗需要、放电打火、停电（N 户）】工单 … 新增紧急情况：放电打火" — the job's
every reason still in the tag, the new one after the number (fix41a's leftover: the text named
every reason, none as the new one). A call naming only a reason the job had (a second house with
an oxygen machine) is told as another urgent call, not as a new reason. The history line, the
crew's notice and, when no text could go, the line saying so are worded for the case each
records (not "now urgent")."""

from __future__ import annotations

from django.utils import translation

from powerdesk.customers.models import Customer
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.notifications.reach import households_below_count
from powerdesk.notifications.texts import TWO_SMS, render
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Notification, WorkOrder
from powerdesk.servicedesk.repeats import crew_not_told_at_intake
from powerdesk.servicedesk.safety import DANGER_LABELS
from powerdesk.servicedesk.urgent_why import outage_why
from tests.base import BaseTestCase, zh
from tests.outage_cast_sent import outage_sent
from tests.servicedesk.crew_cast import add_crews, neighbour

CREW_PHONE = "+8613700001111"
STATION = "光禄供电所"
MEDICAL = "停电了，家里老人用制氧机，快没电了"
SPARKS = "还是没电，门口电线在打火，冒火花"
MEDICAL_TOO = "我家也停电了，老人要吸氧，制氧机停了"


def sparks() -> str:
    with translation.override("zh-hans"):
        return str(DANGER_LABELS["arcing or sparks"])


class _OutageJob(BaseTestCase):
    """An outage's own order, urgent from its start, sent to the crew before anyone called."""

    phone = CREW_PHONE

    def setUp(self) -> None:
        add_crews(self)
        self.crew.phone = self.phone
        self.crew.leader = None
        self.crew.save(update_fields=["phone", "leader"])
        self.outage, (self.order,) = outage_sent(self)
        self.first = neighbour(self)
        self.third = Customer.objects.create(
            station=self.station_a,
            account_number="53250000066",
            name="李三",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )

    def call(self, customer: Customer, text: str) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,
            caller_number="13812345678",
            text=text,
            category="fault_repair",
            urgent=True,
            join_outage=self.outage,
        )

    def texts(self) -> list[str]:
        return [
            render(d)
            for d in Delivery.objects.filter(
                channel=Channel.SMS, address=CREW_PHONE, template="crew_made_urgent"
            ).order_by("pk")
        ]

    def why(self, *reasons: str) -> str:
        with translation.override("zh-hans"):
            outage = outage_why(households_below_count(self.fuse))
        return zh("、").join([*reasons, outage])


class NewReasonNamedTests(_OutageJob):
    def head(self, msgid: str, why: str, new: str) -> str:
        return zh(msgid) % {
            "station": STATION,
            "why": why,
            "number": self.order.number,
            "new": new,
        }

    def test_the_text_says_which_reason_is_new_with_every_one_in_the_tag(self) -> None:
        added = "[%(station)s][URGENT: %(why)s] New urgent reason on job %(number)s: %(new)s"
        self.call(self.first, MEDICAL)
        (first,) = self.texts()
        self.assertTrue(
            first.startswith(self.head(added, self.why(zh("medical need")), zh("medical need"))),
            first,
        )
        self.call(self.customer, SPARKS)
        second = self.texts()[-1]
        # The tag: the medical need, the sparks and the outage; the new one: the sparks alone.
        head = self.head(added, self.why(zh("medical need"), sparks()), sparks())
        self.assertTrue(second.startswith(head), second)
        self.assertNotIn(zh("medical need"), second[second.index(self.order.number) :])
        # Within the length of an urgent crew text (two parts), its on-site time and number kept.
        for text in (first, second):
            self.assertLessEqual(len(text), TWO_SMS, text)
            self.assertIn("138 1234 5678", text)
        # The order's history: a new reason told each time, never "now urgent".
        order = WorkOrder.objects.get(pk=self.order.pk)
        codes = list(order.events.values_list("note_code", flat=True))
        self.assertEqual(codes.count("crew_told_urgent_added"), 2)
        self.assertNotIn("crew_told_urgent", codes)
        # The crew's notice in PowerDesk names the new reason only.
        notices = Notification.objects.filter(recipient=self.member, key__startswith="urgent:")
        last = notices.order_by("-pk").first()
        assert last is not None
        with translation.override("zh-hans"):
            said = zh("New urgent reason on job %(number)s: %(why)s") % {
                "number": self.order.number,
                "why": str(DANGER_LABELS["arcing or sparks"]),
            }
        self.assertEqual(last.text, said)

    def test_a_reason_the_job_had_is_told_as_another_urgent_call(self) -> None:
        self.call(self.first, MEDICAL)
        self.call(self.third, MEDICAL_TOO)
        _first, second = self.texts()
        again = "[%(station)s][URGENT: %(why)s] Another urgent call on job %(number)s: %(new)s"
        head = self.head(again, self.why(zh("medical need")), zh("medical need"))
        self.assertTrue(second.startswith(head), second)
        self.assertIn(self.third.account_number, second)  # which house: the caller's
        self.assertNotIn(zh("New urgent reason on job %(number)s") % {"number": ""}, second)
        order = WorkOrder.objects.get(pk=self.order.pk)
        (line,) = order.events.filter(note_code="crew_told_urgent_again")
        with translation.override("zh-hans"):
            self.assertEqual(
                line.shown_note,
                zh("%(crew)s told by text message of another urgent call on the order")
                % {"crew": self.crew.name},
            )


class NotTextedTests(_OutageJob):
    """The crew has no number that takes texts: the history says what was not told."""

    phone = ""

    def test_a_new_reason_not_texted_is_said_as_a_new_reason(self) -> None:
        self.call(self.first, MEDICAL)
        self.assertEqual(self.texts(), [])
        order = WorkOrder.objects.get(pk=self.order.pk)
        (line,) = order.events.filter(note_code="crew_not_told_urgent_added")
        self.assertFalse(order.events.filter(note_code="crew_not_told_urgent").exists())
        with translation.override("zh-hans"):
            text = line.shown_note
            self.assertEqual(
                text,
                zh(
                    "No text message to %(crew)s of a new urgent reason on the order (no number "
                    "that takes it): ring the crew"
                )
                % {"crew": self.crew.name},
            )
            now = zh(
                "No text message to %(crew)s that the order is now urgent (no number that "
                "takes it): ring the crew"
            ) % {"crew": self.crew.name}
            self.assertNotEqual(text, now)
        # The clerk who took the call is told at intake, as for a job turned urgent.
        call = order.calls.latest("received_at")
        self.assertIn(self.crew.name, crew_not_told_at_intake(order, call))
