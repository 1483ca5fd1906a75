"""The hands the classifier learns from (DATA_CARD.md, "Sixth round"), the development measure
that holds each out in turn (``bench/notes_cv.py``), and what was changed on that measure: the
confidence calibrated by hand, a danger turning a fault into a hazard only when the model too
heard one, one-character notes asked, wrong numbers and grievances about the line. The notes
here are our own, written for these tests."""

from __future__ import annotations

import json
from collections import Counter
from unittest import mock

from django.test import SimpleTestCase, TestCase

from bench import notes_cv
from powerdesk.servicedesk.understanding import calibration
from powerdesk.servicedesk.understanding.categories import CODES
from powerdesk.servicedesk.understanding.classifier import ASK_BELOW, HAZARD_HEARD, CallClassifier
from powerdesk.servicedesk.understanding.evaluation_sets import evaluation_texts
from powerdesk.servicedesk.understanding.junk import is_junk
from powerdesk.servicedesk.understanding.notes import HANDS, Hand
from powerdesk.servicedesk.understanding.store import default_classifier
from powerdesk.servicedesk.understanding.training import train_on_corpus
from powerdesk.servicedesk.understanding.urgency import findings
from tests.servicedesk.training import what_training_gets


class HandsTests(SimpleTestCase):
    def test_sixty_seven_hands_each_with_its_name_and_never_an_evaluation_note(self) -> None:
        names = [hand.name for hand in HANDS]
        self.assertEqual(
            names,
            "hand1 hand2 hand3 apart third fourth hand4 hand5 hand6 hand7 hand8 hand9 hand10 hand11"
            " hand12 hand13 hand14 hand15 hand16 hand17 hand18 hand19 hand20 hand21 hand22 hand23"
            " hand24 hand25 hand26 hand27 hand28 hand29 hand30 hand31 hand32 hand33 hand34 hand35"
            " hand36 hand37 hand38 hand39 hand40 hand41 hand42 hand43 hand44 hand45 hand46"
            " hand47 hand48 hand49 hand50 hand51 hand52 hand53 hand54 hand55 hand56 hand57 hand58"
            " hand59 hand60 hand61 hand62 hand63 hand64".split(),
        )
        evaluation = evaluation_texts()
        for hand in HANDS:
            with self.subTest(hand.name):
                rows = hand.rows()
                self.assertEqual({row["hand"] for row in rows}, {hand.name})
                self.assertEqual(sum(row["text"].strip() in evaluation for row in rows), 0)

    def test_the_hands_since_the_fourth_mark_urgency_and_need(self) -> None:
        for hand in HANDS[10:]:  # hand8 onwards
            with self.subTest(hand.name):
                rows = hand.rows()
                counts = Counter(row["category"] for row in rows)
                self.assertEqual(set(counts), set(CODES))
                self.assertGreaterEqual(min(counts.values()), 55)
                self.assertTrue(hand.labelled)
                self.assertEqual({row["writer"] for row in rows}, {f"{hand.name}-2026-12"})
                # Every hazard call is urgent; needs are in other categories too.
                self.assertTrue(all(row["urgent"] for row in rows if row["category"] == "hazard"))
                self.assertGreaterEqual(sum(row["need"] == "medical" for row in rows), 18)
                # (less those dropped as equal to an evaluation set's or an earlier hand's
                # text: short junk such as "喂喂" repeats; hand59 kept 15 of its 28)
                self.assertGreaterEqual(len(hand.junk_rows()), 15)
                texts = [row["text"] for row in rows]
                self.assertEqual(len(set(texts)), len(texts))

    def test_the_model_is_calibrated_with_each_hand_left_out(self) -> None:
        with what_training_gets() as train:
            train_on_corpus([("一条更正", "billing")])
        notes, _ = train.call_args.args
        hands = train.call_args.kwargs["hands"]
        self.assertEqual(len(hands), len(notes))
        self.assertEqual(set(hands), {""} | {hand.name for hand in HANDS})
        self.assertEqual(hands[-1], "")  # a correction is always trained on

    def test_with_notes_of_three_hands_one_svm_calibrated_on_each_hand_left_out(self) -> None:
        notes = [
            (f"{word}{n}", category)
            for n in range(6)
            for word, category in (
                ("停电了", "fault_repair"),
                ("电费多少", "billing"),
                ("谢谢师傅", "praise"),
            )
        ]
        hands = ["a", "b", "c", "b", "c", "a"] * 3
        with mock.patch(
            "powerdesk.servicedesk.understanding.calibration.fit_temperature",
            side_effect=calibration.fit_temperature,
        ) as temperature:
            trained = CallClassifier.train(notes, hands=hands)
            unsorted = CallClassifier.train(notes, hands=[""] * len(notes))
        # Three hands: a fold for each; no hands: five folds of cores. One SVM kept either way.
        self.assertEqual([len(c.args[1]) for c in temperature.call_args_list], [3, 5])
        self.assertEqual((trained.svms(), unsorted.svms()), (1, 1))


