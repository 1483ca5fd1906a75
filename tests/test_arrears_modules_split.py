"""The arrears app's services and API are split by topic (the steps' shared rules, the end of a
case; the list and opening apart from the steps), each module well under 400 lines, while every
name is still imported from ``services`` and ``api`` and the API's operations keep their ids."""

from __future__ import annotations

from pathlib import Path

from django.test import SimpleTestCase

import powerdesk.arrears.services as services
from powerdesk.arrears import api, disconnection, step_rules

# What other modules and tests import from ``services`` (``lift`` among them, left as it is).
FROM_SERVICES = (
    "ArrearsError",
    "StepRecordedAlready",
    "MAX_AMOUNT",
    "OUTCOME_CHARS",
    "REASON_CHARS",
    "SITUATION_CHARS",
    "DISCONNECT_FROM",
    "DISCONNECT_UNTIL",
    "NOTICE_DAYS",
    "amount_checked",
    "carry_out_from",
    "case_open",
    "disconnection_approve",
    "disconnection_carry_out",
    "household_record",
    "liaison_contact",
    "notice_period_end",
    "notice_record",
    "payment_record",
    "_bounded",
    "_event",
    "_not_closed",
    "_says_something",
)


class ArrearsModulesSplitTests(SimpleTestCase):
    def test_every_name_is_still_imported_from_services(self) -> None:
        for name in FROM_SERVICES:
            with self.subTest(name=name):
                self.assertTrue(hasattr(services, name))
        self.assertIs(services.ArrearsError, step_rules.ArrearsError)
        self.assertIs(services.payment_record, disconnection.payment_record)
        for name in ("_ANSWERS", "CaseId", "_step", "router"):  # what ``api_lift`` imports
            self.assertTrue(hasattr(api, name), name)

    def test_the_split_modules_stay_under_four_hundred_lines(self) -> None:
        folder = Path(services.__file__).parent
        for name in ("services", "step_rules", "disconnection", "api", "api_steps"):
            with self.subTest(module=name):
                text = (folder / f"{name}.py").read_text(encoding="utf-8")
                self.assertLess(len(text.splitlines()), 400)

    def test_the_steps_keep_their_operation_ids(self) -> None:
        from powerdesk.api import api as ninja_api

        ids = {
            path.rsplit("/", 1)[-1]: operation["operationId"]
            for path, methods in ninja_api.get_openapi_schema()["paths"].items()
            if path.startswith("/api/v1/arrears-cases/{case_id}/")
            for operation in methods.values()
        }
        for step in ("notice", "liaison", "household", "approve", "disconnect", "paid", "amount"):
            with self.subTest(step=step):
                self.assertEqual(ids[step], f"powerdesk_arrears_api_arrears_{step}")
