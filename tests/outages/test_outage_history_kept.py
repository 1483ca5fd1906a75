"""Walk78 M1: an outage's history (who recorded it, the calls joined, the restore, the close)
folded out on the board only while it was open; once restored, nothing showed it but the
joined orders' pages. It stays readable: the restored row folds it out, the outage has a page
of its own with it, and the device page and the outage record link there, for every role that
sees the board (another station's staff: 404)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_close
from powerdesk.outages.models import Outage, OutageCallback
from powerdesk.outages.outage_callback_record import outage_callback_record
from powerdesk.outages.outage_steps import CALLBACK_STEPS
from powerdesk.outages.services import outage_restore
from powerdesk.servicedesk.callbacks import callback_record
from tests.base import make_user
from tests.outage_life_cast import OutageLifeCase


class RestoredOutageHistoryTests(OutageLifeCase):
    def restored(self) -> Outage:
        self.fault_call(self.neighbour)
        outage = self.declare(minutes_ago=40)
        outage_join_open_orders(outage=outage, user=self.clerk)
        outage_restore(outage=outage, user=self.chief, cause="tree", how="remote")
        return outage

    def test_the_restored_row_folds_out_its_history(self) -> None:
        outage = self.restored()
        self.login(self.clerk)
        page = self.client.get(reverse("outages:list")).content.decode()
        start = page.index(f'id="restored-{outage.pk}"')
        row = page[start : page.index("</details>", page.index(f"history-outage-{outage.pk}"))]
        self.assertIn(f'data-testid="history-outage-{outage.pk}"', row)
        self.assertIn("杨所长", row)  # who recorded and restored it
        self.assertIn("李秀英", row)  # who joined the call
        self.assertIn(reverse("outages:history", args=[outage.pk]), row)

    def test_the_outage_page_keeps_its_history_after_the_close(self) -> None:
        outage = self.restored()
        for callback in OutageCallback.objects.filter(outage=outage):
            outage_callback_record(
                callback=callback, user=self.clerk, outcome="reached", satisfaction=5
            )
        own = outage.link.work_orders.get()  # type: ignore[attr-defined]
        callback_record(work_order=own, user=self.clerk, outcome="reached", satisfaction=5)
        outage_close(outage=outage, user=self.chief)
        whats = list(outage.events.values_list("what", flat=True))  # type: ignore[attr-defined]
        self.assertIn("closed", whats)
        self.assertTrue(CALLBACK_STEPS & set(whats), whats)  # its callbacks' lines too
        crewman = make_user("crewman", self.station_a, Role.CREW)
        for user in (self.chief, self.clerk, crewman):
            self.login(user)
            page = self.client.get(reverse("outages:history", args=[outage.pk]))
            self.assertEqual(page.status_code, 200, user)
            shown = page.content.decode()
            # A crew member reads no callbacks (as the restored rows' callback fold): their
            # lines are left out for them, the rest is there.
            office = user is not crewman
            for what in whats:
                said = f'data-what="{what}"' in shown
                self.assertEqual(said, office or what not in CALLBACK_STEPS, (user, what))
            self.assertIn("杨所长", shown)
            self.assertIn(outage.link.work_orders.get().number, shown)  # type: ignore[attr-defined]

    def test_others_may_not_read_it(self) -> None:
        outage = self.restored()
        liaison = make_user("liaison", self.station_a, Role.LIAISON)
        self.login(liaison)
        self.assertEqual(
            self.client.get(reverse("outages:history", args=[outage.pk])).status_code, 403
        )
        other = make_user("other", self.station_b, Role.CHIEF)
        self.login(other)
        self.assertEqual(
            self.client.get(reverse("outages:history", args=[outage.pk])).status_code, 404
        )

    def test_the_device_page_and_the_record_link_to_it(self) -> None:
        outage = self.restored()
        self.login(self.chief)
        url = reverse("outages:history", args=[outage.pk])
        device = self.client.get(self.fuse.get_absolute_url()).content.decode()
        self.assertIn(f'href="{url}"', device)
        record = self.client.get(reverse("dashboards:outages")).content.decode()
        self.assertIn(f'href="{url}"', record)
