"""The role matrix's walk (``test_role_matrix.py``): the roles, the text only station A's
records contain, every named URL from the resolver, and station A's records of every kind, each
page's path filled with their ids; each role's GET of every page, made once for the class."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.accounts.pages import NOT_PAGES, PAGES, Page
from tests.base import BaseTestCase, make_user
from tests.images import picture

ROLES = [Role.COUNTER, Role.DISPATCHER, Role.CREW, Role.CHIEF, Role.LIAISON, Role.ADMIN]
# Text only station A's records contain (see tests/base.py and the records made below; the
# village's name 左门 and the phone number are left out: forms use them as examples).
A_MARKERS = ["普光荣", "53250000001", "哔叭", "抢修一班", "李秀英", "一号窗口", "左门用电宣传"]
# Pages whose path names no record (which list to export, and how): B gets B's own rows.
NOT_RECORDS = {"accounts:export", "reports:monthly_file"}
ROLES_DOC = Path(__file__).resolve().parent.parent / "docs" / "roles.md"
# Pages docs/roles.md says open by GET beside taking a POST (walkthrough 28, finding 15: the
# station switch answered a GET with "this address only takes a form").
OPENED_BY_GET = {"accounts:switch_station", "accounts:password_change"}
# Pages of a person's own things, which the roles of ``training.record`` open for anyone (a
# training record: walk61, L7): each role opens its own person's; a colleague's answers 404
# to the others (``tests/training/test_training_record_access.py``).
OWN_THINGS = {"training:person"}


def url_names() -> Iterator[tuple[str, str]]:
    """(name, route) of every named URL pattern, with its namespaces, from the resolver."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for item in resolver.url_patterns:
            if isinstance(item, URLResolver):
                inner = ":".join(n for n in (namespace, item.namespace or "") if n)
                yield from walk(item, prefix + str(item.pattern), inner)
            elif isinstance(item, URLPattern) and item.name:
                name = f"{namespace}:{item.name}" if namespace else item.name
                yield name, prefix + str(item.pattern)

    yield from walk(get_resolver(), "", "")


def excluded(name: str) -> bool:
    return name in NOT_PAGES or f"{name.split(':')[0]}:*" in NOT_PAGES


class Opened(NamedTuple):
    """A page as one person opened it: its answer's status and, for a web page, its HTML."""

    name: str
    url: str
    page: Page
    status: int
    text: str  # "" when the answer is not a web page


