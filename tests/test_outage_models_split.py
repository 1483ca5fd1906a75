"""The outages app's models are split by domain (the outage records apart from what the engine
reads and writes, patrol finds and the chief's order), each module a screenful or so, while every
model and helper is still imported from ``powerdesk.outages.models`` and no migration changes."""

from __future__ import annotations

import importlib
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

import powerdesk.outages.models as outage_models

MODULES = {
    "records": {
        "NoticeSource",
        "Outage",
        "OutageEvent",
        "OutageCause",
        "OutageLink",
        "OutageRestoreStep",
    },
    "callbacks": {"OutageCallback", "OutageCallbackTry"},
    "engine": {
        "SignalType",
        "SignalSource",
        "Signal",
        "SignalStream",
        "EngineState",
        "PredictedOutage",
        "PredictionRejection",
    },
    "found": {"FoundPlace"},
    "priority": {"PriorityOrder"},
    "pings": {"PingSettings", "PingRound", "MeterPing"},
}


class OutageModelsSplitTests(SimpleTestCase):
    def test_each_model_lives_in_its_domain_and_is_imported_from_the_package(self) -> None:
        for module, names in MODULES.items():
            found = importlib.import_module(f"powerdesk.outages.models.{module}")
            for name in names:
                with self.subTest(name=name):
                    self.assertIs(getattr(outage_models, name), getattr(found, name))
        for name in ("cause_words", "evidence_said", "evidence_words", "CUSTOMER_SIGNALS"):
            self.assertTrue(hasattr(outage_models, name), name)

    def test_every_model_of_the_app_is_registered_from_the_package(self) -> None:
        registered = {m.__name__ for m in apps.get_app_config("outages").get_models()}
        models = {n for names in MODULES.values() for n in names}
        self.assertEqual(
            registered,
            models - {"NoticeSource", "OutageCause", "SignalType", "SignalSource"},
        )

    def test_no_module_is_over_three_hundred_lines(self) -> None:
        folder = Path(outage_models.__file__).parent
        for path in folder.glob("*.py"):
            with self.subTest(path=path.name):
                self.assertLessEqual(len(path.read_text(encoding="utf-8").splitlines()), 300)


class OutageModelsMigrationTests(TestCase):
    def test_no_migration_is_wanted(self) -> None:
        out = StringIO()
        call_command("makemigrations", "outages", "--check", "--dry-run", stdout=out)
        self.assertIn("No changes detected", out.getvalue())
