"""What blocks each arrears case of the demo station, as stored (``blocked_by``: the list, the
chief's panel, the API's ``blocked=``), is what ``blocks.block_of`` reads now (the case's page,
the refusals) (review73, L4): a builder that stores a case without its block, or words read
one way when stored and another now, make the two disagree."""

from __future__ import annotations

from django.test import TestCase

from powerdesk.arrears.blocks import block_of
from powerdesk.arrears.models import ArrearsCase
from tests.demo_station import REFERENCE_APPS, TODAY, load_demo


class DemoBlocksTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY, only={*REFERENCE_APPS, "arrears"})

    def test_every_demo_case_stores_the_block_it_has_now(self) -> None:
        cases = list(ArrearsCase.objects.select_related("customer").order_by("pk"))
        self.assertGreaterEqual(len(cases), 5)
        self.assertEqual(
            [(c.customer.name, c.blocked_by) for c in cases],
            [(c.customer.name, block_of(c)) for c in cases],
        )
        # The demo has a case that must not be cut (the household that needs care).
        self.assertTrue(any(c.blocked_by for c in cases))
