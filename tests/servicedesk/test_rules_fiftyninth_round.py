"""The fifty-ninth round (issue 18): a grievance said as a question that wants no answer; a line
left lying, said to be joined still in a clause after it.

- A caller who asks whether a thing is fair, whether anyone minds, by what right, whether one can
  live so, is not asking: the note tells a wrong (a complaint). ``cues.marks`` read such a
  question as any other ("Q", the mark that leans to a consultation); it is now a grievance
  ("G"), and a question it was the only one of no longer marks the note as asking. The kind was
  named from the sixth set's misses; the notes here are our own.
- A line left lying in a field or a yard, and in the next clause, its subject left unsaid, joined
  still to the pole or the box: a line down that is live (``subjects.with_subjects`` gives the
  clause its line). Not when the clause says it is not joined, or is cut.

The notes are our own, written for these tests; no evaluation note's wording was used.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.cues import marks
from tests.servicedesk.rules_cases import DeskCase, RulesCase

# Grievances said as a question that wants no answer, about many matters.
GRIEVANCES = (
    "三天两头跳闸，冰箱里的肉都臭了，还让不让人过",
    "抄表的每回都估个数，这样搞公平吗",
    "叫我们自己掏钱换表箱，凭什么",
    "报修五天了没人来，你们到底管不管",
    "停个电连通知都没有，讲不讲道理",
    "电压低得灯都点不亮，还有没有王法",
    "修个路灯拖了半个月，像话吗",
    "难道要等出了人命你们才来",
)
# Questions that want an answer, the same words of asking around them: who looks after a thing,
# whether to wait, what is reasonable to pay.
QUESTIONS = (
    "你们管不管路灯？",
    "光伏板被冰雹打坏了，这个你们管不管？",
    "交了一百块，表上还没变，是不是要等一会儿",
    "我想问一下电费怎么算的",
)


class GrievanceAskedTests(SimpleTestCase):
    def test_a_question_that_wants_no_answer_is_a_grievance_not_asking(self) -> None:
        for note in GRIEVANCES:
            with self.subTest(note):
                self.assertIn("G", marks(note))
                self.assertNotIn("Q", marks(note))

    def test_another_question_beside_it_still_asks(self) -> None:
        self.assertEqual(marks("这样收费公平吗？到底一度多少钱？"), "QG")

    def test_a_question_that_wants_an_answer_still_asks(self) -> None:
        for note in QUESTIONS:
            with self.subTest(note):
                self.assertEqual(marks(note), "Q")


# At the desk: grievances about a bill, a wait, a meter's reading, an errand, outages and a charge,
# each said as a question that wants no answer.
GRIEVANCES_AT_THE_DESK = (
    "电费一个月比一个月高，合理不",
    "装个表要等两个月，像话吗",
    "抄表的每回都估个数，这样搞公平吗",
    "过户跑了四趟还没办好，讲不讲道理",
    "三天两头停电，叫我们怎么活",
    "叫我们自己掏钱换表箱，凭什么",
)


class GrievanceAtTheDeskTests(DeskCase):
    def test_a_grievance_said_as_a_question_is_a_complaint_and_the_clerk_not_asked(self) -> None:
        self.assert_each(
            GRIEVANCES_AT_THE_DESK,
            lambda suggestion: suggestion.category == "complaint" and not suggestion.ask,
        )

    def test_a_question_that_wants_an_answer_is_no_complaint(self) -> None:
        self.assert_each(QUESTIONS, lambda suggestion: suggestion.category != "complaint")


# A line left lying, said joined still in a clause of its own.
LEFT_STILL_JOINED = (
    ("换表的师傅把拆下的旧线丢在菜地里，还连着杆子", "line down or low"),
    ("那截电线扔在田坎上，另一头还接在电杆上", "line down or low"),
    ("剪下来的进户线盘在院坝里，现在还连着表箱", "line down or low"),
    ("断掉的线落在苞谷地里，还连着", "line down or low"),
)
# …and not when it is said not to be joined, or cut, or when nothing lies anywhere.
LEFT_NOT_JOINED = (
    "把旧线扔在地里，没连着杆子",
    "旧线丢在田里，已经不连着了",
    "拆下的旧线堆在院坝里，早就剪断了",
    "新拉的线搭好了，还连着表箱",
    "废线头丢在田里",
)


class LineLeftStillJoinedTests(RulesCase):
    def test_a_line_left_lying_and_joined_still_is_a_danger_now(self) -> None:
        self.assert_dangers_now(LEFT_STILL_JOINED)

    def test_a_line_left_lying_not_joined_is_calm(self) -> None:
        self.assert_calm(*LEFT_NOT_JOINED)
