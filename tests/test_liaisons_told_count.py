"""The outages page counts the liaisons told as "1/3 told" (walk58 L3): it showed a tick for each
one told and then the total, "(✓7)" after 1 of 7, which reads as "7 done". (Where PowerDesk
texts them, a text counts as telling: ``test_liaisons_texted_count``; here the station texts
households alone, and staff tell the liaisons.)"""

from __future__ import annotations

import re

from django.urls import reverse

from powerdesk.community.liaison import liaison_add
from powerdesk.notifications.models import Audience, Event
from powerdesk.notifications.services import settings_for
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase


class LiaisonsToldCountTests(BaseTestCase):
    def test_the_count_says_how_many_of_how_many_were_told(self) -> None:
        conf = settings_for(self.station_a)
        conf.rules = {**conf.rules, Event.OUTAGE_KNOWN: [Audience.HOUSEHOLDS]}
        conf.save()
        liaisons = [
            liaison_add(
                village=self.village,
                by=self.chief,
                name=name,
                phone=phone,
                role="group_leader",
                group=self.group,
            )
            for name, phone in (("罗正发", "13912345678"), ("李文", "13912345677"))
        ]
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            notice="哔叭支线抢修中",
        )
        self.login(self.clerk)

        def count() -> str:
            page = self.client.get(reverse("outages:list")).content.decode()
            found = re.search(rf'data-testid="liaisons-told-{outage.pk}">([^<]*)<', page)
            assert found is not None, page
            return found.group(1)

        self.assertIn("0/2", count())
        self.client.post(
            reverse("outages:list"),
            {"action": "told", "outage": outage.pk, "liaison": liaisons[0].pk},
        )
        said = count()
        self.assertIn("1/2", said)
        self.assertNotIn("✓", said)
