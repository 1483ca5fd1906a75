"""Urgency by rule: dangers to life and medical need, heard through denials and thanks; junk."""

from __future__ import annotations

import hashlib

from django.test import SimpleTestCase, TestCase

from powerdesk.servicedesk.understanding.evaluation_sets import (
    EIGHTH,
    EIGHTH_JUNK,
    FIFTH,
    FIFTH_JUNK,
    SEALED,
    SEVENTH,
    SEVENTH_JUNK,
    SIXTH,
    SIXTH_JUNK,
)
from powerdesk.servicedesk.understanding.notes import (
    APART,
    FOURTH,
    FOURTH_JUNK,
    THIRD,
    THIRD_JUNK,
    read_rows,
)
from powerdesk.servicedesk.understanding.store import default_classifier
from powerdesk.servicedesk.understanding.urgency import findings, is_junk, is_urgent

# The notes written apart from the training corpus measure what they measure only while nobody
# edits them to suit the classifier: a change to the file is a decision, made here in the open.
APART_SHA256 = "44d21a232d03dd5ecab92f88031485179846a85a796c0a38b945dbe6d059e0a3"
# The notes of another hand (DATA_CARD.md), frozen before the classifier first saw them.
THIRD_SHA256 = "f9b594d560dc3870a47e40547fb2c7a16a575134d67daede981945075f609e4a"
THIRD_JUNK_SHA256 = "b4f113beab0fe906ed7eaa5bbf60695cc8021f45210b6bb6b212d5eea9826734"
# The notes of a fourth hand, frozen on arrival, before any classifier or person of the project
# read them.
FOURTH_SHA256 = "bfca2a09f233149b47fb76527b0cf806f699d1cb14c903fb0e54181b06436095"
FOURTH_JUNK_SHA256 = "aa9679b3037e52b039e25910efc6364241406697373f4bc26c69e1804448b12b"
FIFTH_SHA256 = "7005a03dbf546d69961334eb11cdf94a0f53e150a1ac29bf9d884307b4757b60"
FIFTH_JUNK_SHA256 = "f92bc89607e519e3ef4d2b460412be85767655a30d3d317c09a99045155e1b3c"
SIXTH_SHA256 = "1e20e9c99ec9958d86d2b50c0375d4195447d7a955b98acd1963f20ac01250b9"
SIXTH_JUNK_SHA256 = "893542f844e8b03b2e526af2a23f2899c770f75698dc10580f9a4c34ab3af337"
# The seventh and eighth hands, frozen on arrival (December 2026), before anyone read them.
SEVENTH_SHA256 = "f2679a5852c5438e8c17046d330c1ac2beaeea537055ae0337eed3c2fe320e69"
SEVENTH_JUNK_SHA256 = "ec40f03b733ee0d12ced6ec4d69f0a3a4cb810056b4cb5e821bc841d22f19d1b"
EIGHTH_SHA256 = "4db6df83d702b0e910b9238bb01a17907c1b03dd95304e2fd9bd3b2b9501ce2d"
EIGHTH_JUNK_SHA256 = "07bc9433d8cf90a7821365d951e85e81411456021611550f6e5da784da07e642"
# Frozen on arrival: the ninth to seventeenth and the twentieth to twenty-sixth, reported by
# ``classify --eval`` since the eighth to twelfth and the sixteenth to nineteenth rounds'
# changes were done (the twenty-first to twenty-sixth measured once on arrival first); the
# eighteenth and nineteenth sealed for later rounds (five notes and the junk calls of the
# eighteenth were seen by accident in the eleventh round).
SEALED_SHA256 = {
    "ninth_notes.jsonl": "a579cd158796a7c6f4e25a862c9d8b7b6e6031c5a469b79b0d62258a2991d104",
    "ninth_junk.jsonl": "a588cdda6774a614a2acd33492f4b352fa81856f5b0cf0267a6b26d65040e796",
    "tenth_notes.jsonl": "289ba1ad4481c7f317a239e633b9ca62eb6793d51be6d5761eed95cd8a200b4f",
    "tenth_junk.jsonl": "5d6d5b24df64c58c4fdba7015d2e65fe60cc55e1ee066bd9f543bbc949a62087",
    "eleventh_notes.jsonl": "c2f6f2e7f3240fb12de0c9cecd7604b13ad4dccde254c971ec8b2297a8101e73",
    "eleventh_junk.jsonl": "082e72504f9512d6f48a4d9e9902b57b8c8b816a4e8d3d2c07ae9720fa27f85f",
    "twelfth_notes.jsonl": "7d388cbbc58939f97e1d83a352ad98259048d25b5abb523f5af27711d6d4a9e3",
    "twelfth_junk.jsonl": "6de500f7f77dadfefde3927b7cb5c94ddc8ed7769c1b49d2d88782b75fbf187d",
    "thirteenth_notes.jsonl": "d1070e622456ba28d9f7d860a3093333aa32d4a08fb7503c289523a1263f3037",
    "thirteenth_junk.jsonl": "9355ee9d8b9a7090568e948e63d54f32435bacbd8069295d5f90dd0431456829",
    "fourteenth_notes.jsonl": "f567b512790f5fa0bbf1d9fef3744db65c7b8b37958438bfd294bb3e4da401ca",
    "fourteenth_junk.jsonl": "5c819b925d4af229d9c90d2fd17f320701958b41a6673cac2cd3fbbc3c703a01",
    "fifteenth_notes.jsonl": "582ffa91994e6738dc99f41870612ef98f4d941723776e890e8c5024423830d1",
    "fifteenth_junk.jsonl": "9aeeb00828f15a5a33dddc6960d8b8d98b1856cb5cc9ca79bb012d1c91863bad",
    "sixteenth_notes.jsonl": "d4651ec5f8247a0ac7d8f3334eb198c04f5b0bc5008bc66b5ab6ab7dc6ab2b19",
    "sixteenth_junk.jsonl": "481f3dd218a4097929c9517697c3820269e112a07aea38ff97a49718bf938604",
    "seventeenth_notes.jsonl": "ca0c46a8b61bf5970d532020828926b5acc913cdc58b9a52528e3f5be0fa1cb7",
    "seventeenth_junk.jsonl": "e1e97b74519baa9682720b4f0ce4824377972e350b94f589de72ba56d8782147",
    "eighteenth_notes.jsonl": "7946621bcbc5b916ebd8d1f8e7448d5ab1af2f0503d3c4396553ceeddb81faba",
    "eighteenth_junk.jsonl": "bbd8a4b46acfc8a77a78dde3305a1eff7a7fa151b681a956805d0ee55204d7ff",
    "nineteenth_notes.jsonl": "95149b9cfe7b2d3c9db3a6493c6fbb1f0c2d90aa0007bdbaf1a8bb71a0d186a4",
    "nineteenth_junk.jsonl": "54772dfaf61211ef00ad9b223dbaf39749c24b81103cb22d58ada1de785186fe",
    "twentieth_notes.jsonl": "26034c5ed7baf58d68d59de0b32a805a8bf66d69c7303d51aa6418d83573c9ac",
    "twentieth_junk.jsonl": "cbca5efd291af21aed567cf9fdbaae4f3f4e3d786361da8aa8c733ec12f86a3c",
    "twentyfirst_notes.jsonl": "aaa3bbb9b2eea4c22f210863cc84c9c0f1e4fbe1976bd53e0d869ea531c97c59",
    "twentyfirst_junk.jsonl": "bbd786394d38651b60af782239fb212e850de7ea61c9dd5b924a736490cf0775",
    "twentysecond_notes.jsonl": "973b4a100b6977ac750b782f772b8b0ce60c694ff87e53a132e0872088cce073",
    "twentysecond_junk.jsonl": "a16194f6105f65528a870d048c5d1c0249ca54bdba737da46cfef82ae7298d25",
    "twentythird_notes.jsonl": "758079d0a946eef945218043efa08b707612bf620e52f950189e132b7be947f9",
    "twentythird_junk.jsonl": "a8a13c44618efd1ec3691990e522cd32058f1147acc95c585a5616f51d176fb0",
    "twentyfourth_notes.jsonl": "dff5cee5b0d861f62f6898a9a1ef3abc73e8093436bebd4efb8490f7696cd1ee",
    "twentyfourth_junk.jsonl": "4fc139f656c16a532dcbfd0cf83b7861868daf50f1cd316dd5d86b7e33cc59fd",
    "twentyfifth_notes.jsonl": "d42d2ec2bdb1b08c8f3158fb621947abe19f4cc8c2f34323c8d5ce345828a78b",
    "twentyfifth_junk.jsonl": "31e9abd5284d8782bcd1b544ca1f5b8f5eaa8bf20c6623cc955465c0317d4cc7",
    "twentysixth_notes.jsonl": "e21bd4b691d6df3ead266530346740bb8679dea5b9fed857c0e0bd60680d55ab",
    "twentysixth_junk.jsonl": "31f9a8ab4b863e44fd28ec29d36d63ad8f8ec17e5f57309bc0c3edf0283a4f73",
}


