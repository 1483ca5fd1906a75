"""The rules mended from the misses of two more hands (the North China plain; southern Yunnan —
development data), tested here in other words than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings


class TwelfthRoundRulesTests(SimpleTestCase):
    def test_praise_with_a_danger_back_today_is_urgent(self) -> None:
        for note in (
            "表扬一下上个月来的王师傅，对了，今天那个电箱又在冒火星，还是派他来吧",
            "多谢你们去年帮忙，这回村东那根杆子又开始斜了，麻烦再来一趟",
            "感谢上回把线抬高，今天早上又有一根线被收割机挂下来了",
            "谢谢你们上次换的表箱，今天下大雨又淹了，里面滋滋响，再来看看吧",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).urgent)

    def test_dangers_said_in_other_ways(self) -> None:
        for note, kind in (
            ("配电房的铁门这会儿是开着的，锁被人撬了", "person or animal near live equipment"),
            (
                "学校旁边那个变压器，围栏坏了个口子，刚才三个孩子在里头踢球",
                "person or animal near live equipment",
            ),
            ("院子里晾衣服的铁架子，我闺女摸上去有点麻", "person or animal near live equipment"),
            ("特别是桥头那根电杆，今天斜得厉害了", "pole leaning or fallen"),
            ("换下来的旧杆子还靠在我家房子上，上面挂着线", "pole leaning or fallen"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)

    def test_a_medical_need_with_thanks_and_an_outage_to_come(self) -> None:
        note = "谢谢上次那么快就来了。明天计划停电，我爸还在用呼吸机，能不能帮忙想想办法"
        self.assertTrue(findings(note).medical)
        self.assertTrue(findings(note).urgent)

    def test_calm_notes_stay_calm(self) -> None:
        for note in (
            # a danger over, or past and dealt with
            "电表烧了有股糊味，已经不冒烟了，明天来换就行",
            "去年柴房着火的事，火早就灭了，就是赔偿到现在还没下来",
            "以前那根线被风刮断停过三天电，那几天的电费能不能少算",
            "上次倒杆你们一个礼拜才来，现在修好了，但我还是要投诉",
            "谢谢你们，昨天大风把杆子刮倒，连夜立了新杆，现在没事了",
            "我妈在电线底下捡柴火那回，是你们师傅喊住的，我们家现在还记得",
            # not a power line
            "修路的把我家的电话线挖断了",
            "施工队把宽带的网线扯断了，也不打声招呼",
            # animals, not patients
            "鸡舍停电了风机不转，几千只鸡喘得厉害",
            # a fear, not a child there now
            "变压器那里的围墙建议修高点，怕以后娃娃翻进去",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_is_not_a_prohibition_or_a_denial(self) -> None:
        # "特别" is not "别", "是不是" is a question, not "不是"
        self.assertIn("pole leaning or fallen", findings("特别是路口那根杆子，歪得很").dangers)
        self.assertNotIn("arcing or sparks", findings("插座那里是不是打火了？").dangers)
        self.assertIn("arcing or sparks", findings("插座那里是不是打火了？").spoken_of)

    def test_calls_that_went_nowhere(self) -> None:
        for note in (
            "5号 5号",
            "小孩抢过电话说我要找妈妈（无业务）",
            "来电只听到有人在吵架的声音，回拨没人接",
            "我就是试一下这个号码通不通",
            "[语音转文字] 啊 嗯 哦",
            "推销保健品的，挂了",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_calls_about_something_stay(self) -> None:
        for note in (
            "你们值班电话怎么一直没人接",
            "你们的人听不懂我的话，我说了三遍",
            "小孩拿手机报修，说家里没电了",
            "你们接电话能不能讲慢一点，老人家听不清",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))
