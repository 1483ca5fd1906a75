"""The public outage page of the demo station: every name, phone and account number of its
people is searched in every answer (the page, a lookup, a report), and its announced planned
work was last changed before the demo's now."""

from __future__ import annotations

import datetime as dt
import re

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.demo_station import TODAY, load_demo
from tests.public_form import form_tokens


class PublicPageOfTheDemoStationTests(TestCase):
    """Every name, phone and account number of the demo station, searched in every answer."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)

    def setUp(self) -> None:
        cache.clear()

    def test_the_announced_planned_work_was_last_changed_before_the_demo_s_now(self) -> None:
        from django.db.models import Max

        from powerdesk.demo.seasons import TZ

        demo_now = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=TZ)
        announced = Outage.objects.filter(status=Outage.Status.ANNOUNCED)
        self.assertTrue(announced.exists())
        for outage in announced:
            last = outage.events.aggregate(last=Max("at"))["last"]
            self.assertLessEqual(last, demo_now)
            self.assertGreaterEqual(outage.starts_at - last, dt.timedelta(days=7))

    def test_no_name_phone_or_account_number_of_anyone_is_shown(self) -> None:
        from powerdesk.accounts.models import Station, User
        from powerdesk.community.models import Liaison
        from powerdesk.customers.models import Customer, CustomerPhone
        from powerdesk.lib.phones import format_phone
        from powerdesk.network.models import GridNode, NodeKind

        station = Station.objects.get(code="guanglu")
        customers = list(Customer.objects.for_station(station).order_by("pk"))
        someone, other = customers[0], customers[1]
        # An outage now, whose free text names a household (as a hurried clerk might write).
        device = GridNode.objects.filter(
            station=station, kind=NodeKind.FUSE, customers__isnull=True
        ).first()
        assert device is not None
        outage_declare(
            station=station,
            user=None,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            cause=f"{other.name}家附近树倒压线",
            notice=f"有事找{other.name} {other.account_number}",
        )
        code = station.code
        phone = CustomerPhone.objects.filter(customer=someone).first()
        assert phone is not None
        pages = {
            "page": self.client.get(reverse("public:status", args=[code])),
            "page in English": self.client.get(
                reverse("public:status", args=[code]), {"lang": "en"}
            ),
            "lookup": self.client.post(
                reverse("public:lookup", args=[code]),
                {"account": someone.account_number, "last4": phone.number[-4:]},
                follow=True,
            ),
            "wrong lookup": self.client.post(
                reverse("public:lookup", args=[code]),
                {"account": other.account_number, "last4": "x"},
            ),
            "open311": self.client.get(reverse("public:open311_requests", args=[code])),
        }
        self.assertContains(pages["lookup"], "我的地区")
        tokens = form_tokens(pages["lookup"].content.decode())
        pages["report"] = self.client.post(
            reverse("public:report", args=[code]),
            {**tokens, "problem": "no_power", "text": f"我是{someone.name}"},
            follow=True,
        )
        self.assertContains(pages["report"], "已收到您的报告")
        self.assertContains(pages["page"], "树倒压线")

        secrets: set[str] = set()
        for c in customers:
            secrets |= {c.name, c.account_number}
            if c.address:
                secrets.add(c.address)
        for number in CustomerPhone.objects.for_station(station).values_list("number", flat=True):
            local = format_phone(number)
            secrets |= {number, local, re.sub(r"\D", "", local)}
        for name, user_phone in User.objects.filter(memberships__station=station).values_list(
            "full_name", "phone"
        ):
            secrets |= {name, user_phone}
        for name, liaison_phone in Liaison.objects.for_station(station).values_list(
            "name", "phone"
        ):
            secrets |= {name, liaison_phone}
        secrets = {s for s in secrets if len(s) >= 2}
        for what, response in pages.items():
            html = response.content.decode()
            shown = sorted(s for s in secrets if s in html)
            self.assertEqual(shown, [], what)
