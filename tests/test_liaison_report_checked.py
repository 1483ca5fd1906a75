"""A village liaison's "power is back" under a wider outage still off, once checked (fix46a's
leftover; walk45, 4): the dispatcher marks it wrong from the board's "to check" line (the line
goes, both histories say who and when, a double click marks it once; a crew, a liaison or the
administrator cannot), or follows "power is back" to the partial restore (or, once the inner
outage alone keeps the place dark, the restore) that would settle it, worded for each row; and
once nothing is left to check the outage's row keeps a line of the report, with how it ended,
once on /outages/."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.community.liaison import liaison_power_back
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.liaison_checked import liaison_report_wrong
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from tests.base import BaseTestCase, make_user, zh
from tests.outage_cast import nested_on_pole_and_fuse
from tests.outage_cast_liaisons import group_leader


class LiaisonReportCheckedTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        # Set up once for the class: each test's changes are rolled back.
        super().setUpTestData()
        cls.leader = group_leader(cls)
        cls.dispatcher = make_user("disp", cls.station_a, Role.DISPATCHER, full_name="王调度")
        cls.wider, cls.inner = nested_on_pole_and_fuse(cls)
        cls.report = liaison_power_back(
            user=cls.leader,
            village=cls.village,
            outage=cls.inner,
            group=cls.group,
            above_checked=True,
        )

    def page(self, user: object = None) -> str:
        self.login(user or self.dispatcher)  # type: ignore[arg-type]
        with translation.override("en"):
            return self.client.get(
                reverse("outages:list"), HTTP_ACCEPT_LANGUAGE="en"
            ).content.decode()

    def press_wrong(self, user: object = None, *, sure: bool = True) -> object:
        """The board's button, then (``sure``) the question's button that marks it."""
        self.login(user or self.dispatcher)  # type: ignore[arg-type]
        with translation.override("en"):
            return self.client.post(
                reverse("outages:list"),
                {"action": "report_wrong", "report": str(self.report.pk)}
                | ({"sure": "1"} if sure else {}),
                HTTP_ACCEPT_LANGUAGE="en",
            )

    def test_the_first_press_asks_and_marks_nothing(self) -> None:
        """review46, 7: a misclick on the board refreshed every second marks nothing: the page
        comes back with the question on top, outside the board, and its button marks it."""
        response = self.press_wrong(sure=False)
        self.assertEqual(response.status_code, 200)  # type: ignore[attr-defined]
        page = response.content.decode()  # type: ignore[attr-defined]
        self.assertFalse(OutageEvent.objects.filter(what="liaison_wrong").exists())
        ask = page.split('data-testid="report-wrong-ask"')[1].split("</form>")[0]
        self.assertIn("cannot be taken back", ask)
        self.assertIn(self.pole.name, ask)  # the line it marks
        self.assertIn('name="sure" value="1"', ask)
        self.assertIn('data-testid="report-wrong-cancel"', ask)
        board = page.split('id="board"')[1]
        self.assertNotIn('data-testid="report-wrong-ask"', board)  # not redrawn away
        # Refused on the first press already to those who may not mark it.
        crew_member = make_user("crew1", self.station_a, Role.CREW)
        self.assertEqual(self.press_wrong(crew_member, sure=False).status_code, 403)  # type: ignore[attr-defined]
        # Its button marks it, and goes back to the page it came from.
        response = self.press_wrong()
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        self.assertEqual(OutageEvent.objects.filter(what="liaison_wrong").count(), 2)

    def said(self, page: str, outage: Outage) -> str:
        return page.split(f'data-testid="liaison-said-outage-{outage.pk}"')[1].split("</td>")[0]

    def test_the_dispatcher_is_offered_both_answers_on_the_line_to_check(self) -> None:
        page = self.page()
        self.assertEqual(page.count(f'data-testid="liaison-wrong-{self.report.pk}"'), 2)
        back = page.split(f'data-testid="liaison-back-{self.report.pk}"')[0].rsplit("<a", 1)[1]
        # "Power is back" leads to the wider outage's partial restore, on its row.
        self.assertIn(f'data-open-part="outage-{self.wider.pk}"', back)
        self.assertIn(f'data-testid="restore-part-outage-{self.wider.pk}"', page)
        self.assertNotIn("liaison-said-", page)  # nothing settled yet

    def test_marked_wrong_the_check_goes_and_the_report_stays_with_who_checked_it(self) -> None:
        response = self.press_wrong()
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        page = self.page()
        self.assertNotIn("liaison-check", page)
        self.assertNotIn(f"liaison-wrong-{self.report.pk}", page)
        inner = self.said(page, self.inner)
        for words in ("普文", "哔叭", self.pole.name, "王调度", "the report was wrong"):
            self.assertIn(words, inner)
        wider = self.said(page, self.wider)
        self.assertIn(self.fuse.name, wider)
        self.assertIn("the report was wrong", wider)
        # Both histories say who checked it; the liaison's report stays in the record.
        marks = OutageEvent.objects.filter(what="liaison_wrong")
        self.assertEqual(
            {(m.outage_id, m.by_id) for m in marks},
            {
                (self.inner.pk, self.dispatcher.pk),
                (self.wider.pk, self.dispatcher.pk),
            },
        )
        self.assertTrue(OutageEvent.objects.filter(pk=self.report.pk).exists())
        for outage in (self.inner, self.wider):
            outage.refresh_from_db()
            self.assertEqual(outage.status, Outage.Status.ACTIVE)  # nothing restored

    def test_a_double_click_marks_it_once(self) -> None:
        self.press_wrong()
        self.press_wrong()
        first = liaison_report_wrong(report=self.report, user=self.chief)
        self.assertEqual(OutageEvent.objects.filter(what="liaison_wrong").count(), 2)
        self.assertEqual(first.by, self.dispatcher)

    def test_a_crew_a_liaison_or_the_administrator_cannot_mark_it(self) -> None:
        crew_member = make_user("crew1", self.station_a, Role.CREW)
        admin = make_user("adm", self.station_a, Role.ADMIN)
        for user in (crew_member, self.leader, admin):
            with self.subTest(user=user.username):
                with self.assertRaises(NotAllowed):
                    liaison_report_wrong(report=self.report, user=user)
                self.assertEqual(self.press_wrong(user).status_code, 403)  # type: ignore[attr-defined]
        self.assertFalse(OutageEvent.objects.filter(what="liaison_wrong").exists())
        # The counter (值班员) records power back on outages: it may.
        liaison_report_wrong(report=self.report, user=self.clerk)
        self.assertTrue(OutageEvent.objects.filter(what="liaison_wrong").exists())

    def test_another_station_s_people_find_no_such_report(self) -> None:
        self.assertEqual(self.press_wrong(self.outsider).status_code, 404)  # type: ignore[attr-defined]
        with self.assertRaises(NotAllowed):
            liaison_report_wrong(report=self.report, user=self.outsider)
        self.assertFalse(OutageEvent.objects.filter(what="liaison_wrong").exists())

    def test_only_a_report_under_a_wider_outage_is_marked(self) -> None:
        other = OutageEvent.objects.get(outage=self.wider, what="liaison_on_inside")
        with self.assertRaises(OutageError):
            liaison_report_wrong(report=other, user=self.dispatcher)

    def test_once_the_wider_outage_is_restored_the_report_stays_as_a_line(self) -> None:
        outage_restore(outage=self.wider, user=self.chief, how="remote", cause="unknown")
        page = self.page()
        self.assertNotIn("liaison-check", page)
        inner = self.said(page, self.inner)
        for words in ("普文", "哔叭", "later recorded restored"):
            self.assertIn(words, inner)
        # Nothing is left to mark wrong.
        with self.assertRaises(OutageError):
            liaison_report_wrong(report=self.report, user=self.dispatcher)
        self.assertFalse(OutageEvent.objects.filter(what="liaison_wrong").exists())

    def row(self, page: str, outage: Outage) -> str:
        """The board's row of ``outage`` (its state cell's lines and links)."""
        return page.split(f'id="board-outage-{outage.pk}"')[1].split('class="board-actions"')[0]

    def test_the_link_is_worded_for_each_row(self) -> None:
        page = self.page()
        wider, inner = self.row(page, self.wider), self.row(page, self.inner)
        # Both lead to the wider outage's partial restore; its own row says "this outage".
        for row in (wider, inner):
            self.assertIn(f'data-open-part="outage-{self.wider.pk}"', row)
        self.assertIn("partial restore of this outage", wider)
        self.assertNotIn("the wider outage)", wider)
        self.assertIn("partial restore of the wider outage", inner)

    def test_a_partial_restore_above_leaves_the_check_to_the_inner_outage_still_off(self) -> None:
        # The wider outage's partial restore gives power back above the inner outage, which
        # still keeps the place dark: no power back claimed; still to check, on the inner
        # outage's row, its link leading to the inner outage's own restore (walk47, 9).
        elsewhere = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B02-F",
            kind=NodeKind.FUSE,
            parent=self.pole,
            name="哔叭二支线熔断器",
        )
        outage_restore_part(outage=self.wider, user=self.dispatcher, still_open=[elsewhere])
        page = self.page()
        self.assertNotIn("later gave power back there", page)
        self.assertEqual(page.count('data-testid="liaison-check-'), 1)
        inner = self.row(page, self.inner)
        self.assertIn(f'data-testid="liaison-check-outage-{self.inner.pk}"', inner)
        self.assertIn("this outage is still recorded as off", inner)
        link = inner.split(f'data-testid="liaison-back-{self.report.pk}"')[0].rsplit("<a", 1)[1]
        self.assertIn(f'data-open-part="outage-{self.inner.pk}"', link)
        self.assertIn('data-open-what="restore"', inner)
        self.assertIn(f'data-testid="restore-outage-{self.inner.pk}"', page)
        self.assertIn("checked on its row", self.said(page, self.wider))
        # Still to check: it may be marked wrong.
        self.assertEqual(self.press_wrong().status_code, 302)  # type: ignore[attr-defined]
        self.assertEqual(OutageEvent.objects.filter(what="liaison_wrong").count(), 2)

    def test_the_outage_list_says_each_report_once(self) -> None:
        # On the board's rows only, not again under "Now and announced" (walk47, 5).
        page = self.page()
        self.assertEqual(page.count('data-testid="liaison-check-'), 2)
        self.press_wrong()
        page = self.page()
        self.assertEqual(page.count('data-testid="liaison-said-'), 2)  # one a row

    def test_a_liaison_s_plain_report_is_a_line_of_the_outage_row(self) -> None:
        lone = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.transformer,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=10),
        )
        # (The transformer's own outage, inside the others: said of it with the tick too.)
        OutageEvent.objects.filter(what__startswith="liaison").delete()
        outage_restore(outage=self.wider, user=self.chief, how="remote", cause="unknown")
        outage_restore(outage=self.inner, user=self.chief, how="remote", cause="unknown")
        liaison_power_back(user=self.leader, village=self.village, outage=lone, group=self.group)
        said = self.said(self.page(), lone)
        self.assertIn("普文", said)
        self.assertIn("said at", said)
        self.assertNotIn("wrong", said)

    def test_the_chinese_lines_are_said_in_chinese(self) -> None:
        self.press_wrong()
        self.login(self.dispatcher)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(zh("report wrong"), self.said(page, self.inner))
