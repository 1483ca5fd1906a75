"""Who is told what by the JSON API when they may not use it (walkthrough 28, finding 9): no
token and no session is 401 ("not signed in"); a signed-in village liaison — a person with no
staff role at the station, whose one page is their phone's — is 403 from every operation of
``/api/v1/`` that sessions may use, as the pages answer them, with nothing done."""

from __future__ import annotations

import re
from typing import Any

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.models import Call, Promise, WorkOrder
from tests.base import BaseTestCase, make_user


def session_operations(schema: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (method, path) of the schema a person's session may call (``StationAuth``), its
    path parameters filled with 1."""
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            schemes = {name for s in operation.get("security", []) for name in s}
            if "StationAuth" in schemes:
                found.append((method, re.sub(r"\{[^}]+\}", "1", path)))
    return found


class LiaisonApiTests(BaseTestCase):
    def setUp(self) -> None:
        self.liaison = make_user("liaison", self.station_a, Role.LIAISON)
        Membership.objects.filter(user=self.liaison).update(village=self.village)
        self.operations = session_operations(self.client.get("/api/v1/openapi.json").json())

    def test_the_schema_has_reads_and_writes_for_sessions(self) -> None:
        methods = {method for method, _path in self.operations}
        self.assertEqual(methods, {"get", "post"})
        self.assertIn(("get", "/api/v1/calls"), self.operations)
        self.assertIn(("get", "/api/v1/work-orders"), self.operations)

    def test_a_liaison_is_refused_403_and_nobody_signed_in_401(self) -> None:
        self.login(self.liaison)
        for method, path in self.operations:
            with self.subTest(method=method, path=path):
                response = getattr(self.client, method)(
                    path, {} if method == "get" else "{}", content_type="application/json"
                )
                self.assertEqual(response.status_code, 403, response.content)
                self.assertIn("detail", response.json())
        self.client.logout()
        for method, path in self.operations:
            with self.subTest(method=method, path=path, signed_in=False):
                response = getattr(self.client, method)(
                    path, {} if method == "get" else "{}", content_type="application/json"
                )
                self.assertEqual(response.status_code, 401, response.content)
        self.assertFalse(Call.objects.exists())
        self.assertFalse(WorkOrder.objects.exists())
        self.assertFalse(Promise.objects.exists())

    def test_a_crew_member_still_reads_orders_and_is_refused_calls(self) -> None:
        crew = make_user("crewman", self.station_a, Role.CREW)
        self.login(crew)
        self.assertEqual(self.client.get("/api/v1/work-orders").status_code, 200)
        self.assertEqual(self.client.get("/api/v1/calls").status_code, 403)
