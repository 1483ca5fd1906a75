"""A caller whose lights are dim or flickering, or whose voltage is low, has power: the call is no
"no power" signal, and a caller saying the power is on at their place is the engine's
``call_on`` (walkthrough 37, #21: one call "电压有点低，灯一闪一闪的" 13 minutes after a restore put
a 22-household outage on the board, and a neighbour's "我家有电" did not take it off). A real
no-power call still counts. Checked on the live path: the call taken as the desk takes it, the
engine's step, the board's rows."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import SimpleTestCase
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.outages.board import board_rows
from powerdesk.outages.desk_signals import no_power_in, power_on_in, power_said_on
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import PredictedOutage, Signal, SignalType
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.outages.said_on import READ_CHARS
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.fuse_areas import FuseAreasTestCase
from tests.outage_cast import fault_declare


class PowerOnWordsTests(FuseAreasTestCase):
    def test_the_words(self) -> None:
        for text in (
            "上午修好以后现在电压有点低，灯一闪一闪的",
            "我家有电，就是想问一下电费",
            "电压不稳，灯忽明忽暗",
            "灯很暗，电饭锅煮不熟",
            "已经来电了，谢谢",
            "没有停电，就是电压低",
        ):
            with self.subTest(text=text):
                self.assertTrue(power_on_in(text))
                self.assertIsNot(no_power_in(text), True)
        for text in (
            "家里停电了",
            "还没来电，家里老人要用制氧机",
            "灯一闪一闪，然后就停电了",
            "我家没电了，邻居家都有电",
            "邻居家有电，我家灯都不亮",
            "到现在还没有来电",
            "电一直没来",
        ):
            with self.subTest(text=text):
                self.assertFalse(power_on_in(text))
                self.assertIs(no_power_in(text), True)
        for text in ("现在有电吗", "表箱上有电线掉下来", "想问一下电费", "邻居家有电"):
            with self.subTest(text=text):
                self.assertFalse(power_on_in(text))


class PowerOnCallsOnTheBoardTests(FuseAreasTestCase):
    def setUp(self) -> None:
        """The fuse blew two hours ago (half its last gasps, six calls); staff confirmed the
        engine's prediction and restored it; no meter sent power back (as in the walkthrough:
        the meters below stay unheard since the restore)."""
        self.now = timezone.now()
        self.blown(self.now - dt.timedelta(hours=2))
        self.live = LiveStation(self.station_a)
        self.live.step()
        prediction = PredictedOutage.objects.get(station=self.station_a)
        self.assertEqual(prediction.device, self.fuse)
        outage = prediction_confirm(prediction=prediction, user=self.chief)
        self.live.step()
        self.restored_at = self.now - dt.timedelta(minutes=13)
        with time_machine.travel(self.restored_at, tick=False):
            outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.live.step()
        self.assertEqual(board_rows(self.station_a), [])
        # Those who called about the outage are left out: a new caller, and a neighbour.
        self.caller = self.households[2]
        self.neighbour = self.households[4]

    def take(self, customer: Customer, text: str, category: str) -> None:
        call_take(
            station=self.station_a,
            user=self.clerk,
            customer=customer,
            text=text,
            category=category,
        )
        self.live.step()

    def rows_over(self, customer: Customer) -> list[str]:
        from powerdesk.outages.predicted import devices_above

        assert customer.transformer is not None
        above = devices_above(customer.transformer)
        return [
            str(row.device)
            for row in board_rows(self.station_a)
            if row.device is not None and row.device.pk in above
        ]

    def test_a_flickering_lights_call_after_the_restore_puts_nothing_on_the_board(self) -> None:
        self.take(self.caller, "上午修好以后现在电压有点低，灯一闪一闪的", "fault_repair")
        self.assertEqual(self.rows_over(self.caller), [])
        self.assertFalse(Signal.objects.filter(type=SignalType.CALL, customer=self.caller))
        # Nor a sign the power is on: dim lights may be one phase lost above (a fault).
        self.assertFalse(Signal.objects.filter(type=SignalType.CALL_ON, customer=self.caller))

    def test_power_said_on_outright_after_the_restore_is_heard_as_on(self) -> None:
        self.take(self.caller, "修好以后来电了，现在家里有电，灯有点暗", "fault_repair")
        self.assertEqual(self.rows_over(self.caller), [])
        self.assertTrue(Signal.objects.filter(type=SignalType.CALL_ON, customer=self.caller))

    def test_a_real_no_power_call_after_the_restore_still_counts(self) -> None:
        self.take(self.caller, "修好以后又停电了，家里一点电都没有", "fault_repair")
        self.assertTrue(Signal.objects.filter(type=SignalType.CALL, customer=self.caller))
        self.assertNotEqual(self.rows_over(self.caller), [])

    def test_a_neighbour_saying_they_have_power_takes_the_prediction_off(self) -> None:
        self.take(self.caller, "修好以后又停电了，家里一点电都没有", "fault_repair")
        self.assertNotEqual(self.rows_over(self.neighbour), [])  # (the same transformer area)
        self.take(self.neighbour, "我家有电，就是想问一下电费", "billing")
        said_on = Signal.objects.get(type=SignalType.CALL_ON, customer=self.neighbour)
        self.assertEqual(said_on.source, "intake")
        # Nothing above the neighbour is out: only the caller's own service may remain.
        self.assertEqual(self.rows_over(self.neighbour), [])


class PowerOnWordsReviewTests(SimpleTestCase):
    """review37, 1: power back then off again is off; a danger's live wire is not the home's."""

    def test_on_then_off_again_is_off(self) -> None:
        for text in ("电来了又停了", "送电了又跳了", "刚才有电，现在又没了", "来电了，电又停了"):
            with self.subTest(text):
                self.assertFalse(power_on_in(text))
                self.assertIs(no_power_in(text), True)

    def test_a_live_wire_or_sparks_are_not_power_at_home(self) -> None:
        for text in ("门口有电火花", "电线断了还有电", "杆子上有电弧"):
            with self.subTest(text):
                self.assertFalse(power_on_in(text))

    def test_a_bill_not_paid_again_is_not_power_off(self) -> None:
        self.assertFalse(bool(no_power_in("电费又没交上，怎么办")))


class PowerSaidOnEnglishTests(SimpleTestCase):
    """review38, 10: an English note saying the caller has power is read as one, with the same
    guards as the Chinese words: not asked, not denied, not a neighbour's, not off again."""

    def test_said_on_in_english(self) -> None:
        for text in (
            "the power is back",
            "The power is back now, thanks",
            "we have power now",
            "power is on",
            "lights are back",
            "The lights came back on an hour ago",
            "no power this morning, but the power is back now",
        ):
            with self.subTest(text):
                self.assertTrue(power_said_on(text))
                self.assertTrue(power_on_in(text))

    def test_not_said_on_in_english(self) -> None:
        for text in (
            "is the power back?",
            "is the power back",
            "when will the power be back",
            "has the power come back",
            "the power is not back",
            "power isn't back yet",
            "we don't have power",
            "the neighbours have power, we don't",
            "the wire on the ground still has power",
            "power was back but went off again",
            "the power is back, then off again",
            "we have power outage since noon",
            # review39, M3: a fault said in the plural, on and off, back and dark again.
            "We have power problems since this morning",
            "we have power cuts every day in the village",
            "We have power outages again",
            "we have power failures",
            "We still have power issues",
            "we've got power trouble",
            "The lights are on and off all day",
            "power is on and off since the storm",
            "Lights came back for a minute then dark again",
        ):
            with self.subTest(text):
                self.assertFalse(power_said_on(text))
                self.assertFalse(power_on_in(text))


