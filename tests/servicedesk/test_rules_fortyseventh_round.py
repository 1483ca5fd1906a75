"""The forty-seventh round: the misses known on main, as general rules, each with its near misses.

A box transformer knocked over ("箱变倒了", "箱式变压器倒在地上") was no danger or a pole fallen: it
is the transformer fallen, with its own advice (oil, live parts), and said in English too ("the
transformer fell off the pole"), where no shape of it was. A suggestion about outages to come
("建议以后停电 先别停有病人的户") was read as an outage now with a patient, and a note that says
the machine is working ("老人瘫在床上，气垫床好好的") as a machine in use with nothing asked: both
urgent, both calm. The notes are our own; no evaluation note was read."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.safety import safety_advice
from powerdesk.servicedesk.understanding.classifier import Suggestion
from powerdesk.servicedesk.understanding.urgency import findings

FALLEN = "equipment fallen"
POLE = "pole leaning or fallen"


def _advised(note: str) -> list[str]:
    found = findings(note)
    suggestion = Suggestion(category="hazard", urgent=True, confidence=1.0, dangers=found.dangers)
    return [advice.kind for advice in safety_advice(suggestion)]


class TransformerKnockedOverTests(SimpleTestCase):
    def test_a_transformer_knocked_over_is_the_transformer_fallen_not_a_pole(self) -> None:
        for note in (
            "箱变倒了",
            "村口那个箱式变压器倒在地上了",
            "三组的箱变被车撞倒了 快来人",
            "台变倒下来了，油流了一地",
            "黑罐子倒在田里",
            "变压器滚下坎了",
            "箱变叫大水冲倒了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertEqual(found.dangers, (FALLEN,))
                self.assertTrue(found.urgent)
                self.assertEqual(_advised(note), [FALLEN])

    def test_near_misses_stay_calm_or_stay_a_pole(self) -> None:
        for note in (
            "箱变没倒 就是没电了",
            "变压器倒是好的 就是电压低",
            "变压器的跌落保险倒了 没电",
            "明天变压器倒闸操作 要停电吗",
        ):
            with self.subTest(note):
                self.assertNotIn(FALLEN, findings(note).dangers)
                self.assertNotIn(POLE, findings(note).dangers)
        # what stands beside it fell, or it leans: a pole's danger, not a transformer fallen
        for note in ("箱变旁边的电杆倒了", "电杆被车撞倒了", "变压器歪了"):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, (POLE,))


class TransformerFallenInEnglishTests(SimpleTestCase):
    def test_a_transformer_fallen_said_in_english_is_urgent_with_its_advice(self) -> None:
        for note in (
            "the transformer fell off the pole",
            "box transformer was knocked over by a truck, oil on the road",
            "there is a fallen transformer by the school",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertEqual(found.dangers, (FALLEN,))
                self.assertTrue(found.urgent)
                self.assertEqual(_advised(note), [FALLEN])

    def test_denied_feared_past_or_a_fuse_is_no_transformer_fallen(self) -> None:
        for note in (
            "the transformer has not fallen, it is just humming",
            "afraid the transformer will fall in this wind",
            "the transformer fuse fell out, no power",
            "last week the transformer fell, you fixed it fast, thanks",
            "the transformer is leaning a bit",
        ):
            with self.subTest(note):
                self.assertNotIn(FALLEN, findings(note).dangers)
                self.assertFalse(findings(note).urgent)


class OutagesToComeTests(SimpleTestCase):
    def test_an_idea_about_outages_to_come_with_a_patient_is_calm(self) -> None:
        for note in (
            "建议以后停电 先别停有病人的户",
            "今后停电要提前说 家里有制氧机",
            "以后停电先通知一声，我妈用呼吸机",
            "希望以后停电的时候 照顾下用呼吸机的人家",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical)
                self.assertFalse(found.urgent)

    def test_an_outage_after_an_event_or_at_an_hour_is_still_now(self) -> None:
        for note in (
            "回家以后停电了，我爸的制氧机用不了",
            "10点以后停电了 老人吸着氧",
            "建议你们快点来 停电了 老人吸着氧",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)


class MachineSaidWorkingTests(SimpleTestCase):
    def test_a_machine_said_working_with_no_outage_is_calm(self) -> None:
        for note in (
            "我妈瘫在床上，气垫床好好的",
            "停了一下又来了，气垫床好好的",
            "老人瘫床上，气垫床没事，就是问下电费",
            "家里制氧机正常 想问下峰谷电价",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical)
                self.assertFalse(found.urgent)

    def test_a_machine_in_use_failing_or_with_the_power_off_is_still_a_need(self) -> None:
        for note in (
            "家里老人用着制氧机，快点来",
            "制氧机好好的突然就停了，快来",
            "家里停电了，制氧机好好的，有电池",
            "气垫床好好的 就是又没电了",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)
