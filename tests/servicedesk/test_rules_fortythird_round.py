"""The forty-third round: dangers and medical needs the rules missed, and calm notes they read as
dangers.

Notes written for the round (dialect, written Cantonese and Wu, speech-to-text, a danger told by
what is seen rather than named; a medical need said by a machine an old person cannot do without)
found calm readings of dangers to life now: a fence round a transformer stolen, cut or washed
away; a meter box's door gone with the wires out or children at it; a line near said with 离
first ("离导线近得很"); a bar or a ladder carried under a line ("上面就是高压线"); fishing under a
line; a pole fallen in Cantonese ("倒晒") or named in Wu or Cantonese ("电线木头", "电灯柱"); a
line drooped onto something ("耷在田坎上"); a line only a metre or two above the ground or the
water; a dead beast by a pole; the ground tingling; white smoke at equipment; a transformer's oil
seeping; a switch scorched; a socket hot said bare ("但是插座也烫"); water in a cable trench; a
cable dug up bare; a machine leant on ("靠那个机器") and a bad heart. And three calm notes read
as dangers: a flood past and the equipment raised since ("今年修高了"), the cause of a danger
asked in general ("一般是什么原因"), and a danger the caller is unsure of ("是不是歪了我也不清
楚"). The same words asked about, past and dealt with, or of something else stay calm. The notes
are our own; no evaluation note was read."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings


class DangersSaidOtherwiseAreUrgentTests(SimpleTestCase):
    dangers = {
        "变压器的防护栏被偷了，娃娃放学都从那里过": "person or animal near live equipment",
        "台变的围栏叫人偷去卖了，底下就是学校": "person or animal near live equipment",
        "我们寨子头那个变压器的铁丝网遭人剪了，羊都钻进去吃草了": "person or animal near live equipment",
        "变台的围栏被大水冲跑了，娃娃在边上耍": "person or animal near live equipment",
        "配电箱的门不晓得哪个拿走了，里面的开关都露起的": "person or animal near live equipment",
        "楼道里表箱的门掉了，线头吊在外面晃": "person or animal near live equipment",
        "那个井里的电缆露出来了，井盖也没了": "person or animal near live equipment",
        "变压器那里有个人躺着，叫不应": "person or animal near live equipment",
        "鸡死在电线杆旁边了，好几只": "person or animal near live equipment",
        "下雨以后路面有电，脚底下发麻": "person or animal near live equipment",
        "尕娃们在变压器台子上爬呢": "person or animal near live equipment",
        "村民在线路保护区内盖房子 离导线近得很 还在继续砌": "line down or low",
        "工人扛着钢管在楼顶上走，上面就是高压线": "line down or low",
        "高压线底下有几个后生在甩竿钓鱼": "line down or low",
        "有根线耷在田坎上，牛在旁边吃草": "line down or low",
        "线离水面只有一米多，船过不去": "line down or low",
        "田里掉了根线，我家牛在那边": "line down or low",
        "电线被拽得好低，是隔壁挂广告牌拉的": "line down or low",
        "线路那边两根线在打架，啪啪的": "line down or low",
        "电线杆上挂了好大一块塑料布，碰到线了": "tree or object on a line",
        "根电线杆倒晒喺路中间啊，你哋快啲嚟": "pole leaning or fallen",
        "电灯柱俾车撞歪咗，条线吊到好低": "pole leaning or fallen",
        "电线木头朝河里斜过去了，线绷得蛮紧": "pole leaning or fallen",
        "后山的电杆被泥巴推走了一截，线拉得紧紧的": "pole leaning or fallen",
        "台区那里冒白烟，嗞嗞的响": "smoke",
        "表箱那个开关焦了，摸着还烫": "smoke",
        "屋后那根线烧黑了，还在滋滋响": "smoke",
        "灯一会亮一会暗，但是插座也烫": "fire",
        "厨房冒烟了，是灶头烧的，跟电没关系，但是插座也烫": "fire",
        "变压器底下一直在渗油，还有股怪味": "fire",
        "电缆沟里进水了，冒泡泡": "flooding at equipment",
    }

    def test_each_is_urgent_and_names_its_danger(self) -> None:
        for note, kind in self.dangers.items():
            with self.subTest(note=note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(kind, found.dangers)


class NeedsSaidIndirectlyAreUrgentTests(SimpleTestCase):
    needs = (
        "老人心脏不好，靠那个机器，停电了很着急",
        "我妈离不开那台机器，现在停电了咋办",
        "家里有病人要用电，啥时候来电",
        "俺爹离了机子喘不上气，这会儿又没电了",
        "家里有个瘫痪的老人，气垫床没电就瘪了，快点来电",
    )

    def test_each_is_a_medical_need(self) -> None:
        for note in self.needs:
            with self.subTest(note=note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)


class TheSameWordsCalmTests(SimpleTestCase):
    calm = (
        "去年水淹过变压器，今年修高了",
        "以前这里的线很低，去年已经抬高了",
        "想问一下变压器冒烟一般是什么原因",
        "想问一下插座发热一般是什么原因",
        "电线杆是不是歪了我也不清楚",
        "电视信号线掉下来了",
        "上面就是高压线，我想在院子里搭个棚子，可以吗",
        "问一下电线离房子多远才算安全",
        "树长高了离线有点近，能不能来修剪一下",
        "表箱门开着，锁坏了，麻烦来换个锁",
        "防护栏有点锈了，要不要刷漆",
        "电缆沟的盖板想换成铁的，现在的太薄了",
        "上次表箱门掉了你们来修了，谢谢",
        "以前杆子歪过，去年换了水泥的，现在好好的",
        "老人用制氧机，能不能办低保电价",
        "我家灶房烟大，跟电没关系",
    )

    def test_none_is_urgent(self) -> None:
        for note in self.calm:
            with self.subTest(note=note):
                self.assertFalse(findings(note).urgent)

    def test_unsure_then_help_asked_stays_a_report(self) -> None:
        # only the caller's not knowing after "是不是" makes it a question, not a call to come
        self.assertTrue(findings("电杆是不是要倒了，歪得厉害").urgent)
