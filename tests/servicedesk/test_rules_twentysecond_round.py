"""The rules mended for the twenty-second round (the red-team notes of western Yunnan, Nujiang and
Dehong, and the training hands 39 and 40): speech-to-text spaced word by word, a danger told after
thanks turned to another matter, the words of Yunnan and of voice-to-text for sparks, a pole
slid or dug hollow, equipment buried or pushed down a bank, a line or pole broken by what hit it
told by its count, a line lower than a man, a box's live parts laid bare, a medical need in new
words; and on the calm side hearsay of a place over there or of long ago, a report looked at and
found to be something else, a landslide's place named, a treatment gone to elsewhere, a patient
in hospital. Each reading tested in other words than the notes it was mended from, beside calm
twins it must not catch."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.urgency import joined
from tests.servicedesk.rules_cases import RulesCase


class SpacedSpeechTests(RulesCase):
    def test_speech_spaced_word_by_word_is_read_as_one_text(self) -> None:
        self.assertEqual(joined("电线 掉 在 路 上 了 有 车 过"), "电线掉在路上了有车过")
        self.assertEqual(joined("杆倒线断 路口"), "杆倒线断 路口")
        self.assertEqual(joined("遂川 左安镇 老人 瘫床上 停电了"), "遂川 左安镇 老人 瘫床上 停电了")
        self.assert_urgent(
            "电线 掉 在 路 上 了 有 车 过",
            "表箱 里 着 了 火 快 来 人",
            "那个 高压线 断 了 落 在 田 里 牛 在 边上",
        )

    def test_a_denial_or_thanks_spaced_word_by_word_stays_calm(self) -> None:
        self.assert_calm(
            "用户 问 插座 有 点 发 黄 但是 没 冒 烟 没 打火 要不要 紧",
            "用户 打来 电话 感谢 上 个 月 电杆 歪 了 师傅 们 很 快 就 到 了 没 出 事",
            "用户 感谢 所里 给 老人 家 装 了 漏电 保护 还 免费",
        )


class ThanksThenAnotherMatterTests(RulesCase):
    def test_a_danger_after_thanks_and_another_matter_is_urgent(self) -> None:
        self.assert_urgent(
            "感谢你们上回换表换得快。还有件事：村口那根电杆被车撞歪了，歪得厉害",
            "表扬一下小李师傅，顺便说一下，我家门口的线垂到路上了",
        )

    def test_thanks_then_another_calm_matter_stays_calm(self) -> None:
        self.assert_calm(
            "感谢你们上回换表，还有个事想问问电费怎么交",
            "表扬一下小李师傅，顺便说一下，电费单子没收到",
        )


class SparksInLocalWordsTests(RulesCase):
    def test_sparks_in_local_words_are_sparks(self) -> None:
        self.assert_urgent(
            "配电箱里在扯火星，吓人得很",
            "跌落保险在掉火，下面是干稻草",
            "接头那点火渣渣往下落",
            "门口电线在冒伙星",
        )

    def test_lightning_and_a_train_are_no_sparks(self) -> None:
        self.assert_calm(
            "昨晚天上扯闪打雷，今天电费怎么查",
            "掉火车站那边的户号咋个查",
            "灶里的火渣还没灭，停电了点不了电饭锅",
        )


class PoleAndEquipmentTests(RulesCase):
    def test_a_pole_slid_or_dug_hollow_is_leaning_or_fallen(self) -> None:
        self.assert_urgent(
            "那根水泥杆往沟里梭下去了",
            "寨子后面电杆梭坡了，线绷得紧紧的",
            "有人在杆子边上取土，杆根都挖空了",
        )

    def test_a_stay_wire_slanting_is_no_pole_leaning(self) -> None:
        self.assert_calm("杆子上那根斜拉的铁丝是干什么的", "电杆上斜拉的钢丝能不能挪一下")

    def test_equipment_buried_or_pushed_down_a_bank(self) -> None:
        self.assert_urgent(
            "塌方把变压器台架埋了半截",
            "变压器被山洪冲进河里了",
            "台区变压器被泥石流推下坡了",
        )

    def test_a_landslide_s_place_named_in_a_suggestion_stays_calm(self) -> None:
        self.assert_calm(
            "建议在易塌方地段的杆子旁边修个挡墙",
            "滑坡点附近的线路能不能改道",
            "泥石流沟边上的杆子建议加固一下",
        )

    def test_one_broken_by_what_hit_it_told_by_its_count(self) -> None:
        self.assert_urgent(
            "拖拉机拖断了一根线，线头在路上",
            "大车又挂断一根，就在桥头",
            "牛拱倒了一根木杆，线拖在地上",
        )
        self.assert_calm(
            "施工时挖断了一根网线，上不了网",
            "挂断一根电话线，电话打不通",
            "风吹倒了一根竹子，没碰到线",
        )

    def test_a_line_lower_than_a_man_or_metres_above_the_ground(self) -> None:
        self.assert_urgent(
            "桥头那根线垂得比人还矮",
            "果园里的导线离地就一米多，摘果子的人多",
            "冰把电线压得快断了",
        )
        self.assert_calm("雪把树枝压得快断了，问下电费")
        self.assert_calm("表箱离地只有一米，能不能挪高点", "线离地多高才合适，想问一下")

    def test_smoke_a_little(self) -> None:
        self.assert_urgent("开关冒一丝丝烟，有股怪味", "表箱在冒点点烟")
        self.assert_calm("开关没冒一丝丝烟，就是不通电", "满屋子烟，原来是在熏腊肉，没事")

    def test_a_power_strip_burning_and_a_box_in_the_way(self) -> None:
        self.assert_urgent("厨房的插排着了", "电视后面的插座着了，快来")
        self.assert_calm(
            "表箱挡着了，想往旁边挪一下", "插座被柜子挡着了，能不能改个位置", "开关碰着了，灯亮了"
        )

    def test_a_transformer_dripping_oil_after_other_words(self) -> None:
        self.assert_urgent("变压器嗡嗡响得厉害还一直往外滴油")

    def test_the_ground_that_tingles_underfoot(self) -> None:
        self.assert_urgent("下过雨门口水泥地一踩就麻", "路灯杆边上一踏就麻，没人敢走")
        self.assert_calm("坐久了腿麻脚麻，不是电的事，问下电费")

    def test_a_cabinet_opened_and_its_live_parts_bare(self) -> None:
        self.assert_urgent(
            "电缆分支箱的门被人撬开了",
            "路边环网柜的门敞着，锁被撬了",
            "箱变门开起的，小孩在旁边耍",
            "配电柜里头铜排亮晃晃的，门也没了",
        )
        self.assert_calm(
            "屋里面亮起来了，来电了，谢谢", "屋里面亮起了灯，来电了", "表箱门坏了，申请换个新的"
        )

    def test_water_up_to_a_switch_or_into_a_pump_house(self) -> None:
        self.assert_urgent("泵房进水了，水漫到开关了", "水淹到总开关那里了")
        self.assert_calm("洗衣机进水开关坏了，不是电的问题吧")


class MedicalWordsTests(RulesCase):
    def test_a_need_in_new_words(self) -> None:
        self.assert_urgent(
            "停电了，冰箱里的依岛素要坏了",
            "没电了，我奶奶的治氧鸡停了",
            "停电了，娃娃夜里要用监护设备",
            "我妈瘫床上，停电一整天了",
            "下雪停电，老人躺倒起不来，屋里冰冷",
            "停电一夜，老人手脚发紫",
            "停电了，爷爷体温低了",
            "我爸，呼吸，机子，停了，没电",
            "停电了，他离不得氧",
        )

    def test_a_treatment_gone_to_elsewhere_or_a_patient_in_hospital_stays_calm(self) -> None:
        self.assert_calm(
            "我去县城陪我爸做透析了，家里没人，电表要暂停",
            "我奶奶在医院住着，家里停电了，麻烦来修一下",
            "建议停电了好通知有病人的人家",
            "制氧机有没有电费优惠？老人在家吸氧，现在电正常",
        )
        self.assert_urgent(
            "我奶奶刚出院，家里停电了",
            "我妈在家做腹透，停电了",
            "我去县城买药了，家里老人用着制氧机，现在停电了",
        )


class CalmReadingsTests(RulesCase):
    def test_hearsay_of_a_place_over_there_or_of_long_ago_stays_calm(self) -> None:
        self.assert_calm(
            "听说保山那边有变压器着火了，我们这边的会不会也着",
            "以前听说有人洗澡被电到，热水器要不要装漏保",
            "听说腾冲那边有人触电了，我们这点会不会也有危险？就是问问",
        )
        self.assert_urgent(
            "听说保山那边有变压器着火了，我们村的现在也冒烟了",
            "听说我家那边的线断了，快派人去",
            "听说村口那边电线断了，麻烦派人去看看",
        )

    def test_a_danger_of_a_year_past_and_nothing_since(self) -> None:
        self.assert_calm(
            "去年塌方倒过杆子，今年还没事，想问问啥时候巡线",
            "以前这根线断过，后来你们改了线路，现在那边没线了",
            "上次报的杆子歪，你们看过了，确实也没再歪，就是态度不好",
        )
        self.assert_urgent("去年倒过杆子，今年又歪了", "杆子歪了还没扶，到现在还没人来")

    def test_how_to_guard_against_it_asked(self) -> None:
        self.assert_calm("寨子里的人想问问触电咋个防", "下雨天漏电怎么预防")
        self.assert_urgent("门口的线漏电，牛一碰就跳，怎么办")

    def test_a_report_looked_at_and_found_to_be_something_else(self) -> None:
        self.assert_calm(
            "昨天打电话报的冒烟，后来看了是烧饭的烟，不用来了",
            "我刚才说电线断了，走近看了一下，是晾衣绳，对不起",
            "早上报的杆子歪了，仔细看了一下，是广告牌歪了，抱歉",
        )
        self.assert_urgent(
            "昨天打电话报的冒烟，看了一下，原来是表箱里在烧，快来",
            "刚才说电线断了，看了一下，是真的断了，在路上",
        )
        self.assert_urgent(
            "刚才说表箱冒烟，我去看了，是里面的开关烧了",
            "刚才报的打火，我去看了一下，是插座烧黑了",
            "刚才说线断了，看了一下，是断了一根，在沟边",
        )
