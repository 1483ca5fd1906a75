"""The text a crew gets on its duty phone when it is sent to a job says, first, that the job is
urgent and why (a danger, a medical need), then its category, where, the caller's words (cut
with "…", the words of the danger kept), by when to be on site and the caller's number,
labelled, written as staff write every number (walkthrough 26, finding 2: a liaison's report
lost "很危险，请快点派人来看看" with no mark, no 紧急, no deadline, and the number was glued to
the words, "+8615865452452" in one text and "139 8765 4321" in another)."""

from __future__ import annotations

import doctest

from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.liaison import liaison_report
from powerdesk.lib.days import day_and_time
from powerdesk.notifications import dispatch_texts
from powerdesk.notifications.dispatch_texts import WORDS, words_cut
from powerdesk.notifications.models import Channel, Delivery, Event
from powerdesk.notifications.texts import ONE_SMS, TWO_SMS, render, render_text
from powerdesk.servicedesk.call_order import call_open_order
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, make_user, zh

STATION = "光禄供电所"


def head(number: str, why: str = "", *, urgent: bool = True) -> str:
    """How the text opens, in the station's language (Chinese: "【光禄供电所】【紧急：…】派工…")."""
    if not urgent:
        return zh("[%(station)s] Job %(number)s") % {"station": STATION, "number": number}
    if not why:
        return zh("[%(station)s][URGENT] Job %(number)s") % {"station": STATION, "number": number}
    return zh("[%(station)s][URGENT: %(why)s] Job %(number)s") % {
        "station": STATION,
        "why": why,
        "number": number,
    }


def on_site(order: WorkOrder) -> str:
    assert order.arrive_due_at is not None
    return zh("on site by %(deadline_when)s") % {"deadline_when": day_and_time(order.arrive_due_at)}


def caller(number: str) -> str:
    return zh("caller %(contact)s") % {"contact": number}


def quoted(words: str) -> str:
    return zh(': "%(words)s"') % {"words": words}


def said(text: str) -> str:
    """The caller's words as the text quotes them."""
    opening = quoted("\x00").split("\x00")[0]
    closing = quoted("\x00").split("\x00")[1]
    return text.split(opening, 1)[1].rsplit(closing, 1)[0]


class DispatchTextTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.crew.phone = "13627882069"
        self.crew.save(update_fields=["phone"])
        self.dispatcher = make_user("dispatcher", self.station_a, Role.DISPATCHER)

    def take(self, **data: str) -> WorkOrder:
        """The clerk takes a call from the customer (an order opened for it)."""
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            customer=self.customer,
            village=self.village,
            group=self.group,
            open_order=True,
            **data,
        )
        order = WorkOrder.objects.get(calls=taken.call)
        return order

    def crew_text(self, order: WorkOrder) -> str:
        work_order_dispatch(work_order=order, crew=self.crew, user=self.dispatcher)
        sms = Delivery.objects.get(
            notice__event=Event.CREW_DISPATCHED, channel=Channel.SMS, notice__key__contains=order.pk
        )
        self.assertEqual(sms.address, "+8613627882069")
        return render(sms)

    def test_an_urgent_danger_says_so_and_why_first_with_the_deadline(self) -> None:
        order = self.take(
            caller_number="13900001111",
            category="hazard",
            text="门口电线断了掉在地上，在冒火花",
        )
        self.assertTrue(order.urgent)
        text = self.crew_text(order)
        # Urgent and why, first: the line down and the sparks.
        why = zh("、").join([zh("a line down or low"), zh("arcing or sparks")])
        self.assertTrue(text.startswith(head(order.number, why) + " 安全隐患 左门·哔叭"), text)
        self.assertIn("53250000001", text)  # the account: the crew finds the meter by it
        self.assertIn(quoted("门口电线断了掉在地上，在冒火花"), text)
        self.assertIn(on_site(order), text)
        self.assertTrue(text.endswith(caller("139 0000 1111")), text)

    def test_a_medical_need_is_urgent_with_its_reason_and_on_site_time(self) -> None:
        order = self.take(
            caller_number="+8615865452452",
            category="fault_repair",
            text="我父亲在家用制氧机，现在家里停电了，很着急",
        )
        self.assertTrue(order.urgent)
        text = self.crew_text(order)
        self.assertTrue(text.startswith(head(order.number, zh("medical need")) + " 故障报修"), text)
        self.assertIn(on_site(order), text)
        # One format for every number: as staff write it, labelled.
        self.assertTrue(text.endswith(caller("158 6545 2452")), text)
        self.assertNotIn("+86", text)

    def test_a_routine_fault_is_not_called_urgent(self) -> None:
        order = self.take(
            caller_number="13900002222",
            category="fault_repair",
            text="家里没电了，表箱那边好像烧了",
        )
        self.assertFalse(order.urgent)
        text = self.crew_text(order)
        opening = head(order.number, urgent=False) + " 故障报修 左门·哔叭"
        self.assertTrue(text.startswith(opening), text)
        self.assertNotIn(zh("[%(station)s][URGENT] Job %(number)s").split("%")[0] + "[", text)
        self.assertNotIn("紧急", text)
        self.assertIn(quoted("家里没电了，表箱那边好像烧了"), text)
        self.assertIn(on_site(order), text)
        self.assertTrue(text.endswith(caller("139 0000 2222")), text)

    def test_a_liaisons_report_without_an_account_keeps_the_danger_words(self) -> None:
        liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        note = "哔叭组王家门口的电线杆被大水冲歪了，电线很低，小孩子在旁边玩，很危险，请快点派人来看看，谢谢"
        found = liaison_report(
            user=liaison,
            village=self.village,
            group=self.group,
            text=note,
            villager_name="王大妈",
            villager_phone="139 8765 4321",
        )
        call = found if isinstance(found, Call) else found.calls.get()
        order = call.work_order or call_open_order(call=call, user=self.clerk, category="hazard")
        self.assertIsNone(order.customer)
        text = self.crew_text(order)
        # Both dangers it tells: the line very low and the pole pushed over.
        why = zh("、").join([zh("a line down or low"), zh("a pole leaning or fallen")])
        # Urgent, why, what and where, though there is no account.
        self.assertTrue(text.startswith(head(order.number, why) + " 安全隐患 左门·哔叭"), text)
        words = said(text)
        self.assertLessEqual(len(words), WORDS)
        # The cut is shown, and the words of the danger survive it.
        self.assertIn("…", words)
        for kept in ("电线杆被大水冲歪了", "电线很低", "小孩子在旁边玩", "很危险"):
            self.assertIn(kept, words)
        self.assertNotIn("谢谢", words)
        self.assertIn(on_site(order), text)
        self.assertTrue(text.endswith(caller("139 8765 4321")), text)

    def test_a_liaisons_own_report_gives_the_liaisons_number(self) -> None:
        """No villager named, no account: the crew rings the liaison who reported it."""
        from powerdesk.community.models import Liaison

        user = make_user("zm2", self.station_a, full_name="李文华")
        Membership.objects.create(
            user=user, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="李文华",
            phone="18866675588",
            user=user,
        )
        found = liaison_report(
            user=user, village=self.village, group=self.group, text="村口电线被树压断了，还在冒火花"
        )
        call = found if isinstance(found, Call) else found.calls.get()
        order = call.work_order or call_open_order(call=call, user=self.clerk, category="hazard")
        text = self.crew_text(order)
        self.assertTrue(
            text.endswith(zh("liaison %(contact)s") % {"contact": "188 6667 5588"}), text
        )

    def test_a_long_note_is_cut_within_its_room_with_a_mark(self) -> None:
        note = (
            "喂，师傅你好，我们村昨天晚上开始就一直停电，到现在还没有来电，"
            "家里冰箱的东西都要坏了，麻烦你们快点来看一下，谢谢"
        )
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary=note[:200],
            description=note,
            customer=self.customer,
            village=self.village,
            group=self.group,
        )
        text = self.crew_text(order)
        words = said(text)
        self.assertLessEqual(len(words), WORDS)
        self.assertIn("…", words)
        self.assertIn("停电", words)
        self.assertNotIn("谢谢", words)
        customer = zh("customer %(contact)s") % {"contact": "0878 123 4567"}
        self.assertTrue(text.endswith(customer), text)  # no caller: the customer's number, labelled