class RuleTests(SimpleTestCase):
    def test_each_danger_to_life_is_urgent(self) -> None:
        notes = {
            "电线断了掉在路边": "line down or low",
            "导线垂得很低，拖拉机过不去": "line down or low",
            "树倒下来压在电线上": "tree or object on a line",
            "树枝碰到电线了": "tree or object on a line",
            "变压器上面一直打火": "arcing or sparks",
            "表箱冒烟了": "smoke",
            "配电房着火了": "fire",
            "电杆歪起了，快倒了": "pole leaning or fallen",
            "有头牛碰到断线被电死了": "person or animal near live equipment",
            "娃娃爬到变压器台架上了": "person or animal near live equipment",
            "大水把变压器淹了": "flooding at equipment",
        }
        for note, danger in notes.items():
            with self.subTest(note):
                self.assertIn(danger, findings(note).dangers)
                self.assertTrue(is_urgent(note, "fault_repair"))

    def test_a_danger_the_caller_denies_is_not_urgent(self) -> None:
        for note in (
            "停电了，没有打火",
            "线路没有冒烟，就是没电",
            "没看到火，也没听到响声，就是黑了",
            "变压器不冒烟了吗？也不响",
            "电线没断，就是没电",
            "会不会着火啊，想问一下",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())
                self.assertFalse(is_urgent(note, "fault_repair"))

    def test_a_danger_denied_after_it_is_named_is_not_urgent(self) -> None:
        for note in ("冒烟倒是没有，就是停电了", "打火的情况没看到，灯就是不亮", "火花是没有的"):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())
        self.assertTrue(is_urgent("电线掉在地上没人管"))  # nobody seeing to it is no denial

    def test_a_danger_only_feared_or_asked_about_is_not_urgent(self) -> None:
        for note in (
            "风大得很，怕电线被刮断",
            "家里电线老了会不会着火",
            "打雷的时候怎么防止触电",
            "万一表箱进水了咋个办",
            "你们带电作业安全吗",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note, "consultation"))
        self.assertTrue(is_urgent("电线掉在路上了，怕有人碰到"))

    def test_a_danger_past_and_dealt_with_is_not_urgent_but_one_still_there_is(self) -> None:
        for note in (
            "去年变压器着火，你们换了新的，现在电压稳多了",
            "那场大风刮倒了电杆，你们当天就立好了",
            "以前这里电线断过，你们修好了，想问下改造什么时候搞",
        ):
            with self.subTest(note):
                self.assertEqual(findings(note).dangers, ())
        for note in (
            "上次报修的电杆歪了，到现在还没人来",
            "上次电杆倒了你们修好了，现在那根线又掉下来了",
            "上个月电杆就歪了",  # nothing says it was dealt with
        ):
            with self.subTest(note):
                self.assertTrue(is_urgent(note))

    def test_a_denial_further_back_does_not_hide_a_danger(self) -> None:
        self.assertTrue(is_urgent("不知道为什么，表箱在冒烟"))
        self.assertTrue(is_urgent("没有人管，电线掉在地上两天了"))

    def test_medical_need_at_home_is_urgent_whatever_the_category(self) -> None:
        for note in ("停电了，家里老人用制氧机", "我爸在家做透析，没电了", "病人在家用呼吸机"):
            with self.subTest(note):
                self.assertTrue(findings(note).medical)
                self.assertTrue(is_urgent(note, "complaint"))
        self.assertFalse(is_urgent("家里没有病人，停电了也不急", "fault_repair"))

    def test_a_danger_remembered_in_thanks_is_not_a_hazard_call(self) -> None:
        for note in (
            "上次电杆倒了，你们半夜就赶来处理了，谢谢",
            "那天表箱冒烟，幸亏你们来得快，感谢",
            "多亏你们及时来修，老人的制氧机才没断，谢谢",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note, "hazard"))

    def test_thanks_at_the_end_of_a_call_for_help_keep_it_urgent(self) -> None:
        self.assertTrue(is_urgent("电线断了掉在地上，请尽快派人来处理，谢谢"))
        self.assertTrue(is_urgent("谢谢你们上次来修，现在电杆又倒了，快来"))

    def test_junk_is_never_urgent(self) -> None:
        for note in (
            "测试号码",
            "测试一下你们的电话通不通",
            "13812345678",
            "",
            "   ",
            "喂？喂？",
            "打错了",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))
                self.assertFalse(is_urgent(note, "hazard"))
        self.assertFalse(is_junk("喂，变压器冒烟了"))
        self.assertFalse(is_junk("申请电表测试"))

    def test_words_that_only_sound_dangerous_are_not(self) -> None:
        for note in (
            "我家小孩要办过户手续",
            "牛圈那边想单独装一块表",
            "家里装了漏电保护器，多久试一次",
            "线路电压低得很，灯不亮",
            "从停电到现在三个钟头了",
            "线路改造什么时候落实",
        ):
            with self.subTest(note):
                self.assertFalse(is_urgent(note, "business"))


