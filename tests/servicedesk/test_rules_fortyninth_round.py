"""The forty-ninth round: a machine a life needs that "stopped" is failing, not denied.

The English note "the ventilator stopped, no power" was not urgent: the word after the machine
("stopped") was read as denying it, as "sparks? stopped" denies sparks. A machine said to have
stopped, stopped working, gone off, died, not to start or to have cut out is now a machine failing,
a medical need, whether the power is said off or not (``english_machine.fails_after``); "died" said
of a machine is no one's death. "Stopped" denies the need only where the machine is no longer used
("she stopped using the oxygen machine last year", "he no longer needs the ventilator";
``english_machine.use_given_up``), and in Chinese where its use is given up ("已经不用制氧机了",
``medical_none.use_over``), not where the power stops it ("呼吸机没电停了"). The notes are our own,
written for these tests; no evaluation note was read."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.detector import vetoed
from powerdesk.servicedesk.understanding.english import reading
from powerdesk.servicedesk.understanding.urgency import findings

FAILING = (
    "the ventilator stopped, no power",
    "the ventilator stopped working",
    "no power. the oxygen machine stopped",
    "power went off and the ventilator stopped",
    "the oxygen concentrator has stopped",
    "dad's ventilator stopped, the battery is flat",
    "mum's oxygen concentrator just died, please come",
    "the concentrator died, power is out",
    "the dialysis machine went off twice this morning",
    "grandma's oxygen machine won't start since the lights went",
    "the ventilator keeps cutting out",
    "ventilator cut out, lights flickering",
    "the cpap stopped in the night when the power dropped",
)
GIVEN_UP = (
    "she stopped using the oxygen machine last year, asking about the bill",
    "he no longer needs the ventilator, we want to close the account",
    "grandpa stopped using oxygen in spring, can we change the tariff",
    "mum doesn't use the concentrator any more",
    "the oxygen concentrator is no longer used, please change the name on the account",
    "已经不用制氧机了",
    "我妈已经不用制氧机了，想改个户名",
    "呼吸机早就不用了，问下电费",
)


class AMachineThatStoppedIsANeedTests(SimpleTestCase):
    def test_a_machine_said_stopped_died_or_cut_out_is_urgent(self) -> None:
        for note in FAILING:
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical, found)
                self.assertTrue(found.urgent, found)
                self.assertFalse(found.need_ended, found)
                self.assertTrue(reading(note).outage_told)

    def test_a_machine_failing_silences_no_detector(self) -> None:
        for note in FAILING:
            with self.subTest(note):
                self.assertFalse(vetoed(findings(note), "fault_repair"))

    def test_the_chinese_shapes_of_a_machine_that_stopped_stay_urgent(self) -> None:
        for note in (
            "呼吸机停了",
            "呼吸机不转了",
            "没电了呼吸机停了",
            "呼吸机没电停了",
            "停电了，制氧机用不了",
            "制氧机不能用了，没电",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent, findings(note))


class StoppedDeniesOnlyAMachineGivenUpTests(SimpleTestCase):
    def test_a_machine_no_longer_used_is_no_need(self) -> None:
        for note in GIVEN_UP:
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical, found)
                self.assertFalse(found.urgent, found)
                self.assertTrue(found.need_ended, found)
                self.assertTrue(vetoed(found, "fault_repair"))

    def test_near_misses_a_machine_stopped_by_the_power_or_taken_up_again_is_a_need(
        self,
    ) -> None:
        for note in (
            "had to stop using the ventilator when the power went",
            "the outage stopped the ventilator, come quickly",
            "mum stopped using the oxygen machine because the power is off, please hurry",
            "she stopped using the concentrator last year but the ventilator stopped just now",
            "已经不用制氧机了，这两天又用上了，停电了",
            "制氧机不能用了，停电了",
            "家里老人用呼吸机，已经停电两个小时了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical, found)
                self.assertTrue(found.urgent, found)

    def test_stopped_still_denies_a_danger(self) -> None:
        for note in (
            "the sparks stopped, the power is still off",
            "smoke has stopped, lights are back",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent, findings(note))

    def test_a_person_who_died_still_ends_the_need_and_a_machine_that_died_does_not(
        self,
    ) -> None:
        ended = findings("grandpa passed away, the oxygen concentrator can be taken back")
        self.assertTrue(ended.need_ended, ended)
        self.assertFalse(ended.urgent, ended)
        failed = findings("grandpa's oxygen concentrator died")
        self.assertFalse(failed.need_ended, failed)
        self.assertTrue(failed.urgent, failed)
