"""A step that gives part of an outage's households power back says the same true count
everywhere (the dispatcher's message, the history, the webhook), tells the liaisons of the
villages whose power came back and the webhook, once, and asks the callers whose power came back
"is your power back?"; their answers settle or keep only their own order while the outage is
still open."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.community.models import Liaison, Village
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications import power_back_part
from powerdesk.notifications.models import Channel, Delivery, Event, Notice, SmsQuestion
from powerdesk.notifications.outage_notices import outage_facts
from powerdesk.notifications.power_back import notify_part_back
from powerdesk.notifications.sending import _message
from powerdesk.notifications.services import settings_for
from powerdesk.notifications.texts import render
from powerdesk.outages.history import outage_note_shown
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.restoration import outage_restore_part, step_words
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.models import WorkOrderStatus as S
from tests.base import make_user
from tests.outage_cast import DarkCastTestCase, caller_order, planned_in_progress

QIAN = "+8613900007777"  # 钱七's mobile, beside the fuse
# The queries one more liaison phone told of a step costs: its households still off, its places,
# its text (8.5 measured: 130 queries for one phone, 147 for three).
PHONE_QUERIES = 9


class StepCountsTests(DarkCastTestCase):
    """Planned work under way at the transformer below the fuse, a fault on the pole above: the
    step that closes the pole with 钱七's area still open gives the fuse's branch back to this
    outage, but the planned work keeps its three households dark; 赵八's area is back."""

    def setUp(self) -> None:
        super().setUp()
        self.planned = planned_in_progress(self)
        third = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T3",
            kind=NodeKind.TRANSFORMER,
            parent=self.pole,
            name="左门哔叭3号台区",
            village=self.village,
        )
        self.zhao = Customer.objects.create(
            station=self.station_a,
            account_number="53250000008",
            name="赵八",
            village=self.village,
            transformer=third,
        )
        CustomerPhone.objects.create(customer=self.zhao, number="+8613900008888")
        conf = settings_for(self.station_a)
        conf.webhook_url, conf.webhook_secret = "https://hooks.example.org/pd", "s3cret"
        conf.save()
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER)

    def test_the_message_the_history_and_the_webhook_count_only_those_with_power(self) -> None:
        outage = self.declare(self.pole)
        self.client.force_login(self.dispatcher)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "restore_part", "outage": outage.pk, "still_open": [self.area.code]},
            follow=True,
        )
        step = outage.restore_steps.get()
        self.assertEqual((step.back, step.held_planned, step.held_other, step.out), (1, 3, 0, 1))
        self.assertEqual(step.by, self.dispatcher)
        with translation.override("zh-hans"):
            said = step_words(step)
        self.assertContains(response, said)
        self.assertIn("1", said)
        self.assertIn("3", said)
        line = OutageEvent.objects.get(outage=outage, what="partly_restored")
        self.assertEqual(line.by, self.dispatcher)
        parts = line.note_args["parts"]
        self.assertEqual(parts[0]["args"]["back"], 1)
        self.assertEqual(parts[0]["args"]["out"], 1)
        self.assertEqual(parts[1], {"code": "held_planned", "args": {"n": 3}})
        # The webhook: a power_back_part event with the same counts.
        hook = Delivery.objects.get(channel=Channel.WEBHOOK, notice__event=Event.POWER_BACK_PART)
        payload: dict[str, Any] = _message(hook).payload or {}
        self.assertEqual(payload["event"], "power_back_part")
        self.assertEqual(payload["key"], f"power_back_part:{outage.pk}:{step.pk}")
        facts = payload["facts"]
        self.assertEqual(
            (facts["outage"], facts["step"], facts["back"], facts["held_planned"], facts["out"]),
            (outage.pk, step.pk, 1, 3, 1),
        )
        self.assertEqual(facts["still_open"], [self.area.code])
        # Only 赵八 is texted that power is back; those under the planned work are not.
        texted = set(
            Delivery.objects.filter(
                notice__key=f"power_back:{outage.pk}:{step.pk}", channel=Channel.SMS
            ).values_list("customer_id", flat=True)
        )
        self.assertEqual(texted, {self.zhao.pk})

    def test_a_step_with_nobody_held_says_it_as_before(self) -> None:
        outage = self.declare(self.pole)
        self.planned.delete()
        step = outage_restore_part(outage=outage, user=self.chief, still_open=[self.area])
        self.assertEqual((step.back, step.held_planned, step.held_other), (4, 0, 0))
        with translation.override("en"):
            self.assertEqual(step_words(step), "4 households have power back; 1 is still out.")


