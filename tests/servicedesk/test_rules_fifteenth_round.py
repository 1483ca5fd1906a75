"""The rules mended from the misses of two more hands (the Huaibei and northern Jiangsu plains;
the farming valleys of eastern Qinghai and southern Gansu — development data), tested here in
other words than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings, is_urgent


class FifteenthRoundRulesTests(SimpleTestCase):
    def test_dangers_and_needs_said_in_other_ways(self) -> None:
        self.assertIn(
            "line down or low", findings("巷子里那根线都擦着俺家窗户了，娃一伸手就够着").dangers
        )
        self.assertTrue(findings("我妈用的打氧机子停了，屋里没电了").medical)
        self.assertTrue(findings("停电了，老汉憋得直喘，家里那个吸氧的也没法用").medical)

    def test_calm_notes_stay_calm(self) -> None:
        for note in (
            # a film on television is no arcing
            "电压忽高忽低，晚上放电影一样闪",
            # not seen, not smelt
            "我出去看了，没见着冒烟，也没闻着焦味，就是整个组没电",
            # a pole pressing on a ditch is no line down
            "电线杆子压着俺家地头的排水沟，能不能挪一挪",
            # nearly, and did not
            "去年汛期河水差一点淹到配电箱，今年能不能垫高些",
            # the news of elsewhere
            "新闻上说有电动车充电着火的，俺们楼道里能不能装个充电桩",
            # a danger told of last time, the crew came and all is well now
            "杆子上次歪了，你们来扶正了，现在好好的，想问问迁表的事",
            # someone hurried, and it was done
            "上回娃爬台架，多亏你们师傅赶紧把他抱下来了，今天专门打电话谢谢",
            # a call to 12345 after an outage is no shock
            "停电打了12345，等了半天没人来，你们两边能不能通个气",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note))

    def test_a_hurry_asked_for_is_still_a_call_for_help(self) -> None:
        self.assertTrue(is_urgent("上次修好的那根杆子又歪了，赶紧来人看看"))

    def test_calls_that_went_nowhere(self) -> None:
        for note in (
            "喂，恁是三舅不",
            "请问是火车站吗，明天去兰州的票还有没有",
            "问一下你们收不收废纸箱",
            "你们是不是卖化肥的？不是啊，好",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_an_outage_not_explained_is_no_call_gone_nowhere(self) -> None:
        self.assertFalse(is_junk("说好三点来电，现在还是黑的，打电话也说不清楚"))
