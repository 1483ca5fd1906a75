"""An outage's order that a storm's callers joined groups its calls by village and transformer
area: the village with the most calls first, and in each village the area with the most calls
first (as many: by name), as the heading says; not by whose call came last, which moved the
rows as calls came in and left the areas in no order one could see."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.models import Call
from powerdesk.servicedesk.order_again import work_order_join_call
from powerdesk.servicedesk.order_calls import call_groups
from tests.base import BaseTestCase, zh
from tests.servicedesk.storm_order import storm_order

HEADING = "By village and transformer area, the most calls first"


class CallGroupsOrderTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # 60 calls: ten from each of the six areas, twenty from each of 左门, 大村 and 小河.
        cls.order = storm_order(cls, calls=60, note_after=61)
        long_ago = timezone.now() - dt.timedelta(hours=2)
        extra = [  # (index in cls.areas, calls, minutes after long_ago)
            (0, 6, 0),  # 左门1号台区: 16 calls, all long ago
            (1, 1, 1),  # 左门2号台区: 11
            (5, 3, 2),  # 小河2号台区: 13, so 小河 23
            (2, 1, 200),  # 大村1号台区: 11, so 大村 21, with the latest call of all
        ]
        n = 0
        for index, calls, minutes in extra:
            village, _area, people = cls.areas[index]
            for _ in range(calls):
                n += 1
                call = Call.objects.create(
                    station=cls.station_a,
                    received_at=long_ago + dt.timedelta(minutes=minutes),
                    customer=people[0],
                    village=village,
                    caller_number=f"1390000{n:04d}",
                    text="停电",
                )
                work_order_join_call(work_order=cls.order, call=call, user=None)

    def test_villages_and_their_areas_come_by_the_number_of_calls(self) -> None:
        groups = call_groups(self.order)
        self.assertEqual(
            [(v.name, v.calls) for v in groups], [("左门", 28), ("小河", 23), ("大村", 21)]
        )
        self.assertEqual(
            [[(a.name, a.calls) for a in v.areas] for v in groups],
            [
                # The first caller's own area (the outage's order was opened by that call).
                [("左门1号台区", 16), ("左门2号台区", 11), ("左门哔叭1号台区", 1)],
                [("小河2号台区", 13), ("小河1号台区", 10)],
                [("大村1号台区", 11), ("大村2号台区", 10)],
            ],
        )

    def test_the_page_says_the_order_and_draws_it(self) -> None:
        self.login(self.clerk)
        html = self.client.get(reverse("servicedesk:work_order", args=[self.order.pk])).content
        page = html.decode()
        self.assertIn(f'<h3 data-testid="call-groups-heading">{zh(HEADING)}</h3>', page)
        table = page.split('data-testid="call-groups"')[1].split("</table>")[0]
        self.assertLess(table.index("左门"), table.index("小河"))
        self.assertLess(table.index("小河"), table.index("大村"))
        self.assertLess(table.index("小河2号台区"), table.index("小河1号台区"))
