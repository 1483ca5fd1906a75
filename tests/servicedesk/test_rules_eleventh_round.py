"""The rules mended from the misses of two more hands (the north-west; the east's plains and
coasts — development data), tested here in other words than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings


class EleventhRoundRulesTests(SimpleTestCase):
    def test_dangers_said_in_other_ways(self) -> None:
        for note, kind in (
            ("村口那根电线又往下垂了一截", "line down or low"),
            ("线被货车刮了，现在垂到半人高", "line down or low"),
            ("吊车在干活，吊臂离高压线只有两米", "line down or low"),
            ("我们在屋顶上铺瓦，头顶就是电线", "line down or low"),
            ("变压器台架上有个孩子在爬", "person or animal near live equipment"),
            ("几个学生翻进去捡毽子，就在箱变旁边", "person or animal near live equipment"),
            (
                "有个娃娃爬上去了，到现在都不下来，就是配电房那个台子",
                "person or animal near live equipment",
            ),
            ("水龙头一摸就打手", "person or animal near live equipment"),
            ("刚才一摸电表箱的门有点麻", "person or animal near live equipment"),
            ("路边那根电杆被车撞过，今天看它往河里斜", "pole leaning or fallen"),
            ("河水涨上来了，快漫到那个配电柜子了", "flooding at equipment"),
            ("村口电杆前天被拖拉机挂了一下，今天一看歪得厉害", "pole leaning or fallen"),
            ("那根杆子底下泡了水 有点斜了", "pole leaning or fallen"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)

    def test_a_medical_need_said_in_other_ways(self) -> None:
        for note in (
            "我妈一直在用制氧机，是前年住院以后开始的，今天全组停了",
            "婆婆用的那个排痰的机器，停电了没法用",
            "冰箱里放着我爸每天打的那个药，停电三天了药会不会坏，到底什么时候来电",
            "老伴肝移植刚回家，欠费通知说后天停电",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)

    def test_praise_with_a_danger_there_now_is_urgent(self) -> None:
        for note in (
            "谢谢上次来换表的师傅，不过今天我又看到那根线掉下来了，在打谷场边上",
            "感谢你们修好了路灯，还有个事，今天一摸表箱外壳有点麻，越快越好",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_calm_notes_stay_calm(self) -> None:
        for note in (
            "我家房子离高压线只有几米，住着安不安全",
            "学校门口变压器的围栏能不能加高，就是怕以后孩子翻进去",
            "电线下雪天往下坠正常吗",
            "谢谢，今天早上来电了，那天电线打火你们来得真快",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_a_question_of_when_is_no_case_that_may_come(self) -> None:
        # Speech-to-text without punctuation: "什么时候来电" asks a time, it makes nothing else
        # a case that may come.
        note = "家里电线冒烟了我拉了闸你们什么时候来"
        self.assertIn("smoke", findings(note).dangers)
        self.assertFalse(findings("下雨的时候表箱冒烟怎么办").urgent)

    def test_more_calls_that_went_nowhere(self) -> None:
        for note in (
            "喂 喂 听不清 喂（断线）",
            "（对方在和家里人说话，与用电无关，未与值班员交谈，挂断）",
            "我闺女拿手机玩呢 不好意思",
            "手机放兜里按着了",
            "我找王会计 这不是村委会啊",
            "（只有拖拉机的声音）",
            "（来电静默，值班员询问两次，无人应答）",
            "喂 俺是…… 嘟嘟",
            "哪位啊",
            "【微信】[表情]",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))
        for note in (
            "那个接电话的把我电话挂了",
            "打95598信号不好打不通，所里有座机吗",
            "变电箱门开着，小孩在旁边玩",
            "电线断线了",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))
