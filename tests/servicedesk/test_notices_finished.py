"""A notice that a work order is due or late is put away when the order is finished (resolved or
closed, by hand, by the crew's phone or by the outage's restore): nothing is left to do about it.
It keeps when and why, and the person's list says "order finished", not "read"; notices of
other kinds stay for the person to read (walkthrough: a "due soon" stayed unread for days after
its order was done)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from powerdesk.outages.models import Outage
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Notification, WorkOrder
from powerdesk.servicedesk.notices import notice_groups
from powerdesk.servicedesk.services import work_order_create, work_order_transition
from tests.base import BaseTestCase, zh
from tests.servicedesk.crew_cast import add_crews, outage_job

K = Notification.Kind


class FinishedOrderNoticesTests(BaseTestCase):
    def tell(self, order: WorkOrder, kind: str) -> Notification:
        return Notification.objects.create(
            station=self.station_a,
            recipient=self.clerk,
            kind=kind,
            key=f"{kind}:{order.pk}",
            text=f"{order.number} {order.summary}",
            work_order=order,
        )

    def test_resolving_an_order_puts_away_its_due_and_late_notices_only(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="billing", summary="电费多收"
        )
        other = work_order_create(
            station=self.station_a, user=self.clerk, category="billing", summary="电费查询"
        )
        soon, late, unhappy = (self.tell(order, k) for k in (K.DUE_SOON, K.OVERDUE, K.UNHAPPY))
        elsewhere = self.tell(other, K.DUE_SOON)
        work_order_transition(
            work_order=order, to_status="resolved", user=self.clerk, note="已核对，多收退回"
        )
        for notice in (soon, late, unhappy, elsewhere):
            notice.refresh_from_db()
        self.assertIsNotNone(soon.read_at)
        self.assertEqual((soon.read_reason, late.read_reason), ("order_finished", "order_finished"))
        self.assertIsNotNone(late.read_at)
        self.assertIsNone(unhappy.read_at)  # an unhappy customer is still to be read
        self.assertIsNone(elsewhere.read_at)  # another order's, still open
        kinds = {g.kind for g in notice_groups(user=self.clerk, station=self.station_a)}
        self.assertEqual(kinds, {K.UNHAPPY, K.DUE_SOON})

        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:notices") + "?state=read").content.decode()
        row = page[page.index(f'id="notice-{soon.pk}"') :]
        row = row[: row.index("</li>")]
        with translation.override("zh-hans"):
            finished = pgettext("notice", "order finished")
        self.assertIn(f'<span data-testid="notice-put-away">{finished} ', row)

    def test_a_notice_read_by_the_person_still_says_read(self) -> None:
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="billing", summary="电费多收"
        )
        soon = self.tell(order, K.DUE_SOON)
        self.login(self.clerk)
        self.client.post(reverse("servicedesk:notice_read", args=[soon.pk]))
        work_order_transition(work_order=order, to_status="resolved", user=self.clerk, note="好")
        soon.refresh_from_db()
        self.assertEqual(soon.read_reason, "")  # read by the person first: kept as it was
        page = self.client.get(reverse("servicedesk:notices") + "?state=read").content.decode()
        self.assertIn(f'<span data-testid="notice-put-away">{zh("read")} ', page)

    def test_the_outage_s_restore_puts_away_its_orders_late_notices(self) -> None:
        add_crews(self)
        outage, order = outage_job(self)
        late = self.tell(order, K.OVERDUE)
        for step, fields in (
            ("on_the_way", {}),
            ("on_site", {}),
            ("cause_found", {"cause": "tree"}),
        ):
            crew_step_take(work_order=order, step=step, user=self.member, fields=fields)
        self.assertIsNone(Notification.objects.get(pk=late.pk).read_at)
        crew_step_take(work_order=order, step="restored", user=self.member, fields={})
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED)
        late.refresh_from_db()
        self.assertEqual(late.read_reason, "order_finished")
        self.assertIsNotNone(late.read_at)
