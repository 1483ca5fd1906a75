"""``powerdesk retrain_etr [--every HOURS]``: learn restoration times from each station's
restored outages, once or on a schedule (enqueued for the task worker; ``make run`` starts it)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from powerdesk.accounts.models import Station
from powerdesk.lib.every import run_every
from powerdesk.outages.tasks import retrain_etr


class Command(BaseCommand):
    help = "Retrain the restoration-time model of every station on its restored outages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=float, default=0, help="hours between retrainings, for the worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["every"]:
            run_every(options["every"] * 3600, retrain_etr.enqueue)
            return
        from powerdesk.outages.etr import etr_train

        for station in Station.objects.order_by("code"):
            model = etr_train(station)
            how = "a model" if model.fitted else "its history's quantiles (too few for a model)"
            self.stdout.write(f"{station.code}: {model.trained_on} restored outages, {how}")