def test_words_cut_examples() -> None:
    failures, _tried = doctest.testmod(dispatch_texts, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_words_of_a_medical_need_survive_the_cut() -> None:
    cut = words_cut(
        "喂你好，我们这边从下午三点钟开始一直都没有电，家里老人在用制氧机，快撑不住了", 30
    )
    assert len(cut) <= 30
    assert "制氧机" in cut and "快撑不住了" in cut and "…" in cut


class DispatchTextLengthTests(BaseTestCase):
    """Review 27, M6 and L8: an urgent text within two parts of an SMS, a routine one within one
    where it can be; trimmed villages first, then the caller's words, never the opening, the
    on-site time or the number; the account set apart from the caller's words."""

    def facts(self, **more: object) -> dict[str, object]:
        today = timezone.localtime().replace(hour=23, minute=40)
        return {
            "station": STATION,
            "number": "2026-00012",
            "category": "hazard",
            "urgent": True,
            "why": ["line down or low", "medical"],
            "place": "左门·哔叭",
            "landmark": "",
            "account": "",
            "note": "",
            "deadline": today.isoformat(),
            "contact": "139 0000 1111",
            "contact_kind": "caller",
            **more,
        }

    def test_an_urgent_outage_with_many_villages_keeps_within_two_parts(self) -> None:
        villages = ["大河口村", "小河口村", "老鹰岩村", "干海子村"]
        note = "门口电线断了掉在地上，在冒火花，家里老人用制氧机，很着急，快点来"
        facts = self.facts(
            place="10kV光禄线左门支线3号台区变压器",
            villages=villages[:3],
            village_count=12,
            landmark="王家门口那棵大核桃树下面的电线杆旁边",
            note=words_cut(note, WORDS),
        )
        text = render_text("crew_dispatched", facts)
        self.assertLessEqual(len(text), TWO_SMS, text)
        opening = zh("[%(station)s][URGENT: %(why)s] Job %(number)s") % {
            "station": STATION,
            # A medical need said first (review39, M4).
            "why": zh("、").join([zh("medical need"), zh("a line down or low")]),
            "number": "2026-00012",
        }
        self.assertTrue(text.startswith(opening), text)
        # The places cut to the first, with how many in all, as the households' texts count them.
        many = zh("%(places)s and more, %(count)d places in all") % {
            "places": "大河口村",
            "count": 12,
        }
        self.assertIn(many, text)
        self.assertNotIn("小河口村", text)
        when = timezone.localtime().replace(hour=23, minute=40)
        self.assertIn(
            zh("on site by %(deadline_when)s") % {"deadline_when": day_and_time(when)}, text
        )
        self.assertTrue(text.endswith(caller("139 0000 1111")), text)
        # The words trimmed only after the villages, the danger's kept as long as they fit.
        self.assertIn("电线断了", said(text))
        # Not trimmed where it fits: a screen (the webhook, "Notices to you") shows it all.
        whole = render_text("crew_dispatched", facts, sms=False)
        self.assertIn("小河口村", whole)
        self.assertIn(words_cut(note, WORDS), whole)

    def test_a_short_routine_note_cut_to_fit_keeps_its_start(self) -> None:
        # walk29 #12: a routine note of two plain clauses, cut to fit one part: its start is
        # kept ("走查29 家里没电…", not "…29 家里没电了…").
        note = "走查29 家里没电了，请派人来看看"
        routine = {"urgent": False, "why": [], "category": "fault_repair", "note": note}
        text = render_text("crew_dispatched", self.facts(**routine))
        self.assertLessEqual(len(text), ONE_SMS, text)
        self.assertIn("…", said(text))
        self.assertTrue(said(text).startswith("走查29 家里没电"), text)
        # An order with no village: nothing stands between the category and the quote.
        text = render_text("crew_dispatched", self.facts(**routine, place=""))
        self.assertIn(zh("fault repair") + quoted(said(text)), text)

    def test_the_account_is_set_apart_from_the_callers_words(self) -> None:
        text = render_text(
            "crew_dispatched", self.facts(account="53250000001", note="电线杆被冲歪了")
        )
        account = zh("account %(account)s") % {"account": "53250000001"}
        self.assertIn(account + quoted("电线杆被冲歪了"), text)
        self.assertNotIn("哔叭 53250000001", text)

    def test_a_routine_job_is_one_sms_where_trimming_gets_it_there(self) -> None:
        routine = {"urgent": False, "why": [], "category": "fault_repair"}
        short = render_text("crew_dispatched", self.facts(**routine, note="表箱烧了"))
        self.assertLessEqual(len(short), ONE_SMS, short)
        self.assertIn(quoted("表箱烧了"), short)
        # Longer words are cut to fit one part, the cut shown.
        note = "家里没电了，表箱那边好像烧了，昨天晚上就开始了"
        cut = render_text("crew_dispatched", self.facts(**routine, note=note))
        if len(render_text("crew_dispatched", self.facts(**routine, note=note), sms=False)) > 70:
            self.assertLessEqual(len(cut), ONE_SMS, cut)
            self.assertIn("…", said(cut))
        # With an account and a landmark it cannot be one part: its words are not cut for
        # nothing, and it stays within two.
        full = self.facts(**routine, note=note, account="53250000001", landmark="王家门口")
        text = render_text("crew_dispatched", full)
        self.assertLessEqual(len(text), TWO_SMS, text)
        self.assertIn(quoted(note), text)
