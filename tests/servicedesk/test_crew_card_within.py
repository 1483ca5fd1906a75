"""walk41, 4: the crew card of a fuse's outage said of the transformer area's outage inside it
"工单 2026-02473 已转为紧急", though that order was the inner outage's own, urgent from its start.
It says the inner outage within it, with its households."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, ngettext

from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage, OutageLink
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.crew_jobs import crew_jobs_for
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews


class CrewCardWithinTests(BaseTestCase):
    def test_the_inner_outage_s_order_is_said_within_not_turned_urgent(self) -> None:
        add_crews(self)
        inner = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        outage_dispatch(outage=inner, crew=self.crew, user=self.chief)
        own = OutageLink.objects.get(outage=inner).order
        assert own is not None and own.urgent
        wider = outage_declare(
            station=self.station_a, user=self.chief, device=self.pole, kind=Outage.Kind.UNPLANNED
        )
        outage_join_open_orders(outage=wider)
        outage_dispatch(outage=wider, crew=self.crew, user=self.chief)
        # As walked: the inner outage's own order joined to the wider one's, on its crew's card.
        OutageLink.objects.get(outage=wider).work_orders.add(own)
        with translation.override("zh-hans"):
            lines = [
                line
                for job in crew_jobs_for(self.member, self.station_a)
                for line in job.urgent_lines
            ]
            turned = gettext("Job %(number)s is now urgent") % {"number": own.number}
            self.assertFalse([line for line in lines if line.startswith(turned)], lines)
            n = self.fuse_households()
            said = ngettext(
                "Within: the outage on %(device)s (%(n)s household), work order %(number)s",
                "Within: the outage on %(device)s (%(n)s households), work order %(number)s",
                n,
            ) % {"device": self.fuse.name, "n": n, "number": own.number}
            self.assertIn(said, lines)

    def fuse_households(self) -> int:
        from powerdesk.outages.joined import customers_below

        return customers_below(self.fuse).count()
