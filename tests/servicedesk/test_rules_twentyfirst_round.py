"""The rules mended for issue 18's twenty-first round (every danger to life and every medical need
urgent; negation-aware; false urgent at most 3 %): a correction the other way round (what was said
to be harmless is a danger after all), a danger past and come back now, a form's question answered
"not done", a fire put out in one place and burning in another or again, a danger of the caller's
own asked about as "what do I do", a line broken "at" a place, hearsay taken back as harmless,
a fire put out and the site safe with a routine request, and a machine only to be bought. Each
note the rules were mended from beside two or three in other words, and calm twins that stay
calm."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings


class _Case(SimpleTestCase):
    def assert_urgent(self, *notes: str) -> None:
        for note in notes:
            with self.subTest(note):
                self.assertTrue(findings(note).urgent, findings(note))

    def assert_calm(self, *notes: str) -> None:
        for note in notes:
            with self.subTest(note):
                self.assertFalse(findings(note).urgent, findings(note))


class CorrectedTheOtherWayTests(_Case):
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


class BackAgainTests(_Case):
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


class FirePutOutTests(_Case):
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


class AskedWhatToDoTests(_Case):
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


class MedicalAskedTests(_Case):
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


class ReviewTwentyTwoNarrowedTests(_Case):
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
