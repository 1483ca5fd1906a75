"""An order's own job on the crew's phone asks the device where the fault was once (walkthrough
35, 1): the cause's form asks it while the cause is not recorded, and the resolve form does not
ask it (nor the cause) again; once the cause is recorded without it, the card has no cause's
form and the resolve form asks the device alone, with the box for a fault inside the house."""

from __future__ import annotations

from html import unescape

from django.urls import reverse
from django.utils.translation import gettext

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.models.core import CAUSE_IN_HOUSE
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, on_site, plain_job


def card_of(page: str, order: WorkOrder) -> str:
    start = page.index(f'<section class="card job" data-order="{order.pk}"')
    return page[start : page.index("</section>", start)]


def asked(card: str) -> int:
    """How many times the card asks "Device (code or name)" (the patrol's "found open" is
    another question)."""
    return card.count(gettext("Device (code or name)"))


def form_of(card: str, step: str) -> str:
    start = card.find(f'data-crew-step="{step}"')
    if start < 0:
        return ""
    return card[start : card.index("</form>", start)]


class OneDeviceQuestionTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)
        on_site(self, self.order)

    def card(self) -> str:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertEqual(page.status_code, 200)
        return card_of(unescape(page.content.decode()), self.order)

    def test_while_the_cause_is_not_recorded_only_its_form_asks_the_device(self) -> None:
        card = self.card()
        self.assertEqual(asked(card), 1)
        self.assertIn('name="device"', form_of(card, "cause_found"))
        restored = form_of(card, "restored")
        self.assertTrue(restored)
        self.assertNotIn('name="device"', restored)
        self.assertNotIn('name="cause"', restored)

    def test_with_the_cause_recorded_the_resolve_form_alone_asks_the_device(self) -> None:
        WorkOrder.objects.filter(pk=self.order.pk).update(cause="表箱空开烧坏")
        card = self.card()
        self.assertEqual(form_of(card, "cause_found"), "")  # recorded: no second cause form
        self.assertIn('data-cause="1"', card)
        restored = form_of(card, "restored")
        self.assertEqual(asked(card), 1)
        self.assertIn('name="device"', restored)
        self.assertNotIn('name="cause"', restored)
        self.assertIn('name="in_house"', restored)

    def test_with_the_device_or_inside_the_house_nothing_more_is_asked(self) -> None:
        WorkOrder.objects.filter(pk=self.order.pk).update(
            cause="户内空开损坏", cause_kind=CAUSE_IN_HOUSE
        )
        self.assertEqual(asked(self.card()), 0)
        WorkOrder.objects.filter(pk=self.order.pk).update(
            cause="熔丝熔断", cause_kind="", device_found=self.fuse
        )
        self.assertEqual(asked(self.card()), 0)

    def test_resolved_inside_the_house_from_the_resolve_form(self) -> None:
        WorkOrder.objects.filter(pk=self.order.pk).update(cause="户内空开损坏")
        self.login(self.member)
        self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "restored", "in_house": "1", "device": "NO-SUCH", "note": "换了空开"},
        )
        self.order.refresh_from_db()
        self.assertEqual(
            (self.order.status, self.order.cause_kind, self.order.device_found),
            ("resolved", CAUSE_IN_HOUSE, None),
        )
