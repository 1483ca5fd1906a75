"""The forty-second round: dangers said the indirect ways duty staff and callers say them.

Notes written for the round as a mountain station's duty staff and its callers speak (dialect,
speech-to-text, a danger told by what is seen, heard or smelt rather than named) found a few
readings calm that are dangers to life now: a line "垮下来了"; a spark "跳火", an arc "拉弧", fire
"还有火" after a thing burnt; the smell of burning told with what burns ("烧电线的味道",
"配电房里有烧东西的味道", "烧糊的味道"); smoke "冒起" or "黑烟滚滚"; a meter box burnt black and
hot; a pole "冲跑了", "断成两截", "朝路这边倒过来了", or the earth at its foot "冲没了" (read
before as a denial, 没); water over equipment ("漫过配电箱", "泵房进水", "台变被淹",
"电箱被水泡了"); someone told first as up a pole ("有人在电线杆上偷线"). Then shapes the hands'
dangers showed the rules missing (counted by program over the training hands): a line low said
bare ("线太低", "低得很"), lying across a road, its sheath broken, within reach, flashing; a thing
hooked to or caught on a line; a pole bent, lying, sliding, falling now; someone under or
climbing onto equipment; a beast down at a touch. The same words denied, asked about, past and
dealt with, habitual, of a hearth or of something else (栏杆, 线损, 在线, 现在倒是) stay calm. The
notes are our own; no evaluation note was read."""

from __future__ import annotations

from django.test import SimpleTestCase

from powerdesk.servicedesk.understanding.urgency import findings


class IndirectDangersAreUrgentTests(SimpleTestCase):
    dangers = {
        "线子垮下来了，就在路边": "line down or low",
        "那边跳火，啪的一声": "arcing or sparks",
        "线路拉弧，噼噼的": "arcing or sparks",
        "开关烧坏了还有火": "arcing or sparks",
        "闻到一股烧电线的味道": "smoke",
        "配电房里有烧东西的味道": "smoke",
        "有股电线烧糊的味道，不知道哪里": "smoke",
        "电线烧了，还有味道": "smoke",
        "变压器冒起烟了": "smoke",
        "刚才一声巨响，变压器那边黑烟滚滚": "smoke",
        "表箱烧黑了，还在发烫": "fire",
        "电线杆被大水冲跑了": "pole leaning or fallen",
        "电线杆断成两截": "pole leaning or fallen",
        "电杆脚下的土都冲没了": "pole leaning or fallen",
        "路边那根杆子朝路这边倒过来了": "pole leaning or fallen",
        "水已经漫过配电箱了": "flooding at equipment",
        "泵房进水了，水到电机了": "flooding at equipment",
        "台变被淹": "flooding at equipment",
        "电箱被水泡了，水快到表了": "flooding at equipment",
        "有人在电线杆上偷线": "person or animal near live equipment",
        "电线荡下来了，好低": "line down or low",
        "高压线段了一根": "line down or low",
        "鱼塘上的线太低，有人在钓鱼": "line down or low",
        "私拉的线跨过马路 低得很": "line down or low",
        "表箱里的线被鸡啄得露了铜": "line down or low",
        "线在雪里埋着，路都看不见": "line down or low",
        "吊臂离那个高压线就一尺来远": "line down or low",
        "电杆被撞弯了": "pole leaning or fallen",
        "电线杆躺在路上": "pole leaning or fallen",
        "一根电杆顺着土往下滑了半截": "pole leaning or fallen",
        "电表那里有焦煳味": "smoke",
        "表箱帽烟了": "smoke",
        "配电柜里面有异响，还有异味": "smoke",
        "羊子在啃电线": "person or animal near live equipment",
        "牛舔了一下倒了": "person or animal near live equipment",
        "无人机打药挂到线上了": "tree or object on a line",
        "水涨起来了，配电箱在水里": "flooding at equipment",
        "配电箱子已经泡了一半在水里": "flooding at equipment",
        "杆子塌了，线在路上": "line down or low",
        "线横着拦在马路上": "line down or low",
        "电缆叫铲车轧破了皮，地上一摊水": "line down or low",
        "茶园里的线有一段垂得能摸到": "line down or low",
        "线滑下来耷在另一根线上，看着一闪一闪的": "line down or low",
        "船上的竹竿钩到过河电线": "line down or low",
        "还嗤嗤响，吓人": "arcing or sparks",
        "接户线穿过木梁，梁子烧黑了，还有点烫": "fire",
        "杆子慢慢在倒": "pole leaning or fallen",
        "电杆根部被水泡软了": "pole leaning or fallen",
        "变压器底下有人！": "person or animal near live equipment",
        "游客拍照往电线杆上爬": "person or animal near live equipment",
        "羊子跑到变压器台子上去了": "person or animal near live equipment",
    }

    def test_each_is_urgent_and_names_its_danger(self) -> None:
        for note, kind in self.dangers.items():
            with self.subTest(note=note):
                found = findings(note)
                self.assertTrue(found.urgent)
                self.assertIn(kind, found.dangers)


class TheSameWordsCalmTests(SimpleTestCase):
    calm = (
        "没闻到焦味，就是跳闸",
        "没有冒烟，就是停电了",
        "以前变压器冒过烟，现在好了",
        "家里烧柴的味道很大，跟电没关系",
        "闻到一股烧烤味，是隔壁在烤肉，跟电没关系",
        "上回电线杆被撞歪了，你们当天就换了，很感谢",
        "电线杆上贴了很多小广告",
        "有人在电线杆上贴小广告，能不能管一下",
        "心跳火急火燎的，家里停电了什么时候来",
        "灶房冒烟是做饭",
        "这个线段归哪个所管",
        "线损低得很，去年评了先进",
        "网线很低，宽带老断",
        "排队挂在线上等了半天",
        "家里的狗老去啃电线，会不会被电到",
        "修表的时候梯子靠在栏杆上，栏杆都弯了",
        "电压忽高忽低，主板都烧糊了，要求赔偿",
        "那天看着杆子那边白烟滚滚，结果是邻居蒸馒头的锅屋",
        "还记得九六年那场大水把电杆冲跑了，整个村停了半个月，建议以后别在河边立杆",
        "电线杆到了，什么时候来栽",
        "线路在路边，新线在路边放着等施工",
        "线不好，灯一闪一闪的",
        "建议把老木头杆子换成水泥的，现在倒是还立着",
        "你们现在在倒班吗",
    )

    def test_none_is_urgent(self) -> None:
        for note in self.calm:
            with self.subTest(note=note):
                self.assertFalse(findings(note).urgent)
