"""A liaison added with another village's group or a junk group id, or a phone number with a
letter, is refused at its field, nothing added; a liaison is retired once, whatever is sent
again (probe76, M3, M4, M5)."""

from __future__ import annotations

from typing import Any

from django.test import TransactionTestCase
from django.urls import reverse

from powerdesk.community.liaison_records import LiaisonError, liaison_add, liaison_retire
from powerdesk.community.models import Liaison, LiaisonActivity, Village, VillageGroup
from tests.base import BaseTestCase, Cast, build_cast
from tests.racing import sent_at_once
from tests.test_outage_form_errors import field_errors


class LiaisonAddRefusedTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.chief)
        self.url = reverse("community:village", args=[self.village.pk])
        other = Village.objects.create(station=self.station_a, name="地索")
        self.other_group = VillageGroup.objects.create(
            station=self.station_a, village=other, name="大地索"
        )

    def add(self, **changed: str) -> Any:
        body = {
            "action": "add_liaison",
            "name": "张组长",
            "phone": "188 1959 8720",
            "role": "group_leader",
            "group": str(self.group.pk),
            **changed,
        }
        return self.client.post(self.url, body)

    def test_another_village_s_group_or_a_junk_id_is_refused_at_the_group(self) -> None:
        for group in (str(self.other_group.pk), "abc", "999999"):
            answer = self.add(group=group)
            self.assertEqual(answer.status_code, 400, group)
            self.assertTrue(field_errors(answer.content.decode(), "group"), group)
        self.assertFalse(Liaison.objects.exists())
        self.assertEqual(self.add(group="").status_code, 302)  # the whole village: chosen so
        self.assertEqual(self.add(phone="188 1959 8721").status_code, 302)
        self.assertEqual(
            sorted(Liaison.objects.values_list("group_id", flat=True), key=str),
            sorted([None, self.group.pk], key=str),
        )

    def test_a_phone_with_a_letter_is_refused_at_the_phone(self) -> None:
        for phone in ("1881959872O", "188195987O2", "138 1234 567a"):
            answer = self.add(phone=phone)
            self.assertEqual(answer.status_code, 400, phone)
            self.assertTrue(field_errors(answer.content.decode(), "phone"), phone)
        self.assertFalse(Liaison.objects.exists())
        with self.assertRaises(LiaisonError):
            liaison_add(
                village=self.village, by=self.chief, name="王", phone="1881959872O", role="director"
            )

    def test_a_liaison_is_retired_once(self) -> None:
        liaison = liaison_add(
            village=self.village, by=self.chief, name="王村长", phone="13800138000", role="director"
        )
        lines = LiaisonActivity.objects.filter(note_code="liaison_retired")
        body = {"action": "retire", "liaison": liaison.pk, "reason": "换届了"}
        for _twice in range(2):
            self.assertEqual(self.client.post(self.url, body).status_code, 302)
        self.assertEqual(lines.count(), 1)
        # A stale copy of the row (a second request that read it before the first wrote).
        stale = Liaison.objects.get(pk=liaison.pk)
        stale.active = True
        with self.assertRaises(LiaisonError):
            liaison_retire(liaison=stale, by=self.chief, reason="又换届")
        self.assertEqual(lines.count(), 1)
        liaison.refresh_from_db()
        self.assertFalse(liaison.active)


class RetiredAtOnceTests(Cast, TransactionTestCase):
    """Six "no longer serves" sent at once (probe76, M5: six lines and six messages): one line;
    run on PostgreSQL, where the row lock is what makes it once."""

    def setUp(self) -> None:
        build_cast(self)

    def test_six_retirements_at_once_write_one_line(self) -> None:
        liaison = liaison_add(
            village=self.village, by=self.chief, name="王村长", phone="13800138000", role="director"
        )
        url = reverse("community:village", args=[self.village.pk])
        body = {"action": "retire", "liaison": liaison.pk, "reason": "换届了"}
        answers = sent_at_once(self.chief, lambda client: client.post(url, body), 6)
        self.assertEqual([a.status_code for a in answers], [302] * 6, answers)
        lines = LiaisonActivity.objects.filter(note_code="liaison_retired", liaison=liaison)
        self.assertEqual(lines.count(), 1)
