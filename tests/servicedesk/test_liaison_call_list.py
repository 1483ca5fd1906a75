"""The calls list names a village liaison's call as theirs (walk74, M1; liaison76): the liaison's
name with a badge, their role and village·group, never "not linked"; the list filters to the
liaisons' calls, and "callers not yet linked" leaves them out (a liaison is known). The call's
own page names them alike. Only the desk's roles read the list: a liaison's login is refused."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.community.models import Liaison
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase, post_intake
from tests.outage_cast_liaisons import group_leader

LEADER_NUMBER = "13812340000"  # 普文's, 哔叭's group leader


class LiaisonCallListTests(BaseTestCase):
    def setUp(self) -> None:
        self.leader_user = group_leader(self)
        self.leader = Liaison.objects.get(user=self.leader_user)
        self.login(self.clerk)
        post_intake(self.client, {"caller_number": LEADER_NUMBER, "text": "组里有根电杆歪了"})
        post_intake(
            self.client,
            {"caller_number": "13700000000", "text": "问一下电费怎么交", "category": "billing"},
        )
        self.liaison_call = Call.objects.get(liaison=self.leader)
        self.unknown_call = Call.objects.get(caller_number__startswith="137")

    def rows(self, **params: str) -> list[int]:
        listed = self.client.get(reverse("servicedesk:calls"), params)
        self.assertEqual(listed.status_code, 200)
        return [c.pk for c in listed.context["page"]]

    def test_the_liaison_s_call_is_named_with_a_badge_not_unlinked(self) -> None:
        page = self.client.get(reverse("servicedesk:calls")).content.decode()
        row = page.split(f'data-liaison-id="{self.leader.pk}"')[1].split("</tr>")[0]
        self.assertIn("普文", row)
        self.assertIn('data-testid="liaison-badge"', row)
        self.assertIn("村民小组长", row)  # the role, in the page's language
        self.assertIn("左门·哔叭", row)
        unlinked = '<span class="badge warn">未关联用户</span>'
        self.assertNotIn(unlinked, row)
        self.assertEqual(page.count(unlinked), 1)  # the unknown caller's row still says so
        detail = self.client.get(reverse("servicedesk:call", args=[self.liaison_call.pk]))
        self.assertContains(
            detail, f'data-testid="call-liaison" data-liaison-id="{self.leader.pk}"'
        )
        self.assertNotContains(detail, "未关联用户</span></dd>")

    def test_the_list_filters_to_the_liaisons_calls(self) -> None:
        self.assertEqual(self.rows(show="liaison"), [self.liaison_call.pk])
        self.assertEqual(self.rows(show="unknown"), [self.unknown_call.pk])
        self.assertEqual(set(self.rows()), {self.liaison_call.pk, self.unknown_call.pk})
        page = self.client.get(reverse("servicedesk:calls"), {"show": "liaison"})
        self.assertContains(page, '<option value="liaison" selected>')
        # A liaison's own login reads no calls list, filtered or not.
        self.login(self.leader_user)
        refused = self.client.get(reverse("servicedesk:calls"), {"show": "liaison"})
        self.assertIn(refused.status_code, (302, 403))
