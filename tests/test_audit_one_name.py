"""The audit trail names each person one way (walk73b 6: logins and the administration's
changes said the username, exports and API keys the full name): the full name, with the
username where two people share it. A list's CSV and its Excel are two lines that say which."""

from __future__ import annotations

from axes.models import AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Role, User
from powerdesk.accounts.tokens import token_create
from powerdesk.ops.audit import audit_entries
from tests.base import BaseTestCase, make_user


class AuditNamesTests(BaseTestCase):
    def who(self) -> dict[str, set[str]]:
        said: dict[str, set[str]] = {}
        for entry in audit_entries(station=self.station_a):
            said.setdefault(entry.kind, set()).add(entry.who)
        return said

    def test_logins_changes_exports_and_keys_name_people_alike(self) -> None:
        AccessLog.objects.create(
            username="clerk", attempt_time=timezone.now(), ip_address="10.0.0.5", user_agent="x"
        )
        LogEntry.objects.create(
            user=self.chief, content_type=ContentType.objects.get_for_model(User),
            object_id=str(self.clerk.pk), object_repr="clerk", action_flag=CHANGE,
            change_message="[]",
        )  # fmt: skip
        token_create(station_id=self.station_a.pk, name="看板", by=self.chief)
        self.login(self.clerk)
        self.client.get(reverse("accounts:export", kwargs={"name": "customers", "fmt": "csv"}))
        said = self.who()
        self.assertEqual(said["login"], {"李秀英"})
        self.assertEqual(said["admin"], {"杨所长"})
        self.assertEqual(said["api_token"], {"杨所长"})
        self.assertEqual(said["export"], {"李秀英"})

    def test_two_people_of_one_name_are_told_apart_by_their_username(self) -> None:
        make_user("clerk2", self.station_a, Role.COUNTER, full_name="李秀英")
        for username in ("clerk", "clerk2"):
            AccessLog.objects.create(
                username=username, attempt_time=timezone.now(), ip_address="10.0.0.5"
            )
        self.assertEqual(self.who()["login"], {"李秀英 (clerk)", "李秀英 (clerk2)"})

    def test_the_csv_and_the_excel_of_one_list_are_two_lines_saying_which(self) -> None:
        self.login(self.clerk)
        for fmt in ("csv", "xlsx"):
            response = self.client.get(
                reverse("accounts:export", kwargs={"name": "customers", "fmt": fmt})
            )
            self.assertEqual(response.status_code, 200)
        with translation.override("en"):
            lines = [e.what for e in audit_entries(station=self.station_a) if e.kind == "export"]
        self.assertEqual(len(set(lines)), 2, lines)
        self.assertEqual(sorted(line.split(", ")[-1] for line in lines), ["CSV)", "Excel)"])
