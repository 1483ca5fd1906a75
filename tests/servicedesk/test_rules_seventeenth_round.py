"""The rules mended from the misses of two more hands (north-east Chongqing's Three Gorges
counties; the Hetao and Yinchuan irrigated plains — development data), tested here in other words
than the hands'."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings, is_urgent


class DangersSaidAnotherWayTests(SimpleTestCase):
    def test_a_pole_rotten_at_its_foot_or_swaying_when_pushed_is_a_danger(self) -> None:
        for note in (
            "村头那根木杆子根部烂了，风一吹就响",
            "学校门口的杆子底下都烂完了，娃娃天天从下面过",
            "坡上那根杆子我用手一推它就晃，线也跟着晃",
        ):
            with self.subTest(note):
                self.assertIn("pole leaning or fallen", findings(note).dangers)
                self.assertTrue(is_urgent(note, "suggestion"))

    def test_a_line_so_low_people_must_stoop_is_a_danger(self) -> None:
        note = "晒场边上那根线低到开三轮都要低头，差点刮到人"
        self.assertIn("line down or low", findings(note).dangers)

    def test_an_airway_clearance_vest_is_a_medical_need(self) -> None:
        note = "停电一下午了，我爸用的排痰背心用不了，咳得厉害"
        self.assertTrue(findings(note).medical)
        self.assertTrue(is_urgent(note, "complaint"))


class NoDangerTests(SimpleTestCase):
    def test_words_that_only_look_like_a_danger(self) -> None:
        for note in (
            # a low-voltage pole to be moved: not a pole pressed on
            "我家院子里有根低压电杆，想申请移到路边，费用怎么算",
            # "携带电卡": bring the card
            "充值没到账，已告知客户携带电卡到营业厅核对",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())
                self.assertFalse(is_urgent(note, "business"))

    def test_a_danger_asked_about_inside_its_own_words_is_no_report(self) -> None:
        note = "打雷下雨的时候开关箱会不会进水？我们要不要自己盖一下"
        self.assertEqual(findings(note).dangers, ())
        self.assertFalse(is_urgent(note, "consultation"))


class DealtWithSinceTests(SimpleTestCase):
    def test_a_danger_of_a_time_past_told_as_dealt_with_is_calm(self) -> None:
        for note in (
            "去年那次大水把配电房淹了，早就好了，今天就是想问问那次的损失有没有说法",
            "上次孩子的风筝挂在电线上，你们来帮忙取下来了，还跟孩子讲了道理",
            "前年冰灾断线那次你们冒着雪上山来修好的，我们村里到现在都还在说",
            "前年屋里漏电把猫电死了，后来请你们来修好了，现在一直好好的，想问问平时怎么检查",
            "去年那回变压器着火停了三天，可那个月电费跟平时一样多，麻烦查一下",
            "上个月你们的人说我家表箱打火，后来再来一看说是看错了，害我们白担心",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note))

    def test_an_outage_still_going_or_help_still_wanted_stays_urgent(self) -> None:
        for note in (
            # "停了两个钟头了": still off
            "表箱着火停了两个钟头了还没人来",
            "停电停了三个小时了，家里老人一直吸着氧，快来",
            # help asked for, not yet given
            "请你们快点来修，门口的线断了掉在地上",
            # remembered once, then a danger again today
            "去年那回断线大家到现在都还在说，今天门口的线又断了",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note))


class WentNowhereTests(SimpleTestCase):
    def test_calls_that_went_nowhere_said_another_way_are_junk(self) -> None:
        from powerdesk.servicedesk.understanding.junk import is_junk

        for note in (
            "嘻嘻 嘿嘿嘿",
            "喂 我找我家幺儿 他电话打不通",
            "我找李会计 不是这里啊 打扰了",
            "有人不 嗯 算了",
            "那个 我还是问一下别人吧",
            "(娃娃声音)奶奶这个咋个关",
            "我找张老四，他不在？",
            "你们这里招不招工，我会开挖机",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_a_call_about_power_stays_a_call(self) -> None:
        from powerdesk.servicedesk.understanding.junk import is_junk

        for note in (
            "有人不小心把电线碰断了",
            "电费的事我问了别人也说不清，你们查一下",
            "我找村长说停电的事，他不在？那你们先派人来看看",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))


class LiveDangerStaysUrgentTests(SimpleTestCase):
    """What a review of this round's words found they must not turn calm."""

    def test_words_of_a_time_past_do_not_cover_a_danger_there_now(self) -> None:
        for note in (
            # an outage's length in a duty note is no danger over
            "客户称当时听到一声响，门口的线断了掉在地上，停了两个小时",
            "之前大风把线刮断了，停了两天，线吊在路边没人收",
            # taking it down asked for or wanted, not done
            "前几天一根竹竿搭在高压线上，打火花，你们能不能来拿下来",
            "上次风筝挂在线上，娃想用竹竿取下来，线在打火花",
            # the desk's own opening "刚才来电称"
            "客户刚才来电称，好在没人经过，门口电线断了掉在路上",
            # a mistake disputed; "早就好了" reported or asked
            "之前报过一次，你们的人来说我看错了，那根杆子明明歪得厉害，风一吹就晃",
            "之前断线报过修，不是说早就好了吗？线还吊在路上",
            # a fear said before a fact
            "这杆子会不会倒哦，歪得厉害",
            "配电房会不会被淹，水已经漫到门口了",
            # a repair of last year named as the thing leaning now; "this time"
            "去年麻烦你们来修好了的那根杆子，歪得厉害",
            "谢谢你们上回请师傅来换好了表箱，这回杆子歪得厉害",
            # nobody has said a word since: no remembering
            "之前报的杆子歪了，到现在都没个说法，也不见人来修",
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note))

    def test_mud_at_a_pole_or_a_question_of_height_is_no_danger(self) -> None:
        for note in (
            "电杆下面那段路烂得很，车子过不去",
            "杆子底下都是烂泥，师傅来抄表不好走",
            "想问一下电线低到多少米算不合规",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())
