"""The rules mended for issue 18's twenty-first round (every danger to life and every medical need
urgent; negation-aware; false urgent at most 3 %): a correction the other way round (what was said
to be harmless is a danger after all), a danger past and come back now, a form's question answered
"not done", a fire put out in one place and burning in another or again, a danger of the caller's
own asked about as "what do I do", a line broken "at" a place, hearsay taken back as harmless,
a fire put out and the site safe with a routine request, and a machine only to be bought. Each
note the rules were mended from beside two or three in other words, and calm twins that stay
calm."""

from __future__ import annotations

from tests.servicedesk.rules_cases import RulesCase


class CorrectedTheOtherWayTests(RulesCase):
    def test_what_was_said_to_be_harmless_is_a_danger_after_all(self) -> None:
        self.assert_urgent(
            "邻居说是晾衣绳，我去看了其实是电线，断在院子里",
            "刚才说的是雾，其实是烟，表箱里冒出来的",
            "其实是电线，不是藤，吊在门口，娃娃要碰到了",
            "他们说那是电信线，其实就是高压线，断在河边，有人在钓鱼",
            "唉刚才说的搞错了，不是一根线，是三根都断了",
            "邻居说没事，我摸了铁门，麻得很",
            "误报的是上一单，这单是真的，线断在路上",
            # in other words
            "我老婆说是根绳子，我走近一看原来是电线，断在菜地里",
            "开始以为是水汽，看清楚了是烟，从电箱缝里出来的",
            "他说那是网线，其实是低压线，吊在楼道口",
            "前面说错了，不止一根杆子，是两根都倒了",
            "村长说不要紧，我碰了一下水管，麻得手缩回来",
            "上一个电话是打错了，这回是真的，电线断在桥上",
        )

    def test_a_harmless_thing_taken_for_a_danger_stays_calm(self) -> None:
        self.assert_calm(
            "刚才说电线掉了，其实是晾衣绳，不好意思",
            "隔壁说我家表箱冒烟，我看了其实是水蒸气，不好意思",
            "他们说是烟，其实是雾，没事了",
            "邻居讲电杆歪了，我去看过，好好的，没事",
            "隔壁大姐说我家线冒火，我看了其实是灯笼反光，不用来了",
            "开始以为是烟，其实是炊烟，误会了",
        )


class BackAgainTests(RulesCase):
    def test_a_danger_of_the_past_come_back_now_is_urgent(self) -> None:
        self.assert_urgent(
            "以前爬过电杆，今天又有个娃爬上去了",
            "这线以前着过火，现在又着了",
            "前年断过线，今年又断了，就在学校门口",
            # in other words
            "那台变压器以前着过，刚才又着了",
            "去年倒过一次杆，今年又倒了，压在路上",
            "这个箱变以前被小孩钻过，刚刚又有个孩子钻进去了",
        )

    def test_a_danger_of_the_past_told_as_such_stays_calm(self) -> None:
        self.assert_calm(
            "孩子以前爬过电杆，我们教育过了，想问问能不能装个防爬的",
            "这线以前着过火，你们换了新的，现在好好的",
            "前年断过线，后来修好了，今年想申请增容",
        )

    def test_a_form_s_question_answered_not_done_is_urgent(self) -> None:
        self.assert_urgent(
            "线 已处理？未处理，仍在地上",
            "杆 已扶正？没有，仍然歪着",
            "断线 已处理？否，仍在路上",
        )

    def test_a_form_s_question_answered_done_stays_calm(self) -> None:
        self.assert_calm("打火，已处理好", "冒烟 已排除", "杆歪，已扶正")


class FirePutOutTests(RulesCase):
    def test_a_fire_put_out_in_one_place_but_burning_in_another_or_again_is_urgent(
        self,
    ) -> None:
        self.assert_urgent(
            "着火，已经扑灭了一处，另一处还在烧",
            "火已经灭了又着起来了，变压器",
            # in other words
            "表箱的火打灭了，电杆上那处还在烧",
            "配电房的火扑灭了，可是又烧起来了",
            "火熄了一会，现在又冒火苗了",
        )

    def test_a_fire_put_out_and_the_site_safe_stays_calm(self) -> None:
        self.assert_calm(
            "着火已扑灭，现场安全，请安排抄表",
            "着火已扑灭，现场安全，请安排回访",
            "表箱冒烟已排除，线路正常，请安排换表",
            "火已经灭了，没事了",
        )

    def test_a_fire_put_out_with_help_wanted_for_it_stays_urgent(self) -> None:
        self.assert_urgent("着火已扑灭，线还在打火，请派人来", "着火已扑灭，快来人看看电线")


