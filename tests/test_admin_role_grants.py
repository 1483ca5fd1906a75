"""Who gives and takes roles, and resets logins, on the admin site (walk50, findings 1, 3, 4, 6).

Station A's administrator (``admin``) manages the office's people of A, but gives nobody —
themselves least of all — the chief's or the administrator's role, and resets no chief's
password: the county administrator (a superuser) does. Every role given or taken, and every
password reset by someone else, is told to A's chief in their notices.
"""

from __future__ import annotations

import re
from typing import Any

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts import admin_history
from powerdesk.accounts.models import Membership, Role, User
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.accounts.role_grants import membership_remove, membership_save, roles_grantable
from powerdesk.servicedesk.models import Notification
from tests.base import PASSWORD, BaseTestCase, make_user, zh

NEW_PASSWORD = "taken over 2026!"


@override_settings(LANGUAGE_CODE="zh-hans")
class RoleGrantTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.admin = make_user("admin", cls.station_a, Role.ADMIN, full_name="周明")
        cls.root = User.objects.create_superuser("root", password=PASSWORD)

    def roles_post(
        self, user: User, *rows: tuple[str, str], delete: int | None = None, **extra: str
    ) -> int:
        """Save ``user``'s page with their memberships as they are, plus ``rows`` added."""
        data = {
            "username": user.username,
            "full_name": user.full_name,
            "phone": "",
            "email": "",
            "is_active": "on",
            # The county administrator's page has the date joined (the station's: read-only).
            "date_joined_0": "2026-01-05",
            "date_joined_1": "08:00:00",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }
        kept = list(user.memberships.order_by("pk"))
        for i, m in enumerate(kept):
            data |= {
                f"memberships-{i}-id": str(m.pk),
                f"memberships-{i}-user": str(user.pk),
                f"memberships-{i}-station": str(m.station_id),
                f"memberships-{i}-role": m.role,
                f"memberships-{i}-village": str(m.village_id or ""),
            }
            if delete == i:
                data[f"memberships-{i}-DELETE"] = "on"
        for j, (role, village) in enumerate(rows, start=len(kept)):
            data |= {
                f"memberships-{j}-user": str(user.pk),
                f"memberships-{j}-station": str(self.station_a.pk),
                f"memberships-{j}-role": role,
                f"memberships-{j}-village": village,
            }
        data["memberships-INITIAL_FORMS"] = str(len(kept))
        data["memberships-TOTAL_FORMS"] = str(len(kept) + len(rows))
        url = reverse("admin:accounts_user_change", args=[user.pk])
        return self.client.post(url, data | extra).status_code

    def password_post(self, user: User) -> int:
        url = reverse("admin:auth_user_password_change", args=[user.pk])
        data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
        return self.client.post(url, data).status_code

    def chief_notices(self) -> list[str]:
        return list(
            Notification.objects.filter(
                recipient=self.chief, kind=Notification.Kind.STAFF_CHANGE
            ).values_list("text", flat=True)
        )

    # What the administrator may not do.

    def test_the_admin_cannot_give_themselves_the_chiefs_role(self) -> None:
        self.login(self.admin)
        # Their own roles are shown, not offered to change (no row to add, none to delete)...
        page = self.client.get(reverse("admin:accounts_user_change", args=[self.admin.pk]))
        self.assertContains(page, "光禄供电所")
        self.assertNotContains(page, 'name="memberships-0-role"')
        self.assertNotContains(page, 'name="memberships-0-DELETE"')
        # ...and a row sent anyway changes nothing: nobody changes their own, office role or not.
        for role in (Role.CHIEF, Role.COUNTER):
            self.roles_post(self.admin, (role, ""))
            self.assertEqual(self.admin.roles_at(self.station_a), {Role.ADMIN})
        self.roles_post(self.admin, delete=0)
        self.assertEqual(self.admin.roles_at(self.station_a), {Role.ADMIN})
        self.assertEqual(self.chief_notices(), [])

    def test_the_admin_cannot_give_a_clerk_the_chiefs_or_the_admins_role(self) -> None:
        self.login(self.admin)
        for role in (Role.CHIEF, Role.ADMIN):
            self.assertEqual(self.roles_post(self.clerk, (role, "")), 200, role)
        self.assertEqual(self.clerk.roles_at(self.station_a), {Role.COUNTER})

    def test_the_admin_cannot_take_the_chiefs_role(self) -> None:
        self.chief.memberships.create(station=self.station_a, role=Role.COUNTER)
        self.login(self.admin)
        # The chief's account is shown, the chief's role row may not be deleted.
        chief_row = list(self.chief.memberships.order_by("pk")).index(
            self.chief.memberships.get(role=Role.CHIEF)
        )
        self.roles_post(self.chief, delete=chief_row)
        self.assertIn(Role.CHIEF, self.chief.roles_at(self.station_a))

    def test_the_service_refuses_whatever_the_form(self) -> None:
        for role in (Role.CHIEF, Role.COUNTER):
            grant = Membership(user=self.admin, station=self.station_a, role=role)
            with self.assertRaises(NotAllowed):
                membership_save(actor=self.admin, membership=grant, before=None)
        # The county administrator neither.
        Membership.objects.create(user=self.root, station=self.station_a, role=Role.DISPATCHER)
        grant = Membership(user=self.root, station=self.station_a, role=Role.CHIEF)
        with self.assertRaises(NotAllowed):
            membership_save(actor=self.root, membership=grant, before=None)
        grant = Membership(user=self.clerk, station=self.station_a, role=Role.ADMIN)
        with self.assertRaises(NotAllowed):
            membership_save(actor=self.admin, membership=grant, before=None)
        with self.assertRaises(NotAllowed):
            membership_remove(actor=self.admin, membership=self.chief.memberships.get())
        self.assertEqual(self.clerk.roles_at(self.station_a), {Role.COUNTER})
        self.assertEqual(self.chief.roles_at(self.station_a), {Role.CHIEF})

    def test_the_admin_cannot_reset_the_chiefs_password_nor_turn_the_chief_off(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.password_post(self.chief), 403)
        self.chief.refresh_from_db()
        self.assertTrue(self.chief.check_password(PASSWORD))
        url = reverse("admin:accounts_user_change", args=[self.chief.pk])
        self.assertNotContains(self.client.get(url), 'name="is_active"')
        delete = reverse("admin:accounts_user_delete", args=[self.chief.pk])
        self.client.post(delete, {"post": "yes"})
        self.assertTrue(User.objects.filter(pk=self.chief.pk).exists())

    # What the administrator may do, and who is told.

    def test_the_admin_gives_and_takes_an_office_role_and_the_chief_is_told(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.roles_post(self.clerk, (Role.DISPATCHER, "")), 302)
        self.assertEqual(self.clerk.roles_at(self.station_a), {Role.COUNTER, Role.DISPATCHER})
        [given] = self.chief_notices()
        for words in ("周明", "李秀英 (clerk)", zh("dispatcher")):
            self.assertIn(words, given)
        dispatcher_row = list(self.clerk.memberships.order_by("pk").values_list("role", flat=True))
        self.assertEqual(
            self.roles_post(self.clerk, delete=dispatcher_row.index(Role.DISPATCHER)), 302
        )
        self.assertEqual(self.clerk.roles_at(self.station_a), {Role.COUNTER})
        self.assertEqual(len(self.chief_notices()), 2)
        # The chief reads it among "Notices to you".
        self.login(self.chief)
        notices = self.client.get(reverse("servicedesk:notices"))
        self.assertContains(notices, "李秀英 (clerk)")
        self.assertContains(notices, f'href="{reverse("ops:audit")}"')

    def test_the_admin_resets_a_clerks_password_and_the_chief_is_told(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.password_post(self.clerk), 302)
        self.clerk.refresh_from_db()
        self.assertTrue(self.clerk.check_password(NEW_PASSWORD))
        [told] = self.chief_notices()
        self.assertIn("李秀英 (clerk)", told)
        self.assertIn("周明", told)

    def test_the_county_administrator_gives_the_chiefs_role_and_resets_the_chief(self) -> None:
        self.login(self.root)
        self.assertEqual(self.roles_post(self.clerk, (Role.CHIEF, "")), 302)
        self.assertIn(Role.CHIEF, self.clerk.roles_at(self.station_a))
        self.assertEqual(self.password_post(self.chief), 302)
        self.chief.refresh_from_db()
        self.assertTrue(self.chief.check_password(NEW_PASSWORD))
        self.assertEqual(len(self.chief_notices()), 2)

    # Finding 6: the admin site's door follows the administrator's role.

    def test_is_staff_follows_the_admin_role_and_is_not_the_admins_to_tick(self) -> None:
        self.assertTrue(User.objects.get(pk=self.admin.pk).is_staff)
        self.login(self.admin)
        self.assertEqual(self.roles_post(self.clerk, is_staff="on", is_superuser="on"), 302)
        self.assertFalse(User.objects.get(pk=self.clerk.pk).is_staff)
        url = reverse("admin:accounts_user_change", args=[self.clerk.pk])
        self.assertNotContains(self.client.get(url), 'name="is_staff"')
        self.roles_post(self.clerk, (Role.CREW, ""))
        self.assertFalse(User.objects.get(pk=self.clerk.pk).is_staff)
        # The county gives the administrator's role: the door opens; taken, it closes.
        self.login(self.root)
        self.roles_post(self.clerk, (Role.ADMIN, ""))
        self.assertTrue(User.objects.get(pk=self.clerk.pk).is_staff)
        self.clerk.memberships.filter(role=Role.ADMIN).delete()
        self.assertFalse(User.objects.get(pk=self.clerk.pk).is_staff)

    def test_a_liaison_without_a_village_is_refused_at_the_field(self) -> None:
        self.login(self.admin)
        url = reverse("admin:accounts_user_change", args=[self.clerk.pk])
        self.assertEqual(self.roles_post(self.clerk, (Role.LIAISON, "")), 200)
        self.assertNotIn(Role.LIAISON, self.clerk.roles_at(self.station_a))
        self.assertEqual(self.roles_post(self.clerk, (Role.LIAISON, str(self.village.pk))), 302)
        self.assertIn(Role.LIAISON, self.clerk.roles_at(self.station_a))
        self.assertEqual(self.client.get(url).status_code, 200)

    # Findings 3 and 4: the history and the audit trail say the role in the reader's language.

    def test_history_and_audit_name_the_role_in_the_readers_language(self) -> None:
        self.login(self.admin)
        self.roles_post(self.clerk, (Role.DISPATCHER, ""))
        self.roles_post(self.clerk, full_name="李秀英", is_active="")  # turned off: "Active"
        history = self.client.get(reverse("admin:accounts_user_history", args=[self.clerk.pk]))
        self.assertContains(history, f"光禄供电所 · {zh('dispatcher')}")
        self.assertNotContains(history, "· dispatcher")
        self.assertContains(history, zh("active"))
        self.assertNotContains(history, "Active")
        self.login(self.chief)
        audit = self.client.get(reverse("ops:audit"))
        self.assertContains(audit, f"光禄供电所 · {zh('dispatcher')}")
        self.assertNotContains(audit, "· dispatcher")
        from django.contrib.admin.models import LogEntry

        entry = LogEntry.objects.get(change_message__contains="dispatcher")
        with translation.override("en"):
            self.assertIn("· dispatcher", admin_history.change_message(entry))

    def test_the_user_page_shows_one_name_and_the_station_column_named(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("admin:accounts_user_change", args=[self.clerk.pk]))
        self.assertContains(page, 'name="full_name"')
        self.assertNotContains(page, 'name="first_name"')
        self.assertNotContains(page, 'name="last_name"')
        self.assertNotContains(page, ">Station<")

    # The staff page's ending (``staff.end``) keeps the same rule, and tells the chief.

    def test_ending_work_tells_the_chief_and_a_chiefs_is_the_countys_to_end(self) -> None:
        from powerdesk.accounts.staff import membership_end

        with self.assertRaises(NotAllowed):
            membership_end(station=self.station_a, person=self.chief, user=self.admin, reason="x")
        self.assertEqual(self.chief.roles_at(self.station_a), {Role.CHIEF})
        membership_end(station=self.station_a, person=self.clerk, user=self.admin, reason="调走")
        [told] = self.chief_notices()
        self.assertIn("李秀英 (clerk)", told)
        self.assertIn("调走", told)

    # Offered only what the user may do (fix53a): the role dropdown, the password's button.

    def test_the_role_dropdown_offers_only_the_roles_the_user_may_give(self) -> None:
        office = {"", Role.COUNTER, Role.DISPATCHER, Role.CREW, Role.LIAISON}
        self.login(self.admin)
        page = self.client.get(reverse("admin:accounts_user_change", args=[self.clerk.pk]))
        self.assertEqual(options(page, "memberships-0-role"), office)
        self.assertEqual(options(page, "memberships-__prefix__-role"), office)  # a row added
        # The chief's row is shown, not offered to change nor to delete.
        page = self.client.get(reverse("admin:accounts_user_change", args=[self.chief.pk]))
        [select] = re.findall(r'<select name="memberships-0-role"[^>]*>', page.text)
        self.assertIn("disabled", select)
        self.assertNotIn('type="checkbox" name="memberships-0-DELETE"', page.text)
        self.assertEqual(options(page, "memberships-__prefix__-role"), office)
        # The county administrator is offered every role.
        self.login(self.root)
        page = self.client.get(reverse("admin:accounts_user_change", args=[self.clerk.pk]))
        self.assertEqual(options(page, "memberships-0-role"), {"", *Role.values})

    def test_the_roles_offered_at_a_station_are_those_given_there(self) -> None:
        # review53 #11c: a row's station known, what may be given at it; none at a station
        # the admin does not administer.
        office = [Role.COUNTER, Role.DISPATCHER, Role.CREW, Role.LIAISON]
        self.assertEqual(set(roles_grantable(self.admin, self.clerk)), set(office))
        self.assertEqual(
            set(roles_grantable(self.admin, self.clerk, self.station_a.pk)), set(office)
        )
        self.assertEqual(roles_grantable(self.admin, self.clerk, self.station_b.pk), [])

    def test_the_reset_password_button_is_shown_only_where_the_user_may_reset(self) -> None:
        def button(user: User) -> bool:
            page = self.client.get(reverse("admin:accounts_user_change", args=[user.pk]))
            self.assertEqual(page.status_code, 200)
            return 'href="../password/"' in page.text

        self.login(self.admin)
        self.assertFalse(button(self.chief))
        self.assertEqual(self.password_post(self.chief), 403)  # the server's check stays
        self.assertTrue(button(self.clerk))
        self.assertTrue(button(self.admin))  # one's own
        self.login(self.root)
        self.assertTrue(button(self.chief))

    # The chiefs' notices in each reader's language (fix53a).

    def test_each_chief_reads_the_staff_change_in_their_own_language(self) -> None:
        second = make_user("chief2", self.station_a, Role.CHIEF, full_name="王芳")
        Notification.objects.create(  # told before, as finished text: read as stored
            station=self.station_a,
            recipient=second,
            kind=Notification.Kind.STAFF_CHANGE,
            key="staff:before",
            text="张伟 重置了 李秀英 (clerk) 的密码。",
        )
        self.login(self.admin)
        self.assertEqual(self.roles_post(self.clerk, (Role.DISPATCHER, "")), 302)
        told = Notification.objects.filter(kind=Notification.Kind.STAFF_CHANGE).exclude(
            key="staff:before"
        )
        self.assertEqual({n.recipient_id for n in told}, {self.chief.pk, second.pk})
        self.assertEqual(len({n.key for n in told}), 1)  # one notice, told to both
        self.login(self.chief)
        self.client.cookies["django_language"] = "en"
        english = self.client.get(reverse("servicedesk:notices")).text
        self.assertIn("周明 gave 李秀英 (clerk) the role of dispatcher.", english)
        self.login(second)
        self.client.cookies["django_language"] = "zh-hans"
        chinese = self.client.get(reverse("servicedesk:notices")).text
        gave = zh("gave %(person)s the role of %(roles)s") % {
            "person": "李秀英 (clerk)",
            "roles": zh("dispatcher"),
        }
        self.assertIn(gave, chinese)
        self.assertNotIn("the role of", chinese)
        self.assertIn("张伟 重置了 李秀英 (clerk) 的密码。", chinese)
        self.client.cookies["django_language"] = "en"
        self.assertIn(
            "张伟 重置了 李秀英 (clerk) 的密码。",
            self.client.get(reverse("servicedesk:notices")).text,
        )

    def test_the_messages_page_shows_staff_changes_to_the_audits_readers_only(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.password_post(self.clerk), 302)
        self.client.cookies["django_language"] = "en"
        told = "reset the password of 李秀英 (clerk)"
        self.assertIn(told, self.client.get(reverse("notifications:deliveries")).text)
        self.login(self.clerk)
        self.client.cookies["django_language"] = "en"
        self.assertNotIn(told, self.client.get(reverse("notifications:deliveries")).text)


