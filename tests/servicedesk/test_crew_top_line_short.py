"""A crew's step refused at the fields of its form (the card's, without the page's script or
with photos) is said at those fields; the top of the page says only where to look, never the
same words again beside them. A refusal of no field is said at the top in full."""

from __future__ import annotations

from html import unescape

from django.urls import reverse
from django.utils.translation import gettext

from powerdesk.servicedesk.crew_steps import crew_step_take
from tests.test_photos import PhotoCase


class CrewTopLineTests(PhotoCase):
    def setUp(self) -> None:
        super().setUp()
        for step in ("on_the_way", "on_site"):
            crew_step_take(work_order=self.order, step=step, user=self.crew_member, fields={})

    def test_field_refusals_are_said_at_the_fields_and_the_top_points_there(self) -> None:
        self.login(self.crew_member)
        answer = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "cause_found", "cause": "熔丝熔断", "device": "NO-SUCH", "note": "换了熔丝"},
            follow=True,
        )
        [top] = [str(m) for m in answer.context["messages"]]
        self.assertEqual(
            top, f"{self.order.number}: " + gettext("Nothing was saved: see the fields.")
        )
        page = unescape(answer.content.decode())
        said = page[page.index(f'id="device-error-{self.order.pk}"') :]
        self.assertIn("NO-SUCH", said[: said.index("</p>")])
        self.assertNotIn("NO-SUCH", top)

    def test_a_refusal_of_no_field_is_said_at_the_top(self) -> None:
        self.login(self.crew_member)
        answer = self.client.post(
            reverse("servicedesk:crew_step", args=[self.order.pk]),
            {"step": "fly"},  # no step of a job: refused, at no field
            follow=True,
        )
        [top] = [str(m) for m in answer.context["messages"]]
        self.assertNotIn(gettext("Nothing was saved: see the fields."), top)
        self.assertTrue(top.startswith(f"{self.order.number}: "))
