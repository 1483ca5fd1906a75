"""Hard problems followed for months: the problem, its plan's steps and its revisits."""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.lib.models import StationQuerySet
from powerdesk.servicedesk.models.calls import Call
from powerdesk.servicedesk.models.core import WorkOrder


class HardProblem(models.Model):
    """A problem that needs a rectification plan over weeks or months (难点问题)."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        SOLVED = "solved", _("solved")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="hard_problems", verbose_name=_("station")
    )
    title = models.CharField(_("problem"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hard_problems",
        verbose_name=_("village"),
    )
    group = models.ForeignKey(
        VillageGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hard_problems",
        verbose_name=_("village group"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    opened_at = models.DateTimeField(_("opened"))
    revisit_every_days = models.PositiveSmallIntegerField(_("revisit every (days)"), default=30)
    next_revisit_on = models.DateField(_("next revisit"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    solved_at = models.DateTimeField(_("solved at"), null=True, blank=True)
    work_orders = models.ManyToManyField(
        WorkOrder, blank=True, related_name="hard_problems", verbose_name=_("work orders")
    )
    calls = models.ManyToManyField(
        Call, blank=True, related_name="hard_problems", verbose_name=_("calls")
    )

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("hard problem")
        verbose_name_plural = _("hard problems")
        ordering = ["state", "next_revisit_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("servicedesk:hard_problem", args=[self.pk])

    @property
    def solution(self) -> HardProblemStep | None:
        """How a solved problem was solved: its closing line (by whom, when, the note); None
        while it is open."""
        if self.state != self.State.SOLVED:
            return None
        solutions = self.steps.filter(solves=True).select_related("done_by", "owner")
        return solutions.order_by("-pk").first()


# The title of a revisit's step, written by the system (stored in the station's language).
REVISIT_TITLE = _("Revisit / check again")


@functools.cache
def _revisit_wordings() -> frozenset[str]:
    """The revisit's title in each of the site's languages (as a step may have stored it)."""
    said = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            said.add(str(REVISIT_TITLE))
    return frozenset(said)


# The steps of a hard problem's plan that count towards its progress ("3/5"), as a filter of
# its ``steps``: neither a revisit nor a line of its record (a new owner, work handed back).
# Steps dropped as no longer needed (with a reason) are counted apart (``PLAN_STEPS_DROPPED``):
# "1/1 · 1 dropped", neither done nor still to do (walk74, 5).
_STEPS = models.Q(steps__is_revisit=False, steps__is_record=False)
PLAN_STEPS = _STEPS & models.Q(steps__dropped_at=None)
PLAN_STEPS_DONE = PLAN_STEPS & models.Q(steps__done_on__isnull=False)
PLAN_STEPS_DROPPED = _STEPS & models.Q(steps__dropped_at__isnull=False)


def steps_overdue_filter() -> models.Q:
    """Steps of an open problem's plan past their due date (the station's today), neither done
    nor dropped: the escalation scan tells of them, the list and the chief's home mark them."""
    from django.utils import timezone

    return models.Q(
        state=HardProblem.State.OPEN,
        steps__is_revisit=False,
        steps__is_record=False,
        steps__done_on=None,
        steps__due_on__lt=timezone.localdate(),
    )


class HardProblemStep(models.Model):
    """One step of a rectification plan, or a revisit, with an owner and a date."""

    problem = models.ForeignKey(
        HardProblem, on_delete=models.CASCADE, related_name="steps", verbose_name=_("problem")
    )
    title = models.CharField(_("step"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    # Who said it done (empty for steps done before it was kept, and for a revisit: its owner).
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    is_revisit = models.BooleanField(_("revisit"), default=False)
    # A line of the plan's record, not a step of it: a new owner of the problem or of a step
    # (``ownership``), its work handed back as its owner's work at the station ended
    # (``handback``). Written done, it is never counted among the plan's steps (``PLAN_STEPS``).
    is_record = models.BooleanField(_("line of the record"), default=False)
    # The revisit that closed the problem: how it was solved, by whom, when (walk37, 8).
    solves = models.BooleanField(_("how it was solved"), default=False)
    note = models.TextField(_("note"), blank=True)
    # When the step was added to the plan (empty for steps added before it was kept): a past
    # month's report counts only the steps its plan had then (walk74, 4).
    added_at = models.DateTimeField(_("added to the plan"), null=True, blank=True)
    # A step no longer needed, dropped with a reason (walk74, 5): ``done_on``/``done_by`` say
    # when and by whom, ``note`` why. Closed like a done step, never counted as done.
    dropped_at = models.DateTimeField(_("dropped on"), null=True, blank=True)

    station_field = "problem__station"
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["done_on", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title_shown(self) -> str:
        """A revisit's title in the reader's language (the system wrote it, ``is_revisit`` says
        so and its wording is the station's); a step of the plan as it was typed."""
        if self.is_revisit and self.title in _revisit_wordings():
            return str(REVISIT_TITLE)
        return self.title