class NotesCrossValidationTests(SimpleTestCase):
    def test_a_hand_that_marked_no_urgency_counts_hazards_and_medical_needs_as_urgent(self) -> None:
        first = notes_cv.held_out_rows(HANDS[0])
        self.assertFalse(HANDS[0].labelled)
        hazards = [row for row in first if row["category"] == "hazard"]
        self.assertTrue(all(row["urgent"] for row in hazards))
        self.assertTrue(any(row["urgent"] for row in first if row["category"] == "fault_repair"))
        third = notes_cv.held_out_rows(Hand("hand3", HANDS[2].notes))
        marked = [row for row in third if row["need"] == "medical"]
        self.assertTrue(marked and all(row["urgent"] for row in marked))

    def test_a_hand_held_out_can_be_measured_on_its_labels_as_written(self) -> None:
        hand = next(hand for hand in HANDS if hand.name == "hand34")
        relabelled = notes_cv.held_out_rows(hand)
        written = notes_cv.held_out_rows(hand, as_written=True)
        self.assertEqual([r["text"] for r in relabelled], [r["text"] for r in written])
        moved = [(a, b) for a, b in zip(relabelled, written, strict=True) if a != b]
        self.assertTrue(moved)
        for now, then in moved:
            self.assertNotIn("written", then)
            self.assertEqual(now.get("written", now["category"]), then["category"])
            self.assertEqual(now.get("written_urgent", now["urgent"]), then["urgent"])

    def test_the_table_has_every_hand_the_mean_and_the_worst(self) -> None:
        row = dict.fromkeys((key for key, _, _ in notes_cv.COLUMNS), 0.9)
        results = {
            "one": {**row, "notes": 10, "labelled": True, "false_urgent": 0.01},
            "two": {**row, "notes": 20, "labelled": False, "false_urgent": 0.03},
        }
        results["two"]["accuracy"] = 0.8
        table = notes_cv.format_table(results).splitlines()
        self.assertEqual(
            [line.split()[0] for line in table], ["hand", "one", "two", "mean", "worst"]
        )
        self.assertIn("0.030*", table[2])  # the rules graded their own medical findings there
        self.assertIn("0.850", table[3])  # mean accuracy
        self.assertEqual(table[4].split()[1:3], ["0.800", "0.900"])  # worst accuracy, junk


class ShortAndMixedNotesTests(TestCase):
    def test_a_note_of_one_character_is_asked(self) -> None:
        for note in ("电", "表", " 线！", "闸"):
            with self.subTest(note):
                s = default_classifier().suggest_one(note)
                self.assertTrue(s.ask)
                self.assertLess(s.confidence, ASK_BELOW)
                self.assertTrue(s.alternative)
        for note in ("停电", "电费", "投诉"):
            with self.subTest(note):
                self.assertNotEqual(default_classifier().suggest_one(note).confidence, 0.5)

    def test_a_fault_report_naming_a_danger_on_its_way_stays_a_fault_and_is_urgent(self) -> None:
        # The model is sure of a fault; the rules hear arcing: urgent, not a hazard call.
        s = default_classifier().suggest_one("户内开关打火后跳闸，现已无电，请安排电工上门")
        self.assertTrue(s.urgent)
        self.assertEqual(s.category, "fault_repair")
        self.assertTrue(s.by_rule)
        self.assertGreater(HAZARD_HEARD, 0.0)

    def test_a_danger_the_model_also_hears_is_urgent_and_a_hazard_call_is_offered(self) -> None:
        # An outage with a transformer smoking: the hands' writers label such notes a fault
        # report (43 of 48 with power off and fire or smoke now), the domain's table a hazard.
        # Either way it is urgent, and the clerk is shown both.
        s = default_classifier().suggest_one("停电了，村口那台变压器烧了，这会还在冒黑烟")
        self.assertTrue(s.urgent)
        self.assertIn("smoke", s.dangers)
        self.assertEqual({s.category, s.alternative}, {"hazard", "fault_repair"})


