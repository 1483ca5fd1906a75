"""The rules of the thirty-seventh round, from the calm notes the rules made urgent over the hands
and from a new hand (elderly callers of north-western Jiangxi's hill counties, their calls as the
hotline's transcripts and a night duty's log write them down in Gan): a patient or a machine named
in a note that says the power is on now ("现在有电的", "电是好的", "目前供电正常") is no need now,
unless an outage is told after it, its return asked or an outage planned; a treatment done at a
hospital named ("在县医院洗") is not at home; thanks owed ("这份情记着", "记一辈子", "专门打电话来
谢") and a time past said as "那段时间" cover a need or a danger past; "莫出事" is "没出事". And
widened: Gan read as Mandarin by the rules ("箇只电杠子栽过来哩" is "这只电杆倒过来了", "许根线",
"箇下" now, "洗肾" dialysis). Each beside the danger, the need or the call it must not hide; the
notes are our own, written for these tests."""

from __future__ import annotations

from powerdesk.servicedesk.understanding.dialects import as_xiang_read
from tests.servicedesk.rules_cases import RulesCase


class PowerOnNowTests(RulesCase):
    def test_a_patient_asked_about_with_the_power_on_is_calm(self) -> None:
        self.assert_calm(
            "客户问家里有个病人用制氧机 能不能提前晓得停电 想登记一下 现在有电的",
            "问家里有人用制氧机 停电的时候能不能优先来电 她家现在电好好的",
            "用户问 胰岛素放冰箱 停电几个钟头不要紧吧 现在有电 先问问",
            "家里老人用呼吸机 想登记成重要用户 现在有电没事",
            "村医说孙奶奶家来电了 制氧机正常了 谢谢你们",
        )

    def test_an_outage_after_it_or_the_power_asked_about_is_urgent(self) -> None:
        self.assert_urgent(
            "家里老人用制氧机 现在有电了吗 停了一个钟头了",
            "现在有电的 但是电压低 制氧机开不起来",
            "刚才来电了 又停了 我爸用着呼吸机",
            "停电了 家里老人用制氧机 快点来",
            "家里老人用制氧机，停电了",
        )


class AtAHospitalNamedTests(RulesCase):
    def test_a_treatment_at_a_hospital_named_is_calm(self) -> None:
        self.assert_calm("我想问下 我老伴透析 在县医院做 家里没有机器 停电要不要登记")

    def test_a_machine_at_home_with_the_power_off_is_urgent(self) -> None:
        self.assert_urgent(
            "停电了 我老伴透析 晚上在家里接机器",
            "没电了 我妈在县医院出院回来了 家里制氧机停了",
        )


class ThanksOwedTests(RulesCase):
    def test_thanks_owed_for_a_need_or_a_danger_past_are_calm(self) -> None:
        self.assert_calm(
            "我老汉吸氧的 上回停电我一打电话 你们先接了个发电机过来 这份情记着",
            "俺娘吸氧离不了电 那回停电恁先给俺家拉了个临时线 俺们记一辈子",
            "我妈做透析 上次停电你们优先给我们弄好了 专门打电话来谢",
            "感谢 我爸做透析那段时间 你们专门给我们家保电",
            "客户感谢 停电前一天通知了 她把老人送到亲戚家吸氧 莫出事",
        )

    def test_a_need_or_a_danger_now_beside_thanks_is_urgent(self) -> None:
        self.assert_urgent(
            "上回停电你们先给拉了发电机 这份情记着 不过今天又停电了 我妈的制氧机停了",
            "谢谢你们上回来得快 现在电线又断了 掉在路上",
            "停电了 家里老人用制氧机 快来 来谢你们都行",
        )


class GanTests(RulesCase):
    def test_gan_is_read_as_mandarin_by_the_rules(self) -> None:
        self.assertEqual(as_xiang_read("箇只电杠子朝我屋里栽过来哩"), "这只电杆往我屋里倒过来了")
        self.assertEqual(as_xiang_read("许根线断哩"), "那根线断了")
        self.assertEqual(as_xiang_read("也许明天来"), "也许明天来")
        self.assertEqual(as_xiang_read("许多人都说好"), "许多人都说好")

    def test_dangers_and_needs_said_in_gan_are_urgent(self) -> None:
        self.assert_urgent(
            "喂 箇只电杠子 朝我屋里栽过来哩 电线扯得绷紧个",
            "许根电线断哩 落在菜园里",
            "喂 冇电哩 我老倌每夜要洗肾 机器转不动",
            "路口许只线头子 冒火星子",
        )

    def test_calm_notes_in_gan_are_calm(self) -> None:
        self.assert_calm(
            "喂 我屋电火不亮哩 隔壁也一样 箇下冇得火星子 冇得烟",
            "我老倌吸氧 箇下电好好个 就是问有冇得补贴",
            "婆婆子洗肾 在县医院洗 屋里冇得机器 问下要不要登记",
        )
