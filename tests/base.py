"""The named cast every test can use.

Station A (光禄) has a chief and a counter clerk; station B (栋川) has an outsider, who is even
B's administrator, and who must never see anything of A. A small grid and a customer are set
up in A so that list and detail pages have something to show or to hide.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from powerdesk.accounts.models import CountyCompany, Crew, Membership, Role, Station, User
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import Defect, Feeder, GridNode, NodeKind

PASSWORD = "correct horse battery"


def page_token() -> str:
    """A form page's one-time token, as a page drawn fresh carries it (forms that record a
    thing once however often they are sent: ``servicedesk.idempotency.form_once``)."""
    return secrets.token_urlsafe(12)


def zh(msgid: str) -> str:
    """``msgid`` as the pages say it in Chinese (the msgid itself while the catalogue has no
    translation of it yet)."""
    with translation.override("zh-hans"):
        return gettext(msgid)


def make_user(username: str, station: Station, *roles: str, **extra: object) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)  # type: ignore[arg-type]
    for role in roles:
        Membership.objects.create(user=user, station=station, role=role)
    return user


class Cast:
    """The named people, stations and records of a test."""

    station_a: Station
    station_b: Station
    chief: User
    clerk: User
    outsider: User
    village: Village
    group: VillageGroup
    feeder: Feeder
    breaker: GridNode
    pole: GridNode
    fuse: GridNode
    transformer: GridNode
    defect: Defect
    customer: Customer
    crew: Crew


def build_cast(cls: Any) -> None:
    """Create the cast and set each member as an attribute of ``cls``."""
    company = CountyCompany.objects.create(name="姚安供电有限公司")
    cls.station_a = Station.objects.create(
        company=company, code="a", name="光禄供电所", area_code="0878", phone="0878-5711095"
    )
    cls.station_b = Station.objects.create(company=company, code="b", name="栋川供电所")
    cls.chief = make_user("chief", cls.station_a, Role.CHIEF, full_name="杨所长")
    cls.clerk = make_user("clerk", cls.station_a, Role.COUNTER, full_name="李秀英")
    cls.outsider = make_user(
        "outsider", cls.station_b, Role.CHIEF, Role.ADMIN, full_name="外人", is_staff=True
    )

    cls.village = Village.objects.create(station=cls.station_a, name="左门")
    cls.group = VillageGroup.objects.create(
        station=cls.station_a, village=cls.village, name="哔叭", no_road_access=True
    )
    cls.feeder = Feeder.objects.create(station=cls.station_a, code="ZM", name="10kV左门线")

    def node(code: str, kind: str, parent: GridNode | None, **extra: object) -> GridNode:
        return GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code=code,
            kind=kind,
            parent=parent,
            name=extra.pop("name", code),
            **extra,  # type: ignore[arg-type]
        )

    cls.breaker = node("ZM-CB", NodeKind.SOURCE, None, name="10kV左门线出线开关")
    cls.pole = node("ZM-B01-P02", NodeKind.POLE, cls.breaker, name="哔叭支线02号杆")
    cls.fuse = node(
        "ZM-B01-F",
        NodeKind.FUSE,
        cls.pole,
        name="哔叭支线02号杆跌落式熔断器",
        lightning_zone=True,
    )
    cls.transformer = node(
        "ZM-B01-T1",
        NodeKind.TRANSFORMER,
        cls.fuse,
        name="左门哔叭1号台区",
        village=cls.village,
    )
    cls.defect = Defect.objects.create(
        station=cls.station_a,
        node=cls.fuse,
        description="底座被雷击穿",
        found_on="2013-06-20",
    )
    cls.customer = Customer.objects.create(
        station=cls.station_a,
        account_number="53250000001",
        name="普光荣",
        address="左门村委会哔叭村3号",
        village=cls.village,
        group=cls.group,
        transformer=cls.transformer,
        elderly_alone=True,
    )
    CustomerPhone.objects.create(customer=cls.customer, number="+868781234567")
    CustomerPhone.objects.create(customer=cls.customer, number="+8613812345678")
    cls.crew = Crew.objects.create(station=cls.station_a, name="抢修一班", leader=cls.chief)


class BaseTestCase(Cast, TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        build_cast(cls)

    def login(self, user: User) -> None:
        self.client.force_login(user)


def post_intake(client: Any, data: dict[str, str], **options: Any) -> Any:
    """Send the intake form as the page does: with the one-time token the page carries
    (``options``: the test client's, ``follow=True``)."""
    page = client.get(reverse("servicedesk:intake"))
    token = page.context["form"]["form_token"].value() if page.status_code == 200 else ""
    return client.post(reverse("servicedesk:intake"), {"form_token": token, **data}, **options)
