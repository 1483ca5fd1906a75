"""Every step an outage's history records is said in words in each language (never its code)
and is either a step that says where the outage is or one that changes no state: the board's
row keeps the step before it. The steps are found in the code that records them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.liaison import liaison_power_back
from powerdesk.outages.liaison_checks import WRONG
from powerdesk.outages.life import PROGRESS_STEPS
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.planned import EVENT_LABELS
from powerdesk.outages.services import outage_declare
from powerdesk.outages.steps import NOT_A_STATE, STATE_STEPS, _step_labels, step_label
from tests.base import BaseTestCase, make_user

ROOT = Path(__file__).resolve().parent.parent / "powerdesk"
# Steps recorded from a variable, with what the variable can be (file, its name there).
FROM_VARIABLES = {
    ("outages/services.py", "status"): set(Outage.Status.values),
    ("outages/demo.py", "first"): {"announced", "active"},
    ("outages/life.py", "what"): set(PROGRESS_STEPS),
    ("outages/history.py", "what"): set(),  # ``outage_history_add`` itself: its callers'
    ("outages/liaison_checked.py", "WRONG"): {WRONG},  # a report marked wrong, on both outages
}


def _strings(node: ast.expr, constants: dict[str, str]) -> set[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Name) and node.id in constants:
        return {constants[node.id]}
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body, constants), _strings(node.orelse, constants)
        return body | orelse if body is not None and orelse is not None else None
    return None


def recorded_steps() -> tuple[set[str], set[tuple[str, str]]]:
    """Every ``what`` the code records on an outage's history (``outage_history_add`` and
    ``OutageEvent``), and the variables it records one from (file, name)."""
    found: set[str] = set()
    variables: set[tuple[str, str]] = set()
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or "data" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            t.id: n.value.value
            for n in tree.body
            if isinstance(n, ast.Assign)
            and isinstance(n.value, ast.Constant)
            and isinstance(n.value.value, str)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = ast.unparse(func)
            what: ast.expr | None = next((k.value for k in call.keywords if k.arg == "what"), None)
            if name == "outage_history_add" and what is None and len(call.args) > 2:
                what = call.args[2]
            elif name != "outage_history_add" and not (
                owner == "OutageEvent" or owner == "OutageEvent.objects.create"
            ):
                continue
            if what is None:
                continue
            strings = _strings(what, constants)
            if strings is None:
                variables.add((str(path.relative_to(ROOT)), ast.unparse(what)))
            else:
                found |= strings
    return found, variables


class StepCodesTests(BaseTestCase):
    def test_every_step_recorded_is_labelled_and_sorted(self) -> None:
        found, variables = recorded_steps()
        self.assertEqual(variables, set(FROM_VARIABLES))
        for values in FROM_VARIABLES.values():
            found |= values
        self.assertIn("liaison_on", found)
        self.assertGreater(len(found), 20)
        # The history's column holds the code (PostgreSQL refuses a longer one: SQLite stored
        # "not_interruption_undone", 23 characters, and only PostgreSQL failed).
        width = OutageEvent._meta.get_field("what").max_length
        for what in sorted(found):
            with self.subTest(what=what):
                self.assertLessEqual(len(what), width)
                # One of the two: a step the board's row states, or one it passes over.
                self.assertNotEqual(what in STATE_STEPS, what in NOT_A_STATE)
                # Said in words, not its code passed through (``event_label``'s fallback).
                self.assertIn(what, {*_step_labels(""), *EVENT_LABELS})
                for language in ("zh-hans", "en"):
                    with translation.override(language):
                        label = step_label(what)
                    self.assertTrue(label)
                    self.assertNotIn("_", label)
        # Nothing sorted that nothing records (a step renamed leaves no stale entry).
        self.assertEqual((STATE_STEPS | NOT_A_STATE) - found, set())


class LiaisonPowerBackOnTheBoardTests(BaseTestCase):
    """A liaison saying power is back in their group is a line of the history in words; the
    row's state stays what it was."""

    def setUp(self) -> None:
        self.liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        self.outage.events.create(at=self.outage.starts_at, by=self.chief, what="dispatched")
        self.login(self.chief)

    def board(self, language: str) -> str:
        with translation.override(language):
            response = self.client.get(reverse("outages:board"), HTTP_ACCEPT_LANGUAGE=language)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def step(self, html: str) -> str:
        found = re.search(rf'data-testid="step-outage-{self.outage.pk}">([^<]*)<', html)
        assert found is not None
        return found.group(1)

    def test_the_row_keeps_its_step_and_the_history_says_it_in_words(self) -> None:
        before = {language: self.step(self.board(language)) for language in ("zh-hans", "en")}
        self.assertEqual(before, {"zh-hans": "已派班组", "en": "crew dispatched"})
        liaison_power_back(
            user=self.liaison, village=self.village, outage=self.outage, group=self.group
        )
        for language in ("zh-hans", "en"):
            html = self.board(language)
            self.assertEqual(self.step(html), before[language])
            self.assertNotIn("liaison_on", html)
        with translation.override("en"):
            self.assertIn("power back, said by a village liaison", self.board("en"))
