"""Schemathesis against the JSON API: whatever it sends, no answer is a server error, and every
answer is one the schema documents, in the shape it documents.

A bounded run is part of the suite (under a minute on two cores). For a longer run outside CI:

    POWERDESK_FUZZ_EXAMPLES=1000 python3 -m uv run pytest tests/servicedesk/test_api_fuzz.py -q

(or run the ``schemathesis`` command against a served demo station with a token from
``powerdesk create_api_token``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from powerdesk.accounts.tokens import token_create
from powerdesk.api import api
from powerdesk.servicedesk.promises import promise_make
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import build_cast

EXAMPLES = int(os.environ.get("POWERDESK_FUZZ_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _connection_kept() -> Iterator[None]:
    """The site is called as a WSGI application, inside the test's transaction.

    Django closes a connection in a transaction at each request's start and end; the test
    client turns that off, and so must an application called directly.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def station(db: None) -> SimpleNamespace:
    """Station A of the cast, with orders in several states and a promise to find."""
    cast = SimpleNamespace()
    build_cast(cast)
    open_order = None
    for status in ("", "dispatched", "resolved"):
        order = work_order_create(
            station=cast.station_a,
            user=cast.clerk,
            category="fault_repair",
            summary="停电",
            customer=cast.customer,
        )
        if status:
            order = work_order_dispatch(work_order=order, crew=cast.crew, user=cast.clerk)
        if status == "dispatched":
            open_order = order  # a promise goes on an open order (not a finished one)
        if status == "resolved":
            for step in ("on_the_way", "on_site", "resolved"):
                order = work_order_transition(
                    work_order=order,
                    to_status=step,
                    user=cast.clerk,
                    cause="熔断器熔断",
                    device=cast.fuse,
                )
    promise_make(
        station=cast.station_a,
        user=cast.clerk,
        text="明天来修",
        due_at=timezone.now() + dt.timedelta(days=1),
        work_order=open_order,
    )
    _, cast.key = token_create(station_id=cast.station_a.pk, name="fuzz")
    return cast


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = WSGIHandler()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_answers_every_request_as_documented(case: Any, station: SimpleNamespace) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {station.key}"}, checks=CHECKS)
