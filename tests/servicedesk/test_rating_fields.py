"""Rating refusals are ``FieldError``s as every service's are (review 33, finding 5): each said
at its field, every one at once, what was chosen kept; a kiosk's row changed wrongly is said
at the row's fields, not in a banner at the top of the page."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.lib.forms import FieldError
from powerdesk.servicedesk.counter_kiosk import RatingError, counter_rate, kiosk_start
from powerdesk.servicedesk.models import CounterKiosk
from tests.base import BaseTestCase, make_user
from tests.test_outage_form_errors import field_errors


class RatingFieldTests(BaseTestCase):
    def test_a_rating_error_is_a_field_error_naming_its_field(self) -> None:
        self.assertTrue(issubclass(RatingError, FieldError))
        with self.assertRaises(RatingError) as refused:
            kiosk_start(
                station=self.station_a, user=self.clerk, name="", service="nothing", served_by=None
            )
        self.assertEqual(set(refused.exception.wrong), {"name", "service"})
        kiosk, _key = kiosk_start(
            station=self.station_a, user=self.clerk, name="一号", service="pay_bill", served_by=None
        )
        with self.assertRaises(RatingError) as refused:
            counter_rate(kiosk=kiosk, score=9)
        self.assertEqual(refused.exception.field, "score")

    def test_every_problem_of_a_new_kiosk_is_said_at_its_field_at_once(self) -> None:
        crew = make_user("crew_r", self.station_a, "crew")
        self.login(self.clerk)
        response = self.client.post(
            reverse("servicedesk:counter_rating"),
            {"name": "", "service": "made_up", "served_by": str(crew.pk)},
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn('data-testid="kiosk-name-error"', html)
        self.assertTrue(field_errors(html, "kiosk_service"))
        self.assertTrue(field_errors(html, "kiosk_served_by"))
        self.assertNotIn('data-testid="kiosk-errors"', html)  # nothing at the top
        self.assertFalse(CounterKiosk.objects.exists())

    def test_a_kiosk_s_change_refused_is_said_at_the_row_s_field_with_what_was_chosen(
        self,
    ) -> None:
        kiosk, _key = kiosk_start(
            station=self.station_a,
            user=self.clerk,
            name="一号",
            service="pay_bill",
            served_by=self.clerk,
        )
        self.login(self.chief)
        response = self.client.post(
            reverse("servicedesk:kiosk_change", args=[kiosk.pk]),
            {"action": "set", "service": "made_up", "served_by": ""},
            follow=True,
        )
        html = response.content.decode()
        self.assertFalse([m for m in response.context["messages"] if m.level_tag == "error"])
        self.assertTrue(field_errors(html, "kiosk_row_service"))
        row = html[html.index(f'data-testid="kiosk-{kiosk.pk}"') :]
        row = row[: row.index("</form>")]
        self.assertNotIn(f'<option value="{self.clerk.pk}" selected', row)  # "—" kept as chosen
        kiosk.refresh_from_db()
        self.assertEqual((kiosk.service, kiosk.served_by), ("pay_bill", self.clerk))
