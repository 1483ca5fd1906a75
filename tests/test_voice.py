"""The voice of the customer: keywords of the month's notes, the places named apart, what is rising
against the six months before, and each figure drilling down to the calls behind it."""

from __future__ import annotations

import datetime as dt
import doctest
import re
import threading
import zoneinfo
from unittest import mock

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.reports import keywords as keywords_module
from powerdesk.reports.keywords import Trend
from powerdesk.reports.voice import month_voice
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, make_user

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_the_rules_of_the_keywords_module_hold_as_written() -> None:
    failures, _tried = doctest.testmod(keywords_module)
    assert failures == 0


def test_a_word_never_said_before_is_measured_against_one_note_in_six_months() -> None:
    t = Trend(count=9, notes=100, prior_counts=(0,) * 6, prior_notes=(100,) * 6)
    assert t.baseline == 0
    assert round(t.lift or 0, 6) == 54.0  # 9 % against 1 in 600
    assert t.rising
    few = Trend(count=3, notes=100, prior_counts=(0,) * 6, prior_notes=(100,) * 6)
    assert not few.rising  # too few notes to call it a trend
    steady = Trend(count=10, notes=100, prior_counts=(10,) * 6, prior_notes=(100,) * 6)
    assert round(steady.lift or 0, 6) == 1.0 and not steady.rising
    nothing_before = Trend(count=10, notes=100, prior_counts=(0,) * 6, prior_notes=(0,) * 6)
    assert nothing_before.lift is None and not nothing_before.rising


# Notes written for this test, as clerks write them, never used to choose the station's words,
# synonyms or stop words: what the chief should read from them is "跳闸", "停电", "树障" and
# "电压低", never the words around them.
UNSEEN_NOTES = [
    "我们村子这两天一直跳闸，晚上的时候跳了三次，麻烦看一下",
    "组都莫得电了，从早上到现在，老人在家",
    "这个时候又没电了，整个组都是黑的，快点来",
    "村子后面那棵树的树枝碰线了，刮风就打火，一直响",
    "树枝搭在线上了，下雨的时候怕出事",
    "电压太低了，冰箱都带不动，晚上灯是暗的",
    "电压不够，水泵抽不起水，已经好几天了",
    "掉闸了，合上去又跳，家里什么都用不成",
    "我们这点停电了，不晓得什么时候来电",
    "电表箱那里跳闸，合不上，麻烦师傅来一趟",
    "变压器冒烟了，村子里的人都看到了",
    "断电好几个钟头了，冰柜里的肉要坏了",
]
FILLERS = ("组都", "村子", "时候", "现在", "一直", "晚上", "早上", "这点", "麻烦", "整个")


def test_topics_of_notes_never_seen_are_the_station_s_words_not_fillers() -> None:
    words = [w for w, _weight in keywords_module.keywords(UNSEEN_NOTES, top=15)]
    for filler in FILLERS:
        assert not any(filler in w for w in words), (filler, words)
    for topic in ("跳闸", "停电", "电压低", "树障"):
        assert topic in words, (topic, words)


def test_the_ways_callers_say_a_thing_are_one_topic_counted_in_every_form() -> None:
    # "莫得电", "没电", "断电" and "停电" are one topic; "掉闸" is "跳闸"; "电压不够" is "电压低"
    counts = keywords_module.counts_in(UNSEEN_NOTES, ["停电", "跳闸", "电压低", "树障"])
    assert counts == {"停电": 4, "跳闸": 3, "电压低": 2, "树障": 2}


def test_the_call_itself_and_jieba_s_poetic_nouns_are_no_topics() -> None:
    # Walkthrough 33: "来电" (the call, kept whole for cutting) and "离人" ("线离人太近": jieba's
    # "one departing") were among the month's topics.
    assert keywords_module.terms("左门村张三来电，家里没电了") == ["停电"]
    assert "离人" not in keywords_module.terms("电线离人很近，怕出事")
    assert "电线" in keywords_module.terms("电线离人很近，怕出事")


def test_the_station_s_words_stay_whole_and_two_together_make_a_phrase() -> None:
    assert keywords_module.terms("熔断器烧了，电表不走") == ["熔断器", "电表"]
    assert "变压器冒烟" in keywords_module.terms("变压器冒烟了")
    assert keywords_module.terms("你好，那个时候我们组都在家里") == []


class VoiceTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.crew_member = make_user("crew", cls.station_a, Role.CREW)
        # Six months of ordinary calls, then a month when the water pumps will not run.
        for months_back in range(1, 7):
            at = dt.datetime(2026, 10 - months_back, 10, 9, tzinfo=TZ)
            for i in range(10):
                cls.call(at + dt.timedelta(hours=i), "停电了，麻烦你们来看一下，谢谢。")
        for i in range(9):
            cls.call(
                dt.datetime(2026, 10, 3, 8 + i, tzinfo=TZ),
                "左门哔叭组水泵抽不起水，电压太低。",
                customer=True,
            )
        for i in range(6):
            cls.call(dt.datetime(2026, 10, 20, 8 + i, tzinfo=TZ), "停电了，麻烦你们来看一下。")
        # Station B's pumps are its own business.
        for i in range(20):
            Call.objects.create(
                station=cls.station_b,
                received_at=dt.datetime(2026, 10, 5, 8, i, tzinfo=TZ),
                text="变压器冒烟，着火了。",
                category="hazard",
            )

    @classmethod
    def call(cls, at: dt.datetime, text: str, *, customer: bool = False) -> Call:
        return Call.objects.create(
            station=cls.station_a,
            received_at=at,
            text=text,
            category="fault_repair",
            customer=cls.customer if customer else None,
        )

    def setUp(self) -> None:
        cache.clear()

    def test_a_keyword_s_share_has_one_decimal_as_every_percentage(self) -> None:
        self.login(self.chief)
        page = self.client.get(reverse("reports:voice"), {"month": "2026-10"}).content.decode()
        # 水泵: 9 of the month's 15 notes.
        self.assertIn('<td class="num">60.0%</td>', page)
        self.assertNotIn('<td class="num">60%</td>', page)

    def test_the_month_s_keywords_leave_out_fillers_and_place_names(self) -> None:
        voice = month_voice(self.station_a, 2026, 10)
        self.assertEqual((voice.calls, voice.notes), (15, 15))
        words = [k.word for k in voice.keywords]
        self.assertIn("水泵", words)
        self.assertIn("停电", words)
        for filler_or_place in ("麻烦", "谢谢", "左门", "哔叭", "你们"):
            self.assertNotIn(filler_or_place, words)
        self.assertEqual(dict(voice.places), {"左门": 9, "哔叭": 9})
        self.assertNotIn("冒烟", words)  # station B's notes

    def test_a_keyword_said_far_more_than_in_the_six_months_before_is_rising(self) -> None:
        voice = month_voice(self.station_a, 2026, 10)
        pump = next(k for k in voice.keywords if k.word == "水泵")
        self.assertEqual(pump.trend.count, 9)
        self.assertEqual(pump.trend.prior_counts, (0,) * 6)
        self.assertEqual(pump.trend.prior_notes, (10,) * 6)
        self.assertTrue(pump.trend.rising)
        outage = next(k for k in voice.keywords if k.word == "停电")
        self.assertFalse(outage.trend.rising)  # 6 of 15 against 10 of 10 every month
        self.assertIn(pump, voice.rising)

    def test_the_village_is_the_call_s_or_else_the_caller_s(self) -> None:
        voice = month_voice(self.station_a, 2026, 10)
        by_village = {g.key: g for g in voice.villages}
        self.assertEqual(by_village[str(self.village.pk)].notes, 9)
        self.assertEqual(dict(by_village[str(self.village.pk)].keywords)["水泵"], 9)
        self.assertEqual(by_village[""].notes, 6)

    def test_a_new_call_makes_a_fresh_analysis_and_an_unchanged_month_comes_from_the_cache(
        self,
    ) -> None:
        month_voice(self.station_a, 2026, 10)
        # only the check of what the months hold: their calls, the station's place names
        with self.assertNumQueries(3):
            month_voice(self.station_a, 2026, 10)
        self.call(dt.datetime(2026, 10, 28, 9, tzinfo=TZ), "水泵又抽不起水了")
        pump = next(k for k in month_voice(self.station_a, 2026, 10).keywords if k.word == "水泵")
        self.assertEqual(pump.trend.count, 10)

    def test_a_note_corrected_makes_a_fresh_analysis(self) -> None:
        # The report reflects the notes as they are now, never words they no longer say.
        pump = next(k for k in month_voice(self.station_a, 2026, 10).keywords if k.word == "水泵")
        self.assertEqual(pump.trend.count, 9)
        said = Call.objects.filter(station=self.station_a, text__contains="水泵")
        Call.objects.filter(pk=said.order_by("pk")[0].pk).update(text="电压低，灯泡很暗")
        pump = next(k for k in month_voice(self.station_a, 2026, 10).keywords if k.word == "水泵")
        self.assertEqual(pump.trend.count, 8)

    def test_each_keyword_links_to_as_many_calls_as_it_counts(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("reports:voice"), {"month": "2026-10"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "水泵")
        # the table of calls by category is headed as what it is, not as topics
        self.assertContains(page, "各月来电类别")
        self.assertNotContains(page, "各月话题")
        links = re.findall(r'href="(/desk/calls/\?[^"]+)"', page.content.decode())
        pump = next(
            link for link in links if "topic=%E6%B0%B4%E6%B3%B5" in link and "village" not in link
        )
        # (the search is kept out of the address: the list redirects to it without the words)
        calls = self.client.get(pump.replace("&amp;", "&"), follow=True)
        self.assertEqual(calls.context["page"].paginator.count, 9)
        self.assertContains(calls, "提到“水泵”（任何一种说法）")  # the list says what it shows
        by_village = next(link for link in links if f"village={self.village.pk}" in link)
        calls = self.client.get(by_village.replace("&amp;", "&"), follow=True)
        self.assertEqual(calls.context["page"].paginator.count, 9)

    def test_the_call_list_filters_by_month_village_and_category(self) -> None:
        self.login(self.clerk)
        url = reverse("servicedesk:calls")

        def count(**q: object) -> int:
            return int(self.client.get(url, q, follow=True).context["page"].paginator.count)

        self.assertEqual(count(month="2026-10"), 15)
        self.assertEqual(count(month="2026-09"), 10)
        self.assertEqual(count(month="2026-10", village=self.village.pk), 9)
        self.assertEqual(count(month="2026-10", category="hazard"), 0)
        self.assertEqual(count(month="2026-10", q="水泵"), 9)
        # (an empty search clears the one the list keeps)
        self.assertEqual(count(month="不是月份", q=""), 75)  # a filter not understood: none
        # the export of the list takes the same filters (the search kept with the list, never
        # in the export's address)
        self.assertEqual(count(month="2026-10", q="水泵"), 9)
        export = self.client.get(
            reverse("accounts:export", kwargs={"name": "calls", "fmt": "csv"}),
            {"month": "2026-10"},
        )
        body = b"".join(export.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        self.assertEqual(body.count("水泵抽不起水"), 9)

    def test_the_page_is_the_counter_s_and_the_chief_s_and_another_station_sees_its_own(
        self,
    ) -> None:
        self.login(self.crew_member)
        self.assertEqual(self.client.get(reverse("reports:voice")).status_code, 403)
        self.login(self.outsider)
        page = self.client.get(reverse("reports:voice"), {"month": "2026-10"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "冒烟")
        self.assertNotContains(page, "水泵")
        self.assertNotContains(page, "左门")

    def test_a_month_not_understood_or_not_yet_begun_is_said_above_this_month(self) -> None:
        """As on the monthly report (``test_monthly_month_asked``): the page says what is
        wrong with the month asked for (400), above this month's calls, never this month's
        shown silently in its place."""
        self.login(self.chief)
        this_month = timezone.localdate().strftime("%Y-%m")
        for asked, words in (
            ("9999-99", "“9999-99”不是有效的月份"),
            ("<script>", "“&lt;script&gt;”不是有效的月份"),
            ("2999-01", "没有 2999-01 的报表"),
            ("1999-12", "没有 1999-12 的报表"),
        ):
            with self.subTest(asked):
                page = self.client.get(reverse("reports:voice"), {"month": asked})
                self.assertEqual(page.status_code, 400)
                self.assertEqual(page.context["voice"].label, this_month)
                error = page.content.decode().split('data-testid="month-error">')[1]
                self.assertIn(words, error[: error.index("</p>")])
        for asked in ("", this_month, "2026-10"):
            with self.subTest(asked):
                page = self.client.get(reverse("reports:voice"), {"month": asked})
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, 'data-testid="month-error"')


# Notes as the demo station's callers wrote them, which showed fillers and broken words as topics.
BROKEN_NOTES = [
    "电工一直没来，等了三个钟头了",
    "插卡表插不进去，电卡也打不开",
    "想申请增容，问一下有没有说法",
    "表上显示没得电了，开不了表箱",
    "请你们重视一下，换表的事拖了很久",
    "送面的车把电线挂断了",
]
NOT_TOPICS = (
    "没来",
    "钟头",
    "插卡表插",
    "打不开",
    "申请",
    "开不",
    "没得",
    "有没有",
    "表上",
    "说法",
    "重视",
    "换表的",
    "送面",
)


def test_topics_are_things_not_fillers_verbs_or_pieces_of_a_sentence() -> None:
    words = [w for w, _weight in keywords_module.keywords(BROKEN_NOTES, top=30)]
    for bad in NOT_TOPICS:
        assert bad not in words, (bad, words)
    for topic in ("插卡表", "电卡", "表箱", "增容", "停电", "换表"):
        assert topic in words, (topic, words)
    assert keywords_module.terms("插卡表插不进去") == ["插卡表"]
    # words jieba only guessed at (not in its dictionary) are not topics; the station's are
    assert keywords_module.terms("停电一天，冻库全化了，态度太差") == ["停电", "冻库", "态度"]
    assert "烤房" in keywords_module.terms("烤房风机不转")


def test_each_note_is_cut_once_per_process() -> None:
    # the month's topics, each village's and each category's cut the same notes: jieba sees
    # each note once (the first page of a month took seconds more for cutting each thrice)
    notes = ["表箱门被风吹开了，电卡插不进去，只此一次"]
    first = keywords_module.keywords(notes)
    with mock.patch.object(keywords_module, "_tagger", side_effect=AssertionError("cut again")):
        again = keywords_module.keywords(notes)
        assert keywords_module.terms(notes[0]) == ["表箱门", "电卡"]
    assert again == first


def test_a_web_process_loads_jieba_s_tagger_before_its_first_request() -> None:
    # A web worker waits for the warm-up before it takes a request (``gunicorn_conf``): the
    # monthly report's first load waited 7.8 s for jieba while it was loaded beside it.
    from powerdesk.ops import warmup
    from powerdesk.servicedesk.understanding import store

    loaded = threading.Event()
    with (
        mock.patch.object(keywords_module, "warm", side_effect=lambda: loaded.set()),
        mock.patch.object(store, "default_classifier"),
        mock.patch.object(warmup, "_load_addresses"),
        mock.patch("django.db.connections.close_all"),
    ):
        warmup.warm_up()
    assert loaded.is_set()


def test_the_tagger_reads_each_of_jieba_s_tables_once_and_tags_as_jieba_does() -> None:
    import jieba
    import jieba.posseg

    tagger = keywords_module._tagger()
    # the station's words added to a copy: jieba's default dictionary is left as it is
    assert "电压低" in tagger.tokenizer.FREQ
    assert tagger.tokenizer.FREQ is not jieba.dt.FREQ
    assert tagger.word_tag_tab is not jieba.posseg.dt.word_tag_tab
    own = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    own.tokenizer.load_userdict(str(keywords_module.POWER_WORDS_FILE))
    for note in ("我们组都莫得电了，变压器冒烟", "树障碰线，熔断器烧了，啥时候来电"):
        assert [(p.word, p.flag) for p in tagger.cut(note)] == [
            (p.word, p.flag) for p in own.cut(note)
        ]


class SimilesAndFillersTests(BaseTestCase):
    """Walkthrough 46, finding 6: "萤火虫" ranked 7th from "电压低得很，灯跟萤火虫一样", already
    电压低, and "群众", "代表" were 表扬's topics from "我代表全组群众感谢你们"."""

    def setUp(self) -> None:
        cache.clear()
        at = dt.datetime(2026, 12, 2, 9, tzinfo=TZ)
        notes = [("电压低得很，灯跟萤火虫一样", "fault_repair")] * 3
        notes += [("我代表全组群众感谢你们", "praise")] * 2
        notes += [("灯像萤火虫一样，电视开不起来", "fault_repair"), ("变压器冒烟", "hazard")]
        for i, (text, category) in enumerate(notes):
            Call.objects.create(
                station=self.station_a,
                received_at=at + dt.timedelta(minutes=i),
                text=text,
                category=category,
            )

    def test_a_simile_is_its_topic_and_who_the_caller_speaks_for_is_no_topic(self) -> None:
        voice = month_voice(self.station_a, 2026, 12)
        words = [k.word for k in voice.keywords]
        for not_a_topic in ("萤火虫", "群众", "代表"):
            self.assertFalse([w for w in words if not_a_topic in w], (not_a_topic, words))
        low = next(k for k in voice.keywords if k.word == "电压低")
        self.assertEqual(low.trend.count, 4)  # the simile alone says it too
        praise = next(g for g in voice.categories if g.key == "praise")
        self.assertEqual(praise.keywords, ())
        self.login(self.chief)
        page = self.client.get(reverse("reports:voice"), {"month": "2026-12"})
        self.assertNotContains(page, "萤火虫")
        self.assertNotContains(page, "群众")
