"""Walk78 L4: "Close the outage" was offered on a restored row while callbacks were pending,
refused only once pressed ("还有待回访：回访页 6 户 + 1 来电户…"). The row says beforehand who is
still to be called back, in the words of the refusal, and offers the close only when it can be
done (until then, what is left is said in its place)."""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.outages.aftercare import outage_callback_done
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_close
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.services import OutageError, outage_restore
from powerdesk.servicedesk.callbacks import callback_record
from tests.outage_life_cast import OutageLifeCase


class CloseSaidBeforeTests(OutageLifeCase):
    def row(self, outage: Outage) -> str:
        self.login(self.clerk)
        page = self.client.get(reverse("outages:list")).content.decode()
        start = page.index(f'id="restored-{outage.pk}"')
        end = page.find('<li id="restored-', start + 1)
        return page[start : end if end != -1 else page.index("</main>", start)]

    def test_the_row_says_who_is_left_and_offers_the_close_once_it_can_be_done(self) -> None:
        own = self.fault_call(self.neighbour)
        assert own is not None
        outage = self.declare(minutes_ago=10)
        outage_join_open_orders(outage=outage)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        with self.assertRaises(OutageError) as refused:
            outage_close(outage=outage, user=self.chief)
        row = self.row(outage)
        blocked = re.search(rf'data-testid="close-blocked-{outage.pk}">([^<]+)<', row)
        assert blocked is not None, row
        # The refusal's own words, the caller's order named.
        self.assertEqual(blocked.group(1), str(refused.exception))
        self.assertIn(own.number, blocked.group(1))
        self.assertNotIn('value="close"', row)  # nothing to press yet
        # Everyone called back: the close is offered, nothing said left.
        for callback in OutageCallback.objects.filter(outage=outage):
            outage_callback_done(callback=callback, user=self.clerk)
        callback_record(work_order=own, user=self.clerk, outcome="reached", satisfaction=5)
        row = self.row(outage)
        self.assertNotIn("close-blocked", row)
        self.assertIn('value="close"', row)
