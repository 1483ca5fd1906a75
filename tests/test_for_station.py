"""Every model of a station's records is scoped one way, ``Model.objects.for_station(station)``,
which keeps the rows of that station alone."""

from __future__ import annotations

from django.apps import apps

from tests.base import BaseTestCase


class ForStationTests(BaseTestCase):
    def test_every_station_model_answers_for_station(self) -> None:
        """One way to scope a query: ``Model.objects.for_station(station)``."""
        for model in apps.get_models():
            names = {f.name for f in model._meta.get_fields()}
            scoped = "station" in names or hasattr(model, "station_field")
            if not scoped or model._meta.label in {
                "servicedesk.CommitmentPolicy",  # one per station, read by its station
                "servicedesk.WorkOrderCounter",
                "servicedesk.FormSubmission",
                "servicedesk.IdempotencyKey",
            }:
                continue
            with self.subTest(model=model._meta.label):
                manager = model._default_manager
                self.assertTrue(hasattr(manager, "for_station"), model)
                list(manager.for_station(self.station_a)[:1])  # type: ignore[attr-defined]
                self.assertFalse(manager.for_station(None).exists())  # type: ignore[attr-defined]

    def test_for_station_keeps_the_rows_of_one_station(self) -> None:
        from powerdesk.customers.models import CustomerPhone

        self.assertEqual(
            set(CustomerPhone.objects.for_station(self.station_a)),
            set(self.customer.phones.all()),
        )
        self.assertFalse(CustomerPhone.objects.for_station(self.station_b).exists())