class ApartSetTests(TestCase):
    """Safety on the notes written apart from the training corpus (see DATA_CARD.md)."""

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.rows = read_rows(APART)
        cls.suggestions = default_classifier().suggest([row["text"] for row in cls.rows])

    def test_the_set_is_unchanged(self) -> None:
        self.assertEqual(hashlib.sha256(APART.read_bytes()).hexdigest(), APART_SHA256)

    def test_every_hazard_is_urgent(self) -> None:
        missed = [
            row["text"]
            for row, s in zip(self.rows, self.suggestions, strict=True)
            if row["category"] == "hazard" and not s.urgent
        ]
        self.assertEqual(missed, [])

    def test_every_medical_need_is_urgent(self) -> None:
        medical = [
            (row, s)
            for row, s in zip(self.rows, self.suggestions, strict=True)
            if row["need"] == "medical"
        ]
        self.assertGreaterEqual(len(medical), 5)
        self.assertEqual([row["text"] for row, s in medical if not s.urgent], [])

    def test_at_most_three_in_a_hundred_calm_calls_are_urgent(self) -> None:
        calm = [s for row, s in zip(self.rows, self.suggestions, strict=True) if not row["urgent"]]
        self.assertLessEqual(sum(s.urgent for s in calm) / len(calm), 0.03)

    def test_junk_is_other_and_never_urgent(self) -> None:
        for s in default_classifier().suggest(["测试号码", "1234567", "  ", "打错了"]):
            self.assertEqual((s.category, s.urgent, s.ask), ("other", False, False))

    def test_duty_notes_of_calls_that_went_nowhere_are_junk(self) -> None:
        for note in (
            "来电无人说话，约十秒后对方挂断",
            "对方打错了，要找卫生院",
            "小孩拿大人手机乱拨的，已挂",
            "系统测试来电，请忽略",
            "只听到杂音，无法通话，挂机",
            "响一声就挂了，回拨是空号",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))
                s = default_classifier().suggest_one(note)
                self.assertEqual((s.category, s.urgent), ("other", False))

    def test_more_ways_of_a_call_that_went_nowhere_are_junk(self) -> None:
        for note in (
            "喂喂喂听得到吗",  # a caller who never said more
            "喂你好有人吗",
            "嗯",
            "无效来电",
            "推销保险的，已挂断",  # insurance, not a fuse
            "疑似诈骗电话，已挂",
            "小孩恶作剧",
            "醉酒来电，说不清楚",
            "信号不好，断了",
            "通话中断，回拨无人接",
            "电话接通后只听见嘟嘟声",
            "来电未讲话即挂",
            "对方一直不吭声",
            "找村卫生室的，不是我们这",
            "静音来电",
            "语音转写失败",
        ):
            with self.subTest(note):
                self.assertTrue(is_junk(note))
                s = default_classifier().suggest_one(note)
                self.assertEqual((s.category, s.urgent), ("other", False))

    def test_a_call_about_something_said_with_those_words_is_not_junk(self) -> None:
        for note in (
            "有人推销电表说能省电费，是不是你们的人",
            "有人冒充供电所打电话让交电费，是不是诈骗",
            "信号不好断了，我家停电了",
            "喝醉了开车撞倒电杆",
            "嗯，家里没电了",
            "喂听得到吗，我们村停电了",
            "推销保险的把我家电线碰断了",
            "有人没得？线掉下来了",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))

    def test_a_call_about_something_is_never_junk(self) -> None:
        for note in (
            "你们电话一直打不通，家里停电两天了",
            "我家电表测试一下准不准",
            "投诉：打了三次电话都没人接",
            "来电了，谢谢你们",
            "打错了，不好意思，我是要问电费的",
            "对方不说话，只听到有人喊救命",
            "无声无息就停电了",
            "线路上有杂音，滋滋响",
            "挂了电话又来电了",
            "值班的不耐烦，没听完就挂了，什么服务",
        ):
            with self.subTest(note):
                self.assertFalse(is_junk(note))

    def test_the_calls_new_users_tried_are_not_urgent(self) -> None:
        for s in default_classifier().suggest(["我家小孩要办过户手续", "牛圈想单独装一块电表"]):
            self.assertFalse(s.urgent)


