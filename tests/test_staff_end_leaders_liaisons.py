"""After a person's work at the station ends (``accounts.staff.membership_end``): a crew they led
visibly needs a leader (the staff page, the crew's page, the dispatcher's crews), and the
dispatcher or the chief chooses one among its members there — recorded on the crew's page and
the audit trail, never over a choice made meanwhile; and a village liaison's records are retired
(kept, no longer current contacts nor told of outages), said on the ending's page beforehand and
recorded with the ending."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.crews import CrewLeaderError, crew_leader_set
from powerdesk.accounts.models import Crew, CrewLeaderChange, Membership, MembershipEnded, Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.accounts.staff import membership_end
from powerdesk.community.models import Liaison, LiaisonActivity, Village
from powerdesk.notifications.audience import liaisons_of
from powerdesk.ops.audit import audit_entries
from tests.base import BaseTestCase, make_user


class CrewLeaderWantedTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        self.dispatcher = make_user("disp", self.station_a, Role.DISPATCHER, full_name="段调度")
        self.leader = make_user("lead", self.station_a, Role.CREW, full_name="张班长")
        self.member = make_user("mem", self.station_a, Role.CREW, full_name="王班员")
        self.other = make_user("oth", self.station_a, Role.CREW, full_name="赵班员")
        self.led = Crew.objects.create(station=self.station_a, name="抢修二班", leader=self.leader)
        self.led.members.add(self.leader, self.member, self.other)
        membership_end(station=self.station_a, person=self.leader, user=self.admin, reason="调走")
        self.crew_url = reverse("accounts:crew", args=[self.led.pk])
        self.post_url = reverse("accounts:crew_leader", args=[self.led.pk])

    def test_the_crew_is_marked_as_needing_a_leader_where_it_is_shown(self) -> None:
        self.login(self.dispatcher)
        staff = self.client.get(reverse("accounts:staff"))
        self.assertContains(staff, 'data-testid="crew-no-leader"', count=1)  # not 抢修一班
        self.assertContains(staff, "张班长")  # who left it, and since when
        page = self.client.get(self.crew_url)
        self.assertContains(page, 'data-testid="crew-leader-wanted"')
        self.assertContains(page, 'data-testid="crew-leader-choice"')
        choices = page.context["members"]
        self.assertEqual({m.full_name for m in choices}, {"王班员", "赵班员"})
        home = self.client.get(reverse("web:home"))
        self.assertContains(home, 'data-testid="panel-crew-no-leader"')
        # A counter sees that it needs one, but is not offered to choose.
        self.login(self.clerk)
        page = self.client.get(self.crew_url)
        self.assertContains(page, 'data-testid="crew-leader-wanted"')
        self.assertNotContains(page, 'data-testid="crew-leader-choice"')

    def test_the_dispatcher_chooses_a_member_recorded_on_the_crew_and_the_audit(self) -> None:
        self.login(self.dispatcher)
        answer = self.client.post(self.post_url, {"leader": self.member.pk, "was": ""}, follow=True)
        self.assertRedirects(answer, self.crew_url)
        self.led.refresh_from_db()
        self.assertEqual(self.led.leader, self.member)
        self.assertNotContains(answer, 'data-testid="crew-leader-wanted"')
        self.assertContains(answer, 'data-testid="crew-leaders"')
        change = CrewLeaderChange.objects.get()
        self.assertEqual(
            (change.by, change.leader_name, change.before_name), (self.dispatcher, "王班员", "")
        )
        [entry] = [e for e in audit_entries(station=self.station_a) if e.kind == "crew_leader"]
        self.assertIn("王班员", entry.what)
        self.assertIn("抢修二班", entry.what)
        # Sent again (a double click): nothing more.
        self.client.post(self.post_url, {"leader": self.member.pk, "was": ""})
        self.assertEqual(CrewLeaderChange.objects.count(), 1)

    def test_a_leader_chosen_meanwhile_is_not_written_over(self) -> None:
        crew_leader_set(crew=self.led, user=self.chief, leader=self.other, was=None)
        self.login(self.dispatcher)
        answer = self.client.post(self.post_url, {"leader": self.member.pk, "was": ""}, follow=True)
        self.assertIn("赵班员", " ".join(str(m) for m in answer.context["messages"]))
        self.assertEqual(Crew.objects.get(pk=self.led.pk).leader, self.other)
        self.assertEqual(CrewLeaderChange.objects.count(), 1)

    def test_only_a_member_leads_and_only_the_dispatcher_or_chief_chooses(self) -> None:
        with self.assertRaises(CrewLeaderError):
            crew_leader_set(crew=self.led, user=self.chief, leader=self.clerk, was=None)
        with self.assertRaises(CrewLeaderError):  # no longer works here
            crew_leader_set(crew=self.led, user=self.chief, leader=self.leader, was=None)
        for person in (self.clerk, self.member, self.admin):
            with self.subTest(person=person.username):
                self.login(person)
                answer = self.client.post(self.post_url, {"leader": self.member.pk, "was": ""})
                self.assertEqual(answer.status_code, 403)
                with self.assertRaises(NotAllowed):
                    crew_leader_set(crew=self.led, user=person, leader=self.member, was=None)
        self.login(self.outsider)
        self.assertEqual(
            self.client.post(self.post_url, {"leader": self.member.pk}).status_code, 404
        )
        self.assertIsNone(Crew.objects.get(pk=self.led.pk).leader)
        self.assertFalse(CrewLeaderChange.objects.exists())


class LiaisonRetiredTests(BaseTestCase):
    def setUp(self) -> None:
        self.admin = make_user("adm", self.station_a, Role.ADMIN, is_staff=True)
        self.person = make_user("wang", self.station_a, Role.LIAISON, full_name="王村长")
        Membership.objects.filter(user=self.person).update(village=self.village)
        self.mine = Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="王村长",
            phone="138 1234 0001",
            role=Liaison.Role.DIRECTOR,
            user=self.person,
        )
        self.group_one = Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            group=self.group,
            name="王村长",
            phone="138 1234 0001",
            role=Liaison.Role.GROUP_LEADER,
            user=self.person,
        )
        self.someone = Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="李书记",
            phone="138 1234 0002",
            role=Liaison.Role.SECRETARY,
        )
        b_village = Village.objects.create(station=self.station_b, name="栋川村")
        Membership.objects.create(user=self.person, station=self.station_b, role=Role.LIAISON)
        self.elsewhere = Liaison.objects.create(
            station=self.station_b,
            village=b_village,
            name="王村长",
            phone="138 1234 0001",
            role=Liaison.Role.OTHER,
            user=self.person,
        )
        self.url = reverse("accounts:staff_end", args=[self.person.pk])

    def test_the_ending_page_says_their_liaison_records_will_be_retired(self) -> None:
        self.login(self.admin)
        page = self.client.get(self.url)
        self.assertContains(page, 'data-testid="end-liaisons"')
        self.assertEqual(page.context["asked"].liaisons, [self.mine, self.group_one])
        self.assertContains(page, f'href="{reverse("community:village", args=[self.village.pk])}"')
        self.assertNotContains(page, "栋川村")
        self.assertTrue(Liaison.objects.get(pk=self.mine.pk).active)  # looking changes nothing

    def test_ending_retires_them_kept_recorded_and_no_longer_told_of_outages(self) -> None:
        mine = {self.mine.pk, self.group_one.pk}
        told = {
            r.who["liaison_id"]
            for r in liaisons_of(self.station_a, [self.village.pk], [self.group.pk])
        }
        self.assertEqual(told & mine, mine)
        self.login(self.admin)
        answer = self.client.post(self.url, {"reason": "换届"}, follow=True)
        self.assertEqual(answer.status_code, 200)
        for row in (self.mine, self.group_one):
            row.refresh_from_db()
            self.assertFalse(row.active)  # kept, no longer current
            line = LiaisonActivity.objects.get(liaison=row)
            self.assertEqual((line.by, line.note_code), (self.admin, "liaison_retired"))
            self.assertEqual(line.note_args["reason"], "换届")
        self.assertTrue(Liaison.objects.get(pk=self.someone.pk).active)
        self.assertTrue(Liaison.objects.get(pk=self.elsewhere.pk).active)  # another station's
        told = {
            r.who["liaison_id"]
            for r in liaisons_of(self.station_a, [self.village.pk], [self.group.pk])
        }
        self.assertEqual(told, {self.someone.pk})
        ended = MembershipEnded.objects.get()
        self.assertEqual(ended.liaisons_retired, ["王村长 (左门)", "王村长 (左门·哔叭)"])
        [entry] = [e for e in audit_entries(station=self.station_a) if e.kind == "membership_ended"]
        self.assertIn("王村长 (左门·哔叭)", entry.what)
        staff = self.client.get(reverse("accounts:staff"))
        self.assertContains(staff, 'data-testid="ended-liaisons"')
        village = self.client.get(reverse("community:village", args=[self.village.pk]))
        self.assertEqual(village.status_code, 200)

    def test_a_refused_ending_retires_nothing(self) -> None:
        self.login(self.admin)
        self.client.post(self.url, {"reason": ""})
        self.assertTrue(Liaison.objects.get(pk=self.mine.pk).active)
        self.assertFalse(MembershipEnded.objects.exists())
