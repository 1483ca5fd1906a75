"""What the arrears API's tests share: a household with nothing against disconnecting it, people
of each role, a station's token, and a case brought to a step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from powerdesk.accounts.models import Role
from powerdesk.accounts.tokens import token_create
from powerdesk.arrears.models import ArrearsCase
from powerdesk.arrears.services import (
    disconnection_approve,
    household_record,
    liaison_contact,
    notice_record,
)
from powerdesk.customers.models import Customer
from tests.arrears.cast import START, ArrearsCast
from tests.base import make_user

AFTER_NOTICE = START + dt.timedelta(days=7, minutes=1)
URL = "/api/v1/arrears-cases"


class ArrearsApiCase(ArrearsCast):
    def setUp(self) -> None:
        super().setUp()
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="调度员")
        self.crewman = make_user("crewman", self.station_a, Role.CREW, full_name="王班员")
        self.liaison = make_user("liaison", self.station_a, Role.LIAISON, full_name="村联络员")
        _token, key = token_create(station_id=self.station_a.pk, name="billing")
        self.token = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def post(self, url: str, body: dict[str, Any] | None = None, **headers: Any) -> Any:
        return self.client.post(url, body or {}, content_type="application/json", **headers)

    def checked(self, customer: Customer | None = None) -> ArrearsCase:
        """A case whose household was seen (notice, liaison, visit), at ``START``."""
        case = self.open_case(customer)
        notice_record(case=case, user=self.clerk, method="in_person")
        liaison_contact(case=case, user=self.clerk, outcome="村小组长说下月回来缴")
        return household_record(case=case, user=self.clerk, situation="夫妻二人在家")

    def approved(self, customer: Customer | None = None) -> ArrearsCase:
        return disconnection_approve(case=self.checked(customer), user=self.chief)
