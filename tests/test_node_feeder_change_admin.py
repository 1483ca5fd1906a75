"""An admin does not change the feeder of an element with elements below it (review46, 3: the
households below would be left on the old line's devices); an element with nothing below may."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.network.models import Feeder, GridNode
from tests.base import BaseTestCase, make_user
from tests.network_import_cast import _english  # noqa: F401 (_english: autouse)


class AdminFeederChangeTests(BaseTestCase):
    """The admin's change form of an element: its feeder changes only without elements below."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.other_line = Feeder.objects.create(station=cls.station_a, code="DS", name="10kV地索线")
        cls.admin_user = make_user("gl_admin", cls.station_a, Role.ADMIN, is_staff=True)

    def post_feeder(self, node: GridNode, feeder: Feeder) -> object:
        self.login(self.admin_user)
        defects = list(node.defects.all())
        data = {
            "station": node.station_id,
            "feeder": feeder.pk,
            "code": node.code,
            "kind": node.kind,
            "name": node.name,
            "parent": "",
            "line_name": node.line_name,
            "pole_number": node.pole_number,
            "village": node.village_id or "",
            "defects-TOTAL_FORMS": len(defects),
            "defects-INITIAL_FORMS": len(defects),
            "defects-MIN_NUM_FORMS": 0,
            "defects-MAX_NUM_FORMS": 1000,
        }
        for i, defect in enumerate(defects):
            data |= {
                f"defects-{i}-id": defect.pk,
                f"defects-{i}-node": node.pk,
                f"defects-{i}-description": defect.description,
                f"defects-{i}-severity": defect.severity,
                f"defects-{i}-found_on": str(defect.found_on),
                f"defects-{i}-station": defect.station_id,
            }
        return self.client.post(
            reverse("admin:network_gridnode_change", args=[node.pk]), data, follow=False
        )

    def test_an_element_with_elements_below_keeps_its_feeder(self) -> None:
        response = self.post_feeder(self.fuse, self.other_line)
        self.assertEqual(response.status_code, 200)  # the form again, with the error
        self.assertContains(response, "该设备下面还有设备")
        self.fuse.refresh_from_db()
        self.assertEqual(self.fuse.feeder_id, self.feeder.pk)

    def test_an_element_with_nothing_below_may_change_feeder(self) -> None:
        response = self.post_feeder(self.transformer, self.other_line)
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        self.transformer.refresh_from_db()
        self.assertEqual(self.transformer.feeder_id, self.other_line.pk)