class WrongNumbersTests(SimpleTestCase):
    def test_a_caller_who_asked_for_another_place_is_junk(self) -> None:
        for note in (
            "你好，是镇卫生院吗？哦不是啊，不好意思",
            "打错了，我要找农机站",
            "是不是兽医站嘛 噢 不是 那算了",
            "拨错号了，要打给派出所的",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))

    def test_a_wrong_number_that_names_power_is_not_junk(self) -> None:
        for note in (
            "打错了，我找电工说停电的事",
            "是供电所吗？我家停电了",
            "打错了，不好意思，我是要问电费的",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))

    def test_a_grievance_about_the_line_or_praise_of_its_people_is_not_junk(self) -> None:
        for note in (
            "打了十几次电话都占线，这个热线有啥用",
            "拨错了号码，接的那位大姐还是热心帮我查到了号码",
            "问了四遍都没说清楚，一直挂断",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))


class MedicalNeedWithAnOutageComingTests(SimpleTestCase):
    """Medical needs the rules missed on the fourth and fifth hands, mended in general terms:
    a household cut off ("给断了"), an outage on a day named for works at the house or planned
    ("下周三来改线要断三个钟头") with a machine or a patient there, and thanks said in advance
    after help asked for."""

    def test_a_machine_or_patient_and_an_outage_cut_or_coming_is_a_medical_need(self) -> None:
        for note in (
            "欠了两个月电费给断了，我妈在屋里做透析，钱刚交，能不能今天恢复",
            "下周三你们来改线，说要断三个钟头，我家有个卧床的病人，能不能想想办法",
            "后天检修要停一整天，爷爷肺气肿白天晚上都要吸氧，咋个办",
        ):
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical)
                self.assertTrue(found.urgent)

    def test_thanks_after_help_asked_for_do_not_make_it_a_call_of_thanks(self) -> None:
        note = (
            "下午两点停电到现在，王家老太太用呼吸机，原来备的电池已经用完了，麻烦帮忙先看一下，多谢"
        )
        self.assertFalse(findings(note).in_thanks)
        self.assertTrue(findings(note).urgent)

    def test_no_named_outage_or_thanks_for_a_past_one_is_not_urgent(self) -> None:
        for note in (
            "上回停电你们优先给我家送电，老人吸氧没断，谢谢",
            "以后计划停电能不能提前通知，我家有病人",
            "我爸在家用呼吸机，想问问能不能登记成重点户",
            "村民来电感谢：上次停电供电所请人优先送电，家里病人没受影响，请处理",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)


class SuggestionAsJsonTests(TestCase):
    def test_every_suggestion_is_plain_json(self) -> None:
        # The detector's threshold compared numpy numbers: "check_safety" was numpy's bool, which
        # ``json.dumps`` (``powerdesk classify``, the API) refuses.
        for s in default_classifier().suggest(["家里停电了", "电", "测试", "电线掉在路上了"]):
            self.assertIs(type(s.learned), bool)
            self.assertIsInstance(json.loads(json.dumps(s.as_dict())), dict)


class HotSwitchTests(SimpleTestCase):
    def test_a_main_switch_or_breaker_hot_to_the_touch_is_a_danger(self) -> None:
        for note in ("屋里总闸烫手，电时有时无", "配电箱烫得很，还有焦味", "空开发烫，跳了几回"):
            with self.subTest(note):
                self.assertIn("fire", findings(note).dangers)


