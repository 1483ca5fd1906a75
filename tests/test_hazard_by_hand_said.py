"""walk45, 3: a hazard order opened by hand (the order form or the API: no call) said
"告知来电人" on its page and "来电人说：…" on the outages page and the crew's card, though
nobody called. With no call its page says to tell whoever reported it, and the lines say what
the work order says; a hazard that came by a call is said as before, in both languages."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.base import zh
from tests.hazard_cast import HazardCase
from tests.servicedesk.crew_cast import outage_job

WORDS = "村民来所里说，村口电线断了掉在地上"
CALLER = "The caller said"
BY_HAND = "The work order says"
TELL = "Tell the caller"
TELL_BY_HAND = "Tell whoever reported it"


class HazardByHandSaidTests(HazardCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, _order = outage_job(self)

    def by_hand(self) -> WorkOrder:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="hazard",
            summary=WORDS,
            village=self.village,
            group=self.group,
        )
        self.assertFalse(order.calls.exists())
        return order

    def called(self) -> WorkOrder:
        taken = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number="13900001111",
            text="门口电线打火了，在冒烟",
            category="hazard",
            village=self.village,
            group=self.group,
        )
        assert taken.work_order is not None
        return taken.work_order

    def get(self, user: object, url: str, language: str = "zh-hans") -> str:
        self.login(user)  # type: ignore[arg-type]
        with translation.override(language):
            return self.client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    def line(self, page: str, key: str, order: WorkOrder) -> str:
        found = re.search(
            rf'data-testid="hazard-{key}-{order.pk}">(.*?)</span></span>', page, flags=re.S
        )
        assert found is not None, page
        return found.group(1)

    def tell(self, page: str) -> str:
        found = re.search(r'data-testid="hazard-tell"><strong>(.*?)</strong>', page, flags=re.S)
        assert found is not None, page
        return found.group(1)

    def test_opened_by_hand_nobody_is_said_to_have_called(self) -> None:
        order = self.by_hand()
        for language, said, not_said in (
            ("zh-hans", zh(BY_HAND), zh(CALLER)),
            ("en", BY_HAND, CALLER),
        ):
            with self.subTest(language=language):
                page = self.get(self.chief, reverse("outages:list"), language)
                line = self.line(page, "list", order)
                self.assertIn(said, line)
                self.assertIn(WORDS, line)
                self.assertNotIn(not_said, line)
                card = self.get(self.member, reverse("servicedesk:crew_jobs"), language)
                line = self.line(card, "job", order)
                self.assertIn(said, line)
                self.assertNotIn(not_said, line)
        page = self.get(self.chief, reverse("servicedesk:work_order", args=[order.pk]))
        self.assertIn(zh(TELL_BY_HAND), self.tell(page))
        self.assertNotIn(zh(TELL), self.tell(page))
        page = self.get(self.chief, reverse("servicedesk:work_order", args=[order.pk]), "en")
        self.assertIn(TELL_BY_HAND, self.tell(page))

    def test_a_called_hazard_is_said_as_the_caller_s(self) -> None:
        order = self.called()
        for language, said, not_said in (
            ("zh-hans", zh(CALLER), zh(BY_HAND)),
            ("en", CALLER, BY_HAND),
        ):
            with self.subTest(language=language):
                page = self.get(self.chief, reverse("outages:list"), language)
                line = self.line(page, "list", order)
                self.assertIn(said, line)
                self.assertNotIn(not_said, line)
                card = self.get(self.member, reverse("servicedesk:crew_jobs"), language)
                self.assertIn(said, self.line(card, "job", order))
        page = self.get(self.chief, reverse("servicedesk:work_order", args=[order.pk]), "en")
        self.assertIn(TELL, self.tell(page))
        self.assertNotIn(TELL_BY_HAND, page)
