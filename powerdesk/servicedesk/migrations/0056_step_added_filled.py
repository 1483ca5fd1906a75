"""The steps of a plan made before 0051 kept no time they were added, so a past month's report
counted them in every month, before the problem was even opened (problems76): each is given the
time of its earliest record in the administration's history (a step added there), else the
time its problem was opened (the plan made with it). Backwards: those times are taken off
again (a step whose time is one of them: the same as before 0051, "always in the plan")."""

from django.db import migrations
from django.db.models import Min


def _plan_steps(apps):
    Step = apps.get_model("servicedesk", "HardProblemStep")
    return Step.objects.filter(is_revisit=False, is_record=False)


def _earliest_records(apps, pks):
    """The time each step's making was recorded in the administration's history, by its id."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    kind = ContentType.objects.filter(app_label="servicedesk", model="hardproblemstep").first()
    if kind is None or not pks:
        return {}
    rows = (
        # Only the record of its making (ADDITION): a later change is no time it was added.
        LogEntry.objects.filter(
            content_type=kind, object_id__in=[str(pk) for pk in pks], action_flag=1
        )
        .values("object_id")
        .annotate(first=Min("action_time"))
    )
    return {int(row["object_id"]): row["first"] for row in rows if row["object_id"].isdigit()}


def _added_times(apps, steps):
    """(step, the time it was added as this migration reads it) for each of ``steps``."""
    last = 0
    while True:
        batch = list(steps.filter(pk__gt=last).select_related("problem").order_by("pk")[:500])
        if not batch:
            return
        last = batch[-1].pk
        records = _earliest_records(apps, [s.pk for s in batch])
        for step in batch:
            yield step, records.get(step.pk) or step.problem.opened_at


def steps_added_fill(apps, schema_editor):
    Step = apps.get_model("servicedesk", "HardProblemStep")
    for step, added in list(_added_times(apps, _plan_steps(apps).filter(added_at=None))):
        Step.objects.filter(pk=step.pk, added_at=None).update(added_at=added)


def steps_added_clear(apps, schema_editor):
    Step = apps.get_model("servicedesk", "HardProblemStep")
    filled = _plan_steps(apps).filter(added_at__isnull=False)
    for step, added in list(_added_times(apps, filled)):
        if step.added_at == added:
            Step.objects.filter(pk=step.pk).update(added_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("servicedesk", "0055_notification_subject"),
    ]

    operations = [
        migrations.RunPython(steps_added_fill, steps_added_clear),
    ]
