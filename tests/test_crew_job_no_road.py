"""The crew phone's "no road access: walk in": for the places the crew walks to for the job, as
the crew suggestion counts the walk; the places named after the badge only when they are not
the villages out named already: "梅子箐 [不通车] 梅子箐" said one name twice (walkthrough 33,
item 8)."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Role
from powerdesk.community.models import Village
from powerdesk.outages.board import board_rows
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.crew_job_card import Job
from tests.base import BaseTestCase, make_user, zh
from tests.crew_choice_cast import TARGET, crews_north_and_south, feeder_out, outage_at


def _job(villages_out: list[str], no_road: list[str]) -> Job:
    return Job(
        order=None,  # type: ignore[arg-type]
        stage="dispatched",
        outage=None,
        device=None,
        pole="",
        line="",
        calls=[],
        calls_total=0,
        villages_out=villages_out,
        no_road_places=no_road,
    )


def test_the_villages_named_are_not_named_again_after_the_badge() -> None:
    assert _job(["梅子箐"], ["梅子箐"]).no_road_named_apart == []


def test_which_of_several_places_no_road_reaches_is_still_said() -> None:
    assert _job(["梅子箐", "左门"], ["梅子箐"]).no_road_named_apart == ["梅子箐"]
    assert _job(["左门"], ["哔叭组"]).no_road_named_apart == ["哔叭组"]


class CardWalksInWhereTheSuggestionDoes(BaseTestCase):
    """The card badges "no road access: walk in" only for the places the crew walks to for this
    job — the outage device's village and its zone, where the fault is, as the board's crew
    suggestion counts the walk — not for a group no road reaches behind a fuse that held, dark
    under a whole feeder out."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.fuse.x, cls.fuse.y = TARGET
        cls.fuse.save()
        crews_north_and_south(cls)
        cls.member = make_user("crew1", cls.station_a, Role.CREW, full_name="王德忠")
        cls.crew.members.add(cls.member)

    def suggested_walk_in(self) -> bool:
        (row,) = board_rows(self.station_a)
        return row.crew_options[0].walk_in

    def card(self, outage: Outage) -> str:
        """The villages on the card of ``outage``'s job, once 抢修一班 is sent to it."""
        outage_dispatch(outage=outage, crew=self.crew, user=self.chief)
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        said = page[page.index('data-testid="job-villages-out"') :]
        return said[: said.index("</dd>")]

    def test_a_whole_feeder_out_is_not_walked_into_behind_the_fuse_that_held(self) -> None:
        outage = feeder_out(self)  # the households of 哔叭 (no road) are out behind the fuse
        self.assertFalse(self.suggested_walk_in())
        card = self.card(outage)
        self.assertIn("左门", card)  # the village out is named
        self.assertNotIn(zh("no road access: walk in"), card)

    def test_a_whole_feeder_out_is_walked_into_where_its_backbone_has_no_road(self) -> None:
        far = Village.objects.create(
            station=self.station_a, name="梅子箐", no_road_access=True, walk_minutes=80
        )
        self.pole.village = far
        self.pole.save()
        outage = feeder_out(self)
        self.assertTrue(self.suggested_walk_in())
        card = self.card(outage)
        self.assertIn(zh("no road access: walk in"), card)
        # Named before the badge, as a hazard job's place is (walk72, 7).
        self.assertIn("梅子箐", card[: card.index(zh("no road access: walk in"))])
        self.assertNotIn("哔叭", card)  # behind the fuse that held

    def test_the_branch_fuse_out_is_walked_into_its_group_no_road_reaches(self) -> None:
        outage = outage_at(self)
        self.assertTrue(self.suggested_walk_in())
        card = self.card(outage)
        self.assertIn(zh("no road access: walk in"), card)
        self.assertIn("哔叭", card)
        # The group no road reaches beside its village, the badge after both (walk72, 7).
        before, _badge, after = card.partition(zh("no road access: walk in"))
        self.assertIn("哔叭", before)
        self.assertIn(" · ", before)
        self.assertNotIn("哔叭", after)
