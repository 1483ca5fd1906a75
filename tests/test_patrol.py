"""Patrol guidance on the board and "found here" (``powerdesk.outages.patrol``)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Crew, Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import (
    FoundPlace,
    Outage,
    OutageEvent,
    OutageLink,
    PredictedOutage,
    Signal,
    SignalType,
)
from powerdesk.outages.patrol import outage_found_here, patrol_for, prediction_found_here
from powerdesk.outages.services import OutageError, outage_declare, outage_restore
from tests.base import BaseTestCase, make_user, zh


class PatrolTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        a = cls.station_a

        def node(code: str, kind: str, parent: GridNode, **extra: object) -> GridNode:
            return GridNode.objects.create(
                station=a,
                feeder=cls.feeder,
                code=code,
                kind=kind,
                parent=parent,
                line_name="哔叭支线",
                **extra,  # type: ignore[arg-type]
            )

        cls.p03 = node(
            "ZM-B01-P03", NodeKind.POLE, cls.fuse, name="哔叭支线03号杆", pole_number="03"
        )
        cls.p04 = node(
            "ZM-B01-P04", NodeKind.POLE, cls.p03, name="哔叭支线04号杆", pole_number="04"
        )
        cls.t2 = node("ZM-B01-T2", NodeKind.TRANSFORMER, cls.p04, name="左门哔叭2号台区")
        cls.dispatcher = make_user("dispatch", a, Role.DISPATCHER)
        cls.crew_member = make_user("crew1", a, Role.CREW)
        # Two years ago a tree touched the conductor between poles 03 and 04.
        past = Outage.objects.create(
            station=a,
            device=cls.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            cause="树障碰线",
            starts_at=timezone.now() - dt.timedelta(days=700),
            restored_at=timezone.now() - dt.timedelta(days=700, hours=-3),
        )
        OutageLink.objects.create(outage=past, cause_kind="tree")
        # Where it was is read from the found place's fields, not from words of the history.
        FoundPlace.objects.create(
            outage=past,
            place="ZM-B01-P04/span",
            device=cls.p04,
            cause="tree",
            found_at=past.starts_at + dt.timedelta(hours=2),
        )
        OutageEvent.objects.create(
            outage=past, at=past.starts_at, what="found_here", note="在04号杆前的树下找到"
        )
        cls.outage = outage_declare(
            station=a, user=None, device=cls.fuse, kind=Outage.Kind.UNPLANNED
        )

    def test_the_stretch_is_below_the_device_and_the_tree_span_comes_first_with_its_reason(
        self,
    ) -> None:
        stops = patrol_for(self.outage)
        keys = [s.key for s in stops]
        self.assertEqual(keys[0], "ZM-B01-P04/span")
        self.assertIn("树障", stops[0].reasons[0])
        self.assertEqual(
            set(keys),
            {
                "ZM-B01-F",
                "ZM-B01-T1",
                "ZM-B01-P03/span",
                "ZM-B01-P03",
                "ZM-B01-P04/span",
                "ZM-B01-P04",
                "ZM-B01-T2",
            },
        )  # not the breaker nor pole 02 above the fuse
        self.assertIn("03–04", stops[0].label)
        self.assertTrue(95 <= sum(s.percent for s in stops) <= 105)

    def test_the_fuse_s_open_defect_is_a_reason(self) -> None:
        fuse = next(s for s in patrol_for(self.outage) if s.key == "ZM-B01-F")
        self.assertTrue(any("底座被雷击穿" in r for r in fuse.reasons), fuse.reasons)

    def test_found_here_records_the_place_and_cause_and_tells_the_engine(self) -> None:
        outage_found_here(
            outage=self.outage,
            user=self.dispatcher,
            place="ZM-B01-P04/span",
            cause="tree",
            note="竹子倒在线上",
        )
        link = OutageLink.objects.get(outage=self.outage)
        self.assertEqual(link.cause_kind, "tree")
        found = FoundPlace.objects.get(outage=self.outage)
        self.assertEqual(
            (found.place, found.device, found.cause, found.found_by, found.note),
            ("ZM-B01-P04/span", self.p04, "tree", self.dispatcher, "竹子倒在线上"),
        )
        self.assertAlmostEqual(found.found_at, timezone.now(), delta=dt.timedelta(minutes=1))
        line = self.outage.events.get(what="found_here")  # and in the outage's history, in words
        self.assertIn("03–04", line.note)
        self.assertEqual(line.by, self.dispatcher)
        signal = Signal.objects.get(type=SignalType.CONFIRM_OPEN, device=self.p04)
        self.assertEqual(signal.source, "staff")
        # This outage's own find is no fault "found here before" on its own patrol list ...
        first = patrol_for(self.outage)[0]
        self.assertEqual(first.key, "ZM-B01-P04/span")
        # (Followed by the date of the latest: walk78 M2.)
        self.assertTrue(first.reasons[0].startswith("此处曾发现故障 1 次（树障）"), first.reasons)
        # ... but it is learnt from at once: the next outage's patrol counts it.
        outage_restore(outage=self.outage, user=self.dispatcher, how="remote")
        later = outage_declare(
            station=self.station_a, user=None, device=self.fuse, kind=Outage.Kind.UNPLANNED
        )
        first = patrol_for(later)[0]
        self.assertEqual(first.key, "ZM-B01-P04/span")
        self.assertTrue(any(r.startswith("此处曾发现故障 2 次（树障") for r in first.reasons))
        # In Chinese the reasons are joined and bracketed in full-width punctuation.
        self.assertIn("（树障", first.reasons_text)
        self.assertIn("；", first.reasons_text)
        self.assertNotIn("; ", first.reasons_text)
        self.assertNotIn("(", first.reasons_text)

    def test_found_at_the_outage_s_own_device_sends_no_signal(self) -> None:
        outage_found_here(outage=self.outage, user=self.chief, place="ZM-B01-F", cause="lightning")
        self.assertFalse(
            Signal.objects.filter(type=SignalType.CONFIRM_OPEN)
            .exclude(source_id__startswith="confirm:")
            .exists()
        )

    def test_a_place_off_the_stretch_or_no_cause_stores_nothing(self) -> None:
        for place, cause in (("ZM-CB", "tree"), ("ZM-B01-P02", "tree"), ("ZM-B01-P03", "")):
            with self.subTest(place=place), self.assertRaises(OutageError):
                outage_found_here(outage=self.outage, user=self.chief, place=place, cause=cause)
        self.assertFalse(self.outage.events.filter(what="found_here").exists())
        self.assertFalse(FoundPlace.objects.filter(outage=self.outage).exists())

    def test_a_crew_member_records_it_only_on_an_outage_sent_to_their_crew(self) -> None:
        with self.assertRaises(NotAllowed):  # not dispatched to anyone yet
            outage_found_here(
                outage=self.outage, user=self.crew_member, place="ZM-B01-P03", cause="tree"
            )
        other = Crew.objects.create(station=self.station_a, name="抢修二班")
        other.members.add(self.crew_member)
        OutageLink.objects.update_or_create(outage=self.outage, defaults={"crew": self.crew})
        with self.assertRaises(NotAllowed):  # sent to 抢修一班, not to the member's 二班
            outage_found_here(
                outage=self.outage, user=self.crew_member, place="ZM-B01-P03", cause="tree"
            )
        self.assertFalse(FoundPlace.objects.filter(outage=self.outage).exists())
        self.assertFalse(Signal.objects.filter(type=SignalType.CONFIRM_OPEN).exists())
        self.crew.members.add(self.crew_member)
        found = outage_found_here(
            outage=self.outage, user=self.crew_member, place="ZM-B01-P03", cause="tree"
        )
        self.assertEqual((found.device, found.found_by), (self.p03, self.crew_member))
        signal = Signal.objects.get(type=SignalType.CONFIRM_OPEN, device=self.p03)
        self.assertEqual(signal.source, "crew")

    def test_the_restore_closes_the_found_place_again(self) -> None:
        outage_found_here(outage=self.outage, user=self.chief, place="ZM-B01-P03", cause="ageing")
        outage_restore(outage=self.outage, user=self.chief, how="remote")
        self.assertTrue(Signal.objects.filter(type=SignalType.RESTORE, device=self.p03).exists())

    def test_found_on_a_prediction_confirms_it_first(self) -> None:
        self.outage.delete()
        prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status="predicted",
            customers=1,
            confidence=0.7,
            first_sign_at=timezone.now() - dt.timedelta(minutes=30),
        )
        with self.assertRaises(OutageError):
            prediction_found_here(
                prediction=prediction, user=self.chief, place="nowhere", cause="tree"
            )
        self.assertFalse(Outage.objects.filter(status=Outage.Status.ACTIVE).exists())
        outage = prediction_found_here(
            prediction=prediction, user=self.chief, place="ZM-B01-T2", cause="animal"
        )
        self.assertEqual(outage.device, self.fuse)
        self.assertEqual(OutageLink.objects.get(outage=outage).cause_kind, "animal")

    def test_with_enough_found_faults_the_station_s_own_history_ranks_and_names_the_cause(
        self,
    ) -> None:
        from powerdesk.engine.patrol_model import MIN_EXAMPLES
        from powerdesk.outages.patrol_learn import learnt_model
        from powerdesk.outages.stretch import Grid

        # Over the years, lightning at the fuse and trees in the span below pole 03.
        for i in range(MIN_EXAMPLES + 5):
            start = timezone.now() - dt.timedelta(days=30 * i + 40)
            tree = i % 3 != 0
            past = Outage.objects.create(
                station=self.station_a,
                device=self.fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.RESTORED,
                cause="树障碰线" if tree else "雷击",
                starts_at=start,
                restored_at=start + dt.timedelta(hours=2),
            )
            OutageLink.objects.create(outage=past, cause_kind="tree" if tree else "lightning")
            FoundPlace.objects.create(
                outage=past,
                place="ZM-B01-P03/span" if tree else "ZM-B01-F",
                device=self.p03 if tree else self.fuse,
                cause="tree" if tree else "lightning",
                found_at=start + dt.timedelta(hours=1),
            )
        grid = Grid.load(station_id=self.station_a.pk)
        self.assertIsNotNone(learnt_model(self.station_a.pk, grid, before=timezone.now()))
        stops = patrol_for(self.outage)
        self.assertEqual([s.key for s in stops[:2]], ["ZM-B01-P03/span", "ZM-B01-F"])
        # "此处可能原因：…" (the msgid's words while the catalogue has no translation of it yet).
        likely = zh("likely cause here: %(cause)s (%(share)s)").split("%(cause)s")[0]
        self.assertTrue(any(likely in r and "树" in r for r in stops[0].reasons), stops[0])
        self.assertTrue(any(likely in r and "雷" in r for r in stops[1].reasons), stops[1])

    # -- pages --------------------------------------------------------------------------------
    def test_the_board_folds_out_the_patrol_and_its_page_lists_the_places(self) -> None:
        self.login(self.dispatcher)
        board = self.client.get(reverse("outages:board"))
        self.assertContains(board, f'data-testid="patrol-outage-{self.outage.pk}"')
        page = self.client.get(reverse("outages:patrol", args=[self.outage.pk]))
        self.assertContains(page, 'data-testid="patrol-ZM-B01-P04/span"')
        self.assertContains(page, f'action="{reverse("outages:patrol", args=[self.outage.pk])}"')

    def test_found_here_from_the_page_then_back_to_the_board(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:patrol", args=[self.outage.pk]),
            {"place": "ZM-B01-T2", "cause": "animal", "note": "蛇"},
        )
        self.assertRedirects(response, reverse("outages:board"), fetch_redirect_response=False)
        self.assertEqual(OutageLink.objects.get(outage=self.outage).cause_kind, "animal")

    def test_a_wrong_place_from_the_page_says_so_and_stores_nothing(self) -> None:
        self.login(self.chief)
        response = self.client.post(
            reverse("outages:patrol", args=[self.outage.pk]),
            {"place": "ZM-CB", "cause": "animal"},
            follow=True,
        )
        errors = [m for m in response.context["messages"] if m.level_tag == "error"]
        self.assertEqual(len(errors), 1)
        self.assertFalse(self.outage.events.filter(what="found_here").exists())

    def test_a_crew_member_not_sent_to_it_sees_the_list_but_cannot_post_here(self) -> None:
        self.login(self.crew_member)
        self.assertEqual(
            self.client.get(reverse("outages:patrol", args=[self.outage.pk])).status_code, 200
        )
        response = self.client.post(
            reverse("outages:patrol", args=[self.outage.pk]),
            {"place": "ZM-B01-T2", "cause": "animal"},
        )
        self.assertEqual(response.status_code, 403)

    def test_another_station_s_chief_gets_nothing(self) -> None:
        self.login(self.outsider)
        response = self.client.get(reverse("outages:patrol", args=[self.outage.pk]))
        self.assertIn(response.status_code, (403, 404))


class FoundPlaceMigrationTests(BaseTestCase):
    def test_the_places_said_in_words_before_become_found_places(self) -> None:
        """0009_found_place fills the fields from the history lines that held the place."""
        import importlib

        from django.apps import apps

        migration = importlib.import_module("powerdesk.outages.migrations.0009_found_place")
        past = Outage.objects.create(
            station=self.station_a,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.RESTORED,
            cause="树障碰线",
            starts_at=timezone.now() - dt.timedelta(days=300),
        )
        at = past.starts_at + dt.timedelta(hours=2)
        OutageEvent.objects.create(
            outage=past, at=at, by=self.chief, what="found_here", note="ZM-B01-T1 1号台区 · 树障"
        )
        OutageEvent.objects.create(outage=past, at=at, what="found_here", note="ZM-GONE 拆除")
        migration.fill_from_history(apps, None)
        found = FoundPlace.objects.get(outage=past)  # the element no longer there: left out
        self.assertEqual(
            (found.place, found.device, found.cause, found.found_at, found.found_by),
            ("ZM-B01-T1", self.transformer, "tree", at, self.chief),
        )
