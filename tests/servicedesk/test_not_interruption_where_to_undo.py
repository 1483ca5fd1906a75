"""Review68 L10: an outage confirmed no interruption on the outage record (/figures/outages/)
leaves the record, so its undo is never offered there: the confirmation says where it is (the
outages page's "Recently restored", today only), and that list keeps an outage confirmed
today however long ago it was restored."""

from __future__ import annotations

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.outages.models import Outage
from tests.servicedesk.test_not_interruption_undo import FoundOnCase

PLAIN = "Confirmed no interruption: the reliability figures leave it out."
WHERE = (
    "Confirmed no interruption: the reliability figures leave it out, and this outage record "
    "with them. Made in error? It can be undone today only, on the outages page under "
    "“Recently restored”."
)


class WhereToUndoTests(FoundOnCase):
    def in_station_words(self, msgid: str) -> str:
        with translation.override("zh-hans"):  # the pages' language
            return translation.gettext(msgid)

    def said(self, response) -> list[str]:  # type: ignore[no-untyped-def]
        return [str(m) for m in get_messages(response.wsgi_request)]

    def test_confirmed_on_the_record_the_message_says_where_to_undo(self) -> None:
        record = reverse("dashboards:outages")
        self.login(self.chief)
        said = self.said(self.post("not_interruption", next=record))
        self.assertEqual(said, [self.in_station_words(WHERE)])
        page = self.client.get(record).content.decode()
        self.assertNotIn(f"undo-not-interruption-{self.outage.pk}", page)  # it left the record
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f'data-testid="undo-not-interruption-{self.outage.pk}"', page)

    def test_confirmed_on_the_outages_page_the_undo_is_beside_it(self) -> None:
        self.login(self.chief)
        said = self.said(self.post("not_interruption", next=reverse("outages:list")))
        self.assertEqual(said, [self.in_station_words(PLAIN)])

    def test_recently_restored_keeps_one_confirmed_today_restored_long_ago(self) -> None:
        # Twenty outages restored since: this one is no longer among the latest.
        for i in range(20):
            Outage.objects.create(
                station=self.station_a,
                device=self.outage.device,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                starts_at=timezone.now() - dt.timedelta(minutes=50 - i),
                restored_at=timezone.now() - dt.timedelta(minutes=40 - i),
            )
        Outage.objects.filter(pk=self.outage.pk).update(
            restored_at=timezone.now() - dt.timedelta(days=3)
        )
        self.login(self.chief)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertNotIn(f"confirm-not-interruption-{self.outage.pk}", page)
        self.post("not_interruption", next=reverse("dashboards:outages"))
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f'data-testid="undo-not-interruption-{self.outage.pk}"', page)