class EighthRoundRulesTests(SimpleTestCase):
    """Dangers and needs the rules missed on the hands (development data), mended in general
    terms and tested here in other words."""

    def test_sizzling_or_flashes_in_equipment_and_a_flooded_box_transformer_are_dangers(
        self,
    ) -> None:
        for note, kind in (
            ("台区变压器那里一直嗞嗞的响", "arcing or sparks"),
            ("配电箱里头一闪一闪的，吓死人", "arcing or sparks"),
            ("大水漫进箱变了", "flooding at equipment"),
            ("河边那个环网柜泡在水里", "flooding at equipment"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)

    def test_a_meters_blinking_light_is_not_a_flash(self) -> None:
        for note in ("电表红灯一直在闪正常吗", "表箱上那个指示灯一闪一闪的"):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_wiring_left_live_in_a_ruin_or_by_children_at_play_is_a_danger(self) -> None:
        for note in (
            "老屋垮了，墙上的线还通着电",
            "那间牛棚烧毁了，剩下的电线还带着电",
            "断头线还通着电，放学的小孩子天天在那里跑",
        ):
            with self.subTest(note):
                self.assertIn("person or animal near live equipment", findings(note).dangers)
        for note in ("线路通着电，小孩别去玩", "房子拆了，表还带着电吗"):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_power_not_back_after_paying_or_a_notice_of_an_outage_with_a_machine_or_patient(
        self,
    ) -> None:
        for note in (
            "钱都交了咋还不送电，我妈卧床起不来",
            "停电通知说下个礼拜三停一天，家里爷爷离不开制氧机",
            "村里贴了停电的通知，我老伴在家做腹透",
        ):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)

    def test_words_that_only_look_like_dangers_are_not(self) -> None:
        for note in (
            "孩子问风筝可以在高压线边上放吗",  # 高压 is not "pressed on"
            "白天电倒是有，晚上电压低",  # "电倒是" is "the power, though"
            "工地要带电焊机来，申请临时用电",  # an electric welder
            "开关也不发烫，就是跳闸",  # the heat denied
            "要是电线掉到地上了，应该怎么办？",  # what to do in such a case
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).dangers)
        self.assertIn("tree or object on a line", findings("竹子伸到线上了，刮风就打火").dangers)


class MarkedWordsTests(TestCase):
    """The caller's purpose: a word in a question and the same word in a request are told apart
    (``cues``), so that asking about an errand is a consultation and asking for it is not."""

    def test_the_marks_read_a_question_and_a_request(self) -> None:
        import doctest

        from powerdesk.servicedesk.understanding import cues

        self.assertEqual(doctest.testmod(cues).failed, 0)
        self.assertEqual(cues.marks("办过户要本人来吗，我想帮我爸办"), "QI")

    def test_the_model_reads_words_in_a_question_apart(self) -> None:
        features = dict(default_classifier().pipeline.named_steps["features"].transformer_list)
        vocabulary = features["marked"].vocabulary_
        for word in ("Q_过户", "I_过户", "__Q", "__I"):
            with self.subTest(word):
                self.assertIn(word, vocabulary)
        asked = default_classifier().suggest_one("办过户要带哪些材料？")
        asked_for = default_classifier().suggest_one("麻烦帮我办一下过户，材料都带齐了")
        self.assertEqual((asked.category, asked_for.category), ("consultation", "business"))


