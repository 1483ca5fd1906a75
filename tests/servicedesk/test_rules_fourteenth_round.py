"""The rules mended from the misses of two more hands (the North China plain; the lake plains of
the middle Yangtze — development data), tested here in other words than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import findings, is_urgent


class FourteenthRoundRulesTests(SimpleTestCase):
    def test_dangers_said_in_other_ways(self) -> None:
        for note, kind in (
            # a branch brushing a line in the wind
            ("大风刮得竹子来回蹭着线，一蹭一冒火", "tree or object on a line"),
            # bare copper shining, and a cable cut by thieves
            ("配电箱门没了，里头的铜线亮闪闪地露着，娃们放学从那过", "line down or low"),
            ("桥头那段电缆昨夜被人割了，断头搭在护栏上", "line down or low"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)
                self.assertTrue(is_urgent(note))

    def test_oxygen_breathed_with_the_power_off(self) -> None:
        self.assertTrue(findings("老爷子正插着氧呢，一下子没电了，机器不转了").medical)
        self.assertTrue(findings("俺爹吸着氧，这会儿停电了，恁快来").medical)

    def test_an_urgent_call_sent_fast_is_not_a_story_of_the_past(self) -> None:
        # "那天" begins the story and someone keeps watch; "速派" asks for help now.
        note = "那天大风刮倒的两根杆子到现在没人扶，线落在麦地里，已叫人看着，速派人来"
        self.assertTrue(is_urgent(note))

    def test_a_danger_of_yesterday_is_still_there_unless_said_mended(self) -> None:
        # Yesterday's or the day before's danger is most often still there: "来修" asks for it.
        for note in (
            "昨晚风把村口电杆吹歪了，你们来修一下",
            "前天打雷以后变压器一直冒烟，师傅来看过",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note))

    def test_calm_notes_stay_calm(self) -> None:
        for note in (
            # looked and saw nothing: "没见哪", a pole "也不歪"
            "俺沿着线走了一趟，没见哪打火，就是没电",
            "电杆也不歪，线也好好的，就是一直不来电",
            # a guess at where, or a look asked for
            "估计是哪段线断了，我们这一片都黑了，麻烦查一下",
            "开春了，你们能不能派人查查哪的线低了，我们要种树苗",
            # a sign's words, a question
            "建议在变压器围栏上挂个'有电危险'的牌子",
            "表箱上有没有电，我想刷个漆",
            # told of a day past, with the crew's coming
            "那天下冰雹杆子倒了，你们的人半夜就赶到了，全组都念着你们好",
            # something that once happened, told as such
            "以前我们村有人私接电线被电打过，这回想正规申请临时用电",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note))

    def test_calls_that_went_nowhere(self) -> None:
        for note in (
            "我找王主任，他不在啊，那我打他手机吧",
            "我闺女的电话怎么打到这儿来了",
            "(来电人未说话，十秒后挂断)",
            "您好我是某某理财公司的客户经理",
            "嗯那个啥那个啥，算了",
            "喂，是汽车站吧，哦不是，我要打的是汽车站",
            "问一下后天会不会下雨",
            "方言听不清，重复拨打两次均无内容",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_the_station_s_business_beside_another_service(self) -> None:
        self.assertFalse(is_junk("能不能在码头渡口加一台变压器"))
        self.assertFalse(is_junk("电工他不在啊，我们这停电了"))
