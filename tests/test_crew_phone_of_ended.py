"""A crew whose duty phone is the own number of someone whose work at the station ended
(walkthrough 34, 2: the leader of 抢修二班, his number typed as the crew's): no text goes to that
number; the dispatcher is told, as the crew is sent, that it was not texted and why; the page
ending that person's work says it beforehand, and the crew's page says it after."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from powerdesk.accounts.models import Crew, Role
from powerdesk.accounts.staff import membership_end
from powerdesk.notifications.crew_reach import crew_not_texted, ended_owner_of
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from tests.base import BaseTestCase, make_user

HIS = "+8613988887777"


class CrewPhoneOfSomeoneGoneTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("gl_admin", self.station_a, Role.ADMIN, is_staff=True)
        self.dispatcher = make_user("gl_dispatch", self.station_a, Role.DISPATCHER)
        self.leader = make_user(
            "crew2_lead", self.station_a, Role.CREW, full_name="张班长", phone="139 8888 7777"
        )
        self.crew2 = Crew.objects.create(
            station=self.station_a, name="抢修二班", leader=self.leader, phone="13988887777"
        )
        self.crew2.members.add(self.leader)

    def order(self) -> object:
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="hazard",
            summary="导线断落",
            customer=self.customer,
            urgent=True,
        )

    def end_his_work(self) -> None:
        membership_end(station=self.station_a, person=self.leader, user=self.admin, reason="调走")
        self.crew2.refresh_from_db()

    def texts_to_him(self) -> list[Delivery]:
        return list(Delivery.objects.filter(channel=Channel.SMS, address=HIS))

    def test_while_he_works_here_the_crew_is_texted_at_its_duty_phone(self) -> None:
        work_order_dispatch(work_order=self.order(), crew=self.crew2, user=self.dispatcher)
        self.assertEqual(len(self.texts_to_him()), 1)
        self.assertIsNone(ended_owner_of(self.crew2))
        self.assertEqual(crew_not_texted(self.crew2), "")

    def test_once_his_work_ended_no_text_goes_to_his_number(self) -> None:
        self.end_his_work()
        self.assertEqual(ended_owner_of(self.crew2), self.leader)
        work_order_dispatch(work_order=self.order(), crew=self.crew2, user=self.dispatcher)
        self.assertEqual(self.texts_to_him(), [])
        said = crew_not_texted(self.crew2)
        self.assertIn("抢修二班", said)
        self.assertIn("张班长", said)

    def test_a_number_someone_still_working_here_has_is_texted(self) -> None:
        make_user("crew2_b", self.station_a, Role.CREW, full_name="李", phone="+8613988887777")
        self.end_his_work()
        self.assertIsNone(ended_owner_of(self.crew2))
        work_order_dispatch(work_order=self.order(), crew=self.crew2, user=self.dispatcher)
        self.assertEqual(len(self.texts_to_him()), 1)

    def test_the_dispatcher_is_told_as_the_crew_is_sent(self) -> None:
        self.end_his_work()
        order = self.order()
        self.login(self.dispatcher)
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "dispatch", "crew": self.crew2.pk},
        )
        said = [str(m) for m in get_messages(response.wsgi_request)]
        self.assertTrue(any("张班长" in m and "抢修二班" in m for m in said), said)
        self.assertEqual(self.texts_to_him(), [])

    def test_the_end_page_says_it_beforehand_and_the_crew_page_after(self) -> None:
        self.login(self.admin)
        page = self.client.get(reverse("accounts:staff_end", args=[self.leader.pk]))
        html = page.content.decode()
        self.assertIn('data-testid="end-duty-phone"', html)
        self.assertIn("抢修二班", html[html.index('data-testid="end-duty-phone"') :])
        self.end_his_work()
        self.login(self.dispatcher)
        html = self.client.get(reverse("accounts:crew", args=[self.crew2.pk])).content.decode()
        self.assertIn('data-testid="crew-phone-gone"', html)
        self.assertIn("张班长", html[html.index('data-testid="crew-phone-gone"') :])

    def test_the_crew_suggested_for_an_order_says_it_is_not_texted(self) -> None:
        self.crew.phone = "13988887777"  # every crew's duty phone his
        self.crew.save(update_fields=["phone"])
        order = self.order()
        self.login(self.dispatcher)
        url = reverse("servicedesk:work_order", args=[order.pk])
        html = self.client.get(url).content.decode()
        suggestion = html[html.index('data-testid="order-crew-suggestion"') :]
        self.assertNotIn('data-testid="crew-phone-gone"', suggestion)
        self.end_his_work()
        html = self.client.get(url).content.decode()
        suggestion = html[html.index('data-testid="order-crew-suggestion"') :]
        gone = suggestion[suggestion.index('data-testid="crew-phone-gone"') :]
        self.assertIn("张班长", gone[: gone.index("</strong>")])

    def test_the_dispatcher_sets_the_crew_s_duty_phone_on_its_page(self) -> None:
        self.end_his_work()
        self.login(self.dispatcher)
        url = reverse("accounts:crew_phone", args=[self.crew2.pk])
        page = reverse("accounts:crew", args=[self.crew2.pk])
        # His number again is refused at the field, what was typed kept.
        refused = self.client.post(url, {"phone": "139 8888 7777"})
        self.assertTrue(refused["Location"].startswith(page + "?kept="))
        html = self.client.get(refused["Location"]).content.decode()
        error = html[html.index('data-field-error="phone"') :]
        self.assertNotIn("hidden", error[: error.index(">")])
        self.assertIn("张班长", error[: error.index("</p>")])
        self.crew2.refresh_from_db()
        self.assertEqual(self.crew2.phone, "13988887777")
        # A landline takes no texts.
        self.client.post(url, {"phone": "0878-5711095"})
        self.crew2.refresh_from_db()
        self.assertEqual(self.crew2.phone, "13988887777")
        # The crew's own number is taken, and the crew is texted there.
        self.client.post(url, {"phone": "137 0000 2222"})
        self.crew2.refresh_from_db()
        self.assertEqual(self.crew2.phone, "137 0000 2222")
        self.assertIsNone(ended_owner_of(self.crew2))
        html = self.client.get(page).content.decode()
        self.assertNotIn('data-testid="crew-phone-gone"', html)
        work_order_dispatch(work_order=self.order(), crew=self.crew2, user=self.dispatcher)
        self.assertTrue(Delivery.objects.filter(channel=Channel.SMS, address="+8613700002222"))

    def test_a_crew_member_does_not_set_it(self) -> None:
        self.login(self.leader2())
        response = self.client.post(
            reverse("accounts:crew_phone", args=[self.crew2.pk]), {"phone": "137 0000 2222"}
        )
        self.assertEqual(response.status_code, 403)
        self.crew2.refresh_from_db()
        self.assertEqual(self.crew2.phone, "13988887777")

    def leader2(self) -> object:
        member = make_user("crew2_m", self.station_a, Role.CREW, full_name="王")
        self.crew2.members.add(member)
        return member
