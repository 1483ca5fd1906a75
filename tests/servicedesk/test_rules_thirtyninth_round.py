"""The rules of the thirty-ninth round, from notes of our own written as the duty staff of a
mountain station write them (dialect, terse, long, two matters): a danger said in dialect or a
medical need said indirectly stays urgent, and beside it what stays calm: a burning said in its
sentence to be a hearth's or nothing of power ("火星子是打铁铺那边的，跟电没关系", "后来发现是灶头
烧的"); a danger of a time past put right ("你们半夜就来了", "早就换新的了"); a machine whose user
has died ("人已经走了"). Widened: "机器要用电，现在停了" is the power off now. The notes are our
own, written for these tests; no evaluation note was read."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.urgency import findings
from tests.servicedesk.rules_cases import RulesCase


class DangerInDialectTests(RulesCase):
    def test_a_danger_said_in_dialect_is_urgent(self) -> None:
        self.assert_urgent(
            "石板村三组 电杆歪起了 朝公路那边歪 车子要过",
            "线子掉下来了，搭在牛圈上头",
            "后山变压器冒火星子了 村民不敢过去",
            "户号0532118 张家屋头表箱起火了 快来",
            "杆子遭水冲歪起了，线子都快挨到地了",
            "线子吊起好矮，伸手就摸得到",
            "停电了，另外跟你讲，村口电杆歪起了，好危险",
            "谢谢你们上个月来换表，今天早上村口线子掉下来了",
            "电费的事情先不说了，我们屋头插座冒火星子，烧黑了",
        )

    def test_denied_or_asked_about_is_calm(self) -> None:
        self.assert_calm(
            "表箱没有冒火星子，就是没电，帮忙看看",
            "电杆没歪，线子也没掉，就是整组莫得电",
            "我问一下，电杆歪起了的话应该打哪个电话",
        )


class NotOfPowerTests(RulesCase):
    def test_a_burning_said_after_to_be_a_hearths_is_calm(self) -> None:
        self.assert_calm(
            "火星子是打铁铺那边的，跟电没关系",
            "没有起火，只是闻到点烧焦的味道，后来发现是灶头烧的",
        )

    def test_a_burning_of_power_is_still_urgent(self) -> None:
        self.assert_urgent(
            "表箱冒火星子，不是灶头的，是表箱里头",
            "灶台边的插座冒火星，快来",
            "电线杆上头起火了，跟电有关系没得我不晓得，快来",
            "表箱冒火星子往下掉，下面堆的是柴火，快来",
            # (review39, M1: where the thing of power is, or what it runs over, is no saying
            # whose the burning is; nor is a question or a guess)
            "插座冒烟了，是灶台后面那个插座",
            "插座冒烟了，是灶台 后面那个插座",
            "表箱冒烟着火，是炉子旁边那个表箱",
            "电线烧着了，是火塘上面拉的那根线",
            "电线冒火花了，是在烤火的那家旁边",
            "电线冒火花，是不是电焊引起的？",
            "变压器冒烟了，是不是烧柴火的烟？不像",
            "电杆旁边冒火，不知道是不是烧草引起的",
            "电线冒火花，是窑厂那根线",
            "线上冒火星子，是打铁铺那边的电线",
            "电表箱冒火花，是烟囱旁边的",
            "电线冒火花，跟电没关系吧？",
            "电线冒火花，不是电焊",
            "插座冒烟，不是电压的问题",
        )

    def test_a_burning_said_a_hearths_in_speech_is_calm(self) -> None:
        self.assert_calm(
            "屋头冒烟，问清楚了是火塘烧的，不是电的事",
            "冒烟的是我家炉子 不是电 就是想问电费",
            "着火了，是稻草垛，跟电没关系，想问问下个月电费",
            "烤烟房冒烟那是烧煤 不是电 想问下补贴",
        )


class PastPutRightTests(RulesCase):
    def test_a_danger_of_a_time_past_put_right_is_calm(self) -> None:
        self.assert_calm(
            "去年线子掉下来那回，你们半夜就来了",
            "以前那根电杆歪起的，早就换新的了",
            "上个月电杆歪起了，你们来扶正了，现在好好的",
            "表扬一下王师傅，那天线子掉下来他冒着雨来修，辛苦了",
        )

    def test_a_danger_come_again_is_urgent(self) -> None:
        self.assert_urgent(
            "去年线子掉下来那回你们半夜就来了，今天又掉下来了",
            "以前那根电杆换新的了，新的现在又歪起了",
            "以前那根电杆换新的了，现在电杆又歪起了",
            # (review39, N5: now said before the new one)
            "电杆换新的了，现在新的又歪起了",
        )


class MedicalIndirectTests(RulesCase):
    def test_a_need_said_indirectly_is_urgent(self) -> None:
        self.assert_urgent(
            "停电两个钟头了，我家老人靠机器呼吸，撑不了好久",
            "我爸每天在家透析，现在停电了",
            "黑起了 老人在打氧 机子停了",
            "莫得电了，我屋头老汉是靠氧气机过日子的",
            "病人在屋头躺着，机器要用电，现在停了",
            "停电了 老人肺不好 一天到黑打氧",
        )

    def test_a_machine_whose_user_has_died_is_calm(self) -> None:
        self.assert_calm(
            "我家老人以前用制氧机，人已经走了，想销户",
            "老伴去世了，呼吸机退回去了，电表户名要改",
        )

    def test_a_death_with_an_outage_now_and_a_patient_still_is_urgent(self) -> None:
        self.assert_urgent("隔壁老人去年去世了，现在我妈也在用制氧机，停电了快来")

    def test_gone_out_is_no_death_and_an_outage_begun_earlier_is_still_on(self) -> None:
        # (review39, M2: 走了 going on to where is gone out; "早上停的电" is an outage still on)
        for note in (
            "早上停的电，我妈用制氧机，我爸已经走了去镇上",
            "下午三点停的电，我爸在家用呼吸机，我妈走了去找人，他一个人",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical, findings(note))

    def test_a_need_not_at_home_or_past_is_calm(self) -> None:
        self.assert_calm(
            "我家老人在县医院透析，问一下下个月电费咋个交",
            "现在有电了，谢谢，老人的氧气机也开起了",
            "建议你们停电前先通知家里有病人打氧的",
        )
