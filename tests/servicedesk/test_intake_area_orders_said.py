"""walk44, 4: intake's "Known now" listed the fuse outage's job as "Same transformer area"
(its first caller was a neighbour on the caller's area) while the call was offered to join the
area's own outage below it. The neighbours' orders on an outage are labelled by the outage:
the one this call joins, or the wider one above the household."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import GridNode
from powerdesk.outages.joined import outage_link
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.area_orders import area_orders_said
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.outage_cast import NUMBER, area_below_the_pole, fault_declare

# The neighbours' orders; the outages above (``outages_off_above``: two, with the devices up the
# line, 5); the outages' links with their open jobs and crews; the outages the listed orders were
# joined to (10 when the links and their jobs were read apart and the links read twice).
QUERIES_WITH_OUTAGES_ABOVE = 8


class IntakeAreaOrdersSaidTests(BaseTestCase):
    def neighbour_calls(
        self, name: str, mobile: str, outage: Outage | None, area: GridNode | None = None
    ) -> WorkOrder:
        """A neighbour on the caller's transformer area (or ``area``) rings that the power is
        off."""
        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number=f"532500{mobile[-5:]}",
            name=name,
            village=self.village,
            group=self.group,
            transformer=area or self.transformer,
        )
        CustomerPhone.objects.create(customer=neighbour, number=f"+86{mobile}")
        extra = {"join_outage": outage} if outage is not None else {"open_order": True}
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=mobile,
            text="家里没电了",
            category="fault_repair",
            **extra,
        ).work_order
        assert order is not None
        return order

    def known_now(self) -> list[str]:
        self.login(self.clerk)
        with translation.override("en"):
            html = self.client.get(
                reverse("servicedesk:caller"),
                {"caller_number": NUMBER},
                HTTP_ACCEPT_LANGUAGE="en",
            ).content.decode()
        return [part.split("</li>")[0] for part in html.split('data-testid="area-order">')[1:]]

    def test_the_fuse_job_is_the_wider_outage_and_the_area_job_the_one_joined(self) -> None:
        wider = fault_declare(self, self.pole)
        wider_job = self.neighbour_calls("自文珍", "13900002222", wider)
        inner = fault_declare(self, self.fuse)
        inner_job = self.neighbour_calls("李四", "13900003333", inner)
        self.assertEqual(outage_link(wider).order, wider_job)  # each outage kept its own job
        self.assertEqual(outage_link(inner).order, inner_job)
        lines = self.known_now()
        said = {o.number: next(x for x in lines if o.number in x) for o in (wider_job, inner_job)}
        self.assertTrue(said[wider_job.number].startswith("The wider outage above this household"))
        self.assertTrue(said[inner_job.number].startswith("The outage this call joins"))
        self.assertNotIn("Same transformer area", "".join(lines))

    def test_a_neighbour_s_order_on_no_outage_is_said_of_the_same_area(self) -> None:
        order = self.neighbour_calls("自文珍", "13900002222", None)
        (line,) = self.known_now()
        self.assertTrue(line.startswith("Same transformer area"))
        self.assertIn(order.number, line)

    def test_the_wider_outage_s_job_opened_from_another_area_is_listed(self) -> None:
        # walk45, 1: the fuse's job, opened by a caller on another area under it, was not listed
        # to a caller under both outages (only the neighbours on their own area were).
        wider = fault_declare(self, self.pole)
        wider_job = self.neighbour_calls("钱七", "13900004444", wider, area_below_the_pole(self))
        inner = fault_declare(self, self.fuse)
        inner_job = self.neighbour_calls("李四", "13900003333", inner)
        lines = self.known_now()
        said = {o.number: next(x for x in lines if o.number in x) for o in (wider_job, inner_job)}
        self.assertTrue(said[wider_job.number].startswith("The wider outage above this household"))
        self.assertTrue(said[inner_job.number].startswith("The outage this call joins"))

    def test_the_jobs_of_the_outages_above_and_their_crews_are_read_in_few_queries(self) -> None:
        # The neighbours' orders, the outages above, their links with their open jobs and crews,
        # the outages the listed orders were joined to: one query each, however many outages
        # (the links' jobs were read in two).
        wider = fault_declare(self, self.pole)
        wider_job = self.neighbour_calls("钱七", "13900004444", wider, area_below_the_pole(self))
        inner = fault_declare(self, self.fuse)
        inner_job = self.neighbour_calls("李四", "13900003333", inner)
        customer = Customer.objects.select_related("station").get(pk=self.customer.pk)
        with self.assertNumQueries(QUERIES_WITH_OUTAGES_ABOVE):
            said = area_orders_said(customer)
            crews = [order.crew for order, _label in said]
        # The wider outage's job opened from another area first, then the neighbours' (the fuse's).
        self.assertEqual([order for order, _label in said], [wider_job, inner_job])
        self.assertEqual(len(crews), len(said))