class PowerOutagesSaidInEnglishTests(BaseTestCase):
    """review39, M3: "We have power outages again" under a recorded outage is a fault call like
    any other: it joins the outage, and tells the engine no power is on at the caller's."""

    def test_the_call_joins_the_outage_and_is_no_sign_of_power_on(self) -> None:
        outage = fault_declare(self, self.fuse, began=30)
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="0878-1234567",  # 普光荣's, below the fuse
            text="We have power outages again",
            category="fault_repair",
            join_outage=outage,
        )
        assert taken.work_order is not None
        self.assertIn(taken.work_order, outage.link.work_orders.all())
        self.assertFalse(Signal.objects.filter(type=SignalType.CALL_ON).exists())
        assert taken.signal is not None
        self.assertEqual(taken.signal.type, SignalType.CALL)  # no power at the caller's


class ReadCharsTests(SimpleTestCase):
    """review39, N2: each word of power on is read with its clause, so a long note cost its
    length squared (42,000 characters, 18 s). The first ``READ_CHARS`` characters are read, as
    much as the intake's longest note."""

    def test_only_the_first_read_chars_are_read(self) -> None:
        for filler, said in (("x ", "the power is back"), ("啊，", "我家有电")):
            head = filler * (READ_CHARS // len(filler))
            with self.subTest(said):
                self.assertTrue(power_said_on(head[: READ_CHARS - 40] + " " + said))
                self.assertTrue(power_on_in(head[: READ_CHARS - 40] + " " + said))
                self.assertFalse(power_said_on(head + said))
                self.assertFalse(power_on_in(head + said))
                self.assertIs(no_power_in(head + "停电了"), None)
                self.assertIs(no_power_in(head[: READ_CHARS - 40] + "停电了"), True)
