"""The rules mended from the misses of two more hands (Guangxi's hills and coast; the Yangtze
delta's water towns, much of it in written Wu — development data), tested here in other words
than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.urgency import as_mandarin, findings, is_urgent


class WrittenWuTests(SimpleTestCase):
    def test_wu_is_read_as_mandarin(self) -> None:
        self.assertEqual(as_mandarin("侬快点来，勿要拖"), "你快点来，不要拖")
        self.assertEqual(as_mandarin("阿拉屋里向今朝断脱了"), "我们家里今天断了")
        self.assertEqual(as_mandarin("伐晓得啥辰光来电"), "不晓得啥时候来电")
        self.assertEqual(as_mandarin("墙浪向个电表箱覅去碰"), "墙上个电表箱不要去碰")

    def test_written_mandarin_is_left_alone(self) -> None:
        # "请勿" is written Mandarin's prohibition; "伊春", "伊犁" are places.
        for note in (
            "请勿靠近变压器",
            "已告知客户勿自行处理",
            "伊春那边停电了",
            "阿拉善左旗停电了",
            "线皮脱了",
        ):
            with self.subTest(note):
                self.assertEqual(as_mandarin(note), note)

    def test_a_danger_denied_in_wu_is_not_urgent(self) -> None:
        self.assertFalse(findings("阿拉电表箱倒是勿冒烟，就是没电了").urgent)
        self.assertTrue(findings("阿拉门口电线落下来了，侬快点来").urgent)

    def test_a_story_in_wu_of_a_time_past(self) -> None:
        note = "好多年前村里电缆断脱过一趟，现在想问问要勿要买台发电机备着"
        self.assertFalse(findings(note).urgent)


class ThirteenthRoundRulesTests(SimpleTestCase):
    def test_dangers_said_in_other_ways(self) -> None:
        for note, kind in (
            ("村口那根杆刚才被拉砖的货车撞歪了", "pole leaning or fallen"),
            ("电杆顶上的瓷瓶掉下来了，线搭在横担上", "pole leaning or fallen"),
            ("横担断了，半边线吊着", "pole leaning or fallen"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)

    def test_calm_notes_stay_calm(self) -> None:
        for note in (
            # a fuse dropped is no line down
            "估计是我们这条支线的保险掉了，全队都没电",
            "线上的跌落开关掉了一相，灯忽明忽暗",
            # a tree cut away
            "压在线上那棵树已经被村里砍掉了，就是还没来电",
            # past, dealt with, nobody hurt
            "前两年大风把我们的表箱吹倒过，人没事，后来换了新的，现在想加个表",
            "上回配电房冒烟，你们半个钟头就到了，没伤到人，村里到现在还讲",
            # a smell found to be something else
            "有股烧焦的味道，原来是邻居在烧秸秆，跟电没关系，就是停电了",
            # a patient's need over: power back, the story told to complain
            "上周停了一整天电，我爸的制氧机用不了，现在已经来电了，但我要投诉你们",
            # thanks for a lesson, its advice retold
            "谢谢你们来村小讲课，孩子回家说看到电线掉地上要躲远",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_a_hazard_call_names_something_of_power(self) -> None:
        # The model's hazard call alone does not make a note urgent that names nothing of power,
        # equipment, a danger or a need.
        self.assertFalse(is_urgent("小朋友说我是奥特曼，打怪兽", "hazard"))
        self.assertTrue(is_urgent("铁架子上趴着个娃，下不来", "hazard"))


class ThirteenthRoundJunkTests(SimpleTestCase):
    def test_calls_that_went_nowhere(self) -> None:
        for note in (
            "（小孩的声音）爸爸爸爸，我会打电话了",
            "小朋友：喂喂，我是喜羊羊",
            "喂……（咳嗽）……算了",
            "有人吗 有人吗（挂）",
            "我是做贷款的，了解一下吗（推销，已挂）",
            "你好，系咪牛腩粉店？我订两碗",
            "是不是人民医院？我挂个号……打错了",
            "背景只有电视机声音，无人应答",
            "转人工",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(as_mandarin(note)))
                self.assertFalse(findings(note).urgent)

    def test_calls_about_something_are_not_junk(self) -> None:
        for note in (
            "户主过世了，联系人改成我，原来的号码是空号",
            "老人咳嗽得厉害，家里制氧机不转了",
            "小孩说表箱那里有声音，你们来看看",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(as_mandarin(note)))


class WuOutageCallTests(SimpleTestCase):
    def test_an_outage_said_in_wu_reads_as_an_outage(self) -> None:
        # "断脱电了" is the power cut ("断电了"), not a line broken.
        self.assertEqual(
            as_mandarin("阿拉屋里向今朝断脱电了，侬快点来"), "我们家里今天断电了，你快点来"
        )
        self.assertFalse(findings("阿拉屋里向今朝断脱电了，侬快点来").urgent)
