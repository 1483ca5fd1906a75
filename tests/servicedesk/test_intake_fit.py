"""Intake offers and chooses only what fits the call: the "Then" default follows the category
the clerk has (a bill, a danger or a test call under an outage is never preselected to join
it), the join choices are the caller's outage and their own orders of the call's category
(never a neighbour's, at most a few, the likeliest first), and the server refuses a forged
choice with a clear error."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from powerdesk.servicedesk.understanding.suggest import suggestion_for
from tests.base import BaseTestCase, zh
from tests.outage_cast import declared
from tests.servicedesk.intake_page import action_choices as radios
from tests.servicedesk.intake_page import checked_actions as checked
from tests.servicedesk.intake_page import predict_outage

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


class FitCast(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        # A neighbour on the same transformer area and in the same group.
        self.neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="李四",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        CustomerPhone.objects.create(customer=self.neighbour, number="+8613900002222")
        self.login(self.clerk)

    def declare(self) -> Outage:
        return declared(self, self.fuse, began=30)

    def predict(self, device: GridNode) -> PredictedOutage:
        return predict_outage(self.station_a, device)

    def order(self, customer: Customer, category: str, summary: str) -> WorkOrder:
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category=category,
            summary=summary,
            customer=customer,
        )

    def then(self, number: str = NUMBER, **data: str) -> str:
        """The caller panel and its "Then" group, as the page asks for them."""
        response = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": number, **data}
        )
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def save(self, **data: str) -> Any:
        page = self.client.get(reverse("servicedesk:intake"))
        token = page.context["form"]["form_token"].value()
        return self.client.post(
            reverse("servicedesk:intake"),
            {"form_token": token, "caller_number": NUMBER, **data},
        )


class DefaultFollowsTheCategoryTests(FitCast):
    def setUp(self) -> None:
        super().setUp()
        self.outage = self.declare()
        self.join = f"outage:{self.outage.pk}"

    def test_a_fault_call_under_the_outage_gets_the_join_chosen(self) -> None:
        html = self.then(text="家里停电了", category="fault_repair")
        self.assertEqual(checked(html), [self.join])
        # The suggestion does it as well as a category chosen.
        self.assertEqual(suggestion_for("家里停电了").category, "fault_repair")
        self.assertEqual(checked(self.then(text="家里停电了")), [self.join])

    def test_billing_hazard_and_a_test_call_are_not_preselected_to_join(self) -> None:
        self.assertEqual(suggestion_for("测试").category, "other")
        for data in (
            {"text": "电费怎么这么多", "category": "billing"},
            {"text": "路边电杆歪了", "category": "hazard"},
            {"text": "测试"},  # not a request: logged only
        ):
            with self.subTest(**data):
                html = self.then(**data)
                self.assertEqual(checked(html), [""])
                # Not offered either: the server would not join it (only "no power" does).
                self.assertNotIn(self.join, radios(html))
                self.assertNotIn('data-testid="join-outage"', html)

    def test_what_as_its_category_says_does_is_said_for_the_category(self) -> None:
        html = self.then(text="电费怎么这么多", category="billing")
        label = zh("as its category says: %(category)s, answered on the call") % {
            "category": zh("billing")
        }
        self.assertIn(label, html)
        self.assertIn('data-category="billing"', html)

    def test_with_no_category_yet_nothing_that_depends_on_it_is_chosen(self) -> None:
        html = self.then()
        self.assertEqual(checked(html), [""])
        self.assertIn(self.join, radios(html))  # offered: it may well be a fault call
        self.assertIn('data-category=""', html)
        # The page as the telephone opens it, before anything is typed.
        response = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        self.assertEqual(checked(response.content.decode()), [""])

    def test_a_category_changed_on_the_page_moves_a_default_left_as_it_was(self) -> None:
        fault = self.then(text="家里停电了")
        self.assertEqual(checked(fault), [self.join])
        # The clerk changes the category to billing, the join still chosen as the server had it.
        html = self.then(
            text="家里停电了", category="billing", action=self.join, then_default=self.join
        )
        self.assertEqual(checked(html), [""])
        # ... and back to a fault: the join is chosen again.
        html = self.then(text="家里停电了", category="fault_repair", action="", then_default="")
        self.assertEqual(checked(html), [self.join])

    def test_a_choice_the_clerk_made_is_kept_while_it_is_offered(self) -> None:
        html = self.then(text="家里停电了", category="billing", action="new", then_default="")
        self.assertEqual(checked(html), ["new"])

    def test_a_page_sent_back_draws_the_choices_for_its_category(self) -> None:
        # A business call with "Then" left on the join: sent back for another reason (a
        # group outside the village), the page chooses as the business category says.
        other_village = self.village.__class__.objects.create(station=self.station_a, name="地索")
        response = self.save(
            text="想办过户",
            category="business",
            village=str(other_village.pk),
            group=str(self.group.pk),
            action=self.join,
            then_default=self.join,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(checked(response.content.decode()), [""])

    def test_the_server_still_takes_a_billing_call_left_on_the_join_as_its_own(self) -> None:
        self.save(text="电费怎么这么多", category="billing", action=self.join)
        call = Call.objects.get()
        self.assertIsNone(call.work_order_id)
        self.assertFalse(WorkOrder.objects.exists())


class DefaultUnderPredictionTests(FitCast):
    def test_only_a_fault_call_is_offered_to_record_the_prediction(self) -> None:
        self.predict(self.fuse)
        record = f"predicted:{self.fuse.pk}"
        self.assertEqual(checked(self.then(text="家里停电了", category="fault_repair")), [record])
        html = self.then(text="电费怎么这么多", category="billing")
        self.assertEqual(checked(html), [""])
        self.assertNotIn(record, radios(html))
        html = self.then()
        self.assertEqual(checked(html), [""])


class JoinChoicesInAStormTests(FitCast):
    def setUp(self) -> None:
        super().setUp()
        # The neighbours' open orders: a hazard, a fault, a bill question opened as an order.
        self.neighbour_hazard = self.order(self.neighbour, "hazard", "电杆倾斜")
        self.neighbour_fault = self.order(self.neighbour, "fault_repair", "邻居家没电")
        self.neighbour_business = self.order(self.neighbour, "business", "过户")
        # The caller's own: four older fault orders, one business order.
        self.own_faults = [self.order(self.customer, "fault_repair", f"停电{i}") for i in range(4)]
        self.own_business = self.order(self.customer, "business", "改名")
        self.outage = self.declare()

    def test_a_fault_call_is_offered_its_outage_and_its_own_fault_orders_only(self) -> None:
        html = self.then(text="家里停电了", category="fault_repair")
        offered = [v for v in radios(html) if v not in ("", "new", "log")]
        self.assertEqual(offered[0], f"outage:{self.outage.pk}")
        for other in (self.neighbour_hazard, self.neighbour_fault, self.neighbour_business):
            self.assertNotIn(f"join:{other.pk}", offered)
        self.assertNotIn(f"join:{self.own_business.pk}", offered)
        # At most a few, the latest of the caller's own first.
        latest = list(reversed(self.own_faults))[:3]
        self.assertEqual(offered[1:], [f"join:{o.pk}" for o in latest])
        self.assertLessEqual(len(offered), 5)

    def test_a_business_call_is_offered_the_caller_s_business_order_only(self) -> None:
        html = self.then(text="想办过户", category="business")
        offered = [v for v in radios(html) if v not in ("", "new", "log")]
        self.assertEqual(offered, [f"join:{self.own_business.pk}"])
        self.assertEqual(checked(html), [""])  # a guess: offered, never chosen

    def test_an_unknown_number_is_offered_the_orders_it_rang_about(self) -> None:
        number = "13700001111"
        order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=number,
            text="村口电线断了",
            category="hazard",
            open_order=True,
        ).work_order
        assert order is not None
        html = self.then(number, text="电线还在冒火花", category="hazard")
        offered = [v for v in radios(html) if v not in ("", "new", "log")]
        self.assertEqual(offered, [f"repeat:{order.pk}"])
        self.assertNotIn(f"join:{self.neighbour_hazard.pk}", html)
        # A bill question from the same number: the order is said, not offered to join.
        html = self.then(number, text="电费怎么交", category="billing")
        self.assertIn('data-testid="repeat-order"', html)
        self.assertNotIn(f"repeat:{order.pk}", radios(html))
        self.assertEqual(checked(html), [""])

    def error(self, response: Any) -> str:
        self.assertEqual(response.status_code, 200)
        return " ".join(str(e) for e in response.context["form"].non_field_errors())

    def test_a_forged_join_of_another_household_s_hazard_order_is_refused(self) -> None:
        response = self.save(
            text="电杆歪了", category="hazard", action=f"join:{self.neighbour_hazard.pk}"
        )
        said = zh(
            "Work order %(number)s is another household's: a call joins only its caller's own "
            "orders, or the outage above them. Choose another action."
        ) % {"number": self.neighbour_hazard.number}
        self.assertEqual(self.error(response), said)
        self.assertFalse(Call.objects.exists())
        self.assertEqual(self.neighbour_hazard.calls.count(), 0)

    def test_a_forged_repeat_of_another_household_s_order_is_refused(self) -> None:
        response = self.save(
            text="还是没电", category="fault_repair", action=f"repeat:{self.neighbour_fault.pk}"
        )
        self.assertIn(self.neighbour_fault.number, self.error(response))
        self.assertFalse(Call.objects.exists())

    def test_an_own_order_of_another_category_is_refused(self) -> None:
        response = self.save(
            text="家里停电了", category="fault_repair", action=f"join:{self.own_business.pk}"
        )
        self.assertIn(self.own_business.number, self.error(response))
        self.assertFalse(Call.objects.exists())

    def test_an_own_order_of_the_call_s_category_is_joined(self) -> None:
        self.save(text="过户材料补齐了", category="business", action=f"join:{self.own_business.pk}")
        self.assertEqual(Call.objects.get().work_order, self.own_business)

    def test_a_forged_outage_or_prediction_elsewhere_is_refused(self) -> None:
        elsewhere = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B02-F",
            kind=NodeKind.FUSE,
            parent=self.breaker,
            name="另一支线熔断器",
        )
        there = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=elsewhere,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=5),
        )
        response = self.save(
            text="家里停电了", category="fault_repair", action=f"outage:{there.pk}"
        )
        self.assertIn(str(elsewhere), self.error(response))
        other = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B03-F",
            kind=NodeKind.FUSE,
            parent=self.breaker,
            name="第三支线熔断器",
        )
        self.predict(other)
        response = self.save(
            text="家里停电了", category="fault_repair", action=f"predicted:{other.pk}"
        )
        self.assertIn(str(other), self.error(response))
        self.assertFalse(Call.objects.exists())
        self.assertFalse(Outage.objects.filter(device=other).exists())

    def test_the_api_refuses_another_household_s_order_too(self) -> None:
        from powerdesk.accounts.tokens import token_create

        _token, key = token_create(station_id=self.station_a.pk, name="county")
        response = self.client.post(
            "/api/v1/calls",
            {
                "caller_number": NUMBER,
                "text": "电杆歪了",
                "category": "hazard",
                "join_order_id": self.neighbour_hazard.pk,
            },
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        self.assertEqual(response.status_code, 422, response.content)
        self.assertEqual(self.neighbour_hazard.calls.count(), 0)