class NinthRoundRulesTests(SimpleTestCase):
    """Dangers, needs and calls that went nowhere the rules missed on three new hands
    (development data), mended in general terms and tested here in other words."""

    def test_dangers_said_in_other_ways(self) -> None:
        for note, kind in (
            ("路边有根掉下来的电线", "line down or low"),
            ("大风把线吹到路中间了", "line down or low"),
            ("线从瓷瓶上脱落了", "line down or low"),
            ("导线被滚下来的石头砸断了", "line down or low"),
            ("结冰以后线垂得快挨到房顶了", "line down or low"),
            ("装修师傅的梯子搭到电线上了", "line down or low"),
            ("吊车在高压线下吊钢筋", "line down or low"),
            ("伢崽爬到电杆上去了", "person or animal near live equipment"),
            ("猪被断线缠住了", "person or animal near live equipment"),
            ("箱变的门被人撬开了", "person or animal near live equipment"),
            ("山上有人私拉电网", "person or animal near live equipment"),
            ("洗衣服的时候手上发麻", "person or animal near live equipment"),
            ("田埂边的水沟里有电", "person or animal near live equipment"),
            ("杆子倒咧", "pole leaning or fallen"),
            ("电杆往马路那边倒", "pole leaning or fallen"),
            ("电杆底下塌空了", "pole leaning or fallen"),
            ("那台变压器一直在滴油", "fire"),
            ("烧荒的火烧到电杆跟前了", "fire"),
            ("配电箱里头闪了一下", "arcing or sparks"),
            ("山洪冲到配电房门口了", "flooding at equipment"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)

    def test_advice_and_denials_are_not_dangers(self) -> None:
        for note in (
            "宣传的时候讲了，看见线掉地上千万别碰",
            "掉下来的线不要去捡，记住了",
            "巡线看了，线没有掉到地上",
            "电表箱的门被风吹掉了，来装一下",
            "屋顶光伏发的电卖给电网是多少钱一度",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_a_machine_described_and_no_power_said_another_way_is_a_medical_need(self) -> None:
        for note in ("屋里冒电了，我爸要用吸氧的机子", "停电了，奶奶晚上离不开那个透析的机器"):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)

    def test_a_call_that_reached_the_station_by_mistake_is_junk(self) -> None:
        for note in (
            "喂，是汽车站吗？啊，供电所？不好意思",
            "你好我订餐，啊这是供电所啊，那不问了",
            "我的外卖到哪了",
            "宽带几时来装",
            "来电即挂",
            "（背景只有狗叫声）",
            "测试一下线路通不通，谢谢",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))
        for note in (
            "宽带师傅拉网线把我家电线扯断了",
            "接电话的人听不懂我说话",
            "话没说完就挂我电话",
            "用电信息能不能在手机上查",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))


class TenthRoundRulesTests(SimpleTestCase):
    """Written Cantonese, northern speech, long-ago stories and more calls that went nowhere,
    from the misses of three more hands (development data), tested here in other words."""

    def test_written_cantonese_is_read_as_mandarin_by_the_rules(self) -> None:
        for note, kind in (
            ("条电线断咗，跌喺路边", "line down or low"),
            ("电杆畀风吹倒咗，压住间屋", "pole leaning or fallen"),
            ("个细路仔爬上变压器台架度", "person or animal near live equipment"),
            ("杆顶冒紧烟", "smoke"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)
        self.assertTrue(findings("屋企冇电，阿爸要用制氧机，唔该快啲").medical)
        self.assertFalse(findings("电热水器漏唔漏电点知？").urgent)

    def test_northern_and_other_ways_of_saying_a_danger(self) -> None:
        for note, kind in (
            ("快来人啊，杆子上头着了", "fire"),
            ("线让铲车挂断了", "line down or low"),
            ("那台变压器被冰排撞斜了", "pole leaning or fallen"),
            ("羊圈上头那根线线皮磨破了", "line down or low"),
            ("有个喝醉的爬杆子要自己接线", "person or animal near live equipment"),
        ):
            with self.subTest(note):
                self.assertIn(kind, findings(note).dangers)
        self.assertTrue(findings("停电两天了，冰箱里孩子的干扰素要冷藏").medical)
        self.assertTrue(findings("新房还没通电，我妈离不开制氧机").medical)

    def test_a_story_of_long_ago_or_a_flood_gone_is_not_a_danger_now(self) -> None:
        for note in (
            "听老人讲七几年有人在这根杆子下面被电死过，现在还危险吗",
            "好多年前那根线断过，砸死过一头牛，想问问现在的线结实不",
            "水浸过插座，现在水退了，几时可以合闸？",
            "变压器没有漏油，也没看到歪",
        ):
            with self.subTest(note):
                self.assertFalse(findings(note).urgent)

    def test_praise_with_a_danger_back_again_is_urgent(self) -> None:
        note = "谢谢你们上礼拜来扶杆子，不过今天早上那根杆子又歪了，下面就是公路"
        self.assertTrue(findings(note).urgent)

    def test_more_calls_that_went_nowhere(self) -> None:
        for note in (
            "请问是出租车公司？",
            "喂 是三姑家不",
            "这是哪里啊 供电所啊 那没事了",
            "我想订两张去县城的车票",
            "哦不好意思，我想打给我表哥的",
            "测试测试，新来的值班员试线",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))
        for note in ("户名打错了一个字，要改", "打了三回电话都被挂了", "表的铅封掉了，来封一下"):
            with self.subTest(note):
                self.assertFalse(is_junk(note))
