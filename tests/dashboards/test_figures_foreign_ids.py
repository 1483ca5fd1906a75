"""Every figures page refuses another station's feeder, village or device the same way, 404
(walk58 L8): the outage record answered 200 for another station's village, listing nothing,
while the reliability page answered 404."""

from __future__ import annotations

from django.urls import reverse

from tests.base import BaseTestCase


class ForeignIdsTests(BaseTestCase):
    def test_another_station_s_ids_are_404_on_every_figures_filter(self) -> None:
        self.login(self.outsider)  # the chief of the other station
        foreign = {
            "feeder": self.feeder.pk,
            "village": self.village.pk,
            "device": self.fuse.pk,
        }
        for name, pk in foreign.items():
            with self.subTest(name):
                record = self.client.get(reverse("dashboards:outages"), {name: pk})
                self.assertEqual(record.status_code, 404)
                exported = self.client.get(
                    reverse("accounts:export", args=["outage_record", "csv"]), {name: pk}
                )
                self.assertEqual(exported.status_code, 404)
        for name in ("feeder", "village"):
            with self.subTest(f"reliability {name}"):
                page = self.client.get(reverse("dashboards:reliability"), {name: foreign[name]})
                self.assertEqual(page.status_code, 404)
        # Not an id at all: the same answer as the reliability page's.
        self.assertEqual(
            self.client.get(reverse("dashboards:outages"), {"village": "abc"}).status_code, 404
        )

    def test_the_station_s_own_ids_and_empty_filters_still_list(self) -> None:
        self.login(self.chief)
        own = {"feeder": self.feeder.pk, "village": self.village.pk, "device": self.fuse.pk}
        for name, pk in own.items():
            with self.subTest(name):
                self.assertEqual(
                    self.client.get(reverse("dashboards:outages"), {name: pk}).status_code, 200
                )
        empty = {"feeder": "", "village": "", "device": "", "year": ""}
        self.assertEqual(self.client.get(reverse("dashboards:outages"), empty).status_code, 200)
