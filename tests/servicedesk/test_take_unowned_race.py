"""Several people press "Take it" (我来负责) on the same order without an owner at the same
moment, each in their own connection: one of them has it, each other is told who, and its
history and the audit trail say it once (PostgreSQL's concurrent writers)."""

from __future__ import annotations

import re
import threading
from unittest import skipUnless

from django.db import connection
from django.test import Client, TransactionTestCase
from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.models import OwnerChange, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_create
from tests.base import Cast, build_cast, make_user


class TakeRaceTests(Cast, TransactionTestCase):
    def setUp(self) -> None:
        build_cast(self)

    @skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's concurrent writers")
    def test_five_people_take_one_order_at_once_one_has_it(self) -> None:
        people = [
            make_user(f"clerk{i}", self.station_a, Role.COUNTER, full_name=f"营业员{i}")
            for i in range(5)
        ]
        order = work_order_create(
            station=self.station_a, user=self.chief, category="business", summary="过户", owner=None
        )
        url = reverse("servicedesk:work_order_owner", args=[order.pk])
        clients = [Client() for _ in people]
        for client, person in zip(clients, people, strict=True):
            client.force_login(person)
        start = threading.Barrier(len(people))
        said: list[str] = [""] * len(people)

        def run(i: int) -> None:
            try:
                start.wait()
                answer = clients[i].post(url, {"take": "1"}, follow=True)
                # The page's words (a response's context is not its own across threads).
                said[i] = answer.content.decode()
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(people))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        owner = WorkOrder.objects.get(pk=order.pk).owner
        self.assertIn(owner, people)
        self.assertEqual(order.events.filter(kind=WorkOrderEvent.Kind.ASSIGNED).count(), 1)
        self.assertEqual(OwnerChange.objects.count(), 1)
        refused = [re.findall(r'<li class="error">([^<]*)</li>', words) for words in said]
        mine = people.index(owner)
        self.assertEqual(refused[mine], [])
        others = [said_ for i, said_ in enumerate(refused) if i != mine]
        self.assertEqual(len(others), 4)
        for words in others:
            self.assertEqual(len(words), 1)
            self.assertIn(owner.full_name, words[0])