class ThirdSetTests(TestCase):
    """Safety on the notes written by another hand, apart from everything in the project."""

    def test_the_set_is_unchanged(self) -> None:
        self.assertEqual(hashlib.sha256(THIRD.read_bytes()).hexdigest(), THIRD_SHA256)
        self.assertEqual(hashlib.sha256(THIRD_JUNK.read_bytes()).hexdigest(), THIRD_JUNK_SHA256)

    def test_every_danger_to_life_is_urgent_whatever_the_category(self) -> None:
        rows = [r for r in read_rows(THIRD) if r["category"] == "hazard" or r["need"] == "hazard"]
        suggestions = default_classifier().suggest([row["text"] for row in rows])
        self.assertGreaterEqual(len(rows), 30)
        self.assertEqual(
            [r["text"] for r, s in zip(rows, suggestions, strict=True) if not s.urgent], []
        )


class FourthSetTests(SimpleTestCase):
    def test_the_set_is_unchanged(self) -> None:
        self.assertEqual(hashlib.sha256(FOURTH.read_bytes()).hexdigest(), FOURTH_SHA256)
        self.assertEqual(hashlib.sha256(FOURTH_JUNK.read_bytes()).hexdigest(), FOURTH_JUNK_SHA256)
        self.assertEqual(hashlib.sha256(FIFTH.read_bytes()).hexdigest(), FIFTH_SHA256)
        self.assertEqual(hashlib.sha256(FIFTH_JUNK.read_bytes()).hexdigest(), FIFTH_JUNK_SHA256)
        self.assertEqual(hashlib.sha256(SIXTH.read_bytes()).hexdigest(), SIXTH_SHA256)
        self.assertEqual(hashlib.sha256(SIXTH_JUNK.read_bytes()).hexdigest(), SIXTH_JUNK_SHA256)
        for path, sha in (
            (SEVENTH, SEVENTH_SHA256),
            (SEVENTH_JUNK, SEVENTH_JUNK_SHA256),
            (EIGHTH, EIGHTH_SHA256),
            (EIGHTH_JUNK, EIGHTH_JUNK_SHA256),
        ):
            self.assertEqual(hashlib.sha256(path.read_bytes()).hexdigest(), sha, path.name)
        for name, sha in SEALED_SHA256.items():
            self.assertEqual(hashlib.sha256((SEALED / name).read_bytes()).hexdigest(), sha, name)
