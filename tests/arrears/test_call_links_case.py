"""A call whose words went on the household's arrears case (``arrears.from_calls``) links to the
case from the calls' list and from the call's own page, for a role that may open the case's
page; another call links to none; the list finds the cases of a page of calls at once."""

from __future__ import annotations

import dataclasses
import re
from unittest import mock

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from powerdesk.accounts import pages
from powerdesk.accounts.models import Role
from powerdesk.arrears.from_calls import cases_of_calls
from powerdesk.arrears.models import ArrearsCase
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call
from tests.arrears.api_cast import START, ArrearsApiCase

SAID = "老伴晚上睡觉要用呼吸机，千万不要停我家的电"
LINK = 'data-testid="call-arrears-case" data-case="{pk}"'


class CallLinksCaseTests(ArrearsApiCase):
    def recorded(self) -> tuple[ArrearsCase, Call, Call]:
        """The household's checked case, a call of theirs naming a ventilator (recorded on the
        case), and another call of theirs that names no need (not recorded)."""
        with time_machine.travel(START, tick=False):
            case = self.checked()
        with time_machine.travel(START.replace(hour=10), tick=False):
            on_case = call_take(
                station=self.station_a, user=self.clerk, customer=self.household, text=SAID
            ).call
            other = call_take(
                station=self.station_a,
                user=self.clerk,
                customer=self.household,
                text="问一下这个月电费多少",
            ).call
        self.assertTrue(case.events.filter(note_code="arrears_call_said").exists())
        return case, on_case, other

    def test_the_calls_list_and_the_call_s_page_link_the_case(self) -> None:
        case, on_case, other = self.recorded()
        for person in (self.clerk, self.dispatcher, self.chief):
            self.login(person)
            listed = self.client.get(reverse("servicedesk:calls")).content.decode()
            self.assertEqual(listed.count(LINK.format(pk=case.pk)), 1, person)
            self.assertIn(case.get_absolute_url(), listed)
            page = self.client.get(reverse("servicedesk:call", args=[on_case.pk]))
            self.assertIn(LINK.format(pk=case.pk), page.content.decode(), person)
            linked = re.search(r'data-testid="call-arrears-case".*?</dd>', page.content.decode())
            assert linked is not None
            self.assertIn('class="badge bad"', linked.group(0))  # must not be disconnected
            page = self.client.get(reverse("servicedesk:call", args=[other.pk]))
            self.assertNotIn("call-arrears-case", page.content.decode(), person)

    def test_a_role_that_may_not_open_the_case_is_not_linked(self) -> None:
        case, on_case, _other = self.recorded()
        page = pages.PAGES["arrears:case"]
        narrower = dataclasses.replace(page, view=page.view - {Role.DISPATCHER})
        self.login(self.dispatcher)
        with mock.patch.dict(pages.PAGES, {"arrears:case": narrower}):
            listed = self.client.get(reverse("servicedesk:calls")).content.decode()
            shown = self.client.get(reverse("servicedesk:call", args=[on_case.pk]))
        self.assertNotIn("call-arrears-case", listed)
        self.assertNotIn(case.get_absolute_url(), listed)
        self.assertNotIn("call-arrears-case", shown.content.decode())

    def test_the_cases_of_a_page_of_calls_are_found_in_one_query(self) -> None:
        case, on_case, other = self.recorded()
        with CaptureQueriesContext(connection) as queries:
            found = cases_of_calls([on_case.pk, other.pk, 999_999], station_id=self.station_a.pk)
            self.assertEqual(found[on_case.pk].customer_id, case.customer_id)
        self.assertEqual(len(queries), 1)
        self.assertEqual(set(found), {on_case.pk})
        self.assertEqual(cases_of_calls([], station_id=self.station_a.pk), {})
        # Another station's: none of this one's cases (review74, L3).
        self.assertEqual(cases_of_calls([on_case.pk], station_id=self.station_b.pk), {})