class StepTellsLiaisonsTests(DarkCastTestCase):
    """钱七 lives in 右门, the others in 左门 (its group 哔叭 below the fuse): a liaison for each
    village and the group's leader; the step closing the pole with the fuse still open gives 钱七
    power back."""

    def setUp(self) -> None:
        super().setUp()
        self.right = Village.objects.create(station=self.station_a, name="右门")
        self.qian.village = self.right
        self.qian.save(update_fields=["village"])
        self.left_liaison = Liaison.objects.create(
            station=self.station_a, village=self.village, name="左主任", phone="13900000101",
            role=Liaison.Role.DIRECTOR,
        )  # fmt: skip
        self.leader = Liaison.objects.create(
            station=self.station_a, village=self.village, group=self.group, name="哔叭组长",
            phone="13900000102", role=Liaison.Role.GROUP_LEADER,
        )  # fmt: skip
        self.right_liaison = Liaison.objects.create(
            station=self.station_a, village=self.right, name="右主任", phone="13900000103",
            role=Liaison.Role.DIRECTOR,
        )  # fmt: skip
        conf = settings_for(self.station_a)
        conf.webhook_url, conf.webhook_secret = "https://hooks.example.org/pd", "s3cret"
        conf.save()

    def to(self, liaison: Liaison) -> list[Delivery]:
        return list(
            Delivery.objects.filter(notice__event=Event.POWER_BACK, liaison=liaison).order_by("pk")
        )

    def test_the_liaison_of_the_village_back_is_told_once_and_not_again_at_the_restore(
        self,
    ) -> None:
        outage = self.declare(self.pole)
        step = outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        told = self.to(self.right_liaison)
        self.assertEqual(len(told), 1)
        facts = told[0].notice.facts
        self.assertEqual((facts["villages"], facts["households"]), (["右门"], 1))
        self.assertEqual(told[0].template, "power_back_village")
        self.assertIn("右门", render(told[0]))
        self.assertEqual(self.to(self.left_liaison) + self.to(self.leader), [])
        # The webhook hears the step once.
        hooks = Notice.objects.filter(event=Event.POWER_BACK_PART)
        self.assertEqual(hooks.count(), 1)
        # A retry (or a double send) tells nobody twice.
        notify_part_back(outage, step)
        self.assertEqual(len(self.to(self.right_liaison)), 1)
        self.assertEqual(hooks.count(), 1)
        self.assertEqual(Delivery.objects.filter(notice__in=hooks).count(), 1)
        # The restore tells 左门's liaison and the group's leader, not 右门's again.
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(len(self.to(self.right_liaison)), 1)
        self.assertEqual(len(self.to(self.left_liaison)), 1)
        self.assertEqual(len(self.to(self.leader)), 1)
        final = Notice.objects.get(key=f"power_back:{outage.pk}")
        self.assertEqual(final.facts["villages"], ["左门"])
        self.assertTrue(final.deliveries.filter(channel=Channel.WEBHOOK).exists())

    def step_queries(self) -> tuple[int, int]:
        """The queries of a step on the pole giving 右门 its power back, the planned work at the
        transformer still under way (another outage open: the texts name their part), and how
        many times the outage's facts were read for the liaisons' texts."""
        outage = self.declare(self.pole)
        with (
            mock.patch.object(power_back_part, "outage_facts", wraps=outage_facts) as facts,
            CaptureQueriesContext(connection) as done,
        ):
            outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        return len(done), facts.call_count

    def test_the_outage_s_facts_are_read_once_not_a_phone(self) -> None:
        # review39, N1: each liaison phone read the outage's facts again, its part's name
        # loading every element of the feeders when another outage is open.
        planned_in_progress(self)
        one, read_one = self.step_queries()
        for n in (4, 5):
            Liaison.objects.create(
                station=self.station_a, village=self.right, name=f"右委员{n}",
                phone=f"1390000010{n}", role=Liaison.Role.COMMITTEE_MEMBER,
            )  # fmt: skip
        three, read = self.step_queries()
        self.assertEqual(read, read_one)  # once for the liaisons' texts, however many
        # Two phones more cost their own texts' queries only.
        self.assertLessEqual(three - one, 2 * PHONE_QUERIES, (one, three))

    def test_one_text_a_phone_for_a_liaison_of_two_villages(self) -> None:
        Liaison.objects.create(
            station=self.station_a, village=self.right, name="左主任", phone="13900000101",
            role=Liaison.Role.COMMITTEE_MEMBER,
        )  # fmt: skip
        outage = self.declare(self.pole)
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.transformer])
        # 钱七 (右门) and nobody of 左门 with power back: the person of both villages once.
        told = Delivery.objects.filter(address="+8613900000101", notice__event=Event.POWER_BACK)
        self.assertEqual(told.count(), 1)
        self.assertEqual(told.get().notice.facts["villages"], ["右门"])

    def test_a_group_leader_is_told_the_group_s_counts_not_the_village_s(self) -> None:
        # 钱七 back in 左门 (no group), beside the fuse: the step closing the pole with 钱七's
        # area still open gives the group 哔叭 (all three below the fuse) its power back.
        self.qian.village = self.village
        self.qian.save(update_fields=["village"])
        outage = self.declare(self.pole)
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.area])
        (leader,) = self.to(self.leader)
        self.assertEqual(leader.notice.facts["villages"], ["左门"])
        # The group's three are back and none of the group is still off; 钱七 of the village
        # (not of the group) is counted only for the village's liaison.
        self.assertEqual(
            (leader.notice.facts["households"], leader.notice.facts["still_off"]), (3, 0)
        )
        (village,) = self.to(self.left_liaison)
        self.assertEqual(
            (village.notice.facts["households"], village.notice.facts["still_off"]), (3, 1)
        )


