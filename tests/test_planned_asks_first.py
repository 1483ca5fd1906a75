"""Announcing, moving and calling off a planned outage text the households, so the planned
outages page asks first, as recording a fault outage does: the first press changes and sends
nothing and says how many households (and text messages) and which message; the second button
does it, once however often that form is sent (a double click, a retry). The ask is the
service's, role-checked: a crew member is refused it."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.notifications.models import Delivery
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.planned_ask import planned_ask_announce, planned_ask_cancel
from tests.base import BaseTestCase, make_user, zh
from tests.planned_ask_cast import ask_fields, households_below
from tests.planned_cast import planned_on_fuse

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
START = NOW + dt.timedelta(days=8)
END = START + dt.timedelta(hours=8)


def local(at: dt.datetime) -> str:
    return at.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")


def texts(template: str) -> int:
    return Delivery.objects.filter(template=template, channel="sms").count()


class PlannedAsksFirstTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        households_below(self)  # three households below the fuse, four mobiles
        self.url = reverse("outages:planned")
        self.login(self.clerk)

    def reach(self, households: int) -> str:
        """The ask's line: the planned outage on the fuse texts ``households`` households."""
        with translation.override("zh-hans"):
            return ngettext(
                "Announcing the planned outage on %(device)s texts %(n)s household below it "
                "at once.",
                "Announcing the planned outage on %(device)s texts %(n)s households below it "
                "at once.",
                households,
            ) % {"device": self.fuse.name, "n": households}

    def messages(self, texts: int) -> str:
        with translation.override("zh-hans"):
            return ngettext(
                "(%(n)s text message in all, with the village liaisons, staff and second mobiles)",
                "(%(n)s text messages in all, with the village liaisons, staff and second mobiles)",
                texts,
            ) % {"n": texts}

    def planned(self) -> Outage:
        with time_machine.travel(NOW, tick=False):
            return planned_on_fuse(self, START, END)

    def test_announcing_asks_first_and_sends_once(self) -> None:
        typed = {
            "action": "announce",
            "device": self.fuse.name,
            "starts_at": local(START),
            "ends_at": local(END),
            "cause": "更换绝缘子",
        }
        with time_machine.travel(NOW, tick=False):
            response = self.client.post(self.url, typed)
            self.assertEqual(response.status_code, 200)
            self.assertFalse(Outage.objects.exists())
            self.assertEqual(texts("planned_announced"), 0)
            html = response.content.decode()
            # Three households (普光荣 too) and four text messages (李四 has two mobiles).
            reach, after = html.split('data-testid="planned-ask-reach">')[1].split("</strong>", 1)
            self.assertEqual(reach, self.reach(3))
            phones = after.split("</p>")[0].strip()
            self.assertEqual(phones, f'<span class="muted">{self.messages(4)}</span>')
            message = html.split('data-testid="planned-ask-text">')[1].split("</q>")[0]
            self.assertIn("05-12 09:00", message)
            self.assertIn("17:00", message)
            ask = ask_fields(response)
            self.assertEqual(ask["cause"], "更换绝缘子")
            for _press in range(3):  # the button, a double click and a retry
                response = self.client.post(self.url, ask, follow=True)
                self.assertEqual(response.status_code, 200)
        outage = Outage.objects.get()
        self.assertEqual(
            (outage.kind, outage.status, outage.cause), ("planned", "announced", "更换绝缘子")
        )
        self.assertEqual(texts("planned_announced"), 4)
        self.assertContains(
            response, zh("The planned outage was announced already: nothing was sent again.")
        )

    def test_moving_asks_first_and_moves_once(self) -> None:
        outage = self.planned()
        told = texts("planned_announced")
        later = START + dt.timedelta(days=2)
        move = {
            "action": "reschedule",
            "outage": str(outage.pk),
            "starts_at": local(later),
            "ends_at": local(later + dt.timedelta(hours=6)),
            "reason": "配合线路改造",
        }
        with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
            response = self.client.post(self.url, move)
            outage.refresh_from_db()
            self.assertEqual(outage.starts_at, START)
            self.assertEqual(texts("planned_moved"), 0)
            message = response.content.decode().split('data-testid="planned-ask-text">')[1]
            self.assertIn("05-14 09:00", message.split("</q>")[0])
            ask = ask_fields(response)
            self.client.post(self.url, ask)
            self.client.post(self.url, ask)
        outage.refresh_from_db()
        self.assertEqual(outage.starts_at, later)
        self.assertEqual(OutageEvent.objects.filter(outage=outage, what="rescheduled").count(), 1)
        self.assertEqual(texts("planned_moved"), 4)
        self.assertEqual(texts("planned_announced"), told)

    def test_a_window_changed_since_the_ask_is_not_moved(self) -> None:
        outage = self.planned()
        later = START + dt.timedelta(days=2)
        move = {
            "action": "reschedule",
            "outage": str(outage.pk),
            "starts_at": local(later),
            "ends_at": local(later + dt.timedelta(hours=6)),
            "reason": "配合线路改造",
        }
        with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
            ask = ask_fields(self.client.post(self.url, move))
            ask["ends_at"] = local(later + dt.timedelta(hours=9))
            self.client.post(self.url, ask)
        outage.refresh_from_db()
        self.assertEqual(outage.starts_at, START)
        self.assertEqual(texts("planned_moved"), 0)

    def test_cancelling_asks_first_and_tells_those_told_once(self) -> None:
        outage = self.planned()
        with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
            response = self.client.post(
                self.url, {"action": "cancel", "outage": outage.pk, "reason": "天气预报有雷雨"}
            )
            outage.refresh_from_db()
            self.assertEqual(outage.status, Outage.Status.ANNOUNCED)
            self.assertEqual(texts("planned_cancelled"), 0)
            html = response.content.decode()
            self.assertIn(
                "2", html.split('data-testid="planned-ask-reach">')[1].split("</strong>")[0]
            )
            # The way out beside "cancel it and text" does not say "cancel" too.
            back = html.split('data-testid="planned-ask-cancel">')[1].split("</a>")[0]
            self.assertEqual(back, "返回")
            ask = ask_fields(response)
            self.client.post(self.url, ask)
            response = self.client.post(self.url, ask, follow=True)
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.CANCELLED)
        self.assertEqual(texts("planned_cancelled"), 4)
        self.assertNotContains(response, 'class="error"')

    def test_the_ask_is_role_checked_in_the_service(self) -> None:
        crew_member = make_user("crew1", self.station_a, Role.CREW)
        outage = self.planned()
        with time_machine.travel(NOW, tick=False):
            with self.assertRaises(NotAllowed):
                planned_ask_announce(
                    station=self.station_a,
                    user=crew_member,
                    device=self.fuse,
                    starts_at=START + dt.timedelta(days=3),
                    ends_at=END + dt.timedelta(days=3),
                    cause="更换绝缘子",
                )
            with self.assertRaises(NotAllowed):
                planned_ask_cancel(outage=outage, user=crew_member)
            with self.assertRaises(NotAllowed):
                planned_ask_announce(
                    station=self.station_b,
                    user=self.clerk,
                    device=self.fuse,
                    starts_at=START + dt.timedelta(days=3),
                    ends_at=END + dt.timedelta(days=3),
                    cause="更换绝缘子",
                )

    def test_asking_locks_no_row(self) -> None:
        # The ask runs outside a transaction (the page's first press), where PostgreSQL refuses
        # a row lock: it reads only; the second press locks the device before it announces.
        from unittest import mock

        from powerdesk.network.models import GridNode
        from powerdesk.outages.planned_ask import planned_ask_move

        outage = self.planned()
        with (
            time_machine.travel(NOW, tick=False),
            mock.patch.object(
                GridNode.objects, "select_for_update", side_effect=AssertionError("locked")
            ),
        ):
            asked = planned_ask_announce(
                station=self.station_a,
                user=self.clerk,
                device=self.fuse,
                starts_at=START + dt.timedelta(days=3),
                ends_at=END + dt.timedelta(days=3),
                cause="更换绝缘子",
            )
            moved = planned_ask_move(
                outage=outage,
                user=self.clerk,
                starts_at=START + dt.timedelta(days=1),
                ends_at=END + dt.timedelta(days=1),
            )
        self.assertEqual((asked.what, moved.what), ("announce", "move"))
