"""The patrol's learnt ranking fitted once and kept for every web process (walk58, M4: the board's
patrol waited 5-9 s on its first load, each web process fitting the model itself): a process
finds the model the task worker kept, one out of date ranks meanwhile while the worker is asked,
once, to fit anew; and a web process's warm-up imports what first loads waited for."""

from __future__ import annotations

import datetime as dt
import sys
from unittest import mock

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.engine.patrol_model import MIN_EXAMPLES
from powerdesk.outages import patrol_learn
from powerdesk.outages.models import FoundPlace, Outage, OutageLink
from powerdesk.outages.patrol_learn import learnt_model
from powerdesk.outages.services import outage_declare
from powerdesk.outages.stretch import Grid
from powerdesk.outages.tasks import patrol_model_fit
from tests.base import BaseTestCase, make_user


class PatrolModelKeptTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # Enough faults found at the fuse over the years for a learnt ranking.
        for i in range(MIN_EXAMPLES + 2):
            start = timezone.now() - dt.timedelta(days=30 * i + 40)
            past = Outage.objects.create(
                station=cls.station_a,
                device=cls.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                cause="雷击",
                starts_at=start,
                restored_at=start + dt.timedelta(hours=2),
            )
            OutageLink.objects.create(outage=past, cause_kind="lightning")
            FoundPlace.objects.create(
                outage=past,
                place=cls.fuse.code,
                device=cls.fuse,
                cause="lightning",
                found_at=start + dt.timedelta(hours=1),
            )
        cls.dispatcher = make_user("dispatch", cls.station_a, Role.DISPATCHER)

    def setUp(self) -> None:
        super().setUp()
        patrol_learn.forget()
        self.addCleanup(patrol_learn.forget)
        self.grid = Grid.load(station_id=self.station_a.pk)

    def test_the_worker_s_model_is_every_process_s_without_fitting(self) -> None:
        self.assertEqual(patrol_model_fit.call(self.station_a.pk), MIN_EXAMPLES + 2)
        patrol_learn.forget(stored=False)  # another web process: nothing in its memory
        with (
            mock.patch.object(patrol_learn, "fit", side_effect=AssertionError("fitted")),
            self.assertNumQueries(1),  # the faults found counted: the model's key
        ):
            model = learnt_model(self.station_a.pk, self.grid, before=timezone.now())
        self.assertIsNotNone(model)
        # The board's patrol of an outage ranks with it.
        outage = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        self.login(self.dispatcher)
        with mock.patch.object(patrol_learn, "fit", side_effect=AssertionError("fitted")):
            page = self.client.get(reverse("outages:patrol", args=[outage.pk]))
        self.assertEqual(page.status_code, 200)

    def test_with_none_kept_the_first_fits_it_for_every_process(self) -> None:
        self.assertIsNotNone(learnt_model(self.station_a.pk, self.grid, before=timezone.now()))
        patrol_learn.forget(stored=False)
        with self.assertNumQueries(1):
            self.assertIsNotNone(learnt_model(self.station_a.pk, self.grid, before=timezone.now()))

    def test_one_out_of_date_ranks_meanwhile_and_the_worker_is_asked_once(self) -> None:
        patrol_model_fit.call(self.station_a.pk)
        key, model = cache.get(patrol_learn._shared_key(self.station_a.pk))
        yesterday = (key[0] - dt.timedelta(days=1), *key[1:])
        cache.set(patrol_learn._shared_key(self.station_a.pk), (yesterday, model))
        patrol_learn.forget(stored=False)
        with (
            mock.patch("powerdesk.outages.tasks.patrol_model_fit") as asked,
            mock.patch.object(patrol_learn, "fit", side_effect=AssertionError("fitted")),
        ):
            for _ in range(3):
                kept = learnt_model(self.station_a.pk, self.grid, before=timezone.now())
                self.assertEqual(kept, model)
        asked.enqueue.assert_called_once_with(self.station_a.pk)

    def test_the_warm_up_asks_the_worker_where_none_is_kept_once(self) -> None:
        from powerdesk.accounts.models import Station

        patrol_model_fit.call(self.station_a.pk)  # kept: not asked again
        others = set(Station.objects.exclude(pk=self.station_a.pk).values_list("pk", flat=True))
        with mock.patch("powerdesk.outages.tasks.patrol_model_fit") as asked:
            self.assertEqual(patrol_learn.ask_where_none_kept(), len(others))
            self.assertEqual(patrol_learn.ask_where_none_kept(), 0)  # another web process
        self.assertEqual({c.args[0] for c in asked.enqueue.call_args_list}, others)

    def test_a_station_gone_is_fitted_for_nothing(self) -> None:
        self.assertEqual(patrol_model_fit.call(10**9), 0)


class WarmUpTests(BaseTestCase):
    def test_the_pdf_writer_and_the_optimiser_are_imported_ahead(self) -> None:
        from PIL import ImageFile

        from powerdesk.ops.warmup import _load_addresses

        _load_addresses()
        self.assertIn("weasyprint", sys.modules)
        self.assertIn("scipy.optimize", sys.modules)
        # WeasyPrint's import lets Pillow take truncated images: put back at once.
        self.assertFalse(ImageFile.LOAD_TRUNCATED_IMAGES)
