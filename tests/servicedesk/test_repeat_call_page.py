"""The intake page of a caller who rings again about an open order: it shows the order and
chooses it once the note is of its category, says what to tell the caller as the crew goes;
saved as shown the call is added to the order and counted, unless the clerk opens a new one or
the call is of another category; an urgent call makes the order urgent; another station's staff
and a crew member see nothing of it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import Call, WorkOrder
from tests.base import BaseTestCase, make_user, zh
from tests.servicedesk.intake_page import NUMBER
from tests.servicedesk.intake_page import checked_actions as checked_action


class RepeatCallPageTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.order = call_take(
            station=self.station_a,
            user=self.clerk,
            caller_number=NUMBER,
            text="家里停电了",
            category="fault_repair",
        ).work_order
        self.login(self.clerk)

    def page(self) -> tuple[str, dict[str, str]]:
        """The page as the telephone opens it, once the clerk has typed a note of the order's
        category (the "Then" group follows it: ``intake_choices``)."""
        response = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        form = response.context["form"]
        html = self.client.post(
            reverse("servicedesk:caller"), {"caller_number": NUMBER, "text": "还是没电"}
        ).content.decode()
        chosen = checked_action(html)
        return html, {
            "caller_number": form["caller_number"].value(),
            "form_token": form["form_token"].value(),
            "action": chosen[-1] if chosen else "",
        }

    def test_the_page_shows_the_open_order_and_chooses_it(self) -> None:
        assert self.order is not None
        fresh = self.client.get(reverse("servicedesk:intake"), {"number": NUMBER}, follow=True)
        # Offered as the number is typed; chosen once the note is of the order's category.
        self.assertIn(f'value="repeat:{self.order.pk}"', fresh.content.decode())
        self.assertEqual(checked_action(fresh.content.decode()), [""])
        html, data = self.page()
        self.assertIn('data-testid="repeat-order"', html)
        self.assertIn(self.order.number, html)
        self.assertIn("故障报修", html)  # its category
        self.assertIn("已受理", html)  # its status
        self.assertEqual(data["action"], f"repeat:{self.order.pk}")
        self.assertIn('data-testid="new-matter"', html)
        # Not offered twice in the list of orders the call may be about.
        self.assertNotIn(f'value="join:{self.order.pk}"', html)

    def test_the_box_says_what_to_tell_the_caller_as_the_crew_goes(self) -> None:
        from django.utils import translation
        from django.utils.translation import gettext

        from powerdesk.servicedesk.crew_steps import crew_step_take
        from powerdesk.servicedesk.services import work_order_dispatch
        from tests.servicedesk.crew_cast import add_crews

        assert self.order is not None
        tell = self.order
        html, _data = self.page()
        box = html[html.index('data-testid="repeat-tell"') :]
        box = box[: box.index("</p>")]
        due = timezone.localtime(tell.arrive_due_at)
        with translation.override("zh-hans"):
            self.assertIn(gettext("No crew has been sent yet."), box)
            self.assertIn(
                gettext("The crew is due on site by %(time)s.") % {"time": f"{due:%m-%d %H:%M}"},
                box,
            )
        add_crews(self)
        work_order_dispatch(work_order=tell, crew=self.crew, user=self.chief)
        crew_step_take(work_order=tell, step="on_the_way", user=self.member, fields={})
        back = timezone.localtime() + dt.timedelta(hours=2)
        crew_step_take(
            work_order=tell,
            step="on_site",
            user=self.member,
            fields={"expected_back": f"{back:%Y-%m-%dT%H:%M}"},
        )
        tell.refresh_from_db()
        html, _data = self.page()
        box = html[html.index('data-testid="repeat-tell"') :]
        box = box[: box.index("</p>")]
        arrived = timezone.localtime(tell.arrived_at)
        with translation.override("zh-hans"):
            self.assertIn(
                gettext("%(crew)s is on site since %(time)s.")
                % {"crew": self.crew.name, "time": f"{arrived:%H:%M}"},
                box,
            )
            self.assertIn(
                gettext("Power is expected back around %(time)s.")
                % {"time": f"{back:%m-%d %H:%M}"},
                box,
            )

    def test_saved_as_shown_the_call_is_added_and_counted_on_the_order(self) -> None:
        assert self.order is not None
        _html, data = self.page()
        response = self.client.post(
            reverse("servicedesk:intake"), {**data, "text": "还是没电", "category": "fault_repair"}
        )
        self.assertRedirects(response, self.order.get_absolute_url())
        self.assertEqual(WorkOrder.objects.count(), 1)
        detail = self.client.get(self.order.get_absolute_url()).content.decode()
        self.assertIn('data-testid="repeat-calls"', detail)
        self.assertEqual(self.order.calls.filter(is_repeat=True).count(), 1)

    def test_the_clerk_may_open_a_new_order_instead(self) -> None:
        _html, data = self.page()
        self.client.post(
            reverse("servicedesk:intake"),
            {**data, "action": "new", "text": "邻居家也没电", "category": "fault_repair"},
        )
        self.assertEqual(WorkOrder.objects.count(), 2)

    def test_a_call_of_another_category_left_on_the_repeat_is_refused_for_the_clerk(
        self,
    ) -> None:
        assert self.order is not None
        _html, data = self.page()
        typed = {**data, "text": "想办过户", "category": "business"}
        response = self.client.post(reverse("servicedesk:intake"), typed)
        # Told why, with what was typed kept, and asked again: never a second order unasked.
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.order.number)
        self.assertContains(response, "想办过户")
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.assertEqual(Call.objects.count(), 1)
        # The page now follows the business call: the fault order is not chosen for it.
        self.assertNotIn(f"repeat:{self.order.pk}", checked_action(response.content.decode()))

    def test_an_urgent_call_is_added_to_the_routine_order_which_becomes_urgent(self) -> None:
        assert self.order is not None
        html, data = self.page()
        # The page says beforehand what saving an urgent call does to this routine order.
        self.assertIn('data-testid="repeat-made-urgent"', html)
        self.assertIn(
            zh(
                "Add the call to %(number)s as a repeat call (an urgent call makes it urgent: "
                "the crew due on site sooner)"
            )
            % {"number": self.order.number},
            html,
        )
        self.assertEqual(data["action"], f"repeat:{self.order.pk}")
        response = self.client.post(
            reverse("servicedesk:intake"),
            {
                **data,
                "text": "还是没电，家里老人在用制氧机，快撑不住了",
                "category": "fault_repair",
                "urgent": "on",
            },
        )
        self.assertRedirects(response, self.order.get_absolute_url())
        self.assertEqual(WorkOrder.objects.count(), 1)
        self.order.refresh_from_db()
        self.assertTrue(self.order.urgent)
        self.assertTrue(self.order.events.filter(note_code="made_urgent").exists())

    def test_another_station_s_staff_see_nothing_of_it(self) -> None:
        self.login(self.outsider)
        response = self.client.post(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        self.assertNotContains(response, 'data-testid="repeat-order"', status_code=200)

    def test_a_crew_member_gets_no_caller_panel(self) -> None:
        crew = make_user("crewman", self.station_a, Role.CREW)
        self.login(crew)
        response = self.client.post(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        self.assertEqual(response.status_code, 403)
