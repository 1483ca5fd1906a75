"""A visit's plan naming a village group of another station, or an id that names none, is
refused at the groups' field with a sentence, nothing planned (probe78 L8: the visit was stored
without it, without a word); the station's own group is taken as before."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.community.models import Village, VillageGroup
from powerdesk.outreach.models import OutreachVisit
from tests.base import BaseTestCase
from tests.outreach.test_visit_sent_twice import plan


class GroupStrayTests(BaseTestCase):
    def test_a_group_of_another_station_or_none_is_refused_at_its_field(self) -> None:
        other = VillageGroup.objects.create(
            station=self.station_b,
            village=Village.objects.create(station=self.station_b, name="东街"),
            name="一组",
        )
        self.login(self.clerk)
        url = reverse("outreach:visit_new")
        for sent in ([other.pk], ["abc"], [self.group.pk, 999_999]):
            with self.subTest(sent):
                response = self.client.post(url, {**plan(self, f"t{sent}"), "groups": sent})
                self.assertEqual(response.status_code, 400)
                self.assertEqual(set(response.context["wrong"]), {"groups"})
                self.assertContains(response, 'data-testid="groups-errors"', status_code=400)
        self.assertFalse(OutreachVisit.objects.exists())
        taken = self.client.post(url, {**plan(self, "ok"), "groups": [self.group.pk]})
        self.assertEqual(taken.status_code, 302)
        self.assertEqual(list(OutreachVisit.objects.get().groups.all()), [self.group])
