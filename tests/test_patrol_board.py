"""The board's patrol list (``outages:patrol``, folded out on a row): the first places shown,
the rest folded under "more"; once a crew has said where the fault was, that place at the top
with who found it and when, and the ranked guess folded away."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.patrol import PATROL_SHOWN, outage_found_here
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, make_user


class BoardPatrolTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A branch of six poles below the fuse: with their spans, more places than are shown.
        parent = cls.fuse
        for n in range(3, 9):
            parent = GridNode.objects.create(
                station=cls.station_a,
                feeder=cls.feeder,
                code=f"ZM-B01-P{n:02d}",
                kind=NodeKind.POLE,
                parent=parent,
                name=f"哔叭支线{n:02d}号杆",
                pole_number=f"{n:02d}",
                line_name="哔叭支线",
            )
        cls.crew_member = make_user("crew1", cls.station_a, Role.CREW, full_name="王德忠")

    def setUp(self) -> None:
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind="unplanned",
            starts_at=timezone.now() - dt.timedelta(minutes=40),
        )
        self.login(self.chief)

    def page(self) -> str:
        response = self.client.get(reverse("outages:patrol", args=[self.outage.pk]))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_first_places_are_shown_and_the_rest_folded_under_more(self) -> None:
        page = self.page()
        shown, more = page.split('data-testid="patrol-more"')
        self.assertEqual(shown.count('<li data-testid="patrol-'), PATROL_SHOWN)
        self.assertGreater(more.count('<li data-testid="patrol-'), 0)
        self.assertIn("<details", shown[-10:])  # folded
        self.assertNotIn('data-testid="patrol-found"', page)

    def test_a_found_place_is_said_at_the_top_with_who_and_when_and_the_guess_is_folded(
        self,
    ) -> None:
        found_at = timezone.now() - dt.timedelta(minutes=5)
        outage_found_here(
            outage=self.outage,
            user=self.chief,
            place="ZM-B01-P06/span",
            cause="tree",
            note="竹子倒在线上",
            at=found_at,
        )
        page = self.page()
        top = page[page.index('data-testid="patrol-found"') :]
        top = top[: top.index("</p>")]
        when = f"{timezone.localtime(found_at):%m-%d %H:%M}"
        self.assertIn(f"已找到：哔叭支线 05–06号杆档距，杨所长，{when}", top)
        self.assertIn("竹子倒在线上", top)
        # The ranked guess is still there, folded under the answer, the place marked in it.
        self.assertLess(page.index('data-testid="patrol-found"'), page.index("patrol-guess"))
        self.assertIn('data-testid="patrol-found-mark"', page)

    def test_a_found_place_shows_at_once_though_the_list_was_kept(self) -> None:
        self.page()
        outage_found_here(outage=self.outage, user=self.chief, place="ZM-B01-T1", cause="animal")
        self.assertIn('data-testid="patrol-found"', self.page())

    def test_a_span_found_is_named_one_way_on_the_board_row_the_history_and_the_crew_s_job(
        self,
    ) -> None:
        """Never its key ("ZM-B01-P06/span"), never "the span down to 06" on one page and
        "哔叭支线 05–06号杆档距" on another: the name the patrol list gives it, everywhere."""
        outage_found_here(
            outage=self.outage, user=self.chief, place="ZM-B01-P06/span", cause="tree"
        )
        name = "哔叭支线 05–06号杆档距"
        board = self.client.get(reverse("outages:board")).content.decode()
        row = board[board.index('data-testid="found-outage-') :]
        self.assertIn(name, row[: row.index("</span></span>")])
        history = board[board.index(f'data-testid="history-outage-{self.outage.pk}"') :]
        history = history[: history.index("</ol>")]
        self.assertIn(f"{name} · 树障", history)
        self.assertNotIn("P06/span", board)
        self.assertNotIn("通往", board)
        english = self.client.get(reverse("outages:board"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertNotIn("P06/span", english.content.decode())
        self.assertIn("哔叭支线 span 05–06 · tree", english.content.decode())

    def test_a_span_found_is_said_by_its_name_not_beside_the_code_of_the_pole_it_leads_to(
        self,
    ) -> None:
        """ "哔叭支线 05–06号杆档距  ZM-B01-P06" was read as the span's code: the board's row and
        its patrol list say a span by its name alone; a pole or a device found keeps its own
        code beside its name."""
        outage_found_here(
            outage=self.outage, user=self.chief, place="ZM-B01-P06/span", cause="tree"
        )
        row, top = self.found_said()
        for said in (row, top):
            self.assertIn("哔叭支线 05–06号杆档距", said)
            self.assertIn("树障", said)
            self.assertNotIn("ZM-B01-P06", said)
        # The pole itself found: said by its name, with its code.
        outage_found_here(outage=self.outage, user=self.chief, place="ZM-B01-P06", cause="tree")
        for said in self.found_said():
            self.assertIn("哔叭支线06号杆", said)
            self.assertIn("ZM-B01-P06 · 树障", said)

    def found_said(self) -> tuple[str, str]:
        """Where the fault was found, as the board's row and the top of its patrol list say it."""
        board = self.client.get(reverse("outages:board")).content.decode()
        row = board[board.index(f'data-testid="found-outage-{self.outage.pk}"') :]
        page = self.page()
        top = page[page.index('data-testid="patrol-found"') :]
        return row[: row.index("</span></span>")], top[: top.index("</p>")]