class AskedWhatToDoTests(RulesCase):
    def test_a_danger_of_one_s_own_asked_as_what_to_do_is_urgent(self) -> None:
        self.assert_urgent(
            "请问制氧机插上去插座冒火花怎么办",
            "电线断在田里，我的牛在旁边，咋办",
            # in other words
            "我家插座一插电饭锅就冒火花怎么办",
            "门口的电线掉下来了怎么办",
            "请问家里开关一按就打火咋办",
        )

    def test_what_to_do_in_such_a_case_stays_calm(self) -> None:
        self.assert_calm(
            "电线掉到地上了应该怎么办?",
            "看见电线掉地上应该咋办?俺村里开会让问问",
            "要是看到电线掉在地上 应该咋办 给谁打电话",
            "下雨天电表箱进水了的话该咋个办",
        )

    def test_a_line_broken_at_a_place_is_down(self) -> None:
        self.assert_urgent("线断在路边", "一根电线断在河滩上", "高压线断在玉米地里")
        self.assert_urgent("听说隔壁镇也断过线，我们这儿现在就断了一根在路上")

    def test_hearsay_of_another_place_only_stays_calm(self) -> None:
        self.assert_calm(
            "听说隔壁镇电线断了，我们这边没事吧", "听说外村断了一根线，我们这边要注意啥"
        )


class MedicalAskedTests(RulesCase):
    def test_a_need_asked_about_as_when_the_power_comes_back_is_urgent(self) -> None:
        self.assert_urgent(
            "请问停电了制氧机怎么办，老人喘不上气",
            "想问下电啥时候来，家里有个瘫痪老人用气垫床和吸痰机",
            "请问可以先来电吗，家里病人吸着氧",
            "请问电啥时候恢复，家里有制氧机",
            "请问电什么时候来？老人用呼吸机的",
            "请问有没有发电车，我家呼吸机病人电快撑不住了",
            "想问下电来不来，老人的制氧机停着",
            "请问电什么时候来，家里有心脏病人胸闷",
            "有没有办法先来电，我爸在用呼吸机",
            # in other words
            "问一下几点能有电，我妈在做腹透",
            "能不能先给我们这片送电，家里老人插着氧",
            "请问有发电机没有，家里病人要用吸痰机",
        )

    def test_a_machine_only_to_be_bought_stays_calm(self) -> None:
        self.assert_calm(
            "老人想买个制氧机，家里电够不够",
            "打算给我爸租台呼吸机，家里的电压够不够用",
            "准备买个制氧机，想问问插座要不要换",
            "用呼吸机的人家可以申请保电吗",
        )

    def test_a_machine_at_home_with_the_power_not_enough_now_is_a_need(self) -> None:
        self.assert_urgent("家里电压不够，制氧机开不起来", "老人用制氧机，电不够，机器一直报警")


