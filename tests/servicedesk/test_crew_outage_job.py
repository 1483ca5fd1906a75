"""A crew sent to an outage sees it on the phone at once, calls or not, as one job."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.lib.days import day_and_time
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.restoration import restoration_of
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.patrol import patrol_for
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job


class OutageJobTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )

    def test_a_crew_sent_before_anyone_called_sees_the_outage_at_once(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.outage, self.outage)
        self.assertTrue(job.patrol)  # the places to look at, likeliest first
        self.assertEqual(job.order, OutageLink.objects.get(outage=self.outage).order)
        self.assertTrue(job.order.urgent)
        line = self.outage.events.get(what="dispatched")
        self.assertIn(job.order.number, line.note)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(page, 'data-testid="job-patrol-ranked"')

    def test_sending_again_or_another_crew_never_makes_a_second_order(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        outage_dispatch(outage=self.outage, crew=self.other_crew, user=self.chief)
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(crew_jobs_for(self.member, self.station_a), [])
        (job,) = crew_jobs_for(self.other_member, self.station_a)
        self.assertEqual(job.order.crew, self.other_crew)
        # A household calling afterwards joins that order: still one job.
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            category="fault_repair",
            customer=self.customer,
        )
        self.assertEqual(taken.work_order, OutageLink.objects.get(outage=self.outage).order)
        self.assertEqual(len(crew_jobs_for(self.other_member, self.station_a)), 1)

    def test_an_outage_with_a_caller_s_order_gets_no_second_one(self) -> None:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            category="fault_repair",
            customer=self.customer,
        )
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertEqual(WorkOrder.objects.count(), 1)
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual(job.order, taken.work_order)

    def test_a_planned_outage_s_crew_gets_planned_work_not_a_fault_order(self) -> None:
        # Its job on the phone: tests/servicedesk/test_crew_planned_job.py.
        self.outage.kind = Outage.Kind.PLANNED
        self.outage.save(update_fields=["kind"])
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.assertEqual(
            list(WorkOrder.objects.values_list("category", "urgent")), [("planned_work", False)]
        )


class CrewCardTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)

    def card(self) -> str:
        self.login(self.member)
        return self.client.get(reverse("servicedesk:crew_jobs")).content.decode()

    def test_a_customer_s_numbers_are_each_a_link_set_apart(self) -> None:
        plain_job(self)
        page = self.card()
        phones = page[page.index('data-testid="job-phones"') :]
        phones = phones[: phones.index("</dd>")]
        links = re.findall(r'<a href="tel:([^"]+)"[^>]*>([^<]+)</a>', phones)
        self.assertEqual([number for number, _text in links], ["+868781234567", "+8613812345678"])
        self.assertIn("white-space:nowrap", phones)
        self.assertRegex(phones, r"</a><span[^>]*> / </span><a ")

    def test_a_household_with_a_medical_need_is_marked_on_the_card(self) -> None:
        plain_job(self)
        self.assertNotIn('data-testid="job-medical"', self.card())
        self.customer.medical_need = True
        self.customer.save(update_fields=["medical_need"])
        page = self.card()
        self.assertIn('data-testid="job-medical"', page)
        self.assertIn("医疗需要", page)
        self.assertIn("独居老人", page)  # the demo customer lives alone too

    def test_the_outage_is_named_once_in_the_card_s_title_not_again_in_its_box(self) -> None:
        outage, _order = outage_job(self)
        page = self.card()
        # Said once on the card (its data-summary, which the banner reads, says it too).
        shown = re.sub(r"<[^>]*>", "", page)
        self.assertEqual(shown.count(f"停电：{outage.device}"), 1)
        box = page[page.index('data-testid="job-outage"') :]
        box = box[: box.index("</div>")]
        self.assertNotIn(str(outage.device), box)
        self.assertIn(f"停电开始 {timezone.localtime(outage.starts_at):%m-%d %H:%M}", box)

    def test_without_staff_s_time_the_card_shows_the_model_s_estimate(self) -> None:
        outage, _order = outage_job(self)
        told = restoration_of(outage)
        assert told is not None and told.about
        page = self.card()
        # Its time, with its day when that is not today (test_crew_card_figures.py).
        self.assertIn(f"约 {day_and_time(told.at)}", page)
        self.assertNotIn("尚未填写", page)
        set_at = timezone.now() + dt.timedelta(hours=3)
        Outage.objects.filter(pk=outage.pk).update(expected_restore_at=set_at)
        page = self.card()
        self.assertIn(
            f'预计复电：<span data-testid="job-expected-back">{day_and_time(set_at)}', page
        )

    def test_the_card_s_labels_take_the_page_s_colon(self) -> None:
        outage_job(self)
        page = self.card()
        self.assertIn("预计复电：", page)
        self.assertNotIn("预计复电:", page)


class FoundOnTheCardTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        # A long stretch below the fuse: poles 03 to 09, each with its span.
        parent = self.fuse
        for n in range(3, 10):
            parent = GridNode.objects.create(
                station=self.station_a,
                feeder=self.feeder,
                code=f"ZM-B01-P{n:02d}",
                kind=NodeKind.POLE,
                parent=parent,
                line_name="哔叭支线",
                name=f"哔叭支线{n:02d}号杆",
                pole_number=f"{n:02d}",
            )
        self.outage, self.order = outage_job(self)
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.member, fields={})

    def card(self) -> str:
        self.login(self.member)
        return self.client.get(reverse("servicedesk:crew_jobs")).content.decode()

    def test_the_place_found_is_first_on_the_list_marked_and_in_the_outage_box(self) -> None:
        last = patrol_for(self.outage)[-1]
        crew_step_take(
            work_order=self.order,
            step="found_here",
            user=self.member,
            fields={"place": last.key, "cause": "animal"},
        )
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertEqual((job.patrol[0].key, job.patrol[0].found_here), (last.key, True))
        self.assertEqual([s.key for s in job.patrol if s.found_here], [last.key])
        page = self.card()
        ranked = page[page.index('data-testid="job-patrol-ranked"') :]
        first = ranked[ranked.index("<li") : ranked.index("</li>")]
        self.assertIn(f'data-testid="crew-patrol-{last.key}"', first)
        self.assertIn("已在此找到故障", first)
        box = page[page.index('data-testid="job-outage"') :]
        box = box[: box.index("</div>")]
        self.assertIn(f"故障点：<strong>{last.label}</strong>", box)

    def test_a_long_patrol_list_shows_eight_places_and_folds_the_rest(self) -> None:
        (job,) = crew_jobs_for(self.member, self.station_a)
        self.assertGreater(len(job.patrol), 8)
        page = self.card()
        ranked = page[page.index('data-testid="job-patrol-ranked"') :]
        shown = ranked[: ranked.index('data-testid="job-patrol-more"')]
        self.assertEqual(shown.count('data-testid="crew-patrol-'), 8)
        self.assertIn(f"显示全部 {len(job.patrol)} 处", ranked)
        self.assertIn('<ol class="patrol" start="9">', ranked)
        rest = ranked[ranked.index('data-testid="job-patrol-more"') :]
        self.assertEqual(
            rest[: rest.index("</details>\n  </details>")].count('data-testid="crew-patrol-'),
            len(job.patrol) - 8,
        )
