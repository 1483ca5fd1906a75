"""The rules mended from the misses of four more hands (Guizhou's mountains; Hainan's rural
counties; the Jiaodong peninsula and central Shandong; the Wuling mountains of Enshi and Xiangxi
— development data), tested here in other words than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings, is_urgent


class PutRightSinceTests(SimpleTestCase):
    """A danger put right since, and a grievance about something else still undone."""

    def test_a_past_danger_put_right_and_a_grievance_still_open_is_calm(self) -> None:
        for note in (
            # the pole was set up again; the wall it broke is what is still undone
            "上个月那根杆子倒在我家菜地里，你们后来扶起来了，可菜地到现在也没人管",
            # the line was joined again; the fence is still down
            "前几天门口断的那根线你们来接好了，走的时候把我家鸡圈踩坏了，至今没人来赔",
            # the box that caught fire was replaced; the hole in the wall is not mended
            "着火的那个表箱你们是换了，墙上打的洞至今没人补",
            # "到现在才" says it was done at last
            "去年大风刮歪的杆子到现在才换好，拖了大半年，我要反映一下效率问题",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note))

    def test_a_danger_come_back_after_it_was_put_right_is_urgent(self) -> None:
        self.assertTrue(is_urgent("上回线断了你们接好了，今天早上又断了，掉在路边"))
        # put right, then "还在冒烟" said of now
        self.assertTrue(is_urgent("表箱换好了，可现在后面那根线还在冒烟"))

    def test_a_repair_not_done_is_no_repair(self) -> None:
        for note in (
            "上次那根线断了，到现在还没接好，还耷拉在路上",
            # denied further back in its clause; asked about
            "上次电杆倒了，一直没有安排师傅过来修好",
            "着火的那根线修好没有，我们不敢出门",
            "打火的那个表箱你们换了吗",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note))

    def test_a_danger_still_there_after_something_was_put_right_is_urgent(self) -> None:
        for note in (
            "去年冒火的表箱你们换了，至今还在冒火花",
            "上次线断了你们接好了，可是杆子还没扶，歪在路边",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note))

    def test_just_now_is_now(self) -> None:
        # "那会儿" after an errand is a moment ago
        self.assertTrue(is_urgent("我出门那会儿看到电线掉在地上，一直在打火，村里断了电"))

    def test_a_danger_denied_is_not_help_wanted(self) -> None:
        self.assertFalse(
            is_urgent(
                "上个月塌方压断了线，修好以后没人回访，我不是说现在有什么危险，就是想要个回话"
            )
        )

    def test_it_turns_out_is_no_time_past(self) -> None:
        # "原来还有电": it turns out, now
        self.assertTrue(is_urgent("工程队换完杆走了，地上那截旧线原来还有电，碰到水滋滋响"))


class MedicalNeedInGeneralTests(SimpleTestCase):
    def test_a_list_of_households_with_machines_asked_for_is_no_need_now(self) -> None:
        for note in (
            "建议你们把村里卧床的老人登记一下，每次停电之前先打个电话",
            "我们组有个瘫痪的老人，停电前能不能先通知他家",
            "每回停电卫生室的疫苗都要冰箱冷藏，建议给卫生室配台发电机",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).medical)

    def test_a_machine_and_an_outage_now_is_a_need(self) -> None:
        self.assertTrue(findings("每回停电都慌，这回又停了，我爸用着制氧机").medical)
        self.assertTrue(findings("家里娃晚上要用监护的机器，现在停电了").medical)
        # "一到家" is no "each time"
        self.assertTrue(findings("老人瘫痪在床，我一到家就发现停电了").medical)

    def test_oxygen_in_a_pond_is_no_oxygen_for_a_patient(self) -> None:
        self.assertFalse(findings("鱼塘停电了，水里有氧气也撑不了多久，增氧机得赶紧转").medical)


class DutyWordsTests(SimpleTestCase):
    def test_a_line_or_pole_down_listed_after_a_denial_is_denied(self) -> None:
        for note in (
            "工单：客户反映全组停电，现场无倒杆断线，请尽快处理",
            "组长说他沿线走了一趟，没看到断线倒杆，估计是开关跳了",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())

    def test_a_wire_that_tingles_is_a_danger(self) -> None:
        self.assertIn(
            "person or animal near live equipment",
            findings("院坝边电杆的拉线摸起有点麻，羊碰到就跳").dangers,
        )
        self.assertEqual(findings("拉线上绑了个麻袋，风一吹响").dangers, ())


class CallsThatWentNowhereTests(SimpleTestCase):
    def test_calls_that_went_nowhere(self) -> None:
        for note in (
            "（号码未显示，接通即断）",
            "群里误发：明天八点村部开会",
            "（苗话，听不懂，回拨关机）",
            "喂，我找我家老二，他在不在",
            "喂 你好 我想问一下 那个 算了算了",
            "你们收不收旧家电？哦不是啊，那打扰了",
            "问去县城的客车几点（非电力业务，已告知）",
            "孩子问有没有玩具卖",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_words_of_the_station_keep_a_call(self) -> None:
        for note in (
            "老人听不懂普通话，能不能用本地话讲停电通知",
            "值班的听不懂我说话，电费的事还没说清",
            "孩子问电线底下能不能放风筝",
            # an account's meters, a computer burnt by the supply
            "帮我看看户头下面怎么挂了三块表，是不是登记错了",
            "电忽有忽无，跟闹着玩一样，家里电视都烧坏了",
            # a relative sought who was hurt by the power
            "我找我爸，他刚才被电到了，倒在地上不动",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))