class ReviewTwentyTwoNarrowedTests(RulesCase):
    """The twenty-second review's calm readings made narrower: a machine got already, an errand
    beside a danger, a correction naming wiring or heat, a question asked to learn."""

    def test_a_machine_bought_hired_or_given_already_is_a_need(self) -> None:
        self.assert_urgent(
            "去年租台呼吸机放家里，老伴天天靠它，刚才停电了",
            "医院给配个制氧机在家用，现在没电了，咋办",
            "刚买个制氧机，现在停电了用不上，老人胸闷",
            # in other words
            "前年买台制氧机给我妈，现在全村没电了，机器停着",
            "上个月租个呼吸机，停电了，我爸喘不过来",
        )

    def test_a_machine_wished_for_stays_calm(self) -> None:
        self.assert_calm(
            "想给老人买个制氧机，问下家里的电够不够，要不要增容",
            "计划给我妈配台制氧机，家里插座要不要换",
            "要不要租个呼吸机备着，家里电压稳不稳",
        )

    def test_an_errand_beside_a_danger_is_deleted_alone(self) -> None:
        self.assert_urgent(
            "着火已扑灭，可赶紧派人来换表箱里烧糊的线",
            # in other words
            "冒烟已排除，快派人来换表箱里烧焦的开关",
            "杆歪已扶正，麻烦尽快来换表，线还在冒火",
        )
        self.assert_calm(
            "表箱着火已扑灭，现场安全，请安排换表",
            "冒烟已排除，麻烦尽快来抄表",
            "表箱冒烟已处理好，请赶紧派人来抄表吧",
        )

    def test_a_correction_naming_wiring_or_heat_stays_a_danger(self) -> None:
        self.assert_urgent(
            "家里人说插座打火，其实是墙里面的线，墙都烫手了",
            # in other words
            "邻居说插座打火，其实是墙里面的线，墙都烫手了",
            "村里人说表箱冒烟，原来是表箱后面的线，摸着发烫",
        )
        self.assert_calm(
            "路人说电线掉了，其实是晾衣绳",
            "村里人说线断了，搞错了，是网线",
            "家里人说表箱冒烟，其实是水蒸气",
            "邻居说插座打火，其实是隔壁在电焊",
            "村里人说表箱着火，其实是有人烧秸秆，已经灭了",
        )

    def test_what_to_do_asked_to_learn_stays_calm(self) -> None:
        self.assert_calm(
            "现在的插座冒火花怎么处理，想学一下",
            "现在的开关打火怎么办，想请教一下",
            "插座冒烟了咋办，学学以后好应付",
        )
        self.assert_urgent("我家插座冒火花怎么办", "刚才开关打火了怎么处理")


class ReviewTwentyTwoMissesTests(RulesCase):
    """The twenty-second review's misses, and the shipped model's on the new training hands, read
    by general readings."""

    def test_a_danger_after_thanks_turned_to_another_matter_or_come_again(self) -> None:
        self.assert_urgent(
            "谢谢上次你们师傅来得快，今天想说一下，我家屋后的线又被风刮下来了，在冒火",
            "表扬一下抢修班，昨天很辛苦，另外刚才发现二组那边杆子被车撞歪了，线拉得很低挡着路",
            "谢谢上次帮忙，这回又停电了，老爷子的制氧机停了，能不能再帮帮忙",
            # in other words
            "感谢师傅们上个月的抢修，另外村口那根杆子今天被车撞歪了，线垂到路上",
            "多谢上回帮忙，这次又停电了，我妈的呼吸机停了",
        )
        self.assert_calm(
            "去年我们屯那根倒杆早就修好了，谢谢你们，今天就是问问开春杆子会不会又歪",
            "回访：用户反映的断线当晚修好，用户非常满意，说这回又快又细致",
        )

    def test_one_of_several_told_by_its_count(self) -> None:
        self.assert_urgent(
            "扶正了一根，另一根还歪着，压着线往路上倒",
            "断的线接好了一根，还有一相掉在田埂上",
            "东边掉的线你们的人处理好了，西边山坳还有一根掉在玉米地里，带着电",
            # in other words
            "修好了一根，另外一根还垂在路上",
            "两根杆扶起来一根，另一根还斜着",
        )
        self.assert_calm("三根线都接好了一根不剩", "扶正了两根，都好了，谢谢")

    def test_a_fallen_pole_and_a_line_still_live(self) -> None:
        self.assert_urgent(
            "一头牛拴在倒下的杆子旁边，线就在牛脚底下，还有电",
            # in other words
            "倒下的电杆压在菜地边上，没人管",
            "线掉在水田里，还带着电，鸭子在里面游",
        )
        self.assert_calm(
            "邻居施工时挖机把表箱撞变形了，里面线没露出来，也还有电，申请换个表箱",
            "线路检修完了，我家还有电吗",
        )

    def test_a_machine_by_its_maker_or_as_voice_to_text_writes_it(self) -> None:
        self.assert_urgent(
            "没电了，鱼跃那个机器停了，老太太离不开",
            "停电了，我爷爷的至氧机停了，他现在憋气",
            "停电了透息机用不了，我爸今天要透",
            # in other words
            "停电了，欧姆龙的雾化器用不了，娃娃咳得厉害",
            "没电了，我妈离不开那个机器",
            "用户孩子有病需要雾化，一天几次，现在整个自然村停电",
            "娃娃哮喘要做雾化，停电了做不成",
        )
        self.assert_calm(
            "鱼跃村的路灯不亮了，麻烦有空来看看",
            "想给老人买台鱼跃的制氧机，问下家里电够不够",
            "欧姆龙血压计的电池在哪换",
            "今天天气透亮，电也正常",
        )

    def test_cantonese_in_traditional_characters(self) -> None:
        self.assert_urgent(
            "停咗電，屋企阿嫲要用製氧機，依家透唔到氣，幾時有電呀",
            # in other words
            "條電線斷咗，跌喺路邊度，好危險",
            "停咗電，阿爺個呼吸機停咗",
        )
        self.assert_calm("我哋村口條電線之前斷咗，你哋師傅已經駁返好，多謝晒")

    def test_a_line_fallen_onto_a_roof(self) -> None:
        self.assert_urgent(
            "兔坂镇上村一根线落到房顶上了，房顶是彩钢瓦，老乡说怕带电。",
            "一根电线落到棚顶上，铁皮的",
            "线落到屋顶上了，瓦片都压坏了",
        )
        self.assert_calm("线路落到实处了吗，问一下进度")

    def test_a_complaint_about_a_danger_still_there(self) -> None:
        self.assert_urgent(
            "投诉：上礼拜就报了村口那根电杆歪了，说三天内来处理，到今天还斜着，比上礼拜歪得更厉害了，"
            "底下就是娃娃上学的路，出了事谁负责！",
            "上个月就报了，学校门口电杆到现在还歪着，谢谢你们快点",
            "投诉：前天报的那根线到今天还垂着，比前天更低了",
        )
        self.assert_calm("投诉：上礼拜报的歪杆前天扶正了，但来得太慢，我要投诉")


