"""The outage board: what is off, where, who is without power, why the engine thinks so; staff
confirm, reject or move a prediction, and find a device by name, pole or code as they type."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.outages.board import board_rows
from powerdesk.outages.models import (
    Outage,
    OutageCallback,
    PredictedOutage,
    PredictionRejection,
)
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase, zh
from tests.board_confirm import board_confirm, record_by_hand


class OutageBoardTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.sick = Customer.objects.create(
            station=cls.station_a,
            account_number="53250000003",
            name="王五",
            village=cls.village,
            transformer=cls.transformer,
            medical_need=True,
        )

    def predicted(self) -> PredictedOutage:
        return PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=2,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=12),
            explain={"calls": 2, "meter_off": 1, "reporting_meters": 1},
        )

    def test_a_prediction_shows_where_who_since_when_and_why(self) -> None:
        self.predicted()
        (row,) = board_rows(self.station_a)
        self.assertEqual(row.state, "predicted")
        self.assertEqual(row.location, "哔叭支线02号杆")  # the pole it hangs on
        self.assertEqual(row.places, ["左门", "左门 · 哔叭"])
        self.assertEqual((row.households, row.medical, row.elderly), (2, 1, 1))
        self.login(self.clerk)
        page = self.client.get(reverse("outages:board"))
        self.assertContains(page, "哔叭支线02号杆跌落式熔断器")
        self.assertContains(page, "ZM-B01-F")
        self.assertContains(page, "10kV左门线")
        # The evidence in words: the calls named, not counted again (the callers are counted in
        # the households' column, since the outage's first sign).
        self.assertContains(page, zh("customers below called"))
        self.assertNotContains(page, "户中")
        self.assertContains(page, "研判")

    def test_households_alone_are_folded_below_the_devices_by_village(self) -> None:
        self.predicted()
        PredictedOutage.objects.create(
            station=self.station_a,
            code=self.customer.account_number,
            customer=self.customer,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.5,
            first_sign_at=timezone.now(),
            explain={"calls": 1},
            rank=1,
        )
        self.login(self.clerk)
        board = self.client.get(reverse("outages:board")).content.decode()
        folded = board[board.index('data-testid="board-singles"') :]
        self.assertIn("普光荣", folded)  # the household alone, in the folded list
        self.assertIn("左门 · 哔叭 1", folded)  # counted by village and group
        self.assertNotIn("普光荣", board[: board.index('data-testid="board-singles"')])

    def test_the_home_page_board_shows_the_first_rows_and_links_to_the_rest(self) -> None:
        from django.test import RequestFactory

        from powerdesk.outages.views_board import board_context

        self.predicted()
        outage_declare(
            station=self.station_a, user=self.chief, device=self.breaker, kind="unplanned"
        )
        request = RequestFactory().get("/")
        request.station = self.station_a  # type: ignore[attr-defined]
        request.user = self.chief
        context = board_context(request, top=1)  # type: ignore[arg-type]
        self.assertEqual((len(context["rows"]), context["more"]), (1, 1))  # type: ignore[arg-type]

    def test_the_list_page_polls_the_board(self) -> None:
        self.login(self.clerk)
        page = self.client.get(reverse("outages:list"))
        self.assertContains(page, f'hx-get="{reverse("outages:board")}"')
        self.assertContains(page, "every 1s")  # a signal on the board within two seconds

    def test_an_unchanged_board_is_a_304_and_a_change_a_new_board(self) -> None:
        self.login(self.clerk)
        hx = {"HX-Request": "true"}  # as htmx polls it
        first = self.client.get(reverse("outages:board"), headers=hx)
        tag = first["ETag"]
        again = self.client.get(reverse("outages:board"), headers={**hx, "if-none-match": tag})
        self.assertEqual(again.status_code, 304)  # a few bytes a second on a slow line
        self.predicted()
        changed = self.client.get(reverse("outages:board"), headers={**hx, "if-none-match": tag})
        self.assertEqual(changed.status_code, 200)
        self.assertNotEqual(changed["ETag"], tag)

    def test_a_prediction_gone_since_the_board_was_drawn_is_said_so_not_a_404(self) -> None:
        prediction = self.predicted()
        pk = prediction.pk
        prediction.delete()
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:list"), {"action": "confirm", "prediction": pk}, follow=True
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "重新查看")
        self.assertFalse(Outage.objects.exists())

    def test_a_recorded_outage_shows_its_crew_and_expected_restore(self) -> None:
        from powerdesk.outages.life import outage_dispatch

        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            expected_restore_at=timezone.now() + dt.timedelta(hours=2),
        )
        self.predicted()  # the engine sees the same device: one row, with its evidence
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        (row,) = board_rows(self.station_a)
        self.assertEqual((row.state, row.outage, row.crew), ("declared", outage, self.crew))
        self.assertIn(zh("customers below called"), row.evidence)
        self.login(self.clerk)
        self.assertContains(self.client.get(reverse("outages:board")), "抢修一班")

    def test_staff_confirm_a_prediction_from_the_board(self) -> None:
        prediction = self.predicted()
        self.login(self.clerk)
        board_confirm(self.client, {"action": "confirm", "prediction": prediction.pk})
        outage = Outage.objects.get()
        self.assertEqual((outage.device, outage.starts_at), (self.fuse, prediction.first_sign_at))
        (row,) = board_rows(self.station_a)
        self.assertEqual(row.state, "declared")

    def test_a_rejected_prediction_leaves_the_board_and_its_reason_is_kept(self) -> None:
        prediction = self.predicted()
        self.login(self.clerk)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "reject", "prediction": prediction.pk, "reason": ""},
            follow=True,
        )
        self.assertContains(response, "为什么", status_code=400)  # at the reason, as typed
        self.client.post(
            reverse("outages:list"),
            {"action": "reject", "prediction": prediction.pk, "reason": "用户自家空开跳闸"},
        )
        self.assertEqual(PredictionRejection.objects.get().reason, "用户自家空开跳闸")
        self.assertEqual(board_rows(self.station_a), [])
        # The engine hears it: the device is closed as far as the station knows.
        from powerdesk.outages.models import Signal

        self.assertEqual(
            list(Signal.objects.filter(source="staff").values_list("type", "device")),
            [("restore", prediction.device_id)],
        )

    def test_a_prediction_is_moved_to_a_device_named_by_its_name(self) -> None:
        prediction = self.predicted()
        self.login(self.clerk)
        board_confirm(
            self.client,
            {"action": "move", "prediction": prediction.pk, "device": "哔叭支线02号杆"},
        )
        self.assertEqual(Outage.objects.get().device, self.pole)

    def test_declaring_by_the_devices_name_not_only_its_code(self) -> None:
        self.login(self.chief)
        record_by_hand(self.client, {"device": "哔叭支线02号杆跌落式熔断器", "kind": "unplanned"})
        self.assertEqual(Outage.objects.get().device, self.fuse)

    def test_an_unknown_device_keeps_what_was_typed_and_says_so(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "declare", "device": "哔叭99号杆", "kind": "unplanned", "cause": "雷击"},
        )
        self.assertContains(response, "哔叭99号杆", status_code=400)
        self.assertContains(response, 'value="雷击"', status_code=400)
        self.assertFalse(Outage.objects.exists())

    def test_the_device_box_offers_devices_by_name_pole_or_code(self) -> None:
        self.login(self.clerk)
        for typed in ("哔叭支线02", "zm-b01", "熔断器"):
            with self.subTest(typed=typed):
                page = self.client.get(reverse("outages:devices"), {"device": typed})
                self.assertContains(page, 'value="ZM-B01-F"')
        self.assertNotContains(
            self.client.get(reverse("outages:devices"), {"device": "栋川"}), "<option"
        )
        self.login(self.outsider)
        self.assertNotContains(
            self.client.get(reverse("outages:devices"), {"device": "ZM"}), "<option"
        )

    def test_restoring_from_the_board_with_a_time(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(hours=2),
        )
        at = timezone.localtime() - dt.timedelta(hours=1)
        self.login(self.clerk)
        self.client.post(
            reverse("outages:list"),
            {
                "action": "restore_at",
                "outage": outage.pk,
                "at": f"{at:%Y-%m-%dT%H:%M}",
                "cause": "tree",
                "how": "remote",  # no crew was sent: how power came back is asked
            },
        )
        outage.refresh_from_db()
        self.assertEqual(outage.status, Outage.Status.RESTORED)
        assert outage.restored_at is not None
        self.assertEqual(timezone.localtime(outage.restored_at).strftime("%H:%M"), f"{at:%H:%M}")

    def test_callbacks_after_an_outage_are_on_the_callbacks_page(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        call_take(
            station=self.station_a,
            user=self.clerk,
            text="停电了",
            category="fault_repair",
            customer=self.sick,
        )
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.login(self.clerk)
        page = self.client.get(reverse("servicedesk:callbacks"))
        self.assertContains(page, "王五")
        self.assertContains(page, "普光荣")
        callback = OutageCallback.objects.get(customer=self.customer)
        self.client.post(
            reverse("outages:callback_done", args=[callback.pk]),
            {"outcome": "reached", "satisfaction": "5", "note": "已来电"},
        )
        callback.refresh_from_db()
        self.assertEqual((callback.done_by, callback.note), (self.clerk, "已来电"))
        # Off the list (the message of the callback recorded names the household).
        self.assertNotContains(
            self.client.get(reverse("servicedesk:callbacks")), f"outage-callback-{callback.pk}"
        )

    def test_a_restored_device_leaves_the_board_before_the_engine_hears_of_it(self) -> None:
        prediction = self.predicted()
        from powerdesk.outages.prediction_steps import prediction_confirm

        outage = prediction_confirm(prediction=prediction, user=self.chief)
        outage_restore(outage=outage, user=self.chief, cause="unknown", how="remote")
        self.assertEqual(board_rows(self.station_a), [])
        # A new first sign after the restore is a new outage.
        PredictedOutage.objects.filter(pk=prediction.pk).update(first_sign_at=timezone.now())
        self.assertEqual(len(board_rows(self.station_a)), 1)

    def test_progress_steps_are_recorded_and_the_history_shown_with_who_and_when(self) -> None:
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        self.login(self.clerk)
        response = self.client.post(
            reverse("outages:list"),
            {"action": "progress", "outage": outage.pk, "what": "cleaning"},
            follow=True,
        )
        self.assertContains(response, "请从列表中选择进展", status_code=400)
        self.client.post(
            reverse("outages:list"),
            {"action": "progress", "outage": outage.pk, "what": "patrolling", "note": "哔叭支线"},
        )
        # (The estimate the crew on the line moves has its own line: test_estimate_moved_said.)
        self.assertEqual(
            list(outage.events.exclude(what="estimate_moved").values_list("what", "by")),
            [("active", self.chief.pk), ("patrolling", self.clerk.pk)],
        )
        board = self.client.get(reverse("outages:board"))
        self.assertContains(board, "巡线")
        self.assertContains(board, "哔叭支线")
        self.assertContains(board, "李秀英")

    def test_a_fault_outage_is_restored_with_its_time_from_the_board_only(self) -> None:
        outage_declare(station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned")
        self.login(self.clerk)
        page = self.client.get(reverse("outages:list"))
        self.assertContains(page, 'value="restore_at"')
        self.assertNotContains(page, 'name="action" value="restore"')


class PredictionIdsTests(BaseTestCase):
    def test_a_prediction_keeps_its_id_while_its_device_stays_in_the_picture(self) -> None:
        from powerdesk.outages.live_picture import keep_ids

        def row(code: str, customers: int) -> PredictedOutage:
            return PredictedOutage(
                station=self.station_a,
                code=code,
                device=self.fuse if code == self.fuse.code else self.transformer,
                status="predicted",
                customers=customers,
                confidence=0.7,
                explain={},
            )

        keep_ids(self.station_a, [row(self.fuse.code, 2), row(self.transformer.code, 1)])
        fuse_pk = PredictedOutage.objects.get(code=self.fuse.code).pk
        keep_ids(self.station_a, [row(self.fuse.code, 3)])  # more customers; the other is gone
        (kept,) = PredictedOutage.objects.filter(station=self.station_a)
        self.assertEqual((kept.pk, kept.customers), (fuse_pk, 3))

    def test_a_fault_found_here_is_said_in_words_with_its_place(self) -> None:
        from powerdesk.outages.patrol import outage_found_here

        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        outage_found_here(
            outage=outage, user=self.chief, place=self.fuse.code, cause="lightning", note="击穿"
        )
        (row,) = board_rows(self.station_a)
        self.assertEqual(row.state_label, "找到故障点")
        self.assertEqual(row.found_label, self.fuse.name)
        self.login(self.clerk)
        board = self.client.get(reverse("outages:board")).content.decode()
        self.assertNotIn("found_here", board)
        found = board[board.index(f'data-testid="found-outage-{outage.pk}"') :][:400]
        self.assertIn(self.fuse.name, found)
        self.assertIn("雷击", found)
        self.assertIn("击穿", found)