class StepAsksCallersTests(DarkCastTestCase):
    """The fault on the pole; 普光荣 (below the fuse) and 钱七 (beside it) called; the step closes
    the pole with the fuse still open: 钱七's power is back, 普光荣's is not."""

    def setUp(self) -> None:
        super().setUp()
        _token, self.key = token_create(station_id=self.station_a.pk, name="gateway")
        self.pu = caller_order(self)

    def qian_calls(self, outage: Outage | None = None) -> WorkOrder:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=QIAN,
            customer=self.qian,
            text="停电了",
            category="fault_repair",
            open_order=None if outage else True,
            join_outage=outage,
        )
        assert taken.work_order is not None
        return taken.work_order

    def text(self, text: str, message_id: str) -> Any:
        return self.client.post(
            "/api/v1/sms/inbound",
            data=json.dumps({"id": message_id, "from": QIAN, "text": text}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.key}",
        ).json()

    def step(self) -> Outage:
        self.own = self.qian_calls()
        outage = self.declare(self.pole, join_separate=True)
        self.assertTrue(outage_link(outage).work_orders.filter(pk=self.own.pk).exists())
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        return outage

    def test_only_the_callers_whose_power_is_back_are_asked_once(self) -> None:
        outage = self.step()
        self.assertEqual(
            list(SmsQuestion.objects.values_list("customer_id", flat=True)), [self.qian.pk]
        )
        asked = Delivery.objects.get(template="power_back_ask")
        self.assertEqual(asked.customer_id, self.qian.pk)
        self.assertIn("回复1", render(asked))
        # The restore asks 普光荣 now, not 钱七 again.
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        asked_of = Delivery.objects.filter(template="power_back_ask")
        self.assertEqual(sorted(asked_of.values_list("customer_id", flat=True)), sorted(
            [self.qian.pk, self.customer.pk]
        ))  # fmt: skip
        back = Delivery.objects.filter(address=QIAN, notice__event=Event.POWER_BACK)
        self.assertEqual(back.count(), 1)

    def test_yes_resolves_the_caller_s_own_order_and_leaves_the_outage_open(self) -> None:
        outage = self.step()
        answer = self.text("1", "gw-1")
        self.assertEqual(answer["intent"], "yes")
        self.own.refresh_from_db()
        self.assertEqual(self.own.status, S.CALLBACK_DONE)
        line = self.own.events.get(to_status=S.RESOLVED)
        self.assertEqual(line.note_code, "sms_power_back_step")
        self.assertIsNone(line.by)
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.ACTIVE)
        self.pu.refresh_from_db()
        self.assertTrue(self.pu.is_open)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.own.refresh_from_db()
        self.assertEqual(self.own.status, S.CALLBACK_DONE)

    def test_no_keeps_the_order_open_out_of_the_outage_and_says_so_on_the_board(self) -> None:
        outage = self.step()
        calls = Call.objects.count()
        answer = self.text("2", "gw-2")
        self.assertEqual(answer["intent"], "no")
        self.assertEqual(Call.objects.count(), calls + 1)
        self.own.refresh_from_db()
        self.assertTrue(self.own.is_open)
        self.assertFalse(outage_link(outage).work_orders.filter(pk=self.own.pk).exists())
        self.assertTrue(self.own.events.filter(note_code="sms_still_dark_step").exists())
        line = OutageEvent.objects.get(outage=outage, what="still_dark_said")
        self.assertEqual(line.note_args["customer"], self.qian.pk)
        self.assertEqual(line.note_args["number"], self.own.number)
        self.client.force_login(self.chief)
        board = self.client.get(reverse("outages:board"))
        self.assertContains(board, self.qian.account_number)
        # Sent twice by the gateway: taken once, answered once.
        self.text("2", "gw-2")
        self.assertEqual(Call.objects.count(), calls + 1)
        self.assertEqual(Delivery.objects.filter(notice__event=Event.SMS_REPLY).count(), 1)
        # The restore resolves 普光荣's order, not 钱七's: their house is still dark.
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.own.refresh_from_db()
        self.assertTrue(self.own.is_open)
        self.pu.refresh_from_db()
        self.assertEqual(self.pu.status, S.RESOLVED)

    def test_no_from_a_caller_on_the_outage_s_own_order_opens_one_of_their_own(self) -> None:
        outage = self.declare(self.pole, join_separate=True)
        shared = self.qian_calls(outage)
        self.assertEqual(outage_link(outage).order_id, shared.pk)
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        self.text("2", "gw-3")
        shared.refresh_from_db()
        self.assertTrue(shared.is_open)
        self.assertTrue(outage_link(outage).work_orders.filter(pk=shared.pk).exists())
        mine = WorkOrder.objects.exclude(pk=shared.pk).get(customer=self.qian)
        self.assertTrue(mine.is_open)
        self.assertFalse(outage_link(outage).work_orders.filter(pk=mine.pk).exists())
        # Opened apart from the outage, never in it: not said to be "taken out" of it.
        codes = set(mine.events.values_list("note_code", flat=True))
        self.assertIn("sms_still_dark_step_opened", codes)
        self.assertNotIn("sms_still_dark_step", codes)
        line = OutageEvent.objects.get(outage=outage, what="still_dark_said")
        self.assertEqual(line.note_args["number"], mine.number)

    def test_no_with_no_order_resulting_names_none_on_the_board(self) -> None:
        outage = self.declare(self.pole, join_separate=True)
        self.qian_calls(outage)
        outage_restore_part(outage=outage, user=self.chief, still_open=[self.fuse])
        # The telephone system logged the message's call already (another page, a retry).
        call_take(
            station=self.station_a,
            user=None,
            caller_number=QIAN,
            customer=self.qian,
            text="还是没电",
            category="fault_repair",
            cti_call_id="sms:gw-4",
            open_order=False,
        )
        self.text("2", "gw-4")
        line = OutageEvent.objects.get(outage=outage, what="still_dark_said")
        self.assertEqual(line.note_code, "still_dark_said_no_order")
        self.assertNotIn("number", line.note_args)
        self.assertEqual(line.note_args["customer"], self.qian.pk)
        with translation.override("en"):
            shown = outage_note_shown(line)
        self.assertTrue(shown.endswith("a fuse below"), shown)
