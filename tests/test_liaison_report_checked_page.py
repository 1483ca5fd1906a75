"""The liaison learns how the station checked their "power is back" said under a wider outage
still off (walk47, 1): marked wrong, their village page says so, who checked it when, and offers
the button again (said again, it is a new report to check); settled by the wider outage's
restore, the page says that outage was recorded restored."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.community.liaison import liaison_power_back
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.liaison_checked import liaison_report_wrong
from powerdesk.outages.models import OutageEvent
from powerdesk.outages.restoration import outage_restore_part
from powerdesk.outages.services import outage_restore
from tests.base import BaseTestCase, make_user, zh
from tests.outage_cast import nested_on_pole_and_fuse
from tests.outage_cast_liaisons import group_leader


class LiaisonSeesTheCheckTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader = group_leader(self)
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="王调度")
        self.wider, self.inner = nested_on_pole_and_fuse(self)
        self.report = liaison_power_back(
            user=self.leader,
            village=self.village,
            outage=self.inner,
            group=self.group,
            above_checked=True,
        )

    def page(self, language: str = "en") -> str:
        self.login(self.leader)
        with translation.override(language):
            return self.client.get(
                reverse("web:liaison"), HTTP_ACCEPT_LANGUAGE=language
            ).content.decode()

    def offered(self, page: str) -> bool:
        """The "power is back" button is offered on the inner outage's card."""
        return f'name="outage" value="{self.inner.pk}"' in page

    def press(self) -> None:
        self.login(self.leader)
        self.client.post(
            reverse("web:liaison"),
            {
                "action": "power_back",
                "village": str(self.village.pk),
                "outage": str(self.inner.pk),
                "group": str(self.group.pk),
                "above": "1",
            },
        )

    def test_before_the_check_it_awaits_the_station_and_the_button_is_gone(self) -> None:
        page = self.page()
        self.assertIn('data-testid="liaison-reported-under"', page)
        self.assertFalse(self.offered(page))
        self.assertNotIn('data-testid="liaison-report-wrong"', page)

    def test_marked_wrong_the_liaison_is_told_and_may_say_it_again(self) -> None:
        liaison_report_wrong(report=self.report, user=self.dispatcher)
        page = self.page()
        self.assertNotIn('data-testid="liaison-reported-under"', page)
        wrong = page.split('data-testid="liaison-report-wrong"')[1].split("</p>")[0]
        self.assertIn("Checked by the station", wrong)
        self.assertIn(self.pole.name, wrong)
        self.assertIn("still off", wrong)
        self.assertTrue(self.offered(page))  # offered again
        # Said again, a new report to check (a double tap records it once).
        self.press()
        self.press()
        reports = OutageEvent.objects.filter(outage=self.inner, what="liaison_on")
        self.assertEqual(reports.count(), 2)
        page = self.page()
        self.assertIn('data-testid="liaison-reported-under"', page)
        self.assertFalse(self.offered(page))

    def test_said_in_chinese(self) -> None:
        liaison_report_wrong(report=self.report, user=self.dispatcher)
        page = self.page("zh-hans")
        self.assertIn(zh("checked: not back yet"), page)

    def test_settled_by_the_wider_outage_s_restore_the_page_says_so(self) -> None:
        outage_restore(outage=self.wider, user=self.chief, how="remote", cause="unknown")
        page = self.page()
        said = page.split('data-testid="liaison-report-outcome"')[1].split("</span>")[0]
        self.assertIn(self.pole.name, said)
        self.assertIn("recorded restored", said)

    def test_marked_wrong_where_the_inner_outage_holds_the_place_it_is_named(self) -> None:
        """review46, 5: the wider outage's partial restore gave power back above the fuse; the
        fuse's own outage holds the place. Marked wrong, the liaison's page and both
        histories name the fuse's outage as still off, not the pole's."""
        elsewhere = GridNode.objects.create(
            station=self.station_a, feeder=self.feeder, code="ZM-B02-F", kind=NodeKind.FUSE,
            parent=self.pole, name="哔叭二支线熔断器",
        )  # fmt: skip
        outage_restore_part(outage=self.wider, user=self.dispatcher, still_open=[elsewhere])
        liaison_report_wrong(report=self.report, user=self.dispatcher)
        wrong = self.page().split('data-testid="liaison-report-wrong"')[1].split("</p>")[0]
        # (The fuse's name begins with the pole's: the whole sentence is asserted.)
        self.assertIn(f"the outage on {self.fuse.name} is still off", wrong)
        self.assertNotIn("above", wrong)
        with translation.override("en"):
            inner = OutageEvent.objects.get(outage=self.inner, what="liaison_wrong").shown_note
            wider = OutageEvent.objects.get(outage=self.wider, what="liaison_wrong").shown_note
        self.assertIn(f"this outage on {self.fuse.name} is still off there", inner)
        self.assertNotIn("wider outage", inner)
        self.assertIn(self.fuse.name, wider)
        self.assertIn("that outage is still off there", wider)
        with translation.override("zh-hans"):
            self.assertIn(self.fuse.name, self.page("zh-hans").split("liaison-report-wrong")[1])