class ThanksForAPastDangerThenARequestTests(RulesCase):
    def test_thanks_for_a_danger_put_right_then_a_request_naming_none(self) -> None:
        self.assert_calm(
            "您好 那回线断在路上 师傅们走山路扛着材料上来 村里人都说你们好 麻烦你们来看一下",
            "我是马游田心组的，姓杨，那回线断在路上，没多久就修好了，真是感谢，你们辛苦了，麻烦你们来看一下。",
            "喂，我是适中三组的，姓赵，上次线断在路上，你们连夜抢修，太谢谢了，你们辛苦了，请尽快处理。",
            # in other words
            "上次杆子倒在路上，你们很快就扶起来了，谢谢，麻烦你们来看一下",
        )
        self.assert_urgent(
            "上次线断了，你们修好了，谢谢，这次又断了，麻烦来看一下",
            "上次杆子歪了，你们扶正了，谢谢，麻烦来看看门口那根线，吊得很低",
            "那回线断在路上，谢谢你们，麻烦来看一下，杆子还歪着",
            "上次线断了，谢谢你们，现在线还在地上，麻烦快来",
        )


class ReviewTwentyTwoTwinsTests(RulesCase):
    def test_heat_breathlessness_and_a_nebuliser_done_stay_calm(self) -> None:
        self.assert_calm(
            "停电了，屋里闷得憋气",
            "孩子昨天做了雾化，现在好了，问下电费",
            "大棚雾化喷头坏了，电机不转",
            "感谢上次修好了断线，另外问一下电费怎么交",
            "谢谢你们，这回又快又好",
            "多谢師傅，電費幾時交",
        )

    def test_the_box_itself_found_burning_is_no_other_thing_burning(self) -> None:
        self.assert_urgent(
            "隔壁王婶说表箱冒烟，原来是里面烧起来了", "表箱冒烟，原来是里面的线烧起来了"
        )
        self.assert_calm("邻居说表箱冒烟，原来是隔壁在烧稻草", "闻到烟味，原来是邻居在烧秸秆")
