"""Giving a callback up kept the chief's reason in the last try's note, so the tries column lost
what the tries found ("无人接听3" replaced by the reason, walk69 L1); and a reason of one letter
("x") let an elderly household's callback be given up and the outage close (walk69 M3). The
reason is now its own field, the tries keep their note, and "x" says nothing."""

from __future__ import annotations

import datetime as dt

from django.test import TransactionTestCase
from django.utils import translation

from powerdesk.accounts.tokens import token_create
from powerdesk.customers.models import Customer
from powerdesk.outages.outage_callback_record import (
    outage_callback_give_up,
    outage_callback_put_back,
    outage_callback_record,
)
from powerdesk.outages.services import OutageError
from tests.base import zh
from tests.outages.callback_due import CallbackDueCase
from tests.outages.migration_cast import executor, restored_outage

BEFORE = [("outages", "0023_callback_settled_once")]
AFTER = [("outages", "0024_callback_given_up_why")]


class GivenUpWhyTests(CallbackDueCase):
    def tried_three_times(self) -> None:
        for note in ("无人接听1", "无人接听2", "无人接听3"):
            outage_callback_record(
                callback=self.callback, user=self.clerk, outcome="not_reached", note=note
            )

    def test_the_reason_is_kept_apart_from_the_last_try(self) -> None:
        self.tried_three_times()
        outage_callback_give_up(callback=self.callback, user=self.chief, reason="号码停机")
        self.callback.refresh_from_db()
        self.assertEqual(
            (self.callback.note, self.callback.given_up_why), ("无人接听3", "号码停机")
        )
        self.login(self.chief)
        page = self.client.get("/desk/callbacks/").content.decode()
        self.assertIn("无人接听3", page)
        self.assertIn("号码停机", page)
        _, key = token_create(station_id=self.station_a.pk, name="county")
        api = self.client.get(
            f"/api/v1/outages/{self.outage.pk}/callbacks", HTTP_AUTHORIZATION=f"Token {key}"
        ).json()
        (row,) = [r for r in api if r["id"] == self.callback.pk]
        self.assertEqual((row["note"], row["given_up_why"]), ("无人接听3", "号码停机"))

    def test_a_reason_of_one_letter_is_refused_and_nothing_changes(self) -> None:
        self.tried_three_times()
        for reason in ("x", "。", "1 ."):
            with self.subTest(reason=reason), translation.override("zh-hans"):
                with self.assertRaises(OutageError) as refused:
                    outage_callback_give_up(callback=self.callback, user=self.chief, reason=reason)
                self.assertEqual(refused.exception.field, "note")
                self.assertIn(zh("Why give it up"), str(refused.exception))
        self.callback.refresh_from_db()
        self.assertFalse(self.callback.given_up)
        outage_callback_give_up(callback=self.callback, user=self.chief, reason="号码停机")
        with self.assertRaises(OutageError) as refused, translation.override("zh-hans"):
            outage_callback_put_back(callback=self.callback, user=self.chief, reason="x")
        self.assertIn(zh("Why call again"), str(refused.exception))
        self.callback.refresh_from_db()
        self.assertTrue(self.callback.given_up)


class GivenUpWhyMigrationTests(TransactionTestCase):
    def test_a_reason_kept_in_the_note_is_moved(self) -> None:
        at = dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC)
        outage = restored_outage(at)
        station = outage.station
        customers = [
            Customer.objects.create(station=station, account_number=str(i), name=name)
            for i, name in enumerate(("甲", "乙"))
        ]
        latest = executor().loader.graph.leaf_nodes("outages")
        self.addCleanup(lambda: executor().migrate(latest))
        executor().migrate(BEFORE)
        old = executor().loader.project_state(BEFORE).apps.get_model("outages", "OutageCallback")
        given = old.objects.create(
            outage_id=outage.pk, customer_id=customers[0].pk, reason="caller", due_at=at,
            attempts=3, given_up=True, done_at=at, note="号码停机",
        )  # fmt: skip
        tried = old.objects.create(
            outage_id=outage.pk, customer_id=customers[1].pk, reason="caller", due_at=at,
            attempts=1, note="无人接听",
        )  # fmt: skip
        executor().migrate(AFTER)
        new = executor().loader.project_state(AFTER).apps.get_model("outages", "OutageCallback")
        self.assertEqual(
            (new.objects.get(pk=given.pk).given_up_why, new.objects.get(pk=given.pk).note),
            ("号码停机", ""),
        )
        self.assertEqual(
            (new.objects.get(pk=tried.pk).given_up_why, new.objects.get(pk=tried.pk).note),
            ("", "无人接听"),
        )
