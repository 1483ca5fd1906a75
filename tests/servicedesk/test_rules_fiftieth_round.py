"""The fiftieth round: the classes of wording behind the dangers and the need the rules missed in
the training hands ``hand65``-``hand68``, each as a general shape, with a near miss beside it.

A line sagging till it all but touches the water or the ground, hanging lower than a person or
down onto a yard, or fallen said verb first ("掉下来一根电线"); a beast tripped or caught by a
line, or lying still by one; a mast or a rod caught on a line; legs tingling in water with a leak,
a shock, a pump or a flood (not hot water, a cramp or a day's work in the field); a railing or
a grille live ("护栏通电了"); a transformer leaning said with the south-west's aspect ("变压器歪
起"); a box named by its pole, open, children at it; children under equipment named before them;
a child named as the south names one ("细崽", "伢崽", rules only); and a cut asked to be held as a
polite question ("能不能莫停他电") beside a machine a life needs. The notes are our own, written
for these tests in the classes of the hands' misses, not their words; no evaluation note was read.
"""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.dialects import as_mandarin, as_xiang_read
from powerdesk.servicedesk.understanding.urgency import findings

# Each note and the kind of danger the rules must hear in it.
DANGERS = (
    ("塘边那根电线快挨到水面了", "line down or low"),
    ("村口的线快碰到车顶了", "line down or low"),
    ("晒谷坪上面的电线不到一人高 娃娃在那里跑", "line down or low"),
    ("电线耷下来 只有一人高了", "line down or low"),
    ("有根电线吊到院坝里了", "line down or low"),
    ("后山断下来一根电线", "line down or low"),
    ("昨晚刮风 掉下来个高压线", "line down or low"),
    ("我家的羊绊到电线了", "line down or low"),
    ("牛被电线绊倒了", "line down or low"),
    ("马在电线旁边倒在沟里 一动不动", "person or animal near live equipment"),
    ("渔船的桅杆刮到高压线了", "tree or object on a line"),
    ("学校的旗杆挂到电线了", "tree or object on a line"),
    ("台变歪起了 下面的土冲走了", "pole leaning or fallen"),
    ("变压器斜得厉害", "pole leaning or fallen"),
    ("涨水了 人站在水头脚板麻", "person or animal near live equipment"),
    # (legs tingling in water with what makes it electric: a leak, a shock, a pump, a flood)
    ("塘里漏电 脚一进水就麻", "person or animal near live equipment"),
    ("站在水里脚被电麻了", "person or animal near live equipment"),
    ("抽水机旁边的水坑 脚踩进去腿杆麻", "person or animal near live equipment"),
    ("屋里淹了 站在水里脚麻", "person or animal near live equipment"),
    ("阳台的防盗网通电了", "person or animal near live equipment"),
    ("楼梯的铁栏杆通着电 不敢摸", "person or animal near live equipment"),
    ("电杆上面那个箱子门掉了 细崽在下面耍", "person or animal near live equipment"),
    ("路边电杆旁边的箱子门开着 几个细崽在跟前耍", "person or animal near live equipment"),
    ("几个娃在台变底下捡瓶子", "person or animal near live equipment"),
    ("村小旁边的配电箱 刚才看到伢崽在下面抠", "person or animal near live equipment"),
)

# Near misses: a question, a standard, a line that is no power line, advice, a past deed, a lean
# asked of how it is mounted, a railing denied or asked of, a beast's young, outages complained of.
CALM = (
    "电线离地要多高，有没有一人高的标准",
    "请问电线是不是不到一人高就不行",
    "网线快挨到地了，明天找电信",
    "电话线吊到院子里了",
    "上个月断下来的电线已经修好了，谢谢你们",
    "牛绳缠到树上了",
    "开学第一课 教娃娃们遇到断下来的电线不要碰",
    "钓鱼的时候注意鱼竿不要碰到电线",
    "变压器斜起来装是不是不对，问一下",
    "变压器没歪",
    "护栏没通电",
    "护栏通电吗",
    "杆子底下那个箱子门关好了",
    "变压器旁边小孩在底下玩过，已经修了围栏",
    "猪崽崽死了一只，跟电没关系",
    "细崽考上大学了，想装个空调增容",
    "你们能不能别老停电，烦死了",
    # (legs numb near water with nothing electric: hot water, sitting, a cramp, work in the fields,
    # cold; a bill, a line online, a leak denied)
    "洗脚水烫得脚麻",
    "水泥地上坐久了脚麻，想问下电费",
    "河里游泳抽筋了腿麻",
    "田里插秧一天腿杆都麻了",
    "我泡了热水脚还是麻，电费单在哪看",
    "沟里的水冰得很 脚板麻了",
    "田里插秧一天腿杆都麻了 线上怎么交电费",
    "水田里站久了脚麻，电工说不是漏电",
)

# A cut asked to be held as a question, beside a machine or a person who needs it.
CUT_HELD_ASKED = (
    "家里老人用制氧机 能不能莫停我家电",
    "我爸在家用呼吸机 换表的时候能不能别停电",
    "帮他们家办个暂停 老人家瘫在床上用气垫床 办的时候可不可以先别给他停",
)
# …not under a condition, not of outages to come in general, and not with nobody who needs it.
CUT_HELD_NOT = (
    "要是下个月停电 我爸用呼吸机 能不能莫停我家",
    "以后停电能不能别停有病人的户",
    "帮一户办过户 办的时候能不能莫停他电",
)


class DangersSaidOtherwiseTests(SimpleTestCase):
    def test_each_class_of_the_hands_misses_is_urgent_with_its_kind(self) -> None:
        for note, kind in DANGERS:
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.urgent, found)
                self.assertIn(kind, found.dangers)

    def test_near_misses_stay_calm(self) -> None:
        for note in CALM:
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.urgent, found)
                self.assertFalse(found.dangers, found)


class ACutHeldAskedTests(SimpleTestCase):
    def test_a_cut_asked_to_be_held_beside_a_machine_is_a_need(self) -> None:
        for note in CUT_HELD_ASKED:
            with self.subTest(note):
                found = findings(note)
                self.assertTrue(found.medical, found)
                self.assertTrue(found.urgent, found)

    def test_under_a_condition_in_general_or_with_nobody_in_need_it_is_none(self) -> None:
        for note in CUT_HELD_NOT:
            with self.subTest(note):
                found = findings(note)
                self.assertFalse(found.medical, found)
                self.assertFalse(found.urgent, found)


class AChildAsTheSouthNamesOneTests(SimpleTestCase):
    def test_read_as_a_child_by_the_rules_only(self) -> None:
        self.assertEqual(as_xiang_read("两个细崽在变压器底下"), "两个小孩在变压器底下")
        self.assertEqual(as_xiang_read("伢崽在台架上"), "小孩在台架上")
        # (the model reads the note as written: its features are unchanged)
        self.assertEqual(as_mandarin("两个细崽在变压器底下"), "两个细崽在变压器底下")

    def test_a_beasts_young_is_no_child(self) -> None:
        self.assertEqual(as_xiang_read("猪崽崽在变压器底下"), "猪崽崽在变压器底下")