class RoleMatrixCase(BaseTestCase):
    media: str
    _opened: dict[str, list[Opened]] | None = None

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.media = tempfile.mkdtemp()
        with override_settings(MEDIA_ROOT=cls.media):
            cls._build()

    @classmethod
    def tearDownClass(cls) -> None:
        cls._opened = None
        super().tearDownClass()
        shutil.rmtree(cls.media, ignore_errors=True)

    @classmethod
    def _build(cls) -> None:
        from powerdesk.accounts.models import Membership
        from powerdesk.arrears.services import case_open
        from powerdesk.outages.models import OutageCallback
        from powerdesk.outages.services import outage_declare
        from powerdesk.outreach.services import photo_add, visit_plan_once
        from powerdesk.servicedesk.calls import call_log
        from powerdesk.servicedesk.followup import hard_problem_open
        from powerdesk.servicedesk.models import CounterKiosk, Feedback, Notification
        from powerdesk.servicedesk.order_field import work_order_add_photo
        from powerdesk.servicedesk.promises import promise_make
        from powerdesk.servicedesk.services import work_order_create

        a = cls.station_a
        cls.people = {role: make_user(f"a_{role}", a, role) for role in ROLES if role != "chief"}
        cls.people[Role.CHIEF] = cls.chief
        Membership.objects.filter(user=cls.people[Role.LIAISON]).update(village=cls.village)
        cls.crew.members.add(cls.people[Role.CREW])
        cls.b_chief = make_user("b_chief", cls.station_b, Role.CHIEF)
        cls.b_admin = make_user("b_admin", cls.station_b, Role.ADMIN, is_staff=True)

        missed = call_log(station=a, user=None, caller_number="0878-1234567", status="missed")
        order = work_order_create(
            station=a, user=None, category="fault_repair", summary="哔叭停电", customer=cls.customer
        )
        photo = work_order_add_photo(
            work_order=order,
            upload=SimpleUploadedFile("a.jpg", picture("JPEG"), "image/jpeg"),
            user=None,
        )
        problem = hard_problem_open(station=a, user=None, title="哔叭组电压低")
        kiosk = CounterKiosk.objects.create(
            station=a,
            name="一号窗口",
            key_hash="x" * 64,
            service="pay_bill",
            started_at=order.created_at,
        )
        notice = Notification.objects.create(
            station=a,
            recipient=cls.chief,
            kind="overdue",
            key="k",
            text="哔叭超时",
            work_order=order,
        )
        case = case_open(
            station=a,
            user=None,
            customer=cls.customer,
            amount=Decimal("120"),
            owed_since=dt.date(2026, 1, 1),
        )
        visit = visit_plan_once(
            station=a,
            user=None,
            date=timezone.localdate(),  # held: photos are of a visit on or after its day
            title="左门用电宣传",
            villages=[cls.village],
            staff=[cls.clerk],
            topics=["safe_use"],
        )[0]
        visit_photo = photo_add(
            visit=visit, user=None, image=SimpleUploadedFile("v.jpg", picture("JPEG"), "image/jpeg")
        )
        promise_make(
            station=a,
            user=None,
            work_order=order,
            text="哔叭明早来电",
            due_at=timezone.now() + dt.timedelta(hours=8),
        )
        Feedback.objects.create(
            station=a,
            kind="suggestion",
            text="建议哔叭组多装一台变压器",
            received_at=timezone.now(),
        )
        outage = outage_declare(
            station=a, user=None, device=cls.fuse, kind="unplanned", notice="哔叭支线抢修中"
        )
        from powerdesk.outages.models import PredictedOutage

        prediction = PredictedOutage.objects.create(
            station=a,
            code=cls.fuse.code,
            device=cls.fuse,
            status="predicted",
            customers=1,
            confidence=0.9,
        )
        cls.outage = outage
        outage_callback = OutageCallback.objects.create(
            outage=outage, customer=cls.customer, reason="elderly_alone", due_at=timezone.now()
        )
        from powerdesk.notifications.models import Delivery

        delivery = Delivery.objects.filter(station=a).first()
        assert delivery is not None  # the outage's text to the customer's mobile
        from powerdesk.accounts.tokens import token_create

        api_token, _key = token_create(station_id=a.pk, name="哔叭交换机")
        cls.params: dict[str, dict[str, int | str]] = {
            "accounts:api_token_off": {"pk": api_token.pk},
            "accounts:crew": {"pk": cls.crew.pk},
            "accounts:crew_phone": {"pk": cls.crew.pk},
            "accounts:crew_position": {"pk": cls.crew.pk},
            "accounts:crew_leader": {"pk": cls.crew.pk},
            "accounts:staff_end": {"pk": cls.clerk.pk},
            "customers:detail": {"pk": cls.customer.pk},
            "community:village": {"pk": cls.village.pk},
            "network:feeder": {"pk": cls.feeder.pk},
            "network:schematic": {"pk": cls.feeder.pk},
            "network:node": {"pk": cls.fuse.pk},
            "servicedesk:call_returned": {"pk": missed.pk},
            "servicedesk:call": {"pk": missed.pk},
            "servicedesk:call_link": {"pk": missed.pk},
            "servicedesk:call_order": {"pk": missed.pk},
            "servicedesk:call_fault_order": {"pk": missed.pk},
            "servicedesk:work_order": {"pk": order.pk},
            "servicedesk:work_order_action": {"pk": order.pk},
            "servicedesk:work_order_owner": {"pk": order.pk},
            "servicedesk:crew_step": {"pk": order.pk},
            "servicedesk:crew_photos": {"pk": order.pk},
            "servicedesk:work_order_photo": {"pk": order.pk, "photo_pk": photo.pk},
            "servicedesk:hard_problem": {"pk": problem.pk},
            "servicedesk:hard_problem_owner": {"pk": problem.pk},
            "servicedesk:kiosk_change": {"pk": kiosk.pk},
            "servicedesk:notice_read": {"pk": notice.pk},
            "arrears:case": {"pk": case.pk},
            "outreach:visit": {"pk": visit.pk},
            "outreach:visit_photo": {"pk": visit.pk, "photo_pk": visit_photo.pk},
            "outreach:group_cards": {"pk": cls.group.pk},
            "training:person": {"pk": cls.clerk.pk},
            "outages:callback_done": {"pk": outage_callback.pk},
            "outages:history": {"pk": outage.pk},
            "outages:patrol": {"pk": outage.pk},
            "outages:prediction_patrol": {"pk": prediction.pk},
            # The customer list as CSV: A's chief gets A's customers, B's people none of them.
            "accounts:export": {"name": "customers", "fmt": "csv"},
            "notifications:retry": {"pk": delivery.pk},
            # The monthly workbook: B's chief gets B's (tests/test_monthly_report.py reads it).
            "reports:monthly_file": {"fmt": "xlsx"},
        }

    def setUp(self) -> None:
        override = override_settings(MEDIA_ROOT=self.media)
        override.enable()
        self.addCleanup(override.disable)

    def pages(self, role: str = "") -> Iterator[tuple[str, str, Page]]:
        """Every page, its path filled with station A's records; with ``role``, a page of one's
        own things (``OWN_THINGS``) filled with that role's person's."""
        for name, route in url_names():
            if excluded(name):
                continue
            kwargs = self.params.get(name, {})
            if role and name in OWN_THINGS:
                kwargs = {"pk": self.people[role].pk}
            self.assertEqual(
                set(kwargs), set(re.findall(r"<(?:\w+:)?(\w+)>", route)), f"ids for {name}"
            )
            yield name, reverse(name, kwargs=kwargs), PAGES[name]

    def opened(self) -> dict[str, list[Opened]]:
        """Each role's GET of every page, made once for the class: the walk's two tests read the
        same answers (a page opened again by the same person answers the same: every test starts
        from the same rows). A GET stores nothing (an export's line in the trail aside)."""
        cls = type(self)
        if cls._opened is None:
            before = self.row_counts()
            opened: dict[str, list[Opened]] = {}
            for role in ROLES:
                self.client.force_login(self.people[role])
                opened[role] = []
                for name, url, page in self.pages(role):
                    response = self.client.get(url)
                    text = ""
                    if "html" in response.get("Content-Type", ""):
                        text = response.content.decode()
                    opened[role].append(Opened(name, url, page, response.status_code, text))
            self.assertEqual(self.row_counts(), before)
            cls._opened = opened
        return cls._opened

    def row_counts(self) -> dict[str, int]:
        return {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.app_label
            in {
                "accounts",
                "arrears",
                "community",
                "customers",
                "network",
                "outages",
                "outreach",
                "servicedesk",
                "training",
            }
            # An export (a GET) records itself in the trail; that is the only row a GET adds.
            and model._meta.label != "accounts.ExportLog"
        }