def options(page: Any, name: str) -> set[str]:
    """The values a select of ``page`` offers."""
    found = re.search(rf'<select name="{re.escape(name)}".*?</select>', page.text, re.S)
    assert found is not None, name
    return set(re.findall(r'<option value="([^"]*)"', found.group(0)))

    # walk73, M2: the history says what a field was and what it became, not only its name.

    def test_the_role_and_the_login_turned_off_are_said_before_and_after(self) -> None:
        from django.contrib.admin.models import LogEntry

        self.login(self.admin)
        rows = list(self.clerk.memberships.order_by("pk"))
        at = rows.index(self.clerk.memberships.get(role=Role.COUNTER))
        self.assertEqual(
            self.roles_post(self.clerk, **{f"memberships-{at}-role": "dispatcher"}), 302
        )
        self.assertEqual(self.roles_post(self.clerk, is_active=""), 302)
        with translation.override("zh-hans"):
            roles = f"{Role.COUNTER.label} → {Role.DISPATCHER.label}"
            turned_off = f"{zh('yes')} → {zh('no')}"
        history = self.client.get(reverse("admin:accounts_user_history", args=[self.clerk.pk]))
        self.assertContains(history, roles)
        self.assertContains(history, turned_off)
        self.login(self.chief)
        audit = self.client.get(reverse("ops:audit"))
        self.assertContains(audit, roles)
        self.assertContains(audit, turned_off)
        with translation.override("en"):
            said = " ".join(admin_history.change_message(e) for e in LogEntry.objects.all())
        self.assertIn("(counter / duty staff → dispatcher)", said)
        self.assertIn("(yes → no)", said)
