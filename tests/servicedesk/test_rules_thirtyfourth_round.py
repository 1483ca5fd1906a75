"""The rules widened in the thirty-fourth round: a clerk's note that opens with a place (and who
called from it) and then what they asked ("李家村问…") is a question as "请问…" is; the town 火花
named without 镇 (紫云火花, 火花小学, 去火花的路上) is no spark, sparks said with their verb still are;
and dangers and medical needs as duty clerks of other rural regions write them — the north-east
(呲花, 贼低, 叫电打, 让电电着, 瘫炕上), the north-west (趄, 倒哈了, 电把人打了), Guangxi's
Cantonese and Hakka (冧, 电亲, 燶味, 入水, 火烛, BB 喺保温箱, 分电电着) and Hunan's and Jiangxi's
(断哩, 掉嘞, 跶哒, 触哒电). Each danger beside its denial, and praise for it past where it may be
said; the notes are our own, written for these tests."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.urgency import findings
from tests.servicedesk.rules_cases import RulesCase


class PlaceAsksTests(RulesCase):
    def test_a_place_then_a_question_reads_as_a_question(self) -> None:
        self.assert_calm(
            "李家村问电费怎么交",
            "李家村问电热水器漏电怎么判断",
            "10:20 王家寨 问插座冒火花怎么判断",
            "马家湾张大爷问呼吸机用户停电有没有优先",
            "上屯村村民咨询透析病人停电有什么办法",
            "黄泥塘村 王某某 来电问家里有制氧机停电能不能提前通知",
            "紫云火花 问电杆要立在自家地头 有莫得补偿",
            "册亨双江 客户问呼吸机用户停电有没有优先",
            "罗甸边外 问电热水器漏电怎么判断",
        )

    def test_a_present_danger_or_need_told_in_it_is_urgent(self) -> None:
        self.assert_urgent(
            "李家村问，门口电线断了，怎么办",
            "李家村问 家里老人用制氧机 现在停电了怎么办",
            "李家村张大爷问 老伴瘫在床上 停电两个钟头了 什么时候来电",
            "王家村 电线断了 问什么时候来修",
            # an outage's time asked: one is coming, and the household must plan now
            "石门坎 问停电时间 家里有透析病人 能不能提前通知",
        )

    def test_a_danger_before_the_place_is_no_opening_question(self) -> None:
        self.assert_urgent(
            "电线断在王家村 问咋办",
            "李家村门口电线断了 用户问咋办",
            "着火了 问咋办",
            "王家村 电线断了 问咋办",
            "老人在吸氧 问啥时候来电",
        )


class HuohuaTests(RulesCase):
    def test_the_town_named_without_zhen_is_no_spark(self) -> None:
        self.assert_calm(
            "紫云火花 停电",
            "紫云火花 户主问电费",
            "火花 线路跳闸",
            "火花小学 没电",
            "火花三组 王某 没电",
            "住在火花 停电两天了",
            "去火花的路上 停电了",
        )

    def test_sparks_said_with_their_verb_are_urgent_in_the_town_too(self) -> None:
        self.assert_urgent(
            "紫云火花镇 插座冒火花",
            "紫云火花 开关有火花",
            "火花街上 插座打火花",
            "表箱里有火花",
            "火花四溅",
            "看到火花",
            "插座火花很大",
            "电线杆上火花",
        )

    def test_sparks_denied_or_praised_past_are_calm(self) -> None:
        self.assert_calm(
            "紫云火花 没有火花 就是没电",
            "上回表箱冒火花 你们连夜来换了 谢谢",
        )


class NorthEastTests(RulesCase):
    def test_dangers_said_the_north_east_s_way_are_urgent(self) -> None:
        self.assert_urgent(
            "插座直呲花 吓死人了",
            "高压线贼低 拖拉机都过不去",
            "俺家牛叫电打死了 就在电线杆子底下",
            "俺家小子让电电着了 手都黑了",
            "电线上挂的冰溜子老粗了 线都坠下来了",
            "线跟房檐子搭上了 一下雨就冒蓝火",
        )

    def test_a_bedridden_old_woman_on_the_kang_is_a_need(self) -> None:
        self.assert_urgent("老太太瘫炕上了 家里没电 吸不上氧")

    def test_denied_fireworks_or_praised_past_is_calm(self) -> None:
        self.assert_calm(
            "插座没呲花 就是没电",
            "过年孩子放呲花 能不能在变压器边上放",
            "电线不低 就是电压低",
            "叫电工来看看表",
            "啥时候给电到我们村",
            "争取让电到每家每户",
            "充电器接触到电源就跳闸",
            "早年间有人在那个山沟里让电打死过 那沟里现在还有线吗",
            "上回线跟房檐子搭上了 你们来挪开了 谢谢",
        )


class NorthWestTests(RulesCase):
    def test_dangers_said_the_north_west_s_way_are_urgent(self) -> None:
        self.assert_urgent(
            "庄子里电杆趄了 往路上趄着呢",
            "电杆倒哈了 压到羊圈上了",
            "线掉哈了 在渠里呢",
            "电把人打了 人在地上躺着呢",
            "电打人咧 那个铁门",
            "线搭拉到地上了",
        )

    def test_denied_a_stumble_or_praised_past_is_calm(self) -> None:
        self.assert_calm(
            "电杆没趄 好好的",
            "人走路趔趄了一下 跟电没关系",
            "电把灯泡烧了 换个灯泡就好",
            "上回电杆趄了 你们来扶正了 谢谢",
        )


class GuangxiCantoneseAndHakkaTests(RulesCase):
    def test_dangers_said_in_cantonese_or_hakka_are_urgent(self) -> None:
        self.assert_urgent(
            "棵树冧落条线度 条线好低咗",
            "我阿爸俾电电亲 手仲麻",
            "线甩咗落嚟 喺田度",
            "有阵燶味 电箱度",
            "个电箱入咗水",
            "屋企火烛啊 电线烧着",
            "佢分电电着 倒喺地下",
        )
        self.assertIn("tree or object on a line", findings("棵树冧落条线度").dangers)

    def test_a_baby_in_the_incubator_without_power_is_a_need(self) -> None:
        self.assert_urgent("BB喺保温箱 停咗电")

    def test_denied_or_a_slogan_is_calm(self) -> None:
        self.assert_calm(
            "冇燶味 就系冇电",
            "小心火烛 宣传单收到了",
            "BB满月 想办过户",
            "冧咗棵树 冇压到线",
            "树倒了 没压到线",
        )


class HunanAndJiangxiTests(RulesCase):
    def test_dangers_said_with_xiang_or_gan_particles_are_urgent(self) -> None:
        self.assert_urgent(
            "电线断哩 在路上",
            "线掉嘞 在田里",
            "电杆跶哒",
            "细伢子触哒电 现在还没醒",
        )

    def test_denied_or_praised_past_is_calm(self) -> None:
        self.assert_calm(
            "细伢子冇触电 就是吓哒",
            "电线冇断哩 就是冇电",
            "上回电杆跶哒 你们连夜扶起来哒 谢谢",
            "断啦 电话断啦",
        )
