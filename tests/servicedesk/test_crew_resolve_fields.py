"""An order's own job resolved from the crew's phone says the device and the cause it still
needs at their fields of the "mark as resolved" form, every one at once, what was typed kept:
never only in the line at the top of the page (the form had neither field)."""

from __future__ import annotations

from html import unescape

from django.urls import reverse
from django.utils.translation import gettext

from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, on_site, other_branch_fuse, plain_job


def said_at(page: str, element_id: str) -> str:
    """The words of the field error ``element_id`` ("" when it is hidden or absent)."""
    start = page.find(f'id="{element_id}"')
    if start < 0:
        return ""
    tag_end = page.index(">", start)
    if " hidden" in page[start:tag_end]:
        return ""
    return page[tag_end + 1 : page.index("</p>", tag_end)]


class CrewResolveFieldsTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.order = plain_job(self)
        on_site(self, self.order)

    def resolve(self, **fields: str) -> str:
        self.login(self.member)
        response = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "restored", **fields},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        return unescape(response.content.decode())

    def test_before_the_cause_is_recorded_the_resolve_waits_for_it(self) -> None:
        # The card asks the cause and the device in the cause's form first, never in the
        # resolve form too (walkthrough 35, 1): a resolve sent before it (a page from before)
        # is refused, said in the line at the top, and the cause's form is the one offered.
        page = self.resolve(device="NO-SUCH", note="换了熔丝")
        self.assertIn(gettext("Record the cause found first: the job is resolved after it."), page)
        self.assertNotIn(f'id="restored-cause-error-{self.order.pk}"', page)
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_site")

    def test_the_device_is_asked_at_its_field_with_the_box_off_the_line(self) -> None:
        WorkOrder.objects.filter(pk=self.order.pk).update(cause="表箱空开烧坏")
        pk = self.order.pk
        page = self.resolve(device="NO-SUCH", note="换了熔丝")
        self.assertIn("NO-SUCH", said_at(page, f"restored-device-error-{pk}"))
        self.assertIn('name="device" value="NO-SUCH"', page)  # kept, to be put right
        self.assertIn("换了熔丝", page)
        page = self.resolve(device=other_branch_fuse(self).code, note="换了熔丝")
        self.assertTrue(said_at(page, f"restored-device-error-{pk}"))
        self.assertIn('data-confirm="other_device">', page)  # the box to tick, shown
        self.order.refresh_from_db()
        self.assertEqual(self.order.status, "on_site")

    def test_with_the_cause_found_only_the_device_is_asked(self) -> None:
        WorkOrder.objects.filter(pk=self.order.pk).update(cause="表箱空开烧坏")
        pk = self.order.pk
        page = self.resolve(note="换了空开")
        self.assertTrue(said_at(page, f"restored-device-error-{pk}"))
        self.assertNotIn(f'id="restored-cause-error-{pk}"', page)  # recorded: not asked again
        page = self.resolve(note="换了空开", device=self.fuse.code)
        self.order.refresh_from_db()
        self.assertEqual((self.order.status, self.order.device_found), ("resolved", self.fuse))
