"""What the outage board keeps between its refreshes, so that it draws a storm in time, never
shows anything stale: the grid and customers below each device (read again when they change),
each row's HTML (drawn again when anything it shows changes, each person's forms their own),
and the restoration model's answers."""

from __future__ import annotations

import datetime as dt
import doctest
import re
from unittest import mock

from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages import board_grid, board_html
from powerdesk.outages.board import board_rows
from powerdesk.outages.etr_model import Features
from powerdesk.outages.models import Outage, PredictedOutage
from tests.base import BaseTestCase, zh
from tests.board_confirm import asked_form
from tests.test_etr_model import model as trained_model

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class BoardGridTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.transformer2 = GridNode.objects.create(
            station=cls.station_a,
            feeder=cls.feeder,
            code="ZM-T9",
            kind=NodeKind.TRANSFORMER,
            parent=cls.breaker,
            name="左门9号台区",
        )

    def setUp(self) -> None:
        board_grid.forget()
        PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=5),
            explain={"calls": 1},
        )

    def row(self):  # type: ignore[no-untyped-def]
        (row,) = board_rows(self.station_a)
        return row

    def test_the_examples_hold(self) -> None:
        self.assertEqual(doctest.testmod(board_grid).failed, 0)

    def test_a_customer_s_care_flag_and_move_show_at_the_next_refresh(self) -> None:
        self.assertEqual((self.row().households, self.row().medical), (1, 0))
        Customer.objects.filter(pk=self.customer.pk).update(medical_need=True)
        self.assertEqual((self.row().households, self.row().medical), (1, 1))
        # Moved to a transformer area the fuse does not feed: no longer out under it.
        Customer.objects.filter(pk=self.customer.pk).update(transformer=self.transformer2)
        self.assertEqual(self.row().households, 0)

    def test_a_renamed_village_shows_at_once(self) -> None:
        self.assertEqual(self.row().places, ["左门 · 哔叭"])
        self.village.name = "左门村"
        self.village.save()
        self.assertEqual(self.row().places, ["左门村 · 哔叭"])

    @override_settings(POWERDESK_BOARD_GRID_RECHECK=5)
    def test_between_checks_the_kept_grid_is_used_and_after_one_a_change_shows(self) -> None:
        clock = [1000.0]
        with mock.patch.object(board_grid.time, "monotonic", lambda: clock[0]):
            self.assertEqual(self.row().elderly, 1)
            Customer.objects.filter(pk=self.customer.pk).update(elderly_alone=False)
            clock[0] += 2
            self.assertEqual(self.row().elderly, 1)  # kept: the grid is not asked again yet
            clock[0] += 4
            self.assertEqual(self.row().elderly, 0)


class BoardHtmlTests(BaseTestCase):
    def setUp(self) -> None:
        board_html.forget()
        self.prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=5),
            explain={"calls": 1, "meter_off": 0, "reporting_meters": 0},
        )
        self.outage = Outage.objects.create(
            station=self.station_a,
            device=self.transformer,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=timezone.now() - dt.timedelta(minutes=20),
        )

    def board(self, client: Client | None = None) -> str:
        # the fragment, as htmx polls it
        client = client or self.client
        return client.get(reverse("outages:board"), headers={"HX-Request": "true"}).content.decode()

    def test_a_row_kept_is_the_row_drawn_afresh(self) -> None:
        self.login(self.chief)
        first = self.board()
        kept = self.board()
        board_html.forget()
        afresh = self.board()
        self.assertEqual(CSRF.sub("", kept), CSRF.sub("", afresh))
        self.assertEqual(CSRF.sub("", first), CSRF.sub("", afresh))
        self.assertIn("哔叭支线02号杆跌落式熔断器", kept)

    def test_what_changed_in_a_row_is_drawn(self) -> None:
        self.login(self.chief)
        forced = zh("SCADA, a crew or the office reported it open")
        self.assertIn(zh("customers below called"), self.board())
        self.assertNotIn(forced, self.board())
        PredictedOutage.objects.filter(pk=self.prediction.pk).update(
            explain={"calls": 1, "meter_off": 0, "reporting_meters": 0, "forced": "open"}
        )
        self.assertIn(forced, self.board())

    def test_each_person_gets_their_own_forms_and_token(self) -> None:
        self.login(self.chief)
        chiefs = self.board()
        self.assertIn(f'data-testid="reorder-prediction-{self.prediction.pk}"', chiefs)
        clerk = Client(enforce_csrf_checks=True)
        clerk.force_login(self.clerk)
        clerks = self.board(clerk)
        # The clerk may not reorder: the chief's drawing of the same row is not theirs.
        self.assertNotIn(f'data-testid="reorder-prediction-{self.prediction.pk}"', clerks)
        self.assertIn('name="action" value="confirm"', clerks)
        # The token in the clerk's (kept) row is the clerk's: their confirm goes through.
        token = CSRF.search(clerks)
        assert token is not None
        self.assertNotIn(token.group(1), CSRF.findall(chiefs))
        asked = clerk.post(
            reverse("outages:list"),
            {
                "action": "confirm",
                "prediction": self.prediction.pk,
                "csrfmiddlewaretoken": token.group(1),
            },
        )
        self.assertEqual(asked.status_code, 200)  # how many it texts, asked first
        response = clerk.post(reverse("outages:list"), asked_form(asked.content.decode()))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Outage.objects.filter(device=self.fuse).exists())

    def test_a_value_of_an_unknown_kind_is_an_error_not_a_guess(self) -> None:
        with self.assertRaises(TypeError):
            board_html.signature(object())


class EtrAnswersTests(BaseTestCase):
    def test_many_at_once_are_each_one_s_and_the_model_is_asked_once_for_the_same(self) -> None:
        model = trained_model()
        cases = [
            Features(device_kind="fuse", hour=h, month=7, places=p)
            for h, p in ((2, 10), (14, 30), (23, 5), (2, 10))
        ]
        alone = [model.predict(f) for f in cases]
        with mock.patch.object(
            type(model.fitted[0]), "predict", autospec=True, side_effect=AssertionError
        ):
            # Every row was asked above: the answers are kept, the regressors not asked again.
            self.assertEqual(model.predict_many(cases), alone)
